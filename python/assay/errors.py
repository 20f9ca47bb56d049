"""Exceptions raised by assay."""

from __future__ import annotations


class ParseError(Exception):
    """A report could not be read (raised by ``read_reports(..., errors="raise")``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
