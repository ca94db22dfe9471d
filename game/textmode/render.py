"""Plain-text tables of what one actor sees: drafts, stances, forecast, results.

Everything is sized from the scenario's data (the longest name, the longest level
name) and from the terminal's width (``shutil.get_terminal_size``; 100 columns when
the output is not a terminal); text is cut with "…" only when it does not fit. Widths are
terminal cells (``game.console.cells``), not characters: a combining accent takes none and a
Chinese character two, so a translated scenario's columns line up too.
"""

from __future__ import annotations

import math
import shutil

import numpy as np

from game.ai.outlook import evaluate, situation
from game.console import cells, cut, fill, ljust
from game.console import shorten as _shorten
from game.engine.views import View
from game.scoring.treaty import score_treaty
from game.report.briefs import either, ideal_words, level_range, relations_words, salience_word
from game.report.html import when
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
    return "\n".join(fill(p, width, initial_indent=indent, subsequent_indent=indent)
                     for p in text.strip().split("\n") if p.strip())


def hang(first: str, text: str, width: int | None = None, indent: int | None = None) -> str:
    """``first`` then ``text`` word-wrapped, the next lines indented under the text."""
    width = width or term_width()
    paras = [p for p in str(text).split("\n") if p.strip()]
    lead = first[:len(first) - len(first.lstrip())]
    if paras and first.strip() and cells(first) + cells(paras[0].split()[0]) > width:
        # ``first`` (a long issue or delegation name) leaves no room for the text's first word,
        # which the wrapper would then break letter by letter: wrap ``first`` with the text instead
        paras[0] = " ".join(first.split()) + " " + paras[0]
        first = lead
        if indent is None:
            indent = cells(lead) + 2
    pad = " " * (cells(first) if indent is None else indent)
    if len(pad) > width - 20:  # too deep to leave room: a plain small indent
        pad = "    "
    out = []
    for n, para in enumerate(paras):
        out.append(fill(para, width, initial_indent=first if n == 0 else pad, subsequent_indent=pad))
    return "\n".join(out) or first.rstrip()


def shorten(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` cells, cut at a word boundary with "…"."""
    flat = " ".join(text.split())
    if cells(flat) <= width:
        return flat
    short = _shorten(flat, max(width, 2), placeholder="…")
    if short.endswith("…"):
        short = short[:-1].rstrip(" ,.;:-") + "…"
    return short


NAME_MAX = 24
"""The widest a delegation's name gets in the terminal's tables (longer ones are cut with "…")."""


def distinct_names(actors, width: int) -> list[str]:
    """The actors' names cut to ``width``; two cut to the same text (a large conference: "Democratic
    Republic of the Congo" and "Democratic Republic of São Tomé and Príncipe") end with their badge's
    initials, "Democratic Republic… (CD)", so that no two rows read alike."""
    names = [shorten(a.name, width) for a in actors]
    seen: dict[str, int] = {}
    for x in names:
        seen[x] = seen.get(x, 0) + 1
    return [x if seen[x] == 1 or x == a.name else f"{shorten(a.name, width - cells(a.short) - 3)} ({a.short})"
            for x, a in zip(names, actors)]


def _cut(text: str, n: int) -> str:
    """``text`` in at most ``n`` cells, cut with "…" (never between a letter and its accents)."""
    return cut(text, n)


def stance_issue(view: View) -> int:
    """The issue the stance column shows: the window's choice (the sequencing one, else
    the scenario's first)."""
    return P.stance_issue(view.model)


def stance_words(view: View, i: int) -> str:
    """The nearest level's name; an ideal halfway between two levels has no nearest one and
    reads "between A and B" (its brief says "halfway between A and B")."""
    return P.stance(view.model, view.table, i)[1]


def stance(view: View, i: int, bar: bool = True) -> str:
    """Position on the stance issue in words, after a bar (never colour alone), as the
    window's stance markers place it; ``bar=False``: the words alone."""
    x, words = P.stance(view.model, view.table, i)
    if not bar:
        return words
    marker = round(x * BAR)
    return "[" + "-" * marker + "o" + "-" * (BAR - marker) + "] " + words


def ideal_example(view: View) -> str:
    """``table L1 L2 ...`` with the viewer's ideal levels (rounded): a table command to start from."""
    m = view.model
    ideal = view.table.ideal[view.viewer]
    # halves up, every one (Python's round() takes 0.5 to 0 but 1.5 to 2: the same 'halfway' read
    # two ways in one command)
    return "table " + " ".join(str(int(math.floor(float(ideal[k]) + 0.5))) for k in range(m.n_issues))


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
    status = view.actors[view.viewer].status if view.viewer is not None and view.viewer >= 0 else "present"
    away = ""
    if status in ("boycotting", "walked_out"):  # every move but 'return' and 'pass' would be refused
        away = (f"your delegation is {'boycotting the talks' if status == 'boycotting' else 'out of the talks'}: "
                "it cannot table, endorse, lobby, offer or sign until you type 'return' "
                f"({st.costs.get('return', 1)} AP); 'pass' stays away for this meeting. Once at the table, ")
    return hang("HOW TO START: ", away + f"each meeting you have {st.action_points} action points (AP), and the "
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
    label_w = min(max(cells(x) for x in labels + ["issue"]), max(16, width // 3))
    n = min(SHOWN, len(view.drafts))
    while n > 1 and (width - label_w) // n - 1 < MIN_CELL:
        n -= 1
    shown = view.drafts[-n:]
    grid = [[f"{d.levels[k]} {issue.levels[d.levels[k]].name}" for k, issue in enumerate(issues)]
            for d in shown]
    longest = max(cells(c) for col in grid for c in col)
    cell_w = max(min(longest, (width - label_w) // n - 1), 4)

    def row(label: str, values: list[str]) -> str:
        return (ljust(_cut(label, label_w), label_w)
                + "".join(" " + ljust(_cut(v, cell_w), cell_w) for v in values)).rstrip()

    head = row("issue", [f"D{d.id}" for d in shown])
    lines = [head, "-" * (label_w + n * (cell_w + 1))]
    for k in range(len(issues)):
        lines.append(row(labels[k], [col[k] for col in grid]))
    names = m.scenario.actors
    lines.append("")
    for d in shown:
        by = names[d.author].name  # names, not codes: a screen reader spells "RU" out
        endorse = ", ".join(names[i].name for i in sorted(d.endorse)) or "nobody"
        oppose = ", ".join(names[i].name for i in sorted(d.oppose)) or "nobody"
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
    names = m.scenario.actors
    by = names[d.author].name + (f", amending draft {d.parent}" if d.parent else "")
    title = "" if not d.title or d.title.startswith(f"Draft {d.id}") else f": {d.title}"
    lines = [hang("", f"Draft {d.id}, by {by}{title}", indent=2)]
    # the chosen level first, in words (a screen reader reads "[" aloud), then the issue's scale
    for k, issue in enumerate(m.scenario.issues):
        lv = issue.levels[d.levels[k]]
        scale = ", ".join(f"{n} {x.name}" for n, x in enumerate(issue.levels))
        lines.append(hang(f"  {k + 1}. {issue.name}: ", f"{d.levels[k]} {lv.name} (levels: {scale})", indent=6))
    endorse = ", ".join(names[i].name for i in sorted(d.endorse)) or "nobody"
    oppose = ", ".join(names[i].name for i in sorted(d.oppose)) or "nobody"
    lines.append(hang("  ", f"Endorsed by {endorse}; opposed by {oppose}.", indent=4))
    if view.on_table == d.id:
        lines.append(hang("  ", "This draft is open for signature.", indent=4))
    return "\n".join(lines)



def stances_table(view: View, width: int | None = None) -> str:
    """One line per delegation; the name and stance columns are as wide as the data needs.

    On a narrow terminal the optional parts give way, in this order, until a row fits:
    the red-line heading shortens to "red lines", the red lines go on lines of their own
    under each row, the stance bar is dropped (the level's name says the same in words),
    the cap and rel columns are dropped, the delegations' short names replace their
    names, and last the stance's level name is cut with "…"."""
    m = view.model
    width = width or term_width()
    sc = m.scenario
    k_st = stance_issue(view)
    st_issue = sc.issues[k_st]
    st_head = f"stance on {st_issue.name}"
    status_w = max(len(v) for v in STATUS.values())
    bar_w = BAR + 4  # "[" + 11 positions + "]" and a space
    words = [stance_words(view, i) for i in range(len(sc.actors))]
    # a level's name, or "between A and B" for a delegation halfway between two levels
    longest = max([cells(lv.name) for lv in st_issue.levels] + [cells(w) for w in words])
    # a long name (e.g. "United Kingdom of Great Britain and Northern Ireland") is cut, so
    # that it never squeezes the stances of every row
    names = distinct_names(sc.actors, NAME_MAX)
    show_cap, reds_head = True, "declared red lines"

    def base(nms: list[str]) -> int:
        return 2 + max([len("delegation")] + [cells(x) for x in nms]) + 2 + status_w + 1 + 3 + 2

    def cap_w() -> int:
        return 12 if show_cap else 0

    show_bar = True

    def stance_natural() -> int:
        return bar_w + longest if show_bar else longest

    def total(stance_w: int) -> int:  # a row with a red-lines column
        return base(names) + stance_w + cap_w() + 2 + cells(reds_head)

    # the optional parts give way in order until a row fits: the red-lines column's heading
    # shortens, then the red lines go under the rows (``inline`` below), then the rest
    if total(stance_natural()) > width:
        reds_head = "red lines"
    if base(names) + stance_natural() + cap_w() > width:
        show_bar = False  # the level's name says the same in words
    if base(names) + stance_natural() + cap_w() > width:
        show_cap = False
    if base(names) + stance_natural() + cap_w() > width:
        names = [a.short for a in sc.actors]
    least = min(longest, 8)  # at least a few letters of the level's name
    stance_w = max(least, min(stance_natural(), width - base(names) - cap_w()))
    if stance_natural() >= cells(st_head) and base(names) + max(stance_w, cells(st_head)) + cap_w() <= width:
        stance_w = max(stance_w, min(cells(st_head), stance_natural()))
    stance_w = max(min(stance_w, width - base(names) - cap_w()), least)
    name_w = base(names) - (2 + 2 + status_w + 1 + 3 + 2)
    head_st = st_head if cells(st_head) <= stance_w else _cut("stance", stance_w)
    head = (f"  {'delegation':<{name_w}}  {'status':<{status_w}} {'AP':>3}  {ljust(head_st, stance_w)}"
            + (f" {'cap':>5} {'rel':>5}" if show_cap else "") + "  ")
    inline = cells(head) + cells(reds_head) <= width  # a red-lines column; else lines under the rows
    lines = [head + reds_head if inline else head.rstrip()]
    for i, a in enumerate(sc.actors):
        st = view.actors[i]
        chair = "*" if i == view.chair else " "
        you = ">" if i == view.viewer else " "
        reds = "; ".join(  # in words: a screen reader says ">=" badly
            f"{sc.issues[k].name} {'at least' if lo > -1e8 else 'at most'} "
            f"{m.level_name(k, int(lo if lo > -1e8 else hi))}" for k, lo, hi in st.declared) or "-"
        first = (f"{you}{chair}{ljust(names[i], name_w)}  {STATUS.get(st.status, st.status):<{status_w}} "
                 f"{st.ap:>3}  {ljust(_cut(stance(view, i, show_bar), stance_w), stance_w)} "
                 + (f"{view.table.capability[i]:>5.2f} {view.table.reliability[i]:>5.2f}  " if show_cap
                    else " "))
        if inline and (cells(first) + cells(reds) <= width or cells(first) <= width - 30):
            lines.append(hang(first, reds, width))
        else:  # a narrow terminal: the red lines go on the next lines
            lines.append(_cut(first.rstrip(), width))
            if reds != "-":
                lines.append(hang("      red lines: ", reds, width, indent=6))
    first_lv, last_lv = st_issue.levels[0].name, st_issue.levels[-1].name
    scale = (f"from [o{'-' * BAR}] {first_lv} to [{'-' * BAR}o] {last_lv}" if show_bar else
             "the nearest of its levels: " + ", ".join(lv.name for lv in st_issue.levels)
             + ("; or the two it is halfway between" if any(w not in {lv.name for lv in st_issue.levels}
                                                         for w in words) else ""))
    lines.append(hang("", f"(* chair, > you; stance is each delegation's public position on "
                      f"'{st_issue.name}' as you know it, {scale}"
                      + ("" if show_cap else "; a wider terminal also shows capability and reliability")
                      + ")", width, indent=1))
    return "\n".join(lines)


def forecast_text(view: View, width: int | None = None, sit=None) -> str:
    """What would happen if the talks ended now, in words, from the viewer's knowledge.

    At the summit's signing it is about the text on the table (who has signed, who is
    likely to), and for the chair choosing the text, about each draft in turn. It ends
    with what the likely text is worth to the viewer beside staying out, the comparison
    a delegation signs by."""
    width = width or term_width()
    if not view.drafts:
        return hang("Forecast: ", "no draft is on the table, so if the talks ended now the treaty would lapse. "
                    "'drafts' shows how to table one.", width, indent=2)
    m = view.model
    names = [a.name for a in m.scenario.actors]
    me, chair = view.viewer, view.chair
    sit = situation(view) if sit is None else sit  # Match.situation: with what the level makes an AI chair do
    pick, _, fc = evaluate(view, sit)
    signing = view.phase == "signing"
    if signing and view.on_table is not None:
        pick = next((n for n, d in enumerate(view.drafts) if d.id == view.on_table), pick)
    d = view.drafts[pick]
    signers = {i for i in range(m.n_actors) if fc.signers[pick, i]}
    lines = []
    if signing and view.on_table is not None:
        done = {i for i, s in enumerate(view.signatures) if s == 1}
        declined = {i for i, s in enumerate(view.signatures) if s == 0}
        lines.append(hang("", f"Draft {d.id} is open for signature "
                          f"({m.scenario.settings.min_signatures} signature{'' if m.scenario.settings.min_signatures == 1 else 's'} "
                          "put it into force).", width))
        lines.append(hang("  Signed so far: ", _list(names, done), width, indent=4))
        if declined:
            lines.append(hang("  Declined: ", _list(names, declined), width, indent=4))
        lines.append(hang("  Likely to sign as well: ", _list(names, signers - done), width, indent=4))
    elif signing and me == chair:
        outside = float(view.table.outside[me])
        lines.append(hang("", "You chair the summit: put one draft to signature with 'put N'. What each draft "
                          "would give, as far as you know: who would likely sign it, the treaty's tightness "
                          f"and what it is worth to you (your outside option is {outside:.2f}).", width))
        who_signs = [frozenset(i for i in range(m.n_actors) if fc.signers[n, i]) for n in range(len(view.drafts))]
        same = len(set(who_signs)) == 1
        if same:  # said once, not once a draft
            lines.append(hang("  Every draft would likely be signed by: ",
                              f"{_list(names, who_signs[0])} ({len(who_signs[0])})", width, indent=4))
        for n, dr in enumerate(view.drafts):
            ts = score_treaty(m, view.table, dr.levels, chair, who_signs[n], view.actors)
            force = "" if ts.in_force else "too few to enter into force; "
            signed_by = "" if same else f"{len(who_signs[n])} would sign ({_list(names, who_signs[n])}); "
            lines.append(hang(f"  Draft {dr.id}: ", f"{signed_by}{force}tightness {ts.tightness:.0f} ({ts.label}); "
                              f"worth {float(fc.value[n, me]):.2f} to you", width, indent=4))
        lines.append(hang("  ", f"Your best choice, counting your objectives and the public support of each "
                          f"draft: draft {d.id}.", width, indent=4))
        return "\n".join(lines)
    else:
        who = "you, as the chair, would do best to" if me == chair else f"the chair ({names[chair]}) would likely"
        lines.append(hang("", f"If the talks ended now, {who} put draft {d.id} to signature.", width))
        lines.append(hang("  Likely to sign: ", _list(names, signers), width, indent=4))
    score = score_treaty(m, view.table, d.levels, chair, signers, view.actors)
    force = "it would enter into force" if score.in_force else (
        f"too few to enter into force ({m.scenario.settings.min_signatures} needed): the treaty would lapse")
    lines.append(hang("  That treaty: ", f"{force}; tightness {score.tightness:.0f} ({score.label}), depth "
                      f"{score.depth:.2f}, breadth {score.breadth:.2f}, cohesion {score.cohesion:.2f}",
                      width, indent=4))
    sign_v, stay_v = float(fc.sign_value[pick, me]), float(fc.stay_value[pick, me])
    crossed = red_lines_crossed(view, d.levels)
    if crossed:
        verdict = f"it crosses your red line ({'; '.join(crossed)}), so you would not sign"
    elif bool(fc.red[pick, me]):
        verdict = "it crosses one of your red lines, so you would not sign"
    else:
        verdict = "you would sign" if me in signers else "you would stay out"
    if view.actors[me].status in ("boycotting", "walked_out"):
        verdict += "; and your delegation is not at the table: only a delegation at the table signs ('return')"
    lines.append(hang("  Your outlook: ", f"signing draft {d.id} is worth about {sign_v:.2f} to you, staying "
                      f"out of it about {stay_v:.2f}: {verdict} (a forecast from what you know, not a "
                      "certainty)", width, indent=4))
    stakes = P.signing_stakes(view, d.id, sit) if verdict in ("you would sign", "you would stay out") else ""
    if stakes:  # what the two numbers leave out: a lapse without you, your brief's objectives
        lines.append(hang("  ", stakes, width, indent=4))
    return "\n".join(lines)


def _list(names: list[str], ids) -> str:
    """Delegations' names in table order, or 'nobody'."""
    return ", ".join(names[i] for i in sorted(ids)) or "nobody"


def calendar_text(view: View, width: int | None = None) -> str:
    width = width or term_width()
    sc = view.model.scenario
    lines = []
    for n, r in enumerate(sc.rounds):
        mark = ">>" if n == view.state_round else "  "
        flags = ((" [communiqué possible]" if r.communique else "") + (" [SIGNING]" if r.final else "")
                 + (" (this meeting)" if n == view.state_round else ""))  # in words, not only ">>"
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
    if m.scenario.description.strip():  # (the briefing check's own questions are often on it)
        lines += ["The situation:", wrap(m.scenario.description), ""]
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
        # the issues' column: as wide as the longest name, up to a third of the terminal; a longer
        # name goes on lines of its own, the position under it in the column
        iw = min(max(cells(issue.name) for issue, _ in positions), max(12, (term_width() - 4) // 3))
        for issue, pos in positions:
            wants = f"{ideal_words(m.scenario, issue.id, pos.ideal)} ({salience_word(pos.salience)})"
            if cells(issue.name) > iw:
                lines.append(hang("  ", issue.name, indent=4))
                lines.append(hang(" " * (iw + 4), wants, indent=iw + 4))
            else:
                lines.append(hang(f"  {ljust(issue.name, iw)}  ", wants, indent=iw + 4))
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
    else:  # (said, not left out: the briefing check asks about it)
        lines.append(hang("", "Your red lines: none (your instructions set none; everything is negotiable).",
                          indent=2))
    if a.offers:
        lines.append("What you can offer others:")
        for o in a.offers:
            lines.append(hang("  - ", offer_line(o, m.scenario)))
    else:
        lines.append(hang("", "What you can offer others: nothing (you have no side payments of your own).",
                          indent=2))
    lines += _relations_and_talks(m.scenario, a)
    if a.sources:
        lines.append("Sources:")
        lines += [hang("  ", f"{k}: {m.scenario.sources.get(k, '')}", indent=4) for k in a.sources]
    lines.append("")  # a blank line before the news that follows the brief
    return "\n".join(lines)


def _relations_and_talks(sc, a) -> list[str]:
    """The brief's relations (as the printed brief has them: -1 hostile ... +1 close, the clear ones
    only) and the calendar (who chairs, the meeting that puts a text to signature, the signatures
    needed): the briefing check (game.report.quiz) asks about them and says 'brief' shows them."""
    names = {b.id: b.name for b in sc.actors}
    rel = relations_words(sc, a)
    lines = [hang("", f"Your relations (-1 hostile ... +1 close): {rel}", indent=2)] if rel else []
    need = sc.settings.min_signatures
    chair = "You chair the talks" if sc.chair == a.id else f"{names.get(sc.chair, sc.chair)} chairs the talks"
    finals = [r for r in sc.rounds if r.final]
    put = (f" and {'put' if sc.chair == a.id else 'puts'} one draft to signature at {finals[-1].name} "
           f"({when(finals[-1].date)})") if finals else ""
    lines.append(hang("The calendar: ", f"{chair}{put}; the treaty enters into force only with at least {need} "
                      f"signature{'' if need == 1 else 's'}.", indent=2))
    return lines


OFFER_STATUS = {"pending": "waiting for an answer", "accepted": "accepted (a commitment)",
                "rejected": "rejected", "expired": "expired", "kept": "kept", "broken": "broken"}


red_lines_crossed = P.red_lines_crossed  # the viewer's own red lines a text crosses (shared with the window)


def offers_text(view: View, width: int | None = None) -> str:
    """The offers the viewer can make and those it has made or received, in words."""
    width = width or term_width()
    sc = view.model.scenario
    me = sc.actors[view.viewer]
    lines = []
    if me.offers:
        lines.append(hang("", "What you can offer (offer WHO WHAT):", width))
        lines += [hang("  - ", offer_line(o, sc), width) for o in me.offers]
    else:
        lines.append(hang("", "Your delegation has nothing to offer in this scenario.", width))
    if view.offers:
        lines.append(hang("", "Offers made or received:", width))
    for o in view.offers:
        kind = next((k for k in sc.actors[o.giver].offers if k.id == o.kind), None)
        name = kind.name if kind else o.kind
        cond = P.CONDITION_TEXT.get(o.condition, o.condition).format(draft=o.draft)
        if o.target == view.viewer:
            text = f"{sc.actors[o.giver].name} offers you '{name}' if you {cond.replace('signs', 'sign')}"
            text = text.replace("endorses", "endorse")
        else:
            text = f"you offered {sc.actors[o.target].name} '{name}' if it {cond}"
        status = OFFER_STATUS.get(o.status, o.status)
        answer = f" (type 'accept {o.id}' or 'reject {o.id}')" if o.target == view.viewer and o.status == "pending" \
            else ""
        lines.append(hang(f"  Offer {o.id}: ", f"{text}: {status}{answer}.", width, indent=4))
    if not view.offers:
        lines.append(hang("", "No offers made or received yet.", width))
    return "\n".join(lines)


def offer_line(o, scenario=None) -> str:
    """One of a delegation's possible offers, in words: its id, name and who may get it
    (by name when ``scenario`` is given)."""
    names = {a.id: a.name for a in scenario.actors} if scenario is not None else {}
    return f"{o.id}: {o.name} (to {', '.join(names.get(t, t) for t in o.to) if o.to else 'anyone'})"


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
        if e.kind == "lobby":  # how far the position moved, and which way (the two involved see it)
            news = P.lobby_detail(view.model, e)
        if news and str(news).strip():  # the news itself, for the facilitator to read out
            lines.append(hang(" " * (cells(first) + 2), " ".join(str(news).split()), width))
    return "\n".join(lines) or "  (nothing yet)"


def results_text(match, width: int | None = None) -> str:
    from game.report.grades import difficulty_text
    from game.scoring import history_result
    from game.scoring.frontier import describe, frontier
    from game.scoring.result import final_outcome
    from game.session.match import takeback_note

    width = width or term_width()
    r = match.result()
    t = r.treaty
    m = match.game.model
    lines = [hang("RESULT: ", f"tightness {t.tightness:.1f} ({t.label.upper()}); depth {t.depth:.2f}, "
                  f"breadth {t.breadth:.2f}, cohesion {t.cohesion:.2f}", width, indent=4),
             hang("Signed by: ", f"{_names(m, t.signatories) or 'nobody'} ({len(t.signatories)}; "
                  f"{t.min_signatures} needed for entry into force)", width)]
    lines += _how_it_ended(match, r, width)
    lines += ["", hang("", "Clauses (points of tightness):", width, indent=2)]
    lines += _clause_rows(t.clauses, width)
    lines.append(hang("", "Signatures (reliability; effect on tightness):", width, indent=2))
    lines += _signature_rows(t.signatures, width)
    hist = history_result(m)
    lines.append("")
    if hist is not None:
        h = hist.treaty
        lines.append(hang("", f"History ({m.scenario.history.date:%d %b %Y}): tightness {h.tightness:.1f} "
                          f"({h.label}), depth {h.depth:.2f}, breadth {h.breadth:.2f}; signed by "
                          f"{_names(m, h.signatories)}", width, indent=2))
        lines.append(wrap(m.scenario.history.summary, width=width))
    lines.append("")
    names = {a.id: a.name for a in m.scenario.actors}
    if match.level_matters:  # the level before the scores: a score at easy and
        # one at hard are not comparable (with no one, or no computer, at the table it makes no difference)
        lines.append(hang("", f"Scores at {difficulty_text(match.difficulty)}: compare them with another game's "
                          "only if it was played at the same level.", width, indent=2))
    lines += _role_rows(match, r, hist, names, width)
    share = round(100 * m.scenario.settings.utility_share)
    for aid, rs in r.roles.items():  # how each human role's score was made
        if match.seats.get(aid) != "human":
            continue
        pts = sum(o[3] for o in rs.objectives)
        got = sum(o[3] for o in rs.objectives if o[2])
        objectives = (f" + {100 - share}% your objectives ({got} of {pts} points met)" if pts and share < 100
                      else "")
        mine = share if pts else 100  # a role without objectives is scored on the outcome alone
        worth = (f"{names.get(aid, aid)} ({_human_mark(match)}): score {rs.score:.0f} = {mine}% what the outcome was worth "
                 f"to you ({100 * rs.utility:.0f} out of 100: 0 is the worst outcome open to you, 100 the best)"
                 + ("" if pts else "; your role has no scored objectives"))
        then = (f" The real outcome, scored the same way, gives you {hist.roles[aid].score:.0f} (the history "
                "column).") if hist else ""
        lines.append(hang("", worth + objectives + "." + then, width, indent=2))
    taken = takeback_note(match)
    if taken:  # the same seeded game played again after a move was taken back ('undo')
        lines.append(hang("Take-backs: ", f"{taken}.", width, indent=2))
    found = frontier(m, *final_outcome(m, match.state)[:2])
    if found is not None:
        lines.append("")
        lines.append(hang("Value left on the table? ", describe(found, names, "->") + " (Every other text with "
                          "the same signatories, scored as above; the debrief report has the details.)", width,
                          indent=2))
    lines.append("")
    lines.append(hang("", "Tightness (0-100) says how strongly the agreement binds those who signed: depth "
                      "(how binding the clauses are) and cohesion (how reliable the signatories are); how "
                      "many signed (breadth) does not count. A role's score (0-100) says how well the "
                      "outcome served that role's own instructions; compare it with history, not with the "
                      "other roles. The debrief report explains every number.", width))
    return "\n".join(lines)


def _clause_rows(clauses, width: int) -> list[str]:
    """The final text's clauses: issue, level, depth and points in columns, or, where the columns
    would not fit ``width`` (a very narrow terminal), a clause a line, wrapped."""
    iw = max([10] + [cells(c.issue_name) for c in clauses])
    lw = max([10] + [cells(c.level_name) for c in clauses])
    room = width - len("    depth 0.00  +000.0") - 2  # what the issue and level names may take
    if iw + lw > room:  # a narrow terminal: cut the level names first (but never below half the
        lw = max(8, min(lw, max(room - iw, room // 2)))  # room: a long issue name gives way too),
        iw = max(8, min(iw, room - lw))  # then the issue names
    if iw + lw > room:
        return [hang(f"  {c.issue_name}: ", f"{c.level_name}, depth {c.depth:.2f}, {c.points:+.1f}", width,
                     indent=4) for c in clauses]
    return [f"  {ljust(_cut(c.issue_name, iw), iw)}  {ljust(_cut(c.level_name, lw), lw)}  "
            f"depth {c.depth:.2f}  {c.points:+6.1f}" for c in clauses]


def _signature_rows(signatures, width: int) -> list[str]:
    """Who signed, with reliability and effect on tightness: in columns ("rel 0.90"; where the
    names would be cut short, without "rel "); a delegation a line, wrapped, where even that
    leaves a name fewer than 8 cells."""
    def status(s) -> str:
        return "signed" if s.signed else "did not sign"

    def points(s) -> str:
        return f"{round(s.points, 1) + 0.0:+.1f}"  # + 0.0: no "-0.0"

    need = max([10] + [cells(s.name) for s in signatures])
    sw = max(cells(status(s)) for s in signatures) if signatures else 6
    pw = max([6] + [len(points(s)) for s in signatures])
    for rel in ("rel ", ""):
        fixed = 2 + 2 + sw + 2 + len(rel) + 4 + 2 + pw
        nw = min(need, width - fixed)
        if nw >= min(need, 12 if rel else 8):
            return [f"  {ljust(_cut(s.name, nw), nw)}  {ljust(status(s), sw)}  {rel}{s.reliability:.2f}  "
                    f"{points(s):>{pw}}" for s in signatures]
    return [hang(f"  {s.name}: ", f"{status(s)}, reliability {s.reliability:.2f}, {points(s)}", width, indent=4)
            for s in signatures]


def _human_mark(match) -> str:
    """How a people-played role is marked: "you" for the one player, "team" for several at one screen."""
    return "team" if len(match.humans) > 1 else "you"


def _role_rows(match, r, hist, names: dict, width: int) -> list[str]:
    """The role scores: a heading and a row a role (score, history's score, objectives met), in
    columns narrowed to fit ``width``."""
    met = {aid: f"{sum(1 for o in rs.objectives if o[2])}/{len(rs.objectives)}" for aid, rs in r.roles.items()}
    you = {aid: f" ({_human_mark(match)})" if match.seats.get(aid) == "human" else "" for aid in r.roles}
    need = max([len("role")] + [cells(names.get(aid, aid)) + len(you[aid]) for aid in r.roles]) + 1
    for sw, hw, gap, head_met in ((7, 9, 3, "objectives met"), (6, 8, 2, "objectives met"), (6, 8, 2, "met")):
        mw = max([len(head_met)] + [len(x) for x in met.values()])
        fixed = sw + hw + gap + mw
        if width - fixed >= min(need, 12):
            break
    rw = max(len("role") + 1, min(max(need, 12), width - fixed))
    out = [f"{'role':<{rw}}{'score':>{sw}}{'history':>{hw}}{' ' * gap}{head_met}"]
    for aid, rs in r.roles.items():
        hs = f"{hist.roles[aid].score:>{hw}.1f}" if hist else " " * hw
        name = _cut(names.get(aid, aid), max(1, rw - 1 - len(you[aid]))) + you[aid]
        out.append(f"{ljust(name, rw)}{rs.score:>{sw}.1f}{hs}{' ' * gap}{met[aid]}")
    return out


def _how_it_ended(match, r, width: int) -> list[str]:
    """Which text was put to signature and by whom, and why the others did not sign, in words."""
    m = match.game.model
    st = match.state
    sc = m.scenario
    chair = sc.actors[st.chair]
    if r.draft is None:
        return [hang("", "No draft was put to signature (there was none on the table), so nothing was "
                     "signed.", width, indent=2)]
    if match.seats.get(chair.id) == "human":
        why = f"the chair, {chair.name} (played by a person), put draft {r.draft} to signature"
    else:
        why = (f"the chair, {chair.name} (the AI), put draft {r.draft} to signature: the text it valued most, "
               "counting who it expected to sign and, a little, each draft's public support")
    lines = [hang("", why[0].upper() + why[1:] + ".", width, indent=2)]
    elig = [i for i, a in enumerate(sc.actors) if m.status[i] != "non_party"]
    sigs = st.signatures or tuple(-1 for _ in sc.actors)
    declined = [sc.actors[i].name for i in elig if sigs[i] == 0]
    away = [f"{sc.actors[i].name} ({STATUS.get(st.actors[i].status, st.actors[i].status)})"
            for i in elig if sigs[i] == -1]
    parts = []
    if declined:
        parts.append(f"declined to sign: {', '.join(declined)}")
    if away:
        parts.append(f"not at the table, so could not sign: {', '.join(away)}")
    if parts:
        lines.append(hang("", "; ".join(parts)[0].upper() + "; ".join(parts)[1:] + ".", width, indent=2))
    return lines


def _names(m, ids) -> str:
    """Delegations' names for their ids, in the order given."""
    names = {a.id: a.name for a in m.scenario.actors}
    return ", ".join(names.get(i, i) for i in ids)


__all__ = ["term_width", "wrap", "hang", "shorten", "draft_list", "stance_issue", "drafts_table",
           "stances_table", "forecast_text", "calendar_text", "brief_text", "first_steps", "no_drafts_text",
           "ideal_example", "results_text", "log_text", "offer_line", "offers_text", "red_lines_crossed", "draft_detail", "np"]
