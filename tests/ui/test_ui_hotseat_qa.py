"""Hotseat in the window, as a teacher runs it with a projector: four teams (Russia, Georgia,
Azerbaijan, Kazakhstan) at one keyboard, the other delegations played by the AI. The privacy
screen between two teams must hold until the next team asks for its table, and after it the
team sees only its own private view."""

from __future__ import annotations

import pygame

from game.ui import presenters as P
from game.ui.scene_table import OfferScene, TableScene
from game.ui.scenes import BriefScene, PrivacyScene
from ui_helpers import frames, press, to_human_turn, to_privacy

TEAMS = ["russia", "georgia", "azerbaijan", "kazakhstan"]


def _private_texts(app, actor: str) -> set[str]:
    """What only ``actor`` may see at the table: its private log and its offers."""
    vm = P.table_vm(app.match, actor)
    return {e.text for e in vm.private} | {o.text for o in vm.offers} | {o.text for o in vm.pending}


def test_space_skipping_the_ai_does_not_open_the_next_teams_table(build_app):
    """Space is 'Skip AI pause' at the table, pressed (often again and again) while the AI
    delegations move between two teams; it also confirmed the privacy screen that comes up
    after them, so the team still at the keyboard, or the class on the projector, saw the next
    team's private table (its pending offer, forecast, private log). The privacy screen waits
    for Enter or its button, as it says."""
    app = build_app(role=TEAMS, record_text=True)
    t = to_human_turn(app, "russia")
    t.act("pass")  # Russia ends its turn; the AI delegations move next
    frames(app, 1)
    assert not app.match.human_to_move()
    priv = to_privacy(app)
    nxt = priv.actor_id
    for _ in range(3):
        press(app, pygame.K_SPACE)
        assert app.top is priv, "Space opened the next team's table"
    name = next(a.name for a in app.match.scenario.actors if a.id == nxt)
    assert app.active_human != nxt and f"you are {name}" not in app.recorded
    press(app, pygame.K_RETURN)
    frames(app, 2)
    assert isinstance(app.top, TableScene) and app.active_human == nxt


def _key(app, kind, key: int, steps: int = 2) -> None:
    pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="\r", scancode=0))
    frames(app, steps)


def test_a_held_enter_does_not_run_through_the_privacy_screen(build_app):
    """Enter held down on a team's last screen (the key repeats after a moment) confirmed the
    privacy screen that came up next, and the next team's brief or table opened in front of the
    team that had just finished: at the start (Enter closing a brief) and in play (Enter making
    an offer, the last move of the turn). A key held since before the screen showed is ignored
    until it is let go; a fresh press opens the next team's screen."""
    app = build_app(role=TEAMS, record_text=True)
    assert isinstance(app.top, PrivacyScene) and app.top.actor_id == "georgia"
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, BriefScene) and app.top.actor_id == "georgia"
    _key(app, pygame.KEYDOWN, pygame.K_RETURN)  # Georgia closes its brief with Enter, and holds it
    priv = app.top
    assert isinstance(priv, PrivacyScene) and priv.actor_id == "azerbaijan"
    for _ in range(3):  # the key repeats: KEYDOWN after KEYDOWN, no KEYUP
        _key(app, pygame.KEYDOWN, pygame.K_RETURN)
        assert app.top is priv, "a held Enter opened Azerbaijan's brief"
    assert not any("Azerbaijan" in s and "confidential" in s.lower() for s in app.recorded)
    _key(app, pygame.KEYUP, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # let go and pressed again: the team asks for its screen
    assert isinstance(app.top, BriefScene) and app.top.actor_id == "azerbaijan"

    app = build_app(role=["russia", "belarus"], record_text=True)  # Belarus moves right after Russia
    t = to_human_turn(app, "russia")
    t.pick_actor("belarus")
    t.act("offer")
    assert isinstance(app.top, OfferScene)
    _key(app, pygame.KEYDOWN, pygame.K_RETURN, steps=1)  # "Make offer" (Enter), the key held down
    priv = app.top
    assert isinstance(priv, PrivacyScene) and priv.actor_id == "belarus"
    for _ in range(3):
        _key(app, pygame.KEYDOWN, pygame.K_RETURN)
        assert app.top is priv, "a held Enter opened Belarus's table"
    offer = next(o for o in P.table_vm(app.match, "belarus").pending)
    assert offer.text not in app.recorded and "you are Belarus" not in app.recorded
    _key(app, pygame.KEYUP, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, TableScene) and app.active_human == "belarus"
    frames(app, 2)
    assert offer.text in app.recorded  # on Belarus's own screen, the offer waits for its answer


def test_the_second_click_of_a_double_click_does_not_confirm_the_privacy_screen(build_app):
    """A double click on the move that ends a team's turn (the 'Sign anyway' button of the
    summit's question overlaps the privacy screen's button, at 1280x720 and more at 960x600):
    the second click opened the next team's table. A click at the same place just after the last one is taken
    as the rest of that double click and ignored; a later click confirms."""
    app = build_app(role=["russia", "belarus"], record_text=True)  # Belarus moves right after Russia
    t = to_human_turn(app, "russia")
    frames(app, 2)
    pos = (app.screen.get_width() // 2, app.screen.get_height() // 2 + 90)  # the privacy button's place
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    t.act("pass")  # the first click's move ends Russia's turn
    frames(app, 1)
    priv = app.top
    assert isinstance(priv, PrivacyScene) and priv.actor_id == "belarus"
    assert priv.ui.find("privacy:confirm").rect.collidepoint(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))  # the second click
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 2)
    assert app.top is priv, "the second click of a double click opened Belarus's table"
    assert "you are Belarus" not in app.recorded
    frames(app, 40)  # later: a click of its own
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 2)
    assert app.top is not priv and app.active_human == "belarus"


def _leaks(app, viewer: str | None) -> list[tuple[str, str]]:
    """Private texts of the other teams (that ``viewer`` may not see) drawn in the last frame."""
    shown = " | ".join(app.recorded)
    mine = _private_texts(app, viewer) if viewer else set()
    out = []
    for team in TEAMS:
        if team == viewer:
            continue
        for text in _private_texts(app, team) - mine:
            if text[:40] in shown:
                out.append((team, text))
    return out


def test_a_private_offer_shows_only_to_its_receiver_on_its_own_turn(build_app):
    """Azerbaijan offers Kazakhstan 'Caspian transit' (Georgia has no offer that may go to
    Kazakhstan in this scenario: its dialog says so). The offer is on no screen until Kazakhstan
    has asked for its table (not on the privacy screen, not in the AI's public view, not on
    Russia's or Georgia's table), then Kazakhstan answers it on its turn; the answer is in
    Azerbaijan's private log on its next turn and on nobody else's."""
    app = build_app(role=TEAMS, record_text=True)
    t = to_human_turn(app, "georgia")
    t.pick_actor("kazakhstan")
    t.act("offer")
    assert isinstance(app.top, OfferScene) and app.top.why_not() == "None of your offers can go to Kazakhstan."
    app.pop()
    t = to_human_turn(app, "azerbaijan")
    t.pick_actor("kazakhstan")
    t.act("offer")
    app.top.make()
    frames(app, 1)
    assert not isinstance(app.top, OfferScene)
    offer = P.table_vm(app.match, "kazakhstan").pending[0]
    assert "Caspian transit" in offer.text
    for viewer in ("russia", "georgia", None):  # the VMs of the others: nothing of the offer
        vm = P.table_vm(app.match, viewer)
        assert not vm.pending and not vm.offers and all("Caspian" not in e.text for e in vm.private + vm.news)
    for _ in range(4000):  # on to Kazakhstan's table: every frame before it, nothing of the offer
        top = app.top
        t = app.find_scene(TableScene)
        if isinstance(top, TableScene) and app.active_human == "kazakhstan" and app.match.to_move == "kazakhstan":
            break
        assert not any("Caspian" in s for s in app.recorded), f"the offer on the screen of {t.viewer()}"
        assert _leaks(app, t.vm.viewer if isinstance(top, TableScene) and t.vm else None) == []
        if isinstance(top, PrivacyScene):
            press(app, pygame.K_RETURN)
        elif isinstance(top, TableScene) and app.match.human_to_move() and app.active_human == app.match.to_move:
            press(app, pygame.K_p)  # the teams before Kazakhstan pass
        else:
            t.skip = True
            app.step(1 / 60)
    frames(app, 2)
    assert offer.text in app.recorded and _leaks(app, "kazakhstan") == []
    press(app, pygame.K_y)  # accepted (a free move)
    assert any("accepted" in e.text for e in P.table_vm(app.match, "azerbaijan").private)
    assert not any("accepted" in e.text and "Caspian" in e.text for e in P.table_vm(app.match, "russia").private)
    press(app, pygame.K_p)
    for _ in range(4000):  # the next teams' screens: nothing of Kazakhstan's deal
        top = app.top
        t = app.find_scene(TableScene)
        if isinstance(top, PrivacyScene):
            assert not any("Caspian" in s for s in app.recorded)
            press(app, pygame.K_RETURN)
            frames(app, 2)
            who = app.active_human
            assert _leaks(app, who) == [], who
            if who == "azerbaijan":
                assert any("Kazakhstan accepted" in s for s in app.recorded) or \
                    any("accepted" in e.text for e in t.vm.private)
                break
            if app.match.human_to_move() and app.match.to_move == who:
                assert not any("Caspian" in s for s in app.recorded), who
                press(app, pygame.K_p)
            continue
        t.skip = True
        app.step(1 / 60)
    else:
        raise AssertionError("Azerbaijan never came back to the keyboard")


def test_a_hotseat_game_loaded_midway_shows_the_privacy_screen_first(build_app, tmp_path):
    """Saved while Kazakhstan's offer waits behind its privacy screen, and loaded (play --load):
    the first frame is the privacy screen for the team to move, with nothing private on it; the
    team's own view comes after Enter."""
    from game.session import facilitator as F

    app = build_app(role=TEAMS, record_text=True)
    t = to_human_turn(app, "azerbaijan")
    t.pick_actor("kazakhstan")
    t.act("offer")
    app.top.make()
    frames(app, 1)
    path = tmp_path / "mid.json"
    F.save(app.match, path)
    offer = P.table_vm(app.match, "kazakhstan").pending[0]
    app2 = build_app(role=[], load=str(path), record_text=True)  # (build_app has drawn one frame)
    for _ in range(4000):
        if isinstance(app2.top, PrivacyScene) and app2.top.actor_id == "kazakhstan":
            break
        top = app2.top
        assert isinstance(top, (TableScene, PrivacyScene))
        assert offer.text not in app2.recorded
        if isinstance(top, PrivacyScene) or top.vm.viewer is None:  # (the first frame: the privacy screen)
            assert not any(s.startswith("you are") for s in app2.recorded)
        if isinstance(top, PrivacyScene):  # a team before Kazakhstan: it passes
            press(app2, pygame.K_RETURN)
            press(app2, pygame.K_p)
            continue
        top.skip = True
        app2.step(1 / 60)
    frames(app2, 2)
    assert offer.text not in app2.recorded
    press(app2, pygame.K_RETURN)
    frames(app2, 2)
    assert app2.active_human == "kazakhstan" and offer.text in app2.recorded


def test_a_teams_toast_is_not_left_on_the_public_view_after_its_turn(build_app):
    """At 960x600 with large text a long refusal also comes up as a toast for 8 seconds. Russia
    tried to amend with nothing new ("Nothing to amend: D1 already has 'Prolong first' on
    Sequencing ...": what it meant to change), then passed: the toast stayed over the public view
    while the AI delegations moved, in front of the class. A team's toasts go when its turn ends."""
    app = build_app(role=TEAMS, record_text=True, size="960x600")
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    t = to_human_turn(app, "russia")
    press(app, pygame.K_a)
    refusal = t.message[0]
    assert refusal.startswith("Nothing to amend") and t.message[1]
    assert [x.message for x in app.toasts] == [refusal]  # on Russia's own screen, in full
    press(app, pygame.K_p)
    assert app.match.to_move != "russia" and t.vm.viewer is None  # the public view, the AI moving
    assert app.current_toast() is None, "Russia's refusal is still on the public view"


def _team_move(app, t: TableScene, plan: dict) -> None:
    """A realistic move for the team at the keyboard: the teacher's lesson plan, else pass (or
    return to the table, answer an offer, sign or decline at the summit)."""
    m, vm = app.match, t.vm
    me, rnd = m.to_move, m.state.round
    if m.state.phase == "signing":
        if vm.on_table is None:
            t.act("put")
        else:
            t.act("sign" if me in ("russia", "kazakhstan") else "decline")
            if app.top.name == "signwarn":
                press(app, pygame.K_s)  # S again: Enter cancels this question
        return
    if vm.pending:
        t.respond_first(True)
        return
    if vm.delegate(me).status != "present":
        t.act("return")
        return
    step = plan.setdefault((me, rnd), 0)
    plan[(me, rnd)] += 1
    move = {("russia", 0, 0): ("lobby", "georgia"), ("georgia", 0, 0): ("amend", 3),
            ("azerbaijan", 0, 0): ("offer", "kazakhstan"), ("kazakhstan", 0, 0): ("endorse", None),
            ("azerbaijan", 1, 0): ("walk_out", None), ("kazakhstan", 1, 0): ("oppose", None),
            ("azerbaijan", 3, 0): ("red_at_least", 0), ("georgia", 2, 0): ("table", None)}.get((me, rnd, step))
    n = len(m.actions)
    if move is not None:
        kind, arg = move
        if kind in ("lobby", "offer"):
            t.pick_actor(arg)
        if kind == "amend":
            t.pick_cell(arg, (t.compose[arg] + 1) % len(vm.issues[arg].levels))
        if kind == "table":
            t.pick_cell(0, 0)
            t.pick_cell(2, 0)
        if kind == "red_at_least":  # Azerbaijan: Sequencing at least 'Prolong with review'
            t.pick_cell(arg, 1)
        t.act(kind)
        if isinstance(app.top, OfferScene):
            app.top.make()
    if len(m.actions) == n and m.to_move == me:
        t.act("pass")


def test_four_teams_play_to_the_end_and_no_screen_shows_another_teams_secrets(build_app):
    """The teacher's game: Russia, Georgia, Azerbaijan and Kazakhstan at one keyboard (lobbying,
    an amendment, an offer answered by its receiver on its turn, a walk-out and return, a red
    line, a new draft, the summit). At every handover the privacy screen shows no private text
    and no "you are"; after it, the team's screen shows no other team's private log line or
    offer, and says whose screen it is and how many action points are left. The results speak
    to each team: its row is marked and its score is explained."""
    app = build_app(role=TEAMS, record_text=True)
    m = app.match
    plan: dict = {}
    handovers = 0
    for _ in range(30000):
        top = app.top
        if m.over:
            break
        if isinstance(top, BriefScene):
            press(app, pygame.K_RETURN)
            continue
        if isinstance(top, PrivacyScene):
            frames(app, 1)
            assert _leaks(app, None) == [] and not any(s.startswith("you are") for s in app.recorded)
            who = top.actor_id
            press(app, pygame.K_RETURN)
            frames(app, 1)
            handovers += 1
            assert app.active_human == who and _leaks(app, who) == [], (who, _leaks(app, who))
            if isinstance(app.top, BriefScene):  # the start: its role brief first
                continue
            name = next(a.name for a in m.scenario.actors if a.id == who)
            assert f"you are {name}" in app.recorded
            if m.state.phase == "diplomacy":
                assert any(s.startswith("Your move (") and ("action points left" in s or "AP left" in s)
                           for s in app.recorded), \
                    sorted(s for s in app.recorded if "move" in s.lower() or "AP" in s)
            continue
        t = app.find_scene(TableScene)
        if isinstance(top, TableScene) and m.human_to_move() and app.active_human == m.to_move:
            _team_move(app, t, plan)
            frames(app, 1)
            continue
        if isinstance(top, TableScene) and t.vm is not None and t.vm.viewer is None:
            assert _leaks(app, None) == []  # the AI's stretch: the public view
        t.skip = True
        app.step(1 / 60)
    assert m.over and handovers > 20
    kinds = {a.kind for a in m.actions if m.seats.get(a.actor) == "human"}
    assert {"lobby", "amend", "offer", "respond", "walk_out", "return", "red_line", "table", "endorse", "oppose",
            "put_to_signature", "sign"} <= kinds, kinds
    from game.ui.scene_results import CloudBuilder, ResultsScene
    from ui_helpers import run_until

    run_until(app, lambda: isinstance(app.top, ResultsScene), limit=400)
    res = app.top
    res.cloud = CloudBuilder(m, runs=3)
    frames(app, 3)
    line = next(s for s in app.recorded if s.startswith("Your scores (out of 100)"))
    assert all(n in line for n in ("Russia", "Georgia", "Azerbaijan", "Kazakhstan"))
    press(app, pygame.K_2)
    frames(app, 2)
    assert sorted(r.id for r in res.vm.roles if r.human) == sorted(TEAMS)
    for n in ("Russia", "Georgia", "Azerbaijan", "Kazakhstan"):  # each team's row (or its shorter form)
        assert f"{n} (team)" in app.recorded or n in app.recorded and any(s.startswith("team - ") for s in app.recorded)


def test_in_hotseat_each_team_gets_its_own_first_game_hints(build_app):
    """The 'What to do now' hint for a kind of move stopped once anybody on the computer had made
    one: Georgia amended a draft as its hint said, and Azerbaijan, unhappy with the forecast
    too and new to the game, then got no word on proposing a better text. In hotseat each team
    learns for itself (what was learned before this game still counts)."""
    app = build_app(role=TEAMS, record_text=True)
    t = to_human_turn(app, "georgia")
    assert t.hint_shown == "amend"
    t.pick_cell(3, (t.compose[3] + 1) % len(t.vm.issues[3].levels))
    n = len(app.match.actions)
    t.act("amend")
    assert len(app.match.actions) == n + 1 and app.match.actions[-1].kind == "amend"
    t = to_human_turn(app, "azerbaijan")
    assert "amend" in app.settings.learned  # (kept for later games, as before)
    assert t.vm.forecast.i_sign is False  # unhappy too
    assert t.hint_shown == "amend", t.hint_shown
    t.act("pass")
    t = to_human_turn(app, "georgia")
    assert t.hint_shown != "amend"  # Georgia has learned it
    # what was learned in an earlier game stays learned for every team
    app2 = build_app(role=TEAMS, record_text=True)
    app2.settings.learned = ["amend", "table"]
    t2 = to_human_turn(app2, "azerbaijan")
    assert t2.hint_shown not in ("amend", "table")


def test_the_results_say_where_four_teams_learn_how_to_do_better_in_large_text(build_app):
    """At 960x600 with large text the treaty page's line with the four teams' scores ran past its
    two lines and was cut ("... - why, and how to do ..."): the class lost where each team's
    score is explained. With several teams it says it in fewer words when the long form does not
    fit."""
    from ui_helpers import finish_game

    app = build_app(role=TEAMS, record_text=True, size="960x600")
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    to_human_turn(app, "russia")
    res = finish_game(app)
    frames(app, 3)
    lines = [s for s in app.recorded if "Your scores" in s or "how to do" in s or "press 2" in s]
    assert lines and not any(s.rstrip().endswith("...") for s in lines), lines
    assert any("press 2" in s or "Roles & history (2)" in s for s in lines), lines
    assert all(n in " ".join(lines) for n in ("Russia", "Georgia", "Azerbaijan", "Kazakhstan"))
    assert res.your_score_line().startswith("Your scores (out of 100)")  # the long form where it fits
