"""Shared helpers for the text-mode tests: scripted input through ``run_text``."""

from __future__ import annotations

import io
import re
from types import SimpleNamespace

from game.engine import Options
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.textmode.play import run_text

PROMPT = re.compile(r"\[\d\d \w{3} [^\]]*\] [^\n>]*\((?:\d+ AP|signing|answering)\)> ")


def _args(**kw):
    base = {"load": None, "scenario": "cst-1999", "role": ["georgia"], "seed": 3, "events": "historical",
            "difficulty": "normal"}
    base.update(kw)
    return SimpleNamespace(**base)


def play(lines: str, code: int = 0, out: io.StringIO | None = None, **kw) -> str:
    out = io.StringIO() if out is None else out
    assert run_text(_args(**kw), io.StringIO(lines), out) == code
    return out.getvalue()


def _view(scenario="cst-1999", role="georgia", seed=3):
    m = Match(load_scenario(scenario), seed=seed, options=Options(events="historical"),
              seats={role: "human"}, difficulty="normal", scenario_ref=scenario)
    while not m.human_to_move():
        m.step_ai()
    return m.game.view(m.state, role)
