"""Typed models of the scenario format (pydantic v2).

A scenario file is YAML read with ``yaml.safe_load``-style loading and validated
against :class:`Scenario`.  Structural checks (types, ranges, unknown keys) live
on the models; checks that need the whole document (references between actors,
issues, levels and events, dates in order) live in :mod:`game.scenarios.checks`
so that every problem can be reported with its own location, not only the first.

Every model forbids unknown keys and is frozen: a loaded scenario never changes.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = 1

Id = str  # short machine name: letters, digits, '-', '_'
_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Model):
    """One level of an issue, ordered from loosest to tightest."""

    id: str = Field(pattern=_ID_PATTERN, description="Level id, unique within its issue.")
    name: str = Field(description="Short label shown in the clause grid.")
    description: str = Field("", description="What this level means in the treaty text.")
    depth: float | None = Field(
        None, ge=0, le=1,
        description="How binding the level is, 0 (not at all) to 1. Required on every "
        "issue except the sequencing issue.",
    )
    promise_weight: float | None = Field(
        None, ge=0, le=1,
        description="Sequencing issue only: how much clause changes count when this "
        "sequencing is chosen (1 = they are part of what is signed; lower = they are "
        "only promised), default 1; either way times the chair's credibility "
        "(reliability x reputation), which backs them.",
    )


class Issue(_Model):
    """A negotiated dimension of the treaty."""

    id: str = Field(pattern=_ID_PATTERN, description="Issue id, unique in the scenario (used in positions, "
                    "red lines, objectives, drafts and history).")
    name: str = Field(description="Name shown in the clause grid.")
    description: str = Field("", description="What the issue is about, for the briefs.")
    weight: float = Field(1.0, ge=0, description="Weight of the issue in treaty depth.")
    sequencing: bool = Field(
        False,
        description="True for the one issue that decides *when* changes apply "
        "(adapt first / prolong first). It has no depth; it scales how the other "
        "issues count.",
    )
    baseline: str | None = Field(
        None,
        description="Level id of the text in force before the talks (e.g. the 1992 "
        "text). Changes from it are what sequencing discounts. Default: first level.",
    )
    promise_applies: bool = Field(
        True,
        description="False when the issue is settled in the signed instrument itself "
        "whatever the sequencing (e.g. the duration clause of a prolongation protocol).",
    )
    note: str = Field("", description="Where the levels come from (source keys).")
    levels: list[Level] = Field(min_length=2, description="The options, from loosest to tightest (at least 2).")


class Delegate(_Model):
    """Who sits at the table for an actor."""

    name: str = Field(description="Name, or the office where the name is unknown.")
    title: str = Field("", description="Office or title shown under the name.")
    note: str = Field("", description="Source or doubt about the delegate (not shown in play).")


class Position(_Model):
    """An actor's stance on one issue (the 'actor table' of forecasting models)."""

    ideal: float = Field(ge=0, description="Ideal level as an index (0 = first level); may be fractional.")
    salience: float = Field(ge=0, le=1, description="How much the issue matters to the actor, 0 to 1. "
                            "High salience also makes the actor harder to lobby.")
    note: str = Field("", description="Where the numbers come from.")


class RedLine(_Model):
    """A condition without which the actor will not sign."""

    issue: str = Field(description="Issue id.")
    at_least: str | None = Field(None, description="Level id the issue must reach or exceed.")
    at_most: str | None = Field(None, description="Level id the issue must not exceed.")
    note: str = Field("", description="Where the red line comes from.")


class OfferKind(_Model):
    """A side payment an actor can offer (arms at domestic prices, gas prices, ...)."""

    id: str = Field(pattern=_ID_PATTERN, description="Offer id, unique among this actor's offers.")
    name: str = Field(description="Short name shown in the offer menu.")
    description: str = Field("", description="What the giver promises.")
    cost: float = Field(ge=0, le=1, description="Cost to the giver, in utility units (0-1).")
    value: float = Field(ge=0, le=1, description="Value to the receiver, in utility units (0-1).")
    to: list[str] = Field(default_factory=list, description="Actors it can go to; empty means any.")
    note: str = Field("", description="Where the offer and its numbers come from.")


ObjectiveKind = Literal[
    "issue_at_least", "issue_at_most", "sequencing_is", "actor_signs", "actor_not_signs",
    "in_force", "lapsed", "tightness_at_least", "tightness_at_most", "breadth_at_least",
    "signs", "not_signs", "communique", "keep_word",
]


class Objective(_Model):
    """A scored objective of a role (shown in its confidential brief)."""

    id: str = Field(pattern=_ID_PATTERN, description="Objective id, unique among this actor's objectives.")
    description: str = Field(description="The objective as the role brief states it.")
    kind: ObjectiveKind = Field(description="What is checked at the end of the game: one of the kinds listed "
                                               "here (section 7 of docs/scenario-authoring.md, in the source "
                                               "distribution, explains each).")
    points: int = Field(1, ge=1, le=10, description="Weight of the objective in the role score, 1 to 10.")
    issue: str | None = Field(None, description="Issue id (default for sequencing_is: the sequencing issue).")
    level: str | None = Field(None, description="Level id, for the issue_* and sequencing_is kinds.")
    actor: str | None = Field(None, description="Actor id, for actor_signs and actor_not_signs.")
    value: float | None = Field(None, description="Threshold, for tightness_* (0-100) and breadth_at_least (0-1).")


Personality = Literal["stubborn", "pragmatic", "opportunist"]
Status = Literal["party", "boycotting", "non_party"]


class Actor(_Model):
    """A party at the table (a state, or any party in a custom scenario)."""

    id: str = Field(pattern=_ID_PATTERN, description="Actor id, unique in the scenario; also the role name "
                    "for --role.")
    name: str = Field(description="Full name.")
    short: str = Field(max_length=4, description="Initials for badges (2-4 letters).")
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$", description="Badge colour as #rrggbb.")
    delegate: Delegate = Field(description="Who sits at the table.")
    status: Status = Field("party", description="party: at the table; boycotting: away but may return "
                           "(at a reputation cost); non_party: never part of the treaty.")
    capability: float = Field(ge=0, le=1, description="Clout, 0 to 1: weight in the compromise forecast, "
                              "lobbying strength and the value of its membership to others.")
    reliability: float = Field(ge=0, le=1, description="How likely it is to honour what it signs, 0 to 1: "
                               "cohesion of the treaty and credibility of its promises.")
    outside_option: float = Field(ge=0, le=1, description="Value of staying out (true, confidential).")
    outside_option_public: float | None = Field(
        None, ge=0, le=1,
        description="What the other actors believe the outside option is. Default: the true value.",
    )
    personality: Personality = Field("pragmatic", description="How the AI plays the role: stubborn accepts "
                                     "fewer offers, opportunist more.")
    positions: dict[str, Position] = Field(description="Issue id -> ideal level and salience.")
    red_lines: list[RedLine] = Field(default_factory=list, description="Conditions without which it will not sign "
                                     "(confidential until declared).")
    affinities: dict[str, float] = Field(
        default_factory=dict, description="Affinity with other actors, -1 (hostile) to 1 (close)."
    )
    offers: list[OfferKind] = Field(default_factory=list, description="Side payments it can offer others.")
    public_profile: str = Field("", description="What everyone knows about the actor.")
    confidential: str = Field("", description="The role brief: instructions only this role sees.")
    objectives: list[Objective] = Field(default_factory=list, description="Scored objectives of the role.")
    sources: list[str] = Field(default_factory=list, description="Source keys for this actor's numbers.")
    notes: str = Field("", description="Where each number comes from, or 'design estimate'.")


EffectField = Literal[
    "outside_option", "salience", "ideal", "capability", "reliability", "affinity",
    "status", "delegate", "chair",
]


class Effect(_Model):
    """A change an event or a hidden draw makes to one actor (or '*' for every actor)."""

    actor: str = Field(description="Actor id, or '*' for every actor.")
    field: EffectField = Field(description="What changes.")
    issue: str | None = Field(None, description="Issue id, for 'ideal' and 'salience'.")
    other: str | None = Field(None, description="The other actor, for 'affinity'.")
    delta: float | None = Field(None, description="Amount added, for the numeric fields (results are clipped "
                                "to their ranges).")
    value: float | str | None = Field(None, description="New value, for 'status', 'delegate' and 'chair'.")


class Event(_Model):
    """News that fires at the first round on or after its date."""

    id: str = Field(pattern=_ID_PATTERN, description="Event id, unique in the scenario.")
    date: _dt.date = Field(description="When it happens (YYYY-MM-DD).")
    title: str = Field(description="Headline shown in the news log.")
    text: str = Field("", description="The news item.")
    source: str = Field("", description="Source key.")
    historical: bool = Field(True, description="True: fires in historical mode; false: a counterfactual, used "
                             "only when events are probabilistic.")
    probability: float = Field(1.0, ge=0, le=1, description="Chance it fires when events are probabilistic.")
    effects: list[Effect] = Field(default_factory=list, description="What it changes.")


class Round(_Model):
    """One meeting; the last one is the signing summit."""

    id: str = Field(pattern=_ID_PATTERN, description="Round id, unique in the scenario.")
    date: _dt.date = Field(description="Date of the meeting (rounds in date order).")
    name: str = Field(description="Name of the meeting.")
    place: str = Field("", description="Where it meets.")
    description: str = Field("", description="What the meeting is, for the calendar.")
    communique: bool = Field(False, description="The chair may call for a joint communiqué.")
    final: bool = Field(False, description="The summit where the chair puts a draft to signature.")
    action_points: int | None = Field(None, ge=1, le=20, description="Action points in this round. "
                                      "Default: settings.action_points.")
    source: str = Field("", description="Source key.")


class DrawOption(_Model):
    """One possible answer of a hidden draw."""

    id: str = Field(pattern=_ID_PATTERN, description="Option id, unique in its draw.")
    label: str = Field(description="The answer, revealed in the debrief.")
    probability: float = Field(gt=0, le=1, description="Chance of this option (the options should add up to 1).")
    effects: list[Effect] = Field(default_factory=list, description="Secret changes made when it is drawn.")
    note: str = Field("", description="Why this option is possible.")


class HiddenDraw(_Model):
    """A fact the sources leave open, drawn at random at the start and revealed at the end."""

    id: str = Field(pattern=_ID_PATTERN, description="Draw id, unique in the scenario.")
    description: str = Field(description="The open question.")
    reveal: str = Field("", description="Text shown in the debrief when the draw is revealed.")
    options: list[DrawOption] = Field(min_length=2, description="The possible answers (at least 2).")


class InitialDraft(_Model):
    """A draft already on the table when the game starts."""

    id: str = Field(pattern=_ID_PATTERN, description="Draft id, unique in the scenario.")
    author: str = Field(description="Actor id of the author (its credibility counts for promised changes).")
    title: str = Field("", description="Title shown on the draft.")
    levels: dict[str, str] = Field(description="Issue id -> level id; missing issues take the baseline.")


class History(_Model):
    """What really happened, scored like a game for the debrief."""

    date: _dt.date = Field(description="Date of the real signing.")
    summary: str = Field(description="What happened, for the debrief.")
    levels: dict[str, str] = Field(description="Issue id -> level id of the real text; missing issues take "
                                   "the baseline.")
    signatories: list[str] = Field(description="Actor ids that really signed.")
    entered_into_force: bool = Field(True, description="Whether the real treaty entered into force.")
    in_force_date: _dt.date | None = Field(None, description="When it entered into force.")
    notes: str = Field("", description="How the levels were read from the sources.")
    sources: list[str] = Field(default_factory=list, description="Source keys.")


class QuizQuestion(_Model):
    """A question of your own for the briefing check (the game makes the others from each role's brief)."""

    id: str = Field(pattern=_ID_PATTERN, description="Question id, unique among the scenario's quiz questions.")
    question: str = Field(min_length=1, description="The question, as the players read it.")
    right: str = Field(min_length=1, description="The right answer.")
    wrong: list[str] = Field(min_length=1, max_length=3, description="One to three wrong answers (the game "
                             "shows them with the right one in an order of its own).")
    why: str = Field("", description="Where the answer is (the brief, the source document), shown after the "
                     "answer.")
    roles: list[str] = Field(default_factory=list, description="Actor ids of the roles asked; empty means every "
                             "role.")


class NonParty(_Model):
    """A state outside the treaty, listed for context only (it does not play)."""

    name: str = Field(description="Name.")
    note: str = Field("", description="Why it is not a party.")


ActionName = Literal[
    "table", "amend", "endorse", "oppose", "lobby", "offer", "red_line", "walk_out", "return",
]


class Settings(_Model):
    action_points: int = Field(3, ge=1, le=20, description="Action points per actor per round.")
    costs: dict[ActionName, int] = Field(
        default_factory=lambda: {"table": 2, "amend": 1, "endorse": 1, "oppose": 1, "lobby": 1,
                                 "offer": 1, "red_line": 1, "walk_out": 0, "return": 1},
        description="Action-point cost of each action.",
    )
    min_signatures: int = Field(2, ge=1, description="Signatures needed for entry into force.")
    club_weight: float = Field(0.25, ge=0, le=2, description="Weight of who-else-signs in utility.")
    endorse_commitment: float = Field(0.03, ge=0, le=1, description="Pull of one's own endorsement on signing.")
    text_externality: float = Field(0.3, ge=0, le=1, description="How much a treaty's text matters to those who stay outside it.")
    legitimacy_weight: float = Field(0.05, ge=0, le=1, description="Chair's regard for public support of a draft.")
    lobby_strength: float = Field(0.8, ge=0, le=3, description="Level steps moved by a full-strength lobby.")
    backfire: float = Field(0.35, ge=0, le=1, description="Backfire chance against a fully hostile target.")
    breach_penalty: float = Field(0.15, ge=0, le=1, description="Reputation lost for a broken offer.")
    red_line_penalty: float = Field(0.1, ge=0, le=1, description="Reputation lost for signing across one's declared red line.")
    return_cost: float = Field(0.05, ge=0, le=1, description="Reputation lost by returning after a walk-out or boycott.")
    uncertainty: float = Field(
        0.0, ge=0, le=0.3,
        description="Secret per-game noise on each actor's outside option and saliences (uniform "
        "+/- this much), known only to that actor: the scenario's numbers are estimates.",
    )
    depth_weight: float = Field(0.6, ge=0, le=1, description="Share of depth in tightness (the rest is cohesion).")
    tight_at: float = Field(60, ge=0, le=100, description="Tightness from which a treaty is labelled tight.")
    moderate_at: float = Field(40, ge=0, le=100, description="Tightness from which a treaty is labelled "
                               "moderate (below: loose).")
    capability_weighted_breadth: bool = Field(False, description="Weigh breadth by capability instead of "
                                              "counting signatories.")
    utility_share: float = Field(0.7, ge=0, le=1, description="Share of utility in a role score (rest: objectives).")


class Scenario(_Model):
    schema_: str | None = Field(None, alias="$schema", description="Editor hint; ignored.")
    schema_version: int = Field(SCHEMA_VERSION, ge=1, le=SCHEMA_VERSION,
                                description="Version of the scenario format (this program reads 1).")
    id: str = Field(pattern=_ID_PATTERN, description="Scenario id (built-in scenarios: the file name).")
    version: str = Field(description="Version of this scenario, in quotes (e.g. \"1.0.0\"); saves record it.")
    title: str = Field(description="Title shown on the title screen.")
    subtitle: str = Field("", description="One line under the title.")
    description: str = Field(description="What the game is about, for the scenario menu.")
    length: str = Field("", description="How long a game takes, in words (e.g. '60-90 minutes').")
    extends: str | None = Field(None, description="Id or path of a scenario this one overrides.")
    source_document: str | None = Field(None, description="Path (relative to the project) of the primary source.")
    chair: str = Field(description="Actor id of the chair (moves first; puts a draft to signature).")
    start: _dt.date = Field(description="First day of the scenario (YYYY-MM-DD).")
    deadline: _dt.date = Field(description="Last day: the final round must be on or before it.")
    settings: Settings = Field(default_factory=Settings, description="Rules and tuning; every key has a default.")
    issues: list[Issue] = Field(min_length=1, description="What is negotiated.")
    actors: list[Actor] = Field(min_length=2, description="Who negotiates (at least 2).")
    non_parties: list[NonParty] = Field(default_factory=list, description="States outside the treaty, for context.")
    rounds: list[Round] = Field(min_length=1, description="The meetings, in date order; the last is final.")
    events: list[Event] = Field(default_factory=list, description="Scripted and counterfactual news.")
    hidden_draws: list[HiddenDraw] = Field(default_factory=list, description="Open facts drawn at random.")
    initial_drafts: list[InitialDraft] = Field(default_factory=list, description="Drafts on the table at the start.")
    history: History | None = Field(None, description="What really happened (optional; for the debrief).")
    sources: dict[str, str] = Field(default_factory=dict, description="Source key -> citation.")
    quiz: list[QuizQuestion] = Field(default_factory=list, description="Questions of your own for the briefing "
                                     "check, asked after the ones the game makes from each role's brief.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    _content_hash: str = PrivateAttr("")

    # --- convenience lookups (pure, derived) ---------------------------------
    def actor(self, actor_id: str) -> Actor:
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    def issue(self, issue_id: str) -> Issue:
        for i in self.issues:
            if i.id == issue_id:
                return i
        raise KeyError(issue_id)

    def level_index(self, issue_id: str, level_id: str) -> int:
        for n, lv in enumerate(self.issue(issue_id).levels):
            if lv.id == level_id:
                return n
        raise KeyError(f"{issue_id}.{level_id}")
