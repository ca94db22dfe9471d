"""QA of the window's memo (game/ui/scene_memo.py): the field draws every letter a class types at every
size, a paste is plain text cut to what fits (never a frozen window), an Esc and J again go on where
the typing was, and the window's close button keeps what was typed."""

from __future__ import annotations

import json
import time

import pygame
from pygame_gui.core.utility import clipboard_copy
from ui_helpers import frames, press, to_human_turn, typed

from game.session.match import MEMO_MAX
from game.ui.scene_memo import KEY, MemoScene
from game.ui.theme import gui_theme


def paste(app, text: str) -> None:
    clipboard_copy(text)
    press(app, pygame.K_v, mod=pygame.KMOD_CTRL)


def test_the_memo_field_has_the_entry_font_at_the_windows_text_size():
    # the defaults' font had no Georgian or Armenian letters (boxes) and kept the library's size:
    # at 3840 x 2160 a memo was typed in letters a third of the size of the rest
    for scale in (1.0, 3.0):
        theme = gui_theme(scale)
        assert theme["text_entry_box"]["font"] == theme["text_entry_line"]["font"]
        assert "TreatyTableSans-Entry.ttf" in theme["text_entry_box"]["font"]["regular_path"]
    assert gui_theme(3.0)["text_entry_box"]["font"]["size"] == str(round(16 * 3.0))


def test_the_memo_field_draws_georgian_and_armenian(build_app):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    press(app, pygame.K_j)
    box = app.top.entries[KEY]
    theme = app.manager.get_theme()
    assert theme.get_font(box.combined_element_ids) is theme.get_font(["text_entry_line"])


def test_esc_after_a_space_or_an_enter_then_j_goes_on_where_the_typing_was(build_app):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    press(app, pygame.K_j)
    typed(app, "We want ")
    press(app, pygame.K_ESCAPE)  # (by accident)
    press(app, pygame.K_j)
    typed(app, "peace.\n\n")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_j)
    typed(app, "Second paragraph.")
    assert app.match.memo("georgia") == "We want peace.\n\nSecond paragraph."  # was "We wantpeace.Second..."
    app.resize((1024, 600))  # (a resize while typing keeps the field's text as typed too)
    frames(app, 2)
    typed(app, " More")
    assert app.match.memo("georgia") == "We want peace.\n\nSecond paragraph. More"


def test_a_long_paste_is_cut_to_what_fits_at_once_and_read_as_plain_text(build_app):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    press(app, pygame.K_j)
    memo = app.top
    typed(app, "Start: ")
    paste(app, "R&D &amp; &lt;b&gt; <b>x</b>\r\nnext line")  # pasted text is not HTML: '&amp;' stays
    assert app.match.memo("georgia") == "Start: R&D &amp; &lt;b&gt; <b>x</b>\nnext line"
    typed(app, "!")  # the caret is after the paste
    assert app.match.memo("georgia").endswith("next line!")
    before = len(memo.entry_text(KEY))
    t0 = time.perf_counter()
    paste(app, "A long article pasted from the web, with many words. " * 1500)  # 79,500 characters
    assert time.perf_counter() - t0 < 5  # was about a minute: pygame_gui laid all of it out first
    text = app.match.memo("georgia")
    assert len(memo.entry_text(KEY)) == MEMO_MAX and text.startswith("Start: R&D")
    left_out = 79_500 - (MEMO_MAX - before)
    assert memo.error == f"A memo holds at most 2000 characters: the paste's last {left_out} characters were not typed in."
    press(app, pygame.K_BACKSPACE)
    assert memo.error == ""  # room again: the count is back


def test_the_close_button_while_typing_keeps_the_memo_in_the_autosave(build_app, tmp_path):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    press(app, pygame.K_j)
    typed(app, "Грузия ")
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button: Leave the game?
    frames(app, 2)
    press(app, pygame.K_ESCAPE)  # Cancel: back in the memo, the keyboard in it
    assert isinstance(app.top, MemoScene) and app.typing()
    typed(app, "ждёт")
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    frames(app, 2)
    press(app, pygame.K_q)  # Quit without saving
    app.close()
    newest = sorted((tmp_path / "home" / "autosaves").glob("autosave-*.json"))[-1]
    assert json.loads(newest.read_text())["payload"]["memos"] == {"georgia": {"0": "Грузия ждёт"}}


def test_a_key_typed_into_a_full_memo_is_refused_and_eats_nothing_of_its_end(build_app):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    press(app, pygame.K_j)
    memo = app.top
    full = "Start " + "a" * (MEMO_MAX - 11) + " END."  # (2000 characters: full)
    paste(app, full)
    assert app.match.memo("georgia") == full
    box = memo.entries[KEY]
    box.edit_position = 6  # the caret after "Start " (a click there)
    box.select_range = [6, 6]
    typed(app, "XY")  # two letters too many: refused, said, the memo as it was (it lost its last letters)
    assert app.match.memo("georgia") == full and memo.entry_text(KEY) == full
    assert "at most 2000 characters" in memo.error
    press(app, pygame.K_BACKSPACE)  # the caret stayed where the letters were typed: "Start" loses its space
    assert app.match.memo("georgia") == "Start" + full[6:]
