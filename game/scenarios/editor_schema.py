"""The JSON Schema of the scenario format, for editors and ``treaty-table schema``.

It is generated from the pydantic models in :mod:`game.scenarios.schema` (so the
descriptions, ranges, enums and ``additionalProperties: false`` come from one
place) with two additions the models cannot express on their own:

* a file with ``extends:`` only overrides parts of another scenario, so for such
  a file nothing is required and lists may be short (the same keys, ranges and
  enums still apply);
* affinity values are limited to -1..1 (the models check that in
  :mod:`game.scenarios.checks`, to give a located message).

The copy kept in the repository, ``scenarios/scenario.schema.json``, is what
``# yaml-language-server: $schema=./scenario.schema.json`` points editors at; a
test fails when it is stale.
"""

from __future__ import annotations

import copy
import json

from game.scenarios.schema import Scenario

SCHEMA_FILE = "scenario.schema.json"
REGENERATE = "python -m game schema > scenarios/scenario.schema.json"


def _relaxed(node: object) -> object:
    """A copy of a schema node without ``required``/``minItems``, its refs to the relaxed defs."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("required", "minItems"):
                continue
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = "#/$defs/Partial" + value[len("#/$defs/"):]
                continue
            out[key] = _relaxed(value)
        return out
    if isinstance(node, list):
        return [_relaxed(v) for v in node]
    return node


def json_schema() -> dict:
    """The scenario JSON Schema (draft 2020-12), deterministic for a given model."""
    base = Scenario.model_json_schema(by_alias=True)
    defs = base.pop("$defs", {})
    actor = defs.get("Actor", {}).get("properties", {})
    if "affinities" in actor:
        actor["affinities"]["additionalProperties"] = {"type": "number", "minimum": -1, "maximum": 1}
    full = dict(base, title="Scenario")
    variant = _relaxed(full)
    variant["title"] = "Scenario variant"
    variant["description"] = ("A scenario that 'extends' another: it lists only what changes. Mappings merge "
                              "key by key, lists of records with an id merge record by record, other values "
                              "replace.")
    variant["required"] = ["extends"]
    all_defs = {"Scenario": full, "PartialScenario": variant}
    for name, node in defs.items():
        all_defs[name] = node
        all_defs["Partial" + name] = _relaxed(node)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Treaty Table scenario",
        "description": "A Treaty Table scenario file (YAML). Check one with: treaty-table validate FILE. "
                       "The authoring guide is docs/scenario-authoring.md in the source distribution.",
        "if": {"type": "object", "required": ["extends"]},
        "then": {"$ref": "#/$defs/PartialScenario"},
        "else": {"$ref": "#/$defs/Scenario"},
        "$defs": all_defs,
    }


def json_schema_text() -> str:
    """The schema as the text kept in ``scenarios/scenario.schema.json``."""
    return json.dumps(copy.deepcopy(json_schema()), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
