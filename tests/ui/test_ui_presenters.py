"""Presenters turn a Match into plain view-models: tested without any window."""

from __future__ import annotations

import pytest

from game.engine import Options
from game.engine import actions as A
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.session.simulate import play_one, summarise
from game.ui import presenters as P


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("cst-1999")


def test_table_vm_shows_the_viewer_and_the_table(scenario):
    m = Match(scenario, seed=3, options=Options(), seats={"georgia": "human"})
    m.run_ai()
    vm = P.table_vm(m, "georgia")
    assert vm.viewer == "georgia" and vm.my_turn and vm.phase == "diplomacy"
    assert [d.id for d in vm.delegates] == [a.id for a in scenario.actors]
    chair = [d for d in vm.delegates if d.is_chair]
    assert [d.id for d in chair] == ["russia"]
    uz = vm.delegate("uzbekistan")
    assert uz.status == "boycotting" and uz.status_label == "boycotting"
    for d in vm.delegates:  # stance is a position and a label, never a colour alone
        assert 0.0 <= d.stance <= 1.0 and d.stance_label
    assert vm.delegate("russia").stance_label == "Prolong first"
    assert vm.delegate("georgia").stance_label == "Adapt first"
    assert len(vm.issues) == len(scenario.issues) and vm.issues[0].my_ideal is not None
    assert vm.drafts and vm.drafts[0].label == "D1"
    assert vm.calendar.rounds[0].current and vm.calendar.deadline == "20 Apr 1999"
    assert vm.ap == vm.ap_max == 3


def test_forecast_uses_the_viewers_view(scenario):
    m = Match(scenario, seed=3, seats={"georgia": "human"})
    m.run_ai()
    fc = P.table_vm(m, "georgia").forecast
    assert fc.available and fc.pick is not None
    assert set(fc.signers) | set(fc.outside) == {a.id for a in scenario.actors}
    assert 0 <= fc.tightness <= 100 and fc.label in ("tight", "moderate", "loose", "lapsed")
    assert fc.my_value is not None and fc.my_outside is not None


def test_forecast_value_is_in_the_units_of_the_outside_option(scenario):
    """"Your value X against your outside option Y": X is what the likely text is worth to
    the viewer (utility), not the AI's yardstick with its objectives added."""
    from game.ai.outlook import evaluate, situation

    m = Match(scenario, seed=3, seats={"russia": "human"})
    m.run_ai()
    view = m.game.view(m.state, m.game.model.actor_index("russia"))
    pick, _, forecast = evaluate(view, situation(view))
    fc = P.table_vm(m, "russia").forecast
    assert fc.my_value == round(float(forecast.value[pick, view.viewer]), 3)
    assert fc.my_value <= 1.0 + 0.5  # policy (<= 1) plus a club share: never the objectives' scale


def test_private_log_only_for_those_involved(scenario):
    m = Match(scenario, seed=5, seats={"russia": "human", "georgia": "human"})
    m.run_ai()
    assert m.to_move == "russia"
    out = m.submit(A.Lobby("russia", target="belarus", issue=1))
    assert out.rejected is None
    private_texts = {e.text for e in m.state.log if e.visible is not None}
    assert private_texts
    ru = P.table_vm(m, "russia")
    assert {e.text for e in ru.private} & private_texts
    ge = P.table_vm(m, "georgia")
    assert not ({e.text for e in ge.private} | {e.text for e in ge.news}) & private_texts
    public = P.table_vm(m, None)
    assert public.private == () and not public.forecast.available
    assert not {e.text for e in public.news} & private_texts


def test_offers_and_profile(scenario):
    m = Match(scenario, seed=5, seats={"russia": "human", "georgia": "human"})
    m.run_ai()
    assert m.submit(A.MakeOffer("russia", target="georgia", offer="base_timetable")).rejected is None
    m.run_ai()
    while m.to_move != "georgia":
        m.submit(A.Pass(m.to_move)) if m.human_to_move() else m.step_ai()
    vm = P.table_vm(m, "georgia")
    assert vm.pending and "Russia offers you" in vm.pending[0].text
    prof = P.profile_vm(m, "georgia", "russia")
    assert prof.affinity_to is not None and "regard" in prof.relation
    assert prof.public_profile and prof.stance_label


def test_brief_keeps_only_own_secrets(scenario):
    m = Match(scenario, seed=1, seats={"georgia": "human"})
    b = P.brief_vm(m, "georgia")
    assert b.confidential and b.objectives and b.red_lines and b.sources
    assert not b.is_chair and P.brief_vm(m, "russia").is_chair


def test_results_vm_with_history_and_cloud(scenario):
    m = play_one(scenario, 4)
    cloud = [summarise(play_one(scenario, s)) for s in (1, 2)]
    r = P.results_vm(m, cloud)
    assert r.label in ("tight", "moderate", "loose", "lapsed")
    assert len(r.clauses) == len(scenario.issues) and r.signatures
    kinds = [p.kind for p in r.points]
    assert kinds.count("game") == 1 and kinds.count("history") == 1 and kinds.count("ai") == 2
    assert "2 April 1999" in r.history_summary and r.history_date == "2 Apr 1999"
    assert all(row.history is not None and row.ai_mean is not None for row in r.roles)
    assert r.cloud_runs == 2


def test_facilitator_vm_shows_the_truth(scenario):
    from game.session import facilitator as F

    m = Match(scenario, seed=4, options=Options(), seats={"georgia": "human"})
    F.facilitate(m)
    m.run_ai()
    F.apply_inject(m, F.news_inject("Headline for all", "Text"))
    fvm = P.facilitator_vm(m, "georgia")
    # every log entry, the private ones saying who saw them
    assert len(fvm.moves) == len(m.state.log)
    for line, entry in zip(fvm.moves, m.state.log):
        assert line.private == (entry.visible is not None)
        if line.private:
            assert "[seen by" in line.text
    # true outside options beside what the others believe, and every secret red line
    from game.engine.table import build_table

    truth = build_table(m.game.model, m.state, None)
    for i, row in enumerate(fvm.secrets):
        assert abs(row.outside - float(truth.outside[i])) < 1e-9
        assert row.confidential == scenario.actors[i].confidential
        assert len(row.red_lines) == len(scenario.actors[i].red_lines)
    assert fvm.table.viewer == "georgia" and fvm.table.forecast.available
    assert fvm.table.forecast.i_sign is None  # nobody's own verdict: the facilitator's forecast
    assert fvm.injects and "Headline for all" in fvm.injects[0]


def test_watching_an_ai_seat_is_never_your_move(scenario):
    """All seats AI, the window watching as the chair: the chair's turn is the AI's, so no
    'Your move', no action points and no enabled actions for the watcher."""
    m = Match(scenario, seed=3, seats={})
    assert m.to_move == "russia" and not m.human_to_move()
    vm = P.table_vm(m, "russia")
    assert vm.to_move == "russia" and not vm.my_turn
    human = P.table_vm(Match(scenario, seed=3, seats={"russia": "human"}), "russia")
    assert human.my_turn


def test_log_lines_are_made_once_and_stay_right(scenario):
    """log_lines looks each entry's line up after the first time: the lines equal freshly made
    ones at every step of a game, for each viewer's filtered log and for a shifted start."""
    from game.engine.state import LogEntry

    def fresh(entries, start=0):
        news, private = [], []
        for n, e in enumerate(entries, start):
            line = P.LogLineVM(n, e.round, e.kind, e.text, e.visible is not None,
                               str(dict(e.data).get("text", "") or ""))
            (private if e.visible is not None else news).append(line)
        return tuple(news), tuple(private)

    m = Match(scenario, seed=5, options=Options())
    while not m.over:
        m.step_ai()
        for viewer in ("georgia", "russia"):
            log = m.game.view(m.state, viewer).log
            assert P.log_lines(log) == fresh(log)
        public = [e for e in m.state.log if e.visible is None]
        assert P.log_lines(public) == fresh(public)
    log = m.state.log
    assert P.log_lines(log[3:], start=3) == fresh(log[3:], start=3)
    assert P.log_lines(log[3:]) == fresh(log[3:])  # the same entries, other numbers
    twin = LogEntry(0, "event", "Same text", data=(("text", "a"),))
    other = LogEntry(0, "event", "Same text", data=(("text", "b"),))  # equal but for its detail
    assert P.log_lines([twin])[0][0].detail == "a" and P.log_lines([other])[0][0].detail == "b"


def test_forecast_tightness_counts_the_chairs_promise_as_the_result_does(scenario):
    """A draft tabled by another delegation is still backed by the chair's credibility (the
    result scores it so): the window's forecast must not use the draft's author instead.
    Checked on the chair's summit choice, where the forecast scores every draft."""
    from game.scoring.treaty import score_treaty

    for seed in range(1, 30):
        m = Match(scenario, seed=seed, options=Options())
        while not m.over and not (m.state.phase == "signing" and m.state.on_table is None):
            m.step_ai()
        view = m.game.view(m.state, "russia")
        model = m.game.model
        others = [d for d in view.drafts if d.author != view.chair]
        differs = [d for d in others if any(
            score_treaty(model, view.table, d.levels, view.chair, s).tightness
            != score_treaty(model, view.table, d.levels, d.author, s).tightness
            for s in [frozenset(range(model.n_actors))])]
        if differs:
            break
    else:
        pytest.fail("no game with a draft whose author's credibility would change its score")
    vm = P.forecast_vm(view)
    rows = {did: (signers, tight) for did, signers, tight, _ in vm.per_draft}
    assert set(rows) == {d.id for d in view.drafts}
    for d in view.drafts:
        signers, tight = rows[d.id]
        who = frozenset(model.actor_index(a) for a in signers)
        assert tight == round(score_treaty(model, view.table, d.levels, view.chair, who).tightness, 1)
