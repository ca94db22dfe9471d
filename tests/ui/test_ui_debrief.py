"""The results screen writes the debrief report of the finished game (and a facilitated game's
injects are part of it)."""

from __future__ import annotations

import webbrowser

from ui_helpers import click, finish_game, frames, run_until
from game.session import facilitator as F
from game.ui.scene_results import ResultsScene


def _finish(app) -> ResultsScene:
    return finish_game(app)


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
