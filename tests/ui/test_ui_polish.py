"""Visual polish checked headless: toasts never over controls (one at a time, gone with the
screen, never with a dialog), a new draft's flight ends on its own tab (and screenshots wait for
it), log entries never cut mid-sentence, the summit with large text, labels and badges at
1024x600, the offer dialog's empty state, and the chair's name on the scenario screen."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pygame
import pytest

from ui_helpers import click, frames, run_until
from game.ui import draw as D
from game.ui import presenters as P
from game.ui.scene_table import OfferScene, TableScene
from game.ui.scenes import ConfirmScene, ErrorScene, HelpScene, ScenarioScene


def _set_text(app, scale: str) -> None:
    app.settings.font_scale = scale
    app.rescale(rebuild_gui=True)


def _table_app(build_app, size="1280x720", scale="normal", **kw):
    app = build_app(role=["georgia"], seed=7, size=size, **kw)
    _set_text(app, scale)
    if not kw.get("facilitator"):
        click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    table = app.find_scene(TableScene)
    table.anims.clear()
    frames(app, 2)
    return app, table


def _toast_region(app):
    return app.top.ui.find("toast")


def _controls(app):
    """Every region that reacts to a click or the wheel on the top screen, but the toast."""
    return [r for r in app.top.ui.regions if r.name != "toast" and (r.on_click or r.on_wheel or r.on_right)]


# --------------------------------------------------------------------------- 1. toasts

def test_one_toast_at_a_time_the_newest_replaces_it(build_app):
    app, table = _table_app(build_app)
    app.toast("First message")
    frames(app, 2)
    assert _toast_region(app).tooltip.startswith("First message")
    app.toast("Second message")
    app.toast("Third message")  # only the newest waits
    assert [t.message for t in app.toasts] == ["First message", "Third message"]
    frames(app, 2)
    assert _toast_region(app).tooltip.startswith("First message")  # shown for a moment first
    frames(app, int(app.MIN_TOAST_S * 60) + 2)
    assert _toast_region(app).tooltip.startswith("Third message")
    assert sum(1 for r in app.top.ui.regions if r.name == "toast") == 1
    frames(app, 5 * 60)
    assert _toast_region(app) is None and not app.toasts


def test_a_toast_is_dismissed_by_a_click(build_app):
    app, table = _table_app(build_app)
    app.toast("Click me away")
    frames(app, 2)
    click(app, "toast")
    assert _toast_region(app) is None and not app.toasts


@pytest.mark.parametrize("size,scale", [("1024x600", "normal"), ("1280x720", "normal"), ("1920x1080", "large")])
def test_toasts_never_cover_controls(build_app, size, scale):
    app, fac = _table_app(build_app, size, scale, facilitator=True)
    fac.toggle_pause()  # "Paused: ..." (the toast of the QA report)
    frames(app, 2)
    long = ("Back at the start of round 2. The game you left is kept as /tmp/some/long/folder/autosaves/"
            "branch-cst-1999-r2-20261130-070559.json. The game is paused (F2 resumes).")
    for message in (None, long):
        if message:
            app.toasts.clear()
            app.toast(message)
            frames(app, 2)
        toast = _toast_region(app)
        assert toast is not None
        for r in _controls(app):
            assert not toast.rect.colliderect(r.rect), f"the toast covers {r.name}"
        L = fac.layout(*app.screen.get_size())
        for part in ("table", "action", "controls", "side"):
            assert not toast.rect.colliderect(L[part]), f"the toast covers the {part}"


def test_toasts_are_dropped_when_a_screen_or_a_dialog_opens(build_app):
    app, fac = _table_app(build_app, facilitator=True)
    fac.end_phase()  # "Phase ended: ..."
    assert app.toasts
    fac.ask_end_phase()  # a dialog: no toast over or under it
    assert isinstance(app.top, ConfirmScene) and not app.toasts
    frames(app, 2)
    assert _toast_region(app) is None
    app.pop()
    app.toast("Debrief report: /some/path.html")
    try:
        raise RuntimeError("a test failure")
    except RuntimeError as exc:
        app.push(ErrorScene(app, exc, None, "draw of the 'table' screen", autosaved=False))
    frames(app, 2)
    assert not app.toasts and _toast_region(app) is None


def test_a_toast_waits_while_a_dialog_is_up(build_app):
    app, table = _table_app(build_app)
    app.push(HelpScene(app))
    app.toast("Said while the help was up")
    frames(app, 30)
    assert _toast_region(app) is None and app.toasts[0].shown_at is None  # waits (its time too)
    app.pop()
    frames(app, 2)
    assert _toast_region(app).tooltip.startswith("Said while the help was up")


def test_the_debrief_path_is_shown_once(build_app, monkeypatch):
    import webbrowser

    from test_ui_debrief import _finish

    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: True)
    app = build_app(role=["georgia"], seed=12, facilitator=True, record_text=True)
    run_until(app, lambda: app.match.human_to_move())
    res = _finish(app)
    run_until(app, lambda: res.cloud.done, limit=3000)
    click(app, "results:debrief")
    assert res.debrief_path is not None
    frames(app, 2)
    path = str(res.debrief_path)
    assert sum(s.count(path) for s in app.recorded) == 1  # in the message line, not again in a toast
    assert not app.toasts and _toast_region(app) is None


# --------------------------------------------------------------------------- 2. the draft's flight

def test_a_new_draft_flies_into_its_own_tab_and_screenshots_wait(build_app):
    app, table = _table_app(build_app)
    app.settings.ai_speed = "slow"  # the next AI move waits longer than the flight
    click(app, "cell:2:1")
    click(app, "action:table")
    new = max(d.id for d in app.match.state.drafts)
    assert ("draft", new) in table.anims and not table.settled()
    shots = app.shots_dir = Path(tempfile.mkdtemp())
    table.ready_for_shot = lambda: True  # only the flight may hold the screenshot back
    app._maybe_shoot()
    assert app.shots_taken == [] and not list(shots.iterdir())
    app.shots_dir = None
    start, who = table.anims[("draft", new)]
    src = table.card_rects[who]
    end = table.sheet_rect(new, src, 1.0)
    assert end == table.tab_rects[new]  # it comes to rest on its tab, over nothing else
    for aid, card in table.card_rects.items():
        assert not end.colliderect(card), aid
    frames(app, int(table.DRAFT_FLIGHT_S * 60) + 2)
    assert table.settled() and ("draft", new) not in table.anims
    app.shots_dir = shots
    app._maybe_shoot()
    assert app.shots_taken == ["table"] and len(list(shots.iterdir())) == 1


def test_devshots_settle_waits_for_the_animations(build_app):
    from game.ui.devshots import settle

    app, table = _table_app(build_app)
    app.settings.ai_speed = "slow"
    click(app, "cell:2:1")
    click(app, "action:table")
    assert not table.settled()
    settle(app, 1)
    assert all(s.settled() for s in app.scenes)


# --------------------------------------------------------------------------- 3. the log

def test_log_entries_are_never_cut(build_app):
    app, table = _table_app(build_app)
    detail = " ".join(f"Sentence number {n} of a long report from the wire services." for n in range(8))
    e = P.LogLineVM(3, 0, "event", "A long headline that wraps onto a second line in a narrow log panel", False,
                    detail)
    width = 300
    s = table._log_item(e, width)
    f = app.fonts
    tag_w = f.get("tiny", True).size("R00")[0] + max(9, f.px(9)) + 10
    lines = D.wrap(f.get("small", True), e.text, width - tag_w)
    details = D.wrap(f.get("tiny"), detail, width - tag_w)
    assert len(details) > 3
    assert s.get_height() >= lines.__len__() * f.line_height("small", True) + len(details) * f.line_height("tiny")


def test_the_log_cache_keeps_the_views_apart(build_app):
    app, table = _table_app(build_app)
    a = P.LogLineVM(5, 0, "move", "Belarus amends draft 2", False)
    b = P.LogLineVM(5, 0, "move", "Armenia amends draft 2 as draft 4: a different line", False)
    assert table._log_item(a, 300) is not table._log_item(b, 300)


# --------------------------------------------------------------------------- 4. the summit with large text

def test_summit_with_large_text_at_1920(build_app):
    from game.engine import actions as A

    app = build_app(role=["georgia"], seed=7, size="1920x1080", record_text=True)
    _set_text(app, "large")
    click(app, "brief:done")
    m = app.match
    fac = app.find_scene(TableScene)
    for _ in range(3000):  # Georgia passes; the AI tables its drafts and brings the summit
        if m.over or (m.state.phase == "signing" and m.human_to_move()):
            break
        if m.human_to_move():
            st = m.state.actors[m.game.model.actor_index("georgia")]
            m.submit(A.Return("georgia") if st.status != "present" else A.Pass("georgia"))
        fac.skip = True
        app.step(1 / 60)
    assert m.state.phase == "signing" and m.state.on_table is not None and len(m.state.drafts) > 2
    fac.anims.clear()
    frames(app, 2)
    assert fac.compact()
    texts = list(app.text_rects)
    # every name card shows its delegate's name (whole or cut with "...")
    for d in fac.vm.delegates:
        card = fac.card_rects[d.id]
        shown = [s for s, r in texts if card.contains(r)]
        assert any(d.delegate.startswith(s.rstrip(".")) and len(s.rstrip(".")) >= 6 for s in shown), (d.id, shown)
    # the signing row: whole names, never "Azerbai..."
    for r in fac.ui.regions:
        if r.name.startswith("signature:"):
            label = [s for s, tr in texts if r.rect.contains(tr)]
            assert label and not any(s.endswith("...") for s in label), label
    # the other drafts' marks never cover a level's name
    assert fac.mark_rects
    for cell, mark in fac.mark_rects:
        for s, r in texts:
            assert not mark.colliderect(r), f"a mark in {cell} covers '{s}'"


# --------------------------------------------------------------------------- 5. 1024x600

def test_labels_and_badges_fit_at_1024x600(build_app):
    app = build_app(role=["georgia"], seed=7, size="1024x600", record_text=True)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    table = app.find_scene(TableScene)
    table.anims.clear()
    frames(app, 2)
    texts = list(app.text_rects)
    for r in table.ui.regions:
        if r.name.startswith("action:"):
            inside = [s for s, tr in texts if r.rect.contains(tr)]
            assert inside and not any(s.endswith("...") for s in inside), (r.name, inside)
    badges = [r for r in table.ui.regions if r.name.startswith("forecast:")]
    assert badges
    for b in badges:
        initials = [(s, tr) for s, tr in texts if b.rect.colliderect(tr)]
        assert initials, b.name
        for s, tr in initials:
            assert tr.width <= b.rect.width - 2, (b.name, s, tr, b.rect)
        assert min(tr.height for _, tr in initials) >= 9


def test_a_button_drops_its_key_hint_before_cutting_its_label(build_app):
    app, table = _table_app(build_app, "1024x600")
    ui = table.ui
    font, key, whole = ui.fit_label(pygame.Rect(0, 0, 400, 30), "Communique", "small", True, "C")
    assert key and whole
    narrow = pygame.Rect(0, 0, app.fonts.get("small", True).size("Communique")[0] + 16, 30)
    font, key, whole = ui.fit_label(narrow, "Communique", "small", True, "C")
    assert not key and whole and font is app.fonts.get("small", True)
    tiny = pygame.Rect(0, 0, app.fonts.get("tiny", True).size("Communique")[0] + 14, 30)
    font, key, whole = ui.fit_label(tiny, "Communique", "small", True, "C")
    assert whole and font is app.fonts.get("tiny", True)


# --------------------------------------------------------------------------- 6. the offer dialog

def test_offer_dialog_says_why_nothing_can_go_to_this_delegation(build_app):
    app, table = _table_app(build_app)
    kinds = table.vm.offer_kinds
    assert kinds and all(k.to and "russia" not in k.to for k in kinds)  # the QA case: nothing for Russia
    app.push(OfferScene(app, table, "russia"))
    frames(app, 2)
    dialog = app.top
    make = dialog.ui.find("offer:make")
    assert make is not None and not make.enabled
    assert "Russia" in make.tooltip and "None of your offers" in make.tooltip
    before = len(app.match.actions)
    click(app, "offer:make")
    assert len(app.match.actions) == before and app.top is dialog
    receiver = kinds[0].to[0]
    click(app, f"offer:to:{receiver}")
    assert dialog.target == receiver and dialog.ui.find("offer:make").enabled


# --------------------------------------------------------------------------- 7. the scenario screen

def test_scenario_screen_names_the_chair(build_app):
    app = build_app()
    app.push(ScenarioScene(app))
    frames(app, 3)
    sc = app.top.scenario
    chair = next(a for a in sc.actors if a.id == sc.chair)
    text = " ".join(t for _, t in ScenarioScene.doc_blocks(sc))
    assert f"{chair.name} chairs." in text and f"{chair.id} chairs" not in text


@pytest.mark.parametrize("size", ["1024x600", "1920x1080"])
def test_text_entries_follow_the_text_size(build_app, size):
    app = build_app(size=size)
    app.push(ScenarioScene(app))
    frames(app, 2)
    entry = app.top.entries["path"]
    assert abs(entry.font.point_size - app.fonts.px("body")) <= 1



def test_cached_ellipsize_matches_the_plain_cut(build_app):
    """``draw.ellipsize`` is cached per (font, text, width): every cut equals the plain one,
    the ellipsis is added only when the text does not fit, and a cut never overflows."""
    build_app()
    font = pygame.font.Font(None, 18)
    for width in range(0, 320, 9):
        for s in ("", "Collective Security Treaty", "Kyrgyzstan " * 6, "x" * 90):
            cut = D.ellipsize(font, s, width)
            assert cut == D.ellipsize(font, s, width)  # the cached answer
            if width <= 0:
                assert cut == ""
                continue
            assert cut == D._ellipsize(font, s, width)
            assert cut == s or cut.endswith("...")
            assert cut == s or font.size(cut)[0] <= width or cut == "..."


def test_chart_labels_of_history_and_this_game_never_overlap(build_app):
    """The depth-breadth chart's two labels: with the game's star and history's diamond close
    together (the same breadth at the right edge, where both labels used to go left; a corner),
    the labels are clear of each other and of both marks, inside the chart."""
    import pygame

    from game.ui.scene_results import ResultsScene

    app = build_app()
    font = app.fonts.get("small", True)
    within = pygame.Rect(0, 0, 600, 400)
    for game_at, hist_at in (((590, 200), (590, 212)), ((300, 200), (300, 200)), ((300, 200), (290, 205)),
                             ((10, 390), (14, 386)), ((590, 10), (586, 14))):
        marks = [pygame.Rect(game_at[0] - 13, game_at[1] - 13, 26, 26),
                 pygame.Rect(hist_at[0] - 10, hist_at[1] - 10, 20, 20)]
        h, g = ResultsScene.place_chart_labels(font, [("history", hist_at, 14, ("left", "right", "above", "below")),
                                                      ("this game", game_at, 16, ("right", "left", "above",
                                                                                  "below"))], within, marks)
        assert not g.colliderect(h), (game_at, hist_at, g, h)
        assert within.contains(g) and within.contains(h)
        assert not any(r.colliderect(m) for r in (g, h) for m in marks), (game_at, hist_at, g, h)
