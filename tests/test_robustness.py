"""Bad input never crashes, never hangs, never loses a document (issue 5)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

import pytest

import assay
from assay import _core

# --- Not text -----------------------------------------------------------------

BINARY = {
    "scan.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    "logo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    "photo.html": (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    "sheet.txt": (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    "dump.txt": (b"Copper\x00\x00\x00\x01\x02 output", "NUL bytes"),
}


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    for name, (data, _) in BINARY.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("Copper output fell 5% MoM in May 2031.", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    return tmp_path


def test_binary_files_are_error_rows_and_others_unaffected(mixed_dir):
    corpus = assay.read_reports(mixed_dir)
    docs = {r["doc_id"]: r for r in corpus.documents.to_pylist()}
    assert len(docs) == len(corpus.documents) == len(BINARY) + 2
    for name, (_, kind) in BINARY.items():
        row = docs[Path(name).stem]
        assert row["status"] == "error", row
        assert row["message"].startswith("not text") and kind in row["message"], row
        assert row["n_facts"] == 0
    assert docs["good"]["status"] == "ok" and docs["good"]["n_facts"] == 1
    assert docs["empty"]["status"] == "ok" and docs["empty"]["n_chars"] == 0
    errors = corpus.errors.to_pylist()
    assert sorted(e["doc_id"] for e in errors) == sorted(Path(n).stem for n in BINARY)
    assert {e["severity"] for e in errors} == {"error"}
    assert [f["doc_id"] for f in corpus.facts.to_pylist()] == ["good"]


def test_errors_raise_names_the_binary_file(mixed_dir):
    with pytest.raises(assay.ParseError) as info:
        assay.read_reports(mixed_dir / "sheet.txt", errors="raise")
    assert info.value.path == str(mixed_dir / "sheet.txt")
    assert "sheet.txt" in str(info.value) and "ZIP" in info.value.message
    # The good file alone raises nothing.
    assay.read_reports(mixed_dir / "good.txt", errors="raise")


# --- Every input accounted for ------------------------------------------------


def test_every_path_appears_exactly_once(tmp_path):
    for folder in ("2031-05", "2031-06", "2031-06/cn"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "copper.txt").write_text(f"{folder}: copper output 5%.", "utf-8")
    (tmp_path / "2031-05" / "copper.html").write_text("<p>Copper 3%.</p>", "utf-8")
    (tmp_path / "zinc.txt").write_text("Zinc output 2%.", "utf-8")
    corpus = assay.read_reports(tmp_path)
    rows = corpus.documents.to_pylist()
    ids = [r["doc_id"] for r in rows]
    assert ids == ["2031-05/copper.html", "2031-05/copper.txt", "2031-06/cn/copper",
                   "2031-06/copper", "zinc"]  # fmt: skip
    assert len(set(ids)) == len(ids)
    assert sorted(r["path"] for r in rows) == sorted(
        str(p) for p in tmp_path.rglob("*") if p.is_file()
    )
    # Facts and sections carry the same unique doc_ids.
    assert {f["doc_id"] for f in corpus.facts.to_pylist()} <= set(ids)


def test_the_same_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text("Copper 5%.", "utf-8")
    corpus = assay.read_reports([tmp_path / "a.txt", str(tmp_path / "a.txt"), tmp_path])
    assert [r["doc_id"] for r in corpus.documents.to_pylist()] == ["a"]
    # Through a link or a detour, it is still the one file.
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").symlink_to(tmp_path / "a.txt")
    corpus = assay.read_reports([tmp_path / "sub" / "b.txt", f"{tmp_path}/sub/../a.txt"])
    assert [r["path"] for r in corpus.documents.to_pylist()] == [str(tmp_path / "sub" / "b.txt")]


def test_directories_are_walked_without_entering_linked_ones(tmp_path):
    (tmp_path / "reports" / "2031").mkdir(parents=True)
    (tmp_path / "reports" / "2031" / "zinc.HTML").write_text("<p>Zinc 2%.</p>", "utf-8")
    (tmp_path / "reports" / ".txt").write_text("Nickel 1%.", "utf-8")
    (tmp_path / "reports" / "notes.md").write_text("Lead 4%.", "utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "tin.txt").write_text("Tin 3%.", "utf-8")
    (tmp_path / "reports" / "linked").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "reports" / "tin.txt").symlink_to(tmp_path / "elsewhere" / "tin.txt")
    paths = [r["path"] for r in assay.read_reports(tmp_path / "reports").documents.to_pylist()]
    root = str(tmp_path / "reports")
    # ".txt" has no suffix (as to pathlib); a linked file counts, a linked folder is not entered.
    assert paths == [f"{root}/2031/zinc.HTML", f"{root}/tin.txt"]
    flat = assay.read_reports(tmp_path / "reports", recursive=False).documents.to_pylist()
    assert [r["path"] for r in flat] == [f"{root}/tin.txt"]


def test_links_that_lead_nowhere_are_error_rows_not_a_failed_listing(tmp_path):
    (tmp_path / "copper.txt").write_text("Copper output rose 5%.", "utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "a.htm").symlink_to(tmp_path / "b.htm")
    (tmp_path / "b.htm").symlink_to(tmp_path / "a.htm")
    # Not a report by its name: skipped without being looked at, though it loops too.
    (tmp_path / "x").symlink_to(tmp_path / "y")
    (tmp_path / "y").symlink_to(tmp_path / "x")
    # A link to a pipe is skipped, as the pipe itself is: opening it would wait forever.
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "pipe.txt").symlink_to(tmp_path / "pipe")
    corpus = assay.read_reports(tmp_path)
    rows = {r["doc_id"]: (r["status"], r["message"]) for r in corpus.documents.to_pylist()}
    assert set(rows) == {"copper", "gone", "a", "b"}
    assert rows["copper"] == ("ok", None)
    assert rows["gone"][0] == "error" and "No such file" in rows["gone"][1]
    assert rows["a"][0] == rows["b"][0] == "error"
    assert "symbolic links" in rows["a"][1]
    assert len(corpus.errors) == 3
    assert len(corpus.facts) == 1


def test_doc_ids_stay_unique_across_progress_chunks(tmp_path):
    for i in range(40):
        sub = tmp_path / f"d{i:02}"
        sub.mkdir()
        (sub / "report.txt").write_text(f"Copper output rose {i}%.", "utf-8")
    corpus = assay.read_reports(tmp_path, progress=lambda done, total: None, threads=1)
    ids = [r["doc_id"] for r in corpus.documents.to_pylist()]
    assert ids == [f"d{i:02}/report" for i in range(40)]


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux /proc")
def test_unreadable_file_is_an_error_row(tmp_path):
    # /proc/self/mem is a regular file that cannot be read from offset 0 (EIO), even as root.
    (tmp_path / "ok.txt").write_text("Copper 5%.", "utf-8")
    corpus = assay.read_reports([tmp_path / "ok.txt", "/proc/self/mem"])
    rows = corpus.documents.to_pylist()
    assert [(r["doc_id"], r["status"]) for r in rows] == [("ok", "ok"), ("mem", "error")]
    assert rows[1]["message"].startswith("cannot read:")
    assert [e["doc_id"] for e in corpus.errors.to_pylist()] == ["mem"]


# --- Caller mistakes ----------------------------------------------------------


def test_missing_path_raises_before_any_work(tmp_path):
    (tmp_path / "a.txt").write_text("Copper 5%.", "utf-8")
    calls = []
    with pytest.raises(FileNotFoundError) as info:
        assay.read_reports([tmp_path / "a.txt", tmp_path / "gone.txt"], progress=calls.append)
    assert info.value.filename == str(tmp_path / "gone.txt")
    assert calls == []


@pytest.mark.parametrize("value", [b"Copper 5%", None, 42, ["Copper 5%"], bytearray(b"x")])
def test_parse_wants_a_string(value):
    with pytest.raises(TypeError, match="text must be str"):
        assay.parse(value)


def test_unknown_keywords_are_value_errors_listing_the_accepted_ones(tmp_path):
    with pytest.raises(ValueError, match=r"'fromat'.*accepted: doc_id, published, format"):
        assay.parse("Copper 5%", fromat="text")
    (tmp_path / "a.txt").write_text("Copper 5%.", "utf-8")
    with pytest.raises(ValueError, match=r"'encodng'.*accepted: pattern, .*encoding, errors"):
        assay.read_reports(tmp_path, encodng="gbk")
    with pytest.raises(ValueError, match="'bogus'"):
        assay.read_facts(tmp_path, bogus=1)


@pytest.mark.parametrize("errors", ["skip", "strict", "", None, True])
def test_bad_errors_value_lists_the_accepted_ones(tmp_path, errors):
    (tmp_path / "a.txt").write_text("Copper 5%.", "utf-8")
    with pytest.raises(ValueError, match="'collect', 'raise', 'ignore'"):
        assay.read_reports(tmp_path, errors=errors)


# --- No panic reaches Python --------------------------------------------------


@pytest.fixture
def panic_on():
    """Arms the test-only panic hook of the Rust core, and disarms it afterwards."""
    yield _core._panic_for_test
    _core._panic_for_test(None)


@pytest.mark.parametrize("stage", ["read", "tables"])
def test_a_panic_in_parse_is_an_error_row(panic_on, stage):
    panic_on("boom", stage)
    report = assay.parse("Copper output fell 5%.", doc_id="boom")
    (doc,) = report.document.to_pylist()
    assert doc["status"] == "error"
    assert doc["message"] == f'internal error: injected panic for "boom" at {stage}'
    assert len(report.facts) == 0
    # Other documents, and the same one once disarmed, are read as usual.
    assert (
        assay.parse("Copper output fell 5%.", doc_id="other").document.to_pylist()[0]["status"]
        == "ok"
    )
    panic_on(None)
    assert len(assay.parse("Copper output fell 5%.", doc_id="boom").facts) == 1


def test_a_panic_in_html_parse_is_an_error_row(panic_on):
    panic_on("page", "read")
    report = assay.parse("<p>Copper output fell 5%.</p>", doc_id="page", format="html")
    assert report.document.to_pylist()[0]["status"] == "error"


def test_a_panic_while_reading_files_is_an_error_row_for_that_file(panic_on, tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text("Copper output fell 5%.", "utf-8")
    panic_on("b", "read")
    corpus = assay.read_reports(tmp_path, threads=2)
    assert [(r["doc_id"], r["status"]) for r in corpus.documents.to_pylist()] == [
        ("a", "ok"),
        ("b", "error"),
        ("c", "ok"),
    ]
    (err,) = corpus.errors.to_pylist()
    assert (err["doc_id"], err["severity"]) == ("b", "error")
    assert "injected panic" in err["message"]
    with pytest.raises(assay.ParseError, match="b.txt: internal error"):
        assay.read_reports(tmp_path, errors="raise")


def test_panic_hook_rejects_unknown_stages():
    with pytest.raises(ValueError, match="stage"):
        _core._panic_for_test("x", "nowhere")


# --- Hostile text: linear time, no stack overflow -----------------------------


def seconds(f: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def assert_linear(make: Callable[[int], str], n: int, **kwargs) -> None:
    """Four times the input takes well under ten times as long (quadratic would be 16x)."""
    small, large = make(n), make(4 * n)
    t1 = seconds(lambda: assay.parse(small, **kwargs))
    t4 = seconds(lambda: assay.parse(large, **kwargs), repeat=2)
    # A floor keeps timer noise on tiny inputs from deciding.
    assert t4 < 10 * max(t1, 0.02), f"{len(small)} chars: {t1:.3f}s, {len(large)} chars: {t4:.3f}s"


def test_ten_megabyte_single_line_finishes():
    line = "copper cathode market sentiment stayed cautious as smelters restocked " * 143_000
    assert len(line) > 10_000_000 and "\n" not in line
    t = time.perf_counter()
    report = assay.parse(line, doc_id="long")
    assert time.perf_counter() - t < 30
    assert report.document.to_pylist()[0]["status"] == "ok"


def test_long_line_of_words_is_linear():
    assert_linear(lambda n: "copper output stayed flat " * n, 40_000)


def test_million_digit_number():
    digits = "7" * 1_000_000
    report = assay.parse(f"Copper output was {digits} mt in May 2031.", doc_id="big")
    assert report.document.to_pylist()[0]["status"] == "ok"
    for f in report.facts.to_pylist():
        assert f["value"] == f["value"] and abs(f["value"]) != float("inf")
    assert_linear(lambda n: "Copper output " + "9" * n + " mt. ", 250_000)
    assert_linear(lambda n: "Copper " + "1,234," * n + "5 mt.", 40_000)


def test_deeply_nested_html_is_linear_and_does_not_overflow():
    n = 200_000
    page = "<div><span>" * n + "<p>Copper output fell 5% MoM.</p>" + "</span></div>" * n
    report = assay.parse(page, format="html")
    assert report.page_text == "Copper output fell 5% MoM."
    assert len(report.facts) == 1
    unclosed = "<b><i><table><tr><td>" * n + "Zinc 2%"
    assert assay.parse(unclosed, format="html").document.to_pylist()[0]["status"] == "ok"
    assert_linear(lambda k: "<div>" * k + "x 5%" + "</div>" * k, 50_000, format="html")


def test_nul_characters_in_a_python_string():
    text = "Copper\x00 output fell 5% MoM\x00 in May 2031.\x00\nZinc\x00 rose 2%."
    report = assay.parse(text, doc_id="nul")
    (doc,) = report.document.to_pylist()
    assert (doc["status"], doc["n_chars"]) == ("ok", len(text))
    values = sorted(f["value"] for f in report.facts.to_pylist())
    assert values == [-5.0, 2.0]
    for f in report.facts.to_pylist():
        assert text[f["start"] : f["end"]].rstrip("%") in ("5", "2")
    assert assay.parse("\x00" * 1_000_000).document.to_pylist()[0]["status"] == "ok"


# Numbers packed into one very long sentence: clause breaks are found once per
# sentence, look-backs are bounded and no sentence runs past 4 KB (segment.rs),
# so time and the `sentence` column grow linearly with the input.
def test_long_sentence_of_numbers_is_linear():
    assert_linear(lambda n: "5% " * n, 5_000)


def test_nul_separated_numbers_are_linear():
    assert_linear(lambda n: "Copper\x00 5%\x00" * n, 1_500)


def test_region_before_a_multibyte_character():
    """Found by fuzzing: a region name followed by a multi-byte character."""
    report = assay.parse("Chile 铜 exports rose 5%.", doc_id="chile")
    (doc,) = report.document.to_pylist()
    assert doc["status"] == "ok", doc["message"]
