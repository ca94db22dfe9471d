"""A long session in one process: many games in a row in the (headless) window.

    SDL_VIDEODRIVER=dummy python bench/soak.py [--games tutorial=20,cst-1999=5] [--tracemalloc]

Each game goes the way a player goes: title -> scenario -> roles (one human role) -> briefs ->
the table (the human passes, declines at the summit, puts the newest draft when it chairs) ->
results (its AI-only comparison games run to the end) -> New game -> title. After each game it
prints one line: the resident memory now and at its peak (MB), Python's traced memory when
``--tracemalloc`` is given (slower), the objects the garbage collector tracks, the entries in
the module-level caches, and the files in the data folder (autosaves, logs, temp files).

It writes into a fresh temporary data folder (``TREATY_TABLE_HOME``) unless one is set. Run it
from the repository root or any folder: it plays the checkout's ``game`` package.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CACHES = [  # (module, name): every module-level cache in game/ (each is bounded; this shows it)
    ("game.ai.objectives", "_WEIGHTS"), ("game.ui.presenters", "_LOG_LINES"),
    ("game.ui.draw", "_TEXT_CACHE"), ("game.ui.draw", "_WRAP_CACHE"), ("game.ui.draw", "_ELLIPSIZE_CACHE"),
    ("game.ui.draw", "_FIT_WORDS_CACHE"), ("game.ui.draw", "_INITIALS_CACHE"), ("game.ui.draw", "_STAMP_CACHE"),
    ("game.ui.widgets", "_FIT_CACHE"), ("game.ui.scenes", "_BG_CACHE"), ("game.ui.scenes", "_DOC_CACHE"),
    ("game.engine.model", "_CACHE"), ("game.engine.utility", "_CONSTS"), ("game.engine.utility", "_KMATS"),
    ("game.engine.utility", "_STATUS_QUO"), ("game.engine.table", "_PARTIAL"),
    ("game.engine.views", "_PUBLIC_CACHE"), ("game.engine.views", "_PARTS_CACHE"), ("game.engine.views", "_LOGS"),
    ("game.scenarios.loader", "_PARSED"), ("game.session.match", "_CHECKED"),
]

ROLE = {"tutorial": "brisa", "cst-1999": "georgia"}


def rss_mb() -> float:
    """Resident memory now (Linux: /proc/self/statm; elsewhere the peak)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return peak_mb()


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def cache_sizes() -> dict[str, int]:
    out = {}
    for module, name in CACHES:
        mod = sys.modules.get(module)
        if mod is not None and hasattr(mod, name):
            out[f"{module.rsplit('.', 1)[1]}.{name}"] = len(getattr(mod, name))
    return out


def home_files(home: Path) -> dict[str, int]:
    counts = {"autosaves": 0, "logs": 0, "temp": 0, "other": 0}
    for path in home.rglob("*"):
        if path.is_dir():
            continue
        if path.name.endswith(".tmp"):
            counts["temp"] += 1
        elif path.parent.name == "autosaves":
            counts["autosaves"] += 1
        elif path.parent.name == "logs":
            counts["logs"] += 1
        elif path.name != "settings.json":
            counts["other"] += 1
    return counts


def play_one(app, scenario: str, seed: int, mark=lambda phase: None) -> None:
    """Title -> ... -> results -> New game (back on the title)."""
    import pygame

    from game.engine import actions as A
    from game.ui import scenes as S
    from game.ui.scene_results import ResultsScene
    from game.ui.scene_table import TableScene

    def step(n: int = 1) -> None:
        for _ in range(n):
            app.step(1 / 60)

    title = app.top
    assert isinstance(title, S.TitleScene), app.top
    if scenario == "tutorial":
        title.tutorial()
    else:
        app.setup.scenario_ref = scenario
        title.new_game()
    step(2)
    sc = app.top.scenario
    role = ROLE.get(scenario) or sc.actors[0].id
    roles = app.push(S.RolesScene(app, sc))
    step(2)
    roles.humans = [role]
    roles.set_entry_text("seed", str(seed))
    mark("roles")
    roles.start()
    t0 = time.monotonic()
    while not isinstance(app.top, ResultsScene):
        if time.monotonic() - t0 > 600:
            raise RuntimeError(f"the game did not end ({app.top.name})")
        top = app.top
        if isinstance(top, (S.BriefScene, S.PrivacyScene)):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r",
                                                 scancode=0))
            step(2)
            continue
        m = app.match
        table = app.find_scene(TableScene)
        if table is not None:
            table.skip = True
        if m is not None and not m.over and m.human_to_move() and isinstance(top, TableScene) \
                and app.active_human == m.to_move:
            who = m.to_move
            st = m.state
            if st.phase == "signing":
                if st.on_table is None and st.drafts:
                    m.submit(A.PutToSignature(who, draft=st.drafts[-1].id))
                else:
                    m.submit(A.Sign(who, sign=False))
            else:
                me = st.actors[m.game.model.actor_index(who)]
                m.submit(A.Return(who) if me.status != "present" else A.Pass(who))
        step()
    mark("play")
    results = app.top
    while not results.cloud.done:  # the player reads the results while the comparison games run
        step()
    mark("cloud")
    for page in ("roles", "treaty"):
        results.page = page
        step(2)
    results.new_game()
    step(3)
    mark("title")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", default="tutorial=20,cst-1999=5",
                        help="SCENARIO=N,... played in this order (default tutorial=20,cst-1999=5)")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python's allocations (slower)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if not os.environ.get("TREATY_TABLE_HOME"):
        os.environ["TREATY_TABLE_HOME"] = tempfile.mkdtemp(prefix="tt-soak-")
    home = Path(os.environ["TREATY_TABLE_HOME"])
    plan = []
    for part in args.games.split(","):
        name, _, n = part.partition("=")
        plan += [name.strip()] * int(n or 1)
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start()
    from types import SimpleNamespace

    from game.ui import app as appmod

    ns = SimpleNamespace(scenario=None, role=[], seed=None, load=None, difficulty="normal",
                         events="historical", gui=True, text=False, autoplay=False, screenshots=None,
                         size="1280x720", facilitator=False)
    app = appmod.build(ns, strict=True)
    app.step(1 / 60)
    print(f"data folder: {home}")

    def line(label: str, secs: float = 0.0) -> None:
        gc.collect()
        traced = ""
        if args.tracemalloc:
            import tracemalloc

            traced = f" traced {tracemalloc.get_traced_memory()[0] / 2**20:7.1f} MB"
        caches = cache_sizes()
        big = ", ".join(f"{k}={v}" for k, v in sorted(caches.items(), key=lambda kv: -kv[1])[:4])
        files = home_files(home)
        print(f"{label:>24} {secs:6.1f}s rss {rss_mb():7.1f} MB peak {peak_mb():7.1f} MB{traced} "
              f"gc {len(gc.get_objects()):8d} | files {files} | caches {sum(caches.values())} ({big})",
              flush=True)

    line("start")
    try:
        for n, scenario in enumerate(plan, 1):
            t0 = time.monotonic()
            play_one(app, scenario, args.seed + n)
            line(f"game {n} ({scenario})", time.monotonic() - t0)
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
