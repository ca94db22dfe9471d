"""Leftovers of an earlier QA round (round s7): the new-scenario template's balance, pointers
to docs/ that an installed user does not have, the authoring guide against the code, and the
text-mode results at narrow widths. (The replay's window texts: tests/ui/test_ui_leftovers_s7.py.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest

from game.console import cells
from game.scenarios.loader import load_scenario, validate
from game.scenarios.template import render_template
from game.session.match import Match

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"
GUIDE = ROOT / "docs" / "scenario-authoring.md"


# --------------------------------------------------------------------------- 2. the template's balance

@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "river-pact.yaml"
    path.write_text(render_template(path), encoding="utf-8")
    return path


def test_the_template_validates_clean_and_every_role_can_score(template) -> None:
    from game.report.balance import balance_report

    scenario, problems = validate(template)
    assert scenario is not None and problems == [], [p.format() for p in problems]
    report = balance_report(scenario, runs=10, seed=1)
    assert not [w for w in report["warnings"] if "cannot score" in w or "scores at most" in w], report["warnings"]
    assert report["warnings"] == []  # a clean example: no warning at all
    for actor in report["actors"]:  # each role meets one of its objectives in some game
        assert any(o["met"] > 0 for o in actor["objectives"]), actor


def test_the_template_explains_the_new_keys_it_uses() -> None:
    text = render_template(Path("x.yaml"))
    assert re.search(r"^  uncertainty: 0\.1 +# ", text, re.M)
    south = text[text.index("  - id: south"):text.index("# Rounds:")]
    assert "level: quotas" in south and "level: commission" in south  # a reachable objective and a stretch


# --------------------------------------------------------------------------- 3. docs/ for an installed user

def _strings(tree: ast.AST):
    """(line, text) of every string a module's code builds (f-strings with '{}' for their
    values), docstrings left out."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    inner = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in inner:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def test_no_user_visible_text_points_to_docs_without_saying_where_they_are() -> None:
    """The wheel ships no docs/: a message, help text, template or schema that names a file under
    docs/ says it is in the source distribution."""
    bad = []
    for path in sorted(GAME.rglob("*.py")):
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            flat = " ".join(text.split())
            for m in re.finditer(r"docs/[\w./-]+", flat):
                if "source distribution" not in flat[m.start():m.end() + 40]:
                    bad.append(f"{path.relative_to(ROOT)}:{line}: ...{flat[max(0, m.start() - 40):m.end() + 40]}...")
    assert not bad, "\n".join(bad)


def test_the_template_schema_and_help_name_what_an_installed_user_has(capsys) -> None:
    from game.cli import main
    from game.scenarios.editor_schema import json_schema_text

    template = render_template(Path("x.yaml"))
    assert "treaty-table schema" in template and "scenario.schema.json beside this file" in template
    for text in (template, json_schema_text()):
        flat = " ".join(text.replace("#", " ").split())
        for m in re.finditer(r"docs/[\w./-]+", flat):
            assert "source distribution" in flat[m.start():m.end() + 40], flat[m.start() - 60:m.end() + 60]
    with pytest.raises(SystemExit):
        main(["simulate", "--help"])
    helptext = " ".join(capsys.readouterr().out.split())
    assert "score_<actor>" in helptext and "docs/cli.md, in the source distribution" in helptext


def test_the_encoding_note_names_no_docs_file() -> None:
    import io

    from game.textmode.play import _encoding_note

    class Ascii(io.StringIO):
        encoding = "ascii"

    sc = load_scenario("cst-1999")
    sc = sc.model_copy(update={"title": "Договор"})
    out = Ascii()
    _encoding_note(sc, out)
    note = " ".join(out.getvalue().split())
    assert note.startswith("Note: this console's character set") and "PYTHONIOENCODING=utf-8." in note
    assert "docs/" not in note


# --------------------------------------------------------------------------- 4. the authoring guide

def _section_5() -> str:
    guide = GUIDE.read_text(encoding="utf-8")
    return " ".join(guide[guide.index("## 5. Checking your work"):guide.index("## 6. ")].split())


def _warnings_checks_can_emit() -> list[tuple[int, str]]:
    """(line, the longest fixed part of its message) of every warning game/scenarios/checks.py makes."""
    import game.scenarios.checks as checks

    out = []
    for node in ast.walk(ast.parse(Path(checks.__file__).read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem"):
            continue
        severity = next((k.value for k in node.keywords if k.arg == "severity"),
                        node.args[3] if len(node.args) > 3 else None)
        if isinstance(severity, ast.Constant) and severity.value == "warning":
            parts = [n.value for n in ast.walk(node.args[0]) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            out.append((node.lineno, " ".join(max(parts, key=len).split())))
    return out


def test_the_guide_lists_every_warning_validate_can_give() -> None:
    warnings = _warnings_checks_can_emit()
    assert len(warnings) >= 20  # the scan finds them
    table = _section_5()
    missing = [f"checks.py:{line}: {text!r}" for line, text in warnings if text not in table]
    assert not missing, "docs/scenario-authoring.md, section 5, has no row for:\n" + "\n".join(missing)
    for new in ("no issue counts in the treaty's depth", "every issue but the sequencing one has weight 0",
                "the only issue is the sequencing issue, which has no depth",
                "every party starts away from the table (status: boycotting) and there is no initial draft"):
        assert new in table, new


def test_the_guide_says_what_promise_weight_1_does() -> None:
    """Under weight 1 the changes are still multiplied by the chair's credibility (engine/utility.py)."""
    from game.engine import Game
    from game.engine.table import build_table
    from game.engine.utility import effective_levels

    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert "effective level = baseline + promise_weight × credibility × (level - baseline)" in guide
    assert "under weight 1 the clause changes are part of what is signed" not in guide
    assert "This holds under weight 1 too" in guide
    sc = load_scenario("cst-1999")
    game = Game(sc)
    m = game.model
    state = game.new(1)
    seq = sc.issues[m.seq]
    full = next(n for n, lv in enumerate(seq.levels) if (lv.promise_weight or 1.0) == 1.0)
    table = build_table(m, state)
    cred = float(table.reliability[state.chair] * table.reputation[state.chair])
    assert cred < 1  # so the test tells "in full" from "times credibility"
    k = next(k for k in range(m.n_issues) if m.promise_mask[k] and m.baseline[k] < len(sc.issues[k].levels) - 1)
    levels = np.array([[int(round(b)) for b in m.baseline]])
    levels[0, m.seq] = full
    levels[0, k] = len(sc.issues[k].levels) - 1
    eff = effective_levels(m, levels, np.array([cred]))[0]
    assert eff[k] == pytest.approx(m.baseline[k] + cred * (levels[0, k] - m.baseline[k]))
    assert f"reliability {sc.actors[state.chair].reliability:g}" in guide  # the guide's worked number


# --------------------------------------------------------------------------- 5. text-mode results, narrow

@pytest.fixture(scope="module", params=["cst-1999", "summit-1999"])
def finished(request):
    m = Match(load_scenario(request.param), seed=2)
    m.run_ai()
    m.seats[m.scenario.actors[-1].id] = "human"  # a "(you)" row and the score explanation
    return m


@pytest.mark.parametrize("width", [30, 40, 60])
def test_every_line_of_the_results_fits_the_width(finished, width) -> None:
    from game.textmode.render import results_text

    text = results_text(finished, width)
    wide = [(cells(line), line) for line in text.splitlines() if cells(line) > width]
    assert not wide, wide
    flat = " ".join(text.split())
    assert "Signatures (reliability; effect on tightness):" in flat and "Clauses (points of tightness):" in flat
    for s in finished.result().treaty.signatures:  # every signature still has its row, with its numbers
        assert f"{s.reliability:.2f}" in text
    human = finished.scenario.actors[-1].name
    assert f"{human} (you): score" in flat
