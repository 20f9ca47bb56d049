"""Throughput benchmark for assay (issue 7). Prints a table; see benchmarks/README.md.

    .venv/bin/python benchmarks/bench.py [--size-mb 200] [--skip-core] [--skip-quantulum]

Builds a corpus of at least --size-mb MB under benchmarks/data/ (gitignored) by
repeating the documents of ../shared/corpus under distinct file names, then measures
the Rust core on one thread (the shared corpus, and a page of 400 tables), read_reports
on 1 and 2 threads, the peak RSS of a streaming run (iter_batches -> Parquet, in a
subprocess), a Python regex pass over the corpus (the machine's speed against the
reference of issue 7) and the speed ratio to quantulum3 on a 20 KB slice. 1 MB = 10^6
bytes of input.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / "data"
SOURCE = REPO.parent / "shared" / "corpus"


def build_corpus(size_mb: int) -> tuple[Path, int, int]:
    """benchmarks/data/corpus-<size>/: copies of SOURCE documents until >= size_mb MB."""
    out = DATA / f"corpus-{size_mb}mb"
    done = out / ".complete"
    docs = sorted(p for p in SOURCE.iterdir() if p.is_file())
    if not docs:
        sys.exit(f"no documents in {SOURCE}")
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        total, i = 0, 0
        while total < size_mb * 1_000_000:
            for d in docs:
                data = d.read_bytes()
                (out / f"r{i:06d}_{d.stem}{d.suffix}").write_bytes(data)
                total += len(data)
                i += 1
        done.write_text(f"{i} {total}\n")
    n, total = map(int, done.read_text().split())
    return out, n, total


def build_table_page() -> Path:
    """benchmarks/data/table-page.txt: 400 pipe tables of the kind trade analyses carry
    (a unit line, a header of periods and bases, 8 rows of 5 numbers) and a sentence
    after each, ~206 KB with a fact every dozen bytes, where reports state one every
    ~300: the core's rate on pages made of tables."""
    import random

    out = DATA / "table-page.txt"
    if out.exists():
        return out
    rng = random.Random(3)
    labels = ["Refined copper", "Zinc ingot", "Lead", "South Korea", "Japan", "Total"]
    lines = []
    for _ in range(400):
        lines += ["Unit: 10,000 mt", "Product | Oct. | Sep. | MoM | Jan.-Oct. | YoY"]
        for _ in range(8):
            cells = [rng.choice(labels)]
            cells += [f"{rng.randint(1, 9999) / 10}" for _ in range(2)]
            cells += [f"{rng.randint(-99, 99) / 10}%", f"{rng.randint(1, 99999) / 10}"]
            cells += [f"{rng.randint(-99, 99) / 10}%"]
            lines.append(" | ".join(cells))
        lines += ["", "Cathode output in October rose 3.2% MoM to 1.12 million mt.", ""]
    DATA.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def core_rate(
    skip: bool, binary: str | None, source: Path = SOURCE
) -> tuple[float | None, float | None]:
    """MB/s of the Rust core on one thread over `source`: (parse_text, parse + Arrow tables)."""
    if skip:
        return None, None
    cmd = ["cargo", "run", "--quiet", "--release", "--example", "bench_core", "--", str(source)]
    if binary:
        cmd = [binary, str(source)]
    env = dict(os.environ, PYO3_PYTHON=sys.executable)
    res = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        print(res.stderr, file=sys.stderr)
        return None, None
    rates = [float(line.split()[1]) for line in res.stdout.splitlines() if "MB/s" in line]
    return rates[0], rates[1]


def read_reports_rate(corpus: Path, threads: int) -> tuple[float, int, int]:
    """(seconds, files, bytes) of one read_reports over the corpus (files already in page cache)."""
    import assay

    t0 = time.perf_counter()
    c = assay.read_reports(corpus, threads=threads)
    dt = time.perf_counter() - t0
    return dt, len(c.documents), len(c.facts)


STREAM_CHILD = textwrap.dedent(
    """
    import resource, sys, time
    import pyarrow.parquet as pq
    import assay
    corpus, out = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    reader = assay.iter_batches(corpus, batch_size=65536)
    rows = 0
    with pq.ParquetWriter(out, reader.schema) as w:
        for batch in reader:
            w.write_batch(batch)
            rows += batch.num_rows
    dt = time.perf_counter() - t0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:  # VmHWM starts afresh at exec; ru_maxrss may carry the parent's peak over exec
        with open("/proc/self/status") as f:
            hwm = [int(l.split()[1]) for l in f if l.startswith("VmHWM:")]
        rss_kb = min(rss_kb, hwm[0]) if hwm else rss_kb
    except OSError:
        pass
    print(dt, rows, len(reader.documents), rss_kb)
    """
)


def streaming_run(corpus: Path) -> tuple[float, int, int, float]:
    """(seconds, fact rows, documents, peak RSS MB) of iter_batches -> Parquet, in a new process."""
    out = DATA / "stream-facts.parquet"
    res = subprocess.run(
        [sys.executable, "-c", STREAM_CHILD, str(corpus), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    dt, rows, docs, rss_kb = res.stdout.split()
    out.unlink(missing_ok=True)
    return float(dt), int(rows), int(docs), int(rss_kb) / 1024


def slice_20kb() -> str:
    """The first 20 KB (20,000 bytes, cut at a line end) of the source documents."""
    text = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted(SOURCE.iterdir()) if p.is_file()
    )
    cut = text.rfind("\n", 0, 20_000)
    return text[: cut if cut > 0 else 20_000]


def quantulum_ratio(skip: bool) -> tuple[float | None, float, int]:
    """(quantulum3 seconds, assay seconds, bytes) for parsing the 20 KB slice."""
    import assay

    text = slice_20kb()
    assay.parse(text)  # warm-up: vocabularies compiled
    n, t0 = 0, time.perf_counter()
    while n < 20 or time.perf_counter() - t0 < 1.0:
        assay.parse(text)
        n += 1
    t_assay = (time.perf_counter() - t0) / n
    if skip:
        return None, t_assay, len(text.encode())
    try:
        from quantulum3 import parser
    except ImportError:
        print("quantulum3 is not installed (pip install quantulum3)", file=sys.stderr)
        return None, t_assay, len(text.encode())
    parser.parse("warm up 5 tonnes")
    t0 = time.perf_counter()
    parser.parse(text)
    t_q = time.perf_counter() - t0
    return t_q, t_assay, len(text.encode())


def regex_pass_rate(corpus: Path, n_bytes: int) -> float:
    """MB/s of one Python regex pass over the corpus of `n_bytes` bytes (numbers, no
    semantics): the machine's speed as issue 7 states its targets, ~55 MB/s on its
    reference machine."""
    import re

    pattern = re.compile(r"\d+(?:\.\d+)?")
    docs = sorted(p for p in corpus.iterdir() if not p.name.startswith("."))
    t0 = time.perf_counter()
    for p in docs:
        for _ in pattern.finditer(p.read_text(encoding="utf-8")):
            pass
    return n_bytes / (time.perf_counter() - t0) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument(
        "--skip-core", action="store_true", help="do not build/run the Rust core example"
    )
    ap.add_argument("--skip-quantulum", action="store_true")
    ap.add_argument("--core-bin", help="a built examples/bench_core binary (skips cargo run)")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timed runs per measure; the best counts (a shared box's noise only slows runs down)",
    )
    args = ap.parse_args()

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", file=sys.stderr)
    corpus, n_files, n_bytes = build_corpus(args.size_mb)
    mb = n_bytes / 1e6
    for p in corpus.iterdir():  # warm the page cache, so reading measures memory speed
        p.read_bytes()

    rows: list[tuple[str, str]] = []
    core_runs = [core_rate(args.skip_core, args.core_bin) for _ in range(max(1, args.repeat))]
    core_parse = max((r[0] for r in core_runs if r[0] is not None), default=None)
    core_tables = max((r[1] for r in core_runs if r[1] is not None), default=None)
    if core_parse is not None:
        rows.append(("Rust core, 1 thread: parse_text", f"{core_parse:,.1f} MB/s"))
        rows.append(("Rust core, 1 thread: parse + Arrow tables", f"{core_tables:,.1f} MB/s"))
        page = build_table_page()
        runs = [core_rate(False, args.core_bin, page) for _ in range(max(1, args.repeat))]
        table_parse = max((r[0] for r in runs if r[0] is not None), default=None)
        if table_parse is not None:
            kb = page.stat().st_size / 1000
            rows.append((f"  parse_text, table page ({kb:,.0f} KB)", f"{table_parse:,.1f} MB/s"))

    # First, while this process is small: Linux carries ru_maxrss over fork + exec.
    dt, facts, docs, rss = streaming_run(corpus)
    stream_rows = [
        (f"iter_batches -> Parquet ({facts:,} facts)", f"{mb / dt:,.1f} MB/s"),
        ("  peak RSS of the streaming process", f"{rss:,.0f} MB"),
    ]

    times = {}
    for threads in (1, 2):
        runs = [read_reports_rate(corpus, threads) for _ in range(max(1, args.repeat))]
        dt, docs, facts = min(runs)
        times[threads] = dt
        rows.append(
            (
                f"read_reports, threads={threads} ({mb:,.0f} MB, {docs:,} files)",
                f"{mb / dt:,.1f} MB/s, {docs / dt:,.0f} reports/s",
            )
        )
    rows.append(("speed-up 1 -> 2 threads", f"{times[1] / times[2]:.2f}x"))
    rows.extend(stream_rows)

    regex = max(regex_pass_rate(corpus, n_bytes) for _ in range(max(1, args.repeat)))
    rows.append(("Python regex pass (issue 7's machine: ~55)", f"{regex:,.1f} MB/s"))
    if core_parse is not None:
        ratio = f"{core_parse / regex:.2f}x (target: 200 / 55 = 3.64x)"
        rows.append(("  core parse_text / regex pass", ratio))

    t_q, t_a, slice_bytes = quantulum_ratio(args.skip_quantulum)
    rows.append((f"assay.parse, {slice_bytes / 1000:.0f} KB slice", f"{t_a * 1000:,.2f} ms"))
    if t_q is not None:
        rows.append(("quantulum3, same slice", f"{t_q * 1000:,.0f} ms"))
        rows.append(("assay / quantulum3 speed", f"{t_q / t_a:,.0f}x"))

    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  result")
    print(f"{'-' * width}  {'-' * 30}")
    for k, v in rows:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
