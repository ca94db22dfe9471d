"""The one safe way to follow a file reference written in a scenario file.

Scenario files travel between teachers by e-mail and download, so the paths
they contain (``extends:`` and ``source_document:``) are untrusted.  A
reference may only lead to a file inside

* the folder of the scenario file that contains it (subfolders included), or
* one of the game's built-in data folders (``scenarios/``, ``seeds/``,
  ``assets/``; see :func:`game.scenarios.registry.data_dir`).

Absolute paths, drive letters, UNC paths (``\\\\server\\share``), NUL bytes and
anything that leaves those folders (``../../etc/passwd``, or a symbolic link
pointing elsewhere) are refused with :class:`UnsafeReference`; a reference that
is safe but names no file gives :class:`MissingReference`.  Both carry one clear
sentence in ``message`` and a ``hint``.

``seeds/...``, ``scenarios/...`` and ``assets/...`` name the built-in folders
wherever the game is installed, so the built-in scenarios' ``source_document:
seeds/000_2e7d1d862c004df0.txt`` works in a checkout and in a wheel.

Callers: the loader (``extends`` and the ``source_document`` check), and
whatever shows a source document (:func:`read_source_document`): the text mode,
the window and the reports must not open a scenario's paths any other way.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath

from game.scenarios.registry import builtin_paths, data_dir, resolve

__all__ = [
    "DATA_FOLDERS", "MAX_REFERENCE_LENGTH", "MAX_SOURCE_BYTES", "MissingReference", "ReferenceProblem",
    "UnsafeReference", "allowed_roots", "read_source_document", "resolve_extends", "resolve_reference",
    "scenario_folder", "source_document_path", "sources_instead_of_document",
]

DATA_FOLDERS = ("scenarios", "seeds", "assets")
"""Built-in data folders a scenario may refer into (by ``seeds/name`` etc.)."""
MAX_REFERENCE_LENGTH = 255
"""Longest reference accepted, in characters."""
MAX_SOURCE_BYTES = 2 * 1024 * 1024
"""Largest source document :func:`read_source_document` will read."""


class ReferenceProblem(Exception):
    """A file reference in a scenario cannot be followed; ``message`` says why in one sentence."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UnsafeReference(ReferenceProblem):
    """The reference would leave the scenario's folder and the built-in data folders."""


class MissingReference(ReferenceProblem):
    """The reference is safe but there is no such file (or it cannot be read)."""


_SAFE_HINT = ("a scenario may only refer to files in its own folder (or below it) and to the game's "
              "built-in scenarios/, seeds/ and assets/ folders")


def _real(path: Path) -> Path | None:
    """The path with symbolic links and '..' resolved, or None if the system refuses it."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError, RuntimeError):
        return None


def _inside(path: Path, roots: Iterable[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def allowed_roots(folders: Iterable[Path]) -> list[Path]:
    """The real folders a reference may lead into: ``folders`` plus the built-in data folders."""
    roots = []
    for folder in [*folders, *(data_dir(name) for name in DATA_FOLDERS)]:
        real = _real(Path(folder))
        if real is not None and real not in roots:
            roots.append(real)
    return roots


def _show(ref: object) -> str:
    text = str(ref)
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return text if len(text) <= 80 else text[:77] + "..."


def _relative(ref: object, what: str) -> PurePosixPath:
    """Check the written form of a reference; return it as a relative POSIX path."""
    if not isinstance(ref, str) or not ref.strip():
        raise UnsafeReference(f"{what} must be a file name, got {_show(ref)!r}", _SAFE_HINT)
    shown = _show(ref)
    if len(ref) > MAX_REFERENCE_LENGTH:
        raise UnsafeReference(f"{what} '{shown}' is too long (more than {MAX_REFERENCE_LENGTH} characters)",
                              _SAFE_HINT)
    if any(ord(c) < 32 or ord(c) == 127 for c in ref):
        raise UnsafeReference(f"{what} '{shown}' contains a control character", _SAFE_HINT)
    windows = PureWindowsPath(ref)
    posix = PurePosixPath(ref.replace("\\", "/"))
    if posix.is_absolute() or windows.drive or windows.root:
        raise UnsafeReference(f"{what} '{shown}' is an absolute path, which is not allowed",
                              "write the path relative to the scenario file's folder; " + _SAFE_HINT)
    if not posix.parts or posix.parts == (".",):
        raise UnsafeReference(f"{what} '{shown}' does not name a file", _SAFE_HINT)
    return posix


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def resolve_reference(ref: object, folders: Iterable[Path], what: str = "the file reference") -> Path:
    """The real path of the file ``ref`` names, looked up in ``folders`` then the built-in folders.

    ``folders`` are the folders of the scenario file (and of the files it extends).
    Raises :class:`UnsafeReference` if ``ref`` is absolute, contains control
    characters or leads outside the allowed folders, :class:`MissingReference`
    if it is safe but no such file exists.
    """
    folders = [Path(f) for f in folders]
    rel = _relative(ref, what)
    roots = allowed_roots(folders)
    candidates = [folder / rel for folder in folders]
    if rel.parts[0] in DATA_FOLDERS:  # "seeds/x.txt": the built-in folder, wherever it is installed
        candidates.append(data_dir(rel.parts[0]).joinpath(*rel.parts[1:]))
    escaped = False
    for candidate in candidates:
        real = _real(candidate)
        if real is None:
            continue
        if not _inside(real, roots):
            escaped = True
            continue
        if _is_file(real):
            return real
    shown = _show(ref)
    if escaped:
        raise UnsafeReference(f"{what} '{shown}' points outside the scenario's folder", _SAFE_HINT)
    where = ", ".join(str(f) for f in folders) or "the built-in folders"
    raise MissingReference(f"{what} '{shown}' was not found (looked in {where})",
                           "check the spelling; the path is relative to the scenario file's folder")


def resolve_extends(ref: object, folder: Path) -> Path:
    """The file an ``extends:`` names: a built-in scenario id, or a file under ``folder``."""
    if isinstance(ref, str) and ref in builtin_paths():
        return builtin_paths()[ref]
    try:
        return resolve_reference(ref, [folder], "extends")
    except MissingReference as missing:
        if isinstance(ref, str) and not PurePosixPath(ref.replace("\\", "/")).suffix:
            for ext in (".yaml", ".yml"):  # 'extends: my-treaty' for the file my-treaty.yaml beside it
                try:
                    resolve_reference(ref + ext, [folder], "extends")
                except ReferenceProblem:
                    continue
                raise MissingReference(missing.message, f"a file is named with its extension: write "
                                       f"'extends: {ref}{ext}' (only built-in scenarios are named by "
                                       "their id)") from None
        builtin = sorted(builtin_paths())
        try:
            here = sorted(p.name for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml"))
        except OSError:
            here = []
        close = difflib.get_close_matches(str(ref), here + builtin, n=1)
        if close:
            raise MissingReference(missing.message, f"did you mean '{close[0]}'?") from None
        raise MissingReference(missing.message, f"{missing.hint}; or name a built-in scenario: "
                                                f"{', '.join(builtin)}") from None


def scenario_folder(scenario_ref: object) -> Path | None:
    """The folder of the scenario a match was started from (its built-in id or path), if known."""
    if not isinstance(scenario_ref, (str, os.PathLike)) or not str(scenario_ref):
        return None
    try:
        path = resolve(scenario_ref)
        return path.parent if _is_file(path) else None
    except (OSError, ValueError):
        return None


def source_document_path(scenario, scenario_ref: object = "") -> Path:
    """The file a scenario's ``source_document`` names (see :func:`resolve_reference`).

    ``scenario_ref`` is how the scenario was loaded (``Match.scenario_ref``: a
    built-in id or a path); its folder is where relative names are looked up.
    Raises :class:`MissingReference` when the scenario names no source document.
    """
    ref = getattr(scenario, "source_document", None)
    if not ref:
        raise MissingReference("this scenario names no primary source document")
    folder = scenario_folder(scenario_ref)
    return resolve_reference(ref, [folder] if folder is not None else [], "source_document")


def sources_instead_of_document(scenario) -> list[str] | None:
    """What to show for a scenario that names no ``source_document`` (the Montreal Protocol,
    the tutorial): a first line saying so, then one ``KEY: reference`` line per entry of its
    ``sources:``. ``None`` when the scenario does name a document (read it with
    :func:`read_source_document`)."""
    if getattr(scenario, "source_document", None):
        return None
    sources = getattr(scenario, "sources", None) or {}
    if not sources:
        return ["This scenario names no primary source document and lists no sources."]
    return (["This scenario names no single primary source document. Its facts and notes come from "
             "these sources (the keys in brackets in its texts):"]
            + [f"{key}: {text}" for key, text in sources.items()])


def read_source_document(scenario, scenario_ref: object = "", limit: int = MAX_SOURCE_BYTES) -> str:
    """The text of a scenario's source document, read safely; raises :class:`ReferenceProblem`.

    The file must be inside the allowed folders, at most ``limit`` bytes and UTF-8.
    """
    path = source_document_path(scenario, scenario_ref)
    ref = _show(scenario.source_document)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise MissingReference(f"the source document '{ref}' cannot be read ({exc.strerror})") from None
    if len(data) > limit:
        raise MissingReference(f"the source document '{ref}' is too large to show (over {limit:,} bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MissingReference(f"the source document '{ref}' is not UTF-8 text") from None
