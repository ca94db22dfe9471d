"""Turning a typed line into an engine action or a display command.

Issues can be named by number (as listed in 'drafts') or id; levels by number
(0 = loosest) or id; delegations by id, name or initials, in any case.
"""

from __future__ import annotations

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
  redline ISSUE LEVEL [atleast|atmost]   declare publicly what you need to sign      [1]
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


def _issue(view: View, word: str) -> int:
    m = view.model
    w = word.lower()
    if w.isdigit() and 1 <= int(w) <= m.n_issues:
        return int(w) - 1
    for k, issue in enumerate(m.scenario.issues):
        if w in (issue.id.lower(), issue.name.lower()):
            return k
    raise ParseError(f"no issue '{word}': use 1-{m.n_issues} or an id "
                     f"({', '.join(m.issue_ids)})")


def _level(view: View, k: int, word: str) -> int:
    levels = view.model.scenario.issues[k].levels
    w = word.lower()
    if w.isdigit() and int(w) < len(levels):
        return int(w)
    for n, lv in enumerate(levels):
        if w in (lv.id.lower(), lv.name.lower()):
            return n
    raise ParseError(f"issue '{view.model.issue_ids[k]}' has no level '{word}': use 0-{len(levels) - 1} "
                     f"or {', '.join(lv.id for lv in levels)}")


def _actor(view: View, word: str) -> str:
    w = word.lower()
    for a in view.model.scenario.actors:
        if w in (a.id.lower(), a.name.lower(), a.short.lower()):
            return a.id
    raise ParseError(f"no delegation '{word}': use one of {', '.join(view.model.actor_ids)}")


def _int(word: str, what: str) -> int:
    w = word.lstrip("dD#")
    if not w.isdigit():
        raise ParseError(f"'{word}' is not a {what} number")
    return int(w)


def _need(args: list[str], n: int, usage: str) -> None:
    if len(args) < n:
        raise ParseError(f"usage: {usage}")


def _table(view: View, me: str, args: list[str]) -> A.Action:
    m = view.model
    levels = [int(b) for b in m.baseline]
    if args and all("=" in a for a in args):
        for a in args:
            key, _, value = a.partition("=")
            k = _issue(view, key)
            levels[k] = _level(view, k, value)
    else:
        _need(args, m.n_issues, f"table L1 ... L{m.n_issues} (one level per issue, 0 = loosest), "
              "or table issue=level ... (others stay at the current text)")
        levels = [_level(view, k, w) for k, w in enumerate(args[: m.n_issues])]
    return A.Table(me, levels=tuple(levels))


def parse(line: str, view: View) -> A.Action | Show:
    """Parse one typed line; raises ParseError with a helpful message."""
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise ParseError(f"cannot read that line ({exc})")
    if not words:
        raise ParseError("type a command, or 'help'")
    cmd, args = words[0].lower(), words[1:]
    me = view.me
    shows = {"help": "help", "?": "help", "h": "help", "status": "status", "s": "status",
             "drafts": "drafts", "d": "drafts", "forecast": "forecast", "f": "forecast",
             "calendar": "calendar", "c": "calendar", "log": "log", "private": "private", "p": "private",
             "brief": "brief", "b": "brief", "source": "source", "issues": "issues", "offers": "offers",
             "quit": "quit", "exit": "quit", "q": "quit", "save": "save", "draft": "draft"}
    if cmd in shows:
        return Show(shows[cmd], " ".join(args))
    if cmd == "table":
        return _table(view, me, args)
    if cmd == "amend":
        _need(args, 3, "amend DRAFT ISSUE LEVEL")
        k = _issue(view, args[1])
        return A.Amend(me, draft=_int(args[0], "draft"), issue=k, level=_level(view, k, args[2]))
    if cmd in ("endorse", "oppose"):
        _need(args, 1, f"{cmd} DRAFT")
        cls = A.Endorse if cmd == "endorse" else A.Oppose
        return cls(me, draft=_int(args[0], "draft"))
    if cmd == "lobby":
        _need(args, 2, "lobby WHO ISSUE")
        return A.Lobby(me, target=_actor(view, args[0]), issue=_issue(view, args[1]))
    if cmd == "offer":
        _need(args, 2, "offer WHO WHAT [endorse DRAFT]")
        if len(args) >= 4 and args[2].lower() == "endorse":
            return A.MakeOffer(me, target=_actor(view, args[0]), offer=args[1], condition="endorse",
                               draft=_int(args[3], "draft"))
        return A.MakeOffer(me, target=_actor(view, args[0]), offer=args[1])
    if cmd in ("accept", "reject"):
        _need(args, 1, f"{cmd} OFFER")
        return A.Respond(me, offer=_int(args[0], "offer"), accept=cmd == "accept")
    if cmd in ("redline", "red-line", "red_line"):
        _need(args, 2, "redline ISSUE LEVEL [atleast|atmost]")
        k = _issue(view, args[0])
        direction = "at_most" if len(args) > 2 and args[2].lower().replace("_", "") == "atmost" else "at_least"
        return A.RedLine(me, issue=k, level=_level(view, k, args[1]), direction=direction)
    simple = {"walkout": A.WalkOut, "walk-out": A.WalkOut, "return": A.Return, "pass": A.Pass}
    if cmd in simple:
        return simple[cmd](me)
    if cmd in ("communique", "communiqué"):
        _need(args, 1, "communique DRAFT")
        return A.CallCommunique(me, draft=_int(args[0], "draft"))
    if cmd == "put":
        _need(args, 1, "put DRAFT")
        return A.PutToSignature(me, draft=_int(args[0], "draft"))
    if cmd in ("sign", "decline"):
        return A.Sign(me, sign=cmd == "sign")
    raise ParseError(f"unknown command '{cmd}': type 'help' for the list")
