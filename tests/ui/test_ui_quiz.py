"""The briefing check in the window (game/ui/scene_quiz.py): F at the table, the menu or the role
brief opens it; one question at a time, the first answer counts, each answer autosaved; only the
delegation on its own screen takes its own check, never in a replay or the public view."""

from __future__ import annotations

import json

import pygame
from ui_helpers import click, frames, press, to_human_turn

from game.report.quiz import questions, quiz_result
from game.ui.scene_quiz import QuizScene
from game.ui.scene_table import TableScene
from game.ui.scenes import BriefScene, MenuScene, PrivacyScene


def _wrong(q) -> str:
    return next(k for k, _ in q.options if k != q.answer)


def _index(q, key: str) -> int:
    return [k for k, _ in q.options].index(key)


def test_f_opens_the_check_and_answers_by_click_and_key_are_kept_once(build_app, monkeypatch):
    app = build_app(role=["georgia"], seed=3, record_text=True)
    table = to_human_turn(app, "georgia")
    saved = []
    monkeypatch.setattr(app, "autosave_soon", lambda: saved.append(dict(app.match.quiz.get("georgia", {}))))
    moves, log = len(app.match.actions), len(app.match.state.log)
    press(app, pygame.K_f)
    quiz = app.top
    assert isinstance(quiz, QuizScene) and quiz.seat == "georgia" and quiz.pos == 0
    qs = questions(app.match.scenario, "georgia")
    assert "Briefing check — Georgia" in app.recorded and f"Question 1 of {len(qs)}" in app.recorded
    # a click on a wrong option: kept, said wrong, the right one shown, the brief's words under it
    q = qs[0]
    click(app, f"quiz:option:{_index(q, _wrong(q))}")
    assert app.match.quiz == {"georgia": {q.id: _wrong(q)}} and saved == [{q.id: _wrong(q)}]
    right_letter = "ABCD"[_index(q, q.answer)]
    assert f"Not quite: the right answer is {right_letter}." in app.recorded
    assert "Right answer" in app.recorded and "Your answer" in app.recorded
    assert "Where your brief says it" in app.recorded
    assert any(q.why.split()[0] in s for s in app.recorded)
    # the first answer counts: a click on the right one, or its key, changes nothing
    click(app, f"quiz:option:{_index(q, q.answer)}")
    press(app, pygame.K_1 + _index(q, q.answer))
    assert app.match.quiz["georgia"] == {q.id: _wrong(q)} and len(saved) == 1
    assert quiz.error == "Your first answer counts."
    # Enter: the next question; answered by its letter key, rightly
    press(app, pygame.K_RETURN)
    q2 = qs[1]
    assert quiz.pos == 1 and f"Question 2 of {len(qs)}" in app.recorded
    press(app, (pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d)[_index(q2, q2.answer)])
    assert app.match.quiz["georgia"][q2.id] == q2.answer and len(saved) == 2
    assert "Right." in app.recorded and "Your answer: right" in app.recorded
    # a digit key answers the third
    press(app, pygame.K_SPACE)
    q3 = qs[2]
    press(app, pygame.K_1 + _index(q3, q3.answer))
    assert app.match.quiz["georgia"][q3.id] == q3.answer
    # Left browses back: the recorded answer shown, not changed
    press(app, pygame.K_LEFT)
    press(app, pygame.K_LEFT)
    assert quiz.pos == 0 and "Your answer" in app.recorded
    press(app, pygame.K_1 + _index(q, q.answer))
    assert app.match.quiz["georgia"][q.id] == _wrong(q)
    # not moves: the game is where it was
    assert (len(app.match.actions), len(app.match.state.log)) == (moves, log)
    press(app, pygame.K_ESCAPE)
    assert app.top is table
    press(app, pygame.K_f)  # opened again: at the first question not answered yet
    assert isinstance(app.top, QuizScene) and app.top.pos == 3
    press(app, pygame.K_f)  # F again closes it
    assert app.top is table


def test_the_summary_says_how_many_were_right_and_lists_them(build_app):
    app = build_app(role=["georgia"], seed=3, record_text=True)
    to_human_turn(app, "georgia")
    press(app, pygame.K_f)
    quiz = app.top
    qs = quiz.qs
    for n, q in enumerate(qs):
        assert quiz.pos == n
        press(app, pygame.K_1 + _index(q, q.answer if n else _wrong(q)))
        click(app, "quiz:next")
    assert quiz.at_summary()
    res = quiz_result(app.match, "georgia")
    assert (res.right, res.answered) == (len(qs) - 1, len(qs))
    assert f"You got {len(qs) - 1} of {len(qs)} right" in app.recorded
    assert any(s.startswith(f"1. {qs[0].text[:20]}") for s in app.recorded)
    assert any(s.startswith("Your answer:") and "(right:" in s for s in app.recorded)  # the wrong one's answer
    click(app, "quiz:row:0")  # a row opens its question, answered, as it was
    assert quiz.pos == 0
    press(app, pygame.K_RIGHT)
    quiz.go(len(qs))
    frames(app)
    click(app, "quiz:brief")  # the role brief, in place of the check
    assert isinstance(app.top, BriefScene) and app.top.actor_id == "georgia"
    assert app.top.ui.find("brief:quiz") is not None  # (and the check again from it, with its result)
    assert f"Briefing check: {len(qs) - 1}/{len(qs)}" in app.recorded
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)  # the menu: the item with the result in it
    assert isinstance(app.top, MenuScene)
    assert f"Briefing check: {len(qs) - 1}/{len(qs)}" in app.recorded
    click(app, "menu:quiz")
    assert isinstance(app.top, QuizScene) and app.top.at_summary()
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TableScene)


def test_the_menu_offers_the_check_to_the_person_on_turn(build_app):
    app = build_app(role=["georgia"], seed=3, record_text=True)
    to_human_turn(app, "georgia")
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene) and "Briefing check" in app.recorded
    press(app, pygame.K_f)
    assert isinstance(app.top, QuizScene) and app.top.seat == "georgia"


def test_the_first_brief_offers_the_check_and_comes_back_to_it(build_app):
    app = build_app(role=["georgia"], seed=3)
    brief = app.top
    assert isinstance(brief, BriefScene) and brief.actor_id == "georgia"
    click(app, "brief:quiz")
    quiz = app.top
    assert isinstance(quiz, QuizScene) and quiz.seat == "georgia"
    q = quiz.question
    press(app, pygame.K_1 + _index(q, q.answer))
    assert app.match.quiz == {"georgia": {q.id: q.answer}}
    quiz.go(len(quiz.qs))
    frames(app)
    click(app, "quiz:brief")  # "Back to your brief": the brief it came from
    assert app.top is brief
    press(app, pygame.K_f)
    assert isinstance(app.top, QuizScene)
    press(app, pygame.K_ESCAPE)
    assert app.top is brief


def test_an_answer_is_in_the_autosave_and_is_not_a_move(build_app, tmp_path):
    app = build_app(role=["georgia"], seed=3)
    to_human_turn(app, "georgia")
    actions = [a.to_dict() for a in app.match.actions]
    press(app, pygame.K_f)
    q = app.top.question
    press(app, pygame.K_1 + _index(q, q.answer))
    frames(app, 2)
    app.saver.flush()
    newest = sorted((tmp_path / "home" / "autosaves").glob("autosave-*.json"))[-1]
    payload = json.loads(newest.read_text())["payload"]
    assert payload["quiz"] == {"georgia": {q.id: q.answer}}
    assert [a.to_dict() for a in app.match.actions] == actions


def test_nobody_takes_the_check_for_the_computer_in_a_replay_or_between_teams(build_app):
    import dataclasses

    app = build_app(role=["georgia"], seed=3)
    table = to_human_turn(app, "georgia")
    assert table.quiz_seat() == "georgia"
    table.vm = dataclasses.replace(table.vm, viewer="russia")  # (an AI's view on screen)
    assert table.quiz_seat() is None
    press(app, pygame.K_f)
    assert not isinstance(app.top, QuizScene)
    assert any("briefing check" in t.message for t in app.toasts)
    assert questions(app.match.scenario, "russia") and app.match.quiz_refusal("russia") is not None
    from game.ui.scene_replay import ReplayScene

    replay = ReplayScene(app, app.match, viewer="georgia")
    app.push(replay)
    frames(app)
    assert replay.quiz_seat() is None
    press(app, pygame.K_f)
    assert app.top is replay and replay.refused


def test_the_public_view_offers_no_check(build_app):
    from game.ui.scene_facilitator import FacilitatorScene

    app = build_app(role=["georgia"], seed=4, facilitator=True)
    fac = app.find_scene(FacilitatorScene)
    to_human_turn(app, "georgia")
    assert fac.quiz_seat() == "georgia"
    press(app, pygame.K_F7)  # the public view (a projector)
    frames(app)
    assert fac.quiz_seat() is None
    press(app, pygame.K_f)
    assert not isinstance(app.top, QuizScene)


def test_hotseat_each_team_takes_its_own_check(build_app):
    app = build_app(role=["georgia", "russia"], seed=3)
    to_human_turn(app, "russia")
    press(app, pygame.K_f)
    quiz = app.top
    assert isinstance(quiz, QuizScene) and quiz.seat == "russia"
    q = quiz.question
    press(app, pygame.K_1 + _index(q, q.answer))
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_p)  # Russia passes: the next team's privacy screen
    for _ in range(3000):
        if isinstance(app.top, PrivacyScene):
            break
        app.find_scene(TableScene).skip = True
        frames(app)
    assert isinstance(app.top, PrivacyScene)
    press(app, pygame.K_f)  # on the privacy screen F opens nobody's check
    assert not isinstance(app.top, QuizScene)
    to_human_turn(app, "georgia")
    press(app, pygame.K_f)
    quiz = app.top
    assert isinstance(quiz, QuizScene) and quiz.seat == "georgia" and quiz.pos == 0
    assert quiz.answers == {} and list(app.match.quiz) == ["russia"]


def test_the_check_fits_a_small_window_with_large_text(build_app):
    app = build_app(role=["georgia"], seed=3, record_text=True, size="1024x600")
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    to_human_turn(app, "georgia")
    press(app, pygame.K_f)
    quiz = app.top
    drawn: list = []
    draw = quiz.draw

    def recorded_draw(surf):  # the texts the check draws (not the table's under it)
        start = len(app.text_rects)
        draw(surf)
        drawn[:] = app.text_rects[start:]

    quiz.draw = recorded_draw
    for n, q in enumerate(quiz.qs):
        for answer in (None, _wrong(q) if n % 2 else q.answer):
            if answer is not None:
                quiz.answer(answer)
            frames(app)
            box = quiz.ui.find("overlay:box").rect
            assert drawn and all(box.contains(r) for _, r in drawn), [(s, r) for s, r in drawn
                                                                      if not box.contains(r)]
            assert not any(s.endswith("...") for s, _ in drawn), n  # nothing cut short
            if answer is not None:  # where the brief says it: all of it
                assert "Where your brief says it" in [s for s, _ in drawn]
                last_words = q.why.split()[-1]
                assert any(s.endswith(last_words) for s, _ in drawn), (q.why, [s for s, _ in drawn])
        quiz.next()
    frames(app)
    assert quiz.at_summary()
    box = quiz.ui.find("overlay:box").rect
    assert all(box.contains(r) for _, r in drawn)
    for name in ("quiz:brief", "quiz:close", "quiz:previous"):
        assert box.contains(quiz.ui.find(name).rect)


def test_the_shortcuts_with_f_stay_above_the_helps_buttons_in_a_small_window(build_app):
    """F's line made the keys' second column longer: a section going on in a column with no room left
    for its heading and a row went on below the page's bottom, over the buttons (now: the next column)."""
    from game.ui.scenes import HelpScene

    app = build_app(role=["georgia"], seed=3, record_text=True, size="1024x600")
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    to_human_turn(app, "georgia")
    help_ = HelpScene(app)
    app.push(help_)
    drawn: list = []
    draw = help_.draw

    def recorded_draw(surf):
        start = len(app.text_rects)
        draw(surf)
        drawn[:] = app.text_rects[start:]

    help_.draw = recorded_draw
    frames(app)
    seen = False
    for _ in range(help_.pages):
        frames(app)
        buttons = help_.ui.find("help:page").rect.top
        labels = {s for s, _ in drawn}
        seen = seen or "the briefing check on your brief (not a move)" in " ".join(labels) \
            or "the briefing check on your brief (not" in labels
        assert all(r.bottom <= buttons for s, r in drawn if s not in ("Close", "Esc", "PgDn")
                   and not s.startswith("Page ")), [(s, r) for s, r in drawn if r.bottom > buttons]
        help_.turn()
    assert seen


def test_a_scenarios_own_question_without_a_why_draws_no_empty_box(build_app, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from test_authoring import BORDER_ROAD

    path = tmp_path / "border-road.yaml"
    path.write_text(BORDER_ROAD + "\nquiz:\n  - id: trucks\n    question: What does Cedar fear from tolls?\n"
                    "    right: That its trucks pay for the others' roads.\n    wrong: [That the river floods.]\n",
                    encoding="utf-8")
    app = build_app(scenario=str(path), role=["cedar"], seed=1, record_text=True)
    to_human_turn(app, "cedar")
    press(app, pygame.K_f)
    quiz = app.top
    qs = questions(app.match.scenario, "cedar")
    own = next(n for n, q in enumerate(qs) if q.id == "own:trucks")
    quiz.pos = own
    frames(app, 1)
    app.recorded.clear()
    click(app, f"quiz:option:{_index(qs[own], 'right')}")
    frames(app, 1)
    assert app.match.quiz["cedar"] == {"own:trucks": "right"}
    assert "Right." in app.recorded and "Where your brief says it" not in app.recorded
