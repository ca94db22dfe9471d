"""A scenario designer's journey, round 5: writing the 1997 Ottawa landmine treaty from scratch.

Each test pins one thing that was wrong or unclear on the way (validator messages, the
template, the guide, the reports with long names); the worked example it produced lives in
``docs/examples/authoring/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_authoring import BORDER_ROAD

from game.cli import main
from game.scenarios.loader import load_scenario, validate
from game.scenarios.template import render_template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples" / "authoring"
GUIDE = ROOT / "docs" / "scenario-authoring.md"

CEDAR_OBJECTIVES = """\
      - {id: sign, description: You sign the treaty., kind: signs}
"""

NGO = """\
  - id: ngo
    name: The Road Safety Campaign
    short: RSC
    colour: "#CC6677"
    delegate: {name: Campaigner}
    status: non_party
    capability: 0.2
    reliability: 0.9
    outside_option: 0.1
    positions:
      funding: {ideal: 2, salience: 0.5}
      tolls: {ideal: 1, salience: 0.5}
    objectives:
      - {id: signs, description: We sign., kind: signs}
rounds:
"""


def _check(tmp_path: Path, text: str, name: str = "s.yaml") -> tuple[object, list[str], list]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    scenario, problems = validate(path)
    return scenario, [p.format().replace(str(tmp_path) + "/", "") for p in problems], problems


def _edit(old: str, new: str, text: str = BORDER_ROAD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --------------------------------------------------------------------------- YAML inside {...}

def test_a_source_tag_inside_a_one_line_mapping_is_explained(tmp_path) -> None:
    """``{note: Stayed away [I].}``: PyYAML speaks of an unclosed mapping or a missing ','; the real
    cause is the '[' of the source tag the guide itself recommends."""
    text = BORDER_ROAD + "non_parties:\n  - {name: Dunland, note: Stayed away [I].}\n"
    scenario, shown, problems = _check(tmp_path, text)
    line = text.splitlines().index("  - {name: Dunland, note: Stayed away [I].}") + 1
    col = "  - {name: Dunland, note: Stayed away [I].}".index("[") + 1
    assert scenario is None and len(problems) == 1
    assert shown[0].startswith(f"s.yaml:{line}:{col}: a '[' in the middle of a text inside a {{...}} mapping "
                               "ends the text there")
    assert 'e.g. note: "Stayed away [I]."' in problems[0].hint
    assert "not closed" not in shown[0]


def test_a_source_tag_inside_a_one_line_list_is_explained(tmp_path) -> None:
    text = _edit("      - {id: sign, description: You sign the treaty., kind: signs}",
                 "      - {id: sign, description: You sign the treaty., kind: signs}\n"
                 "    sources: [road survey [U], design]")
    _, shown, problems = _check(tmp_path, text)
    assert "a '[' in the middle of a text inside a [...] list ends the text there" in shown[0]
    assert 'e.g. "road survey [U]"' in problems[0].hint


def test_a_comma_inside_a_one_line_mapping_is_explained(tmp_path) -> None:
    """``{name: Experts' session, day two}``: 'day two' became a key; say why and how to quote."""
    text = _edit("name: Experts' session}", "name: Experts' session, day two}")
    scenario, shown, problems = _check(tmp_path, text)
    assert scenario is None and len(problems) == 1
    assert "unknown key 'day two'" in shown[0]
    assert problems[0].hint == ("a ',' inside {...} ends a text without quotes; if 'day two' belongs to the "
                                "text before it, put the whole text in quotes: name: \"Experts' session, day two\"")


def test_an_unknown_key_with_its_own_colon_keeps_the_old_hint(tmp_path) -> None:
    text = _edit("name: Experts' session}", "name: Experts' session, day: two}")
    _, shown, problems = _check(tmp_path, text)
    assert "unknown key 'day'" in shown[0] and "allowed keys here" in problems[0].hint


# --------------------------------------------------------------------------- extends

def test_extends_names_a_file_with_its_extension(tmp_path) -> None:
    (tmp_path / "border-road.yaml").write_text(BORDER_ROAD, encoding="utf-8")
    variant = 'extends: {}\nid: border-variant\nversion: "1.0"\ntitle: A variant\n'
    _, shown, problems = _check(tmp_path, variant.format("border-road"), "v.yaml")
    assert "extends 'border-road' was not found" in shown[0]
    assert "write 'extends: border-road.yaml'" in problems[0].hint
    _, shown, problems = _check(tmp_path, variant.format("border-raod.yaml"), "v.yaml")
    assert problems[0].hint == "did you mean 'border-road.yaml'?"
    _, _, problems = _check(tmp_path, variant.format("elsewhere.yaml"), "v.yaml")
    assert "name a built-in scenario: cst-1999" in problems[0].hint
    scenario, _, problems = _check(tmp_path, variant.format("border-road.yaml"), "v.yaml")
    assert scenario is not None and problems == []


# --------------------------------------------------------------------------- checks

def test_a_status_effect_on_every_actor_is_an_error(tmp_path) -> None:
    """The engine ignores a status or delegate effect with actor '*'; the validator said nothing."""
    text = _edit("      - {actor: birch, field: outside_option, delta: -0.1}",
                 "      - {actor: birch, field: outside_option, delta: -0.1}\n"
                 "      - {actor: \"*\", field: status, value: party}")
    scenario, shown, _ = _check(tmp_path, text)
    assert scenario is None
    assert any("an effect on 'status' changes one actor, not every actor ('*'): the game would ignore it" in s
               for s in shown)


def test_a_non_party_actor_that_never_joins_is_a_warning(tmp_path) -> None:
    text = _edit("rounds:\n", NGO)
    scenario, shown, problems = _check(tmp_path, text)
    assert scenario is None  # its 'signs' objective can never be met, and the message says why
    assert any("objective 'signs' can never be met: 'ngo' is not a party (status: non_party), so it never "
               "signs or acts" in s for s in shown)
    warning = next(p for p in problems if p.severity == "warning")
    assert warning.message.startswith("'ngo' is not a party (status: non_party) and no event makes it one: "
                                      "it never acts, signs")
    assert "list it under non_parties" in warning.hint
    assert warning.line == text.splitlines().index("    status: non_party") + 1  # at its status


def test_a_non_party_that_an_event_brings_in_is_fine(tmp_path) -> None:
    text = _edit("rounds:\n", NGO) + "      - {actor: ngo, field: status, value: party}\n"
    scenario, shown, _ = _check(tmp_path, text)
    assert scenario is not None and shown == []


def test_objectives_that_can_never_be_met_say_why(tmp_path) -> None:
    text = _edit(CEDAR_OBJECTIVES, CEDAR_OBJECTIVES
                 + "      - {id: wide, description: Wide., kind: breadth_at_least, value: 80}\n"
                 + "      - {id: tight, description: Tight., kind: tightness_at_least, value: 120}\n")
    _, _, problems = _check(tmp_path, text)
    wide = next(p for p in problems if "'wide'" in p.message)
    assert wide.message == "objective 'wide' can never be met: breadth is a share from 0 to 1, and the value is 80"
    assert wide.hint == "write a share, e.g. 0.8 for 80%"
    tight = next(p for p in problems if "'tight'" in p.message)
    assert tight.message.endswith("tightness runs from 0 to 100, and the value is 120")
    assert tight.column == text.splitlines()[tight.line - 1].index("120") + 1  # at the value


def test_a_chair_effect_to_a_non_party_is_a_warning(tmp_path) -> None:
    text = _edit("rounds:\n", NGO.replace("    objectives:\n      - {id: signs, description: We sign., kind: signs}\n",
                                          "")) + "      - {actor: alder, field: chair, value: ngo}\n"
    _, shown, _ = _check(tmp_path, text)
    assert any("warning: the new chair 'ngo' is not a party" in s for s in shown)


# --------------------------------------------------------------------------- template and guide

def test_the_template_shows_hidden_draws_and_non_parties_that_validate(tmp_path) -> None:
    text = render_template(tmp_path / "harbour.yaml")
    assert "# hidden_draws:" in text and "# non_parties:" in text
    assert "quote any text with ',', ':', '[' or '{'" in text
    lines, on = [], False
    for line in text.splitlines():  # uncomment the optional blocks
        if line.startswith(("# hidden_draws:", "# non_parties:", "# history:")):
            on = True
        if on and line.startswith("# "):
            lines.append(line[2:])
            continue
        on = on and line.startswith("#")
        lines.append(line)
    scenario, shown, _ = _check(tmp_path, "\n".join(lines) + "\n", "harbour.yaml")
    assert scenario is not None and shown == []
    assert [d.id for d in scenario.hidden_draws] == ["south_harvest"] and scenario.non_parties


def test_the_guide_hidden_draw_and_history_examples_validate(tmp_path) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.DOTALL)
    extra = [b for b in blocks if b.startswith(("hidden_draws:", "history:"))]
    assert len(extra) == 2
    scenario, shown, _ = _check(tmp_path, BORDER_ROAD + "".join(extra), "border-road.yaml")
    assert scenario is not None and shown == []


def test_the_guide_warns_about_brackets_and_commas_in_one_line_mappings() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert '{name: Russia, note: "Did not join [I]."}' in guide
    assert "extends:\nmy-treaty.yaml`, not `extends: my-treaty`" in guide
    assert "A `non_party` actor takes no part at all" in guide


# --------------------------------------------------------------------------- the worked example

def test_the_worked_example_validates_without_warnings_and_plays(capsys) -> None:
    assert main(["validate", str(EXAMPLES)]) == 0
    out = capsys.readouterr().out
    assert "warning" not in out and out.count(": valid (") == 3  # with the sample translation cst-1999-ru.yaml
    from game.session.simulate import play_one

    for name in ("ottawa-1997.yaml", "ottawa-1997-usa-signs.yaml"):
        match = play_one(load_scenario(EXAMPLES / name), 2)
        assert match.over and match.result().treaty.tightness > 0
    assert "design estimate" in (EXAMPLES / "README.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- text mode

def test_the_calendar_has_no_wording_of_the_cst_scenario() -> None:
    from textmode_helpers import _view

    from game.textmode.render import calendar_text

    text = calendar_text(_view("tutorial", "brisa"), 100)
    assert "term runs out" not in text and "Deadline: " in text and "(the last day for the talks)" in text


@pytest.fixture(scope="module")
def example_game():
    from game.session.simulate import play_one

    match = play_one(load_scenario(EXAMPLES / "ottawa-1997.yaml"), 3)
    tiny = [s for s in match.result().treaty.signatures if s.signed and -0.05 < s.points < 0]
    assert tiny, "the test needs a signature worth a little less than 0"
    return match


def test_no_minus_zero_in_the_text_results(example_game) -> None:
    from game.textmode.render import results_text

    text = results_text(example_game, 120)
    assert "-0.0" not in text and "+0.0" in text


def test_no_minus_zero_in_the_debrief(example_game) -> None:
    from game.report import debrief as D

    page = D.render(D.analyse(example_game, 1, seed=1))
    assert "<td class=num>-0.0</td>" not in page and "<td class=num>+0.0</td>" in page


# --------------------------------------------------------------------------- reports with long names

LONG = "United Kingdom of Great Britain and Northern Ireland"


def test_long_names_wrap_in_tables() -> None:
    from game.report.html import who

    short = who("CA", "#ff0000", "Canada")
    assert short.startswith('<span class="nowrap">') and short.endswith("Canada</span>")
    long = who("UK", "#ff0000", LONG)
    assert ">UK</span> United</span> Kingdom of Great Britain and Northern Ireland" in long


def test_long_names_fit_the_role_score_chart() -> None:
    from game.report.html import BarSeries, bar_chart

    chart = bar_chart([(LONG, [50, 60]), ("Canada", [70, 80])], [BarSeries("game", "#000"),
                                                                 BarSeries("history", "#fff")], "Scores")
    assert f">{LONG}</text>" not in chart  # was drawn past the chart's left edge
    drawn = re.findall(r'<text x="([\d.]+)"[^>]*text-anchor="end"[^>]*>([^<]*)</text>', chart)
    lines = [t for _, t in drawn if t not in ("Canada",)]
    assert " ".join(lines).replace("…", "") in LONG and len(lines) >= 2
    left = float(drawn[0][0])
    assert all(len(t) * 6.9 <= left + 1 for _, t in drawn)  # every line fits left of the bars


def test_the_tightness_key_marks_cut_names() -> None:
    from game.report.html import stacked_bar

    chart = stacked_bar([("What counts as an anti-personnel mine", 6.0, "#333"), ("Cohesion", 30.0, "#999")],
                        36.0, "Where the points come from")
    assert "1. What counts as an anti-person… (6.0)" in chart


def test_level_labels_stay_inside_the_stance_chart() -> None:
    from game.report.html import Series, line_chart

    levels = ["Exceptions for named areas such as the Korean peninsula", "A nine-year deferral for any state",
              "A total ban with no exceptions"]
    chart = line_chart([Series("CA", [0.0, 2.0], "#000", "o")], ["R1", "End"], levels, "Stances")
    frame = re.search(r'<rect x="118" y="14" width="\d+" height="(\d+)"', chart)
    bottom = 14 + int(frame.group(1))
    ys = [float(y) for y, t in re.findall(r'<text x="110.0" y="([\d.]+)"[^>]*>([^<]*)</text>', chart)]
    assert ys and max(ys) <= bottom  # the loosest level's label no longer runs into the round labels


def test_the_map_wraps_long_level_names_and_fits_four_letter_badges() -> None:
    from game.report.briefs import map_page, positions_map

    sc = load_scenario(EXAMPLES / "ottawa-1997.yaml")
    sc = sc.model_copy(update={"actors": [sc.actors[0].model_copy(update={"short": "CAND"})] + sc.actors[1:]})
    svg = positions_map(sc)
    name = "Exceptions for named areas such as the Korean peninsula"
    assert f">{name}</text>" not in svg and "Korean" in svg
    assert re.search(r'font-size="5.2"[^>]*>CAND</text>', svg)
    assert "table.map th.num, table.map td.num { white-space: normal; }" in map_page(sc)


def test_the_balance_report_shows_no_signing_rate_for_a_non_party(tmp_path) -> None:
    from game.report.balance import balance_report, summary_markdown, summary_text
    from game.report.balance_html import render_html

    text = _edit("rounds:\n", NGO.replace("    objectives:\n      - {id: signs, description: We sign., kind: signs}\n",
                                          ""))
    path = tmp_path / "ngo.yaml"
    path.write_text(text, encoding="utf-8")
    r = balance_report(load_scenario(path), runs=2, seed=1, sensitivity_runs=0)
    assert re.search(r"^ngo\s+—\s", summary_text(r), flags=re.MULTILINE)
    assert "| The Road Safety Campaign | — (not a party) |" in summary_markdown(r, "x.html")
    page = render_html(r)
    assert "(not a party)" in page and "(non_party)" not in page


def test_a_very_long_delegation_name_does_not_squeeze_the_stances_in_the_terminal():
    from game.textmode import render

    sc = load_scenario("cst-1999")
    long = "United Kingdom of Great Britain and Northern Ireland"
    actors = [sc.actors[0].model_copy(update={"name": long})] + list(sc.actors[1:])
    sc2 = sc.model_copy(update={"actors": actors})
    from game.engine import Game, Options

    game = Game(sc2)
    view = game.view(game.new(3, Options()), sc2.actors[1].id)
    table = render.stances_table(view, width=100)
    rows = table.splitlines()
    assert all(len(r) <= 100 for r in rows)
    assert "United Kingdom of Great…" in table or "United Kingdom of…" in table
    # the stance column keeps a whole level name for a short-named row
    belarus = next(r for r in rows if "Belarus" in r)
    assert "Prolong first" in belarus
