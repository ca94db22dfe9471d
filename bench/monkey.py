"""Seeded random input ("monkey" testing) for the window and the text mode.

    SDL_VIDEODRIVER=dummy python bench/monkey.py --window --seed 7 --steps 5000
    python bench/monkey.py --text --seed 1 --runs 200
    SDL_VIDEODRIVER=dummy python bench/monkey.py --minutes 15      # both, seed after seed
    SDL_VIDEODRIVER=dummy python bench/monkey.py --window --seed 7 --steps 5000 --minimise

The window monkey starts the app headless (a start, a window size and the text size chosen by
the seed: the title screen, a solo or hotseat game, the facilitator's console, a replay, a loaded
save, the summit, the results; 1280x720 or 1024x600, normal or large text) and for ``--steps``
steps posts random events through the real event queue: key presses (letters, digits, Tab, Enter,
Esc, arrows, PgUp/PgDn, Home/End, F1-F12, Backspace, Delete, Space, with Shift, Ctrl or Alt, held
down now and then), the text they type, clicks, double, right and other-button clicks, drags and
wheel turns on the widgets drawn in the last frame (most of the time) or anywhere, junk typed or
pasted (Ctrl+V) into the text fields (emoji, right-to-left text, combining marks, NUL, very long
strings, an input method composing), window resizes, focus changes and the window's close button,
with frames stepped in between; now and then the match is moved on a phase (as the facilitator's "end the
phase" does) so that it reaches the summit and the results. The app runs strict (a screen's
exception is raised, not shown as the error screen) and its AI moves are computed in the frame
loop, one per frame, so a run is the same every time: a finding is reported
with its seed and step and, with ``--minimise``, cut down to the shortest list of actions that
still shows it. It reports exceptions, frames slower than ``--hang`` seconds, a screen that
Esc never leaves, a game whose save does not load back the same, and text typed into a field
that a resize loses.

The text monkey runs ``python -m game play --text`` (a fresh data folder and working folder
each run) with random command lines: real commands with wrong, missing or extra arguments,
numbers out of range, unicode junk, empty and very long lines, bytes that are not UTF-8, cut off
at a random point (end of input), for one role, hotseat roles, or the role prompt, on consoles of
several encodings; in some runs Ctrl-C (SIGINT) comes at a random moment of the game. A run fails
when it prints a Python traceback, exits with another code than 0 (130 after Ctrl-C), or takes
longer than ``--timeout`` seconds.

Exit status 1 when anything was found. The fast version of both is tests/ui/test_ui_monkey.py and
tests/test_textmode_monkey.py.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import faulthandler
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "tests", ROOT / "tests" / "ui"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


# ============================================================================ findings

@dataclass
class Finding:
    kind: str  # crash | hang | stuck | state | exit | traceback | timeout
    seed: int
    step: int
    where: str  # the configuration (window) or the run (text)
    message: str
    trace: str = ""
    actions: list = field(default_factory=list)  # (window) what was done up to it, to replay

    @property
    def signature(self) -> str:
        """What makes two findings the same bug: the kind, the exception and the innermost line of
        the game's own code in its traceback."""
        last = ""
        for line in self.trace.splitlines():
            line = line.strip()
            if line.startswith("File ") and ("/game/" in line or "\\game\\" in line):
                last = re.sub(r", line \d+", "", line)  # (the same bug after an edit above it)
        head = self.message.split(":")[0] if self.kind in ("crash", "traceback") else self.message[:60]
        return f"{self.kind}|{head}|{last}"

    def report(self) -> str:
        text = f"[{self.kind}] seed {self.seed} step {self.step} ({self.where}): {self.message}"
        if self.trace:
            text += "\n" + self.trace.rstrip()
        return text


# ============================================================================ junk

JUNK_TEXTS = [
    "", " ", "   ", "\x00", "a\x00b", "\t", "\n", "\r\n", "\x1b[2J", "\x7f", "\u200b", "\ufeff",
    "😀", "😀👍🏽🇬🇪", "👨‍👩‍👧‍👦", "שלום עולם", "مرحبا بالعالم", "\u202eevil\u202c", "e\u0301\u0301\u0301",
    "Z̷̢̛a̴l̶g̵o̷", "ᄀᄁᄂ", "中文字符", "日本語", "ǅ", "ﬃ", "İı", "ß", "Ω≈ç√∫", "\U0010ffff", "\ue000",
    "x" * 300, "W" * 2000, "😀" * 400, "-1", "0", "00", "007", "99999999999999999999999999", "1e9",
    "NaN", "inf", "1.5", " 42 ", "4_2", "٣٤", "１２３", "0x10", "-0", "+5", "--help", "%s%n%d",
    "{0}{}", "<b>bold</b>", "&amp;", "\\", "'", '"', "''", "a b c", "C:\\con\\aux", "nul",
    "../../etc/passwd", "/", ".", "..", "~", "$HOME", "scenario.yaml", "tutorial", "cst-1999",
    "scenarios/tutorial.yaml", "/dev/null", "/nonexistent/x.yaml",
]


def junk_text(rng: random.Random) -> str:
    """A string a student might type (or a cat might): a known nasty one, random code points, or both."""
    r = rng.random()
    if r < 0.45:
        return rng.choice(JUNK_TEXTS)
    if r < 0.8:
        pools = [(0x20, 0x7e), (0x00, 0x1f), (0xa0, 0x24f), (0x300, 0x36f), (0x370, 0x52f), (0x590, 0x6ff),
                 (0x900, 0x97f), (0x1100, 0x11ff), (0x2000, 0x206f), (0x2190, 0x23ff), (0x3040, 0x30ff),
                 (0x4e00, 0x4fff), (0xe000, 0xe0ff), (0xfe00, 0xfe0f), (0x1f300, 0x1f6ff), (0x1f900, 0x1f9ff)]
        out = []
        for _ in range(rng.choice([1, 2, 5, 12, 40, 150])):
            lo, hi = rng.choice(pools)
            out.append(chr(rng.randint(lo, hi)))
        return "".join(out)
    return rng.choice(JUNK_TEXTS) + junk_text(rng) if rng.random() < 0.5 else rng.choice(JUNK_TEXTS) * rng.randint(2, 50)


# ============================================================================ the window

def _sync_runner_class():
    from game.ui.ai_runner import AIRunner

    class _Sync(AIRunner):
        """The AI worker without a thread: one move per frame, computed when the frame is done, so
        that a monkey run is the same every time (the threaded worker's timing is not)."""

        def _ensure_thread(self) -> None:
            pass

        def frame_done(self, next_frame: float) -> None:
            self._frames += 1
            task = self._task
            if task is None or not task._wants_step():
                return
            task.working = True
            try:
                task._step()
                task._prebuild_last()
            finally:
                task.working = False

    return _Sync


CONFIGS = [  # (start, size, large text)
    ("title", "1280x720", False), ("solo", "1280x720", False), ("hotseat", "1024x600", False),
    ("facilitator", "1280x720", False), ("title", "1024x600", True), ("replay", "1280x720", False),
    ("load", "1024x600", False), ("tutorial", "1280x720", True), ("hotseat", "1280x720", True),
    ("title", "1024x600", False), ("facilitator", "1024x600", True), ("solo", "1024x600", True),
    ("summit", "1280x720", False), ("results", "1024x600", False), ("summit hotseat", "1024x600", True),
]


def config_name(config: tuple[str, str, bool]) -> str:
    start, size, large = config
    return f"{start} {size}{' large text' if large else ''}"


def config_for(seed: int) -> tuple[str, str, bool]:
    return CONFIGS[seed % len(CONFIGS)]


_TEMPLATE: Path | None = None


def data_template() -> Path:
    """A data folder to start each run from (copied): a finished game, a game in its second round,
    a damaged save and an autosave of a game in progress (the title offers to resume it). Made once
    per process (a few seconds: one AI game)."""
    global _TEMPLATE
    if _TEMPLATE is not None and _TEMPLATE.exists():
        return _TEMPLATE
    from game.engine import Options
    from game.engine import actions as A
    from game.scenarios.loader import load_scenario
    from game.session.match import Match
    from game.session.saves import match_payload, save_match
    from game.session.store import AutosaveSlots

    home = Path(tempfile.mkdtemp(prefix="tt-monkey-template-"))
    atexit.register(shutil.rmtree, home, True)
    saves = home / "saves"
    saves.mkdir(parents=True)
    done = Match(load_scenario("tutorial"), seed=5, options=Options(events="historical"), seats={},
                 difficulty="normal", scenario_ref="tutorial")
    done.run_ai()
    save_match(done, saves / "finished.json")
    mid = Match(load_scenario("cst-1999"), seed=9, options=Options(events="historical"),
                seats={"georgia": "human"}, difficulty="normal", scenario_ref="cst-1999")
    while not mid.over and mid.state.round < 1:
        if mid.human_to_move():
            mid.submit(A.Pass(mid.to_move))
        else:
            mid.step_ai()
    save_match(mid, saves / "round two.json")
    for name, scenario, humans in (("summit.json", "cst-1999", ["georgia"]),
                                   ("summit hotseat.json", "cst-1999", ["georgia", "russia"]),
                                   ("finished brisa.json", "tutorial", ["brisa"])):
        m = Match(load_scenario(scenario), seed=3, options=Options(events="historical"),
                  seats={h: "human" for h in humans}, difficulty="normal", scenario_ref=scenario)
        while not m.over and not (m.state.phase == "signing" and m.human_to_move() and name.startswith("summit")):
            if not m.human_to_move():
                m.step_ai()
                continue
            me = m.state.actors[m.game.model.actor_index(m.to_move)]
            if m.state.phase == "diplomacy":
                m.submit(A.Return(m.to_move) if me.status != "present" else A.Pass(m.to_move))
            elif m.state.on_table is None:
                m.submit(A.PutToSignature(m.to_move, draft=m.state.drafts[-1].id))
            else:
                m.submit(A.Sign(m.to_move, sign=True))
        save_match(m, saves / name)
    (saves / "broken.json").write_text('{"kind": "treaty-table-game", "moves": [1, 2', encoding="utf-8")
    AutosaveSlots(home / "autosaves").write(match_payload(mid))
    _TEMPLATE = home
    return home


KEY_NAMES = (
    [f"K_{c}" for c in "abcdefghijklmnopqrstuvwxyz"] + [f"K_{n}" for n in range(10)]
    + ["K_TAB"] * 4 + ["K_RETURN"] * 4 + ["K_KP_ENTER", "K_ESCAPE", "K_ESCAPE", "K_ESCAPE"]
    + ["K_UP", "K_DOWN", "K_LEFT", "K_RIGHT"] * 2
    + ["K_PAGEUP", "K_PAGEDOWN", "K_HOME", "K_END", "K_BACKSPACE", "K_DELETE", "K_SPACE", "K_SPACE"]
    + [f"K_F{n}" for n in range(1, 13)] + ["K_LEFTBRACKET", "K_RIGHTBRACKET", "K_SLASH", "K_MINUS",
                                           "K_EQUALS", "K_COMMA", "K_PERIOD", "K_KP1", "K_KP5", "K_KP0",
                                           "K_LSHIFT", "K_LCTRL", "K_INSERT", "K_CAPSLOCK"]
)
SHIFTED = dict(zip("1234567890-=/,.[]", "!@#$%^&*()_+?<>{}"))


class WindowMonkey:
    """One seeded run of random input in the headless window (see the module's docstring)."""

    CHECK_EVERY = 250  # steps between the checks that a save of the match loads back the same
    STUCK_ESC = 25  # Esc presses on one screen that never leave it: the screen is a trap

    def __init__(self, seed: int, config: tuple[str, str, bool] | None = None, hang_s: float = 2.0,
                 threaded: bool = False, scratch: Path | None = None, ff_rate: float = 0.004, log=None,
                 watchdog: float | None = None):
        self.seed = seed
        self.config = config or config_for(seed)
        self.hang_s = hang_s
        self.threaded = threaded
        self._own_scratch = scratch is None  # (removed after the run)
        self.scratch = Path(scratch or tempfile.mkdtemp(prefix="tt-monkey-"))
        self.ff_rate = ff_rate
        self.log = log
        self.watchdog = watchdog  # a frame that takes this long (s) never ends: its stack, and the process stops
        self.rng = random.Random(seed)
        self.findings: list[Finding] = []
        self.actions: list[tuple] = []
        self.app = None
        self.visited: dict[str, int] = {}
        self.restarts = 0
        self.step_no = 0
        self._esc_on: tuple[int, int] = (0, 0)  # (id of the top screen, Esc presses on it)
        self._stuck_seen: set[str] = set()
        self.slowest = (0.0, "")

    @property
    def where(self) -> str:
        return config_name(self.config)

    # --- the app ------------------------------------------------------------------------
    def _args(self):
        from game.ui.devshots import args_for

        start, size, _ = self.config
        saves = self.home / "saves"
        kw = {"size": size, "seed": self.seed}
        if start == "solo":
            kw.update(role=["georgia"])
        elif start == "hotseat":
            kw.update(role=["georgia", "russia"])
        elif start == "facilitator":
            kw.update(role=["georgia"], facilitator=True)
        elif start == "tutorial":
            kw.update(scenario="tutorial", role=["brisa"])
        elif start == "replay":
            kw.update(replay=str(saves / "finished.json"))
        elif start == "load":
            kw.update(load=str(saves / "round two.json"))
        elif start in ("summit", "summit hotseat"):
            kw.update(load=str(saves / f"{start}.json"))
        elif start == "results":
            kw.update(load=str(saves / "finished brisa.json"))
        return args_for(**kw)

    def start_app(self) -> None:
        from game.ui import app as appmod

        self.app = appmod.build(self._args(), strict=True)
        if not self.threaded:
            self.app.ai.shutdown()
            self.app.ai = _sync_runner_class()()
        if self.config[2]:  # large text, as Settings > Text size does
            self.app.settings.font_scale = "large"
            self.app.rescale(rebuild_gui=True)
        self.frame()

    def frame(self, n: int = 1) -> None:
        for _ in range(n):
            t0 = time.perf_counter()
            if self.watchdog:
                faulthandler.dump_traceback_later(self.watchdog, exit=True)
            try:
                self.app.step(1 / 60)
            finally:
                if self.watchdog:
                    faulthandler.cancel_dump_traceback_later()
            took = time.perf_counter() - t0
            if took > self.slowest[0]:
                self.slowest = (took, self.top_name())
            if took > self.hang_s:
                self._find("hang", f"a frame took {took:.1f} s on the '{self.top_name()}' screen")
            if self.threaded:
                time.sleep(0.001)
            if not self.alive():
                return

    def alive(self) -> bool:
        return self.app is not None and self.app.running and bool(self.app.scenes)

    def top_name(self) -> str:
        top = self.app.top if self.app is not None else None
        return type(top).__name__ if top is not None else "-"

    # --- running ------------------------------------------------------------------------
    def run(self, steps: int, actions: list[tuple] | None = None, stop_at_first: bool = True) -> list[Finding]:
        """``steps`` random steps, or (``actions``) exactly these recorded ones. Stops at the first
        crash (the app is then in an unknown state) or, with ``stop_at_first``, any finding."""
        self.home = self.scratch / f"home-{self.seed}"
        if self.home.exists():
            shutil.rmtree(self.home)
        shutil.copytree(data_template(), self.home)
        old_home = os.environ.get("TREATY_TABLE_HOME")
        os.environ["TREATY_TABLE_HOME"] = str(self.home)
        old_cwd = os.getcwd()
        os.chdir(self.home)  # nothing the game writes by a relative path lands in the checkout
        random.seed(self.seed)  # the game's own random choices (a blank seed)
        try:
            self._run(steps, actions, stop_at_first)
        finally:
            if self.app is not None:
                with contextlib.suppress(Exception):  # closing a broken app: the finding says why
                    self.app.close()
                self.app = None
            os.chdir(old_cwd)
            shutil.rmtree(self.scratch if self._own_scratch else self.home, ignore_errors=True)
            if old_home is None:
                os.environ.pop("TREATY_TABLE_HOME", None)
            else:
                os.environ["TREATY_TABLE_HOME"] = old_home
        return self.findings

    def _run(self, steps: int, actions: list[tuple] | None, stop_at_first: bool) -> None:
        try:
            self.start_app()
        except Exception as exc:  # noqa: BLE001
            self._find("crash", f"{type(exc).__name__}: {exc}", traceback.format_exc())
            return
        todo = list(actions) if actions is not None else None
        n = len(todo) if todo is not None else steps
        for self.step_no in range(n):
            if not self.alive():
                self._ended()
                try:
                    self.start_app()
                except Exception as exc:  # noqa: BLE001
                    self._find("crash", f"{type(exc).__name__}: {exc}", traceback.format_exc())
                    return
            name = self.top_name()
            self.visited[name] = self.visited.get(name, 0) + 1
            action = todo[self.step_no] if todo is not None else self.choose()
            self.actions.append(action)
            if self.log is not None:
                self.log.write(json.dumps([self.step_no, name, action], ensure_ascii=True) + "\n")
            try:
                keeps = self._keeps_text(action)
                before = (id(self.app.top), entry_texts(self.app)) if keeps else None
                self.apply(action)
                if self.alive():
                    self.check(action, before)
            except Exception as exc:  # noqa: BLE001 - what the monkey is for
                self._find("crash", f"{type(exc).__name__}: {exc}", traceback.format_exc())
                return
            if self.findings and stop_at_first:
                return
        if self.alive():
            try:
                self.check_save()
            except Exception as exc:  # noqa: BLE001
                self._find("crash", f"{type(exc).__name__}: {exc}", traceback.format_exc())

    def _ended(self) -> None:
        self.restarts += 1
        code = self.app.exit_code
        if code != 0:
            self._find("exit", f"the window closed with exit code {code} on the '{self.top_name()}' screen")
        try:
            self.app.close()
        except Exception as exc:  # noqa: BLE001
            self._find("crash", f"closing: {type(exc).__name__}: {exc}", traceback.format_exc())
        self.app = None

    def _find(self, kind: str, message: str, trace: str = "") -> None:
        self.findings.append(Finding(kind, self.seed, self.step_no, self.where, message, trace, list(self.actions)))

    # --- choosing an action ----------------------------------------------------------------
    def choose(self) -> tuple:
        rng, app = self.rng, self.app
        top = app.top
        regions = [r for r in top.ui.regions if r.rect.width > 0 and r.rect.height > 0] if top else []
        live = [r for r in regions if r.enabled and (r.on_click or r.on_right)]
        entries = [e for e in (top.entries.values() if top else []) if e.alive() and e.visible]
        W, H = app.screen.get_size()
        r = rng.random()
        frames = rng.choice([1, 1, 1, 2, 2, 3, 5])

        def spot(region=None):
            if region is None:
                return rng.randrange(W), rng.randrange(H)
            rect = region.rect.clip(app.screen.get_rect()) if region is not None else None
            if rect is None or rect.width <= 0 or rect.height <= 0:
                return rng.randrange(W), rng.randrange(H)
            if rng.random() < 0.7:
                return rect.center
            return rect.x + rng.randrange(rect.width), rect.y + rng.randrange(rect.height)

        if r < 0.36:
            return self._key(frames)
        if r < 0.66:  # a click on a live widget (most of the time), any widget, or anywhere
            pick = rng.random()
            region = rng.choice(live) if live and pick < 0.85 else rng.choice(regions) if regions and pick < 0.93 else None
            b = rng.random()
            button = 1 if b < 0.9 else 3 if b < 0.95 else rng.choice([2, 4, 5, 6, 7])
            x, y = spot(region)
            if rng.random() < 0.01:  # a position outside the window (as SDL reports while dragging)
                x, y = rng.choice([(-5, y), (x, -20), (W + 30, y), (x, H + 1), (-9999, 99999)])
            return ("click", x, y, button, frames)
        if r < 0.68:  # a drag: press, move with the button held, let go elsewhere
            a = spot(rng.choice(live) if live else None)
            return ("drag", *a, *spot(rng.choice(regions) if regions and rng.random() < 0.5 else None), frames)
        if r < 0.70:
            region = rng.choice(live) if live else None
            return ("dclick", *spot(region), frames)
        if r < 0.72:  # a finger (SDL's mouse events with touch): a tap, a double tap, a swipe or a long press
            x, y = spot(rng.choice(live) if live and rng.random() < 0.8 else None)
            how = rng.choice(["tap", "tap", "tap", "double", "swipe", "hold"])
            if how == "swipe":
                return ("touch", how, x, y, rng.randint(-400, 400), rng.randint(-400, 400), frames)
            return ("touch", how, x, y, rng.randint(-4, 4), rng.randint(-4, 4), frames)
        if r < 0.75:
            wheels = [x for x in regions if x.on_wheel]
            region = rng.choice(wheels) if wheels and rng.random() < 0.8 else None
            return ("wheel", *spot(region), rng.choice([-10, -3, -1, -1, 1, 1, 3, 10]),
                    rng.choice([0, 0, 0, 0, 1, -1]), frames)
        if r < 0.78:
            return ("motion", *spot(rng.choice(regions) if regions else None), rng.choice([1, 25]))
        if r < 0.86 and entries:
            e = rng.choice(entries)
            then = rng.choice(["", "", "enter", "tab", "esc", "backspace", "compose"])
            return ("type", *e.rect.center, junk_text(rng), then, frames)
        if r < 0.87:
            w, h = rng.choice([(1280, 720), (1024, 600), (800, 500), (1920, 1080), (1366, 768),
                               (rng.randint(100, 2600), rng.randint(80, 1700))])
            return ("resize", w, h, frames)
        if r < 0.885:
            return ("focus", rng.choice(["lost", "gained", "leave", "enter", "hidden", "shown"]), frames)
        if r < 0.888:
            return ("quit", frames)
        if r < 0.888 + self.ff_rate:
            return ("ff", frames)
        return ("wait", rng.choice([5, 15, 40, 90]))

    def _key(self, frames: int) -> tuple:
        import pygame

        rng = self.rng
        name = rng.choice(KEY_NAMES)
        key = getattr(pygame, name)
        mod = rng.choice([0] * 12 + [pygame.KMOD_LSHIFT] * 3 + [pygame.KMOD_LCTRL] * 2
                         + [pygame.KMOD_LALT, pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT, pygame.KMOD_LGUI])
        ch = ""
        if pygame.K_a <= key <= pygame.K_z:
            ch = chr(key)
            if mod & pygame.KMOD_SHIFT:
                ch = ch.upper()
            if mod & pygame.KMOD_CTRL:
                ch = chr(key - pygame.K_a + 1)
        elif 32 <= key < 127:
            ch = chr(key)
            if mod & pygame.KMOD_SHIFT:
                ch = SHIFTED.get(ch, ch)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            ch = "\r"
        elif key == pygame.K_TAB:
            ch = "\t"
        elif key == pygame.K_BACKSPACE:
            ch = "\b"
        elif key == pygame.K_ESCAPE:
            ch = "\x1b"
        elif key == pygame.K_DELETE:
            ch = "\x7f"
        elif pygame.K_KP1 <= key <= pygame.K_KP9:
            ch = str(key - pygame.K_KP1 + 1)
        elif key == pygame.K_KP0:
            ch = "0"
        repeat = 1 if rng.random() < 0.93 else rng.randint(2, 25)  # a held key (a toddler's)
        return ("key", key, mod, ch, repeat, frames)

    # --- applying it ----------------------------------------------------------------------
    def post(self, etype: int, **kw) -> None:
        import pygame

        pygame.event.post(pygame.event.Event(etype, **kw))

    def click_at(self, x: int, y: int, button: int) -> None:
        import pygame

        self.post(pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0), buttons=(0, 0, 0), touch=False)
        self.post(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=button, touch=False)
        self.post(pygame.MOUSEBUTTONUP, pos=(x, y), button=button, touch=False)

    def touch(self, how: str, x: int, y: int, dx: int, dy: int, frames: int) -> None:
        """A finger as SDL reports it to a window: mouse events with ``touch``, no motion before it lands,
        the lift ``dx, dy`` away (a tap's jitter, or a swipe), a long press held for 0.7 s."""
        import pygame

        def down_up(x0: int, y0: int, x1: int, y1: int, held: int) -> None:
            self.post(pygame.MOUSEBUTTONDOWN, pos=(x0, y0), button=1, touch=True)
            self.frame(1)
            steps = 4 if abs(x1 - x0) + abs(y1 - y0) > 10 else 1
            for n in range(1, steps + 1):
                if not self.alive():
                    return
                self.post(pygame.MOUSEMOTION, pos=(x0 + (x1 - x0) * n // steps, y0 + (y1 - y0) * n // steps),
                          rel=((x1 - x0) // steps, (y1 - y0) // steps), buttons=(1, 0, 0), touch=True)
                self.frame(max(1, held // steps))
            if self.alive():
                self.post(pygame.MOUSEBUTTONUP, pos=(x1, y1), button=1, touch=True)

        held = 42 if how == "hold" else 1  # frames of 1/60 s: a long press is 0.6 s
        down_up(x, y, x + dx, y + dy, held)
        if how == "double" and self.alive():
            self.frame(3)
            down_up(x + dy, y + dx, x + dx, y + dy, 1)  # the second tap lands a few pixels off
        self.frame(frames)

    def press(self, key: int, mod: int = 0, ch: str = "") -> None:
        import pygame

        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode=ch, scancode=0)
        if ch and ch.isprintable() and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_GUI):
            self.post(pygame.TEXTINPUT, text=ch)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode=ch, scancode=0)

    def apply(self, action: tuple) -> None:
        import pygame

        kind = action[0]
        if kind == "key":
            _, key, mod, ch, repeat, frames = action
            for _ in range(repeat - 1):  # a held key: repeated key-downs, one key-up at the end
                self.post(pygame.KEYDOWN, key=key, mod=mod, unicode=ch, scancode=0)
            self.press(key, mod, ch)
            self.frame(frames)
        elif kind == "click":
            _, x, y, button, frames = action
            self.click_at(x, y, button)
            self.frame(frames)
        elif kind == "dclick":
            _, x, y, frames = action
            self.click_at(x, y, 1)
            self.click_at(x, y, 1)
            self.frame(frames)
        elif kind == "drag":
            _, x0, y0, x1, y1, frames = action
            self.post(pygame.MOUSEMOTION, pos=(x0, y0), rel=(0, 0), buttons=(0, 0, 0), touch=False)
            self.post(pygame.MOUSEBUTTONDOWN, pos=(x0, y0), button=1, touch=False)
            self.frame(1)
            if not self.alive():
                return
            for n in range(1, 4):
                x, y = x0 + (x1 - x0) * n // 3, y0 + (y1 - y0) * n // 3
                self.post(pygame.MOUSEMOTION, pos=(x, y), rel=((x1 - x0) // 3, (y1 - y0) // 3), buttons=(1, 0, 0),
                          touch=False)
            self.post(pygame.MOUSEBUTTONUP, pos=(x1, y1), button=1, touch=False)
            self.frame(frames)
        elif kind == "touch":
            self.touch(*action[1:])
        elif kind == "wheel":
            _, x, y, dy, dx, frames = action
            self.post(pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0), buttons=(0, 0, 0), touch=False)
            self.post(pygame.MOUSEWHEEL, x=dx, y=dy, flipped=False, precise_x=float(dx), precise_y=float(dy),
                      touch=False, which=0)
            self.frame(frames)
        elif kind == "motion":
            _, x, y, frames = action
            self.post(pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0), buttons=(0, 0, 0), touch=False)
            self.frame(frames)
        elif kind == "type":
            _, x, y, text, then, frames = action
            self.click_at(x, y, 1)
            self.frame(1)
            if not self.alive():
                return
            if len(text) > 32:  # pasted (Ctrl+V): typing it would take minutes
                pygame.scrap.put_text(text.replace("\x00", ""))  # (a C string: no NUL)
                self.press(pygame.K_v, pygame.KMOD_LCTRL, "\x16")
            else:  # typed: SDL sends a character or a few (an input method) at a time
                for n in range(0, len(text), 4):
                    self.post(pygame.TEXTINPUT, text=text[n:n + 4])
            self.frame(1)
            keys = {"enter": (pygame.K_RETURN, "\r"), "tab": (pygame.K_TAB, "\t"),
                    "esc": (pygame.K_ESCAPE, "\x1b"), "backspace": (pygame.K_BACKSPACE, "\b")}
            if then == "compose" and self.alive():  # an input method composing (Chinese, Japanese)
                self.post(pygame.TEXTEDITING, text=text[:12], start=len(text[:12]), length=0)
                self.frame(1)
                self.post(pygame.TEXTEDITING, text="", start=0, length=0)
            elif then and self.alive():
                key, ch = keys[then]
                self.press(key, 0, ch)
            self.frame(frames)
        elif kind == "resize":
            _, w, h, frames = action
            self.post(pygame.VIDEORESIZE, w=w, h=h, size=(w, h))
            self.post(pygame.WINDOWSIZECHANGED, x=w, y=h)
            self.frame(frames)
        elif kind == "focus":
            _, what, frames = action
            etype = {"lost": "WINDOWFOCUSLOST", "gained": "WINDOWFOCUSGAINED", "leave": "WINDOWLEAVE",
                     "enter": "WINDOWENTER", "hidden": "WINDOWHIDDEN", "shown": "WINDOWSHOWN"}[what]
            self.post(getattr(pygame, etype))
            if what == "lost":
                self.post(pygame.ACTIVEEVENT, gain=0, state=2)
            self.frame(frames)
        elif kind == "quit":
            self.post(pygame.QUIT)
            self.frame(action[1])
        elif kind == "ff":
            self.fast_forward()
            self.frame(action[1])
        elif kind == "wait":
            self.frame(action[1])
        else:
            raise ValueError(f"unknown action {action!r}")

    def fast_forward(self) -> None:
        """Not a player's input: end the phase now, as the facilitator's F6 does, so that the
        monkey reaches the summit and the results in a few thousand steps."""
        from game.session import facilitator as F

        m = self.app.match
        if m is None or m.over or self.app.match_read_only:
            return
        if m.state.phase == "signing" and m.state.on_table is None:
            from game.engine import actions as A

            if m.human_to_move() and m.state.drafts:
                m.submit(A.PutToSignature(m.to_move, draft=m.state.drafts[-1].id))
                return
        F.end_phase(m)

    # --- the checks after each step ----------------------------------------------------------
    def _keeps_text(self, action: tuple) -> bool:
        """Whether the action must leave the text typed in the fields as it was (a new size)."""
        import pygame

        return action[0] == "resize" or (action[0] == "key" and action[1] == pygame.K_F11)

    def check(self, action: tuple, before: tuple | None = None) -> None:
        import pygame

        app = self.app
        top = app.top
        if before is not None and before[0] == id(top):
            now = entry_texts(app)
            lost = {k: v for k, v in before[1].items() if v and now.get(k) != v}
            if lost:
                self._find("state", f"{action[0]} lost the text typed on the '{top.name}' screen: "
                           + ", ".join(f"{k}={v[:20]!r} -> {now.get(k, '')[:20]!r}" for k, v in lost.items()))
        if action[0] == "key" and action[1] == pygame.K_ESCAPE and not app.typing():
            ident = id(top)
            n = self._esc_on[1] + 1 if self._esc_on[0] == ident else 1
            self._esc_on = (ident, n)
            name = type(top).__name__
            if n >= self.STUCK_ESC and name not in self._stuck_seen:
                self._stuck_seen.add(name)
                self._find("stuck", f"{n} presses of Esc never left the '{top.name}' screen ({name})")
        elif self._esc_on[0] != id(top):
            self._esc_on = (id(top), 0)
        if self.step_no and self.step_no % self.CHECK_EVERY == 0:
            self.check_save()

    def check_save(self) -> None:
        """The match as it is now saves and loads back the same (nothing the monkey did is lost
        or makes a save that does not open)."""
        from game.session import facilitator as F

        app = self.app
        m = app.match
        if m is None or app.match_read_only:
            return
        path = self.home / "monkey-check.json"
        F.save(m, path)
        back = F.load(path)
        if len(back.actions) != len(m.actions) or back.state.round != m.state.round \
                or back.state.phase != m.state.phase or back.over != m.over:
            self._find("state", f"a save of the match loads back different: {len(m.actions)} moves, round "
                       f"{m.state.round}, {m.state.phase} -> {len(back.actions)} moves, round {back.state.round}, "
                       f"{back.state.phase}")


def entry_texts(app) -> dict:
    top = app.top
    return {k: top.entry_text(k) for k in list(top.entries) + list(top._entry_text)} if top else {}


def replay_window(seed: int, config, actions: list[tuple], scratch: Path) -> list[Finding]:
    monkey = WindowMonkey(seed, tuple(config), scratch=scratch)
    return monkey.run(len(actions), actions=actions)


def minimise_window(finding: Finding, scratch: Path, budget_s: float = 600.0, say=print) -> list[tuple]:
    """The shortest list of actions (found by removing chunks, ddmin) that still gives a finding
    with the same signature, within ``budget_s``."""
    config = next(c for c in CONFIGS if config_name(c) == finding.where)
    target = finding.signature
    t0 = time.monotonic()

    def fails(actions: list[tuple]) -> bool:
        found = replay_window(finding.seed, config, actions, scratch)
        return any(f.signature == target for f in found)

    actions = list(finding.actions)
    if not fails(actions):
        say("  (the finding does not come back when its actions are replayed: not minimised)")
        return actions
    n = 2
    while len(actions) >= 2 and time.monotonic() - t0 < budget_s:
        chunk = max(1, len(actions) // n)
        removed = False
        for start in range(0, len(actions), chunk):
            trial = actions[:start] + actions[start + chunk:]
            if trial and fails(trial):
                actions = trial
                n = max(n - 1, 2)
                removed = True
                say(f"  minimising: {len(actions)} actions")
                break
            if time.monotonic() - t0 > budget_s:
                break
        if not removed:
            if chunk == 1:
                break
            n = min(len(actions), n * 2)
    return actions


# ============================================================================ the text mode

TEXT_COMMANDS = ["help", "?", "h", "status", "s", "drafts", "d", "draft", "forecast", "f", "calendar", "c",
                 "log", "private", "p", "brief", "b", "source", "issues", "offers", "save", "table", "amend",
                 "endorse", "oppose", "lobby", "offer", "accept", "reject", "redline", "red line", "red-line",
                 "walkout", "walk-out", "return", "pass", "communique", "communiqué", "put", "sign", "decline",
                 "TABLE", "Pass", "undo", "menu", "1", "0", "memo", "Memo:", "quiz", "check", "quiz"]
PROGRESS = ["pass", "pass", "pass", "sign", "decline", "put 1", "put 2", "return", "accept 1", "reject 1",
            "endorse 1", "table 0 1 2 0 1 2 0", "table 1 1"]  # what moves a game on
WORDS = ["0", "1", "2", "3", "4", "5", "6", "9", "10", "-1", "99", "100000000000000000000", "1.5", "D1", "d2",
         "#3", "d0", "atleast", "atmost", "at least", "at_most", ">=", "<=", "≥", "≤", "=>", "min", "max",
         "endorse", "=", "1=1", "duration=2", "x=y", "'", '"', "'unclosed", "\"two words\"", "\\", "--", "-",
         "russia", "Russia", "RU", "GE", "georgia", "ukraine", "brisa", "tormund", "uzbekistan", "nobody",
         "sequencing", "duration", "defence", "guarantees", "catch", "patrols", "quotas", "review",
         "adapt_first", "prolong_first", "automatic", "gas_prices", "debt_relief", "harbour_access",
         "reef_survey", "loose", "tight"]
TEXT_ROLES = [["georgia"], ["russia"], ["uzbekistan"], ["georgia", "russia"], [], ["armenia", "belarus", "georgia"]]
TUTORIAL_ROLES = [["brisa"], ["corallia"], ["brisa", "tormund"], []]


def _safe_save_name(word: str) -> str:
    """A save name typed by the monkey: never a path out of the run's own folder (the text mode runs
    as the user and writes where it is told)."""
    word = "".join(ch for ch in word if ch not in "/\\~$")
    return word[:60] or "x"


def text_line(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.05:
        return ""
    if r < 0.08:
        return junk_text(rng)
    if r < 0.10:
        return rng.choice(["x" * 5000, "pass " * 400, "table " + "1 " * 2000, "'" * 999, "\t\t", "   "])
    if r < 0.105:
        return rng.choice(["quit", "exit", "q", "QUIT"])
    if r < 0.35:
        return rng.choice(PROGRESS)
    cmd = rng.choice(TEXT_COMMANDS)
    n = rng.choice([0, 0, 1, 1, 2, 3, 4, 7])
    words = []
    for _ in range(n):
        words.append(rng.choice(WORDS) if rng.random() < 0.75 else junk_text(rng)[:30])
    if cmd.lower() == "save":
        words = [_safe_save_name(w) for w in words]
    return " ".join([cmd] + words)


def text_input(rng: random.Random, lines: int) -> bytes:
    """The bytes typed into one text-mode run: lines, sometimes a byte that is not UTF-8, cut off
    anywhere (end of input)."""
    out = []
    for _ in range(lines):
        line = text_line(rng)
        data = line.encode("utf-8", "surrogatepass")
        if rng.random() < 0.02:
            data += bytes([rng.choice([0xff, 0xc3, 0x80, 0xe2, 0xfe])])
        out.append(data + (b"\r\n" if rng.random() < 0.03 else b"\n"))
    data = b"".join(out)
    if rng.random() < 0.3 and data:
        data = data[:rng.randrange(len(data))]  # end of input in the middle of a line
    return data


def text_run_args(rng: random.Random, seed: int) -> list[str]:
    roles = rng.choice(TEXT_ROLES)
    scenario = "tutorial" if rng.random() < 0.3 else "cst-1999"
    if scenario == "tutorial":
        roles = rng.choice(TUTORIAL_ROLES)
    args = ["play", "--text", "--scenario", scenario, "--seed", str(seed)]
    for r in roles:
        args += ["--role", r]
    return args


STATS: dict | None = None  # (the driver) runs, games played to the end, prompts answered


def run_text_once(seed: int, lines: int = 120, timeout: float = 60.0, scratch: Path | None = None,
                  python: str | None = None) -> Finding | None:
    """One run of ``python -m game play --text`` with random input; a Finding when it failed."""
    rng = random.Random(seed)
    args = text_run_args(rng, seed)
    data = text_input(rng, rng.randint(1, lines))
    work = Path(tempfile.mkdtemp(prefix=f"tt-text-{seed}-", dir=scratch))
    env = dict(os.environ, TREATY_TABLE_HOME=str(work / "home"), PYTHONPATH=str(ROOT),
               COLUMNS=str(rng.choice([40, 80, 200])))
    encoding = rng.choice([None, None, "utf-8", "ascii", "cp1251"])  # utf-8 set by hand reads strictly
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    else:
        env.pop("PYTHONIOENCODING", None)
    interrupt = rng.random() < 0.15  # Ctrl-C at a random moment of the game
    where = " ".join(args) + (" (Ctrl-C)" if interrupt else "")
    cmd = [python or sys.executable, "-m", "game", *args]
    try:
        if interrupt:
            code, out_b, err_b = _run_interrupted(cmd, data, work, env, timeout, rng)
        else:
            proc = subprocess.run(cmd, input=data, cwd=work, env=env, capture_output=True, timeout=timeout,
                                  check=False)
            code, out_b, err_b = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired:
        return Finding("timeout", seed, 0, where, f"no end after {timeout:.0f} s", "",
                       [data.decode("utf-8", "backslashreplace")])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = out_b.decode("utf-8", "replace")
    err = err_b.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in out + err:
        trace = err[err.find("Traceback"):] if "Traceback" in err else out[out.find("Traceback"):]
        last = trace.strip().splitlines()[-1] if trace.strip() else ""
        return Finding("traceback", seed, 0, where, last, trace, [data.decode("utf-8", "backslashreplace")])
    if STATS is not None:
        STATS["runs"] += 1
        STATS["finished"] += "Its final save is" in out or "final save could not" in out
        STATS["lines"] += out.count("> ")
    said_goodbye = "Goodbye" in out[-3000:] or "final save" in out[-3000:]
    if interrupt and code == -2 and said_goodbye:
        code = 0  # Ctrl-C as Python shuts down, after the game said goodbye (and saved): Python's own
        # handler is back then, and the process ends by the signal; nothing is lost or printed
    if code not in ((0, 130) if interrupt else (0,)):
        return Finding("exit", seed, 0, where, f"exit code {code}: {err.strip()[-300:]}", "",
                       [data.decode("utf-8", "backslashreplace")])
    return None


def _run_interrupted(cmd: list[str], data: bytes, work: Path, env: dict, timeout: float,
                     rng: random.Random) -> tuple[int, bytes, bytes]:
    """Type ``data`` and leave the input open; once the game has asked its first question, press
    Ctrl-C (SIGINT) at a random moment (while it waits for a line, or computes), then end the input."""
    import signal
    import threading

    out_path, err_path = work / "out.txt", work / "err.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, stderr=err, cwd=work, env=env)

        def type_in() -> None:
            with contextlib.suppress(OSError):
                proc.stdin.write(data)
                proc.stdin.flush()

        typist = threading.Thread(target=type_in, daemon=True)
        typist.start()
        t0 = time.monotonic()
        while proc.poll() is None and b"> " not in out_path.read_bytes() and time.monotonic() - t0 < timeout:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 1.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        typist.join(timeout)
        with contextlib.suppress(OSError):
            proc.stdin.close()
        try:
            proc.wait(max(1.0, timeout - (time.monotonic() - t0)))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise
    return proc.returncode, out_path.read_bytes(), err_path.read_bytes()


def run_text_in_process(seed: int, lines: int = 60) -> Finding | None:
    """The same run without a new process (for the fast test): ``run_text`` on the typed lines."""
    from textmode_helpers import _args

    from game.textmode.play import run_text

    rng = random.Random(seed)
    argv = text_run_args(rng, seed)
    scenario = argv[argv.index("--scenario") + 1]
    roles = [argv[n + 1] for n, a in enumerate(argv) if a == "--role"]
    data = text_input(rng, rng.randint(1, lines)).decode("utf-8", "replace")  # what a UTF-8 console reads
    out = io.StringIO()
    where = " ".join(argv)
    try:
        code = run_text(_args(scenario=scenario, role=roles, seed=seed), io.StringIO(data), out)
    except Exception as exc:  # noqa: BLE001
        return Finding("traceback", seed, 0, where, f"{type(exc).__name__}: {exc}", traceback.format_exc(), [data])
    if code != 0:
        return Finding("exit", seed, 0, where, f"exit code {code}", "", [data])
    return None


# ============================================================================ the command line

def parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    for part in text.split(","):
        if "-" in part.strip()[1:]:
            a, b = part.split("-", 1)
            seeds += list(range(int(a), int(b) + 1))
        elif part.strip():
            seeds.append(int(part))
    return seeds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Seeded random input for the window and the text mode.")
    ap.add_argument("--window", action="store_true", help="the window monkey (default: both)")
    ap.add_argument("--text", action="store_true", help="the text-mode monkey (default: both)")
    ap.add_argument("--seed", default="1", help="a seed, a list (1,5,9) or a range (1-20) (default 1)")
    ap.add_argument("--steps", type=int, default=3000, help="window steps per seed (default 3000)")
    ap.add_argument("--runs", type=int, default=20, help="text-mode runs per seed (default 20)")
    ap.add_argument("--lines", type=int, default=150, help="most lines typed in a text-mode run (default 150)")
    ap.add_argument("--minutes", type=float, default=0.0,
                    help="go on with the next seeds until this many minutes have passed")
    ap.add_argument("--hang", type=float, default=2.0, help="a frame slower than this (s) is a finding (default 2)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds a text-mode run may take (default 60)")
    ap.add_argument("--config", type=int, default=None,
                    help=f"the window's start, size and text size, 0-{len(CONFIGS) - 1} (default: by the seed)")
    ap.add_argument("--threaded", action="store_true",
                    help="the AI on its background thread, as in play (not repeatable step by step)")
    ap.add_argument("--minimise", action="store_true", help="cut each window finding down to its shortest actions")
    ap.add_argument("--log", help="write every window action to this file (JSON lines)")
    ap.add_argument("--out", help="write the findings (with their actions) to this JSON file")
    a = ap.parse_args(argv)
    global STATS
    STATS = {"runs": 0, "finished": 0, "lines": 0}
    both = not (a.window or a.text)
    seeds = parse_seeds(a.seed)
    scratch = Path(tempfile.mkdtemp(prefix="tt-monkey-"))
    os.environ.setdefault("TREATY_TABLE_HOME", str(scratch / "home"))
    faulthandler.enable()
    t0 = time.monotonic()
    findings: list[Finding] = []
    seen: set[str] = set()
    totals = {"window seeds": 0, "window steps": 0, "restarts": 0, "text runs": 0}
    log = open(a.log, "w", encoding="utf-8") if a.log else None  # noqa: SIM115 - open for the whole run

    def over() -> bool:
        return a.minutes > 0 and time.monotonic() - t0 > a.minutes * 60

    def record(found: list[Finding]) -> None:
        for f in found:
            findings.append(f)
            new = f.signature not in seen
            seen.add(f.signature)
            print(("NEW " if new else "again ") + f.report().splitlines()[0] if not new else "NEW " + f.report(),
                  flush=True)

    seed_iter = iter(seeds)
    extra = max(seeds) + 1 if seeds else 1
    while True:
        try:
            seed = next(seed_iter)
        except StopIteration:
            if not a.minutes or over():
                break
            seed, extra = extra, extra + 1
        if over():
            break
        if a.window or both:
            config = CONFIGS[a.config] if a.config is not None else config_for(seed)
            monkey = WindowMonkey(seed, config, hang_s=a.hang, threaded=a.threaded, scratch=scratch, log=log,
                                  watchdog=120.0)
            ts = time.monotonic()
            found = monkey.run(a.steps)
            totals["window seeds"] += 1
            totals["window steps"] += monkey.step_no + 1
            totals["restarts"] += monkey.restarts
            screens = ", ".join(f"{k} {v}" for k, v in sorted(monkey.visited.items(), key=lambda kv: -kv[1]))
            print(f"window seed {seed} ({monkey.where}): {monkey.step_no + 1} steps in "
                  f"{time.monotonic() - ts:.0f} s, {monkey.restarts} restarts, slowest frame "
                  f"{monkey.slowest[0] * 1000:.0f} ms ({monkey.slowest[1]}), "
                  f"{len(found)} finding(s); screens: {screens}", flush=True)
            record(found)
            if a.minimise:
                for f in found:
                    short = minimise_window(f, scratch, say=lambda s: print(s, flush=True))
                    f.actions = short
                    print(f"  shortest: {len(short)} actions: {json.dumps(short, ensure_ascii=True)}", flush=True)
        if a.text or both:
            bad = 0
            for n in range(a.runs):
                if over():
                    break
                f = run_text_once(seed * 1000 + n, lines=a.lines, timeout=a.timeout, scratch=scratch)
                totals["text runs"] += 1
                if f is not None:
                    bad += 1
                    record([f])
            print(f"text seed {seed}: {a.runs} runs, {bad} failed", flush=True)
    if log is not None:
        log.close()
    if a.out:
        Path(a.out).write_text(json.dumps([f.__dict__ | {"signature": f.signature} for f in findings],
                                          indent=1, ensure_ascii=True), encoding="utf-8")
    minutes = (time.monotonic() - t0) / 60
    print(f"\n{totals['window seeds']} window seeds ({totals['window steps']} steps, {totals['restarts']} "
          f"restarts), {totals['text runs']} text runs in {minutes:.1f} min: {len(findings)} finding(s), "
          f"{len(seen)} different", flush=True)
    if STATS["runs"]:
        print(f"text mode: {STATS['finished']} of {STATS['runs']} runs played to the end of the game, "
              f"{STATS['lines']} prompts in all", flush=True)
    shutil.rmtree(scratch, ignore_errors=True)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
