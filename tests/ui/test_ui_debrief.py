"""The results screen writes the debrief report of the finished game (and a facilitated game's
injects are part of it)."""

from __future__ import annotations

import webbrowser

from ui_helpers import click, frames, run_until
from game.session import facilitator as F
from game.ui.scene_results import CloudBuilder, ResultsScene


def _finish(app) -> ResultsScene:
    from game.engine import actions as A

    m = app.match
    while not m.over:
        if m.state.phase == "signing" and m.state.on_table is None:
            if m.human_to_move():
                m.submit(A.PutToSignature(m.to_move, draft=m.state.drafts[-1].id))
            else:
                m.step_ai()
            continue
        F.end_phase(m)
    run_until(app, lambda: isinstance(app.top, ResultsScene), limit=400)
    res = app.top
    res.cloud = CloudBuilder(m, runs=3)  # a short cloud keeps the test fast
    return res


def test_debrief_button_writes_the_report(build_app, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: opened.append(a) or True)
    app = build_app(role=["georgia"], seed=12, facilitator=True)
    run_until(app, lambda: app.match.human_to_move())
    F.apply_inject(app.match, F.news_inject("Facilitator headline XYZ", "Read it out."))
    res = _finish(app)
    click(app, "results:debrief")
    if res.debrief_pending:  # written when the AI-only games are done
        run_until(app, lambda: res.debrief_path is not None or (res.debrief_message or ("", False))[1],
                  limit=3000)
    assert res.debrief_path is not None, res.debrief_message
    from game.session.store import user_data_dir

    path = res.debrief_path
    assert path.parent == user_data_dir() / "debriefs" and path.suffix == ".html"
    html = path.read_text(encoding="utf-8")
    assert "<html" in html.lower() and "Facilitator headline XYZ" in html  # the inject is in the timeline
    assert path.with_suffix(".csv").exists()
    frames(app, 2)
    assert str(path) in (res.debrief_message or ("", False))[0]
    assert opened == []  # never opened in a headless window or a test
