"""assay.dask.read_reports on a real distributed cluster: the same facts as the local run."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

import assay

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")


def as_facts(df) -> pa.Table:
    """A pandas frame of facts back to the facts schema (nullability is not kept by pandas)."""
    table = pa.Table.from_pandas(df, preserve_index=False).replace_schema_metadata(None)
    return table.cast(pa.schema(assay._core.empty_table("facts")))


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        worker_dashboard_address=None,
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


def test_same_facts_as_the_local_run(client, corpus_dir, reports_dir):
    sources = [corpus_dir, reports_dir]
    ddf = assay.dask.read_reports(sources, files_per_partition=3, threads=1)
    n_files = len(list(corpus_dir.glob("*.txt"))) + 4
    assert ddf.npartitions == -(-n_files // 3)
    assert list(ddf.columns) == pa.schema(assay._core.empty_table("facts")).names
    # parsed by the two worker processes
    workers = set()
    for future in client.compute(ddf.to_delayed()):
        part = future.result()
        workers.add(client.who_has(future)[future.key])
        assert list(part.dtypes) == list(ddf.dtypes)  # meta matches every partition
    assert len({w for ws in workers for w in ws}) == 2
    got = ddf.compute()
    local = assay.read_facts(sources)
    assert len(got) == len(local) > 100
    assert as_facts(got).equals(local.to_arrow())


def test_meta_is_the_facts_schema():
    ddf = assay.dask.read_reports(assay.samples.paths(), files_per_partition=2)
    dtypes = {c: str(t) for c, t in ddf.dtypes.items()}
    assert dtypes["period_start"].startswith("date32")
    assert dtypes["forecast"].startswith("bool")
    assert dtypes["value"].startswith("double")
    assert dtypes["start"].startswith("int64")


def test_keyword_arguments(client, tmp_path):
    (tmp_path / "a.txt").write_text("Copper output fell by 5% MoM in May.\n", "utf-8")
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.7\n\x00binary")
    ddf = assay.dask.read_reports(tmp_path, published="2031-06-01", files_per_partition=1)
    got = ddf.compute()
    assert got["period_start"].tolist() == [dt.date(2031, 5, 1)]  # the year from `published`
    with pytest.raises(assay.ParseError):
        assay.dask.read_reports(tmp_path, errors="raise").compute()
    with pytest.raises(ValueError, match="files_per_partition"):
        assay.dask.read_reports(tmp_path, files_per_partition=0)
    with pytest.raises(TypeError, match="progress"):
        assay.dask.read_reports(tmp_path, progress=True)
    with pytest.raises(FileNotFoundError):
        assay.dask.read_reports(tmp_path / "missing")
