"""A short run of the fuzzing harness (tests/fuzz): a few hundred inputs per loader.

The long runs (100,000 inputs each, see docs/security.md) are::

    .venv/bin/python tests/fuzz/run.py --target scenario --inputs 100000
    .venv/bin/python tests/fuzz/run.py --target save --inputs 100000
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
import harness


@pytest.fixture(autouse=True)
def _restore_the_scenario_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """The save target memoises saves.load_scenario for speed; undo that after each test."""
    from game.session import saves

    monkeypatch.setattr(saves, "load_scenario", saves.load_scenario)


def _run(target_name: str, tmp_path: Path, inputs: int, engine: str, seed: int = 7) -> harness.Runner:
    target = harness.make_target(target_name, tmp_path / "work", seed)
    runner = harness.Runner(target, tmp_path / "findings", slow_seconds=20)
    if engine == "hypothesis":
        harness.run_hypothesis(runner, inputs, seed)
    else:
        harness.run_random(runner, inputs, seed)
    return runner


def _no_findings(runner: harness.Runner) -> None:
    found = [f"{f.signature} (x{f.count}): {f.message}\n{f.trace}" for f in runner.findings.values()]
    assert not found, "\n\n".join(found)


def test_scenario_loader_short_fuzz(tmp_path: Path) -> None:
    runner = _run("scenario", tmp_path, 80, "random")
    _no_findings(runner)
    assert runner.stats.inputs == 80
    assert runner.stats.outcomes.get("refused", 0) > 0


def test_scenario_loader_short_fuzz_with_hypothesis(tmp_path: Path) -> None:
    runner = _run("scenario", tmp_path, 40, "hypothesis")
    _no_findings(runner)
    assert runner.stats.inputs >= 40


def test_save_loader_short_fuzz(tmp_path: Path) -> None:
    runner = _run("save", tmp_path, 300, "random")
    _no_findings(runner)
    outcomes = runner.stats.outcomes
    assert outcomes.get("SaveCorrupt", 0) and outcomes.get("SaveTampered", 0)
    assert outcomes.get("loaded", 0) + outcomes.get("loaded-over", 0) > 0  # hand edits that still replay


@pytest.mark.parametrize("name", ["scenario", "save"])
def test_the_harness_reports_an_unexpected_exception(tmp_path: Path, name: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = harness.make_target(name, tmp_path / "work", 1)
    runner = harness.Runner(target, tmp_path / "findings")

    def broken(*args: object, **kwargs: object) -> None:
        raise IndexError("planted bug")

    if name == "scenario":
        monkeypatch.setattr("game.scenarios.loader.check_scenario", broken)
        runner.one(target.seeds()[0])
    else:
        monkeypatch.setattr("game.session.match.Match.from_payload", broken)
        runner.one(target.seeds()[0])
    [finding] = runner.findings.values()
    assert finding.kind == "IndexError" and "planted bug" in finding.message
    assert list((tmp_path / "findings").glob("*.bin"))


def test_reading_outside_the_allowed_folders_is_a_finding(tmp_path: Path) -> None:
    target = harness.make_target("scenario", tmp_path / "work", 1)
    runner = harness.Runner(target)
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")

    from game.scenarios import loader

    real = loader.validate

    def leaky(ref):  # reads a file it has no business reading, then validates as usual
        outside.read_bytes()
        return real(ref)

    loader_validate = loader.validate
    loader.validate = leaky
    try:
        runner.one(b"a: 1\n")
    finally:
        loader.validate = loader_validate
    [finding] = runner.findings.values()
    assert "read outside the allowed folders" in finding.message
