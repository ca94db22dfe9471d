"""QA: a solo player on a 1366x768 laptop who uses only the mouse, playing Russia (the chair).

Found by playing the whole game with clicks, the wheel and right-clicks only."""

from __future__ import annotations

import pygame

from ui_helpers import click, finish_game, frames, to_human_turn


def _wheel(app, pos, y: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
    frames(app, 2)


def _summit(app):
    """Pass (by clicking Pass) to the summit; the chair's turn to put a draft."""
    table = to_human_turn(app, "russia")
    while app.match.state.phase != "signing":
        click(app, "action:pass")
        table = to_human_turn(app, "russia")
    return table


def test_the_chair_reaches_any_draft_with_the_mouse_at_the_summit(build_app):
    """With 22 drafts only seven tabs fit on the paper; the way to the others was a 14-pixel ">"
    glyph clicked once per draft (twelve clicks to reach the likely pick, D20), the wheel over the
    tabs did nothing, and the forecast's "Worth most to you: D20" and each draft's line were not
    clickable. Now the wheel steps through the tabs, the arrows are buttons a mouse hits, and a
    click on a line of the forecast chooses that draft, ready for Put to signature."""
    app = build_app(size="1366x768", role=["russia"], seed=11)
    table = _summit(app)
    frames(app, 2)
    drafts = [d.id for d in table.vm.drafts]
    assert len(drafts) > 10
    arrow = table.ui.find("drafts:next")
    assert arrow is not None and arrow.rect.width >= 22 and arrow.rect.height >= 20
    strip = table.ui.find("drafts:strip")
    assert strip is not None
    first = table.sel_draft
    _wheel(app, strip.rect.center, -1)
    _wheel(app, strip.rect.center, -1)
    assert table.sel_draft == drafts[drafts.index(first) + 2]
    _wheel(app, strip.rect.center, 1)
    assert table.sel_draft == drafts[drafts.index(first) + 1]

    best = table.vm.forecast.best_for_me[0]
    assert table.ui.find(f"draft:{best}") is None  # its tab is out of sight
    assert "Click to choose" in table.ui.find("forecast-best").tooltip
    click(app, "forecast-best")
    assert table.sel_draft == best
    assert table.ui.find(f"draft:{best}") is not None  # the tabs scrolled to it
    line = next(n for n in table.ui.names() if n.startswith("forecast-draft:") and n != f"forecast-draft:{best}")
    click(app, line)
    assert table.sel_draft == int(line.split(":")[1])
    click(app, "forecast-best")
    click(app, "action:put")
    assert app.match.state.on_table == best


def test_how_to_play_is_a_click_away_on_the_title_screen(build_app):
    """The title screen said "F1 or ? : how to play" in grey text: a player with only the mouse had
    no way into the rules before the game. It is a button now."""
    from game.ui.scenes import HelpScene

    app = build_app(role=[], size="1366x768")
    assert app.top.name == "title"
    region = app.top.ui.find("title:help")
    assert region is not None and region.rect.bottom <= app.screen.get_height()
    buttons = [app.top.ui.find(n).rect for n in ("title:new", "title:quit")]
    assert not any(region.rect.colliderect(b) for b in buttons)
    click(app, "title:help")
    assert isinstance(app.top, HelpScene)


def test_the_cut_history_points_to_the_whole_account_by_a_click(build_app):
    """On the results' first page the history is cut, with "The whole account: Roles & history (2)"
    in brass under it, which a click did nothing to. It opens that page now."""
    app = build_app(size="1366x768", role=["russia"], seed=11)
    to_human_turn(app, "russia")
    res = finish_game(app)
    frames(app, 3)
    assert res.page == "treaty"
    region = res.ui.find("results:history-more")
    assert region is not None and region.on_click is not None
    click(app, "results:history-more")
    assert res.page == "roles"


def test_the_replay_view_button_reads_well(build_app):
    """The replay's View button said "now the Russia's view"."""
    from game.ui.scene_replay import ReplayScene

    app = build_app(size="1366x768", role=["russia"], seed=11)
    to_human_turn(app, "russia")
    finish_game(app)
    frames(app, 3)
    click(app, "results:replay")
    assert isinstance(app.top, ReplayScene)
    tip = app.top.ui.find("replay:view").tooltip
    assert "now Russia's view" in tip and "the Russia's" not in tip


def test_lobby_and_offer_say_how_to_choose_a_delegation_by_mouse(build_app):
    """Lobby and Offer were dim with "Now: choose a delegation first." and the name card's tooltip
    said only "Click for its profile": nothing told a mouse player that a right-click chooses it."""
    from game.ui.scene_table import OfferScene

    app = build_app(size="1366x768", role=["russia"], seed=11)
    table = to_human_turn(app, "russia")
    for kind in ("lobby", "offer"):
        assert "right-click its name card" in table.ui.find(f"action:{kind}").tooltip
    assert "right-click to choose it" in table.ui.find("card:kazakhstan").tooltip
    click(app, "card:kazakhstan", button=3)
    assert table.sel_actor == "kazakhstan" and app.top is table
    assert "Now:" not in table.ui.find("action:offer").tooltip
    click(app, "action:offer")
    assert isinstance(app.top, OfferScene) and app.top.target == "kazakhstan"


def test_a_roles_brief_opens_by_mouse_after_the_game(build_app):
    """On Roles & history the only way to a role's brief was the B key ("Press B for your role
    brief"); a Role brief button above the list now opens the chosen role's."""
    from game.ui.scenes import BriefScene

    app = build_app(size="1366x768", role=["russia"], seed=11)
    to_human_turn(app, "russia")
    res = finish_game(app)
    frames(app, 3)
    click(app, "results:roles")
    assert res.page == "roles"
    click(app, "role:kazakhstan")
    assert "Kazakhstan's role brief" in res.ui.find("results:brief").tooltip
    click(app, "results:brief")
    assert isinstance(app.top, BriefScene) and app.top.actor_id == "kazakhstan"
