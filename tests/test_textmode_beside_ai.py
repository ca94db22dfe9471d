"""The text mode's end of game puts each person's score beside the computer's average in that seat
(GAME.md: 'so a student knows whether they beat history and the machine'), from the same seeded
AI-only games as the window's results and the debrief, so all three give the same average."""

from __future__ import annotations

import io
import re

from game.cli import main
from game.report import debrief as D
from game.session.saves import load_match


def test_the_end_of_a_text_game_compares_with_the_computer_in_your_seat(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr("game.textmode.play.AI_RUNS", None)  # as players get it (the suite uses fewer)
    monkeypatch.setattr("sys.stdin", io.StringIO("pass\n" * 30 + "sign\n"))
    assert main(["play", "--text", "--scenario", "tutorial", "--role", "brisa", "--seed", "3"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Comparing with 30 AI-only games (the computer in your seat at the same AI difficulty, treated " \
           "by the others as you were)..." in out
    found = re.search(r"Brisa: this game (\d+), the computer in this seat (\d+) on average: you finished "
                      r"(above|below|level with) it\.", out)
    assert found, out[-600:]
    final = sorted((tmp_path / "home" / "autosaves").glob("*-end.json"))[-1]
    d = D.analyse(load_match(final), D.DEFAULT_AI_RUNS)
    assert int(found.group(1)) == round(d.result.roles["brisa"].score)
    assert int(found.group(2)) == round(d.ai_means["brisa"])  # the debrief's number, to the point
    mine, ai = d.result.roles["brisa"].score, d.ai_means["brisa"]
    assert found.group(3) == ("above" if round(mine) > round(ai) else "below" if round(mine) < round(ai)
                              else "level with")


def test_ctrl_c_during_the_comparison_stops_it_and_nothing_is_lost(tmp_path, monkeypatch, capsys) -> None:
    def interrupted(*_args, **_kw):
        raise KeyboardInterrupt

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr("game.report.debrief.ai_cloud", interrupted)
    monkeypatch.setattr("sys.stdin", io.StringIO("pass\n" * 30 + "sign\n"))
    assert main(["play", "--text", "--scenario", "tutorial", "--role", "brisa", "--seed", "3"]) == 130
    out = " ".join(capsys.readouterr().out.split())
    assert "Stopped. The debrief report makes the same comparison" in out and "Goodbye" not in out
    assert sorted((tmp_path / "home" / "autosaves").glob("*-end.json"))  # the final save was written first
