"""File → Export…: format, filters and destination; the export runs off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
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

from reader.exchange.exporting import ExportFilters, export, formats
from ui.annotation_panel import split_tags
from ui.tasks import Task, TaskRunner

FORMAT_LABELS = {
    "w3c": "W3C Web Annotation (JSON-LD)",
    "qdpx": "REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA)",
    "qdc": "REFI-QDA codebook (.qdc)",
    "brat": "brat standoff (folder or .zip)",
    "jsonl": "JSON Lines (doccano style)",
    "bio": "Character BIO / CoNLL",
    "csv": "CSV for Excel (UTF-8 with BOM)",
    "xlsx": "Excel workbook (.xlsx)",
    "md": "Markdown report",
    "html": "HTML report",
}


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
        self.setWindowTitle(self.tr("Export annotations"))
        self.format_combo = QComboBox(self)
        for name in formats():
            self.format_combo.addItem(FORMAT_LABELS.get(name, name), name)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("all tags (children included)"))
        self.author_edit = QLineEdit(self)
        self.since_edit = QLineEdit(self)
        self.since_edit.setPlaceholderText("YYYY-MM-DD")
        self.until_edit = QLineEdit(self)
        self.until_edit.setPlaceholderText("YYYY-MM-DD")
        self.entities_check = QCheckBox(self.tr("Include entities"), self)
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
        browse = QPushButton(self.tr("Browse…"), self)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 2)
        self.progress.setValue(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("Articles"), self.articles_combo)
        form.addRow(self.tr("Tags"), self.tags_edit)
        form.addRow(self.tr("Author"), self.author_edit)
        form.addRow(self.tr("Created from"), self.since_edit)
        form.addRow(self.tr("Created until"), self.until_edit)
        form.addRow("", self.entities_check)
        form.addRow(self.tr("BIO labels"), self.bio_combo)
        form.addRow(self.tr("Save to"), path_row)
        form.addRow(self.progress)
        form.addRow(self.buttons)
        browse.clicked.connect(self._on_browse_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def filters(self) -> ExportFilters:
        return ExportFilters(
            tags=tuple(split_tags(self.tags_edit.text())), author=self.author_edit.text().strip() or None,
            since=self.since_edit.text().strip() or None, until=self.until_edit.text().strip() or None,
            include_entities=self.entities_check.isChecked(),
            articles=tuple(self.articles_combo.currentData() or ()),
            bio_source=str(self.bio_combo.currentData()),
        )

    @Slot()
    def _on_browse_clicked(self) -> None:
        fmt = self.format_combo.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), f"pizhu-export.{fmt}")
        if path:
            self.path_edit.setText(path)

    def start_export(self) -> Task | None:
        path = self.path_edit.text().strip()
        if not path:
            QMessageBox.warning(self, self.tr("Export"), self.tr("Choose where to save the export."))
            return None
        fmt = str(self.format_combo.currentData())
        task = Task(lambda progress, cancelled: export(self.corpus, fmt, path, self.filters(), progress=progress))
        task.signals.progress.connect(lambda done, total, _label: self.progress.setValue(done))
        task.signals.returned.connect(lambda count: self._on_task_returned(int(count), path))
        task.signals.errored.connect(lambda exc: QMessageBox.critical(self, self.tr("Export failed"), str(exc)))
        self.buttons.setEnabled(False)
        task.signals.finished.connect(lambda: self.buttons.setEnabled(True))
        return self.runner.start(task)

    def _on_task_returned(self, count: int, path: str) -> None:
        self.exported.emit(count, path)
        self.accept()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.start_export()
