"""Every table of a Pizhu corpus, on one deferred peewee database.

``reader.store.db.open_db`` initialises :data:`database` and migrates it; nothing here opens files.
Offsets (``start``/``end``) are Unicode code points into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from reader.store.packed_text import PackedShortTextField, PackedTextField, pack, packing, structure_packing, unpack

database = DatabaseProxy()


def utcnow() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)


class JSONField(TextField):
    """A TEXT column holding JSON (lists and dicts of plain values)."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False)

    def python_value(self, value: str | None) -> Any:
        if value is None:
            return None
        try:
            return json.loads(value)
        except ValueError as exc:  # bit rot inside a page SQLite itself cannot notice
            from reader.store.safety import StorageError

            raise StorageError(str(getattr(database.obj, "database", "corpus")),
                               "is damaged (a stored value is not valid JSON). Restore a backup: "
                               "`pizhu restore BACKUP`", "damaged") from exc


class PackedJSONField(JSONField):
    """JSON stored packed in a file corpus, plain on a server (``article.segments``, and
    ``article.structure`` with ``structure=True``; see :mod:`reader.store.packed_text`)."""

    def __init__(self, *args: Any, structure: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.structure = structure

    def db_value(self, value: Any) -> Any:
        text = super().db_value(value)
        if text is None or not packing(self.model._meta.database):  # type: ignore[attr-defined]
            return text
        if self.structure and not structure_packing(self.model._meta.database):  # type: ignore[attr-defined]
            return text  # a file migrating through earlier steps
        return pack(text, segments=not self.structure, structure=self.structure)

    def python_value(self, value: Any) -> Any:
        return super().python_value(unpack(value))


class DigestField(CharField):
    """A SHA-256 digest, shown as 64 hex digits; a file corpus past step ``_binary_page_hashes``
    stores its 32 bytes (a value that is not a digest, or one on a server, is stored as given)."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, str) and binary_digests(self.model._meta.database):  # type: ignore[attr-defined]
            return digest_bytes(value)
        return super().db_value(value)

    def python_value(self, value: Any) -> Any:
        return bytes(value).hex() if isinstance(value, (bytes, memoryview)) else value


def digest_bytes(value: str) -> Any:
    """A 64-digit hex digest as its 32 bytes (lower case only: ``hex()`` must give it back);
    anything else as it is."""
    if len(value) == 64 and value == value.lower():
        try:
            return bytes.fromhex(value)
        except ValueError:
            pass
    return value


def enable_binary_digests(db: Any) -> None:
    """Store page hashes as bytes from now on (``db`` is at or past ``_binary_page_hashes``)."""
    db.pizhu_binary_digests = True


def binary_digests(db: Any) -> bool:
    return bool(getattr(getattr(db, "obj", db), "pizhu_binary_digests", False))


class FlagField(BooleanField):
    """A boolean stored as the integer 0/1 on every backend (SQLite has no other; a server
    corpus keeps the same column type so hand-made SQL such as ``"retired" = 0`` runs on both)."""

    def db_value(self, value: Any) -> int | None:
        return None if value is None else int(bool(value))


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Coder(BaseModel):
    """A person who codes (team coding, see ``reader.coding.coders``): every annotation, article
    note, article tag, tag change and entity correction records one.  ``name`` is unique."""

    name = CharField(unique=True)
    color = CharField(max_length=9, default="#1f77b4")
    created = DateTimeField(default=utcnow)


class SourceFile(BaseModel):
    """One ingested page file; ``name`` is the file name, unique within a corpus."""

    name = CharField(unique=True)
    path = TextField()
    sha256 = DigestField(max_length=64)  # 32 bytes in a file corpus (migration _binary_page_hashes)
    size = IntegerField()
    encoding = CharField(max_length=32)
    parser_version = IntegerField(default=0)
    ingested = DateTimeField(default=utcnow)
    published = DateField(null=True)  # the page's date, when known (see reader.text.dates)
    paper = TextField(null=True)  # the newspaper, when known (masthead, file name or the user)
    page = IntegerField(null=True)  # the printed page number, when known


class Article(BaseModel):
    """An article as parsed, with its structure and the composed plain ``text``.

    ``retired`` articles no longer come out of their source's current parse; they are kept
    only while annotations still hang on them (as orphans), so nothing is lost.
    """

    source = ForeignKeyField(SourceFile, backref="articles", on_delete="CASCADE")
    position = IntegerField()
    title = TextField(null=True)
    display_title = TextField()
    title_derived = FlagField(default=False)
    subtitle = TextField(null=True)
    kicker = TextField(null=True)
    column = TextField(null=True)
    authors = JSONField(default=list)
    photographers = JSONField(default=list)
    dateline = TextField(null=True)
    structure = PackedJSONField(default=dict, structure=True)  # deflated in a file corpus
    text = PackedTextField()  # deflated in a file corpus (reader.store.packed_text)
    segments = PackedJSONField(default=list)
    chars = IntegerField(default=0)
    state = CharField(max_length=16, default="unread")
    note = TextField(default="")
    retired = FlagField(default=False)
    note_coder = ForeignKeyField(Coder, null=True, on_delete="SET NULL", backref="+")  # wrote ``note``
    entities_version = IntegerField(default=0)
    created = DateTimeField(default=utcnow)
    updated = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("source", "position"), False),)


class Tag(BaseModel):
    """A code in the codebook; ``parent`` makes the hierarchy."""

    name = CharField()
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="SET NULL")
    color = CharField(max_length=9, default="#4e79a7")
    description = TextField(default="")
    created = DateTimeField(default=utcnow)
    coder = ForeignKeyField(Coder, null=True, on_delete="SET NULL", backref="+")  # last created/changed it

    class Meta:
        indexes = ((("name",), True),)


class Annotation(BaseModel):
    """A tagged passage. ``status`` is ``anchored`` or ``orphan`` (could not be re-placed)."""

    article = ForeignKeyField(Article, backref="annotations", on_delete="CASCADE")
    start = IntegerField()
    end = IntegerField()
    quote = PackedShortTextField()  # quote, prefix, suffix: packed in a file corpus (migration _packed_quotes)
    prefix = PackedShortTextField(default="")
    suffix = PackedShortTextField(default="")
    note = TextField(default="")
    author = CharField(default="")  # mirrors ``coder.name`` (kept for older readers)
    coder = ForeignKeyField(Coder, null=True, on_delete="SET NULL", backref="annotations")
    status = CharField(max_length=16, default="anchored")
    created = DateTimeField(default=utcnow)
    updated = DateTimeField(default=utcnow)
    version = IntegerField(default=1)  # bumped by triggers on every change (migration _annotation_versions)
    editor = CharField(default="")  # the coder who changed it last (migration _annotation_editor)


class AnnotationTag(BaseModel):
    annotation = ForeignKeyField(Annotation, backref="tag_links", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="annotation_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("annotation", "tag"), True),)


class ArticleLabel(BaseModel):
    """An article tag ("to check", "front page" …): a label on whole articles, apart from the
    codebook (made by the migration ``_article_tags_apart``)."""

    name = CharField(unique=True)
    color = CharField(max_length=9, default="#868e96")
    created = DateTimeField(default=utcnow)


class ArticleTag(BaseModel):
    """An article carries an :class:`ArticleLabel` (not a codebook :class:`Tag`)."""

    article = ForeignKeyField(Article, backref="tag_links", on_delete="CASCADE")
    tag = ForeignKeyField(ArticleLabel, backref="article_links", on_delete="CASCADE")
    coder = ForeignKeyField(Coder, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = ((("article", "tag"), True),)


class EntityCorrection(BaseModel):
    """A user's correction to the recogniser, applied corpus-wide.

    ``action`` ``add``: ``text`` is always an entity of ``type``; ``reject``: ``text`` is never an
    entity of ``type`` (or of any type when ``type`` is empty).
    """

    text = TextField()
    type = CharField(max_length=8, default="")
    action = CharField(max_length=8)
    created = DateTimeField(default=utcnow)
    coder = ForeignKeyField(Coder, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = ((("text", "type", "action"), True),)


class EntityFix(BaseModel):
    """A user's correction of one occurrence (made by the migration ``_entity_occurrence_fixes``;
    see :mod:`reader.coding.occurrences`): ``set`` makes ``[start, end)`` of the article an
    entity of ``type`` whatever the recogniser says there; ``drop`` removes the entities
    overlapping that span (of ``type``, or of any type when ``type`` is empty).  ``text`` is the span's text,
    so the fix finds its place again when the article's text changes."""

    article = ForeignKeyField(Article, backref="+", on_delete="CASCADE")
    start = IntegerField()
    end = IntegerField()
    text = TextField()
    type = CharField(max_length=8, default="")
    action = CharField(max_length=8)
    created = DateTimeField(default=utcnow)
    coder = ForeignKeyField(Coder, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        table_name = "entity_fix"


class EntityAlias(BaseModel):
    """``alias`` is another name of ``canonical`` (娄星区 → 娄底市娄星区)."""

    alias = TextField(unique=True)
    canonical = TextField()
    type = CharField(max_length=8, default="")


class Meta(BaseModel):
    """Corpus-level key/value facts (e.g. the recogniser version entities were made with)."""

    key = CharField(primary_key=True)
    value = TextField()


class PageFix(BaseModel):
    """A user's fix of a page's split (split, merge, edit; see :mod:`reader.coding.fix_ops`),
    in the order made (``seq``); applied again to every fresh parse of the page.  ``status`` is
    what the last application did (applied, satisfied, unfit), ``reason`` why not applied.
    Made by the migration ``_page_fixes``."""

    source = ForeignKeyField(SourceFile, backref="fixes", on_delete="CASCADE")
    seq = IntegerField()
    fix = JSONField()
    status = CharField(max_length=16, default="applied")
    reason = TextField(default="")
    coder = ForeignKeyField(Coder, null=True, on_delete="SET NULL", backref="+")
    created = DateTimeField(default=utcnow)


MODELS: list[type[BaseModel]] = [
    Coder,
    SourceFile,
    Article,
    Tag,
    Annotation,
    AnnotationTag,
    ArticleLabel,
    ArticleTag,
    EntityCorrection,
    EntityAlias,
    PageFix,
    Meta,
    EntityFix,
]


class ArticleIndex(FTS5Model):
    """Contentless FTS5 full-text index of ``Article.text`` (rowid = article id; see
    :mod:`reader.store.lean_schema`): only ``rowid`` can be read back.

    ``tokens`` is ``reader.store.query.index_tokens(text)``: one token per code point.  Kept up
    to date by :meth:`reader.store.sqlite.SqliteStore.flush_index` from a queue filled by triggers.
    Not in :data:`MODELS`: it is a virtual table made by the migration, never by create_tables.
    """

    rowid = RowIDField()
    tokens = SearchField()

    class Meta:
        database = database
        table_name = "article_index"
        options = {"tokenize": "unicode61 remove_diacritics 0"}


# -- analysis (reader.analysis): document variables, phrase lists, reprints, term statistics --
# Made by the migration ``_analysis_tables``; not in MODELS (create_tables never makes them).


class ArticleVariable(BaseModel):
    """A user-defined document variable of an article (region, genre, …); one value per name.
    The built-in variables (newspaper, date, page, position, section) live on their own rows."""

    article = ForeignKeyField(Article, backref="variables", on_delete="CASCADE")
    name = TextField()
    value = TextField()

    class Meta:
        table_name = "article_variable"
        indexes = ((("article", "name"), True), (("name", "value"), False))


class PhraseList(BaseModel):
    """A named list of formulations (提法) a user tracks."""

    name = TextField(unique=True)
    description = TextField(default="")
    created = DateTimeField(default=utcnow)

    class Meta:
        table_name = "phrase_list"


class Phrase(BaseModel):
    """One formulation of a list: ``text`` is its label and first form, ``variants`` more forms."""

    list = ForeignKeyField(PhraseList, backref="phrases", on_delete="CASCADE")
    text = TextField()
    variants = JSONField(default=list)

    class Meta:
        table_name = "phrase"
        indexes = ((("list", "text"), True),)


class ReprintSignature(BaseModel):
    """The MinHash signature of an article's text (``chars``/``updated`` say which text);
    ``dateline`` is the agency dateline cue (``新华社北京2月8日电``), if any."""

    article = ForeignKeyField(Article, primary_key=True, on_delete="CASCADE")
    chars = IntegerField()
    updated = DateTimeField()
    signature = BlobField()
    dateline = TextField(default="")

    class Meta:
        table_name = "reprint_signature"


class ReprintCluster(BaseModel):
    """The last clustering's result: ``cluster`` number, ``first`` printing, ``similarity``
    of this copy to the first printing (1.0 for the first itself)."""

    article = ForeignKeyField(Article, primary_key=True, on_delete="CASCADE")
    cluster = IntegerField(index=True)
    first = IntegerField()
    similarity = FloatField()

    class Meta:
        table_name = "reprint_cluster"
