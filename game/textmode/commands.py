"""Turning a typed line into an engine action or a display command.

Issues can be named by number (as listed in 'drafts') or id; levels by number
(0 = loosest) or id; delegations by id, name or initials, in any case.
"""

from __future__ import annotations

import re
import difflib
import shlex
import textwrap
from dataclasses import dataclass

from game.console import cells, head
from game.engine import actions as A
from game.engine.views import View
from game.ui.presenters import red_line_rules_nothing_out as rules_nothing_out

HELP_INTRO = ("Commands (a number or an id works for issues, levels and drafts; "
              "case-insensitive):")
# Display commands: (what to type, what it shows)
HELP_SHOWS = [("help", "this list"), ("status / s", "the table of delegations"),
              ("drafts / d", "the clause grid"), ("draft N", "one draft in full"),
              ("forecast / f", "who would sign now"), ("calendar / c", "meetings and the deadline"),
              ("log [N]", "the news (last N)"), ("private / p", "your private messages"),
              ("brief / b", "your role brief"), ("source", "the primary source document"),
              ("issues", "issues and levels"), ("offers", "offers you can make / have open"),
              ("memo [TEXT]", "your notes for the teacher"), ("quiz / check", "check what you read in your brief")]  # (free: 'memo' says the rest)
# Actions: (what to type, cost in action points, what it does); {table} is filled in
# from the scenario's number of issues.
HELP_ACTIONS = [
    ("{table}", "[2]", "table a draft, one level per issue (or issue=level ...)"),
    ("amend D ISSUE LEVEL", "[1]", "a new draft: draft D with one issue changed"),
    ("endorse D / oppose D", "[1]", "say publicly you support / oppose draft D"),
    ("lobby WHO ISSUE", "[1]", "press a delegation on an issue (private; may backfire)"),
    ("offer WHO WHAT [endorse D]", "[1]", "a private side payment for signing (or endorsing D)"),
    ("accept N / reject N", "[free]", "answer offer N made to you"),
    ("redline ISSUE LEVEL atleast|atmost", "[1]",
     "declare publicly what you need to sign ('red line' works too; also at least, >=, ≥, "
     "at most, <=, ≤)"),
    ("walkout / return", "[0 / 1]", "leave the talks / come back"),
    ("pass", "", "end your turn for this round (an offer waiting for your answer lapses)"),
    ("communique D", "", "(chair) call for a joint communique on draft D"),
    ("put D", "", "(chair, at the summit) put draft D to signature"),
    ("sign / decline", "", "at the summit: sign the text or not"),
]
HELP_OTHER = "Other: undo (take back your last move), save FILE, quit (the game is autosaved every round)."


def table_usage(n_issues: int) -> str:
    """``table L1 L2 ... Ln`` for a scenario with ``n_issues`` issues."""
    if n_issues <= 3:
        return "table " + " ".join(f"L{k}" for k in range(1, n_issues + 1))
    return f"table L1 L2 ... L{n_issues}"


HELP_RULES = ("How to play: each meeting every delegation has {ap} action points (AP) and the "
              "delegations move in turn, one command at a time, until all have passed. Win others over to "
              "a draft; at the last meeting the chair puts one draft to signature and each delegation signs "
              "or declines. Sign only a text worth more to you than staying out (your outside option; see "
              "'forecast'). Your score: mostly what the outcome is worth to you, the rest the objectives in "
              "your 'brief'.")


def help_text(n_issues: int, width: int = 100, action_points: int = 3) -> str:
    """The command list for a scenario with ``n_issues`` issues, fitted to ``width``
    columns: aligned columns where they fit, else each description on its own lines."""
    def fill(first: str, text: str, pad: int) -> list[str]:
        if pad > width - 20:
            pad = 4
        return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=" " * pad,
                             break_on_hyphens=False) or [first]

    lines = textwrap.wrap(HELP_RULES.format(ap=action_points), width, subsequent_indent="  ",
                          break_on_hyphens=False)
    lines += textwrap.wrap(HELP_INTRO, width, subsequent_indent="  ", break_on_hyphens=False)
    cw = max(len(c) for c, _ in HELP_SHOWS) + 2
    dw = max(len(d) for _, d in HELP_SHOWS) + 2
    if 2 + 2 * (cw + dw) <= width:  # two commands a line
        for n in range(0, len(HELP_SHOWS), 2):
            row = "  " + "".join(f"{c:<{cw}}{d:<{dw}}" for c, d in HELP_SHOWS[n:n + 2])
            lines.append(row.rstrip())
    else:
        for c, d in HELP_SHOWS:
            lines += fill(f"  {c:<{cw}}", d, 2 + cw) if 2 + cw <= width - 20 else fill(f"  {c} - ", d, 6)
    lines += textwrap.wrap("Actions (cost in action points in brackets):", width, subsequent_indent="  ",
                           break_on_hyphens=False)
    rows = [(c.format(table=table_usage(n_issues)), cost, d) for c, cost, d in HELP_ACTIONS]
    uw = max(len(c) for c, _, _ in rows) + 2
    kw = max(len(k) for _, k, _ in rows) + 2
    if width - (2 + uw + kw) >= 30:  # usage, cost and description side by side
        for c, cost, d in rows:
            lines += fill(f"  {c:<{uw}}{cost:<{kw}}", d, 2 + uw + kw)
    else:  # narrow: usage and cost on one line, the description under it
        for c, cost, d in rows:
            head = f"  {c:<{uw}}{cost}".rstrip() if 2 + uw + len(cost) <= width else f"  {c} {cost}".rstrip()
            lines += [head] if len(head) <= width else fill("  ", f"{c} {cost}", 4)
            lines += fill("      ", d, 6)
    lines += textwrap.wrap(HELP_OTHER, width, subsequent_indent="  ", break_on_hyphens=False)
    return "\n".join(line.rstrip() for line in lines)


@dataclass(frozen=True)
class Show:
    what: str
    arg: str = ""


class ParseError(ValueError):
    """A typed line that is not a valid command; the message says what to type."""


MEMO_WORDS = ("memo", "memos", "note", "notes")  # 'memo TEXT': the rest of the line as typed
ECHO = 40  # characters of a typed word repeated back in a message
_NUMBER = re.compile(r"[0-9]{1,9}")  # plain digits, short enough to be a count or an id
_DRAFT = re.compile(r"[dD#]?([0-9]{1,9})")

# Red-line directions: what a player may type (with _ - and spaces ignored) -> the engine's word.
DIRECTIONS = {"atleast": "at_least", "least": "at_least", "min": "at_least", "minimum": "at_least",
              ">=": "at_least", "atmost": "at_most", "most": "at_most", "max": "at_most",
              "maximum": "at_most", "<=": "at_most", "≥": "at_least", "≤": "at_most",
              "=>": "at_least", "=<": "at_most"}

# Display commands: name typed -> (what, usage, fewest words after it, most words after it)
SHOWS = {"help": "help", "?": "help", "h": "help", "status": "status", "s": "status",
         "drafts": "drafts", "d": "drafts", "forecast": "forecast", "f": "forecast",
         "calendar": "calendar", "c": "calendar", "log": "log", "private": "private", "p": "private",
         "brief": "brief", "b": "brief", "source": "source", "issues": "issues", "offers": "offers",
         "quit": "quit", "exit": "quit", "q": "quit", "save": "save", "draft": "draft",
         "undo": "undo", "takeback": "undo", "quiz": "quiz", "check": "quiz"}
SHOW_USAGE = {"log": ("log [N]   (N: how many of the last entries, e.g. log 10)", 0, 1),
              "draft": ("draft N   (e.g. draft 2)", 1, 1),
              "save": ("save FILE   (e.g. save mygame.json; quote a name with spaces)", 1, 1)}


def echo(word: str, limit: int = ECHO) -> str:
    """A typed word as repeated in a message: at most ``limit`` terminal cells (a letter
    keeps its accents), printable."""
    cut = "".join(c if c.isprintable() else "?" for c in word[: 4 * limit + 1])
    return cut if cells(cut) <= limit else head(cut, limit) + "…"


def number(word: str) -> int | None:
    """The value of a plain number (ASCII digits only), or None."""
    return int(word) if _NUMBER.fullmatch(word) else None


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _did_you_mean(word: str, names: list[str]) -> str:
    """' did you mean 'x'?' for a word one slip away from one of ``names`` (a typo, 'defense' for
    'defence'), else ''. Only a suggestion: a guess is never acted on (it could spend a move)."""
    close = difflib.get_close_matches(word.lower(), [n.lower() for n in names], n=1, cutoff=0.75)
    if not close:
        return ""
    match = next(n for n in names if n.lower() == close[0])
    return f" did you mean '{match}'?"


def _issue(view: View, word: str) -> int:
    m = view.model
    w = word.lower()
    n = number(w)
    if n is not None and 1 <= n <= m.n_issues:
        return n - 1
    for k, issue in enumerate(m.scenario.issues):
        if w in (issue.id.lower(), issue.name.lower()):
            return k
    guess = _did_you_mean(word, list(m.issue_ids))
    raise ParseError(f"no issue '{echo(word)}':{guess} use 1-{m.n_issues} or an id "
                     f"({', '.join(m.issue_ids)})")


def _level(view: View, k: int, word: str) -> int:
    levels = view.model.scenario.issues[k].levels
    w = word.lower()
    n = number(w)
    if n is not None and n < len(levels):
        return n
    for i, lv in enumerate(levels):
        if w in (lv.id.lower(), lv.name.lower()):
            return i
    guess = _did_you_mean(word, [lv.id for lv in levels])
    raise ParseError(f"issue '{view.model.issue_ids[k]}' has no level '{echo(word)}':{guess} use "
                     f"0-{len(levels) - 1} or {', '.join(lv.id for lv in levels)}")


def _actor(view: View, word: str) -> str:
    w = word.lower()
    for a in view.model.scenario.actors:
        if w in (a.id.lower(), a.name.lower(), a.short.lower()):
            return a.id
    guess = _did_you_mean(word, list(view.model.actor_ids))
    raise ParseError(f"no delegation '{echo(word)}':{guess} use one of {', '.join(view.model.actor_ids)}")


def _int(word: str, what: str, example: str = "") -> int:
    found = _DRAFT.fullmatch(word) if what == "draft" else _NUMBER.fullmatch(word)
    if not found:
        raise ParseError(f"'{echo(word)}' is not {_a(what)} number" + (f": {example}" if example else ""))
    return int(found.group(1) if what == "draft" else found.group(0))


def _words(args: list[str], least: int, most: int, usage: str) -> None:
    """Too few or too many words after the command: the usage, and nothing is spent."""
    if len(args) < least:
        raise ParseError(f"usage: {usage}")
    if len(args) > most:
        extra = " ".join(args[most:])
        raise ParseError(f"unexpected '{echo(extra)}' (nothing was done); usage: {usage}")


def _table(view: View, me: str, args: list[str]) -> A.Action:
    m = view.model
    usage = (f"table L1 ... L{m.n_issues} (one level per issue, 0 = loosest), "
             "or table issue=level ... (others stay at the current text)")
    levels = [int(b) for b in m.baseline]
    if any("=" in a for a in args):
        if not all("=" in a for a in args):
            raise ParseError(f"give every issue as issue=level, or all {m.n_issues} levels in order; "
                             f"usage: {usage}")
        named: set[int] = set()
        for a in args:
            key, _, value = a.partition("=")
            k = _issue(view, key)
            if k in named:
                raise ParseError(f"issue '{m.issue_ids[k]}' is named twice")
            named.add(k)
            levels[k] = _level(view, k, value)
    else:
        _words(args, m.n_issues, m.n_issues, usage)
        levels = [_level(view, k, w) for k, w in enumerate(args)]
    return A.Table(me, levels=tuple(levels))


def _redline(view: View, me: str, args: list[str]) -> A.Action:
    usage = ("redline ISSUE LEVEL atleast|atmost  (atleast: the treaty must have this level or a "
             "tighter one; atmost: this level or a looser one)")
    _words(args, 2, 4, usage)
    k = _issue(view, args[0])
    level = _level(view, k, args[1])
    if len(args) == 2:
        raise ParseError("say which way the red line goes, atleast or atmost (a red line is public "
                         f"and cannot be taken back); usage: {usage}")
    word = "".join("".join(args[2:]).split()).lower().replace("_", "").replace("-", "")
    if word not in DIRECTIONS:
        raise ParseError(f"'{echo(' '.join(args[2:]))}' is not a direction: type atleast or atmost "
                         "(or at least, >=, ≥, at most, <=, ≤); "
                         f"usage: {usage}")
    direction = DIRECTIONS[word]
    # refused as the window refuses it: the rules would take it, and an action point, for nothing
    why = rules_nothing_out(view.model.scenario, k, level, direction)
    if why:
        other = "atmost" if direction == "at_least" else "atleast"
        raise ParseError(f"{why} Choose another level, or declare {other} ('redline {k + 1} {level} {other}'); "
                         "nothing was spent.")
    return A.RedLine(me, issue=k, level=level, direction=direction)


def _offer(view: View, me: str, args: list[str]) -> A.Action:
    usage = "offer WHO WHAT [endorse DRAFT]"
    _words(args, 2, 4, usage)
    if len(args) == 3 or (len(args) == 4 and args[2].lower() != "endorse"):
        raise ParseError(f"unexpected '{echo(' '.join(args[2:]))}' (nothing was done); usage: {usage}")
    target = _actor(view, args[0])
    mine = view.model.scenario.actors[view.viewer].offers
    if not mine:
        raise ParseError("your delegation has nothing to offer in this scenario")
    what = next((o.id for o in mine if args[1].lower() in (o.id.lower(), o.name.lower())), None)
    if what is None:
        raise ParseError(f"you have nothing called '{echo(args[1])}' to offer: use "
                         f"{', '.join(o.id for o in mine)} ('offers' lists them)")
    if len(args) == 4:
        draft = _int(args[3], "draft", "e.g. endorse 2")
        if view.draft(draft) is None:
            raise ParseError(f"there is no draft {draft}. " + draft_list(view))
        return A.MakeOffer(me, target=target, offer=what, condition="endorse", draft=draft)
    return A.MakeOffer(me, target=target, offer=what)


def draft_list(view: View) -> str:
    if not view.drafts:
        return "There are no drafts on the table yet."
    return "The drafts on the table are " + ", ".join(f"D{d.id}" for d in view.drafts) + "."


def parse(line: str, view: View) -> A.Action | Show:
    """Parse one typed line; raises ParseError with a helpful message.

    Every command takes exactly the words its usage shows: an extra or unknown word
    is an error (and nothing is spent), never silently ignored."""
    # free text, read as typed (an apostrophe is not a quote here); after 'memo' a tab or a colon
    # too ('memo<Tab>text', 'Memo: text'), which otherwise lost the text to "unknown command 'memo'"
    first, rest = (line.strip().split(None, 1) + [""])[:2] if line.strip() else ("", "")
    if first.lower().rstrip(":") in MEMO_WORDS:
        return Show("memo", rest.strip())
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise ParseError(f"cannot read that line ({exc})")
    if not words:
        raise ParseError("type a command, or 'help'")
    cmd, args = words[0].lower(), words[1:]
    if cmd == "red" and args and args[0].lower() == "line":  # red line ISSUE LEVEL ...
        cmd, args = "redline", args[1:]
    me = view.me
    if cmd in SHOWS:
        what = SHOWS[cmd]
        usage, least, most = SHOW_USAGE.get(what, (cmd, 0, 0))
        _words(args, least, most, usage)
        if what == "log" and args:
            n = number(args[0])
            if n is None or n < 1:
                raise ParseError(f"'{echo(args[0])}' is not a positive number of entries; usage: {usage}")
            return Show(what, str(n))
        if what == "draft":
            return Show(what, str(_int(args[0], "draft", "e.g. draft 2")))
        if what == "save" and not args[0].strip():
            raise ParseError(f"usage: {usage}")
        return Show(what, args[0] if args else "")
    if cmd == "table":
        return _table(view, me, args)
    if cmd == "amend":
        _words(args, 3, 3, "amend DRAFT ISSUE LEVEL")
        draft = _int(args[0], "draft", "e.g. amend 2 duration 1")
        k = _issue(view, args[1])
        return A.Amend(me, draft=draft, issue=k, level=_level(view, k, args[2]))
    if cmd in ("endorse", "oppose"):
        _words(args, 1, 1, f"{cmd} DRAFT")
        cls = A.Endorse if cmd == "endorse" else A.Oppose
        return cls(me, draft=_int(args[0], "draft", f"e.g. {cmd} 2"))
    if cmd == "lobby":
        _words(args, 2, 2, "lobby WHO ISSUE")
        return A.Lobby(me, target=_actor(view, args[0]), issue=_issue(view, args[1]))
    if cmd == "offer":
        return _offer(view, me, args)
    if cmd in ("accept", "reject"):
        _words(args, 1, 1, f"{cmd} OFFER")
        return A.Respond(me, offer=_int(args[0], "offer", f"e.g. {cmd} 3 ('offers' lists them)"),
                         accept=cmd == "accept")
    if cmd in ("redline", "red-line", "red_line", "red line"):
        return _redline(view, me, args)
    simple = {"walkout": A.WalkOut, "walk-out": A.WalkOut, "return": A.Return, "pass": A.Pass}
    if cmd in simple:
        _words(args, 0, 0, cmd)
        return simple[cmd](me)
    if cmd in ("communique", "communiqué"):
        _words(args, 1, 1, "communique DRAFT")
        return A.CallCommunique(me, draft=_int(args[0], "draft", "e.g. communique 2"))
    if cmd == "put":
        _words(args, 1, 1, "put DRAFT")
        return A.PutToSignature(me, draft=_int(args[0], "draft", "e.g. put 2"))
    if cmd in ("sign", "decline"):
        _words(args, 0, 0, cmd)
        return A.Sign(me, sign=cmd == "sign")
    raise ParseError(f"unknown command '{echo(words[0])}': type 'help' for the list")
