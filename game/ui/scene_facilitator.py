"""The facilitator's screen: the teacher's sandbox, with every role on one screen.

The table is drawn as the players see it, but with the truth: every delegation's true
stance, every log entry (private ones say who saw them), every offer, each delegation's
secrets (its confidential instructions, objectives and red lines on a click on its name
card) and a forecast computed from the truth. A banner says so: FACILITATOR VIEW.

The controls (top of the right-hand column, each with an F-key):

* F2 pause / resume (the AI waits, the timer stops, no move is taken);
* the timer: minutes per phase, counting down, large enough for a projector;
* F3 inject: one of the scenario's events now, or a typed headline and text;
* F4 undo the last move (or the last inject) - the game pauses so the AI does not redo it;
* F5 go back to the start of a round and play on from there (the abandoned branch is
  kept as a save in the autosaves folder);
* F6 end the phase now (the delegations still to move pass; at the summit, decline);
* F8 seats: switch any role between human and AI (also on a name card's panel);
* F7 public view: hide the secrets (to put the table on a projector), and back; it works
  from any dialog over the table too (``key_from_above``: the dialog closes).

Human seats are played at this keyboard: the action panel acts for the human
delegation to move (no privacy screens: the facilitator sees everything anyway). The
public view shows nobody's private view (``viewer`` is None there): no working text, no
relations on a profile, no result of a private move, no list of the scenario's events;
moves are entered in the facilitator view only. A game already under way opens in the
public view. The timer counts by the app's clock, also under a dialog; only the pause
stops it.
"""

from __future__ import annotations

import pygame

from game.session import facilitator as F
from game.ui import draw as D
from game.ui import presenters as P
from game.ui.app import App
from game.ui.scene_table import TableScene
from game.ui.scenes import ConfirmScene, Overlay, draw_doc

BANNER = "FACILITATOR VIEW \u2014 all secrets shown"
BANNER_PUBLIC = "PUBLIC VIEW \u2014 secrets hidden (F7 shows them)"


class FacilitatorScene(TableScene):
    name = "facilitator"
    PRIVATE_WORK = False  # the facilitator enters every team's moves: the working text stays
    _acting: str | None = None  # the delegation whose move is being submitted

    def __init__(self, app: App):
        super().__init__(app)
        self.record = F.facilitate(self.match)
        self.paused = False
        # a game under way (resumed, loaded, or back from the results) opens in the public view: the
        # projector may be on. A new game opens with the secrets (the teacher sets it up first).
        self.public = bool(self.match.actions)
        self.timer = F.PhaseTimer()
        self.timer.set_minutes(self.record.minutes)
        self._timer_at: float | None = None  # the app's clock when the timer last counted
        self.fvm: P.FacilitatorVM | None = None
        self.side_tab = "moves"
        self.side_state: dict = {"at_bottom": True}
        self._told_time_up = False

    # ------------------------------------------------------------------ whose keyboard
    def viewer(self, m=None) -> str | None:
        """The human delegation to move (its moves are entered here), else nobody. Nobody in the
        public view: nothing drawn from it (a profile's relations, the result of a move) is private."""
        if self.public:
            return None
        m = self.match if m is None else m
        tm = m.to_move
        return tm if tm is not None and m.seats.get(tm) == "human" else None

    # the last result or refusal: it belongs to the delegation that moved and shows only while that
    # delegation is still to move (else the status line says whose turn it is), never in the public
    # view (a private move's result); PUBLIC_NOTE messages (how to enter a move) show only there
    PUBLIC_NOTE = "\x00public"

    @property
    def message(self) -> tuple[str, bool] | None:
        if self._message is None:
            return None
        text, refused, owner = self._message
        if owner == self.PUBLIC_NOTE:
            return (text, refused) if self.public else None
        if self.public:
            return None
        return (text, refused) if owner == self.viewer() else None

    @message.setter
    def message(self, value: tuple[str, bool] | None) -> None:
        owner = getattr(self, "_acting", None) or self.viewer()
        self._message = None if value is None else (value[0], value[1], owner)

    OWN_VIEW_AIDS = False  # its forecast is the truth: no "your move changed" line, no signing warning

    def submit(self, action) -> bool:
        """As at the table, but the result is told in full (the facilitator sees every move) and
        belongs to the delegation that made it, not to the next one."""
        before = len(self.match.state.log)
        self._acting = action.actor
        try:
            ok = super().submit(action)
            if ok:
                self._last_move = (self.app.time, action.actor)
                new = [e.text for e in self.match.state.log[before:] if e.kind != "round"]
                self.message = ((new[0] if new else "Done.") + (" ..." if len(new) > 1 else ""), False)
        finally:
            self._acting = None
        return ok

    def shot_name(self) -> str | None:
        return "facilitator"

    def ready_for_shot(self) -> bool:
        return self.frames >= 3  # not the table's wait for a long log

    def vm_key(self, m=None) -> tuple:
        m = self.match if m is None else m
        rec = F.record_of(m)
        return (self.viewer(m), self.public, tuple(sorted(m.seats.items())), len(rec.injects) if rec else 0)

    def build_vm(self, m, key: tuple):
        viewer, public = key[0], key[1]
        if public:
            return None, P.table_vm(m, None)
        fvm = P.facilitator_vm(m, viewer)
        return fvm, fvm.table

    def _install_vm(self, built) -> None:
        self.fvm, self.vm = built

    def your_move(self, vm: P.TableVM) -> str:
        return f"{vm.delegate(vm.viewer).name} (human) to move"

    def waiting_for(self, vm: P.TableVM) -> str:
        if self.public:  # F7 shows its private view, where its move is entered
            return f"Waiting for {vm.to_move_name}: press F7 to enter its move."
        return super().waiting_for(vm)

    def card_tags(self, d: P.DelegateVM) -> list[str]:
        return (["CHAIR"] if d.is_chair else []) + (["HUMAN"] if d.is_human else [])

    def who_text(self, vm: P.TableVM) -> tuple[str, str]:
        if self.public:
            return "PUBLIC VIEW", "text"
        if vm.viewer is not None:  # (short with large text: the round's title needs the room)
            name = vm.delegate(vm.viewer).name
            return (f"FACILITATOR: {name}" if self.compact() else f"FACILITATOR - moving for {name}"), "refused"
        return "FACILITATOR VIEW", "refused"

    # ------------------------------------------------------------------ the match changes under us
    def set_match(self, match, why: str = "") -> None:
        """Put a rebuilt match (undo, a fork) on the table, keeping the facilitator's settings."""
        rec = F.facilitate(match)
        rec.minutes = self.timer.minutes
        self.app.match = match
        self.match = match
        self.record = rec
        self._vm_key = None
        self.seen_drafts = {d.id for d in match.state.drafts}
        self.anims.clear()
        self.last_sigs = tuple(match.state.signatures)
        self.progress = (match.state.round, match.state.phase)
        self.end_timer = None
        self.compose_for = -1
        self.sel_draft = None
        self.message = None
        self.log_state = {"at_bottom": True}
        self.side_state = {"at_bottom": True}
        self.app.active_human = self.viewer()
        self.app.autosave()
        if why:
            self.app.toast(why)

    # ------------------------------------------------------------------ controls
    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self.app.toast("Paused: nothing moves until you resume (F2)." if self.paused else "Resumed.")

    def toggle_public(self) -> None:
        self.public = not self.public
        self._vm_key = None
        self.message = None
        if self.public:
            self.side_tab = "moves"
            self.app.toasts = []  # a toast of the private view (an undone private move) goes with it

    def set_minutes(self, minutes: float) -> None:
        self.timer.set_minutes(minutes)
        self.record.minutes = self.timer.minutes
        self._told_time_up = False

    def toggle_timer(self) -> None:
        self.timer.running = not self.timer.running

    def undo(self) -> None:
        try:
            done = F.undo(self.match, public=self.public)
        except ValueError as exc:
            self.app.toast(f"Undo failed: {exc}", error=True)
            return
        if done is None:
            self.app.toast("Nothing to undo: no move has been made yet.", error=True)
            return
        match, what = done
        self.paused = True
        self._last_undo = self.app.time
        self.set_match(match, f"Undone: {what}. The game is paused (F2 resumes).")

    def go_back(self, round_index: int) -> None:
        from game.session.store import os_error_text, user_data_dir

        try:
            match, abandoned = F.fork(self.match, round_index)
        except ValueError as exc:
            self.app.toast(f"Cannot go back: {exc}", error=True)
            return
        try:
            path = F.save_branch(abandoned, user_data_dir() / "autosaves", round_index)
            F.record_of(match).forks[-1]["branch"] = path.name
            kept = f"The game you left is kept as {path.name} (Load game lists it)."
        except (OSError, TypeError, ValueError) as exc:
            kept = f"The game you left could not be kept ({os_error_text(exc)})."
        self.paused = True  # what matters first (a long toast is cut at its end)
        self.set_match(match, f"Back at the start of round {round_index + 1}, paused (F2 resumes); its time "
                              f"starts again. {kept}")
        self.timer.phase = (match.state.round, match.state.phase)
        self.timer.restart()  # the round starts again, and so does its time (also when it is this round)
        self._told_time_up = False

    def end_phase(self) -> None:
        try:
            done = F.end_phase(self.match)
        except ValueError as exc:
            self.app.toast(f"The phase cannot end now: {exc}.", error=True)
            return
        self._vm_key = None
        self._after_change()
        self.app.toast(f"Phase ended: {len(done)} delegation move(s) entered (undo takes them back one by one).")

    def ask_end_phase(self) -> None:
        m = self.match
        if m.over:
            return
        st = m.state
        if st.phase == "signing":
            if st.on_table is None:
                self.app.toast("The chair must put a draft to signature first.", error=True)
                return
            left = sum(1 for s, a in zip(st.signatures, st.actors) if s == -1 and a.status == "present")
            text = (f"Every delegation that has not signed yet ({left}) declines, and the game ends. "
                    "Undo takes the moves back one by one.")
            title = "End the signing now?"
        else:
            left = sum(1 for a in st.actors if not a.done and a.status != "non_party")
            text = (f"The {left} delegation(s) still to move in round {st.round + 1} pass, and the next "
                    "meeting opens. Undo takes the passes back one by one.")
            title = f"End round {st.round + 1} now?"
        self.app.push(ConfirmScene(self.app, title, text, "End it now", self.end_phase, name="endphase"))

    def open_profile(self, actor_id: str) -> None:
        self.sel_actor = actor_id
        if self.public:
            super().open_profile(actor_id)
        else:
            self.app.push(RoleSecretsScene(self.app, self, actor_id))

    def _public_refusal(self) -> bool:
        """In the public view the moves are not entered (they would show their private results):
        say where they are. True when it said so."""
        m = self.match
        if not self.public or m.over or not m.human_to_move():
            return False
        name = self.vm.to_move_name if self.vm is not None else m.to_move
        self._message = (f"Public view: press F7 to enter {name}'s move (the secrets show).", True,
                         self.PUBLIC_NOTE)
        return True

    def act(self, kind: str, **kw) -> None:
        if self.paused:
            self.message = ("The game is paused: resume it first (F2).", True)
            return
        if self._public_refusal():
            return
        super().act(kind, **kw)

    def respond(self, offer_id: int, accept: bool) -> None:
        if self.paused:
            self.message = ("The game is paused: resume it first (F2).", True)
            return
        if self._public_refusal():
            return
        super().respond(offer_id, accept)

    def status_texts(self, vm: P.TableVM) -> list[str]:
        if not self.paused or vm.over:
            return super().status_texts(vm)
        m = self.match
        who = vm.to_move_name
        if not who:
            return ["Paused: F2 resumes.", "Paused (F2)."]
        if vm.my_turn:
            long = f"Paused: {who} (human) to move; F2 resumes."
        elif m.human_to_move():
            long = f"Paused: {who}'s turn" + (" (F7 to enter its move)" if self.public else "") + "; F2 resumes."
        else:
            long = f"Paused: {who} (AI) to move, and waits; F2 resumes."
        return [long, f"Paused: {who} to move (F2 resumes).", f"Paused: {who} (F2)."]

    def draw_actions(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        if self.paused and not vm.over and vm.to_move and not vm.to_move_human:
            from dataclasses import replace

            vm = replace(vm, to_move_human=True)  # paused: no "Skip AI pause" button, no thinking dots
        super().draw_actions(surf, rect, vm)

    def draw_paper(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        if not self.public:
            super().draw_paper(surf, rect, vm)
            return
        kept = self.compose  # a team's working text (its next draft) is not for the projector
        self.compose = []
        try:
            super().draw_paper(surf, rect, vm)
        finally:
            self.compose = kept

    CONTROL_KEYS = {pygame.K_F2: "pause", pygame.K_F3: "inject", pygame.K_F4: "undo", pygame.K_F5: "rounds",
                    pygame.K_F6: "end", pygame.K_F7: "public", pygame.K_F8: "seats"}

    def control(self, what: str) -> None:
        {"pause": self.toggle_pause, "inject": lambda: self.app.push(InjectScene(self.app, self)),
         "undo": self.undo, "rounds": lambda: self.app.push(RoundsScene(self.app, self)),
         "end": self.ask_end_phase, "public": self.toggle_public,
         "seats": lambda: self.app.push(SeatsScene(self.app, self))}[what]()

    def _double_click(self, event) -> bool:
        """A click on a move button just after a move was entered for another delegation: the
        second half of a double click. With no privacy screen between the teams it would enter
        the same move for the next team at once; it is ignored, with a word. So is the second
        click of a double click on Undo (it would take back a second move)."""
        if event.type != pygame.MOUSEBUTTONDOWN or event.button != 1:
            return False
        undone = getattr(self, "_last_undo", None)
        if undone is not None and self.app.time - undone < self.app.DOUBLE_CLICK_S:
            region = self.ui.at(event.pos)
            if region is not None and region.name == "fac:undo":
                self.app.toast("A double click on Undo: only one move was taken back. Click Undo again "
                               "to take back the one before.")
                return True
        last = getattr(self, "_last_move", None)
        if last is None or self.app.time - last[0] >= self.app.DOUBLE_CLICK_S:
            return False
        region = self.ui.at(event.pos)
        if region is None or not region.name.startswith("action:"):
            return False
        m = self.match
        if m.to_move is None or m.to_move == last[1]:
            return False
        name = m.scenario.actor(m.to_move).name
        self.app.toast(f"A double click: the second click was ignored, so {name} has not moved yet. "
                       "Click once for each move.")
        return True

    def handle_event(self, event) -> bool:
        if self._double_click(event):
            return True
        if event.type == pygame.KEYDOWN and not self.app.typing():
            if event.key in self.CONTROL_KEYS:  # (held down: once, App.REPEATING_KEYS)
                self.control(self.CONTROL_KEYS[event.key])
                return True
            if event.key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
                self.undo()
                return True
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):  # the side panel is the news here (the
                self.scroll_side(1 if event.key == pygame.K_PAGEDOWN else -1)  # table's log is not drawn)
                return True
            if event.key == pygame.K_SPACE and self.paused:
                self.app.toast("The game is paused: F2 resumes it.")
                return True
            if event.key == pygame.K_b:  # no role brief of its own: the facilitator reads them on the cards
                return True
        return super().handle_event(event)

    def key_from_above(self, event) -> bool:
        """A key pressed in a dialog over this screen (the app asks first): F7 works everywhere, so
        the secrets can always be hidden at once (the dialogs close) and shown again."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F7:
            self.app.unfocus_entries()
            while self.app.top is not self and self in self.app.scenes:
                self.app.pop()
            self.toggle_public()
            return True
        return False

    # ------------------------------------------------------------------ update
    def tick_timer(self) -> None:
        """Count the phase's time down by the app's clock since the last count: it runs while a
        dialog is open over the table (the class talks on) and stops only when the game is paused."""
        m = self.match
        now = self.app.time
        dt = 0.0 if self._timer_at is None else max(0.0, now - self._timer_at)
        self._timer_at = now
        self.timer.tick(dt, (m.state.round, m.state.phase), paused=self.paused or m.over)
        if self.timer.expired and not self._told_time_up:
            self._told_time_up = True
            self.app.toast("Time is up for this phase (F6 ends it; the timer restarts with the next phase).")
        elif not self.timer.expired:
            self._told_time_up = False

    def update(self, dt: float) -> None:
        m = self.match
        self.tick_timer()
        if m.over:
            super().update(dt)  # on to the results (F4 there still takes back the last move)
            return
        if self.paused:
            return
        if m.human_to_move():
            self.skip = False
            self.app.active_human = m.to_move
            return
        super().update(dt)

    def autoplay(self) -> None:
        self.skip = True

    def ai_moving(self) -> bool:
        return not self.paused and super().ai_moving()  # (paused: nothing moves; the timer's seconds and
        # its flash when time is up need no more than the idle rate)

    # ------------------------------------------------------------------ drawing
    def layout(self, W: int, H: int) -> dict[str, pygame.Rect]:
        L = super().layout(W, H)
        f = self.f
        m = f.px(8)
        if "side" in L:
            side = L.pop("side")
        else:
            side = L.pop("forecast").union(L.pop("log"))
        ctrl_h = self.controls_height(side.width)
        L["controls"] = pygame.Rect(side.x, side.y, side.width, ctrl_h)
        L["side"] = pygame.Rect(side.x, side.y + ctrl_h + m, side.width, side.height - ctrl_h - m)
        return L

    def draw(self, surf) -> None:
        from game.ui.scenes import background

        if self.app.top is not self:
            self.tick_timer()  # under a dialog: update() is not called, the time still runs
        background(surf, self.app)
        vm = self.refresh()
        W, H = surf.get_size()
        L = self.layout(W, H)
        self.draw_top(surf, L["top"], vm)
        self.draw_table(surf, L["table"], vm)
        self.draw_actions(surf, L["action"], vm)
        self.draw_controls(surf, L["controls"], vm)
        self.draw_side(surf, L["side"], vm)

    def _banner_lines(self, width: int) -> list[str]:
        return D.wrap(self.f.get("small", True), BANNER_PUBLIC if self.public else BANNER, width)

    def _control_rows(self) -> list[list[tuple[str, str, str, str]]]:
        """[(label, what, key, tooltip)] rows of the control buttons."""
        return [
            [("Resume" if self.paused else "Pause", "pause", "F2",
              "Pause the game: the AI waits, the timer stops, no move is taken"),
             ("Inject", "inject", "F3", "Release news now: one of the scenario's events, or your own headline"),
             ("Undo", "undo", "F4", "Take back the last move (or the last inject); the game pauses")],
            [("Go back", "rounds", "F5", "Go back to the start of a round and play on from there"),
             ("End phase", "end", "F6", "End this round (or the signing) now: the rest pass"),
             ("Seats", "seats", "F8", "Switch any delegation between human and AI")],
            [("Show secrets" if self.public else "Public view", "public", "F7",
              "Hide every secret (for a projector), or show them again", 2)],
        ]

    def controls_height(self, width: int) -> int:
        f = self.f
        m = f.px(8)
        banner = len(self._banner_lines(width - 2 * m - 12)) * f.line_height("small", True) + 8
        timer = f.line_height("h1", True) + 4
        bh = f.px(32)
        rows = len(self._control_rows())
        return m + banner + m + timer + m + rows * (bh + f.px(6)) + m

    def draw_controls(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        c, f = self.c, self.f
        D.panel(surf, rect, c, border="refused" if not self.public else "panel_border")
        m = f.px(8)
        x, y, w = rect.x + m, rect.y + m, rect.width - 2 * m
        # the banner
        lines = self._banner_lines(w - 12)
        bh_banner = len(lines) * f.line_height("small", True) + 8
        banner = pygame.Rect(x, y, w, bh_banner)
        D.rounded(surf, banner, c["refused_bg"] if not self.public else c["panel_light"], 4)
        for n, line in enumerate(lines):
            D.text(surf, f.get("small", True), line, (banner.centerx, banner.y + 4 + n * f.line_height("small", True)),
                   c["refused"] if not self.public else c["text"], "midtop")
        self.ui.add(banner, "facilitator:banner", None,
                    "This screen shows every delegation's secrets. Do not project it while the class plays "
                    "(F7 hides the secrets).")
        y = banner.bottom + m
        # the timer: big digits, minutes per phase, run / stop
        self._draw_timer(surf, pygame.Rect(x, y, w, f.line_height("h1", True) + 4))
        y += f.line_height("h1", True) + 4 + m
        bh = f.px(32)
        gap = f.px(6)
        n = 3
        bw = (w - gap * (n - 1)) // n
        for row in self._control_rows():
            slot = 0
            for label, what, key, tip, *span in row:
                span = span[0] if span else 1
                r = pygame.Rect(x + slot * (bw + gap), y, bw * span + gap * (span - 1), bh)
                slot += span
                # the F-key beside the label wherever it fits whole (with large text on a 1080p
                # projector too); else the tooltip names it (the button adds "[F2]" to it)
                self.ui.button(surf, r, label, (lambda k=what: self.control(k)), name=f"fac:{what}",
                               shortcut=key, size="small",
                               selected=(what == "pause" and self.paused) or (what == "public" and self.public),
                               tooltip=tip)
            if slot < n:  # the last row: what is paused, and the injects so far
                info_x = x + slot * (bw + gap)
                n_inj = len(self.record.injects)
                info = "PAUSED" if self.paused else (f"{n_inj} inject{'s' if n_inj != 1 else ''}" if n_inj else "")
                if info:
                    D.text(surf, f.get("small", True), info, (info_x + 4, r.centery),
                           c["refused"] if self.paused else c["text_muted"], "midleft",
                           max_width=rect.right - m - info_x - 4)
            y += bh + gap

    def _draw_timer(self, surf, rect: pygame.Rect) -> None:
        c, f = self.c, self.f
        t = self.timer
        big = f.get("h1", True)
        digits = t.text() if t.on else "--:--"
        box = pygame.Rect(rect.x, rect.y, big.size("00:00")[0] + f.px(16), rect.height)
        flash = t.expired and int(self.app.time * 2) % 2 == 0
        D.rounded(surf, box, c["refused_bg"] if t.expired else c["panel_light"], 6)
        D.rounded(surf, box, c["refused"] if t.expired else c["brass_dim"], 6, 2)
        col = c["refused"] if t.expired else (c["text_muted"] if (self.paused or not t.running or not t.on)
                                              else c["brass_text"])
        if not flash:
            D.text(surf, big, digits, box.center, col, "center")
        tip = (f"Time left in this phase ({t.minutes:g} minutes per phase)" if t.on else
               "The timer is off: + sets the minutes per phase")
        self.ui.add(box, "fac:timer", self.toggle_timer, tip + ". Click to stop or run it.")
        # minutes per phase (above) and the buttons (below), right of the digits
        tiny = f.get("tiny", True)
        bx = box.right + f.px(8)
        w = rect.right - bx
        state = "" if t.running or not t.on else "stopped"
        state = "paused" if self.paused and t.on else state
        label = next((text for text in self.timer_labels(t.minutes if t.on else 0, state)
                      if tiny.size(text)[0] <= w), self.timer_labels(t.minutes if t.on else 0, state)[-1])
        D.text(surf, tiny, label, (bx, rect.y), c["text_muted"] if not t.expired else c["refused"], max_width=w)
        self.ui.add(pygame.Rect(bx, rect.y, w, tiny.get_linesize()), "fac:timer:label", None,
                    self.timer_labels(t.minutes if t.on else 0, state)[0])
        by = rect.y + tiny.get_linesize() + 2
        bh = rect.bottom - by
        gap = 4
        bw = (w - 2 * gap) // 3
        pad = f.px(14)
        sizes = [max(tiny.size("-1")[0], tiny.size("+1")[0]) + pad] * 2 + [tiny.size("Reset")[0] + pad]
        widths = [bw, bw, w - 2 * (bw + gap)]
        if sizes[2] > bw and sum(sizes) + 2 * gap <= w:  # "Reset" whole: the narrow -1 and +1 give it room
            small = (w - 2 * gap - sizes[2]) // 2
            widths = [small, small, w - 2 * (small + gap)]
        xs = [bx, bx + widths[0] + gap, bx + widths[0] + widths[1] + 2 * gap]
        self.ui.button(surf, (xs[0], by, widths[0], bh), "-1", lambda: self.set_minutes(self.timer.minutes - 1),
                       name="fac:timer:minus", size="tiny", tooltip="One minute less per phase (restarts the timer)")
        self.ui.button(surf, (xs[1], by, widths[1], bh), "+1", lambda: self.set_minutes(self.timer.minutes + 1),
                       name="fac:timer:plus", size="tiny", tooltip="One minute more per phase (restarts the timer)")
        self.ui.button(surf, (xs[2], by, widths[2], bh), "Reset", self.timer.restart,
                       name="fac:timer:restart", size="tiny", tooltip="Start this phase's countdown again")

    @staticmethod
    def timer_labels(minutes: float, state: str = "") -> list[str]:
        """The timer's caption, longest first (``state``: "", "paused" or "stopped")."""
        if minutes <= 0:
            return ["Timer off (+1 sets it)", "Timer off", "Off"]
        tail = f" ({state})" if state else ""
        return [f"Timer: {minutes:g} min per phase{tail}", f"{minutes:g} min per phase{tail}",
                f"{minutes:g} min/phase{tail}", f"{minutes:g} min{tail}",
                f"{state.capitalize()}" if state else f"{minutes:g} min"]

    # --- the side panel: every move, the offers, the secrets, the forecast ------------------------
    def side_tabs(self) -> list[tuple[str, str]]:
        if self.public:
            return [("moves", "News")]
        fvm = self.fvm
        n_off = len(fvm.offers) if fvm else 0
        n_memos = sum(len(rounds) for rounds in self.match.memos.values())
        return [("moves", "All moves"), ("offers", f"Offers {n_off}"), ("secrets", "Secrets"),
                ("memos", f"Memos {n_memos}"), ("forecast", "Forecast")]

    def cycle_tab(self) -> None:
        keys = [k for k, _ in self.side_tabs()]
        pos = keys.index(self.side_tab) if self.side_tab in keys else -1
        self.side_tab = keys[(pos + 1) % len(keys)]
        self.side_state = {"at_bottom": self.side_tab == "moves"}

    def draw_side(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        c, f = self.c, self.f
        D.panel(surf, rect, c)
        m = f.px(8)
        tabs = self.side_tabs()
        if self.side_tab not in [k for k, _ in tabs]:
            self.side_tab = "moves"
        font = f.get("small", True)
        tab_h = f.line_height("small", True) + 8
        per_row = len(tabs)
        while per_row > 2 and any(font.size(label)[0] + 16 > (rect.width - m * (per_row + 1)) // per_row
                                  for _, label in tabs):
            per_row -= 1  # a narrow panel: the tabs on two rows (or three)
        y = rect.y + m
        w = (rect.width - m * (per_row + 1)) // per_row
        for n, (key, label) in enumerate(tabs):
            col, row = n % per_row, n // per_row
            r = pygame.Rect(rect.x + m + col * (w + m), y + row * (tab_h + 4), w, tab_h)
            self.ui.button(surf, r, label, (lambda k=key: self._set_side(k)), name=f"side:{key}",
                           selected=self.side_tab == key, size="small", tooltip="V cycles the tabs")
        rows = (len(tabs) + per_row - 1) // per_row
        top = y + rows * (tab_h + 4) + m // 2
        area = pygame.Rect(rect.x + m, top, rect.width - 2 * m, rect.bottom - m - top)
        tab = self.side_tab
        if tab == "forecast" and not self.public:
            self.draw_forecast(surf, area.inflate(f.px(4), 0), vm, panel=False)
            return
        if tab == "moves":
            items = list(self.fvm.moves) if (self.fvm and not self.public) else list(vm.news)
            self.ui.scroll_lines(surf, area, items, self.side_state, self._log_item, name="side:list",
                                 stick_bottom=True)
            return
        if tab == "offers":
            items = list(self.fvm.offers) or ["No offer has been made yet."]
            items += ["", "Injects:"] + list(self.fvm.injects) if self.fvm.injects else []
            self.ui.scroll_lines(surf, area, items, self.side_state, self._text_item, name="side:list")
            return
        if tab == "memos":
            self.ui.scroll_lines(surf, area, self.memo_lines(), self.side_state, self._text_item, name="side:list")
            return
        items = ["Click a name card for a delegation's confidential instructions and objectives."]
        items += list(self.fvm.secrets)
        self.ui.scroll_lines(surf, area, items, self.side_state, self._secret_item, name="side:list")

    def memo_lines(self) -> list[str]:
        """The teams' memos, round by round (the teacher's view: each team sees only its own)."""
        m = self.match
        sc = m.scenario
        lines = []
        for r in range(len(sc.rounds)):
            for seat in m.game.model.actor_ids:
                text = m.memos.get(seat, {}).get(r)
                if text:
                    lines.append(f"{sc.actor(seat).name}, round {r + 1} ({sc.rounds[r].name}): "
                                 + " / ".join(text.split("\n")))
        return lines or ["No memo yet. A team writes its notes for the round with J at the table (or "
                         "'memo TEXT' in the text mode); nobody but you sees them until the debrief."]

    def scroll_side(self, step: int) -> None:
        """Page Down (``step`` 1) / Page Up (-1): the side panel's list (all moves, the news, the
        offers, the secrets) a few lines on or back, as the table's log scrolls (drawn next frame,
        which keeps it in the list)."""
        if self.side_tab == "forecast" and not self.public:
            return  # (not a list)
        lines = self.f.line_height("small") * 8
        self.side_state["offset"] = max(0, self.side_state.get("offset", 0) + step * lines)
        self.side_state["at_bottom"] = False

    def _set_side(self, key: str) -> None:
        self.side_tab = key
        self.side_state = {"at_bottom": key == "moves"}

    def _text_item(self, text: str, width: int) -> pygame.Surface:
        key = ("text", text, width, self.f)
        s = self._log_cache.get(key)
        if s is None:
            font = self.f.get("small")
            lines = D.wrap(font, text, width) if text else [""]
            lh = font.get_linesize()
            s = pygame.Surface((width, lh * len(lines) + 4), pygame.SRCALPHA)
            for n, line in enumerate(lines):
                s.blit(D.render(font, line, self.c["text"]), (0, n * lh))
            self._log_cache[key] = s
        return s

    def _secret_item(self, row, width: int) -> pygame.Surface:
        if isinstance(row, str):
            return self._text_item(row, width)
        key = ("secret", row, width, self.f)
        s = self._log_cache.get(key)
        if s is not None:
            return s
        c, f = self.c, self.f
        bold, small, tiny = f.get("small", True), f.get("small"), f.get("tiny")
        lines: list[tuple[pygame.font.Font, str, pygame.Color]] = []
        lines.append((bold, f"{row.name} ({row.seat.upper()}, {row.status_label})", c["brass_text"]))
        lines.append((small, f"True stance: {row.stance_label}", c["text"]))
        lines.append((small, f"Outside option {row.outside:.2f} (others believe {row.outside_public:.2f})",
                      c["text"]))
        lines.append((tiny, f"reliability {row.reliability:.2f}   reputation {row.reputation:.2f}   AP {row.ap}",
                      c["text_muted"]))
        for r in row.red_lines:
            declared = any(r.split(":")[0] == d.split(":")[0] for d in row.declared)
            lines.append((tiny, f"Red line{' (declared)' if declared else ' (secret)'}: {r}", c["private"]))
        wrapped = []
        for font, text, col in lines:
            for line in D.wrap(font, text, width):
                wrapped.append((font, line, col))
        h = sum(font.get_linesize() for font, _, _ in wrapped) + f.px(10)
        s = pygame.Surface((width, h), pygame.SRCALPHA)
        yy = f.px(4)
        pygame.draw.line(s, c["panel_border"], (0, 1), (width, 1), 1)
        for font, line, col in wrapped:
            s.blit(D.render(font, line, col), (0, yy))
            yy += font.get_linesize()
        self._log_cache[key] = s
        return s


# --------------------------------------------------------------------------- overlays

class RoleSecretsScene(Overlay):
    """One delegation's secrets for the facilitator, and who plays it (human or AI)."""

    name = "role_secrets"

    def __init__(self, app: App, table: FacilitatorScene, actor_id: str):
        super().__init__(app)
        self.table = table
        self.actor_id = actor_id
        self.state: dict = {}

    def row(self) -> P.SecretRowVM:
        fvm = self.table.fvm or P.facilitator_vm(self.table.match, None, with_forecast=False)
        return next(r for r in fvm.secrets if r.id == self.actor_id)

    def set_seat(self, kind: str) -> None:
        set_seat(self.app, self.table, self.actor_id, kind)

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        row = self.row()
        rect = self.box(surf, 0.62, 0.88, min_w=f.px(560))
        m = f.px(14)
        rad = f.px(24)
        D.badge(surf, (rect.x + m + rad, rect.y + m + rad), rad, row.colour, row.short, f.get("h3", True))
        x = rect.x + 2 * m + 2 * rad
        D.text(surf, f.get("h2", True), row.name, (x, rect.y + m), c["brass_text"], max_width=rect.right - x - m)
        D.text(surf, f.get("small", True), "Secrets (facilitator only)", (x, rect.y + m + f.line_height("h2", True)),
               c["refused"], max_width=rect.right - x - m)
        y = rect.y + 2 * m + 2 * rad
        D.text(surf, f.get("label", True), "Played by", (rect.x + m, y + f.px(4)), c["text"])
        lw = f.get("label", True).size("Played by")[0] + m
        self.ui.segmented(surf, (rect.x + m + lw, y, min(f.px(300), rect.width - 2 * m - lw), f.px(34)),
                          [("human", "Human"), ("ai", "AI")], "human" if row.seat == "human" else "ai",
                          self.set_seat, name="seat")
        y += f.px(34) + m // 2
        blocks = [("heading", "Confidential instructions"), ("confidential", row.confidential or "-"),
                  ("heading", "Objectives (scored)")]
        blocks += [("bullet", f"{d} ({p} point{'s' if p != 1 else ''})") for d, p in row.objectives] or \
            [("para", "-")]
        blocks.append(("heading", "Red lines"))
        blocks += [("bullet", r) for r in row.red_lines] or [("para", "None.")]
        if row.declared:
            blocks.append(("note", "Declared so far: " + "; ".join(row.declared)))
        blocks.append(("heading", "The truth now"))
        blocks.append(("para", f"Status: {row.status_label}. True stance: {row.stance_label}. Outside option "
                               f"{row.outside:.2f} (the others believe {row.outside_public:.2f}). Reliability "
                               f"{row.reliability:.2f}, reputation {row.reputation:.2f}, {row.ap} action points."))
        blocks += [("bullet", f"{i}: {lv} (importance {s:.2f})") for i, lv, s in row.positions]
        blocks.append(("heading", "Its offers"))
        blocks += [("bullet", o) for o in row.offers] or [("para", "None.")]
        blocks.append(("heading", "Its private log"))
        blocks += [("note", f"R{e.round + 1}: {e.text}") for e in row.private_log] or [("para", "Nothing private.")]
        body = pygame.Rect(rect.x + m, y, rect.width - 2 * m, rect.bottom - y - f.px(56))
        draw_doc(self, surf, body, blocks, self.state, "secrets:doc")
        bw, bh = f.px(150), f.px(38)
        self.ui.button(surf, (rect.right - m - bw, rect.bottom - bh - m, bw, bh), "Close", self.app.pop,
                       name="secrets:close", shortcut="Esc")


def undo_from_results(app: App) -> bool:
    """F4 on the results of a facilitated game: take back its last move and go back to the console
    (in the public view, as the results may be on the projector), paused."""
    match = app.match
    done = F.undo(match, public=True) if match is not None else None
    if done is None:
        app.toast("Nothing to undo.", error=True)
        return False
    new, what = done
    app.start_match(new)  # a facilitated match: the console (in the public view: the game is under way)
    table = app.find_scene(FacilitatorScene)
    if table is not None:
        table.paused = True
        table.public = True
    app.toast(f"Undone: {what}. Back at the table in the public view; the game is paused (F2 resumes).")
    return True


def set_seat(app: App, table: FacilitatorScene, actor_id: str, kind: str) -> None:
    m = table.match
    if m.seats.get(actor_id) == kind:
        return
    m.set_seat(actor_id, kind)
    table._vm_key = None
    name = m.scenario.actors[m.game.model.actor_index(actor_id)].name
    app.toast(f"{name} is now played by {'a human (at this keyboard)' if kind == 'human' else 'the AI'}.")
    app.autosave()


class SeatsScene(Overlay):
    """Who plays each delegation: switch any of them between human and AI."""

    name = "seats"

    def __init__(self, app: App, table: FacilitatorScene):
        super().__init__(app)
        self.table = table

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        m = f.px(14)
        sc = self.table.match.scenario
        row_h = f.px(44)
        h = (2 * m + f.line_height("h2", True) + f.line_height("small") + m + len(sc.actors) * row_h + f.px(60))
        rect = self.box(surf, 0.55, min(0.95, h / surf.get_height()), min_w=f.px(520))
        D.text(surf, f.get("h2", True), "Who plays each delegation", (rect.x + m, rect.y + m), c["brass_text"],
               max_width=rect.width - 2 * m)
        y = rect.y + m + f.line_height("h2", True)
        D.text(surf, f.get("small"), "Human seats are played at this keyboard; the AI plays the rest.",
               (rect.x + m, y), c["text_muted"], max_width=rect.width - 2 * m)
        y += f.line_height("small") + m // 2
        seg_w = min(f.px(240), rect.width // 2)
        # every delegation: the rows share the height there is (large text in a small window)
        row_h = max(f.line_height("label", True) + 12,
                    min(row_h, (rect.bottom - f.px(56) - y) // max(1, len(sc.actors))))
        for a in sc.actors:
            if y + row_h > rect.bottom - f.px(56):
                break
            rad = f.px(13)
            D.badge(surf, (rect.x + m + rad, y + (row_h - 6) // 2), rad, a.colour, a.short,
                    D.initials_font(f, a.short, rad))
            D.text(surf, f.get("label", True), a.name, (rect.x + m + 2 * rad + 10, y + (row_h - 6) // 2),
                   c["text"], "midleft", max_width=rect.width - 3 * m - 2 * rad - seg_w - 10)
            kind = self.table.match.seats.get(a.id, "ai")
            self.ui.segmented(surf, (rect.right - m - seg_w, y, seg_w, row_h - 8),
                              [("human", "Human"), ("ai", "AI")], "human" if kind == "human" else "ai",
                              (lambda v, i=a.id: set_seat(self.app, self.table, i, v)), name=f"seat:{a.id}")
            y += row_h
        bw, bh = f.px(150), f.px(38)
        self.ui.button(surf, (rect.right - m - bw, rect.bottom - bh - m, bw, bh), "Done", self.app.pop,
                       name="seats:done", shortcut="Esc", style="primary")


class InjectScene(Overlay):
    """Release news now: one of the scenario's events, or a headline and text of your own."""

    name = "inject"

    def __init__(self, app: App, table: FacilitatorScene):
        super().__init__(app)
        self.table = table
        self.selected: str | None = None
        self.error = ""
        self.list_state: dict = {}

    def release_event(self) -> None:
        if self.table.public:
            self.error = "Press F7 first: the scenario's events are hidden in the public view."
            return
        if self.selected is None:
            self.error = "Choose an event from the list first."
            return
        self._inject(F.event_inject(self.selected))

    def publish(self) -> None:
        headline = self.entry_text("headline").strip()
        if not headline:
            self.error = "Type a headline first (the text is optional)."
            return
        self._inject(F.news_inject(headline, self.entry_text("text")))

    def _inject(self, inj: F.Inject) -> None:
        table = self.table
        try:
            done = F.apply_inject(table.match, inj)
        except ValueError as exc:
            self.error = f"It cannot be released: {exc}."
            return
        table._vm_key = None
        table.side_tab = "moves"
        table.side_state = {"at_bottom": True}
        table.log_state = {"at_bottom": True}
        self.app.autosave()
        self.app.toast(f"Released: {done.label(table.match.scenario)}")
        self.app.pop(self)

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.entry_text("headline").strip():
                self.publish()
            else:
                self.release_event()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN) and not self.app.typing() \
                and not self.table.public:
            self.step_event(-1 if event.key == pygame.K_UP else 1)
            return True
        return super().handle_event(event)

    _row_h = 0  # the event list's row height and height, as last drawn (to keep the choice in view)
    _list_h = 0

    def step_event(self, delta: int) -> None:
        """Up / Down: the previous or next event of the list, scrolled into view."""
        events = F.available_events(self.table.match)
        if not events:
            return
        ids = [ev.id for ev, _ in events]
        pos = ids.index(self.selected) if self.selected in ids else (-1 if delta > 0 else len(ids))
        pos = max(0, min(len(ids) - 1, pos + delta))
        self._pick(ids[pos])
        if self._row_h:
            off = self.list_state.get("offset", 0)
            top, bottom = pos * self._row_h, (pos + 1) * self._row_h
            if top < off:
                off = top
            elif bottom > off + self._list_h:
                off = bottom - self._list_h
            self.list_state["offset"] = max(0, off)

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        rect = self.box(surf, 0.86, 0.9, min_w=f.px(600))
        m = f.px(14)
        D.text(surf, f.get("h2", True), "Inject news", (rect.x + m, rect.y + m), c["brass_text"])
        y0 = rect.y + m + f.line_height("h2", True) + m // 2
        bh = f.px(38)
        footer = rect.bottom - bh - m
        two_cols = rect.width >= f.px(820)
        if two_cols:
            lw = (rect.width - 3 * m) // 2
            left = pygame.Rect(rect.x + m, y0, lw, footer - m - y0)
            right = pygame.Rect(left.right + m, y0, rect.right - m - left.right - m, left.height)
        else:
            eh = f.line_height("label", True) * 2 + 2 * f.px(36) + f.px(46) + 2 * m
            right = pygame.Rect(rect.x + m, footer - m - eh, rect.width - 2 * m, eh)
            left = pygame.Rect(rect.x + m, y0, rect.width - 2 * m, right.y - m - y0)
        self._draw_events(surf, left)
        self._draw_typed(surf, right)
        if self.error:
            D.text(surf, f.get("small", True), self.error, (rect.x + m, footer + bh // 2), c["refused"], "midleft",
                   max_width=rect.width - 3 * m - f.px(150))
        bw = f.px(150)
        self.ui.button(surf, (rect.right - m - bw, footer, bw, bh), "Close", self.app.pop, name="inject:close",
                       shortcut="Esc")

    def _draw_events(self, surf, rect: pygame.Rect) -> None:
        f, c = self.f, self.c
        D.text(surf, f.get("label", True), "From the scenario", (rect.x, rect.y), c["text"])
        y = rect.y + f.line_height("label", True) + 4
        bh = f.px(36)
        if self.table.public:  # the scenario's events are the answer key's timeline: not for the projector
            D.paragraph(surf, f.get("small"), "The scenario's events are hidden in the public view: they tell "
                        "what happens next. F7 shows the secrets (and closes this); then F3 again to "
                        "release one. Your own news can be typed here.",
                        pygame.Rect(rect.x, y, rect.width, rect.bottom - y), c["text_muted"],
                        max_lines=max(1, (rect.bottom - y) // f.line_height("small")))
            self.ui.add(pygame.Rect(rect.x, y, rect.width, rect.bottom - y), "inject:hidden", None,
                        "F7 shows the secrets and the scenario's events")
            return
        events = F.available_events(self.table.match)
        list_rect = pygame.Rect(rect.x, y, rect.width, rect.bottom - y - bh - f.px(8))
        row_h = f.line_height("small", True) + f.line_height("tiny") + f.px(8)
        self._row_h, self._list_h = row_h, list_rect.height
        total = len(events) * row_h
        self.list_state["offset"] = max(0, min(max(0, total - list_rect.height), self.list_state.get("offset", 0)))
        off = self.list_state.get("offset", 0)
        clip = surf.get_clip()
        surf.set_clip(list_rect)
        for n, (ev, fired) in enumerate(events):
            r = pygame.Rect(list_rect.x, list_rect.y + n * row_h - off, list_rect.width - 10, row_h - 4)
            if r.bottom < list_rect.y or r.top > list_rect.bottom:
                continue
            sel = ev.id == self.selected
            D.rounded(surf, r, c["button_down"] if sel else c["panel_light"], 6)
            if sel:
                D.rounded(surf, r, c["brass"], 6, 2)
            col = c["text_dim"] if fired else c["text"]
            D.text(surf, f.get("small", True), ev.title, (r.x + 8, r.y + 2), col, max_width=r.width - 16)
            sub = f"{ev.date:%d %b %Y}" + ("" if ev.historical else " - counterfactual") + (
                " - already happened" if fired else "")
            D.text(surf, f.get("tiny"), sub, (r.x + 8, r.y + 2 + f.line_height("small", True)), c["text_muted"],
                   max_width=r.width - 16)
            visible = r.clip(list_rect)
            if visible.height > 0:
                self.ui.add(visible, f"event:{ev.id}", (lambda i=ev.id: self._pick(i)),
                            (ev.text or ev.title)[:400])
        surf.set_clip(clip)
        if total > list_rect.height:  # more than fit: a scroll bar says so (the wheel, Up / Down)
            track = pygame.Rect(list_rect.right - 6, list_rect.y, 5, list_rect.height)
            pygame.draw.rect(surf, c["panel_light"], track, border_radius=2)
            th = max(f.px(20), list_rect.height * list_rect.height // total)
            ty = track.y + (list_rect.height - th) * off // max(1, total - list_rect.height)
            pygame.draw.rect(surf, c["brass_dim"], (track.x, ty, track.width, th), border_radius=2)
        if not events:
            D.text(surf, f.get("small"), "This scenario has no events.", (list_rect.x, list_rect.y),
                   c["text_muted"])

        def wheel(dy):
            total = len(events) * row_h
            old = self.list_state.get("offset", 0)
            self.list_state["offset"] = max(0, min(max(0, total - list_rect.height), old - dy * row_h))
            return self.list_state["offset"] != old  # (False: at its end, where a flick's glide stops)
        self.ui.add(list_rect, "inject:list", None, "", True, wheel, drag_step=row_h)
        fired = dict((ev.id, done) for ev, done in events)
        self.ui.button(surf, (rect.x, rect.bottom - bh, rect.width, bh), "Release this event now",
                       self.release_event, name="inject:event", style="primary",
                       enabled=self.selected is not None and not fired.get(self.selected, True),
                       tooltip="Its effects apply now, publicly; it will not fire again on its date "
                               "(Up / Down choose an event, Enter releases it)")

    def _pick(self, event_id: str) -> None:
        self.selected = event_id
        self.error = ""

    def _draw_typed(self, surf, rect: pygame.Rect) -> None:
        f, c = self.f, self.c
        D.text(surf, f.get("label", True), "Your own news", (rect.x, rect.y), c["text"])
        y = rect.y + f.line_height("label", True) + 4
        eh = f.px(36)
        D.text(surf, f.get("small"), "Headline", (rect.x, y), c["text_muted"])
        y += f.line_height("small")
        self.entry("headline", pygame.Rect(rect.x, y, rect.width, eh), placeholder="e.g. The next meeting is postponed")
        y += eh + f.px(6)
        D.text(surf, f.get("small"), "Text (optional)", (rect.x, y), c["text_muted"])
        y += f.line_height("small")
        self.entry("text", pygame.Rect(rect.x, y, rect.width, eh), placeholder="What the delegations read")
        y += eh + f.px(10)
        bh = f.px(36)
        self.ui.button(surf, (rect.x, y, rect.width, bh), "Publish in the news", self.publish,
                       name="inject:news", style="primary", shortcut="Enter",
                       tooltip="A public news entry; it changes no numbers")


class RoundsScene(Overlay):
    """Go back to the start of any round reached so far (the game left behind is kept as a save)."""

    name = "rounds"

    def __init__(self, app: App, table: FacilitatorScene):
        super().__init__(app)
        self.table = table
        self.starts = F.round_starts(table.match)

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        m = f.px(14)
        sc = self.table.match.scenario
        n_actions = len(self.table.match.actions)
        row_h = f.px(46)
        h = 3 * m + f.line_height("h2", True) + 2 * f.line_height("small") + len(self.starts) * row_h + f.px(60)
        rect = self.box(surf, 0.6, min(0.95, h / surf.get_height()), min_w=f.px(560))
        D.text(surf, f.get("h2", True), "Go back to the start of a round", (rect.x + m, rect.y + m),
               c["brass_text"], max_width=rect.width - 2 * m)
        y = rect.y + m + f.line_height("h2", True)
        y += D.paragraph(surf, f.get("small"), "The moves and the news you injected from then on are taken back, "
                         "and the game pauses there. "
                         "The game you leave is kept as a save in the autosaves folder (Load game lists it).",
                         pygame.Rect(rect.x + m, y, rect.width - 2 * m, 2 * f.line_height("small")),
                         c["text_muted"], max_lines=2) + m // 2
        bw = f.px(150)
        rec = F.record_of(self.table.match)
        injected = [i.at for i in rec.injects] if rec else []
        for rnd, at in sorted(self.starts.items()):
            if y + row_h > rect.bottom - f.px(56):
                break
            meeting = sc.rounds[rnd]
            undo = n_actions - at
            news = sum(1 for n in injected if n >= at)  # F.fork keeps the injects made before `at`
            D.text(surf, f.get("label", True), f"Round {rnd + 1}: {P.fmt_date(meeting.date)}, {meeting.name}",
                   (rect.x + m, y + 2), c["text"], max_width=rect.width - 3 * m - bw)
            what = f"takes back {undo} move{'s' if undo != 1 else ''}"
            if news:
                what += f" and {news} news item{'s' if news != 1 else ''} you injected"
            D.text(surf, f.get("small"), what,
                   (rect.x + m, y + 2 + f.line_height("label", True)), c["text_muted"],
                   max_width=rect.width - 3 * m - bw)
            self.ui.button(surf, (rect.right - m - bw, y + 2, bw, row_h - 10), "Go back",
                           (lambda r=rnd: self.go(r)), name=f"round:{rnd}", enabled=undo > 0 or news > 0 or rnd == 0)
            y += row_h
        bh = f.px(38)
        self.ui.button(surf, (rect.right - m - bw, rect.bottom - bh - m, bw, bh), "Cancel", self.app.pop,
                       name="rounds:cancel", shortcut="Esc")

    def go(self, round_index: int) -> None:
        self.app.pop(self)
        self.table.go_back(round_index)
