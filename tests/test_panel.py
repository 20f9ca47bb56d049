"""assay.panel: facts pivoted to commodity x period."""

from __future__ import annotations

import datetime as dt
import math

import pyarrow as pa
import pytest

import assay
from assay import _core

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

D = dt.date


def facts_table(rows: list[dict]) -> pa.Table:
    schema = pa.schema(_core.empty_table("facts"))
    base = {name: None for name in schema.names}
    base.update(doc_id="d", forecast=False, approx="exact", start=0, end=1, sentence="")
    full = [{**base, **r} for r in rows]
    return pa.Table.from_pylist(full, schema=schema)


def month(y: int, m: int) -> dict:
    end = (D(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)) if m < 12 else D(y, 12, 31)
    return {"period_start": D(y, m, 1), "period_end": end}


def fact(commodity, value, period, *, metric="production", basis="mom", unit="%", **kw):
    return {
        "commodity": commodity,
        "metric": metric,
        "basis": basis,
        "unit": unit,
        "value": value,
        **period,
        **kw,
    }


@pytest.fixture
def synthetic() -> pa.Table:
    return facts_table(
        [
            fact("copper", 1.5, month(2025, 1)),
            fact("copper", -2.0, month(2025, 2)),
            fact("copper", 1.5, month(2025, 1)),  # repeated in the body: same cell
            fact("copper", 9.0, month(2025, 3), forecast=True),
            fact("copper", 3.0, month(2025, 3)),  # measured wins over the forecast above
            fact("zinc", 4.0, month(2025, 2), region="China"),
            fact("zinc", 7.0, month(2025, 2), region="overseas"),
            fact("zinc", 5.0, month(2025, 2), segment="large smelters"),  # not the total
            fact("zinc", 900.0, month(2025, 1), unit="t"),  # the less common unit
            fact("zinc", 6.0, {"period_start": D(2025, 1, 1), "period_end": D(2025, 2, 28)}),
            fact("nickel", 2.0, month(2025, 1), basis="yoy"),
            fact("nickel", 11.0, month(2025, 1), metric="exports"),
            fact(None, 8.0, month(2025, 1)),  # no commodity
            fact("lead", 1.0, {"period_start": None, "period_end": None}),  # no period
            fact("copper", 100.0, month(2025, 1), basis="level", unit="t"),
            fact(
                "copper",
                1200.0,
                {"period_start": D(2025, 1, 1), "period_end": D(2025, 12, 31)},
                basis="level",
                unit="t",
            ),
            fact(
                "copper",
                300.0,
                {"period_start": D(2025, 1, 1), "period_end": D(2025, 3, 31)},
                basis="level",
                unit="t",
            ),
            fact(
                "copper",
                5.0,
                {"period_start": D(2025, 1, 9), "period_end": D(2025, 1, 9)},
                basis="level",
                unit="t",
            ),
        ]
    )


def cells(df) -> dict:
    """{(commodity, 'YYYY-MM-DD'): value} of the non-null cells of a pandas panel."""
    out = {}
    for commodity, row in df.iterrows():
        for period, value in row.items():
            if not math.isnan(value):
                out[(commodity, period.date().isoformat())] = value
    return out


def test_pandas_panel(synthetic):
    df = assay.panel(synthetic)
    assert list(df.index) == ["copper", "zinc"]
    assert df.index.name == "commodity" and df.columns.name == "period"
    assert isinstance(df.columns, pd.DatetimeIndex)
    assert list(df.columns.strftime("%Y-%m")) == ["2025-01", "2025-02", "2025-03"]
    assert df.attrs["unit"] == "%"
    assert cells(df) == {
        ("copper", "2025-01-01"): 1.5,
        ("copper", "2025-02-01"): -2.0,
        ("copper", "2025-03-01"): 3.0,
        ("zinc", "2025-02-01"): 4.0,  # first of China / overseas, in table order
    }


def test_polars_panel_matches_pandas(synthetic):
    df = assay.panel(synthetic, backend="polars")
    assert isinstance(df, pl.DataFrame)
    assert df.columns == ["commodity", "2025-01-01", "2025-02-01", "2025-03-01"]
    assert df.rows() == [("copper", 1.5, -2.0, 3.0), ("zinc", None, 4.0, None)]
    for agg in ("first", "last", "mean", "max"):
        a = assay.panel(synthetic, agg=agg, region=None)
        b = assay.panel(synthetic, agg=agg, backend="polars").to_pandas().set_index("commodity")
        assert cells(a) == {
            (c, p): v for (c, p), v in ((k, v) for k, v in b.stack().items()) if not math.isnan(v)
        }


def test_filters(synthetic):
    assert cells(assay.panel(synthetic, region="overseas")) == {("zinc", "2025-02-01"): 7.0}
    assert cells(assay.panel(synthetic, agg="mean"))[("zinc", "2025-02-01")] == 5.5
    assert cells(assay.panel(synthetic, segment="large smelters")) == {("zinc", "2025-02-01"): 5.0}
    assert cells(assay.panel(synthetic, forecast=True)) == {("copper", "2025-03-01"): 9.0}
    assert cells(assay.panel(synthetic, unit="t")) == {("zinc", "2025-01-01"): 900.0}
    assert cells(assay.panel(synthetic, basis="yoy")) == {("nickel", "2025-01-01"): 2.0}
    assert cells(assay.panel(synthetic, "exports")) == {("nickel", "2025-01-01"): 11.0}
    assert cells(assay.panel(synthetic, "exports", "level")) == {}
    assert cells(assay.panel(synthetic, span="any", agg="last"))[("zinc", "2025-01-01")] == 6.0


def test_spans(synthetic):
    def level(span):
        return cells(assay.panel(synthetic, basis="level", span=span))

    assert level("month") == {("copper", "2025-01-01"): 100.0}
    assert level("year") == {("copper", "2025-01-01"): 1200.0}
    assert level("quarter") == {("copper", "2025-01-01"): 300.0}
    assert level("day") == {("copper", "2025-01-09"): 5.0}
    assert len(assay.panel(synthetic, basis="level", span="any").columns) == 2


def test_empty_panels(synthetic):
    df = assay.panel(synthetic, metric="price")
    assert df.shape == (0, 0) and df.attrs["unit"] is None
    assert assay.panel(synthetic, metric="price", backend="polars").columns == ["commodity"]


def test_bad_arguments(synthetic):
    with pytest.raises(ValueError, match="backend"):
        assay.panel(synthetic, backend="spark")
    with pytest.raises(ValueError, match="span"):
        assay.panel(synthetic, span="week")
    with pytest.raises(ValueError, match="agg"):
        assay.panel(synthetic, agg="sum")
    with pytest.raises(ValueError, match="not a facts table"):
        assay.panel(pa.table({"x": [1]}))
    with pytest.raises(TypeError):
        assay.panel([1, 2])


def test_corpus_panel_cells_are_facts(corpus_dir):
    corpus = assay.read_reports(corpus_dir)
    facts = corpus.facts.to_arrow()
    df = assay.panel(corpus)  # a Corpus, a Table, a pyarrow table or a DataFrame all work
    assert df.shape[0] >= 10 and df.shape[1] >= 3
    assert cells(assay.panel(facts)) == cells(df)
    assert cells(assay.panel(corpus.facts.to_polars())) == cells(df)
    assert cells(assay.panel(corpus.facts.to_pandas())) == cells(df)
    rows = [
        f
        for f in facts.to_pylist()
        if f["metric"] == "production"
        and f["basis"] == "mom"
        and f["unit"] == "%"
        and f["segment"] is None
        and f["commodity"] == "copper_cathode"
        and f["period_start"] is not None
        and f["period_start"].day == 1
        and (f["period_end"] + dt.timedelta(days=1)).day == 1
        and f["period_start"].month == f["period_end"].month
    ]
    expected = {}
    for f in sorted(rows, key=lambda f: f["forecast"]):
        expected.setdefault(f["period_start"].isoformat(), f["value"])
    got = {p: v for (c, p), v in cells(df).items() if c == "copper_cathode"}
    assert got == expected and len(got) >= 3
