"""A small immediate-mode widget kit: each frame a scene draws its widgets and
registers hit regions; the next frame's clicks, wheel turns and hovers go to
those regions. Regions carry a ``name`` so tests can click them like a user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui import draw as D


_FIT_CACHE: dict = {}  # Ui.fit_label's answers (buttons are drawn every frame)


@dataclass
class Region:
    rect: pygame.Rect
    name: str = ""
    on_click: Callable[[], None] | None = None
    tooltip: str = ""
    enabled: bool = True
    on_wheel: Callable[[int], None] | None = None
    on_right: Callable[[], None] | None = None
    on_double: Callable[[], None] | None = None  # the second click of a double click on it (else on_click)
    on_drag: Callable[[int], bool | None] | None = None  # a finger dragged over it so many pixels (down: > 0)
    drag_step: int = 0  # else a drag turns ``on_wheel`` a notch each so many pixels (0: two lines of text)
    # (``on_drag`` and ``on_wheel`` return whether the list moved: a flick's glide stops when it did not)


class Ui:
    """Hit regions of one scene (rebuilt every frame by its ``draw``)."""

    def __init__(self, app):
        self.app = app
        self.regions: list[Region] = []
        self._next: list[Region] = []
        self._last_click: tuple[float, str, tuple[int, int]] | None = None  # (time, region, position)

    @property
    def c(self):
        return self.app.colours

    @property
    def f(self):
        return self.app.fonts

    def begin(self) -> None:
        self._next = []

    def end(self) -> None:
        self.regions = self._next

    def add(self, rect, name: str = "", on_click=None, tooltip: str = "", enabled: bool = True,
            on_wheel=None, on_right=None, on_double=None, on_drag=None, drag_step: int = 0) -> Region:
        region = Region(pygame.Rect(rect), name, on_click, tooltip, enabled, on_wheel, on_right, on_double,
                        on_drag, drag_step)
        self._next.append(region)
        return region

    def find(self, name: str) -> Region | None:
        for r in reversed(self.regions):
            if r.name == name:
                return r
        return None

    def names(self) -> list[str]:
        return [r.name for r in self.regions if r.name]

    def at(self, pos) -> Region | None:
        for r in reversed(self.regions):
            if r.rect.collidepoint(pos):
                return r
        return None

    # --- events -----------------------------------------------------------------
    def click(self, pos, button: int = 1) -> bool:
        for r in reversed(self.regions):
            if not r.rect.collidepoint(pos):
                continue
            if not r.enabled:
                return True
            if button == 3 and r.on_right:
                r.on_right()
                return True
            if button == 1 and r.on_click:
                if self._second_click(r, pos) and r.on_double is not None:
                    r.on_double()  # (a list row: the first click chose it, the second opens it)
                else:
                    r.on_click()
                return True
            if r.on_click or r.on_right:
                return True
        return False

    def _second_click(self, region: Region, pos) -> bool:
        """Whether this click on ``region`` is the second of a double click on it (a third starts again)."""
        now = self.app.time
        last, self._last_click = self._last_click, (now, region.name, tuple(pos))
        if last is None or last[1] != region.name or not self.app.same_click(last[0], last[2], pos):
            return False
        self._last_click = None
        return True

    def wheel(self, pos, dy: int) -> bool:
        for r in reversed(self.regions):
            if r.on_wheel and r.rect.collidepoint(pos):
                r.on_wheel(dy)
                return True
        return False

    def scroll_at(self, pos) -> Region | None:
        """The list or log at ``pos`` (what the wheel there scrolls, and a finger dragged there)."""
        for r in reversed(self.regions):
            if r.on_wheel and r.rect.collidepoint(pos):
                return r
        return None

    def right_at(self, pos) -> Region | None:
        """What a click at ``pos`` goes to, if a right-click does something there (a long press does it)."""
        for r in reversed(self.regions):
            if r.rect.collidepoint(pos) and (r.on_click or r.on_right or not r.enabled):
                return r if r.enabled and r.on_right else None
        return None

    def tooltip_at(self, pos) -> str:
        for r in reversed(self.regions):
            if r.rect.collidepoint(pos) and r.tooltip:
                return r.tooltip
        return ""

    # --- widgets ------------------------------------------------------------------
    def button(self, surf, rect, label: str, on_click=None, *, name: str = "", shortcut: str = "",
               tooltip: str = "", enabled: bool = True, selected: bool = False, style: str = "normal",
               size: str = "label", bold: bool = True, on_double=None) -> Region:
        """A button; ``enabled=False`` draws it dim but still explains itself on hover. ``on_double``:
        what the second click of a double click on it does instead (a list row opens what it chose).

        Dim buttons stay clickable when ``style`` is 'soft' (the rules then say why in place).
        """
        rect = pygame.Rect(rect)
        c = self.c
        mouse = self.app.mouse_pos
        # (a finger lifted leaves the pointer where it tapped: no hover look there; while it presses, the look
        # says what it presses)
        lifted = getattr(self.app, "touch_click", False) and getattr(self.app, "press", None) is None
        hover = rect.collidepoint(mouse) and enabled and not lifted
        if style == "primary":
            fill = c["brass"] if not hover else c["brass_text"]
            ink = c["ink"]
            border = c["brass_text"]
        elif style == "soft":  # looks dim (the rules would refuse) but still clickable
            fill = c["button_disabled"] if not hover else c["button"]
            ink = c["button_text_disabled"] if not hover else c["button_text"]
            border = c["panel_border"]
        elif style == "paper":
            fill = c["paper"] if not hover else c["paper_shade"]
            ink = c["ink"]
            border = c["brass"] if selected else c["paper_line"]
        else:
            fill = c["button_hover"] if hover else c["button"]
            ink = c["button_text"]
            border = c["brass"] if selected else c["panel_border"]
        if selected and style != "paper":
            fill = c["button_down"]
            ink = c["brass_text"]
        if not enabled:
            fill, ink, border = c["button_disabled"], c["button_text_disabled"], c["panel_border"]
        g = self.f.gap  # the margins: as at 1080 p up to it, growing beyond (1440 p, 4K)
        D.rounded(surf, rect.move(0, g(2)), c["shadow"], g(6))
        D.rounded(surf, rect, fill, g(6))
        D.rounded(surf, rect, border, g(6), g(2) if (selected or hover) else g(1))
        font, show_key, fits = self.fit_label(rect, label, size, bold, shortcut)
        small = self.f.get("tiny", True)
        key_w = 0
        if show_key:
            ks = D.render(small, shortcut, ink)
            key_w = ks.get_width() + g(10)
            kr = pygame.Rect(0, 0, ks.get_width() + g(6), ks.get_height())
            kr.midright = (rect.right - g(5), rect.centery)
            pygame.draw.rect(surf, ink, kr, g(1), border_radius=g(3))
            surf.blit(ks, ks.get_rect(center=kr.center))
        avail = rect.width - g(12) - key_w
        D.text(surf, font, label, (rect.x + g(6) + avail // 2, rect.centery), ink, "center", max_width=avail)
        tip = tooltip or ("" if fits and show_key else label)  # a cut label or a hidden key: the tooltip says it
        if shortcut and tip:
            tip = f"{tip}  [{shortcut}]"
        return self.add(rect, name or f"button:{label}", on_click, tip, enabled, on_double=on_double)

    _SMALLER = {"h3": "label", "label": "small", "body": "small", "small": "tiny"}

    def fit_label(self, rect: pygame.Rect, label: str, size: str = "label", bold: bool = True,
                  shortcut: str = "") -> tuple[pygame.font.Font, bool, bool]:
        """(font, whether the key hint shows, whether the label fits whole) for a button: the label
        whole in its own size with the key hint if it fits; else without the hint (the tooltip names
        the key); else one size smaller (never below the "tiny" size); else cut with "...".
        """
        f = self.f
        cache_key = (f, f.scale, rect.width, label, size, bold, shortcut)
        kept = _FIT_CACHE.get(cache_key)
        if kept is not None:
            return kept
        fit = self._fit_label(rect, label, size, bold, shortcut)
        if len(_FIT_CACHE) > 2000:
            _FIT_CACHE.clear()
        _FIT_CACHE[cache_key] = fit
        return fit

    def keyed_width(self, label: str, shortcut: str, size: str = "label", bold: bool = True) -> int:
        """The narrowest button that shows ``label`` whole in its own ``size`` with the key hint
        ``shortcut`` beside it (as :meth:`fit_label` decides)."""
        f = self.f
        key_w = f.get("tiny", True).size(shortcut)[0] + f.gap(16) if shortcut else 0
        need = f.get(size, bold).size(label)[0] + f.gap(12) + key_w
        return max(need, key_w + 31 + f.gap(12)) if shortcut else need

    def _fit_label(self, rect: pygame.Rect, label: str, size, bold: bool, shortcut: str):
        f = self.f
        key_w = f.get("tiny", True).size(shortcut)[0] + f.gap(16) if shortcut else 0
        room_key = shortcut and rect.width - key_w > 30 + f.gap(12)
        font = f.get(size, bold)
        inner = rect.width - f.gap(12)
        if room_key and font.size(label)[0] <= inner - key_w:
            return font, True, True
        if font.size(label)[0] <= inner:
            return font, False, True
        smaller = self._SMALLER.get(size) if isinstance(size, str) else None
        if smaller is not None:
            font2 = f.get(smaller, bold)
            if font2.size(label)[0] <= inner:
                return font2, False, True
        return font, False, False

    def segmented(self, surf, rect, options: list[tuple[str, str]], value: str, on_pick, *, name: str,
                  tooltips: dict | None = None) -> None:
        """A row of toggle buttons; ``options`` is [(value, label)]."""
        rect = pygame.Rect(rect)
        n = max(1, len(options))
        gap = 6
        w = (rect.width - gap * (n - 1)) // n
        for i, (val, label) in enumerate(options):
            r = pygame.Rect(rect.x + i * (w + gap), rect.y, w, rect.height)
            self.button(surf, r, label, (lambda v=val: on_pick(v)), name=f"{name}:{val}",
                        selected=(val == value), tooltip=(tooltips or {}).get(val, ""), size="body")

    def scroll_lines(self, surf, rect: pygame.Rect, items: list, state: dict, render_item, *, name: str,
                     stick_bottom: bool = False, memo: dict | None = None) -> None:
        """A vertical list of variable-height items, clipped, scrolled by the wheel or a finger dragged over it.

        ``render_item(item, width) -> pygame.Surface`` (cache it: it is called for every item);
        ``state`` keeps ``offset`` (pixels from the top) and ``at_bottom``. With ``memo`` (a dict
        kept by the caller) the surfaces are kept while ``items`` is the same object (an immutable
        tuple from a view-model) and the width is the same, so an unchanged list costs nothing, and
        only the new items are rendered when the list grew at its end (``items`` must then be
        items that compare equal when they show the same, as the view-models' frozen dataclasses).
        """
        rect = pygame.Rect(rect)
        width = rect.width - 14
        old = memo.get("items") if memo is not None and memo.get("width") == width else None
        if old is items:
            surfaces, total = memo["surfaces"], memo["total"]
        else:
            if old and len(items) >= len(old) and items[len(old) - 1] == old[-1] and items[0] == old[0]:
                # the same list with items added at the end (a log): only those are new
                surfaces = memo["surfaces"] + [render_item(it, width) for it in items[len(old):]]
            else:
                surfaces = [render_item(it, width) for it in items]
            total = sum(s.get_height() for s in surfaces)
            if memo is not None:
                memo.update(items=items, width=width, surfaces=surfaces, total=total)
        max_off = max(0, total - rect.height)
        if stick_bottom and state.get("at_bottom", True):
            state["offset"] = max_off
        off = max(0, min(state.get("offset", 0), max_off))
        state["offset"] = off
        state["at_bottom"] = off >= max_off - 2
        clip = surf.get_clip()
        surf.set_clip(rect)
        y = rect.y - off
        for s in surfaces:
            h = s.get_height()
            if y + h >= rect.y and y <= rect.bottom:
                surf.blit(s, (rect.x, y))
            y += h
        surf.set_clip(clip)
        if max_off > 0:
            D.scroll_bar(surf, pygame.Rect(rect.right - 6, rect.y, 5, rect.height), total, off,
                         self.c["panel_light"], self.c["brass_dim"], 20)

        def on_drag(dy: int) -> bool:  # (a notch of the wheel: three lines; a finger: as far as it moves)
            old = state.get("offset", 0)
            state["offset"] = max(0, min(max_off, old - dy))
            state["at_bottom"] = state["offset"] >= max_off - 2
            return state["offset"] != old  # (False: at its end, where a glide stops)

        self.add(rect, name, None, "", True, lambda dy: on_drag(dy * self.f.line_height("body") * 3),
                 on_drag=on_drag)


def tooltip_box(surface: pygame.Surface, app, tip: str, pos, above: bool = False) -> tuple[pygame.Rect, list[str]]:
    """Where a tooltip goes (beside the pointer, inside the window; ``above`` it where there is room: a
    finger's, whose hand covers what is below it) and its lines. Its width grows
    with the text beyond 720 p (460 px there and below): a fixed 460 px held a few words a line at
    4K, a long tooltip a tall narrow column; never wider than the window, nor (its lines cut) taller."""
    font = app.fonts.get("small")
    g = app.fonts.gap
    W, H = surface.get_size()
    width = min(max(460, app.fonts.px(460)), W - 20)
    lines = D.wrap(font, tip, width - 2 * g(8))
    lh = font.get_linesize()
    lines = lines[:max(1, (H - 8 - 2 * g(5)) // lh)]
    w = max(font.size(line)[0] for line in lines) + 2 * g(8)
    h = lh * len(lines) + 2 * g(5)
    x, y = pos[0] + 16, pos[1] + 20
    if x + w > W - 4:
        x = max(4, pos[0] - w - 8)
    if y + h > H - 4 or (above and pos[1] - h - 24 >= 4):
        y = max(4, pos[1] - h - (24 if above else 8))
    return pygame.Rect(x, y, w, h), lines


def draw_tooltip(surface: pygame.Surface, app, tip: str, pos, above: bool = False) -> None:
    if not tip:
        return
    font = app.fonts.get("small")
    rect, lines = tooltip_box(surface, app, tip, pos, above)
    lh = font.get_linesize()
    g = app.fonts.gap
    c = app.colours
    D.rounded(surface, rect.move(2, 3), c["shadow"], 6)
    D.rounded(surface, rect, c["paper"], 6)
    D.rounded(surface, rect, c["brass"], 6, g(1))
    for n, line in enumerate(lines):
        surface.blit(D.render(font, line, c["ink"]), (rect.x + g(8), rect.y + g(5) + n * lh))


class Layers:
    """Parts of a screen kept as pictures, with their hit regions, while what they show is
    unchanged (``key``): a name card, the clause grid. Each part is drawn on a transparent
    layer of its own (the theme's colours are opaque, so the layer looks exactly like drawing on
    the screen), so a kept part never carries pixels of its neighbours. Text recording for the
    tests (``draw.RECORDER`` / ``draw.RECTS``) draws every part afresh."""

    def __init__(self):
        self._kept: dict = {}

    def clear(self) -> None:
        self._kept.clear()

    def draw(self, ui: Ui, surf: pygame.Surface, name, area: pygame.Rect, key, draw_fn) -> None:
        """``draw_fn(target, origin)`` draws the part on ``target`` with ``origin`` (the top left of
        ``area`` on ``surf``) at (0, 0); ``area`` must hold everything it draws."""
        area = pygame.Rect(area)
        if D.RECORDER is not None or D.RECTS is not None or key is None:
            self._kept.pop(name, None)
            draw_fn(surf, (0, 0))
            return
        kept = self._kept.get(name)
        if kept is not None and kept[0] == area and kept[1] == key:
            surf.blit(kept[2], area.topleft)
            ui._next.extend(kept[3])
            return
        layer = pygame.Surface(area.size, pygame.SRCALPHA)
        n = len(ui._next)
        draw_fn(layer, area.topleft)
        regions = ui._next[n:]
        for r in regions:
            r.rect.move_ip(area.topleft)
        surf.blit(layer, area.topleft)
        self._kept[name] = (area, key, layer, regions)
