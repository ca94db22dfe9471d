"""Scenarios whose texts are in other languages and scripts (a teacher's translated variant).

Russian, Kazakh Cyrillic, Georgian, Armenian, Azerbaijani Latin, typographic quotes and
dashes, combining marks and right-to-left text: the window draws Georgian and Armenian with
fallback fonts and warns about scripts it lacks; the text mode survives consoles that are
not UTF-8; ids stay Latin with a clear message; the grade sheet opens in Excel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from game.scenarios.glyphs import FALLBACK_FONTS, font_path, window_cannot_draw
from game.scenarios.loader import load_scenario, validate
from game.scenarios.template import scenario_id_for

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_RU = ROOT / "docs" / "examples" / "authoring" / "cst-1999-ru.yaml"

MIXED = """\
extends: cst-1999
id: cst-1999-mixed
version: "1.0"
title: "Продлить или адаптировать? — «многоязычная» версия"
actors:
  - id: georgia
    name: საქართველო
    short: სქ
    delegate: {name: ნუგზარ საჯაია}
  - id: armenia
    name: Հայաստան
    short: ՀՀ
    delegate: {name: Անվտանգության խորհրդի քարտուղար}
  - id: kazakhstan
    name: Қазақстан
    short: ҚЗ
  - id: azerbaijan
    name: Azərbaycan
    delegate: {name: Təhlükəsizlik Şurasının katibi}
  - id: russia
    name: Россия
    short: РФ
  - id: uzbekistan
    name: "Йо\u0301шкар-Ола\u0301"
"""


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


# --------------------------------------------------------------------------- scenario files

def test_sample_russian_translation_is_valid_and_keeps_the_numbers():
    ru, en = load_scenario(str(SAMPLE_RU)), load_scenario("cst-1999")
    assert ru.id == "cst-1999-ru" and ru.actors[0].name == "Россия" and ru.actors[0].short == "РФ"
    assert ru.issues[0].levels[0].name == "Сначала адаптация"
    for a, b in zip(ru.actors, en.actors):
        assert (a.id, a.capability, a.reliability, a.outside_option) == (b.id, b.capability, b.reliability,
                                                                          b.outside_option)
    assert ru.history == en.history and [r.date for r in ru.rounds] == [r.date for r in en.rounds]


def test_georgian_armenian_kazakh_and_azerbaijani_need_no_warning(tmp_path):
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    problems = validate(path)[1]
    assert [p.format() for p in problems] == []


def test_a_script_the_window_lacks_is_a_clear_warning(tmp_path):
    path = tmp_path / "rtl.yaml"
    path.write_text(MIXED + "non_parties:\n  - {name: تركمانستان}\n  - {name: שלום}\n", encoding="utf-8")
    problems = validate(path)[1]
    assert all(p.severity == "warning" for p in problems)
    text = "\n".join(p.format() for p in problems)
    assert "cannot show Arabic letters" in text and "cannot show Hebrew letters" in text
    assert "right-to-left" in text and "play --text" in text
    assert "rtl.yaml:" in text  # with its line


def test_window_fonts_cover_the_scripts_of_the_region():
    text = "Россия საქართველო Ქ Հայաստան և Қазақстан әғқңөұүһі Azərbaycan ğış «—» “…” Йо\u0301"
    assert window_cannot_draw(text) == []
    assert window_cannot_draw("שלום") == list("שלום")
    for regular, bold, _ in FALLBACK_FONTS:
        assert font_path(regular).is_file() and font_path(bold).is_file()
    assert (font_path("OFL-Georgian-Armenian.txt")).is_file()


# --------------------------------------------------------------------------- ids

def test_a_cyrillic_id_says_latin_letters_and_suggests_one(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(MIXED.replace("id: cst-1999-mixed", "id: договор-1999"), encoding="utf-8")
    text = "\n".join(p.format() for p in validate(path)[1])
    assert "Latin letter" in text and "'dogovor-1999'" in text
    assert "any language and script" in text


@pytest.mark.parametrize("name,expected", [
    ("договор.yaml", "dogovor"), ("Қазақстан 1999.yaml", "qazaqstan-1999"),
    ("საქართველო.yaml", "sakartvelo"), ("Հայաստան.yaml", "hayastan"),
    ("Łódź Straße.yaml", "lodz-strasse"), ("中国.yaml", "my-scenario"),
])
def test_new_scenario_spells_a_non_latin_file_name_in_latin_letters(name, expected):
    assert scenario_id_for(Path(name)) == expected


# --------------------------------------------------------------------------- the window

@pytest.fixture()
def fonts():
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    pygame.font.init()
    from game.ui.theme import Fonts

    return Fonts()


def _pixels(surface) -> bytes:
    import pygame

    return pygame.image.tobytes(surface, "RGBA")


@pytest.mark.parametrize("a,b", [("ს", "ა"), ("Հ", "ա")])
def test_georgian_and_armenian_letters_are_drawn_not_boxes(fonts, a, b):
    for bold in (False, True):
        font = fonts.get("body", bold=bold)
        # without a font for the script every letter is the same empty box
        assert _pixels(font.render(a, True, (0, 0, 0))) != _pixels(font.render(b, True, (0, 0, 0)))
        mixed = font.render("Грузия — საქართველო", True, (0, 0, 0))
        assert mixed.get_height() == font.get_height()
        assert font.size("Грузия — საქართველო")[0] == mixed.get_width()
        assert font.size("Россия") == font.render("Россия", True, (0, 0, 0)).get_size()


def test_wrap_and_ellipsis_never_split_a_letter_from_its_marks(fonts):
    from game.ui import draw as D

    font = fonts.get("body")
    word = "и\u0306" * 30  # a decomposed й, thirty times, in one word
    stressed = "Йо\u0301шкар-Ола\u0301 тест о\u0301 " * 3
    for width in range(20, 240, 5):
        for line in D.wrap(font, word, width) + D.wrap(font, stressed, width):
            assert line == "" or not unicodedata.combining(line[0]), (width, line)
        cut = D._ellipsize(font, stressed, width)
        head = cut[:-3] if cut.endswith("...") else cut
        if len(head) < len(stressed):
            assert not unicodedata.combining(stressed[len(head)]) or head.endswith(" ") or head == "", cut


# --------------------------------------------------------------------------- the terminal

@pytest.mark.parametrize("encoding", ["ascii", "cp1251", "koi8-r"])
def test_text_mode_on_a_console_that_is_not_utf8(tmp_path, encoding):
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    for scenario in ("cst-1999", str(path)):
        run = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--scenario", scenario,
                              "--role", "georgia", "--seed", "1"], input=b"brief\nstatus\nquit\n",
                             capture_output=True, timeout=120,
                             env=_env(PYTHONIOENCODING=encoding, TREATY_TABLE_HOME=str(tmp_path / "home")))
        assert run.returncode == 0, run.stderr.decode(encoding, "replace")[-2000:]
        out = run.stdout.decode(encoding)
        assert "ROLE BRIEF" in out
        if scenario != "cst-1999":
            assert "cannot show some letters of this scenario" in out and "Georgian" in out
        if encoding == "cp1251" and scenario != "cst-1999":
            assert "Россия" in out  # what the console can show is shown


def test_validate_on_an_ascii_console(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(MIXED.replace("id: cst-1999-mixed", "id: договор"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "game", "validate", str(path)], capture_output=True,
                         timeout=60, env=_env(PYTHONIOENCODING="ascii"))
    assert run.returncode == 1 and b"Traceback" not in run.stderr + run.stdout
    assert b"Latin letter" in run.stdout + run.stderr


# --------------------------------------------------------------------------- saves, reports

def test_a_translated_game_saves_loads_and_reports(tmp_path):
    from game.report.grades import grade_rows, write_grades_csv
    from game.session.match import Match
    from game.session.saves import load_match, save_match

    sc = load_scenario(str(SAMPLE_RU))
    m = Match(sc, seed=3, seats={}, scenario_ref=str(SAMPLE_RU))
    while not m.over:
        m.step_ai()
    save = tmp_path / "игра.json"
    save_match(m, save)
    back = load_match(save)
    assert back.scenario.actors[0].name == "Россия" and back.over
    csv_path = write_grades_csv(grade_rows(back), tmp_path / "оценки.csv")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Россия".encode() in raw
    run = subprocess.run([sys.executable, "-m", "game", "debrief", str(save), "--out", str(tmp_path / "d.html")],
                         capture_output=True, timeout=120, env=_env(TREATY_TABLE_HOME=str(tmp_path / "h")))
    assert run.returncode == 0, run.stderr
    assert "Россия" in (tmp_path / "d.html").read_text(encoding="utf-8")
