"""Save files that never lose a game.

* :func:`write_atomic` writes to a temporary file in the same folder, flushes
  and fsyncs it, then renames it over the target (``os.replace``), so a crash
  leaves either the old file or the new one, never half of one.
* Saves are wrapped in an envelope that names the format, its version and the
  SHA-256 of the payload's canonical JSON::

      {"format": "treaty-table-save", "format_version": 1,
       "sha256": "<hex>", "payload": {...}}

  :func:`read_save` checks all of it and raises one :class:`SaveFileError`
  subclass per kind of failure, each with one clear sentence.
* :class:`AutosaveSlots` keeps the newest few autosaves of each game (and the
  final one of every finished game, up to an overall limit) and can fall back to
  the newest one that still reads cleanly.
* :func:`user_data_dir` is where saves live (``TREATY_TABLE_HOME`` overrides it).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable
from typing import Any

import platformdirs

__all__ = [
    "AUTOSAVES_PER_GAME", "AUTOSAVE_LIMIT", "FORMAT", "FORMAT_VERSION", "HOME_ENV", "MAX_SAVE_BYTES",
    "FolderBusy", "NotRegularFile", "lock_folder", "read_regular_file", "write_save_new",
    "AutosaveSlots", "SaveCorrupt", "SaveEnvelope",
    "SaveFileError", "SaveMissing", "SaveTampered", "SaveTooNew", "SaveTruncated", "SaveUnreadable",
    "autosave_game", "canonical_json", "game_key", "key_slug", "make_folder", "os_error_text", "payload_checksum",
    "read_envelope",
    "read_save", "scenario_slug", "user_data_dir", "write_atomic", "write_save", "write_text_atomic",
]

FORMAT = "treaty-table-save"
FORMAT_VERSION = 1
HOME_ENV = "TREATY_TABLE_HOME"
MAX_SAVE_BYTES = 32 * 1024 * 1024
"""Largest save file read (a long game's save is well under 1 MB); larger ones are refused unread."""
_TEMP_SUFFIX = ".tmp"
_STALE_TEMP_SECONDS = 3600


# --------------------------------------------------------------------------- errors

class SaveFileError(Exception):
    """A save file could not be opened.

    ``str(error)`` is one sentence for the player (lower-case, no full stop);
    ``path`` is the file, when known.
    """

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None):
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class SaveMissing(SaveFileError):
    """There is no file at the path."""


class SaveUnreadable(SaveFileError):
    """The file exists but the system would not let us read it."""


class SaveTruncated(SaveFileError):
    """The file is empty or its JSON stops early (a crash while it was written)."""


class SaveCorrupt(SaveFileError):
    """The file is not JSON, or not a Treaty Table save."""


class SaveTampered(SaveFileError):
    """The payload does not match its checksum."""


class SaveTooNew(SaveFileError):
    """The save was written by a newer version of the game."""

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None,
                 format_version: int | None = None):
        super().__init__(message, path)
        self.format_version = format_version


# --------------------------------------------------------------------------- atomic write

def _fsync_dir(folder: Path) -> None:
    """fsync a directory so a rename in it survives a power cut (POSIX only)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return  # e.g. Windows: directories cannot be opened; NTFS journals renames
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on directories
    finally:
        os.close(fd)


def _file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


def make_folder(folder: str | os.PathLike[str]) -> None:
    """Create ``folder`` (and its parents) if needed. A file in its place raises
    ``NotADirectoryError`` naming it (``mkdir`` says "File exists", which tells a player nothing)."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except FileExistsError as err:
        raise NotADirectoryError(errno.ENOTDIR, "Not a folder (a file has its name)",
                                 err.filename if err.filename is not None else os.fspath(folder)) from None


def _place_new(temp_name: str, path: Path) -> None:
    """Move the finished temp file to ``path`` only if nothing is there yet (``FileExistsError``
    otherwise): a hard link, which fails on an existing name, then the temp name goes. Where
    hard links are not supported (FAT, some network drives) the check and the rename are two
    steps, so two processes can still meet in between; on Windows a rename never replaces."""
    try:
        os.link(temp_name, path)
    except FileExistsError:
        raise
    except (OSError, NotImplementedError):  # no hard links here
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.rename(temp_name, path)
        return
    try:
        os.unlink(temp_name)
    except OSError:  # the save is in place; a leftover temp file is removed with the stale ones
        pass


def write_atomic(path: str | os.PathLike[str], data: bytes, replace: bool = True) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never a mix.

    The folder is created if needed.  On any failure the temporary file is
    removed and the old file (if any) is left untouched.  With ``replace=False`` an
    existing file is never replaced: ``FileExistsError`` is raised instead (two copies of
    the game picking the same autosave name, see :meth:`AutosaveSlots.write`).
    """
    path = Path(path)
    folder = path.parent
    make_folder(folder)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMP_SUFFIX, dir=folder)
    except OSError as err:  # a read-only folder, a full disk: say which file could not be written
        if err.strerror:
            err.filename, err.filename2 = str(path), None
        raise
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # the old file's mode, but never one that keeps us from reading it
                os.fchmod(handle.fileno(), _file_mode(path) | stat.S_IRUSR)  # back (a save of mode 000)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temp_name, path)
        else:
            _place_new(temp_name, path)
    except BaseException as err:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        if isinstance(err, OSError) and err.strerror and (err.filename is None or os.path.basename(
                os.fsdecode(err.filename)).startswith(f".{path.name}.")):
            err.filename, err.filename2 = str(path), None  # the file being written, not our temp file
        raise
    _fsync_dir(folder)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """:func:`write_atomic` for a UTF-8 text file (a report, a grade sheet): a failed write
    (a full disk) leaves the old file, if any, and no half-written one."""
    write_atomic(path, text.encode("utf-8"))


def os_error_text(exc: BaseException) -> str:
    """Why a file could not be written or read, in one line without error numbers: the
    system's words and the path it was about (``No space left on device (/x/autosaves/...)``)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({os.fsdecode(exc.filename)})" if exc.filename is not None else ""
        return exc.strerror + where
    return str(exc) or type(exc).__name__


# --------------------------------------------------------------------------- envelope

def canonical_json(payload: Any) -> str:
    """The canonical JSON text the checksum is computed over."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def payload_checksum(payload: Any) -> str:
    """Hex SHA-256 of the payload's canonical JSON (UTF-8)."""
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SaveEnvelope:
    """A checked save: its format version and payload (for migrations)."""

    format_version: int
    payload: dict


def write_save_new(names: Iterable[Path], payload: dict, taken: str = "Every name was taken") -> Path:
    """Write ``payload`` under the first of ``names`` that holds no file yet, and return it: never
    over a file, even one another copy of the game wrote between the choice of a name and the
    write (``write_save(..., replace=False)``). ``FileExistsError`` saying ``taken`` when every
    name was taken."""
    path = None
    for path in names:
        try:
            write_save(path, payload, replace=False)
            return path
        except FileExistsError as err:
            if err.filename is not None and os.fspath(err.filename) != str(path):
                raise  # a file in the place of the folder, not the name taken
    raise FileExistsError(errno.EEXIST, taken, str(path.parent if path is not None else ""))


def write_save(path: str | os.PathLike[str], payload: dict, format_version: int = FORMAT_VERSION,
               replace: bool = True) -> None:
    """Write ``payload`` atomically inside a checksummed envelope.

    Raises ``TypeError``/``ValueError`` if the payload is not plain JSON data
    (NaN and infinities are refused, so every save is standard JSON).
    """
    if not isinstance(payload, dict):
        raise TypeError(f"a save payload must be a dict, not {type(payload).__name__}")
    envelope = {"format": FORMAT, "format_version": format_version,
                "sha256": payload_checksum(payload), "payload": payload}
    text = json.dumps(envelope, ensure_ascii=False, allow_nan=False, indent=1)
    write_atomic(path, text.encode("utf-8") + b"\n", replace=replace)


class NotRegularFile(OSError):
    """A pipe, a socket or a device where a file was expected."""


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file at ``path``.

    Opened without blocking, so that a pipe or a device put where a file is expected (a FIFO
    named ``game.json``) is refused at once instead of waiting forever for a writer: it
    raises :class:`NotRegularFile` (an ``OSError``); a folder raises
    ``IsADirectoryError``; every other failure is the system's ``OSError``.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", os.fspath(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, "Not a regular file (a pipe or a device)", os.fspath(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return handle.read(limit)
    finally:
        if fd >= 0:
            os.close(fd)


def _read_bytes(path: Path) -> bytes:
    try:
        data = read_regular_file(path, MAX_SAVE_BYTES + 1)
        if len(data) > MAX_SAVE_BYTES:
            raise SaveCorrupt(f"the file {path.name} is too large to be a Treaty Table save "
                              f"(over {MAX_SAVE_BYTES // (1024 * 1024)} MB)", path)
        return data
    except FileNotFoundError:
        raise SaveMissing(f"there is no save file at {path}", path) from None
    except IsADirectoryError:
        raise SaveUnreadable(f"{path} is a folder, not a save file", path) from None
    except NotRegularFile:
        raise SaveUnreadable(f"{path} is not a save file (it is a pipe or a device, not a regular file)",
                             path) from None
    except OSError as err:
        raise SaveUnreadable(f"the save file {path.name} could not be read ({err.strerror})", path) from None
    except ValueError:  # a NUL byte in the name
        raise SaveUnreadable("the save file name is not valid", None) from None


_CRASHED = "(the game probably stopped while writing it)"
_LITERALS = ("true", "false", "null")
_NUMBER_PART = re.compile(r"-?[0-9.eE+-]*")


def _looks_cut(text: str, err: json.JSONDecodeError) -> bool:
    """Whether the JSON error is the text simply running out (not garbage in it)."""
    if not text.startswith("{"):
        return False
    if err.msg.startswith("Unterminated string"):
        return True
    rest = text[err.pos:]
    return not rest or any(word.startswith(rest) for word in _LITERALS) or bool(_NUMBER_PART.fullmatch(rest))


def _parse(path: Path, raw: bytes) -> Any:
    """Decode and parse the JSON, telling a cut-off file from a garbled one."""
    body = raw.strip(b"\x00 \t\r\n")  # a crash can leave a zero-filled tail
    if not body:
        raise SaveTruncated(f"the save file {path.name} is empty {_CRASHED}", path)
    cut = SaveTruncated(f"the save file {path.name} is cut off {_CRASHED}", path)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and body.startswith(b"{"):
            raise cut from None  # cut in the middle of a multi-byte character
        raise SaveCorrupt(f"the file {path.name} is not a Treaty Table save (it is not text)", path) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        if _looks_cut(text, err):
            raise cut from None
        raise SaveCorrupt(f"the file {path.name} is not a Treaty Table save (it is not valid JSON)",
                          path) from None
    except (ValueError, RecursionError):  # a number with thousands of digits, nesting thousands deep
        raise SaveCorrupt(f"the file {path.name} is not a Treaty Table save (its JSON is too deep "
                          "or holds an absurdly long number)", path) from None


def _check_envelope(path: Path, document: Any, supported_version: int) -> SaveEnvelope:
    not_ours = f"the file {path.name} is not a Treaty Table save"
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SaveCorrupt(not_ours, path)
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveCorrupt(f"the save file {path.name} is damaged "
                          "(its format version is missing or invalid)", path)
    if version > supported_version:
        raise SaveTooNew(f"this save was written by a newer version of Treaty Table (format {version}); "
                         "update the game to open it", path, version)
    payload, checksum = document.get("payload"), document.get("sha256")
    if not isinstance(payload, dict) or not isinstance(checksum, str):
        raise SaveCorrupt(f"the save file {path.name} is damaged (its payload or checksum is missing)", path)
    try:
        actual = payload_checksum(payload)
    except ValueError:  # NaN or infinity written by hand
        actual = ""
    if actual != checksum.lower():
        raise SaveTampered(f"the save file {path.name} was changed after it was written "
                           "(its checksum does not match), so it cannot be trusted", path)
    return SaveEnvelope(version, payload)


def read_envelope(path: str | os.PathLike[str], supported_version: int = FORMAT_VERSION) -> SaveEnvelope:
    """Read and check a save, keeping its format version (older versions are returned as is)."""
    path = Path(path)
    return _check_envelope(path, _parse(path, _read_bytes(path)), supported_version)


def read_save(path: str | os.PathLike[str], supported_version: int = FORMAT_VERSION) -> dict:
    """The payload of a checked save; raises a :class:`SaveFileError` subclass otherwise."""
    return read_envelope(path, supported_version).payload


# --------------------------------------------------------------------------- autosaves

_AUTOSAVE = re.compile(r"^autosave-(?P<n>\d{4,})(?:-(?P<game>[a-z0-9-]*[0-9a-f]{8})(?P<end>-end)?)?\.json$")
_GAME_KIND = "treaty-table-game"  # = game.session.match.SAVE_KIND (not imported: the store stays generic)

_WRITE_LOCK = threading.Lock()  # one autosave write at a time (numbers and the duplicate check)
_NAME_TRIES = 50  # names tried when other copies of the game on the same folder keep taking the next one

AUTOSAVES_PER_GAME = 5
"""Autosaves kept for each game (the newest ones)."""
AUTOSAVE_LIMIT = 60
"""Autosaves kept in all (the oldest games' go first; see :class:`AutosaveSlots`)."""


def scenario_slug(scenario_id: str) -> str:
    """The scenario part of a game key (and of an autosave's name): the id in lower case,
    other characters as ``-``, at most 24 characters."""
    return re.sub(r"[^a-z0-9]+", "-", scenario_id.lower()).strip("-")[:24].strip("-") or "game"


def game_key(payload: object) -> str | None:
    """Which game an autosave belongs to: ``<scenario slug>-<8 hex digits>``, or None if the
    payload is not a game save.

    A game is its scenario id, seed, options, difficulty and seats (who plays which role:
    what a save records from the start); two games started with all of these the same
    count as one game.  (Autosaves named before the seats were part of the key keep
    their names and are still read; they simply count as other games.)
    """
    if not isinstance(payload, dict) or payload.get("kind") != _GAME_KIND:
        return None
    scenario = payload.get("scenario")
    scenario_id = scenario.get("id") if isinstance(scenario, dict) else None
    if not isinstance(scenario_id, str):
        return None
    try:
        ident = canonical_json([scenario_id, payload.get("seed"), payload.get("options"),
                                payload.get("difficulty", "normal"), payload.get("seats")])
    except (TypeError, ValueError):
        return None
    return f"{scenario_slug(scenario_id)}-{hashlib.sha256(ident.encode('utf-8')).hexdigest()[:8]}"


def autosave_game(name: str | os.PathLike[str]) -> str | None:
    """The game key in an autosave's file name (``autosave-NNNN-<key>[-end].json``), or None
    when the name is not such a name (or an autosave named before games were told apart)."""
    found = _AUTOSAVE.match(Path(name).name)
    return found.group("game") if found else None


def key_slug(key: str) -> str:
    """The scenario slug of a game key (:func:`scenario_slug` of its scenario id)."""
    return key[:-9] if len(key) > 9 and key[-9] == "-" else key


NOTE_KEYS = frozenset({"memos", "quiz"})
"""Payload keys that are notes, not moves (a team's memos): a payload whose notes differ from the
newest autosave of its game, in the same round and phase, replaces it (:meth:`AutosaveSlots.write`)."""


def _notes(payload: object) -> dict:
    return {k: payload[k] for k in NOTE_KEYS if k in payload} if isinstance(payload, dict) else {}


def _has_ended(payload: object) -> bool:
    progress = payload.get("progress") if isinstance(payload, dict) else None
    return isinstance(progress, dict) and progress.get("phase") == "ended"


@dataclass(frozen=True)
class _Autosave:
    number: int
    path: Path
    game: str | None  # None: a file without a game key (older autosaves, non-game payloads)
    ended: bool  # the game had ended when this was written


class AutosaveSlots:
    """Numbered autosaves ``autosave-0001-<game>.json``, ``autosave-0002-<game>.json``... in one folder.

    Numbers only grow across all games, so the newest save is always the highest
    number. ``<game>`` is :func:`game_key` (the scenario id and a short hash of the
    seed, options, difficulty and seats); the name ends in ``-end`` when the game had ended.
    Payloads that are not game saves (and autosaves written before games were told
    apart) are named ``autosave-NNNN.json`` and count as one game.

    What is kept after each write:

    * the newest ``keep`` autosaves of each game;
    * every autosave written when its game had ended (the final one), so a finished
      game's result survives any number of later games;
    * at most ``limit`` files in all: beyond it, first the older autosaves of the
      oldest games go, then the oldest games' last autosaves, oldest first (the file
      just written is never removed).
    """

    def __init__(self, folder: str | os.PathLike[str], keep: int = AUTOSAVES_PER_GAME,
                 limit: int = AUTOSAVE_LIMIT):
        if keep < 1:
            raise ValueError("keep must be at least 1")
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.folder = Path(folder)
        self.keep = keep
        self.limit = limit
        # (path, mtime_ns, size, payload checksum) of the last autosave this object wrote or
        # read: the duplicate check then needs no read while that file is unchanged
        self._known: tuple[Path, int, int, str, bool] | None = None  # (... and whether it holds
        # notes: see _other_notes)

    def _listed(self) -> list[_Autosave]:
        """Autosave files, newest first."""
        try:
            names = os.listdir(self.folder)
        except OSError:  # no folder yet, a file in its place, no permission: no autosaves to list
            return []
        found = [_Autosave(int(m.group("n")), self.folder / name, m.group("game"), bool(m.group("end")))
                 for name in names if (m := _AUTOSAVE.match(name))]
        return sorted(found, key=lambda a: (a.number, a.path.name), reverse=True)

    def entries(self) -> list[Path]:
        """Autosave files, newest first (of every game)."""
        return [a.path for a in self._listed()]

    def games(self) -> dict[str | None, list[Path]]:
        """Autosave files by game (:func:`game_key`; None for unnamed ones), each newest first."""
        out: dict[str | None, list[Path]] = {}
        for a in self._listed():
            out.setdefault(a.game, []).append(a.path)
        return out

    def write(self, payload: dict) -> Path:
        """Write a new autosave atomically, prune old ones, and return its path.

        When the newest autosave of the same game already holds this very payload (the
        same canonical JSON: e.g. the final autosave written twice, or a finished game
        loaded and left again) nothing is written and that autosave's path is returned.
        When the payload only goes on from it in the same round and phase with other notes
        (:data:`NOTE_KEYS`: a team's memo written or deleted, moves made since or not), it is
        written again in place, atomically (:meth:`_other_notes`): notes written every round by
        every team would otherwise push the autosaves of earlier rounds out of the ``keep``.
        """
        with _WRITE_LOCK:
            listed = self._listed()
            game = game_key(payload)
            digest = payload_checksum(payload)
            same = self._same_as_newest(listed, game, digest)
            if same is not None:
                return same
            notes = self._other_notes(listed, game, payload)
            if notes is not None:
                write_save(notes, payload)
                self._remember(notes, digest, bool(_notes(payload)))
                return notes
            suffix = "" if game is None else f"-{game}" + ("-end" if _has_ended(payload) else "")

            def names(number: int = listed[0].number + 1 if listed else 1):
                for _ in range(_NAME_TRIES):  # the next number; after a clash, past the newest listed now
                    yield self.folder / f"autosave-{number:04d}{suffix}.json"
                    now = self._listed()
                    number = max(number, now[0].number if now else 0) + 1

            path = write_save_new(names(), payload, "Every new autosave name was taken (another copy of the "
                                  "game writes here too)")
            self._remember(path, digest, bool(_notes(payload)))
            self._prune(path)
            return path

    def _other_notes(self, listed: list[_Autosave], game: str | None, payload: dict) -> Path | None:
        """The newest autosave of ``game`` if ``payload`` only goes on from it with other notes: the same
        round and phase, its moves the first of the payload's (none taken back since), its notes not the
        payload's. A memo is mostly written after moves made since the round's autosave (the computer's,
        the team's own, another team's): each made a new autosave, and a memo a round from each team pushed
        the autosaves of the earlier rounds out of the ``keep``; that autosave now goes on to the game as
        it is instead. Read only when notes are at stake: the payload has some, or that autosave has (known
        without a read when it is the file last written or read), so a game without memos reads no more."""
        if game is None or _has_ended(payload):
            return None
        newest = next((a for a in listed if a.game == game), None)
        if newest is None or newest.ended:
            return None
        if not _notes(payload):
            known = self._known
            try:
                st = newest.path.stat()
            except OSError:
                return None
            if known is not None and known[:3] == (newest.path, st.st_mtime_ns, st.st_size) and not known[4]:
                return None
        try:
            old = read_save(newest.path)
        except (SaveFileError, TypeError, ValueError, RecursionError):
            return None

        def stage(p: object) -> tuple | None:
            progress = p.get("progress") if isinstance(p, dict) else None
            return (progress.get("round"), progress.get("phase")) if isinstance(progress, dict) else None

        if stage(old) is None or stage(old) != stage(payload):
            return None
        before, now = old.get("actions"), payload.get("actions")
        if not isinstance(before, list) or not isinstance(now, list) or len(before) > len(now):
            return None
        if payload_checksum(before) != payload_checksum(list(now[:len(before)])):
            return None
        return newest.path if payload_checksum(_notes(old)) != payload_checksum(_notes(payload)) else None

    def _same_as_newest(self, listed: list[_Autosave], game: str | None, digest: str) -> Path | None:
        """The newest autosave of ``game`` if its payload's checksum is ``digest`` (read only
        when it is not the unchanged file this object last wrote or read)."""
        newest = next((a for a in listed if a.game == game), None)
        if newest is None:
            return None
        known = self._known
        try:
            st = newest.path.stat()
        except OSError:
            return None
        if known is not None and known[:3] == (newest.path, st.st_mtime_ns, st.st_size):
            return newest.path if known[3] == digest else None
        try:
            old = read_save(newest.path)
            found = payload_checksum(old)
        except (SaveFileError, TypeError, ValueError):  # unreadable: write a fresh one
            return None
        self._known = (newest.path, st.st_mtime_ns, st.st_size, found, bool(_notes(old)))
        return newest.path if found == digest else None

    def _remember(self, path: Path, digest: str, notes: bool) -> None:
        try:
            st = path.stat()
        except OSError:
            self._known = None
            return
        self._known = (path, st.st_mtime_ns, st.st_size, digest, notes)

    def _doomed(self, written: Path | None = None) -> list[Path]:
        """The files the policy (see the class) removes, oldest first."""
        listed = [a if a.ended or a.game is not None or not self._unnamed_ended(a.path)
                  else _Autosave(a.number, a.path, a.game, True) for a in self._listed()]  # newest first
        seen: dict[str | None, int] = {}
        kept: list[_Autosave] = []
        doomed: list[_Autosave] = []
        for a in listed:
            seen[a.game] = seen.get(a.game, 0) + 1
            (kept if seen[a.game] <= self.keep or a.ended or a.path == written else doomed).append(a)
        excess = len(kept) - self.limit
        if excess > 0:  # older autosaves first, then finals and last ones; oldest first in each
            last_of_game: dict[str | None, Path] = {}
            for a in kept:
                last_of_game.setdefault(a.game, a.path)
            protected = {a.path for a in kept if a.ended} | set(last_of_game.values())
            oldest_first = [a for a in reversed(kept) if a.path != written]
            order = ([a for a in oldest_first if a.path not in protected]
                     + [a for a in oldest_first if a.path in protected])
            doomed += order[:excess]
        return [a.path for a in sorted(doomed, key=lambda a: a.number)]

    @staticmethod
    def _unnamed_ended(path: Path) -> bool:
        """Whether an autosave named without its game (``autosave-NNNN.json``, written before
        games were told apart, when no name ended in ``-end``) holds a finished game: its final
        autosave is kept like any other game's, not pruned as an older autosave."""
        try:
            return _has_ended(read_save(path))
        except (SaveFileError, TypeError, ValueError, RecursionError):
            return False

    def _prune(self, written: Path | None = None) -> None:
        for old in self._doomed(written):
            try:
                old.unlink()
            except OSError:  # gone already (another copy of the game), or held open (Windows): next time
                pass
        self._remove_stale_temps()

    def _remove_stale_temps(self) -> None:
        """Remove temp files left by a crash (old enough not to belong to a live write)."""
        cutoff = time.time() - _STALE_TEMP_SECONDS
        for temp in self.folder.glob(f".autosave-*{_TEMP_SUFFIX}"):
            try:
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()
            except OSError:
                pass

    def latest_good(self) -> tuple[Path, dict] | None:
        """The newest autosave that reads cleanly, with its payload; ``None`` if there is none."""
        for path in self.entries():
            try:
                return path, read_save(path)
            except SaveFileError:
                continue
        return None

    def problems(self) -> list[tuple[Path, str]]:
        """Autosaves that cannot be opened, newest first, with the reason."""
        broken = []
        for path in self.entries():
            try:
                read_save(path)
            except SaveFileError as err:
                broken.append((path, str(err)))
        return broken


# --------------------------------------------------------------------------- one writer per folder

class FolderBusy(OSError):
    """Another process holds the folder (see :func:`lock_folder`)."""


def lock_folder(folder: str | os.PathLike[str]):
    """Lock ``folder`` for this process until the returned handle is closed (``.close()``, or
    the process ends, even killed). Raises :class:`FolderBusy` when another process holds it.

    An advisory ``flock`` on the folder itself (no file is left in it); where that is not
    available (Windows, a network drive without locks) the folder is not locked: the handle
    does nothing."""
    try:
        import fcntl
    except ImportError:
        return _NoLock()
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return _NoLock()
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise FolderBusy(errno.EBUSY, "Another process is writing into this folder", os.fspath(folder)) from None
    except OSError:  # no locks on this file system
        os.close(fd)
        return _NoLock()
    return _FolderLock(fd)


class _NoLock:
    def close(self) -> None:
        pass


class _FolderLock:
    def __init__(self, fd: int):
        self._fd = fd

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = -1


# --------------------------------------------------------------------------- where saves live

def user_data_dir() -> Path:
    """The folder for saves and settings: ``$TREATY_TABLE_HOME`` if set, else the platform's.

    A relative ``TREATY_TABLE_HOME`` is taken from the current folder and made absolute, so
    the paths the game prints (``resume with: ... --load PATH``) work from any folder.
    The folder is not created here.
    """
    override = os.environ.get(HOME_ENV, "").strip()
    if override:
        return Path(override).expanduser().absolute()
    return Path(platformdirs.user_data_dir("treaty-table"))
