"""QA round: "what your move changed" in the forecast panel, and a warning before signing a text
the delegation's own forecast advises against. View-model level first, then the window."""

from __future__ import annotations

import pygame
import pytest

from game.engine import actions as A
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.ui import presenters as P
from ui_helpers import click, frames, press, to_human_turn


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("cst-1999")


def _fc(**kw) -> P.ForecastVM:
    base = dict(available=True, pick=2, pick_label="D2", signers=("a", "b"), outside=("c",), tightness=58.8,
                in_force=True, i_sign=False, my_sign_value=0.19, my_stay_value=0.72)
    base.update(kw)
    return P.ForecastVM(**base)


# --------------------------------------------------------------------------- view-models

def test_forecast_change_says_only_what_changed():
    before = _fc()
    assert P.forecast_change(before, before) == ()
    assert P.change_text(()) == "no change to the forecast"
    after = _fc(pick=5, pick_label="D5", signers=("a", "b", "c"), outside=(), tightness=61.6, i_sign=True,
                my_sign_value=0.66, my_stay_value=0.72)
    parts = P.forecast_change(before, after, {"a": "AA", "b": "BB", "c": "CC"})
    assert parts == ("likely pick D2 \u2192 D5", "would sign 2 \u2192 3 (+CC)", "tightness 59 \u2192 62",
                     "you: stay out \u2192 sign", "your signing value 0.19 \u2192 0.66")
    # the same count, other signatories; a change under the shown precision is no change
    swap = _fc(signers=("a", "c"), tightness=59.2, my_sign_value=0.1949)
    assert P.forecast_change(before, swap, {"a": "AA", "b": "BB", "c": "CC"}, arrow="->") == (
        "would sign 2 (+CC, \u2212BB)",)
    assert P.forecast_change(before, _fc(in_force=False)) == ("it would lapse",)
    assert P.forecast_change(P.ForecastVM(False, "none"), P.ForecastVM(False, "none")) == ()


def test_a_move_changes_the_movers_own_forecast(scenario):
    """Georgia endorses the chair's likely pick: its own forecast of what signing is worth moves
    (the chair weighs public support), computed from its own view before and after the move."""
    m = Match(scenario, seed=3, seats={"georgia": "human"})
    m.run_ai()
    before = P.forecast_vm(m.game.view(m.state, "georgia"))
    assert m.submit(A.Endorse("georgia", draft=before.pick)).rejected is None
    after = P.forecast_vm(m.game.view(m.state, "georgia"))
    parts = P.forecast_change(before, after)
    assert parts and parts[-1].startswith("your signing value ")
    assert f"{before.my_sign_value:.2f} \u2192 {after.my_sign_value:.2f}" in parts[-1]
    assert P.move_label(scenario, A.Endorse("georgia", draft=before.pick)) == f"endorsed D{before.pick}"


def test_sign_warning_when_the_forecast_advises_against():
    low = _fc(my_sign_value=0.15, my_stay_value=0.83)
    text = P.sign_warning(low, 2)
    assert text.startswith("Signing D2 is worth 0.15 to you, staying out 0.83") and text.endswith("Sign anyway?")
    assert P.sign_warning(_fc(my_sign_value=0.9, my_stay_value=0.5), 2) == ""
    assert P.sign_warning(low, 3) == ""  # the forecast is about another text
    red = P.sign_warning(_fc(my_sign_value=0.9, my_stay_value=0.5, my_red_crossed=("Catch is 'none'",)), 2,
                         declared=True)
    assert "crosses your red line (Catch is 'none')" in red and "costs reputation" in red


def test_the_forecast_names_the_viewers_crossed_red_lines(scenario):
    m = Match(scenario, seed=3, seats={"georgia": "human"})
    m.run_ai()
    fc = P.table_vm(m, "georgia").forecast
    view = m.game.view(m.state, "georgia")
    assert fc.my_red_crossed == tuple(P.red_lines_crossed(view, view.draft(fc.pick).levels))
    assert fc.my_red_crossed and "your red line needs" in fc.my_red_crossed[0]


# --------------------------------------------------------------------------- the window

def test_the_forecast_panel_says_what_your_move_changed(build_app):
    app = build_app(role=["georgia"], seed=3)
    t = to_human_turn(app)
    assert "forecast-change" not in t.ui.names() and t.move_change_lines(t.vm) == ()
    t.sel_draft = t.vm.forecast.pick
    before = t.vm.forecast
    press(app, pygame.K_e)
    assert app.match.actions[-1].kind == "endorse"
    lines = t.move_change_lines(t.vm)
    assert lines[0].startswith(f"Your move (endorsed D{before.pick}): your signing value "
                               f"{before.my_sign_value:.2f} -> ")
    assert t.move_change_lines(t.vm) is lines  # made once a view-model, not once a frame
    frames(app, 2)
    region = t.ui.find("forecast-change")
    assert region is not None and region.tooltip.startswith(lines[0]) and "just before your move" in region.tooltip
    # the next turn: the line stays, and what the others' moves changed since is said apart
    t = to_human_turn(app)
    assert t.move_change_lines(t.vm)[0] == lines[0]
    rec = t.move_changes["georgia"]
    since = P.forecast_change(rec[2], t.vm.forecast, arrow="->")
    assert (len(t.move_change_lines(t.vm)) == 2) == bool(since)


def test_hotseat_each_delegation_sees_only_its_own_move_change(build_app):
    app = build_app(role=["georgia", "azerbaijan"], seed=3)
    t = to_human_turn(app, "georgia")
    press(app, pygame.K_p)
    assert "georgia" in t.move_changes
    t = to_human_turn(app, "azerbaijan")
    assert t.vm.viewer == "azerbaijan" and t.move_change_lines(t.vm) == ()
    frames(app, 2)
    assert "forecast-change" not in t.ui.names()
    press(app, pygame.K_p)
    assert t.move_change_lines(P.table_vm(app.match, "azerbaijan"))[0].startswith("Your move (passed)")
    t = to_human_turn(app, "georgia")
    assert t.move_change_lines(t.vm)[0].startswith("Your move (passed)")
    assert t.move_changes["georgia"][1] is not t.move_changes["azerbaijan"][1]
    assert t.move_change_lines(P.table_vm(app.match, None)) == ()  # nobody's view (between delegations)


def _to_the_signing(app, who: str = "georgia"):
    m = app.match
    for _ in range(500):
        if m.state.phase == "signing" and m.state.on_table is not None and m.to_move == who:
            return to_human_turn(app, who)
        m.run_ai()
        if m.to_move == who and m.state.phase == "diplomacy":
            m.submit(A.Pass(who))
    raise AssertionError("no signing")


def test_signing_against_your_forecast_asks_once(build_app):
    """Georgia, seed 11: D2 is open for signature, worth less to Georgia signed than staying out
    (and across its red line). Sign asks first; Cancel signs nothing; Sign anyway signs."""
    app = build_app(role=["georgia"], seed=11)
    t = _to_the_signing(app)
    m = app.match
    me = m.game.model.actor_index("georgia")
    fc = t.vm.forecast
    assert fc.my_sign_value < fc.my_stay_value
    press(app, pygame.K_s)
    assert app.top.name == "signwarn" and m.state.signatures[me] == -1
    assert app.top.text.startswith(f"Signing D{m.state.on_table} is worth {fc.my_sign_value:.2f} to you, "
                                   f"staying out {fc.my_stay_value:.2f}")
    click(app, "signwarn:cancel")
    assert app.top is t and m.state.signatures[me] == -1
    press(app, pygame.K_s)
    press(app, pygame.K_RETURN)  # a reflexive Enter does not sign against the forecast: it cancels
    assert app.top is t and m.state.signatures[me] == -1
    press(app, pygame.K_s)
    press(app, pygame.K_s)  # S again: sign anyway (as the button's click does)
    assert m.state.signatures[me] == 1  # never blocked
    assert t.move_change_lines(t.vm)[0].startswith("Your move (signed):")


def test_signing_what_your_forecast_favours_asks_nothing(build_app):
    app = build_app(role=["belarus"], seed=11)
    t = _to_the_signing(app, "belarus")
    m = app.match
    fc = t.vm.forecast
    assert fc.my_sign_value >= fc.my_stay_value and not fc.my_red_crossed
    press(app, pygame.K_s)
    assert app.top is t and m.state.signatures[m.game.model.actor_index("belarus")] == 1
