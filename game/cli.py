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
    play.add_argument("--facilitator", action="store_true",
                      help="(window) the teacher's view: every role's secrets, pause, timer, injects, undo, forks")

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
    st = sub.add_parser("strength", help="the AI against a random and a passive player, seat by seat")
    st.add_argument("--scenario", default=DEFAULT_SCENARIO)
    st.add_argument("--runs", type=int, default=200, help="games per seat and player")
    st.add_argument("--seed", type=int, default=1)
    st.add_argument("--workers", type=int, default=1)
    st.add_argument("--seat", action="append", default=[], metavar="ID", help="only these seats")
    st.add_argument("--json", action="store_true")
    _add_report_parsers(sub)
    _add_authoring_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "play"
    if args.command is None:
        args = _parser().parse_args(["play"] + list(argv or sys.argv[1:]))
    handler = {"play": cmd_play, "simulate": cmd_simulate, "scenarios": cmd_scenarios,
               "replay": cmd_replay, "validate": cmd_validate, "schema": cmd_schema,
               "briefs": cmd_briefs, "debrief": cmd_debrief, "grades": cmd_grades,
               "new-scenario": cmd_new_scenario, "balance": cmd_balance,
               "strength": cmd_strength}[command]
    try:
        return handler(args)
    except ScenarioError as exc:
        print(f"error: the scenario has problems:\n{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def cmd_play(args) -> int:
    if not args.load:
        check_scenario(args.scenario)
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
    check_scenario(args.scenario)
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


def cmd_strength(args) -> int:
    from game.session.strength import format_table, strength_table

    if args.runs < 1 or args.workers < 1:
        print("error: --runs and --workers must be at least 1", file=sys.stderr)
        return 2
    progress = _progress if sys.stderr.isatty() else None
    table = strength_table(args.scenario, args.runs, args.seed, args.seat or None, workers=args.workers,
                           progress=progress)
    print(json.dumps(table, indent=2, sort_keys=True) if args.json else format_table(table))
    return 0


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
    from game.session.saves import autosave_hint, load_match
    from game.session.store import SaveFileError

    try:
        match = load_match(args.save)
    except SaveFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        hint = autosave_hint(args.save, "treaty-table replay")
        if hint:
            print(hint, file=sys.stderr)
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
    """Exit 0 when every file is valid (warnings allowed), 1 when one is not, 2 for a usage error."""
    from game.scenarios.loader import validate
    from game.scenarios.registry import builtin_paths

    paths: list[str] = []
    for ref in args.paths:
        path = Path(ref)
        if path.is_dir():
            found = sorted(str(p) for p in path.glob("*.yaml"))
            if not found:
                print(f"error: {ref}: the folder holds no .yaml files", file=sys.stderr)
                return 2
            paths += found
        elif path.exists() or ref in builtin_paths():
            paths.append(ref)
        else:
            print(f"error: {ref}: no such file or built-in scenario id "
                  "(run 'treaty-table scenarios' to list the built-in ones)", file=sys.stderr)
            return 2
    failed = False
    for path in paths:
        sc, problems = validate(path)
        problems = in_file_order(problems)
        for p in problems:
            print(p.format())
        n_err = sum(1 for p in problems if p.severity != "warning")
        n_warn = len(problems) - n_err
        warned = f", {n_warn} warning{'s' * (n_warn != 1)}" if n_warn else ""
        if sc is None:
            failed = True
            print(f"{path}: invalid, {n_err} error{'s' * (n_err != 1)}{warned}")
        else:
            print(f"{path}: valid ({sc.id} v{sc.version}){warned}")
    return 1 if failed else 0


def in_file_order(problems: list) -> list:
    """Problems sorted by file, line and column (as an editor lists them)."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.column))


def check_scenario(ref: str) -> None:
    """Validate as 'validate' does before playing: warnings go to stderr, errors raise ScenarioError."""
    from game.scenarios.loader import validate

    sc, problems = validate(ref)
    problems = in_file_order(problems)
    if sc is None:
        raise ScenarioError(problems)
    for p in problems:
        print(p.format(), file=sys.stderr)


def cmd_schema(args) -> int:
    from game.scenarios.editor_schema import json_schema_text

    sys.stdout.write(json_schema_text())
    return 0


# --- classroom kit: briefs, debrief, grade sheet (game/report) ---------------------

def _add_report_parsers(sub) -> None:
    from game.report.html import PAPERS

    br = sub.add_parser("briefs", help="printable HTML role briefs and facilitator guide")
    br.add_argument("--scenario", default=DEFAULT_SCENARIO, help="built-in id or YAML file")
    br.add_argument("--out", required=True, metavar="DIR", help="folder to write the HTML files into")
    br.add_argument("--paper", choices=PAPERS, default="auto", help="page size for printing")
    de = sub.add_parser("debrief", help="the debrief report of a finished game (HTML)")
    de.add_argument("save")
    de.add_argument("--out", required=True, metavar="FILE.html")
    de.add_argument("--csv", metavar="FILE.csv", help="also write the grade sheet as CSV")
    de.add_argument("--ai-runs", type=int, default=30, metavar="N",
                    help="AI-only games to compare with (default 30; 0 for none)")
    de.add_argument("--seed", type=int, default=None, help="seed of the AI-only games (default: the save's)")
    de.add_argument("--paper", choices=PAPERS, default="auto", help="page size for printing")
    gr = sub.add_parser("grades", help="the grade sheet of a finished game (CSV)")
    gr.add_argument("save")
    gr.add_argument("--out", required=True, metavar="FILE.csv")
    gr.add_argument("--ai-runs", type=int, default=30, metavar="N",
                    help="AI-only games for the AI baseline (default 30; 0 for none)")
    gr.add_argument("--seed", type=int, default=None)


def cmd_briefs(args) -> int:
    from game.report.briefs import write_briefs
    from game.scenarios.loader import load_scenario

    files = write_briefs(load_scenario(args.scenario), args.out, args.paper)
    print(f"wrote {len(files)} files to {args.out}; open {files[0]}")
    return 0


def _finished_match(path: str):
    from game.session.saves import load_match
    from game.session.store import SaveFileError

    try:
        match = load_match(path)
    except SaveFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if not match.over:
        print(f"error: {path}: the game has not ended (it stopped in round {match.state.round + 1}); "
              f"finish it with 'treaty-table play --load {path}' first", file=sys.stderr)
        return None
    return match


def cmd_debrief(args) -> int:
    from game.report import debrief as D
    from game.report.grades import write_grades_csv

    if args.ai_runs < 0:
        print("error: --ai-runs must be 0 or more", file=sys.stderr)
        return 2
    match = _finished_match(args.save)
    if match is None:
        return 1
    d = D.analyse(match, args.ai_runs, args.seed)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(D.render(d, args.paper), encoding="utf-8")
    print(f"wrote {out}")
    if args.csv:
        print(f"wrote {write_grades_csv(d.grades, args.csv)}")
    return 0


def cmd_grades(args) -> int:
    from game.report.debrief import ai_cloud
    from game.report.grades import grade_rows, write_grades_csv
    from game.scoring import history_result

    match = _finished_match(args.save)
    if match is None:
        return 1
    ai = ai_cloud(match, max(args.ai_runs, 0), args.seed)
    means = {a: sum(g["scores"][a] for g in ai) / len(ai) for a in match.game.model.actor_ids} if ai else None
    rows = grade_rows(match, None, history_result(match.game.model), means)
    print(f"wrote {write_grades_csv(rows, args.out)}")
    return 0


# --- authoring: a template to start from, the balance report ------------------------

def _add_authoring_parsers(sub) -> None:
    new = sub.add_parser("new-scenario", help="write a commented scenario template to start from")
    new.add_argument("path", help="the YAML file to write (its name becomes the scenario id)")
    new.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    bal = sub.add_parser("balance", help="play AI-only games and write a balance report (HTML + summary)")
    bal.add_argument("scenario", help="built-in id or YAML file")
    bal.add_argument("--runs", type=int, default=100, help="AI-only games (default 100)")
    bal.add_argument("--workers", type=int, default=1, help="processes to play them in")
    bal.add_argument("--out", default="balance", metavar="DIR",
                     help="folder for <id>.html and <id>.md (default: ./balance)")
    bal.add_argument("--seed", type=int, default=1)
    bal.add_argument("--sensitivity-runs", type=int, default=None, metavar="N",
                     help="games per changed parameter (default: a fifth of --runs, at least 10; 0: none)")
    bal.add_argument("--events", choices=EVENT_MODES, default="historical")
    bal.add_argument("--difficulty", choices=DIFFICULTIES, default="normal")
    bal.add_argument("--json", action="store_true", help="print the whole report as JSON instead of the summary")


def cmd_new_scenario(args) -> int:
    from game.scenarios.template import write_template

    path = Path(args.path)
    if path.suffix not in (".yaml", ".yml"):
        print(f"error: {path}: a scenario file name ends in .yaml", file=sys.stderr)
        return 2
    try:
        written = write_template(path, force=args.force)
    except FileExistsError:
        print(f"error: {path} already exists (use --force to overwrite it)", file=sys.stderr)
        return 1
    print(f"wrote {path}" + (f" and {written[1].name} (for editors)" if len(written) > 1 else ""))
    print(f"next: treaty-table validate {path}   then   treaty-table play --scenario {path} --text")
    return 0


def cmd_balance(args) -> int:
    from game.report.balance import balance_report, summary_text, write_report
    from game.scenarios.loader import load_scenario

    if args.runs < 1 or args.workers < 1 or (args.sensitivity_runs or 0) < 0:
        print("error: --runs and --workers must be at least 1, --sensitivity-runs at least 0", file=sys.stderr)
        return 2
    check_scenario(args.scenario)
    scenario = load_scenario(args.scenario)
    progress = _progress if sys.stderr.isatty() else None
    report = balance_report(scenario, args.runs, args.seed, args.events, args.difficulty, args.workers,
                            args.sensitivity_runs, progress=progress)
    files = write_report(report, Path(args.out))
    if args.json:
        print(json.dumps(report, sort_keys=True, indent=2))
    else:
        print(summary_text(report))
        print()
    print(f"wrote {', '.join(str(f) for f in files)}", file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
