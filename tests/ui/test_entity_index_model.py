"""The entity index model: a lazy model over the store's aggregate that a write changes row by
row (no reset, the selection stays), checked by Qt's model tester."""

from __future__ import annotations

from reader.analysis import entity_index as ei
from reader.coding import corrections
from reader.corpus import Corpus
from ui.entity_index_view import EntityIndexModel


def test_an_update_touches_the_rows_that_changed(qtmodeltester, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    model = EntityIndexModel()
    model.load()
    qtmodeltester.check(model)
    n = model.rowCount()
    assert n > 20
    shown = [model.entry(r) for r in range(n)]
    assert [e.mentions for e in shown] == sorted((e.mentions for e in shown), reverse=True)
    short = next(e for e in shown if e.name == "娄星区" and e.type == "LOC")
    full = next(e for e in shown if e.name == "娄底市娄星区" and e.type == "LOC")
    events: list[tuple[str, int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): events.append(("changed", a.row(), b.row())))
    model.rowsInserted.connect(lambda _p, a, b: events.append(("inserted", a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: events.append(("removed", a, b)))
    model.modelReset.connect(lambda: events.append(("reset", 0, 0)))
    fetches = model.fetches
    ei.add_alias("娄星区", "娄底市娄星区")
    touched = model.update()
    assert set(touched) >= {short.id, full.id} and len(touched) < n // 4  # only the entries the write named
    assert ("reset", 0, 0) not in events
    assert any(e[0] == "removed" for e in events)  # 娄星区 went into its canonical name
    assert model.rowCount() == n - 1
    merged = model.entry(model.row_of_entry("娄底市娄星区", "LOC"))
    assert merged.mentions == short.mentions + full.mentions and "娄星区" in merged.variants
    assert model.fetches - fetches <= 4  # the blocks of the rows re-read, not the whole table
    qtmodeltester.check(model)
    events.clear()
    assert model.update() == [] and events == []  # nothing written: nothing re-read
    corrections.add_entity(corpus, "娄星区纪委监委", "ORG")
    assert model.update() and ("reset", 0, 0) not in events
    assert model.row_of_entry("娄星区纪委监委", "ORG") >= 0
    qtmodeltester.check(model)
    model.set_filter("娄星", ["LOC"])
    names = [model.entry(r).name for r in range(model.rowCount())]
    assert "娄底市娄星区" in names and all(model.entry(r).type == "LOC" for r in range(model.rowCount()))
    qtmodeltester.check(model)
