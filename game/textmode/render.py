"""Plain-text tables of what one actor sees: drafts, stances, forecast, results."""

from __future__ import annotations

import textwrap

import numpy as np

from game.ai.outlook import evaluate, situation
from game.engine.views import View
from game.scoring.treaty import score_treaty

WIDTH = 100
SHOWN = 4  # drafts side by side in the clause grid (fits 100 columns)
STATUS = {"present": "at the table", "walked_out": "WALKED OUT", "boycotting": "boycotting",
          "non_party": "not a party"}


def wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(textwrap.fill(p, WIDTH, initial_indent=indent, subsequent_indent=indent)
                     for p in text.strip().split("\n") if p.strip())


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def stance(view: View, i: int) -> str:
    """Position on the sequencing axis in words (never colour alone)."""
    m = view.model
    if m.seq < 0:
        return ""
    x = float(view.table.ideal[i, m.seq]) / float(m.span[m.seq])
    marker = int(round(x * 10))
    bar = "adapt [" + "-" * marker + "o" + "-" * (10 - marker) + "] prolong"
    return bar


def drafts_table(view: View) -> str:
    m = view.model
    if not view.drafts:
        return "No drafts on the table yet. Table one with 'table'."
    issues = m.scenario.issues
    shown = view.drafts[-SHOWN:]
    head = f"{'issue':<26}" + "".join(f"{'D' + str(d.id):<19}" for d in shown)
    lines = [head, "-" * len(head)]
    for k, issue in enumerate(issues):
        row = f"{str(k + 1) + '. ' + _cut(issue.name, 23):<26}"
        for d in shown:
            row += f"{_cut(str(d.levels[k]) + ' ' + issue.levels[d.levels[k]].name, 18):<19}"
        lines.append(row)
    names = m.scenario.actors
    lines.append("")
    for d in shown:
        by = names[d.author].short
        endorse = ", ".join(names[i].short for i in sorted(d.endorse)) or "-"
        oppose = ", ".join(names[i].short for i in sorted(d.oppose)) or "-"
        parent = f", amends D{d.parent}" if d.parent else ""
        lines.append(f"D{d.id} by {by}{parent}: endorsed by {endorse}; opposed by {oppose}")
    if len(view.drafts) > SHOWN:
        lines.append(f"(showing the last {SHOWN} of {len(view.drafts)} drafts; 'draft N' shows any one)")
    return "\n".join(lines)


def draft_detail(view: View, draft_id: int) -> str:
    d = view.draft(draft_id)
    if d is None:
        return f"There is no draft {draft_id}."
    m = view.model
    lines = [f"Draft {d.id}: {d.title}"]
    for k, issue in enumerate(m.scenario.issues):
        levels = " | ".join(("[" + lv.name + "]") if n == d.levels[k] else lv.name
                            for n, lv in enumerate(issue.levels))
        lines.append(f"  {k + 1}. {issue.name}: {levels}")
    return "\n".join(lines)


def stances_table(view: View) -> str:
    m = view.model
    lines = [f"{'':<2}{'delegation':<13}{'status':<14}{'AP':>3}  {'stance (sequencing)':<30}"
             f"{'cap':>5}{'rel':>5}  declared red lines"]
    for i, a in enumerate(m.scenario.actors):
        st = view.actors[i]
        chair = "*" if i == view.chair else " "
        you = ">" if i == view.viewer else " "
        reds = "; ".join(
            f"{m.scenario.issues[k].name} {'>=' if lo > -1e8 else '<='} "
            f"{m.level_name(k, int(lo if lo > -1e8 else hi))}" for k, lo, hi in st.declared) or "-"
        lines.append(f"{you}{chair}{a.name:<13}{STATUS[st.status]:<14}{st.ap:>3}  {stance(view, i):<30}"
                     f"{view.table.capability[i]:>5.2f}{view.table.reliability[i]:>5.2f}  {reds}")
    lines.append("(* chair, > you; stance is each delegation's public position as you know it)")
    return "\n".join(lines)


def forecast_text(view: View) -> str:
    if not view.drafts:
        return "Forecast: no draft on the table, so no treaty yet."
    sit = situation(view)
    pick, value, fc = evaluate(view, sit)
    d = view.drafts[pick]
    m = view.model
    signers = {i for i in range(m.n_actors) if fc.signers[pick, i]}
    score = score_treaty(m, view.table, d.levels, view.chair, signers)
    names = [a.name for a in m.scenario.actors]
    return (f"If the talks ended now, the chair would likely put draft {d.id} to signature.\n"
            f"  Likely to sign: {', '.join(names[i] for i in sorted(signers)) or 'nobody'}\n"
            f"  That treaty: tightness {score.tightness:.0f} ({score.label}), depth {score.depth:.2f}, "
            f"breadth {score.breadth:.2f}, cohesion {score.cohesion:.2f}\n"
            f"  Your outlook: {'you would sign' if fc.signers[pick, view.viewer] else 'you would stay out'}"
            " (a forecast from what you know, not a certainty)")


def calendar_text(view: View) -> str:
    sc = view.model.scenario
    lines = []
    for n, r in enumerate(sc.rounds):
        mark = ">>" if n == view.state_round else "  "
        flags = (" [communiqué possible]" if r.communique else "") + (" [SIGNING]" if r.final else "")
        lines.append(f"{mark} {n + 1}. {r.date:%d %b %Y}  {r.name}{flags}")
    lines.append(f"   Deadline: {sc.deadline:%d %b %Y} (the treaty's term runs out)")
    return "\n".join(lines)


def brief_text(view: View) -> str:
    a = view.model.scenario.actors[view.viewer]
    m = view.model
    lines = [f"ROLE BRIEF: {a.name} - delegate {a.delegate.name}"
             + (f", {a.delegate.title}" if a.delegate.title else ""),
             "", "Public profile:", wrap(a.public_profile), "",
             "Confidential instructions (only you see these):", wrap(a.confidential), "",
             "Objectives (scored at the end):"]
    for o in a.objectives:
        lines.append(f"  - {o.description} ({o.points} pt)")
    if a.red_lines:
        lines.append("Your red lines (confidential until you declare them):")
        for r in a.red_lines:
            cond = f"at least '{r.at_least}'" if r.at_least else f"at most '{r.at_most}'"
            lines.append(f"  - {m.scenario.issue(r.issue).name}: {cond}")
    if a.offers:
        lines.append("What you can offer others:")
        for o in a.offers:
            to = ", ".join(o.to) if o.to else "anyone"
            lines.append(f"  - {o.id}: {o.name} (to {to})")
    if a.sources:
        lines.append("Sources:")
        lines += [wrap(f"{k}: {m.scenario.sources.get(k, '')}", "  ") for k in a.sources]
    return "\n".join(lines)


def log_text(view: View, entries, private_only: bool = False) -> str:
    lines = []
    for e in entries:
        if private_only and e.visible is None:
            continue
        tag = "[private] " if e.visible is not None else ""
        lines.append(f"  r{e.round + 1} {tag}{e.text}")
    return "\n".join(lines) or "  (nothing yet)"


def results_text(match) -> str:
    from game.scoring import history_result

    r = match.result()
    t = r.treaty
    m = match.game.model
    lines = [f"RESULT: tightness {t.tightness:.1f} ({t.label.upper()}); depth {t.depth:.2f}, "
             f"breadth {t.breadth:.2f}, cohesion {t.cohesion:.2f}",
             f"Signed by: {', '.join(t.signatories) or 'nobody'} ({len(t.signatories)}; "
             f"{t.min_signatures} needed for entry into force)", "", "Clauses (points of tightness):"]
    for c in t.clauses:
        lines.append(f"  {c.issue_name:<30} {c.level_name:<36} depth {c.depth:.2f}  {c.points:+6.1f}")
    lines.append("Signatures (reliability; effect on tightness):")
    for s in t.signatures:
        lines.append(f"  {s.name:<14} {'signed' if s.signed else 'did not sign':<13} rel {s.reliability:.2f}"
                     f"  {s.points:+6.1f}")
    hist = history_result(m)
    lines.append("")
    if hist is not None:
        h = hist.treaty
        lines.append(f"History ({m.scenario.history.date:%d %b %Y}): tightness {h.tightness:.1f} ({h.label}), "
                     f"depth {h.depth:.2f}, breadth {h.breadth:.2f}; signed by {', '.join(h.signatories)}")
        lines.append(wrap(m.scenario.history.summary))
    lines.append("")
    lines.append(f"{'role':<14}{'score':>7}{'history':>9}   objectives met")
    for aid, rs in r.roles.items():
        hs = f"{hist.roles[aid].score:>9.1f}" if hist else f"{'':>9}"
        met = sum(1 for o in rs.objectives if o[2])
        human = " (you)" if match.seats.get(aid) == "human" else ""
        lines.append(f"{aid + human:<14}{rs.score:>7.1f}{hs}   {met}/{len(rs.objectives)}")
    return "\n".join(lines)


__all__ = ["drafts_table", "stances_table", "forecast_text", "calendar_text", "brief_text",
           "results_text", "log_text", "draft_detail", "np"]
