"""Players on very different screens (QA round "sizes"): a 1024x600 netbook, 2560x1440 and 4K
(3840x2160) monitors, an ultra-wide 2560x1080, a portrait 1080x1920, and a window resized back
and forth or put in full screen and back (F11) in the middle of a game."""

from __future__ import annotations

import itertools

import pygame
import pytest

from test_ui_layout import check_table
from ui_helpers import frames, press, to_human_turn

from game.ui.theme import window_scale


def _resize(app, size: tuple[int, int]) -> None:
    """What SDL sends when the player drags the window's edges."""
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
    pygame.event.post(pygame.event.Event(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1]))
    frames(app, 2)


def _regions(app) -> list[tuple[str, tuple]]:
    frames(app, 2)
    return [(r.name, tuple(r.rect)) for r in app.top.ui.regions]


def _inside_window(app) -> None:
    screen = pygame.Rect((0, 0), app.screen.get_size())
    for r in app.top.ui.regions:
        if r.rect.width and r.rect.height:
            assert screen.contains(r.rect), f"{app.top.name}: '{r.name}' {r.rect} leaves the window {screen}"


def _buttons_apart(app, prefix: str) -> None:
    rects = [(r.name, r.rect) for r in app.top.ui.regions if r.name.startswith(prefix)]
    assert rects
    for (n1, r1), (n2, r2) in itertools.combinations(rects, 2):
        assert not r1.colliderect(r2), f"'{n1}' {r1} overlaps '{n2}' {r2}"


# --------------------------------------------------------------------------- 1. the text's scale


def test_the_text_scale_follows_the_narrower_side_and_reaches_4k():
    """The text grew with the window's height alone, capped at 2.2: a portrait 1080x1920 screen got
    the text of a 1920-px-high landscape one (2.2x) in a window 1080 px wide, where the table's
    name cards covered the clause grid and every move button read "T...", "A...", "..."; and a 4K
    screen (3x a 1280x720 one) got the text of a 1584 px one, small in a huge window. A window
    narrower than 16:10 now counts its width, and 4K looks like 1280x720 scaled up."""
    assert window_scale(720, 1280) == 1.0
    assert window_scale(1080, 1920) == 1.5
    assert window_scale(1080, 2560) == 1.5  # ultra-wide: by its height
    assert window_scale(1440, 2560) == 2.0
    assert window_scale(2160, 3840) == 3.0  # 4K: 1280x720 scaled up 3x
    assert window_scale(4320, 7680) == 3.0  # the largest scale
    assert window_scale(1920, 1080) == pytest.approx(1080 / 1152)  # portrait: by its width
    assert window_scale(600, 1024) == 0.85 and window_scale(600, 960) == 0.85  # the smallest


@pytest.mark.parametrize("size,expected", [("3840x2160", 3.0), ("1080x1920", 1080 / 1152), ("2560x1080", 1.5)])
def test_the_window_uses_that_scale(build_app, size, expected):
    app = build_app(role=["georgia"], size=size)
    assert app.fonts.scale == pytest.approx(expected)


# --------------------------------------------------------------------------- 2. a portrait screen


@pytest.mark.parametrize("scale", ["normal", "large"])
def test_a_portrait_screen_gives_the_table_the_whole_width(build_app, scale):
    """At 1080x1920 the table was squeezed into the left 70% (and with the old text scale its
    cards covered the grid): the panels now stack - the table and the moves across the whole width,
    the forecast and the news under them - and nothing overlaps or leaves the window."""
    app = build_app(role=["georgia"], seed=7, size="1080x1920", record_text=True)
    if scale == "large":
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    table = to_human_turn(app, "georgia")
    W, H = app.screen.get_size()
    L = table.layout(W, H)
    assert L["table"].width >= 0.95 * W and L["action"].width >= 0.95 * W
    below = [L[k] for k in ("forecast", "log", "side") if k in L]
    assert below and all(r.top >= L["action"].bottom for r in below)
    for (k1, r1), (k2, r2) in itertools.combinations(L.items(), 2):
        assert not r1.colliderect(r2), (k1, r1, k2, r2)
        assert pygame.Rect(0, 0, W, H).contains(r1), (k1, r1)
    table.pick_cell(1, 2)
    assert check_table(app, table) > 20  # every card and cell's text inside it, no overlap
    _inside_window(app)
    _buttons_apart(app, "action:")
    # every move button shows its whole label (they read "T...", "A..." before)
    for r in table.ui.regions:
        if r.name.startswith("action:"):
            shown = [s for s, tr in app.text_rects if r.rect.contains(tr)]
            assert shown and not any(s.endswith(("...", "…")) for s in shown), (r.name, shown)


def test_a_landscape_window_keeps_the_side_panels_on_the_right(build_app):
    app = build_app(role=["georgia"], seed=7, size="2560x1080")
    table = to_human_turn(app, "georgia")
    L = table.layout(*app.screen.get_size())
    assert L["forecast"].left > L["table"].right and L["log"].left > L["table"].right


# --------------------------------------------------------------------------- 3. the name cards


def test_compact_cards_show_the_stance_at_every_text_size(build_app):
    """With large text at 1600x900 (scale 1.625) the compact name cards showed the name and the
    delegate with a blank line between: the stance was left out, its line touched by one pixel
    of the badge (a disc as tall as the name's line when that line's height is even)."""
    app = build_app(role=["georgia"], seed=7, size="1600x900", record_text=True)
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    table = to_human_turn(app, "georgia")
    assert table.compact()
    table.anims.clear()
    frames(app, 2)
    vm = table.vm
    checked = 0
    for d in vm.delegates:
        rect = table.card_rects.get(d.id)
        if rect is None or d.stance is None or d.status != "present":
            continue
        shown = [s for s, r in app.text_rects if rect.contains(r)]
        assert any(s.rstrip(".…") and d.stance_label.startswith(s.rstrip(".…")) for s in shown), (d.id, shown)
        checked += 1
    assert checked >= 5


# --------------------------------------------------------------------------- 4. resizing, full screen


def _key(app, key: int) -> None:
    press(app, key)


def test_f11_twice_gives_back_the_window_as_it_was(build_app):
    """Full screen and back (F11 twice) made the window 1280x720 (the settings' size) whatever
    size it had - from --size, or dragged by the player; it comes back to that size now, with the
    game, the screen and its layout as they were."""
    from game.ui.scene_table import TableScene

    app = build_app(role=["georgia"], seed=7, size="1600x900")
    table = to_human_turn(app, "georgia")
    before = _regions(app)
    n_moves = len(app.match.actions)
    _key(app, pygame.K_F11)
    assert app.fullscreen
    _key(app, pygame.K_F11)
    assert not app.fullscreen and app.screen.get_size() == (1600, 900)
    assert app.top is table and isinstance(app.top, TableScene) and len(app.match.actions) == n_moves
    assert _regions(app) == before
    _resize(app, (1500, 1000))  # dragged
    assert app.screen.get_size() == (1500, 1000)
    _key(app, pygame.K_F11)
    _key(app, pygame.K_F11)
    assert app.screen.get_size() == (1500, 1000)
    # the settings' size is still what Settings chose (F11 does not change it)
    assert app.settings.size == (1280, 720)


@pytest.mark.parametrize("scale", ["normal", "large"])
def test_a_resize_back_and_forth_leaves_no_stale_layout(build_app, scale):
    """The table and its dialogs after resizing through the netbook, 4K, portrait and ultra-wide
    sizes and back are laid out exactly as before (nothing left where another size put it), and
    at every size every region lies inside the window."""
    from game.ui.scene_table import OfferScene
    from game.ui.scenes import HelpScene, SettingsScene

    app = build_app(role=["georgia"], seed=7, size="1280x720")
    if scale == "large":
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    table = to_human_turn(app, "georgia")
    table.sel_actor = "russia"
    sizes = [(1024, 600), (3840, 2160), (1080, 1920), (2560, 1080), (2560, 1440), (960, 600)]
    for make in (None, lambda: OfferScene(app, table, "russia"), lambda: HelpScene(app), lambda: SettingsScene(app)):
        if make is not None:
            app.push(make())
        before = _regions(app)
        for size in sizes:
            _resize(app, size)
            assert app.screen.get_size() == size
            _inside_window(app)
        _resize(app, (1280, 720))
        assert _regions(app) == before, app.top.name
        if make is not None:
            app.pop()


# --------------------------------------------------------------------------- 5. margins at 4K


def test_margins_grow_with_the_text_at_4k(build_app):
    """At 4K the fixed margins of 1280x720 (4 px between the draft tabs, after "For:", inside a
    clause cell; 5 px around a move's key hint) were hairlines beside text three times as big:
    "D1 RUD2 RU", "For:none", "Adapt first" against its cell's edge, the key box on the button's
    edge. They grow with the text beyond 1920x1080 now (and are as they were up to it)."""
    app = build_app(role=["georgia"], seed=7, size="3840x2160", record_text=True)
    table = to_human_turn(app, "georgia")
    table.anims.clear()
    frames(app, 2)
    f = app.fonts
    assert f.gap(4) >= 8 and f.gap(5) >= 10
    tabs = sorted(r.rect for r in table.ui.regions if r.name.startswith("draft:"))
    assert len(tabs) >= 2 and tabs[1].left - tabs[0].right >= 8, tabs
    texts = app.text_rects
    label = next(r for s, r in texts if s == "For:")
    after = min((r for s, r in texts if r.left >= label.right and abs(r.centery - label.centery) < 4),
                key=lambda r: r.left)
    assert after.left - label.right >= f.get("small").size(" ")[0], (label, after)
    cell = table.ui.find("cell:0:0").rect
    words = [r for s, r in texts if cell.contains(r)]
    assert words and min(r.left for r in words) - cell.left >= 8, (cell, words)
    # a move's key hint: its box's edge (the button's ink) at least 10 px in from the button's edge
    button = table.ui.find("action:pass")
    ink = app.colours["button_text"]
    y = button.rect.centery
    xs = [x for x in range(button.rect.right - 1, button.rect.centerx, -1)
          if app.screen.get_at((x, y))[:3] == tuple(ink)[:3]]
    assert xs and button.rect.right - xs[0] >= 10, (button.rect, xs[:3])


def test_margins_stay_as_they_were_up_to_1080p():
    from game.ui.theme import Fonts

    for scale in (0.85, 1.0, 1.3, 1.5):
        f = Fonts(scale)
        assert [f.gap(n) for n in (1, 4, 5, 16)] == [1, 4, 5, 16]


# --------------------------------------------------------------------------- 6. tooltips


@pytest.mark.parametrize("size", ["1280x720", "3840x2160", "2560x1440", "1080x1920", "960x600"])
def test_tooltips_keep_their_shape_and_stay_in_the_window(build_app, size):
    """A tooltip was at most 460 px wide at every size: at 4K, with text three times as big, a name
    card's tooltip became a column of two or three words a line. It grows with the text now (as
    many words a line as at 1280x720), and wherever the pointer is, it stays inside the window."""
    from game.ui.widgets import tooltip_box

    app = build_app(role=["georgia"], seed=7, size=size)
    table = to_human_turn(app, "georgia")
    tip = table.ui.find("card:kazakhstan").tooltip
    W, H = app.screen.get_size()
    screen = pygame.Rect(0, 0, W, H)
    font = app.fonts.get("small")
    for pos in ((10, 10), (W - 5, H - 5), (W // 2, H // 2), (5, H - 5), (W - 5, 5)):
        rect, lines = tooltip_box(app.screen, app, tip, pos)
        assert screen.contains(rect), (pos, rect)
        assert " ".join(lines) == " ".join(tip.split())  # every word of it
        # about as many characters a line as at 1280x720 (460 px there), unless the window is narrower
        per_line = len(tip) / len(lines)
        assert per_line >= 45 or rect.width >= W - 40, (size, len(lines), per_line)
        assert rect.width <= max(460, app.fonts.px(460)) and font.size(max(lines, key=len))[0] < rect.width


# --------------------------------------------------------------------------- 7. typing while resizing


def _type(app, text: str) -> None:
    """Keys as SDL sends them while a text field has the keyboard: KEYDOWN, then TEXTINPUT."""
    for ch in text:
        key = getattr(pygame, f"K_{ch}")
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=ch, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=ch, scancode=0))
        frames(app, 1)


@pytest.mark.parametrize("size", [(1920, 1080), (960, 600)])
def test_a_resize_while_typing_a_seed_keeps_the_keyboard_in_the_field(build_app, size):
    """Typing a seed on the roles screen, a resize to another text scale made new text
    fields without the keyboard: the next digits chose roles (1 = Russia) instead of going on
    with the seed. The field keeps the keyboard, and its text."""
    from game.ui import scenes as S

    app = build_app(size="1280x720")
    app.push(S.ScenarioScene(app))
    frames(app, 2)
    app.push(S.RolesScene(app, app.top.scenario))
    frames(app, 2)
    roles = app.top
    humans = list(roles.humans)
    press(app, pygame.K_TAB)  # the seed field
    assert app.typing()
    _type(app, "42")
    seed = roles.entry_text("seed")
    assert seed.endswith("42")
    scale = app.fonts.scale
    _resize(app, size)
    assert app.fonts.scale != scale  # new text fields were made
    assert app.typing() and roles.entry_text("seed") == seed
    _type(app, "17")
    assert roles.entry_text("seed") == seed + "17" and roles.humans == humans


# --------------------------------------------------------------------------- 8. the results at 4K


def test_the_results_chart_marks_grow_with_the_text_at_4k(build_app):
    """At 4K the depth-and-breadth chart's AI-only games were specks (a ring of 5 px beside text
    three times as big), the signature ticks hairlines: they grow with the text beyond 1080 p."""
    from ui_helpers import finish_game, run_until

    app = build_app(role=["georgia"], seed=12, facilitator=True, size="3840x2160")
    run_until(app, lambda: app.match.human_to_move())
    res = finish_game(app)
    run_until(app, lambda: res.cloud.done and any(r.name.startswith("chart:ai:") for r in res.ui.regions),
              limit=3000)
    rings = [r.rect for r in res.ui.regions if r.name.startswith("chart:ai:")]
    assert rings and min(r.width for r in rings) >= 2 * app.fonts.gap(5), rings
    _inside_window(app)
