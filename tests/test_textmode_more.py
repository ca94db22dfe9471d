"""The terminal game: privacy in hotseat, strict commands, data-sized output, messages.

Driven like tests/test_textmode.py: scripted input through ``run_text``.
"""

from __future__ import annotations

import io
import re

import pytest

from game.scenarios.loader import load_scenario
from game.textmode import render
from game.textmode.commands import ParseError, parse
from game.textmode.play import run_text

from textmode_helpers import PROMPT, _args, _view, play  # noqa: F401

CLEAR = "\033[3J\033[H\033[2J"  # clear the scrollback, go home, clear the screen

def answers(text: str) -> list[str]:
    """What the game printed after each prompt."""
    return PROMPT.split(text)[1:]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")




# --------------------------------------------------------------------------- 1. hotseat privacy

def test_hotseat_handoff_clears_the_terminal_before_and_after_the_prompt():
    sc = load_scenario("tutorial")
    secret = " ".join(sc.actor("corallia").confidential.split()[:4])
    out = Terminal()
    text = play("\npass\n\nquit\n", out=out, scenario="tutorial", role=["corallia", "brisa"])
    assert secret in text  # Corallia saw her brief
    prompt = text.index("Pass to the delegation of Brisa")
    before, after = text[:prompt], text[prompt:]
    assert before.rfind(CLEAR) > before.rfind(secret)  # cleared before the prompt
    assert CLEAR in after and after.index(CLEAR) < after.index("ROLE BRIEF: Brisa")  # and after Enter
    assert secret not in text[text.rfind(CLEAR):]


def test_hotseat_handoff_piped_is_plain_text_with_a_separator():
    text = play("\npass\n\nquit\n", scenario="tutorial", role=["corallia", "brisa"])
    assert "=" * 60 in text and "Pass to the delegation of Brisa" in text
    assert "\033" not in text


# --------------------------------------------------------------------------- 2. strict commands

@pytest.mark.parametrize("line", [
    "redline sequencing review sideways", "redline sequencing review", "redline sequencing review atleast x",
    "endorse 2 3", "oppose 2 x", "amend 2 duration 1 x", "lobby kazakhstan sequencing x",
    "offer armenia transit_armenia x", "offer armenia transit_armenia endorse 2 x",
    "offer armenia transit_armenia sign", "accept 1 2", "reject 1 x", "walkout now", "return x",
    "pass 3", "sign x", "decline x", "communique 2 x", "put 2 x", "table 0 0 0 0 0 0 0 0",
    "table sequencing=0 1", "table sequencing=0 sequencing=1", "status x", "help me", "log 5 6",
    "draft 2 3", "save a b", "quit now", "drafts all",
])
def test_every_command_rejects_extra_and_unknown_words(line):
    with pytest.raises(ParseError) as err:
        parse(line, _view())
    assert "usage" in str(err.value) or "twice" in str(err.value) or "direction" in str(err.value)


def test_red_line_directions_are_read_not_guessed():
    view = _view()
    assert parse("redline sequencing review atleast", view).direction == "at_least"
    assert parse("redline sequencing review at least", view).direction == "at_least"
    assert parse("redline sequencing review at_most", view).direction == "at_most"
    assert parse("redline 1 0 atmost", view).direction == "at_most"


def test_wrong_commands_spend_nothing():
    out = play("redline sequencing review sideways\nendorse 2 3\nlobby kazakhstan 1 2\npass now\nstatus\n")
    assert "declares a red line" not in out and "Georgia endorses" not in out
    assert "Georgia lobbies" not in out and "Georgia passes" not in out
    assert out.count("Georgia (3 AP)>") == 6  # five lines, then end of input
    assert "unexpected '3'" in out and "'sideways' is not a direction" in out


# --------------------------------------------------------------------------- 3. sized from the data

def test_status_columns_fit_long_names_and_show_a_stance_in_every_scenario():
    out = play("status\n", scenario="montreal-1987", role=["usa"], seed=1)
    table = answers(out)[0]
    sc = load_scenario("montreal-1987")
    for a in sc.actors:
        assert re.search(re.escape(a.name) + r" +(at the table|WALKED OUT|boycotting|not a party)", table), a.name
    assert "United Statesat" not in table
    assert "stance on CFC controls" in table and "[" in table.splitlines()[1]
    out = play("status\n", scenario="tutorial", role=["brisa"], seed=1)
    table = answers(out)[0]
    assert "stance on Catch limits" in table
    row = next(r for r in table.splitlines() if "Brisa" in r)
    assert re.search(r"\[-*o-*\] \w", row)


def test_drafts_grid_uses_the_terminal_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "140")
    grid = answers(play("drafts\n", scenario="montreal-1987", role=["usa"], seed=1))[0]
    assert "Phase-down 95%" in grid and "…" not in grid.split("\n\n")[0]
    assert max(len(x) for x in grid.splitlines()) <= 140
    monkeypatch.setenv("COLUMNS", "60")
    grid = answers(play("drafts\n", scenario="montreal-1987", role=["usa"], seed=1))[0]
    assert "…" in grid and max(len(x) for x in grid.split("\n\n")[0].splitlines()) <= 60


# --------------------------------------------------------------------------- 4. saves for teachers

def test_end_of_game_names_the_final_save_for_the_debrief(tmp_path, monkeypatch):
    out = play("pass\n" * 12 + "sign\n")
    m = re.search(r"final save is (\S+)\nFor the debrief report, its slides for a projector and the grade sheet: "
                  r"treaty-table debrief (\S+) (--out .*)", out)
    assert m and m.group(1) == m.group(2)
    from pathlib import Path
    assert Path(m.group(1)).is_file()
    import shlex

    from game.cli import main

    here = tmp_path / "class"
    here.mkdir()
    monkeypatch.chdir(here)  # the command as printed works (without its 30 comparison games)
    assert main(["debrief", m.group(1), *shlex.split(m.group(3)), "--ai-runs", "0"]) == 0
    assert {p.name for p in here.iterdir()} == {"debrief.html", "slides.html", "grades.csv"}


class _Interrupting(io.StringIO):
    """Typed lines, then Ctrl-C."""

    def readline(self, *a):
        line = super().readline(*a)
        if not line:
            raise KeyboardInterrupt
        return line


def _interrupted(lines: str, **kw) -> str:
    out = io.StringIO()
    try:
        code = run_text(_args(**kw), _Interrupting(lines), out)
    except KeyboardInterrupt:  # (would stop the whole test session)
        pytest.fail("Ctrl-C escaped the text game")
    assert code == 130
    return out.getvalue()


def test_ctrl_c_autosaves_and_says_how_to_resume():
    out = _interrupted("status\n")
    assert re.search(r"autosaved at \S+; resume with: treaty-table play --text --load \S+", out)
    assert "Goodbye" in _interrupted("", role=[])  # at the role prompt


# --------------------------------------------------------------------------- 5. messages

def test_save_to_a_folder_says_so(tmp_path):
    out = play(f"save {tmp_path}\n")
    assert f"'{tmp_path}' is a folder: give a file name, e.g. save {tmp_path}/mygame.json" in out
    assert ".tmp" not in out.replace(str(tmp_path), "")


def test_number_messages_use_the_right_article():
    out = play("reject abc\naccept x\nendorse abc\n")
    assert "'abc' is not an offer number" in out and "'x' is not an offer number" in out
    assert "'abc' is not a draft number" in out and "a offer" not in out


def test_offer_for_a_missing_draft_lists_the_drafts():
    sc = load_scenario("cst-1999")
    offer = sc.actor("georgia").offers[0]
    to = offer.to[0] if offer.to else "armenia"
    out = play(f"offer {to} {offer.id} endorse 99\n")
    view = _view()
    assert "there is no draft 99" in out
    assert "The drafts on the table are " + ", ".join(f"D{d.id}" for d in view.drafts) in out
    assert "name the draft" not in out


def test_lobbying_yourself():
    out = play("lobby georgia 1\n")
    assert "you cannot lobby yourself" in out and "Georgia (3 AP)>" in out.split("yourself")[1]


def test_signing_refusal_says_what_to_type():
    out = play("pass\n" * 12 + "pass\nsign\n")
    assert "only the signing remains; type sign or decline" in out


def test_log_count_must_be_positive():
    out = play("log -5\nlog 1e9\nlog 0\nlog 1\n")
    replies = answers(out)
    for reply in replies[:3]:
        assert "usage: log [N]" in reply
    assert len(replies[3].strip().splitlines()) >= 1 and "usage" not in replies[3]
    assert replies[3].count(" r1 ") == 1


def test_long_unknown_command_is_cut():
    out = play("x" * 200_000 + "\n")
    assert "x" * 40 + "…" in out and "x" * 41 not in out


def test_role_descriptions_are_cut_at_a_word_boundary():
    for scenario in ("cst-1999", "montreal-1987"):
        out = play("quit\n", role=[], scenario=scenario)
        sc = load_scenario(scenario)
        lines = [x for x in out.splitlines() if re.match(r"  \d+\. ", x)]
        assert len(lines) == len([a for a in sc.actors if a.status != "non_party"])
        for line, actor in zip(lines, sc.actors):
            shown = line.split(" - ", 1)[1]
            assert len(line) <= 100
            full = " ".join(actor.public_profile.split())
            if shown.endswith("…"):
                body = shown[:-1]
                assert full.startswith(body) and full[len(body)] in " ,.;:-", (body, full)
            else:
                assert shown == full


def test_role_prompt_takes_a_name_with_spaces():
    out = play("United States\n", role=[], scenario="montreal-1987", seed=1)
    assert "ROLE BRIEF: United States" in out


def test_log_lines_are_wrapped_with_a_hanging_indent(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = play("log\n")
    reply = answers(out)[0]
    lines = reply.splitlines()
    assert all(len(x) <= 60 for x in lines)
    assert any(x.startswith("     ") and x.strip() for x in lines)  # a continuation line
    view = _view()
    text = render.log_text(view, view.log, width=50)
    assert all(len(x) <= 50 for x in text.splitlines())


def test_unicode_digits_do_not_crash():
    out = play("draft ²\nlog ²\nendorse ²\nlobby kazakhstan ²\n")
    assert "Traceback" not in out and out.count("Georgia (3 AP)>") == 5
