"""The negotiation table (and, in the signing phase, the summit).

Layout (any window size): a top bar with the round and the calendar; the
conference table seen from above, with a name card per delegation around it and
the tabled drafts as a paper (the clause grid) in its middle; the action panel
under the table; the forecast and the news/private log on the right.

With large text for the window (the "large" text setting, a projector, a small
window: see ``TableScene.compact``) the table reflows: one side panel with tabs
(news, private log, forecast), every seat on the two long sides, slimmer name
cards (name and tags, then the stance or the status) and a wider clause grid whose
cells wrap onto two lines. Name cards place their texts by priority and leave out
one that would overlap another (the tooltip has everything).

AI seats move one step per tick with a short pause (Space skips it). The moves are
computed by a background worker (``game/ui/ai_runner.py``) while the window keeps
drawing, so a frame never waits for the AI. In hotseat games the private view is
shown only to the delegation at the keyboard; between delegations only public
information is drawn.
"""

from __future__ import annotations

import itertools
import math
import time

import pygame

from game.engine import actions as A
from game.session.match import TAKEBACKS_OFF, taken_back_since
from game.ui import draw as D
from game.ui import presenters as P
from game.ui.ai_runner import FAST_AHEAD, AITask
from game.ui.app import App, Scene
from game.ui.scenes import (BriefScene, ConfirmScene, MenuScene, Overlay, PrivacyScene, background, digit_key,
                             key_hint)
from game.ui.settings import AI_SPEEDS
from game.ui.widgets import Layers, Region


class Hint(tuple):
    """(kind of move, what to do now), with ``short``: the same in a line or two."""

    short: str

    def __new__(cls, kind: str, text: str, short: str):
        self = super().__new__(cls, (kind, text))
        self.short = short
        return self


class TableScene(Scene):
    name = "table"
    toast_fill = True  # a banner over the top bar's strip (see draw_top)
    MENU_KEY = "Esc"  # the key that opens the menu (shown on the top bar's Menu button)

    def __init__(self, app: App):
        super().__init__(app)
        self.match = app.match
        self.vm: P.TableVM | None = None
        self._vm_key = None
        self._vm_state = None
        self.sel_draft: int | None = None
        self.sel_issue = 0
        self.grid_first = 0  # the first issue row shown when the clause grid scrolls (see draw_grid)
        self.grid_reveal = True  # bring the chosen issue's row into view at the next drawing
        self.grid_window: tuple | None = None  # the rows shown when the grid scrolls (see _grid_rows)
        self.hint_open: set[tuple] = set()  # (viewer, kind) of the hints opened in full ("More")
        self.sel_actor: str | None = None
        self.compose: list[int] = []
        self.compose_for: int | None = -1
        self._work_owner: str | None = None  # hotseat: whose working text, issue row and delegation these are
        self._message: tuple[str, bool, str | None] | None = None  # (text, refused, whose screen)
        self.log_tab = "news"
        self.log_state: dict = {"at_bottom": True}
        self.ai_timer = 0.0
        self.skip = False
        self.seen_drafts: set[int] = {d.id for d in self.match.state.drafts}
        self.anims: dict = {}  # ("draft", id) / ("sig", actor) -> start time
        self.last_sigs = tuple(self.match.state.signatures)
        self.progress = (self.match.state.round, self.match.state.phase)
        self.end_timer: float | None = None
        self.card_rects: dict[str, pygame.Rect] = {}
        self.paper_rect = pygame.Rect(0, 0, 1, 1)
        self.tab_rects: dict[int, pygame.Rect] = {}  # the drafts' tabs on the paper (where a new one flies to)
        self.mark_rects: list = []  # tests: (cell name, rect) of the other drafts' marks in the grid
        self._log_cache: dict = {}
        self._log_memo: dict = {}  # the log panel's item surfaces while the view-model's list is unchanged
        self.layers = Layers()  # name cards and the clause grid, kept while unchanged
        self.ai_task: AITask | None = None  # the AI's moves being computed off the frame loop
        self.last_step_ms = 0.0  # frame loop time spent adopting AI moves (last time it did)
        self.last_ai_ms = 0.0  # the worker's time for the last AI move adopted
        # what each human delegation's last move changed in its own forecast: actor id ->
        # (move in words, forecast before, forecast after, the state right after the move)
        self.move_changes: dict[str, tuple] = {}
        self._change_memo: tuple = (None, None, ())  # (view-model, state, lines) of move_change_lines

    @property
    def message(self) -> tuple[str, bool] | None:
        """The last result or refusal, shown only on the screen of the delegation it belongs to, and
        only until the next move: once others have moved, "Brisa endorses draft 1" (or "Please wait:
        it is Tormund's turn") is stale, and the status line says "Your move" again."""
        if self._message is None or len(self.match.actions) != self._message_moves:
            return None
        text, refused, owner = self._message
        return (text, refused) if owner == self.viewer() else None

    @message.setter
    def message(self, value: tuple[str, bool] | None) -> None:
        self._message = None if value is None else (value[0], value[1], self.viewer())
        self._message_moves = len(self.match.actions)

    _message_moves = 0  # how many moves the match had when the message was set

    # ------------------------------------------------------------------ whose view
    def viewer(self, m=None) -> str | None:
        """Whose private view is drawn (of ``m``: the match, or the AI worker's copy of it)."""
        m = self.match if m is None else m
        humans = m.humans
        if not humans:
            return m.game.model.actor_ids[m.state.chair] if m.state.chair >= 0 else None  # watch mode
        if len(humans) == 1:
            return humans[0]
        if self.app.active_human is not None and m.to_move == self.app.active_human:
            return self.app.active_human
        return None  # hotseat, between delegations: public information only

    def shot_name(self) -> str | None:
        return "summit" if self.match.state.phase == "signing" and self.match.state.on_table is not None \
            else ("summit" if self.match.state.phase == "signing" else "table")

    def ready_for_shot(self) -> bool:
        if self.match.state.phase == "signing":
            return self.frames >= 3 and (self.match.state.on_table is not None)
        return self.frames >= 3 and len(self.match.state.log) > 12

    DRAFT_FLIGHT_S = 0.6  # a new draft flies from its author's card to its tab
    STAMP_S = 0.4  # a signature stamp comes down on the card

    def settled(self) -> bool:
        """No draft in flight and no stamp coming down (screenshots wait for it)."""
        now = self.app.time
        for key, (start, _) in self.anims.items():
            if now - start < (self.DRAFT_FLIGHT_S if key[0] == "draft" else self.STAMP_S):
                return False
        return True

    def busy(self) -> bool:
        """A draft in flight or a stamp coming down, or the AI's moves taken as they come (its pauses
        skipped) or awaited past its pause (the thinking dots): the window draws at its full rate. Not a
        person's turn with nothing moving, nor the AI's pause between two moves (nothing moves then:
        ``wake_in`` has the window draw again when it ends)."""
        if not self.settled():
            return True
        if not self.ai_moving():
            return False
        return self.skip or self.ai_timer >= self.ai_pause()

    def ai_moving(self) -> bool:
        """Whether this table's update moves the AI now (an AI seat to move, the game not over)."""
        m = self.match
        return not m.over and not m.human_to_move()

    def ai_pause(self) -> float:
        """Seconds between two AI moves (the player's setting; shorter with --autoplay, none for screenshots)."""
        if self.app.shots_dir is not None:
            return 0.0
        if self.app.autoplay:
            return AI_SPEEDS["fast"]
        return AI_SPEEDS.get(self.app.settings.ai_speed, 0.5)

    def wake_in(self) -> float | None:
        if self.ai_moving():
            return max(0.0, self.ai_pause() - self.ai_timer)  # the AI's next move is taken then
        if self.match.over and self.end_timer is not None:
            return max(0.0, self.end_wait() - self.end_timer)  # on to the results then
        return None

    def end_wait(self) -> float:
        """Seconds the finished game stays on the table before the results."""
        return 0.2 if self.app.shots_dir else 1.5

    # ------------------------------------------------------------------ view-model
    def vm_key(self, m=None) -> tuple:
        """What the view-model depends on besides the state (of ``m``, default the match)."""
        return (self.viewer(m),)

    def build_vm(self, m, key: tuple):
        """The view-model of ``m`` for ``key`` (pure: the AI worker builds it ahead for its moves)."""
        return P.table_vm(m, key[0])

    def _install_vm(self, built) -> None:
        self.vm = built

    def refresh(self) -> P.TableVM:
        key = self.vm_key()
        if key != self._vm_key or self.match.state is not self._vm_state:  # the state itself: ids are reused
            self._vm_state = self.match.state
            self._install_vm(self.build_vm(self.match, key))
            self._vm_key = key
            self._sync_selection()
        return self.vm

    def _prebuild_vm(self, twin):
        """Run by the AI worker on its copy when it stops after a move: (key, state, view-model)."""
        key = self.vm_key(twin)
        return key, twin.state, self.build_vm(twin, key)

    def _adopt_vm(self, step) -> None:
        """Take the view-model the worker built with ``step``, if it is the one the table needs now."""
        if step.vm is None:
            return
        key, state, built = step.vm
        if state is not self.match.state or key != self.vm_key():
            return
        self._vm_state = state
        self._install_vm(built)
        self._vm_key = key
        self._sync_selection()

    PRIVATE_WORK = True  # hotseat: a delegation's working text is not shown to (or left for) the next one

    def _sync_selection(self) -> None:
        vm = self.vm
        if self.PRIVATE_WORK and len(self.match.humans) > 1 and vm.viewer != self._work_owner:
            if self._work_owner is not None:  # the team leaving the keyboard: its messages (a long
                self.app.toasts.clear()  # refusal's toast, "Saved") are not left for the public view
            self._work_owner = vm.viewer
            self.compose_for = -1  # reset below to the chosen draft
            self.sel_issue = 0
            self.grid_first, self.grid_reveal = 0, True
            self.sel_actor = None
        ids = [d.id for d in vm.drafts]
        if vm.on_table is not None:
            if self.sel_draft != vm.on_table and self.match.state.phase == "signing":
                self.sel_draft = vm.on_table
        if self.sel_draft not in ids:
            self.sel_draft = ids[-1] if ids else None
        if self.compose_for != self.sel_draft or len(self.compose) != len(vm.issues):
            self._reset_compose()
        new = [d for d in vm.drafts if d.id not in self.seen_drafts]
        for d in new:
            self.seen_drafts.add(d.id)
        for d in new[-1:]:  # several at once (skipped AI moves): only the newest slides in
            self.anims = {k: v for k, v in self.anims.items() if k[0] != "draft"}
            self.anims[("draft", d.id)] = (self.app.time, d.author)
        sigs = tuple(self.match.state.signatures)
        for i, (a, b) in enumerate(zip(self.last_sigs, sigs)):
            if a != b and b in (0, 1):
                self.anims[("sig", vm.delegates[i].id)] = (self.app.time, b)
        self.last_sigs = sigs

    def _reset_compose(self) -> None:
        vm = self.vm
        d = vm.draft(self.sel_draft) if vm else None
        if d is not None:
            self.compose = list(d.levels)
        else:
            base = self.match.game.model.baseline
            self.compose = [int(round(x)) for x in base]
        self.compose_for = self.sel_draft

    # ------------------------------------------------------------------ acting
    # ------------------------------------------------------------------ your own forecast
    OWN_VIEW_AIDS = True  # "what your move changed" and the warning before signing (the facilitator's
    # table shows the truth instead, so it has neither)

    def own_forecast(self, actor: str) -> P.ForecastVM | None:
        """``actor``'s forecast of the match as it stands, from its own view only: the table's when
        it is drawn for that delegation and up to date, else computed (once, for this move)."""
        vm = self.vm
        if vm is not None and vm.viewer == actor and self._vm_state is self.match.state:
            return vm.forecast
        try:
            view = self.match.game.view(self.match.state, actor)
            return P.forecast_vm(view, self.match.situation(view))
        except Exception:  # a forecast must never take the window down (nor stop the move)
            return None

    def _forecast_before(self, action: A.Action):
        """The mover's own forecast just before ``action`` (None: not a human's move), and the
        moment (round, phase) it is taken at, so that the change can say what came with the move."""
        self._moment_before = (self.match.state.round, self.match.state.phase)
        if not self.OWN_VIEW_AIDS or self.match.seats.get(action.actor) != "human":
            return None
        return self.own_forecast(action.actor)

    def _record_change(self, action: A.Action, before) -> None:
        """Keep what ``action`` (accepted) changed in its delegation's own forecast: compared once,
        right after the move (the table is drawn from it until the delegation moves again)."""
        if before is None:
            return
        self.refresh()  # the view-model the next frame needs anyway (for this delegation, usually)
        after = self.own_forecast(action.actor)
        if after is None:
            return
        st = self.match.state
        moment = getattr(self, "_moment_before", (st.round, st.phase))
        heading = P.move_heading(P.move_label(self.match.scenario, action), moment, (st.round, st.phase))
        self.move_changes[action.actor] = (heading, before, after, st)
        self._change_memo = (None, None, ())

    def move_change_lines(self, vm: P.TableVM | None) -> tuple[str, ...]:
        """The forecast panel's lines on the viewer's last move: what it changed ("Your move
        (...): tightness 59 -> 62; ...") and, once others have moved since, what they changed.
        Only the viewer's own (hotseat: never another delegation's); made once a view-model."""
        if vm is None or vm.viewer is None or not self.OWN_VIEW_AIDS:
            return ()
        memo_vm, memo_state, lines = self._change_memo
        if memo_vm is vm and memo_state is self._vm_state:
            return lines
        rec = self.move_changes.get(vm.viewer)
        lines = ()
        if rec is not None:
            label, before, after, state = rec
            names = {d.id: d.short for d in vm.delegates}
            parts = P.forecast_change(before, after, names, arrow="->")  # no arrow glyph in Noto Sans
            if parts or (before.available and after.available):
                lines = (f"{label[:1].upper()}{label[1:]}: {P.change_text(parts)}",)
                if self._vm_state is not state and vm.forecast.available:
                    since = P.forecast_change(after, vm.forecast, names, arrow="->")
                    if since:
                        lines += (f"Since then, the others: {P.change_text(since)}",)
        self._change_memo = (vm, self._vm_state, lines)
        return lines

    def sign_warning(self, me: str) -> str:
        """The question asked before ``me`` signs a text its own forecast advises against."""
        if not self.OWN_VIEW_AIDS or self.match.state.on_table is None:
            return ""
        fc = self.own_forecast(me)
        vm = self.vm
        mine = vm.delegate(me) if vm is not None else None
        return P.sign_warning(fc, self.match.state.on_table, bool(mine and mine.red_lines)) if fc else ""

    def submit(self, action: A.Action) -> bool:
        """Hand an action to the session; a refusal is shown in place and changes nothing."""
        before = len(self.match.state.log)
        fc_before = self._forecast_before(action)
        outcome = self.match.submit(action)
        if outcome.rejected is not None:
            self.message = (f"Refused: {outcome.rejected}.", True)
            return False
        new = self.match.state.log[before:]
        if action.kind in ("table", "amend"):  # your new draft is the one chosen now (its tab, its text)
            mine = [d.id for d in self.match.state.drafts if d.author == self.match.game.model.actor_index(action.actor)]
            if mine:
                self.sel_draft = mine[-1]
        me = self.viewer()
        idx = self.match.game.model.actor_index(me) if me else None
        shown = [e.text for e in new if e.seen_by(idx) and e.kind not in ("round",)]
        self.message = ((shown[0] if shown else "Done.") + (" ..." if len(shown) > 1 else ""), False)
        self.log_state["at_bottom"] = True
        self._after_change()
        self._record_change(action, fc_before)
        return True

    def _after_change(self) -> None:
        st = self.match.state
        prog = (st.round, st.phase)
        if prog != self.progress:
            self.progress = prog
            self.app.autosave_soon()  # every round (and the summit, and the end), written in the background
            self.message = None

    def me(self) -> str | None:
        vm = self.vm
        return vm.viewer if vm is not None and vm.my_turn else None

    def can_take_back(self) -> str | None:
        """The person's seat whose last move can be taken back now (on its turn), else None."""
        m = self.match
        if (m.over or self.app.match_read_only or not m.human_to_move() or m.to_move not in m.people
                or getattr(m, "facilitator", None) is not None):  # (the facilitator has its own undo)
            return None
        if self.app.active_human != m.to_move:  # hotseat: not before its privacy screen is passed
            return None
        return m.to_move if m.take_back_refusal(m.to_move) is None else None  # (another person moved since)

    def takebacks_off(self) -> str | None:
        """Why no take-back is ever offered in this game (take-backs off, the teacher's choice: the menu's
        dimmed item and Ctrl+Z say it, on the person's turn or not), else None. Asked of
        :meth:`Match.take_back_refusal`, where the rule lives."""
        m = self.match
        seat = self.app.active_human
        if self.app.match_read_only or seat not in m.people:
            return None
        refused = m.take_back_refusal(seat)
        return refused if refused == TAKEBACKS_OFF else None

    def take_back(self) -> None:
        """Take back the last move of the delegation on turn, and every move since (Ctrl+Z, the menu)."""
        m = self.match
        off = self.takebacks_off()
        if off:
            self.app.toast(f"Cannot take back: {off}.", error=True)
            return
        who = m.to_move if m.human_to_move() and m.to_move in m.people else None
        if who is None or self.app.match_read_only or self.app.active_human != who:  # (hotseat: not
            # before that team has passed its privacy screen, e.g. a key pressed as a save opens)
            self.app.toast("A move can be taken back on your turn.", error=True)
            return
        try:
            match, what = m.take_back(who)
        except ValueError as exc:
            self.app.toast(f"Cannot take back: {exc}.", error=True)
            return
        since = taken_back_since(m, match)
        n = match.takebacks[who]
        st = match.state
        back = (f" (back in round {st.round + 1})" if st.round != m.state.round
                else " (back in the talks)" if st.phase != m.state.phase else "")
        self.app.start_match(match, show_briefs=False)
        self.app.active_human = who  # the same person goes on: no privacy screen in hotseat
        table = self.app.find_scene(TableScene)
        if table is not None:
            table.restore_choices(m.actions[len(match.actions)], self)
        self.app.toast(f"Taken back: {what}{since}. Your move again{back}; the results count {n} "
                       f"take-back{'s' * (n != 1)}.")

    def restore_choices(self, undone: A.Action, old: TableScene) -> None:
        """After a take-back: the draft, issue, delegation and working text the move ``undone`` was made
        with (else what ``old``, the table before, had chosen), so the same key makes the same move
        again; not a new screen's newest draft, which a misclick corrected in haste would then hit."""
        self._work_owner = undone.actor  # (the same person: nothing of another team's work is shown)
        ids = [d.id for d in self.match.state.drafts]
        self.sel_draft = next((d for d in (getattr(undone, "draft", None), old.sel_draft) if d in ids),
                              ids[-1] if ids else None)
        self.sel_issue = getattr(undone, "issue", old.sel_issue)
        self.sel_actor = getattr(undone, "target", None) or old.sel_actor
        self.log_tab = old.log_tab
        draft = self.match.state.draft(self.sel_draft) if self.sel_draft is not None else None
        work = list(undone.levels) if undone.kind == "table" else list(draft.levels) if draft else None
        if work is not None and undone.kind in ("amend", "red_line"):
            work[undone.issue] = undone.level
        if work is not None:
            self.compose, self.compose_for = work, self.sel_draft

    def act(self, kind: str, **kw) -> None:
        me = self.me()
        if me is None:
            vm = self.vm
            mine = vm.delegate(vm.viewer) if vm is not None and vm.viewer is not None else None
            if vm is not None and vm.phase == "signing" and mine is not None and mine.status != "present" \
                    and not vm.over:
                self.message = (f"{mine.name} {self.AWAY_PHRASES.get(mine.status, mine.status_label)}: only the "
                                "delegations at the table sign.", True)
            elif vm is not None and vm.to_move and not vm.to_move_human:
                self.message = (f"Please wait: it is {vm.to_move_name}'s turn (the AI is moving).", True)
            else:
                self.message = ("It is not your turn.", True)
            return
        if self.sel_draft is None and kind in self.NEEDS_DRAFT:
            self.message = (self.NO_DRAFT, True)
            return
        sel = self.sel_draft if self.sel_draft is not None else 0
        k = self.sel_issue
        nothing_new = self.nothing_new(kind)
        if nothing_new:  # the rules would refuse it: say what to change, in words (the move costs nothing)
            self.message = (nothing_new, True)
            return
        if kind == "table":
            self.submit(A.Table(me, levels=tuple(int(x) for x in self.compose)))
        elif kind == "amend":
            self.submit(A.Amend(me, draft=sel, issue=k, level=int(self.compose[k])))
        elif kind == "endorse":
            self.submit(A.Endorse(me, draft=sel))
        elif kind == "oppose":
            self.submit(A.Oppose(me, draft=sel))
        elif kind == "lobby":
            if not self.sel_actor:
                self.message = ("Choose a delegation to lobby first: click its name card or press Tab.", True)
                return
            self.submit(A.Lobby(me, target=self.sel_actor, issue=k))
        elif kind == "offer":
            away = self.cannot_offer(me)
            if away:  # (the dialog would only refuse it at the end)
                self.message = (f"Refused: {away}.", True)
                return
            if not self.sel_actor or self.sel_actor == me:
                self.message = ("Choose another delegation first: click its name card or press Tab.", True)
                return
            self.app.push(OfferScene(self.app, self, self.sel_actor))
        elif kind in ("red_at_least", "red_at_most") and self.vacuous_red_line(kind):
            self.message = (self.vacuous_red_line(kind), True)
        elif kind == "red_at_least":
            self.submit(A.RedLine(me, issue=k, level=int(self.compose[k]), direction="at_least"))
        elif kind == "red_at_most":
            self.submit(A.RedLine(me, issue=k, level=int(self.compose[k]), direction="at_most"))
        elif kind == "walk_out":
            self.submit(A.WalkOut(me))
        elif kind == "return":
            self.submit(A.Return(me))
        elif kind == "pass":
            self.submit(A.Pass(me))
        elif kind == "communique":
            self.submit(A.CallCommunique(me, draft=sel))
        elif kind == "put":
            self.submit(A.PutToSignature(me, draft=sel))
        elif kind == "sign":
            warning = self.sign_warning(me)
            if warning:  # the forecast advises against it: ask once (the player may still sign)
                self.app.push(ConfirmScene(self.app, "Sign against your forecast?", warning, "Sign anyway",
                                           lambda: self.submit(A.Sign(me, sign=True)), name="signwarn",
                                           ok_key=pygame.K_s))
            else:
                self.submit(A.Sign(me, sign=True))
        elif kind == "decline":
            self.submit(A.Sign(me, sign=False))

    def nothing_new(self, kind: str) -> str:
        """Why Table or Amend would change nothing (the working text is a draft already on the table,
        or the amendment keeps the draft's level), with what to do instead; "" otherwise. The rules'
        own words ("the draft already has that level on this issue") did not say which draft, which
        issue, nor what to click."""
        vm = self.vm
        if vm is None or kind not in ("table", "amend") or not self.compose:
            return ""
        if kind == "table":
            same = next((d for d in vm.drafts if tuple(d.levels) == tuple(int(x) for x in self.compose)), None)
            if same is None:
                return ""
            endorse = (f"Endorse {same.label} (E) to support it" if same.id == self.sel_draft else
                       f"choose {same.label} (its tab, or Left / Right) and Endorse it (E) to support it")
            return (f"{same.label} already says exactly this. To propose a new text, click a different level in "
                    f"a row first; or {endorse}.")
        draft = vm.draft(self.sel_draft) if self.sel_draft is not None else None
        k = self.sel_issue
        if draft is None or not 0 <= k < len(vm.issues) or k >= len(self.compose):
            return ""
        if draft.levels[k] != int(self.compose[k]):
            return ""
        iss = vm.issues[k]
        return (f"Nothing to amend: {draft.label} already has '{iss.levels[draft.levels[k]].name}' on "
                f"{iss.name}. Click the level you want in that row first, then Amend (A).")

    def vacuous_red_line(self, kind: str) -> str:
        """Why a red line at the working level would rule nothing out ("at least" the loosest level,
        "at most" the tightest): the rules accept it, but it costs an action point for nothing."""
        vm = self.vm
        k = self.sel_issue
        if vm is None or not 0 <= k < len(vm.issues) or k >= len(self.compose):
            return ""
        why = P.red_line_rules_nothing_out(self.match.scenario, k, int(self.compose[k]), kind[len("red_"):])
        if not why:
            return ""
        other = "at most (Shift+D)" if kind == "red_at_least" else "at least (D)"
        return f"{why} Click another level, or declare {other}."

    def cannot_offer(self, me: str) -> str:
        """Why ``me`` cannot make any offer now (away from the table, or too few action points, as the
        rules would say once the offer was made), or ""; the button looked ready and the dialog opened."""
        vm = self.vm
        mine = vm.delegate(me) if vm is not None else None
        if mine is None:
            return ""
        if mine.status != "present":
            return "your delegation is not at the table (return first)"
        need = int(vm.costs.get("offer", 0))  # (as the rules count it)
        if vm.ap < need:
            return f"not enough action points ({vm.ap} left, {need} needed)"
        return ""

    NEEDS_DRAFT = ("amend", "endorse", "oppose", "communique", "put")
    NO_DRAFT = "There is no draft on the table yet: pick a level on each issue and table one (T)."

    def respond(self, offer_id: int, accept: bool) -> None:
        me = self.me()
        if me is None:
            self.message = ("It is not your turn.", True)
            return
        self.submit(A.Respond(me, offer=offer_id, accept=accept))

    def respond_first(self, accept: bool) -> None:
        vm = self.vm
        if vm is None or not vm.pending:
            self.message = ("No offer is waiting for your answer.", True)
            return
        self.respond(vm.pending[0].id, accept)

    def tell_answers(self, who: str) -> None:
        """Hotseat, as ``who`` sits down: the answers to its offers that came since its last move
        (accepted, rejected, lapsed), in a toast and its private log, or it might never look."""
        m = self.match
        me = m.game.model.actor_index(who)
        log = m.state.log
        since = next((n + 1 for n in range(len(log) - 1, -1, -1)
                      if log[n].actors and log[n].actors[0] == me and log[n].kind != "offer_expired"), 0)
        news = [e.text for e in log[since:] if e.visible is not None and e.seen_by(me)
                and ((e.kind == "respond" and e.actors[1:2] == (me,))
                     or (e.kind == "offer_expired" and e.actors[:1] == (me,)))]
        if news:
            self.app.toast("Private, since your last move: " + "; ".join(news) + ".", seconds=8)
            self._set_tab("private")

    # ------------------------------------------------------------------ selection
    def _clear_refusal(self) -> None:
        """A new choice (draft, issue, level, delegation) answers the last refusal: it goes."""
        if self.message is not None and self.message[1]:
            self.message = None

    def pick_issue(self, issue: int) -> None:
        self.sel_issue = issue
        self.grid_reveal = True
        self._clear_refusal()

    def pick_actor(self, actor_id: str | None) -> None:
        self.sel_actor = actor_id
        self._clear_refusal()

    def pick_draft(self, draft_id: int) -> None:
        self.sel_draft = draft_id
        self._reset_compose()
        self._clear_refusal()

    def step_draft(self, delta: int) -> None:
        ids = [d.id for d in self.vm.drafts] if self.vm else []
        if not ids:
            return
        pos = ids.index(self.sel_draft) if self.sel_draft in ids else 0
        self.pick_draft(ids[(pos + delta) % len(ids)])

    def wheel_draft(self, dy: int) -> None:
        """The wheel over the draft tabs: a notch up, the draft before; down, the one after; stopping at
        the first and the last. A turn with no vertical notch (a touchpad's sideways scroll, or its
        small scrolls that SDL has not yet summed into a notch) does nothing: it stepped to the next
        draft, each of the many small events of one stroke one more, round and round."""
        ids = [d.id for d in self.vm.drafts] if self.vm else []
        if not dy or not ids:
            return
        pos = ids.index(self.sel_draft) if self.sel_draft in ids else 0
        new = max(0, min(len(ids) - 1, pos + (-1 if dy > 0 else 1)))
        if new != pos:
            self.pick_draft(ids[new])

    # what the paper says with no draft on the table (longest first: the first that fits is drawn),
    # and what a click on a level's cell does (the replay, where nothing is played, says otherwise)
    NO_DRAFT_TEXTS = ("No draft on the table yet: pick levels below and press Table (T).",
                      "No draft yet: pick levels, then Table (T).", "No draft yet: Table (T).")
    CELL_CLICK_TIP = " Click to put it in your working text (then Table, Amend or declare a red line)."
    WORKING_TEXT = True  # moves are made here: the levels clicked make a working text to table or amend with

    def pick_cell(self, issue: int, level: int) -> None:
        self.sel_issue = issue
        self.grid_reveal = True
        if not self.WORKING_TEXT:  # only the row is chosen
            self._clear_refusal()
            return
        if 0 <= issue < len(self.compose):
            self.compose[issue] = level
        self._clear_refusal()

    def step_actor(self, delta: int) -> None:
        ids = [d.id for d in self.vm.delegates if d.id != self.vm.viewer]
        if not ids:
            return
        pos = ids.index(self.sel_actor) if self.sel_actor in ids else (-1 if delta > 0 else 0)
        self.pick_actor(ids[(pos + delta) % len(ids)])

    def memo_seat(self) -> str | None:
        """The delegation whose memo J opens: the person's whose private view is on screen, while the game
        is on (None in the public view, an AI's view, or between two teams in hotseat)."""
        h = self.vm.viewer if self.vm else None
        if h is None or self.match.memo_refusal(h) is not None:
            return None
        if any(isinstance(sc, PrivacyScene) for sc in self.app.scenes):
            return None
        return h

    def open_memo(self) -> None:
        from game.ui.scene_memo import MemoScene

        seat = self.memo_seat()
        if seat is None:
            self.app.toast("A memo is written by a delegation people play, on its own screen while the game "
                           "is on.")
            return
        self.app.push(MemoScene(self.app, seat))

    def quiz_seat(self) -> str | None:
        """The delegation whose briefing check F opens: as :meth:`memo_seat`, the person's whose private
        view is on screen, while the game is on (None in the public view, an AI's view, a replay, or
        between two teams in hotseat)."""
        h = self.memo_seat()
        if h is None or self.match.quiz_refusal(h) is not None:
            return None
        return h

    def open_quiz(self) -> None:
        from game.ui.scene_quiz import QuizScene

        seat = self.quiz_seat()
        if seat is None:
            self.app.toast("The briefing check is taken by a delegation people play, on its own screen while "
                           "the game is on.")
            return
        self.app.push(QuizScene(self.app, seat))

    def open_profile(self, actor_id: str) -> None:
        self.pick_actor(actor_id)
        self.app.push(ProfileScene(self.app, self, actor_id))

    # ------------------------------------------------------------------ events
    KEYS = {
        pygame.K_t: "table", pygame.K_a: "amend", pygame.K_e: "endorse", pygame.K_o: "oppose",
        pygame.K_l: "lobby", pygame.K_m: "offer", pygame.K_w: "walk_out", pygame.K_r: "return",
        pygame.K_p: "pass", pygame.K_c: "communique", pygame.K_k: "put", pygame.K_s: "sign",
        pygame.K_x: "decline",
    }

    def handle_event(self, event) -> bool:
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        key, mods = event.key, event.mod
        shift = bool(mods & pygame.KMOD_SHIFT)
        if key == pygame.K_ESCAPE:
            self.app.push(MenuScene(self.app))
        elif key == pygame.K_SPACE:
            self.skip = True
        elif key == pygame.K_d:
            self.act("red_at_most" if shift else "red_at_least")
        elif key == pygame.K_h:
            self.hint_key_pressed(shift)
        elif key == pygame.K_y:
            self.respond_first(True)
        elif key == pygame.K_n:
            self.respond_first(False)
        elif key in self.KEYS:
            self.act(self.KEYS[key])
        elif key in (pygame.K_LEFT, pygame.K_LEFTBRACKET):
            self.step_draft(-1)
        elif key in (pygame.K_RIGHT, pygame.K_RIGHTBRACKET):
            self.step_draft(1)
        elif key == pygame.K_UP:
            self.pick_issue((self.sel_issue - 1) % max(1, len(self.compose)))
        elif key == pygame.K_DOWN:
            self.pick_issue((self.sel_issue + 1) % max(1, len(self.compose)))
        elif digit_key(event):
            lv = digit_key(event) - 1
            n_levels = len(self.vm.issues[self.sel_issue].levels) if self.vm else 0
            if lv < n_levels:
                self.pick_cell(self.sel_issue, lv)
        elif key == pygame.K_z and mods & pygame.KMOD_CTRL:  # (held down: one take-back, App.REPEATING_KEYS)
            self.take_back()
        elif key == pygame.K_z:
            self._reset_compose()
            self._clear_refusal()
        elif key == pygame.K_TAB:
            self.step_actor(-1 if shift else 1)
        elif key == pygame.K_i:
            if self.sel_actor:
                self.open_profile(self.sel_actor)
        elif key == pygame.K_b:
            h = self.vm.viewer if self.vm else None
            if h and self.match.seats.get(h) == "human":
                self.app.push(BriefScene(self.app, h, overlay=True))
        elif key == pygame.K_v:
            self.cycle_tab()
        elif key == pygame.K_j:
            self.open_memo()
        elif key == pygame.K_f:
            self.open_quiz()
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = self.f.line_height("small") * 8
            self.log_state["offset"] = max(0, self.log_state.get("offset", 0)
                                           + (step if key == pygame.K_PAGEDOWN else -step))
            self.log_state["at_bottom"] = False
        else:
            return False
        return True

    # ------------------------------------------------------------------ update: the AI and the flow
    def update(self, dt: float) -> None:
        m = self.match
        if m.over:
            if self.end_timer is None:
                self.end_timer = 0.0
                self.app.autosave_soon()
            self.end_timer += dt
            if self.end_timer >= self.end_wait():
                from game.ui.scene_results import ResultsScene

                self.app.saver.flush()  # the final autosave: the results say when it was not written
                results = ResultsScene(self.app)
                results.final_save_failed(self.app.saver.last_error)
                self.app.replace(results)
            return
        if m.human_to_move():
            self.skip = False
            tm = m.to_move
            if tm != self.app.active_human:
                if len(m.humans) > 1:
                    self._vm_key = None
                    public = [t for t in self.app.toasts if t.public]  # "Loaded ...": said on the privacy
                    self.app.push(PrivacyScene(self.app, tm))  # screen (a new screen drops the others)
                    self.app.toasts = public
                    return
                self.app.active_human = tm
            return
        # an AI seat is to move
        if self.app.shots_dir is not None and self.shot_name() not in self.app.shots_taken \
                and self.frames >= 1 and len(m.state.log) > 12 and m.state.phase == "diplomacy":
            return  # let the screenshot of a busy table be taken first
        if self.app.shots_dir is not None and "summit" not in self.app.shots_taken \
                and m.state.phase == "signing" and m.state.on_table is not None:
            # the summit's screenshot: a few signatures, each stamp down before the next, then the shot
            decided = sum(1 for s in m.state.signatures if s in (0, 1))
            present = sum(1 for a in m.state.actors if a.status == "present")
            if not self.settled() or decided >= min(3, present - 1):
                return
        self.ai_timer += dt
        task = self._ai_task()
        pause = self.ai_pause()
        if not self.skip and self.ai_timer < pause:
            return
        # the pause is over: take the moves the worker has finished (one; several within a small
        # budget when the pauses are skipped). A move still being computed is not waited for.
        budget = 0.003 if (self.skip or self.app.shots_dir is not None) else 0.0
        t0 = time.perf_counter()
        applied = 0
        last = None
        limit = task.adoptable()
        while applied < limit:
            step = task.pop(m)
            if step is None:
                break
            if step.error is not None:
                from game.session.crash import AITurnError

                self.ai_task = None
                raise AITurnError(step.actor or "?", step.error) from step.error
            applied += 1
            last = step
            self.last_ai_ms = step.ms
            self._after_change()
            if m.over or m.human_to_move():
                break
            if m.state.phase == "signing" and m.state.on_table is not None and self.app.shots_dir is not None \
                    and "summit" not in self.app.shots_taken:
                break  # one signature per frame until the summit has been shot
            if time.perf_counter() - t0 >= budget:
                break
        if applied:
            self._adopt_vm(last)
            self.ai_timer = 0.0
            self.last_step_ms = (time.perf_counter() - t0) * 1000
            if not (m.over or m.human_to_move()):
                self._ai_task()  # from the new state (usually the worker has it already)
        else:
            self.app.ai.check()  # a dead worker is reported, not waited for
        if m.human_to_move() or m.over:
            self.skip = False

    def _ai_task(self):
        """The worker's task for the current state (a new one when the match changed under it)."""
        m = self.match
        fast = self.skip or self.app.autoplay or self.app.shots_dir is not None
        ahead = FAST_AHEAD if fast else 1
        task = self.ai_task
        if task is None or not task.valid_for(m):
            if task is not None:
                task.cancel()
            task = self.ai_task = self.app.ai.start(m, ahead, prebuild=self._prebuild_vm)
        else:
            task.set_ahead(ahead)
        return task

    def ai_thinking(self) -> float:
        """Seconds the AI has been computing its current move past the pause (0: not waiting on it)."""
        task = self.ai_task
        if task is None or task.ready() or not task.valid_for(self.match):
            return 0.0
        return task.computing_for

    def leave(self) -> None:
        if self.ai_task is not None:
            self.ai_task.cancel()
            self.ai_task = None
        super().leave()

    # ------------------------------------------------------------------ drawing
    COMPACT_WIDTH = 1100  # window size in text units (pixels at 720 p, normal text) below which
    COMPACT_HEIGHT = 600  # the table reflows (large text, a projector, a small window)

    def compact(self) -> bool:
        """Whether the text is large for the window: one side panel at a time, slimmer name cards,
        the seats on the two long sides only and a wider clause grid with two-line cells."""
        W, H = self.app.screen.get_size()
        s = self.f.scale
        return W / s < self.COMPACT_WIDTH or H / s < self.COMPACT_HEIGHT

    def top_height(self) -> int:
        f = self.f
        if self.compact():
            return f.line_height("h3", True) + f.line_height("small", True) + f.px(18)
        return f.line_height("h3", True) + f.line_height("small") + f.line_height("tiny") + f.px(26)

    PORTRAIT = 1.25  # a window this many times taller than wide (a portrait screen) stacks the panels

    def portrait(self, W: int, H: int) -> bool:
        return H >= self.PORTRAIT * W

    def layout(self, W: int, H: int) -> dict[str, pygame.Rect]:
        f = self.f
        m = f.px(8)
        compact = self.compact()
        top_h = self.top_height()
        action_h = self._action_height(compact)
        if self.portrait(W, H):
            return self._portrait_layout(W, H, m, compact, top_h, action_h)
        right_w = max(int(W * 0.28), f.px(260)) if compact else max(int(W * 0.30), f.px(300))
        left_w = W - right_w - 3 * m
        body_y = top_h + m
        table = pygame.Rect(m, body_y, left_w, H - body_y - action_h - 2 * m)
        action = pygame.Rect(m, table.bottom + m, left_w, action_h)
        rx = table.right + m
        if compact:  # one panel on the right: news, private log or forecast (tabs)
            side = pygame.Rect(rx, body_y, W - rx - m, H - body_y - m)
            return {"top": pygame.Rect(0, 0, W, top_h), "table": table, "action": action, "side": side}
        fc_h = min(int((H - body_y - m) * 0.42), f.line_height("small") * 7 + f.line_height("label", True)
                   + f.line_height("body", True) + f.px(48))
        n_change = len(self.move_change_lines(self.vm))
        if n_change:  # what your last move changed: up to two lines for it, one for the others' since
            fc_h += (n_change + 1) * f.line_height("small")
        per_draft = self.chair_choice()
        if per_draft:  # the chair's choice at the summit: room for each draft's forecast (the log can wait)
            fc_h = min(int((H - body_y - m) * 0.7), fc_h + f.line_height("small", True)
                       + (len(per_draft) + 1) * f.line_height("small") + f.px(6))
        forecast = pygame.Rect(rx, body_y, W - rx - m, fc_h)
        log = pygame.Rect(rx, forecast.bottom + m, W - rx - m, H - forecast.bottom - 2 * m)
        return {"top": pygame.Rect(0, 0, W, top_h), "table": table, "action": action, "forecast": forecast,
                "log": log}

    def _action_height(self, compact: bool) -> int:
        """The move panel: its title and two rows of buttons."""
        f = self.f
        if compact:
            return f.line_height("label", True) + f.px(34) * 2 + f.px(6) + f.px(14)
        return f.line_height("label", True) + f.px(38) * 2 + f.px(6) + f.px(24)

    def _portrait_layout(self, W: int, H: int, m: int, compact: bool, top_h: int,
                         action_h: int) -> dict[str, pygame.Rect]:
        """A portrait screen (1080 x 1920): the table and the moves across the whole width, the
        forecast and the news under them (side by side; one tabbed panel with compact text), rather
        than a table squeezed into two thirds of the width beside a panel with room to spare."""
        f = self.f
        body_y = top_h + m
        below_h = max(int(H * 0.3), f.px(300))
        table = pygame.Rect(m, body_y, W - 2 * m, H - body_y - action_h - below_h - 3 * m)
        action = pygame.Rect(m, table.bottom + m, W - 2 * m, action_h)
        y = action.bottom + m
        L = {"top": pygame.Rect(0, 0, W, top_h), "table": table, "action": action}
        if compact:
            L["side"] = pygame.Rect(m, y, W - 2 * m, H - y - m)
        else:
            half = (W - 3 * m) // 2
            L["forecast"] = pygame.Rect(m, y, half, H - y - m)
            L["log"] = pygame.Rect(2 * m + half, y, W - 3 * m - half, H - y - m)
        return L

    def draw(self, surf) -> None:
        background(surf, self.app)
        vm = self.refresh()
        self._learn()
        W, H = surf.get_size()
        L = self.layout(W, H)
        self.draw_top(surf, L["top"], vm)
        self.draw_table(surf, L["table"], vm)
        self.draw_actions(surf, L["action"], vm)
        hint = self.hint(vm)
        side = L["side"] if "side" in L else L["log"]
        box = None
        self.hint_folded = None
        if hint is not None:  # the hint takes the bottom of the news panel
            full = side
            box, side = self._hint_rects(full, hint[1])
            f = self.f
            news = side.height - f.line_height("label", True) - f.px(16)
            short_panel = news < self.NEWS_LINES * f.line_height("small") or (
                "side" in L and self.log_tab == "forecast")  # the forecast tab needs its room (the news has it all)
            if short_panel and len(hint.short) < len(hint[1]):
                # a short news panel (what the others did, for a team coming back to the keyboard):
                # the hint in a line or two, the whole of it one click away ("More")
                self.hint_folded = (vm.viewer, hint[0]) not in self.hint_open
                if self.hint_folded:
                    box, side = self._hint_rects(full, hint.short)
        if "side" in L:
            self.draw_log(surf, side, vm, with_forecast=True)
        else:
            self.draw_forecast(surf, L["forecast"], vm)
            self.draw_log(surf, side, vm)
        self.hint_shown = hint[0] if hint is not None else None
        if box is not None:
            self.draw_hint(surf, box, hint.short if self.hint_folded else hint[1], full=hint[1],
                           key=(vm.viewer, hint[0]))

    # --- first-game hints: what to do now ------------------------------------------------
    hint_shown: str | None = None  # tests: the kind of move the hint on screen teaches
    _learn_seen = 0  # the match's moves already looked at by _learn

    def _learn(self) -> None:
        """Note the kinds of move the human delegations have made: the hint for a kind of move
        stops once a player has made one (in this game or an earlier one; kept in the settings)."""
        acts = self.match.actions
        if self._learn_seen > len(acts):
            self._learn_seen = 0
        new = {a.kind for a in acts[self._learn_seen:] if self.match.seats.get(a.actor) == "human"}
        self._learn_seen = len(acts)
        learned = self.app.settings.learned
        add = sorted(k for k in new if k not in learned)
        if add:
            learned.extend(add)
            self.app.settings.save()  # a failure only means the hints come back next time

    def learned_by(self, me: str) -> set[str]:
        """The kinds of move whose hint ``me`` no longer needs: made on this computer (this game or an
        earlier one). In hotseat each team learns for itself: the kinds made before this game, and
        those this team has made in it (another team's first endorsement does not teach this one)."""
        learned = set(self.app.settings.learned)
        if not (self.PRIVATE_WORK and len(self.match.humans) > 1):
            return learned
        if self._learned_before is None:
            self._learned_before = learned - {a.kind for a in self.match.actions
                                              if self.match.seats.get(a.actor) == "human"}
        return (self._learned_before & learned) | {a.kind for a in self.match.actions if a.actor == me}

    _learned_before: set[str] | None = None  # hotseat: the kinds learned before this game

    def hint(self, vm: P.TableVM | None) -> tuple[str, str] | None:
        """(kind of move, what to do now) for a player at its own turn, while the hints are on (its
        ``short`` attribute: the same in a line or two, for a short news panel); None when there is
        nothing to say."""
        found = self._hint(vm)
        if found is None or isinstance(found, Hint):  # (a hint of several forms gives its own short one)
            return found
        return Hint(found[0], found[1], self.hint_short(found[0], found[1], vm))

    def hint_short(self, kind: str, text: str, vm: P.TableVM) -> str:
        """The hint of ``kind`` in a line or two: what to do and the key (the full text is one click
        away, and in the tooltip)."""
        return {
            "put_to_signature": "Choose a draft (its tab or forecast line), then Put to signature (K).",
            "sign": f"D{vm.on_table} is open: Sign (S) if it beats staying out (the forecast says), else "
                    "Decline (X).",
            "respond": "An offer waits for your answer (above the buttons): Accept (Y) or Reject (N). Free.",
            "table": "Click a level in each row of the grid, then press Table (T) to propose that text.",
            "communique": "You chair: gather endorsements, then call a joint communique (C) on one draft.",
            "endorse": "Endorse (E) the draft you like best (by its tab): the chair weighs public support.",
            "pass": "Done for this round? Pass (P).",
            "lobby": "Lobby (L): choose a delegation (Tab) and an issue row to pull it toward you. Private.",
            "offer": "Offer (M) the chosen delegation (Tab) a private side payment for its support.",
            "red_line": "Red line (D): choose a row and a level, the least you will sign. Public and firm.",
            "walk_out": "Nothing worth signing? Walk out (W); coming back (R) costs reputation.",
        }.get(kind, text)

    def _hint(self, vm: P.TableVM | None) -> tuple[str, str] | Hint | None:
        """(kind of move, what to do now) for a player at its own turn, while the hints are on:
        the first move of the list below that this computer's players have never made and that
        makes sense now. None when there is nothing to say."""
        if not self.app.settings.hints or vm is None or vm.over or not vm.my_turn:
            return None
        me = vm.viewer
        mine = vm.delegate(me) if me is not None else None
        if mine is None or self.match.seats.get(me) != "human":
            return None
        learned = self.learned_by(me)
        fc = vm.forecast
        if vm.phase == "signing":
            if vm.on_table is None:
                if mine.is_chair and "put_to_signature" not in learned:
                    return ("put_to_signature", self.PUT_HINT)
                return None
            if "sign" not in learned:
                return ("sign", f"D{vm.on_table} is open for signature. Sign (S) if it is worth more to you "
                        f"than staying out: {self.forecast_where()} gives both numbers. Else Decline (X). "
                        f"The treaty needs {fc.min_signatures or 'enough'} signature{'' if fc.min_signatures == 1 else 's'} to "
                        "enter into force.")
            return None
        if vm.phase != "diplomacy":
            return None
        cost = vm.costs
        if vm.pending and answers_late(mine):
            return Hint("respond", "You are done for this round, but an offer waits for your answer (above the "
                        "buttons): Accept (Y) or Reject (N); Pass (P) lets it lapse unanswered. Then the "
                        "round goes on without you.",
                        "You are back only to answer the offer: Accept (Y), Reject (N) or Pass (P).")
        if vm.pending and "respond" not in learned:
            return ("respond", "A private offer is waiting for your answer (above the buttons): Accept (Y) or "
                    "Reject (N). Answering is free. An accepted deal is a promise: breaking it costs reputation.")
        if mine.status != "present":
            last = 0 <= vm.round < len(vm.calendar.rounds) and vm.calendar.rounds[vm.round].final
            if last and mine.status != "non_party":  # shown even to a player who has returned before
                return Hint("return", "This is the last round of talks, and only delegations at the table sign the "
                            f"treaty. Return now (R, {cost.get('return', 1)} action point, some reputation) if you "
                            "want to sign it; if you Pass (P), you stay out and cannot sign.",
                            "Last round: Return (R) now to be able to sign; if you Pass (P), you stay out.")
            if "return" not in learned:
                return Hint("return", f"Your delegation is away from the table: it cannot move or sign. Return (R, "
                            f"{cost.get('return', 1)} action point, some reputation) or Pass (P) to stay away.",
                            "You are away: Return (R) to move and sign again, or Pass (P) to stay away.")
            return None
        if not vm.drafts:
            if "table" in learned:
                return None
            return ("table", "Start by proposing a text. Click one level in each row of the grid (levels run "
                    "from looser on the left to tighter on the right; a small triangle marks your ideal), then "
                    f"press Table (T). It costs {cost.get('table', 2)} of your {vm.ap_max} action points.")
        if mine.is_chair and "communique" not in learned and self._check("communique") is None:
            support = P.communique_support(vm, self.sel_draft)
            return ("communique", "You chair this meeting: gather endorsements for one draft, then call "
                    "for a joint communique on it (C). It is adopted only if every delegation at the table "
                    "endorses that draft and none opposes it, and you may call once a meeting"
                    + (f" (now {support})." if support else "."))
        unhappy = fc.available and (fc.i_sign is False or not fc.in_force)
        if unhappy and not learned & {"table", "amend"}:
            why = ("the treaty would lapse" if not fc.in_force else
                   f"you would stay out: {fc.pick_label} is worth less to you than staying out")
            where = self.forecast_where()
            return Hint("amend", f"{where[:1].upper()}{where[1:]} says {why}. Propose a better text: click the levels "
                        "you want and press Table (T), or choose a draft's tab and an issue row and press Amend "
                        "(A) for a new draft with that one change. Oppose (O) a draft you reject.",
                        "The forecast is against you: propose a better text (Table, T) or change one issue "
                        "(Amend, A).")
        if not unhappy and not learned & {"endorse", "oppose"} and any(me not in d.endorse for d in vm.drafts):
            return ("endorse", "Choose the draft you like best by its tab (D1, D2 ...) and Endorse it (E): the "
                    "chair weighs public support when it picks the draft for signature. Oppose (O) says "
                    "publicly that you reject a draft.")
        if vm.ap < vm.ap_max and "pass" not in learned:
            return ("pass", "Done for this round? Pass (P). The round goes on, one move per turn, until every "
                    f"delegation has passed or spent its {vm.ap_max} action points.")
        likely = vm.draft(fc.pick) if fc.available and fc.pick is not None else None
        if "amend" not in learned and likely is not None and any(
                iss.my_ideal is not None and round(iss.my_ideal) != lv
                for iss, lv in zip(vm.issues, likely.levels)):
            return Hint("amend", "Want a text closer to yours? Choose a draft's tab and an issue row, click the "
                        "level you want and press Amend (A): a new draft with that one change (the small "
                        f"triangles mark your ideals). It costs {cost.get('amend', 1)} action point; the others "
                        "must endorse it too.",
                        "Closer to your ideals (the triangles)? Choose a draft, an issue row, a level: Amend (A).")
        if "lobby" not in learned:
            return ("lobby", "Lobby (L) to bring a delegation closer to you on one issue: choose it (right-click "
                    "its name card or hold a finger on it, or Tab), choose the issue row, then press L. It is private, and it may "
                    "backfire.")
        if vm.offer_kinds and "offer" not in learned and self.offer_takers(vm):
            return ("offer", "Offer (M) a side payment for a delegation's signature or endorsement: choose it "
                    "(right-click its name card or hold a finger on it, or Tab), then press M. Only the two of you know; breaking an "
                    "accepted deal costs reputation.")
        if "red_line" not in learned:
            return ("red_line", "A red line (D) tells everyone the least you will sign on an issue: choose the "
                    "row, click the level, press D (Shift+D: the most you will accept). It is public and "
                    "firm: signing across it later costs reputation.")
        if unhappy and "walk_out" not in learned:
            return ("walk_out", "If no text will be worth more to you than staying out, you may Walk out "
                    "(W): you keep your outside option but cannot move or sign until you Return (R), which "
                    "costs reputation.")
        return None

    def offer_takers(self, vm: P.TableVM) -> list[str]:
        """The delegations one of the viewer's offers may go to (the offer hint is for them). One
        that has passed still answers: it is called back when its turn comes round again."""
        return [d.id for d in vm.delegates if d.id != vm.viewer and d.status != "non_party"
                and any(not k.to or d.id in k.to for k in vm.offer_kinds)]

    def forecast_where(self) -> str:
        """Where the forecast is, for the hints: in the compact layout (large text, a small window) it
        is a tab of the side panel, not the panel at the top right."""
        return "the Forecast tab (V)" if self.compact() else "the forecast (top right)"

    HINT_TITLE = "What to do now"
    HINT_TITLES = (HINT_TITLE, "What to do", "What now", "Hint")  # the first that fits beside the buttons, not cut
    PUT_HINT = ("You chair the summit: choose a draft by its tab or its line in the forecast and press Put to "
                "signature (K); then each delegation signs or declines.")

    def _hint_rects(self, rect: pygame.Rect, text: str) -> tuple[pygame.Rect, pygame.Rect]:
        """(the hint's box, what is left of ``rect`` above it): the box as tall as its text, but
        never more than half of ``rect``, unless its text would be cut there: then it leaves the
        panel only its tabs and a line (a short panel: the chair's choice at the summit
        makes the forecast tall and the news panel short)."""
        f = self.f
        m = f.px(8)
        lines = D.wrap(f.get("small"), text, rect.width - 2 * m)
        head = max(f.line_height("label", True), f.line_height("small", True) + 6)
        h = 2 * m + head + 2 + len(lines) * f.line_height("small")
        keep = f.line_height("label", True) + f.px(16) + f.line_height("small")  # the tabs and a line
        h = min(h, max(rect.height // 2, rect.height - keep))
        box = pygame.Rect(rect.x, rect.bottom - h, rect.width, h)
        return box, pygame.Rect(rect.x, rect.y, rect.width, max(0, rect.height - h - f.px(6)))

    NEWS_LINES = 6  # below this many lines of news beside a hint, the hint shows its short form
    hint_folded: bool | None = None  # tests: the hint in its short form (None: it has no other)

    hint_key: tuple | None = None  # (viewer, kind) of the hint whose More / Less is on screen

    def toggle_hint(self, key: tuple) -> None:
        self.hint_open.symmetric_difference_update({key})

    def draw_hint(self, surf, rect: pygame.Rect, text: str, full: str | None = None,
                  key: tuple | None = None) -> None:
        c, f = self.c, self.f
        m = f.px(8)
        D.panel(surf, rect, c, border="brass")
        label = f.get("label", True)
        head = max(f.line_height("label", True), f.line_height("small", True) + 6)
        small = f.get("small", True)
        bw = small.size("Hide hints")[0] + f.px(20)
        x = rect.right - m - bw
        self.ui.button(surf, (x, rect.y + m - 2, bw, head), "Hide hints", self.hide_hints,
                       name="hint:hide", size="small",
                       tooltip="Turn these hints off (Shift+H; Settings turns them on again). Each hint also "
                               "stops once you have made that move. F1: how to play")
        self.hint_key = key if self.hint_folded is not None else None
        if self.hint_folded is not None and key is not None:  # the short form, or the whole hint
            more = "More" if self.hint_folded else "Less"
            mw = small.size(more)[0] + f.px(20)
            x -= mw + f.px(6)
            self.ui.button(surf, (x, rect.y + m - 2, mw, head), more, lambda k=key: self.toggle_hint(k),
                           name="hint:more", size="small",
                           tooltip=("The whole hint (H; the news gets less room): " + (full or text))
                           if self.hint_folded else "The hint in a line or two (H): more room for the news")
        room = x - rect.x - 2 * m
        title = next((t for t in self.HINT_TITLES if label.size(t)[0] <= room), self.HINT_TITLES[-1])
        D.text(surf, label, title, (rect.x + m, rect.y + m), c["brass_text"], max_width=room)
        top = rect.y + m + head + 2
        body = pygame.Rect(rect.x + m, top, rect.width - 2 * m, rect.bottom - m - top)
        n = max(1, body.height // f.line_height("small"))
        D.paragraph(surf, f.get("small"), text, body, c["text"], max_lines=n)
        self.ui.add(body, "hint:text", None, full or text)

    def hint_key_pressed(self, shift: bool) -> None:
        """H: the hint in full or short (its More / Less); Shift+H: hide the hints."""
        if self.hint_shown is None:
            self.app.toast("No hint is shown now." if self.app.settings.hints else
                           "Hints are off. Menu, then Settings (Esc, then G) turns them on again.")
        elif shift:
            self.hide_hints()
        elif self.hint_key is not None:
            self.toggle_hint(self.hint_key)
        else:
            self.app.toast("The whole hint is shown (Shift+H hides the hints).")

    def hide_hints(self) -> None:
        self.app.settings.hints = False
        err = self.app.settings.save()
        self.app.toast(err or "Hints are off. Menu, then Settings (Esc, then G) turns them on again.", error=bool(err))

    # --- top bar: round, calendar, deadline --------------------------------------------
    def your_move(self, vm: P.TableVM) -> str:
        return "Your move"

    def waiting_for(self, vm: P.TableVM) -> str:
        """The status line while a human delegation other than the viewer is to move."""
        return f"Waiting for {vm.to_move_name}."

    def who_text(self, vm: P.TableVM) -> tuple[str, str]:
        """Whose screen this is (top right) and its colour's name."""
        if vm.viewer is not None:
            d = vm.delegate(vm.viewer)
            tag = "watching as" if not d.is_human else "you are"
            return f"{tag} {d.name}", "text"
        return "hotseat: public view", "text"

    def draw_top(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        c, f = self.c, self.f
        pygame.draw.rect(surf, c["panel"], rect)
        pygame.draw.line(surf, c["brass_dim"], rect.bottomleft, rect.bottomright, 2)
        m = f.px(10)
        cal = vm.calendar
        bw, bh = f.px(96), f.line_height("h3", True) + 2
        who, who_colour = self.who_text(vm)
        who_r = D.text(surf, f.get("small", True), who, (rect.right - 2 * bw - 3 * m, f.px(10)), c[who_colour],
                       "topright", max_width=int(rect.width * 0.3))
        D.text(surf, f.get("h3", True), cal.current, (m, f.px(6)), c["brass_text"],
               max_width=min(int(rect.width * 0.6), who_r.x - 2 * m))
        self.ui.button(surf, (rect.right - bw - m, f.px(5), bw, bh), "Menu", lambda: self.app.push(MenuScene(self.app)),
                       name="top:menu", shortcut=self.MENU_KEY, size="small")
        from game.ui.scenes import HelpScene

        self.ui.button(surf, (rect.right - 2 * bw - 2 * m, f.px(5), bw, bh), "Help",
                       lambda: self.app.push(HelpScene(self.app)), name="top:help", shortcut="F1", size="small")
        # toasts: a banner over the calendar strip, or over the round's title and the calendar for a
        # longer one (no control there), left of the buttons
        left = rect.x + m // 2
        right = rect.right - 2 * bw - 3 * m
        cal_top = f.px(8) + f.line_height("h3", True) + f.px(2)
        self.toast_area = [pygame.Rect(left, cal_top, right - left, rect.bottom - 3 - cal_top),
                           pygame.Rect(left, rect.y + 3, right - left, rect.height - 6)]
        # calendar strip: a dot per meeting (ticked when past, star for the summit), date and name
        y = f.px(8) + f.line_height("h3", True) + f.px(4)
        n = len(cal.rounds)
        x0, x1 = m, rect.right - f.px(170)
        step = (x1 - x0) / max(n, 1)
        small, tiny = f.get("small", True), f.get("tiny")
        names = not self.compact()  # large text: the meeting names are in the tooltips (and the title)
        rad = f.px(7)
        cy = y + small.get_linesize() // 2
        pygame.draw.line(surf, c["brass_dim"], (x0 + rad, cy), (x1 - step + rad, cy), 2)
        for r in cal.rounds:
            cx = int(x0 + step * r.index + rad)
            if r.current:
                pygame.draw.circle(surf, c["brass"], (cx, cy), rad + 2)
            elif r.past:
                pygame.draw.circle(surf, c["brass_dim"], (cx, cy), rad)
                D.check_mark(surf, pygame.Rect(cx - rad, cy - rad, 2 * rad, 2 * rad), c["panel"], 2)
            else:
                pygame.draw.circle(surf, c["panel"], (cx, cy), rad)
                pygame.draw.circle(surf, c["brass_dim"], (cx, cy), rad, 2)
            if r.final:
                D.star(surf, (cx, cy), rad - 1, c["ink"] if r.current else c["brass_text"])
            col = c["brass_text"] if r.current else (c["text_muted"] if r.past else c["text"])
            tw = D.text(surf, small, r.short_date, (cx + rad + 4, cy), col, "midleft",
                        max_width=int(step - 2 * rad - 8)).width
            if names:
                D.text(surf, tiny, r.name, (cx - rad, cy + small.get_linesize() // 2 + 1), col, "topleft",
                       max_width=int(step - 10))
            del tw
            self.ui.add(pygame.Rect(cx - rad, y - 2, step - 4,
                                    small.get_linesize() + (tiny.get_linesize() if names else 0)),
                        f"calendar:{r.index}", None,
                        f"{r.date}: {r.name}{', ' + r.place if r.place else ''}"
                        + (" - a joint communique may be called" if r.communique else "")
                        + (" - the summit: the chair puts a draft to signature" if r.final else "")
                        + (f". {r.description}" if r.description else ""))
        dl = pygame.Rect(rect.right - f.px(160), cy - small.get_linesize() // 2 - 2, f.px(150),
                         small.get_linesize() + 4)
        D.rounded(surf, dl, c["refused_bg"], 4)
        D.text(surf, f.get("small", True), f"Deadline {cal.deadline_short}", dl.center, c["refused"], "center",
               max_width=dl.width - 6)
        self.ui.add(dl, "calendar:deadline", None,
                    f"The talks must end by {cal.deadline} ({cal.days_left} days after this meeting).")

    # --- the table with name cards and the paper -------------------------------------------
    def seat_rects(self, rect: pygame.Rect, n: int) -> list[pygame.Rect]:
        """Seats around the table: the head (top row) and the two long sides.

        With large text (``compact``) every seat is on a long side and the cards are slimmer,
        so the paper in the middle gets the room."""
        f = self.f
        compact = self.compact()
        gap = f.px(6)
        n_top = self._seat_n_top = self._n_top(n, compact, rect)
        rest = n - n_top
        n_right = math.ceil(rest / 2)
        n_left = rest - n_right
        cw = self._side_card_width(rect, compact)
        if compact:
            ch_max = self.card_line_heights()[2]
        else:
            ch_max = f.line_height("small", True) * 3 + f.px(18)
        top_h = min(ch_max, int(rect.height * 0.2)) if n_top else 0
        side_n = max(n_right, n_left, 1)
        side_y0 = rect.y + gap + (top_h + gap if n_top else 0)
        avail = rect.bottom - side_y0 - gap
        ch = min(ch_max, int(avail - gap * (side_n - 1)) // side_n)
        inner_w = rect.width - 2 * cw - 4 * gap
        tw = min(int(cw * 1.15), (inner_w - gap * (n_top - 1)) // max(n_top, 1))
        tx0 = rect.centerx - (n_top * tw + (n_top - 1) * gap) // 2
        top = [pygame.Rect(tx0 + i * (tw + gap), rect.y + gap, tw, top_h) for i in range(n_top)]

        def column(x, count):
            if count == 0:
                return []
            spacing = avail / count
            return [pygame.Rect(x, int(side_y0 + i * spacing + (spacing - ch) / 2), cw, ch) for i in range(count)]
        right = column(rect.right - cw - gap, n_right)
        left = column(rect.x + gap, n_left)
        # clockwise from the head of the table: top row (left to right), right side, left side bottom-up
        order = top + right + list(reversed(left))
        return order[:n]

    def card_line_heights(self) -> tuple[int, int, int]:
        """(padding, first line, full card height) of a compact name card."""
        f = self.f
        pad = f.px(5)
        # name, then the stance (or the status, or the signature), then the delegate's name
        return pad, f.line_height("small", True), 2 * pad + f.line_height("small", True) + 2 * f.line_height("tiny") + 2

    def _n_top(self, n: int, compact: bool, rect: pygame.Rect) -> int:
        """Seats in the head row. With large text none (the long sides hold them all) and else a
        quarter of a crowded table; more when the long sides would otherwise hold cards shorter than a
        line of their smallest font (a conference of dozens of delegations), as many as fit across."""
        f = self.f
        if compact:
            n_top = 0
        elif n <= 2:
            return n
        else:
            n_top = 1 if n <= 11 else math.ceil(n / 4)
        gap = f.px(6)
        min_row = f.line_height("tiny", True) + 2
        top_h = min(self.card_line_heights()[2] if compact else f.line_height("small", True) * 3 + f.px(18),
                    int(rect.height * 0.2))
        cw = self._side_card_width(rect, compact)
        max_top = max(n_top, (rect.width - 2 * cw - 4 * gap) // (f.px(34) + gap))
        while n_top < min(max_top, n):
            side_n = max(1, math.ceil((n - n_top) / 2))
            avail = rect.height - 2 * gap - (top_h + gap if n_top else 0)
            if (avail - gap * (side_n - 1)) / side_n >= min_row:
                break
            n_top += 1
        return n_top

    def _side_card_width(self, rect: pygame.Rect, compact: bool) -> int:
        f = self.f
        if compact:
            return max(f.px(140), min(int(rect.width * 0.22), f.px(175)))
        return max(f.px(150), min(int(rect.width * 0.215), f.px(260)))

    def draw_table(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        c, f = self.c, self.f
        compact = self.compact()
        n = len(vm.delegates)
        seats = self.seat_rects(rect, n)
        # the chair sits at the head: rotate the seating so the chair takes the middle top seat
        # (with large text, the first seat of the right-hand side)
        chair_idx = next((d.index for d in vm.delegates if d.is_chair), 0)
        n_top = self._seat_n_top
        head = n_top // 2
        order = [(chair_idx + (s - head)) % n for s in range(n)]
        gap = f.px(6)
        top_h = max((s.height for s in seats[:n_top]), default=0)
        left_edge = min((s.right for s in seats if s.x < rect.centerx - rect.width // 4), default=rect.x)
        right_edge = max((s.x for s in seats if s.right > rect.centerx + rect.width // 4), default=rect.right)
        felt_y = rect.y + (top_h + 2 * gap if n_top else gap + f.px(4))
        felt = pygame.Rect(left_edge + gap + (f.px(2) if compact else 0), felt_y,
                           right_edge - left_edge - 2 * gap - (f.px(4) if compact else 0),
                           rect.bottom - gap - felt_y - (f.px(4) if compact else 0))
        rim_r = f.px(24) if compact else f.px(60)
        rim = felt.inflate(f.px(6) if compact else f.px(10), f.px(6) if compact else f.px(10))
        D.rounded(surf, rim.move(0, 5), c["shadow"], rim_r)
        D.rounded(surf, rim, c["table_rim"], rim_r)
        D.rounded(surf, felt, c["table_felt"], rim_r - 4)
        if compact:
            D.rounded(surf, felt.inflate(-f.px(6), -f.px(6)), c["table_felt_light"], rim_r - 8, 1)
            self.paper_rect = felt.inflate(-f.px(10), -f.px(10))
        else:
            D.rounded(surf, felt.inflate(-f.px(16), -f.px(16)), c["table_felt_light"], f.px(50), 1)
            self.paper_rect = felt.inflate(-f.px(18), -f.px(14))
        self.card_rects = {}
        for s, i in zip(seats, order):
            self.card_rects[vm.delegates[i].id] = s
        self.draw_paper(surf, self.paper_rect, vm)
        for s, i in zip(seats, order):
            self._kept_card(surf, s, vm.delegates[i], vm)
        if self.sel_actor in self.card_rects:  # over the cards: a neighbour never hides them
            self._selection_brackets(surf, self.card_rects[self.sel_actor])
        self.draw_anims(surf, vm)

    def _kept_card(self, surf, r: pygame.Rect, d: P.DelegateVM, vm: P.TableVM) -> None:
        """A name card, drawn again only when what it shows changed (else its kept picture)."""
        f = self.f
        sig = self.anims.get(("sig", d.id))
        if sig is not None and self.app.time - sig[0] < self.STAMP_S:  # its stamp is still coming down
            self.layers.draw(self.ui, surf, ("card", d.id), r, None, lambda t, o: self.draw_card(t, r, d, vm))
            return
        k_axis = P.stance_issue(self.match.game.model)
        key = (d, d.id == self.sel_actor, self.compact(), self.match.state.phase, f, f.scale,
               vm.issues[k_axis] if vm.issues else None)
        m = f.px(8) + 8  # the turn's glow, the selection ring and the shadow
        self.layers.draw(self.ui, surf, ("card", d.id), r.inflate(2 * m, 2 * m), key,
                         lambda t, o: self.draw_card(t, r.move(-o[0], -o[1]), d, vm))

    def card_tags(self, d: P.DelegateVM) -> list[str]:
        tags = []
        if d.is_chair:
            tags.append("CHAIR")
        if d.is_me:
            tags.append("YOU" if d.is_human else "VIEW")
        elif d.is_human:
            tags.append("HUMAN")
        return tags

    def draw_card(self, surf, r: pygame.Rect, d: P.DelegateVM, vm: P.TableVM) -> None:
        """A delegation's name card. Its texts are placed by priority (name and tags, the signature
        stamp, the stance or the status, then the delegate's name) and one that would overlap an
        earlier one, or leave the card, is left out (the tooltip has everything)."""
        c, f = self.c, self.f
        compact = self.compact()
        away = d.status in ("walked_out", "boycotting", "non_party")
        selected = d.id == self.sel_actor
        if d.is_turn:
            glow = r.inflate(f.px(8), f.px(8))
            D.rounded(surf, glow, c["brass"], 10)
        if away:
            D.rounded(surf, r, c["panel"], 6)
            if d.status == "boycotting":
                D.hatch(surf, r, c["panel_border"], f.px(9))
            D.dashed_rect(surf, r, c["text_dim"], f.px(5), 2)
        else:
            D.paper(surf, r, c, 6)
        if selected:  # (the frame grows with the text beyond 1080 p, as the gaps do: 3 px was a hairline at 4K)
            D.rounded(surf, r.inflate(f.gap(4), f.gap(4)), c["selected"], f.gap(8), f.gap(3))
        ink = c["ink"] if not away else c["text_muted"]
        inside = r.inflate(2, 2)
        placed: list[pygame.Rect] = []

        def free(rect: pygame.Rect) -> bool:
            return inside.contains(rect) and not any(rect.colliderect(p) for p in placed)

        def put(font, s: str, pos, colour, anchor: str = "topleft", max_width: int | None = None,
                required: bool = False) -> pygame.Rect | None:
            if max_width is not None:
                s = D.ellipsize(font, s, max_width)
            if not s.rstrip(".").strip():  # cut to nothing but "...": left out (the tooltip has it)
                return None
            rect = pygame.Rect((0, 0), font.size(s))
            setattr(rect, anchor, (int(pos[0]), int(pos[1])))
            if not required and not free(rect):
                return None
            placed.append(D.text(surf, font, s, pos, colour, anchor))
            return placed[-1]

        if self.row_card(r):
            self._draw_row_card(surf, r, d, ink, put)
        else:
            self._draw_full_card(surf, r, d, ink, put, placed, away, compact)
        model = self.match.game.model
        k_axis = P.stance_issue(model)
        tip = (f"{d.name} - {d.delegate}{', ' + d.title if d.title else ''}. Status: {d.status_label}. "
               f"Stance on {vm.issues[k_axis].name if vm.issues else 'the axis'}: "
               f"{d.stance_label} (marker: left = {vm.issues[k_axis].levels[0].name}, "
               f"right = {vm.issues[k_axis].levels[-1].name})."
               + (" Chairs the talks." if d.is_chair else "")
               + (" Played by people (the person mark at its top right), not the computer." if d.is_human else "")
               + (f" Declared red lines: {'; '.join(d.red_lines)}." if d.red_lines else "")
               + (f" Signature: {d.signature_label}." if self.match.state.phase != "diplomacy" else "")
               + " Click for its profile and your relations"
               + ("; right-click to choose it (for Lobby and Offer; on a touch screen, hold a finger on it)."
                  if self.WORKING_TEXT else "."))
        self.ui.add(r, f"card:{d.id}", (lambda a=d.id: self.open_profile(a)), tip,
                    on_right=(lambda a=d.id: self.pick_actor(a)))


    def _selection_brackets(self, surf, r: pygame.Rect) -> None:
        """The chosen delegation's corner brackets, outside its card: a shape of its own, so the choice
        (Tab / Shift+Tab) is seen apart from the glow of the delegation whose turn it is, which is
        the same gold."""
        c, f = self.c, self.f
        out = r.inflate(2 * f.px(5), 2 * f.px(5))
        arm = max(f.px(10), min(out.width, out.height) // 4)
        w = max(3, f.px(3))
        for cx, cy, dx, dy in ((out.left, out.top, 1, 1), (out.right - 1, out.top, -1, 1),
                               (out.left, out.bottom - 1, 1, -1), (out.right - 1, out.bottom - 1, -1, -1)):
            for colour, grow in ((c["ink"], 1), (c["selected"], 0)):  # a dark edge: it shows on the gold glow
                x0 = cx - dx * grow
                y0 = cy - dy * grow
                hw, hh = arm + grow, w + 2 * grow
                pygame.draw.rect(surf, colour, pygame.Rect(min(x0, x0 + dx * hw), min(y0, y0 + dy * hh), hw, hh))
                pygame.draw.rect(surf, colour, pygame.Rect(min(x0, x0 + dx * hh), min(y0, y0 + dy * hw), hh, hw))

    def _draw_full_card(self, surf, r: pygame.Rect, d: P.DelegateVM, ink, put, placed: list, away: bool,
                        compact: bool) -> None:
        """A card tall enough for the badge, the name and (room permitting) the stance and the delegate."""
        c, f = self.c, self.f
        if compact:
            pad, line1, _ = self.card_line_heights()
            # within the name's line: a disc reaching the stance's line (an even line height at some
            # text sizes, e.g. a 1600 x 900 window with large text) left the stance out
            rad = max(6, min(f.px(12), (line1 - 1) // 2))
            centre = (r.x + pad + rad, r.y + pad + line1 // 2)
        else:
            pad = f.px(6)
            line1 = f.line_height("small", True)
            rad = min(f.px(15), r.height // 3)
            centre = (r.x + pad + rad, r.y + pad + rad)
        placed.append(D.badge(surf, centre, rad, d.colour, d.short, D.initials_font(f, d.short, rad)))
        tx = r.x + pad * 2 + 2 * rad
        # 1. tags and the name
        tag_font = f.get("tiny", True)
        tiny_h = f.get("tiny").get_linesize()
        tag_x = r.right - pad
        name_y = r.y + pad - (1 if compact else 2)
        name_w = f.get("small", True).size(d.name)[0]
        tags = self.card_tags(d)
        low_mark = None  # compact: the people-played mark at the bottom right (the name line is full)
        if d.is_human and compact:
            tag_h = tag_font.get_linesize()
            y3 = name_y + line1 + tiny_h
            y = y3 if y3 + tag_h <= r.bottom - 1 else name_y + line1
            low_mark = self.person_tag(surf, r.right - pad, y + max(0, (tiny_h - tag_h) // 2), tag_h, tag_font)
            placed.append(low_mark)
        elif d.is_human:  # played by people: a mark that always fits (its tooltip and HUMAN say it in words)
            you = "YOU" if "YOU" in tags else ""  # (your own card: in the YOU tag)
            tags = [t for t in tags if t != "YOU"]
            tag_h = tag_font.get_linesize()
            rest = sum(tag_font.size(t)[0] + 11 for t in tags if t != "HUMAN")  # CHAIR, after it
            icon = not you or tag_x - self.person_tag_width(tag_h, tag_font, you) - 3 - rest >= tx + name_w + 2
            if you and tag_x - self.person_tag_width(tag_h, tag_font, you, icon) < tx + f.px(30):
                you, icon = "", True  # a narrow card (a crowded table): the outline alone, as before no YOU
            tr = self.person_tag(surf, tag_x, name_y + max(0, (line1 - tag_h) // 2), tag_h, tag_font, you,
                                 icon=icon)
            placed.append(tr)
            tag_x = tr.x - 3
        for t in tags:
            tw = tag_font.size(t)[0] + 8
            tr = pygame.Rect(tag_x - tw, name_y + max(0, (line1 - tag_font.get_linesize()) // 2), tw,
                             tag_font.get_linesize())
            # CHAIR and YOU may shorten the name; HUMAN (also in the tooltip) only takes spare room
            if tr.x < tx + (name_w + 2 if t == "HUMAN" else f.px(30)):
                break
            D.rounded(surf, tr, c["brass"] if t == "CHAIR" else c["button"], 3)
            put(tag_font, t, tr.center, c["ink"] if t == "CHAIR" else c["button_text"], "center", required=True)
            tag_x = tr.x - 3
        under = None if compact else self._name_under_badge(r, d.name, tx, tag_x, pad, centre[1] + rad)
        if under is not None:  # a narrow card (a crowded head row): the name across the card, under the badge
            put(under[0], d.name, under[1], ink, max_width=r.width - 2 * pad, required=True)
        else:
            put(f.get("small", True), d.name, (tx, name_y), ink, max_width=tag_x - tx - 2, required=True)
        signed_state = self.match.state.phase in ("signing", "ended") and d.signature in (0, 1)
        tiny, tiny_b = f.get("tiny"), f.get("tiny", True)
        status = d.status_label.upper()
        if compact:
            # 2. one line under the name: the signature, else the status (away) or the stance
            y2 = name_y + line1
            x2 = r.x + pad
            w2 = r.right - pad - x2
            w2b = w2  # the line beside the people-played mark: up to it
            if low_mark is not None and low_mark.y < y2 + tiny_h:
                w2 = low_mark.x - 4 - x2
            elif low_mark is not None:
                w2b = low_mark.x - 4 - x2
            if signed_state:
                label = "SIGNED" if d.signature == 1 else "DECLINED"
                col = pygame.Color(40, 90, 160) if d.signature == 1 else pygame.Color(170, 60, 40)
                box = pygame.Rect(x2, y2 + 1, tiny_b.size(label)[0] + 10, tiny_b.get_linesize() - 2)
                D.rounded(surf, box, col, 3, 2)
                put(tiny_b, label, box.center, col, "center", required=True)
                if not away and d.stance is not None:
                    put(tiny, d.stance_label, (box.right + 6, y2), ink, max_width=x2 + w2 - box.right - 6)
            elif away:
                put(tiny_b, status, (x2, y2), c["refused"], max_width=w2)
            elif d.stance is not None:
                put(tiny_b, d.stance_label, (x2, y2), ink, max_width=w2)
            put(tiny, d.delegate, (x2, y2 + tiny.get_linesize()), ink, max_width=w2b)  # when there is room
        else:
            # 2. the stance: a marker on the axis (first level ... last level) with its label,
            #    or the signature stamp at the summit
            ay = r.bottom - pad - f.px(7)
            ax0, ax1 = r.x + pad + 2, r.x + int(r.width * 0.36)
            if r.height >= f.px(50) and d.stance is not None:
                pygame.draw.line(surf, ink, (ax0, ay), (ax1, ay), 1 if signed_state else 2)
                if not signed_state:
                    for t in (0.0, 0.5, 1.0):
                        x = ax0 + (ax1 - ax0) * t
                        pygame.draw.line(surf, ink, (x, ay - 3), (x, ay + 3), 1)
                mx = ax0 + (ax1 - ax0) * d.stance
                D.triangle_down(surf, (mx, ay - 3), f.px(4 if signed_state else 5),
                                c["ink"] if not away else c["text_muted"])
                placed.append(pygame.Rect(ax0, ay - 3 - f.px(5), ax1 - ax0, f.px(5) + 6))
            if signed_state:
                start, _ = self.anims.get(("sig", d.id), (0, 0))
                k = D.ease((self.app.time - start) / 0.35)
                font = f.get("small", True)
                col = pygame.Color(40, 90, 160) if d.signature == 1 else pygame.Color(170, 60, 40)
                label = "SIGNED" if d.signature == 1 else "DECLINED"
                if font.size(label)[0] + 16 > r.width - 2 * pad:  # a narrow card (a crowded head row)
                    font = f.get("tiny", True)
                if font.size(label)[0] + 16 > r.width - 2 * pad:  # still too wide: a check or a cross
                    side = max(8, min(f.px(16), r.width // 3))
                    mark = pygame.Rect(r.right - pad - side, ay - side - f.px(4), side, side)
                    (D.check_mark if d.signature == 1 else D.cross_mark)(surf, mark, col, 2)
                    placed.append(mark)
                    signed_state = None
            if signed_state:
                sy = ay - int((1 - k) * 12)
                sx = r.right - font.size(label)[0] // 2 - pad - 8
                if r.height < f.line_height("small", True) * 3:
                    sy = r.centery + f.px(6)
                placed.append(D.stamp(surf, (sx, sy), font, label, col, angle=-6 if d.signature == 1 else 5,
                                      within=r.inflate(-2, -2)))
            elif r.height >= f.px(50) and d.stance is not None and signed_state is not None:
                put(tiny_b, d.stance_label, (ax1 + 6, ay), ink, "midleft", max_width=r.right - ax1 - pad - 6)
            # 3. the delegate's name (or the status of a delegation away from the table); with the name
            #    under the badge, only the status, beside the badge (the tooltip has the delegate)
            y2 = name_y + line1 if under is None else name_y
            if away:
                put(tiny_b, status, (tx, y2), c["refused"], max_width=r.right - tx - pad)
            elif under is None:
                put(tiny, d.delegate, (tx, y2), ink, max_width=r.right - tx - pad)

    def _name_under_badge(self, r: pygame.Rect, name: str, tx: int, tag_x: int, pad: int, badge_bottom: int):
        """(font, position) for a name that shows more of itself across a narrow card, under the
        badge, in the tiny size than beside the badge in the small one ("Lao People's..." rather
        than "Lao..."); None to keep it beside the badge. Only where the line fits above the
        stance axis at the card's bottom."""
        f = self.f
        small, tiny_b = f.get("small", True), f.get("tiny", True)
        beside = tag_x - tx - 2
        if small.size(name)[0] <= beside or beside >= f.px(80):
            return None
        y = badge_bottom + 2
        axis_top = r.bottom - pad - f.px(7) - 3 - f.px(5)
        if y + tiny_b.get_linesize() > axis_top:
            return None
        full = r.width - 2 * pad
        if len(D.ellipsize(tiny_b, name, full)) < len(D.ellipsize(small, name, beside)) + 3:
            return None
        return tiny_b, (r.x + pad, y)

    def person_tag_width(self, height: int, font, label: str = "", icon: bool = True) -> int:
        return (max(8, height - 4) + 6 if icon else 4) + (font.size(label)[0] + 4 if label else 0)

    def person_tag(self, surf, right: int, y: int, height: int, font, label: str = "",
                   icon: bool = True) -> pygame.Rect:
        """The mark of a delegation played by people: a person's outline on a dark tag (with ``label``
        after it: YOU), ending at ``right``. It is a card's first tag, at its top right corner, so
        every card has it, in the same place (the class sees at a glance which seats are teams).
        Without ``icon``: the YOU tag alone (your own card, where the outline would cut your name)."""
        c = self.c
        icon_w = max(8, height - 4)
        tr = pygame.Rect(right - self.person_tag_width(height, font, label, icon), y, 0, height)
        tr.width = right - tr.x
        D.rounded(surf, tr, c["button"], 3)
        if icon:
            D.person_icon(surf, pygame.Rect(tr.x + 3, tr.y + 2, icon_w, height - 4), c["button_text"])
        if label:
            D.text(surf, font, label, (tr.x + (icon_w + 5 if icon else 4), tr.centery), c["button_text"], "midleft")
        return tr

    def row_card(self, r: pygame.Rect) -> bool:
        """Whether the card is too short for its name under the padding (a crowded table): then it is
        one row, a small badge and the name, centred on the card's height."""
        f = self.f
        pad = self.card_line_heights()[0] if self.compact() else f.px(6)
        return r.height < 2 * pad + f.line_height("small", True) - 2

    def _draw_row_card(self, surf, r: pygame.Rect, d: P.DelegateVM, ink, put) -> None:
        """A one-row card: a badge (initials when they are readable), the name in the largest font that
        fits the height, its tags, and at the summit a check or a cross for the signature."""
        c, f = self.c, self.f
        font = f.get("small", True)
        if font.get_linesize() > r.height:
            font = f.get("tiny", True)
        if font.get_linesize() > r.height + 4:  # more delegations than the window can name: the badge's
            font = None                          # colour only (the tooltip names it; validate warns)
        rad = max(4, min(f.px(12), (r.height - 2) // 2))
        cx, cy = r.x + 3 + rad, r.centery
        if rad >= 7:
            D.badge(surf, (cx, cy), rad, d.colour, d.short, D.initials_font(f, d.short, rad))
        else:  # too small for initials: the colour alone (the name follows)
            pygame.draw.circle(surf, D.hex_colour(d.colour), (cx, cy), rad)
            pygame.draw.circle(surf, (20, 28, 40), (cx, cy), rad, 1)
        tx = cx + rad + 4
        right = r.right - 4
        if self.match.state.phase in ("signing", "ended") and d.signature in (0, 1):
            side = max(8, min(r.height - 4, f.px(14)))
            mark = pygame.Rect(right - side, cy - side // 2, side, side)
            if d.signature == 1:
                D.check_mark(surf, mark, pygame.Color(40, 90, 160), 2)
            else:
                D.cross_mark(surf, mark, pygame.Color(170, 60, 40), 2)
            right = mark.x - 3
        tag_font = f.get("tiny", True)
        tags = self.card_tags(d)
        if d.is_human:  # played by people: the mark first (it always fits), as on the taller cards
            th = min(tag_font.get_linesize(), max(9, r.height - 2))
            you = "YOU" if "YOU" in tags and font is not None and th >= tag_font.get_linesize() else ""
            tags = [t for t in tags if t != "YOU" or not you]
            right = self.person_tag(surf, right, cy - th // 2, th, tag_font, you).x - 3
        for t in tags if font is not None else ():
            tw = tag_font.size(t)[0] + 8
            if right - tw < tx + f.px(30):
                break
            tr = pygame.Rect(right - tw, cy - tag_font.get_linesize() // 2, tw, tag_font.get_linesize())
            D.rounded(surf, tr, c["brass"] if t == "CHAIR" else c["button"], 3)
            put(tag_font, t, tr.center, c["ink"] if t == "CHAIR" else c["button_text"], "center", required=True)
            right = tr.x - 3
        if font is not None:
            put(font, d.name, (tx, cy), ink, "midleft", max_width=right - tx - 2, required=True)

    def draw_anims(self, surf, vm: P.TableVM) -> None:
        """A new draft: a sheet flies from its author's card and shrinks into its own tab on the
        paper, where it ends (so it never comes to rest over a card or the clause grid)."""
        done = []
        for key, (start, who) in self.anims.items():
            if key[0] != "draft":
                continue
            t = (self.app.time - start) / self.DRAFT_FLIGHT_S
            if t >= 1:
                done.append(key)
                continue
            src = self.card_rects.get(who)
            if src is None:
                done.append(key)
                continue
            sheet = self.sheet_rect(key[1], src, t)
            D.paper(surf, sheet, self.c, 3)
            D.rounded(surf, sheet, self.c["brass"], 3, 2)
            D.text(surf, self.f.get("small", True), f"D{key[1]}", sheet.center, self.c["ink"], "center")
        for key in done:
            self.anims.pop(key, None)

    def sheet_rect(self, draft_id: int, src: pygame.Rect, t: float) -> pygame.Rect:
        """Where the flying sheet of a new draft is at ``t`` (0: on its author's card, 1: its tab)."""
        k = D.ease(t)
        dst = self.tab_rects.get(draft_id)
        if dst is None:  # its tab is scrolled out of sight: the start of the tab row
            tab_h = self.f.line_height("small", True) + 4
            dst = pygame.Rect(self.paper_rect.x + self.f.px(8), self.paper_rect.y + self.f.px(6), self.f.px(50), tab_h)
        w = D.lerp(self.f.px(60), dst.width, k)
        h = D.lerp(self.f.px(76), dst.height, k)
        sheet = pygame.Rect(0, 0, int(round(w)), int(round(h)))
        sheet.center = (int(round(D.lerp(src.centerx, dst.centerx, k))), int(round(D.lerp(src.centery, dst.centery, k))))
        return sheet

    def draw_paper(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        c, f = self.c, self.f
        D.paper(surf, rect, c, 4)
        pad = f.px(6) if self.compact() else f.px(8)
        x, y = rect.x + pad, rect.y + pad
        tab_font = f.get("small", True)
        g = f.gap  # tabs apart, a space after "For:" at 1440 p and 4K too
        tab_h = tab_font.get_linesize() + g(4)
        self.tab_rects = {}
        # draft tabs
        if not vm.drafts:  # in fewer words when the paper is narrow
            hint = next((h for h in self.NO_DRAFT_TEXTS if tab_font.size(h)[0] <= rect.width - 2 * pad),
                        "No draft yet")
            D.text(surf, tab_font, hint, (x, y), c["ink_soft"], max_width=rect.width - 2 * pad)
        else:
            tabs = []
            per = {did: (signers, t, label) for did, signers, t, label in self.chair_choice()}
            for d in vm.drafts:
                label = f"D{d.id} {d.author_short}" + (" *" if d.on_table else "")
                tabs.append((d, label, tab_font.size(label)[0] + g(14)))
            avail = rect.width - 2 * pad
            sel_pos = next((n for n, t in enumerate(tabs) if t[0].id == self.sel_draft), 0)
            aw = max(tab_h, f.px(24))  # the arrows: targets a mouse hits (a glyph's width was 14 px)
            start = 0
            while sum(t[2] + g(4) for t in tabs[start:sel_pos + 1]) > avail - 2 * aw - 2 * g(4) and start < sel_pos:
                start += 1
            # the wheel over the strip steps through the drafts (the tabs may not all fit)
            self.ui.add(pygame.Rect(x, y, avail, tab_h), "drafts:strip", None,
                        "The drafts: click a tab to choose it; the mouse wheel steps through them",
                        on_wheel=self.wheel_draft, on_drag=lambda dy: None)  # a drag is no wheel here: a
            # hand moving on (down, to the grid) from the tab it clicked, the button still held, stepped
            # to another draft; a finger's stroke over a tab is neither a tap nor a choice
            tx = x
            if start > 0:
                ar = pygame.Rect(tx, y, aw, tab_h)
                D.rounded(surf, ar, c["paper_shade"], 4)
                D.text(surf, tab_font, "<", ar.center, c["ink"], "center")
                self.ui.add(ar, "drafts:prev", (lambda i=tabs[start - 1][0].id: self.pick_draft(i)),
                            "Earlier drafts (the wheel, Left or [)")
                tx += aw + g(4)
            for d, label, w in tabs[start:]:
                if tx + w > rect.right - pad - aw - g(4):
                    ar = pygame.Rect(rect.right - pad - aw, y, aw, tab_h)
                    D.rounded(surf, ar, c["paper_shade"], 4)
                    D.text(surf, tab_font, ">", ar.center, c["ink"], "center")
                    self.ui.add(ar, "drafts:next", (lambda i=d.id: self.pick_draft(i)),
                                "Later drafts (the wheel, Right or ])")
                    break
                tr = pygame.Rect(tx, y, w, tab_h)
                self.tab_rects[d.id] = tr
                sel = d.id == self.sel_draft
                D.rounded(surf, tr, c["button"] if sel else c["paper_shade"], 4)
                if d.on_table:
                    D.rounded(surf, tr, c["brass"], f.gap(4), f.gap(2))
                D.text(surf, tab_font, label, tr.center, c["button_text"] if sel else c["ink"], "center")
                fc = per.get(d.id)
                tip = (f"D{d.id}: {d.title}, tabled by {d.author_name} in round {d.round + 1}. "
                       f"Endorsed by {len(d.endorse)}, opposed by {len(d.oppose)}."
                       + (" It is open for signature." if d.on_table else "")
                       + (f" Communique: {d.communique}." if d.communique else "")
                       + (f" If put to signature: {len(fc[0])} would sign, tightness {fc[1]:.0f} ({fc[2]})."
                          if fc else ""))
                self.ui.add(tr, f"draft:{d.id}", (lambda i=d.id: self.pick_draft(i)), tip)
                tx += w + g(4)
        y += tab_h + g(4)
        draft = vm.draft(self.sel_draft)
        line_h = f.line_height("small", True)
        fx = x
        if draft is not None:
            rad = max(9, line_h // 2)  # big enough for readable initials at small sizes
            cy = y + line_h // 2
            for label, group in (("For:", draft.endorse), ("Against:", draft.oppose)):
                D.text(surf, f.get("small", True), label, (fx, cy), c["ink"], "midleft")
                fx += f.get("small", True).size(label)[0] + max(4, f.get("small").size(" ")[0])
                if not group:
                    D.text(surf, f.get("small"), "none", (fx, cy), c["ink_soft"], "midleft")
                    fx += f.get("small").size("none")[0]
                for aid in group:
                    dv = vm.delegate(aid)
                    if fx + 2 * rad > rect.right - pad:
                        break
                    br = D.badge(surf, (fx + rad, cy), rad, dv.colour, dv.short, D.initials_font(f, dv.short, rad))
                    verb = "endorses" if label == "For:" else "opposes"
                    self.ui.add(br, f"supporter:{aid}", None, f"{dv.name} {verb} D{draft.id}")
                    fx += 2 * rad + 2
                fx += f.px(14)
            title = f"{draft.title}, by {draft.author_name}" + (f"; communique {draft.communique}"
                                                                  if draft.communique else "")
        else:
            title = "Your working text" if self.WORKING_TEXT else ""
        if title and rect.right - pad - fx > f.px(60):
            D.text(surf, f.get("small"), title, (rect.right - pad, y + line_h // 2), c["ink_soft"], "midright",
                   max_width=rect.right - pad - fx)
        y += line_h + 2
        grid = pygame.Rect(x, y, rect.width - 2 * pad, rect.bottom - pad - y)
        key = (self.compact(), f, f.scale, vm.issues, tuple((d.id, d.levels) for d in vm.drafts),
               (draft.id, draft.levels) if draft is not None else None, tuple(self.compose), self.sel_issue,
               self.grid_first, self.grid_reveal)
        m = f.px(10)  # the chosen row's marker left of the grid
        self.layers.draw(self.ui, surf, "grid", grid.inflate(2 * m, 2 * m), key,
                         lambda t, o: self.draw_grid(t, grid.move(-o[0], -o[1]), vm, draft))

    MANY_LEVELS = 5  # a grid with an issue of this many levels: rows as tall as the level names need
    GRID_LINES = 4  # the most lines of a level's name a row is made tall enough for

    def _grid_rows(self, rect: pygame.Rect, issues, row_h: float, name_h: int, col_w: float,
                   inset: int, per_band: int) -> tuple[list, list]:
        """The tops (None: scrolled out of the grid) and heights of the clause grid's rows when an
        issue has many levels: equal rows where they hold every level name (up to GRID_LINES lines of
        whole words), else each row as tall as its names need, the room left shared out; where that
        does not fit either, fewer lines, and with the names above their cells the grid scrolls a
        whole row at a time (``grid_first``; the chosen issue's row brought into view), so that no
        row is ever cut in half. Sets ``grid_window``: (first row, end, rows, offset, total) in
        pixels, or None when every row shows. ``per_band``: levels a band of cells holds."""
        tiny = self.f.get("tiny")
        lh = tiny.get_linesize()
        text_w = int(col_w) - 4 - 2 * self.f.gap(4)  # a cell's text: as in draw_grid
        n = len(issues)
        self.grid_window = None
        equal = ([rect.y + k * row_h for k in range(n)], [row_h] * n)

        def needs(cap: int) -> list[int]:  # the issue's name, then each band of cells
            return [name_h + -(-len(iss.levels) // per_band) * (2 * inset + 2 + lh * min(
                cap, max(len(D.wrap_words(tiny, lv.name, text_w)) for lv in iss.levels))) for iss in issues]

        for cap in range(self.GRID_LINES, 1, -1):
            need = needs(cap)
            if max(need) <= row_h:
                return equal
            if sum(need) <= rect.height:
                heights = [h + (rect.height - sum(need)) / n for h in need]
                return list(itertools.accumulate([rect.y] + heights[:-1])), heights
        if not name_h:  # the names beside their cells: equal rows, the level names cut short
            return equal
        need = needs(self.GRID_LINES)

        def end_of(first: int) -> int:
            end, used = first, 0
            while end < n and used + need[end] <= rect.height:
                used += need[end]
                end += 1
            return max(end, first + 1)

        last_first = n - 1
        while last_first > 0 and end_of(last_first - 1) == n:
            last_first -= 1
        first = max(0, min(self.grid_first, last_first))
        if self.grid_reveal:
            sel = max(0, min(self.sel_issue, n - 1))
            first = min(first, sel)
            while end_of(first) <= sel:
                first += 1
            self.grid_reveal = False
        self.grid_first = first
        end = end_of(first)
        spare = (rect.height - sum(need[first:end])) / (end - first)
        tops: list = [None] * n
        heights: list = list(need)
        y = rect.y
        for k in range(first, end):
            heights[k] = min(rect.height, need[k] + spare)
            tops[k] = y
            y += heights[k]
        self.grid_window = (first, end, n, sum(need[:first]), sum(need))
        return tops, heights

    def scroll_grid(self, rows: int) -> bool:
        """Scroll the clause grid by whole rows (the wheel; draw_grid keeps it in range). Whether it
        moved (False at its end, as last drawn: where a flick's glide stops)."""
        old = self.grid_first
        at_end = self.grid_window is not None and self.grid_window[1] >= self.grid_window[2]
        self.grid_first = max(0, old + rows) if rows < 0 or not at_end else old
        return self.grid_first != old

    def draw_grid(self, surf, rect: pygame.Rect, vm: P.TableVM, draft: P.DraftVM | None) -> None:
        c, f = self.c, self.f
        issues = vm.issues
        self.mark_rects = []
        if not issues:
            return
        max_levels = max(len(i.levels) for i in issues)
        compact = self.compact()
        inset = 1 if compact else 2
        head_h = 0
        row_h = (rect.height - head_h) / len(issues)
        tiny = f.get("tiny")
        tiny_b = f.get("tiny", True)
        label_font = f.get("small", True) if row_h > f.line_height("small", True) * 2.2 else tiny_b
        # the issue names' column: a share of the width, but wide enough for the longest word
        longest = max((label_font.size(w)[0] for iss in issues for w in iss.name.split()), default=0)
        name_w = min(int(rect.width * 0.34), max(int(rect.width * (0.23 if compact else 0.27)), longest + 10))
        col_w = (rect.width - name_w) / max_levels
        # many levels (six or more in a narrow grid): beside the names' column a level's cell would be
        # a few letters wide and its name broken letter by letter, so when the rows are tall enough
        # each issue's name goes on a line of its own across the row and its levels use the whole width
        name_h = 0
        stack_font = f.get("tiny", True)
        many = max_levels >= self.MANY_LEVELS
        if col_w < f.px(58) and (many or row_h >= stack_font.get_linesize() + 2 * tiny.get_linesize() + 2 * inset + 4):
            name_h, name_w, label_font = stack_font.get_linesize() + 2, 0, stack_font
            col_w = rect.width / max_levels
        # many levels with the names above their cells, and still too narrow a column for a word:
        # the levels of a long issue go on two bands of cells (left to right, then the next band),
        # so that every column is twice as wide
        per_band = max_levels
        if name_h and many and col_w < f.px(64):
            per_band = -(-max_levels // 2)
            col_w = rect.width / per_band
        # many levels: each row as tall as its level names need (whole words, see D.wrap_words), and
        # where even so the rows do not all fit under each other, the grid scrolls a row at a time
        tops, heights = self._grid_rows(rect, issues, row_h, name_h, col_w, inset, per_band) if many else \
            ([rect.y + head_h + k * row_h for k in range(len(issues))], [row_h] * len(issues))
        wrap = D.wrap_words  # whole words, or an abbreviation: never a word split into syllables
        n0 = len(self.ui._next)
        others_by_cell: dict[tuple[int, int], list[int]] = {}
        for d in vm.drafts:
            if draft is not None and d.id == draft.id:
                continue
            for k, lv in enumerate(d.levels):
                others_by_cell.setdefault((k, lv), []).append(d.id)
        for k, iss in enumerate(issues):
            if tops[k] is None:  # scrolled out of the grid
                continue
            row = pygame.Rect(rect.x, int(tops[k]), rect.width, int(heights[k]))
            if k == self.sel_issue:
                D.rounded(surf, row.inflate(4, 0), c["paper_shade"], 3)
            pygame.draw.line(surf, c["paper_line"], (rect.x, row.y), (rect.right, row.y), 1)
            if k == self.sel_issue:  # the row Up / Down move (the keyboard's place): ringed and marked,
                # in a brass dark enough for paper (3:1 at least: the shade alone is 1.2:1)
                D.rounded(surf, row.inflate(f.gap(4), 0), c["brass_ink"], f.gap(3), f.gap(2))
                D.triangle_down(surf, (rect.x - f.gap(2), row.centery), f.gap(5), c["brass_ink"])
            if name_h:  # the name on one line across the row, the cells under it
                D.text(surf, label_font, D.fit_words(label_font, iss.name, rect.width - 4) if many else iss.name,
                       (rect.x + 2, row.y + 1), c["ink"], max_width=rect.width - 4)
                name_box = pygame.Rect(rect.x, row.y, rect.width, name_h)
                row = pygame.Rect(row.x, row.y + name_h, row.width, row.height - name_h)
            else:
                name_lines = D.wrap_words(label_font, iss.name, name_w - 6)
                nl = min(len(name_lines), max(1, int((row.height - 2) // label_font.get_linesize())))
                for n, line in enumerate(name_lines[:nl]):
                    line = D.fit_words(label_font, line, name_w - 6, n == nl - 1 and len(name_lines) > nl)
                    D.text(surf, label_font, line, (rect.x + 2, row.y + 2 + n * label_font.get_linesize()),
                           c["ink"], max_width=name_w - 6)
                name_box = pygame.Rect(rect.x, row.y, name_w, row.height)
            self.ui.add(name_box, f"issue:{k}",
                        (lambda i=k: self.pick_issue(i)),
                        f"{iss.name}: {iss.description} Levels run from looser (left) to tighter (right)." + (" (It decides when, not how binding: no depth of "
                                                            "its own.)" if iss.sequencing else
                                                            f" Weight in depth: {iss.weight:g}."))
            band_h = row.height / -(-len(iss.levels) // per_band)
            for lv in iss.levels:
                band, col = divmod(lv.index, per_band)
                cell = pygame.Rect(int(rect.x + name_w + col * col_w) + 2, int(row.y + band * band_h) + inset,
                                   int(col_w) - 4, int(band_h) - 2 * inset)
                in_draft = draft is not None and draft.levels[k] == lv.index
                in_compose = self.WORKING_TEXT and k < len(self.compose) and self.compose[k] == lv.index
                changed = in_compose and not in_draft
                if in_draft:
                    D.rounded(surf, cell, c["button"], 4)
                else:
                    D.rounded(surf, cell, c["paper"], 4)
                    D.rounded(surf, cell, c["paper_line"], 4, 1)
                if in_compose:
                    D.rounded(surf, cell.inflate(f.gap(2), f.gap(2)), c["brass"] if changed else c["brass_dim"],
                              f.gap(5), f.gap(3 if changed else 2))
                    if changed:  # brass alone is too light on paper (1.7:1): a dark brass edge outside it
                        D.rounded(surf, cell.inflate(f.gap(4), f.gap(4)), c["brass_ink"], f.gap(6), f.gap(1))
                ink = c["button_text"] if in_draft else c["ink"]
                ix = f.gap(4)  # the text's inset (grows beyond 1080 p, with the text)
                full_w = cell.width - 2 * ix
                lh = tiny.get_linesize()
                max_l = max(1, int((cell.height - f.gap(1)) // lh))
                tag = "new"
                tw = tiny_b.size(tag)[0] + 6
                tr = pygame.Rect(cell.right - tw - 1, cell.bottom - tiny_b.get_linesize() - 1, tw,
                                 tiny_b.get_linesize())
                # other drafts at this level: small squares in the top right corner (names in the
                # tooltip), never over the level's name: in a row beside a shorter first line, or in
                # a block of rows beside shorter lines; else at the bottom on a free line; else as
                # many as fit beside the first line as it is (the tooltip lists them all)
                others = others_by_cell.get((k, lv.index), [])
                n_sq = min(len(others), 6)
                sq = max(4, f.px(5))
                lines = wrap(tiny, lv.name, full_w)
                sq_cols, sq_top, narrow_w, n_narrow = n_sq, True, full_w, 0
                if n_sq:
                    fits = None  # (lines, columns, narrow width, narrow lines)
                    for sq_rows in range(1, n_sq + 1):
                        cols = -(-n_sq // sq_rows)
                        if sq_rows > 1 and -(-n_sq // (sq_rows - 1)) == cols:
                            continue  # the same block as with a row fewer
                        block_w, block_h = cols * (sq + 2) + 2, sq_rows * (sq + 2) + 1
                        k_lines = max(1, -(-block_h // lh))
                        beside = D.wrap_narrow(tiny, lv.name, full_w - block_w, k_lines, full_w, wrap)
                        if beside is not None and len(beside) <= max_l:
                            fits = (beside, cols, full_w - block_w, k_lines)
                            break
                    if fits is not None:
                        lines, sq_cols, narrow_w, n_narrow = fits
                    elif len(lines) < max_l:  # a free line at the bottom
                        sq_top = False
                    else:
                        first = D.ellipsize(tiny, lines[0], full_w) if lines else ""
                        free = cell.right - 1 - (cell.x + ix + tiny.size(first)[0]) - 3
                        n_sq = sq_cols = max(0, min(n_sq, free // (sq + 2)))
                for n, line in enumerate(lines[:max_l]):
                    ly = cell.y + f.gap(1) + n * lh
                    width = narrow_w if n < n_narrow else full_w
                    if changed and ly + lh > tr.top:  # keep clear of the "new" tag
                        width -= tw + 2
                    # whole words, with "…" where the name goes on
                    line = D.fit_words(tiny, line, width, n == max_l - 1 and len(lines) > max_l)
                    D.text(surf, tiny, line, (cell.x + ix, ly), ink)
                if changed:
                    D.rounded(surf, tr, c["brass"], 3)
                    D.text(surf, tiny_b, tag, tr.center, c["ink"], "center")
                if n_sq:
                    right = cell.right - 1 if (sq_top or not changed) else tr.left - 2
                    sy = cell.y + 2 if sq_top else cell.bottom - sq - 3
                    for n_o in range(n_sq):
                        row_o, col_o = divmod(n_o, sq_cols)
                        mark = pygame.Rect(right - (col_o + 1) * (sq + 2), sy + row_o * (sq + 2), sq, sq)
                        pygame.draw.rect(surf, c["button_text"] if in_draft else c["ink_soft"], mark)
                        if D.RECTS is not None:  # tests: the marks never cover the level's name
                            self.mark_rects.append((f"cell:{k}:{lv.index}", mark.copy()))
                depth = f"depth {lv.depth:.2f}" if lv.depth is not None else "sequencing: no depth of its own"
                tip = (f"{iss.name}: {lv.name}. {lv.description} ({depth})"
                       + (f" In D{draft.id}." if in_draft else "")
                       + (f" Also in {', '.join('D' + str(i) for i in others)}." if others else "")
                       + self.CELL_CLICK_TIP)
                self.ui.add(cell, f"cell:{k}:{lv.index}", (lambda i=k, l=lv.index: self.pick_cell(i, l)), tip)
            if iss.my_ideal is not None:
                band, col = divmod(iss.my_ideal, per_band)
                ix, iy = rect.x + name_w + (col + 0.5) * col_w, int(row.y + band * band_h)
                pts = [(ix - 5, iy), (ix + 5, iy), (ix, iy + 7)]
                pygame.draw.polygon(surf, c["ink"], pts)
                self.ui.add(pygame.Rect(ix - 7, iy - 2, 14, 10), f"ideal:{k}", None,
                            f"Your ideal on {iss.name}: {P.level_name(self.match.game.model, k, iss.my_ideal)}"
                            + (f" (importance {iss.my_salience:.2f})" if iss.my_salience is not None else ""))
        if many and self.grid_window is not None:  # more rows than fit: where they are, and the wheel
            first, end, n, offset, total = self.grid_window
            track = pygame.Rect(rect.right + 3, rect.y, max(3, f.px(4)), rect.height)
            D.scroll_bar(surf, track, total, offset, c["paper_line"], c["brass_dim"], f.px(16))
            self.ui._next.insert(n0, Region(rect.union(track), "grid:scroll", None, "", True,
                                            lambda dy: self.scroll_grid(-dy)))
            self.ui.add(track.inflate(6, 0), "grid:more", None,
                        f"Issues {first + 1}-{end} of {n}: scroll with the mouse wheel, or choose an issue "
                        "with Up / Down")

    # --- the action panel --------------------------------------------------------------------
    def draw_actions(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        c, f = self.c, self.f
        D.panel(surf, rect, c)
        m = f.px(8)
        x, y = rect.x + m, rect.y + m
        w = rect.width - 2 * m
        # status line (in fewer words when the long form does not fit: it is never cut)
        statuses = self.status_texts(vm)
        status = statuses[0] if statuses else ""
        right_reserved = f.px(200)
        if self.message and (vm.my_turn or self.message[1]) and not vm.over:
            text, refused = self.message
            self._draw_message(surf, pygame.Rect(x - 4, y - 3, w + 4, f.line_height("label", True) + 4), text,
                               refused, status, vm.my_turn, right_reserved)
        else:
            font, status = self._fit_status(statuses, w - right_reserved)
            sr = D.text(surf, font, status, (x, y + (f.line_height("label", True) - font.get_linesize()) // 2),
                        c["brass_text"], max_width=w - right_reserved)
            if status:
                self.ui.add(sr, "status", None, statuses[0])
            if vm.to_move and not vm.to_move_human and not vm.over and self.ai_thinking() > self.THINKING_AFTER:
                self._draw_thinking(surf, sr, x + w - right_reserved)
        if vm.to_move and not vm.to_move_human and not vm.over:
            bw = f.px(190)
            self.ui.button(surf, (rect.right - m - bw, y - 2, bw, f.line_height("label", True) + 4),
                           "Skip AI pause", lambda: setattr(self, "skip", True), name="ai:skip", shortcut="Space",
                           size="small", tooltip="Let the AI delegations move without the pause")
        if vm.my_turn and vm.phase == "diplomacy" and not (self.message and self._message_wide):
            self._draw_ap(surf, rect.right - m, y + f.line_height("label", True) // 2, vm)
        y += f.line_height("label", True) + m // 2
        bh = f.px(34) if self.compact() else f.px(38)
        gap = f.px(6)
        my_turn = vm.my_turn
        cost = vm.costs
        check = self._check
        if vm.phase == "signing":
            buttons = [
                ("Put to signature", "put", "K", f"Put D{self.sel_draft} to signature (chair only)"),
                ("Sign", "sign", "S", "Sign the text open for signature"),
                ("Decline", "decline", "X", "Do not sign"),
            ]
            rows = [buttons]
        else:
            target = vm.delegate(self.sel_actor).name if self.sel_actor and vm.delegate(self.sel_actor) else "a delegation"
            row1 = [
                ("Table", "table", "T", f"Table your working text as a new draft ({cost.get('table', 2)} AP)"),
                ("Amend", "amend", "A", f"Amend D{self.sel_draft} on the chosen issue to your working level "
                                        f"({cost.get('amend', 1)} AP)"),
                ("Endorse", "endorse", "E", f"Endorse D{self.sel_draft} publicly ({cost.get('endorse', 1)} AP)"),
                ("Oppose", "oppose", "O", f"Oppose D{self.sel_draft} publicly ({cost.get('oppose', 1)} AP)"),
                ("Communique", "communique", "C", f"Chair: call for a joint communique on D{self.sel_draft} "
                                                  "(needs the consensus of those present; once a meeting)"
                                                  + (f". {P.communique_support(vm, self.sel_draft)}"
                                                     if self.sel_draft is not None else "")),
                ("Pass", "pass", "P", "End your turn for this round (an offer waiting for your answer lapses)"),
            ]
            row2 = [
                ("Lobby", "lobby", "L", f"Lobby {target} on the chosen issue (private; may backfire) "
                                        f"({cost.get('lobby', 1)} AP)"),
                ("Offer", "offer", "M", f"Make {target} a private offer ({cost.get('offer', 1)} AP)"),
                ("Red line >=", "red_at_least", "D", "Declare publicly: you sign only if the chosen issue is at "
                                                     "least your working level"),
                ("Red line <=", "red_at_most", "Sh+D", "Declare publicly: you sign only if the chosen issue is at "
                                                      "most your working level"),
                ("Walk out", "walk_out", "W", "Leave the table (take your outside option); you may return later "
                                              "(R). A delegation away from the table at the summit does not sign"),
                ("Return", "return", "R", f"Return to the table ({cost.get('return', 1)} AP; costs reputation)"),
            ]
            rows = [row1, row2]
        me_vm = vm.delegate(vm.viewer) if vm.viewer is not None else None
        not_yours = ("your delegation is away from the table: only those at the table sign"
                     if vm.phase == "signing" and me_vm is not None and me_vm.status != "present"
                     else "it is not your turn")
        for row in rows:
            bx = x
            for (label, kind, key, tip), (bw, shown) in zip(row, self._action_widths(row, w, gap, bh)):
                r = pygame.Rect(int(bx), y, int(bw), bh)
                bx += bw + gap
                reason = check(kind) if my_turn else not_yours
                style = "normal" if reason is None else "soft"
                tip2 = (f"{label}: " if shown != label else "") + tip + (f". Now: {reason}." if reason else "")
                self.ui.button(surf, r, shown, (lambda k=kind: self.act(k)), name=f"action:{kind}", shortcut=key,
                               tooltip=tip2, style=style, size="small")
            y += bh + gap
        if vm.phase == "signing":
            y = self._draw_signature_line(surf, pygame.Rect(x, y, w, rect.bottom - y - 4), vm)
        # an offer waiting for an answer (a free move: it does not end the turn)
        if vm.pending and my_turn and vm.phase == "diplomacy":
            o = vm.pending[0]
            bw = f.px(110)
            text = o.text + (f" ({len(vm.pending) - 1} more)" if len(vm.pending) > 1 else "")
            avail = rect.width - 2 * m - 2 * bw - 44
            # what is offered and what they ask in exchange, whole: on one line, else two, in the
            # small size or else the tiny one (the banner grows to hold them)
            lines, font = [text], f.get("small", True)
            for fnt in (f.get("small", True), f.get("tiny", True)):
                wrapped = D.wrap(fnt, text, avail)
                if len(wrapped) <= 2:
                    lines, font = wrapped, fnt
                    break
            else:
                lines, font = D.wrap(f.get("tiny", True), text, avail)[:3], f.get("tiny", True)
            lh = font.get_linesize()
            oh = max(f.px(40), lh * len(lines) + 10)
            ov = pygame.Rect(rect.x + m, rect.y - oh - f.px(4), rect.width - 2 * m, oh)
            D.rounded(surf, ov.move(0, 2), c["shadow"], 6)
            D.rounded(surf, ov, c["panel_light"], 6)
            D.rounded(surf, ov, c["private"], 6, 2)
            D.lock(surf, pygame.Rect(ov.x + 8, ov.centery - 7, 11, 14), c["private"])
            ty = ov.centery - lh * len(lines) // 2
            for n, line in enumerate(lines):
                D.text(surf, font, line, (ov.x + 26, ty + n * lh), c["text"], max_width=avail)
            self.ui.add(pygame.Rect(ov.x, ov.y, avail + 26, ov.height), "offer:text", None,
                        text + (f". {o.description}" if o.description else "") + " (Y accepts, N rejects; answering "
                        "costs no action point)")
            bh = min(ov.height - 8, f.px(36))
            self.ui.button(surf, (ov.right - 2 * bw - 12, ov.centery - bh // 2, bw, bh), "Accept",
                           lambda i=o.id: self.respond(i, True), name=f"offer:accept:{o.id}", shortcut="Y",
                           size="small", tooltip=o.description or o.name)
            self.ui.button(surf, (ov.right - bw - 6, ov.centery - bh // 2, bw, bh), "Reject",
                           lambda i=o.id: self.respond(i, False), name=f"offer:reject:{o.id}", shortcut="N",
                           size="small")

    # the short forms of action labels, for a row too narrow for the whole ones with their key hints
    ACTION_SHORT = {"red_at_least": "Red >=", "red_at_most": "Red <="}

    def _action_widths(self, row: list[tuple], w: int, gap: int, bh: int) -> list[tuple[float, str]]:
        """(width, label shown) of each button of a row of moves ``w`` wide: equal widths when every
        label fits whole with its key hint (a wide window); else each as wide as its label and key
        hint need and the rest shared out evenly, with the short form of a label (ACTION_SHORT; the
        tooltip has the whole) if the whole ones do not fit that way (large text in a small window:
        "Communique", "Walk out" and the red lines lost their keys, a keyboard player could not
        learn them on the screen); else equal widths again (a key hint that does not fit is in the
        button's tooltip and in Help, F1)."""
        key = (self.f, w, gap, bh, tuple((label, kind, k) for label, kind, k, _ in row))
        kept = self._widths_kept.get(key)
        if kept is None:  # (the same every frame: measured once)
            if len(self._widths_kept) > 64:
                self._widths_kept.clear()
            kept = self._widths_kept[key] = self._measure_action_widths(row, w, gap, bh)
        return kept

    _widths_kept: dict = {}  # _action_widths' answers (fonts, width and labels -> widths)

    def _measure_action_widths(self, row: list[tuple], w: int, gap: int, bh: int) -> list[tuple[float, str]]:
        n = len(row)
        avail = w - gap * (n - 1)
        equal = [(avail / n, label) for label, *_ in row]
        if all(self.ui.fit_label(pygame.Rect(0, 0, int(avail / n), bh), label, "small", True, key)[1]
               for label, _, key, _ in row):
            return equal
        for labels in ([label for label, *_ in row],
                       [self.ACTION_SHORT.get(kind, label) for label, kind, *_ in row]):
            need = [self.ui.keyed_width(lab, key, "small") + 1 for lab, (_, _, key, _) in zip(labels, row)]
            if sum(need) <= avail:
                extra = (avail - sum(need)) // n
                return [(nd + extra, lab) for nd, lab in zip(need, labels)]
        return equal

    def status_texts(self, vm: P.TableVM) -> list[str]:
        """The status line, longest form first (then shorter ones for a narrow action panel)."""
        if vm.over:
            return ["The talks are over."]
        if vm.my_turn:
            move = self.your_move(vm)
            if vm.phase != "diplomacy":
                return [f"{move} (the summit).", f"{move}."]
            mine = vm.delegate(vm.viewer)
            if vm.pending and mine is not None and answers_late(mine):
                return ["Your answer: you are done for this round, but an offer waits (Y accepts, N rejects).",
                        "Your answer to the offer (Y / N / P).", "Answer the offer."]
            away = vm.my_status != "present"
            label = P.STATUS_LABELS.get(vm.my_status, vm.my_status)
            return [f"{move} ({vm.ap} of {vm.ap_max} action points left)."
                    + (f" The delegation {self.AWAY_PHRASES.get(vm.my_status, label)}: return or pass." if away else ""),
                    f"{move} ({vm.ap} AP left)." + (f" {label.capitalize()}: return (R) or pass (P)." if away else ""),
                    f"{move}." + (f" {label.capitalize()}: return or pass." if away else "")]
        out: list[str] = []
        if vm.to_move:
            if vm.to_move_human:
                out = [self.waiting_for(vm)]
            else:
                out = [f"{vm.to_move_name} is considering its move...", f"{vm.to_move_name} is moving..."]
        me = vm.delegate(vm.viewer) if vm.viewer is not None else None
        if vm.phase == "signing" and me is not None and me.status != "present":
            # away from the table at the summit: it is never this delegation's turn to sign
            note = f"{me.name} {self.AWAY_PHRASES.get(me.status, me.status_label)} and does not sign."
            out = [f"{note} {out[0]}" if out else note] + [f"{me.status_label.capitalize()}: you do not sign."]
        return out

    AWAY_PHRASES = {"walked_out": "has walked out", "boycotting": "is boycotting", "non_party": "is not a party"}

    def _fit_status(self, statuses: list[str], width: int) -> tuple[pygame.font.Font, str]:
        """The font and the first form of the status line that fits ``width`` (the label size, else
        the small one); the shortest form, cut, when none does (its tooltip has all of it)."""
        f = self.f
        for font in (f.get("label", True), f.get("small", True)):
            for text in statuses:
                if font.size(text)[0] <= width:
                    return font, text
        return f.get("small", True), statuses[-1] if statuses else ""

    def _draw_message(self, surf, line: pygame.Rect, text: str, refused: bool, status: str, may_widen: bool,
                      right_reserved: int) -> None:
        """The last result or refusal on the status line: in the small size, else the tiny one, else
        (on your turn) over the action points' place too; a refusal still too long also comes up in
        full at the top of the screen (a toast), so the reason is never only in a tooltip."""
        c, f = self.c, self.f
        fonts = [f.get("small", True), f.get("tiny", True)]
        inner = line.width - right_reserved - 12
        font = next((ft for ft in fonts if ft.size(text)[0] <= inner), None)
        if font is None and not refused:  # a result: its first part ("X tables draft 3"), the log has all
            head = text.split(": ", 1)[0]
            font = next((ft for ft in fonts if ft.size(head)[0] <= inner), fonts[-1])
            text_shown = head if font.size(head)[0] <= inner else text
        else:
            text_shown = text
        if font is None:  # a long refusal: the whole width on your turn (the action points wait)
            wide = line.width - 12 if may_widen else inner
            font = next((ft for ft in fonts if ft.size(text)[0] <= wide), fonts[-1])
            if not may_widen:
                line = pygame.Rect(line.x, line.y, line.width - right_reserved, line.height)
            self._message_wide = may_widen
            if font.size(text)[0] > wide and self._toasted is not self._message:
                self._toasted = self._message  # once for each refusal (a new one is a new tuple)
                self.app.toast(text, error=True, seconds=8)
        else:
            line = pygame.Rect(line.x, line.y, line.width - right_reserved, line.height)
            self._message_wide = False
        if refused:
            D.rounded(surf, line, c["refused_bg"], 4)
            D.rounded(surf, line, c["refused"], 4, 1)
        D.text(surf, font, text_shown, (line.x + 6, line.centery), c["refused"] if refused else c["ok"], "midleft",
               max_width=line.width - 12)
        self.ui.add(line, "message", None, text + (f"  ({status})" if status else ""))

    _toasted = None  # the message last shown in full as a toast
    _message_wide = False  # the message took the action points' place this frame

    def _draw_signature_line(self, surf, rect: pygame.Rect, vm: P.TableVM) -> int:
        """Who has signed, declined, or not decided yet (marks and words, not colour alone)."""
        c, f = self.c, self.f
        present = [d for d in vm.delegates if d.status == "present"]
        y = rect.y
        n_p = max(1, len(present))
        # the longest labels that fit whole: "name: signed", else the names (the marks say it), in the
        # small size, else the tiny one, else the short names (the tooltips have the rest); as many
        # columns as fit, in the rows there is room for
        for style, size in (("status", "small"), ("name", "small"), ("status", "tiny"), ("name", "tiny"),
                            ("short", "small"), ("short", "tiny")):
            font = f.get(size)
            lh = font.get_linesize()
            max_rows = max(1, rect.height // lh)
            labels = [f"{d.name}: {d.signature_label}" if style == "status" else (d.name if style == "name"
                                                                                 else d.short) for d in present]
            need = max((font.size(t)[0] for t in labels), default=0) + lh + (f.px(8) if style != "short" else 4)
            cols = max(1, min(n_p, rect.width // max(1, need)))
            if -(-n_p // cols) <= max_rows:
                break
        cols = min(n_p, max(cols, -(-n_p // max_rows)))
        cw = rect.width // cols
        for n, (d, label) in enumerate(zip(present, labels)):
            cx = rect.x + (n % cols) * cw
            cy = y + (n // cols) * lh
            if cy + lh > rect.bottom:
                break
            mark = pygame.Rect(cx, cy + 3, lh - 6, lh - 6)
            if d.signature == 1:
                D.check_mark(surf, mark, c["ok"], 2)
            elif d.signature == 0:
                D.cross_mark(surf, mark, c["refused"], 2)
            else:
                pygame.draw.circle(surf, c["text_dim"], mark.center, mark.width // 3, 1)
            if style == "short" and font.size(label)[0] > cw - lh - 2:
                label = ""  # no room even for the initials: the mark alone (the tooltip names it)
            if label:
                D.text(surf, font, label, (cx + lh, cy + lh // 2),
                       c["text"] if d.signature != -1 else c["text_muted"], "midleft", max_width=cw - lh - 2)
            self.ui.add(pygame.Rect(cx, cy, cw, lh), f"signature:{d.id}", None, f"{d.name}: {d.signature_label}")
        return y + ((len(present) + cols - 1) // cols) * lh + 2

    THINKING_AFTER = 0.3  # s the AI computes past its pause before the thinking dots show

    def _draw_thinking(self, surf, status: pygame.Rect, right: int) -> None:
        """Three dots after the status line, lit in turn, while a slow AI move is being computed."""
        c, f = self.c, self.f
        rad = max(2, f.px(3))
        gap = f.px(10)
        x0 = status.right + f.px(8)
        if x0 + 3 * gap > right:
            return
        lit = int(self.app.time * 4) % 3
        for n in range(3):
            pygame.draw.circle(surf, c["brass"] if n == lit else c["brass_dim"],
                               (x0 + n * gap + rad, status.centery), rad)
        self.ui.add(pygame.Rect(x0, status.y, 3 * gap, status.height), "ai:thinking", None,
                    "The AI is still computing this move (the window stays responsive).")

    def _draw_ap(self, surf, right: int, cy: int, vm: P.TableVM) -> None:
        c, f = self.c, self.f
        rad = f.px(6)
        x = right - rad
        mine = vm.delegate(vm.viewer) if vm.viewer is not None else None
        late = vm.phase == "diplomacy" and mine is not None and answers_late(mine)  # (back only to answer)
        for n in range(vm.ap_max - 1, -1, -1):
            if n < vm.ap and not late:
                pygame.draw.circle(surf, c["brass"], (x, cy), rad)
            else:
                pygame.draw.circle(surf, c["brass_dim"], (x, cy), rad, 2)
            x -= 2 * rad + 4
        ar = D.text(surf, f.get("small"), "AP", (x - 2, cy), c["text_muted"], "midright")
        cost = vm.costs
        self.ui.add(pygame.Rect(ar.x, cy - rad - 2, right - ar.x, 2 * rad + 4), "ap", None,
                    (f"Done for this round: your delegation {late}; the next meeting brings fresh action points. "
                     if late else f"Action points left this meeting: {vm.ap} of {vm.ap_max}. ") + "Table costs "
                    f"{cost.get('table', 2)}, walking out {cost.get('walk_out', 0)}, most other moves {cost.get('endorse', 1)}; answering an "
                    "offer is free. Pass (P) when you are done.")

    # why Lobby and Offer wait, with how to choose by mouse (a click on a card opens its profile)
    CHOOSE_FIRST = "choose a delegation first: right-click its name card (or hold a finger on it, or Tab)"

    def _check(self, kind: str) -> str | None:
        """Why the rules would refuse this button now (for its look and tooltip), or None."""
        me = self.me()
        if me is None:
            return "it is not your turn"
        sel = self.sel_draft if self.sel_draft is not None else 0
        k = self.sel_issue
        lv = int(self.compose[k]) if k < len(self.compose) else 0
        build = {
            "table": lambda: A.Table(me, levels=tuple(int(x) for x in self.compose)),
            "amend": lambda: A.Amend(me, draft=sel, issue=k, level=lv),
            "endorse": lambda: A.Endorse(me, draft=sel), "oppose": lambda: A.Oppose(me, draft=sel),
            "lobby": lambda: A.Lobby(me, target=self.sel_actor or "", issue=k),
            "red_at_least": lambda: A.RedLine(me, issue=k, level=lv, direction="at_least"),
            "red_at_most": lambda: A.RedLine(me, issue=k, level=lv, direction="at_most"),
            "walk_out": lambda: A.WalkOut(me), "return": lambda: A.Return(me), "pass": lambda: A.Pass(me),
            "communique": lambda: A.CallCommunique(me, draft=sel), "put": lambda: A.PutToSignature(me, draft=sel),
            "sign": lambda: A.Sign(me, sign=True), "decline": lambda: A.Sign(me, sign=False),
        }
        if kind == "offer":
            if self.match.state.phase != "diplomacy":
                return "the talks are over"
            away = self.cannot_offer(me)
            if away:
                return away
            return None if self.sel_actor and self.sel_actor != me else self.CHOOSE_FIRST
        if kind == "lobby" and not self.sel_actor:
            return self.CHOOSE_FIRST
        if kind in ("red_at_least", "red_at_most") and self.vacuous_red_line(kind):
            return self.vacuous_red_line(kind).rstrip(".")
        if kind in self.NEEDS_DRAFT and self.sel_draft is None:
            return "there is no draft on the table yet"
        nothing_new = self.nothing_new(kind)
        if nothing_new and self.match.game.check(self.match.state, build[kind]()) is not None:
            return nothing_new.rstrip(".")
        make = build.get(kind)
        if make is None:
            return None
        return self.match.game.check(self.match.state, make())

    # --- forecast --------------------------------------------------------------------------
    def chair_choice(self) -> tuple:
        """At the summit before a draft is put: each draft's forecast (draft, signers, tightness, label)."""
        vm = self.vm
        if vm is None or vm.phase != "signing" or vm.on_table is not None or not vm.forecast.available:
            return ()
        return vm.forecast.per_draft

    def forecast_title(self, vm: P.TableVM) -> str:
        return "If the talks ended now" if vm.phase == "diplomacy" else "The signing, as you foresee it"

    def draw_forecast(self, surf, rect: pygame.Rect, vm: P.TableVM, panel: bool = True) -> None:
        c, f = self.c, self.f
        if panel:
            D.panel(surf, rect, c)
        m = f.px(10) if panel else f.px(2)
        x, y, w = rect.x + m, rect.y + m - 2, rect.width - 2 * m
        fc = vm.forecast
        title = self.forecast_title(vm)
        D.text(surf, f.get("label", True), title, (x, y), c["brass_text"], max_width=w)
        self.ui.add(pygame.Rect(x, y, w, f.line_height("label", True)), "forecast:title", None,
                    "The forecast: the draft the chair would put to signature now, and who would sign it, "
                    "computed from what your delegation knows (others' secrets are not used).")
        y += f.line_height("label", True) + 2
        body = f.get("small")
        bold = f.get("small", True)
        if not fc.available:
            D.paragraph(surf, body, fc.message or "No forecast.", pygame.Rect(x, y, w, rect.bottom - y - m),
                        c["text_muted"])
            return
        D.text(surf, body, f"The chair would put {fc.pick_label} to signature." if vm.on_table is None
               else f"{fc.pick_label} is open for signature.", (x, y), c["text"], max_width=w)
        y += f.line_height("small")
        groups = ((f"Would sign ({len(fc.signers)})", fc.signers),
                  (f"Would stay out ({len(fc.outside)})", fc.outside))
        # room for the badges: what the lines under them leave (a crowded conference has many)
        below = f.line_height("body", True) + f.line_height("small") + 4
        if fc.my_verdict and vm.viewer is not None:
            below += (3 if fc.my_stakes else 2) * f.line_height("small")
        changes = self.move_change_lines(vm)
        if changes:
            below += (len(changes) + 1) * f.line_height("small") + 2
        room = rect.bottom - m - y - below
        rad, x0s, rows = self._forecast_badges(groups, w, room)
        step = 2 * rad + 4
        for (label, group), x0, n_rows in zip(groups, x0s, rows):
            if x0 == 0:  # a narrow panel: the badges go under the label
                D.text(surf, bold, label, (x, y), c["text"], max_width=w)
                y += f.line_height("small", True)
            else:
                D.text(surf, bold, label, (x, y + rad), c["text"], "midleft")
            per_row = max(1, (w - x0 + 4) // step)
            shown = group if len(group) <= per_row * n_rows else group[:per_row * n_rows - 1]
            for n, aid in enumerate(shown):
                d = vm.delegate(aid)
                bx, by = x + x0 + (n % per_row) * step, y + (n // per_row) * step
                br = D.badge(surf, (bx + rad, by + rad), rad, d.colour, d.short, D.initials_font(f, d.short, rad))
                self.ui.add(br, f"forecast:{label[:5]}:{aid}", None, d.name)
            if len(shown) < len(group):  # the rest, counted (its tooltip names them)
                n = len(shown)
                bx, by = x + x0 + (n % per_row) * step, y + (n // per_row) * step
                more = f"+{len(group) - n}"
                mr = D.text(surf, f.get("tiny", True), more, (bx + rad, by + rad), c["text"], "center")
                self.ui.add(mr.inflate(6, 6), f"forecast:{label[:5]}:more", None,
                            ", ".join(vm.delegate(a).name for a in group[n:]))
            y += max(1, n_rows) * step
        verdict = (f"Tightness {fc.tightness:.0f} / 100 - {fc.label}" if fc.in_force
                   else f"Lapsed: fewer than {fc.min_signatures} signature{'' if fc.min_signatures == 1 else 's'}")
        vr = D.text(surf, f.get("body", True), verdict, (x, y), c["brass_text"], max_width=w)
        st = self.match.scenario.settings
        dw = round(100 * st.depth_weight)
        self.ui.add(pygame.Rect(x, vr.y, w, vr.height), "forecast-verdict", None,
                    f"Tightness (0-100): how binding the treaty would be, {dw}% depth (how binding its "
                    f"clauses are) and {100 - dw}% cohesion (how reliable its signatories are); how many sign "
                    f"does not count. Tight from {st.tight_at:g}, moderate from {st.moderate_at:g}, else "
                    f"loose; it lapses with fewer than {fc.min_signatures} signature{'' if fc.min_signatures == 1 else 's'}.")
        y += f.line_height("body", True)
        nr = D.text(surf, body, f"depth {fc.depth:.2f}   breadth {fc.breadth:.2f}   ({fc.min_signatures} signature"
                    f"{'' if fc.min_signatures == 1 else 's'} needed)", (x, y), c["text_muted"], max_width=w)
        self.ui.add(pygame.Rect(x, nr.y, w, nr.height), "forecast-numbers", None,
                    "Depth (0-1): how binding the clauses are, weighted by issue. Breadth (0-1): the share "
                    "of the parties that would sign. The treaty enters into force with "
                    f"{fc.min_signatures} signature{'' if fc.min_signatures == 1 else 's'}.")
        y += f.line_height("small")
        if fc.my_verdict and vm.viewer is not None:
            h = D.paragraph(surf, body, fc.my_verdict, pygame.Rect(x, y, w, rect.bottom - y - 4), c["text"],
                            max_lines=2)
            if fc.my_stakes:  # what the two numbers leave out: its first words here, all of it on hover
                D.text(surf, body, fc.my_stakes_short or fc.my_stakes, (x, y + h), c["brass_text"], max_width=w)
                h += f.line_height("small")
            self.ui.add(pygame.Rect(x, y, w, max(1, h)), "forecast-you", None,
                        (fc.my_stakes + " " if fc.my_stakes else "") +
                        f"Signing: what this text, signed, would be worth to your delegation (about 1.00 would "
                        f"be everything you want). Staying out: your outside option ({fc.my_outside:.2f}) plus "
                        "what the treaty the others sign gives a delegation outside it. A delegation signs when "
                        "signing is worth more than staying out"
                        + ("; amend, lobby or make offers to change either side." if self.WORKING_TEXT else "."))
            y += h
        if changes:
            y = self.draw_move_change(surf, pygame.Rect(x, y + 2, w, rect.bottom - y - 4), changes)
        if vm.phase == "signing" and vm.on_table is None and fc.per_draft:
            y += 2
            D.text(surf, bold, "Each draft if put to signature:", (x, y), c["text"], max_width=w)
            y += f.line_height("small", True)
            if fc.best_for_me is not None and vm.viewer is not None:
                bid, bval, pval = fc.best_for_me
                line = (f"Worth most to you: D{bid} ({bval:.2f})" + ("" if bid == fc.pick else
                        f"; {fc.pick_label}, the likely pick: {pval:.2f}"))
                br = D.text(surf, body, line, (x, y), c["brass_text"], max_width=w)
                self.ui.add(pygame.Rect(x, br.y, w, br.height), "forecast-best", lambda i=bid: self.pick_draft(i),
                            "What each draft's outcome would be worth to your delegation (1.00: everything you "
                            "want), with who would sign it and whether it would enter into force. Most of your "
                            "score is this worth (the rest: your objectives), not the treaty's tightness."
                            + self.pick_line_tip(vm, bid))
                y += f.line_height("small")
            # one line a draft; in two columns (shorter lines) when one does not fit; what is left
            # over is counted (every draft's tab tooltip has its forecast too)
            items = fc.per_draft
            lh = f.line_height("small")
            rows = max(1, (rect.bottom - 4 - y) // lh)
            cols = 1 if len(items) <= rows else 2
            per_col = rows if cols == 2 else len(items)
            col_w = w // cols
            room = rows * cols
            if len(items) > room:
                room -= 1
                # the chosen draft's line first (a keyboard player steps through the tabs to see each)
                items = sorted(items, key=lambda it: it[0] != self.sel_draft)
            for n, (did, signers, t, label) in enumerate(items[:room]):
                col, row = divmod(n, per_col)
                full = f"D{did}: {len(signers)} sign, tightness {t:.0f} ({label})"
                line = full if cols == 1 else f"D{did}: {len(signers)} sign, {t:.0f}/100"  # as the heading's
                lr = D.text(surf, body, line, (x + col * col_w, y + row * lh), c["text_muted"],
                            max_width=col_w - 6)
                self.ui.add(lr, f"forecast-draft:{did}", lambda i=did: self.pick_draft(i),
                            f"{full}, if the chair put it to signature: "
                            + (", ".join(vm.delegate(a).name for a in signers) or "nobody") + "."
                            + self.pick_line_tip(vm, did))
            if len(items) > room:
                col, row = divmod(room, per_col)
                D.text(surf, body, f"+{len(items) - room} more (draft tabs)", (x + col * col_w, y + row * lh),
                       c["text_muted"], max_width=col_w - 6)

    def pick_line_tip(self, vm: P.TableVM, did: int) -> str:
        """What a click on a draft's line of the summit forecast does: choose that draft (the tabs may
        not show it; a mouse player reaches it here)."""
        mine = vm.delegate(vm.viewer) if vm.viewer is not None else None
        if self.WORKING_TEXT and vm.my_turn and mine is not None and mine.is_chair:
            return f" Click to choose D{did}, then Put to signature."
        return f" Click to show D{did} on the paper."

    CHANGE_TIP = ("What your last move changed in this forecast: the forecast just before your move against "
                  "the forecast just after it (the likely pick, how many would sign, tightness, and what "
                  "signing and staying out are worth to you). 'Since then, the others' compares the forecast "
                  "just after your move with the one shown now, once other delegations have moved (only when "
                  "it changed). Both come from what your delegation knows; nobody else sees them.")

    def draw_move_change(self, surf, rect: pygame.Rect, lines: tuple[str, ...]) -> int:
        """The lines on the viewer's last move (two lines at most for it, one for the others since),
        cut with an ellipsis when long: the tooltip has them in full. Returns the y under them."""
        c, f = self.c, self.f
        body = f.get("small")
        y = rect.y
        lh = f.line_height("small")
        for n, line in enumerate(lines):
            room = (rect.bottom - y) // lh
            if room < 1:
                break
            h = D.paragraph(surf, body, line, pygame.Rect(rect.x, y, rect.width, room * lh),
                            c["brass_text"] if n == 0 else c["text_muted"], max_lines=min(room, 2 if n == 0 else 1))
            self.ui.add(pygame.Rect(rect.x, y, rect.width, max(1, h)), "forecast-change" if n == 0 else
                        "forecast-change-since", None, line + "\n\n" + self.CHANGE_TIP)
            y += h
        return y

    def _forecast_badges(self, groups, w: int, room: int) -> tuple[int, list[int], list[int]]:
        """(radius, x offset of each group's badges (0: under its label), rows of each group) for the
        forecast's two badge groups in ``room`` pixels: the usual badges if they fit, else smaller ones
        (still with readable initials), else as many rows as fit (the last badge counts the rest)."""
        f = self.f
        label_h = f.line_height("small", True)
        lab_w = max(f.get("small", True).size("Would stay out (99)")[0] + 8, int(w * 0.36))
        best = None
        for rad in sorted({max(10, f.px(11)), max(8, f.px(9))}, reverse=True):
            step = 2 * rad + 4
            x0s, rows, h = [], [], 0
            for _, group in groups:
                x0 = lab_w if lab_w + len(group) * step <= w else 0
                per_row = max(1, (w - x0 + 4) // step)
                n_rows = max(1, -(-len(group) // per_row))
                x0s.append(x0)
                rows.append(n_rows)
                h += n_rows * step + (label_h if x0 == 0 else 0)
            best = (rad, x0s, rows, h)
            if h <= room:
                return rad, x0s, rows
        rad, x0s, rows, h = best
        step = 2 * rad + 4
        while h > room and max(rows) > 1:  # cut the longer group first
            k = rows.index(max(rows))
            rows[k] -= 1
            h -= step
        return rad, x0s, rows

    # --- log --------------------------------------------------------------------------------
    def log_tabs(self, vm: P.TableVM, with_forecast: bool) -> list[tuple[str, str, str, bool]]:
        """(key, label, tooltip, enabled) of the side panel's tabs."""
        private_ok = vm.viewer is not None
        short = with_forecast  # large text: short labels that share the width
        tabs = [("news", "News" if short else f"News ({len(vm.news)})", "Public events and moves", True),
                ("private", f"Private {len(vm.private)}" if short else f"Private ({len(vm.private)})",
                 "Offers, lobbying and answers only your delegation was party to", private_ok)]
        if with_forecast:
            tabs.append(("forecast", "Forecast", "If the talks ended now: the draft the chair would put to "
                         "signature and who would sign it, as your delegation sees it", True))
        return tabs

    def cycle_tab(self) -> None:
        tabs = [k for k, _, _, ok in self.log_tabs(self.vm, self.compact()) if ok] if self.vm else ["news"]
        pos = tabs.index(self.log_tab) if self.log_tab in tabs else -1
        self._set_tab(tabs[(pos + 1) % len(tabs)])

    def draw_log(self, surf, rect: pygame.Rect, vm: P.TableVM, with_forecast: bool = False) -> None:
        """The news and private log (and, with large text, the forecast as a third tab)."""
        c, f = self.c, self.f
        D.panel(surf, rect, c)
        m = f.px(8)
        tab_h = f.line_height("small", True) + 8
        x = rect.x + m
        tabs = self.log_tabs(vm, with_forecast)
        if not any(k == self.log_tab and ok for k, _, _, ok in tabs):
            self.log_tab = "news"
        lock_w = f.px(10)
        for key, label, tip, enabled in tabs:
            if with_forecast:  # equal shares of the width, no key hints (V cycles)
                w = (rect.width - m * (len(tabs) + 1)) // len(tabs)
            else:
                w = f.get("small", True).size(label)[0] + f.get("tiny", True).size("V")[0] + f.px(34) + (2 * lock_w if key == "private" else 0)
            r = pygame.Rect(x, rect.y + m, w, tab_h)
            sel = self.log_tab == key
            self.ui.button(surf, r, label, (lambda k=key: self._set_tab(k)), name=f"log:{key}",
                           shortcut="" if with_forecast else "V", selected=sel, size="small", enabled=enabled,
                           tooltip=tip + ("  [V]" if with_forecast else ""))
            if key == "private" and not with_forecast:
                D.lock(surf, pygame.Rect(r.x + 6, r.y + 5, lock_w, tab_h - 10),
                       c["private"] if enabled else c["text_dim"])
            x = r.right + m
        area = pygame.Rect(rect.x + m, rect.y + m + tab_h + m, rect.width - 2 * m, rect.height - tab_h - 3 * m)
        if self.log_tab == "forecast":
            self.draw_forecast(surf, area.inflate(f.px(4), 0), vm, panel=False)
            return
        items = vm.news if self.log_tab == "news" else vm.private  # the view-model's tuple: memo below
        if self._log_memo.get("fonts") is not self.f:  # new fonts (text size, window): render again
            self._log_memo = {"fonts": self.f}
        self.ui.scroll_lines(surf, area, items, self.log_state, self._log_item, name="log:list", stick_bottom=True,
                             memo=self._log_memo)

    def meeting_notes(self) -> bool:
        """Whether the news shows each meeting's description under its opening line (not in a
        facilitated game: the teacher has the scenario's notes)."""
        from game.session import facilitator as F

        return F.record_of(self.match) is None

    def meeting_note(self, rnd: int) -> str:
        rounds = self.match.scenario.rounds
        return " ".join((rounds[rnd].description or "").split()) if 0 <= rnd < len(rounds) else ""

    def _set_tab(self, key: str) -> None:
        self.log_tab = key
        self.log_state = {"at_bottom": True}

    def _log_item(self, e: P.LogLineVM, width: int) -> pygame.Surface:
        # the line itself (not only its number): the numbering differs between views (public news,
        # a delegation's view, the facilitator's every move), and the cache is shared
        key = (e, width, self.f)
        s = self._log_cache.get(key)
        if s is not None:
            return s
        if len(self._log_cache) > 4000:
            self._log_cache.clear()
        c, f = self.c, self.f
        font = f.get("small", e.kind in ("round", "event", "result"))
        tag_font = f.get("tiny", True)
        tag = f"R{e.round + 1}"
        lock_w = max(9, f.px(9))
        tag_w = tag_font.size("R00")[0] + lock_w + 10  # the round, then room for the padlock of a private line
        colour = {"round": c["brass_text"], "event": c["brass_text"], "result": c["brass_text"],
                  "reveal": c["ok"]}.get(e.kind, c["private"] if e.private else c["text"])
        lines = D.wrap(font, e.text, width - tag_w)
        detail = []
        if e.kind in ("event", "lobby") and e.detail:  # an event's text; how far a lobbying moved
            detail = D.wrap(f.get("tiny"), e.detail, width - tag_w)  # all of it: never cut mid-sentence
        elif e.kind == "round" and self.meeting_notes():  # what the meeting is about, when it opens
            detail = D.wrap(f.get("tiny"), self.meeting_note(e.round), width - tag_w)
        lh = font.get_linesize()
        dh = f.get("tiny").get_linesize()
        h = lh * len(lines) + dh * len(detail) + 4 + (4 if e.kind == "round" else 0)
        s = pygame.Surface((width, h), pygame.SRCALPHA)
        yy = 4 if e.kind == "round" else 0
        if e.kind == "round":
            pygame.draw.line(s, c["brass_dim"], (0, 1), (width, 1), 1)
        s.blit(D.render(tag_font, tag, c["text_dim"]), (0, yy + 2))
        if e.private:
            D.lock(s, pygame.Rect(tag_w - lock_w - 5, yy + 3, lock_w, lock_w + 2), c["private"])
        for n, line in enumerate(lines):
            s.blit(D.render(font, line, colour), (tag_w, yy + n * lh))
        for n, line in enumerate(detail):
            s.blit(D.render(f.get("tiny"), line, c["text_muted"]), (tag_w, yy + lh * len(lines) + n * dh))
        self._log_cache[key] = s
        return s


def answers_late(d) -> str:
    """Why ``d`` (a delegate card, or an actor's state: both have done, status and ap) has no move
    left this round (it is called back only to answer offers), or ""."""
    if d.done:
        return "has passed this round"
    if d.status == "present" and d.ap <= 0:
        return "has no action points left this round"
    return ""


# --------------------------------------------------------------------------- overlays used by the table

class ProfileScene(Overlay):
    """A delegation's public profile and your relations with it."""

    name = "profile"

    def __init__(self, app: App, table: TableScene, actor_id: str):
        super().__init__(app)
        self.table = table
        self.actor_id = actor_id
        self.vm = P.profile_vm(table.match, table.viewer(), actor_id)  # the table's (a replay's: as it stood)
        self.state: dict = {}

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_l, pygame.K_m):
            self.app.pop()
            self.table.act("lobby" if event.key == pygame.K_l else "offer")
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_i):
            self.app.pop()
            return True
        from game.ui.scenes import scroll_keys

        if scroll_keys(self, event):  # the rest of the profile (its declared red lines) without a mouse
            return True
        return super().handle_event(event)

    def draw(self, surf) -> None:
        f, c, vm = self.f, self.c, self.vm
        rect = self.box(surf, 0.55, 0.8, min_w=f.px(520))
        m = f.px(14)
        rad = f.px(26)
        D.badge(surf, (rect.x + m + rad, rect.y + m + rad), rad, vm.colour, vm.short, f.get("h3", True))
        x = rect.x + 2 * m + 2 * rad
        D.text(surf, f.get("h2", True), vm.name, (x, rect.y + m), c["brass_text"], max_width=rect.right - x - m)
        sub_h = D.paragraph(surf, f.get("small"), vm.delegate + (f", {vm.title}" if vm.title else ""),
                            pygame.Rect(x, rect.y + m + f.line_height("h2", True), rect.right - x - m,
                                        2 * f.line_height("small")), c["text_muted"], max_lines=2)
        head_h = max(2 * m + 2 * rad, m + f.line_height("h2", True) + sub_h + m // 2)
        blocks = [("heading", "Public profile"), ("para", vm.public_profile or "-"),
                  ("heading", "Your relations"), ("para", vm.relation),
                  ("heading", "What is known of its position"),
                  ("para", f"Status: {vm.status_label}. Stance: {vm.stance_label}. Capability {vm.capability:.2f}, "
                           f"reliability {vm.reliability:.2f}, reputation {vm.reputation:.2f}.")]
        blocks += [("bullet", f"{i}: {lv}") for i, lv in vm.positions]
        if vm.declared:
            blocks.append(("heading", "Declared red lines"))
            blocks += [("bullet", r) for r in vm.declared]
        body = pygame.Rect(rect.x + m, rect.y + head_h, rect.width - 2 * m, rect.height - head_h - m - f.px(50))
        from game.ui.scenes import draw_doc

        draw_doc(self, surf, body, blocks, self.state, "profile:doc")
        bh = f.px(38)
        y = rect.bottom - bh - m
        label_f, key_f = f.get("label", True), f.get("tiny", True)

        def width(label: str, key: str) -> int:  # as wide as its label and key hint
            return max(f.px(120), label_f.size(label)[0] + key_f.size(key)[0] + f.px(40))
        buttons = [("Close", self.app.pop, "profile:close", "Esc", "")]
        if self.table.me() and self.actor_id != self.table.me():
            def lobby():
                self.app.pop()
                self.table.act("lobby")

            def offer():
                self.app.pop()
                self.table.act("offer")
            iss = self.table.vm.issues[self.table.sel_issue].name if self.table.vm.issues else ""
            buttons = [("Lobby on issue", lobby, "profile:lobby", "L", f"Lobby {vm.name} on {iss} (the chosen issue row)"),
                       ("Make offer", offer, "profile:offer", "M", f"Make {vm.name} a private offer")] + buttons
        widths = [width(b[0], b[3]) for b in buttons]
        avail = rect.width - 2 * m - (len(buttons) - 1) * (m // 2) - (m if len(buttons) > 1 else 0)
        if sum(widths) > avail:  # a narrow box: the buttons share it (their labels fit themselves)
            widths = [w * avail // sum(widths) for w in widths]
        bx = rect.x + m
        for (label, cb, name, key, tip), bw in zip(buttons, widths):
            if name == "profile:close":
                bx = rect.right - m - bw
            self.ui.button(surf, (bx, y, bw, bh), label, cb, name=name, shortcut=key, tooltip=tip)
            bx += bw + m // 2


class OfferScene(Overlay):
    """Make a private offer: what, to whom, and in exchange for what.

    An offer that may not go to the chosen delegation is listed dimmed with whom it can go to;
    when none can, the dialog says what the player can do instead (offer to a delegation that
    can receive one, or close and lobby) and "Make offer" is disabled with the reason."""

    name = "offer"
    NOTE = "Only you and they will know. An accepted offer is a promise: breaking it costs reputation."

    def __init__(self, app: App, table: TableScene, target: str):
        super().__init__(app)
        self.table = table
        self.all_kinds = list(table.vm.offer_kinds)
        self.condition = "sign"
        self.error = ""
        self.first_row = 0  # the first offer in view (many offers in a small window: the list scrolls)
        self.rows_shown = len(self.all_kinds)  # how many are in view (as drawn last)
        self._show_chosen = True  # scroll the chosen offer into view at the next frame
        self.set_target(target)

    # --- what can go where ---------------------------------------------------------------------
    def allowed(self, kind) -> bool:
        return not kind.to or self.target in kind.to

    def set_target(self, target: str) -> None:
        self.target = target
        self.kinds = [k for k in self.all_kinds if self.allowed(k)]
        self.kind = self.kinds[0].id if self.kinds else None
        self.error = ""
        self._show_chosen = True

    def _name(self, actor_id: str) -> str:
        d = self.table.vm.delegate(actor_id)
        return d.name if d is not None else actor_id

    def _receivers(self, kind) -> str:
        return ", ".join(self._name(a) for a in kind.to)

    def other_targets(self) -> list[str]:
        """Delegations (other than this one and yours) that some offer of yours may go to."""
        me = self.table.vm.viewer
        out: list[str] = []
        for k in self.all_kinds:
            for a in k.to:
                if a not in out and a not in (me, self.target) and self.table.vm.delegate(a) is not None:
                    out.append(a)
        return out

    def why_not(self) -> str | None:
        """Why "Make offer" cannot be used now (None: it can)."""
        if self.table.me() is None:
            return "It is not your turn."
        if not self.all_kinds:
            return "Your delegation has nothing to offer in this scenario."
        if not self.kinds:
            return f"None of your offers can go to {self._name(self.target)}."
        kind = next((k for k in self.all_kinds if k.id == self.kind), None)
        if kind is None:
            return "Choose an offer first."
        if not self.allowed(kind):
            return f"{kind.name} can go only to {self._receivers(kind)}."
        return None

    def answers_late(self) -> str:
        """A note when the receiver has no move left this round (it passed, or spent its action
        points): it is called back to answer when its turn comes round again."""
        d = self.table.vm.delegate(self.target)
        if d is None or self.table.match.state.phase != "diplomacy":
            return ""
        why = answers_late(d)
        if not why:
            return ""
        return (f"{d.name} {why}, but it will be called back to answer when its turn comes round "
                "again (passing would let the offer lapse).")

    def worth(self) -> str:
        """What the chosen offer costs and gives, on the dialog (it was only in a tooltip), in the
        forecast's units."""
        kind = next((k for k in self.all_kinds if k.id == self.kind), None)
        if kind is None:
            return ""
        when = "if they sign the final text" if self.condition == "sign" else "once they accept"
        return (f"{kind.name}: costs you {kind.cost:.2f} and is worth {kind.value:.2f} to {self._name(self.target)}, "
                f"paid {when} (the forecast's units: 1.00 is everything a delegation wants).")

    def pick(self, kind_id: str) -> None:
        kind = next((k for k in self.all_kinds if k.id == kind_id), None)
        if kind is None:
            return
        if not self.allowed(kind):
            self.error = f"{kind.name} can go only to {self._receivers(kind)}, not to {self._name(self.target)}."
            return
        self.kind = kind_id
        self.error = ""
        self._show_chosen = True

    def step_kind(self, step: int) -> None:
        """Up / Down: the next (``step`` 1) or previous (-1) offer that may go to this delegation;
        with none, the list scrolls."""
        if not self.kinds:
            self.scroll_list(-step)
            return
        ids = [k.id for k in self.kinds]
        n = ids.index(self.kind) + step if self.kind in ids else (0 if step > 0 else len(ids) - 1)
        self.pick(ids[max(0, min(len(ids) - 1, n))])

    def scroll_list(self, dy: int) -> bool:
        """The wheel over the list of offers (``dy`` > 0: up), by one offer a notch; whether it moved."""
        most = max(0, len(self.all_kinds) - self.rows_shown)
        old, self.first_row = self.first_row, max(0, min(most, self.first_row - dy))
        return self.first_row != old

    def make(self) -> None:
        why = self.why_not()
        if why is not None:
            self.error = why
            return
        me = self.table.me()
        draft = self.table.sel_draft if self.condition == "endorse" else None
        action = A.MakeOffer(me, target=self.target, offer=self.kind, condition=self.condition, draft=draft)
        fc_before = self.table._forecast_before(action)
        outcome = self.table.match.submit(action)
        if outcome.rejected is not None:
            self.error = f"Refused: {outcome.rejected}."
            return
        self.table.message = ("Offer made (private).", False)
        self.table._after_change()
        self.table._record_change(action, fc_before)
        self.app.pop()

    def lobby_instead(self) -> None:
        self.app.pop()
        self.table.sel_actor = self.target
        self.table.act("lobby")

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.make()
                return True
            if event.key == pygame.K_TAB:
                if self.kinds:
                    has_draft = self.table.sel_draft is not None
                    self.condition = "endorse" if self.condition == "sign" and has_draft else "sign"
                elif self.other_targets():  # nothing can go to this one: to the first that can receive one
                    self.set_target(self.other_targets()[0])
                return True
            if event.key == pygame.K_l and not self.kinds:
                self.lobby_instead()
                return True
            if event.key in (pygame.K_UP, pygame.K_DOWN):  # any number of offers, beyond 9 too
                self.step_kind(1 if event.key == pygame.K_DOWN else -1)
                return True
            if digit_key(event):
                n = digit_key(event) - 1
                if n < len(self.all_kinds):
                    self.pick(self.all_kinds[n].id)
                return True
        return super().handle_event(event)

    # --- drawing ------------------------------------------------------------------------------
    def draw(self, surf) -> None:
        f, c = self.f, self.c
        m = f.px(14)
        W, H = surf.get_size()
        row_h = f.line_height("body", True) + f.line_height("tiny") + f.px(12)
        bh, bw = f.px(38), f.px(190)
        empty = not self.kinds
        # as tall as what it shows (an empty dialog is not left mostly blank)
        note_h = min(2, len(D.wrap(f.get("small"), self.NOTE, min(W - 40, max(f.px(560), int(W * 0.6))) - 2 * m)))
        need = (2 * m + f.line_height("h2", True) + note_h * f.line_height("small") + m // 2
                + len(self.all_kinds) * row_h
                + m + bh + m)
        need += (f.line_height("body") * 3 + bh + m) if empty else (f.line_height("label", True) + f.px(36) + m
                                                                    + 2 * f.line_height("small", True))
        rect = self.box(surf, 0.6, min(0.9, max(0.3, need / H)), min_w=f.px(560))
        name = self._name(self.target)
        x, w = rect.x + m, rect.width - 2 * m
        D.text(surf, f.get("h2", True), f"A private offer to {name}", (x, rect.y + m), c["brass_text"], max_width=w)
        y = rect.y + m + f.line_height("h2", True) + 4
        y += D.paragraph(surf, f.get("small"), self.NOTE, pygame.Rect(x, y, w, 2 * f.line_height("small")),
                         c["text_muted"], max_lines=2) + m // 2
        footer = rect.bottom - bh - m
        # what comes under the list (what they do in exchange, the note): the list leaves it room
        if not self.all_kinds:
            below = f.line_height("body") * 3
        elif empty:
            below = f.line_height("body") * 3 + m // 2 + bh + m // 2
        else:
            below = f.line_height("label", True) + 2 + f.px(36) + m // 2
        below += m // 2 + (0 if empty else 2 * f.line_height("small", True))  # (the note under the choice)
        one_line = len(self.all_kinds) * row_h > footer - below - y
        name_font = f.get("body", True)
        if one_line:  # a small window or large text: each offer on one line (its tooltip says the rest),
            row_h = f.line_height("body", True) + f.px(12)  # in the small size if they need it to fit
            if len(self.all_kinds) * row_h > footer - below - y:
                name_font, row_h = f.get("small", True), f.line_height("small", True) + f.px(10)
        # more offers than there is room for even so: the list scrolls (the wheel, Up / Down, 1 - 9),
        # and the chosen one is brought into view
        n_kinds = len(self.all_kinds)
        room = max(1, (footer - below - y) // row_h)
        self.rows_shown = min(n_kinds, room)
        scrolled = n_kinds > room
        ids = [k.id for k in self.all_kinds]
        if self._show_chosen and self.kind in ids:
            at = ids.index(self.kind)
            self.first_row = min(max(self.first_row, at - room + 1), at)
        self._show_chosen = False
        self.first_row = max(0, min(self.first_row, n_kinds - room)) if scrolled else 0
        row_w = w
        if scrolled:
            bar_w = max(5, f.px(6))
            row_w = w - bar_w - f.px(6)
            track = pygame.Rect(x + w - bar_w, y, bar_w, room * row_h - 6)
            D.scroll_bar(surf, track, n_kinds * row_h, self.first_row * row_h, c["panel_light"], c["brass_dim"],
                         f.px(20))
            self.ui.add(pygame.Rect(x, y, w, room * row_h), "offer:list", None,
                        f"{n_kinds} offers: scroll, or Up / Down", True, self.scroll_list, drag_step=row_h)
        for n, k in enumerate(self.all_kinds):
            if n < self.first_row or n >= self.first_row + room:
                continue
            r = pygame.Rect(x, y, row_w, row_h - 6)
            sel = k.id == self.kind
            allowed = self.allowed(k)
            D.rounded(surf, r, c["button_down"] if sel else (c["panel_light"] if allowed else c["panel"]), 6)
            D.rounded(surf, r, c["brass"] if sel else c["panel_border"], 6, 2 if sel else 1)
            D.text(surf, name_font, f"{n + 1}. {k.name}" + (f" (not to {name})" if one_line and not allowed else ""),
                   (r.x + 8, r.y + 3), c["text"] if allowed else c["text_dim"], max_width=r.width - 16)
            sub = k.description if allowed else f"Can go only to {self._receivers(k)}, not to {name}."
            if not one_line:
                D.text(surf, f.get("tiny"), sub, (r.x + 8, r.y + 3 + f.line_height("body", True)),
                       c["text_muted"] if allowed else c["refused"], max_width=r.width - 16)
            tip = (f"{sub} " if one_line else "") + f"Costs you {k.cost:.2f}, worth {k.value:.2f} to them (utility units)"
            if not allowed:
                tip = f"{k.name} can go only to {self._receivers(k)}. " + tip
            self.ui.add(r, f"offerkind:{k.id}", (lambda i=k.id: self.pick(i)), tip)
            y += row_h
        y += m // 2
        if not self.all_kinds:
            y += D.paragraph(surf, f.get("body"), "Your delegation has nothing to offer in this scenario. "
                             "You can still lobby a delegation on an issue (L at the table).",
                             pygame.Rect(x, y, w, f.line_height("body") * 3), c["text_muted"], max_lines=3)
        elif empty:
            others = self.other_targets()
            tip = (f"None of your offers can go to {name}. You can offer "
                   + (f"to {', '.join(self._name(a) for a in others)}, " if others else "")
                   + f"or lobby {name} on the chosen issue instead (it costs an action point; it may backfire).")
            y += D.paragraph(surf, f.get("body"), tip, pygame.Rect(x, y, w, f.line_height("body") * 3),
                             c["text"], max_lines=3) + m // 2
            bx = x
            key_w = f.get("tiny", True).size("Tab")[0] + f.px(24)
            for n, a in enumerate(others[:3]):
                label = f"Offer to {self._name(a)}"
                bw2 = f.get("small", True).size(label)[0] + f.px(30) + (key_w if n == 0 else 0)
                if bx + bw2 > rect.right - m:
                    break
                self.ui.button(surf, (bx, y, bw2, bh), label, (lambda t=a: self.set_target(t)),
                               name=f"offer:to:{a}", size="small", tooltip=f"Make the offer to {self._name(a)}",
                               shortcut="Tab" if n == 0 else "")
                bx += bw2 + m // 2
            label = f"Lobby {name}"
            bw2 = f.get("small", True).size(label)[0] + f.px(50) + key_w
            if bx + bw2 <= rect.right - m:
                self.ui.button(surf, (bx, y, bw2, bh), label, self.lobby_instead, name="offer:lobby", size="small",
                               tooltip=f"Close this and lobby {name} on the chosen issue row", shortcut="L")
            y += bh + m // 2
        else:
            D.text(surf, f.get("label", True), "In exchange, they...", (x, y), c["text"], max_width=w - f.px(40))
            key_hint(surf, self.app, "Tab", (x + w, y + f.line_height("label", True) // 2))
            y += f.line_height("label", True) + 2
            opts = [("sign", "sign the final text")]
            if self.table.sel_draft is not None:  # no draft on the table yet: only the signature
                opts.append(("endorse", f"endorse D{self.table.sel_draft}"))
            else:
                self.condition = "sign"
            self.ui.segmented(surf, (x, y, w, f.px(36)), opts, self.condition,
                              lambda v: setattr(self, "condition", v), name="offercond")
            y += f.px(36) + m // 2
        why = self.why_not()
        message = self.error or (why if why and self.all_kinds and not empty else "")
        if message:
            D.paragraph(surf, f.get("small", True), message, pygame.Rect(x, y, w, 2 * f.line_height("small", True)),
                        c["refused"], max_lines=2)
        elif self.kinds and self.answers_late():
            D.paragraph(surf, f.get("small", True), self.answers_late(),
                        pygame.Rect(x, y, w, 2 * f.line_height("small", True)), c["brass_text"], max_lines=2)
        elif self.kinds and self.worth():
            D.paragraph(surf, f.get("small"), self.worth(), pygame.Rect(x, y, w, 2 * f.line_height("small")),
                        c["text_muted"], max_lines=2)
        self.ui.button(surf, (rect.right - m - bw, footer, bw, bh), "Cancel", self.app.pop, name="offer:cancel",
                       shortcut="Esc")
        self.ui.button(surf, (rect.right - 2 * m - 2 * bw, footer, bw, bh), "Make offer", self.make, name="offer:make",
                       shortcut="Enter", style="primary", enabled=why is None,
                       tooltip=why or f"Make the offer to {name} (private)")
