"""The window with a scenario written from scratch (docs/examples/authoring/ottawa-1997.yaml):
nine delegations, six issues, long names; and the wording that assumed the CIS scenario."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ui_layout import _set_text, check_table
from ui_helpers import click, frames, run_until

from game.scenarios.loader import load_scenario
from game.session.simulate import play_one
from game.ui.presenters import results_vm
from game.ui.scene_table import TableScene
from game.ui.scenes import ScenarioScene

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "authoring" / "ottawa-1997.yaml"


def test_the_deadline_tooltip_does_not_speak_of_a_treaty_term(build_app):
    app = build_app(scenario=str(EXAMPLE), role=["usa"], seed=3)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    table = app.find_scene(TableScene)
    frames(app, 2)
    tip = table.ui.find("calendar:deadline").tooltip
    assert "term" not in tip and tip.startswith("The talks must end by 4 Dec 1997")


def test_the_scenario_screen_says_the_rounds_once():
    sc = load_scenario(EXAMPLE)  # length: "6 rounds, 90 minutes"
    length = ScenarioScene.doc_blocks(sc)[[t for _, t in ScenarioScene.doc_blocks(sc)].index("Length") + 1][1]
    assert length.count("rounds") == 1 and length.startswith("6 rounds, 90 minutes, from 5 Oct 1996")
    plain = sc.model_copy(update={"length": "90 minutes"})
    blocks = [t for _, t in ScenarioScene.doc_blocks(plain)]
    assert "90 minutes - 6 rounds from 5 Oct 1996 to the deadline 4 Dec 1997" in blocks


def test_the_results_call_a_non_party_not_a_party():
    sc = load_scenario(EXAMPLE)
    outsider = sc.actors[-1].model_copy(update={"status": "non_party"})
    sc = sc.model_copy(update={"actors": list(sc.actors[:-1]) + [outsider]})
    rows = {r.id: r for r in results_vm(play_one(sc, 1)).roles}
    assert rows[outsider.id].party is False and rows["canada"].party is True


@pytest.mark.parametrize("size,scale", [("1280x720", "normal"), ("1280x720", "large")])
def test_nine_delegations_and_long_names_fit_the_table(build_app, size, scale):
    app = build_app(scenario=str(EXAMPLE), role=["uk"], seed=3, size=size, record_text=True)
    _set_text(app, scale)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    table = app.find_scene(TableScene)
    table.pick_cell(0, 2)
    assert check_table(app, table) > 20
