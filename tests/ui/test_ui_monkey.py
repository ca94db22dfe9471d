"""Seeded random input in the window (the monkey of bench/monkey.py, a short run), and the bugs it found.

The long runs: ``SDL_VIDEODRIVER=dummy python bench/monkey.py --window --seed 1-50 --steps 5000``.
"""

from __future__ import annotations

import pygame
import pytest
from ui_helpers import click, frames, seed_field

from bench import monkey
from game.ui.app import UNDRAWN


@pytest.mark.parametrize("seed,config", [(101, "hotseat 1024x600"), (102, "title 1024x600 large text"),
                                         (103, "summit 1280x720")])
def test_the_window_survives_a_monkey(seed, config, tmp_path):
    """A few hundred steps of random keys, clicks, typing, resizes and focus changes: no exception, no
    frame slower than 10 s (a hang; the long runs use 2 s), no screen Esc does not leave, and the
    match saves and loads back the same."""
    start = next(c for c in monkey.CONFIGS if monkey.config_name(c) == config)
    m = monkey.WindowMonkey(seed, start, scratch=tmp_path, hang_s=10.0)
    found = m.run(110)
    assert not found, "\n\n".join(f.report() for f in found)
    assert m.step_no == 109 and len(m.visited) >= 3  # it went somewhere


def test_the_monkey_is_repeatable(tmp_path):
    """The same seed gives the same actions (the AI moves in the frame loop, one move a frame), so a
    finding's seed and step reproduce it."""
    runs = []
    for n in range(2):
        m = monkey.WindowMonkey(7, monkey.CONFIGS[1], scratch=tmp_path / str(n))
        m.run(40)
        runs.append(m.actions)
    assert runs[0] == runs[1]


# --- bug: a character that draws nothing, typed into an empty text field, took the window down ---------
# (monkey seeds 4, 5 and 6, 1024x600: a variation selector, a zero-width no-break space; pygame_gui raised
# "pygame.error: Text has zero width" from the field's text layout)

@pytest.mark.parametrize("typed", ["\u200b", "\ufeff\ufeff", "\ufe07", "\u202e", "\u00ad", "\x00"])
def test_a_character_that_draws_nothing_typed_into_an_empty_field_is_refused(build_app, typed):
    app = seed_field(build_app)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=typed))
    frames(app, 2)
    assert app.top.entry_text("seed") == ""
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="4" + typed + "2"))  # among digits: left out
    frames(app, 2)
    assert app.top.entry_text("seed") == "42"


def test_a_paste_of_characters_that_draw_nothing_is_refused(build_app):
    app = seed_field(build_app)
    pygame.scrap.put_text("\u200d\u2060")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=pygame.KMOD_LCTRL, unicode="\x16",
                                         scancode=0))
    frames(app, 2)
    assert app.top.entry_text("seed") == ""
    pygame.scrap.put_text("17")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=pygame.KMOD_LCTRL, unicode="\x16",
                                         scancode=0))
    frames(app, 2)
    assert app.top.entry_text("seed") == "17"


def test_every_character_the_entry_font_draws_as_nothing_is_refused():
    """What the fields refuse covers every character of the fields' font that draws nothing (the ones
    pygame_gui cannot lay out alone), and no letter of the scripts the game draws."""
    from game.ui.theme import font_dir

    pygame.font.init()
    font = pygame.font.Font(str(font_dir() / "TreatyTableSans-Entry.ttf"), 16)
    blocks = [(0x0, 0x800), (0x1700, 0x1900), (0x2000, 0x2100), (0xFE00, 0x10000), (0x1D170, 0x1D180),
              (0xE0000, 0xE0200)]
    missed = []
    for lo, hi in blocks:
        for cp in range(lo, hi):
            ch = chr(cp)
            metrics = font.metrics(ch)
            if not metrics or metrics[0] is None or ch in UNDRAWN:
                continue  # pygame_gui refuses a character its font lacks; the rest are refused here
            try:
                font.render(ch, True, (0, 0, 0))
            except (pygame.error, ValueError):
                missed.append(hex(cp))
    assert not missed
    for word in ("Georgia", "Грузия", "Ελλάδα", "საქართველო", "Հայաստան", "Ağrı", "e\u0301", "😀"):
        assert not [ch for ch in word if ch in UNDRAWN], word


# --- bug: a save name too long for a file name took the window down ------------------------------------
# (monkey seed 12, 1280x720: OSError "File name too long" from Path.exists in SaveLoadScene.do_save)

def _save_dialog(build_app):
    from game.ui.scenes import SaveLoadScene

    app = build_app(role=["georgia"])
    app.push(SaveLoadScene(app, "save"))
    frames(app, 2)
    return app


def test_a_save_name_too_long_for_a_file_is_refused_with_a_message(build_app):
    from game.session.store import user_data_dir
    from game.ui.scenes import SaveLoadScene

    app = _save_dialog(build_app)
    app.top.set_entry_text("savename", "first")  # a save made before (the folder is there)
    click(app, "save:do")
    assert (user_data_dir() / "saves" / "first.json").is_file()
    app.push(SaveLoadScene(app, "save"))
    frames(app, 2)
    dialog = app.top
    dialog.set_entry_text("savename", "bold" * 100)
    click(app, "save:do")
    assert app.top is dialog and isinstance(dialog, SaveLoadScene)  # still open: nothing is lost
    assert "too long" in dialog.error and "60" in dialog.error
    assert dialog.entry_text("savename") == "bold" * 100
    assert [p.name for p in (user_data_dir() / "saves").glob("*.json")] == ["first.json"]
    dialog.set_entry_text("savename", "bold" * 15)  # 60 letters: saved
    click(app, "save:do")
    assert (user_data_dir() / "saves" / ("bold" * 15 + ".json")).is_file()


def test_a_save_folder_that_cannot_be_looked_into_is_said_not_raised(build_app, monkeypatch):
    from pathlib import Path

    app = _save_dialog(build_app)
    dialog = app.top
    dialog.set_entry_text("savename", "mine")

    def refused(self, *a, **kw):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", refused)
    dialog.do_save()  # (what the Save button does)
    monkeypatch.undo()
    frames(app, 2)
    assert app.top is dialog and dialog.error.startswith("The game could not be saved: Permission denied")


# --- bug: a long word (a pasted path) froze the window for seconds -----------------------------------------
# (monkey seed 44, 1024x600 large text: 2000 letters in the scenario screen's file field and Open file; its
# "no such scenario file" message took 2.7 s to draw, as draw.wrap tried each place to break the word in
# turn, letter by letter from its end, for every line. Then seed 301, 1280x720: 76,000 letters pasted into
# the seed field and Enter, 15 s: the word's rest was still measured whole for every line.)

class _CountingFont:
    """A font of fixed-width letters (10 px) that counts how often it is measured, and how many letters."""

    def __init__(self):
        self.calls = 0
        self.letters = 0

    def size(self, text: str) -> tuple[int, int]:
        self.calls += 1
        self.letters += len(text)
        return 10 * len(text), 16


@pytest.mark.parametrize("n", [2000, 76000])
def test_a_long_word_is_broken_measuring_about_a_line_at_a_time(n):
    from game.ui import draw as D

    font = _CountingFont()
    word = "W" * n
    lines = D.wrap(font, word, 400)
    assert "".join(line.rstrip("-") for line in lines) == word
    assert all(len(line) <= 40 for line in lines) and len(lines[0]) == 40  # 39 letters and the hyphen
    assert font.calls < 30 * len(lines)  # a few measurements a line
    assert font.letters < 3 * n + 1000 * len(lines)  # of about a line each (and the word once, whole)


def test_wrap_breaks_words_where_it_did():
    """The faster search finds the same places to break as trying each in turn."""
    from game.ui import draw as D

    pygame.font.init()
    font = pygame.font.Font(None, 18)
    for text, width in [("Antidisestablishmentarianism " * 3, 90), ("Азербайджа́н Кыргызстан", 40),
                        ("a " + "x" * 300 + " b", 120), ("mm" * 40, 7), ("日本語のテキスト" * 5, 50)]:
        lines = D.wrap(font, text, width)
        assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == text.replace(" ", "")
        for line in lines:
            if len(line) > 1:
                assert font.size(line)[0] <= width, (line, width)


def test_a_long_path_typed_in_the_scenario_screen_is_said_in_one_quick_frame(build_app):
    import time

    from game.ui.scenes import ScenarioScene

    app = build_app()
    app.push(ScenarioScene(app))
    frames(app, 2)
    app.top.set_entry_text("path", "W" * 1990)
    click(app, "scenario:open", steps=0)
    t0 = time.perf_counter()
    frames(app, 1)
    took = time.perf_counter() - t0
    assert app.top.problems and "W" * 40 in app.top.problems[0]
    assert took < 3.0  # (about 0.1 s here)


# --- bug: 76,000 letters pasted into a field froze the window at every key ----------------------------------
# (monkey seed 301, 1280x720: pygame_gui draws all of a field's text again at each key, 1.5 s for that one)

def test_a_paste_too_long_for_a_field_is_refused_with_a_message(build_app):
    import time

    from game.ui.app import MAX_TYPED

    app = seed_field(build_app)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="12"))
    frames(app, 1)
    pygame.scrap.put_text("W" * 76000)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=pygame.KMOD_LCTRL, unicode="\x16",
                                         scancode=0))
    t0 = time.perf_counter()
    frames(app, 2)
    assert time.perf_counter() - t0 < 1.0
    assert app.top.entry_text("seed") == "12"  # as it was
    assert [t.message for t in app.toasts] == [
        f"A text field holds at most {MAX_TYPED} characters: that was not typed in."]
    pygame.scrap.put_text("3" * (MAX_TYPED - 2))  # up to the limit: pasted
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=pygame.KMOD_LCTRL, unicode="\x16",
                                         scancode=0))
    frames(app, 2)
    assert app.top.entry_text("seed") == "12" + "3" * (MAX_TYPED - 2)
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="4"))  # one more typed: said too
    frames(app, 2)
    assert len(app.top.entry_text("seed")) == MAX_TYPED and len(app.toasts) >= 1


def test_the_monkey_reports_a_planted_crash_with_its_seed(tmp_path, monkeypatch):
    from ui_helpers import break_table_once

    break_table_once(monkeypatch)
    start = next(c for c in monkey.CONFIGS if monkey.config_name(c) == "solo 1280x720")
    # (seed 9 reaches the table at its first step; seed 5 did until the brief gained a third button,
    # "Check your brief", where its first click now lands)
    found = monkey.WindowMonkey(9, start, scratch=tmp_path).run(20)
    assert [f.kind for f in found] == ["crash"]
    assert found[0].seed == 9 and "ZeroDivisionError: a screen divided by zero" in found[0].message
    assert "draw_actions" in found[0].trace and "[crash] seed 9 step 0 (solo 1280x720)" in found[0].report()
