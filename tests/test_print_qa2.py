"""Printed-page QA, round 2: a scenario author's long title in the printed page foot, and the
debrief's grade sheet on screen (1280 and 800 px wide) and on A4.

Checked as PDFs and screenshots made by headless Chromium 150 and looked at as images; these tests
pin what the fixes rely on (see tests/test_print_qa.py for the first round).

- A long foot wrapped onto three or more lines (a 500-character title: five lines, the last cut off
  by the paper's edge), and a title written as one word (or a URL) ran out of the left page-margin
  box straight across "page N of M": 24.6 pt of overlap on an A4 page. Chromium's margin boxes
  ignore overflow-wrap, word-break and overflow, so the text itself is fitted.
- The grade sheet's eleventh column, "What was said and done", the only one of sentences, was
  squeezed to 55-70 px beside ten short ones: its notes took four or five lines of a word or two,
  its header four lines, and at 800 px the table (703 px) ran 31 px past the page (672 px)."""

from __future__ import annotations

import re

import pytest
from test_briefs import check_html

from game.report import debrief as D
from game.report import html as H
from game.report.actor_sheet import actor_table_page
from game.report.briefs import all_briefs, facilitator_guide, index_page, map_page, role_brief
from game.session.simulate import play_one

LONG_TITLE = ("Prolong or Adapt? The Commonwealth of Independent States Collective Security Treaty Renewal "
              "Negotiations, Moscow and Tashkent, January to April 1999")
LONG_NAME = "Russian Federation and its Delegation of the Security Council Plenipotentiaries"
FOOT_MAX = getattr(H, "FOOT_MAX", 150)  # two lines of the foot on A4 and Letter
FOOT_WORD = getattr(H, "FOOT_WORD", 30)


def _style(page: str) -> str:
    m = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert m is not None
    return m.group(1)


def _css_text(s: str) -> str:
    """A CSS string's text (its escapes undone)."""
    return re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), s)


def _feet(page: str) -> list[tuple[str, str]]:
    """(the declarations, the text) of every bottom-left page-margin box of a page."""
    return [(decl, _css_text(text)) for text, decl in
            re.findall(r'@bottom-left \{ content: "((?:[^"\\]|\\.)*)";([^}]*)\}', _style(page))]


@pytest.fixture(scope="module")
def long_sc(sc):
    actors = [a.model_copy(update={"name": LONG_NAME}) if a.id == "russia" else a for a in sc.actors]
    return sc.model_copy(update={"title": LONG_TITLE, "actors": actors})


@pytest.fixture(scope="module")
def long_pages(long_sc):
    """Every kind of printed sheet of the scenario with the long title and role name."""
    match = play_one(long_sc, 7, scenario_ref="cst-1999")
    return {"brief": role_brief(long_sc, "russia"), "all-briefs": all_briefs(long_sc),
            "map": map_page(long_sc), "guide": facilitator_guide(long_sc),
            "actor table": actor_table_page(long_sc, "auto"), "index": index_page(long_sc),
            "debrief": D.render(D.analyse(match, 0, seed=1))}


def test_a_long_title_is_cut_in_every_printed_foot(long_pages):
    """A 125-character title beside an 84-character role name made a 240-character foot, three lines
    of 8 pt; a longer one ran off the paper. Every foot now keeps to FOOT_MAX characters (two lines
    on A4 and Letter), the title cut with "…", while what sorts the sheets stays: the role, what the
    sheet is, the debrief's seed."""
    assert FOOT_MAX <= 150
    for kind, page in long_pages.items():
        check_html(page)
        feet = _feet(page)
        assert feet, kind
        for _, text in feet:
            shown = text.replace("\u200b", "")
            assert len(shown) <= FOOT_MAX, (kind, len(shown), shown)
            assert "…" in shown, (kind, shown)
    brief = _feet(long_pages["brief"])[0][1]
    assert brief.startswith(f"{LONG_NAME} · role brief, confidential · Prolong or Adapt?")
    debrief = _feet(long_pages["debrief"])[0][1]
    assert debrief.startswith("Debrief · Prolong or Adapt?") and re.search(r" · seed \d+$", debrief)
    russia = next(t for _, t in _feet(long_pages["all-briefs"]) if t.startswith(LONG_NAME))
    assert russia == brief


def test_the_foot_keeps_a_gap_before_the_page_number(long_pages):
    """The left box ran up to "page N of M" (0.7 pt apart: "... · seed page 1 of 120"): it now ends
    4 mm before it, on every sheet and every named page of all-briefs.html."""
    for kind, page in long_pages.items():
        for decl, _ in _feet(page):
            assert "padding-right: 4mm;" in decl, kind


def test_a_title_without_spaces_breaks_inside_its_own_box():
    """A title written as one word (or a URL) cannot wrap: it ran out of its box across the page
    number. Chromium ignores overflow-wrap in page-margin boxes, so the foot gets a break opportunity
    (a zero-width space) at least every FOOT_WORD letters; a short foot is left as it was."""
    word = "TheCommonwealthOfIndependentStatesCollectiveSecurityTreatyRenewalNegotiations1999"
    page = H.document("t", "<p>x</p>", foot=f"Debrief · {word} · seed 1231472422")
    (_, text), = _feet(page)
    assert text.replace("\u200b", "") == f"Debrief · {word} · seed 1231472422"
    assert max(len(run) for run in re.split(r"[ \u200b]", text)) <= FOOT_WORD
    url = "https://example.org/scenarios/commonwealth-of-independent-states/treaty_renewal_1999_v2"
    assert max(len(run) for run in re.split(r"[ \u200b]", _foot_of(url))) <= FOOT_WORD
    short = "Georgia · role brief, confidential · Prolong or Adapt? The CIS Collective Security Treaty"
    assert _foot_of(short) == short
    accents = _foot_of("e\u0301" * 40)  # no break between a letter and its accent
    assert "\u200b" in accents and "\u200b\u0301" not in accents


def _foot_of(text: str) -> str:
    (_, foot), = _feet(H.document("t", "<p>x</p>", foot=text))
    return foot


def test_a_foot_of_several_long_parts_is_cut_at_its_end():
    text = _foot_of(" · ".join(["word " * 30] * 3))
    assert len(text.replace("\u200b", "")) <= FOOT_MAX and text.endswith("…")


@pytest.fixture(scope="module")
def grade_sheet(scripted):
    page = D.render(D.analyse(scripted, 0, seed=1))
    check_html(page)
    start = page.index("<h2>Grade sheet</h2>")
    return page[start:page.index("</table>", start)]


def test_grade_sheet_notes_sit_under_their_row_across_the_table(grade_sheet, sc):
    """What was said and done (sentences) is set under its role's row, across all ten columns,
    instead of in an eleventh column squeezed to a word a line."""
    heads = re.findall(r"<th[^>]*>([^<]*)</th>", grade_sheet)
    assert heads == ["Role", "Seat", "Signed", "Score", "Objectives", "Actions", "Offers", "Promises",
                     "On final text", "Gap"]
    notes = re.findall(r'<tr class=noted>(.*?)</tr><tr class=note><td colspan="10">'
                       r"<span class=sans>What was said and done:</span> ([^<]*)</td></tr>", grade_sheet)
    by_role = {re.search(r"</span> ([^<]+)</span>", row).group(1): note for row, note in notes}
    assert by_role == {"Belarus": "endorsed the final text but did not sign",
                       "Georgia": "signed across its declared red line on Conflict guarantees",
                       "Kazakhstan": "endorsed the final text but did not sign; privately promised Russia "
                                     "to sign and did not"}
    # the head's row and the rows without notes
    assert grade_sheet.count("<tr>") == 1 + len(sc.actors) - len(by_role)
    print_css = H.CSS[H.CSS.index("@media print"):]
    assert "tr.noted { break-after: avoid; page-break-after: avoid; }" in print_css
    assert "tr.noted td { border-bottom: none; }" in H.CSS


def test_grade_sheet_columns_are_short_and_its_numbers_align_and_stay_whole(grade_sheet):
    """Ten short columns fit A4 and an 800 px window; the counts (Objectives 3/4, Offers 2 (1),
    Promises 0/1 ...) align right in tabular figures and never break across lines (td.num is
    nowrap): they were left-aligned text that an 800 px window could break after "2"."""
    rows = re.findall(r"<tr(?: class=noted)?>(<td.*?)</tr>", grade_sheet)
    assert rows
    for row in rows:
        cells = re.findall(r"<td( class=num)?>(.*?)</td>", row)
        assert len(cells) == 10
        for n, (num, cell) in enumerate(cells[1:], start=1):
            text = re.sub(r"<[^>]+>", "", cell)
            assert len(text) <= 9, text  # no sentences beside the short columns
            assert bool(num) == (n in (3, 4, 5, 6, 7, 9)), (n, text)
        assert re.fullmatch(r"\d+ \(\d+\)", cells[6][1]) and re.fullmatch(r"\d+/\d+", cells[7][1])
    assert ("td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }"
            in H.CSS)
