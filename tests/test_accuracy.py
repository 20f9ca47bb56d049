"""Accuracy on the dev gold, scored by the shared scorer itself (../shared/eval/score.py)."""

from __future__ import annotations

import importlib.util
import json

import pytest

import assay
from conftest import GOLD


@pytest.fixture(scope="module")
def scorer():
    path = GOLD.parent / "score.py"
    if not path.exists():
        pytest.skip(f"scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_scores_meet_the_bar(scorer):
    docs, gold, texts = scorer.load_set(GOLD)
    preds = scorer.predictions_from_assay(docs, texts)
    rows, per_doc, n_pred, n_gold, ignored = scorer.score(docs, gold, preds)
    f1 = {name.split()[0]: f for name, _p, _r, f, _h in rows}
    assert f1["L1"] >= 0.97, rows
    assert f1["L3"] >= 0.90, rows
    assert f1["L4"] >= 0.85, rows
    assert ignored == 0, "every predicted unit is canonical"


MONTHLY_REVIEWS = ("001", "003", "004")


def test_monthly_reviews_name_shared_sections_alike(corpus_dir):
    """Spelling variants across months ("Titanium Sponge"/"Sponge Titanium", "NPI"/
    "Nickel Pig Iron (NPI)") fold to one commodity per section position."""
    sections = []
    for stem in MONTHLY_REVIEWS:
        (path,) = corpus_dir.glob(f"{stem}_*.txt")
        rows = assay.parse(path.read_text("utf-8")).sections.to_pylist()
        sections.append([r for r in rows if r["commodity"] is not None])
    named = [{r["commodity"] for r in s} for s in sections]
    shared = set.intersection(*named)
    assert len(shared) >= 50, sorted(shared)
    # Every heading that names a commodity in one review names the same one in the others.
    by_heading = {}
    for rows in sections:
        for r in rows:
            by_heading.setdefault(r["heading"].lower(), set()).add(r["commodity"])
    assert all(len(c) == 1 for c in by_heading.values()), by_heading
    for variant_a, variant_b in [
        ("titanium sponge", "sponge titanium"),
        ("sodium antimonate", "sodium pyroantimonate"),
        ("npi", "nickel pig iron (npi)"),
        ("light rare earth", "light rare earths"),
    ]:
        assert by_heading[variant_a] == by_heading[variant_b], (variant_a, variant_b)


def test_gold_is_readable():
    lines = (GOLD / "gold.jsonl").read_text("utf-8").splitlines()
    assert len([json.loads(line) for line in lines if line.strip()]) > 200
