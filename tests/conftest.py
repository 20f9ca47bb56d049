from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "eval" / "dev"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_paths(corpus_dir: Path) -> list[Path]:
    paths = sorted(corpus_dir.glob("*.txt"))
    assert paths, f"no .txt reports in {corpus_dir}"
    return paths


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    """A small tree of report files: text, HTML, nested, and files that are not reports."""
    (tmp_path / "a.txt").write_text("Copper output fell by 5% MoM in May 2031.\n", "utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Zinc page</title></head><body><nav>Home</nav>"
        "<p>Zinc output rose 2% in May 2031.</p></body></html>",
        "utf-8",
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.htm").write_text("<p>Nickel stocks 41,260 mt.</p>", "utf-8")
    (sub / "d.txt").write_text("Lithium carbonate output 71,450 mt.\n", "utf-8")
    (tmp_path / "notes.md").write_text("not a report\n", "utf-8")
    return tmp_path
