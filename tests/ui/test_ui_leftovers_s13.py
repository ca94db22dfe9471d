"""Session 13: a long path wrapped in the window breaks at its own "/" or "-", with nothing added."""

from __future__ import annotations

import pygame


def test_a_long_path_breaks_after_a_folder_and_adds_no_hyphen():
    from game.ui import draw as D

    pygame.font.init()
    font = pygame.font.Font(None, 18)
    path = "/tmp/pytest-of-root/pytest-350/popen-gw1/test_a_failing_ai_turn_is_repo0/home/logs/crash-20261201-142830.log"
    for width in (120, 200, 300, 400, 500):
        lines = D.wrap(font, path, width)
        assert "".join(lines) == path, (width, lines)  # nothing added: the lines put together are the path
        assert all(font.size(line)[0] <= width for line in lines)
        assert all(line.endswith(("/", "-", "_")) for line in lines[:-1]), (width, lines)
    lines = D.wrap(font, path, font.size(path)[0] - 1)  # just too narrow: the file name goes down whole
    assert lines == [path[:path.rindex("/") + 1], "crash-20261201-142830.log"]
    # a word with no such mark is hyphenated as before
    assert D.wrap(font, "x" * 60, 100)[0].endswith("-")
    # a "-" early in the line is not worth a half-empty line: hyphenated at the width instead
    word = "ab-" + "y" * 80
    assert D.wrap(font, word, 200)[0].endswith("y-")


def test_a_save_names_a_long_scenario_path_by_its_file_name():
    from game.session.saves import _short_path

    long = "/home/teacher/" + "a" * 100 + "/mine.yaml"
    shown = _short_path(long)
    assert len(shown) == 80 and shown.endswith("/mine.yaml") and shown.startswith("/home/teacher/")
    assert _short_path("mine.yaml") == "mine.yaml"
    assert _short_path("a\x00b") == "a?b"


def test_a_wide_panel_keeps_a_documents_lines_to_about_110_characters(build_app):
    """On a 3440 x 1440 screen the scenario's description and the brief ran to 170-200 characters a
    line; a document is now laid out at most about 110 characters wide, and a narrower panel (every
    screen up to 1920 x 1080) as before."""
    from game.ui import draw as D
    from game.ui.scenes import MEASURE_CHARS, doc_surface, measure

    app = build_app(size="3440x1440")
    body = app.fonts.get("body")
    text = ("Georgia leads the call to adapt the treaty to current conditions before any prolongation, "
            "and it prefers bilateral ties and a path toward NATO. ") * 6
    wide = doc_surface(app, [("heading", "Public profile"), ("para", text), ("confidential", text)], 3000)
    cap = measure(body)
    assert cap < 3000 and all(s.get_width() == cap for s in wide)
    lines = D.wrap(body, text, cap)
    assert 0.8 * MEASURE_CHARS <= max(len(line) for line in lines) <= 1.2 * MEASURE_CHARS
    narrow = doc_surface(app, [("para", text)], cap - 10)
    assert narrow[0].get_width() == cap - 10  # a panel narrower than that: its own width, as before
