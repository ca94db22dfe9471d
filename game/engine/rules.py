"""Legality: ``check`` says why an action is refused, or returns None.

One small checker per action kind, looked up in a table (no long switch). The
checks only read the state; they never change it.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine import actions as A
from game.engine.flow import answering_only
from game.engine.model import Model
from game.engine.state import BOYCOTTING, DIPLOMACY, ENDED, PRESENT, SIGNING, WALKED_OUT, GameState

MAX_DRAFTS = 24
# The edition of these rules, recorded in saves: a save's moves replay under the edition they were
# played under. 2: every offer is answered before the round closes (a delegation that has passed
# is called back to answer); under 1 an offer to such a delegation expired unanswered.
RULES_EDITION = 2

Checker = Callable[[Model, GameState, int, A.Action], "str | None"]


def cost(model: Model, kind: str) -> int:
    return int(model.scenario.settings.costs.get(kind, 0))


def check(model: Model, state: GameState, action: A.Action) -> str | None:
    """The reason ``action`` is illegal in ``state``, or None when it is legal."""
    if state.phase == ENDED:
        return "the game is over"
    wrong_type = A.field_problem(action)
    if wrong_type is not None:
        return wrong_type
    if action.actor not in model.actor_ids:
        return f"there is no actor '{action.actor}' in this scenario"
    me = model.actor_index(action.actor)
    if state.turn != me:
        turn_name = model.scenario.actors[state.turn].name if state.turn >= 0 else "nobody"
        return f"it is not {model.scenario.actors[me].name}'s turn (it is {turn_name}'s)"
    checker = _CHECKERS.get(action.kind)
    if checker is None:
        return f"unknown action '{action.kind}'"
    if state.phase == DIPLOMACY and action.kind not in ("respond", "pass") and answering_only(state, me):
        waiting = [o.id for o in state.offers if o.target == me and o.status == "pending"]
        if waiting:
            return (f"you are done for this round and back only to answer {_offer_list(waiting)}: "
                    f"accept or reject {'it' if len(waiting) == 1 else 'them'}, or pass to let "
                    f"{'it' if len(waiting) == 1 else 'them'} lapse")
    return checker(model, state, me, action)


def _offer_list(ids: list[int]) -> str:
    if len(ids) == 1:
        return f"offer {ids[0]}"
    return "offers " + ", ".join(map(str, ids[:-1])) + f" and {ids[-1]}"


def _diplomacy(state: GameState) -> str | None:
    if state.phase != DIPLOMACY:
        return "the talks are over: only the signing remains"
    return None


def _present_with_ap(model: Model, state: GameState, me: int, kind: str) -> str | None:
    reason = _diplomacy(state)
    if reason:
        return reason
    actor = state.actors[me]
    if actor.status != PRESENT:
        return "your delegation is not at the table (return first)"
    need = cost(model, kind)
    if actor.ap < need:
        return f"not enough action points ({actor.ap} left, {need} needed)"
    return None


def _valid_levels(model: Model, levels: tuple[int, ...]) -> str | None:
    if len(levels) != model.n_issues:
        return f"a draft needs one level for each of the {model.n_issues} issues"
    for k, lv in enumerate(levels):
        if not A.is_index(lv) or not 0 <= lv < model.n_levels[k]:
            return f"issue '{model.issue_ids[k]}' has no level {lv}"
    return None


def _duplicate(state: GameState, levels: tuple[int, ...]) -> str | None:
    for d in state.drafts:
        if d.levels == tuple(levels):
            return f"an identical draft is already on the table (draft {d.id})"
    if len(state.drafts) >= MAX_DRAFTS:
        # an amendment is a new draft too, so it is refused as well: only endorsing and opposing remain
        return (f"the table is full ({MAX_DRAFTS} drafts): no new draft can be tabled, not even an "
                "amendment; endorse or oppose one of those on the table instead")
    return None


def _check_table(model, state, me, action) -> str | None:
    return (_present_with_ap(model, state, me, "table") or _valid_levels(model, action.levels)
            or _duplicate(state, action.levels))


def _draft_or_reason(state: GameState, draft_id: int) -> str | None:
    if state.draft(draft_id) is None:
        return f"there is no draft {draft_id} on the table"
    return None


def _check_amend(model, state, me, action) -> str | None:
    reason = _present_with_ap(model, state, me, "amend") or _draft_or_reason(state, action.draft)
    if reason:
        return reason
    if not 0 <= action.issue < model.n_issues:
        return f"there is no issue {action.issue}"
    if not 0 <= action.level < model.n_levels[action.issue]:
        return f"issue '{model.issue_ids[action.issue]}' has no level {action.level}"
    levels = list(state.draft(action.draft).levels)
    if levels[action.issue] == action.level:
        return "the draft already has that level on this issue"
    levels[action.issue] = action.level
    return _duplicate(state, tuple(levels))


def _check_endorse(model, state, me, action) -> str | None:
    reason = _present_with_ap(model, state, me, action.kind) or _draft_or_reason(state, action.draft)
    if reason:
        return reason
    draft = state.draft(action.draft)
    group = draft.endorse if action.kind == "endorse" else draft.oppose
    if me in group:
        return f"you already {action.kind} draft {draft.id}"
    return None


def _target(model: Model, state: GameState, action: A.Action, other: str) -> str | None:
    """The target of a lobby or an offer must be another party of the scenario."""
    if action.target == action.actor:
        return f"you cannot {other} yourself"
    if action.target not in model.actor_ids:
        return f"there is no delegation '{action.target}' in this scenario"
    if state.actors[model.actor_index(action.target)].status == "non_party":
        return "that state is not a party to the treaty"
    return None


def _check_lobby(model, state, me, action) -> str | None:
    reason = _present_with_ap(model, state, me, "lobby")
    if reason:
        return reason
    reason = _target(model, state, action, "lobby")
    if reason:
        return reason
    if not 0 <= action.issue < model.n_issues:
        return f"there is no issue {action.issue}"
    return None


def _check_offer(model, state, me, action) -> str | None:
    reason = _present_with_ap(model, state, me, "offer")
    if reason:
        return reason
    reason = _target(model, state, action, "make an offer to")
    if reason:
        return reason
    target = model.actor_index(action.target)
    kinds = {o.id: o for o in model.scenario.actors[me].offers}
    if action.offer not in kinds:
        return f"you have nothing called '{action.offer}' to offer"
    if kinds[action.offer].to and action.target not in kinds[action.offer].to:
        return f"'{kinds[action.offer].name}' cannot go to {model.scenario.actors[target].name}"
    if action.condition not in ("sign", "endorse"):
        return "an offer asks the receiver to 'sign' the final text or 'endorse' a draft"
    if action.condition == "sign" and action.draft is not None:
        return ("an offer for a signature names no draft: the receiver signs the final text, whichever "
                "draft the chair puts to signature (give the draft with condition 'endorse')")
    if action.condition == "endorse":
        if action.draft is None:
            return "name the draft the receiver should endorse"
        if state.draft(action.draft) is None:
            return f"there is no draft {action.draft} on the table"
        if target in state.draft(action.draft).endorse:
            return "they already endorse that draft"
    for o in state.offers:
        if o.giver == me and o.target == target and o.status in ("pending", "accepted") \
                and o.kind == action.offer:
            return "you already have this offer open with them"
    return None


def _check_respond(model, state, me, action) -> str | None:
    offer = state.offer(action.offer)
    if offer is None or offer.target != me:
        return f"there is no offer {action.offer} made to you"
    if offer.status != "pending":
        return f"offer {offer.id} is no longer open ({offer.status})"
    return None


def _check_red_line(model, state, me, action) -> str | None:
    reason = _present_with_ap(model, state, me, "red_line")
    if reason:
        return reason
    if not 0 <= action.issue < model.n_issues:
        return f"there is no issue {action.issue}"
    if not 0 <= action.level < model.n_levels[action.issue]:
        return f"issue '{model.issue_ids[action.issue]}' has no level {action.level}"
    if action.direction not in ("at_least", "at_most"):
        return "a red line is 'at_least' or 'at_most' a level"
    for k, lo, hi in state.actors[me].declared:
        if k == action.issue and ((action.direction == "at_least" and lo == action.level)
                                  or (action.direction == "at_most" and hi == action.level)):
            return "you have already declared that red line"
    return None


def _check_walk_out(model, state, me, action) -> str | None:
    reason = _diplomacy(state)
    if reason:
        return reason
    if state.actors[me].status != PRESENT:
        return "your delegation is not at the table"
    if me == state.chair:
        return "the chair cannot walk out of its own meeting"
    return None


def _check_return(model, state, me, action) -> str | None:
    reason = _diplomacy(state)
    if reason:
        return reason
    if state.actors[me].status not in (WALKED_OUT, BOYCOTTING):
        return "your delegation is already at the table"
    need = cost(model, "return")
    if state.actors[me].ap < need:
        return f"not enough action points to return ({need} needed)"
    return None


def _check_pass(model, state, me, action) -> str | None:
    return _diplomacy(state)


def _check_communique(model, state, me, action) -> str | None:
    reason = _diplomacy(state) or _draft_or_reason(state, action.draft)
    if reason:
        return reason
    if me != state.chair:
        return "only the chair can call for a joint communiqué"
    if not model.scenario.rounds[state.round].communique:
        return "this meeting does not adopt a communiqué"
    if any(r == state.round for r, _, _ in state.communiques):
        return "a communiqué has already been called at this meeting"
    return None


SUMMIT_TALKS_FIRST = ("not yet: at the summit the talks come first; when every delegation has passed, the "
                      "chair puts a draft to signature and each party signs or declines")
"""Why a draft cannot be put to signature, or signed, during the final meeting's talks."""


def _check_put(model, state, me, action) -> str | None:
    if state.phase != SIGNING:
        if model.scenario.rounds[state.round].final:
            return SUMMIT_TALKS_FIRST
        return "drafts are put to signature only at the final summit"
    if me != state.chair:
        return "only the chair puts a draft to signature"
    if state.on_table is not None:
        return "a draft is already open for signature"
    return _draft_or_reason(state, action.draft)


def _check_sign(model, state, me, action) -> str | None:
    if state.phase != SIGNING or state.on_table is None:
        if state.phase != SIGNING and model.scenario.rounds[state.round].final:
            return SUMMIT_TALKS_FIRST
        return "nothing is open for signature yet"
    if state.signatures[me] != -1:
        return "you have already decided"
    return None


_CHECKERS: dict[str, Checker] = {
    "table": _check_table, "amend": _check_amend, "endorse": _check_endorse,
    "oppose": _check_endorse, "lobby": _check_lobby, "offer": _check_offer,
    "respond": _check_respond, "red_line": _check_red_line, "walk_out": _check_walk_out,
    "return": _check_return, "pass": _check_pass, "communique": _check_communique,
    "put_to_signature": _check_put, "sign": _check_sign,
}
