"""assay: read commodity market reports into tidy Arrow tables of stated facts.

>>> import assay
>>> report = assay.parse(text, published="2025-01-27")
>>> report.facts.to_pandas()
>>> corpus = assay.read_reports("reports/")       # files, dirs, globs, lists
>>> corpus.facts.to_polars()
"""

from . import samples
from ._api import Corpus, Report, parse, read_facts, read_reports
from ._batch import parse_batch
from ._core import __version__
from ._stream import FactReader, iter_batches
from ._table import Table
from .errors import ParseError
from .panel import panel

__all__ = [
    "Corpus",
    "FactReader",
    "ParseError",
    "Report",
    "Table",
    "__version__",
    "iter_batches",
    "panel",
    "parse",
    "parse_batch",
    "read_facts",
    "read_reports",
    "samples",
]


def __getattr__(name: str) -> object:
    # `assay.dask` needs the optional dask package: imported on first use.
    if name == "dask":
        import importlib

        return importlib.import_module(".dask", __name__)
    raise AttributeError(f"module 'assay' has no attribute {name!r}")
