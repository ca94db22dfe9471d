"""The debrief report: analysis (replay, who signed and why, prompts) and the HTML it renders."""

from __future__ import annotations

import re

import numpy as np
import pytest
from test_briefs import check_html

from game.cli import main
from game.engine import Options
from game.engine import actions as A
from game.engine.table import build_table
from game.report import debrief as D
from game.session.match import Match
from game.session.saves import save_match
from game.session.simulate import play_one

AI_RUNS = 3  # keep the suite fast; the CLI default is 30


@pytest.fixture(scope="module")
def ai_game(sc):
    return play_one(sc, 7, scenario_ref="cst-1999")


@pytest.fixture(scope="module")
def report(scripted):
    d = D.analyse(scripted, AI_RUNS, seed=1)
    return d, D.render(d)


def _save(match: Match, path) -> None:
    save_match(match, path)


def test_replay_snapshots_follow_the_rounds(sc, ai_game):
    snaps = D.replay_rounds(ai_game)
    assert len(snaps) == len(sc.rounds) + 1
    assert [s.state.round for s in snaps[:-1]] == list(range(len(sc.rounds)))
    assert snaps[-1].label == "Summit" and snaps[-1].state.ended
    start = ai_game.game.new(ai_game.seed, ai_game.options)
    assert np.allclose(snaps[0].table.ideal, build_table(ai_game.game.model, start, None).ideal)
    assert np.allclose(snaps[-1].table.ideal, build_table(ai_game.game.model, ai_game.state, None).ideal)


def test_ai_cloud_is_seeded(ai_game):
    a = D.ai_cloud(ai_game, 2, seed=3)
    b = D.ai_cloud(ai_game, 2, seed=3)
    assert a == b and len(a) == 2
    assert {"depth", "breadth", "scores", "signed"} <= set(a[0])


def test_signing_reasons(sc, scripted):
    rows = {r["actor"]: r for r in D.signing_reasons(scripted)}
    assert set(rows) == {a.id for a in sc.actors if a.status != "non_party"}
    assert rows["uzbekistan"]["signed"] == -1 and "not at the table" in rows["uzbekistan"]["verdict"]
    assert rows["belarus"]["signed"] == 0
    for r in rows.values():
        assert r["margin"] == pytest.approx(r["sign"] - r["stay"])
    assert "red line" in rows["georgia"]["verdict"]  # draft 1 crosses Georgia's lines


def test_prompts_come_from_what_happened(report):
    d, _ = report
    text = " ".join(d.prompts)
    assert "Georgia walked out in round 2 and came back in round 3" in text
    assert "promised" in text  # Kazakhstan broke its promise to Russia
    assert "say-versus-sign gap" in text
    assert "played by people" in text
    assert "Hidden draw revealed" in text


def test_report_structure(sc, report):
    d, page = report
    tags = check_html(page)
    assert tags.count("svg") >= 4  # tightness bar, depth-breadth plane, scores, stances
    for part in ("The final text", "Depth and breadth", "What history did", "Each role's score",
                 "Who signed and why", "How the stances moved", "The hidden draws, revealed", "Grade sheet",
                 "Timeline of the talks", "Discussion prompts"):
        assert part in page, part
    for a in sc.actors:
        assert a.name in page
    assert "History (" in page and "AI-only games (3)" in page
    assert "private" in page and "seen only by Russia and Kazakhstan" in page
    draw, option = d.match.state.draws[0]
    label = next(o.label for dr in sc.hidden_draws if dr.id == draw for o in dr.options if o.id == option)
    assert label in page


def test_report_is_self_contained(report):
    _, page = report
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "@media print" in page


def test_scenario_text_is_escaped_in_the_debrief(sc):
    evil = "<script>alert(1)</script>"
    actors = [a.model_copy(update={"name": a.name + evil}) for a in sc.actors]
    bad = sc.model_copy(update={"title": evil, "subtitle": evil, "actors": actors,
                                "issues": [i.model_copy(update={"name": i.name + evil}) for i in sc.issues]})
    m = play_one(bad, 2)
    page = D.render(D.analyse(m, 0))
    check_html(page)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_unfinished_game_is_refused(sc):
    m = Match(sc, seed=1, options=Options(), seats={"russia": "human"})
    with pytest.raises(ValueError, match="not ended"):
        D.analyse(m, 0)


def test_cli_debrief_and_grades(scripted, tmp_path, capsys):
    save = tmp_path / "game.json"
    _save(scripted, save)
    out, csv_path = tmp_path / "report" / "debrief.html", tmp_path / "grades.csv"
    assert main(["debrief", str(save), "--out", str(out), "--csv", str(csv_path), "--ai-runs", "2"]) == 0
    check_html(out.read_text(encoding="utf-8"))
    assert csv_path.read_text(encoding="utf-8-sig").startswith("role,name,seat,signed,score")
    g = tmp_path / "g.csv"
    assert main(["grades", str(save), "--out", str(g), "--ai-runs", "0"]) == 0
    assert g.read_text(encoding="utf-8").count("\n") == 1 + len(scripted.scenario.actors)


def test_cli_refuses_unfinished_and_missing_saves(sc, tmp_path, capsys):
    m = Match(sc, seed=1, seats={"russia": "human"}, scenario_ref="cst-1999")
    m.submit(A.Pass("russia"))
    save = tmp_path / "half.json"
    _save(m, save)
    assert main(["debrief", str(save), "--out", str(tmp_path / "x.html")]) == 1
    assert "has not ended" in capsys.readouterr().err
    assert main(["debrief", str(tmp_path / "none.json"), "--out", str(tmp_path / "x.html")]) == 1
    assert not (tmp_path / "x.html").exists()


def test_custom_scenario_without_history_draws_or_sequencing(sc):
    issues = [i.model_copy(update={"sequencing": False}) for i in sc.issues]
    plain = sc.model_copy(update={"history": None, "hidden_draws": [], "issues": issues})
    d = D.analyse(play_one(plain, 4), 2)
    assert d.history is None and all(r["history_score"] == "" for r in d.grades)
    page = D.render(d)
    check_html(page)
    assert "What history did" not in page and "hidden draws" not in page
    assert page.count("<svg") >= 3
