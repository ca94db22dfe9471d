"""A first-time player on their own: where to start, what to do at each step of a first game, and
why the game ended with the score it did. Each test fails without the change it names."""

from __future__ import annotations

import json

import pygame
import pytest

from ui_helpers import click, frames, press, run_until, to_human_turn

ALL_MOVES = ["table", "amend", "endorse", "oppose", "lobby", "offer", "respond", "red_line", "walk_out", "return",
             "pass", "communique", "put_to_signature", "sign"]


def _settings_file():
    from game.session.store import user_data_dir

    return user_data_dir() / "settings.json"


# --------------------------------------------------------------------------- where to start

def test_the_title_screen_offers_the_tutorial(build_app):
    """The title had no word of the tutorial: it was the fifth id on the scenario list."""
    from game.ui.scenes import ScenarioScene, TitleScene

    app = build_app(record_text=True)
    frames(app, 2)
    assert TitleScene.FIRST_TIME in app.recorded
    click(app, "title:tutorial")
    assert isinstance(app.top, ScenarioScene) and app.top.scenario.id == "tutorial"
    frames(app, 2)
    assert "tutorial - start here" in app.recorded
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_t)  # the key does the same
    assert isinstance(app.top, ScenarioScene) and app.top.scenario.id == "tutorial"
    # the description says which role to play first
    assert "Play Brisa" in app.top.scenario.description


def test_the_first_time_line_goes_with_the_hints(build_app):
    from game.ui.scenes import TitleScene

    app = build_app(record_text=True)
    app.settings.hints = False
    frames(app, 2)
    assert TitleScene.FIRST_TIME not in app.recorded and "Tutorial" in app.recorded


def test_the_roles_screen_warns_that_nobody_chosen_only_watches(build_app):
    """'Nobody is human: you will watch the AI play every role' did not say how to choose a role."""
    from game.ui.scenes import RolesScene

    app = build_app(record_text=True, scenario="tutorial")
    click(app, "title:new")
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, RolesScene)
    frames(app, 2)
    assert any(t.startswith("Nobody chosen yet: click the") for t in app.recorded)
    assert any("chairs the talks" in t for t in app.recorded)  # the chair is marked


# --------------------------------------------------------------------------- what to do now

def test_the_first_hint_teaches_tabling_and_stops_once_done(build_app):
    app = build_app(scenario="tutorial", role=["corallia"], seed=5)
    table = to_human_turn(app, "corallia")
    assert table.hint_shown == "table"
    assert "Table (T)" in app.top.ui.find("hint:text").tooltip
    click(app, "cell:0:1")
    click(app, "cell:1:2")
    press(app, pygame.K_t)
    assert app.match.state.drafts
    assert "table" in app.settings.learned
    assert "table" in json.loads(_settings_file().read_text("utf-8"))["learned"]  # kept for the next game
    to_human_turn(app, "corallia")
    assert table.hint_shown not in (None, "table")  # the next thing to learn (the communique: it chairs)
    assert table.hint_shown == "communique"


def test_an_unhappy_delegation_is_not_told_to_endorse_the_likely_draft(build_app):
    """Georgia would stay out of Russia's drafts: the hint proposes a better text, not an endorsement."""
    app = build_app(role=["georgia"], seed=7)
    table = to_human_turn(app, "georgia")
    vm = table.vm
    assert vm.drafts and vm.forecast.i_sign is False
    assert table.hint_shown == "amend"
    assert "stay out" in table.hint(vm)[1]


def test_an_experienced_player_sees_no_hints(build_app):
    app = build_app(scenario="tutorial", role=["corallia"], seed=5)
    app.settings.learned = list(ALL_MOVES)
    table = to_human_turn(app, "corallia")
    frames(app, 2)
    assert table.hint_shown is None and app.top.ui.find("hint:hide") is None


def test_hide_hints_and_turn_them_on_again(build_app):
    from game.ui.scenes import SettingsScene

    app = build_app(scenario="tutorial", role=["corallia"], seed=5)
    table = to_human_turn(app, "corallia")
    app.settings.learned = ["pass"]
    click(app, "hint:hide")
    assert app.settings.hints is False and json.loads(_settings_file().read_text("utf-8"))["hints"] is False
    frames(app, 2)
    assert table.hint_shown is None and app.top.ui.find("hint:text") is None
    app.push(SettingsScene(app))
    frames(app, 2)
    click(app, "settings:hints:on")
    assert app.settings.hints is True and app.settings.learned == []  # every hint once more
    press(app, pygame.K_ESCAPE)
    frames(app, 2)
    assert table.hint_shown == "table"


def test_hints_only_on_your_own_turn(build_app):
    app = build_app(scenario="tutorial", role=["brisa"], seed=5)
    table = to_human_turn(app, "brisa")
    assert table.hint_shown is not None
    press(app, pygame.K_p)  # Brisa passes: an AI delegation is to move (after its pause)
    assert not app.match.human_to_move()
    assert table.hint(table.refresh()) is None and table.hint_shown is None


def test_the_learned_moves_are_read_back_cleanly(tmp_path):
    from game.ui.settings import Settings

    _settings_file().parent.mkdir(parents=True, exist_ok=True)
    _settings_file().write_text(json.dumps({"hints": False, "learned": ["table", 3, None, "pass"]}), "utf-8")
    s = Settings.load()
    assert s.hints is False and s.learned == ["table", "pass"]


# --------------------------------------------------------------------------- help and tooltips

def test_help_opens_on_how_to_play_for_a_first_timer(build_app):
    """The Help button showed only keyboard shortcuts: nothing said what a draft, a red line or the
    forecast is."""
    from game.ui.scenes import HelpScene

    app = build_app(scenario="tutorial", role=["corallia"], seed=5, record_text=True)
    to_human_turn(app, "corallia")
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScene)
    frames(app, 2)
    assert "How to play" in app.recorded and "Outside option" in app.recorded
    assert app.top.page == 0 < app.top.guide_pages < app.top.pages
    press(app, pygame.K_PAGEDOWN)
    frames(app, 2)
    assert "Keyboard shortcuts" in app.recorded
    press(app, pygame.K_ESCAPE)
    app.settings.hints = False  # an experienced player: straight to the shortcuts
    press(app, pygame.K_F1)
    frames(app, 2)
    assert app.top.page == app.top.guide_pages and "Keyboard shortcuts" in app.recorded


def test_the_forecast_and_the_action_points_explain_themselves(build_app):
    app = build_app(scenario="tutorial", role=["brisa"], seed=5)
    to_human_turn(app, "brisa")
    frames(app, 2)
    ui = app.top.ui
    assert "cohesion" in ui.find("forecast-verdict").tooltip
    assert "outside option" in ui.find("forecast-you").tooltip
    assert "Breadth" in ui.find("forecast-numbers").tooltip
    assert "Table costs 2" in ui.find("ap").tooltip


def test_the_news_says_what_each_meeting_is_about(build_app):
    """The tutorial's lessons are in its meetings' descriptions: they were only in a calendar tooltip."""
    app = build_app(scenario="tutorial", role=["brisa"], seed=5)
    table = to_human_turn(app, "brisa")
    line = next(e for e in table.vm.news if e.kind == "round")
    assert "3 action points" in table.meeting_note(line.round)
    with_note = table._log_item(line, 300).get_height()
    table._log_cache.clear()
    table.meeting_notes = lambda: False
    assert table._log_item(line, 300).get_height() < with_note


# --------------------------------------------------------------------------- the end

@pytest.fixture
def finished(build_app):
    from ui_helpers import finish_game

    app = build_app(scenario="tutorial", role=["corallia"], seed=5, record_text=True)
    to_human_turn(app, "corallia")
    res = finish_game(app)
    run_until(app, lambda: res.cloud.done, limit=3000)
    return app, res


def test_the_results_say_how_your_score_was_made(finished):
    app, res = finished
    frames(app, 2)
    assert any(t.startswith("Tightness = 60% depth + 40% cohesion") for t in app.recorded)
    assert not any(t.startswith("history (") for t in app.recorded)  # no "history ()" without history
    assert "depth" in res.ui.find("results:tightness").tooltip
    from game.ui import scenes

    click(app, "results:roles")
    scenes._DOC_CACHE.clear()  # the page's text is drawn again (and recorded) in the next frame
    frames(app, 1)
    me = next(r for r in res.vm.roles if r.human)
    assert me.utility is not None and me.objective_share is not None
    sentence = res.score_sentence(me)
    assert sentence.startswith("70% how much the outcome was worth to you")
    assert "the worst outcome open to Corallia" in sentence
    assert f"{100 * me.utility:.0f} out of 100" in sentence
    assert f"Corallia: your score, {me.score:.0f}" in app.recorded
