"""The annotation panel for the open article: its reading state, tags and note; tag and annotate
the selection; list, edit, delete and re-attach (orphans) the article's annotations.  It only
emits intents; the window carries them out as undoable commands.

The tag and note fields always show the current state of what is selected: the current
annotation's tags and note (reloaded whenever the annotation changes, e.g. a note added with N
or a tag renamed), or a draft for a new annotation when no annotation is current (a new passage
selected in the text, another article opened).  What the user typed is never overwritten, and
"Save changes" writes only the fields the user changed, never one it did not show."""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.records import AnnotationRecord, ArticleRecord
from ui import theme

TAG_SPLIT = re.compile(r"[,，、;；]+")


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in TAG_SPLIT.split(text) if t.strip()]


class AnnotationPanel(QWidget):
    annotate_requested = Signal(int, int, list, str)  # start, end, tags, note
    update_requested = Signal(int, object, object)  # annotation id, tags or None, note or None (unchanged)
    delete_requested = Signal(int)
    annotation_activated = Signal(int)
    reattach_requested = Signal(int)  # orphan annotation id -> the current selection
    article_state_requested = Signal(str)
    article_edit_requested = Signal(object, object)  # article tags, article note (None: unchanged)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._range = (0, 0)
        self._quote = ""
        self._annotations: list[AnnotationRecord] = []
        self._shown = ("", "")  # (tags, note) as last loaded into the fields
        self._base: tuple[int, int] | None = None  # (annotation, row version) the user's edit began on
        self._article_shown = ("", "")  # the same for the article's tags and note
        self._article_id: int | None = None
        self.article_box = QGroupBox(self.tr("Article"), self)
        self.state_combo = QComboBox(self.article_box)
        for label, value in ((self.tr("Unread"), "unread"), (self.tr("Read"), "read"),
                             (self.tr("★ Starred"), "starred")):
            self.state_combo.addItem(label, value)
        self.article_tags_edit = QLineEdit(self.article_box)
        self.article_tags_edit.setPlaceholderText(self.tr("article tags, separated by commas"))
        self.article_note_edit = QPlainTextEdit(self.article_box)
        self.article_note_edit.setPlaceholderText(self.tr("article note"))
        self.article_note_edit.setMaximumHeight(60)
        self.article_save_button = QPushButton(self.tr("Save article tags and note"), self.article_box)
        article_form = QFormLayout(self.article_box)
        article_form.addRow(self.tr("State"), self.state_combo)
        article_form.addRow(self.tr("Tags", "the article's own tags, not codes"), self.article_tags_edit)
        article_form.addRow(self.tr("Note"), self.article_note_edit)
        article_form.addRow(self.article_save_button)
        self.reattach_button = QPushButton(self.tr("Re-attach to selection"), self)
        self.reattach_button.setToolTip(self.tr("Anchor the chosen orphan annotation to the selected passage"))
        self.reattach_button.setEnabled(False)
        self.selection_label = QLabel(self.tr("Select text in the article to annotate it."), self)
        self.selection_label.setWordWrap(True)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText(self.tr("tags, separated by commas"))
        self._tag_model = QStringListModel(self)
        completer = QCompleter(self._tag_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tags_edit.setCompleter(completer)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(self.tr("note"))
        self.note_edit.setMaximumHeight(90)
        self.add_button = QPushButton(self.tr("Annotate selection"), self)
        self.add_button.setToolTip(self.tr("Ctrl+Return"))
        self.add_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("Save changes"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.save_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)

        form = QFormLayout()
        form.addRow(self.tr("Tags", "the codes of the selected passage"), self.tags_edit)
        form.addRow(self.tr("Note"), self.note_edit)
        buttons = QGridLayout()  # two by two keeps the dock narrow
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.save_button, 0, 1)
        buttons.addWidget(self.delete_button, 1, 0)
        buttons.addWidget(self.reattach_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.article_box)
        layout.addWidget(self.selection_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list, 1)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.reattach_button.clicked.connect(self._on_reattach_button_clicked)
        self.state_combo.activated.connect(self._on_state_combo_activated)
        self.article_save_button.clicked.connect(self._on_article_save_button_clicked)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.tags_edit.returnPressed.connect(self._on_add_button_clicked)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._on_add_button_clicked)

    # -- state from the window -------------------------------------------------------
    def set_known_tags(self, names: list[str]) -> None:
        self._tag_model.setStringList(sorted(names))

    def set_article(self, article: ArticleRecord | None) -> None:
        self.article_box.setEnabled(article is not None)
        if article is None:
            return
        tags, note = ", ".join(article.tags), article.note
        if article.id != self._article_id:  # another article: nothing of the last one is current
            self._article_id = article.id
            self.list.setCurrentRow(-1)
            self._article_shown = (self.article_tags_edit.text(), self.article_note_edit.toPlainText())
        self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(article.state)))
        if self.article_tags_edit.text() == self._article_shown[0]:
            self.article_tags_edit.setText(tags)
        if self.article_note_edit.toPlainText() == self._article_shown[1]:
            self.article_note_edit.setPlainText(note)
        self._article_shown = (tags, note)

    def set_selection(self, start: int, end: int, quote: str) -> None:
        self._range = (start, end)
        self._quote = quote
        if end > start:
            shown = quote if len(quote) <= 60 else quote[:57] + "…"
            self.selection_label.setText(self.tr("Selected %n character(s): «%s»", "", end - start) % shown)
        else:
            self.selection_label.setText(self.tr("Select text in the article to annotate it."))
        self.add_button.setEnabled(end > start)
        current = self.current_annotation()
        if end > start and current is not None and current.status == "anchored" and (current.start, current.end) != (start, end):
            self.list.setCurrentRow(-1)  # a new passage: the fields become a draft for it
        self._update_buttons()

    def set_annotations(self, annotations: list[AnnotationRecord]) -> None:
        current = self.current_annotation_id()
        self._annotations = list(annotations)
        self.list.blockSignals(True)
        self.list.clear()
        for ann in self._annotations:
            tags = "、".join(ann.tags) or self.tr("(no tag)")
            quote = ann.quote if len(ann.quote) <= 40 else ann.quote[:38] + "…"
            orphan = self.tr(" [orphan]") if ann.status == "orphan" else ""
            text = f"【{tags}】{orphan} {quote}" + (f"\n  ※ {ann.note}" if ann.note else "")
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, ann.id)
            item.setToolTip(f"{ann.start}–{ann.end} · {ann.author} · {ann.created:%Y-%m-%d %H:%M}")
            if ann.status == "orphan":
                item.setForeground(theme.current().warning)
                item.setToolTip(self.tr("Orphan: its passage is no longer in the text. Select the "
                                        "right passage and press “Re-attach to selection”.")
                                + "\n" + ann.quote)
            if ann.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._load(self.current_annotation())
        orphans = sum(1 for a in self._annotations if a.status == "orphan")
        text = self.tr("%n annotation(s) in this article", "", len(self._annotations))
        if orphans:
            text += self.tr(", %n orphaned", "", orphans)
        self.count_label.setText(text)
        self._update_buttons()

    def current_annotation_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def select_annotation(self, annotation_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == annotation_id:
                self.list.setCurrentRow(row)
                return

    def current_annotation(self) -> AnnotationRecord | None:
        ann_id = self.current_annotation_id()
        return next((a for a in self._annotations if a.id == ann_id), None)

    def select_next(self, delta: int) -> None:
        """Make the next (``delta`` = 1) or previous (-1) annotation current; wraps around."""
        if not self.list.count():
            return
        row = self.list.currentRow()
        row = 0 if row < 0 and delta > 0 else (row + delta) % self.list.count()
        self.list.setCurrentRow(row)

    # -- the fields ------------------------------------------------------------------
    def _load(self, ann: AnnotationRecord | None) -> None:
        """Show ``ann``'s tags and note (a blank draft for ``None``); a field the user has
        edited since it was last loaded keeps the user's text."""
        tags, note = (", ".join(ann.tags), ann.note) if ann is not None else ("", "")
        clean = (self.tags_edit.text(), self.note_edit.toPlainText()) == self._shown
        if ann is None:
            self._base = None
        elif clean or self._base is None or self._base[0] != ann.id:
            self._base = (ann.id, ann.version)  # an edit in progress keeps the version it began on
        if self.tags_edit.text() == self._shown[0]:
            self.tags_edit.setText(tags)
        if self.note_edit.toPlainText() == self._shown[1]:
            self.note_edit.setPlainText(note)
        self._shown = (tags, note)

    def edit_version(self, annotation_id: int) -> int | None:
        """The row version of ``annotation_id`` that the user's edit was made on: a save with it
        is refused if another coder changed the annotation since (never a silent overwrite)."""
        return self._base[1] if self._base is not None and self._base[0] == annotation_id else None

    def discard_edits(self) -> None:
        """Forget what the user typed into the annotation's fields and show it as stored."""
        self._shown = (self.tags_edit.text(), self.note_edit.toPlainText())
        self._load(self.current_annotation())

    def edited_fields(self) -> tuple[list[str] | None, str | None]:
        """The (tags, note) the user changed since they were loaded; ``None`` for unchanged."""
        tags = self.tags_edit.text()
        note = self.note_edit.toPlainText()
        return (split_tags(tags) if tags != self._shown[0] else None,
                note.strip() if note != self._shown[1] else None)

    def _update_buttons(self) -> None:
        current = self.current_annotation()
        has = current is not None
        self.save_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.reattach_button.setEnabled(
            has and current.status == "orphan" and self._range[1] > self._range[0])  # type: ignore[union-attr]

    # -- intents ---------------------------------------------------------------------
    @Slot()
    def _on_add_button_clicked(self) -> None:
        start, end = self._range
        if end <= start:
            return
        tags, note = split_tags(self.tags_edit.text()), self.note_edit.toPlainText().strip()
        self.note_edit.clear()
        self._shown = (self.tags_edit.text(), "")
        self.annotate_requested.emit(start, end, tags, note)  # the new annotation becomes current

    @Slot()
    def _on_save_button_clicked(self) -> None:
        ann_id = self.current_annotation_id()
        tags, note = self.edited_fields()
        if ann_id is not None and (tags is not None or note is not None):
            self.update_requested.emit(ann_id, tags, note)

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        ann_id = self.current_annotation_id()
        if ann_id is not None:
            self.delete_requested.emit(ann_id)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_list_current_item_changed(self, current: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        self._update_buttons()
        if current is None:
            self._load(None)
            return
        ann_id = int(current.data(Qt.ItemDataRole.UserRole))
        ann = next((a for a in self._annotations if a.id == ann_id), None)
        if ann is not None:  # choosing an annotation shows it, whatever was typed before
            self._shown = (self.tags_edit.text(), self.note_edit.toPlainText())
            self._load(ann)
        self.annotation_activated.emit(ann_id)

    @Slot()
    def _on_reattach_button_clicked(self) -> None:
        ann_id = self.current_annotation_id()
        if ann_id is not None and self._range[1] > self._range[0]:
            self.reattach_requested.emit(ann_id)

    @Slot(int)
    def _on_state_combo_activated(self, _index: int) -> None:
        self.article_state_requested.emit(str(self.state_combo.currentData()))

    @Slot()
    def _on_article_save_button_clicked(self) -> None:
        tags, note = self.article_tags_edit.text(), self.article_note_edit.toPlainText()
        changed_tags = split_tags(tags) if tags != self._article_shown[0] else None
        changed_note = note.strip() if note != self._article_shown[1] else None
        if changed_tags is not None or changed_note is not None:
            self.article_edit_requested.emit(changed_tags, changed_note)
