"""What a keyboard player could not reach or learn in the window: the moves' key hints with large
text at 960x600, choosing a role on the results, a long list of offers in a small window; and the
cache of the clause grid's word fitting. Each test fails without the change it names."""

from __future__ import annotations

import re

import pygame

from ui_helpers import click, finish_game, frames, press, to_human_turn


def _large(app) -> None:
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    frames(app, 2)


# --------------------------------------------------------------------------- 1. the moves' key hints

def _action_buttons(app, table) -> dict[str, tuple[pygame.Rect, str, str]]:
    """{kind: (rect, the label drawn, its key)} of the table's move buttons as drawn last."""
    frames(app, 2)
    texts = list(app.text_rects)
    out = {}
    for r in table.ui.regions:
        if not r.name.startswith("action:"):
            continue
        inside = [s for s, tr in texts if r.rect.contains(tr)]
        key = re.search(r"\[([^\]]+)\]$", r.tooltip)
        assert len(inside) == 1 and key, (r.name, inside, r.tooltip)
        out[r.name.split(":", 1)[1]] = (r.rect, inside[0], key.group(1))
    return out


def test_the_moves_keep_their_key_hints_with_large_text_at_960x600(build_app):
    """With large text at 960x600 "Communique", "Red line >=", "Red line <=" and "Walk out" showed no
    key hint (and "Communique" was cut to "Communi..."): the buttons of a row now take the width
    their labels and hints need, the red lines in their short form ("Red >=", the tooltip has the
    whole), so every move shows its key."""
    app = build_app(size="960x600", role=["georgia"], record_text=True)
    _large(app)
    table = to_human_turn(app, "georgia")
    buttons = _action_buttons(app, table)
    assert len(buttons) == 12
    for kind, (rect, label, key) in buttons.items():
        font, show_key, whole = table.ui.fit_label(rect, label, "small", True, key)
        assert show_key and whole and not label.endswith("..."), (kind, label, key, rect)
    assert buttons["communique"][1] == "Communique" and buttons["walk_out"][1] == "Walk out"
    assert buttons["red_at_most"][1] == "Red <=" and buttons["red_at_most"][2] == "Sh+D"
    assert table.ui.find("action:red_at_most").tooltip.startswith("Red line <=: ")
    row2 = sorted((r for r in table.ui.regions if r.name.startswith("action:")), key=lambda r: (r.rect.y, r.rect.x))
    for a, b in zip(row2, row2[1:]):  # side by side, never over each other
        assert not a.rect.colliderect(b.rect), (a.name, b.name)
    panel_right = max(r.rect.right for r in row2)
    assert panel_right <= app.screen.get_width()


def test_a_wider_window_keeps_the_whole_labels_and_shows_every_key(build_app):
    """At 1280x720 "Red line <=" lost its "Sh+D": the row's buttons now share the width by need,
    the labels whole; a row where every label and hint fits keeps one width for all."""
    app = build_app(size="1280x720", role=["georgia"], record_text=True)
    table = to_human_turn(app, "georgia")
    buttons = _action_buttons(app, table)
    assert buttons["red_at_least"][1] == "Red line >=" and buttons["red_at_most"][1] == "Red line <="
    for kind, (rect, label, key) in buttons.items():
        assert table.ui.fit_label(rect, label, "small", True, key)[1], kind
    row1 = {buttons[k][0].width for k in ("table", "amend", "endorse", "oppose", "communique", "pass")}
    assert max(row1) - min(row1) <= 1


# --------------------------------------------------------------------------- 2. the results' roles

def test_the_results_roles_are_chosen_with_the_keyboard(build_app, monkeypatch):
    """On the results' Roles & history page a role's score and objectives were only in the tooltip of
    its row (the mouse): Up / Down now choose a role (a click on its row too), whose score is then
    explained on the right with its objectives, history and the AI's average; B opens its brief;
    the F1 list says so."""
    from game.ui import scene_results
    from game.ui.scenes import SHORTCUTS, BriefScene, HelpScene

    shown: list = []
    real = scene_results.draw_doc

    def spy(scene, surf, rect, blocks, state, name):
        shown.append(blocks)
        return real(scene, surf, rect, blocks, state, name)

    monkeypatch.setattr(scene_results, "draw_doc", spy)
    app = build_app(role=["georgia"])
    click(app, "brief:done")
    res = finish_game(app)
    press(app, pygame.K_2)
    assert res.page == "roles"
    ids = [r.id for r in res.vm.roles]
    assert res.current_role().id == "georgia" and shown[-1][0][1].startswith("Georgia: your score")
    press(app, pygame.K_DOWN)
    after = ids[(ids.index("georgia") + 1) % len(ids)]
    assert res.chosen_role == after
    row = next(r for r in res.vm.roles if r.id == after)
    heading, sentence = shown[-1][0][1], shown[-1][1][1]
    assert heading == f"{row.name}: its score, {row.score:.0f}"
    assert f"worth to {row.name}" in sentence and "you" not in sentence.split("(")[0]
    texts = [t for _, t in shown[-1]]
    for d, _, _ in row.objectives:
        assert any(d in t for t in texts), d
    assert any(t.startswith(f"This game {row.score:.0f}") for t in texts)
    press(app, pygame.K_UP)
    press(app, pygame.K_UP)
    assert res.chosen_role == ids[(ids.index("georgia") - 1) % len(ids)]
    press(app, pygame.K_b)  # the chosen role's brief, and back
    assert isinstance(app.top, BriefScene) and app.top.actor_id == res.chosen_role
    press(app, pygame.K_ESCAPE)
    assert app.top is res and res.page == "roles"
    click(app, "role:russia")  # the mouse chooses too
    assert res.chosen_role == "russia"
    rows = dict(SHORTCUTS[-1][1])
    assert "Up / Down choose a role" in rows["Results: roles"] and "B its role brief" in rows["Results: roles"]
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScene)
    assert any(key == "Results: roles" for _, rows_ in app.top.sections() for key, _ in rows_)


# --------------------------------------------------------------------------- 3. many offers

def _many_offers(tmp_path, extra: int = 5):
    """cst-1999 with ``extra`` more offers for Russia (twelve in all), to Armenia and Georgia."""
    from game.scenarios.registry import data_dir

    text = (data_dir("scenarios") / "cst-1999.yaml").read_text(encoding="utf-8")
    anchor = "        note: \"Side payment named in the game's design brief; design estimate.\"\n    public_profile:"
    assert text.count(anchor) == 1
    more = "".join(f"      - id: extra_{n}\n        name: Extra support package number {n}\n"
                   f"        description: Russia gives package number {n}.\n        cost: 0.03\n"
                   f"        value: 0.05\n        to: [armenia, georgia]\n" for n in range(1, extra + 1))
    head, tail = anchor.split("\n")
    path = tmp_path / "many-offers.yaml"
    path.write_text(text.replace(anchor, f"{head}\n{more}{tail}"), encoding="utf-8")
    return path


def test_every_offer_is_reachable_when_they_do_not_all_fit(build_app, tmp_path):
    """Twelve offers at 960x600 with large text: the list stopped where the dialog did, so the last
    ones were never drawn (and could be chosen by no key past 9). The list now scrolls (the wheel,
    Up / Down, 1 - 9) and the chosen offer is brought into view, every row whole inside the dialog."""
    from game.ui.scene_table import OfferScene

    app = build_app(size="960x600", scenario=str(_many_offers(tmp_path)), role=["russia"], seed=777,
                    record_text=True)
    _large(app)
    table = to_human_turn(app, "russia")
    table.sel_actor = "armenia"
    press(app, pygame.K_m)
    dialog = app.top
    assert isinstance(dialog, OfferScene) and len(dialog.all_kinds) == 12
    frames(app, 2)
    seen: set[str] = set()

    def check_rows() -> None:
        ui = dialog.ui
        box, make, cond = ui.find("overlay:box").rect, ui.find("offer:make").rect, ui.find("offercond:sign").rect
        texts = list(app.text_rects)
        for r in ui.regions:
            if r.name.startswith("offerkind:"):
                seen.add(r.name.split(":", 1)[1])
                assert box.contains(r.rect) and r.rect.bottom <= cond.top and cond.bottom <= make.top, r.name
                label = [s for s, tr in texts if r.rect.contains(tr)]
                assert label and not any(s.endswith("...") for s in label), label

    check_rows()
    assert len(seen) < 12  # they do not all fit at once
    allowed = [k.id for k in dialog.kinds]
    for want in allowed[1:]:
        press(app, pygame.K_DOWN)
        assert dialog.kind == want
        assert dialog.ui.find(f"offerkind:{want}") is not None  # the chosen one is in view
        check_rows()
    assert seen == {k.id for k in dialog.all_kinds}
    # the wheel scrolls back to the top, where 1 chooses the first
    region = dialog.ui.find("offer:list")
    assert region is not None and region.on_wheel is not None
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=region.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    for _ in range(12):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    frames(app, 2)
    assert dialog.first_row == 0 and dialog.ui.find(f"offerkind:{dialog.all_kinds[0].id}") is not None
    press(app, pygame.K_1)
    assert dialog.kind == dialog.all_kinds[0].id
    press(app, pygame.K_RETURN)
    assert not isinstance(app.top, OfferScene)
    assert any(a.kind == "offer" for a in app.match.actions)


# --------------------------------------------------------------------------- 4. the word-fitting cache

class _CountingFont:
    """A stand-in for a font (hashable by identity, as pygame's are): every letter 7 px wide."""

    def __init__(self):
        self.calls = 0

    def size(self, s: str) -> tuple[int, int]:
        self.calls += 1
        return 7 * len(s), 12


def test_fit_words_and_wrap_words_cached_give_what_uncached_gives(build_app):
    from game.ui import draw as D

    app = build_app()
    fonts = [app.fonts.get("tiny"), app.fonts.get("small", True), app.fonts.get(13)]
    samples = ["Automatic military assistance", "Standing rapid-deployment force", "Assess.", "Партнёрство",
               "обязательств по договору", "", "a", "Prolong with review by 2003", "安全保障条約の延長"]
    for font in fonts:
        for s in samples:
            for width in (8, 30, 61, 90, 200):
                for more in (False, True):
                    for _ in range(2):  # the first answer is stored, the second comes from the cache
                        assert D.fit_words(font, s, width, more) == D._fit_words(font, s, width, more)
                assert D.wrap_words(font, s, width) == D._wrap_words(font, s, width)
                assert D.wrap_words(font, s, width) == D._wrap_words(font, s, width)
    font = _CountingFont()
    first = D.fit_words(font, "Standing rapid-deployment force", 90, True)
    calls = font.calls
    assert calls > 0 and D.fit_words(font, "Standing rapid-deployment force", 90, True) == first
    assert font.calls == calls  # measured once
    other = _CountingFont()  # another font (the same sizes): its own answer, measured afresh
    assert D.fit_words(other, "Standing rapid-deployment force", 90, True) == first and other.calls > 0
    assert len(D._FIT_WORDS_CACHE) <= 2001
