"""QA of the debrief's "What a forecasting model predicted" and "Was value left on the table?"
sections and of the same finding in the window and the text mode (game/scoring/frontier.py:
describe). Each test pins a problem found reading the report as a teacher would."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.report import debrief as D
from game.scoring import frontier as FR
from game.scoring.result import final_outcome
from game.session.saves import load_match

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"


@pytest.fixture(scope="module")
def class_game():
    return D.analyse(load_match(EXAMPLES / "sample-class-game.json"), ai_runs=0)


@pytest.fixture(scope="module")
def ai_game():
    d = D.analyse(load_match(EXAMPLES / "sample-ai-game.json"), ai_runs=0)
    assert not d.match.humans  # nobody played: there is no class
    return d


def _names(d):
    return {a.id: a.name for a in d.scenario.actors}


def test_an_ai_only_game_is_not_called_the_class(ai_game, class_game):
    html = D._forecast_model(ai_game)
    assert "Your class" not in html and "your class" not in html
    assert "This game" in html and "this game's text matches it on" in html
    assert not any("your class" in p for p in ai_game.prompts)
    # nor is the sequencing prompt when the game's order differs from history's
    seq = ai_game.model.seq
    other = next(lv for lv in range(ai_game.model.n_levels[seq]) if lv != ai_game.history.levels[seq])
    levels = list(ai_game.result.levels)
    levels[seq] = other
    moved = dataclasses.replace(ai_game, result=dataclasses.replace(ai_game.result, levels=tuple(levels)))
    said = next(p for p in D.discussion_prompts(moved) if p.startswith(ai_game.scenario.issues[seq].name))
    assert "history chose" in said and "this game chose" in said
    # a game people played still says "your class"
    assert "Your class" in D._forecast_model(class_game)


def test_the_levels_are_numbered_in_the_listed_order_not_by_looseness(class_game):
    # cst-1999's sequencing issue lists "Adapt first" as level 0: it is not the loosest level
    html = D._forecast_model(class_game)
    assert "from 0, the loosest" not in html
    assert "numbered 0, 1, 2 in the order they are listed" in html


def test_a_model_text_that_would_lapse_is_not_called_lapsed_with_a_tightness(class_game):
    mf = class_game.model_forecast
    lapsed = dataclasses.replace(mf, signers=frozenset(list(mf.signers)[:1]),
                                 treaty=dataclasses.replace(mf.treaty, in_force=False, label="lapsed",
                                                            tightness=0.0))
    d = dataclasses.replace(class_game, model_forecast=lapsed)
    html = D._forecast_model(d)
    assert "would be <b>lapsed</b>" not in html and "tightness 0" not in html
    assert f"would <b>lapse</b> ({mf.treaty.min_signatures} signatures needed)" in html


def test_an_unfinished_check_does_not_claim_that_nothing_was_left(class_game, monkeypatch):
    # more candidates than MAX_EXACT: only the most promising are checked one by one, so "no other
    # text would have..." is not established
    d = class_game
    model = d.model
    monkeypatch.setattr(FR, "MAX_EXACT", 0)
    monkeypatch.setattr(D, "MAX_EXACT", 0)
    f = FR.frontier(model, *final_outcome(model, d.match.state)[:2])
    assert f.capped and f.best is None
    said = FR.describe(f, _names(d))
    assert "no value was left" not in said and "no other text" not in said
    assert "not every text was checked" in said and "On the Pareto frontier" in said
    html = D._frontier_block(d, f, "the signed text")
    assert "On the Pareto frontier." in html and "none would have given" not in html
    assert "any change would have cost" not in html and "may have been missed" in html


def test_the_prompt_says_at_least_when_the_count_is_a_lower_bound(class_game):
    hf = class_game.history_frontier
    assert hf is not None and hf.best is not None
    d = dataclasses.replace(class_game, frontier=dataclasses.replace(hf, capped=True))
    prompt = next(p for p in D.discussion_prompts(d) if "Why did nobody propose it?" in p)
    assert prompt.startswith(f"At least {hf.better} other text")


def test_one_or_two_signatories_read_as_english(class_game):
    hf = class_game.history_frontier
    for k, phrase in ((1, "the only signatory"), (2, "both signatories")):
        f = dataclasses.replace(hf, signers=hf.signers[:k],
                                best=dataclasses.replace(hf.best, gains=hf.best.gains[:k]))
        said = FR.describe(f, _names(class_game))
        html = D._frontier_block(class_game, f, "the real text")
        for text in (said, html):
            assert phrase in text
            assert f"all {k} signator" not in text and f"the {k} signator" not in text
        efficient = dataclasses.replace(f, best=None, better=0)
        assert phrase in FR.describe(efficient, _names(class_game))
        assert phrase in D._frontier_block(class_game, efficient, "the real text")


def test_the_finding_in_the_window_and_text_mode_is_marked_as_an_estimate(class_game):
    for f in (class_game.frontier, class_game.history_frontier):
        said = FR.describe(f, _names(class_game))
        assert "scenario's estimates" in said
        assert "and one of them a higher one" in said  # Pareto: at least as high for all, higher for one
        assert "fair split" in said  # the Nash text is explained in words, not only as a product


def test_the_nash_gains_are_said_not_to_be_role_scores(class_game):
    # the Nash text maximises a product of values over outside options, not of role scores: the table
    # under it then shows some signatories losing points, which the section must explain
    html = D._left_on_table(class_game)
    assert "not role-score points" in html


def test_a_chart_party_that_did_not_sign_is_said_so(class_game):
    f = class_game.frontier or class_game.history_frontier
    v = f.pair or class_game.frontier.pair
    assert v is not None
    signed = D._pair_chart(class_game, dataclasses.replace(f, pair=v, signers=tuple(
        s for s in f.signers if s != v.y) + (v.y,)))
    assert "did not sign" not in signed
    outsider = dataclasses.replace(f, pair=v, signers=tuple(s for s in f.signers if s != v.y))
    name = class_game.scenario.actor(v.y).name
    assert f"{name} did not sign, so its score is what each text would have given it from outside" \
        in D._pair_chart(class_game, outsider)


def test_the_rules_say_how_far_the_check_goes():
    rules = " ".join((ROOT / "docs" / "rules.md").read_text(encoding="utf-8").split())
    assert f"at most {FR.MAX_EXACT} candidate texts" in rules and "as far as checked" in rules
    assert "not in role-score points" in rules


def test_the_gain_table_is_kept_on_one_printed_page(class_game):
    # printed, the table split with one row (Uzbekistan) alone at the top of the next page
    html = D._frontier_block(class_game, class_game.history_frontier, "the real text")
    start = html.index("<div class='keep'><p class='small'>How many points")
    assert "<table" in html[start:] and html.rstrip().endswith("</table></div>")


def test_the_prompt_does_not_overclaim_an_unfinished_frontier_check(class_game):
    f = class_game.frontier
    assert f is not None and f.efficient and class_game.history_frontier.best is not None
    d = dataclasses.replace(class_game, frontier=dataclasses.replace(f, capped=True))
    assert any(p.startswith("Your text was on the Pareto frontier as far as checked.")
               for p in D.discussion_prompts(d))


def test_the_older_prompts_say_their_numbers_in_words():
    """'Closest call: Kazakhstan stayed out with signing worth 0.75 against 0.69' and 'Kyrgyzstan
    moved most on Sequencing, from 1.0 to 1.2' gave a class raw values with no scale: the prompts
    now say what the numbers compare and name the levels the position lay nearest."""
    from game.report.debrief import analyse
    from game.session.saves import load_match

    d = analyse(load_match(ROOT / "docs" / "examples" / "sample-class-game.json"), ai_runs=0)
    close = next(p for p in d.prompts if p.startswith("Closest call"))
    assert "with the smallest gap of any party between what signing and staying out were worth to it" in close
    assert "the table of who signed and why has the parts" in close
    moved = next(p for p in d.prompts if "moved most during the talks" in p)
    seq = d.model.seq
    names = [lv.name for lv in d.scenario.issues[seq].levels]
    assert "numbering the levels 0, 1, 2 as listed" in moved
    assert any(f"nearest “{n}”" in moved for n in names)
