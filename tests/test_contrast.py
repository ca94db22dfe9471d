"""Colour and contrast, pinned (docs/accessibility.md): WCAG 2.1 contrast of every text colour on
the surface it is drawn on in the window and in the HTML reports (4.5:1; 3:1 for large text and
for the marks and rings that carry meaning), and the cues that must not rest on colour alone.

A theme change that makes a pair fail here fails the build: shift the colour, do not lower the bar.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.report import balance_svg as BS
from game.report import html as H
from game.scenarios.loader import load_scenario
from game.scenarios.registry import builtin_paths
from game.ui.theme import assets_dir, contrast, ink_on, load_colours

TEXT, MARK = 4.5, 3.0
ROOT = Path(__file__).resolve().parents[1]

# (foreground, background, least ratio, where) -- every text colour of the window on the surfaces
# the screens draw it on (measured on the devshots screens), then the marks that carry meaning
WINDOW_PAIRS = [
    # text
    ("text", "room", TEXT, "title screen, intro lines"),
    ("text", "panel", TEXT, "panel text, news log"),
    ("text", "panel_light", TEXT, "list rows (roles, saves, injects)"),
    ("text", "button_down", TEXT, "a chosen list row"),
    ("text_muted", "room", TEXT, "subtitles, calendar dates"),
    ("text_muted", "panel", TEXT, "secondary lines, axis labels"),
    ("text_muted", "panel_light", TEXT, "list rows' second lines"),
    ("text_muted", "button_down", TEXT, "a chosen row's second line"),
    ("text_muted", "table_felt", TEXT, "results plot axes"),
    ("text_dim", "room", TEXT, "walked-out card, dim lines"),
    ("text_dim", "panel", TEXT, "log round tags, an offer that cannot go"),
    ("text_dim", "panel_light", TEXT, "an inject that already happened"),
    ("brass_text", "room", TEXT, "screen titles"),
    ("brass_text", "panel", TEXT, "headings, status line"),
    ("brass_text", "panel_light", TEXT, "timer"),
    ("brass_text", "button_down", TEXT, "a chosen tab or option's label"),
    ("brass_text", "table_felt", TEXT, "results plot: this game"),
    ("button_text", "button", TEXT, "buttons"),
    ("button_text", "button_hover", TEXT, "a hovered button"),
    ("button_text_disabled", "button_disabled", TEXT, "a button the rules refuse now (projector)"),
    ("ok", "panel", TEXT, "a move's result, signed marks"),
    ("ok", "table_felt", TEXT, "results plot: history"),
    ("refused", "panel", TEXT, "a refusal, an error"),
    ("refused", "refused_bg", TEXT, "deadline, refusal box, facilitator banner"),
    ("private", "panel", TEXT, "private log lines"),
    ("private", "panel_light", TEXT, "private offers"),
    ("ink", "paper", TEXT, "name cards, clause grid, tooltips"),
    ("ink", "paper_shade", TEXT, "the chosen issue's row, draft tabs"),
    ("ink", "brass", TEXT, "primary buttons, CHAIR and 'new' tags"),
    ("ink_soft", "paper", TEXT, "card second lines, draft title"),
    ("ink_soft", "paper_shade", TEXT, "card second lines on the shade"),
    ("button_text", "button", TEXT, "a draft's cell text (level in the chosen draft)"),
    # marks, rings and frames that carry meaning (WCAG 1.4.11)
    ("brass", "panel", MARK, "an action point left"),
    ("brass_dim", "panel", MARK, "an action point spent (a ring)"),
    ("ok", "panel", MARK, "signed: a check mark"),
    ("refused", "panel", MARK, "declined: a cross"),
    ("text_dim", "panel", MARK, "undecided: a small ring"),
    ("ink", "paper", MARK, "a stance marker, your ideal level"),
    ("brass_dim", "paper", MARK, "your working text: the frame on an unchanged level"),
    ("brass_ink", "paper", MARK, "the keyboard's issue row: ring and marker; a changed level's edge"),
    ("brass_ink", "paper_shade", MARK, "the keyboard's issue row, inside its shade"),
    ("focus", "room", MARK, "the ring around the text field that has the keyboard"),
    ("focus", "panel", MARK, "the ring around the text field that has the keyboard"),
    ("focus", "panel_light", MARK, "the ring around the text field that has the keyboard"),
    ("brass", "room", MARK, "the chosen delegation's frame"),
    ("brass", "button_down", MARK, "the chosen tab or option's frame"),
]


@pytest.mark.parametrize("fg, bg, least, where", WINDOW_PAIRS, ids=[f"{p[0]}-on-{p[1]}" for p in WINDOW_PAIRS])
def test_window_colour_pairs(fg, bg, least, where):
    c = load_colours()
    ratio = contrast(c[fg], c[bg])
    assert ratio >= least, f"{fg} on {bg} ({where}): {ratio:.2f}:1, needs {least}:1"


def test_theme_file_and_defaults_agree():
    """The palette in assets/theme/colours.json and the fallback in theme.py are the same colours
    (a missing file must not bring back colours that fail the pairs above)."""
    from game.ui.theme import _DEFAULT_COLOURS

    data = json.loads((assets_dir() / "theme" / "colours.json").read_text(encoding="utf-8"))
    shipped = {k: v.lower() for k, v in data.items() if not k.startswith("_")}
    assert shipped == {k: v.lower() for k, v in _DEFAULT_COLOURS.items()}


def test_text_entry_theme_pairs():
    """pygame_gui's text field (the seed, a save's name, a scenario path): its text, its selected
    text and its border."""
    theme = json.loads((assets_dir() / "theme" / "pygame_gui_theme.json").read_text(encoding="utf-8"))
    entry = {**theme["defaults"]["colours"], **theme["text_entry_line"]["colours"]}
    c = load_colours()
    assert contrast(entry["normal_text"], entry["dark_bg"]) >= TEXT
    assert contrast(entry["selected_text"], entry["selected_bg"]) >= TEXT
    assert contrast(entry["text_cursor"], entry["dark_bg"]) >= MARK
    for around in ("panel", "room"):  # the field's edge on the surfaces it sits on
        assert contrast(entry["normal_border"], c[around]) >= MARK, around


def _actor_colours() -> list[tuple[str, str, str]]:
    out = []
    for sid in sorted(builtin_paths()):
        for a in load_scenario(sid).actors:
            out.append((sid, a.id, a.colour))
    return out


@pytest.mark.parametrize("sid, actor, colour", _actor_colours())
def test_badge_text_reads_on_every_builtin_actor_colour(sid, actor, colour):
    """A delegation's initials on its colour, in the window (``ink_on``) and in the reports
    (``html.ink_for``): Montreal's dark blue, purple and green once had 3.1-4.2:1."""
    assert contrast(ink_on(colour), colour) >= TEXT, f"{sid}/{actor} {colour} in the window"
    assert H.contrast(H.ink_for(colour), colour) >= TEXT, f"{sid}/{actor} {colour} in the reports"


@pytest.mark.parametrize("colour", ["#4477AA", "#AA3377", "#228833", "#000000", "#ffffff", "#808080", "#777777"])
def test_ink_on_any_colour_reaches_text_contrast(colour):
    """Black or white always reaches 4.5:1 on any colour, so a scenario author's colour cannot make
    a badge unreadable."""
    assert contrast(ink_on(colour), colour) >= TEXT
    assert H.contrast(H.ink_for(colour), colour) >= TEXT
    assert f"color:{H.ink_for(colour)}" in H.badge("XX", colour) or H.ink_for(colour) == "#111"


def _css_vars(css: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{3,6})", css))


def test_printable_report_css_pairs():
    """The debrief, briefs and grade sheet share html.py's stylesheet: every text colour on white
    (the page) and on the table head's tint."""
    v = _css_vars(H.CSS)
    for name in ("ink", "blue", "brass", "muted", "warn"):
        assert H.contrast(v[name], "#fff") >= TEXT, name
    for name in ("ink", "blue", "muted"):
        assert H.contrast(v[name], v["soft"]) >= TEXT, name


BALANCE_TEXT_PAIRS = [  # (text, background) in balance_html.CSS and balance_svg
    ("#1f2a44", "#fffdf8"), ("#14213d", "#fffdf8"), ("#4b5563", "#fffdf8"), ("#6b7280", "#fffdf8"),
    ("#4b5563", "#f7f4ec"), ("#14213d", "#f7f4ec"), ("#1f2a44", "#f2eee4"), ("#1f2a44", "#fff4e5"),
    ("#1f2a44", "#ecf7ee"), ("#1f2a44", "#fbf3df"), ("#fff", "#b2182b"),
    (BS.INK, "#fafaf7"), (BS.MUTED, "#fafaf7"), (BS.MUTED, "#fffdf8"), (BS.ACCENT_TEXT, "#fffdf8"),
]


@pytest.mark.parametrize("fg, bg", BALANCE_TEXT_PAIRS)
def test_balance_report_text_pairs(fg, bg):
    from game.report import balance_html

    for colour in (fg, bg):  # the pair is still the report's own (a changed stylesheet updates this list)
        assert colour.lower() in (balance_html.CSS + open(BS.__file__, encoding="utf-8").read()
                                  + open(balance_html.__file__, encoding="utf-8").read()).lower(), colour
    assert H.contrast(fg, bg) >= TEXT, f"{fg} on {bg}: {H.contrast(fg, bg):.2f}"


def test_balance_history_label_is_dark_enough():
    """The histogram's 'history 54' label once used the accent gold (3.2:1 on the page)."""
    svg = BS.histogram([0] * 9 + [5], "t", marker=54)
    label = re.search(r'<text[^>]*fill="([^"]+)"[^>]*>history 54</text>', svg)
    assert label is not None and H.contrast(label.group(1), "#fffdf8") >= TEXT


def test_balance_scatter_labels_differ_in_shape_not_only_colour():
    """Tight / moderate / loose / lapsed were dots of green, light green, yellow and red: the same
    to a deuteranope and on a greyscale printer. Each now has its own shape, in the plot and in
    the legend, outlined in ink."""
    shapes = BS.LABEL_SHAPES
    assert set(shapes) == set(BS.LABEL_COLOURS) and len(set(shapes.values())) == len(shapes)
    svg = BS.scatter([(0.5, 0.5, "tight"), (0.4, 0.6, "moderate"), (0.3, 0.7, "loose"), (0.0, 0.2, "lapsed")], "t")
    marks = {}
    for label in shapes:
        m = re.search(r"<(circle|rect|path)\b([^>]*)><title>" + label + ":", svg)
        assert m is not None, label
        assert f'stroke="{BS.INK}"' in m.group(2), label
        marks[label] = (m.group(1), re.sub(r"[-\d.]+", "", m.group(2)))
    assert len(set(marks.values())) == len(marks), marks
    icons = {label: re.sub(r"[-\d.]+", "", BS.legend_icon(label)) for label in shapes}
    assert len(set(icons.values())) == len(icons)


def test_balance_report_legend_shows_the_shapes(tmp_path):
    from game.report.balance_html import _outcome_charts

    r = {"outcomes": {"labels": {"tight": 3, "lapsed": 1}, "sequencing": {}}, "runs": 4, "history": None,
         "histogram": [0] * 10, "points": [(0.5, 0.5, "tight"), (0.1, 0.2, "lapsed")],
         "scenario": {"issues": []}}
    out = _outcome_charts(r)
    legend = out[out.index("One mark per distinct outcome"):]
    for label in BS.LABEL_SHAPES:
        assert BS.legend_icon(label) in legend, label
    assert 'class="swatch"' not in legend  # colour squares alone said nothing in black and white
