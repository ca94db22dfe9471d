"""Applying an action: one small handler per kind, each returning a new state.

``apply`` checks the action first and raises :class:`IllegalAction` with the
rule's reason; ``try_apply`` returns the refusal as a value instead. The input
state is never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from game.engine import actions as A
from game.engine import rng as R
from game.engine.flow import _with, advance, can_act
from game.engine.model import Model
from game.engine.rules import check, cost
from game.engine.state import (
    BOYCOTTING, DIPLOMACY, PRESENT, WALKED_OUT, Adjustment, Draft, GameState, LogEntry, Offer,
)
from game.engine.table import build_table


class IllegalAction(ValueError):
    """An action the rules refuse; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Outcome:
    state: GameState
    events: tuple[LogEntry, ...]
    rejected: str | None = None


def apply(model: Model, state: GameState, action: A.Action) -> tuple[GameState, tuple[LogEntry, ...]]:
    """Apply a legal action; return the new state and the log entries it produced."""
    reason = check(model, state, action)
    if reason is not None:
        raise IllegalAction(reason)
    action = A.plain(action)  # numpy integers from a bot's arrays: plain ints in the state
    me = model.actor_index(action.actor)
    new = _HANDLERS[action.kind](model, state, me, action)
    if not action.free or (new.phase == DIPLOMACY and not can_act(model, new, me)):
        # a free action keeps the turn while the mover can still act: a delegation called back
        # to answer offers hands the turn on with its last answer
        new = advance(model, new)
    new = new.evolve(steps=state.steps + 1)
    return new, new.log[len(state.log):]


def try_apply(model: Model, state: GameState, action: A.Action) -> Outcome:
    try:
        new, events = apply(model, state, action)
    except IllegalAction as exc:
        return Outcome(state, (), exc.reason)
    return Outcome(new, events)


def _name(model: Model, i: int) -> str:
    return model.scenario.actors[i].name


def _spend(model: Model, state: GameState, me: int, kind: str, **changes) -> tuple:
    actors = list(state.actors)
    actors[me] = _with(actors[me], ap=actors[me].ap - cost(model, kind), **changes)
    return tuple(actors)


def _log(state: GameState, *entries: LogEntry) -> tuple[LogEntry, ...]:
    return state.log + entries


def describe_levels(model: Model, levels: tuple[int, ...]) -> str:
    return "; ".join(f"{model.scenario.issues[k].name}: {model.level_name(k, lv)}"
                     for k, lv in enumerate(levels))


def _table(model, state, me, action):
    draft = Draft(id=state.next_id, author=me, levels=tuple(action.levels), round=state.round,
                  title=action.title or f"Draft {state.next_id} ({model.scenario.actors[me].short})",
                  endorse=frozenset({me}))
    entry = LogEntry(state.round, "table", f"{_name(model, me)} tables draft {draft.id}: "
                     f"{describe_levels(model, draft.levels)}", (me,), data=(("draft", draft.id),))
    return state.evolve(drafts=state.drafts + (draft,), next_id=state.next_id + 1,
                        actors=_spend(model, state, me, "table"), log=_log(state, entry))


def _amend(model, state, me, action):
    parent = state.draft(action.draft)
    levels = list(parent.levels)
    levels[action.issue] = action.level
    draft = Draft(id=state.next_id, author=me, levels=tuple(levels), round=state.round,
                  title=f"Draft {state.next_id} (amends {parent.id})", parent=parent.id,
                  endorse=frozenset({me}))
    issue = model.scenario.issues[action.issue]
    entry = LogEntry(state.round, "amend", f"{_name(model, me)} amends draft {parent.id} as draft "
                     f"{draft.id}: {issue.name} to '{model.level_name(action.issue, action.level)}'",
                     (me,), data=(("draft", draft.id), ("parent", parent.id)))
    return state.evolve(drafts=state.drafts + (draft,), next_id=state.next_id + 1,
                        actors=_spend(model, state, me, "amend"), log=_log(state, entry))


def _endorse(model, state, me, action):
    draft = state.draft(action.draft)
    if action.kind == "endorse":
        new = replace(draft, endorse=draft.endorse | {me}, oppose=draft.oppose - {me})
    else:
        new = replace(draft, oppose=draft.oppose | {me}, endorse=draft.endorse - {me})
    drafts = tuple(new if d.id == draft.id else d for d in state.drafts)
    verb = "endorses" if action.kind == "endorse" else "opposes"
    entries = [LogEntry(state.round, action.kind, f"{_name(model, me)} {verb} draft {draft.id}", (me,),
                        data=(("draft", draft.id),))]
    offers, actors = state.offers, _spend(model, state, me, action.kind)
    if action.kind == "oppose":
        offers, actors, broken = _break_endorse_offers(model, state, me, draft.id, actors)
        entries.extend(broken)
    return state.evolve(drafts=drafts, actors=actors, offers=offers, log=_log(state, *entries))


def _break_endorse_offers(model, state, me, draft_id, actors):
    offers, entries, actors = [], [], list(actors)
    for o in state.offers:
        if o.target == me and o.status == "accepted" and o.condition == "endorse" and o.draft == draft_id:
            o = replace(o, status="broken")
            actors[me] = _with(actors[me], reputation=max(
                0.0, actors[me].reputation - model.scenario.settings.breach_penalty))
            entries.append(LogEntry(state.round, "breach", f"{_name(model, me)} broke its promise to "
                                    f"{_name(model, o.giver)} to endorse draft {draft_id}",
                                    (me, o.giver), frozenset({me, o.giver})))
        offers.append(o)
    return tuple(offers), tuple(actors), entries


def lobby_effect(model: Model, state: GameState, me: int, target: int, issue: int) -> tuple[float, float]:
    """(step toward the lobbyist's ideal, chance of backfire) as the lobbyist sees it."""
    sc = model.scenario.settings
    table = build_table(model, state, me)
    aff = float(table.affinity[target, me])
    gap = float(table.ideal[me, issue] - table.ideal[target, issue])
    strength = sc.lobby_strength * (0.4 + 0.6 * table.capability[me]) * (1 - table.salience[target, issue])
    strength *= 0.5 + 0.5 * max(aff, -0.5) + 0.25
    if any(k == issue for k, _, _ in state.actors[target].declared):
        strength *= 0.5
    step = float(np.sign(gap) * min(abs(gap), strength))
    backfire = min(0.9, 0.05 + sc.backfire * max(0.0, -aff))
    return step, backfire


BACKFIRES = "it backfires"  # how a lobby's log line ends when it backfired (the debrief's awards read it)


def _lobby(model, state, me, action):
    target = model.actor_index(action.target)
    step, backfire = lobby_effect(model, state, me, target, action.issue)
    u, rng = R.draw(state.rng)
    failed = u < backfire
    delta = -0.5 * step if failed else step
    seen = frozenset({me, target})
    adj = Adjustment("ideal", target, delta, issue=action.issue, visible=seen)
    issue = model.scenario.issues[action.issue].name
    result = (BACKFIRES if failed else "no movement" if delta == 0
              else f"{_name(model, target)}'s position moves")
    entry = LogEntry(state.round, "lobby", f"{_name(model, me)} lobbies {_name(model, target)} on "
                     f"{issue}: {result}", (me, target), seen,
                     data=(("issue", action.issue), ("delta", round(delta, 3))))
    return state.evolve(adjustments=state.adjustments + (adj,), rng=rng,
                        actors=_spend(model, state, me, "lobby"), log=_log(state, entry))


def _offer(model, state, me, action):
    target = model.actor_index(action.target)
    offer = Offer(id=state.next_id, giver=me, target=target, kind=action.offer,
                  condition=action.condition, draft=action.draft, round=state.round)
    kind = next(o for o in model.scenario.actors[me].offers if o.id == action.offer)
    ask = "to sign the final text" if action.condition == "sign" else f"to endorse draft {action.draft}"
    entry = LogEntry(state.round, "offer", f"{_name(model, me)} privately offers {_name(model, target)} "
                     f"'{kind.name}' {ask} (offer {offer.id})", (me, target), frozenset({me, target}),
                     data=(("offer", offer.id),))
    return state.evolve(offers=state.offers + (offer,), next_id=state.next_id + 1,
                        actors=_spend(model, state, me, "offer"), log=_log(state, entry))


def _respond(model, state, me, action):
    offer = state.offer(action.offer)
    status = "accepted" if action.accept else "rejected"
    offers = tuple(replace(o, status=status) if o.id == offer.id else o for o in state.offers)
    seen = frozenset({offer.giver, me})
    entries = [LogEntry(state.round, "respond", f"{_name(model, me)} {status} offer {offer.id} from "
                        f"{_name(model, offer.giver)}", (me, offer.giver), seen,
                        data=(("offer", offer.id), ("accept", action.accept)))]
    drafts = state.drafts
    if action.accept and offer.condition == "endorse":
        d = state.draft(offer.draft)
        new = replace(d, endorse=d.endorse | {me}, oppose=d.oppose - {me})
        drafts = tuple(new if x.id == d.id else x for x in drafts)
        entries.append(LogEntry(state.round, "endorse", f"{_name(model, me)} endorses draft {d.id}",
                                (me,), data=(("draft", d.id),)))
    return state.evolve(offers=offers, drafts=drafts, log=_log(state, *entries))


def _red_line(model, state, me, action):
    lo, hi = (action.level, 1e9) if action.direction == "at_least" else (-1e9, action.level)
    declared = state.actors[me].declared + ((action.issue, float(lo), float(hi)),)
    word = "at least" if action.direction == "at_least" else "at most"
    issue = model.scenario.issues[action.issue]
    entry = LogEntry(state.round, "red_line", f"{_name(model, me)} declares a red line: it will sign "
                     f"only if {issue.name} is {word} '{model.level_name(action.issue, action.level)}'",
                     (me,), data=(("issue", action.issue), ("level", action.level),
                                  ("direction", action.direction)))
    return state.evolve(actors=_spend(model, state, me, "red_line", declared=declared),
                        log=_log(state, entry))


def _walk_out(model, state, me, action):
    actors = list(state.actors)
    actors[me] = _with(actors[me], status=WALKED_OUT, ap=0, done=True)
    entry = LogEntry(state.round, "walk_out", f"{_name(model, me)} walks out of the talks", (me,))
    return state.evolve(actors=tuple(actors), log=_log(state, entry))


def _return(model, state, me, action):
    actors = list(state.actors)
    was = actors[me].status
    actors[me] = _with(actors[me], status=PRESENT, ap=actors[me].ap - cost(model, "return"),
                       reputation=max(0.0, actors[me].reputation - model.scenario.settings.return_cost))
    how = "ends its boycott and takes its seat" if was == BOYCOTTING else "returns to the table"
    entry = LogEntry(state.round, "return", f"{_name(model, me)} {how}", (me,))
    return state.evolve(actors=tuple(actors), log=_log(state, entry))


def _pass(model, state, me, action):
    """Done for the round; the offers still waiting for an answer from ``me`` lapse (passing
    is how a delegation declines to answer: giver and receiver are told privately)."""
    actors = list(state.actors)
    actors[me] = _with(actors[me], done=True)
    entries = [LogEntry(state.round, "pass", f"{_name(model, me)} passes", (me,))]
    offers = state.offers
    waiting = [o for o in offers if o.target == me and o.status == "pending"]
    if waiting:
        entries += [LogEntry(state.round, "offer_expired", f"Offer {o.id} from {_name(model, o.giver)} to "
                             f"{_name(model, me)} lapsed: {_name(model, me)} passed without answering",
                             (o.giver, me), frozenset({o.giver, me}), data=(("offer", o.id),))
                    for o in waiting]
        offers = tuple(replace(o, status="expired") if o in waiting else o for o in offers)
    return state.evolve(actors=tuple(actors), offers=offers, log=_log(state, *entries))


def _communique(model, state, me, action):
    draft = state.draft(action.draft)
    present = [i for i, a in enumerate(state.actors) if a.status == PRESENT]
    issued = all(i in draft.endorse for i in present) and not (draft.oppose & set(present))
    holdouts = [model.scenario.actors[i].name for i in present if i not in draft.endorse]
    text = (f"Joint communiqué adopted on draft {draft.id}" if issued else
            f"No joint communiqué: no consensus on draft {draft.id} (not endorsed by "
            f"{', '.join(holdouts)})")
    entry = LogEntry(state.round, "communique", text, (me,),
                     data=(("draft", draft.id), ("issued", issued)))
    return state.evolve(communiques=state.communiques + ((state.round, draft.id, issued),),
                        log=_log(state, entry))


def _put(model, state, me, action):
    draft = state.draft(action.draft)
    entry = LogEntry(state.round, "put", f"The chair puts draft {draft.id} to signature: "
                     f"{describe_levels(model, draft.levels)}", (me,), data=(("draft", draft.id),))
    return state.evolve(on_table=draft.id, log=_log(state, entry))


def _sign(model, state, me, action):
    sigs = list(state.signatures)
    sigs[me] = 1 if action.sign else 0
    verb = "signs" if action.sign else "does not sign"
    entry = LogEntry(state.round, "sign", f"{_name(model, me)} {verb}", (me,),
                     data=(("signed", action.sign),))
    return state.evolve(signatures=tuple(sigs), log=_log(state, entry))


_HANDLERS: dict[str, Callable] = {
    "table": _table, "amend": _amend, "endorse": _endorse, "oppose": _endorse, "lobby": _lobby,
    "offer": _offer, "respond": _respond, "red_line": _red_line, "walk_out": _walk_out,
    "return": _return, "pass": _pass, "communique": _communique, "put_to_signature": _put,
    "sign": _sign,
}
