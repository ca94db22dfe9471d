"""An unkind computer (QA round 6): a pipe named like a save, a disk that fills up while a report
is written, a settings file that is damaged or from a newer version, an old autosave that cannot
be removed. Each test fails without the change it names."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from game.scenarios.loader import load_scenario
from game.session import store
from game.session.match import Match
from game.session.saves import save_match
from game.session.store import (
    AutosaveSlots,
    SaveUnreadable,
    os_error_text,
    read_save,
    user_data_dir,
    write_atomic,
    write_save,
)
from game.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def finished_save(tmp_path_factory) -> Path:
    match = Match(load_scenario("tutorial"), seed=5, scenario_ref="tutorial")
    match.run_ai()
    path = tmp_path_factory.mktemp("saves") / "class.json"
    save_match(match, path)
    return path


# --------------------------------------------------------------------------- a pipe where a save should be

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_like_a_save_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO called game.json made read_save (and with it the window's Load dialog, which reads
    every file in the saves folder, and `replay`) wait forever for a writer."""
    fifo = tmp_path / "game.json"
    os.mkfifo(fifo)
    found: list = []

    def read() -> None:
        try:
            read_save(fifo)
        except Exception as exc:  # noqa: BLE001 - the test looks at what it was
            found.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # the old code: blocked in open(); let it go before failing
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        reader.join(5)
        pytest.fail("reading a named pipe blocked")
    assert isinstance(found[0], SaveUnreadable)
    assert "not a regular file" in str(found[0]) and str(fifo) in str(found[0])


# --------------------------------------------------------------------------- a disk that fills up

def _run_with_file_size_limit(argv: list[str], limit: int, home: Path) -> subprocess.CompletedProcess:
    """Run the game with files limited to ``limit`` bytes: a write past it fails (EFBIG), as on a full disk."""
    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = dict(os.environ, TREATY_TABLE_HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "game", *argv], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, preexec_fn=limit_files)


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="no file size limits here")
def test_a_report_that_cannot_be_written_whole_leaves_the_old_one(tmp_path: Path, finished_save: Path) -> None:
    """`debrief --out` wrote the report in place: when the disk filled up half-way, the old report
    was gone and half a new one was left in its place (Path.write_text truncates first)."""
    out = tmp_path / "debrief.html"
    old = "<html>last week's report</html>\n"
    out.write_text(old, encoding="utf-8")
    proc = _run_with_file_size_limit(["debrief", str(finished_save), "--out", str(out), "--ai-runs", "0"],
                                     20_000, tmp_path / "home")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"cannot write {out}" in proc.stderr
    assert out.read_text(encoding="utf-8") == old  # the old report, whole
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["debrief.html"]  # no temp file left


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="no file size limits here")
def test_a_grade_sheet_that_cannot_be_written_leaves_no_half_file(tmp_path: Path, finished_save: Path) -> None:
    out = tmp_path / "grades.csv"
    proc = _run_with_file_size_limit(["grades", str(finished_save), "--out", str(out), "--ai-runs", "0"],
                                     300, tmp_path / "home")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and str(out) in proc.stderr
    assert not out.exists()


def test_a_failed_write_names_the_file_not_the_temporary_one(tmp_path: Path, monkeypatch) -> None:
    """'No space left on device' came without a file name, and a refused temp file was named
    '.autosave-0003-....json.k2j3.tmp' - a file the player never saw."""
    target = tmp_path / "autosaves" / "autosave-0003.json"
    write_save(target, {"a": 1})

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_save(target, {"a": 2})
    assert os_error_text(caught.value) == f"No space left on device ({target})"
    assert read_save(target) == {"a": 1}
    monkeypatch.undo()

    real_mkstemp = store.tempfile.mkstemp

    def read_only(prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system", os.path.join(dir, f"{prefix}x1y2z3{suffix}"))

    monkeypatch.setattr(store.tempfile, "mkstemp", read_only)
    with pytest.raises(OSError) as caught:
        write_atomic(target, b"{}")
    assert os_error_text(caught.value) == f"Read-only file system ({target})"
    monkeypatch.setattr(store.tempfile, "mkstemp", real_mkstemp)


def test_an_old_autosave_that_cannot_be_removed_does_not_fail_the_new_one(tmp_path: Path, monkeypatch) -> None:
    """On Windows an autosave open in another program cannot be deleted: the rotation's
    PermissionError made a written autosave report 'Autosave failed'."""
    slots = AutosaveSlots(tmp_path, keep=2)
    for n in range(2):
        slots.write({"n": n})
    real_unlink = Path.unlink

    def held_open(self: Path, missing_ok: bool = False) -> None:
        if self.name.startswith("autosave-"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", held_open)
    path = slots.write({"n": 2})
    assert read_save(path) == {"n": 2}


# --------------------------------------------------------------------------- the settings file

def _settings_path() -> Path:
    return user_data_dir() / "settings.json"


def _write_settings(data: bytes | str) -> None:
    path = _settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.mark.parametrize("content", [b"[" * 100_000, b'{"width": 1600, "hei', b"\xff\xfe{}", b"[1, 2]", b""])
def test_a_damaged_settings_file_is_said_and_kept(content: bytes) -> None:
    """Nesting thousands deep raised RecursionError as the window started (a traceback); any other
    damage was dropped in silence, and the next save of a setting overwrote the file."""
    _write_settings(content)
    s = Settings.load()
    assert s.size == (1280, 720) and s.font_scale == "normal"
    assert s.problem and str(_settings_path()) in s.problem and "default settings" in s.problem
    s.ai_speed = "fast"
    assert s.save() is None
    assert (_settings_path().parent / "settings.json.bad").read_bytes() == content
    again = Settings.load()
    assert again.problem is None and again.ai_speed == "fast"


def test_a_missing_settings_file_is_no_problem() -> None:
    assert Settings.load().problem is None


def test_settings_from_a_newer_version_survive_a_save() -> None:
    """A newer version's settings (keys, or values this version does not know) were dropped
    the first time this version saved a setting."""
    _write_settings(json.dumps({"width": 1600, "height": 900, "font_scale": "huge", "ai_speed": "normal",
                                "colour_scheme": "high-contrast", "learned": ["pass"]}))
    s = Settings.load()
    assert s.problem is None and s.font_scale == "normal" and s.size == (1600, 900)
    s.ai_speed = "fast"
    s.learned.append("table")
    assert s.save() is None
    data = json.loads(_settings_path().read_text(encoding="utf-8"))
    assert data["colour_scheme"] == "high-contrast" and data["font_scale"] == "huge"
    assert data["ai_speed"] == "fast" and data["learned"] == ["pass", "table"] and data["width"] == 1600
    # a setting the player changes is written, even where the file held a value this version did not know
    s.font_scale = "large"
    s.save()
    assert json.loads(_settings_path().read_text(encoding="utf-8"))["font_scale"] == "large"


def test_an_absurd_window_size_in_the_settings_is_kept_within_bounds() -> None:
    """width 100000000 was handed to the window as it was (SDL fails or makes a giant window)."""
    from game.ui import MAX_SIZE, MIN_SIZE

    _write_settings(json.dumps({"width": 100_000_000, "height": -5}))
    assert Settings.load().size == (MAX_SIZE[0], MIN_SIZE[1])
