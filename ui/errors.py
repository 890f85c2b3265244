"""The core's refusals, worded for the user in the interface language.

The core raises errors with a machine code (``CorpusError.code``, ``SourceError.problem``) and an
English message with the particulars (names, numbers, limits).  In English the message is shown
as it is; in another language :func:`describe` shows the translated sentence for the code and
keeps the particulars (in brackets) where the sentence alone would lose them.  An error without a
known code falls back to its message.  ``tests/ui/test_errors.py`` fails when the core gains a
code that has no sentence here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.errors import CorpusError, DatabaseError, SourceError
from ui import i18n


class ErrorWords(QObject):
    """The sentences (one ``tr`` context, so translators find them together)."""

    def corpus(self) -> dict[str, tuple[str, bool]]:
        """``CorpusError.code`` -> (sentence, keep the core's particulars)."""
        return {
            "no-article": (self.tr("That article is no longer in the corpus."), False),
            "no-annotation": (self.tr("That annotation no longer exists."), False),
            "no-source": (self.tr("No page file of that name has been added"), True),
            "no-tag": (self.tr("No such code in the codebook"), True),
            "no-quote": (self.tr("The quoted passage is not in the article"), True),
            "no-coder": (self.tr("No such coder"), True),
            "bad-tag": (self.tr("A code needs a name."), False),
            "tag-exists": (self.tr("A code of that name already exists"), True),
            "tag-cycle": (self.tr("A code cannot move under itself or one of its own children."), False),
            "bad-merge": (self.tr("A code cannot be merged into itself."), False),
            "bad-range": (self.tr("The passage lies outside the article's text"), True),
            "bad-state": (self.tr("Unknown reading state"), True),
            "bad-page": (self.tr("A page number is a whole number from 1 up"), True),
            "bad-coder": (self.tr("That coder name cannot be used"), True),
            "coder-exists": (self.tr("A coder of that name already exists"), True),
            "bad-color": (self.tr("A colour is written #RRGGBB"), True),
            "few-coders": (self.tr("Agreement needs annotations from at least two different coders."), False),
            "bad-entity": (self.tr("An entity is a piece of text on one line."), False),
            "bad-entity-type": (self.tr("Unknown entity type"), True),
            "bad-correction": (self.tr("Unknown kind of entity correction"), True),
            "bad-decision": (self.tr("Unknown curation decision"), True),
            "bad-fix": (self.tr("Unknown or incomplete page fix"), True),
            "retired": (self.tr("That article is no longer on its page."), False),
            "old-article": (self.tr("The articles of this page were stored by an older version; ingest the page again"), True),
            "nothing-to-fix": (self.tr("Nothing to fix"), True),
            "page-changed": (self.tr("The page file is gone or has changed since it was ingested, so a point of its "
                                     "text cannot be found; ingest it again"), True),
            "stale": (self.tr("The page changed since (ingested again, or another fix); nothing was changed"), True),
            "would-lose": (self.tr("This would remove an article that has annotations made since; nothing was changed"), True),
            "no-model-file": (self.tr("A corpus kept in memory has no folder for a retrained model."), False),
            "no-training-data": (self.tr("The shipped model's training data is not there"), True),
            "no-corrections": (self.tr("There are no corrections to learn from yet: correct some entities first."), False),
            "no-retrained-model": (self.tr("This corpus already uses the shipped model."), False),
            "bad-spec": (self.tr("The filter is not written as key=value, comma-separated"), True),
            "bad-query": (self.tr("There is nothing to search for."), False),
            "bad-kind": (self.tr("Unknown kind of source"), True),
            "bad-period": (self.tr("Unknown period"), True),
            "bad-phrase-list": (self.tr("A phrase list needs a name."), False),
            "no-phrase-list": (self.tr("No such phrase list"), True),
            "bad-phrase": (self.tr("A phrase cannot be empty."), False),
            "no-phrase": (self.tr("No such phrase in the list"), True),
            "bad-threshold": (self.tr("The similarity must be above 0 and at most 1"), True),
            "bad-variable": (self.tr("That name cannot be used for a variable"), True),
            "bad-value": (self.tr("That value does not fit the variable"), True),
            "read-only": (self.tr("This variable is derived from the page and cannot be set"), True),
            "bad-csv": (self.tr("The CSV file cannot be read"), True),
            "bad-stopwords": (self.tr("The stop word list cannot be read"), True),
            "bad-window": (self.tr("The window must be at least one word."), False),
            "bad-sort": (self.tr("Unknown sort order"), True),
            "article-changed": (self.tr("The article's text changed since (was it re-ingested?); nothing was changed"), True),
            "conflict": (self.tr("Someone else changed this since; nothing was changed"), True),
            "stale-text": (self.tr("The article changed since it was shown (was it re-ingested?); nothing was written"), True),
        }

    def source(self) -> dict[str, str]:
        """``SourceError.problem`` -> what is wrong with the page file."""
        return {
            "missing": self.tr("the file does not exist"),
            "not-a-file": self.tr("it is a folder or a special file, not a page file"),
            "empty": self.tr("the file has no text"),
            "binary": self.tr("it is not a text file"),
            "encoding": self.tr("its encoding could not be read"),
            "too-large": self.tr("the file is too large for one page; split it into pages"),
            "parse-error": self.tr("the page could not be split into articles"),
            "file-name": self.tr("the file name cannot be read (it is not valid UTF-8)"),
            "unreadable": self.tr("the file cannot be read (no permission to read it, or a disk error)"),
        }

    def storage(self) -> dict[str, str]:
        """``StorageError.code`` (a database operation failed for a reason outside the program)
        -> what is wrong with the corpus file."""
        return {
            "disk-full": self.tr("the disk is full (or the file reached its size limit); the change was not "
                                 "stored and nothing already stored is lost. Free some space and try again."),
            "locked": self.tr("another program (another Pizhu window or command, a backup or sync tool) kept "
                              "the corpus locked too long; nothing was changed. Try again when it has finished."),
            "read-only": self.tr("the corpus is read-only (the file, its folder or the disk cannot be written). "
                                 "Copy it to a writable folder or fix the permissions."),
            "damaged": self.tr("the corpus file is damaged. Restore a backup (File → Restore from backup…; "
                               "automatic backups are in the .backups folder beside it)."),
            "not-sqlite": self.tr("it is not a SQLite database (or it is encrypted)."),
            "io-error": self.tr("the corpus file could not be read or written (a failing disk, a removed drive "
                                "or a lost network share); the change was not stored."),
        }

    def unusable(self) -> str:
        """A corpus file refused for a reason the core words (folder, foreign file, backup…)."""
        return self.tr("The corpus file %s cannot be used (%s)")

    def in_file(self) -> str:
        return self.tr("%s: %s")

    def particulars(self) -> str:
        return self.tr("%s (%s)")


def _words() -> ErrorWords:
    return ErrorWords()


def describe(exc: BaseException) -> str:
    """What to tell the user about ``exc``."""
    if i18n.current() == i18n.SOURCE_LANGUAGE:
        return str(exc)
    words = _words()
    if isinstance(exc, SourceError):
        return _in_file(words, exc.path, exc.problem, exc.detail, str(exc))
    if isinstance(exc, CorpusError):
        known = words.corpus().get(exc.code)
        if known is None:
            return str(exc)
        sentence, keep = known
        return words.particulars() % (sentence, exc) if keep else sentence
    if isinstance(exc, DatabaseError):
        sentence = words.storage().get(getattr(exc, "code", None) or "")
        if sentence:
            return words.in_file() % (exc.path, sentence)
        return words.unusable() % (exc.path, exc.problem)  # a refusal at open: the core's reason kept
    return str(exc)


def describe_failure(path: str, message: str) -> str:
    """An ingest report's failed file, ``(path, message)`` with the core's message
    ``"<path>: <problem>[ (<detail>)]"``."""
    if i18n.current() == i18n.SOURCE_LANGUAGE or not message.startswith(f"{path}: "):
        return message
    rest = message[len(path) + 2:]
    problem, _, detail = rest.partition(" ")
    return _in_file(_words(), path, problem, detail.strip().removeprefix("(").removesuffix(")"), message)


def _in_file(words: ErrorWords, path: str, problem: str, detail: str, fallback: str) -> str:
    sentence = words.source().get(problem)
    if sentence is None:
        return fallback
    if detail and problem in ("encoding", "too-large", "parse-error", "unreadable"):
        sentence = words.particulars() % (sentence, detail)
    return words.in_file() % (path, sentence)
