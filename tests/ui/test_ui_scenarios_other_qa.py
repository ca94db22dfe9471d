"""Window QA of the built-in scenarios other than cst-1999."""

from __future__ import annotations

import pygame

from tests.ui.ui_helpers import click, frames, press


def test_montreals_brief_offers_its_sources_instead_of_a_missing_document(build_app) -> None:
    app = build_app(scenario="montreal-1987", role=["canada"])
    assert app.top.name == "brief"
    button = app.top.ui.find("brief:source")
    assert button is not None
    press(app, pygame.K_s)
    assert app.top.name == "source"
    text = " ".join(str(b[1]) for b in app.top.blocks)
    assert "cannot be shown" not in text
    assert "BENEDICK: Richard Elliot Benedick" in text
    assert app.top.heading == "Sources"


def test_summit_brief_still_shows_the_monitor_report(build_app) -> None:
    app = build_app(scenario="summit-1999", role=["kazakhstan"])
    press(app, pygame.K_s)
    assert app.top.name == "source" and app.top.heading == "Primary source"
    assert "Monitor" in app.top.blocks[0][1]


def test_montreals_results_chart_says_breadth_is_weighted_by_capability(build_app) -> None:
    from game.ui.scene_results import ResultsScene
    from tests.ui.ui_helpers import finish_game

    app = build_app(scenario="montreal-1987", role=["canada"], record_text=True)
    click(app, "brief:done")
    res = finish_game(app)
    assert isinstance(res, ResultsScene) and res.page == "treaty"
    frames(app, 2)
    texts = " ".join(app.recorded)
    assert "share of parties that signed" not in texts
    assert "share of the parties' capability" in texts
