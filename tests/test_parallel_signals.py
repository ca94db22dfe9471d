"""Worker processes stop when the run stops, whatever signal handlers the parent process has.

A forked worker inherits the parent's Python signal handlers. The window installs one for SIGTERM
that only notes the signal (it autosaves, then ends its loop); a process that had one (a test that
built a window, a tool that embeds the game) and then stopped a parallel run after a failing game
hung for ever: Pool.terminate sends SIGTERM, the workers noted it and waited on, and the join
never returned."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(os.name == "nt" or not hasattr(signal, "SIGTERM"),
                                reason="fork and SIGTERM are POSIX")

SCRIPT = textwrap.dedent('''
    import signal, sys
    from game.session import parallel

    noted = []
    signal.signal(signal.SIGTERM, lambda signum, frame: noted.append(signum))  # as the window's

    def job(n):
        if n == 3:
            raise RuntimeError("a failing game")
        return n

    try:
        with parallel.ordered_map(job, list(range(40)), 2, lambda: None) as results:
            for _ in results:
                pass
    except RuntimeError as exc:
        print("stopped:", exc)
''')


def test_a_failing_parallel_run_stops_even_when_the_parent_notes_sigterm():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=root, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # the old behaviour: the join never returned
        os.killpg(proc.pid, signal.SIGKILL)  # the workers too: they would outlive a plain kill
        proc.communicate()
        raise AssertionError("the run hung after the failing job: its workers outlived Pool.terminate") from None
    assert proc.returncode == 0, err
    assert "stopped: a failing game" in out
