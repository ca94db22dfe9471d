"""Tests for game.scenarios.errors: pydantic errors become located, readable problems."""

from __future__ import annotations

import pydantic
import pytest
from pydantic import BaseModel, ConfigDict, Field

from game.scenarios.errors import format_problems, pydantic_problems, validate_model
from game.scenarios.problems import Problem, ScenarioError
from game.scenarios.schema import Scenario
from game.scenarios.yamlsafe import load_yaml

MINIMAL = """\
id: test
version: "1"
title: Test
description: A test scenario.
chair: ru
start: 1999-01-01
deadline: 1999-05-01
issues:
  - id: scope
    name: Scope
    levels:
      - {id: loose, name: Loose, depth: 0.2}
      - {id: tight, name: Tight, depth: 0.8}
actors:
  - id: ru
    name: Russia
    short: RU
    colour: "#aa0000"
    delegate: {name: Bordyuzha}
    capability: 0.9
    reliability: 0.7
    outside_option: 0.3
    positions:
      scope: {ideal: 1, salience: 0.8}
  - id: ge
    name: Georgia
    short: GE
    colour: "#0000aa"
    delegate: {name: Secretary}
    capability: 0.2
    reliability: 0.6
    outside_option: 0.4
    positions:
      scope: {ideal: 0, salience: 0.9}
rounds:
  - {id: r1, date: 1999-01-18, name: Moscow meeting}
"""


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def scenario_problems(text: str) -> list[Problem]:
    data, positions = load_yaml(text, "s.yaml")
    with pytest.raises(ScenarioError) as caught:
        validate_model(data, positions, "s.yaml", Scenario)
    return caught.value.problems


def edit(old: str, new: str, nth: int = 0) -> str:
    at = -1
    for _ in range(nth + 1):
        at = MINIMAL.index(old, at + 1)
    return MINIMAL[:at] + new + MINIMAL[at + len(old):]


def test_minimal_scenario_is_valid() -> None:
    data, positions = load_yaml(MINIMAL, "s.yaml")
    scenario = validate_model(data, positions, "s.yaml", Scenario)
    assert isinstance(scenario, Scenario) and scenario.actor("ge").capability == 0.2


def test_out_of_range_value_deep_in_the_document() -> None:
    text = edit("capability: 0.2", "capability: 1.4")
    [problem] = scenario_problems(text)
    assert problem.message == "capability must be between 0 and 1, got 1.4"
    assert (problem.file, problem.line, problem.column) == ("s.yaml", *where(text, "1.4"))
    assert problem.path == ("actors", 1, "capability")
    assert problem.format().startswith(f"s.yaml:{problem.line}:{problem.column}: capability must")


def test_out_of_range_inside_a_dict_of_models() -> None:
    text = edit("salience: 0.9", "salience: 2")
    [problem] = scenario_problems(text)
    assert problem.message == "salience must be between 0 and 1, got 2"
    assert problem.path == ("actors", 1, "positions", "scope", "salience")
    line, col = where(text, "salience: 2")
    assert (problem.line, problem.column) == (line, col + len("salience: "))


def test_one_sided_bound() -> None:
    [problem] = scenario_problems(edit("{ideal: 0,", "{ideal: -1,"))
    assert problem.message == "ideal must be at least 0, got -1"


def test_unknown_key_suggests_the_right_one_at_the_key() -> None:
    text = edit("capability: 0.2", "capabilty: 0.2\n    capability: 0.2")
    [problem] = scenario_problems(text)
    assert problem.message == "unknown key 'capabilty'"
    assert problem.hint == "did you mean 'capability'?"
    assert (problem.line, problem.column) == where(text, "capabilty")


def test_unknown_key_without_a_close_match_lists_the_keys() -> None:
    [problem] = scenario_problems(edit("name: Moscow meeting", "name: Moscow meeting, zzz: 1"))
    assert problem.message == "unknown key 'zzz'"
    assert problem.hint.startswith("allowed keys here: id, date, name")


def test_missing_required_key_points_at_its_mapping() -> None:
    text = edit("    name: Georgia\n", "")
    [problem] = scenario_problems(text)
    assert problem.message == "missing required key 'name'"
    assert problem.path == ("actors", 1, "name")
    assert (problem.line, problem.column) == where(text, "id: ge")


def test_text_where_a_number_is_expected() -> None:
    text = edit("reliability: 0.6", "reliability: high")
    [problem] = scenario_problems(text)
    assert problem.message == "expected a number, got text 'high'"
    assert (problem.line, problem.column) == where(text, "high")


def test_unquoted_no_read_as_boolean_gets_a_hint() -> None:
    text = edit("chair: ru", "chair: no")
    [problem] = scenario_problems(text)
    assert problem.message == "expected text, got false"
    assert problem.hint == 'YAML read `no` as a boolean; write it in quotes: "no"'
    assert (problem.line, problem.column) == where(text, "no")


def test_boolean_surprise_in_a_list_and_in_a_dict_key() -> None:
    text = MINIMAL + ("history:\n  date: 1999-04-02\n  summary: s\n  levels: {}\n  signatories: [ru, NO]\n")
    text = text.replace("      scope: {ideal: 0, salience: 0.9}", "      scope: {ideal: 0, salience: 0.9}\n"
                        "    affinities: {On: 0.5}")
    problems = scenario_problems(text)
    hints = {p.path: p.hint for p in problems}
    assert hints[("history", "signatories", 1)] == 'YAML read `NO` as a boolean; write it in quotes: "NO"'
    assert hints[("actors", 1, "affinities", 1)] == 'YAML read `On` as a boolean; write it in quotes: "On"'
    key_problem = next(p for p in problems if p.path == ("actors", 1, "affinities", 1))
    assert (key_problem.line, key_problem.column) == where(text, "On:")


def test_quoted_no_is_text_and_fine() -> None:
    data, positions = load_yaml(edit("chair: ru", 'chair: "no"'), "s.yaml")
    assert validate_model(data, positions, "s.yaml", Scenario).chair == "no"


def test_number_read_for_text_gets_a_quote_hint() -> None:
    [problem] = scenario_problems(edit('version: "1"', "version: 1.10"))
    assert problem.message == "expected text, got the number 1.1"
    assert problem.hint == 'YAML read `1.10` as a number; write it in quotes: "1.10"'


def test_literal_choice_with_suggestion() -> None:
    [problem] = scenario_problems(edit("capability: 0.2", "capability: 0.2\n    personality: stubon"))
    assert problem.message.startswith("personality must be one of 'stubborn', 'pragmatic', 'opportunist'")
    assert problem.hint == "did you mean 'stubborn'?"


def test_dict_key_literal_error_is_located_at_the_key() -> None:
    text = MINIMAL + "settings:\n  costs: {tabel: 1}\n"
    [problem] = scenario_problems(text)
    assert problem.hint == "did you mean 'table'?"
    assert (problem.line, problem.column) == where(text, "tabel")


def test_id_pattern_and_lengths() -> None:
    problems = scenario_problems(edit("id: ge", "id: 9ge").replace("short: GE", "short: GEORGIA"))
    messages = sorted(p.message for p in problems)
    assert messages[0].startswith("id must start with a Latin letter")
    assert messages[1] == "short must be at most 4 characters long, got 'GEORGIA'"


def test_too_few_list_entries() -> None:
    [problem] = scenario_problems(edit("      - {id: tight, name: Tight, depth: 0.8}\n", ""))
    assert problem.message == "levels needs at least 2 entries, got 1"


def test_union_errors_are_merged_into_one_problem() -> None:
    text = MINIMAL + "events:\n  - id: e1\n    date: 1999-02-01\n    title: T\n    effects:\n" \
                     "      - {actor: ru, field: ideal, value: [1]}\n"
    [problem] = scenario_problems(text)
    assert problem.message == "expected a number or text, got a list"
    assert problem.path == ("events", 0, "effects", 0, "value")
    assert (problem.line, problem.column) == where(text, "[1]")


def test_all_problems_are_reported_together() -> None:
    text = edit("capability: 0.2", "capability: 1.4").replace("reliability: 0.6", "reliability: high")
    assert len(scenario_problems(text)) == 2


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    capability: float = Field(ge=0, le=1)
    label: str = "x"


class Outer(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    schema_: str | None = Field(None, alias="$schema")
    items: dict[str, Inner] = Field(default_factory=dict)


def test_small_model_with_alias_and_dict_keys() -> None:
    text = "$schema: 5\nitems:\n  first:\n    capability: 3\n  second:\n    capabilityy: 0.5\n"
    data, positions = load_yaml(text, "m.yaml")
    with pytest.raises(pydantic.ValidationError) as caught:
        Outer.model_validate(data)
    problems = pydantic_problems(caught.value, positions, "m.yaml", Outer)
    by_path = {p.path: p for p in problems}
    assert by_path[("$schema",)].hint == 'YAML read `5` as a number; write it in quotes: "5"'
    assert by_path[("items", "first", "capability")].message == "capability must be between 0 and 1, got 3"
    unknown = by_path[("items", "second", "capabilityy")]
    assert unknown.hint == "did you mean 'capability'?"
    assert (unknown.line, unknown.column) == where(text, "capabilityy")


def test_format_problems_orders_and_counts() -> None:
    problems = [Problem("b", file="f.yaml", line=3, column=1),
                Problem("a", file="f.yaml", line=1, column=2, hint="h"),
                Problem("w", file="f.yaml", line=2, column=1, severity="warning")]
    assert format_problems(problems) == "f.yaml:1:2: a (hint: h)\nf.yaml:2:1: warning: w\nf.yaml:3:1: b"
    assert format_problems(problems, summary=True).endswith("\n2 errors, 1 warning")
    assert format_problems([]) == ""
