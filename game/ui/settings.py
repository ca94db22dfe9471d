"""Window settings kept between sessions (``user_data_dir()/settings.json``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from game.session.store import user_data_dir, write_atomic
from game.ui import MIN_SIZE

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
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        s = cls()
        if isinstance(data, dict):
            for key, value in data.items():
                if hasattr(s, key) and isinstance(value, type(getattr(s, key))):
                    setattr(s, key, value)
        if s.font_scale not in ("normal", "large"):
            s.font_scale = "normal"
        if s.ai_speed not in AI_SPEEDS:
            s.ai_speed = "normal"
        s.learned = [k for k in s.learned if isinstance(k, str)]
        s.width, s.height = max(MIN_SIZE[0], s.width), max(MIN_SIZE[1], s.height)
        return s

    def save(self) -> str | None:
        """Write the settings; returns an error sentence or None."""
        try:
            write_atomic(user_data_dir() / "settings.json",
                         json.dumps(asdict(self), indent=1).encode("utf-8"))
        except OSError as exc:
            return f"the settings could not be saved ({exc.strerror or exc})"
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
