"""``treaty-table validate``: every kind of problem, with its exact line, column and message.

Each case edits one small valid scenario and checks the whole output of the
command, so a moved column or a reworded hint shows up here. ``play`` and
``simulate`` run the same validation and must show the same lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main

BASE = """\
id: three
version: "1"
title: Three parties
description: A small test scenario.
chair: north
start: 2025-01-01
deadline: 2025-03-31
issues:
  - id: water
    name: Water
    levels:
      - {id: free, name: Free, depth: 0.1}
      - {id: quotas, name: Quotas, depth: 0.6}
actors:
  - id: north
    name: Northland
    short: NL
    colour: "#112233"
    delegate: {name: Minister}
    capability: 0.6
    reliability: 0.8
    outside_option: 0.4
    positions:
      water: {ideal: 0, salience: 0.8}
    objectives:
      - {id: sign, description: Sign., kind: signs}
  - id: south
    name: Southland
    short: SL
    colour: "#445566"
    delegate: {name: Envoy}
    capability: 0.4
    reliability: 0.7
    outside_option: 0.4
    positions:
      water: {ideal: 1, salience: 0.7}
    affinities: {north: 0.2}
rounds:
  - {id: r1, date: 2025-02-01, name: Talks, communique: true}
  - {id: r2, date: 2025-03-01, name: Summit, final: true}
events:
  - id: flood
    date: 2025-02-15
    title: A flood
    effects:
      - {actor: south, field: salience, issue: water, delta: 0.1}
"""


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def run(tmp_path: Path, capsys: pytest.CaptureFixture, text: str, *argv: str) -> tuple[int, list[str], str]:
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    code = main(["validate", str(tmp_path / "s.yaml"), *argv])
    out = capsys.readouterr()
    prefix = str(tmp_path) + "/"
    return code, [line.replace(prefix, "") for line in out.out.splitlines()], out.err


def test_the_base_scenario_is_valid(tmp_path, capsys) -> None:
    code, lines, _ = run(tmp_path, capsys, BASE)
    assert (code, lines) == (0, ["s.yaml: valid (three v1)"])


CASES = {
    "unknown key, with the nearest valid name": (
        edit("    capability: 0.6", "    capabilty: 0.6"),
        # one typo, one message: the misspelt key is not also reported as a missing 'capability'
        ["s.yaml:20:5: unknown key 'capabilty' (hint: did you mean 'capability'?)"]),
    "wrong type": (
        edit("    capability: 0.4", "    capability: high"),
        ["s.yaml:32:17: expected a number, got text 'high' (hint: write a number in digits, e.g. 0.5)"]),
    "out of range": (
        edit("    reliability: 0.8", "    reliability: 1.8"),
        ["s.yaml:21:18: reliability must be between 0 and 1, got 1.8 "
         "(hint: change it to a number between 0 and 1)"]),
    "duplicate key": (
        edit("    name: Southland\n", "    name: Southland\n    name: Southland again\n"),
        ["s.yaml:29:5: duplicate key 'name' (first at line 28) (hint: each key may appear only once in a mapping)"]),
    "YAML 1.1 boolean as an id": (
        edit("{id: free, name: Free", "{id: no, name: Free"),
        ["s.yaml:12:14: expected text, got false (hint: YAML read `no` as a boolean; write it in quotes: \"no\")"]),
    "YAML 1.1 boolean as a key": (
        edit("    affinities: {north: 0.2}", "    affinities: {on: 0.2}"),
        ["s.yaml:37:18: expected text, got true (hint: YAML read `on` as a boolean; write it in quotes: \"on\")"]),
    "unknown actor": (
        edit("chair: north", "chair: nort"),
        ["s.yaml:5:8: unknown actor 'nort' (hint: did you mean 'north'?)"]),
    "unknown issue in an event": (
        edit("field: salience, issue: water", "field: salience, issue: waters"),
        ["s.yaml:46:48: unknown issue 'waters' (hint: did you mean 'water'?)"]),
    "unknown level in an objective": (
        edit("{id: sign, description: Sign., kind: signs}",
             "{id: water, description: Quotas., kind: issue_at_least, issue: water, level: quota}"),
        ["s.yaml:26:86: issue 'water' has no level 'quota' (hint: did you mean 'quotas'?)"]),
    "duplicate event id": (
        BASE + "  - {id: flood, date: 2025-02-20, title: Another flood}\n",
        ["s.yaml:47:10: duplicate event id 'flood' (hint: ids must be unique)"]),
    "rounds out of order": (
        edit("{id: r2, date: 2025-03-01", "{id: r2, date: 2025-01-15"),
        ["s.yaml:40:20: round 'r2' (2025-01-15) is dated before the round before it (2025-02-01) "
         "(hint: list rounds in date order)",
         "s.yaml:43:11: warning: event 'flood' is dated 2025-02-15, after the final round (2025-02-01); it "
         "will never fire (hint: events fire at the first round on or after their date)"]),
    "deadline before the start": (
        edit("deadline: 2025-03-31", "deadline: 2024-12-31"),
        ["s.yaml:7:11: the deadline (2024-12-31) is before the start (2025-01-01) (hint: set 'deadline' "
         "to a date on or after the start (2025-01-01), or move 'start' earlier)",
         "s.yaml:40:20: the final round (2025-03-01) is after the deadline (2024-12-31) (hint: date the "
         "final round on or before the deadline (2024-12-31), or move 'deadline' later)"]),
    "an objective that can never be met (no communique meeting)": (
        edit("{id: sign, description: Sign., kind: signs}", "{id: talk, description: Talk., kind: communique}",
             edit(", communique: true}", "}")),
        ["s.yaml:26:9: objective 'talk' can never be met: no round has 'communique: true' "
         "(hint: set communique: true on a round where the chair may call for one)"]),
    "an objective that can never be met (tightness)": (
        edit("{id: sign, description: Sign., kind: signs}",
             "{id: tight, description: Tight., kind: tightness_at_least, value: 95}"),
        ["s.yaml:26:75: objective 'tight' can never be met: the tightest possible treaty scores at most 66.0 "
         "(hint: use a value of 66 or less)"]),
    "red lines that exclude every level": (
        edit("    affinities: {north: 0.2}\n",
             "    affinities: {north: 0.2}\n    red_lines:\n      - {issue: water, at_least: quotas}\n"
             "      - {issue: water, at_most: free}\n"),
        ["s.yaml:40:9: the red lines of 'south' on 'water' exclude every level: it can never sign "
         "(hint: an at_least level must not be above the at_most level)"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_kind_of_error(tmp_path, capsys, name: str) -> None:
    text, expected = CASES[name]
    code, lines, _ = run(tmp_path, capsys, text)
    assert code == 1
    assert lines[:-1] == expected
    n = sum(": warning: " not in line for line in expected)
    w = len(expected) - n
    assert lines[-1] == f"s.yaml: invalid, {n} error{'s' * (n != 1)}" + (f", {w} warning{'s' * (w != 1)}" if w else "")


def test_warnings_are_marked_and_do_not_fail(tmp_path, capsys) -> None:
    text = edit("      water: {ideal: 1, salience: 0.7}", "      water: {ideal: 1, salience: 1.0}")
    text = edit("    date: 2025-02-15", "    date: 2025-04-15", text)
    code, lines, _ = run(tmp_path, capsys, text)
    assert code == 0
    assert lines == [
        "s.yaml:27:5: warning: nobody can influence 'south': every salience is 1 (lobbying has no effect) "
        "and no offer can go to it (hint: lower a salience below 1, or give another actor an offer it can "
        "receive)",
        "s.yaml:43:11: warning: event 'flood' is dated 2025-04-15, after the final round (2025-03-01); it "
        "will never fire (hint: events fire at the first round on or after their date)",
        "s.yaml: valid (three v1), 2 warnings",
    ]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path, capsys) -> None:
    text = edit("    capability: 0.4", "    capability: high", edit("    reliability: 0.8", "    reliability: 1.8"))
    code, lines, _ = run(tmp_path, capsys, text)
    assert code == 1 and len(lines) == 3 and lines[-1] == "s.yaml: invalid, 2 errors"


def test_usage_errors_exit_2(tmp_path, capsys) -> None:
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file or built-in scenario id" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2
    (tmp_path / "empty").mkdir()
    assert main(["validate", str(tmp_path / "empty")]) == 2


def test_several_files_and_folders(tmp_path, capsys) -> None:
    (tmp_path / "a.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(edit("chair: north", "chair: nort"), encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "a.yaml: valid" in out and "b.yaml: invalid, 1 error" in out
    assert main(["validate", "cst-1999", str(tmp_path / "a.yaml")]) == 0


@pytest.mark.parametrize("command", [["simulate", "--runs", "1", "--scenario"], ["play", "--text", "--scenario"]])
def test_play_and_simulate_show_the_same_messages(tmp_path, capsys, command) -> None:
    text = edit("    capability: 0.4", "    capability: high", edit("chair: north", "chair: nort"))
    code, lines, _ = run(tmp_path, capsys, text)
    assert code == 1
    path = str(tmp_path / "s.yaml")
    assert main(command + [path]) == 1
    err = capsys.readouterr().err.replace(str(tmp_path) + "/", "")
    assert err.splitlines() == ["error: the scenario has problems:"] + lines[:-1]


def test_simulate_prints_the_warnings_of_a_valid_scenario(tmp_path, capsys) -> None:
    (tmp_path / "s.yaml").write_text(edit("    date: 2025-02-15", "    date: 2025-04-15"), encoding="utf-8")
    assert main(["simulate", "--runs", "1", "--json", "--scenario", str(tmp_path / "s.yaml")]) == 0
    out = capsys.readouterr()
    assert "warning: event 'flood' is dated 2025-04-15" in out.err
    assert '"runs": 1' in out.out
