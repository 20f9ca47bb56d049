"""Short sample reports bundled with the package (original text, invented numbers)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_SUFFIXES = (".txt", ".html", ".htm")


def paths() -> list[Path]:
    """Paths of the bundled sample reports, sorted by name."""
    return sorted(p for p in _HERE.iterdir() if p.suffix in _SUFFIXES)


def path(name: str) -> Path:
    """The bundled sample called `name` (with or without extension)."""
    for p in paths():
        if name in (p.name, p.stem):
            return p
    raise FileNotFoundError(f"no sample named {name!r}; have {[p.name for p in paths()]}")
