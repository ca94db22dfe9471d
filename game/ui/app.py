"""The game window: one loop (``process_events -> update(dt) -> draw``) over a scene stack.

``run_app(args)`` is what ``python -m game play`` calls. Scenes live in
``game/ui/scenes*.py``; presenters (``game/ui/presenters.py``) turn the match
into plain view-models, so nothing drawn here reads engine internals directly.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import threading
import time
import traceback
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pygame
import pygame_gui

from game.ui import draw as D
from game.ui.ai_runner import AIRunner
from game.ui.autosaver import AutosaveWriter
from game.ui.settings import MIN_SIZE, Settings, first_size, parse_size, window_room
from game.ui.theme import FONT_SCALES, Fonts, gui_theme, load_colours, window_scale
from game.ui.widgets import Region, Ui, draw_tooltip

FPS = 60  # frames a second while anything moves or changes, or the player is at it (App.frame_rate)
IDLE_FPS = 10  # nothing moves: the person reads or thinks (a laptop on battery); a text field's caret
# blinking (every 0.4 s) adds no frames: its toggles land on frames of their own time (App.caret_due)
UNFOCUSED_FPS = 5  # the same in a window without the keyboard (another window has it)
HIDDEN_FPS = 2  # minimised or hidden: nobody sees it, but the game goes on (the AI, autosaves)


@dataclass
class GameSetup:
    """What the setup screens collect before a match starts."""

    scenario_ref: str = "cst-1999"
    humans: list[str] = field(default_factory=list)
    difficulty: str = "normal"
    events: str = "historical"
    seed: int | None = None
    facilitator: bool = False  # the teacher's sandbox: every role on one screen
    takebacks_off: bool = False  # the teacher's choice: no take-backs in this game (play --no-takeback)


@dataclass
class Toast:
    """A short message drawn over the screen for a few seconds (one at a time; see ``App.toast``)."""

    message: str
    error: bool = False
    seconds: float = 4.0
    shown_at: float | None = None  # when it first showed (a toast waits while a dialog is up)
    public: bool = False  # says nothing of any delegation's private view ("Loaded ..."): in hotseat it
    # stays for the privacy screen that comes up before the first team's table


@dataclass
class Press:
    """A finger on the screen (SDL's mouse events with ``touch``), or the mouse's button held over a list, until
    it is let go. A finger's tap acts when it is lifted where it touched (a few pixels of jitter are still a
    tap); dragged further, the finger scrolls the list or log under it and taps nothing (flicked, the list
    glides on when it lifts: see Glide); held still for ``App.LONG_PRESS_S`` it is a long press: a
    right-click where one does something (a name card: choose it), else nothing but the tooltip."""

    pos: tuple[int, int]
    scene: Scene
    at: float  # when it touched
    pending: bool  # a tap not yet made (a finger's; the mouse's click acted when pressed)
    scroll: str | None  # the name of the list or log under it (which a drag scrolls)
    dragging: bool = False
    last_y: int = 0
    carry: float = 0.0  # pixels dragged not yet a notch (a list the wheel scrolls a row a notch)
    bar: bool = False  # the mouse took the list's scroll bar (its right edge): the content moves the other way
    touch: bool = False  # a finger (only a finger's flick glides on: see Glide)
    trail: list = field(default_factory=list)  # (App.time, y) of its last moves (its speed when it lifts)


@dataclass
class Glide:
    """A list or log gliding on after a finger's flick (kinetic scrolling, as on a phone): it goes on at the
    finger's speed when it lifted, slowing by exponential friction (``v(t) = v0 e^(-t / tau)``, so it
    travels ``v0 tau`` in all) until its speed falls below ``App.GLIDE_STOP_V``, or the list's end. Where
    it is at a time is worked out from the time since it began (not frame by frame), so it goes as far at
    20 frames a second as at 60."""

    scene: Scene
    scroll: str  # the name of the list or log (its region)
    v0: float  # pixels a second, the finger's way (down: > 0), when the finger lifted
    at: float  # App.time it began
    tau: float  # seconds: the friction's time constant
    ends: float  # seconds after ``at`` it stops (its speed then GLIDE_STOP_V)
    sent: int = 0  # whole pixels the list has been moved by
    carry: float = 0.0  # pixels not yet a notch (a list the wheel scrolls a row a notch)

    def travel(self, t: float) -> float:
        """Pixels travelled ``t`` seconds after it began."""
        t = max(0.0, min(t, self.ends))
        return self.v0 * self.tau * (1.0 - math.exp(-t / self.tau))


class Undrawn:
    """The characters a text field refuses (typed, pasted or set): those that draw nothing or are no
    text. pygame_gui fails ("Text has zero width") when the text of a field is only characters that
    draw nothing, as a zero-width space, a direction mark or a variation selector typed into an empty
    field; and a control character (a NUL in a paste) is nothing a name, a seed or a path needs."""

    ZERO_WIDTH_MARKS = frozenset(map(chr, (0x34F, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F)))

    def __contains__(self, ch: object) -> bool:
        if not isinstance(ch, str) or len(ch) != 1:
            return False
        if unicodedata.category(ch) in ("Cc", "Cf", "Cn", "Cs"):  # controls, format, unassigned, surrogates
            return True
        return ch in self.ZERO_WIDTH_MARKS or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF

    def copy(self) -> Undrawn:  # (pygame_gui copies the set it is given)
        return self


UNDRAWN = Undrawn()

TEXT_FIELDS = (pygame_gui.elements.UITextEntryLine, pygame_gui.elements.UITextEntryBox)  # what takes typing
MAX_TYPED = 2000
"""Characters a text field holds (a path, a seed, a save's name, a facilitator's news): pygame_gui draws
all of a field's text again at every key, and 76,000 letters pasted into a field froze the window for
1.5 s at every key (a longer paste is refused, and the window says why)."""


class Scene:
    """One screen. ``opaque`` scenes hide what is below them (privacy relies on it)."""

    name = "scene"
    opaque = True
    _refocus: str | None = None  # the text field that had the keyboard when drop_entries removed it

    def __init__(self, app: App):
        self.app = app
        self.ui = Ui(app)
        self.frames = 0
        self.age = 0.0
        self.entries: dict[str, pygame_gui.elements.UITextEntryLine] = {}
        self._entry_text: dict[str, str] = {}

    # shortcuts
    @property
    def c(self):
        return self.app.colours

    @property
    def f(self):
        return self.app.fonts

    # lifecycle -------------------------------------------------------------------
    def enter(self) -> None:
        pass

    def leave(self) -> None:
        self.drop_entries()

    def pause(self) -> None:
        focused = self.app.manager.get_focus_set() or ()
        for key, e in self.entries.items():
            if e in focused:  # a hidden field does not keep the keyboard under a dialog,
                self._refocus = key  # but has it back when the dialog closes (resume)
                self.app.unfocus_entries()
        for e in self.entries.values():
            e.hide()

    def resume(self) -> None:
        for e in self.entries.values():
            e.show()
        # The field that had the keyboard gets it back: the window's close button (or a fault) over
        # the Save dialog, then Cancel, left its name field without it, and the letters typed next
        # went nowhere. (A field dropped meanwhile gets it when it is drawn again, see entry.)
        if self._refocus in self.entries:
            key, self._refocus = self._refocus, None
            self.focus_entry(key)

    def handle_event(self, event) -> bool:
        return False

    def update(self, dt: float) -> None:
        pass

    def draw(self, surf: pygame.Surface) -> None:
        pass

    def shot_name(self) -> str | None:
        return self.name

    def ready_for_shot(self) -> bool:
        return self.frames >= 3  # App._maybe_shoot also waits until every scene is settled()

    def settled(self) -> bool:
        """Whether no animation is under way (screenshots wait for it)."""
        return True

    def busy(self) -> bool:
        """Whether this screen, on top, changes by itself now (an animation, the AI moving, work done a
        little each frame): the window draws at its full rate then (``App.frame_rate``)."""
        return not self.settled()

    def wake_in(self) -> float | None:
        """Seconds (of ``App.time``) until this screen, on top and not ``busy``, changes by itself (the end
        of the AI's pause between two moves): the window draws a frame then, whatever its rate. None:
        nothing is due."""
        return None

    toast_fill = False  # the toast covers its slot exactly (see App._draw_toasts)

    def toast_slot(self, size: tuple[int, int]) -> pygame.Rect | list[pygame.Rect] | None:
        """Where a toast may be drawn on this screen without covering its controls (a rect, or
        several smallest first; None: not now, it waits until this screen is gone, as under a
        dialog). Scenes set ``toast_area`` while drawing when they know a better place; else a band
        along the bottom of the window."""
        area = getattr(self, "toast_area", None)
        if area is not None:
            return area
        W, H = size
        f = self.app.fonts
        m = f.px(12)
        h = f.line_height("body", True) * 2 + f.px(14)
        return pygame.Rect(m, H - h - m // 2, W - 2 * m, h)

    def autoplay(self) -> None:
        """Advance by itself when the app plays every role (``--autoplay``)."""

    # pygame_gui text entries ---------------------------------------------------------
    def entry(self, key: str, rect: pygame.Rect, initial: str = "", placeholder: str = ""):
        def make(rect):
            e = pygame_gui.elements.UITextEntryLine(rect, self.app.manager,
                                                     initial_text=self._entry_text.get(key, initial),
                                                     placeholder_text=placeholder or None)
            e.set_forbidden_characters(UNDRAWN)
            e.set_text_length_limit(MAX_TYPED)
            return e
        return self._field(key, rect, make)

    def text_box(self, key: str, rect: pygame.Rect, initial: str = "", placeholder: str = ""):
        """A text field of several lines (Enter starts a new line), kept with the one-line fields
        (``entries``: hidden under a dialog, made again after a resize with its text). Its text is
        plain: '&' and '<' are letters (pygame_gui reads the text it is given as HTML)."""
        def make(rect):
            e = pygame_gui.elements.UITextEntryBox(rect, "", self.app.manager, placeholder_text=placeholder or None)
            text = self._entry_text.get(key, initial)
            if text:
                e.set_text(text.replace("&", "&amp;"))
            return e
        return self._field(key, rect, make)

    def _field(self, key: str, rect: pygame.Rect, make):
        """The text field ``key`` at ``rect``: ``make(rect)`` makes it the first time (and after
        drop_entries); moved and resized after that."""
        e = self.entries.get(key)
        rect = pygame.Rect(rect)
        if e is None:
            e = make(rect)
            self.entries[key] = e
            if self.app.top is not self:  # made again under a dialog (F11 or a resize while it is up):
                e.hide()  # hidden, and the keyboard back only when the dialog closes (resume)
            elif self._refocus == key:  # it had the keyboard before drop_entries
                self._refocus = None
                self.focus_entry(key)
        elif e.relative_rect != rect:
            e.set_relative_position(rect.topleft)
            e.set_dimensions(rect.size)
        return e

    def entry_text(self, key: str, default: str = "") -> str:
        e = self.entries.get(key)
        if e is not None:
            return e.get_text()
        return self._entry_text.get(key, default)

    def set_entry_text(self, key: str, value: str) -> None:
        self._entry_text[key] = value
        e = self.entries.get(key)
        if e is not None:
            e.set_text(value.replace("&", "&amp;") if isinstance(e, pygame_gui.elements.UITextEntryBox) else value)

    def focus_entry(self, key: str, select_all: bool = False) -> bool:
        """Give the keyboard to the text field ``key`` (drawn already), its caret at the end or, with
        ``select_all``, its text selected so that typing replaces it. False when it is not there."""
        e = self.entries.get(key)
        if e is None:
            return False
        self.app.manager.set_focus_set(e)
        n = len(e.get_text())
        try:  # pygame_gui's caret and selection (kept out of its public API)
            e.edit_position = n
            e.select_range = [0, n] if select_all else [n, n]
            e.redraw()
        except AttributeError:
            pass
        return True

    def drop_entries(self) -> None:
        """Remove the text fields (a new text scale makes new ones, the next time they are drawn),
        keeping their text, and which one had the keyboard: a resize or F11 while typing a save's
        name or a seed left the field without it, and the next letters went to the shortcuts
        (a digit choosing a role, F starting as facilitator)."""
        for key, e in self.entries.items():
            self._entry_text[key] = e.get_text()
            if e.is_focused:
                self._refocus = key
            e.kill()
        self.entries = {}


class App:
    def __init__(self, args=None, *, strict: bool = False, record_text: bool = False):
        self.args = args
        self.strict = strict
        self.settings = Settings.load()
        # SDL turns SIGTERM and SIGINT into a window-close request, which asks "leave the game?"
        # while one is in progress, so `kill`, Ctrl-C in the terminal or logging out left the
        # window running. The game handles them itself instead (see _on_signal).
        os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
        self.stop_signal: int | None = None
        self._old_handlers = self._catch_signals()
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(*self.KEY_REPEAT)
        if not self.settings.size_saved:  # the first start: a window sized for the screen (kept when
            # the settings are next saved, so that it comes back as it was)
            self.settings.use_first_size(first_size(self.desktop()))
        size = parse_size(getattr(args, "size", None)) or self.fit_screen(self.settings.size)
        self.fullscreen = False
        self.windowed_size: tuple[int, int] | None = None  # the window's size before full screen
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self._keep_min_size()
        pygame.display.set_caption("Treaty Table")
        if self.settings.fullscreen:
            self.set_fullscreen(True)
        self.size = self.screen.get_size()
        self.colours = load_colours()
        self.fonts = Fonts(self._scale())
        self.manager = pygame_gui.UIManager(self.size, gui_theme(self._scale()))
        self.scenes: list[Scene] = []
        self.mouse_pos = (0, 0)
        self._hover_since = (None, 0.0)
        self.clock = pygame.time.Clock()
        self.running = True
        self.exit_code = 0
        self.match = None  # the match being played (for autosave and the quit question)
        self.match_read_only = False  # the match is only watched (replay --window): never autosaved
        self.active_human: str | None = None  # the delegation whose private screen may show
        self.keys_held: set[int] = set()  # keys down now (KEYDOWN seen, no KEYUP yet): a repeat is one held
        self.repeating = False  # the last KEYDOWN is a held key repeating (no KEYUP since)
        self.last_click: tuple[float, tuple[int, int]] | None = None  # (time, position) of the last click
        self.press: Press | None = None  # a finger on the screen, or the button held over a list (see Press)
        self.glide: Glide | None = None  # a list or log gliding on after a finger's flick (see Glide)
        self.touch_click = False  # the last click is a finger's tap (same_click allows it more jitter)
        # the click that changed the screen (opened, closed or replaced one, or its size or text size) or made
        # or took back a move:
        # (time, position, the screen on top after it, whether it moved)
        self.click_acted: tuple[float, tuple[int, int], Scene | None, bool] | None = None
        self.autoplay = bool(getattr(args, "autoplay", False))
        shots = getattr(args, "screenshots", None)
        self.shots_dir = Path(shots) if shots else None
        self.shots_taken: list[str] = []
        self.setup = GameSetup()
        self.toasts: list[Toast] = []  # the one shown first, then (at most) the newest one waiting
        # each memo as last typed in the window: (seat, round) -> text, with the spaces and new lines at its
        # end that the memo kept drops (game.ui.scene_memo: opened again, the memo goes on where it was)
        self.memo_drafts: dict[tuple[str, int], str] = {}
        self.frame_ms: list[float] = []
        self.time = 0.0
        self.last_input = 0.0  # self.time of the last event (the first frames count as input: full rate)
        self.window_hidden = False  # minimised or hidden (WINDOWMINIMIZED, WINDOWHIDDEN; until restored)
        self.window_focused = True  # the window has the keyboard (no WINDOWFOCUSLOST since it had it)
        self._frame_at = 0.0  # self.now() when the last frame of run() began
        self.faults = 0  # exceptions caught by the loop this session
        self.recorded: set[str] | None = set() if record_text else None
        self.text_rects: list | None = [] if record_text else None
        D.RECORDER = self.recorded
        D.RECTS = self.text_rects
        self.ai = AIRunner()  # computes the AI's moves off the frame loop (game/ui/ai_runner.py)
        self.saver = AutosaveWriter()  # writes the autosaves during play (game/ui/autosaver.py)

    # --- scale, size ------------------------------------------------------------------
    def _scale(self) -> float:
        w, h = self.screen.get_size()
        return window_scale(h, w) * FONT_SCALES.get(self.settings.font_scale, 1.0)

    def rescale(self, rebuild_gui: bool = False) -> None:
        self.press = None  # a finger down before the layout changed: its tap would land on what is there now
        self.glide = None  # (and a list's glide: its rows are elsewhere now)
        self.size = self.screen.get_size()
        scale = self._scale()
        changed = abs(scale - self.fonts.scale) > 1e-6
        if changed:
            self.fonts = Fonts(scale)
        if changed or rebuild_gui:
            for s in self.scenes:
                s.drop_entries()
            self.manager = pygame_gui.UIManager(self.size, gui_theme(scale))
        else:
            self.manager.set_window_resolution(self.size)

    def resize(self, size: tuple[int, int]) -> None:
        if self.fullscreen:
            self.set_fullscreen(False)
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self._keep_min_size()
        self._keep_on_screen()
        self.rescale()

    @staticmethod
    def desktop() -> tuple[int, int] | None:
        """The size of the (first) screen, or None when SDL cannot tell."""
        try:
            sizes = pygame.display.get_desktop_sizes()
        except pygame.error:
            return None
        return tuple(sizes[0]) if sizes and min(sizes[0]) > 0 else None

    @classmethod
    def fit_screen(cls, size: tuple[int, int]) -> tuple[int, int]:
        """``size`` cut to the screen's: the window of the settings (1280 x 720 by default) on a smaller
        screen (1024 x 600) opened larger than it, its title bar and its bottom row (the moves, Start)
        off the screen where the window manager does not shrink it. On a screen taller than 1080 px,
        cut to the room a window has there (settings.window_room: a 3840 x 2160 window on a 4K
        screen had its bottom row under the taskbar). (An explicit ``--size`` is kept.)"""
        desk = cls.desktop()
        if desk is None:
            return tuple(size)
        room = window_room(desk)
        return min(size[0], room[0]), min(size[1], room[1])

    def _keep_on_screen(self) -> None:
        """Move the window, grown by a size chosen in Settings, back onto the screen: SDL keeps its
        top-left corner where it was, so a 1280 x 720 window in the middle of a 4K screen made
        2560 x 1440 ran off the screen's right and bottom edges (its bottom row, the moves, out of
        reach). A window that still fits, clear of the taskbar's strip (settings.window_room: one ending
        in it had its moves under the taskbar), stays where it is; one on another screen (its corner
        beyond the first screen) is left alone."""
        desk = self.desktop()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                win = pygame.Window.from_display_module()
                (x, y), (w, h) = win.position, win.size
                if desk is None or not (0 <= x < desk[0] and 0 <= y < desk[1]):
                    return
                room = window_room(desk)
                if x + w <= room[0] and y + h <= room[1]:
                    return
                win.position = (max(0, (desk[0] - w) // 2), max(0, min((desk[1] - h) // 2, room[1] - h)))
        except (AttributeError, pygame.error, ValueError, TypeError):
            pass  # an older pygame, or no window to move: the window manager decides

    @staticmethod
    def min_window() -> tuple[int, int]:
        """The smallest window the layout is made for (settings.MIN_SIZE), or the desktop if smaller."""
        try:
            desk = (pygame.display.get_desktop_sizes() or [MIN_SIZE])[0]
        except pygame.error:
            desk = MIN_SIZE
        return min(MIN_SIZE[0], desk[0]), min(MIN_SIZE[1], desk[1])

    def _keep_min_size(self) -> None:
        """Tell the window manager the smallest size (dragging the edges stops there)."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = self.min_window()
        except (AttributeError, pygame.error, ValueError):
            pass  # an older pygame: VIDEORESIZE below still keeps the window from getting smaller

    def set_fullscreen(self, on: bool) -> None:
        """Full screen on or off. Off comes back to the window's size before it (``--size``, or as the
        player dragged it), not to the size in the settings: F11 twice leaves the window as it was."""
        try:
            if on:
                if not self.fullscreen:
                    self.windowed_size = self.screen.get_size()
                sizes = pygame.display.get_desktop_sizes() or [self.screen.get_size()]
                self.screen = pygame.display.set_mode(sizes[0], pygame.FULLSCREEN)
            else:
                size = self.windowed_size or self.fit_screen(self.settings.size)
                self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
                if self.screen.get_size() != tuple(size):
                    # pygame-ce before 2.5 leaves full screen at the desktop's size; asked again,
                    # it gives the size asked for
                    self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
                self._keep_min_size()
            self.fullscreen = on
        except pygame.error as exc:
            self.toast(f"Full screen is not available here ({exc}).", error=True)
        if hasattr(self, "fonts"):
            self.rescale()

    # --- scenes ------------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> Scene:
        self.saver.flush()  # a new screen may list the autosaves
        self.toasts.clear()  # a new screen (or a dialog) starts without the last one's messages
        if self.scenes:
            self.scenes[-1].pause()
        self.scenes.append(scene)
        scene.enter()
        return scene

    def pop(self, scene: Scene | None = None) -> None:
        if not self.scenes:
            return
        if scene is not None and scene in self.scenes and scene is not self.scenes[-1]:
            self.scenes.remove(scene)
            scene.leave()
            return
        old = self.scenes.pop()
        old.leave()
        if self.scenes:
            self.scenes[-1].resume()
        else:
            self.running = False

    def replace(self, scene: Scene) -> Scene:
        self.saver.flush()
        self.toasts.clear()
        if self.scenes:
            old = self.scenes.pop()
            old.leave()
        self.scenes.append(scene)
        scene.enter()
        return scene

    def reset(self, *scenes: Scene) -> None:
        """Clear the stack and push ``scenes`` bottom to top."""
        self.saver.flush()
        self.toasts.clear()
        while self.scenes:
            self.scenes.pop().leave()
        for s in scenes:
            self.push(s)

    def find_scene(self, cls) -> Scene | None:
        return next((s for s in reversed(self.scenes) if isinstance(s, cls)), None)

    # --- messages ------------------------------------------------------------------------
    MIN_TOAST_S = 1.5  # a toast shows at least this long before a newer one replaces it

    def toast(self, message: str, error: bool = False, seconds: float = 4.0, public: bool = False) -> None:
        """Show ``message`` for ``seconds`` in the top screen's toast slot. One toast shows at a time:
        a newer one replaces it (after it has shown for ``MIN_TOAST_S``), and only the newest waits.
        Toasts are dropped when a screen or a dialog is opened, and wait while a dialog is up."""
        new = Toast(message, error, seconds, public=public)
        head = self.toasts[0] if self.toasts else None
        if head is not None and (head.shown_at is not None or (head.error and not error)):
            self.toasts = [head, new]
        else:
            self.toasts = [new]

    def current_toast(self) -> Toast | None:
        """The toast to show now (expired ones are dropped; the timer of a waiting one starts when it shows)."""
        while self.toasts:
            head = self.toasts[0]
            if head.shown_at is None:
                return head
            end = head.shown_at + head.seconds
            if len(self.toasts) > 1:
                end = min(end, head.shown_at + self.MIN_TOAST_S)
            if self.time < end:
                return head
            self.toasts.pop(0)
        return None

    def typing(self) -> bool:
        """Whether a text entry has the keyboard (shortcuts are off then)."""
        for el in self.manager.get_focus_set() or ():
            if isinstance(el, TEXT_FIELDS):
                return True
        return False

    def unfocus_entries(self) -> None:
        for el in list(self.manager.get_focus_set() or ()):
            if hasattr(el, "unfocus"):
                el.unfocus()
        self.manager.set_focus_set(None)

    # --- match bookkeeping -----------------------------------------------------------
    def autosave(self) -> str | None:
        """Autosave now and wait for the disk; returns the error message if it failed."""
        if self.match is None or self.match_read_only:
            return None
        from game.session import facilitator as F
        from game.session.store import AutosaveSlots, os_error_text, user_data_dir

        self.saver.flush()  # the background ones first (the slots are numbered in order)
        try:
            AutosaveSlots(user_data_dir() / "autosaves").write(F.payload(self.match))
        except (OSError, TypeError, ValueError) as exc:
            why = os_error_text(exc)
            self.saver.last_error = why
            self.toast(self.autosave_failed_text(why), error=True)
            return why
        self.saver.last_error = None
        return None

    @staticmethod
    def autosave_failed_text(why: str) -> str:
        return (f"Autosave failed: {why}. The game goes on, but it is not saved until that folder can be "
                "written (free some space, check its permissions, or set TREATY_TABLE_HOME to a folder "
                "you can write to).")

    def autosave_soon(self) -> None:
        """Autosave the match as it is now, written by a background thread after this frame
        (a failure comes back as a toast). For the saves during play (every round)."""
        if self.match is None or self.match_read_only:
            return
        from game.session.store import user_data_dir

        self.saver.add(user_data_dir() / "autosaves", self.match)

    def request_quit(self) -> None:
        from game.ui.scenes import ConfirmQuitScene

        if isinstance(self.top, ConfirmQuitScene):
            return
        if self.match is not None and not self.match.over and not self.autoplay and not self.match_read_only:
            self.push(ConfirmQuitScene(self))
        else:
            self.running = False

    # --- the loop ------------------------------------------------------------------------
    HIDING_EVENTS = frozenset(getattr(pygame, n) for n in ("WINDOWMINIMIZED", "WINDOWHIDDEN") if hasattr(pygame, n))
    SHOWING_EVENTS = frozenset(getattr(pygame, n) for n in ("WINDOWRESTORED", "WINDOWSHOWN", "WINDOWEXPOSED",
                                                            "WINDOWMAXIMIZED", "WINDOWFOCUSGAINED")
                               if hasattr(pygame, n))
    # events that say only that the window went away: no reason to draw at the full rate
    QUIET_EVENTS = HIDING_EVENTS | frozenset({getattr(pygame, "WINDOWFOCUSLOST", -1), getattr(pygame, "WINDOWLEAVE", -1)})

    def _note_window(self, event) -> None:
        """Keep ``window_hidden``, ``window_focused`` and ``last_input`` (what ``frame_rate`` reads)."""
        t = event.type
        if t in self.HIDING_EVENTS:
            self.window_hidden = True
        elif t == getattr(pygame, "WINDOWFOCUSLOST", -1):
            self.window_focused = False
        elif t in self.SHOWING_EVENTS or t in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION,
                                               pygame.MOUSEWHEEL, pygame.TEXTINPUT):
            self.window_hidden = False  # (a key or the mouse on it: it is there, whatever SDL said)
            if t == getattr(pygame, "WINDOWFOCUSGAINED", -1):
                self.window_focused = True
        if t not in self.QUIET_EVENTS and not (t == pygame.ACTIVEEVENT and not getattr(event, "gain", 1)):
            self.last_input = self.time  # (pygame-ce's old ACTIVEEVENT, gain 0, comes with each quiet one)

    def process_events(self) -> None:
        for event in pygame.event.get():
            self._note_window(event)
            if event.type == pygame.QUIT:
                self.request_quit()
                continue
            if event.type == pygame.VIDEORESIZE:
                if not self.fullscreen:  # never below the smallest supported size (the layout's)
                    min_w, min_h = self.min_window()
                    w, h = max(min_w, event.w), max(min_h, event.h)
                    if self.screen.get_size() != (w, h):
                        self.screen = pygame.display.set_mode((w, h), pygame.RESIZABLE)
                self.rescale()
                continue
            if event.type == pygame.WINDOWSIZECHANGED:
                self.rescale()
                continue
            if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                self.mouse_pos = event.pos
                if event.type == pygame.MOUSEMOTION and not getattr(event, "touch", False):
                    self.touch_click = False  # the mouse again (a laptop with both): its hover and tooltips
            if event.type == pygame.MOUSEBUTTONDOWN:
                self.last_click = (self.time, event.pos)
                self.touch_click = bool(getattr(event, "touch", False))  # (the privacy screen's double-tap guard)
            if event.type == pygame.KEYDOWN:
                self.repeating = event.key in self.keys_held  # a held key repeating (no KEYUP since)
                self.keys_held.add(event.key)
            elif event.type == pygame.KEYUP:
                self.keys_held.discard(event.key)
            elif event.type == getattr(pygame, "WINDOWFOCUSLOST", -1):
                self.keys_held.clear()  # its KEYUPs go to another window
                self.press = None  # and the finger's or the button's release
                for el in self.manager.get_focus_set() or ():  # and so may the mouse button's release:
                    if getattr(el, "selection_in_progress", False):  # a text field's selection being
                        el.selection_in_progress = False  # dragged then followed the mouse, no button down
            if self.glide is not None and event.type in self.GLIDE_STOPPERS and self._stop_glide(event):
                continue  # the finger (or the button) that stopped a gliding list only stopped it
            if event.type in (pygame.KEYDOWN, pygame.TEXTINPUT, pygame.TEXTEDITING):
                self._mend_empty_fields()
            typing = self._typing_into(event)
            if typing is not None and event.type == pygame.KEYDOWN and self._paste_on_one_line(typing[0]):
                consumed = True
            elif event.type == pygame.KEYDOWN and self._paste_into_box(event):
                consumed = True
            else:
                consumed = self.manager.process_events(event)
            if typing is not None:
                field, text, added = typing
                if field.get_text() == text and len(text) + added > MAX_TYPED:
                    self.toast(f"A text field holds at most {MAX_TYPED} characters: that was not typed in.",
                               error=True)
            top = self.top
            if top is None:
                continue
            if event.type == pygame.KEYDOWN and self.repeating and event.key not in self.REPEATING_KEYS \
                    and not self.typing():
                continue  # a held key acts once (see REPEATING_KEYS)
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.typing():
                self.unfocus_entries()  # Esc leaves the text field and does what it does everywhere
            if event.type == pygame.KEYDOWN and not self.typing():
                if event.key == pygame.K_F11:
                    self.set_fullscreen(not self.fullscreen)
                    continue
                if event.key == pygame.K_F1 or event.unicode == "?":
                    from game.ui.scenes import HelpScene

                    if isinstance(top, HelpScene):
                        self.pop()
                    else:
                        self.push(HelpScene(self))
                    continue
            if event.type == pygame.KEYDOWN and self._key_from_above(event):
                continue
            if event.type == pygame.MOUSEMOTION and self.press is not None:
                self._drag(event)
            elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.press is not None:
                self._lift(tuple(event.pos))
            if top.handle_event(event):
                continue
            if consumed:
                continue
            if event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3):
                self.press = None
                pos = tuple(event.pos)
                scroll = top.ui.scroll_at(pos) if event.button == 1 else None
                if event.button == 1 and getattr(event, "touch", False):  # a finger: a tap when it is lifted
                    self.press = Press(pos, top, self.time, True, scroll and scroll.name, last_y=pos[1],
                                       touch=True, trail=[(self.time, pos[1])])
                    continue
                self.click(top, pos, event.button)
                if scroll is not None and self.top is top:  # the button held and dragged scrolls it too
                    bar = pos[0] >= scroll.rect.right - max(12, self.fonts.px(14))  # (the bar is drawn there)
                    self.press = Press(pos, top, self.time, False, scroll.name, last_y=pos[1], bar=bar)
            elif event.type == pygame.MOUSEWHEEL:
                top.ui.wheel(self.mouse_pos, event.y)

    def click(self, top: Scene, pos, button: int = 1, touch: bool = False) -> None:
        """A click (``touch``: a finger's tap) at ``pos`` on ``top``, the screen on top."""
        self.touch_click = touch
        if button == 1 and self._second_click_after_an_act(pos):
            return
        if self.typing():
            self.unfocus_entries()
        before = self._what_a_click_changes()
        top.ui.click(pos, button)
        after = self._what_a_click_changes()
        moved = after[0][0] == before[0][0] and after[0][1] > before[0][1]  # (not a take-back, a load)
        if button == 1 and (self.top is not top or after != before):
            self.click_acted = (self.time, pos, self.top, moved)

    LONG_PRESS_S = 0.6  # a finger held this long without moving: a right-click
    TOUCH_SLOP = 16  # pixels (at 720 p; more with the text) a finger may move and still tap, or double-tap

    def touch_slop(self) -> int:
        return max(self.TOUCH_SLOP, self.fonts.px(self.TOUCH_SLOP))

    def _drag(self, event) -> None:
        """The finger (or the held button) moved: past the slop it no longer taps, and it scrolls the list
        or log it touched, with the finger (by pixels, or a wheel's notch each ``drag_step``)."""
        press = self.press
        if not getattr(event, "buttons", (1,))[0]:  # its release never came (went to another window)
            self.press = None
            return
        if press.scene is not self.top:
            return
        x, y = event.pos
        if press.touch:  # where the finger was lately (its speed when it lifts: a flick glides on)
            press.trail.append((self.time, y))
            if len(press.trail) > 64:  # (those long before the last FLICK_S are of no use, but the last one)
                old = self.time - 2 * self.FLICK_S
                del press.trail[:max(0, sum(1 for t, _ in press.trail if t < old) - 1)]
        if not press.dragging:
            slop = self.touch_slop()
            if abs(x - press.pos[0]) <= slop and abs(y - press.pos[1]) <= slop:
                return
            if not press.pending and press.scroll is None:
                return
            press.dragging, press.pending = True, False
        region = press.scene.ui.find(press.scroll) if press.scroll else None
        if region is None:
            return
        dy, press.last_y = y - press.last_y, y
        if press.bar:  # a scroll bar's thumb follows the pointer: the content goes the other way
            dy = -dy
        _, press.carry = self._scroll_region(region, dy, press.carry)

    def _scroll_region(self, region: Region, dy: int, carry: float) -> tuple[bool | None, float]:
        """Scroll the list or log ``region`` as a finger moved ``dy`` pixels over it (down: > 0): by pixels
        (``on_drag``), or a wheel's notch each ``drag_step`` pixels, ``carry`` being those not yet a notch.
        Returns (whether it moved: False at its end, None when no notch was turned yet; the new carry). A
        list's ``on_drag`` or ``on_wheel`` says whether it moved by what it returns (a glide stops when it
        does not: its end)."""
        if region.on_drag is not None:
            return bool(region.on_drag(dy)), carry
        step = region.drag_step or self.fonts.line_height("body") * 2
        carry += dy
        moved = None
        while abs(carry) >= step:
            notch = 1 if carry > 0 else -1  # the finger down: the list moves down, as the wheel turned up
            moved = bool(region.on_wheel(notch)) or bool(moved)
            carry -= notch * step
        return moved, carry

    def _lift(self, pos: tuple[int, int] | None = None) -> None:
        """The finger lifted (at ``pos``): a tap where it touched, if it neither moved away nor was held for
        a right-click; a flick (a finger dragging a list still moving fast when it lifts) glides on."""
        press, self.press = self.press, None
        if press.pending and press.scene is self.top:
            self.click(press.scene, press.pos, 1, touch=True)
        elif press.touch and press.dragging and press.scroll and press.scene is self.top:
            self._start_glide(press, press.last_y if pos is None else pos[1])

    # --- kinetic scrolling: a flick glides on (see Glide) -----------------------------------------
    FLICK_S = 0.08  # a finger's speed when it lifts: over its last 80 ms (a finger that stopped: none)
    FLICK_MIN_V = 150.0  # pixels a second (at 720 p; more with the text): slower is a drag, no flick
    GLIDE_MAX_V = 8000.0  # the fastest glide (pixels a second at 720 p)
    GLIDE_STOP_V = 20.0  # a glide stops when it is this slow (pixels a second at 720 p)
    GLIDE_TAU = 0.5  # seconds: the friction's time constant, a phone's (iOS: the speed x 0.998 a millisecond)
    GLIDE_STOPPERS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame.KEYDOWN)  # what stops a glide at once

    def _touch_scale(self) -> float:
        return max(1.0, self.fonts.scale)  # (as touch_slop: a finger's lengths grow with the text)

    def flick_speed(self, press: Press, y: int) -> float:
        """The finger's speed (pixels a second, down: > 0) when it lifts at ``y`` now: from where it was
        FLICK_S ago (between the two moves around that moment) to where it lifts; 0 when it did not move
        then (held still before lifting) or moved too briefly to tell."""
        now = self.time
        trail = press.trail + [(now, y)]
        start = now - self.FLICK_S
        t0, y0 = trail[0]
        for (ta, ya), (tb, yb) in zip(trail, trail[1:]):
            if tb >= start:
                if ta < start:  # the finger's place at ``start`` (tb > ta here)
                    t0, y0 = start, ya + (yb - ya) * (start - ta) / (tb - ta)
                else:
                    t0, y0 = ta, ya
                break
        span = now - t0
        if span < 0.008:  # (a move and the lift in one frame: too short to tell a speed)
            return 0.0
        return (y - y0) / span

    def _start_glide(self, press: Press, y: int) -> None:
        k = self._touch_scale()
        v = self.flick_speed(press, y)
        if abs(v) < self.FLICK_MIN_V * k:
            return
        v = max(-self.GLIDE_MAX_V * k, min(self.GLIDE_MAX_V * k, v))
        tau = self.GLIDE_TAU
        ends = tau * math.log(abs(v) / (self.GLIDE_STOP_V * k))
        self.glide = Glide(press.scene, press.scroll, v, self.time, tau, ends, carry=press.carry)

    def _glide_on(self) -> None:
        """Move the gliding list to where the glide is now (by the time since it began); it stops when it is
        slow enough, at the list's end, or when its screen is no longer on top."""
        glide = self.glide
        if glide is None:
            return
        region = glide.scene.ui.find(glide.scroll) if glide.scene is self.top else None
        if region is None:
            self.glide = None
            return
        t = self.time - glide.at
        px = round(glide.travel(t)) - glide.sent
        if px:
            glide.sent += px
            moved, glide.carry = self._scroll_region(region, px, glide.carry)
            if moved is False:  # its end
                self.glide = None
                return
        if t >= glide.ends:
            self.glide = None

    def _stop_glide(self, event) -> bool:
        """A touch, a click, the wheel or a key stops a glide at once. A touch or a click on the gliding list
        only stops it (as on a phone: it would land on a row moving under it); it may drag the list on from
        there, but taps nothing, nor is it held for a right-click. True: the event is taken."""
        glide, self.glide = self.glide, None
        if event.type != pygame.MOUSEBUTTONDOWN or glide.scene is not self.top:
            return False
        region = glide.scene.ui.find(glide.scroll)
        pos = tuple(event.pos)
        if region is None or not region.rect.collidepoint(pos):
            return False
        if event.button == 1:
            touch = bool(getattr(event, "touch", False))
            bar = not touch and pos[0] >= region.rect.right - max(12, self.fonts.px(14))
            self.press = Press(pos, glide.scene, self.time, False, region.name, last_y=pos[1], bar=bar,
                               touch=touch, trail=[(self.time, pos[1])])
        return True

    def _long_press(self) -> None:
        """A finger held still for LONG_PRESS_S: the right-click where one does something (a name card: choose
        it), and no tap when it lifts. Held there, it shows the tooltip (as the pointer resting does), which
        stays after it lifts: a long press on a button reads what it does without pressing it."""
        press = self.press
        if press is None or not press.pending or press.scene is not self.top \
                or self.time - press.at < self.LONG_PRESS_S:
            return
        press.pending = False
        if press.scene.ui.right_at(press.pos) is not None:
            self.click(press.scene, press.pos, 3, touch=True)

    def _mend_empty_fields(self) -> None:
        """An empty field's caret at its start with nothing selected. A click, or a double click, on an
        empty field showing its placeholder words (the memo's "Type your notes here") put pygame_gui's
        caret and selection among those words: the next letter typed replaced a selection the empty
        text does not have, and pygame_gui raised IndexError ("No selected rows")."""
        for el in self.manager.get_focus_set() or ():
            if not isinstance(el, (pygame_gui.elements.UITextEntryBox, pygame_gui.elements.UITextEntryLine)):
                continue
            if el.get_text() == "" and (el.edit_position != 0 or tuple(el.select_range) != (0, 0)):
                el.edit_position = 0
                el.select_range = [0, 0]

    def _typing_into(self, event) -> tuple | None:
        """(the text field that has the keyboard, its text, the characters ``event`` adds) when it types or
        pastes (Ctrl+V) into a field, else None."""
        if event.type == pygame.TEXTINPUT:
            added = len(event.text)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_v \
                and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META) and not event.mod & pygame.KMOD_ALT:
            try:
                added = len(pygame.scrap.get_text() or "")
            except (pygame.error, AttributeError):
                return None
        else:
            return None
        field = next((el for el in self.manager.get_focus_set() or ()
                      if isinstance(el, pygame_gui.elements.UITextEntryLine)), None)
        return None if field is None else (field, field.get_text(), added)

    DOUBLE_CLICK_S = 0.5  # the second click of a double click comes this soon after the first (every screen)

    def same_click(self, at: float, where, pos) -> bool:
        """Whether a click at ``pos`` now is the second of a double click with the one at time ``at``
        and place ``where``: within DOUBLE_CLICK_S and 8 pixels."""
        slop = self.touch_slop() if self.touch_click else 8  # a finger's second tap lands less exactly
        return (self.time - at < self.DOUBLE_CLICK_S and abs(pos[0] - where[0]) <= slop
                and abs(pos[1] - where[1]) <= slop)

    def _what_a_click_changes(self) -> tuple:
        """What tells whether a click made (or took back) a move, (the match, its number of moves), or
        moved everything on the screen: the window's size and the text's scale (Settings)."""
        m = self.match
        return ((id(m), len(m.actions)) if m is not None else (None, 0),
                self.screen.get_size(), self.fonts.scale)

    def _second_click_after_an_act(self, pos) -> bool:
        """The second click of a double click (as a desktop user clicks everything, or a touchpad's tap
        landing as two) on a button that changed the screen or made a move: it went to what was then
        under the pointer. A dialog's Make offer or Cancel gave it to the table below (a delegation's
        profile opened); Choose roles, then Start, skipped the roles and the brief; a move was made a
        second time when the turn came straight back (the others done for the round), or was refused
        over the word that it was made; a window size or the large text in Settings chose what the
        new layout put under the pointer. Ignored, as the privacy screen ignores its own; a move says
        so. A click elsewhere, or a moment later, counts (two grid cells, or Pass on two turns)."""
        acted, self.click_acted = self.click_acted, None
        if acted is None or self.top is not acted[2] or not self.same_click(acted[0], acted[1], pos):
            return False  # (another screen opened since, by a key: its click is its own)
        if acted[3]:
            self.toast("A double click: the second click was ignored, so only one move was made. "
                       "Click once for each move.")
        return True

    LINE_BREAKS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029")

    def _paste_on_one_line(self, field) -> bool:
        """Ctrl+V into ``field`` of a text with a line break or a tab (a line copied from a terminal or an
        editor ends with one): pygame_gui refused the whole paste and nothing showed why. It is pasted
        on one line instead (trimmed, a break or tab as a space, without what a field refuses). False:
        the text has nothing to clean (pygame_gui pastes it)."""
        try:
            text = pygame.scrap.get_text() or ""
        except (pygame.error, AttributeError):
            return False
        if not any(ch in UNDRAWN for ch in text):
            return False
        text = "".join(" " if ch in self.LINE_BREAKS else ch for ch in text.replace("\r\n", "\n").strip())
        text = "".join(ch for ch in text if ch not in UNDRAWN)
        try:  # pygame_gui's caret and selection (kept out of its public API, as in focus_entry)
            lo, hi = sorted(field.select_range)
            if lo == hi:
                lo = hi = field.edit_position
            old = field.get_text()
            new = old[:lo] + text + old[hi:]
            if text and len(new) <= MAX_TYPED:  # (longer: refused, and said, as any paste)
                field.set_text(new)
                field.edit_position = lo + len(text)
                field.select_range = [field.edit_position] * 2
                field.redraw()
        except AttributeError:
            return False
        return True

    def _paste_into_box(self, event) -> bool:
        """Ctrl+V into a several-line field (a memo): pasted here, as plain text, and only what fits in
        MAX_TYPED characters. pygame_gui pasted all of it and laid it out before the memo cut it back:
        a pasted article of 80,000 letters froze the window for a minute, and its text was read as
        HTML ('&amp;' became '&'). What did not fit is said by the screen (``paste_cut``: the memo's
        count), else in a toast. False: not a paste into such a field (pygame_gui has the key)."""
        if event.key != pygame.K_v or not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META) \
                or event.mod & pygame.KMOD_ALT:
            return False
        field = next((el for el in self.manager.get_focus_set() or ()
                      if isinstance(el, pygame_gui.elements.UITextEntryBox)), None)
        if field is None:
            return False
        from pygame_gui.core.utility import clipboard_paste

        try:
            text = clipboard_paste() or ""
        except (pygame.error, AttributeError):
            return False
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:  # pygame_gui's caret and selection (kept out of its public API, as in focus_entry)
            lo, hi = sorted(field.select_range)
            if lo == hi:
                lo = hi = field.edit_position
            old = field.get_text()
            room = max(0, MAX_TYPED - (len(old) - (hi - lo)))
            left_out = max(0, len(text) - room)
            text = text[:room]
            if text:
                field.set_text((old[:lo] + text + old[hi:]).replace("&", "&amp;"))
                field.edit_position = lo + len(text)
                field.select_range = [field.edit_position] * 2
                if field.text_box_layout is not None:
                    field.text_box_layout.set_cursor_position(field.edit_position)
                field.redraw_from_text_block()
                field.cursor_has_moved_recently = True
        except AttributeError:
            return False
        if left_out:
            said = getattr(self.top, "paste_cut", None)
            if said is not None:
                said(left_out)
            else:
                self.toast(f"A text field holds at most {MAX_TYPED} characters: the paste's last {left_out} "
                           f"character{'s were' if left_out != 1 else ' was'} not typed in.", error=True)
        return True

    def _key_from_above(self, event) -> bool:
        """A screen under a dialog may take a key first (``key_from_above``: the facilitator's F7
        hides the secrets from any dialog)."""
        for scene in self.scenes[-2::-1]:
            hook = getattr(scene, "key_from_above", None)
            if hook is not None and hook(event):
                return True
        return False

    KEY_REPEAT = (350, 40)  # held keys repeat (arrows scroll, move the choice)
    # The keys whose repeats (a key held down) reach the screens: they step or scroll. Any other held key
    # acts once, outside text fields: a held Ctrl+Z took the whole game back, a held F7 flipped the
    # console between the public view and the secrets, a held Esc leaving a replay went on to quit,
    # a held B opened and closed a brief, a held F1 the help, at every repeat.
    REPEATING_KEYS = frozenset({pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP,
                                pygame.K_PAGEDOWN, pygame.K_BACKSPACE, pygame.K_DELETE})

    def update(self, dt: float) -> None:
        self.time += dt
        if not self.typing() and pygame.key.get_repeat() != self.KEY_REPEAT:
            pygame.key.set_repeat(*self.KEY_REPEAT)  # a text field turns repeating off when it lets go
        while self.saver.errors:
            self.toast(self.autosave_failed_text(self.saver.errors.popleft()), error=True)
        self._caret_on_time(dt)
        self.manager.update(dt)
        self._field_drawn_now()
        self._long_press()
        self._glide_on()
        top = self.top
        if top is not None:
            top.age += dt
            top.update(dt)
            if self.autoplay and self.top is top:
                top.autoplay()

    def draw(self) -> None:
        surf = self.screen
        if self.recorded is not None:
            self.recorded.clear()
        if self.text_rects is not None:
            self.text_rects.clear()
        start = 0
        for n in range(len(self.scenes) - 1, -1, -1):
            if self.scenes[n].opaque:
                start = n
                break
        if not self.scenes:
            surf.fill(self.colours["room"])
        for scene in self.scenes[start:]:
            scene.ui.begin()
            scene.draw(surf)
            scene.ui.end()
            scene.frames += 1
        self.manager.draw_ui(surf)
        self._draw_entry_focus(surf)
        self._draw_toasts(surf)
        top = self.top
        if top is not None:
            region = top.ui.at(self.mouse_pos)
            if self._hover_since[0] != (region.name if region else None):
                self._hover_since = (region.name if region else None, self.time)
            if region is not None and region.tooltip and self.time - self._hover_since[1] > 0.35 \
                    and pygame.mouse.get_focused():
                draw_tooltip(surf, self, region.tooltip, self.mouse_pos, above=self.touch_click)  # (over a
                # finger, not under the hand)

    def focused_entry_rect(self) -> pygame.Rect | None:
        """The screen rect of the text field that has the keyboard (None: none has it)."""
        for el in self.manager.get_focus_set() or ():
            if isinstance(el, TEXT_FIELDS) and getattr(el, "visible", True) and el.alive():
                return pygame.Rect(el.rect)
        return None

    def _draw_entry_focus(self, surf) -> None:
        """A ring around the text field that has the keyboard (pygame_gui draws a focused field
        as an unfocused one, with only the thin caret to tell): the theme's "focus" colour, 2 px (growing
        with the text beyond 1080 p, as the gaps do: 4 px at 4K), clear of the field's own border (at
        least 3:1 on the panels, tests/test_contrast.py)."""
        rect = self.focused_entry_rect()
        if rect is not None:
            g = self.fonts.gap
            D.rounded(surf, rect.inflate(g(8), g(8)), self.colours["focus"], g(6), g(2))

    def _draw_toasts(self, surf) -> None:
        """The current toast, in the top screen's toast slot (never over its controls); hovering it
        shows the whole message, a click dismisses it.

        A screen gives one slot or several, smallest first: the toast takes the first one its text
        fits (in as few lines as it can). With ``toast_fill`` the toast covers its slot exactly (a
        banner over a strip of the screen); else it is a box as big as its text, centred in the slot."""
        toast = self.current_toast()
        top = self.top
        if toast is None or top is None:
            return
        slots = top.toast_slot(surf.get_size())
        if isinstance(slots, pygame.Rect):
            slots = [slots]
        slots = [r for r in (slots or []) if r.width >= 60 and r.height > 0]
        if not slots:
            return  # a dialog is up: the toast waits
        if toast.shown_at is None:
            toast.shown_at = self.time
        pad_x, pad_y = 12, 4
        fonts = [self.fonts.get("body", True), self.fonts.get("small", True)]
        choice = None
        for slot in slots:  # the first slot it fits: in as few lines as it can, the larger size on a tie
            width = min(slot.width - 2 * pad_x, self.fonts.px(900))
            fits = [(len(lines), n, font, lines) for n, font in enumerate(fonts)
                    if len(lines := D.wrap(font, toast.message, width)) * font.get_linesize() + 2 * pad_y
                    <= slot.height]
            if fits:
                _, _, font, lines = min(fits, key=lambda f: f[:2])
                choice = (slot, font, lines)
                break
        if choice is None:  # too long for every slot: cut (the tooltip has all of it)
            slot, font = slots[-1], fonts[-1]
            width = min(slot.width - 2 * pad_x, self.fonts.px(900))
            n = max(1, (slot.height - 2 * pad_y) // font.get_linesize())
            lines = D.wrap(font, toast.message, width)[:n]
            lines[-1] = D.ellipsize(font, lines[-1] + " ...", width)
        else:
            slot, font, lines = choice
        lh = font.get_linesize()
        if getattr(top, "toast_fill", False):
            rect = pygame.Rect(slot)
        else:  # never lower than its first line (a slot with no room for one: the box cut the text)
            w = max(font.size(line)[0] for line in lines) + 2 * pad_x
            rect = pygame.Rect(0, 0, w, max(lh + 2 * pad_y, min(slot.height, lh * len(lines) + 2 * pad_y)))
            rect.center = slot.center
            rect.clamp_ip(slot)
            rect.clamp_ip(surf.get_rect())
        c = self.colours
        D.rounded(surf, rect.move(0, 2), c["shadow"], 6)
        D.rounded(surf, rect, c["refused_bg"] if toast.error else c["paper"], 6)
        D.rounded(surf, rect, c["refused"] if toast.error else c["brass"], 6, 2)
        y = rect.centery - lh * len(lines) // 2
        for n, line in enumerate(lines):  # blitted, not recorded as the screen's own layout
            s = D.render(font, line, c["refused"] if toast.error else c["ink"])
            surf.blit(s, s.get_rect(midtop=(rect.centerx, y + n * lh)))

        def dismiss(t=toast) -> None:
            if t in self.toasts:
                self.toasts.remove(t)

        top.ui.regions.append(Region(rect, "toast", dismiss, toast.message + "  (click to close)"))

    def step(self, dt: float = 1 / FPS) -> None:
        """One frame: events, update, draw, flip (and a screenshot when one is due)."""
        t0 = time.perf_counter()
        self.ai.frame_begin()
        stage = "events"
        try:
            self.process_events()
            stage = "update"
            self.update(dt)
            stage = "draw"
            self.draw()
        except Exception as exc:  # never let a bug in one screen or an AI turn take the game down
            if self.strict:
                raise
            self.handle_fault(exc, stage)
        self._maybe_shoot()
        pygame.display.flip()
        self.saver.release()  # autosaves taken during the frame are written now, in the background
        self.ai.frame_done(t0 + 1 / FPS)  # the AI worker may use the time until the next frame
        self.frame_ms.append((time.perf_counter() - t0) * 1000)
        if len(self.frame_ms) > 5000:
            del self.frame_ms[:2500]

    MAX_FAULTS = 30  # after this many faults in one session the game saves and closes

    def handle_fault(self, exc: Exception, stage: str = "") -> None:
        """Autosave, log the traceback to a file, and show the player what happened (and where the log is)."""
        from game.session.crash import AITurnError, write_crash_log

        self.faults += 1
        top = self.top
        where = f"{stage} of the '{top.name}' screen" if top is not None else stage
        if isinstance(exc, AITurnError):
            where = f"the AI's turn for '{exc.actor}' ({stage})"
        traceback.print_exception(type(exc), exc, exc.__traceback__)
        saved = None
        if self.match is not None and not self.match.over:
            try:
                saved = self.autosave()
            except Exception as save_exc:  # the save itself failed: say so in the log
                saved = f"{type(save_exc).__name__}: {save_exc}"
        log = log_error = None
        try:
            log = write_crash_log(exc, where, self.match,
                                  notes=[f"autosave: {'written' if saved is None else 'FAILED: ' + saved}",
                                         f"faults this session: {self.faults}"])
        except Exception as log_exc:
            from game.session.store import os_error_text

            log_error = os_error_text(log_exc)
            print(f"The crash log could not be written: {log_error}", file=sys.stderr)
        if self.faults >= self.MAX_FAULTS:
            print(f"Too many errors ({self.faults}); the game was saved and closes.", file=sys.stderr)
            self.exit_code = 1
            self.running = False
            return
        from game.ui.scenes import ErrorScene, TitleScene

        if isinstance(top, ErrorScene):  # the error screen itself failed: back to the title
            self.match = None
            try:
                self.reset(TitleScene(self))
            except Exception:
                self.running = False
                return
            self.toast(f"Something went wrong again; the game was saved. Details: {log}", error=True, seconds=10)
            return
        unsaved = self.match is not None and not self.match.over and saved is not None
        self.push(ErrorScene(self, exc, log, where, autosaved=(self.match is not None and saved is None),
                             save_error=saved if unsaved else None, log_error=log_error))

    def _maybe_shoot(self) -> None:
        if self.shots_dir is None or self.top is None:
            return
        top = self.top
        name = top.shot_name()
        if not name or name in self.shots_taken or not top.ready_for_shot():
            return
        if not all(s.settled() for s in self.scenes):  # a screen under a dialog may still be animating
            return
        import io

        from game.session.store import os_error_text, write_atomic

        path = self.shots_dir / f"{len(self.shots_taken) + 1:02d}-{name}.png"
        png = io.BytesIO()  # (pygame writes a file on a full disk cut off, or empty, without a word)
        pygame.image.save(self.screen, png, "png")
        try:
            write_atomic(path, png.getvalue())
        except OSError as exc:
            why = exc.strerror or os_error_text(exc)
            print(f"error: cannot write {path} ({why[:1].lower() + why[1:]}): the screenshots in "
                  f"{self.shots_dir} are not complete; free some space or choose another folder", file=sys.stderr)
            self.exit_code = 1
            self.running = False
            return
        self.shots_taken.append(name)
        if name == "results":
            self.running = False

    STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))

    def _catch_signals(self) -> dict:
        """Handle SIGTERM, SIGINT and SIGHUP (the terminal closed) by ending the loop after an
        autosave (main thread only: Python allows handlers nowhere else). The old handlers come
        back in :meth:`close`."""
        if threading.current_thread() is not threading.main_thread():
            return {}
        old = {}
        for sig in self.STOP_SIGNALS:
            try:
                old[sig] = signal.signal(sig, self._on_signal)
            except (OSError, ValueError):  # not allowed here
                pass
        return old

    def _on_signal(self, signum, frame) -> None:
        self.stop_signal = signum

    def stop_for_signal(self) -> None:
        """A stop signal came: autosave a game in progress and end the loop (exit 128 + signal,
        as a shell reports a process ended by a signal)."""
        if self.match is not None and not self.match.over:
            self.autosave()  # (not a match that is only watched)
        self.running = False
        self.exit_code = 128 + int(self.stop_signal or 0)

    # --- how often the loop draws -------------------------------------------------------------
    ACTIVE_S = 2.0  # the full rate lasts this long after the last event (a key, the mouse, a finger)
    MAX_DT = 0.1  # the longest step of the game's clock at the full rate (a resumed laptop, a stall)

    # the loop's clock and its sleep (tests put fake ones here, with a fake ``clock``)
    now = staticmethod(time.perf_counter)
    sleep = staticmethod(time.sleep)

    def frame_rate(self) -> float:
        """Frames a second the loop draws now. The full rate (FPS) while anything moves or changes: for
        ACTIVE_S after any event (a tooltip then comes after its 0.35 s, a double click is timed), a
        finger or a mouse button down, a list gliding on after a flick (``glide``), a screen that is
        ``busy`` (an animation, the AI moving or thinking, the results' comparison games) or a screen
        under it not ``settled``, and always with --autoplay or --screenshots. Else IDLE_FPS (a text
        field's caret too: the frames that toggle it come at their time, see ``wake_in``),
        UNFOCUSED_FPS when another window has the keyboard, and HIDDEN_FPS while minimised or hidden.
        Events are taken within a frame of the full rate at any rate (see ``wait_for_input``)."""
        if self.autoplay or self.shots_dir is not None:
            return FPS
        if self.window_hidden:
            return HIDDEN_FPS
        if self.press is not None or self.glide is not None or self.time - self.last_input < self.ACTIVE_S:
            return FPS  # (a list gliding on after a flick, too)
        top = self.top
        if top is not None and top.busy():
            return FPS
        if any(not s.settled() for s in self.scenes):
            return FPS
        if not self.window_focused:
            return UNFOCUSED_FPS
        try:
            if pygame.mouse.get_focused() and any(pygame.mouse.get_pressed()):
                return FPS  # a button held down (a drag in a text field, a button pressed)
        except pygame.error:
            pass
        return IDLE_FPS

    def wake_in(self) -> float | None:
        """Seconds until something changes by itself: the top screen's ``wake_in`` (the end of the AI's
        pause), the end of the toast shown, or the blink of the caret of the text field that has the
        keyboard (``caret_due``; not while another window has the keyboard or the window is hidden:
        their rates stay as low as they are). None: nothing is due."""
        due = []
        if self.window_focused and not self.window_hidden:
            caret = self.caret_due()
            if caret is not None:
                due.append(caret)
        top = self.top
        if top is not None:
            soon = top.wake_in()
            if soon is not None:
                due.append(soon)
        head = self.toasts[0] if self.toasts else None
        if head is not None and head.shown_at is not None:
            end = head.shown_at + (min(head.seconds, self.MIN_TOAST_S) if len(self.toasts) > 1 else head.seconds)
            due.append(max(0.0, end - self.time))
        return min(due) if due else None

    CARET_SLACK_S = 0.004  # a caret's toggle may come this much early (the clock's whole milliseconds)
    # rather than a frame late

    def _blinking_field(self):
        """The text field that has the keyboard, its caret blinking (pygame_gui's UITextEntryLine, or a
        text box: they blink alike), or None."""
        for el in self.manager.get_focus_set() or ():
            if getattr(el, "is_focused", False) and getattr(el, "visible", True) and el.alive() \
                    and hasattr(el, "blink_cursor_time_acc"):
                return el
        return None

    def caret_due(self) -> float | None:
        """Seconds until the frame that toggles the caret of the text field that has the keyboard (None:
        no caret blinks). pygame_gui toggles it in ``update`` when the frame times it was given add up
        to its ``blink_cursor_time`` (0.4 s; see ``_caret_on_time``), after a pause of
        ``cursor_blink_delay_after_moving`` (1 s) once a key or a click moved it, counted the same way
        (the frame that ends the pause counts toward no blink)."""
        el = self._blinking_field()
        if el is None:
            return None
        try:  # (pygame_gui's timers, kept out of its public API)
            if el.cursor_has_moved_recently:
                return 0.0  # (the next update shows it)
            pause = el.cursor_blink_delay_after_moving - el.cursor_blink_delay_after_moving_acc
            if pause >= 0:  # the frame that ends the pause ("> delay": a little after it)
                return pause + self.CARET_SLACK_S
            return max(0.0, el.blink_cursor_time - el.blink_cursor_time_acc)
        except (AttributeError, TypeError):
            return None

    def _caret_on_time(self, dt: float) -> None:
        """Have the frame that completes the caret's blink time toggle it. pygame_gui toggles it at the next
        update after the one that completes it, a frame later: at the idle rate a tenth of a second, and
        the window drew 30 frames a second while a text field had the keyboard only to keep the blinks
        even. With this frame the toggle comes every 0.4 s at any rate (``caret_due`` asks for the frame
        at its time). Not with --autoplay or --screenshots: their frames stay as they were."""
        if self.autoplay or self.shots_dir is not None:
            return
        el = self._blinking_field()
        if el is None:
            return
        try:  # (pygame_gui's timers, as in caret_due)
            if el.cursor_has_moved_recently \
                    or el.cursor_blink_delay_after_moving_acc <= el.cursor_blink_delay_after_moving:
                return  # (still on after a key or a click moved it)
            done, period = el.blink_cursor_time_acc, el.blink_cursor_time
            if done < period <= done + dt + self.CARET_SLACK_S:
                el.blink_cursor_time_acc = period  # (toggled by this update)
        except (AttributeError, TypeError):
            pass

    def _field_drawn_now(self) -> None:
        """Show the text field that has the keyboard as this frame's update left it: its caret toggled, a
        key typed. pygame_gui takes a field's new image at the start of its next update, so it was drawn a
        frame late: at the idle rate the caret's blinks a tenth of a second after their time (one late by
        a tenth and the next by a sixtieth when the rate changed), a key a frame of the full rate after
        it was taken. Not with --autoplay or --screenshots (as ``_caret_on_time``)."""
        if self.autoplay or self.shots_dir is not None:
            return
        el = self._blinking_field()
        shape = getattr(el, "drawable_shape", None)
        try:  # (what the element's next update does first: UIElement.update)
            if shape is not None and shape.has_fresh_surface():
                el.on_fresh_drawable_shape_ready()
        except (AttributeError, TypeError, pygame.error):
            pass

    def frame_interval(self) -> float:
        """Seconds from this frame to the next one: a frame at ``frame_rate``, or sooner when something is
        due (``wake_in``), never sooner than a frame at the full rate (minimised or hidden: at IDLE_FPS,
        so that the AI keeps its pace there, one move a pause, without drawing more)."""
        rate = self.frame_rate()
        wait = 1.0 / rate
        if rate < FPS:
            soon = self.wake_in()
            if soon is not None:
                wait = max(1.0 / (IDLE_FPS if self.window_hidden else FPS), min(wait, soon))
        return wait

    def wait_for_input(self, until: float) -> None:
        """Sleep until ``until`` (``now()`` time), in slices of a frame at the full rate, and return as
        soon as an event is waiting, a stop signal came or the loop was stopped: the next frame takes
        the event at once. (``pygame.event.wait`` is not used: in pygame-ce it polls every millisecond,
        more CPU than these slices, and keeps Python's signal handlers from running until it returns.)"""
        while self.running and self.stop_signal is None:
            if pygame.event.peek():
                return
            left = until - self.now()
            if left <= 0:
                return
            self.sleep(min(left, 1.0 / FPS))

    def run(self, max_frames: int | None = None) -> int:
        """The window's loop: a frame (``step``) when ``frame_interval`` asks for one (or an event comes),
        with the time since the last one (never more than MAX_DT, or 1.5 frames at a lower rate: a
        laptop resumed after hours moves the game's clock by that much, no more)."""
        frames = 0
        wait = 1.0 / FPS
        self._frame_at = self.now()
        while self.running and self.scenes:
            if wait > 1.0 / FPS:
                self.wait_for_input(self._frame_at + wait)
            if self.stop_signal is not None:
                self.stop_for_signal()
                break
            if not self.running:
                break
            dt = self.clock.tick(FPS) / 1000.0
            self._frame_at = self.now()
            self.step(min(dt, max(self.MAX_DT, 1.5 * wait)))
            frames += 1
            if max_frames is not None and frames >= max_frames:
                break
            wait = self.frame_interval()
        return self.exit_code

    def close(self) -> None:
        for sig, handler in self._old_handlers.items():
            try:
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
            except (OSError, ValueError):
                pass
        self._old_handlers = {}
        while self.scenes:
            self.scenes.pop().leave()
        self.ai.shutdown()
        self.saver.close()
        D.RECORDER = None
        D.RECTS = None
        pygame.display.quit()

    # --- starting -------------------------------------------------------------------------
    def start_match(self, match, show_briefs: bool = True) -> None:
        """Put a match on the table (with the role briefs, behind privacy screens in hotseat)."""
        from game.session import facilitator as F
        from game.session.match import forget_finished_games
        from game.ui.presenters import forget_log_lines
        from game.ui.scenes import BriefScene, PrivacyScene
        from game.ui.scene_table import TableScene

        if match is not self.match:  # the caches of the games before it (a long session stays small)
            forget_finished_games()
            forget_log_lines()
        self.match = match
        self.active_human = None
        humans = match.humans
        if F.record_of(match) is not None:  # the facilitator sees every brief on the name cards
            from game.ui.scene_facilitator import FacilitatorScene

            self.reset(FacilitatorScene(self))
            self.autosave()
            return
        table = TableScene(self)
        stack: list[Scene] = [table]
        if show_briefs and not match.actions:
            readers = humans or ([] if not self.autoplay else [match.game.model.actor_ids[match.state.chair]])
            first = first_human_to_move(match)
            if first in readers:  # it reads its brief last and goes straight on to its own table
                readers = [h for h in readers if h != first] + [first]
            for h in reversed(readers):
                stack.append(BriefScene(self, h))
                if len(humans) > 1:
                    stack.append(PrivacyScene(self, h))
        self.reset(*stack)
        self.autosave()


def first_human_to_move(match) -> str | None:
    """The human delegation whose turn comes first from now (the AI seats before it move by themselves)."""
    from game.engine.flow import turn_order

    ids, state = match.game.model.actor_ids, match.state
    order = turn_order(match.game.model, state)
    start = order.index(state.turn) if state.turn in order else 0
    return next((ids[i] for i in order[start:] + order[:start] if ids[i] in match.humans), None)


def _new_match(setup: GameSetup):
    import random

    from game.engine import Options
    from game.scenarios.loader import load_scenario
    from game.session.match import Match

    sc = load_scenario(setup.scenario_ref)
    seed = setup.seed if setup.seed is not None else random.randrange(1, 10**6)
    match = Match(sc, seed=seed, options=Options(events=setup.events),
                  seats={h: "human" for h in setup.humans}, difficulty=setup.difficulty,
                  scenario_ref=setup.scenario_ref, takebacks_off=setup.takebacks_off)
    if setup.facilitator:
        from game.session import facilitator as F

        F.facilitate(match)
    return match


def setup_from_args(args) -> GameSetup:
    return GameSetup(scenario_ref=getattr(args, "scenario", None) or "cst-1999",
                     humans=list(getattr(args, "role", None) or []),
                     difficulty=getattr(args, "difficulty", None) or "normal",
                     events=getattr(args, "events", None) or "historical",
                     seed=getattr(args, "seed", None),
                     facilitator=bool(getattr(args, "facilitator", False)),
                     takebacks_off=bool(getattr(args, "no_takeback", False)))


def build(args, strict: bool = False, record_text: bool = False) -> App:
    """The app with its first screens pushed (as ``run_app`` starts it); raises on bad arguments
    (after closing the app: the signal handlers it set are the caller's again)."""
    app = App(args, strict=strict, record_text=record_text)
    try:
        _first_screens(app, args)
    except BaseException:  # a bad save or role: the caller reports it; the signal handlers go back
        app.close()
        raise
    problem = app.settings.problem
    if problem:  # said once, on the first screen (and in the terminal): the defaults are in use
        print(problem, file=sys.stderr)
        app.toast(problem, error=True, seconds=12)
    return app


def _first_screens(app: App, args) -> None:
    from game.ui.scenes import TitleScene

    app.setup = setup_from_args(args)
    load = getattr(args, "load", None)
    replay = getattr(args, "replay", None)
    if replay:  # treaty-table replay SAVE --window: watch it move by move
        from game.session import facilitator as F
        from game.ui.scene_replay import ReplayScene

        match = F.load(replay, bool(getattr(args, "current_scenario", False)))  # SaveFileError: the caller reports it
        app.match = match
        app.match_read_only = True  # watched, not played: no autosave, no "save before quitting?"
        app.push(ReplayScene(app, match))
        _say_played_again(app, Path(replay), match, args, "Replaying")
    elif load:
        from game.session import facilitator as F

        match = F.load(load, bool(getattr(args, "current_scenario", False)))  # SaveFileError: the caller reports it (a facilitated save keeps its injects)
        if app.setup.facilitator:  # --facilitator: any save opens in the teacher's console
            F.facilitate(match)
        if app.setup.takebacks_off and not match.over:  # --no-takeback: off for the resumed game (a save's
            # "off" stays off; a finished game was played with what its save says)
            match.takebacks_off = True
        if app.autoplay:
            for a in match.humans:
                match.set_seat(a, "ai")
        app.start_match(match, show_briefs=False)
        _say_played_again(app, Path(load), match, args, "Loaded")
    elif app.autoplay:
        app.setup.humans = []
        app.push(TitleScene(app))
    elif app.setup.humans:
        app.start_match(_new_match(app.setup))
    else:
        app.push(TitleScene(app))
        if app.setup.facilitator:  # --facilitator alone: on to the setup, as F on the title does
            app.top.facilitator()


def _say_played_again(app: App, path: Path, match, args, verb: str) -> None:
    """Say (as the Load dialog does) that the save's scenario has changed in its words only, or, with
    --current-scenario, that its moves were played again on a changed scenario: its events and
    scores follow the version found now."""
    from game.session.match import resume_note

    again = resume_note(match, bool(getattr(args, "current_scenario", False)))
    if again:
        app.toast(f"{verb} {path.name}; {again}", seconds=8, public=True)  # after the first screen (which
        # drops older toasts)


def run_app(args) -> int:
    """Open the window and play; returns the exit code."""
    from game.scenarios.problems import ScenarioError
    from game.session.store import SaveFileError

    try:
        app = build(args)
    except pygame.error as exc:
        print(f"The window cannot start ({exc}); use --text.", file=sys.stderr)
        return 1
    except SaveFileError as exc:
        from game.session.saves import autosave_hint

        print(f"error: {exc}", file=sys.stderr)
        pygame.quit()
        replay = getattr(args, "replay", None)
        play = f"treaty-table play{' --facilitator' * bool(getattr(args, 'facilitator', False))} --load"
        hint = (autosave_hint(replay, "treaty-table replay --window", exc, verb="replay") if replay
                else autosave_hint(args.load, play, exc))  # as the text mode offers
        if hint:
            print(hint, file=sys.stderr)
        return 1
    except ScenarioError:
        pygame.quit()
        raise
    except ValueError as exc:  # e.g. an unknown --role
        print(f"error: {exc}", file=sys.stderr)
        pygame.quit()
        return 2
    try:
        code = app.run()
    except KeyboardInterrupt:
        if app.match is not None and not app.match.over:
            app.autosave()  # (not a match that is only watched)
        code = 130
    finally:
        app.close()
        pygame.quit()
    return code

