"""Checks that need the whole scenario: references, dates, reachability.

Each check returns :class:`Problem` records with the path of the offending value
so the loader can point at its line and column. Warnings do not stop a scenario
from loading.
"""

from __future__ import annotations

import difflib

from game.scenarios.problems import Problem
from game.scenarios.schema import Effect, Scenario

_NUMERIC = {"outside_option", "salience", "ideal", "capability", "reliability", "affinity"}


def _near(name: str, options) -> str:
    match = difflib.get_close_matches(str(name), [str(o) for o in options], n=1)
    return f"did you mean '{match[0]}'?" if match else f"known: {', '.join(map(str, options))}"


def check_scenario(sc: Scenario) -> list[Problem]:
    """Every cross-reference and consistency problem in a structurally valid scenario."""
    out: list[Problem] = []
    out += _check_issues(sc)
    out += _check_actors(sc)
    out += _check_rounds(sc)
    for n, ev in enumerate(sc.events):
        for m, eff in enumerate(ev.effects):
            out += _check_effect(sc, eff, ("events", n, "effects", m))
        if not sc.start <= ev.date <= sc.deadline:
            out.append(Problem(f"event '{ev.id}' is dated {ev.date}, outside the scenario "
                               f"({sc.start} to {sc.deadline}); it will never fire",
                               ("events", n, "date"), severity="warning"))
    out += _check_draws(sc)
    out += _check_drafts(sc)
    out += _check_history(sc)
    return out


def _dupes(items, path: tuple, what: str) -> list[Problem]:
    seen, out = set(), []
    for n, item in enumerate(items):
        if item.id in seen:
            out.append(Problem(f"duplicate {what} id '{item.id}'", path + (n, "id"),
                               "ids must be unique"))
        seen.add(item.id)
    return out


def _check_issues(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.issues, ("issues",), "issue")
    seqs = [n for n, i in enumerate(sc.issues) if i.sequencing]
    for n in seqs[1:]:
        out.append(Problem("only one issue can be the sequencing issue", ("issues", n, "sequencing")))
    for n, issue in enumerate(sc.issues):
        out += _dupes(issue.levels, ("issues", n, "levels"), "level")
        ids = [lv.id for lv in issue.levels]
        if issue.baseline is not None and issue.baseline not in ids:
            out.append(Problem(f"baseline '{issue.baseline}' is not a level of issue '{issue.id}'",
                               ("issues", n, "baseline"), _near(issue.baseline, ids)))
        for m, lv in enumerate(issue.levels):
            p = ("issues", n, "levels", m)
            if not issue.sequencing and lv.depth is None:
                out.append(Problem(f"level '{lv.id}' of issue '{issue.id}' needs a depth",
                                   p, "add 'depth: 0.5' (0 = not binding, 1 = fully binding)"))
            if not issue.sequencing and lv.promise_weight is not None:
                out.append(Problem("promise_weight belongs on the sequencing issue's levels only",
                                   p + ("promise_weight",), severity="warning"))
    return out


def _level_ref(sc: Scenario, issue_id: str | None, level_id: str | None, path: tuple,
               issue_key: str = "issue", level_key: str = "level") -> list[Problem]:
    issues = {i.id: i for i in sc.issues}
    if issue_id is None:
        return []
    if issue_id not in issues:
        return [Problem(f"unknown issue '{issue_id}'", path + (issue_key,), _near(issue_id, issues))]
    levels = [lv.id for lv in issues[issue_id].levels]
    if level_id is not None and level_id not in levels:
        return [Problem(f"issue '{issue_id}' has no level '{level_id}'", path + (level_key,),
                        _near(level_id, levels))]
    return []


def _actor_ref(sc: Scenario, actor_id: str | None, path: tuple, star: bool = False) -> list[Problem]:
    ids = [a.id for a in sc.actors]
    if actor_id is None or actor_id in ids or (star and actor_id == "*"):
        return []
    return [Problem(f"unknown actor '{actor_id}'", path, _near(actor_id, ids))]


def _check_actors(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.actors, ("actors",), "actor")
    out += _actor_ref(sc, sc.chair, ("chair",))
    issue_ids = [i.id for i in sc.issues]
    for n, a in enumerate(sc.actors):
        p = ("actors", n)
        for issue_id, pos in a.positions.items():
            if issue_id not in issue_ids:
                out.append(Problem(f"unknown issue '{issue_id}' in positions", p + ("positions", issue_id),
                                   _near(issue_id, issue_ids)))
                continue
            top = len(sc.issue(issue_id).levels) - 1
            if pos.ideal > top:
                out.append(Problem(f"ideal {pos.ideal} is beyond the last level of '{issue_id}' ({top})",
                                   p + ("positions", issue_id, "ideal"), f"use 0 to {top}"))
        for issue_id in issue_ids:
            if issue_id not in a.positions:
                out.append(Problem(f"actor '{a.id}' has no position on issue '{issue_id}' "
                                   "(it will be treated as indifferent)", p + ("positions",),
                                   severity="warning"))
        for m, rl in enumerate(a.red_lines):
            q = p + ("red_lines", m)
            out += _level_ref(sc, rl.issue, rl.at_least, q, level_key="at_least")
            out += _level_ref(sc, rl.issue, rl.at_most, q, level_key="at_most")
            if rl.at_least is None and rl.at_most is None:
                out.append(Problem("a red line needs at_least or at_most", q))
        for other in a.affinities:
            out += _actor_ref(sc, other, p + ("affinities", other))
            if other == a.id:
                out.append(Problem("an actor has no affinity with itself", p + ("affinities", other),
                                   severity="warning"))
        for m, value in a.affinities.items():
            if not -1 <= value <= 1:
                out.append(Problem(f"affinity must be between -1 and 1, got {value}",
                                   p + ("affinities", m)))
        for m, offer in enumerate(a.offers):
            for j, to in enumerate(offer.to):
                out += _actor_ref(sc, to, p + ("offers", m, "to", j))
        for m, obj in enumerate(a.objectives):
            out += _check_objective(sc, a, obj, p + ("objectives", m))
        for m, key in enumerate(a.sources):
            if sc.sources and key not in sc.sources:
                out.append(Problem(f"source key '{key}' is not in the scenario's sources",
                                   p + ("sources", m), _near(key, sc.sources), "warning"))
        if all(pos.salience >= 1 for pos in a.positions.values()) and not any(
                not o.to or a.id in o.to for b in sc.actors if b.id != a.id for o in b.offers):
            out.append(Problem(f"nobody can influence '{a.id}': every salience is 1 (lobbying has no "
                               "effect) and no offer can go to it", p, severity="warning"))
    parties = sum(1 for a in sc.actors if a.status != "non_party")
    if sc.settings.min_signatures > parties:
        out.append(Problem(f"min_signatures is {sc.settings.min_signatures} but there are only "
                           f"{parties} parties: the treaty can never enter into force",
                           ("settings", "min_signatures")))
    return out


_NEEDS = {
    "issue_at_least": ("issue", "level"), "issue_at_most": ("issue", "level"),
    "sequencing_is": ("level",), "actor_signs": ("actor",), "actor_not_signs": ("actor",),
    "tightness_at_least": ("value",), "tightness_at_most": ("value",), "breadth_at_least": ("value",),
}


def _check_objective(sc: Scenario, actor, obj, p: tuple) -> list[Problem]:
    out = []
    for key in _NEEDS.get(obj.kind, ()):
        if getattr(obj, key) is None:
            out.append(Problem(f"objective kind '{obj.kind}' needs '{key}'", p))
    issue = obj.issue
    if obj.kind == "sequencing_is" and issue is None:
        issue = next((i.id for i in sc.issues if i.sequencing), None)
        if issue is None:
            out.append(Problem("'sequencing_is' needs a sequencing issue in the scenario", p))
    out += _level_ref(sc, issue, obj.level, p)
    out += _actor_ref(sc, obj.actor, p + ("actor",))
    if obj.kind == "sequencing_is" and obj.issue and obj.issue in [i.id for i in sc.issues] \
            and not sc.issue(obj.issue).sequencing:
        out.append(Problem(f"'{obj.issue}' is not the sequencing issue", p + ("issue",)))
    never = (obj.kind in ("signs", "keep_word") and actor.status == "non_party") or (
        obj.kind == "actor_signs" and obj.actor and any(
            a.id == obj.actor and a.status == "non_party" for a in sc.actors)) or (
        obj.kind == "tightness_at_least" and (obj.value or 0) > 100) or (
        obj.kind == "breadth_at_least" and (obj.value or 0) > 1)
    if never:
        out.append(Problem(f"objective '{obj.id}' can never be met", p, severity="error"))
    return out


def _check_effect(sc: Scenario, eff: Effect, p: tuple) -> list[Problem]:
    out = _actor_ref(sc, eff.actor, p + ("actor",), star=True)
    if eff.field in ("ideal", "salience"):
        if eff.issue is None:
            out.append(Problem(f"an effect on '{eff.field}' needs an 'issue'", p))
        else:
            out += _level_ref(sc, eff.issue, None, p)
    if eff.field == "affinity":
        if eff.other is None:
            out.append(Problem("an effect on 'affinity' needs 'other' (the other actor)", p))
        out += _actor_ref(sc, eff.other, p + ("other",))
    if eff.field in _NUMERIC and eff.delta is None:
        out.append(Problem(f"an effect on '{eff.field}' needs a numeric 'delta'", p,
                           "e.g. delta: -0.05"))
    if eff.field == "status" and eff.value not in ("party", "boycotting", "non_party"):
        out.append(Problem("status must be party, boycotting or non_party", p + ("value",)))
    if eff.field in ("delegate", "chair") and not isinstance(eff.value, str):
        out.append(Problem(f"an effect on '{eff.field}' needs a text 'value'", p))
    if eff.field == "chair":
        out += _actor_ref(sc, str(eff.value), p + ("value",))
    return out


def _check_rounds(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.rounds, ("rounds",), "round")
    for n in range(1, len(sc.rounds)):
        if sc.rounds[n].date < sc.rounds[n - 1].date:
            out.append(Problem(f"round '{sc.rounds[n].id}' ({sc.rounds[n].date}) is dated before the "
                               f"round before it ({sc.rounds[n - 1].date})", ("rounds", n, "date"),
                               "list rounds in date order"))
    finals = [n for n, r in enumerate(sc.rounds) if r.final]
    if finals != [len(sc.rounds) - 1]:
        out.append(Problem("exactly one round, the last, must be final (the signing summit)",
                           ("rounds", finals[0] if finals else len(sc.rounds) - 1, "final"),
                           "set 'final: true' on the last round only"))
    if sc.deadline < sc.start:
        out.append(Problem("the deadline is before the start", ("deadline",)))
    if sc.rounds and sc.rounds[0].date < sc.start:
        out.append(Problem("the first round is before the scenario's start", ("rounds", 0, "date")))
    if sc.rounds and sc.rounds[-1].date > sc.deadline:
        out.append(Problem("the final round is after the deadline", ("rounds", len(sc.rounds) - 1, "date")))
    return out


def _check_draws(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.hidden_draws, ("hidden_draws",), "hidden draw")
    for n, d in enumerate(sc.hidden_draws):
        total = sum(o.probability for o in d.options)
        if abs(total - 1) > 1e-6:
            out.append(Problem(f"the probabilities of '{d.id}' add up to {total:g}, not 1 "
                               "(they will be rescaled)", ("hidden_draws", n, "options"),
                               severity="warning"))
        for m, o in enumerate(d.options):
            for j, eff in enumerate(o.effects):
                out += _check_effect(sc, eff, ("hidden_draws", n, "options", m, "effects", j))
    return out


def _check_drafts(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.initial_drafts, ("initial_drafts",), "draft")
    for n, d in enumerate(sc.initial_drafts):
        out += _actor_ref(sc, d.author, ("initial_drafts", n, "author"))
        for issue_id, level_id in d.levels.items():
            out += _level_ref(sc, issue_id, level_id, ("initial_drafts", n, "levels"),
                              issue_key=issue_id, level_key=issue_id)
    return out


def _check_history(sc: Scenario) -> list[Problem]:
    if sc.history is None:
        return []
    out = []
    for issue_id, level_id in sc.history.levels.items():
        out += _level_ref(sc, issue_id, level_id, ("history", "levels"), issue_key=issue_id,
                          level_key=issue_id)
    for n, a in enumerate(sc.history.signatories):
        out += _actor_ref(sc, a, ("history", "signatories", n))
    return out
