"""Fuzz the scenario loader or the save loader for a fixed number of inputs.

Usage (from the repository root)::

    .venv/bin/python tests/fuzz/run.py --target scenario --inputs 100000
    .venv/bin/python tests/fuzz/run.py --target save --inputs 100000
    .venv/bin/python tests/fuzz/run.py --target scenario --reproduce FINDING.bin

Exit status 0 when no input found a problem, 1 when some did (each finding is
written to ``--out``: the input as ``.bin``, the traceback as ``.txt``), 2 for a
usage error.  The last line printed is a JSON summary (inputs, rate, findings).

Engines: ``atheris`` (coverage-guided libFuzzer; the default when it is
installed: ``pip install atheris``), ``hypothesis`` (the fallback) and
``random`` (the structure-aware mutators alone).  See ``harness.py`` for what
each target checks, and docs/security.md for the figures of the last long run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness


def _engine(name: str) -> str:
    if name != "auto":
        return name
    try:
        import atheris  # noqa: F401
    except ImportError:
        return "hypothesis"
    return "atheris"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--target", choices=harness.TARGETS, required=True)
    p.add_argument("--inputs", type=int, default=10_000, help="how many inputs to run (default 10000)")
    p.add_argument("--engine", choices=("auto", "atheris", "hypothesis", "random"), default="auto")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=None,
                   help="folder for findings (default: a new folder in the system temp folder)")
    p.add_argument("--slow", type=float, default=10.0, help="an input slower than this (s) is a finding")
    p.add_argument("--play-moves", type=int, default=30,
                   help="scenario: random legal moves played on every valid scenario (0: none)")
    p.add_argument("--save-loader", choices=("match", "facilitator"), default="match",
                   help="save: load with saves.load_match (default) or facilitator.load (the window's loader)")
    p.add_argument("--no-instrument", action="store_true", help="atheris: no coverage instrumentation")
    p.add_argument("--reproduce", type=Path, metavar="FILE", help="run one input and show what happens")
    p.add_argument("--quiet", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args, rest = _parser().parse_known_args(argv)
    if args.inputs < 1:
        print("error: --inputs must be at least 1", file=sys.stderr)
        return 2
    engine = _engine(args.engine)
    out = args.out or Path(harness.scratch_dir("treaty-fuzz-findings-"))
    work = harness.scratch_dir()
    if engine == "atheris" and not args.reproduce:
        import atheris

        include = ["game", "yaml"]
        if args.no_instrument:
            _import_targets()
        else:
            with atheris.instrument_imports(include=include):
                _import_targets()
    else:
        _import_targets()
    options = {"play_moves": args.play_moves} if args.target == "scenario" else {"loader": args.save_loader}
    target = harness.make_target(args.target, work, args.seed, **options)
    echo = None if args.quiet else (lambda s: print(s, file=sys.stderr, flush=True))
    runner = harness.Runner(target, out, args.slow, echo)

    if args.reproduce:
        data = args.reproduce.read_bytes()
        try:
            print("outcome:", target.check(data))
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            return 1
        finally:
            harness.remove_dir(work)
        return 0

    last = [time.perf_counter()]

    def progress() -> None:
        now = time.perf_counter()
        if echo and now - last[0] > 30:
            last[0] = now
            s = runner.summary()
            echo(f"[{args.target}] {s['inputs']} inputs, {s['inputs_per_second']}/s, "
                 f"{len(s['findings'])} findings, outcomes {s['outcomes']}")

    def report() -> None:
        summary = runner.summary() | {"engine": engine, "seed": args.seed, "findings_folder": str(out)}
        harness.remove_dir(work)
        if not runner.findings:
            try:
                out.rmdir()  # empty: nothing to keep
                summary["findings_folder"] = None
            except OSError:
                pass
        print(json.dumps(summary), flush=True)

    if engine == "atheris":
        # libFuzzer runs without end (-runs=-1) and ends the process its own way (no atexit),
        # so the harness stops it after exactly --inputs inputs, reporting first.
        previous = runner.one

        def one(data: bytes) -> None:
            previous(data)
            progress()
            if runner.stats.inputs >= args.inputs:
                report()
                sys.stderr.flush()
                os._exit(1 if runner.findings else 0)

        runner.one = one  # type: ignore[method-assign]
        harness.run_atheris(runner, -1, args.seed, work / "corpus", rest)
        return 0  # not reached
    if rest:
        print(f"error: unknown arguments {' '.join(rest)}", file=sys.stderr)
        return 2
    try:
        if engine == "hypothesis":
            harness.run_hypothesis(runner, args.inputs, args.seed, progress)
        else:
            harness.run_random(runner, args.inputs, args.seed, progress)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    report()
    return 1 if runner.findings else 0


def _import_targets() -> None:
    """Import everything the targets run (inside atheris' instrumentation, when used)."""
    import game.ai.player
    import game.scenarios.loader
    import game.scenarios.paths
    import game.session.facilitator
    import game.session.match
    import game.session.saves
    import game.session.store  # noqa: F401


if __name__ == "__main__":
    sys.exit(main())
