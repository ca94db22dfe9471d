"""Leftovers of an earlier QA round (round s8): the printed replay in a narrow terminal, line
breaks at hyphens, and the debrief's two-party bargaining chart in an AI-only game. (The
window's: tests/ui/test_ui_leftovers_s8.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.console import cells, fill, wrap
from game.engine import Options
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.session.saves import save_match


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    """The AI-only cst-1999 game of ``simulate --runs 1 --seed 3 --save-dir DIR``."""
    folder = tmp_path_factory.mktemp("s8")
    assert main(["simulate", "--runs", "1", "--seed", "3", "--save-dir", str(folder)]) == 0
    return folder / "game-00001.json"


WIDE = """\
extends: cst-1999
id: cst-1999-wide-s8
version: "1.0"
title: Wide
actors:
  - {id: georgia, name: 格鲁吉亚共和国, short: 格}
  - {id: russia, name: 俄罗斯联邦, short: 俄}
issues:
  - id: sequencing
    name: 顺序与期限
"""


@pytest.fixture(scope="module")
def wide_save(tmp_path_factory) -> Path:
    """A finished AI-only game of a scenario with Chinese names (two cells a letter)."""
    folder = tmp_path_factory.mktemp("s8wide")
    (folder / "wide.yaml").write_text(WIDE, encoding="utf-8")
    m = Match(load_scenario(folder / "wide.yaml"), seed=5, options=Options(events="historical"),
              seats={}, difficulty="easy", scenario_ref=str(folder / "wide.yaml"))
    while not m.over:
        m.step_ai()
    save_match(m, folder / "game.json")
    return folder / "game.json"


def _entries(out: str) -> list[list[str]]:
    """The log of a printed replay: each entry's lines (its first line starts with 'rN ')."""
    body = out.split("\n\n")[1]
    entries: list[list[str]] = []
    for line in body.splitlines():
        if re.match(r"r\d+ ", line):
            entries.append([line])
        else:
            entries[-1].append(line)
    return entries


# --------------------------------------------------------------------------- 1. the replay in a narrow terminal

@pytest.mark.parametrize("private", [False, True])
@pytest.mark.parametrize("columns", [40, 57])
def test_the_printed_replay_fits_a_narrow_terminal(saved, capsys, monkeypatch, private, columns) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, "replay", saved, *(["--private"] if private else []))
    assert code == 0
    wide = [line for line in out.splitlines() if cells(line) > columns]
    assert wide == [], wide
    entries = _entries(out)
    assert any(len(e) > 1 for e in entries)  # long entries were wrapped, not cut
    assert ("[private]" in out) == private
    for entry in entries:  # the next lines hang under the entry's text, past "r3 " / "r3 [private] "
        tag = re.match(r"r\d+ (\[private\] )?", entry[0]).group(0)
        assert all(line.startswith(" " * len(tag)) and line[len(tag)] != " " for line in entry[1:]), entry
    assert "RESULT: tightness" in out


def test_the_printed_replay_keeps_every_word(saved, capsys, monkeypatch) -> None:
    from game.session.saves import load_match

    monkeypatch.setenv("COLUMNS", "40")
    out = run(capsys, "replay", saved, "--private")[1]
    texts = [" ".join(" ".join(e).split()[1:]).replace("[private] ", "", 1) for e in _entries(out)]
    assert texts == [" ".join(e.text.split()) for e in load_match(saved).state.log]


def test_the_printed_replay_is_100_columns_when_not_a_terminal(saved, capsys, monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # capsys: the output is not a terminal
    out = run(capsys, "replay", saved)[1]
    assert max(cells(line) for line in out.splitlines()) <= 100
    assert any(cells(line) > 90 for line in out.splitlines())  # the lines use that width


def test_the_printed_replay_counts_wide_letters(wide_save, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _ = run(capsys, "replay", wide_save, "--private")
    assert code == 0 and "俄罗斯联邦" in out
    wide = [line for line in out.splitlines() if cells(line) > 40]
    assert wide == [], wide


# --------------------------------------------------------------------------- 2. no line breaks at hyphens

def _hyphen_breaks(lines: list[str]) -> list[tuple[str, str]]:
    """Pairs of lines where a word was broken after its hyphen ("Non-" | "alliance")."""
    return [(a, b) for a, b in zip(lines, lines[1:]) if re.search(r"\w-$", a) and re.match(r"\s*\w", b)]


@pytest.mark.parametrize("width", [18, 19, 20, 24, 30])
def test_the_wrapper_never_breaks_at_a_hyphen(width) -> None:
    text = "put cst-1999 Sheiman-Sheimanov adapt-first prolong-first Non-alliance (Art. 1) Шеварднадзе-Иванов"
    for lines in (wrap(text, width), fill(text, width, initial_indent="  r3 ", subsequent_indent="     ").split("\n")):
        assert _hyphen_breaks(lines) == [], lines
        assert all(cells(line) <= width for line in lines)
    for word in ("cst-1999", "Sheiman-Sheimanov", "adapt-first", "prolong-first", "Non-alliance", "Шеварднадзе-Иванов"):
        assert any(word in line for line in wrap(text, width)), word  # every one fits the line: kept whole
    long = "Sheiman-Sheimanov-Sheimanski"  # longer than the line: still cut, nothing lost
    assert "".join(wrap(long, 12)) == long and all(cells(line) <= 12 for line in wrap(long, 12))


def test_the_replay_never_breaks_at_a_hyphen(saved, capsys, monkeypatch) -> None:
    for columns in (40, 47, 53, 61):
        monkeypatch.setenv("COLUMNS", str(columns))
        lines = run(capsys, "replay", saved, "--private")[1].splitlines()
        assert _hyphen_breaks(lines) == [], (columns, _hyphen_breaks(lines))


def test_the_text_mode_never_breaks_at_a_hyphen(monkeypatch) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from textmode_helpers import play

    for columns in (40, 44, 52):
        monkeypatch.setenv("COLUMNS", str(columns))
        out = play("brief\nhelp\ndrafts\nstatus\nforecast\nsource\ncalendar\noffers\ntable 0 0 0 0 0 0 0\n"
                   "draft 2\nlog 60\nquit\n")
        assert _hyphen_breaks(out.splitlines()) == [], (columns, _hyphen_breaks(out.splitlines()))


@pytest.mark.parametrize("command", ["", "play", "simulate", "replay", "strength", "briefs", "debrief",
                                     "grades", "validate", "balance", "new-scenario"])
def test_the_command_help_never_breaks_at_a_hyphen(command, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    with pytest.raises(SystemExit) as done:
        main(([command] if command else []) + ["--help"])
    assert done.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert _hyphen_breaks(lines) == [], _hyphen_breaks(lines)



# --------------------------------------------------------------------------- 5. the bargaining chart of an AI-only game

@pytest.fixture(scope="module")
def ai_game():
    from game.scoring.result import final_outcome

    m = Match(load_scenario("cst-1999"), seed=3, options=Options(events="historical"))
    m.run_ai()
    table, out, _ = final_outcome(m.game.model, m.state)
    return m, table, out


def _gap(model, table, chair):
    sal = table.salience
    return (abs(table.ideal - table.ideal[chair]) / model.span * sal).sum(axis=1) / sal.sum(axis=1)


def test_an_ai_only_game_draws_the_bargain_with_the_farthest_signatory(ai_game) -> None:
    from game.report.debrief import chart_pair

    m, table, out = ai_game
    model = m.game.model
    assert m.humans == [] and out.treaty.in_force
    gap = _gap(model, table, out.author)
    parties = [i for i in range(model.n_actors) if i != out.author and model.status[i] != "non_party"]
    farthest = max(parties, key=lambda i: gap[i])
    assert farthest not in out.signers  # the party farthest from the chair did not sign (Georgia) ...
    chair, other = chart_pair(m, table, out)
    signers = [i for i in parties if i in out.signers]
    assert chair == out.author and other in out.signers  # ... so the chart takes the farthest signatory
    assert other == max(signers, key=lambda i: gap[i])


def test_with_no_other_signatory_the_chart_keeps_the_farthest_party(ai_game) -> None:
    import dataclasses

    from game.report.debrief import chart_pair

    m, table, out = ai_game
    model = m.game.model
    alone = dataclasses.replace(out, signers=frozenset({out.author}))
    gap = _gap(model, table, out.author)
    parties = [i for i in range(model.n_actors) if i != out.author and model.status[i] != "non_party"]
    assert chart_pair(m, table, alone) == (out.author, max(parties, key=lambda i: gap[i]))


def test_the_caption_says_who_and_why(ai_game) -> None:
    import dataclasses

    from game.report.debrief import _pair_chart, analyse

    m = ai_game[0]
    d = analyse(m, ai_runs=0)
    f = d.frontier
    name = m.scenario.actor(f.pair.y).name
    html = _pair_chart(d, f)
    assert f.pair.y in f.signers
    assert html.count("The bargain between Russia (the chair, across) and ") == 1
    assert (f"and {name} (nobody played a delegation, so the signatory whose wishes lie farthest from the "
            "chair&#x27;s, up)") in html
    outside = dataclasses.replace(f, signers=tuple(s for s in f.signers if s not in (f.pair.y,)))
    lone = _pair_chart(d, outside)
    assert "as no other party signed" in lone and f"{name} did not sign" in lone
