"""Leftovers of an earlier QA round, in the window (round s7).

The replay (game/ui/scene_replay.py) reuses the table screen, but accepts no moves: nothing it
shows may tell the user to press a move key (the paper before the first draft said "press
Table (T)"), and a click on a level makes no working text there.
"""

from __future__ import annotations

import re

import pygame
import pytest

from ui_helpers import frames, press
from game.session import facilitator as F
from game.session.match import Match

# "Table (T)", "Endorse it (E)", "press L", "Shift+D", "then Table, Amend ...", "amend, lobby or make offers":
# an instruction to make a move
MOVE_KEY = re.compile(r"\((?:[TAEOLMRPCKSXDYN]|Shift\+D)\)|\bpress (?!W\b)\w|then Table\b|Table, Amend"
                      r"|amend, lobby or make offers")


@pytest.fixture(scope="module")
def no_draft_save(tmp_path_factory):
    """A finished AI game of a scenario with no draft on the table at the start (the tutorial)."""
    from game.scenarios.loader import load_scenario

    sc = load_scenario("tutorial")
    assert not sc.initial_drafts
    m = Match(sc, seed=5)
    m.run_ai()
    path = tmp_path_factory.mktemp("replay-s7") / "game.json"
    F.save(m, path)
    return path


def _texts(app, table) -> set[str]:
    """What the last frame drew, and the tooltips of its regions."""
    return set(app.recorded) | {r.tooltip for r in table.ui.regions if getattr(r, "tooltip", None)}


def test_replay_before_the_first_draft_says_no_draft_yet_not_press_table(build_app, no_draft_save):
    from game.ui.scene_replay import ReplayScene

    app = build_app(record_text=True, replay=str(no_draft_save))
    r = app.top
    assert isinstance(r, ReplayScene) and r.pos == 0 and not r.match.state.drafts
    frames(app, 3)
    texts = _texts(app, r)
    assert any("No draft" in t and "tabled yet" in t for t in app.recorded), sorted(app.recorded)
    bad = sorted(t for t in texts if MOVE_KEY.search(t))
    assert not bad, bad
    assert not any("working text" in t for t in texts)
    # a click on a level (or a number key) only chooses the row: no working text, no "new" marks
    before = list(r.compose)
    r.pick_cell(1, 2)
    press(app, pygame.K_2)
    assert r.sel_issue == 1 and r.compose == before and not r.refused
    assert "new" not in app.recorded


def test_no_text_of_the_replay_tells_to_press_a_move_key(build_app, no_draft_save):
    """Every move of the game, in the public view and in each delegation's."""
    app = build_app(record_text=True, replay=str(no_draft_save))
    r = app.top
    bad: set[str] = set()
    for _ in r.viewers:
        for n in range(r.total + 1):
            r.seek(n)
            frames(app, 2)
            bad |= {t for t in _texts(app, r) if MOVE_KEY.search(t)}
        r.cycle_view(1)
    assert not bad, sorted(bad)


def test_the_table_itself_still_teaches_the_keys():
    """The game's own table keeps its prompt (only the replay says otherwise)."""
    from game.ui.scene_replay import ReplayScene
    from game.ui.scene_table import TableScene

    assert any("Table (T)" in t for t in TableScene.NO_DRAFT_TEXTS)
    assert not any(MOVE_KEY.search(t) for t in ReplayScene.NO_DRAFT_TEXTS + (ReplayScene.CELL_CLICK_TIP,))
    assert TableScene.WORKING_TEXT and not ReplayScene.WORKING_TEXT
