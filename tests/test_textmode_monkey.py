"""Seeded random input in the text mode (the monkey of bench/monkey.py, short runs), and the bug it found.

The long runs: ``python bench/monkey.py --text --seed 1-20 --runs 50``.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import monkey

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # 'save NAME' typed by the monkey writes here, not in the checkout


def test_the_text_mode_survives_a_monkey():
    """40 games of random command lines (real commands with wrong, missing or extra words, numbers out of
    range, unicode junk, empty and very long lines, cut off anywhere): no exception, exit code 0."""
    found = [f for seed in range(40) if (f := monkey.run_text_in_process(seed, lines=40)) is not None]
    assert not found, "\n\n".join(f.report() + "\ninput: " + repr(f.actions[0][:2000]) for f in found)


@pytest.mark.parametrize("seed", [5, 11])
def test_the_text_mode_survives_a_monkey_end_to_end(seed, tmp_path):
    """``python -m game play --text`` itself, with bytes that are not UTF-8 among the lines."""
    found = monkey.run_text_once(seed, lines=40, timeout=120, scratch=tmp_path)
    assert found is None, found.report() + "\ninput: " + repr(found.actions[0][:2000])


# --- bug: a byte that is not UTF-8 in the typed input ended the text mode with a traceback ---------------
# (a paste with a stray byte, a Latin-1 file piped in: UnicodeDecodeError from stdin.readline on a
# console that reads UTF-8 strictly, as PYTHONIOENCODING=utf-8 does, the setting the game advises for
# consoles that cannot show a scenario's letters)

def _play(data: bytes, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8",)}
    env.update(PYTHONIOENCODING="utf-8", TREATY_TABLE_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "game", "play", "--text", "--seed", "3", *args], input=data,
                          cwd=tmp_path, env=env, capture_output=True, timeout=120, check=False)


def test_a_byte_that_is_not_utf8_at_the_prompt_is_refused_not_a_crash(tmp_path):
    run = _play(b"status x\n\xff\xfe oops\nstatus\n", tmp_path, "--role", "georgia")
    out, err = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    assert run.returncode == 0 and "Traceback" not in out + err, err[-3000:]
    assert "unknown command '\ufffd\ufffd': type 'help' for the list" in out
    assert "stance on" in out  # the next line was read as before
    assert "Goodbye. The game is autosaved" in out


def test_a_byte_that_is_not_utf8_at_the_role_prompt_is_refused_not_a_crash(tmp_path):
    run = _play(b"\xe9\n2\n", tmp_path)
    out, err = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    assert run.returncode == 0 and "Traceback" not in out + err, err[-3000:]
    assert "There is no role '\ufffd'" in out and "Type 'help' for commands" in out


def test_make_streams_safe_reads_undecodable_bytes_as_replacement_characters(monkeypatch):
    from game.console import make_streams_safe

    strict = io.TextIOWrapper(io.BytesIO(b"pass \xff\n"), encoding="utf-8", errors="strict")
    monkeypatch.setattr(sys, "stdin", strict)
    make_streams_safe()
    assert sys.stdin.readline() == "pass \ufffd\n"


# --- bug: Ctrl-C while the game was still loading printed a traceback ---------------------------------------
# (the monkey's Ctrl-C runs: SIGINT in the first half second of `python -m game play --text`, while
# game.cli and numpy are imported, ended in "KeyboardInterrupt" with a traceback instead of "interrupted")

def test_ctrl_c_while_the_game_loads_stops_it_without_a_traceback(tmp_path):
    code = ("import runpy, sys\n"
            "class CtrlC:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'game.cli':\n"
            "            raise KeyboardInterrupt\n"
            "sys.meta_path.insert(0, CtrlC())\n"
            "sys.argv = ['game', 'play', '--text']\n"
            "runpy.run_module('game', run_name='__main__', alter_sys=True)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), TREATY_TABLE_HOME=str(tmp_path / "home"))
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, timeout=120,
                         check=False)
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 130 and "Traceback" not in err and err.strip() == "interrupted", err
