"""The game state: frozen dataclasses, changed only by building new ones.

Actors, issues and levels are referred to by index into the compiled
:class:`game.engine.model.Model`; actions and saves use the same indices, tied
to the scenario by its id, version and content hash.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

PRESENT, WALKED_OUT, BOYCOTTING, NON_PARTY = "present", "walked_out", "boycotting", "non_party"
DIPLOMACY, SIGNING, ENDED = "diplomacy", "signing", "ended"
EVENT_MODES = ("historical", "probabilistic", "none")


@dataclass(frozen=True)
class Options:
    """Game options chosen at the start."""

    events: str = "historical"  # historical | probabilistic | none


@dataclass(frozen=True)
class Draft:
    id: int
    author: int
    levels: tuple[int, ...]
    round: int
    title: str = ""
    parent: int | None = None  # the draft this one amends
    endorse: frozenset[int] = frozenset()
    oppose: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Offer:
    id: int
    giver: int
    target: int
    kind: str  # offer id from the giver's scenario entry
    condition: str  # "sign" (sign the final text) | "endorse" (endorse ``draft``)
    draft: int | None
    round: int
    status: str = "pending"  # pending | accepted | rejected | expired | kept | broken


@dataclass(frozen=True)
class Adjustment:
    """A change to the actor table (from an event, a lobby or a hidden draw).

    ``visible`` is ``None`` for public changes, else the actors who know of it.
    """

    field: str  # ideal | salience | outside_option | capability | reliability | affinity
    actor: int
    delta: float
    issue: int = -1
    other: int = -1
    visible: frozenset[int] | None = None


@dataclass(frozen=True)
class ActorState:
    status: str
    ap: int = 0
    done: bool = False
    reputation: float = 1.0
    declared: tuple[tuple[int, float, float], ...] = ()  # (issue, lo, hi) red lines made public
    delegate: str = ""


@dataclass(frozen=True)
class LogEntry:
    """One thing that happened. ``visible`` is None for public entries."""

    round: int
    kind: str
    text: str
    actors: tuple[int, ...] = ()
    visible: frozenset[int] | None = None
    data: tuple[tuple[str, Any], ...] = ()

    def seen_by(self, actor: int | None) -> bool:
        return self.visible is None or actor is None or actor in self.visible


@dataclass(frozen=True)
class GameState:
    scenario_id: str
    seed: int
    options: Options
    round: int
    phase: str
    turn: int  # index of the actor to move; -1 when the game has ended
    actors: tuple[ActorState, ...]
    chair: int
    rng: int
    drafts: tuple[Draft, ...] = ()
    offers: tuple[Offer, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    next_id: int = 1
    draws: tuple[tuple[str, str], ...] = ()
    # events decided: fired, injected, or (probabilistic events) drawn and missed; what really
    # happened is flow.happened_events(state)
    fired: tuple[str, ...] = ()
    communiques: tuple[tuple[int, int, bool], ...] = ()  # (round, draft, issued)
    on_table: int | None = None  # draft put to signature
    signatures: tuple[int, ...] = ()  # per actor: -1 not yet, 0 declined, 1 signed
    log: tuple[LogEntry, ...] = ()
    steps: int = 0
    extra: tuple[tuple[str, Any], ...] = field(default=())

    def evolve(self, **changes: Any) -> GameState:
        return replace(self, **changes)

    def draft(self, draft_id: int) -> Draft | None:
        for d in self.drafts:
            if d.id == draft_id:
                return d
        return None

    def offer(self, offer_id: int) -> Offer | None:
        for o in self.offers:
            if o.id == offer_id:
                return o
        return None

    @property
    def ended(self) -> bool:
        return self.phase == ENDED
