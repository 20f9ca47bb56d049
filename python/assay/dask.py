"""Reading a corpus on a Dask cluster: ``assay.dask.read_reports`` (needs ``assay[dask]``).

>>> from dask.distributed import Client
>>> client = Client("scheduler:8786")
>>> facts = assay.dask.read_reports("/shared/reports/", files_per_partition=256)
>>> facts.groupby(["commodity", "metric"]).size().compute()

Paths are listed on the client; each partition is a group of files that a
worker reads and parses (in Rust, on the worker's cores), so the files must be
readable at the same paths on every worker (a shared or network file system).
"""

from __future__ import annotations

from typing import Any

from ._sources import Source, resolve

__all__ = ["read_reports"]


def read_reports(
    source: Source,
    *,
    files_per_partition: int = 64,
    pattern: str | None = None,
    recursive: bool = True,
    **kwargs: Any,
) -> Any:
    """The facts of report files as a Dask DataFrame, one partition per group of files.

    ``source``, ``pattern`` and ``recursive`` select files as in
    ``assay.read_reports`` (the listing happens here, on the client). Each
    partition holds the facts of ``files_per_partition`` consecutive files, in
    order, so ``.compute()`` equals ``assay.read_facts(source).to_pandas()``
    (up to the index). Other keyword arguments (``published``, ``encoding``,
    ``errors``, ``threads``) go to ``assay.read_reports`` on the workers;
    progress bars are off there. Columns and dtypes are those of the facts
    table converted by pyarrow (``meta`` is built from the facts schema).
    """
    import dask.dataframe as dd

    if not isinstance(files_per_partition, int) or files_per_partition < 1:
        raise ValueError(f"files_per_partition must be a positive int, not {files_per_partition!r}")
    for bad in ("progress", "source"):
        if bad in kwargs:
            raise TypeError(f"read_reports() on dask takes no {bad!r} argument")
    paths = resolve(source, pattern, recursive)
    groups = [paths[i : i + files_per_partition] for i in range(0, len(paths), files_per_partition)]
    return dd.from_map(  # type: ignore[no-untyped-call]
        _FactsOfFiles(kwargs),
        groups,
        meta=facts_meta(),
        divisions=None,
        label="assay-read-reports",
        enforce_metadata=False,
    )


def facts_meta() -> Any:
    """An empty pandas DataFrame with the columns and dtypes of every partition."""
    from . import _core
    from ._table import Table

    return _to_pandas(Table(_core.empty_table("facts"), "facts"))


class _FactsOfFiles:
    """Parses one group of files into a pandas DataFrame (picklable, runs on workers)."""

    def __init__(self, kwargs: dict[str, Any]) -> None:
        self.kwargs = kwargs

    def __call__(self, paths: list[str]) -> Any:
        from ._api import read_facts

        return _to_pandas(read_facts(list(paths), progress=False, **self.kwargs))


def _to_pandas(table: Any) -> Any:
    import pandas as pd

    return table.to_pandas(types_mapper=pd.ArrowDtype)
