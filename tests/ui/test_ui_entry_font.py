"""The window's text fields draw Georgian and Armenian letters (pygame_gui takes one font file
per element, so they use Noto Sans with those letters merged in: assets/fonts/merge_entry_font.py).

With plain Noto Sans a teacher typing news for a Georgian or Armenian translation of a scenario
saw a row of empty boxes in the field, while the same news showed correctly in the log."""

from __future__ import annotations

import pygame

from ui_helpers import click, frames, press, run_until
from game.ui.scene_facilitator import FacilitatorScene, InjectScene
from game.ui.theme import font_dir, gui_theme

GEORGIAN, ARMENIAN = "საქართველო", "Հայաստան"
LATIN_CYRILLIC = "Moscow summit Россия ÄÖÜ é"
# A character no font has (unassigned), drawn as the font's empty box. In the first plane:
# pygame-ce before 2.5.5 gives no metrics at all (None) for one beyond U+FFFF.
NO_FONT_HAS = "\u0378"


def _missing(metrics, tofu) -> list[int]:
    """Positions whose glyph is the font's empty box (the metrics of a character no font has)."""
    return [n for n, m in enumerate(metrics) if m is None or m == tofu]


def _boxes(font: pygame.font.Font, text: str) -> list[int]:
    """Positions of ``text`` that ``font`` draws as its empty box: the metrics and the pixels of a
    character no font has (the metrics alone can match a letter's: Cyrillic Р with pygame-ce 2.4)."""
    def drawn(ch: str) -> tuple:
        surface = font.render(ch, True, (0, 0, 0), (255, 255, 255))
        return font.metrics(ch)[0], surface.get_size(), pygame.image.tobytes(surface, "RGB")

    box = drawn(NO_FONT_HAS)
    return [n for n, ch in enumerate(text) if font.metrics(ch)[0] is None or drawn(ch) == box]


def test_the_entry_font_has_every_script_the_window_draws():
    font = gui_theme(1.0)["text_entry_line"]["font"]
    path = font["regular_path"]
    assert path.startswith(font_dir().as_posix())
    pygame.font.init()
    f = pygame.font.Font(path, 18)
    for text in (GEORGIAN, ARMENIAN, LATIN_CYRILLIC):
        assert not _boxes(f, text), text
    # the plain Noto Sans (what the fields used) has none of them: the check can fail
    plain = pygame.font.Font(str(font_dir() / "NotoSans-Regular.ttf"), 18)
    assert _boxes(plain, GEORGIAN) == list(range(len(GEORGIAN)))
    assert _boxes(plain, ARMENIAN) == list(range(len(ARMENIAN)))
    # Latin text keeps Noto Sans's letters: the same widths as before
    assert f.size(LATIN_CYRILLIC)[0] == plain.size(LATIN_CYRILLIC)[0]


def test_news_typed_in_georgian_shows_in_the_inject_field(build_app, tmp_path):
    app = build_app(role=["georgia"], facilitator=True, seed=8)
    run_until(app, lambda: app.match.human_to_move())
    assert app.find_scene(FacilitatorScene) is not None
    click(app, "fac:inject")
    assert isinstance(app.top, InjectScene)
    app.top.set_entry_text("headline", f"{GEORGIAN}: {ARMENIAN}")
    frames(app, 2)
    entry = app.top.entries["headline"]
    tofu = entry.font.get_metrics(NO_FONT_HAS)[0]
    assert not _missing(entry.font.get_metrics(GEORGIAN + ARMENIAN), tofu)
    pygame.image.save(app.screen, str(tmp_path / "inject-georgian.png"))
    press(app, pygame.K_ESCAPE)
