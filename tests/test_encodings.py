"""Files in every encoding reports are saved in: detected, chosen, or damaged (issue 5)."""

from __future__ import annotations

import pytest

import assay

TEXT = "铜 Copper output fell by 81,700 mt, down 7.46% MoM in May 2031."


def read_one(path, **kwargs) -> tuple[dict, list[dict]]:
    corpus = assay.read_reports(path, **kwargs)
    (doc,) = corpus.documents.to_pylist()
    return doc, corpus.errors.to_pylist()


@pytest.mark.parametrize(
    "codec",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"],
)
def test_unicode_encodings_are_detected(tmp_path, codec):
    data = TEXT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # a BOM is what tells UTF-16 apart
        data = "\ufeff".encode(codec) + data
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    doc, errors = read_one(path)
    assert (doc["status"], doc["message"], errors) == ("ok", None, [])
    assert doc["n_chars"] == len(TEXT)  # the BOM is not text
    facts = assay.read_reports(path).facts.to_pylist()
    assert -81700.0 in [f["value"] for f in facts]  # "fell by": a negative change


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_chinese_legacy_encodings_detected_and_chosen(tmp_path, codec):
    text = "中国电解铜产量环比下降8.17万吨，降幅7.46%。"
    path = tmp_path / "cn.txt"
    path.write_bytes(text.encode(codec))
    for kwargs in ({}, {"encoding": codec}):
        doc, errors = read_one(path, **kwargs)
        assert (doc["status"], doc["n_chars"], errors) == ("ok", len(text), []), kwargs


def test_chosen_encoding_is_applied_to_every_file(tmp_path):
    (tmp_path / "a.txt").write_bytes("Café prices rose 5%.".encode("cp1252"))
    (tmp_path / "b.txt").write_bytes("Crème output fell 2%.".encode("cp1252"))
    corpus = assay.read_reports(tmp_path, encoding="windows-1252")
    rows = corpus.documents.to_pylist()
    assert [(r["status"], r["n_chars"]) for r in rows] == [("ok", 20), ("ok", 21)]
    assert len(corpus.errors) == 0


def test_invalid_bytes_are_replaced_and_the_document_still_parsed(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes(b"Copper output fell \xff\xfe 7.46% MoM in May 2031.")
    doc, errors = read_one(path)
    assert doc["status"] == "warning"
    assert "2 character(s) replaced with U+FFFD" in doc["message"]
    assert [(e["doc_id"], e["severity"]) for e in errors] == [("damaged", "warning")]
    assert errors[0]["message"] == doc["message"]
    facts = assay.read_reports(path).facts.to_pylist()
    assert [f["value"] for f in facts] == [-7.46]
    # errors="raise" raises for errors only: a warning is not one.
    assert assay.read_reports(path, errors="raise").documents.to_pylist()[0]["status"] == "warning"


def test_invalid_bytes_in_a_chosen_encoding_warn(tmp_path):
    path = tmp_path / "u16.txt"
    # An odd trailing byte cannot be UTF-16.
    path.write_bytes("Nickel 5%".encode("utf-16-le") + b"\x00\xd8")
    doc, errors = read_one(path, encoding="utf-16le")
    assert doc["status"] == "warning"
    assert "UTF-16LE" in doc["message"] and len(errors) == 1


def test_unknown_encoding_is_a_value_error_before_reading(tmp_path):
    (tmp_path / "a.txt").write_text("Copper 5%.", "utf-8")
    with pytest.raises(ValueError, match="unknown encoding.*klingon"):
        assay.read_reports(tmp_path, encoding="klingon")
