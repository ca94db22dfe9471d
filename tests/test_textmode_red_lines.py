"""A red line that rules nothing out: the window refused it, the text mode sent it.

"At least" an issue's first (loosest) level or "at most" its last excludes no text: the rules take
it, and an action point, for nothing. The window refuses it with an explanation; the text mode now
refuses it in the same words (one shared check, ``presenters.red_line_rules_nothing_out``), and the
rules themselves are unchanged, so saved games replay as before.
"""

from __future__ import annotations

import pytest

from game.engine import actions as A
from game.textmode.commands import ParseError, parse
from game.ui import presenters as P
from textmode_helpers import _view, play

WHY_AT_LEAST = "A red line 'Sequencing at least Adapt first' would rule nothing out: every level is at least that."
WHY_AT_MOST = ("A red line 'Sequencing at most Prolong first' would rule nothing out: every level is at most "
               "that.")


def test_the_shared_check(cst):
    n = len(cst.issues[0].levels)
    assert [lv.name for lv in cst.issues[0].levels] == ["Adapt first", "Prolong with review", "Prolong first"]
    assert P.red_line_rules_nothing_out(cst, 0, 0, "at_least") == WHY_AT_LEAST
    assert P.red_line_rules_nothing_out(cst, 0, n - 1, "at_most") == WHY_AT_MOST
    for level in range(n):  # every other red line rules out at least one level
        assert not P.red_line_rules_nothing_out(cst, 0, level, "at_least") or level == 0
        assert not P.red_line_rules_nothing_out(cst, 0, level, "at_most") or level == n - 1
    assert P.red_line_rules_nothing_out(cst, 0, n - 1, "at_least") == ""
    assert P.red_line_rules_nothing_out(cst, 0, 0, "at_most") == ""


@pytest.mark.parametrize("line,why,other", [
    ("redline 1 0 atleast", WHY_AT_LEAST, "atmost"), ("red line sequencing adapt_first >=", WHY_AT_LEAST, "atmost"),
    ("redline 1 2 atmost", WHY_AT_MOST, "atleast"), ('red-line Sequencing "Prolong first" "at most"', WHY_AT_MOST,
                                                     "atleast"),
])
def test_the_text_mode_refuses_it_in_the_windows_words(line, why, other):
    with pytest.raises(ParseError) as exc:
        parse(line, _view())
    assert str(exc.value).startswith(why + " ")
    assert f"declare {other}" in str(exc.value) and "nothing was spent" in str(exc.value)


def test_red_lines_that_rule_something_out_still_parse():
    view = _view()
    for line, level, direction in (("redline 1 0 atmost", 0, "at_most"), ("redline 1 1 atleast", 1, "at_least"),
                                   ("redline 1 1 atmost", 1, "at_most"), ("redline 1 2 atleast", 2, "at_least")):
        cmd = parse(line, view)
        assert isinstance(cmd, A.RedLine) and (cmd.issue, cmd.level, cmd.direction) == (0, level, direction)


def test_a_refused_red_line_costs_nothing_in_a_game(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    out = play("redline 1 0 atleast\nredline 1 0 atmost\n")
    refused, rest = out.split(WHY_AT_LEAST, 1)
    assert refused.rstrip().endswith("Georgia (3 AP)>")  # said at once, in the window's words
    assert "declares a red line" not in refused
    sent, after = rest.split("r1 Georgia declares a red line", 1)
    assert "Georgia (3 AP)>" in sent  # nothing was spent on the refused one
    assert "Georgia (2 AP)>" in after  # the real one costs its action point


def test_the_window_says_the_same_and_its_own_way_out(cst):
    """The window's refusal (TableScene.vacuous_red_line) is the shared sentence, then the keys."""
    from types import SimpleNamespace

    from game.ui.scene_table import TableScene

    n = len(cst.issues[0].levels)
    fake = SimpleNamespace(vm=SimpleNamespace(issues=cst.issues), sel_issue=0, compose=[0] * len(cst.issues),
                           match=SimpleNamespace(scenario=cst))
    assert TableScene.vacuous_red_line(fake, "red_at_least") == (
        WHY_AT_LEAST + " Click another level, or declare at most (Shift+D).")
    assert TableScene.vacuous_red_line(fake, "red_at_most") == ""
    fake.compose[0] = n - 1
    assert TableScene.vacuous_red_line(fake, "red_at_most") == WHY_AT_MOST + " Click another level, or declare at least (D)."
    assert TableScene.vacuous_red_line(fake, "red_at_least") == ""
