"""Plain-text tables of what one actor sees: drafts, stances, forecast, results.

Everything is sized from the scenario's data (the longest name, the longest level
name) and from the terminal's width (``shutil.get_terminal_size``; 100 columns when
the output is not a terminal); text is cut with "…" only when it does not fit.
"""

from __future__ import annotations

import shutil
import textwrap

import numpy as np

from game.ai.outlook import evaluate, situation
from game.engine.views import View
from game.scoring.treaty import score_treaty
from game.report.briefs import either, ideal_words, level_range, salience_word
from game.textmode.commands import draft_list
from game.ui import presenters as P  # plain Python (no pygame): the window's stance helpers

WIDTH = 100  # the width used when the output is not a terminal
MIN_WIDTH = 40
SHOWN = 4  # at most this many drafts side by side in the clause grid
MIN_CELL = 12  # a draft column narrower than this shows fewer drafts instead
STATUS = {"present": "at the table", "walked_out": "WALKED OUT", "boycotting": "boycotting",
          "non_party": "not a party"}
BAR = 10  # the stance bar: "[" + 11 positions + "]"


def term_width() -> int:
    """Columns to fill: the terminal's width ($COLUMNS first), else 100."""
    return max(MIN_WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)


def wrap(text: str, indent: str = "  ", width: int | None = None) -> str:
    width = width or term_width()
    return "\n".join(textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent)
                     for p in text.strip().split("\n") if p.strip())


def hang(first: str, text: str, width: int | None = None, indent: int | None = None) -> str:
    """``first`` then ``text`` word-wrapped, the next lines indented under the text."""
    width = width or term_width()
    pad = " " * (len(first) if indent is None else indent)
    if len(pad) > width - 20:  # too deep to leave room: a plain small indent
        pad = "    "
    out = []
    for n, para in enumerate(p for p in str(text).split("\n") if p.strip()):
        out.append(textwrap.fill(para, width, initial_indent=first if n == 0 else pad,
                                 subsequent_indent=pad))
    return "\n".join(out) or first.rstrip()


def shorten(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` characters, cut at a word boundary with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = textwrap.shorten(flat, max(width, 2), placeholder="…")
    if cut.endswith("…"):
        cut = cut[:-1].rstrip(" ,.;:-") + "…"
    return cut


NAME_MAX = 24
"""The widest a delegation's name gets in the terminal's tables (longer ones are cut with "…")."""


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: max(n - 1, 0)] + "…"


def stance_issue(view: View) -> int:
    """The issue the stance column shows: the window's choice (the sequencing one, else
    the scenario's first)."""
    return P.stance_issue(view.model)


def stance(view: View, i: int) -> str:
    """Position on the stance issue in words and a bar (never colour alone), as the
    window's stance markers place it."""
    x, nearest = P.stance(view.model, view.table, i)
    marker = round(x * BAR)
    return "[" + "-" * marker + "o" + "-" * (BAR - marker) + "] " + nearest


def ideal_example(view: View) -> str:
    """``table L1 L2 ...`` with the viewer's ideal levels (rounded): a table command to start from."""
    m = view.model
    ideal = view.table.ideal[view.viewer]
    return "table " + " ".join(str(int(round(float(ideal[k])))) for k in range(m.n_issues))


def no_drafts_text(view: View, width: int | None = None) -> str:
    """With no draft on the table: the issues with their numbered levels and a table command to type."""
    width = width or term_width()
    issues = view.model.scenario.issues
    lines = [hang("", "No drafts on the table yet. Propose one with 'table', one level number per issue "
                  "(0 = the loosest):", width, indent=2)]
    for k, issue in enumerate(issues):
        levels = ", ".join(f"{n} {lv.name}" for n, lv in enumerate(issue.levels))
        lines.append(hang(f"  {k + 1}. {issue.name}: ", levels, width, indent=6))
    if view.viewer is not None and view.viewer >= 0:
        lines.append(hang("  ", f"For example '{ideal_example(view)}' tables your own ideal levels.", width,
                          indent=4))
    return "\n".join(lines)


def first_steps(view: View, width: int | None = None) -> str:
    """What to type first, after the role brief of a new game."""
    width = width or term_width()
    st = view.model.scenario.settings
    example = f" (e.g. '{ideal_example(view)}', your ideal levels)" if view.viewer is not None else ""
    return hang("HOW TO START: ", f"each meeting you have {st.action_points} action points (AP), and the "
                "delegations move in turn until all have passed. 'drafts' shows the issues and their levels; "
                f"'table' proposes a text{example}; 'endorse N', 'lobby WHO ISSUE' and 'offer WHO WHAT' win "
                "others over; 'forecast' says who would sign if the talks ended now; 'pass' ends your "
                "meeting. At the last meeting the chair puts one draft to signature and each delegation "
                "signs or declines. 'help' lists every command.", width, indent=2)


def drafts_table(view: View, width: int | None = None) -> str:
    """The clause grid: the last drafts side by side, as many as the width allows."""
    m = view.model
    if not view.drafts:
        return no_drafts_text(view, width)
    width = width or term_width()
    issues = m.scenario.issues
    labels = [f"{k + 1}. {issue.name}" for k, issue in enumerate(issues)]
    label_w = min(max(len(x) for x in labels + ["issue"]), max(16, width // 3))
    n = min(SHOWN, len(view.drafts))
    while n > 1 and (width - label_w) // n - 1 < MIN_CELL:
        n -= 1
    shown = view.drafts[-n:]
    cells = [[f"{d.levels[k]} {issue.levels[d.levels[k]].name}" for k, issue in enumerate(issues)]
             for d in shown]
    longest = max(len(c) for col in cells for c in col)
    cell_w = max(min(longest, (width - label_w) // n - 1), 4)

    def row(label: str, values: list[str]) -> str:
        return (f"{_cut(label, label_w):<{label_w}}"
                + "".join(f" {_cut(v, cell_w):<{cell_w}}" for v in values)).rstrip()

    head = row("issue", [f"D{d.id}" for d in shown])
    lines = [head, "-" * (label_w + n * (cell_w + 1))]
    for k in range(len(issues)):
        lines.append(row(labels[k], [col[k] for col in cells]))
    names = m.scenario.actors
    lines.append("")
    for d in shown:
        by = names[d.author].short
        endorse = ", ".join(names[i].short for i in sorted(d.endorse)) or "-"
        oppose = ", ".join(names[i].short for i in sorted(d.oppose)) or "-"
        parent = f", amends D{d.parent}" if d.parent else ""
        lines.append(hang("", f"D{d.id} by {by}{parent}: endorsed by {endorse}; opposed by {oppose}",
                          width, indent=4))
    if len(view.drafts) > n:
        lines.append(hang("", f"(showing the last {n} of {len(view.drafts)} drafts; 'draft N' shows "
                          "any one; a wider terminal shows more)" if n < SHOWN else
                          f"(showing the last {n} of {len(view.drafts)} drafts; 'draft N' shows any one)",
                          width, indent=1))
    return "\n".join(lines)


def draft_detail(view: View, draft_id: int) -> str:
    d = view.draft(draft_id)
    if d is None:
        return hang("  ", f"There is no draft {draft_id}. " + draft_list(view))
    m = view.model
    lines = [f"Draft {d.id}: {d.title}"]
    for k, issue in enumerate(m.scenario.issues):
        levels = " | ".join(("[" + lv.name + "]") if n == d.levels[k] else lv.name
                            for n, lv in enumerate(issue.levels))
        lines.append(hang(f"  {k + 1}. {issue.name}: ", levels, indent=6))
    return "\n".join(lines)



def stances_table(view: View, width: int | None = None) -> str:
    """One line per delegation; the name and stance columns are as wide as the data needs.

    On a narrow terminal the optional parts give way, in this order, until a row fits:
    the red-line heading shortens to "red lines", the stance's level name is cut with "…",
    the cap and rel columns are dropped, the delegations' short names replace their
    names, and the red lines go on lines of their own under each row."""
    m = view.model
    width = width or term_width()
    sc = m.scenario
    k_st = stance_issue(view)
    st_issue = sc.issues[k_st]
    st_head = f"stance on {st_issue.name}"
    status_w = max(len(v) for v in STATUS.values())
    bar_w = BAR + 3  # "[" + 11 positions + "]" and a space
    natural = max([len(st_head)] + [bar_w + len(lv.name) for lv in st_issue.levels])
    least = bar_w + 8  # the bar and at least a few letters of the level's name
    # a long name (e.g. "United Kingdom of Great Britain and Northern Ireland") is cut, so
    # that it never squeezes the stances of every row
    names = [shorten(a.name, NAME_MAX) for a in sc.actors]
    show_cap, reds_head = True, "declared red lines"

    def base(nms: list[str]) -> int:
        return 2 + max([len("delegation")] + [len(x) for x in nms]) + 2 + status_w + 1 + 3 + 2

    def cap_w() -> int:
        return 12 if show_cap else 0

    stance_w = natural
    if base(names) + stance_w + cap_w() + 2 + len(reds_head) > width:
        reds_head = "red lines"
    over = base(names) + stance_w + cap_w() + 2 + len(reds_head) - width
    if over > 0:
        stance_w = max(least, stance_w - over)
    if base(names) + stance_w + cap_w() > width:
        show_cap = False
        stance_w = max(least, min(natural, width - base(names) - 2 - len(reds_head)))
    if base(names) + stance_w > width:
        names = [a.short for a in sc.actors]
        stance_w = max(least, min(natural, width - base(names) - 2 - len(reds_head)))
    stance_w = max(min(stance_w, width - base(names)), BAR + 2)
    name_w = base(names) - (2 + 2 + status_w + 1 + 3 + 2)
    head_st = st_head if len(st_head) <= stance_w else _cut("stance", stance_w)
    head = (f"  {'delegation':<{name_w}}  {'status':<{status_w}} {'AP':>3}  {head_st:<{stance_w}}"
            + (f" {'cap':>5} {'rel':>5}" if show_cap else "") + "  ")
    inline = len(head) + len(reds_head) <= width  # a red-lines column; else lines under the rows
    lines = [head + reds_head if inline else head.rstrip()]
    for i, a in enumerate(sc.actors):
        st = view.actors[i]
        chair = "*" if i == view.chair else " "
        you = ">" if i == view.viewer else " "
        reds = "; ".join(
            f"{sc.issues[k].name} {'>=' if lo > -1e8 else '<='} "
            f"{m.level_name(k, int(lo if lo > -1e8 else hi))}" for k, lo, hi in st.declared) or "-"
        first = (f"{you}{chair}{names[i]:<{name_w}}  {STATUS.get(st.status, st.status):<{status_w}} "
                 f"{st.ap:>3}  {_cut(stance(view, i), stance_w):<{stance_w}} "
                 + (f"{view.table.capability[i]:>5.2f} {view.table.reliability[i]:>5.2f}  " if show_cap
                    else " "))
        if inline and (len(first) + len(reds) <= width or len(first) <= width - 30):
            lines.append(hang(first, reds, width))
        else:  # a narrow terminal: the red lines go on the next lines
            lines.append(_cut(first.rstrip(), width))
            if reds != "-":
                lines.append(hang("      red lines: ", reds, width, indent=6))
    first_lv, last_lv = st_issue.levels[0].name, st_issue.levels[-1].name
    lines.append(hang("", f"(* chair, > you; stance is each delegation's public position on "
                      f"'{st_issue.name}' as you know it, from [o{'-' * BAR}] {first_lv} to "
                      f"[{'-' * BAR}o] {last_lv}"
                      + ("" if show_cap else "; a wider terminal also shows capability and reliability")
                      + ")", width, indent=1))
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
    return "\n".join([
        hang("", f"If the talks ended now, the chair would likely put draft {d.id} to signature."),
        hang("  Likely to sign: ", ", ".join(names[i] for i in sorted(signers)) or "nobody"),
        hang("  That treaty: ", f"tightness {score.tightness:.0f} ({score.label}), depth {score.depth:.2f}, "
             f"breadth {score.breadth:.2f}, cohesion {score.cohesion:.2f}", indent=4),
        hang("  Your outlook: ", f"{'you would sign' if fc.signers[pick, view.viewer] else 'you would stay out'}"
             " (a forecast from what you know, not a certainty)", indent=4)])


def calendar_text(view: View, width: int | None = None) -> str:
    width = width or term_width()
    sc = view.model.scenario
    lines = []
    for n, r in enumerate(sc.rounds):
        mark = ">>" if n == view.state_round else "  "
        flags = (" [communiqué possible]" if r.communique else "") + (" [SIGNING]" if r.final else "")
        head = f"{mark} {n + 1}. {r.date:%d %b %Y}  "
        lines.append(hang(head, f"{r.name}{flags}", width))
    lines.append(hang("   Deadline: ", f"{sc.deadline:%d %b %Y} (the last day for the talks)", width))
    return "\n".join(lines)


def brief_text(view: View) -> str:
    a = view.model.scenario.actors[view.viewer]
    m = view.model
    lines = [hang("ROLE BRIEF: ", f"{a.name} - delegate {a.delegate.name}"
                  + (f", {a.delegate.title}" if a.delegate.title else ""), indent=4), ""]
    # a heading only with something under it (a user-written scenario may leave a text out)
    if a.public_profile.strip():
        lines += ["Public profile:", wrap(a.public_profile), ""]
    if a.confidential.strip():
        lines += [hang("", "Confidential instructions (only you see these):", indent=2),
                  wrap(a.confidential), ""]
    lines += [hang("Your outside option: ", f"{a.outside_option:.2f} (what staying out of the treaty is "
                   "worth to you at the start; a text that matched all your wishes would be worth about "
                   "1.00, so sign only what beats staying out)", indent=2), ""]
    positions = [(issue, a.positions[issue.id]) for issue in m.scenario.issues if issue.id in a.positions]
    if positions:
        lines.append(hang("", "Your positions at the start (what you want; how much it matters):", indent=2))
        iw = max(len(issue.name) for issue, _ in positions)
        for issue, pos in positions:
            lines.append(hang(f"  {issue.name:<{iw}}  ", f"{ideal_words(m.scenario, issue.id, pos.ideal)} "
                              f"({salience_word(pos.salience)})", indent=iw + 4))
        lines.append("")
    if a.objectives:
        lines.append("Objectives (scored at the end):")
    for o in a.objectives:
        lines.append(hang("  - ", f"{o.description} ({o.points} pt)"))
    if a.red_lines:
        lines.append(hang("", "Your red lines (confidential until you declare them): you will not sign unless",
                          indent=2))
        for r in a.red_lines:
            ok, out = level_range(m.scenario, r.issue, r.at_least, r.at_most)
            cond = f"is {either(ok)}" + (f", not {either(out)}" if out else "")
            lines.append(hang("  - ", f"{m.scenario.issue(r.issue).name} {cond}"))
    if a.offers:
        lines.append("What you can offer others:")
        for o in a.offers:
            lines.append(hang("  - ", offer_line(o)))
    if a.sources:
        lines.append("Sources:")
        lines += [hang("  ", f"{k}: {m.scenario.sources.get(k, '')}", indent=4) for k in a.sources]
    lines.append("")  # a blank line before the news that follows the brief
    return "\n".join(lines)


def offer_line(o) -> str:
    """One of a delegation's possible offers, in words: its id, name and who may get it."""
    return f"{o.id}: {o.name} (to {', '.join(o.to) if o.to else 'anyone'})"


def log_text(view: View, entries, private_only: bool = False, width: int | None = None) -> str:
    """Log entries, word-wrapped to the terminal with a hanging indent."""
    width = width or term_width()
    lines = []
    for e in entries:
        if private_only and e.visible is None:
            continue
        tag = "[private] " if e.visible is not None else ""
        first = f"  r{e.round + 1} {tag}"
        lines.append(hang(first, e.text, width))
        news = dict(e.data).get("text") if e.kind == "event" else None
        if e.kind == "round":  # what the meeting is about, as it opens
            rounds = view.model.scenario.rounds
            news = rounds[e.round].description if 0 <= e.round < len(rounds) else None
        if news and str(news).strip():  # the news itself, for the facilitator to read out
            lines.append(hang(" " * (len(first) + 2), " ".join(str(news).split()), width))
    return "\n".join(lines) or "  (nothing yet)"


def results_text(match, width: int | None = None) -> str:
    from game.scoring import history_result

    width = width or term_width()
    r = match.result()
    t = r.treaty
    m = match.game.model
    lines = [hang("RESULT: ", f"tightness {t.tightness:.1f} ({t.label.upper()}); depth {t.depth:.2f}, "
                  f"breadth {t.breadth:.2f}, cohesion {t.cohesion:.2f}", width, indent=4),
             hang("Signed by: ", f"{_names(m, t.signatories) or 'nobody'} ({len(t.signatories)}; "
                  f"{t.min_signatures} needed for entry into force)"), "", "Clauses (points of tightness):"]
    iw = max([10] + [len(c.issue_name) for c in t.clauses])
    lw = max([10] + [len(c.level_name) for c in t.clauses])
    room = width - len("    depth 0.00  +000.0") - 2  # what the issue and level names may take
    if iw + lw > room:  # a narrow terminal: cut the level names first, then the issue names
        lw = max(8, room - iw)
        iw = max(8, room - lw)
    for c in t.clauses:
        lines.append(f"  {_cut(c.issue_name, iw):<{iw}}  {_cut(c.level_name, lw):<{lw}}  "
                     f"depth {c.depth:.2f}  {c.points:+6.1f}")
    lines.append("Signatures (reliability; effect on tightness):")
    nw = max([10] + [len(s.name) for s in t.signatures])
    nw = max(8, min(nw, width - len("    did not sign  rel 0.00  +000.0")))
    for s in t.signatures:
        lines.append(f"  {_cut(s.name, nw):<{nw}}  {'signed' if s.signed else 'did not sign':<13} "
                     f"rel {s.reliability:.2f}  {round(s.points, 1) + 0.0:+6.1f}")  # + 0.0: no "-0.0"
    hist = history_result(m)
    lines.append("")
    if hist is not None:
        h = hist.treaty
        lines.append(hang("", f"History ({m.scenario.history.date:%d %b %Y}): tightness {h.tightness:.1f} "
                          f"({h.label}), depth {h.depth:.2f}, breadth {h.breadth:.2f}; signed by "
                          f"{_names(m, h.signatories)}", indent=2))
        lines.append(wrap(m.scenario.history.summary))
    lines.append("")
    names = {a.id: a.name for a in m.scenario.actors}
    rw = max([len("role")] + [len(names.get(aid, aid)) + len(" (you)") for aid in r.roles]) + 1
    lines.append(f"{'role':<{rw}}{'score':>7}{'history':>9}   objectives met")
    for aid, rs in r.roles.items():
        hs = f"{hist.roles[aid].score:>9.1f}" if hist else f"{'':>9}"
        met = sum(1 for o in rs.objectives if o[2])
        human = " (you)" if match.seats.get(aid) == "human" else ""
        lines.append(f"{names.get(aid, aid) + human:<{rw}}{rs.score:>7.1f}{hs}   {met}/{len(rs.objectives)}")
    share = round(100 * m.scenario.settings.utility_share)
    for aid, rs in r.roles.items():  # how each human role's score was made
        if match.seats.get(aid) != "human":
            continue
        pts = sum(o[3] for o in rs.objectives)
        got = sum(o[3] for o in rs.objectives if o[2])
        objectives = (f" + {100 - share}% your objectives ({got} of {pts} points met)" if pts and share < 100
                      else "")
        worth = (f"{names.get(aid, aid)} (you): score {rs.score:.0f} = {share}% what the outcome was worth "
                 f"to you ({100 * rs.utility:.0f} out of 100: 0 is the worst outcome open to you, 100 the best)")
        lines.append(hang("", worth + objectives + ".", width, indent=2))
    lines.append("")
    lines.append(hang("", "Tightness (0-100) says how strongly the agreement binds those who signed: depth "
                      "(how binding the clauses are) and cohesion (how reliable the signatories are); how "
                      "many signed (breadth) does not count. A role's score (0-100) says how well the "
                      "outcome served that role's own instructions; compare it with history, not with the "
                      "other roles. The debrief report explains every number.", width))
    return "\n".join(lines)


def _names(m, ids) -> str:
    """Delegations' names for their ids, in the order given."""
    names = {a.id: a.name for a in m.scenario.actors}
    return ", ".join(names.get(i, i) for i in ids)


__all__ = ["term_width", "wrap", "hang", "shorten", "draft_list", "stance_issue", "drafts_table",
           "stances_table", "forecast_text", "calendar_text", "brief_text", "first_steps", "no_drafts_text",
           "ideal_example", "results_text", "log_text", "offer_line", "draft_detail", "np"]
