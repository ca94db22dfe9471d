"""Is a changed scenario changed only in its words?  Then a save made on it still loads.

A save records the scenario it was played on by version and content hash (of the file's bytes),
and refuses to resume silently on anything else (:func:`game.session.saves.load_match`). Most
updates of a scenario only mend its words: a name, a brief, a note, a news item's text, a source.
Those change nothing a move or a score depends on, so the save's moves replay exactly as they
were played, and asking the player whether to "play the moves again" would only alarm them.

:func:`rules_hash` hashes everything in a scenario except its words (:data:`WORDS`), so two
versions with the same rules hash play the same game move for move. A save records the rules
hash of its scenario (``scenario.rules_hash``); for saves made before it did, the built-in
scenarios ship the rules hash of every version they have had (``scenarios/past-versions.json``,
by content hash, made from the project's git history by ``python -m game.scenarios.wording``).

Only fields that are nothing but words for people to read are left out. Ids, numbers, dates,
levels, red lines, effects, the order of every list, a delegation's initials and colour (shown
on badges, part of a draft's default title), the schema version and the treaty's history all
count, so a change to any of them still asks first.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from game.scenarios import schema as S

# the algorithm's tag: a save or table made with another definition never matches by accident
TAG = "r2"
PAST_FILE = "past-versions.json"

WORDS: dict[type, frozenset[str]] = {
    S.Scenario: frozenset({"schema_", "version", "title", "subtitle", "description", "length",
                           "source_document", "sources", "quiz"}),
    S.Level: frozenset({"name", "description"}),
    S.Issue: frozenset({"name", "description", "note"}),
    S.Delegate: frozenset({"name", "title", "note"}),
    S.Position: frozenset({"note"}),
    S.RedLine: frozenset({"note"}),
    S.OfferKind: frozenset({"name", "description", "note"}),
    S.Objective: frozenset({"description"}),
    S.Actor: frozenset({"name", "public_profile", "confidential", "sources", "notes"}),
    S.Event: frozenset({"title", "text", "source"}),
    S.Round: frozenset({"name", "place", "description", "source"}),
    S.DrawOption: frozenset({"label", "note"}),
    S.HiddenDraw: frozenset({"description", "reveal"}),
    S.InitialDraft: frozenset({"title"}),
    S.History: frozenset({"summary", "notes", "sources"}),
    S.NonParty: frozenset({"name", "note"}),
}


def _plain(value: object) -> object:
    if isinstance(value, BaseModel):
        skip = WORDS.get(type(value), frozenset())
        if isinstance(value, S.Effect) and value.field == "delegate":  # the name of who now sits at the
            skip = skip | {"value"}  # table: words, as the first delegate's name is (the engine shows it)
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields if name not in skip}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # a number by its value: 60 (a default, or a file's 60) is 60.0
    return value


# the last few scenarios hashed (id -> (the scenario, its hash)): a game's every autosave records the
# hash, which takes about 3 ms for cst-1999. The entry holds the scenario itself, so its id is not reused
_RECENT: dict[int, tuple[S.Scenario, str]] = {}
_RECENT_LOCK = threading.Lock()


def rules_hash(scenario: S.Scenario) -> str:
    """A hash of everything in ``scenario`` that a move or a score can depend on (all but its words)."""
    known = _RECENT.get(id(scenario))
    if known is not None and known[0] is scenario:  # scenarios are frozen models
        return known[1]
    text = json.dumps(_plain(scenario), sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    result = f"{TAG}:{hashlib.sha256(text.encode()).hexdigest()}"
    with _RECENT_LOCK:  # the window's autosave thread hashes too: two evicting the same oldest entry
        if len(_RECENT) >= 8:  # at once, one raised KeyError
            del _RECENT[next(iter(_RECENT))]
        _RECENT[id(scenario)] = (scenario, result)
    return result


@lru_cache(maxsize=1)
def past_versions() -> dict[str, dict[str, dict[str, str]]]:
    """The built-in scenarios' earlier versions: id -> content hash -> {"version", "rules"}; empty
    when the table is missing or unreadable (saves from before ``rules_hash`` then ask first, as
    they always did)."""
    from game.scenarios.registry import data_dir

    try:
        data = json.loads((data_dir("scenarios") / PAST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("scenarios"), dict):
        return {}
    return {sid: {h: e for h, e in versions.items() if isinstance(e, dict) and isinstance(e.get("rules"), str)}
            for sid, versions in data["scenarios"].items() if isinstance(versions, dict)}


def saved_rules(info: dict) -> str | None:
    """The rules hash of the scenario a save was played on: recorded in the save, or else (a save
    from before saves recorded it) the built-in scenario's table of past versions; None if unknown."""
    given = info.get("rules_hash")
    if isinstance(given, str) and given:
        return given
    entry = past_versions().get(str(info.get("id")), {}).get(str(info.get("hash")))
    return entry["rules"] if entry else None


def words_only(info: dict, scenario: S.Scenario) -> bool:
    """True when the scenario a save was played on (its ``scenario`` record, ``info``) differs from
    ``scenario`` in words only, so the save's moves replay on it exactly as they were played."""
    saved = saved_rules(info)
    return saved is not None and info.get("id") == scenario.id and saved == rules_hash(scenario)


# --------------------------------------------------------------------------- making the table (in a checkout)

def _git(root: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True).stdout


def _versions_at(files: dict[str, bytes]) -> dict[str, tuple[str, str, str]]:
    """id -> (content hash, version, rules hash) of the built-in scenarios in ``files`` (file name ->
    bytes, one commit's scenarios/ folder), loaded with today's loader from a temporary folder
    (``extends`` of a built-in id finds the file of the same commit). A version today's loader
    refuses is left out: its saves ask first."""
    from unittest import mock

    from game.scenarios import registry
    from game.scenarios.loader import content_hash, load_scenario
    from game.scenarios.problems import ScenarioError

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, raw in files.items():
            (Path(tmp) / name).write_bytes(raw)
            paths[Path(name).stem] = Path(tmp) / name
        def given() -> dict[str, Path]:
            return dict(paths)

        with mock.patch.object(registry, "builtin_paths", given), \
                mock.patch("game.scenarios.paths.builtin_paths", given), \
                mock.patch("game.scenarios.loader.builtin_paths", given):
            for sid, path in sorted(paths.items()):
                try:
                    sc = load_scenario(str(path))
                except (ScenarioError, ValueError, OSError):
                    continue
                out[sid] = (content_hash(sc), sc.version, rules_hash(sc))
    return out


def make_table(root: Path) -> dict:
    """The table of :func:`past_versions` from every commit of ``root``'s git history that changed
    ``scenarios/``, and the working tree's files (the versions about to be committed)."""
    table: dict[str, dict[str, dict[str, str]]] = {}

    def add(files: dict[str, bytes]) -> None:
        for sid, (chash, version, rules) in _versions_at(files).items():
            table.setdefault(sid, {})[chash] = {"version": version, "rules": rules}

    commits = _git(root, "rev-list", "--reverse", "HEAD", "--", "scenarios").decode().split()
    for commit in commits:
        names = _git(root, "ls-tree", "--name-only", f"{commit}:scenarios").decode().split("\n")
        add({n: _git(root, "show", f"{commit}:scenarios/{n}") for n in names if n.endswith(".yaml")})
    add({p.name: p.read_bytes() for p in sorted((root / "scenarios").glob("*.yaml"))})
    return {"about": "Rules hashes of every version of the built-in scenarios, by content hash: a save "
                     "of a version whose rules hash equals today's loads without asking. Made by "
                     "'python -m game.scenarios.wording' in a git checkout; do not edit by hand.",
            "algorithm": TAG,
            "scenarios": {sid: dict(sorted(v.items(), key=lambda kv: (kv[1]["version"], kv[0])))
                          for sid, v in sorted(table.items())}}


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists() or not (root / "scenarios").is_dir():
        print("error: run this in a git checkout of Treaty Table (it reads the history of scenarios/)",
              file=sys.stderr)
        return 2
    table = make_table(root)
    out = root / "scenarios" / PAST_FILE
    text = json.dumps(table, indent=1, ensure_ascii=False) + "\n"
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)
    count = sum(len(v) for v in table["scenarios"].values())
    print(f"{out}: {count} versions of {len(table['scenarios'])} scenarios")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
