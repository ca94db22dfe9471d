"""Review of session 16 (the briefing check and the debrief awards): what the review found, each
with the case a user meets."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

import pytest
from test_awards import ai_game  # noqa: F401 (the fixture: an AI-only game of cst-1999, analysed)

from game.report import awards as AW
from game.report import quiz as Q
from game.scenarios.errors import ScenarioError
from game.scenarios.loader import load_scenario
from game.session.match import Match

# --- a scenario's own question with an empty answer ------------------------------------------
# `right: " "` or `wrong: ["", No]` passed the schema (min_length counts the spaces): the option
# read as nothing, the text mode's 'quiz' died with a traceback when a team picked it ("has no
# answer 'right'") and the window refused it ("Not kept").

BASE = """\
id: two-shores
version: "1.0"
title: Two shores
description: Two neighbours share one river.
chair: east
start: 2026-03-01
deadline: 2026-06-30
issues:
  - id: water
    name: Water
    levels:
      - {id: none, name: Nothing shared, depth: 0.2}
      - {id: half, name: Half shared, depth: 0.5}
      - {id: all, name: All shared, depth: 0.8}
actors:
  - id: east
    name: East
    short: EA
    colour: "#77AADD"
    delegate: {name: Ana}
    capability: 0.5
    reliability: 0.8
    outside_option: 0.4
    positions:
      water: {ideal: 2, salience: 0.5}
  - id: west
    name: West
    short: WE
    colour: "#EEDD88"
    delegate: {name: Bo}
    capability: 0.3
    reliability: 0.7
    outside_option: 0.45
    positions:
      water: {ideal: 0, salience: 0.5}
rounds:
  - {id: r1, date: 2026-04-01, name: First talks}
  - {id: r2, date: 2026-05-01, name: Summit, final: true}
"""


def _load(tmp_path, text: str, name: str = "two-shores"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


@pytest.mark.parametrize("quiz, message", [
    ("  - {id: a, question: 'Q', right: ' ', wrong: [y]}\n", "the right answer is empty"),
    ("  - {id: a, question: 'Q', right: x, wrong: ['', y]}\n", "a wrong answer is empty"),
    ("  - {id: a, question: '   ', right: x, wrong: [y]}\n", "the question is empty"),
])
def test_an_empty_text_in_a_scenarios_own_question_is_an_error(tmp_path, quiz, message):
    with pytest.raises(ScenarioError) as err:
        _load(tmp_path, BASE + "quiz:\n" + quiz)
    assert message in str(err.value) and "two-shores.yaml:" in str(err.value)
    assert any(p.line and p.line > 1 for p in err.value.problems)


def test_an_option_counts_by_its_key_not_its_label():
    q = Q.Question("own:a", "Q", (("right", ""), ("wrong1", "y")), "right", "")
    assert q.has("right") and q.has("wrong1") and not q.has("wrong2")


def test_the_text_mode_says_a_refused_answer_instead_of_dying(tmp_path, monkeypatch):
    from textmode_helpers import play

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))

    def refuse(self, seat, qid, key):
        raise ValueError("the game is over: the briefing check is closed")

    monkeypatch.setattr(Match, "answer_quiz", refuse)
    out = play("quiz\n1\nquit\n")
    assert "Not kept: the game is over: the briefing check is closed." in out
    assert "Traceback" not in out


def test_the_text_mode_says_once_when_answers_could_not_be_autosaved(tmp_path, monkeypatch):
    # each answer is autosaved quietly: a full disk said nothing, and the team thought its answers kept
    from textmode_helpers import _args

    from game.session.store import AutosaveSlots
    from game.textmode.play import run_text

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    n = len(Q.questions(load_scenario("cst-1999"), "georgia"))
    real = AutosaveSlots.write

    def full(self, payload):
        if "quiz" in payload:
            raise OSError(28, "No space left on device")
        return real(self, payload)

    monkeypatch.setattr(AutosaveSlots, "write", full)
    out = io.StringIO()
    run_text(_args(), io.StringIO("quiz\n" + "1\n" * n + "quit\n"), out)  # (its exit code: the quit's save)
    out = out.getvalue()
    assert out.count("your answers could not be autosaved") == 1
    assert f" of {n} right." in out  # the check goes on to the end


# --- a reworded scenario keeps the options a save's answers were given to ----------------------
# The others' side payments (wrong options of 'Which of these side payments can your delegation
# offer?') were sampled three of many in the order of their names: renaming one (a wording change,
# the save loads without asking) swapped the three shown, and a team's wrong answer, no longer an
# option, was dropped from its save: its first answer lost, the question asked again.

def _variant(tmp_path, names: dict[str, str]) -> object:
    offers = "".join(f"      - {{id: {k}, name: {json.dumps(v)}}}\n" for k, v in names.items())
    text = ("extends: cst-1999\nid: cst-1999-reworded\ntitle: Reworded\nactors:\n  - id: russia\n    offers:\n"
            + offers)
    return _load(tmp_path, text, "cst-1999-reworded")


def test_renaming_an_offer_keeps_every_offer_questions_options(tmp_path):
    from game.scenarios.wording import rules_hash

    sc = load_scenario("cst-1999")
    russia = {o.id: o.name for o in sc.actor("russia").offers}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    as_is = _variant(tmp_path / "a", russia)
    # the names in the reverse of their order, the ids and the rules the same
    ranked = sorted(russia, key=russia.get)
    renamed = {k: f"{chr(ord('Z') - ranked.index(k))}. {russia[k]}" for k in russia}
    reworded = _variant(tmp_path / "b", renamed)
    assert rules_hash(as_is) == rules_hash(reworded)
    checked = 0
    for a in sc.actors:
        before, after = Q.question(as_is, a.id, "offer"), Q.question(reworded, a.id, "offer")
        assert [k for k, _ in before.options] == [k for k, _ in after.options], a.id
        checked += len(before.options) == 4
    assert checked >= 5  # roles whose question samples three of the others' offers

    # and a save's wrong answer to it survives a load on the reworded scenario
    q = Q.question(as_is, "georgia", "offer")
    wrong = next(k for k, _ in q.options if k != q.answer)
    m = Match(as_is, seed=2, seats={"georgia": "human"}, scenario_ref=as_is.id)
    m.answer_quiz("georgia", "offer", wrong)
    again = Match.from_payload(m.to_payload(), reworded)
    assert again.quiz == {"georgia": {"offer": wrong}}


# --- the awards slide says who could earn them as the report does --------------------------------

@pytest.mark.parametrize("humans, bots, words", [
    (["russia", "georgia"], set(), "people"),
    (["russia", "georgia"], {"georgia"}, "people and your own players"),
    (["russia"], {"russia"}, "your own players"),
])
def test_who_played_the_ranked_delegations(humans, bots, words):
    m = SimpleNamespace(humans=humans, bots=bots)
    assert AW.played_by(m) == words


def test_the_slide_says_people_and_your_own_players(ai_game):  # noqa: F811 (the fixture)
    # the slide said "For the delegations people played." when your own player had a seat too
    from test_awards import _Seen, fake

    from game.report import slides as S

    d = fake(ai_game, humans=["russia", "georgia"])
    d.match = _Seen(d.match._match, humans=["russia", "georgia"], people=["russia"], bots={"georgia": "x"},
                    level_matters=True)
    found = S._awards(d)
    assert found and "For the delegations people and your own players played." in found[0].html


# --- checked and kept: a facilitator's undo and fork keep the answers, like memos -----------------

def test_a_facilitators_undo_and_fork_keep_the_answers():
    from game.engine import actions as A
    from game.session import facilitator as F

    sc = load_scenario("cst-1999")
    m = Match(sc, seed=5, seats={"georgia": "human"}, scenario_ref=sc.id)
    F.facilitate(m)
    m.run_ai()
    q = Q.questions(sc, "georgia")[0]
    m.answer_quiz("georgia", q.id, q.answer)
    while m.state.round < 2 and not m.over:
        if m.human_to_move():
            m.submit(A.Pass("georgia"))
        m.run_ai()
    undone, _ = F.undo(m)
    assert undone.quiz == {"georgia": {q.id: q.answer}}
    forked, abandoned = F.fork(m, 0)
    assert forked.quiz == {"georgia": {q.id: q.answer}} and abandoned["quiz"] == {"georgia": {q.id: q.answer}}
    with pytest.raises(ValueError, match="answered already"):
        forked.answer_quiz("georgia", q.id, q.answer)  # a fork does not give a second first answer
