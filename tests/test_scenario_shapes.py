"""Scenarios of unusual shapes pushed through every output path: the smallest legal scenario,
long names in Cyrillic, long ids, six-level issues, all parties away, non-parties, an issue set
that never counts in depth. Each test fails without the fix it names."""

from __future__ import annotations

import copy
import datetime as dt
import re

import yaml
from textmode_helpers import PROMPT, play

from game.console import cells
from game.engine import Options
from game.scenarios.loader import load_scenario, validate
from game.session.match import Match
from game.session.simulate import aggregate, play_one, summarise

LONG_ISSUE = "Распределение водных ресурсов трансграничных рек между государствами-участниками"
LONG_LEVELS = ["Никаких обязательств, каждое государство действует самостоятельно", "Обмен данными о стоке рек",
               "Консультации перед строительством плотин", "Совместные квоты на забор воды в вегетационный период",
               "Обязательные квоты с наднациональным контролем",
               "Единое бассейновое управление с правом вето на строительство"]
LONG_NAME = "Республика Казахстан — Министерство иностранных дел и водных ресурсов"


def _actor(aid: str, name: str, short: str, colour: str, ideal: float, **extra) -> dict:
    return {"id": aid, "name": name, "short": short, "colour": colour, "delegate": {"name": f"Envoy of {name}"},
            "capability": 0.5, "reliability": 0.8, "outside_option": 0.3,
            "positions": {"x": {"ideal": ideal, "salience": 0.6}}, **extra}


MINIMAL = {
    "id": "shape", "version": "1.0", "title": "Shape", "description": "A shape test.", "chair": "aa",
    "start": dt.date(2030, 1, 1), "deadline": dt.date(2030, 1, 31),
    "issues": [{"id": "x", "name": "X", "levels": [{"id": "lo", "name": "Low", "depth": 0.1},
                                                   {"id": "hi", "name": "High", "depth": 0.9}]}],
    "actors": [_actor("aa", "Aa", "AA", "#77AADD", 1), _actor("bb", "Bb", "BB", "#EEDD88", 0)],
    "rounds": [{"id": "r1", "date": dt.date(2030, 1, 10), "name": "Only", "final": True}],
}


def shape(tmp_path, name: str = "shape", **changes) -> str:
    """A scenario file: MINIMAL (two parties, one two-level issue, one round, nothing else) with
    ``changes`` to its top-level keys."""
    doc = copy.deepcopy(MINIMAL)
    doc.update(id=name, **changes)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(path)


def cyrillic(tmp_path) -> str:
    """Three delegations with long Cyrillic names (two starting 'Республика'), a six-level issue
    with a long name and long level names, and two rounds."""
    levels = [{"id": f"l{n}", "name": name, "depth": round(n / 5, 2)} for n, name in enumerate(LONG_LEVELS)]
    actors = [_actor("kz", LONG_NAME, "ҚЗ", "#77AADD", 3,
                     positions={"x": {"ideal": 3, "salience": 0.7}, "y": {"ideal": 1, "salience": 0.5}},
                     delegate={"name": "Нурсултан Абишевич Длинноимённый-Представитель",
                               "title": "Чрезвычайный и полномочный посол по особым поручениям"},
                     offers=[{"id": "gas", "name": "Поставки газа", "cost": 0.03, "value": 0.08}]),
              _actor("kg", "Кыргызская Республика", "КР", "#EEDD88", 2),
              _actor("uz", "Республика Узбекистан", "УЗ", "#EE8866", 4)]
    return shape(tmp_path, "cyr", chair="kz", actors=actors,
                 issues=[{"id": "x", "name": LONG_ISSUE, "levels": levels},
                         {"id": "y", "name": "Да или нет", "levels": [{"id": "no_", "name": "Нет", "depth": 0},
                                                                      {"id": "yes_", "name": "Да", "depth": 1}]}],
                 rounds=[{"id": "r1", "date": dt.date(2030, 1, 10), "name": "Первое заседание министров "
                          "иностранных дел в расширенном составе"},
                         {"id": "r2", "date": dt.date(2030, 1, 20), "name": "Саммит", "final": True}])


def _words_whole(text: str, words: list[str]) -> None:
    flat = " ".join(text.split())
    for w in words:
        assert w in flat, (w, text)


# --- the text mode: long names never break a word letter by letter, nor widen a screen ------------

def test_hang_keeps_the_first_word_whole_after_a_lead_longer_than_the_line() -> None:
    from game.textmode.render import hang

    text = hang(f"  2. {LONG_ISSUE}: ", "0 Никаких обязательств, 1 Обмен данными", 60, indent=6)
    assert max(cells(line) for line in text.splitlines()) <= 60
    _words_whole(text, ["государствами-участниками:", "Никаких", "обязательств,", "Обмен"])
    assert "\n  Н" not in text and not any(len(line.strip()) == 1 for line in text.splitlines())


def test_brief_positions_fit_a_narrow_terminal_with_a_long_issue_name(tmp_path, monkeypatch) -> None:
    from game.textmode.render import brief_text

    monkeypatch.setenv("COLUMNS", "60")
    sc = load_scenario(cyrillic(tmp_path))
    m = Match(sc, seed=1, options=Options(events="historical"), seats={"kz": "human"})
    text = brief_text(m.game.view(m.state, "kz"))
    assert max(cells(line) for line in text.splitlines()) <= 60, text
    block = text[text.index("Your positions"):text.index("Objectives") if "Objectives" in text else None]
    _words_whole(block, [LONG_ISSUE] + LONG_LEVELS[3].split() + ["(high)", "(medium)"])
    # a short issue name keeps its column: its position follows after a gap, not run into the name
    assert re.search(r"^  Да или нет {2,}Да \(medium\)$", block, re.M), block
    assert not re.search(r"^\s+[А-Яа-я]$", block, re.M)  # no letter left alone on a line


def test_results_keep_level_names_readable_and_fit_the_width(tmp_path) -> None:
    from game.textmode.render import results_text

    sc = load_scenario(cyrillic(tmp_path))
    text = results_text(play_one(sc, 1), 60)
    lines = text.splitlines()
    assert max(cells(line) for line in lines) <= 60, text
    clauses = lines[lines.index("Clauses (points of tightness):") + 1:][:2]
    names = {lv.name for issue in sc.issues for lv in issue.levels}
    for line in clauses:  # the level's column keeps half of the room, not 8 letters, beside a long issue
        level = re.split(r"\s{2,}", line.strip())[1]
        assert level in names or cells(level) >= 17, clauses
    roles = lines[lines.index(next(x for x in lines if x.startswith("role "))) + 1:][:3]
    assert len(roles) == 3 and len({cells(x[:re.search(r"\d+\.\d", x).end()]) for x in roles}) == 1, roles


def test_the_prompt_leaves_room_to_type_and_tells_long_names_apart(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = play("pass\n" * 6, scenario=cyrillic(tmp_path), role=["kz", "uz"], seed=1)
    prompts = set(PROMPT.findall(out))
    assert prompts
    assert all(cells(p) <= 45 for p in prompts), prompts  # 15 cells or more left to type in
    assert any("(ҚЗ)" in p for p in prompts) and any("(УЗ)" in p for p in prompts), prompts


def test_the_window_brief_lists_an_offer_without_a_description_without_a_dangling_colon(tmp_path) -> None:
    from game.ui.presenters import brief_vm

    m = Match(load_scenario(cyrillic(tmp_path)), seed=1, options=Options(events="historical"), seats={"kz": "human"})
    assert brief_vm(m, "kz").offers == ("Поставки газа (to anyone)",)


# --- reports: grade sheet, strength, long ids, labels -------------------------------------------

def test_grade_sheet_says_no_vote_when_nothing_was_put_to_signature(tmp_path) -> None:
    from game.report.grades import grade_rows

    actors = copy.deepcopy(MINIMAL["actors"])
    for a in actors:
        a["outside_option"] = 0.45
    match = play_one(load_scenario(shape(tmp_path, actors=actors)), 1)  # opposed: nobody tables a draft
    assert match.state.on_table is None
    assert {r["signed"] for r in grade_rows(match)} == {"no vote"}


def test_strength_has_no_seat_for_a_non_party(tmp_path) -> None:
    from game.session.strength import strength_table

    actors = copy.deepcopy(MINIMAL["actors"]) + [_actor("cc", "Cc", "CC", "#EE8866", 1, status="non_party")]
    table = strength_table(shape(tmp_path, actors=actors, settings={"min_signatures": 1}), runs=1)
    assert list(table) == ["aa", "bb"]


LONG_ID = "the_very_long_republic_of_aa"


def _long_id_scenario(tmp_path):
    actors = copy.deepcopy(MINIMAL["actors"])
    actors[0]["id"] = LONG_ID
    return load_scenario(shape(tmp_path, chair=LONG_ID, actors=actors))


def _columns_line_up(lines: list[str], word: str) -> None:
    ends = {line.index("%") for line in lines[1:]}
    assert ends == {lines[0].index(word) + len(word) - 1}, lines


def test_simulate_strength_and_balance_tables_line_up_with_a_long_id(tmp_path) -> None:
    from game.cli import format_report
    from game.report.balance import balance_report, summary_text
    from game.session.strength import format_table

    sc = _long_id_scenario(tmp_path)
    report = aggregate(sc, [summarise(play_one(sc, s)) for s in (1, 2)], 1, "historical", "normal")
    lines = format_report(report).splitlines()
    start = next(n for n, x in enumerate(lines) if x.startswith("actor"))
    _columns_line_up(lines[start:start + 3], "signed")
    lines = summary_text(balance_report(sc, 2, sensitivity_runs=0)).splitlines()
    start = next(n for n, x in enumerate(lines) if x.startswith("actor"))
    _columns_line_up(lines[start:start + 3], "signed")
    row = {"ai": 1.0, "random": 2.0, "passive": 3.0, "ai_minus_passive": 0.0, "ai_minus_passive_se": 0.0,
           "games_differ": 0, "best_text": 4.0, "best_chair_accepts": 5.0}
    lines = format_table({LONG_ID: row, "bb": row}).splitlines()[:3]
    assert lines[1].index("1.0") == lines[2].index("1.0") and lines[1].startswith(LONG_ID + " "), lines


def test_a_swing_label_with_a_long_name_keeps_what_changed() -> None:
    from game.report.balance import _fit_label

    label = _fit_label(f"{LONG_NAME}: only passes", 40)
    assert cells(label) <= 40 and label.endswith("…: only passes") and label.startswith("Республика")


def test_balance_bar_labels_in_cyrillic_fit_left_of_the_bars() -> None:
    from game.report.balance_svg import hbars

    chart = hbars([(LONG_NAME, 1.0, "100%"), ("Кыргызская Республика", 0.5, "50%")], 1.0, "Signing rate")
    shown = re.findall(r'text-anchor="end"[^>]*>([^<]*)', chart)
    assert "Кыргызская Республика" in shown  # a short name is kept whole
    # a Cyrillic letter of the report's sans-serif font at 12 px is about 7.3 px wide (0.61 em);
    # the label ends 8 px left of the bars at x=190, so it must take less than 182 px
    assert all(len(s) * 12 * 0.61 <= 182 for s in shown), shown
    assert f"<title>{LONG_NAME}</title>" in chart


# --- the validator: shapes that validate but can never do what their author expects ---------------

def _warnings(path: str) -> list[str]:
    _, problems = validate(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p.format() for p in problems if p.severity == "warning"]


def test_validate_warns_when_no_issue_counts_in_depth(tmp_path) -> None:
    issues = copy.deepcopy(MINIMAL["issues"])
    issues[0]["weight"] = 0
    found = _warnings(shape(tmp_path, "zero", issues=issues))
    assert len(found) == 1 and "no issue counts in the treaty's depth (every issue has weight 0)" in found[0]
    assert re.match(r".*zero\.yaml:\d+:\d+: warning:", found[0])
    seq = [{"id": "x", "name": "X", "sequencing": True,
            "levels": [{"id": "lo", "name": "Low", "promise_weight": 1.0},
                       {"id": "hi", "name": "High", "promise_weight": 0.3}]}]
    found = _warnings(shape(tmp_path, "seq", issues=seq))
    assert len(found) == 1 and "the only issue is the sequencing issue" in found[0]
    assert _warnings(shape(tmp_path)) == []


def test_validate_warns_when_every_party_starts_away(tmp_path) -> None:
    actors = copy.deepcopy(MINIMAL["actors"])
    for a in actors:
        a["status"] = "boycotting"
    found = _warnings(shape(tmp_path, "away", actors=actors))
    assert len(found) == 1 and "every party starts away from the table" in found[0]
    assert play_one(load_scenario(shape(tmp_path, "away", actors=actors)), 1).actions[0].kind == "pass"
    # one delegation at the table, or a draft to come back for: no warning
    actors[1]["status"] = "party"
    assert _warnings(shape(tmp_path, "one-in", actors=actors)) == []


def test_one_signature_is_one_signature_in_the_log_the_results_and_the_briefs(tmp_path) -> None:
    from game.engine import actions as A
    from game.report.briefs import facilitator_guide, role_brief
    from game.textmode.render import results_text

    sc = load_scenario(shape(tmp_path))  # two parties, two signatures needed
    m = Match(sc, seed=1, options=Options(events="historical"), seats={"aa": "human", "bb": "human"})
    assert m.submit(A.Table("aa", levels=(1,))).rejected is None
    while m.state.phase == "diplomacy":
        assert m.submit(A.Pass(m.to_move)).rejected is None
    for action in (A.PutToSignature("aa", draft=1), A.Sign("aa", sign=True), A.Sign("bb", sign=False)):
        assert m.submit(action).rejected is None, action
    assert m.over
    text = " ".join(e.text for e in m.state.log) + results_text(m, 100)
    assert "Only 1 signature (2 needed)" in text and "1 signatures" not in text
    one = load_scenario(shape(tmp_path, "one", settings={"min_signatures": 1}))
    pages = role_brief(one, "aa") + facilitator_guide(one)
    assert "1 signature" in pages and "1</b> signatures" not in pages and "1 signatures" not in pages
    assert "at least 1 parties" not in pages


def test_a_non_party_that_an_event_brings_in_counts_when_it_signs(tmp_path) -> None:
    from game.engine import actions as A
    from game.report.debrief import analyse

    actors = copy.deepcopy(MINIMAL["actors"]) + [_actor("cc", "Cc", "CC", "#EE8866", 1, status="non_party")]
    for a in actors:
        a["positions"]["x"]["ideal"] = 1  # everyone wants the same text
    path = shape(tmp_path, actors=actors, settings={"min_signatures": 3},
                 rounds=[{"id": "r1", "date": dt.date(2030, 1, 10), "name": "First"},
                         {"id": "r2", "date": dt.date(2030, 1, 20), "name": "Summit", "final": True}],
                 events=[{"id": "join", "date": dt.date(2030, 1, 15), "title": "Cc joins",
                          "effects": [{"actor": "cc", "field": "status", "value": "party"}]}])
    assert _warnings(path) == []
    m = Match(load_scenario(path), seed=1, options=Options(events="historical"),
              seats={"aa": "human", "bb": "human", "cc": "human"})
    assert m.submit(A.Table("aa", levels=(1,))).rejected is None
    while m.state.phase == "diplomacy":
        assert m.submit(A.Pass(m.to_move)).rejected is None
    assert m.submit(A.PutToSignature(m.to_move, draft=1)).rejected is None
    while not m.over:
        assert m.submit(A.Sign(m.to_move, sign=True)).rejected is None
    assert "The treaty enters into force with 3 signatures (3 needed)." in [e.text for e in m.state.log]
    treaty = m.result().treaty
    assert treaty.signatories == ("aa", "bb", "cc") or list(treaty.signatories) == ["aa", "bb", "cc"]
    assert treaty.in_force and treaty.breadth == 1.0 and treaty.label != "lapsed"
    assert "cc" in {s.actor for s in treaty.signatures}
    assert "cc" in {sc_row["actor"] for sc_row in analyse(m, ai_runs=0).why}
    from game.report.balance import balance_report, summary_text

    report = balance_report(load_scenario(path), 2, sensitivity_runs=0)
    row = next(a for a in report["actors"] if a["id"] == "cc")
    assert row["signed"] == 1.0  # in AI-only games too
    line = next(x for x in summary_text(report).splitlines() if x.startswith("cc "))
    assert "100%" in line and "—" not in line, line


def test_a_hidden_draw_described_without_a_full_stop_reads_as_a_sentence_when_revealed(tmp_path) -> None:
    draws = [{"id": "mood", "description": "The chair's mood",
              "options": [{"id": "good", "label": "Good", "probability": 0.5},
                          {"id": "bad", "label": "Bad", "probability": 0.5}]},
             {"id": "rain", "description": "Will it rain?",
              "options": [{"id": "yes", "label": "Yes", "probability": 0.5},
                          {"id": "no", "label": "No", "probability": 0.5}]}]
    m = play_one(load_scenario(shape(tmp_path, hidden_draws=draws)), 1)
    reveals = [e.text for e in m.state.log if e.kind == "reveal"]
    assert len(reveals) == 2 and reveals[0].startswith("Revealed: The chair's mood. Answer: "), reveals
    assert reveals[1].startswith("Revealed: Will it rain? Answer: "), reveals
