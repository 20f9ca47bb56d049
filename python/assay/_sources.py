"""Turning a `source` (file, directory, glob or list of them) into a list of paths."""

from __future__ import annotations

import errno
import fnmatch
import glob
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Union

Source = Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]]

SUFFIXES = (".txt", ".html", ".htm")
_GLOB_CHARS = frozenset("*?[")


def resolve(source: Source, pattern: str | None = None, recursive: bool = True) -> list[str]:
    """All report paths named by `source`; raises FileNotFoundError for anything missing."""
    if isinstance(source, (str, os.PathLike)):
        return _resolve_one(os.fspath(source), pattern, recursive)
    if isinstance(source, bytes):
        raise TypeError("source must be a path, a glob or a list of them, not bytes")
    paths: list[str] = []
    for item in source:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"source items must be paths, not {type(item).__name__}")
        paths.extend(_resolve_one(os.fspath(item), pattern, recursive))
    return paths


def _resolve_one(source: str, pattern: str | None, recursive: bool) -> list[str]:
    path = Path(source)
    if path.is_file():
        return [source]
    if path.is_dir():
        found = _walk(path, pattern, recursive)
        if not found:
            wanted = pattern or " / ".join(f"*{s}" for s in SUFFIXES)
            message = f"no report files ({wanted}) in directory"
            raise FileNotFoundError(errno.ENOENT, message, source)
        return found
    if _GLOB_CHARS & set(source):
        found = sorted(p for p in glob.glob(source, recursive=True) if os.path.isfile(p))
        if pattern:
            found = [p for p in found if fnmatch.fnmatch(os.path.basename(p), pattern)]
        if not found:
            raise FileNotFoundError(errno.ENOENT, "no files match the pattern", source)
        return found
    raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), source)


def _walk(root: Path, pattern: str | None, recursive: bool) -> list[str]:
    """The report files under `root`, sorted. Symbolic links to files count as
    files; linked directories are not entered (as ``Path.rglob`` does). Built on
    ``os.scandir``, whose entries know their type without a ``stat`` per file."""
    found: list[str] = []
    dirs = [str(root)]
    while dirs:
        with os.scandir(dirs.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if recursive:
                        dirs.append(entry.path)
                    continue
                # The name first: it costs no system call, and an entry that is no
                # report by its name is skipped even when it cannot be looked at.
                if pattern is not None:
                    keep = fnmatch.fnmatch(entry.name, pattern)
                else:
                    keep = _suffix(entry.name) in SUFFIXES
                if keep and _may_be_file(entry):
                    found.append(entry.path)
    return sorted(found)


def _may_be_file(entry: os.DirEntry[str]) -> bool:
    """A regular file or a link to one; also a link that leads nowhere (dangling or
    looping): the reader then reports it in ``errors``, where a listing that dropped
    it would lose it without a word, and one that raised would stop the whole run.
    A link to a pipe, socket or device is skipped as the thing itself is: reading
    one could block or never end."""
    try:
        if not entry.is_symlink():
            return entry.is_file()
        return stat.S_ISREG(entry.stat().st_mode)
    except OSError:
        return True


def _suffix(name: str) -> str:
    """``Path(name).suffix.lower()``, as pathlib finds it: from the last dot,
    unless that dot opens or ends the name."""
    i = name.rfind(".")
    return name[i:].lower() if 0 < i < len(name) - 1 else ""
