"""QA of the briefing check (game/report/quiz.py) as teachers, students and authors meet it: the text
mode's brief holds every answer the quiz asks about, no two options read the same, the printed
brief names the chair, a class in hotseat keeps each team's quiz to itself."""

from __future__ import annotations

import json

import pytest

from game.engine import Options
from game.report import quiz as Q
from game.report.briefs import role_brief, salience_word
from game.scenarios.loader import load_scenario
from game.scenarios.registry import builtin_paths
from game.session.match import Match
from game.textmode import render

BUILTIN = [load_scenario(p) for p in builtin_paths()]

# two roles, one issue of two levels, one meeting, no offers, no affinities, names in other
# alphabets, long level names, and a situation that does not say who chairs
TINY = """\
id: tiny-one
version: "1.0"
title: Тбилиси и Ереван
description: Two neighbours share one river.
chair: sakartvelo
start: 2026-03-01
deadline: 2026-06-30
issues:
  - id: water
    name: წყლის განაწილება
    levels:
      - {id: none, name: "Nothing at all is shared between the two states, not even data about river flow", depth: 0.2}
      - {id: all, name: "Everything is shared equally between the two states including data and water rights", depth: 0.8}
actors:
  - id: sakartvelo
    name: საქართველო
    short: GE
    colour: "#77AADD"
    delegate: {name: Министр}
    capability: 0.5
    reliability: 0.8
    outside_option: 0.4
    positions:
      water: {ideal: 1, salience: 0.5}
    red_lines:
      - {issue: water, at_least: all}
  - id: armenia
    name: Հայաստան
    short: AM
    colour: "#EEDD88"
    delegate: {name: Посол}
    capability: 0.3
    reliability: 0.7
    outside_option: 0.45
    positions:
      water: {ideal: 0, salience: 0.5}
rounds:
  - {id: r1, date: 2026-04-01, name: Единственная встреча, final: true}
"""


def _load(tmp_path, text: str, name: str):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def _view(sc, role: str):
    m = Match(sc, seed=3, options=Options(events="historical"), seats={role: "human"}, scenario_ref=sc.id)
    return m.game.view(m.state, role)


def _right_in_text_brief(sc, role: str) -> list[str]:
    """The right answers of ``role``'s quiz (made from its brief) that its text-mode brief does not show."""
    text = " ".join(render.brief_text(_view(sc, role)).split())
    missing = []
    for q in Q.questions(sc, role):
        if q.id.startswith("own:"):
            continue
        right = q.label(q.answer)
        if q.id == "sign":
            want = f"Your outside option: {sc.actor(role).outside_option:.2f}"
        elif q.id == "red_line" and q.answer == Q.NONE:
            want = "Your red lines: none"
        elif q.id == "offer" and q.answer == Q.NONE:
            want = "What you can offer others: nothing"
        elif q.id == "chair":
            want = ("You chair the talks" if q.answer == role else f"{sc.actor(q.answer).name} chairs the talks")
        elif q.id == "signatures":
            want = f"at least {q.answer} signature"
        elif q.id in ("partner", "rival"):
            want = f"{right} ({sc.actor(role).affinities[q.answer]:+.1f})"
        elif q.id == "final":
            want = f"to signature at {right}"
        elif q.answer == Q.IDEAL:  # a wish between two levels: the option starts with a capital
            want = right[:1].lower() + right[1:]
        else:
            want = right
        if want not in text:
            missing.append(f"{q.id}: {want}")
    return missing


# --- the text mode's brief has every answer ('brief shows it', the quiz says) --------------

@pytest.mark.parametrize("sc", BUILTIN, ids=lambda s: s.id)
def test_the_text_brief_shows_every_answer_of_the_quiz(sc):
    # it had no relations, no chair, no signatures needed, no final meeting and said nothing when a
    # role had no red line or no offer: 'Which delegation is closest to yours?' had no answer there
    for a in sc.actors:
        assert _right_in_text_brief(sc, a.id) == [], a.id


def test_the_text_brief_of_a_small_custom_scenario_shows_every_answer(tmp_path):
    sc = _load(tmp_path, TINY, "tiny-one")
    for role in ("sakartvelo", "armenia"):
        assert _right_in_text_brief(sc, role) == [], role
    text = render.brief_text(_view(sc, "armenia"))
    assert "The situation:" in text and "Two neighbours share one river." in text  # the scenario's own
    # questions are mostly on the situation, which the text mode showed nowhere
    assert "საქართველო chairs the talks and puts one draft to signature at Единственная встреча" in " ".join(
        text.split())
    assert "You chair the talks and put one draft" in " ".join(render.brief_text(_view(sc, "sakartvelo")).split())


def test_the_printed_brief_names_the_chair(tmp_path):
    # a custom scenario whose situation does not say who chairs: the quiz asked, no brief said
    sc = _load(tmp_path, TINY, "tiny-one")
    page = role_brief(sc, "armenia")
    assert "<b>საქართველო</b> chairs the talks." in page
    q = Q.question(sc, "armenia", "chair")
    assert q is not None and q.why.startswith("The calendar: საქართველო chairs the talks")


# --- no question whose answer the brief leaves unclear ---------------------------------------

@pytest.mark.parametrize("sc", BUILTIN, ids=lambda s: s.id)
def test_the_top_issue_is_told_by_its_salience_word(sc):
    # the text brief shows "(high)", not 0.70: summit-1999's Tajikistan had Sequencing (high, 0.70)
    # right and Peacekeeping force (high, 0.60) wrong
    for a in sc.actors:
        q = Q.question(sc, a.id, "top_issue")
        if q is None:
            continue
        top = salience_word(a.positions[q.answer].salience)
        assert all(salience_word(a.positions[k].salience) != top for k, _ in q.options if k != q.answer), a.id


def test_the_summit_tajikistan_top_issue_has_no_tie_in_words():
    sc = next(s for s in BUILTIN if s.id == "summit-1999")
    q = Q.question(sc, "tajikistan", "top_issue")
    assert q is not None and q.answer == "sequencing"
    assert "peacekeeping" not in [k for k, _ in q.options]


def test_no_two_options_read_the_same(tmp_path):
    # a scenario may give two issues, two levels or two delegations the same name (validate allows it)
    from test_authoring import BORDER_ROAD

    text = (BORDER_ROAD.replace("name: Birch\n", "name: Alder\n", 1).replace("name: Truck tolls", "name: Who pays")
            .replace("id: border-road", "id: same-names"))
    sc = _load(tmp_path, text, "same-names")
    for a in sc.actors:
        for q in Q.questions(sc, a.id):
            labels = [label.casefold() for _, label in q.options]
            assert len(set(labels)) == len(labels) >= 2, (a.id, q.id, labels)


@pytest.mark.parametrize("sc", BUILTIN, ids=lambda s: s.id)
def test_the_where_it_is_reads_well(sc):
    for a in sc.actors:
        for q in Q.questions(sc, a.id):
            for word in ("vital", "high", "medium", "low", "minor"):
                assert f"matters {word}" not in q.why, q.why  # was "Sequencing matters vital (0.90)"
            assert "confidential box" not in q.why  # the text mode's brief has no box


# --- a class in hotseat, a student typing badly ---------------------------------------------

def test_hotseat_teams_see_only_their_own_quiz(tmp_path, monkeypatch):
    from textmode_helpers import play

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    sc = next(s for s in BUILTIN if s.id == "cst-1999")
    ru = Q.questions(sc, "russia")[0]
    # Russia (the chair) moves first: it answers one question, stops, passes; Georgia answers two
    out = play("\nquiz\n1\n\npass\n" + "\n" * 1 + "quiz\n2\n1\n\nquit\n", role=["russia", "georgia"])
    screens = out.split("Pass to the delegation of ")
    russia = next(s for s in screens if s.startswith("Russia."))
    georgia = next(s for s in screens if s.startswith("Georgia."))
    ge2 = Q.questions(sc, "georgia")[1]  # Georgia's second question is its own: Russia never sees it
    assert ge2.text in georgia and ge2.text not in russia
    assert f"option is {sc.actor('russia').outside_option:.2f}" in " ".join(russia.split())
    assert f"option is {sc.actor('georgia').outside_option:.2f}" in " ".join(georgia.split())
    assert f"option is {sc.actor('georgia').outside_option:.2f}" not in " ".join(russia.split())
    saves = sorted((tmp_path / "autosaves").glob("autosave-*.json"))
    kept = json.loads(saves[-1].read_text())["payload"]["quiz"]
    assert kept["russia"] == {ru.id: ru.options[0][0]}
    assert list(kept["georgia"]) == [q.id for q in Q.questions(sc, "georgia")[:2]]


def test_badly_typed_answers_are_refused_or_read_right(tmp_path, monkeypatch):
    from textmode_helpers import play

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    sc = next(s for s in BUILTIN if s.id == "cst-1999")
    qs = Q.questions(sc, "georgia")
    bad = ["٢", "two", "-1", "5", "x" * 5000, "(b)", "0"]
    out = play("quiz\n" + "\n".join(bad) + "\nB)\n 2 \n1.\na\n\nquit\n")
    assert out.count(f"Type a number from 1 to {len(qs[0].options)}") == len(bad)
    assert "Traceback" not in out
    kept = json.loads(sorted((tmp_path / "autosaves").glob("autosave-*.json"))[-1].read_text())["payload"]["quiz"]
    assert kept["georgia"] == {qs[0].id: qs[0].options[1][0], qs[1].id: qs[1].options[1][0],
                               qs[2].id: qs[2].options[0][0], qs[3].id: qs[3].options[0][0]}


def test_stop_or_quit_in_the_quiz_stops_it_for_now(tmp_path, monkeypatch):
    # 'quit' mid-quiz was "Type a number from 1 to 4": a student could not find the way out
    from textmode_helpers import play

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    n = len(Q.questions(next(s for s in BUILTIN if s.id == "cst-1999"), "georgia"))
    out = play("quiz\n1\nquit\nquiz\nSTOP\nquit\n")
    assert "Type a number" not in out
    assert f"Stopped: {n - 1} questions left; 'quiz' goes on." in out
    assert out.count("Stopped:") == 2 and "Goodbye" in out


@pytest.mark.parametrize("sc", BUILTIN, ids=lambda s: s.id)
def test_no_signature_count_above_the_parties(sc):
    # the tutorial's three islands were asked whether the treaty needs 4 signatures
    parties = sum(1 for b in sc.actors if b.status != "non_party")
    for a in sc.actors:
        q = Q.question(sc, a.id, "signatures")
        if q is not None:
            assert all(int(k) <= parties for k, _ in q.options), (a.id, q.options)


def test_two_roles_are_asked_one_or_two_signatures(tmp_path):
    sc = _load(tmp_path, TINY, "tiny-one")
    q = Q.question(sc, "armenia", "signatures")
    assert q is not None and sorted(k for k, _ in q.options) == ["1", "2"] and q.answer == "2"
