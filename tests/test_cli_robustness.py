"""The command line on bad paths, bad roles, bad window options; saves found from any
folder; the autosave offered after a failed load; the autosave policy; version and help."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.scenarios.loader import load_scenario
from game.scenarios.template import scenario_id_for
from game.session.match import Match
from game.session.saves import autosave_hint, latest_good_autosave, load_match, save_match
from game.session.store import AutosaveSlots, read_save, user_data_dir, write_save


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_error(code: int, err: str, *words: str) -> None:
    """Exit 1, one 'error:' line that holds ``words``, no traceback."""
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    for w in words:
        assert w in lines[0], (w, lines[0])


@pytest.fixture()
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "x.json"
    path.write_text("keep me", encoding="utf-8")
    return path


def saved_tutorial_game(folder: Path, seed: int, name: str) -> Path:
    """A finished AI-only game of the tutorial, saved as ``folder/name``."""
    match = Match(load_scenario("tutorial"), seed=seed, scenario_ref="tutorial")
    match.run_ai()
    path = folder / name
    save_match(match, path)
    return path


@pytest.fixture(scope="module")
def finished_save(tmp_path_factory) -> Path:
    return saved_tutorial_game(tmp_path_factory.mktemp("saves"), 5, "class.json")


# --------------------------------------------------------------------------- 1. output paths

def test_simulate_save_dir_that_is_a_file(capsys, a_file: Path) -> None:
    code, out, err = run(capsys, "simulate", "--runs", "2", "--save-dir", a_file)
    one_error(code, err, str(a_file), "is a file", "--save-dir needs a folder")
    assert out == "" and a_file.read_text("utf-8") == "keep me"


def test_simulate_save_dir_that_cannot_be_created(capsys, a_file: Path) -> None:
    code, _, err = run(capsys, "simulate", "--runs", "2", "--save-dir", a_file / "sub")
    one_error(code, err, "cannot create the folder", "--save-dir")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_simulate_save_dir_in_proc(capsys) -> None:
    code, _, err = run(capsys, "simulate", "--runs", "2", "--save-dir", "/proc/no-such-folder")
    one_error(code, err, "/proc/no-such-folder", "choose another folder")


@pytest.mark.parametrize("argv", [["briefs", "--out"], ["balance", "tutorial", "--runs", "3", "--out"]])
def test_folder_outputs_given_a_file(capsys, a_file: Path, argv) -> None:
    code, _, err = run(capsys, *argv, a_file)
    one_error(code, err, "is a file", "--out needs a folder")
    assert a_file.read_text("utf-8") == "keep me"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder(capsys, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run(capsys, "briefs", "--out", locked)
        one_error(code, err, "cannot write into the folder", "permission denied")
    finally:
        locked.chmod(0o700)


def test_debrief_and_grades_into_a_folder(capsys, tmp_path: Path, finished_save: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, err = run(capsys, "debrief", finished_save, "--out", out, "--ai-runs", "0", "--csv", out)
    assert code == 0, err
    assert (out / "class-debrief.html").read_text("utf-8").startswith("<!")
    assert (out / "class-grades.csv").exists() and "class-debrief.html" in stdout
    (out / "class-grades.csv").unlink()
    code, stdout, err = run(capsys, "grades", finished_save, "--out", out, "--ai-runs", "0")
    assert code == 0 and (out / "class-grades.csv").exists(), err


def test_debrief_output_inside_a_file(capsys, a_file: Path, finished_save: Path) -> None:
    code, _, err = run(capsys, "grades", finished_save, "--out", a_file / "g.csv", "--ai-runs", "0")
    one_error(code, err, "is a file, not a folder")
    code, _, err = run(capsys, "debrief", finished_save, "--out", a_file / "d.html", "--ai-runs", "0")
    one_error(code, err, "is a file, not a folder")


def test_new_scenario_where_it_cannot_be_written(capsys, a_file: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "new-scenario", a_file / "x.yaml")
    one_error(code, err, "is a file, not a folder")
    (tmp_path / "d.yaml").mkdir()
    code, _, err = run(capsys, "new-scenario", tmp_path / "d.yaml")
    one_error(code, err, "is a folder")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_new_scenario_in_proc(capsys) -> None:
    code, _, err = run(capsys, "new-scenario", "/proc/x.yaml")
    one_error(code, err, "/proc/x.yaml")


def test_an_os_error_from_deep_inside_is_one_line(capsys, monkeypatch, finished_save: Path, tmp_path) -> None:
    import game.report.grades as G

    def refuse(rows, path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(G, "write_grades_csv", refuse)
    code, _, err = run(capsys, "grades", finished_save, "--out", tmp_path / "g.csv", "--ai-runs", "0")
    one_error(code, err, "permission denied")


# --------------------------------------------------------------------------- 1. roles and seats

def test_strength_with_an_unknown_seat(capsys) -> None:
    code, out, err = run(capsys, "strength", "--runs", "2", "--seat", "mars")
    one_error(code, err, "no such role 'mars'", "the roles are:", "russia", "georgia")
    assert out == ""


def test_play_with_an_unknown_role_lists_the_roles(capsys) -> None:
    code, _, err = run(capsys, "play", "--text", "--role", "mars")
    one_error(code, err, "no such role 'mars'", "1 russia", "4 georgia")


def test_play_role_by_number_and_name_as_the_prompt_numbers_them(monkeypatch, capsys) -> None:
    from game.textmode import play as P

    scenario = load_scenario("cst-1999")
    listed = [a for a in scenario.actors if a.status != "non_party"]
    seen = {}

    def fake_run_text(args, inp=None, out=None):
        seen["roles"] = list(args.role)
        return 0

    monkeypatch.setattr(P, "run_text", fake_run_text)
    assert main(["play", "--text", "--role", "4", "--role", "Belarus"]) == 0
    assert seen["roles"] == [listed[3].id, "belarus"]
    # the prompt's own numbering gives the same role for the same number
    from game.scenarios.roles import role_of

    assert role_of(scenario, "4") == listed[3].id


def test_play_role_number_out_of_range(capsys) -> None:
    code, _, err = run(capsys, "play", "--text", "--role", "99")
    one_error(code, err, "no such role '99'")


# --------------------------------------------------------------------------- 2. scenario files, any folder

def _play_a_file_scenario(folder: Path, monkeypatch) -> Path:
    monkeypatch.chdir(folder)
    assert main(["new-scenario", "my-treaty.yaml"]) == 0
    match = Match(load_scenario("my-treaty.yaml"), seed=2, scenario_ref="my-treaty.yaml")
    match.run_ai()
    save = folder / "saves" / "game.json"
    save_match(match, save)
    return save


def test_a_save_of_a_scenario_file_loads_from_another_folder(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "a").mkdir()
    save = _play_a_file_scenario(tmp_path / "a", monkeypatch)
    ref = read_save(save)["scenario"]["ref"]
    assert Path(ref).is_absolute() and Path(ref) == (tmp_path / "a" / "my-treaty.yaml").resolve()
    elsewhere = tmp_path / "b"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    assert main(["replay", str(save)]) == 0
    assert "RESULT" in capsys.readouterr().out


def test_builtin_scenarios_stay_ids_in_saves(tmp_path) -> None:
    match = Match(load_scenario("tutorial"), seed=1, scenario_ref="tutorial")
    assert match.to_payload()["scenario"]["ref"] == "tutorial"


def test_an_old_save_with_a_relative_ref_is_found_beside_the_save(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert main(["new-scenario", "my-treaty.yaml"]) == 0
    match = Match(load_scenario("my-treaty.yaml"), seed=2, scenario_ref="my-treaty.yaml")
    match.run_ai()
    payload = match.to_payload()
    payload["scenario"]["ref"] = "my-treaty.yaml"  # as saves recorded it before
    write_save(folder / "old.json", payload)
    monkeypatch.chdir(tmp_path)
    resumed = load_match(folder / "old.json")
    assert resumed.over and resumed.seed == 2
    assert Path(resumed.to_payload()["scenario"]["ref"]) == (folder / "my-treaty.yaml").resolve()
    # a save moved to another computer with its scenario: found by file name beside it
    payload["scenario"]["ref"] = "/no/such/folder/my-treaty.yaml"
    write_save(folder / "moved.json", payload)
    assert load_match(folder / "moved.json").over


# --------------------------------------------------------------------------- 3. the autosave offered

def _autosave(scenario: str, seed: int, steps: int | None = None) -> Path:
    match = Match(load_scenario(scenario), seed=seed, scenario_ref=scenario)
    match.run_ai(**({} if steps is None else {"max_steps": steps}))
    return AutosaveSlots(user_data_dir() / "autosaves").write(match.to_payload())


def _broken_save(tmp_path: Path, scenario: str, seed: int) -> Path:
    match = Match(load_scenario(scenario), seed=seed, scenario_ref=scenario)
    match.run_ai()
    path = tmp_path / "broken.json"
    save_match(match, path)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    return path


def test_the_hint_offers_only_the_same_scenario(tmp_path, capsys) -> None:
    tutorial = _autosave("tutorial", 4)
    _autosave("montreal-1987", 1, steps=20)  # newer, another scenario: never offered
    broken = _broken_save(tmp_path, "tutorial", 3)
    code, _, err = run(capsys, "replay", broken)
    assert code == 1
    assert f"The latest good autosave is {tutorial}" in err
    assert f"replay it with: treaty-table replay {tutorial}" in err and "resume it" not in err
    assert "montreal" not in err


def test_the_hint_prefers_the_same_game(tmp_path, capsys) -> None:
    same = _autosave("tutorial", 3, steps=10)
    _autosave("tutorial", 4)  # newer, same scenario, another game
    broken = _broken_save(tmp_path, "tutorial", 3)
    code, _, err = run(capsys, "play", "--text", "--load", broken)
    assert code == 1 and f"The latest good autosave is {same} (this game" in err
    assert f"resume it with: treaty-table play --text --load {same}" in err


def test_no_hint_when_only_other_scenarios_have_autosaves(tmp_path, capsys) -> None:
    _autosave("montreal-1987", 1, steps=20)
    broken = _broken_save(tmp_path, "tutorial", 3)
    code, _, err = run(capsys, "replay", broken)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "autosave" not in err


def test_only_current_scenario_offered_when_the_scenario_changed(tmp_path, monkeypatch, capsys) -> None:
    """No autosave brings the old scenario back: the line offers --current-scenario instead."""
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "mine.yaml"]) == 0
    match = Match(load_scenario("mine.yaml"), seed=1, scenario_ref="mine.yaml")
    match.run_ai()
    save_match(match, tmp_path / "game.json")
    _autosave("tutorial", 4)  # resumes, but is another game: no help here
    path = tmp_path / "mine.yaml"
    text = path.read_text("utf-8")  # a changed rule (a change to its words alone would load without asking)
    assert "  action_points: 3 " in text
    path.write_text(text.replace("  action_points: 3 ", "  action_points: 4 ", 1), encoding="utf-8")
    _autosave(str(path), 2)  # a game of the changed scenario: it resumes, but not the old game
    capsys.readouterr()
    assert main(["replay", str(tmp_path / "game.json")]) == 1
    err = capsys.readouterr().err
    assert "different content" in err and "autosave" not in err
    save = tmp_path / "game.json"
    assert autosave_hint(save, "treaty-table replay") == (
        "To play its moves again on the scenario as it is now (its current content; the game's events and "
        f"scores then follow it): treaty-table replay {save} --current-scenario")


# --------------------------------------------------------------------------- 4. autosave policy

def _game_payload(scenario: str, seed: int, round_: int, ended: bool = False) -> dict:
    return {"kind": "treaty-table-game", "scenario": {"id": scenario, "version": "1", "hash": "h"},
            "seed": seed, "options": {"events": "historical"}, "seats": {}, "difficulty": "normal",
            "actions": [], "progress": {"round": round_, "phase": "ended" if ended else "diplomacy",
                                        "steps": round_}}


def test_a_finished_games_autosave_survives_later_games(tmp_path) -> None:
    slots = AutosaveSlots(tmp_path)
    for r in range(4):
        slots.write(_game_payload("cst-1999", 7, r))
    final = slots.write(_game_payload("cst-1999", 7, 5, ended=True))
    assert final.name.endswith("-end.json") and "cst-1999" in final.name
    for seed in range(100, 103):  # three later games of six rounds each
        for r in range(6):
            slots.write(_game_payload("cst-1999", seed, r))
    assert final.exists()
    games = slots.games()
    assert len(games) == 4 and all(len(paths) == 5 for paths in games.values())
    # the same seed played again (one game by its key): the old final autosave stays
    for r in range(8):
        slots.write(_game_payload("cst-1999", 7, r))
    assert final.exists()


def test_autosaves_have_an_overall_limit(tmp_path) -> None:
    slots = AutosaveSlots(tmp_path, keep=2, limit=7)
    for seed in range(10):
        for r in range(3):
            last = slots.write(_game_payload("tutorial", seed, r, ended=(r == 2)))
    entries = slots.entries()
    assert len(entries) == 7 and entries[0] == last
    # older autosaves went first, then the oldest games: the final autosaves of the newest 7 games
    assert [p.name.split("-")[1] for p in entries] == [f"{n:04d}" for n in range(30, 9, -3)]
    assert all(p.name.endswith("-end.json") for p in entries)


def test_unnamed_autosaves_keep_the_old_rotation(tmp_path) -> None:
    slots = AutosaveSlots(tmp_path)
    for n in range(8):
        slots.write({"turn": n})
    assert [p.name for p in slots.entries()] == [f"autosave-{n:04d}.json" for n in (8, 7, 6, 5, 4)]


def test_latest_good_autosave_default_still_offers_any_game() -> None:
    good = _autosave("tutorial", 4)
    assert latest_good_autosave() == good
    assert latest_good_autosave(scenario="montreal-1987") is None


# --------------------------------------------------------------------------- 5. simulate output

@pytest.mark.parametrize("scenario", ["tutorial", "montreal-1987"])
def test_simulate_without_a_sequencing_issue_prints_no_none(capsys, scenario) -> None:
    code, out, _ = run(capsys, "simulate", "--scenario", scenario, "--runs", "2")
    assert code == 0 and "None" not in out and "sequencing" not in out


def test_simulate_with_a_sequencing_issue_keeps_the_line(capsys) -> None:
    code, out, _ = run(capsys, "simulate", "--runs", "2")
    assert code == 0 and "\nsequencing " in out


# --------------------------------------------------------------------------- 6. window options

def _no_display(monkeypatch) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")


def test_gui_without_a_display_is_a_clear_error(monkeypatch, capsys) -> None:
    _no_display(monkeypatch)
    import game.ui.app as window

    def no_window(args):  # the old behaviour: a window nobody can see, which hangs
        raise AssertionError("the window was opened without a display")

    monkeypatch.setattr(window, "run_app", no_window)
    code, _, err = run(capsys, "play", "--gui")
    one_error(code, err, "no display", "--text", "SDL_VIDEODRIVER=dummy")


@pytest.mark.parametrize("size", ["abc", "10x10", "0x0", "100000x100000", "1280x", "959x600"])
def test_bad_window_sizes_are_refused(size, capsys, monkeypatch) -> None:
    import game.ui.app as window

    def no_window(args):  # the old behaviour: the size replaced by 1280x720 and the window opened
        raise AssertionError(f"the window was opened with --size {size}")

    monkeypatch.setattr(window, "run_app", no_window)
    with pytest.raises(SystemExit) as exc:
        main(["play", "--size", size])
    assert exc.value.code == 2
    assert "--size" in capsys.readouterr().err


def test_a_good_window_size_reaches_the_window_as_text(monkeypatch) -> None:
    from game.cli import _parser
    from game.ui.settings import parse_size

    args = _parser().parse_args(["play", "--size", "1600x900"])
    assert parse_size(args.size) == (1600, 900)
    assert _parser().parse_args(["play", "--size", "960x600"]).size == "960x600"


@pytest.mark.parametrize("option", [["--facilitator"], ["--autoplay"], ["--screenshots", "shots"],
                                    ["--size", "1280x720"]])
def test_window_options_with_text_are_an_error(option, capsys) -> None:
    code, _, err = run(capsys, "play", "--text", *option)
    assert code == 2 and err.startswith("error: ") and option[0] in err and "window" in err


def test_window_options_in_the_no_display_fallback_get_a_note(monkeypatch, capsys) -> None:
    _no_display(monkeypatch)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "play", "--role", "georgia", "--seed", "1", "--facilitator")
    assert code == 0 and "No display found" in err
    assert "note: --facilitator applies to the window only" in err


# --------------------------------------------------------------------------- 7. version and help

def test_version(capsys) -> None:
    from game.cli import package_version

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out.strip()
    assert out == f"treaty-table {package_version()}" and package_version()[0].isdigit()


def test_version_has_one_source(monkeypatch) -> None:
    """pyproject.toml takes the version from game/__init__.py (it cannot drift from it), and a
    run from the sources, with no installed package, reports that same version."""
    from importlib import metadata

    import game
    from game.cli import package_version

    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8")
    project = text[text.index("[project]"):]
    project = project[:project.index("\n[", 1)]
    assert 'dynamic = ["version"]' in project and "\nversion =" not in project
    assert '[tool.hatch.version]\npath = "game/__init__.py"' in text

    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert package_version() == game.__version__


def test_every_simulate_option_has_help(capsys) -> None:
    from game.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction))
    for action in sub.choices["simulate"]._actions:
        assert action.help, action.option_strings


# --------------------------------------------------------------------------- 8. scenario-file niggles

def _tutorial_with(old: str, new: str, path: Path) -> Path:
    text = (Path(__file__).resolve().parents[1] / "scenarios" / "tutorial.yaml").read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_known_ids_are_listed_once(tmp_path, capsys) -> None:
    path = _tutorial_with("  - id: tormund\n", "  - id: brisa\n", tmp_path / "dup.yaml")
    path.write_text(path.read_text("utf-8").replace("chair: corallia", "chair: zzzzzz"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "known: corallia, brisa)" in out and "brisa, brisa" not in out


def test_validate_checks_every_file_after_a_missing_one(tmp_path, capsys) -> None:
    bad = _tutorial_with("chair: corallia", "chair: nobody", tmp_path / "base.yaml")
    code = main(["validate", str(bad), str(tmp_path / "nothere.yaml"), "tutorial"])
    out, err = capsys.readouterr()
    assert code == 2  # a name that is no file: a usage error (docs/scenario-authoring.md)
    assert "base.yaml: invalid, 1 error" in out and "tutorial: valid" in out
    assert "nothere.yaml: no such file" in err
    code = main(["validate", str(tmp_path / "nothere.yaml"), str(bad)])
    assert code == 2 and "base.yaml: invalid" in capsys.readouterr().out


@pytest.mark.parametrize("line, quote", [('title: "Prolong or Adapt? The "CIS" treaty"', '"'),
                                         ("title: 'It's a test'", "'"),
                                         ('length: ["a "b", 2]', '"')])
def test_a_stray_quote_gets_a_quote_hint(tmp_path, capsys, line, quote) -> None:
    import re

    src = (Path(__file__).resolve().parents[1] / "scenarios" / "tutorial.yaml").read_text("utf-8")
    key = line.split(":")[0]
    path = tmp_path / "q.yaml"
    path.write_text(re.sub(rf"^{key}: .*$", lambda m: line, src, count=1, flags=re.M), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "a quote inside a quoted text ends it early" in out and "indentation" not in out
    assert f"a {quote} inside" in out


def test_a_real_indentation_error_keeps_its_message(tmp_path, capsys) -> None:
    path = _tutorial_with('title: "Tutorial: The Three Islands Fishing Pact"',
                          'title: "x"\n  bad: 1', tmp_path / "i.yaml")
    assert main(["validate", str(path)]) == 1
    assert "indentation does not match" in capsys.readouterr().out


# --------------------------------------------------------------------------- 9. new-scenario names

@pytest.mark.parametrize("name, expected", [("ünï.yaml", "uni"), ("Łódź Straße.yaml", "lodz-strasse"),
                                            ("Café Crème.yaml", "cafe-creme"), ("日本.yaml", "my-scenario"),
                                            ("2000 Ü.yaml", "scenario-2000-u")])
def test_ids_from_accented_names(name, expected) -> None:
    assert scenario_id_for(Path(name)) == expected


def test_new_scenario_next_command_is_quoted(tmp_path, monkeypatch, capsys) -> None:
    import shlex

    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "My Treaty!.yaml"]) == 0
    out = capsys.readouterr().out
    next_line = next(line for line in out.splitlines() if line.startswith("next:"))
    validate_cmd = next_line.removeprefix("next: ").split("   then   ")[0]
    assert shlex.split(validate_cmd) == ["treaty-table", "validate", "My Treaty!.yaml"]
    assert main(shlex.split(validate_cmd)[1:]) == 0
    assert "id: my-treaty" in (tmp_path / "My Treaty!.yaml").read_text("utf-8")


def test_json_output_of_simulate_unchanged(capsys) -> None:
    code, out, _ = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "2", "--json")
    assert code == 0 and "sequencing" in json.loads(out)["outcomes"]


def test_the_hint_command_survives_a_folder_with_spaces(tmp_path, monkeypatch, capsys) -> None:
    import shlex

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "Application Support"))
    good = _autosave("tutorial", 4)
    broken = _broken_save(tmp_path, "tutorial", 3)
    assert main(["replay", str(broken)]) == 1
    command = capsys.readouterr().err.split("replay it with: ", 1)[1].strip()
    assert shlex.split(command) == ["treaty-table", "replay", str(good)]


def test_roles_are_named_the_same_way_on_the_command_line_and_at_the_prompt() -> None:
    """One lookup (game.scenarios.roles) serves --role, --seat and the role prompt: numbers
    count only the parties, and a non-party is refused with the reason."""
    import io

    import pytest

    from game.scenarios.roles import resolve_roles, role_of
    from game.textmode.play import _choose_roles

    sc = load_scenario("tutorial")
    actors = list(sc.actors)
    outsider = actors[0].model_copy(update={"status": "non_party"})
    sc = sc.model_copy(update={"actors": [outsider] + actors[1:]})
    parties = actors[1:]
    assert role_of(sc, "1") == parties[0].id  # the outsider has no number
    assert role_of(sc, str(len(parties) + 1)) is None
    assert role_of(sc, f"  {parties[-1].name.upper()} ") == parties[-1].id
    assert role_of(sc, outsider.name) is None
    with pytest.raises(ValueError, match="is not a party"):
        resolve_roles(sc, [outsider.id])
    assert resolve_roles(sc, ["2", parties[1].short, "1"]) == [parties[1].id, parties[0].id]
    out = io.StringIO()
    picked = _choose_roles(sc, io.StringIO(f"{outsider.id}\n1 {parties[1].name.lower()}\n"), out)
    assert picked == [parties[0].id, parties[1].id]
    assert "Type numbers between 1 and" in out.getvalue()
