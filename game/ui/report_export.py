"""Write the debrief report of the finished match from the window (no pygame here).

The report is :mod:`game.report.debrief`'s, built from the match in memory: the
AI-only games the results screen has already played are reused (same seeds as
``treaty-table debrief``), and a facilitated match's injects are replayed with
its moves (:func:`game.session.facilitator.states`), so the stance history
matches what happened at the table.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np

from game.session.match import Match
from game.session.store import write_text_atomic


def debrief_folder() -> Path:
    from game.session.store import user_data_dir

    return user_data_dir() / "debriefs"


def _snapshots(match: Match):
    """The true table at the start of each round and at the end (as ``replay_rounds``), injects included."""
    from game.engine.table import build_table
    from game.report.debrief import Snapshot, replay_rounds
    from game.session import facilitator as F

    rec = F.record_of(match)
    if rec is None or not rec.injects:
        return replay_rounds(match)
    model = match.game.model
    states = F.states(match)

    def label(st) -> str:
        date = model.round_date(st.round)
        return f"R{st.round + 1} {date.day} {date:%b}"

    snaps = [Snapshot(label(states[0]), states[0], build_table(model, states[0], None))]
    for st in states[1:]:
        if st.round != snaps[-1].state.round and not st.ended:
            snaps.append(Snapshot(label(st), st, build_table(model, st, None)))
    last = states[-1]
    snaps.append(Snapshot("Summit" if last.ended else "Now", last, build_table(model, last, None)))
    return snaps


def build(match: Match, ai: list[dict]):
    """The :class:`game.report.debrief.Debrief` of a finished match, with ``ai`` as its AI-only games."""
    from game.report import debrief as R
    from game.report import grades as G
    from game.scoring import history_result

    if not match.over:
        raise ValueError("the game has not ended")
    result = match.result()
    history = history_result(match.game.model)
    ai_means = ({a: float(np.mean([g["scores"][a] for g in ai])) for a in match.game.model.actor_ids}
                if ai else {})
    d = R.Debrief(match, result, history, list(ai), ai_means, _snapshots(match), R.signing_reasons(match),
                  G.grade_rows(match, result, history, ai_means), [])
    d.prompts = R.discussion_prompts(d)
    return d


def slides_path(debrief: Path) -> Path:
    """Where the slides of the debrief report ``debrief`` go: beside it, ``<its name>-slides.html``."""
    return debrief.with_name(debrief.stem + "-slides.html")


def write(match: Match, ai: list[dict], folder: Path | None = None, now: dt.datetime | None = None) -> Path:
    """Write ``debrief-<scenario>-<seed>-<time>.html``, its slides for a projector and the grade sheet
    beside it; returns the report's path."""
    from game.report import debrief as R
    from game.report import grades as G
    from game.report import slides as S

    d = build(match, ai)
    folder = Path(folder) if folder is not None else debrief_folder()
    folder.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now()
    sid = re.sub(r"[^A-Za-z0-9_-]+", "-", match.scenario.id)
    path = folder / f"debrief-{sid}-{match.seed}-{now:%Y%m%d-%H%M%S}.html"
    slides = slides_path(path)
    write_text_atomic(slides, S.render(d))
    write_text_atomic(path, R.render(d, slides=slides.name))
    G.write_grades_csv(d.grades, path.with_suffix(".csv"))
    return path
