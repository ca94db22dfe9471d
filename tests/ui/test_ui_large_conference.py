"""A large conference (17, 25 and 41 delegations with long official names) in the window: the
name cards, the forecast, the signature line and the results pages stay readable and inside
their boxes. Beyond the limit documented in docs/scenario-authoring.md ``validate`` warns."""

from __future__ import annotations

import itertools

import pygame
import pytest
import yaml

from ui_helpers import frames, run_until
from bench.scenario_gen import scenario_dict
from game.session import facilitator as F
from game.ui.scene_facilitator import FacilitatorScene
from game.ui.scene_table import TableScene

LONG_NAMES = [
    "United Kingdom of Great Britain and Northern Ireland", "Lao People's Democratic Republic",
    "Democratic Republic of the Congo", "Saint Vincent and the Grenadines", "Federated States of Micronesia",
    "Bolivarian Republic of Venezuela", "Plurinational State of Bolivia", "United Republic of Tanzania",
    "Democratic People's Republic of Korea", "Independent State of Papua New Guinea", "Republic of Fiji",
    "Kingdom of Norway", "Japan", "Canada",
]


def big_scenario(tmp_path, n: int, issues: int = 9) -> str:
    """A valid scenario file with ``n`` delegations, many of them with long official names."""
    doc = scenario_dict(n, issues, n_rounds=4)
    for k, a in enumerate(doc["actors"]):
        base = LONG_NAMES[k % len(LONG_NAMES)]
        a["name"] = base if k < len(LONG_NAMES) else f"{base} {k // len(LONG_NAMES) + 1}"
        a["short"] = f"{base[0]}{k:02d}"[:4]
    doc["id"] = f"large-{n}"
    path = tmp_path / f"large-{n}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(path)


def _texts_in(app, rect):
    return [(s, r) for s, r in app.text_rects if rect.colliderect(r)]


def check_cards(app, table: TableScene) -> None:
    """Every text of a name card stays inside it and overlaps no other text; a card shows at least
    its name's first letters, never only an ellipsis."""
    table.anims.clear()
    frames(app, 2)
    rects = list(table.card_rects.items())
    for aid, rect in rects:
        texts = _texts_in(app, rect)
        for s, r in texts:
            assert rect.inflate(4, 4).contains(r), f"card:{aid}: '{s}' {r} leaves {rect}"
        for (s1, r1), (s2, r2) in itertools.combinations(texts, 2):
            assert not r1.colliderect(r2), f"card:{aid}: '{s1}' {r1} overlaps '{s2}' {r2}"
        assert not any(s.strip(". ") == "" for s, _ in texts), f"card:{aid}: a text cut to nothing: {texts}"
    for (a1, r1), (a2, r2) in itertools.combinations(rects, 2):
        assert not r1.colliderect(r2), f"cards {a1} and {a2} overlap"


SIZES = [("1280x720", "normal"), ("1280x720", "large"), ("960x600", "normal"), ("1920x1080", "normal")]


@pytest.mark.parametrize("n", [17, 41])
@pytest.mark.parametrize("size,scale", SIZES)
def test_name_cards_and_forecast_fit(build_app, tmp_path, n, size, scale):
    app = build_app(scenario=big_scenario(tmp_path, n), role=["a001"], seed=3, size=size, record_text=True)
    app.settings.font_scale = scale
    app.rescale(rebuild_gui=True)
    app.step(1 / 60)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    run_until(app, lambda: app.match.human_to_move(), limit=20000)
    table = app.find_scene(TableScene)
    check_cards(app, table)
    if not table.compact():  # the forecast panel: every text inside it
        panel = table.layout(*app.screen.get_size())["forecast"]
        for s, r in _texts_in(app, panel):
            assert panel.contains(r), f"forecast: '{s}' {r} leaves {panel}"


def test_validate_warns_beyond_what_the_table_can_name(tmp_path):
    from game.scenarios.loader import validate

    for n, warned in ((32, False), (41, True), (49, True)):
        _, problems = validate(big_scenario(tmp_path, n, issues=3))
        table = [p for p in problems if "conference table" in p.message]
        assert bool(table) == warned, (n, [p.message for p in problems])
        assert all(p.severity == "warning" for p in table)
        if n == 49:
            assert "at any window size" in table[0].message


@pytest.mark.parametrize("size", ["1280x720", "960x600"])
def test_roles_list_of_41_fits_and_scrolls(build_app, tmp_path, size):
    """The role list used to run off its panel (and the window) after some 15 rows: now two columns,
    then a scroll bar; every row is inside the panel and the last one can be scrolled to and chosen."""
    from ui_helpers import click
    from game.ui import scenes as S

    app = build_app(scenario=big_scenario(tmp_path, 41), size=size, record_text=True)
    app.push(S.ScenarioScene(app))
    frames(app, 2)
    app.push(S.RolesScene(app, app.top.scenario))
    frames(app, 2)
    roles = app.top
    rows = [r for r in roles.ui.regions if r.name.startswith("role:")]
    panel = roles.ui.find("roles:list").rect
    assert all(panel.contains(r.rect) for r in rows)  # (a row cut by the panel's edge is clipped there)
    whole = [x for x in rows if x.rect.height >= max(y.rect.height for y in rows)]
    assert len(whole) >= 20
    for s, r in app.text_rects:
        if any(r.colliderect(x.rect) for x in whole):
            assert panel.inflate(4, 4).contains(r), f"'{s}' {r} leaves the list {panel}"
    assert roles.ui.find("role:a040") is None  # below the fold at first
    for _ in range(40):
        roles.ui.wheel(panel.center, -1)
        frames(app, 1)
    click(app, "role:a040")
    assert "a040" in roles.humans


def test_summit_and_results_of_41(build_app, tmp_path):
    """The signature line names every delegation by its initials (never "..."), and the results
    pages keep every row inside their panel (two columns of roles, four of signatures)."""
    from game.ui.scene_results import ResultsScene

    app = build_app(scenario=big_scenario(tmp_path, 41, issues=5), role=["a001"], seed=5, record_text=True,
                    facilitator=True)
    m = app.match
    while m.state.phase == "diplomacy":
        F.end_phase(m)
    table = app.find_scene(FacilitatorScene)
    run_until(app, lambda: m.human_to_move() or m.over, limit=20000)
    check_cards(app, table)
    sig = [r for r in table.ui.regions if r.name.startswith("signature:")]
    assert len(sig) == sum(1 for a in m.state.actors if a.status == "present")
    labels = [s for s, r in app.text_rects if any(x.rect.contains(r) for x in sig)]
    assert labels and not any(s.endswith("...") for s in labels), labels
    table.act("sign")
    run_until(app, lambda: isinstance(app.top, ResultsScene), limit=20000)
    res = app.top
    for page in ("treaty", "roles"):
        res.page = page
        frames(app, 2)
        W, H = app.screen.get_size()
        names = [r for r in res.ui.regions if r.name.startswith(("role:", "signature:"))]
        assert len(names) >= 20
        for r in names:
            assert r.rect.bottom <= H - 8, (page, r.name, r.rect)
        for (a, b) in itertools.combinations(names, 2):
            assert not a.rect.colliderect(b.rect), (page, a.name, b.name)
        if page == "roles":  # the legend under the rows overlaps none
            legend = [r for s, r in app.text_rects if s == "this game"]
            assert legend and not any(x.rect.colliderect(legend[0]) for x in names)


def test_head_row_cards_show_more_of_a_long_name_than_its_first_letters(build_app, tmp_path):
    """A crowded head row's narrow cards put a long name across the card, under the badge, in the
    tiny size ("Lao People's..."), not beside the badge cut to its first letters ("Lao...")."""
    app = build_app(scenario=big_scenario(tmp_path, 17), role=["a001"], seed=3, size="1280x720",
                    record_text=True)
    app.step(1 / 60)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    run_until(app, lambda: app.match.human_to_move(), limit=20000)
    table = app.find_scene(TableScene)
    check_cards(app, table)
    paper = table.paper_rect
    head = {aid: r for aid, r in table.card_rects.items() if r.bottom <= paper.top + 4}
    assert len(head) >= 3
    names = {a.id: a.name for a in app.match.scenario.actors}
    for aid, rect in head.items():
        shown = [s for s, r in _texts_in(app, rect) if names[aid].startswith(s.rstrip("\u2026").rstrip("."))
                 and len(s.rstrip("\u2026").rstrip(".")) >= 2]
        assert shown, (aid, [s for s, _ in _texts_in(app, rect)])
        best = max(len(s.rstrip("\u2026").rstrip(".")) for s in shown)
        assert best >= min(len(names[aid]), 7), (aid, shown)
