"""assay.parse_batch: a table of texts in, the facts table out (for Ray Data, Spark...)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

import assay
from assay import _core


@pytest.fixture(scope="module")
def texts(corpus_paths):
    return pa.table(
        {
            "name": [p.stem for p in corpus_paths],
            "text": [p.read_text("utf-8") for p in corpus_paths],
        }
    )


def test_same_facts_as_reading_the_files(texts, corpus_dir):
    facts = assay.parse_batch(texts, id_column="name")
    assert isinstance(facts, pa.Table)
    expected = assay.read_facts(corpus_dir).to_arrow()
    assert len(facts) > 100
    assert facts.schema.equals(expected.schema)
    assert facts.equals(expected)


def test_default_ids_are_text_hashes_as_in_parse(texts):
    facts = assay.parse_batch(texts.slice(0, 2))
    first = assay.parse(texts.column("text")[0].as_py())
    ids = facts.column("doc_id").unique().to_pylist()
    assert ids[0] == first.doc_id and len(ids) == 2
    assert facts.filter(pa.compute.equal(facts["doc_id"], first.doc_id)).equals(
        first.facts.to_arrow()
    )


def test_batches_concatenate_to_the_whole(texts):
    """What Ray's map_batches does: any split of the rows gives the same facts."""
    whole = assay.parse_batch(texts, id_column="name")
    parts = [
        assay.parse_batch(batch, id_column="name") for batch in texts.to_batches(max_chunksize=2)
    ]
    assert pa.concat_tables(parts).equals(whole)


def test_published_column_per_row():
    text = "Copper output fell by 5% MoM in May."
    table = pa.table(
        {
            "id": ["a", "b", "c", "d"],
            "text": [text] * 4,
            "published": [dt.date(2024, 6, 3), dt.date(2031, 6, 1), None, dt.date(2024, 6, 3)],
        }
    )
    facts = assay.parse_batch(table, id_column="id", published_column="published").to_pylist()
    assert [f["doc_id"] for f in facts] == ["a", "b", "c", "d"]  # input order
    assert [f["period_start"] for f in facts] == [
        dt.date(2024, 5, 1),
        dt.date(2031, 5, 1),
        None,
        dt.date(2024, 5, 1),
    ]
    # the same dates given as strings and timestamps
    as_text = table.set_column(
        2, "published", pa.array(["2024-06-03", "2031-06-01", None, "2024-06-03"])
    )
    assert (
        assay.parse_batch(as_text, id_column="id", published_column="published").to_pylist()
        == facts
    )
    stamps = table.set_column(2, "published", table["published"].cast(pa.timestamp("s")))
    assert (
        assay.parse_batch(stamps, id_column="id", published_column="published").to_pylist() == facts
    )


def test_one_date_for_all_rows_matches_parse():
    text = "Copper output fell by 5% MoM in May."
    table = pa.table({"text": [text, text], "day": ["2031-06-01", "2031-06-01"]})
    facts = assay.parse_batch(table, published_column="day")
    assert facts.column("period_start").to_pylist() == [dt.date(2031, 5, 1)] * 2
    assert facts.slice(0, 1).equals(assay.parse(text, published="2031-06-01").facts.to_arrow())


def test_dataframes_and_record_batches(texts):
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    expected = assay.parse_batch(texts, id_column="name")
    assert assay.parse_batch(texts.to_pandas(), id_column="name").equals(expected)
    assert assay.parse_batch(pl.from_arrow(texts), id_column="name").equals(expected)
    assert assay.parse_batch(texts.combine_chunks().to_batches()[0], id_column="name").equals(
        expected
    )
    renamed = pd.DataFrame({"body": texts["text"].to_pylist(), "name": texts["name"].to_pylist()})
    assert assay.parse_batch(renamed, text_column="body", id_column="name").equals(expected)


def test_null_and_html_texts():
    page = (
        "<html><head><title>Zinc</title></head>"
        "<body><p>Zinc output rose 2% in May 2031.</p></body></html>"
    )
    table = pa.table({"id": ["x", "y"], "text": [None, page]})
    facts = assay.parse_batch(table, id_column="id")
    # the null text is an empty report; the page is read as HTML, as assay.parse does
    assert facts.equals(assay.parse(page, doc_id="y").facts.to_arrow())
    (fact,) = facts.to_pylist()
    assert "<p>" not in fact["sentence"] and fact["value"] == 2.0
    (raw,) = assay.parse_batch(table, id_column="id", format="text").to_pylist()
    assert page[raw["start"] : raw["end"]] == "2%"


def test_empty_table_has_the_facts_schema():
    facts = assay.parse_batch(pa.table({"text": pa.array([], pa.string())}))
    assert facts.num_rows == 0
    assert facts.schema.equals(pa.schema(_core.empty_table("facts")))


def test_bad_arguments(texts):
    with pytest.raises(KeyError, match="text_column='body'"):
        assay.parse_batch(texts, text_column="body")
    with pytest.raises(KeyError, match="id_column"):
        assay.parse_batch(texts, id_column="nope")
    with pytest.raises(ValueError, match="format"):
        assay.parse_batch(texts, format="pdf")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        assay.parse_batch(pa.table({"text": ["x"], "p": ["June 1"]}), published_column="p")
    with pytest.raises(TypeError):
        assay.parse_batch([{"text": "x"}])
    with pytest.raises(ValueError, match="2 doc_ids for 1 texts"):
        _core.parse_texts(["a", "b"], ["x"])
