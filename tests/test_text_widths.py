"""Plain-text tables measure text in terminal cells, not characters.

A combining accent (a stressed Russian vowel, a decomposed "Ğ") takes no column of its own
and a Chinese character takes two: padded with ``len`` such names came out one column short
per accent, or one column too wide per character, and the columns after them no longer lined
up. The helpers are in game/console.py; the text mode, ``replay`` and the balance summary use them.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from game.console import cells, clusters, cut, fill, head, ljust, rjust, shorten
from game.scenarios.loader import load_scenario

STRESSED = "Азербайджа\u0301н"  # a stressed а: 11 letters, 12 characters
BREVE = "G\u0306u\u0308rcu\u0308stan"  # "Gürcüstan" with a decomposed Ğ and ü: 9 cells
GEORGIAN, ARMENIAN, CJK = "საქართველო", "Հայաստան", "中华人民共和国"

WIDE = f"""\
extends: cst-1999
id: cst-1999-widths
version: "1.0"
title: Widths
actors:
  - {{id: georgia, name: {GEORGIAN}, short: სქ}}
  - {{id: armenia, name: {ARMENIAN}, short: ՀՀ}}
  - {{id: azerbaijan, name: "{STRESSED}"}}
  - {{id: russia, name: {CJK}, short: 中}}
  - {{id: uzbekistan, name: "{BREVE}"}}
issues:
  - id: sequencing
    name: "Очерёдность и сро\u0301ки"
    levels:
      - {{id: adapt_first, name: "Снача\u0301ла адаптация"}}
      - {{id: review, name: 审查后延长}}
      - {{id: prolong_first, name: Сначала продление}}
  - id: defence
    name: 集体防御
"""


def at(line: str, text: str) -> int:
    """The terminal column at which ``text`` starts in ``line``."""
    return cells(line[:line.index(text)])


@pytest.fixture(scope="module")
def wide_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("widths") / "widths.yaml"
    path.write_text(WIDE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def wide(wide_path):
    return load_scenario(wide_path)


def _view(sc, role="georgia"):
    from game.engine import Options
    from game.session.match import Match

    m = Match(sc, seed=3, options=Options(events="historical"), seats={role: "human"}, difficulty="normal")
    while not m.human_to_move():
        m.step_ai()
    return m.game.view(m.state, role)


# --------------------------------------------------------------------------- the helpers

@pytest.mark.parametrize("text,width", [
    ("Georgia", 7), (STRESSED, 11), (BREVE, 9), ("Ğ", 1), (GEORGIAN, 10), (ARMENIAN, 8),
    ("Россия", 6), (CJK, 14), ("ＡＢ", 4), ("a\u200db", 2), ("\u200e", 0), ("x\ufe0f", 1), ("", 0),
    ("한\u1161", 2),
])
def test_cells_counts_terminal_columns(text, width):
    assert cells(text) == width


def test_padding_fills_to_the_same_column():
    for name in ("Georgia", STRESSED, BREVE, GEORGIAN, ARMENIAN, CJK, "Россия"):
        assert cells(ljust(name, 20)) == 20 and ljust(name, 20).startswith(name)
        assert cells(rjust(name, 20)) == 20 and rjust(name, 20).endswith(name)
        assert ljust(name, 3) == name  # never cut by padding


@pytest.mark.parametrize("text", [STRESSED, BREVE, "и\u0306" * 12, "Йо\u0301шкар-Ола\u0301", CJK,
                                  GEORGIAN, ARMENIAN, "中a华b人\u0301c"])
def test_a_cut_fits_and_never_parts_a_letter_from_its_accents(text):
    for n in range(0, cells(text) + 2):
        out = cut(text, n)
        assert cells(out) <= max(n, 1), (n, out)
        if out == text:
            assert cells(text) <= n
            continue
        assert out.endswith("…")
        kept = out[:-1]
        assert text.startswith(kept)
        assert kept == "" or not unicodedata.combining(text[len(kept)]), (n, out)
        assert cells(kept) >= n - 2  # as much as fits (a wide letter may leave one cell)
    assert head(CJK, 5) == "中华" and cut(CJK, 6) == "中华…" and cut(STRESSED, 11) == STRESSED
    assert cut(STRESSED, 10) == "Азербайдж…" and cut(STRESSED + "ский", 11) == STRESSED[:-1] + "…"
    assert clusters("Ğa\u0301") == ["Ğ", "a\u0301"]


FLAGS = "\U0001F1EC\U0001F1EA\U0001F1E6\U0001F1F2"  # Georgia's and Armenia's flags
FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"


@pytest.mark.parametrize("text,width", [
    (FLAGS[:2], 2), (FLAGS, 4), (FAMILY, 2), ("\u263a\ufe0f", 2), ("\u270d\ufe0f", 2),
    ("\U0001F44D\U0001F3FD", 2), ("1\ufe0f\u20e3", 2), ("\U0001F54A", 1),
    ("\u0915\u094d\u200d\u0937", 2), (f"Грузия {FLAGS[:2]}", 9),
])
def test_an_emoji_sequence_counts_as_one_wide_picture(text, width):
    # a flag is two regional indicators, a family three pictures and two joiners, a thumb
    # with a skin tone two pictures: each is drawn as one picture two cells wide (padding by
    # the sum of its parts left the columns after it up to four cells out of line)
    assert cells(text) == width


def test_a_cut_never_splits_a_flag_a_family_or_a_skin_tone():
    assert clusters(FLAGS) == [FLAGS[:2], FLAGS[2:]]
    assert clusters(FLAGS[:3]) == [FLAGS[:2], FLAGS[2]]
    assert clusters("\U0001F44D\U0001F3FD!") == ["\U0001F44D\U0001F3FD", "!"]
    assert clusters(FAMILY + "a") == [FAMILY, "a"]
    assert cut(FLAGS + " talks", 5) == FLAGS + "…"
    assert cut(FLAGS + " talks", 3) == FLAGS[:2] + "…"
    assert cut(FAMILY * 3, 5) == FAMILY * 2 + "…"
    assert cells(ljust(f"{FLAGS} Georgia", 20)) == 20


def test_wrapping_counts_cells_and_keeps_accents_with_their_letters():
    texts = [" ".join([CJK] * 3), "中华人民共和国中华人民共和国", "и\u0306" * 30, (STRESSED + " ") * 5,
             f"{GEORGIAN} {ARMENIAN} {BREVE} " * 4]
    for text in texts:
        for width in range(2, 40):
            lines = fill(text, width, initial_indent="  ", subsequent_indent=" ").split("\n") if width > 3 \
                else fill(text, width).split("\n")
            for line in lines:
                assert cells(line.rstrip()) <= width, (width, line)
                assert not unicodedata.combining(line.lstrip()[:1] or "a"), (width, line)
            assert "".join("".join(lines).split()) == "".join(text.split())
    # text of narrow letters wraps exactly as textwrap wraps it
    import textwrap

    plain = "Collective defence (Art. 4) - automatic military assistance for every party, at once"
    for width in range(5, 60):
        assert fill(plain, width) == textwrap.fill(plain, width)
        assert shorten(plain, width, placeholder="…") == textwrap.shorten(plain, width, placeholder="…")
    assert cells(shorten(" ".join([CJK] * 4), 31, placeholder="…")) <= 31


# --------------------------------------------------------------------------- the text mode's tables

def test_the_stances_table_lines_up_with_accented_and_wide_names(wide):
    from game.textmode import render

    view = _view(wide)
    for width in (100, 80):
        text = render.stances_table(view, width)
        lines = text.splitlines()
        rows = lines[1:1 + len(wide.actors)]
        status, ap = at(lines[0], "status"), at(lines[0], "AP")
        for line in rows:
            assert cells(line) <= width, line
            assert any(at(line, s) == status for s in render.STATUS.values() if s in line), (line, text)
        # the numbers after the stance end in one column (cap and rel)
        cols = {cells(line.rstrip(" -")) for line in rows if line.rstrip(" -")[-4:].replace(".", "").isdigit()}
        assert len(cols) == 1, text
        assert ap == status + len("at the table") + 1 + 1  # the AP column follows the widest status


def test_the_drafts_grid_lines_up_with_accented_and_wide_level_names(wide):
    from game.textmode import render

    view = _view(wide)
    assert view.drafts, "the AI tables drafts before Georgia's first move"
    for width in (100, 70):
        text = render.drafts_table(view, width)
        lines = text.splitlines()
        heads = [at(lines[0], f"D{d.id}") for d in view.drafts[-4:] if f"D{d.id}" in lines[0]]
        rows = [x for x in lines[2:] if x[:2] in ("1.", "2.")]
        assert len(rows) == 2 and len(heads) >= 2
        for line in rows:
            assert cells(line) <= width, line
            # each draft's cell starts under its heading: "N level name"
            starts = [n for n in range(len(line)) if line[n].isdigit() and n > 0 and line[n - 1] == " "
                      and line[n + 1:n + 2] == " "]
            assert [cells(line[:n]) for n in starts][-len(heads):] == heads, (line, text)


def test_the_brief_lines_up_the_issue_names(wide):
    from game.textmode import render

    view = _view(wide)
    lines = render.brief_text(view).splitlines()
    start = lines.index(next(x for x in lines if x.startswith("Your positions at the start")))
    rows = lines[start + 1:start + 1 + len(wide.issues)]
    names = [issue.name for issue in wide.issues if issue.id in wide.actors[0].positions]
    columns = {at(line, line[2 + len(name):].lstrip()[:3]) for line, name in zip(rows, names)}
    assert len(columns) == 1, rows


@pytest.fixture(scope="module")
def finished(wide, wide_path):
    from game.session.simulate import play_one

    return play_one(wide, 3, scenario_ref=str(wide_path))


def test_the_results_line_up_with_accented_and_wide_names(finished):
    from game.textmode import render

    text = render.results_text(finished, 100)
    lines = text.splitlines()
    sigs = lines[lines.index("Signatures (reliability; effect on tightness):") + 1:]
    sigs = sigs[:sigs.index("")]
    assert {at(line, "rel ") for line in sigs} == {at(sigs[0], "rel ")}
    assert any(CJK in line for line in sigs) and any(STRESSED in line for line in sigs)
    clauses = lines[lines.index("Clauses (points of tightness):") + 1:]
    clauses = clauses[:clauses.index("Signatures (reliability; effect on tightness):")]
    assert len({at(line, "depth ") for line in clauses}) == 1, clauses
    roles = [x for x in lines if any(x.startswith(a.name) for a in finished.scenario.actors)]
    assert len(roles) == len(finished.scenario.actors)
    ends = {cells(line[:re.search(r"-?\d+\.\d", line).end()]) for line in roles}  # the score column
    assert len(ends) == 1, roles


def test_replay_prints_the_results_table_lined_up(finished, tmp_path, capsys):
    from game.cli import main
    from game.session.saves import save_match

    path = tmp_path / "game.json"
    save_match(finished, path)
    assert main(["replay", str(path)]) == 0
    out = capsys.readouterr().out
    sigs = out[out.index("Signatures (reliability"):].splitlines()[1:len(finished.scenario.actors) + 1]
    assert len({at(line, "rel ") for line in sigs}) == 1, sigs


def test_the_role_list_cuts_the_profile_to_the_terminal(wide):
    import io

    from game.textmode.play import _choose_roles

    sc = wide.model_copy(update={"actors": [a.model_copy(update={"public_profile": " ".join([CJK] * 20)})
                                            for a in wide.actors]})
    out = io.StringIO()
    _choose_roles(sc, io.StringIO("quit\n"), out)
    rows = [x for x in out.getvalue().splitlines() if x.startswith("  ") and " - " in x]
    assert rows and all(cells(x) <= 100 for x in rows), rows


def test_a_typed_word_echoed_back_keeps_its_accents():
    from game.textmode.commands import echo

    word = "а\u0301" * 50
    out = echo(word, 40)
    assert out.endswith("…") and cells(out) == 41 and not unicodedata.combining(word[len(out) - 1])


def test_the_balance_summary_lines_up_translated_names():
    from game.report.balance import summary_text

    rows = [{"label": f"{name}: only passes", "swing": 0.5, "d_tightness": 1.0, "only": {"d_tightness": 1.0},
             "minus": None, "plus": None} for name in ("Georgia", STRESSED, CJK, BREVE)]
    report = {"scenario": {"id": "x", "version": "1"}, "runs": 2, "seed": 1, "events": "historical",
              "difficulty": "normal", "outcomes": {"tightness": {"mean": 1, "p10": 1, "p50": 1, "p90": 1},
                                                   "labels": {}},
              "in_force": 1.0, "signatories_mean": 2.0, "history": None, "actors": [], "outside_step": 0.1,
              "sensitivity_runs": 1, "sensitivity": rows, "warnings": []}
    lines = [x for x in summary_text(report).splitlines() if "only passes  " in x]
    assert len(lines) == 4 and len({at(x, "changes") for x in lines}) == 1, lines


def test_the_russian_translation_lines_up_in_the_text_mode(tmp_path, monkeypatch):
    """docs/examples/authoring/cst-1999-ru.yaml, with a stress mark on each delegation's name."""
    from pathlib import Path

    from game.textmode import render
    from textmode_helpers import play

    sample = Path(__file__).resolve().parents[1] / "docs" / "examples" / "authoring" / "cst-1999-ru.yaml"
    sc = load_scenario(sample)
    stressed = sc.model_copy(update={"actors": [a.model_copy(update={"name": a.name.replace("а", "а\u0301", 1)})
                                                for a in sc.actors]})
    assert sum("\u0301" in a.name for a in stressed.actors) >= 3
    for scenario in (sc, stressed):
        lines = render.stances_table(_view(scenario), 100).splitlines()
        status = at(lines[0], "status")
        rows = lines[1:1 + len(sc.actors)]
        assert all(at(line, next(s for s in render.STATUS.values() if s in line)) == status for line in rows), rows
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    out = play("status\nquit\n", scenario=str(sample))
    rows = [x for x in out.splitlines() if "at the table" in x or "boycotting" in x]
    assert len({at(x, next(s for s in render.STATUS.values() if s in x)) for x in rows}) == 1, rows
