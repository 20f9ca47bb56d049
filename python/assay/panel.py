"""`assay.panel`: facts pivoted to a wide table, one row per commodity and one column per period."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow

SPANS = ("month", "quarter", "year", "day", "any")
AGGS = ("first", "last", "mean", "median", "min", "max")
BACKENDS = ("pandas", "polars")
_NEEDED = ("commodity", "metric", "basis", "unit", "value", "period_start", "period_end")


def panel(
    facts: Any,
    metric: str = "production",
    basis: str = "mom",
    *,
    unit: str | None = None,
    forecast: bool | None = None,
    region: str | None = None,
    segment: str | None = None,
    span: str = "month",
    agg: str = "first",
    backend: str = "pandas",
) -> Any:
    """A wide table of one metric: a row per commodity, a column per period.

    ``facts`` is a facts table (``assay.Table``, a corpus or report, a
    ``pyarrow.Table``, a pandas or polars DataFrame). Facts are kept when they
    have a commodity and a period and match:

    - ``metric`` and ``basis`` (``"level"``, ``"mom"``, ``"yoy"``...);
    - ``unit``; by default the most common unit of the matching facts (``%``
      for changes, ``t`` for production levels), so one panel never mixes units;
    - ``forecast``: True or False, or None for both (a measured figure then wins
      over a forecast of the same cell);
    - ``region`` exactly, or any region when None;
    - ``segment``: None keeps the totals (facts without a segment), else that segment;
    - ``span``: ``"month"`` keeps periods that are one calendar month,
      ``"quarter"``, ``"year"``, ``"day"`` likewise, ``"any"`` keeps every period.

    Several facts for one cell (a figure repeated in a title and body, or in
    several reports) are combined by ``agg``: ``"first"`` (in table order, the
    default), ``"last"``, ``"mean"``, ``"median"``, ``"min"``, ``"max"``.

    Columns are the periods' first days in order. ``backend="pandas"`` returns a
    DataFrame indexed by ``commodity`` with a ``DatetimeIndex`` of columns named
    ``period`` (so ``df.T.plot()`` draws one line per commodity);
    ``backend="polars"`` returns a DataFrame with a ``commodity`` column and one
    column per period named ``YYYY-MM-DD``. The unit is in ``df.attrs["unit"]``
    (pandas).
    """
    if span not in SPANS:
        raise ValueError(f"span must be one of {SPANS}, not {span!r}")
    if agg not in AGGS:
        raise ValueError(f"agg must be one of {AGGS}, not {agg!r}")
    if backend not in BACKENDS:
        raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")
    long, unit = _long(_facts_table(facts), metric, basis, unit, forecast, region, segment, span)
    if backend == "pandas":
        return _pandas(long, agg, unit)
    return _polars(long, agg)


def _facts_table(facts: Any) -> pyarrow.Table:
    import pyarrow as pa

    facts = getattr(facts, "facts", facts)  # a Corpus or Report
    if isinstance(facts, pa.Table):
        table = facts
    elif hasattr(facts, "__arrow_c_stream__"):
        table = pa.table(facts)
    elif type(facts).__module__.startswith("pandas"):
        table = pa.Table.from_pandas(facts, preserve_index=False)
    else:
        raise TypeError(f"expected a facts table or DataFrame, not {type(facts).__name__}")
    missing = [c for c in _NEEDED if c not in table.column_names]
    if missing:
        raise ValueError(f"not a facts table: no column {', '.join(missing)}")
    # polars hands over string_view, some writers large_string: compare as plain strings.
    for i, field in enumerate(table.schema):
        if pa.types.is_string_view(field.type) or pa.types.is_large_string(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.string()))
    return table


def _long(
    table: pyarrow.Table,
    metric: str,
    basis: str,
    unit: str | None = None,
    forecast: bool | None = None,
    region: str | None = None,
    segment: str | None = None,
    span: str = "month",
) -> tuple[pyarrow.Table, str | None]:
    import pyarrow as pa
    import pyarrow.compute as pc

    start = table.column("period_start").cast(pa.date32())
    end = table.column("period_end").cast(pa.date32())
    table = table.set_column(table.column_names.index("period_start"), "period_start", start)
    table = table.set_column(table.column_names.index("period_end"), "period_end", end)
    keep = pc.and_(pc.equal(table["metric"], metric), pc.equal(table["basis"], basis))
    keep = pc.and_(keep, pc.is_valid(table["commodity"]))
    keep = pc.and_(keep, pc.and_(pc.is_valid(start), pc.is_valid(end)))
    keep = pc.and_(keep, pc.is_valid(table["value"]))
    if forecast is not None and "forecast" in table.column_names:
        keep = pc.and_(keep, pc.equal(table["forecast"], bool(forecast)))
    if region is not None:
        keep = pc.and_(keep, pc.equal(table["region"], region))
    if "segment" in table.column_names:
        seg = table["segment"]
        keep = pc.and_(keep, pc.is_null(seg) if segment is None else pc.equal(seg, segment))
    elif segment is not None:
        keep = pc.and_(keep, pa.scalar(False))
    if span != "any":
        keep = pc.and_(keep, _span_mask(table["period_start"], table["period_end"], span))
    rows = table.filter(pc.fill_null(keep, False))
    if unit is None:
        units = Counter(rows.column("unit").to_pylist())
        unit = max(units, key=lambda u: (units[u], u or "")) if units else None
    if unit is not None:
        rows = rows.filter(pc.fill_null(pc.equal(rows["unit"], unit), False))
    if "forecast" in rows.column_names:
        # Stable sort: measured before forecast, table order otherwise.
        rows = rows.sort_by([("forecast", "ascending")])
    cols = ["commodity", "period_start", "value", "unit"]
    cols += [c for c in ("forecast", "region", "doc_id") if c in rows.column_names]
    long = rows.select(cols).rename_columns(["commodity", "period", *cols[2:]])
    return long, unit


def _span_mask(start: Any, end: Any, span: str) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    if span == "day":
        return pc.equal(start, end)
    # The end is the last day of its month when the next day is the 1st.
    next_day = pc.cast(pc.add(pc.cast(end, pa.int32()), pa.scalar(1, pa.int32())), pa.date32())
    whole = pc.and_(pc.equal(pc.day(start), 1), pc.equal(pc.day(next_day), 1))
    months = pc.add(
        pc.multiply(pc.subtract(pc.year(end), pc.year(start)), 12),
        pc.subtract(pc.month(end), pc.month(start)),
    )
    if span == "month":
        return pc.and_(whole, pc.equal(months, 0))
    if span == "quarter":
        first = pc.is_in(pc.month(start), pa.array([1, 4, 7, 10], pa.int64()))
        return pc.and_(pc.and_(whole, first), pc.equal(months, 2))
    # year
    return pc.and_(pc.and_(whole, pc.equal(pc.month(start), 1)), pc.equal(months, 11))


def _pandas(long: pyarrow.Table, agg: str, unit: str | None) -> Any:
    import pandas as pd

    df = long.select(["commodity", "period", "value"]).to_pandas()
    df["period"] = pd.to_datetime(df["period"])
    wide = df.pivot_table(index="commodity", columns="period", values="value", aggfunc=agg)
    wide = wide.sort_index().sort_index(axis=1)
    wide.columns = pd.DatetimeIndex(wide.columns, name="period")
    wide.index = pd.Index(wide.index, name="commodity")
    wide.attrs["unit"] = unit
    return wide


def _polars(long: pyarrow.Table, agg: str) -> Any:
    import polars as pl

    df = pl.from_arrow(long.select(["commodity", "period", "value"]))
    assert isinstance(df, pl.DataFrame)
    periods = sorted(set(df["period"].to_list()))
    how: Any = agg  # one of AGGS, all polars aggregation names
    wide = (
        df.with_columns(pl.col("period").cast(pl.Utf8))
        .pivot(on="period", index="commodity", values="value", aggregate_function=how)
        .sort("commodity")
    )
    ordered = [p.isoformat() for p in periods]
    if not ordered and "commodity" not in wide.columns:
        return pl.DataFrame({"commodity": pl.Series([], dtype=pl.Utf8)})
    return wide.select(["commodity", *ordered])
