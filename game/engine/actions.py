"""The moves a player can make, as small frozen records.

Every action names its actor by id. Issues and levels are indices into the
scenario's lists (shown to people by name by the UIs). ``to_dict``/``from_dict``
give the stable JSON form used by saves and replays.
"""

from __future__ import annotations

import numbers
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, ClassVar

import numpy as np


@dataclass(frozen=True)
class Action:
    actor: str
    kind: ClassVar[str] = ""
    free: ClassVar[bool] = False  # does not end the actor's turn

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = [int(v) for v in value]
            elif hasattr(value, "item"):  # a numpy scalar from the AI's arrays
                data[key] = value.item()
        return {"kind": self.kind, **data}


@dataclass(frozen=True)
class Table(Action):
    levels: tuple[int, ...] = ()
    title: str = ""
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class Amend(Action):
    draft: int = 0
    issue: int = 0
    level: int = 0
    kind: ClassVar[str] = "amend"


@dataclass(frozen=True)
class Endorse(Action):
    draft: int = 0
    kind: ClassVar[str] = "endorse"


@dataclass(frozen=True)
class Oppose(Action):
    draft: int = 0
    kind: ClassVar[str] = "oppose"


@dataclass(frozen=True)
class Lobby(Action):
    target: str = ""
    issue: int = 0
    kind: ClassVar[str] = "lobby"


@dataclass(frozen=True)
class MakeOffer(Action):
    target: str = ""
    offer: str = ""  # offer id from the giver's scenario entry
    condition: str = "sign"  # sign | endorse
    draft: int | None = None
    kind: ClassVar[str] = "offer"


@dataclass(frozen=True)
class Respond(Action):
    offer: int = 0
    accept: bool = False
    kind: ClassVar[str] = "respond"
    free: ClassVar[bool] = True


@dataclass(frozen=True)
class RedLine(Action):
    issue: int = 0
    level: int = 0
    direction: str = "at_least"  # at_least | at_most
    kind: ClassVar[str] = "red_line"


@dataclass(frozen=True)
class WalkOut(Action):
    kind: ClassVar[str] = "walk_out"


@dataclass(frozen=True)
class Return(Action):
    kind: ClassVar[str] = "return"


@dataclass(frozen=True)
class Pass(Action):
    kind: ClassVar[str] = "pass"


@dataclass(frozen=True)
class CallCommunique(Action):
    draft: int = 0
    kind: ClassVar[str] = "communique"
    free: ClassVar[bool] = True  # a procedural call: the chair keeps its turn


@dataclass(frozen=True)
class PutToSignature(Action):
    draft: int = 0
    kind: ClassVar[str] = "put_to_signature"


@dataclass(frozen=True)
class Sign(Action):
    sign: bool = True
    kind: ClassVar[str] = "sign"


ACTION_TYPES: dict[str, type[Action]] = {
    cls.kind: cls
    for cls in (Table, Amend, Endorse, Oppose, Lobby, MakeOffer, Respond, RedLine, WalkOut,
                Return, Pass, CallCommunique, PutToSignature, Sign)
}


def is_index(value: object) -> bool:
    """A whole number usable as an index: an ``int`` or a numpy integer, never a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def is_flag(value: object) -> bool:
    """``True``/``False`` (or a numpy bool, as comparisons of the AI's arrays give)."""
    return isinstance(value, (bool, np.bool_))


_FIELD_TESTS = {  # annotation as written above -> (test, words); plain values pass the first comparison
    "str": (lambda v: type(v) is str or isinstance(v, str), "text (an id)"),
    "int": (lambda v: type(v) is int or is_index(v), "a whole number (an index or id)"),
    "int | None": (lambda v: v is None or type(v) is int or is_index(v), "a whole number or None"),
    "bool": (lambda v: type(v) is bool or is_flag(v), "True or False"),
    "tuple[int, ...]": (lambda v: isinstance(v, (tuple, list)) and all(type(x) is int or is_index(x) for x in v),
                        "a tuple of whole numbers (one level index per issue)"),
}
_PLAIN = (str, int, bool, type(None))
_CLASS_TESTS: dict[type, tuple] = {}  # per action class: (field name, test, words), made once


def _class_tests(cls: type) -> tuple:
    tests = _CLASS_TESTS.get(cls)
    if tests is None:
        tests = tuple((f.name,) + _FIELD_TESTS[key] for f in fields(cls)
                      if (key := f.type if isinstance(f.type, str) else getattr(f.type, "__name__", ""))
                      in _FIELD_TESTS)
        _CLASS_TESTS[cls] = tests
    return tests


def field_problem(action: Action) -> str | None:
    """Why a field of ``action`` has the wrong type (e.g. an issue given by id or as a float), or
    None. The rules refuse such an action with this reason rather than fail on it later."""
    for name, test, words in _class_tests(type(action)):
        value = getattr(action, name)
        if not test(value):
            return f"{type(action).__name__}.{name} must be {words}, not {value!r:.60}"
    return None


def plain(action: Action) -> Action:
    """The same action with plain Python values (numpy integers and bools become ``int`` and
    ``bool``, a list of levels a tuple), as the state and the saves record it."""
    changes: dict[str, Any] = {}
    for name, *_ in _class_tests(type(action)):
        value = getattr(action, name)
        kind = type(value)
        if kind in _PLAIN or (kind is tuple and all(type(v) is int for v in value)):
            continue  # already plain (the AI's moves, a typed command, a save)
        if isinstance(value, (tuple, list)):
            changes[name] = tuple(int(v) for v in value)
        elif hasattr(value, "item") and not isinstance(value, (str, int)):
            changes[name] = value.item()
    return replace(action, **changes) if changes else action


class ActionFormatError(ValueError):
    """An action record in a save or replay is not well formed."""


def from_dict(data: dict[str, Any]) -> Action:
    """Rebuild an action from :meth:`Action.to_dict` output; raises ActionFormatError."""
    if not isinstance(data, dict) or data.get("kind") not in ACTION_TYPES:
        raise ActionFormatError(f"unknown action record: {data!r:.80}")
    cls = ACTION_TYPES[data["kind"]]
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        kwargs[f.name] = tuple(value) if isinstance(value, list) else value
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise ActionFormatError(str(exc)) from exc
