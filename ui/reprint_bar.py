"""The reader's line "Also printed in N papers on …" for the open article, with links to the
other printings (from the stored reprint clustering); hidden when the article has no copies."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from reader.analysis import reprints


class ReprintBar(QLabel):
    article_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setStyleSheet("padding: 2px 4px; background: #fff4e6; border-radius: 3px;")
        self.linkActivated.connect(self._on_link_activated)
        self.copies: list[reprints.Copy] = []
        self.hide()

    def show_article(self, article_id: int | None) -> None:
        self.copies = [] if article_id is None else reprints.copies(article_id)
        if not self.copies:
            self.clear()
            self.hide()
            return
        papers = {c.paper or "" for c in self.copies}
        links = []
        for c in self.copies[:12]:
            label = " ".join(x for x in (c.paper or "", c.date or self.tr("undated"),
                                         self.tr("p. %s") % c.page if c.page is not None else "") if x)
            if c.first:
                label = self.tr("first: %s") % label
            links.append(f'<a href="article:{c.article_id}">{html.escape(label)}</a>')
        more = self.tr(" and %d more") % (len(self.copies) - 12) if len(self.copies) > 12 else ""
        lead = self.tr("This copy was also printed %d time(s), in %d paper(s): ") % (len(self.copies), len(papers))
        self.setText(html.escape(lead) + " · ".join(links) + html.escape(more))
        self.setToolTip(self.tr("Near-duplicate copies found by Reprints (Corpus views)"))
        self.show()

    @Slot(str)
    def _on_link_activated(self, link: str) -> None:
        if link.startswith("article:"):
            self.article_requested.emit(int(link.split(":", 1)[1]))
