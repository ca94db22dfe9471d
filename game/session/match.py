"""A match: the engine plus the players in each seat, the action record, saves.

The session owns the only mutable object in a game: the current state and the
list of actions that produced it. Everything else (rules, views, scores) is
computed from those by the pure engine, so saving is writing the action list,
and loading is replaying it.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field, replace

import numpy as np

from game.ai.outlook import Situation, situation
from game.ai.player import make_player, regard_vector
from game.engine import Game, GameState, Options
from game.engine import actions as A
from game.engine import rng as R
from game.engine.rules import RULES_EDITION
from game.engine.rules import check as _check
from game.engine.state import LogEntry
from game.engine.transition import IllegalAction, Outcome
from game.engine.views import View
from game.scenarios.loader import content_hash
from game.scenarios.registry import ref_for_save
from game.scenarios.schema import Scenario
from game.scenarios.wording import rules_hash
from game.scoring import GameResult, game_result

SAVE_KIND = "treaty-table-game"
OFF_NOTE = "off in this game (the teacher's choice)"
"""What the results, the debrief and ``replay`` say after 'Take-backs: ' for a game whose take-backs
are off (:attr:`Match.takebacks_off`)."""
TAKEBACKS_OFF = f"take-backs are {OFF_NOTE}"
"""Why :meth:`Match.take_back` refuses in a game whose take-backs are off (``play --no-takeback``,
the window's setup: *Take-backs: Off*); a reason that fits one line of a terminal after
'Cannot take back: '."""
MEMO_MAX = 2000  # characters of one memo (a delegation's notes for one round: a paragraph or two)

_CHECKED: dict[int, tuple] = {}
"""id(LegalCheck) -> (model, state): what each live check checks against (see LegalCheck)."""


def forget_finished_games() -> None:
    """Empty the engine's and the AI's caches (all keyed on a game's compiled model).

    Every game the window starts loads its scenario afresh, so it has a model of its own and
    never finds another game's entries; yet each cache holds on to the models it has seen
    until it reaches its size limit (over a hundred games' worth of some). The window calls
    this when it puts a new match on the table, so one long session keeps about one game's
    caches instead of dozens. Only a cost (the next moves fill them again), never a change
    of result: each cache stores what it would compute."""
    from game.ai import objectives
    from game.engine import model, table, utility, views

    for cache in (model._CACHE, table._PARTIAL, utility._CONSTS, utility._KMATS, utility._STATUS_QUO,
                  views._PUBLIC_CACHE, views._PARTS_CACHE, views._LOGS, objectives._WEIGHTS):
        cache.clear()


class LegalCheck:
    """The ``legal`` a player's ``choose(view, legal, rng)`` gets: ``legal(action)`` is the rules'
    refusal reason for ``action`` in the state the player is choosing in, or None when legal.

    It is a call and nothing else: it holds no attribute, closure, ``__self__`` or
    ``__wrapped__`` leading to the match, its state or the full model (every delegation's
    secrets), which it finds by its own id in a table private to this module while it lives.
    So the objects a player is handed give it the view and no more. (This is not a sandbox:
    code in the same process can always dig further, e.g. with ``gc`` or stack frames.)"""

    __slots__ = ()

    def __init__(self, model, state) -> None:
        _CHECKED[id(self)] = (model, state)

    def __call__(self, action) -> str | None:
        model, state = _CHECKED[id(self)]
        return _check(model, state, action)

    def __del__(self) -> None:
        try:
            _CHECKED.pop(id(self), None)
        except Exception:  # at interpreter exit the table may be gone already
            pass

    def __reduce__(self):
        raise TypeError("legal (a player's move check) cannot be copied or pickled; keep the view instead")

    def __repr__(self) -> str:
        return "<legal: the rules' check of a move, as legal(action) -> refusal reason or None>"


@dataclass
class Match:
    scenario: Scenario
    seed: int = 0
    options: Options = field(default_factory=Options)
    seats: dict[str, str] = field(default_factory=dict)  # actor id -> human | ai | random | passive
    difficulty: str = "normal"
    scenario_ref: str = ""  # how to find the scenario again (built-in id or path)
    # seats your own players (``simulate --player``) played: seat -> the player's spec. Their seats are
    # "human" (the built-in AI does not move them; their moves are in the save), but no person played.
    bots: dict[str, str] = field(default_factory=dict)
    # seats the AI's level treats as people's although the built-in AI plays them: the AI in your
    # seat, in the games your result is compared with, gets what the level gave you (not saved)
    stand_ins: tuple[str, ...] = ()
    # the versions of the scenario the game was played on before it was resumed on a changed one
    # (:func:`game.session.saves.load_match` with ``current_scenario``): each {"version", "hash",
    # "moves"}, ``moves`` being how many of the game's moves were made on it; oldest first
    earlier_scenarios: list[dict] = field(default_factory=list)
    # moves people took back (:meth:`take_back`): seat -> how many times; saved, and shown wherever
    # a teacher reads the result (the grade sheet, the debrief, ``replay``)
    takebacks: dict[str, int] = field(default_factory=dict)
    # take-backs switched off for this game (the teacher's choice: ``play --no-takeback``, the window's
    # setup). Saved (payload key ``takebacks_off``, written only when true: a save without it allows
    # them), so loading or resuming keeps it; :meth:`take_back_refusal` refuses every take-back then
    takebacks_off: bool = False
    # the memos people wrote: seat -> round index -> text (:meth:`write_memo`). A delegation's own
    # notes, one a round: its reasoning and plans, for the teacher who reads them in the debrief and
    # the grade sheet. Not a move: they change nothing in the game, are seen by no other delegation,
    # and survive take-backs and forks. Saved (payload key ``memos``, written only when there are some)
    memos: dict[str, dict[int, str]] = field(default_factory=dict)
    # the briefing check's answers: seat -> question id -> option key (:meth:`answer_quiz`; the
    # questions are :func:`game.report.quiz.questions`). A team's first answer to a question is the
    # one kept. Not a move, like a memo: seen by no other delegation, kept through take-backs and
    # forks. Saved (payload key ``quiz``, written only when there are answers)
    quiz: dict[str, dict[str, str]] = field(default_factory=dict)
    # the version of its scenario a save was played on, when the scenario has changed since in its
    # words only and the save was loaded on it as it is now (:func:`game.session.saves.load_match`):
    # the game is the same move for move, so nothing records it; :func:`reworded_note` tells the player
    reworded_from: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        self.game = Game(self.scenario)
        for actor_id in self.game.model.actor_ids:
            self.seats.setdefault(actor_id, "ai")
        unknown = set(self.seats) - set(self.game.model.actor_ids)
        if unknown:
            raise ValueError(f"no such role(s) in this scenario: {', '.join(sorted(unknown))}")
        self._players = {a: make_player(kind, self.difficulty) for a, kind in self.seats.items()
                         if kind != "human"}
        self.state: GameState = self.game.new(self.seed, self.options)
        self.actions: list[A.Action] = []
        self._guests: frozenset[str] = frozenset()  # seats :meth:`play` moves with your own players

    # --- whose move ------------------------------------------------------------
    @property
    def to_move(self) -> str | None:
        return self.game.actor_to_move(self.state)

    @property
    def over(self) -> bool:
        return self.state.ended

    def human_to_move(self) -> bool:
        return self.to_move is not None and self.seats[self.to_move] == "human"

    def take_back(self, seat: str) -> tuple[Match, str]:
        """Take back ``seat``'s last move: (the match as it was just before that move, with every move
        after it undone too, and one more take-back counted for ``seat``; the log's line of the move
        taken back). A person's seat only, while the game is on and no other person has moved since
        (in a hotseat game one player's take-back never undoes another's move); else ValueError
        with the reason. The AI plays the same seeded game again: the same move brings the same replies.
        """
        refused = self.take_back_refusal(seat)
        if refused:
            raise ValueError(refused)
        last = self._last_move_of(seat)
        names = {a.id: a.name for a in self.scenario.actors}
        match = Match.from_payload(self.to_payload(), self.scenario, upto=last)
        match.stand_ins = self.stand_ins
        match.takebacks[seat] = match.takebacks.get(seat, 0) + 1
        me = self.game.model.actor_index(seat)  # the log's line of the move: the first one it wrote
        mine = next((e for e in self.state.log[len(match.state.log):] if e.actors[:1] == (me,)), None)
        if mine is None:
            return match, f"{names[seat]}: {self.actions[last].kind.replace('_', ' ')}"
        # a tabled draft's or a put's line goes on to list every clause: "Georgia tables draft 3" says it
        return match, mine.text.split(": ", 1)[0] if mine.kind in ("table", "put") else mine.text

    def take_back_refusal(self, seat: str) -> str | None:
        """Why :meth:`take_back` would refuse ``seat``'s take-back now, or None when it would not
        (the window offers the take-back only then). The one place the rules of take-backs live:
        in a game whose take-backs are off (:attr:`takebacks_off`) it is :data:`TAKEBACKS_OFF` for
        every seat while the game is on (the facilitator's own undo is said first)."""
        if self.over:
            return "the game is over: its moves are final"
        if getattr(self, "facilitator", None) is not None:  # game.session.facilitator.KEY: its own undo
            return "in a facilitated game only the facilitator takes moves back (in the window's console: Undo, F4)"
        if self.takebacks_off:  # said to any seat: the window's Ctrl+Z off a person's turn too
            return TAKEBACKS_OFF
        if self.seats.get(seat) != "human" or seat in self.bots:
            return "only a seat a person plays can take back its moves"
        last = self._last_move_of(seat)
        if last is None:
            return "there is no move of yours to take back yet"
        others = sorted({a.actor for a in self.actions[last + 1:]
                         if a.actor != seat and a.actor in self.people}, key=self.game.model.actor_index)
        if others:
            names = {a.id: a.name for a in self.scenario.actors}
            who = " and ".join(names[a] for a in others)
            return (f"{who} {'has' if len(others) == 1 else 'have'} moved since (a person's move is "
                    "never taken back by another player)")
        return None

    # --- memos: a delegation's notes for the teacher (not moves) ---------------------
    def memo_refusal(self, seat: str) -> str | None:
        """Why :meth:`write_memo` would refuse ``seat``'s memo now, or None."""
        if self.seats.get(seat) != "human" or seat in self.bots:
            return "only a delegation people play writes memos"
        if self.over:
            return "the game is over: its memos are final"
        return None

    def memo(self, seat: str, round_index: int | None = None) -> str:
        """``seat``'s memo for a round (this round by default); "" when it wrote none."""
        return self.memos.get(seat, {}).get(self.state.round if round_index is None else round_index, "")

    def write_memo(self, seat: str, text: str) -> str:
        """Write (or replace) ``seat``'s memo for this round; an empty text deletes it. Returns the text
        kept: its lines' trailing spaces and other control characters than line breaks dropped. Raises
        ValueError with the reason: a seat people do not play, a game that is over, a text over
        :data:`MEMO_MAX` characters (never cut short without a word)."""
        refused = self.memo_refusal(seat)
        if refused:
            raise ValueError(refused)
        kept = clean_memo(text)
        if len(kept) > MEMO_MAX:
            raise ValueError(f"a memo holds at most {MEMO_MAX} characters; this one has {len(kept)}")
        # new dicts, never the ones held: a copy of the match (an autosave's snapshot, written by another
        # thread) keeps the memos it was taken with
        mine = {r: t for r, t in self.memos.get(seat, {}).items() if r != self.state.round}
        if kept:
            mine[self.state.round] = kept
        others = {s: rounds for s, rounds in self.memos.items() if s != seat}
        self.memos = {**others, seat: mine} if mine else others
        return kept

    # --- the briefing check: a quiz on a delegation's own brief (not moves) --------------
    def quiz_refusal(self, seat: str) -> str | None:
        """Why :meth:`answer_quiz` would refuse ``seat``'s answers now, or None."""
        if self.seats.get(seat) != "human" or seat in self.bots:
            return "only a delegation people play takes the briefing check"
        if self.over:
            return "the game is over: the briefing check is closed"
        return None

    def answer_quiz(self, seat: str, qid: str, key: str) -> bool:
        """Keep ``seat``'s answer ``key`` to the briefing check's question ``qid``; whether it is right.
        Raises ValueError with the reason: a seat people do not play, a game that is over, a question
        or an option the seat's check does not have, a question already answered (the first answer
        counts: the check asks what the team read, not what it guessed on the second try)."""
        from game.report.quiz import question  # (the report package builds on this one)

        refused = self.quiz_refusal(seat)
        if refused:
            raise ValueError(refused)
        q = question(self.scenario, seat, qid)
        if q is None:
            raise ValueError(f"the briefing check has no question {qid!r}")
        if not q.has(key):
            raise ValueError(f"the question {qid!r} has no answer {key!r}")
        if qid in self.quiz.get(seat, {}):
            raise ValueError("that question is answered already: the first answer counts")
        # new dicts, never the ones held (an autosave's snapshot keeps the answers it was taken with)
        self.quiz = {**self.quiz, seat: {**self.quiz.get(seat, {}), qid: key}}
        return key == q.answer

    def _last_move_of(self, seat: str) -> int | None:
        """The index in :attr:`actions` of ``seat``'s last move (None before its first)."""
        return next((n for n in range(len(self.actions) - 1, -1, -1) if self.actions[n].actor == seat), None)

    @property
    def level_matters(self) -> bool:
        """Whether the AI difficulty changed this game: people and the computer both at the table (with
        no person, or no computer, the level makes no difference). Results say the level only then."""
        return 0 < len(self.humans) < len(self.game.model.actor_ids)

    @property
    def humans(self) -> list[str]:
        """The seats the built-in AI does not move: people's, and your own players' (see ``bots``)."""
        return [a for a in self.game.model.actor_ids if self.seats[a] == "human"]

    @property
    def people(self) -> list[str]:
        """The seats people played: :attr:`humans` without the ones your own players played."""
        return [a for a in self.humans if a not in self.bots]

    def seat_kind(self, actor_id: str) -> str:
        """'human', 'bot' (your own player, see ``bots``), or the built-in player's kind ('ai', ...)."""
        return "bot" if actor_id in self.bots and self.seats.get(actor_id) == "human" else self.seats.get(actor_id, "ai")

    def set_seat(self, actor_id: str, kind: str) -> None:
        """Switch a role between human and AI mid-game."""
        self.seats[actor_id] = kind
        if kind == "human":
            self._players.pop(actor_id, None)
        else:
            self._players[actor_id] = make_player(kind, self.difficulty)

    # --- moves -----------------------------------------------------------------
    def submit(self, action: A.Action) -> Outcome:
        """Apply a move; a refused one comes back with its reason and changes nothing."""
        outcome = self.game.try_apply(self.state, action)
        if outcome.rejected is None:
            self.state = outcome.state
            self.actions.append(A.plain(action))  # as saved: numpy values become plain ones
        return outcome

    def ai_action(self) -> A.Action:
        """The move the AI in the current seat would make (does not apply it)."""
        actor = self.to_move
        if actor is None:
            raise RuntimeError("the game is over")
        player = self._players.get(actor) or make_player("ai", self.difficulty)
        if hasattr(player, "chair_regard"):  # the level's regard for the people's seats (docs/rules.md, "The AI")
            player.regard = self.regard(actor)
            player.chair_regard = self.regard(self.game.model.actor_ids[self.state.chair])
        return self.player_action(player)

    def regard(self, seat: str) -> np.ndarray | None:
        """(A,) the regard the built-in AI in ``seat`` has for the people's seats at this level
        (:func:`game.ai.player.regard_vector`); None when it has none, or another player (a
        person, your own, a random or passive one) plays that seat."""
        if self.seats.get(seat) not in ("ai", None):  # (a people's seat: regard_vector says None)
            return None
        return regard_vector(self.game.model, self.difficulty, self.regarded, seat)

    def situation(self, view: View) -> Situation:
        """The forecast's inputs for ``view`` (:func:`game.ai.outlook.situation`) with what the level
        makes an AI chair do (the level is no secret): the window's and the text mode's forecast."""
        sit = situation(view)
        chair = self.regard(self.game.model.actor_ids[view.chair])
        if chair is None:
            return sit
        # the chair's own view (a facilitator's, the AI chair's): its value with its regard
        return replace(sit, regard=chair) if view.viewer == view.chair else replace(sit, chair_regard=chair)

    @property
    def regarded(self) -> frozenset[str]:
        """The seats the built-in AI's level treats as the people's (easy accommodates them, hard
        minds their gains): :attr:`humans`, the seats :meth:`play` is moving with your own
        players, and :attr:`stand_ins`."""
        return frozenset(self.humans) | self._guests | frozenset(self.stand_ins)

    def player_action(self, player) -> A.Action:
        """The move ``player`` chooses for the seat to move (does not apply it). ``player`` is any
        object with ``choose(view, legal, rng) -> Action``, like the built-in players of
        :mod:`game.ai.player`: it gets that seat's View (all it may know), the rules' check
        (``legal(action)`` -> refusal reason or None, a :class:`LegalCheck` that leads nowhere
        else) and a :class:`random.Random` seeded from the match's seed, the step and the seat,
        so the same game gives the same choice."""
        actor = self.to_move
        if actor is None:
            raise RuntimeError("the game is over")
        view = self.game.view(self.state, actor)
        rng = random.Random(R.derive(self.seed, self.state.steps, actor))
        return player.choose(view, LegalCheck(self.game.model, self.state), rng)

    def play(self, players: dict, max_steps: int = 100_000) -> None:
        """Play until the game ends or a human seat without a player must move. The seats in
        ``players`` (actor id -> an object with ``choose(view, legal, rng)``, see
        :meth:`player_action`) are moved by those players, the other non-human seats by their
        built-in players. A move the rules refuse raises :class:`IllegalAction` naming the seat,
        the move and the rules' reason (the match is unchanged)."""
        unknown = set(players) - set(self.game.model.actor_ids)
        if unknown:
            raise ValueError(f"no such role(s) in this scenario: {', '.join(sorted(unknown))}")
        self._guests = frozenset(players)
        try:
            self._play(players, max_steps)
        finally:
            self._guests = frozenset()

    def _play(self, players: dict, max_steps: int) -> None:
        for _ in range(max_steps):
            actor = self.to_move
            if actor is None:
                return
            if actor in players:
                action = self.player_action(players[actor])
                outcome = self.submit(action)
                if outcome.rejected is not None:
                    raise IllegalAction(f"{actor}'s player chose {action!r}, which the rules refuse: "
                                        f"{outcome.rejected}")
            elif self.seats[actor] == "human":
                return
            else:
                self.step_ai()

    def step_ai(self) -> tuple[LogEntry, ...]:
        """Let the AI in the current seat move once; returns the new log entries."""
        outcome = self.submit(self.ai_action())
        if outcome.rejected is not None:  # an AI bug must not stall the game: pass instead
            outcome = self.submit(A.Pass(self.to_move) if self.state.phase == "diplomacy"
                                  else A.Sign(self.to_move, sign=False))
        return outcome.events

    def run_ai(self, max_steps: int = 100_000) -> None:
        """Play AI seats until a human must move or the game ends."""
        for _ in range(max_steps):
            if self.over or self.human_to_move():
                return
            self.step_ai()

    def result(self) -> GameResult:
        if not self.over:
            raise RuntimeError("the game has not ended")
        return game_result(self.game.model, self.state)

    # --- saving ----------------------------------------------------------------
    def to_payload(self) -> dict:
        sc = self.scenario
        return {
            "kind": SAVE_KIND,
            "rules": RULES_EDITION,
            "scenario": {"id": sc.id, "version": sc.version, "hash": content_hash(sc),
                         "rules_hash": rules_hash(sc), "ref": ref_for_save(self.scenario_ref or sc.id)},
            "seed": self.seed, "options": {"events": self.options.events},
            "seats": dict(self.seats), "difficulty": self.difficulty,
            "actions": [a.to_dict() for a in self.actions],
            "progress": {"round": self.state.round, "phase": self.state.phase,
                         "steps": self.state.steps},
            **({"players": dict(self.bots)} if self.bots else {}),
            **({"earlier_scenarios": [dict(e) for e in self.earlier_scenarios]} if self.earlier_scenarios else {}),
            **({"takebacks": dict(self.takebacks)} if self.takebacks else {}),
            **({"takebacks_off": True} if self.takebacks_off else {}),
            **({"memos": {seat: {str(r): text for r, text in sorted(rounds.items())}
                          for seat, rounds in self.memos.items() if rounds}} if self.memos else {}),
            **({"quiz": {seat: dict(answers) for seat, answers in self.quiz.items() if answers}}
               if any(self.quiz.values()) else {}),
        }

    @classmethod
    def from_payload(cls, payload: dict, scenario: Scenario, upto: int | None = None) -> Match:
        """Rebuild a match by replaying its actions (the first ``upto`` of them)."""
        match = cls(scenario=scenario, seed=int(payload["seed"]),
                    options=Options(**payload.get("options", {})), seats=dict(payload["seats"]),
                    difficulty=payload.get("difficulty", "normal"),
                    scenario_ref=payload["scenario"].get("ref", scenario.id),
                    bots=_recorded_bots(payload), earlier_scenarios=earlier_scenarios(payload),
                    takebacks=_takebacks(payload),
                    takebacks_off=payload.get("takebacks_off") is True,  # (saves.py refuses a non-bool)
                    memos=_memos(payload, len(scenario.rounds)), quiz=_quiz(payload, scenario))
        records = payload["actions"] if upto is None else payload["actions"][:upto]
        for n, record in enumerate(records):
            action = A.from_dict(record)
            outcome = match.submit(action)
            if outcome.rejected is not None:
                raise ValueError(refused_on_replay(match, n, action, outcome.rejected))
        match.earlier_scenarios = earlier_upto(match.earlier_scenarios, len(records))
        return match


PRIVATE_KINDS = frozenset({"lobby", "offer", "respond"})  # moves the other delegations do not see


def describe(match: Match, action: A.Action, public: bool = False) -> str:
    """``Georgia: lobby``; with ``public``, a private move is not named (``Georgia: a private move``)."""
    sc = match.scenario
    try:
        name = sc.actors[match.game.model.actor_index(action.actor)].name
    except (KeyError, ValueError):
        name = action.actor
    if public and action.kind in PRIVATE_KINDS:
        return f"{name}: a private move"
    if action.kind == "sign":
        return f"{name}: {'sign' if getattr(action, 'sign', True) else 'decline'}"
    return f"{name}: {action.kind.replace('_', ' ')}"


def refused_on_replay(match: Match, n: int, action: A.Action, reason: str) -> str:
    """'action 10 of the save (Russia: a private move) is refused on replay: REASON': which move,
    as anyone may be told it (whoever loads a save, a team in hotseat too: a private move unnamed)."""
    return f"action {n + 1} of the save ({describe(match, action, public=True)}) is refused on replay: {reason}"


def taken_back_since(old: Match, new: Match) -> str:
    """', and every move made after it' when a take-back (``old`` -> ``new``) undid more than the move
    itself. Not how many: some of them may be private moves the player never saw (another
    delegation's lobbying), and their number would tell that they happened."""
    return ", and every move made after it" if len(old.actions) - len(new.actions) > 1 else ""


def _takebacks(payload: dict) -> dict[str, int]:
    """A save's ``takebacks`` (seat -> count), well-formed entries of the save's own seats only."""
    given, seats = payload.get("takebacks"), payload.get("seats")
    if not isinstance(given, dict) or not isinstance(seats, dict):
        return {}
    return {seat: n for seat, n in given.items()
            if seat in seats and isinstance(n, int) and not isinstance(n, bool) and 0 < n < 10**6}


_MEMO_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")  # line breaks other than \n


def clean_memo(text: str) -> str:
    """A memo as kept: line breaks as ``\n``, tabs as spaces, other control characters (and halves
    of a surrogate pair, which no file can hold) dropped, each line's trailing spaces and the blank
    lines at both ends removed. Every other character is kept, printable or not in this Python's
    Unicode tables: a no-break space between two words (French, a pasted text), the joiners of an
    emoji family or of Persian and Indic words, a soft hyphen, an emoji newer than those tables."""
    text = _MEMO_BREAKS.sub("\n", str(text)).replace("\t", " ")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


_ROUND_KEY = re.compile("0|[1-9][0-9]{0,5}")  # a round's index as to_payload writes it


def _memos(payload: dict, rounds: int) -> dict[str, dict[int, str]]:
    """A save's ``memos`` (seat -> round -> text): well-formed entries of the save's own seats and the
    scenario's rounds only, each cleaned as :func:`clean_memo` and at most :data:`MEMO_MAX` long (a
    hand-edited save loses a malformed memo, never the game)."""
    given, seats = payload.get("memos"), payload.get("seats")
    if not isinstance(given, dict) or not isinstance(seats, dict):
        return {}
    out: dict[str, dict[int, str]] = {}
    for seat, by_round in given.items():
        if seat not in seats or not isinstance(by_round, dict):
            continue
        for key, text in by_round.items():  # (ASCII digits only: '²' or '٠' is no round of a save)
            if not isinstance(key, str) or not _ROUND_KEY.fullmatch(key) or not isinstance(text, str):
                continue
            r = int(key)
            kept = clean_memo(text)[:MEMO_MAX]
            if 0 <= r < rounds and kept:
                out.setdefault(seat, {})[r] = kept
    return out


def _quiz(payload: dict, scenario: Scenario) -> dict[str, dict[str, str]]:
    """A save's ``quiz`` answers (seat -> question id -> option key): those of the save's own seats
    people play that the seat's briefing check has, only (a hand-edited save, or one from another
    version of the scenario, loses an answer the check cannot read, never the game)."""
    from game.report.quiz import question  # (the report package builds on this one)

    given, seats = payload.get("quiz"), payload.get("seats")
    if not isinstance(given, dict) or not isinstance(seats, dict):
        return {}
    kept: dict[str, dict[str, str]] = {}
    for seat, answers in given.items():
        if not isinstance(seat, str) or seats.get(seat) != "human" or not isinstance(answers, dict):
            continue
        mine = {}
        for qid, key in answers.items():
            if not isinstance(qid, str) or not isinstance(key, str) or len(qid) > 200 or len(key) > 200:
                continue
            try:
                q = question(scenario, seat, qid)
            except KeyError:  # (a seat the scenario does not have: the match refuses it with the reason)
                break
            if q is not None and q.has(key):
                mine[qid] = key
        if mine:
            kept[seat] = mine
    return kept


def memo_words(match: Match, seat: str) -> int:
    """How many words ``seat``'s memos hold in all (the grade sheet's ``memo_words``)."""
    return sum(len(text.split()) for text in match.memos.get(seat, {}).values())


def takeback_note(match: Match) -> str:
    """'Georgia took back 2 moves' (one clause per seat, in the scenario's order); empty when none.
    In a game whose take-backs are off: 'off in this game (the teacher's choice)', and the count of
    any taken before they were turned off (``play --load SAVE --no-takeback``)."""
    names = {a.id: a.name for a in match.scenario.actors}
    parts = [f"{names[a]} took back {n} move{'s' * (n != 1)}" for a in match.game.model.actor_ids
             if (n := match.takebacks.get(a, 0))]
    if match.takebacks_off:
        return OFF_NOTE + (f"; before they were turned off, {'; '.join(parts)}" if parts else "")
    return "; ".join(parts)


def takebacks_cell(match: Match, seat: str) -> int | str:
    """The grade sheet's ``takebacks`` for ``seat``: how many moves its players took back; ``off`` in a
    game whose take-backs were off and where the seat took none (every row of such a game, the
    computer's seats too: the setting is the game's, as the ``difficulty`` column is)."""
    n = match.takebacks.get(seat, 0)
    return "off" if match.takebacks_off and not n else n


def played_again(match: Match) -> str:
    """'played again on v1.1 (moves 1-8 were made on v1.0)' for a game resumed on a changed scenario
    (the window's message as it opens such a save); empty otherwise."""
    note = earlier_note(match)
    return f"played again on v{match.scenario.version} ({note})" if note else ""


def reworded_note(match: Match) -> str:
    """'the scenario's wording was updated since it was saved (v1.1.3, now v1.1.4): ...' for a save
    loaded on a scenario changed in its words only (:attr:`Match.reworded_from`); empty otherwise."""
    if not match.reworded_from:
        return ""
    then, now = match.reworded_from, match.scenario.version
    versions = f"v{then}, now v{now}" if then != now else f"v{now}"
    return (f"the scenario's wording has been updated since it was saved ({versions}); its rules and "
            "numbers are the same, so every move and score stays as it was")


def resume_note(match: Match, current_scenario: bool) -> str:
    """What to tell the player as a save opens on a changed scenario: :func:`reworded_note`, or, with
    ``current_scenario``, :func:`played_again`; empty when the scenario is the one it was saved on."""
    return reworded_note(match) or (played_again(match) if current_scenario else "")


def earlier_note(match: Match) -> str:
    """'moves 1-37 were made on v1.1.4' for a game resumed on a changed scenario (one clause per
    earlier version, oldest first); empty for a game played on one version throughout."""
    def printable(text: str) -> str:
        return "".join(c if c.isprintable() else "?" for c in text)

    parts = []
    entries = match.earlier_scenarios
    for n, e in enumerate(entries):
        first, last = (entries[n - 1]["moves"] + 1 if n else 1), e["moves"]  # the earlier ones' moves come first
        moves = ("no moves" if last < first else f"move {last}" if last == first else f"moves {first}-{last}")
        then = entries[n + 1]["version"] if n + 1 < len(entries) else match.scenario.version
        edited = " before it was changed" if e["version"] == then else ""  # same number, other content
        made = "was made" if last == first else "were made"
        parts.append(f"{moves} {made} on v{printable(e['version'])}{edited}")
    return ", ".join(parts)


def earlier_upto(entries: list[dict], moves: int) -> list[dict]:
    """``entries`` (:attr:`Match.earlier_scenarios`) for a game rebuilt from its first ``moves`` moves
    (an undo, or the facilitator's going back): none of them counts more moves than the game has."""
    return [dict(e, moves=min(e["moves"], moves)) for e in entries]


def earlier_scenarios(payload: dict) -> list[dict]:
    """The well-formed entries of a save's ``earlier_scenarios`` (see :attr:`Match.earlier_scenarios`);
    the record is untrusted, so anything else in it is left out."""
    given = payload.get("earlier_scenarios")
    if not isinstance(given, list):
        return []
    out = []
    for entry in given[:100]:
        if (isinstance(entry, dict) and all(isinstance(entry.get(k), str) and entry[k] for k in ("version", "hash"))
                and isinstance(entry.get("moves"), int) and not isinstance(entry.get("moves"), bool)
                and entry["moves"] >= 0):
            out.append({"version": entry["version"][:60], "hash": entry["hash"][:80], "moves": entry["moves"]})
    return out


def _recorded_bots(payload: dict) -> dict[str, str]:
    """The custom players a save of ``simulate --player`` records under ``players`` (seat -> spec; their
    seats are "human" in the save); only well-formed entries, each spec on one short printable line."""
    given, seats = payload.get("players"), payload.get("seats")
    if not isinstance(given, dict) or not isinstance(seats, dict):
        return {}
    out = {}
    for seat, spec in given.items():
        if isinstance(spec, str) and seats.get(seat) == "human":
            spec = " ".join("".join(c if c.isprintable() else " " for c in spec).split())
            out[seat] = spec if len(spec) <= 160 else spec[:40] + "..." + spec[-117:]  # keep the file and name
    return out
