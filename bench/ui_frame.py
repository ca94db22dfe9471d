"""Frame-time benchmark of the game window (headless; not a test).

    SDL_VIDEODRIVER=dummy python bench/ui_frame.py [--size 1280x720] [--frames 300]

A busy all-AI game (20 action points a round, every delegation making seeded
random moves, so the log holds several hundred entries; then the AI plays on) is put on the table; the script prints
the time to the first frame and frame-time p50/p95 for the table at rest and
while the AI moves one step per tick.
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
    opts = ap.parse_args()

    from types import SimpleNamespace

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
    table = app.find_scene(TableScene)

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

    ai_ms: list[float] = []

    def measure(n: int, ai: bool) -> list[float]:
        times = []
        for _ in range(n):
            if not isinstance(app.top, TableScene) or match.over:
                break
            if ai:
                table.skip = False
                table.ai_timer = 99.0  # no pause: exactly one AI move per tick
            else:
                table.ai_timer = -1e9  # hold the AI: the table at rest
            t = time.perf_counter()
            app.step(1 / 60)
            times.append((time.perf_counter() - t) * 1000)
            if ai:
                ai_ms.append(table.last_step_ms)
        return times

    measure(10, ai=False)  # warm the caches
    rest = measure(opts.frames, ai=False)
    moving = measure(opts.frames, ai=True)
    print(f"window {app.screen.get_width()}x{app.screen.get_height()}, log entries {n_log}, "
          f"drafts {len(match.state.drafts)}")
    print(f"time to first frame: {(t_first - T0) * 1000:.0f} ms from start "
          f"(imports {(t_import - T0) * 1000:.0f} ms, window and first frame {(t_first - t_build) * 1000:.0f} ms)")
    for label, times in (("table at rest", rest), ("AI moving (one step per tick)", moving)):
        if times:
            print(f"{label:<32} frames {len(times):>4}  p50 {statistics.median(times):6.2f} ms  "
                  f"p95 {pct(times, 95):6.2f} ms  max {max(times):6.2f} ms")
    if ai_ms:
        print(f"{'  of which the AI move (engine)':<32} frames {len(ai_ms):>4}  p50 {statistics.median(ai_ms):6.2f} ms  "
              f"p95 {pct(ai_ms, 95):6.2f} ms  max {max(ai_ms):6.2f} ms")
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
