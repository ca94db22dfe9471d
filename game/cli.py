"""Command line: ``python -m game`` and ``treaty-table`` are the same program.

Every command is a small function taking parsed arguments and returning an exit
code; errors a user can cause (a bad scenario, a broken save, a wrong option)
print one clear message and return non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game.engine.state import EVENT_MODES
from game.scenarios.problems import ScenarioError
from game.scenarios.registry import DEFAULT_SCENARIO

DIFFICULTIES = ("easy", "normal", "hard")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="treaty-table", description="Treaty Table: a diplomatic negotiation game.")
    sub = p.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play a game (the window; --text for the terminal)")
    play.add_argument("--scenario", default=DEFAULT_SCENARIO, help="built-in id or YAML file")
    play.add_argument("--role", action="append", default=[], metavar="ID",
                      help="a role you play (repeat for hotseat); the rest are AI")
    play.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    play.add_argument("--load", metavar="SAVE", help="resume a saved game")
    play.add_argument("--difficulty", choices=DIFFICULTIES, default="normal")
    play.add_argument("--events", choices=EVENT_MODES, default="historical",
                      help="historical events, probabilistic ones, or none")
    mode = play.add_mutually_exclusive_group()
    mode.add_argument("--text", action="store_true", help="play in the terminal")
    mode.add_argument("--gui", action="store_true", help="force the window")
    play.add_argument("--autoplay", action="store_true", help="(window) let the AI play every role")
    play.add_argument("--screenshots", metavar="DIR", help="(window) save a screenshot of each screen")
    play.add_argument("--size", default=None, help="(window) size, e.g. 1280x720")

    sim = sub.add_parser("simulate", help="play AI-only games and report the distribution")
    sim.add_argument("--scenario", default=DEFAULT_SCENARIO)
    sim.add_argument("--runs", type=int, default=100)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    sim.add_argument("--workers", type=int, default=1)
    sim.add_argument("--save-dir", metavar="DIR", help="write every game as a save file")
    sim.add_argument("--difficulty", choices=DIFFICULTIES, default="normal")
    sim.add_argument("--events", choices=EVENT_MODES, default="historical")

    sub.add_parser("scenarios", help="list the built-in scenarios")
    rep = sub.add_parser("replay", help="replay a saved game and print its log and result")
    rep.add_argument("save")
    rep.add_argument("--private", action="store_true", help="show private moves too")
    val = sub.add_parser("validate", help="check scenario files")
    val.add_argument("paths", nargs="+")
    sub.add_parser("schema", help="print the scenario JSON Schema")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "play"
    if args.command is None:
        args = _parser().parse_args(["play"] + list(argv or sys.argv[1:]))
    handler = {"play": cmd_play, "simulate": cmd_simulate, "scenarios": cmd_scenarios,
               "replay": cmd_replay, "validate": cmd_validate, "schema": cmd_schema}[command]
    try:
        return handler(args)
    except ScenarioError as exc:
        print(f"error: the scenario has problems:\n{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130


def _has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def cmd_play(args) -> int:
    use_gui = args.gui or (not args.text and _has_display())
    if not args.text and not use_gui:
        print("No display found: starting the text mode (use --gui to force the window).",
              file=sys.stderr)
    if use_gui:
        try:
            from game.ui.app import run_app
        except ImportError as exc:
            print(f"The window cannot start ({exc}); use --text.", file=sys.stderr)
            return 1
        return run_app(args)
    from game.textmode.play import run_text

    return run_text(args)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} games")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_simulate(args) -> int:
    from game.session.simulate import simulate

    if args.runs < 1 or args.workers < 1:
        print("error: --runs and --workers must be at least 1", file=sys.stderr)
        return 2
    progress = _progress if sys.stderr.isatty() else None
    report = simulate(args.scenario, args.runs, args.seed, args.events, args.difficulty,
                      args.workers, Path(args.save_dir) if args.save_dir else None, progress=progress)
    if args.json:
        print(json.dumps(report, sort_keys=True, indent=2))
    else:
        print(format_report(report))
    return 0


def format_report(report: dict) -> str:
    o = report["outcomes"]
    t = o["tightness"]
    lines = [f"{report['scenario']} v{report['version']}: {report['runs']} AI-only games "
             f"(seed {report['seed']}, events {report['events']}, {report['difficulty']})",
             f"tightness  mean {t['mean']:.1f}  p10 {t['p10']:.1f}  p50 {t['p50']:.1f}  p90 {t['p90']:.1f}",
             "labels     " + "  ".join(f"{k} {v}" for k, v in o["labels"].items()),
             "sequencing " + "  ".join(f"{k} {v}" for k, v in o["sequencing"].items()),
             "", f"{'actor':<14}{'signed':>8}{'mean score':>12}"]
    for actor, share in o["signed"].items():
        lines.append(f"{actor:<14}{share:>8.0%}{report['role_scores'][actor]:>12.1f}")
    lines.append("")
    lines.append("most common signatory sets:")
    for row in o["signatory_sets"][:5]:
        lines.append(f"  {row['share']:>5.0%}  {', '.join(row['signed']) or '(none)'}")
    return "\n".join(lines)


def cmd_scenarios(args) -> int:
    from game.scenarios.loader import validate
    from game.scenarios.registry import builtin_paths

    for sid, path in builtin_paths().items():
        sc, problems = validate(path)
        if sc is None:
            print(f"{sid:<22} (does not load: {problems[0].message})")
            continue
        print(f"{sid:<22} v{sc.version:<8} {sc.title}")
        if sc.length:
            print(f"{'':<32} {sc.length}")
    return 0


def cmd_replay(args) -> int:
    from game.session.saves import load_match
    from game.session.store import SaveFileError

    try:
        match = load_match(args.save)
    except SaveFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for entry in match.state.log:
        if entry.visible is not None and not args.private:
            continue
        tag = "" if entry.visible is None else "[private] "
        print(f"r{entry.round + 1} {tag}{entry.text}")
    if match.over:
        from game.textmode.render import results_text

        print()
        print(results_text(match))
    else:
        print(f"\n(the game stopped in round {match.state.round + 1}; resume it with "
              f"'treaty-table play --load {args.save}')")
    return 0


def cmd_validate(args) -> int:
    from game.scenarios.loader import validate

    failed = False
    for path in args.paths:
        sc, problems = validate(path)
        for p in problems:
            print(p.format())
        if sc is None:
            failed = True
        else:
            n_warn = sum(1 for p in problems if p.severity == "warning")
            print(f"{path}: valid ({sc.id} v{sc.version})" + (f", {n_warn} warning(s)" if n_warn else ""))
    return 1 if failed else 0


def cmd_schema(args) -> int:
    from game.scenarios.schema import Scenario

    print(json.dumps(Scenario.model_json_schema(by_alias=True), indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
