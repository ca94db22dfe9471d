"""The headless tools as a researcher uses them: simulate's per-game file, its save folder,
workers and Ctrl-C, saves that lie about their options, and the balance and strength
summaries (what every number is over)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from game.session.parallel import processors, worker_count
from game.session.store import payload_checksum

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- per-game data

def test_games_csv_has_one_row_per_game_matching_the_saves_and_the_report(capsys, tmp_path: Path) -> None:
    code, plain, _ = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "4", "--seed", "2", "--json")
    assert code == 0
    games, saves = tmp_path / "games.csv", tmp_path / "saves"
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "4", "--seed", "2", "--json",
                         "--games", games, "--save-dir", saves)
    assert code == 0, err
    assert out == plain  # the report does not change with --games
    rows = list(csv.DictReader(io.StringIO(games.read_text("utf-8"))))
    assert [r["run"] for r in rows] == ["1", "2", "3", "4"]
    for r in rows:
        save = json.loads((saves / f"game-{int(r['run']):05d}.json").read_text("utf-8"))
        assert int(r["seed"]) == save["payload"]["seed"]
    assert {"tightness", "depth", "breadth", "cohesion", "label", "in_force", "signatories",
            "text_catch", "signed_brisa", "score_brisa"} <= set(rows[0])
    report = json.loads(out)
    mean = sum(float(r["tightness"]) for r in rows) / 4
    assert mean == pytest.approx(report["outcomes"]["tightness"]["mean"], abs=1e-3)
    share = sum(int(r["signed_brisa"]) for r in rows) / 4
    assert share == pytest.approx(report["outcomes"]["signed"]["brisa"])
    assert all(int(r["signatories"]) == sum(int(r[f"signed_{a}"]) for a in ("corallia", "brisa", "tormund"))
               for r in rows)


def test_games_jsonl(capsys, tmp_path: Path) -> None:
    games = tmp_path / "sub" / "games.jsonl"
    code, _, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "2", "--games", games)
    assert code == 0, err
    records = [json.loads(line) for line in games.read_text("utf-8").splitlines()]
    assert [r["run"] for r in records] == [1, 2]
    assert set(records[0]["scores"]) == {"corallia", "brisa", "tormund"}
    assert isinstance(records[0]["in_force"], bool) and isinstance(records[0]["levels"], dict)


def test_games_needs_a_csv_or_jsonl_name(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "simulate", "--runs", "1", "--games", tmp_path / "games.txt")
    assert code == 2 and out == "" and ".csv or a .jsonl" in err and "Traceback" not in err


# --------------------------------------------------------------------------- the save folder

def test_a_save_dir_from_an_earlier_simulation_is_refused(capsys, tmp_path: Path) -> None:
    assert run(capsys, "simulate", "--scenario", "tutorial", "--runs", "3", "--save-dir", tmp_path)[0] == 0
    before = {f.name: f.read_bytes() for f in tmp_path.iterdir()}
    code, out, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "2", "--save-dir", tmp_path)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and "already holds 3 saved games" in err and "--overwrite" in err
    assert {f.name: f.read_bytes() for f in tmp_path.iterdir()} == before  # nothing played, nothing lost


def test_overwrite_leaves_only_the_new_games(capsys, tmp_path: Path) -> None:
    assert run(capsys, "simulate", "--scenario", "tutorial", "--runs", "3", "--save-dir", tmp_path)[0] == 0
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "2", "--seed", "9",
                       "--save-dir", tmp_path, "--overwrite")
    assert code == 0, err
    assert sorted(f.name for f in tmp_path.iterdir()) == ["game-00001.json", "game-00002.json", "notes.txt"]


def test_overwrite_without_save_dir(capsys) -> None:
    code, _, err = run(capsys, "simulate", "--runs", "1", "--overwrite")
    assert code == 2 and "--overwrite only applies to --save-dir" in err


@pytest.mark.parametrize("argv, named", [
    (["simulate", "--runs", "0"], "--runs 0"),
    (["simulate", "--workers", "-2"], "--workers -2"),
    (["strength", "--runs", "0"], "--runs 0"),
    (["balance", "tutorial", "--workers", "0"], "--workers 0"),
])
def test_a_count_below_one_names_the_option(capsys, argv, named) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith(f"error: {named}:") and "--runs and --workers" not in err


# --------------------------------------------------------------------------- workers and Ctrl-C

def test_workers_are_capped_by_the_games_and_the_processors() -> None:
    assert worker_count(1, 100) == 1
    assert worker_count(40, 2) == 2
    assert worker_count(40, 1) == 1
    assert worker_count(10_000, 10_000) == max(2, processors())


def test_many_workers_for_few_games_give_the_same_report(capsys) -> None:
    one = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "3", "--json")
    many = run(capsys, "simulate", "--scenario", "tutorial", "--runs", "3", "--json", "--workers", "500")
    assert one[0] == many[0] == 0 and one[1] == many[1]


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_stops_a_simulation_with_workers_at_once(tmp_path: Path) -> None:
    """Before, the workers printed tracebacks and the pool then played every queued game."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TREATY_TABLE_HOME": str(tmp_path / "home")}
    # A suite started as a background job (`... &` in a script, nohup) has SIGINT ignored, the child
    # would inherit that and never see the Ctrl-C below: it gets the default disposition (a caught
    # signal is reset by exec) whatever this process has.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        child = subprocess.Popen([sys.executable, "-m", "game", "simulate", "--scenario", "tutorial", "--runs", "3000", "--workers", "2",
                                  "--save-dir", str(tmp_path / "saves")], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, before)
    deadline = time.monotonic() + 60
    while not any((tmp_path / "saves").glob("game-*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)  # the pool is playing
    os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    try:
        out, err = child.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail("simulate did not stop within 20 s of Ctrl-C")
    assert child.returncode == 130
    assert err.decode().strip() == "interrupted" and out == b""
    assert len(list((tmp_path / "saves").glob("game-*.json"))) < 3000


# --------------------------------------------------------------------------- saves

def _edited_save(tmp_path: Path, capsys, edit) -> Path:
    saves = tmp_path / "saves"
    assert run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--save-dir", saves)[0] == 0
    path = saves / "game-00001.json"
    doc = json.loads(path.read_text("utf-8"))
    edit(doc["payload"])
    doc["sha256"] = payload_checksum(doc["payload"])
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_save_with_an_unknown_events_mode_is_damaged(capsys, tmp_path: Path) -> None:
    """Before, it replayed silently with no events and stopped halfway."""
    path = _edited_save(tmp_path, capsys, lambda p: p.__setitem__("options", {"events": "zzz"}))
    code, out, err = run(capsys, "replay", path)
    assert code == 1 and out == "" and "the save is damaged" in err and "'zzz'" in err


def test_a_save_naming_another_scenario_than_its_file_holds(capsys, tmp_path: Path) -> None:
    path = _edited_save(tmp_path, capsys, lambda p: p["scenario"].__setitem__("id", "montreal-1987"))
    code, out, err = run(capsys, "replay", path)
    assert code == 1 and out == ""
    assert "played on scenario 'montreal-1987'" in err and "holds scenario 'tutorial'" in err


# --------------------------------------------------------------------------- balance and strength summaries

@pytest.fixture(scope="module")
def small_report() -> dict:
    from game.report.balance import balance_report
    from game.scenarios.loader import load_scenario

    return balance_report(load_scenario("tutorial"), runs=6, seed=1, sensitivity_runs=3)


def test_balance_summaries_give_each_direction_not_a_symmetric_plus_minus(small_report: dict) -> None:
    """'tightness ±16.5' read as a symmetric swing; it was the larger of -0.9 (down) and -16.5 (up)."""
    from game.report.balance import summary_markdown, summary_text

    for text in (summary_text(small_report), summary_markdown(small_report, "t.html")):
        swings = [line for line in text.splitlines() if "changes" in line and "of games" in line]
        assert swings and not any("±" in line for line in swings)
        assert "min-max" in text and "mean change, in points of 0-100" in text
    two_sided = [r for r in small_report["sensitivity"] if r["only"] is None and r["minus"] and r["plus"]]
    row = two_sided[0]
    from game.report.balance import _change

    assert _change(row) == (f"tightness {row['minus']['d_tightness']:+.1f} / "
                            f"{row['plus']['d_tightness']:+.1f} (down / up)")


def test_strength_says_what_its_numbers_are_over(capsys) -> None:
    code, out, _ = run(capsys, "strength", "--scenario", "tutorial", "--runs", "2", "--seat", "brisa")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("tutorial v") and "2 games per seat and player" in first and "seed 1" in first


# --------------------------------------------------------------------------- replay

def test_replay_starts_with_the_game_it_is(capsys, tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    assert run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--seed", "4", "--save-dir", saves,
               "--events", "none", "--difficulty", "hard")[0] == 0
    seed = json.loads((saves / "game-00001.json").read_text("utf-8"))["payload"]["seed"]
    code, out, _ = run(capsys, "replay", saves / "game-00001.json")
    assert code == 0
    assert out.splitlines()[0] == f"tutorial v{_version('tutorial')}: seed {seed}, events none, " \
                                  "difficulty hard; every seat AI"


def test_the_game_line_names_the_seats_no_ai_plays() -> None:
    from game.cli import _game_line
    from game.scenarios.loader import load_scenario
    from game.session.match import Match

    match = Match(load_scenario("tutorial"), seed=3, seats={"brisa": "human", "tormund": "passive"})
    assert _game_line(match).endswith("; Brisa human; Tormund passive, the other seats AI")


def _version(scenario_id: str) -> str:
    from game.scenarios.loader import load_scenario

    return load_scenario(scenario_id).version


# --------------------------------------------------------------------------- empty names

@pytest.mark.parametrize("argv, option", [
    (["simulate", "--runs", "1", "--save-dir", ""], "--save-dir"),
    (["simulate", "--runs", "1", "--games", ""], "--games"),
    (["balance", "tutorial", "--runs", "1", "--out", ""], "--out"),
    (["briefs", "--scenario", "tutorial", "--out", " "], "--out"),
])
def test_an_empty_output_name_is_an_error_not_the_current_folder(capsys, tmp_path, monkeypatch,
                                                                 argv, option) -> None:
    """An empty shell variable (`--save-dir "$OUT"`) used to mean: no saves, or the current folder."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "" and err == f"error: an empty name was given for {option}: " \
                                             f"name a {'file' if option == '--games' else 'folder'}\n"
    assert list(tmp_path.iterdir()) == [tmp_path / "home"] or not list(tmp_path.iterdir())


def test_an_empty_csv_name_for_debrief(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "simulate", "--scenario", "tutorial", "--runs", "1", "--save-dir", "s")[0] == 0
    code, out, err = run(capsys, "debrief", "s/game-00001.json", "--out", "d.html", "--csv", "")
    assert code == 1 and "an empty name was given for --csv" in err and not (tmp_path / "d.html").exists()


def test_a_long_signatory_set_is_counted_and_wrapped():
    """A large conference's signatory sets stay readable in the simulate table: the count first,
    wrapped under itself; a short set prints as before."""
    from game.cli import signatory_set_line

    assert signatory_set_line(0.94, ["russia", "belarus"]) == "    94%  russia, belarus"
    assert signatory_set_line(0.1, []) == "    10%  (none)"
    many = [f"delegation-{n:02d}" for n in range(40)]
    lines = signatory_set_line(0.05, many).splitlines()
    assert lines[0].startswith("     5%  40 signatories: delegation-00, ")
    assert len(lines) > 1 and all(len(x) <= 100 for x in lines)
    assert all(x.startswith(" " * 9) for x in lines[1:])
    assert ", ".join(many) in " ".join(x.strip() for x in lines).split(": ", 1)[1]
