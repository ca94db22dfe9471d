"""Shared HTML and SVG helpers for the printable classroom kit (no pygame, no network).

Every page is one self-contained file: inline CSS, inline SVG, no scripts, no
external fonts or images. Everything that comes from a scenario or a save goes
through :func:`esc` (the only way text reaches the markup), so a scenario title
like ``<script>`` shows as text. Charts stay readable in black and white: series
differ by marker shape, dash and hatching as well as colour, and lines carry
their labels.
"""

from __future__ import annotations

import html as _html
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PAPERS = ("auto", "a4", "letter")

CSS = """
:root { --ink:#1b1b1b; --blue:#1f3a5f; --brass:#8a6d3b; --rule:#c8c2b4; --muted:#555;
        --soft:#eef1f5; --warn:#7a1f1f; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9e6df; color: var(--ink);
       font: 10.5pt/1.45 Georgia, "DejaVu Serif", "Times New Roman", serif; }
main.page, section.page { max-width: 190mm; margin: 10mm auto; background: #fff; padding: 13mm 15mm;
       box-shadow: 0 1px 4px rgba(0,0,0,.25); }
main.page.wide { max-width: 250mm; }  /* the debrief, often projected */
h1, h2, h3, h4, th, .sans, .tag, .badge, figcaption, .kicker, .stat b {
       font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 19pt; line-height: 1.2; color: var(--blue); margin: .1em 0 .2em; }
h2 { font-size: 13pt; color: var(--blue); margin: 1.3em 0 .45em; padding-bottom: 2px;
     border-bottom: 1.5px solid var(--brass); }
h3 { font-size: 11pt; color: var(--blue); margin: 1em 0 .3em; }
h4 { font-size: 10pt; margin: .8em 0 .2em; }
p { margin: .35em 0 .6em; }
ul, ol { margin: .3em 0 .6em; padding-left: 1.4em; }
ol { padding-left: 2em; }
li { margin: .15em 0; }
ol.levels { margin: 0; padding-left: 1.6em; }
ol.quiz > li { margin-bottom: .5em; }
ol.options { list-style-type: upper-alpha; margin: .15em 0 0; }
table.issues td:first-child { width: 34%; }
.nowrap { white-space: nowrap; }
table.actions td.num { padding-right: 14px; }
/* a memo is what a team typed: a pasted link or a row of letters with no space breaks where it must
   (it pushed the table off the page), and its spaces are kept as typed (an indented line) */
table.memos { table-layout: fixed; } table.memos th:first-child { width: 18%; }
table.memos td { overflow-wrap: anywhere; } table.memos p { margin: 0 0 .3em; white-space: pre-wrap; }
table.actor-table { table-layout: fixed; }
table.actor-table th:nth-child(1) { width: 19%; } table.actor-table th:nth-child(2) { width: 31%; }
/* many or long issue names: the table keeps to the page, its cells wrap (names after their first
   word: who(..., one_line=12)) */
table.map { font-size: 8pt; width: 100%; } table.map td, table.map th { padding: 2px 3px; }
table.map th.num, table.map td.num { white-space: normal; }
/* more issues than fit side by side (MAP_TABLE_FIXED_ABOVE): fixed columns, the issue names set
   sideways (read from below, as in a printed table), and a word wider than its cell breaks
   instead of pushing the table off the page */
table.map.many { table-layout: fixed; font-size: 7pt; }
table.map.many td { overflow-wrap: anywhere; }
table.map.many th:first-child { width: 17%; vertical-align: bottom; }
table.map.many th.num { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left;
                        vertical-align: middle; white-space: normal; max-height: 16em; padding: 4px 2px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: var(--brass);
          font-weight: 700; }
.kicker.section-start { margin-top: 2.2em; padding-top: 6px; border-top: 3px double var(--rule); }
.subtitle { font-size: 11.5pt; color: var(--muted); margin-top: 0; }
.muted { color: var(--muted); }
.small { font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; font-size: 9.5pt; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-size: 8.5pt; font-weight: 700; border-bottom: 1.5px solid #777; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { border-top: 1.5px solid #777; font-weight: 700; }
/* a row's sentences (table(notes=...): the debrief's grade sheet) on a line of their own under it */
tr.noted td { border-bottom: none; }
tr.note td { padding: 0 6px 4px 2.6em; }
tr.note .sans { font-size: 8pt; font-weight: 700; color: var(--muted); }
.tag { display: inline-block; border: 1px solid currentColor; border-radius: 3px; padding: 0 4px;
       font-size: 7.5pt; line-height: 1.5; text-transform: uppercase; letter-spacing: .04em;
       vertical-align: 1px; white-space: nowrap; }
.tag.private { border-style: dashed; color: var(--warn); }
.tag.yes { font-weight: 700; }
.tag.no { color: var(--muted); }
.badge { display: inline-block; min-width: 2.3em; padding: 0 3px; border: 1px solid #333;
         border-radius: 3px; text-align: center; font-size: 8pt; font-weight: 700; color: #111; }
.box { border: 1.5px solid var(--blue); border-radius: 4px; padding: 6px 10px; margin: .6em 0; }
.box.secret { border: 2px dashed var(--warn); }
.box.secret > .kicker { color: var(--warn); }
.box > :first-child { margin-top: 0; }
.stats { display: flex; flex-wrap: wrap; gap: 6px; margin: .5em 0; }
.stat { flex: 1 1 0; min-width: 7em; border: 1px solid var(--rule); border-radius: 4px; padding: 4px 8px; }
.stat b { display: block; font-size: 15pt; color: var(--blue); }
.stat span { font-size: 8.5pt; color: var(--muted); }
figure { margin: .6em 0 1em; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 8.5pt; color: var(--muted); margin-top: 3px; }
.cols { display: flex; gap: 14px; } .cols > * { flex: 1 1 0; min-width: 0; }
.nav { font-size: 9pt; }
blockquote { margin: .4em 0; padding: 2px 10px; border-left: 3px solid var(--brass); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: .4em 0; }
dl.facts dt { font-weight: 700; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; }
dl.facts dd { margin: 0; }
footer.foot { margin-top: 1.5em; font-size: 8pt; color: var(--muted); border-top: 1px solid var(--rule);
              padding-top: 3px; }
/* a phone (a student reading the brief, a teacher the debrief): the page loses its margins and a
   table wider than the screen scrolls sideways on its own instead of pushing the page off it */
@media screen and (max-width: 640px) {
  body { background: #fff; }
  main.page, section.page { margin: 0; padding: 4mm 3.5mm; box-shadow: none; }
  table { display: block; overflow-x: auto; }
}
@media print {
  body { background: #fff; font-size: 10pt; }
  main.page, section.page { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  .pagebreak, section.page + section.page { break-before: page; page-break-before: always; }
  h2, h3, h4, .kicker { break-after: avoid; page-break-after: avoid; }
  /* a heading's first short paragraph (an intro line, a subtitle) stays with what it introduces: the
     heading and one line alone at a page's foot, its table on the next page, was a page of its own */
  h2 + p, h3 + p { break-after: avoid; page-break-after: avoid; }
  tr, figure, .box, .stat, .keep { break-inside: avoid; page-break-inside: avoid; }
  tr.noted { break-after: avoid; page-break-after: avoid; }  /* a row and its sentences on one page */
  a { color: inherit; text-decoration: none; }
  a[href$=".html"]::after { content: " (" attr(href) ")"; font-size: 8pt; }  /* the file to open */
  footer.foot { margin-top: .8em; }
  p.tags { margin: .2em 0; }
  .noprint { display: none; }
  figure.map svg { max-height: var(--print-height, none); width: auto; max-width: 100%; margin: 0 auto; }
}
"""

_PAGE_SIZE = {"auto": "", "a4": "size: A4;", "letter": "size: letter;"}


def esc(value: object) -> str:
    """Escape any text for HTML (quotes too, so it is safe in attributes)."""
    return _html.escape("" if value is None else str(value), quote=True)


def fmt(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}"


def whole(value: float) -> str:
    """A score as a whole number that agrees with the grade sheet, which shows one decimal: rounded
    to one decimal first (as the CSV has it), then halves up, as a teacher rounds (62.508 is 62.5 in
    the CSV and 63 here; Python's own rounding would give 62 for 62.5 but 90 for 89.5)."""
    d = Decimal(repr(round(float(value), 1))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return str(int(d))


def pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def css_string(value: str) -> str:
    """Any text as a quoted CSS string, safe inside a <style> element: quotes, backslashes, angle
    brackets, ampersands and control characters become CSS escapes (a scenario's title or a role's
    name reaches the print footer this way, never as markup)."""
    out = []
    for ch in str(value):
        if ch in '"\\<>&\'' or ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 or ch in "\u2028\u2029":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_FOOT_FONT = 'font: 8pt "DejaVu Sans", Arial, sans-serif; color: #222;'

FOOT_MAX = 150
"""The most characters of a printed page's foot: two lines on A4 and Letter (three of the widest
letters), which the page's 15 mm bottom margin holds. A longer foot (a scenario author's long title,
a long role name) is cut with "…"; four lines or more ran off the paper's edge."""

FOOT_WORD = 30
"""A longer run of letters without a space (a title written as one word, a URL) gets a break
opportunity every so many letters: Chromium's page-margin boxes ignore overflow-wrap and
word-break, and such a word ran out of its box into "page N of M" beside it."""


def foot_text(text: str) -> str:
    """``text`` fitted to a printed page's foot: at most :data:`FOOT_MAX` characters, its longest
    part (between " · ", most often the scenario's title) cut first with "…", so that the role, what
    the sheet is and the debrief's seed stay; then no run of more than :data:`FOOT_WORD` letters
    without a break opportunity (a zero-width space)."""
    parts = text.split(" · ")
    over = len(text) - FOOT_MAX
    if over > 0:
        n = max(range(len(parts)), key=lambda i: len(parts[i]))
        keep = len(parts[n]) - over - 1
        if keep >= 12:
            cut = parts[n][:keep]
            if parts[n][keep] != " " and " " in cut[keep // 2:]:  # at the end of a word
                cut = cut.rsplit(" ", 1)[0]
            parts[n] = cut.rstrip(" ,;:") + "…"
    text = " · ".join(parts)
    if len(text) > FOOT_MAX:  # several long parts: cut the end
        text = text[:FOOT_MAX - 1].rstrip() + "…"
    out, run = [], 0
    for n, ch in enumerate(text):
        if ch == " ":
            run = 0
        elif run >= FOOT_WORD and _starts_a_letter(ch) and text[n - 1] != "\u200d":
            out.append("\u200b")  # (not before a combining mark, a Thai vowel or an emoji's joiner or modifier:
            run = 0  # a break there drew the mark alone on a dotted circle, or split the emoji)
        out.append(ch)
        run += ch != " "
    return "".join(out)


def _starts_a_letter(ch: str) -> bool:
    """Whether ``ch`` begins what a reader sees as one letter (a break before it splits nothing)."""
    return not (unicodedata.category(ch).startswith("M") or ch == "\u200d" or "\ufe00" <= ch <= "\ufe0f"
                or "\U0001f3fb" <= ch <= "\U0001f3ff")


def running_footer(text: str, page_name: str = "") -> str:
    """The foot of every printed page: what the sheet is (``text``: the role, the guide, the
    debrief) on the left and "page N of M" on the right, so loose sheets can be sorted and a role's
    sheets told apart. ``page_name`` gives it to one named page only (the briefs in all-briefs.html,
    each with its role's name). Browsers with CSS page-margin boxes (Chromium 131+, Safari 18.2+) print
    these instead of their own header and footer; others print their own, as before. A long ``text``
    is fitted (:func:`foot_text`) and wraps within its own box, which keeps a 4 mm gap before the page
    number: a long title ran into "page N of M" or off the paper.

    A named page's sheets are numbered on their own too ("page 2 · file page 17 of 72"): a counter of
    the page's name counts its pages only. Chromium (150) cannot restart the page counter itself
    (counter-reset on the element or on a named @page is ignored or applies to every page of the name;
    no :nth() page selector) nor count a named page's total, so its last sheet cannot say "of 8"."""
    rule = f"@page {page_name}" if page_name else "@page"
    number = (f'"page " counter({page_name}) " · file page " counter(page) " of " counter(pages)'
              if page_name else '"page " counter(page) " of " counter(pages)')
    return (f"{rule} {{ @bottom-left {{ content: {css_string(foot_text(text))}; {_FOOT_FONT} "
            "padding-right: 4mm; } "
            f"@bottom-right {{ content: {number}; {_FOOT_FONT} white-space: nowrap; }} "
            + (f"counter-increment: {page_name}; " if page_name else "") + "}")


def document(title: str, body: str, paper: str = "auto", lang: str = "en", foot: str = "",
             named_feet: Sequence[tuple[str, str]] = ()) -> str:
    """A complete, self-contained HTML page (``body`` is already-escaped markup). ``foot`` is the
    text at the foot of every printed page (see :func:`running_footer`); ``named_feet`` are
    (page name, text) pairs for parts of the body printed on named pages (``style="page: NAME"``)."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
    page_rule = f"@page {{ {_PAGE_SIZE[paper]} margin: 14mm 14mm 15mm; }}"
    if foot:
        page_rule += "\n" + running_footer(foot)
    for name, text_ in named_feet:
        page_rule += "\n" + running_footer(text_, name)
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}{page_rule}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], num: Sequence[int] = (),
          cls: str = "", notes: Sequence[str] = ()) -> str:
    """A table; ``headers`` are plain text, cells are markup; ``num`` columns align right. ``notes``
    (markup, one per row, "" for none) are set under their row, across the whole table: a column of
    sentences beside many short ones was squeezed to a word a line."""
    nums = set(num)
    head = "".join(f'<th{" class=num" if n in nums else ""}>{esc(h)}</th>' for n, h in enumerate(headers))
    notes = list(notes)
    body = ""
    for n, row in enumerate(rows):
        note = notes[n] if n < len(notes) else ""
        body += (("<tr class=noted>" if note else "<tr>")
                 + "".join(f'<td{" class=num" if k in nums else ""}>{c}</td>' for k, c in enumerate(row))
                 + "</tr>" + (f'<tr class=note><td colspan="{len(headers)}">{note}</td></tr>'
                              if note else ""))
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of '#rgb' or '#rrggbb' (0 black .. 1 white)."""
    h = colour.strip().lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    try:
        rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    except ValueError:
        return 0.5

    def lin(x: float) -> float:
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 .. 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_for(background: str, ink: str | tuple[str, ...] = "#111",
            black_white: tuple[str, str] = ("#000", "#fff")) -> str:
    """Text colour for a delegation's colour (from the scenario): ``ink`` (or of several, the one
    that reads best) when it reads at 4.5:1 (WCAG AA), else black or white, whichever reads better.
    The window's badges use this with its two palette inks (game/ui/theme.py)."""
    best = ink if isinstance(ink, str) else max(ink, key=lambda c: contrast(c, background))
    if contrast(best, background) >= 4.5:
        return best
    return max(black_white, key=lambda c: contrast(c, background))


def badge(short: str, colour: str, title: str = "") -> str:
    attr = f' title="{esc(title)}"' if title else ""
    ink = ink_for(colour)
    style = f"background:{esc(colour)}" + (f";color:{ink}" if ink != "#111" else "")
    return f'<span class="badge" style="{style}"{attr}>{esc(short)}</span>'


WHO_ONE_LINE = 24
"""Names up to this many characters stay on one line beside their badge; longer ones may wrap."""


def who(short: str, colour: str, name: str, one_line: int = WHO_ONE_LINE) -> str:
    """A delegation's badge and name: on one line, or for a long name ('United Kingdom of Great
    Britain and Northern Ireland') the badge and the first word, the rest free to wrap, so that one
    name does not squeeze every other column of a table."""
    if len(name) <= one_line or " " not in name.strip():
        return f'<span class="nowrap">{badge(short, colour)} {esc(name)}</span>'
    first, rest = name.strip().split(" ", 1)
    return f'<span class="nowrap">{badge(short, colour)} {esc(first)}</span> {esc(rest)}'


def tag(text: str, kind: str = "") -> str:
    return f'<span class="tag {esc(kind)}">{esc(text)}</span>'


def paragraphs(text: str) -> str:
    """Scenario prose as paragraphs (blank lines split them)."""
    parts = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    return "".join(f"<p>{esc(' '.join(p.split()))}</p>" for p in parts)


# --- colours -------------------------------------------------------------------

def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    if len(c) != 6:
        return (120, 120, 120)
    try:
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except ValueError:
        return (120, 120, 120)


def darken(colour: str, amount: float = 0.45) -> str:
    """A darker shade (the scenario palette is light, made for a dark table; paper needs ink)."""
    r, g, b = _rgb(colour)
    return "#{:02x}{:02x}{:02x}".format(*(int(v * (1 - amount)) for v in (r, g, b)))


def paper_ink(colour: str, background: str = "#fff", ratio: float = 7.0) -> str:
    """``colour`` darkened just enough to read as small text at ``ratio`` (7:1, WCAG AAA) on
    ``background``: a chart label in a delegation's colour keeps that hue, but a light one (a yellow,
    a pale grey) no longer prints as a faint grey on a black-and-white printer."""
    shade, amount = colour, 0.0
    while contrast(shade, background) < ratio and amount < 1:
        amount = min(1.0, amount + 0.05)
        shade = darken(colour, amount)
    return shade


# --- SVG primitives ------------------------------------------------------------

SHAPES = ("circle", "square", "diamond", "triangle", "down", "hexagon", "star", "cross", "plus")
DASHES = ("", "6 3", "2 2", "8 3 2 3", "1 3", "10 4")


def svg(width: int, height: int, body: str, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{esc(label)}" '
            f'font-family="DejaVu Sans, Arial, sans-serif"><title>{esc(label)}</title>{_DEFS}{body}</svg>')


_DEFS = ('<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
         'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
         '<line x1="0" y1="0" x2="0" y2="6" stroke="#333" stroke-width="2"/></pattern>'
         '<pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse">'
         '<rect width="5" height="5" fill="#e6e6e6"/><circle cx="2.5" cy="2.5" r="1" fill="#555"/>'
         '</pattern></defs>')


def text(x: float, y: float, s: str, size: float = 11, anchor: str = "start", weight: str = "normal",
         fill: str = "#222", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}"{extra}>{esc(s)}</text>')


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = "#999", width: float = 1,
         dash: str = "") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
            f'stroke-width="{width}"{d}/>')


def marker(shape: str, x: float, y: float, r: float, fill: str, stroke: str = "#111",
           width: float = 1.2, title: str = "", dash: str = "") -> str:
    """A point marker; shapes differ so charts survive black-and-white printing."""
    t = f"<title>{esc(title)}</title>" if title else ""
    common = f'fill="{fill}" stroke="{stroke}" stroke-width="{width:.2f}"'
    if dash:
        common += f' stroke-dasharray="{dash}"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}>{t}</circle>'
    if shape == "square":
        s = r * 0.9
        return (f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" '
                f"{common}>{t}</rect>")
    pts: list[tuple[float, float]]
    if shape == "diamond":
        pts = [(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)]
    elif shape == "triangle":
        pts = [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
    elif shape == "down":
        pts = [(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)]
    elif shape == "hexagon":
        pts = [(x + r * math.cos(a), y + r * math.sin(a)) for a in (math.pi / 3 * k for k in range(6))]
    elif shape == "star":
        pts = [(x + (r * 1.35 if k % 2 == 0 else r * 0.6) * math.sin(math.pi * k / 5),
                y - (r * 1.35 if k % 2 == 0 else r * 0.6) * math.cos(math.pi * k / 5)) for k in range(10)]
    elif shape in ("cross", "plus"):
        a = r * 1.1
        rot = f' transform="rotate(45 {x:.1f} {y:.1f})"' if shape == "cross" else ""
        return (f'<g{rot}><rect x="{x - a:.1f}" y="{y - a / 3:.1f}" width="{2 * a:.1f}" '
                f'height="{2 * a / 3:.1f}" {common}/><rect x="{x - a / 3:.1f}" y="{y - a:.1f}" '
                f'width="{2 * a / 3:.1f}" '
                f'height="{2 * a:.1f}" {common}/>{t}</g>')
    else:
        return marker("circle", x, y, r, fill, stroke, width, title)
    p = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
    return f'<polygon points="{p}" {common}>{t}</polygon>'


def spread(values: Sequence[float], gap: float, lo: float, hi: float) -> list[float]:
    """Move label positions apart (keeping their order) so none are closer than ``gap``,
    staying within [lo, hi]; when they cannot all fit, they share the space evenly."""
    if not values:
        return []
    order = sorted(range(len(values)), key=lambda n: values[n])
    pos = [float(values[n]) for n in order]
    pos[0] = max(pos[0], lo)
    for n in range(1, len(pos)):
        pos[n] = max(pos[n], pos[n - 1] + gap)
    if pos[-1] > hi:
        pos[-1] = hi
        for n in range(len(pos) - 2, -1, -1):
            pos[n] = min(pos[n], pos[n + 1] - gap)
    if pos[0] < lo:
        step = (hi - lo) / max(len(pos) - 1, 1)
        pos = [lo + n * step for n in range(len(pos))]
    out = [0.0] * len(values)
    for n, i in enumerate(order):
        out[i] = pos[n]
    return out


def when(date, long: bool = False) -> str:
    """A date as '2 Apr 1999' or '2 April 1999' (no leading zero, on every platform)."""
    return f"{date.day} {date:%B %Y}" if long else f"{date.day} {date:%b %Y}"


# --- charts --------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    x: float
    y: float
    shape: str = "circle"
    fill: str = "#bbb"
    stroke: str = "#444"
    r: float = 5.0
    label: str = ""
    title: str = ""
    below: bool = False  # put the label under the point (when another label sits above)


def scatter(points: Sequence[Point], x_title: str, y_title: str, label: str,
            legend: Sequence[Point] = (), width: int = 640, height: int = 420,
            path: Sequence[tuple[float, float]] = (), tick_scale: float = 1.0) -> str:
    """A scatter on [0, 1] x [0, 1] with grid, ticks, point labels and a legend; ``path``: a line
    through those points, drawn under the markers; ``tick_scale``: what 1 reads as on the axes
    (100: ticks 0 to 100)."""
    left, right, top, bottom = 58, 16, 16, 78 if legend else 48
    pw, ph = width - left - right, height - top - bottom

    def px(v: float) -> float:
        return left + pw * min(max(v, 0.0), 1.0)

    def py(v: float) -> float:
        return top + ph * (1 - min(max(v, 0.0), 1.0))

    out = [f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fff" stroke="#666"/>']
    for k in range(11):
        v = k / 10
        major = k % 2 == 0
        out.append(line(px(v), top, px(v), top + ph, "#d4d4d4" if major else "#eee"))
        out.append(line(left, py(v), left + pw, py(v), "#d4d4d4" if major else "#eee"))
        if major:
            tick = f"{v:.1f}" if tick_scale == 1 else f"{v * tick_scale:g}"
            out.append(text(px(v), top + ph + 15, tick, 10, "middle"))
            out.append(text(left - 6, py(v) + 4, tick, 10, "end"))
    out.append(text(left + pw / 2, top + ph + 33, x_title, 11.5, "middle", "bold"))
    out.append(text(15, top + ph / 2, y_title, 11.5, "middle", "bold",
                    extra=f' transform="rotate(-90 15 {top + ph / 2:.1f})"'))
    if len(path) > 1:
        d = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in path)
        out.append(f'<polyline points="{d}" fill="none" stroke="#1f3a5f" stroke-width="2" '
                   'stroke-linejoin="round"/>')
    for p in points:
        out.append(marker(p.shape, px(p.x), py(p.y), p.r, p.fill, p.stroke, title=p.title))
    for p in points:
        if p.label:
            anchor = "end" if p.x > 0.8 else "start"
            # near the right edge the label ends over the marker itself (not left of it, where it
            # read as the label of the next grey disc of the AI-only games)
            dx = p.r if anchor == "end" else p.r + 5
            dy = (p.r + 13 if p.below else -p.r - 2) + ((4 if p.below else -4) if anchor == "end" else 0)
            out.append(text(px(p.x) + dx, py(p.y) + dy, p.label, 11, anchor, "bold",
                            extra=' stroke="#fff" stroke-width="3" paint-order="stroke"'))
    if legend:
        x = left
        y = height - 16
        for p in legend:
            r = min(p.r, 6)
            half = 1.4 * r  # half the widest shape (a star reaches 1.35 r from its centre)
            out.append(marker(p.shape, x + half, y - 4, r, p.fill, p.stroke))
            out.append(text(x + 2 * half + 5, y, p.label, 10.5))
            x += 2 * half + 5 + 6.2 * len(p.label) + 14
    return svg(width, height, "".join(out), label)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]
    colour: str
    shape: str = "circle"
    dash: str = ""
    title: str = ""


def line_chart(series: Sequence[Series], x_labels: Sequence[str], y_labels: Sequence[str],
               label: str, y_title: str = "", width: int = 680, height: int = 380) -> str:
    """Lines over rounds on a level axis (0 .. len(y_labels)-1), labels de-overlapped at the end."""
    left, right, top, bottom = 118, 112, 14, 40
    pw, ph = width - left - right, height - top - bottom
    n_y = max(len(y_labels) - 1, 1)
    n_x = max(len(x_labels) - 1, 1)

    def px(i: float) -> float:
        return left + pw * i / n_x

    pad = 12  # keeps dodged lines at the extreme levels inside the frame

    def py(v: float) -> float:
        return top + pad + (ph - 2 * pad) * (1 - v / n_y)

    out = [f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fff" stroke="#666"/>']
    most = max(1, int((py(0) - py(1)) // 11)) if len(y_labels) > 1 else 4  # lines between two levels
    for k, name in enumerate(y_labels):
        out.append(line(left, py(k), left + pw, py(k), "#cfcfcf"))
        rows = _lines(name, 17, min(most, 4))
        half = (len(rows) - 1) * 5.5
        y = min(max(py(k), top + 6 + half), top + ph - 6 - half)  # inside the frame, clear of the x labels
        out.extend(text(left - 8, y + 4 - half + j * 11, row, 10, "end") for j, row in enumerate(rows))
    for k in range(2 * n_y):
        if k % 2:
            out.append(line(left, py(k / 2), left + pw, py(k / 2), "#eee", dash="3 3"))
    for i, name in enumerate(x_labels):
        out.append(line(px(i), top, px(i), top + ph, "#eee"))
        out.append(text(px(i), top + ph + 15, name, 9.5, "middle"))
    if y_title:
        out.append(text(left + pw / 2, height - 6, y_title, 10.5, "middle", "bold"))
    mid = (len(series) - 1) / 2
    dodge = {id(s): (n - mid) * 1.4 for n, s in enumerate(series)}  # keeps equal lines apart

    def py_s(v: float, s: Series) -> float:
        return py(v) + dodge[id(s)]

    for s in series:
        pts = " ".join(f"{px(i):.1f},{py_s(v, s):.1f}" for i, v in enumerate(s.values))
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        out.append(f'<polyline points="{pts}" fill="none" stroke="{s.colour}" stroke-width="2"{dash}/>')
    for s in series:
        for i, v in enumerate(s.values):
            out.append(marker(s.shape, px(i), py_s(v, s), 3.6, "#fff", s.colour, 1.6,
                              title=f"{s.title or s.label}: {v:.2f}"))
    ends = [py_s(s.values[-1], s) for s in series if s.values]
    spots = spread(ends, 12.5, top + 4, top + ph + 4)
    for s, y0, y1 in zip([s for s in series if s.values], ends, spots, strict=True):
        x0 = px(len(s.values) - 1)
        out.append(line(x0 + 5, y0, x0 + 16, y1, s.colour, 1))
        out.append(marker(s.shape, x0 + 22, y1, 3.6, "#fff", s.colour, 1.6))
        out.append(text(x0 + 30, y1 + 4, s.label, 10, weight="bold", fill=paper_ink(s.colour)))
    return svg(width, height, "".join(out), label)


def wrap_label(x: float, y: float, s: str, size: float, anchor: str, chars: int,
               weight: str = "normal") -> list[str]:
    """A label broken into lines of about ``chars`` characters, centred vertically on ``y``."""
    words, lines_, cur = s.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > chars:
            lines_.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    if cur:
        lines_.append(cur)
    y0 = y + 4 - (len(lines_) - 1) * size * 0.55
    return [text(x, y0 + n * size * 1.1, ln, size, anchor, weight) for n, ln in enumerate(lines_)]


@dataclass(frozen=True)
class BarSeries:
    label: str
    fill: str  # a colour or "url(#hatch)" / "url(#dots)"


_BAR_CHAR_PX = 6.9  # mean width of a character of a 10.5 px bold DejaVu Sans label


def _lines(label: str, chars: int, most: int) -> list[str]:
    """``label`` broken at spaces into at most ``most`` lines of about ``chars`` characters; the
    last line ends in '…' when the label does not fit."""
    rows: list[str] = []
    for word in label.split():
        if rows and len(rows[-1]) + 1 + len(word) <= chars:
            rows[-1] += " " + word
        else:
            rows.append(word)
    if len(rows) > most or any(len(r) > chars for r in rows):
        rows = rows[:most]
        if len(rows[-1]) > chars - 1 or len(label.split()) > sum(len(r.split()) for r in rows):
            rows[-1] = rows[-1][:chars - 1].rstrip() + "…"
    return rows or [""]


def bar_chart(rows: Sequence[tuple[str, Sequence[float | None]]], series: Sequence[BarSeries],
              label: str, vmax: float = 100.0, width: int = 680, unit: str = "") -> str:
    """Horizontal grouped bars: one group per row, one bar per series (None = no bar)."""
    bar_h, gap = 9, 8
    group_h = bar_h * len(series) + gap
    # the names, right-aligned before the bars: a margin wide enough for the longest (up to a third of
    # the chart), and names that are still too long wrap onto as many lines as a group has room for
    longest = max((len(name) for name, _ in rows), default=0)
    left = int(min(max(120, longest * _BAR_CHAR_PX + 14), width / 3))
    right, top = 40, 30
    chars = max(8, int((left - 14) / _BAR_CHAR_PX))
    most = max(1, int(group_h // 12))
    height = top + group_h * len(rows) + 30
    pw = width - left - right

    def px(v: float) -> float:
        return left + pw * max(0.0, min(v, vmax)) / vmax

    out = []
    x = left
    for s in series:
        out.append(f'<rect x="{x}" y="8" width="14" height="10" fill="{s.fill}" stroke="#222"/>')
        out.append(text(x + 19, 17, s.label, 10.5))
        x += 36 + 6.3 * len(s.label)
    for k in range(11):
        v = vmax * k / 10
        out.append(line(px(v), top - 4, px(v), top + group_h * len(rows), "#e3e3e3" if k % 5 else "#bbb"))
        if k % 2 == 0:
            out.append(text(px(v), top + group_h * len(rows) + 14, f"{v:g}{unit}", 9.5, "middle"))
    for r, (name, values) in enumerate(rows):
        y = top + r * group_h
        names = _lines(name, chars, most)
        y0 = y + group_h / 2 + 1 - (len(names) - 1) * 6
        for j, part in enumerate(names):
            out.append(text(left - 8, y0 + j * 12, part, 10.5, "end", "bold"))
        for n, (s, v) in enumerate(zip(series, values, strict=False)):
            if v is None:
                continue
            yy = y + n * bar_h
            out.append(f'<rect x="{left}" y="{yy:.1f}" width="{px(v) - left:.1f}" height="{bar_h - 1}" '
                       f'fill="{s.fill}" stroke="#222" stroke-width=".7"><title>{esc(name)}, '
                       f'{esc(s.label)}: {v:.1f}</title></rect>')
            out.append(text(px(v) + 3, yy + bar_h - 2, whole(v), 8.5))
    return svg(width, height, "".join(out), label)


def stacked_bar(segments: Sequence[tuple[str, float, str]], total: float, label: str,
                vmax: float = 100.0, width: int = 680) -> str:
    """One horizontal bar split into labelled segments (label, value, fill), with a key below."""
    left, right, top, h = 10, 10, 10, 30
    pw = width - left - right
    out, x = [], float(left)
    keys = []
    for n, (name, value, fill) in enumerate(segments):
        w = pw * max(value, 0.0) / vmax
        if w <= 0:
            continue
        out.append(f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{h}" fill="{fill}" stroke="#222" '
                   f'stroke-width=".8"><title>{esc(name)}: {value:.1f}</title></rect>')
        if w > 22:
            out.append(text(x + w / 2, top + h / 2 + 4, f"{n + 1}", 10, "middle", "bold",
                            extra=' stroke="#fff" stroke-width="3" paint-order="stroke"'))
        keys.append((n + 1, name, value, fill))
        x += w
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{h}" fill="none" stroke="#444"/>')
    out.append(line(left + pw * total / vmax, top - 6, left + pw * total / vmax, top + h + 6, "#000", 2))
    for k in range(11):
        v = vmax * k / 10
        out.append(text(left + pw * v / vmax, top + h + 16, f"{v:g}", 9, "middle"))
    cols = 3
    col_w = pw / cols
    for j, (num, name, value, fill) in enumerate(keys):
        cx = left + (j % cols) * col_w
        cy = top + h + 34 + (j // cols) * 16
        out.append(f'<rect x="{cx:.1f}" y="{cy - 9}" width="12" height="11" fill="{fill}" stroke="#222"/>')
        shown = name if len(name) <= 30 else name[:29].rstrip() + "…"
        out.append(text(cx + 17, cy, f"{num}. {shown} ({value:.1f})", 9.5))
    height = top + h + 34 + ((len(keys) + cols - 1) // cols) * 16
    return svg(width, int(height), "".join(out), label)
