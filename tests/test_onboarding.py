"""The terminal for a first-time player: what to type first, the levels to table, what each meeting
is about, what to type at the summit, and how the score was made. Each test fails without its change."""

from __future__ import annotations

import re

from textmode_helpers import PROMPT, _view, play

from game.textmode import commands, render


def test_a_new_game_says_what_to_type_first():
    out = play("quit\n", scenario="tutorial", role=["brisa"], seed=5)
    steps = out.index("HOW TO START:")
    assert out.index("ROLE BRIEF") < steps  # after the brief
    assert "'table 2 1', your ideal levels" in " ".join(out[steps:].split())
    assert "'help' lists every command" in " ".join(out[steps:].split())


def test_a_resumed_game_does_not_repeat_it(tmp_path):
    """Once the delegation has moved, a resumed game shows its brief but not the first steps."""
    out = play("pass\nsave " + str(tmp_path / "g.json") + "\nquit\n", scenario="tutorial", role=["brisa"],
               seed=5)
    assert "HOW TO START" in out
    again = play("quit\n", load=str(tmp_path / "g.json"), role=[])
    assert "ROLE BRIEF" in again and "HOW TO START" not in again


def test_drafts_before_any_draft_lists_the_levels_to_type():
    view = _view("tutorial", "corallia", seed=5)
    assert not view.drafts
    text = render.drafts_table(view, 80)
    assert "1. Catch limits: 0 No limits, 1 Voluntary targets, 2 Binding quotas" in text
    assert "'table 1 2' tables your own ideal levels" in " ".join(text.split())
    assert all(len(line) <= 80 for line in text.splitlines())


def test_the_news_says_what_each_meeting_is_about():
    out = play("pass\nquit\n", scenario="tutorial", role=["brisa"], seed=5)
    flat = " ".join(PROMPT.sub(" ", out).split())
    assert "r1 10 May 2030: Opening session, Corallia The envoys meet for the first time." in flat
    assert "r2 01 Jun 2030: Working lunch, Brisa A smaller meeting to narrow the differences" in flat


def test_the_summit_says_what_to_type():
    out = play("pass\n" * 6 + "put 1\nsign\n", scenario="tutorial", role=["corallia"], seed=5)
    flat = " ".join(PROMPT.sub(" ", out).split())
    assert "As the chair, put one draft to signature: put N" in flat
    assert flat.count("As the chair, put one draft to signature") == 1
    assert "Draft 1 is open for signature: type sign or decline." in flat


def test_help_starts_with_how_to_play():
    text = commands.help_text(2, 100, action_points=3)
    assert text.startswith("How to play: each meeting every delegation has 3 action points")
    assert text.index("How to play") < text.index("Commands") < text.index("Actions")


def test_the_results_say_how_your_score_was_made():
    out = play("pass\n" * 6 + "put 1\nsign\n", scenario="tutorial", role=["corallia"], seed=5)
    flat = " ".join(out.split())
    found = re.search(r"Corallia \(you\): score (\d+) = 70% what the outcome was worth to you \((\d+) out of 100",
                      flat)
    assert found, flat[-1500:]
    assert "+ 30% your objectives (" in flat
