"""Reading reports in Markdown and HTML: quotes grouped by tag, in tag-hierarchy order.

Each tag section (heading: the tag's path, ``上级 / 下级``) lists every annotation carrying the
tag with its quote, a citation (title, source, code-point offsets) and the note; untagged
annotations come last under ``labels["untagged"]``.  Tags without annotations are left out.  An
annotation with several tags appears under each; ``write`` counts it once.  The few fixed words
are :data:`REPORT_LABELS`, overridable through ``ExportOptions.labels``.  Sections are read from
the source tag by tag (:meth:`~reader.exchange.source.ExportSource.tagged`), so memory does not
grow with the corpus.

Markdown: each quote is a blockquote followed by its citation as a plain paragraph, so that two
quotes never merge into one blockquote, whichever renderer (CommonMark, GitHub, Python-Markdown,
Pandoc).  HTML is escaped, self-contained and UTF-8; it embeds the bundled CJK font
(``data/fonts/NotoSansSC-Pizhu.otf``, SIL OFL) cut down to the characters the report uses, as a
base64 ``@font-face`` (the whole font when the report uses more than
:data:`WHOLE_FONT_ABOVE` distinct characters), so that it renders on a machine without any
Chinese font.  Characters
the bundled font lacks (rare ones such as 𫖯, outside GB 2312) are listed at the end of the
report and marked where they occur: they show only where the reader's system has a font for
them, else as a box.
"""

from __future__ import annotations

import base64
import html
import io
import re
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from reader.exchange.exporters.base import ExportOptions, iso, register
from reader.exchange.source import ExportSource, TaggedAnnotation, as_source
from reader.records import AnnotationRecord

REPORT_LABELS: dict[str, str] = {
    "untagged": "未标注 (untagged)",
    "note": "批注",
    "offsets": "字符",
    "exported": "导出时间",
    "unplaced": "未定位",
    "missing_glyphs": "嵌入字体未收的字 (characters the embedded font lacks)",
}
FONT_FILE = Path(__file__).resolve().parents[3] / "data" / "fonts" / "NotoSansSC-Pizhu.otf"
EMBEDDED_FAMILY = "Pizhu Noto Sans SC"
WHOLE_FONT_ABOVE = 1500  # distinct characters: above this the whole bundled font is embedded
FONT_STACK = (
    f'"{EMBEDDED_FAMILY}", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*(?:\d+)?)([#+\-=.)])")

Section = tuple[str, int, str, str | None]  # heading, depth, colour, tag name (None: untagged)


def sections(source: ExportSource, labels: dict[str, str]) -> list[Section]:
    """``(heading, depth, colour, tag)`` per tag that has annotations, hierarchy order, then
    the untagged section."""
    by_id = {t.id: t for t in source.tags}
    counts = source.tag_counts()
    result: list[Section] = []
    for tag in source.tags:
        if counts.get(tag.name):
            path = tag.path(by_id)
            result.append((" / ".join(path), len(path) - 1, tag.color, tag.name))
    result.append((labels["untagged"], 0, "#888888", None))
    return result


def citation(ann: AnnotationRecord, title: str, source: str, labels: dict[str, str]) -> str:
    """``《title》, source, 字符 start–end`` (plain text, unescaped)."""
    where = f"{labels['offsets']} {ann.start}–{ann.end}" if ann.status != "orphan" else labels["unplaced"]
    return f"《{title}》, {source}, {where}"


def md_escape(text: str) -> str:
    """Backslash-escape Markdown punctuation so text renders literally: emphasis, code, link,
    HTML and table characters anywhere, and list/heading markers at the start of a line."""
    lines = [_MD_SPECIAL.sub(r"\\\1", line) for line in text.split("\n")]
    return "\n".join(_MD_LINE_START.sub(r"\1\\\2", line) for line in lines)


def _walk(source: ExportSource, labels: dict[str, str]) -> Iterator[tuple[Section, Iterator[TaggedAnnotation]]]:
    for section in sections(source, labels):
        yield section, source.tagged(section[3])


@register
class MarkdownExporter:
    """Markdown report (text output)."""

    name = "md"
    extension = ".md"
    binary = False

    def write(self, data: Any, out: IO[str], options: ExportOptions) -> int:
        source = as_source(data)
        labels = {**REPORT_LABELS, **options.labels}
        out.write(f"# {md_escape(source.project_name)}\n\n")
        out.write(f"{labels['exported']}: {iso(source.exported_at())} · {md_escape(source.author)}\n")
        seen: set[int] = set()
        for (heading, depth, _color, _tag), items in _walk(source, labels):
            first = True
            for item in items:
                if first:
                    out.write(f"\n{'#' * min(depth + 2, 6)} {md_escape(heading)}\n")
                    first = False
                ann = item.annotation
                seen.add(ann.id)
                quote = "\n".join(f"> {md_escape(line)}" if line else ">" for line in ann.quote.split("\n"))
                out.write(f"\n{quote}\n\n— {md_escape(citation(ann, item.title, item.source, labels))}\n")
                if ann.note:
                    note = "  \n".join(md_escape(line) for line in ann.note.split("\n"))
                    out.write(f"\n**{labels['note']}**: {note}\n")
        return len(seen)


CSS = f"""body {{ font-family: {FONT_STACK}; line-height: 1.7; max-width: 52em; margin: 2em auto;
  padding: 0 1em; color: #222; }}
blockquote {{ margin: 1em 0 .3em; padding: .2em 1em; border-left: 4px solid var(--tag, #888);
  background: #f7f7f5; white-space: pre-wrap; }}
.cite {{ color: #666; font-size: .9em; margin: 0 0 .3em 1.2em; }}
.note {{ white-space: pre-wrap; margin: 0 0 1em 1.2em; }}
.swatch {{ display: inline-block; width: .8em; height: .8em; border-radius: 2px;
  margin-right: .4em; background: var(--tag, #888); }}
.noglyph {{ background: #fde2e1; border-bottom: 1px dotted #c00; }}"""


@lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    try:
        from fontTools.ttLib import TTFont

        with TTFont(str(FONT_FILE), lazy=True) as font:
            return frozenset(font.getBestCmap())
    except (ImportError, OSError):
        return frozenset()


def font_face(chars: set[str]) -> str:
    """A ``@font-face`` rule embedding the bundled font cut down to ``chars`` (base64 OpenType),
    or "" when the font or fontTools is missing."""
    covered = {c for c in chars if ord(c) in _font_chars()}
    if not covered:
        return ""
    if len(covered) > WHOLE_FONT_ABOVE:  # subsetting thousands of glyphs costs seconds: embed it all
        encoded = base64.b64encode(FONT_FILE.read_bytes()).decode("ascii")
        return _face(encoded)
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the OFL licence and the names
    options.notdef_outline = True
    font = subset.load_font(str(FONT_FILE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(covered)))
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return _face(base64.b64encode(buffer.getvalue()).decode("ascii"))


def _face(encoded: str) -> str:
    return (f'@font-face {{ font-family: "{EMBEDDED_FAMILY}"; font-style: normal; font-weight: 400; '
            f'src: url("data:font/otf;base64,{encoded}") format("opentype"); }}')


class _Escaper:
    """HTML-escapes text, remembering every character used and marking those the bundled font
    lacks."""

    def __init__(self) -> None:
        self.chars: set[str] = set()
        self.missing: dict[str, int] = {}
        self.covered = _font_chars()
        self.fine = {chr(c) for c in self.covered} | {chr(c) for c in range(0x2E80)}

    def __call__(self, text: str) -> str:
        used = set(text)
        self.chars |= used
        if not self.covered or not any(not c.isspace() for c in used - self.fine):
            return html.escape(text)
        out = []
        for ch in text:
            code = ord(ch)
            if code > 0x2E7F and code not in self.covered and not ch.isspace():
                self.missing[ch] = self.missing.get(ch, 0) + 1
                out.append(f'<span class="noglyph" title="U+{code:04X}">{html.escape(ch)}</span>')
            else:
                out.append(html.escape(ch))
        return "".join(out)


@register
class HtmlExporter:
    """Self-contained HTML report with an embedded font subset (text output)."""

    name = "html"
    extension = ".html"
    binary = False

    def write(self, data: Any, out: IO[str], options: ExportOptions) -> int:
        source = as_source(data)
        labels = {**REPORT_LABELS, **options.labels}
        e = _Escaper()
        seen: set[int] = set()
        with tempfile.TemporaryFile("w+", encoding="utf-8") as body:
            title = e(source.project_name)
            body.write(f"<h1>{title}</h1>\n<p>{e(labels['exported'])}: "
                       f"{e(iso(source.exported_at()))} · {e(source.author)}</p>\n")
            for (heading, depth, color, _tag), items in _walk(source, labels):
                color = color if re.fullmatch(r"#[0-9A-Fa-f]{6}", color or "") else "#888888"
                level = min(depth + 2, 6)
                opened = False
                for item in items:
                    if not opened:
                        body.write(f'<section style="--tag: {color}">\n<h{level}><span class="swatch"></span>'
                                   f"{e(heading)}</h{level}>\n")
                        opened = True
                    ann = item.annotation
                    seen.add(ann.id)
                    body.write(f"<blockquote>{e(ann.quote)}</blockquote>\n"
                               f'<p class="cite">— {e(citation(ann, item.title, item.source, labels))}</p>\n')
                    if ann.note:
                        body.write(f'<p class="note"><strong>{e(labels["note"])}</strong>: {e(ann.note)}</p>\n')
                if opened:
                    body.write("</section>\n")
            if e.missing:
                listed = "、".join(f"{html.escape(c)} (U+{ord(c):04X}, ×{n})" for c, n in sorted(e.missing.items()))
                body.write(f'<footer><p class="note">{html.escape(labels["missing_glyphs"])}: {listed}</p></footer>\n')
            face = font_face(e.chars | set(labels["missing_glyphs"]) | set("—·《》，"))
            out.write(f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
                      f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                      f"<title>{html.escape(source.project_name)}</title>\n<style>\n{face}\n{CSS}\n</style>\n"
                      f"</head>\n<body>\n")
            body.seek(0)
            while chunk := body.read(1 << 20):
                out.write(chunk)
        out.write("</body>\n</html>\n")
        return len(seen)
