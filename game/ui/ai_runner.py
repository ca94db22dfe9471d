"""The AI's moves, computed off the frame loop (one background thread per window).

The table asks for the moves of the AI seats from the current state; a worker thread
plays them on a *detached copy* of the match (``Match.step_ai`` itself, so every move is
exactly the one ``Match.run_ai`` would make: the AI's rng is derived from the seed, the
step count and the seat), and the frame loop polls for finished moves and adopts them
(:meth:`AITask.pop`) only when the match is still exactly in the state the move was
computed from. Anything that changes the match under a computation (a human's move, an
undo, an inject, a load, a seat switched between human and AI) makes its results stale:
they are dropped and the moves are asked for again from the new state.

The engine is pure and its states immutable, so the worker shares the rules, the model
and the players with the match; it never writes to the match itself.

Scheduling: the worker starts a move when the window has finished a frame (so a frame is
never slowed down by the start of a computation), and keeps going with the next moves
while the window sleeps until its next frame, if a move usually fits in the time left.
At most ``ahead`` moves are computed before the table has taken them (1 while the AI
pauses between moves: the next move is ready when the pause ends; more when the player
skips the pauses). When it stops, the worker also builds what the table will draw for the
newest state (``prebuild``, the table's view-model), so the frame that takes the moves
does not have to.
"""

from __future__ import annotations

import copy
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass

FAST_AHEAD = 64  # moves computed ahead when the pauses are skipped

# The AI's numpy work releases the GIL many times a move; with Python's default switch interval
# (5 ms) each release can cost the worker 5 ms to get the GIL back from a busy frame loop (a
# convoy: a move of 2 ms could take seconds next to a loop that never sleeps, as on a slow
# machine). While a worker runs the interval is 1 ms, which keeps it going and the window's own
# waits for the GIL short.
SWITCH_INTERVAL = 0.001
_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved: float | None = None


def _short_switch(on: bool) -> None:
    """Use the short switch interval while at least one AI worker runs (then restore it)."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if on:
            if _switch_users == 0 and sys.getswitchinterval() > SWITCH_INTERVAL:
                _switch_saved = sys.getswitchinterval()
                sys.setswitchinterval(SWITCH_INTERVAL)
            _switch_users += 1
        else:
            _switch_users = max(0, _switch_users - 1)
            if _switch_users == 0 and _switch_saved is not None:
                sys.setswitchinterval(_switch_saved)
                _switch_saved = None


@dataclass
class AIStep:
    """One AI move played on the detached copy: from ``base`` (the state it was computed from,
    with ``n_before`` actions on the record) to ``state`` by ``actions`` (the move, or the pass
    that replaced a refused one). ``error`` is set when the AI failed instead."""

    actor: str
    base: object
    n_before: int
    actions: tuple = ()
    state: object = None
    events: tuple = ()
    error: BaseException | None = None
    ms: float = 0.0  # the worker's time for this move (decision and rules)
    vm: object = None  # what ``prebuild`` made of ``state`` (the table's view-model), if it had the time


class AITask:
    """The AI moves from one state of one match onward (until a human is to move or the game ends)."""

    def __init__(self, runner: AIRunner, match, ahead: int = 1, prebuild=None):
        self.runner = runner
        self.prebuild = prebuild  # called with the worker's copy when it stops after a move
        self.match = match
        self.seats = dict(match.seats)
        self.expected = match.state  # the state the next step must start from
        self.n_actions = len(match.actions)
        self.ahead = max(1, ahead)
        self.results: deque[AIStep] = deque()
        self.cancelled = False
        self.finished = False  # the worker stopped: game over, a human to move, or an error
        self.urgent = False  # compute now, without waiting for the end of a frame
        self.frame_seen = runner._frames  # the frame this task was made in: it starts when that is drawn
        self.busy_since: float | None = None  # perf_counter() when the move in progress started
        self.working = False  # the worker is on this task (a move, or the view-model after it)
        # the worker's copy: its own state, action record and seats; the rules and players are shared
        twin = copy.copy(match)
        twin.seats = dict(match.seats)
        twin.actions = list(match.actions)
        self._twin = twin

    # --- the frame loop's side ------------------------------------------------------------
    def valid_for(self, match) -> bool:
        """Whether this task still computes from where ``match`` is (else its results are stale)."""
        return (not self.cancelled and match is self.match and match.state is self.expected
                and len(match.actions) == self.n_actions and match.seats == self.seats)

    def ready(self) -> bool:
        return bool(self.results)

    def adoptable(self) -> int:
        """How many of the finished moves to take now: up to the newest one whose view-model the
        worker has built (the frame then has nothing to rebuild), or all of them once the worker
        has stopped; none while it is still building the view-model of the moves that are ready."""
        res = list(self.results)
        if self.prebuild is None:
            return len(res)
        for n in range(len(res), 0, -1):
            if res[n - 1].vm is not None or res[n - 1].error is not None:
                return n
        return 0 if self.working else len(res)

    def pop(self, match) -> AIStep | None:
        """The next finished move for ``match`` as it is now, or None (not ready yet, or stale).

        A step with ``error`` set is returned as is (the caller reports it); any other step is
        adopted by the match here."""
        if not self.results or not self.valid_for(match):
            return None
        step = self.results[0]
        if step.base is not match.state or step.n_before != len(match.actions):  # cannot happen: be safe
            self.cancel()
            return None
        self.results.popleft()
        self.frame_seen = self.runner._frames  # the next move starts when this frame is drawn
        if step.error is None:
            match.state = step.state
            match.actions.extend(step.actions)
            self.expected = step.state
            self.n_actions = len(match.actions)
        self.runner._wake()
        return step

    def set_ahead(self, ahead: int) -> None:
        ahead = max(1, ahead)
        if ahead != self.ahead:
            self.ahead = ahead
            self.runner._wake()

    def cancel(self) -> None:
        self.cancelled = True
        self.runner._wake()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a move is ready or the worker has stopped (tests, tools); False on timeout."""
        self.urgent = True
        self.runner._wake()
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            with self.runner._cv:
                while not (self.results or self.finished or self.cancelled or self.runner._dead is not None):
                    left = None if deadline is None else deadline - time.monotonic()
                    if left is not None and left <= 0:
                        return False
                    self.runner._cv.wait(left)
            return True
        finally:
            self.urgent = False

    @property
    def computing_for(self) -> float:
        """Seconds the move in progress has been computing (0 when the worker is not on it)."""
        t = self.busy_since
        return 0.0 if t is None else time.perf_counter() - t

    # --- the worker's side ----------------------------------------------------------------
    def _wants_step(self) -> bool:
        return not (self.cancelled or self.finished) and len(self.results) < self.ahead

    def _step(self) -> None:
        twin = self._twin
        if twin.over or twin.human_to_move():
            self.finished = True
            return
        actor = twin.to_move
        base, n_before = twin.state, len(twin.actions)
        t0 = time.perf_counter()
        self.busy_since = t0
        try:
            events = twin.step_ai()
        except BaseException as exc:  # noqa: BLE001 - reported by the frame loop (as the AI turn of ``actor``)
            self.finished = True
            step = AIStep(actor, base, n_before, error=exc, ms=(time.perf_counter() - t0) * 1000)
        else:
            step = AIStep(actor, base, n_before, tuple(twin.actions[n_before:]), twin.state, tuple(events),
                          ms=(time.perf_counter() - t0) * 1000)
            if twin.state is base:  # nothing was applied (the pass was refused too): do not spin
                self.finished = True
        finally:
            self.busy_since = None
        self.results.append(step)
        self.runner._note(step.ms)

    def _prebuild_last(self) -> None:
        """The worker stops for now: build the table's view-model of the newest move's state (the
        one the table will show after taking every move that is ready)."""
        if self.prebuild is None or self.cancelled or not self.results:
            return
        step = self.results[-1]
        if step.error is not None or step.vm is not None or step.state is not self._twin.state:
            return
        t0 = time.perf_counter()
        try:
            step.vm = self.prebuild(self._twin)
        except Exception:  # noqa: BLE001 - the table builds it itself then (and reports a real fault there)
            step.vm = None
        self.runner._note_vm((time.perf_counter() - t0) * 1000)


class AIRunner:
    """The window's AI worker: one daemon thread, one task at a time (the newest)."""

    MARGIN = 0.0015  # s kept free before the next frame starts

    def __init__(self):
        self._cv = threading.Condition()
        self._task: AITask | None = None
        self._thread: threading.Thread | None = None
        self._stop = False
        self._frames = 0  # frames finished by the window
        self._idle_until = 0.0  # perf_counter() until which the window is expected to sleep
        self._recent: deque[float] = deque(maxlen=15)  # recent move times (ms)
        self._recent_vm: deque[float] = deque(maxlen=15)  # recent view-model times (ms)
        self._dead: BaseException | None = None  # the worker itself failed (a bug here, not in the AI)
        self._switch = False  # this runner asked for the short switch interval

    # --- the frame loop's side ------------------------------------------------------------
    def start(self, match, ahead: int = 1, prebuild=None) -> AITask:
        """Compute the AI's moves of ``match`` from its current state (replaces the current task).

        ``prebuild(copy)``, if given, is called by the worker with its copy of the match when it
        stops after a move, and what it returns is handed over with that move (``AIStep.vm``)."""
        self.check()
        task = AITask(self, match, ahead, prebuild)
        with self._cv:
            if self._task is not None:
                self._task.cancelled = True
            self._task = task
            self._ensure_thread()
            self._cv.notify_all()
        return task

    def frame_begin(self) -> None:
        with self._cv:
            self._idle_until = 0.0

    def frame_done(self, next_frame: float) -> None:
        """The window finished a frame and sleeps until about ``next_frame`` (perf_counter time)."""
        with self._cv:
            self._frames += 1
            self._idle_until = next_frame - self.MARGIN
            if self._task is not None and self._task._wants_step():
                self._cv.notify_all()

    def check(self) -> None:
        """Raise if the worker thread died (so the loop reports it instead of waiting forever);
        the next :meth:`start` starts a new one."""
        dead, thread = self._dead, self._thread
        if dead is None and (thread is None or thread.is_alive() or self._stop):
            return
        with self._cv:
            self._dead = None
            self._thread = None
            if self._task is not None:
                self._task.cancelled = True
            self._task = None
        if dead is not None:
            raise RuntimeError(f"the AI worker has stopped ({type(dead).__name__}: {dead})") from dead
        raise RuntimeError("the AI worker has stopped")

    def shutdown(self, timeout: float = 1.0) -> None:
        with self._cv:
            self._stop = True
            if self._task is not None:
                self._task.cancelled = True
            self._task = None
            self._cv.notify_all()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout)
        self._thread = None
        if self._switch:
            self._switch = False
            _short_switch(False)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- internals ------------------------------------------------------------------------
    def _wake(self) -> None:
        with self._cv:
            self._cv.notify_all()

    def _note(self, ms: float) -> None:
        with self._cv:
            self._recent.append(ms)
            self._cv.notify_all()

    def _note_vm(self, ms: float) -> None:
        with self._cv:
            self._recent_vm.append(ms)

    @staticmethod
    def _q75(values, default: float) -> float:
        if not values:
            return default
        r = sorted(values)
        return r[(len(r) * 3) // 4] / 1000

    def _estimate(self, task: AITask) -> float:
        """Seconds a usual move takes, with the view-model built after it (to fit it into the sleep)."""
        est = self._q75(self._recent, 0.004)
        if task.prebuild is not None:
            est += self._q75(self._recent_vm, 0.003)
        return est

    def _may_step(self, task: AITask | None, fresh: bool = True) -> bool:
        """Whether the worker should start a move of ``task`` now (holding the lock): once per frame
        the window finished (``fresh``: the worker was waiting), else only while the window sleeps
        long enough for another move."""
        if task is None or not task._wants_step():
            return False
        if task.urgent or (fresh and task.frame_seen != self._frames):
            return True
        return self._idle_until - time.perf_counter() > self._estimate(task)

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            if not self._switch:
                self._switch = True
                _short_switch(True)
            self._stop = False
            self._thread = threading.Thread(target=self._run, name="treaty-table-ai", daemon=True)
            self._thread.start()

    def _next(self) -> AITask | None:
        """Wait (holding the lock) until a move should be started; None: stop."""
        while True:
            if self._stop:
                return None
            task = self._task
            if self._may_step(task):
                task.frame_seen = self._frames
                return task
            self._cv.wait()

    def _run(self) -> None:
        try:
            while True:
                with self._cv:
                    task = self._next()
                if task is None:
                    return
                task.working = True
                more = False
                try:
                    task._step()
                    with self._cv:
                        self._cv.notify_all()
                        more = self._task is task and self._may_step(task, fresh=False)
                    if not more:  # stopping here for now: the table will show this state next
                        task._prebuild_last()
                finally:
                    if not more:
                        task.working = False
                    with self._cv:
                        self._cv.notify_all()
        except BaseException as exc:  # noqa: BLE001 - a bug in the worker itself: the loop raises it (check())
            self._dead = exc
            with self._cv:
                self._cv.notify_all()
