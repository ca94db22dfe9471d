"""End-of-game awards (game/report/awards.py): each rule, ties, nobody qualifying, who can earn
them, and where they show (the debrief's "Awards" section, a slide near the end of the deck)."""

from __future__ import annotations

import copy
import dataclasses
import html as H
import re
import subprocess
from types import SimpleNamespace

import pytest
from test_briefs import check_html
from test_slides import CHROMIUM, PROBE

from game.engine import Options
from game.engine import actions as A
from game.engine.state import LogEntry
from game.report import awards as AW
from game.report import debrief as D
from game.report import slides as S
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.session.simulate import play_one


def play(sc, seats: dict[str, str], plan: dict, accepts=(), signs=None, seed: int = 11) -> Match:
    """A game with people in ``seats``: their moves from ``plan`` ((seat, round) -> actions, then
    passes), offers accepted by the seats in ``accepts``, everyone signing unless ``signs`` says no;
    the computer puts the text to signature when a person chairs."""
    signs = signs or {}
    m = Match(sc, seed=seed, options=Options(events="historical"), seats=seats, scenario_ref=sc.id)
    used: dict[tuple[str, int], int] = {}
    while not m.over:
        if not m.human_to_move():
            m.run_ai()
            continue
        who = m.to_move
        for offer in m.game.view(m.state, who).pending_offers():
            m.submit(A.Respond(who, offer=offer.id, accept=who in accepts))
        if m.state.phase == "signing":
            m.submit(m.ai_action() if m.state.on_table is None else A.Sign(who, sign=signs.get(who, True)))
            continue
        key = (who, m.state.round)
        n = used[key] = used.get(key, 0) + 1
        queue = plan.get(key, [])
        if n > len(queue) or m.submit(queue[n - 1]).rejected is not None:
            m.submit(A.Pass(who))
    return m


@pytest.fixture(scope="module")
def ai_game(sc):
    """The computer in every seat (seed 7): Russia's draft 2 enters into force."""
    return D.analyse(play_one(sc, 7, scenario_ref=sc.id), 3, seed=1)


@pytest.fixture(scope="module")
def class_game(sc):
    """People in Russia and Kazakhstan: Russia offers Kazakhstan a payment to sign, Kazakhstan
    accepts and signs; Kazakhstan lobbies Kyrgyzstan."""
    ix = {i.id: n for n, i in enumerate(sc.issues)}
    plan = {("russia", 0): [A.MakeOffer("russia", target="kazakhstan", offer="arms_domestic_prices", condition="sign")],
            ("kazakhstan", 1): [A.Lobby("kazakhstan", target="kyrgyzstan", issue=ix["duration"])]}
    m = play(sc, {"russia": "human", "kazakhstan": "human"}, plan, accepts={"kazakhstan"})
    return D.analyse(m, 3, seed=1)


def by_key(d) -> dict[str, AW.Award]:
    return {a.key: a for a in AW.awards(d)}


class _Seen:
    """A finished match seen with some of its attributes changed (the rest are the match's own)."""

    def __init__(self, match, **changed):
        self._match = match
        self.__dict__.update(changed)

    def __getattr__(self, name):
        return getattr(self._match, name)


def fake(d, state=None, humans=None, **changes):
    """A copy of the debrief ``d`` with another final state, other seats people played, or other
    fields (grades, ai, history, result): what the rules read."""
    m = d.match
    seen = {} if state is None else {"state": state}
    if humans is not None:
        seen.update(humans=list(humans), people=list(humans), bots={}, level_matters=bool(humans))
    out = copy.copy(d)
    out.match = _Seen(m, **seen)
    for k, v in changes.items():
        setattr(out, k, v)
    return out


def grades(d, **rows) -> list[dict]:
    """d's grade rows with some fields changed: role -> {field: value}."""
    out = []
    for r in d.grades:
        out.append({**r, **rows.get(r["role"], {})})
    return out


# --- who can earn them ---------------------------------------------------------------------

def test_a_classroom_game_ranks_only_the_delegations_people_played(sc, class_game):
    assert AW.eligible(class_game) == [sc.actors.index(sc.actor(a)) for a in ("russia", "kazakhstan")]
    for a in AW.awards(class_game):
        assert set(a.winners) <= {"russia", "kazakhstan"}
    assert "people played (Russia and Kazakhstan)" in AW.for_whom(class_game)


def test_an_ai_only_game_ranks_every_party_and_says_the_computer_played(sc, ai_game):
    parties = [i for i, a in enumerate(ai_game.match.state.actors) if a.status != "non_party"]
    assert AW.eligible(ai_game) == parties
    assert "computer played every role" in AW.for_whom(ai_game)
    assert "machine" not in by_key(ai_game)  # the computer cannot beat itself
    assert "The computer played every role" in AW.section(ai_game)


def test_deterministic(sc, ai_game):
    again = D.analyse(play_one(sc, 7, scenario_ref=sc.id), 3, seed=1)
    assert AW.awards(again) == AW.awards(ai_game)


# --- each rule -----------------------------------------------------------------------------

def test_historians_verdict_goes_to_the_largest_margin_above_history(ai_game):
    d = fake(ai_game, grades=grades(ai_game, georgia={"score": 71.0, "history_score": 53.0},
                                    armenia={"score": 60.0, "history_score": 50.0}))
    a = by_key(d)["history"]
    assert a.winners == ("georgia",)
    assert a.reasons == ("scored 71, 18 above what history gave Georgia (53)",)


def test_historians_verdict_ties_share_and_is_left_out_without_a_positive_margin(ai_game):
    rows = {r["role"]: {"score": 40.0, "history_score": 40.0} for r in ai_game.grades}
    rows["georgia"] = {"score": 60.4, "history_score": 50.0}  # shown as 60 and 50: 10
    rows["belarus"] = {"score": 90.0, "history_score": 80.0}
    a = by_key(fake(ai_game, grades=grades(ai_game, **rows)))["history"]
    assert a.winners == ("belarus", "georgia")  # in the scenario's order
    below = {r["role"]: {"score": 40.0, "history_score": 40.4} for r in ai_game.grades}  # 40 against 40: no margin
    assert "history" not in by_key(fake(ai_game, grades=grades(ai_game, **below)))


def test_no_historians_verdict_without_history(sc):
    tut = load_scenario("tutorial")
    assert tut.history is None
    d = D.analyse(play_one(tut, 3), 0)
    assert d.history is None and "history" not in by_key(d)
    issues = [i.model_copy(update={"sequencing": False}) for i in sc.issues]
    plain = sc.model_copy(update={"history": None, "hidden_draws": [], "issues": issues})
    d = D.analyse(play_one(plain, 4), 0)
    assert "history" not in by_key(d) and by_key(d)  # other awards still earned


def test_beat_the_machine_needs_people_and_the_computers_games(class_game):
    d = fake(class_game, grades=grades(class_game, russia={"score": 80.0, "ai_mean_score": 70.0},
                                      kazakhstan={"score": 50.0, "ai_mean_score": 40.0},
                                      belarus={"score": 99.0, "ai_mean_score": 10.0}))  # the computer's seat
    a = by_key(d)["machine"]
    assert a.winners == ("russia", "kazakhstan")  # a tie: 10 above each
    assert a.reasons[0] == "scored 80, 10 above the computer's average in the same role (70, over 3 games at the same difficulty)"
    assert "machine" not in by_key(fake(d, ai=[]))  # no AI-only games played for comparison
    below = fake(class_game, grades=grades(class_game, russia={"score": 70.0, "ai_mean_score": 70.0},
                                          kazakhstan={"score": 30.0, "ai_mean_score": 40.0}))
    assert "machine" not in by_key(below)


def test_word_kept_counts_promises_red_lines_and_the_signature(class_game):
    a = by_key(class_game)["word"]
    assert a.winners == ("kazakhstan",)
    assert a.reasons[0].startswith("kept ") and "a promise it accepted (to Russia, to sign)" in a.reasons[0]
    assert class_game.match.state.signatures[class_game.model.actor_index("kazakhstan")] == 1


def test_word_kept_never_goes_to_a_broken_promise_a_crossed_red_line_or_a_gap(scripted):
    """The scripted game: Kazakhstan broke its promise, Georgia signed across its red line, Belarus
    endorsed the text and did not sign; Russia made no commitment."""
    d = D.analyse(scripted, 0)
    assert "word" not in by_key(d)


def test_word_kept_needs_a_promise_or_a_red_line_and_one_counts_once_a_text_is_put(ai_game):
    # Russia, Belarus and Armenia endorsed the text and signed it, but made no promise and declared no
    # red line: a stance alone is no commitment (a draft's author endorses it by tabling it)
    assert "word" not in by_key(ai_game)
    state = ai_game.match.state
    ge = ai_game.model.actor_index("georgia")
    final = state.draft(state.on_table)
    lines = ((0, -1e9, 1e9), (1, -1e9, 1e9), (2, -1e9, 1e9))  # three red lines the text respects
    actors = list(state.actors)
    actors[ge] = dataclasses.replace(actors[ge], declared=lines)
    d = fake(ai_game, state=state.evolve(actors=tuple(actors)), humans=[])
    a = by_key(d)["word"]
    assert a.winners == ("georgia",) and a.reasons[0].startswith("kept all 3 of its commitments: 3 red lines")
    assert final is not None and state.signatures[ge] != 1 and "the text respected them" in a.reasons[0]


def test_architect_is_the_author_of_the_text_in_force(ai_game, class_game):
    a = by_key(ai_game)["architect"]
    assert a.winners == ("russia",)
    assert a.reasons[0] == "tabled draft 2, the text put to signature; it entered into force with 6 signatures"
    lapsed = fake(ai_game, result=SimpleNamespace(treaty=SimpleNamespace(in_force=False, signatories=())))
    assert "architect" not in by_key(lapsed)
    # a text the computer's delegation wrote earns no award in a classroom game
    author = class_game.scenario.actors[class_game.match.state.draft(class_game.match.state.on_table).author].id
    assert ("architect" in by_key(class_game)) == (author in class_game.match.humans)


def test_no_architect_or_bridge_for_the_scenarios_opening_text(scripted):
    """Draft 1 of the seed scenario is its opening text, not tabled at the table."""
    d = D.analyse(scripted, 0)
    assert d.match.state.on_table == 1 and 1 not in AW.tabled(d.match.state)
    assert "architect" not in by_key(d) and "bridge" not in by_key(d)


def _lobby(me: int, target: int, delta: float, backfire: bool = False, issue: int = 0) -> LogEntry:
    text = "X lobbies Y on Z: " + ("it backfires" if backfire else "Y's position moves")
    return LogEntry(1, "lobby", text, (me, target), frozenset({me, target}), (("issue", issue), ("delta", delta)))


def test_persuader_adds_up_lobbying_a_backfire_counting_against(ai_game):
    state = ai_game.match.state
    log = (_lobby(0, 5, 0.3), _lobby(0, 6, -0.2, issue=1), _lobby(3, 5, 0.6), _lobby(3, 5, 0.15, backfire=True),
           _lobby(4, 5, 0.05))
    d = fake(ai_game, state=state.evolve(log=log), humans=[])
    a = by_key(d)["persuader"]
    assert a.winners == ("russia",)  # 0.5, against Georgia's 0.6 - 0.15 = 0.45; Azerbaijan under the floor
    assert a.reasons[0] == ("moved Kazakhstan and Kyrgyzstan 0.50 of a level toward its own positions on 2 issues "
                            "(2 successful lobbies)")
    tie = fake(ai_game, state=state.evolve(log=log[:1] + (_lobby(3, 5, 0.3),)), humans=[])
    assert by_key(tie)["persuader"].winners == ("russia", "georgia")
    little = fake(ai_game, state=state.evolve(log=(_lobby(0, 5, 0.09),)), humans=[])
    assert "persuader" not in by_key(little)


def test_the_awards_of_a_played_classroom_game(class_game):
    found = by_key(class_game)
    assert found["persuader"].winners == ("kazakhstan",)
    assert found["persuader"].reasons[0] == ("moved Kyrgyzstan 0.34 of a level toward its own position on Duration "
                                             "(1 successful lobby)")
    assert found["history"].winners == ("kazakhstan",)  # Russia is 2 above history, Kazakhstan 14
    assert found["history"].reasons[0] == "scored 45, 14 above what history gave Kazakhstan (31)"
    assert "machine" not in found  # neither is above the computer's average in its role


def test_bridge_builder_counts_other_delegations_endorsing_one_of_its_drafts(ai_game):
    a = by_key(ai_game)["bridge"]
    assert a.winners == ("russia",)
    assert a.reasons[0] == "won the endorsement of 2 other delegations (Belarus and Armenia) for its draft 2"
    state = ai_game.match.state
    d2 = state.draft(2)
    drafts = tuple(dataclasses.replace(x, endorse=frozenset({0, 1})) if x.id == 2 else x for x in state.drafts)
    one = fake(ai_game, state=state.evolve(drafts=drafts, communiques=()), humans=[])
    assert "bridge" not in by_key(one)  # one other delegation: under the floor
    joint = fake(ai_game, state=state.evolve(communiques=((1, 2, True),)), humans=[])
    assert by_key(joint)["bridge"].reasons[0].endswith(f"; adopted as the joint communiqué ({ai_game.scenario.rounds[1].name})")
    assert d2.author == 0
    many = tuple(dataclasses.replace(x, endorse=frozenset(range(7))) if x.id == 2 else x for x in state.drafts)
    crowd = fake(ai_game, state=state.evolve(drafts=many), humans=[])
    assert by_key(crowd)["bridge"].reasons[0] == "won the endorsement of 6 other delegations for its draft 2"


# --- where they show -----------------------------------------------------------------------

def test_the_section_sits_after_the_scores_with_each_rule(ai_game):
    page = D.render(ai_game)
    check_html(page)
    at = page.index("<h2 id='awards'>Awards</h2>")
    assert page.index("<h2>Each role's score</h2>") < at < page.index("<h2>Was value left on the table?</h2>")
    section = AW.section(ai_game)
    for a in AW.awards(ai_game):
        assert f"<h3>{a.name}</h3>".replace("'", "&#x27;") in section and H.escape(a.rule) in section
    assert section.count("How it is earned:") == len(AW.awards(ai_game))


def test_nobody_qualifying_leaves_the_awards_out(scripted):
    d = D.analyse(scripted, 0)
    d = fake(d, grades=grades(d, **{r: {"history_score": 100.0} for r in d.match.humans}))
    assert AW.awards(d) == []
    assert "No award's rule was met this game" in AW.section(d)
    assert not any("<h2>Awards" in s.html for s in S.slides(d))  # no empty slide


def test_names_are_escaped(sc):
    evil = '<u class="zz">&amp;'
    actors = [a.model_copy(update={"name": a.name + evil}) for a in sc.actors]
    bad = sc.model_copy(update={"actors": actors})
    d = D.analyse(play_one(bad, 7), 0)
    assert AW.awards(d)
    shown = "&lt;u class=&quot;zz&quot;&gt;&amp;amp;"
    for page in (D.render(d), S.render(d)):
        check_html(page)
        assert 'class="zz"' not in page and shown in page
    assert shown in AW.section(d)
    assert shown in "".join(s.html for s in S.slides(d) if "<h2>Awards" in s.html)


def test_the_slide_comes_before_what_history_did(ai_game):
    deck = S.slides(ai_game)
    heads = [re.search(r"<h2>(.*?)</h2>", s.html).group(1) if "<h2>" in s.html else "" for s in deck]
    at = heads.index("Awards")
    assert heads[-1].startswith("What history did")  # the answer stays last
    assert at + 1 == next(n for n, h in enumerate(heads) if h.startswith("What history did"))
    assert heads.index("Each role&#x27;s score") < at
    s = deck[at].html
    for a in AW.awards(ai_game):
        assert H.escape(a.name) in s and H.escape(AW.SHORT[a.key]) in s
        for w in a.winners:
            assert H.escape(ai_game.scenario.actor(w).name) in s
    assert "The computer played every role" in s


def test_no_history_the_slide_is_last(sc):
    tut = load_scenario("tutorial")
    deck = S.slides(D.analyse(play_one(tut, 3), 0))
    assert "<h2>Awards" in deck[-1].html


def crowded(d, n_awards: int = 6, winners: int = 3):
    """``d`` with many awards of several winners each and long reasons: what a slide must still hold."""
    ids = [a.id for a in d.scenario.actors]
    keys = list(AW.RULES)
    found = []
    for k in range(n_awards):
        ws = tuple(ids[(k + j) % len(ids)] for j in range(winners))
        found.append(AW.Award(keys[k % len(keys)], AW.RULES[keys[k % len(keys)]][0] + f" {k}", "rule", ws,
                              tuple(f"scored {70 + j}, {10 + j} above what history gave a long-named role ({60 + j})"
                                    for j in range(winners))))
    return found


def test_a_crowded_award_list_goes_on_over_slides(ai_game, monkeypatch):
    monkeypatch.setattr(AW, "awards", lambda d: crowded(d))
    parts = [s for s in S.slides(ai_game) if "<h2>Awards" in s.html]
    assert len(parts) >= 2 and "(1 of " in parts[0].html
    text = "".join(s.html for s in parts)
    for a in crowded(ai_game):
        assert H.escape(a.name) in text  # every award, once at least (again atop a new column)


@pytest.mark.skipif(CHROMIUM is None, reason="needs a headless Chromium to lay the slides out")
@pytest.mark.parametrize("case", ["game", "many", "few"])
def test_the_award_slides_fit_in_a_browser(sc, ai_game, tmp_path, monkeypatch, case):
    """The awards slides laid out by a real browser at 1280 x 720 and 1024 x 768: nothing runs off,
    with this game's awards, with a crowded list of long-named winners, and with the largest few
    awards that are set in larger type."""
    d = ai_game
    if case != "game":
        long = [a.model_copy(update={"name": a.name + " and the Autonomous Regions of the North"}) if n % 2 else a
                for n, a in enumerate(sc.actors)]
        d = fake(ai_game)
        d.match = _Seen(ai_game.match, scenario=sc.model_copy(update={"actors": long}))
        if case == "many":
            monkeypatch.setattr(AW, "awards", lambda d: crowded(d))
        else:  # the most awards a slide sets in larger type
            found = crowded(d, 6, 1)
            roomy = []
            for k in range(1, 7):
                monkeypatch.setattr(AW, "awards", lambda d, k=k: found[:k])
                if any('class="awards roomy"' in x.html for x in S.slides(d)):
                    roomy.append(k)
            assert roomy
            monkeypatch.setattr(AW, "awards", lambda d: found[:max(roomy)])
    deck = [s for s in S.slides(d) if "<h2>Awards" in s.html]
    assert deck
    page = S.render(d)
    f = tmp_path / "deck.html"
    f.write_text(page.replace("</body>", PROBE), encoding="utf-8")
    numbers = [n for n, s in enumerate(S.slides(d), 1) if "<h2>Awards" in s.html]
    for size in ("1280,720", "1024,768"):
        dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={size}",
                              "--dump-dom", f.as_uri()], capture_output=True, text=True, timeout=120).stdout
        found = re.search(r'data-overflow="([^"]*)"', dom)
        assert found is not None, dom[:300]
        off = [x for x in found.group(1).split(",") if x != "none" and int(x.split(":")[0]) in numbers]
        assert not off, (size, off)


def test_the_text_mode_ends_with_the_same_awards_as_the_debrief(tmp_path, monkeypatch):
    """A text game's last words give the awards its people earned, as the debrief report does."""
    from textmode_helpers import play

    from game.report.debrief import analyse
    from game.session.saves import load_match
    from game.textmode import play as P

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    out = play("pass\n" * 40 + "decline\n")
    assert "Awards (the debrief report says how each is earned):" in out or "Awards: none earned" in out
    final = next(p for p in sorted((tmp_path / "autosaves").glob("*-end.json")))
    m = load_match(final)
    found = AW.awards(analyse(m, P.AI_RUNS or 0))
    said = out[out.index("Awards"):]
    for a in found:
        for winners, reason in AW.grouped(a):
            assert f"{a.name}: " in said and " ".join(f"{reason}.".split()) in " ".join(said.split())
    assert bool(found) == ("Awards (the debrief" in out)
