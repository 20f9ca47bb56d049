"""When read_reports shows progress: never in CI or redirected logs, tqdm for long watched runs."""

from __future__ import annotations

import sys
import types

import pytest

import assay
from assay import _progress


class FakeStderr:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.written: list[str] = []

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> int:
        self.written.append(s)
        return len(s)

    def flush(self) -> None:
        pass


@pytest.fixture
def no_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delitem(sys.modules, "IPython", raising=False)


@pytest.fixture
def many_files(tmp_path):
    for i in range(12):
        (tmp_path / f"r{i:02d}.txt").write_text(f"Zinc output rose {i + 1}% MoM in May 2031.\n")
    return tmp_path


@pytest.mark.parametrize("value", ["true", "1", "yes", "True"])
def test_ci_is_never_interactive(monkeypatch, no_ci, value):
    monkeypatch.setattr(sys, "stderr", FakeStderr(tty=True))
    assert _progress.interactive()
    monkeypatch.setenv("CI", value)
    assert _progress.in_ci()
    assert not _progress.interactive()
    assert not _progress.should_show(None, 10**6)


@pytest.mark.parametrize("value", ["", "0", "false"])
def test_ci_false_values(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    assert not _progress.in_ci()


def test_redirected_stderr_is_not_interactive(monkeypatch, no_ci):
    monkeypatch.setattr(sys, "stderr", FakeStderr(tty=False))
    assert not _progress.interactive()
    assert not _progress.should_show(None, 10**6)


def test_jupyter_kernel_is_interactive_without_a_tty(monkeypatch, no_ci):
    monkeypatch.setattr(sys, "stderr", FakeStderr(tty=False))
    shell = types.SimpleNamespace(kernel=object())
    fake = types.ModuleType("IPython")
    fake.get_ipython = lambda: shell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert _progress.in_jupyter() and _progress.interactive()
    # a terminal IPython (no kernel) is not Jupyter
    monkeypatch.setattr(fake, "get_ipython", lambda: types.SimpleNamespace())
    assert not _progress.in_jupyter()
    monkeypatch.setattr(fake, "get_ipython", lambda: None)
    assert not _progress.in_jupyter()


def test_auto_needs_a_long_run_tqdm_and_a_watcher(monkeypatch):
    monkeypatch.setattr(_progress, "interactive", lambda: True)
    assert _progress.should_show(None, _progress.AUTO_MIN_FILES)
    assert not _progress.should_show(None, _progress.AUTO_MIN_FILES - 1)
    monkeypatch.setattr(_progress, "tqdm_class", lambda: None)
    assert not _progress.should_show(None, 10**6)
    # explicit settings do not depend on the run
    assert _progress.should_show(True, 1)
    assert not _progress.should_show(False, 10**6)


def test_callable_is_used_as_is():
    def cb(done, total):
        return None

    assert _progress.make_callback(cb, 3) is cb
    assert _progress.make_callback(False, 10**6) is None


def test_default_run_prints_nothing_when_not_watched(many_files, capsys, monkeypatch, no_ci):
    monkeypatch.setattr(_progress, "AUTO_MIN_FILES", 1)
    corpus = assay.read_reports(many_files)  # pytest's captured stderr is not a TTY
    assert len(corpus) == 12
    assert capsys.readouterr().err == ""


def test_default_run_shows_a_tqdm_bar_when_watched(many_files, capsys, monkeypatch):
    pytest.importorskip("tqdm")
    monkeypatch.setattr(_progress, "AUTO_MIN_FILES", 10)
    monkeypatch.setattr(_progress, "interactive", lambda: True)
    assay.read_reports(many_files)
    err = capsys.readouterr().err
    assert "assay" in err and "12/12" in err
    # short runs stay quiet
    assay.read_reports(sorted(many_files.glob("*.txt"))[:5])
    assert capsys.readouterr().err == ""


def test_progress_false_disables_even_when_watched(many_files, capsys, monkeypatch):
    monkeypatch.setattr(_progress, "AUTO_MIN_FILES", 1)
    monkeypatch.setattr(_progress, "interactive", lambda: True)
    assay.read_reports(many_files, progress=False)
    assert capsys.readouterr().err == ""


def test_progress_true_without_tqdm_prints_a_counter(many_files, capsys, monkeypatch):
    monkeypatch.setattr(_progress, "tqdm_class", lambda: None)
    assay.read_reports(many_files, progress=True)
    err = capsys.readouterr().err
    assert err.endswith("assay: 12/12 files\n")


def test_tqdm_bar_follows_the_chunks(monkeypatch):
    pytest.importorskip("tqdm")
    monkeypatch.setattr(_progress, "interactive", lambda: True)
    cb = _progress.make_callback(None, 10**4)
    assert cb is not None
    bar = cb.bar  # type: ignore[attr-defined]
    assert bar.total == 10**4
    cb(32, 10**4)
    assert bar.n == 32
    cb(10**4, 10**4)
    assert bar.n == 10**4
