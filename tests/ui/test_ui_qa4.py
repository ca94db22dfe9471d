"""Fourth QA pass: keyboard-only play, the smallest window with large text, whole games as the
losing side and as the chair, every action's feedback, saving and resuming."""

from __future__ import annotations

import pygame
import pytest

from ui_helpers import click, finish_game, frames, press, to_human_turn
from game.engine import actions as A
from game.ui.scene_table import OfferScene, TableScene


def _to_human_turn(app, who: str | None = None) -> TableScene:
    return to_human_turn(app, who, others="endorse")


def _large(app) -> None:
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    frames(app, 2)


def _text(app, s: str) -> None:
    """Type ``s`` into the text field that has the keyboard (as the keyboard does: text input events)."""
    for ch in s:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, 2)


def _drawn(app) -> list[str]:
    return [s for s, _ in app.text_rects]


# --------------------------------------------------------------------------- help

@pytest.mark.parametrize("facilitator", [False, True])
def test_help_lists_every_shortcut_at_the_smallest_window_with_large_text(build_app, facilitator):
    """960x600 with large text: the help cut 'At the table: acting' after C (no K, S / X, Space) and
    said nothing of it; now a long section goes on in the next column or page."""
    from game.ui.scenes import HelpScene

    app = build_app(role=["georgia"], size="960x600", record_text=True, facilitator=facilitator)
    _large(app)
    press(app, pygame.K_F1)
    assert isinstance(app.top, HelpScene)
    SHORTCUTS = app.top.sections()
    seen: set[str] = set()
    pages = app.top.pages
    for _ in range(max(1, pages)):
        frames(app, 1)
        seen |= set(app.recorded)
        press(app, pygame.K_PAGEDOWN)
    missing = [(key, what) for _, rows in SHORTCUTS for key, what in rows
               if key not in seen or not any(what.startswith(line) and line for line in seen)]
    assert not missing, missing
    assert pages > 1 and app.top.ui.find("help:page") is not None


# --------------------------------------------------------------------------- settings and results by keyboard

def test_settings_change_by_keyboard(build_app):
    """The settings dialog had no keys but Esc: text size and the AI's pause needed the mouse."""
    from game.ui.settings import Settings

    app = build_app(role=["georgia"])
    _to_human_turn(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_g)
    assert app.top.name == "settings"
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)  # Text size
    press(app, pygame.K_RIGHT)
    assert app.settings.font_scale == "large" and Settings.load().font_scale == "large"
    press(app, pygame.K_DOWN)  # Pause between AI moves: normal -> fast
    press(app, pygame.K_RIGHT)
    assert app.settings.ai_speed == "fast"
    press(app, pygame.K_UP)
    press(app, pygame.K_LEFT)
    assert app.settings.font_scale == "normal"
    press(app, pygame.K_RETURN)  # Done: back to the menu it came from
    assert app.top.name == "menu"
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TableScene)


def test_results_roles_page_scrolls_by_keyboard(build_app):
    """'Roles & history': the history and your objectives run below the panel; only the mouse wheel
    scrolled them."""
    app = build_app(role=["georgia"])
    click(app, "brief:done")
    res = finish_game(app)
    press(app, pygame.K_2)
    assert res.page == "roles"
    assert res.doc_state.get("offset", 0) == 0
    press(app, pygame.K_PAGEDOWN)
    assert res.doc_state["offset"] > 0
    press(app, pygame.K_UP)
    press(app, pygame.K_PAGEUP)
    assert res.doc_state["offset"] == 0


# --------------------------------------------------------------------------- setup screens

def test_roles_screen_text_stays_in_its_panel(build_app, monkeypatch):
    """960x600, large text, two roles: the hotseat summary ran out of the right-hand panel."""
    from game.ui import draw as D
    from game.ui.scenes import RolesScene

    app = build_app(role=[], size="960x600")
    _large(app)
    click(app, "title:new")
    click(app, "nav:next")
    assert isinstance(app.top, RolesScene)
    click(app, "role:russia")
    click(app, "role:georgia")
    drawn: list = []
    real = D.paragraph

    def spy(surface, font, s, rect, colour, line_gap=0, max_lines=None):
        used = real(surface, font, s, rect, colour, line_gap, max_lines)
        drawn.append((s, rect.y + used))
        return used
    monkeypatch.setattr(D, "paragraph", spy)
    frames(app, 1)
    H = app.screen.get_height()
    panel_bottom = H - 5 * app.fonts.px(16)
    summary = [(s, bottom) for s, bottom in drawn if s.startswith("You play")]
    assert summary and all(bottom <= panel_bottom for _, bottom in summary), (summary, panel_bottom)


def test_seed_and_scenario_path_can_be_typed_without_the_mouse(build_app, tmp_path):
    """Tab takes the keyboard into the scenario path and the seed fields (there was no way in but a
    click); the keys are shown beside them."""
    from game.scenarios.registry import builtin_paths
    from game.ui.scenes import RolesScene, ScenarioScene

    app = build_app(role=[], record_text=True)
    press(app, pygame.K_n)
    assert isinstance(app.top, ScenarioScene)
    bad = tmp_path / "nothing.yaml"
    press(app, pygame.K_TAB)
    assert app.typing()
    _text(app, str(bad))
    press(app, pygame.K_RETURN)
    assert app.top.problems and app.typing()  # the typed path was opened (and reported)
    press(app, pygame.K_TAB)
    assert not app.typing()
    press(app, pygame.K_TAB)
    app.top.set_entry_text("path", str(builtin_paths()["cst-1999"]))
    press(app, pygame.K_RETURN)
    assert not app.top.problems and not app.typing()  # it loads: the next Enter goes on
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, RolesScene)
    assert "Tab" in app.recorded and "D" in app.recorded and "E" in app.recorded
    press(app, pygame.K_4)  # Georgia
    press(app, pygame.K_TAB)
    assert app.typing()
    _text(app, "4242")
    press(app, pygame.K_RETURN)
    assert app.match is not None and app.match.seed == 4242 and app.match.humans == ["georgia"]


# --------------------------------------------------------------------------- saving

def test_save_dialog_name_field_has_the_keyboard(build_app):
    """Menu > Save: the name field did not have the keyboard, so a save could only be named with the
    mouse; now typing replaces the suggested name and Enter saves."""
    from game.session.store import user_data_dir

    app = build_app(role=["georgia"])
    t = _to_human_turn(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_s)
    assert app.top.name == "save" and app.typing()
    _text(app, "georgia-r1")
    press(app, pygame.K_RETURN)
    assert (user_data_dir() / "saves" / "georgia-r1.json").is_file()
    assert app.top is t and not app.typing()


def test_held_keys_repeat_again_after_a_text_field(build_app):
    """A text field turns key repeat off when it lets the keyboard go (pygame_gui): holding Down no
    longer scrolled the brief or moved the choice for the rest of the session."""
    from game.ui.app import App

    app = build_app(role=["georgia"])
    _to_human_turn(app)
    press(app, pygame.K_ESCAPE)
    click(app, "menu:save")
    entry = app.top.entries["savename"]
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=entry.rect.center, button=1))
    frames(app, 2)
    assert app.typing()
    press(app, pygame.K_ESCAPE)
    frames(app, 2)
    assert pygame.key.get_repeat() == App.KEY_REPEAT


def test_load_hint_does_not_deny_the_autosaves_of_an_unknown_game(build_app):
    """A cut-off save names no game: the dialog said 'No autosave of this game can be opened
    either' while three good autosaves of that very game were listed under it."""
    from game.session.store import user_data_dir

    app = build_app(role=["azerbaijan"])
    _to_human_turn(app)
    press(app, pygame.K_p)
    _to_human_turn(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_s)
    press(app, pygame.K_RETURN)
    saved = next((user_data_dir() / "saves").glob("*.json"))
    saved.write_text('{"kind": "treaty-table-game", "broken')
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_l)
    sc = app.top
    assert sc.name == "load" and any(not e.problem for e in sc.rows)
    sc.select(saved)
    press(app, pygame.K_RETURN)
    assert "cannot be opened" in sc.error
    assert "No autosave of this game" not in sc.hint
    assert "does not say which game" in sc.hint and "another save or an autosave" in sc.hint


def test_resume_says_what_was_resumed(build_app):
    """'Resume interrupted game' went to the table without a word (Load says 'Loaded ...')."""
    app = build_app(role=["georgia"])
    _to_human_turn(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_t)  # quit to the title (autosaved)
    assert app.top.name == "title" and app.top.resume_info
    press(app, pygame.K_r)
    assert isinstance(app.top, TableScene)
    frames(app, 1)
    toast = app.current_toast()
    assert toast is not None and toast.message.startswith("Resumed: cst-1999, round 1")


# --------------------------------------------------------------------------- the action panel

@pytest.mark.parametrize("size,large", [("1280x720", False), ("960x600", True)])
def test_status_line_is_never_cut(build_app, size, large):
    """Walked out: 'Your move (3 of 3 action points left). The delegation has walked out: retur...'
    was cut at 1280x720 (and more with large text); now a shorter form is shown whole."""
    app = build_app(role=["georgia"], size=size, record_text=True)
    if large:
        _large(app)
    _to_human_turn(app)
    press(app, pygame.K_w)
    t = _to_human_turn(app)
    assert t.vm.my_status == "walked_out"
    frames(app, 1)
    status = [s for s in _drawn(app) if s.startswith("Your move")]
    assert status and not status[0].endswith("..."), status
    assert "return" in status[0] and status[0] in t.status_texts(t.vm)


def test_a_boycotting_delegation_is_told_so_in_good_english(build_app):
    """'The delegation has boycotting: return or pass.'"""
    app = build_app(role=["uzbekistan"], size="1920x1080", record_text=True)
    t = _to_human_turn(app)
    frames(app, 1)
    texts = t.status_texts(t.vm)
    assert texts[0].endswith("The delegation is boycotting: return or pass.")
    assert any(s in texts for s in _drawn(app))


def test_a_long_refusal_is_shown_whole(build_app):
    """The chair calls a communique twice at 960x600 with large text: 'Refused: a communique has
    already been called at...' was cut (the reason only in a tooltip)."""
    app = build_app(role=["russia"], size="960x600", record_text=True)
    _large(app)
    m = app.match
    for _ in range(20):
        t = _to_human_turn(app)
        if m.scenario.rounds[m.state.round].communique:
            break
        press(app, pygame.K_p)
    press(app, pygame.K_c)
    assert m.to_move == "russia"  # the call is procedural: the chair keeps its turn
    press(app, pygame.K_c)
    text = t.message[0]
    assert t.message[1] and "already been called" in text
    frames(app, 1)
    toast = app.current_toast()
    assert text in _drawn(app) or (toast is not None and toast.message == text)


def test_offer_banner_shows_what_is_asked_in_exchange(build_app):
    """960x600, large text: "Georgia offers you 'Transit for Armenia' if..." hid what was asked."""
    app = build_app(role=["georgia", "armenia"], size="960x600", record_text=True)
    _large(app)
    t = _to_human_turn(app, "armenia")
    press(app, pygame.K_e)
    t = _to_human_turn(app, "georgia")
    while t.sel_actor != "armenia":
        press(app, pygame.K_TAB)
    press(app, pygame.K_m)
    assert isinstance(app.top, OfferScene)
    press(app, pygame.K_RETURN)
    t = _to_human_turn(app, "armenia")
    assert t.vm.pending
    frames(app, 1)
    offer = t.vm.pending[0].text
    banner = app.top.ui.find("offer:text")
    assert banner is not None and "sign the final text" in banner.tooltip
    lines = [s for s, r in app.text_rects if banner.rect.contains(r) and s in offer]
    assert " ".join(lines) == offer, lines  # whole, on as many lines as it needs


def test_tabling_selects_your_new_draft(build_app):
    """After Table (or Amend) the old draft stayed chosen, with your levels still marked 'new'
    against it; now your new draft is chosen and the working text is its text."""
    app = build_app(role=["georgia"])
    t = _to_human_turn(app)
    before = {d.id for d in app.match.state.drafts}
    press(app, pygame.K_DOWN)
    press(app, pygame.K_1)  # Collective defence: Consult only
    press(app, pygame.K_t)
    new = [d for d in app.match.state.drafts if d.id not in before]
    assert new and t.sel_draft == new[0].id
    t.refresh()
    assert t.compose == list(t.vm.draft(t.sel_draft).levels)


def test_a_new_choice_clears_the_last_refusal(build_app):
    """'Choose a delegation to lobby first: ... press Tab' stayed on screen after pressing Tab."""
    app = build_app(role=["georgia"])
    t = _to_human_turn(app)
    press(app, pygame.K_l)
    assert t.message and t.message[1] and "Tab" in t.message[0]
    press(app, pygame.K_TAB)
    assert t.sel_actor is not None and t.message is None
    press(app, pygame.K_c)  # only the chair: refused
    assert t.message and t.message[1]
    press(app, pygame.K_DOWN)
    assert t.message is None


def test_offer_dialog_other_targets_and_lobby_by_keyboard(build_app):
    """Nothing of Georgia's can go to Russia: 'Offer to Armenia' and 'Lobby Russia' needed the mouse."""
    app = build_app(role=["georgia"], record_text=True)
    t = _to_human_turn(app)
    while t.sel_actor != "russia":
        press(app, pygame.K_TAB)
    press(app, pygame.K_m)
    dlg = app.top
    assert isinstance(dlg, OfferScene) and not dlg.kinds
    assert "Tab" in app.recorded and "L" in app.recorded
    press(app, pygame.K_TAB)
    assert dlg.target == "armenia" and dlg.kinds
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_m)
    n = len(app.match.actions)
    press(app, pygame.K_l)
    assert isinstance(app.top, TableScene)
    assert app.match.actions[n:] and app.match.actions[n].kind == "lobby"
    assert app.match.actions[n].target == "russia"


def test_a_delegation_away_at_the_summit_is_told_it_does_not_sign(build_app):
    """Georgia walked out in the last round: at the summit the status said only that others were
    moving, and Sign said 'Please wait: it is X's turn' (it never would be)."""
    app = build_app(role=["georgia"], record_text=True)
    click(app, "brief:done")
    m = app.match
    last = len(m.scenario.rounds) - 1
    for _ in range(2000):
        if m.state.phase == "signing" and m.state.on_table is not None or m.over:
            break
        if m.human_to_move():
            me = m.state.actors[m.game.model.actor_index("georgia")]
            m.submit(A.WalkOut("georgia") if m.state.round == last and me.status == "present" else A.Pass("georgia"))
        else:
            m.step_ai()
    assert not m.over and m.state.phase == "signing"
    t = app.find_scene(TableScene)
    app.settings.ai_speed = "slow"
    t.skip, t.ai_timer = False, 0.0
    frames(app, 2)
    assert any(s in t.status_texts(t.vm) and "not sign" in s for s in _drawn(app)), t.status_texts(t.vm)
    press(app, pygame.K_s)
    assert t.message and "only the delegations at the table sign" in t.message[0]
    assert "only those at the table sign" in app.top.ui.find("action:sign").tooltip


def test_before_the_first_draft_the_refusals_say_so(build_app):
    """Tutorial, no draft yet: Endorse said 'Refused: there is no draft 0 on the table', the paper's
    hint was cut at 960x600 with large text, and the offer dialog offered 'endorse DNone'."""
    app = build_app(role=["corallia"], scenario="tutorial", size="960x600", record_text=True)
    _large(app)
    t = _to_human_turn(app)
    assert not t.vm.drafts
    for key in (pygame.K_e, pygame.K_a, pygame.K_o, pygame.K_c):
        press(app, key)
        assert t.message == (t.NO_DRAFT, True)
        assert "draft 0" not in t.message[0]
    assert "no draft on the table yet" in app.top.ui.find("action:endorse").tooltip
    hint = [s for s in _drawn(app) if s.startswith("No draft")]
    assert hint and not hint[0].endswith("...")
    press(app, pygame.K_TAB)
    press(app, pygame.K_m)
    assert isinstance(app.top, OfferScene)
    press(app, pygame.K_TAB)
    frames(app, 1)
    assert app.top.condition == "sign"
    assert not any("DNone" in s for s in _drawn(app))


def test_facilitator_seats_list_every_delegation_at_960_large(build_app):
    """F8 at 960x600 with large text listed eight of the nine delegations (Uzbekistan was cut)."""
    from game.ui.scene_facilitator import FacilitatorScene, SeatsScene

    app = build_app(role=["georgia"], facilitator=True, size="960x600")
    _large(app)
    t = app.find_scene(FacilitatorScene)
    app.push(SeatsScene(app, t))
    frames(app, 2)
    for a in app.match.scenario.actors:
        assert app.top.ui.find(f"seat:{a.id}:human") is not None, a.id
    box = app.top.ui.find("overlay:box").rect
    assert box.contains(app.top.ui.find("seat:uzbekistan:ai").rect)
    assert app.top.ui.find("seat:uzbekistan:ai").rect.bottom < app.top.ui.find("seats:done").rect.top


def test_results_roles_page_says_which_role_was_yours(build_app):
    """960x600, large text: 'Azerbaijan (...' - the '(you)' that marks your role was cut off."""
    app = build_app(role=["azerbaijan"], size="960x600", record_text=True)
    _large(app)
    click(app, "brief:done")
    res = finish_game(app)
    press(app, pygame.K_2)
    frames(app, 1)
    drawn = _drawn(app)
    assert "Azerbaijan (you)" in drawn or any(s.startswith("you - ") for s in drawn), \
        [s for s in drawn if "Azerbaijan" in s]
    assert not any(s.startswith("Azerbaijan (") and s.endswith("...") for s in drawn)
    assert res.page == "roles"


def test_the_window_is_never_made_smaller_than_the_smallest_supported_size(build_app):
    """Dragging the window's edges went down to 640x400, where the clause grid reads 'Ada...',
    'Prol...': below 960x600 (settings.MIN_SIZE, the smallest the layout is made for) it stops."""
    from game.ui.settings import MIN_SIZE

    app = build_app(role=["georgia"])
    click(app, "brief:done")
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=700, h=450, size=(700, 450)))
    frames(app, 2)
    desk = pygame.display.get_desktop_sizes()[0]
    assert app.screen.get_size() == (min(MIN_SIZE[0], desk[0]), min(MIN_SIZE[1], desk[1]))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1000, h=640, size=(1000, 640)))
    frames(app, 2)
    assert app.screen.get_size() == (1000, 640)


def test_offer_dialog_says_when_the_receiver_answers_though_it_has_passed(build_app):
    """Armenia had passed: Georgia's offer cost an action point and expired unanswered at the end of
    the round, without a word. Every offer is answered now; the dialog says when."""
    app = build_app(role=["georgia", "armenia"], record_text=True)
    _to_human_turn(app, "armenia")
    press(app, pygame.K_p)  # Armenia passes: no turn left this round
    t = _to_human_turn(app, "georgia")
    assert t.vm.delegate("armenia").done
    while t.sel_actor != "armenia":
        press(app, pygame.K_TAB)
    press(app, pygame.K_m)
    assert isinstance(app.top, OfferScene)
    frames(app, 1)
    assert any("Armenia has passed this round, but it will be called back to answer when its turn" in s
               for s in app.recorded)
    assert app.top.ui.find("offer:make").enabled


def test_title_names_the_delegation_of_an_interrupted_game(build_app):
    """Montreal 1987 as the United States: the title said 'playing Usa' (the id, capitalised)."""
    app = build_app(role=["usa"], scenario="montreal-1987")
    click(app, "brief:done")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_t)  # quit to the title (autosaved)
    assert app.top.name == "title"
    assert "playing United States" in app.top.resume_info[1]
