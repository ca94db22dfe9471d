"""A secondary-school teacher's 90-minute lesson with nine groups on cst-1999, every role played by
a team and entered through the facilitator's console, then debriefed and graded.

Each test pins one thing that teacher tripped over in the kit, the debrief or the grade sheet.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from game.engine import Options
from game.report import debrief as D
from game.report.briefs import facilitator_guide
from game.report.grades import grade_rows, grades_csv
from game.report.html import CSS, BarSeries, bar_chart, whole
from game.scenarios.loader import load_scenario
from game.scoring import history_result
from game.session import facilitator as F
from game.session.match import Match

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def whole_class(cst) -> Match:
    """Nine teams, one per delegation; the teacher enters each team's move in the console (here: the
    move the AI would make), with one inject, as in the lesson."""
    m = Match(cst, seed=11, options=Options(events="historical"),
              seats={a.id: "human" for a in cst.actors}, scenario_ref="cst-1999")
    F.facilitate(m).minutes = 7
    for n in range(3000):
        if m.over:
            break
        if n == 10:
            F.apply_inject(m, F.news_inject("Teacher news: Moscow offers gas discounts"))
        assert m.submit(m.ai_action()).rejected is None
    assert m.over
    return m


@pytest.fixture(scope="module")
def analysed(whole_class):
    return D.analyse(whole_class, ai_runs=0)


def _half_up(text: str) -> str:
    return str(int(Decimal(text).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


# --------------------------------------------------------------------------- the debrief's header

def test_a_whole_class_debrief_does_not_say_the_computer_played_the_other_roles(analysed):
    """Every role was a team's, but the report's first lines said "...; the other roles by the
    computer (normal)": the teacher wondered which team the computer had replaced."""
    html = D._summary(analysed)
    assert "the other roles by the computer" not in html
    assert "Every role played by people" in html


def test_a_partly_human_game_still_names_the_computer(cst):
    m = Match(cst, seed=3, seats={"russia": "human"}, scenario_ref="cst-1999")
    while not m.over:
        m.submit(m.ai_action())
    html = D._summary(D.analyse(m, ai_runs=0))
    assert ("Played by people: Russia; the other roles by the computer, at AI difficulty normal (the "
            "computer&#x27;s delegations bargained only for themselves).") in html


# --------------------------------------------------------------------------- numbers the teacher compares

def test_vs_columns_are_the_differences_of_the_numbers_the_sheet_shows(whole_class):
    """The sheet said score 93.4, history_score 89.7 and vs_history 3.8: the teacher's own
    subtraction gave 3.7, and she stopped trusting the columns."""
    result = whole_class.result()
    history = history_result(whole_class.game.model)
    for k in range(1, 40):
        # AI averages with every kind of second decimal, so that rounding has its chance to differ
        ai = {rid: rs.score - 3.0 + 0.037 * k for rid, rs in result.roles.items()}
        rows = grade_rows(whole_class, result, history, ai)
        for row in csv.DictReader(io.StringIO(grades_csv(rows))):
            score, hist, mean = (Decimal(row[c]) for c in ("score", "history_score", "ai_mean_score"))
            assert Decimal(row["vs_history"]) == score - hist, row
            assert Decimal(row["vs_ai"]) == score - mean, row


def test_whole_numbers_in_the_report_agree_with_the_sheet():
    """The sheet showed Kazakhstan 62.5 and Belarus 89.5; the report showed 62 and 90 (Python
    rounds halves to even, and the report rounded the sheet's rounded number again)."""
    assert whole(62.5) == "63" and whole(89.5) == "90" and whole(62.508) == "63"
    assert whole(62.449) == "62" and whole(-2.5) == "-3" and whole(0.04) == "0"
    assert whole(71.45) == whole(round(71.45, 1))  # the raw score and the sheet's say the same
    chart = bar_chart([("Kazakhstan", [62.5, 89.5, None])], [BarSeries("a", "#000"), BarSeries("b", "#999")],
                      "scores")
    assert ">63<" in chart and ">90<" in chart and ">62<" not in chart


def test_the_report_and_the_csv_show_the_same_scores(analysed):
    """Each whole number in the report's score tables is the CSV's number rounded as a teacher does."""
    # a score the sheet shows as x.5 (Kazakhstan's 62.5 in the lesson) must round up everywhere
    grades = [dict(analysed.grades[0], score=62.5, history_score=89.5, ai_mean_score=40.5)] + analysed.grades[1:]
    d = dataclasses.replace(analysed, grades=grades)
    sheet = D._grades(d)
    scores = D._scores(d)
    name = d.grades[0]["name"]
    for row in d.grades:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", sheet.split(row["name"] + "</span>", 1)[1])
        assert cells[2] == _half_up(str(row["score"])), (row["name"], cells)  # seat, signed, score
    chart, tab = scores.split("<table", 1)
    assert ">63<" in chart and ">90<" in chart and ">41<" in chart  # the bars' labels
    first = tab.split(name, 1)[1].split("</tr>", 1)[0]
    assert "<b>63</b>" in first and ">90<" in first and ">41<" in first


def test_the_guides_history_scores_match_the_debriefs(cst, whole_class):
    """The facilitator guide's "Each role in history" and the debrief's History column round alike."""
    guide = facilitator_guide(cst)
    history = history_result(whole_class.game.model)
    for a in cst.actors:
        assert whole(history.roles[a.id].score) == whole(round(history.roles[a.id].score, 1))
        row = guide.split("<h3>Each role in history</h3>", 1)[1].split(a.name + "</span>", 1)[1]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.split("</tr>", 1)[0])
        assert whole(history.roles[a.id].score) in cells, (a.name, cells)


# --------------------------------------------------------------------------- the hidden draw

def test_the_revealed_draw_is_named_where_the_reveal_points(analysed):
    """cst-1999's reveal says "the draw made the state named below the third opponent", but the
    debrief named it only above, in the box's heading: below it there was nothing."""
    html = D._draws(analysed)
    assert "named below" in html
    (_, option), = analysed.match.state.draws
    label = next(o.label for o in analysed.scenario.hidden_draws[0].options if o.id == option)
    after = html.split("named below", 1)[1]
    assert f"This game's draw:</b> {label}." in after


def test_the_guide_says_its_reveal_text_is_the_debriefs(cst):
    guide = facilitator_guide(cst)
    assert "After the game the debrief names the answer drawn and adds: “No source names" in guide


# --------------------------------------------------------------------------- nine teams, nine roles

def test_the_guide_says_what_the_boycotting_team_can_do(cst):
    """With nine groups, one plays Uzbekistan, which starts away from the table: neither guide said
    that the team can only pass or come back, so the teacher had no advice for that group."""
    html = facilitator_guide(cst)
    assert "Uzbekistan starts away from the table" in html and "only pass or return to the table" in html
    assert "starts away from the table" not in facilitator_guide(load_scenario("tutorial"))
    md = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    assert "With nine\n   teams every role is played" in md and "*return to the\n   table*" in md


# --------------------------------------------------------------------------- the guide's grade sheet section

def test_the_guide_documents_the_csvs_byte_order_mark_and_columns():
    """The sheet starts with a byte-order mark; read with pandas' default encoding, its first column
    came out as '\\ufeffrole' and the teacher's script failed with KeyError: 'role'."""
    md = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    grading = md.split("## 5. Grading", 1)[1].split("## 6.", 1)[0]
    assert "byte-order mark" in grading and "utf-8-sig" in grading
    assert "`vs_history` is `score` minus `history_score`" in grading
    for value in ("`absent`", "`no vote`", "`human`", "`ai`"):
        assert value in grading


def test_the_guide_does_not_promise_a_shorter_debrief_than_it_prints():
    """The guide said 10 to 12 pages; the lesson's debrief printed on 14 A4 pages."""
    md = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    assert "10 to 12 pages" not in md
    assert "about 14 A4 pages" in md


# --------------------------------------------------------------------------- a phone

def test_pages_fit_a_phone_screen():
    """On a 390-pixel phone the map table and the debrief's tables pushed the whole page sideways;
    a student reading the brief had to scroll every line."""
    narrow = CSS.split("@media screen and (max-width: 640px)", 1)
    assert len(narrow) == 2
    rules = narrow[1].split("@media print", 1)[0]
    assert "table { display: block; overflow-x: auto; }" in rules
    assert "main.page, section.page { margin: 0;" in rules
