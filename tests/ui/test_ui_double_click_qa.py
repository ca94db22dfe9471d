"""The double-click QA: a user who double-clicks everything (as on a Windows desktop) and scrolls with a
touchpad. Each test posts the events X (Xvfb + xdotool) produced: a double click is two
MOUSEBUTTONDOWN/UP pairs at one place about 80 ms apart (``xdotool click --repeat 2 --delay 80 1``);
a sideways scroll is a MOUSEWHEEL with ``x`` and no ``y``; a touchpad's small scrolls come with a
fractional ``precise_y`` and ``y`` 0 until SDL has summed them into a notch."""

from __future__ import annotations

import pygame

from game.engine import actions as A
from tests.ui.ui_helpers import click, frames, to_human_turn

GAP = 5  # frames between the two clicks of a double click (83 ms, as xdotool's --delay 80)


def down_up(app, pos) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def double_click(app, name: str, gap: int = GAP) -> tuple[int, int]:
    region = app.top.ui.find(name)
    assert region is not None, f"no '{name}' on {app.top.name}: {app.top.ui.names()[:40]}"
    pos = region.rect.center
    down_up(app, pos)
    frames(app, gap)
    down_up(app, pos)
    frames(app, 3)
    return pos


def wheel(app, pos, x: int = 0, y: int = 0, precise_x: float = 0.0, precise_y: float = 0.0) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=x, y=y, precise_x=precise_x or float(x),
                                         precise_y=precise_y or float(y), flipped=False, touch=False))
    frames(app, 2)


def test_a_double_click_on_choose_roles_does_not_skip_the_roles_and_the_brief(build_app):
    """A double click on *Choose roles*: its second click landed on the roles screen's *Start*, in the
    same corner, and the game began with nobody chosen (the AI playing every role), the roles screen
    and the brief never seen. It is ignored; a click there a moment later starts."""
    from game.ui.scenes import RolesScene

    app = build_app(scenario=None)
    click(app, "title:new")
    double_click(app, "nav:next")
    assert isinstance(app.top, RolesScene) and [s.name for s in app.scenes] == ["title", "scenario", "roles"]
    frames(app, 30)  # half a second on: a click of its own
    click(app, "nav:start")
    assert app.top.name != "roles"


def test_a_double_click_on_a_move_makes_it_once(build_app):
    """With the other delegations done for the round the turn comes straight back: a double click
    on Lobby lobbied twice (two action points), and a double click on Endorse or Oppose put "Refused:
    you already endorse draft 1" over the word that it was done. The second click is ignored, with a
    word; Pass on the next turn a second later, and two grid cells clicked at once, still count."""
    app = build_app(role=["georgia"], seed=7)
    click(app, "brief:done")
    t = to_human_turn(app, "georgia")
    m = app.match
    gi = m.game.model.actor_index("georgia")

    def others_done():
        while m.to_move and m.to_move != "georgia":
            m.submit(A.Pass(m.to_move))
        frames(app, 3)

    others_done()
    t.pick_actor("armenia")
    click(app, "action:lobby")  # (the others move once more: then only Georgia is left)
    others_done()
    assert m.to_move == "georgia" and m.state.actors[gi].ap == 2
    n = len(m.actions)
    double_click(app, "action:lobby")
    assert [a.kind for a in m.actions[n:]] == ["lobby"] and m.state.actors[gi].ap == 1
    assert t.message and not t.message[1] and "lobbies" in t.message[0]
    assert any("double click" in toast.message for toast in app.toasts)
    frames(app, 60)  # a second later: the next turn's Pass is a click of its own
    cells = [app.top.ui.find(f"cell:{i}:0").rect.center for i in (0, 1)]
    down_up(app, cells[0])
    down_up(app, cells[1])  # two cells at once: both chosen
    frames(app, 2)
    assert t.compose[0] == 0 and t.compose[1] == 0
    click(app, "action:pass")
    assert m.actions[-1].kind == "pass" and m.actions[-1].actor == "georgia"


def test_the_wheel_over_the_draft_tabs_steps_only_on_a_vertical_notch(build_app):
    """The wheel over the draft tabs stepped to the next draft for any wheel event: a sideways
    scroll (``y`` 0), or each of a touchpad's many small scrolls (``y`` 0 until SDL sums them into a
    notch), went on to the next draft, round and round, and threw away the working text (the levels
    clicked). Only a notch steps, and it stops at the first and the last draft."""
    app = build_app(role=["georgia"], seed=7)
    click(app, "brief:done")
    t = to_human_turn(app, "georgia")
    m = app.match
    while len(m.state.drafts) < 3:  # drafts to step through
        me = m.to_move
        levels = tuple((len(m.state.drafts) + n) % len(iss.levels) for n, iss in enumerate(m.scenario.issues))
        if m.submit(A.Table(me, levels=levels)).rejected is not None:
            m.submit(A.Pass(me))
    t = to_human_turn(app, "georgia")
    ids = [d.id for d in t.vm.drafts]
    t.pick_draft(ids[0])
    frames(app, 2)
    t.pick_cell(0, 1 - t.compose[0] if t.compose[0] in (0, 1) else 0)
    working = list(t.compose)
    strip = app.top.ui.find("drafts:strip").rect.center
    wheel(app, strip, x=1)  # sideways
    wheel(app, strip, x=-1)
    for _ in range(6):  # a touchpad stroke's small scrolls, not yet a notch
        wheel(app, strip, precise_y=-0.15)
    assert t.sel_draft == ids[0] and list(t.compose) == working
    wheel(app, strip, y=1, precise_y=1.0)  # a notch up at the first draft: it stays (it went to the last)
    assert t.sel_draft == ids[0]
    wheel(app, strip, y=-1, precise_y=-1.0)  # a notch down: the next draft
    assert t.sel_draft == ids[1]


def test_a_double_click_on_a_scenario_opens_it(build_app):
    """A double click on a scenario in the list only chose it (as one click); as in a desktop's lists
    it opens it: on to the roles. One click still only chooses."""
    from game.ui.scenes import RolesScene, ScenarioScene

    app = build_app(scenario=None)
    click(app, "title:new")
    click(app, "scenario:tutorial")
    assert isinstance(app.top, ScenarioScene) and app.setup.scenario_ref == "tutorial"
    frames(app, 40)
    double_click(app, "scenario:cst-1999")
    assert isinstance(app.top, RolesScene) and app.top.scenario.id == "cst-1999"
    assert [s.name for s in app.scenes] == ["title", "scenario", "roles"]  # (not skipped past it)


def test_a_double_click_on_a_save_loads_it(build_app):
    """A double click on a save in Load only chose it; it loads it, as Load does."""
    from game.session.store import AutosaveSlots, user_data_dir
    from game.ui.scene_table import TableScene
    from game.ui.scenes import SaveLoadScene
    from tests.ui.test_ui_saves_dialog import _payload

    path = AutosaveSlots(user_data_dir() / "autosaves").write(_payload(seed=5, round_=1))
    app = build_app(scenario=None)
    app.push(SaveLoadScene(app, "load"))
    frames(app, 2)
    click(app, f"saves:{path.name}")
    assert isinstance(app.top, SaveLoadScene) and app.top.selected == path  # one click: chosen
    frames(app, 40)
    double_click(app, f"saves:{path.name}")
    assert app.find_scene(SaveLoadScene) is None and app.find_scene(TableScene) is not None
    assert app.match is not None and app.match.seed == 5


def test_a_double_click_on_a_role_plays_it_once(build_app):
    """A double click on a delegation on the roles screen turned it on and off again (nobody
    chosen, the AI then played every role). It is chosen once; a click later turns it off."""
    app = build_app(scenario=None)
    click(app, "title:new")
    click(app, "scenario:cst-1999")
    frames(app, 40)
    click(app, "nav:next")
    frames(app, 40)
    roles = app.top
    double_click(app, "role:georgia")
    assert roles.humans == ["georgia"]
    frames(app, 40)
    click(app, "role:georgia")
    assert roles.humans == []


def test_a_double_click_on_a_window_size_does_not_pick_what_moved_under_it(build_app):
    """Settings: a double click on a window size (or *Full screen*, or the large text) changed the
    window at the first click; the second landed on whatever the new layout put under the pointer
    (here another window size). It is ignored."""
    from game.ui.scenes import SettingsScene

    app = build_app(scenario=None, size="1280x720")
    app.push(SettingsScene(app))
    frames(app, 2)
    pos = app.top.ui.find("settings:size:1600x900").rect.center
    down_up(app, pos)
    frames(app, GAP)
    size = app.screen.get_size()
    assert size != (1280, 720)
    under = app.top.ui.at(pos)  # (the dummy driver's desktop is 1024 x 768: the window is cut to it)
    assert under is not None and under.name.startswith("settings:size:") and not under.name.endswith(
        f"{size[0]}x{size[1]}")  # (what the second click met)
    down_up(app, pos)
    frames(app, 3)
    assert (app.settings.width, app.settings.height) == (1600, 900)  # the size kept is the one clicked
    assert app.screen.get_size() == size and isinstance(app.top, SettingsScene)

