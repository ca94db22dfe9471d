"""The briefing check in the window (F at the table, the menu, or the role brief): a short quiz on a
delegation's own brief (:mod:`game.report.quiz`), one question at a time.

An answer is a note, not a move (:meth:`game.session.match.Match.answer_quiz`): it costs nothing,
the first answer to a question counts (it is shown, never changed), and each one is autosaved at
once (the newest autosave is written again with it, see AutosaveSlots.write). Only the delegation
whose private view is on screen takes its own check; the teacher sees the result in the debrief.
"""

from __future__ import annotations

import pygame

from game.report.quiz import Question, questions, quiz_result
from game.ui import draw as D
from game.ui.app import App
from game.ui.scenes import BriefScene, Overlay, digit_key

LETTERS = "ABCD"
LETTER_KEYS = (pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d)
INTRO_SHORT = "Your first answer counts; the teacher sees the result. Not a move."
INTRO = ("A few questions on your brief. Your first answer counts; the teacher sees the result in the "
         "debrief. It is not a move and costs nothing.")


class QuizScene(Overlay):
    name = "quiz"

    def __init__(self, app: App, seat: str):
        super().__init__(app)
        self.seat = seat
        self.qs: tuple[Question, ...] = questions(app.match.scenario, seat)
        answers = app.match.quiz.get(seat, {})
        # the first question not answered yet (all answered: the summary)
        self.pos = next((n for n, q in enumerate(self.qs) if q.id not in answers), len(self.qs))
        self.error = ""
        self.hover_key: str | None = None

    # --- state ---------------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, str]:
        return self.app.match.quiz.get(self.seat, {})

    @property
    def question(self) -> Question | None:
        return self.qs[self.pos] if self.pos < len(self.qs) else None

    def at_summary(self) -> bool:
        return self.pos >= len(self.qs)

    def answer(self, key: str) -> None:
        """Answer the question on screen with the option ``key`` (once: a question answered shows
        its first answer, and a second one is refused in place)."""
        q = self.question
        if q is None:
            return
        if q.id in self.answers:
            self.error = "Your first answer counts."
            return
        try:
            self.app.match.answer_quiz(self.seat, q.id, key)
        except ValueError as exc:  # (the game ended under it: a facilitator's end of the phase)
            self.error = f"Not kept: {exc}."
            return
        self.error = ""
        self.app.autosave_soon()  # (no new file: the newest autosave is written again with it)

    def go(self, pos: int) -> None:
        self.pos = max(0, min(len(self.qs), pos))
        self.error = ""

    def next(self) -> None:
        self.go(self.pos + 1)

    def previous(self) -> None:
        self.go(self.pos - 1)

    def close(self) -> None:
        self.app.pop(self)

    def read_brief(self) -> None:
        """The delegation's role brief: back to it when the check was opened from it, else opened
        in place of the check (F opens the check again)."""
        below = self.app.scenes[-2] if len(self.app.scenes) > 1 and self.app.top is self else None
        self.app.pop(self)
        if not (isinstance(below, BriefScene) and below.actor_id == self.seat):
            self.app.push(BriefScene(self.app, self.seat, overlay=True))

    def came_from_brief(self) -> bool:
        scenes = self.app.scenes
        return len(scenes) > 1 and scenes[-1] is self and isinstance(scenes[-2], BriefScene) \
            and scenes[-2].actor_id == self.seat

    def handle_event(self, event) -> bool:
        if event.type != pygame.KEYDOWN or self.app.typing():
            return super().handle_event(event)
        key = event.key
        q = self.question
        if key == pygame.K_f:
            self.close()  # F again closes it, as J closes the memo
            return True
        if key == pygame.K_z and event.mod & pygame.KMOD_CTRL:  # (it did nothing, without a word)
            self.error = "An answer is never taken back."
            return True
        if key == pygame.K_LEFT:
            self.previous()
            return True
        if key == pygame.K_RIGHT:
            self.next()
            return True
        if q is None:  # the summary
            if key == pygame.K_b:
                self.read_brief()
                return True
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.close()
                return True
            return super().handle_event(event)
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if q.id in self.answers:
                self.next()
            return True
        n = LETTER_KEYS.index(key) if key in LETTER_KEYS else None
        if n is None:
            d = digit_key(event)
            n = d - 1 if d is not None and 1 <= d <= 4 else None
        if n is not None:
            if n < len(q.options):
                self.answer(q.options[n][0])
            return True
        return super().handle_event(event)

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surf) -> None:
        f, c = self.f, self.c
        W, H = surf.get_size()
        w = min(W - 40, max(f.px(620), int(W * 0.62)))
        rect = self.box(surf, w / W, 0.92, min_w=w)
        m = f.px(14)
        inner = rect.width - 2 * m
        name = self.app.match.scenario.actor(self.seat).name
        D.text(surf, f.get("h2", True), f"Briefing check — {name}", (rect.x + m, rect.y + m), c["brass_text"],
               max_width=inner)
        y = rect.y + m + f.line_height("h2", True)
        bh = f.px(38)
        footer = rect.bottom - m - bh
        if self.at_summary():
            # (without the intro when that leaves room for the answers under the questions: with every
            # answer wrong, 10 questions at 1280x720 showed none of the answers, nor the right ones)
            intro_h = min(2, len(D.wrap(f.get("small"), INTRO, inner))) * f.line_height("small") + f.px(6)
            need = self.summary_height(inner)
            lines = 0 if y + intro_h + need > footer - m >= y + f.px(4) + need else 2
            y = self.draw_intro(surf, rect, y, lines=lines)
            self.draw_summary(surf, rect, y, footer)
        else:
            self.draw_question(surf, rect, y, footer)
        self.draw_footer(surf, rect, footer, bh)

    def draw_intro(self, surf, rect: pygame.Rect, y: int, lines: int) -> int:
        f, c = self.f, self.c
        m = f.px(14)
        if lines <= 0:
            return y + f.px(4)
        small = f.get("small")
        wrapped = D.wrap(small, INTRO if lines > 1 else INTRO_SHORT, rect.width - 2 * m)
        if len(wrapped) > lines:
            wrapped = wrapped[:lines]
            wrapped[-1] = D.ellipsize(small, wrapped[-1] + " ...", rect.width - 2 * m)
        for line in wrapped:
            D.text(surf, small, line, (rect.x + m, y), c["text_muted"])
            y += small.get_linesize()
        return y + f.px(6)

    def draw_progress(self, surf, rect: pygame.Rect, y: int) -> int:
        f, c = self.f, self.c
        m = f.px(14)
        res = quiz_result(self.app.match, self.seat)
        bold = f.get("small", True)
        D.text(surf, bold, f"Question {self.pos + 1} of {len(self.qs)}", (rect.x + m, y), c["text"])
        D.text(surf, f.get("small"), f"Answered {res.answered} of {res.questions}, {res.right} right",
               (rect.right - m, y), c["text_muted"], "topright", max_width=rect.width // 2)
        y += bold.get_linesize() + f.px(3)
        # one step per question: filled when answered (with a tick or a cross), this one ringed
        n = len(self.qs)
        gap = f.px(4)
        step_w = (rect.width - 2 * m - gap * (n - 1)) // max(1, n)
        sh = f.px(12)
        for i, q in enumerate(self.qs):
            r = pygame.Rect(rect.x + m + i * (step_w + gap), y, step_w, sh)
            given = self.answers.get(q.id)
            fill = c["panel_light"] if given is None else (c["ok"] if given == q.answer else c["refused"])
            D.rounded(surf, r, fill, f.px(3))
            if i == self.pos:
                D.rounded(surf, r.inflate(f.px(4), f.px(4)), c["brass_text"], f.px(4), max(1, f.px(2)))
            what = "not answered yet" if given is None else ("right" if given == q.answer else "not quite")
            self.ui.add(r.inflate(0, f.px(6)), f"quiz:step:{i}", lambda i=i: self.go(i),
                        f"Question {i + 1}: {what}")
        return y + sh + f.px(10)

    def layouts(self):
        """The sizes to try, roomiest first: (question font, option font, intro lines)."""
        return (("h3", "label", 2), ("label", "label", 2), ("label", "small", 1), ("label", "small", 0),
                ("small", "small", 0))

    def draw_question(self, surf, rect: pygame.Rect, top: int, footer: int) -> None:
        f = self.f
        q = self.question
        given = self.answers.get(q.id)
        m = f.px(14)
        inner = rect.width - 2 * m
        for qfont, ofont, intro in self.layouts():
            need = self.measure(q, given, inner, qfont, ofont, intro)
            if top + need <= footer - m:
                break
        y = self.draw_intro(surf, rect, top, intro)
        y = self.draw_progress(surf, rect, y)
        self.draw_body(surf, rect, y, footer - m, q, given, qfont, ofont)

    def option_tag(self, q: Question, key: str, given: str | None) -> tuple[str, str] | None:
        """(words, colour name) said at the right of an option once the question is answered."""
        if given is None:
            return None
        if key == given:
            return ("Your answer: right", "ok") if key == q.answer else ("Your answer", "refused")
        if key == q.answer:
            return "Right answer", "ok"
        return None

    def tag_width(self, q: Question, given: str | None) -> int:
        if given is None:
            return 0
        f = self.f
        font = f.get("small", True)
        widths = [font.size(t[0])[0] for k, _ in q.options if (t := self.option_tag(q, k, given))]
        return (max(widths) + f.px(18) + f.px(12)) if widths else 0

    def option_geometry(self, q: Question, given: str | None, inner: int, ofont: str):
        """[(key, label lines, height)] of the options at ``inner`` pixels wide."""
        f = self.f
        font = f.get(ofont, ofont != "small")
        pad = f.px(8 if ofont != "small" else 5)
        badge = f.px(26)
        text_w = inner - 2 * pad - badge - pad - self.tag_width(q, given)
        out = []
        for key, label in q.options:
            lines = D.wrap(font, label, max(40, text_w))
            h = max(f.px(40 if ofont != "small" else 30), len(lines) * font.get_linesize() + 2 * pad)
            out.append((key, lines, h))
        return out, text_w

    def feedback_lines(self, q: Question, given: str, inner: int) -> tuple[list[str], list[str]]:
        f = self.f
        icon = f.px(20) + f.px(8)
        verdict = "Right." if given == q.answer else f"Not quite: the right answer is {q.letter(q.answer)}."
        return (D.wrap(f.get("label", True), verdict, inner - icon),  # (no box: a scenario's own
                D.wrap(f.get("small"), q.why, inner - f.px(16)) if q.why.strip() else [])  # question may not say)

    def measure(self, q: Question, given: str | None, inner: int, qfont: str, ofont: str, intro: int) -> int:
        f = self.f
        h = 0
        if intro:
            h += min(intro, len(D.wrap(f.get("small"), INTRO if intro > 1 else INTRO_SHORT, inner))) \
                * f.line_height("small") + f.px(6)
        else:
            h += f.px(4)
        h += f.line_height("small", True) + f.px(3) + f.px(12) + f.px(10)  # the progress
        h += len(D.wrap(f.get(qfont, True), q.text, inner)) * f.line_height(qfont, True) + f.px(10)
        opts, _ = self.option_geometry(q, given, inner, ofont)
        h += sum(oh + f.px(8) for _, _, oh in opts)
        if given is not None:
            verdict, why = self.feedback_lines(q, given, inner)
            h += f.px(4) + len(verdict) * f.line_height("label", True) + f.px(6)
            if why:
                h += f.line_height("small", True) + len(why) * f.line_height("small") + f.px(16)
        return h

    def draw_body(self, surf, rect: pygame.Rect, y: int, bottom: int, q: Question, given: str | None,
                  qfont: str, ofont: str) -> None:
        f, c = self.f, self.c
        m = f.px(14)
        x = rect.x + m
        inner = rect.width - 2 * m
        font = f.get(qfont, True)
        for line in D.wrap(font, q.text, inner):
            D.text(surf, font, line, (x, y), c["text"])
            y += font.get_linesize()
        y += f.px(10)
        opts, text_w = self.option_geometry(q, given, inner, ofont)
        ofnt = f.get(ofont, ofont != "small")
        pad, badge = f.px(8 if ofont != "small" else 5), f.px(26)
        mouse = self.app.mouse_pos
        for n, (key, lines, h) in enumerate(opts):
            r = pygame.Rect(x, y, inner, h)
            tag = self.option_tag(q, key, given)
            hover = given is None and r.collidepoint(mouse)
            if given is None:
                fill, border, ink, bw = (c["button_hover"] if hover else c["button"]), \
                    (c["brass"] if hover else c["panel_border"]), c["button_text"], 2 if hover else 1
            elif key == q.answer:
                fill, border, ink, bw = c["panel"].lerp(c["ok"], 0.22), c["ok"], c["text"], 2
            elif key == given:
                fill, border, ink, bw = c["refused_bg"], c["refused"], c["text"], 2
            else:
                fill, border, ink, bw = c["panel"], c["panel_border"], c["text_muted"], 1
            D.rounded(surf, r.move(0, 2), c["shadow"], f.px(6))
            D.rounded(surf, r, fill, f.px(6))
            D.rounded(surf, r, border, f.px(6), max(1, f.px(bw)))
            # the option's letter (A-D; 1-4 too)
            b = pygame.Rect(r.x + pad, r.y + (h - badge) // 2, badge, badge)
            D.rounded(surf, b, border if given is not None else c["panel_border"], f.px(4), max(1, f.px(1)))
            D.text(surf, f.get("small", True), LETTERS[n], b.center, ink, "center")
            ty = r.y + (h - len(lines) * ofnt.get_linesize()) // 2
            for line in lines:
                D.text(surf, ofnt, line, (b.right + pad, ty), ink, max_width=text_w)
                ty += ofnt.get_linesize()
            if tag is not None:
                words, colour = tag
                small = f.get("small", True)
                tr = D.text(surf, small, words, (r.right - pad, r.centery), c[colour], "midright")
                mark = pygame.Rect(0, 0, f.px(16), f.px(16))
                mark.midright = (tr.x - f.px(4), r.centery)
                (D.check_mark if colour == "ok" else D.cross_mark)(surf, mark, c[colour], max(2, f.px(2)))
            tip = (f"Answer {LETTERS[n]} (or {n + 1})" if given is None
                   else "Answered: your first answer counts")
            self.ui.add(r, f"quiz:option:{n}", (lambda k=key: self.answer(k)), tip)
            y += h + f.px(8)
        if given is None:
            return
        verdict, why = self.feedback_lines(q, given, inner)
        y += f.px(4)
        right = given == q.answer
        colour = c["ok"] if right else c["refused"]
        icon = pygame.Rect(x, y + (f.line_height("label", True) - f.px(20)) // 2, f.px(20), f.px(20))
        (D.check_mark if right else D.cross_mark)(surf, icon, colour, max(2, f.px(3)))
        bold = f.get("label", True)
        for line in verdict:
            D.text(surf, bold, line, (icon.right + f.px(8), y), colour)
            y += bold.get_linesize()
        y += f.px(6)
        if not why or y + f.px(5) + f.line_height("small", True) + f.line_height("small") > bottom:
            return  # (not an empty strip of a box where not even its heading and a line fit)
        box_h = f.line_height("small", True) + len(why) * f.line_height("small") + f.px(10)
        box = pygame.Rect(x, y, inner, min(box_h, max(0, bottom - y)))
        D.rounded(surf, box, c["panel_light"], f.px(6))
        sb, small = f.get("small", True), f.get("small")
        yy = y + f.px(5)
        if yy + sb.get_linesize() <= bottom:
            D.text(surf, sb, "Where your brief says it", (x + f.px(8), yy), c["brass_text"], max_width=inner - f.px(16))
            yy += sb.get_linesize()
        for n, line in enumerate(why):
            if yy + small.get_linesize() > bottom:
                break
            last = n + 1 < len(why) and yy + 2 * small.get_linesize() > bottom
            D.text(surf, small, line + (" ..." if last else ""), (x + f.px(8), yy), c["text"],
                   max_width=inner - f.px(16))
            yy += small.get_linesize()
            if last:
                break

    def summary_note(self) -> str:
        res = quiz_result(self.app.match, self.seat)
        if res.answered < res.questions:
            left = res.questions - res.answered
            return (f"{left} question{'s are' if left != 1 else ' is'} still open: click one below (or use "
                    "Left / Right) to answer it.")
        if res.right == res.questions:
            return "Every answer right: your delegation knows its brief."
        return "Where an answer was not quite right, read that part of your brief again before you negotiate."

    def summary_height(self, inner: int) -> int:
        """The summary's height (its heading, its note, a row per question with the answer under those
        not right), as :meth:`draw_summary` draws it."""
        f = self.f
        small, bold = f.get("small"), f.get("small", True)
        h = f.line_height("h3", True) + min(2, len(D.wrap(small, self.summary_note(), inner))) \
            * small.get_linesize() + f.px(8)
        one, two = bold.get_linesize() + f.px(4), bold.get_linesize() + small.get_linesize() + f.px(6)
        return h + sum(one if self.answers.get(q.id) == q.answer else two for q in self.qs)

    def draw_summary(self, surf, rect: pygame.Rect, y: int, footer: int) -> None:
        f, c = self.f, self.c
        m = f.px(14)
        x, inner = rect.x + m, rect.width - 2 * m
        res = quiz_result(self.app.match, self.seat)
        head = f.get("h3", True)
        if res.answered == res.questions:
            line = f"You got {res.right} of {res.questions} right"
        else:
            line = f"You got {res.right} of {res.questions} right so far"
        D.text(surf, head, line, (x, y), c["brass_text"], max_width=inner)
        y += head.get_linesize()
        small, bold = f.get("small"), f.get("small", True)
        for ln in D.wrap(small, self.summary_note(), inner)[:2]:
            D.text(surf, small, ln, (x, y), c["text_muted"])
            y += small.get_linesize()
        y += f.px(8)
        rows = len(self.qs)
        room = footer - m - y
        one, two = bold.get_linesize() + f.px(4), bold.get_linesize() + small.get_linesize() + f.px(6)
        # a second line under a question (the answer given): under every one when they all fit, else
        # under those not right (the right answer beside a wrong one), else none
        seconds = [self.answers.get(q.id) != q.answer for q in self.qs]
        if rows * two <= room:
            seconds = [True] * rows
        elif rows * one + sum(seconds) * (two - one) > room:
            seconds = [False] * rows
        icon_w = f.px(18)
        for i, q in enumerate(self.qs):
            row_h = two if seconds[i] else one
            # (a row only where the line saying how many more are left still fits under it: that line
            # went down over the buttons when 24 questions met large text in a small window)
            if y + bold.get_linesize() + (small.get_linesize() if i < rows - 1 else 0) > footer - m:
                D.text(surf, small, f"... and {rows - i} more (Left / Right)", (x, y), c["text_muted"],
                       max_width=inner)
                break
            given = self.answers.get(q.id)
            r = pygame.Rect(x, y, inner, row_h - f.px(2))
            if r.collidepoint(self.app.mouse_pos):
                D.rounded(surf, r, c["panel_light"], f.px(4))
            mark = pygame.Rect(x + f.px(4), y + (bold.get_linesize() - icon_w) // 2, icon_w, icon_w)
            if given is None:
                pygame.draw.circle(surf, c["text_muted"], mark.center, icon_w // 2 - 1, max(1, f.px(2)))
                verdict = "not answered yet"
            elif given == q.answer:
                D.check_mark(surf, mark, c["ok"], max(2, f.px(3)))
                verdict = "right"
            else:
                D.cross_mark(surf, mark, c["refused"], max(2, f.px(3)))
                verdict = "not quite"
            tx = mark.right + f.px(8)
            D.text(surf, bold, f"{i + 1}. {q.text}", (tx, y), c["text"], max_width=rect.right - m - tx)
            if seconds[i]:
                said = self.answer_line(q, given, small, rect.right - m - tx)
                D.text(surf, small, said, (tx, y + bold.get_linesize()),
                       c["text_muted"] if given is None or given == q.answer else c["refused"],
                       max_width=rect.right - m - tx)
            self.ui.add(r, f"quiz:row:{i}", lambda i=i: self.go(i), f"Question {i + 1}: {verdict} (click to see it)")
            y += row_h

    @staticmethod
    def answer_line(q: Question, given: str | None, font, width: int) -> str:
        """The summary's line under a question: the answer given, and the right one beside a wrong one.
        Too long for ``width``: the team's own answer shortened, the right answer whole (it was the
        right one that lost its end, "(right: When it is worth more to you than your ou...")."""
        if given is None:
            return "Not answered yet"
        mine = f"Your answer: {q.label(given)}"
        if given == q.answer:
            return mine
        right = f" (right: {q.label(q.answer)})"
        if font.size(mine + right)[0] <= width:
            return mine + right
        room = width - font.size(right)[0]
        if room >= font.size("Your answer: " + "M" * 6 + "...")[0]:
            return D.ellipsize(font, mine, room) + right
        return f"Right answer: {q.label(q.answer)}"  # (shortened at the width, if it must be, by D.text)

    def draw_footer(self, surf, rect: pygame.Rect, footer: int, bh: int) -> None:
        f = self.f
        m = f.px(14)
        gap = f.px(10)
        buttons = []  # (label, callback, name, key, style, tooltip)
        if self.pos > 0:
            buttons.append(("Previous", self.previous, "quiz:previous", "Left", "normal", "The question before"))
        if self.at_summary():
            back = self.came_from_brief()
            buttons.append(("Back to your brief" if back else "Read your brief", self.read_brief, "quiz:brief", "B",
                            "normal", "Your role brief: where every answer is"))
            buttons.append(("Close", self.close, "quiz:close", "Esc", "primary",
                            "Close the briefing check (your answers are kept)"))
        else:
            q = self.question
            answered = q.id in self.answers
            last = self.pos == len(self.qs) - 1
            label = ("See the result" if last else "Next") if answered else "Skip for now"
            buttons.append(("Close", self.close, "quiz:close", "Esc", "normal",
                            "Close the briefing check (your answers are kept; F opens it again)"))
            buttons.append((label, self.next, "quiz:next", "Enter" if answered else "Right",
                            "primary" if answered else "normal",
                            "The next question" if not last else "Your result"))
        widths = [max(f.px(120), self.ui.keyed_width(b[0], b[3])) + f.px(16) for b in buttons]
        # the buttons share the row when they do not all fit at their own widths
        total = sum(widths) + gap * (len(widths) - 1)
        if total > rect.width - 2 * m:
            widths = [(rect.width - 2 * m - gap * (len(widths) - 1)) // len(widths)] * len(widths)
        x = rect.right - m
        for (label, cb, name, key, style, tip), w in zip(reversed(buttons), reversed(widths)):
            x -= w
            self.ui.button(surf, (x, footer, w, bh), label, cb, name=name, shortcut=key, style=style, tooltip=tip)
            x -= gap
        if self.error:
            # (on as many lines as the row holds: beside three buttons at 1024x600 with large text it read
            # 'Your first answer c...')
            font, room = f.get("small", True), max(0, x - rect.x - m)
            lines = D.wrap(font, self.error, room) if room > f.px(60) else [self.error]
            fit = max(1, (bh + m) // font.get_linesize())
            if len(lines) > fit:
                lines = lines[:fit]
                lines[-1] = D.ellipsize(font, lines[-1] + " ...", room)
            y = footer + (bh - len(lines) * font.get_linesize()) // 2
            for line in lines:
                D.text(surf, font, line, (rect.x + m, y), self.c["refused"], max_width=room)
                y += font.get_linesize()
