"""The page view's data, mixed into ``Corpus``: the original text of an article's page file and,
for every article of the page, where each of its parts stood in it (title, subtitle, kicker,
body, headings, captions, credits, bylines, jump markers …), in code points of the page text.
The UI only draws it (converting to UTF-16 at the widget edge).  No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.changes import CorpusError
from reader.page_fixes import page_text
from reader.store.models import Article
from reader.store.page_state import page_rows

# The part kinds the parser records (``Article.parts``), in the order a legend lists them.
PART_KINDS = ("kicker", "title", "subtitle", "column", "byline", "paragraph", "heading", "caption",
              "photo-credit", "credit", "note", "jump", "mark")
OK, CHANGED, MISSING = "ok", "changed", "missing"


@dataclass(frozen=True)
class PagePart:
    """One part of one article on the page: ``start``/``end`` are code points of the page text
    (end exclusive); ``jump`` is a jump marker printed inline on that line (e.g. 下转第二版)."""

    article_id: int
    kind: str
    start: int
    end: int
    jump: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"article": self.article_id, "kind": self.kind, "start": self.start, "end": self.end}
        if self.jump:
            out["jump"] = self.jump
        return out


@dataclass(frozen=True)
class PageArticle:
    id: int
    position: int
    title: str


@dataclass(frozen=True)
class PageView:
    """An article's page: ``text`` is None when ``status`` is ``missing`` (the file is gone) or
    ``changed`` (it is no longer the file ingested, so the stored places would not fit)."""

    source: str
    path: str
    status: str
    text: str | None
    articles: tuple[PageArticle, ...]
    parts: tuple[PagePart, ...]
    fixes: int

    def parts_of(self, article_id: int) -> list[PagePart]:
        return [p for p in self.parts if p.article_id == article_id]

    def article_at(self, offset: int) -> int | None:
        """The article whose part covers ``offset`` of the page text (body before furniture)."""
        hits = [p for p in self.parts if p.start <= offset < max(p.end, p.start + 1)]
        if not hits:
            return None
        return min(hits, key=lambda p: (p.end - p.start, p.kind != "paragraph")).article_id

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "path": self.path, "status": self.status, "text": self.text,
                "articles": [{"id": a.id, "position": a.position, "title": a.title}
                             for a in self.articles],
                "parts": [p.to_json() for p in self.parts], "fixes": self.fixes}


class PageViewOps:
    """See the module docstring."""

    def page_view(self, article_id: int) -> PageView:
        """The page of ``article_id`` with every article's parts (see :class:`PageView`)."""
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            raise CorpusError("no-article", f"no article {article_id}")
        source = row.source
        rows = page_rows(source)
        if row.retired:
            rows.append(row)
        text = page_text(source)
        status = OK
        if text is None:
            import os

            status = CHANGED if os.path.exists(source.path) else MISSING
        parts: list[PagePart] = []
        for r in rows:
            for p in (r.structure or {}).get("parts") or ():
                if "start" in p and "end" in p:
                    jump = p.get("jump")
                    parts.append(PagePart(r.id, str(p.get("kind", "paragraph")), int(p["start"]), int(p["end"]),
                                          str(jump) if jump else None))
        if text is not None:
            parts = [p for p in parts if 0 <= p.start <= p.end <= len(text)]
        parts.sort(key=lambda p: (p.start, p.end, p.article_id))
        articles = tuple(PageArticle(r.id, r.position, r.display_title) for r in rows)
        return PageView(source.name, source.path, status, text, articles, tuple(parts),
                        int(source.fixes.count()))
