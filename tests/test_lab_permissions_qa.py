"""A school lab (QA, run as an unprivileged student): data folders and files the player may
not read or write. CI runs as root, where chmod stops nothing, so the failures are simulated
by making the system calls fail the way they do for a student."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from game.session.store import user_data_dir
from game.ui import settings as settings_mod
from game.ui.settings import Settings


def _settings_path() -> Path:
    return user_data_dir() / "settings.json"


def _unreadable(monkeypatch, path: Path) -> dict:
    """Opening ``path`` for reading fails as for a file of mode 000 (or another user's), until the
    returned switch's ``"on"`` is set to False."""
    real = settings_mod.read_regular_file
    switch = {"on": True}

    def read(p, limit):
        if switch["on"] and Path(p) == path and path.exists():
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(p))
        return real(p, limit)

    monkeypatch.setattr(settings_mod, "read_regular_file", read)
    return switch


def test_a_settings_file_the_student_may_not_read_is_kept_aside_not_written_over(monkeypatch):
    """A settings.json of mode 000 was written over in silence when a setting changed: what it held
    was lost, and the new file took on mode 000, so the next start could not read it either (the
    settings never came back, with the same message every time)."""
    path = _settings_path()
    path.parent.mkdir(parents=True)
    old = b'{"ai_speed": "slow", "colour_scheme": "mine"}'
    path.write_bytes(old)
    os.chmod(path, 0)
    try:
        switch = _unreadable(monkeypatch, path)
        s = Settings.load()
        assert "could not be read (Permission denied)" in s.problem and "settings.json.bad" in s.problem
        s.font_scale = "large"
        assert s.save() is None
        bad = path.with_name("settings.json.bad")
        assert bad.exists(), "the unreadable file was written over"
        os.chmod(bad, 0o600)
        assert bad.read_bytes() == old
        assert path.stat().st_mode & 0o400, "the new file took on the mode nobody could read"
        switch["on"] = False
        assert json.loads(path.read_text(encoding="utf-8"))["font_scale"] == "large"
        assert Settings.load().font_scale == "large" and Settings.load().problem is None
    finally:
        for p in (path, path.with_name("settings.json.bad")):
            if p.exists():
                os.chmod(p, 0o600)


# --------------------------------------------------------------------------- the text mode

def flat(text: str) -> str:
    """``text`` without its white space (the lines wrap paths anywhere, even at a hyphen)."""
    return "".join(text.split())


def _disk_fills_after(monkeypatch, n: int) -> list:
    """The first ``n`` autosaves are written; then the disk is full. Returns the paths written."""
    from game.session import store

    real = store.AutosaveSlots.write
    written: list = []

    def write(self, payload):
        if len(written) >= n:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / "autosave-next.json"))
        written.append(real(self, payload))
        return written[-1]

    monkeypatch.setattr(store.AutosaveSlots, "write", write)
    return written


def test_leaving_after_the_disk_filled_names_the_autosave_that_survives(monkeypatch):
    """The disk filled up during the game: leaving said "Nothing was saved; next time use 'save
    FILE'", though the autosave of an earlier round was on disk and resumed the game. The player
    took the game for lost; the line now names that autosave and how to resume it."""
    from textmode_helpers import play

    written = _disk_fills_after(monkeypatch, 1)
    out = flat(play("pass\npass\npass\nquit\n", code=1, scenario="tutorial", role=["brisa"]))
    assert len(written) == 1 and written[0].exists()
    assert flat("could not be autosaved: No space left on device") in out
    assert "Nothingwassaved" not in out
    assert flat(f"Its last save is {written[0]} (the moves since are lost)") in out
    assert flat(f"treaty-table play --text --load {written[0]}") in out


def test_leaving_after_a_save_of_ones_own_says_it_holds_the_game(monkeypatch, tmp_path):
    from textmode_helpers import play

    _disk_fills_after(monkeypatch, 0)
    mine = tmp_path / "mine.json"
    out = flat(play(f"pass\nsave {mine}\nquit\n", code=1, scenario="tutorial", role=["brisa"]))
    assert mine.exists()
    assert flat(f"Its last save is {mine} (it holds the game as it is now)") in out
    out = flat(play("pass\nquit\n", code=1, scenario="tutorial", role=["brisa"]))
    assert flat("Nothing was saved; next time use 'save FILE'") in out  # (nothing was: it says so)


# --------------------------------------------------------------------------- the teacher's kit

def test_a_disk_that_fills_while_the_kit_is_written_names_the_file_and_says_the_kit_is_incomplete(
        monkeypatch, tmp_path, capsys):
    """`briefs --out` on a disk that filled half-way said only "cannot write the briefs into kit
    (no space left on device)": no file, no fix, and nothing said of the three pages already
    written there (an index.html whose links to the role briefs went nowhere)."""
    from game.cli import main
    from game.report import briefs

    real = briefs.write_text_atomic
    written: list = []

    def write(path, text):
        if len(written) >= 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, text)
        written.append(path)

    monkeypatch.setattr(briefs, "write_text_atomic", write)
    kit = tmp_path / "kit"
    assert main(["briefs", "--scenario", "tutorial", "--out", str(kit)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    failed = kit / "all-briefs.html"
    assert err.startswith(f"error: cannot write {failed} (no space left on device)")
    assert f"the kit in {kit} is not complete" in err and "run the command again" in err
    assert not failed.exists() and all(p.exists() for p in written)


def test_a_variant_on_a_full_disk_names_the_file_it_could_not_write(monkeypatch, tmp_path, capsys):
    """`actor-table --apply TABLE --out /full/ours.yaml` said only "error: no space left on device":
    the check copy written beside the variant failed first, and that error names no file."""
    import csv
    import io

    from game.cli import main
    from game.scenarios import actor_table as T

    table = tmp_path / "actors.csv"
    assert main(["actor-table", "tutorial", "--out", str(table)]) == 0
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    col = rows[0].index("value")
    row = next(r for r in rows[1:] if r[rows[0].index("number")] == "capability")
    row[col] = str(round(float(row[col]) / 2, 3))
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    table.write_text(text.getvalue(), encoding="utf-8-sig")
    capsys.readouterr()

    def full(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")  # (as a write's flush raises it: no name)

    monkeypatch.setattr(T, "write_variant", full)
    out = tmp_path / "ours.yaml"
    assert main(["actor-table", "tutorial", "--apply", str(table), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"error: cannot write {out} (no space left on device); nothing was written: free some "
                   "space or choose another folder")
    assert not out.exists()


# --------------------------------------------------------------------------- saves

def test_a_save_written_over_a_file_of_mode_000_can_be_read_back(tmp_path):
    """`save mygame.json` over the student's own mygame.json of mode 000 said "Saved to mygame.json",
    but the new file took on the old one's mode 000: the save could not be loaded ("could not be
    read (Permission denied)"). The new file keeps the old mode, plus reading by its owner."""
    from game.session import store

    path = tmp_path / "mygame.json"
    path.write_text("{}", encoding="utf-8")
    os.chmod(path, 0)
    store.write_save(path, {"hello": "lab"})
    mode = path.stat().st_mode & 0o777
    os.chmod(path, 0o600)
    assert mode & 0o400, f"the save was written with mode {mode:o}: its owner cannot read it"
    assert mode & 0o077 == 0  # (nothing more than before for the group and the others)
    assert store.read_save(path) == {"hello": "lab"}


def test_leaving_a_loaded_game_whose_autosave_failed_names_the_file_it_was_loaded_from(monkeypatch, tmp_path):
    """`play --text --load lab.json` with a read-only data folder: leaving said "Nothing was saved",
    though lab.json still held the game as it was loaded."""
    from textmode_helpers import play

    mine = tmp_path / "lab.json"
    play(f"pass\nsave {mine}\nquit\n", scenario="tutorial", role=["brisa"])
    _disk_fills_after(monkeypatch, 0)
    out = flat(play("pass\nquit\n", code=1, load=str(mine), scenario=None, role=[], seed=None,
                    events=None, difficulty=None))
    assert "Nothingwassaved" not in out
    assert flat(f"Its last save is {mine} (the moves since are lost); resume it with: treaty-table play "
                f"--text --load {mine}.") in out


def test_a_loaded_game_whose_take_backs_were_turned_off_is_resumed_with_them_off(monkeypatch, tmp_path):
    """`play --text --load lab.json --no-takeback` with a read-only data folder: leaving named lab.json
    (saved with take-backs on) and the command to resume it without --no-takeback, which gave the
    resumed game its take-backs back."""
    from textmode_helpers import play

    mine = tmp_path / "lab.json"
    play(f"save {mine}\nquit\n", scenario="tutorial", role=["brisa"])
    _disk_fills_after(monkeypatch, 0)
    out = flat(play("quit\n", code=1, load=str(mine), scenario=None, role=[], seed=None, events=None,
                    difficulty=None, no_takeback=True))
    assert flat(f"resume it with: treaty-table play --text --load {mine} --no-takeback.") in out


def test_a_save_made_before_a_take_back_is_not_said_to_hold_the_game_as_it_is(monkeypatch, tmp_path):
    """`save mine.json`, then `undo`, then leaving with the disk full: the line said mine.json "holds the
    game as it is now", though it holds the move taken back (and not the take-back the results count)."""
    from textmode_helpers import play

    _disk_fills_after(monkeypatch, 0)
    mine = tmp_path / "mine.json"
    out = flat(play(f"pass\nsave {mine}\nundo\nquit\n", code=1, scenario="tutorial", role=["brisa"]))
    assert "Takenback:'Brisapasses'" in out
    assert flat("(it holds the game as it is now)") not in out
    assert flat(f"Its last save is {mine} (made before a move was taken back: it holds that move, not the game "
                "as it is now)") in out
