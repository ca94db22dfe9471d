"""Many AI-only games, in one or several processes, and their distribution; seats may be
played by your own players, named on the command line as ``module:factory`` or
``file.py:factory`` (``--player``, see :func:`load_factory`).

Each run gets its own seed derived from the master seed and the run number, so
the result does not depend on how the runs are split between workers; results
are gathered in run order, which makes ``--json`` output byte-identical for the
same seed whatever ``--workers`` is.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import os
import re
import sys
import traceback
from collections import Counter
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np

from game.engine import IllegalAction, Options
from game.engine import actions as A
from game.engine import rng as R
from game.scenarios.loader import load_scenario
from game.scenarios.schema import Scenario
from game.session.match import Match
from game.session.parallel import ordered_map, worker_count

_WORKER_SCENARIO: Scenario | None = None


def run_seed(master: int, run: int) -> int:
    return R.derive(master, run, "run") % (2**31)


def play_one(scenario: Scenario, seed: int, events: str = "historical", difficulty: str = "normal",
             seats: dict[str, str] | None = None, scenario_ref: str = "",
             players: dict | None = None) -> Match:
    """One game to its end (or to a human seat's move). ``players`` (actor id -> an object with
    ``choose(view, legal, rng)``) plays those seats with your own players: see :meth:`Match.play`."""
    match = Match(scenario, seed=seed, options=Options(events=events), seats=dict(seats or {}),
                  difficulty=difficulty, scenario_ref=scenario_ref)
    if players:
        match.play(players)
    else:
        match.run_ai()
    return match


# --- your own players on the command line (simulate/strength --player) ----------------------

class PlayerSpecError(ValueError):
    """A ``--player`` spec that does not give a player: the message is one line naming the spec,
    what is wrong and the fix."""


class PlayerError(RuntimeError):
    """A custom player failed during a game (raised, returned something that is not a move, or a
    move the rules refuse): the message is one line naming the spec, the seat, the game and why."""


_FACTORIES: dict[str, Callable] = {}
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


def _to_stderr():
    """While a custom player's code runs (its import, its factory, its ``choose``), what it prints
    goes to standard error: standard output holds only the report, so ``--json`` stays JSON and
    the output is byte-identical with any ``--workers`` (workers print in no fixed order)."""
    return redirect_stdout(sys.stderr)


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _where(exc: BaseException) -> str:
    """'file.py, line 12, in choose': where ``exc`` was raised, in the player's own code when the
    traceback passes through it (the innermost frame not in the game's or Python's own code)."""
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{exc.filename}, line {exc.lineno}"
    frames = traceback.extract_tb(exc.__traceback__)
    skip = tuple(os.path.join(p, "") for p in (str(Path(__file__).resolve().parents[1]), sys.prefix,
                                                 sys.base_prefix)) + ("<frozen",)
    own = [f for f in frames if not f.filename.startswith(skip)]
    if not own:  # raised by the game or by Python itself (e.g. a call with the wrong arguments)
        return ""
    return f"{own[-1].filename}, line {own[-1].lineno}, in {own[-1].name}"


def _beside(exc: ModuleNotFoundError) -> str | None:
    """The file or folder named as the missing module, in the folder of the player's module that
    imported it (a neighbour imported as if it were on ``sys.path``), else None."""
    where = _where(exc)
    if not exc.name or "." in exc.name or not where:
        return None
    folder = Path(where.split(", line ")[0]).parent
    for found in (folder / f"{exc.name}.py", folder / exc.name):
        if found.exists():
            return found.name
    return None


def _describe(exc: BaseException) -> str:
    where = _where(exc)
    message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    text = _one_line(f"{type(exc).__name__}: {message}" if message else type(exc).__name__)
    return f"{text} ({where})" if where else text


def split_spec(spec: str) -> tuple[str, str, bool]:
    """``'pkg.mod:factory'`` or ``'path/to/file.py:factory'`` -> (module or file, factory, is_file);
    :class:`PlayerSpecError` when it has neither form."""
    where, _, name = spec.rpartition(":")
    is_file = where.endswith(".py") or "/" in where or "\\" in where or os.sep in where
    if not where or not _DOTTED.fullmatch(name) or not (is_file or _DOTTED.fullmatch(where)):
        raise PlayerSpecError(f"'{spec}' is not a player: write MODULE:FACTORY or FILE.py:FACTORY, e.g. "
                              "mybots.greedy:GreedyBot or bots/greedy.py:GreedyBot (FACTORY: a class or a "
                              "function returning an object with choose(view, legal, rng))")
    return where, name, is_file


def _import(spec: str, where: str, is_file: bool):
    if is_file:
        path = Path(where).expanduser()
        if not path.is_file():
            raise PlayerSpecError(f"{spec}: there is no file {where}" + (" (it is a folder)" if path.is_dir() else "")
                                  + "; check the path (relative to the current folder)")
        path = path.resolve()
        name = "treaty_table_player_" + hashlib.sha1(str(path).encode()).hexdigest()[:12]
        if name in sys.modules:
            return sys.modules[name]
        module_spec = importlib.util.spec_from_file_location(name, path)
        if module_spec is None or module_spec.loader is None:
            raise PlayerSpecError(f"{spec}: {where} cannot be loaded as Python code; name a .py file")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module  # as an import does (dataclasses and pickling look it up)
        folder = str(path.parent)
        if folder not in sys.path:  # its own helper modules, beside it, can be imported
            sys.path.append(folder)
        try:
            with _to_stderr():
                module_spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
        return module
    if "" not in sys.path and os.getcwd() not in sys.path:  # as python -m does: the current folder too
        sys.path.append(os.getcwd())
    with _to_stderr():
        return importlib.import_module(where)


def load_factory(spec: str) -> Callable:
    """The factory a ``--player`` spec names, imported once per process (so in each worker too).
    Raises :class:`PlayerSpecError` with a one-line message."""
    where, name, is_file = split_spec(spec)
    key = f"{Path(where).expanduser().resolve()}:{name}" if is_file else spec  # a file: wherever run from
    found = _FACTORIES.get(key)
    if found is not None:
        return found
    try:
        module = _import(spec, where, is_file)
    except PlayerSpecError:
        raise
    except ModuleNotFoundError as exc:
        if not is_file and exc.name and (where == exc.name or where.startswith(exc.name + ".")):
            raise PlayerSpecError(f"{spec}: no module named '{exc.name}'; check the name, and run from the "
                                  "folder that holds it or add that folder to PYTHONPATH (or give the "
                                  "file: path/to/file.py:FACTORY)") from None
        beside = _beside(exc) if not is_file and "." in where else None
        if beside is not None:  # `import helper` in a package's module: Python looks in sys.path, not beside it
            package = where.rpartition(".")[0]
            raise PlayerSpecError(f"{spec}: importing {where} failed: {_describe(exc)}; {beside} is beside it, "
                                  f"but a module of a package imports its neighbours as {package}.{exc.name} "
                                  f"(or: from . import {exc.name}); or give the file instead, "
                                  f"{where.replace('.', '/')}.py:{name}, whose folder is searched") from None
        raise PlayerSpecError(f"{spec}: importing {where} failed: {_describe(exc)}; install the missing "
                              "module or fix the import") from None
    except (Exception, SystemExit) as exc:
        raise PlayerSpecError(f"{spec}: importing {where} failed: {_describe(exc)}; fix the module "
                              "and try again") from None
    factory = module
    for part in name.split("."):
        if not hasattr(factory, part):
            defined = [k for k, v in vars(module).items() if not k.startswith("_") and callable(v)
                       and getattr(v, "__module__", None) == module.__name__]
            listed = f"; it defines {', '.join(defined[:8])}" if defined else ""
            raise PlayerSpecError(f"{spec}: {where} has no '{name}'{listed}; give the name of the class or "
                                  "function that makes your player")
        factory = getattr(factory, part)
    if not callable(factory):
        if callable(getattr(factory, "choose", None)):
            raise PlayerSpecError(f"{spec}: {name} is a player object, not a factory; name its class (or a "
                                  "function returning a new player): a fresh player is made for every game")
        raise PlayerSpecError(f"{spec}: {name} is not callable (it is of type {type(factory).__name__}); name a class "
                              "or a function returning an object with choose(view, legal, rng)")
    _FACTORIES[key] = factory
    return factory


def new_player(spec: str):
    """A fresh player from ``spec``'s factory, called with no arguments; :class:`PlayerSpecError`
    when the call fails or gives no object with ``choose(view, legal, rng)``."""
    factory = load_factory(spec)
    name = spec.rpartition(":")[2]
    try:
        with _to_stderr():
            player = factory()
    except (Exception, SystemExit) as exc:
        if isinstance(exc, TypeError) and _is_choose_function(factory, name):
            raise PlayerSpecError(f"{spec}: {name} looks like a choose(view, legal, rng) function, but SPEC names "
                                  "the factory that makes a player: put choose in a class (class Bot: def "
                                  "choose(self, view, legal, rng): ...) and name the class, e.g. "
                                  f"{spec.rpartition(':')[0]}:Bot") from None
        raise PlayerSpecError(f"{spec}: calling {name}() failed: {_describe(exc)}; the factory is called "
                              "with no arguments, once per game") from None
    if not callable(getattr(player, "choose", None)):
        raise PlayerSpecError(f"{spec}: {name}() gave {_one_line(repr(player), 60)}, which has no "
                              "choose(view, legal, rng) method; return an object that has one")
    return player


def _is_choose_function(factory, name: str) -> bool:
    """Is ``factory`` a plain ``choose(view, legal, rng)`` function (a player's method written
    without its class), rather than a factory?"""
    if inspect.isclass(factory):
        return False
    try:
        params = list(inspect.signature(factory).parameters)
    except (TypeError, ValueError):
        return False
    return name.rpartition(".")[2] == "choose" or "view" in params


class GuardedPlayer:
    """A custom player as simulate and strength seat it: its failures become a one-line
    :class:`PlayerError` naming the spec, the seat and the game (run number and seed)."""

    def __init__(self, spec: str, player, seat: str, game: str):
        self.spec, self.player, self.seat, self.game = spec, player, seat, game

    def choose(self, view, legal, rng):
        try:
            with _to_stderr():
                action = self.player.choose(view, legal, rng)
        except (Exception, SystemExit) as exc:  # sys.exit() in a worker would leave its game waiting
            raise PlayerError(f"{self.spec} (playing {self.seat}) raised {_describe(exc)} in {self.game}, "
                              f"round {view.state_round + 1}; fix the player and run again") from None
        if not isinstance(action, A.Action):
            raise PlayerError(f"{self.spec} (playing {self.seat}) returned {_one_line(repr(action), 80)} in "
                              f"{self.game}, round {view.state_round + 1}, which is not a move: return an action "
                              "of game.engine.actions (e.g. Pass(view.me))")
        reason = legal(action)
        if reason is not None:
            raise PlayerError(f"{self.spec} (playing {self.seat}) chose {_one_line(repr(action), 120)} in "
                              f"{self.game}, round {view.state_round + 1}, which the rules refuse: "
                              f"{_one_line(reason)}; check a move with legal(action) before returning it")
        return action


def custom_players(specs: dict[str, str], game: str) -> dict[str, GuardedPlayer]:
    """seat -> a fresh, guarded player for one game (``game`` says which, for error messages)."""
    out = {}
    for seat, spec in specs.items():
        try:
            out[seat] = GuardedPlayer(spec, new_player(spec), seat, game)
        except PlayerSpecError as exc:
            raise PlayerError(f"{exc} (in {game})") from None
    return out


def play_custom(scenario: Scenario, seed: int, events: str, difficulty: str, seats: dict[str, str] | None,
                ref: str, specs: dict[str, str], game: str) -> Match:
    """:func:`play_one` with the seats of ``specs`` (seat -> spec) played by fresh players made from
    those specs; a move the rules refuse stops the game with a :class:`PlayerError`."""
    players = custom_players(specs, game)
    seats = {**(seats or {}), **{seat: "human" for seat in players}}
    try:
        match = play_one(scenario, seed, events, difficulty, seats, ref, players)
    except IllegalAction as exc:  # GuardedPlayer checks first; this is only a safety net
        raise PlayerError(f"{_one_line(str(exc))} (in {game})") from None
    match.bots = dict(specs)  # the save records the seats as human (their moves are in it) and who played them
    return match


def summarise(match: Match) -> dict:
    r = match.result()
    return {
        "seed": match.seed, "tightness": r.treaty.tightness, "depth": r.treaty.depth,
        "breadth": r.treaty.breadth, "label": r.treaty.label, "sequencing": r.treaty.sequencing,
        "signed": list(r.treaty.signatories), "scores": {k: v.score for k, v in r.roles.items()},
    }


def game_row(match: Match) -> dict:
    """One game for the per-game file (``simulate --games``): :func:`summarise` plus cohesion,
    entry into force and the final text (the level id of every issue)."""
    r = match.result()
    issues = match.scenario.issues
    return {**summarise(match), "cohesion": r.treaty.cohesion, "in_force": r.treaty.in_force,
            "levels": {issue.id: issue.levels[lv].id for issue, lv in zip(issues, r.levels)}}


def _init(ref: str, specs: tuple[str, ...] = ()) -> None:
    global _WORKER_SCENARIO
    _WORKER_SCENARIO = load_scenario(ref)
    for spec in specs:  # imported in each worker from the spec string (checked before the games)
        load_factory(spec)


def _job(args: tuple) -> tuple[dict, dict | None]:
    ref, seed, events, difficulty, seats, want_save, want_row, specs, run = args
    if specs:
        match = play_custom(_WORKER_SCENARIO, seed, events, difficulty, seats, ref, dict(specs),
                            f"game {run} (seed {seed})")
    else:
        match = play_one(_WORKER_SCENARIO, seed, events, difficulty, seats, ref)
    payload = match.to_payload() if want_save else None
    return (game_row(match) if want_row else summarise(match)), payload


def simulate(ref: str, runs: int, seed: int, events: str = "historical", difficulty: str = "normal",
             workers: int = 1, save_dir: Path | None = None, seats: dict[str, str] | None = None,
             progress: Callable[[int, int], None] | None = None, rows: list[dict] | None = None,
             players: dict[str, str] | None = None) -> dict:
    """Play ``runs`` games (AI-only, unless ``seats`` or ``players`` say otherwise) and return the
    aggregate report (a JSON-able dict). A ``rows`` list is filled with every game's
    :func:`game_row`, in run order. ``players`` (seat -> spec, ``module:factory`` or
    ``file.py:factory``) plays those seats with your own players, a fresh one per game: see
    :func:`new_player`; a failing player raises :class:`PlayerError`, a bad spec
    :class:`PlayerSpecError`, before any game is played."""
    scenario = load_scenario(ref)
    given = dict(players or {})
    players = {a.id: given[a.id] for a in scenario.actors if a.id in given}  # in the scenario's order
    unknown = set(given) - set(players)
    if unknown:
        raise ValueError(f"no such role(s) in this scenario: {', '.join(sorted(unknown))}")
    for spec in players.values():
        new_player(spec)  # a bad spec stops here, before any game, with its one-line reason
    specs = tuple(players.items())
    jobs = [(ref, run_seed(seed, n), events, difficulty, seats, save_dir is not None, rows is not None, specs,
             n + 1) for n in range(runs)]
    results = []
    if save_dir is not None:
        save_dir.mkdir(parents=True, exist_ok=True)
    chunksize = min(50, runs // (worker_count(workers, runs) * 8) or 1)
    with ordered_map(_job, jobs, workers, _init, (ref, tuple(players.values())), chunksize) as iterator:
        for n, (summary, payload) in enumerate(iterator):
            results.append(summary)
            if rows is not None:
                rows.append({"run": n + 1, **summary})
            if payload is not None:
                from game.session.saves import write_game

                write_game(save_dir / f"game-{n + 1:05d}.json", payload)
            if progress:
                progress(n + 1, runs)
    report = aggregate(scenario, results, seed, events, difficulty)
    report["players"] = players  # seat -> spec of the seats your own players played ({}: none)
    return report


def _quantiles(values: list[float]) -> dict:
    arr = np.array(values, dtype=float)
    if arr.size == 0:
        return {"mean": 0.0, "p10": 0.0, "p50": 0.0, "p90": 0.0}
    return {"mean": round(float(arr.mean()), 4),
            **{f"p{q}": round(float(np.percentile(arr, q)), 4) for q in (10, 50, 90)}}


def aggregate(scenario: Scenario, results: list[dict], seed: int, events: str, difficulty: str) -> dict:
    runs = len(results) or 1
    actor_ids = [a.id for a in scenario.actors]
    signed = Counter(a for r in results for a in r["signed"])
    groups = Counter(tuple(r["signed"]) for r in results)
    return {
        "scenario": scenario.id, "version": scenario.version, "runs": len(results), "seed": seed,
        "events": events, "difficulty": difficulty,
        "outcomes": {
            "tightness": _quantiles([r["tightness"] for r in results]),
            "depth": _quantiles([r["depth"] for r in results]),
            "breadth": _quantiles([r["breadth"] for r in results]),
            "labels": dict(sorted(Counter(r["label"] for r in results).items())),
            "sequencing": dict(sorted(Counter(str(r["sequencing"]) for r in results).items())),
            "signed": {a: round(signed[a] / runs, 4) for a in actor_ids},
            "signatory_sets": [{"signed": list(k), "share": round(v / runs, 4)}
                               for k, v in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
        },
        "role_scores": {a: round(float(np.mean([r["scores"][a] for r in results])), 2)
                        if results else 0.0 for a in actor_ids},
    }


def games_text(scenario: Scenario, rows: list[dict], jsonl: bool = False) -> str:
    """The per-game file of ``simulate --games``: one row per game in run order, as CSV (a
    header, then one column per value: ``signed_<actor>`` is 1 or 0, ``score_<actor>`` the
    role score, ``text_<issue>`` the level id of the final text) or, with ``jsonl``, as
    JSON Lines (one object per game, with ``signed``, ``scores`` and ``levels`` nested)."""
    import csv
    import io
    import json

    def num(x: float) -> float:
        return round(float(x), 6)

    actors, issues = [a.id for a in scenario.actors], [i.id for i in scenario.issues]
    records = [{"run": r["run"], "seed": r["seed"], "tightness": num(r["tightness"]),
                "depth": num(r["depth"]), "breadth": num(r["breadth"]), "cohesion": num(r["cohesion"]),
                "label": r["label"], "in_force": bool(r["in_force"]), "sequencing": r["sequencing"],
                "signatories": len(r["signed"]),
                "signed": list(r["signed"]), "scores": {a: num(r["scores"][a]) for a in actors},
                "levels": dict(r["levels"])} for r in rows]
    if jsonl:
        return "".join(json.dumps(rec, sort_keys=False) + "\n" for rec in records)
    out = io.StringIO()
    head = ["run", "seed", "tightness", "depth", "breadth", "cohesion", "label", "in_force", "sequencing",
            "signatories"]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head + [f"text_{i}" for i in issues] + [f"signed_{a}" for a in actors]
                    + [f"score_{a}" for a in actors])
    for rec in records:
        writer.writerow([rec[k] if k not in ("in_force", "sequencing") else
                         (int(rec[k]) if k == "in_force" else rec[k] or "") for k in head]
                        + [rec["levels"][i] for i in issues] + [int(a in rec["signed"]) for a in actors]
                        + [rec["scores"][a] for a in actors])
    return out.getvalue()
