"""A researcher's own player (a bot) on the command line and what a player is handed:

- ``simulate --player SEAT=SPEC`` and ``strength --player SPEC`` seat a player named by
  ``module:factory`` or ``file.py:factory``, in worker processes too (byte-identical output
  with 1 and 2 workers); a bad spec or a failing player is one ``error:`` line, never a
  traceback; ``--json`` records the custom seats;
- ``legal`` (the move check a player gets) leads nowhere near the match, its state or the
  full model;
- the scenario a view shows is read-only, so a player cannot change later games.
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
import sys

import pytest

from game.cli import main
from game.engine import GameState, actions as A
from game.engine.model import Model
from game.scenarios.loader import load_scenario
from game.scenarios.schema import Scenario
from game.session import simulate as S
from game.session.match import Match
from game.session.saves import load_match
from game.session.simulate import play_one, run_seed

BOTS = '''
from game.engine import actions as A


class Passer:
    """Passes; signs anything; the chair puts the first draft."""

    def choose(self, view, legal, rng):
        if view.phase == "signing":
            if view.on_table is None:
                return A.PutToSignature(view.me, draft=view.drafts[0].id)
            return A.Sign(view.me, sign=True)
        for offer in view.pending_offers():
            return A.Respond(view.me, offer=offer.id, accept=rng.random() < 0.5)
        return A.Pass(view.me)


class Boom(Passer):
    def choose(self, view, legal, rng):
        if view.state_round >= 1:
            return {}["no such key"]
        return super().choose(view, legal, rng)


class Illegal(Passer):
    def choose(self, view, legal, rng):
        return A.Endorse(view.me, draft=99)


class Nothing(Passer):
    def choose(self, view, legal, rng):
        return None


class NeedsSeat(Passer):
    def __init__(self, seat):
        self.seat = seat


def forty_two():
    return 42


instance = Passer()
NUMBER = 3
'''


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """Each test imports its players afresh and leaves sys.path and sys.modules as they were."""
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(S, "_FACTORIES", {})
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        if name.startswith(("treaty_table_player_", "botmod_")):
            del sys.modules[name]


@pytest.fixture
def bots(tmp_path):
    path = tmp_path / "bots.py"
    path.write_text(BOTS, encoding="utf-8")
    return path


def A_PASSER():
    namespace: dict = {}
    exec(BOTS, namespace)
    return namespace["Passer"]()


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- simulate --player

def test_simulate_seats_a_file_player_in_every_game_with_1_and_2_workers(capsys, bots, tmp_path):
    spec = f"{bots}:Passer"
    code, one, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "4", "--seed", "3", "--json",
                         "--player", f"brisa={spec}", "--games", tmp_path / "g.jsonl")
    assert code == 0, err
    code, two, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "4", "--seed", "3", "--json",
                         "--player", f"brisa={spec}", "--workers", "2")
    assert code == 0, err
    assert two == one  # the spec travels to the workers and is imported there
    report = json.loads(one)
    assert report["players"] == {"brisa": spec}
    # the same games as the Python API plays them, with a fresh player per game
    sc = load_scenario("tutorial")
    module = sys.modules[type(S.new_player(spec)).__module__]
    scores = [play_one(sc, run_seed(3, n), seats={"brisa": "human"}, players={"brisa": module.Passer()},
                       scenario_ref="tutorial").result().roles["brisa"].score for n in range(4)]
    assert report["role_scores"]["brisa"] == round(sum(scores) / 4, 2)
    rows = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text().splitlines()]
    assert [r["scores"]["brisa"] for r in rows] == pytest.approx(scores, abs=1e-6)


def test_simulate_without_players_records_none_and_a_module_player_equal_to_the_ai_changes_nothing(capsys):
    code, plain, _ = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "3", "--seed", "5", "--json")
    assert code == 0 and json.loads(plain)["players"] == {}
    code, mine, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "3", "--seed", "5", "--json",
                          "--player", "corallia=game.ai.player:Negotiator")
    assert code == 0, err
    plain_report, mine_report = json.loads(plain), json.loads(mine)
    assert mine_report.pop("players") == {"corallia": "game.ai.player:Negotiator"}
    plain_report.pop("players")
    assert mine_report == plain_report  # the AI class as "your" player: the very same games
    code, text, _ = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1",
                        "--player", "corallia=game.ai.player:PassivePlayer")
    assert "(corallia: game.ai.player:PassivePlayer; the other seats AI)" in text.splitlines()[0]


def test_a_module_player_is_found_in_the_current_folder(capsys, tmp_path, monkeypatch):
    (tmp_path / "botmod_here.py").write_text(BOTS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sys.path[:] = [p for p in sys.path if p not in ("", str(tmp_path))]
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--json",
                         "--player", "tormund=botmod_here:Passer")
    assert code == 0, err
    assert json.loads(out)["players"] == {"tormund": "botmod_here:Passer"}


def test_saves_of_a_simulation_with_a_player_replay_and_say_who_played(capsys, bots, tmp_path):
    spec = f"{bots}:Passer"
    code, _, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "2", "--save-dir", tmp_path / "s",
                       "--player", f"brisa={spec}")
    assert code == 0, err
    record = json.loads((tmp_path / "s" / "game-00001.json").read_text("utf-8"))["payload"]
    assert record["seats"]["brisa"] == "human" and record["players"] == {"brisa": spec}
    assert load_match(tmp_path / "s" / "game-00001.json").over  # its moves are in the save
    assert run(capsys, "replay", tmp_path / "s" / "game-00002.json")[0] == 0


def test_debrief_and_grades_mark_a_players_seat_bot_not_human(capsys, bots, tmp_path):
    """A seat your program played is "human" in the save (the AI must not move it), but no person
    played it: the grade sheet's seat column says bot, the debrief names the player."""
    spec = f"{bots}:Passer"
    code, _, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--save-dir", tmp_path / "s",
                       "--player", f"brisa={spec}")
    assert code == 0, err
    save = tmp_path / "s" / "game-00001.json"
    match = load_match(save)
    assert match.bots == {"brisa": spec} and match.humans == ["brisa"] and match.people == []
    assert match.seat_kind("brisa") == "bot" and match.seat_kind("tormund") == "ai"
    assert match.to_payload()["players"] == {"brisa": spec}  # kept when the match is saved again
    code, _, err = run(capsys, "grades", save, "--out", tmp_path / "g.csv", "--ai-runs", "2")
    assert code == 0, err
    seats = {line.split(",")[0].lstrip("\ufeff"): line.split(",")[2]
             for line in (tmp_path / "g.csv").read_text("utf-8").splitlines()[1:]}
    assert seats == {"corallia": "ai", "brisa": "bot", "tormund": "ai"}
    code, _, err = run(capsys, "debrief", save, "--out", tmp_path / "d.html", "--ai-runs", "2")
    assert code == 0, err
    html = (tmp_path / "d.html").read_text("utf-8")
    assert f"Played by your own players: Brisa ({spec}); the other roles by the computer" in html
    assert "Played by people" not in html and "played by people" not in html and ">human</span>" not in html
    assert ">bot</span>" in html  # the timeline marks the bot's moves


def test_a_save_without_players_and_a_human_seat_stays_human(tmp_path):
    match = play_one(load_scenario("tutorial"), 4, seats={"brisa": "human"}, players={"brisa": A_PASSER()},
                     scenario_ref="tutorial")
    payload = match.to_payload()
    assert "players" not in payload and match.people == ["brisa"] and match.seat_kind("brisa") == "human"
    # a hand-edited "players" entry for a seat the AI played is ignored (the seat was not a bot's)
    again = Match.from_payload({**payload, "players": {"tormund": "x.py:Bot", "brisa": 7}},
                               load_scenario("tutorial"))
    assert again.bots == {} and again.people == ["brisa"]


def _one_error_line(code, out, err, *needles):
    assert code == 1, (code, out, err)
    assert out == ""  # no report, nothing half done
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --player "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.mark.parametrize("spec, needles", [
    ("no_such_module_xyz:Bot", ["no_such_module_xyz:Bot", "no module named 'no_such_module_xyz'", "PYTHONPATH"]),
    ("{bots}:Passr", ["has no 'Passr'", "it defines Passer, Boom"]),
    ("{dir}/missing.py:Bot", ["missing.py:Bot", "there is no file", "check the path"]),
    ("{bots}:NUMBER", ["NUMBER is not callable", "name a class or a function"]),
    ("{bots}:instance", ["is a player object, not a factory", "name its class"]),
    ("{bots}:forty_two", ["forty_two() gave 42", "no choose(view, legal, rng) method"]),
    ("{bots}:NeedsSeat", ["calling NeedsSeat() failed: TypeError", "called with no arguments"]),
    ("{dir}/broken.py:Bot", ["importing", "SyntaxError", "broken.py, line 1"]),
    ("{dir}/needs_dep.py:Bot", ["No module named 'a_dependency_not_installed'", "install the missing module"]),
    ("{bots}", ["is not a player: write MODULE:FACTORY or FILE.py:FACTORY"]),
])
def test_a_bad_spec_is_one_line_before_any_game(capsys, bots, tmp_path, spec, needles):
    (tmp_path / "broken.py").write_text("def f(:\n", encoding="utf-8")
    (tmp_path / "needs_dep.py").write_text("import a_dependency_not_installed\n", encoding="utf-8")
    spec = spec.format(bots=bots, dir=tmp_path)
    saves = tmp_path / "saves"
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "2", "--save-dir", saves,
                         "--player", f"brisa={spec}")
    line = _one_error_line(code, out, err, *needles)
    assert spec in line
    assert not list(saves.glob("game-*.json"))  # stopped before any game


def test_player_options_that_are_not_a_seat_and_a_spec(capsys, bots):
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--player", f"{bots}:Passer")
    _one_error_line(code, out, err, "SEAT=SPEC")
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--player", f"mars={bots}:Passer")
    _one_error_line(code, out, err, "no such role 'mars'")
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--player",
                         f"brisa={bots}:Passer", "--player", f"brisa={bots}:Boom")
    _one_error_line(code, out, err, "already has a player")


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("factory, needles", [
    ("Boom", ["(playing brisa) raised KeyError: 'no such key'", "bots.py, line", "in choose", "in game 1 (seed ",
              "round 2", "fix the player"]),
    ("Illegal", ["(playing brisa) chose Endorse(actor='brisa', draft=99)", "which the rules refuse: there is no "
                 "draft 99", "check a move with legal(action)"]),
    ("Nothing", ["(playing brisa) returned None", "which is not a move"]),
])
def test_a_player_failing_mid_game_stops_with_one_line(capsys, bots, tmp_path, workers, factory, needles):
    """Decided: a player's exception or refused move is never turned into a pass (that would
    hide a bug in the bot behind plausible numbers): the run stops, naming the game to debug."""
    games = tmp_path / "g.csv"
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "3", "--json", "--workers", workers,
                         "--player", f"brisa={bots}:{factory}", "--games", games)
    line = _one_error_line(code, out, err, f"{bots}:{factory}", *needles)
    assert f"seed {run_seed(1, 0)})" in line  # the first game: the one to replay in Python
    assert not games.exists()


# --------------------------------------------------------------------------- strength --player

def test_strength_adds_a_players_column_on_the_same_seeds(capsys):
    spec = "game.ai.player:PassivePlayer"  # the built-in passive player, as "your" player
    argv = ["strength", "--scenario", "tutorial", "--runs", "2", "--seat", "brisa", "--seat", "tormund",
            "--player", spec]
    code, one, err = run(capsys, *argv, "--json")
    assert code == 0, err
    code, two, err = run(capsys, *argv, "--json", "--workers", "2")
    assert code == 0, err
    assert one == two
    table = json.loads(one)
    for row in table.values():
        mine = row["players"][spec]
        assert mine["score"] == row["passive"]  # the same seeds, so the very same games
        assert mine["minus_passive"] == 0 and mine["minus_passive_se"] == 0
        assert mine["minus_ai"] == -row["ai_minus_passive"]
        assert mine["games_differ_from_ai"] == row["games_differ"]
    code, text, _ = run(capsys, *argv)
    assert code == 0
    assert f"(ai, random, passive, {spec})" in text.splitlines()[0]
    assert f"your player {spec}, in each seat" in text and "-passive" in text
    code, out, _ = run(capsys, "strength", "--scenario", "tutorial", "--runs", "1", "--seat", "brisa", "--json")
    assert json.loads(out)["brisa"]["players"] == {}


def test_strength_player_errors(capsys, bots):
    code, out, err = run(capsys, "strength", "--scenario", "tutorial", "--runs", "1", "--player", f"brisa={bots}:Passer")
    _one_error_line(code, out, err, f"--player {bots}:Passer", "--seat brisa")
    code, out, err = run(capsys, "strength", "--scenario", "tutorial", "--runs", "1", "--seat", "brisa",
                         "--workers", "2", "--player", f"{bots}:Boom")
    _one_error_line(code, out, err, "(playing brisa) raised KeyError")
    code, out, err = run(capsys, "strength", "--scenario", "tutorial", "--runs", "1", "--player", "nope_mod:X")
    _one_error_line(code, out, err, "no module named 'nope_mod'")


def test_the_help_says_a_player_spec_runs_code(capsys):
    for command in ("simulate", "strength"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = " ".join(capsys.readouterr().out.split())
        assert "--player" in out and "runs that code" in out and "trust" in out


# --------------------------------------------------------------------------- legal leads nowhere

SECRET_TYPES = (Match, GameState, Model, Scenario)


def _reachable(legal) -> list:
    """What the obvious routes from ``legal`` lead to, two steps deep."""
    found, frontier = [], [legal]
    for _ in range(2):
        nxt = []
        for obj in frontier:
            for name in ("__self__", "__wrapped__", "__func__", "__dict__", "__closure__", "__defaults__",
                         "__kwdefaults__", "args", "keywords", "func"):
                try:
                    value = getattr(obj, name)
                except Exception:
                    continue
                nxt.append(value)
                if name == "__closure__" and value:
                    nxt += [cell.cell_contents for cell in value]
                if isinstance(value, dict):
                    nxt += list(value.values())
                if isinstance(value, tuple):
                    nxt += list(value)
            for name in dir(obj):
                if name.startswith("__") and name not in ("__call__",):
                    continue
                try:
                    nxt.append(getattr(obj, name))
                except Exception:
                    pass
            if obj is legal:
                nxt += gc.get_referents(obj)
        found += nxt
        frontier = [x for x in nxt if x is not None and not isinstance(x, type)]
    return found


def test_legal_gives_the_check_and_nothing_that_leads_to_the_match():
    sc = load_scenario("cst-1999")
    seen = {}

    class Snoop:
        def choose(self, view, legal, rng):
            seen["reached"] = _reachable(legal)
            seen["legal"] = legal(A.Pass(view.me)), legal(A.Endorse(view.me, draft=99))
            seen["copies"] = []
            for attempt in (lambda: pickle.dumps(legal), lambda: copy.copy(legal), lambda: vars(legal)):
                try:
                    seen["copies"].append(attempt())
                except Exception:  # TypeError here; a closure may fail otherwise
                    pass
            return A.Pass(view.me)

    m = Match(sc, seed=1, seats={"russia": "human"}, scenario_ref="cst-1999")
    m.play({"russia": Snoop()}, max_steps=1)
    assert seen["legal"] == (None, "there is no draft 99 on the table")
    leaks = [type(x).__name__ for x in seen["reached"]
             if isinstance(x, SECRET_TYPES) or x is m.game or x is m.game.model or x is m.state]
    assert leaks == []
    confidential = sc.actors[1].confidential
    assert confidential and not any(confidential in repr(x) for x in seen["reached"])
    assert seen["copies"] == []  # not pickled, copied or opened up either


def test_legal_still_checks_against_the_state_it_was_given():
    sc = load_scenario("tutorial")
    kept = []

    class Keeper:
        def choose(self, view, legal, rng):
            kept.append((view, legal))
            return A.Pass(view.me)

    m = Match(sc, seed=2, seats={a.id: "human" for a in sc.actors}, scenario_ref="tutorial")
    while not m.over and len(kept) < 30:
        m.submit(m.player_action(Keeper()))
    for view, legal in kept[:5]:  # kept past its turn, it still answers for that position
        assert legal(A.Pass(view.me)) is None


# --------------------------------------------------------------------------- a read-only scenario

def _mutations(s, me: int, other: int):
    return {
        "issues.append": lambda: s.issues.append(s.issues[0]),
        "issues[0] =": lambda: s.issues.__setitem__(0, s.issues[1]),
        "levels.reverse": lambda: s.issues[0].levels.reverse(),
        "levels +=": lambda: s.issues[0].levels.__iadd__([s.issues[0].levels[0]]),
        "own objectives.clear": lambda: s.actors[me].objectives.clear(),
        "own red_lines.pop": lambda: s.actors[me].red_lines.pop(),
        "other offers.append": lambda: s.actors[other].offers.append(s.actors[other].offers[0]),
        "positions[...] =": lambda: s.actors[other].positions.__setitem__(s.issues[0].id, None),
        "affinities.update": lambda: s.actors[me].affinities.update({"x": 1.0}),
        "costs[...] =": lambda: s.settings.costs.__setitem__("table", 0),
        "costs.clear": lambda: s.settings.costs.clear(),
        "rounds.pop": lambda: s.rounds.pop(),
        "events.clear": lambda: s.events.clear(),
        "sources.setdefault": lambda: s.sources.setdefault("x", "y"),
        "del actors[0]": lambda: s.actors.__delitem__(0),
        "actors.sort": lambda: s.actors.sort(key=lambda a: a.id),
    }


def test_the_scenario_of_a_view_cannot_be_changed_but_can_be_copied():
    sc = load_scenario("cst-1999")
    m = Match(sc, seed=1)
    me, other = 3, 0
    s = m.game.view(m.state, me).model.scenario
    assert s.actors[me].objectives and s.actors[me].red_lines and s.actors[other].offers  # something to break
    for name, mutate in _mutations(s, me, other).items():
        with pytest.raises(TypeError, match="read-only"):
            mutate()
    for viewer in (None, 0):  # the public view (spectators, reports) too
        from game.engine.views import public_model

        with pytest.raises(TypeError):
            public_model(m.game.model, viewer).scenario.issues.clear()
    assert s.issues == sc.issues and s.actors[me].objectives == sc.actors[me].objectives
    mine = copy.deepcopy(s)  # a copy is the bot's own, and plain
    mine.issues.append(mine.issues[0])
    assert type(mine.issues) is list and len(mine.issues) == len(s.issues) + 1
    assert type(list(s.issues)) is list and type(dict(s.settings.costs)) is dict
    assert pickle.loads(pickle.dumps(s)) == s
    assert json.loads(s.model_dump_json())["id"] == sc.id


def test_a_vandal_bot_cannot_change_later_games():
    sc = load_scenario("cst-1999")
    before = play_one(sc, 11, scenario_ref="cst-1999").result().to_dict()
    refused = []

    class Vandal:
        def choose(self, view, legal, rng):
            others = [i for i in range(view.model.n_actors) if i != view.viewer]
            for name, mutate in _mutations(view.model.scenario, view.viewer, others[0]).items():
                try:
                    mutate()
                except TypeError:
                    refused.append(name)
                except Exception:
                    pass
            return A.Pass(view.me) if view.phase == "diplomacy" else A.Sign(view.me, sign=False) \
                if view.on_table is not None else A.PutToSignature(view.me, draft=view.drafts[0].id)

    play_one(sc, 12, seats={"russia": "human"}, players={"russia": Vandal()}, scenario_ref="cst-1999")
    play_one(sc, 12, seats={"georgia": "human"}, players={"georgia": Vandal()}, scenario_ref="cst-1999")
    assert refused
    after = play_one(sc, 11, scenario_ref="cst-1999").result().to_dict()
    assert after == before
    assert sc.settings.costs and all(a.objectives for a in sc.actors if a.id in ("russia", "georgia"))
