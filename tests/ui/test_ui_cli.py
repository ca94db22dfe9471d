"""`python -m game play --autoplay --screenshots DIR` saves one PNG per screen and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_autoplay_screenshots(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               TREATY_TABLE_HOME=str(tmp_path / "home"))
    out = tmp_path / "shots"
    proc = subprocess.run([sys.executable, "-m", "game", "play", "--gui", "--autoplay", "--screenshots", str(out),
                           "--seed", "3", "--size", "1280x720"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = sorted(p.name for p in out.glob("*.png"))
    screens = [n.split("-", 1)[1][:-4] for n in names]
    assert screens == ["title", "scenario", "roles", "brief", "source", "table", "summit", "results"], names
    import pygame

    for p in out.glob("*.png"):
        assert pygame.image.load(str(p)).get_size() == (1280, 720)

