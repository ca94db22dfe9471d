"""A history teacher's 90-minute lesson with nine groups on cst-1999, followed literally.

Each test pins one fix found by running the printed kit, the facilitator console and the
debrief the way docs/facilitator-guide.md says (and the way a teacher in a hurry mistypes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_robustness import run, saved_tutorial_game

from game.scenarios.loader import load_scenario
from game.session.match import Match


@pytest.fixture(scope="module")
def lesson_save(tmp_path_factory) -> Path:
    return saved_tutorial_game(tmp_path_factory.mktemp("lesson"), 3, "lesson.json")


# --------------------------------------------------------------------------- the debrief never eats the save

@pytest.mark.parametrize("argv", [
    ("debrief", "{save}", "--out", "{save}"),
    ("debrief", "{save}", "--out", "{folder}/./lesson.json"),
    ("debrief", "{save}", "--out", "{folder}/d.html", "--csv", "{save}"),
    ("grades", "{save}", "--out", "{save}"),
])
def test_an_output_named_like_the_save_is_refused_and_the_save_survives(capsys, lesson_save, argv):
    """`treaty-table debrief lesson.json --out lesson.json` (the save's name typed twice) wrote
    the HTML report over the class's only record of the game."""
    before = lesson_save.read_bytes()
    argv = [a.format(save=lesson_save, folder=lesson_save.parent) for a in argv]
    code, out, err = run(capsys, *argv, "--ai-runs", "0")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err
    assert "is the save file itself" in lines[0] and "nothing was written" in lines[0]
    assert lesson_save.read_bytes() == before
    assert not (lesson_save.parent / "d.html").exists()


def test_debrief_and_grade_sheet_on_the_same_file_is_refused(capsys, lesson_save, tmp_path):
    """`--out report.html --csv report.html`: the grade sheet replaced the report."""
    same = tmp_path / "report.html"
    code, out, err = run(capsys, "debrief", lesson_save, "--out", same, "--csv", same, "--ai-runs", "0")
    assert code == 1 and out == ""
    assert err.startswith("error: --out and --csv name the same file") and "Traceback" not in err
    assert not same.exists()
    # different names still work
    code, out, err = run(capsys, "debrief", lesson_save, "--out", tmp_path / "d.html",
                         "--csv", tmp_path / "g.csv", "--ai-runs", "0")
    assert code == 0, err
    assert (tmp_path / "d.html").exists() and (tmp_path / "g.csv").exists()


# --------------------------------------------------------------------------- a facilitated game resumed in the terminal

def test_a_facilitated_game_resumed_in_the_terminal_keeps_its_injects(tmp_path):
    """Lesson 1 in the console: the teacher injects a counterfactual event (it moves positions)
    and her own news, and saves. Lesson 2 on a computer without a display: `play --load SAVE`
    resumes in the terminal. Its `save FILE` and its autosaves dropped the injects, so the game
    loaded from them was another game (the event's effects gone) and the debrief had no news."""
    import json

    from textmode_helpers import play

    from game.session import facilitator as F
    from game.session.saves import load_match
    from game.session.store import user_data_dir

    m = Match(load_scenario("cst-1999"), seed=3, seats={"georgia": "human"}, scenario_ref="cst-1999")
    F.facilitate(m)
    m.run_ai()
    F.apply_inject(m, F.event_inject("cf_arms_freeze"))
    F.apply_inject(m, F.news_inject("Teacher: a press leak", "A newspaper prints the draft."))
    lesson1 = tmp_path / "lesson1.json"
    F.save(m, lesson1)

    lesson2 = tmp_path / "lesson2.json"
    play(f"pass\nsave {lesson2}\nquit\n", load=str(lesson1), role=None, scenario=None, seed=None,
         events=None, difficulty=None)
    autosaves = sorted((user_data_dir() / "autosaves").glob("autosave-*.json"))
    assert autosaves
    for path in [lesson2, *autosaves]:
        payload = json.loads(path.read_text("utf-8"))["payload"]
        injects = payload.get(F.KEY, {}).get("injects", [])
        assert [i.get("event") or i.get("headline") for i in injects] == ["cf_arms_freeze",
                                                                          "Teacher: a press leak"], path
        again = load_match(path)
        assert "cf_arms_freeze" in again.state.fired
        assert any(e.text.startswith("Teacher: a press leak") or "Teacher: a press leak" in e.text
                   for e in again.state.log), path


# --------------------------------------------------------------------------- the printed map

def test_the_printed_map_leaves_room_for_its_table_on_the_first_page(sc):
    """The guide promises the map and its table on the first page of map.html; printed from
    Chromium (A4 or Letter) the cst-1999 map filled the page at full width and pushed the
    table, kept in one piece, to a page of its own (4 pages instead of 2 + the issues)."""
    import re

    from game.report.briefs import MAP_PRINT_MM, map_page, role_brief
    from game.report.html import document

    for page in (map_page(sc), role_brief(sc, "georgia")):
        m = re.search(r'<figure class="keep map" style="--print-height: (\d+)mm">', page)
        assert m is not None
        assert int(m.group(1)) == MAP_PRINT_MM
    css = document("x", "")
    assert "figure.map svg { max-height: var(--print-height, none)" in css
    # a small map (two issues) prints at full width, uncapped
    tutorial = load_scenario("tutorial")
    assert '<figure class="keep map">' in map_page(tutorial)
