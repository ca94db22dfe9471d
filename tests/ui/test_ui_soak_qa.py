"""Soak QA round in the window: many games in one session, two windows on one data folder."""

from __future__ import annotations

import datetime as real_dt
import gc
import weakref

import pygame

from game.ui import scenes
from game.ui.app import App, _new_match

from ui_helpers import frames


def test_rendered_documents_are_kept_within_a_byte_budget(build_app):
    """Every game's results page is a new document of a few MB (and a new one again each time its
    comparison games move on); forty of them were kept, so memory grew by about 2 MB a game for
    the first forty games of a session."""
    app = build_app()
    scenes._DOC_CACHE.clear()
    para = " ".join(["A long paragraph of the results page that wraps over many lines."] * 60)
    for n in range(12):
        scenes.doc_surface(app, [("heading", f"Game {n}"), ("para", para)] * 4, 1200)
    kept = sum(size for _, size in scenes._DOC_CACHE.values())
    assert kept <= scenes._DOC_CACHE_BYTES
    assert len(scenes._DOC_CACHE) < 12
    newest = [("heading", "Game 11"), ("para", para)] * 4
    assert scenes.doc_surface(app, newest, 1200) is scenes.doc_surface(app, newest, 1200)  # still cached


def test_a_new_match_lets_the_last_one_go(build_app):
    """A session of games in a row: the previous game's compiled model (and every cache entry
    made with it) is freed once the next game is on the table."""
    app = build_app(scenario="tutorial", role=["brisa"])
    for _ in range(30):
        app.step(1 / 60)
    old = weakref.ref(app.match.game.model)
    app.start_match(_new_match(app.setup))
    frames(app, 2)
    app.saver.flush()
    gc.collect()
    assert old() is None


def test_save_and_quit_in_the_same_second_keeps_both_games(build_app, monkeypatch):
    """Two windows on one data folder, both left with Save and quit in the same second: both
    wrote saves/quit-<time>.json, and the second game replaced the first."""
    from game.session.store import read_save, user_data_dir

    class Frozen(real_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return real_dt.datetime(2030, 1, 2, 3, 4, 5)

    monkeypatch.setattr(scenes.dt, "datetime", Frozen)
    paths = []
    for seed in (1, 2):
        app = build_app(scenario="tutorial", role=["brisa"], seed=seed)
        app.push(scenes.ConfirmQuitScene(app))
        app.top.save_and_quit()
        assert not app.running
    paths = sorted((user_data_dir() / "saves").iterdir())
    assert [p.name for p in paths] == ["quit-20300102-030405-2.json", "quit-20300102-030405.json"]
    assert sorted(read_save(p)["seed"] for p in paths) == [1, 2]


def test_a_failed_autosave_says_how_to_choose_another_folder():
    text = App.autosave_failed_text("Permission denied (/srv/lab/.local)")
    assert text.startswith("Autosave failed: Permission denied (/srv/lab/.local).")
    assert "TREATY_TABLE_HOME" in text and "\n" not in text
    assert pygame  # the window's module is imported with pygame


def test_settings_that_cannot_be_saved_say_where_and_what_to_do(build_app, monkeypatch, tmp_path):
    """A lab machine whose home folder is read-only: changing a setting said only
    "the settings could not be saved in /x (Permission denied)" (lower case, and no way out)."""
    import errno

    from game.ui import settings as S

    app = build_app()

    def refused(path, text):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(S, "write_text_atomic", refused)
    app.settings.ai_speed = "fast"
    err = app.settings.save()
    folder = tmp_path / "home"
    assert err.startswith(f"The settings could not be saved in {folder} (Permission denied): they hold until "
                          "the game is closed")
    assert "TREATY_TABLE_HOME" in err and "\n" not in err


def test_rendered_text_is_kept_within_a_byte_budget(build_app, monkeypatch):
    """The text cache was bounded by count only (3000 surfaces): long lines of large text are
    100 KB each, so it could hold a few hundred MB. It keeps at most _TEXT_CACHE_BYTES of pixels,
    the least recently drawn going first, and its running total stays exact."""
    from game.ui import draw as D

    app = build_app()
    monkeypatch.setattr(D, "_TEXT_CACHE_BYTES", 2 * 2**20)
    font = app.fonts.get("h1")
    line = "A long line of large text that a results page or a brief would draw " * 2
    for n in range(200):
        D.render(font, f"{n} {line}", (255, 255, 255))
    assert D._text_cache_bytes == sum(D._bytes(s) for s in D._TEXT_CACHE.values())
    assert D._text_cache_bytes <= D._TEXT_CACHE_BYTES
    assert len(D._TEXT_CACHE) < 200
    newest = D.render(font, f"199 {line}", (255, 255, 255))
    assert D.render(font, f"199 {line}", (255, 255, 255)) is newest  # the newest is still cached
