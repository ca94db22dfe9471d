"""A large conference in the terminal: the status table tells delegations apart even when their
long official names are cut to the same text."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "ui"))

from game.engine.views import make_view  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.scenarios.loader import load_scenario  # noqa: E402
from game.textmode.render import stances_table  # noqa: E402
from test_ui_large_conference import big_scenario  # noqa: E402


def test_status_rows_of_a_large_conference_are_distinct(tmp_path):
    sc = load_scenario(big_scenario(tmp_path, 30, issues=3))
    m = Match(sc, seed=1)
    text = stances_table(make_view(m.game.model, m.state, 1), width=100)
    rows = [line[2:28].strip() for line in text.splitlines()[1:] if line[2:28].strip()
            and not line.startswith(("      ", "("))]
    rows = [r for r in rows if not r.startswith("red lines")]
    assert len(rows) >= 30
    assert len(set(rows)) == len(rows), [r for r in rows if rows.count(r) > 1]
    assert any(r.endswith(")") and "…" in r for r in rows)  # "Democratic Republic… (D02)"
