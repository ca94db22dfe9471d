"""End-of-game awards for the debrief: a handful of honours earned from the game's own data.

Each award has a name, the rule by which it is earned (said in the report, so a teacher can
explain it), the delegation or delegations that earned it and, for each, one line with the
numbers. The awards go to the delegations people (or your own players) played; in a game the
computer played alone, to any delegation. Every award is for something done well: an award
nobody earned is left out, and ties share it. Everything is computed from the finished game
(:class:`game.report.debrief.Debrief`): the role scores beside history's and the computer's
average, the offers and red lines, the drafts, the lobbying in the log. Deterministic: the
same game gives the same awards.

``awards(d)`` computes them; ``section(d)`` is the report's "Awards" section; the slides
(:mod:`game.report.slides`) draw them on a slide of their own, before what history did.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.transition import BACKFIRES
from game.report.html import esc, who, whole

LOBBY_FLOOR = 0.1  # levels of movement won by lobbying below which nobody is a persuader
BRIDGE_FLOOR = 2  # other delegations endorsing one draft, at least, for the bridge builder


@dataclass(frozen=True)
class Award:
    key: str
    name: str
    rule: str  # how it is earned, in a teacher's words
    winners: tuple[str, ...]  # actor ids, in the scenario's order
    reasons: tuple[str, ...]  # one line per winner, with the numbers


# the rules, as the report states them (the facilitator guide says the same)
RULES = {
    "history": ("Historians' verdict",
                "the largest margin above the score the same role gets for what really happened (history, "
                "scored by the same rules); at least 1 point above it, in the whole points the report shows."),
    "machine": ("Beat the machine",
                "the largest margin above the computer's average score in the same role (the AI-only games "
                "this report plays for comparison); at least 1 point above it, in the whole points the report "
                "shows. Only for a role people or your own player played."),
    "word": ("Word kept",
             "the most commitments kept, breaking none: promises accepted (to sign, or to endorse a draft), "
             "red lines declared (once a text is put to signature) and its public stance on that text (endorsed "
             "it and signed, or opposed it and stayed out), with at least one promise or red line among them. "
             "No promise broken, no red line crossed, no say-versus-sign gap."),
    "architect": ("Architect",
                  "the delegation that tabled the text put to signature during the talks (or made its last "
                  "amendment), when that text entered into force (a scenario's opening text does not count)."),
    "persuader": ("Persuader",
                  "the most movement won by lobbying: how far the delegations it lobbied moved toward its own "
                  "position, in levels of the issue (its levels numbered 0, 1, 2 as listed), all its lobbies "
                  f"added up, a backfire counting against it; at least {LOBBY_FLOOR:g} of a level."),
    "bridge": ("Bridge builder",
               "the most other delegations endorsing one draft it tabled or amended during the talks, as "
               f"the talks ended (at least {BRIDGE_FLOOR})."),
}


# the rules in a few words, for the slide (the report and the facilitator guide have them whole)
SHORT = {
    "history": "most points above the same role in history",
    "machine": "most points above the computer in the same role",
    "word": "most commitments kept, none broken",
    "architect": "tabled the text that entered into force",
    "persuader": "lobbying that moved others most",
    "bridge": "most others endorsing one of its drafts",
}


def eligible(d) -> list[int]:
    """The delegations that can earn an award (indices): those people or your own players played;
    in a game the computer played alone, every delegation that was a party."""
    model, state = d.model, d.match.state
    if d.match.humans:
        return sorted(model.actor_index(a) for a in d.match.humans)
    return [i for i, a in enumerate(state.actors) if a.status != "non_party"]


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


NAMED = 3  # names a reason lists at most (beyond, it counts them: a reason stays one line)


def _some(names: list[str], what: str) -> str:
    """'Belarus and Armenia', or '5 delegations' / '4 issues' when there are more than :data:`NAMED`."""
    return _list(names) if len(names) <= NAMED else f"{len(names)} {what}"


def _best(values: dict[int, float]) -> list[int]:
    """The indices with the largest value (ties share), in order."""
    if not values:
        return []
    top = max(values.values())
    return sorted(i for i, v in values.items() if v == top)


def _make(key: str, winners: list[int], reasons: dict[int, str], d) -> Award | None:
    if not winners:
        return None
    name, rule = RULES[key]
    ids = tuple(d.scenario.actors[i].id for i in winners)
    return Award(key, name, rule, ids, tuple(reasons[i] for i in winners))


def _history(d, who_: list[int]) -> Award | None:
    if d.history is None:
        return None
    rows = {r["role"]: r for r in d.grades}
    margin, reason = {}, {}
    for i in who_:
        r = rows[d.scenario.actors[i].id]
        if r["history_score"] == "":
            continue
        s, h = int(whole(r["score"])), int(whole(r["history_score"]))  # the numbers the report shows
        if s - h >= 1:
            margin[i] = s - h
            reason[i] = f"scored {s}, {s - h} above what history gave {r['name']} ({h})"
    return _make("history", _best(margin), reason, d)


def _machine(d, who_: list[int]) -> Award | None:
    if not d.ai or not d.match.humans:  # the computer cannot beat itself
        return None
    rows = {r["role"]: r for r in d.grades}
    level = " at the same difficulty" if d.match.level_matters else ""
    margin, reason = {}, {}
    for i in who_:
        r = rows[d.scenario.actors[i].id]
        if r["ai_mean_score"] == "":
            continue
        s, a = int(whole(r["score"])), int(whole(r["ai_mean_score"]))
        if s - a >= 1:
            margin[i] = s - a
            reason[i] = (f"scored {s}, {s - a} above the computer's average in the same role ({a}, over "
                         f"{_n(len(d.ai), 'game')}{level})")
    return _make("machine", _best(margin), reason, d)


def _word(d, who_: list[int]) -> Award | None:
    state, sc = d.match.state, d.scenario
    final = state.draft(state.on_table) if state.on_table is not None else None
    gaps = {r["role"]: r["say_sign_gap"] for r in d.grades}
    count, reason = {}, {}
    for i in who_:
        if gaps[sc.actors[i].id]:
            continue
        if any(e.kind in ("breach", "red_line_crossed") and e.actors[:1] == (i,) for e in state.log):
            continue
        promises = [o for o in state.offers if o.target == i and o.status in ("accepted", "kept", "broken")]
        if any(o.status == "broken" for o in promises):
            continue
        parts, n = [], 0
        if promises:
            n += len(promises)
            said = sorted({_promised(sc, o) for o in promises})
            parts.append(("a promise" if len(promises) == 1 else f"{len(promises)} promises") + " it accepted"
                         + (f" ({_list(said)})" if len(said) <= NAMED else ""))
        lines = list(state.actors[i].declared) if final is not None else []  # untested without a text
        sig = state.signatures[i] if state.signatures else -1
        if lines:
            n += len(lines)
            issues = _some(sorted({sc.issues[k].name for k, _, _ in lines}), "issues")
            crossed = any(not lo <= final.levels[k] <= hi for k, lo, hi in lines)
            how = ("signing a text within " if sig == 1 else "staying out of a text across " if crossed
                   else "the text respected ") + ("it" if len(lines) == 1 else "them")
            parts.append(f"the red line it declared on {issues}, {how}" if len(lines) == 1
                         else f"{len(lines)} red lines it declared (on {issues}), {how}")
        if final is not None and i in final.endorse and sig == 1:
            n += 1
            parts.append("endorsed the text put to signature and signed it")
        elif final is not None and i in final.oppose and sig != 1:
            n += 1
            parts.append("opposed the text put to signature and stayed out")
        if promises or lines:  # (a stance alone is no commitment: a draft's author endorses it by tabling it)
            count[i] = n
            reason[i] = ("kept its word: " if n == 1 else f"kept all {n} of its commitments: ") + "; ".join(parts)
    return _make("word", _best(count), reason, d)


def _promised(sc, o) -> str:
    what = "sign" if o.condition == "sign" else f"endorse draft {o.draft}"
    return f"to {sc.actors[o.giver].name}, to {what}"


def tabled(state) -> set[int]:
    """The ids of the drafts delegations tabled or amended during the game (not the scenario's
    opening texts, which its author did not write at the table)."""
    return {int(dict(e.data)["draft"]) for e in state.log if e.kind in ("table", "amend") and "draft" in dict(e.data)}


def _architect(d, who_: list[int]) -> Award | None:
    state, sc, t = d.match.state, d.scenario, d.result.treaty
    final = state.draft(state.on_table) if state.on_table is not None else None
    if final is None or not t.in_force or final.author not in who_ or final.id not in tabled(state):
        return None
    parent = state.draft(final.parent) if final.parent is not None else None
    amends = ""
    if parent is not None:
        whose = ("the opening text," if parent.id not in tabled(state) else "its own" if parent.author == final.author
                 else f"{sc.actors[parent.author].name}'s")
        amends = f" (amending {whose} draft {parent.id})"
    reason = (f"tabled draft {final.id}{amends}, the text put to signature; it entered into force with "
              f"{_n(len(t.signatories), 'signature')}")
    return _make("architect", [final.author], {final.author: reason}, d)


def lobby_moves(d) -> dict[int, list[tuple[int, int, float]]]:
    """Per lobbyist: (target, issue, movement toward the lobbyist in levels, negative for a backfire)
    for each of its lobbies, from the log."""
    out: dict[int, list[tuple[int, int, float]]] = {}
    for e in d.match.state.log:
        if e.kind != "lobby" or len(e.actors) < 2:
            continue
        delta = abs(float(dict(e.data).get("delta", 0.0)))
        backfired = e.text.endswith(BACKFIRES)  # the engine's words for it
        issue = int(dict(e.data).get("issue", -1))
        out.setdefault(e.actors[0], []).append((e.actors[1], issue, -delta if backfired else delta))
    return out


def _persuader(d, who_: list[int]) -> Award | None:
    sc = d.scenario
    moves = lobby_moves(d)
    total, reason = {}, {}
    for i in who_:
        mine = moves.get(i, [])
        net = round(sum(m for _, _, m in mine), 2)
        if net < LOBBY_FLOOR:
            continue
        worked = [(t, k) for t, k, m in mine if m > 0]
        targets = [sc.actors[t].name for t in sorted({t for t, _ in worked})]
        issues = sorted({k for _, k in worked})
        total[i] = net
        size = f"{net:.2f} of a level" if net < 1 else f"{net:.2f} levels"
        where = (f"its own position on {sc.issues[issues[0]].name}" if len(issues) == 1 and issues[0] >= 0
                 else f"its own positions on {_n(len(issues), 'issue')}")
        reason[i] = (f"moved {_some(targets, 'delegations')} {size} toward {where} "
                     f"({_n(len(worked), 'successful lobby', 'successful lobbies')})")
    return _make("persuader", _best(total), reason, d)


def _bridge(d, who_: list[int]) -> Award | None:
    state, sc = d.match.state, d.scenario
    issued = {draft: r for r, draft, ok in state.communiques if ok}
    mine = tabled(state)
    best, reason = {}, {}
    for i in who_:
        drafts = [x for x in state.drafts if x.author == i and x.id in mine]
        if not drafts:
            continue
        top = max(drafts, key=lambda x: (len(x.endorse - {i}), x.id in issued, -x.id))
        others = sorted(top.endorse - {i})
        if len(others) < BRIDGE_FLOOR:
            continue
        best[i] = len(others)
        names = [sc.actors[j].name for j in others]
        joint = (f"; adopted as the joint communiqué ({sc.rounds[issued[top.id]].name})"
                 if top.id in issued and issued[top.id] < len(sc.rounds) else "")
        who = f" ({_list(names)})" if len(names) <= NAMED else ""
        reason[i] = f"won the endorsement of {len(others)} other delegations{who} for its draft {top.id}{joint}"
    return _make("bridge", _best(best), reason, d)


def awards(d) -> list[Award]:
    """The awards this game earned, in a fixed order (an award nobody earned is left out)."""
    who_ = eligible(d)
    found = [f(d, who_) for f in (_history, _machine, _word, _architect, _persuader, _bridge)]
    return [a for a in found if a is not None]


def grouped(a: Award) -> list[tuple[tuple[str, ...], str]]:
    """The award's winners with the same reason together (ties with the same numbers), in order:
    (winners, reason), the reason starting "each ..." for several."""
    out: list[tuple[list[str], str]] = []
    for w, r in zip(a.winners, a.reasons):
        same = next((g for g in out if g[1] == r), None)
        if same is None:
            out.append(([w], r))
        else:
            same[0].append(w)
    return [(tuple(ws), ("each " + r) if len(ws) > 1 else r) for ws, r in out]


def played_by(m) -> str:
    """Who played the delegations that can earn an award, in words (a game with people or your own
    players in it): "people", "your own players" or "people and your own players"."""
    return ("people" if not m.bots or all(a not in m.bots for a in m.humans) else
            "your own players" if all(a in m.bots for a in m.humans) else "people and your own players")


def for_whom(d) -> str:
    """Who could earn the awards, in a sentence."""
    m, sc = d.match, d.scenario
    if not m.humans:
        return "The computer played every role, so every delegation could earn an award."
    names = _list([sc.actor(a).name for a in m.humans])
    return f"For the delegations {played_by(m)} played ({names}); the computer's delegations are not ranked."


def _who(sc, actor_id: str) -> str:
    a = sc.actor(actor_id)
    return who(a.short, a.colour, a.name)


def section(d) -> str:
    """The report's "Awards" section (HTML)."""
    sc = d.scenario
    found = awards(d)
    head = f"<h2 id='awards'>Awards</h2><p class='small'>{esc(for_whom(d))} Each award is earned by a rule from the " \
           "game's own numbers; ties share an award, and an award nobody earned is left out.</p>"
    if not found:
        rules = "; ".join(f"<b>{esc(name)}</b>" for name, _ in RULES.values())
        return head + f"<p>No award's rule was met this game. The awards: {rules} (the facilitator guide has " \
                      "their rules).</p>"
    parts = []
    for a in found:
        rows = "".join(f"<li>{_list([_who(sc, w) for w in ws])} — {esc(r)}.</li>" for ws, r in grouped(a))
        parts.append(f"<div class='box keep award'><h3>{esc(a.name)}</h3><ul>{rows}</ul>"
                     f"<p class='small muted'>How it is earned: {esc(a.rule)}</p></div>")
    return head + "".join(parts)
