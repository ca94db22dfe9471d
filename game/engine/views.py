"""What one actor may see: the only door from the state to the AI and the UI.

A :class:`View` carries the public scenario (others' confidential instructions,
objectives, true outside options and undeclared red lines removed), the public
state, the offers and log entries the viewer was party to, and the actor table as
the viewer knows it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.engine.model import Model, build_model
from game.engine.state import Draft, GameState, LogEntry, Offer
from game.engine.table import ActorTable, build_table

_PUBLIC_CACHE: dict[tuple[int, int], tuple[Model, Model]] = {}


def public_model(model: Model, viewer: int | None) -> Model:
    """The model with every other actor's secrets removed (cached per model object)."""
    key = (id(model), -1 if viewer is None else viewer)
    cached = _PUBLIC_CACHE.get(key)
    if cached is not None and cached[0] is model:  # ids are reused once a model is freed
        return cached[1]
    sc = model.scenario
    actors = []
    for n, a in enumerate(sc.actors):
        if n == viewer:
            actors.append(a)
            continue
        public = a.outside_option if a.outside_option_public is None else a.outside_option_public
        actors.append(a.model_copy(update={
            "confidential": "", "objectives": [], "red_lines": [], "outside_option": public,
            "outside_option_public": public, "notes": "",
        }))
    scenario = sc.model_copy(update={
        "actors": actors,
        "hidden_draws": [d.model_copy(update={"options": [
            o.model_copy(update={"effects": []}) for o in d.options]}) for d in sc.hidden_draws],
    })
    pub = build_model(scenario)
    if len(_PUBLIC_CACHE) > 256:
        _PUBLIC_CACHE.clear()
    _PUBLIC_CACHE[key] = (model, pub)
    return pub


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
    log = tuple(e for e in state.log if e.seen_by(viewer))
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
