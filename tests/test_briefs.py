"""Role briefs, the map, the facilitator guide and the index: structure, secrets, escaping."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from game.cli import main
from game.report.briefs import (
    all_briefs,
    brief_filename,
    facilitator_guide,
    index_page,
    map_page,
    objective_rule,
    role_brief,
    write_briefs,
)
from game.scenarios.loader import load_scenario
from game.scenarios.schema import Objective, RedLine

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Checker(HTMLParser):
    """Checks that every opened element is closed in order (our pages close everything)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()


def check_html(page: str) -> list[str]:
    """Parse a page; return its tags (fails on unbalanced markup)."""
    assert page.startswith("<!DOCTYPE html>")
    c = _Checker()
    c.feed(page)
    c.close()
    assert not c.errors, c.errors[:5]
    assert not c.stack, c.stack
    return c.tags


@pytest.fixture(scope="module")
def canary(sc):
    """The seed scenario with a unique marker in every secret of every role."""
    actors = []
    for n, a in enumerate(sc.actors):
        actors.append(a.model_copy(update={
            "confidential": f"CANARY-CONF-{a.id}",
            "notes": f"CANARY-NOTES-{a.id}",
            "objectives": [Objective(id="canary", description=f"CANARY-OBJ-{a.id}", kind="signs")],
            "red_lines": [RedLine(issue="arms", at_most="notification", note=f"CANARY-RL-{a.id}")],
            "outside_option": round(0.99 - 0.01 * n, 2),
            "outside_option_public": 0.5,
        }))
    return sc.model_copy(update={"actors": actors})


def test_kit_files_and_index_links(sc, tmp_path):
    files = write_briefs(sc, tmp_path)
    names = {p.name for p in files}
    assert files[0].name == "index.html"
    assert {"index.html", "facilitator-guide.html", "map.html", "all-briefs.html"} <= names
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    check_html(index)
    for a in sc.actors:
        assert brief_filename(a.id) in names
        assert f'href="{brief_filename(a.id)}"' in index
    for name in ("facilitator-guide.html", "map.html", "all-briefs.html"):
        assert f'href="{name}"' in index


def test_each_brief_has_its_parts(sc):
    for a in sc.actors:
        page = role_brief(sc, a.id)
        tags = check_html(page)
        assert "svg" in tags  # the map of who wants what
        for heading in ("Public profile", "Your objectives", "Your positions", "Your red lines",
                        "Your levers", "Who wants what", "Calendar", "Sources"):
            assert heading in page, (a.id, heading)
        assert a.confidential.split()[0] in page
        for obj in a.objectives:
            assert html.escape(obj.description) in page
        for other in sc.actors:  # every delegation is on the map
            assert f">{other.short}<" in page


def test_no_secret_of_one_role_in_another_roles_brief(canary):
    for a in canary.actors:
        page = role_brief(canary, a.id)
        for key in ("CONF", "OBJ", "RL"):
            assert f"CANARY-{key}-{a.id}" in page, (a.id, key)
        assert f"{a.outside_option:.2f}" in page
        for b in canary.actors:
            if b.id == a.id:
                continue
            for key in ("CONF", "OBJ", "RL", "NOTES"):
                assert f"CANARY-{key}-{b.id}" not in page, (a.id, b.id, key)
            assert f"{b.outside_option:.2f}" not in page, (a.id, b.id)


def test_public_pages_hold_no_secrets(canary):
    for page in (map_page(canary), index_page(canary)):
        check_html(page)
        assert "CANARY" not in page
        for b in canary.actors:
            assert f"{b.outside_option:.2f}" not in page


def test_facilitator_guide_has_plans_questions_and_answer_key(sc):
    page = facilitator_guide(sc)
    check_html(page)
    for part in ("Lesson plans", "45 minutes", "90 minutes", "How to run each phase", "Discussion questions",
                 "Answer key", "Timeline of events", "Hidden draw"):
        assert part in page, part
    for a in sc.actors:
        assert a.name in page
    for key in sc.history.sources:
        assert key in page
    for event in sc.events:
        if event.historical:
            assert event.source in page


def test_guide_without_history_still_renders(sc):
    page = facilitator_guide(sc.model_copy(update={"history": None}))
    check_html(page)
    assert "no historical outcome" in page


def test_scenario_text_is_escaped(sc):
    evil = "<script>alert(1)</script>"
    actors = [a.model_copy(update={"name": f"{a.name}{evil}", "public_profile": '<img src=x onerror="x">',
                                   "confidential": evil}) for a in sc.actors]
    issues = [i.model_copy(update={"name": f"<u>{i.name}</u>"}) for i in sc.issues]
    bad = sc.model_copy(update={"title": evil, "subtitle": evil, "description": evil, "actors": actors,
                                "issues": issues, "sources": {k: evil for k in sc.sources}})
    pages = [role_brief(bad, sc.actors[0].id), facilitator_guide(bad), map_page(bad), index_page(bad),
             all_briefs(bad)]
    for page in pages:
        check_html(page)
        assert "<script" not in page
        assert "<img" not in page and "<u>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_print_css_and_paper(sc):
    page = all_briefs(sc, paper="a4")
    assert "@media print" in page and "break-before: page" in page and "size: A4" in page
    assert page.count('<section class="page"') == len(sc.actors)
    assert "size: letter" in role_brief(sc, "russia", paper="letter")
    with pytest.raises(ValueError):
        role_brief(sc, "russia", paper="a3")


def test_objective_rules_are_words(sc):
    for a in sc.actors:
        for obj in a.objectives:
            rule = objective_rule(sc, obj)
            assert rule.startswith("Met if ") and obj.kind not in rule


def test_cli_briefs(tmp_path, capsys):
    assert main(["briefs", "--scenario", "cst-1999", "--out", str(tmp_path / "kit")]) == 0
    assert (tmp_path / "kit" / "index.html").exists()
    assert (tmp_path / "kit" / "brief-georgia.html").exists()
    assert "index.html" in capsys.readouterr().out


def test_the_map_table_of_many_issues_keeps_to_the_page():
    """More issues than fit side by side: the map's table gets fixed columns and sideways issue
    names (class 'many', with its CSS in the page); seven issues keep the natural layout."""
    from bench.scenario_gen import generate_scenario
    from game.report.briefs import MAP_TABLE_FIXED_ABOVE

    sc = load_scenario("cst-1999")
    assert len(sc.issues) <= MAP_TABLE_FIXED_ABOVE
    page = map_page(sc)
    assert 'class="small map"' in page and "small map many" not in page
    wide = generate_scenario(12, MAP_TABLE_FIXED_ABOVE + 2, n_rounds=2)
    page = map_page(wide)
    assert 'class="small map many"' in page
    assert "table.map.many th.num { writing-mode: vertical-rl" in page
