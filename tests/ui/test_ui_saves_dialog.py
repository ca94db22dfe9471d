"""The save/load dialog: readable rows read once, broken files marked (and a good autosave
offered when one fails to load), time order, every row reachable, rows with room for their
two lines; and the history text on the results screen at 1920x1080 with large text."""

from __future__ import annotations

import os
import shutil

import pygame
import pytest

from game.ui.scenes import SaveLoadScene
from tests.ui.ui_helpers import click, frames


def _payload(seed: int = 3, round_: int = 0, ended: bool = False) -> dict:
    from game.engine import Options
    from game.scenarios.loader import load_scenario
    from game.session.match import Match

    m = Match(load_scenario("cst-1999"), seed=seed, options=Options(events="historical"),
              seats={"georgia": "human"}, difficulty="normal", scenario_ref="cst-1999")
    p = m.to_payload()
    p["progress"] = dict(p.get("progress", {}), round=round_)
    if ended:
        p["progress"]["phase"] = "ended"
    return p


def _autosaves():
    from game.session.store import AutosaveSlots, user_data_dir

    return AutosaveSlots(user_data_dir() / "autosaves")


def _touch(path, t: float) -> None:
    os.utime(path, (t, t))


def _open(app, mode: str = "load") -> SaveLoadScene:
    app.push(SaveLoadScene(app, mode))
    frames(app, 2)
    return app.top


def test_rows_say_scenario_round_roles_and_finished(build_app):
    slots = _autosaves()
    first = slots.write(_payload(round_=0))
    later = slots.write(_payload(round_=2))
    done = slots.write(_payload(seed=4, ended=True))
    app = build_app()
    sc = _open(app)
    by_path = {r.path: r for r in sc.rows}
    assert by_path[first].title == "Autosave \u2014 Prolong or Adapt? (cst-1999), round 1 of 6, you: Georgia"
    assert "round 3 of 6" in by_path[later].title
    assert by_path[done].title.endswith(", finished, you: Georgia") and by_path[done].finished
    for r in sc.rows:  # the second line: date and file name
        assert r.path.name in r.detail and not r.problem
    assert f"saves:{first.name}" in sc.ui.names()


def test_payloads_are_read_once_when_the_dialog_opens(build_app, monkeypatch):
    from game.session import saves

    slots = _autosaves()
    for n in range(3):
        slots.write(_payload(round_=n))
    calls = []
    real = saves.read_game_payload
    monkeypatch.setattr(saves, "read_game_payload", lambda p: calls.append(p) or real(p))
    app = build_app()
    calls.clear()  # (the title screen looks for an interrupted game)
    sc = _open(app)
    assert len(calls) == 3
    frames(app, 10)
    sc.list_state["offset"] = 40
    frames(app, 3)
    assert len(calls) == 3


def test_broken_autosave_is_marked_and_load_offers_the_latest_good_one(build_app):
    from game.session.store import game_key
    from game.ui.scene_table import TableScene

    slots = _autosaves()
    payload = _payload(seed=5)
    good = slots.write(payload)
    broken = slots.folder / f"autosave-0099-{game_key(payload)}.json"
    broken.write_bytes(b"")
    app = build_app()
    sc = _open(app)
    row = sc.entry_for(broken)
    assert row.problem and row.title.startswith("Autosave \u2014 cannot be read: ")
    assert "empty" in row.problem
    assert sc.rows[0].path == broken  # newest
    click(app, f"saves:{broken.name}")
    assert sc.selected == broken
    click(app, "load:do")
    assert app.top is sc
    assert "cannot be opened" in sc.error and broken.name in sc.error and "empty" in sc.error
    assert "latest good autosave of this game" in sc.hint
    assert sc.selected == good
    frames(app, 2)
    # the message is drawn (not hidden under the list or the buttons)
    assert sc.list_rect.bottom < app.top.ui.find("load:do").rect.top
    click(app, "load:do")
    assert isinstance(app.top, TableScene)


def test_no_hint_when_no_autosave_loads(build_app):
    slots = _autosaves()
    slots.folder.mkdir(parents=True, exist_ok=True)
    broken = slots.folder / "autosave-0001-cst-1999-0badf00d.json"
    broken.write_text('{"format": "treaty-table-save", "payl')
    app = build_app()
    sc = _open(app)
    assert sc.entry_for(broken).problem
    sc.select(broken)
    sc.do_load()
    assert "cannot be opened" in sc.error and "No autosave" in sc.hint and sc.selected == broken


def test_no_other_games_autosave_for_a_broken_save_that_names_no_scenario(build_app):
    """An empty manual save tells neither its game nor its scenario: another game's autosave
    would be no help, and the dialog does not call it one of 'this scenario' (as the command
    line's hint, it offers nothing)."""
    from game.session.store import user_data_dir

    _autosaves().write(_payload(seed=5))
    saves = user_data_dir() / "saves"
    saves.mkdir(parents=True, exist_ok=True)
    broken = saves / "mine.json"
    broken.write_bytes(b"")
    app = build_app()
    sc = _open(app)
    sc.select(broken)
    sc.do_load()
    assert "cannot be opened" in sc.error and "No autosave" in sc.hint and sc.selected == broken


def test_saves_and_autosaves_in_one_time_order(build_app):
    import time

    from game.session.store import user_data_dir

    slots = _autosaves()
    a1 = slots.write(_payload(round_=0))
    a2 = slots.write(_payload(round_=1))
    a3 = slots.write(_payload(round_=2))
    now = time.time()
    for n, p in enumerate((a1, a2, a3)):
        _touch(p, now - 3000 + n * 1000)
    folder = user_data_dir() / "saves"
    folder.mkdir(parents=True)
    manual = folder / "mine.json"
    shutil.copy(a1, manual)
    _touch(manual, now - 1500)  # between a2 and a3
    app = build_app()
    sc = _open(app)
    assert [r.path for r in sc.rows] == [a3, manual, a2, a1]
    assert sc.entry_for(manual).title.startswith("Save \u201cmine\u201d \u2014 Prolong or Adapt?")


@pytest.mark.parametrize("size,large", [("1024x600", False), ("1920x1080", True)])
def test_every_row_reachable_and_rows_fit_their_text(build_app, size, large):
    import time

    from game.session.store import user_data_dir

    src = _autosaves().write(_payload())
    folder = user_data_dir() / "saves"
    folder.mkdir(parents=True)
    now = time.time()
    for n in range(75):
        p = folder / f"save-{n:02d}.json"
        shutil.copy(src, p)
        _touch(p, now - 10_000 - n * 60)  # save-74 is the oldest
    app = build_app(size=size)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    sc = _open(app)
    assert len(sc.rows) == 76
    row_h, pad, gap = sc.row_height()
    body, small = app.fonts.line_height("body", True), app.fonts.line_height("small")
    assert pad >= 4 and row_h - gap == body + small + 2 * pad  # room above, between and below
    # scroll to the end with the wheel: the oldest row is drawn, whole, at the bottom
    region = sc.ui.find("saves:list")
    for _ in range(100):
        region.on_wheel(-3)
    frames(app, 2)
    last = sc.ui.find("saves:save-74.json")
    assert last is not None
    assert last.rect.bottom <= sc.list_rect.bottom and last.rect.height == row_h - gap
    assert sc.list_state["offset"] == len(sc.rows) * row_h - gap - sc.list_rect.height
    assert sc.ui.find(f"saves:{sc.rows[-2].path.name}") is not None


def test_second_line_clear_of_the_outline(build_app):
    _autosaves().write(_payload())
    app = build_app(record_text=True)
    sc = _open(app)
    sc.select(sc.rows[0].path)
    frames(app, 2)
    row = sc.ui.find(f"saves:{sc.rows[0].path.name}").rect
    drawn = [r for s, r in app.text_rects if s in (sc.rows[0].title, sc.rows[0].detail)]
    assert len(drawn) == 2
    for r in drawn:
        assert r.top >= row.top + 3 and r.bottom <= row.bottom - 3, (r, row)


def test_results_history_text_at_1920_large(build_app):
    from tests.ui.ui_helpers import finish_game, run_until

    app = build_app(role=["georgia"], seed=7, size="1920x1080", record_text=True)
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    click(app, "brief:done")
    res = finish_game(app)
    run_until(app, lambda: res.cloud.done, limit=600)
    frames(app, 3)
    assert res.vm.history_summary
    assert res.history_lines >= 1  # text under the heading, not the heading alone
    # in less room: the heading goes before the text does; in one line only the pointer stays
    small = app.fonts.get("small").get_linesize()
    surf = pygame.Surface((800, 400))
    heading = f"What happened on {res.vm.history_date}"
    for height, lines in ((2 * small, 1), (small, 0)):
        app.recorded.clear()
        res._draw_history(surf, res.vm, pygame.Rect(0, 0, 600, height))
        assert res.history_lines == lines
        assert heading not in app.recorded


def test_rows_say_the_ai_difficulty_of_a_game_people_played(build_app):
    """A teacher's groups at easy and at hard: the list tells their saves apart."""
    slots = _autosaves()
    hard = slots.write(dict(_payload(seed=6), difficulty="hard"))
    alone = dict(_payload(seed=7), seats={})  # an AI-only game: the level changes nothing there
    ai_only = slots.write(alone)
    odd = slots.write(dict(_payload(seed=8), difficulty="\x1b[2Jbrutal"))
    app = build_app()
    sc = _open(app)
    by_path = {r.path: r for r in sc.rows}
    assert "AI difficulty hard" in by_path[hard].detail and hard.name in by_path[hard].detail
    assert "difficulty" not in by_path[ai_only].detail
    assert "difficulty" not in by_path[odd].detail  # an unknown level from a hand-edited file is left out
