"""Checks that need the whole scenario: references, dates, reachability.

Each check returns :class:`Problem` records with the path of the offending value
so the loader can point at its line and column. Warnings do not stop a scenario
from loading.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from pydantic import BaseModel

from game.scenarios.glyphs import script_of, window_cannot_draw
from game.scenarios.problems import Problem
from game.scenarios.schema import Effect, Scenario


@dataclass(frozen=True)
class _UnknownId(Problem):
    """A reference to an id that no entry has. ``ref`` is ``("actor", ID)``, ``("issue", ID)``
    or ``("level", ISSUE_ID, ID)``, so that :func:`_fold_duplicates` can find it."""

    ref: tuple = ()


_NUMERIC = {"outside_option", "salience", "ideal", "capability", "reliability", "affinity"}


def _close(name: str, options) -> list[str]:
    return difflib.get_close_matches(str(name), [str(o) for o in options], n=1)


def _near(name: str, options) -> str:
    """'did you mean ...?', or the known names (each once, in their order)."""
    known = list(dict.fromkeys(str(o) for o in options))
    match = difflib.get_close_matches(str(name), known, n=1)
    return f"did you mean '{match[0]}'?" if match else f"known: {', '.join(known)}"


def check_scenario(sc: Scenario) -> list[Problem]:
    """Every cross-reference and consistency problem in a structurally valid scenario."""
    out: list[Problem] = []
    out += _check_issues(sc)
    out += _check_actors(sc)
    out += _check_rounds(sc)
    out += _check_events(sc)
    out += _check_draws(sc)
    out += _check_drafts(sc)
    out += _check_history(sc)
    out += _check_quiz(sc)
    out += _check_settings(sc)
    out += _check_table_size(sc)
    out += _check_window_glyphs(sc)
    return _fold_duplicates(sc, out)


# Texts the window never shows (sources, notes for the author) are not checked for its fonts.
_NOT_SHOWN = frozenset({"note", "notes", "sources", "source", "source_document", "extends", "version",
                        "schema_version", "id", "colour"})
_RTL_SCRIPTS = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana", "Nko", "Samaritan", "Mandaic"})


def _texts(value, path: tuple):
    """(path, text) of every text in a scenario model that the window may show."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_SHOWN:
                yield from _texts(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            yield from _texts(item, path + (n,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))


def _check_window_glyphs(sc: Scenario) -> list[Problem]:
    """A warning for each writing system the window's fonts lack (it would draw empty boxes)."""
    found: dict[str, list] = {}  # script -> [first path, first text, its letters, number of texts]
    for path, text in _texts(sc, ()):
        if text.isascii():
            continue
        scripts: dict[str, list[str]] = {}
        for ch in window_cannot_draw(text):
            scripts.setdefault(script_of(ch), []).append(ch)
        for script, chars in scripts.items():
            entry = found.setdefault(script, [path, text, chars, 0])
            entry[3] += 1
    out = []
    for script, (path, text, chars, count) in found.items():
        what = "symbols such as " + " ".join(chars[:3]) if script == "symbol" else f"{script} letters"
        shown = text if len(text) <= 40 else text[:39] + "…"
        more = f"; {count} texts in all" if count > 1 else ""
        rtl = " and does not lay out right-to-left text" if script in _RTL_SCRIPTS else ""
        out.append(Problem(
            f"the window's font cannot show {what} (here: '{shown}'{more}): the window draws them as "
            f"empty boxes{rtl}", path,
            "the text mode (play --text), the printable briefs and the reports show them; the window shows "
            "Latin, Greek, Cyrillic, Georgian and Armenian letters (section 8 of docs/scenario-authoring.md, in the "
            "source distribution)",
            "warning"))
    return out


# Delegations the window's conference table names on every card at every window size and text size
# (960x600 to 1920x1080, normal and large text); with normal text it names up to 48. Beyond, cards
# show only their badge's colour (the tooltip names them). See docs/scenario-authoring.md, section 5.
TABLE_NAMES_ALL = 32
TABLE_NAMES_NORMAL = 48


def _check_table_size(sc: Scenario) -> list[Problem]:
    n = len(sc.actors)
    if n <= TABLE_NAMES_ALL:
        return []
    where = ("with large text" if n <= TABLE_NAMES_NORMAL else "at any window size")
    return [Problem(f"{n} delegations: the window's conference table cannot name every card {where} (it names "
                    f"up to {TABLE_NAMES_ALL} at every size and text setting, {TABLE_NAMES_NORMAL} with normal "
                    "text); the other cards show only their colour, with the name in the tooltip",
                    ("actors",), "play it in a window of 1280x720 or more with normal text, or in the terminal "
                    "(play --text), or seat fewer delegations; the briefs, reports and text mode have no limit",
                    "warning")]


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def _named(entry, ref: str) -> bool:
    """Whether an entry's name starts with the id ``ref``, has it as a word, or its short name is it
    ('Karsk' for karsk, 'Mutual boarding' for mutual, 'Say over the throne' for throne, 'US' for us)."""
    key = _norm(ref)
    words = {_norm(word) for word in re.split(r"[\s/-]+", str(entry.name or ""))}
    return len(key) >= 2 and (_norm(entry.name).startswith(key) or _norm(getattr(entry, "short", "")) == key
                              or (len(key) >= 4 and key in words))


def _fold_duplicates(sc: Scenario, problems: list[Problem]) -> list[Problem]:
    """One message for one duplicated id. An entry copied from another often keeps the id it was
    copied from while its name says which id it should have ('- id: lirr' named 'Karsk'); every
    reference to that id ('karsk') is then unknown. Those follow-on messages are dropped and the
    duplicate's hint names the id instead. Unknown ids that no duplicate's name matches stay."""
    groups = [(("actor",), sc.actors, ("actors",)), (("issue",), sc.issues, ("issues",))]
    groups += [(("level", i.id), i.levels, ("issues", n, "levels")) for n, i in enumerate(sc.issues)]
    unknown = [p for p in problems if isinstance(p, _UnknownId)]
    hints: dict[tuple, str] = {}
    folded: set[Problem] = set()
    for prefix, entries, path in groups:
        owner = f"level of '{prefix[1]}'" if prefix[0] == "level" else prefix[0]
        seen = set()
        for n, entry in enumerate(entries):
            if entry.id in seen:
                meant = next((p.ref[-1] for p in unknown if p.ref[:-1] == prefix and p not in folded
                              and _named(entry, p.ref[-1])), None)
                if meant is not None:
                    folded.update(p for p in unknown if p.ref == prefix + (meant,))
                    hints[path + (n, "id")] = (f"ids must be unique; this entry is probably '{meant}', "
                                               f"which is used but no {owner} has it")
            seen.add(entry.id)
    return [replace(p, hint=hints[p.path]) if p.path in hints and p.message.startswith("duplicate") else p
            for p in problems if p not in folded]


def _check_events(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.events, ("events",), "event")
    last = max((r.date for r in sc.rounds), default=sc.deadline)
    for n, ev in enumerate(sc.events):
        for m, eff in enumerate(ev.effects):
            out += _check_effect(sc, eff, ("events", n, "effects", m))
        # Events fire at the first round on or after their date, so an event before
        # the start sets the scene at the first round; one after the last round never fires.
        if ev.date > last:
            out.append(Problem(f"event '{ev.id}' is dated {ev.date}, after the final round ({last}); "
                               "it will never fire", ("events", n, "date"),
                               "events fire at the first round on or after their date",
                               severity="warning"))
        out += _source_ref(sc, ev.source, ("events", n, "source"))
    return out


def _source_ref(sc: Scenario, key: str, path: tuple) -> list[Problem]:
    if not key or not sc.sources or key in sc.sources:
        return []
    return [Problem(f"source key '{key}' is not in the scenario's sources", path,
                    _near(key, sc.sources), "warning")]


def _check_settings(sc: Scenario) -> list[Problem]:
    s, out = sc.settings, []
    if s.tight_at < s.moderate_at:
        out.append(Problem(f"tight_at ({s.tight_at:g}) is below moderate_at ({s.moderate_at:g})",
                           ("settings", "tight_at"), "a tight treaty needs a higher tightness than a moderate one"))
    table_cost = s.costs.get("table", 2)
    most_ap = max((r.action_points or s.action_points) for r in sc.rounds) if sc.rounds else s.action_points
    if table_cost > most_ap:
        where = ("settings", "costs", "table") if "table" in s.costs else ("settings",)
        if sc.initial_drafts:
            out.append(Problem(f"tabling a draft costs {table_cost} action points but no round gives more "
                               f"than {most_ap}: only the initial drafts can be signed", where,
                               f"lower settings.costs.table to {most_ap} or less, or give the rounds more "
                               "action_points", severity="warning"))
        else:
            out.append(Problem(f"tabling a draft costs {table_cost} action points but no round gives more "
                               f"than {most_ap}, and there are no initial_drafts: nothing can ever be signed",
                               where, "lower settings.costs.table or add initial_drafts"))
    return out


def red_line_range(sc: Scenario, actor) -> dict[str, tuple[int, int]]:
    """Issue id -> (lowest, highest) level index the actor's red lines allow."""
    out: dict[str, tuple[int, int]] = {}
    for rl in actor.red_lines:
        try:
            issue = sc.issue(rl.issue)
        except KeyError:
            continue
        ids = [lv.id for lv in issue.levels]
        lo, hi = out.get(rl.issue, (0, len(ids) - 1))
        if rl.at_least in ids:
            lo = max(lo, ids.index(rl.at_least))
        if rl.at_most in ids:
            hi = min(hi, ids.index(rl.at_most))
        out[rl.issue] = (lo, hi)
    return out


def _never_signs(sc: Scenario, actor) -> str | None:
    """The issue on which the actor's red lines exclude every level, if any."""
    for issue_id, (lo, hi) in red_line_range(sc, actor).items():
        if lo > hi:
            return issue_id
    return None


def max_tightness(sc: Scenario) -> float:
    """An upper bound of the tightness any treaty of this scenario can reach (0-100)."""
    s = sc.settings
    weights = [0.0 if i.sequencing else i.weight for i in sc.issues]
    total = sum(weights) or 1.0
    depth = sum(w * max((lv.depth or 0.0) for lv in i.levels) for w, i in zip(weights, sc.issues)) / total
    raised = any(e.field == "reliability" and (e.delta or 0) > 0 for ev in sc.events for e in ev.effects) or any(
        e.field == "reliability" and (e.delta or 0) > 0 for d in sc.hidden_draws for o in d.options
        for e in o.effects)
    rel = sorted((1.0 if raised else a.reliability for a in sc.actors if a.status != "non_party"),
                 reverse=True)
    n = max(1, min(s.min_signatures, len(rel)))
    cohesion = sum(rel[:n]) / n if rel else 0.0
    return 100.0 * (s.depth_weight * depth + (1 - s.depth_weight) * cohesion)


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
        out.append(Problem("only one issue can be the sequencing issue", ("issues", n, "sequencing"),
                           f"remove 'sequencing: true' here, or from issue '{sc.issues[seqs[0]].id}'"))
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
            if issue.sequencing and lv.depth is not None:
                out.append(Problem("depth has no effect on the sequencing issue's levels: sequencing decides "
                                   "when the treaty is changed, not how binding it is", p + ("depth",),
                                   "remove it; promise_weight says how much a promised adaptation counts",
                                   severity="warning"))
            if not issue.sequencing and lv.promise_weight is not None:
                out.append(Problem("promise_weight belongs on the sequencing issue's levels only",
                                   p + ("promise_weight",), "remove it; it has no effect here",
                                   severity="warning"))
    counted = [i for i in sc.issues if not i.sequencing and i.weight > 0]
    if sc.issues and not counted:  # depth is 0 in every game: the text never changes the tightness
        only_seq = all(i.sequencing for i in sc.issues)
        n = 0 if only_seq else next(n for n, i in enumerate(sc.issues) if not i.sequencing)
        out.append(Problem("no issue counts in the treaty's depth ("
                           + ("the only issue is the sequencing issue, which has no depth"
                              if only_seq else "every issue but the sequencing one has weight 0"
                              if any(i.sequencing for i in sc.issues) else "every issue has weight 0")
                           + "): depth is 0 whatever the text says, so tightness comes from cohesion alone",
                           ("issues", n) if only_seq else ("issues", n, "weight"),
                           "add an issue with depths on its levels" if only_seq
                           else "give the issues that make the treaty binding a weight above 0 (e.g. 1)",
                           severity="warning"))
    return out


def _level_ref(sc: Scenario, issue_id: str | None, level_id: str | None, path: tuple,
               issue_key: str = "issue", level_key: str = "level", keyed: bool = False) -> list[Problem]:
    """Problems of a reference to an issue (and a level of it); ``keyed``: the issue id is a mapping key."""
    issues = {i.id: i for i in sc.issues}
    if issue_id is None:
        return []
    if issue_id not in issues:
        return [_UnknownId(f"unknown issue '{issue_id}'", path + (issue_key,), _near(issue_id, issues),
                           at_key=keyed, ref=("issue", issue_id))]
    levels = [lv.id for lv in issues[issue_id].levels]
    if level_id is not None and level_id not in levels:
        return [_UnknownId(f"issue '{issue_id}' has no level '{level_id}'", path + (level_key,),
                           _near(level_id, levels), ref=("level", issue_id, level_id))]
    return []


def _actor_ref(sc: Scenario, actor_id: str | None, path: tuple, star: bool = False,
               keyed: bool = False) -> list[Problem]:
    ids = [a.id for a in sc.actors]
    if actor_id is None or actor_id in ids or (star and actor_id == "*"):
        return []
    return [_UnknownId(f"unknown actor '{actor_id}'", path, _near(actor_id, ids), at_key=keyed,
                       ref=("actor", actor_id))]


def _check_actors(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.actors, ("actors",), "actor")
    out += _actor_ref(sc, sc.chair, ("chair",))
    issue_ids = [i.id for i in sc.issues]
    for n, a in enumerate(sc.actors):
        p = ("actors", n)
        repeat = any(b.id == a.id for b in sc.actors[:n])  # a repeated id: "itself" is the entry it repeats
        for issue_id, pos in a.positions.items():
            if issue_id not in issue_ids:
                out.append(_UnknownId(f"unknown issue '{issue_id}' in positions", p + ("positions", issue_id),
                                      _near(issue_id, issue_ids), at_key=True, ref=("issue", issue_id)))
                continue
            top = len(sc.issue(issue_id).levels) - 1
            if pos.ideal > top:
                out.append(Problem(f"ideal {pos.ideal} is beyond the last level of '{issue_id}' ({top})",
                                   p + ("positions", issue_id, "ideal"), f"use 0 to {top}"))
        misspelt = {difflib_close for key in a.positions if key not in issue_ids
                    for difflib_close in _close(key, issue_ids)}
        for issue_id in issue_ids:
            if issue_id not in a.positions and issue_id not in misspelt:  # a typo is reported once, above
                out.append(Problem(f"actor '{a.id}' has no position on issue '{issue_id}' "
                                   "(it will be treated as indifferent)", p + ("positions",),
                                   f"add '{issue_id}: {{ideal: 0, salience: 0}}' to its positions if it "
                                   "really does not care, or give it an ideal and a salience",
                                   severity="warning"))
        for m, rl in enumerate(a.red_lines):
            q = p + ("red_lines", m)
            out += _level_ref(sc, rl.issue, rl.at_least, q, level_key="at_least")
            out += _level_ref(sc, rl.issue, rl.at_most, q, level_key="at_most")
            if rl.at_least is None and rl.at_most is None:
                out.append(Problem("a red line needs at_least or at_most", q,
                                   "add 'at_least: LEVEL' (it must reach that level) or 'at_most: LEVEL' "
                                   "(it must not go beyond it)"))
        for other in a.affinities:
            out += _actor_ref(sc, other, p + ("affinities", other), keyed=True)
            if other == a.id and not repeat:
                out.append(Problem("an actor has no affinity with itself", p + ("affinities", other),
                                   f"remove '{other}' from its own affinities", severity="warning",
                                   at_key=True))
        for m, value in a.affinities.items():
            if not -1 <= value <= 1:
                out.append(Problem(f"affinity must be between -1 and 1, got {value:g}",
                                   p + ("affinities", m), "change it to a number between -1 and 1"))
        out += _dupes(a.offers, p + ("offers",), "offer")
        out += _dupes(a.objectives, p + ("objectives",), "objective")
        for m, offer in enumerate(a.offers):
            for j, to in enumerate(offer.to):
                out += _actor_ref(sc, to, p + ("offers", m, "to", j))
                if to == a.id and not repeat:
                    out.append(Problem(f"'{a.id}' cannot make an offer to itself", p + ("offers", m, "to", j),
                                       f"remove '{a.id}' from the offer's 'to' list", severity="warning"))
        blocked = _never_signs(sc, a)
        if blocked is not None:
            m = max(n for n, rl in enumerate(a.red_lines) if rl.issue == blocked)
            out.append(Problem(f"the red lines of '{a.id}' on '{blocked}' exclude every level: it can never sign",
                               p + ("red_lines", m), "an at_least level must not be above the at_most level"))
        if a.positions and all(pos.salience == 0 for pos in a.positions.values()):
            out.append(Problem(f"'{a.id}' cares about nothing: every salience is 0, so every draft is the "
                               "same to it", p + ("positions",),
                               "give the issues it cares about a salience above 0", severity="warning"))
        for m, obj in enumerate(a.objectives):
            out += _check_objective(sc, a, obj, p + ("objectives", m))
        for m, key in enumerate(a.sources):
            if sc.sources and key not in sc.sources:
                out.append(Problem(f"source key '{key}' is not in the scenario's sources",
                                   p + ("sources", m), _near(key, sc.sources), "warning"))
        if all(pos.salience >= 1 for pos in a.positions.values()) and not any(
                not o.to or a.id in o.to for b in sc.actors if b.id != a.id for o in b.offers):
            out.append(Problem(f"nobody can influence '{a.id}': every salience is 1 (lobbying has no "
                               "effect) and no offer can go to it", p,
                               "lower a salience below 1, or give another actor an offer it can receive",
                               severity="warning"))
    becomes_party = _made_party(sc)
    for n, a in enumerate(sc.actors):
        if a.status == "non_party" and a.id not in becomes_party and a.id != sc.chair:
            out.append(Problem(f"'{a.id}' is not a party (status: non_party) and no event makes it one: it never "
                               "acts, signs, is lobbied or receives offers, and nobody can play it",
                               ("actors", n, "status"), "to have it take part, give it status: party (or "
                               "boycotting); to only name it, list it under non_parties instead",
                               severity="warning"))
    chair = next((a for a in sc.actors if a.id == sc.chair), None)
    if chair is not None and chair.status == "non_party":
        out.append(Problem(f"the chair '{chair.id}' is not a party: it never acts in the talks and only puts "
                           "a draft to signature", ("chair",),
                           "make a party the chair, or give the chair status: party", severity="warning"))
    away = [n for n, a in enumerate(sc.actors) if a.status == "boycotting"]
    seated = [e for ev in sc.events for e in ev.effects if e.field == "status" and e.value == "party"]
    seated += [e for d in sc.hidden_draws for o in d.options for e in o.effects
               if e.field == "status" and e.value == "party"]
    if away and all(a.status != "party" for a in sc.actors) and not sc.initial_drafts and not seated:
        out.append(Problem("every party starts away from the table (status: boycotting) and there is no "
                           "initial draft: there is nothing on the table to come back for, so the AI never "
                           "returns and every game without a human player ends with nothing signed",
                           ("actors", away[0], "status"),
                           "give at least one party (the chair, say) status: party, or add initial_drafts",
                           severity="warning"))
    # the parties, with the non-parties that an event or a hidden draw can bring in (they may sign)
    parties = sum(1 for a in sc.actors if a.status != "non_party" or a.id in becomes_party)
    if sc.settings.min_signatures > parties:
        out.append(Problem(f"min_signatures is {sc.settings.min_signatures} but there are only "
                           f"{parties} parties: the treaty can never enter into force",
                           ("settings", "min_signatures"), f"set min_signatures to {parties} or less"))
    return out


_NEEDS = {
    "issue_at_least": ("issue", "level"), "issue_at_most": ("issue", "level"),
    "sequencing_is": ("level",), "actor_signs": ("actor",), "actor_not_signs": ("actor",),
    "tightness_at_least": ("value",), "tightness_at_most": ("value",), "breadth_at_least": ("value",),
}


_NEEDS_HINTS = {
    "issue": "add 'issue: ISSUE_ID' (one of the scenario's issues)",
    "level": "add 'level: LEVEL_ID' (a level of that issue)",
    "actor": "add 'actor: ACTOR_ID' (one of the scenario's actors)",
    "value": "add 'value: NUMBER' (tightness 0-100, breadth 0-1)",
}


def _check_objective(sc: Scenario, actor, obj, p: tuple) -> list[Problem]:
    out = []
    for key in _NEEDS.get(obj.kind, ()):
        if getattr(obj, key) is None:
            known = {"issue": [i.id for i in sc.issues], "actor": [a.id for a in sc.actors]}.get(key)
            hint = f"add '{key}: ...', one of: {', '.join(known)}" if known else _NEEDS_HINTS[key]
            out.append(Problem(f"objective kind '{obj.kind}' needs '{key}'", p, hint))
    issue = obj.issue
    if obj.kind == "sequencing_is" and issue is None:
        issue = next((i.id for i in sc.issues if i.sequencing), None)
        if issue is None:
            out.append(Problem("'sequencing_is' needs a sequencing issue in the scenario", p,
                                   "mark one issue with 'sequencing: true', or use kind: issue_at_least "
                                   "or issue_at_most"))
    out += _level_ref(sc, issue, obj.level, p)
    out += _actor_ref(sc, obj.actor, p + ("actor",))
    if obj.kind == "sequencing_is" and obj.issue and obj.issue in [i.id for i in sc.issues] \
            and not sc.issue(obj.issue).sequencing:
        out.append(Problem(f"'{obj.issue}' is not the sequencing issue", p + ("issue",),
                               "leave out 'issue' (the sequencing issue is the default), or use kind: "
                               "issue_at_least or issue_at_most for this issue"))
    never = _never_met(sc, actor, obj)
    if never:
        why, where, hint = never
        out.append(Problem(f"objective '{obj.id}' can never be met: {why}", p + where, hint, severity="error"))
        return out
    signer = actor if obj.kind == "signs" else next(
        (a for a in sc.actors if obj.kind == "actor_signs" and a.id == obj.actor), None)
    if signer is not None and _never_signs(sc, signer) is not None:
        out.append(Problem(f"objective '{obj.id}' can never be met: the red lines of '{signer.id}' "
                           "exclude every level", p,
                           f"change the red lines of '{signer.id}', or remove this objective"))
    elif obj.kind == "communique" and not any(r.communique for r in sc.rounds):
        out.append(Problem(f"objective '{obj.id}' can never be met: no round has 'communique: true'", p,
                           "set communique: true on a round where the chair may call for one"))
    elif obj.kind == "tightness_at_least" and obj.value is not None and obj.value > 0:
        top = max_tightness(sc)
        if obj.value > top + 1e-9:
            out.append(Problem(f"objective '{obj.id}' can never be met: the tightest possible treaty scores "
                               f"at most {top:.1f}", p + ("value",), f"use a value of {int(top)} or less"))
    elif obj.kind in ("issue_at_least", "issue_at_most", "sequencing_is") and issue and obj.level:
        out += _level_blocked(sc, obj, issue, p)
    return out


def _never_met(sc: Scenario, actor, obj) -> tuple[str, tuple, str] | None:
    """Why an objective can never be met whatever happens in play (reason, path under it, hint)."""
    becomes_party = _made_party(sc)
    if obj.kind in ("signs", "keep_word") and actor.status == "non_party" and actor.id not in becomes_party:
        return (f"'{actor.id}' is not a party (status: non_party), so it never signs or acts", (),
                "give it status: party, or choose an objective about the treaty or the others")
    if obj.kind == "actor_signs" and obj.actor and obj.actor not in becomes_party and any(
            a.id == obj.actor and a.status == "non_party" for a in sc.actors):
        return (f"'{obj.actor}' is not a party (status: non_party), so it never signs", ("actor",),
                "name a party, or give that actor status: party")
    if obj.kind == "tightness_at_least" and (obj.value or 0) > 100:
        return (f"tightness runs from 0 to 100, and the value is {obj.value:g}", ("value",),
                "use a value between 0 and 100")
    if obj.kind == "breadth_at_least" and (obj.value or 0) > 1:
        return (f"breadth is a share from 0 to 1, and the value is {obj.value:g}", ("value",),
                f"write a share, e.g. {min(obj.value / 100, 1):g} for {obj.value:g}%"
                if obj.value <= 100 else "use a value between 0 and 1")
    return None


def _made_party(sc: Scenario) -> set[str]:
    """Actors that an event or a hidden draw can make a party (or bring to the table)."""
    effects = [e for ev in sc.events for e in ev.effects]
    effects += [e for d in sc.hidden_draws for o in d.options for e in o.effects]
    return {e.actor for e in effects if e.field == "status" and e.value in ("party", "boycotting")}


def _level_blocked(sc: Scenario, obj, issue_id: str, p: tuple) -> list[Problem]:
    """An issue objective that the red lines of every party rule out (nobody would sign it)."""
    try:
        ids = [lv.id for lv in sc.issue(issue_id).levels]
    except KeyError:
        return []
    if obj.level not in ids:
        return []
    want = ids.index(obj.level)
    ok = {"issue_at_least": lambda lo, hi: hi >= want, "issue_at_most": lambda lo, hi: lo <= want,
          "sequencing_is": lambda lo, hi: lo <= want <= hi}[obj.kind]
    parties = [a for a in sc.actors if a.status != "non_party"]
    allowed = [a for a in parties if ok(*red_line_range(sc, a).get(issue_id, (0, len(ids) - 1)))]
    if len(allowed) < sc.settings.min_signatures <= len(parties):
        return [Problem(f"objective '{obj.id}' can never be met: the red lines of the parties leave at most "
                        f"{len(allowed)} who could sign such a treaty ({sc.settings.min_signatures} needed)",
                        p + ("level",), "choose another level, change a red line, or lower "
                        "settings.min_signatures")]
    return []


def _check_effect(sc: Scenario, eff: Effect, p: tuple) -> list[Problem]:
    out = _actor_ref(sc, eff.actor, p + ("actor",), star=True)
    if eff.field in ("ideal", "salience"):
        if eff.issue is None:
            out.append(Problem(f"an effect on '{eff.field}' needs an 'issue'", p,
                               f"add the issue it changes, e.g. issue: {sc.issues[0].id}"))
        else:
            out += _level_ref(sc, eff.issue, None, p)
    if eff.field == "affinity":
        if eff.other is None:
            out.append(Problem("an effect on 'affinity' needs 'other' (the other actor)", p,
                               "add other: ID, the actor the affinity is toward"))
        out += _actor_ref(sc, eff.other, p + ("other",))
    if eff.field in _NUMERIC and eff.delta is None:
        out.append(Problem(f"an effect on '{eff.field}' needs a numeric 'delta'", p,
                           "e.g. delta: -0.05"))
    if eff.field == "status" and eff.value not in ("party", "boycotting", "non_party"):
        out.append(Problem(f"status must be party, boycotting or non_party, got '{eff.value}'", p + ("value",),
                           _near(str(eff.value), ["party", "boycotting", "non_party"])
                           if _close(str(eff.value), ["party", "boycotting", "non_party"]) else "write value: party, value: boycotting or value: non_party"))
    if eff.field in ("delegate", "chair") and not isinstance(eff.value, str):
        out.append(Problem(f"an effect on '{eff.field}' needs a text 'value'", p,
                               "write value: and the new delegate's name" if eff.field == "delegate"
                               else "write value: and the new chair's actor id"))
    if eff.field in ("status", "delegate") and eff.actor == "*":
        out.append(Problem(f"an effect on '{eff.field}' changes one actor, not every actor ('*'): the game "
                           "would ignore it", p + ("actor",), "write one effect per actor, each with its own id"))
    if eff.field == "chair":
        out += _actor_ref(sc, str(eff.value), p + ("value",))
        new_chair = next((a for a in sc.actors if a.id == eff.value), None)
        if new_chair is not None and new_chair.status == "non_party" and new_chair.id not in _made_party(sc):
            out.append(Problem(f"the new chair '{new_chair.id}' is not a party: it never acts in the talks and "
                               "only puts a draft to signature", p + ("value",),
                               "name a party as the new chair, or bring it in with a status effect",
                               severity="warning"))
    return out


def _check_rounds(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.rounds, ("rounds",), "round")
    for n in range(1, len(sc.rounds)):
        if sc.rounds[n].date < sc.rounds[n - 1].date:
            out.append(Problem(f"round '{sc.rounds[n].id}' ({sc.rounds[n].date}) is dated before the "
                               f"round before it ({sc.rounds[n - 1].date})", ("rounds", n, "date"),
                               "list rounds in date order"))
    for n, r in enumerate(sc.rounds):
        out += _source_ref(sc, r.source, ("rounds", n, "source"))
    finals = [n for n, r in enumerate(sc.rounds) if r.final]
    if finals != [len(sc.rounds) - 1]:
        out.append(Problem("exactly one round, the last, must be final (the signing summit)",
                           ("rounds", finals[0] if finals else len(sc.rounds) - 1, "final"),
                           "set 'final: true' on the last round only"))
    if sc.deadline < sc.start:
        out.append(Problem(f"the deadline ({sc.deadline}) is before the start ({sc.start})", ("deadline",),
                           f"set 'deadline' to a date on or after the start ({sc.start}), or move 'start' earlier"))
    if sc.rounds and sc.rounds[0].date < sc.start:
        out.append(Problem(f"the first round ({sc.rounds[0].date}) is before the scenario's start ({sc.start})",
                           ("rounds", 0, "date"),
                           f"date the first round on or after the start ({sc.start}), or move 'start' earlier"))
    if sc.rounds and sc.rounds[-1].date > sc.deadline:
        out.append(Problem(f"the final round ({sc.rounds[-1].date}) is after the deadline ({sc.deadline})",
                           ("rounds", len(sc.rounds) - 1, "date"),
                           f"date the final round on or before the deadline ({sc.deadline}), or move 'deadline' later"))
    return out


def _check_draws(sc: Scenario) -> list[Problem]:
    out = _dupes(sc.hidden_draws, ("hidden_draws",), "hidden draw")
    for n, d in enumerate(sc.hidden_draws):
        total = sum(o.probability for o in d.options)
        if abs(total - 1) > 1e-6:
            out.append(Problem(f"the probabilities of '{d.id}' add up to {total:g}, not 1 "
                               "(they will be rescaled)", ("hidden_draws", n, "options"),
                               "change the options' probabilities so that they add up to 1",
                               severity="warning"))
        out += _dupes(d.options, ("hidden_draws", n, "options"), "option")
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
                              issue_key=issue_id, level_key=issue_id, keyed=True)
    return out


def _check_quiz(sc: Scenario) -> list[Problem]:
    def same(text: str) -> str:  # (any alphabet: _norm keeps only a-z and digits)
        return " ".join(text.split()).casefold()

    out = _dupes(sc.quiz, ("quiz",), "quiz question")
    for n, q in enumerate(sc.quiz):
        for k, a in enumerate(q.roles):
            out += _actor_ref(sc, a, ("quiz", n, "roles", k))
        # (a text of spaces only reads as nothing: an answer a team could not tell apart or pick)
        for field, text in (("question", q.question), ("right", q.right)):
            if not same(text):
                out.append(Problem(f"the {'question' if field == 'question' else 'right answer'} is empty",
                                   ("quiz", n, field), "write it, or drop this question"))
        seen = {same(q.right)}
        for k, w in enumerate(q.wrong):
            if not same(w):
                out.append(Problem("a wrong answer is empty", ("quiz", n, "wrong", k),
                                   "write it, or drop it from the list"))
                continue
            if same(w) in seen:
                out.append(Problem(f"the wrong answer '{w}' is the same as "
                                   + ("the right one" if same(w) == same(q.right) else "another wrong one"),
                                   ("quiz", n, "wrong", k), "make every answer different, or drop this one"))
            seen.add(same(w))
    return out


def _check_history(sc: Scenario) -> list[Problem]:
    if sc.history is None:
        return []
    out = []
    for issue_id, level_id in sc.history.levels.items():
        out += _level_ref(sc, issue_id, level_id, ("history", "levels"), issue_key=issue_id,
                          level_key=issue_id, keyed=True)
    for n, a in enumerate(sc.history.signatories):
        out += _actor_ref(sc, a, ("history", "signatories", n))
        if any(x.id == a and x.status == "non_party" for x in sc.actors):
            out.append(Problem(f"'{a}' is a non-party, so its signature does not count",
                               ("history", "signatories", n),
                               "remove it from the signatories, or make it a party", severity="warning"))
    if sc.history.date < sc.start:
        out.append(Problem(f"the history date {sc.history.date} is before the scenario's start ({sc.start})",
                           ("history", "date"), "date the history on the day of the real signing, after "
                           "the start", severity="warning"))
    if sc.history.in_force_date is not None and sc.history.in_force_date < sc.history.date:
        out.append(Problem("the history's in_force_date is before its date", ("history", "in_force_date"),
                           f"set in_force_date on or after the history's date ({sc.history.date})"))
    return out
