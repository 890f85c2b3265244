"""The statistics view: tables, bar charts, CSV and PNG export, refresh on change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from reader.analysis import stats
from reader.corpus import Change
from ui.charts import BarChart
from ui.stats_view import StatsTableModel, StatsView
from ui.tasks import TaskRunner

WAIT = 20000


@pytest.fixture
def view(qtbot, corpus):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    v = StatsView(corpus, runner)
    qtbot.addWidget(v)
    v.resize(1100, 600)
    v.show()
    with qtbot.waitSignal(v.stats_ready, timeout=WAIT):
        v.refresh()
    yield v
    runner.wait(10000)


def test_tables_are_models_and_charts_follow(qtbot, qtmodeltester, view, corpus) -> None:  # type: ignore[no-untyped-def]
    for key in ("tags", "entities", "tag_entity", "tag_tag", "lengths", "sources"):
        view.show_table(key)
        qtmodeltester.check(view.model)
    view.show_table("lengths")
    view.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(view.proxy)
    longest = view.proxy.index(0, 3).data()
    assert longest == max(a.chars for a in stats.article_lengths())
    view.show_table("sources")
    assert view.model.rowCount() == 5
    assert sum(v for _, v in view.chart.bars()) == len(corpus.articles())
    view.show_table("lengths")
    assert sum(v for _, v in view.chart.bars()) == len(corpus.articles())  # histogram
    view.show_table("entities")
    labels = [label for label, _ in view.chart.bars()]
    top = stats.entity_frequencies()
    assert len(labels) == min(25, len(top)) and labels[0] == f"{top[0].text} ({top[0].type})"
    view.grab().save("/tmp/pizhu_stats.png")


def test_exports_write_csv_with_bom_and_png(view, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view.show_table("entities")
    out = tmp_path / "entities.csv"
    rows = view.export_csv(str(out))
    data = out.read_bytes()
    assert rows == view.model.rowCount() and data.startswith(b"\xef\xbb\xbftext,type,mentions,articles")
    top = stats.entity_frequencies()[0]
    assert data.decode("utf-8-sig").splitlines()[1] == f"{top.text},{top.type},{top.mentions},{top.articles}"
    png = tmp_path / "entities.png"
    assert view.export_png(str(png))
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 800


def test_refreshes_on_annotation_change_with_scopes(qtbot, view, corpus) -> None:  # type: ignore[no-untyped-def]
    first = next(a for a in corpus.articles() if a.display_title == "利剑高悬显锋芒")
    ann = corpus.annotate_quote(first.id, "区委书记李彦文", tags=["领导"])
    with qtbot.waitSignal(view.stats_ready, timeout=WAIT):
        view.on_corpus_changed(Change("annotations", (first.id,), (ann.id,)))
    view.show_table("tags")
    assert view.chart.bars() == [("领导", 1.0)]
    view.show_table("tag_entity")
    assert ("领导 × 李彦文", 1.0) in view.chart.bars()
    with qtbot.waitSignal(view.stats_ready, timeout=WAIT):
        view.scope_combo.setCurrentIndex(view.scope_combo.findData("article"))
    assert view.stats.scope == "article"
    assert any(label == "领导 × 刘志刚" for label, _ in view.chart.bars())


def test_cancel_hides_progress(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.refresh()
    view.cancel_button.click()
    assert not view.cancel_button.isVisible() and not view.progress.isVisible()


def test_bar_chart_alone(qtbot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_data("标签", ["巡察", "娄底市娄星区"], [3, 1])
    chart.resize(500, chart.sizeHint().height())
    assert chart.save_png(str(tmp_path / "c.png"))
    model = StatsTableModel()
    model.set_table(("a", "n"), [("巡察", 3), ("娄星区", 1)])
    qtmodeltester.check(model)
