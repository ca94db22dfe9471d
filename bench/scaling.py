"""Benchmark 3: how a full AI game grows with the number of actors.

Generated scenarios (:mod:`bench.scenario_gen`: one sequencing issue plus others,
three levels each, three rounds with the final one last, ``min_signatures`` about
half the parties) with 8, 32, 64 and 193 actors and 7 and 10 issues. For every
size, in a fresh subprocess each:

* *time*: one cold game (the first in the process: it includes building every
  seat's public model), then warm games (new seeds) until ``min_seconds`` have
  passed or ``max_games`` were played; time per game (warm median, else cold), per
  AI decision (time in ``Match.ai_action`` / decisions) and the slowest decision;
* *memory*: one cold game under ``tracemalloc`` in another fresh process: the peak
  of Python allocations during the game (tracemalloc slows the game; its time is
  not reported).

A size whose cold game does not finish within its time limit is reported as
"over budget" (the subprocess is killed; nothing hangs). The growth exponent is
the slope of a least-squares line through log(time) against log(actors) over the
sizes that finished, per issue count.

Run alone: ``python -m bench.scaling [--quick] [--sizes 8,32,64,193] [--issues 7,10]``;
one size: ``python -m bench.scaling --worker time --actors 64 --n-issues 10``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time

from bench.common import ROOT, ensure_repo_on_path, summary, timed_game

SIZES = (8, 32, 64, 193)
ISSUES = (7, 10)
ROUNDS = 3


# --- inside the subprocess -------------------------------------------------------


def _emit(record: dict) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def worker_time(actors: int, issues: int, min_seconds: float, max_games: int, time_limit: float) -> None:
    """A cold game, then at least one warm game if it fits in the limit, more up to min_seconds."""
    from bench.scenario_gen import generate_scenario

    start = time.perf_counter()
    scenario = generate_scenario(actors, issues, ROUNDS)
    _emit({"kind": "scenario", "build_s": time.perf_counter() - start})
    t0 = time.perf_counter()
    seed, last = 1, 0.0
    while True:
        elapsed = time.perf_counter() - start
        if seed > 1 and (
            seed > max_games + 1
            or elapsed + 1.5 * last > 0.8 * time_limit
            or (seed > 2 and time.perf_counter() - t0 >= min_seconds)
        ):
            break
        rec = timed_game(scenario, seed)
        del rec["actions"]  # the moves themselves: not reported
        rec["kind"] = "game"
        rec["cold"] = seed == 1
        _emit(rec)
        last = rec["game_s"]
        seed += 1


def worker_memory(actors: int, issues: int) -> None:
    import tracemalloc

    from bench.scenario_gen import generate_scenario
    from game.session.simulate import play_one

    scenario = generate_scenario(actors, issues, ROUNDS)
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    match = play_one(scenario, 1)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    _emit(
        {
            "kind": "memory",
            "peak_bytes": peak - base,
            "retained_bytes": current - base,
            "steps": match.state.steps,
        }
    )


# --- the parent ------------------------------------------------------------------


def _run_worker(args: list[str], timeout: float) -> tuple[list[dict], bool, str]:
    """Run a worker; return its records, whether it timed out, and its stderr tail."""
    cmd = [sys.executable, "-m", "bench.scaling", *args]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        proc.kill()
        out, err = proc.communicate()
    records = []
    for line in out.splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            pass
    if proc.returncode not in (0, None) and not timed_out and not records:
        raise RuntimeError(f"benchmark worker failed: {' '.join(args)}\n{err[-2000:]}")
    return records, timed_out, err[-2000:]


def measure_size(
    actors: int,
    issues: int,
    time_limit: float,
    min_seconds: float = 3.0,
    max_games: int = 20,
    memory: bool = True,
) -> dict:
    result: dict = {"actors": actors, "issues": issues, "rounds": ROUNDS, "time_limit_s": time_limit}
    records, timed_out, err = _run_worker(
        [
            "--worker",
            "time",
            "--actors",
            str(actors),
            "--n-issues",
            str(issues),
            "--min-seconds",
            str(min_seconds),
            "--max-games",
            str(max_games),
            "--time-limit",
            str(time_limit),
        ],
        time_limit,
    )
    games = [r for r in records if r.get("kind") == "game"]
    build = next((r["build_s"] for r in records if r.get("kind") == "scenario"), None)
    result["scenario_build_s"] = build
    if not games:
        result["status"] = "over budget" if timed_out else "failed"
        if not timed_out:
            result["error"] = err
        return result
    cold = games[0]
    warm = games[1:]
    use = warm or [cold]
    decisions = sum(g["decisions"] for g in use)
    result.update(
        {
            "status": "ok",
            "games": len(games),
            "cold_game_s": cold["game_s"],
            "warm_game_s": summary([g["game_s"] for g in warm]) if warm else None,
            "game_s": summary([g["game_s"] for g in use])["median"],
            "game_cpu_s": summary([g["game_cpu_s"] for g in use])["median"],
            "decisions_per_game": decisions / len(use),
            "decision_s": sum(g["decide_s"] for g in use) / decisions if decisions else None,
            "decision_max_s": max(g["decision_max_s"] for g in games),
            "apply_share": 1 - sum(g["decide_s"] for g in use) / sum(g["game_s"] for g in use),
            "timed_out_while_repeating": timed_out,
        }
    )
    if memory:
        records, timed_out, err = _run_worker(
            ["--worker", "memory", "--actors", str(actors), "--n-issues", str(issues)], time_limit * 2
        )
        mem = next((r for r in records if r.get("kind") == "memory"), None)
        if mem:
            result["peak_mem_bytes"] = mem["peak_bytes"]
            result["retained_mem_bytes"] = mem["retained_bytes"]
        else:
            result["peak_mem_bytes"] = None
            result["memory_status"] = "over budget" if timed_out else "failed"
    return result


def growth_exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) on log(x)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx


def scaling(
    sizes=SIZES,
    issues=ISSUES,
    quick: bool = False,
    time_limit: float | None = None,
    big_limit: float | None = None,
    progress=None,
) -> dict:
    """Every size; the largest (193) gets its own limit and is tried after the others."""
    limit = time_limit or (90.0 if quick else 300.0)
    big = big_limit or (60.0 if quick else 180.0)
    rows = []
    # the small sizes for every issue count first, then the large ones (which may run out of time)
    order = [(n, k) for n in sorted(sizes) if n <= 64 for k in issues]
    order += [(n, k) for n in sorted(sizes) if n > 64 for k in issues]
    for n, k in order:
        lim = big if n > 64 else limit
        if progress:
            progress(f"scaling: {n} actors x {k} issues (limit {lim:.0f} s)")
        rows.append(measure_size(n, k, lim, min_seconds=1.0 if quick else 3.0, max_games=5 if quick else 20))
    rows.sort(key=lambda r: (r["issues"], r["actors"]))
    fits = {}
    for k in issues:
        ok = [r for r in rows if r["issues"] == k and r["status"] == "ok"]
        fits[str(k)] = {
            "game_exponent": growth_exponent([(r["actors"], r["game_s"]) for r in ok]),
            "decision_exponent": growth_exponent([(r["actors"], r["decision_s"]) for r in ok]),
            "decisions_exponent": growth_exponent([(r["actors"], r["decisions_per_game"]) for r in ok]),
            "memory_exponent": growth_exponent([(r["actors"], r.get("peak_mem_bytes")) for r in ok]),
            "sizes_fitted": [r["actors"] for r in ok],
        }
    return {"rows": rows, "fits": fits, "rounds": ROUNDS}


def main(argv: list[str] | None = None) -> None:
    ensure_repo_on_path()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--worker", choices=("time", "memory"))
    ap.add_argument("--actors", type=int)
    ap.add_argument("--n-issues", type=int)
    ap.add_argument("--min-seconds", type=float, default=3.0)
    ap.add_argument("--max-games", type=int, default=20)
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--issues", default=",".join(map(str, ISSUES)))
    args = ap.parse_args(argv)
    if args.worker == "time":
        worker_time(args.actors, args.n_issues, args.min_seconds, args.max_games, args.time_limit)
    elif args.worker == "memory":
        worker_memory(args.actors, args.n_issues)
    else:
        sizes = [int(x) for x in args.sizes.split(",")]
        issues = [int(x) for x in args.issues.split(",")]
        print(
            json.dumps(
                scaling(sizes, issues, args.quick, progress=lambda s: print(s, file=sys.stderr)), indent=2
            )
        )


if __name__ == "__main__":
    main()
