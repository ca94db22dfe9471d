"""The terminal game, driven by scripted input."""

from __future__ import annotations

import io
from types import SimpleNamespace

from game.textmode.play import run_text


def _args(**kw):
    base = dict(load=None, scenario="cst-1999", role=["georgia"], seed=3, events="historical",
                difficulty="normal")
    base.update(kw)
    return SimpleNamespace(**base)


def play(lines: str, **kw) -> str:
    out = io.StringIO()
    code = run_text(_args(**kw), io.StringIO(lines), out)
    assert code == 0
    return out.getvalue()


def test_help_status_drafts_forecast_and_bad_input():
    out = play("help\nstatus\ndrafts\nforecast\ncalendar\nfoo\nendorse 77\nissues\nbrief\nsource\n")
    assert "Commands" in out and "Georgia" in out and "D1" in out
    assert "If the talks ended now" in out
    assert "unknown command 'foo'" in out
    assert "Refused: there is no draft 77 on the table" in out
    assert "Security Council secretaries" in out  # the primary source is readable
    assert "Goodbye" in out  # end of input exits cleanly


def test_full_game_by_passing_reaches_results():
    out = play("pass\n" * 12 + "sign\n")
    assert "RESULT: tightness" in out and "History (02 Apr 1999)" in out


def test_table_by_ids_and_lobby_private():
    out = play("table sequencing=adapt_first guarantees=binding\nlobby kazakhstan sequencing\nprivate\n")
    assert "Georgia tables draft" in out
    assert "[private] Georgia lobbies Kazakhstan" in out


def test_hotseat_privacy_banner_and_separate_logs():
    out = play("lobby azerbaijan guarantees\npass\n\npass\n", role=["georgia", "azerbaijan"])
    assert "Pass to the delegation of Azerbaijan" in out


def test_choose_role_interactively_and_eof():
    out = play("", role=[])
    assert "Choose your role" in out and "Goodbye" in out
    out = play("x\n3\npass\n", role=[])
    assert "Type numbers between" in out and "Armenia" in out
    out = play("0\n10\nKazakhstan\npass\n", role=[])
    assert out.count("Type numbers between") == 2 and "ROLE BRIEF: Kazakhstan" in out
    out = play("quit\npass\n", role=[])
    assert "Goodbye" in out and "ROLE BRIEF" not in out


def test_load_broken_save_reports(tmp_path, capsys):
    bad = tmp_path / "s.json"
    bad.write_text("garbage")
    code = run_text(_args(load=str(bad)), io.StringIO(""), io.StringIO())
    assert code == 1
    assert "error:" in capsys.readouterr().err


def test_resume_from_autosave(tmp_path):
    from game.session.store import AutosaveSlots, user_data_dir

    play("pass\npass\n")
    good = AutosaveSlots(user_data_dir() / "autosaves").latest_good()
    assert good is not None
    out = play("status\n", load=str(good[0]))
    assert "Georgia" in out
