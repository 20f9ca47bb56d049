"""`parse_batch`: a table of texts in, a table of facts out (for Ray Data, Spark, Dask...)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from . import _core

if TYPE_CHECKING:
    import pyarrow


def parse_batch(
    table: Any,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    published_column: str | None = None,
    format: str = "auto",
    threads: int | None = None,
) -> pyarrow.Table:
    """Parse every text of a table and return one ``pyarrow.Table`` of their facts.

    ``table`` is a ``pyarrow.Table`` or ``RecordBatch``, a pandas or polars
    DataFrame, or anything exporting the Arrow stream interface. Each row's
    ``text_column`` is one report (a null text is an empty report). ``id_column``
    gives the ``doc_id`` of each row (default: a hash of the text, as in
    ``assay.parse``); ``published_column`` (dates, timestamps or ISO strings)
    anchors the years of each report. Parsing runs in Rust on all cores
    (``threads`` to limit them) with the GIL released. The result has the facts
    schema, rows in input order.
    """
    table = _to_arrow(table)
    names = table.column_names
    for role, name in (
        ("text_column", text_column),
        ("id_column", id_column),
        ("published_column", published_column),
    ):
        if name is not None and name not in names:
            raise KeyError(f"{role}={name!r} is not a column of the table ({', '.join(names)})")
    texts = ["" if t is None else str(t) for t in table.column(text_column).to_pylist()]
    if id_column is None:
        ids = [_text_id(t) for t in texts]
    else:
        ids = [str(i) for i in table.column(id_column).to_pylist()]
    published = None
    if published_column is not None:
        published = [_iso(p) for p in table.column(published_column).to_pylist()]
    _, _, facts, _ = _core.parse_texts(ids, texts, published, format, threads)
    import pyarrow as pa

    return pa.table(facts)


def _to_arrow(table: Any) -> pyarrow.Table:
    import pyarrow as pa

    if isinstance(table, pa.Table):
        return table
    if isinstance(table, pa.RecordBatch):
        return pa.Table.from_batches([table])
    if hasattr(table, "__arrow_c_stream__"):
        return pa.table(table)
    if type(table).__module__.startswith("pandas"):
        return pa.Table.from_pandas(table, preserve_index=False)
    raise TypeError(f"expected an Arrow table or a DataFrame, not {type(table).__name__}")


def _text_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value[:10]
    raise TypeError(f"published values must be dates or ISO strings, not {type(value).__name__}")
