"""Watching a saved game again, move by move: the table as it stood after any move.

The replay is the table screen of the game (the name cards, the clause grid, the news,
the forecast) drawn for the state after the first ``pos`` moves of a saved game, with the
action panel replaced by a transport: back and forward one move (Left / Right, or Page Up /
Page Down as a presenter's remote sends them), to the start or the end, to the previous or
next meeting, play (a move every so often, at the AI speed of the settings), and a bar to
click anywhere in the game. Nothing is played, saved or autosaved: the saved game is only read.

Whose eyes: the public view (what everyone saw: no private moves, no forecast), or any
delegation's own view (its private log, its offers, its forecast), cycled with W. A save
with one human delegation opens in that delegation's view (it is that player's game);
any other opens in the public view, which is safe to put on a projector.

Opened with ``treaty-table replay SAVE --window``, or from the results screen (Replay, R).
Esc leaves it: back to the results when it was opened from there, else to the title.
"""

from __future__ import annotations

import copy
import functools

import pygame

from game.session import facilitator as F
from game.ui import draw as D
from game.ui import presenters as P
from game.ui.app import App
from game.ui.scene_table import TableScene
from game.ui.settings import AI_SPEEDS

REFUSAL = "This is a replay: no moves are made here (Esc leaves it)."
PLAY_FACTOR = 1.5  # a replayed move shows this many times the settings' AI pause


def round_starts(states) -> dict[int, int]:
    """For each meeting reached: the number of moves played before its first move (its first state)."""
    starts: dict[int, int] = {}
    for n, st in enumerate(states):
        if st.phase != "ended":
            starts.setdefault(st.round, n)
    return starts


class ReplayScene(TableScene):
    name = "replay"
    PRIVATE_WORK = False  # one screen, no hotseat
    OWN_VIEW_AIDS = False  # nothing is played: no "what your move changed", no signing warning
    MENU_KEY = "M"  # Esc leaves the replay; the menu (settings, quit) is on M
    # nothing is tabled here: the paper says where the game stood, not which key to press, and a
    # click on a level only chooses its row (no working text, no "new" marks)
    NO_DRAFT_TEXTS = ("No draft had been tabled yet at this point of the game.",
                      "No draft tabled yet at this point.", "No draft tabled yet.")
    CELL_CLICK_TIP = " Click to choose its row."
    WORKING_TEXT = False

    def __init__(self, app: App, match, viewer: str | None = ..., states=None):
        """``match``: the saved game, whole (it is not changed). ``viewer``: whose view to open in
        (None: the public view; left out: the save's one human delegation, else the public view).
        ``states``: the states before each move and the last one (``facilitator.states``), when
        the caller has them already."""
        self.full = match
        self.states = states if states is not None else F.states(match)
        self.total = len(match.actions)
        self.starts = round_starts(self.states)
        ids = list(match.game.model.actor_ids)
        self.viewers: list[str | None] = [None] + ids
        if viewer is ...:
            viewer = match.humans[0] if len(match.humans) == 1 else None
        self.view_as = viewer if viewer in self.viewers else None
        self.pos = 0
        self.playing = False
        self.play_timer = 0.0
        self.refused = False  # the last key asked for a move: say it is a replay
        kept = app.match
        app.match = self._match_at(0)
        try:
            super().__init__(app)
        finally:
            app.match = kept  # the game on the app stays the whole one (the menu, the quit question)

    # ------------------------------------------------------------------ the position
    def _match_at(self, n: int):
        """The saved game after its first ``n`` moves (a copy sharing the engine and players)."""
        m = copy.copy(self.full)
        m.state = self.states[n]
        m.actions = list(self.full.actions[:n])
        return m

    def seek(self, n: int) -> None:
        n = max(0, min(self.total, int(n)))
        self.refused = False
        if n == self.pos:
            return
        one_on = n == self.pos + 1
        self.pos = n
        self.match = self._match_at(n)
        if not one_on:  # a jump: what is on the table now was there already (no flights, no stamps)
            self.seen_drafts = {d.id for d in self.match.state.drafts}
            self.last_sigs = tuple(self.match.state.signatures)
            self.anims.clear()
        self.log_state = {"at_bottom": True}
        self._vm_key = None
        if n == self.total:
            self.playing = False

    def step(self, delta: int) -> None:
        self.playing = False
        self.seek(self.pos + delta)

    def round_step(self, delta: int) -> None:
        """To the first move of the previous (-1) or next (+1) meeting; back from inside a meeting
        first goes to its own start."""
        self.playing = False
        starts = sorted(set(self.starts.values()))
        if delta < 0:
            earlier = [s for s in starts if s < self.pos]
            self.seek(earlier[-1] if earlier else 0)
        else:
            later = [s for s in starts if s > self.pos]
            self.seek(later[0] if later else self.total)

    def toggle_play(self) -> None:
        if self.total == 0:  # a save of a game not started: nothing to play
            self.playing = False
            return
        if self.pos >= self.total:
            self.seek(0)  # at the end, play starts again from the beginning
        self.playing = not self.playing
        self.play_timer = 0.0

    def cycle_view(self, delta: int = 1) -> None:
        n = self.viewers.index(self.view_as)
        self.view_as = self.viewers[(n + delta) % len(self.viewers)]
        self._vm_key = None
        self.sel_actor = None
        self.log_state = {"at_bottom": True}

    def leave_replay(self) -> None:
        self.playing = False
        if len(self.app.scenes) > 1 and self.app.top is self:
            self.app.pop()
            return
        from game.ui.scenes import TitleScene

        self.app.match = None
        self.app.match_read_only = False
        self.app.reset(TitleScene(self.app))

    # ------------------------------------------------------------------ what it says
    def view_name(self, viewer: str | None = ...) -> str:
        viewer = self.view_as if viewer is ... else viewer
        if viewer is None:
            return "public view"
        sc = self.full.scenario
        return f"{sc.actors[self.full.game.model.actor_index(viewer)].name}'s view"

    def move_text(self, n: int | None = None) -> str:
        """What move ``n`` (1-based; default the last one shown) was, as the chosen view saw it."""
        n = self.pos if n is None else n
        if n <= 0:
            return "The start: before the first move."
        action = self.full.actions[n - 1]
        before, after = self.states[n - 1], self.states[n]
        idx = None if self.view_as is None else self.full.game.model.actor_index(self.view_as)
        seen = (lambda e: e.visible is None) if idx is None else (lambda e: e.seen_by(idx))  # None: public only
        new = [e for e in after.log[len(before.log):] if seen(e) and e.kind != "round"]
        mover = [e for e in new if e.actors[:1] == (self.full.game.model.actor_index(action.actor),)]
        first = (mover or new or [None])[0]
        if first is None:
            return F.describe(self.full, action, public=True) + "."
        more = len(new) - 1
        return first.text + (f" (and {more} more line{'s' * (more > 1)} of news)" if more > 0 else "")

    def where_text(self) -> str:
        st = self.match.state
        rounds = len(self.full.scenario.rounds)
        place = "the end" if st.phase == "ended" else (
            "the summit's signing" if st.phase == "signing" else f"round {st.round + 1} of {rounds}")
        return f"Move {self.pos} of {self.total} ({place})"

    # ------------------------------------------------------------------ the table's hooks
    def viewer(self, m=None) -> str | None:
        return self.view_as

    def shot_name(self) -> str | None:
        return "replay"

    def ready_for_shot(self) -> bool:
        return self.frames >= 3

    def build_vm(self, m, key: tuple):
        from dataclasses import replace

        vm = super().build_vm(m, key)
        if m.state.phase == "ended":  # no forecast after the end: what happened, as the news said it
            said = [e.text for e in m.state.log if e.kind == "result" and e.visible is None]
            vm = replace(vm, forecast=P.ForecastVM(False, " ".join(
                [said[-1] if said else "The talks are over."]
                + ["Who signed is on the name cards."])))
        elif key[0] is None:  # the public view: say where a forecast is to be had
            vm = replace(vm, forecast=P.ForecastVM(False, "The forecast is private to each delegation: press W "
                                                          "(View) to watch through a delegation's eyes, with its "
                                                          "forecast, its private moves and its offers."))
        return vm

    def forecast_title(self, vm: P.TableVM) -> str:
        if vm.phase == "ended":
            return "How the talks ended"
        if vm.viewer is None:
            return "The forecast"
        name = vm.delegate(vm.viewer).name
        return (f"If the talks ended now ({name})" if vm.phase == "diplomacy"
                else f"The signing, as {name} foresaw it")

    def who_text(self, vm: P.TableVM) -> tuple[str, str]:
        return f"REPLAY - {self.view_name()}", "brass_text"

    def status_texts(self, vm: P.TableVM) -> list[str]:
        return [self.where_text()]

    def hint(self, vm):
        return None

    def _learn(self) -> None:
        return None  # the moves of a replay teach this computer's players nothing

    def _after_change(self) -> None:
        return None  # no autosave: nothing is played

    def me(self) -> str | None:
        return None  # nobody moves in a replay (a profile offers no lobbying, no offer)

    def submit(self, action) -> bool:
        self.refused = True
        return False

    def act(self, kind: str, **kw) -> None:
        self.refused = True

    def respond(self, offer_id: int, accept: bool) -> None:
        self.refused = True

    # ------------------------------------------------------------------ input and time
    MOVE_KEYS = set(TableScene.KEYS) | {pygame.K_d, pygame.K_y, pygame.K_n, pygame.K_j,
                                           pygame.K_f}  # (J: a memo, F: the briefing check, not here)

    def memo_seat(self) -> str | None:
        """None: a replay is watched, and no memo is written in it (nor offered in its menu: the game
        watched is never saved, and a team's memos are not for the screen a replay is shown on)."""
        return None

    def handle_event(self, event) -> bool:
        if event.type != pygame.KEYDOWN or self.app.typing():
            return False
        key, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        if key == pygame.K_ESCAPE:
            self.leave_replay()
        elif key in (pygame.K_LEFT, pygame.K_PAGEUP):  # Page Up / Down: what a presenter's remote sends
            self.round_step(-1) if shift else self.step(-1)
        elif key in (pygame.K_RIGHT, pygame.K_PAGEDOWN):
            self.round_step(1) if shift else self.step(1)
        elif key == pygame.K_HOME:
            self.step(-self.total)
        elif key == pygame.K_END:
            self.step(self.total)
        elif key == pygame.K_SPACE:  # (held: one play or pause, App.REPEATING_KEYS)
            self.toggle_play()
        elif key == pygame.K_w:
            self.cycle_view(-1 if shift else 1)
        elif key == pygame.K_m:
            from game.ui.scenes import MenuScene

            self.playing = False
            self.app.push(MenuScene(self.app))
        elif key == pygame.K_b:  # the role brief of the delegation whose view it is
            if self.view_as is not None:
                from game.ui.scenes import BriefScene

                self.app.push(BriefScene(self.app, self.view_as, overlay=True))
        elif key in self.MOVE_KEYS:
            self.refused = True
        else:
            return super().handle_event(event)
        return True

    def ai_moving(self) -> bool:
        return False  # nothing is played here: the saved moves are shown one by one (play_pause)

    def play_pause(self) -> float:
        """Seconds between two moves shown while the replay plays."""
        return AI_SPEEDS.get(self.app.settings.ai_speed, 0.55) * PLAY_FACTOR

    def wake_in(self) -> float | None:
        return max(0.0, self.play_pause() - self.play_timer) if self.playing else None

    def update(self, dt: float) -> None:
        if not self.playing:
            return
        self.play_timer += dt
        if self.play_timer >= self.play_pause():
            self.play_timer = 0.0
            self.seek(self.pos + 1)

    # ------------------------------------------------------------------ the transport panel
    def draw_actions(self, surf, rect: pygame.Rect, vm: P.TableVM) -> None:
        c, f = self.c, self.f
        D.panel(surf, rect, c)
        m = f.px(8)
        x, y, w = rect.x + m, rect.y + m, rect.width - 2 * m
        lh = f.line_height("label", True)
        # 1. where we are, and the bar of the whole game (a tick at each meeting's first move)
        label = f.get("label", True)
        where = self.where_text()
        wr = D.text(surf, label, where, (x, y + (lh - label.get_linesize()) // 2), c["brass_text"],
                    max_width=w // 2)
        self.ui.add(wr, "replay:where", None, f"{where}: the table as it stood after this move "
                    f"({self.view_name()})")
        bar = pygame.Rect(wr.right + 2 * m, y + lh // 2 - f.px(5), x + w - wr.right - 2 * m, f.px(10))
        self._draw_bar(surf, bar)
        y += lh + m // 2
        # 2. what the move was, as this view saw it
        small = f.get("small")
        text = self.refused and REFUSAL or self.move_text()
        colour = c["refused"] if self.refused else c["text"]
        D.text(surf, small, text, (x, y), colour, max_width=w)
        self.ui.add(pygame.Rect(x, y, w, small.get_linesize()), "replay:move", None, text)
        y += f.line_height("small") + m // 2
        # 3. the transport
        bh = max(f.px(28), min(f.px(38), rect.bottom - m - y))
        gap = f.px(6)
        buttons = [
            ("Start", lambda: self.step(-self.total), "replay:start", "Home", "To the start of the game"),
            ("Back", lambda: self.step(-1), "replay:back", "Left", "One move back (Page Up too)"),
            ("Pause" if self.playing else "Play", self.toggle_play, "replay:play", "Space",
             "Play the game on, a move at a time (at the AI speed of the settings)"),
            ("Next", lambda: self.step(1), "replay:next", "Right", "One move on (Page Down too)"),
            ("End", lambda: self.step(self.total), "replay:end", "End", "To the end of the game"),
            ("Round -", lambda: self.round_step(-1), "replay:round_back", "Sh+Left",
             "To the start of this round (meeting), or of the one before"),
            ("Round +", lambda: self.round_step(1), "replay:round_next", "Sh+Right",
             "To the start of the next round (meeting)"),
            ("View", lambda: self.cycle_view(1), "replay:view", "W",
             f"Whose eyes: now {'the ' if self.view_as is None else ''}{self.view_name()}. The public view shows what everyone saw; a "
             "delegation's view adds its private moves, offers and forecast"),
            ("Leave", self.leave_replay, "replay:leave", "Esc", "Leave the replay"),
        ]
        widths = self._button_widths([(b[0], b[3]) for b in buttons], w - gap * (len(buttons) - 1))
        bx = float(x)
        for (lab, cb, name, key, tip), bw in zip(buttons, widths):
            r = pygame.Rect(int(bx), y, int(bw), bh)
            bx += bw + gap
            enabled = not ((name in ("replay:start", "replay:back", "replay:round_back") and self.pos == 0)
                           or (name in ("replay:next", "replay:end", "replay:round_next") and self.pos >= self.total))
            self.ui.button(surf, r, lab, cb, name=name, shortcut=key, tooltip=tip, enabled=enabled,
                           selected=(name == "replay:play" and self.playing), size="small")

    # the key hints the transport shows first when not all of them fit (a pair shows both or neither)
    KEY_GROUPS = (("Back", "Next"), ("Play",), ("Leave",), ("View",), ("Start", "End"), ("Round -", "Round +"))

    def _button_widths(self, buttons: list[tuple[str, str]], avail: int) -> list[float]:
        """Widths for the transport's buttons ((label, key hint), in ``avail`` pixels): each as wide as
        its label, so that no label is cut while they all fit ("Round -" and "Round +" cut to "Roun..."
        could not be told apart); then the key hints, pair by pair, as far as the room goes (the others
        are in the tooltips and in Help); what is left is shared out evenly."""
        font, key_font = self.f.get("small", True), self.f.get("tiny", True)
        pad = self.f.gap(14)  # the button's own margins (widgets.Ui.fit_label), and a little to spare
        label_w = {lab: max(font.size(lab)[0], font.size("Pause")[0] if lab in ("Play", "Pause") else 0) + pad
                   for lab, _ in buttons}
        key_w = {lab: key_font.size(key)[0] + self.f.gap(16) for lab, key in buttons}
        need = {lab: label_w[lab] for lab, _ in buttons}
        if sum(need.values()) > avail:  # not even the labels fit: as before, equal widths
            return [avail / len(buttons)] * len(buttons)
        room = avail - sum(need.values())
        play = next((lab for lab, _ in buttons if lab in ("Play", "Pause")), "Play")
        for group in self.KEY_GROUPS:
            group = tuple(play if g == "Play" else g for g in group)
            extra = {lab: max(label_w[lab] + key_w[lab], key_w[lab] + 44) - label_w[lab]
                     for lab in group if lab in need}
            if extra and sum(extra.values()) <= room:
                room -= sum(extra.values())
                for lab, e in extra.items():
                    need[lab] += e
        return [need[lab] + room / len(buttons) for lab, _ in buttons]

    def _draw_bar(self, surf, bar: pygame.Rect) -> None:
        c, f = self.c, self.f
        if bar.width < f.px(40):
            return
        D.rounded(surf, bar, c["panel_light"], bar.height // 2)
        total = max(1, self.total)
        done = pygame.Rect(bar.x, bar.y, int(bar.width * self.pos / total), bar.height)
        if done.width > 0:
            D.rounded(surf, done, c["brass_dim"], bar.height // 2)
        for r, n in sorted(self.starts.items()):
            tx = bar.x + int(bar.width * n / total)
            pygame.draw.line(surf, c["text_muted"], (tx, bar.y - f.px(3)), (tx, bar.bottom + f.px(2)), 1)
        kx = bar.x + int(bar.width * self.pos / total)
        pygame.draw.circle(surf, c["brass"], (kx, bar.centery), bar.height // 2 + f.px(3))
        pygame.draw.circle(surf, c["ink"], (kx, bar.centery), bar.height // 2 + f.px(3), 1)
        # a click anywhere on the bar goes there: one region a move (the nearest move to the pointer)
        grab = bar.inflate(0, f.px(12))
        step = bar.width / total
        for n in range(self.total + 1):
            x0 = int(bar.x + (n - 0.5) * step)
            x1 = int(bar.x + (n + 0.5) * step)
            seg = pygame.Rect(max(grab.x, x0), grab.y, max(1, min(grab.right, x1) - max(grab.x, x0)), grab.height)
            self.ui.add(seg, f"replay:bar:{n}", lambda k=n: (setattr(self, "playing", False), self.seek(k)),
                        self.bar_tips[n])

    @functools.cached_property
    def bar_tips(self) -> list[str]:
        """The bar's tooltip for each move (made once: the bar is drawn every frame)."""
        rounds = self.full.scenario.rounds
        tips = []
        for n, st in enumerate(self.states):
            meeting = ("the end" if st.phase == "ended"
                       else f"{rounds[st.round].date:%d %b %Y}: {rounds[st.round].name}")
            tips.append(f"Move {n} of {self.total} ({meeting})")
        return tips
