"""Autosaves written by a background thread, so a round change does not stall a frame.

The snapshot is taken at once (a detached copy of the match: the states are immutable,
the action list, the seats, the memos and the facilitator record are copied), and written in order
(``AutosaveSlots`` numbers files by what is on disk) after the frame by one thread.
:meth:`AutosaveWriter.flush` waits for the writes in flight: the window calls it before a
synchronous autosave, when it changes screens (a screen may list the autosaves) and when
it closes. A failed write comes back as a message for a toast.
"""

from __future__ import annotations

import copy
import threading
from collections import deque
from pathlib import Path


def snapshot(match):
    """A copy of ``match`` that later moves do not change (what an autosave writes)."""
    from game.session import facilitator as F

    twin = copy.copy(match)
    twin.actions = list(match.actions)
    twin.seats = dict(match.seats)
    twin.quiz = {seat: dict(answers) for seat, answers in match.quiz.items()}
    twin.memos = {seat: dict(rounds) for seat, rounds in match.memos.items()}  # (write_memo makes new dicts,
    # but a memo changed in place, as the screenshots' sample memos are, must not reach a write in flight)
    rec = F.record_of(match)
    if rec is not None:
        setattr(twin, F.KEY, F.Record.from_dict(rec.to_dict()))
    return twin


class AutosaveWriter:
    def __init__(self):
        self._cv = threading.Condition()
        self._due: list[tuple[Path, object]] = []  # taken this frame, handed over after it
        self._queue: deque[tuple[Path, object]] = deque()
        self._pending = 0  # handed over and not written yet
        self._thread: threading.Thread | None = None
        self._stop = False
        self.errors: deque[str] = deque()
        self.last_error: str | None = None  # why the newest autosave failed (None: it was written; the
        # window's own, App.autosave, set it too)

    def add(self, folder: Path, match) -> None:
        """Autosave ``match`` as it is now (written after the current frame)."""
        self._due.append((Path(folder), snapshot(match)))

    def release(self) -> None:
        """The frame is drawn: start writing what was taken during it."""
        if not self._due:
            return
        with self._cv:
            self._queue.extend(self._due)
            self._pending += len(self._due)
            self._due = []
            if self._thread is None or not self._thread.is_alive():
                self._stop = False
                self._thread = threading.Thread(target=self._run, name="treaty-table-autosave", daemon=True)
                self._thread.start()
            self._cv.notify_all()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Write everything taken so far and wait for it; False if that took longer than ``timeout``."""
        self.release()
        with self._cv:
            return self._cv.wait_for(lambda: self._pending == 0, timeout)

    @property
    def busy(self) -> bool:
        return bool(self._due) or self._pending > 0

    def close(self) -> None:
        self.flush()
        with self._cv:
            self._stop = True
            self._cv.notify_all()
        t = self._thread
        if t is not None:
            t.join(1.0)
        self._thread = None

    def _run(self) -> None:
        from game.session import facilitator as F
        from game.session.store import AutosaveSlots, os_error_text

        while True:
            with self._cv:
                self._cv.wait_for(lambda: self._queue or self._stop)
                if not self._queue:
                    return
                folder, twin = self._queue.popleft()
            try:
                AutosaveSlots(folder).write(F.payload(twin))
                self.last_error = None
            except Exception as exc:  # noqa: BLE001 - shown by the window as a toast
                self.last_error = os_error_text(exc)
                self.errors.append(self.last_error)
            finally:
                with self._cv:
                    self._pending -= 1
                    self._cv.notify_all()
