"""QA of the delegations' memos (game/session/match.py, the debrief's section): what a class types is
kept, in any alphabet; a hand-edited save loses a bad memo, never the game; an autosave's copy of the
match keeps the memos it was taken with; the printed debrief keeps a long memo on the page."""

from __future__ import annotations

import pytest

from game.engine import actions as A
from game.report import debrief as D
from game.session import facilitator as F
from game.session.match import Match, clean_memo, memo_words
from game.session.saves import load_match
from game.session.store import write_save
from game.ui.autosaver import snapshot


def _match(sc, seats=None, seed=4) -> Match:
    m = Match(sc, seed=seed, seats=seats or {"georgia": "human"}, scenario_ref="cst-1999")
    m.run_ai()
    return m


def _next_round(m: Match) -> None:
    first = m.state.round
    while m.state.round == first and not m.over:
        m.submit(A.Pass(m.to_move)) if m.human_to_move() else m.step_ai()


@pytest.mark.parametrize("typed", [
    "Prix\u00a0: 5\u00a0% de plus", "Hello\u00a0world",  # a no-break space (French, a pasted text): words stay apart
    "family \U0001f468\u200d\U0001f469\u200d\U0001f467 ok",  # the joiners of an emoji family
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: a zero-width non-joiner inside a word
    "\U0001fae8 shaking face",  # an emoji newer than Python 3.11's Unicode tables
    "Donau\u00addampf\u00adschiff",  # soft hyphens
    "Грузия: ქართული, Հայերեն, été & <b>",
])
def test_a_memo_keeps_every_letter_a_class_types(sc, typed):
    assert clean_memo(typed) == typed
    m = _match(sc)
    assert m.write_memo("georgia", typed) == typed
    assert Match.from_payload(m.to_payload(), sc).memo("georgia") == typed


def test_only_control_characters_go_and_other_line_breaks_become_new_lines():
    assert clean_memo("a\u2028b\u2029c\x85d\x0be\x0cf") == "a\nb\nc\nd\ne\nf"
    assert clean_memo("\x1b[31mred\x00\x07 \ud800x\tend") == "[31mred x end"
    assert memo_words(type("M", (), {"memos": {"g": {0: "Hello\u00a0world"}}})(), "g") == 2


def test_a_hand_edited_save_with_strange_round_keys_still_loads(sc, tmp_path):
    m = _match(sc)
    m.write_memo("georgia", "the real one")
    payload = m.to_payload()
    payload["memos"] = {"georgia": {"0": "the real one", "\u00b2": "superscript two",
                                    "\u0660": "an Arabic-Indic zero", "1" * 5000: "a huge number", "007": "padded"}}
    path = tmp_path / "edited.json"
    write_save(path, payload)
    assert load_match(path).memos == {"georgia": {0: "the real one"}}


def test_an_autosaves_copy_keeps_the_memos_it_was_taken_with(sc):
    m = _match(sc)
    m.write_memo("georgia", "first words")
    twin = snapshot(m)  # (written by the autosave thread while the team goes on typing)
    m.write_memo("georgia", "first words and more")
    _next_round(m)
    m.write_memo("georgia", "round two")
    assert F.payload(twin)["memos"] == {"georgia": {"0": "first words"}}
    m.write_memo("georgia", "")
    assert twin.memos == {"georgia": {0: "first words"}} and m.memos == {"georgia": {0: "first words and more"}}


def test_the_printed_debrief_breaks_a_long_pasted_word_and_keeps_indents(sc):
    m = _match(sc)
    m.write_memo("georgia", "https://example.org/" + "a" * 600 + "\n    indented")
    while not m.over:
        if m.human_to_move():
            done = m.submit(A.Sign("georgia", sign=False) if m.state.phase == "signing" else A.Pass("georgia"))
            if done.rejected:
                m.submit(next(a for a in m.game.legal_actions(m.state) if a.actor == "georgia"))
        else:
            m.step_ai()
    page = D.render(D.analyse(m, 0))
    assert "<p>    indented</p>" in page
    # a word wider than the page breaks in its cell: it made Chromium print the whole report smaller
    assert "table.memos td { overflow-wrap: anywhere; }" in page and "table.memos { table-layout: fixed; }" in page
    assert "white-space: pre-wrap" in page


def test_the_text_modes_memo_after_a_tab_or_a_colon_and_what_a_replaced_memo_was():
    from textmode_helpers import play

    out = play("memo\tTab after the word\nMemo: with a colon\nmemo First plan, careful.\nmemo Second plan.\n"
               "memo + and one more line\nmemo\nquit\n")
    assert "unknown command" not in out  # (the text was lost to "unknown command 'memo'")
    assert "kept (4 words)" in out and "kept (3 words)" in out
    # 'memo TEXT' meant as one more line replaced the memo: the replaced one is on the screen to copy back
    assert out.count("It replaced this memo") == 3  # (each new memo replaced the one before)
    assert "It replaced this memo ('memo + TEXT' adds a line instead):\n    First plan, careful." in out
    assert "Second plan.\n    and one more line" in out


def test_the_debrief_names_the_teams_that_wrote_no_memo(sc):
    m = _match(sc, seats={"georgia": "human", "russia": "human", "armenia": "human"})
    m.write_memo("russia", "Prolong first.")
    while not m.over:
        if m.human_to_move():
            who = m.to_move
            done = m.submit(A.Sign(who, sign=False) if m.state.phase == "signing" else A.Pass(who))
            if done.rejected:
                m.submit(next(a for a in m.game.legal_actions(m.state) if a.actor == who))
        else:
            m.step_ai()
    page = D.render(D.analyse(m, 0))
    section = page[page.index("The delegations' memos"):page.index("<h2>Grade sheet</h2>")]
    assert "No memo from Armenia, Georgia (played by people" in section or \
        "No memo from Georgia, Armenia (played by people" in section
    assert "Belarus" not in section  # (the computer's seats write none)
