"""`iter_batches`: facts of many files as a stream of Arrow record batches, in bounded memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from . import _core
from ._api import ERRORS, _iso_date, _progress_callback
from ._sources import Source, resolve
from ._table import Table
from .errors import ParseError

if TYPE_CHECKING:
    import pyarrow

DEFAULT_BATCH_SIZE = 65_536
DEFAULT_CHUNK_BYTES = 8 << 20


class FactReader:
    """A lazy stream of ``facts`` record batches over many report files.

    Iterate it for ``pyarrow.RecordBatch`` objects, or hand it to any Arrow
    consumer through ``__arrow_c_stream__``::

        reader = assay.iter_batches("reports/", batch_size=50_000)
        pyarrow.dataset.write_dataset(reader, "facts/", format="parquet")
        reader.documents            # one row per file read so far (ok / warning / error)
        reader.errors               # problems met so far

    Files are read ahead on one thread and parsed a chunk at a time on all
    cores without the GIL, so memory stays bounded whatever the corpus size.
    The stream can be consumed once. ``documents`` and ``errors`` (small
    tables) grow as it goes and are complete once it is exhausted.
    """

    __slots__ = ("_core", "_errors", "_progress", "_total", "paths")

    def __init__(
        self,
        core: _core.FactStream,
        paths: list[str],
        errors: str,
        progress: Callable[[int, int], Any] | None,
    ) -> None:
        self._core = core
        self._errors = errors
        self._progress = progress
        self._total = len(paths)
        self.paths = paths

    # Arrow PyCapsule interface ------------------------------------------------
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        if self._progress is None:
            return self._core.__arrow_c_stream__(requested_schema)
        # Progress needs a look at every batch: stream through Python (batches are large).
        import pyarrow as pa

        reader = pa.RecordBatchReader.from_batches(self.schema, iter(self))
        return reader.__arrow_c_stream__(requested_schema)

    def __arrow_c_schema__(self) -> Any:
        return self._core.__arrow_c_schema__()

    @property
    def schema(self) -> pyarrow.Schema:
        import pyarrow as pa

        return pa.schema(self._core)

    # Python iteration ------------------------------------------------------------
    def __iter__(self) -> FactReader:
        return self

    def __next__(self) -> pyarrow.RecordBatch:
        import pyarrow as pa

        try:
            table = self._core.next_batch()
        except RuntimeError as e:
            raise self._error(str(e)) from None
        if self._progress is not None:
            self._progress(len(self._core.documents()), self._total)
        if table is None:
            raise StopIteration
        return pa.table(table).to_batches()[0]

    def read_all(self) -> pyarrow.Table:
        """The rest of the stream as one ``pyarrow.Table`` (in memory)."""
        import pyarrow as pa

        return pa.Table.from_batches(list(self), schema=self.schema)

    def _error(self, text: str) -> Exception:
        if self._errors == "raise" and ": " in text:
            path, message = text.split(": ", 1)
            return ParseError(path, message)
        return RuntimeError(text)

    # The small tables, as far as the stream has got ------------------------------
    @property
    def documents(self) -> Table:
        """``documents`` rows of the files parsed so far."""
        return Table(self._core.documents(), "documents")

    @property
    def errors(self) -> Table:
        """``errors`` rows of the files parsed so far (empty with ``errors="ignore"``)."""
        return Table(self._core.errors(), "errors")

    def __repr__(self) -> str:
        return f"<assay.FactReader: {len(self.documents)}/{self._total} files read>"


def iter_batches(
    source: Source,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    pattern: str | None = None,
    recursive: bool = True,
    published: Any = None,
    encoding: str | None = None,
    errors: str = "collect",
    progress: bool | Callable[[int, int], Any] | None = None,
    threads: int | None = None,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
) -> FactReader:
    """Facts of report files as a lazy stream of Arrow record batches.

    Takes the arguments of ``read_reports``. ``batch_size`` caps the fact rows
    per batch; ``chunk_bytes`` is how much file text is parsed at a time (with
    one chunk read ahead and one parsed ahead, memory stays at a few chunks).
    ``errors="raise"`` ends the stream with ``ParseError`` at the first file
    that cannot be read. The returned reader exposes ``documents`` and
    ``errors`` tables that fill as the stream is consumed.
    """
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {', '.join(map(repr, ERRORS))}; got {errors!r}")
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive int, not {threads!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, not {batch_size!r}")
    if not isinstance(chunk_bytes, int) or chunk_bytes < 1:
        raise ValueError(f"chunk_bytes must be a positive int, not {chunk_bytes!r}")
    published_iso = _iso_date(published)
    paths = resolve(source, pattern, recursive)
    core = _core.FactStream(
        paths,
        published_iso,
        encoding,
        threads,
        batch_size,
        chunk_bytes,
        errors == "raise",
        errors != "ignore",
    )
    return FactReader(core, paths, errors, _progress_callback(progress, len(paths)))
