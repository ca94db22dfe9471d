"""QA of the built-in scenarios other than cst-1999 (montreal-1987, summit-1999, tutorial,
cst-1999-uzbekistan): texts that must fit the scenario's own data and settings."""

from __future__ import annotations

import pytest

from game.report.balance import balance_report
from game.report.balance_html import render_html
from game.report.briefs import facilitator_guide
from game.scenarios.loader import load_scenario
from game.scenarios.paths import sources_instead_of_document
from game.scoring.treaty import breadth_meaning
from tests.textmode_helpers import play


def test_breadth_is_described_as_montreal_measures_it() -> None:
    """montreal-1987 weighs breadth by capability: its guide and balance chart must not call breadth
    'the share of parties that sign'; the CIS scenarios still count parties."""
    mt, cst = load_scenario("montreal-1987"), load_scenario("summit-1999")
    assert mt.settings.capability_weighted_breadth and not cst.settings.capability_weighted_breadth
    assert "capability" in breadth_meaning(mt.settings)
    assert breadth_meaning(cst.settings) == "the share of parties that signed"
    guide = facilitator_guide(mt)
    assert "the share of parties that sign)" not in guide
    assert "share of the parties&#x27; capability" in guide or "share of the parties' capability" in guide
    assert "the share of parties that sign)" in facilitator_guide(cst)
    page = render_html(balance_report(mt, runs=2, seed=1, sensitivity_runs=0))
    assert "share of capability" in page and "share of parties signing" not in page


def test_the_debrief_plane_names_capability_weighted_breadth() -> None:
    from game.report import debrief as D
    from game.session.simulate import play_one

    d = D.analyse(play_one(load_scenario("montreal-1987"), 3), 0)
    page = D.render(d)
    assert "Breadth: share of parties that signed" not in page
    assert "Breadth: signatories&#x27; share of the parties&#x27; capability" in page \
        or "Breadth: signatories' share of the parties' capability" in page
    assert "how many parties signed, is shown" not in page


@pytest.mark.parametrize("scenario", ["montreal-1987", "tutorial"])
def test_a_scenario_without_a_source_document_lists_its_sources(scenario: str) -> None:
    sc = load_scenario(scenario)
    assert not sc.source_document
    listing = sources_instead_of_document(sc)
    assert listing and len(listing) == 1 + len(sc.sources)
    assert all(any(line.startswith(f"{k}: ") for line in listing) for k in sc.sources)
    assert sources_instead_of_document(load_scenario("summit-1999")) is None  # names the Monitor report


def test_text_mode_source_shows_montreals_sources_not_an_error() -> None:
    out = play("source\n", scenario="montreal-1987", role=["japan"])
    assert "cannot be shown" not in out
    assert "BENEDICK: Richard Elliot Benedick" in out and "MP1987:" in out


def test_the_uzbekistan_counterfactual_does_not_say_uzbekistan_stays_away() -> None:
    """cst-1999-uzbekistan seats Uzbekistan from January, but inherited cst-1999's first round
    ("Uzbekistan stays away") and Russia's brief ("Uzbekistan is boycotting")."""
    sc = load_scenario("cst-1999-uzbekistan")
    assert sc.actor("uzbekistan").status == "party"
    shown = [sc.description, sc.rounds[0].description] + [a.confidential + " " + a.public_profile
                                                          for a in sc.actors]
    for text in shown:
        assert "stays away" not in text and "is boycotting" not in text and "staying away" not in text
    assert "Uzbekistan" in sc.actor("russia").confidential
    exit_event = next(e for e in sc.events if e.id == "uzbekistan_exit")
    assert not exit_event.historical and "came to the January meeting" in exit_event.text
    # cst-1999 itself keeps the historical texts
    base = load_scenario("cst-1999")
    assert "Uzbekistan stays away" in base.rounds[0].description
    assert "Uzbekistan is staying away (apparently a boycott)" in base.actor("russia").confidential


def test_the_uzbekistan_counterfactual_opening_news_in_text_mode() -> None:
    out = play("quit\n", scenario="cst-1999-uzbekistan", role=["uzbekistan"])
    assert "Uzbekistan stays away" not in out
    assert "Uzbekistan's secretary attends" in out


def test_the_summits_description_facts_have_sources_in_the_scenario() -> None:
    """summit-1999's description says NATO has enlarged and begun bombing Yugoslavia; the sources
    for that (docs/history.md: J5:55, CRS RL30114) must be among the scenario's own sources."""
    sc = load_scenario("summit-1999")
    assert "NATO has enlarged" in sc.description
    for key in ("PROT99", "RFE-0204", "J5:26", "J5:28", "J5:56", "J5:55", "CRS RL30114"):
        assert key in sc.sources, key
