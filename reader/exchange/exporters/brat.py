"""brat standoff: per article ``NAME.txt`` (the exact text, UTF-8) and ``NAME.ann``, plus
``annotation.conf`` and ``visual.conf`` declaring and colouring every type.

Choices (brat has no multi-label spans):
- an annotation with several tags becomes one ``T`` line per tag, all with the same span; its note
  is one ``#n<TAB>AnnotatorNotes Tn<TAB>note`` on the first of them (newlines and tabs in the note
  become spaces, since brat notes are one line); an untagged annotation gets type ``Annotation``;
- brat accepts only ``[A-Za-z0-9_-]`` in type names (it turns anything else into ``_``), so every
  tag gets an ASCII type id made from its pinyin (问责 → ``wenze``; unique, never one of brat's
  reserved words) and its real name is the label in ``visual.conf``
  (``wenze | 问责``), which brat shows; the tag hierarchy is kept as indentation in
  ``annotation.conf``;
- a span crossing ``\\n`` is written as discontinuous fragments ``s1 e1;s2 e2`` (the newlines left
  out) and its text field is the fragments joined by one space, as brat does (tabs and CRs in
  the text field become spaces, keeping the line grammar);
- with ``include_entities`` entities follow as ``T`` lines typed ``PER``, ``LOC``…;
- unplaced annotations are skipped.
``write`` produces a ZIP; :meth:`BratExporter.write_directory` writes the same files to a folder.
Both write each article's files as the corpus is read, and the two configuration files last.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from reader.exchange.exporters.base import (
    UNTAGGED,
    ExportOptions,
    is_placed,
    register,
    tag_depths,
)
from reader.exchange.exporters.zipping import STORE_ABOVE, ZipWriter
from reader.exchange.source import ArticleItem, ExportSource, as_source
from reader.records import ArticleRecord, TagRecord

_UNSAFE_FILE = re.compile(r"[^\w\-]+")
_NOT_BRAT = re.compile(r"[^A-Za-z0-9_-]+")
# brat's configuration keywords (projectconfig.reserved_config_name) and section-like words
BRAT_RESERVED = {"ANY", "ENTITY", "RELATION", "EVENT", "NONE", "EMPTY", "REL-TYPE", "URL", "URLBASE",
                 "GLYPH-POS", "DEFAULT", "NORM", "OVERLAP", "OVL-TYPE", "INHERIT", "SEPARATOR"}


def ascii_type_name(name: str) -> str:
    """An identifier brat keeps as it is (``[A-Za-z0-9_-]+``): Chinese as pinyin syllables, other
    letters without their accents, runs of anything else as ``_``."""
    from pypinyin import lazy_pinyin

    spelled = "".join(lazy_pinyin(name.strip(), errors=lambda chars: [_fold(c) for c in chars]))
    safe = _NOT_BRAT.sub("_", spelled.replace(" ", "_")).strip("_")
    safe = re.sub("_+", "_", safe)
    return safe or "tag"


def _fold(char: str) -> str:
    folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return folded or "_"


def ascii_type_names(names: Iterable[str], taken: Callable[[str], bool] = lambda n: False) -> dict[str, str]:
    """Each distinct name → a unique :func:`ascii_type_name` (``_2``, ``_3``… on clashes)."""
    result: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        if name in result:
            continue
        base = ascii_type_name(name)
        if base.upper() in BRAT_RESERVED:
            base = f"{base}_tag"
        candidate, n = base, 2
        while candidate.lower() in used or taken(candidate):
            candidate = f"{base}_{n}"
            n += 1
        used.add(candidate.lower())
        result[name] = candidate
    return result


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at newlines into non-empty fragments that contain no ``\\n``."""
    result: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if stop > pos:
            result.append((pos, stop))
        pos = stop + 1
    return result


def span_field(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The ``s e;s e`` offsets and the covered-text field, or None for an all-newline span."""
    frags = fragments(text, start, end)
    if not frags:
        return None
    offsets = ";".join(f"{s} {e}" for s, e in frags)
    return offsets, one_line(" ".join(text[s:e] for s, e in frags), strip=False)


def one_line(value: str, strip: bool = True) -> str:
    """``value`` with each tab, CR or LF replaced by a space (runs collapse when ``strip``)."""
    if not strip:
        return re.sub(r"[\r\n\t]", " ", value)
    return re.sub(r"[\r\n\t]+", " ", value).strip()


def document_name(article: ArticleRecord, used: set[str]) -> str:
    """A unique, filesystem-safe file stem for an article: ``<source stem>_<position>``."""
    stem = _safe_stem(article.source)
    name = f"{stem}_{article.position:03d}"
    if name in used:
        name = f"{name}_{article.id}"
    used.add(name)
    return name


@lru_cache(maxsize=4096)
def _safe_stem(source: str) -> str:
    """The filesystem-safe stem of a source file name (remembered: a page's articles share it)."""
    return _UNSAFE_FILE.sub("_", Path(source).stem).strip("_") or "article"


class _Types:
    """ASCII type ids for tags, the untagged fallback and entity types (added as they appear)."""

    def __init__(self, tags: list[TagRecord]) -> None:
        self.tags = tags
        self.ids = ascii_type_names([t.name for t in tags] + [UNTAGGED])
        self.entity_types: list[str] = []

    def entity(self, kind: str) -> str:
        if kind not in self.ids:
            taken = {v.lower() for v in self.ids.values()}
            self.ids.update(ascii_type_names([kind], lambda c: c.lower() in taken))
            self.entity_types.append(kind)
        return self.ids[kind]

    def conf(self) -> str:
        depths = tag_depths(self.tags)
        lines = ["[entities]"]
        declared: set[str] = set()
        for tag in self.tags:
            lines.append("\t" * depths[tag.id] + self.ids[tag.name])
            declared.add(self.ids[tag.name])
        for name in [UNTAGGED, *self.entity_types]:
            if self.ids[name] not in declared:
                declared.add(self.ids[name])
                lines.append(self.ids[name])
        lines += ["", "[relations]", "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "",
                  "[events]", "", "[attributes]", ""]
        return "\n".join(lines)

    def visual(self) -> str:
        lines = ["[labels]"]
        for name in [t.name for t in self.tags] + [UNTAGGED, *self.entity_types]:
            label = one_line(name).replace("|", "/")
            if label != self.ids[name]:
                lines.append(f"{self.ids[name]} | {label}")
        lines += ["", "[drawing]"]
        lines += [f"{self.ids[t.name]}\tbgColor:{t.color}" for t in self.tags
                  if re.fullmatch(r"#[0-9A-Fa-f]{6}", t.color or "")]
        return "\n".join(lines) + "\n"


def ann_file(item: ArticleItem, types: _Types, options: ExportOptions) -> tuple[str, int]:
    """The ``.ann`` text for one article and how many annotations it holds."""
    text = item.article.text
    lines: list[str] = []
    t_num = n_num = 0
    count = 0
    for ann in item.annotations:
        if not is_placed(ann, text):
            continue
        field = span_field(text, ann.start, ann.end)
        if field is None:
            continue
        count += 1
        first = ""
        for tag in dict.fromkeys(ann.tags or (UNTAGGED,)):
            t_num += 1
            lines.append(f"T{t_num}\t{types.ids[tag]} {field[0]}\t{field[1]}")
            first = first or f"T{t_num}"
        if one_line(ann.note):
            n_num += 1
            lines.append(f"#{n_num}\tAnnotatorNotes {first}\t{one_line(ann.note)}")
    if options.include_entities:
        for ent in sorted(item.entities, key=lambda e: (e.start, e.end)):
            field = span_field(text, ent.start, ent.end)
            if field is not None and ent.text:
                t_num += 1
                lines.append(f"T{t_num}\t{types.entity(ent.type)} {field[0]}\t{field[1]}")
    return "".join(line + "\n" for line in lines), count


def brat_files(data: Any, options: ExportOptions, put: Callable[[str, str | bytes], None]) -> int:
    """Hand every file (name, text) of the export to ``put``, articles first and the two
    configuration files last; returns the number of annotations written.  An article's text
    comes as its UTF-8 bytes when the source has them at hand."""
    source: ExportSource = as_source(data)
    types = _Types(source.tags)
    used: set[str] = set()
    count = 0
    for item in source.items(utf8=True, variables=False):
        name = document_name(item.article, used)
        ann, n = ann_file(item, types, options)
        put(f"{name}.txt", item.utf8 if item.utf8 is not None else item.article.text)
        put(f"{name}.ann", ann)
        count += n
    put("annotation.conf", types.conf())
    put("visual.conf", types.visual())
    return count


@register
class BratExporter:
    """brat standoff files, zipped (binary output); see :meth:`write_directory`."""

    name = "brat"
    extension = ".zip"
    binary = True

    def write(self, data: Any, out: IO[bytes], options: ExportOptions) -> int:
        source = as_source(data)
        store = source.total_articles > STORE_ABOVE
        with ZipWriter(out) as archive:
            return brat_files(source, options, lambda name, text: archive.add(name, _utf8(text), store))

    def write_directory(self, data: Any, directory: Path, options: ExportOptions) -> int:
        """Write the files into ``directory`` (created if missing; same-named files replaced)."""
        directory.mkdir(parents=True, exist_ok=True)
        return brat_files(data, options, lambda name, text: (directory / name).write_bytes(_utf8(text)))


def _utf8(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")
