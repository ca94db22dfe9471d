"""Take-backs off in the window: chosen on the setup screen (readable at 1024x600 with large text and at
1280x720) or with ``play --no-takeback``; Ctrl+Z and the menu's item then say the teacher's reason and
change nothing; a loaded save keeps the choice; the results and the load list say it."""

from __future__ import annotations

import pygame
import pytest

from game.engine import actions as A
from game.scenarios.loader import load_scenario
from game.session.match import TAKEBACKS_OFF, Match
from game.session.saves import save_match
from game.ui.scene_table import TableScene
from game.ui.scenes import MenuScene, RolesScene
from tests.ui.ui_helpers import click, frames, press, takeback_lines_on_results, to_my_turn

REASON = "Cannot take back: take-backs are off in this game (the teacher's choice)."


def _roles(app) -> RolesScene:
    click(app, "title:new")
    click(app, "nav:next")
    assert isinstance(app.top, RolesScene)
    return app.top


def _said(app) -> str:
    return " ".join(t.message for t in app.toasts)


# --------------------------------------------------------------------------- the setup screen

@pytest.mark.parametrize("size,large", [("1024x600", True), ("1280x720", False)])
def test_the_setup_screen_has_the_choice_readable_beside_the_others(build_app, size, large):
    app = build_app(role=[], size=size, record_text=True)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    roles = _roles(app)
    click(app, "role:georgia")
    frames(app, 2)
    ui = roles.ui
    names = ["difficulty:easy", "difficulty:hard", "events:historical", "events:none", "takebacks:on",
             "takebacks:off", "seed:random"]
    rects = {n: ui.find(n).rect for n in names}
    for n, r in rects.items():
        assert app.screen.get_rect().contains(r), n
    for a in names:  # no control over another
        for b in names:
            assert a == b or not rects[a].colliderect(rects[b]), (a, b)
    assert "Take-backs" in app.recorded and {"On", "Off"} <= app.recorded
    seed = roles.entries["seed"].rect
    assert seed.top >= max(rects["takebacks:on"].bottom, rects["takebacks:off"].bottom)  # the seed field below
    assert "You play Georgia." in " ".join(app.recorded)  # the summary still has room
    assert ui.find("takebacks:off").tooltip.startswith("No take-backs: every move stands")


def test_the_choice_is_made_by_click_or_t_and_belongs_to_the_game_started(build_app):
    app = build_app(role=[])
    roles = _roles(app)
    click(app, "role:georgia")
    assert not app.setup.takebacks_off and roles.takeback_line() == ""
    click(app, "takebacks:off")
    assert app.setup.takebacks_off
    assert roles.takeback_line().startswith(" Take-backs off: every move stands")
    press(app, pygame.K_t)
    assert not app.setup.takebacks_off
    press(app, pygame.K_t)
    assert app.setup.takebacks_off
    click(app, "nav:start")
    assert app.match is not None and app.match.takebacks_off


def test_no_takeback_on_the_command_line_chooses_off_on_the_setup_screen(build_app):
    app = build_app(role=[], no_takeback=True)
    _roles(app)
    assert app.setup.takebacks_off
    direct = build_app(role=["georgia"], no_takeback=True)  # --role: straight to the table
    assert direct.match.takebacks_off


# --------------------------------------------------------------------------- during play

def test_ctrl_z_says_the_reason_and_changes_nothing(build_app):
    app = build_app(role=["georgia"], seed=4, no_takeback=True)
    table = to_my_turn(app)
    app.toasts.clear()
    press(app, pygame.K_z, pygame.KMOD_LCTRL)  # before any move of its own: the same reason
    assert REASON in _said(app)
    table.act("pass")
    table = to_my_turn(app)
    before = list(app.match.actions)
    app.toasts.clear()
    press(app, pygame.K_z, pygame.KMOD_LCTRL)
    assert app.match.actions == before and app.match.takebacks == {}
    assert REASON in _said(app) and "Taken back" not in _said(app)
    assert app.find_scene(TableScene) is table  # the same table: nothing was rebuilt


def test_the_menu_shows_the_item_dimmed_with_the_reason(build_app):
    app = build_app(role=["georgia"], seed=4, no_takeback=True)
    table = to_my_turn(app)
    table.act("pass")
    to_my_turn(app)
    before = list(app.match.actions)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene)
    frames(app, 1)
    items = {name: label for label, _, name, _ in app.top.items}
    assert items["menu:takeback"] == "Take-backs are off"
    region = app.top.ui.find("menu:takeback")
    assert region.tooltip.startswith("Take-backs are off in this game (the teacher's choice): every move stands.")
    click(app, "menu:takeback")  # clicked: the menu closes and the reason is said
    assert isinstance(app.top, TableScene)
    assert app.match.actions == before and app.match.takebacks == {} and REASON in _said(app)
    press(app, pygame.K_ESCAPE)
    app.toasts.clear()
    press(app, pygame.K_u)  # its key, too
    assert app.match.actions == before and REASON in _said(app)


def test_a_loaded_save_keeps_them_off_and_no_takeback_turns_them_off(build_app, tmp_path):
    m = Match(load_scenario("cst-1999"), seed=4, seats={"georgia": "human"}, scenario_ref="cst-1999",
              takebacks_off=True)
    m.run_ai()
    m.submit(A.Pass("georgia"))
    m.run_ai()
    save_match(m, tmp_path / "off.json")
    app = build_app(load=str(tmp_path / "off.json"))
    assert app.match.takebacks_off
    assert app.match.take_back_refusal("georgia") == TAKEBACKS_OFF

    m.takebacks_off = False
    save_match(m, tmp_path / "on.json")
    on = build_app(load=str(tmp_path / "on.json"))
    assert not on.match.takebacks_off
    turned = build_app(load=str(tmp_path / "on.json"), no_takeback=True)
    assert turned.match.takebacks_off


def test_no_takeback_leaves_a_finished_game_as_it_was_played(build_app, tmp_path):
    """`play --load FINISHED --no-takeback` said a game played with take-backs on had them off (the
    results; and its final autosave said so to the grade sheet): a finished game is not resumed."""
    m = Match(load_scenario("tutorial"), seed=4, seats={"brisa": "human"}, scenario_ref="tutorial")
    while not m.over:
        m.run_ai()
        if not m.over:
            m.submit(A.Pass(m.to_move) if m.state.phase != "signing" else A.Sign(m.to_move, True))
    save_match(m, tmp_path / "done.json")
    app = build_app(scenario="tutorial", load=str(tmp_path / "done.json"), no_takeback=True)
    assert app.match.over and not app.match.takebacks_off

def test_the_load_list_says_take_backs_off(build_app):
    from game.session.store import AutosaveSlots, user_data_dir
    from game.ui.scenes import SaveLoadScene

    slots = AutosaveSlots(user_data_dir() / "autosaves")
    off = slots.write(Match(load_scenario("cst-1999"), seed=3, seats={"georgia": "human"},
                            scenario_ref="cst-1999", takebacks_off=True).to_payload())
    on = slots.write(Match(load_scenario("cst-1999"), seed=5, seats={"georgia": "human"},
                           scenario_ref="cst-1999").to_payload())
    app = build_app()
    app.push(SaveLoadScene(app, "load"))
    frames(app, 2)
    rows = {r.path: r for r in app.top.rows}
    assert "  \u00b7  take-backs off  \u00b7  " in rows[off].detail and rows[off].detail.endswith(off.name)
    assert "take-backs" not in rows[on].detail


# --------------------------------------------------------------------------- the results

def test_the_results_say_take_backs_were_off(build_app):
    m = Match(load_scenario("tutorial"), seed=2, seats={"brisa": "human"}, takebacks_off=True)
    lines = takeback_lines_on_results(build_app, m)
    assert ("brisa", "Take-backs were off in this game (the teacher's choice): every move stood.") in lines


def test_the_keyboard_help_says_ctrl_z_is_off_in_this_game(build_app):
    from game.ui.scenes import HelpScene

    app = build_app(role=["georgia"], seed=4, no_takeback=True)
    rows = dict(r for _, keys in HelpScene(app).sections() for r in keys)
    assert rows["Ctrl+Z"] == "take back your last move: off in this game (the teacher's choice)"
    solo = build_app(role=["georgia"], seed=4)
    assert "off" not in dict(r for _, keys in HelpScene(solo).sections() for r in keys)["Ctrl+Z"]
