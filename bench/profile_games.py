"""Where the time goes: profiles of (a) cst-1999 games and (b) one 64-actor game.

Uses pyinstrument (``pip install ".[bench]"``) when installed, else cProfile.
Writes ``bench/results/profile-cst-1999.txt`` and ``profile-64x10.txt`` (or the
folder given by ``--out``) and prints the paths.

Run: ``python bench/profile_games.py [--games 30] [--scenario cst-1999] [--actors 64] [--issues 10]``
(``--actors 0`` skips the generated game). Each profile's title line gives the wall time
per game, measured with the profiler running (so a little high).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ensure_repo_on_path  # noqa: E402


def _profile(fn, label: str, games: int = 1) -> str:
    elapsed = []

    def timed():
        start = time.perf_counter()
        fn()
        elapsed.append(time.perf_counter() - start)

    text = _run_profiled(timed, label)
    per_game = elapsed[0] / max(games, 1) * 1000
    head, _, rest = text.partition("\n")
    return f"{head} - {per_game:.1f} ms per game\n{rest}"


def _run_profiled(fn, label: str) -> str:
    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        fn()
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).sort_stats("cumulative")
        stats.print_stats(40)
        buf.write("\n--- by own time ---\n")
        stats.sort_stats("tottime").print_stats(30)
        return f"# {label} (cProfile)\n" + buf.getvalue()
    prof = Profiler(interval=0.0005)
    prof.start()
    fn()
    prof.stop()
    return f"# {label} (pyinstrument)\n" + prof.output_text(unicode=False, color=False)


def profile_seed(games: int = 30, scenario: str | None = None) -> str:
    from bench.common import SEED_SCENARIO, load_seed_scenario
    from game.session.simulate import play_one

    if scenario is None:
        scenario, sc = SEED_SCENARIO, load_seed_scenario()
    else:
        from game.scenarios.loader import load_scenario

        sc = load_scenario(scenario)
    play_one(sc, 0)  # warm-up

    def run():
        for seed in range(1, games + 1):
            play_one(sc, seed)

    return _profile(run, f"{scenario}, {games} AI-only games", games)


def profile_generated(actors: int = 64, issues: int = 10, games: int = 1) -> str:
    from bench.scenario_gen import generate_scenario
    from game.session.simulate import play_one

    sc = generate_scenario(actors, issues)

    def run():
        for seed in range(1, games + 1):
            play_one(sc, seed)

    return _profile(run, f"generated {actors} actors x {issues} issues, {games} cold game(s)", games)


def main(argv: list[str] | None = None) -> list[Path]:
    ensure_repo_on_path()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--games", type=int, default=30)
    ap.add_argument("--scenario", default=None, help="built-in scenario id or file (default: the seed scenario)")
    ap.add_argument("--actors", type=int, default=64)
    ap.add_argument("--issues", type=int, default=10)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    paths = []
    jobs = [(f"profile-{Path(args.scenario).stem if args.scenario else 'cst-1999'}.txt",
             lambda: profile_seed(args.games, args.scenario))]
    if args.actors > 0:
        jobs.append((f"profile-{args.actors}x{args.issues}.txt",
                     lambda: profile_generated(args.actors, args.issues)))
    for name, make in jobs:
        text = make()
        path = args.out / name
        path.write_text(text)
        paths.append(path)
        print(path)
    return paths


if __name__ == "__main__":
    main()
