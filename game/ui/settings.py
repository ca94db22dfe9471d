"""Window settings kept between sessions (``user_data_dir()/settings.json``).

A settings file that cannot be read is never dropped silently: :attr:`Settings.problem` says
why (the window shows it), the defaults are used, and the first time the settings are saved
the unreadable file is kept beside them as ``settings.json.bad``.  Keys and values this
version does not know (a file written by a newer version) are kept as they are when the
settings are saved, unless the player changed that very setting.

Two windows may be open on one data folder, each with its own copy of the settings. A save
therefore changes only the settings the player changed in this window since it loaded (or
last saved) them: the file is read again just before it is written, this window's changes
go on top of what it holds now (the hints learned are added to those learned elsewhere),
and it is replaced atomically. Window A's text size and window B's AI speed both stay.
A file damaged by then is kept as ``settings.json.bad`` and replaced by all of this
window's settings, never by its changes alone.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from types import MappingProxyType

from game.session.store import read_regular_file, user_data_dir, write_text_atomic
from game.ui import MAX_SIZE, MIN_SIZE

MAX_SETTINGS_BYTES = 1024 * 1024
"""A larger settings file is not read (it cannot be one this game wrote)."""

SIZES = ((1280, 720), (1600, 900), (1920, 1080), (2560, 1440), (3840, 2160))
"""The window sizes Settings offers: those that fit the screen (see :func:`sizes_that_fit`)."""


def window_room(desktop: tuple[int, int]) -> tuple[int, int]:
    """The largest window that fits on a screen of size ``desktop`` with its title bar and a
    taskbar: a screen taller than 1080 px keeps a sixteenth of its height for them (135 px on a
    4K screen), so that a 3840 x 2160 window on a 3840 x 2160 screen no longer loses its bottom
    row (the moves, Start) under the taskbar. A smaller screen (a netbook) gives all it has."""
    w, h = desktop
    return (w, h - h // 16) if h > 1080 else (w, h)


def sizes_that_fit(desktop: tuple[int, int] | None) -> tuple[tuple[int, int], ...]:
    """The presets up to 1920 x 1080 (as before: a window may be larger than a small screen and
    the layout follows), and the larger ones that fit the screen (``desktop``; None: unknown) as a
    window, with room for its title bar (:func:`window_room`: 2560 x 1440 on a 4K screen, 3840 x
    2160 on a 3840 x 2400 or 5K one; Full screen fills a screen)."""
    w, h = window_room(desktop) if desktop else (0, 0)
    return tuple(s for s in SIZES if s[0] <= 1920 or (s[0] <= w and s[1] <= h))


def first_size(desktop: tuple[int, int] | None) -> tuple[int, int]:
    """The window's size when the settings have none yet (the first start): the largest preset
    at most two thirds of the screen each way, so that a large screen gets a window (and text:
    the text grows with the window) of about the share a 1280 x 720 one has of a 1920 x 1080
    screen: 1600 x 900 on a 2560 x 1440 screen, 2560 x 1440 on a 4K one. 1280 x 720 on a
    1920 x 1080 screen or smaller, or when the screen's size is unknown."""
    w, h = desktop or (0, 0)
    fits = [s for s in SIZES if 3 * s[0] <= 2 * w and 3 * s[1] <= 2 * h]
    return max(fits) if fits else SIZES[0]


AI_SPEEDS = {"slow": 1.0, "normal": 0.55, "fast": 0.2}


@dataclass
class Settings:
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    font_scale: str = "normal"  # normal | large
    ai_speed: str = "normal"  # slow | normal | fast
    # first-game hints at the table ("what to do now"); each one stops once the player has made
    # that kind of move (``learned``: the action kinds a human has made in any game)
    hints: bool = True
    learned: list = field(default_factory=list)

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    @property
    def size_saved(self) -> bool:
        """Whether the settings file holds a window size (none at the first start). A file with
        only a width or only a height (written by hand) holds one: the other is the default, as
        before, not both replaced by the first-start size."""
        return "width" in self._file or "height" in self._file

    def use_first_size(self, size: tuple[int, int]) -> None:
        """The first start's window size (:func:`first_size`), taken as if it had been loaded: it
        is saved with the settings while the file holds no size, but it is no choice of the player,
        so it never replaces a size another window saved in the meantime."""
        self.width, self.height = size
        self._loaded = {**self._loaded, "width": self.width, "height": self.height}

    @classmethod
    def load(cls) -> Settings:
        path = user_data_dir() / "settings.json"
        s = cls()
        s._file, s._loaded, s.problem = {}, asdict(s), None
        try:
            data = _read(path)
        except PermissionError as exc:  # there, but not ours to read (chmod 000, another user's)
            s.problem = (f"The settings file {path} could not be read ({exc.strerror or exc}): the default "
                         "settings are used, and the file is kept as settings.json.bad when the settings are "
                         "next saved.")
            return s
        except OSError as exc:  # a folder in its place, a path through a file
            s.problem = (f"The settings file {path} could not be read ({exc.strerror or exc}): the default "
                         "settings are used.")
            return s
        except ValueError as exc:  # not UTF-8, not JSON, absurdly deep, wrong shape
            s.problem = (f"The settings file {path} could not be read ({exc}): the default settings are "
                         "used, and the file is kept as settings.json.bad when the settings are next saved.")
            s._broken = True
            return s
        if data is None:
            return s
        for key, value in data.items():
            if key in s._loaded and isinstance(value, type(getattr(s, key))):
                setattr(s, key, value)
        if s.font_scale not in ("normal", "large"):
            s.font_scale = "normal"
        if s.ai_speed not in AI_SPEEDS:
            s.ai_speed = "normal"
        s.learned = [k for k in s.learned if isinstance(k, str)]
        s.width = min(MAX_SIZE[0], max(MIN_SIZE[0], s.width))
        s.height = min(MAX_SIZE[1], max(MIN_SIZE[1], s.height))
        s._file, s._loaded = data, asdict(s)
        return s

    # not dataclass fields (no annotations): what the file held (kept on save), the settings as
    # they were loaded (to tell what the player changed), and whether the file is there but
    # unreadable (kept as settings.json.bad before it is replaced)
    _file = MappingProxyType({})
    _loaded = MappingProxyType({})
    _broken = False
    problem = None
    """A sentence on why the settings file could not be read (the defaults are used), or None."""

    def to_dict(self, file: dict | None = None) -> dict:
        """What is written over ``file`` (what the settings file holds now; by default what it held
        when this window last read or wrote it): the settings this window changed, and of the
        others what the file holds (a change made in another window, keys this version does not
        know, values it does not understand); a setting the file lacks, this window's value."""
        out = dict(self._file if file is None else file)
        for key, value in asdict(self).items():
            loaded = self._loaded.get(key)
            if key == "learned" and isinstance(out.get(key), list) and isinstance(loaded, list) \
                    and value[:len(loaded)] == loaded:
                # hints learned here are added to those learned in another window (turning the
                # hints on again, which empties the list, is a change like any other)
                out[key] = out[key] + [k for k in value if k not in out[key]]
            elif key not in out or value != loaded:
                out[key] = value
        return out

    def save(self) -> str | None:
        """Write the settings this window changed over what the file holds now (another window
        may have saved since); returns an error sentence or None."""
        path = user_data_dir() / "settings.json"
        try:
            try:
                current = _read(path)
            except (ValueError, PermissionError):  # damaged or unreadable (here when loaded, or since): kept
                try:  # aside, never overwritten (a new file would also take on a mode nobody can read)
                    os.replace(path, path.with_name("settings.json.bad"))
                except FileNotFoundError:
                    pass
                current = None
            except OSError:  # a folder in its place, a path through a file: writing says why
                current = None
            if current is None:  # nothing to keep: all of this window's settings, not its changes alone
                current = {} if self._broken else dict(self._file)
            out = self.to_dict(current)
            write_text_atomic(path, json.dumps(out, indent=1))
        except OSError as exc:
            return (f"The settings could not be saved in {path.parent} ({exc.strerror or exc}): they hold until "
                    "the game is closed (free some space, check the folder's permissions, or set "
                    "TREATY_TABLE_HOME to a folder you can write to).")
        except (TypeError, ValueError) as exc:  # cannot happen with the settings this version writes
            return f"The settings could not be saved ({exc})."
        self._file, self._loaded, self._broken = out, asdict(self), False
        return None


def _read(path) -> dict | None:
    """The named settings in the settings file, or None without one. Raises OSError when it
    cannot be read and ValueError ("it is ...": why) when what it holds is not settings."""
    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES + 1)  # never waits on a pipe
    except FileNotFoundError:
        return None
    if len(raw) > MAX_SETTINGS_BYTES:
        raise ValueError("it is far too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, absurdly deep
        raise ValueError("it is not valid JSON") from None
    if not isinstance(data, dict):
        raise ValueError("it is not a set of named settings")
    return data


def parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = (int(x) for x in str(text).lower().replace(" ", "").split("x"))
    except ValueError:
        return None
    if w < 320 or h < 240:
        return None
    return (w, h)
