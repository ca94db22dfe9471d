"""Colours, fonts and the pygame_gui theme, all from ``assets/``.

The palette lives in ``assets/theme/colours.json`` and the pygame_gui theme in
``assets/theme/pygame_gui_theme.json``; fonts are the shipped Noto Sans (SIL OFL,
``assets/fonts/OFL.txt``). Font sizes scale with the window height and with the
"font scale" setting (normal or large, for projectors).
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pygame

from game.report import html as H
from game.scenarios.glyphs import FALLBACK_FONTS, fallback_index
from game.scenarios.registry import data_dir

FONT_SCALES = {"normal": 1.0, "large": 1.3}

_DEFAULT_COLOURS = {
    "room": "#0e1a2b", "room_pattern": "#122238", "panel": "#16273f", "panel_light": "#1d3352",
    "panel_border": "#2f4c72", "table_felt": "#1b3a5e", "table_felt_light": "#224872",
    "table_rim": "#b08d3e", "brass": "#d9b45a", "brass_dim": "#8f7436", "brass_text": "#f0d58c",
    "brass_ink": "#735a1f",
    "paper": "#f4eedd", "paper_shade": "#e3d9bf", "paper_line": "#c9bb95", "ink": "#1b222c",
    "ink_soft": "#4a5261", "text": "#ece7da", "text_muted": "#a8b5c8", "text_dim": "#95a2b7",
    "button": "#22406a", "button_hover": "#2c5286", "button_down": "#183152",
    "button_disabled": "#1a2a40", "button_text": "#f2eee2", "button_text_disabled": "#8a97ab",
    "refused": "#f2a65a", "refused_bg": "#3d2a17", "ok": "#9fd3c7", "selected": "#f0d58c", "focus": "#f0d58c",
    "private": "#c7b3e6", "shadow": "#050b14", "overlay": "#050b14c8",
}


def assets_dir() -> Path:
    return data_dir("assets")


def font_dir() -> Path:
    return assets_dir() / "fonts"


def load_colours() -> dict[str, pygame.Color]:
    colours = dict(_DEFAULT_COLOURS)
    path = assets_dir() / "theme" / "colours.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        colours.update({k: v for k, v in data.items() if not k.startswith("_")})
    except (OSError, ValueError):
        pass
    return {k: pygame.Color(v) for k, v in colours.items()}


def hex_colour(value: str, fallback: str = "#888888") -> pygame.Color:
    try:
        return pygame.Color(value)
    except (ValueError, TypeError):
        return pygame.Color(fallback)


def _hex(colour) -> str:
    c = pygame.Color(colour)
    return f"#{c.r:02x}{c.g:02x}{c.b:02x}"


def luminance(colour) -> float:
    """WCAG 2.1 relative luminance of a colour (0 black .. 1 white): the reports' formula."""
    return H.luminance(_hex(colour))


def contrast(a, b) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 .. 21)."""
    return H.contrast(_hex(a), _hex(b))


MARK_CONTRAST = 3.0  # WCAG 2.1 AA, large text and the marks and rings that carry meaning


def ink_on(colour: pygame.Color) -> pygame.Color:
    """Dark or light text, whichever reads better on ``colour`` (a delegation's badge colour comes
    from the scenario): the theme's ink or paper when one reaches 4.5:1, else black or white."""
    return pygame.Color(_ink_on(_hex(colour)))


@lru_cache(maxsize=512)
def _ink_on(colour: str) -> str:  # drawn every frame for every badge: worked out once per colour
    return H.ink_for(colour, ("#1b222c", "#f4eedd"), ("#000000", "#ffffff"))


# Named text sizes in pixels at 720 px window height and the "normal" scale.
SIZES = {"tiny": 12, "small": 14, "body": 16, "label": 17, "h3": 19, "h2": 24, "h1": 34, "title": 50}


_FALLBACK_RE = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for _, _, ranges in FALLBACK_FONTS
                                        for lo, hi in ranges) + "]")


class ScriptFont(pygame.font.Font):
    """Noto Sans, drawing the letters it lacks (Georgian, Armenian) with a fallback font.

    SDL_ttf 2 has no font fallback, so a text with such letters is cut into runs, each
    drawn with the font that has its letters and set on the main font's baseline. A text
    without them is drawn by Noto Sans alone, as before. ``fallbacks`` follows
    ``glyphs.FALLBACK_FONTS`` (None where a font file is missing: its letters then show as boxes).
    """

    def __init__(self, path, size: int, fallbacks: list[pygame.font.Font | None]):
        super().__init__(path, size)
        self.fallbacks = fallbacks

    def _runs(self, text: str) -> list[tuple[pygame.font.Font | None, str]]:
        runs: list[tuple[pygame.font.Font | None, str]] = []
        for ch in text:
            n = fallback_index(ch)
            font = self.fallbacks[n] if n >= 0 and n < len(self.fallbacks) else None
            if runs and (font is runs[-1][0] or unicodedata.combining(ch)):  # a mark stays with its letter
                runs[-1] = (runs[-1][0], runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        return runs

    def _needs_fallback(self, text) -> bool:
        return isinstance(text, str) and any(self.fallbacks) and _FALLBACK_RE.search(text) is not None

    def size(self, text):
        if not self._needs_fallback(text):
            return super().size(text)
        width = 0
        for font, run in self._runs(text):
            width += (font.size(run) if font is not None else super().size(run))[0]
        return width, self.get_height()

    def render(self, text, antialias, color, bgcolor=None, *args, **kwargs):
        if not self._needs_fallback(text) or args or kwargs:
            if bgcolor is None:
                return super().render(text, antialias, color, *args, **kwargs)
            return super().render(text, antialias, color, bgcolor, *args, **kwargs)
        parts = []
        for font, run in self._runs(text):
            if font is None:
                parts.append((super().render(run, antialias, color), self.get_ascent()))
            else:
                parts.append((font.render(run, antialias, color), font.get_ascent()))
        height = self.get_height()
        surf = pygame.Surface((max(1, sum(p.get_width() for p, _ in parts)), height), pygame.SRCALPHA)
        if bgcolor is not None:
            surf.fill(bgcolor)
        x = 0
        for part, ascent in parts:
            surf.blit(part, (x, self.get_ascent() - ascent))
            x += part.get_width()
        return surf


class Fonts:
    """Font cache; ``get('body', bold=True)`` gives the scaled Noto Sans (a :class:`ScriptFont`)."""

    def __init__(self, scale: float = 1.0):
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}
        self.scale = scale

    def set_scale(self, scale: float) -> None:
        if abs(scale - self.scale) > 1e-6:
            self.scale = scale

    def px(self, name: str | int) -> int:
        """A length scaled like the text (named text sizes or plain pixels at 720 p)."""
        base = SIZES[name] if isinstance(name, str) else int(name)
        return max(1, int(round(base * self.scale)))

    def gap(self, n: int) -> int:
        """A small fixed margin (``n`` pixels, as drawn up to 1920 x 1080) that grows with the text
        beyond it, so that at 2560 x 1440 and 4K a key hint's box, the gap between two tabs or
        after "For:" keep their proportions instead of shrinking to a hairline beside big text."""
        return n if self.scale <= 1.5 else int(round(n * self.scale / 1.5))

    def get(self, name: str | int = "body", bold: bool = False) -> pygame.font.Font:
        size = max(9, self.px(name))
        key = (size, bold)
        font = self._cache.get(key)
        if font is None:
            path = font_dir() / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
            fallbacks: list[pygame.font.Font | None] = []
            for regular, bold_face, _ in FALLBACK_FONTS:
                try:
                    fallbacks.append(pygame.font.Font(str(font_dir() / (bold_face if bold else regular)), size))
                except (OSError, FileNotFoundError, pygame.error):
                    fallbacks.append(None)
            try:
                font = ScriptFont(str(path), size, fallbacks)
            except (OSError, FileNotFoundError, pygame.error):
                font = ScriptFont(None, size, fallbacks)
            self._cache[key] = font
        return font

    def line_height(self, name: str | int = "body", bold: bool = False) -> int:
        return self.get(name, bold).get_linesize()


MIN_WINDOW_SCALE, MAX_WINDOW_SCALE = 0.85, 3.0


def window_scale(height: int, width: int | None = None) -> float:
    """Grow text with the window: 1.0 at 720 px high, 1.5 at 1080 px, 3.0 at 2160 px (4K, the largest:
    a 4K screen looks like a 1280 x 720 window scaled up). A window narrower than 16:10 counts its
    width instead (1.0 at 1152 px across), so a portrait screen (1080 x 1920), a 4:3 or a 5:4 one is
    laid out for the width it has, not for its height; an ultra-wide one (2560 x 1080) goes by its
    height. Never below 0.85 (the smallest window, MIN_SIZE, gets that)."""
    ratio = height / 720 if width is None else min(height / 720, width / 1152)
    return max(MIN_WINDOW_SCALE, min(MAX_WINDOW_SCALE, ratio))


def gui_theme(scale: float) -> dict:
    """The pygame_gui theme (assets/theme/pygame_gui_theme.json) with fonts scaled."""
    path = assets_dir() / "theme" / "pygame_gui_theme.json"
    try:
        theme = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        theme = {}
    theme = copy.deepcopy(theme)
    # pygame_gui (0.6) does not give the "defaults" font to the elements: the text entries get it
    # explicitly (else their text stays at the library's 14 px whatever the window's text size)
    base_font = theme.get("defaults", {}).get("font")
    if isinstance(base_font, dict):
        block = theme.setdefault("text_entry_line", {})
        if isinstance(block, dict) and "font" not in block:
            block["font"] = copy.deepcopy(base_font)
    # the several-line field (a delegation's memo) looks and types as the one-line ones: the same
    # colours and the same font, whose Georgian and Armenian letters were boxes in the defaults'
    line = theme.get("text_entry_line")
    if isinstance(line, dict) and "text_entry_box" not in theme:
        theme["text_entry_box"] = copy.deepcopy(line)
    fdir = font_dir().as_posix()
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if not isinstance(font, dict):
            continue
        for key in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
            if key in font:
                font[key] = font[key].replace("FONT_DIR", fdir)
        if "size" in font:
            font["size"] = str(max(9, int(round(int(font["size"]) * scale))))
    return theme
