"""Play jobs in worker processes, results in job order, and stop cleanly on Ctrl-C.

Used by ``simulate``, ``balance`` and ``strength``. Three things matter to a user:

- the results never depend on the number of workers (they come back in job order);
- ``--workers`` beyond the number of jobs or of processors is reduced to that
  (:func:`worker_count`): more processes than processors only cost memory, and
  ``--workers 1000`` must not start a thousand processes;
- Ctrl-C stops at once with the one line ``interrupted`` (exit 130): the workers
  ignore SIGINT (only the main process handles it, so they print no tracebacks)
  and are terminated, instead of the pool being left to finish every queued job.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any


def processors() -> int:
    """The processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(requested: int, jobs: int) -> int:
    """The processes actually started for ``requested`` workers and ``jobs`` jobs: at most one
    per job and one per processor (at least 2 when 2 or more were asked for and there are
    jobs for them, so the parallel path is the same on a one-processor machine)."""
    if requested <= 1 or jobs <= 1:
        return 1
    return max(2, min(requested, jobs, processors()))


def _quiet_init(initializer: Callable[..., None], initargs: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    if hasattr(signal, "SIGTERM"):
        # a forked worker inherits the parent's Python handlers: one that only notes the signal (the
        # window's, which autosaves first) would keep a worker alive through Pool.terminate, and the
        # run would hang in its join after a failing game or Ctrl-C instead of stopping
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    initializer(*initargs)


@contextmanager
def ordered_map(func: Callable[[Any], Any], jobs: list, workers: int, initializer: Callable[..., None],
                initargs: tuple = (), chunksize: int = 1) -> Iterator[Iterable[Any]]:
    """``map(func, jobs)`` in ``worker_count(workers, len(jobs))`` processes (each set up by
    ``initializer(*initargs)``), yielding results in job order. On any exception in the
    ``with`` block (Ctrl-C included) the workers are terminated at once."""
    n = worker_count(workers, len(jobs))
    if n <= 1:
        initializer(*initargs)
        yield map(func, jobs)
        return
    ctx = mp.get_context("spawn" if sys.platform == "win32" else "fork")
    pool = ctx.Pool(n, initializer=_quiet_init, initargs=(initializer, initargs))
    try:
        yield pool.imap(func, jobs, chunksize=max(1, chunksize))
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()
