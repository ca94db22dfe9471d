"""Leftovers of the last notes, in the window."""

from __future__ import annotations

import pytest

from game.ui.scenes import ScenarioScene
from tests.ui.ui_helpers import click, frames


@pytest.mark.parametrize("size,large", [("1024x600", True), ("1024x600", False), ("1280x720", True)])
def test_the_scenario_screens_file_part_stays_in_its_panel(build_app, size, large):
    """At 1024x600 with large text the five built-in scenarios took the height the file part
    needed, and *Open file* ran out of the bottom of the panel, over its border."""
    app = build_app(scenario=None, size=size)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    click(app, "title:new")
    assert isinstance(app.top, ScenarioScene)
    frames(app, 2)
    m = app.fonts.px(16)
    panel_bottom = app.screen.get_height() - 5 * m  # the left panel: top + m, H - top - 6m high
    ui = app.top.ui
    buttons = [ui.find(f"scenario:{sid}") for sid, _ in app.top.builtins]
    assert len(buttons) == 5 and all(buttons)
    for upper, lower in zip(buttons, buttons[1:]):
        assert upper.rect.bottom < lower.rect.top
    opener = ui.find("scenario:open")
    assert buttons[-1].rect.bottom < opener.rect.top and opener.rect.bottom <= panel_bottom


@pytest.mark.parametrize("size,large", [("1024x600", True), ("1280x720", False)])
def test_the_results_page_keeps_every_signature_whole_with_a_message_above(build_app, size, large):
    """At 1024x600 with large text and the debrief's message above the page, the signatures were
    squeezed into four columns ("Arme... +0.9") with "+2 more": the formula line (also the score's
    tooltip) now gives way first. At 1280x720 it stays."""
    from ui_helpers import run_until

    from game.engine import actions as A
    from game.ui.scene_results import CloudBuilder, ResultsScene

    app = build_app(role=["georgia"], seed=7, size=size, record_text=True)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    click(app, "brief:done")
    m = app.match
    while not m.over:  # Georgia passes, and declines at the signing: the others sign
        if not m.human_to_move():
            m.step_ai()
        elif m.state.phase == "signing":
            assert m.submit(A.Sign("georgia", sign=False)).rejected is None
        else:
            st = m.state.actors[m.game.model.actor_index("georgia")]
            m.submit(A.Return("georgia") if st.status != "present" else A.Pass("georgia"))
    run_until(app, lambda: isinstance(app.top, ResultsScene), limit=400)
    res = app.top
    res.cloud = CloudBuilder(m, runs=3)
    assert len(res.vm.signatories) >= 5
    res.debrief_message = ("Debrief report written to /tmp/a/long/folder/debrief-cst-1999-7.html", False)
    app.recorded.clear()
    frames(app, 2)
    ui = res.ui
    assert ui.find("signature:more") is None
    assert all(ui.find(f"signature:{a}") for a in app.match.game.model.actor_ids)
    assert not any("..." in line for line in app.recorded if "+0." in line or "-0." in line or "-1." in line)
    if not large:
        assert any(line.startswith("Tightness = ") for line in app.recorded)


def test_the_second_click_of_a_double_click_that_closed_a_dialog_is_not_given_to_the_screen_below(build_app):
    """The real-input QA: a double click on a dialog's button that closes it (Make offer, Cancel) gave
    its second click to the table under it, where it opened a delegation's profile. It is ignored; a
    click there a moment later, or elsewhere at once, still counts."""
    import pygame

    from game.ui.scenes import MenuScene

    app = build_app(role=["georgia"], seed=7)
    click(app, "brief:done")
    table = app.top
    got = []
    real = table.ui.click
    table.ui.click = lambda pos, button=1: got.append(pos) or real(pos, button)

    def down_up(pos):
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))

    app.push(MenuScene(app))
    frames(app, 2)
    pos = app.top.ui.find("menu:resume").rect.center
    down_up(pos)
    down_up(pos)  # the second click of the double click, in the same frame as X sends it
    frames(app, 2)
    assert app.top is table and got == []
    app.push(MenuScene(app))
    frames(app, 2)
    down_up(pos)
    frames(app, 1)
    down_up((pos[0] + 40, pos[1]))  # elsewhere: a click of its own
    frames(app, 2)
    assert got == [(pos[0] + 40, pos[1])]
    app.push(MenuScene(app))
    frames(app, 2)
    down_up(pos)
    frames(app, 40)  # (two thirds of a second)
    down_up(pos)
    frames(app, 2)
    assert got[-1] == pos


def test_a_held_f1_opens_the_help_once(build_app):
    """The presenter-remote QA: a held F1 opened and closed the help at every key repeat, so where it
    ended up was chance."""
    import pygame

    from game.ui.scenes import HelpScene

    app = build_app(role=["georgia"], seed=7)
    click(app, "brief:done")
    for _ in range(6):  # one press and five repeats (no key-up between)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1, mod=0, unicode="", scancode=0))
        frames(app, 1)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_F1, mod=0, unicode="", scancode=0))
    frames(app, 2)
    assert isinstance(app.top, HelpScene)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_F1, mod=0, unicode="", scancode=0))
    frames(app, 2)
    assert not isinstance(app.top, HelpScene)  # a new press closes it
