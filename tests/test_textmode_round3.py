"""Text mode, third QA round: a screen-reader user and a hotseat classroom.

Every important fact in words (no bar, code, arrow or bracket alone), a forecast that is
right at the summit's signing, the privacy screen before the first hotseat role too, the
end-of-game news once, and results that say which text was signed and why the others
did not sign. Driven like tests/test_textmode_more.py: scripted input through ``run_text``.
"""

from __future__ import annotations

import re

import pytest

from game.engine import Options
from game.engine import actions as A
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.textmode import render

from textmode_helpers import _view, play


@pytest.fixture(autouse=True)
def _width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")


def _match(role="russia", scenario="cst-1999", seed=5) -> Match:
    m = Match(load_scenario(scenario), seed=seed, options=Options(events="historical"),
              seats={role: "human"}, difficulty="normal", scenario_ref=scenario)
    _ai(m)
    return m


def _ai(m: Match) -> None:
    while not m.over and not m.human_to_move():
        m.step_ai()


def _to_signing(m: Match, role: str) -> None:
    while m.state.phase != "signing":
        assert m.submit(A.Pass(role)).rejected is None
        _ai(m)



# --------------------------------------------------------------------------- 1. status in words

def test_status_shows_the_longest_stance_whole_on_a_100_column_terminal():
    # the bar was counted one character short, so "Prolong with review" lost its last letter
    table = render.stances_table(_view(), width=100)
    row = next(r for r in table.splitlines() if "Kazakhstan" in r)
    assert "Prolong with review " in row and "…" not in row
    assert "[------o----]" in row  # the bar stays when there is room


@pytest.mark.parametrize("scenario,role", [("cst-1999", "georgia"), ("tutorial", "brisa"),
                                           ("montreal-1987", "usa")])
def test_a_narrow_status_drops_the_bar_before_it_cuts_a_stance_in_words(scenario, role):
    view = _view(scenario, role)
    table = render.stances_table(view, width=60)
    sc = view.model.scenario
    names = {lv.name for lv in sc.issues[render.stance_issue(view)].levels}
    lines = table.splitlines()
    assert all(len(line) <= 60 for line in lines)
    rows = [line for line in lines[1:] if not line.startswith(("(", " red lines", "      "))
            and any(a.name in line or a.short in line for a in sc.actors)]
    assert len(rows) == len(sc.actors)
    for row in rows:  # each stance is a whole level name (words), not "Prolon…"
        assert "…" not in row and "[" not in row, row
        assert any(row.rstrip().endswith(n) or f"  {n}  " in row for n in names), row
    # the note under the table gives the scale in words when the bar is gone
    assert "the nearest of its levels:" in " ".join(table.split())


def test_declared_red_lines_are_in_words_not_symbols():
    m = _match("georgia", seed=3)
    assert m.submit(A.RedLine("georgia", issue=3, level=1, direction="at_least")).rejected is None
    table = render.stances_table(m.game.view(m.state, "georgia"), width=140)
    row = next(r for r in table.splitlines() if "Georgia" in r)
    assert "Conflict guarantees at least Declaratory support" in row and ">=" not in row


# --------------------------------------------------------------------------- 2. the forecast

def test_forecast_compares_what_the_text_is_worth_with_staying_out():
    text = " ".join(render.forecast_text(_view(), 100).split())
    assert re.search(r"signing draft \d+ is worth about \d\.\d\d to you, staying out of it about \d\.\d\d", text)
    # Georgia's red lines rule out the likely text: the forecast says which, in words
    assert "it crosses your red line (Sequencing is “Prolong first”" in text


def test_forecast_at_the_signing_is_about_the_draft_on_the_table():
    m = _match("russia")
    _to_signing(m, "russia")
    view = m.game.view(m.state, "russia")
    choose = " ".join(render.forecast_text(view, 100).split())
    # the chair is the player: one line per draft, not "the chair would likely put ..."
    assert "You chair the summit" in choose and "the chair would likely" not in choose
    for d in view.drafts:
        assert f"Draft {d.id}: " in choose
    first = view.drafts[0].id
    assert m.submit(A.PutToSignature("russia", draft=first)).rejected is None
    _ai(m)
    text = " ".join(render.forecast_text(m.game.view(m.state, "russia"), 100).split())
    assert f"Draft {first} is open for signature" in text and "Signed so far:" in text
    assert f"signing draft {first} is worth" in text
    assert "If the talks ended now" not in text


def test_the_signing_hint_warns_before_signing_across_ones_own_red_line():
    # tutorial, Brisa, seed 3: the chair puts a text with "No limits" on catch, which Brisa's
    # red line rules out; the old hint said nothing and the player signed
    out = play("drafts\ntable 2 1\nendorse 2\npass\npass\npass\npass\npass\nquit\n", scenario="tutorial",
               role=["brisa"], seed=3)
    flat = " ".join(out.split())
    assert "Careful: this text crosses your red line (Catch limits is “No limits”" in flat


# --------------------------------------------------------------------------- 3. words, not codes

def test_offers_are_listed_in_words():
    m = _match("russia", seed=5)
    assert m.submit(A.MakeOffer("russia", target="georgia", offer="gas_prices")).rejected is None
    text = render.offers_text(m.game.view(m.state, "russia"), 100)
    assert "->" not in text and "RU" not in text
    assert "What you can offer (offer WHO WHAT):" in text
    assert "gas_prices: Lower gas prices (to Belarus, Armenia, Georgia, Kyrgyzstan, Tajikistan)" in text
    assert re.search(r"Offer \d+: you offered Georgia 'Lower gas prices' if it signs the final text: \w+", text)
    # the receiving side: who offers what, and what to type
    g = m.game.view(m.state, "georgia")
    incoming = render.offers_text(g, 100)
    pending = [o for o in g.offers if o.status == "pending"]
    assert pending  # Georgia has not moved since
    assert "Russia offers you 'Lower gas prices' if you sign the final text: waiting for an answer" in incoming
    assert f"'accept {pending[0].id}'" in incoming


def test_the_calendar_says_which_meeting_is_now_in_words():
    text = render.calendar_text(_view(), 100)
    now = [line for line in text.splitlines() if line.startswith(">>")]
    assert len(now) == 1 and now[0].endswith("(this meeting)")


def test_drafts_and_a_draft_name_delegations_and_levels_in_words():
    view = _view()
    grid = render.drafts_table(view, 100)
    assert "D2 by Russia: endorsed by Russia, Belarus, Armenia; opposed by nobody" in grid
    detail = render.draft_detail(view, 2)
    assert "[" not in detail and "|" not in detail
    assert "Draft 2, by Russia" in detail
    assert "1. Sequencing: 2 Prolong first (levels: 0 Adapt first, 1 Prolong with review, 2 Prolong first)" \
        in detail
    assert "Endorsed by Russia, Belarus, Armenia; opposed by nobody." in detail


def test_a_boycotting_delegation_is_told_to_return_first():
    out = play("quit\n", role=["uzbekistan"], seed=3)
    flat = " ".join(out.split())
    assert "HOW TO START: your delegation is boycotting the talks" in flat
    assert "until you type 'return' (1 AP)" in flat


def test_the_role_prompt_names_the_word_it_does_not_know():
    out = play("georgia xx\nquit\n", role=[])
    assert "There is no role 'xx'." in out


def test_help_at_the_role_prompt_explains_it_and_lists_the_roles_again():
    out = play("help\ngeorgia\nquit\n", role=[])
    flat = " ".join(out.split())
    assert "There is no role 'help'" not in flat
    assert "Each role is one delegation at the table" in flat and "hotseat" in flat
    assert "--scenario tutorial" in flat
    assert flat.count("4. Georgia - ") == 2  # the list, and again after the help
    assert "ROLE BRIEF: Georgia" in out  # and the prompt still takes a role after it


# --------------------------------------------------------------------------- 4. hotseat

def test_a_hotseat_game_hands_over_before_the_first_role_too(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    out = play("\npass\nquit\n", role=["georgia", "russia"], seed=3)
    assert out.index("Pass to the delegation of Russia") < out.index("ROLE BRIEF: Russia")
    # and a resumed hotseat game: the last session's role may still be on the screen
    save = re.search(r"--load (.+)$", out, re.M).group(1)
    again = play("quit\n", load=save.strip("'"), role=None, scenario=None, seed=None, events=None,
                 difficulty=None)
    assert "Pass to the delegation of" in again and "ROLE BRIEF" not in again


def test_hotseat_end_of_game_news_is_printed_once(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    out = play("\n" + "pass\n\n" * 14 + "sign\n\n" * 3, role=["georgia", "kazakhstan"], seed=3)
    assert "RESULT: tightness" in out
    end = out[out.rindex("Pass to the delegation"):out.index("RESULT: tightness")]
    assert end.count("Revealed:") == 1 and end.count("r6 The treaty enters into force") == 1
    assert "News for" not in out


# --------------------------------------------------------------------------- 5. the results

def test_results_say_which_text_was_signed_why_and_who_stayed_out():
    out = play("pass\n" * 12 + "decline\n", role=["uzbekistan"], seed=5)
    res = " ".join(out[out.index("RESULT: tightness"):].split())
    assert re.search(r"The chair, Russia \(the AI\), put draft \d+ to signature: the text it valued most", res)
    assert "not at the table, so could not sign: Uzbekistan (boycotting)" in res
    assert re.search(r"Uzbekistan \(you\): score \d+ = .* The real outcome, scored the same way, gives you \d+",
                     res)


def test_a_delegation_that_has_passed_is_called_back_to_answer_an_offer_in_text_mode():
    """Hotseat Armenia and Georgia: Armenia passes, Georgia offers it transit; when the turn comes
    round again Armenia is back only to answer, and its prompt says so."""
    out = play("\npass\n\noffer armenia transit_armenia\n\nendorse 1\naccept 3\nquit\n",
               role=["armenia", "georgia"])
    assert "You are done for this round and back only to answer this offer ('pass' lets it lapse)" in out
    assert "Armenia (answering)> " in out
    assert ("Refused: you are done for this round and back only to answer offer 3: accept or reject it, or "
            "pass\n    to let it lapse") in out
    assert "Armenia accepted offer 3 from Georgia" in out
