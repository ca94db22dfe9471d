"""The forecast panel's note on what the verdict's two numbers leave out (tests/test_advice_truth_qa.py)."""

from __future__ import annotations

from ui_helpers import frames, to_human_turn


def test_the_panel_shows_the_note_in_a_line_and_whole_in_its_tooltip(build_app):
    app = build_app(role=["kazakhstan"], seed=3, record_text=True)
    t = to_human_turn(app, "kazakhstan")
    frames(app, 3)
    fc = t.vm.forecast
    assert fc.my_stakes and fc.my_stakes_short == "Also: your objectives favour signing"
    assert fc.my_stakes_short in app.recorded  # whole, not cut, at 1280x720
    assert app.top.ui.find("forecast-you").tooltip.startswith(fc.my_stakes)
