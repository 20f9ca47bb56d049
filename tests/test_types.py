"""The package is typed: py.typed ships, and the _core stubs match the compiled module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import assay

PKG = Path(assay.__file__).resolve().parent
# A persistent cache (under the git-ignored target/) keeps reruns to a few seconds.
CACHE = Path(__file__).resolve().parent.parent / "target" / "mypy_cache"

pytest.importorskip("mypy")


def test_py_typed_and_stub_ship_with_the_package():
    assert (PKG / "py.typed").is_file()
    assert (PKG / "_core.pyi").is_file()


def test_stubs_match_the_compiled_module(tmp_path):
    """mypy's stubtest: every runtime name and signature of assay._core is in the stub."""
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "assay._core"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "MYPY_CACHE_DIR": str(CACHE)},
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_stubs_are_strict_clean_and_checked(tmp_path):
    """mypy --strict accepts the stubs and rejects a wrong call through them."""
    good = tmp_path / "good.py"
    good.write_text(
        "from assay import _core\n"
        "t: _core.ArrowTable = _core.empty_table('facts')\n"
        "n: int = t.num_rows\n"
        "d, s, f, e = _core.parse_texts(['a'], ['text'], ['2025-01-01'])\n"
        "names: list[str] = f.column_names\n"
    )
    bad = tmp_path / "bad.py"
    bad.write_text("from assay import _core\n_core.parse_texts('a', 1)\n")
    cmd = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(CACHE)]
    run = subprocess.run(
        [*cmd, str(PKG / "_core.pyi"), str(good), str(bad)], capture_output=True, text=True
    )
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert errors, run.stdout + run.stderr
    assert all(line.split(":")[0].endswith("bad.py") for line in errors), run.stdout
    assert any("parse_texts" in line for line in errors)
