"""The terminal game loop: prompts for the human seats, the AI for the rest.

Each human seat has its own cursor into the log, so with several humans on one
terminal (hotseat) a role only ever sees the private entries it was party to, and
a privacy screen asks to hand over the keyboard between roles: on a terminal it
clears the screen and the scrollback before the "Pass to ..." prompt and again after
Enter; piped output gets a plain separator. End of input (Ctrl-D) and Ctrl-C
autosave and say where; the end of a game says where its final save is, for
``treaty-table debrief``.
"""

from __future__ import annotations

import os
import random
import shlex
import sys
from collections.abc import Callable
from typing import TextIO

from game.console import cells, unshown
from game.engine import Options
from game.engine.flow import answering_only
from game.engine.rules import SUMMIT_TALKS_FIRST
from game.report.quiz import questions, quiz_result
from game.scenarios.glyphs import script_of
from game.scenarios.loader import load_scenario
from game.scenarios.roles import listed_roles, role_of
from game.session.match import OFF_NOTE, Match, earlier_note, reworded_note, taken_back_since
from game.session.saves import autosave_hint, load_match, match_payload, save_match
from game.session.store import AutosaveSlots, SaveFileError, user_data_dir
from game.textmode import render
from game.textmode.commands import ParseError, Show, echo, help_text, number, parse
from game.ui import presenters as P  # plain Python (no pygame): the forecast as numbers

CLEAR = "\033[3J\033[H\033[2J\033[3J"  # scrollback, home, screen; scrollback again (some
# terminals, e.g. tmux, push the cleared screen into the scrollback)
INTERRUPTED = 130  # the exit code of a game ended by Ctrl-C
UNSAVED = 1  # ... of a game that ended, or was left, without its last save written
# what the AI difficulty does, said as the game starts (docs/rules.md, "The AI")
LEVEL_NOW = {"easy": "the computer's delegations accommodate the seats people play",
             "normal": "the computer's delegations bargain only for themselves",
             "hard": "the computer's delegations mind the gains of the seats people play"}


def shell_path(path: str) -> str:
    """A path as typed in a shell command: quoted (``shlex.quote``) whenever the shell would
    read it differently, so a printed command can be pasted as it is."""
    return shlex.quote(str(path))


def _reason(exc: BaseException) -> str:
    """Why a save failed, in one line: the system's words and the path it was about."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({echo(os.fsdecode(exc.filename), 200)})" if exc.filename else ""
        return exc.strerror + where
    return echo(str(exc) or type(exc).__name__, 200)


class TextGame:
    def __init__(self, match: Match, inp: TextIO, out: TextIO,
                 autosave: AutosaveSlots | None = None, resumed: bool = False):
        self.match = match
        self.inp, self.out = inp, out
        self.autosave = autosave
        # a resumed game shows each delegation the news of the current round only (the rest
        # was shown when it was played; 'log' shows it again)
        log = match.state.log
        start = next((n for n, e in enumerate(log) if e.round >= match.state.round), len(log)) if resumed else 0
        self.resumed = resumed and start > 0
        self.seen: dict[str, int] = {h: start for h in match.humans}
        self.briefed: set[str] = set()
        self.active: str | None = None
        self.last_round = match.state.round
        self.save_error: str | None = None  # why the last autosave failed, if it did
        self.last_saved: tuple[str, list] | None = None  # the newest save written (path, its moves: after a
        # take-back it may hold a move the game no longer has)
        self.summit_told: set[tuple[str, bool]] = set()  # (delegation, before the put) told what to type

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def ask(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            return None
        return line.strip()

    def run(self) -> int:
        """Play until the end, end of input or quit (0), or Ctrl-C (130); the game is autosaved. 1
        when the save made as the game ended or as the player left could not be written (the
        game is lost, and a script that goes on to ``debrief`` the save should know)."""
        try:
            code = self._play()
        except KeyboardInterrupt:
            self.say("")
            self._goodbye()
            return INTERRUPTED
        return UNSAVED if code == 0 and self.save_error else code

    def _play(self) -> int:
        m = self.match
        self.say(render.hang("", f"{m.scenario.title} - seed {m.seed}. Type 'help' for commands.",
                             indent=2))
        if m.level_matters:  # the level holds for the whole game (docs/rules.md)
            self.say(render.hang("", f"AI difficulty {m.difficulty}: {LEVEL_NOW.get(m.difficulty, '')}.", indent=2))
        if m.takebacks_off and m.people:  # said before the first move: 'undo' will be refused
            self.say(render.hang("", f"Take-backs are {OFF_NOTE}: every move stands ('undo' is refused).",
                                 indent=2))
        if self.resumed:
            self.say(render.hang("", f"Resumed in round {m.state.round + 1}: the news below starts with this "
                                 "round; type 'log' for the earlier news.", indent=2))
        while not self.match.over:  # (a take-back puts another match in its place)
            if not self.match.human_to_move():
                self.match.step_ai()
                self._round_change()
                continue
            if not self._human_turn():
                self._goodbye()
                return 0
            self._round_change()
        m = self.match
        self._show_unseen_all()
        self.say("\n" + render.results_text(m, render.term_width()))
        self._last_save(
            lambda where: f"\nThe game is over. Its final save is {where}\n"
                          f"For the debrief report, its slides for a projector and the grade sheet: "
                          f"treaty-table debrief {shell_path(where)} "
                          "--out debrief.html --slides slides.html --csv grades.csv",
            lambda error: f"The game is over, but its final save could not be written: {error}. "
                          f"Nothing was written in {echo(str(self.autosave.folder), 200)}, so there is no "
                          "file for treaty-table debrief. Set TREATY_TABLE_HOME to a folder you can write "
                          "to before the next game.")
        return 0 if self._beside_the_ai() else INTERRUPTED

    def _beside_the_ai(self) -> bool:
        """Each person's score beside the computer's average in that seat over AI-only games of the
        same scenario, options and level (GAME.md: 'so a student knows whether they beat history and
        the machine'; the window's results and the debrief say it too). A few seconds: said first.
        False when Ctrl-C stopped it (the game is over and saved: nothing else is lost)."""
        m = self.match
        if not m.people:
            return True
        from game.report.debrief import DEFAULT_AI_RUNS, ai_cloud

        runs = AI_RUNS or DEFAULT_AI_RUNS
        self.say("")  # the same seeded games as the window's results and the debrief: the same averages
        self.say(render.hang("", f"Comparing with {runs} AI-only games (the computer in your seat"
                                 f"{' at the same AI difficulty' if m.level_matters else ''}, treated by "
                                 "the others as you were)...", indent=2))
        try:
            games = ai_cloud(m, runs)
        except KeyboardInterrupt:
            self.say(render.hang("  ", "Stopped. The debrief report makes the same comparison (treaty-table "
                                       "debrief, above).", indent=4))
            return False
        result = m.result()
        names = {a.id: a.name for a in m.scenario.actors}
        for seat in m.people:
            mean = sum(g["scores"][seat] for g in games) / len(games)
            mine = result.roles[seat].score
            verdict = ("above" if round(mine) > round(mean) else "below" if round(mine) < round(mean)
                       else "level with")
            self.say(render.hang("  ", f"{names[seat]}: this game {mine:.0f}, the computer in this seat {mean:.0f} "
                                       f"on average: you finished {verdict} it. The debrief report shows the "
                                       "spread of those games.", indent=4))
        self._awards(games)
        return True

    def _awards(self, games: list[dict]) -> None:
        """The awards the delegations people played earned (game.report.awards, as the debrief
        report and its slides give them), each with its numbers; the report says how each is earned."""
        from game.report import awards as AW
        from game.report.debrief import analyse

        m = self.match
        found = AW.awards(analyse(m, len(games), ai=games))
        names = {a.id: a.name for a in m.scenario.actors}
        self.say("")
        if not found:
            self.say(render.hang("", "Awards: none earned this game (the debrief report lists them and how "
                                     "each is earned).", indent=2))
            return
        self.say(render.hang("", "Awards (the debrief report says how each is earned):", indent=2))
        for a in found:
            for winners, reason in AW.grouped(a):
                who = " and ".join(names[w] for w in winners)
                self.say(render.hang(f"  {a.name}: ", f"{who} - {reason}.", indent=4))

    def _goodbye(self) -> None:
        if not self._last_save(
                lambda where: f"\nGoodbye. The game is autosaved at {where}; resume with: "
                              f"treaty-table play --text --load {shell_path(where)}",
                lambda error: f"Goodbye. The game could not be autosaved: {error}. {self._saved_before()}"):
            self.say("\nGoodbye.")

    def saved_at(self, path: str) -> None:
        """``path`` now holds the game as it is (for :meth:`_saved_before`)."""
        self.last_saved = (path, list(self.match.actions))

    def _saved_before(self) -> str:
        """What an earlier save of this session still holds (an autosave of an earlier round, or
        a 'save FILE'), so a failed last autosave does not read as if the whole game were lost."""
        fix = "set TREATY_TABLE_HOME to a folder you can write to."
        if self.last_saved is None:
            return f"Nothing was saved; next time use 'save FILE' before you leave, or {fix}"
        path, moves = self.last_saved
        off = " --no-takeback" * self.match.takebacks_off  # (a save loaded with --no-takeback has them on)
        resume = f"resume it with: treaty-table play --text --load {shell_path(path)}{off}."
        now = self.match.actions
        if moves == now:
            return (f"Its last save is {echo(path, 200)} (it holds the game as it is now); {resume} "
                    f"For the autosaves, {fix}")
        if now[:len(moves)] != moves:
            return (f"Its last save is {echo(path, 200)} (made before a move was taken back: it holds that move, "
                    f"not the game as it is now); {resume} Next time use 'save FILE' before you leave, or {fix}")
        return (f"Its last save is {echo(path, 200)} (the moves since are lost); {resume} Next time use "
                f"'save FILE' before you leave, or {fix}")

    def _last_save(self, saved: Callable[[str], str], failed: Callable[[str], str]) -> bool:
        """Autosave as the game ends or the player leaves, and say where, or why not (a wrapped
        paragraph); False when nothing was said (there was nothing to save). A finished game that a file
        holds as it is already (the finished save just loaded) is named as its final save, not written again
        as one more autosave."""
        held = self.last_saved
        if self.match.over and held is not None and held[1] == list(self.match.actions):
            where = held[0]
        else:
            where = self._save_auto(quiet=True)
        if where:
            self.say(saved(where))
        elif self.save_error:
            self.say("\n" + render.hang("", failed(self.save_error), indent=2))
        return bool(where or self.save_error)

    def _round_change(self) -> None:
        if self.match.state.round != self.last_round:
            self.last_round = self.match.state.round
            self._save_auto()

    def _save_auto(self, quiet: bool = False) -> str | None:
        """Write an autosave and return its path; on failure None, the reason kept in
        ``save_error`` and (unless ``quiet``, when the caller says it) printed."""
        self.save_error = None
        if self.autosave is None:
            return None
        try:
            where = str(self.autosave.write(match_payload(self.match)))
            self.saved_at(where)
            return where
        except (OSError, ValueError, TypeError) as exc:
            self.save_error = _reason(exc)
            if not quiet:
                self.say(render.hang("  ", f"(the game could not be autosaved: {self.save_error}; "
                                     "use 'save FILE' to keep it)", indent=3))
            return None

    def _show_unseen(self, who: str) -> None:
        view = self.match.game.view(self.match.state, who)
        log = self.match.state.log
        idx = self.match.game.model.actor_index(who)
        new = [e for e in log[self.seen.get(who, 0):] if e.seen_by(idx)]
        self.seen[who] = len(log)
        if new:
            self.say(render.log_text(view, new))

    def _show_unseen_all(self) -> None:
        """The news the humans have not seen yet, as the game ends. With several humans the
        public news is printed once (not once a role), then each role's private news under
        its name (the game is over: nobody is on turn any more)."""
        humans = self.match.humans
        if not humans:  # an AI-only game (simulate --save-dir) loaded to be seen: its results follow
            return
        if len(humans) == 1:
            self._show_unseen(humans[0])
            return
        m = self.match
        log = m.state.log
        start = min(self.seen.get(h, 0) for h in humans)
        public = [e for e in log[start:] if e.visible is None]
        if public:
            self.say("News:")
            self.say(render.log_text(m.game.view(m.state, humans[0]), public))
        for h in humans:
            idx = m.game.model.actor_index(h)
            private = [e for e in log[self.seen.get(h, 0):] if e.visible is not None and e.seen_by(idx)]
            self.seen[h] = len(log)
            if private:
                self.say(f"Private news for {m.scenario.actor(h).name}:")
                self.say(render.log_text(m.game.view(m.state, h), private))

    def _privacy_screen(self, who: str) -> bool:
        """Hand the keyboard to ``who``: nothing of the last role stays on screen.
        False on end of input or 'quit' (the game stops before that role's screen)."""
        tty = self._tty()
        if tty:
            self.out.write(CLEAR)
        self.say("\n" * 3 + "=" * 60)
        self.say(render.hang("", f"Pass to the delegation of {self.match.scenario.actor(who).name}.", indent=2))
        typed = self.ask("Press Enter when ready, or type quit to stop here. ")
        if typed is None or typed.lower() in ("quit", "exit", "q"):  # nothing of that role is shown
            return False
        if tty:
            self.out.write(CLEAR)
            self.out.flush()
        else:  # the Enter typed is not in this output: end the prompt's line
            self.say("")
        return True

    def _tty(self) -> bool:
        try:
            return bool(self.out.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def _human_turn(self) -> bool:
        """Prompt the human to move until it acts; False on end of input or quit."""
        m = self.match
        who = m.to_move
        if self.active != who:
            # hotseat: a privacy screen before every role's turn, the first one too (the person who
            # started or resumed the game may not play that role, and a resumed game's terminal may
            # still show the last session's role)
            if len(m.humans) > 1 and not self._privacy_screen(who):
                return False
            self.active = who
            if who not in self.briefed:
                self.briefed.add(who)
                view = m.game.view(m.state, who)
                self.say("\n" + render.brief_text(view))
                if not any(a.actor == who for a in m.actions):  # it has not moved yet: what to type first
                    self.say(render.first_steps(view) + "\n")
                    if m.quiz_refusal(who) is None and not m.quiz.get(who):
                        self.say(render.hang("  ", "Read your brief? 'quiz' asks a few questions on it, for your "
                                             "teacher (not a move; it costs nothing).", indent=2) + "\n")
        self._show_unseen(who)
        while m.to_move == who and not m.over:
            view = m.game.view(m.state, who)
            sc = m.scenario
            meeting = sc.rounds[m.state.round]
            self._summit_hint(who, view)
            answering = m.state.phase == "diplomacy" and answering_only(m.state, view.viewer)
            if view.pending_offers():
                if answering:
                    n = len(view.pending_offers())
                    self.say(render.hang("  ", "You are done for this round and back only to answer "
                                         f"{'this offer' if n == 1 else 'these offers'} ('pass' lets "
                                         f"{'it' if n == 1 else 'them'} lapse):", indent=4))
                for o in view.pending_offers():
                    self.say(render.hang("  ", f"Offer {o.id} from {sc.actors[o.giver].name} is waiting: "
                                         f"'accept {o.id}' or 'reject {o.id}'", indent=4))
            state_word = ("signing" if m.state.phase == "signing" else "answering" if answering
                          else f"{view.actors[view.viewer].ap} AP")
            line = self.ask(self._prompt(meeting, sc.actor(who), state_word))
            if line is None:
                return False
            if not line:
                continue
            try:
                cmd = parse(line, view)
            except ParseError as exc:
                self.say(render.hang("  ", str(exc), indent=4))
                continue
            if isinstance(cmd, Show):
                if cmd.what == "quit":
                    return False
                if cmd.what == "undo":
                    m = self._take_back(who) or m
                    continue
                if cmd.what == "memo":
                    self._memo(who, cmd.arg)
                    continue
                if cmd.what == "quiz":
                    self._quiz(who)
                    continue
                self._show(cmd, view)
                continue
            before = self._own_forecast(view)
            moment = (m.state.round, m.state.phase)
            outcome = m.submit(cmd)
            if outcome.rejected:
                self.say(render.hang("  Refused: ", self._refusal(outcome.rejected, view) + ".", indent=4))
            else:
                self._show_unseen(who)
                self._move_change(who, cmd, before, moment)
        return True

    def _memo(self, who: str, typed: str) -> None:
        """'memo': show ``who``'s memo for this round; 'memo TEXT' writes it, 'memo + TEXT' adds a line to
        it, 'memo clear' deletes it. Not a move: it costs nothing and the turn goes on."""
        m = self.match
        meeting = f"round {m.state.round + 1} ({m.scenario.rounds[m.state.round].name})"
        mine = m.memo(who)
        if not typed:
            if mine:
                self.say(f"  Your memo for {meeting}:")
                for line in mine.split("\n"):
                    self.say(render.hang("    ", line, indent=4))
                self.say(render.hang("  ", "'memo TEXT' replaces it, 'memo + TEXT' adds a line, 'memo clear' "
                                     "deletes it.", indent=4))
            else:
                self.say(render.hang("  ", f"No memo for {meeting} yet. 'memo TEXT' writes your delegation's "
                                     "notes for this round (your reasoning, your plan): only you see them now, "
                                     "and the teacher reads them in the debrief. It costs nothing.", indent=4))
            return
        if typed.lower() == "clear":
            if not mine:
                self.say(f"  There is no memo for {meeting} to delete.")
                return
            text = ""
        elif typed.startswith("+"):
            text = (mine + "\n" if mine else "") + typed[1:].strip()
        else:
            text = typed
        try:
            kept = m.write_memo(who, text)
        except ValueError as exc:
            self.say(render.hang("  Not kept: ", f"{exc}.", indent=4))
            return
        if not kept:
            self.say(f"  Memo for {meeting} deleted.")
            if mine:
                self._save_auto()  # (gone from the disk at once too: a crash must not bring it back)
            return
        words = len(kept.split())
        self.say(render.hang("  ", f"Memo for {meeting} kept ({words} word{'s' * (words != 1)}); 'memo' shows it. "
                             "Only your delegation sees it until the debrief.", indent=4))
        if mine and mine not in kept:
            # 'memo TEXT' meant as one more line replaced the memo: what it replaced stays on the screen
            self.say("  It replaced this memo ('memo + TEXT' adds a line instead):")
            for line in mine.split("\n"):
                self.say(render.hang("    ", line, indent=4))
        self._save_auto()  # (kept on disk at once, not only at the round's end)

    def _quiz(self, who: str) -> None:
        """'quiz': the briefing check, a few questions on ``who``'s brief (game.report.quiz), asked one
        at a time from the first one not answered yet; Enter alone stops it for now (the next 'quiz'
        goes on from there). Once all are answered it shows how the delegation did. Not a move."""
        m = self.match
        refused = m.quiz_refusal(who)
        if refused:
            self.say(render.hang("  ", f"No briefing check here: {refused}.", indent=4))
            return
        qs = questions(m.scenario, who)
        todo = [q for q in qs if q.id not in m.quiz.get(who, {})]
        if todo and len(todo) == len(qs):
            self.say(render.hang("  ", f"Briefing check: {len(qs)} questions on your brief ('brief' shows it). Your "
                                 "first answer counts, and your teacher sees the result in the debrief. It is "
                                 "not a move and costs nothing. Press Enter alone to stop for now.", indent=2))
        unsaved = False
        for q in todo:
            n = qs.index(q) + 1
            self.say("")
            self.say(render.hang(f"  Question {n} of {len(qs)}: ", q.text, indent=4))
            for k, (_, label) in enumerate(q.options, 1):
                self.say(render.hang(f"    {k}) ", label, indent=7))
            while True:
                typed = self.ask(f"  Your answer (1-{len(q.options)}; Enter stops for now): ")
                if typed is not None and typed.lower() in ("stop", "quit", "exit", "q"):
                    typed = ""  # (what a student types to get out: stopped for now, as Enter does)
                if typed is None or not typed:
                    if typed is not None:
                        left = len([x for x in qs if x.id not in m.quiz.get(who, {})])
                        self.say(render.hang("  ", f"Stopped: {left} question{'s' * (left != 1)} left; 'quiz' "
                                             "goes on.", indent=2))
                    return
                pick = typed.strip().rstrip(").").lower()
                k = "abcd".index(pick) + 1 if len(pick) == 1 and pick in "abcd" else number(pick)
                if k is not None and 1 <= k <= len(q.options):
                    break
                self.say(f"  Type a number from 1 to {len(q.options)}, or press Enter alone to stop for now.")
            key = q.options[k - 1][0]
            try:
                right = m.answer_quiz(who, q.id, key)
            except ValueError as exc:  # (never on a checked scenario: said, not a traceback)
                self.say(render.hang("  Not kept: ", f"{exc}.", indent=4))
                return
            self.say(render.hang("  ", "Right." if right else
                                 f"Not quite: the answer is “{q.label(q.answer)}”.", indent=4))
            if q.why:  # (a scenario's own question may not say)
                self.say(render.hang("  Where it is: ", q.why, indent=4))
            if self._save_auto(quiet=True) is None and self.save_error and not unsaved:
                unsaved = True  # (said once, not after every answer: the next autosave keeps them all)
                self.say(render.hang("  ", f"(your answers could not be autosaved: {self.save_error}; "
                                     "use 'save FILE' to keep them)", indent=3))
        res = quiz_result(m, who)
        self.say("")
        self.say(render.hang("  ", f"Briefing check: {res.right} of {res.questions} right. Your teacher sees "
                             "this in the debrief.", indent=2))
        for q in qs:
            mine = m.quiz.get(who, {}).get(q.id)
            if mine is None:
                continue
            mark = "right" if mine == q.answer else "wrong"
            tail = "" if mine == q.answer else f" (the answer: “{q.label(q.answer)}”)"
            self.say(render.hang(f"    {mark:<6}", q.text + tail, indent=10))

    def _take_back(self, who: str) -> Match | None:
        """'undo': take back ``who``'s last move (and the moves since) and say what; the new match,
        or None (refused, with the reason said)."""
        try:
            match, what = self.match.take_back(who)
        except ValueError as exc:
            self.say(render.hang("  Cannot take back: ", f"{exc}.", indent=4))
            return None
        since = taken_back_since(self.match, match)
        self.match = match
        self.last_round = match.state.round
        log = len(match.state.log)
        self.seen = {h: min(n, log) for h, n in self.seen.items()}
        self.say(render.hang("  Taken back: ", f"'{what}'{since}. It is your move again (round "
                             f"{match.state.round + 1}); the results will count "
                             f"{match.takebacks[who]} take-back{'s' * (match.takebacks[who] != 1)} for you.",
                             indent=4))
        self._save_auto()
        return match

    def _own_forecast(self, view):
        """The forecast of the delegation whose ``view`` it is (its own knowledge only)."""
        try:
            return P.forecast_vm(view, self.match.situation(view))
        except Exception:  # the line on what a move changed must never stop the game
            return None

    def _move_change(self, who: str, action, before, moment: tuple | None = None) -> None:
        """One line on what the move just made changed in the mover's own forecast ('forecast'
        compares the same numbers), or that it changed nothing; printed to the mover only."""
        m = self.match
        if before is None or m.over:  # the results say the rest
            return
        after = self._own_forecast(m.game.view(m.state, who))
        if after is None:
            return
        parts = P.forecast_change(before, after, {a.id: a.name for a in m.scenario.actors})
        if parts or (before.available and after.available):
            now = (m.state.round, m.state.phase)
            heading = P.move_heading(P.move_label(m.scenario, action), moment or now, now)
            self.say(render.hang("  Forecast: ", f"{heading}: {P.change_text(parts)}.", indent=4))

    def _summit_hint(self, who: str, view) -> None:
        """At the summit's signing, once per delegation and stage: what to type now."""
        st = self.match.state
        if st.phase != "signing":
            return
        key = (who, st.on_table is None)
        if key in self.summit_told:
            return
        self.summit_told.add(key)
        if st.on_table is None:
            if view.viewer != st.chair:
                return
            drafts = ", ".join(str(d.id) for d in view.drafts)
            text = ("The talks are over. As the chair, put one draft to signature: put N (drafts on the "
                    f"table: {drafts}). 'forecast' says who would sign it; 'drafts' shows them.")
        else:
            text = (f"Draft {st.on_table} is open for signature: type sign or decline. Sign if it is worth more "
                    "to you than staying out ('forecast' compares them); the treaty enters into force with "
                    f"{view.model.scenario.settings.min_signatures} signature"
                    f"{'' if view.model.scenario.settings.min_signatures == 1 else 's'}.")
            draft = view.draft(st.on_table)
            crossed = render.red_lines_crossed(view, draft.levels) if draft is not None else []
            if crossed:  # said before the choice, in words
                declared = bool(view.actors[view.viewer].declared)
                text += (" Careful: this text crosses your red line (" + "; ".join(crossed) + "): your brief "
                         "says you will not sign such a text"
                         + (", and a red line declared in public and then signed across costs you reputation"
                            if declared else "") + ".")
        self.say(render.hang("  ", text, indent=4))
        if st.on_table is not None:
            self._value_warning(view, st.on_table)

    def _value_warning(self, view, draft_id: int) -> None:
        """A warning line (not a prompt: nothing is ever blocked) when the delegation's own forecast
        says the text on the table is worth less to it signed than staying out."""
        fc = self._own_forecast(view)
        if fc is not None and fc.available and fc.pick == draft_id and fc.my_sign_value is not None \
                and fc.my_stay_value is not None and fc.my_sign_value < fc.my_stay_value:
            self.say(render.hang("  Careful: ", f"by your forecast, signing draft {draft_id} is worth "
                                 f"{fc.my_sign_value:.2f} to you and staying out {fc.my_stay_value:.2f}: signing "
                                 "would leave you worse off. You may still sign ('forecast' explains).", indent=4))

    def _refusal(self, reason: str, view) -> str:
        """Why a move was refused, with what the chair will type at the summit."""
        if reason == SUMMIT_TALKS_FIRST and view.viewer == self.match.state.chair:
            return reason + "; as the chair, you will then type put N"
        return reason + self._signing_hint(view)

    @staticmethod
    def _prompt(meeting, actor, state_word: str) -> str:
        """``[date meeting] delegation (AP)> ``, in at most two thirds of the terminal's width
        (a long meeting name is cut with "…", a long delegation name too, with its badge's
        initials after it so that two delegations never read alike), so that the typing has room."""
        def fit(text: str, n: int) -> str:  # whole words if it can, else letters
            short = render.shorten(text, n)
            return short if short != "…" else render._cut(" ".join(text.split()), n)

        fixed = f"[{meeting.date:%d %b} ] ({state_word})> "
        room = max(32, render.term_width() * 2 // 3 - cells(fixed))
        name = " ".join(actor.name.split())
        name_w = min(cells(name), max(16, room // 2))
        if cells(name) > name_w:
            name = f"{fit(name, name_w - cells(actor.short) - 3)} ({actor.short})"
        return f"[{meeting.date:%d %b} {fit(meeting.name, max(12, room - cells(name)))}] {name} ({state_word})> "

    def _signing_hint(self, view) -> str:
        """At the summit's signing, what can still be typed."""
        st = self.match.state
        if st.phase != "signing":
            return ""
        if st.on_table is None and view.viewer == st.chair:
            return ("; as the chair, type put N to put a draft to signature (drafts on the table: "
                    + ", ".join(str(d.id) for d in view.drafts) + ")")
        return "; type sign or decline"

    def _show(self, cmd: Show, view) -> None:
        m = self.match
        if cmd.what == "help":
            self.say(help_text(view.model.n_issues, render.term_width(),
                               view.model.scenario.settings.action_points))
        elif cmd.what == "status":
            self.say(render.stances_table(view))
        elif cmd.what == "drafts":
            self.say(render.drafts_table(view))
        elif cmd.what == "draft":
            self.say(render.draft_detail(view, int(cmd.arg)))
        elif cmd.what == "forecast":
            self.say(render.forecast_text(view, sit=self.match.situation(view)))
        elif cmd.what == "calendar":
            self.say(render.calendar_text(view))
        elif cmd.what == "log":
            n = int(cmd.arg) if cmd.arg else 20
            self.say(render.log_text(view, [e for e in view.log if e.visible is None][-n:]))
        elif cmd.what == "private":
            self.say(render.log_text(view, view.log, private_only=True))
        elif cmd.what == "brief":
            self.say(render.brief_text(view))
        elif cmd.what == "source":
            self.say(_source_text(m))
        elif cmd.what == "issues":
            for k, issue in enumerate(m.scenario.issues):
                self.say(render.hang(f"  {k + 1}. {issue.id}: ", ", ".join(
                    f"{n}={lv.id}" for n, lv in enumerate(issue.levels)), indent=6))
        elif cmd.what == "offers":
            self.say(render.offers_text(view))
        elif cmd.what == "save":
            self._save_to(cmd.arg)

    def _save_to(self, typed: str) -> None:
        path = os.path.expanduser(typed)
        shown = echo(typed, 80)
        if os.path.isdir(path):
            example = os.path.join(shown, "mygame.json")
            self.say(f"  '{shown}' is a folder: give a file name, e.g. save {shell_path(example)}")
            return
        blocker = _file_in_the_way(path)
        if blocker is not None:
            self.say(f"  Could not save to '{shown}': '{echo(blocker, 80)}' is a file, not a folder.")
            return
        try:
            save_match(self.match, path)
        except IsADirectoryError:
            self.say(f"  '{shown}' is a folder: give a file name, e.g. save mygame.json")
        except OSError as exc:
            self.say(f"  Could not save to '{shown}': {exc.strerror or exc}")
        except ValueError as exc:  # e.g. a NUL character in the name
            self.say(f"  Could not save to '{shown}': {exc}")
        else:
            self.say(f"  Saved to {echo(path, 200)}.")
            self.saved_at(os.path.abspath(path))


def _file_in_the_way(path: str) -> str | None:
    """The folder part of ``path`` that is an existing file (so nothing can be saved
    under it), as written in ``path``; None when there is none."""
    head = os.path.dirname(path)
    while head and head not in (os.sep, "."):
        try:
            if os.path.exists(head):
                return None if os.path.isdir(head) else head
        except (OSError, ValueError):
            return None
        parent = os.path.dirname(head)
        if parent == head:
            break
        head = parent
    return None


def _source_text(match: Match) -> str:
    """The scenario's primary source document, read through the safe resolver."""
    from game.scenarios.paths import ReferenceProblem, read_source_document, sources_instead_of_document

    listing = sources_instead_of_document(match.scenario)
    if listing is not None:  # no document (Montreal, the tutorial): the scenario's sources instead
        return "\n".join([render.hang("  ", listing[0], indent=4)]
                         + [render.hang("    ", line, indent=6) for line in listing[1:]])
    try:
        return render.wrap(read_source_document(match.scenario, match.scenario_ref), "")
    except ReferenceProblem as exc:
        return render.hang("  ", f"The source document cannot be shown: {exc}", indent=4)


def _choose_roles(match_scenario, inp: TextIO, out: TextIO) -> list[str] | None:
    actors = listed_roles(match_scenario)
    print(render.hang("", "Choose your role (a number or a name, or several separated by spaces for "
                      "hotseat; 'help' explains, 'quit' leaves):"), file=out)
    _list_roles(actors, out)
    while True:
        out.write("role> ")
        out.flush()
        line = inp.readline()
        if not line or line.strip().lower() in ("quit", "exit", "q"):
            return None
        whole = role_of(match_scenario, " ".join(line.split()))
        if whole is not None:  # a name with spaces, e.g. United States
            return [whole]
        chosen = [role_of(match_scenario, p) for p in line.split()]
        if chosen and None not in chosen:
            return list(dict.fromkeys(chosen))
        if line.strip().lower() in ("help", "?", "h", "list", "roles"):
            _roles_help(match_scenario, actors, out)
            continue
        wrong = next((p for p in line.split() if role_of(match_scenario, p) is None), "")
        what = f"  There is no role '{echo(wrong)}'. " if wrong else "  "
        print(f"{what}Type numbers between 1 and {len(actors)} or names (e.g. "
              f"{actors[0].id}), or 'quit'.", file=out)


def _list_roles(actors, out: TextIO) -> None:
    """The roles to choose from, numbered, each with the start of its public profile."""
    width = render.term_width()
    for n, a in enumerate(actors, 1):
        head = f"  {n}. {a.name} - "
        print(head + render.shorten(a.public_profile, max(20, width - cells(head))), file=out)


def _roles_help(scenario, actors, out: TextIO) -> None:
    """What the role prompt wants, for a player who typed 'help' there, and the roles again."""
    tutorial = "" if scenario.id == "tutorial" else (
        " New to the game? Quit and play the ten-minute tutorial: treaty-table play --text --scenario tutorial.")
    print(render.hang("  ", "Each role is one delegation at the table: you play the one you choose and the AI "
                      "plays every other. Type its number (e.g. 1) or its name (e.g. "
                      f"{actors[0].id}). Several, separated by spaces (e.g. '1 2'), are a hotseat game: the "
                      "players take turns at this keyboard, each behind a privacy screen. Once the game "
                      "starts, 'help' at its prompt gives the rules and every command." + tutorial,
                      indent=2), file=out)
    _list_roles(actors, out)


# AI-only games the end of a game compares each person's score with; None: the debrief's and the
# window's 30, the same seeded games, so all three give the same average (the test suite uses fewer)
AI_RUNS: int | None = None


def run_text(args, inp: TextIO | None = None, out: TextIO | None = None) -> int:
    """Entry point of ``play --text``; returns the exit code."""
    inp = sys.stdin if inp is None else inp
    out = sys.stdout if out is None else out
    slots = AutosaveSlots(user_data_dir() / "autosaves")
    if args.load:
        try:
            match = load_match(args.load, current_scenario=getattr(args, "current_scenario", False))
        except SaveFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            hint = autosave_hint(args.load, "treaty-table play --text --load", exc)
            if hint:
                print(hint, file=sys.stderr)
            return 1
        # off for the resumed game (and its later saves; a finished game keeps what it was played with):
        # a save with them off never has them on again, no option turns them on
        if getattr(args, "no_takeback", False) and not match.over:
            match.takebacks_off = True
    else:
        scenario = load_scenario(args.scenario)
        if not args.role:  # the role list shows the names: first say why some print as '?'
            _encoding_note(scenario, out)
        try:
            roles = args.role or _choose_roles(scenario, inp, out)
        except KeyboardInterrupt:
            print("\nGoodbye.", file=out)
            return INTERRUPTED
        if roles is None:
            print("\nGoodbye.", file=out)
            return 0
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**6)
        try:
            match = Match(scenario, seed=seed, options=Options(events=args.events),
                          seats={r: "human" for r in roles}, difficulty=args.difficulty,
                          scenario_ref=args.scenario, takebacks_off=bool(getattr(args, "no_takeback", False)))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if args.load or args.role:
        _encoding_note(match.scenario, out)
    if args.load and match.earlier_scenarios:
        sc = match.scenario
        print(render.hang("", f"Note: this game was played again on {sc.id} v{sc.version} "
                       f"({earlier_note(match)}); its events and scores follow v{sc.version}.", render.term_width()),
              file=out)
    if args.load and match.reworded_from:
        print(render.hang("", f"Note: {reworded_note(match)}.", render.term_width()), file=out)
    game = TextGame(match, inp, out, slots, resumed=bool(args.load))
    if args.load and not getattr(args, "current_scenario", False):  # the file it came from still holds
        game.saved_at(os.path.abspath(os.path.expanduser(args.load)))  # it as loaded
    return game.run()


def _encoding_note(scenario, out: TextIO) -> None:
    """Say once when the console cannot show some letters of the scenario's names (they print as '?')."""
    texts = [scenario.title] + [t for a in scenario.actors for t in (a.name, a.delegate.name)]
    texts += [t for i in scenario.issues for t in [i.name] + [lv.name for lv in i.levels]]
    missing = unshown(texts, getattr(out, "encoding", None))
    if missing:
        print(render.hang("", f"Note: this console's character set ({getattr(out, 'encoding', '?')}) cannot "
                          f"show some letters of this scenario ({', '.join(dict.fromkeys(map(script_of, missing)))}); they are "
                          "printed as '?'. Use a UTF-8 console (on Windows: Windows Terminal, or run 'chcp "
                          "65001' first) or set PYTHONIOENCODING=utf-8.", indent=2),
              file=out)
