"""QA round 2 of the built-in scenarios other than cst-1999 (montreal-1987, summit-1999,
cst-1999-uzbekistan): the text mode's stance column for a delegation halfway between two
levels, level names a player can tell apart in the clause grid, the summit's round title."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from game.engine import Options
from game.scenarios.loader import load_scenario
from game.scenarios.registry import builtin_paths
from game.session.match import Match
from game.textmode import render
from game.ui import presenters as P
from tests.textmode_helpers import _view, play


def _answers(text: str) -> list[str]:
    from tests.textmode_helpers import PROMPT
    return PROMPT.split(text)[1:]


def test_the_stance_column_says_between_for_a_delegation_halfway(monkeypatch) -> None:
    """The Soviet Union's CFC ideal is 1.5: its brief says "halfway between Freeze and Cut 20%";
    the status table showed the rounded level "Cut 20%" as if it were its position."""
    monkeypatch.setenv("COLUMNS", "100")
    out = play("status\n", scenario="montreal-1987", role=["ussr"], seed=7)
    assert "CFC controls            halfway between Freeze and Cut 20%" in out  # the brief
    table = _answers(out)[0]
    row = next(r for r in table.splitlines() if "Soviet Union" in r)
    assert re.search(r"\[-*o-*\] between Freeze and Cut 20%", row), row
    canada = next(r for r in table.splitlines() if "Canada" in r)
    assert re.search(r"\[-*o-*\] Cut 50% ", canada)  # a delegation on a level: its name
    # the wider words do not push the bar or the cap/rel columns out at 100 columns
    assert all("[" in r for r in table.splitlines()[1:8]) and " cap " in table.splitlines()[0]


def _with_ideal(view, i: int, k: int, value: float):
    ideal = view.table.ideal.copy()
    ideal[i, k] = value
    return replace(view, table=replace(view.table, ideal=ideal))


def test_halfway_on_the_sequencing_axis_and_a_narrow_terminal() -> None:
    view = _view("cst-1999", "georgia")
    k = render.stance_issue(view)
    i = view.model.actor_index("kazakhstan")
    half = _with_ideal(view, i, k, 1.5)
    assert render.stance(half, i, bar=False) == "between Prolong with review and Prolong first"
    assert render.stance(_with_ideal(view, i, k, 1.2), i, bar=False) == "Prolong with review"
    for cols in (60, 80, 100):
        table = render.stances_table(half, width=cols)
        assert max(len(x) for x in table.splitlines()) <= cols
        assert "between" in next(r for r in table.splitlines() if "Kazakhstan" in r or " KZ " in r)


def test_the_windows_stance_says_between_for_a_delegation_halfway() -> None:
    """The window's cards, tooltips, profile and the facilitator's true stance: Kazakhstan's own
    ideal on sequencing is 0.5 at seed 0 (its brief: "halfway between Adapt first and Prolong with
    review"); the card rounded it to "Adapt first" (and the Soviet Union's 1.5 up to "Cut 20%")."""
    m = Match(load_scenario("cst-1999"), seed=0)
    view = m.game.view(m.state, "kazakhstan")
    i = view.model.actor_index("kazakhstan")
    assert P.stance(view.model, view.table, i) == (0.25, "between Adapt first and Prolong with review")
    k = P.stance_issue(view.model)
    assert P.stance(view.model, _with_ideal(view, i, k, 1.5).table, i)[1] == \
        "between Prolong with review and Prolong first"
    assert P.stance(view.model, _with_ideal(view, i, k, 1.2).table, i)[1] == "Prolong with review"
    assert P.stance(view.model, _with_ideal(view, i, k, 0.0).table, i) == (0.0, "Adapt first")
    card = next(d for d in P.table_vm(m, "kazakhstan").delegates if d.index == i)
    assert card.stance_label == "between Adapt first and Prolong with review"


@pytest.mark.parametrize("sid", sorted(builtin_paths()))
def test_level_names_can_be_told_apart_in_the_clause_grid(sid: str) -> None:
    """The grid cuts level names to a cell (about 10 letters in the window, 15 in the text
    mode): montreal-1987's "Freeze, then cut 20%" and "Freeze, then cut 20% and 50%" both read
    "Freeze, then…". Lists of levels are joined with commas, so a name has none."""
    sc = load_scenario(sid)
    for issue in sc.issues:
        names = [lv.name for lv in issue.levels]
        assert len({n[:10].lower() for n in names}) == len(names), names
        assert not any("," in n for n in names), names


def test_montreals_grid_shows_each_cfc_level_distinctly(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = play("table 2 1 1 1 1 1\ndrafts\n", scenario="montreal-1987", role=["usa"], seed=1)
    grid = _answers(out)[1]
    cfc = next(r for r in grid.splitlines() if r.startswith("1. CFC controls"))
    assert "Cut 20%" in cfc and "Cut 50%" in cfc


def test_the_summits_signing_round_is_not_called_signing_twice() -> None:
    sc = load_scenario("summit-1999")
    m = Match(sc, seed=3, options=Options(events="historical"), seats={}, difficulty="normal",
              scenario_ref="summit-1999")
    while m.state.phase != "signing":
        m.step_ai()
    label = P.calendar_vm(m).current
    assert label.endswith("Summit: the signing") and "signing - signing" not in label
    m2 = Match(load_scenario("montreal-1987"), seed=3, options=Options(events="historical"), seats={},
               difficulty="normal", scenario_ref="montreal-1987")
    while m2.state.phase != "signing":
        m2.step_ai()
    assert P.calendar_vm(m2).current.endswith("Conference of plenipotentiaries - signing")


def test_the_table_example_rounds_every_halfway_ideal_the_same_way():
    """The Soviet Union's first-steps hint read 'table 2 0 1 0 1 0': its ideal 1.5 went up and 0.5
    went down (Python's round() rounds halves to even). Halves now go up, every one."""
    from game.textmode import render
    from textmode_helpers import _view

    view = _view("montreal-1987", "ussr")
    ideal = view.table.ideal[view.viewer]
    shown = [int(x) for x in render.ideal_example(view).split()[1:]]
    for x, lv in zip(ideal, shown):
        assert lv == int(float(x) + 0.5)
    assert any(abs(float(x) - round(float(x)) ) == 0.5 for x in ideal)  # it has halves to round
