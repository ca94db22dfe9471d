"""Benchmark 1: AI-only games of the seed scenario.

* ``games_per_second``: full AI-only games of cst-1999 in this one process
  (``Match`` + ``run_ai``, seeds 1, 2, ...), after one warm-up game.
* ``simulate_wall``: wall time of ``game.session.simulate.simulate`` (what
  ``treaty-table simulate --runs N --workers W`` runs) for 1 and 2 workers. With
  fewer runs than the target (``--quick``) the time is extrapolated linearly to
  the target and marked ``extrapolated``; the pool's start-up is then scaled too,
  which slightly overstates the extrapolated figure.

Run alone: ``python -m bench.games [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import time

from bench.common import SEED_SCENARIO, ensure_repo_on_path, load_seed_scenario, summary, timed_game

SIM_TARGET_RUNS = 10_000


def games_per_second(min_seconds: float = 5.0, min_games: int = 20, max_games: int = 2000) -> dict:
    scenario = load_seed_scenario()
    timed_game(scenario, 0)  # warm-up: imports, caches of the public models
    games, t0 = [], time.perf_counter()
    seed = 1
    while (time.perf_counter() - t0 < min_seconds or len(games) < min_games) and len(games) < max_games:
        games.append(timed_game(scenario, seed))
        seed += 1
    wall = time.perf_counter() - t0
    decisions = sum(g["decisions"] for g in games)
    decide = sum(g["decide_s"] for g in games)
    return {
        "scenario": SEED_SCENARIO,
        "games": len(games),
        "wall_s": wall,
        "games_per_s": len(games) / wall,
        "game_s": summary([g["game_s"] for g in games]),
        "game_cpu_s": summary([g["game_cpu_s"] for g in games]),
        "decisions_per_game": decisions / len(games),
        "decision_mean_s": decide / decisions if decisions else None,
        "decision_share": decide / sum(g["game_s"] for g in games),
        "decision_max_s": max(g["decision_max_s"] for g in games),
    }


def simulate_wall(runs: int, workers: int, target_runs: int = SIM_TARGET_RUNS, seed: int = 1) -> dict:
    from game.session.simulate import simulate

    t0 = time.perf_counter()
    report = simulate(SEED_SCENARIO, runs=runs, seed=seed, workers=workers)
    wall = time.perf_counter() - t0
    assert report["runs"] == runs
    extrapolated = runs != target_runs
    return {
        "runs": runs,
        "workers": workers,
        "wall_s": wall,
        "target_runs": target_runs,
        "extrapolated": extrapolated,
        "wall_s_at_target": wall * target_runs / runs,
        "runs_per_s": runs / wall,
    }


def main(argv: list[str] | None = None) -> None:
    ensure_repo_on_path()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--sim-runs", type=int, default=None)
    args = ap.parse_args(argv)
    runs = args.sim_runs or (400 if args.quick else SIM_TARGET_RUNS)
    out = {
        "games": games_per_second(2.0 if args.quick else 5.0),
        "simulate": [simulate_wall(runs, w) for w in (1, 2)],
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
