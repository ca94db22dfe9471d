"""Writing one's own player (a bot) against the engine API, as docs/engine-api.md shows it:
moves of the wrong type are refused with a reason (never a crash, never a save that cannot
be loaded), numpy integers are accepted, a player's view cannot be written into, the legal
moves can be listed from the view alone, and ``Match.play`` seats a custom player."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from game.engine import IllegalAction, actions as A
from game.engine.legal import legal_moves
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.session.saves import load_match, save_match
from game.session.simulate import play_one

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sc():
    return load_scenario("cst-1999")


class Endorser:
    """A small bot: endorse the first draft it does not yet endorse, else pass; sign all."""

    def choose(self, view, legal, rng):
        me = view.me
        if view.phase == "signing":
            if view.on_table is None:
                return A.PutToSignature(me, draft=view.drafts[0].id)
            return A.Sign(me, sign=np.bool_(rng.random() < 0.9))  # numpy bool, as arrays give
        for offer in view.pending_offers():
            return A.Respond(me, offer=offer.id, accept=False)
        for d in view.drafts:
            action = A.Endorse(me, draft=np.int64(d.id))  # numpy int, as arrays give
            if legal(action) is None:
                return action
        return A.Pass(me)


@pytest.mark.parametrize("action, field", [
    (A.Lobby("russia", target="georgia", issue="defence"), "Lobby.issue"),  # an id, not an index
    (A.Lobby("russia", target="georgia", issue=np.float64(1.0)), "Lobby.issue"),
    (A.Amend("russia", draft=1, issue=1, level=2.0), "Amend.level"),
    (A.RedLine("russia", issue=0, level=1.0), "RedLine.level"),
    (A.Endorse("russia", draft=True), "Endorse.draft"),
    (A.Table("russia", levels=(0, 0, 0, 0, 0, 0, 0.0)), "Table.levels"),
    (A.Pass(3), "Pass.actor"),
])
def test_wrong_field_types_are_refused_with_a_reason(sc, action, field):
    m = Match(sc, seed=1, seats={"russia": "human"}, scenario_ref="cst-1999")
    before = m.state
    reason = m.game.check(m.state, action)
    assert reason is not None and reason.startswith(field + " must be"), reason
    outcome = m.submit(action)  # refused, not a crash inside the engine
    assert outcome.rejected == reason and m.state is before and m.actions == []


def test_numpy_integers_are_accepted_and_saved_as_plain_numbers(sc, tmp_path):
    m = Match(sc, seed=1, seats={"russia": "human"}, scenario_ref="cst-1999")
    view = m.game.view(m.state, "russia")
    levels = tuple(np.round(view.table.ideal[view.viewer]).astype(int))  # np.int64 levels
    assert m.game.check(m.state, A.Table("russia", levels=levels)) is None
    assert m.submit(A.Table("russia", levels=levels)).rejected is None
    draft = m.state.drafts[-1]
    assert draft.levels == tuple(int(x) for x in levels)
    assert all(type(x) is int for x in draft.levels)
    assert all(type(x) is int for x in m.actions[-1].levels)
    m.run_ai()
    save_match(m, tmp_path / "g.json")
    again = load_match(tmp_path / "g.json")
    assert again.state == m.state


def test_a_save_with_a_numpy_move_replays(sc, tmp_path):
    m = Match(sc, seed=2, seats={"georgia": "human"}, scenario_ref="cst-1999")
    m.play({"georgia": Endorser()})
    assert m.over
    save_match(m, tmp_path / "g.json")
    assert load_match(tmp_path / "g.json").result().roles == m.result().roles


def test_the_view_model_is_read_only_so_a_bot_cannot_change_the_next_game(sc):
    before = play_one(sc, 7, scenario_ref="cst-1999").result().roles["georgia"].score
    m = Match(sc, seed=1)
    view = m.game.view(m.state, "georgia")
    for name in ("ideal", "salience", "outside", "capability", "reliability", "affinity", "red_lo",
                 "red_hi", "weight", "n_levels"):
        with pytest.raises(ValueError):
            getattr(view.model, name)[0] = 0
    after = play_one(sc, 7, scenario_ref="cst-1999").result().roles["georgia"].score
    assert after == before


def test_legal_moves_from_the_view_are_the_legal_actions_of_the_state():
    sc = load_scenario("tutorial")
    m = Match(sc, seed=3, seats={a.id: "random" for a in sc.actors[1:]}, scenario_ref="tutorial")
    kinds = set()
    while not m.over:
        state, who = m.state, m.to_move
        legal = lambda a: m.game.check(state, a)  # noqa: E731
        expected = m.game.legal_actions(state)
        assert legal_moves(m.game.view(state, who), legal) == expected
        kinds.update(a.kind for a in expected)
        other = next(a for a in sc.actors if a.id != who).id
        assert legal_moves(m.game.view(state, other), legal) == []  # not its turn
        m.step_ai()
    assert {"pass", "endorse", "amend", "lobby", "red_line", "sign"} <= kinds


def test_match_play_seats_a_custom_player_and_is_reproducible(sc, tmp_path):
    bot = Endorser()
    straight = Match(sc, seed=5, seats={"georgia": "human"}, scenario_ref="cst-1999")
    straight.play({"georgia": bot})
    assert straight.over
    ours = [a for a in straight.actions if a.actor == "georgia"]
    assert any(a.kind == "endorse" for a in ours) and any(a.kind == "sign" for a in ours)
    # the same as play_one with players, and as the manual loop of the docs
    again = play_one(sc, 5, seats={"georgia": "human"}, players={"georgia": bot}, scenario_ref="cst-1999")
    assert again.to_payload() == straight.to_payload()
    loop = Match(sc, seed=5, seats={"georgia": "human"}, scenario_ref="cst-1999")
    while not loop.over:
        loop.run_ai()
        if not loop.over:
            assert loop.submit(loop.player_action(bot)).rejected is None
    assert loop.to_payload() == straight.to_payload()
    # saved mid-way and resumed: the same continuation
    half = Match(sc, seed=5, seats={"georgia": "human"}, scenario_ref="cst-1999")
    while len(half.actions) < 40:
        half.run_ai()
        half.submit(half.player_action(bot))
    save_match(half, tmp_path / "half.json")
    resumed = load_match(tmp_path / "half.json")
    resumed.play({"georgia": bot})
    save_match(resumed, tmp_path / "a.json")
    save_match(straight, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_match_play_explains_a_refused_move(sc):
    class Bad:
        def choose(self, view, legal, rng):
            return A.Endorse(view.me, draft=99)

    m = Match(sc, seed=1, seats={"georgia": "human"}, scenario_ref="cst-1999")
    with pytest.raises(IllegalAction, match="georgia's player chose .*there is no draft 99"):
        m.play({"georgia": Bad()})
    assert m.to_move == "georgia"
    with pytest.raises(ValueError, match="no such role"):
        m.play({"mars": Bad()})


def test_match_play_stops_at_a_human_seat_without_a_player(sc):
    m = Match(sc, seed=1, seats={"georgia": "human", "russia": "human"}, scenario_ref="cst-1999")
    m.play({"russia": Endorser()})
    assert m.to_move == "georgia" and not m.over


def test_every_python_snippet_of_the_engine_api_doc_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "docs" / "engine-api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 5
    namespace: dict = {}
    for n, block in enumerate(blocks):
        try:
            exec(compile(block, f"docs/engine-api.md block {n + 1}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message names the block
            raise AssertionError(f"docs/engine-api.md python block {n + 1} fails: {exc!r}\n{block}") from exc
