"""Step 3: classified units -> article skeletons in page order.

A skeleton starts at an article head (title, kicker, column, subtitle lines), at a byline that
follows body text (an article whose title was lost), or at body text after an article was closed
by its credit (an orphan run: a continuation printed away from its article).  Body items keep
their units, so repairs can move them with their evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.text.layout.roundup import SECTION_BYLINE
from reader.text.layout.units import Unit

if TYPE_CHECKING:
    from reader.text.layout.affinity import Grams

HEAD_KINDS = ("title", "kicker", "column", "subtitle")
BODY_KINDS = ("paragraph", "heading", "dateline", "sign")


@dataclass(eq=False)
class Skeleton:
    """An article under construction.  ``items`` holds body, caption, photo, credit and note
    units in printed order; ``head`` the head units; ``byline`` the byline units."""

    start: int
    head: list[Unit] = field(default_factory=list)
    byline: list[Unit] = field(default_factory=list)
    items: list[Unit] = field(default_factory=list)
    closed: bool = False
    why: list[str] = field(default_factory=list)
    marks: list[Unit] = field(default_factory=list)  # jump markers and end marks printed in it
    jump_in: bool = False  # marked as continuing an earlier text (上接第N版)
    jump_out: bool = False  # marked as continued elsewhere (下转第N版)

    def head_text(self, kind: str) -> str | None:
        """Text of the first head unit of ``kind`` (title, subtitle, kicker, column)."""
        for u in self.head:
            if u.kind == kind:
                return u.text
        return None

    @property
    def has_title(self) -> bool:
        """True when the head holds a title."""
        return any(u.kind == "title" for u in self.head)

    @property
    def is_orphan(self) -> bool:
        """No head and no byline: a run of text that continues some other article."""
        return not self.head and not self.byline

    def body(self) -> list[Unit]:
        """Body units (paragraphs, headings, dateline paragraphs) in order."""
        return [u for u in self.items if u.kind in BODY_KINDS]

    def to_json(self) -> dict[str, object]:
        """Evidence summary for ``explain_page``."""
        return {
            "start": self.start,
            "title": self.head_text("title"),
            "head": [u.idx for u in self.head],
            "byline": [u.idx for u in self.byline],
            "items": [u.idx for u in self.items],
            "why": list(self.why),
            **({"jump_in": True} if self.jump_in else {}),
            **({"jump_out": True} if self.jump_out else {}),
        }


def build(units: list[Unit], heads_only: bool = False, tight: bool = False) -> list[Skeleton]:
    """Group classified units into skeletons (see module docstring).  ``heads_only`` (indented
    pages, where every article starts with its head): only heads and jump markers start
    skeletons; bylines, credits and text after a credit stay in the current one.  ``tight``
    (paragraphs printed without blank lines between them): the same for a line printed right
    under the one before it (no blank line between: the same item)."""
    out: list[Skeleton] = []
    cur: Skeleton | None = None
    pending: list[Unit] = []
    prev_kind = ""

    def new(u: Unit, why: str) -> Skeleton:
        """Start a skeleton at ``u`` (pending captions go into it)."""
        sk = Skeleton(u.idx, why=[why])
        sk.items.extend(pending)
        pending.clear()
        out.append(sk)
        return sk

    for u in units:
        same = heads_only or tight and (u.gap == 0 or u.inside) and cur is not None and bool(cur.head)  # the item goes on
        if u.kind == "skip":
            if cur is not None:
                cur.marks.append(u)
            continue
        if u.kind == "jump" or (u.jump == "in" and u.kind not in HEAD_KINDS):
            if u.jump == "out":
                if cur is not None:
                    if u.kind == "jump":
                        cur.marks.append(u)
                    cur.jump_out = True
                    cur.closed = True
                    body = cur.body()
                    if body:
                        body[-1].jump = "out"
                prev_kind = u.kind
                continue
            fresh_head = cur is not None and cur.head and not cur.body() and prev_kind in HEAD_KINDS
            if not fresh_head:
                cur = new(u, "continuation marker (上接/紧接): a jump")
            cur.jump_in = True
            cur.why.append("continues a text printed earlier (jump marker)")
            if u.kind == "jump":
                cur.marks.append(u)
                prev_kind = u.kind
                continue
        if u.kind in HEAD_KINDS:
            if cur is None or prev_kind not in HEAD_KINDS or (heads_only and u.kind in ("title", "kicker", "column")
                                                              or tight and u.gap >= 1 and u.kind == "title") \
                    and cur.has_title:
                cur = new(u, "article head")  # (indented page: a head right after a title ends a title-only item)
            cur.head.append(u)
            if u.jump in ("in", "in-head"):
                cur.jump_in = True
                cur.why.append("jump head: continues a text printed earlier")
        elif u.kind == "byline" and cur is not None and SECTION_BYLINE in u.why:
            cur.byline.append(u)  # a roundup section's byline: one more author of this article
        elif u.kind == "byline":
            fresh = cur is not None and not cur.body() and not cur.closed and (
                not cur.byline or prev_kind == "byline")
            if same and cur is not None:
                fresh = True
            if cur is None or not fresh or not (cur.head or cur.byline):
                cur = new(u, "byline after body text: article whose title was lost")
            cur.byline.append(u)
            if u.jump == "out":
                cur.jump_out = cur.closed = True
        elif u.kind in ("caption", "photo", "note") and (cur is None or cur.closed and not same):
            if u.kind == "note" and cur is not None and not u.names:
                cur.items.append(u)
            else:
                pending.append(u)
        else:
            if cur is None or (cur.closed and u.kind in BODY_KINDS and not same):
                cur = new(u, "text with no head after a closed article: orphan run")
            cur.items.append(u)
            if u.kind == "credit" or (u.kind == "note" and u.text.strip("（()）").startswith("作者")):
                cur.closed = True
            elif u.kind == "note" and not heads_only and any("page furniture" in w for w in u.why):
                cur.closed = True  # an editor / layout line (本版编辑：X) ends what is printed above it
            if u.jump == "out" and u.kind in BODY_KINDS:
                cur.jump_out = True
                cur.closed = True
        prev_kind = u.kind
    if pending:
        if out:
            out[-1].items.extend(pending)
        else:
            sk = Skeleton(pending[0].idx, why=["captions only"])
            sk.items.extend(pending)
            out.append(sk)
    return out


def split_foreign_credits(sks: list[Skeleton], log: list[dict[str, object]],
                          cache: "Grams | None" = None) -> list[Skeleton]:
    """An article that still holds a credit naming people other than its own reporters (after
    jumps were re-attached) holds a second article whose title was taken for a section heading:
    of the plain headings before that credit, the last of those after which the text shares
    (nearly) least with the text before it becomes the new article's title.  An article with no
    reporters of its own is split only when it is a brief-news item (地名：标题), which has no
    section headings: at its first one.
    Returns the new skeleton list."""
    from reader.text.layout.affinity import Grams, SetAffinity
    from reader.text.layout.classify import BRIEF_TITLE_RE

    cache = cache if cache is not None else Grams()
    aff: SetAffinity | None = None
    out: list[Skeleton] = []
    for sk in sks:
        out.append(sk)
        credits = [i for i, u in enumerate(sk.items) if u.kind == "credit" and u.names]
        if not credits:
            continue
        own = {n for b in sk.byline for n in b.names} | {
            n for u in sk.items if u.kind == "dateline" for n in u.names}
        if own and set(sk.items[credits[0]].names) <= own:
            continue
        heads = [i for i in range(credits[0]) if sk.items[i].kind == "heading"
                 and not sk.items[i].level and not sk.items[i].bold]
        if not heads or (not own and not BRIEF_TITLE_RE.match(sk.head_text("title") or "")):
            continue
        if aff is None:
            aff = SetAffinity([cache.union(s.items) for s in sks])
        scored = []
        for i in heads:
            before = cache.union(sk.items[:i])
            after = cache.union(sk.items[i + 1:credits[0]])
            scored.append((aff.sim(before, after), i))
        if not own:
            sim, cut = scored[0]
        else:
            low = min(s for s, _ in scored)
            sim, cut = max((x for x in scored if x[0] <= low * 1.3 + 0.005), key=lambda x: x[1])
        head = sk.items[cut]
        from reader.text.layout.text import ends_sentence
        run = [head] + [x for x in sk.items[cut + 1:cut + 2] if x.kind == "paragraph" and not ends_sentence(x.text)
                        and any("right after a heading" in w for w in x.why) and not any(w.startswith("joined") for w in x.why)]
        why = f"a credit of other people closes the text after it (shared content {sim:.3f}): a new article"
        if len(run) > 1:  # (a head-shaped line right under it: the title, the heading its kicker)
            from reader.text.layout import headparts
            for x in run:
                x.kind = "headish"
            headparts.assign(run, [why], crawler=False)
        else:
            head.kind = "title"
            head.why.append(why)
        new = Skeleton(head.idx, head=run, items=sk.items[cut + len(run):], closed=True,
                       why=["section heading followed by another reporter's credit"])
        del sk.items[cut:]
        out.append(new)
        log.append({"step": "split", "title": head.idx, "why": head.why[-1]})
    return out


def _last_heading(sk: Skeleton, before: int) -> int | None:
    """Index in ``sk.items`` of the last plain (not markdown) section heading before ``before``."""
    for i in range(before - 1, -1, -1):
        u = sk.items[i]
        if u.kind == "heading" and not u.level and not u.bold:
            return i
    return None
