"""Printed-page QA (a teacher who prints the kit, the debrief and the grade sheet on A4 and Letter,
in colour and on a greyscale laser printer). Each test names what the printed page got wrong.

The pages were checked as PDFs printed by headless Chromium and looked at as images; these tests
pin the markup and CSS that the fixes rely on."""

from __future__ import annotations

import re

import pytest
from test_briefs import check_html

from game.report import debrief as D
from game.report import html as H
from game.report.actor_sheet import actor_table_page
from game.report.briefs import all_briefs, facilitator_guide, index_page, map_page, role_brief
from game.report.html import CSS, Series, contrast, document, line_chart
from game.session.simulate import play_one

PAGE_NUMBER = '@bottom-right { content: "page " counter(page) " of " counter(pages);'


def _style(page: str) -> str:
    m = re.search(r"<style>(.*?)</style>", page, re.S)
    assert m is not None
    return m.group(1)


def _foot(style: str, page_name: str = "") -> str:
    """The text of the bottom-left page-margin box of ``@page`` (or of the named page)."""
    rule = f"@page {page_name} " if page_name else "@page "
    m = re.search(re.escape(rule) + r'\{ @bottom-left \{ content: "((?:[^"\\]|\\.)*)";', style)
    assert m is not None, f"no printed foot for {rule!r}"
    return m.group(1)


@pytest.fixture(scope="module")
def debrief_page(sc):
    return D.render(D.analyse(play_one(sc, 7, scenario_ref="cst-1999"), 1, seed=1))


def test_every_printed_sheet_of_a_brief_names_its_role_and_page(sc):
    """Printed, only the first page of a brief said whose it was (and the last, in its small footer):
    pages 2-7 of Georgia's 8 carried no role name and no page number, so a dropped stack of nine
    teams' briefs could not be sorted, nor a stray sheet with Georgia's red lines given back."""
    for role, name in (("georgia", "Georgia"), ("russia", "Russia")):
        style = _style(role_brief(sc, role))
        foot = _foot(style)
        assert foot.startswith(f"{name} · role brief, confidential")
        assert PAGE_NUMBER in style


def test_all_briefs_prints_each_role_name_on_that_roles_own_pages(sc):
    """all-briefs.html is printed once and handed out as loose sheets: each brief prints on named
    pages whose foot names its own role (one foot for the whole file could not say whose a sheet is)."""
    page = all_briefs(sc)
    check_html(page)
    style = _style(page)
    for n, a in enumerate(sc.actors, start=1):
        name = f"brief-{n}"
        assert re.search(rf'<section class="page" id="brief-{a.id}" style="page: {name}">', page)
        assert _foot(style, name).startswith(f"{a.name} · role brief, confidential")
        number = f'"page " counter({name}) " · file page " counter(page) " of " counter(pages);'
        assert f"@bottom-right {{ content: {number}" in style  # each brief's pages on their own
    assert "@page { @bottom-left" not in style  # no foot of one role over every page


def test_the_other_printed_pages_say_what_they_are_and_their_page(sc, debrief_page):
    """The map, the facilitator guide (the answer key), the actor table, the index and the debrief
    printed without page numbers or a running title either."""
    pages = {
        "Who wants what · for every delegation": map_page(sc),
        "Facilitator guide, for the teacher only": facilitator_guide(sc),
        "The actor table, for the teacher only": actor_table_page(sc, "auto"),
        "Classroom kit": index_page(sc),
        "Debrief · ": debrief_page,
    }
    for start, page in pages.items():
        style = _style(page)
        assert _foot(style).startswith(start), start
        assert PAGE_NUMBER in style, start
    seed = re.search(r"seed (\d+)", debrief_page)
    assert seed is not None and f"seed {seed.group(1)}" in _foot(_style(debrief_page))


def test_the_printed_foot_keeps_the_paper_size_rule(sc):
    """The foot is added beside the page-size rule (--paper a4 / letter), not instead of it."""
    for paper, rule in (("a4", "size: A4;"), ("letter", "size: letter;")):
        style = _style(role_brief(sc, "georgia", paper=paper))
        assert rule in style and PAGE_NUMBER in style


def test_a_hostile_name_in_the_printed_foot_stays_text():
    """A role's name or a scenario title reaches CSS (the page-margin box), not markup: quotes,
    backslashes and a closing </style> are CSS escapes, so they can neither end the string nor the
    style element."""
    hostile = 'Evil "role" \\ </style><script>alert(1)</script> & \n end'
    s = H.css_string(hostile)
    assert s.startswith('"') and s.endswith('"')
    inner = s[1:-1]
    assert "<" not in inner and ">" not in inner and "\n" not in inner
    assert not re.search(r'(?<!\\)"', inner)  # every quote inside is escaped
    page = document("t", "<p>x</p>", foot=hostile)
    check_html(page)
    assert page.count("</style>") == 1 and "<script>" not in page
    assert H.running_footer("x", "brief-1").startswith("@page brief-1 {")


def test_all_briefs_and_the_index_say_to_print_the_file_one_sided(sc):
    """Chromium does not honour break-before: right (checked: no blank page is added), so a brief with
    an odd number of pages (summit-1999: 5, an A4 ottawa-1997 brief: 7) printed double-sided put the
    next delegation's first page, its confidential instructions, on the back of the previous team's
    last sheet. The index and the screen view of all-briefs.html say to print it one-sided (the
    single brief files can be printed double-sided); the warning itself is not printed."""
    page = all_briefs(sc)
    m = re.search(r'<main class="page noprint"><div class="box secret"><b>([^<]*)</b>', page)
    assert m is not None and "one-sided" in m.group(1)
    assert page.index('class="page noprint"') < page.index('<section class="page"')
    assert ".noprint { display: none; }" in CSS
    from game.report import briefs as B
    one_sided = getattr(B, "ONE_SIDED", "")
    assert "one-sided" in one_sided and one_sided.replace("'", "&#x27;") in index_page(sc)


def test_printed_index_shows_which_file_each_link_opens():
    """Printed, the index listed "Georgia", "Facilitator guide" ... with no file name, and links
    lose their colour in print: the sheet did not say which file to open. Print adds the file."""
    print_css = CSS[CSS.index("@media print"):]
    assert 'a[href$=".html"]::after { content: " (" attr(href) ")";' in print_css


def test_stance_chart_labels_stay_dark_on_a_greyscale_printer(sc, debrief_page):
    """The labels at the end of the stance lines were drawn in the delegation's (darkened) colour:
    Belarus's yellow, Uzbekistan's grey and Georgia's pale blue came out at 3.7-4.0:1, a faint grey
    on a black-and-white printer. They now read at 7:1 and keep their hue."""
    for colour in ("#EEDD88", "#DDDDDD", "#99DDFF", "#8e8451", "#848484"):
        ink = H.paper_ink(colour)
        assert contrast(ink, "#fff") >= 7.0
    assert H.paper_ink("#1f3a5f") == "#1f3a5f"  # already dark: unchanged
    chart = line_chart([Series("BY", [0.0, 1.0], "#8e8451")], ["R1", "R2"], ["lo", "hi"], "t")
    fills = re.findall(r'font-weight="bold" fill="(#[0-9a-f]{6})">BY</text>', chart)
    assert fills and all(contrast(f, "#fff") >= 7.0 for f in fills)
    m = re.search(r"<h2>How the stances moved</h2>(.*?)</figure>", debrief_page, re.S)
    assert m is not None
    labels = re.findall(r'font-weight="bold" fill="(#[0-9a-f]{6})">([A-Z]{2})</text>', m.group(1))
    assert {code for _, code in labels} >= {"BY", "UZ", "GE"}
    assert all(contrast(f, "#fff") >= 7.0 for f, _ in labels)


def test_a_headings_intro_line_stays_with_what_it_introduces(sc):
    """Printed, "The issues on the table" and its one intro line ended page 3 of most briefs (A4 and
    Letter, cst-1999, montreal-1987, ottawa-1997 ...) with the table on page 4; "The situation" and
    its subtitle did the same on Letter. The first paragraph after a heading no longer ends a page."""
    print_css = CSS[CSS.index("@media print"):]
    assert "h2 + p, h3 + p { break-after: avoid; page-break-after: avoid; }" in print_css
    brief = role_brief(sc, "armenia")
    assert re.search(r"<h2>The issues on the table</h2><p[^>]*>Levels are numbered", brief)
    assert re.search(r"<h2>The situation</h2><p class='subtitle'>", brief)
