"""QA on large screens (2560 x 1440, 4K, 3440 x 1440 ultra-wide): the window's size on them.

Found playing under Xvfb at 3840 x 2160 with openbox (docs/accessibility.md, "Window sizes"):
- the first start opened a 1280 x 720 window, a ninth of a 4K screen, with the text at its
  smallest size (16 px), though the text grows with the window;
- Settings offered 3840 x 2160 on a 3840 x 2160 screen: with its title bar the window is taller
  than the screen, and a saved 3840 x 2160 came back that way at the next start, its bottom row
  (the table's moves) under the taskbar;
- a size chosen in Settings grew the window from its top-left corner: a 1280 x 720 window in the
  middle of a 4K screen made 2560 x 1440 ran off the screen's right and bottom edges.
"""

from __future__ import annotations

import json

import pygame
import pytest

from ui_helpers import click, fake_desktop, frames, sdl_window



def _settings_file(tmp_path) -> dict:
    return json.loads((tmp_path / "home" / "settings.json").read_text(encoding="utf-8"))




# --- the first start on a large screen ------------------------------------------------------------

@pytest.mark.parametrize("desktop, window", [
    ((3840, 2160), (2560, 1440)),
    ((2560, 1440), (1600, 900)),
    ((3440, 1440), (1600, 900)),
    ((1920, 1080), (1280, 720)),  # as before
    ((1366, 768), (1280, 720)),  # as before
])
def test_the_first_start_opens_a_window_sized_for_the_screen(build_app, monkeypatch, desktop, window):
    fake_desktop(monkeypatch, desktop)
    app = build_app(size=None)
    assert app.screen.get_size() == window
    assert app.settings.size == window


def test_the_first_start_on_4k_has_text_scaled_for_4k_and_it_comes_back(build_app, monkeypatch, tmp_path):
    from game.ui.scenes import SettingsScene

    fake_desktop(monkeypatch, (3840, 2160))
    app = build_app(size=None)
    assert app.fonts.scale == pytest.approx(2.0)  # 32 px body text, not 16
    settings = app.push(SettingsScene(app))
    frames(app, 2)
    settings.set_font("large")  # any setting saved: the window's size is saved with it
    assert _settings_file(tmp_path)["width"] == 2560
    app2 = build_app(size=None)
    assert app2.screen.get_size() == (2560, 1440) and app2.settings.font_scale == "large"


def test_a_saved_size_wins_over_the_first_start_size(build_app, monkeypatch, tmp_path):
    fake_desktop(monkeypatch, (3840, 2160))
    (tmp_path / "home").mkdir(parents=True, exist_ok=True)
    (tmp_path / "home" / "settings.json").write_text(json.dumps({"width": 1280, "height": 720}), encoding="utf-8")
    app = build_app(size=None)
    assert app.screen.get_size() == (1280, 720)


# --- no window taller than the screen ---------------------------------------------------------------

def test_the_presets_offered_leave_room_for_the_title_bar():
    from game.ui.settings import sizes_that_fit

    base = ((1280, 720), (1600, 900), (1920, 1080))
    assert sizes_that_fit((3840, 2160)) == base + ((2560, 1440),)  # 3840 x 2160 there: Full screen
    assert sizes_that_fit((2560, 1440)) == base
    assert sizes_that_fit((3440, 1440)) == base
    assert sizes_that_fit((2560, 1600)) == base + ((2560, 1440),)
    assert sizes_that_fit((3840, 2400)) == base + ((2560, 1440), (3840, 2160))
    assert sizes_that_fit((5120, 2880)) == base + ((2560, 1440), (3840, 2160))


def test_settings_on_a_4k_screen_offer_no_window_as_large_as_the_screen(build_app, monkeypatch):
    from game.ui.scenes import SettingsScene

    fake_desktop(monkeypatch, (3840, 2160))
    app = build_app()
    app.push(SettingsScene(app))
    frames(app, 2)
    assert app.top.ui.find("settings:size:2560x1440") is not None
    assert app.top.ui.find("settings:size:3840x2160") is None
    assert app.top.ui.find("settings:fullscreen:on") is not None


def test_a_saved_4k_window_on_a_4k_screen_keeps_room_for_the_title_bar(build_app, monkeypatch, tmp_path):
    fake_desktop(monkeypatch, (3840, 2160))
    (tmp_path / "home").mkdir(parents=True, exist_ok=True)
    (tmp_path / "home" / "settings.json").write_text(json.dumps({"width": 3840, "height": 2160}), encoding="utf-8")
    app = build_app(size=None)
    w, h = app.screen.get_size()
    assert w == 3840 and h <= 2160 - 100
    assert app.settings.size == (3840, 2160)  # the setting is kept (for a larger screen)


def test_small_screens_still_get_all_they_have(build_app, monkeypatch):
    fake_desktop(monkeypatch, (1024, 600))
    app = build_app(size=None)
    assert app.screen.get_size() == (1024, 600)


# --- a window grown in Settings stays on the screen --------------------------------------------------

def _settings_on_4k_with_the_window_at(build_app, monkeypatch, position):
    """Settings open on a 4K screen, the window 1280 x 720 and moved to ``position``."""
    from game.ui.scenes import SettingsScene

    fake_desktop(monkeypatch, (3840, 2160))
    app = build_app(size=None)
    app.push(SettingsScene(app))
    frames(app, 2)
    click(app, "settings:size:1280x720")
    sdl_window().position = position
    frames(app, 2)
    return app


def test_a_window_grown_in_settings_is_moved_back_onto_the_screen(build_app, monkeypatch):
    app = _settings_on_4k_with_the_window_at(build_app, monkeypatch, (2000, 1200))  # dragged to the lower right
    click(app, "settings:size:1920x1080")  # 2000 + 1920 > 3840: it no longer fits where it is
    x, y = sdl_window().position
    assert app.screen.get_size() == (1920, 1080)
    assert 0 <= x and x + 1920 <= 3840 and 0 <= y and y + 1080 <= 2160


def test_a_window_that_still_fits_or_is_on_another_screen_stays_put(build_app, monkeypatch):
    app = _settings_on_4k_with_the_window_at(build_app, monkeypatch, (100, 120))
    click(app, "settings:size:1600x900")
    assert sdl_window().position == (100, 120)
    sdl_window().position = (4000, 100)  # on a second screen, right of the first
    frames(app, 2)
    click(app, "settings:size:2560x1440")
    assert sdl_window().position == (4000, 100)


# --- the marks that carry meaning grow with the text at 4K ----------------------------------------
# (found on the 4K screenshots: the keyboard's issue row ring, the frames of the working text, the
# chosen name card's frame and a text field's focus ring were 1 to 3 px, hairlines beside text three
# times as big; they grow with the text beyond 1080 p as the gaps do, and are as they were up to it)

def _record_rounded(monkeypatch) -> list[tuple]:
    from game.ui import draw as D

    calls: list[tuple] = []
    real = D.rounded

    def rounded(surface, rect, colour, radius=6, width=0):
        calls.append((pygame.Rect(rect), pygame.Color(colour), radius, width))
        return real(surface, rect, colour, radius, width)

    monkeypatch.setattr(D, "rounded", rounded)
    return calls


def _table_marks(build_app, monkeypatch, size: str) -> dict[str, int]:
    from ui_helpers import to_human_turn

    app = build_app(role=["georgia"], seed=7, size=size)
    table = to_human_turn(app, "georgia")
    table.anims.clear()
    table.sel_actor = "russia"
    table.pick_cell(1, 2)  # a level not in the draft: a "new" frame
    frames(app, 2)
    calls = _record_rounded(monkeypatch)
    table.layers.clear()  # the name cards and the grid drawn afresh (not kept from the last frame)
    frames(app, 1)
    c = app.colours
    out = {}
    for key, colour in (("row", c["brass_ink"]), ("new", c["brass"]), ("card", c["selected"])):
        widths = [w for _, col, _, w in calls if col == colour and 0 < w]
        out[key] = max(widths) if widths else 0
    return out


def test_the_table_marks_grow_with_the_text_at_4k(build_app, monkeypatch):
    marks = _table_marks(build_app, monkeypatch, "3840x2160")
    assert marks["row"] >= 4 and marks["new"] >= 6 and marks["card"] >= 6, marks


def test_the_table_marks_stay_as_they_were_at_720p(build_app, monkeypatch):
    marks = _table_marks(build_app, monkeypatch, "1280x720")
    assert marks == {"row": 2, "new": 3, "card": 3}, marks


@pytest.mark.parametrize("size, ring", [("3840x2160", 4), ("1280x720", 2)])
def test_the_text_fields_focus_ring_grows_with_the_text_at_4k(build_app, monkeypatch, size, ring):
    from game.ui.scenes import SaveLoadScene
    from ui_helpers import to_human_turn

    app = build_app(role=["georgia"], seed=7, size=size)
    to_human_turn(app, "georgia")
    app.push(SaveLoadScene(app, "save"))
    frames(app, 3)
    field = app.focused_entry_rect()
    assert field is not None
    calls = _record_rounded(monkeypatch)
    frames(app, 1)
    rings = [(r, w) for r, col, _, w in calls if col == app.colours["focus"] and w > 0 and r.contains(field)
             and r != field]
    assert rings and max(w for _, w in rings) == ring, rings
