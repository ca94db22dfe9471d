"""Game save files: a match's payload in the checked envelope of :mod:`store`.

Loading checks, in order: the file (truncated, corrupt, tampered, too new - see
:mod:`game.session.store`), that it is a game save whose seed, seats, options and
move records have the right types (a checksum can be recomputed by hand, so the
payload is checked like any untrusted input), that its scenario can be found, that
the scenario is the same version and content it was played on, and that every move
replays legally. Each failure is one clear sentence in :class:`SaveFileError`.

:func:`latest_good_autosave` is what to offer when a load fails (:func:`autosave_hint`
words it: an autosave of the same game, or else of the same scenario; the failed file's
content tells which, or else its name when it is an autosave's; nothing when neither does).

A save records a file-based scenario by its absolute path; an older save's relative
path that is not found from the current folder is also looked for in the save
file's folder (and a moved save's scenario by its file name there).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
import types
from pathlib import Path

from game.ai.player import DIFFICULTIES
from game.engine import actions as A
from game.engine.rules import RULES_EDITION
from game.engine.state import EVENT_MODES
from game.scenarios.loader import content_hash, load_scenario
from game.scenarios.problems import ScenarioError
from game.scenarios.registry import builtin_paths
from game.scenarios.wording import words_only
from game.session.match import SAVE_KIND, Match
from game.session.store import (
    MAX_SAVE_BYTES,
    AutosaveSlots,
    SaveCorrupt,
    SaveFileError,
    autosave_game,
    game_key,
    key_slug,
    read_regular_file,
    read_save,
    scenario_slug,
    user_data_dir,
    write_save,
)

# how a ScenarioChanged message ends when the moves were not tried on the scenario as it is now
CURRENT_OFFER = ", or play its moves again on the scenario as it is now"
FACILITATOR_KEY = "facilitator"  # = game.session.facilitator.KEY (not imported: it imports us)


class SaveMismatch(SaveFileError):
    """The save's scenario cannot be loaded, or is not the one the game was played on."""


class ScenarioChanged(SaveMismatch):
    """The save was played on a different version or content of its scenario.

    ``saved`` and ``found`` are the two versions (as printable text); ``tried`` is True when the
    save's moves were played again on the scenario as it is now (``current_scenario``) and one
    of them was refused (``reason`` says which and why)."""

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None, saved: str = "",
                 found: str = "", tried: bool = False, reason: str = "", builtin: bool = False):
        super().__init__(message, path)
        self.saved, self.found, self.tried, self.reason = saved, found, tried, reason
        self.builtin = builtin  # a built-in scenario: its earlier versions came with earlier releases


def write_game(path: str | Path, payload: dict) -> None:
    write_save(path, payload)


def match_payload(match: Match) -> dict:
    """What a save of ``match`` holds: its moves and, for a facilitated game, the facilitator's
    record (injects, forks), so a game resumed outside the console keeps its injected news."""
    from game.session.facilitator import payload

    return payload(match)


def save_match(match: Match, path: str | Path) -> None:
    write_save(path, match_payload(match))


def _short(value: object, limit: int = 80) -> str:
    """A value from an untrusted save, shown on one short line."""
    text = " ".join(str(value).split())
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _short_path(value: object, limit: int = 80) -> str:
    """A path from an untrusted save on one short line, its file name kept: cut in the middle."""
    text = _short(value, 10 ** 6)
    if len(text) <= limit:
        return text
    head = (limit - 3) // 3
    return text[:head] + "..." + text[len(text) - (limit - 3 - head):]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

_FIELD_CHECKS = {  # annotation (as written in game/engine/actions.py) -> (test, words)
    "str": (lambda v: isinstance(v, str) and not _CONTROL.search(v), "text without control characters"),
    "int": (_is_int, "a whole number"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "int | None": (lambda v: v is None or _is_int(v), "a whole number or null"),
    "tuple[int, ...]": (lambda v: isinstance(v, list) and all(_is_int(x) for x in v), "a list of whole numbers"),
}


def _annotation(ann: object) -> str:
    """A field's annotation as written in the source (``int``, ``int | None``, ``tuple[int, ...]``)."""
    if isinstance(ann, str):
        return ann
    if isinstance(ann, type) and not isinstance(ann, types.GenericAlias):  # 3.10: tuple[int] is a type
        return ann.__name__
    return str(ann)


def _record_problem(record: object) -> str | None:
    """Why one action record is malformed (wrong kind or field types), or None if it is well formed."""
    if not isinstance(record, dict):
        return "it is not a mapping"
    kind = record.get("kind")
    cls = A.ACTION_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        return f"unknown kind of move '{_short(kind, 30)}'"
    for f in dataclasses.fields(cls):
        if f.name not in record:
            continue
        check = _FIELD_CHECKS.get(_annotation(f.type))
        if check is not None and not check[0](record[f.name]):
            return f"its '{f.name}' should be {check[1]}"
    return None


def _check_payload(payload: dict, path: str | Path) -> None:
    """The shape of a game save's payload (types only; the replay checks the moves themselves)."""
    def damaged(what: str) -> SaveCorrupt:
        return SaveCorrupt(f"{path}: the save is damaged ({what})")

    info = payload.get("scenario")
    if not isinstance(info, dict) or not all(isinstance(info.get(k), str) and info.get(k)
                                             for k in ("id", "version", "hash")):
        raise damaged("it does not say which scenario it was played on")
    if "ref" in info and not isinstance(info["ref"], str):
        raise damaged("the scenario reference is not text")
    if not _is_int(payload.get("seed")):
        raise damaged("its seed is not a whole number")
    options = payload.get("options", {})
    if not isinstance(options, dict) or not all(isinstance(v, str) for v in options.values()):
        raise damaged("its options are not readable")
    if options.get("events", "historical") not in EVENT_MODES:
        raise damaged(f"its events option is '{_short(options['events'], 30)}', "
                      f"not one of {', '.join(EVENT_MODES)}")
    seats = payload.get("seats")
    if not isinstance(seats, dict) or not all(isinstance(v, str) for v in seats.values()):
        raise damaged("its seats are not readable")
    if not isinstance(payload.get("difficulty", "normal"), str):
        raise damaged("its difficulty is not text")
    if payload.get("difficulty", "normal") not in DIFFICULTIES:  # shown raw in reports and the terminal
        raise damaged(f"its difficulty is '{_short(payload['difficulty'], 30)}', not one of {', '.join(DIFFICULTIES)}")
    if not isinstance(payload.get("takebacks_off", False), bool):  # (absent: take-backs allowed, as before)
        raise damaged("its take-backs setting (takebacks_off) is not true or false")
    for n, record in enumerate(payload["actions"]):
        why = _record_problem(record)
        if why is not None:
            raise damaged(f"move {n + 1} of its record is not readable: {why}")


def read_game_payload(path: str | Path) -> dict:
    payload = read_save(path)
    if payload.get("kind") != SAVE_KIND or not isinstance(payload.get("actions"), list):
        raise SaveCorrupt(f"{path}: this is not a Treaty Table game save")
    _check_payload(payload, path)
    return payload


def _scenario_location(ref: str, save_path: str | Path) -> str:
    """Where to load a save's scenario from: ``ref`` itself, or, when that file is not
    found (a save from before refs were absolute, or one moved to another computer
    together with its scenario), the same name in the save file's folder."""
    try:
        if ref in builtin_paths() or Path(ref).exists():
            return ref
        folder = Path(save_path).resolve().parent
        rel = Path(ref)
        candidates = ([folder / rel] if not rel.is_absolute() else []) + [folder / rel.name]
        for candidate in candidates:
            if candidate.is_file():
                return os.path.abspath(candidate)
    except (OSError, ValueError):  # a path the system refuses (NUL byte, too long)
        pass
    return ref


def _found(saved: str, now: str) -> str:
    """What the scenario found now is, next to the version a save was played on."""
    return (f"version {_short(now, 30)}" if now != saved else "the same version number but different "
            "content (its file, or the scenario it extends, was changed)")


def scenario_change(info: dict, scenario) -> str | None:
    """How ``scenario`` differs from the one a save was played on (its ``scenario`` record, ``info``):
    None, not at all; "words", in its words only (the save loads as it is); "rules", otherwise."""
    if scenario.version == info.get("version") and content_hash(scenario) == info.get("hash"):
        return None
    return "words" if words_only(info, scenario) else "rules"


def is_builtin_ref(ref: str) -> bool:
    """Whether a save's scenario reference names a built-in scenario (not a file)."""
    try:
        return ref in builtin_paths()
    except OSError:
        return False


def way_back(builtin: bool) -> str:
    """How to get the version a save was played on back: a file can be restored; a built-in
    scenario's earlier versions came with earlier releases of the game."""
    return ("use the release of Treaty Table it was played with (built-in scenarios change with the game) "
            "to resume or replay it" if builtin else "restore that version of the scenario to resume or replay it")


def moves_refused(path: str | Path, scenario_id: str, saved: str, now: str,
                  reason: object, builtin: bool = False) -> ScenarioChanged:
    """The error when a save's moves were played again on its changed scenario and one was refused."""
    why = _short(reason, 200)
    return ScenarioChanged(f"{path}: the save was played on scenario '{_short(scenario_id)}' version "
                           f"{_short(saved, 30)}, and its moves cannot be played again on the scenario as it is "
                           f"now ({_found(saved, now)}): {why}; {way_back(builtin)}", path, _short(saved, 30),
                           _short(now, 30), tried=True, reason=why, builtin=builtin)


def earlier_rules(path: str | Path, reason: object) -> SaveCorrupt:
    """The error when a save of an earlier edition of the rules no longer replays (its scenario unchanged,
    or changed in its words only)."""
    return SaveCorrupt(f"{path}: the save was played under an earlier edition of the rules (an offer to a "
                       "delegation that had passed expired unanswered then; now it is called back to answer), "
                       f"and its moves cannot be replayed under today's rules ({_short(reason, 200)})")


def load_match(path: str | Path, upto: int | None = None, *, current_scenario: bool = False) -> Match:
    """Resume a saved game (replaying its actions); raises SaveFileError with the reason.

    A save whose scenario has changed since (another version, or the same version number with
    other content) loads on it as it is now when only its words changed (names, briefs, notes:
    :func:`game.scenarios.wording.words_only`), the same game move for move, and
    :attr:`Match.reworded_from` names the version it was saved on. Any other change raises
    :class:`ScenarioChanged`, unless ``current_scenario``: then its moves are
    played again on the scenario as it is now, and the game resumes if every one is still legal
    (its events and scores then follow the current version; :attr:`Match.earlier_scenarios`
    records the version it was played on, and later saves of the game keep that record).
    """
    payload = read_game_payload(path)
    info = payload["scenario"]
    ref = info.get("ref") or info["id"]
    needs = f"scenario '{_short(info['id'])}' version {_short(info['version'], 30)}"
    found_at = _scenario_location(ref, path)
    try:
        scenario = load_scenario(found_at)
    except ScenarioError as exc:
        where = "" if ref == info["id"] else f" (from {_short_path(ref)})"
        reason = _short(exc.problems[0].message, 200) if exc.problems else "it has errors"
        raise SaveMismatch(f"{path}: the save needs {needs}{where}, which cannot be loaded: {reason}") from None
    if scenario.id != info["id"]:
        raise SaveMismatch(f"{path}: the save was played on scenario '{_short(info['id'])}', but "
                           f"{_short_path(ref)} holds scenario '{_short(scenario.id)}'")
    change = scenario_change(info, scenario)
    changed, reworded = change is not None, change == "words"  # words only: the same game move for move
    saved, now = _short(info["version"], 30), _short(scenario.version, 30)
    found = _found(info["version"], scenario.version)
    builtin = is_builtin_ref(ref)
    if changed and not current_scenario and not reworded:
        raise ScenarioChanged(f"{path}: the save was played on {needs}, but the scenario found now has "
                              f"{found}; {way_back(builtin)}" + CURRENT_OFFER, path, saved, now, builtin=builtin)
    if found_at != ref:  # found beside the save: later saves of this game record where
        payload["scenario"] = dict(info, ref=found_at)
    try:
        if FACILITATOR_KEY in payload:  # injects by a facilitator are replayed at their place
            from game.session.facilitator import rebuild

            match = rebuild(payload, scenario, upto)
        else:
            match = Match.from_payload(payload, scenario, upto)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        edition = payload.get("rules", 1)
        if _is_int(edition) and edition < RULES_EDITION and (reworded or not changed):  # the rules, not
            raise earlier_rules(path, exc) from None  # the scenario: restoring it would not help
        if changed:
            raise moves_refused(path, info["id"], info["version"], scenario.version, exc, builtin) from None
        raise SaveCorrupt(f"{path}: the save's record of moves cannot be replayed ({_short(exc, 200)})") from None
    if reworded:  # nothing to record: later saves of the game are simply saves on today's version
        match.reworded_from = saved
    elif changed:
        match.earlier_scenarios.append({"version": info["version"], "hash": info["hash"],
                                        "moves": len(match.actions)})  # those played again (``upto``)
    return match


def _resumes(path: Path) -> bool:
    try:
        load_match(path)
    except SaveFileError:
        return False
    return True


def latest_good_autosave(exclude: str | Path | None = None, folder: str | Path | None = None,
                         scenario: str | None = None, game: str | None = None,
                         slug: str | None = None) -> Path | None:
    """The newest autosave that really resumes (file, checksum, scenario and replay all fine).

    ``exclude`` is the save that just failed to load, so it is never offered back (an autosave
    of a scenario that has changed since reads cleanly but does not resume).  ``folder``
    defaults to ``user_data_dir() / "autosaves"``.  ``scenario`` (an id) keeps only autosaves
    of that scenario, ``slug`` (:func:`game.session.store.scenario_slug`, when only an
    autosave's file name tells the scenario) only autosaves of a scenario with that slug;
    ``game`` (:func:`game.session.store.game_key`) prefers that game's autosaves to other
    games of the scenario.  Offer the result after a load fails.
    """
    slots = AutosaveSlots(folder if folder is not None else user_data_dir() / "autosaves")
    skip = os.path.realpath(exclude) if exclude is not None else None

    def wanted(path: Path) -> bool:
        if skip is not None and os.path.realpath(path) == skip:
            return False
        if scenario is None and slug is None:
            return True
        try:
            info = read_save(path).get("scenario")
        except SaveFileError:
            return False
        sid = info.get("id") if isinstance(info, dict) else None
        if not isinstance(sid, str):
            return False
        return (scenario is None or sid == scenario) and (slug is None or scenario_slug(sid) == slug)

    listed = slots.entries()  # newest first; that game's own autosaves ahead of the others
    order = sorted(listed, key=lambda path: autosave_game(path) != game) if game is not None else listed
    for path in order:
        if wanted(path) and _resumes(path):
            return path
    return None


_SCENARIO_ID_TEXT = re.compile(r'"scenario"\s*:\s*\{\s*"id"\s*:\s*"((?:[^"\\]|\\.){1,200})"')
_SEED_TEXT = re.compile(r'"seed"\s*:\s*(-?\d{1,30})\s*,')
_EVENTS_TEXT = re.compile(r'"options"\s*:\s*\{\s*"events"\s*:\s*"([a-z]{1,30})"\s*\}')
_SEATS_TEXT = re.compile(r'"seats"\s*:\s*(\{[^{}]{0,5000}\})')
_DIFFICULTY_TEXT = re.compile(r'"difficulty"\s*:\s*"([a-z]{1,30})"')


def _key_from_text(scenario: str, text: str) -> str | None:
    """The game key of a cut-off save whose text still holds its seed, options, seats and difficulty."""
    seed, events, seats, difficulty = (p.search(text) for p in (_SEED_TEXT, _EVENTS_TEXT, _SEATS_TEXT,
                                                                _DIFFICULTY_TEXT))
    if seed is None or events is None or seats is None or difficulty is None:
        return None
    try:
        seat_map = json.loads(seats.group(1))
    except (ValueError, RecursionError):
        return None
    return game_key({"kind": SAVE_KIND, "scenario": {"id": scenario}, "seed": int(seed.group(1)),
                     "options": {"events": events.group(1)}, "seats": seat_map,
                     "difficulty": difficulty.group(1)})


def _failed_game(path: str | Path) -> tuple[str | None, str | None]:
    """The scenario id and game key of a save that would not load, as far as they can be read
    (a cut-off or edited file often still names its scenario); when the content does not
    tell, an autosave's file name still gives the key (and its scenario slug): then the
    scenario id is None and the key is the name's."""
    scenario, key = _failed_content(path)
    if key is None:
        named = autosave_game(path)
        if named is not None and (scenario is None or scenario_slug(scenario) == key_slug(named)):
            key = named
    return scenario, key


def _failed_content(path: str | Path) -> tuple[str | None, str | None]:
    """The scenario id and game key the content of a failed save still tells."""
    try:
        payload = read_game_payload(path)
        return payload["scenario"]["id"], game_key(payload)
    except SaveFileError:
        pass
    try:
        raw = read_regular_file(path, MAX_SAVE_BYTES)  # never waits on a pipe named like a save
    except (OSError, ValueError):
        return None, None
    text = raw.decode("utf-8", errors="replace")
    try:
        document = json.loads(text)
        payload = document.get("payload") if isinstance(document, dict) else None
        info = payload.get("scenario") if isinstance(payload, dict) else None
        if isinstance(info, dict) and isinstance(info.get("id"), str):
            return info["id"], game_key(payload)
    except (ValueError, RecursionError):
        pass
    found = _SCENARIO_ID_TEXT.search(text)
    if found is None:
        return None, None
    try:
        scenario = json.loads(f'"{found.group(1)}"')
    except ValueError:
        return None, None
    if not isinstance(scenario, str):
        return None, None
    return scenario, _key_from_text(scenario, text)


def _describe_autosave(path: Path) -> str:
    """A few words on an autosave: scenario, seed, round."""
    try:
        payload = read_save(path)
    except SaveFileError:
        return "an autosave"
    info = payload.get("scenario") if isinstance(payload.get("scenario"), dict) else {}
    progress = payload.get("progress") if isinstance(payload.get("progress"), dict) else {}
    rnd = progress.get("round")
    when = ("finished" if progress.get("phase") == "ended"
            else f"round {rnd + 1}" if _is_int(rnd) else "")
    parts = [f"scenario {_short(info.get('id', '?'), 40)}", f"seed {_short(payload.get('seed'), 20)}", when]
    return ", ".join(p for p in parts if p)


def _failure(failed: str | Path) -> SaveFileError | None:
    """Why ``failed`` does not load (None when it does)."""
    try:
        load_match(failed)
    except SaveFileError as exc:
        return exc
    return None


def good_autosave_for(failed: str | Path, error: Exception | None = None) -> tuple[Path | None, str | None]:
    """(the newest autosave of the same game, else of the same scenario, that resumes, or None;
    the failed save's game key, or None). The game and scenario come from the failed file's
    content, or else from its name when it is an autosave's. Nothing is found when neither
    tells the scenario (an autosave of another scenario would be no help), nor when the save
    failed because its scenario changed. ``error`` is the failure (found again when not given)."""
    error = error if error is not None else _failure(failed)
    if isinstance(error, ScenarioChanged):
        return None, None
    scenario, game = _failed_game(failed)
    if scenario is None and game is None:
        return None, None
    slug = key_slug(game) if scenario is None and game is not None else None
    return latest_good_autosave(exclude=failed, scenario=scenario, game=game, slug=slug), game


def current_scenario_hint(failed: str | Path, command: str, error: ScenarioChanged) -> str:
    """The line offering to play a save's moves again on its scenario as it is now, as ``command``
    followed by the save's path and ``--current-scenario``; empty when that was tried already."""
    if error.tried:
        return ""
    now = f"version {error.found}" if error.found and error.found != error.saved else "its current content"
    return (f"To play its moves again on the scenario as it is now ({now}; the game's events and scores then "
            f"follow it): {command} {shlex.quote(str(failed))} --current-scenario")


def autosave_hint(failed: str | Path, command: str, error: SaveFileError | None = None,
                  verb: str | None = None) -> str:
    """One line offering the newest autosave of the same game (or else of the same scenario)
    that resumes, as ``command`` followed by its path; empty when there is none.

    The game and scenario come from the failed file's content, or else from its name when
    it is an autosave's (``autosave-NNNN-<key>[-end].json``).  Nothing is offered when
    neither tells the scenario (an empty file, a folder: an autosave of another scenario
    would be no help), nor when the save failed because its scenario changed (no autosave
    of it brings the old scenario back: the line offers instead to play the save's moves
    again on the scenario as it is now, ``command`` with ``--current-scenario``).  ``error``
    is the failure (found again when not given); ``verb`` defaults to "replay" for a replay
    command and "resume" otherwise.
    """
    error = error if error is not None else _failure(failed)
    if isinstance(error, ScenarioChanged):
        return current_scenario_hint(failed, command, error)
    good, game = good_autosave_for(failed, error)
    if good is None:
        return ""
    about = _describe_autosave(good)
    if game is not None and autosave_game(good) == game:
        about = f"this game, {about}"
    verb = verb or ("replay" if command.split()[-1:] == ["replay"] else "resume")
    return f"The latest good autosave is {good} ({about}); {verb} it with: {command} {shlex.quote(str(good))}"
