"""Printable role briefs, the map of who wants what, the facilitator guide and an index.

``write_briefs(scenario, out_dir)`` writes one HTML file per role, a file with
every brief (page breaks between them, for printing in one go), the public map,
the facilitator guide (with the answer key) and an index page linking them all.

Secrets: the public parts of a role's brief (the other delegations, the map) are
built from the engine's own door, :func:`game.engine.views.public_model`, so
another role's confidential instructions, objectives, red lines and true outside
option never reach a brief that is not its own. Actor ``notes`` are never shown
outside the facilitator guide (they can name true outside options).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from game.engine.model import build_model
from game.engine.views import public_model
from game.report.html import (
    badge,
    document,
    esc,
    fmt,
    ink_for,
    line,
    marker,
    paragraphs,
    pct,
    svg,
    table,
    tag,
    text,
    when,
    who,
    whole,
    wrap_label,
)
from game.scenarios.schema import Actor, Objective, Scenario
from game.scoring import history_result
from game.scoring.treaty import breadth_meaning
from game.session.store import write_text_atomic

ACTOR_TABLE = "actor-table.html"  # the kit's page of game.report.actor_sheet
STATUS_WORDS = {"party": "party", "boycotting": "boycotting the talks", "non_party": "not a party"}
ACTION_WORDS = {"table": "Table a draft (a full package)", "amend": "Amend a draft on one issue",
                "endorse": "Endorse a draft publicly", "oppose": "Oppose a draft publicly",
                "lobby": "Lobby a delegation on an issue (private)",
                "offer": "Make a private offer (side payment)", "red_line": "Declare a red line publicly",
                "walk_out": "Walk out (take your outside option)", "return": "Return to the table"}


# --- words for numbers -----------------------------------------------------------

def salience_word(s: float) -> str:
    for limit, word in ((0.8, "vital"), (0.6, "high"), (0.4, "medium"), (0.2, "low")):
        if s >= limit:
            return word
    return "minor"


def halfway_level(n_levels: int, ideal: float) -> int | None:
    """The lower of the two levels an ideal sits halfway between (the briefs say "halfway
    between A and B"), else None: one rule for the briefs and the text mode's stance column."""
    ideal = min(max(ideal, 0.0), n_levels - 1)
    lo = int(ideal)
    return lo if lo < n_levels - 1 and abs(ideal - lo - 0.5) < 0.1 else None


def ideal_words(sc: Scenario, issue_id: str, ideal: float) -> str:
    """An ideal level (possibly fractional) in words."""
    levels = sc.issue(issue_id).levels
    ideal = min(max(ideal, 0.0), len(levels) - 1)
    lo = int(ideal)
    frac = ideal - lo
    if frac < 0.15 or lo == len(levels) - 1:
        return levels[lo].name
    if frac > 0.85:
        return levels[lo + 1].name
    if halfway_level(len(levels), ideal) is not None:
        return f"halfway between {levels[lo].name} and {levels[lo + 1].name}"
    lean = levels[lo].name if frac < 0.5 else levels[lo + 1].name
    return f"between {levels[lo].name} and {levels[lo + 1].name}, closer to {lean}"


def _level_name(sc: Scenario, issue_id: str | None, level_id: str | None) -> str:
    if not issue_id or not level_id:
        return str(level_id or "")
    for lv in sc.issue(issue_id).levels:
        if lv.id == level_id:
            return lv.name
    return level_id


def level_range(sc: Scenario, issue_id: str, at_least: str | None = None,
                at_most: str | None = None) -> tuple[list[str], list[str]]:
    """(the level names a condition accepts, those it rules out), loosest first."""
    levels = sc.issue(issue_id).levels
    ids = [lv.id for lv in levels]
    lo = ids.index(at_least) if at_least in ids else 0
    hi = ids.index(at_most) if at_most in ids else len(ids) - 1
    ok = [lv.name for n, lv in enumerate(levels) if lo <= n <= hi]
    return ok, [lv.name for n, lv in enumerate(levels) if not lo <= n <= hi]


def either(names: list[str], word: str = "or") -> str:
    """“A”, “B” or “C” (each name in quotes)."""
    quoted = [f"“{n}”" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {word} " + quoted[-1]


def _range_words(sc: Scenario, issue_id: str, at_least: str | None, at_most: str | None) -> str:
    """A condition on an issue in plain words: the levels it accepts by name, e.g.
    'is “Declaratory support” or “Binding commitment”', never 'at least' on its own."""
    ok, out = level_range(sc, issue_id, at_least, at_most)
    if not ok:
        return "has a level that does not exist (the condition can never be met)"
    return f"is {either(ok)}" + (f", not {either(out)}" if out else "")


def _actor_name(sc: Scenario, actor_id: str | None) -> str:
    try:
        return sc.actor(actor_id or "").name
    except KeyError:
        return str(actor_id)


def objective_rule(sc: Scenario, obj: Objective) -> str:
    """How an objective is checked at the end, in one plain sentence."""
    seq = next((i.id for i in sc.issues if i.sequencing), None)
    issue_id = obj.issue or (seq if obj.kind == "sequencing_is" else None)
    issue = sc.issue(issue_id).name if issue_id else ""
    level = _level_name(sc, issue_id, obj.level)
    v = obj.value or 0
    n = sc.settings.min_signatures
    ranged = ""
    if issue_id and obj.level and obj.kind in ("issue_at_least", "issue_at_most"):
        ranged = _range_words(sc, issue_id, obj.level if obj.kind == "issue_at_least" else None,
                              obj.level if obj.kind == "issue_at_most" else None)
    rules = {
        "issue_at_least": f"the treaty enters into force and {issue} {ranged}",
        "issue_at_most": f"the treaty enters into force and {issue} {ranged}",
        "sequencing_is": f"the treaty enters into force and {issue} is exactly “{level}”",
        "actor_signs": f"{_actor_name(sc, obj.actor)} signs the final text",
        "actor_not_signs": f"{_actor_name(sc, obj.actor)} does not sign the final text",
        "signs": "you sign the final text",
        "not_signs": "you do not sign the final text",
        "in_force": f"at least {n} {'party signs' if n == 1 else 'parties sign'}, so the treaty enters into force",
        "lapsed": f"fewer than {n} {'party signs' if n == 1 else 'parties sign'}, so the treaty lapses",
        "tightness_at_least": f"the treaty's tightness is at least {v:g} out of 100",
        "tightness_at_most": f"the treaty enters into force with a tightness of {v:g} or less",
        "breadth_at_least": f"the treaty enters into force and at least {pct(v)} of the parties sign",
        "communique": "at least one joint communiqué is adopted during the talks",
        "keep_word": "you keep every offer you accept and sign no text that crosses a red line you declared",
    }
    return "Met if " + rules.get(obj.kind, obj.kind) + "."


def roles_without_objectives(sc: Scenario) -> bool:
    """Whether some party has no scored objectives (its score is then its utility alone)."""
    return any(not a.objectives for a in sc.actors if a.status != "non_party")


def score_rule(sc: Scenario, whose: str = "your", objectives: bool = True) -> str:
    """How a role's score is made, in plain words: ``whose`` is "your" in a brief (to the
    delegation) and anything else (e.g. "guide") in the facilitator guide. A role without
    objectives (``objectives`` False, in a brief) is scored on the outcome alone."""
    share = sc.settings.utility_share
    u = round(100 * share)
    o = 100 - u
    hist = "what the same role got in history and " if sc.history is not None else ""
    if whose == "your" and not objectives:
        return ("Your score runs from 0 to 100, all of it for how good the outcome is for you, since your "
                "role has no scored objectives: how close the final text comes to what you want on the "
                "issues that matter to you, and who signed it (friends in, rivals out); if you stay out, "
                "your outside option counts instead. The worst outcome open to you gives 0, the best 100. "
                "Side payments you receive add to it; you lose some for breaking a promise or for signing "
                f"across a red line you declared. The debrief shows your score beside {hist}what the "
                "computer gets in your role.")
    if whose == "your":
        return (f"Your score runs from 0 to 100. {u} points are for how good the outcome is for you: how "
                "close the final text comes to what you want on the issues that matter to you, and who "
                "signed it (friends in, rivals out); if you stay out, your outside option counts instead. "
                f"The worst outcome open to you gives 0 of these points, the best gives all {u}. Side "
                "payments you receive add to it; you lose some for breaking a promise or for signing "
                f"across a red line you declared. The other {o} points are for your objectives: the share "
                f"of your objective points that are met. The debrief shows your score beside {hist}what "
                "the computer gets in your role.")
    return (f"A role's score runs from 0 to 100. {u} points are for how good the outcome is for that "
            "delegation: how close the final text comes to what it wants on the issues that matter to it, "
            "and who signed it (friends in, rivals out); if it stays out, its outside option counts "
            f"instead. The worst outcome open to it gives 0 of these points, the best gives all {u}. Side "
            "payments it receives add to it; it loses some for breaking a promise or for signing across "
            f"a red line it declared. The other {o} points are for its objectives: the share of its "
            f"objective points that are met. The debrief shows each role's score beside {hist}what the "
            "computer gets in that role. A score is not a grade by itself: some roles are dealt a weaker "
            "hand than others."
            + (" A role without objectives is scored on the outcome alone (all 100 points)."
               if roles_without_objectives(sc) else ""))


# --- shared sections -------------------------------------------------------------

def _issues_section(sc: Scenario) -> str:
    rows = []
    for issue in sc.issues:
        levels = "".join(
            f"<li><b>{esc(lv.name)}</b>{' ' + tag('baseline') if issue.baseline == lv.id else ''}"
            f"{': ' + esc(lv.description) if lv.description.strip() else ''}</li>" for lv in issue.levels)
        extra = " " + tag("sequencing") if issue.sequencing else ""
        rows.append([f"<b>{esc(issue.name)}</b>{extra}<br><span class=small>{esc(issue.description)}</span>",
                     f'<ol class="small levels" start="0">{levels}</ol>'])
    return ('<h2>The issues on the table</h2><p class="small muted">Levels are numbered from 0, the '
            "loosest, to the tightest. <b>Baseline</b> marks the text in force now.</p>"
            + table(["Issue", "Levels, loosest to tightest"], rows, cls="issues"))


def _date_cell(date) -> str:
    return f'<span class="nowrap">{esc(when(date))}</span>'


def _calendar(sc: Scenario) -> str:
    rows = []
    for n, r in enumerate(sc.rounds):
        notes = []
        if r.communique:
            notes.append("the chair may call for a joint communiqué")
        if r.final:
            notes.append("the chair puts one draft to signature; each party signs or not")
        rows.append([str(n + 1), _date_cell(r.date), f"<b>{esc(r.name)}</b>"
                     + (f", {esc(r.place)}" if r.place else ""), esc("; ".join(notes))])
    return ("<h2>Calendar</h2>" + table(["Round", "Date", "Meeting", "Decision"], rows, num=(0,))
            + f'<p class="small"><b>{esc(_actor_name(sc, sc.chair))}</b> chairs the talks. '
            f'The deadline is <b>{esc(when(sc.deadline))}</b>. The treaty enters '
            f"into force only with at least <b>{sc.settings.min_signatures}</b> signature{'' if sc.settings.min_signatures == 1 else 's'}.</p>")


def _actions_table(sc: Scenario) -> str:
    costs = list(sc.settings.costs.items())
    half = (len(costs) + 1) // 2  # two actions a row: half the height on paper
    rows = []
    for n in range(half):
        row = [esc(ACTION_WORDS.get(costs[n][0], costs[n][0])), str(costs[n][1])]
        if n + half < len(costs):
            k, v = costs[n + half]
            row += [esc(ACTION_WORDS.get(k, k)), str(v)]
        else:
            row += ["", ""]
        rows.append(row)
    return (f'<p>Each round every delegation at the table gets <b>{sc.settings.action_points}</b> '
            "action points. Delegations take turns, one move at a time; accepting or rejecting an offer "
            "is free; passing ends your round.</p>"
            + table(["Action", "Points", "Action", "Points"], rows, num=(1, 3), cls="actions"))


_LABEL_CHAR_PX = 5.6   # mean width of a character of a 9.5 px DejaVu Sans label
_LABEL_LINE_PX = 10.5


def _wrap(label: str, chars: int, most: int) -> list[str]:
    """``label`` in lines of at most ``chars`` characters (a longer word is cut), at most ``most``
    lines, the last one ending in '…' if the label does not fit."""
    rows: list[str] = []
    for word in label.split():
        while len(word) > chars:
            rows.append(word[:chars - 1] + "-")
            word = word[chars - 1:]
        if rows and len(rows[-1]) + 1 + len(word) <= chars and not rows[-1].endswith("-"):
            rows[-1] += " " + word
        else:
            rows.append(word)
    if len(rows) > most:
        rows = rows[:most]
        rows[-1] = rows[-1][:chars - 1].rstrip(" -") + "…"
    return rows or [""]


def positions_map(sc: Scenario) -> str:
    """The map of who wants what: public ideal positions of every actor on every issue (SVG)."""
    width, left, right = 680, 150, 30
    pw = width - left - right
    parts, y = [], 8
    r_max = 9.5
    for issue in sc.issues:
        n = len(issue.levels)
        span = max(n - 1, 1)
        placed: list[tuple[float, int, Actor, float]] = []
        lanes: dict[int, float] = {}
        ranked = sorted(sc.actors, key=lambda a: (a.positions[issue.id].ideal if issue.id in a.positions
                                                  else -1, a.id))
        for a in ranked:
            if issue.id not in a.positions:
                continue
            pos = a.positions[issue.id]
            x = left + pw * min(pos.ideal, span) / span
            lane = 0
            order = [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5]
            for lane in order:
                if x - lanes.get(lane, -1e9) >= 2 * r_max + 0.5:
                    break
            lanes[lane] = x
            placed.append((x, lane, a, pos.salience))
        up = max([-ln for _, ln, _, _ in placed if ln < 0] + [0])
        down = max([ln for _, ln, _, _ in placed if ln > 0] + [0])
        step = 2 * r_max + 0.5
        axis = y + 8 + up * step + r_max
        parts.extend(wrap_label(8, axis, issue.name, 11, "start", 19, weight="bold"))
        parts.append(line(left, axis, left + pw, axis, "#555", 1.5))
        label_y = axis + r_max + 11 + down * step
        most_lines = 1
        for k, lv in enumerate(issue.levels):
            x = left + pw * k / span
            parts.append(line(x, axis - 5, x, axis + 5, "#555", 1.5))
            anchor = "start" if k == 0 else ("end" if k == n - 1 else "middle")
            # each label keeps to its share of the axis (the end labels reach inward only), so that long
            # level names wrap instead of running into their neighbours
            room = pw / span / (2 if anchor != "middle" else 1) - 6
            rows = _wrap(lv.name, max(6, int(room / _LABEL_CHAR_PX)), 3)
            most_lines = max(most_lines, len(rows))
            for j, row in enumerate(rows):
                parts.append(text(x, label_y + j * _LABEL_LINE_PX, row, 9.5, anchor, fill="#333"))
        for x, lane, a, sal in placed:
            cy = axis + lane * step
            r = 6.5 + 3 * sal
            dash = "2 2" if a.status != "party" else ""
            title = (f"{a.name}: {ideal_words(sc, issue.id, a.positions[issue.id].ideal)}; "
                     f"salience {salience_word(sal)} ({sal:.2f})")
            parts.append(marker("circle", x, cy, r, a.colour, "#222", 1 + 1.5 * sal, title=title, dash=dash))
            size = {3: 6.3, 4: 5.2}.get(len(a.short), 7.5)  # 'ICBL' fits inside the disc
            parts.append(text(x, cy + size * 0.36, a.short, size, "middle", "bold", ink_for(a.colour)))
        y = label_y + 10 + (most_lines - 1) * _LABEL_LINE_PX
        parts.append(line(8, y - 4, width - 8, y - 4, "#ddd"))
    return svg(width, int(y + 4), "".join(parts), f"Who wants what: {sc.title}")


def _map_table(sc: Scenario) -> str:
    heads = ["Delegation"] + [i.name.split(" (")[0] for i in sc.issues]  # "(Art. 4)" would wrap
    rows = []
    for a in sc.actors:
        row = [who(a.short, a.colour, a.name, one_line=12)]  # a narrow column: the page has many
        for issue in sc.issues:
            pos = a.positions.get(issue.id)
            row.append("" if pos is None else
                       f"{pos.ideal:.1f} <span class=muted>{esc(salience_word(pos.salience))}</span>")
        rows.append(row)
    many = " many" if len(sc.issues) > MAP_TABLE_FIXED_ABOVE else ""
    return table(heads, rows, num=tuple(range(1, len(heads))), cls="small map" + many)


MAP_TABLE_FIXED_ABOVE = 7
"""With more issues than this, the map's table has fixed columns whose words may break (class
``many``): nine or ten issue columns do not fit a printed page at their natural widths."""


MAP_PRINT_MM = 125  # the printed map's height, so the map and its table share a page (A4 and Letter)
MAP_PRINT_MIN_SCALE = 0.75  # a map of many issues shrinks no further than this (its labels stay readable)
PRINT_WIDTH_MM = 182  # the text width of an A4 page with the report's margins (Letter is wider)


def _print_height(svg: str) -> str:
    """The style that caps the printed height of a map (see MAP_PRINT_MM), or "" if it fits."""
    m = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if m is None:
        return ""
    natural = float(m.group(2)) * PRINT_WIDTH_MM / float(m.group(1))
    if natural <= MAP_PRINT_MM:
        return ""
    return f' style="--print-height: {max(MAP_PRINT_MM, MAP_PRINT_MIN_SCALE * natural):.0f}mm"'


def map_section(sc: Scenario, heading: bool = True) -> str:
    """The map and its table; ``heading`` False when the page's own title already says it."""
    svg = positions_map(sc)
    return (('<h2>Who wants what</h2>' if heading else "")
            + '<p class="small">Public positions at the start of the talks. Each '
            "disc is a delegation at its ideal level on the issue; a bigger disc with a thicker rim means "
            "the issue matters more to it (salience). A dashed rim marks a delegation not at the table. "
            "Positions move during play through lobbying and events.</p>"
            f'<figure class="keep map"{_print_height(svg)}>{svg}</figure>'
            + '<div class="keep"><p class="small muted">In the table, numbers are ideal levels, counted from '
              "0 at the loosest level of each issue (see “The issues on the table”); the word beside each "
              "is the salience.</p>" + _map_table(sc) + "</div>")


def _others_section(sc: Scenario, pub: Scenario, me: str | None) -> str:
    rows = []
    for a in pub.actors:
        if a.id == me:
            continue
        delegate = a.delegate.name + (f", {a.delegate.title}" if a.delegate.title else "")
        rows.append(f'<div class="keep"><h4>{badge(a.short, a.colour)} {esc(a.name)} '
                    f'<span class="small muted">— {esc(STATUS_WORDS.get(a.status, a.status))}</span></h4>'
                    f'<p class="small"><b>Delegate:</b> {esc(delegate)}. <b>Clout</b> {fmt(a.capability)}, '
                    f"<b>reliability</b> {fmt(a.reliability)}, <b>believed outside option</b> "
                    f"{fmt(_believed_outside(a))}.</p>{paragraphs(a.public_profile)}</div>")
    title = "The other delegations" if me else "The delegations"
    return f"<h2>{title}</h2>" + "".join(rows)


def _believed_outside(a: Actor) -> float:
    return a.outside_option_public if a.outside_option_public is not None else a.outside_option


_TAGGED = re.compile(r"\[(?:V|I|U)(?:\]|:)")


def source_tags_note(sc: Scenario) -> str:
    """What the source tags in the scenario's notes mean ([V: KEY], [I], [U], "design
    estimate"), as a small paragraph; empty when the scenario uses none of them."""
    if not _TAGGED.search(sc.model_dump_json()):
        return ""
    return ("<p class='small muted tags'>In the notes, [V: KEY] means stated in the source KEY, [I] an "
            "inference from the sources, [U] not confirmed, and “design estimate” a number the game's "
            "designers chose where the sources say nothing.</p>")


def _sources(sc: Scenario, keys: list[str], tags: bool = True) -> str:
    rows = [f"<li><b>{esc(k)}</b>: {esc(sc.sources.get(k, 'source not listed in the scenario'))}</li>"
            for k in keys]
    doc = (f'<p class="small">Primary document: {esc(sc.source_document)}</p>'
           if sc.source_document else "")
    if not rows and not doc:
        return ""
    return ("<h2>Sources</h2>" + (source_tags_note(sc) if tags else "") + doc
            + f'<ul class="small">{"".join(rows)}</ul>')


# --- a role's brief --------------------------------------------------------------

def _levers(sc: Scenario, a: Actor, pub: Scenario) -> str:
    out = ["<h2>Your levers</h2>",
           f"<p><b>Clout (capability) {fmt(a.capability)}</b>: how far your lobbying moves others and how "
           f"much your membership is worth to your friends. <b>Reliability {fmt(a.reliability)}</b>: how "
           "credible your promises are and how much your signature adds to the treaty's cohesion.</p>"]
    if a.id == sc.chair:
        out.append('<div class="box"><b>You chair the talks.</b> You move first in every round, you may '
                   "call for a joint communiqué at meetings that adopt one, and at the final summit you "
                   "choose which draft is put to signature.</div>")
    if a.offers:
        rows = [[f"<b>{esc(o.name)}</b><br><span class=small>{esc(o.description)}</span>",
                 esc(", ".join(_actor_name(sc, t) for t in o.to) or "anyone"), fmt(o.cost), fmt(o.value)]
                for o in a.offers]
        out.append("<h3>Offers you can make</h3><p class='small'>A private offer asks the receiver to sign "
                   "the final text or to endorse a draft. An accepted offer is a commitment: the payment "
                   "is made if the condition is met, and a receiver who breaks it loses reputation.</p>"
                   + table(["Offer", "Can go to", "Cost to you", "Worth to them"], rows, num=(2, 3)))
    else:
        out.append("<p>You have no side payments of your own to offer: your levers are your vote, your "
                   "endorsements, lobbying and red lines.</p>")
    incoming = [(o, b) for b in pub.actors if b.id != a.id for o in b.offers if not o.to or a.id in o.to]
    if incoming:
        rows = [[esc(b.name), f"<b>{esc(o.name)}</b><br><span class=small>{esc(o.description)}</span>",
                 fmt(o.value)] for o, b in incoming]
        out.append("<h3>What others could offer you</h3>"
                   + table(["From", "Offer", "Worth to you"], rows, num=(2,)))
    out.append("<div class='keep'><h3>Actions each round</h3>" + _actions_table(sc) + "</div>")
    return "".join(out)


def _red_lines(sc: Scenario, a: Actor) -> str:
    if not a.red_lines:
        return ("<h2>Your red lines</h2><p>Your instructions set no red line: everything is negotiable. You "
                "may still declare one publicly during the talks to make a position credible.</p>")
    items = []
    for rl in a.red_lines:
        issue = sc.issue(rl.issue).name
        items.append(f"<li>You will not sign unless <b>{esc(issue)}</b> "
                     f"{esc(_range_words(sc, rl.issue, rl.at_least, rl.at_most))}."
                     + (f' <span class="small muted">{esc(rl.note)}</span>' if rl.note else "") + "</li>")
    return ("<h2>Your red lines</h2><ul>" + "".join(items) + "</ul><p class='small'>These are secret until "
            "you declare them. Declaring one makes it credible; signing across a declared red line later "
            "costs reputation.</p>")


def relations_words(sc: Scenario, a: Actor) -> str:
    """A role's clear relations, most hostile first: "Russia (-0.4), Azerbaijan (+0.5)" (|value| 0.2 or
    more; the printed brief and the text mode's say them the same way, and the briefing check asks)."""
    names = {b.id: b.name for b in sc.actors}
    return ", ".join(f"{names[k]} ({v:+.1f})" for k, v in sorted(a.affinities.items(), key=lambda kv: kv[1])
                     if k in names and k != a.id and abs(v) >= 0.2)


def _positions(sc: Scenario, a: Actor) -> str:
    rows = []
    for issue in sc.issues:
        pos = a.positions.get(issue.id)
        if pos is None:
            continue
        rows.append([f"<b>{esc(issue.name)}</b>", esc(ideal_words(sc, issue.id, pos.ideal)),
                     f"{esc(salience_word(pos.salience))} ({fmt(pos.salience)})",
                     f'<span class="small muted">{esc(pos.note)}</span>'])
    rel = relations_words(sc, a)
    return ("<h2>Your positions</h2>" + table(["Issue", "You want", "Matters", "Why"], rows)
            + source_tags_note(sc)
            + (f"<p class='small'><b>Your relations</b> (−1 hostile … +1 close): {esc(rel)}.</p>"
               if rel else ""))


def _may_reveal() -> str:
    return ("<div class='box keep small'><b>What you may tell the others.</b> Your public profile, the map "
            "of who wants what and “The other delegations” are known to everyone. Everything else on these "
            "pages is yours alone: the confidential box, your objectives, your red lines and your outside "
            "option. You may reveal any of it, hint at it, keep it secret or bluff when you talk to other "
            "delegations, but never show or hand them these pages. Only what is entered in the game counts: "
            "a promise binds only when it is made as an offer and accepted, and a red line binds only once "
            "you declare it.</div>")


def _quiz_page(sc: Scenario, actor_id: str) -> str:
    """The briefing check on paper (game.report.quiz): the same questions, in the same order, as the
    game asks, with the options lettered; the answer key is in the facilitator guide."""
    from game.report.quiz import questions  # (it builds on this module's words)

    items = "".join(f'<li class="keep"><b>{esc(q.text)}</b><ol class="options" type="A">'
                    + "".join(f"<li>{esc(label)}</li>" for _, label in q.options) + "</ol></li>"
                    for q in questions(sc, actor_id))
    return ('<div class="pagebreak"></div><h2>Check your brief</h2><p class="small">Before the talks, answer '
            "each question from what this brief says: circle one letter. The game asks the same questions "
            "(<code>quiz</code> in the text mode, <i>Briefing check</i> in the window), where your "
            f'first answer counts.</p><ol class="quiz">{items}</ol>')


def _quiz_key(sc: Scenario) -> str:
    """The answer key of every role's briefing check (letters as printed in its brief)."""
    from game.report.quiz import questions  # (it builds on this module's words)

    rows = []
    for a in sc.actors:
        qs = questions(sc, a.id)
        cells = [f"{n}&nbsp;<b>{q.letter(q.answer)}</b>"
                 for n, q in enumerate(qs, 1)]
        rows.append([who(a.short, a.colour, a.name), " · ".join(cells)])
    return ("<h2>The briefing check: answer key</h2><p class='small'>Each brief ends with “Check your brief”, "
            "questions on the role's own brief; the right letter of each, as printed there. The game asks "
            "the same questions and scores them itself (the debrief's “The briefing check”, the grade "
            "sheet's <code>quiz_right</code>).</p>" + table(["Role", "Question and answer"], rows, cls="small"))


def brief_foot(sc: Scenario, actor_id: str) -> str:
    """The foot of each printed page of a role's brief: its role first, so a dropped sheet goes back
    to the right team."""
    return f"{_actor_name(sc, actor_id)} · role brief, confidential · {sc.title}"


def role_section(sc: Scenario, actor_id: str, page_name: str = "") -> str:
    """One role's brief as a printable page section (its own secrets only); ``page_name`` prints it
    on named pages (all-briefs.html, where each brief has its own page foot)."""
    model = build_model(sc)
    me = model.actor_index(actor_id)
    pub = public_model(model, me).scenario  # the engine's door: others' secrets removed
    a = pub.actors[me]
    delegate = a.delegate.name + (f", {a.delegate.title}" if a.delegate.title else "")
    public_out = _believed_outside(a)
    believed = ("the others know this" if abs(public_out - a.outside_option) < 0.005
                else f"the others believe it is {fmt(public_out)}")
    objectives = [[f"<b>{esc(o.description)}</b><br><span class=small>{esc(objective_rule(sc, o))}</span>",
                   str(o.points)] for o in a.objectives]
    total = sum(o.points for o in a.objectives)
    body = [
        f'<section class="page" id="brief-{esc(a.id)}"'
        + (f' style="page: {esc(page_name)}"' if page_name else "") + ">",
        f'<div class="kicker">{esc(sc.title)} · role brief</div>',
        f"<h1>{badge(a.short, a.colour)} {esc(a.name)}</h1>",
        f'<p class="subtitle">{esc(delegate)} — {esc(STATUS_WORDS.get(a.status, a.status))}</p>',
        ("<h2>Public profile</h2>" + paragraphs(a.public_profile)) if a.public_profile.strip() else "",
        f'<div class="box secret"><div class="kicker">Confidential — for the delegation of {esc(a.name)} '
        f"only</div>{paragraphs(a.confidential)}"
        "<p><b>Your outside option</b> (the value of staying out of the treaty) is "
        f"<b>{fmt(a.outside_option)}</b>; {believed}. A text that matched "
        "all your wishes would be worth "
        "about 1.00 to you, so sign only what beats staying out.</p></div>",
        _may_reveal(),
        "<h2>Your objectives</h2>"
        + (table(["Objective and how it is checked", "Points"],
                 [*objectives, ["<b>Total</b>", f"<b>{total}</b>"]], num=(1,)) if objectives else
           "<p>No scored objectives: your score is your utility for the outcome.</p>")
        + f"<p class='small'>{esc(score_rule(sc, objectives=bool(a.objectives)))}</p>",
        _positions(sc, a), _red_lines(sc, a), _levers(sc, a, pub),
        f'<div class="kicker section-start">{esc(sc.title)} · for every delegation</div>',
        f"<h2>The situation</h2><p class='subtitle'>{esc(sc.subtitle)}</p>{paragraphs(sc.description)}",
        _calendar(sc), _issues_section(sc), '<div class="pagebreak"></div>', map_section(pub),
        _others_section(sc, pub, a.id), _quiz_page(sc, a.id),
        _sources(sc, list(a.sources), tags=False),  # the tags are explained under "Your positions"
        f'<footer class="foot">{esc(sc.id)} v{esc(sc.version)} · end of the brief for {esc(a.name)} · '
        "keep it to your delegation</footer></section>",
    ]
    return "".join(body)


def role_brief(sc: Scenario, actor_id: str, paper: str = "auto") -> str:
    name = _actor_name(sc, actor_id)
    return document(f"{sc.title}: brief for {name}", role_section(sc, actor_id), paper,
                    foot=brief_foot(sc, actor_id))


ONE_SIDED = ("Print this file one-sided. Printed on both sides, a brief that ends on the front of a "
             "sheet gets the next delegation's first page, its confidential instructions, on the back. "
             "To print on both sides, print each delegation's own brief file instead.")


def all_briefs(sc: Scenario, paper: str = "auto") -> str:
    names = [(f"brief-{n + 1}", brief_foot(sc, a.id)) for n, a in enumerate(sc.actors)]
    warning = f'<main class="page noprint"><div class="box secret"><b>{esc(ONE_SIDED)}</b></div></main>'
    return document(f"{sc.title}: all role briefs",
                    warning + "".join(role_section(sc, a.id, name)
                                      for a, (name, _) in zip(sc.actors, names, strict=True)),
                    paper, named_feet=names)


def map_page(sc: Scenario, paper: str = "auto") -> str:
    pub = public_model(build_model(sc), None).scenario
    body = (f'<main class="page"><div class="kicker">{esc(sc.title)} · handout for every delegation</div>'
            f"<h1>Who wants what</h1>{map_section(pub, heading=False)}<div class='pagebreak'></div>"
            f"{_issues_section(sc)}</main>")
    return document(f"{sc.title}: who wants what", body, paper,
                    foot=f"Who wants what · for every delegation · {sc.title}")


# --- the facilitator guide -------------------------------------------------------

def lesson_plans(sc: Scenario) -> str:
    n = len(sc.rounds)
    plans = []
    for total, intro, prep, debrief, summit in ((45, 5, 5, 8, 5), (90, 10, 15, 20, 8)):
        play = total - intro - prep - debrief - summit
        talks = max(n - 1, 1)
        per = max(play // talks, 2)
        rows = [["0", str(intro), "<b>Set the scene.</b> Read the situation aloud, show the calendar and the "
                 "map of who wants what, explain scoring in one sentence: the treaty is judged on how tight "
                 "it is, each delegation on its own objectives."],
                [str(intro), str(prep), "<b>Delegations prepare.</b> Teams read their confidential brief"
                 + (" (set it as homework the day before)" if total <= 45 else "")
                 + " and agree their first move and red lines."]]
        t = intro + prep
        for k, r in enumerate(sc.rounds):
            if r.final:
                rows.append([str(t), str(summit), f"<b>Round {k + 1}: {esc(r.name)}</b> — last talks; when "
                             "all have passed, the chair puts a draft to signature and each party signs or not."])
                t += summit
            else:
                extra = " The chair may call for a communiqué." if r.communique else ""
                day = f"{r.date.day} {r.date:%b}"
                rows.append([str(t), str(per), f"<b>Round {k + 1}: {esc(r.name)}</b> ({esc(day)}). Read out "
                             f"the news; delegations take turns, one move at a time, until all have passed.{extra}"])
                t += per
        rows.append([str(t), str(total - t), "<b>Debrief.</b> Project the debrief report; compare the "
                     "class's treaty with history and the computer; use the discussion prompts."])
        plans.append(f'<div class="keep"><h3>{total} minutes</h3>'
                     + table(["Start (min)", "Minutes", "What happens"], rows, num=(0, 1)) + "</div>")
    return "<h2>Lesson plans</h2>" + "".join(plans)


def _phases(sc: Scenario) -> str:
    chair = _actor_name(sc, sc.chair)
    return (
        "<h2>How to run each phase</h2>"
        "<h3>1. Events</h3><p>At the start of each round read out the news items that fire (the software "
        "prints them). Historical events follow the real calendar; with probabilistic events on, "
        "counterfactual ones may fire as well. Events move positions, saliences and outside options.</p>"
        "<h3>2. Diplomacy</h3>" + _actions_table(sc)
        + "<p>Offers and lobbying are private: only the two delegations involved see them. Drafts, "
        "endorsements, oppositions and red lines are public. Let teams talk freely between turns, but a "
        "promise only counts when it is entered as an offer and accepted.</p>"
        f"<h3>3. Decisions</h3><p>At meetings marked in the calendar the chair ({esc(chair)}) may call for a "
        "joint communiqué on a draft; it needs every delegation at the table to endorse it. At the final "
        f"summit the chair puts one draft to signature and every party signs or not. The treaty needs "
        f"{sc.settings.min_signatures} signature{'' if sc.settings.min_signatures == 1 else 's'} to enter into force.</p>"
        "<h3>4. Scoring</h3><p>The treaty is scored on <b>depth</b> (how binding the adopted clauses are, "
        "discounted when changes are only promised), <b>breadth</b> "
        f"({breadth_meaning(sc.settings).replace('that signed', 'that sign')}) and "
        "<b>cohesion</b> (the reliability of the signatories). <b>Tightness</b> = "
        f"{pct(sc.settings.depth_weight)} depth + {pct(1 - sc.settings.depth_weight)} cohesion; it is "
        f"<i>tight</i> from {sc.settings.tight_at:g}, <i>moderate</i> from {sc.settings.moderate_at:g}, "
        f"else <i>loose</i>, and <i>lapsed</i> with too few signatures.</p><p>{esc(score_rule(sc, 'guide'))}</p>")


def discussion_questions(sc: Scenario) -> list[str]:
    chair = _actor_name(sc, sc.chair)
    seq = next((i for i in sc.issues if i.sequencing), None)
    qs = [f"The chair ({chair}) chose which draft went to signature. Would you rather lead a tight agreement "
          "that only the most reliable sign, or a looser one that more parties join? Why does tightness "
          "count cohesion but not breadth?"]
    if seq is not None:
        qs.append(f"{seq.name}: what does a signature mean under “{seq.levels[0].name}” and under "
                  f"“{seq.levels[-1].name}”? Whose promises about later changes were credible, and why?")
    red = [a.name for a in sc.actors if a.red_lines]
    if red:
        qs.append(f"{', '.join(red)} had red lines in their instructions. Did declaring them help or hurt? "
                  "Did anyone sign across a line they had declared?")
    outside = sorted(sc.actors, key=lambda a: -a.outside_option)[:3]
    qs.append(f"{', '.join(a.name for a in outside)} had the best options outside the agreement. What would "
              "the others have had to give to bring them in, and was it worth it?")
    absent = [a.name for a in sc.actors if a.status == "boycotting"]
    if absent:
        qs.append(f"{', '.join(absent)} boycotted the talks at the start. Does staying away give a party "
                  "more or less influence over the text?")
    qs.append("Which side payments changed a signature? Is buying a signature different from persuading?")
    qs.append("Did what your delegation said in public (endorsements, red lines) match what it signed? "
              "The grade sheet measures the gap.")
    if sc.hidden_draws:
        qs.append("Some facts were left open and drawn at random at the start (the hidden draws below). "
                  "Which answer would have changed the outcome most, and how could the delegations "
                  "have found out which one was true?")
    return qs


def _answer_key(sc: Scenario) -> str:
    h = sc.history
    if h is None:
        return ("<h2>Answer key</h2><p>This scenario has no historical outcome (it is a custom or "
                "counterfactual scenario): judge the result on the scores alone.</p>")
    model = build_model(sc)
    res = history_result(model)
    rows = []
    for issue in sc.issues:
        lv = h.levels.get(issue.id, issue.baseline or issue.levels[0].id)
        changed = (issue.baseline or issue.levels[0].id) != lv
        rows.append([esc(issue.name), esc(_level_name(sc, issue.id, lv)), tag("changed") if changed else ""])
    signed = [a for a in sc.actors if a.id in h.signatories]
    out_ = [a for a in sc.actors if a.id not in h.signatories and a.status != "non_party"]
    t = res.treaty
    src = ", ".join(f"{k}" for k in h.sources)
    parts = [
        '<h2>Answer key: what really happened</h2>',
        f'<div class="box"><p><b>{esc(when(h.date, long=True))}.</b> {esc(" ".join(h.summary.split()))}</p>'
        + (f'<p class="small">Sources: {esc(src)}</p>' if src else "") + "</div>",
        "<h3>The historical text</h3>" + table(["Issue", "Level adopted", ""], rows),
        f"<p><b>Signed:</b> {esc(', '.join(a.name for a in signed))}. <b>Did not sign:</b> "
        f"{esc(', '.join(a.name for a in out_) or 'none')}."
        + (f" Entered into force on {esc(when(h.in_force_date, long=True))}." if h.in_force_date else "")
        + "</p>",
        f"<p class='small'>{esc(' '.join(h.notes.split()))}</p>" if h.notes else "",
        f'<div class="stats"><div class="stat"><b>{t.tightness:.0f}</b>'
        f'<span>tightness ({esc(t.label)})</span></div><div class="stat"><b>{t.depth:.2f}</b>'
        '<span>depth</span></div><div class="stat">'
        f"<b>{t.breadth:.2f}</b><span>breadth</span></div><div class=\"stat\"><b>{t.cohesion:.2f}</b>"
        "<span>cohesion</span></div></div><p class='small'>History scored with the game's own rules; the "
        "debrief plots this point beside the class's treaty.</p>",
    ]
    rows, notes = [], []
    for a in sc.actors:
        rs = res.roles[a.id]
        met = [o[1].rstrip(". ") for o in rs.objectives if o[2]]
        missed = [o[1].rstrip(". ") for o in rs.objectives if not o[2]]
        rows.append([who(a.short, a.colour, a.name),
                     tag("signed", "yes") if a.id in h.signatories else tag("stayed out", "no"),
                     whole(rs.score)])
        # under the row, as in the debrief: two columns of sentences wrapped to nine lines at 800 px
        notes.append(f"<span class=sans>Met:</span> {esc('; '.join(met) or '—')}<br>"
                     f"<span class=sans>Missed:</span> {esc('; '.join(missed) or '—')}" if rs.objectives else "")
    parts.append("<h3>Each role in history</h3>"
                 + table(["Role", f"In {h.date.year}", "Score"], rows, num=(2,), notes=notes))
    events = [e for e in sorted(sc.events, key=lambda e: e.date) if e.historical]
    if events:
        rows = [[_date_cell(e.date), f"<b>{esc(e.title)}</b><br><span class=small>"
                 f"{esc(' '.join(e.text.split()))}</span>", esc(e.source)] for e in events]
        parts.append("<h3>Timeline of events</h3>" + table(["Date", "Event", "Source"], rows))
    # in date order, as the timeline; an event with no chance (a variant switching off its base's
    # counterfactual) never fires, so it is not listed
    cf = [e for e in sorted(sc.events, key=lambda e: (e.date, e.id))
          if not e.historical and e.probability > 0]
    if cf:
        rows = [[_date_cell(e.date), esc(e.title), pct(e.probability)] for e in cf]
        parts.append("<h3>Counterfactual events (probabilistic mode only)</h3>"
                     + table(["Date", "Event", "Chance"], rows, num=(2,)))
    for d in sc.hidden_draws:
        rows = [[esc(o.label), pct(o.probability), esc(o.note)] for o in d.options]
        parts.append(f'<h3>Hidden draw: {esc(d.id)}</h3><p>{esc(" ".join(d.description.split()))}</p>'
                     + table(["Option", "Chance", "Why"], rows, num=(1,))
                     + (f"<p class='small'>After the game the debrief names the answer drawn and adds: “"
                        f"{esc(' '.join(d.reveal.split()))}”</p>" if d.reveal else ""))
    return "".join(parts)


def _secrets_table(sc: Scenario) -> str:
    rows = []
    for a in sc.actors:
        public = a.outside_option_public if a.outside_option_public is not None else a.outside_option
        lines_ = []
        for rl in a.red_lines:
            bits = [f"≥ {_level_name(sc, rl.issue, rl.at_least)}" if rl.at_least else "",
                    f"≤ {_level_name(sc, rl.issue, rl.at_most)}" if rl.at_most else ""]
            lines_.append(f"{sc.issue(rl.issue).name} {' '.join(b for b in bits if b)}")
        rows.append([who(a.short, a.colour, a.name), esc(STATUS_WORDS.get(a.status, a.status)),
                     fmt(a.capability), fmt(a.reliability), f"{fmt(a.outside_option)} ({fmt(public)})",
                     esc("; ".join(lines_) or "—"), esc(a.personality)])
    return ("<h2>The roles at a glance (all secrets)</h2>"
            + table(["Role", "Status", "Clout", "Reliab.", "Outside (believed)", "Red lines", "AI style"],
                    rows, num=(2, 3, 4)))


def _away_at_start(sc: Scenario) -> str:
    """A 'Before class' item for roles that start away from the table (Uzbekistan in cst-1999): a class
    with a team for every role gives one of them a team that can only pass or come back."""
    away = [a.name for a in sc.actors if a.status == "boycotting"]
    if not away:
        return ""
    cost = sc.settings.costs.get("return", 1)
    names = ", ".join(away)
    one = len(away) == 1
    return (f"<li>{esc(names)} start{'s' if one else ''} away from the table (boycotting the talks): on "
            f"{'its' if one else 'their'} turns a team playing {'it' if one else 'one of them'} can only "
            f"pass or return to the table ({cost} action point{'' if cost == 1 else 's'} and a little "
            "reputation), and can still talk to the others between "
            "turns. With a team for every role, give it to a team that enjoys arguing from outside, or let "
            "the computer play it.</li>")


def facilitator_guide(sc: Scenario, paper: str = "auto", ref: str | None = None) -> str:
    """The facilitator's page; ``ref`` is how the scenario was named on the command line (its id
    if not given), for the play commands it shows."""
    from game.scenarios.registry import DEFAULT_SCENARIO

    ref = ref or sc.id
    scenario = "" if ref == DEFAULT_SCENARIO else f" --scenario {shlex.quote(ref)}"
    h = sc.history
    glance = [("Scenario", f"{sc.title} ({sc.id} v{sc.version})"), ("Length", sc.length or "—"),
              ("Dates", f"{when(sc.start)} to {when(sc.deadline)}"),
              ("Roles", f"{len(sc.actors)}; the chair is {_actor_name(sc, sc.chair)}"),
              ("Entry into force", f"{sc.settings.min_signatures} signature{'' if sc.settings.min_signatures == 1 else 's'}")]
    body = [
        '<main class="page">',
        f'<div class="kicker">{esc(sc.title)} · facilitator guide — contains the answer key, do not hand '
        "out</div>",
        f"<h1>Facilitator guide</h1><p class='subtitle'>{esc(sc.subtitle)}</p>",
        "<h2>The scenario at a glance</h2><dl class='facts'>"
        + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in glance) + "</dl>"
        + paragraphs(sc.description),
        _calendar(sc), _secrets_table(sc),
        "<h2>Before class</h2><ul><li>Print one role brief per delegation (teams of two to four students; "
        "give the chair's role to a confident team) and one “who wants what” map per team.</li>"
        "<li>Decide how moves are entered: one computer at the front with every human role "
        f"(<code>treaty-table play{esc(scenario)} --role ID --role ID …</code>, add <code>--text</code> for the "
        "terminal), "
        "or talks on paper with the teacher entering the moves. Roles nobody plays are played by the "
        "computer. The game hides one team's secrets before the next team's turn. With "
        f"<code>treaty-table play{esc(scenario)} --facilitator</code> you enter every team's move yourself on "
        "one screen "
        "that shows all the secrets: press F7 for the public view before you project it.</li>"
        "<li>Choose how the computer's delegations treat the teams (<code>--difficulty</code>, or "
        "<i>AI difficulty</i> on the setup screen): <i>easy</i>, they accommodate the teams (a first lesson, "
        "a struggling group); <i>normal</i>, they bargain only for themselves; <i>hard</i>, they mind the "
        "teams' gains (a strong group). It does not make them better or worse negotiators. The level "
        "holds for the whole game and every team in it; to give two groups different levels, run two "
        "games. Compare scores only between games at the same level: the results, the debrief and the "
        "grade sheet say which it was.</li>"
        "<li>For a graded game, switch take-backs off (<code>--no-takeback</code>, or <i>Take-backs: Off</i> "
        "on the setup screen): a team can otherwise take back its last move and try another, and the "
        "computer, playing the same seeded game, answers the same move the same way. Left on, the grade "
        "sheet counts each team's take-backs.</li>"
        + _away_at_start(sc) + "<li>Keep this "
        "guide to yourself: "
        "it contains every delegation's secrets and the answer key.</li></ul>",
        lesson_plans(sc), _phases(sc),
        "<h2>After the game</h2><p>The software autosaves every round and at the end. When the game ends, "
        "the terminal version prints the final save's path and the command to paste (in the window, "
        "press <b>D</b> on the results screen); the save is also the newest file ending in "
        "<code>-end.json</code> in the <code>autosaves</code> folder of the Treaty Table data folder "
        "(set <code>TREATY_TABLE_HOME</code> to choose it). Make the debrief report and the grade sheet "
        "from it (SAVE is that file):</p><p><code>treaty-table debrief SAVE --out debrief.html "
        "--csv grades.csv</code></p><p>The report reveals everything: private offers, hidden draws, true "
        "positions. Project it, or print it for each team. It compares the class's treaty with history "
        "and with games the computer plays against itself, and it suggests discussion prompts drawn from "
        "what happened.</p><p>To walk the class through the game move by move, open the same save in the "
        "window: <code>treaty-table replay SAVE --window</code> (or <b>R</b> on the results screen). Left "
        "and Right step one move, Space plays it on, and <b>W</b> switches from the public view (what "
        "every team saw) to one delegation's own view, with its private moves and forecast.</p>",
        "<h2>Discussion questions</h2><ol>" + "".join(f"<li>{esc(q)}</li>" for q in discussion_questions(sc))
        + "</ol><p class='small'>The debrief report adds prompts drawn from what happened in your game.</p>",
        '<div class="pagebreak"></div>', _answer_key(sc), _quiz_key(sc),
        _sources(sc, list(sc.sources)) if sc.sources else "",
        f'<footer class="foot">{esc(sc.id)} v{esc(sc.version)} · facilitator guide'
        + (f" · history: {esc(when(h.date))}" if h else "") + "</footer></main>",
    ]
    return document(f"{sc.title}: facilitator guide", "".join(body), paper,
                    foot=f"Facilitator guide, for the teacher only · {sc.title}")


# --- index and writing -----------------------------------------------------------

def brief_filename(actor_id: str) -> str:
    return f"brief-{actor_id}.html"


def index_page(sc: Scenario, paper: str = "auto") -> str:
    rows = [[f"{badge(a.short, a.colour)} <a href=\"{esc(brief_filename(a.id))}\">{esc(a.name)}</a>",
             esc(a.delegate.name), esc(STATUS_WORDS.get(a.status, a.status))] for a in sc.actors]
    body = (f'<main class="page"><div class="kicker">Classroom kit</div><h1>{esc(sc.title)}</h1>'
            f"<p class='subtitle'>{esc(sc.subtitle)}</p>{paragraphs(sc.description)}"
            "<h2>For the teacher</h2><ul><li><a href=\"facilitator-guide.html\">Facilitator guide</a> "
            f"{tag('answer key', 'private')} — lesson plans, how to run each phase, discussion questions, "
            "what really happened.</li>"
            f"<li><a href=\"{ACTOR_TABLE}\">The actor table</a> {tag('all secrets', 'private')} — every number "
            "the computer plays the delegations by, beside its source (and how to change them for your "
            "class).</li></ul>"
            "<h2>For every delegation</h2><ul><li><a href=\"map.html\">Who wants what</a> — the public map "
            "of positions and its table on one page, then the pages that explain the issues and their "
            "levels. Safe to give to everyone.</li></ul>"
            "<h2>Role briefs (one per delegation, confidential)</h2>"
            + table(["Role", "Delegate", "Status"], rows)
            + "<p><a href=\"all-briefs.html\">All briefs in one file</a> " + tag("all secrets", "private")
            + " (print once; each brief starts on a new page; hand each delegation only its own). "
            + esc(ONE_SIDED) + "</p>"
            "<p class='small muted'>Print with your browser (A4 or Letter). The pages "
            "are made for black-and-white printing.</p></main>")
    return document(f"{sc.title}: classroom kit", body, paper, foot=f"Classroom kit · {sc.title}")


def _actor_table_page(sc: Scenario, paper: str, ref: str | None = None) -> str:
    from game.report.actor_sheet import actor_table_page
    return actor_table_page(sc, paper, ref)


def write_briefs(sc: Scenario, out_dir: str | Path, paper: str = "auto", ref: str | None = None) -> list[Path]:
    """Write the whole kit into ``out_dir``; returns the files written (index first). ``ref`` is
    how the scenario was named on the command line (for the commands the pages show)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {"index.html": index_page(sc, paper), "facilitator-guide.html": facilitator_guide(sc, paper, ref),
             "map.html": map_page(sc, paper), "all-briefs.html": all_briefs(sc, paper),
             ACTOR_TABLE: _actor_table_page(sc, paper, ref)}
    for a in sc.actors:
        files[brief_filename(a.id)] = role_brief(sc, a.id, paper)
    written = []
    for name, content in files.items():
        path = out / name
        write_text_atomic(path, content)
        written.append(path)
    return written
