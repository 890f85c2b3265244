"""brat standoff: per article ``NAME.txt`` (the exact text, UTF-8) and ``NAME.ann``, plus
``annotation.conf`` and ``visual.conf`` declaring and colouring every type.

Choices (brat has no multi-label spans):
- an annotation with several tags becomes one ``T`` line per tag, all with the same span; its note
  is one ``#n<TAB>AnnotatorNotes Tn<TAB>note`` on the first of them (newlines and tabs in the note
  become spaces, since brat notes are one line); an untagged annotation gets type ``Annotation``;
- type names are tag names made brat-safe (:func:`safe_type_names`: no spaces or punctuation,
  unique); the tag hierarchy is kept as indentation in ``annotation.conf``;
- a span crossing ``\\n`` is written as discontinuous fragments ``s1 e1;s2 e2`` (the newlines left
  out) and its text field is the fragments joined by one space, as brat does (tabs and CRs in
  the text field become spaces, keeping the line grammar);
- with ``include_entities`` entities follow as ``T`` lines typed ``PER``, ``LOC``…;
- unplaced annotations are skipped.
``write`` produces a ZIP; :meth:`BratExporter.write_directory` writes the same files to a folder.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

from reader.exchange.exporters.base import (
    UNTAGGED,
    ExportOptions,
    all_tags,
    annotations_by_article,
    is_placed,
    register,
    safe_type_names,
    tag_depths,
)
from reader.records import AnnotationRecord, ArticleRecord, ExportBundle

_UNSAFE_FILE = re.compile(r"[^\w\-]+")


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


def document_names(articles: list[ArticleRecord]) -> dict[int, str]:
    """A unique, filesystem-safe file stem per article: ``<source stem>_<position>``."""
    names: dict[int, str] = {}
    used: set[str] = set()
    for art in articles:
        stem = _UNSAFE_FILE.sub("_", Path(art.source).stem).strip("_") or "article"
        name = f"{stem}_{art.position:03d}"
        if name in used:
            name = f"{name}_{art.id}"
        used.add(name)
        names[art.id] = name
    return names


class _Types:
    """brat-safe type names for tags, entity types and the untagged fallback."""

    def __init__(self, bundle: ExportBundle, options: ExportOptions) -> None:
        self.tags = all_tags(bundle)
        entity_types = (
            sorted({e.type for ents in bundle.entities.values() for e in ents})
            if options.include_entities
            else []
        )
        names = [t.name for t in self.tags] + [UNTAGGED] + entity_types
        self.safe = safe_type_names(names)
        self.entity_types = entity_types

    def conf(self) -> str:
        depths = tag_depths(self.tags)
        lines = ["[entities]"]
        declared: set[str] = set()
        for tag in self.tags:
            lines.append("\t" * depths[tag.id] + self.safe[tag.name])
            declared.add(self.safe[tag.name])
        for name in [UNTAGGED, *self.entity_types]:
            if self.safe[name] not in declared:
                declared.add(self.safe[name])
                lines.append(self.safe[name])
        lines += [
            "",
            "[relations]",
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
            "",
            "[events]",
            "",
            "[attributes]",
            "",
        ]
        return "\n".join(lines)

    def visual(self) -> str:
        lines = ["[labels]"]
        lines += [
            f"{self.safe[t.name]} | {t.name}" for t in self.tags if t.name != self.safe[t.name]
        ]
        lines += ["", "[drawing]"]
        lines += [
            f"{self.safe[t.name]}\tbgColor:{t.color}"
            for t in self.tags
            if re.fullmatch(r"#[0-9A-Fa-f]{6}", t.color or "")
        ]
        return "\n".join(lines) + "\n"


def ann_file(
    article: ArticleRecord,
    bundle: ExportBundle,
    anns_in: list[AnnotationRecord],
    types: _Types,
    options: ExportOptions,
) -> tuple[str, int]:
    """The ``.ann`` text for one article and how many annotations it holds."""
    text = article.text
    lines: list[str] = []
    t_num = n_num = 0
    count = 0
    for ann in anns_in:
        if not is_placed(ann, text):
            continue
        field = span_field(text, ann.start, ann.end)
        if field is None:
            continue
        count += 1
        first = ""
        for tag in dict.fromkeys(ann.tags or (UNTAGGED,)):
            t_num += 1
            lines.append(f"T{t_num}\t{types.safe[tag]} {field[0]}\t{field[1]}")
            first = first or f"T{t_num}"
        if one_line(ann.note):
            n_num += 1
            lines.append(f"#{n_num}\tAnnotatorNotes {first}\t{one_line(ann.note)}")
    if options.include_entities:
        for ent in sorted(bundle.entities.get(article.id, []), key=lambda e: (e.start, e.end)):
            if text[ent.start : ent.end] != ent.text or not ent.text:
                continue
            field = span_field(text, ent.start, ent.end)
            if field is not None:
                t_num += 1
                lines.append(f"T{t_num}\t{types.safe[ent.type]} {field[0]}\t{field[1]}")
    return "".join(line + "\n" for line in lines), count


def brat_files(bundle: ExportBundle, options: ExportOptions) -> tuple[dict[str, str], int]:
    """Every file (name → text) of the export, and the number of annotations written."""
    types = _Types(bundle, options)
    grouped = annotations_by_article(bundle)
    names = document_names(bundle.articles)
    files: dict[str, str] = {"annotation.conf": types.conf(), "visual.conf": types.visual()}
    count = 0
    for article in bundle.articles:
        ann, n = ann_file(article, bundle, grouped[article.id], types, options)
        files[f"{names[article.id]}.txt"] = article.text
        files[f"{names[article.id]}.ann"] = ann
        count += n
    return files, count


@register
class BratExporter:
    """brat standoff files, zipped (binary output); see :meth:`write_directory`."""

    name = "brat"
    extension = ".zip"
    binary = True

    def write(self, bundle: ExportBundle, out: IO[bytes], options: ExportOptions) -> int:
        files, count = brat_files(bundle, options)
        with zipfile.ZipFile(out, "w") as archive:
            for name, text in files.items():
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode("utf-8"))
        return count

    def write_directory(self, bundle: ExportBundle, directory: Path, options: ExportOptions) -> int:
        """Write the files into ``directory`` (created if missing; same-named files replaced)."""
        files, count = brat_files(bundle, options)
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (directory / name).write_bytes(text.encode("utf-8"))
        return count
