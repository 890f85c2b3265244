"""File → Export: XLSX by default, the path follows the format, progress, Cancel, and a
confirmation naming the file with an Open folder button."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from reader.corpus import Corpus
from ui.export_dialog import ExportDialog
from ui.tasks import TaskRunner


def _dialog(qtbot, corpus: Corpus) -> ExportDialog:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    dialog = ExportDialog(corpus, runner)
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_to_xlsx_and_confirms_with_the_path(qtbot, corpus: Corpus, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    art = next(a for a in corpus.articles() if a.title == "利剑高悬显锋芒")
    corpus.annotate_quote(art.id, "李彦文", tags=["人物"], note="书记")
    dialog = _dialog(qtbot, corpus)
    assert dialog.current_format() == "xlsx" and dialog.path_edit.text().endswith(".xlsx")
    assert not dialog.nvivo_check.isVisibleTo(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("qdpx"))
    assert dialog.path_edit.text().endswith(".qdpx") and dialog.nvivo_check.isVisibleTo(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
    target = tmp_path / "out.xlsx"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.start_export()
    assert blocker.args == [1, str(target)]
    qtbot.waitUntil(lambda: dialog.confirmation is not None and dialog.confirmation.isVisible())
    assert str(target) in dialog.confirmation.text()
    opened: list[str] = []
    monkeypatch.setattr("ui.export_dialog.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog.open_folder_button.click()
    assert opened == [str(tmp_path)]
    assert dialog.progress.value() == dialog.progress.maximum()
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Annotations", "Codebook"]


def test_cancel_stops_a_running_export(qtbot, corpus: Corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, corpus)
    target = tmp_path / "never.xlsx"
    dialog.path_edit.setText(str(target))
    start = dialog.runner.start

    def start_cancelled(task, write=True):  # type: ignore[no-untyped-def]
        dialog.buttons.rejected.emit()  # the dialog's Cancel while the export runs
        return start(task, write)

    dialog.runner.start = start_cancelled  # type: ignore[method-assign]
    assert dialog.start_export() is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)
    assert not target.exists() and dialog.confirmation is None
    assert dialog.export_button.isEnabled()
