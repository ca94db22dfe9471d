"""Hotseat, three teams (Russia, Georgia, Kazakhstan): a team that has passed is called back to
answer an offer (docs/rules.md, "Every offer gets its answer before the round closes"). The privacy
screen says why it is back, the giver is told the answer when it next sits down, and the action
points of a team back only to answer do not look usable."""

from __future__ import annotations

import pygame

from ui_helpers import frames, press, to_human_turn, to_privacy
from game.engine import actions as A

TEAMS = ["russia", "georgia", "kazakhstan"]


def _georgia_called_back(app):
    """Russia endorses, Georgia passes, Kazakhstan endorses, then Russia offers Georgia a base
    timetable: Georgia is called back. Returns the offer's id (the privacy screen is up)."""
    to_human_turn(app, "russia")
    press(app, pygame.K_e)
    to_human_turn(app, "georgia", others="endorse")
    press(app, pygame.K_p)
    t = to_human_turn(app, "russia", others="endorse")
    assert t.vm.delegate("georgia").done
    assert t.submit(A.MakeOffer("russia", target="georgia", offer="base_timetable", condition="sign"))
    offer = app.match.state.offers[-1].id
    to_privacy(app, "georgia")
    return offer


def test_the_privacy_screen_says_why_a_team_that_passed_is_back(build_app, tmp_path):
    app = build_app(role=TEAMS)
    first = to_privacy(app)
    frames(app, 2)
    assert first.ui.find("privacy:why") is None  # an ordinary turn: nothing to explain
    _georgia_called_back(app)
    scr = app.top
    frames(app, 2)
    pygame.image.save(app.screen, str(tmp_path / "privacy-called-back.png"))
    why = scr.ui.find("privacy:why")
    assert why is not None, "the screen does not say why Georgia, who passed, has the turn again"
    assert why.tooltip.startswith("Georgia has passed this round and is back only to answer a private offer")
    assert "Russia" not in why.tooltip and "timetable" not in why.tooltip.lower()  # the offer stays private
    assert why.rect.bottom < scr.ui.find("privacy:confirm").rect.top  # above the button, not under it


def test_the_giver_is_told_the_answer_when_it_next_sits_down(build_app):
    app = build_app(role=TEAMS)
    offer = _georgia_called_back(app)
    t = to_human_turn(app, "georgia")
    press(app, pygame.K_n)
    assert app.match.state.offer(offer).status == "rejected"
    t = to_human_turn(app, "kazakhstan", others="endorse")
    assert not any("offer" in x.message for x in app.toasts)  # nothing of it on Kazakhstan's screen
    press(app, pygame.K_p)
    t = to_human_turn(app, "russia", others="endorse")
    said = [x.message for x in app.toasts]
    assert any(f"Georgia rejected offer {offer} from Russia" in s for s in said), said
    assert t.log_tab == "private"  # the entry itself is on show


def test_a_team_back_only_to_answer_has_no_usable_action_points(build_app):
    app = build_app(role=TEAMS)
    _georgia_called_back(app)
    t = to_human_turn(app, "georgia")
    assert t.vm.ap == t.vm.ap_max  # it passed with all of them
    tip = t.ui.find("ap").tooltip
    assert tip.startswith("Done for this round: your delegation has passed this round"), tip
