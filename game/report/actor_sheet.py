"""The actor table as a page of the classroom kit: every number, beside where it comes from.

The same numbers, notes and sources as the spreadsheet of ``treaty-table actor-table``
(:func:`game.scenarios.actor_table.table_rows`, one source of truth), laid out per
delegation for reading and printing, each source key in a note linked to its full
citation at the end. It holds every delegation's secrets (true outside options), so it
is for the facilitator, like the facilitator guide.
"""

from __future__ import annotations

import re
import shlex

from game.report.briefs import source_tags_note
from game.report.html import badge, document, esc, table, tag
from game.scenarios.actor_table import cited_keys, key_spans, table_rows, variant_changes, variant_path
from game.scenarios.schema import Scenario


def _anchor(key: str) -> str:
    return "src-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-")


def linked_note(sc: Scenario, note: str) -> str:
    """``note`` as HTML with every source key of the scenario linked to its citation below (the
    keys found as the spreadsheet's sources column finds them, :func:`key_spans`)."""
    out, at = [], 0
    for start, end, key in key_spans(sc, note):
        out += [esc(note[at:start]), f'<a href="#{_anchor(key)}">{esc(note[start:end])}</a>']
        at = end
    return "".join(out) + esc(note[at:])


def _value(sc: Scenario, row: dict) -> str:
    v = row["value"]
    if row["number"] == "ideal":
        issue = sc.issue(row["about"])
        x = float(v)
        low = issue.levels[int(x)].name
        if x == int(x):
            return f"{esc(v)} <span class='muted'>({esc(low)})</span>"
        high = issue.levels[min(int(x) + 1, len(issue.levels) - 1)].name
        return f"{esc(v)} <span class='muted'>(between {esc(low)} and {esc(high)})</span>"
    if row["number"] == "outside_option_public" and v == "":
        return "<span class='muted'>the true value</span>"
    return esc(v)


_LABELS = {"status": "Status", "capability": "Clout (capability)", "reliability": "Reliability",
           "outside_option": "Outside option (true)", "outside_option_public": "Outside option (as others "
           "believe it)", "personality": "How the AI plays it"}


def _delegation(sc: Scenario, actor_id: str, rows: list[dict]) -> str:
    a = sc.actor(actor_id)
    names = {x.id: x.name for x in sc.actors}
    body = []
    positions: dict[str, dict[str, dict]] = {}
    affinities = []
    for r in rows:
        if r["number"] in _LABELS:
            body.append([esc(_LABELS[r["number"]]), _value(sc, r), linked_note(sc, r["source note"])])
        elif r["number"] == "affinity":
            affinities.append(r)
        else:
            positions.setdefault(r["about"], {})[r["number"]] = r
    for issue_id, pair in positions.items():
        ideal, salience = pair["ideal"], pair["salience"]
        body.append([esc(sc.issue(issue_id).name),
                     f"ideal {_value(sc, ideal)}, salience {esc(salience['value'])}",
                     linked_note(sc, ideal["source note"])])
    if affinities:
        shown = [r for r in affinities if float(r["value"]) != 0]
        words = ", ".join(f"{esc(names[r['about']])} {esc(r['value'])}" for r in shown) or "none (all 0)"
        body.append([esc("Affinities"), words + ("<span class='muted'>; the others 0</span>"
                                                 if shown and len(shown) < len(affinities) else ""),
                     linked_note(sc, affinities[0]["source note"])])
    return (f"<h2>{badge(a.short, a.colour)} {esc(a.name)}</h2>"
            + table(["Number", "Value", "Where it comes from"], body, cls="actor-table"))


def _changed(sc: Scenario) -> str:
    changed = variant_changes(sc)
    if not changed:
        return ""
    return ("<div class='box'><p><b>Numbers changed in this variant</b> (each note below says so too):</p>"
            "<ul class='small'>" + "".join(f"<li>{esc(c)}</li>" for c in changed) + "</ul></div>")


def actor_table_page(sc: Scenario, paper: str = "auto", ref: str | None = None) -> str:
    """The page; ``ref`` is how the scenario was named on the command line (its id if not given),
    for the commands the page shows."""
    ref = ref or sc.id
    variant = "our-class.yaml" if sc.id != "our-class" else "our-class-2.yaml"
    rows = table_rows(sc)
    by_actor: dict[str, list[dict]] = {}
    for r in rows:
        by_actor.setdefault(r["actor"], []).append(r)
    cited = sorted({k for r in rows for k in cited_keys(sc, r["source note"])}, key=list(sc.sources).index)
    sources = "".join(f'<li id="{_anchor(k)}"><b>{esc(k)}</b>: {esc(sc.sources[k])}</li>' for k in cited)
    body = [
        '<main class="page"><div class="kicker">Classroom kit</div>',
        f"<h1>The actor table {tag('all secrets', 'private')}</h1>",
        f"<p class='subtitle'>{esc(sc.title)}</p>",
        "<p>Every number the computer plays and scores the delegations by, beside where it comes from: "
        "the scenario's note and, linked, the sources it names. Ideal levels are counted from 0 on each "
        "issue's list of levels; clout, reliability, outside options and saliences run from 0 to 1, "
        "affinities from -1 (hostile) to 1 (close).</p>",
        source_tags_note(sc),
        _changed(sc),
        "<div class='box noprint'><p class='small'><b>To change a number for your class</b>, write the "
        f"table as a spreadsheet: <code>treaty-table actor-table {esc(shlex.quote(ref))} --out actors.csv</code>, "
        "edit its <i>value</i> column, then <code>treaty-table actor-table "
        f"{esc(shlex.quote(ref))} --apply actors.csv --out {esc(shlex.quote(variant_path(ref, variant)))}</code> "
        "makes a variant of the scenario with "
        "your numbers (each noted as changed), to play and to make the kit from (the facilitator guide, "
        "section 2, says more).</p></div>",
    ]
    body += [_delegation(sc, a.id, by_actor[a.id]) for a in sc.actors]
    if sources:
        body.append(f'<h2>Sources</h2><ul class="small">{sources}</ul>')
    body.append("</main>")
    return document(f"{sc.title}: the actor table", "".join(body), paper,
                    foot=f"The actor table, for the teacher only (every secret) · {sc.title}")


__all__ = ["actor_table_page", "linked_note"]
