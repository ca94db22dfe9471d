"""Delegation memos: a team's notes for each round, for the teacher (game/session/match.py
``write_memo``; the text mode's ``memo``; the debrief's section and the grade sheet's columns)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textmode_helpers import play

from game.engine import actions as A
from game.report import debrief as D
from game.report import grades as G
from game.session import facilitator as F
from game.session.match import MEMO_MAX, Match, clean_memo
from game.session.saves import load_match, save_match


def _match(sc, seats=None, seed=4) -> Match:
    m = Match(sc, seed=seed, seats=seats or {"georgia": "human"}, scenario_ref="cst-1999")
    m.run_ai()
    return m


def _finish(m: Match) -> Match:
    while not m.over:
        if m.human_to_move():
            who = m.to_move
            done = m.submit(A.Sign(who, sign=False) if m.state.phase == "signing" else A.Pass(who))
            if done.rejected:  # (the chair at the summit puts a draft to signature)
                m.submit(next(a for a in m.game.legal_actions(m.state) if a.actor == who))
        else:
            m.step_ai()
    return m


def test_a_memo_a_round_kept_replaced_and_deleted(sc):
    m = _match(sc)
    assert m.memo("georgia") == ""
    assert m.write_memo("georgia", "  Hold out for adaptation.\r\nAsk Azerbaijan.  \n\n") == \
        "  Hold out for adaptation.\nAsk Azerbaijan."
    assert m.memo("georgia") == "  Hold out for adaptation.\nAsk Azerbaijan."
    assert m.write_memo("georgia", "Changed my mind.") == "Changed my mind."  # one memo a round: replaced
    first = m.state.round
    while m.state.round == first:
        m.submit(A.Pass("georgia")) if m.human_to_move() else m.step_ai()
    assert m.memo("georgia") == "" and m.memo("georgia", first) == "Changed my mind."
    m.write_memo("georgia", "Round two.")
    assert m.memos == {"georgia": {first: "Changed my mind.", m.state.round: "Round two."}}
    assert m.write_memo("georgia", " \n ") == ""  # an empty memo deletes this round's
    assert m.memos == {"georgia": {first: "Changed my mind."}}


def test_a_memo_is_not_a_move_and_changes_nothing_in_the_game(sc):
    a, b = _match(sc), _match(sc)
    a.write_memo("georgia", "We sign nothing that leaves Abkhazia out.")
    assert a.actions == b.actions and a.state.log == b.state.log
    _finish(a), _finish(b)
    assert a.result().treaty.tightness == b.result().treaty.tightness
    for seat in a.game.model.actor_ids:  # the engine never holds it: no delegation's view has it
        assert "Abkhazia out" not in repr(a.game.view(a.state, seat))


def test_who_may_write_and_how_much(sc):
    m = _match(sc, seats={"georgia": "human"})
    with pytest.raises(ValueError, match="only a delegation people play"):
        m.write_memo("russia", "the computer's seat")
    with pytest.raises(ValueError, match=f"at most {MEMO_MAX} characters; this one has {MEMO_MAX + 1}"):
        m.write_memo("georgia", "x" * (MEMO_MAX + 1))
    assert m.memos == {}  # refused whole, never cut short
    m.write_memo("georgia", "x" * MEMO_MAX)
    bot = Match(sc, seed=1, seats={"georgia": "human"}, bots={"georgia": "bots/x.py:Bot"})
    assert bot.memo_refusal("georgia") == "only a delegation people play writes memos"
    _finish(m)
    with pytest.raises(ValueError, match="the game is over"):
        m.write_memo("georgia", "too late")


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_cleaning_keeps_line_breaks_and_drops_control_characters(text):
    kept = clean_memo(text)
    assert all(ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs") for ch in kept)
    assert not kept.startswith("\n") and not kept.endswith("\n")
    assert all(line == line.rstrip() for line in kept.split("\n"))
    assert clean_memo(kept) == kept


def test_memos_survive_a_save_a_take_back_and_a_fork(sc, tmp_path):
    m = _match(sc, seats={"georgia": "human"})
    m.write_memo("georgia", "Before my move.")
    m.submit(A.Endorse("georgia", draft=1))
    back, _ = m.take_back("georgia")
    assert back.memos == {"georgia": {0: "Before my move."}}
    path = tmp_path / "g.json"
    save_match(back, path)
    assert json.loads(path.read_text())["payload"]["memos"] == {"georgia": {"0": "Before my move."}}
    loaded = load_match(path)
    assert loaded.memos == back.memos
    F.facilitate(loaded)
    while loaded.state.round < 2:
        loaded.submit(A.Pass("georgia")) if loaded.human_to_move() else loaded.step_ai()
    loaded.write_memo("georgia", "Round three.")
    forked, _ = F.fork(loaded, 1)
    assert forked.memos == {"georgia": {0: "Before my move.", 2: "Round three."}}  # notes are never undone


def test_a_hand_edited_save_loses_a_bad_memo_never_the_game(sc, tmp_path):
    m = _match(sc)
    m.write_memo("georgia", "kept")
    payload = m.to_payload()
    payload["memos"] = {"georgia": {"0": "kept", "x": "bad key", "99": "no such round", "1": 5},
                        "nobody": {"0": "not a seat"}, "russia": "not a dict"}
    back = Match.from_payload(payload, sc)
    assert back.memos == {"georgia": {0: "kept"}}
    payload["memos"] = ["not", "a", "dict"]
    assert Match.from_payload(payload, sc).memos == {}
    payload["memos"] = {"georgia": {"0": "\x1b[31mred" + "y" * (2 * MEMO_MAX)}}
    text = Match.from_payload(payload, sc).memos["georgia"][0]
    assert "\x1b" not in text and len(text) == MEMO_MAX


def test_the_text_mode_memo_command():
    out = play("memo\nmemo We'll hold out; Russia won't budge.\nmemo + Ask Kazakhstan.\nmemo\n"
               "memo clear\nmemo clear\nquit\n")
    assert "No memo for round 1 (Security Council secretaries) yet" in out
    assert "Memo for round 1 (Security Council secretaries) kept (6 words)" in out  # an apostrophe is text
    assert "We'll hold out; Russia won't budge.\n    Ask Kazakhstan." in out
    assert "Memo for round 1 (Security Council secretaries) deleted." in out
    assert "There is no memo for round 1 (Security Council secretaries) to delete." in out
    assert "Refused" not in out and "AP)" in out  # it cost nothing: the turn went on


def test_the_text_mode_memo_is_autosaved_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    out = io.StringIO()
    play("memo Plan A.\nquit\n", out=out)
    saves = sorted((tmp_path / "autosaves").glob("autosave-*.json"))
    assert saves and json.loads(saves[-1].read_text())["payload"]["memos"] == {"georgia": {"0": "Plan A."}}
    too_long = play("memo " + "y" * (MEMO_MAX + 5) + "\nquit\n")
    assert f"Not kept: a memo holds at most {MEMO_MAX} characters" in too_long


def test_the_debrief_and_the_grade_sheet_show_the_memos(sc):
    m = _match(sc, seats={"georgia": "human", "russia": "human"})
    m.write_memo("russia", "Prolong first.")
    m.write_memo("georgia", "Hold out <for> adaptation & wait.\nSecond line.")
    _finish(m)
    d = D.analyse(m, 0)
    page = D.render(d)
    assert "<h2>The delegations' memos</h2>" in page
    assert "Hold out &lt;for&gt; adaptation &amp; wait.</p><p>Second line." in page
    assert page.index("The delegations' memos") < page.index("<h2>Grade sheet</h2>")
    rows = {r["role"]: r for r in csv.DictReader(io.StringIO(G.grades_csv(d.grades)))}
    assert (rows["georgia"]["memos"], rows["georgia"]["memo_words"]) == ("1", "8")
    assert (rows["russia"]["memos"], rows["russia"]["memo_words"]) == ("1", "2")
    assert (rows["armenia"]["memos"], rows["armenia"]["memo_words"]) == ("0", "0")
    plain = _finish(_match(sc))
    assert "memos</h2>" not in D.render(D.analyse(plain, 0))  # no memos: no section


def test_a_memo_rewrites_the_newest_autosave_instead_of_pushing_older_rounds_out(sc, tmp_path):
    from game.session.saves import match_payload
    from game.session.store import AutosaveSlots, read_save

    slots = AutosaveSlots(tmp_path, keep=2)
    m = _match(sc)
    first = slots.write(match_payload(m))
    m.submit(A.Pass("georgia"))
    while not m.human_to_move():
        m.step_ai()
    second = slots.write(match_payload(m))
    for n in range(5):  # a team rewrites its memo again and again: still the same two autosaves
        m.write_memo("georgia", f"draft {n}")
        assert slots.write(match_payload(m)) == second
    assert sorted(slots.entries()) == sorted([first, second])
    assert read_save(second)["memos"] == {"georgia": {str(m.state.round): "draft 4"}}
    m.submit(A.Pass("georgia"))  # a move: a new autosave, as before
    third = slots.write(match_payload(m))
    assert third not in (first, second) and len(slots.entries()) == 2
