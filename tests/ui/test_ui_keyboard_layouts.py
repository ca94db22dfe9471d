"""Number shortcuts on keyboards whose row of digits types other characters (French AZERTY)."""

from __future__ import annotations

import pygame
import pytest
from ui_helpers import frames, press, to_human_turn

from game.ui.scenes import digit_key


def _key(key: int, scancode: int, unicode: str = ""):
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=scancode)


@pytest.mark.parametrize("key, scancode, digit", [
    (pygame.K_3, 0, 3),                              # the digit keys
    (pygame.K_KP4, 0, 4),                            # the keypad
    (pygame.K_AMPERSAND, pygame.KSCAN_1, 1),         # AZERTY: the "1" key types "&"
    (233, pygame.KSCAN_2, 2),                        # ... and the "2" key "é"
    (pygame.K_QUOTEDBL, pygame.KSCAN_3, 3),
    (pygame.K_a, pygame.KSCAN_1, None),              # a letter is a letter wherever it is
    (pygame.K_MINUS, pygame.KSCAN_MINUS, None),      # not a digit key
    (pygame.K_RETURN, 0, None),
])
def test_a_digit_is_known_by_its_key_or_by_its_place(key, scancode, digit):
    assert digit_key(_key(key, scancode)) == digit


def test_on_an_azerty_keyboard_the_digit_row_picks_a_level(build_app):
    """The clause grid's 1, 2, 3 (choose a level of the chosen issue) never came on a French
    keyboard, whose row of digits types &, é, " without Shift."""
    app = build_app(role=["georgia"])
    t = to_human_turn(app, None, others="endorse")
    press(app, pygame.K_DOWN)  # Collective defence
    for scancode, key, level in ((pygame.KSCAN_1, pygame.K_AMPERSAND, 0), (pygame.KSCAN_2, 233, 1)):
        pygame.event.post(_key(key, scancode))
        frames(app, 2)
        assert t.compose[1] == level


def test_h_opens_and_folds_the_hint_and_shift_h_hides_the_hints(build_app):
    """More / Less and Hide hints had no key: H does the one, Shift+H the other (the F1 list says so)."""
    from game.ui.scenes import SHORTCUTS

    teams = ["russia", "belarus", "georgia", "kazakhstan"]
    app = build_app(role=teams, record_text=True)
    t = to_human_turn(app, "russia")
    t.pick_actor("georgia")
    t.act("lobby")  # back at Russia's turn, the forecast says what changed: the hint is folded
    t = to_human_turn(app, "russia")
    frames(app, 3)
    assert t.hint_folded is True
    press(app, pygame.K_h)
    assert t.hint_folded is False
    press(app, pygame.K_h)
    assert t.hint_folded is True
    press(app, pygame.K_h, mod=pygame.KMOD_LSHIFT)
    assert app.settings.hints is False
    frames(app, 2)
    assert t.hint_shown is None
    press(app, pygame.K_h)  # no hint: a word, not a silent key
    assert "Hints are off" in app.current_toast().message
    assert any(key == "H / Shift+H" for _, rows in SHORTCUTS for key, _ in rows)
