"""A player who upgrades: the files earlier versions of the game wrote, opened by this one.

tests/data/old_versions/<date>-<commit>/ holds real files made by the game at that commit (its
README.md says which command made each): saves from the text mode, autosaves, simulate's and a
bot game's saves, a facilitator's save, a save of a custom scenario file (kept beside it), and the
window's settings. Every save either loads and plays on (or, finished, gives its result), or says
that its scenario has changed since - naming the version it was played on and the one found now,
and offering to play its moves again on the scenario as it is now; taken up, that offer resumes the
game or names the move the current version refuses. A save from before today's rules (edition 2:
an offer to a delegation that has passed is answered, it no longer expires) whose moves they refuse
says so and names the move. Never another exception, never a traceback, and the corpus itself is
never written to (every test works on a copy).
"""

from __future__ import annotations

import io
import json
import math
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.session import facilitator as F
from game.session.saves import ScenarioChanged, current_scenario_hint, latest_good_autosave
from game.session.store import AutosaveSlots, SaveFileError, read_save, user_data_dir

CORPUS = Path(__file__).parent / "data" / "old_versions"
COMMITS = sorted(d.name for d in CORPUS.iterdir() if d.is_dir())
SAVES = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.json") if p.name != "settings.json")
FINISHED = [s for s in SAVES if read_save(CORPUS / s).get("progress", {}).get("phase") == "ended"]
UNFINISHED = [s for s in SAVES if s not in FINISHED]


def test_the_corpus_is_there() -> None:
    assert len(COMMITS) >= 6 and len(SAVES) >= 30 and FINISHED and UNFINISHED
    for commit in COMMITS:
        assert (CORPUS / commit / "settings.json").is_file()
        assert commit.rsplit("-", 1)[1] in (CORPUS / "README.md").read_text(encoding="utf-8")


def _copy(save: str, tmp_path: Path) -> Path:
    """A copy of the save's whole commit folder (a custom scenario stays beside its save); the
    copy of the save."""
    commit, rest = save.split("/", 1)
    shutil.copytree(CORPUS / commit, tmp_path / commit)
    return tmp_path / commit / rest


def _plays_on(match, payload: dict) -> None:
    """The game a save holds, loaded: every move of it, and then either a result (finished) or
    a game that goes on (a few more moves, the people's seats played by the AI)."""
    assert len(match.actions) == len(payload["actions"])
    if match.over:
        result = match.result()
        assert all(math.isfinite(r.score) for r in result.roles.values())
        return
    steps = match.state.steps
    for person in match.humans:
        match.set_seat(person, "ai")
    for _ in range(3):
        if match.over:
            break
        match.step_ai()
    assert match.state.steps > steps


def _earlier_rules(exc: SaveFileError, payload: dict) -> bool:
    """A save from before rules edition 2 (it records none) whose moves today's rules refuse: an
    offer to a delegation that had passed expired unanswered then, now it is called back to
    answer. Said so, with the refused move (its scenario unchanged: nothing else to offer)."""
    message = str(exc)
    return ("rules" not in payload and "earlier edition of the rules" in message and "refused on replay" in message
            and "\n" not in message)


def _changed_says_both_versions(exc: ScenarioChanged, payload: dict) -> None:
    message = str(exc)
    assert "\n" not in message and "Traceback" not in message
    assert exc.saved == payload["scenario"]["version"]
    assert f"version {exc.saved}" in message
    if exc.found != exc.saved:
        assert f"version {exc.found}" in message
    else:
        assert "different content" in message


@pytest.mark.parametrize("save", SAVES)
def test_an_old_save_loads_or_says_its_scenario_changed(save: str, tmp_path: Path) -> None:
    path = _copy(save, tmp_path)
    before = path.read_bytes()
    payload = read_save(path)
    try:
        match = F.load(path)  # what the window's Load and the title's Resume do
    except ScenarioChanged as exc:
        assert not exc.tried
        _changed_says_both_versions(exc, payload)
        assert "play its moves again on the scenario as it is now" in str(exc)  # the offer
        hint = current_scenario_hint(path, "treaty-table play --text --load", exc)
        assert hint.endswith(" --current-scenario") and (exc.found == exc.saved or f"version {exc.found}" in hint)
    except SaveFileError as exc:
        assert _earlier_rules(exc, payload), str(exc)
    else:
        _plays_on(match, payload)
    assert path.read_bytes() == before


@pytest.mark.parametrize("save", SAVES)
def test_the_offer_to_play_on_the_current_scenario_resumes_or_names_the_refused_move(save: str,
                                                                                     tmp_path: Path) -> None:
    path = _copy(save, tmp_path)
    payload = read_save(path)
    try:
        match = F.load(path, current_scenario=True)
    except ScenarioChanged as exc:  # a move of the save is refused by the current version
        assert exc.tried and exc.reason
        _changed_says_both_versions(exc, payload)
        assert "refused" in exc.reason and "action" in exc.reason
    except SaveFileError as exc:
        assert _earlier_rules(exc, payload), str(exc)
    else:
        _plays_on(match, payload)


def _said(capsys) -> tuple[str, str]:
    got = capsys.readouterr()
    return got.out, got.err


def _clear_refusal(code: int, err: str) -> None:
    """Exit 0, or an error: its first line 'error: ...' and at most one more line (the way on), no
    traceback."""
    assert "Traceback" not in err
    if code != 0:
        lines = err.strip().splitlines()
        assert code in (1, 2) and lines and lines[0].startswith("error: ") and len(lines) <= 2, err


@pytest.mark.parametrize("save", SAVES)
def test_replay_of_an_old_save(save: str, tmp_path: Path, capsys) -> None:
    path = _copy(save, tmp_path)
    code = main(["replay", str(path)])
    out, err = _said(capsys)
    _clear_refusal(code, err)
    if code:  # a changed scenario, with the way on; or a save from before today's rules
        assert "--current-scenario" in err or "earlier edition of the rules" in err
    code = main(["replay", str(path), "--current-scenario"])
    out, err = _said(capsys)
    _clear_refusal(code, err)


@pytest.mark.parametrize("save", FINISHED)
@pytest.mark.parametrize("command", ["debrief", "grades"])
def test_debrief_and_grades_of_a_finished_old_save(save: str, command: str, tmp_path: Path, capsys) -> None:
    path = _copy(save, tmp_path)
    out_file = tmp_path / ("report.html" if command == "debrief" else "sheet.csv")
    args = [command, str(path), "--out", str(out_file), "--ai-runs", "0"]
    code = main(args)
    _, err = _said(capsys)
    _clear_refusal(code, err)
    if code:
        assert "--current-scenario" in err and not out_file.exists()
        code = main(args + ["--current-scenario"])
        _, err = _said(capsys)
        _clear_refusal(code, err)
    if code == 0:
        assert out_file.stat().st_size > 0


@pytest.mark.parametrize("save", SAVES)
def test_the_text_mode_resumes_an_old_save(save: str, tmp_path: Path, capsys, monkeypatch) -> None:
    """play --text --load SAVE, then 'quit' at the first turn of a person (a finished or AI-only
    game shows its result)."""
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    path = _copy(save, tmp_path)
    for extra in ([], ["--current-scenario"]):
        monkeypatch.setattr("sys.stdin", io.StringIO("quit\n"))
        code = main(["play", "--text", "--load", str(path), *extra])
        out, err = _said(capsys)
        if code == 0:
            assert "Traceback" not in out + err
            continue
        _clear_refusal(code, err)
        if not extra:
            assert "--current-scenario" in err or "earlier edition of the rules" in err


@pytest.mark.parametrize("commit", COMMITS)
def test_old_settings_are_read_at_start_up(commit: str, tmp_path: Path) -> None:
    from game.ui.settings import Settings

    home = user_data_dir()
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS / commit / "settings.json", home / "settings.json")
    written = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    settings = Settings.load()
    assert settings.problem is None
    for key, value in written.items():
        assert getattr(settings, key) == value, key
    assert settings.size == (1600, 900) and settings.font_scale == "large" and settings.ai_speed == "fast"


@pytest.mark.parametrize("commit", COMMITS)
def test_old_autosaves_are_listed_and_the_latest_good_one_resumes(commit: str, tmp_path: Path,
                                                                   monkeypatch) -> None:
    folder = user_data_dir() / "autosaves"
    shutil.copytree(CORPUS / commit / "autosaves", folder)
    names = sorted(p.name for p in folder.iterdir())
    assert sorted(p.name for p in AutosaveSlots(folder).entries()) == names
    good = latest_good_autosave()
    if good is not None:
        F.load(good)
    # the title screen's look at the autosaves (its Resume offer and its note on the newest one)
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    from game.ui.scenes import find_interrupted, newest_autosave_problem

    offered = find_interrupted()
    newest_autosave_problem(offered[0] if offered else None)


@pytest.mark.parametrize("commit", COMMITS)
def test_new_autosaves_keep_an_old_finished_games_final_autosave(commit: str, tmp_path: Path) -> None:
    """Autosaves of a version that did not name them by game (nor mark a final one '-end') hold
    finished games too: many later games do not prune such a game's only final autosave first."""
    folder = tmp_path / "autosaves"
    shutil.copytree(CORPUS / commit / "autosaves", folder)
    finals = [p.name for p in folder.iterdir() if read_save(p).get("progress", {}).get("phase") == "ended"]
    assert finals
    newer = read_save(CORPUS / commit / "text-cst-1999-partial.json")
    slots = AutosaveSlots(folder, limit=len(list(folder.iterdir())) + 3)  # one later game, 10 autosaves
    for step in range(10):
        slots.write(dict(newer, progress=dict(newer["progress"], steps=1000 + step)))
    assert set(finals) <= {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("commit", COMMITS)
def test_the_windows_load_opens_each_old_save_or_asks_about_the_scenario(commit: str, tmp_path: Path,
                                                                          monkeypatch) -> None:
    """Load game in the window: a save opens (the table, or the results of a finished game), or the
    window asks whether to play it on the current version of its scenario; yes opens it, or the
    dialog says which move is refused."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    from types import SimpleNamespace

    from game.ui import app as appmod

    saves = [s for s in SAVES if s.startswith(commit + "/")]
    shutil.copytree(CORPUS / commit, tmp_path / commit)
    args = SimpleNamespace(scenario=None, role=[], seed=1, load=None, difficulty="normal", events="historical",
                           gui=True, text=False, autoplay=False, screenshots=None, size="1280x720",
                           current_scenario=False, no_takeback=False, facilitator=False)
    app = appmod.build(args, strict=True)
    try:
        app.step(1 / 60)
        for save in saves:
            _load_in_the_window(app, tmp_path / save)
    finally:
        app.close()


def _load_in_the_window(app, path: Path) -> None:
    from game.ui.scene_results import ResultsScene
    from game.ui.scene_table import TableScene
    from game.ui.scenes import ConfirmScene, SaveLoadScene, TitleScene
    from tests.ui.ui_helpers import click

    app.match = None
    app.reset(TitleScene(app))
    app.push(SaveLoadScene(app, "load"))
    app.step(1 / 60)
    dialog = app.top
    dialog.do_load(path)
    app.step(1 / 60)
    if isinstance(app.top, ConfirmScene):
        assert app.top.name == "changed" and "version" in app.top.text
        click(app, "changed:ok")  # Play on the current version
    if app.top is dialog:  # refused: said in the dialog
        assert dialog.error.startswith(f"This save ({path.name}) cannot be") and "refused" in dialog.error
    else:
        assert isinstance(app.top, (TableScene, ResultsScene)), (path.name, type(app.top).__name__)
        assert app.match is not None and len(app.match.actions) == len(read_save(path)["actions"])


def _same_rules(payload: dict) -> bool:
    """The save's scenario is a built-in one at a version whose rules are today's (only its words
    have changed since: scenarios/past-versions.json), or it is today's version itself."""
    from game.scenarios import wording as W
    from game.scenarios.loader import load_scenario
    from game.scenarios.registry import builtin_paths

    info = payload["scenario"]
    if (info.get("ref") or info["id"]) not in builtin_paths():
        return False
    return W.saved_rules(info) == W.rules_hash(load_scenario(info["id"]))


REWORDED = [s for s in SAVES if _same_rules(read_save(CORPUS / s))]


def test_old_saves_of_a_scenario_changed_in_its_words_only_load_without_asking(tmp_path: Path) -> None:
    """Most built-in versions in the corpus (cst-1999 1.1.0-1.1.3 among them) differ from today's in
    words only: their saves open as they are, with a word about the wording, and no question."""
    from game.session.match import reworded_note

    assert len(REWORDED) >= 20
    for save in REWORDED:
        path = _copy(save, tmp_path / save.replace("/", "_"))
        payload = read_save(path)
        try:
            match = F.load(path)
        except SaveFileError as exc:  # only a save from before today's rules may fail, and says why
            assert _earlier_rules(exc, payload), f"{save}: {exc}"
            continue
        assert match.earlier_scenarios == [] and len(match.actions) == len(payload["actions"])
        if payload["scenario"]["version"] != match.scenario.version:
            assert reworded_note(match).startswith("the scenario's wording has been updated"), save
