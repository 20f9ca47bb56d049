"""Beyond production reviews: saved pages, trade, prices, news items and tables.

Fixtures in tests/fixtures are reports written for these tests in the style of
the corpus (invented numbers).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import assay

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def facts_of(report: assay.Report) -> list[dict]:
    return report.facts.to_pylist()


def key(f: dict) -> tuple:
    return (
        f["commodity"],
        f["metric"],
        f["basis"],
        f["value"],
        f["value_high"],
        f["unit"],
        f["period_start"],
        f["period_end"],
        f["forecast"],
    )


def test_saved_page_gives_the_facts_of_its_article_text():
    page = assay.parse(assay.samples.path("saved_page").read_text("utf-8"), format="html")
    article = assay.parse((FIXTURES / "zinc_article.txt").read_text("utf-8"))
    assert [key(f) for f in facts_of(page)] == [key(f) for f in facts_of(article)]
    assert len(facts_of(page)) == 10
    # Offsets index the page as given (entities and all); page_offset moves them
    # into the text read from it, which the sentences quote.
    source = assay.samples.path("saved_page").read_text("utf-8")
    assert page.text == source
    spans = [page.text[f["start"] : f["end"]] for f in facts_of(page)]
    assert "512,600&nbsp;mt" in spans
    for f in facts_of(page):
        assert page.text[f["start"] : f["end"]].lstrip("+-")[0].isdigit()
        s, e = page.page_offset(f["start"]), page.page_offset(f["end"])
        assert page.page_text[s:e] in f["sentence"]
        as_given = page.text[f["start"] : f["end"]].replace("&nbsp;", " ")
        assert page.page_text[s:e] == as_given


def test_no_fact_from_scripts_navigation_related_news_or_footer():
    page = assay.parse(assay.samples.path("saved_page").read_text("utf-8"), format="html")
    values = {f["value"] for f in facts_of(page)}
    # script "12,345 mt" and "99%", related news "3%" and "61%", ad "20%", nav "2031".
    assert not values & {12345.0, 99.0, 3.0, 61.0, 20.0, 2031.0}
    assert "window.dataLayer" not in page.page_text
    doc = page.document.to_pylist()[0]
    assert doc["title"] == "Sample: Zinc Ingot Output Edges Higher in February 2031"
    assert doc["published"] == dt.date(2031, 3, 8)
    assert doc["source"] == "Assay Sample Desk"


@pytest.mark.parametrize(
    ("line", "published", "source"),
    [
        ("Published: Jan 21, 2031 17:28\nSource: SMM", dt.date(2031, 1, 21), "SMM"),
        ("iconJan 27, 2031 20:27\nSource:SMM", dt.date(2031, 1, 27), "SMM"),
        ("SHANGHAI, Nov 9 (SMM) - Copper output rose 2% in October.", dt.date(2031, 11, 9), "SMM"),
        (
            "Category: Industry TrendsDate: January 16, 2031 15:17Source: Yonhap News Agency",
            dt.date(2031, 1, 16),
            "Yonhap News Agency",
        ),
    ],
)
def test_publication_lines(line, published, source):
    text = f"Copper Output Rises in October 2031\n{line}\nCopper output rose 2% in October.\n"
    doc = assay.parse(text, published="2031-12-01").document.to_pylist()[0]
    assert (doc["published"], doc["source"]) == (published, source)


def test_trade_reporting_country_partner_province_and_share():
    facts = facts_of(assay.parse((FIXTURES / "trade_monthly.txt").read_text("utf-8")))
    rows = {(f["value"], f["unit"]): f for f in facts}
    assert len(facts) == 14, "the related-news headlines give no facts"
    assert (rows[3420.0, "t"]["region"], rows[3420.0, "t"]["partner"]) == ("China", None)
    assert rows[1380.0, "t"]["partner"] == "Japan"
    share = rows[40.0, "%"]
    assert (share["metric"], share["basis"], share["partner"]) == ("share", "level", "Japan")
    # "fell from 910 tons in July to 640 tons": two levels, one per month.
    assert rows[910.0, "t"]["period_start"] == dt.date(2031, 7, 1)
    assert rows[640.0, "t"]["period_start"] == dt.date(2031, 8, 1)
    # "Jiangsu's exports fell from 820 tons to 700 tons": the first is the month before.
    assert rows[820.0, "t"]["period_start"] == dt.date(2031, 7, 1)
    assert rows[700.0, "t"]["region"] == "Jiangsu"
    intermediate = rows[24600.0, "t"]
    assert (intermediate["commodity"], intermediate["region"], intermediate["partner"]) == (
        "cobalt_intermediate",
        "Indonesia",
        "China",
    )
    imports = rows[96e6, "USD"]
    assert (imports["metric"], imports["region"], imports["partner"], imports["approx"]) == (
        "imports",
        "South Korea",
        "China",
        "about",
    )
    assert (imports["period_start"], imports["period_end"]) == (
        dt.date(2031, 1, 1),
        dt.date(2031, 6, 30),
    )


def test_prices_levels_changes_ranges_and_thresholds():
    report = assay.parse((FIXTURES / "price_weekly.txt").read_text("utf-8"), published="2025-11-09")
    rows = {report.text[f["start"] : f["end"]]: f for f in facts_of(report)}
    assert (rows["$6/mt"]["basis"], rows["$6/mt"]["value"], rows["$6/mt"]["unit"]) == (
        "wow",
        6.0,
        "USD/t",
    )
    rng = rows["$58-66/mt"]
    assert (rng["value"], rng["value_high"], rng["unit"], rng["metric"]) == (
        58.0,
        66.0,
        "USD/t",
        "price",
    )
    assert rng["period_start"] == rng["period_end"] == dt.date(2025, 11, 8)
    assert rows["$-12.5/dmt"]["value"] == -12.5
    assert (rows["1.25 cents/lb"]["value"], rows["1.25 cents/lb"]["unit"]) == (0.0125, "USD/lb")
    assert (rows["1,500 yuan/mt"]["basis"], rows["1,500 yuan/mt"]["value"]) == ("wow", -1500.0)
    assert (rows["3,100 mt"]["basis"], rows["3,100 mt"]["metric"]) == ("wow", "inventory")
    assert rows["168,000 yuan/mt"]["commodity"] == "cobalt"
    assert not any(f["forecast"] for f in facts_of(report)), "measured prices are not forecasts"
    below = assay.parse(
        "Lead\nSHFE lead fell below the 17,000 yuan/mt mark at the end of December.\n"
    ).facts
    (f,) = below.to_pylist()
    assert (f["metric"], f["basis"], f["value"], f["approx"]) == (
        "price",
        "level",
        17000.0,
        "under",
    )


def test_news_money_amounts_and_dateline():
    report = assay.parse(
        (FIXTURES / "news_dateline.txt").read_text("utf-8"), published="2031-11-10"
    )
    rows = {report.text[f["start"] : f["end"]]: f for f in facts_of(report)}
    assert (rows["VND 710 billion"]["value"], rows["VND 710 billion"]["unit"]) == (710e9, "VND")
    assert (rows["$185 million"]["value"], rows["$185 million"]["unit"]) == (185e6, "USD")
    assert rows["1.6 million mt"]["period_start"] == dt.date(2032, 1, 1)
    assert rows["1.6 million mt"]["forecast"] is True
    assert set(rows) == {
        "1.6 million mt",
        "1.45 million mt",
        "VND 710 billion",
        "$185 million",
        "300,000 mt/year",
    }


TABLE_REPORT = """\
Copper Cathode Output by Province, October 2031
Copper Cathode
Refined copper output by province in October.
Unit: 1,000 tonne
Province | Oct. | Sep. (Final) | YoY | Jan.-Oct. | YoY
Jiangxi | 182.4 | 179.0 | 3.1% | 1,702.5 | 4.4%
Anhui | 121.7 | 125.3 | -2.6% | 1,188.0 | n/a
Copper cathode exports by destination
Unit: mt
Destination
Oct.
Nov. (E)
Taiwan
5,120
4,800
South Korea
3,260
3,900
"""


def test_flattened_tables_give_one_fact_per_numeric_cell():
    report = assay.parse(TABLE_REPORT)
    facts = facts_of(report)
    cells = [c for line in TABLE_REPORT.splitlines() for c in line.split("|")]
    numeric = [
        c
        for c in cells
        if c.strip().replace(",", "").replace(".", "").lstrip("-").rstrip("%").isdigit()
    ]
    assert len(facts) == len(numeric) == 9 + 4
    by_text = {report.text[f["start"] : f["end"]]: f for f in facts}
    jx = by_text["182.4"]
    assert (jx["value"], jx["unit"], jx["region"], jx["basis"]) == (
        182400.0,
        "t",
        "Jiangxi",
        "level",
    )
    assert by_text["179.0"]["period_start"] == dt.date(2031, 9, 1)
    assert (by_text["-2.6%"]["basis"], by_text["-2.6%"]["value"]) == ("yoy", -2.6)
    cum = by_text["1,702.5"]
    assert (cum["period_start"], cum["period_end"]) == (dt.date(2031, 1, 1), dt.date(2031, 10, 31))
    est = by_text["4,800"]
    assert (est["metric"], est["partner"], est["forecast"]) == ("exports", "Taiwan", True)
    assert by_text["3,260"]["partner"] == "South Korea"
