"""Every built-in scenario validates cleanly, plays to the end with the AI, and has a balance report."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenarios.loader import load_scenario, validate
from game.scenarios.registry import builtin_paths
from game.session.simulate import play_one

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = sorted(builtin_paths())
SEEDS = (1, 2, 3)


def test_the_expected_scenarios_are_built_in() -> None:
    assert {"cst-1999", "summit-1999", "cst-1999-uzbekistan", "tutorial", "montreal-1987"} <= set(BUILTIN)


@pytest.mark.parametrize("sid", BUILTIN)
def test_validates_without_errors_or_warnings(sid: str) -> None:
    scenario, problems = validate(sid)
    assert [p.format() for p in problems] == []
    assert scenario is not None and scenario.id == sid == builtin_paths()[sid].stem


@pytest.mark.parametrize("sid", BUILTIN)
@pytest.mark.parametrize("seed", SEEDS)
def test_plays_to_the_end_with_the_ai(sid: str, seed: int) -> None:
    scenario = load_scenario(sid)
    match = play_one(scenario, seed)
    assert match.over and match.to_move is None
    result = match.result()
    treaty = result.treaty
    assert 0 <= treaty.tightness <= 100 and 0 <= treaty.depth <= 1 and 0 <= treaty.breadth <= 1
    assert treaty.label in ("tight", "moderate", "loose", "lapsed")
    assert treaty.in_force == (len(treaty.signatories) >= scenario.settings.min_signatures)
    assert set(result.roles) == {a.id for a in scenario.actors}
    assert all(0 <= r.score <= 100 for r in result.roles.values())


@pytest.mark.parametrize("sid", BUILTIN)
def test_plays_with_probabilistic_events(sid: str) -> None:
    match = play_one(load_scenario(sid), 7, events="probabilistic")
    assert match.over


@pytest.mark.parametrize("sid", BUILTIN)
def test_has_a_balance_report(sid: str) -> None:
    html = ROOT / "docs" / "balance" / f"{sid}.html"
    md = ROOT / "docs" / "balance" / f"{sid}.md"
    assert html.exists() and md.exists(), f"run: treaty-table balance {sid} --runs 200 --out docs/balance"
    assert "<code>treaty-table balance</code>" in html.read_text("utf-8")


@pytest.mark.parametrize("sid", BUILTIN)
def test_historical_scenarios_cite_their_sources(sid: str) -> None:
    scenario = load_scenario(sid)
    if scenario.history is None:
        return
    assert scenario.sources, "a scenario with a history lists its sources"
    for key in scenario.history.sources:
        assert key in scenario.sources
