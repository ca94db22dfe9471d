"""The results: tightness with its breakdown, the depth-breadth chart (this treaty,
history, a cloud of AI-only games built a few steps per frame), each role's score
beside history and the AI, and what happened on the historical date.
"""

from __future__ import annotations

import os
import time
import webbrowser
from pathlib import Path

import pygame

from game.scoring.treaty import breadth_meaning
from game.session.match import OFF_NOTE
from game.ui import draw as D
from game.ui import presenters as P
from game.ui.app import App, Scene
from game.ui.scenes import MenuScene, background, digit_key, draw_doc

CLOUD_RUNS = 30


class CloudBuilder:
    """AI-only games of the same scenario and options, stepped within a time budget per frame."""

    def __init__(self, match, runs: int = CLOUD_RUNS):
        from game.engine import Options
        from game.session.match import Match
        from game.session.simulate import run_seed

        self.scenario = match.scenario
        self.options = Options(events=match.options.events)
        self.difficulty = match.difficulty
        self.stand_ins = tuple(match.humans)  # the AI in the people's seats gets what the level gave them
        self.seeds = [run_seed(match.seed, n) for n in range(runs)]
        self.results: list[dict] = []
        self.current = None
        self._Match = Match

    @property
    def done(self) -> bool:
        return len(self.results) >= len(self.seeds)

    def work(self, budget_s: float) -> bool:
        """Advance for about ``budget_s`` seconds; True when something finished."""
        from game.session.simulate import summarise

        t0 = time.perf_counter()
        finished = False
        while not self.done and time.perf_counter() - t0 < budget_s:
            if self.current is None:
                seed = self.seeds[len(self.results)]
                self.current = self._Match(self.scenario, seed=seed, options=self.options,
                                           difficulty=self.difficulty, stand_ins=self.stand_ins)
            m = self.current
            for _ in range(8):
                if m.over:
                    break
                m.step_ai()
            if m.over:
                self.results.append(summarise(m))
                self.current = None
                finished = True
        return finished


class ResultsScene(Scene):
    name = "results"
    toast_fill = True  # a banner over the header (see draw)

    def __init__(self, app: App):
        super().__init__(app)
        self.match = app.match
        self.cloud = CloudBuilder(self.match)
        self.vm = P.results_vm(self.match, [])
        self.page = "treaty"
        self.history_lines = 0  # lines of the history summary shown on the treaty page (for tests)
        self.doc_state: dict = {}
        self.role_state: dict = {}
        self.chosen_role: str | None = None  # the role the roles page explains (None: the human players')
        self.debrief_pending = False
        self.debrief_path: Path | None = None
        self.debrief_message: tuple[str, bool] | None = None  # (text, is an error)
        self.replay = None  # the replay (R), kept so that it opens again where it was left
        from game.session import facilitator as F

        if F.record_of(self.match) is not None:  # the teacher's console: a wrong last move can be taken back
            self.debrief_message = ("Facilitator: F4 takes back the last move (a wrong signature, say) and "
                                    "goes back to the table.", False)

    def final_save_failed(self, why: str | None) -> None:
        """Say on this screen, for as long as it is up, that the game's final autosave could not be
        written (``why``; None: it was), instead of a toast that the screen change drops; and the
        window then exits with code 1, as the text mode does."""
        if why is None:
            return
        self.app.saver.errors.clear()  # said here (not in a toast saying that the game goes on)
        self.app.exit_code = 1
        self.debrief_message = (f"The finished game is not saved: its final save could not be written "
                                f"({why}). Free some space or fix the folder's permissions before the next "
                                "game.", True)

    def shot_name(self) -> str | None:
        return "results" if self.page == "treaty" else "results-" + self.page

    def ready_for_shot(self) -> bool:
        return self.frames >= 3 and self.cloud.done

    def busy(self) -> bool:
        return not self.cloud.done  # the comparison games, a few steps a frame (then the screen is still)

    def update(self, dt: float) -> None:
        if not self.cloud.done:
            budget = 0.03 if (self.app.shots_dir or self.debrief_pending) else 0.006
            if self.cloud.work(budget):
                self.vm = P.results_vm(self.match, self.cloud.results)
        if self.debrief_pending and self.cloud.done:
            self.debrief_pending = False
            self.write_debrief()

    # --- the debrief report -----------------------------------------------------------------
    def request_debrief(self) -> None:
        """Write the HTML debrief (when the AI-only games it compares with are done) and open it."""
        if self.cloud.done:
            self.write_debrief()
            return
        self.debrief_pending = True
        self.debrief_message = (f"The debrief is written as soon as the AI-only games are done "
                                f"({len(self.cloud.results)}/{len(self.cloud.seeds)})...", False)

    def write_debrief(self) -> None:
        from game.ui import report_export

        try:
            path = report_export.write(self.match, self.cloud.results)
        except Exception as exc:  # a report must never take the window down
            from game.session.store import os_error_text

            self.debrief_message = (f"The debrief could not be written: {os_error_text(exc)}", True)
            return
        self.debrief_path = path
        opened = self.open_in_browser(path)
        self.debrief_message = (f"Debrief report written to {path}" + (" (opened in your browser)" if opened else "")
                                + "; its slides for a projector are beside it", False)  # shown in place

    def open_in_browser(self, path: Path) -> bool:
        """Open the report in the browser (not in tests, screenshots or a headless window)."""
        if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen") or self.app.shots_dir is not None:
            return False
        try:
            return bool(webbrowser.open(path.resolve().as_uri()))
        except (webbrowser.Error, OSError, ValueError):
            return False

    _turned_by: int | None = None  # the key whose press turned the page (its repeats do nothing more)

    def turn_page(self, key: int, page: str) -> None:
        self.page = page
        self._turned_by = key

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and not self.app.typing():
            if self.app.repeating and event.key == self._turned_by:
                return True  # a held key turns the page once (Tab or Right held flipped it 25 times a second)
            self._turned_by = None
            if event.key == pygame.K_ESCAPE:  # (held, from the replay: the menu once, App.REPEATING_KEYS)
                self.app.push(MenuScene(self.app))
                return True
            if event.key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT):
                self.turn_page(event.key, "roles" if self.page == "treaty" else "treaty")
                return True
            # Page Down / Up, as a presenter's remote sends them: on through the results (the treaty,
            # then the roles page, down its history), and back to the top and to the treaty page
            if event.key == pygame.K_PAGEDOWN and self.page == "treaty":
                self.turn_page(event.key, "roles")
                self.doc_state["offset"] = 0  # from its top
                return True
            at_top = self.doc_state.get("offset", 0) <= 0
            if event.key == pygame.K_PAGEUP and self.page == "roles" and at_top \
                    and not self.app.repeating:  # (held, it stops at the top of the page)
                self.turn_page(event.key, "treaty")
                return True
            if digit_key(event) == 1:
                self.page = "treaty"
                return True
            if digit_key(event) == 2:
                self.page = "roles"
                return True
            if event.key == pygame.K_n:
                self.new_game()
                return True
            if event.key == pygame.K_d:
                self.request_debrief()
                return True
            if event.key == pygame.K_r:
                self.watch_again()
                return True
            if event.key == pygame.K_F4 or (event.key == pygame.K_z and event.mod & pygame.KMOD_CTRL):
                from game.session import facilitator as F

                if F.record_of(self.match) is not None:  # the facilitator takes back the last move
                    from game.ui.scene_facilitator import undo_from_results

                    undo_from_results(self.app)
                    return True
            if event.key in (pygame.K_UP, pygame.K_DOWN) and self.page == "roles":
                self.step_role(1 if event.key == pygame.K_DOWN else -1)  # as a row of the table's grid
                return True
            if event.key == pygame.K_b and self.page == "roles":
                self.open_brief()
                return True
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) \
                    and self.page == "roles":  # the history and the objectives, under the fold
                step = self.f.px(60) * 4
                down = event.key == pygame.K_PAGEDOWN
                self.doc_state["offset"] = max(0, self.doc_state.get("offset", 0) + (step if down else -step))
                return True
        return False

    # --- choosing a role on the roles page ---------------------------------------------------
    def choose_role(self, role_id: str) -> None:
        """Explain ``role_id``'s score on the right (by a click on its row, or Up / Down)."""
        if role_id != self.chosen_role:
            self.chosen_role = role_id
            self.doc_state["offset"] = 0  # its explanation from the start

    def step_role(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) role in the list, from the one explained (at first
        the human player's); from none, the first or the last."""
        ids = [r.id for r in self.vm.roles]
        if not ids:
            return
        current = self.current_role()
        if current is None:
            self.choose_role(ids[0] if step > 0 else ids[-1])
        else:
            self.choose_role(ids[(ids.index(current.id) + step) % len(ids)])

    def current_role(self):
        """The role whose row is chosen: the one picked, else the first human player's (None: none)."""
        rows = {r.id: r for r in self.vm.roles}
        if self.chosen_role in rows:
            return rows[self.chosen_role]
        return next((r for r in self.vm.roles if r.human), None)

    def open_brief(self) -> None:
        """The chosen role's brief (B; after the game every brief may be read)."""
        from game.ui.scenes import BriefScene

        r = self.current_role()
        if r is not None:
            self.app.push(BriefScene(self.app, r.id, overlay=True, back="Back to the results"))

    def watch_again(self) -> None:
        """The game move by move (game/ui/scene_replay.py); Esc there comes back here. Opened again, it
        is where it was left (the move and the view): a presenter's remote sends Esc from its stop
        button, and the class should not have to be walked back from the first move."""
        from game.ui.scene_replay import ReplayScene

        scene = self.replay
        if scene is None or scene.full is not self.match:
            try:
                scene = self.replay = ReplayScene(self.app, self.match)
            except ValueError as exc:  # a move that does not replay: said here, the results stay
                self.debrief_message = (f"The game cannot be replayed: {exc}", True)
                return
        self.app.push(scene)

    def new_game(self) -> None:
        from game.ui.scenes import TitleScene

        self.app.match = None
        self.app.reset(TitleScene(self.app))

    def draw(self, surf) -> None:
        background(surf, self.app)
        c, f, vm = self.c, self.f, self.vm
        W, H = surf.get_size()
        m = f.px(12)
        # header: the title, and the buttons (each as wide as its label) on the right
        bh = f.px(36)
        pending = self.debrief_pending
        buttons = [
            ("The treaty", lambda: setattr(self, "page", "treaty"), "results:treaty", "1", self.page == "treaty", ""),
            ("Roles & history", lambda: setattr(self, "page", "roles"), "results:roles", "2", self.page == "roles", ""),
            ("Writing..." if pending else "Debrief report", self.request_debrief, "results:debrief", "D", False,
             "Write the debrief report of this game (HTML, for the class) to your data folder and open it"),
            ("Replay", self.watch_again, "results:replay", "R", False,
             "Watch this game again move by move, in any delegation's view or the public one"),
            ("New game", self.new_game, "results:new", "N", False, ""),
        ]
        label_font, key_font = f.get("label", True), f.get("tiny", True)
        widths = [max(f.px(120), label_font.size(b[0])[0] + key_font.size(b[3])[0] + f.px(44)) for b in buttons]
        x = W - 2 * m - sum(widths) - m * (len(buttons) - 1)
        left_x = x
        # the title, where the buttons leave room for it (a small window with large text: the
        # buttons take the whole width, and the selected tab says which page this is)
        if f.get("h2", True).size("Results")[0] + 3 * m <= x:
            D.text(surf, f.get("h2", True), "Results", (2 * m, m), c["brass_text"])
        for (label, cb, name, key, sel, tip), bw in zip(buttons, widths):
            self.ui.button(surf, (x, m, bw, bh), label, cb, name=name, shortcut=key, selected=sel, tooltip=tip)
            x += bw + m
        # the scenario's title and the level (scores at easy and at hard are not comparable): beside the
        # buttons when it fits there, else under them (full width)
        level = self.level()
        sub = vm.scenario_title + (f" - AI difficulty: {level}" if level else "")
        sub_y = m + f.line_height("h2", True)
        if f.get("small").size(sub)[0] > left_x - 4 * m:
            sub_y = max(sub_y, m + bh + f.px(4))
        D.text(surf, f.get("small"), sub, (2 * m, sub_y), c["text_muted"], max_width=W - 4 * m)
        top = sub_y + f.line_height("small") + m
        # toasts: a banner over the subtitle, or over the title too, left of the buttons
        sub_y = m + f.line_height("h2", True) - 2
        self.toast_area = [pygame.Rect(m, sub_y, max(0, left_x - 2 * m), top - m // 2 - sub_y),
                           pygame.Rect(m, 4, max(0, left_x - 2 * m), top - m // 2 - 4)]
        if self.debrief_message:
            text, error = self.debrief_message
            shown = D.text(surf, f.get("small", True), text, (2 * m, top - m // 2),
                           c["refused"] if error else c["ok"], max_width=W - 4 * m)
            if error:  # a line cut to the window's width: hovering it shows all of it
                self.ui.add(shown, "results:message", None, text)
            if self.debrief_path is not None:
                self.ui.add(pygame.Rect(2 * m, top - m // 2, W - 4 * m, f.line_height("small", True)),
                            "results:debrief:path", lambda: self.open_in_browser(self.debrief_path),
                            f"{self.debrief_path} - click to open it again (its slides for a projector: "
                            f"{self.debrief_path.stem}-slides.html, beside it)")
            top += f.line_height("small", True)
        body = pygame.Rect(2 * m, top, W - 4 * m, H - top - m)
        if self.page == "treaty":
            self.draw_treaty(surf, body)
        else:
            self.draw_roles(surf, body)

    # --- page 1: the treaty ---------------------------------------------------------------
    def draw_treaty(self, surf, body: pygame.Rect) -> None:
        c, f, vm = self.c, self.f, self.vm
        m = f.px(12)
        left = pygame.Rect(body.x, body.y, int(body.width * 0.5) - m // 2, body.height)
        right = pygame.Rect(left.right + m, body.y, body.right - left.right - m, body.height)
        D.panel(surf, left, c)
        x, y, w = left.x + m, left.y + m, left.width - 2 * m
        big = f.get("h1", True)
        score = f"{vm.tightness:.0f}" if vm.in_force else "--"
        D.text(surf, big, score, (x, y), c["brass_text"])
        sx = x + big.size("100")[0] + m
        D.text(surf, f.get("h3", True), f"Tightness: {vm.label.upper()}", (sx, y + 2), c["text"], max_width=w - sx + x)
        nums = f"depth {vm.depth:.2f}   breadth {vm.breadth:.2f}   cohesion {vm.cohesion:.2f}"
        if vm.sequencing and f.get("small").size(nums + f"   - sequencing: {vm.sequencing}")[0] <= w - sx + x:
            nums += f"   - sequencing: {vm.sequencing}"  # (else it is in the clause list below)
        D.text(surf, f.get("small"), nums, (sx, y + 2 + f.line_height("h3", True)), c["text_muted"],
               max_width=w - sx + x)
        dw = round(100 * vm.depth_weight)
        self.ui.add(pygame.Rect(x, y, w, big.get_linesize()), "results:tightness", None,
                    f"Tightness (0-100) = {dw}% depth (how binding the clauses are) + {100 - dw}% cohesion "
                    "(how reliable the signatories are). How many signed (breadth) does not count, but with too few "
                    "signatures the treaty lapses (0). The lines below break it down clause by clause and "
                    "signature by signature.")
        y += big.get_linesize() + 2
        sig_line = (f"{len(vm.signatories)} signed ({vm.min_signatures} needed): " + ", ".join(vm.signatories)
                    if vm.signatories else "Nobody signed.")
        y += D.paragraph(surf, f.get("small"), sig_line, pygame.Rect(x, y, w, f.px(40)), c["text"], max_lines=2)
        mine = self.your_score_line()
        if mine:  # a player's own score was only on the second page: say it here and where it is explained
            bold_small = f.get("small", True)
            if len(D.wrap(bold_small, mine, w)) > 2:  # several teams, large text: keep where it is explained
                mine = self.your_score_line(short=True)
            box = pygame.Rect(x, y, w, bold_small.get_linesize() * 2)
            dy = D.paragraph(surf, bold_small, mine, box, c["brass_text"], max_lines=2)
            self.ui.add(pygame.Rect(x, y, w, dy), "results:yourscore", lambda: setattr(self, "page", "roles"), mine)
            y += dy
        formula = (f"Tightness = {dw}% depth + {100 - dw}% cohesion (the signatories' reliability); how many "
                   "signed does not count.")
        # the formula gives way (it is in the score's tooltip) when the signatures would otherwise not fit in
        # three columns: at 1024x600 with large text they were cut to "Arme... +0.9" and "+2 more"
        lh = f.get("small").get_linesize()
        below = (m // 2 + f.line_height("label", True) + len(vm.clauses) * lh + m // 2 + f.line_height("label", True)
                 + -(-len(vm.signatures) // 3) * lh + (lh if vm.history_date else 0) + 4)
        formula_h = len(D.wrap(f.get("small"), formula, w)[:2]) * lh
        if y + formula_h + below <= left.bottom:
            y += D.paragraph(surf, f.get("small"), formula, pygame.Rect(x, y, w, f.px(40)), c["text_muted"],
                             max_lines=2)
        y += m // 2
        # clause breakdown
        D.text(surf, f.get("label", True), "Why: each clause (points of tightness)", (x, y), c["brass_text"])
        y += f.line_height("label", True)
        small, bold = f.get("small"), f.get("small", True)
        lh = small.get_linesize()
        max_pts = max([abs(cl[4]) for cl in vm.clauses] + [abs(s[5]) for s in vm.signatures] + [1.0])
        bar_w = int(w * 0.22)
        for issue, level, depth, weight, pts in vm.clauses:
            D.text(surf, small, f"{issue}: {level}", (x, y), c["text"], max_width=w - bar_w - f.px(50))
            self._bar(surf, pygame.Rect(x + w - bar_w - f.px(44), y + 4, bar_w, lh - 8), pts / max_pts)
            D.text(surf, bold, f"{pts:+.1f}", (x + w, y), c["text"], "topright")
            self.ui.add(pygame.Rect(x, y, w, lh), f"clause:{issue}", None,
                        f"{issue}: {level}. Depth {depth:.2f} x weight {weight:g} gives {pts:.1f} points.")
            y += lh
        y += m // 2
        D.text(surf, f.get("label", True), "Each signature (tightness it adds)", (x, y), c["brass_text"])
        y += f.line_height("label", True)
        # two columns; three or four (shorter lines) for a crowded conference, as many rows as leave room
        # for a line of history; what still does not fit is counted on the last line
        sig_rows = max(1, (left.bottom - 4 - y - (lh if vm.history_date else 0)) // lh)
        n_sig = len(vm.signatures)
        ncol = next((k for k in (2, 3, 4) if -(-n_sig // k) <= sig_rows), 4)
        col_w = w // ncol
        room = sig_rows * ncol
        shown = vm.signatures if n_sig <= room else vm.signatures[:room - 1]
        y_sig = y
        for n, (aid, name, short, signed, rel, pts) in enumerate(shown):
            pts = round(pts, 1) + 0.0  # a signature worth -0.04 shows as +0.0, not -0.0
            cx = x + (n % ncol) * col_w
            y = y_sig + (n // ncol) * lh
            mark = pygame.Rect(cx, y + 3, lh - 6, lh - 6)
            (D.check_mark if signed else D.cross_mark)(surf, mark, c["ok"] if signed else c["refused"], f.gap(2))
            if ncol == 2:
                label = f"{name}: {'signed' if signed else 'did not sign'}" + (f" {pts:+.1f}" if signed else "")
            else:  # the mark says signed or not
                label = f"{name}" + (f" {pts:+.1f}" if signed else "")
                ptxt = f" {pts:+.1f}" if signed else ""
                if small.size(label)[0] > col_w - lh - 4 and ptxt:  # the name is cut, the points kept
                    pw = small.size(ptxt)[0]
                    label = D.ellipsize(small, name, col_w - lh - 4 - pw) + ptxt
            D.text(surf, small, label, (cx + lh, y), c["text"] if signed else c["text_muted"], max_width=col_w - lh - 4)
            self.ui.add(pygame.Rect(cx, y, col_w, lh), f"signature:{aid}", None,
                        f"{name}: reliability {rel:.2f}. " + (f"Its signature changes tightness by {pts:+.1f}."
                                                              if signed else "It did not sign."))
        if len(shown) < n_sig:
            n = len(shown)
            rest = vm.signatures[n:]
            mr = D.text(surf, small, f"+{len(rest)} more", (x + (n % ncol) * col_w + lh, y_sig + (n // ncol) * lh),
                        c["text_muted"], max_width=col_w - lh - 4)
            self.ui.add(mr, "signature:more", None, "; ".join(
                f"{nm}: {'signed' if sg else 'did not sign'}" for _, nm, _, sg, _, _ in rest))
        y = y_sig + max(0, -(-min(n_sig, room) // ncol) - 1) * lh
        y += lh + m // 2
        self._draw_history(surf, vm, pygame.Rect(x, y, w, max(0, left.bottom - m // 2 - y)))
        # the chart
        D.panel(surf, right, c)
        self.draw_chart(surf, right.inflate(-2 * m, -2 * m))

    def _draw_history(self, surf, vm, area: pygame.Rect) -> None:
        """What happened in history, in ``area``: a heading, as much of the summary as fits and,
        when it is cut, a last line pointing to the whole account.  Without room for the heading
        and a line of text under it, the heading goes (the date leads the text instead); with
        room for one line only, that line is the pointer."""
        f, c = self.f, self.c
        small = f.get("small")
        lh = small.get_linesize()
        head_h = f.line_height("label", True)
        heading = f"What happened on {vm.history_date}" if vm.history_date else "History"
        pointer = "The whole account: Roles & history (2)"
        x, y, w = area.x, area.y, area.width
        summary = vm.history_summary or ""
        if area.height >= head_h + 2 * lh or (area.height >= head_h + lh
                                               and len(D.wrap(small, summary, w)) <= 1):
            D.text(surf, f.get("label", True), heading, (x, y), c["brass_text"], max_width=w)
            y += head_h
        elif area.height >= 2 * lh:
            summary = (f"On {vm.history_date}: " if vm.history_date else "In history: ") + summary
        elif area.height >= lh:
            pr = D.text(surf, f.get("small", True), f"{heading}: see Roles & history (2)", (x, y), c["brass_text"],
                        max_width=w)
            self._pointer(pr)
            self.history_lines = 0
            return
        else:
            self.history_lines = 0
            return
        n_lines = max(1, (area.bottom - y) // lh)
        lines = D.wrap(small, summary, w)
        if len(lines) > n_lines:  # cut: the last line says where the whole account is
            if n_lines > 1:
                D.paragraph(surf, small, summary, pygame.Rect(x, y, w, (n_lines - 1) * lh), c["text"],
                            max_lines=n_lines - 1)
            pr = D.text(surf, f.get("small", True), pointer, (x, y + (n_lines - 1) * lh), c["brass_text"],
                        max_width=w)
            self._pointer(pr)
            self.history_lines = n_lines - 1
        else:
            D.paragraph(surf, small, summary, pygame.Rect(x, y, w, area.bottom - y), c["text"])
            self.history_lines = len(lines)

    def _pointer(self, rect: pygame.Rect) -> None:
        """The line that points to the whole account: a click on it opens that page (as the score line does)."""
        self.ui.add(rect, "results:history-more", lambda: setattr(self, "page", "roles"),
                    "The whole account of what happened, with each role's score: Roles & history  [2]")

    def touch_rect(self, at, radius: int) -> pygame.Rect:
        """Where a chart's mark of ``radius`` at ``at`` shows its numbers: the mark, but at least 32 px across
        (at 720 p; growing with the text), a target a finger tapping it hits (a 6 px ring was a speck)."""
        side = max(2 * radius, self.f.px(32))
        return pygame.Rect(at[0] - side // 2, at[1] - side // 2, side, side)

    def _bar(self, surf, rect: pygame.Rect, frac: float) -> None:
        D.rounded(surf, rect, self.c["panel_light"], 3)
        w = int(rect.width * max(0.0, min(1.0, abs(frac))))
        if w > 0:
            D.rounded(surf, pygame.Rect(rect.x, rect.y, w, rect.height), self.c["brass"], 3)

    @staticmethod
    def _label_spots(font, text: str, at, gap: int, within: pygame.Rect, order: tuple[str, ...]) -> list:
        """Where ``text`` may go beside the mark at ``at``, inside ``within``, in ``order`` of preference
        (above and below: centred on the mark, shifted in from the chart's sides)."""
        w, h = font.size(text)
        spots = {"right": pygame.Rect(at[0] + gap, at[1] - h // 2, w, h),
                 "left": pygame.Rect(at[0] - gap - w, at[1] - h // 2, w, h),
                 "above": pygame.Rect(at[0] - w // 2, at[1] - gap - h, w, h),
                 "below": pygame.Rect(at[0] - w // 2, at[1] + gap, w, h)}
        for k in ("above", "below"):
            r = spots[k]
            r.x = max(within.x, min(r.x, within.right - w))
        inside = [spots[k] for k in order if within.contains(spots[k])]
        return inside or [spots[order[0]]]

    @classmethod
    def place_chart_labels(cls, font, labels: list[tuple], within: pygame.Rect, marks: list) -> list:
        """Rectangles for the labels ``[(text, at, gap, order)]`` (at most two): the first choice of
        sides, in order of preference, where the labels are clear of each other and of the ``marks``
        (rectangles); when none is, the first choice of each."""
        options = [cls._label_spots(font, text, at, gap, within, order) for text, at, gap, order in labels]
        if len(options) == 1:
            clear = [r for r in options[0] if not any(r.colliderect(m) for m in marks)]
            return [(clear or options[0])[0]]
        for a in options[0]:
            if any(a.colliderect(m) for m in marks):
                continue
            for b in options[1]:
                if not b.colliderect(a) and not any(b.colliderect(m) for m in marks):
                    return [a, b]
        return [options[0][0], options[1][0]]

    def draw_chart(self, surf, rect: pygame.Rect) -> None:
        c, f, vm = self.c, self.f, self.vm
        D.text(surf, f.get("label", True), "Depth and breadth", (rect.x, rect.y), c["brass_text"])
        status = (f"{vm.cloud_runs} AI-only games" if self.cloud.done
                  else f"playing AI-only games... {vm.cloud_runs}/{len(self.cloud.seeds)}")
        D.text(surf, f.get("small"), status, (rect.right, rect.y + 2), c["text_muted"], "topright")
        legend_h = f.line_height("small") * 2 + 8
        plot = pygame.Rect(rect.x + f.px(44), rect.y + f.line_height("label", True) + 8,
                           rect.width - f.px(54), rect.height - f.line_height("label", True) - legend_h - f.px(40))
        D.rounded(surf, plot, c["table_felt"], 4)
        small = f.get("small")
        for t in (0, 0.25, 0.5, 0.75, 1.0):
            gx = plot.x + plot.width * t
            gy = plot.bottom - plot.height * t
            pygame.draw.line(surf, c["panel_border"], (gx, plot.y), (gx, plot.bottom), 1)
            pygame.draw.line(surf, c["panel_border"], (plot.x, gy), (plot.right, gy), 1)
            D.text(surf, f.get("tiny"), f"{t:.2f}", (gx, plot.bottom + 3), c["text_muted"], "midtop")
            D.text(surf, f.get("tiny"), f"{t:.2f}", (plot.x - 4, gy), c["text_muted"], "midright")
        D.text(surf, small, f"breadth: {breadth_meaning(self.match.scenario.settings).removeprefix('the ')}",
               (plot.centerx, plot.bottom + f.px(18)), c["text"], "midtop", max_width=plot.width)
        lab = pygame.transform.rotate(D.render(small, "depth", c["text"]), 90)
        surf.blit(lab, lab.get_rect(midright=(plot.x - f.px(26), plot.centery)))

        def pos(p):
            return (int(plot.x + plot.width * max(0, min(1, p.breadth))),
                    int(plot.bottom - plot.height * max(0, min(1, p.depth))))

        counts: dict = {}
        for p in vm.points:
            if p.kind != "ai":
                continue
            key = pos(p)
            counts[key] = counts.get(key, 0) + 1
        for key, n in counts.items():
            # (a ring as big, beside the bigger text, beyond 1080 p: at 4K it was a speck)
            r = max(3, min(f.px(12), f.gap(int(3 + 2 * n ** 0.5))))
            pygame.draw.circle(surf, c["text_muted"], key, r, f.gap(2))
            self.ui.add(self.touch_rect(key, r), f"chart:ai:{key}", None,
                        f"{n} AI-only game(s) ended here")
        # the two labelled marks, each label beside its mark inside the panel, clear of the other label
        # and of both marks (history: left first; this game: right first)
        label_font = f.get("small", True)
        marks = {p.kind: (pos(p), p) for p in vm.points if p.kind in ("history", "game")}
        size = {"history": f.px(10), "game": f.px(13)}  # the diamond's and the star's radius (as drawn below)
        boxes = [pygame.Rect(at[0] - size[k], at[1] - size[k], 2 * size[k], 2 * size[k])
                 for k, (at, _) in marks.items()]
        wanted = [(kind, text, gap, order) for kind, text, gap, order in (
            ("history", "history", f.px(14), ("left", "right", "above", "below")),
            ("game", "this game", f.px(16), ("right", "left", "above", "below"))) if kind in marks]
        spots = self.place_chart_labels(label_font, [(t, marks[k][0], g, o) for k, t, g, o in wanted], rect,
                                        boxes)
        # (the mark, its radius, fill, label colour and the chart's region name, history drawn first)
        look = {"history": (D.diamond, f.px(10), c["ok"], c["ok"]), "game": (D.star, f.px(13), c["brass"],
                                                                           c["brass_text"])}
        for (kind, text, *_), spot in zip(wanted, spots):
            at, p = marks[kind]
            shape, radius, fill, ink = look[kind]
            shape(surf, at, radius, fill)
            shape(surf, at, radius, c["ink"], 2)
            D.text(surf, label_font, text, spot.topleft, ink)
            who = p.label if kind == "history" else "This game"
            self.ui.add(self.touch_rect(at, radius), f"chart:{kind}", None,
                        f"{who}: depth {p.depth:.2f}, breadth {p.breadth:.2f}, tightness {p.tightness:.0f}")
        # legend (shapes, not only colours), flowing onto a second line when the panel is narrow
        lh = small.get_linesize()
        ly = rect.bottom - legend_h + 4 + lh // 2
        lx = rect.x
        mark = max(8, f.px(8))
        items = [("star", "this game")]
        if vm.history_date:  # (a scenario without a historical outcome has no diamond)
            items.append(("diamond", f"history ({vm.history_date})"))
        items.append(("circle", "AI-only games (bigger: more games)"))
        for shape, label in items:
            w = 2 * mark + 6 + small.size(label)[0]
            if lx > rect.x and lx + w > rect.right:
                lx, ly = rect.x, ly + lh
            cx = lx + mark
            if shape == "star":
                D.star(surf, (cx, ly), mark, c["brass"])
            elif shape == "diamond":
                D.diamond(surf, (cx, ly), mark - 1, c["ok"])
            else:
                pygame.draw.circle(surf, c["text_muted"], (cx, ly), mark - 2, f.gap(2))
            D.text(surf, small, label, (lx + 2 * mark + 6, ly), c["text"], "midleft",
                   max_width=rect.right - lx - 2 * mark - 6)
            lx += w + f.px(24)

    def your_score_line(self, short: bool = False) -> str:
        """The human players' own scores, on the treaty page, and where they are explained (``short``:
        in fewer words, for several teams in large text, where the long form lost its end)."""
        mine = [r for r in self.vm.roles if r.human]
        if not mine:
            return ""
        scores = ", ".join(f"{r.name} {r.score:.0f}" for r in mine)
        if short:
            return f"Your scores: {scores} - why, and how to do better: press 2"
        head = (f"Your score as {mine[0].name}: {mine[0].score:.0f}/100" if len(mine) == 1
                else f"Your scores (out of 100): {scores}")
        return head + " - why, and how to do better: Roles & history (2)"

    @staticmethod
    def better_tip(r, share: float = 0.7) -> str:
        """How to score more next time, from what the role missed (the page said why, never how)."""
        missed = [(d, p) for d, ok, p in r.objectives if not ok]
        if not missed:
            return ""
        d, p = max(missed, key=lambda m: m[1])
        total = sum(q for _, _, q in r.objectives)
        worth = (1 - share) * 100 * p / total if total else 0.0
        # the points are the brief's objective points, not points of the 0-100 score: say both
        return (f"How to do better: the biggest miss among your objectives was \"{d.rstrip('.')}\" ({p} of your "
                f"{total} objective point{'' if total == 1 else 's'}, about {worth:.0f} points of your score). "
                "Next time, aim for it from the first meeting: table or amend a draft that meets it and gather "
                "endorsements for it, lobby or make an offer to the delegations that stand in the way, and "
                "check the forecast, with what it says of your objectives, before you sign or decline. None of "
                "these is sure to work: the others answer every move.")

    def score_sentence(self, r) -> str:
        """How a role's score was made, in words and its own numbers (to the player of a human
        role, of another role in the third person)."""
        share = round(100 * self.vm.utility_share)
        if r.utility is None:
            return ""
        pts = sum(p for _, _, p in r.objectives)
        if not pts:  # a role without objectives is scored on the outcome alone
            share = 100
        met = sum(p for _, ok, p in r.objectives if ok)
        own = getattr(r, "human", True)  # (a row without the mark is spoken to, as before there was one)
        you, your = ("you", "your") if own else ("it", "its")
        objectives = (f" and {100 - share}% the objectives of {your} brief ({met} of {pts} points met, below)"
                      if pts and share < 100 else "")
        return (f"{share}% how much the outcome was worth to {'you' if own else r.name}: "
                f"{100 * r.utility:.0f} out of 100, where 0 "
                f"is the worst outcome open to {r.name} and 100 the best (what the final text says, whether "
                f"it entered into force, whether {you} signed, and any deals){objectives}. Compare it with the AI's "
                "average in this role and with history, not with other roles: each role starts from a "
                "different place." + (f" {r.moved}" if r.moved else ""))

    @staticmethod
    def beside_line(r, level: str | None = None) -> str:
        """The role's score beside history's and the AI's (the bars' diamond and circle, in words);
        ``level``: the game's AI difficulty, at which the AI-only games were played too."""
        parts = [f"This game {r.score:.0f}"]
        if r.history is not None:
            parts.append(f"history {r.history:.0f}")
        if r.ai_mean is not None:
            parts.append(f"the AI in this role {r.ai_mean:.0f} on average"
                         + (f" at the same AI difficulty ({level}), treated by the others as you were" if level and r.human
                            else f" at the same AI difficulty ({level})" if level else ""))
        return ", ".join(parts) + "."

    def level(self) -> str | None:
        """The game's AI difficulty where it changed the game (people and the computer both at the
        table), else None: with no one, or no computer, at the table it makes no difference (as the
        text mode's results and the debrief leave it out)."""
        m = self.match
        return m.difficulty if m.level_matters else None

    def takeback_line(self, r) -> str:
        """How many moves the role took back (counted where a teacher reads the result, as in the grade
        sheet's takebacks column); empty when none. In a game whose take-backs were off (the teacher's
        choice), a person's role says so (the sheet's column says 'off')."""
        taken = self.match.takebacks.get(r.id, 0)
        off = self.match.takebacks_off
        if not taken:
            return f"Take-backs were {OFF_NOTE}: every move stood." if off and r.human else ""
        return (f"{'You' if r.human else 'It'} took back {taken} move{'s' * (taken != 1)} in this game (the "
                "same move brings the same replies, so a take-back shows what a move would bring)."
                + (" Take-backs were then turned off (the teacher's choice)." if off else ""))

    # --- page 2: roles and history -----------------------------------------------------------
    def draw_roles(self, surf, body: pygame.Rect) -> None:
        c, f, vm = self.c, self.f, self.vm
        m = f.px(12)
        left = pygame.Rect(body.x, body.y, int(body.width * 0.56) - m // 2, body.height)
        right = pygame.Rect(left.right + m, body.y, body.right - left.right - m, body.height)
        D.panel(surf, left, c)
        x, y, w = left.x + m, left.y + m, left.width - 2 * m
        head = D.text(surf, f.get("label", True), "Each role's score (0-100)", (x, y), c["brass_text"])
        # the chosen role's brief, for the mouse too (B was the only way; Up / Down choose the role)
        label = "Role brief"
        bw = f.get("small", True).size(label)[0] + f.get("tiny", True).size("B")[0] + f.px(36)
        bh = f.line_height("label", True) + 2
        if head.right + f.px(24) + bw <= x + w:
            r = self.current_role()
            self.ui.button(surf, (x + w - bw, head.centery - bh // 2, bw, bh), label, self.open_brief,
                           name="results:brief", shortcut="B", size="small", enabled=r is not None,
                           tooltip=(f"Read {'your' if r.human else r.name + chr(39) + 's'} role brief. Click a row "
                                    "(or Up / Down) to choose another role" if r is not None else "Choose a role first"))
        y += f.line_height("label", True) + 2
        current = self.current_role()
        humans = sum(1 for r in vm.roles if r.human)
        framed = current.id if current is not None and (self.chosen_role is not None or humans == 1) else None
        small, bold, tiny = f.get("small"), f.get("small", True), f.get("tiny")
        lh = small.get_linesize()
        # rows of two lines (name, then signed or not), else of one line, in one column, else in two
        # (a crowded conference); what still does not fit is counted on the last row
        avail = left.bottom - y - m - lh * 2
        n_roles = max(1, len(vm.roles))
        cols, row_h = 1, avail // n_roles
        if row_h < lh + 4:
            cols = 2
            row_h = avail // -(-n_roles // 2)
        row_h = min(max(row_h, lh + 4), lh * 2 + f.px(16))
        per_col = max(1, avail // row_h)
        room = per_col * cols
        roles = vm.roles if len(vm.roles) <= room else vm.roles[:room - 1]
        col_gap = f.px(16) if cols == 2 else 0
        w_all, x_all = w, x
        w = (w_all - col_gap * (cols - 1)) // cols
        name_w = int(w * (0.3 if cols == 1 else 0.45))
        rad0 = min(f.px(12), row_h // 2 - 2)
        tiny_b = f.get("tiny", True)
        for r in vm.roles if cols == 1 else ():  # a people-played row's name and mark are not cut off:
            # its column widens (the bars shorten), up to 45% of the row
            sub = "signed" if r.signed else "did not sign" if r.party else "not a party"
            need = bold.size(f"{r.name} ({vm.human_mark})")[0] if r.human else small.size(r.name)[0]
            if r.human and row_h > lh * 2:
                need = min(need, max(bold.size(r.name)[0], tiny_b.size(f"{vm.human_mark} - {sub}")[0]))
            need += 2 * rad0 + 10 + (0 if row_h > lh * 2 else lh) + 2
            name_w = max(name_w, min(int(w * 0.45), need))
        y0 = y
        for k, r in enumerate(roles):
            col, row = divmod(k, per_col)
            x, y = x_all + col * (w + col_gap), y0 + row * row_h
            bar = pygame.Rect(x + name_w, 0, w - name_w - f.px(40 if cols == 2 else 60), 0)
            rad = min(f.px(12), row_h // 2 - 2)
            D.badge(surf, (x + rad, y + row_h // 2), rad, r.colour, r.short, D.initials_font(f, r.short, rad))
            two_lines = row_h > lh * 2
            name_room = name_w - 2 * rad - 10 - (0 if two_lines else lh)
            name = r.name + (f" ({vm.human_mark})" if r.human else "")
            sub = "signed" if r.signed else "did not sign" if r.party else "not a party"
            if r.human and bold.size(name)[0] > name_room and two_lines:  # "(you)" is not cut off: it goes under
                name, sub = r.name, f"{vm.human_mark} - {sub}"
            D.text(surf, bold if r.human else small, name,
                   (x + 2 * rad + 6, y + row_h // 2 - lh // 2 - (lh // 2 if two_lines else 0)),
                   c["brass_text"] if r.human else c["text"], max_width=name_room)
            if two_lines:
                D.text(surf, f.get("tiny", True) if r.human else tiny, sub, (x + 2 * rad + 6, y + row_h // 2),
                       c["brass_text"] if r.human else c["text_muted"], max_width=name_room)
            if not two_lines:  # signed or not: a mark before the name's row ends (the tooltip says it)
                mk = pygame.Rect(bar.x - lh, y + row_h // 2 - lh // 2 + 3, lh - 6, lh - 6)
                if r.party:
                    (D.check_mark if r.signed else D.cross_mark)(surf, mk, c["ok"] if r.signed else c["refused"],
                                                                 f.gap(2))
            track = pygame.Rect(bar.x, y + row_h // 2 - f.px(7), bar.width, f.px(14))
            D.rounded(surf, track, c["panel_light"], 4)
            D.rounded(surf, pygame.Rect(track.x, track.y, int(track.width * r.score / 100), track.height),
                      c["brass"], 4)
            if r.history is not None:  # history: a diamond on the bar
                hx = track.x + int(track.width * r.history / 100)
                D.diamond(surf, (hx, track.centery), f.px(7), c["ok"])
                D.diamond(surf, (hx, track.centery), f.px(7), c["ink"], 1)
            if r.ai_mean is not None:  # the AI average: a circle
                ax = track.x + int(track.width * r.ai_mean / 100)
                pygame.draw.circle(surf, c["text"], (ax, track.centery), f.px(6), f.gap(2))
            D.text(surf, bold, f"{r.score:.0f}", (x + w, track.centery), c["text"], "midright")
            objs = "; ".join(f"{'met' if met else 'missed'}: {d} ({p})" for d, met, p in r.objectives)
            if r.id == framed:  # the role explained on the right
                D.rounded(surf, pygame.Rect(x - 4, y + 1, w + 8, row_h - 2), c["brass"], 6, 2)
            self.ui.add(pygame.Rect(x, y, w, row_h), f"role:{r.id}", (lambda i=r.id: self.choose_role(i)),
                        f"{r.name}: score {r.score:.0f}"
                        + (f", history {r.history:.0f}" if r.history is not None else "")
                        + (f", AI average {r.ai_mean:.0f}" if r.ai_mean is not None else "")
                        + (f". Objectives - {objs}" if objs else "")
                        + ". Click (or Up / Down) to explain it on the right; B: its role brief")
        if len(roles) < len(vm.roles):
            k = len(roles)
            col, row = divmod(k, per_col)
            rest = vm.roles[k:]
            mr = D.text(surf, small, f"+{len(rest)} more (the debrief report has every role)",
                        (x_all + col * (w + col_gap), y0 + row * row_h + row_h // 2), c["text_muted"], "midleft",
                        max_width=w)
            self.ui.add(mr, "role:more", None, ", ".join(f"{r.name} {r.score:.0f}" for r in rest))
        x, w = x_all, w_all
        ly = left.bottom - m - lh
        D.rounded(surf, pygame.Rect(x, ly + 3, f.px(30), lh - 6), c["brass"], 3)
        lx = D.text(surf, small, "this game", (x + f.px(36), ly), c["text"]).right + f.px(24)
        mark = max(7, f.px(7))
        if vm.history_date:  # (a scenario without a historical outcome has no diamonds)
            D.diamond(surf, (lx + mark, ly + lh // 2), mark, c["ok"])
            lx = D.text(surf, small, "history", (lx + 2 * mark + f.px(6), ly), c["text"]).right + f.px(24)
        pygame.draw.circle(surf, c["text"], (lx + mark, ly + lh // 2), mark - 1, f.gap(2))
        D.text(surf, small, "AI average in this role" + ("" if self.cloud.done else " (still computing)"),
               (lx + 2 * mark + f.px(6), ly), c["text"], max_width=left.right - lx - 2 * mark - f.px(6) - m)
        D.panel(surf, right, c)
        human_rows = [r for r in vm.roles if r.human]
        chosen = self.current_role() if self.chosen_role is not None else None
        blocks = []
        for r in [chosen] if chosen is not None else human_rows:  # first: why you (or the chosen role) got the score
            blocks.append(("heading", f"{r.name}: {'your' if r.human else 'its'} score, {r.score:.0f}"))
            blocks.append(("para", self.score_sentence(r)))
            blocks += [("bullet", f"{'MET' if met else 'MISSED'} - {d} ({p} pt{'' if p == 1 else 's'})") for d, met, p in r.objectives]
            blocks.append(("note", self.beside_line(r, self.level()) + f" {'Your' if r.human else 'Its'} role brief: Role brief "
                                                          "(B), above the list."))
            taken = self.takeback_line(r)
            if taken:
                blocks.append(("note", taken))
            tip = self.better_tip(r, self.vm.utility_share) if r.human else ""
            if tip:
                blocks.append(("para", tip))
        blocks += [("heading", f"What happened on {vm.history_date}" if vm.history_date else "History"),
                   ("para", vm.history_summary)]
        if vm.history_tightness is not None:
            blocks.append(("note", f"Scored the same way, history's treaty has tightness {vm.history_tightness:.0f} "
                                   f"({vm.history_label}), signed by {', '.join(vm.history_signatories)}."))
        blocks.append(("heading", "Your treaty's text"))
        blocks += [("bullet", f"{i}: {lv}") for i, lv in vm.text]
        if vm.left_on_table:
            blocks += [("heading", "Was value left on the table?"), ("para", vm.left_on_table),
                       ("note", "Every other text with the same signatories, scored as above. The debrief "
                                "report (D) has the details and the same question for history's text.")]
        if vm.reveals:
            blocks.append(("heading", "Revealed after the game"))
            blocks += [("para", t) for t in vm.reveals]
        draw_doc(self, surf, right.inflate(-2 * m, -2 * m), blocks, self.doc_state, "results:doc")
