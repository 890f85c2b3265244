"""Live notices of other coders' writes on a server corpus (``LISTEN``/``NOTIFY``, issue 17).

Triggers of the server step ``_s3_change_notices`` send one notice per changed row of the
tables a view shows (annotations and their tags, articles and their labels and counts, the
codebook) on the channel :data:`CHANNEL` when the writing transaction commits; PostgreSQL
delivers them to every listening connection, in commit order.  :func:`watch` listens on its own
connection and hands them over in batches as :class:`reader.changes.Change` values, the same
vocabulary a write in this process returns, so a view refreshes from either alike.
A file corpus has no notices: its readers poll ``Corpus.data_version()`` instead.
"""

from __future__ import annotations

import json
import select
import time
from collections.abc import Callable
from dataclasses import dataclass

from reader.changes import Change

CHANNEL = "pizhu_changes"

# table -> the Change kind its rows belong to
KINDS = {"annotation": "annotations", "annotation_tag": "annotations", "tag": "tags", "article": "articles",
         "article_tag": "articles", "article_stat": "articles",  # counts of entities and annotations
         "entity_span": "entities", "entity_pack": "entities", "entity_fix": "entities", "entity_correction": "entities",
         "entity_alias": "entities", "article_variable": "articles", "phrase_list": "phrases", "phrase": "phrases",
         "ner_model": "model"}  # the retrained recognition model (reader.store.server_model)


@dataclass(frozen=True)
class Notice:
    """One changed row: its table, ``insert``/``update``/``delete``, its id and its article."""

    table: str
    op: str
    id: int | None
    article: int | None

    @classmethod
    def parse(cls, payload: str) -> "Notice":
        data = json.loads(payload)
        as_int = (lambda v: None if v is None else int(v))
        return cls(str(data["table"]), str(data["op"]), as_int(data.get("id")), as_int(data.get("article")))

    def to_json(self) -> dict[str, object]:
        return {"table": self.table, "op": self.op, "id": self.id, "article": self.article}


def changes(notices: list[Notice]) -> list[Change]:
    """The notices of one batch as one :class:`Change` per kind (articles and ids gathered)."""
    grouped: dict[str, tuple[set[int], set[int]]] = {}
    for n in notices:
        kind = KINDS.get(n.table, n.table)
        articles, ids = grouped.setdefault(kind, (set(), set()))
        if n.article is not None:
            articles.add(n.article)
        if kind == "articles" and n.table == "article" and n.id is not None:
            articles.add(n.id)
        elif n.id is not None:
            ids.add(n.id)
    return [Change(kind, tuple(sorted(a)), tuple(sorted(i))) for kind, (a, i) in sorted(grouped.items())]


def watch(uri: str, on_notices: Callable[[list[Notice]], None], stopped: Callable[[], bool],
          interval: float = 0.2, ready: Callable[[], None] | None = None) -> None:
    """Listen to the corpus at ``uri`` until ``stopped()``; each wake-up with notices calls
    ``on_notices(batch)`` (checked every ``interval`` seconds).  ``ready()`` is called once
    listening, so a caller can start writing without missing anything."""
    import psycopg2

    con = psycopg2.connect(uri)
    try:
        con.autocommit = True
        con.cursor().execute(f"LISTEN {CHANNEL}")
        if ready is not None:
            ready()
        while not stopped():
            if select.select([con], [], [], interval) == ([], [], []):
                continue
            con.poll()
            batch = [Notice.parse(n.payload) for n in con.notifies if n.channel == CHANNEL]
            con.notifies.clear()
            if batch:
                on_notices(batch)
    finally:
        con.close()


def watch_for(uri: str, seconds: float | None = None, count: int | None = None,
              on_notice: Callable[[Notice], None] | None = None) -> list[Notice]:
    """Collect notices for ``seconds`` or until ``count`` have come (whichever first)."""
    got: list[Notice] = []
    end = None if seconds is None else time.monotonic() + seconds

    def take(batch: list[Notice]) -> None:
        for n in batch:
            got.append(n)
            if on_notice is not None:
                on_notice(n)

    watch(uri, take, lambda: (end is not None and time.monotonic() >= end) or (count is not None and len(got) >= count))
    return got
