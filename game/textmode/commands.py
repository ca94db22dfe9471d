"""Turning a typed line into an engine action or a display command.

Issues can be named by number (as listed in 'drafts') or id; levels by number
(0 = loosest) or id; delegations by id, name or initials, in any case.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from game.engine import actions as A
from game.engine.views import View

HELP = """Commands (a number or an id works for issues, levels and drafts; Tab-free, case-insensitive):
  help                     this list              status / s      the table of delegations
  drafts / d               the clause grid        draft N         one draft in full
  forecast / f             who would sign now     calendar / c    meetings and the deadline
  log [N]                  the news (last N)      private / p     your private messages
  brief / b                your role brief        source          the primary source document
  issues                   issues and levels      offers          offers you can make / have open
Actions (cost in action points in brackets):
  table L1 L2 ... L7       table a draft, one level per issue (or issue=level ...)    [2]
  amend D ISSUE LEVEL      a new draft: draft D with one issue changed                [1]
  endorse D / oppose D     say publicly you support / oppose draft D                  [1]
  lobby WHO ISSUE          press a delegation on an issue (private; may backfire)     [1]
  offer WHO WHAT [endorse D]  a private side payment for signing (or endorsing D)     [1]
  accept N / reject N      answer offer N made to you                                 [free]
  redline ISSUE LEVEL atleast|atmost     declare publicly what you need to sign      [1]
  walkout / return         leave the talks / come back                                 [0 / 1]
  pass                     end your turn for this round
  communique D             (chair) call for a joint communique on draft D
  put D                    (chair, at the summit) put draft D to signature
  sign / decline           at the summit: sign the text or not
Other: save FILE, quit (the game is autosaved every round)."""


@dataclass(frozen=True)
class Show:
    what: str
    arg: str = ""


class ParseError(ValueError):
    """A typed line that is not a valid command; the message says what to type."""


ECHO = 40  # characters of a typed word repeated back in a message
_NUMBER = re.compile(r"[0-9]{1,9}")  # plain digits, short enough to be a count or an id
_DRAFT = re.compile(r"[dD#]?([0-9]{1,9})")

# Red-line directions: what a player may type (with _ - and spaces ignored) -> the engine's word.
DIRECTIONS = {"atleast": "at_least", "least": "at_least", "min": "at_least", "minimum": "at_least",
              ">=": "at_least", "atmost": "at_most", "most": "at_most", "max": "at_most",
              "maximum": "at_most", "<=": "at_most"}

# Display commands: name typed -> (what, usage, fewest words after it, most words after it)
SHOWS = {"help": "help", "?": "help", "h": "help", "status": "status", "s": "status",
         "drafts": "drafts", "d": "drafts", "forecast": "forecast", "f": "forecast",
         "calendar": "calendar", "c": "calendar", "log": "log", "private": "private", "p": "private",
         "brief": "brief", "b": "brief", "source": "source", "issues": "issues", "offers": "offers",
         "quit": "quit", "exit": "quit", "q": "quit", "save": "save", "draft": "draft"}
SHOW_USAGE = {"log": ("log [N]   (N: how many of the last entries, e.g. log 10)", 0, 1),
              "draft": ("draft N   (e.g. draft 2)", 1, 1),
              "save": ("save FILE   (e.g. save mygame.json; quote a name with spaces)", 1, 1)}


def echo(word: str, limit: int = ECHO) -> str:
    """A typed word as repeated in a message: at most ``limit`` characters, printable."""
    cut = word[: limit + 1]
    cut = "".join(c if c.isprintable() else "?" for c in cut)
    return cut if len(cut) <= limit else cut[:limit] + "…"


def number(word: str) -> int | None:
    """The value of a plain number (ASCII digits only), or None."""
    return int(word) if _NUMBER.fullmatch(word) else None


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _issue(view: View, word: str) -> int:
    m = view.model
    w = word.lower()
    n = number(w)
    if n is not None and 1 <= n <= m.n_issues:
        return n - 1
    for k, issue in enumerate(m.scenario.issues):
        if w in (issue.id.lower(), issue.name.lower()):
            return k
    raise ParseError(f"no issue '{echo(word)}': use 1-{m.n_issues} or an id "
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
    raise ParseError(f"issue '{view.model.issue_ids[k]}' has no level '{echo(word)}': use "
                     f"0-{len(levels) - 1} or {', '.join(lv.id for lv in levels)}")


def _actor(view: View, word: str) -> str:
    w = word.lower()
    for a in view.model.scenario.actors:
        if w in (a.id.lower(), a.name.lower(), a.short.lower()):
            return a.id
    raise ParseError(f"no delegation '{echo(word)}': use one of {', '.join(view.model.actor_ids)}")


def _others(view: View) -> str:
    return ", ".join(a.id for a in view.model.scenario.actors if a.id != view.me)


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
    word = "".join(args[2:]).lower().replace("_", "").replace("-", "")
    if word not in DIRECTIONS:
        raise ParseError(f"'{echo(' '.join(args[2:]))}' is not a direction: type atleast or atmost; "
                         f"usage: {usage}")
    return A.RedLine(me, issue=k, level=level, direction=DIRECTIONS[word])


def _offer(view: View, me: str, args: list[str]) -> A.Action:
    usage = "offer WHO WHAT [endorse DRAFT]"
    _words(args, 2, 4, usage)
    if len(args) == 3 or (len(args) == 4 and args[2].lower() != "endorse"):
        raise ParseError(f"unexpected '{echo(' '.join(args[2:]))}' (nothing was done); usage: {usage}")
    target = _actor(view, args[0])
    if target == me:
        raise ParseError(f"you cannot make an offer to yourself: offer it to another delegation "
                         f"({_others(view)})")
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
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise ParseError(f"cannot read that line ({exc})")
    if not words:
        raise ParseError("type a command, or 'help'")
    cmd, args = words[0].lower(), words[1:]
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
        target = _actor(view, args[0])
        if target == me:
            raise ParseError(f"you cannot lobby yourself: lobby another delegation ({_others(view)})")
        return A.Lobby(me, target=target, issue=_issue(view, args[1]))
    if cmd == "offer":
        return _offer(view, me, args)
    if cmd in ("accept", "reject"):
        _words(args, 1, 1, f"{cmd} OFFER")
        return A.Respond(me, offer=_int(args[0], "offer", f"e.g. {cmd} 3 ('offers' lists them)"),
                         accept=cmd == "accept")
    if cmd in ("redline", "red-line", "red_line"):
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
