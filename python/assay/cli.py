"""Command line: ``assay parse PATH... -o facts.parquet``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Callable

import pyarrow as pa

from . import __version__, samples
from ._api import ERRORS, Corpus, read_reports
from .errors import ParseError


def write_parquet(table: pa.Table, out: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, out)


def write_csv(table: pa.Table, out: Path) -> None:
    import pyarrow.csv as pacsv

    pacsv.write_csv(table, out)


def write_jsonl(table: pa.Table, out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        for batch in table.to_batches():
            for row in batch.to_pylist():
                f.write(json.dumps(row, ensure_ascii=False, default=_json_default))
                f.write("\n")


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


WRITERS: dict[str, Callable[[pa.Table, Path], None]] = {
    ".parquet": write_parquet,
    ".csv": write_csv,
    ".jsonl": write_jsonl,
    ".ndjson": write_jsonl,
}


def summary(corpus: Corpus, out: Path) -> str:
    """Documents by status, and facts per commodity and metric."""
    facts = corpus.facts.to_arrow()
    counts = ", ".join(f"{n} {s}" for s, n in corpus.status_counts().items())
    lines = [
        f"documents: {len(corpus.documents)} ({counts})",
        f"facts: {facts.num_rows} -> {out}",
    ]
    if facts.num_rows:
        grouped = (
            facts.group_by(["commodity", "metric"])
            .aggregate([("value", "count")])
            .sort_by([("value_count", "descending"), ("commodity", "ascending")])
        )
        lines.append("facts per commodity and metric:")
        for row in grouped.to_pylist():
            commodity = row["commodity"] or "(none)"
            lines.append(f"  {commodity:<28} {row['metric']:<16} {row['value_count']:>6}")
    for row in corpus.errors.to_pylist():
        lines.append(f"{row['severity']}: {row['path'] or row['doc_id']}: {row['message']}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assay", description="Read commodity market reports into tables of stated facts."
    )
    parser.add_argument("--version", action="version", version=f"assay {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = commands.add_parser(
        "parse",
        help="parse reports and write their facts",
        description="Parse report files (.txt, .html, .htm; directories, globs) and write "
        "their facts. With no PATH, parses the bundled sample reports.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or globs")
    p.add_argument(
        "-o",
        "--output",
        default="facts.parquet",
        type=Path,
        help="output file: .parquet, .csv or .jsonl (default: facts.parquet)",
    )
    p.add_argument("--published", help="publication date YYYY-MM-DD for undated reports")
    p.add_argument("--encoding", help="decode files with this encoding (default: detect)")
    p.add_argument("--threads", type=int, help="worker threads (default: all cores)")
    p.add_argument("--errors", choices=ERRORS, default="collect", help="what to do with bad files")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command != "parse":
        parser.print_help()
        return 2
    writer = WRITERS.get(args.output.suffix.lower())
    if writer is None:
        parser.error(f"output must end in one of {', '.join(WRITERS)}: {args.output}")
    sources = args.paths or [str(p) for p in samples.paths()]
    try:
        corpus = read_reports(
            sources,
            published=args.published,
            encoding=args.encoding,
            threads=args.threads,
            errors=args.errors,
        )
    except (FileNotFoundError, ValueError, ParseError) as e:
        print(f"assay: error: {e}", file=sys.stderr)
        return 1
    writer(corpus.facts.to_arrow(), args.output)
    if not args.quiet:
        print(summary(corpus, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
