"""Command line: ``python -m game`` and ``treaty-table`` are the same program.

Every command is a small function taking parsed arguments and returning an exit
code; errors a user can cause (a bad scenario, a broken save, a wrong option)
print one clear message and return non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
from pathlib import Path

from game.console import fill, make_streams_safe, wrap
from game.engine.state import EVENT_MODES
from game.scenarios.problems import ScenarioError
from game.scenarios.registry import DEFAULT_SCENARIO
from game.scenarios.roles import resolve_roles  # noqa: F401 - part of this module's interface
from game.ui import MAX_SIZE, MIN_SIZE  # plain numbers: no pygame
from game.session.store import write_text_atomic

DIFFICULTIES = ("easy", "normal", "hard")
CURRENT_SCENARIO_HELP = ("a save whose scenario's rules have changed since (a newer version): play its moves again "
                         "on the scenario as it is now; its events and scores then follow that version (a change "
                         "to its words only needs no option)")
WINDOW_ONLY = ("facilitator", "autoplay", "screenshots", "size")
"""play options that only the window uses."""


def package_version() -> str:
    """The installed package's version, else (sources run in place) ``game.__version__``, which
    is where pyproject.toml takes the version from."""
    from importlib import metadata

    try:
        return metadata.version("treaty-table")
    except metadata.PackageNotFoundError:
        from game import __version__

        return __version__


class _VersionAction(argparse.Action):
    """--version: looks the version up only when asked (not on every start)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"treaty-table {package_version()}")
        parser.exit()


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help wrapped like the rest of the text output: in terminal cells, and never at
    a hyphen ("game-" | "00001.json", "docs/engine-" | "api.md")."""

    def _split_lines(self, text, width):
        return wrap(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text, width, indent):
        return fill(self._whitespace_matcher.sub(" ", text).strip(), width, initial_indent=indent,
                    subsequent_indent=indent)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser (and, through ``add_subparsers``, every command's) with that help."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def window_size(text: str) -> str:
    """argparse type of --size: WIDTHxHEIGHT within the sizes the window lays out."""
    (min_w, min_h), (max_w, max_h) = MIN_SIZE, MAX_SIZE
    found = re.fullmatch(r"\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*", text)
    if found is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size: write WIDTHxHEIGHT, e.g. 1280x720")
    w, h = int(found.group(1)), int(found.group(2))
    if not (min_w <= w <= max_w and min_h <= h <= max_h):
        raise argparse.ArgumentTypeError(f"{w}x{h} is out of range: the window needs from {min_w}x{min_h} "
                                         f"to {max_w}x{max_h} pixels")
    return f"{w}x{h}"


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="treaty-table", description="Treaty Table: a diplomatic negotiation game. "
                "With no command it plays (treaty-table --text is treaty-table play --text).")
    p.add_argument("--version", action=_VersionAction, help="print the version and exit")
    sub = p.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play a game (the window; --text for the terminal)")
    play.add_argument("--scenario", default=None,
                      help=f"built-in id or YAML file (default {DEFAULT_SCENARIO})")
    play.add_argument("--role", action="append", default=[], metavar="ROLE",
                      help="a role you play: its id, short code, name or number in the role list "
                           "(repeat for hotseat); the rest are AI")
    play.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    play.add_argument("--load", metavar="SAVE",
                      help="resume a saved game (it keeps its scenario, roles, seed, difficulty and events)")
    play.add_argument("--current-scenario", action="store_true",
                      help="with --load: " + CURRENT_SCENARIO_HELP)
    play.add_argument("--difficulty", choices=DIFFICULTIES, default=None,
                      help="easy: the computer's delegations accommodate you; hard: they mind your gains "
                           "(default normal: they bargain only for themselves)")
    play.add_argument("--events", choices=EVENT_MODES, default=None,
                      help="historical events, probabilistic ones, or none (default historical)")
    play.add_argument("--no-takeback", action="store_true",
                      help="take-backs off for this game: 'undo' (the text mode) and Ctrl+Z (the window) are "
                           "refused, so every move stands. Saved with the game: loading it keeps them off. "
                           "With --load it turns them off for the resumed game (nothing turns them back on)")
    mode = play.add_mutually_exclusive_group()
    mode.add_argument("--text", action="store_true", help="play in the terminal")
    mode.add_argument("--gui", action="store_true",
                      help="the window, never the terminal fallback (an error when there is no display)")
    play.add_argument("--autoplay", action="store_true", help="(window) let the AI play every role")
    play.add_argument("--screenshots", metavar="DIR", help="(window) save a screenshot of each screen")
    play.add_argument("--size", default=None, type=window_size, metavar="WxH",
                      help="(window) size in pixels, e.g. 1280x720 (at least {}x{})".format(*MIN_SIZE))
    play.add_argument("--facilitator", action="store_true",
                      help="(window) the teacher's view: every role's secrets, pause, timer, injects, undo, forks")

    sim = sub.add_parser("simulate", help="play AI-only games and report the distribution")
    sim.add_argument("--scenario", default=DEFAULT_SCENARIO,
                     help=f"built-in id or YAML file (default {DEFAULT_SCENARIO})")
    sim.add_argument("--runs", type=int, default=100, help="how many games to play (default 100)")
    sim.add_argument("--seed", type=int, default=1,
                     help="master seed: the same seed gives the same games (default 1)")
    sim.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    sim.add_argument("--workers", type=int, default=1,
                     help="processes to play the games in (default 1; at most one per processor and per game; "
                          "the result does not depend on it)")
    sim.add_argument("--save-dir", metavar="DIR",
                     help="also write every game as a save file (game-00001.json, ...) into this folder; "
                          "a folder that already holds such files is refused unless --overwrite is given")
    sim.add_argument("--overwrite", action="store_true",
                     help="replace the game-NNNNN.json files an earlier simulation left in --save-dir "
                          "(they are all removed first)")
    sim.add_argument("--games", metavar="FILE",
                     help="also write one row per game, for analysis: CSV, or JSON Lines if FILE ends in "
                          ".jsonl: run, seed, tightness, depth, breadth, cohesion, label, in_force, sequencing, "
                          "signatories, text_<issue>, signed_<actor>, score_<actor> (more in docs/cli.md, in the "
                          "source distribution)")
    sim.add_argument("--difficulty", choices=DIFFICULTIES, default="normal",
                     help="the AI's level (default normal): how it treats the --player seats (easy "
                          "accommodates them, hard minds their gains); with none, every level plays as normal")
    sim.add_argument("--events", choices=EVENT_MODES, default="historical",
                     help="historical events, probabilistic ones, or none (default historical)")
    sim.add_argument("--player", action="append", default=[], metavar="SEAT=SPEC",
                     help="play SEAT (a role, as --role takes it) with your own player in every game; SPEC is "
                          "package.module:factory or path/to/file.py:factory, a class or function called with no "
                          "arguments once per game, returning an object with choose(view, legal, rng) "
                          "(the engine API: docs/engine-api.md in the source distribution). Repeat for several "
                          "seats. This imports and runs that code: only name code you trust")

    sub.add_parser("scenarios", help="list the built-in scenarios")
    rep = sub.add_parser("replay", help="replay a saved game and print its log and result")
    rep.add_argument("save")
    rep.add_argument("--private", action="store_true", help="show private moves too")
    rep.add_argument("--current-scenario", action="store_true", help=CURRENT_SCENARIO_HELP)
    rep.add_argument("--window", action="store_true",
                     help="watch it in the game window instead, move by move (back, forward, play, any "
                          "delegation's view)")
    rep.add_argument("--size", default=None, type=window_size, metavar="WxH",
                     help="with --window: the window size in pixels, e.g. 1280x720 (at least {}x{})".format(*MIN_SIZE))
    val = sub.add_parser("validate", help="check scenario files")
    val.add_argument("paths", nargs="+", metavar="FILE",
                     help="scenario files, folders of them, or built-in ids")
    sub.add_parser("schema", help="print the scenario JSON Schema")
    st = sub.add_parser("strength", help="the AI against a random and a passive player, seat by seat")
    st.add_argument("--scenario", default=DEFAULT_SCENARIO,
                    help=f"built-in id or YAML file (default {DEFAULT_SCENARIO})")
    st.add_argument("--runs", type=int, default=200, help="games per seat and player (default 200)")
    st.add_argument("--seed", type=int, default=1,
                    help="master seed: the same seed gives the same games (default 1)")
    st.add_argument("--workers", type=int, default=1,
                    help="processes to play the games in (default 1; the result does not depend on it)")
    st.add_argument("--seat", action="append", default=[], metavar="ROLE",
                    help="only this seat (a role's id or name; repeat for several)")
    st.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    st.add_argument("--player", action="append", default=[], metavar="SPEC",
                    help="also play each seat with your own player, on the same seeds, and compare it with the AI "
                         "and the passive player: package.module:factory or path/to/file.py:factory (as "
                         "simulate --player; repeat for several). This imports and runs that code: only name "
                         "code you trust")
    _add_report_parsers(sub)
    _add_authoring_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    make_streams_safe()  # a console that cannot show a scenario's letters gets '?', not a crash
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = ["play"] + argv  # `treaty-table --text` is `treaty-table play --text`
    args = _parser().parse_args(argv)
    command = args.command or "play"
    if args.command is None:
        args = _parser().parse_args(["play"])
    handler = {"play": cmd_play, "simulate": cmd_simulate, "scenarios": cmd_scenarios,
               "replay": cmd_replay, "validate": cmd_validate, "schema": cmd_schema,
               "briefs": cmd_briefs, "debrief": cmd_debrief, "grades": cmd_grades,
               "new-scenario": cmd_new_scenario, "balance": cmd_balance,
               "strength": cmd_strength, "actor-table": cmd_actor_table}[command]
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
    except OSError as exc:  # a file or folder the user named that the system refused
        print(f"error: {os_error_text(exc)}", file=sys.stderr)
        return 1


def os_error_text(exc: OSError) -> str:
    """One sentence for a refused file operation: which path, and why."""
    return f"{exc.filename}: {_reason(exc)}" if exc.filename else _reason(exc)


def _reason(exc: OSError) -> str:
    """Why the system refused (e.g. 'permission denied'), without the path."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _fail_incomplete(exc: OSError, out: str, what: str) -> None:
    """A folder of files (briefs' kit, balance report) that could not all be written (a full disk
    half-way): the file that failed, and that ``what`` in ``out`` is not complete."""
    where = os.fsdecode(exc.filename) if exc.filename is not None else out
    _fail(f"cannot write {where} ({_reason(exc)}): the {what} in {out} is not complete; free some space or "
          "choose another folder, and run the command again")


def _fail_nothing_written(out, exc: OSError) -> None:
    """One file written atomically that could not be (the old one, if any, stays)."""
    _fail(f"cannot write {out} ({_reason(exc)}); nothing was written: free some space or choose another folder")


def out_dir(ref: str, option: str) -> Path | None:
    """The folder ``option`` names, created if needed and writable; None (after one error
    line) if it is a file or cannot be created or written to (or the name is empty: an empty
    shell variable must not mean the current folder)."""
    if not ref.strip():
        _fail(f"an empty name was given{f' for {option}' if option else ''}: name a folder")
        return None
    path = Path(ref).expanduser()
    if path.exists() and not path.is_dir():
        _fail(f"{ref} is a file, but {option or 'this'} needs a folder: give the name of a folder "
              "(it is created if it does not exist)")
        return None
    for_option = f" for {option}" if option else ""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        _fail(f"cannot create the folder {ref}{for_option}: a part of that path is a file")
        return None
    except OSError as exc:
        _fail(f"cannot create the folder {ref}{for_option} ({_reason(exc)}); choose another folder")
        return None
    if not os.access(path, os.W_OK | os.X_OK):
        _fail(f"cannot write into the folder {ref}{for_option} (permission denied); choose another folder")
        return None
    return path


def out_file(ref: str, option: str, default_name: str) -> Path | None:
    """The file ``option`` names, its folder created if needed; a folder given instead of a
    file gets ``default_name`` inside it. None (after one error line) if it cannot be written:
    the file is opened for writing to find out (and removed again if it did not exist), so a
    command that writes several files checks them all before it writes any."""
    if not ref.strip():
        _fail(f"an empty name was given{f' for {option}' if option else ''}: name a file")
        return None
    path = Path(ref).expanduser()
    if path.is_dir() or ref.endswith(("/", os.sep)):
        folder = out_dir(ref, option)
        path = None if folder is None else folder / default_name
        return path if path is not None and _can_create(path, option) else None
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        _fail(f"cannot write {ref}{f' for {option}' if option else ''}: {parent} is a file, not a folder")
        return None
    if out_dir(str(parent), option) is None:
        return None
    return path if _can_create(path, option) else None


def _can_create(path: Path, option: str) -> bool:
    """Whether ``path`` can be opened for writing (a file that did not exist is removed again);
    one error line if not."""
    existed = path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    except OSError as exc:
        _fail(f"cannot write {path}{f' for {option}' if option else ''} ({_reason(exc)}); nothing was "
              "written: choose another file name")
        return False
    os.close(fd)
    if not existed:
        try:
            path.unlink()
        except OSError:
            pass
    return True


def _write_text(path: Path, text: str) -> bool:
    try:
        write_text_atomic(path, text)  # a full disk leaves the old file, not half a new one
    except OSError as exc:
        _fail(f"cannot write {path} ({_reason(exc)})")
        return False
    return True


def _has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


NEW_GAME_ONLY = ("scenario", "role", "seed", "difficulty", "events")
"""play options that set up a new game: a loaded save keeps its own."""


def cmd_play(args) -> int:
    window_only = [f"--{name}" for name in WINDOW_ONLY if getattr(args, name, None)]
    if args.text and window_only:
        _fail(f"{', '.join(window_only)} only work{'s' * (len(window_only) == 1)} in the window; "
              "leave out --text (or leave out those options to play in the terminal)")
        return 2
    new_game_only = [f"--{name}" for name in NEW_GAME_ONLY
                     if getattr(args, name, None) not in (None, [])]
    if args.load and new_game_only:
        one = len(new_game_only) == 1
        _fail(f"{', '.join(new_game_only)} cannot be used with --load: a saved game keeps its own "
              f"scenario, roles, seed, difficulty and events; leave out {'that option' if one else 'those options'}")
        return 2
    if getattr(args, "current_scenario", False) and not args.load:
        _fail("--current-scenario only works with --load SAVE (a new game is always played on the scenario as it is)")
        return 2
    args.scenario = args.scenario or DEFAULT_SCENARIO
    args.difficulty = args.difficulty or "normal"
    args.events = args.events or "historical"
    if not args.load:
        scenario = check_scenario(args.scenario)
        try:
            args.role = resolve_roles(scenario, args.role)
        except ValueError as exc:
            _fail(str(exc))
            return 1
    display = _has_display()
    if args.gui and not display:
        _fail("no display: the window needs a graphical session (DISPLAY and WAYLAND_DISPLAY are not set); "
              "use --text to play in the terminal, or set SDL_VIDEODRIVER=dummy for headless screenshots")
        return 1
    use_gui = args.gui or (not args.text and display)
    if not args.text and not use_gui:
        print("No display found: starting the text mode (the window needs a graphical session).",
              file=sys.stderr)
        if window_only:
            one = len(window_only) == 1
            print(f"note: {', '.join(window_only)} appl{'ies' if one else 'y'} to the window only "
                  f"and {'is' if one else 'are'} ignored in the terminal game.", file=sys.stderr)
    if use_gui:
        if args.screenshots and out_dir(args.screenshots, "--screenshots") is None:
            return 1
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


SAVED_GAME = re.compile(r"game-\d{5,}\.json")
"""The names ``simulate --save-dir`` gives its save files."""


def _counts_at_least_one(**options: int) -> bool:
    """One error line naming each option below 1 (e.g. ``--runs 0``); False if there was one."""
    bad = [f"--{name.replace('_', '-')} {value}" for name, value in options.items() if value < 1]
    if bad:
        each = "it" if len(bad) == 1 else "each"
        _fail(f"{' and '.join(bad)}: {each} must be a whole number of at least 1")
    return not bad


def _seat_players(scenario, given: list[str]) -> dict[str, str] | None:
    """simulate --player SEAT=SPEC, each given once: {role id: spec} (None after one error line)."""
    players: dict[str, str] = {}
    for text in given:
        seat, sep, spec = text.partition("=")
        if not sep or not seat.strip() or not spec.strip():
            _fail(f"--player {text}: say which seat your player plays, as SEAT=SPEC, e.g. "
                  f"--player {scenario.actors[0].id}=mybots.greedy:GreedyBot or "
                  f"--player {scenario.actors[0].id}=bots/greedy.py:GreedyBot")
            return None
        try:
            (role,) = resolve_roles(scenario, [seat.strip()])
        except ValueError as exc:
            _fail(f"--player {text}: {exc}")
            return None
        if role in players:
            _fail(f"--player {text}: the seat {role} already has a player ({players[role]}); give each seat "
                  "one player")
            return None
        players[role] = spec.strip()
    return players


def _check_players(specs: dict[str, str]) -> bool:
    """Each spec (as given -> spec) imported and its factory called once, before any game: False
    after one error line."""
    from game.session.simulate import PlayerSpecError, new_player

    for given, spec in specs.items():
        try:
            new_player(spec)
        except PlayerSpecError as exc:
            message = str(exc)
            _fail(f"--player {given}{message[len(spec):]}" if message.startswith(spec) else f"--player {message}")
            return False
    return True


def cmd_simulate(args) -> int:
    if not _counts_at_least_one(runs=args.runs, workers=args.workers):
        return 2
    if args.overwrite and args.save_dir is None:
        _fail("--overwrite only applies to --save-dir: leave it out, or give --save-dir DIR")
        return 2
    scenario = check_scenario(args.scenario)
    players = _seat_players(scenario, args.player)
    if players is None or not _check_players({f"{seat}={spec}": spec for seat, spec in players.items()}):
        return 1
    games = None
    if args.games is not None:
        if args.games.strip() and Path(args.games).suffix.lower() not in (".csv", ".jsonl"):
            _fail(f"{args.games}: --games writes a .csv or a .jsonl file; give a name ending in one of them")
            return 2
        games = out_file(args.games, "--games", "games.csv")
        if games is None:
            return 1
    save_dir = None
    lock = None
    if args.save_dir is not None:
        save_dir = out_dir(args.save_dir, "--save-dir")
        if save_dir is None:
            return 1
        from game.session.store import FolderBusy, lock_folder

        try:  # two simulations at once into one folder would leave a mix of both (same file names)
            lock = lock_folder(save_dir)
        except FolderBusy:
            _fail(f"another simulation is writing its games into {args.save_dir} now: wait for it to end, "
                  "or give another --save-dir")
            return 1
        old = sorted(f for f in save_dir.iterdir() if SAVED_GAME.fullmatch(f.name))
        if old and not args.overwrite:
            lock.close()
            _fail(f"the folder {args.save_dir} already holds {len(old)} saved game{'s' * (len(old) != 1)} "
                  f"({old[0].name}{' ...' if len(old) > 1 else ''}), from an earlier simulation: choose an "
                  "empty folder, or add --overwrite to replace them")
            return 1
        for f in old:  # a folder holds the games of one simulation only, never a mix
            f.unlink()
    try:
        return _simulate_into(args, scenario, players, games, save_dir)
    finally:
        if lock is not None:
            lock.close()


def _simulate_into(args, scenario, players, games, save_dir) -> int:
    from game.session.simulate import PlayerError, PlayerSpecError, games_text, simulate

    progress = _progress if sys.stderr.isatty() else None
    rows: list[dict] | None = [] if games is not None else None
    try:
        report = simulate(args.scenario, args.runs, args.seed, args.events, args.difficulty,
                          args.workers, save_dir, progress=progress, rows=rows, players=players)
    except (PlayerError, PlayerSpecError) as exc:
        if progress:
            sys.stderr.write("\n")
        _fail(f"--player {exc}")
        return 1
    if games is not None:
        if not _write_text(games, games_text(scenario, rows, jsonl=games.suffix.lower() == ".jsonl")):
            return 1
    if args.json:
        print(json.dumps(report, sort_keys=True, indent=2))
    else:
        print(format_report(report))
    return 0


def format_report(report: dict) -> str:
    o = report["outcomes"]
    t = o["tightness"]
    players = report.get("players") or {}
    games = "game" if report["runs"] == 1 else "games"
    others = "; the other seats AI" if set(o["signed"]) - set(players) else ""  # every seat yours: no AI seat
    played = (f"AI-only {games}" if not players else
              f"{games} (" + ", ".join(f"{seat}: {spec}" for seat, spec in players.items()) + f"{others})")
    lines = [f"{report['scenario']} v{report['version']}: {report['runs']} {played} "
             f"(seed {report['seed']}, events {report['events']}, {report['difficulty']})",
             f"tightness  mean {t['mean']:.1f}  p10 {t['p10']:.1f}  p50 {t['p50']:.1f}  p90 {t['p90']:.1f}",
             "labels     " + "  ".join(f"{k} {v}" for k, v in o["labels"].items())]
    sequencing = {k: v for k, v in o["sequencing"].items() if k != "None"}
    if sequencing:  # scenarios without a sequencing issue have none to count
        lines.append("sequencing " + "  ".join(f"{k} {v}" for k, v in sequencing.items()))
    iw = max([14] + [len(a) + 2 for a in o["signed"]])  # a long actor id keeps the columns
    lines += ["", f"{'actor':<{iw}}{'signed':>8}{'mean score':>12}"]
    for actor, share in o["signed"].items():
        lines.append(f"{actor:<{iw}}{share:>8.0%}{report['role_scores'][actor]:>12.2f}")
    lines.append("")
    lines.append("most common signatory sets:")
    for row in o["signatory_sets"][:5]:
        lines.append(signatory_set_line(row["share"], row["signed"]))
    return "\n".join(lines)


def signatory_set_line(share: float, signed: list[str], width: int = 100) -> str:
    """'   94%  russia, belarus, ...' - a long set (a large conference) with its count first and
    wrapped under itself, so that each set stays readable and the shares line up."""
    head = f"  {share:>5.0%}  "
    if not signed:
        return head + "(none)"
    text = ", ".join(signed)
    if len(head) + len(text) <= width:
        return head + text
    import textwrap

    return textwrap.fill(f"{len(signed)} signatories: {text}", width, initial_indent=head,
                         subsequent_indent=" " * len(head), break_on_hyphens=False)


def cmd_strength(args) -> int:
    from game.session.simulate import PlayerError, PlayerSpecError
    from game.session.strength import format_table, strength_table

    if not _counts_at_least_one(runs=args.runs, workers=args.workers):
        return 2
    scenario = check_scenario(args.scenario)
    for spec in args.player:
        seat, sep, rest = spec.partition("=")
        if sep and re.fullmatch(r"[\w .'-]+", seat) and ":" in rest:
            _fail(f"--player {spec}: strength plays your player in every seat in turn, so give only SPEC "
                  f"(--player {rest}), and --seat {seat} to keep to that seat")
            return 1
    if not _check_players({spec: spec for spec in args.player}):
        return 1
    seats = None
    if args.seat:
        try:  # the same words as --role: a number, an id, a short code or a name
            seats = resolve_roles(scenario, args.seat)
        except ValueError as exc:
            _fail(str(exc))
            return 1
    progress = _progress if sys.stderr.isatty() else None
    try:
        table = strength_table(args.scenario, args.runs, args.seed, seats, workers=args.workers,
                               progress=progress, players=args.player)
    except (PlayerError, PlayerSpecError) as exc:
        if progress:
            sys.stderr.write("\n")
        _fail(f"--player {exc}")
        return 1
    if args.json:
        print(json.dumps(table, indent=2, sort_keys=True))
    else:  # what the numbers are over, to cite them
        mine = "".join(f", {spec}" for spec in dict.fromkeys(args.player))
        print(f"{scenario.id} v{scenario.version}: {args.runs} game{'s' * (args.runs != 1)} per seat and "
              f"player (ai, random, passive{mine}), the same seeds for each (seed {args.seed}, events "
              "historical, normal); role scores 0-100\n")
        print(format_table(table))
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

    if args.window:
        return _replay_window(args)
    if args.size:
        _fail("--size only works with --window")
        return 2
    try:
        match = load_match(args.save, current_scenario=args.current_scenario)
    except SaveFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        hint = autosave_hint(args.save, "treaty-table replay", exc)
        if hint:
            print(hint, file=sys.stderr)
        return 1
    from game.textmode.render import hang, results_text, term_width

    width = term_width()  # the text mode's width: $COLUMNS, the terminal's, else 100
    print(hang("", _game_line(match, match.bots), width, indent=2))  # which game this is: enough to play it again
    if match.reworded_from:
        from game.session.match import reworded_note

        print(hang("", f"(Note: {reworded_note(match)}.)", width))
    print()
    for entry in match.state.log:
        if entry.visible is not None and not args.private:
            continue
        tag = "" if entry.visible is None else "[private] "
        print(hang(f"r{entry.round + 1} {tag}", entry.text, width))  # wrapped under the entry's text
    if match.over:
        print()
        print(results_text(match, width))
    else:
        again = " --current-scenario" if args.current_scenario else ""  # else the command is refused again
        print(f"\n(the game stopped in round {match.state.round + 1}; resume it with: "
              f"treaty-table play --load {shlex.quote(str(args.save))}{again})")
    return 0


def _replay_window(args) -> int:
    """``replay SAVE --window``: the saved game in the window, move by move (game/ui/scene_replay.py)."""
    if args.private:
        _fail("--private is for the printed replay; in the window, W shows any delegation's private view")
        return 2
    if not _has_display():
        _fail("no display: the window needs a graphical session (DISPLAY and WAYLAND_DISPLAY are not set); "
              "leave out --window to print the replay in the terminal")
        return 1
    try:
        from game.ui.app import run_app
    except ImportError as exc:
        print(f"The window cannot start ({exc}); leave out --window.", file=sys.stderr)
        return 1
    window_args = argparse.Namespace(replay=args.save, load=None, current_scenario=args.current_scenario,
                                     size=args.size, scenario=None, role=[],
                                     seed=None, difficulty=None, events=None, facilitator=False,
                                     autoplay=False, screenshots=None)
    return run_app(window_args)


def _game_line(match, players: dict[str, str] | None = None) -> str:
    """'cst-1999 v1.1.4: seed 5, events historical, difficulty normal; Georgia human, the other
    seats AI' - the settings a saved game was played with. A seat ``players`` names (seat ->
    spec, as ``simulate --player`` records them) shows as 'Georgia played by bots/x.py:Bot'."""
    names = {a.id: a.name for a in match.scenario.actors}
    kinds: dict[str, list[str]] = {}
    for actor, kind in match.seats.items():
        if players and actor in players:
            kind = f"played by {players[actor]}"
        kinds.setdefault(kind, []).append(names.get(actor, actor))
    if set(kinds) == {"ai"}:
        seats = "every seat AI"
    else:
        seats = "; ".join(f"{', '.join(who)} {kind}" for kind, who in kinds.items() if kind != "ai")
        seats += ", the other seats AI" if "ai" in kinds else ""
    from game.session.match import earlier_note, takeback_note

    earlier = earlier_note(match)
    earlier = f" (replayed on it: {earlier})" if earlier else ""
    taken = takeback_note(match)
    seats += f"; take-backs: {taken}" if taken else ""
    return (f"{match.scenario.id} v{match.scenario.version}{earlier}: seed {match.seed}, events {match.options.events}, "
            f"difficulty {match.difficulty}; {seats}")


def cmd_validate(args) -> int:
    """Exit 0 when every file is valid (warnings allowed), 1 when one is not, 2 when a name
    is neither a file, a folder of .yaml files nor a built-in id (every other file is still
    checked)."""
    from game.scenarios.loader import validate
    from game.scenarios.registry import builtin_paths

    usage_error = failed = False
    for ref in args.paths:
        if not ref.strip():
            print("error: an empty name was given: name a scenario file, a folder of them or a built-in id",
                  file=sys.stderr)
            usage_error = True
            continue
        path = Path(ref)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except (OSError, ValueError):
            is_dir = exists = False
        if is_dir:
            found = sorted(str(p) for p in path.glob("*.yaml"))
            if not found:
                print(f"error: {ref}: the folder holds no .yaml files", file=sys.stderr)
                usage_error = True
        elif exists or ref in builtin_paths():
            found = [ref]
        else:
            print(f"error: {ref}: no such file or built-in scenario id "
                  "(run 'treaty-table scenarios' to list the built-in ones)", file=sys.stderr)
            usage_error = True
            found = []
        for one in found:
            failed = not _validate_one(validate, one) or failed
    return 2 if usage_error else 1 if failed else 0


def _validate_one(validate, path: str) -> bool:
    """Print one file's problems and verdict; True if it is valid."""
    sc, problems = validate(path)
    problems = in_file_order(problems)
    for p in problems:
        print(p.format())
    n_err = sum(1 for p in problems if p.severity != "warning")
    n_warn = len(problems) - n_err
    warned = f", {n_warn} warning{'s' * (n_warn != 1)}" if n_warn else ""
    if sc is None:
        print(f"{path}: invalid, {n_err} error{'s' * (n_err != 1)}{warned}")
        return False
    print(f"{path}: valid ({sc.id} v{sc.version}){warned}")
    return True


def in_file_order(problems: list) -> list:
    """Problems sorted by file, line and column (as an editor lists them)."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.column))


def check_scenario(ref: str):
    """Validate as 'validate' does before playing: warnings go to stderr, errors raise
    ScenarioError; returns the scenario."""
    from game.scenarios.loader import validate

    sc, problems = validate(ref)
    problems = in_file_order(problems)
    if sc is None:
        raise ScenarioError(problems)
    for p in problems:
        print(p.format(), file=sys.stderr)
    return sc


def cmd_schema(args) -> int:
    from game.scenarios.editor_schema import json_schema_text

    sys.stdout.write(json_schema_text())
    return 0


# --- classroom kit: briefs, debrief, grade sheet (game/report) ---------------------

def _add_report_parsers(sub) -> None:
    from game.report.html import PAPERS

    br = sub.add_parser("briefs", help="printable HTML role briefs and facilitator guide")
    br.add_argument("--scenario", default=DEFAULT_SCENARIO, help="built-in id or YAML file")
    br.add_argument("--out", required=True, metavar="DIR",
                    help="folder to write the HTML files into (created if needed)")
    br.add_argument("--paper", choices=PAPERS, default="auto", help="page size for printing")
    de = sub.add_parser("debrief", help="the debrief report of a finished game (HTML)")
    de.add_argument("save")
    de.add_argument("--out", metavar="FILE.html",
                    help="the HTML file to write (a folder: SAVE-debrief.html inside it); needed unless "
                         "--slides is given")
    de.add_argument("--slides", metavar="FILE.html",
                    help="also write the debrief as slides for a projector (a folder: SAVE-slides.html "
                         "inside it)")
    de.add_argument("--csv", metavar="FILE.csv",
                    help="also write the grade sheet as CSV (a folder: SAVE-grades.csv inside it)")
    de.add_argument("--ai-runs", type=int, default=30, metavar="N",
                    help="AI-only games to compare with (default 30; 0 for none)")
    de.add_argument("--seed", type=int, default=None, help="seed of the AI-only games (default: the save's)")
    de.add_argument("--paper", choices=PAPERS, default="auto", help="page size for printing")
    de.add_argument("--current-scenario", action="store_true", help=CURRENT_SCENARIO_HELP)
    gr = sub.add_parser("grades", help="the grade sheet of a finished game (CSV)")
    gr.add_argument("save")
    gr.add_argument("--out", required=True, metavar="FILE.csv",
                    help="the CSV file to write (a folder: SAVE-grades.csv inside it)")
    gr.add_argument("--ai-runs", type=int, default=30, metavar="N",
                    help="AI-only games for the AI baseline (default 30; 0 for none)")
    gr.add_argument("--seed", type=int, default=None, help="seed of the AI-only games (default: the save's)")
    gr.add_argument("--current-scenario", action="store_true", help=CURRENT_SCENARIO_HELP)


def cmd_briefs(args) -> int:
    from game.report.briefs import write_briefs
    from game.scenarios.loader import load_scenario

    scenario = load_scenario(args.scenario)
    folder = out_dir(args.out, "--out")
    if folder is None:
        return 1
    try:
        files = write_briefs(scenario, folder, args.paper, args.scenario)
    except OSError as exc:  # (a full disk half-way: the files written so far are whole, the kit is not)
        _fail_incomplete(exc, args.out, "kit")
        return 1
    print(f"wrote {len(files)} files to {args.out}; open {files[0]}")
    return 0


def _finished_match(path: str, current_scenario: bool = False):
    from game.session.saves import ScenarioChanged, load_match
    from game.session.store import SaveFileError

    try:
        match = load_match(path, current_scenario=current_scenario)
    except SaveFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if isinstance(exc, ScenarioChanged) and not exc.tried:
            print("add --current-scenario to play its moves again on the scenario as it is now (the game's "
                  "events and scores then follow it)", file=sys.stderr)
        return None
    if not match.over:
        print(f"error: {path}: the game has not ended (it stopped in round {match.state.round + 1}); "
              f"finish it with 'treaty-table play --load {shlex.quote(str(path))}"
              f"{' --current-scenario' if current_scenario else ''}' first", file=sys.stderr)
        return None
    return match


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _clobbers(save: str, outputs: list[tuple[str, Path, str]]) -> bool:
    """Whether an output file is the save itself or another output of the same command (one
    error line if so): ``debrief game.json --out game.json`` would replace the class's only
    record of the game with the report."""
    for i, (option, path, default_name) in enumerate(outputs):
        if _same_file(path, Path(save)):
            _fail(f"{option} {path} is the save file itself: writing there would destroy the game; "
                  f"nothing was written: name another file (e.g. {default_name})")
            return True
        for other, prev, _ in outputs[:i]:
            if path.resolve() == prev.resolve() or _same_file(path, prev):
                _fail(f"{other} and {option} name the same file {path}: the second would replace the "
                      "first; nothing was written: give them different names")
                return True
    return False


def cmd_debrief(args) -> int:
    from game.report import debrief as D
    from game.report.grades import write_grades_csv

    if args.ai_runs < 0:
        print("error: --ai-runs must be 0 or more", file=sys.stderr)
        return 2
    if args.out is None and args.slides is None:
        print("error: say where to write the debrief: --out FILE.html (the report), --slides FILE.html "
              "(slides for a projector), or both", file=sys.stderr)
        return 2
    match = _finished_match(args.save, args.current_scenario)
    if match is None:
        return 1
    stem = Path(args.save).stem
    wanted = [("--out", args.out, f"{stem}-debrief.html"), ("--slides", args.slides, f"{stem}-slides.html"),
              ("--csv", args.csv, f"{stem}-grades.csv")]
    outputs = []
    for option, given, default in wanted:
        if given is not None:
            path = out_file(given, option, default)
            if path is None:
                return 1
            outputs.append((option, path, default))
    if _clobbers(args.save, outputs):
        return 1
    paths = {option: path for option, path, _ in outputs}
    d = D.analyse(match, args.ai_runs, args.seed)
    if "--slides" in paths:  # (first: the report links to it)
        from game.report import slides as S

        if not _write_text(paths["--slides"], S.render(d)):
            return 1
        print(f"wrote {paths['--slides']}")
    if "--out" in paths:
        slides = paths.get("--slides")
        href = D.slides_href(slides, paths["--out"]) if slides is not None else None
        if not _write_text(paths["--out"], D.render(d, args.paper, href)):
            return 1
        print(f"wrote {paths['--out']}")
    csv = paths.get("--csv")
    if csv is not None:
        try:
            print(f"wrote {write_grades_csv(d.grades, csv)}")
        except OSError as exc:
            _fail(f"cannot write {csv} ({_reason(exc)})")
            return 1
    return 0


def cmd_grades(args) -> int:
    from game.report.debrief import ai_cloud
    from game.report.grades import grade_rows, write_grades_csv
    from game.scoring import history_result

    if args.ai_runs < 0:
        print("error: --ai-runs must be 0 or more", file=sys.stderr)
        return 2
    match = _finished_match(args.save, args.current_scenario)
    if match is None:
        return 1
    default = f"{Path(args.save).stem}-grades.csv"
    out = out_file(args.out, "--out", default)
    if out is None or _clobbers(args.save, [("--out", out, default)]):
        return 1
    ai = ai_cloud(match, args.ai_runs, args.seed)
    means = {a: sum(g["scores"][a] for g in ai) / len(ai) for a in match.game.model.actor_ids} if ai else None
    rows = grade_rows(match, None, history_result(match.game.model), means)
    try:
        print(f"wrote {write_grades_csv(rows, out)}")
    except OSError as exc:
        _fail(f"cannot write {out} ({_reason(exc)})")
        return 1
    return 0


# --- authoring: a template to start from, the balance report ------------------------

def _add_authoring_parsers(sub) -> None:
    new = sub.add_parser("new-scenario", help="write a commented scenario template to start from")
    new.add_argument("path", help="the YAML file to write (its name becomes the scenario id)")
    new.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    bal = sub.add_parser("balance", help="play AI-only games and write a balance report (HTML + summary)")
    bal.add_argument("scenario", help="built-in id or YAML file")
    bal.add_argument("--runs", type=int, default=100, help="AI-only games (default 100)")
    bal.add_argument("--workers", type=int, default=1,
                     help="processes to play them in (default 1; the result does not depend on it)")
    bal.add_argument("--out", default="balance", metavar="DIR",
                     help="folder for <id>.html and <id>.md (default: ./balance)")
    bal.add_argument("--seed", type=int, default=1, help="master seed: the same seed gives the same report (default 1)")
    bal.add_argument("--sensitivity-runs", type=int, default=None, metavar="N",
                     help="games per changed parameter (default: a fifth of --runs, at least 10; 0: none)")
    bal.add_argument("--events", choices=EVENT_MODES, default="historical",
                     help="historical events, probabilistic ones, or none (default historical)")
    bal.add_argument("--difficulty", choices=DIFFICULTIES, default="normal",
                     help="the AI's level (default normal; it sets how the AI treats the seats people play, "
                          "so in these AI-only games every level plays as normal)")
    bal.add_argument("--json", action="store_true", help="print the whole report as JSON instead of the summary")
    act = sub.add_parser(
        "actor-table", help="the delegations' numbers as a spreadsheet (CSV) with their sources; an edited "
        "one back as a variant scenario",
        description="Write every number the AI plays and scores the delegations by as a CSV table, one "
        "number per row beside where it comes from; after you edit its 'value' column in a spreadsheet, "
        "--apply makes a variant scenario (extends: SCENARIO) with the changed numbers. Example: "
        "treaty-table actor-table cst-1999 --out actors.csv, then treaty-table actor-table cst-1999 "
        "--apply actors.csv --out our-class.yaml")
    act.add_argument("scenario", help="built-in id or YAML file")
    act.add_argument("--out", metavar="FILE",
                     help="the CSV to write (default: print it), or with --apply the variant's .yaml file")
    act.add_argument("--apply", metavar="EDITED.csv",
                     help="read an edited table and write a variant of SCENARIO with the changed numbers "
                     "(needs --out VARIANT.yaml)")
    act.add_argument("--id", help="the variant's scenario id (default: the --out file's name)")
    act.add_argument("--title", help="the variant's title (default: SCENARIO's title, marked edited)")
    act.add_argument("--force", action="store_true", help="overwrite the --out file if it exists")


def cmd_new_scenario(args) -> int:
    from game.scenarios.template import write_template

    path = Path(args.path)
    if path.suffix not in (".yaml", ".yml"):
        print(f"error: {path}: a scenario file name ends in .yaml", file=sys.stderr)
        return 2
    if path.is_dir():
        _fail(f"{path} is a folder: give the name of the .yaml file to write")
        return 1
    if out_file(str(path), "", path.name) is None:
        return 1
    try:
        written = write_template(path, force=args.force)
    except FileExistsError:
        print(f"error: {path} already exists (use --force to overwrite it)", file=sys.stderr)
        return 1
    except OSError as exc:
        _fail(f"cannot write {path} ({_reason(exc)}); choose another folder")
        return 1
    print(f"wrote {path}" + (f" and {written[1].name} (for editors)" if len(written) > 1 else ""))
    quoted = shlex.quote(str(path))
    print(f"next: treaty-table validate {quoted}   then   treaty-table play --scenario {quoted} --text")
    return 0


def cmd_balance(args) -> int:
    from game.report.balance import balance_report, summary_text, write_report

    if not _counts_at_least_one(runs=args.runs, workers=args.workers):
        return 2
    if (args.sensitivity_runs or 0) < 0:
        _fail(f"--sensitivity-runs {args.sensitivity_runs}: it must be 0 (no sensitivity games) or more")
        return 2
    scenario = check_scenario(args.scenario)
    folder = out_dir(args.out, "--out")
    if folder is None:
        return 1
    progress = _progress if sys.stderr.isatty() else None
    report = balance_report(scenario, args.runs, args.seed, args.events, args.difficulty, args.workers,
                            args.sensitivity_runs, progress=progress)
    try:
        files = write_report(report, folder)
    except OSError as exc:
        _fail_incomplete(exc, args.out, "report")
        return 1
    if args.json:
        print(json.dumps(report, sort_keys=True, indent=2))
    else:
        print(summary_text(report))
        print()
    print(f"wrote {', '.join(str(f) for f in files)}", file=sys.stderr if args.json else sys.stdout)
    return 0



def cmd_actor_table(args) -> int:
    from game.scenarios.loader import load_scenario

    if Path(args.scenario).suffix.lower() in (".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods"):
        table = shlex.quote(args.scenario)
        _fail(f"{args.scenario} is a table, not a scenario: name the scenario first (a built-in id such as "
              f"{DEFAULT_SCENARIO}, or a .yaml file), e.g. treaty-table actor-table {DEFAULT_SCENARIO} --apply "
              f"{table} --out my-variant.yaml")
        return 2
    base = load_scenario(args.scenario)
    if args.apply is None:
        return _write_actor_table(args, base)
    return _apply_actor_table(args, base)


def _write_actor_table(args, base) -> int:
    """actor-table SCENARIO [--out FILE.csv]: the table, on standard output or into a new file."""
    from game.scenarios import actor_table as T

    if args.id or args.title:
        _fail("--id and --title name the variant that --apply writes; to write the table, leave them out")
        return 2
    rows = T.table_rows(base)
    text = T.table_csv(base, rows)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    out = out_file(args.out, "--out", f"{base.id}-actors.csv")
    if out is None:
        return 1
    if out.suffix.lower() != ".csv":
        _fail(f"{args.out}: the table is written as CSV: give a file name ending in .csv")
        return 2
    if out.exists() and not args.force:
        _fail(f"{out} already exists: it may hold your edits (use --force to overwrite it, or "
              "choose another name)")
        return 1
    try:
        write_text_atomic(out, "\ufeff" + text)  # the mark makes Excel read the names as UTF-8
    except OSError as exc:  # a disk that filled up since out_file tried it: the old file stays
        _fail_nothing_written(out, exc)
        return 1
    quoted, ref = shlex.quote(str(out)), shlex.quote(args.scenario)
    variant = shlex.quote(T.variant_path(args.scenario, "my-variant.yaml"))
    print(f"wrote {out}: {len(rows)} numbers of {len(base.actors)} delegations, each with where it comes from")
    print(f"next: change the 'value' column in a spreadsheet, save it as CSV, then\n"
          f"  treaty-table actor-table {ref} --apply {quoted} --out {variant}")
    return 0


def _apply_actor_table(args, base) -> int:
    """actor-table SCENARIO --apply EDITED.csv --out VARIANT.yaml: the variant with the changed numbers."""
    from game.scenarios import actor_table as T

    if not args.out:
        _fail("--apply writes a variant scenario: name it with --out, e.g. --out my-variant.yaml")
        return 2
    out = Path(args.out).expanduser()
    if out.is_dir():
        _fail(f"{args.out} is a folder: give the name of the variant's .yaml file to write, e.g. --out "
              f"{shlex.quote(str(out / 'my-variant.yaml'))}")
        return 2
    if out.suffix.lower() not in (".yaml", ".yml"):
        _fail(f"{args.out}: the variant is a scenario file: give a file name ending in .yaml")
        return 2
    from game.scenarios.template import scenario_id_for
    new_id = args.id or scenario_id_for(out)  # as new-scenario names one: 'Unsere Klasse' -> 'unsere-klasse'
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", new_id):
        from game.scenarios.translit import suggest_id
        _fail(f"'{new_id}' cannot be a scenario id (letters, digits, '-' and '_', starting with a "
              f"letter): give one with --id, e.g. --id {suggest_id(new_id, 'my-variant')}")
        return 2
    from game.scenarios.registry import builtin_paths
    if new_id == base.id or new_id in builtin_paths():
        _fail(f"the variant needs its own id, not '{new_id}' (saves, autosaves and reports tell scenarios "
              f"apart by id): give another file name, or --id {base.id}-edited")
        return 2
    from game.session.store import read_regular_file
    try:  # at most one byte over the limit; a pipe or a device is refused at once
        raw = read_regular_file(Path(args.apply).expanduser(), T.MAX_TABLE_BYTES + 1)
    except OSError as exc:
        _fail(f"cannot read {args.apply} ({_reason(exc)})")
        return 1
    if len(raw) > T.MAX_TABLE_BYTES:
        _fail(f"{args.apply} is larger than {T.MAX_TABLE_BYTES // 2**20} MB, far more than an actor table "
              f"(that of {base.id} is {len(T.table_csv(base)) // 1024 + 1} KB): is it the right file?")
        return 1
    notes: list = []
    try:
        edits = T.read_table(base, raw, args.apply, notes)
    except ScenarioError as exc:
        print("error: the table has problems (nothing was written; each is given as FILE:ROW:COLUMN, the "
              f"columns counted 1 = A, 2 = B, ...):\n{exc}", file=sys.stderr)
        return 1
    for note in notes:
        print(note.format())
    found = T.changes(base, edits)
    if not found:
        print(f"no number in {args.apply} differs from {base.id}'s: nothing to write")
        return 0
    try:
        extends = T.extends_ref(args.scenario, out)
    except ValueError as exc:
        _fail(str(exc))
        return 1
    title = args.title or (base.title if base.title.endswith("(edited)") else f"{base.title} (edited)")
    command = " ".join(shlex.quote(a) for a in ["treaty-table", "actor-table", args.scenario, "--apply",
                                               args.apply, "--out", args.out])
    data = T.variant_data(base, found, extends, new_id, title, Path(args.apply).name)
    if out_file(str(out), "--out", out.name) is None:
        return 1
    try:
        warnings = T.write_variant(T.variant_yaml(data, base.id, command), out, args.force, found, base,
                                   args.apply)
    except FileExistsError:
        _fail(f"{out} already exists (use --force to overwrite it, or choose another name)")
        return 1
    except OSError as exc:  # a full disk (the check copy beside it has no name of its own to give)
        _fail_nothing_written(out, exc)
        return 1
    except ScenarioError as exc:
        print(f"error: the edited table makes a scenario that cannot be played (nothing was written):"
              f"\n{exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}: a variant of {base.id} (its id: {new_id}) with {len(found)} "
          f"number{'s' * (len(found) != 1)} changed:")
    for e, old in found:
        print(f"  {T.change_line(e, old)}")
    for w in warnings:
        print(w.format())
    moved = [base.actor(e.actor).name for e, _ in found if e.number == "status"]
    if moved:
        print(f"note: only the numbers changed: the texts and events of {base.id} (its description, the briefs, "
              f"the news of each round) still tell its story, and may say otherwise about "
              f"{', '.join(moved)}; edit them in {out.name} if they should change")
    quoted = shlex.quote(str(out))
    print(f"next: treaty-table play --scenario {quoted}   (what the change does over many games: "
          f"treaty-table balance {quoted})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
