"""The facilitator's screen, driven headless with posted clicks and keys."""

from __future__ import annotations

import pygame

from ui_helpers import click, frames, press, run_until
from game.session import facilitator as F
from game.ui.scene_facilitator import (BANNER, FacilitatorScene, InjectScene, RoleSecretsScene, RoundsScene,
                                       SeatsScene)
from game.ui.scenes import ConfirmScene, RolesScene, SaveLoadScene, ScenarioScene, TitleScene


def _fac(app) -> FacilitatorScene:
    t = app.find_scene(FacilitatorScene)
    assert t is not None
    return t


def _start_from_title(build_app, **kw):
    app = build_app(record_text=True, **kw)
    assert isinstance(app.top, TitleScene)
    click(app, "title:facilitator")
    assert isinstance(app.top, ScenarioScene)
    click(app, "nav:next")
    assert isinstance(app.top, RolesScene)
    click(app, "role:georgia")
    app.top.set_entry_text("seed", "4")
    click(app, "nav:facilitator")
    assert isinstance(app.top, FacilitatorScene)
    return app


def test_facilitator_sees_every_secret_and_is_told_so(build_app):
    app = _start_from_title(build_app)
    t = _fac(app)
    assert F.record_of(app.match) is not None and app.match.humans == ["georgia"]
    run_until(app, lambda: app.match.human_to_move() and len(app.match.actions) >= 3)
    frames(app, 2)
    assert BANNER in " ".join(app.recorded) or any("FACILITATOR VIEW" in s for s in app.recorded)
    # a private entry of two AI delegations is on screen, marked with who saw it
    click(app, "side:moves")
    t._log_cache.clear()  # the log's lines are drawn once and cached: draw them again
    frames(app)
    private = [e for e in app.match.state.log if e.visible is not None]
    if private:
        assert any("[seen by" in s for s in app.recorded)
    # the true outside options (the secrets tab) and the confidential instructions (a card)
    click(app, "side:secrets")
    t._log_cache.clear()
    frames(app)
    assert any(s.startswith("Outside option") and "others believe" in s for s in app.recorded)
    click(app, "card:azerbaijan")
    assert isinstance(app.top, RoleSecretsScene)
    from game.ui import scenes

    scenes._DOC_CACHE.clear()
    frames(app)
    conf = app.match.scenario.actors[app.match.game.model.actor_index("azerbaijan")].confidential
    assert any(s and s in conf for s in app.recorded if len(s) > 25)
    press(app, pygame.K_ESCAPE)
    assert app.top is t
    # the human seat's moves are entered here, without privacy screens
    n = len(app.match.actions)
    press(app, pygame.K_p)
    assert len(app.match.actions) == n + 1 and app.match.actions[-1].actor == "georgia"


def test_pause_timer_and_seats(build_app):
    app = build_app(role=["georgia"], facilitator=True, seed=6)
    t = _fac(app)
    # the timer: minutes per phase, counting down, stopped by the pause
    click(app, "fac:timer:plus")
    click(app, "fac:timer:plus")
    assert t.timer.minutes == 2 and F.record_of(app.match).minutes == 2
    assert any(s == "02:00" for s in app.recorded or ()) or t.timer.text() in ("02:00", "01:59")
    for _ in range(90):
        app.step(1 / 30)
    assert t.timer.remaining < 118
    press(app, pygame.K_F2)
    assert t.paused
    left = t.timer.remaining
    n = len(app.match.actions)
    for _ in range(60):
        t.skip = True
        app.step(1 / 30)
    assert t.timer.remaining == left and len(app.match.actions) == n  # nothing moves
    press(app, pygame.K_p)  # a move while paused is refused in place
    assert len(app.match.actions) == n and t.message and t.message[1]
    click(app, "fac:pause")
    assert not t.paused
    if app.match.human_to_move():
        press(app, pygame.K_p)
    run_until(app, lambda: len(app.match.actions) > n)
    # seats: Russia human, Georgia AI, then back through a name card
    press(app, pygame.K_F8)
    assert isinstance(app.top, SeatsScene)
    click(app, "seat:russia:human")
    click(app, "seat:georgia:ai")
    assert app.match.seats["russia"] == "human" and app.match.seats["georgia"] == "ai"
    click(app, "seats:done")
    click(app, "card:georgia")
    assert isinstance(app.top, RoleSecretsScene)
    click(app, "seat:human")
    assert app.match.seats["georgia"] == "human"
    press(app, pygame.K_ESCAPE)
    run_until(app, lambda: app.match.human_to_move())
    assert app.match.to_move in ("russia", "georgia")


def test_inject_undo_and_save_load(build_app):
    app = build_app(role=["georgia"], facilitator=True, seed=8)
    t = _fac(app)
    run_until(app, lambda: app.match.human_to_move())
    # a scenario event, released now
    press(app, pygame.K_F3)
    assert isinstance(app.top, InjectScene)
    click(app, "event:fm_council")
    click(app, "inject:event")
    assert "fm_council" in app.match.state.fired
    assert dict(app.match.state.log[-1].data).get("event") == "fm_council"
    # typed news
    click(app, "fac:inject")
    app.top.set_entry_text("headline", "Moscow summit postponed")
    app.top.set_entry_text("text", "The presidents will meet a week later.")
    click(app, "inject:news")
    assert not isinstance(app.top, InjectScene)
    e = app.match.state.log[-1]
    assert e.text == "Moscow summit postponed" and e.visible is None
    assert [i.kind for i in F.record_of(app.match).injects] == ["event", "news"]
    frames(app, 2)
    assert any(x.text == "Moscow summit postponed" and x.detail for x in t.fvm.moves)  # in the news log
    # undo: first the typed news, then the event, then a move; the game pauses
    n = len(app.match.actions)
    click(app, "fac:undo")
    assert t.paused and len(app.match.actions) == n
    assert [i.kind for i in F.record_of(app.match).injects] == ["event"]
    assert not any(x.text == "Moscow summit postponed" for x in app.match.state.log)
    press(app, pygame.K_F4)
    assert not F.record_of(app.match).injects and "fm_council" not in app.match.state.fired
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert len(app.match.actions) == n - 1
    # inject again, play on, and the autosave keeps the inject with its place
    click(app, "fac:inject")
    app.top.set_entry_text("headline", "Kept across saves")
    click(app, "inject:news")
    click(app, "fac:pause")
    run_until(app, lambda: app.match.human_to_move() and len(app.match.actions) >= n)
    from game.session.store import AutosaveSlots, user_data_dir

    assert app.saver.flush()  # autosaves during play are written in the background
    path, data = AutosaveSlots(user_data_dir() / "autosaves").latest_good()
    assert data["facilitator"]["injects"][0]["headline"] == "Kept across saves"
    back = F.load(path)
    assert back.state.log == app.match.state.log[:len(back.state.log)]
    assert any(x.text == "Kept across saves" for x in back.state.log)
    # the title offers to resume it, as a facilitated game
    app2 = build_app()
    assert isinstance(app2.top, TitleScene) and "facilitator" in app2.top.resume_info[1]
    press(app2, pygame.K_r)
    assert isinstance(app2.top, FacilitatorScene)
    assert any(x.text == "Kept across saves" for x in app2.match.state.log)


def test_end_phase_and_go_back_to_a_round(build_app):
    app = build_app(role=["georgia"], facilitator=True, seed=9)
    t = _fac(app)
    run_until(app, lambda: app.match.human_to_move())
    # end round 1 now: everyone still to move passes
    press(app, pygame.K_F6)
    assert isinstance(app.top, ConfirmScene)
    click(app, "endphase:ok")
    assert app.match.state.round == 1 and app.match.actions[-1].kind == "pass"
    run_until(app, lambda: app.match.human_to_move())
    n = len(app.match.actions)
    # go back to the start of round 1: the game left behind is kept as a save
    press(app, pygame.K_F5)
    assert isinstance(app.top, RoundsScene)
    click(app, "round:0")
    assert app.match.actions == [] and app.match.state.round == 0 and t.paused
    assert app.top is t and t.match is app.match
    from game.session.store import user_data_dir

    branches = F.branches(user_data_dir() / "autosaves")
    assert len(branches) == 1
    assert len(F.load(branches[0]).actions) == n
    assert F.record_of(app.match).forks[-1]["branch"] == branches[0].name
    # the load screen lists the branch
    click(app, "top:menu")
    click(app, "menu:load")
    assert isinstance(app.top, SaveLoadScene)
    assert f"saves:{branches[0].name}" in app.top.ui.names()
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    # play on from the fork
    click(app, "fac:pause")
    run_until(app, lambda: app.match.human_to_move())
    assert app.match.state.round == 0


def test_going_back_counts_and_takes_back_news_injected_before_the_rounds_first_move(build_app):
    """News injected at the very start of a round (before any move) goes with the round on F5:
    the dialog says so, and its button works although no move would be taken back."""
    app = build_app(role=["georgia"], facilitator=True, seed=9, record_text=True)
    t = _fac(app)
    run_until(app, lambda: app.match.human_to_move())
    press(app, pygame.K_F6)
    click(app, "endphase:ok")
    assert app.match.state.round == 1
    start = len(app.match.actions)
    t.paused = True  # nobody moves: the news is injected before round 2's first move
    F.apply_inject(app.match, F.news_inject("Snow closes the airport"))
    assert len(app.match.actions) == start
    press(app, pygame.K_F5)
    assert isinstance(app.top, RoundsScene)
    app.recorded.clear()
    frames(app, 1)
    assert "takes back 0 moves and 1 news item you injected" in app.recorded
    assert app.top.ui.find("round:1").enabled
    click(app, "round:1")
    assert len(app.match.actions) == start and app.match.state.round == 1
    assert not any(e.text == "Snow closes the airport" for e in app.match.state.log)
    assert F.record_of(app.match).injects == []
