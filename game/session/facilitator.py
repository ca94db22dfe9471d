"""The facilitator's controls on a match (the teacher's sandbox), as small pure helpers.

A facilitated match is an ordinary :class:`~game.session.match.Match` with a
:class:`Record` attached (``match.facilitator``) that holds what the engine's
action list cannot: the *injects* (news released by the facilitator, each with
the number of actions played before it), the minutes per phase of the timer, and
the forks made so far. Everything else is the match's own action list.

* :func:`inject_event` / :func:`inject_news` return a new state with a public
  news entry appended and the effects applied (the engine state is frozen);
  :func:`apply_inject` applies an :class:`Inject` to a match and records it.
* :func:`payload` is ``match.to_payload()`` plus a ``"facilitator"`` key;
  :func:`rebuild` replays a payload, re-applying each inject after the number
  of actions it was made at; :func:`load` / :func:`save` do the same for files
  (a save without the key loads as before, and the extra key is ignored by
  :func:`game.session.saves.load_match`).
* :func:`undo` rebuilds the match without its last action (or its last inject);
  :func:`fork` goes back to the start of a round and returns the abandoned
  branch's payload (:func:`save_branch` writes it next to the autosaves);
  :func:`end_phase` makes the delegations still to move pass (or, at the
  summit, decline).
* :class:`PhaseTimer` counts down the minutes of each phase.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from game.engine import actions as A
from game.engine import flow
from game.engine.rules import RULES_EDITION
from game.engine.state import DIPLOMACY, ENDED, SIGNING, GameState, LogEntry
from game.scenarios.schema import Effect, Scenario
from game.session.match import (  # noqa: F401 (PRIVATE_KINDS and describe re-exported)
    PRIVATE_KINDS, Match, describe, earlier_scenarios, earlier_upto, refused_on_replay)

KEY = "facilitator"


# --------------------------------------------------------------------------- records

@dataclass(frozen=True)
class Inject:
    """News released by the facilitator after ``at`` actions of the match.

    ``kind`` is ``"event"`` (one of the scenario's events, by id) or ``"news"``
    (a typed headline and text, with optional effects in the scenario's effect
    format: ``{"actor", "field", "issue", "other", "delta", "value"}``).
    """

    at: int
    kind: str
    event: str = ""
    headline: str = ""
    text: str = ""
    effects: tuple[dict, ...] = ()

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"at": self.at, "kind": self.kind}
        if self.event:
            out["event"] = self.event
        if self.headline:
            out["headline"] = self.headline
        if self.text:
            out["text"] = self.text
        if self.effects:
            out["effects"] = [dict(e) for e in self.effects]
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Inject:
        kind = str(data.get("kind", ""))
        if kind not in ("event", "news"):
            raise ValueError(f"unknown inject kind '{kind}'")
        return cls(at=int(data["at"]), kind=kind, event=str(data.get("event", "")),
                   headline=str(data.get("headline", "")), text=str(data.get("text", "")),
                   effects=tuple(dict(e) for e in data.get("effects", ()) or ()))

    def label(self, scenario: Scenario | None = None) -> str:
        if self.kind == "event" and scenario is not None:
            ev = next((e for e in scenario.events if e.id == self.event), None)
            return ev.title if ev else self.event
        return self.headline or self.event


@dataclass
class Record:
    """What a facilitated match keeps beside its actions (saved under the payload's ``facilitator`` key)."""

    injects: list[Inject] = field(default_factory=list)
    minutes: float = 0.0  # timer: minutes per phase (0: no timer)
    forks: list[dict] = field(default_factory=list)  # {"round", "at", "branch", "abandoned"}

    def to_dict(self) -> dict:
        return {"version": 1, "injects": [i.to_dict() for i in self.injects], "minutes": self.minutes,
                "forks": [dict(f) for f in self.forks]}

    @classmethod
    def from_dict(cls, data: dict | None) -> Record:
        data = data or {}
        if not isinstance(data, dict):
            raise ValueError("the facilitator record is not an object")
        injects = sorted((Inject.from_dict(d) for d in data.get("injects", []) or []), key=lambda i: i.at)
        return cls(injects=injects, minutes=float(data.get("minutes", 0) or 0),
                   forks=[dict(f) for f in data.get("forks", []) or []])


def record_of(match: Match) -> Record | None:
    """The facilitator record of a match, or None for an ordinary match."""
    rec = getattr(match, KEY, None)
    return rec if isinstance(rec, Record) else None


def facilitate(match: Match, record: Record | None = None) -> Record:
    """Make ``match`` a facilitated match (idempotent); returns its record."""
    rec = record_of(match)
    if rec is None:
        rec = record or Record()
        setattr(match, KEY, rec)
    return rec


# --------------------------------------------------------------------------- injects (pure)

def _effect(scenario: Scenario, data: dict | Effect) -> Effect:
    eff = data if isinstance(data, Effect) else Effect(**data)
    ids = {a.id for a in scenario.actors}
    if eff.actor != "*" and eff.actor not in ids:
        raise ValueError(f"an effect names an actor '{eff.actor}' that is not in the scenario")
    if eff.other and eff.other not in ids:
        raise ValueError(f"an effect names an actor '{eff.other}' that is not in the scenario")
    if eff.issue and eff.issue not in {i.id for i in scenario.issues}:
        raise ValueError(f"an effect names an issue '{eff.issue}' that is not in the scenario")
    if eff.field == "chair" and str(eff.value) not in ids:
        raise ValueError(f"the new chair '{eff.value}' is not in the scenario")
    return eff


def apply_effects(model, state: GameState, effects) -> GameState:
    """Apply effects (the scenario's effect format, checked first) publicly, as a news event does."""
    state = flow.apply_effects(model, state, [_effect(model.scenario, raw) for raw in effects])
    if state.phase == DIPLOMACY and state.turn >= 0 and not flow.can_act(model, state, state.turn):
        state = flow.advance(model, state)  # the delegation to move can no longer act
    return state


def inject_news(model, state: GameState, headline: str, text: str = "", effects=()) -> GameState:
    """A new state with a public news entry (``headline``, ``text``) appended and ``effects`` applied."""
    headline = " ".join(str(headline).split())
    if not headline:
        raise ValueError("a news inject needs a headline")
    if state.phase == ENDED:
        raise ValueError("the game is over")
    entry = LogEntry(state.round, "event", headline,
                     data=(("text", str(text).strip()), ("source", ""), ("inject", "news")))
    state = state.evolve(log=state.log + (entry,))
    return apply_effects(model, state, effects)


def inject_event(model, state: GameState, event_id: str) -> GameState:
    """A new state in which the scenario's event ``event_id`` happens now (publicly).

    The event is marked as fired, so the engine does not fire it again on its date.
    """
    if state.phase == ENDED:
        raise ValueError("the game is over")
    ev = next((e for e in model.scenario.events if e.id == event_id), None)
    if ev is None:
        raise ValueError(f"the scenario has no event '{event_id}'")
    entry = LogEntry(state.round, "event", f"{ev.date:%d %b %Y}: {flow.event_title(ev)} - released now",
                     data=(("event", ev.id), ("text", ev.text), ("source", ev.source), ("inject", "event")))
    fired = state.fired if ev.id in state.fired else state.fired + (ev.id,)
    state = state.evolve(log=state.log + (entry,), fired=fired)
    return apply_effects(model, state, ev.effects)


def apply_to_state(model, state: GameState, inject: Inject) -> GameState:
    if inject.kind == "event":
        return inject_event(model, state, inject.event)
    return inject_news(model, state, inject.headline, inject.text, inject.effects)


def apply_inject(match: Match, inject: Inject) -> Inject:
    """Apply ``inject`` to the match now (its ``at`` is set to the actions played) and record it."""
    inject = replace(inject, at=len(match.actions))
    match.state = apply_to_state(match.game.model, match.state, inject)
    facilitate(match).injects.append(inject)
    return inject


def event_inject(event_id: str) -> Inject:
    return Inject(at=0, kind="event", event=event_id)


def news_inject(headline: str, text: str = "", effects=()) -> Inject:
    return Inject(at=0, kind="news", headline=" ".join(str(headline).split()), text=str(text).strip(),
                  effects=tuple(dict(e) for e in effects))


def available_events(match: Match) -> list[tuple[Any, bool]]:
    """The scenario's events with whether each has already happened (fired on its date or been
    injected). A counterfactual whose chance was drawn and missed did not happen: it can still
    be released (``state.fired`` holds it too, only so that the engine does not draw it again)."""
    happened = set(flow.happened_events(match.state))
    return [(ev, ev.id in happened) for ev in sorted(match.scenario.events, key=lambda e: (e.date, e.id))]


# --------------------------------------------------------------------------- payloads and replays

def payload(match: Match) -> dict:
    """``match.to_payload()`` with the facilitator record (if any) under the ``facilitator`` key."""
    p = match.to_payload()
    rec = record_of(match)
    if rec is not None:
        p[KEY] = rec.to_dict()
    return p


def rebuild(data: dict, scenario: Scenario, upto: int | None = None, injects: list[Inject] | None = None,
            on_state: Callable[[int, GameState], None] | None = None) -> Match:
    """Replay a payload's first ``upto`` actions, re-applying each inject after its ``at`` actions.

    ``injects`` overrides the payload's list; injects made after more than ``upto``
    actions are dropped. ``on_state(n, state)`` sees the state before action ``n``
    (and the final state, with ``n`` = the number of actions). Raises ValueError
    when an action or an inject is refused on replay.
    """
    base = dict(data)
    records = list(data.get("actions", []))
    if upto is not None:
        records = records[:upto]
    base["actions"] = []
    match = Match.from_payload(base, scenario)
    has_record = KEY in data or injects is not None
    rec = Record.from_dict(data.get(KEY)) if KEY in data else Record()
    pending = sorted(rec.injects if injects is None else injects, key=lambda i: i.at)
    kept: list[Inject] = []
    model = match.game.model

    def apply_due(n: int) -> None:
        while pending and pending[0].at <= n:
            inj = pending.pop(0)
            try:
                match.state = apply_to_state(model, match.state, inj)
            except ValueError as exc:
                raise ValueError(f"inject '{inj.label(scenario)}' after {inj.at} actions cannot be applied: "
                                 f"{exc}") from exc
            kept.append(inj)

    for n, record in enumerate(records):
        apply_due(n)
        if on_state is not None:
            on_state(n, match.state)
        action = A.from_dict(record)
        outcome = match.submit(action)
        if outcome.rejected is not None:
            raise ValueError(refused_on_replay(match, n, action, outcome.rejected))
    apply_due(len(records))
    match.earlier_scenarios = earlier_upto(earlier_scenarios(data), len(records))  # after going back
    if on_state is not None:
        on_state(len(records), match.state)
    if has_record:
        rec.injects = kept
        setattr(match, KEY, rec)
    return match


def states(match: Match) -> list[GameState]:
    """The state before each action of the match and the final one (injects included)."""
    out: list[GameState] = []
    rebuild(payload(match), match.scenario, on_state=lambda n, st: out.append(st))
    return out


def save(match: Match, path: str | Path) -> None:
    from game.session.store import write_save

    write_save(path, payload(match))


def load(path: str | Path, current_scenario: bool = False) -> Match:
    """Load a save, facilitated or not (raises :class:`game.session.store.SaveFileError`);
    ``current_scenario`` as in :func:`game.session.saves.load_match`."""
    from game.session.saves import earlier_rules, is_builtin_ref, load_match, moves_refused, read_game_payload
    from game.session.store import SaveCorrupt

    data = read_game_payload(path)
    if KEY not in data:
        return load_match(path, current_scenario=current_scenario)
    start = load_match(path, upto=0, current_scenario=current_scenario)  # checks the scenario's version and content
    changed = start.earlier_scenarios[len(earlier_scenarios(data)):]  # the version played on, if played again
    try:
        match = rebuild(data, start.scenario)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        edition = data.get("rules", 1)
        if isinstance(edition, int) and not isinstance(edition, bool) and edition < RULES_EDITION and not changed:
            raise earlier_rules(path, first) from None  # the rules changed, not the scenario
        if changed:
            raise moves_refused(path, start.scenario.id, changed[-1]["version"], start.scenario.version,
                                first, is_builtin_ref(data["scenario"].get("ref") or start.scenario.id)) from None
        raise SaveCorrupt(f"{path}: the save's facilitator record cannot be replayed ({first})", path)
    # the version it was played on made every move replayed here (``start`` replayed none of them)
    match.earlier_scenarios += [dict(c, moves=len(match.actions)) for c in changed]
    match.reworded_from = start.reworded_from  # changed in its words only: loaded without asking
    return match


# --------------------------------------------------------------------------- undo, forks, ending a phase


def undo(match: Match, public: bool = False) -> tuple[Match, str] | None:
    """The match without its last action (or its last inject, if that came later); None if nothing to undo.

    The text says what was undone (with ``public``, without naming a private move: it may be projected).
    """
    rec = record_of(match)
    n = len(match.actions)
    injects = list(rec.injects) if rec else []
    if injects and injects[-1].at >= n:
        gone = injects.pop()
        what = f"the news '{gone.label(match.scenario)}'"
        upto = n
    elif n:
        what = describe(match, match.actions[-1], public)
        upto = n - 1
        injects = [i for i in injects if i.at <= upto]
    else:
        return None
    data = payload(match)
    if rec is None:
        data.pop(KEY, None)
        return Match.from_payload(data, match.scenario, upto=upto), what
    return rebuild(data, match.scenario, upto=upto, injects=injects), what


def round_starts(match: Match) -> dict[int, int]:
    """For each round reached so far: the number of actions played before its first move."""
    starts: dict[int, int] = {}

    def seen(n: int, st: GameState) -> None:
        if st.phase != ENDED:
            starts.setdefault(st.round, n)

    rebuild(payload(match), match.scenario, on_state=seen)
    return starts


def fork(match: Match, round_index: int) -> tuple[Match, dict]:
    """Go back to the start of round ``round_index``: (the new match, the abandoned branch's payload)."""
    starts = round_starts(match)
    if round_index not in starts:
        raise ValueError(f"round {round_index + 1} has not been reached")
    at = starts[round_index]
    abandoned = payload(match)
    rec = record_of(match) or Record()
    injects = [i for i in rec.injects if i.at < at]
    data = dict(abandoned)
    data[KEY] = Record(injects=[], minutes=rec.minutes, forks=list(rec.forks)).to_dict()
    new = rebuild(data, match.scenario, upto=at, injects=injects)
    facilitate(new).forks.append({"round": round_index, "at": at, "abandoned": len(match.actions)})
    return new, abandoned


def branch_path(folder: str | Path, round_index: int, now: _dt.datetime | None = None) -> Path:
    """A new file name for an abandoned branch (not an ``autosave-NNNN`` name, so it is never pruned)."""
    now = now or _dt.datetime.now()
    folder = Path(folder)
    stem = f"branch-{now:%Y%m%d-%H%M%S}-before-round-{round_index + 1}"
    path = folder / f"{stem}.json"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.json"
        n += 1
    return path


_BRANCH = re.compile(r"^branch-.*\.json$")


def branches(folder: str | Path) -> list[Path]:
    """Saved abandoned branches in ``folder``, newest first."""
    folder = Path(folder)
    try:
        found = [p for p in folder.iterdir() if _BRANCH.match(p.name)]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def save_branch(data: dict, folder: str | Path, round_index: int) -> Path:
    from game.session.store import write_save

    path = branch_path(folder, round_index)
    write_save(path, data)
    return path


def end_phase(match: Match) -> list[A.Action]:
    """End the current phase now: the delegations still to move pass (at the summit: decline).

    Returns the actions submitted (they are ordinary actions: saved, replayed, undoable).
    """
    st = match.state
    done: list[A.Action] = []
    if match.over:
        return done
    if st.phase == SIGNING:
        if st.on_table is None:
            raise ValueError("the chair must put a draft to signature first")
        while not match.over and match.state.phase == SIGNING:
            action = A.Sign(match.to_move, sign=False)
            if match.submit(action).rejected is not None:
                break
            done.append(action)
        return done
    rnd = st.round
    while not match.over and match.state.phase == DIPLOMACY and match.state.round == rnd:
        action = A.Pass(match.to_move)
        if match.submit(action).rejected is not None:
            break
        done.append(action)
    return done


# --------------------------------------------------------------------------- the timer

@dataclass
class PhaseTimer:
    """A countdown of ``minutes`` per phase, restarted when the phase (round, phase) changes."""

    minutes: float = 0.0
    remaining: float = 0.0
    phase: tuple | None = None
    running: bool = True

    def set_minutes(self, minutes: float) -> None:
        self.minutes = max(0.0, min(120.0, float(minutes)))
        self.remaining = self.minutes * 60

    def restart(self) -> None:
        self.remaining = self.minutes * 60

    def tick(self, dt: float, phase: tuple, paused: bool = False) -> None:
        if phase != self.phase:
            self.phase = phase
            self.restart()
        if self.minutes > 0 and self.running and not paused:
            self.remaining = max(0.0, self.remaining - dt)

    @property
    def on(self) -> bool:
        return self.minutes > 0

    @property
    def expired(self) -> bool:
        return self.on and self.remaining <= 0

    def text(self) -> str:
        s = int(self.remaining + 0.999)
        return f"{s // 60:02d}:{s % 60:02d}"
