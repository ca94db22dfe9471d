"""Taking back a move in the window: Ctrl+Z at the table or the menu's item (U), on your turn only."""

from __future__ import annotations

import pygame

from game.ui.scene_table import TableScene
from game.ui.scenes import MenuScene
from tests.ui.ui_helpers import click, frames


def _to_my_turn(app) -> TableScene:
    for _ in range(4000):
        table = app.find_scene(TableScene)
        if table is not None:
            table.skip = True
        while app.top is not table and app.top is not None and len(app.scenes) > 1:
            app.pop(app.top)  # the briefs
        app.step(1 / 60)
        m = app.match
        if m.human_to_move() and app.active_human == m.to_move and app.top is table:
            return table
    raise AssertionError("the person's turn never came")


def _press(app, key, mod=0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=""))
    frames(app, 2)


def _menu_items(app) -> list[str]:
    _press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene)
    frames(app, 1)
    names = [name for _, _, name, _ in app.top.items]
    return names


def test_ctrl_z_takes_back_and_the_menu_offers_it_only_when_it_can(build_app):
    app = build_app(role=["georgia"])
    table = _to_my_turn(app)
    assert table.can_take_back() is None  # no move of its own yet
    assert "menu:takeback" not in _menu_items(app)
    _press(app, pygame.K_ESCAPE)

    before = list(app.match.actions)
    _press(app, pygame.K_z, pygame.KMOD_LCTRL)  # nothing to take back: said, nothing changes
    assert app.match.actions == before
    assert any("Cannot take back" in t.message for t in app.toasts)

    table.act("pass")
    table = _to_my_turn(app)
    assert len(app.match.actions) > len(before) + 1
    _press(app, pygame.K_z, pygame.KMOD_LCTRL)
    assert app.match.actions == before and app.match.takebacks == {"georgia": 1}
    said = " ".join(t.message for t in app.toasts)
    assert "Taken back: Georgia passes" in said and "the results count 1 take-back" in said

    table = _to_my_turn(app)
    table.act("pass")
    _to_my_turn(app)
    assert "menu:takeback" in _menu_items(app)
    click(app, "menu:takeback")
    assert app.match.actions == before and app.match.takebacks == {"georgia": 2}
    assert isinstance(app.top, TableScene)


def test_plain_z_still_resets_the_working_text(build_app):
    app = build_app(role=["georgia"])
    table = _to_my_turn(app)
    start = list(table.compose)
    table.pick_cell(0, (start[0] + 1) % 3)
    assert list(table.compose) != start
    _press(app, pygame.K_z)
    assert list(table.compose) == start and app.match.takebacks == {}
