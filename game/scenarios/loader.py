"""Loading scenario files: safe YAML, the typed schema, the whole-document checks.

``load_scenario`` returns a :class:`Scenario` or raises :class:`ScenarioError`
listing *every* error as ``file:line:col: message (hint)``; ``validate`` returns
the problems (warnings too) without raising. A scenario may ``extends:`` another
(by id or path) and override only what changes: mappings merge key by key, lists
of records with an ``id`` merge record by record, other values replace.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Hashable
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from game.scenarios.checks import check_scenario
from game.scenarios.errors import pydantic_problems
from game.scenarios.paths import ReferenceProblem, UnsafeReference, resolve_extends, resolve_reference
from game.scenarios.problems import Problem, ScenarioError
from game.scenarios.registry import builtin_paths, resolve
from game.scenarios.schema import Scenario
from game.scenarios.translit import suggest_id
from game.scenarios.yamlsafe import MAX_BYTES, Positions, load_yaml, too_big

MAX_EXTENDS = 5
# Parsed YAML of the last few files read, by (file name, bytes): composing YAML with positions
# is most of the cost of loading (about 80 ms for cst-1999), and a scenario is read several
# times in one run (validated before play, loaded again to start the match; every test).
# Keyed on the whole content, so an edited file is parsed again; errors are not kept.
_PARSED: dict[tuple[str, bytes], tuple[object, Positions]] = {}
_PARSED_MAX = 16


def _parse(raw: bytes, file: str) -> tuple[object, Positions]:
    """``load_yaml(raw, file)``, from :data:`_PARSED` when these bytes were read before. The
    data is a fresh copy each time (callers may merge into it); positions are read-only."""
    key = (file, raw)
    hit = _PARSED.get(key)
    if hit is None:
        hit = load_yaml(raw, file)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = hit
    return copy.deepcopy(hit[0]), hit[1]


@dataclass
class Layer:
    file: str
    positions: Positions
    data: object  # the layer's own document, before merging


@dataclass
class Document:
    data: object
    layers: list[Layer]  # the extending file first, then what it extends
    digest: str


def _read(path: Path, chain: tuple[str, ...] = ()) -> Document:
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise too_big(size, file, line=1, column=1)
        with open(path, "rb") as handle:  # at most one byte over the limit (a device never ends)
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError([Problem(f"no such scenario file or built-in scenario id: {path}",
                                     file=file, hint="run 'treaty-table scenarios' to list the built-in ones")])
    except OSError as exc:
        raise ScenarioError([Problem(f"cannot read the file: {exc.strerror or exc}", file=file)])
    except ValueError:  # e.g. a NUL byte in the path (a hand-edited save)
        raise ScenarioError([Problem("the file name is not valid", file=file)])
    data, positions = _parse(raw, file)
    digest = hashlib.sha256(raw).hexdigest()
    if isinstance(data, dict) and isinstance(data.get("extends"), str):
        return _extend(path, data, positions, digest, chain + (os.path.realpath(path),))
    return Document(data, [Layer(file, positions, data)], digest)


def _extend(path: Path, data: dict, positions: Positions, digest: str, chain: tuple[str, ...]) -> Document:
    try:  # a built-in id, or a file in this file's folder, never outside it (paths.py)
        base_path = resolve_extends(data["extends"], path.parent)
    except ReferenceProblem as exc:
        line, col = positions.locate(("extends",))
        raise ScenarioError([Problem(exc.message, ("extends",), exc.hint, file=str(path), line=line,
                                     column=col)]) from None
    if os.path.realpath(base_path) in chain or len(chain) > MAX_EXTENDS:
        line, col = positions.locate(("extends",))
        raise ScenarioError([Problem("'extends' forms a loop or is nested too deep", ("extends",),
                                     f"a scenario may not extend itself, directly or through another "
                                     f"file, and at most {MAX_EXTENDS} levels deep: extend the base "
                                     "scenario directly", file=str(path), line=line, column=col)])
    base = _read(base_path, chain)
    merged = merge(base.data, {k: v for k, v in data.items() if k != "extends"})
    combined = hashlib.sha256((digest + base.digest).encode()).hexdigest()
    return Document(merged, [Layer(str(path), positions, data)] + base.layers, combined)


def merge(base: object, over: object) -> object:
    """Deep-merge ``over`` onto ``base`` (see the module docstring)."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(over, list) and all(
            isinstance(x, dict) and "id" in x and isinstance(x["id"], Hashable) for x in base + over):
        out = list(base)
        index = {x["id"]: n for n, x in enumerate(out)}
        for item in over:
            if item["id"] in index:
                out[index[item["id"]]] = merge(out[index[item["id"]]], item)
            else:
                out.append(item)
        return out
    return over


def _translate(path: tuple, merged: object, layer: object) -> tuple[tuple, bool]:
    """The part of a merged-document ``path`` that exists in one layer, in that layer's
    own indexes (lists of records are matched by id), and whether all of it does."""
    out: list = []
    for seg in path:
        if isinstance(seg, int) and isinstance(merged, list) and isinstance(layer, list):
            item = merged[seg] if 0 <= seg < len(merged) else None
            if isinstance(item, dict) and "id" in item and all(isinstance(x, dict) for x in layer):
                seg_here = next((j for j, x in enumerate(layer) if x.get("id") == item["id"]), None)
            else:
                seg_here = seg if seg < len(layer) else None
            if seg_here is None:
                return tuple(out), False
            out.append(seg_here)
            merged, layer = item, layer[seg_here]
        elif isinstance(layer, dict) and seg in layer:
            out.append(seg)
            merged = merged.get(seg) if isinstance(merged, dict) else None
            layer = layer[seg]
        else:
            return tuple(out), False
    return tuple(out), True


def _position(positions: Positions, path: tuple, at_key: bool) -> tuple[int, int]:
    """Line and column of the key ending ``path`` if the problem is about that key, else of its value."""
    return positions.key_position(path) if at_key else positions.locate(path)


def _locate(doc: Document, problem: Problem) -> Problem:
    """Point a problem found in the merged document at the file that wrote the value."""
    if len(doc.layers) == 1:
        line, col = _position(doc.layers[0].positions, problem.path, problem.at_key)
        return replace(problem, file=doc.layers[0].file, line=line, column=col)
    best: tuple[int, Layer, tuple] | None = None
    for layer in doc.layers:
        here, complete = _translate(problem.path, doc.data, layer.data)
        if complete:
            best = (len(problem.path) + 1, layer, here)
            break
        if best is None or len(here) > best[0]:
            best = (len(here), layer, here)
    length, layer, here = best
    complete = length > len(problem.path)  # only a complete path still ends at the key
    line, col = _position(layer.positions, here, problem.at_key and complete)
    return replace(problem, file=layer.file, line=line, column=col)


def validate(ref: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Load and check; return the scenario (None if it has errors) and every problem."""
    try:
        doc = _read(resolve(ref))
    except ScenarioError as exc:
        return None, exc.problems
    except (OSError, ValueError) as exc:  # a path the system refuses (too long, NUL byte, ...)
        return None, [Problem(f"cannot open the scenario: {getattr(exc, 'strerror', None) or exc}",
                              file=str(ref)[:200])]
    if not isinstance(doc.data, dict):
        file = doc.layers[0].file
        message = ("the file is empty (or holds only comments)" if doc.data is None
                   else "a scenario file must be a mapping of keys to values")
        return None, [Problem(message, file=file, line=1, column=1,
                              hint="start from 'treaty-table new-scenario FILE'")]
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        first = doc.layers[0]
        problems = pydantic_problems(exc, first.positions, first.file, Scenario)
        if len(doc.layers) > 1:
            problems = [_locate(doc, p) for p in problems]
        return None, _unique(problems)
    problems = [_locate(doc, p) for p in check_scenario(scenario) + _check_source_document(scenario, doc)
                + _check_builtin_id(scenario, doc)]
    problems = _unique(problems)
    problems.sort(key=lambda p: (p.severity != "error", p.file, p.line, p.column))
    if any(p.severity == "error" for p in problems):
        return None, problems
    scenario._content_hash = doc.digest
    return scenario, problems


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once: a value written once under an anchor (``&mid``) and repeated with an
    alias (``*mid``) is checked at every place it is used, but the mistake, and its fix, is at
    one line and column, so one message."""
    seen: set[tuple] = set()
    out = []
    for p in problems:
        key = (p.file, p.line, p.column, p.message, p.hint, p.severity)
        if key not in seen or not p.line:
            seen.add(key)
            out.append(p)
    return out


def _check_builtin_id(scenario: Scenario, doc: Document) -> list[Problem]:
    """A scenario file of one's own that has a built-in scenario's id (a copy of a built-in one, or
    a variant that kept its base's id) would be taken for the built-in one wherever a game is told
    apart by its scenario id: autosaves, the title screen's offer to resume, report file names."""
    builtin = builtin_paths().get(scenario.id)
    if builtin is None:
        return []
    try:
        if os.path.samefile(builtin, doc.layers[0].file):
            return []
    except OSError:
        pass
    own = suggest_id(Path(doc.layers[0].file).stem)
    own = own if own not in builtin_paths() else ""
    example = f"'{own}' (the file name)" if own else f"'{scenario.id}-2'"
    return [Problem(f"the id '{scenario.id}' is the id of a built-in scenario: autosaves, the offer to "
                    "resume a game and the names of balance reports would mix this scenario up with the "
                    "built-in one", ("id",), f"give this scenario its own id, e.g. {example}",
                    severity="warning")]


def _check_source_document(scenario: Scenario, doc: Document) -> list[Problem]:
    """The source document must stay inside the allowed folders (error) and exist (warning)."""
    if not scenario.source_document:
        return []
    folders = [Path(layer.file).parent for layer in doc.layers]
    try:
        resolve_reference(scenario.source_document, folders, "source_document")
    except UnsafeReference as exc:
        return [Problem(exc.message, ("source_document",), exc.hint)]
    except ReferenceProblem as exc:
        return [Problem(exc.message, ("source_document",), "players will not be able to read it in the game",
                        severity="warning")]
    return []


def load_scenario(ref: str | Path) -> Scenario:
    """Load a scenario by built-in id or path; raise ScenarioError on any error."""
    scenario, problems = validate(ref)
    if scenario is None:
        raise ScenarioError([p for p in problems if p.severity == "error"])
    return scenario


def content_hash(scenario: Scenario) -> str:
    """A hash of the scenario's content (the file bytes, or the model if built in code)."""
    if scenario._content_hash:
        return scenario._content_hash
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()
