"""docs/quickstart.ipynb runs top to bottom in a fresh kernel, and the docs examples run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


def test_quickstart_notebook_runs_without_errors():
    nb = nbformat.read(DOCS / "quickstart.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(DOCS)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    # the report's HTML view (one mark per fact) and the corpus summary were displayed
    assert any('<mark class="assay-fact"' in h for h in html)
    assert any('class="assay-corpus"' in h for h in html)
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the chart
    plain = [o["data"].get("text/plain", "") for o in outputs if "data" in o]
    assert any(p.endswith(", True)") for p in plain)  # parse_batch == read_reports


def test_chart_example_writes_a_png(corpus_dir, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "chart.png"
    script = DOCS / "examples" / "chart.py"
    subprocess.run([sys.executable, str(script), str(corpus_dir), "-o", str(out)], check=True)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


def test_html_view_example(tmp_path):
    out = tmp_path / "view.html"
    script = DOCS / "examples" / "html_view.py"
    subprocess.run([sys.executable, str(script), "-o", str(out)], check=True)
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('<mark class="assay-fact"') >= 10


def test_committed_images_exist():
    for name in ("chart.png", "html_view.png"):
        data = (DOCS / "img" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
