"""assay.parse on one text."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import assay

TEXT = "Aluminium – 铝\nIn May 2031, primary aluminium output rose by 2.5% MoM to 3.7 million mt."


def document(report: assay.Report) -> dict:
    rows = report.document.to_pylist()
    assert len(rows) == 1
    return rows[0]


def test_returns_a_report_with_three_tables_and_the_text():
    report = assay.parse(TEXT, doc_id="al")
    assert report.text == TEXT
    assert isinstance(report.facts, assay.Table)
    assert isinstance(report.sections, assay.Table)
    doc = document(report)
    assert doc["doc_id"] == report.doc_id == "al"
    assert doc["n_chars"] == len(TEXT)  # code points, not UTF-8 bytes
    assert doc["status"] == "ok"
    assert doc["n_facts"] == len(report.facts)
    assert repr(report).startswith("<assay.Report 'al':")


@pytest.mark.parametrize(
    "published",
    [dt.date(2031, 6, 2), dt.datetime(2031, 6, 2, 17, 30), "2031-06-02", "2031-06-02T17:30:00"],
)
def test_published_accepts_dates_datetimes_and_iso_strings(published):
    assert document(assay.parse(TEXT, published=published))["published"] == dt.date(2031, 6, 2)


def test_bad_arguments():
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        assay.parse(TEXT.encode())
    with pytest.raises(TypeError, match="not NoneType"):
        assay.parse(None)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        assay.parse(TEXT, published="June 2031")
    with pytest.raises(TypeError, match="published"):
        assay.parse(TEXT, published=20310602)
    with pytest.raises(ValueError, match="format"):
        assay.parse(TEXT, format="pdf")


def test_default_doc_id_is_stable_and_depends_on_the_text():
    a, b = assay.parse(TEXT), assay.parse(TEXT)
    assert a.doc_id == b.doc_id
    assert assay.parse(TEXT + " ").doc_id != a.doc_id


PAGE = (
    "<!DOCTYPE html><html><head><title>Zinc &amp; Lead</title><script>var x = '9%';</script>"
    "</head><body><nav><a>Home</a></nav><h1>Zinc</h1><p>Output rose&nbsp;1.8% MoM.</p>"
    "<footer>Call 021-5555</footer></body></html>"
)


@pytest.mark.parametrize("fmt", ["auto", "html"])
def test_html_is_read_to_text(fmt):
    report = assay.parse(PAGE, format=fmt)
    assert report.page_text == "Zinc\nOutput rose 1.8% MoM."
    assert report.text == PAGE
    doc = document(report)
    assert doc["title"] == "Zinc & Lead"
    assert doc["n_chars"] == len(PAGE)
    (fact,) = pa.table(report.facts).to_pylist()
    assert PAGE[fact["start"] : fact["end"]] == "1.8%"


def test_text_format_keeps_markup():
    report = assay.parse(PAGE, format="text")
    assert report.text == PAGE


def test_empty_text():
    report = assay.parse("")
    assert len(report.facts) == 0
    assert document(report)["n_chars"] == 0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_one_document_and_offsets_inside_it(text):
    report = assay.parse(text, doc_id="h")
    doc = document(report)
    assert doc["n_chars"] == len(text)
    facts = pa.table(report.facts)
    for start, end in zip(facts.column("start").to_pylist(), facts.column("end").to_pylist()):
        assert 0 <= start <= end <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "<td>", "<script>", "x 5%", "&amp;"])))
def test_any_markup_parses(parts):
    report = assay.parse("".join(parts), format="html")
    assert document(report)["n_chars"] == len(report.text)
