"""The page view: the original text of an article's page file with each article's parts coloured
(title, subtitle, kicker, body, headings, captions, credits, bylines, jump markers), next to the
parsed article, so a user can check the split and fix it (split at the cursor, merge with the
neighbour, edit the head: :mod:`ui.page_fixes`).  Offsets come from the core in code points
(:meth:`reader.corpus.Corpus.page_view`) and are converted to UTF-16 here only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.corpus import Corpus, CorpusError
from reader.page_view import PART_KINDS, PageView
from ui import theme
from ui.errors import describe
from ui.fonts import reading_font
from ui.positions import PositionMap

# part kind -> colour (mixed into the base colour, so it reads in light and dark themes)
PART_COLORS = {
    "kicker": "#f59f00", "title": "#e8590c", "subtitle": "#f76707", "column": "#a61e4d", "byline": "#862e9c",
    "paragraph": "#228be6", "heading": "#1864ab", "caption": "#2b8a3e", "photo-credit": "#5c940d",
    "credit": "#9c36b5", "note": "#0b7285", "jump": "#c92a2a", "mark": "#868e96",
}
FURNITURE = ("caption", "photo-credit", "credit", "byline", "jump", "mark", "note", "column")


class PageTextView(QTextEdit):
    """The page text, read-only; ``article_clicked(id)`` when a part of an article is clicked."""

    article_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(reading_font())
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName(self.tr("Page text"))
        self.view: PageView | None = None
        self._positions = PositionMap("")

    def show_page(self, view: PageView, current: int | None) -> None:
        self.view = view
        text = view.text or ""
        self._positions = PositionMap(text)
        self.setPlainText(text)
        t = theme.current()
        for part in view.parts:
            fmt = QTextCharFormat()
            color = QColor(PART_COLORS.get(part.kind, "#868e96"))
            strong = part.article_id == current
            fmt.setBackground(theme.mix(t.base, color, (0.45 if t.dark else 0.35) if strong else 0.12))
            if part.kind in ("title", "kicker", "subtitle"):
                fmt.setFontWeight(QFont.Weight.Bold)
            if part.kind in FURNITURE or part.jump:
                fmt.setForeground(theme.mix(t.text, color, 0.75))
                fmt.setFontItalic(part.kind != "jump" and not part.jump)
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(color)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline if part.kind == "jump" or part.jump
                                      else QTextCharFormat.UnderlineStyle.SingleUnderline)
            tip = self.tr("%s of article %d") % (kind_name(part.kind), part.article_id)
            if part.jump:
                tip += " · " + self.tr("jump: %s") % part.jump
            fmt.setToolTip(tip)
            self._cursor(part.start, part.end).mergeCharFormat(fmt)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.to_qt(start))
        cursor.setPosition(self._positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def scroll_to(self, start: int) -> None:
        cursor = self._cursor(start, start)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def cursor_point(self) -> int:
        """The cursor (start of the selection) in code points of the page text."""
        return self._positions.from_qt(self.textCursor().selectionStart())

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().mouseReleaseEvent(event)
        if self.view is not None and not self.textCursor().hasSelection():
            found = self.view.article_at(self._positions.from_qt(self.textCursor().position()))
            if found is not None:
                self.article_clicked.emit(found)


def kind_name(kind: str) -> str:
    """A part kind as the user reads it."""
    names = {
        "kicker": QCoreApplication.translate("PageView", "kicker"),
        "title": QCoreApplication.translate("PageView", "title"),
        "subtitle": QCoreApplication.translate("PageView", "subtitle"),
        "column": QCoreApplication.translate("PageView", "column"),
        "byline": QCoreApplication.translate("PageView", "byline"),
        "paragraph": QCoreApplication.translate("PageView", "body"),
        "heading": QCoreApplication.translate("PageView", "heading"),
        "caption": QCoreApplication.translate("PageView", "caption"),
        "photo-credit": QCoreApplication.translate("PageView", "photo credit"),
        "credit": QCoreApplication.translate("PageView", "credit"),
        "note": QCoreApplication.translate("PageView", "note"),
        "jump": QCoreApplication.translate("PageView", "jump marker"),
        "mark": QCoreApplication.translate("PageView", "page furniture"),
    }
    return names.get(kind, kind)


class ParsedArticleView(QTextEdit):
    """The parsed article's text (what the reader shows); the cursor is where a split cuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFont(reading_font())
        self.setAccessibleName(self.tr("Parsed article"))
        self._positions = PositionMap("")

    def show_text(self, text: str, segments: list[tuple[str, int, int]]) -> None:
        self._positions = PositionMap(text)
        self.setPlainText(text)
        t = theme.current()
        for kind, start, end in segments:
            fmt = QTextCharFormat()
            if kind in ("title", "kicker", "subtitle", "heading"):
                fmt.setFontWeight(QFont.Weight.Bold)
            if kind == "title":
                fmt.setFontPointSize(self.font().pointSizeF() * 1.25)
            fmt.setBackground(theme.mix(t.base, QColor(PART_COLORS.get(kind, "#868e96")), 0.18))
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._positions.to_qt(start))
            cursor.setPosition(self._positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)

    def cursor_point(self) -> int:
        """The cursor (start of the selection) in code points of the article text."""
        return self._positions.from_qt(self.textCursor().selectionStart())

    def set_cursor_point(self, cp: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._positions.to_qt(cp))
        self.setTextCursor(cursor)


class PageDialog(QDialog):
    """The page view window (non-modal).  ``fix_requested(op, article_id, at)``: the window
    carries the fix out as an undoable command (``at``: the cursor, for a split: in the parsed
    article for ``split``, in the page text for ``split-page``)."""

    fix_requested = Signal(str, int, int)

    def __init__(self, corpus: Corpus, article_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.article_id = article_id
        self.view: PageView | None = None
        self.setObjectName("page_view")
        self.resize(1180, 680)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Articles of the page"))
        self.list.setMaximumWidth(240)
        self.page_text = PageTextView(self)
        self.article_text = ParsedArticleView(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.split_button = QPushButton(self.tr("&Split at cursor"), self)
        self.split_button.setToolTip(self.tr("Cut the parsed article at its cursor (right); the second part "
                                             "starts there"))
        self.page_split_button = QPushButton(self.tr("Split at cursor in the p&age"), self)
        self.page_split_button.setToolTip(self.tr("Cut the article printed at the cursor of the original page "
                                                  "(left) there; the second part starts there"))
        self.prev_button = QPushButton(self.tr("Merge with &previous"), self)
        self.next_button = QPushButton(self.tr("Merge with &next"), self)
        self.edit_button = QPushButton(self.tr("&Edit title, subtitle, authors…"), self)
        self.open_button = QPushButton(self.tr("&Open in reader"), self)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("Original page"), left))
        lv.addWidget(self.page_text)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel(self.tr("Parsed article"), right))
        rv.addWidget(self.article_text)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([200, 560, 420])
        buttons = QHBoxLayout()
        for b in (self.split_button, self.page_split_button, self.prev_button, self.next_button,
                  self.edit_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)
        layout.addLayout(buttons)
        self.legend.setText(self._legend_html())
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.page_text.article_clicked.connect(self._on_page_text_article_clicked)
        self.split_button.clicked.connect(lambda: self._request("split"))
        self.page_split_button.clicked.connect(self._on_page_split_button_clicked)
        self.prev_button.clicked.connect(lambda: self._request("prev"))
        self.next_button.clicked.connect(lambda: self._request("next"))
        self.edit_button.clicked.connect(lambda: self._request("edit"))
        self.open_requested: Callable[[int], None] | None = None
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.reload()

    def _legend_html(self) -> str:
        t = theme.current()
        cells = []
        for kind in PART_KINDS:
            color = theme.mix(t.base, QColor(PART_COLORS[kind]), 0.45 if t.dark else 0.35).name()
            cells.append(f'<span style="background:{color}">&nbsp;{kind_name(kind)}&nbsp;</span>')
        return self.tr("Parts: %s — in colour and underlined: furniture (captions, credits, bylines); wavy: "
                       "jump markers") \
            % " ".join(cells)

    def reload(self, article_id: int | None = None) -> None:
        """Read the page again (after a fix, undo or re-ingest); ``article_id`` becomes current."""
        if article_id is not None:
            self.article_id = article_id
        try:
            self.view = self.corpus.page_view(self.article_id)
        except CorpusError as exc:
            self.status.setText(describe(exc))
            self.view = None
            return
        view = self.view
        self.setWindowTitle(self.tr("Page — %s") % view.source)
        ids = [a.id for a in view.articles]
        if self.article_id not in ids and ids:
            self.article_id = ids[0]
        self.list.blockSignals(True)
        self.list.clear()
        for n, art in enumerate(view.articles, 1):
            item = QListWidgetItem(f"{n}. {art.title}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, art.id)
            if art.id == self.article_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        notes = {"ok": (self.tr("%n article(s) on this page", "", len(view.articles))
                       + self.tr("; %n fix(es) by hand.", "", view.fixes)),
                 "changed": self.tr("The page file has changed since it was ingested, so the page text cannot "
                                    "be shown with its parts; ingest it again."),
                 "missing": self.tr("The page file is no longer at %s.") % view.path}
        self.status.setText(notes.get(view.status, view.status))
        self.show_article(self.article_id)
        self.page_split_button.setEnabled(view.status == "ok")

    def show_article(self, article_id: int) -> None:
        if self.view is None:
            return
        self.article_id = article_id
        self.page_text.show_page(self.view, article_id)
        parts = self.view.parts_of(article_id)
        if parts:
            self.page_text.scroll_to(parts[0].start)
        try:
            rec = self.corpus.article(article_id)
        except CorpusError as exc:
            self.status.setText(describe(exc))
            return
        self.article_text.show_text(rec.text, [(s.kind, s.start, s.end) for s in rec.segments])
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == article_id and self.list.currentItem() is not item:
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
        index = [a.id for a in self.view.articles].index(article_id) if article_id in \
            [a.id for a in self.view.articles] else -1
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(0 <= index < len(self.view.articles) - 1)

    def _on_list_current_item_changed(self, item: QListWidgetItem | None, _old: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_article(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_page_text_article_clicked(self, article_id: int) -> None:
        """A click in the page text shows the article printed there and leaves the cursor
        where the user put it (a split in the page cuts there)."""
        if article_id == self.article_id:
            return
        point = self.page_text.cursor_point()
        self.show_article(article_id)
        self.page_text.scroll_to(point)

    def _on_page_split_button_clicked(self) -> None:
        self.fix_requested.emit("split-page", self.article_id, self.page_text.cursor_point())

    def _request(self, op: str) -> None:
        self.fix_requested.emit(op, self.article_id, self.article_text.cursor_point())

    def _on_open_button_clicked(self) -> None:
        if self.open_requested is not None:
            self.open_requested(self.article_id)
