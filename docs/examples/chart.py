"""Chart one commodity's month-on-month production change, read from the corpus.

    python docs/examples/chart.py [CORPUS_DIR] [--commodity copper_cathode] [-o docs/img/chart.png]

Reads every report, pivots the facts with ``assay.panel`` (production, MoM, %)
and draws one bar per month with matplotlib (no display needed).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # render to a file; no window
import matplotlib.pyplot as plt  # noqa: E402

import assay  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent.parent / "shared" / "corpus"


def chart(corpus_dir: Path, commodity: str, out: Path) -> Path:
    facts = assay.read_facts(corpus_dir)
    wide = assay.panel(facts, metric="production", basis="mom", unit="%")
    series = wide.loc[commodity].dropna()

    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=120)
    labels = [p.strftime("%b %Y") for p in series.index]
    colors = ["#2563eb" if v >= 0 else "#dc2626" for v in series.values]
    bars = ax.bar(labels, series.values, color=colors)
    ax.bar_label(bars, labels=[f"{v:+.2f}%" for v in series.values], padding=2, fontsize=8)
    ax.axhline(0, color="#374151", linewidth=0.8)
    ax.set_ylabel("change vs previous month (%)")
    name = commodity.replace("_", " ")
    ax.set_title(f"{name.capitalize()} production: month-on-month change, as reported")
    ax.margins(y=0.2)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(
        0.01,
        0.01,
        f"{len(series)} months from {corpus_dir.name}/ via assay.panel",
        fontsize=7,
        color="#6b7280",
    )
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--commodity", default="copper_cathode")
    ap.add_argument("-o", "--out", type=Path, default=HERE.parent / "img" / "chart.png")
    args = ap.parse_args()
    print(chart(args.corpus, args.commodity, args.out))


if __name__ == "__main__":
    main()
