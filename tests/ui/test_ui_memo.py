"""A delegation's memo in the window: J at the table (or the menu) opens it; what is typed is kept as it
is typed and when the dialog closes; only the delegation on its own screen sees it."""

from __future__ import annotations

import pygame
from ui_helpers import click, frames, press, to_human_turn, typed

from game.session.match import MEMO_MAX
from game.ui.scene_memo import KEY, MemoScene
from game.ui.scene_table import TableScene
from game.ui.scenes import MenuScene, PrivacyScene


def test_j_opens_the_memo_and_what_is_typed_is_kept(build_app, monkeypatch):
    app = build_app(role=["georgia"], seed=3)
    table = to_human_turn(app, "georgia")
    saved = []
    monkeypatch.setattr(app, "autosave_soon", lambda: saved.append(len(app.match.memos)))
    press(app, pygame.K_j)
    memo = app.top
    assert isinstance(memo, MemoScene) and memo.seat == "georgia"
    assert app.typing()  # the keyboard is in the memo at once: J, B and P are letters now
    typed(app, "Prolong &amp; adapt <later>? jbp\nAsk Baku.")
    assert app.match.memo("georgia") == "Prolong &amp; adapt <later>? jbp\nAsk Baku."  # kept as typed
    assert isinstance(app.top, MemoScene) and not app.match.actions[-1:] == []  # no move was made
    moves = len(app.match.actions)
    press(app, pygame.K_ESCAPE)  # Esc leaves the field and closes the memo: what is in it stays
    assert app.top is table and saved == [1] and len(app.match.actions) == moves
    assert any("Memo kept (7 words)" in t.message for t in app.toasts)
    press(app, pygame.K_j)  # opened again: the same text, '&' and '<' as typed
    assert app.top.entry_text(KEY) == "Prolong &amp; adapt <later>? jbp\nAsk Baku."


def test_a_memo_past_its_length_is_cut_with_a_word_never_lost(build_app):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    press(app, pygame.K_j)
    memo = app.top
    memo.set_entry_text(KEY, "x" * (MEMO_MAX + 50))  # (a long paste)
    frames(app, 2)
    assert len(app.match.memo("georgia")) == MEMO_MAX and len(memo.entry_text(KEY)) == MEMO_MAX
    assert "at most" in memo.error
    click(app, "memo:done")
    assert len(app.match.memo("georgia")) == MEMO_MAX


def test_the_menu_offers_the_memo_to_the_person_on_turn(build_app):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene)
    click(app, "menu:memo")
    assert isinstance(app.top, MemoScene) and app.top.seat == "georgia"


def test_hotseat_each_team_sees_only_its_own_memos(build_app):
    app = build_app(role=["georgia", "russia"], seed=3)
    to_human_turn(app, "russia")
    press(app, pygame.K_j)
    typed(app, "Russia's secret plan")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_p)  # Russia passes: the next team's privacy screen
    for _ in range(3000):
        if isinstance(app.top, PrivacyScene):
            break
        app.find_scene(TableScene).skip = True
        frames(app)
    assert isinstance(app.top, PrivacyScene)
    press(app, pygame.K_j)  # on the privacy screen J opens nobody's memo
    assert not isinstance(app.top, MemoScene)
    to_human_turn(app, "georgia")
    first = app.match.state.round
    press(app, pygame.K_j)
    memo = app.top
    assert isinstance(memo, MemoScene) and memo.seat == "georgia"
    assert memo.entry_text(KEY) == "" and memo.earlier() == []  # Russia's memo is Russia's alone
    assert app.match.memos["russia"] == {first: "Russia's secret plan"}


def test_nobody_writes_a_memo_for_the_computer_or_after_the_game(build_app):
    import dataclasses

    app = build_app(role=["georgia"], seed=3)
    table = to_human_turn(app, "georgia")
    assert table.memo_seat() == "georgia"
    table.vm = dataclasses.replace(table.vm, viewer="russia")  # (an AI's view on screen)
    assert table.memo_seat() is None
    press(app, pygame.K_j)
    assert not isinstance(app.top, MemoScene)
    assert any("people play" in t.message for t in app.toasts)


def test_the_facilitator_reads_every_teams_memo_in_the_side_panel(build_app):
    from game.ui.scene_facilitator import FacilitatorScene

    app = build_app(role=["georgia"], seed=4, facilitator=True, record_text=True)
    fac = app.find_scene(FacilitatorScene)
    assert fac is not None
    to_human_turn(app, "georgia")
    click(app, "side:memos")
    fac._log_cache.clear()  # (the lines are drawn once and kept: drawn again, they are recorded)
    frames(app)
    assert any(s.startswith("No memo yet") for s in app.recorded)
    app.match.write_memo("georgia", "We push for guarantees.\nThen we wait.")
    frames(app)
    assert "Memos 1" in app.recorded
    assert "Georgia, round 1 (Security Council secretaries): We push for guarantees. / Then we wait." \
        in " ".join(fac.memo_lines())
    press(app, pygame.K_F7)  # the public view (a projector): no memos there
    assert "memos" not in [k for k, _ in fac.side_tabs()]


def test_a_pause_in_the_typing_autosaves_the_memo_while_it_is_open(build_app, monkeypatch):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    saved = []
    monkeypatch.setattr(app, "autosave_soon", lambda: saved.append(app.match.memo("georgia")))
    press(app, pygame.K_j)
    memo = app.top
    typed(app, "First thoughts")
    assert saved == [] and memo.wake_in() is not None  # the window wakes for it at any frame rate
    app.step(MemoScene.SAVE_AFTER_S + 0.1)
    frames(app)
    assert saved == ["First thoughts"] and isinstance(app.top, MemoScene)  # saved, still open
    app.step(MemoScene.SAVE_AFTER_S + 0.1)
    assert saved == ["First thoughts"] and memo.wake_in() is None  # once a pause, not again


def test_earlier_memos_are_of_earlier_rounds_only(build_app):
    """After the console went back to an earlier round, the memos of the later rounds of the line it
    left are not 'earlier' ones (they are in the debrief)."""
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    now = app.match.state.round
    app.match.memos["georgia"] = {now + 2: "a later round's", now: "this round's"}
    press(app, pygame.K_j)
    assert app.top.earlier() == []
