"""A teacher's first run through the classroom kit, the terminal hotseat and the debrief.

Each test pins one fix found by following README.md and docs/facilitator-guide.md
literally: what a role brief tells a student, what the map and the facilitator guide
print, what the terminal shows a class, and what the debrief explains in plain words.
"""

from __future__ import annotations

import html
import io
import re

import pytest
from textmode_helpers import _view, play

from game.engine.state import LogEntry
from game.report import debrief as D
from game.report.briefs import (
    facilitator_guide,
    index_page,
    map_page,
    objective_rule,
    role_brief,
    role_section,
)
from game.scenarios.loader import load_scenario
from game.textmode import render


def _text(page: str) -> str:
    """The visible words of a page, on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


# --- the role brief --------------------------------------------------------------

def test_brief_says_what_a_delegation_may_reveal(sc):
    words = _text(role_brief(sc, "georgia"))
    assert "What you may tell the others." in words
    assert "never show or hand them these pages" in words
    assert "a promise binds only when it is made as an offer and accepted" in words


def test_red_lines_name_the_levels_they_accept_and_rule_out(sc):
    words = _text(role_brief(sc, "georgia"))
    # "at most “Prolong with review”" left a student to work out the order of the levels
    assert ("You will not sign unless Sequencing is “Adapt first” or “Prolong with review”, not "
            "“Prolong first”.") in words
    assert "is at most" not in words and "is at least" not in words


def test_objective_rules_name_the_levels(sc):
    georgia = sc.actor("georgia")
    obj = next(o for o in georgia.objectives if o.kind == "issue_at_least")
    rule = objective_rule(sc, obj)
    assert "“Declaratory support” or “Binding commitment”, not “None”" in rule
    assert "at least" not in rule


def test_brief_notes_explain_the_source_tags(sc):
    # the "Why" column reads "[V: J5:13]", "[I]", "design estimate": say what they mean
    assert "[V: KEY] means stated in the source KEY" in role_brief(sc, "georgia")
    tutorial = load_scenario("tutorial")
    assert "[V: KEY]" not in role_brief(tutorial, tutorial.actors[0].id)


def test_brief_does_not_waste_a_page_before_the_shared_part(sc):
    # Russia's brief printed a page holding only the action table before "The situation"
    section = role_section(sc, "russia")
    # only before the map, and before "Check your brief" (the briefing check, on a page of its own)
    assert section[:section.index("<h2>Check your brief")].count('class="pagebreak"') == 2
    assert section.count('class="pagebreak"') == 2
    assert 'class="actions"' in section  # the action costs two to a row


# --- the map handout ---------------------------------------------------------------

def test_map_handout_has_one_title_and_keeps_its_table_on_the_page(sc):
    page = map_page(sc)
    assert len(re.findall(r">\s*Who wants what\s*<", page)) == 1  # the h1, no h2 repeating it
    keep = page[page.index('<div class="keep"><p class="small muted">In the table'):]
    assert keep.index("</table>") < keep.index("</div>")  # the note and the table stay together
    assert "its table on one page, then the pages that explain the issues" in _text(index_page(sc))


# --- the facilitator guide -----------------------------------------------------------

def test_guide_scoring_speaks_to_the_teacher(sc):
    words = _text(facilitator_guide(sc))
    assert "Your score runs" not in words
    assert "A role's score runs from 0 to 100." in words
    assert "A score is not a grade by itself" in words


def test_lesson_plans_say_a_round_has_several_turns(sc):
    words = _text(facilitator_guide(sc))
    assert "one move per delegation in turn" not in words
    assert "delegations take turns, one move at a time, until all have passed" in words


def test_guide_says_where_the_save_for_the_debrief_is(sc):
    words = _text(facilitator_guide(sc))
    assert "-end.json" in words and "autosaves" in words and "TREATY_TABLE_HOME" in words
    assert "--text" in words


# --- the debrief ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def debrief(scripted):
    return D.render(D.analyse(scripted, 0, seed=1))


def test_debrief_explains_tightness_scores_and_history_in_plain_words(debrief):
    words = _text(debrief)
    start = words.index("How to read this report")
    assert start < words.index("Discussion prompts")
    guide = words[start:words.index("Discussion prompts")]
    assert "says how strongly the agreement binds the parties that signed it" in guide
    assert "does not count" in guide  # breadth
    assert "A low score is not a bad grade" in guide
    assert "What really happened." in guide and "54 (moderate)" in guide


def test_debrief_scores_list_missed_objectives(debrief):
    scores = debrief[debrief.index("Each role's score"):debrief.index("Who signed and why")]
    assert "<span class=sans>Missed:</span>" in scores
    assert "The treaty is adapted before it is prolonged" in _text(scores)  # Georgia missed it


def test_debrief_explains_the_clause_columns_and_source_tags(debrief):
    words = _text(debrief)
    assert "Effective is the level that really counts" in words
    assert "[V: KEY] means stated in the source KEY" in words


# --- the terminal ------------------------------------------------------------------------

def test_text_brief_shows_positions_outside_option_and_red_lines_by_name():
    text = render.brief_text(_view(role="georgia"))
    assert "Your outside option: 0.72" in text
    assert re.search(r"Sequencing +Adapt first \(vital\)", text)
    assert "Sequencing is “Adapt first” or “Prolong with review”, not “Prolong first”" in text
    assert "'declaratory'" not in text and "'review'" not in text  # level ids meant nothing
    assert text.endswith("\n")  # a blank line before the news that follows


def test_text_brief_headings_fit_a_narrow_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    text = render.brief_text(_view(role="georgia"))
    assert max(len(line) for line in text.splitlines()) <= 40


def test_event_news_is_printed_with_its_text():
    view = _view()
    entry = LogEntry(1, "event", "02 Feb 1999: Something happens",
                     data=(("event", "x"), ("text", "The body of the news, to read out."),
                           ("source", "J5:1")))
    text = render.log_text(view, [entry], width=100)
    assert "02 Feb 1999: Something happens" in text
    assert "The body of the news, to read out." in text


def test_results_name_the_delegations(scripted):
    text = render.results_text(scripted, 100)
    flat = " ".join(text.split())
    assert "Signed by: Russia" in text
    assert "russia" not in text
    assert re.search(r"^Russia \(team\) ", text, re.M)  # four people-played seats: "team", one player: "you"
    assert "how many signed (breadth) does not count" in flat  # a word on what tightness is


def test_put_during_the_summit_talks_says_to_wait():
    # the chair passes through rounds 1-5, then tries to put a draft at the summit's talks
    out = " ".join(play("pass\n" * 5 + "put 1\nquit\n", role=["russia"], seed=3).split())
    assert "only at the final summit" not in out
    assert "not yet: at the summit the talks come first" in out
    assert "as the chair, you will then type put N" in out


def test_the_engine_says_why_a_draft_cannot_be_put_during_the_summit_talks():
    """The window shows the engine's reason as it is: at the summit's talks it must not say
    'only at the final summit'."""
    from game.engine import Game, Options
    from game.engine import actions as A
    from game.scenarios.loader import load_scenario

    sc = load_scenario("cst-1999")
    game = Game(sc)
    state = game.new(3, Options())
    early = game.check(state, A.PutToSignature("russia", draft=1))
    assert early == "drafts are put to signature only at the final summit"
    final = next(n for n, r in enumerate(sc.rounds) if r.final)
    for action in (A.PutToSignature("russia", draft=1), A.Sign("georgia", sign=True)):
        mover = game.model.actor_index(action.actor)
        reason = game.check(state.evolve(round=final, turn=mover), action)
        assert reason is not None and reason.startswith("not yet: at the summit the talks come first"), reason


def test_sign_during_the_summit_talks_says_the_chair_puts_first():
    out = " ".join(play("pass\n" * 5 + "sign\nquit\n", role=["georgia"], seed=3, out=io.StringIO()).split())
    assert "not yet: at the summit the talks come first" in out
    assert "the chair puts a draft to signature" in out



def test_a_resumed_hotseat_game_shows_this_rounds_news_not_the_whole_game(tmp_path, monkeypatch):
    """play --text --load: each delegation sees the current round's news and a note that
    'log' shows the rest, not every entry from round 1 again."""
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    first = play("pass\n" * 4 + "quit\n", role=["georgia", "russia"])
    save = re.search(r"--load (.+)$", first, re.M).group(1)
    import shlex

    path = shlex.split(save)[0]
    again = play("\n" + "quit\n", load=path, role=None, scenario=None, seed=None, events=None, difficulty=None)
    assert "Resumed in round" in again and "type 'log' for the earlier news" in again
    round_one = [line for line in again.splitlines() if line.startswith("  r1 ")]
    assert round_one == []  # round 1's news is not repeated
    assert re.search(r"^  r[2-9] ", again, re.M)
