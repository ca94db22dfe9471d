"""A scenario designer's journey, round 6: a lecturer writes the 1992 Rio climate convention.

Each test pins one thing that went wrong on the way: validator messages that named no fix, a
file saved as UTF-16 without a byte-order mark, a mistake under a YAML anchor reported twice, a
scenario id taken from a built-in one, and roles without objectives (the guide's own Border Road
has two) whose score was explained as 70% outcome + 30% objectives.
"""

from __future__ import annotations

from pathlib import Path

from test_author_qa5 import _check, _edit
from test_authoring import BORDER_ROAD
from textmode_helpers import play

from game.cli import main
from game.report.briefs import discussion_questions, role_section, score_rule
from game.scenarios.loader import load_scenario, validate

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "scenario-authoring.md"




def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


# --------------------------------------------------------------------------- encodings

def test_utf16_without_a_byte_order_mark_is_one_error(tmp_path: Path, capsys) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"s-{encoding}.yaml"
        path.write_bytes(BORDER_ROAD.encode(encoding))
        scenario, problems = validate(path)
        assert scenario is None
        assert len(problems) == 1, [p.format() for p in problems]  # not 50 "U+0000" lines
        p = problems[0]
        assert "UTF-16" in p.message and "UTF-8" in p.hint and (p.line, p.column) == (1, 1)
    # with a byte-order mark it is still recognised, as before
    (tmp_path / "bom.yaml").write_bytes(BORDER_ROAD.encode("utf-16"))
    _, problems = validate(tmp_path / "bom.yaml")
    assert len(problems) == 1 and "UTF-16" in problems[0].hint


def test_a_stray_nul_in_utf8_text_is_still_a_control_character(tmp_path: Path) -> None:
    _, lines, _ = _check(tmp_path, _edit("title: The Border Road", "title: The Border\x00 Road"))
    assert lines == ["s.yaml:4:18: control character U+0000 is not allowed (hint: only tab, newline and "
                     "carriage return may appear; remove it (most editors do not show it))"]


def test_the_rest_of_many_control_characters_is_counted_at_its_place(tmp_path: Path, capsys) -> None:
    text = BORDER_ROAD + "".join(f"# note {n}\x01\n" for n in range(60))
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "U+0001" in out[0]  # the listing starts with the first one, not with the summary of the rest
    more = [line for line in out if "more such characters" in line]
    assert len(more) == 1 and out.index(more[0]) == len(out) - 2
    first_unlisted = _line_of(text, "# note 50\x01")
    assert f"s.yaml:{first_unlisted}:" in more[0] and "(hint: " in more[0]


# --------------------------------------------------------------------------- anchors

ANCHORED = _edit("      funding: {ideal: 0, salience: 0.8}\n      tolls: {ideal: 1, salience: 0.4}\n",
                 "      funding: &birch_pos {ideal: 0, salience: 1.8}\n      tolls: *birch_pos\n")


def test_a_mistake_under_an_anchor_is_reported_once(tmp_path: Path) -> None:
    _, lines, _ = _check(tmp_path, ANCHORED)
    line = _line_of(ANCHORED, "&birch_pos")
    assert [x for x in lines if "salience" in x] == [
        f"s.yaml:{line}:48: salience must be between 0 and 1, got 1.8 (hint: change it to a number between "
        "0 and 1)"]


def test_an_undefined_alias_says_how_to_fix_it(tmp_path: Path) -> None:
    text = _edit("salience: 1.8", "salience: 0.8", ANCHORED).replace("*birch_pos", "*brich_pos")
    _, lines, problems = _check(tmp_path, text)
    assert len(problems) == 1
    assert lines[0].startswith(f"s.yaml:{_line_of(text, '*brich_pos')}:14: alias *brich_pos is used but no "
                               "anchor &brich_pos is defined before it (hint: did you mean *birch_pos?")
    text = _edit("      funding: &birch_pos", "      funding:", text)
    _, lines, _ = _check(tmp_path, text)
    assert "(hint: write &brich_pos before the value to repeat" in lines[0]


# --------------------------------------------------------------------------- every error says how to fix it

HINTLESS_BEFORE = {
    "an effect on salience without an issue": ("{actor: birch, field: salience, issue: funding, delta: -0.2}",
                                              "{actor: birch, field: salience, delta: -0.2}"),
    "an effect on affinity without other": ("{actor: birch, field: outside_option, delta: -0.1}",
                                            "{actor: birch, field: affinity, delta: -0.1}"),
    "a chair effect without a value": ("{actor: birch, field: outside_option, delta: -0.1}",
                                       "{actor: birch, field: chair}"),
    "two sequencing issues": ("    name: Truck tolls\n", "    name: Truck tolls\n    sequencing: true\n"),
    "sequencing_is without a sequencing issue": (
        "      - {id: sign, description: You sign the treaty., kind: signs}",
        "      - {id: sign, description: You sign the treaty., kind: sequencing_is, level: none}"),
    "an objective that red lines make impossible": (
        "      - {id: sign, description: You sign the treaty., kind: signs}",
        "      - {id: sign, description: You sign the treaty., kind: signs}\n"
        "    red_lines:\n      - {issue: tolls, at_most: none}\n      - {issue: tolls, at_least: common_toll}"),
    "an unknown personality": ("    capability: 0.3\n", "    capability: 0.3\n    personality: clever\n"),
    "an affinity with itself (warning)": ("    capability: 0.3\n", "    capability: 0.3\n    affinities: {birch: 1}\n"),
    "an offer to itself (warning)": ("to: [birch]", "to: [birch, alder]"),
    "a missing position (warning)": ("      tolls: {ideal: 1, salience: 0.4}\n", ""),
}


def test_every_problem_says_how_to_fix_it(tmp_path: Path) -> None:
    for what, (old, new) in HINTLESS_BEFORE.items():
        text = _edit(old, new)
        if what == "two sequencing issues":
            text = _edit("    name: Who pays\n", "    name: Who pays\n    sequencing: true\n", text)
        _, lines, problems = _check(tmp_path, text)
        assert problems, what
        for p in problems:
            assert p.line and p.hint, f"{what}: {p.format()}"


def test_an_effect_without_its_issue_names_one(tmp_path: Path) -> None:
    text = _edit("{actor: birch, field: salience, issue: funding, delta: -0.2}",
                 "{actor: birch, field: salience, delta: -0.2}")
    _, lines, _ = _check(tmp_path, text)
    assert lines[0] == (f"s.yaml:{_line_of(text, '{actor: birch, field: salience')}:9: an effect on 'salience' "
                        "needs an 'issue' (hint: add the issue it changes, e.g. issue: funding)")


def test_a_line_indented_wrongly_names_the_column_to_use(tmp_path: Path) -> None:
    text = _edit("    delegate: {name: Finance Minister}\n    capability: 0.3\n",
                 "    delegate: {name: Finance Minister}\n      capability: 0.3\n")
    _, lines, _ = _check(tmp_path, text)
    line = _line_of(text, "      capability: 0.3")
    assert lines[0].startswith(f"s.yaml:{line}:7: this line's indentation does not match the lines above "
                               f"(hint: this line starts in column 7, line {line - 1} above it in column 5")
    assert "indent it by 4 spaces" in lines[0]
    text = _edit("    positions:\n      funding: {ideal: 0,", "    positions:\n      - funding: {ideal: 0,")
    _, lines, _ = _check(tmp_path, text)
    assert "starts a list entry with '- '" in lines[0] and "remove it" in lines[0]


# --------------------------------------------------------------------------- ids of built-in scenarios

def test_a_built_in_scenarios_id_is_a_warning(tmp_path: Path) -> None:
    scenario, lines, _ = _check(tmp_path, _edit("id: border-road", "id: tutorial"), "border-road.yaml")
    assert scenario is not None  # a warning: the file still plays
    assert lines[0] == ("border-road.yaml:2:5: warning: the id 'tutorial' is the id of a built-in scenario: "
                        "autosaves, the offer to resume a game and the names of balance reports would mix "
                        "this scenario up with the built-in one (hint: give this scenario its own id, e.g. "
                        "'border-road' (the file name))")
    # a variant that kept its base's id
    variant = 'extends: cst-1999\nid: cst-1999\nversion: "2"\ntitle: Cheaper gas\n'
    _, lines, _ = _check(tmp_path, variant, "cheap-gas.yaml")
    assert lines[0].startswith("cheap-gas.yaml:2:5: warning: the id 'cst-1999' is the id of a built-in")
    assert "e.g. 'cheap-gas' (the file name)" in lines[0]


def test_the_built_in_scenarios_themselves_are_not_warned(capsys) -> None:
    assert main(["validate", str(ROOT / "scenarios")]) == 0
    assert "warning" not in capsys.readouterr().out


# --------------------------------------------------------------------------- roles without objectives

def test_a_role_without_objectives_is_explained_as_scored_on_the_outcome_alone(tmp_path: Path) -> None:
    path = tmp_path / "border-road.yaml"
    path.write_text(BORDER_ROAD, encoding="utf-8")
    sc = load_scenario(path)
    birch = next(a for a in sc.actors if a.id == "birch")
    assert not birch.objectives
    # the brief: no "70 points ... the other 30 points are for your objectives"
    brief = role_section(sc, "birch")
    assert "The other 30 points" not in brief and "all of it for how good the outcome is" in brief
    assert "The other 30 points" in role_section(sc, "cedar")  # cedar has objectives
    assert "scored on the outcome alone" in score_rule(sc, "guide")
    # the end of a text game
    lines = "\n".join(["pass"] * 40 + ["sign"] * 3) + "\n"
    out = play(lines, scenario=str(path), role=["birch"], seed=2)
    said = " ".join(out[out.index("Birch (you): score"):].split())
    assert "= 100% what the outcome was worth to you" in said and "no scored objectives" in said
    assert "70% what the outcome" not in said


def test_a_role_without_objectives_in_the_window_results() -> None:
    from types import SimpleNamespace

    from game.ui.scene_results import ResultsScene

    fake = SimpleNamespace(vm=SimpleNamespace(utility_share=0.7))
    role = SimpleNamespace(utility=0.29, objectives=(), name="Birch", moved="")
    assert ResultsScene.score_sentence(fake, role).startswith("100% how much the outcome was worth to you: 29")
    role = SimpleNamespace(utility=0.5, objectives=(("x", True, 2), ("y", False, 2)), name="Cedar", moved="")
    sentence = ResultsScene.score_sentence(fake, role)
    assert sentence.startswith("70% how much") and "30% the objectives of your brief (2 of 4 points" in sentence


def test_the_guide_says_how_a_role_without_objectives_is_scored() -> None:
    text = " ".join(GUIDE.read_text("utf-8").split())
    assert "A role without objectives is scored on its utility alone" in text


# --------------------------------------------------------------------------- words of one scenario

def test_the_hidden_draw_question_does_not_assume_a_source_report(tmp_path: Path) -> None:
    text = BORDER_ROAD + """\
hidden_draws:
  - id: budget
    description: Will Birch pass its budget?
    options:
      - {id: yes_, label: Passed, probability: 0.5}
      - {id: no_, label: Blocked, probability: 0.5}
"""
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    qs = " ".join(discussion_questions(load_scenario(path)))
    assert "hidden draws" in qs and "report" not in qs and "historian" not in qs


def test_the_guide_lists_the_new_checks() -> None:
    text = " ".join(GUIDE.read_text("utf-8").split())
    assert "is the id of a built-in scenario" in text
    assert "UTF-16" in text


def test_an_empty_file_is_called_empty(tmp_path: Path) -> None:
    for text in ("", "# nothing here yet\n", "\n\n"):
        _, lines, _ = _check(tmp_path, text)
        assert lines == ["s.yaml:1:1: the file is empty (or holds only comments) (hint: start from "
                         "'treaty-table new-scenario FILE')"]
    _, lines, _ = _check(tmp_path, "- just\n- a list\n")
    assert lines[0].startswith("s.yaml:1:1: a scenario file must be a mapping of keys to values")


def test_the_guide_says_reference_checks_wait_for_the_types(tmp_path: Path) -> None:
    # what the lecturer met: a misspelt status hid an unknown actor in an event until it was fixed
    text = _edit("    capability: 0.3\n", "    capability: 0.3\n    status: boycoting\n")
    text = _edit("{actor: birch, field: outside_option", "{actor: brich, field: outside_option", text)
    _, lines, _ = _check(tmp_path, text)
    assert len(lines) == 1 and "boycoting" in lines[0]
    _, lines, _ = _check(tmp_path, _edit("    status: boycoting\n", "", text))
    assert "unknown actor 'brich'" in lines[0]
    guide = " ".join(GUIDE.read_text("utf-8").split())
    assert "run only once every key is known and every value has the right type and range" in guide


def test_depth_on_the_sequencing_issue_is_warned_about(tmp_path: Path) -> None:
    """Depth on a sequencing issue's levels is ignored (the sequencing issue decides when, not how
    binding): said as a warning at that level's line, with what to use instead."""
    text = _edit("    name: Who pays\n", "    name: Who pays\n    sequencing: true\n")
    scenario, lines, problems = _check(tmp_path, text)
    depth = [p for p in problems if "depth has no effect on the sequencing issue" in p.message]
    assert scenario is not None and len(depth) == 3
    assert all(p.severity == "warning" and "promise_weight" in p.hint for p in depth)
    assert depth[0].line == _line_of(text, "{id: each_own, name: Each pays its own section, depth: 0.2}")
