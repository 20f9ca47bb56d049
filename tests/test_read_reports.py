"""assay.read_reports / read_facts over files, directories, globs and lists."""

from __future__ import annotations

from pathlib import Path

import pytest

import assay


def doc_ids(corpus: assay.Corpus) -> list[str]:
    return corpus.documents.to_arrow().column("doc_id").to_pylist()


def test_single_file(reports_dir):
    corpus = assay.read_reports(reports_dir / "a.txt")
    assert doc_ids(corpus) == ["a"]
    row = corpus.documents.to_pylist()[0]
    assert row["path"] == str(reports_dir / "a.txt")
    assert row["status"] == "ok"
    assert row["n_chars"] == len((reports_dir / "a.txt").read_text("utf-8"))


def test_directory_is_searched_recursively_for_reports(reports_dir):
    assert doc_ids(assay.read_reports(reports_dir)) == ["a", "b", "c", "d"]
    assert doc_ids(assay.read_reports(str(reports_dir), recursive=False)) == ["a", "b"]
    assert doc_ids(assay.read_reports(reports_dir, pattern="*.txt")) == ["a", "d"]


def test_glob(reports_dir):
    assert doc_ids(assay.read_reports(str(reports_dir / "**" / "*.txt"))) == ["a", "d"]
    assert doc_ids(assay.read_reports(str(reports_dir / "*.htm*"))) == ["b"]


def test_list_keeps_order(reports_dir):
    paths = [reports_dir / "sub" / "d.txt", str(reports_dir / "a.txt")]
    assert doc_ids(assay.read_reports(paths)) == ["d", "a"]


def test_html_files_are_read_as_pages(reports_dir):
    corpus = assay.read_reports(reports_dir / "b.html")
    row = corpus.documents.to_pylist()[0]
    assert row["title"] == "Zinc page"
    # Offsets and length are those of the file as given, markup and all.
    assert row["n_chars"] == len((reports_dir / "b.html").read_text("utf-8"))
    (fact,) = corpus.facts.to_pylist()
    assert (reports_dir / "b.html").read_text("utf-8")[fact["start"] : fact["end"]] == "2%"


def test_missing_paths_fail_before_any_work(reports_dir):
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        assay.read_reports([reports_dir / "a.txt", reports_dir / "nope.txt"])
    with pytest.raises(FileNotFoundError, match="no files match"):
        assay.read_reports(str(reports_dir / "*.pdf"))
    empty = reports_dir / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match="no report files"):
        assay.read_reports(empty)


def test_bad_arguments(reports_dir):
    with pytest.raises(ValueError, match="'collect', 'raise', 'ignore'"):
        assay.read_reports(reports_dir, errors="skip")
    with pytest.raises(ValueError, match="unknown encoding"):
        assay.read_reports(reports_dir, encoding="klingon")
    with pytest.raises(ValueError, match="threads"):
        assay.read_reports(reports_dir, threads=0)
    with pytest.raises(TypeError):
        assay.read_reports([1, 2])


@pytest.fixture
def bad_dir(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text("Copper output fell 5%.", "utf-8")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n%binary")
    (tmp_path / "latin.txt").write_bytes(b"Caf\xe9 prices rose 5%.")
    return tmp_path


def test_errors_are_collected_and_every_file_keeps_a_row(bad_dir):
    corpus = assay.read_reports(bad_dir)
    docs = {r["doc_id"]: r for r in corpus.documents.to_pylist()}
    assert set(docs) == {"good", "scan", "latin"}
    assert docs["good"]["status"] == "ok"
    assert docs["scan"]["status"] == "error"
    assert docs["scan"]["message"] == "not text: looks like PDF"
    assert docs["latin"]["status"] == "warning"
    assert "U+FFFD" in docs["latin"]["message"]
    errors = sorted((r["doc_id"], r["severity"]) for r in corpus.errors.to_pylist())
    assert errors == [("latin", "warning"), ("scan", "error")]
    assert "1 error" in repr(corpus) and "3 documents" in repr(corpus)


def test_errors_raise_names_the_file(bad_dir):
    with pytest.raises(assay.ParseError) as info:
        assay.read_reports(bad_dir, errors="raise")
    assert info.value.path == str(bad_dir / "scan.txt")
    assert "scan.txt" in str(info.value) and "PDF" in str(info.value)


def test_errors_ignore_keeps_documents_but_no_error_rows(bad_dir):
    corpus = assay.read_reports(bad_dir, errors="ignore")
    assert len(corpus.errors) == 0
    assert corpus.status_counts() == {"ok": 1, "warning": 1, "error": 1}


def test_chosen_encoding(tmp_path):
    (tmp_path / "gbk.txt").write_bytes("铜产量下降 7.46%".encode("gbk"))
    (tmp_path / "latin.txt").write_bytes("Café 5%".encode("latin-1"))
    gbk = assay.read_reports(tmp_path / "gbk.txt", encoding="gbk").documents.to_pylist()[0]
    assert (gbk["status"], gbk["n_chars"]) == ("ok", len("铜产量下降 7.46%"))
    # Detected without being told: GB18030 reads it cleanly, UTF-8 does not.
    detected = assay.read_reports(tmp_path / "gbk.txt").documents.to_pylist()[0]
    assert (detected["status"], detected["n_chars"]) == ("ok", len("铜产量下降 7.46%"))
    latin = assay.read_reports(tmp_path / "latin.txt", encoding="latin1").documents.to_pylist()[0]
    assert (latin["status"], latin["n_chars"]) == ("ok", 7)


def test_utf16_and_bom(tmp_path):
    (tmp_path / "u16.txt").write_bytes("Nickel 41,260 mt".encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes("Nickel 41,260 mt".encode("utf-8-sig"))
    rows = assay.read_reports(tmp_path).documents.to_pylist()
    assert [(r["doc_id"], r["status"], r["n_chars"]) for r in rows] == [
        ("bom", "ok", 16),
        ("u16", "ok", 16),
    ]


def test_progress_and_threads(tmp_path):
    for i in range(70):
        (tmp_path / f"r{i:03}.txt").write_text(f"Report {i}: copper output rose {i}%.", "utf-8")
    calls = []
    corpus = assay.read_reports(
        tmp_path, progress=lambda done, total: calls.append((done, total)), threads=2
    )
    assert len(corpus.documents) == 70
    assert doc_ids(corpus) == [f"r{i:03}" for i in range(70)]
    assert calls[-1] == (70, 70)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_empty_list_gives_empty_tables():
    corpus = assay.read_reports([])
    assert len(corpus.documents) == len(corpus.facts) == 0


def test_read_facts(reports_dir):
    facts = assay.read_facts(reports_dir, pattern="*.txt")
    assert isinstance(facts, assay.Table)
    assert facts.columns[:3] == ["doc_id", "commodity", "metric"]
    assert len(facts) == len(assay.read_reports(reports_dir, pattern="*.txt").facts)


def test_shared_corpus_reads_cleanly(corpus_dir, corpus_paths):
    corpus = assay.read_reports(corpus_dir)
    rows = corpus.documents.to_pylist()
    assert [r["doc_id"] for r in rows] == [p.stem for p in corpus_paths]
    assert all(r["status"] == "ok" for r in rows), rows
    for row, path in zip(rows, corpus_paths):
        assert row["n_chars"] == len(path.read_text("utf-8"))
