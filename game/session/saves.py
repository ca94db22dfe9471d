"""Game save files: a match's payload in the checked envelope of :mod:`store`.

Loading checks, in order: the file (truncated, corrupt, tampered, too new - see
:mod:`game.session.store`), that it is a game save, that its scenario can be
found, and that the scenario is the same version and content it was played on.
Each failure is one clear sentence in :class:`SaveFileError`.
"""

from __future__ import annotations

from pathlib import Path

from game.scenarios.loader import content_hash, load_scenario
from game.scenarios.problems import ScenarioError
from game.session.match import SAVE_KIND, Match
from game.session.store import SaveCorrupt, SaveFileError, read_save, write_save


class SaveMismatch(SaveFileError):
    """The save was played on a different scenario version or content."""


def write_game(path: str | Path, payload: dict) -> None:
    write_save(path, payload)


def save_match(match: Match, path: str | Path) -> None:
    write_save(path, match.to_payload())


def read_game_payload(path: str | Path) -> dict:
    payload = read_save(path)
    if payload.get("kind") != SAVE_KIND or not isinstance(payload.get("actions"), list):
        raise SaveCorrupt(f"{path}: this is not a Treaty Table game save")
    return payload


def load_match(path: str | Path, upto: int | None = None) -> Match:
    """Resume a saved game (replaying its actions); raises SaveFileError with the reason."""
    payload = read_game_payload(path)
    info = payload.get("scenario", {})
    ref = info.get("ref") or info.get("id")
    try:
        scenario = load_scenario(ref)
    except ScenarioError as exc:
        raise SaveMismatch(f"{path}: the save needs scenario '{info.get('id')}' version "
                           f"{info.get('version')}, which cannot be loaded: {exc.problems[0].message}")
    if scenario.version != info.get("version") or content_hash(scenario) != info.get("hash"):
        raise SaveMismatch(f"{path}: the save was played on scenario '{info.get('id')}' version "
                           f"{info.get('version')}, but the scenario found now is version "
                           f"{scenario.version} with different content; restore that version to "
                           "resume it")
    try:
        return Match.from_payload(payload, scenario, upto)
    except (ValueError, KeyError, TypeError) as exc:
        raise SaveCorrupt(f"{path}: the save's action record cannot be replayed ({exc})")
