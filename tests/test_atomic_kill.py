"""Saves are atomic: a process killed while it writes a save never leaves a broken one.

A child process writes a save over an existing one and is killed (SIGKILL, or
``os._exit`` where there are no signals) right before the rename that would
publish it, or at a random moment while it writes save after save; the save on
disk must then be the old one or a complete new one, and must load.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.session.saves import load_match, save_match
from game.session.store import AutosaveSlots, read_save

ROOT = Path(__file__).resolve().parents[1]
KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else 137

CHILD_PRELUDE = """
import os, signal, sys
sys.path.insert(0, {root!r})
from game.scenarios.loader import load_scenario
from game.session import store
from game.session.match import Match
from game.session.saves import save_match

def die(*args, **kwargs):
    sys.stdout.write("dying\\n"); sys.stdout.flush()
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(137)

match = Match(load_scenario("tutorial"), seed=11, scenario_ref="tutorial")
match.run_ai()
"""


def _child(body: str, **env: str) -> subprocess.Popen:
    code = CHILD_PRELUDE.format(root=str(ROOT)) + textwrap.dedent(body)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **env}, cwd=ROOT)


def _old_save(path: Path) -> tuple[Match, bytes]:
    match = Match(load_scenario("tutorial"), seed=3, seats={"corallia": "human"}, scenario_ref="tutorial")
    match.run_ai()
    save_match(match, path)
    return match, path.read_bytes()


def test_killed_right_before_the_rename_keeps_the_old_save(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    old_match, before = _old_save(path)
    child = _child(f"""
        store.os.replace = die          # the data is written and fsynced; die before publishing it
        save_match(match, {str(path)!r})
        print("not killed")
    """)
    out, err = child.communicate(timeout=120)
    assert child.returncode == KILLED, err.decode()
    assert out.decode().strip() == "dying"
    assert path.read_bytes() == before
    loaded = load_match(path)
    assert loaded.actions == old_match.actions and loaded.seed == 3
    temps = [p for p in tmp_path.iterdir() if p.name != "game.json"]
    assert len(temps) == 1 and temps[0].name.startswith(".game.json.") and temps[0].suffix == ".tmp"
    # the temp file holds the complete new save (it was fsynced); it is simply never published
    assert read_save(temps[0])["seed"] == 11


def test_killed_while_writing_the_temp_file_keeps_the_old_save(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    _, before = _old_save(path)
    child = _child(f"""
        store.os.fsync = die            # half-way: written to the temp file but not yet synced
        save_match(match, {str(path)!r})
    """)
    child.communicate(timeout=120)
    assert child.returncode == KILLED
    assert path.read_bytes() == before and load_match(path).seed == 3


def test_killed_at_random_moments_leaves_only_loadable_saves(tmp_path: Path) -> None:
    """Writes saves as fast as it can and is killed at varied moments: never a broken file."""
    path = tmp_path / "game.json"
    _old_save(path)
    slots_dir = tmp_path / "autosaves"
    for delay in (0.05, 0.13, 0.29, 0.41, 0.77):
        child = _child(f"""
            slots = store.AutosaveSlots({str(slots_dir)!r}, keep=3, limit=3)
            slots.write(match.to_payload())  # one whole autosave first: on a busy machine the kill
            sys.stdout.write("ready\\n"); sys.stdout.flush()  # came before any, and none was found
            n = 0
            while True:
                n += 1
                match.seed = n
                save_match(match, {str(path)!r})
                slots.write(match.to_payload())
        """)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        child.kill()
        child.communicate(timeout=60)
        load_match(path)  # the old save or a complete new one: either way it loads
        slots = AutosaveSlots(slots_dir, keep=3)
        assert slots.problems() == []
        found = slots.latest_good()
        assert found is not None and found[1]["kind"] == "treaty-table-game"
    assert len(AutosaveSlots(slots_dir).entries()) <= 4  # limit=3, plus at most one being pruned


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX system")
def test_a_leftover_temp_file_is_cleaned_up_once_stale(tmp_path: Path) -> None:
    slots = AutosaveSlots(tmp_path)
    stale = tmp_path / ".autosave-0001.json.abc.tmp"
    fresh = tmp_path / ".autosave-0002.json.def.tmp"
    for temp in (stale, fresh):
        temp.write_bytes(b"{")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    slots.write({"turn": 1})
    assert not stale.exists() and fresh.exists()  # a fresh one may belong to a live writer
