"""A delegation's memo for this round (J at the table, or the menu): its notes for the teacher.

A memo is a notepad, not a move (:meth:`game.session.match.Match.write_memo`): what is in it is
kept as it is typed and when the dialog closes, however it closes (Done, Esc, the window's close
button), and autosaved after a pause in the typing (SAVE_AFTER_S) and when it closes. Only the delegation on turn sees it, with its memos of earlier rounds
beside it; nobody else sees a memo until the debrief.
"""

from __future__ import annotations

import pygame

from game.session.match import MEMO_MAX, clean_memo
from game.ui import draw as D
from game.ui.app import App
from game.ui.scenes import Overlay

KEY = "memo"


class MemoScene(Overlay):
    name = "memo"

    def __init__(self, app: App, seat: str):
        super().__init__(app)
        self.seat = seat
        self.round = app.match.state.round
        self.kept = app.match.memo(seat)  # what the match holds (cleaned)
        # the field's text, as typed: as it was left when the memo is that one (an Esc after a space
        # or an Enter, then J again: the next words went on the same word or line), else the kept one
        draft = app.memo_drafts.get((seat, self.round))
        self.typed = draft if draft is not None and clean_memo(draft) == self.kept else self.kept
        self.error = ""
        self.changed = False

    def enter(self) -> None:
        self.app.unfocus_entries()

    # --- keeping ---------------------------------------------------------------------
    def keep(self, text: str) -> None:
        """Keep ``text`` as the memo (each change, as it is typed). Over MEMO_MAX characters it says so:
        a key typed into a full memo is refused (the field as it was, its caret where the key was
        typed: cut back from its end, the memo lost its last letters to each key typed in its middle),
        a longer text given at once is cut back to them. A memo is never refused whole, nor lost."""
        if len(text) > MEMO_MAX:
            e = self.entries.get(KEY)
            caret = getattr(e, "edit_position", None)
            if 0 < len(self.typed) <= MEMO_MAX:
                extra = len(text) - len(self.typed)
                text = self.typed
                self.set_entry_text(KEY, text)
                if e is not None and isinstance(caret, int):
                    self._caret(e, max(0, min(len(text), caret - extra)))
            else:
                text = text[:MEMO_MAX]
                self.set_entry_text(KEY, text)
            self.error = f"A memo holds at most {MEMO_MAX} characters: the rest was not typed in."
        elif len(text) < MEMO_MAX:
            self.error = ""  # (room again: the count comes back)
        self.typed = text
        try:
            kept = self.app.match.write_memo(self.seat, text)
        except ValueError as exc:  # (the game ended under it: a facilitator's end of the phase)
            self.error = f"Not kept: {exc}."
            return
        self.app.memo_drafts[(self.seat, self.round)] = text
        if kept != self.kept:
            self.kept, self.changed = kept, True
            self.unsaved_since = self.app.time

    @staticmethod
    def _caret(e, pos: int) -> None:
        """Put the field's caret at ``pos`` (pygame_gui's caret, kept out of its public API)."""
        try:
            e.edit_position = pos
            e.select_range = [pos, pos]
            if e.text_box_layout is not None:
                e.text_box_layout.set_cursor_position(pos)
            e.cursor_has_moved_recently = True
        except AttributeError:
            pass

    def paste_cut(self, left_out: int) -> None:
        """A paste that did not fit (App._paste_into_box pasted its first part): said under the field."""
        self.error = (f"A memo holds at most {MEMO_MAX} characters: the paste's last {left_out} character"
                      f"{'s were' if left_out != 1 else ' was'} not typed in.")

    SAVE_AFTER_S = 3.0  # a pause in the typing this long autosaves the memo (a crash loses no more)
    unsaved_since: float | None = None  # App.time of the first change not autosaved yet

    def update(self, dt: float) -> None:
        e = self.entries.get(KEY)
        if e is not None and e.get_text() != self.typed:
            self.keep(e.get_text())
            self.unsaved_since = self.app.time if self.unsaved_since is not None else None
        if self.unsaved_since is not None and self.app.time - self.unsaved_since >= self.SAVE_AFTER_S:
            self.unsaved_since = None
            self.app.autosave_soon()  # (no new file: the newest autosave is written again with it, see
            # AutosaveSlots.write)

    def wake_in(self) -> float | None:
        if self.unsaved_since is None:
            return None
        return max(0.0, self.unsaved_since + self.SAVE_AFTER_S - self.app.time)

    def leave(self) -> None:
        e = self.entries.get(KEY)
        if e is not None and e.get_text() != self.typed:
            self.keep(e.get_text())
        super().leave()
        if self.changed:
            self.app.autosave_soon()
            words = len(self.kept.split())
            self.app.toast(f"Memo kept ({words} word{'s' * (words != 1)})." if self.kept else "Memo deleted.")

    def done(self) -> None:
        self.app.pop(self)

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) \
                and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META):
            self.done()  # (the field took the Enter as a line break first: kept memos lose trailing ones)
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_j and not self.app.typing():
            self.done()  # J again closes it, as B closes the brief
            return True
        return super().handle_event(event)

    # --- drawing ---------------------------------------------------------------------
    def earlier(self) -> list[tuple[str, str]]:
        """(round's name, memo) of the delegation's memos of earlier rounds, newest first."""
        sc = self.app.match.scenario
        rounds = self.app.match.memos.get(self.seat, {})
        return [(f"Round {r + 1}: {sc.rounds[r].name}", rounds[r]) for r in sorted(rounds, reverse=True)
                if r < self.round]  # (not the later rounds of a line the console went back from)

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        match = self.app.match
        sc = match.scenario
        rect = self.box(surf, 0.78, 0.86, min_w=f.px(560))
        m = f.px(14)
        actor = sc.actor(self.seat)
        meeting = sc.rounds[self.round]
        date = match.game.model.round_date(self.round)
        title = D.text(surf, f.get("h2", True), "Memo", (rect.x + m, rect.y + m), c["brass_text"])
        D.text(surf, f.get("small", True), f"{actor.name} - round {self.round + 1} of {len(sc.rounds)}: "
               f"{meeting.name}, {date.day} {date:%b}", (title.right + m, title.centery), c["text"], "midleft",
               max_width=rect.right - m - title.right - m)
        y = rect.y + m + f.line_height("h2", True) + f.px(4)
        body = f.get("small")
        used = D.paragraph(surf, body, "Your delegation's notes for this round: what you want, what you "
                           "noticed, what you plan next. Nobody else sees them during the game; your "
                           "teacher reads every memo in the debrief. Writing costs no action points, and "
                           "what you type is kept as you type it.",
                           pygame.Rect(rect.x + m, y, rect.width - 2 * m, f.line_height("small") * 3),
                           c["text_muted"], max_lines=3)
        y += used + f.px(8)
        bh = f.px(38)
        footer = rect.bottom - m - bh
        earlier = self.earlier()
        wide = rect.width >= f.px(820) and earlier
        field_w = int((rect.width - 3 * m) * 0.6) if wide else rect.width - 2 * m
        field = pygame.Rect(rect.x + m, y, field_w, footer - m - y - f.line_height("small"))
        self.text_box(KEY, field, initial=self.typed, placeholder="Type your notes here (Enter: a new line)")
        if self.frames <= 1 and not self.app.typing():
            self.focus_entry(KEY)  # (typing starts at once, after what is there)
        n = len(self.typed)
        count = f"{n} / {MEMO_MAX} characters"
        D.text(surf, body, self.error or count, (field.x, field.bottom + f.px(3)),
               c["refused"] if self.error else c["text_muted"], max_width=field.width)
        if wide:
            self.draw_earlier(surf, pygame.Rect(field.right + m, y, rect.right - m - field.right - m,
                                                field.height), earlier)
        elif earlier:
            D.text(surf, body, f"Your memos of {len(earlier)} earlier round{'s' * (len(earlier) != 1)} are "
                   "beside this one in a wider window.", (rect.x + m, footer + bh // 2), c["text_muted"],
                   "midleft", max_width=rect.width - 3 * m - f.px(170))
        bw = f.px(170)
        self.ui.button(surf, (rect.right - m - bw, footer, bw, bh), "Done", self.done, name="memo:done",
                       shortcut="Esc", style="primary",
                       tooltip="Close the memo (it is kept: Esc or Ctrl+Enter close it too)")

    def draw_earlier(self, surf, rect: pygame.Rect, earlier: list[tuple[str, str]]) -> None:
        f, c = self.f, self.c
        D.text(surf, f.get("label", True), "Your earlier memos", (rect.x, rect.y), c["text"])
        y = rect.y + f.line_height("label", True) + f.px(4)
        small, bold = f.get("small"), f.get("small", True)
        for n, (label, text) in enumerate(earlier):
            if y + 2 * small.get_linesize() > rect.bottom:
                D.text(surf, small, f"... and {len(earlier) - n} more (in the debrief)", (rect.x, y),
                       c["text_muted"], max_width=rect.width)
                break
            D.text(surf, bold, label, (rect.x, y), c["brass_text"], max_width=rect.width)
            y += bold.get_linesize()
            lines = max(1, (rect.bottom - y) // small.get_linesize() - 1)
            y += D.paragraph(surf, small, " / ".join(clean_memo(text).split("\n")),
                             pygame.Rect(rect.x, y, rect.width, rect.bottom - y), c["text"],
                             max_lines=min(6, lines)) + f.px(8)
