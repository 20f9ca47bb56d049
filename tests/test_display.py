"""The Jupyter HTML views: Report._repr_html_ and Corpus._repr_html_."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

import pytest

import assay
from assay._display import METRIC_COLORS, format_period, highlight


class Marks(HTMLParser):
    """Collects the fact marks (title, style, inner text) and the text of the report body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str]] = []
        self.open: list[dict[str, str] | None] = []
        self.in_body = 0
        self.body: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and "white-space:pre-wrap" in (a.get("style") or ""):
            self.in_body = 1
        elif tag == "div" and self.in_body:
            self.in_body += 1
        if tag == "mark":
            mark = None
            if a.get("class") == "assay-fact":
                mark = {"title": a["title"], "style": a["style"], "metric": a["data-metric"]}
                mark["text"] = ""
                self.marks.append(mark)
            self.open.append(mark)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()
        if tag == "div" and self.in_body:
            self.in_body -= 1

    def handle_data(self, data):
        for m in self.open:
            if m is not None:
                m["text"] += data
        if self.in_body:
            self.body.append(data)


def parse_marks(markup: str) -> Marks:
    p = Marks()
    p.feed(markup)
    p.close()
    return p


@pytest.fixture(scope="module")
def reports(corpus_paths):
    return [assay.parse(p.read_text("utf-8"), doc_id=p.stem) for p in corpus_paths]


def test_one_mark_per_fact_on_corpus_reports(reports):
    assert sum(len(r.facts) for r in reports) > 100
    for report in reports:
        markup = report._repr_html_()
        facts = report.facts.to_pylist()
        assert markup.count('<mark class="assay-fact"') == len(facts)
        marks = parse_marks(markup).marks
        assert len(marks) == len(facts)
        facts.sort(key=lambda f: (f["start"], -f["end"]))
        for mark, fact in zip(marks, facts):
            # the mark wraps exactly the fact's text: offsets are Python string indices
            assert mark["text"] == report.text[fact["start"] : fact["end"]]
            assert mark["metric"] == fact["metric"]
            assert f"background:{METRIC_COLORS[fact['metric']]}" in mark["style"]


def test_body_is_the_report_text_escaped(reports):
    for report in reports:
        body = "".join(parse_marks(report._repr_html_()).body)
        assert body == report.text


def test_a_web_page_shows_its_text_with_the_facts_marked():
    page = assay.samples.path("saved_page").read_text("utf-8")
    report = assay.parse(page, format="html")
    parsed = parse_marks(report._repr_html_())
    assert "".join(parsed.body) == report.page_text
    facts = sorted(report.facts.to_pylist(), key=lambda f: (f["start"], -f["end"]))
    assert len(parsed.marks) == len(facts) == 10
    for mark, fact in zip(parsed.marks, facts):
        s, e = report.page_offset(fact["start"]), report.page_offset(fact["end"])
        assert mark["text"] == report.page_text[s:e]
        assert mark["text"] in fact["sentence"]


def test_title_lists_the_resolved_columns(corpus_paths):
    path = next(p for p in corpus_paths if p.name.startswith("000_"))
    report = assay.parse(path.read_text("utf-8"), published="2026-01-21")
    fact = next(f for f in report.facts.to_pylist() if f["basis"] == "mom")
    mark = next(m for m in parse_marks(report._repr_html_()).marks if m["text"] == "34%")
    lines = dict(line.split(": ", 1) for line in mark["title"].split("\n"))
    assert lines["commodity"] == fact["commodity"] == "ternary_cathode_precursor"
    assert lines["metric"] == "exports"
    assert lines["period"] == "2025-12"
    assert lines["basis"] == "mom"
    assert lines["value"] == "-34"
    assert lines["unit"] == "%"
    assert lines["forecast"] == "false"


def test_text_is_html_escaped():
    report = assay.parse(
        "<b>Note</b> & co: Copper output fell by 5% MoM in May 2031.", format="text"
    )
    markup = report._repr_html_()
    assert "<b>Note</b>" not in markup
    assert "&lt;b&gt;Note&lt;/b&gt; &amp; co" in markup
    assert markup.count('<mark class="assay-fact"') == len(report.facts) == 1


def test_forecast_and_range_in_title():
    report = assay.parse("Copper output is expected to rise by 8%-10% MoM in May 2031.")
    (mark,) = parse_marks(report._repr_html_()).marks
    assert "forecast: true" in mark["title"].split("\n")
    assert "value: 8 to 10" in mark["title"].split("\n")


def test_nested_and_crossing_spans_keep_one_mark_each():
    text = "abcdefghij<&>"
    facts = [
        {"start": 0, "end": 6, "metric": "price"},
        {"start": 2, "end": 4, "metric": "share"},
        {"start": 2, "end": 4, "metric": "other"},
        {"start": 5, "end": 8, "metric": "price"},  # crosses the end of the first
        {"start": 10, "end": 13, "metric": "demand"},
    ]
    markup = highlight(text, facts)
    p = parse_marks(f'<div style="white-space:pre-wrap">{markup}</div>')
    assert len(p.marks) == 5
    assert "".join(p.body) == text
    assert [m["text"] for m in p.marks] == ["abcdef", "cd", "cd", "f", "<&>"]
    assert markup.count("<mark") == markup.count("</mark>") == 5


@pytest.mark.parametrize(
    "start,end,expected",
    [
        (dt.date(2025, 12, 1), dt.date(2025, 12, 31), "2025-12"),
        (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024-02"),
        (dt.date(2025, 1, 1), dt.date(2025, 6, 30), "2025-01/2025-06"),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025"),
        (dt.date(2025, 1, 24), dt.date(2025, 1, 24), "2025-01-24"),
        (dt.date(2025, 1, 2), dt.date(2025, 1, 9), "2025-01-02/2025-01-09"),
        (None, None, ""),
    ],
)
def test_format_period(start, end, expected):
    assert format_period(start, end) == expected


def test_corpus_summary(corpus_dir, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    (tmp_path / "good.txt").write_text("Copper output fell by 5% MoM in May 2031.\n", "utf-8")
    corpus = assay.read_reports([corpus_dir, tmp_path])
    markup = corpus._repr_html_()
    status = corpus.status_counts()
    assert status["error"] == 1
    text = html.unescape(markup)
    assert f"{len(corpus.documents)} documents" in text
    assert f"{len(corpus.facts):,} facts" in text
    assert "Documents by status" in text and "Facts by commodity and metric" in text
    for name, n in status.items():
        assert re.search(rf">{name}</th><td[^>]*>{n}<", markup)
    # every commodity has a row, with its number of facts
    counts = corpus.facts.to_arrow().column("commodity").value_counts().to_pylist()
    for item in counts:
        name = item["values"] if item["values"] is not None else "(none)"
        assert f">{html.escape(name)}</th>" in markup
    # the error row names the file and its message
    err = corpus.errors.to_pylist()[0]
    assert "Errors" in text and err["message"] in text and str(tmp_path / "bad.txt") in text


def test_empty_corpus_summary(tmp_path):
    (tmp_path / "empty.txt").write_text("", "utf-8")
    markup = assay.read_reports(tmp_path)._repr_html_()
    assert "no facts" in markup and "Errors" not in markup
