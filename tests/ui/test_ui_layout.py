"""Large text (the projector setting) and normal text, at 1280x720 and 1920x1080: every string
drawn in a name card, a clause cell or the top bar stays inside it and overlaps no other."""

from __future__ import annotations

import itertools

import pygame
import pytest

from ui_helpers import click, frames, run_until
from game.session import facilitator as F
from game.ui.scene_facilitator import FacilitatorScene
from game.ui.scene_table import TableScene

COMBOS = [((1280, 720), "normal"), ((1280, 720), "large"), ((1920, 1080), "normal"), ((1920, 1080), "large")]


def _set_text(app, scale: str) -> None:
    app.settings.font_scale = scale
    app.rescale(rebuild_gui=True)


def _texts_in(app, rect: pygame.Rect) -> list[tuple[str, pygame.Rect]]:
    return [(s, r) for s, r in app.text_rects if rect.colliderect(r)]


def _check_box(app, name: str, rect: pygame.Rect, slack: int = 2) -> None:
    texts = _texts_in(app, rect)
    box = rect.inflate(2 * slack, 2 * slack)
    for s, r in texts:
        assert box.contains(r), f"{name}: '{s}' {r} leaves {rect}"
    for (s1, r1), (s2, r2) in itertools.combinations(texts, 2):
        assert not r1.colliderect(r2), f"{name}: '{s1}' {r1} overlaps '{s2}' {r2}"


def check_table(app, table: TableScene) -> int:
    """Check the name cards, the clause grid and the top bar; returns how many boxes were checked."""
    table.anims.clear()  # a draft sliding onto the table is drawn over everything for half a second
    frames(app, 2)
    boxes = 0
    for aid, rect in table.card_rects.items():
        _check_box(app, f"card:{aid}", rect)
        assert any(s for s, r in _texts_in(app, rect) if rect.contains(r)), f"card:{aid} shows no text"
        boxes += 1
    for region in table.ui.regions:
        if region.name.startswith(("cell:", "issue:")):
            _check_box(app, region.name, region.rect)
            boxes += 1
    top = table.layout(*app.screen.get_size())["top"]
    top_texts = [(s, r) for s, r in app.text_rects if top.contains(r)]
    for (s1, r1), (s2, r2) in itertools.combinations(top_texts, 2):
        assert not r1.colliderect(r2), f"top bar: '{s1}' overlaps '{s2}'"
    return boxes


def _grid_words(app, table: TableScene) -> None:
    """Large text wraps the level names on two lines: the first word of each is shown whole, or
    abbreviated to at least four of its letters and a full stop ("Partnersh."), never split into
    syllables ("Partne-rships")."""
    vm = table.vm
    for issue in vm.issues:
        for lv in issue.levels:
            rect = table.ui.find(f"cell:{issue.index}:{lv.index}").rect
            shown = " ".join(s for s, r in _texts_in(app, rect))
            first, token = lv.name.split()[0], shown.split()[0] if shown.split() else ""
            whole = token.rstrip(",…") == first.rstrip(",")
            short = token.endswith((".", "…")) and len(token) >= 5 and first.startswith(token[:-1])
            assert whole or short, (lv.name, shown)
            assert "-" not in token or "-" in first, (lv.name, shown)


@pytest.mark.parametrize("size,scale", COMBOS)
def test_table_text_never_overlaps(build_app, size, scale):
    app = build_app(role=["georgia"], seed=7, size=f"{size[0]}x{size[1]}", record_text=True)
    _set_text(app, scale)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    table = app.find_scene(TableScene)
    assert table.compact() == (scale == "large")
    table.pick_cell(1, 2)  # a changed cell carries a "new" tag
    assert check_table(app, table) > 20
    _grid_words(app, table)
    if scale == "large":  # one side panel at a time: the forecast is a tab of the log
        assert "log:forecast" in table.ui.names() and "forecast:title" not in table.ui.names()
        click(app, "log:forecast")
        assert table.log_tab == "forecast" and "forecast:title" in table.ui.names()


@pytest.mark.parametrize("size,scale", [COMBOS[1], COMBOS[2]])
def test_summit_cards_with_stamps(build_app, size, scale):
    """At the summit the cards carry SIGNED / DECLINED stamps: still no overlap."""
    app = build_app(role=["georgia"], seed=7, size=f"{size[0]}x{size[1]}", record_text=True, facilitator=True)
    _set_text(app, scale)
    m = app.match
    while m.state.phase == "diplomacy":
        F.end_phase(m)
    table = app.find_scene(FacilitatorScene)
    run_until(app, lambda: m.human_to_move() or m.over)
    assert m.state.on_table is not None and any(s == 1 for s in m.state.signatures)
    check_table(app, table)
    assert any(s in ("SIGNED", "DECLINED") for s, _ in app.text_rects)


@pytest.mark.parametrize("size,scale", COMBOS)
def test_facilitator_screen_text_never_overlaps(build_app, size, scale):
    app = build_app(role=["georgia"], seed=7, size=f"{size[0]}x{size[1]}", record_text=True, facilitator=True)
    _set_text(app, scale)
    table = app.find_scene(FacilitatorScene)
    run_until(app, lambda: app.match.human_to_move())
    click(app, "fac:timer:plus")
    check_table(app, table)
    controls = table.layout(*app.screen.get_size())["controls"]
    _check_box(app, "controls", controls, slack=0)
    texts = [(s, r) for s, r in app.text_rects if controls.contains(r)]
    assert any("FACILITATOR VIEW" in s for s, _ in texts)
    assert any(s == "01:00" for s, _ in texts)
