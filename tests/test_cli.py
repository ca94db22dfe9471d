"""The command line through main(argv): the contract scripts rely on."""

from __future__ import annotations

import io
import json
import sys

import pytest

from game.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_scenarios_lists_builtin(capsys):
    code, out, _ = run(capsys, "scenarios")
    assert code == 0 and "cst-1999" in out


def test_simulate_json_contract_and_determinism(capsys):
    code, out, _ = run(capsys, "simulate", "--scenario", "cst-1999", "--runs", "6", "--seed", "3", "--json")
    assert code == 0
    report = json.loads(out)
    for key in ("scenario", "runs", "seed", "outcomes"):
        assert key in report
    o = report["outcomes"]
    assert set(o["tightness"]) >= {"mean", "p10", "p50", "p90"}
    for key in ("depth", "breadth", "labels", "sequencing", "signed"):
        assert key in o
    assert set(o["signed"]) == {"russia", "belarus", "armenia", "georgia", "azerbaijan", "kazakhstan",
                                "kyrgyzstan", "tajikistan", "uzbekistan"}
    code, again, _ = run(capsys, "simulate", "--runs", "6", "--seed", "3", "--json", "--workers", "2")
    assert again == out  # byte-identical across runs and worker counts


def test_simulate_save_dir_and_replay(capsys, tmp_path):
    code, _, _ = run(capsys, "simulate", "--runs", "2", "--seed", "1", "--save-dir", str(tmp_path))
    saves = sorted(tmp_path.glob("game-*.json"))
    assert code == 0 and len(saves) == 2
    code, out, _ = run(capsys, "replay", str(saves[0]))
    assert code == 0 and "RESULT: tightness" in out and "[private]" not in out
    code, out, _ = run(capsys, "replay", str(saves[0]), "--private")
    assert code == 0


def test_replay_of_broken_save_is_one_clear_error(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "treaty-table-save", "format_versi')
    code, out, err = run(capsys, "replay", str(bad))
    assert code == 1 and err.startswith("error:") and "Traceback" not in err


def test_unknown_scenario_is_a_clear_error(capsys):
    code, _, err = run(capsys, "simulate", "--scenario", "no-such-thing", "--runs", "1")
    assert code == 1 and "no such scenario file or built-in scenario id" in err


def test_bad_runs_is_usage_error(capsys):
    code, _, err = run(capsys, "simulate", "--runs", "0")
    assert code == 2


def test_validate_builtin(capsys):
    code, out, _ = run(capsys, "validate", "scenarios/cst-1999.yaml")
    assert code == 0 and "valid" in out


def test_schema_prints_json(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["$defs"]["Actor"]["additionalProperties"] is False


def test_text_mode_without_display_says_so(monkeypatch, capsys):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "play", "--role", "georgia", "--seed", "1")
    assert code == 0 and "No display found" in err


@pytest.mark.parametrize("argv", [["simulate", "--runs", "x"], ["play", "--difficulty", "godlike"]])
def test_argparse_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
