"""Parse time of adversarial page layouts: does any grow faster than the text?

    .venv/bin/python benchmarks/layouts.py [--mb 1.0]

A corpus of real reports (bench.py) says how fast the usual page is read; a panel
of hundreds of thousands of pages also holds the unusual ones: data dumps of
thousands of small tables, one-line pages, pipes everywhere. Each layout below is
parsed at a quarter of --mb and at --mb; a parse linear in the text takes about 4x
as long for the larger one. A growth above 6x is flagged: some rule reads the
text again for each line, table or sentence.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import assay

# Each: one repeating unit of a page (written for this benchmark, in the style of reports).
LAYOUTS: dict[str, str] = {
    "report prose": (
        "Copper cathode output in October 2025 rose 3.2% MoM to 1.12 million mt, "
        "while imports fell 5% YoY.\n"
    ),
    "prose on one line": "Zinc ingot stocks fell by 1,200 mt WoW to 84,500 mt. ",
    "small tables with units": (
        "Unit: mt\nProduct | Oct. | Sep.\nCopper | 12 | 13\nZinc | 4 | 5\n\nNotes follow.\n\n"
    ),
    "one cell per line tables": "Unit: mt\nOct.\nSep.\nCopper\n12\n13\nZinc\n4\n5\n\nNotes.\n\n",
    "unit lines over short lines": "Unit: kt\nOct.\nSep.\nTotal\n",
    "rows without numbers": "Oct. | Nov. | Dec.\n",
    "pipes and numbers": "| 1 | 2 | 3 |\n",
    "one number per line": "1\n",
    "headings and sections": "Copper\n\nOutput rose 3% in October.\n\n",
    "cells without sentence stops": "<td>Copper</td><td>2%</td>",
}


def parse_seconds(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        assay.parse(text)
        best = min(best, time.perf_counter() - t0)
    return best


def page(unit: str, n_bytes: int) -> str:
    return unit * max(1, n_bytes // len(unit))


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size of the larger page (MB)")
    ap.add_argument("--repeat", type=int, default=3, help="timed parses per page; the best counts")
    args = ap.parse_args(argv)
    big = int(args.mb * 1_000_000)
    width = max(map(len, LAYOUTS))
    out(f"{'layout':<{width}}  {'MB/s':>8}  {'growth x4':>9}")
    for name, unit in LAYOUTS.items():
        small_text, big_text = page(unit, big // 4), page(unit, big)
        t_small = parse_seconds(small_text, args.repeat)
        t_big = parse_seconds(big_text, args.repeat)
        growth = t_big / t_small
        flag = "  superlinear" if growth > 6 else ""
        out(f"{name:<{width}}  {len(big_text) / t_big / 1e6:8.1f}  {growth:8.1f}x{flag}")


if __name__ == "__main__":
    main()
