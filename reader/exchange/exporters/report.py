"""Reading reports in Markdown and HTML: quotes grouped by tag, in tag-hierarchy order.

Each tag section (heading: the tag's path, ``上级 / 下级``) lists every annotation carrying the
tag with its quote, a citation (title, source, code-point offsets) and the note; untagged
annotations come last under ``labels["untagged"]``.  Tags without annotations are left out.  An
annotation with several tags appears under each; ``write`` counts it once.  The few fixed words
are :data:`REPORT_LABELS`, overridable through ``ExportOptions.labels``.  HTML is escaped,
self-contained, UTF-8, with a CJK-friendly font stack.
"""

from __future__ import annotations

import html
import re
from typing import IO

from reader.exchange.exporters.base import (
    ExportOptions,
    all_tags,
    annotations_by_article,
    article_title,
    exported_at,
    iso,
    register,
)
from reader.records import AnnotationRecord, ArticleRecord, ExportBundle

REPORT_LABELS: dict[str, str] = {
    "untagged": "未标注 (untagged)",
    "note": "批注",
    "offsets": "字符",
    "exported": "导出时间",
    "unplaced": "未定位",
}
FONT_STACK = (
    '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*(?:\d+)?)([#+\-=.)])")

Section = tuple[str, int, str, list[tuple[AnnotationRecord, ArticleRecord]]]


def sections(bundle: ExportBundle, labels: dict[str, str]) -> tuple[list[Section], int]:
    """``(heading, depth, colour, [(annotation, article)…])`` per used tag, and the count of
    distinct annotations."""
    articles = {a.id: a for a in bundle.articles}
    grouped = annotations_by_article(bundle)
    ordered = [
        (ann, articles[aid]) for aid in (a.id for a in bundle.articles) for ann in grouped[aid]
    ]
    tags = all_tags(bundle)
    by_id = {t.id: t for t in tags}
    result: list[Section] = []
    for tag in tags:
        items = [(ann, art) for ann, art in ordered if tag.name in ann.tags]
        if items:
            path = tag.path(by_id)
            result.append((" / ".join(path), len(path) - 1, tag.color, items))
    untagged = [(ann, art) for ann, art in ordered if not ann.tags]
    if untagged:
        result.append((labels["untagged"], 0, "#888888", untagged))
    return result, len(ordered)


def citation(ann: AnnotationRecord, article: ArticleRecord, labels: dict[str, str]) -> str:
    """``《title》, source, 字符 start–end`` (plain text, unescaped)."""
    where = (
        f"{labels['offsets']} {ann.start}–{ann.end}"
        if ann.status != "orphan"
        else labels["unplaced"]
    )
    return f"《{article_title(article)}》, {article.source}, {where}"


def md_escape(text: str) -> str:
    """Backslash-escape Markdown punctuation so text renders literally: emphasis, code, link,
    HTML and table characters anywhere, and list/heading markers at the start of a line."""
    lines = [_MD_SPECIAL.sub(r"\\\1", line) for line in text.split("\n")]
    return "\n".join(_MD_LINE_START.sub(r"\1\\\2", line) for line in lines)


@register
class MarkdownExporter:
    """Markdown report (text output)."""

    name = "md"
    extension = ".md"
    binary = False

    def write(self, bundle: ExportBundle, out: IO[str], options: ExportOptions) -> int:
        labels = {**REPORT_LABELS, **options.labels}
        secs, count = sections(bundle, labels)
        out.write(f"# {md_escape(bundle.project_name)}\n\n")
        out.write(
            f"{labels['exported']}: {iso(exported_at(bundle))} · {md_escape(bundle.author)}\n"
        )
        for heading, depth, _color, items in secs:
            out.write(f"\n{'#' * min(depth + 2, 6)} {md_escape(heading)}\n")
            for ann, art in items:
                quote = "\n".join(
                    f"> {md_escape(line)}" if line else ">" for line in ann.quote.split("\n")
                )
                out.write(f"\n{quote}\n>\n> — {md_escape(citation(ann, art, labels))}\n")
                if ann.note:
                    note = "  \n".join(md_escape(line) for line in ann.note.split("\n"))
                    out.write(f"\n**{labels['note']}**: {note}\n")
        return count


CSS = f"""body {{ font-family: {FONT_STACK}; line-height: 1.7; max-width: 52em; margin: 2em auto;
  padding: 0 1em; color: #222; }}
blockquote {{ margin: 1em 0 .3em; padding: .2em 1em; border-left: 4px solid var(--tag, #888);
  background: #f7f7f5; white-space: pre-wrap; }}
.cite {{ color: #666; font-size: .9em; margin: 0 0 .3em 1.2em; }}
.note {{ white-space: pre-wrap; margin: 0 0 1em 1.2em; }}
.swatch {{ display: inline-block; width: .8em; height: .8em; border-radius: 2px;
  margin-right: .4em; background: var(--tag, #888); }}"""


@register
class HtmlExporter:
    """Self-contained HTML report (text output)."""

    name = "html"
    extension = ".html"
    binary = False

    def write(self, bundle: ExportBundle, out: IO[str], options: ExportOptions) -> int:
        labels = {**REPORT_LABELS, **options.labels}
        secs, count = sections(bundle, labels)
        e = html.escape
        title = e(bundle.project_name)
        out.write(
            f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
            f"<h1>{title}</h1>\n<p>{e(labels['exported'])}: "
            f"{e(iso(exported_at(bundle)))} · {e(bundle.author)}</p>\n"
        )
        for heading, depth, color, items in secs:
            color = color if re.fullmatch(r"#[0-9A-Fa-f]{6}", color or "") else "#888888"
            level = min(depth + 2, 6)
            out.write(
                f'<section style="--tag: {color}">\n<h{level}><span class="swatch"></span>'
                f"{e(heading)}</h{level}>\n"
            )
            for ann, art in items:
                out.write(
                    f"<blockquote>{e(ann.quote)}</blockquote>\n"
                    f'<p class="cite">— {e(citation(ann, art, labels))}</p>\n'
                )
                if ann.note:
                    out.write(
                        f'<p class="note"><strong>{e(labels["note"])}</strong>: {e(ann.note)}</p>\n'
                    )
            out.write("</section>\n")
        out.write("</body>\n</html>\n")
        return count
