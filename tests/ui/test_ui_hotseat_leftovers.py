"""What the hotseat QA round (four teams at one window, 1999) left: which seats are teams on
the name cards, "(team)" rather than "(you)" on the shared results, the results' roles page in
large text, Esc on the privacy screen, the load's toast in hotseat, and the news beside a hint."""

from __future__ import annotations

import pygame
import pytest

from game.ui import presenters as P
from game.ui.scene_table import TableScene
from game.ui.scenes import BriefScene, MenuScene, PrivacyScene
from ui_helpers import click, finish_game, frames, press, to_human_turn, to_privacy

TEAMS = ["russia", "georgia", "azerbaijan", "kazakhstan"]


def _large(app) -> None:
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)


def _marks(app, monkeypatch, direct: bool = False) -> list[tuple[str, pygame.Rect]]:
    """((delegation, card), tag, with the outline) of each people-played mark drawn in the next
    frames (the cards' layers are drawn again); ``direct``: the table drawn on its own (under a
    privacy screen: the public view)."""
    t = app.find_scene(TableScene)
    drawn: list = []
    real = TableScene.person_tag

    def spy(self, surf, right, y, height, font, label="", icon=True):
        tr = real(self, surf, right, y, height, font, label, icon)
        drawn.append((self._card_of, tr, icon))
        return tr

    real_card = TableScene.draw_card

    def card(self, surf, r, d, vm):
        self._card_of = (d.id, r.copy())
        return real_card(self, surf, r, d, vm)

    monkeypatch.setattr(TableScene, "person_tag", spy)
    monkeypatch.setattr(TableScene, "draw_card", card)
    t.layers = type(t.layers)()  # nothing kept: every card is drawn
    if direct:
        t.ui.begin()
        t.draw(pygame.Surface(app.screen.get_size()))
        t.ui.end()
    else:
        frames(app, 2)
    monkeypatch.undo()
    return drawn


def _until_privacy(app) -> None:
    """A few frames until the privacy screen a load brings up is on top (no step through it)."""
    for _ in range(200):
        frames(app, 1)
        if isinstance(app.top, PrivacyScene):
            break
    frames(app, 2)
    assert isinstance(app.top, PrivacyScene)


@pytest.mark.parametrize("size,large", [("1280x720", False), ("960x600", False), ("960x600", True)])
@pytest.mark.parametrize("humans", [TEAMS, ["kazakhstan"]])
def test_every_people_played_card_shows_a_mark_that_fits(build_app, monkeypatch, size, large, humans):
    """The HUMAN tag only took spare room: Kazakhstan's card at 1280x720 had none, and in large
    text no card showed it. Every people-played card has a mark (a person's outline on a tag: a
    shape, not a colour) inside the card, beside the whole name; the other cards have none; the
    tooltip says it in words. One's own card has it in its YOU tag (or YOU alone where the outline
    would cut the name)."""
    app = build_app(role=humans, record_text=True, size=size)
    if large:
        _large(app)
    t = to_human_turn(app, "kazakhstan")
    drawn = _marks(app, monkeypatch)
    seen = {}
    for (aid, card), tag, icon in drawn:
        assert card.contains(tag), (aid, card, tag)  # inside its card
        seen[aid] = icon
    assert set(seen) == set(humans), seen
    assert all(icon for aid, icon in seen.items() if aid != "kazakhstan"), seen
    for a in humans:
        assert "Played by people" in app.top.ui.find(f"card:{a}").tooltip
    assert "Played by people" not in app.top.ui.find("card:belarus").tooltip
    names = {d.id: d.name for d in t.vm.delegates}
    for a in humans:  # the mark costs no name (in the narrow cards at 960x600 the YOU tag already cut
        if not (size == "960x600" and a == "kazakhstan"):  # "Kazakh...", as before)
            assert names[a] in app.recorded, (a, [s for s in app.recorded if s.startswith(names[a][:3])])
    if len(humans) > 1:  # the public view between two teams: all four marked, no YOU
        t.act("pass")
        to_privacy(app)
        assert t.refresh().viewer is None  # the table under it: the public view
        drawn = _marks(app, monkeypatch, direct=True)
        assert {aid for (aid, _), _, icon in drawn if icon} == set(humans)


def test_the_row_cards_of_a_crowded_table_show_the_mark_too(build_app, monkeypatch):
    app = build_app(role=TEAMS, size="960x600")
    _large(app)
    t = to_human_turn(app, "kazakhstan")
    W, H = app.screen.get_size()
    small = pygame.Rect(0, 0, 160, t.f.line_height("small", True) - 4)
    assert t.row_card(small)
    surf = pygame.Surface((W, H))
    calls = []
    real = TableScene.person_tag
    monkeypatch.setattr(TableScene, "person_tag", lambda self, *a, **k: calls.append(a) or real(self, *a, **k))
    for d in t.vm.delegates:
        t.draw_card(surf, small.move(10, 10), d, t.vm)
    assert len(calls) == len(TEAMS)


def test_with_several_teams_the_results_say_team_not_you(build_app):
    """With four teams at one screen every people-played row read "Russia (you)", "Georgia (you)"
    ...: it reads "(team)" (as in a facilitated game). One player: still "(you)"."""
    for roles, mark, row in ((TEAMS, "team", "Russia (team)"), (["georgia"], "you", "Georgia (you)")):
        app = build_app(role=roles, record_text=True)
        to_human_turn(app, roles[0])
        res = finish_game(app)
        assert res.vm.human_mark == mark
        press(app, pygame.K_2)
        frames(app, 2)
        assert row in app.recorded
        if mark == "team":
            assert not any("(you)" in s or s.startswith("you - ") for s in app.recorded)


def test_the_text_mode_results_say_team_with_several_teams():
    from game.scenarios.loader import load_scenario
    from game.session.match import Match
    from game.textmode.render import results_text

    m = Match(load_scenario("cst-1999"), seed=2)
    m.run_ai()
    for a in TEAMS:
        m.seats[a] = "human"
    text = " ".join(results_text(m, 100).split())
    assert "Russia (team)" in text and "(you)" not in text


@pytest.mark.parametrize("humans", [TEAMS, ["azerbaijan"]])
def test_the_roles_page_marks_each_team_whole_in_large_text(build_app, humans):
    """960x600, large text: 'you - did not...' was cut on the results' roles page (the mark under
    the name, in a column too narrow for it). The name column widens for it."""
    app = build_app(role=humans, record_text=True, size="960x600")
    _large(app)
    to_human_turn(app, humans[0])
    finish_game(app)
    press(app, pygame.K_2)
    frames(app, 2)
    mark = "team" if len(humans) > 1 else "you"
    names = {a.id: a.name for a in app.match.scenario.actors}
    for a in humans:  # "Russia (team)", or "Azerbaijan" over "team - did not sign"
        assert f"{names[a]} ({mark})" in app.recorded or names[a] in app.recorded and any(
            s.startswith(f"{mark} - ") for s in app.recorded), a
    shown = [s for s in app.recorded if s.startswith(f"{mark} - ") or s.endswith(f"({mark})")]
    assert shown and not any(s.endswith("...") for s in shown), shown
    assert not any(s.startswith(("you -", "team -", "you ", "team ")) and s.endswith("...") for s in app.recorded)


def test_esc_on_the_privacy_screen_opens_the_menu_without_anything_private(build_app):
    """Esc on the privacy screen did nothing: the teacher could not save or quit but by closing
    the window. Esc (or the Menu button, where the table has it) opens the menu over the privacy
    screen: nothing of a team's private view shows, and no role brief is offered (the table under
    it still holds the last team's view). Resume comes back to the same privacy screen."""
    app = build_app(role=TEAMS, record_text=True)
    t = to_human_turn(app, "russia")
    t.act("pass")
    frames(app, 1)
    priv = to_privacy(app)
    nxt = priv.actor_id
    t = app.find_scene(TableScene)
    t.vm = P.table_vm(app.match, "russia")  # the worst case: the last team's view still under it
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene)
    names = app.top.ui.names()
    assert "menu:save" in names and "menu:title" in names and "menu:quit" in names
    assert "menu:brief" not in names  # neither the last team's brief nor the next one's
    press(app, pygame.K_b)
    assert not isinstance(app.top, BriefScene)
    frames(app, 1)
    leaks = set()
    for team in TEAMS:
        vm = P.table_vm(app.match, team)
        leaks |= {e.text for e in vm.private} | {o.text for o in vm.pending} | {o.text for o in vm.offers}
    assert not any(s[:40] in " | ".join(app.recorded) for s in leaks if s)
    assert not any(s.startswith("you are") or s.startswith("Your move") for s in app.recorded)
    press(app, pygame.K_ESCAPE)  # Resume
    assert app.top is priv and app.active_human != nxt
    click(app, "privacy:menu")  # the button does the same
    assert isinstance(app.top, MenuScene) and "menu:brief" not in app.top.ui.names()
    click(app, "menu:save")
    assert app.top.name != "menu"
    press(app, pygame.K_RETURN)  # saved; back on the privacy screen, which still holds
    frames(app, 2)
    assert app.top is priv and app.active_human != nxt
    press(app, pygame.K_RETURN)
    frames(app, 2)
    assert isinstance(app.top, TableScene) and app.active_human == nxt


def test_a_held_esc_does_not_open_the_menu_on_the_privacy_screen(build_app):
    app = build_app(role=TEAMS)
    priv = app.top
    assert isinstance(priv, PrivacyScene)
    priv.held = {pygame.K_ESCAPE}  # held since the last team's screen
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
    frames(app, 2)
    assert app.top is priv


def test_the_load_toast_shows_on_the_privacy_screen_in_hotseat(build_app, tmp_path):
    """"Loaded ..." (and "Resumed ...") never showed in hotseat: the privacy screen that comes up
    first dropped it. It shows there (it says nothing private); a team's own toasts still do not."""
    from game.session import facilitator as F
    from game.ui.scenes import SaveLoadScene

    app = build_app(role=TEAMS, record_text=True)
    to_human_turn(app, "georgia")
    path = tmp_path / "four.json"
    F.save(app.match, path)
    app.push(SaveLoadScene(app, "load"))
    app.top.do_load(path)
    _until_privacy(app)
    toast = app.current_toast()
    assert toast is not None and toast.message == "Loaded four.json" and toast.shown_at is not None
    assert app.top.ui.find("toast") is not None  # drawn on the privacy screen

    # the title's Resume: the same
    from game.ui.scenes import TitleScene

    app.reset(TitleScene(app))
    app.top.resume_info = (path, "cst-1999, round 1, playing four teams")
    app.top.resume_game()
    _until_privacy(app)
    assert app.current_toast() is not None and app.current_toast().message.startswith("Resumed: ")

    # a team's own toast (its refusal) is not carried to the privacy screen
    t = to_human_turn(app, "russia")
    press(app, pygame.K_a)  # nothing to amend: a refusal, in a toast at large text or not
    app.toast("Russia's private note")
    t.act("pass")
    priv = to_privacy(app)
    frames(app, 2)
    assert app.top is priv
    assert app.current_toast() is None


def test_a_short_news_panel_keeps_room_for_the_news_beside_a_hint(build_app):
    """At 1280x720 a team's move ('Your move ... changed') makes the forecast taller and the
    hint took most of what was left: the news panel was 2-3 lines. A hint that would leave less
    than NEWS_LINES lines of news shows its short form (What to do, and the key) and a More
    button for the whole hint (also in its tooltip); Less folds it again."""
    app = build_app(role=TEAMS, record_text=True)
    t = to_human_turn(app, "russia")
    t.pick_actor("georgia")
    t.act("lobby")  # Russia's move: back at its turn, the forecast says what it changed
    t = to_human_turn(app, "russia")
    frames(app, 3)
    assert t.move_change_lines(t.vm)
    hint = t.hint(t.vm)
    assert hint is not None and t.hint_folded is True
    W, H = app.screen.get_size()
    L = t.layout(W, H)
    f = app.fonts
    full_box, full_rest = t._hint_rects(L["log"], hint[1])
    box, rest = t._hint_rects(L["log"], hint.short)
    news_lines = (rest.height - f.line_height("label", True) - f.px(16)) // f.line_height("small")
    assert news_lines >= t.NEWS_LINES
    assert (full_rest.height - f.line_height("label", True) - f.px(16)) // f.line_height("small") < t.NEWS_LINES
    assert hint.short in app.recorded or any(hint.short.startswith(s) for s in app.recorded if len(s) > 20)
    assert not any(s.endswith("...") for s in app.recorded if s and hint.short.startswith(s[:20]))
    assert app.top.ui.find("hint:text").tooltip == hint[1]  # the whole hint, on hover
    click(app, "hint:more")
    assert t.hint_folded is False
    assert app.top.ui.find("hint:more") is not None
    click(app, "hint:more")  # Less
    assert t.hint_folded is True


def test_a_tall_news_panel_keeps_the_whole_hint(build_app):
    """Where the news keeps its room (1280x720, the first move) the whole hint shows, no button."""
    app = build_app(role=["georgia"], record_text=True)
    t = to_human_turn(app, "georgia")
    assert t.hint_shown is not None and t.hint_folded is None
    assert app.top.ui.find("hint:more") is None
    assert app.top.ui.find("hint:text").tooltip == t.hint(t.vm)[1]


@pytest.mark.parametrize("size", ["1280x720", "960x600"])
def test_the_hint_title_is_never_cut_beside_its_buttons_at_large_text(build_app, size, monkeypatch):
    """With large text the More and Hide hints buttons left the title 'What to d...': it now takes
    the longest of its wordings that fits whole. (NEWS_LINES raised: the hint folds, its More shows.)"""
    monkeypatch.setattr(TableScene, "NEWS_LINES", 99)
    app = build_app(role=TEAMS, record_text=True, size=size)
    _large(app)
    t = to_human_turn(app, "russia")
    t.pick_actor("georgia")
    t.act("lobby")
    t = to_human_turn(app, "russia")
    app.recorded.clear()
    frames(app, 3)
    assert t.hint(t.vm) is not None and app.top.ui.find("hint:more") is not None
    assert any(s in TableScene.HINT_TITLES for s in app.recorded)
    cut = [s for s in app.recorded if s and s.endswith("...")
           and any(t.startswith(s[:-3]) for t in TableScene.HINT_TITLES)]
    assert not cut, cut
