"""Where the built-in scenarios, the source documents and the assets live.

In a source checkout they are the top-level ``scenarios/``, ``seeds/`` and
``assets/`` folders; in an installed wheel the build copies them into
``game/_builtin/``. Both layouts are looked up the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """The folder ``name`` (scenarios, seeds, assets) of this installation."""
    for candidate in (_PACKAGE / "_builtin" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def builtin_paths() -> dict[str, Path]:
    """Built-in scenario id -> file (the id is the file name without .yaml)."""
    folder = data_dir("scenarios")
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def resolve(ref: str | Path, relative_to: Path | None = None) -> Path:
    """A scenario id or path to a file path (ids win over relative file names)."""
    ref_s = str(ref)
    builtins = builtin_paths()
    if ref_s in builtins:
        return builtins[ref_s]
    path = Path(ref_s)
    if relative_to is not None and not path.is_absolute():
        near = (relative_to / path)
        if near.exists():
            return near
    return path


DEFAULT_SCENARIO = "cst-1999"


def ref_for_save(ref: str | Path) -> str:
    """How a save records where its scenario is: a built-in id as it is, a file as an
    absolute path (so the save loads from any folder, not only the one the game was
    started in)."""
    ref_s = str(ref)
    if not ref_s or ref_s in builtin_paths():
        return ref_s
    try:
        path = Path(ref_s).expanduser()
        if path.is_file():
            return os.path.abspath(path)
    except (OSError, ValueError):  # a name the system refuses: keep it as it was
        pass
    return ref_s
