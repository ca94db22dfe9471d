"""Screenshots of every screen at a given size (a developer's visual check).

    SDL_VIDEODRIVER=dummy python -m game.ui.devshots OUT_DIR [WIDTHxHEIGHT] [large]

Plays a seeded game with Georgia human, visits each screen and saves a PNG of it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace


def args_for(**kw) -> SimpleNamespace:
    base = dict(scenario="cst-1999", role=[], seed=7, load=None, difficulty="normal", events="historical",
                gui=True, text=False, autoplay=False, screenshots=None, size=None, facilitator=False)
    base.update(kw)
    return SimpleNamespace(**base)


def settle(app, frames: int = 3, limit: int = 120) -> None:
    """Step ``frames`` frames, then on until no screen is animating (a draft in flight, a stamp)."""
    for _ in range(frames):
        app.step(1 / 60)
    for _ in range(limit):
        if all(s.settled() for s in app.scenes):
            break
        app.step(1 / 60)


def main(argv: list[str]) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("TREATY_TABLE_HOME", tempfile.mkdtemp(prefix="tt-shots-"))
    import pygame

    from game.ui import app as appmod
    from game.ui import scenes as S
    from game.ui.scene_results import ResultsScene
    from game.ui.scene_table import OfferScene, ProfileScene, TableScene

    out = Path(argv[0] if argv else "shots")
    size = argv[1] if len(argv) > 1 else "1280x720"
    large = len(argv) > 2 and argv[2] == "large"
    out.mkdir(parents=True, exist_ok=True)
    app = appmod.build(args_for(size=size), strict=True)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)

    def shot(name: str, frames: int = 3) -> None:
        settle(app, frames)
        pygame.image.save(app.screen, str(out / f"{name}.png"))

    shot("title")
    app.push(S.ScenarioScene(app))
    shot("scenario")
    sc = app.top.scenario
    app.setup.humans = ["georgia"]
    app.push(S.RolesScene(app, sc))
    app.top.humans = ["georgia", "russia"]
    shot("roles")
    app.setup.takebacks_off = True  # the teacher's choice for a graded game (T)
    shot("roles-takebacks-off")
    app.setup.takebacks_off = False
    app.top.humans = ["georgia"]
    app.top.start()
    shot("brief")
    app.pop()
    table = app.find_scene(TableScene)
    for _ in range(600):
        app.step(1 / 60)
        table.skip = True
        if app.match.human_to_move():
            break
    table.sel_actor = "russia"
    table.pick_cell(1, 2)
    shot("table", 50)
    app.push(ProfileScene(app, table, "russia"))
    shot("profile")
    app.pop()
    app.push(OfferScene(app, table, "russia"))
    shot("offer")
    app.pop()
    app.match.memos["georgia"] = {0: "The chair wants the old text prolonged first. We sign nothing without the "
                                     "guarantees we need.\nAsk our neighbour to oppose draft 1 with us."}
    app.match.state = app.match.state  # (the memo of an earlier round, beside this one's)
    from game.ui.scene_memo import MemoScene

    memo = MemoScene(app, "georgia")
    memo.round = 1  # (as if in round 2: round 1's memo is beside it)
    memo.kept = memo.typed = "Two of the undecided may sign with the chair.\nLobby them on peacekeeping & arms."
    app.push(memo)
    shot("memo")
    app.pop()
    app.match.memos.clear()
    from game.ui.scene_quiz import QuizScene

    quiz = QuizScene(app, "georgia")  # the briefing check: a question just answered, not rightly (the why shown)
    app.push(quiz)
    first = quiz.question
    quiz.answer(next(k for k, _ in first.options if k != first.answer))
    shot("quiz")
    for n, q in enumerate(quiz.qs):  # the rest answered, every third not rightly, then the summary
        if q.id not in quiz.answers:
            quiz.go(n)
            quiz.answer(q.answer if n % 3 else next(k for k, _ in q.options if k != q.answer))
    quiz.go(len(quiz.qs))
    shot("quiz-done")
    app.pop()  # (the answers stay: the menu shows the result)
    app.push(S.HelpScene(app))
    shot("help")
    app.pop()
    app.push(S.MenuScene(app))
    shot("menu")
    app.pop()
    app.match.takebacks_off = True  # the menu of a game whose take-backs are off: the item dimmed
    app.push(S.MenuScene(app))
    shot("menu-takebacks-off")
    app.match.takebacks_off = False
    app.push(S.SettingsScene(app))
    shot("settings")
    app.pop()
    app.push(S.SaveLoadScene(app, "save"))
    shot("save")
    app.pop()
    app.pop()
    table.act("walk_out")
    shot("refused-or-walked")
    # play on: Georgia passes every turn; reach the summit
    from game.engine import actions as A
    for step in range(30000):
        m = app.match
        if step == 29999:
            raise RuntimeError(f"devshots: the game did not reach the summit ({m.state.phase}, round "
                               f"{m.state.round + 1}, {len(m.actions)} moves)")
        if m.over or m.state.phase == "signing" and m.human_to_move():
            break
        if m.human_to_move():
            if m.state.phase == "diplomacy":
                st = m.state.actors[m.game.model.actor_index("georgia")]
                m.submit(A.Return("georgia") if st.status != "present" else A.Pass("georgia"))
        table.skip = True
        app.step(1 / 60)
    shot("summit")
    if not app.match.over:
        table.act("decline")
    for _ in range(600):
        app.step(1 / 60)
        if isinstance(app.top, ResultsScene):
            break
    res = app.top
    while not res.cloud.done:
        app.step(1 / 60)
    shot("results")
    res.page = "roles"
    shot("results-roles")
    res.page = "treaty"
    res.request_debrief()
    shot("results-debrief")
    res.watch_again()  # the game move by move: a moment with a fresh draft, then a delegation's view
    replay = app.top
    replay.seek(next((n for n, a in enumerate(app.match.actions) if a.kind == "amend"), 1) + 1)
    shot("replay")
    replay.cycle_view(1)
    replay.seek(replay.total)
    shot("replay-view")
    replay.leave_replay()
    app.push(S.ConfirmQuitScene(app))
    shot("confirm-quit")
    app.pop()
    try:
        raise RuntimeError("an example failure (devshots)")
    except RuntimeError as exc:
        from game.session.crash import write_crash_log

        log = write_crash_log(exc, "devshots")
        app.push(S.ErrorScene(app, exc, log, "draw of the 'table' screen", autosaved=True))
    shot("error")
    app.close()
    facilitator_shots(out, size, large)
    print(f"screens saved in {out}")
    return 0


def facilitator_shots(out: Path, size: str, large: bool) -> None:
    """The facilitator's screen and its overlays."""
    import pygame

    from game.session import facilitator as F
    from game.ui import app as appmod
    from game.ui.scene_facilitator import FacilitatorScene, InjectScene, RoleSecretsScene, RoundsScene, SeatsScene

    app = appmod.build(args_for(size=size, role=["georgia"], facilitator=True), strict=True)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    t = app.find_scene(FacilitatorScene)

    def shot(name: str, frames: int = 3) -> None:
        settle(app, frames)
        pygame.image.save(app.screen, str(out / f"fac-{name}.png"))

    for _ in range(600):
        app.step(1 / 60)
        t.skip = True
        if app.match.human_to_move():
            break
    t.set_minutes(5)
    F.apply_inject(app.match, F.news_inject("Facilitator: the next meeting is postponed",
                                            "An inject typed for the screenshot, not a historical event."))
    shot("table", 30)
    t._set_side("secrets")
    shot("secrets")
    t._set_side("offers")
    shot("offers")
    t._set_side("forecast")
    shot("forecast")
    team = app.match.humans[0] if app.match.humans else None
    if team is not None and app.match.memo_refusal(team) is None:  # a team's memo, as the teacher reads it
        app.match.write_memo(team, "Our plan for this round: table a text with binding guarantees.\n"
                                   "Then ask the undecided delegations to oppose draft 1 with us.")
    t._set_side("memos")
    shot("memos")
    t._set_side("moves")
    app.push(InjectScene(app, t))
    app.top.selected = app.match.scenario.events[1].id if len(app.match.scenario.events) > 1 else None
    shot("inject")
    app.pop()
    app.push(RoleSecretsScene(app, t, "azerbaijan"))
    shot("role")
    app.pop()
    app.push(SeatsScene(app, t))
    shot("seats")
    app.pop()
    t.end_phase()
    for _ in range(600):
        app.step(1 / 60)
        t.skip = True
        if app.match.human_to_move():
            break
    app.push(RoundsScene(app, t))
    shot("rounds")
    app.pop()
    t.ask_end_phase()
    shot("end-phase")
    app.pop()
    t.toggle_pause()
    shot("paused")
    t.toggle_public()
    shot("public")
    app.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
