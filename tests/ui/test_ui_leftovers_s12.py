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
