"""Text mode, QA round: after a move, one line on what it changed in the mover's own forecast;
at the summit's signing, a warning line when the forecast says signing is worth less than
staying out (a warning, never a prompt: the player may still sign)."""

from __future__ import annotations

import re

import pytest

from game.engine import actions as A
from game.ui import presenters as P
from textmode_helpers import _view, play


@pytest.fixture(autouse=True)
def _width(monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))


def test_a_move_prints_what_it_changed_in_your_forecast():
    # Georgia, seed 3: endorsing D2 (the chair's likely pick) raises what signing it is worth to Georgia
    view = _view()
    before = P.forecast_vm(view)
    assert before.pick == 2
    out = play("endorse 2\npass\nquit\n")
    flat = " ".join(out.split())
    line = re.search(r"Forecast: your move \(endorsed D2\): your signing value (\d\.\d\d) → (\d\.\d\d)\.", flat)
    assert line and line.group(1) == f"{before.my_sign_value:.2f}" and line.group(2) != line.group(1)
    assert "Forecast: your move (passed): no change to the forecast." in flat
    # a refused move changes nothing and says nothing about the forecast
    refused = play("endorse 99\nquit\n")
    assert "Refused" in refused and "Forecast: your move" not in refused


def test_hotseat_each_line_goes_to_the_mover_only():
    out = play("\npass\n\npass\n\npass\nquit\n", role=["georgia", "russia"], seed=3)
    lines = [m.start() for m in re.finditer(r"Forecast: your move", out)]
    assert len(lines) == 3
    for at in lines:
        prompt = list(re.finditer(r"\] (\w+) \(\d+ AP\)> ", out[:at]))[-1]
        assert "Pass to the delegation of" not in out[prompt.end():at]  # said before the keyboard changes hands


def test_signing_warns_when_your_forecast_says_stay_out():
    # Georgia, seed 11: D2 is put to signature; Georgia's forecast gives signing 0.2, staying out 0.8
    out = play("pass\n" * 80 + "sign\nquit\n", seed=11)
    flat = " ".join(out.split())
    warn = re.search(r"Careful: by your forecast, signing draft 2 is worth (\d\.\d\d) to you and staying out "
                     r"(\d\.\d\d): signing would leave you worse off\. You may still sign", flat)
    assert warn and float(warn.group(1)) < float(warn.group(2))
    assert flat.index("Careful: by your forecast") < flat.index("Forecast: your move (signed)")  # not blocked


def test_no_value_warning_when_signing_pays():
    out = play("pass\n" * 80 + "sign\nquit\n", role=["belarus"], seed=11)
    assert "is open for signature" in out and "Careful: by your forecast" not in out


def test_move_labels_in_words():
    sc = _view().model.scenario
    assert P.move_label(sc, A.Amend("georgia", draft=3, issue=0, level=1)) == f"amended D3 on {sc.issues[0].name}"
    assert P.move_label(sc, A.Respond("georgia", offer=2, accept=True)) == "accepted offer 2"
    assert P.move_label(sc, A.WalkOut("georgia")) == "walked out"


def test_a_move_that_closes_the_meeting_says_the_next_meetings_news_came_with_it():
    """The line after a move that closed the meeting compares forecasts across the next meeting's
    opening events too: it says so, instead of crediting the events' effects to the move."""
    from game.engine import Options, flow
    from game.scenarios.loader import load_scenario
    from game.session.match import Match

    assert P.move_heading("passed", (0, "diplomacy"), (0, "diplomacy")) == "your move (passed)"
    assert P.move_heading("passed", (0, "diplomacy"), (1, "diplomacy")) == \
        "your move (passed) and the news that opened the next meeting"
    assert P.move_heading("passed", (5, "diplomacy"), (5, "signing")) == "your move (passed), which closed the talks"
    sc = load_scenario("cst-1999")
    for role in ("russia", "georgia", "kazakhstan"):  # a game in which the human's pass is the meeting's last move
        me = [a.id for a in sc.actors].index(role)
        for seed in range(1, 15):
            m = Match(sc, seed=seed, options=Options(), seats={role: "human"})
            m.run_ai()
            while not m.over and m.state.round < 2 and m.to_move == role:
                st = m.state
                if not any(flow.can_act(m.game.model, st, i) for i in range(len(st.actors)) if i != me):
                    before = (st.round, st.phase)
                    assert m.submit(A.Pass(role)).rejected is None
                    heading = P.move_heading("passed", before, (m.state.round, m.state.phase))
                    assert heading == "your move (passed) and the news that opened the next meeting"
                    return
                free = [d.id for d in st.drafts if me not in d.endorse and me not in d.oppose]
                m.submit(A.Endorse(role, draft=free[0]) if free and st.actors[me].ap > 1 else A.Pass(role))
                m.run_ai()
    pytest.fail("no game in which the human moved last in a meeting")


def test_a_lobby_says_how_far_the_position_moved_to_the_lobbyist():
    out = play("lobby kazakhstan sequencing\nquit\n", role=["georgia"], seed=3)
    flat = " ".join(out.split())
    assert re.search(r"\[private\] Georgia lobbies Kazakhstan on Sequencing: (Kazakhstan's position moves|it "
                     r"backfires|no movement)", flat)
    assert re.search(r"Kazakhstan's ideal on Sequencing (moved \d\.\d\d of a level toward '[^']+'|did not move)",
                     flat)
