"""Text mode, second QA round: honest autosave messages, paste-safe commands, help from the
scenario, screens that fit the terminal, red-line spellings, a file in a save path.

Driven like tests/test_textmode_more.py: scripted input through ``run_text``.
"""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest

from game.scenarios.loader import load_scenario
from game.textmode import commands
from game.textmode.commands import ParseError, parse
from game.textmode.play import shell_path

from textmode_helpers import PROMPT, _args, _view, play  # noqa: F401

SCENARIOS = ["cst-1999", "montreal-1987", "tutorial", "summit-1999", "cst-1999-uzbekistan"]


@pytest.fixture(autouse=True)
def _width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")




# --------------------------------------------------------------------------- 1. failed autosave

def test_failed_autosave_on_quit_never_claims_the_game_was_saved(monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", "/proc/nope")
    out = play("status\nquit\n", code=1)  # nothing was saved: a script must not take it for success
    assert "autosaved." not in out and "The game is autosaved" not in out
    assert "could not be autosaved" in out and "No such file or directory" in out
    assert "save FILE" in out


def test_failed_final_save_says_nothing_was_written(monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", "/proc/nope")
    out = play("pass\n" * 12 + "sign\n", code=1)  # no file for debrief: not a success for a script
    assert "RESULT: tightness" in out
    end = out[out.index("RESULT: tightness"):]
    assert "final save could not be written" in end and "Nothing was written" in end
    assert "final save is" not in end


# --------------------------------------------------------------------------- 2. paste-safe paths

@pytest.mark.parametrize("home", ["it's", "$HOME x", "a b"])
def test_printed_commands_survive_a_shell(tmp_path, monkeypatch, home):
    folder = tmp_path / home
    monkeypatch.setenv("TREATY_TABLE_HOME", str(folder))
    for out, pattern in ((play("quit\n"), r"--load (.+)$"),
                         (play("pass\n" * 12 + "sign\n"), r"treaty-table debrief (.+) --out debrief\.html --slides slides\.html --csv grades\.csv$")):
        typed = re.search(pattern, out, re.M).group(1)
        echoed = subprocess.run(["bash", "-c", "printf %s " + typed], capture_output=True, text=True)
        assert echoed.returncode == 0 and echoed.stdout.startswith(str(folder)), typed
        assert shlex.split(typed) == [echoed.stdout]


def test_shell_path_quotes():
    assert shell_path("/tmp/plain.json") == "/tmp/plain.json"
    assert shlex.split(shell_path("/tmp/it's $HOME/x.json")) == ["/tmp/it's $HOME/x.json"]


# --------------------------------------------------------------------------- 3. help from the data

@pytest.mark.parametrize("scenario,role,usage", [("montreal-1987", "usa", "table L1 L2 ... L6"),
                                                 ("tutorial", "brisa", "table L1 L2 "),
                                                 ("cst-1999", "georgia", "table L1 L2 ... L7")])
def test_help_counts_the_scenarios_issues(scenario, role, usage):
    out = play("help\n", scenario=scenario, role=[role], seed=1)
    assert usage in out
    if scenario != "cst-1999":
        assert "L7" not in out


def test_help_columns_line_up():
    text = commands.help_text(7, 100)
    actions = text.split("Actions")[1].splitlines()[1:]
    starts = [line for line in actions if not line.startswith("   ")]  # not a continuation
    costs = {m.start() + 2 for line in starts if (m := re.search(r"  \[(\d|free)", line))}
    assert len(costs) == 1, costs
    cost_col = costs.pop()
    descs = {len(line) - len(line[cost_col:].split("  ", 1)[1].lstrip()) for line in starts
             if not line.startswith("Other")}
    assert len(descs) == 1, descs
    conts = [line for line in actions if line.startswith("   ") and line.strip()]
    assert all(len(line) - len(line.lstrip()) in descs for line in conts)


# --------------------------------------------------------------------------- 4. fits the terminal

SCREENS = "help\nstatus\ndrafts\ndraft 1\nforecast\ncalendar\nlog\nprivate\nbrief\nissues\noffers\nsource\n"


def _roles(scenario):
    sc = load_scenario(scenario)
    return [a.id for a in sc.actors if a.status != "non_party"]


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_screen_fits_the_terminal(monkeypatch, scenario, width):
    monkeypatch.setenv("COLUMNS", str(width))
    roles = _roles(scenario)
    # the first role with offers (Russia's are long in cst-1999), and the first role
    sc = load_scenario(scenario)
    with_offers = next((a.id for a in sc.actors if a.offers and a.id in roles), roles[0])
    for role in dict.fromkeys([with_offers, roles[0]]):
        out = play(SCREENS + "table " + " ".join("0" for _ in sc.issues) + "\nstatus\noffers\n"
                   + "pass\n" * 14 + "sign\n", scenario=scenario, role=[role], seed=1)
        for line in PROMPT.sub("", out).splitlines():
            if "/autosaves/autosave-" in line:  # a path to paste is never broken (docs/text-mode.md)
                continue
            assert len(line) <= width, (role, len(line), line)


def test_role_chooser_fits(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    for scenario in SCENARIOS:
        out = play("quit\n", role=[], scenario=scenario)
        assert max(len(x) for x in out.splitlines()) <= 60


# --------------------------------------------------------------------------- 5. red-line spellings

# "at most" level 1, not 2: "at most" the top level rules nothing out and is refused (see
# tests/test_textmode_red_lines.py); the spellings are what is tested here
@pytest.mark.parametrize("line,direction", [
    ('redline 1 2 "at least"', "at_least"), ("redline 1 1 'at most'", "at_most"),
    ("redline 1 2 ≥", "at_least"), ("redline 1 1 ≤", "at_most"),
    ("red line 1 2 atleast", "at_least"), ("Red Line 1 1 at most", "at_most"),
    ("red-line 1 2 >=", "at_least"), ("RED-LINE sequencing review atmost", "at_most"),
])
def test_red_line_spellings(line, direction):
    cmd = parse(line, _view())
    assert cmd.direction == direction and cmd.issue == (0 if "sequencing" not in line else cmd.issue)


def test_red_line_still_refuses_nonsense():
    for line in ("red line 1 2 sideways", "red line 1 2", "red 1 2 atleast", "redline 1 2 ≠"):
        with pytest.raises(ParseError):
            parse(line, _view())


# --------------------------------------------------------------------------- 6. a file in the path

def test_save_under_a_file_says_it_is_a_file(tmp_path, monkeypatch):
    (tmp_path / "afile").write_text("x")
    monkeypatch.chdir(tmp_path)
    out = play("save afile/x.json\nsave afile/deeper/x.json\n")
    assert out.count("'afile' is a file, not a folder") == 2
    assert "File exists" not in out and "Not a directory" not in out
    assert "Saved to" not in out
    out = play("save ok.json\n")
    assert "Saved to" in out and (tmp_path / "ok.json").is_file()


# --------------------------------------------------------------------------- 7. empty brief sections

def test_brief_leaves_out_a_heading_with_nothing_under_it():
    """A user-written role without a public profile or confidential text: no bare headings."""
    from game.engine import Options
    from game.session.match import Match
    from game.textmode import render

    sc = load_scenario("cst-1999")
    actors = [a.model_copy(update={"public_profile": "", "confidential": "  "}) if a.id == "georgia" else a
              for a in sc.actors]
    m = Match(sc.model_copy(update={"actors": actors}), seed=3, options=Options(events="historical"),
              seats={"georgia": "human"}, difficulty="normal", scenario_ref="cst-1999")
    text = render.brief_text(m.game.view(m.state, "georgia"))
    assert "Public profile" not in text and "Confidential instructions" not in text
    assert "Objectives (scored at the end):" in text and "\n\n\n" not in text
    full = render.brief_text(_view())  # a role with both texts keeps both headings
    assert "Public profile:" in full and "Confidential instructions (only you see these):" in full


def test_a_slip_in_an_issue_level_or_delegation_gets_a_suggestion_not_a_guess():
    """'defense' for 'defence', 'gerogia' for 'georgia': the message suggests the id; nothing is
    done on a guess (it could spend an action point on the wrong issue)."""
    for line, said in (("lobby russia defense", "no issue 'defense': did you mean 'defence'?"),
                       ("lobby gerogia arms", "no delegation 'gerogia': did you mean 'georgia'?"),
                       ("amend 1 arms notificaton", "has no level 'notificaton': did you mean 'notification'?")):
        with pytest.raises(ParseError) as err:
            parse(line, _view())
        assert said in str(err.value), str(err.value)
    with pytest.raises(ParseError) as err:  # nothing close: no suggestion
        parse("lobby russia zzz", _view())
    assert "did you mean" not in str(err.value)
