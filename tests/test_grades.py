"""The grade sheet: columns, per-role counts, and the say-versus-sign gap."""

from __future__ import annotations

import csv
import io

import pytest

from game.engine import Options
from game.engine import actions as A
from game.report.grades import COLUMNS, grade_rows, grades_csv, say_sign_gap, write_grades_csv
from game.scoring import history_result
from game.session.match import Match
from game.session.simulate import play_one

HUMANS = ("russia", "belarus", "georgia", "kazakhstan")


def scripted_match(sc, seed: int = 5) -> Match:
    """People in four seats: an offer accepted then broken, a public endorsement then no signature,
    a declared red line then signed across, a walk-out and a return."""
    lv = sc.level_index
    ix = {i.id: n for n, i in enumerate(sc.issues)}
    plan = {
        ("russia", 0): [A.MakeOffer("russia", target="kazakhstan", offer="arms_domestic_prices",
                                    condition="sign")],
        ("belarus", 0): [A.Endorse("belarus", draft=1)],
        ("kazakhstan", 0): [A.Endorse("kazakhstan", draft=1)],
        ("georgia", 0): [A.RedLine("georgia", issue=ix["guarantees"], level=lv("guarantees", "declaratory"),
                                   direction="at_least")],
        ("georgia", 1): [A.WalkOut("georgia")],
        ("georgia", 2): [A.Return("georgia")],
    }
    signs = {"russia": True, "belarus": False, "georgia": True, "kazakhstan": False}
    m = Match(sc, seed=seed, options=Options(events="historical"), seats={h: "human" for h in HUMANS},
              scenario_ref=sc.id)
    used: dict[tuple[str, int], int] = {}
    for _ in range(2000):
        if m.over:
            break
        if not m.human_to_move():
            m.run_ai()
            continue
        who = m.to_move
        for offer in m.game.view(m.state, who).pending_offers():
            assert m.submit(A.Respond(who, offer=offer.id, accept=who == "kazakhstan")).rejected is None
        if m.state.phase == "signing":
            action = (A.PutToSignature(who, draft=1) if m.state.on_table is None
                      else A.Sign(who, sign=signs[who]))
            assert m.submit(action).rejected is None
            continue
        key = (who, m.state.round)
        queue = plan.get(key, [])
        n = used.get(key, 0)
        used[key] = n + 1
        action = queue[n] if n < len(queue) else A.Pass(who)
        outcome = m.submit(action)
        assert outcome.rejected is None, (action, outcome.rejected)
    assert m.over
    return m


@pytest.fixture(scope="module")
def rows(scripted):
    return {r["role"]: r for r in grade_rows(scripted, None, history_result(scripted.game.model),
                                             {a: 50.0 for a in scripted.game.model.actor_ids})}


def test_one_row_per_role_with_every_column(sc, rows):
    assert list(rows) == [a.id for a in sc.actors]
    for row in rows.values():
        assert set(row) == set(COLUMNS)


def test_csv_has_the_columns_and_a_row_per_role(sc, scripted, tmp_path):
    data = grade_rows(scripted)
    path = write_grades_csv(data, tmp_path / "out" / "grades.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert text == grades_csv(data)
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames) == COLUMNS
    got = list(reader)
    assert [r["role"] for r in got] == [a.id for a in sc.actors]
    assert all(0 <= float(r["score"]) <= 100 for r in got)


def test_seats_scores_and_baselines(rows):
    assert rows["russia"]["seat"] == "human" and rows["armenia"]["seat"] == "ai"
    for r in rows.values():
        assert r["ai_mean_score"] == 50.0
        assert r["vs_ai"] == pytest.approx(r["score"] - 50.0, abs=0.11)
        assert r["history_score"] != ""
        assert r["objectives_met"] <= r["objectives_total"]
        assert r["objective_points"] <= r["objective_points_total"]


def test_moves_offers_and_promises_are_counted(rows):
    ru, kz, ge = rows["russia"], rows["kazakhstan"], rows["georgia"]
    assert ru["offers_made"] >= 1 and ru["offers_made_accepted"] >= 1
    assert kz["offers_accepted"] >= 1 and kz["promises_broken"] == 1
    assert ge["walk_outs"] == 1 and ge["red_lines_declared"] == 1
    assert ge["actions"] >= 3  # red line, walk-out, return
    assert rows["belarus"]["endorsements"] == 1


def test_say_versus_sign_gap(rows):
    by, ge, kz = rows["belarus"], rows["georgia"], rows["kazakhstan"]
    assert by["signed"] == "no" and by["stance_on_final"] == "endorsed"
    assert by["say_sign_gap"] == 1 and "endorsed the final text but did not sign" in by["say_sign_notes"]
    # Georgia declared 'guarantees at least declaratory' and signed draft 1 (guarantees: none).
    assert ge["signed"] == "yes" and ge["red_lines_crossed"] == 1
    assert ge["say_sign_gap"] >= 1 and "red line on Conflict guarantees" in ge["say_sign_notes"]
    assert "privately promised Russia to sign" in kz["say_sign_notes"]
    assert rows["russia"]["say_sign_gap"] == 0


def test_ai_only_game_has_no_private_breaches_unless_logged(sc):
    m = play_one(sc, 3)
    for i in range(len(sc.actors)):
        gap, notes = say_sign_gap(m, i)
        assert gap >= 0
        broken = [o for o in m.state.offers if o.target == i and o.status == "broken"]
        assert len([n for n in notes if n.startswith("privately")]) == len(broken)


def test_csv_cells_cannot_start_a_formula(sc, scripted):
    rows_ = grade_rows(scripted)
    rows_[0]["name"] = "=HYPERLINK(\"x\")"
    assert "'=HYPERLINK" in grades_csv(rows_)
