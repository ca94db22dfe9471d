"""Scenarios of unusual shapes in the window (tests/test_scenario_shapes.py builds them): long
Cyrillic names and a long delegate title."""

from __future__ import annotations

import pygame
from test_scenario_shapes import cyrillic
from ui_helpers import frames

from game.ui import draw as D
from game.ui.scenes import BriefScene


def test_the_brief_keeps_a_long_delegate_title_clear_of_the_chair_line(build_app, tmp_path, monkeypatch):
    blocks = []  # (text, the rectangle its wrapped lines took) of every paragraph drawn
    paragraph = D.paragraph

    def recording(surface, font, s, rect, *args, **kw):
        used = paragraph(surface, font, s, rect, *args, **kw)
        blocks.append((s, pygame.Rect(rect.x, rect.y, rect.width, used)))
        return used

    monkeypatch.setattr(D, "paragraph", recording)
    app = build_app(scenario=cyrillic(tmp_path), role=["kz"], seed=1, record_text=True)
    blocks.clear()
    frames(app, 2)
    assert isinstance(app.top, BriefScene)
    chair = [r for s, r in app.text_rects if s == "YOU CHAIR THE TALKS"]
    delegate = [r for s, r in blocks if s.startswith("Нурсултан")]
    assert chair and delegate and delegate[0].height >= 3 * 18, (chair, delegate)  # three lines of it
    assert not chair[0].colliderect(delegate[0]), (chair, delegate)
    texts = [(s, r) for s, r in app.text_rects if s != "YOU CHAIR THE TALKS"]
    assert not [s for s, r in texts if r.colliderect(chair[0])], texts


def _set_size(app, size: str) -> None:
    app.settings.font_scale = "normal"
    app.rescale(rebuild_gui=True)
    app.resize(tuple(int(v) for v in size.split("x")))
    frames(app, 2)


def test_the_results_buttons_never_cover_the_title_in_a_small_window_with_large_text(build_app, tmp_path):
    from ui_helpers import finish_game, to_human_turn

    app = build_app(scenario=cyrillic(tmp_path), role=["kg"], seed=1, size="960x600", record_text=True)
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    to_human_turn(app)
    res = finish_game(app)
    for page in ("treaty", "roles"):
        res.page = page
        frames(app, 2)
        names = ("treaty", "roles", "debrief", "replay", "new")
        buttons = [r.rect for r in res.ui.regions if r.name in {f"results:{n}" for n in names}]
        assert len(buttons) == 5 and all(b.right <= 960 and b.x >= 0 for b in buttons), buttons
        # the title is left out rather than drawn under the buttons (the selected tab names the page)
        assert not [r for s, r in app.text_rects if s.startswith("Resul") and any(b.colliderect(r) for b in buttons)]
    res.page = "treaty"
    _set_size(app, "1280x720")
    assert [s for s, _ in app.text_rects if s == "Results"]  # where there is room, it is there


def test_a_six_level_issue_gets_readable_cells_with_its_name_above_them(build_app, tmp_path):
    from ui_helpers import to_human_turn

    app = build_app(scenario=cyrillic(tmp_path), role=["kg"], seed=1, record_text=True)
    table = to_human_turn(app)
    table.pick_cell(0, 2)
    frames(app, 2)
    cells = [table.ui.find(f"cell:0:{n}").rect for n in range(6)]
    name = table.ui.find("issue:0").rect
    # beside a column of issue names the six cells were about 45 px wide: a few letters a line
    assert min(c.width for c in cells) >= 60, cells
    assert all(name.bottom <= c.top and name.width >= sum(c.width for c in cells) for c in cells), (name, cells)
    assert all(a.right <= b.left for a, b in zip(cells, cells[1:])), cells
    # the two-level issue below keeps its cells in the same columns
    yes_no = [table.ui.find(f"cell:1:{n}").rect for n in range(2)]
    assert [c.x for c in yes_no] == [c.x for c in cells[:2]]


def test_the_role_list_refuses_a_non_party_as_the_command_line_does(build_app, tmp_path):
    import copy

    from test_scenario_shapes import MINIMAL, _actor, shape
    from ui_helpers import click

    from game.scenarios.loader import load_scenario
    from game.ui.scenes import RolesScene

    actors = copy.deepcopy(MINIMAL["actors"]) + [_actor("cc", "Cc", "CC", "#EE8866", 1, status="non_party")]
    path = shape(tmp_path, actors=actors, settings={"min_signatures": 1})
    app = build_app(scenario=path)
    app.push(RolesScene(app, load_scenario(path)))
    frames(app, 2)
    click(app, "role:cc")  # nobody can play it: it never acts or signs
    assert "cc" not in app.top.humans and "Cc is not a party" in app.top.error
    click(app, "role:bb")
    assert app.top.humans == ["bb"] and app.top.error == ""
