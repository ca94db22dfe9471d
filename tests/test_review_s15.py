"""Review of session 15 (slides, flicks, the caret, delegation memos): each test failed before its fix."""

from __future__ import annotations

import json

from textmode_helpers import play

from game.textmode.play import TextGame


def _newest_autosave(home):
    saves = sorted((home / "autosaves").glob("autosave-*.json"))
    assert saves
    return json.loads(saves[-1].read_text())["payload"]


def test_the_text_mode_memo_is_on_disk_at_once_written_and_deleted(tmp_path, monkeypatch):
    """'memo TEXT' and 'memo clear' are autosaved at once (docs/text-mode.md): the process killed right
    after them (no goodbye autosave) leaves the memo, then its deletion, on disk. 'memo clear' was
    saved only at the round's end or on leaving, so a killed terminal brought a deleted memo back
    into the resumed game and the teacher's debrief."""
    monkeypatch.setattr(TextGame, "_goodbye", lambda self: None)  # (killed: no autosave on leaving)
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "written"))
    play("memo Plan A.\nquit\n")
    assert _newest_autosave(tmp_path / "written")["memos"] == {"georgia": {"0": "Plan A."}}
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "deleted"))
    play("memo Plan A.\nmemo clear\nquit\n")
    assert "memos" not in _newest_autosave(tmp_path / "deleted")


def test_an_autosaves_copy_keeps_its_memos_when_the_match_changes_them_in_place(sc):
    """The autosave thread writes a snapshot of the match: its memos are its own, not the match's dicts
    (a memo changed in place, as game/ui/devshots.py does with its sample memos, or cleared, reached the
    write in flight: a memo lost from the autosave, or 'dictionary changed size during iteration')."""
    from game.session import facilitator as F
    from game.session.match import Match
    from game.ui.autosaver import snapshot

    m = Match(sc, seed=4, seats={"georgia": "human"}, scenario_ref="cst-1999")
    m.run_ai()
    m.write_memo("georgia", "first words")
    twin = snapshot(m)
    m.memos["georgia"][m.state.round] = "changed in place"
    m.memos["russia"] = {0: "added in place"}
    assert F.payload(twin)["memos"] == {"georgia": {"0": "first words"}}
    m.memos.clear()
    assert twin.memos == {"georgia": {0: "first words"}}


def test_a_memo_after_moves_goes_on_with_the_rounds_autosave_instead_of_pushing_older_ones_out(sc, tmp_path):
    """A memo is mostly written after moves made since the round's autosave (the computer's, another
    team's): each memo made a new autosave, so a team writing one a round (or a hotseat class, each
    team) pushed the autosaves of the earlier rounds out of the 5 kept per game. The round's autosave
    now goes on to the game as it is, with the memo; a move taken back, a new round or a game without
    new notes still makes a new one."""
    from game.engine import actions as A
    from game.session.match import Match
    from game.session.saves import match_payload
    from game.session.store import AutosaveSlots, read_save

    slots = AutosaveSlots(tmp_path, keep=2)
    m = Match(sc, seed=4, seats={"georgia": "human"}, scenario_ref="cst-1999")
    start = slots.write(match_payload(m))  # the round's autosave, before anyone moved
    m.run_ai()
    assert m.human_to_move() and m.actions and m.state.round == 0
    m.write_memo("georgia", "after the computer's moves")
    assert slots.write(match_payload(m)) == start  # (was a new autosave)
    assert read_save(start)["memos"] == {"georgia": {"0": "after the computer's moves"}}
    assert len(read_save(start)["actions"]) == len(m.actions)
    m.submit(A.Pass("georgia"))
    m.write_memo("georgia", "after my own move too")
    assert slots.write(match_payload(m)) == start
    assert slots.entries() == [start]
    # no other notes: a new autosave, as before
    m.submit(A.Pass(m.to_move)) if m.human_to_move() else m.step_ai()
    later = slots.write(match_payload(m))
    assert later != start and len(slots.entries()) == 2
    # a move taken back since: never written over (the autosave keeps the move)
    taken, _ = m.take_back("georgia")
    taken.write_memo("georgia", "after a take-back")
    assert slots.write(match_payload(taken)) not in (start, later)
