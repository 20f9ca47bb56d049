"""What the extractor reads from the samples and the shared corpus.

Each assertion names a concrete fact.
"""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pytest

import assay
from conftest import GOLD


def read_corpus_doc(corpus_dir, stem: str, published: str | None) -> assay.Report:
    (path,) = corpus_dir.glob(f"{stem}_*.txt")
    return assay.parse(path.read_text("utf-8"), doc_id=path.stem, published=published)


def section(report: assay.Report, heading: str) -> dict:
    for row in report.sections.to_pylist():
        if row["heading"] == heading:
            return row
    raise AssertionError(f"no section {heading!r} in {report.sections.to_pylist()}")


def test_copper_cathode_section_of_001(corpus_dir):
    report = read_corpus_doc(corpus_dir, "001", "2025-01-27")
    sec = section(report, "Copper Cathode")
    assert sec["commodity"] == "copper_cathode"
    facts = [
        f
        for f in report.facts.to_pylist()
        if sec["start"] <= f["start"] < sec["end"] and f["value"] == -81700
    ]
    assert facts, "the copper cathode section states a fall of 81,700 mt"
    fact = facts[0]
    assert (fact["commodity"], fact["metric"], fact["basis"], fact["unit"]) == (
        "copper_cathode",
        "production",
        "mom",
        "t",
    )
    assert (fact["period_start"], fact["period_end"]) == (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert fact["forecast"] is False
    assert report.text[fact["start"] : fact["end"]].startswith("81,700")


def test_fact_offsets_point_at_their_numbers(corpus_dir, corpus_paths):
    total = 0
    for path in corpus_paths:
        text = path.read_text("utf-8")
        report = assay.parse(text, doc_id=path.stem)
        for f in report.facts.to_pylist():
            span = text[f["start"] : f["end"]]
            assert any(c.isdigit() for c in span), (path.name, f)
            assert span in f["sentence"]
            total += 1
    assert total > 100


def test_dev_gold_recall_at_fact_level(corpus_dir):
    """At least half of the hand-written dev facts are found with metric, basis and unit."""
    docs = json.loads((GOLD / "docs.json").read_text("utf-8"))
    gold = [json.loads(line) for line in (GOLD / "gold.jsonl").read_text("utf-8").splitlines()]
    found = 0
    for d in docs:
        text = (corpus_dir / f"{d['doc_id']}.txt").read_text("utf-8")
        facts = pa.table(assay.parse(text, doc_id=d["doc_id"], published=d["published"]).facts)
        predicted = facts.to_pylist()
        for g in (g for g in gold if g["doc_id"] == d["doc_id"]):
            found += any(
                p["unit"] == g["unit"]
                and p["basis"] == g["basis"]
                and p["metric"] == g["metric"]
                and abs(p["value"] - g["value"]) <= 0.005 * max(abs(g["value"]), 1e-9)
                for p in predicted
            )
    assert found >= 0.5 * len(gold), f"{found} of {len(gold)} gold facts found"


def test_monthly_sample_facts():
    report = assay.parse(
        assay.samples.path("monthly_production").read_text("utf-8"), published="2031-03-31"
    )
    facts = report.facts.to_pylist()
    keyed = {(f["commodity"], f["metric"], f["basis"], f["value"], f["unit"]) for f in facts}
    assert ("copper_cathode", "production", "mom", 42300.0, "t") in keyed
    assert ("copper_cathode", "operating_rate", "mom", 3.2, "pp") in keyed
    assert ("aluminum", "production", "level", 3712000.0, "t") in keyed
    assert ("lithium_carbonate", "production", "level", 71450.0, "t") in keyed
    headings = [s["heading"] for s in report.sections.to_pylist()]
    assert {"Copper Cathode", "Aluminum", "Lithium Carbonate"} <= set(headings)


def test_trade_sample_partners_and_provinces():
    facts = assay.read_facts(assay.samples.path("trade_exports")).to_pylist()
    partners = {(f["partner"], f["value"]) for f in facts if f["metric"] == "exports"}
    assert ("South Korea", 7610.0) in partners
    assert ("Poland", 4020.0) in partners
    regions = {(f["region"], f["value"]) for f in facts if f["metric"] == "exports"}
    assert ("Guangdong", 6840.0) in regions


def test_no_facts_from_page_furniture():
    facts = assay.parse(assay.samples.path("saved_page").read_text("utf-8")).facts.to_pylist()
    values = {f["value"] for f in facts}
    assert 512600.0 in values
    # "Related News" headlines and the byline are not facts.
    assert not values & {3.0, 61.0, 2031.0}


def test_gold_is_where_the_tests_expect_it(corpus_dir):
    """Guards the tests above against passing vacuously on a moved corpus."""
    if not (GOLD / "gold.jsonl").exists():
        pytest.skip("dev gold not present")
    docs = json.loads((GOLD / "docs.json").read_text("utf-8"))
    assert all((corpus_dir / f"{d['doc_id']}.txt").exists() for d in docs)
