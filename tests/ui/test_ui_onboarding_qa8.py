"""A 16-year-old's first games (the tutorial as Brisa, Corallia, Tormund): what the screen says when
she makes a beginner's mistake, and what the end screen says about her score. Each test fails
without the change it names."""

from __future__ import annotations

import pygame

from ui_helpers import click, frames, press, to_human_turn


def test_amending_nothing_says_which_draft_issue_and_level(build_app):
    """Amend (A) with nothing changed said "Refused: the draft already has that level on this issue.":
    which draft, which issue, and what to click were left to guess."""
    app = build_app(scenario="tutorial", role=["brisa"], seed=11)
    table = to_human_turn(app, "brisa")
    d = table.vm.draft(table.sel_draft)
    level = table.vm.issues[0].levels[d.levels[0]].name
    n = len(app.match.actions)
    press(app, pygame.K_a)
    text, refused = table.message
    assert refused and len(app.match.actions) == n
    assert d.label in text and "Catch limits" in text and level in text
    assert "Click the level you want in that row first" in text
    frames(app, 2)
    assert "Click the level you want" in app.top.ui.find("action:amend").tooltip  # the button says it too
    # a level that differs: the amendment goes through as before
    other = next(k for k in range(3) if k != d.levels[0])
    click(app, f"cell:0:{other}")
    press(app, pygame.K_a)
    assert len(app.match.actions) == n + 1 and app.match.actions[-1].kind == "amend"


def test_tabling_a_copy_of_a_draft_says_to_change_a_level_or_endorse(build_app):
    app = build_app(scenario="tutorial", role=["brisa"], seed=11)
    table = to_human_turn(app, "brisa")
    d = table.vm.draft(table.sel_draft)
    assert tuple(int(x) for x in table.compose) == tuple(d.levels)
    press(app, pygame.K_t)
    text, refused = table.message
    assert refused and text.startswith(f"{d.label} already says exactly this")
    assert f"Endorse {d.label} (E)" in text


def test_away_at_the_last_round_is_warned_it_will_not_sign(build_app):
    """Walked out and passing on: at the last round the hint said the same as before ("Return ... or
    Pass to stay away"), and to a player who had returned once it said nothing; passing there
    quietly left her out of the signing."""
    app = build_app(scenario="tutorial", role=["brisa"], seed=11)
    to_human_turn(app, "brisa")
    press(app, pygame.K_w)
    table = to_human_turn(app, "brisa")
    assert table.vm.round == 1 and table.hint(table.vm)[0] == "return"
    assert "last round" not in table.hint(table.vm)[1]
    press(app, pygame.K_p)
    table = to_human_turn(app, "brisa")
    vm = table.vm
    assert vm.calendar.rounds[vm.round].final and vm.my_status == "walked_out"
    app.settings.learned = ["return"]  # she has returned before: the warning still comes
    kind, text = table.hint(vm)
    assert kind == "return" and "last round of talks" in text and "cannot sign" in text
    frames(app, 2)


def _lobbied_match():
    """A tutorial match in which Corallia's lobbying moved Brisa (every seat human, moves submitted)."""
    from game.engine import actions as A
    from game.scenarios.loader import load_scenario
    from game.session.match import Match

    sc = load_scenario("tutorial")
    for seed in range(40):
        m = Match(sc, seed=seed, seats={a.id: "human" for a in sc.actors})
        m.submit(A.Lobby("corallia", target="brisa", issue=1))
        if any(e.kind == "lobby" and dict(e.data).get("delta") for e in m.state.log):
            return m
    raise AssertionError("no seed where the lobby moved Brisa")


def test_the_lobbied_note_says_who_lobbied_you_and_no_history_without_one():
    """"Lobbying moved your positions during the talks (Corallia once; on Patrols) ... can score
    differently from history" read as if Brisa had lobbied Corallia, in a scenario with no history."""
    from game.ui import presenters as P

    m = _lobbied_match()
    note = P.lobbied_note(m, "brisa")
    assert note.startswith("Corallia lobbied you once (on Patrols)")
    assert "history" not in note and "as they ended the talks" in note
    assert P.lobbied_note(m, "corallia") == ""


def test_the_treaty_page_gives_your_score_and_the_roles_page_how_to_do_better(build_app):
    """The results open on the treaty page, which never said the player's own score; the roles page
    said why she got it, never how to do better."""
    from ui_helpers import finish_game

    app = build_app(scenario="tutorial", role=["brisa"], seed=5, record_text=True)
    to_human_turn(app, "brisa")
    res = finish_game(app)
    frames(app, 3)
    me = next(r for r in res.vm.roles if r.human)
    line = f"Your score as Brisa: {me.score:.0f}/100"
    region = res.ui.find("results:yourscore")
    assert region is not None and region.tooltip.startswith(line) and "Roles & history (2)" in region.tooltip
    click(app, "results:yourscore")
    assert res.page == "roles"
    missed = [(d, p) for d, ok, p in me.objectives if not ok]
    tip = res.better_tip(me)
    if missed:
        assert tip.startswith("How to do better: the biggest miss among your objectives was") and max(missed, key=lambda x: x[1])[0][:20] in tip
    from types import SimpleNamespace

    assert res.better_tip(SimpleNamespace(objectives=(("a", True, 2),))) == ""
    assert "The pact sets binding catch quotas" in res.better_tip(
        SimpleNamespace(objectives=(("The pact sets binding catch quotas.", False, 3), ("You sign.", False, 1))))


def test_the_tutorial_says_what_each_of_its_three_roles_teaches():
    """The description promised that Brisa uses "every move (... walking out)", which a Brisa happy
    with the text is never hinted to do, and named only two of the three roles: Tormund, the one
    that opposes, caps a red line and walks out or declines, was never suggested."""
    from game.scenarios.loader import load_scenario

    text = " ".join(load_scenario("tutorial").description.split())
    assert "Play Brisa" in text and "every move" not in text
    assert text.index("Brisa") < text.index("Next, play Corallia") < text.index("Last, play Tormund")
    assert "walk out" in text[text.index("Last, play Tormund"):]
