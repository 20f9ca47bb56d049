"""The public entry points: `parse` one text, `read_reports` many files."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import logging
from typing import Any, Callable, Union

from . import _core
from ._progress import make_callback as _progress_callback
from ._sources import Source, resolve
from ._table import Table
from .errors import ParseError

log = logging.getLogger("assay")

Published = Union[dt.date, dt.datetime, str, None]
ERRORS = ("collect", "raise", "ignore")
FORMATS = ("auto", "text", "html")
PARSE_KEYWORDS = ("doc_id", "published", "format")
READ_KEYWORDS = (
    "pattern",
    "recursive",
    "published",
    "encoding",
    "errors",
    "progress",
    "threads",
)


class Report:
    """One parsed report: its text and three tables (``document``, ``sections``, ``facts``).

    Fact and section offsets index ``text``, the document as given: for a web
    page, its HTML source. ``page_text`` is the readable text read from a web
    page (the text the ``sentence`` column quotes), else None.
    """

    __slots__ = ("text", "document", "sections", "facts", "page_text", "_page_runs", "_run_starts")

    def __init__(
        self,
        text: str,
        document: Table,
        sections: Table,
        facts: Table,
        page: tuple[str, list[tuple[int, int, bool]]] | None = None,
    ) -> None:
        self.text = text
        self.document = document
        self.sections = sections
        self.facts = facts
        self.page_text, self._page_runs = page if page is not None else (None, [])
        self._run_starts = [src for _, src, _ in self._page_runs]

    def page_offset(self, offset: int) -> int:
        """The offset in ``page_text`` of the character at ``offset`` in ``text``.

        For a plain-text report both are the same text and ``offset`` is returned.
        """
        if self.page_text is None:
            return offset
        runs = self._page_runs
        k = bisect.bisect_right(self._run_starts, offset) - 1
        if k < 0:
            return 0
        at, src, copied = runs[k]
        if not copied:
            return at
        end = runs[k + 1][0] if k + 1 < len(runs) else len(self.page_text)
        return min(at + offset - src, end)

    @property
    def doc_id(self) -> str:
        return self.document.to_arrow().column("doc_id")[0].as_py()

    def _repr_html_(self) -> str:
        from ._display import report_html

        return report_html(self)

    def __repr__(self) -> str:
        return (
            f"<assay.Report {self.doc_id!r}: {len(self.text)} chars, "
            f"{len(self.sections)} sections, {len(self.facts)} facts>"
        )


class Corpus:
    """Many parsed reports: ``documents`` (a row per input), ``sections``, ``facts``, ``errors``."""

    __slots__ = ("documents", "sections", "facts", "errors")

    def __init__(self, documents: Table, sections: Table, facts: Table, errors: Table) -> None:
        self.documents = documents
        self.sections = sections
        self.facts = facts
        self.errors = errors

    def status_counts(self) -> dict[str, int]:
        """Documents per status (``ok``, ``warning``, ``error``)."""
        counts = dict.fromkeys(("ok", "warning", "error"), 0)
        for item in self.documents.to_arrow().column("status").value_counts().to_pylist():
            counts[item["values"]] = item["counts"]
        return counts

    def __len__(self) -> int:
        return len(self.documents)

    def _repr_html_(self) -> str:
        from ._display import corpus_html

        return corpus_html(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {s}" for s, n in self.status_counts().items())
        return (
            f"<assay.Corpus: {len(self.documents)} documents ({counts}), "
            f"{len(self.sections)} sections, {len(self.facts)} facts, {len(self.errors)} errors>"
        )


def parse(
    text: str,
    *,
    doc_id: str | None = None,
    published: Published = None,
    format: str = "auto",
    **unknown: Any,
) -> Report:
    """Parse one report given as text.

    ``published`` (a date, datetime or ISO ``YYYY-MM-DD`` string) anchors years
    when the text states none. ``format="auto"`` reads the text as HTML when it
    looks like a web page. ``doc_id`` defaults to a hash of the text.
    """
    _reject_unknown("parse", unknown, PARSE_KEYWORDS)
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    if doc_id is None:
        doc_id = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    page, document, sections, facts = _core.parse(text, str(doc_id), _iso_date(published), format)
    return Report(
        text,
        Table(document, "document"),
        Table(sections, "sections"),
        Table(facts, "facts"),
        page,
    )


def read_reports(
    source: Source,
    *,
    pattern: str | None = None,
    recursive: bool = True,
    published: Published = None,
    encoding: str | None = None,
    errors: str = "collect",
    progress: bool | Callable[[int, int], Any] | None = None,
    threads: int | None = None,
    **unknown: Any,
) -> Corpus:
    """Parse report files (.txt, .html, .htm) in parallel.

    ``source`` is a file, a directory (searched recursively unless
    ``recursive=False``, for ``pattern`` such as ``"*.txt"`` if given), a glob,
    or a list of these. Every file gets one ``documents`` row. ``errors``:
    ``"collect"`` keeps problems in the ``errors`` table, ``"raise"`` raises
    ``ParseError`` for the first unreadable file, ``"ignore"`` leaves ``errors``
    empty. ``progress``: None (default) shows a bar for long runs when someone
    is watching (Jupyter or a terminal, not CI), True always, False never, or a
    ``callback(done, total)``.
    """
    _reject_unknown("read_reports", unknown, READ_KEYWORDS)
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {', '.join(map(repr, ERRORS))}; got {errors!r}")
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be a positive int, not {threads!r}")
    published_iso = _iso_date(published)
    # Each file once (named twice, or found by two globs: read once), with a unique doc_id.
    unique: dict[str, str] = {}
    found = resolve(source, pattern, recursive)
    for key, path in zip(_core.real_paths(found), found):
        unique.setdefault(key, path)
    paths = list(unique.values())
    doc_ids = _core.doc_ids(paths)
    report = _progress_callback(progress, len(paths))
    step = max(32, 8 * (threads or 1)) if report else max(len(paths), 1)

    parts: list[tuple[Any, Any, Any, Any]] = []
    for i in range(0, len(paths), step):
        chunk = paths[i : i + step]
        part = _core.read_files(chunk, published_iso, encoding, threads, doc_ids[i : i + step])
        if errors == "raise":
            _raise_first_error(Table(part[3], "errors"))
        parts.append(part)
        if report:
            report(i + len(chunk), len(paths))

    names = ("documents", "sections", "facts", "errors")
    tables = [
        Table(_core.ArrowTable.concat([p[k] for p in parts]), name)
        if parts
        else Table(_core.empty_table(name), name)
        for k, name in enumerate(names)
    ]
    if errors == "ignore":
        tables[3] = Table(_core.empty_table("errors"), "errors")
    return Corpus(*tables)


def read_facts(source: Source, **kwargs: Any) -> Table:
    """The ``facts`` table of ``read_reports(source, **kwargs)``."""
    return read_reports(source, **kwargs).facts


def _reject_unknown(func: str, unknown: dict[str, Any], accepted: tuple[str, ...]) -> None:
    """A keyword the function does not take is a ValueError naming the ones it does."""
    if unknown:
        names = ", ".join(map(repr, sorted(unknown)))
        raise ValueError(
            f"{func}() got unknown keyword argument(s) {names}; accepted: {', '.join(accepted)}"
        )


def _iso_date(published: Published) -> str | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date().isoformat()
    if isinstance(published, dt.date):
        return published.isoformat()
    if isinstance(published, str):
        return published
    kind = type(published).__name__
    raise TypeError(f"published must be a date, datetime or ISO string, not {kind}")


def _raise_first_error(errors: Table) -> None:
    for row in errors.to_pylist():
        if row["severity"] == "error":
            raise ParseError(row["path"] or row["doc_id"], row["message"])
