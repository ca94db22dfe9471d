"""When the game fails: a log file with the traceback, and a safe move to carry on.

The window catches every exception at the top of its loop, autosaves the match,
writes a log with :func:`write_crash_log` (``user_data_dir()/"logs"``) and shows
its path. An exception in an AI turn is raised as :class:`AITurnError`, so the
game can carry on with :func:`fallback_action` for that seat (a pass, or at the
summit a declined signature) instead of asking the failing AI again.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sys
import traceback
from pathlib import Path

from game.engine import actions as A

KEEP_LOGS = 50


class AITurnError(RuntimeError):
    """The AI failed while choosing or making the move of ``actor`` (the cause is chained)."""

    def __init__(self, actor: str, cause: BaseException | None = None):
        what = f"{type(cause).__name__}: {cause}" if cause is not None else "an error"
        super().__init__(f"the AI playing '{actor}' failed ({what})")
        self.actor = actor


def logs_dir() -> Path:
    from game.session.store import user_data_dir

    return user_data_dir() / "logs"


def _describe(match) -> list[str]:
    if match is None:
        return ["match: none"]
    try:
        st = match.state
        return [f"scenario: {match.scenario.id} v{match.scenario.version} ({match.scenario_ref})",
                f"seed: {match.seed}  events: {match.options.events}  difficulty: {match.difficulty}",
                f"seats: {dict(match.seats)}",
                f"actions: {len(match.actions)}  round: {st.round + 1}  phase: {st.phase}  to move: {match.to_move}"]
    except Exception as exc:  # describing a broken match must not fail in turn
        return [f"match: (cannot be described: {exc!r})"]


def crash_report(exc: BaseException, context: str = "", match=None, notes: list[str] | None = None,
                 now: _dt.datetime | None = None) -> str:
    """The text of a crash log: when, where, the match, and the full traceback (causes included)."""
    now = now or _dt.datetime.now()
    try:
        from importlib.metadata import version

        game_version = version("treaty-table")
    except Exception:
        game_version = "unknown"
    lines = [
        "Treaty Table crash log",
        f"time: {now.isoformat(timespec='seconds')}",
        f"where: {context or 'unknown'}",
        f"error: {type(exc).__name__}: {exc}",
        f"treaty-table {game_version}, Python {sys.version.split()[0]}, {platform.platform()}",
        *_describe(match),
        *(notes or []),
        "",
        "traceback:",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip(),
        "",
    ]
    return "\n".join(lines)


def write_crash_log(exc: BaseException, context: str = "", match=None, notes: list[str] | None = None,
                    folder: str | os.PathLike[str] | None = None, now: _dt.datetime | None = None) -> Path:
    """Write a crash log (``crash-YYYYmmdd-HHMMSS.log``) and return its path; old logs are pruned."""
    from game.session.store import make_folder, write_atomic

    now = now or _dt.datetime.now()
    folder = Path(folder) if folder is not None else logs_dir()
    make_folder(folder)
    path = folder / f"crash-{now:%Y%m%d-%H%M%S}.log"
    n = 2
    while path.exists():
        path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{n}.log"
        n += 1
    write_atomic(path, crash_report(exc, context, match, notes, now).encode("utf-8"))
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    try:
        logs = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in logs[KEEP_LOGS:]:
        try:
            old.unlink()
        except OSError:
            pass


def fallback_action(match, actor: str | None = None) -> A.Action | None:
    """A move that is always legal for the seat to move: pass (diplomacy) or decline (the summit).

    None when the game is over or ``actor`` is not the one to move any more. At the summit
    the chair has to put a draft to signature first: it puts the newest draft.
    """
    if match.over:
        return None
    who = match.to_move
    if who is None or (actor is not None and who != actor):
        return None
    st = match.state
    if st.phase == "signing":
        if st.on_table is None and st.drafts:
            return A.PutToSignature(who, draft=st.drafts[-1].id)
        return A.Sign(who, sign=False)
    return A.Pass(who)
