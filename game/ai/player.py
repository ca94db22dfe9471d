"""AI players: the forecast-driven negotiator and two baselines.

Every player has one method, ``choose(view, legal, rng) -> Action``: ``view`` is
all it may know, ``legal(action)`` returns the rules' refusal reason or None,
``rng`` is a seeded :class:`random.Random`. The :class:`Negotiator` searches a
small candidate set (drafts near the compromise, amendments toward its ideals,
endorsements, lobbying of pivotal delegations, the cheapest offer that flips a
signature, red lines, returning) and takes the move with the best forecast gain.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from game.ai import candidates as C
from game.ai.outlook import situation
from game.engine import actions as A
from game.engine.views import View

Legal = Callable[[A.Action], "str | None"]

DIFFICULTIES = ("easy", "normal", "hard")
# What the levels mean to the people playing: how much of what a text is worth to the seats
# people play (as a delegation can judge it from their public positions) a computer delegation
# counts as worth to itself. Easy delegations accommodate you; hard ones mind your gains
# (the relative-gains concern). With no one at the table the term is zero.
REGARD = {"easy": 0.7, "normal": 0.0, "hard": -0.8}
PERSONALITIES = ("stubborn", "pragmatic", "opportunist")


def regard_vector(model, difficulty: str, people, seat: str) -> np.ndarray | None:
    """(A,) the regard the built-in AI at ``difficulty`` in ``seat`` has for each of the seats
    ``people`` play (REGARD shared equally among them); None when it has none: at normal, with
    no one at the table, or when ``seat`` is itself one of the people's."""
    weight = REGARD[difficulty]
    others = [model.actor_index(a) for a in sorted(people) if a != seat]
    if not weight or not others or seat in people:
        return None
    out = np.zeros(model.n_actors)
    out[others] = weight / len(others)
    return out


class Negotiator:
    """The default AI: greedy on forecast gain, with personality and difficulty."""

    def __init__(self, difficulty: str = "normal", personality: str | None = None):
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {', '.join(DIFFICULTIES)}")
        self.difficulty = difficulty
        self.personality = personality  # None: the scenario's personality for the role
        # (A,) its regard for the seats people play, and the chair's, as the level gives them
        # (:func:`regard_vector`): the Match sets both before each move, as seats can change
        # hands and the chair can change during a game. None: none.
        self.regard: np.ndarray | None = None
        self.chair_regard: np.ndarray | None = None

    def _personality(self, view: View) -> str:
        return self.personality or view.model.scenario.actors[view.viewer].personality

    def _situation(self, view: View):
        sit = situation(view)
        chair = self.chair_regard if view.viewer != view.chair else None
        if self.regard is None and chair is None:
            return sit
        return replace(sit, regard=self.regard, chair_regard=chair)

    def choose(self, view: View, legal: Legal, rng: random.Random) -> A.Action:
        me = view.me
        sit = self._situation(view)
        if view.phase == "signing":
            return C.signing_move(view, sit)
        for offer in view.pending_offers():
            accept = C.accept_offer(view, sit, offer, self._personality(view))
            action = A.Respond(me, offer=offer.id, accept=accept)
            if legal(action) is None:
                return action
        status = view.actors[view.viewer].status
        if status != "present":
            action = C.maybe_return(view, sit)
            return action if action and legal(action) is None else A.Pass(me)
        scored = C.scored_candidates(view, sit, self._personality(view))
        return self._pick(view, scored, legal, rng)

    def _pick(self, view: View, scored: list[tuple[float, A.Action]], legal: Legal,
              rng: random.Random) -> A.Action:
        me = view.me
        good = [(g, a) for g, a in scored if g > C.MIN_GAIN and legal(a) is None]
        if not good:
            return A.Pass(me)
        good.sort(key=lambda ga: -ga[0])
        return good[0][1]


class RandomPlayer:
    """Takes a uniformly random legal action kind, then random arguments."""

    def choose(self, view: View, legal: Legal, rng: random.Random) -> A.Action:
        options = [a for a in C.all_moves(view, rng) if legal(a) is None]
        if not options:
            return A.Pass(view.me)
        by_kind: dict[str, list[A.Action]] = {}
        for a in options:
            by_kind.setdefault(a.kind, []).append(a)
        kind = rng.choice(sorted(by_kind))
        return rng.choice(by_kind[kind])


class PassivePlayer:
    """Only passes; signs when the final text beats its outside option."""

    def choose(self, view: View, legal: Legal, rng: random.Random) -> A.Action:
        me = view.me
        if view.phase == "signing":
            if view.on_table is None:
                best = max(view.drafts, key=lambda d: (len(d.endorse) - len(d.oppose), -d.id))
                return A.PutToSignature(me, draft=best.id)
            return A.Sign(me, sign=bool(C.wants_to_sign(view, situation(view))))
        for offer in view.pending_offers():
            return A.Respond(me, offer=offer.id, accept=False)
        return A.Pass(me)


def make_player(kind: str, difficulty: str = "normal") -> Negotiator | RandomPlayer | PassivePlayer:
    if kind == "ai":
        return Negotiator(difficulty)
    if kind == "random":
        return RandomPlayer()
    if kind == "passive":
        return PassivePlayer()
    raise ValueError(f"unknown player kind '{kind}'")


__all__ = ["Negotiator", "RandomPlayer", "PassivePlayer", "make_player", "DIFFICULTIES",
           "PERSONALITIES", "np"]
