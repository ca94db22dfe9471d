"""Window settings kept between sessions (``user_data_dir()/settings.json``).

A settings file that cannot be read is never dropped silently: :attr:`Settings.problem` says
why (the window shows it), the defaults are used, and the first time the settings are saved
the unreadable file is kept beside them as ``settings.json.bad``.  Keys and values this
version does not know (a file written by a newer version) are kept as they are when the
settings are saved, unless the player changed that very setting.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from types import MappingProxyType

from game.session.store import read_regular_file, user_data_dir, write_atomic
from game.ui import MAX_SIZE, MIN_SIZE

MAX_SETTINGS_BYTES = 1024 * 1024
"""A larger settings file is not read (it cannot be one this game wrote)."""

SIZES = ((1280, 720), (1600, 900), (1920, 1080))
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

    @classmethod
    def load(cls) -> Settings:
        path = user_data_dir() / "settings.json"
        s = cls()
        s._file, s._loaded, s.problem = {}, asdict(s), None
        try:
            raw = read_regular_file(path, MAX_SETTINGS_BYTES + 1)  # never waits on a pipe
        except FileNotFoundError:
            return s
        except OSError as exc:  # a folder in its place, no permission, a path through a file
            s.problem = (f"The settings file {path} could not be read ({exc.strerror or exc}): the default "
                         "settings are used.")
            return s
        try:
            if len(raw) > MAX_SETTINGS_BYTES:
                raise ValueError("it is far too large")
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("it is not a set of named settings")
        except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, absurdly deep, wrong shape
            why = str(exc) if str(exc).startswith("it ") else "it is not valid JSON"
            s.problem = (f"The settings file {path} could not be read ({why}): the default settings are "
                         "used, and the file is kept as settings.json.bad when the settings are next saved.")
            s._broken = True
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

    def to_dict(self) -> dict:
        """What is written: the settings, and what the file held that this version does not know
        (other keys, and values it does not understand of settings the player did not change)."""
        out = dict(self._file)
        for key, value in asdict(self).items():
            if key not in out or value != self._loaded.get(key):
                out[key] = value
        return out

    def save(self) -> str | None:
        """Write the settings; returns an error sentence or None."""
        path = user_data_dir() / "settings.json"
        try:
            if self._broken:
                try:
                    os.replace(path, path.with_name("settings.json.bad"))
                except FileNotFoundError:
                    pass
                self._broken = False
            write_atomic(path, json.dumps(self.to_dict(), indent=1).encode("utf-8"))
        except OSError as exc:
            return f"the settings could not be saved in {path.parent} ({exc.strerror or exc})"
        except (TypeError, ValueError) as exc:  # cannot happen with the settings this version writes
            return f"the settings could not be saved ({exc})"
        self._file, self._loaded = self.to_dict(), asdict(self)
        return None


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
