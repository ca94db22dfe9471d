"""Touch QA: a teacher at an interactive whiteboard, a student on a touchscreen laptop. No keyboard, no
wheel, no right button, no hover. Each test posts what SDL posts for a finger: FINGERDOWN / FINGERMOTION /
FINGERUP (x, y from 0 to 1) and the mouse events it makes of them, with ``touch`` set (the pointer jumps to
the finger: no motion before a tap; motion only while the finger is down; a few pixels of jitter between
down and up)."""

from __future__ import annotations

import pygame

from tests.ui.ui_helpers import click, frames, to_human_turn


def _norm(app, pos):
    w, h = app.screen.get_size()
    return pos[0] / w, pos[1] / h


def _post(kind, **kw) -> None:
    pygame.event.post(pygame.event.Event(kind, **kw))


def finger_down(app, pos) -> None:
    x, y = _norm(app, pos)
    _post(pygame.FINGERDOWN, touch_id=1, finger_id=0, x=x, y=y, dx=0.0, dy=0.0, pressure=1.0)
    _post(pygame.MOUSEBUTTONDOWN, pos=tuple(pos), button=1, touch=True)


def finger_move(app, old, pos) -> None:
    x, y = _norm(app, pos)
    ox, oy = _norm(app, old)
    _post(pygame.FINGERMOTION, touch_id=1, finger_id=0, x=x, y=y, dx=x - ox, dy=y - oy, pressure=1.0)
    _post(pygame.MOUSEMOTION, pos=tuple(pos), rel=(pos[0] - old[0], pos[1] - old[1]), buttons=(1, 0, 0),
          touch=True)


def finger_up(app, pos) -> None:
    x, y = _norm(app, pos)
    _post(pygame.FINGERUP, touch_id=1, finger_id=0, x=x, y=y, dx=0.0, dy=0.0, pressure=0.0)
    _post(pygame.MOUSEBUTTONUP, pos=tuple(pos), button=1, touch=True)


def centre(app, name: str) -> tuple[int, int]:
    region = app.top.ui.find(name)
    assert region is not None, f"no {name} on {app.top.name}: {app.top.ui.names()[:60]}"
    return region.rect.center


def tap(app, where, jitter=(3, -2), steps: int = 2) -> None:
    """A finger's tap: down, a few pixels of jitter, up (about 0.05 s)."""
    pos = centre(app, where) if isinstance(where, str) else tuple(where)
    end = (pos[0] + jitter[0], pos[1] + jitter[1])
    finger_down(app, pos)
    frames(app, 2)
    finger_move(app, pos, end)
    frames(app, 1)
    finger_up(app, end)
    frames(app, steps)


def drag(app, start, end, n: int = 8, still: int = 0) -> None:
    """A finger dragged from ``start`` to ``end`` in ``n`` frames, then (``still``) held there so many frames
    before it lifts: without, a fast drag is a flick, and the list glides on (test_ui_flick_s15.py)."""
    finger_down(app, start)
    frames(app, 1)
    last = start
    for i in range(1, n + 1):
        p = (round(start[0] + (end[0] - start[0]) * i / n), round(start[1] + (end[1] - start[1]) * i / n))
        finger_move(app, last, p)
        frames(app, 1)
        last = p
    frames(app, still)
    finger_up(app, end)
    frames(app, 2)


def hold(app, pos, seconds: float = 1.0) -> None:
    finger_down(app, pos)
    frames(app, round(seconds * 60))
    finger_up(app, pos)
    frames(app, 2)


def _roles(build_app):
    from game.ui.scenes import RolesScene, ScenarioScene

    app = build_app()
    app.push(ScenarioScene(app))
    app.push(RolesScene(app, app.top.scenario))
    frames(app, 2)
    return app


def test_a_finger_dragged_over_a_brief_scrolls_it(build_app):
    """The brief, the scenario's description, a profile, the results' pages: a finger dragged up over the
    text scrolls it with the finger (only the wheel did)."""
    app = build_app(role=["georgia"])
    frames(app, 3)
    assert app.top.name == "brief"
    rect = app.top.ui.find("brief:doc").rect
    drag(app, (rect.centerx, rect.centery + 100), (rect.centerx, rect.centery - 100), still=10)
    assert app.top.name == "brief"
    assert 150 <= app.top.state["offset"] <= 200  # with the finger (200 px, the first few of them a tap's slop)
    drag(app, (rect.centerx, rect.centery - 100), (rect.centerx, rect.centery + 100))
    assert app.top.state["offset"] == 0


def test_a_finger_dragged_over_the_news_scrolls_it_back(build_app):
    """The news (and the private log) stick to the newest line; a finger dragged down reads back."""
    app = build_app(role=["georgia"])
    table = to_human_turn(app)
    frames(app, 2)
    at_bottom = table.log_state["offset"]
    assert at_bottom > 40  # more news than fit
    rect = table.ui.find("log:list").rect
    drag(app, (rect.centerx, rect.y + 10), (rect.centerx, rect.y + 10 + at_bottom + 40))
    assert table.log_state["offset"] == 0 and not table.log_state["at_bottom"]
    assert app.top is table


def test_a_drag_that_starts_on_a_button_presses_nothing(build_app):
    """A finger that lands on a delegation's row and moves on (a scroll, a slip) does not play it: only a
    tap does, when the finger lifts (the press made it human at once)."""
    app = _roles(build_app)
    start = centre(app, "role:georgia")
    drag(app, start, (start[0], start[1] - 120))
    assert app.top.humans == []
    tap(app, "role:georgia")
    assert app.top.humans == ["georgia"]


def test_a_double_tap_on_choose_roles_does_not_start_the_talks(build_app):
    """A double tap lands less exactly than a double click: 12 px apart, the second tap (on Start the
    talks, where Choose roles was) was a new click past the 8 px a double click allows."""
    from game.ui.scenes import ScenarioScene

    app = build_app()
    app.push(ScenarioScene(app))
    frames(app, 2)
    x, y = centre(app, "nav:next")
    tap(app, (x, y), jitter=(2, 2), steps=1)
    tap(app, (x + 12, y - 9), jitter=(-3, 2))
    assert app.top.name == "roles"
    frames(app, 40)  # a moment later, a tap is a tap
    tap(app, (x + 12, y - 9))
    assert app.top.name == "brief" or app.match is not None


def test_a_long_press_on_a_name_card_chooses_it_for_lobby(build_app):
    """The right-click that chooses a delegation (for Lobby and Offer) is a long press; the tap opens its
    profile, as a click does."""
    app = build_app(role=["georgia"])
    table = to_human_turn(app)
    hold(app, centre(app, "card:kazakhstan"))
    assert app.top is table and table.sel_actor == "kazakhstan"
    n = len(app.match.actions)
    tap(app, "action:lobby")
    assert len(app.match.actions) == n + 1
    assert "hold a finger on it" in table.CHOOSE_FIRST


def test_a_tap_on_a_name_card_opens_its_profile(build_app):
    app = build_app(role=["georgia"])
    to_human_turn(app)
    tap(app, "card:armenia", jitter=(-4, 3))
    assert app.top.name == "profile"


def test_a_long_press_on_a_button_shows_what_it_does_without_pressing_it(build_app, monkeypatch):
    """No hover on a touch screen: a finger held on a button shows its tooltip (above the finger, not
    under the hand), and lifting it then presses nothing."""
    from game.ui import app as appmod

    shown = []
    real = appmod.draw_tooltip
    monkeypatch.setattr(appmod, "draw_tooltip", lambda surf, app, tip, pos, above=False:
                        (shown.append((tip, tuple(pos), above)), real(surf, app, tip, pos, above)))
    app = build_app(role=["georgia"])
    table = to_human_turn(app)
    n = len(app.match.actions)
    pos = centre(app, "action:endorse")
    hold(app, pos)
    assert len(app.match.actions) == n and app.top is table
    assert shown and shown[-1][0].startswith("Endorse D") and shown[-1][2] is True
    from game.ui.widgets import tooltip_box

    box, _ = tooltip_box(app.screen, app, shown[-1][0], pos, above=True)
    assert box.bottom < pos[1]


def test_a_tap_on_information_shows_its_tooltip(build_app, monkeypatch):
    """A calendar's meeting says what it is on hover: a tap (the pointer stays where the finger was)
    shows it, above the finger."""
    from game.ui import app as appmod

    shown = []
    monkeypatch.setattr(appmod, "draw_tooltip", lambda surf, app, tip, pos, above=False:
                        shown.append((tip, above)))
    app = build_app(role=["georgia"])
    to_human_turn(app)
    tap(app, "calendar:3")
    frames(app, 30)
    assert shown and shown[-1][0].startswith("4 Mar 1999") and shown[-1][1] is True


def test_the_results_chart_marks_are_targets_a_finger_hits(build_app):
    """The chart's marks show their numbers (depth, breadth, tightness) only in a tooltip: the history
    diamond's was a 20 x 20 px target at 1280 x 720, below the 24 px of WCAG 2.5.8."""
    from game.engine import actions as A
    from game.ui.scene_results import ResultsScene

    app = build_app(role=["brisa"], scenario="tutorial")
    m = app.match
    while not m.over:
        m.run_ai()
        if not m.over:
            m.submit(A.Pass(m.to_move) if m.state.phase != "signing" else A.Sign(m.to_move, True))
    app.reset(ResultsScene(app))
    frames(app, 4)
    marks = [r for r in app.top.ui.regions if r.name.startswith("chart:")]
    assert marks
    for r in marks:
        assert min(r.rect.size) >= 32, (r.name, r.rect)


def test_the_mouse_is_as_before(build_app):
    """A mouse's click acts when pressed (not when let go), and its wheel scrolls the news; a drag with
    the button held scrolls it too."""
    app = _roles(build_app)
    pos = centre(app, "role:georgia")
    _post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
    frames(app, 1)
    assert app.top.humans == ["georgia"]
    _post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
    frames(app, 1)
    click(app, "nav:start")
    table = to_human_turn(app)
    bottom = table.log_state["offset"]
    rect = table.ui.find("log:list").rect
    _post(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    _post(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, touch=False)
    frames(app, 2)
    assert table.log_state["offset"] < bottom
    table.log_state["at_bottom"] = True
    frames(app, 2)
    _post(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1, touch=False)
    for k in range(1, 7):
        _post(pygame.MOUSEMOTION, pos=(rect.centerx, rect.centery + 10 * k), rel=(0, 10), buttons=(1, 0, 0),
              touch=False)
        frames(app, 1)
    _post(pygame.MOUSEBUTTONUP, pos=(rect.centerx, rect.centery + 60), button=1, touch=False)
    frames(app, 2)
    assert table.log_state["offset"] == max(0, bottom - 60)


def test_a_finger_dragged_over_a_long_clause_grid_scrolls_its_rows(build_app, tmp_path):
    """A scenario with more issues than the grid holds (Montreal at 960x600, large text): its rows scroll
    by a finger dragged up (only the wheel did), and the cell the finger landed on is not chosen."""
    from tests.ui.test_ui_leftovers_s8 import _table

    app, t = _table(build_app, tmp_path, "montreal", "960x600", True)
    rows = lambda: sorted({int(r.name.split(":")[1]) for r in t.ui.regions if r.name.startswith("cell:")})
    before, chosen = rows(), (t.sel_issue, list(t.compose))
    grid = t.ui.find("grid:scroll").rect
    start = t.ui.find(f"cell:{before[-1]}:0").rect.center
    drag(app, start, (start[0], grid.y + 5))
    assert rows()[0] > before[0], (before, rows())
    assert (t.sel_issue, list(t.compose)) == chosen
