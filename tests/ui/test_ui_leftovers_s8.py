"""Leftovers of an earlier QA round (round s8) in the window: a second, separate Enter right after
a hotseat team's last move passed the privacy screen that had just come up, and the clause grid
of an issue with five or six levels at 960x600 in large text. (The terminal's: tests/test_leftovers_s8.py.)"""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.ui import presenters as P
from game.ui.scene_table import OfferScene, TableScene
from game.ui.scenes import BriefScene, MenuScene, PrivacyScene
from ui_helpers import click, frames, press, to_human_turn


def _tap(app, key: int, steps: int = 1) -> None:
    """A fresh press and release of ``key``, at once (no waiting for anyone to sit down)."""
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="\r" if key == pygame.K_RETURN else "",
                                             scancode=0))
    frames(app, steps)


def _click_now(app, name: str) -> None:
    region = app.top.ui.find(name)
    assert region is not None, app.top.ui.names()
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=region.rect.center, button=1))
    frames(app, 1)


def _offer_then_privacy(app):
    """Russia's last move made with Enter (an offer to Belarus, who moves next): the privacy screen
    for Belarus comes up; returns it and Belarus's pending offer (private to Belarus)."""
    t = to_human_turn(app, "russia")
    t.pick_actor("belarus")
    t.act("offer")
    assert isinstance(app.top, OfferScene)
    _tap(app, pygame.K_RETURN)  # "Make offer"
    priv = app.top
    assert isinstance(priv, PrivacyScene) and priv.actor_id == "belarus"
    return priv, P.table_vm(app.match, "belarus").pending[0]


def test_a_second_enter_right_after_the_last_move_does_not_pass_the_privacy_screen(build_app):
    app = build_app(role=["russia", "belarus"], record_text=True)
    priv, offer = _offer_then_privacy(app)
    shown = set(app.recorded)
    assert "Pass to the delegation of Belarus" in shown and "I am Belarus: show my table" in shown
    for _ in range(3):  # Enter again and again, a frame apart: the screen holds
        _tap(app, pygame.K_RETURN)
        assert app.top is priv and app.active_human != "belarus"
    _tap(app, pygame.K_KP_ENTER)
    _click_now(app, "privacy:confirm")  # its button, clicked at once, does nothing either
    assert app.top is priv
    assert offer.text not in app.recorded and "you are Belarus" not in app.recorded
    assert set(app.recorded) == shown  # the same screen meanwhile: nothing greyed out, no countdown
    while priv.age < priv.SETTLE_S:  # the screen's own clock, a frame at a time (no sleeping)
        assert app.top is priv
        frames(app, 1)
    _tap(app, pygame.K_RETURN)  # Belarus has sat down: Enter opens its table
    assert isinstance(app.top, TableScene) and app.active_human == "belarus"
    frames(app, 2)
    assert offer.text in app.recorded


def test_esc_works_at_once_and_the_menu_does_not_restart_the_wait(build_app):
    app = build_app(role=["russia", "belarus"], record_text=True)
    priv, _ = _offer_then_privacy(app)
    _tap(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene) and "menu:brief" not in app.top.ui.names()
    frames(app, 60)  # a second in the menu: the privacy screen's clock waits under it
    age = priv.age
    _tap(app, pygame.K_ESCAPE)  # Resume
    assert app.top is priv and priv.age < priv.SETTLE_S and abs(priv.age - age) < 0.05
    _tap(app, pygame.K_RETURN)
    assert app.top is priv
    app.step(priv.SETTLE_S)
    _tap(app, pygame.K_RETURN)
    assert isinstance(app.top, TableScene) and app.active_human == "belarus"


def test_at_the_start_a_quick_enter_after_a_brief_does_not_open_the_next_brief(build_app):
    app = build_app(role=["georgia", "azerbaijan"], record_text=True)
    assert isinstance(app.top, PrivacyScene)
    first = app.top.actor_id
    second = ({"georgia", "azerbaijan"} - {first}).pop()
    press(app, pygame.K_RETURN)  # (press waits until the team has sat down)
    assert isinstance(app.top, BriefScene) and app.top.actor_id == first
    _tap(app, pygame.K_RETURN)  # the first team closes its brief with Enter ...
    priv = app.top
    assert isinstance(priv, PrivacyScene) and priv.actor_id == second
    _tap(app, pygame.K_RETURN)  # ... and presses it once more
    assert app.top is priv
    name = app.match.scenario.actor(second).name
    assert not any(name in s and "confidential" in s.lower() for s in app.recorded)
    click(app, "privacy:confirm")  # a moment later the second team asks for its brief
    assert isinstance(app.top, BriefScene) and app.top.actor_id == second


# --------------------------------------------------------------------------- 4. a clause grid of five or six levels

def _scenario(name: str, tmp_path) -> tuple[str, list[str]]:
    if name == "montreal":
        return "montreal-1987", ["usa"]
    from test_scenario_shapes import cyrillic

    return cyrillic(tmp_path), ["kg"]


def _table(build_app, tmp_path, name: str, size: str, large: bool):
    scenario, role = _scenario(name, tmp_path)
    app = build_app(scenario=scenario, role=role, seed=1, size=size, record_text=True)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    t = to_human_turn(app)
    t.anims.clear()  # (a draft sliding onto the table is drawn over everything for half a second)
    frames(app, 2)
    return app, t


def _whole_or_abbreviated(shown: str, name: str) -> list[str]:
    """The words of a cell's lines that are neither a word of the level's name (or its start before
    a hyphen of the name: "Phase-" | "down") nor an abbreviation of one ("contr.", "обяз.", "Asse…")."""
    words = [w for w in name.split()]
    pieces = {p for w in words for p in ([w, w.rstrip(",;:")] + [w[:i + 1] for i, ch in enumerate(w) if ch == "-"]
                                           + [w[i + 1:] for i, ch in enumerate(w) if ch == "-"])}
    bad = []
    for token in shown.split():
        if token in pieces or token == "…":
            continue
        stem = token.rstrip(".…")
        if token.endswith("…") and stem in pieces:  # a whole word, and the name goes on
            continue
        if token[-1] in ".…" and len(stem) >= 3 and any(w.startswith(stem) or w.rstrip(",").startswith(stem)
                                                          for w in words + list(pieces)):
            continue
        bad.append(token)
    return bad


def _cells_shown(app, t) -> dict[str, list[tuple[str, pygame.Rect]]]:
    out = {}
    for region in t.ui.regions:
        if region.name.startswith("cell:"):
            out[region.name] = (region.rect, [(s, r) for s, r in app.text_rects if region.rect.colliderect(r)])
    return out


@pytest.mark.parametrize("name", ["montreal", "cyrillic"])
def test_a_grid_of_many_levels_at_960x600_in_large_text_shows_whole_words(build_app, tmp_path, name):
    app, t = _table(build_app, tmp_path, name, "960x600", True)
    issues = t.vm.issues
    seen: set[int] = set()
    for k in range(len(issues)):  # every issue in turn (Down): its row comes into view, whole
        t.pick_issue(k)
        frames(app, 2)
        grid = t.ui.find("grid:scroll").rect if t.ui.find("grid:scroll") else None
        cells = _cells_shown(app, t)
        assert any(n.startswith(f"cell:{k}:") for n in cells), (k, sorted(cells))
        for cell, (rect, texts) in cells.items():
            i, lv = (int(x) for x in cell.split(":")[1:])
            seen.add(i)
            if grid is not None:
                assert grid.contains(rect), (cell, rect, grid)  # no row cut in half by the scrolling
            box = rect.inflate(4, 4)
            assert texts, cell
            for s, r in texts:
                assert box.contains(r), (cell, s, r, rect)  # nothing spills out of its cell
            for (s1, r1), (s2, r2) in itertools.combinations(texts, 2):
                assert not r1.colliderect(r2), (cell, s1, s2)
            level = issues[i].levels[lv].name
            shown = " ".join(s for s, _ in texts if s != "new")
            assert _whole_or_abbreviated(shown, level) == [], (cell, level, shown)
            assert not any(s.endswith("-") and s.rstrip("-").split()[-1] + "-" not in level for s, _ in texts), \
                (cell, level, texts)  # never a word hyphenated letter by letter ("Fre-" | "eze")
    assert seen == set(range(len(issues)))


def test_the_grid_scrolls_a_row_at_a_time_and_says_so(build_app, tmp_path):
    app, t = _table(build_app, tmp_path, "montreal", "960x600", True)
    more = t.ui.find("grid:more")
    assert more is not None and "scroll" in more.tooltip and "Up / Down" in more.tooltip
    first = t.grid_window[0]
    rows = lambda: sorted({int(r.name.split(":")[1]) for r in t.ui.regions if r.name.startswith("cell:")})  # noqa: E731
    before = rows()
    assert before[0] == first == 0 and before[-1] < len(t.vm.issues) - 1
    pos = t.ui.find("grid:scroll").rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    frames(app, 2)
    assert rows() == [k + 1 for k in before] or rows()[0] == 1, rows()
    for _ in range(20):  # scrolled to the end, and no further
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        frames(app, 1)
    frames(app, 1)
    assert rows()[-1] == len(t.vm.issues) - 1 and t.sel_issue == 0 and 0 not in rows()
    press(app, pygame.K_DOWN)  # the next issue chosen with the keys: its row comes back into view
    assert t.sel_issue == 1 and 1 in rows()


@pytest.mark.parametrize("name", ["montreal", "cyrillic"])
def test_at_1280x720_in_normal_text_every_row_shows_without_scrolling(build_app, tmp_path, name):
    app, t = _table(build_app, tmp_path, name, "1280x720", False)
    assert t.ui.find("grid:more") is None and t.grid_window is None
    shown = {int(r.name.split(":")[1]) for r in t.ui.regions if r.name.startswith("cell:")}
    assert shown == set(range(len(t.vm.issues)))
