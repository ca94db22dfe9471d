"""Turn pydantic validation errors into located, readable :class:`Problem` objects.

pydantic reports each error with a ``loc`` (a path of field names, list
indexes, dict keys, union branch tags and ``'[key]'`` markers).  This module
walks the model classes along that ``loc`` to tell which parts are real
positions in the document, finds the line and column through the
:class:`~game.scenarios.yamlsafe.Positions` of the YAML file, and writes a
message a scenario author can act on::

    capability must be between 0 and 1, got 1.4
    unknown key 'capabilty' (hint: did you mean 'capability'?)
    missing required key 'name'
    expected a number, got text 'high'
    expected text, got false (hint: YAML read `no` as a boolean; write it in quotes: "no")
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union

import pydantic
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .problems import Problem, ScenarioError
from .translit import suggest_id
from .yamlsafe import YAML11_BOOLEAN_WORDS, Positions

__all__ = ["format_problems", "pydantic_problems", "validate_model"]

_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"
_UNION_TAG_NAMES = frozenset({"str", "int", "float", "bool", "date", "datetime", "none", "list", "dict"})

_EXPECTED = {
    "string_type": "text", "string_sub_type": "text", "float_type": "a number",
    "float_parsing": "a number", "finite_number": "a finite number", "int_type": "a whole number",
    "int_parsing": "a whole number", "int_from_float": "a whole number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list", "tuple_type": "a list", "set_type": "a list",
    "dict_type": "a mapping of keys to values", "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values", "date_type": "a date like 1999-04-02",
    "date_parsing": "a date like 1999-04-02", "date_from_datetime_parsing": "a date like 1999-04-02",
    "date_from_datetime_inexact": "a date without a time, like 1999-04-02",
    "datetime_type": "a date and time", "datetime_parsing": "a date and time", "none_required": "nothing",
}
_TEXT_EXPECTED = frozenset({"string_type", "string_sub_type", "literal_error", "enum"})


@dataclass
class _Where:
    """What a pydantic ``loc`` points at, resolved against the model classes."""

    path: tuple = ()                      # positions in the document (no union tags, no '[key]')
    is_key: bool = False                  # the error is about a mapping key itself
    in_union: bool = False                # the loc went through a union branch tag
    owner: type[BaseModel] | None = None  # model whose field the path last entered
    field: FieldInfo | None = None        # that field
    at_field: bool = False                # the path ends exactly at that field
    annotation: Any = None                # type expected at the path, if known
    key_text: str = ""                    # the last key as written in the file
    models: tuple = ()                    # (path, model) of every model the loc went through, outermost first


# --------------------------------------------------------------------------- walking the model

def _unwrap(ann: Any) -> Any:
    """Strip ``Annotated`` and ``None`` from ``Optional``; keep real unions."""
    while True:
        if typing.get_origin(ann) is typing.Annotated:
            ann = typing.get_args(ann)[0]
            continue
        if _is_union(ann):
            rest = [a for a in typing.get_args(ann) if a is not type(None)]
            if len(rest) == 1:
                ann = rest[0]
                continue
        return ann


def _is_union(ann: Any) -> bool:
    return typing.get_origin(ann) in (Union, types.UnionType)


def _is_model(ann: Any) -> bool:
    # not isinstance(ann, type) alone: on Python 3.10 ``list[Round]`` passes it (a GenericAlias
    # poses as its class there), and issubclass() then raises TypeError with older pydantic
    return isinstance(ann, type) and not isinstance(ann, types.GenericAlias) and issubclass(ann, BaseModel)


def _field(model: type[BaseModel], item: object) -> tuple[str, FieldInfo] | None:
    for name, info in model.model_fields.items():
        if item in (info.alias, name):
            return (info.alias or name), info
    return None


def _union_branch(ann: Any, item: object) -> tuple[bool, Any]:
    """Whether ``item`` is a pydantic union tag, and the branch it names (if known)."""
    if not isinstance(item, str):
        return False, None
    for arg in typing.get_args(ann):
        name = getattr(arg, "__name__", None) or str(arg)
        if item == name or item.lower() == str(name).lower():
            return True, arg
    looks_like_tag = item.lower() in _UNION_TAG_NAMES or "[" in item or item.startswith(
        ("function-", "constrained-", "literal", "lax-", "json-"))
    return looks_like_tag, None


def _step(where: _Where, ann: Any, item: object) -> tuple[Any, Any]:
    """Follow one data element of a loc; returns (new annotation, dict key annotation)."""
    where.path += (item,)
    where.at_field = False
    if _is_model(ann):
        found = _field(ann, item)
        where.owner = ann
        where.models += ((where.path[:-1], ann),)
        if found is None:
            return None, None
        where.field, where.at_field = found[1], True
        return found[1].annotation, None
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if origin in (list, tuple, set, frozenset) or ann in (list, tuple, set):
        return (args[0] if args else None), None
    if origin is dict or ann is dict:
        return (args[1], args[0]) if len(args) == 2 else (None, None)
    return None, None


def _resolve(model: type[BaseModel], loc: tuple) -> _Where:
    """Walk ``model`` along a pydantic ``loc``."""
    where, ann, key_ann = _Where(), model, None
    for item in loc:
        ann = _unwrap(ann)
        if item == "[key]":
            where.is_key, where.at_field, ann = True, False, key_ann
            continue
        if _is_union(ann):
            is_tag, branch = _union_branch(ann, item)
            if is_tag:
                where.in_union, ann = True, branch
                continue
        ann, key_ann = _step(where, ann, item)
    where.annotation = _unwrap(ann)
    return where


# --------------------------------------------------------------------------- wording

def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(value: object) -> str:
    """How a wrong value is shown after 'got'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"text '{_short(value)}'" if value else "empty text"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a {type(value).__name__}"


def _label(where: _Where) -> str:
    """What the value is called in a message ('capability', 'item 2 of signatories')."""
    path = where.path
    if not path:
        return "the document"
    last = path[-1]
    parent = _label(_Where(path=path[:-1])) if len(path) > 1 else "the document"
    if where.at_field or (isinstance(last, str) and where.field is None and not where.is_key):
        return str(last)
    if isinstance(last, int) and not isinstance(last, bool) and not _is_dict_value(where):
        return f"item {last + 1} of {parent}"
    return f"the value for '{last}' in {parent}"


def _is_dict_value(where: _Where) -> bool:
    return where.field is not None and typing.get_origin(_unwrap(where.field.annotation)) is dict \
        and not where.at_field


def _bounds(where: _Where, ctx: dict) -> str:
    """'between 0 and 1', 'at least 0', ... from the field's constraints (or the error's)."""
    found: dict[str, object] = {}
    metadata = where.field.metadata if where.field is not None and where.at_field else []
    for item in metadata:  # annotated_types.Ge/Gt/Le/Lt carry one attribute each
        for kind in ("ge", "gt", "le", "lt"):
            if getattr(item, kind, None) is not None:
                found.setdefault(kind, getattr(item, kind))
    for kind in ("ge", "gt", "le", "lt"):
        if kind in ctx:
            found.setdefault(kind, ctx[kind])
    if "ge" in found and "le" in found:
        return f"between {_num(found['ge'])} and {_num(found['le'])}"
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    return " and ".join(f"{words[kind]} {_num(found[kind])}" for kind in words if kind in found)


def _quote_hint(raw: str | None, value: object) -> str:
    """Hint for a value YAML read as something other than text."""
    if raw is None or isinstance(value, str):
        return ""
    if isinstance(value, bool):
        if raw.lower() not in YAML11_BOOLEAN_WORDS:
            return ""
        return f'YAML read `{raw}` as a boolean; write it in quotes: "{raw}"'
    if isinstance(value, (int, float)):
        kind = "a number"
    elif isinstance(value, (_dt.date, _dt.datetime)):
        kind = "a date"
    elif value is None:
        kind = "an empty value"
        if raw == "":
            return "the value is missing after the ':'"
    else:
        return ""
    return f'YAML read `{raw}` as {kind}; write it in quotes: "{raw}"'


def _literal_choices(where: _Where, ctx: dict) -> list[str]:
    ann = where.annotation
    if typing.get_origin(ann) is Literal:
        return [str(a) for a in typing.get_args(ann)]
    return [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",") if c.strip()]


def _did_you_mean(word: object, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


# --------------------------------------------------------------------------- one error

_MODEL_NAMES = {  # what a record of each model is called in a message
    "Scenario": "the scenario itself (the top level)", "Settings": "settings", "History": "history",
    "RedLine": "a red line", "OfferKind": "an offer", "InitialDraft": "an initial draft",
    "HiddenDraw": "a hidden draw", "DrawOption": "an option of a hidden draw", "NonParty": "a non-party",
}


def _model_name(model: type[BaseModel]) -> str:
    name = model.__name__
    if name in _MODEL_NAMES:
        return _MODEL_NAMES[name]
    return ("an " if name[0] in "AEIOU" else "a ") + name.lower()


def _keys(model: type[BaseModel] | None) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()] if model else []


def _children(positions: Positions | None, parent: tuple, but: tuple = ()) -> list[tuple]:
    """The recorded paths one level below ``parent`` (except ``but``), in document order."""
    return [p for p in (positions.paths() if positions is not None else ())
            if len(p) == len(parent) + 1 and p[:-1] == parent and p != but]


def _on_its_own_line(where: _Where, positions: Positions | None) -> bool:
    """Whether the key ending ``where.path`` starts a line of its own (no other key of its record on
    that line, as there would be inside a one-line {...})."""
    if positions is None:
        return True
    line = positions.key_position(where.path)[0]
    return all(positions.key_position(p)[0] != line for p in _children(positions, where.path[:-1], where.path))


def _misplaced(where: _Where, key: str, value: object,
               positions: Positions | None = None) -> tuple[str, tuple, type[BaseModel]] | None:
    """Where a key that is unknown here belongs: ``("enclosing", path, model)`` for a key of an
    enclosing record (``rounds:`` indented under the last actor: the path it should have),
    ``("entry", path, model)`` for a value written one level too high (an actor's ``scania: {ideal:
    1, ...}`` that belongs under ``positions:``: the path of that field); None if neither."""
    owner = where.owner
    if owner is None or not where.path:
        return None
    for path, model in reversed(where.models[:-1]):
        if model is not owner and key in _keys(model) and _on_its_own_line(where, positions):
            return "enclosing", path + (key,), model
    for name, info in owner.model_fields.items():
        ann = _unwrap(info.annotation)
        args = typing.get_args(ann)
        if typing.get_origin(ann) is not dict or len(args) != 2 or not isinstance(value, dict) or not value:
            continue
        inner = _unwrap(args[1])
        if not _is_model(inner):
            continue
        required = {field.alias or field_name for field_name, field in inner.model_fields.items()
                    if field.is_required()}
        if set(value) <= set(_keys(inner)) and set(value) & required:
            return "entry", where.path[:-1] + (info.alias or name,), inner
    return None


def _misplaced_key(where: _Where, key: str, value: object, positions: Positions | None) -> str:
    """The hint for a key :func:`_misplaced` places elsewhere; empty if it does not."""
    found = _misplaced(where, key, value, positions)
    if found is None:
        return ""
    kind, path, model = found
    if kind == "enclosing":
        siblings = _children(positions, path[:-1], where.path[:len(path)])
        column = ""
        if siblings:
            line, at = positions.key_position(siblings[0])
            column = f"start it in column {at}, like '{siblings[0][-1]}' on line {line}"
        if value is not None and not isinstance(value, (list, dict)):  # 'notes: x': maybe meant here
            own = ", ".join(_keys(where.owner))
            return (f"'{key}' is a key of {_model_name(model)}, not of {_model_name(where.owner)}: if it belongs "
                    f"to {_model_name(model)}, this line is indented too far" + (f" ({column})" if column else "")
                    + f"; the keys of {_model_name(where.owner)} are: {own}")
        hint = (f"'{key}' is a key of {_model_name(model)}, not of {_model_name(where.owner)}: this line is "
                f"indented too far, so it is read as part of {_model_name(where.owner)} above")
        if column:
            hint += "; " + column
        if value is None and len(where.path) >= 3 and isinstance(where.path[-2], int):
            hint += (f" (until then the entries below it are read as more of '{where.path[-3]}': fix this "
                     "line first and run validate again)")
        return hint
    field = path[-1]
    hint = (f"'{key}' looks like an entry of '{field}' (its value has the keys of {_model_name(model)}): "
            f"write it under '{field}:', indented further than '{field}'")
    if positions is not None and path in positions:
        line, column = positions.key_position(path)
        hint += f" (line {line}), by {column + 1} spaces"
    return hint


def _unknown_key(where: _Where, value: object = None, positions: Positions | None = None) -> tuple[str, str]:
    key = where.key_text or (where.path[-1] if where.path else "?")
    valid = _keys(where.owner)
    hint = _did_you_mean(key, valid) or _misplaced_key(where, str(key), value, positions)
    if not hint and valid:
        hint = "allowed keys here: " + ", ".join(valid)
    return f"unknown key '{key}'", hint


def _missing(where: _Where) -> tuple[str, str]:
    name = where.path[-1] if where.path else "?"
    description = (where.field.description or "").strip().rstrip(".") if where.field is not None else ""
    hint = f"add '{name}:' here"
    if description:
        hint += f" ({description[:1].lower()}{description[1:]})"
    return f"missing required key '{name}'", hint


def _literal(where: _Where, value: object, ctx: dict) -> tuple[str, str]:
    choices = _literal_choices(where, ctx)
    shown = ", ".join(f"'{c}'" for c in choices)
    if where.is_key:
        value = where.key_text or value
        message = f"'{value}' is not allowed as a key here; expected one of {shown}"
        return message, _did_you_mean(value, choices)
    hint = _did_you_mean(value, choices) or (f"write one of them, e.g. {_label(where)}: {choices[0]}"
                                             if choices else "")
    return f"{_label(where)} must be one of {shown}, got {_describe(value)}", hint


def _pattern(where: _Where, value: object, ctx: dict) -> str:
    pattern, label = str(ctx.get("pattern", "")), _label(where)
    if where.is_key:
        label = f"the key '{value}'"
    if pattern == _ID_PATTERN:
        return (f"{label} must start with a Latin letter (a-z) and use only Latin letters, digits, '-' and '_', "
                f"got '{value}'")
    if pattern.startswith("^#"):
        return f"{label} must be a colour like #3366cc, got '{value}'"
    return f"{label} must match the pattern {pattern}, got '{value}'"


def _pattern_hint(ctx: dict, value: object = None) -> str:
    pattern = str(ctx.get("pattern", ""))
    if pattern == _ID_PATTERN:
        text = str(value) if value is not None else ""
        if text and not text.isascii():
            suggestion = suggest_id(text)
            example = f", e.g. '{suggestion}'" if suggestion else ""
            return ("an id is a machine name, typed after --role and kept in save files, so it stays in Latin "
                    f"letters{example}; names, titles and descriptions may be in any language and script")
        suggestion = suggest_id(text) if text else ""
        if suggestion and suggestion != text:
            return f"e.g. '{suggestion}'"
        return "e.g. 'united-states' or 'role_2'"
    if pattern.startswith("^#"):
        return "write '#' and six hexadecimal digits (0-9, a-f) in quotes, e.g. \"#3366cc\""
    return "change it to match the pattern"


_SIZED_HINTS = {
    "string_too_long": "shorten it",
    "string_too_short": "lengthen it",
    "too_long": "remove entries",
}

_EXPECTED_HINTS = {  # _EXPECTED's words -> how to write such a value
    "text": "write the text, in quotes if it could be read as something else",
    "a number": "write a number in digits, e.g. 0.5",
    "a finite number": "write a number in digits, e.g. 0.5 (not .inf or .nan)",
    "a whole number": "write a whole number in digits, e.g. 3",
    "true or false": "write true or false",
    "a list": "write one entry per line starting with '- ', or [a, b] on one line",
    "a mapping of keys to values": "write 'key: value' lines indented under it",
    "a date like 1999-04-02": "write the date as YYYY-MM-DD, e.g. 1999-04-02",
    "a date without a time, like 1999-04-02": "leave out the time: write YYYY-MM-DD, e.g. 1999-04-02",
    "a date and time": "write it as YYYY-MM-DD HH:MM, e.g. 1999-04-02 10:00",
    "nothing": "remove the value",
}


def _sized(kind: str, where: _Where, value: object, ctx: dict) -> str:
    label = _label(where)
    if kind == "string_too_long":
        return f"{label} must be at most {ctx.get('max_length')} characters long, got '{_short(str(value))}'"
    if kind == "string_too_short":
        return f"{label} must be at least {ctx.get('min_length')} characters long, got '{value}'"
    if kind == "too_short":
        need = ctx.get("min_length")
        return f"{label} needs at least {need} {'entry' if need == 1 else 'entries'}, got {ctx.get('actual_length')}"
    return f"{label} may have at most {ctx.get('max_length')} entries, got {ctx.get('actual_length')}"


def _number_hint(where: _Where, value: object) -> str:
    """A specific fix for text written where a number belongs ('0,5', '50%', a level id as ideal)."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if re.fullmatch(r"[-+]?\d+,\d+", text):
        return f"write the decimal point as '.', not ',': {text.replace(',', '.')}"
    if re.fullmatch(r"[-+]?\d+(\.\d+)?\s*%", text):
        share = float(text.rstrip("% ")) / 100
        return f"write a share as a number, not a percentage: {share:g} for {text}"
    if where.path and where.path[-1] == "ideal":
        return "ideal is a level's position, not its id: 0 for the first level, 1 for the second, and so on"
    return ""


def _keyed_by_id_hint(where: _Where, value: object) -> str:
    """For a list of records with ids written as a mapping keyed by id (``lubeck:`` instead of
    ``- id: lubeck``)."""
    ann = where.annotation
    if not isinstance(value, dict) or not value or typing.get_origin(ann) is not list:
        return ""
    item = _unwrap(typing.get_args(ann)[0]) if typing.get_args(ann) else None
    if not _is_model(item) or "id" not in item.model_fields:
        return ""
    first = next(iter(value))
    label = where.path[-1] if where.path else "this list"
    return (f"each entry of '{label}' starts with '- ' and has its id inside: write '- id: {first}' (its other "
            f"keys indented under 'id') instead of '{first}:'")


def _list_for_mapping_hint(where: _Where, value: object) -> str:
    """For a mapping written as a list (a draft's ``levels: [low, high]``): what it maps, from the
    field's description ('Issue id -> level id; ...')."""
    ann = where.annotation
    if not isinstance(value, list) or typing.get_origin(ann) is not dict or where.field is None \
            or not where.path:
        return ""
    described = (where.field.description or "").split(";")[0].rstrip(".")
    keys, arrow, values = described.partition(" -> ")
    if not arrow:
        return ""
    return (f"'{where.path[-1]}' maps each {keys[:1].lower()}{keys[1:]} to its {values}: write 'key: value' "
            "pairs, one per line indented under it or {key: value, key: value} on one line, not a list")


def _message(err: dict, where: _Where, positions: Positions | None = None) -> tuple[str, str]:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(where, value, positions)
    if kind == "missing":
        return _missing(where)
    if kind == "literal_error":
        return _literal(where, value, ctx)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bounds = _bounds(where, ctx)
        if isinstance(value, float) and math.isnan(value):
            return (f"{_label(where)} must be a number, not NaN",
                    f"write a number {bounds}" if bounds else "write a number")
        return f"{_label(where)} must be {bounds}, got {_num(value)}", f"change it to a number {bounds}"
    if kind == "string_pattern_mismatch":
        return _pattern(where, value, ctx), _pattern_hint(ctx, value)
    if kind == "too_short":
        missing = int(ctx.get("min_length") or 0) - int(ctx.get("actual_length") or 0)
        return _sized(kind, where, value, ctx), (f"add {missing} more" if missing > 0 else "add entries")
    if kind in ("string_too_long", "string_too_short", "too_long"):
        return _sized(kind, where, value, ctx), _SIZED_HINTS[kind]
    if kind in _EXPECTED:
        hint = _number_hint(where, value) if _EXPECTED[kind] in ("a number", "a whole number") else ""
        hint = hint or _keyed_by_id_hint(where, value) or _list_for_mapping_hint(where, value)
        return (f"expected {_EXPECTED[kind]}, got {_describe(value)}",
                hint or _EXPECTED_HINTS.get(_EXPECTED[kind], ""))
    text = str(err.get("msg", "invalid value"))
    text = text.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return f"{_label(where)}: {text[:1].lower()}{text[1:]}", ""


# --------------------------------------------------------------------------- public API

def _expects_text(kind: str, union_kinds: list[str]) -> bool:
    return kind in _TEXT_EXPECTED or any(_EXPECTED.get(k) == "text" for k in union_kinds)


def _located(err: dict, where: _Where, positions: Positions, file: str, union_kinds: list[str]) -> Problem:
    message, hint = _message(err, where, positions)
    value = err.get("input")
    if union_kinds and all(k in _EXPECTED for k in union_kinds):
        wanted = " or ".join(dict.fromkeys(_EXPECTED[k] for k in union_kinds))
        message = f"expected {wanted}, got {_describe(value)}"
    if where.is_key or err["type"] == "extra_forbidden":
        line, col = positions.key_position(where.path)
        joined = positions.split_text(where.path) if err["type"] == "extra_forbidden" else None
        if joined:  # {name: Oslo, last week}: the ',' ended the text
            hint = (f"a ',' inside {{...}} ends a text without quotes; if '{where.key_text}' belongs to the "
                    f"text before it, put the whole text in quotes: {joined}")
        if where.is_key:  # a dict key of the wrong type, e.g. Norway's id `no` read as false
            hint = _quote_hint(positions.raw_key(where.path), value) or hint
    else:
        line, col = positions.locate(where.path)
        if _expects_text(err["type"], union_kinds):
            hint = _quote_hint(positions.raw_scalar(where.path), value) or hint
        comment = positions.comment_instead(where.path) if value is None else None
        if comment:  # colour: #3366cc -- the '#' started a comment
            hint = f"'#' starts a comment, so YAML read no value here: put it in quotes, \"{comment}\""
    return Problem(message, path=where.path, hint=hint, file=file, line=line, column=col)


def pydantic_problems(exc: pydantic.ValidationError, positions: Positions, file: str,
                      model: type[BaseModel]) -> list[Problem]:
    """One located Problem per pydantic error (errors of one union value are merged)."""
    resolved = [(err, _resolve(model, tuple(err["loc"]))) for err in exc.errors(include_url=False)]
    for _, where in resolved:
        if where.path:
            where.key_text = positions.raw_key(where.path) or str(where.path[-1])
    union_groups: dict[tuple, list[str]] = {}
    for err, where in resolved:
        if where.in_union:
            union_groups.setdefault(where.path, []).append(err["type"])
    problems, seen_union = [], set()
    for err, where in resolved:
        kinds: list[str] = []
        if where.in_union:
            if where.path in seen_union:
                continue
            seen_union.add(where.path)
            kinds = union_groups[where.path]
        problems.append(_located(err, where, positions, file, kinds))
    return _merge_misspelt(*_merge_misplaced(resolved, problems, positions))


def _merge_misspelt(resolved: list[tuple[dict, _Where]], problems: list[Problem]) -> list[Problem]:
    """One message for one typo: an unknown key that is a misspelling of a missing required key
    (``salienc`` for ``salience``) already says what to do, so the 'missing' message is dropped."""
    missing = {p.path for (err, _), p in zip(resolved, problems) if err["type"] == "missing"}
    if not missing:
        return problems
    covered = set()
    for (err, where), problem in zip(resolved, problems):
        if err["type"] != "extra_forbidden" or where.owner is None or not where.path:
            continue
        valid = [info.alias or name for name, info in where.owner.model_fields.items()]
        close = difflib.get_close_matches(str(where.key_text or where.path[-1]), valid, n=1, cutoff=0.6)
        if close and where.path[:-1] + (close[0],) in missing:
            covered.add(where.path[:-1] + (close[0],))
    return [p for (err, _), p in zip(resolved, problems)
            if not (err["type"] == "missing" and p.path in covered)]


def validate_model(data: object, positions: Positions, file: str, model: type[BaseModel]) -> BaseModel:
    """``model.model_validate(data)``, raising :class:`ScenarioError` with located problems."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ScenarioError(pydantic_problems(exc, positions, file, model)) from None


def format_problems(problems: list[Problem], *, summary: bool = False) -> str:
    """One ``file:line:col: message`` line per problem, in file order.

    With ``summary=True`` a last line counts errors and warnings.
    """
    ordered = sorted(problems, key=lambda p: (p.file, p.line, p.column))
    lines = [p.format() for p in ordered]
    if summary and problems:
        errors = sum(p.severity != "warning" for p in problems)
        warnings = len(problems) - errors
        parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
        parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
        lines.append(", ".join(parts))
    return "\n".join(lines)


def _merge_misplaced(resolved: list[tuple[dict, _Where]], problems: list[Problem], positions: Positions
                     ) -> tuple[list[tuple[dict, _Where]], list[Problem]]:
    """One mistake, one message, for a line indented too far or not far enough (:func:`_misplaced`):

    * ``rounds:`` indented under the last actor: the 'missing required key rounds' of the top level
      is dropped, and so are the problems of the entries after that actor in its list (with
      ``rounds:`` empty there, YAML reads the rounds below it as more actors);
    * an actor's positions written level with ``positions:``: the 'expected a mapping, got nothing'
      of the empty ``positions:`` is dropped.
    """
    dropped: set[tuple] = set()
    later_than: list[tuple[tuple, int]] = []
    for err, where in resolved:
        if err["type"] != "extra_forbidden" or not where.path:
            continue
        found = _misplaced(where, str(where.key_text or where.path[-1]), err.get("input"), positions)
        if found is None:
            continue
        kind, path, _ = found
        dropped.add(path)
        if kind == "enclosing" and err.get("input") is None:
            entry = where.path[:-1]  # (..., list key, index): the record the key was read into
            if len(entry) >= 2 and isinstance(entry[-1], int):
                later_than.append((entry[:-1], entry[-1]))

    def hidden(problem: Problem, err: dict) -> bool:
        if problem.path in dropped and (err["type"] == "missing" or err.get("input") is None):
            return True
        return any(len(problem.path) > len(lst) and problem.path[:len(lst)] == lst
                   and isinstance(problem.path[len(lst)], int) and problem.path[len(lst)] > index
                   for lst, index in later_than)

    if not dropped:
        return resolved, problems
    kept = [(pair, p) for pair, p in zip(resolved, problems) if not hidden(p, pair[0])]
    return [pair for pair, _ in kept], [p for _, p in kept]
