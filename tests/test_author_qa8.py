"""A scenario designer's journey, round 8: a history teacher writes the 1370 Peace of Stralsund.

Each test pins one validator message that sent the author the wrong way: a list entry whose
'- ' was forgotten (the advice was to indent it like the previous entry's last key), a section
such as ``rounds:`` indented into the last actor (26 messages, none of them saying so), positions
written level with ``positions:``, actors written as a mapping keyed by id, a draft's levels as
a list, a duplicated issue id (one 'unknown issue' per actor), and an id with a space.
"""

from __future__ import annotations

import re
from pathlib import Path

from test_author_qa5 import _check, _edit
from test_authoring import BORDER_ROAD


def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


# --------------------------------------------------------------------------- YAML indentation

def test_a_forgotten_dash_before_an_entry_says_so(tmp_path: Path) -> None:
    text = _edit("  - id: birch\n", "  id: birch\n")
    _, lines, _ = _check(tmp_path, text)
    line = _line_of(text, "  id: birch")
    assert lines == [f"s.yaml:{line}:3: this line starts in the column of the '- ' entries of the list that "
                     f"starts at line {_line_of(text, '  - id: alder')}, but has no '- ' (hint: if it starts a new "
                     "entry, write '- id: birch'; if it belongs to the entry above, indent it by 4 spaces, like "
                     "that entry's keys)"]


def test_a_section_indented_to_the_list_above_may_be_a_new_section(tmp_path: Path) -> None:
    text = _edit("\nrounds:\n", "\n  rounds:\n")
    _, lines, _ = _check(tmp_path, text)
    assert len(lines) == 1
    assert lines[0].startswith(f"s.yaml:{_line_of(text, '  rounds:')}:3: this line starts in the column of the '- ' "
                               "entries")
    assert "if it starts a new section, like 'actors:' above the list, start it in column 1" in lines[0]


def test_a_section_indented_into_the_last_actor_is_one_message(tmp_path: Path) -> None:
    text = _edit("\nrounds:\n", "\n    rounds:\n")
    _, lines, _ = _check(tmp_path, text)
    assert lines == [f"s.yaml:{_line_of(text, '    rounds:')}:5: unknown key 'rounds' (hint: 'rounds' is a key of "
                     "the scenario itself (the top level), not of an actor: this line is indented too far, so it "
                     "is read as part of an actor above; start it in column 1, like 'id' on line 2 (until then "
                     "the entries below it are read as more of 'actors': fix this line first and run validate "
                     "again))"]


def test_a_key_of_an_enclosing_record_names_its_column(tmp_path: Path) -> None:
    text = _edit("    delegate: {name: Finance Minister}\n    capability: 0.3\n",
                 "    delegate:\n      name: Finance Minister\n      capability: 0.3\n")
    _, lines, _ = _check(tmp_path, text)
    assert lines == [f"s.yaml:{_line_of(text, '      capability: 0.3')}:7: unknown key 'capability' (hint: "
                     "'capability' is a key of an actor, not of a delegate: if it belongs to an actor, this line "
                     f"is indented too far (start it in column 5, like 'id' on line {_line_of(text, '  - id: birch')});"
                     " the keys of a delegate are: name, title, note)"]
    # in a one-line {...} the key cannot be indented too far: the usual list of allowed keys
    text = _edit("{id: sign, description: You sign the treaty., kind: signs}",
                 "{id: sign, description: You sign the treaty., kind: signs, notes: x}")
    _, lines, _ = _check(tmp_path, text)
    assert lines[0].endswith("unknown key 'notes' (hint: allowed keys here: id, description, kind, points, issue, "
                             "level, actor, value)")


def test_positions_written_level_with_positions_say_where_they_go(tmp_path: Path) -> None:
    text = _edit("    positions:\n      funding: {ideal: 0, salience: 0.8}\n      tolls: {ideal: 1, salience: 0.4}\n",
                 "    positions:\n    funding: {ideal: 0, salience: 0.8}\n    tolls: {ideal: 1, salience: 0.4}\n")
    _, lines, _ = _check(tmp_path, text)
    at = _line_of(text, "    positions:\n    funding")
    # no 'expected a mapping, got nothing' for the empty positions: the two lines below say it all
    assert lines == [f"s.yaml:{at + 1 + n}:5: unknown key '{issue}' (hint: '{issue}' looks like an entry of "
                     "'positions' (its value has the keys of a position): write it under 'positions:', indented "
                     f"further than 'positions' (line {at}), by 6 spaces)" for n, issue in enumerate(("funding",
                                                                                                       "tolls"))]


# --------------------------------------------------------------------------- shapes

def test_actors_keyed_by_id_show_the_list_form(tmp_path: Path) -> None:
    text = re.sub(r"  - id: (alder|birch|cedar)\n", r"  \1:\n", BORDER_ROAD)
    _, lines, _ = _check(tmp_path, text)
    assert lines == [f"s.yaml:{_line_of(text, '  alder:')}:3: expected a list, got a mapping (key: value lines) "
                     "(hint: each entry of 'actors' starts with '- ' and has its id inside: write '- id: alder' "
                     "(its other keys indented under 'id') instead of 'alder:')"]


def test_draft_levels_written_as_a_list_say_what_they_map(tmp_path: Path) -> None:
    text = BORDER_ROAD + "initial_drafts:\n  - {id: d1, author: birch, levels: [each_own, none]}\n"
    _, lines, _ = _check(tmp_path, text)
    assert len(lines) == 1
    assert "expected a mapping of keys to values, got a list (hint: 'levels' maps each issue id to its level id" \
        in lines[0]


# --------------------------------------------------------------------------- ids

def test_a_duplicated_issue_id_is_one_message_not_one_per_actor(tmp_path: Path) -> None:
    text = _edit("  - id: tolls\n    name: Truck tolls\n", "  - id: funding\n    name: Truck tolls\n")
    _, lines, _ = _check(tmp_path, text)
    assert lines == [f"s.yaml:{_line_of(text, '  - id: funding' + chr(10) + '    name: Truck')}:9: duplicate issue id "
                     "'funding' (hint: ids must be unique; this entry is probably 'tolls', which is used but no "
                     "issue has it)"]


def test_a_duplicated_issue_found_by_a_word_of_its_name(tmp_path: Path) -> None:
    text = _edit("  - id: tolls\n    name: Truck tolls\n", "  - id: funding\n    name: Whether trucks pay tolls\n")
    _, lines, _ = _check(tmp_path, text)
    assert len(lines) == 1 and "this entry is probably 'tolls'" in lines[0]


def test_an_id_with_a_space_suggests_the_id_to_write(tmp_path: Path) -> None:
    _, lines, _ = _check(tmp_path, _edit("id: border-road", "id: border road"))
    assert lines == ["s.yaml:2:5: id must start with a Latin letter (a-z) and use only Latin letters, digits, '-' "
                     "and '_', got 'border road' (hint: e.g. 'border-road')"]
