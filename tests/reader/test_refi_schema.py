"""Our .qdpx projects and .qdc codebooks validate against the official REFI-QDA schemas
(tests/data/refi-qda, MIT licence), including NVivo-offset exports and article facts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import xmlschema
from test_export_samples import running_example_bundle, sample_bundle

from reader.corpus import Corpus
from reader.exchange.exporters import ExportOptions, get_exporter
from reader.exchange.exporting import ExportFilters, export

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "refi-qda"


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd"))


@pytest.fixture(scope="module")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "Codebook.xsd"))


def qde(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("project.qde")


@pytest.mark.parametrize("nvivo", [False, True])
@pytest.mark.parametrize("make", [sample_bundle, running_example_bundle])
def test_qdpx_from_records_is_valid(make, nvivo: bool, project_schema: xmlschema.XMLSchema) -> None:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    get_exporter("qdpx").write(make(), out, ExportOptions(nvivo=nvivo))
    project_schema.validate(io.BytesIO(qde(out.getvalue())))


def test_qdc_is_valid(codebook_schema: xmlschema.XMLSchema) -> None:
    out = io.StringIO()
    get_exporter("qdc").write(sample_bundle(), out, ExportOptions())
    codebook_schema.validate(io.BytesIO(out.getvalue().encode("utf-8")))


def test_schema_rejects_what_it_should(project_schema: xmlschema.XMLSchema) -> None:
    out = io.BytesIO()
    get_exporter("qdpx").write(sample_bundle(), out, ExportOptions())
    broken = qde(out.getvalue()).replace(b'isCodable="true"', b"", 1)
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        project_schema.validate(io.BytesIO(broken))


def test_corpus_export_with_article_facts_is_valid(corpus: Corpus, tmp_path: Path,
                                                   project_schema: xmlschema.XMLSchema,
                                                   codebook_schema: xmlschema.XMLSchema) -> None:
    arts = corpus.articles()
    corpus.ensure_tag("监督", color="#e15759")
    corpus.ensure_tag("巡察", parent="监督")
    corpus.annotate_quote(arts[0].id, arts[0].display_title[:3], tags=["巡察"], note="第一\r\n第二")
    corpus.set_article_tags(arts[1].id, ["待读", "重要"])
    corpus.set_article_note(arts[1].id, "文章批注 <&>")
    corpus.set_article_state(arts[1].id, "starred")
    for nvivo in (False, True):
        path = tmp_path / f"c{nvivo}.qdpx"
        export(corpus, "qdpx", path, ExportFilters(nvivo=nvivo))
        project_schema.validate(io.BytesIO(qde(path.read_bytes())))
    export(corpus, "qdc", tmp_path / "c.qdc")
    codebook_schema.validate(str(tmp_path / "c.qdc"))
