"""The window's CPU use when nothing happens, and how it keeps up while the AI thinks (not a test).

    SDL_VIDEODRIVER=dummy python bench/idle_cpu.py [--seconds 10] [--states title,table,...]
                                                   [--cores 0] [--root DIR] [--iconify]

Each state runs in a fresh process: the real ``App.run`` loop, stopped by a timer after
``--seconds``, and the process's CPU time (user + system, every thread: the AI worker and the
autosaves too) divided by the wall time, with the frames drawn a second. States:

* ``title``: the title screen, nobody touching anything;
* ``table``: cst-1999 on a person's turn (Georgia, one human seat), the person reading;
* ``results``: the results screen, after its AI-only comparison games are done;
* ``caret``: the table as above with the *Save* dialog open, its name field holding the keyboard
  (its caret blinking), nobody typing; with the times between the caret's blinks as drawn (the
  field's pixels after each frame);
* ``dialog``: the same with the field not holding the keyboard (no caret: what the caret adds);
* ``unfocused``: the table as above after WINDOWFOCUSLOST (another window has the keyboard);
* ``hidden``: the table after WINDOWMINIMIZED, WINDOWHIDDEN and WINDOWFOCUSLOST (with ``--iconify``
  under a real X server with a window manager, ``pygame.display.iconify()`` instead);
* ``ai``: an all-AI game of cst-1999 watched at the normal AI speed (the AI moving and
  thinking, nobody touching anything), with the AI's actions a second and its time a move;
* ``ai-big``: the same with a generated 64-actor, 10-issue scenario (slower AI moves);
* ``ai-input``, ``ai-big-input``: the same with an event posted every 0.1 s from another thread
  (as a mouse moved over the window): the frame intervals and the delay before the loop takes
  an event from the queue (responsiveness while the AI thinks; try it with ``--cores 0``);
* ``latency``: the title screen with an event posted every 3 s (each arriving after a quiet
  second or more): the delay before the loop takes it.

``--cores 0`` pins each process to CPU 0 (as ``taskset -c 0``: a one-core laptop). ``--root``
measures another checkout (the code before a change, side by side). Prints one line a state
and, last, one JSON object with every result.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
STATES = ("title", "table", "caret", "dialog", "results", "unfocused", "hidden", "ai", "ai-big", "ai-input",
          "ai-big-input", "latency")


def pct(values, q):
    values = sorted(values)
    if not values:
        return 0.0
    return values[min(len(values) - 1, max(0, int(round(q / 100 * (len(values) - 1)))))]


def cpu_s() -> float:
    t = os.times()
    return t.user + t.system


def measure_state(state: str, seconds: float, iconify: bool) -> dict:
    from types import SimpleNamespace

    import pygame

    from game.ui.app import GameSetup, _new_match, build

    args = SimpleNamespace(size="1280x720", autoplay=False, screenshots=None, role=[], scenario=None)
    app = build(args)
    probes: list[float] = []  # seconds from posting an event to the loop taking it from the queue
    PROBE = pygame.event.custom_type()
    real_get = pygame.event.get

    def get(*a, **kw):
        events = real_get(*a, **kw)
        now = time.perf_counter()
        for e in events:
            if e.type == PROBE:
                probes.append(now - e.t)
        return events

    pygame.event.get = get
    starts: list[float] = []
    real_step = app.step
    field: list[pygame.Rect] = []  # (caret: the text field, watched)
    looks: list[tuple[float, bytes]] = []  # (caret: the time of each frame and the field's pixels then)

    def step(*a, **kw):
        starts.append(time.perf_counter())
        done = real_step(*a, **kw)
        if field:
            looks.append((starts[-1], pygame.image.tobytes(app.screen.subsurface(field[0]), "RGB")))
        return done

    app.step = step

    def run_for(s: float, until=None) -> None:
        """The real loop for ``s`` seconds (or until ``until()``), stopped from another thread."""
        end = time.perf_counter() + s
        stop = threading.Event()

        def watch():
            while not stop.wait(0.02):
                if time.perf_counter() >= end or (until is not None and until()):
                    app.running = False
                    return

        w = threading.Thread(target=watch, daemon=True)
        w.start()
        try:
            app.run()
        finally:
            stop.set()
            w.join()
            app.running = True

    def table(humans, scenario="cst-1999", speed=None):
        if speed is not None:
            app.settings.ai_speed = speed
        app.setup = GameSetup(scenario_ref=scenario, humans=humans, seed=1)
        if scenario == "big":
            from bench.scenario_gen import generate_scenario
            from game.engine import Options
            from game.session.match import Match

            match = Match(generate_scenario(64, 10), seed=1, options=Options(events="historical"),
                          seats={}, scenario_ref="big")
        else:
            match = _new_match(app.setup)
        app.start_match(match, show_briefs=False)
        return match

    note = ""
    if state in ("title", "latency"):
        run_for(2.0)
    elif state in ("table", "caret", "dialog", "unfocused", "hidden"):
        match = table(["georgia"])
        run_for(60.0, until=lambda: match.human_to_move() and app.top.settled())
        assert match.human_to_move(), "the AI seats before Georgia did not finish"
        run_for(2.5)  # the last move's animations and the quiet after it
        if state in ("caret", "dialog"):
            from game.ui.scenes import SaveLoadScene

            app.push(SaveLoadScene(app, "save"))  # (its name field takes the keyboard when first drawn)
            run_for(2.5)  # the full rate after opening it, and the caret's first second (it blinks after)
            if state == "dialog":
                app.unfocus_entries()
            rect = app.focused_entry_rect()
            note = f"a text field has the keyboard: {rect is not None}"
            if rect is not None:
                field.append(rect.clip(app.screen.get_rect()))
        elif state == "unfocused":
            pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
        elif state == "hidden":
            if iconify:
                pygame.display.iconify()
                run_for(1.0)
                note = f"iconified: get_active() = {pygame.display.get_active()}"
            else:
                for t in (pygame.WINDOWMINIMIZED, pygame.WINDOWHIDDEN, pygame.WINDOWFOCUSLOST):
                    pygame.event.post(pygame.event.Event(t))
        run_for(1.0)
    elif state == "results":
        from game.ui.scene_results import ResultsScene

        match = _new_match(GameSetup(scenario_ref="cst-1999", seed=1))
        match.run_ai()
        app.match = match
        app.reset(ResultsScene(app))
        run_for(120.0, until=lambda: app.top.cloud.done)
        note = f"comparison games done: {app.top.cloud.done}"
        run_for(2.5)
    elif state.startswith("ai"):
        match = table([], "big" if state.startswith("ai-big") else "cst-1999", speed="normal")
        run_for(1.0)
    else:
        raise SystemExit(f"unknown state {state}")

    stop_probe = threading.Event()

    def poster(every: float):
        while not stop_probe.wait(every):
            pygame.event.post(pygame.event.Event(PROBE, t=time.perf_counter()))

    if state.endswith("-input") or state == "latency":
        threading.Thread(target=poster, args=(3.0 if state == "latency" else 0.1,), daemon=True).start()
    probes.clear()
    looks.clear()
    n_moves = len(app.match.actions) if app.match is not None else 0
    starts.clear()
    c0, t0 = cpu_s(), time.perf_counter()
    run_for(seconds)
    c1, t1 = cpu_s(), time.perf_counter()
    stop_probe.set()
    wall = t1 - t0
    iv = [(b - a) * 1000 for a, b in zip(starts, starts[1:])]
    out = {"state": state, "cpu_per_s": (c1 - c0) / wall, "fps": len(starts) / wall, "wall_s": wall,
           "scene": type(app.top).__name__ if app.top else None}
    if iv:
        out.update(interval_p50_ms=statistics.median(iv), interval_p95_ms=pct(iv, 95), interval_max_ms=max(iv))
    if probes:
        out.update(input_delay_p50_ms=statistics.median(probes) * 1000, input_delay_p95_ms=pct(probes, 95) * 1000,
                   input_delay_max_ms=max(probes) * 1000, probes=len(probes))
    if field:
        blinks = [t for (_, a), (t, b) in zip(looks, looks[1:]) if a != b]
        bi = [(b - a) * 1000 for a, b in zip(blinks, blinks[1:])]
        if bi:
            out.update(blink_p50_ms=statistics.median(bi), blink_min_ms=min(bi), blink_max_ms=max(bi),
                       blinks=len(blinks))
    if app.match is not None and state.startswith("ai"):
        out["ai_moves_per_s"] = (len(app.match.actions) - n_moves) / wall
        out["game_over"] = bool(app.match.over)
        recent = list(getattr(getattr(app, "ai", None), "_recent", ()))
        if recent:
            out["ai_move_ms"] = statistics.median(recent)
    if note:
        out["note"] = note
    app.close()
    pygame.quit()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--states", default=",".join(STATES))
    ap.add_argument("--cores", default=None, help="pin to these CPUs (e.g. 0), as taskset -c")
    ap.add_argument("--root", default=str(HERE), help="the checkout to measure (default: this one)")
    ap.add_argument("--iconify", action="store_true", help="hidden: iconify the window (a real X server)")
    ap.add_argument("--state", help=argparse.SUPPRESS)  # (the child process: one state)
    opts = ap.parse_args()
    if opts.state:
        if opts.cores:
            os.sched_setaffinity(0, {int(c) for c in opts.cores.split(",")})
        sys.path.insert(0, opts.root)
        print(json.dumps(measure_state(opts.state, opts.seconds, opts.iconify)))
        return 0
    results = []
    for state in opts.states.split(","):
        env = dict(os.environ)
        env.setdefault("SDL_VIDEODRIVER", "dummy")
        env.setdefault("SDL_AUDIODRIVER", "dummy")
        env["TREATY_TABLE_HOME"] = tempfile.mkdtemp(prefix="tt-idle-")
        env["PYTHONPATH"] = os.pathsep.join([opts.root, str(HERE)])
        cmd = [sys.executable, str(Path(__file__).resolve()), "--state", state, "--seconds", str(opts.seconds),
               "--root", opts.root] + (["--cores", opts.cores] if opts.cores else []) \
            + (["--iconify"] if opts.iconify else [])
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=opts.seconds + 300)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            print(f"{state:<10} FAILED: {proc.stderr.strip()[-400:]}")
            continue
        r = json.loads(lines[-1])
        results.append(r)
        extra = ""
        if "interval_p95_ms" in r:
            extra += f"  frame interval p50 {r['interval_p50_ms']:.1f} p95 {r['interval_p95_ms']:.1f} " \
                     f"max {r['interval_max_ms']:.1f} ms"
        if "input_delay_p95_ms" in r:
            extra += f"  input delay p50 {r['input_delay_p50_ms']:.1f} p95 {r['input_delay_p95_ms']:.1f} " \
                     f"max {r['input_delay_max_ms']:.1f} ms"
        if "blink_p50_ms" in r:
            extra += f"  caret blinks every p50 {r['blink_p50_ms']:.1f} (min {r['blink_min_ms']:.1f}, " \
                     f"max {r['blink_max_ms']:.1f}) ms"
        if "ai_moves_per_s" in r:
            extra += f"  AI actions/s {r['ai_moves_per_s']:.2f}"
        if "ai_move_ms" in r:
            extra += f" ({r['ai_move_ms']:.1f} ms a move)"
        print(f"{state:<10} CPU {r['cpu_per_s']:.3f} s/s  {r['fps']:5.1f} frames/s{extra}"
              + (f"  ({r['note']})" if r.get("note") else ""), flush=True)
    print(json.dumps({"root": opts.root, "cores": opts.cores, "seconds": opts.seconds, "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
