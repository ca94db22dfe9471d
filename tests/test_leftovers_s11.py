"""Leftovers of the last notes, each fixed with a test that fails without the fix."""

from __future__ import annotations

from game.engine.flow import happened_events
from game.engine.state import BOYCOTTING, PRESENT
from game.scenarios.loader import load_scenario
from game.session.simulate import play_one


def test_uzbekistan_leaving_after_all_takes_it_away_from_the_table():
    """cst-1999-uzbekistan: the counterfactual 'Uzbekistan announces it will leave after all'
    left its delegate at the table (free to sign). It now stays away, as it did in history,
    and signs only if it comes back."""
    sc = load_scenario("cst-1999-uzbekistan")
    seen = {True: 0, False: 0}
    for seed in range(1, 9):
        match = play_one(sc, seed, events="probabilistic")
        i = match.game.model.actor_index("uzbekistan")
        left = "uzbekistan_exit" in happened_events(match.state)
        returned = any(a.kind == "return" and a.actor == "uzbekistan" for a in match.actions)
        seen[left] += 1
        if left and not returned:
            assert match.state.actors[i].status == BOYCOTTING
            assert match.state.signatures[i] != 1
        if not left:
            assert match.state.actors[i].status == PRESENT
    assert seen[True] >= 2 and seen[False] >= 2


def test_settings_offer_the_larger_window_sizes_that_fit_the_screen():
    """The size presets stopped at 1920 x 1080, though the layout scales up to 4K: the larger
    ones are offered when the screen is large enough (never when its size is unknown)."""
    from game.ui.settings import sizes_that_fit

    base = ((1280, 720), (1600, 900), (1920, 1080))
    assert sizes_that_fit(None) == base
    assert sizes_that_fit((1366, 768)) == base  # as before: the layout follows a window larger than the screen
    assert sizes_that_fit((2560, 1600)) == base + ((2560, 1440),)
    # a window as large as the screen has no room for its title bar (tests/ui/test_ui_hidpi_qa.py): 3840 x 2160
    # on a 4K screen is Full screen's; a larger screen gets it
    assert sizes_that_fit((3840, 2160)) == base + ((2560, 1440),)
    assert sizes_that_fit((5120, 2880)) == base + ((2560, 1440), (3840, 2160))
