"""The bundled sample reports."""

from __future__ import annotations

import assay


def test_samples_are_bundled():
    paths = assay.samples.paths()
    assert [p.name for p in paths] == [
        "monthly_production.txt",
        "price_inventory.txt",
        "saved_page.html",
        "trade_exports.txt",
    ]
    assert all(p.is_file() and p.stat().st_size > 500 for p in paths)


def test_saved_page_loses_its_chrome():
    page = assay.samples.path("saved_page.html")
    report = assay.parse(page.read_text("utf-8"))
    text = report.page_text
    assert "refined zinc production reached 512,600 mt" in text
    assert "Zinc ingot price (CNY/mt) | 23,850 | -2.1%" in text
    for chrome in ["Log in", "dataLayer", "Metals", "Subscribe", "Sign up", "Contact us", "Share:"]:
        assert chrome not in text, chrome
    assert report.document.to_pylist()[0]["title"].startswith("Sample: Zinc Ingot Output")


def test_monthly_review_has_the_three_sections():
    text = assay.samples.path("monthly_production").read_text("utf-8")
    for heading in ["Copper Cathode", "Aluminum", "Lithium Carbonate"]:
        assert f"\n{heading}\n" in text
