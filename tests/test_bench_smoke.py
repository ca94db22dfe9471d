"""Smoke test of the benchmark suite: it imports, generates valid scenarios that play.

No timing assertions: this only checks that ``python bench/run_all.py`` has what it
needs. The negmas part is skipped when negmas (the ``bench`` extra) is not installed.
"""

from __future__ import annotations

import importlib

import pytest

from game.scenarios.checks import check_scenario

MODULES = [
    "bench.common",
    "bench.games",
    "bench.scaling",
    "bench.scenario_gen",
    "bench.ui",
    "bench.vs_negmas",
    "bench.run_all",
    "bench.profile_games",
    "bench.levels",
]


@pytest.mark.parametrize("name", MODULES)
def test_modules_import(name):
    importlib.import_module(name)


@pytest.mark.parametrize("actors,issues", [(4, 3), (9, 7)])
def test_generated_scenario_is_valid_and_plays(actors, issues):
    from bench.common import timed_game
    from bench.scenario_gen import generate_scenario

    sc = generate_scenario(actors, issues, n_rounds=2)
    assert len(sc.actors) == actors and len(sc.issues) == issues
    assert [p for p in check_scenario(sc) if p.severity == "error"] == []
    assert sum(i.sequencing for i in sc.issues) == 1
    assert all(len(i.levels) == 3 for i in sc.issues)
    assert [r.final for r in sc.rounds] == [False, True]
    assert all(set(a.positions) == {i.id for i in sc.issues} for a in sc.actors)
    parties = sum(a.status != "non_party" for a in sc.actors)
    assert 2 <= sc.settings.min_signatures <= parties
    rec = timed_game(sc, seed=1)
    assert rec["decisions"] > 0 and rec["steps"] >= rec["decisions"] - 1


def test_floors_replay_the_ai_game_and_play_passive_seats():
    """The floors under one game: the recorded moves replay without a refusal (the engine
    alone), and a game of passive players ends; both are timed."""
    from bench.common import load_seed_scenario, timed_floor, timed_game

    sc = load_seed_scenario()
    rec = timed_game(sc, seed=2)
    assert len(rec["actions"]) == rec["steps"]
    floor = timed_floor(sc, 2, rec["actions"])
    assert floor["replay_s"] > 0 and floor["passive_s"] > 0 and floor["passive_actions"] > 0
    with pytest.raises(RuntimeError, match="refused on replay"):
        timed_floor(sc, 2, rec["actions"][1:])  # out of turn


def test_generator_is_deterministic():
    from bench.scenario_gen import generate_scenario

    assert generate_scenario(6, 4).model_dump() == generate_scenario(6, 4).model_dump()
    assert generate_scenario(6, 4).model_dump() != generate_scenario(6, 4, seed=1).model_dump()


def test_growth_exponent_and_report():
    from bench.common import machine_info
    from bench.run_all import evaluate, markdown
    from bench.scaling import growth_exponent

    assert growth_exponent([(8, 8.0**1.5), (64, 64.0**1.5)]) == pytest.approx(1.5)
    assert growth_exponent([(8, 1.0)]) is None
    row = {"actors": 193, "issues": 10, "status": "over budget", "time_limit_s": 1.0}
    results = {
        "when": "now",
        "mode": "quick",
        "label": "",
        "machine": machine_info(),
        "scaling": {
            "rows": [row],
            "fits": {
                "10": {
                    "game_exponent": None,
                    "decision_exponent": None,
                    "decisions_exponent": None,
                    "memory_exponent": None,
                    "sizes_fitted": [],
                }
            },
            "rounds": 3,
        },
    }
    results["targets"] = evaluate(results)
    assert any(t["measured"] == "over budget" and t["status"] == "MISSED" for t in results["targets"])
    assert "over budget" in markdown(results, baseline=results)


def test_scaling_worker_runs_in_a_subprocess():
    from bench.scaling import measure_size

    row = measure_size(4, 3, time_limit=120, min_seconds=0.0, max_games=1, memory=False)
    assert row["status"] == "ok" and row["games"] >= 1 and row["decisions_per_game"] > 0


def test_ui_json_contract():
    from bench.ui import _last_json, normalise

    data = _last_json('noise\n{"p50_ms": 3.5, "p95_ms": 7.0, "first_frame_s": 0.9}\n')
    assert normalise(data) == {"p50_ms": 3.5, "p95_ms": 7.0, "first_frame_s": 0.9}
    assert normalise({"p95": 6, "first_frame_ms": 1200})["first_frame_s"] == pytest.approx(1.2)


def test_negmas_negotiation_of_the_seed_shape():
    pytest.importorskip("negmas")
    from bench.vs_negmas import negmas_negotiation

    rec = negmas_negotiation(seed=3)
    assert rec["steps"] >= 1 and rec["total_s"] >= rec["run_s"] > 0


def test_ui_text_report_is_parsed():
    from bench.ui import normalise, parse_text

    text = (
        "window 1280x720, log entries 450, drafts 24\n"
        "time to first frame: 790 ms from start (imports 571 ms, window and first frame 86 ms)\n"
        "table at rest                    frames  300  p50   2.43 ms  p95   6.58 ms  max   7.89 ms\n"
        "AI moving (one step per tick)    frames   62  p50   9.53 ms  p95  25.30 ms  max  52.24 ms\n"
    )
    data = parse_text(text)
    assert data["scene"] == "table at rest" and len(data["scenes"]) == 2
    assert normalise(data) == {"p50_ms": 2.43, "p95_ms": 6.58, "first_frame_s": 0.79}
    assert parse_text("nothing here") is None


def test_levels_asks_every_level_at_the_same_decision_points():
    """bench.levels: the decision points are the AI turns of a game with a person in Georgia's seat,
    rebuilt at each level (no timing is checked)."""
    from bench.levels import LEVELS, decision_points, measure
    from game.scenarios.loader import load_scenario

    sc = load_scenario("cst-1999")
    points = {level: decision_points(sc, [101], level) for level in LEVELS}
    assert len({len(p) for p in points.values()}) == 1 and len(points["normal"]) > 20
    for level, matches in points.items():
        assert all(m.difficulty == level and not m.human_to_move() for m in matches)
    assert [m.actions for m in points["hard"]] == [m.actions for m in points["normal"]]
    out = measure(games=1, rounds=1)
    assert set(out["median_ms"]) == set(LEVELS) and out["ratio_to_normal"]["normal"] == 1.0
