"""The balance report: AI-only games, what swings them, warnings, and a safe HTML page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from game.cli import main  # noqa: E402
from game.report.balance import balance_report, summary_markdown, summary_text, variants, write_report  # noqa: E402
from game.report.balance_html import render_html  # noqa: E402
from game.scenarios.loader import load_scenario  # noqa: E402
from game.session.simulate import simulate  # noqa: E402
from test_authoring import BORDER_ROAD  # noqa: E402


@pytest.fixture(scope="module")
def tutorial_report() -> dict:
    return balance_report(load_scenario("tutorial"), runs=6, seed=3, sensitivity_runs=2)


def test_report_counts_add_up(tutorial_report: dict) -> None:
    r = tutorial_report
    assert r["runs"] == 6 and sum(r["outcomes"]["labels"].values()) == 6 and sum(r["histogram"]) == 6
    assert len(r["points"]) == 6 and abs(sum(t["share"] for t in r["texts"]) - 1) < 1e-9
    assert [a["id"] for a in r["actors"]] == ["corallia", "brisa", "tormund"]
    for a in r["actors"]:
        assert 0 <= a["signed"] <= 1 and 0 <= a["score_min"] <= a["score_mean"] <= a["score_max"] <= 100
        assert all(0 <= o["met"] <= 1 for o in a["objectives"])
    assert r["history"] is None


def test_report_agrees_with_simulate(tutorial_report: dict) -> None:
    sim = simulate("tutorial", 6, 3)
    assert sim["outcomes"] == tutorial_report["outcomes"]


def test_sensitivity_covers_roles_outside_options_and_settings(tutorial_report: dict) -> None:
    keys = {row["key"] for row in tutorial_report["sensitivity"]}
    assert {"seat:corallia", "outside:brisa", "setting:min_signatures", "setting:club_weight"} <= keys
    swings = [row["swing"] for row in tutorial_report["sensitivity"]]
    assert swings == sorted(swings, reverse=True) and all(0 <= s <= 1 for s in swings)
    assert tutorial_report["sensitivity_runs"] == 2


def test_variants_change_one_thing_each() -> None:
    sc = load_scenario("tutorial")
    for key, _label, side, changed, seats in variants(sc):
        kind, name = key.split(":")
        if kind == "seat":
            assert changed is sc and seats == {name: "passive"} and side == "only"
        elif kind == "outside":
            before, after = sc.actor(name).outside_option, changed.actor(name).outside_option
            assert abs(abs(after - before) - 0.1) < 1e-9 and seats == {}
            assert [a for a in changed.actors if a.id != name] == [a for a in sc.actors if a.id != name]
        else:
            assert getattr(changed.settings, name) != getattr(sc.settings, name) and changed.actors == sc.actors


def test_degenerate_scenario_warnings(tmp_path: Path) -> None:
    path = tmp_path / "border-road.yaml"
    path.write_text(BORDER_ROAD, encoding="utf-8")
    r = balance_report(load_scenario(path), runs=5, sensitivity_runs=1)
    text = " ".join(r["warnings"])
    assert "Every one of the 5 games ended the same way" in text
    assert "The role of Cedar cannot score" in text
    lapsed = load_scenario(path)
    lapsed = lapsed.model_copy(update={"actors": [a.model_copy(update={"outside_option": 1.0, "outside_option_public": 1.0})
                                                  for a in lapsed.actors]})
    r = balance_report(lapsed, runs=5, sensitivity_runs=0)
    assert any("never entered into force" in w for w in r["warnings"]) and r["sensitivity"] == []
    assert any("cannot score" in w for w in r["warnings"])


def test_html_is_self_contained_and_escapes_scenario_text(tutorial_report: dict) -> None:
    r = dict(tutorial_report)
    r["scenario"] = dict(r["scenario"], title='<script>alert("x")</script> & Co', subtitle="<b>bold</b>")
    r["actors"] = [dict(a, name="<img src=x onerror=alert(1)>") if a["id"] == "brisa" else a for a in r["actors"]]
    page = render_html(r)
    assert "<script" not in page.lower() and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert page.count("<svg") >= 5 and page.startswith("<!DOCTYPE html>")


def test_text_summaries(tutorial_report: dict) -> None:
    text = summary_text(tutorial_report)
    version = load_scenario("tutorial").version
    assert text.startswith(f"tutorial v{version}: 6 AI-only games (seed 3") and "corallia" in text
    md = summary_markdown(tutorial_report, "tutorial.html")
    assert md.startswith("# Balance: Tutorial") and "[tutorial.html](tutorial.html)" in md


def test_write_report(tmp_path: Path, tutorial_report: dict) -> None:
    files = write_report(tutorial_report, tmp_path / "out")
    assert [f.name for f in files] == ["tutorial.html", "tutorial.md"] and all(f.stat().st_size for f in files)


def test_balance_command(tmp_path: Path, capsys) -> None:
    out = tmp_path / "report"
    assert main(["balance", "tutorial", "--runs", "4", "--sensitivity-runs", "1", "--out", str(out),
                 "--workers", "2", "--seed", "3"]) == 0
    printed = capsys.readouterr().out
    assert f"tutorial v{load_scenario('tutorial').version}: 4 AI-only games (seed 3" in printed and "wrote" in printed
    assert (out / "tutorial.html").exists() and (out / "tutorial.md").exists()
    assert main(["balance", "tutorial", "--runs", "0"]) == 2
    assert main(["balance", str(tmp_path / "missing.yaml"), "--runs", "2"]) == 1


def test_workers_do_not_change_the_report(tutorial_report: dict) -> None:
    again = balance_report(load_scenario("tutorial"), runs=6, seed=3, sensitivity_runs=2, workers=2)
    assert again == tutorial_report


def test_a_warning_when_the_same_parties_sign_every_game_and_only_the_text_varies() -> None:
    from game.report.balance import _warnings
    from game.scenarios.loader import load_scenario

    sc = load_scenario("tutorial")
    ids = [a.id for a in sc.actors]
    base = [{"levels": [n % 3, 0], "signed": ids[:2], "in_force": True} for n in range(12)]
    text = " ".join(_warnings(sc, base, [], []))
    assert "The same parties signed in every game" in text and sc.actors[0].name in text
    varied = base[:-1] + [{"levels": [0, 0], "signed": ids[:1], "in_force": True}]
    assert "The same parties signed" not in " ".join(_warnings(sc, varied, [], []))
    same = [{"levels": [0, 0], "signed": ids[:2], "in_force": True}] * 12  # the stronger warning only
    assert "The same parties signed" not in " ".join(_warnings(sc, same, [], []))
