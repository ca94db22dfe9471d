"""A first-time player alone on a laptop, mostly on the keyboard (the tutorial as Brisa, cst-1999 as
Georgia at 1280x720, as Russia at 960x600 with large text): what the screen said that was stale,
wrong for the moment or out of reach without a mouse. Each test fails without the change it names."""

from __future__ import annotations

from dataclasses import replace

import pygame

from ui_helpers import frames, press, run_until, to_human_turn

ALL_MOVES = ["table", "amend", "endorse", "oppose", "lobby", "offer", "respond", "red_line", "walk_out", "return",
             "pass", "communique", "put_to_signature", "sign"]


def _my_turn(app, who: str):
    """On (skipping the AI's pauses, with the helpers' patience for a busy machine) to ``who``'s turn."""
    from game.ui.scene_table import TableScene

    run_until(app, lambda: app.match.human_to_move() and app.match.to_move == who
              and isinstance(app.top, TableScene), limit=6000)
    frames(app, 2)
    return app.top


def _large(app) -> None:
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    frames(app, 2)


def test_the_status_line_says_your_move_again_once_the_others_have_moved(build_app):
    """After her endorsement and two AI moves, the turn came back to Brisa in the same round and the
    status line still read "Brisa endorses draft 1" instead of "Your move (2 of 3 action points
    left)"; a "Please wait: it is Tormund's turn" pressed during the AI's move stayed there too."""
    app = build_app(scenario="tutorial", role=["brisa"], seed=907686)
    table = to_human_turn(app, "brisa")
    rnd = app.match.state.round
    press(app, pygame.K_e)
    assert table.message == ("Brisa endorses draft 1", False)
    frames(app, 1)
    assert not app.match.human_to_move()
    press(app, pygame.K_e)  # too early: the AI is moving
    assert table.message[1] and table.message[0].startswith("Please wait")
    table = to_human_turn(app, "brisa")
    assert app.match.state.round == rnd  # the turn came back within the round
    assert table.message is None
    frames(app, 2)
    status = table.ui.find("status")
    assert status is not None and status.tooltip.startswith("Your move (2 of 3 action points left)")
    # a refusal on your own turn still shows until you choose again
    press(app, pygame.K_c)
    assert table.message is not None and table.message[1]


def test_tabling_a_copy_of_another_draft_says_to_choose_its_tab(build_app):
    """With D3 chosen and the working text set back to D1's levels, Table said "Endorse D1 (E)"; but
    E endorses the chosen draft, D3 ("Refused: you already endorse draft 3")."""
    app = build_app(scenario="tutorial", role=["brisa"], seed=11)
    table = to_human_turn(app, "brisa")
    d1 = table.vm.draft(table.sel_draft)
    other = next(k for k in range(3) if k != d1.levels[0])
    press(app, pygame.K_1 + other)
    press(app, pygame.K_a)  # a new draft, now the chosen one
    mine = table.sel_draft
    table = to_human_turn(app, "brisa")
    while table.sel_draft != mine:
        press(app, pygame.K_RIGHT)
    assert table.sel_issue == 0
    press(app, pygame.K_1 + d1.levels[0])
    assert tuple(table.compose) == tuple(d1.levels)
    press(app, pygame.K_t)
    text, refused = table.message
    assert refused and text.startswith(f"{d1.label} already says exactly this")
    assert f"choose {d1.label} (its tab, or Left / Right) and Endorse it (E)" in text


def test_a_profile_and_a_scenario_description_scroll_with_the_keys(build_app):
    """At 960x600 with large text a delegation's profile (its declared red lines at the end) and the
    scenario's description (its issues and roles) ran past their boxes and only the mouse wheel
    scrolled them."""
    from game.ui.scene_table import ProfileScene
    from game.ui.scenes import ScenarioScene

    app = build_app(size="960x600")
    _large(app)
    press(app, pygame.K_n)
    assert isinstance(app.top, ScenarioScene)
    press(app, pygame.K_2)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_PAGEDOWN)
    assert app.top.doc_state.get("offset", 0) > 0
    press(app, pygame.K_PAGEUP)
    press(app, pygame.K_UP)
    assert app.top.doc_state.get("offset", 0) == 0
    app.close()

    app = build_app(size="960x600", scenario="cst-1999", role=["georgia"], seed=4242)
    _large(app)
    table = to_human_turn(app, "georgia")
    press(app, pygame.K_TAB)
    press(app, pygame.K_i)
    assert isinstance(app.top, ProfileScene)
    press(app, pygame.K_DOWN)
    assert app.top.state.get("offset", 0) > 0
    press(app, pygame.K_RETURN)
    assert app.top is table


def test_offer_is_off_while_your_delegation_is_away(build_app):
    """Walked out, the Offer button looked ready and M opened the offer dialog, which refused only at
    the end ("your delegation is not at the table")."""
    from game.ui.scene_table import OfferScene, TableScene

    app = build_app(scenario="tutorial", role=["brisa"], seed=11)
    to_human_turn(app, "brisa")
    press(app, pygame.K_w)
    table = to_human_turn(app, "brisa")
    assert table.vm.my_status == "walked_out"
    press(app, pygame.K_TAB)
    frames(app, 2)
    assert "Now: your delegation is not at the table (return first)." in table.ui.find("action:offer").tooltip
    press(app, pygame.K_m)
    assert isinstance(app.top, TableScene) and not isinstance(app.top, OfferScene)
    assert table.message == ("Refused: your delegation is not at the table (return first).", True)
    press(app, pygame.K_r)  # back at the table: the offer dialog opens as before
    table = to_human_turn(app, "brisa")
    press(app, pygame.K_TAB)
    press(app, pygame.K_m)
    assert isinstance(app.top, OfferScene)


def test_the_offer_hint_names_delegations_that_have_passed_too(build_app):
    """Georgia's one offer goes only to Armenia, which passes early in every round: the hint waited
    for a delegation with moves left, because an offer to one that had passed expired unanswered.
    Every offer is answered now (the receiver is called back), so the hint counts them all, but not
    a state that is no party to the treaty."""
    app = build_app(scenario="tutorial", role=["brisa"], seed=11)
    table = to_human_turn(app, "brisa")
    app.settings.learned = [k for k in ALL_MOVES if k != "offer"]
    vm = table.vm
    assert table.hint(vm)[0] == "offer"
    takers = table.offer_takers(vm)
    assert takers
    gone = replace(vm, delegates=tuple(d if d.id == "brisa" else replace(d, done=True) for d in vm.delegates))
    assert table.offer_takers(gone) == takers and table.hint(gone)[0] == "offer"
    outside = replace(vm, delegates=tuple(d if d.id == "brisa" else replace(d, status="non_party")
                                          for d in vm.delegates))
    assert table.offer_takers(outside) == []


def test_the_quit_question_shows_every_key(build_app):
    """"Quit without saving" filled its button at 1280x720 and lost its key (Q): only the mouse
    showed it."""
    from game.ui.scenes import ConfirmQuitScene

    for size, large in (("1280x720", False), ("960x600", True)):
        app = build_app(size=size, scenario="tutorial", role=["brisa"], seed=11)
        if large:
            _large(app)
        to_human_turn(app, "brisa")
        app.push(ConfirmQuitScene(app))
        frames(app, 2)
        for name in ("quit:save", "quit:nosave", "quit:cancel"):
            assert app.top.ui.find(name).tooltip == "", (size, name)  # a hidden key goes to the tooltip
        app.close()


def test_the_hints_point_to_the_forecast_tab_in_the_compact_layout(build_app):
    """At 960x600 with large text the forecast is a tab of the side panel (V), but the hints sent the
    player to "the forecast (top right)", where the news is."""
    app = build_app(size="960x600", scenario="cst-1999", role=["georgia"], seed=4242)
    _large(app)
    table = to_human_turn(app, "georgia")
    assert table.compact()
    kind, text = table.hint(table.vm)
    assert kind == "amend" and text.startswith("The Forecast tab (V) says") and "top right" not in text
    assert table.log_tab == "news"
    press(app, pygame.K_v)
    press(app, pygame.K_v)
    assert table.log_tab == "forecast"
    assert table.hint_folded  # the forecast gets the room (the whole hint: More, or the News tab)
    app.close()
    app = build_app(scenario="cst-1999", role=["georgia"], seed=4242)
    table = to_human_turn(app, "georgia")
    assert not table.compact() and "The forecast (top right) says" in table.hint(table.vm)[1]


def test_the_chair_sees_the_chosen_drafts_forecast_at_the_summit(build_app):
    """At the summit in the compact layout the chair's list of each draft's forecast had room for one
    line: D1, then "+21 more (draft tabs)", whose tooltips the keyboard never shows. The chosen
    draft's line now comes first."""
    app = build_app(size="960x600", scenario="cst-1999", role=["russia"], seed=777)
    _large(app)
    table = to_human_turn(app, "russia")
    while app.match.state.phase != "signing":
        press(app, pygame.K_p)
        table = _my_turn(app, "russia")
    drafts = [d.id for d in table.vm.drafts]
    assert len(drafts) > 4
    while table.sel_draft != drafts[-1]:
        press(app, pygame.K_RIGHT)
    while table.log_tab != "forecast":
        press(app, pygame.K_v)
    shown = [n for n in table.ui.names() if n.startswith("forecast-draft:")]
    assert len(shown) < len(drafts) and shown[0] == f"forecast-draft:{drafts[-1]}"
    press(app, pygame.K_k)
    assert app.match.state.on_table == drafts[-1]


def test_the_offer_dialog_fits_six_offers_at_960_with_large_text(build_app):
    """Russia's six or seven offers at 960x600 with large text pushed "In exchange, they..." under the Make
    offer and Cancel buttons and the note under the dialog, and the seventh (Debt relief) was not
    drawn at all: each offer now takes one line there."""
    from game.ui.scene_table import OfferScene

    app = build_app(size="960x600", scenario="cst-1999", role=["russia"], seed=777)
    _large(app)
    to_human_turn(app, "russia")
    while app.top.sel_actor != "georgia":
        press(app, pygame.K_TAB)
    press(app, pygame.K_m)
    assert isinstance(app.top, OfferScene) and len(app.top.all_kinds) >= 6
    frames(app, 2)
    ui = app.top.ui
    box = ui.find("overlay:box").rect
    make = ui.find("offer:make").rect
    kinds = [ui.find(f"offerkind:{k.id}") for k in app.top.all_kinds]
    assert all(k is not None for k in kinds), [k is not None for k in kinds]
    conds = [ui.find("offercond:sign").rect, ui.find("offercond:endorse").rect]
    assert all(c.bottom <= make.top for c in conds) and all(k.rect.bottom <= conds[0].top for k in kinds)
    assert box.contains(make) and all(box.contains(c) for c in conds)
    press(app, pygame.K_4)
    assert app.top.kind == app.top.all_kinds[3].id
