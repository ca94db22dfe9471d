"""Round 4 of the scenario author's QA: an unknown id used as a mapping key is located at the
key, a duplicated id gives one message (not also its follow-on 'unknown' ones), and the
reports' generic sentences fit a scenario that is not a treaty between states.

The validate cases edit the small valid scenario of ``test_validate_cli`` and check the whole
output of ``treaty-table validate``, as ``test_authoring_round3`` does.
"""

from __future__ import annotations

import re

import pytest
from test_validate_cli import BASE, edit, run

from game.report.balance import _warnings
from game.report.briefs import discussion_questions
from game.scenarios.loader import load_scenario

DRAFTS = "initial_drafts:\n  - {id: d0, author: north, levels: {watr: free}}\n"
HISTORY = "history:\n  date: 2025-03-01\n  summary: Both signed.\n  levels: {watr: quotas}\n  signatories: [north]\n"

KEYS = {
    # line 36 is '      watr: {ideal: 1, ...}': the key starts at column 7, its value at 13
    "unknown issue in positions": (
        edit("water: {ideal: 1, salience: 0.7}", "watr: {ideal: 1, salience: 0.7}"),
        ["s.yaml:36:7: unknown issue 'watr' in positions (hint: did you mean 'water'?)"]),
    # line 37 is '    affinities: {nrth: 0.2}': the key starts at column 18, its value at 24
    "unknown actor in affinities": (
        edit("affinities: {north: 0.2}", "affinities: {nrth: 0.2}"),
        ["s.yaml:37:18: unknown actor 'nrth' (hint: did you mean 'north'?)"]),
    "unknown issue in an initial draft": (
        BASE + DRAFTS,
        ["s.yaml:48:38: unknown issue 'watr' (hint: did you mean 'water'?)"]),
    "unknown issue in the history": (
        BASE + HISTORY,
        ["s.yaml:50:12: unknown issue 'watr' (hint: did you mean 'water'?)"]),
}


@pytest.mark.parametrize("name", list(KEYS))
def test_an_unknown_id_used_as_a_key_is_located_at_the_key(tmp_path, capsys, name: str) -> None:
    text, expected = KEYS[name]
    code, lines, err = run(tmp_path, capsys, text)
    assert code == 1 and not err
    assert lines[:-1] == expected


def test_affinity_with_itself_is_located_at_the_key(tmp_path, capsys) -> None:
    code, lines, _ = run(tmp_path, capsys, edit("affinities: {north: 0.2}", "affinities: {north: 0.2, south: 0.1}"))
    assert code == 0
    assert lines[0] == ("s.yaml:37:30: warning: an actor has no affinity with itself "
                        "(hint: remove 'south' from its own affinities)")


def test_a_key_in_an_extending_file_is_located_at_the_key(tmp_path, capsys) -> None:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    code, lines, _ = run(tmp_path, capsys, "extends: base.yaml\nactors:\n  - id: south\n"
                                           "    positions:\n      watr: {ideal: 1, salience: 0.7}\n")
    assert code == 1
    assert lines[0] == "s.yaml:5:7: unknown issue 'watr' in positions (hint: did you mean 'water'?)"


DUPLICATES = {
    # the second actor was copied from the first and kept its id: every reference to 'south'
    # (an affinity of its own, the event) is a follow-on of that one mistake
    "duplicate actor id": (
        edit("  - id: south", "  - id: north"),
        ["s.yaml:27:9: duplicate actor id 'north' (hint: ids must be unique; this entry is probably "
         "'south', which is used but no actor has it)"]),
    "duplicate level id": (
        edit("{id: quotas, name: Quotas", "{id: free, name: Quotas",
             BASE + "initial_drafts:\n  - {id: d0, author: north, levels: {water: quotas}}\n"),
        ["s.yaml:13:14: duplicate level id 'free' (hint: ids must be unique; this entry is probably "
         "'quotas', which is used but no level of 'water' has it)"]),
    # a genuinely unknown id (a typo of another actor's id) still gets its own message
    "duplicate actor id and a typo": (
        edit("  - id: south", "  - id: north",
             edit("{actor: south, field: salience", "{actor: nrth, field: salience")),
        ["s.yaml:27:9: duplicate actor id 'north' (hint: ids must be unique)",
         "s.yaml:46:17: unknown actor 'nrth' (hint: did you mean 'north'?)"]),
    # a duplicate whose name matches no unknown id folds nothing
    "duplicate level id, renamed": (
        edit("{id: quotas, name: Quotas", "{id: free, name: Caps",
             BASE + "initial_drafts:\n  - {id: d0, author: north, levels: {water: quotas}}\n"),
        ["s.yaml:13:14: duplicate level id 'free' (hint: ids must be unique)",
         "s.yaml:48:45: issue 'water' has no level 'quotas' (hint: known: free)"]),
}


@pytest.mark.parametrize("name", list(DUPLICATES))
def test_a_duplicated_id_gives_one_message(tmp_path, capsys, name: str) -> None:
    text, expected = DUPLICATES[name]
    code, lines, err = run(tmp_path, capsys, text)
    assert code == 1 and not err
    assert lines[:-1] == expected


# --------------------------------------------------------------------------- wording

COUNCIL = (edit("title: Three parties", "title: The school council",
                edit("description: A small test scenario.", "description: Class representatives agree a "
                     "timetable."))
           + HISTORY.replace("watr", "water").replace("[north]", "[north, south]"))
_WORDS = re.compile(r"\b(treat(y|ies)|states?)\b", re.IGNORECASE)


@pytest.fixture()
def council(tmp_path):
    (tmp_path / "council.yaml").write_text(COUNCIL, encoding="utf-8")
    return load_scenario(tmp_path / "council.yaml")


def test_balance_warnings_do_not_call_every_agreement_a_treaty(council) -> None:
    lapsed = [{"levels": ["free"], "signed": [], "in_force": False}] * 5
    warnings = _warnings(council, lapsed, [], [])
    assert "The agreement never entered into force: min_signatures may be too high, or the outside options " \
           "too attractive." in warnings
    assert not any(_WORDS.search(w) for w in warnings)


def test_debrief_and_discussion_questions_use_neutral_words(council) -> None:
    from game.report.debrief import analyse, discussion_prompts, render
    from game.session.simulate import play_one

    d = analyse(play_one(council, 1), ai_runs=2)
    page = render(d)
    assert "The final text and why it is this tight" in page and "The agreement enters into force" in page
    # the one sentence left is the engine's own log entry, shown in the timeline
    page = page.replace("The treaty enters into force with", "")
    assert [m.group(0) for m in _WORDS.finditer(page)] == []
    for text in discussion_prompts(d) + discussion_questions(council.model_copy(update={
            "actors": [a.model_copy(update={"status": "boycotting"}) if a.id == "south" else a
                       for a in council.actors]})):
        assert not _WORDS.search(text), text
