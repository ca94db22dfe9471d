"""The palette keeps text readable: WCAG 2 contrast of every text colour on the surfaces it is
drawn on (4.5:1 for text; 3:1 for the disabled look, which WCAG exempts but a projector needs)."""

from __future__ import annotations

import pytest

from game.ui.theme import load_colours


def _luminance(c) -> float:
    def lin(x: float) -> float:
        x /= 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)


def _contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("fg, bg, least", [
    ("text", "panel", 4.5), ("text", "panel_light", 4.5), ("text_muted", "panel", 4.5),
    ("text_muted", "panel_light", 4.5), ("text_dim", "panel", 4.5), ("text_dim", "room", 4.5),
    ("brass_text", "panel", 4.5), ("ok", "panel", 4.5), ("refused", "refused_bg", 4.5),
    ("private", "panel_light", 4.5), ("button_text", "button", 4.5), ("button_text", "button_hover", 4.5),
    ("ink", "paper", 4.5), ("ink_soft", "paper", 4.5), ("ink_soft", "paper_shade", 4.5),
    ("button_text_disabled", "button_disabled", 3.0),
])
def test_text_colours_are_readable_on_their_surfaces(fg, bg, least):
    c = load_colours()
    assert _contrast(c[fg], c[bg]) >= least, f"{fg} on {bg}: {_contrast(c[fg], c[bg]):.2f}:1"
