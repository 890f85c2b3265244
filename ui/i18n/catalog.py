"""Reading a Qt Linguist ``.ts`` file (no Qt needed): its messages and their translations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    disambiguation: str
    numerus: bool
    kind: str  # "" (finished), "unfinished", "vanished", "obsolete"
    forms: tuple[str, ...]  # the translation; one form per plural form for a numerus message

    @property
    def finished(self) -> bool:
        return self.kind == "" and bool(self.forms) and all(f.strip() for f in self.forms)


def entries(ts: Path) -> list[Entry]:
    root = ET.parse(ts).getroot()
    found: list[Entry] = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ()
                kind = "unfinished"
            else:
                kind = translation.get("type", "")
                if numerus:
                    forms = tuple(f.text or "" for f in translation.iter("numerusform"))
                else:
                    forms = (translation.text or "",)
            found.append(Entry(name, message.findtext("source") or "", message.findtext("comment") or "",
                               numerus, kind, forms))
    return found


def unfinished(ts: Path) -> list[Entry]:
    return [e for e in entries(ts) if e.kind not in ("vanished", "obsolete") and not e.finished]
