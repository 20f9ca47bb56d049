"""Hypothesis properties of assay.parse over report-like and arbitrary text (issue 5).

Every fact points into the text it came from, at a number; values are finite;
periods run forwards; one document row, whatever the input.
"""

from __future__ import annotations

import math
import re

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import assay

COMMODITIES = ["Copper", "copper cathode", "Aluminium", "Zinc", "Nickel", "lithium carbonate",
               "Cobalt", "iron ore", "graphite anode", "铜", "电解铝", "Silver"]  # fmt: skip
SUBJECTS = ["output", "production", "exports", "imports", "inventories", "prices", "demand",
            "operating rates", "capacity", "产量", "库存"]  # fmt: skip
VERBS = ["rose", "fell", "increased by", "decreased", "was", "reached", "stood at", "climbed",
         "dropped to", "is expected to reach", "上涨", "下降"]  # fmt: skip
UNITS = ["%", " mt", " tonnes", " million mt", " yuan/mt", " $/t", " kt", " wmt", "万吨",
         " percentage points", "", " USD/lb"]  # fmt: skip
BASES = ["", " MoM", " YoY", " WoW", " from a year earlier", " month on month", " 同比"]
MONTHS = ["January", "Feb", "March", "Q2", "H1", "May", "2031", "June 2031", "Q3 2030",
          "2031年5月", "last month", "the first half of 2031", "week 23"]  # fmt: skip
PLACES = ["", " in China", " in Chile", " from Peru", " to South Korea", " in Shandong"]
SEPARATORS = [". ", ", ", "; ", ".\n", "\n\n", " (", ") ", " and ", "。", " – "]

numbers = st.one_of(
    st.integers(0, 10**9).map(str),
    st.integers(0, 10**7).map(lambda n: f"{n:,}"),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.floats(0, 100, allow_nan=False).map(lambda x: f"{x:.1f}"),
    st.tuples(st.integers(0, 999), st.integers(0, 999)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.sampled_from(["1e308", "9" * 400, "0.000000001", "-3.5", "+2", "1,000,000,000,000"]),
)


@st.composite
def sentences(draw) -> str:
    parts = [
        draw(st.sampled_from(COMMODITIES)),
        " ",
        draw(st.sampled_from(SUBJECTS)),
        " ",
        draw(st.sampled_from(VERBS)),
        " ",
        draw(numbers),
        draw(st.sampled_from(UNITS)),
        draw(st.sampled_from(BASES)),
        draw(st.sampled_from(PLACES)),
        " in ",
        draw(st.sampled_from(MONTHS)),
    ]
    if draw(st.booleans()):
        parts += [" to ", draw(numbers), draw(st.sampled_from(UNITS))]
    return "".join(parts)


@st.composite
def reports(draw) -> str:
    out = []
    if draw(st.booleans()):
        out.append(draw(st.sampled_from(COMMODITIES)).title() + "\n")
    for s in draw(st.lists(sentences(), min_size=1, max_size=8)):
        out += [s, draw(st.sampled_from(SEPARATORS))]
    return "".join(out)


DIGITS = re.compile(r"\d")


def check(text: str, report: assay.Report, *, numbers_in_text: bool) -> None:
    (doc,) = report.document.to_pylist()
    assert doc["status"] in ("ok", "warning"), doc["message"]
    assert doc["n_chars"] == len(report.text)
    facts = pa.table(report.facts).to_pylist()
    assert doc["n_facts"] == len(facts)
    for f in facts:
        start, end = f["start"], f["end"]
        assert 0 <= start < end <= len(report.text), (start, end)
        span = report.text[start:end]
        if report.page_text is not None:
            # A web page: the span is in the page; the sentence quotes the text read from it.
            span = report.page_text[report.page_offset(start) : report.page_offset(end)]
        if numbers_in_text:
            assert DIGITS.search(span) or re.search(r"[一二三四五六七八九十百千万亿]", span), span
        assert span in f["sentence"], (span, f["sentence"])
        assert math.isfinite(f["value"]), f
        if f["value_high"] is not None:
            assert math.isfinite(f["value_high"]), f
        if f["period_start"] is not None or f["period_end"] is not None:
            assert f["period_start"] is not None and f["period_end"] is not None, f
            assert f["period_start"] <= f["period_end"], f
    for s in pa.table(report.sections).to_pylist():
        assert 0 <= s["start"] <= s["end"] <= len(report.text), s


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports(), st.sampled_from([None, "2031-06-02", "2025-01-27"]))
def test_report_like_text(text, published):
    check(text, assay.parse(text, doc_id="p", published=published), numbers_in_text=True)


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_unicode(text):
    report = assay.parse(text, doc_id="u")
    assert report.text == text
    check(text, report, numbers_in_text=False)


@SETTINGS
@given(st.lists(st.one_of(reports(), st.text(max_size=40)), max_size=5))
def test_report_fragments_mixed_with_noise(parts):
    text = "".join(parts)
    check(text, assay.parse(text, doc_id="m", format="text"), numbers_in_text=False)


MARKUP = ["<div>", "</div>", "<p>", "<table><tr><td>", "</td><td>", "<script>", "</script>",
          "<!--", "-->", "&amp;", "&#x94DC;", "<br>", "<nav>"]  # fmt: skip


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(MARKUP), sentences()), max_size=12))
def test_html_pages(parts):
    page = "<!DOCTYPE html><html><body>" + "".join(parts)
    report = assay.parse(page, doc_id="h")
    check(page, report, numbers_in_text=False)
