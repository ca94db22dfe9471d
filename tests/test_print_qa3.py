"""Printed-page QA, round 3: the debrief's "Each role's score" table on screen (1280 and 800 px wide)
and on A4 and Letter, and the page numbers of all-briefs.html.

Checked as PDFs and screenshots made by headless Chromium 150 and looked at as images; these tests
pin what the fixes rely on (see tests/test_print_qa.py and tests/test_print_qa2.py).

- The score table's two columns of sentences, "Objectives met" and "Objectives missed", beside five
  short ones were squeezed to 166 and 149 px in an 800 px window: seven to nine lines a row, the table
  1225 px tall and over three printed A4 pages; "Objective pts" took 97 px for "6/8". The objectives
  are now set under their role's row, as the grade sheet's sentences (table(notes=...)): one to three
  lines a row, the table 803 px tall at 800 px and on one printed page.
- all-briefs.html numbered its pages through the whole file ("page 17 of 72"): cut into handouts,
  Belarus's brief started at page 9. Chromium 150 cannot restart the page counter: counter-reset or
  counter-set of ``page`` on the brief's element is ignored; in a named @page rule it applies to every
  page of that name (each printed "page 0"); ``@page brief-2:first``, ``:nth(1)`` and
  ``:nth(1 of brief-2)`` match nothing; ``counter-reset: pages`` and target-counter() are ignored. What
  does work is a counter of the page's own name, incremented in its @page rule: it counts that brief's
  pages only ("page 1 · file page 9 of 72"). A brief's own total cannot be printed (no counter's final
  value reaches a margin box), so the brief's last sheet says that it is the end."""

from __future__ import annotations

import re

import pytest
from test_briefs import check_html

from game.report import debrief as D
from game.report import html as H
from game.report.briefs import all_briefs, role_brief, role_section
from game.session.simulate import play_one

PAGE_NUMBER = '@bottom-right { content: "page " counter(page) " of " counter(pages);'


def _style(page: str) -> str:
    m = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert m is not None
    return m.group(1)


def _score_table(page: str) -> str:
    start = page.index("<h2>Each role's score</h2>")
    start = page.index("<table", start)
    return page[start:page.index("</table>", start)]


@pytest.fixture(scope="module")
def analysed(scripted):
    return D.analyse(scripted, 0, seed=1)


def test_score_table_objectives_sit_under_their_row(analysed, sc):
    """Met and missed objectives are set under their role's row, across the five short columns,
    each list after a word that says which it is (not told apart by colour or position alone)."""
    page = D.render(analysed)
    check_html(page)
    tab = _score_table(page)
    assert re.findall(r"<th[^>]*>([^<]*)</th>", tab) == ["Role", "Score", "History", "AI", "Objective points"]
    notes = re.findall(r'<tr class=noted>(.*?)</tr><tr class=note><td colspan="5">'
                       r"<span class=sans>Met:</span> ([^<]*)<br><span class=sans>Missed:</span> ([^<]*)"
                       r"</td></tr>", tab)
    assert len(notes) == len(sc.actors)
    ids = {a.name: a.id for a in sc.actors}
    for row, met, missed in notes:
        name = re.search(r"</span> ([^<*†]+?)(?: [*†])?</span>", row).group(1)
        objs = analysed.result.roles[ids[name]].objectives
        want_met = "; ".join(H.esc(o[1].rstrip(". ")) for o in objs if o[2]) or "—"
        want_missed = "; ".join(H.esc(o[1].rstrip(". ")) for o in objs if not o[2]) or "—"
        assert (met, missed) == (want_met, want_missed), name
        cells = re.findall(r"<td( class=num)?>(.*?)</td>", row)
        assert len(cells) == 5
        for n, (num, cell) in enumerate(cells[1:], start=1):
            assert num and len(re.sub(r"<[^>]+>", "", cell)) <= 5, (name, n, cell)  # numbers only
    georgia = next(missed for row, _, missed in notes if "Georgia" in row)
    assert "The treaty is adapted before it is prolonged" in georgia


def test_a_role_without_objectives_gets_no_note(sc):
    """A role scored on the outcome alone keeps its row ("0/0") without an empty Met/Missed line."""
    actors = [a.model_copy(update={"objectives": []}) if a.id == "belarus" else a for a in sc.actors]
    plain = sc.model_copy(update={"actors": actors})
    tab = _score_table(D.render(D.analyse(play_one(plain, 7, scenario_ref="cst-1999"), 0, seed=1)))
    rows = re.findall(r"<tr( class=noted| class=note)?>(.*?)</tr>", tab.split("<tbody>", 1)[1])
    n = next(n for n, (_, row) in enumerate(rows) if "> Belarus</span>" in row)
    assert rows[n][0] == "" and rows[n + 1][0] == " class=noted"  # no note follows Belarus's row
    assert rows[n][1].endswith("<td class=num>0/0</td>")
    assert tab.count("<tr class=note>") == len(sc.actors) - 1


def test_all_briefs_numbers_each_briefs_pages_on_its_own(sc):
    """Each brief's named page counts its own pages with a counter of its own name ("page 1" on the
    first sheet of every brief), then the sheet's place in the file ("file page 9 of 72")."""
    page = all_briefs(sc)
    check_html(page)
    style = _style(page)
    for n, a in enumerate(sc.actors, start=1):
        name = f"brief-{n}"
        rule = re.search(rf"@page {name} \{{ (@bottom-left \{{[^}}]*\}} @bottom-right \{{[^}}]*\}} [^@]*)\}}",
                         style)
        assert rule is not None, name
        assert f"counter-increment: {name};" in rule.group(1)
        assert (f'@bottom-right {{ content: "page " counter({name}) " · file page " counter(page) " of " '
                "counter(pages);") in rule.group(1)
    assert PAGE_NUMBER not in style  # no sheet numbered through the file alone
    assert "counter-reset" not in style


def test_a_single_brief_and_the_other_sheets_keep_page_n_of_m(sc):
    """A brief printed from its own file is the whole file: "page N of M", as before, no counter."""
    style = _style(role_brief(sc, "georgia"))
    assert PAGE_NUMBER in style and "counter-increment" not in style
    foot = H.running_footer("x")
    assert foot.startswith('@page { @bottom-left { content: "x";') and PAGE_NUMBER in foot
    assert "counter-increment" not in foot
    assert H.running_footer("x", "brief-3").endswith("counter-increment: brief-3; }")


def test_a_briefs_last_sheet_says_it_is_the_end(sc):
    """No sheet can print its brief's total ("of 8"), so the small foot on the brief's last sheet says
    that the brief ends there: a handout with its last sheet missing can be told."""
    for a in sc.actors:
        section = role_section(sc, a.id, "brief-1")
        foot = re.search(r'<footer class="foot">([^<]*)</footer></section>$', section)
        assert foot is not None and f"end of the brief for {H.esc(a.name)}" in foot.group(1)


def test_the_guides_roles_in_history_set_their_objectives_under_the_row() -> None:
    """The facilitator guide's "Each role in history" had the same two columns of sentences (nine
    lines a cell at 800 px); its objectives now sit under each role's row too."""
    from game.report.briefs import facilitator_guide
    from game.scenarios.loader import load_scenario

    guide = facilitator_guide(load_scenario("cst-1999"))
    check_html(guide)
    section = guide.split("<h3>Each role in history</h3>", 1)[1].split("</table>", 1)[0]
    assert re.findall(r"<th(?: [^>]*)?>(.*?)</th>", section) == ["Role", "In 1999", "Score"]
    assert section.count("<tr class=note>") == 9 and section.count("Met:</span>") == 9
    assert "Objectives met" not in guide
