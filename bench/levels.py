"""What the AI difficulty costs per decision (not a target; a check that a level is not slower).

    python -m bench.levels [--games 3] [--rounds 3]

The levels change how the computer's delegations value the seats people play (docs/rules.md,
"The AI"), so they are measured where that happens: cst-1999 games with a person in Georgia's
seat who passes (and declines at the signing). Every AI turn of those games (played at normal)
is a decision point; each level's AI is asked for its move at every point (``Match.ai_action``,
which does not apply it), in fresh matches, CPU time, the levels in rotated order each round.
Prints each level's median time per decision and its ratio to normal, measured side by side.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from bench.common import SEED_SCENARIO, ensure_repo_on_path

LEVELS = ("normal", "easy", "hard")
SEAT = "georgia"


def decision_points(scenario, seeds: list[int], level: str) -> list:
    """A match at every AI turn of the games of ``seeds`` (the person passes), its AI at ``level``."""
    from game.engine import actions as A
    from game.session.match import Match

    points = []
    for seed in seeds:
        game = Match(scenario, seed=seed, seats={SEAT: "human"})
        while not game.over:
            if game.human_to_move():
                game.submit(A.Pass(SEAT) if game.state.phase != "signing" else A.Sign(SEAT, False))
                continue
            payload = dict(game.to_payload(), difficulty=level)
            points.append(Match.from_payload(payload, scenario))
            game.step_ai()
    return points


def measure(games: int = 3, rounds: int = 3) -> dict:
    ensure_repo_on_path()
    from game.scenarios.loader import load_scenario

    scenario = load_scenario(SEED_SCENARIO)
    seeds = [101 + n for n in range(games)]
    times: dict[str, list[float]] = {level: [] for level in LEVELS}
    n_points = 0
    for r in range(rounds):
        order = LEVELS[r % len(LEVELS):] + LEVELS[:r % len(LEVELS)]
        points = {level: decision_points(scenario, seeds, level) for level in order}  # none reuses another's
        for level in order:
            start = time.process_time()
            for match in points[level]:
                match.ai_action()
            n_points = len(points[level])
            times[level].append((time.process_time() - start) / n_points)
    medians = {level: statistics.median(v) for level, v in times.items()}
    return {"decisions": n_points, "rounds": rounds,
            "per_decision_ms": {level: [round(t * 1e3, 3) for t in sorted(v)] for level, v in times.items()},
            "median_ms": {level: round(t * 1e3, 3) for level, t in medians.items()},
            "ratio_to_normal": {level: round(t / medians["normal"], 3) for level, t in medians.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=3, help="games whose AI turns are the decision points")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of measurement (levels rotated)")
    args = parser.parse_args(argv)
    out = measure(args.games, args.rounds)
    print(f"{out['decisions']} decision points, {out['rounds']} rounds (CPU time per decision)")
    for level in LEVELS:
        print(f"  {level:<7} median {out['median_ms'][level]:.3f} ms  (rounds: {out['per_decision_ms'][level]})  "
              f"x{out['ratio_to_normal'][level]:.3f} of normal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
