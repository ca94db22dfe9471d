"""The briefing check: a quiz on a role's own brief (game/report/quiz.py; Match.answer_quiz)."""

from __future__ import annotations

import json

import pytest
from test_memos import _finish

from game.report import quiz as Q
from game.report.briefs import role_brief
from game.scenarios.loader import load_scenario
from game.scenarios.registry import builtin_paths
from game.session.match import Match
from game.session.saves import load_match, save_match

BUILTIN = [load_scenario(p) for p in builtin_paths()]


def _match(sc, seats=None) -> Match:
    return Match(sc, seed=4, seats=seats or {"georgia": "human"}, scenario_ref=sc.id)


@pytest.mark.parametrize("sc", BUILTIN, ids=lambda s: s.id)
def test_every_role_of_every_builtin_scenario_has_a_sound_quiz(sc):
    for a in sc.actors:
        qs = Q.questions(sc, a.id)
        assert 6 <= len(qs) <= Q.MAX_QUESTIONS, (a.id, len(qs))
        assert len({q.id for q in qs}) == len(qs)
        for q in qs:
            keys = [k for k, _ in q.options]
            labels = [label for _, label in q.options]
            assert 2 <= len(q.options) <= 4, q
            assert len(set(keys)) == len(keys) and len(set(labels)) == len(labels), q
            assert q.answer in keys and q.label(q.answer)
            assert q.text.endswith("?") and q.why.endswith(".")
        assert Q.questions(sc, a.id) is qs  # made once


def test_the_answers_are_what_the_brief_says(sc):
    by = {q.id: q for q in Q.questions(sc, "georgia")}
    assert by["want:sequencing"].label(by["want:sequencing"].answer) == "Adapt first"
    assert by["red_line"].answer == "guarantees"
    assert by["chair"].answer == sc.chair
    assert f"your outside option is {sc.actor('georgia').outside_option:.2f}" in by["sign"].why
    brief = role_brief(sc, "georgia")
    for q in by.values():  # every right answer is printed in the brief (as words, not only as ids)
        right = q.label(q.answer).split(" (")[0]
        if q.answer == Q.IDEAL:  # (a wish between two levels: the brief has it inside a sentence)
            right = right[:1].lower() + right[1:]
        if q.answer not in ("beats", Q.NONE):
            assert right in brief, (q.id, right)


def test_no_question_shows_another_roles_secret(sc):
    """The quiz is made from the role's own view: it is the same whatever the other roles' secrets
    (their confidential text, objectives, red lines and true outside options) are."""
    from game.scenarios.schema import RedLine

    for a in ("georgia", "russia", "uzbekistan"):
        mine = Q.questions(sc, a)
        changed = sc.model_copy(update={"actors": [
            b if b.id == a else b.model_copy(update={
                "confidential": "SECRET " + b.id, "objectives": [],
                "red_lines": [RedLine(issue=sc.issues[1].id, at_least=sc.issues[1].levels[-1].id)],
                "outside_option": 0.123,
                "outside_option_public": b.outside_option if b.outside_option_public is None
                else b.outside_option_public})
            for b in sc.actors]})
        assert Q.questions(changed, a) == mine
        text = json.dumps([(q.text, q.options, q.why) for q in mine], ensure_ascii=False)
        for b in sc.actors:
            if b.id != a:
                assert all(o.description not in text for o in b.objectives)


def test_the_quiz_is_the_same_every_time(sc):
    first = Q.questions(sc, "russia")
    Q._CACHE.clear()
    again = Q.questions(sc, "russia")
    assert first == again and first is not again


def test_an_unknown_role_has_no_quiz(sc):
    with pytest.raises(KeyError):
        Q.questions(sc, "atlantis")


def test_answers_are_kept_once_and_scored(sc):
    m = _match(sc)
    qs = Q.questions(sc, "georgia")
    assert m.answer_quiz("georgia", qs[0].id, qs[0].answer) is True
    wrong = next(k for k, _ in qs[1].options if k != qs[1].answer)
    assert m.answer_quiz("georgia", qs[1].id, wrong) is False
    with pytest.raises(ValueError, match="first answer counts"):
        m.answer_quiz("georgia", qs[1].id, qs[1].answer)
    assert Q.quiz_result(m, "georgia") == Q.QuizResult(1, 2, len(qs), (qs[1].id,))
    assert Q.quiz_result(m, "russia") == Q.QuizResult(0, 0, len(Q.questions(sc, "russia")), ())


@pytest.mark.parametrize("seat, qid, key, reason", [
    ("russia", "sign", "beats", "only a delegation people play"),
    ("georgia", "nonsense", "beats", "no question 'nonsense'"),
    ("georgia", "sign", "maybe", "no answer 'maybe'"),
])
def test_answers_are_refused_with_a_reason(sc, seat, qid, key, reason):
    m = _match(sc)
    with pytest.raises(ValueError, match=reason):
        m.answer_quiz(seat, qid, key)
    assert m.quiz == {}


def test_answers_are_not_moves(sc):
    m = _match(sc)
    m.run_ai()
    before = (len(m.actions), len(m.state.log), m.state.round, m.state.phase)
    for q in Q.questions(sc, "georgia"):
        m.answer_quiz("georgia", q.id, q.answer)
    assert (len(m.actions), len(m.state.log), m.state.round, m.state.phase) == before
    assert "quiz" not in json.dumps([a.to_dict() for a in m.actions])


def test_answers_survive_save_load_and_take_back(sc, tmp_path):
    m = _match(sc)
    m.run_ai()
    q = Q.questions(sc, "georgia")[2]
    m.answer_quiz("georgia", q.id, q.answer)
    path = tmp_path / "g.json"
    save_match(m, path)
    again = load_match(path)
    assert again.quiz == {"georgia": {q.id: q.answer}}
    from game.engine import actions as A
    again.submit(A.Pass("georgia"))
    back, _ = again.take_back("georgia")
    assert back.quiz == again.quiz


def test_a_save_without_answers_has_no_quiz_key(sc):
    assert "quiz" not in _match(sc).to_payload()


def test_a_hand_edited_save_loses_bad_answers_not_the_game(sc):
    m = _match(sc, {"georgia": "human", "armenia": "human"})
    good = Q.questions(sc, "georgia")[0]
    payload = m.to_payload()
    payload["quiz"] = {
        "georgia": {good.id: good.answer, "nonsense": "x", "chair": 3, "x" * 500: "y"},
        "armenia": ["not", "a", "dict"],
        "russia": {"sign": "beats"},  # the AI's seat
        "atlantis": {"sign": "beats"},
        7: {"sign": "beats"},
    }
    again = Match.from_payload(payload, sc)
    assert again.quiz == {"georgia": {good.id: good.answer}}
    payload["quiz"] = "broken"
    assert Match.from_payload(payload, sc).quiz == {}


def test_the_quiz_closes_when_the_game_is_over(sc):
    m = _finish(_match(sc))
    with pytest.raises(ValueError, match="game is over"):
        m.answer_quiz("georgia", "sign", "beats")


# --------------------------------------------------------------------------- text mode, debrief, grades

def test_the_text_mode_quiz(sc, tmp_path, monkeypatch):
    from textmode_helpers import play

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    qs = Q.questions(sc, "georgia")
    first, second = qs[0], qs[1]
    right1 = [k for k, _ in first.options].index(first.answer) + 1
    wrong2 = next(n for n, (k, _) in enumerate(second.options, 1) if k != second.answer)
    out = play(f"quiz\n0\nmaybe\n{right1}\n{wrong2}\n\nquiz\n" + "1\n" * (len(qs) - 2) + "quiz\nquit\n")
    assert "Read your brief? 'quiz' asks a few questions" in out  # said with the first steps
    assert f"Briefing check: {len(qs)} questions on your brief" in out
    assert f"Question 1 of {len(qs)}: {first.text}" in out
    assert out.count(f"Type a number from 1 to {len(first.options)}") == 2  # '0' and 'maybe'
    assert "Right." in out and f"Not quite: the answer is “{second.label(second.answer)}”." in out
    assert f"Stopped: {len(qs) - 2} questions left; 'quiz' goes on." in out
    assert out.count(f"Question 1 of {len(qs)}:") == 1  # 'quiz' again goes on from question 3
    assert f"Question 3 of {len(qs)}:" in out
    assert out.count("Briefing check: ") >= 3 and " of " + str(len(qs)) + " right." in out
    assert "Refused" not in out and "(2 AP)" not in out and out.count("(3 AP)>") >= 4  # not a move
    saves = sorted((tmp_path / "autosaves").glob("autosave-*.json"))
    kept = json.loads(saves[-1].read_text())["payload"]["quiz"]["georgia"]
    assert len(kept) == len(qs) and kept[first.id] == first.answer
    assert kept[second.id] != second.answer  # the first answer counts


def test_the_text_mode_quiz_stops_at_end_of_input():
    from textmode_helpers import play

    out = play("quiz\n1\n")
    assert "Question 2 of" in out and "Goodbye" in out


def test_the_debrief_and_the_grade_sheet_show_the_briefing_check(sc):
    import csv
    import io

    from game.report import debrief as D
    from game.report import grades as G

    m = Match(sc, seed=4, seats={"georgia": "human", "armenia": "human", "russia": "human"}, scenario_ref=sc.id)
    qs = Q.questions(sc, "georgia")
    for n, q in enumerate(qs):
        m.answer_quiz("georgia", q.id, q.answer if n else next(k for k, _ in q.options if k != q.answer))
    a = Q.questions(sc, "armenia")[0]
    m.answer_quiz("armenia", a.id, a.answer)
    _finish(m)
    d = D.analyse(m, 0)
    page = D.render(d)
    section = page[page.index("<h2>The briefing check</h2>"):page.index("<h2>Grade sheet</h2>")]
    assert "Not taken by Russia." in section
    assert f"<b>{len(qs) - 1}</b>" in section and f"{len(qs)} of {len(qs)}" in section and "1 of " in section
    assert Q.questions(sc, "georgia")[0].text in section  # the one it got wrong, with the right answer
    rows = {r["role"]: r for r in csv.DictReader(io.StringIO(G.grades_csv(d.grades)))}
    assert (rows["georgia"]["quiz_right"], rows["georgia"]["quiz_answered"]) == (str(len(qs) - 1), str(len(qs)))
    assert rows["georgia"]["quiz_questions"] == str(len(qs))
    assert (rows["russia"]["quiz_right"], rows["russia"]["quiz_answered"]) == ("0", "0")
    assert rows["belarus"]["quiz_right"] == rows["belarus"]["quiz_questions"] == ""  # the computer's seat
    ai_only = _finish(Match(sc, seed=4, seats={}, scenario_ref=sc.id))
    assert "briefing check" not in D.render(D.analyse(ai_only, 0))


def test_the_printed_brief_has_the_check_and_the_guide_its_key(sc):
    import re

    from game.report.briefs import facilitator_guide

    qs = Q.questions(sc, "georgia")
    brief = role_brief(sc, "georgia")
    page = brief[brief.index("<h2>Check your brief</h2>"):]
    assert page.count('<ol class="options" type="A">') == len(qs)
    from game.report.html import esc

    printed = re.findall(r'<li class="keep"><b>(.*?)</b><ol class="options" type="A">(.*?)</ol></li>', page)
    assert [(t, re.findall(r"<li>(.*?)</li>", o)) for t, o in printed] == [  # the game's order
        (esc(q.text), [esc(label) for _, label in q.options]) for q in qs]
    guide = facilitator_guide(sc)
    key = guide[guide.index("The briefing check: answer key"):]
    row = key[key.index(" Georgia</span>"):].split("</tr>")[0]
    letters = re.findall(r"(\d+)&nbsp;<b>([A-D])</b>", row)
    assert [int(n) for n, _ in letters] == list(range(1, len(qs) + 1))
    for (n, letter), q in zip(letters, qs):
        assert q.options["ABCD".index(letter)][0] == q.answer
    assert "The briefing check: answer key" not in brief  # the key is the teacher's only


# --------------------------------------------------------------------------- a scenario's own questions

def _authored(tmp_path, quiz_yaml: str):
    from test_authoring import BORDER_ROAD

    from game.scenarios.errors import ScenarioError

    path = tmp_path / "border-road.yaml"
    path.write_text(BORDER_ROAD + quiz_yaml, encoding="utf-8")
    try:
        return load_scenario(path), path
    except ScenarioError as exc:
        return exc, path


OWN = """
quiz:
  - id: why_now
    question: Why must the three states agree this year?
    right: The old agreement on the river ends in June.
    wrong: [A court has ordered them to., The river has dried up.]
    why: The situation, first paragraph.
  - id: cedar_trucks
    question: What does Cedar fear from tolls?
    right: That its trucks pay for the others' roads.
    wrong: [That the river floods.]
    roles: [cedar]
"""


def test_a_scenarios_own_questions_come_after_the_games(tmp_path):
    sc, _ = _authored(tmp_path, OWN)
    cedar, alder = Q.questions(sc, "cedar"), Q.questions(sc, "alder")
    assert [q.id for q in cedar][-2:] == ["own:why_now", "own:cedar_trucks"]
    assert [q.id for q in alder][-1] == "own:why_now" and "own:cedar_trucks" not in [q.id for q in alder]
    why = cedar[-2]
    assert why.label(why.answer) == "The old agreement on the river ends in June."
    assert sorted(label for _, label in why.options) == sorted(
        ["The old agreement on the river ends in June.", "A court has ordered them to.", "The river has dried up."])
    assert len(cedar[-1].options) == 2 and cedar[-1].why == ""
    m = Match(sc, seed=1, seats={"cedar": "human"}, scenario_ref=str(tmp_path / "border-road.yaml"))
    assert m.answer_quiz("cedar", "own:cedar_trucks", "right") is True
    assert "Why must the three states agree this year?" in role_brief(sc, "alder")
    assert "What does Cedar fear" not in role_brief(sc, "alder")  # asked of Cedar only


def test_the_guides_quiz_example_validates(tmp_path):
    import re

    from test_author_qa5 import GUIDE

    block = next(b for b in re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)
                 if b.startswith("quiz:"))
    sc, _ = _authored(tmp_path, "\n" + block)
    assert [q.id for q in sc.quiz] == ["why_now", "cedar_trucks"]


def test_the_templates_quiz_example_validates(tmp_path):
    from game.scenarios.template import render_template

    text = render_template(tmp_path / "harbour.yaml")
    lines, on = [], False
    for line in text.splitlines():
        if line.startswith("# quiz:"):
            on = True
        if on and line.startswith("# "):
            lines.append(line[2:])
            continue
        on = on and line.startswith("#")
        lines.append(line)
    path = tmp_path / "harbour.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sc = load_scenario(path)
    assert [q.id for q in sc.quiz] == ["what_at_stake"]
    assert Q.questions(sc, sc.actors[0].id)[-1].id == "own:what_at_stake"


def _q(right: str = "x", wrong: str = "[y]", qid: str = "a", extra: str = "") -> str:
    return (f"\n  - id: {qid}\n    question: 'Q?'\n    right: {right}\n    wrong: {wrong}\n" + extra)


@pytest.mark.parametrize("yaml_text, message", [
    ("\nquiz:" + _q("'Yes'", "['yes ']"), "is the same as the right one"),
    ("\nquiz:" + _q("Да", "[Нет, нет]"), "is the same as another wrong one"),
    ("\nquiz:" + _q() + _q(), "duplicate quiz question id 'a'"),
    ("\nquiz:" + _q(extra="    roles: [cedr]\n"), "unknown actor 'cedr'"),
    ("\nquiz:" + _q(wrong="[]"), "wrong"),
    ("\nquiz:" + _q(wrong="[b, c, d, e]"), "wrong"),
    ("\nquiz:\n  - {id: a, question: Why now?, right: x, wrong: [y]}\n",
     "a '?' in the middle of a text inside a {...} mapping ends the text there"),
    ("\nquiz:" + _q(wrong="[Is it?, No]"), "a '?' in the middle of a text inside a [...] list"),
])
def test_a_broken_question_names_file_line_and_column(tmp_path, yaml_text, message):
    from game.scenarios.errors import ScenarioError

    got, path = _authored(tmp_path, yaml_text)
    assert isinstance(got, ScenarioError), got
    text = str(got)
    assert message in text and f"{path.name}:" in text
    assert any(p.line and p.line > 1 and p.column for p in got.problems)


def test_a_question_mark_in_a_one_line_list_says_to_quote_it(tmp_path):
    got, _ = _authored(tmp_path, "\nquiz:" + _q(wrong="[Is it?, No]"))
    assert 'put the whole text in quotes, e.g. "Is it?"' in str(got)


def test_cyrillic_answers_are_not_mistaken_for_the_same(tmp_path):
    got, _ = _authored(tmp_path, "\nquiz:" + _q("Да", "[Нет]"))
    assert not isinstance(got, Exception), got


def test_the_questions_words_are_not_rules(tmp_path):
    """Changing a quiz's words (or adding one) leaves the rules hash alone: saves still load."""
    from game.scenarios.wording import rules_hash

    plain, _ = _authored(tmp_path, "")
    with_quiz, _ = _authored(tmp_path, OWN)
    assert rules_hash(plain) == rules_hash(with_quiz)


def test_a_wish_between_two_levels_reads_as_an_option():
    """Kazakhstan's sequencing lies between two levels: the option starts with a capital, as the
    others do ("Between Prolong with review and ...")."""
    sc = next(s for s in BUILTIN if s.id == "cst-1999")
    q = next(q for q in Q.questions(sc, "kazakhstan") if q.id == "want:sequencing")
    assert q.answer == Q.IDEAL and q.label(q.answer).startswith("Between ")
    assert all(label[:1].isupper() for _, label in q.options)
    assert "you want between " in q.why  # (in the sentence, as the brief says it)
