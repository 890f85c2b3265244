"""Rebuilding a table in place (SQLite's "12-step" ALTER), for migration steps that change what
``ALTER TABLE`` cannot, such as adding ``AUTOINCREMENT``.

Contract of :func:`add_autoincrement`: the table keeps its name, columns, rows (ids included),
indexes and triggers; tables that reference it keep their references (it is renamed back to the
same name); its ``sqlite_sequence`` starts at its highest id.  It must run inside a transaction
with ``PRAGMA foreign_keys=OFF`` (see :func:`reader.store.safety.foreign_keys_off`), so dropping
the old table cascades nowhere.  It works from the table's current ``CREATE`` statement, so it
is independent of the steps that made it.
"""

from __future__ import annotations

import re

from peewee import SqliteDatabase

_ID = re.compile(r'(?P<col>"id"|`id`|\bid\b)\s+INTEGER\s+(?:NOT\s+NULL\s+)?PRIMARY\s+KEY', re.IGNORECASE)


def has_autoincrement(db: SqliteDatabase, table: str) -> bool:
    row = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    return row is not None and "AUTOINCREMENT" in row[0].upper()


def add_autoincrement(db: SqliteDatabase, table: str) -> bool:
    """Make ``table``'s integer ``id`` AUTOINCREMENT; False when the table is missing or already
    so.  Raises ``RuntimeError`` when its ``id`` is not an ``INTEGER PRIMARY KEY``."""
    row = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    if row is None or "AUTOINCREMENT" in row[0].upper():
        return False
    sql, found = _ID.subn(lambda m: m.group(0) + " AUTOINCREMENT", row[0], count=1)
    if not found:
        raise RuntimeError(f"table {table}: no INTEGER PRIMARY KEY id column to make AUTOINCREMENT")
    temp = f"{table}__rebuilt"
    head = re.compile(r'^\s*CREATE\s+TABLE\s+(?:"' + re.escape(table) + r'"|`' + re.escape(table) + r'`|'
                      + re.escape(table) + r'\b)', re.IGNORECASE)
    sql, found = head.subn(f'CREATE TABLE "{temp}"', sql, count=1)
    if not found:
        raise RuntimeError(f"table {table}: unexpected CREATE statement")
    dependents = db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL "
        "ORDER BY type = 'trigger', name", (table,)).fetchall()
    columns = ", ".join(f'"{r[1]}"' for r in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall())
    db.execute_sql(sql)
    db.execute_sql(f'INSERT INTO "{temp}" ({columns}) SELECT {columns} FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    # legacy mode: the rename does not re-check other objects that name the dropped table (they
    # name it again once the rebuilt table takes its name)
    db.execute_sql("PRAGMA legacy_alter_table = ON")
    try:
        db.execute_sql(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
    finally:
        db.execute_sql("PRAGMA legacy_alter_table = OFF")
    for (statement,) in dependents:
        db.execute_sql(statement)
    high = db.execute_sql(f'SELECT coalesce(max("id"), 0) FROM "{table}"').fetchone()[0]
    db.execute_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
    db.execute_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, high))
    return True
