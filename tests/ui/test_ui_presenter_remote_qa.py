"""A teacher at the projector with a presenter's remote (a "clicker") and no mouse: Page Down / Page
Up (some remotes send Right / Left), held buttons that repeat, F5, B and ".". Each test fails
without the change it names."""

from __future__ import annotations

import pygame
import pytest

from ui_helpers import finish_game, frames, press
from game.session import facilitator as F
from game.session.match import Match


def hold(app, key: int, repeats: int, mod: int = 0) -> None:
    """``key`` held down: its press, ``repeats`` repeats (no KEYUP between, as SDL sends them), then
    its release."""
    for _ in range(repeats + 1):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        frames(app, 1)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    frames(app, 2)


@pytest.fixture(scope="module")
def finished_save(tmp_path_factory, cst):
    m = Match(cst, seed=3)
    m.run_ai()
    path = tmp_path_factory.mktemp("remote") / "game.json"
    F.save(m, path)
    return path


# --------------------------------------------------------------------------- 1. the replay

def test_page_down_and_page_up_step_the_replay(build_app, finished_save):
    """A remote sends Page Down / Page Up for next / previous: in the replay they only scrolled the
    news log, so the teacher could not step through the game in front of the class. They now go
    one move on and back as Right and Left do (with Shift a round, as Shift+Right / Left)."""
    from game.ui.scene_replay import ReplayScene
    from game.ui.scenes import REPLAY_SHORTCUTS

    app = build_app(replay=str(finished_save))
    r = app.top
    assert isinstance(r, ReplayScene) and r.pos == 0
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_PAGEDOWN)
    assert r.pos == 2
    press(app, pygame.K_PAGEUP)
    assert r.pos == 1
    starts = sorted(set(r.starts.values()))
    press(app, pygame.K_PAGEDOWN, mod=pygame.KMOD_SHIFT)
    assert r.pos == starts[1]
    press(app, pygame.K_PAGEUP, mod=pygame.KMOD_SHIFT)
    assert r.pos == 0
    hold(app, pygame.K_PAGEDOWN, 4)  # held, it goes on as a held Right does
    assert r.pos == 5
    assert not r.refused and app.top is r
    assert "Left / Right" in dict(REPLAY_SHORTCUTS[1])["PgUp / PgDn"]


def test_a_held_space_plays_the_replay_once(build_app, finished_save):
    """Space held a moment (a remote's button, or a long press) started and stopped the replay at
    every repeat, 25 times a second: it ended playing or not at random. A held Space is one press."""
    app = build_app(replay=str(finished_save))
    r = app.top
    hold(app, pygame.K_SPACE, 3)
    assert r.playing
    hold(app, pygame.K_SPACE, 4)
    assert not r.playing


# --------------------------------------------------------------------------- 2. the results

def test_page_down_and_page_up_go_through_the_results(build_app):
    """On the results' first page (The treaty) Page Down did nothing: a remote could not reach Roles &
    history. Page Down now goes on to it (at its top) and then down its history; Page Up goes back up
    and, at the top, back to the treaty page. A held key turns the page once."""
    from game.ui.scenes import SHORTCUTS

    app = build_app(role=["georgia"])
    press(app, pygame.K_RETURN)
    res = finish_game(app)
    frames(app, 2)
    assert res.page == "treaty"
    press(app, pygame.K_PAGEUP)  # nothing before the first page
    assert res.page == "treaty"
    press(app, pygame.K_PAGEDOWN)
    assert res.page == "roles" and res.doc_state.get("offset", 0) == 0
    press(app, pygame.K_PAGEDOWN)
    assert res.page == "roles" and res.doc_state["offset"] > 0
    press(app, pygame.K_PAGEUP)
    assert res.page == "roles" and res.doc_state["offset"] == 0
    press(app, pygame.K_PAGEUP)
    assert res.page == "treaty"
    hold(app, pygame.K_PAGEDOWN, 5)  # a held button: on to the next page, and there it stops
    assert res.page == "roles" and res.doc_state.get("offset", 0) == 0
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_PAGEDOWN)
    hold(app, pygame.K_PAGEUP, 8)  # held: up to the top of the page, not on to the treaty page
    assert res.page == "roles" and res.doc_state["offset"] == 0
    rows = dict(SHORTCUTS[-1][1])
    assert "PgDn / PgUp" in rows["Results"]


@pytest.mark.parametrize("key", [pygame.K_TAB, pygame.K_RIGHT], ids=["tab", "right"])
def test_a_held_tab_or_right_turns_the_results_page_once(build_app, finished_save, key):
    """Tab and Right held (a remote repeats a held button) flipped between the two results pages at
    every repeat, 25 times a second, and left the class on either one at random."""
    from game.ui.scene_results import ResultsScene

    app = build_app(load=str(finished_save))
    for _ in range(200):
        if isinstance(app.top, ResultsScene):
            break
        frames(app)
    res = app.top
    assert isinstance(res, ResultsScene) and res.page == "treaty"
    hold(app, key, 3)
    assert res.page == "roles"
    hold(app, key, 4)
    assert res.page == "treaty"


# --------------------------------------------------------------------------- 3. the facilitator's console

@pytest.fixture(scope="module")
def console_save(tmp_path_factory, cst):
    """A facilitated game well into its talks (a long list of moves in the console's side panel)."""
    from game.engine import actions as A

    m = Match(cst, seed=4, seats={"georgia": "human"})
    F.facilitate(m)
    while len(m.actions) < 40:
        if m.human_to_move():
            m.submit(A.Pass(m.to_move))
        else:
            m.step_ai()
    path = tmp_path_factory.mktemp("console") / "console.json"
    F.save(m, path)
    return path


def _console(build_app, path):
    from game.ui.scene_facilitator import FacilitatorScene

    app = build_app(load=str(path))
    t = app.top
    assert isinstance(t, FacilitatorScene)
    t.paused = True  # (no AI move while the keys are tried)
    frames(app, 3)
    return app, t


def test_page_keys_scroll_the_consoles_news(build_app, console_save):
    """In the facilitator's console Page Up / Page Down scrolled the table's log, which the console does
    not draw (its side panel is the news there): nothing moved on the projector. They now scroll the
    side panel (the news in the public view, all moves in the facilitator view)."""
    from game.ui.scenes import FACILITATOR_SHORTCUTS

    app, t = _console(build_app, console_save)
    assert t.public and t.side_tab == "moves"  # a game under way opens in the public view
    assert t.side_state.get("at_bottom") and t.side_state.get("offset", 0) > 0
    bottom = t.side_state["offset"]
    press(app, pygame.K_PAGEUP)
    press(app, pygame.K_PAGEUP)
    assert 0 < bottom - t.side_state["offset"] and not t.side_state["at_bottom"]
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_PAGEDOWN)
    assert t.side_state["offset"] == bottom and t.side_state["at_bottom"]
    assert "side panel" in dict(FACILITATOR_SHORTCUTS[1])["PgUp / PgDn"]


def test_a_held_function_key_acts_once_in_the_console(build_app, console_save):
    """A held F7 switched between the public view and the secrets at every repeat (a held button could
    leave every secret on the projector), a held F2 paused and resumed the game, and a held F4 or
    Ctrl+Z undid a move at every repeat. Each now acts once per press, from a dialog too."""
    from game.ui.scene_facilitator import InjectScene

    app, t = _console(build_app, console_save)
    assert t.public
    hold(app, pygame.K_F7, 3)  # 4 key downs: the secrets, once
    assert not t.public
    hold(app, pygame.K_F7, 4)
    assert t.public
    press(app, pygame.K_F3)
    assert isinstance(app.top, InjectScene)
    hold(app, pygame.K_F7, 1)  # from a dialog: it closes, the view changes once
    assert app.top is t and not t.public
    press(app, pygame.K_F7)
    assert t.public
    hold(app, pygame.K_F2, 3)  # paused (see _console): resumed, once
    assert not t.paused
    hold(app, pygame.K_F2, 2)
    assert t.paused
    n = len(app.match.actions)
    hold(app, pygame.K_F4, 5)
    assert len(app.match.actions) == n - 1
    hold(app, pygame.K_z, 5, mod=pygame.KMOD_CTRL)
    assert len(app.match.actions) == n - 2


# --------------------------------------------------------------------------- 4. the help

def test_a_held_page_down_turns_one_page_of_the_help(build_app):
    """The help's pages went round and round while Page Down (or Right) was held."""
    from game.ui.scenes import HelpScene

    app = build_app(role=["georgia"])
    press(app, pygame.K_RETURN)
    press(app, pygame.K_F1)
    h = app.top
    assert isinstance(h, HelpScene) and h.pages > 2
    start = h.page
    hold(app, pygame.K_PAGEDOWN, h.pages - 1)  # (as many key downs as pages: round to where it was)
    assert h.page == (start + 1) % h.pages
    hold(app, pygame.K_PAGEUP, h.pages - 1)
    assert h.page == start


# --------------------------------------------------------------------------- 5. held Esc and B (review)

def test_a_held_esc_leaving_a_replay_does_not_quit_or_open_the_menu(build_app, finished_save):
    """The remote's stop button (Esc) held a moment: its first press left the replay, and its repeats
    went to the screen below. Opened from the command line (the title screen below) the first
    repeat quit the program without a word; from the results they opened and closed the menu at
    every repeat, leaving it open or not at random. The repeats now do nothing there."""
    from game.ui.scene_replay import ReplayScene
    from game.ui.scenes import TitleScene

    app = build_app(replay=str(finished_save))
    assert isinstance(app.top, ReplayScene)
    hold(app, pygame.K_ESCAPE, 3)
    assert app.running and isinstance(app.top, TitleScene)

    app = build_app(role=["georgia"])
    press(app, pygame.K_RETURN)
    res = finish_game(app)
    frames(app, 2)
    for repeats in (1, 2, 3):
        press(app, pygame.K_r)
        assert isinstance(app.top, ReplayScene)
        hold(app, pygame.K_ESCAPE, repeats)
        assert [s.name for s in app.scenes] == ["results"] and app.top is res


def test_a_held_b_opens_a_brief_once(build_app):
    """B (a remote's black-screen button) held on the results' roles page opened the role's brief and
    closed it again at every repeat: the brief flickered and was left open or not at random."""
    from game.ui.scenes import BriefScene

    app = build_app(role=["georgia"])
    press(app, pygame.K_RETURN)
    res = finish_game(app)
    frames(app, 2)
    press(app, pygame.K_2)
    for repeats in (1, 2, 3):
        hold(app, pygame.K_b, repeats)
        assert isinstance(app.top, BriefScene)
        press(app, pygame.K_b)  # a press of its own closes it
        assert app.top is res
