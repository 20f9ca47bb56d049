"""The `assay parse` command and its output formats."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

import assay
from assay.cli import main
from schemas import FACTS

SAMPLE = str(assay.samples.path("monthly_production"))


@pytest.fixture(scope="module")
def expected() -> pa.Table:
    return assay.read_facts(SAMPLE).to_arrow()


def test_parquet_round_trip(tmp_path, expected, capsys):
    out = tmp_path / "facts.parquet"
    assert main(["parse", SAMPLE, "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert [(f.name, f.type) for f in table.schema] == [(n, t) for n, t, _ in FACTS]
    assert table.equals(expected)
    assert "documents: 1 (1 ok, 0 warning, 0 error)" in capsys.readouterr().out


def test_csv_round_trip(tmp_path, expected):
    out = tmp_path / "facts.csv"
    assert main(["parse", SAMPLE, "-o", str(out), "-q"]) == 0
    types = {n: t for n, t, _ in FACTS}
    table = pacsv.read_csv(out, convert_options=pacsv.ConvertOptions(column_types=types))
    assert table.column_names == [n for n, _, _ in FACTS]
    assert table.num_rows == expected.num_rows
    assert table.column("value").to_pylist() == expected.column("value").to_pylist()
    assert table.column("sentence").to_pylist() == expected.column("sentence").to_pylist()


def test_jsonl_round_trip(tmp_path, expected):
    out = tmp_path / "facts.jsonl"
    assert main(["parse", SAMPLE, "-o", str(out), "-q"]) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    want = expected.to_pylist()
    assert len(rows) == len(want)
    for row, ref in zip(rows, want):
        assert list(row) == [n for n, _, _ in FACTS]
        for key, value in ref.items():
            assert row[key] == (value.isoformat() if isinstance(value, dt.date) else value)


def test_no_paths_parses_the_samples_to_facts_parquet(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["parse"]) == 0
    table = pq.read_table(tmp_path / "facts.parquet")
    assert table.num_rows == len(assay.read_facts(assay.samples.paths()))
    out = capsys.readouterr().out
    assert "documents: 4 (4 ok, 0 warning, 0 error)" in out
    assert f"facts: {table.num_rows} -> facts.parquet" in out
    if table.num_rows:
        assert "facts per commodity and metric:" in out


def test_errors_are_reported(tmp_path, capsys):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.5")
    assert main(["parse", str(bad), "-o", str(tmp_path / "f.parquet")]) == 0
    assert f"error: {bad}: not text: looks like PDF" in capsys.readouterr().out
    assert main(["parse", str(bad), "-o", str(tmp_path / "f.parquet"), "--errors", "raise"]) == 1
    assert "scan.txt" in capsys.readouterr().err
    assert main(["parse", str(tmp_path / "missing.txt")]) == 1


def test_unknown_output_format_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as info:
        main(["parse", SAMPLE, "-o", str(tmp_path / "facts.xlsx")])
    assert info.value.code == 2


def test_python_dash_m(tmp_path):
    out = tmp_path / "f.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "assay", "parse", SAMPLE, "-o", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "documents: 1" in run.stdout
    assert out.exists()
