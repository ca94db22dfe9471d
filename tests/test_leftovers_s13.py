"""Session 13: the licence ships with the source and the wheel, and says what it does not cover;
simulate's table rounds a score once."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pyproject() -> dict:
    """The two settings these tests read (tomllib is Python 3.11+, and the suite runs on 3.10)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    licence = re.search(r'^license = \{ text = "([^"]+)" \}$', text, re.M)
    sdist = re.search(r'^\[tool\.hatch\.build\.targets\.sdist\]\ninclude = \[([^\]]*)\]$', text, re.M)
    assert licence and sdist, "pyproject.toml's license or sdist include line changed its form"
    return {"license": licence.group(1), "sdist": re.findall(r'"([^"]+)"', sdist.group(1))}


def test_the_licence_file_is_the_one_pyproject_names(pyproject):
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert pyproject["license"] == "MIT"
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text
    # what it does not cover is named, and each file it points to is there
    for path in ("assets/fonts/OFL.txt", "assets/fonts/OFL-Georgian-Armenian.txt", "assets/fonts/README.md"):
        assert path in " ".join(text.split()) and (ROOT / path).is_file(), path
    assert "seeds/" in text and any((ROOT / "seeds").glob("*.txt"))


def test_the_source_package_holds_every_top_level_part_of_the_project(pyproject):
    """A packager's sdist has what the tests and the docs read (a top-level file left out of the
    include list, as LICENSE was, goes missing from it without an error)."""
    included = set(pyproject["sdist"])
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist holds only what was included)")
    try:
        files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    tops = {line.split("/")[0] for line in files.splitlines()} - {"pyproject.toml"}
    tops = {t for t in tops if not t.startswith(".")}  # .ci, .gitignore: the repository's, not the package's
    assert tops and tops <= included, sorted(tops - included)


def test_simulate_shows_a_seats_score_with_the_digits_of_its_json(capsys, tmp_path):
    """simulate's table showed the JSON's two-decimal mean at one decimal: rounded twice, a single
    game's 41.849 became 41.85 and then 41.9, where the grade sheet of the same game said 41.8."""
    from game.cli import format_report
    from game.report.grades import grade_rows
    from game.session.saves import load_match
    from game.session.simulate import simulate

    report = simulate("cst-1999", runs=1, seed=3, save_dir=tmp_path)
    text = format_report(report)
    match = load_match(tmp_path / "game-00001.json")
    rows = {r["role"]: r for r in grade_rows(match)}
    for actor, mean in report["role_scores"].items():
        line = next(line for line in text.splitlines() if line.split()[:1] == [actor])
        assert line.split()[-1] == f"{mean:.2f}"  # the JSON's digits, not rounded again
        assert abs(float(rows[actor]["score"]) - mean) <= 0.05 + 1e-9  # the sheet's one decimal agrees
