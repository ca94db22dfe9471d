"""Taking back a move in the window: Ctrl+Z at the table or the menu's item (U), on your turn only."""

from __future__ import annotations

import pygame

from game.ui.scene_table import TableScene
from game.ui.scenes import MenuScene
from tests.ui.ui_helpers import click, frames, takeback_lines_on_results, to_my_turn


def _press(app, key, mod=0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=""))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=""))  # (a key held down
    frames(app, 2)  # repeats: a second KEYDOWN with no KEYUP between is not a new press)


def _menu_items(app) -> list[str]:
    _press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene)
    frames(app, 1)
    names = [name for _, _, name, _ in app.top.items]
    return names


def test_ctrl_z_takes_back_and_the_menu_offers_it_only_when_it_can(build_app):
    app = build_app(role=["georgia"])
    table = to_my_turn(app)
    assert table.can_take_back() is None  # no move of its own yet
    assert "menu:takeback" not in _menu_items(app)
    _press(app, pygame.K_ESCAPE)

    before = list(app.match.actions)
    _press(app, pygame.K_z, pygame.KMOD_LCTRL)  # nothing to take back: said, nothing changes
    assert app.match.actions == before
    assert any("Cannot take back" in t.message for t in app.toasts)

    table.act("pass")
    table = to_my_turn(app)
    assert len(app.match.actions) > len(before) + 1
    _press(app, pygame.K_z, pygame.KMOD_LCTRL)
    assert app.match.actions == before and app.match.takebacks == {"georgia": 1}
    said = " ".join(t.message for t in app.toasts)
    assert "Taken back: Georgia passes" in said and "the results count 1 take-back" in said

    table = to_my_turn(app)
    table.act("pass")
    to_my_turn(app)
    assert "menu:takeback" in _menu_items(app)
    click(app, "menu:takeback")
    assert app.match.actions == before and app.match.takebacks == {"georgia": 2}
    assert isinstance(app.top, TableScene)


def test_plain_z_still_resets_the_working_text(build_app):
    app = build_app(role=["georgia"])
    table = to_my_turn(app)
    start = list(table.compose)
    table.pick_cell(0, (start[0] + 1) % 3)
    assert list(table.compose) != start
    _press(app, pygame.K_z)
    assert list(table.compose) == start and app.match.takebacks == {}


def test_hotseat_the_menu_offers_no_take_back_that_would_be_refused(build_app):
    from tests.ui.ui_helpers import to_human_turn

    app = build_app(role=["georgia", "azerbaijan"], seed=4)
    table = to_human_turn(app, "georgia")
    table.act("pass")
    table = to_human_turn(app, "georgia", others="pass")  # Azerbaijan has passed since
    assert any(a.actor == "azerbaijan" for a in app.match.actions)
    assert table.can_take_back() is None
    assert "menu:takeback" not in _menu_items(app)
    _press(app, pygame.K_ESCAPE)
    before = list(app.match.actions)
    _press(app, pygame.K_z, pygame.KMOD_LCTRL)  # Ctrl+Z says why
    assert app.match.actions == before and app.match.takebacks == {}
    assert any("Cannot take back: Azerbaijan has moved since" in t.message for t in app.toasts)


def test_a_take_back_across_a_round_says_which_round_it_is_again(build_app):
    app = build_app(role=["georgia"], seed=4)
    table = to_my_turn(app)
    table.act("pass")  # Georgia's last move of round 1: its next turn is in round 2
    to_my_turn(app)
    assert app.match.state.round == 1
    _press(app, pygame.K_z, pygame.KMOD_LCTRL)
    assert app.match.state.round == 0 and app.match.takebacks == {"georgia": 1}
    said = " ".join(t.message for t in app.toasts)
    assert "Taken back: Georgia passes, and every move made after it." in said and "Your move again (back in round 1);" in said


def test_the_facilitators_help_gives_ctrl_z_one_meaning(build_app):
    from game.ui.scenes import HelpScene

    app = build_app(role=["georgia"], facilitator=True, seed=4)
    rows = [key for _, keys in HelpScene(app).sections() for key, _ in keys]
    assert "F4 or Ctrl+Z" in rows and "Ctrl+Z" not in rows  # the console's undo, not a person's take-back
    solo = build_app(role=["georgia"], seed=4)
    assert "Ctrl+Z" in [key for _, keys in HelpScene(solo).sections() for key, _ in keys]


def test_the_take_back_keeps_the_draft_and_delegation_chosen_so_the_same_key_makes_the_same_move(build_app):
    app = build_app(role=["georgia"], seed=7)
    table = to_my_turn(app)
    table.pick_draft(1)
    table.pick_actor("russia")
    assert [d.id for d in app.match.state.drafts][-1] != 1  # (a new screen would choose the newest draft)
    _press(app, pygame.K_e)  # a misclick: Endorse
    to_my_turn(app)
    played = list(app.match.actions)
    _press(app, pygame.K_z, pygame.KMOD_LCTRL)
    table = app.find_scene(TableScene)
    frames(app, 2)
    assert (table.sel_draft, table.sel_actor) == (1, "russia")
    assert list(table.compose) == list(app.match.state.draft(1).levels)
    _press(app, pygame.K_e)
    to_my_turn(app)
    assert app.match.actions == played


def test_a_draft_taken_back_is_the_working_text_again(build_app):
    app = build_app(role=["georgia"], seed=7)
    table = to_my_turn(app)
    table.pick_cell(0, 0)
    table.pick_cell(2, 0)
    tabled = list(table.compose)
    _press(app, pygame.K_t)
    assert any(a.kind == "table" and a.actor == "georgia" for a in app.match.actions)
    to_my_turn(app)
    _press(app, pygame.K_z, pygame.KMOD_LCTRL)
    table = app.find_scene(TableScene)
    frames(app, 2)
    assert list(table.compose) == tabled and app.match.takebacks == {"georgia": 1}
    assert not any(a.kind == "table" and a.actor == "georgia" for a in app.match.actions)


def test_hotseat_a_ctrl_z_before_the_privacy_screen_takes_nothing_back(tmp_path):
    """A save opened with Ctrl+Z already waiting (pressed as the window opened): the table had it
    before its first update put up the privacy screen, and took the move back for whoever was on turn,
    then showed that team's table with no privacy screen."""
    from game.engine import actions as A
    from game.scenarios.loader import load_scenario
    from game.session.match import Match
    from game.session.saves import save_match
    from game.ui import app as appmod
    from game.ui.scenes import PrivacyScene
    from tests.ui.conftest import make_args

    m = Match(load_scenario("cst-1999"), seed=4, seats={"georgia": "human", "azerbaijan": "human"},
              scenario_ref="cst-1999")
    while m.to_move != "azerbaijan" or not any(a.actor == "azerbaijan" for a in m.actions):
        m.run_ai()
        m.submit(A.Pass(m.to_move) if m.to_move == "georgia" else A.Endorse(m.to_move, draft=1))
        m.run_ai()
    assert m.take_back_refusal("azerbaijan") is None
    save_match(m, tmp_path / "g.json")
    app = appmod.build(make_args(load=str(tmp_path / "g.json")), strict=True)
    try:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z, mod=pygame.KMOD_LCTRL, unicode=""))
        frames(app, 2)
        assert app.match.takebacks == {} and len(app.match.actions) == len(m.actions)
        assert isinstance(app.top, PrivacyScene) and app.active_human is None
    finally:
        app.close()



def test_the_results_screen_counts_the_take_backs(build_app):
    from game.engine import actions as A
    from game.scenarios.loader import load_scenario
    from game.session.match import Match

    m = Match(load_scenario("tutorial"), seed=2, seats={"brisa": "human"})
    m.run_ai()
    m.submit(A.Pass("brisa"))
    m.run_ai()
    m, _ = m.take_back("brisa")
    lines = takeback_lines_on_results(build_app, m)
    assert ("brisa", "You took back 1 move in this game (the same move brings the same replies, so a "
                     "take-back shows what a move would bring).") in lines
    assert all(text == "" for who, text in lines if who != "brisa")
