"""assay.iter_batches: facts as a lazy stream of Arrow record batches."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

import assay


def test_same_facts_as_read_reports(reports_dir: Path) -> None:
    whole = assay.read_reports(reports_dir)
    reader = assay.iter_batches(reports_dir, batch_size=1)
    batches = list(reader)
    assert all(isinstance(b, pa.RecordBatch) and b.num_rows == 1 for b in batches)
    streamed = pa.Table.from_batches(batches, schema=reader.schema)
    assert streamed.equals(whole.facts.to_arrow().combine_chunks())
    assert reader.documents.to_arrow().equals(whole.documents.to_arrow().combine_chunks())
    assert len(reader.errors) == 0


def test_arrow_consumers(reports_dir: Path, tmp_path: Path) -> None:
    n = len(assay.read_reports(reports_dir).facts)
    reader = assay.iter_batches(reports_dir)
    ds.write_dataset(reader, tmp_path / "out", format="parquet")
    assert ds.dataset(tmp_path / "out").count_rows() == n
    assert len(reader.documents) == 4
    assert (
        pa.RecordBatchReader.from_stream(assay.iter_batches(reports_dir)).read_all().num_rows == n
    )
    pl = pytest.importorskip("polars")
    assert pl.DataFrame(pa.table(assay.iter_batches(reports_dir))).height == n


def test_consumed_once(reports_dir: Path) -> None:
    reader = assay.iter_batches(reports_dir)
    pa.table(reader)
    with pytest.raises(RuntimeError, match="already been consumed"):
        pa.table(reader)


def test_errors_are_kept_or_raised(reports_dir: Path) -> None:
    (reports_dir / "e.txt").write_bytes(b"%PDF-1.4 ...")
    reader = assay.iter_batches(reports_dir)
    reader.read_all()
    assert reader.errors.to_pylist()[0]["message"] == "not text: looks like PDF"
    statuses = [r["status"] for r in reader.documents.to_pylist()]
    assert statuses.count("error") == 1
    with pytest.raises(assay.ParseError, match="looks like PDF"):
        list(assay.iter_batches(reports_dir, errors="raise"))
    ignored = assay.iter_batches(reports_dir, errors="ignore")
    ignored.read_all()
    assert len(ignored.errors) == 0 and len(ignored.documents) == 5


def test_progress_and_arguments(reports_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    reader = assay.iter_batches(reports_dir, progress=lambda d, t: seen.append((d, t)))
    pa.table(reader)
    assert seen[-1] == (4, 4)
    with pytest.raises(ValueError):
        assay.iter_batches(reports_dir, batch_size=0)
    with pytest.raises(ValueError):
        assay.iter_batches(reports_dir, errors="nope")
