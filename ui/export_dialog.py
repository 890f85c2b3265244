"""File → Export…: format (XLSX first), filters and destination; the export streams off the GUI
thread with a progress bar and Cancel, and ends with a confirmation that names the file and
offers to open its folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from reader.exchange.exporters import get_exporter
from reader.exchange.exporting import ExportCancelled, ExportFilters, export, formats
from ui.annotation_panel import split_tags
from ui.tasks import Task, TaskRunner

DEFAULT_FORMAT = "xlsx"


class ExportDialog(QDialog):
    exported = Signal(int, str)

    def __init__(  # type: ignore[no-untyped-def]
        self, corpus, runner: TaskRunner, parent: QWidget | None = None,
        current_article: int | None = None, listed_articles: list[int] | None = None,
    ) -> None:
        """``current_article`` and ``listed_articles`` (the article list as filtered) are offered
        as article sets besides the whole corpus."""
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.task: Task | None = None
        self.confirmation: QMessageBox | None = None
        self.setWindowTitle(self.tr("Export annotations"))
        self.format_combo = QComboBox(self)
        labels = self.format_labels()
        names = formats()
        for name in [DEFAULT_FORMAT, *[n for n in names if n != DEFAULT_FORMAT]]:
            if name in names:
                self.format_combo.addItem(labels.get(name, name), name)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("all tags (children included)"))
        self.author_edit = QLineEdit(self)
        self.author_edit.setPlaceholderText(self.tr("every coder"))
        self.since_edit = QLineEdit(self)
        self.since_edit.setPlaceholderText("YYYY-MM-DD")
        self.until_edit = QLineEdit(self)
        self.until_edit.setPlaceholderText("YYYY-MM-DD")
        self.entities_check = QCheckBox(self.tr("Include entities (an Entities sheet in XLSX)"), self)
        self.nvivo_check = QCheckBox(self.tr("Positions as NVivo counts them (UTF-16, CRLF)"), self)
        self.articles_combo = QComboBox(self)
        self.articles_combo.addItem(self.tr("All articles"), ())
        if current_article is not None:
            self.articles_combo.addItem(self.tr("The open article"), (current_article,))
        if listed_articles:
            self.articles_combo.addItem(self.tr("Articles listed now (%d)") % len(listed_articles), tuple(listed_articles))
        self.bio_combo = QComboBox(self)
        self.bio_combo.addItem(self.tr("entities"), "entities")
        self.bio_combo.addItem(self.tr("annotation tags"), "tags")
        self.bio_combo.setToolTip(self.tr("What the character BIO (CoNLL) export labels"))
        self.path_edit = QLineEdit(self)
        self.path_edit.setText(str(self.default_path(DEFAULT_FORMAT)))
        browse = QPushButton(self.tr("Browse…"), self)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export"))
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("Articles"), self.articles_combo)
        form.addRow(self.tr("Tags"), self.tags_edit)
        form.addRow(self.tr("Coder"), self.author_edit)
        form.addRow(self.tr("Created from"), self.since_edit)
        form.addRow(self.tr("Created until"), self.until_edit)
        form.addRow("", self.entities_check)
        form.addRow("", self.nvivo_check)
        form.addRow(self.tr("BIO labels"), self.bio_combo)
        form.addRow(self.tr("Save to"), path_row)
        form.addRow(self.progress)
        form.addRow(self.buttons)
        browse.clicked.connect(self._on_browse_clicked)
        self.format_combo.currentIndexChanged.connect(self._on_format_combo_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self._on_buttons_rejected)
        self._on_format_combo_changed()

    def format_labels(self) -> dict[str, str]:
        return {
            "xlsx": self.tr("Excel workbook (.xlsx): annotations, codebook, entities"),
            "csv": self.tr("CSV for Excel (UTF-8 with BOM)"),
            "qdpx": self.tr("REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA)"),
            "qdc": self.tr("REFI-QDA codebook (.qdc)"),
            "w3c": self.tr("W3C Web Annotation (JSON-LD)"),
            "jsonl": self.tr("JSON Lines (doccano style)"),
            "brat": self.tr("brat standoff (folder or .zip)"),
            "bio": self.tr("Character BIO / CoNLL"),
            "md": self.tr("Markdown report"),
            "html": self.tr("HTML report"),
        }

    @staticmethod
    def default_path(fmt: str) -> Path:
        folder = Path.home() / "Documents"
        folder = folder if folder.is_dir() else Path.home()
        return folder / f"pizhu-export-{dt.date.today():%Y%m%d}{get_exporter(fmt).extension}"

    def current_format(self) -> str:
        return str(self.format_combo.currentData())

    def filters(self) -> ExportFilters:
        return ExportFilters(
            tags=tuple(split_tags(self.tags_edit.text())), author=self.author_edit.text().strip() or None,
            since=self.since_edit.text().strip() or None, until=self.until_edit.text().strip() or None,
            include_entities=self.entities_check.isChecked(),
            articles=tuple(self.articles_combo.currentData() or ()),
            bio_source=str(self.bio_combo.currentData()),
            nvivo=self.nvivo_check.isChecked() and self.current_format() == "qdpx",
        )

    @Slot()
    def _on_format_combo_changed(self) -> None:
        fmt = self.current_format()
        self.nvivo_check.setVisible(fmt == "qdpx")
        self.bio_combo.setEnabled(fmt == "bio")
        text = self.path_edit.text().strip()
        if text:  # keep the chosen name and folder, follow the format's extension
            self.path_edit.setText(str(Path(text).with_suffix(get_exporter(fmt).extension)))

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path_edit.text())
        if path:
            self.path_edit.setText(path)

    def start_export(self) -> Task | None:
        path = self.path_edit.text().strip()
        if not path:
            QMessageBox.warning(self, self.tr("Export"), self.tr("Choose where to save the export."))
            return None
        fmt, filters = self.current_format(), self.filters()
        task = Task(lambda progress, cancelled: export(self.corpus, fmt, path, filters,
                                                        progress=progress, cancelled=cancelled))
        task.signals.progress.connect(self._on_task_progress)
        task.signals.returned.connect(lambda count: self._on_task_returned(int(count), path))
        task.signals.errored.connect(self._on_task_errored)
        task.signals.finished.connect(self._on_task_finished)
        self.export_button.setEnabled(False)
        self.task = task
        return self.runner.start(task, write=False)

    @Slot(int, int, str)
    def _on_task_progress(self, done: int, total: int, _label: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_task_returned(self, count: int, path: str) -> None:
        self.exported.emit(count, path)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export finished"),
                          self.tr("Exported %d annotation(s) to\n%s") % (count, path), parent=self)
        self.open_folder_button = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        self.open_folder_button.clicked.connect(lambda: self.open_folder(path))
        box.finished.connect(self.accept)
        self.confirmation = box
        box.open()

    def open_folder(self, path: str) -> bool:
        target = Path(path)
        folder = target if target.is_dir() else target.parent
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    @Slot(object)
    def _on_task_errored(self, exc: Exception) -> None:
        if isinstance(exc, ExportCancelled):
            self.progress.setValue(0)
            return
        QMessageBox.critical(self, self.tr("Export failed"), str(exc))

    @Slot()
    def _on_task_finished(self) -> None:
        self.task = None
        self.export_button.setEnabled(True)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.start_export()

    @Slot()
    def _on_buttons_rejected(self) -> None:
        if self.task is not None:  # Cancel stops a running export first
            self.task.cancel()
            return
        self.reject()
