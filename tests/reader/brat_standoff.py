"""A checker that reads brat standoff the way brat's own server does (reimplemented from the
rules of nlplab/brat ``server/src/annotation.py`` and ``projectconfig.py``; no brat code is
copied).  Used by the brat export tests.

brat's rules enforced here:
- ``.ann`` lines are ``ID<TAB>DATA[<TAB>TAIL]``; IDs match ``[A-Za-z]+|#[A-Za-z]*`` + digits, and
  are unique;
- ``T``: ``TYPE START END[;START END]…``; every fragment 0 <= start <= end <= len(text), no two
  fragments with ``end >= other_start and start < other_end``; the tail is TAB + exactly the
  fragments' texts joined by one space, followed by nothing or whitespace;
- ``#``: ``TYPE TARGET`` (exactly two space-separated fields), the target an existing ID;
- the ``.txt`` is read as UTF-8 with universal newlines, offsets count its characters;
- type names are stored as brat's ``normalize_to_storage_form`` leaves them: a name that
  contains anything but ``[A-Za-z0-9_-]`` is turned into ``_``s, so every type used must be its
  own storage form and be declared in ``annotation.conf``'s ``[entities]`` (indentation by TABs
  = hierarchy, ``!`` = not annotatable);
- ``visual.conf`` ``[labels]`` lines are ``TYPE | label[ | short…]`` for declared types;
  ``[drawing]`` lines are ``TYPE<TAB>key:value, …``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ID = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")
DISCONT_SEP = " "


class BratError(AssertionError):
    pass


def storage_form(name: str) -> str:
    """What brat stores a configured type name as."""
    return re.sub(r"[^a-zA-Z0-9_-]", "_", name.replace(" ", "_"))


def _sections(conf: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in conf.splitlines():
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line.strip())
        if m:
            current = m.group(1)
            sections.setdefault(current, [])
            continue
        if current is None:
            raise BratError(f"configuration line outside a section: {line!r}")
        sections[current].append(line)
    return sections


def entity_types(annotation_conf: str) -> set[str]:
    types = set()
    for line in _sections(annotation_conf).get("entities", []):
        if line.strip() == "SEPARATOR" or line.strip().startswith("<"):
            continue
        name = line.strip().lstrip("!").split("\t")[0].strip()
        if storage_form(name) != name:
            raise BratError(f"type {name!r} would be stored by brat as {storage_form(name)!r}")
        types.add(name)
    return types


def check_visual(visual_conf: str, types: set[str]) -> dict[str, str]:
    labels: dict[str, str] = {}
    sections = _sections(visual_conf)
    for line in sections.get("labels", []):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 2 or not all(parts):
            raise BratError(f"bad label line {line!r}")
        if parts[0] not in types:
            raise BratError(f"label for undeclared type {parts[0]!r}")
        labels[parts[0]] = parts[1]
    for line in sections.get("drawing", []):
        name, _, settings = line.partition("\t")
        if not settings or not all(re.fullmatch(r"\s*\w+:\S+\s*", kv) for kv in settings.split(",")):
            raise BratError(f"bad drawing line {line!r}")
    return labels


@dataclass
class Document:
    text: str
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = field(default_factory=dict)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)


def parse_ann(ann: str, text: str, types: set[str]) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # universal newlines
    doc = Document(text)
    seen: set[str] = set()
    for number, line in enumerate(ann.split("\n"), start=1):
        if not line:
            continue
        if "\t" not in line:
            raise BratError(f"line {number}: no TAB after the id: {line!r}")
        ident, tail = line.split("\t", 1)
        if not _ID.match(ident):
            raise BratError(f"line {number}: invalid id {ident!r}")
        if ident in seen:
            raise BratError(f"line {number}: duplicate id {ident}")
        seen.add(ident)
        data, sep, data_tail = tail.partition("\t")
        data_tail = sep + data_tail
        if ident.startswith("T"):
            kind, _, rest = data.partition(" ")
            spans = []
            for frag in rest.split(";"):
                start_s, _, end_s = frag.partition(" ")
                if not (start_s.isdigit() and end_s.rstrip().isdigit()) or " " in end_s.rstrip():
                    raise BratError(f"line {number}: bad offsets {rest!r}")
                start, end = int(start_s), int(end_s)
                if start > end or start < 0 or end > len(text):
                    raise BratError(f"line {number}: offsets {start} {end} outside the text")
                if any(end >= s and start < e for s, e in spans):
                    raise BratError(f"line {number}: fragments overlap")
                spans.append((start, end))
            if kind not in types:
                raise BratError(f"line {number}: type {kind!r} is not declared")
            reftext = DISCONT_SEP.join(text[s:e] for s, e in spans)
            if not data_tail.startswith("\t"):
                raise BratError(f"line {number}: no TAB before the text")
            covered, after = data_tail[1:1 + len(reftext)], data_tail[1 + len(reftext):]
            if covered != reftext:
                raise BratError(f"line {number}: text {covered!r} does not match {reftext!r}")
            if after and not after[0].isspace():
                raise BratError(f"line {number}: text not separated from the rest of the line")
            doc.spans[ident] = (kind, spans, covered)
        elif ident.startswith("#"):
            fields = data.split()
            if len(fields) != 2:
                raise BratError(f"line {number}: a note needs TYPE TARGET, got {data!r}")
            if fields[1] not in doc.spans:
                raise BratError(f"line {number}: note on undefined {fields[1]}")
            doc.notes[ident] = (fields[1], data_tail.strip())
        else:
            raise BratError(f"line {number}: unexpected annotation kind {ident!r}")
    return doc


def check_export(files: dict[str, str]) -> tuple[dict[str, Document], dict[str, str]]:
    """Every document of a brat export folder (name → text) parsed by brat's rules."""
    types = entity_types(files["annotation.conf"])
    labels = check_visual(files["visual.conf"], types)
    docs = {}
    for name, content in files.items():
        if name.endswith(".ann"):
            docs[name[:-4]] = parse_ann(content, files[name[:-4] + ".txt"], types)
    return docs, labels
