"""Review fix: the results screen says the AI difficulty only where it changed the game, as the text
mode's results and the debrief do: a whole class playing every role read 'the AI in this role ... at
the same AI difficulty (hard), treated by the others as you were' although no computer was at the table."""

from __future__ import annotations

from ui_helpers import finish_game, frames, run_until

from game.scenarios.loader import load_scenario


def test_a_game_people_played_in_every_role_claims_no_level(build_app):
    every = [a.id for a in load_scenario("cst-1999").actors]
    app = build_app(role=every, seed=12, difficulty="hard", record_text=True, facilitator=True)
    res = finish_game(app)
    run_until(app, lambda: res.cloud.done, limit=3000)
    frames(app, 3)
    assert res.level() is None
    assert not any("AI difficulty" in s for s in app.recorded)
    georgia = next(r for r in res.vm.roles if r.id == "georgia")
    assert "AI difficulty" not in res.beside_line(georgia, res.level())


def test_the_load_dialog_row_of_a_game_people_played_in_every_role_claims_no_level(build_app):
    from test_ui_saves_dialog import _autosaves, _open, _payload

    every = {a.id: "human" for a in load_scenario("cst-1999").actors}
    whole_class = _autosaves().write(dict(_payload(seed=9), seats=every, difficulty="hard"))
    one_team = _autosaves().write(dict(_payload(seed=10), difficulty="hard"))
    app = build_app()
    rows = {r.path: r for r in _open(app).rows}
    assert "AI difficulty hard" in rows[one_team].detail
    assert "difficulty" not in rows[whole_class].detail
