"""Frame-time benchmark of the game window (headless; not a test).

    SDL_VIDEODRIVER=dummy python bench/ui_frame.py [--size 1280x720] [--frames 300] [--quick] [--fps 60]

A busy all-AI game (20 action points a round, every delegation making seeded random moves,
so the log holds several hundred entries; then the AI plays on) is put on the table. Frames
are paced as the window's own loop paces them (``pygame.time.Clock.tick(60)``), so the AI
worker (``game/ui/ai_runner.py``) computes in the time between frames as it does in play.
The frame time is the time of one ``App.step`` (events, update, draw, flip); its CPU time in
the frame loop's thread is shown too (other programs on the machine do not inflate it).
Printed: the time to the first frame, and frame-time p50/p95/max for

* the table at rest (the AI held),
* the AI moving one step per tick (no pause between moves: a move is taken as soon as it is
  ready, at most one a frame),
* the AI moving with its pauses skipped (Space: every move that is ready, within a small
  budget, each frame),

the frames among them that took a move, and per moving scene the moves per second, the time
of an AI move (in the worker, off the frame loop; with the in-frame AI of before, inside the
frame) and the frame interval. When the game ends, the busy state is put back on the same
table (as an undo would) and the AI plays on from it, until enough frames are measured; the
frames that did so (a full rebuild of the table) are shown on a line of their own: with the
pauses skipped the game ends every few dozen frames, so they weigh on that scene's p95 far more
than an undo does in play.

The script also runs on the code from before the background AI (no ``App.ai``): the same
scenes, with the AI computed inside the frame, for a side-by-side comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

T0 = time.perf_counter()
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("TREATY_TABLE_HOME", tempfile.mkdtemp(prefix="tt-bench-"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def pct(values, q):
    values = sorted(values)
    if not values:
        return 0.0
    k = min(len(values) - 1, max(0, int(round(q / 100 * (len(values) - 1)))))
    return values[k]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="fewer frames (150 a scene)")
    ap.add_argument("--fps", type=int, default=60, help="frame pacing (0: frames back to back)")
    opts = ap.parse_args()
    if opts.quick:
        opts.frames = min(opts.frames, 150)

    from types import SimpleNamespace

    import pygame

    from game.engine import Options
    from game.scenarios.loader import load_scenario
    from game.session.match import Match
    from game.ui.app import App
    from game.ui.scene_table import TableScene

    t_import = time.perf_counter()
    args = SimpleNamespace(scenario="cst-1999", role=[], seed=opts.seed, load=None, difficulty="normal",
                           events="historical", gui=True, text=False, autoplay=False, screenshots=None,
                           size=opts.size)
    sc = load_scenario("cst-1999")
    busy = sc.model_copy(update={"settings": sc.settings.model_copy(update={"action_points": 20})})
    match = Match(busy, seed=opts.seed, options=Options(events="historical"),
                  seats={a.id: "random" for a in busy.actors})
    t_build = time.perf_counter()
    app = App(args)
    app.start_match(match, show_briefs=False)
    app.step(1 / 60)
    t_first = time.perf_counter()
    background_ai = hasattr(app, "ai")

    # fill the log: busy delegations make every kind of move but passing (seeded), off screen,
    # until several hundred entries; then the AI plays on while frames are measured
    import random

    rng = random.Random(opts.seed)
    while len(match.state.log) < 450 and match.state.phase == "diplomacy" and match.state.round < 3:
        legal = [a for a in match.game.legal_actions(match.state)
                 if a.kind not in ("pass", "walk_out", "return", "respond")]
        if not legal:
            match.step_ai()
            continue
        match.submit(rng.choice(legal))
    for a in busy.actors:
        match.set_seat(a.id, "ai")
    n_log = len(match.state.log)
    busy_state, busy_actions = match.state, list(match.actions)

    clock = pygame.time.Clock()

    table0 = app.top

    resets = [0]

    def table() -> TableScene:
        if match.over:  # the game ended: play on from the busy state again (on the same table,
            match.state, match.actions = busy_state, list(busy_actions)  # as after an undo)
            resets[0] += 1
        assert app.top is table0 and not match.over
        return table0

    def measure(n: int, mode: str) -> dict:
        times, moved, intervals, ai_ms, cpu, reset = [], [], [], [], [], []
        moves = 0
        last = None
        t_start = time.perf_counter()
        for _ in range(n):
            before = resets[0]
            t = table()
            if mode == "rest":
                t.ai_timer = -1e9  # hold the AI: the table at rest
            else:
                t.skip = mode == "skip"
                t.ai_timer = 99.0  # no pause: a move as soon as one is ready
            n_before = len(match.actions)
            if opts.fps:
                clock.tick(opts.fps)
            s = time.perf_counter()
            c = time.thread_time()
            if last is not None:
                intervals.append((s - last) * 1000)
            last = s
            app.step(1 / 60)
            ms = (time.perf_counter() - s) * 1000
            cpu.append((time.thread_time() - c) * 1000)
            times.append(ms)
            if resets[0] != before:  # the whole table rebuilt for the state put back
                reset.append(ms)
            if len(match.actions) > n_before:
                moved.append(ms)
                moves += len(match.actions) - n_before
                ai_ms.append(t.last_ai_ms if background_ai else t.last_step_ms)
        wall = time.perf_counter() - t_start
        return {"times": times, "moved": moved, "intervals": intervals, "ai_ms": ai_ms, "cpu": cpu, "reset": reset,
                "moves_per_s": moves / wall if wall > 0 else 0.0}

    measure(10, "rest")  # warm the caches
    rest = measure(opts.frames, "rest")
    moving = measure(opts.frames, "step")
    skipping = measure(opts.frames, "skip")
    print(f"window {app.screen.get_width()}x{app.screen.get_height()}, log entries {n_log}, "
          f"drafts {len(busy_state.drafts)}, AI {'in a background worker' if background_ai else 'inside the frame'}, "
          f"pacing {opts.fps or 'none'} fps")
    print(f"time to first frame: {(t_first - T0) * 1000:.0f} ms from start "
          f"(imports {(t_import - T0) * 1000:.0f} ms, window and first frame {(t_first - t_build) * 1000:.0f} ms)")

    def line(label, times):
        if times:
            print(f"{label:<44} frames {len(times):>4}  p50 {statistics.median(times):6.2f} ms  "
                  f"p95 {pct(times, 95):6.2f} ms  max {max(times):6.2f} ms")

    line("table at rest", rest["times"])
    for label, r, sub in (("AI moving (one step per tick)", moving, "one step per tick"),
                          ("AI moving, pauses skipped (Space)", skipping, "pauses skipped")):
        line(label, r["times"])
        line(f"  of which frames that took a move ({sub})", r["moved"])
        # the game ended and the busy state was put back, as an undo would: a full rebuild, which
        # with the pauses skipped comes every few dozen frames (in play: once a game, or an undo)
        line(f"  of which frames that put the busy state back ({sub})", r["reset"])
    for label, r in (("at rest", rest), ("one step per tick", moving), ("pauses skipped", skipping)):
        line(f"  of which the frame loop's own CPU time ({label})", r["cpu"])
    for label, r in (("one step per tick", moving), ("pauses skipped", skipping)):
        ai, iv = r["ai_ms"], r["intervals"]
        where = "in the worker, off the frame" if background_ai else "inside the frame"
        if ai:
            print(f"AI moves ({label}): {r['moves_per_s']:.0f} moves/s; the AI move {where}: "
                  f"p50 {statistics.median(ai):.2f} ms, p95 {pct(ai, 95):.2f} ms, max {max(ai):.2f} ms; "
                  f"frame interval p50 {statistics.median(iv):.1f} ms, p95 {pct(iv, 95):.1f} ms")
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
