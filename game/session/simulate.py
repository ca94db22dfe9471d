"""Many AI-only games, in one or several processes, and their distribution.

Each run gets its own seed derived from the master seed and the run number, so
the result does not depend on how the runs are split between workers; results
are gathered in run order, which makes ``--json`` output byte-identical for the
same seed whatever ``--workers`` is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from game.engine import Options
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


def _init(ref: str) -> None:
    global _WORKER_SCENARIO
    _WORKER_SCENARIO = load_scenario(ref)


def _job(args: tuple) -> tuple[dict, dict | None]:
    ref, seed, events, difficulty, seats, want_save, want_row = args
    match = play_one(_WORKER_SCENARIO, seed, events, difficulty, seats, ref)
    return (game_row(match) if want_row else summarise(match)), (match.to_payload() if want_save else None)


def simulate(ref: str, runs: int, seed: int, events: str = "historical", difficulty: str = "normal",
             workers: int = 1, save_dir: Path | None = None, seats: dict[str, str] | None = None,
             progress: Callable[[int, int], None] | None = None, rows: list[dict] | None = None) -> dict:
    """Play ``runs`` AI-only games and return the aggregate report (a JSON-able dict). A
    ``rows`` list is filled with every game's :func:`game_row`, in run order."""
    scenario = load_scenario(ref)
    jobs = [(ref, run_seed(seed, n), events, difficulty, seats, save_dir is not None, rows is not None)
            for n in range(runs)]
    results = []
    if save_dir is not None:
        save_dir.mkdir(parents=True, exist_ok=True)
    chunksize = min(50, runs // (worker_count(workers, runs) * 8) or 1)
    with ordered_map(_job, jobs, workers, _init, (ref,), chunksize) as iterator:
        for n, (summary, payload) in enumerate(iterator):
            results.append(summary)
            if rows is not None:
                rows.append({"run": n + 1, **summary})
            if payload is not None:
                from game.session.saves import write_game

                write_game(save_dir / f"game-{n + 1:05d}.json", payload)
            if progress:
                progress(n + 1, runs)
    return aggregate(scenario, results, seed, events, difficulty)


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
