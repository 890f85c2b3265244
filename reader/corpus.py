"""The facade the UI and CLI use: typed ids in, records out, no peewee outside ``reader``.

Every write runs in one transaction and returns a :class:`Change` saying what changed, which the
UI re-broadcasts so that views refresh themselves.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from reader.changes import Change, CorpusError, check_range
from reader.coding import anchors
from reader.coding.annotations import AnnotationOps
from reader.coding.history import HistoryOps
from reader.coding.coders import (
    CoderOps,
    ensure_coder,
    session_coder,
    session_coder_id,
    session_coder_name,
    use_coder,
)
from reader.ingest import Cancelled, IngestReport, Progress, ingest
from reader.page_facts import PageFactsOps
from reader.page_fixes import PageFixOps
from reader.page_view import PageViewOps
from reader.paging import PagingOps
from reader.store.entities import replace_entities
from reader.records import (
    AnnotationRecord,
    ArticleRecord,
    ArticleSummary,
    EntityRecord,
    TagRecord,
)
from reader.store.backup import BackupOps
from reader.store.db import open_db
from reader.store.models import (
    Annotation,
    AnnotationTag,
    Article,
    EntityCorrection,
    Meta,
    Tag,
    database,
    utcnow,
)
from reader.store.rows import annotation_record

DEFAULT_TAG_COLORS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)


def default_author() -> str:
    """The session coder's name (see :mod:`reader.coding.coders`), never the OS login."""
    return session_coder_name()


class Corpus(BackupOps, HistoryOps, AnnotationOps, CoderOps, PagingOps, PageFactsOps, PageFixOps,
             PageViewOps):
    """One corpus database. Not thread-safe per instance; peewee gives each thread its own
    connection, so a worker thread may use the same instance for its own calls.  ``coder``
    names the session coder (default: ``PIZHU_CODER``, see :mod:`reader.coding.coders`);
    ``backup`` False leaves the day's automatic backup to :meth:`make_daily_backup`."""

    def __init__(self, path: str | os.PathLike[str] | None = None, coder: str | None = None,
                 backup: bool = True) -> None:
        self.db = open_db(path)
        self.path = self.db.database
        self._recognizer = None
        use_coder(None)  # each corpus opened starts from PIZHU_CODER (or the fallback) ...
        if coder is not None:
            self.set_coder(coder)  # ... unless told who is coding
        if backup:  # the day's first open copies the whole file: the window does it off its GUI thread
            self.make_daily_backup()

    def close(self) -> None:
        self.db.close()

    @property
    def location(self) -> str:
        """Where the corpus is, fit to show and remember: a file's path, or a server corpus's
        URI without its password."""
        from reader.store.server_login import location

        return location(self.db)

    @property
    def on_server(self) -> bool:
        return hasattr(self.db, "uri")

    # -- recognition --------------------------------------------------------------------
    def recognizer(self):  # type: ignore[no-untyped-def]
        """The entity recogniser with this corpus's user dictionary and reject list."""
        if self._recognizer is None:
            from reader.text.entities import Recognizer

            from reader.coding.retrain import corpus_model  # a model retrained from the corrections

            adds, rejects = self._corrections()
            self._recognizer = Recognizer(user_entries=adds, rejected=rejects, model=corpus_model(self))
        return self._recognizer

    def forget_recognizer(self) -> None:
        """Make the recogniser again at its next use: another coder of a server corpus retrained
        or reverted its model, or changed its corrections (``Change("model"/"entities")``)."""
        self._recognizer = None

    def _corrections(self) -> tuple[list[tuple[str, str]], list[tuple[str, str | None]]]:
        adds = [(c.text, c.type) for c in EntityCorrection.select().where(EntityCorrection.action == "add")]
        rejects = [(c.text, c.type or None) for c in EntityCorrection.select().where(EntityCorrection.action == "reject")]
        return adds, rejects

    def _model_spec(self) -> bool | str:
        from reader.coding.retrain import corpus_model

        model = corpus_model(self)
        return model if isinstance(model, bool) else str(model)

    def recognize(self, text: str) -> list:
        return self.recognizer().recognize(text)

    # -- ingest -------------------------------------------------------------------------
    def ingest(
        self,
        paths: Sequence[str | os.PathLike[str]],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        force: bool = False,
        published: dt.date | None = None,
        steps_per_file: int = 1,
        jobs: int | None = None,
        mode: str = "auto",
    ) -> IngestReport:
        """Ingest files and folders (see :func:`reader.ingest.ingest`).  ``jobs``: worker
        processes for parsing and recognition (None: one per core when there are enough files
        to be worth starting them, else this process alone)."""
        from functools import partial

        from reader.ingest_work import make_recognizer

        first = self.is_empty()
        if not first:
            self._backup_before_reingest(list(paths))
        if jobs is None:
            jobs = auto_jobs(paths)
        adds, rejects = self._corrections()
        factory = partial(make_recognizer, adds, rejects, self._model_spec())
        report = ingest(paths, self.recognize, progress=progress, cancelled=cancelled, force=force,
                        published=published, jobs=jobs, recognizer_factory=factory,
                        mode=mode, steps_per_file=steps_per_file)
        if first and report.articles:
            # Entities of a new corpus are as fresh as the recogniser: record its version so the
            # app's start-up check recomputes only when the recogniser really changes.
            from reader.coding.corrections import VERSION_KEY, recognizer_version

            if self.meta(VERSION_KEY) is None:
                self.set_meta(VERSION_KEY, recognizer_version())
        if report.article_ids and not report.cancelled:
            from reader.analysis.upkeep import after_ingest  # reprint signatures, term statistics

            finished = after_ingest(report.article_ids, None, cancelled)  # progress counts files only
            if first and finished:  # a bulk import into a new corpus: store it compactly
                from reader.store.backend import current

                current(self.db).compact()
        return report

    def set_page_date(self, source: str, published: dt.date | None) -> Change:
        """Date (or undate, with None) every article of the page file named ``source``."""
        from reader.store.models import SourceFile

        row = SourceFile.get_or_none(SourceFile.name == source)
        if row is None:
            raise CorpusError("no-source", f"no ingested page named {source!r}")
        row.published = published
        row.save()
        ids = tuple(a.id for a in Article.select(Article.id).where(Article.source == row))
        return Change("articles", ids)

    def page_dates(self) -> dict[str, dt.date | None]:
        from reader.store.models import SourceFile

        return {s.name: s.published for s in SourceFile.select(SourceFile.name, SourceFile.published)}

    def is_empty(self) -> bool:
        return not Article.select().exists()

    def recompute_entities(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None,
        article_ids: Iterable[int] | None = None, jobs: int | None = None,
    ) -> Change:
        """Recognise every (or the given) article again, e.g. after a user correction; the
        articles' occurrence fixes (:mod:`reader.coding.occurrences`) apply on top.  ``jobs``:
        worker processes that recognise while this process stores (None: by the number of
        articles, :func:`reader.recognise_work.default_jobs`; 0: here)."""
        from functools import partial

        from reader.coding.occurrences import with_fixes
        from reader.ingest_work import make_recognizer
        from reader.recognise_work import Recognition, default_jobs

        self._recognizer = None
        query = Article.select(Article.id)
        if article_ids is not None:
            query = query.where(Article.id.in_(list(article_ids)))
        ids = [i for (i,) in query.order_by(Article.id).tuples()]
        done: list[int] = []
        pending: dict[int, tuple[str, str]] = {}  # the texts in flight and their titles

        def texts() -> Iterator[tuple[int, str]]:
            for start in range(0, len(ids), 100):  # texts a hundred at a time: memory stays flat
                for row in list(Article.select(Article.id, Article.text, Article.display_title)
                                .where(Article.id.in_(ids[start:start + 100])).order_by(Article.id)):
                    pending[row.id] = (row.text, row.display_title or "")
                    yield row.id, row.text

        adds, rejects = self._corrections()
        run = Recognition(partial(make_recognizer, adds, rejects, self._model_spec()),
                          default_jobs(len(ids)) if jobs is None else jobs, self.recognize)
        self.last_recognition = run  # which processes did the work (tests, reports)
        for aid, found in run.run(texts(), cancelled):
            text, title = pending.pop(aid)
            if progress is not None:
                progress(len(done), len(ids), title)
            # recognised outside the transaction: a write lock is taken only to store, and
            # never by upgrading a read snapshot another writer may have made stale
            found, origins = with_fixes(aid, text, found, [getattr(e, "source", "rule") for e in found])
            with database.atomic():
                replace_entities(aid, found, origins)
            done.append(aid)
        if progress is not None:
            progress(len(done), len(ids), "")
        from reader.analysis.termstats import invalidate  # entity counts of the analyses

        invalidate(done)
        return Change("entities", tuple(done))

    # -- reading ------------------------------------------------------------------------
    def articles(self, include_retired: bool = False) -> list[ArticleSummary]:
        """Every article's list row in page order (lazy views use :meth:`article_ids` and
        :meth:`article_rows` instead)."""
        from reader.store import listing

        ids = listing.article_ids(listing.ArticleFilter(include_retired=include_retired))
        return listing.article_rows(ids)

    def article(self, article_id: int) -> ArticleRecord:
        from reader.store.prepared import read_article

        record = read_article(article_id)
        if record is None:
            raise CorpusError("no-article", f"no article with id {article_id}")
        return record

    def entities(self, article_id: int) -> list[EntityRecord]:
        from reader.store.entities import article_entities

        return article_entities(article_id)

    def annotations(self, article_id: int | None = None) -> list[AnnotationRecord]:
        if article_id is not None:
            from reader.store.prepared import read_annotations

            return read_annotations(article_id)
        query = Annotation.select().order_by(Annotation.article, Annotation.start, Annotation.id)
        if article_id is not None:
            query = query.where(Annotation.article == article_id)
        rows = list(query)
        names: dict[int, list[str]] = {}
        links = (AnnotationTag.select(AnnotationTag.annotation, Tag.name).join(Tag)
                 .order_by(AnnotationTag.id))
        if article_id is not None:
            links = links.switch(AnnotationTag).join(Annotation).where(Annotation.article == article_id)
        for link in links:
            names.setdefault(link.annotation_id, []).append(link.tag.name)
        return [annotation_record(a, names.get(a.id, [])) for a in rows]

    def annotation(self, annotation_id: int) -> AnnotationRecord:
        ann = Annotation.get_or_none(Annotation.id == annotation_id)
        if ann is None:
            raise CorpusError("no-annotation", f"no annotation with id {annotation_id}")
        return annotation_record(ann, [l.tag.name for l in ann.tag_links.order_by(AnnotationTag.id)])

    def tags(self) -> list[TagRecord]:
        from reader.store.prepared import read_tags

        return read_tags()

    # -- writing ------------------------------------------------------------------------
    def ensure_tag(self, name: str, parent: str | None = None, color: str | None = None) -> Tag:
        name = name.strip()
        if not name:
            raise CorpusError("bad-tag", "a tag name cannot be empty")
        tag = Tag.get_or_none(Tag.name == name)
        if tag is None:
            parent_row = self.ensure_tag(parent) if parent else None
            count = Tag.select().count()
            tag = Tag.create(name=name, parent=parent_row, coder=session_coder_id(),
                             color=color or DEFAULT_TAG_COLORS[count % len(DEFAULT_TAG_COLORS)])
        return tag

    def annotate(
        self, article_id: int, start: int, end: int, tags: Sequence[str] = (), note: str = "",
        author: str | None = None, text_version: str | None = None,
    ) -> AnnotationRecord:
        """``text_version`` (:func:`reader.coding.anchors.text_version` of the text the offsets
        were taken from), when given, must match the stored text's or nothing is written."""
        row = Article.get_or_none(Article.id == article_id)
        if row is None:
            raise CorpusError("no-article", f"no article with id {article_id}")
        anchors.check_version(row.text, text_version, article_id)
        check_range(start, end, len(row.text))
        anchor = anchors.make_anchor(row.text, start, end)
        with database.atomic():
            coder = ensure_coder(author) if author else session_coder()  # ``author``: a coder name
            ann = Annotation.create(
                article=row, start=start, end=end, quote=anchor.quote, prefix=anchor.prefix,
                suffix=anchor.suffix, note=note, author=coder.name, coder=coder,
            )
            self._set_tags(ann, tags)
        return self.annotation(ann.id)

    def annotate_quote(self, article_id: int, quote: str, nth: int = 1, **kwargs: object) -> AnnotationRecord:
        text = self.article(article_id).text
        try:
            start, end = anchors.find_quote(text, quote, nth)
        except LookupError as exc:
            raise CorpusError("no-quote", f"article {article_id} has no occurrence {nth} of {quote!r}") from exc
        return self.annotate(article_id, start, end, **kwargs)  # type: ignore[arg-type]

    def _set_tags(self, ann: Annotation, tags: Sequence[str]) -> None:
        AnnotationTag.delete().where(AnnotationTag.annotation == ann).execute()
        seen: set[str] = set()
        for name in tags:
            if name.strip() and name.strip() not in seen:
                seen.add(name.strip())
                AnnotationTag.create(annotation=ann, tag=self.ensure_tag(name))

    def update_annotation(
        self, annotation_id: int, tags: Sequence[str] | None = None, note: str | None = None,
        expected_version: int | None = None,
    ) -> Change:
        """Change tags and/or note; with ``expected_version`` (the ``version`` of the record the
        edit was made on) a change made meanwhile by someone else is a ``conflict`` error."""
        from reader.coding.versions import claim, touched

        ann = Annotation.get_or_none(Annotation.id == annotation_id)
        if ann is None:
            raise CorpusError("no-annotation", f"no annotation with id {annotation_id}")
        with database.atomic():
            if expected_version is not None:
                claim(annotation_id, expected_version)
            if tags is not None:
                self._set_tags(ann, tags)
            fields: dict = touched()  # only what changes: never a stale copy
            if note is not None:
                fields[Annotation.note] = note
            Annotation.update(fields).where(Annotation.id == annotation_id).execute()
        return Change("annotations", (ann.article_id,), (ann.id,))

    def delete_annotation(self, annotation_id: int, expected_version: int | None = None) -> Change:
        """Delete; with ``expected_version`` as in :meth:`update_annotation`."""
        from reader.coding.versions import claim

        ann = Annotation.get_or_none(Annotation.id == annotation_id)
        if ann is None:
            raise CorpusError("no-annotation", f"no annotation with id {annotation_id}")
        article_id = ann.article_id
        with database.atomic():
            if expected_version is not None:
                claim(annotation_id, expected_version)
            Annotation.delete().where(Annotation.id == annotation_id).execute()
        return Change("annotations", (article_id,), (annotation_id,))

    def set_article_state(self, article_id: int, state: str) -> Change:
        if state not in ("unread", "read", "starred"):
            raise CorpusError("bad-state", f"unknown reading state {state!r}")
        Article.update(state=state).where(Article.id == article_id).execute()
        return Change("articles", (article_id,), fields=("state",))

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = Meta.get_or_none(Meta.key == key)
        return row.value if row else default

    def set_meta(self, key: str, value: str) -> None:
        Meta.insert(key=key, value=value).on_conflict(conflict_target=[Meta.key], update={Meta.value: value}).execute()


def auto_jobs(paths: Sequence[str | os.PathLike[str]], per_worker: int = 40) -> int:
    """Worker processes worth starting for ``paths``: one per core, but none (inline) for fewer
    than ``per_worker`` files per extra process (starting a worker costs about a second)."""
    from reader.text.sources import expand_paths

    cores = os.cpu_count() or 1
    files = len(expand_paths(list(paths)))
    return max(1, min(cores, files // per_worker))


def open_corpus(path: str | os.PathLike[str] | None = None) -> Corpus:
    return Corpus(path)


def on_progress_print(stream) -> Callable[[int, int, str], None]:  # type: ignore[no-untyped-def]
    def report(done: int, total: int, label: str) -> None:
        if label:
            print(f"[{done + 1}/{total}] {label}", file=stream)

    return report


__all__ = ["ArticleSummary", "Change", "Corpus", "CorpusError", "default_author", "open_corpus"]
