"""Drive the real screens headless with posted mouse and keyboard events."""

from __future__ import annotations

import pygame
import pytest

from ui_helpers import click, frames, press, run_until
from game.ui.scene_results import ResultsScene
from game.ui.scene_table import TableScene
from game.ui.scenes import (BriefScene, ConfirmQuitScene, HelpScene, PrivacyScene, RolesScene, ScenarioScene,
                            TitleScene)


def _table(app) -> TableScene:
    t = app.find_scene(TableScene)
    assert t is not None
    return t


def test_title_to_table_through_the_setup_screens(build_app):
    app = build_app()
    assert isinstance(app.top, TitleScene)
    click(app, "title:new")
    assert isinstance(app.top, ScenarioScene) and app.top.scenario is not None
    click(app, "nav:next")
    assert isinstance(app.top, RolesScene)
    click(app, "role:kazakhstan")
    press(app, pygame.K_2)  # Belarus by its number
    click(app, "difficulty:hard")
    click(app, "events:none")
    app.top.set_entry_text("seed", "42")
    click(app, "nav:start")
    assert app.match is not None and sorted(app.match.humans) == ["belarus", "kazakhstan"]
    assert app.match.seed == 42 and app.match.difficulty == "hard" and app.match.options.events == "none"
    # hotseat: privacy screen, then each brief
    assert isinstance(app.top, PrivacyScene)
    click(app, "privacy:confirm")
    assert isinstance(app.top, BriefScene)
    click(app, "brief:done")
    assert isinstance(app.top, PrivacyScene)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    run_until(app, lambda: isinstance(app.top, TableScene) and app.match.human_to_move())


def test_scenario_file_with_problems_is_reported_in_place(build_app, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nversion: 1\n", encoding="utf-8")
    app = build_app()
    click(app, "title:new")
    app.top.set_entry_text("path", str(bad))
    click(app, "scenario:open")
    assert app.top.problems and app.top.scenario is None
    click(app, "nav:next")  # refused, stays here
    assert isinstance(app.top, ScenarioScene)


def test_refused_action_shows_the_reason_in_place(build_app):
    app = build_app(role=["georgia"])
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    n = len(app.match.actions)
    click(app, "action:communique")
    t = _table(app)
    assert t.message is not None and t.message[1] and "chair" in t.message[0]
    assert len(app.match.actions) == n
    assert "message" in app.top.ui.names()


def test_every_action_kind_through_widgets_and_keys(build_app):
    """Hotseat Russia (the chair) and Georgia take every kind of engine action, then the summit."""
    app = build_app(role=["russia", "georgia"], seed=5, record_text=True)
    done: set[str] = set()
    plans = {
        "russia": ["offer", "communique", "lobby", "table", "amend_key"],
        "georgia": ["respond", "endorse", "oppose", "red_line", "walk_out", "return"],
    }
    leaks = []

    def private_hidden_from(viewer):
        idx = app.match.game.model.actor_index(viewer) if viewer else None
        return [e.text for e in app.match.state.log if e.visible is not None and (idx is None or idx not in e.visible)]

    def check_privacy():
        top = app.top
        if app.recorded is None:
            return
        viewer = _table(app).vm.viewer if isinstance(top, TableScene) and _table(app).vm else None
        if isinstance(top, PrivacyScene):
            viewer = None
        hidden = private_hidden_from(viewer)
        visible = [e.text for e in app.match.state.log if e.visible is None or
                   (viewer and app.match.game.model.actor_index(viewer) in e.visible)]
        for line in app.recorded:
            if len(line) < 20:
                continue
            if any(line in h for h in hidden) and not any(line in v for v in visible):
                leaks.append((viewer, line))

    def act(me, kind):
        t = _table(app)
        before = len(app.match.actions)
        if kind == "offer":
            click(app, "card:georgia")  # opens the profile
            click(app, "profile:offer")
            click(app, "offerkind:base_timetable")
            click(app, "offer:make")
        elif kind == "communique":
            click(app, "action:communique")
        elif kind == "lobby":
            t.sel_actor = "belarus"
            frames(app)
            click(app, "action:lobby")
        elif kind == "table":
            click(app, "cell:2:1")
            click(app, "cell:3:2")
            click(app, "action:table")
        elif kind == "amend_key":
            press(app, pygame.K_DOWN)
            press(app, pygame.K_1)
            press(app, pygame.K_a)
        elif kind == "respond":
            pending = t.vm.pending
            if not pending:
                return
            click(app, f"offer:accept:{pending[0].id}")
        elif kind == "endorse":
            press(app, pygame.K_e)
        elif kind == "oppose":
            press(app, pygame.K_LEFT)
            press(app, pygame.K_o)
        elif kind == "red_line":
            t.sel_issue = 3
            click(app, "cell:3:1")
            press(app, pygame.K_d)
        elif kind == "walk_out":
            click(app, "action:walk_out")
        elif kind == "return":
            press(app, pygame.K_r)
        assert not isinstance(app.top, ConfirmQuitScene)
        if len(app.match.actions) > before:
            done.add(app.match.actions[before].kind)
        else:
            assert t.message and t.message[1], f"{kind}: neither applied nor refused in place"

    for _ in range(400):
        if app.match.over:
            break
        check_privacy()
        top = app.top
        if isinstance(top, PrivacyScene):
            check_privacy()
            click(app, "privacy:confirm")
            continue
        if isinstance(top, BriefScene):
            click(app, "brief:done")
            continue
        if not app.match.human_to_move():
            run_until(app, lambda: app.match.over or app.match.human_to_move()
                      or isinstance(app.top, PrivacyScene))
            continue
        me = app.match.to_move
        if app.active_human != me:
            frames(app)
            continue
        _table(app)
        frames(app)
        if app.match.state.phase == "signing":
            if app.match.state.on_table is None:
                press(app, pygame.K_k)  # put the selected draft to signature
                done.add("put_to_signature")
            elif me == "russia":
                click(app, "action:sign")
                done.add("sign")
            else:
                press(app, pygame.K_x)  # decline
                done.add("sign")
            continue
        plan = plans[me]
        while plan:
            kind = plan.pop(0)
            n = len(app.match.actions)
            act(me, kind)
            if app.match.to_move != me or len(app.match.actions) > n and kind != "respond":
                break
        else:
            press(app, pygame.K_p)  # pass
            done.add("pass")
        frames(app)
    run_until(app, lambda: isinstance(app.top, ResultsScene), limit=400)
    kinds = {a.kind for a in app.match.actions}
    expected = {"offer", "respond", "communique", "lobby", "table", "amend", "endorse", "oppose", "red_line",
                "walk_out", "return", "pass", "put_to_signature", "sign"}
    assert expected <= kinds, f"missing: {expected - kinds}"
    assert not leaks, f"private text of another delegation was drawn: {leaks[:3]}"
    # the results screen fills its chart with AI-only games without blocking frames
    res = app.top
    run_until(app, lambda: res.cloud.done, limit=3000)
    assert res.vm.cloud_runs == len(res.cloud.seeds)
    click(app, "results:roles")
    assert res.page == "roles"


def test_help_overlay_and_menu(build_app):
    app = build_app(role=["georgia"])
    click(app, "brief:done")
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TableScene)
    press(app, pygame.K_SLASH, unicode="?")
    assert isinstance(app.top, HelpScene)
    click(app, "help:close")
    click(app, "top:menu")
    assert app.top.name == "menu"
    click(app, "menu:settings")
    assert app.top.name == "settings"
    click(app, "settings:font:large")
    assert app.settings.font_scale == "large"
    frames(app, 3)
    click(app, "settings:done")
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TableScene)


@pytest.mark.parametrize("size", [(960, 600), (1920, 1080), (1600, 900)])
def test_resize_keeps_the_table_on_screen(build_app, size):
    app = build_app(role=["georgia"])
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
    frames(app, 3)
    assert app.screen.get_size() == size
    screen = app.screen.get_rect()
    for region in app.top.ui.regions:
        if region.name.startswith(("action:", "card:", "cell:", "top:")):
            assert screen.contains(region.rect), (region.name, region.rect)
    click(app, "action:pass")
    assert app.match.actions[-1].kind == "pass"


def test_save_quit_and_resume(build_app, tmp_path):
    app = build_app(role=["georgia"], seed=9)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    press(app, pygame.K_p)
    run_until(app, lambda: app.match.human_to_move())
    n = len(app.match.actions)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    frames(app)
    assert isinstance(app.top, ConfirmQuitScene)
    click(app, "quit:save")
    assert not app.running
    from game.session.store import user_data_dir

    saves = list((user_data_dir() / "saves").glob("*.json"))
    assert len(saves) == 1
    # start again: the title offers to resume the interrupted game
    app2 = build_app()
    assert isinstance(app2.top, TitleScene) and app2.top.resume_info
    press(app2, pygame.K_r)
    assert app2.match is not None and len(app2.match.actions) == n
    assert isinstance(app2.top, TableScene)
    # and --load opens the named save
    app3 = build_app(load=str(saves[0]))
    assert isinstance(app3.top, TableScene) and len(app3.match.actions) == n
    # the menu's load screen lists the saves and opens one
    click(app3, "top:menu")
    click(app3, "menu:load")
    click(app3, f"saves:{saves[0].name}")
    click(app3, "load:do")
    assert isinstance(app3.top, TableScene) and len(app3.match.actions) == n


def test_autosave_every_round(build_app):
    from game.session.store import AutosaveSlots, user_data_dir

    app = build_app(role=["georgia"], seed=2)
    click(app, "brief:done")
    slots = AutosaveSlots(user_data_dir() / "autosaves")
    first = len(slots.entries())
    assert first >= 1  # the start
    for _ in range(3):
        run_until(app, lambda: app.match.human_to_move())
        press(app, pygame.K_p)
    run_until(app, lambda: app.match.state.round >= 1)
    assert app.saver.flush()  # autosaves during play are written in the background
    found = slots.latest_good()
    assert found is not None and found[1]["progress"]["round"] >= 1


def test_primary_source_opens_from_the_brief(build_app):
    from game.ui.scenes import SourceScene

    app = build_app(record_text=True, role=["georgia"])
    run_until(app, lambda: isinstance(app.top, BriefScene))
    click(app, "brief:source")
    assert isinstance(app.top, SourceScene)
    frames(app, 2)
    drawn = " ".join(app.drawn_text) if hasattr(app, "drawn_text") else " ".join(
        b[1] for b in app.top.blocks)
    assert "Security Council secretaries" in drawn
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, BriefScene)


def test_the_ai_levels_say_what_they_change(build_app):
    """Each level button says what it changes for the player (docs/balance/README.md,
    "Difficulty": easy opponents accommodate the player's seat, hard ones mind its gains)."""
    app = build_app()
    click(app, "title:new")
    click(app, "nav:next")
    assert isinstance(app.top, RolesScene)
    tips = {level: app.top.ui.find(f"difficulty:{level}").tooltip for level in ("easy", "normal", "hard")}
    assert all(tips.values())
    assert tips["easy"].startswith("Easier talks") and tips["hard"].startswith("Harder talks")
    assert "only for themselves" in tips["normal"]
