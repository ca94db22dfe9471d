"""How strong is the AI? Each seat played by the AI, a random player and a passive one.

For every role, the same seeded games are played three times with only that seat's
player changed (every other seat is the default AI); the mean role score of the
seat under each player is reported. Used by ``treaty-table strength`` and the tests.
"""

from __future__ import annotations

import multiprocessing as mp

import numpy as np

from game.scenarios.loader import load_scenario
from game.session.simulate import play_one, run_seed

PLAYERS = ("ai", "random", "passive")
_SC = None


def _init(ref: str) -> None:
    global _SC
    _SC = load_scenario(ref)


def _job(args) -> float:
    ref, seed, seat, kind, events, difficulty = args
    match = play_one(_SC, seed, events, difficulty, {seat: kind}, ref)
    return match.result().roles[seat].score


def strength_table(ref: str, runs: int, seed: int = 1, seats: list[str] | None = None,
                   events: str = "historical", difficulty: str = "normal", workers: int = 1) -> dict:
    """{seat: {player: mean score}} over ``runs`` seeded games per cell."""
    scenario = load_scenario(ref)
    seats = seats or [a.id for a in scenario.actors]
    jobs = [(ref, run_seed(seed, n), seat, kind, events, difficulty)
            for seat in seats for kind in PLAYERS for n in range(runs)]
    if workers > 1:
        with mp.get_context("fork").Pool(workers, _init, (ref,)) as pool:
            scores = pool.map(_job, jobs, chunksize=max(1, runs // 4))
    else:
        _init(ref)
        scores = [_job(j) for j in jobs]
    out, n = {}, 0
    for seat in seats:
        out[seat] = {}
        for kind in PLAYERS:
            out[seat][kind] = round(float(np.mean(scores[n:n + runs])), 2)
            n += runs
    return out


def format_table(table: dict) -> str:
    lines = [f"{'seat':<14}" + "".join(f"{k:>10}" for k in PLAYERS) + f"{'ai-passive':>12}"]
    for seat, row in table.items():
        lines.append(f"{seat:<14}" + "".join(f"{row[k]:>10.1f}" for k in PLAYERS)
                     + f"{row['ai'] - row['passive']:>+12.1f}")
    return "\n".join(lines)
