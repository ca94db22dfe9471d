"""Presenters: turn a ``Match`` and an actor's ``View`` into plain view-models.

Nothing here imports pygame. Every number and string the window shows comes
from these dataclasses, which are built only from what the viewer may see (its
:class:`game.engine.views.View`), or from the public record when nobody in
particular is looking (hotseat, between two delegations). They are tested
without a window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from game.engine import actions as A
from game.engine.state import BOYCOTTING, NON_PARTY, PRESENT, WALKED_OUT
from game.engine.table import ActorTable, build_table
from game.engine.views import View, public_model
from game.report.briefs import halfway_level
from game.session.match import Match

STATUS_LABELS = {PRESENT: "at the table", WALKED_OUT: "walked out", BOYCOTTING: "boycotting",
                 NON_PARTY: "not a party"}
SIGNATURE_LABELS = {-1: "undecided", 0: "declined", 1: "signed"}
CONDITION_TEXT = {"sign": "signs the final text", "endorse": "endorses draft {draft}"}


# --------------------------------------------------------------------------- view-models

@dataclass(frozen=True)
class DelegateVM:
    index: int
    id: str
    name: str
    short: str
    colour: str
    delegate: str
    title: str
    status: str
    status_label: str
    stance: float | None  # position on the sequencing axis: 0 = first level ... 1 = last level
    stance_label: str
    is_chair: bool
    is_turn: bool
    is_me: bool
    is_human: bool
    ap: int
    done: bool
    signature: int
    signature_label: str
    reputation: float
    red_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class LevelVM:
    index: int
    id: str
    name: str
    description: str
    depth: float | None


@dataclass(frozen=True)
class IssueVM:
    index: int
    id: str
    name: str
    description: str
    levels: tuple[LevelVM, ...]
    sequencing: bool
    my_ideal: float | None  # fractional level index, only for the viewer
    my_salience: float | None
    weight: float


@dataclass(frozen=True)
class DraftVM:
    id: int
    label: str  # "D3"
    title: str
    author: str
    author_short: str
    author_name: str
    levels: tuple[int, ...]
    level_names: tuple[str, ...]
    endorse: tuple[str, ...]  # actor ids
    oppose: tuple[str, ...]
    round: int
    parent: int | None
    on_table: bool
    communique: str = ""  # "adopted" | "failed" | ""


@dataclass(frozen=True)
class ForecastVM:
    available: bool
    message: str = ""
    pick: int | None = None  # draft id the chair would put to signature
    pick_label: str = ""
    signers: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()
    tightness: float = 0.0
    label: str = ""
    depth: float = 0.0
    breadth: float = 0.0
    in_force: bool = False
    min_signatures: int = 0
    i_sign: bool | None = None
    my_value: float | None = None  # the expected outcome's worth to the viewer (signing or not)
    my_outside: float | None = None  # the viewer's outside option (the talks fail)
    # what the viewer compares when it decides to sign (the forecast's own rule): the text signed,
    # against staying out while the others sign (outside option + what their treaty gives outsiders)
    my_sign_value: float | None = None
    my_stay_value: float | None = None
    my_verdict: str = ""  # "You would sign: ..." in words and numbers (empty: not the viewer's forecast)
    per_draft: tuple[tuple[int, tuple[str, ...], float, str], ...] = ()  # (draft, signers, T, label)
    # at the chair's choice: (the draft worth most to the viewer, its worth, the likely pick's worth),
    # worth as the outcome's value to the viewer (signing or not, in force or not)
    best_for_me: tuple[int, float, float] | None = None
    # the viewer's own red lines (from its brief) that the likely text crosses, in words
    my_red_crossed: tuple[str, ...] = ()
    # what the two numbers of the verdict leave out (a lapse when the viewer's signature is needed,
    # the brief's objectives that signing or staying out meets), in words; empty when nothing
    my_stakes: str = ""
    my_stakes_short: str = ""  # the same in a few words, for the panel's one line


@dataclass(frozen=True)
class RoundVM:
    index: int
    name: str
    date: str
    short_date: str
    place: str
    description: str
    current: bool
    past: bool
    communique: bool
    final: bool


@dataclass(frozen=True)
class CalendarVM:
    rounds: tuple[RoundVM, ...]
    deadline: str
    deadline_short: str
    current: str  # "Round 2 of 6 - 4 Feb 1999 - Foreign ministers"
    days_left: int


@dataclass(frozen=True)
class LogLineVM:
    seq: int
    round: int
    kind: str
    text: str
    private: bool
    detail: str = ""


@dataclass(frozen=True)
class OfferVM:
    id: int
    giver: str
    giver_name: str
    target: str
    target_name: str
    name: str
    description: str
    condition: str
    draft: int | None
    status: str
    incoming: bool
    text: str


@dataclass(frozen=True)
class OfferKindVM:
    id: str
    name: str
    description: str
    to: tuple[str, ...]  # actor ids it may go to (empty: anyone)
    cost: float
    value: float


@dataclass(frozen=True)
class TableVM:
    viewer: str | None  # None: nobody's private view (hotseat, between delegations)
    phase: str
    round: int
    delegates: tuple[DelegateVM, ...]
    issues: tuple[IssueVM, ...]
    drafts: tuple[DraftVM, ...]
    forecast: ForecastVM
    calendar: CalendarVM
    news: tuple[LogLineVM, ...]
    private: tuple[LogLineVM, ...]
    to_move: str | None
    to_move_name: str
    to_move_human: bool
    my_turn: bool
    is_chair: bool
    my_status: str
    ap: int
    ap_max: int
    costs: dict = field(default_factory=dict)
    offers: tuple[OfferVM, ...] = ()
    pending: tuple[OfferVM, ...] = ()
    offer_kinds: tuple[OfferKindVM, ...] = ()
    communique_meeting: bool = False
    communique_called: bool = False
    on_table: int | None = None
    chair: str = ""
    chair_name: str = ""
    title: str = ""
    over: bool = False

    def delegate(self, actor_id: str) -> DelegateVM | None:
        return next((d for d in self.delegates if d.id == actor_id), None)

    def draft(self, draft_id: int | None) -> DraftVM | None:
        return next((d for d in self.drafts if d.id == draft_id), None)


@dataclass(frozen=True)
class ProfileVM:
    id: str
    name: str
    short: str
    colour: str
    delegate: str
    title: str
    status_label: str
    public_profile: str
    capability: float
    reliability: float
    reputation: float
    affinity_to: float | None  # how the viewer feels about them
    affinity_from: float | None  # how they feel about the viewer (as the viewer knows)
    relation: str
    stance_label: str
    positions: tuple[tuple[str, str], ...]  # (issue, known ideal level name)
    declared: tuple[str, ...]


@dataclass(frozen=True)
class BriefVM:
    id: str
    name: str
    short: str
    colour: str
    delegate: str
    title: str
    scenario_title: str
    public_profile: str
    confidential: str
    objectives: tuple[tuple[str, int], ...]
    red_lines: tuple[str, ...]
    offers: tuple[str, ...]
    positions: tuple[tuple[str, str, float], ...]  # (issue, ideal level name, salience)
    sources: tuple[str, ...]
    is_chair: bool


@dataclass(frozen=True)
class ChartPointVM:
    depth: float
    breadth: float
    kind: str  # game | history | ai
    label: str
    tightness: float


@dataclass(frozen=True)
class RoleRowVM:
    id: str
    name: str
    short: str
    colour: str
    human: bool
    signed: bool
    score: float
    history: float | None
    ai_mean: float | None
    objectives: tuple[tuple[str, bool, int], ...]
    party: bool = True  # False: a non-party, which cannot sign
    utility: float | None = None  # 0-1: the outcome's worth to the role, between its worst and best outcomes
    objective_share: float | None = None  # 0-1: the share of its objective points met
    moved: str = ""  # a played role: how lobbying moved its positions (its score counts them as moved)


@dataclass(frozen=True)
class ResultsVM:
    scenario_title: str
    tightness: float
    label: str
    depth: float
    breadth: float
    cohesion: float
    in_force: bool
    min_signatures: int
    signatories: tuple[str, ...]  # names
    sequencing: str
    clauses: tuple[tuple[str, str, float, float, float], ...]  # issue, level, depth, weight, points
    signatures: tuple[tuple[str, str, str, bool, float, float], ...]  # id, name, short, signed, rel, pts
    text: tuple[tuple[str, str], ...]  # issue name, level name of the final text
    roles: tuple[RoleRowVM, ...]
    history_date: str
    history_summary: str
    history_tightness: float | None
    history_label: str
    history_signatories: tuple[str, ...]
    reveals: tuple[str, ...]
    points: tuple[ChartPointVM, ...]
    cloud_runs: int
    utility_share: float = 0.7  # the share of utility in a role's score (the rest: objectives)
    depth_weight: float = 0.6  # the share of depth in tightness (the rest: cohesion)
    human_mark: str = "you"  # how a people-played role is marked: "team" in a facilitated game (the
    # teacher at the screen played none of them)
    left_on_table: str = ""  # the Pareto and Nash finding for the final text (game/scoring/frontier.py)


# --------------------------------------------------------------------------- helpers

def fmt_date(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def level_name(model, issue: int, level: float) -> str:
    """Name of the level nearest a (fractional) level index."""
    levels = model.scenario.issues[issue].levels
    return levels[int(min(max(round(level), 0), len(levels) - 1))].name


def stance_issue(model) -> int:
    """The issue that defines the prolong-adapt axis (the sequencing one, else the first)."""
    return model.seq if model.seq >= 0 else 0


def stance(model, table: ActorTable, i: int) -> tuple[float, str]:
    """(the marker's place on the stance axis, 0-1; the stance in words): the nearest level's name,
    or "between A and B" for an ideal halfway between two levels, which has no nearest one (its
    brief says "halfway between A and B"; rounding took 0.5 down and 1.5 up)."""
    k = stance_issue(model)
    span = float(model.span[k]) or 1.0
    ideal = float(table.ideal[i, k])
    levels = model.scenario.issues[k].levels
    lo = halfway_level(len(levels), ideal)
    words = f"between {levels[lo].name} and {levels[lo + 1].name}" if lo is not None else level_name(model, k, ideal)
    return max(0.0, min(1.0, ideal / span)), words


def relation_word(value: float | None) -> str:
    if value is None:
        return "unknown"
    if value >= 0.5:
        return "close"
    if value >= 0.15:
        return "friendly"
    if value > -0.15:
        return "neutral"
    if value > -0.5:
        return "cool"
    return "hostile"


def red_line_text(model, issue: int, lo: float, hi: float) -> str:
    name = model.scenario.issues[issue].name
    parts = []
    if lo > 0:
        parts.append(f"at least '{level_name(model, issue, lo)}'")
    if hi < model.span[issue]:
        parts.append(f"at most '{level_name(model, issue, hi)}'")
    return f"{name}: " + " and ".join(parts) if parts else name


def red_line_rules_nothing_out(scenario, issue: int, level: int, direction: str) -> str:
    """Why a red line would rule nothing out ("at least" the loosest level, "at most" the tightest):
    every text passes it, so the rules accept it but it costs an action point for nothing a person
    means to buy (its one effect: like any declared red line it halves lobbying on that issue, see
    docs/rules.md); "" for a red line that rules something out. The window and the text mode both refuse such a red line
    with this sentence, before it reaches the rules (which stay as they are: saved games replay)."""
    levels = scenario.issues[issue].levels
    if not (direction == "at_least" and level == 0 or direction == "at_most" and level == len(levels) - 1):
        return ""
    word = direction.replace("_", " ")
    return (f"A red line '{scenario.issues[issue].name} {word} {levels[level].name}' would rule nothing out: "
            f"every level is {word} that.")


def public_table(match: Match) -> ActorTable:
    """The actor table everyone can know: the public profile plus public events."""
    pub = public_model(match.game.model, None)
    state = match.state.evolve(adjustments=tuple(a for a in match.state.adjustments if a.visible is None))
    return build_table(pub, state, None)


_LOG_LINES: dict[tuple, tuple] = {}  # (id(entry), with model) -> (entry, number, line): the log only grows


def forget_log_lines() -> None:
    """Empty the log lines' cache (a new game is on the table: the last one's lines are not needed)."""
    _LOG_LINES.clear()


def lobby_detail(model, e) -> str:
    """What a lobbying line means, in levels: how far the target's ideal moved, and toward which
    level. Only the lobbyist and the target see the line (its numbers are theirs to know)."""
    if model is None or e.kind != "lobby" or len(e.actors) < 2:
        return ""
    data = dict(e.data)
    issue, delta = data.get("issue"), data.get("delta")
    if issue is None or delta is None:
        return ""
    sc = model.scenario
    iss = sc.issues[int(issue)]
    target = sc.actors[e.actors[1]].name
    if not delta:
        return f"{target}'s ideal on {iss.name} did not move (it already stood there, or it holds to it)."
    end = iss.levels[0].name if delta < 0 else iss.levels[-1].name
    return (f"{target}'s ideal on {iss.name} moved {abs(float(delta)):.2f} of a level toward '{end}'. "
            "What a delegation wants sets what it signs and what its score counts: its ideal as it ends "
            "the talks.")


def log_lines(entries, start: int = 0, model=None) -> tuple[tuple[LogLineVM, ...], tuple[LogLineVM, ...]]:
    """(public, private) log lines; ``entries`` must already be filtered for the viewer.

    A line depends only on its entry and its number, and a game's log only grows (its
    entries are shared between states), so each line is made once and looked up after
    that: a table with several hundred entries rebuilds its view-model for every move."""
    news, private = [], []
    memo = _LOG_LINES
    if len(memo) > 20000:
        memo.clear()
    for n, e in enumerate(entries, start):
        key = (id(e), model is not None)  # a line made with the model has the lobbying's detail
        hit = memo.get(key)
        if hit is not None and hit[0] is e and hit[1] == n:  # the entry itself: ids are reused
            line = hit[2]
        else:
            detail = str(dict(e.data).get("text", "") or "") or lobby_detail(model, e)
            line = LogLineVM(n, e.round, e.kind, e.text, e.visible is not None, detail)
            memo[key] = (e, n, line)
        (private if line.private else news).append(line)
    return tuple(news), tuple(private)


def calendar_vm(match: Match) -> CalendarVM:
    sc = match.scenario
    rnd = match.state.round
    over = match.over
    rounds = tuple(
        RoundVM(n, r.name, fmt_date(r.date), f"{r.date.day} {r.date:%b}", r.place, r.description,
                current=(n == rnd and not over), past=(n < rnd or over), communique=r.communique,
                final=r.final)
        for n, r in enumerate(sc.rounds)
    )
    cur = sc.rounds[rnd]
    days = (sc.deadline - cur.date).days
    label = f"Round {rnd + 1} of {len(sc.rounds)} - {fmt_date(cur.date)} - {cur.name}"
    if match.state.phase == "signing" and "signing" not in cur.name.lower():  # not "the signing - signing"
        label += " - signing"
    return CalendarVM(rounds, fmt_date(sc.deadline), f"{sc.deadline.day} {sc.deadline:%b}", label, days)


def _draft_vms(model, state_drafts, on_table, communiques) -> tuple[DraftVM, ...]:
    ids = model.actor_ids
    sc = model.scenario
    issued = {d: ok for _, d, ok in communiques}
    out = []
    for d in state_drafts:
        names = tuple(sc.issues[k].levels[lv].name for k, lv in enumerate(d.levels))
        title = d.title or (f"Amended draft {d.parent}" if d.parent else "Draft")
        out.append(DraftVM(
            id=d.id, label=f"D{d.id}", title=title, author=ids[d.author],
            author_short=sc.actors[d.author].short, author_name=sc.actors[d.author].name,
            levels=tuple(d.levels), level_names=names,
            endorse=tuple(ids[i] for i in sorted(d.endorse)), oppose=tuple(ids[i] for i in sorted(d.oppose)),
            round=d.round, parent=d.parent, on_table=(d.id == on_table),
            communique=("" if d.id not in issued else ("adopted" if issued[d.id] else "failed")),
        ))
    return tuple(out)


def forecast_vm(view: View, sit=None) -> ForecastVM:
    """'If the talks ended now' from the viewer's knowledge (the AI's own yardstick). ``sit``: the
    forecast's inputs, :meth:`Match.situation` (with what the level makes an AI chair do); None:
    :func:`game.ai.outlook.situation` of the view."""
    from game.ai.outlook import evaluate, situation
    from game.scoring.treaty import score_treaty

    m = view.model
    if not view.drafts:
        return ForecastVM(False, "No draft is on the table: if the talks ended now, the treaty would lapse.")
    try:
        sit = situation(view) if sit is None else sit
        pick, _, fc = evaluate(view, sit)
    except Exception as exc:  # a forecast must never take the window down
        return ForecastVM(False, f"The forecast is not available ({exc.__class__.__name__}).")
    if fc is None or pick < 0:
        return ForecastVM(False, "No forecast.")
    if view.on_table is not None:
        pick = next((n for n, d in enumerate(view.drafts) if d.id == view.on_table), pick)
    # What the likely text is worth to the viewer, in the same units as its outside option
    # (``evaluate``'s own figure adds the AI's objective weight, which is not comparable).
    my_value = float(fc.value[pick, view.viewer])
    ids = m.actor_ids
    per = []
    every = view.phase == "signing" and view.on_table is None  # the chair's choice: show each draft
    chosen = None
    for n, d in enumerate(view.drafts):
        if not every and n != pick:
            continue
        signers = frozenset(int(i) for i in range(m.n_actors) if fc.signers[n, i])
        ts = score_treaty(m, view.table, tuple(d.levels), view.chair, signers,  # the chair backs promises,
                          view.actors)  # as in the result
        if every:
            per.append((d.id, tuple(ids[i] for i in sorted(signers)), round(ts.tightness, 1), ts.label))
        if n == pick:
            chosen = (d, signers, ts)
    d, signers, ts = chosen
    elig = [i for i, s in enumerate(m.status) if s != "non_party"]
    me = view.viewer
    sign_v, stay_v = float(fc.sign_value[pick, me]), float(fc.stay_value[pick, me])
    verdict = my_verdict(view, d.id, me in signers, sign_v, stay_v, bool(fc.red[pick, me]))
    # (not once the viewer has signed or declined; two more forecasts, so only when there is a verdict)
    parts = signing_stakes_parts(view, d.id, sit) if verdict.startswith("You would") else []
    stakes = " ".join(long for _, long in parts)
    # the panel's one line (the whole of it is in the line's tooltip, and in the warning before signing)
    stakes_short = ("Also: " + "; ".join(short for short, _ in parts)) if parts else ""
    best = None
    if every:  # the draft worth most to the viewer (the chair's score is its own, not the tightness)
        n_best = max(range(len(view.drafts)), key=lambda n: (float(fc.value[n, me]), -n))
        best = (view.drafts[n_best].id, round(float(fc.value[n_best, me]), 3), round(my_value, 3))
    return ForecastVM(
        True, "", pick=d.id, pick_label=f"D{d.id}",
        signers=tuple(ids[i] for i in sorted(signers)),
        outside=tuple(ids[i] for i in elig if i not in signers),
        tightness=round(ts.tightness, 1), label=ts.label, depth=ts.depth, breadth=ts.breadth,
        in_force=ts.in_force, min_signatures=ts.min_signatures, i_sign=view.viewer in signers,
        my_value=round(my_value, 3), my_outside=round(float(view.table.outside[view.viewer]), 3),
        my_sign_value=round(sign_v, 3), my_stay_value=round(stay_v, 3), my_verdict=verdict,
        per_draft=tuple(per), best_for_me=best, my_red_crossed=tuple(red_lines_crossed(view, d.levels)),
        my_stakes=stakes, my_stakes_short=stakes_short,
    )


def signing_stakes(view: View, draft_id: int, sit=None) -> str:
    """What the verdict's two numbers leave out, in full sentences ("" when nothing): see
    :func:`signing_stakes_parts`."""
    return " ".join(long for _, long in signing_stakes_parts(view, draft_id, sit))


def signing_stakes_parts(view: View, draft_id: int, sit=None) -> list[tuple[str, str]]:
    """What the verdict's two numbers leave out, from the viewer's own forecast run twice, once
    with the viewer signing and once staying out (the others' answers follow): "staying out" is
    worth its number only while the others' treaty still enters into force, and a role's score
    also counts its brief's objectives, which the numbers do not. A player who followed the bare
    numbers could decline a signature the treaty needed, or miss "You sign the pact", and score
    less (tutorial, Corallia: signing scored 32-38, declining 15-19). Each part is (a few words for
    a one-line panel, the full sentence). ``sit``: the view's ``situation``, if the caller has it."""
    import numpy as np

    from game.ai.outlook import situation
    from game.engine.utility import forecast
    from game.scoring.roles import Outcome, objective_met
    from game.scoring.treaty import score_treaty

    m, me = view.model, view.viewer
    sc = m.scenario
    n = next((k for k, d in enumerate(view.drafts) if d.id == draft_id), None)
    if n is None or view.actors[me].status != PRESENT:
        return []
    levels = tuple(int(x) for x in view.drafts[n].levels)
    sit = situation(view) if sit is None else sit
    cases = {}
    for sign in (True, False):
        fixed = np.full(m.n_actors, -1) if sit.fixed is None else np.array(sit.fixed)
        fixed[me] = 1 if sign else 0
        fc = forecast(m, view.table, sit.levels, view.chair, sit.support, sit.pay[None, :], fixed,
                      sigma=sit.sigma, certain=me)
        pf = float(fc.p_force[n])
        chance = {}  # each objective's chance of being met: in force (the likely signers) or lapsed
        for who, p in ((frozenset(int(i) for i in range(m.n_actors) if fc.signers[n, i]), pf),
                       (frozenset({me} if sign else ()), 1 - pf)):
            ts = score_treaty(m, view.table, levels, view.chair, who, view.actors)
            out = Outcome(levels=levels, author=view.chair, signers=who, treaty=ts, actors=view.actors)
            for o in sc.actors[me].objectives:
                chance[o.id] = chance.get(o.id, 0.0) + (p if objective_met(m, o, me, out) else 0.0)
        cases[sign] = (pf, float(fc.value[n, me]), chance)
    notes = []
    (p1, v1, _), (p0, v0, _) = cases[True], cases[False]
    if p1 - p0 >= 0.2:
        notes.append(("staying out may sink the treaty",
                      f"But staying out lowers the forecast's chance that the treaty enters into force from "
                      f"{100 * p1:.0f}% to {100 * p0:.0f}%: counting that, the outcome is worth about {v1:.2f} "
                      f"to you if you sign and {v0:.2f} if you stay out."))
    objs = sc.actors[me].objectives
    total = sum(o.points for o in objs)
    share = sc.settings.utility_share
    if total and share < 1:
        got = {sign: sum(o.points * c[o.id] for o in objs) for sign, (_, _, c) in cases.items()}
        if abs(got[True] - got[False]) >= 0.5:
            better = got[True] > got[False]
            only = "\u201d, \u201c".join(o.description.rstrip(".") for o in objs
                                         if cases[better][2][o.id] - cases[not better][2][o.id] >= 0.25)
            notes.append((f"your objectives favour {'signing' if better else 'staying out'}",
                          f"These numbers leave out your brief's objectives ({round(100 * (1 - share))}% of "
                          f"your score): by the forecast, {'signing' if better else 'staying out'} meets about "
                          f"{got[better]:.1f} of your {total} objective points, "
                          f"{'staying out' if better else 'signing'} about {got[not better]:.1f}"
                          + (f" (\u201c{only}\u201d)." if only else ".")))
    return notes


def red_lines_crossed(view: View, levels) -> list[str]:
    """The viewer's own red lines (from its brief) that a text with ``levels`` crosses, each
    in words: the level the text has and the levels the red line needs."""
    from game.report.briefs import either, level_range

    sc = view.model.scenario
    out = []
    for r in sc.actors[view.viewer].red_lines:
        k = next((n for n, issue in enumerate(sc.issues) if issue.id == r.issue), None)
        if k is None:
            continue
        ok, _ = level_range(sc, r.issue, r.at_least, r.at_most)
        has = sc.issues[k].levels[int(levels[k])].name
        if has not in ok:
            out.append(f"{sc.issues[k].name} is \u201c{has}\u201d, and your red line needs {either(ok)}")
    return out


# --------------------------------------------------------------------------- what a move changed

NO_CHANGE = "no change to the forecast"


def forecast_change(before: ForecastVM | None, after: ForecastVM | None,
                    names: dict[str, str] | None = None, arrow: str = "\u2192") -> tuple[str, ...]:
    """What changed between two forecasts of the same delegation (each from its own view), in
    a few words a change ("tightness 59 \u2192 62"); empty when nothing shown changed. ``names``
    (actor id -> name) adds who joined or left the likely signatories; ``arrow`` is "->" where the
    font has no arrow (the window's Noto Sans)."""
    if before is None or after is None or (not before.available and not after.available):
        return ()
    if not after.available:
        return ("no forecast now",)
    if not before.available:
        return (f"a forecast now: the chair would likely pick {after.pick_label}, "
                f"{len(after.signers)} would sign",)
    parts = []
    if before.pick != after.pick:
        parts.append(f"likely pick {before.pick_label} {arrow} {after.pick_label}")
    if set(before.signers) != set(after.signers):
        who = ""
        if names:
            came = [names.get(a, a) for a in after.signers if a not in before.signers]
            went = [names.get(a, a) for a in before.signers if a not in after.signers]
            who = " (" + ", ".join([f"+{n}" for n in came] + [f"\u2212{n}" for n in went]) + ")"
        count = (f"{len(after.signers)}" if len(before.signers) == len(after.signers)
                 else f"{len(before.signers)} {arrow} {len(after.signers)}")
        parts.append(f"would sign {count}{who}")
    if before.in_force != after.in_force:
        parts.append("it would enter into force" if after.in_force else "it would lapse")
    if round(before.tightness) != round(after.tightness):
        parts.append(f"tightness {before.tightness:.0f} {arrow} {after.tightness:.0f}")
    if before.i_sign is not None and after.i_sign is not None and before.i_sign != after.i_sign:
        word = {True: "sign", False: "stay out"}
        parts.append(f"you: {word[before.i_sign]} {arrow} {word[after.i_sign]}")
    for label, a, b in (("your signing value", before.my_sign_value, after.my_sign_value),
                        ("staying out", before.my_stay_value, after.my_stay_value)):
        if a is not None and b is not None and f"{a:.2f}" != f"{b:.2f}":
            parts.append(f"{label} {a:.2f} {arrow} {b:.2f}")
    return tuple(parts)


def change_text(parts: tuple[str, ...]) -> str:
    """The parts of a forecast change as one phrase ("no change to the forecast" when none)."""
    return "; ".join(parts) if parts else NO_CHANGE


def move_heading(label: str, moment_before: tuple, moment_after: tuple) -> str:
    """'your move (lobbied Russia)', and when the move closed the meeting, what else came with it
    before anyone could look: the next meeting's opening news (its events move positions too), or
    the close of the talks. ``moment_*`` are (round, phase) before and after the move."""
    if moment_before[0] != moment_after[0]:
        return f"your move ({label}) and the news that opened the next meeting"
    if moment_before[1] != moment_after[1]:
        return f"your move ({label}), which closed the talks"
    return f"your move ({label})"


def move_label(scenario, action: A.Action) -> str:
    """A move in a few words, for "Your move (amend D3): ..."."""
    kind = action.kind
    if kind == "table":
        return "tabled a draft"
    if kind == "amend":
        return f"amended D{action.draft} on {scenario.issues[action.issue].name}"
    if kind in ("endorse", "oppose"):
        return f"{kind}d D{action.draft}"
    if kind in ("lobby", "offer"):
        target = next((a.name for a in scenario.actors if a.id == action.target), action.target)
        return f"lobbied {target}" if kind == "lobby" else f"an offer to {target}"
    if kind == "respond":
        return f"{'accepted' if action.accept else 'rejected'} offer {action.offer}"
    if kind == "red_line":
        return f"a red line on {scenario.issues[action.issue].name}"
    if kind == "communique":
        return f"called a communiqu\u00e9 on D{action.draft}"
    if kind == "put_to_signature":
        return f"put D{action.draft} to signature"
    if kind == "sign":
        return "signed" if action.sign else "declined"
    return {"walk_out": "walked out", "return": "returned", "pass": "passed"}.get(kind, kind.replace("_", " "))


def sign_warning(fc: ForecastVM, draft_id: int | None, declared: bool = False) -> str:
    """Why signing ``draft_id`` goes against the signer's own forecast (worth less signed than
    staying out, or across its own red lines), as a question; empty when it does not."""
    if not fc.available or draft_id is None or fc.pick != draft_id:
        return ""
    why = []
    if fc.my_sign_value is not None and fc.my_stay_value is not None and fc.my_sign_value < fc.my_stay_value:
        why.append(f"Signing D{draft_id} is worth {fc.my_sign_value:.2f} to you, staying out "
                   f"{fc.my_stay_value:.2f} (your forecast, from what your delegation knows).")
    if fc.my_red_crossed:
        why.append(f"D{draft_id} crosses your red line ({'; '.join(fc.my_red_crossed)}): your brief says you "
                   "will not sign such a text"
                   + (", and signing across a red line declared in public costs reputation." if declared else "."))
    if not why:
        return ""
    if fc.my_stakes:
        why.append(fc.my_stakes)
    return " ".join(why) + " Sign anyway?"


def communique_support(vm: "TableVM", draft_id: int | None) -> str:
    """How far a draft is from a joint communiqué (every delegation at the table endorses it and
    none opposes it): public, from the draft's endorsements and oppositions."""
    d = vm.draft(draft_id) if draft_id is not None else None
    if d is None:
        return ""
    present = [x for x in vm.delegates if x.status == PRESENT]
    yes = [x for x in present if x.id in d.endorse]
    against = [x.name for x in present if x.id in d.oppose]
    missing = [x.name for x in present if x.id not in d.endorse and x.id not in d.oppose]
    text = f"D{d.id} is endorsed by {len(yes)} of the {len(present)} delegations at the table"
    if against:
        text += f", opposed by {', '.join(against)}"
    if missing and len(missing) < len(present):
        text += f"; not yet endorsed by {', '.join(missing)}"
    return text


def my_verdict(view: View, draft_id: int, signs: bool, sign_v: float, stay_v: float, red: bool) -> str:
    """Whether the viewer would sign the likely draft, and why, with the two numbers the forecast
    compares: what the text is worth signed, and what staying out is worth while the others sign
    (the outside option plus what their treaty gives an outsider). Comparing the outcome's value
    with the bare outside option could say "stay out" beside a larger number."""
    me = view.viewer
    status = view.actors[me].status
    sig = view.signatures[me] if view.phase == "signing" and view.signatures else -1
    numbers = f"signing D{draft_id} is worth {sign_v:.2f} to you, staying out {stay_v:.2f}"
    if sig == 1:
        return f"You have signed D{draft_id}."
    if sig == 0:
        return f"You have declined D{draft_id}."
    if status != "present":
        return f"Away from the table, you cannot sign ({numbers})."
    if red and not signs:
        return f"You would stay out: D{draft_id} crosses one of your red lines ({numbers})."
    if signs:
        return f"You would sign: {numbers}."
    return f"You would stay out: {numbers}."


# --------------------------------------------------------------------------- the table

def table_vm(match: Match, viewer: str | None, with_forecast: bool = True) -> TableVM:
    """Everything the negotiation table shows, for ``viewer`` (None: public only)."""
    game, state = match.game, match.state
    model = game.model
    sc = model.scenario
    view = game.view(state, viewer) if viewer is not None else None
    vmodel = view.model if view is not None else public_model(model, None)
    table = view.table if view is not None else public_table(match)
    me = view.viewer if view is not None else -1
    to_move = match.to_move
    delegates = []
    for i, a in enumerate(sc.actors):
        st = state.actors[i]
        pos, label = stance(vmodel, table, i)
        declared = tuple(red_line_text(model, k, lo, hi) for k, lo, hi in st.declared)
        delegates.append(DelegateVM(
            index=i, id=a.id, name=a.name, short=a.short, colour=a.colour,
            delegate=st.delegate or a.delegate.name, title=a.delegate.title if st.delegate in ("", a.delegate.name) else "",
            status=st.status, status_label=STATUS_LABELS.get(st.status, st.status),
            stance=pos, stance_label=label, is_chair=(i == state.chair),
            is_turn=(to_move == a.id), is_me=(i == me), is_human=(match.seats.get(a.id) == "human"),
            ap=st.ap, done=st.done, signature=state.signatures[i] if state.signatures else -1,
            signature_label=SIGNATURE_LABELS.get(state.signatures[i] if state.signatures else -1, ""),
            reputation=st.reputation, red_lines=declared,
        ))
    issues = []
    for k, iss in enumerate(sc.issues):
        levels = tuple(LevelVM(n, lv.id, lv.name, lv.description, None if iss.sequencing else lv.depth)
                       for n, lv in enumerate(iss.levels))
        issues.append(IssueVM(
            k, iss.id, iss.name, iss.description, levels, iss.sequencing,
            my_ideal=float(table.ideal[me, k]) if me >= 0 else None,
            my_salience=float(table.salience[me, k]) if me >= 0 else None,
            weight=float(model.weight[k]),
        ))
    drafts = _draft_vms(model, state.drafts, state.on_table, state.communiques)
    if view is not None:
        news, private = log_lines(view.log, model=model)
        forecast = forecast_vm(view, match.situation(view)) if with_forecast else ForecastVM(False, "")
    else:
        news, _ = log_lines([e for e in state.log if e.visible is None])
        private = ()
        forecast = ForecastVM(False, "The forecast is private to each delegation.")
    offers, pending, kinds = [], [], []
    if view is not None:
        for o in view.offers:
            kind = next((k for k in sc.actors[o.giver].offers if k.id == o.kind), None)
            name = kind.name if kind else o.kind
            cond = CONDITION_TEXT.get(o.condition, o.condition).format(draft=o.draft)
            incoming = o.target == me
            if incoming:
                text = f"{sc.actors[o.giver].name} offers you '{name}' if your delegation {cond}"
            else:
                text = f"You offered {sc.actors[o.target].name} '{name}' if it {cond}"
            vm = OfferVM(o.id, model.actor_ids[o.giver], sc.actors[o.giver].name,
                         model.actor_ids[o.target], sc.actors[o.target].name, name,
                         kind.description if kind else "", o.condition, o.draft, o.status, incoming,
                         text.replace("your delegation signs", "you sign").replace(
                             "your delegation endorses", "you endorse"))
            offers.append(vm)
            if incoming and o.status == "pending":
                pending.append(vm)
        kinds = [OfferKindVM(k.id, k.name, k.description, tuple(k.to), k.cost, k.value)
                 for k in sc.actors[me].offers]
    meeting = sc.rounds[state.round]
    ap_max = meeting.action_points or sc.settings.action_points
    my_state = state.actors[me] if me >= 0 else None
    return TableVM(
        viewer=viewer, phase=state.phase, round=state.round, delegates=tuple(delegates),
        issues=tuple(issues), drafts=drafts, forecast=forecast, calendar=calendar_vm(match),
        news=news, private=private, to_move=to_move,
        to_move_name=sc.actors[model.actor_index(to_move)].name if to_move else "",
        to_move_human=match.human_to_move(),
        # the viewer's turn only when a person plays the seat (watching an AI seat is not)
        my_turn=(to_move is not None and to_move == viewer and match.human_to_move()),
        is_chair=(me == state.chair), my_status=my_state.status if my_state else "",
        ap=my_state.ap if my_state else 0, ap_max=ap_max, costs=dict(sc.settings.costs),
        offers=tuple(offers), pending=tuple(pending), offer_kinds=tuple(kinds),
        communique_meeting=meeting.communique,
        communique_called=any(r == state.round for r, _, _ in state.communiques),
        on_table=state.on_table, chair=model.actor_ids[state.chair],
        chair_name=sc.actors[state.chair].name, title=sc.title, over=match.over,
    )


def profile_vm(match: Match, viewer: str | None, actor_id: str) -> ProfileVM:
    """A delegation's public profile and your relations with it (affinity as you know it)."""
    game, state = match.game, match.state
    model = game.model
    i = model.actor_index(actor_id)
    a = model.scenario.actors[i]
    if viewer is not None:
        view = game.view(state, viewer)
        table, me, vmodel = view.table, view.viewer, view.model
    else:
        table, me, vmodel = public_table(match), -1, public_model(model, None)
    to = float(table.affinity[me, i]) if me >= 0 and me != i else None
    frm = float(table.affinity[i, me]) if me >= 0 and me != i else None
    if me == i:
        relation = "This is your own delegation."
    elif me < 0:
        relation = "Relations are shown to each delegation privately."
    else:
        relation = (f"You regard {a.name} as {relation_word(to)} ({to:+.2f}); as far as you know, "
                    f"{a.name} regards you as {relation_word(frm)} ({frm:+.2f}).")
    st = state.actors[i]
    positions = tuple((iss.name, level_name(vmodel, k, float(table.ideal[i, k])))
                      for k, iss in enumerate(model.scenario.issues))
    return ProfileVM(
        id=a.id, name=a.name, short=a.short, colour=a.colour, delegate=st.delegate or a.delegate.name,
        title=a.delegate.title if st.delegate in ("", a.delegate.name) else "",
        status_label=STATUS_LABELS.get(st.status, st.status), public_profile=a.public_profile,
        capability=float(table.capability[i]), reliability=float(table.reliability[i]),
        reputation=float(st.reputation), affinity_to=to, affinity_from=frm, relation=relation,
        stance_label=stance(vmodel, table, i)[1], positions=positions,
        declared=tuple(red_line_text(model, k, lo, hi) for k, lo, hi in st.declared),
    )


def brief_vm(match: Match, actor_id: str) -> BriefVM:
    """The role brief, from the actor's own view (its scenario entry keeps its secrets)."""
    view = match.game.view(match.state, actor_id)
    sc = view.model.scenario
    a = sc.actors[view.viewer]
    model = view.model
    reds = []
    for r in a.red_lines:
        k = model.issue_index(r.issue)
        parts = []
        if r.at_least:
            parts.append(f"at least '{sc.issues[k].levels[model.level_index(k, r.at_least)].name}'")
        if r.at_most:
            parts.append(f"at most '{sc.issues[k].levels[model.level_index(k, r.at_most)].name}'")
        reds.append(f"{sc.issues[k].name}: " + " and ".join(parts))
    offers = []
    for o in a.offers:
        to = ", ".join(sc.actors[model.actor_index(t)].name for t in o.to) if o.to else "anyone"
        offers.append(f"{o.name} (to {to})" + (f": {o.description}" if o.description.strip() else ""))
    positions = tuple((iss.name, level_name(model, k, float(view.table.ideal[view.viewer, k])),
                       float(view.table.salience[view.viewer, k])) for k, iss in enumerate(sc.issues))
    sources = tuple(f"{key}: {sc.sources.get(key, '')}".rstrip(": ") for key in a.sources)
    if not sources:
        sources = tuple(f"{k}: {v}" for k, v in sc.sources.items())
    return BriefVM(
        id=a.id, name=a.name, short=a.short, colour=a.colour, delegate=a.delegate.name,
        title=a.delegate.title, scenario_title=sc.title, public_profile=a.public_profile,
        confidential=a.confidential, objectives=tuple((o.description, o.points) for o in a.objectives),
        red_lines=tuple(reds), offers=tuple(offers), positions=positions, sources=sources,
        is_chair=(view.viewer == view.chair),
    )


# --------------------------------------------------------------------------- results

def lobbied_note(match: Match, actor_id: str) -> str:
    """How others' lobbying moved a delegation's positions, from the lines it saw itself: its
    score measures the outcome against its positions as they ended the talks, so the same text
    can score differently from history (where nobody lobbied it). In plain words: who lobbied
    you, on what ("Lobbying moved your positions (Corallia once; on Patrols)" read as if you had
    lobbied Corallia, and spoke of history in scenarios that have none)."""
    model = match.game.model
    me = model.actor_index(actor_id)
    by: dict[str, list[str]] = {}  # who lobbied you -> the issue of each lobby that moved you
    for e in match.state.log:
        if e.kind != "lobby" or len(e.actors) < 2 or e.actors[1] != me or not dict(e.data).get("delta"):
            continue
        name = model.scenario.actors[e.actors[0]].name
        by.setdefault(name, []).append(model.scenario.issues[int(dict(e.data)["issue"])].name)
    if not by:
        return ""

    def who(name: str, issues: list[str]) -> str:
        k = len(issues)
        times = "once" if k == 1 else "twice" if k == 2 else f"{k} times"
        return f"{name} lobbied you {times} (on {', '.join(dict.fromkeys(issues))})"

    lobbies = "; ".join(who(n, i) for n, i in by.items())
    history = model.scenario.history is not None
    return (f"{lobbies}, and that moved your own positions. Your score measures the outcome against your "
            "positions as they ended the talks"
            + (", which is why the same text can score differently from history." if history else "."))


def results_vm(match: Match, cloud: list[dict] | None = None) -> ResultsVM:
    """The final score with its breakdown, history beside it, and the AI-only cloud."""
    from game.scoring import history_result

    model = match.game.model
    sc = model.scenario
    r = match.result()
    t = r.treaty
    hist = history_result(model)
    cloud = cloud or []
    names = {a.id: a for a in sc.actors}
    roles = []
    for a in sc.actors:
        rs = r.roles[a.id]
        ai = [c["scores"][a.id] for c in cloud if a.id in c.get("scores", {})]
        roles.append(RoleRowVM(
            a.id, a.name, a.short, a.colour, match.seats.get(a.id) == "human", a.id in t.signatories,
            round(rs.score, 1), round(hist.roles[a.id].score, 1) if hist else None,
            round(sum(ai) / len(ai), 1) if ai else None,
            tuple((o[1], o[2], o[3]) for o in rs.objectives),
            match.state.actors[match.game.model.actor_index(a.id)].status != "non_party",
            utility=rs.utility, objective_share=rs.objective_share,
            moved=lobbied_note(match, a.id) if match.seats.get(a.id) == "human" else "",
        ))
    points = [ChartPointVM(t.depth, t.breadth, "game", "This game", t.tightness)]
    if hist:
        points.append(ChartPointVM(hist.treaty.depth, hist.treaty.breadth, "history",
                                   f"History, {fmt_date(sc.history.date)}", hist.treaty.tightness))
    for c in cloud:
        points.append(ChartPointVM(float(c["depth"]), float(c["breadth"]), "ai", f"AI game {c['seed']}",
                                   float(c["tightness"])))
    seq = ""
    if t.sequencing and model.seq >= 0:
        seq = sc.issues[model.seq].levels[model.level_index(model.seq, t.sequencing)].name
    reveals = tuple(e.text for e in match.state.log if e.kind == "reveal")
    from game.scoring.frontier import describe, frontier
    from game.scoring.result import final_outcome
    from game.session import facilitator as F

    found = frontier(model, *final_outcome(model, match.state)[:2])

    return ResultsVM(
        # "team": a facilitated game (the teacher at the screen played none of them) or several
        # teams at one screen (hotseat); "you": the one player at the screen
        human_mark="team" if F.record_of(match) is not None or len(match.humans) > 1 else "you",
        scenario_title=sc.title, tightness=round(t.tightness, 1), label=t.label, depth=t.depth,
        breadth=t.breadth, cohesion=t.cohesion, in_force=t.in_force, min_signatures=t.min_signatures,
        signatories=tuple(names[s].name for s in t.signatories), sequencing=seq,
        clauses=tuple((c.issue_name, c.level_name, c.depth, c.weight, c.points) for c in t.clauses),
        signatures=tuple((s.actor, s.name, names[s.actor].short, s.signed, s.reliability, s.points)
                         for s in t.signatures),
        text=tuple((sc.issues[k].name, sc.issues[k].levels[lv].name) for k, lv in enumerate(r.levels)),
        roles=tuple(roles),
        history_date=fmt_date(sc.history.date) if sc.history else "",
        history_summary=sc.history.summary if sc.history else "This scenario has no historical outcome.",
        history_tightness=round(hist.treaty.tightness, 1) if hist else None,
        history_label=hist.treaty.label if hist else "",
        history_signatories=tuple(names[s].name for s in hist.treaty.signatories) if hist else (),
        reveals=reveals, points=tuple(points), cloud_runs=len(cloud),
        utility_share=sc.settings.utility_share, depth_weight=sc.settings.depth_weight,
        left_on_table=describe(found, {a.id: a.name for a in sc.actors}, "->") if found is not None else "",
    )


# --------------------------------------------------------------------------- actions

def describe_action(match: Match, action: A.Action) -> str:
    """A short sentence for an action (used in confirmations and the help overlay)."""
    sc = match.scenario
    kind = action.kind
    if kind == "table":
        return "table a new draft"
    if kind == "amend":
        iss = sc.issues[action.issue]
        return f"amend D{action.draft}: {iss.name} to '{iss.levels[action.level].name}'"
    if kind in ("endorse", "oppose"):
        return f"{kind} D{action.draft}"
    if kind == "lobby":
        return f"lobby {action.target} on {sc.issues[action.issue].name}"
    return kind.replace("_", " ")


# --------------------------------------------------------------------------- the facilitator's view

@dataclass(frozen=True)
class SecretRowVM:
    """One delegation as the facilitator sees it: the truth, and what others believe."""

    id: str
    name: str
    short: str
    colour: str
    seat: str  # human | ai | ...
    status_label: str
    stance_label: str  # true position on the sequencing axis
    outside: float  # true outside option (with every adjustment)
    outside_public: float  # what the others believe it is
    reliability: float
    reputation: float
    ap: int
    red_lines: tuple[str, ...]  # its red lines, declared or not
    declared: tuple[str, ...]
    positions: tuple[tuple[str, str, float], ...]  # (issue, true ideal level, salience)
    confidential: str
    objectives: tuple[tuple[str, int], ...]
    private_log: tuple[LogLineVM, ...]
    offers: tuple[str, ...]  # the offers it made or received, in words


@dataclass(frozen=True)
class FacilitatorVM:
    table: TableVM  # the table, drawn for the delegation at the keyboard (or nobody's)
    moves: tuple[LogLineVM, ...]  # every log entry; private ones say who saw them
    offers: tuple[str, ...]
    secrets: tuple[SecretRowVM, ...]
    injects: tuple[str, ...]


def truth_view(match: Match) -> View:
    """A view with nothing hidden (the full model, the true table, every offer and log entry)."""
    from dataclasses import replace

    from game.engine.views import make_view

    game, state = match.game, match.state
    base = make_view(game.model, state, state.chair if state.chair >= 0 else 0)
    return replace(base, model=game.model, table=build_table(game.model, state, None), offers=state.offers,
                   log=state.log)


def _offer_text(sc, model, o) -> str:
    kind = next((k for k in sc.actors[o.giver].offers if k.id == o.kind), None)
    cond = CONDITION_TEXT.get(o.condition, o.condition).format(draft=o.draft)
    return (f"R{o.round + 1}: {sc.actors[o.giver].name} offers {sc.actors[o.target].name} "
            f"'{kind.name if kind else o.kind}' if it {cond} - {o.status}")


def _red_lines_of(model, actor) -> tuple[str, ...]:
    sc = model.scenario
    out = []
    for r in actor.red_lines:
        k = model.issue_index(r.issue)
        parts = []
        if r.at_least:
            parts.append(f"at least '{sc.issues[k].levels[model.level_index(k, r.at_least)].name}'")
        if r.at_most:
            parts.append(f"at most '{sc.issues[k].levels[model.level_index(k, r.at_most)].name}'")
        out.append(f"{sc.issues[k].name}: " + " and ".join(parts))
    return tuple(out)


def facilitator_vm(match: Match, acting: str | None, with_forecast: bool = True) -> FacilitatorVM:
    """Everything the facilitator sees: the table (the delegation ``acting`` at the keyboard, if any,
    has its own working view of the grid and the offers waiting for it), the true stances, every
    log entry and offer, each delegation's secrets and a forecast computed from the truth."""
    from dataclasses import replace

    from game.session import facilitator as F

    game, state = match.game, match.state
    model = game.model
    sc = model.scenario
    base = table_vm(match, acting, with_forecast=False)
    truth = build_table(model, state, None)
    public = public_table(match)
    delegates = []
    for d in base.delegates:
        pos, label = stance(model, truth, d.index)
        delegates.append(replace(d, stance=pos, stance_label=label))
    names = [a.name for a in sc.actors]
    moves = []
    for n, e in enumerate(state.log):
        detail = str(dict(e.data).get("text", "") or "")
        text = e.text
        if e.visible is not None:
            text += f"  [seen by {', '.join(names[i] for i in sorted(e.visible))}]"
        moves.append(LogLineVM(n, e.round, e.kind, text, e.visible is not None, detail))
    news = tuple(m for m in moves if not m.private)
    forecast = ForecastVM(False, "No forecast.")
    if with_forecast:
        try:
            seen = truth_view(match)
            forecast = replace(forecast_vm(seen, match.situation(seen)), i_sign=None, my_verdict="",
                               best_for_me=None)
        except Exception as exc:  # a forecast must never take the window down
            forecast = ForecastVM(False, f"The forecast is not available ({exc.__class__.__name__}).")
    tvm = replace(base, delegates=tuple(delegates), news=news, private=tuple(m for m in moves if m.private),
                  forecast=forecast)
    secrets = []
    for i, a in enumerate(sc.actors):
        st = state.actors[i]
        mine = [m for m in moves if m.private and i in (state.log[m.seq].visible or ())]
        secrets.append(SecretRowVM(
            id=a.id, name=a.name, short=a.short, colour=a.colour, seat=match.seats.get(a.id, "ai"),
            status_label=STATUS_LABELS.get(st.status, st.status), stance_label=stance(model, truth, i)[1],
            outside=float(truth.outside[i]), outside_public=float(public.outside[i]),
            reliability=float(truth.reliability[i]), reputation=float(st.reputation), ap=st.ap,
            red_lines=_red_lines_of(model, a),
            declared=tuple(red_line_text(model, k, lo, hi) for k, lo, hi in st.declared),
            positions=tuple((iss.name, level_name(model, k, float(truth.ideal[i, k])), float(truth.salience[i, k]))
                            for k, iss in enumerate(sc.issues)),
            confidential=a.confidential, objectives=tuple((o.description, o.points) for o in a.objectives),
            private_log=tuple(mine),
            offers=tuple(_offer_text(sc, model, o) for o in state.offers if i in (o.giver, o.target)),
        ))
    rec = F.record_of(match)
    injects = tuple(f"after {inj.at} moves: {inj.label(sc)}" for inj in (rec.injects if rec else ()))
    return FacilitatorVM(tvm, tuple(moves), tuple(_offer_text(sc, model, o) for o in state.offers),
                         tuple(secrets), injects)
