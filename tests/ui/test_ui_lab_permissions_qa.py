"""The window in a school lab (QA, run as an unprivileged student): a data folder the student
may not write. CI runs as root, where chmod stops nothing, so the failures are simulated."""

from __future__ import annotations

import errno

from ui_helpers import finish_game, frames, to_human_turn
from game.session import store
from game.ui.scene_results import ResultsScene


def _final_autosave_refused(monkeypatch) -> None:
    """The final autosave (of the ended game) fails as in a folder the student may not write."""
    real = store.AutosaveSlots.write

    def write(self, payload):
        if store._has_ended(payload):
            raise PermissionError(errno.EACCES, "Permission denied", str(self.folder))
        return real(self, payload)

    monkeypatch.setattr(store.AutosaveSlots, "write", write)


def test_the_results_say_when_the_final_save_could_not_be_written(build_app, monkeypatch):
    """In a read-only data folder the final autosave failed, and the window said so only in a toast
    ("The game goes on, ...") on the table, dropped 1.5 s later when the results screen came up:
    the results said nothing, the game was lost without a word, and the window exited with 0
    (the text mode says it and exits with 1)."""
    app = build_app(role=["georgia"], seed=12)
    _final_autosave_refused(monkeypatch)
    to_human_turn(app, "georgia")
    res = finish_game(app)
    assert isinstance(res, ResultsScene)
    frames(app, 3)
    text, error = res.debrief_message
    assert error and "final save could not be written (Permission denied" in text
    assert not any("goes on" in t.message for t in app.toasts)
    assert app.exit_code == 1


def test_the_results_say_nothing_when_the_final_save_was_written(build_app, monkeypatch):
    app = build_app(role=["georgia"], seed=12)
    to_human_turn(app, "georgia")
    res = finish_game(app)
    frames(app, 3)
    assert res.debrief_message is None and app.exit_code == 0


def test_going_back_says_why_the_game_left_could_not_be_kept_without_error_numbers(build_app, monkeypatch):
    """The facilitator's Go back in a read-only data folder said "The game you left could not be
    kept ([Errno 13] Permission denied: '/x/autosaves/branch-...json' -> None)": an error number
    and Python's own words, where every other message says "Permission denied (/x/...)"."""
    from ui_helpers import run_until
    from game.session import facilitator as F
    from game.ui.scene_facilitator import FacilitatorScene

    app = build_app(role=["georgia"], facilitator=True, seed=9)
    table = app.find_scene(FacilitatorScene)
    run_until(app, lambda: app.match.human_to_move())
    F.end_phase(app.match)
    run_until(app, lambda: app.match.human_to_move())

    def refused(data, folder, round_index):
        path = F.branch_path(folder, round_index)
        raise PermissionError(errno.EACCES, "Permission denied", str(path), None, None)

    monkeypatch.setattr(F, "save_branch", refused)
    table.go_back(0)
    frames(app, 2)
    said = " ".join(t.message for t in app.toasts)
    assert "The game you left could not be kept (Permission denied (" in said and "branch-" in said
    assert "Errno" not in said and "-> None" not in said
    assert app.match.state.round == 0 and isinstance(app.top, FacilitatorScene)


def _folders_not_to_be_listed(monkeypatch, *folders) -> None:
    """Listing these folders fails as for a folder of mode 000 (or another user's, mode 700)."""
    import os
    from pathlib import Path

    shut = {str(Path(f)) for f in folders}
    real_listdir, real_scandir = os.listdir, os.scandir

    def refused(path):
        if str(Path(os.fsdecode(path))) in shut:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    def listdir(path="."):
        refused(path)
        return real_listdir(path)

    def scandir(path="."):
        refused(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(os, "scandir", scandir)


def test_saves_in_a_folder_that_cannot_be_listed_are_not_called_no_saved_games(build_app, monkeypatch):
    """With the saves and autosaves folders shut to the student (mode 000), Load game said "No saved
    games yet." and the title said nothing: the student took the games for lost, when only the
    folders' permissions were wrong."""
    from game.session.store import user_data_dir
    from game.ui.scenes import SaveLoadScene, TitleScene

    home = user_data_dir()
    for name in ("saves", "autosaves"):
        (home / name).mkdir(parents=True)
    (home / "saves" / "mine.json").write_text("{}", encoding="utf-8")
    (home / "autosaves" / "autosave-0001-cst-1999-0badf00d.json").write_text("{}", encoding="utf-8")
    _folders_not_to_be_listed(monkeypatch, home / "saves", home / "autosaves")
    app = build_app()
    assert isinstance(app.top, TitleScene) and app.top.resume_info is None
    said = " ".join(t.message for t in app.toasts)
    assert f"The autosaves cannot be listed: Permission denied ({home / 'autosaves'})" in said
    app.push(SaveLoadScene(app, "load"))
    frames(app, 2)
    dialog = app.top
    assert dialog.rows == []
    assert dialog.error.startswith("Games cannot be listed: Permission denied (")
    assert str(home / "saves") in dialog.error and str(home / "autosaves") in dialog.error
    assert "Fix the folder's permissions" in dialog.error


def test_an_empty_data_folder_still_says_no_saved_games_yet(build_app):
    from game.ui.scenes import SaveLoadScene

    app = build_app()
    assert not app.toasts
    app.push(SaveLoadScene(app, "load"))
    frames(app, 2)
    assert app.top.rows == [] and app.top.error == ""


def test_screenshots_on_a_full_disk_stop_with_an_error_and_leave_no_cut_off_file(build_app, monkeypatch,
                                                                               tmp_path, capsys):
    """`play --screenshots DIR` on a full disk wrote a cut-off 01-title.png and empty PNGs for every
    other screen, said nothing and exited with 0 (pygame does not report a failed write)."""
    from game.session import store

    def full(path, data, replace=True):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store, "write_atomic", full)
    shots = tmp_path / "shots"
    app = build_app(screenshots=str(shots), strict=False)
    frames(app, 10)
    assert not app.running and app.exit_code == 1
    assert not shots.exists() or not any(shots.iterdir())
    err = capsys.readouterr().err
    assert f"error: cannot write {shots / '01-title.png'} (no space left on device)" in err
    assert "Traceback" not in err


def test_the_quit_question_does_not_promise_an_autosave_that_failed(build_app, monkeypatch):
    """Quitting said "the last round is also kept as an autosave" while every autosave had failed
    (a read-only data folder): "Quit without saving" then lost the game the student thought kept."""
    from game.ui.scenes import ConfirmQuitScene

    app = build_app(role=["georgia"], seed=12)
    to_human_turn(app, "georgia")
    real = store.AutosaveSlots.write

    def refused(self, payload):
        raise PermissionError(errno.EACCES, "Permission denied", str(self.folder))

    monkeypatch.setattr(store.AutosaveSlots, "write", refused)
    app.autosave_soon()  # (as every round does)
    app.saver.release()
    assert app.saver.flush()
    app.request_quit()
    assert isinstance(app.top, ConfirmQuitScene)
    question = app.top.QUESTION
    assert "the last autosave failed (Permission denied (" in question and "kept as an autosave" not in question
    app.pop()
    monkeypatch.setattr(store.AutosaveSlots, "write", real)  # the folder is fixed: the next autosave works
    assert app.autosave() is None
    app.request_quit()
    assert "the last round is also kept as an autosave" in app.top.QUESTION
