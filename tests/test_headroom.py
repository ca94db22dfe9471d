"""The strength table's upper bound: the best final text for a seat."""

import numpy as np
import pytest

from game.engine.table import build_table
from game.engine.utility import forecast
from game.scenarios.loader import load_scenario
from game.scoring.roles import Outcome, role_scores
from game.scoring.treaty import score_treaty
from game.session import headroom as H
from game.session.simulate import play_one, run_seed
from game.session.strength import format_table, paired_difference, strength_table


@pytest.fixture(scope="module")
def finished():
    match = play_one(load_scenario("tutorial"), run_seed(1, 0))
    return match.game.model, match.state


def test_every_text_when_few_and_a_stable_sample_when_many(finished):
    model, _ = finished
    texts = H.candidate_texts(model)
    assert len(texts) == int(np.prod(model.n_levels))
    assert len({tuple(t) for t in texts}) == len(texts)
    small = H.candidate_texts(model, seed=3, limit=5)
    assert 1 <= len(small) <= 5
    assert np.array_equal(small, H.candidate_texts(model, seed=3, limit=5))
    assert all(0 <= t[k] < model.n_levels[k] for t in small for k in range(model.n_issues))


@pytest.mark.parametrize("seat", [0, 1, 2])
def test_the_pruned_search_equals_scoring_every_text(finished, seat):
    model, state = finished
    free, chair_ok = H.best_text_score(model, state, seat)
    table = build_table(model, state, None)
    texts = np.vstack([H.candidate_texts(model), state.draft(state.on_table).levels])
    fc = forecast(model, table, texts, state.chair)
    chair_value = H._chair_values(model, state, texts)
    reputation = tuple(a.reputation for a in state.actors)
    scores = []
    for row, levels in enumerate(texts):
        levels = tuple(int(x) for x in levels)
        signers = frozenset(int(i) for i in np.flatnonzero(fc.signers[row]))
        out = Outcome(levels=levels, author=state.chair, signers=signers,
                      treaty=score_treaty(model, table, levels, state.chair, signers), reputation=reputation)
        scores.append(role_scores(model, table, out)[model.actor_ids[seat]].score)
    scores = np.array(scores)
    assert free == pytest.approx(scores.max(), abs=1e-9)
    assert chair_ok == pytest.approx(scores[chair_value >= chair_value[-1] - 1e-9].max(), abs=1e-9)
    assert chair_ok <= free


def test_strength_table_reports_the_bound_beside_the_players():
    calls = []
    table = strength_table("tutorial", runs=2, seed=4, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (2 * 3 * 3, 2 * 3 * 3) and [c[0] for c in calls] == list(range(1, 19))
    assert set(table) == {a.id for a in load_scenario("tutorial").actors}
    for row in table.values():
        assert {"ai", "random", "passive", "best_text", "best_chair_accepts"} <= set(row)
        assert 0 <= row["best_chair_accepts"] <= row["best_text"] <= 100
        assert row["ai_minus_passive"] == pytest.approx(row["ai"] - row["passive"], abs=0.011)
        assert row["ai_minus_passive_se"] >= 0 and 0 <= row["games_differ"] <= 2
    text = format_table(table)
    assert "chair ok" in text and "room" in text and "(se)" in text


def test_paired_difference_is_the_standard_error_of_the_game_by_game_differences():
    out = paired_difference([10.0, 12.0, 11.0, 15.0], [10.0, 10.0, 10.0, 10.0])
    # differences 0, 2, 1, 5: mean 2, sample standard deviation sqrt(14/3), over sqrt(4)
    assert out == {"ai_minus_passive": 2.0, "ai_minus_passive_se": round((14 / 3) ** 0.5 / 2, 2),
                   "games_differ": 3}
    assert paired_difference([3.0], [1.0]) == {"ai_minus_passive": 2.0, "ai_minus_passive_se": 0.0,
                                              "games_differ": 1}


def test_the_room_probes_run_and_leave_the_ai_as_it_was(capsys):
    """docs/balance/probes.py (cited in the balance README) still runs against the AI's
    interfaces, and its oracle undoes itself."""
    import runpy
    from pathlib import Path

    from game.ai import batch as B
    from game.ai import outlook as O
    from game.scenarios.loader import load_scenario

    probes = runpy.run_path(str(Path(__file__).resolve().parents[1] / "docs" / "balance" / "probes.py"))
    before = (O.my_values, O.chair_scores, B.my_values, B.chair_scores)
    sc = load_scenario("cst-1999")
    probes["oracle"](sc, 2, "georgia")
    assert (O.my_values, O.chair_scores, B.my_values, B.chair_scores) == before
    probes["hindsight"](sc, 1, "georgia")
    out = capsys.readouterr().out
    assert "oracle georgia:" in out and "hindsight georgia: the room text was put to signature in" in out


def test_the_lobbying_probe_halves_a_second_lobby_and_undoes_itself():
    """probes.py lobbying: with its rule installed, the second lobby of the same delegation on the
    same issue by the same lobbyist moves it half as far as the first; removed, as far again."""
    import runpy
    from pathlib import Path

    from game.ai import candidates as C
    from game.engine import Game
    from game.engine import actions as A
    from game.engine import transition as T
    from game.scenarios.loader import load_scenario

    probes = runpy.run_path(str(Path(__file__).resolve().parents[1] / "docs" / "balance" / "probes.py"))
    before = (T.lobby_effect, C._lobby_worlds)
    sc = load_scenario("cst-1999")
    g = Game(sc)
    m = g.model
    st = g.new(3)
    me, target, issue = m.actor_index("russia"), m.actor_index("kazakhstan"), 0
    st, _ = g.apply(st, A.Lobby("russia", target="kazakhstan", issue=issue))  # the chair moves first
    plain = T.lobby_effect(m, st, me, target, issue)[0]
    undo = probes["_install_diminishing_lobbying"]()
    try:
        halved = T.lobby_effect(m, st, me, target, issue)[0]
    finally:
        undo()
    assert (T.lobby_effect, C._lobby_worlds) == before
    assert plain != 0 and abs(halved - plain / 2) < 1e-12


def test_the_anticipation_probe_values_lobbying_the_chair_by_its_next_draft_and_undoes_itself():
    """probes.py anticipate: in the tutorial (seed of run 1), Tormund's lobby of the chair on issue 0
    is worth nothing to today's AI (the forecast "if the talks ended now" does not move until the
    chair drafts again: gain = -AP price), and worth something when the chair's next draft is
    anticipated; removed, the AI is as it was."""
    import runpy
    from pathlib import Path

    import game.ai.candidates as C
    from game.ai import batch as B
    from game.ai.outlook import situation
    from game.scenarios.loader import load_scenario
    from game.session.match import Match
    from game.session.simulate import run_seed

    probes = runpy.run_path(str(Path(__file__).resolve().parents[1] / "docs" / "balance" / "probes.py"))
    sc = load_scenario("tutorial")
    m = Match(sc, seed=run_seed(1, 1), seats={"tormund": "human"})
    while not m.human_to_move():
        m.step_ai()
    view = m.game.view(m.state, "tormund")

    def lobby_gain() -> float:
        scored = C.scored_candidates(view, situation(view), "pragmatic")
        return max(g for g, a in scored if a.kind == "lobby" and a.target == "corallia" and a.issue == 0)

    before = (B.Batch.ideal_cell_change, B.Batch.values)
    plain = lobby_gain()
    undo = probes["_install_anticipation"]()
    try:
        anticipated = lobby_gain()
    finally:
        undo()
    assert (B.Batch.ideal_cell_change, B.Batch.values) == before
    assert abs(plain + C.AP_PRICE) < 1e-9 and anticipated > C.MIN_GAIN
    assert lobby_gain() == plain


def test_the_lobby_chair_bot_of_the_balance_readme_plays_a_whole_game():
    """docs/balance/lobby_chair.py (the bot the README's figures cite) loads as --player loads it and
    plays legal moves to the end: in the tutorial, as Tormund, it lobbies the chair every turn."""
    from pathlib import Path

    from game.scenarios.loader import load_scenario
    from game.session.simulate import load_factory, play_one, run_seed

    spec = str(Path(__file__).resolve().parents[1] / "docs" / "balance" / "lobby_chair.py") + ":LobbyChair"
    bot = load_factory(spec)()
    m = play_one(load_scenario("tutorial"), run_seed(1, 1), players={"tormund": bot})
    assert m.over
    moves = [a for a in m.actions if a.actor == "tormund" and a.kind != "sign"]
    assert moves and all(a.kind == "lobby" and a.target == "corallia" for a in moves)
