"""One article, two coders side by side: two aligned columns of the same text (scrolled together),
each with one coder's annotations, the passages where they differ shaded; below, the list of
differences, each decided: keep A's, B's, both or neither.  "Write consensus" asks for the
agreements plus the decided sides to be written as the ``consensus`` coder (the window's team
controller does it as one undoable step).  The core does the comparing
(:mod:`reader.coding.curation`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.coding.coders import CONSENSUS_CODER
from reader.coding.curation import Comparison, Difference, compare
from reader.corpus import Corpus
from reader.records import AnnotationRecord
from ui.analysis_base import select_only_row
from ui import theme
from ui.i18n import listing
from ui.reader_view import ArticleView

DIFFERENCE_BACKGROUND = "#ffe3e3"
CURRENT_BACKGROUND = "#ffc9c9"
ONLY_MINE_BACKGROUND = "#ff8787"
DECIDED_BACKGROUND = "#d3f9d8"


def _shade(color: str) -> QColor:
    """A shading colour as given on the light theme, toned down on the dark one (the text stays
    readable on it)."""
    t = theme.current()
    return theme.mix(t.base, QColor(color), 0.45) if t.dark else QColor(color)


def _cover(anns: tuple[AnnotationRecord, ...]) -> set[int]:
    return {cp for a in anns for cp in range(a.start, a.end)}


def _runs(points: set[int]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for cp in sorted(points):
        if out and out[-1][1] == cp:
            out[-1][1] = cp + 1
        else:
            out.append([cp, cp + 1])
    return [(a, b) for a, b in out]


class CoderColumn(ArticleView):
    """The article with one coder's annotations; each difference shaded, darker where only this
    coder coded the text, the current one brighter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.differences: list[tuple[int, int, bool]] = []  # start, end, current
        self.only_mine: list[tuple[int, int]] = []

    def _apply_annotations(self) -> None:
        super()._apply_annotations()
        for start, end, current in self.differences:
            fmt = QTextCharFormat()
            fmt.setBackground(_shade(CURRENT_BACKGROUND if current else DIFFERENCE_BACKGROUND))
            fmt.setForeground(theme.current().text)
            self._cursor(start, end).mergeCharFormat(fmt)
        for start, end in self.only_mine:
            fmt = QTextCharFormat()
            fmt.setBackground(_shade(ONLY_MINE_BACKGROUND))
            fmt.setForeground(theme.current().text)
            self._cursor(start, end).mergeCharFormat(fmt)


def _describe(anns: tuple[AnnotationRecord, ...]) -> str:
    if not anns:
        return "—"
    return "\n".join(f"{a.start}–{a.end} [{', '.join(a.tags) or '—'}] «{a.quote[:24]}»" for a in anns)


class SideBySideDialog(QDialog):
    consensus_requested = Signal(object, object)  # Comparison, {difference index: decision}

    def __init__(self, corpus: Corpus, article_id: int, coder_a: str = "", coder_b: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.article_id = article_id
        self.comparison: Comparison | None = None
        self.decisions: dict[int, str] = {}
        self.setWindowTitle(self.tr("Compare coders side by side"))
        self.resize(1200, 760)
        self.a_combo, self.b_combo = QComboBox(self), QComboBox(self)
        self.summary = QLabel(self)
        self.title_label = QLabel(self)
        self.prev_button = QPushButton(self.tr("◀ Previous article"), self)
        self.next_button = QPushButton(self.tr("Next article ▶"), self)
        self.prev_button.setToolTip(self.tr("The previous article either coder coded (Alt+Left)"))
        self.next_button.setToolTip(self.tr("The next article either coder coded (Alt+Right)"))
        QShortcut(QKeySequence("Alt+Left"), self, activated=lambda: self.step_article(-1))
        QShortcut(QKeySequence("Alt+Right"), self, activated=lambda: self.step_article(1))
        self.a_label, self.b_label = QLabel(self), QLabel(self)
        self.a_view, self.b_view = CoderColumn(self), CoderColumn(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Coder A"), self.tr("Coder B"),
                                              self.tr("Decision")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for decision, text, key in (("a", self.tr("Keep A's (1)"), "1"), ("b", self.tr("Keep B's (2)"), "2"),
                                    ("both", self.tr("Keep both (3)"), "3"), ("neither", self.tr("Keep neither (4)"), "4")):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, d=decision: self.decide_current(d))
            QShortcut(QKeySequence(key), self, activated=lambda d=decision: self.decide_current(d))
            row.addWidget(button)
            self.buttons[decision] = button
        row.addStretch(1)
        self.write_button = QPushButton(self.tr("Write consensus"), self)
        self.write_button.setToolTip(self.tr("Agreements and the kept annotations become the coder "
                                             "'%s' (undoable)") % CONSENSUS_CODER)
        row.addWidget(self.write_button)
        self._build_layout(row)
        self._fill_coders(coder_a, coder_b)
        self._connect()
        self.refresh()

    def _build_layout(self, buttons: QHBoxLayout) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Coder A"), self))
        top.addWidget(self.a_combo)
        top.addWidget(QLabel(self.tr("Coder B"), self))
        top.addWidget(self.b_combo)
        top.addWidget(self.summary, 1)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        columns = QSplitter(Qt.Orientation.Horizontal, self)
        for label, view in ((self.a_label, self.a_view), (self.b_label, self.b_view)):
            box = QWidget(columns)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(label)
            lay.addWidget(view, 1)
            columns.addWidget(box)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(columns)
        lower = QWidget(split)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addLayout(buttons)
        split.addWidget(lower)
        split.setSizes([520, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        layout.addWidget(split, 1)

    def _fill_coders(self, coder_a: str, coder_b: str) -> None:
        mine = {a.coder for a in self.corpus.annotations(self.article_id)}
        names = [c.name for c in self.corpus.coders()]  # consensus too, but never by default
        names.sort(key=lambda n: (n == CONSENSUS_CODER, n not in mine, n))
        for combo in (self.a_combo, self.b_combo):
            combo.addItems(names)
        self.a_combo.setCurrentText(coder_a or (names[0] if names else ""))
        self.b_combo.setCurrentText(coder_b or (names[1] if len(names) > 1 else ""))

    def _connect(self) -> None:
        self.a_combo.currentTextChanged.connect(self._on_coder_combo_changed)
        self.b_combo.currentTextChanged.connect(self._on_coder_combo_changed)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.write_button.clicked.connect(self._on_write_button_clicked)
        self.prev_button.clicked.connect(lambda: self.step_article(-1))
        self.next_button.clicked.connect(lambda: self.step_article(1))
        a_bar, b_bar = self.a_view.verticalScrollBar(), self.b_view.verticalScrollBar()
        a_bar.valueChanged.connect(b_bar.setValue)  # same text, same width: aligned lines
        b_bar.valueChanged.connect(a_bar.setValue)

    # -- state -------------------------------------------------------------------------
    def coders(self) -> tuple[str, str]:
        return self.a_combo.currentText(), self.b_combo.currentText()

    def set_coders(self, coder_a: str, coder_b: str) -> None:
        self.a_combo.setCurrentText(coder_a)
        self.b_combo.setCurrentText(coder_b)
        self.refresh()

    def coded_articles(self) -> list[int]:
        """Articles where either chosen coder has an annotation, in corpus order."""
        wanted = set(self.coders())
        ids = {a.article_id for a in self.corpus.annotations() if a.coder in wanted}
        return [s.id for s in self.corpus.articles() if s.id in ids]

    def set_article(self, article_id: int) -> None:
        self.article_id = article_id
        self.comparison = None  # decisions belong to one article
        self.decisions = {}
        self.refresh()

    def step_article(self, step: int) -> None:
        ids = self.coded_articles()
        if not ids:
            return
        if self.article_id in ids:
            index = ids.index(self.article_id) + step
        else:
            index = 0 if step > 0 else len(ids) - 1
        if 0 <= index < len(ids):
            self.set_article(ids[index])

    def refresh(self) -> None:
        """Re-read the article and both coders' annotations (decisions kept while the coders
        stay the same)."""
        a, b = self.coders()
        article = self.corpus.article(self.article_id)
        anns = self.corpus.annotations(self.article_id)
        old = (self.comparison.coder_a, self.comparison.coder_b) if self.comparison else None
        self.comparison = compare(self.article_id, [x for x in anns if x.coder == a],
                                  [x for x in anns if x.coder == b], a, b)
        if old != (a, b):
            self.decisions = {}
        colors = {t.name: t.color for t in self.corpus.tags()}
        coder_colors = self.corpus.coder_colors()
        for label, view, name in ((self.a_label, self.a_view, a), (self.b_label, self.b_view, b)):
            label.setText(f"<span style='color:{coder_colors.get(name, '#333')}'>●</span> <b>{name}</b>")
            view.show_article(article, [], [x for x in anns if x.coder == name], colors)
        self.title_label.setText(f"<b>{article.display_title}</b> · {article.source} #{article.position + 1}")
        consensus = sum(1 for x in anns if x.coder == CONSENSUS_CODER)
        self.summary.setText(listing(self.tr("%n agreement(s)", "", len(self.comparison.agreements)),
                                     self.tr("%n difference(s)", "", len(self.comparison.differences)),
                                     self.tr("consensus has %n annotation(s)", "", consensus)))
        self._fill_table()
        self._mark()

    def _fill_table(self) -> None:
        assert self.comparison is not None
        labels = {"a": self.tr("A's"), "b": self.tr("B's"), "both": self.tr("both"), "neither": self.tr("neither")}
        kinds = {"only-a": self.tr("only A"), "only-b": self.tr("only B"), "tags": self.tr("tags differ"),
                 "span": self.tr("extent differs")}
        current = self.current_index()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.comparison.differences))
        for r, diff in enumerate(self.comparison.differences):
            decision = self.decisions.get(diff.index)
            cells = (f"{diff.start}–{diff.end}\n{kinds[diff.kind]}", _describe(diff.a), _describe(diff.b),
                     labels[decision] if decision else self.tr("undecided"))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(_shade(DECIDED_BACKGROUND if decision else DIFFERENCE_BACKGROUND))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        if current is not None and current < len(self.comparison.differences):
            select_only_row(self.table, current)
        self.table.blockSignals(False)

    def current_index(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else None

    def current_difference(self) -> Difference | None:
        index = self.current_index()
        if self.comparison is None or index is None or index >= len(self.comparison.differences):
            return None
        return self.comparison.differences[index]

    def select_difference(self, index: int) -> None:
        select_only_row(self.table, index)

    def decide(self, index: int, decision: str) -> None:
        self.decisions[index] = decision
        self._fill_table()

    def decide_current(self, decision: str) -> None:
        diff = self.current_difference()
        if diff is None:
            return
        self.decide(diff.index, decision)
        if self.comparison and diff.index + 1 < len(self.comparison.differences):
            self.select_difference(diff.index + 1)  # on to the next one

    def _mark(self) -> None:
        assert self.comparison is not None
        current = self.current_difference()
        spans = [(d.start, d.end, current is not None and d.index == current.index)
                 for d in self.comparison.differences]
        only_a: set[int] = set()
        only_b: set[int] = set()
        for d in self.comparison.differences:
            cover_a, cover_b = _cover(d.a), _cover(d.b)
            only_a |= cover_a - cover_b
            only_b |= cover_b - cover_a
        for view, mine in ((self.a_view, only_a), (self.b_view, only_b)):
            view.differences = spans
            view.only_mine = _runs(mine)
            view.set_annotations(view.annotations, view.tag_colors)

    # -- slots -------------------------------------------------------------------------
    @Slot(str)
    def _on_coder_combo_changed(self, _text: str) -> None:
        self.refresh()

    @Slot()
    def _on_table_selection_changed(self) -> None:
        diff = self.current_difference()
        self._mark()
        if diff is not None:  # scroll to it; the shading shows it (a selection would hide it)
            for view in (self.a_view, self.b_view):
                view.blockSignals(True)
                view.select_range(diff.end, diff.end)
                view.select_range(diff.start, diff.start)
                view.blockSignals(False)

    @Slot()
    def _on_write_button_clicked(self) -> None:
        if self.comparison is not None:
            self.consensus_requested.emit(self.comparison, dict(self.decisions))
