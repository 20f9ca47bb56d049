"""`Table`: a read-only Arrow table held in Rust, handed to Arrow libraries without copying."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _core

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

_REPR_ROWS = 5
_REPR_WIDTH = 110
_CELL_WIDTH = 24


class Table:
    """A table of rows produced by assay (facts, sections, documents or errors).

    It implements the Arrow PyCapsule interface, so ``pyarrow.table(t)``,
    ``polars.DataFrame(t)`` and ``duckdb.sql("select * from t")`` read it
    without copying and without building Python objects per row.
    """

    __slots__ = ("_core", "name")

    def __init__(self, core: _core.ArrowTable, name: str = "table") -> None:
        self._core = core
        self.name = name

    # Arrow PyCapsule interface ------------------------------------------------
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._core.__arrow_c_stream__(requested_schema)

    def __arrow_c_schema__(self) -> Any:
        return self._core.__arrow_c_schema__()

    # Shape ---------------------------------------------------------------------
    def __len__(self) -> int:
        return self._core.num_rows

    @property
    def num_rows(self) -> int:
        return self._core.num_rows

    @property
    def columns(self) -> list[str]:
        return self._core.column_names

    @property
    def shape(self) -> tuple[int, int]:
        return (self._core.num_rows, len(self._core.column_names))

    @property
    def schema(self) -> pyarrow.Schema:
        import pyarrow as pa

        return pa.schema(self)

    # Conversions ---------------------------------------------------------------
    def to_arrow(self) -> pyarrow.Table:
        """A ``pyarrow.Table`` sharing the Rust buffers (no copy)."""
        import pyarrow as pa

        return pa.table(self)

    def to_pandas(self, **kwargs: Any) -> pandas.DataFrame:
        """A pandas DataFrame (via pyarrow; ``kwargs`` go to ``pyarrow.Table.to_pandas``)."""
        return self.to_arrow().to_pandas(**kwargs)

    def to_polars(self) -> polars.DataFrame:
        """A polars DataFrame (via the Arrow stream interface)."""
        import polars as pl

        return pl.DataFrame(self)

    def to_pylist(self) -> list[dict[str, Any]]:
        """The rows as dicts (builds Python objects: for small tables and tests)."""
        return self.to_arrow().to_pylist()

    @classmethod
    def concat(cls, tables: list[Table], name: str | None = None) -> Table:
        """One table from several with the same columns (batches are shared, not copied)."""
        name = name or (tables[0].name if tables else "table")
        return cls(_core.ArrowTable.concat([t._core for t in tables]), name)

    def __repr__(self) -> str:
        rows, cols = self.shape
        head = f"<assay.Table {self.name!r}: {rows} rows x {cols} columns>"
        preview = self.to_arrow().slice(0, _REPR_ROWS).to_pylist() if rows else []
        return "\n".join([head, *_format_rows(self.columns, preview, rows)])


def _cell(value: Any) -> str:
    text = "null" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= _CELL_WIDTH else text[: _CELL_WIDTH - 1] + "…"


def _format_rows(columns: list[str], rows: list[dict[str, Any]], total: int) -> list[str]:
    """Column-aligned lines for the first rows, dropping columns that do not fit the width."""
    cells = [[_cell(r[c]) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    shown, used = 0, 0
    while shown < len(columns) and used + widths[shown] <= _REPR_WIDTH:
        used += widths[shown] + 2
        shown += 1
    shown = max(shown, 1)

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values[:shown], widths)).rstrip()

    out = [line(columns)] + [line(row) for row in cells]
    if shown < len(columns):
        out.append(f"… {len(columns) - shown} more columns: {', '.join(columns[shown:])}")
    if total > len(rows):
        out.append(f"… {total - len(rows)} more rows")
    return out
