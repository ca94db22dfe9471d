"""What one actor may see: the only door from the state to the AI and the UI.

A :class:`View` carries the public scenario (others' confidential instructions,
objectives, true outside options and undeclared red lines removed), the public
state, the offers and log entries the viewer was party to, and the actor table as
the viewer knows it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

import numpy as np
from pydantic import BaseModel

from game.engine.model import NEG_INF, POS_INF, Model
from game.engine.state import Draft, GameState, LogEntry, Offer
from game.engine.table import ActorTable, build_table

_PUBLIC_CACHE: dict[tuple[int, int], tuple[Model, Model]] = {}


def public_model(model: Model, viewer: int | None) -> Model:
    """The model with every other actor's secrets removed (cached per model object). Its
    scenario is read-only all the way down (lists and dicts included, see :func:`read_only`):
    it is shared by every view of that seat, in this game and the next ones in the process."""
    key = (id(model), -1 if viewer is None else viewer)
    cached = _PUBLIC_CACHE.get(key)
    if cached is not None and cached[0] is model:  # ids are reused once a model is freed
        return cached[1]
    sc = model.scenario
    public_actors, draws, rest = _public_parts(model)
    actors = list(public_actors)
    if viewer is not None:
        actors[viewer] = read_only(sc.actors[viewer])
    scenario = sc.model_copy(update={**rest, "actors": ReadOnlyList(actors), "hidden_draws": draws})
    pub = _derived_model(model, scenario, viewer)
    if len(_PUBLIC_CACHE) > 256:
        _PUBLIC_CACHE.clear()
    _PUBLIC_CACHE[key] = (model, pub)
    return pub


_READ_ONLY = ("the scenario of a view is read-only (it is shared by every view, in this game and the "
              "next ones): copy what you want to change, e.g. list(x), dict(x) or copy.deepcopy(x)")


def _refuse(self, *args, **kwargs):
    raise TypeError(_READ_ONLY)


class ReadOnlyList(list):
    """A list that cannot be changed (reading, ``+``, ``copy()`` and ``list(x)`` work; a copy or
    a deep copy is a plain list)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __copy__(self) -> list:
        return list(self)

    def __deepcopy__(self, memo) -> list:
        return [copy.deepcopy(x, memo) for x in self]

    def __reduce__(self):
        return list, (list(self),)


class ReadOnlyDict(dict):
    """A dict that cannot be changed (a copy or a deep copy is a plain dict)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __copy__(self) -> dict:
        return dict(self)

    def __deepcopy__(self, memo) -> dict:
        return {copy.deepcopy(k, memo): copy.deepcopy(v, memo) for k, v in self.items()}

    def __reduce__(self):
        return dict, (dict(self),)


def read_only(value):
    """``value`` (a scenario, or a part of one) with every list and dict in it made read-only:
    the (frozen) pydantic models that hold one are copied, the others are shared."""
    if isinstance(value, (ReadOnlyList, ReadOnlyDict)):
        return value
    if isinstance(value, BaseModel):
        changed = {}
        for name, v in value.__dict__.items():
            if isinstance(v, (list, dict, tuple, BaseModel)):
                new = read_only(v)
                if new is not v:
                    changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, list):
        return ReadOnlyList(read_only(v) for v in value)
    if isinstance(value, dict):
        return ReadOnlyDict({k: read_only(v) for k, v in value.items()})
    if isinstance(value, tuple):
        items = tuple(read_only(v) for v in value)
        return value if all(a is b for a, b in zip(items, value)) else items
    return value


_PARTS_CACHE: dict[int, tuple[Model, tuple, tuple, dict]] = {}


def _public_parts(model: Model) -> tuple[tuple, ReadOnlyList, dict]:
    """Every actor's public copy, the hidden draws without their effects and the scenario's
    other lists and dicts, all read-only: the same for every viewer, so made once per model
    rather than once per seat."""
    cached = _PARTS_CACHE.get(id(model))
    if cached is not None and cached[0] is model:
        return cached[1], cached[2], cached[3]
    sc = model.scenario
    actors = []
    for a in sc.actors:
        public = a.outside_option if a.outside_option_public is None else a.outside_option_public
        actors.append(read_only(a.model_copy(update={
            "confidential": "", "objectives": [], "red_lines": [], "outside_option": public,
            "outside_option_public": public, "notes": "",
        })))
    draws = ReadOnlyList(read_only(d.model_copy(update={"options": [
        o.model_copy(update={"effects": []}) for o in d.options]})) for d in sc.hidden_draws)
    rest = {name: read_only(v) for name, v in sc.__dict__.items()
            if name not in ("actors", "hidden_draws") and isinstance(v, (list, dict, BaseModel))}
    if len(_PARTS_CACHE) > 64:
        _PARTS_CACHE.clear()
    _PARTS_CACHE[id(model)] = (model, tuple(actors), draws, rest)
    return tuple(actors), draws, rest


def _derived_model(model: Model, scenario, viewer: int | None) -> Model:
    """What ``build_model(scenario)`` gives for the public scenario, from the full model's
    arrays: the public scenario differs only in others' outside options (now the public
    ones) and red lines (none), so only those numbers change.
    ``tests/test_ai_fast_paths.py`` checks it against ``build_model``."""
    outside = model.outside_public.copy()
    red_lo = np.full_like(model.red_lo, NEG_INF)
    red_hi = np.full_like(model.red_hi, POS_INF)
    if viewer is not None:
        outside[viewer] = model.outside[viewer]
        red_lo[viewer], red_hi[viewer] = model.red_lo[viewer], model.red_hi[viewer]
    pub = replace(
        model, scenario=scenario, n_levels=model.n_levels.copy(), span=model.span.copy(),
        baseline=model.baseline.copy(), weight=model.weight.copy(),
        promise_weight=model.promise_weight.copy(), promise_mask=model.promise_mask.copy(),
        ideal=model.ideal.copy(), salience=model.salience.copy(), capability=model.capability.copy(),
        reliability=model.reliability.copy(), outside=outside, outside_public=model.outside_public.copy(),
        affinity=model.affinity.copy(), red_lo=red_lo, red_hi=red_hi,
    )
    # Read-only: the public model is cached per seat and shared by every view of that seat (in
    # this game and the next ones in the process), so a player writing into ``view.model`` must
    # fail here rather than change what the next player in that seat sees.
    for value in vars(pub).values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    return pub


_LOGS: dict[int, tuple[tuple, tuple]] = {}


def _visible_log(log: tuple[LogEntry, ...], viewer: int) -> tuple[LogEntry, ...]:
    """The entries ``viewer`` saw. The log only grows, so the last answer for this viewer
    is extended when it is a prefix (checked: any other log is filtered afresh)."""
    cached = _LOGS.get(viewer)
    if cached is not None:
        old, seen = cached
        n = len(old)
        if len(log) >= n and log[:n] == old:
            if len(log) > n:
                seen = seen + tuple(e for e in log[n:] if e.seen_by(viewer))
                _LOGS[viewer] = (log, seen)
            return seen
    seen = tuple(e for e in log if e.seen_by(viewer))
    if len(_LOGS) > 1024:
        _LOGS.clear()
    _LOGS[viewer] = (log, seen)
    return seen


@dataclass(frozen=True, eq=False)
class View:
    viewer: int
    model: Model  # public model (own secrets kept)
    state_round: int
    phase: str
    turn: int
    chair: int
    actors: tuple
    drafts: tuple[Draft, ...]
    offers: tuple[Offer, ...]
    log: tuple[LogEntry, ...]
    signatures: tuple[int, ...]
    on_table: int | None
    communiques: tuple
    table: ActorTable
    draws: tuple = ()  # revealed only when the game has ended

    @property
    def me(self) -> str:
        return self.model.actor_ids[self.viewer]

    @property
    def my_turn(self) -> bool:
        return self.turn == self.viewer

    def draft(self, draft_id: int) -> Draft | None:
        return next((d for d in self.drafts if d.id == draft_id), None)

    def pending_offers(self) -> list[Offer]:
        return [o for o in self.offers if o.target == self.viewer and o.status == "pending"]


def make_view(model: Model, state: GameState, viewer: int) -> View:
    pub = public_model(model, viewer)
    offers = tuple(o for o in state.offers if viewer in (o.giver, o.target))
    log = _visible_log(state.log, viewer)
    ended = state.phase == "ended"
    # The state carries every adjustment; the view table applies only the visible ones.
    table = build_table(pub, state, viewer)
    return View(
        viewer=viewer, model=pub, state_round=state.round, phase=state.phase, turn=state.turn,
        chair=state.chair, actors=state.actors, drafts=state.drafts, offers=offers, log=log,
        signatures=state.signatures, on_table=state.on_table, communiques=state.communiques,
        table=table, draws=state.draws if ended else (),
    )


def replace_view(view: View, **changes) -> View:
    return replace(view, **changes)
