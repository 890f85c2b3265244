"""The error types of the core that carry a message fit to show a user as is."""

from __future__ import annotations

from reader.changes import CorpusError
from reader.store.db import DatabaseError
from reader.text.sources import SourceError


def _known() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [CorpusError, DatabaseError, SourceError]
    try:
        from reader.exchange.importers import ImportFormatError

        errors.append(ImportFormatError)
    except ImportError:
        pass
    try:
        from reader.exchange.exporting import ExportError

        errors.append(ExportError)
    except ImportError:
        pass
    return tuple(errors)


KNOWN_ERRORS: tuple[type[BaseException], ...] = _known()
