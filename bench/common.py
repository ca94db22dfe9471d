"""Shared helpers: the machine description, timed games, small statistics.

Every benchmark plays games through the public session API (``Match``), exactly
as ``treaty-table simulate`` does, so a faster engine shows up here unchanged.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_SCENARIO = "cst-1999"


def ensure_repo_on_path() -> None:
    """Benchmark the checkout's ``game`` package, not an installed copy."""
    root = str(ROOT)
    if sys.path[:1] != [root]:
        if root in sys.path:
            sys.path.remove(root)
        sys.path.insert(0, root)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(name: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:
        return None


def _checkout() -> str | None:
    """The commit of the checkout, read from .git (no git command is run)."""
    head = ROOT / ".git" / "HEAD"
    try:
        text = head.read_text().strip()
        if text.startswith("ref: "):
            ref = text[5:]
            path = ROOT / ".git" / ref
            if path.exists():
                return path.read_text().strip()[:12]
            packed = ROOT / ".git" / "packed-refs"
            for line in packed.read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0][:12]
            return None
        return text[:12]
    except OSError:
        return None


def _blas() -> str | None:
    try:
        from threadpoolctl import threadpool_info

        libs = [
            f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')}, "
            f"{i.get('num_threads')} threads)"
            for i in threadpool_info()
            if i.get("user_api") == "blas"
        ]
        return "; ".join(libs) or None
    except Exception:
        return None


def machine_info() -> dict:
    import numpy

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "numpy": numpy.__version__,
        "pydantic": _version("pydantic"),
        "negmas": _version("negmas"),
        "platform": platform.platform(),
        "blas": _blas(),
        "openblas_env": {
            k: v
            for k, v in os.environ.items()
            if k.startswith("OPENBLAS") or k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")
        },
        "checkout": _checkout(),
        "load_average": load_average(),
    }


def load_average() -> list[float] | None:
    """1, 5 and 15 minute load averages (other work on the machine skews timings)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def format_machine(info: dict) -> str:
    env = ", ".join(f"{k}={v}" for k, v in sorted(info.get("openblas_env", {}).items()))
    lines = [
        f"CPU: {info['cpu']} ({info['cores']} cores, {info['usable_cores']} usable)",
        f"Python {info['python']} ({info['implementation']}), numpy {info['numpy']}, "
        f"pydantic {info['pydantic']}, negmas {info['negmas'] or 'not installed'}",
        f"Platform: {info['platform']}",
    ]
    if info.get("blas"):
        lines.append(f"BLAS: {info['blas']}" + (f" [{env}]" if env else ""))
    elif env:
        lines.append(f"Environment: {env}")
    if info.get("checkout"):
        lines.append(f"Checkout: {info['checkout']}")
    if info.get("load_average"):
        lines.append("Load average at start (1/5/15 min): " + " / ".join(map(str, info["load_average"])))
    return "\n".join(lines)


def load_seed_scenario():
    from game.scenarios.loader import load_scenario

    return load_scenario(SEED_SCENARIO)


def timed_game(scenario, seed: int, difficulty: str = "normal", events: str = "historical") -> dict:
    """Play one AI-only game; time the whole game and every AI decision.

    The game is ``Match(...)`` plus ``run_ai()``, as ``simulate.play_one`` does;
    ``ai_action`` is wrapped on the instance to time the decisions separately
    from applying them.
    """
    from game.engine import Options
    from game.session.match import Match

    decisions: list[float] = []
    c0 = time.process_time()
    t0 = time.perf_counter()
    match = Match(scenario, seed=seed, options=Options(events=events), difficulty=difficulty)
    inner = match.ai_action

    def ai_action():
        t = time.perf_counter()
        try:
            return inner()
        finally:
            decisions.append(time.perf_counter() - t)

    match.ai_action = ai_action  # type: ignore[method-assign]
    match.run_ai()
    total = time.perf_counter() - t0
    cpu = time.process_time() - c0
    if not match.over:
        raise RuntimeError(f"game with seed {seed} did not end")
    return {
        "game_s": total,
        "game_cpu_s": cpu,
        "actions": [a.to_dict() for a in match.actions],
        "decisions": len(decisions),
        "decide_s": sum(decisions),
        "decision_median_s": statistics.median(decisions) if decisions else 0.0,
        "decision_max_s": max(decisions) if decisions else 0.0,
        "steps": match.state.steps,
    }


def timed_floor(scenario, seed: int, actions: list[dict], events: str = "historical") -> dict:
    """The floors under one AI game of ``seed`` (whose moves are ``actions``, as
    :func:`timed_game` returns them), timed whole like it:

    * ``replay_s``: the engine alone - the same game's moves submitted as recorded, no AI;
    * ``passive_s``: a game of the same seed in which every seat is the passive player
      (passes; at the summit the chair puts the most-endorsed draft and each delegation
      signs when the text beats its outside option): a player that never negotiates.
    """
    from game.engine import Options
    from game.engine import actions as A
    from game.session.match import Match

    moves = [A.from_dict(a) for a in actions]
    t0 = time.perf_counter()
    match = Match(scenario, seed=seed, options=Options(events=events))
    for action in moves:
        if match.submit(action).rejected is not None:
            raise RuntimeError(f"seed {seed}: a recorded move was refused on replay")
    replay = time.perf_counter() - t0
    t0 = time.perf_counter()
    passive = Match(scenario, seed=seed, options=Options(events=events),
                    seats={a.id: "passive" for a in scenario.actors})
    passive.run_ai()
    passive_s = time.perf_counter() - t0
    if not (match.over and passive.over):
        raise RuntimeError(f"seed {seed}: a floor game did not end")
    return {"replay_s": replay, "passive_s": passive_s, "passive_actions": len(passive.actions)}


def summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "min": min(values),
        "mean": statistics.fmean(values),
        "max": max(values),
    }


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.0f} µs"
