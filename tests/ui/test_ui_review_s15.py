"""Review of session 15 in the window: each test failed before its fix."""

from __future__ import annotations

import pygame

from ui_helpers import press
from game.engine import actions as A
from game.session import facilitator as F
from game.session.match import Match


def test_a_replay_offers_no_memo_in_its_menu(build_app, cst, tmp_path):
    """A replay is watched, not played (J is no key there): its menu (M) offered "Memo for this round"
    for the delegation whose view it shows. In a replay of a game still going on (replay --window) the
    memo it opened was written into a match that is never saved ("Memo kept", then lost on leaving),
    and on a projector it showed that team's memos of every round to the class."""
    from game.ui.scene_replay import ReplayScene
    from game.ui.scenes import MenuScene

    m = Match(cst, seed=3, seats={"georgia": "human"}, scenario_ref="cst-1999")
    m.run_ai()
    m.write_memo("georgia", "Our plan: only Georgia's eyes.")
    m.submit(A.Pass("georgia"))
    m.run_ai()
    assert not m.over
    path = tmp_path / "going-on.json"
    F.save(m, path)
    app = build_app(replay=str(path))
    replay = app.top
    assert isinstance(replay, ReplayScene) and replay.view_as == "georgia"
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_m)
    assert isinstance(app.top, MenuScene)
    assert "menu:memo" not in [name for _, _, name, _ in app.top.items]
    assert replay.memo_seat() is None
