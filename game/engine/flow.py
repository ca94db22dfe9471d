"""Game flow: the start, rounds and their events, turn order, the end.

Turn order in a round: the chair first, then the scenario's order; an actor who
passed, spent its action points or is not a party is skipped. When nobody can
act, the round closes (pending offers expire) and the next one opens with its
events; after the final round's talks the chair puts a draft to signature and
every delegation at the table signs or declines in turn.
"""

from __future__ import annotations

from dataclasses import replace

from game.engine import rng as R
from game.engine.model import Model
from game.engine.state import (
    BOYCOTTING, DIPLOMACY, ENDED, NON_PARTY, PRESENT, SIGNING, WALKED_OUT, ActorState, Adjustment, Draft,
    GameState, LogEntry, Options,
)
from game.engine.table import build_table

_STATUS = {"party": PRESENT, "present": PRESENT, "boycotting": BOYCOTTING, "non_party": NON_PARTY,
           "walked_out": WALKED_OUT}


def new_game(model: Model, seed: int, options: Options = Options()) -> GameState:
    """The state at the start of the first round (hidden draws made, events fired)."""
    sc = model.scenario
    actors = tuple(ActorState(status=_STATUS[a.status], delegate=a.delegate.name) for a in sc.actors)
    drafts = tuple(
        Draft(id=n + 1, author=model.actor_index(d.author), levels=model.draft_levels(d.levels),
              round=0, title=d.title)
        for n, d in enumerate(sc.initial_drafts)
    )
    state = GameState(
        scenario_id=sc.id, seed=int(seed), options=options, round=0, phase=DIPLOMACY, turn=-1,
        actors=actors, chair=model.chair, rng=R.seed_state(seed), drafts=drafts,
        next_id=len(drafts) + 1, signatures=tuple(-1 for _ in sc.actors),
    )
    state = _hidden_draws(model, state)
    return start_round(model, state, 0)


def _hidden_draws(model: Model, state: GameState) -> GameState:
    """Make the scenario's hidden draws and the per-game private noise (secret adjustments)."""
    draws, adjustments, rng = [], list(state.adjustments), state.rng
    for draw in model.scenario.hidden_draws:
        u, rng = R.draw(rng)
        total = sum(o.probability for o in draw.options)
        acc, chosen = 0.0, draw.options[-1]
        for option in draw.options:
            acc += option.probability / total
            if u < acc:
                chosen = option
                break
        draws.append((draw.id, chosen.id))
        for eff in chosen.effects:
            adjustments.extend(_effect_adjustments(model, eff, secret=True))
    noise = model.scenario.settings.uncertainty
    if noise > 0:
        for a in range(model.n_actors):
            seen = frozenset({a})
            u, rng = R.draw(rng)
            adjustments.append(Adjustment("outside_option", a, (2 * u - 1) * noise, visible=seen))
            for k in range(model.n_issues):
                u, rng = R.draw(rng)
                adjustments.append(Adjustment("salience", a, (2 * u - 1) * noise, issue=k, visible=seen))
    return state.evolve(draws=tuple(draws), adjustments=tuple(adjustments), rng=rng)


def _effect_adjustments(model: Model, eff, secret: bool) -> list[Adjustment]:
    targets = range(model.n_actors) if eff.actor == "*" else [model.actor_index(eff.actor)]
    out = []
    for a in targets:
        if eff.field not in ("ideal", "salience", "outside_option", "capability", "reliability",
                             "affinity") or eff.delta is None:
            continue
        out.append(Adjustment(
            field=eff.field, actor=a, delta=float(eff.delta),
            issue=model.issue_index(eff.issue) if eff.issue else -1,
            other=model.actor_index(eff.other) if eff.other else -1,
            visible=frozenset({a}) if secret else None,
        ))
    return out


def start_round(model: Model, state: GameState, rnd: int) -> GameState:
    sc = model.scenario
    meeting = sc.rounds[rnd]
    ap = meeting.action_points or sc.settings.action_points
    log = [LogEntry(rnd, "round", f"{meeting.date:%d %b %Y}: {meeting.name}"
                    + (f", {meeting.place}" if meeting.place else ""))]
    state = state.evolve(round=rnd, phase=DIPLOMACY, actors=tuple(
        replace(a, ap=ap, done=a.status == NON_PARTY) for a in state.actors
    ))
    state, event_log = _fire_events(model, state, rnd)
    state = state.evolve(log=state.log + tuple(log) + event_log)
    return state.evolve(turn=_first_turn(model, state))


def _fire_events(model: Model, state: GameState, rnd: int) -> tuple[GameState, tuple[LogEntry, ...]]:
    mode = state.options.events
    if mode == "none":
        return state, ()
    date = model.round_date(rnd)
    log, rng, fired = [], state.rng, list(state.fired)
    for ev in sorted(model.scenario.events, key=lambda e: (e.date, e.id)):
        if ev.id in fired or ev.date > date:
            continue
        if mode == "historical" and not ev.historical:
            continue
        fired.append(ev.id)
        if mode == "probabilistic":
            u, rng = R.draw(rng)
            if u >= ev.probability:
                continue
        state = apply_effects(model, state, ev.effects)
        log.append(LogEntry(rnd, "event", f"{ev.date:%d %b %Y}: {event_title(ev)}",
                            data=(("event", ev.id), ("text", ev.text), ("source", ev.source))))
    return state.evolve(fired=tuple(fired), rng=rng), tuple(log)


def event_title(ev) -> str:
    """An event's title as the news shows it: a counterfactual one is marked "(counterfactual)",
    unless its title already says so (the built-in scenarios' titles start "Counterfactual:")."""
    if ev.historical or ev.title.lstrip().lower().startswith("counterfactual"):
        return ev.title
    return f"{ev.title} (counterfactual)"


def happened_events(state: GameState) -> tuple[str, ...]:
    """The ids of the scenario events that really happened in this game, in order: fired by the
    engine on their date or released by a facilitator (each has its "event" log entry).

    Not ``state.fired``: with probabilistic events that also holds every event whose chance
    was drawn and missed (drawn once, so it is not drawn again), which did not happen."""
    out = []
    for entry in state.log:
        if entry.kind == "event":
            ev = dict(entry.data).get("event")
            if ev and ev not in out:
                out.append(ev)
    return tuple(out)


def apply_effects(model: Model, state: GameState, effects) -> GameState:
    """A new state with public effects applied (the scenario's Effect records), as an event does."""
    adjustments, actors, chair = list(state.adjustments), list(state.actors), state.chair
    for eff in effects:
        adjustments.extend(_effect_adjustments(model, eff, secret=False))
        if eff.field in ("status", "delegate") and eff.actor != "*":
            i = model.actor_index(eff.actor)
            if eff.field == "status":
                actors[i] = _with(actors[i], status=_STATUS.get(str(eff.value), PRESENT))
            else:
                actors[i] = _with(actors[i], delegate=str(eff.value))
        elif eff.field == "chair":
            chair = model.actor_index(str(eff.value))
    return state.evolve(adjustments=tuple(adjustments), actors=tuple(actors), chair=chair)


def _with(actor: ActorState, **changes) -> ActorState:
    return replace(actor, **changes)


def turn_order(model: Model, state: GameState) -> list[int]:
    n = model.n_actors
    return [state.chair] + [i for i in range(n) if i != state.chair]


def has_pending_offer(state: GameState, i: int) -> bool:
    """Is an offer made to ``i`` still waiting for its answer?"""
    return any(o.target == i and o.status == "pending" for o in state.offers)


def answering_only(state: GameState, i: int) -> bool:
    """Is ``i`` done with this round's diplomacy (it passed, walked out or spent its action
    points)? Such a delegation still gets a turn while an offer made to it waits, but only to
    answer: every offer is answered before the round closes."""
    a = state.actors[i]
    return a.done or (a.status == PRESENT and a.ap <= 0)


def can_act(model: Model, state: GameState, i: int) -> bool:
    """May ``i`` still move in this phase of talks (or, done for the round, answer an offer)?"""
    a = state.actors[i]
    if a.status == NON_PARTY:
        return False
    if state.offers and has_pending_offer(state, i):
        return True  # answering is free, and every offer gets its answer before the round closes
    if a.done:
        return False
    if a.status == PRESENT:
        return a.ap > 0
    return True  # walked out or boycotting: may return or pass


def _first_turn(model: Model, state: GameState) -> int:
    for i in turn_order(model, state):
        if can_act(model, state, i):
            return i
    return -1


def advance(model: Model, state: GameState) -> GameState:
    """Move the turn on after a non-free action; close the phase when nobody can act."""
    if state.phase == SIGNING:
        return _advance_signing(model, state)
    order = turn_order(model, state)
    pos = order.index(state.turn) if state.turn in order else -1
    for step in range(1, len(order) + 1):
        i = order[(pos + step) % len(order)]
        if can_act(model, state, i):
            return state.evolve(turn=i)
    return end_talks(model, state)


def end_talks(model: Model, state: GameState) -> GameState:
    """Close a round's talks: unanswered offers expire (giver and receiver are told), then the
    next round starts or, at the final meeting, the signing."""
    names = [a.name for a in model.scenario.actors]
    expired = [LogEntry(state.round, "offer_expired", f"Offer {o.id} from {names[o.giver]} to {names[o.target]} "
                        "expired unanswered when the talks closed", (o.giver, o.target),
                        frozenset({o.giver, o.target}), data=(("offer", o.id),))
               for o in state.offers if o.status == "pending"]
    offers = tuple(o if o.status != "pending" else replace(o, status="expired") for o in state.offers)
    state = state.evolve(offers=offers, log=state.log + tuple(expired))
    if model.scenario.rounds[state.round].final:
        if not state.drafts:
            return finish(model, state)
        log = LogEntry(state.round, "phase", "The talks close; the chair will put a draft to signature.")
        return state.evolve(phase=SIGNING, turn=state.chair, log=state.log + (log,))
    return start_round(model, state, state.round + 1)


def signing_order(model: Model, state: GameState) -> list[int]:
    return [i for i in turn_order(model, state) if state.actors[i].status == PRESENT]


def _advance_signing(model: Model, state: GameState) -> GameState:
    for i in signing_order(model, state):
        if state.signatures[i] == -1:
            return state.evolve(turn=i)
    return finish(model, state)


def finish(model: Model, state: GameState) -> GameState:
    """Close the game: settle offers and red lines, entry into force, reveal draws."""
    sc = model.scenario
    rnd = state.round
    signed = {i for i, s in enumerate(state.signatures) if s == 1}
    draft = state.draft(state.on_table)
    actors = list(state.actors)
    offers, log = [], []
    names = [a.name for a in sc.actors]
    for o in state.offers:
        if o.status == "accepted" and o.condition == "sign" and draft is None:
            # nothing was put to signature (no draft was ever tabled): a promise to sign the final
            # text could be neither kept nor broken, so it lapses at no cost to either side
            o = replace(o, status="expired")
            log.append(LogEntry(rnd, "offer_expired", f"Offer {o.id} from {names[o.giver]} to "
                                f"{names[o.target]} lapsed: no text was put to signature",
                                (o.giver, o.target), frozenset({o.giver, o.target}),
                                data=(("offer", o.id),)))
        elif o.status == "accepted" and o.condition == "sign":
            kept = o.target in signed
            o = replace(o, status="kept" if kept else "broken")
            if not kept:
                actors[o.target] = _with(actors[o.target], reputation=max(
                    0.0, actors[o.target].reputation - sc.settings.breach_penalty))
                log.append(LogEntry(rnd, "breach", f"{names[o.target]} did not sign as it had "
                                    f"promised {names[o.giver]}", (o.target, o.giver),
                                    frozenset({o.giver, o.target})))
        offers.append(o)
    for i in sorted(signed):
        for k, lo, hi in actors[i].declared:
            if draft and not lo <= draft.levels[k] <= hi:
                actors[i] = _with(actors[i], reputation=max(
                    0.0, actors[i].reputation - sc.settings.red_line_penalty))
                log.append(LogEntry(rnd, "red_line_crossed", f"{names[i]} signed across its declared "
                                    f"red line on {sc.issues[k].name}", (i,)))
    n = len(signed)
    if n >= sc.settings.min_signatures:
        log.append(LogEntry(rnd, "result", f"The treaty enters into force with {n} signature{'s' if n != 1 else ''} "
                            f"({sc.settings.min_signatures} needed)."))
    else:
        log.append(LogEntry(rnd, "result", f"Only {n} signature{'s' if n != 1 else ''} ({sc.settings.min_signatures} "
                            f"needed): the treaty lapses."))
    for draw_id, option_id in state.draws:
        draw = next(d for d in sc.hidden_draws if d.id == draw_id)
        label = next(o.label for o in draw.options if o.id == option_id)
        question = draw.description.strip()
        if question and question[-1] not in ".?!:;…":  # "The chair's mood" reads on into "Answer"
            question += "."
        log.append(LogEntry(rnd, "reveal", f"Revealed: {question} Answer: {label}",
                            data=(("draw", draw_id), ("option", option_id), ("text", draw.reveal))))
    return state.evolve(phase=ENDED, turn=-1, actors=tuple(actors), offers=tuple(offers),
                        log=state.log + tuple(log))


def truth(model: Model, state: GameState):
    """The true actor table (for scoring and the end of the game only)."""
    return build_table(model, state, None)
