"""Benchmark 2: one negmas negotiation against one full AI game of ours.

negmas (``pip install ".[bench]"``; the game itself never needs it) runs an
``SAOMechanism`` with 8 ``AspirationNegotiator`` agents over an outcome space of
the seed scenario's shape: seven issues of three *categorical* levels, random
normalised linear additive utilities, 20 steps. (With integer levels negmas draws
monotonic utilities, every agent wants the same corner and the negotiation ends at
the first offer; with categorical levels they disagree and bargain for ~20 steps,
which the result records as ``negmas_steps``.)

The two are interleaved, ``reps`` times each, with fresh seeds every repetition.
A *negotiation* is timed whole: for negmas, building the issues, the utility
functions, the mechanism and its agents, and running it; for us, ``Match(...)``
and ``run_ai()`` on cst-1999. The run-only negmas time (mechanism ``run()`` only)
is reported too. Ratio = negmas time / our time (higher is better for us).

Run alone: ``python -m bench.vs_negmas [--reps N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from bench.common import ensure_repo_on_path, load_seed_scenario, summary, timed_floor, timed_game

N_AGENTS = 8
N_ISSUES = 7
N_LEVELS = 3
N_STEPS = 20


def negmas_available() -> bool:
    try:
        import negmas  # noqa: F401
    except ImportError:
        return False
    return True


def negmas_negotiation(seed: int) -> dict:
    """One SAO negotiation of the seed scenario's shape; returns its timings."""
    import numpy as np
    from negmas import AspirationNegotiator, SAOMechanism, make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction

    random.seed(seed)
    np.random.seed(seed % (2**32))
    c0 = time.process_time()
    t0 = time.perf_counter()
    values = [f"v{j}" for j in range(N_LEVELS)]
    issues = [make_issue(values=values, name=f"issue{k}") for k in range(N_ISSUES)]
    mechanism = SAOMechanism(issues=issues, n_steps=N_STEPS)
    for n in range(N_AGENTS):
        ufun = LinearAdditiveUtilityFunction.random(issues=issues, reserved_value=0.0, normalized=True)
        mechanism.add(AspirationNegotiator(name=f"agent{n}"), ufun=ufun)
    t1 = time.perf_counter()
    state = mechanism.run()
    t2 = time.perf_counter()
    return {
        "total_s": t2 - t0,
        "cpu_s": time.process_time() - c0,
        "run_s": t2 - t1,
        "steps": int(state.step),
        "agreement": state.agreement is not None,
    }


def compare(reps: int = 20, warmup: int = 2) -> dict:
    if not negmas_available():
        return {"skipped": 'negmas is not installed (pip install ".[bench]")'}
    import negmas

    scenario = load_seed_scenario()
    for n in range(warmup):
        negmas_negotiation(10_000 + n)
        timed_game(scenario, 10_000 + n)
    ours, theirs = [], []
    for rep in range(reps):
        # alternate which goes first, so neither always runs on a "warm" cache
        if rep % 2 == 0:
            theirs.append(negmas_negotiation(rep + 1))
            ours.append(timed_game(scenario, rep + 1))
        else:
            ours.append(timed_game(scenario, rep + 1))
            theirs.append(negmas_negotiation(rep + 1))
    # the floors under our game, each rep's after its AI game (the same seed and moves)
    floors = [timed_floor(scenario, rep + 1, g["actions"]) for rep, g in enumerate(ours)]
    ours_t = [g["game_s"] for g in ours]
    neg_t = [n["total_s"] for n in theirs]
    neg_run = [n["run_s"] for n in theirs]
    ratios = [n / o for n, o in zip(neg_t, ours_t)]
    return {
        "negmas_version": negmas.__version__,
        "shape": {
            "agents": N_AGENTS,
            "issues": N_ISSUES,
            "levels": N_LEVELS,
            "steps": N_STEPS,
            "levels_kind": "categorical",
        },
        "reps": reps,
        "ours_s": summary(ours_t),
        "ours_decisions_per_game": statistics.fmean(g["decisions"] for g in ours),
        "negmas_s": summary(neg_t),
        "negmas_run_only_s": summary(neg_run),
        "negmas_steps_mean": statistics.fmean(n["steps"] for n in theirs),
        "negmas_agreement_rate": sum(n["agreement"] for n in theirs) / reps,
        "replay_s": summary([f["replay_s"] for f in floors]),
        "passive_s": summary([f["passive_s"] for f in floors]),
        "passive_actions_per_game": statistics.fmean(f["passive_actions"] for f in floors),
        "ratio_replay_median": statistics.median(neg_t) / statistics.median(f["replay_s"] for f in floors),
        "ratio_passive_median": statistics.median(neg_t) / statistics.median(f["passive_s"] for f in floors),
        "ratio_median": statistics.median(neg_t) / statistics.median(ours_t),
        "ratio_min": min(neg_t) / min(ours_t),
        "ratio_run_only_median": statistics.median(neg_run) / statistics.median(ours_t),
        "ratio_paired_median": statistics.median(ratios),
        "ratio_cpu_median": statistics.median(n["cpu_s"] for n in theirs)
        / statistics.median(g["game_cpu_s"] for g in ours),
    }


def main(argv: list[str] | None = None) -> None:
    ensure_repo_on_path()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=20)
    args = ap.parse_args(argv)
    print(json.dumps(compare(args.reps), indent=2))


if __name__ == "__main__":
    main()
