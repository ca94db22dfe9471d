"""A political-science researcher writing their own players, following README, engine-api.md and
cli.md only:

- what a player prints goes to standard error: ``simulate --json`` stays JSON and byte-identical
  with 1 and 2 workers;
- ``replay`` of a save written by ``simulate --player`` says which player played which seat
  (the save gives the seat as "human");
- the text report says "1 game", and no "other seats AI" when your players hold every seat;
- a plain ``choose(view, legal, rng)`` function named as the factory gets the fix in its message;
- the MyBot example of engine-api.md runs as a ``--player`` file of its own;
- engine-api.md says what a player sees and may do when called back to answer an offer after
  it has passed (the rule "every offer gets its answer"), and says it truly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.engine import actions as A, legal_moves
from game.scenarios.loader import load_scenario
from game.session import simulate as S
from game.session.simulate import play_one, run_seed

ROOT = Path(__file__).resolve().parents[1]

PRINTER = '''
from game.engine import actions as A
print("loading the printing bot")


class Printer:
    def __init__(self):
        print("a new printer")

    def choose(self, view, legal, rng):
        print("thinking about", view.me, view.state_round)
        if view.phase == "signing":
            if view.on_table is None:
                return A.PutToSignature(view.me, draft=view.drafts[0].id)
            return A.Sign(view.me, sign=True)
        return A.Pass(view.me)


def choose(view, legal, rng):
    return A.Pass(view.me)
'''


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(S, "_FACTORIES", {})
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        if name.startswith("treaty_table_player_") or name == "bots" or name.startswith("bots."):
            del sys.modules[name]


@pytest.fixture
def printer(tmp_path):
    path = tmp_path / "printer.py"
    path.write_text(PRINTER, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_what_a_player_prints_goes_to_stderr_and_the_json_is_the_same_with_any_workers(printer, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), TREATY_TABLE_HOME=str(tmp_path / "home"))
    outs = []
    for workers in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "game", "simulate", "--scenario", "tutorial", "--runs", "4",
                               "--json", "--workers", workers, "--player", f"brisa={printer}:Printer"],
                              capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["players"] == {"brisa": f"{printer}:Printer"}  # nothing else on stdout
        assert "thinking about brisa" in done.stderr and "a new printer" in done.stderr
        outs.append(done.stdout)
    assert outs[0] == outs[1]


def test_replay_names_the_players_of_a_simulation(capsys, printer, tmp_path):
    spec = f"{printer}:Printer"
    code, _, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--save-dir", tmp_path / "s",
                       "--player", f"brisa={spec}")
    assert code == 0, err
    code, out, err = run(capsys, "replay", tmp_path / "s" / "game-00001.json")
    assert code == 0, err
    head = " ".join(out.split("\n\n")[0].split())  # the first line, unwrapped
    assert f"Brisa played by {spec}, the other seats AI" in head, head
    assert "human" not in head


def test_replay_shows_a_hand_edited_players_record_safely(capsys, tmp_path):
    from game.session.saves import read_game_payload, save_match, write_game

    match = play_one(load_scenario("tutorial"), 5, seats={"brisa": "passive"}, scenario_ref="tutorial")
    path = tmp_path / "g.json"
    save_match(match, path)
    payload = read_game_payload(path)
    payload["seats"]["brisa"] = "human"
    payload["players"] = {"brisa": "bots/x.py:Bot\x1b[31m" + "y" * 200, "tormund": 7, "corallia": "ai.py:Ai"}
    write_game(path, payload)
    code, out, err = run(capsys, "replay", path)
    assert code == 0, err
    head = " ".join(out.split("\n\n")[0].split())
    assert "\x1b" not in head and "Brisa played by bots/x.py:Bot" in head and "...yyy" in head
    assert "Corallia played by" not in head  # an AI seat is an AI seat, whatever the record says


def test_the_text_report_counts_one_game_and_no_ai_seat_when_every_seat_is_yours(capsys, printer):
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1")
    assert code == 0, err
    assert ": 1 AI-only game (seed 1" in out.splitlines()[0]
    spec = f"{printer}:Printer"
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "2", "--player", f"brisa={spec}",
                         "--player", f"tormund={spec}", "--player", f"corallia={spec}")
    assert code == 0, err
    first = out.splitlines()[0]
    assert ": 2 games (" in first and "other seats AI" not in first, first
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--player", f"brisa={spec}")
    assert code == 0, err
    assert f": 1 game (brisa: {spec}; the other seats AI)" in out.splitlines()[0]


def test_a_choose_function_named_as_the_factory_is_told_to_put_it_in_a_class(capsys, printer):
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--player",
                         f"brisa={printer}:choose")
    assert code == 1 and out == ""
    assert err.startswith("loading the printing bot\n")  # what it printed on import, on stderr
    line = err.strip().splitlines()[-1]
    assert line.startswith(f"error: --player brisa={printer}:choose: choose looks like a choose(view, legal, rng) "
                           "function") and "name the class" in line


def test_the_mybot_example_runs_as_a_player_file_of_its_own(tmp_path, monkeypatch):
    """A bot author copies the MyBot class into a file and names it with --player."""
    text = (ROOT / "docs" / "engine-api.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", text, re.S) if "class MyBot" in b)
    code = block.split("\nbot = MyBot()")[0]
    (tmp_path / "mybot.py").write_text(code, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = S.simulate("cst-1999", runs=1, seed=1, players={"georgia": "mybot.py:MyBot"})
    assert report["players"] == {"georgia": "mybot.py:MyBot"}


class _Tracer:
    """Passes at once each round; records what it sees when called back to answer an offer."""

    def __init__(self, seen):
        self.seen = seen

    def choose(self, view, legal, rng):
        me = view.me
        if view.phase == "signing":
            if view.on_table is None:
                return A.PutToSignature(me, draft=view.drafts[0].id)
            return A.Sign(me, sign=True)
        pending = view.pending_offers()
        if view.actors[view.viewer].done and pending:
            other = next(a for a in view.model.actor_ids if a != me)
            self.seen.append({"kinds": {m.kind for m in legal_moves(view, legal)},
                              "lobby": legal(A.Lobby(me, target=other, issue=0)),
                              "pass": legal(A.Pass(me)), "giver": view.model.actor_ids[pending[0].giver],
                              "offer": pending[0].id})
            return A.Respond(me, offer=pending[0].id, accept=True)
        return A.Pass(me)


class _Offerer:
    def choose(self, view, legal, rng):
        me = view.me
        if view.phase == "signing":
            if view.on_table is None:
                return A.PutToSignature(me, draft=view.drafts[0].id)
            return A.Sign(me, sign=True)
        for offer in view.pending_offers():
            return A.Respond(me, offer=offer.id, accept=False)
        for kind in [o.id for o in view.model.scenario.actors[view.viewer].offers]:
            for target in view.model.actor_ids:
                action = A.MakeOffer(me, target=target, offer=kind)
                if target != me and legal(action) is None:
                    return action
        return A.Pass(me)


def test_the_docs_say_truly_what_a_called_back_player_sees_and_may_do():
    seen: list[dict] = []
    sc = load_scenario("tutorial")
    play_one(sc, run_seed(1, 0), seats={"brisa": "human", "tormund": "human"},
             players={"brisa": _Tracer(seen), "tormund": _Offerer()}, scenario_ref="tutorial")
    assert seen, "brisa passed first and was never called back to answer tormund's offer"
    first = seen[0]
    assert first["kinds"] == {"pass", "respond"} and first["pass"] is None and first["giver"] == "tormund"
    text = " ".join((ROOT / "docs" / "engine-api.md").read_text(encoding="utf-8").split())
    assert "### Called back to answer an offer" in text
    documented = first["lobby"].replace(f"offer {first['offer']}", "offer 3")
    assert f"`{documented}`" in text, documented  # the refusal a bot author will meet, word for word
    for needle in ("view.pending_offers()", "`view.actors[view.viewer].done`", "`Pass(me)`, which lets every "
                   "waiting offer *lapse*", "`Pass` is legal at every turn of the talks",
                   "giver and target are actor *indices*", "goes to standard error"):
        assert needle in text, needle


def test_a_package_module_importing_its_neighbour_as_top_level_gets_the_fix(capsys, tmp_path, monkeypatch):
    (tmp_path / "bots").mkdir()
    (tmp_path / "bots" / "helper.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "bots" / "main.py").write_text(
        "import helper\nfrom game.engine import actions as A\n\nclass Bot:\n"
        "    def choose(self, view, legal, rng):\n        return A.Pass(view.me)\n", encoding="utf-8")
    (tmp_path / "needs.py").write_text("import not_installed_anywhere_xyz\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--player", "brisa=bots.main:Bot")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert "helper.py is beside it" in err and "bots.helper" in err and "bots/main.py:Bot" in err, err
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--player", "brisa=needs:Bot")
    assert code == 1 and "install the missing module" in err and "beside" not in err, err
