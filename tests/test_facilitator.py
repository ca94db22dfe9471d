"""The facilitator's controls as pure session helpers: injects, undo, forks, ending a phase,
and their survival through save and load."""

from __future__ import annotations

import pytest

from game.engine import Options
from game.engine import actions as A
from game.session import facilitator as F
from game.session.match import Match
from game.session.saves import load_match


def _match(sc, seed=3, events="none", humans=()):
    return Match(sc, seed=seed, options=Options(events=events), seats={h: "human" for h in humans},
                 scenario_ref="cst-1999")


def _play(match, n):
    for _ in range(n):
        if match.over:
            break
        match.step_ai()


def test_news_inject_appends_a_public_entry_and_applies_effects(sc):
    m = _match(sc)
    st0 = m.state
    k = m.game.model.issue_index("sequencing")
    i = m.game.model.actor_index("kazakhstan")
    st = F.inject_news(m.game.model, st0, "  Moscow   summit postponed ", "Talks resume next week.",
                       [{"actor": "kazakhstan", "field": "ideal", "issue": "sequencing", "delta": 0.5}])
    assert st0.log == m.state.log  # pure: the old state is unchanged
    e = st.log[-1]
    assert e.kind == "event" and e.visible is None and e.text == "Moscow summit postponed"
    assert dict(e.data)["text"] == "Talks resume next week."
    from game.engine.table import build_table
    before = build_table(m.game.model, st0, None).ideal[i, k]
    after = build_table(m.game.model, st, None).ideal[i, k]
    assert after > before
    assert st.steps == st0.steps and st.rng == st0.rng and st.turn == st0.turn
    with pytest.raises(ValueError):
        F.inject_news(m.game.model, st0, "   ")
    with pytest.raises(ValueError):
        F.inject_news(m.game.model, st0, "x", effects=[{"actor": "atlantis", "field": "ideal", "delta": 1}])


def test_event_inject_fires_now_and_not_again(sc):
    m = _match(sc, events="historical")
    assert "fm_council" not in m.state.fired
    F.apply_inject(m, F.event_inject("fm_council"))
    assert "fm_council" in m.state.fired
    assert [e for e in m.state.log if dict(e.data).get("event") == "fm_council"]
    # play into round 2: the engine does not fire it a second time
    while m.state.round < 1:
        m.step_ai()
    fired = [e for e in m.state.log if dict(e.data).get("event") == "fm_council"]
    assert len(fired) == 1
    with pytest.raises(ValueError):
        F.apply_inject(m, F.event_inject("no_such_event"))


def test_status_inject_moves_the_turn_on(sc):
    m = _match(sc)
    mover = m.to_move
    F.apply_inject(m, F.news_inject("A delegation leaves", effects=[
        {"actor": mover, "field": "status", "value": "non_party"}]))
    assert m.to_move != mover
    assert m.game.check(m.state, A.Pass(m.to_move)) is None


def test_injects_survive_save_and_load(sc, tmp_path):
    m = _match(sc, humans=["georgia"])
    F.facilitate(m).minutes = 7
    F.apply_inject(m, F.news_inject("First headline", "first text"))
    _play(m, 5)
    F.apply_inject(m, F.event_inject("uzbekistan_exit"))
    _play(m, 3)
    path = tmp_path / "fac.json"
    F.save(m, path)
    back = F.load(path)
    assert back.state == m.state
    rec = F.record_of(back)
    assert rec is not None and rec.minutes == 7 and [i.at for i in rec.injects] == [0, 5]
    # an ordinary loader still opens it (without the injects) and an ordinary save loads through F.load
    plain = load_match(path)
    assert len(plain.actions) == len(m.actions)
    ordinary = _match(sc)
    _play(ordinary, 4)
    from game.session.saves import save_match

    save_match(ordinary, tmp_path / "plain.json")
    again = F.load(tmp_path / "plain.json")
    assert again.state == ordinary.state and F.record_of(again) is None


def test_undo_removes_the_last_action_then_the_inject(sc):
    m = _match(sc)
    F.facilitate(m)
    _play(m, 4)
    state4 = m.state
    F.apply_inject(m, F.news_inject("Breaking"))
    _play(m, 1)
    m2, what = F.undo(m)
    assert len(m2.actions) == 4 and m2.state.log[-1].text == "Breaking"
    m3, what = F.undo(m2)
    assert "Breaking" in what and len(m3.actions) == 4 and m3.state == state4
    m4, _ = F.undo(m3)
    assert len(m4.actions) == 3
    # an ordinary match: from_payload(upto=n-1)
    o = _match(sc)
    _play(o, 2)
    o2, _ = F.undo(o)
    assert len(o2.actions) == 1
    assert F.undo(_match(sc)) is None


def test_fork_from_a_round_keeps_the_abandoned_branch(sc, tmp_path):
    m = _match(sc, events="historical")
    F.facilitate(m)
    while m.state.round < 1:
        m.step_ai()
    F.apply_inject(m, F.news_inject("In round two"))
    _play(m, 3)
    starts = F.round_starts(m)
    assert starts[0] == 0 and 0 < starts[1] <= len(m.actions)
    new, abandoned = F.fork(m, 1)
    assert len(new.actions) == starts[1] and new.state.round == 1
    assert not any(e.text == "In round two" for e in new.state.log)  # made in the abandoned round
    assert F.record_of(new).forks[-1]["round"] == 1
    assert len(abandoned["actions"]) == len(m.actions)
    path = F.save_branch(abandoned, tmp_path, 1)
    assert path.name.startswith("branch-") and F.branches(tmp_path) == [path]
    assert F.load(path).state == m.state
    back, _ = F.fork(m, 0)
    assert back.actions == [] and back.state.round == 0
    with pytest.raises(ValueError):
        F.fork(m, 4)


def test_end_phase_passes_the_rest_of_the_round(sc):
    m = _match(sc)
    _play(m, 2)
    done = F.end_phase(m)
    assert done and all(a.kind == "pass" for a in done)
    assert m.state.round == 1 and m.state.phase == "diplomacy"
    while m.state.phase != "signing":
        F.end_phase(m)
    if m.state.on_table is None:
        with pytest.raises(ValueError):
            F.end_phase(m)
        chair = m.to_move
        m.submit(A.PutToSignature(chair, draft=m.state.drafts[0].id))
    F.end_phase(m)
    assert m.over


def test_phase_timer():
    t = F.PhaseTimer()
    t.tick(5, (0, "diplomacy"))
    assert not t.on and t.text() == "00:00"
    t.set_minutes(2)
    t.tick(30, (0, "diplomacy"))
    assert t.text() == "01:30"
    t.tick(30, (0, "diplomacy"), paused=True)
    assert t.text() == "01:30"
    t.tick(100, (0, "diplomacy"))
    assert t.expired
    t.tick(1, (1, "diplomacy"))  # a new phase: full time again
    assert t.text() == "01:59" and not t.expired
