"""The entity index model: a lazy model over the listing's ids that an update changes row by
row (no reset, the selection stays), checked by Qt's model tester."""

from __future__ import annotations

from reader.analysis.entity_index import IndexEntry
from ui.entity_index_view import EntityIndexModel


def _e(name: str, etype: str, mentions: int) -> IndexEntry:
    return IndexEntry(name, etype, mentions, tuple(range(1, mentions + 1)), (name,))


def test_an_update_touches_the_rows_that_changed(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = EntityIndexModel()
    base = [_e(f"名{i:03d}", "PER" if i % 2 else "LOC", 1000 - i) for i in range(600)]
    model.set_entries(base)
    qtmodeltester.check(model)
    assert model.rowCount() == 600 and model.entry(0).name == "名000"
    events: list[tuple[str, int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): events.append(("changed", a.row(), b.row())))
    model.rowsInserted.connect(lambda _p, a, b: events.append(("inserted", a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: events.append(("removed", a, b)))
    model.modelReset.connect(lambda: events.append(("reset", 0, 0)))
    updated = list(base)
    updated[300] = IndexEntry("名300", updated[300].type, 700, updated[300].articles, ("名300", "名三百"))  # no move
    del updated[10]
    updated.append(_e("新名", "ORG", 5))
    model.set_entries(updated)
    assert ("reset", 0, 0) not in events
    assert ("removed", 10, 10) in events and ("inserted", 599, 599) in events
    assert [e for e in events if e[0] == "changed"] == [("changed", 299, 299)]
    assert model.rowCount() == 600 and model.entry(599).name == "新名"
    assert model.fetches <= 8  # only blocks that were shown or asked for
    qtmodeltester.check(model)
    model.set_filter("名00", ["LOC"])
    assert [model.entry(r).name for r in range(model.rowCount())] == [f"名00{i}" for i in (0, 2, 4, 6, 8)]
    qtmodeltester.check(model)
