"""The centre of the window: the open article's header (date, paper, page, byline; the file on
hover; a Properties button), the entity legend, the article view with its find bar, and the
empty state shown when the corpus has no article yet."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.records import ArticleRecord, ArticleSummary
from ui.find_bar import FindBar
from ui.legend import EntityLegend
from ui.reader_view import ArticleView


class ArticleHeader(QWidget):
    """One line of facts about the open article; ``properties_requested`` from its button."""

    properties_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.properties_button = QToolButton(self)
        self.properties_button.setText(self.tr("Properties…"))
        self.properties_button.setAutoRaise(True)
        self.properties_button.setToolTip(self.tr("Page date, paper, page number and file (Alt+Return)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 2, 6, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.properties_button, 0, Qt.AlignmentFlag.AlignTop)
        self.properties_button.clicked.connect(self.properties_requested)
        self.set_article(None, None)

    def set_article(self, article: ArticleRecord | None, summary: ArticleSummary | None) -> None:
        self.properties_button.setEnabled(article is not None)
        if article is None:
            self.label.setText("")
            self.setToolTip("")
            return
        bits = []
        if summary is not None:
            bits.append(summary.date.isoformat() if summary.date else self.tr("undated"))
            if summary.paper:
                bits.append(html.escape(summary.paper))
            if summary.page:
                bits.append(self.tr("page %d") % summary.page)
        if article.column:
            bits.append(html.escape(self.tr("Column: ") + article.column))
        if article.authors:
            bits.append(html.escape(self.tr("By ") + "、".join(article.authors)))
        if article.photographers:
            bits.append(html.escape(self.tr("Photos: ") + "、".join(article.photographers)))
        if article.dateline:
            bits.append(html.escape(article.dateline))
        text = " · ".join(bits)
        if article.title_derived:
            text += "<br><i>" + html.escape(self.tr("The page lost this title; it is taken from the text.")) + "</i>"
        self.label.setText(text)
        self.setToolTip(self.tr("File: %s, article %d") % (article.source, article.position + 1))


class EmptyState(QFrame):
    """What the reader shows when the corpus has no article: the first steps as buttons."""

    add_files_requested = Signal()
    add_folder_requested = Signal()
    open_corpus_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        title = QLabel(self.tr("This corpus has no articles yet"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(self.tr("Add newspaper pages (plain text or Markdown, one page per file, or a "
                              "crawler's folder). Pizhu splits them into articles, marks people, "
                              "places, organisations, dates and figures, and keeps your codes.\n\n"
                              "You can also drop files or folders onto this window."), self)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMaximumWidth(520)
        self.add_files_button = QPushButton(self.tr("Add pages…"), self)
        self.add_folder_button = QPushButton(self.tr("Add a folder…"), self)
        self.open_button = QPushButton(self.tr("Open another corpus…"), self)
        self.add_files_button.setDefault(True)
        buttons = QVBoxLayout()  # stacked: the empty state must not widen a narrow reader
        for button in (self.add_files_button, self.add_folder_button, self.open_button):
            button.setMinimumWidth(220)
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(12)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(body, 10)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(3)
        self.add_files_button.clicked.connect(self.add_files_requested)
        self.add_folder_button.clicked.connect(self.add_folder_requested)
        self.open_button.clicked.connect(self.open_corpus_requested)


class ReaderPane(QWidget):
    """Header, legend, article view, find bar; or the empty state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = ArticleHeader(self)
        self.legend = EntityLegend(self)
        self.view = ArticleView(self)
        self.find_bar = FindBar(self)
        self.empty = EmptyState(self)
        reading = QWidget(self)
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.legend)
        column.addWidget(self.header)
        line = QFrame(reading)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setForegroundRole(QPalette.ColorRole.Mid)
        column.addWidget(line)
        column.addWidget(self.view, 1)
        column.addWidget(self.find_bar)
        self._reading = reading
        stack = QVBoxLayout(self)  # one of the two is shown (hidden ones do not count in sizes)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(reading)
        stack.addWidget(self.empty)
        self.empty.hide()
        self.setFocusProxy(self.view)
        self.find_bar.hits_changed.connect(self._on_find_bar_hits_changed)
        self.find_bar.closed.connect(self._on_find_bar_closed)

    def set_empty(self, empty: bool) -> None:
        self._reading.setVisible(not empty)
        self.empty.setVisible(empty)

    def is_empty(self) -> bool:
        return self.empty.isVisibleTo(self)

    def show_article_facts(self, article: ArticleRecord | None, summary: ArticleSummary | None) -> None:
        self.header.set_article(article, summary)
        self.find_bar.set_text(article.text if article else "")

    @Slot(list, int)
    def _on_find_bar_hits_changed(self, hits: list, current: int) -> None:
        self.view.set_find_hits([tuple(h) for h in hits], current)
        if 0 <= current < len(hits):
            self.view.scroll_to(hits[current][0], hits[current][1])

    @Slot()
    def _on_find_bar_closed(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
