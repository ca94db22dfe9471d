"""Round 3 of the scenario author's QA: one clear, located message with a specific fix per
mistake, and reports that fit a scenario other than cst-1999.

Each case edits the small valid scenario of ``test_validate_cli`` and checks the whole
output of ``treaty-table validate`` (one line per problem, then the summary).
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_validate_cli import BASE, edit, run

from game.report.balance_svg import hbars
from game.report.briefs import facilitator_guide, role_brief
from game.scenarios.loader import load_scenario

CASES = {
    # a typo in a required key: one message, not 'missing' + 'unknown'
    "misspelt required key": (
        edit("water: {ideal: 1, salience: 0.7}", "water: {ideal: 1, salienc: 0.7}"),
        ["s.yaml:36:25: unknown key 'salienc' (hint: did you mean 'salience'?)"]),
    # a typo in a positions key: the error only, no 'no position on water' warning beside it
    "misspelt issue in positions": (
        edit("water: {ideal: 1, salience: 0.7}", "watr: {ideal: 1, salience: 0.7}"),
        ["s.yaml:36:7: unknown issue 'watr' in positions (hint: did you mean 'water'?)"]),
    "missing key names the fix": (
        edit("    delegate: {name: Envoy}\n", ""),
        ["s.yaml:27:5: missing required key 'delegate' (hint: add 'delegate:' here (who sits at the table))"]),
    "colour with its quotes forgotten": (
        edit('colour: "#445566"', "colour: #445566"),
        ["s.yaml:30:12: expected text, got nothing (an empty value) (hint: '#' starts a comment, so YAML "
         'read no value here: put it in quotes, "#445566")']),
    "quote never closed on its line": (  # YAML reads on to the next quote, far below
        edit("title: A flood", 'title: "A flood"', edit('colour: "#445566"', 'colour: "#445566')),
        ['s.yaml:30:13: the quoted text that starts here is not closed on its line (YAML read on to the '
         'next ", at line 44) (hint: add the closing " at the end of the text on line 30)']),
    "quote never closed at all": (
        edit('colour: "#445566"', 'colour: "#445566'),
        ["s.yaml:30:13: the file ends in the middle of a value (hint: the quoted text that starts here is "
         "never closed)"]),
    "missing colon": (
        edit("    name: Southland", "    name Southland"),
        ["s.yaml:28:5: this line has no ':' after its key (hint: write the key, a ':' and a space, then the "
         "value ('name: Southland'))"]),
    "indented one space too far": (
        edit("    short: SL", "     short: SL"),
        ["s.yaml:29:6: this line is indented further than line 28, so YAML reads it as more of the value on "
         "line 28 (hint: indent it by 4 spaces, like line 28)"]),
    "list entry without a space after the dash": (
        edit("  - id: south", "  -id: south"),
        ["s.yaml:27:3: a '-' that starts a list entry must be followed by a space (hint: write '- id: south')"]),
    # a forgotten '- ' repeats every key of the entry: one message, not one per key
    "list entry without its dash": (
        edit("  - id: south", "    id: south"),
        ["s.yaml:27:5: duplicate key 'id' (first at line 15); name, short, colour, delegate, capability, ... "
         "also repeated (hint: if line 27 starts a new entry of the list, begin it with '- ' ('- id: ...'); "
         "otherwise each key may appear only once in a mapping)"]),
    "decimal comma": (
        edit("    capability: 0.4", "    capability: 0,4"),
        ["s.yaml:32:17: expected a number, got text '0,4' (hint: write the decimal point as '.', not ',': 0.4)"]),
    "percentage": (
        edit("    capability: 0.4", "    capability: 40%"),
        ["s.yaml:32:17: expected a number, got text '40%' (hint: write a share as a number, not a "
         "percentage: 0.4 for 40%)"]),
    "level id as ideal": (
        edit("water: {ideal: 1, salience: 0.7}", "water: {ideal: quotas, salience: 0.7}"),
        ["s.yaml:36:22: expected a number, got text 'quotas' (hint: ideal is a level's position, not its id: "
         "0 for the first level, 1 for the second, and so on)"]),
    "impossible date": (
        edit("start: 2025-01-01", "start: 2025-13-01"),
        ["s.yaml:6:8: '2025-13-01' is not a valid date (month must be in 1..12) (hint: check the month "
         "(1-12) and the day: write the date as YYYY-MM-DD; put it in quotes if it is meant as text)"]),
    "empty issues list": (
        edit("issues:\n  - id: water\n    name: Water\n    levels:\n      - {id: free, name: Free, depth: 0.1}\n"
             "      - {id: quotas, name: Quotas, depth: 0.6}\n", "issues: []\n"),
        ["s.yaml:8:9: issues needs at least 1 entry, got 0 (hint: add 1 more)"]),
    "min_signatures above the parties": (
        edit("deadline: 2025-03-31", "deadline: 2025-03-31\nsettings: {min_signatures: 3}"),
        ["s.yaml:8:28: min_signatures is 3 but there are only 2 parties: the treaty can never enter into "
         "force (hint: set min_signatures to 2 or less)"]),
    "objective without its issue": (
        edit("{id: sign, description: Sign., kind: signs}",
             "{id: sign, description: Sign., kind: issue_at_least, level: quotas}"),
        ["s.yaml:26:9: objective kind 'issue_at_least' needs 'issue' (hint: add 'issue: ...', one of: water)"]),
    "red line without a level": (
        edit("    affinities: {north: 0.2}", "    affinities: {north: 0.2}\n    red_lines:\n      - {issue: water}"),
        ["s.yaml:39:9: a red line needs at_least or at_most (hint: add 'at_least: LEVEL' (it must reach that "
         "level) or 'at_most: LEVEL' (it must not go beyond it))"]),
    "affinity out of range": (
        edit("affinities: {north: 0.2}", "affinities: {north: 2}"),
        ["s.yaml:37:25: affinity must be between -1 and 1, got 2 (hint: change it to a number between -1 "
         "and 1)"]),
    "unknown status in an effect": (
        edit("{actor: south, field: salience, issue: water, delta: 0.1}",
             "{actor: south, field: status, value: absent}"),
        ["s.yaml:46:46: status must be party, boycotting or non_party, got 'absent' (hint: write value: party, "
         "value: boycotting or value: non_party)"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_one_clear_message_per_mistake(tmp_path, capsys, name: str) -> None:
    text, expected = CASES[name]
    code, lines, err = run(tmp_path, capsys, text)
    assert code == 1 and not err
    assert lines[:-1] == expected


def test_a_file_over_the_size_limit_says_how_big_and_what_to_do(tmp_path, capsys) -> None:
    code, lines, _ = run(tmp_path, capsys, BASE + "#" * (2 * 1024 * 1024))
    assert code == 1
    assert lines[0] == ("s.yaml:1:1: the file is too large (2,098,235 bytes; the limit is 2,097,152 bytes) "
                        "(hint: scenario files are normally far smaller; is this the right file?)")


# --------------------------------------------------------------------------- reports


@pytest.fixture()
def plain(tmp_path):
    """A scenario with no public profiles, no sources, no level descriptions, history in 2025."""
    text = BASE + ("history:\n  date: 2025-03-01\n  summary: Both signed.\n  levels: {water: quotas}\n"
                   "  signatories: [north, south]\n")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    return load_scenario(tmp_path / "p.yaml")


def test_briefs_have_no_cst_wording_and_no_empty_sections(plain) -> None:
    brief = role_brief(plain, "south")
    assert "runs out" not in brief and "The deadline is <b>31 Mar 2025</b>" in brief
    assert "<h2>Public profile</h2>" not in brief  # no public_profile written
    assert "<h2>Sources</h2>" not in brief          # no sources
    assert "<b>Free</b>:" not in brief and "<b>Free</b></li>" in brief  # no dangling ':' without a description
    guide = facilitator_guide(plain)
    assert ">1999<" not in guide and ">In 2025<" in guide
    assert "Sources: </p>" not in guide


def test_briefs_do_not_promise_a_history_the_scenario_lacks(plain) -> None:
    brief = role_brief(plain.model_copy(update={"history": None}), "south")
    assert "in history" not in brief


def test_long_names_fit_the_balance_bar_chart() -> None:
    long = "The Very Long Official Name of Fjordland"
    chart = hbars([(long, 1.0, "100%"), ("Varnia", 0.5, "50%")], 1.0, "Signing rate")
    assert f">{long}</text>" not in chart                      # not drawn past the chart's left edge
    assert "…" in chart and "Fjordland" in chart and f"<title>{long}</title>" in chart
    assert ">Varnia</text>" in chart


def test_debrief_captions_fit_a_scenario_without_hidden_draws_or_sources(plain) -> None:
    from game.report.debrief import analyse, render
    from game.session.simulate import play_one

    page = render(analyse(play_one(plain, 1), ai_runs=2))
    assert "the hidden draw" not in page and "(lobbying and events move it)" in page
    assert "Sources: </p>" not in page
    assert plain.history.date == dt.date(2025, 3, 1)


def test_new_scenario_template_keeps_its_comments_in_one_column(tmp_path) -> None:
    from game.scenarios.template import render_template

    text = render_template(tmp_path / "harbour-pact.yaml")
    column = {line.index("#") for line in text.splitlines()
              if line.startswith(("id: ", "version: ", "title: "))}
    assert len(column) == 1
