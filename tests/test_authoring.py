"""Authoring tools: the JSON Schema, the template, ``extends`` variants, the guide.

Also plays the tutorial scenario of ``docs/scenario-authoring.md`` (BORDER_ROAD
below is that file, assembled from the guide's steps) to prove the guide works.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.scenarios.editor_schema import REGENERATE, SCHEMA_FILE, json_schema, json_schema_text
from game.scenarios.loader import load_scenario, validate
from game.scenarios.registry import builtin_paths, data_dir
from game.scenarios.schema import Scenario
from game.scenarios.template import render_template, scenario_id_for
from game.session.simulate import play_one

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "scenario-authoring.md"

BORDER_ROAD = """\
# yaml-language-server: $schema=./scenario.schema.json
id: border-road
version: "1.0"
title: The Border Road
description: Three states agree on a road that crosses all three.
chair: alder
start: 2026-03-01
deadline: 2026-06-30
issues:
  - id: funding
    name: Who pays
    levels:
      - {id: each_own, name: Each pays its own section, depth: 0.2}
      - {id: shared_fund, name: A shared fund, depth: 0.6}
      - {id: joint_agency, name: A joint road agency, depth: 0.9}
  - id: tolls
    name: Truck tolls
    baseline: none
    levels:
      - {id: none, name: No tolls, depth: 0.1}
      - {id: common_toll, name: One common toll, depth: 0.7}
actors:
  - id: alder
    name: Alder
    short: AL
    colour: "#77AADD"
    delegate: {name: Transport Minister}
    capability: 0.5
    reliability: 0.8
    outside_option: 0.4
    positions:
      funding: {ideal: 1, salience: 0.6}
      tolls: {ideal: 1, salience: 0.5}
    offers:
      - id: loan
        name: A cheap loan
        description: Alder lends the receiver money for its section.
        cost: 0.03
        value: 0.07
        to: [birch]
  - id: birch
    name: Birch
    short: BI
    colour: "#EEDD88"
    delegate: {name: Finance Minister}
    capability: 0.3
    reliability: 0.7
    outside_option: 0.45
    positions:
      funding: {ideal: 0, salience: 0.8}
      tolls: {ideal: 1, salience: 0.4}
  - id: cedar
    name: Cedar
    short: CE
    colour: "#EE8866"
    delegate: {name: Envoy, title: Special envoy for the road}
    capability: 0.4
    reliability: 0.6
    outside_option: 0.5
    positions:
      funding: {ideal: 2, salience: 0.5}
      tolls: {ideal: 0, salience: 0.9}
    red_lines:
      - {issue: tolls, at_most: none}
    objectives:
      - {id: no_tolls, description: No truck tolls., kind: issue_at_most,
         issue: tolls, level: none, points: 3}
      - {id: sign, description: You sign the treaty., kind: signs}
rounds:
  - {id: r1, date: 2026-04-01, name: Ministers meet, place: Alder, communique: true}
  - {id: r2, date: 2026-05-15, name: Experts' session}
  - {id: r3, date: 2026-06-20, name: Signing summit, place: Cedar, final: true}
events:
  - id: bridge_collapse
    date: 2026-05-01
    title: An old bridge collapses in Birch
    effects:
      - {actor: birch, field: salience, issue: funding, delta: -0.2}
      - {actor: birch, field: outside_option, delta: -0.1}
"""


def _plays_to_the_end(scenario: Scenario, seed: int = 1) -> None:
    match = play_one(scenario, seed)
    assert match.over
    result = match.result()
    assert 0 <= result.treaty.tightness <= 100
    assert all(0 <= r.score <= 100 for r in result.roles.values())


# --------------------------------------------------------------------------- the guide

def test_the_guide_tutorial_validates_and_plays(tmp_path: Path) -> None:
    path = tmp_path / "border-road.yaml"
    path.write_text(BORDER_ROAD, encoding="utf-8")
    scenario, problems = validate(path)
    assert scenario is not None and problems == []
    _plays_to_the_end(scenario)


def test_the_guide_shows_the_tutorial_snippets() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for line in ("id: border-road", "      - {id: shared_fund, name: A shared fund, depth: 0.6}",
                 "  - {id: r3, date: 2026-06-20, name: Signing summit, place: Cedar, final: true}",
                 "      - {issue: tolls, at_most: none}        # will not sign any toll"):
        assert line in text


def _models(model=Scenario, seen=None) -> dict:
    seen = {} if seen is None else seen
    seen[model.__name__] = model
    for info in model.model_fields.values():
        for ann in re.findall(r"\b([A-Z][A-Za-z]+)\b", str(info.annotation)):
            cls = getattr(__import__("game.scenarios.schema", fromlist=[ann]), ann, None)
            if isinstance(cls, type) and hasattr(cls, "model_fields") and ann not in seen:
                _models(cls, seen)
    return seen


def test_the_guide_documents_every_key() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([^`]+)` \|", text, flags=re.M))
    missing = [f"{name}.{info.alias or key}" for name, model in _models().items()
               for key, info in model.model_fields.items() if (info.alias or key) not in rows]
    assert not missing, f"docs/scenario-authoring.md has no reference row for: {', '.join(missing)}"


# --------------------------------------------------------------------------- the JSON Schema

def test_schema_command_prints_the_schema(capsys) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == json_schema_text()


def test_the_kept_schema_file_is_up_to_date() -> None:
    kept = (data_dir("scenarios") / SCHEMA_FILE).read_text(encoding="utf-8")
    assert kept == json_schema_text(), f"scenarios/{SCHEMA_FILE} is stale: regenerate it with `{REGENERATE}`"


def test_schema_has_descriptions_enums_and_no_extra_keys() -> None:
    defs = json_schema()["$defs"]
    for name, node in defs.items():
        if name.startswith("Partial"):
            continue
        assert node.get("additionalProperties") is False, name
        for key, prop in node["properties"].items():
            assert prop.get("description"), f"{name}.{key} has no description"
    actor = defs["Actor"]["properties"]
    assert actor["status"]["enum"] == ["party", "boycotting", "non_party"]
    assert actor["personality"]["enum"] == ["stubborn", "pragmatic", "opportunist"]
    assert "keep_word" in defs["Objective"]["properties"]["kind"]["enum"]
    assert actor["affinities"]["additionalProperties"] == {"type": "number", "minimum": -1, "maximum": 1}
    assert defs["Actor"]["properties"]["capability"] == {**actor["capability"], "minimum": 0, "maximum": 1}


def _plain(data):
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data.isoformat() if isinstance(data, (dt.date, dt.datetime)) else data


def test_built_in_scenarios_satisfy_the_json_schema() -> None:
    import jsonschema  # in the test extra: the schema editors use is checked on every run

    validator = jsonschema.Draft202012Validator(json_schema())
    for sid, path in builtin_paths().items():
        errors = [e.message for e in validator.iter_errors(_plain(yaml.safe_load(path.read_text("utf-8"))))]
        assert errors == [], sid
    assert list(validator.iter_errors({"extends": "cst-1999", "actors": [{"id": "x", "capability": 2}]}))
    assert list(validator.iter_errors({"id": "x"}))


def test_shipped_scenarios_point_editors_at_the_schema() -> None:
    for sid, path in builtin_paths().items():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./scenario.schema.json", sid


# --------------------------------------------------------------------------- the template

def test_template_validates_without_warnings_and_plays(tmp_path: Path) -> None:
    path = tmp_path / "My New Treaty.yaml"
    path.write_text(render_template(path), encoding="utf-8")
    scenario, problems = validate(path)
    assert scenario is not None and problems == [] and scenario.id == "my-new-treaty"
    for seed in (1, 2):
        _plays_to_the_end(scenario, seed)


def test_new_scenario_command(tmp_path: Path, capsys) -> None:
    path = tmp_path / "river.yaml"
    assert main(["new-scenario", str(path)]) == 0
    assert path.exists() and (tmp_path / SCHEMA_FILE).read_text("utf-8") == json_schema_text()
    assert "wrote" in capsys.readouterr().out
    assert main(["validate", str(path)]) == 0
    assert main(["new-scenario", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    path.write_text("changed", encoding="utf-8")
    assert main(["new-scenario", str(path), "--force"]) == 0
    assert path.read_text("utf-8").startswith("# yaml-language-server")
    assert main(["new-scenario", str(tmp_path / "river.txt")]) == 2


@pytest.mark.parametrize("name, expected", [("my-treaty.yaml", "my-treaty"), ("My Treaty.yaml", "my-treaty"),
                                            ("1999.yaml", "scenario-1999"), ("__.yaml", "my-scenario")])
def test_scenario_ids_from_file_names(name: str, expected: str) -> None:
    assert scenario_id_for(Path(name)) == expected


# --------------------------------------------------------------------------- extends

VARIANT = """\
extends: cst-1999
id: cst-variant
version: "0.1"
title: A variant
actors:
  - id: kazakhstan
    outside_option: 0.6
    positions:
      duration: {ideal: 0.5, salience: 0.9}
  - id: newland
    name: Newland
    short: NL
    colour: "#123456"
    delegate: {name: Envoy}
    status: non_party
    capability: 0.1
    reliability: 0.5
    outside_option: 0.5
    positions: {sequencing: {ideal: 1, salience: 0.2}, defence: {ideal: 1, salience: 0.2},
                peacekeeping: {ideal: 1, salience: 0.2}, guarantees: {ideal: 1, salience: 0.2},
                arms: {ideal: 1, salience: 0.2}, alliances: {ideal: 1, salience: 0.2},
                duration: {ideal: 1, salience: 0.2}}
rounds:
  - id: r3
    name: Extra consultations
events:
  - id: extra
    date: 1999-03-02
    title: Something new
settings:
  action_points: 4
"""


def test_extends_merges_by_key_and_by_id(tmp_path: Path) -> None:
    path = tmp_path / "variant.yaml"
    path.write_text(VARIANT, encoding="utf-8")
    base, variant = load_scenario("cst-1999"), load_scenario(path)
    kz, kz0 = variant.actor("kazakhstan"), base.actor("kazakhstan")
    assert kz.outside_option == 0.6 and kz.name == kz0.name and kz.reliability == kz0.reliability
    assert kz.positions["duration"].ideal == 0.5 and kz.positions["sequencing"] == kz0.positions["sequencing"]
    assert [a.id for a in variant.actors] == [a.id for a in base.actors] + ["newland"]
    r3 = next(r for r in variant.rounds if r.id == "r3")
    assert r3.name == "Extra consultations" and r3.date == next(r for r in base.rounds if r.id == "r3").date
    assert len(variant.rounds) == len(base.rounds) and variant.events[-1].id == "extra"
    assert variant.settings.action_points == 4 and variant.settings.min_signatures == base.settings.min_signatures
    assert variant.history == base.history and variant.id == "cst-variant"
    _plays_to_the_end(variant)


def test_errors_in_a_variant_point_into_the_variant(tmp_path: Path) -> None:
    path = tmp_path / "variant.yaml"
    path.write_text(VARIANT.replace("    outside_option: 0.6", "    outside_option: 1.6")
                    .replace("    title: Something new", "    title: Something new\n    effects:\n"
                             "      - {actor: kazakstan, field: outside_option, delta: 0.1}"), encoding="utf-8")
    scenario, problems = validate(path)
    assert scenario is None
    assert [p.format() for p in problems] == [
        f"{path}:7:21: outside_option must be between 0 and 1, got 1.6 "
        "(hint: change it to a number between 0 and 1)"]
    path.write_text(VARIANT.replace("    title: Something new", "    title: Something new\n    effects:\n"
                                    "      - {actor: kazakstan, field: outside_option, delta: 0.1}"), encoding="utf-8")
    scenario, problems = validate(path)
    assert sorted(p.format() for p in problems) == [  # the warning, too, points into the variant
        (f"{path}:15:13: warning: 'newland' is not a party (status: non_party) and no event makes it one: it "
         "never acts, signs, is lobbied or receives offers, and nobody can play it (hint: to have it take part, "
         "give it status: party (or boycotting); to only name it, list it under non_parties instead)"),
        f"{path}:31:17: unknown actor 'kazakstan' (hint: did you mean 'kazakhstan'?)"]


def test_extends_by_relative_path_and_loops(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BORDER_ROAD, encoding="utf-8")
    (tmp_path / "v.yaml").write_text("extends: base.yaml\nid: v\ntitle: V\n", encoding="utf-8")
    assert load_scenario(tmp_path / "v.yaml").title == "V"
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nid: a\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nid: b\n", encoding="utf-8")
    scenario, problems = validate(tmp_path / "a.yaml")
    assert scenario is None and "loop" in problems[0].message and problems[0].line == 1


def test_the_uzbekistan_variant_changes_only_what_it_says() -> None:
    base, variant = load_scenario("cst-1999"), load_scenario("cst-1999-uzbekistan")
    uz = variant.actor("uzbekistan")
    assert uz.status == "party" and base.actor("uzbekistan").status == "boycotting"
    exit_event = next(e for e in variant.events if e.id == "uzbekistan_exit")
    # the counterfactual exit also takes it away from the table, where here it sits (status first)
    base_effects = next(e for e in base.events if e.id == "uzbekistan_exit").effects
    assert not exit_event.historical and exit_event.effects[1:] == base_effects
    assert (exit_event.effects[0].field, exit_event.effects[0].value) == ("status", "boycotting")
    assert variant.issues == base.issues
    # texts that said Uzbekistan stays away are rewritten (the first round, Russia's brief); nothing else
    assert [r.model_copy(update={"description": ""}) for r in variant.rounds] == \
        [r.model_copy(update={"description": ""}) for r in base.rounds]
    assert variant.rounds[1:] == base.rounds[1:]
    assert [a.model_copy(update={"confidential": ""}) for a in variant.actors if a.id != "uzbekistan"] == \
        [a.model_copy(update={"confidential": ""}) for a in base.actors if a.id != "uzbekistan"]
    assert [a for a in variant.actors if a.id not in ("uzbekistan", "russia")] == \
        [a for a in base.actors if a.id not in ("uzbekistan", "russia")]
    assert json.loads(json.dumps(variant.model_dump(mode="json")))["id"] == "cst-1999-uzbekistan"


def test_the_guide_gives_the_schemas_numeric_setting_defaults():
    """docs/scenario-authoring.md's settings table must not drift from the schema."""
    import re
    from pathlib import Path

    from game.scenarios.schema import Settings

    text = (Path(__file__).resolve().parents[1] / "docs" / "scenario-authoring.md").read_text(encoding="utf-8")
    checked = 0
    for name, field in Settings.model_fields.items():
        if not isinstance(field.default, (int, float)) or isinstance(field.default, bool):
            continue
        row = re.search(r"\| `%s` \|[^|]*\|[^|]*\| `?([^|`]*)`? \|" % name, text)
        assert row, f"{name} is missing from the settings table"
        assert float(row.group(1)) == float(field.default), f"{name}: guide {row.group(1)}, schema {field.default}"
        checked += 1
    assert checked >= 10
