"""A teacher runs cst-1999 with a struggling group at easy and a strong group at hard, then compares
the two groups' results; a student who lost as Georgia at hard asks whether it was them or the level.

Each test pins a place where a score is read and the level used to be missing (or was explained
in words that no longer held), so that an easy score was read beside a hard one without warning.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from textmode_helpers import play

from game.report import debrief as D
from game.report.briefs import facilitator_guide
from game.report.grades import COLUMNS, grade_rows, grades_csv
from game.session.match import Match
from game.textmode import render

ROOT = Path(__file__).resolve().parents[1]


def _georgia_game(cst, difficulty: str) -> Match:
    """Georgia played by a person (here: the AI's moves), the rest by the computer at ``difficulty``."""
    m = Match(cst, seed=7, seats={"georgia": "human"}, difficulty=difficulty, scenario_ref="cst-1999")
    while not m.over:
        assert m.submit(m.ai_action()).rejected is None
    return m


@pytest.fixture(scope="module")
def hard(cst) -> Match:
    return _georgia_game(cst, "hard")


@pytest.fixture(scope="module")
def easy(cst) -> Match:
    return _georgia_game(cst, "easy")


# --------------------------------------------------------------------------- the grade sheet

def test_the_grade_sheet_says_the_level_on_every_row(easy, hard):
    """Two groups' sheets, one at easy and one at hard, put together in a spreadsheet: nothing in
    them said which was which."""
    assert "difficulty" in COLUMNS
    for m, level in ((easy, "easy"), (hard, "hard")):
        rows = list(csv.DictReader(io.StringIO(grades_csv(grade_rows(m)))))
        assert {r["difficulty"] for r in rows} == {level}


def test_the_guide_explains_the_grade_sheet_level_column():
    guide = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    grading = guide.split("## 5. Grading", 1)[1]
    assert "| `difficulty` |" in grading


# --------------------------------------------------------------------------- the text mode

def test_the_text_mode_results_say_the_level_before_the_scores(hard):
    text = " ".join(render.results_text(hard, 100).split())
    assert ("Scores at AI difficulty hard (the computer's delegations minded the gains of the seats people "
            "played)") in text
    assert text.index("AI difficulty hard") < text.index("Georgia (you)")


def test_the_text_mode_results_leave_the_level_out_where_it_made_no_difference(cst):
    m = Match(cst, seed=7, difficulty="hard", scenario_ref="cst-1999")  # every seat the computer's
    m.run_ai()
    assert "AI difficulty" not in render.results_text(m, 100)


def test_the_text_mode_says_the_level_as_the_game_starts():
    out = " ".join(play("quit\n", difficulty="easy").split())
    assert "seed 3. Type 'help' for commands. AI difficulty easy: the computer's delegations accommodate" in out


# --------------------------------------------------------------------------- the debrief

@pytest.fixture(scope="module")
def hard_debrief(hard):
    d = D.analyse(hard, ai_runs=2)
    return d, D.render(d)


def test_the_debrief_header_says_the_level_in_words(hard_debrief):
    d, _ = hard_debrief
    summary = " ".join(D._summary(d).split())
    assert ("Played by people: Georgia; the other roles by the computer, at AI difficulty hard (the "
            "computer&#x27;s delegations minded the gains of the seats people played).") in summary


def test_the_debrief_says_the_computer_average_is_at_the_same_level(hard_debrief):
    """The student who lost at hard: "was it me or the level?" The report compared their score with
    the computer's in the same seat without saying that the computer faced the same hard opponents."""
    d, html = hard_debrief
    html = " ".join(html.split())
    assert "This game was played at <b>AI difficulty hard</b>" in html
    assert "treated the computer in that role as they treated the people" in html
    assert "at the same AI difficulty (hard): the other delegations treat the computer" in html  # the chart
    prompt = next(p for p in d.prompts if "for the computer in the same role" in p)
    assert "for the computer in the same role at the same AI difficulty (hard)" in prompt
    assert "its column <code>difficulty</code> says the level: hard" in html


def test_an_ai_only_debrief_does_not_claim_a_level(cst):
    m = Match(cst, seed=7, difficulty="hard", scenario_ref="cst-1999")
    m.run_ai()
    d = D.analyse(m, ai_runs=0)
    summary = D._summary(d)
    assert "All roles played by the computer (the AI difficulty makes no difference then)." in summary
    assert "This game was played at" not in D.render(d)


# --------------------------------------------------------------------------- the guides

def test_the_facilitator_guide_says_the_level_is_one_per_game():
    """Can the teacher change the level mid-game, or give one team easy and another hard? The
    guide did not say."""
    guide = " ".join((ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8").split())
    assert "it cannot be changed during the game" in guide
    assert "nor set for one team and not another" in guide
    assert "run each group's game on its own" in guide


def test_the_printed_facilitator_guide_explains_the_levels(cst):
    """The printed kit's guide (what the teacher reads before class) never mentioned the levels."""
    html = " ".join(facilitator_guide(cst).split())
    assert "<code>--difficulty</code>" in html
    assert "It does not make them better or worse negotiators" in html
    assert "to give two groups different levels, run two games" in html


def test_no_doc_or_setup_words_keep_the_old_meaning_of_the_levels():
    """The levels used to be the computer's skill; nothing but the rules' history note may say so."""
    from game.ui.scenes import DIFFICULTY_TIPS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "AI level (easy, normal, hard)" not in readme
    assert "every measurement uses" not in DIFFICULTY_TIPS["normal"]
