"""Type stubs for ``assay._core``, the compiled Rust extension (see src/python.rs)."""

from collections.abc import Sequence
from os import PathLike
from typing import final

from typing_extensions import CapsuleType, TypeAlias

__all__ = [
    "__version__",
    "ArrowTable",
    "FactStream",
    "_panic_for_test",
    "doc_ids",
    "empty_table",
    "parse",
    "parse_texts",
    "read_files",
    "real_paths",
]

__version__: str

_Tables: TypeAlias = tuple[ArrowTable, ArrowTable, ArrowTable, ArrowTable]

@final
class ArrowTable:
    """An Arrow table held in Rust: a schema and its record batches."""

    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    @property
    def num_batches(self) -> int: ...
    def __len__(self) -> int: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> CapsuleType: ...
    def __arrow_c_schema__(self) -> CapsuleType: ...
    @staticmethod
    def concat(tables: list[ArrowTable]) -> ArrowTable: ...

@final
class FactStream:
    """A lazy stream of ``facts`` batches over many files (consumed once)."""

    def __new__(
        cls,
        paths: Sequence[str | PathLike[str]],
        published_iso: str | None = None,
        encoding: str | None = None,
        threads: int | None = None,
        batch_size: int = 65536,
        chunk_bytes: int = 16777216,
        raise_on_error: bool = False,
        keep_errors: bool = True,
    ) -> FactStream: ...
    def next_batch(self) -> ArrowTable | None: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> CapsuleType: ...
    def __arrow_c_schema__(self) -> CapsuleType: ...
    def documents(self) -> ArrowTable: ...
    def errors(self) -> ArrowTable: ...
    @property
    def available(self) -> bool: ...

def empty_table(name: str) -> ArrowTable:
    """An empty table of ``facts``, ``documents``, ``sections`` or ``errors``."""

def parse(
    text: str, doc_id: str, published_iso: str | None = None, format: str = "auto"
) -> tuple[tuple[str, list[tuple[int, int, bool]]] | None, ArrowTable, ArrowTable, ArrowTable]:
    """Parses one text: ``(page, document, sections, facts)``.

    Offsets index ``text``. ``page`` is, for a web page, the text read from it and
    its runs ``(offset in that text, offset in the page, copied one for one)``.
    """

def read_files(
    paths: Sequence[str | PathLike[str]],
    published_iso: str | None = None,
    encoding: str | None = None,
    threads: int | None = None,
    doc_ids: Sequence[str] | None = None,
) -> _Tables:
    """Reads and parses files in parallel: ``(documents, sections, facts, errors)``."""

def doc_ids(paths: Sequence[str | PathLike[str]]) -> list[str]:
    """A doc_id for each path, unique among them (the file stem unless stems collide)."""

def real_paths(paths: Sequence[str | PathLike[str]]) -> list[str]:
    """Each path with its symbolic links resolved (``os.path.realpath`` of an existing file)."""

def _panic_for_test(doc_id: str | None = None, stage: str = "read") -> None:
    """Test hook: reading ``doc_id`` panics at ``stage`` (``read`` or ``tables``); None disarms."""

def parse_texts(
    doc_ids: list[str],
    texts: list[str],
    published: list[str | None] | None = None,
    format: str = "auto",
    threads: int | None = None,
) -> _Tables:
    """Parses texts in parallel: ``(documents, sections, facts, errors)``."""
