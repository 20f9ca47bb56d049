"""Table columns and types, and zero-copy hand-over to Arrow libraries."""

from __future__ import annotations

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import assay
from assay import _core
from schemas import DOCUMENTS, ERRORS, FACTS, SECTIONS


def as_fields(schema: pa.Schema) -> list[tuple[str, pa.DataType, bool]]:
    return [(f.name, f.type, f.nullable) for f in schema]


@pytest.fixture(scope="module")
def corpus() -> assay.Corpus:
    return assay.read_reports(assay.samples.paths())


@pytest.mark.parametrize(
    "name, expected",
    [("facts", FACTS), ("documents", DOCUMENTS), ("sections", SECTIONS), ("errors", ERRORS)],
)
def test_corpus_columns_and_types(corpus, name, expected):
    table = getattr(corpus, name)
    assert as_fields(table.schema) == expected
    assert as_fields(table.to_arrow().schema) == expected
    assert table.columns == [n for n, _, _ in expected]


@pytest.mark.parametrize("name", ["facts", "documents", "sections", "errors"])
def test_empty_tables_keep_their_schema(name):
    table = assay.Table(_core.empty_table(name), name)
    assert len(table) == 0
    assert pa.table(table).num_rows == 0
    assert as_fields(table.schema) == as_fields(getattr(assay.read_reports([]), name).schema)


def test_report_tables_have_the_same_schemas():
    report = assay.parse("Copper output fell by 5% MoM.")
    assert as_fields(report.facts.schema) == FACTS
    assert as_fields(report.sections.schema) == SECTIONS
    assert as_fields(report.document.schema) == DOCUMENTS


def test_pyarrow_imports_without_copying(corpus):
    docs = corpus.documents
    first = pa.table(docs).column("n_chars").chunks[0].buffers()[1].address
    again = pa.table(docs).column("n_chars").chunks[0].buffers()[1].address
    # Both imports point at the same Rust-owned buffer.
    assert first == again
    assert pa.table(docs).num_rows == len(docs) == 4


def test_polars_reads_the_stream(corpus):
    df = pl.DataFrame(corpus.documents)
    assert df.columns == [n for n, _, _ in DOCUMENTS]
    assert df.schema["published"] == pl.Date
    assert df.schema["n_chars"] == pl.Int64
    assert sorted(df["doc_id"].to_list()) == [
        "monthly_production",
        "price_inventory",
        "saved_page",
        "trade_exports",
    ]
    assert corpus.documents.to_polars().equals(df)


def test_duckdb_queries_the_object_and_its_arrow(corpus):
    documents = corpus.documents
    rows = duckdb.sql("select doc_id, status from documents order by doc_id").fetchall()
    assert rows[0] == ("monthly_production", "ok")
    arrow = documents.to_arrow()
    ((total,),) = duckdb.sql("select sum(n_chars) from arrow").fetchall()
    assert total == sum(arrow.column("n_chars").to_pylist()) > 1000


def test_pandas_conversion(corpus):
    df = corpus.documents.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == [n for n, _, _ in DOCUMENTS]
    assert df["n_facts"].dtype == "int64"
    assert set(df["status"]) == {"ok"}


def test_repr_shows_shape_and_first_rows(corpus):
    text = repr(corpus.documents)
    assert text.startswith("<assay.Table 'documents': 4 rows x 9 columns>")
    assert "monthly_production" in text
    assert "doc_id" in text.splitlines()[1]


def test_capsules_follow_the_protocol(corpus):
    facts = corpus.facts
    assert type(facts.__arrow_c_stream__()).__name__ == "PyCapsule"
    # A requested schema equal to ours is accepted.
    assert pa.table(facts, schema=facts.schema).num_rows == len(facts)
    assert pa.schema(facts) == facts.schema


def test_concat_shares_batches(corpus):
    both = assay.Table.concat([corpus.documents, corpus.documents])
    assert len(both) == 2 * len(corpus.documents)
    with pytest.raises(ValueError, match="cannot concatenate"):
        assay.Table.concat([corpus.documents, corpus.facts])
