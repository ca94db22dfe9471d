"""Benchmark 4: the UI's frame time, measured by ``bench/ui_frame.py`` (the UI's own script).

The runner only calls it, if it exists, as a subprocess from the repository root::

    python bench/ui_frame.py [--quick]

(``--quick`` is dropped when the script refuses it). Either the script prints
one JSON object as the last line of its standard output with at least

* ``p50_ms`` and ``p95_ms``: median and 95th percentile frame time (ms) at 1280x720,
* ``first_frame_s``: seconds from start to the first frame shown,

and may add anything else (e.g. ``frames``, ``resolution``, ``driver``). Common
variants of these names (``p50``/``p95`` in ms, ``first_frame_ms``,
``time_to_first_frame_s``) are accepted; or it prints plain text with one line per
scene, ``<scene> frames N p50 X ms p95 Y ms max Z ms`` (the first scene is the
headline figure), and ``time to first frame: N ms``. Without a display the runner sets
``SDL_VIDEODRIVER=dummy`` unless the caller chose a driver.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from bench.common import ROOT

SCRIPT = ROOT / "bench" / "ui_frame.py"


def _last_json(text: str) -> dict | None:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    try:
        value = json.loads(text)
        return value if isinstance(value, dict) else None
    except ValueError:
        return None


def _pick(data: dict, names: tuple[str, ...]) -> tuple[str, float] | None:
    for name in names:
        if isinstance(data.get(name), (int, float)):
            return name, float(data[name])
    return None


def normalise(data: dict) -> dict:
    """p50_ms, p95_ms, first_frame_s from the script's JSON (None where absent)."""
    out: dict = {"p50_ms": None, "p95_ms": None, "first_frame_s": None}
    for q in ("p50", "p95"):
        hit = _pick(data, (f"{q}_ms", f"{q}_frame_ms", f"frame_{q}_ms", q, f"{q}_s", f"frame_{q}_s"))
        if hit:
            name, value = hit
            out[f"{q}_ms"] = value * 1e3 if name.endswith("_s") else value
    hit = _pick(
        data,
        (
            "first_frame_s",
            "time_to_first_frame_s",
            "first_frame_ms",
            "time_to_first_frame_ms",
            "first_frame",
            "startup_s",
        ),
    )
    if hit:
        name, value = hit
        out["first_frame_s"] = value / 1e3 if name.endswith("_ms") else value
    return out


_SCENE = re.compile(
    r"^\s*(?P<name>\S.*?)\s+frames\s+(?P<frames>\d+)\s+p50\s+(?P<p50>[\d.]+)\s*ms\s+"
    r"p95\s+(?P<p95>[\d.]+)\s*ms(?:\s+max\s+(?P<max>[\d.]+)\s*ms)?",
    re.M,
)
_FIRST = re.compile(r"time to first frame:\s*(?P<value>[\d.]+)\s*(?P<unit>ms|s)\b", re.I)


def parse_text(text: str) -> dict | None:
    """The script's plain-text report: one line per scene ("<scene> frames N p50 X ms p95 Y ms
    max Z ms") and "time to first frame: N ms". The first scene is the headline one."""
    scenes = [
        {
            "scene": m["name"].strip(),
            "frames": int(m["frames"]),
            "p50_ms": float(m["p50"]),
            "p95_ms": float(m["p95"]),
            "max_ms": float(m["max"]) if m["max"] else None,
        }
        for m in _SCENE.finditer(text)
    ]
    first = _FIRST.search(text)
    if not scenes and not first:
        return None
    out: dict = {"scenes": scenes}
    if scenes:
        out.update(p50_ms=scenes[0]["p50_ms"], p95_ms=scenes[0]["p95_ms"], scene=scenes[0]["scene"])
    if first:
        value = float(first["value"])
        out["first_frame_s"] = value / 1e3 if first["unit"].lower() == "ms" else value
    return out


def run_ui(quick: bool = False, timeout: float = 300.0) -> dict:
    if not SCRIPT.exists():
        return {"skipped": "bench/ui_frame.py does not exist yet"}
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY") and "SDL_VIDEODRIVER" not in env:
        env["SDL_VIDEODRIVER"] = "dummy"
        env.setdefault("SDL_AUDIODRIVER", "dummy")
    args = [sys.executable, str(SCRIPT)] + (["--quick"] if quick else [])
    try:
        proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
        if proc.returncode == 2 and quick and "unrecognized arguments" in proc.stderr:
            proc = subprocess.run(
                args[:-1], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
            )
    except subprocess.TimeoutExpired:
        return {"status": "over budget", "timeout_s": timeout}
    data = _last_json(proc.stdout)
    if data is None:
        data = parse_text(proc.stdout)
    if proc.returncode != 0 or data is None:
        return {
            "status": "failed",
            "returncode": proc.returncode,
            "stderr": proc.stderr[-2000:],
            "stdout": proc.stdout[-1000:],
        }
    out = {"status": "ok", "driver": env.get("SDL_VIDEODRIVER", "default"), **normalise(data), "raw": data}
    if isinstance(data.get("scenes"), list):
        out["scenes"] = data["scenes"]
        out["scene"] = data.get("scene")
    out["stdout"] = proc.stdout[-2000:]
    return out
