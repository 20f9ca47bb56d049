"""When and how `read_reports` shows progress.

``progress=None`` (the default) shows a tqdm.auto bar only when all of these hold:
tqdm is installed, the run is long (at least ``AUTO_MIN_FILES`` files), and
someone is watching: a Jupyter kernel, or stderr is a terminal and the ``CI``
environment variable is not set. So CI logs and redirected output never get a bar.
``progress=True`` always reports (tqdm, else a plain counter on stderr);
``progress=False`` never does; a callable gets ``(done, total)`` after each chunk.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, Union

Progress = Union[bool, Callable[[int, int], Any], None]
Callback = Callable[[int, int], Any]

#: With ``progress=None``, runs of fewer files finish too fast to need a bar.
AUTO_MIN_FILES = 200
_FALSE = {"", "0", "false", "no", "off"}


def in_ci() -> bool:
    """True when the ``CI`` environment variable says so (GitHub Actions, GitLab, ...)."""
    return os.environ.get("CI", "").strip().lower() not in _FALSE


def in_jupyter() -> bool:
    """True inside a Jupyter (IPython kernel) session."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:
        return False
    return shell is not None and hasattr(shell, "kernel")


def interactive() -> bool:
    """Is someone watching this run: Jupyter, or a terminal outside CI?"""
    if in_ci():
        return False
    if in_jupyter():
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def tqdm_class() -> Any:
    """``tqdm.auto.tqdm``, or None when tqdm is not installed."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm


def should_show(progress: Progress, total: int) -> bool:
    """Whether a run of ``total`` files reports progress under this ``progress`` setting."""
    if progress is None:
        return total >= AUTO_MIN_FILES and tqdm_class() is not None and interactive()
    return bool(progress)


def make_callback(progress: Progress, total: int) -> Callback | None:
    """The ``callback(done, total)`` that reports a run's progress, or None for none."""
    if callable(progress):
        return progress
    if not should_show(progress, total):
        return None
    tqdm = tqdm_class()
    if tqdm is None:
        return _print_counter
    bar = tqdm(total=total, unit="file", desc="assay")

    def update(done: int, total: int) -> None:
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    update.bar = bar  # type: ignore[attr-defined]
    return update


def _print_counter(done: int, total: int) -> None:
    end = "\n" if done >= total else ""
    print(f"\rassay: {done}/{total} files", end=end, file=sys.stderr, flush=True)
