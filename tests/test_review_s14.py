"""Review of session 14: the rules hash's cache (game/scenarios/wording.py) is shared with the window's
autosave thread; the printed page's foot (game/report/html.py) breaks long runs of letters between
letters only."""

from __future__ import annotations

import threading

from game.scenarios import schema as S
from game.scenarios import wording as W
from game.scenarios.loader import load_scenario


def test_two_threads_evicting_the_same_oldest_cache_entry_do_not_fail(monkeypatch) -> None:
    """The window's autosave thread hashes its snapshot while the Load list hashes the scenarios of the
    saves it lists: both found the cache full and removed the same oldest entry; the second KeyError."""
    base = load_scenario("tutorial")
    data = base.model_dump(by_alias=True)
    many = [S.Scenario.model_validate(dict(data, title=f"T{n}")) for n in range(10)]
    errors: list[BaseException] = []

    class Racing(dict):
        raced = False

        def __delitem__(self, key):
            if not self.raced:  # the other thread runs between this one's choice of entry and its removal
                self.raced = True
                other = threading.Thread(target=lambda: _hash(many[9]))
                other.start()
                other.join(0.5)
            super().__delitem__(key)

    def _hash(sc):
        try:
            W.rules_hash(sc)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    monkeypatch.setattr(W, "_RECENT", Racing())
    for sc in many[:8]:
        W.rules_hash(sc)
    _hash(many[8])
    for _ in range(50):
        if len(W._RECENT) >= 8 and any(v[0] is many[9] for v in W._RECENT.values()):
            break
        threading.Event().wait(0.02)
    assert errors == []
    assert {id(many[8]), id(many[9])} <= set(W._RECENT)


def test_a_long_foot_in_a_script_with_marks_is_not_broken_before_a_mark() -> None:
    """The printed page's foot gets a break opportunity every FOOT_WORD letters (html.foot_text); only
    Latin accents (U+0300-U+036F) were kept with their letter: a Thai title (no spaces between words)
    got a zero-width space before a vowel sign, drawn alone on a dotted circle, and an emoji lost its
    skin tone."""
    from game.report.html import FOOT_WORD, foot_text

    thai = "\u0e01" * FOOT_WORD + "\u0e34" + "\u0e02" * 20
    assert "\u200b\u0e34" not in foot_text(thai) and "\u200b" in foot_text(thai)
    thumbs = foot_text("\U0001f44d\U0001f3fd" * 20)
    assert "\u200b\U0001f3fd" not in thumbs and "\u200b" in thumbs
    family = foot_text("\U0001f469\u200d\U0001f467" * 12)  # a break never next to a joiner
    assert "\u200d\u200b" not in family and "\u200b\u200d" not in family
    assert foot_text("a" * 65).split("\u200b") == ["a" * 30, "a" * 30, "a" * 5]  # (as before)
