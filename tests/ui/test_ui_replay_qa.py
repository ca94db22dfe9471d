"""The replay viewer as a teacher and a student use it (QA round): nothing in it offers a move,
its keys are the ones it says, and the help it opens is its own."""

from __future__ import annotations

import pygame
import pytest

from test_ui_replay import _replay
from ui_helpers import click, frames, press
from game.engine import actions as A
from game.session import facilitator as F
from game.session.match import Match


@pytest.fixture(scope="module")
def human_save(tmp_path_factory, cst):
    """A game with Georgia played by a person (a few passes), saved unfinished."""
    m = Match(cst, seed=5, seats={"georgia": "human"})
    for _ in range(3):
        m.run_ai()
        if m.over:
            break
        m.submit(A.Pass("georgia"))
    m.run_ai()
    path = tmp_path_factory.mktemp("replay-qa") / "georgia.json"
    F.save(m, path)
    return path, m


def test_profile_in_a_replay_offers_no_lobbying_nor_offer(build_app, human_save):
    """At a move where it was the human delegation's turn, its view's profile dialog showed
    "Lobby on issue" (L) and "Make offer" (M), which only said "this is a replay"."""
    from game.ui.scene_table import ProfileScene

    path, played = human_save
    app, r = _replay(build_app, path)
    assert r.view_as == "georgia"
    turn = next(n for n, a in enumerate(played.actions) if a.actor == "georgia")
    r.seek(turn)  # Georgia to move: its turn, as it stood
    frames(app, 2)
    assert r.match.to_move == "georgia"
    r.sel_actor = "russia"
    press(app, pygame.K_i)
    assert isinstance(app.top, ProfileScene)
    frames(app, 2)
    names = app.top.ui.names()
    assert "profile:close" in names
    assert "profile:lobby" not in names and "profile:offer" not in names
    press(app, pygame.K_l)  # no lobbying from the profile's key either
    assert len(r.match.actions) == turn


def _shortcuts(monkeypatch) -> dict:
    """The key hint each button is drawn with, by the button's name (as the next frames draw them)."""
    from game.ui.widgets import Ui

    seen: dict = {}
    real = Ui.button

    def spy(self, surf, rect, label, on_click=None, **kw):
        seen[kw.get("name") or label] = kw.get("shortcut", "")
        return real(self, surf, rect, label, on_click, **kw)

    monkeypatch.setattr(Ui, "button", spy)
    return seen


def test_menu_key_is_the_one_on_the_menu_button(build_app, human_save, monkeypatch):
    """The top bar's Menu button said Esc, but Esc leaves the replay: the menu is on M."""
    from game.ui.scene_replay import ReplayScene
    from game.ui.scenes import MenuScene

    path, _ = human_save
    app, r = _replay(build_app, path)
    keys = _shortcuts(monkeypatch)
    frames(app, 2)
    assert keys["top:menu"] == "M" and keys["replay:leave"] == "Esc"
    r.seek(4)
    r.toggle_play()
    press(app, pygame.K_m)
    assert isinstance(app.top, MenuScene) and not r.playing and r.pos == 4
    press(app, pygame.K_ESCAPE)  # Resume
    assert app.top is r and r.pos == 4 and not r.refused
    click(app, "top:menu")
    assert isinstance(app.top, MenuScene)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, ReplayScene)


def test_help_in_a_replay_opens_on_its_keys(build_app, human_save):
    """F1 in a replay opened on "How to play" (a first-time player's hints are on) and then listed
    the table's keys for moves (Left / Right choose a draft, W walks out, Esc the menu), which mean
    something else or nothing in a replay."""
    from game.ui.scenes import HelpScene

    path, _ = human_save
    app, r = _replay(build_app, path)
    assert app.settings.hints
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScene)
    frames(app, 2)
    help_ = app.top
    keys = {(k, what) for page, k, what in help_.shown if page == help_.page}
    assert ("Left / Right", "one move back / on") in keys
    assert ("M", "the menu (settings, quit)") in keys
    everything = {k for _, k, _ in help_.shown}
    assert "W / R" not in everything and "Left / Right or [ ]" not in everything and "T" not in everything
    assert "[ ]" in everything
    press(app, pygame.K_ESCAPE)
    assert app.top is r


@pytest.mark.parametrize("size,large", [("960x600", True), ("1280x720", False)])
def test_transport_labels_whole_and_key_hints(build_app, human_save, monkeypatch, size, large):
    """The nine transport buttons shared the width evenly: with large text at 960x600 "Round -" and
    "Round +" were both cut to "Roun...", and at 1280x720 only End and W showed their keys."""
    path, _ = human_save
    app, r = _replay(build_app, path, size=size)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    keys = _shortcuts(monkeypatch)
    frames(app, 3)
    labels = {"replay:start": "Start", "replay:back": "Back", "replay:play": "Play", "replay:next": "Next",
              "replay:end": "End", "replay:round_back": "Round -", "replay:round_next": "Round +",
              "replay:view": "View", "replay:leave": "Leave"}
    shown = {}
    for name, label in labels.items():
        rect = r.ui.find(name).rect
        _, show_key, fits = r.ui.fit_label(rect, label, "small", True, keys[name])
        assert fits, f"{label} is cut at {size}"
        shown[name] = show_key
    last = r.ui.find("replay:leave").rect
    panel_right = r.ui.find("replay:move").rect.right
    assert last.right <= panel_right + 1
    if not large:  # room enough for the keys of the moves, play and leave
        for name in ("replay:back", "replay:next", "replay:play", "replay:leave", "replay:start", "replay:end"):
            assert shown[name], name


def test_the_forecast_panel_at_the_summit_and_at_the_end(build_app, cst, tmp_path):
    """At the end of a replayed game a delegation's panel still said "The signing, as you foresee it:
    D2 is open for signature, would sign ..."; the public view's said "as you foresee it" too."""
    m = Match(cst, seed=3)
    m.run_ai()
    path = tmp_path / "done.json"
    F.save(m, path)
    app, r = _replay(build_app, path)
    summit = next(n for n, st in enumerate(r.states) if st.phase == "signing")
    r.seek(summit + 1)
    frames(app, 2)
    assert r.view_as is None and "you" not in r.forecast_title(r.vm)
    while r.view_as != "georgia":
        press(app, pygame.K_w)
    frames(app, 2)
    assert r.vm.forecast.available and "Georgia" in r.forecast_title(r.vm)
    press(app, pygame.K_END)
    frames(app, 2)
    result = next(e.text for e in m.state.log if e.kind == "result")
    assert not r.vm.forecast.available and result in r.vm.forecast.message
    assert r.forecast_title(r.vm) == "How the talks ended"
    assert any(result in s for s in app.recorded) or any("How the talks ended" in s for s in app.recorded)


@pytest.mark.parametrize("large", [False, True])
def test_the_chosen_delegation_has_its_own_mark(build_app, large):
    """Keyboard play: the delegation chosen with Tab (for lobbying, an offer, its profile) was shown
    only by a thin gold ring, the same gold as the glow of the delegation whose turn it is; now
    corner brackets outside its card mark it (drawn over the neighbouring cards)."""
    from ui_helpers import to_human_turn

    app = build_app(role=["georgia"], seed=11, size="960x600")
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    t = to_human_turn(app, "georgia")
    t.sel_actor = None
    frames(app, 2)
    want = pygame.Color(t.c["selected"])

    def corner_pixels(actor):
        r = t.card_rects[actor]
        out = r.inflate(2 * t.f.px(5), 2 * t.f.px(5))
        pts = [(out.left + t.f.px(8), out.top + 1), (out.left + 1, out.bottom - t.f.px(8)),
               (out.right - t.f.px(8), out.bottom - 2), (out.right - 2, out.top + t.f.px(8))]
        return [tuple(app.screen.get_at(p))[:3] for p in pts]

    press(app, pygame.K_TAB)
    chosen = t.sel_actor
    assert chosen is not None
    t.sel_actor = None
    frames(app, 2)
    assert all(px != tuple(want)[:3] for px in corner_pixels(chosen))
    press(app, pygame.K_TAB)
    assert t.sel_actor == chosen
    frames(app, 2)
    assert all(px == tuple(want)[:3] for px in corner_pixels(chosen))
