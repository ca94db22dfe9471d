"""The screens around the table: title, scenario and role choice, the role brief,
the hotseat privacy screen, help, the menu, settings, save/load and the quit question.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.ai.player import DIFFICULTIES
from game.ui import draw as D
from game.ui import presenters as P
from game.ui.app import App, Scene, _new_match
from game.ui.settings import AI_SPEEDS, sizes_that_fit

# --------------------------------------------------------------------------- shared drawing

_BG_CACHE: dict = {}


def background(surf: pygame.Surface, app: App) -> None:
    """The conference room floor: deep blue with a faint carpet weave."""
    size = surf.get_size()
    key = (size, tuple(app.colours["room"]), tuple(app.colours["room_pattern"]))
    bg = _BG_CACHE.get(key)
    if bg is None:
        _BG_CACHE.clear()
        bg = pygame.Surface(size)
        bg.fill(app.colours["room"])
        step = 28
        for x in range(0, size[0], step):
            pygame.draw.line(bg, app.colours["room_pattern"], (x, 0), (x, size[1]))
        for y in range(0, size[1], step):
            pygame.draw.line(bg, app.colours["room_pattern"], (0, y), (size[0], y))
        _BG_CACHE[key] = bg
    surf.blit(bg, (0, 0))


def header(surf, app: App, title: str, subtitle: str = "") -> int:
    """A title bar; returns its bottom y."""
    f = app.fonts
    m = f.px(16)
    D.text(surf, f.get("h1", True), title, (m * 2, m), app.colours["brass_text"],
           max_width=surf.get_width() - 4 * m)
    y = m + f.line_height("h1", True)
    if subtitle:  # on two lines when it is long for the window
        lines = D.wrap(f.get("body"), subtitle, surf.get_width() - 4 * m)
        if len(lines) > 2:
            lines = lines[:1] + [" ".join(lines[1:])]
        for line in lines:
            D.text(surf, f.get("body"), line, (m * 2, y), app.colours["text_muted"], max_width=surf.get_width() - 4 * m)
            y += f.line_height("body")
    pygame.draw.line(surf, app.colours["brass_dim"], (m * 2, y + m // 2), (surf.get_width() - m * 2, y + m // 2), 1)
    return y + m


def dim(surf, app: App, alpha: int = 190) -> None:
    veil = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    veil.fill((5, 11, 20, alpha))
    surf.blit(veil, (0, 0))


# The setup screen's words for the AI levels: how the computer's delegations treat the seats
# people play (docs/rules.md, "The AI"; measured in the balance notes, "Difficulty").
TAKEBACK_TIPS = {
    "on": "Players may take back their last move (Ctrl+Z, the menu; 'undo' in the text mode); the results and "
          "the grade sheet count each take-back",
    "off": "No take-backs: every move stands. For a graded game: the game is seeded, so a take-back lets a team "
           "try a move, see the replies and go back. Saved with the game: reloading it keeps them off",
}

DIFFICULTY_TIPS = {
    "easy": "Easier talks: the computer's delegations accommodate you. Each counts part of what a text is "
            "worth to you (as far as your public positions show it) as worth to itself, so they draft, back "
            "and choose texts closer to yours. They still sign only what suits them",
    "normal": "The computer's delegations bargain only for themselves, neither for you nor against you",
    "hard": "Harder talks: the computer's delegations mind your gains and count part of what a text is worth "
            "to you against it, so they draft, back and choose texts further from yours",
}


MEASURE_CHARS = 110
"""The most characters of body text a document's line holds (about): on a 3440 x 1440 screen the
scenario's description and the brief ran to 170-200 a line, hard to follow from one line to the
next. Panels up to 1920 x 1080 hold fewer, and are drawn as before."""

_SAMPLE = "The quick brown fox jumps over the lazy dog, and then some more words. "


def measure(font: pygame.font.Font) -> int:
    """The width in pixels of :data:`MEASURE_CHARS` characters of ordinary text in ``font``."""
    return font.size(_SAMPLE)[0] * MEASURE_CHARS // len(_SAMPLE)


def doc_surface(app: App, blocks: list[tuple[str, str]], width: int) -> list[pygame.Surface]:
    """Render a document (blocks of heading/para/bullet/quote/note) as a list of surfaces."""
    key = (app.fonts, tuple(blocks), width)
    cached = _DOC_CACHE.get(key)
    if cached is not None:
        _DOC_CACHE.move_to_end(key)
        return cached[0]
    f, c = app.fonts, app.colours
    width = min(width, measure(f.get("body")))  # a wide panel (an ultrawide screen) keeps lines readable
    out = []
    for kind, txt in blocks:
        if kind == "heading":
            font = f.get("h3", True)
            lines = D.wrap(font, txt, width)
            s = pygame.Surface((width, font.get_linesize() * len(lines) + f.px(14)), pygame.SRCALPHA)
            for n, line in enumerate(lines):
                s.blit(D.render(font, line, c["brass_text"]), (0, f.px(10) + n * font.get_linesize()))
            out.append(s)
            continue
        font = f.get("body")
        indent = f.px(18) if kind == "bullet" else (f.px(12) if kind == "confidential" else 0)
        colour = c["text"] if kind != "note" else c["text_muted"]
        if kind == "note":
            font = f.get("small")
        if kind == "confidential":
            colour = c["ink"]
        lines = D.wrap(font, txt, width - indent - (f.px(12) if kind == "confidential" else 0))
        lh = font.get_linesize()
        pad = f.px(8) if kind == "confidential" else 0
        s = pygame.Surface((width, lh * len(lines) + f.px(6) + 2 * pad), pygame.SRCALPHA)
        if kind == "confidential":
            D.rounded(s, pygame.Rect(0, 0, width, s.get_height() - f.px(4)), c["paper"], 4)
        if kind == "bullet":
            pygame.draw.circle(s, c["brass"], (f.px(7), lh // 2 + 1), max(2, f.px(3)))
        for n, line in enumerate(lines):
            s.blit(D.render(font, line, colour), (indent, pad + n * lh))
        out.append(s)
    _DOC_CACHE[key] = (out, sum(x.get_pitch() * x.get_height() for x in out))
    while len(_DOC_CACHE) > 1 and (len(_DOC_CACHE) > _DOC_CACHE_MAX
                                   or sum(v[1] for v in _DOC_CACHE.values()) > _DOC_CACHE_BYTES):
        _DOC_CACHE.popitem(last=False)  # the least recently drawn first
    return out


_DOC_CACHE: OrderedDict = OrderedDict()  # (fonts, blocks, width) -> (surfaces, their bytes)
_DOC_CACHE_MAX = 40
_DOC_CACHE_BYTES = 24 * 2**20
"""Pixels kept of rendered documents. A results page is a few MB and differs in every game (and
while its comparison games run), so a limit on the count alone let a long session keep dozens."""


def draw_doc(scene: Scene, surf, rect: pygame.Rect, blocks, state: dict, name: str) -> None:
    surfaces = doc_surface(scene.app, blocks, rect.width - 16)
    scene.ui.scroll_lines(surf, rect, surfaces, state, lambda s, w: s, name=name)


def scroll_keys(scene: Scene, event, state: dict | None = None) -> bool:
    """Arrow and page keys scroll a scene's document (``state``, default its ``state``: its "offset")."""
    if event.type != pygame.KEYDOWN:
        return False
    state = scene.state if state is None else state
    if event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
        state["offset"] = state.get("offset", 0) + scene.f.px(60)
        return True
    if event.key in (pygame.K_UP, pygame.K_PAGEUP):
        state["offset"] = max(0, state.get("offset", 0) - scene.f.px(60))
        return True
    return False


_DIGIT_SCANCODES = {getattr(pygame, f"KSCAN_{n}"): n for n in range(10)}


def digit_key(event) -> int | None:
    """The digit 0-9 a key press means, or None: the digit keys, the keypad's, and the keys of
    the row of digits by their place on the keyboard. On a French (AZERTY) keyboard that row
    types "&", "é", '"', ... without Shift, so its keys come as those characters and a
    shortcut checked only by character (1 to choose the first role) never came."""
    key = getattr(event, "key", None)
    if key is not None and pygame.K_0 <= key <= pygame.K_9:
        return key - pygame.K_0
    if key is not None and pygame.K_KP1 <= key <= pygame.K_KP9:
        return key - pygame.K_KP1 + 1
    if key == pygame.K_KP0:
        return 0
    if key is not None and (pygame.K_a <= key <= pygame.K_z):  # a letter is its own shortcut
        return None
    return _DIGIT_SCANCODES.get(getattr(event, "scancode", None))


def key_hint(surf, app: App, key: str, midright) -> pygame.Rect:
    """A key's name in a small box (as on the buttons), its right end at ``midright``."""
    font = app.fonts.get("tiny", True)
    colour = app.colours["text_muted"]
    ks = D.render(font, key, colour)
    box = pygame.Rect(0, 0, ks.get_width() + 6, ks.get_height())
    box.midright = (int(midright[0]), int(midright[1]))
    pygame.draw.rect(surf, colour, box, 1, border_radius=3)
    surf.blit(ks, ks.get_rect(center=box.center))
    return box


def footer_buttons(scene: Scene, surf, buttons: list[tuple], right: bool = True) -> None:
    """[(label, callback, name, shortcut, style, tooltip)] along the bottom right."""
    f = scene.f
    h = f.px(40)
    m = f.px(16)
    x = surf.get_width() - 2 * m
    y = surf.get_height() - h - m
    for label, cb, name, key, style, tip in reversed(buttons):
        kw = f.get("tiny", True).size(key)[0] + f.gap(16) if key else 0
        w = max(f.px(150), f.get("label", True).size(label)[0] + kw + f.px(36))
        x -= w
        scene.ui.button(surf, (x, y, w, h), label, cb, name=name, shortcut=key, style=style, tooltip=tip)
        x -= m
    # toasts go left of the buttons, under the screen's panels (which end 5 margins above the bottom)
    H = surf.get_height()
    scene.toast_area = pygame.Rect(2 * m, H - 5 * m + m // 2, max(0, x - 2 * m), 5 * m - m)


# --------------------------------------------------------------------------- title

class TitleScene(Scene):
    name = "title"
    FIRST_TIME = "First time? Start with the Tutorial (T): three islands, two issues, about ten minutes."

    def enter(self) -> None:
        self.resume_info = None
        if not self.app.autoplay:
            self.resume_info = find_interrupted()
            broken = newest_autosave_problem(self.resume_info[0] if self.resume_info else None)
            if broken is not None:  # said, not skipped in silence (the game it offers may be older)
                path, why, changed = broken
                then = ("the latest one that opens is offered instead" if self.resume_info else
                        "Load game lists the other saves")  # what to do first, the details after it
                if changed:  # its scenario is newer now: Load game offers to play it on the new version
                    self.app.toast("The newest autosave is of an earlier version of its scenario: Load game (L) "
                                   f"can play it on the current one. {path.name}: {why}.", error=True, seconds=10)
                else:
                    self.app.toast(f"The newest autosave cannot be opened; {then}. {path.name}: {why}.",
                                   error=True, seconds=10)
            elif self.resume_info is None:  # an autosaves folder not to be looked into: not "no game"
                from game.session.store import user_data_dir

                why = _unlistable(user_data_dir() / "autosaves")
                if why:
                    self.app.toast(f"The autosaves cannot be listed: {why}. Fix the folder's permissions to "
                                   "resume a game.", error=True, seconds=10)

    def new_game(self) -> None:
        self.app.setup.facilitator = False
        self.app.push(ScenarioScene(self.app))

    def tutorial(self) -> None:
        """The tutorial scenario, its description first (it says which role to play)."""
        self.app.setup.facilitator = False
        self.app.setup.scenario_ref = "tutorial"
        self.app.push(ScenarioScene(self.app))

    def facilitator(self) -> None:
        """The teacher's sandbox: choose the scenario and the human roles, then see every role at once."""
        self.app.setup.facilitator = True
        self.app.push(ScenarioScene(self.app))

    def resume_game(self) -> None:
        if not self.resume_info:
            return
        from game.session import facilitator as F
        from game.session.store import SaveFileError

        path = self.resume_info[0]
        try:
            match = F.load(path)
        except SaveFileError as exc:
            self.app.toast(f"The interrupted game cannot be resumed: {exc}", error=True)
            self.resume_info = None
            return
        info = self.resume_info[1]
        self.app.start_match(match, show_briefs=False)
        from game.session.match import reworded_note

        again = reworded_note(match)
        self.app.toast(f"Resumed: {info}{'; ' + again if again else ''}.", public=True)  # after the new screen (which drops older toasts)

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and not self.app.typing():
            keys = {pygame.K_n: self.new_game, pygame.K_RETURN: self.new_game, pygame.K_f: self.facilitator,
                    pygame.K_t: self.tutorial,
                    pygame.K_l: lambda: self.app.push(SaveLoadScene(self.app, "load")),
                    pygame.K_s: lambda: self.app.push(SettingsScene(self.app)),
                    pygame.K_q: self.app.request_quit, pygame.K_ESCAPE: self.app.request_quit}
            if event.key == pygame.K_r and self.resume_info:
                self.resume_game()
                return True
            if event.key in keys:
                keys[event.key]()
                return True
        return False

    def autoplay(self) -> None:
        if self.age > 0.3 and (self.app.shots_dir is None or "title" in self.app.shots_taken):
            self.new_game()

    def draw(self, surf) -> None:
        background(surf, self.app)
        c, f = self.c, self.f
        W, H = surf.get_size()
        buttons = [("New game", self.new_game, "title:new", "N", "primary")]
        if self.resume_info:
            buttons.append(("Resume interrupted game", self.resume_game, "title:resume", "R", "normal"))
        buttons += [("Tutorial", self.tutorial, "title:tutorial", "T", "normal"),
                    ("Facilitator", self.facilitator, "title:facilitator", "F", "normal"),
                    ("Load game", lambda: self.app.push(SaveLoadScene(self.app, "load")), "title:load", "L", "normal"),
                    ("Settings", lambda: self.app.push(SettingsScene(self.app)), "title:settings", "S", "normal"),
                    ("Quit", self.app.request_quit, "title:quit", "Q", "normal")]
        bw, bh = f.px(260), f.px(40)
        gap = f.px(12)
        cols = len(buttons)
        if cols * f.px(210) + (cols - 1) * gap > W - 40:  # too many for one row: two rows
            cols = (cols + 1) // 2
        rows = (len(buttons) + cols - 1) // cols
        # a round table motif, smaller when the buttons need the room
        cx, cy = W // 2, int(H * 0.36)
        r = int(min(W, H) * 0.2)
        first_time = self.app.settings.hints  # a line that says where to start (until hints are off)
        below = (f.px(136) + rows * bh + (rows - 1) * (gap // 2) + (f.px(40) if self.resume_info else 0)
                 + (f.px(30) if first_time else 0) + f.px(44))
        over = cy + r + below - H
        if over > 0:
            shrink = min(over, r // 3)
            r -= shrink
            cy = max(r + r // 9 + 44, cy - (over - shrink))
        pygame.draw.circle(surf, c["shadow"], (cx + 4, cy + 8), r + 10)
        pygame.draw.circle(surf, c["table_rim"], (cx, cy), r + 10)
        pygame.draw.circle(surf, c["table_felt"], (cx, cy), r)
        pygame.draw.circle(surf, c["table_felt_light"], (cx, cy), int(r * 0.72), 2)
        import math
        for n in range(9):
            a = -math.pi / 2 + n * 2 * math.pi / 9
            px, py = cx + math.cos(a) * (r + 34), cy + math.sin(a) * (r + 34)
            pygame.draw.circle(surf, c["brass_dim"], (int(px), int(py)), max(8, r // 9))
        paper = pygame.Rect(0, 0, r * 0.7, r * 0.9)
        paper.center = (cx, cy)
        D.paper(surf, paper, c)
        for n in range(5):
            y = paper.y + paper.height * (0.2 + n * 0.13)
            pygame.draw.line(surf, c["paper_line"], (paper.x + 10, y), (paper.right - 10, y), 2)
        D.text(surf, f.get("title", True), "Treaty Table", (W // 2, cy + r + f.px(72)), c["brass_text"], "center")
        D.text(surf, f.get("h3"), "A game of diplomatic negotiation", (W // 2, cy + r + f.px(110)),
               c["text_muted"], "center")
        y = cy + r + f.px(136)
        total = cols * bw + (cols - 1) * gap
        if total > W - 40:
            bw = (W - 40 - (cols - 1) * gap) // cols
        for n, (label, cb, name, key, style) in enumerate(buttons):
            row, col = divmod(n, cols)
            in_row = min(cols, len(buttons) - row * cols)
            x0 = (W - (in_row * bw + (in_row - 1) * gap)) // 2
            self.ui.button(surf, (x0 + col * (bw + gap), y + row * (bh + gap // 2), bw, bh), label, cb, name=name,
                           shortcut=key, style=style)
        y += (rows - 1) * (bh + gap // 2)
        low = y + bh
        if self.resume_info:
            info = self.resume_info[1]
            low = D.text(surf, f.get("body"), f"An interrupted game was found: {info}. Press R to resume it.",
                         (W // 2, y + bh + f.px(18)), c["brass_text"], "center", max_width=W - 40).bottom
        if first_time:
            low = D.text(surf, f.get("body"), self.FIRST_TIME, (W // 2, low + f.px(18)), c["text"], "center",
                         max_width=W - 40).bottom
        # how to play, for the mouse too (F1 was the only way in from here)
        hh = f.px(30)
        label = "How to play"
        hw = f.get("small", True).size(label)[0] + f.get("tiny", True).size("F1")[0] + f.px(44)
        help_rect = pygame.Rect((W - hw) // 2, H - f.px(10) - hh, hw, hh)
        self.ui.button(surf, help_rect, label, lambda: self.app.push(HelpScene(self.app)), name="title:help",
                       shortcut="F1", size="small",
                       tooltip="How to play, and the keyboard shortcuts (also the ? key; F11: full screen)")
        # toasts go below the buttons, or, when they need more lines than that leaves, above the table
        # motif (at 1280x720 the band below holds no whole line: a long message was cut to a sliver)
        above = pygame.Rect(20, f.px(6), W - 40, max(0, cy - r - 34 - max(8, r // 9) - f.px(12)))
        self.toast_area = [pygame.Rect(20, low + f.px(8), W - 40, max(0, help_rect.y - low - f.px(12))), above]


def newest_autosave_problem(offered: Path | None) -> tuple[Path, str, bool] | None:
    """(the newest autosave, why it cannot be opened, whether only its scenario has changed since)
    when it is not ``offered`` (the one the title offers to resume) and does not load: cut off,
    damaged, or of a scenario that has changed since. None when it loads (e.g. a finished game's
    final autosave) or there is none."""
    from game.session.saves import CURRENT_OFFER, ScenarioChanged, load_match
    from game.session.store import AutosaveSlots, SaveFileError, user_data_dir

    try:
        entries = AutosaveSlots(user_data_dir() / "autosaves").entries()
        if not entries or entries[0] == offered:
            return None
        load_match(entries[0])
    except SaveFileError as exc:
        changed = isinstance(exc, ScenarioChanged) and not exc.tried
        why = _problem_text(exc, entries[0])
        if changed:  # the title says how instead of the message's generic last clause
            why = why.removesuffix(CURRENT_OFFER)
        return entries[0], why, changed
    except (OSError, ValueError, TypeError, RecursionError):
        return None
    return None


def find_interrupted() -> tuple[Path, str] | None:
    """The newest autosave of a game that did not end, with a one-line description."""
    from game.session.saves import latest_good_autosave
    from game.session.store import SaveFileError, read_save

    try:
        path = latest_good_autosave()  # one that really resumes (scenario unchanged, replay fine)
        if path is None:
            return None
        payload = read_save(path)
    except (OSError, SaveFileError):
        return None
    # the payload's summary fields are read as untrusted (a checksum can be recomputed by hand,
    # and the replay does not use them): an odd one never stops the title screen from opening
    prog = payload.get("progress") if isinstance(payload.get("progress"), dict) else {}
    if prog.get("phase") == "ended" or payload.get("kind") != "treaty-table-game":
        return None
    seats = payload.get("seats") if isinstance(payload.get("seats"), dict) else {}
    humans = [str(a) for a, k in seats.items() if k == "human"]
    info = SaveLoadScene._scenario_info(payload, {})  # the delegations' names ("United States", not "Usa")
    names = info[2] if info else {}
    who = ", ".join(names.get(h, h.capitalize()) for h in humans) or "AI only"
    scenario = payload.get("scenario") if isinstance(payload.get("scenario"), dict) else {}
    sc = str(scenario.get("id", "?"))
    mode = " (facilitator)" if "facilitator" in payload else ""
    rnd = prog.get("round")
    where = f"round {rnd + 1}" if isinstance(rnd, int) and not isinstance(rnd, bool) and 0 <= rnd < 10**6 \
        else "round ?"
    return path, f"{sc}, {where}, playing {who}{mode}"


# --------------------------------------------------------------------------- scenario choice

class ScenarioScene(Scene):
    name = "scenario"

    def enter(self) -> None:
        from game.scenarios.registry import builtin_paths

        self.builtins = list(builtin_paths().items())
        self.scenario = None
        self.problems: list[str] = []
        self.doc_state: dict = {}
        self.select(self.app.setup.scenario_ref)

    def select(self, ref: str) -> None:
        from game.scenarios.loader import load_scenario
        from game.scenarios.problems import ScenarioError

        ref = ref.strip()
        if not ref:
            self.problems = ["Type the path of a scenario file (.yaml) first."]
            return
        try:
            self.scenario = load_scenario(ref)
            self.problems = []
            self.app.setup.scenario_ref = ref
            self.doc_state = {}
        except ScenarioError as exc:
            self.problems = [p.format() for p in exc.problems[:8]]
            self.scenario = None
        except (OSError, ValueError) as exc:
            self.problems = [f"{ref}: {exc}"]
            self.scenario = None

    @staticmethod
    def doc_blocks(sc) -> list[tuple[str, str]]:
        """The scenario's description on this screen (names, not ids)."""
        blocks = [("heading", sc.title)]
        if sc.subtitle:
            blocks.append(("note", sc.subtitle))
        blocks.append(("para", sc.description or "(no description)"))
        blocks.append(("heading", "Length"))
        span = f"from {P.fmt_date(sc.start)} to the deadline {P.fmt_date(sc.deadline)}"
        rounds = f"{len(sc.rounds)} round{'s' * (len(sc.rounds) != 1)}"
        if sc.length and "round" in sc.length.lower():  # "4 rounds, 60 minutes": say the rounds once
            blocks.append(("para", f"{sc.length}, {span}"))
        else:
            blocks.append(("para", f"{sc.length or 'not stated'} - {rounds} {span}"))
        blocks.append(("heading", "Delegations"))
        chair = next((a.name for a in sc.actors if a.id == sc.chair), sc.chair)  # its name, not its id
        blocks.append(("para", ", ".join(a.name for a in sc.actors) + f"; {chair} chairs."))
        blocks.append(("heading", "Issues"))
        for iss in sc.issues:
            blocks.append(("bullet", f"{iss.name}: " + " / ".join(lv.name for lv in iss.levels)))
        return blocks

    def next(self) -> None:
        if self.scenario is None:
            self.app.toast("Choose a scenario that loads first.", error=True)
            return
        self.app.push(RolesScene(self.app, self.scenario))

    def open_row(self, ref: str) -> None:
        """A double click on a scenario: chosen (the first click) and on to the roles, as a desktop
        list opens what is double-clicked (the first click alone only chose it)."""
        self.select(ref)
        if self.scenario is not None and not self.problems:
            self.next()

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN:
            if self.app.typing():
                if event.key == pygame.K_RETURN:
                    self.select(self.entry_text("path"))
                    if not self.problems:  # it loads: the next Enter goes on to the roles
                        self.app.unfocus_entries()
                    return True
                if event.key == pygame.K_TAB:
                    self.app.unfocus_entries()
                    return True
                return False
            if event.key == pygame.K_ESCAPE:
                self.app.pop()
                return True
            if event.key == pygame.K_RETURN:
                self.next()
                return True
            if event.key == pygame.K_TAB:
                self.focus_entry("path")  # type a scenario file's path without the mouse
                return True
            if digit_key(event):
                n = digit_key(event) - 1
                if n < len(self.builtins):
                    self.select(self.builtins[n][0])
                return True
            if scroll_keys(self, event, self.doc_state):  # the rest of the description (large text)
                return True
        return False

    def autoplay(self) -> None:
        if self.age > 0.3 and (self.app.shots_dir is None or self.name in self.app.shots_taken):
            self.next()

    def draw(self, surf) -> None:
        background(surf, self.app)
        c, f = self.c, self.f
        W, H = surf.get_size()
        m = f.px(16)
        top = header(surf, self.app, "Choose a scenario", "A built-in scenario, or a scenario file of your own")
        left = pygame.Rect(2 * m, top + m, int(W * 0.34), H - top - 6 * m)
        D.panel(surf, left, c)
        y = left.y + m
        D.text(surf, f.get("h3", True), "Built-in", (left.x + m, y), c["brass_text"])
        y += f.line_height("h3", True) + m // 2
        eh = f.px(36)
        # the buttons share what the file part below leaves (so nothing runs out of the panel)
        below = m + f.line_height("h3", True) + m // 2 + eh + m // 2 + f.px(38) + m
        n_b = max(1, len(self.builtins))
        room = (left.bottom - below - y) // n_b - m // 2
        bh = max(f.line_height("label", True) + 4, min(f.px(38), room))
        # at the least height (large text in a small window) the gaps give way, down to 2 pixels, so that
        # the file part keeps its place in the panel (its button ran out of it at 1024x600)
        gap = max(2, min(m // 2, (left.bottom - below - y) // n_b - bh))
        for n, (sid, path) in enumerate(self.builtins):
            sel = self.scenario is not None and self.app.setup.scenario_ref == sid
            label = sid + (" - start here" if sid == "tutorial" and self.app.settings.hints else "")
            self.ui.button(surf, (left.x + m, y, left.width - 2 * m, bh), label, (lambda s=sid: self.select(s)),
                           name=f"scenario:{sid}", shortcut=str(n + 1) if n < 9 else "", selected=sel,
                           tooltip=f"{path}\nA double click chooses it and goes on to the roles",
                           on_double=lambda s=sid: self.open_row(s))
            y += bh + gap
        y += m
        D.text(surf, f.get("h3", True), "A file on disk", (left.x + m, y), c["brass_text"],
               max_width=left.width - 2 * m - f.px(40))
        key_hint(surf, self.app, "Tab", (left.right - m, y + f.line_height("h3", True) // 2))
        y += f.line_height("h3", True) + m // 2
        bh = f.px(38)
        self.entry("path", pygame.Rect(left.x + m, y, left.width - 2 * m, eh),
                   placeholder="path/to/scenario.yaml")
        y += eh + m // 2
        self.ui.button(surf, (left.x + m, y, f.px(150), bh), "Open file",
                       lambda: self.select(self.entry_text("path")), name="scenario:open",
                       tooltip="Load and check the scenario file typed above (Enter in the box does the same)")
        right = pygame.Rect(left.right + 2 * m, top + m, W - left.right - 4 * m, left.height)
        D.panel(surf, right, c)
        inner = right.inflate(-2 * m, -2 * m)
        if self.problems:
            D.text(surf, f.get("h3", True), "This scenario does not load:", inner.topleft, c["refused"])
            blocks = [("para", p) for p in self.problems]
            draw_doc(self, surf, pygame.Rect(inner.x, inner.y + f.px(34), inner.width, inner.height - f.px(34)),
                     blocks, self.doc_state, "scenario:problems")
        elif self.scenario is not None:
            draw_doc(self, surf, inner, self.doc_blocks(self.scenario), self.doc_state, "scenario:doc")
        footer_buttons(self, surf, [
            ("Back", self.app.pop, "nav:back", "Esc", "normal", "Back to the title screen"),
            ("Choose roles", self.next, "nav:next", "Enter", "primary", "Next: who plays which delegation"),
        ])


# --------------------------------------------------------------------------- roles

class RolesScene(Scene):
    name = "roles"
    NOBODY = ("Nobody chosen yet: click the delegation you want to play (or press its number). If you start "
              "now, you only watch the AI play every role.")

    def __init__(self, app: App, scenario):
        super().__init__(app)
        self.scenario = scenario
        ids = [a.id for a in scenario.actors]
        self.humans = [h for h in app.setup.humans if h in ids]
        if app.setup.seed is not None:
            self._entry_text["seed"] = str(app.setup.seed)
        self.error = ""

    def toggle(self, actor_id: str) -> None:
        if actor_id in self.humans:
            self.humans.remove(actor_id)
            return
        actor = next((a for a in self.scenario.actors if a.id == actor_id), None)
        if actor is not None and actor.status == "non_party":  # as --role and the terminal refuse it
            self.error = (f"{actor.name} is not a party: it has no seat at the table and cannot be played; "
                          "choose one of the parties.")
            return
        self.error = ""
        self.humans.append(actor_id)

    def start(self, facilitator: bool | None = None) -> None:
        s = self.app.setup
        if facilitator is not None:
            s.facilitator = facilitator
        seed_text = self.entry_text("seed").strip()
        if seed_text:
            try:
                s.seed = int(seed_text)
            except ValueError:
                self.error = f"The seed must be a whole number, not '{seed_text}'."
                return
        else:
            s.seed = random.randrange(1, 10**6)
        order = [a.id for a in self.scenario.actors]
        s.humans = sorted(self.humans, key=order.index)
        try:
            match = _new_match(s)
        except Exception as exc:  # a scenario that loads but cannot start
            self.error = f"The game cannot start: {exc}"
            return
        self.app.start_match(match)

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and self.app.typing() and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.app.unfocus_entries()  # Enter in the seed field starts the talks, as the button says
            self.start()
            return True
        if event.type == pygame.KEYDOWN and self.app.typing() and event.key == pygame.K_TAB:
            self.app.unfocus_entries()  # Tab leaves the seed field (the number keys choose roles again)
            return True
        if event.type == pygame.KEYDOWN and not self.app.typing():
            if event.key == pygame.K_ESCAPE:
                self.app.pop()
                return True
            if event.key == pygame.K_TAB:
                self.focus_entry("seed", select_all=True)  # type a seed without the mouse
                return True
            if event.key == pygame.K_RETURN:
                self.start()
                return True
            if event.key == pygame.K_f:
                self.start(facilitator=True)
                return True
            if digit_key(event):
                n = digit_key(event) - 1
                if n < len(self.scenario.actors):
                    self.toggle(self.scenario.actors[n].id)
                return True
            cycle = {pygame.K_d: ("difficulty", ["easy", "normal", "hard"]),
                     pygame.K_e: ("events", ["historical", "probabilistic", "none"])}
            if event.key == pygame.K_t:
                self.set_takebacks("on" if self.app.setup.takebacks_off else "off")
                return True
            if event.key in cycle:
                attr, opts = cycle[event.key]
                cur = getattr(self.app.setup, attr)
                setattr(self.app.setup, attr, opts[(opts.index(cur) + 1) % len(opts)])
                return True
        return False

    def autoplay(self) -> None:
        if self.age > 0.3 and (self.app.shots_dir is None or self.name in self.app.shots_taken):
            self.humans = []
            self.start()

    def level_line(self) -> str:
        """The chosen AI difficulty in words, for the summary (the D key changes it without a tooltip),
        when the computer plays a role beside people (else the level makes no difference)."""
        if not 0 < len(self.humans) < len(self.scenario.actors):
            return ""
        level = self.app.setup.difficulty
        one = len(self.humans) == 1 and not self.app.setup.facilitator
        whom, whose = ("you", "your") if one else ("the teams", "the teams'")
        words = {"easy": f"the computer's delegations accommodate {whom}",
                 "normal": "the computer's delegations bargain only for themselves",
                 "hard": f"the computer's delegations mind {whose} gains"}.get(level)
        return f" AI difficulty {level}: {words} (point at a level for more)." if words else ""

    def takeback_line(self) -> str:
        """The take-backs chosen, for the summary, when they are off (the T key changes them without a
        tooltip); empty when they are allowed (as always before)."""
        if not self.app.setup.takebacks_off:
            return ""
        if self.app.setup.facilitator:  # (never possible there: the facilitator undoes moves, F4)
            return " Take-backs off: kept with the game (in the console only you undo moves, with F4)."
        return " Take-backs off: every move stands (saved with the game: reloading keeps them off)."

    def draw_takebacks(self, surf, x: int, y: int, w: int, bh: int, under: int = 4) -> int:
        """The row "Take-backs [T]  [On] [Off]" (the label beside the choice, to keep the panel short;
        above it when the panel is too narrow for both); returns the row's bottom."""
        c, f = self.c, self.f
        font = f.get("label", True)
        label = "Take-backs"
        hint_w = f.get("tiny", True).size("T")[0] + 6
        seg_w = w - font.size(label)[0] - hint_w - f.px(14)
        beside = seg_w >= 2 * (f.get("body", True).size("Off")[0] + f.px(24))
        if beside:
            end = D.text(surf, font, label, (x, y + bh // 2), c["brass_text"], "midleft").right
            key_hint(surf, self.app, "T", (end + f.px(6) + hint_w, y + bh // 2))
            seg = pygame.Rect(x + w - seg_w, y, seg_w, bh)
        else:
            D.text(surf, font, label, (x, y), c["brass_text"], max_width=w - f.px(30))
            key_hint(surf, self.app, "T", (x + w, y + f.line_height("label", True) // 2))
            y += f.line_height("label", True) + under
            seg = pygame.Rect(x, y, w, bh)
        self.ui.segmented(surf, seg, [("on", "On"), ("off", "Off")],
                          "off" if self.app.setup.takebacks_off else "on", self.set_takebacks, name="takebacks",
                          tooltips=TAKEBACK_TIPS)
        return seg.bottom

    def set_takebacks(self, value: str) -> None:
        self.app.setup.takebacks_off = value == "off"

    def draw(self, surf) -> None:
        background(surf, self.app)
        c, f = self.c, self.f
        W, H = surf.get_size()
        m = f.px(16)
        top = header(surf, self.app, "Choose your roles",
                     f"{self.scenario.title} - click a delegation (or press its number) to play it; the AI plays the rest")
        left = pygame.Rect(2 * m, top + m, int(W * 0.58), H - top - 6 * m)
        D.panel(surf, left, c)
        n = len(self.scenario.actors)
        inner = left.inflate(-2 * m, -2 * m)
        # a crowded conference: two columns when one does not hold every row, then a scrolled list
        # (mouse wheel, with a scroll bar) when two do not either
        cols = 1
        if n * f.px(34) > inner.height and inner.width // 2 >= f.px(290):
            cols = 2
        per_col = -(-n // cols)
        row_h = max(f.px(34), min(f.px(58), inner.height // max(per_col, 1)))
        total = per_col * row_h
        max_off = max(0, total - inner.height)
        self.list_offset = off = max(0, min(max_off, getattr(self, "list_offset", 0)))
        bar_w = f.px(8) if max_off else 0
        col_w = (inner.width - bar_w - (f.px(6) if max_off else 0) + (f.px(8) if cols == 2 else 0)) // cols
        old_clip = surf.get_clip()
        surf.set_clip(inner)
        for i, a in enumerate(self.scenario.actors):
            col, row = divmod(i, per_col)
            y = inner.y + row * row_h - off
            r = pygame.Rect(inner.x + col * col_w, y, col_w - (f.px(8) if cols == 2 else 0), row_h - 6)
            if r.bottom <= inner.y or r.y >= inner.bottom:
                continue
            human = a.id in self.humans
            D.rounded(surf, r, c["panel_light"] if not human else c["button_down"], 6)
            if human:
                D.rounded(surf, r, c["brass"], 6, 2)
            rad = min(r.height // 2 - 3, f.px(18))
            D.badge(surf, (r.x + rad + 8, r.centery), rad, a.colour, a.short, D.initials_font(f, a.short, rad, "small"))
            x = r.x + 2 * rad + 18
            tag_w = f.px(120) if cols == 1 else f.px(64)
            status = {"boycotting": " (boycotting)", "non_party": " (not a party)"}.get(a.status, "")
            if a.id == self.scenario.chair:
                status += " - chairs the talks"
            two = f.line_height("label", True) + f.line_height("small")
            if two <= r.height - 2:  # the name and the delegate, centred in the row
                ty = r.centery - two // 2
                D.text(surf, f.get("label", True), f"{i + 1}. {a.name}", (x, ty), c["text"],
                       max_width=r.right - x - tag_w - 10)
                D.text(surf, f.get("small"), f"{a.delegate.name}{status}", (x, ty + f.line_height("label", True)),
                       c["text_muted"], max_width=r.right - x - tag_w - 10)
            else:  # a short row: the name only (the delegate is in the tooltip)
                D.text(surf, f.get("label", True), f"{i + 1}. {a.name}" + status, (x, r.centery), c["text"],
                       "midleft", max_width=r.right - x - tag_w - 10)
            tag = pygame.Rect(r.right - tag_w - 6, r.y + 4, tag_w, r.height - 8)
            D.rounded(surf, tag, c["brass"] if human else c["panel"], 5)
            tag_text = ("YOU (human)" if cols == 1 else "YOU") if human else "-" if a.status == "non_party" else "AI"
            D.text(surf, f.get("small", True), tag_text, tag.center, c["ink"] if human else c["text_muted"], "center")
            self.ui.add(r.clip(inner), f"role:{a.id}", (lambda x=a.id: self.toggle(x)),
                        f"{a.name} - {a.delegate.name}{status}. "
                        + ((a.public_profile[:300] + ("..." if len(a.public_profile) > 300 else "")) or ""),
                        on_double=lambda: None)  # a double click plays it once (it turned it on and off again)
        surf.set_clip(old_clip)
        if max_off:
            D.scroll_bar(surf, pygame.Rect(inner.right - bar_w, inner.y, bar_w, inner.height), total, off,
                         c["panel_light"], c["brass"], f.px(24))

            def wheel(dy, step=row_h, most=max_off):
                old, self.list_offset = self.list_offset, max(0, min(most, self.list_offset - dy * step))
                return self.list_offset != old  # (False: at its end, where a flick's glide stops)
            self.ui.add(inner, "roles:list", None, "", True, wheel, drag_step=row_h)
        right = pygame.Rect(left.right + 2 * m, top + m, W - left.right - 4 * m, left.height)
        D.panel(surf, right, c)
        x, y, w = right.x + m, right.y + m, right.width - 2 * m
        bh = f.px(36)
        s = self.app.setup
        lab = f.line_height("label", True)
        # a short panel (1024x600 with large text): the rows closer together, so that the take-backs row
        # leaves the summary the lines it had before (when it would have fewer than 3 body lines)
        tight = right.height - (m + 3 * (lab + 4 + bh + m) + bh + m + m // 2) < 3 * f.get("body").get_linesize()
        gap, under = (m // 2, 0) if tight else (m, 4)  # between the rows; between a label and its row
        for label, attr, opts, tips in (
            ("AI difficulty", "difficulty", [("easy", "Easy"), ("normal", "Normal"), ("hard", "Hard")],
             DIFFICULTY_TIPS),
            ("Historical events", "events", [("historical", "On"), ("probabilistic", "Random"), ("none", "Off")],
             {"historical": "The scenario's historical events happen on their dates",
              "probabilistic": "Events, including counterfactual ones, happen by chance",
              "none": "No events: the talks alone decide"}),
        ):
            D.text(surf, f.get("label", True), label, (x, y), c["brass_text"], max_width=w - f.px(30))
            key_hint(surf, self.app, "D" if attr == "difficulty" else "E", (x + w, y + f.line_height("label", True) // 2))
            y += f.line_height("label", True) + under
            self.ui.segmented(surf, (x, y, w, bh), opts, getattr(s, attr),
                              (lambda v, a=attr: setattr(self.app.setup, a, v)), name=attr, tooltips=tips)
            y += bh + gap
        y = self.draw_takebacks(surf, x, y, w, bh, under) + gap
        D.text(surf, f.get("label", True), "Seed (blank: random)", (x, y), c["brass_text"], max_width=w - f.px(40))
        key_hint(surf, self.app, "Tab", (x + w, y + lab // 2))
        y += lab + under
        self.entry("seed", pygame.Rect(x, y, w - f.px(110), bh), placeholder="random")
        self.ui.button(surf, (x + w - f.px(100), y, f.px(100), bh), "Random",
                       lambda: self.set_entry_text("seed", str(random.randrange(1, 10**6))), name="seed:random")
        y += bh + gap
        n_h = len(self.humans)
        summary = (self.NOBODY if n_h == 0 else
                   f"You play {', '.join(a.name for a in self.scenario.actors if a.id in self.humans)}."
                   + (" Hotseat: a privacy screen comes up between delegations." if n_h > 1 else "")
                   + self.level_line() + self.takeback_line())
        if self.app.setup.facilitator:
            summary = ("Facilitator: you see every delegation's secrets on one screen and enter the human "
                       "delegations' moves; switch any role between human and AI during the game."
                       + self.level_line() + self.takeback_line())
        # the summary in what is left of the panel (an error first: it says why the talks did not start)
        body, bold = f.get("body"), f.get("body", True)
        room = right.bottom - m // 2 - y
        err_n = min(len(D.wrap(bold, self.error, w)), max(1, room // bold.get_linesize())) if self.error else 0
        room -= err_n * bold.get_linesize() + (m // 2 if err_n else 0)
        n_sum = room // body.get_linesize()
        if n_sum > 0:  # nobody chosen: in brass (starting now only watches the AI)
            colour = c["brass_text"] if n_h == 0 and not self.app.setup.facilitator else c["text"]
            box = pygame.Rect(x, y, w, n_sum * body.get_linesize())
            if len(D.wrap(body, summary, w)) > n_sum:  # cut short (a small window, large text): whole on hover
                self.ui.add(box, "roles:summary", None, summary)
            y += D.paragraph(surf, body, summary, box, colour, max_lines=n_sum) + m // 2
        if self.error:
            D.paragraph(surf, bold, self.error, pygame.Rect(x, y, w, err_n * bold.get_linesize()), c["refused"],
                        max_lines=err_n)
        fac = self.app.setup.facilitator
        footer_buttons(self, surf, [
            ("Back", self.app.pop, "nav:back", "Esc", "normal", ""),
            ("Start as facilitator", lambda: self.start(facilitator=True), "nav:facilitator", "F",
             "primary" if fac else "normal",
             "The teacher's sandbox: every role and secret on one screen, with pause, timer, injects, undo "
             "and going back to a round"),
            ("Start the talks", lambda: self.start(facilitator=False), "nav:start", "Enter",
             "normal" if fac else "primary", "Begin with the role brief"),
        ])


# --------------------------------------------------------------------------- role brief

class BriefScene(Scene):
    name = "brief"

    def __init__(self, app: App, actor_id: str, overlay: bool = False, back: str = ""):
        super().__init__(app)
        self.actor_id = actor_id
        self.vm = P.brief_vm(app.match, actor_id)
        self.state: dict = {}
        self.overlay = overlay
        self.back = back  # the button back (opened from the results: "Back to the results")

    def done(self) -> None:
        if self.app.match is not None and self.actor_id in self.app.match.humans:
            self.app.active_human = self.actor_id
        self.app.pop()

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE,
                                                          pygame.K_b):
            self.done()  # (held, as a remote's B: once, App.REPEATING_KEYS)
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_s:
            self.show_source()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_f and self.quiz_offered():
            self.open_quiz()
            return True
        return scroll_keys(self, event)

    def quiz_offered(self) -> bool:
        """Whether the brief offers its delegation's briefing check: a delegation people play, while the
        game is on, not from the results nor in a replay (the brief on screen is its private view)."""
        match = self.app.match
        if self.back or match is None or match.quiz_refusal(self.actor_id) is not None:
            return False
        from game.ui.scene_replay import ReplayScene

        return not any(isinstance(s, ReplayScene) for s in self.app.scenes)

    def open_quiz(self) -> None:
        from game.ui.scene_quiz import QuizScene

        self.app.push(QuizScene(self.app, self.actor_id))

    def autoplay(self) -> None:
        if self.age > 0.3 and (self.app.shots_dir is None or self.name in self.app.shots_taken):
            if self.app.shots_dir is not None and "source" not in self.app.shots_taken:
                self.show_source()  # the screenshot tour shows the primary source too
            else:
                self.done()

    def draw(self, surf) -> None:
        background(surf, self.app)
        c, f, vm = self.c, self.f, self.vm
        W, H = surf.get_size()
        m = f.px(16)
        top = header(surf, self.app, f"Role brief: {vm.name}", vm.scenario_title)
        left = pygame.Rect(2 * m, top + m, int(W * 0.3), H - top - 6 * m)
        D.panel(surf, left, c)
        rad = f.px(30)
        D.badge(surf, (left.x + m + rad, left.y + m + rad), rad, vm.colour, vm.short, f.get("h3", True))
        x = left.x + 2 * m + 2 * rad
        D.text(surf, f.get("h2", True), vm.name, (x, left.y + m), c["text"], max_width=left.right - x - m)
        used = D.paragraph(surf, f.get("small"), vm.delegate + (f", {vm.title}" if vm.title else ""),
                           pygame.Rect(x, left.y + m + f.line_height("h2", True), left.right - x - m, f.px(60)),
                           c["text_muted"], max_lines=3)
        # under the badge, and under the delegate's name and title (three lines of a long title
        # reach below the badge)
        below = max(left.y + 2 * m + 2 * rad, left.y + m + f.line_height("h2", True) + used + f.px(4))
        y = below + f.px(24)
        if vm.is_chair:
            D.text(surf, f.get("small", True), "YOU CHAIR THE TALKS", (left.x + m, y - f.px(20)), c["brass_text"])
        lw = left.width - 2 * m
        heading = D.wrap(f.get("label", True), "Your positions (ideal, importance)", lw)[:2]
        # two lines per issue (its name, then the importance bar and the ideal level); when they do
        # not all fit (large text), the positions are the first section of the brief on the right
        two = f.line_height("small", True) + f.line_height("small") + 4
        in_left = len(heading) * f.line_height("label", True) + 4 + len(vm.positions) * two <= left.bottom - m // 2 - y
        if in_left:
            for line in heading:
                D.text(surf, f.get("label", True), line, (left.x + m, y), c["brass_text"], max_width=lw)
                y += f.line_height("label", True)
            y += 4
            for issue, level, sal in vm.positions:
                top_y = y
                D.text(surf, f.get("small", True), issue, (left.x + m, y), c["text"], max_width=lw)
                y += f.line_height("small", True)
                bar = pygame.Rect(left.x + m, y + f.line_height("small") // 2 - f.px(4), f.px(60), f.px(8))
                D.rounded(surf, bar, c["panel_light"], 3)
                D.rounded(surf, pygame.Rect(bar.x, bar.y, int(bar.width * sal), bar.height), c["brass"], 3)
                D.text(surf, f.get("small"), level, (bar.right + 8, y), c["text_muted"],
                       max_width=left.right - bar.right - m - 8)
                y += f.line_height("small") + 4
                self.ui.add(pygame.Rect(left.x + m, top_y, lw, y - top_y), f"brief:position:{issue}", None,
                            f"{issue}: your ideal is {level}; importance {sal:.2f} (the bar)")
        else:
            D.paragraph(surf, f.get("small"), "Your positions on the issues (ideal, importance) are the first "
                        "section of the brief on the right.", pygame.Rect(left.x + m, y, lw, left.bottom - y - m),
                        c["text_muted"])
        right = pygame.Rect(left.right + 2 * m, top + m, W - left.right - 4 * m, left.height)
        D.panel(surf, right, c)
        blocks = []
        if not in_left:
            blocks.append(("heading", "Your positions (ideal, importance)"))
            blocks += [("bullet", f"{issue}: {level} (importance {sal:.2f})") for issue, level, sal in vm.positions]
        # a heading only with something under it (a user-written scenario may leave a text out)
        if vm.public_profile.strip():
            blocks += [("heading", "Public profile (everyone knows this)"), ("para", vm.public_profile)]
        if vm.confidential.strip():
            blocks += [("heading", "Confidential instructions (for your eyes only)"),
                       ("confidential", vm.confidential)]
        if vm.objectives:
            blocks.append(("heading", "Objectives (scored)"))
            blocks += [("bullet", f"{d} ({p} point{'s' if p != 1 else ''})") for d, p in vm.objectives]
        blocks.append(("heading", "Your red lines (secret until you declare them)"))
        blocks += [("bullet", r) for r in vm.red_lines] or [("para", "None.")]
        blocks.append(("heading", "What you can offer others"))
        blocks += [("bullet", o) for o in vm.offers] or [("para", "Nothing.")]
        if vm.sources:
            blocks.append(("heading", "Sources"))
            blocks += [("note", s) for s in vm.sources]
        draw_doc(self, surf, right.inflate(-2 * m, -2 * m), blocks, self.state, "brief:doc")
        has_document = bool(self.app.match.scenario.source_document)
        quiz = []
        if self.quiz_offered():
            label = quiz_item_label(self.app.match, self.actor_id)
            quiz = [("Check your brief" if label == "Briefing check" else label, self.open_quiz, "brief:quiz", "F",
                     "", "A few questions on your brief (not a move; your first answer counts)")]
        footer_buttons(self, surf, [
            ("Primary source" if has_document else "Sources", self.show_source, "brief:source", "S", "",
             "Read the document this scenario started from" if has_document
             else "The sources this scenario's facts come from"),
            *quiz,
            (self.back or ("To the table" if not self.overlay else "Back to the table"), self.done,
             "brief:done", "Enter", "primary", "")])

    def show_source(self) -> None:
        self.app.push(SourceScene(self.app))


class SourceScene(Scene):
    """The scenario's primary source document (for cst-1999: the Jamestown Monitor report)."""

    name = "source"

    def __init__(self, app: App):
        super().__init__(app)
        from game.scenarios.paths import ReferenceProblem, read_source_document, sources_instead_of_document

        match = app.match
        self.title = match.scenario.title
        self.ref = match.scenario.source_document or ""
        listing = sources_instead_of_document(match.scenario)
        self.heading = "Primary source" if listing is None else "Sources"
        self.state: dict = {}
        if listing is not None:  # no document (Montreal, the tutorial): the scenario's sources instead
            self.blocks = [("para", listing[0])] + [("bullet", line) for line in listing[1:]]
            return
        try:
            text = read_source_document(match.scenario, match.scenario_ref)
            self.blocks = [("para", p.strip()) for p in text.split("\n") if p.strip()]
        except ReferenceProblem as exc:
            self.blocks = [("para", f"The source document cannot be shown: {exc}")]

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_s):
            self.app.pop()
            return True
        return scroll_keys(self, event)

    def autoplay(self) -> None:
        if self.age > 0.3 and (self.app.shots_dir is None or self.name in self.app.shots_taken):
            self.app.pop()

    def draw(self, surf) -> None:
        background(surf, self.app)
        c, f = self.c, self.f
        W, H = surf.get_size()
        m = f.px(16)
        top = header(surf, self.app, self.heading, f"{self.title} - {self.ref}" if self.ref else self.title)
        width = min(W - 4 * m, f.px(900))
        rect = pygame.Rect((W - width) // 2, top + m, width, H - top - 6 * m)
        D.panel(surf, rect, c)
        draw_doc(self, surf, rect.inflate(-2 * m, -2 * m), self.blocks, self.state, "source:doc")
        footer_buttons(self, surf, [("Back", self.app.pop, "source:back", "Esc", "primary", "")])


# --------------------------------------------------------------------------- hotseat privacy

class PrivacyScene(Scene):
    """Hotseat: a full screen that hides every delegation's private view between turns."""

    name = "privacy"
    opaque = True

    CONFIRM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)  # not Space: it skips the AI's pause just before
    SETTLE_S = 0.7
    """For this long after the screen appears (its own clock, ``age``: the time it has been on top)
    Enter and its button do nothing: the last team pressing Enter twice on its last move must not
    open the next team's table before that team sits down. The screen looks the same meanwhile; Esc
    (the menu) works at once."""

    def __init__(self, app: App, actor_id: str):
        super().__init__(app)
        self.actor_id = actor_id
        sc = app.match.scenario
        self.actor = next(a for a in sc.actors if a.id == actor_id)
        self.held: set[int] = set()
        self.click_before: tuple[float, tuple[int, int]] | None = None

    def enter(self) -> None:
        # what the last team was doing as the screen came up: a key still held down (Enter on its
        # last move, repeating) or the first click of a double click must not open the next table
        self.held = set(self.app.keys_held)
        self.click_before = self.app.last_click

    def resume(self) -> None:  # shown again (the brief of the team before it closed, at the start)
        super().resume()
        self.enter()

    def settling(self) -> bool:
        """Whether the screen has only just appeared (confirmations are ignored, see SETTLE_S)."""
        return self.age < self.SETTLE_S

    def confirm(self) -> None:
        self.app.active_human = self.actor_id
        self.app.pop()
        from game.ui.scene_table import TableScene

        table = self.app.find_scene(TableScene)
        if table is not None:  # (the table under it, now this team's view)
            table.tell_answers(self.actor_id)

    def called_back(self) -> str:
        """Why this delegation has the turn although it is done for the round (it is back only to
        answer an offer, docs/rules.md), or "". On the public screen: the turn itself shows as much
        (the offer, its giver and its terms stay private)."""
        from game.engine.flow import has_pending_offer
        from game.ui.scene_table import answers_late

        m = self.app.match
        st = m.state
        if m.over or st.phase != "diplomacy" or m.to_move != self.actor_id:
            return ""
        i = m.game.model.actor_index(self.actor_id)
        why = answers_late(st.actors[i])  # (its done, status and ap, as a delegate card has them)
        if not why or not has_pending_offer(st, i):
            return ""
        return (f"{self.actor.name} {why} and is back only to answer a private offer "
                "(accept, reject, or pass to let it lapse).")

    def asked(self) -> None:
        """Enter or the button: the next team asks for its screen (unless the screen has only
        just come up)."""
        if not self.settling():
            self.confirm()

    MENU_KEY = pygame.K_ESCAPE  # as at the table: the teacher may save, load or quit from here

    def open_menu(self) -> None:
        """The menu over this screen (the screen stays under it: nothing private shows; the menu
        offers no role brief while a privacy screen is up, see MenuScene)."""
        self.app.push(MenuScene(self.app))

    def _double_click(self, event) -> bool:
        before, self.click_before = self.click_before, None
        return before is not None and self.app.same_click(before[0], before[1], event.pos)

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYUP:
            self.held.discard(event.key)
            return False
        if event.type == pygame.KEYDOWN and event.key in self.CONFIRM_KEYS:
            if event.key not in self.held:  # (held since before: the key repeating, not a new press)
                self.asked()
            return True
        if event.type == pygame.KEYDOWN and event.key == self.MENU_KEY:
            if event.key not in self.held:
                self.open_menu()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self._double_click(event):
            return True
        return False

    def draw(self, surf) -> None:
        background(surf, self.app)
        c, f = self.c, self.f
        W, H = surf.get_size()
        a = self.actor
        rad = f.px(46)
        D.badge(surf, (W // 2, H // 2 - f.px(110)), rad, a.colour, a.short, f.get("h2", True))
        D.text(surf, f.get("h1", True), f"Pass to the delegation of {a.name}", (W // 2, H // 2 - f.px(20)),
               c["brass_text"], "center", max_width=W - 40)
        D.text(surf, f.get("h3"), "Other delegations: please look away. Nothing private is on screen now.",
               (W // 2, H // 2 + f.px(26)), c["text_muted"], "center", max_width=W - 40)
        why, below = self.called_back(), 0
        if why:  # a delegation that has passed has the turn again: say why (it is not a mistake)
            font, lh = f.get("h3"), f.line_height("h3")
            lines = D.wrap(font, why, min(W - 40, f.px(900)))
            top = H // 2 + f.px(26) + lh // 2 + f.px(10)
            for n, line in enumerate(lines):
                D.text(surf, font, line, (W // 2, top + n * lh), c["brass_text"], "midtop")
            below = len(lines) * lh + f.px(10)
            self.ui.add(pygame.Rect(20, top, W - 40, len(lines) * lh), "privacy:why", None, why)
        bw = f.px(380)
        self.ui.button(surf, (W // 2 - bw // 2, H // 2 + f.px(70) + below, bw, f.px(46)),
                       f"I am {a.name}: show my table", self.asked, name="privacy:confirm", shortcut="Enter",
                       style="primary")
        m, bw, bh = f.px(10), f.px(96), f.line_height("h3", True) + 2  # the menu, where the table has it
        self.ui.button(surf, (W - bw - m, f.px(5), bw, bh), "Menu", self.open_menu, name="privacy:menu",
                       shortcut="Esc", size="small", tooltip="Save, load, settings or quit the game")


# --------------------------------------------------------------------------- overlays

class Overlay(Scene):
    opaque = False

    def toast_slot(self, size):
        return None  # no toast over (or under) a dialog: it waits until the dialog closes

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and not self.app.typing():
            self.app.pop()
            return True
        return False

    def box(self, surf, w_frac: float = 0.6, h_frac: float = 0.7, min_w: int = 520) -> pygame.Rect:
        dim(surf, self.app)
        W, H = surf.get_size()
        w = min(W - 40, max(min_w, int(W * w_frac)))
        h = min(H - 40, int(H * h_frac))
        rect = pygame.Rect(0, 0, w, h)
        rect.center = (W // 2, H // 2)
        D.panel(surf, rect, self.c, fill="panel", border="brass_dim")
        self.ui.add(rect, "overlay:box", lambda: None)  # clicks inside do not fall through
        return rect


SHORTCUTS = [
    ("Everywhere", [("F1 or ?", "this help"), ("Esc", "menu / back / close"), ("F11", "full screen"),
                    ("Enter", "the highlighted main button")]),
    ("At the table: choosing", [
        ("Left / Right or [ ]", "choose a tabled draft"), ("Up / Down", "choose an issue (row)"),
        ("1 - 9", "pick a level on that issue (your working text)"), ("Z", "reset the working text to the draft"),
        ("Tab / Shift+Tab", "choose a delegation"), ("I", "the chosen delegation's profile"),
        ("B", "your role brief"), ("J", "your memo for this round: notes for your teacher (not a move)"),
        ("F", "the briefing check on your brief (not a move)"),
        ("V", "switch the side panel's tabs"), ("PgUp / PgDn", "scroll the log"),
        ("H / Shift+H", "the hint in full or short / hide the hints"),
    ]),
    ("At the table: acting", [
        ("T", "table the working text as a new draft"), ("A", "amend the draft on the chosen issue"),
        ("E / O", "endorse / oppose the draft"), ("L", "lobby the chosen delegation on the issue"),
        ("M", "make an offer to the chosen delegation"), ("Y / N", "accept / reject an offer made to you"),
        ("D / Shift+D", "declare a red line: at least / at most the level"),
        ("W / R", "walk out / return to the table"), ("P", "pass"), ("C", "call for a communique (chair)"),
        ("K", "put the draft to signature (chair, summit)"), ("S / X", "sign / decline (summit)"),
        ("Space", "skip the pause between AI moves"),
        ("Ctrl+Z", "take back your last move, and the moves since (also in the menu, U)"),
    ]),
    ("Other screens", [
        ("Title", "N new game, R resume, L load, S settings, F facilitator, Q quit"),
        ("Setup", "1 - 9 choose a scenario or a role; D / E / T difficulty / events / take-backs; Tab into (and "
                  "out of) the text field"),
        ("Brief, profile", "Up / Down scroll (the scenario's description too); S the primary source; F the "
                           "briefing check (your own brief)"),
        ("Dialogs", "Enter the highlighted button, Esc cancel; in the load list Up / Down choose"),
        ("Settings", "Up / Down choose a setting, Left / Right change it"),
        ("Offer", "1 - 9 or Up / Down choose what to offer; Tab what they do in exchange"),
        ("Results", "1 / 2, Tab or Left / Right the pages; PgDn / PgUp on through them and back (as a "
                    "presenter's remote sends them); D debrief report; R replay; N new game"),
        ("Results: roles", "Up / Down choose a role (its score explained, as hovering its row says); "
                           "B its role brief; PgUp / PgDn scroll (PgUp at the top: the treaty page)"),
    ]),
]


FACILITATOR_SHORTCUTS = ("Facilitator", [
    ("F2", "pause / resume"), ("F3", "inject news"), ("F4 or Ctrl+Z", "undo the last move or inject"),
    ("F5", "go back to the start of a round"), ("F6", "end the phase now"),
    ("F7", "public view (hide secrets), from any dialog too"), ("F8", "who plays each delegation"),
    ("PgUp / PgDn", "scroll the side panel (all moves or the news, offers, secrets)"),
    ("F4 on the results", "take back the last move (a wrong signature)"), ("Up / Down", "in Inject (F3): choose an event"),
])


REPLAY_SHORTCUTS = ("Replay (watching a saved game)", [
    ("Left / Right", "one move back / on"), ("Shift+Left / Right", "to the start of this round / the next"),
    ("PgUp / PgDn", "as Left / Right (and with Shift): what a presenter's remote sends"),
    ("Home / End", "to the start / the end of the game"), ("Space", "play / pause"),
    ("W (Shift+W)", "whose view: public, or a delegation's own"), ("Esc", "leave the replay"),
    ("M", "the menu (settings, quit)"), ("F1 or ?", "this help"), ("F11", "full screen"),
    ("R on the results", "watch the game just played"),
])

REPLAY_CHOOSING = ("In a replay: looking closer", [
    ("[ ]", "choose a tabled draft"), ("Up / Down", "choose an issue (row)"),
    ("Tab / Shift+Tab", "choose a delegation"), ("I", "the chosen delegation's profile"),
    ("B", "the role brief of the delegation whose view it is"), ("V", "switch the side panel's tabs"),
])


class HelpScene(Overlay):
    """The keyboard shortcuts, in two columns a page; a section too long for what is left of a
    column goes on in the next one (its heading repeated), so no shortcut is ever left out: with
    large text in a small window they run onto more pages (PgDn / Right: next, PgUp / Left: back)."""

    name = "help"

    def __init__(self, app: App):
        super().__init__(app)
        self.page = 0
        self.pages = 1
        self.guide_pages = 0  # the first pages: how to play (then the keyboard shortcuts)
        self.shown: list[tuple[int, str, str]] = []  # tests: (page, key, what) of every row laid out
        # a first-time player (hints on) opens the help on how to play; else on the shortcuts
        self._start_at_keys = not app.settings.hints or self._facilitating() or self._replaying()

    def _facilitating(self) -> bool:
        from game.ui.scene_facilitator import FacilitatorScene

        return self.app.find_scene(FacilitatorScene) is not None

    def _replaying(self) -> bool:
        from game.ui.scene_replay import ReplayScene

        return self.app.find_scene(ReplayScene) is not None

    def sections(self) -> list:
        if self._replaying():  # its own keys (Left / Right, W, Esc mean other things there), no moves
            return [REPLAY_SHORTCUTS, REPLAY_CHOOSING, SHORTCUTS[-1]]
        if self._facilitating():  # (Ctrl+Z is the console's undo there: no person takes a move back;
            # PgUp / PgDn scroll its side panel, the console's log, as its own section says)
            rest = [(title, [r for r in rows if r[0] not in ("Ctrl+Z", "PgUp / PgDn")])
                    for title, rows in SHORTCUTS[1:]]
            return [SHORTCUTS[0], FACILITATOR_SHORTCUTS] + rest
        match = self.app.match
        if match is not None and match.takebacks_off:  # the teacher's choice: Ctrl+Z says so, and so does this
            from game.session.match import OFF_NOTE

            return [(title, [(k, f"take back your last move: {OFF_NOTE}")
                             if k == "Ctrl+Z" else (k, v) for k, v in rows]) for title, rows in SHORTCUTS]
        return SHORTCUTS

    def guide_sections(self) -> list:
        """How to play, in the same (term, explanation) rows as the shortcuts; the action points
        and costs are the scenario's (the defaults before a game)."""
        match = self.app.match
        if match is not None:
            st = match.scenario.settings
        else:
            from game.scenarios.schema import Settings as ScenarioSettings

            st = ScenarioSettings()
        cost = dict(st.costs)

        def ap(kind: str, default: int = 1) -> str:
            n = cost.get(kind, default)
            return f"{n} AP"
        return [
            ("The game", [
                ("Your role", "Your brief (B): what your delegation wants on each issue, and objectives that "
                              "score points."),
                ("The treaty", "At the last meeting (the star on the calendar) the chair puts one draft to "
                               "signature; it needs enough signatures to enter into force."),
                ("Outside option", "What staying out is worth to you: sign only a text worth more. The "
                                   "forecast compares the two numbers (staying out while others sign also "
                                   "gives you a share of their treaty); Sign asks first when it says stay out."),
                ("Your score", "0-100: mostly what the outcome is worth to you, the rest your objectives. "
                               "Compare it with the AI in your seat."),
                ("A meeting", f"{st.action_points} action points (AP, the dots) each. Delegations move in "
                              "turn, one move at a time, until all have passed or spent them."),
            ]),
            ("The clause grid", [
                ("Rows", "the issues; levels run from looser (left) to tighter (right)"),
                ("Tabs D1, D2 ...", "the drafts on the table (*: open for signature); click to choose"),
                ("Dark cells", "the chosen draft; For / Against: who endorsed or opposed it"),
                ("Gold frames", "your working text: click cells to change it ('new': not in the draft)"),
                ("Small triangle", "your ideal level on that issue"),
                ("Small squares", "other drafts with this level (hover the cell)"),
                ("Name cards", ("click for a profile, right-click (a finger: hold it there) to choose; the marker "
                                "is its stance")),
                ("Forecast", "what would happen if the talks ended now, and whether you would sign; "
                             "'Your move': what your last move changed in it"),
            ]),
            ("Moves", [
                ("Table", f"{ap('table', 2)}: your working text becomes a new draft"),
                ("Amend", f"{ap('amend')}: a new draft, the chosen one with one issue changed"),
                ("Endorse / Oppose", f"{ap('endorse')}, public: support or reject the chosen draft"),
                ("Lobby", f"{ap('lobby')}, private: pull a delegation toward you on one issue; it may backfire. "
                          "Its ideal really moves (what it signs, how its score counts): so does yours when "
                          "you are lobbied"),
                ("Offer", f"{ap('offer')}, private: a side payment for a signature or an endorsement"),
                ("Red line", f"{ap('red_line')}, public: the least (or most) you will sign on an issue"),
                ("Walk out / Return", f"leave (no moves, no signature) / come back ({ap('return')}, reputation)"),
                ("Communique", "chair: adopted if everyone at the table endorses the draft"),
                ("Pass", "done for this meeting"),
            ]),
        ]

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_RIGHT, pygame.K_SPACE):
            if not self.app.repeating:  # held (a presenter's remote): one page, not round and round
                self.turn()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_LEFT):
            if not self.app.repeating:
                self.turn(-1)
            return True
        return super().handle_event(event)

    def turn(self, step: int = 1) -> None:
        self.page = (self.page + step) % max(1, self.pages)

    def layout(self, rect: pygame.Rect, sections: list | None = None) -> list[tuple[int, int, int, str, list]]:
        """(column, first row's y, heading's y, heading, rows) blocks; every row of every section is
        placed (rows = [(key, wrapped description lines)]). A section goes whole into the first
        column of the page with room for it; else it starts in the first column with room for its
        heading and a row and goes on in the next columns (its heading repeated), onto a new page
        when the columns are full."""
        f, m = self.f, self.f.px(16)
        col_w = (rect.width - 3 * m) // 2
        y0 = rect.y + 2 * m + f.line_height("h2", True) + f.line_height("small")
        bottom = rect.bottom - f.px(60)
        desc_font = f.get("small")
        sections = self.sections() if sections is None else sections
        key_w = self.key_width(col_w, sections)
        lh, head = f.line_height("small"), f.line_height("label", True)
        blocks: list = []
        ys: dict[int, int] = {}  # column -> where its next section starts
        page = 0
        for title, rows in sections:
            lines = [(key, D.wrap(desc_font, what, col_w - key_w) or [""]) for key, what in rows]
            need = head + sum(len(ls) for _, ls in lines) * lh
            cols = (2 * page, 2 * page + 1)
            fit = [c for c in cols if ys.get(c, y0) + need <= bottom]
            if fit:
                column = fit[0]
            else:  # the first column with room for the heading and a row (it goes on in the next), else
                first = head + (len(lines[0][1]) * lh if lines else 0)  # a new page
                room = [c for c in cols if ys.get(c, y0) + first <= bottom]
                if room:
                    column = room[0]
                else:
                    page += 1
                    column = 2 * page
            y = ys.get(column, y0)
            heading, block, hy = title, [], y
            y += head
            for key, ls in lines:
                if y + len(ls) * lh > bottom and block:  # on in the next column (a new page after two)
                    blocks.append((column, hy + head, hy, heading, block))
                    ys[column] = bottom
                    column += 1
                    # a next column without room for the heading and this row (a section above it): the
                    # one after it (the heading and row went on below the page's bottom, over its buttons)
                    while ys.get(column, y0) > y0 and ys.get(column, y0) + head + len(ls) * lh > bottom:
                        column += 1
                    page = column // 2
                    heading, block, hy = f"{title} (continued)", [], ys.get(column, y0)
                    y = hy + head
                block.append((key, ls))
                y += len(ls) * lh
            blocks.append((column, hy + head, hy, heading, block))
            ys[column] = y + m // 2
            page = max(page, column // 2)
        return blocks

    def key_width(self, col_w: int, sections: list | None = None) -> int:
        f = self.f
        key_font = f.get("small", True)
        sections = self.sections() if sections is None else sections
        return min(int(col_w * 0.38), max(key_font.size(k)[0] for _, rows in sections for k, _ in rows)
                   + f.px(12))

    def draw(self, surf) -> None:
        rect = self.box(surf, 0.84, 0.9)
        c, f = self.c, self.f
        m = f.px(16)
        col_w = (rect.width - 3 * m) // 2
        key_font, desc_font = f.get("small", True), f.get("small")
        lh = f.line_height("small")
        # how to play first, then the shortcuts from a new page: (blocks, key column width) of each
        guide, keys = self.guide_sections(), self.sections()
        g_blocks = self.layout(rect, guide)
        self.guide_pages = max(b[0] for b in g_blocks) // 2 + 1 if g_blocks else 0
        shift = 2 * self.guide_pages
        k_blocks = [(col + shift, y, hy, head, rows) for col, y, hy, head, rows in self.layout(rect, keys)]
        g_w, k_w = self.key_width(col_w, guide), self.key_width(col_w, keys)
        blocks = [(b, g_w, False) for b in g_blocks] + [(b, k_w, True) for b in k_blocks]
        self.pages = max(b[0][0] for b in blocks) // 2 + 1 if blocks else 1
        if self._start_at_keys:
            self._start_at_keys = False
            self.page = self.guide_pages
        self.page = min(self.page, self.pages - 1)
        in_guide = self.page < self.guide_pages
        D.text(surf, f.get("h2", True), "How to play" if in_guide else "Keyboard shortcuts",
               (rect.x + m, rect.y + m), c["brass_text"])
        sub = ("The rules in brief; hover any button, cell or name card for more. Next page: the keyboard "
               "shortcuts." if in_guide else
               "Every action also has a button; hover a button or cell for a tooltip.")
        D.text(surf, f.get("small"), sub, (rect.x + m, rect.y + m + f.line_height("h2", True)), c["text_muted"],
               max_width=rect.width - 2 * m)
        self.shown = []
        for (column, y, hy, heading, rows), key_w, is_key in blocks:
            page = column // 2
            if is_key:
                self.shown += [(page, key, " ".join(ls)) for key, ls in rows]
            if page != self.page:
                continue
            x = rect.x + m if column % 2 == 0 else rect.x + 2 * m + col_w
            D.text(surf, f.get("label", True), heading, (x, hy), c["brass_text"], max_width=col_w)
            for key, ls in rows:
                D.text(surf, key_font, key, (x, y), c["text"], max_width=key_w - 6)
                for n, line in enumerate(ls):
                    D.text(surf, desc_font, line, (x + key_w, y + n * lh), c["text_muted"], max_width=col_w - key_w)
                y += lh * len(ls)
        bw = f.px(140)
        self.ui.button(surf, (rect.right - bw - m, rect.bottom - f.px(48), bw, f.px(36)), "Close",
                       self.app.pop, name="help:close", shortcut="Esc")
        if self.pages > 1:
            label = f"Page {self.page + 1} of {self.pages}"
            pw = max(bw, f.get("label", True).size(label)[0] + f.get("tiny", True).size("PgDn")[0] + f.px(40))
            self.ui.button(surf, (rect.right - bw - pw - 2 * m, rect.bottom - f.px(48), pw, f.px(36)),
                           label, self.turn, name="help:page", shortcut="PgDn",
                           tooltip="Next page (PgDn or Right; PgUp or Left goes back)")


def leave_to_title(app: App) -> None:
    """Leave the match for the title screen, autosaving it first. When the autosave fails (a full
    disk, a folder that cannot be written) the match is not dropped: a question says so, and
    only "Leave without saving" leaves; Cancel stays in the game."""
    match = app.match
    if match is not None and not match.over and not app.match_read_only:
        err = app.autosave()
        if err is not None:
            app.push(ConfirmScene(
                app, "The game could not be autosaved",
                f"{err}. If you leave now, the moves since the last autosave are lost. Cancel to stay in the "
                "game: free some space or fix the folder's permissions, then try again.",
                "Leave without saving", lambda: _to_title(app, saved=False), name="unsaved"))
            return
        _to_title(app, saved=True)
        return
    _to_title(app, saved=False)


def _to_title(app: App, saved: bool) -> None:
    app.match = None
    app.match_read_only = False
    app.reset(TitleScene(app))  # a new screen drops the toasts: say it there
    if saved:
        app.toast("The game was autosaved; resume it from the title screen.")


def quiz_item_label(match, seat: str) -> str:
    """The menu's and the brief's words for the briefing check: with the result once it is done
    ("Briefing check: 6/8"), how far it got while it is not."""
    from game.report.quiz import quiz_result

    res = quiz_result(match, seat)
    if res.answered == res.questions:
        return f"Briefing check: {res.right}/{res.questions}"
    if res.answered:
        return f"Briefing check ({res.answered} of {res.questions} answered)"
    return "Briefing check"


class MenuScene(Overlay):
    name = "menu"

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        match = self.app.match
        items = [("Resume", self.app.pop, "menu:resume", "Esc")]
        if match is not None and not match.over and not self.app.match_read_only:
            items.append(("Save game", lambda: self.app.push(SaveLoadScene(self.app, "save")), "menu:save", "S"))
        items.append(("Load game", lambda: self.app.push(SaveLoadScene(self.app, "load")), "menu:load", "L"))
        human = self.app.active_human
        from game.ui.scene_table import TableScene

        table = self.app.find_scene(TableScene)
        if table is not None and table.vm is not None:  # only the brief of the private view on screen
            human = table.vm.viewer  # (none in hotseat between delegations, nor in the public view)
        if any(isinstance(s, PrivacyScene) for s in self.app.scenes):  # hotseat, between two teams: the
            human = None  # table under it may still be the last team's view, the next has not asked yet
        if match is not None and human and match.seats.get(human) == "human":
            items.append(("Role brief", lambda: self.app.push(BriefScene(self.app, human, overlay=True)),
                          "menu:brief", "B"))
            if table is not None and table.memo_seat() == human:
                items.append(("Memo for this round", self.memo, "menu:memo", "J"))
            if table is not None and table.quiz_seat() == human:
                items.append((quiz_item_label(match, human), self.quiz, "menu:quiz", "F"))
        dimmed: dict[str, str] = {}  # item name -> why it does nothing (its tooltip; a click says it too)
        if table is not None and not any(isinstance(s, PrivacyScene) for s in self.app.scenes):
            off = table.takebacks_off()
            if off:  # the teacher's choice: shown, dimmed, with the reason (not an item gone missing)
                items.append(("Take-backs are off", self.take_back, "menu:takeback", "U"))
                dimmed["menu:takeback"] = f"{off[:1].upper()}{off[1:]}: every move stands."
            elif table.can_take_back() is not None:
                items.append(("Take back my last move", self.take_back, "menu:takeback", "U"))
        items += [("Settings", lambda: self.app.push(SettingsScene(self.app)), "menu:settings", "G"),
                  ("Keyboard shortcuts", lambda: self.app.push(HelpScene(self.app)), "menu:help", "F1"),
                  ("Quit to title", self.to_title, "menu:title", "T"),
                  ("Quit the game", self.app.request_quit, "menu:quit", "Q")]
        self.items = items
        W, H = surf.get_size()
        m = f.px(16)
        bh, gap = f.px(40), f.px(10)
        h = (bh + gap) * len(items) + f.px(90)
        head = m + f.line_height("h2", True) + m // 2
        room = min(H - 40, int(H * 0.95)) - head - m  # the buttons' room in the tallest box
        if (bh + gap) * len(items) - gap > room:  # many items in a small window (large text): closer
            gap = f.px(5)
            bh = max(f.line_height("label", True) + f.px(4), (room + gap) // len(items) - gap)
            h = head + (bh + gap) * len(items) - gap + m
        rect = self.box(surf, 0.3, min(0.95, h / H), min_w=f.px(340))
        title = D.text(surf, f.get("h2", True), "Menu", (rect.x + m, rect.y + m), c["brass_text"])
        if match is not None and match.level_matters:  # the level during play too (the setup chose it)
            level = f"AI difficulty: {match.difficulty}"
            small = f.get("small")
            D.text(surf, small, level, (rect.right - m, title.bottom - small.get_height()), c["text_muted"], "topright",
                   max_width=rect.width - 3 * m - title.width)
        y = rect.y + m + f.line_height("h2", True) + m // 2
        for label, cb, name, key in items:
            self.ui.button(surf, (rect.x + m, y, rect.width - 2 * m, bh), label, cb, name=name, shortcut=key,
                           style="soft" if name in dimmed else "normal", tooltip=dimmed.get(name, ""))
            y += bh + gap

    def to_title(self) -> None:
        leave_to_title(self.app)

    def _at_table(self, act) -> None:
        """Close the menu and do ``act(table)`` at the table under it (if there is one)."""
        from game.ui.scene_table import TableScene

        self.app.pop(self)
        table = self.app.find_scene(TableScene)
        if table is not None:
            act(table)

    def memo(self) -> None:
        self._at_table(lambda table: table.open_memo())

    def quiz(self) -> None:
        self._at_table(lambda table: table.open_quiz())

    def take_back(self) -> None:
        self._at_table(lambda table: table.take_back())

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and not self.app.typing():
            by_key = {"S": pygame.K_s, "L": pygame.K_l, "B": pygame.K_b, "G": pygame.K_g, "T": pygame.K_t,
                      "Q": pygame.K_q, "U": pygame.K_u, "J": pygame.K_j, "F": pygame.K_f}
            for label, cb, name, key in getattr(self, "items", []):
                if by_key.get(key) == event.key:
                    cb()
                    return True
        return super().handle_event(event)


class ConfirmQuitScene(Overlay):
    name = "confirm_quit"
    QUESTION = ("The talks are not over. A saved game can be loaded from the title screen; the last round is "
                "also kept as an autosave.")

    BUTTONS = (("Save and quit", "S"), ("Quit without saving", "Q"), ("Cancel", "Esc"))

    def __init__(self, app: App):
        super().__init__(app)
        self.error = ""
        why = app.saver.last_error  # the last autosave failed: there is none of the last round to fall back on
        if why is not None:
            self.QUESTION = (f"The talks are not over, and the last autosave failed ({why}): quit without "
                             "saving and the moves since the last autosave that was written are lost.")

    def save_and_quit(self) -> None:
        from game.session import facilitator as F
        from game.session.store import user_data_dir, write_save_new

        match = self.app.match
        stamp = f"quit-{dt.datetime.now():%Y%m%d-%H%M%S}"
        folder = user_data_dir() / "saves"
        # another window on this data folder may have quit in the same second: the next free name
        names = (folder / (f"{stamp}.json" if n == 1 else f"{stamp}-{n}.json") for n in range(1, 100))
        try:
            write_save_new(names, F.payload(match))
        except (OSError, ValueError, TypeError) as exc:
            from game.session.store import os_error_text

            self.error = f"The game could not be saved: {os_error_text(exc)}"
            return
        self.app.autosave()
        self.app.running = False

    def quit(self) -> None:
        self.app.running = False

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_s, pygame.K_RETURN):
                self.save_and_quit()
                return True
            if event.key == pygame.K_q:
                self.quit()
                return True
        return super().handle_event(event)

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        m = f.px(16)
        # room for the 3 labels and their keys ("Quit without saving" lost its Q)
        need = max(f.get("label", True).size(label)[0] + f.get("tiny", True).size(key)[0] + 30
                   for label, key in self.BUTTONS)
        w = min(surf.get_width() - 40, max(f.px(660), int(surf.get_width() * 0.45), 3 * need + 4 * m))
        text_h = len(D.wrap(f.get("body"), self.QUESTION, w - 2 * m)) * f.line_height("body")
        h = (2 * m + f.line_height("h2", True) + 6 + text_h + m + (f.px(50) if self.error else 0) + f.px(40) + m)
        rect = self.box(surf, w / surf.get_width(), min(0.9, h / surf.get_height()), min_w=w)
        D.text(surf, f.get("h2", True), "Save the game before quitting?", (rect.x + m, rect.y + m), c["brass_text"],
               max_width=rect.width - 2 * m)
        y = rect.y + m + f.line_height("h2", True) + 6
        y += D.paragraph(surf, f.get("body"), self.QUESTION, pygame.Rect(rect.x + m, y, rect.width - 2 * m, text_h),
                         c["text"]) + m // 2
        if self.error:
            D.paragraph(surf, f.get("body", True), self.error, pygame.Rect(rect.x + m, y, rect.width - 2 * m, f.px(50)),
                        c["refused"], max_lines=2)
        bh = f.px(40)
        bw = (rect.width - 4 * m) // 3
        y = rect.bottom - bh - m
        self.ui.button(surf, (rect.x + m, y, bw, bh), "Save and quit", self.save_and_quit, name="quit:save",
                       shortcut="S", style="primary")
        self.ui.button(surf, (rect.x + 2 * m + bw, y, bw, bh), "Quit without saving", self.quit,
                       name="quit:nosave", shortcut="Q")
        self.ui.button(surf, (rect.x + 3 * m + 2 * bw, y, bw, bh), "Cancel", self.app.pop, name="quit:cancel",
                       shortcut="Esc")


class SettingsScene(Overlay):
    name = "settings"

    def set_size(self, value: str) -> None:
        w, h = (int(x) for x in value.split("x"))
        s = self.app.settings
        s.width, s.height, s.fullscreen = w, h, False
        self.app.resize(self.app.fit_screen((w, h)))  # (as at the start: the setting kept, the window on the screen)
        self._save()

    def set_full(self, value: str) -> None:
        self.app.settings.fullscreen = value == "on"
        self.app.set_fullscreen(value == "on")
        self._save()

    def set_font(self, value: str) -> None:
        self.app.settings.font_scale = value
        self.app.rescale(rebuild_gui=True)
        self._save()

    def set_speed(self, value: str) -> None:
        self.app.settings.ai_speed = value
        self._save()

    def set_hints(self, value: str) -> None:
        s = self.app.settings
        if value == "on" and not s.hints:
            s.learned = []  # on again: every hint once more, from the first
        s.hints = value == "on"
        self._save()

    def _save(self) -> None:
        err = self.app.settings.save()
        if err:
            self.app.toast(err, error=True)

    focus = 0  # the setting the arrow keys change (Up / Down choose it, Left / Right change it)

    def rows(self) -> list[tuple]:
        """(label, [(value, text)], current value, on_pick, name) of every setting."""
        cur = f"{self.app.screen.get_width()}x{self.app.screen.get_height()}"
        s = self.app.settings
        return [
            ("Window size", [(f"{a}x{b}", f"{a} x {b}") for a, b in sizes_that_fit(self.app.desktop())], cur,
             self.set_size, "size"),
            ("Full screen (F11)", [("off", "Window"), ("on", "Full screen")], "on" if self.app.fullscreen else "off",
             self.set_full, "fullscreen"),
            ("Text size", [("normal", "Normal"), ("large", "Large (projector)")], s.font_scale, self.set_font, "font"),
            ("Pause between AI moves", [(k, k.capitalize()) for k in AI_SPEEDS], s.ai_speed, self.set_speed, "speed"),
            ("First-game hints at the table", [("on", "On"), ("off", "Off")], "on" if s.hints else "off",
             self.set_hints, "hints"),
        ]

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and not self.app.typing():
            rows = self.rows()
            if event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_TAB):
                back = event.key == pygame.K_UP or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
                self.focus = (self.focus + (-1 if back else 1)) % len(rows)
                return True
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                _, opts, value, pick, _ = rows[self.focus % len(rows)]
                values = [v for v, _ in opts]
                n = values.index(value) if value in values else (-1 if event.key == pygame.K_RIGHT else 0)
                n = max(0, min(len(values) - 1, n + (1 if event.key == pygame.K_RIGHT else -1)))
                if values[n] != value:
                    pick(values[n])
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.app.pop()
                return True
        return super().handle_event(event)

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        m = f.px(16)
        bh = f.px(38)
        rows = self.rows()
        # as tall as the settings need (at least 80% of the window); closer rows when that is too tall
        H = surf.get_height()
        need = (2 * m + f.line_height("h2", True) + len(rows) * (f.line_height("label", True) + 4 + bh + m)
                + 2 * f.line_height("small") + f.px(52))
        gap = m if need <= H - 40 else max(4, m - (need - (H - 40)) // max(1, len(rows)))
        rect = self.box(surf, 0.6, max(0.8, min(H - 40, need) / H), min_w=f.px(560))
        D.text(surf, f.get("h2", True), "Settings", (rect.x + m, rect.y + m), c["brass_text"])
        y = rect.y + m + f.line_height("h2", True) + gap
        w = rect.width - 2 * m
        self.focus %= len(rows)
        for n, (label, opts, value, cb, name) in enumerate(rows):
            focused = n == self.focus
            if focused:  # the setting the arrow keys change: a marker and its label in brass
                D.triangle_down(surf, (rect.x + m // 2, y + f.line_height("label", True) // 2), max(3, f.px(4)),
                                c["brass"])
            D.text(surf, f.get("label", True), label, (rect.x + m, y), c["brass_text"] if focused else c["text"])
            y += f.line_height("label", True) + 4
            self.ui.segmented(surf, (rect.x + m, y, w, bh), opts, value, cb, name=f"settings:{name}")
            y += bh + gap
        bw = f.px(140)
        by = rect.bottom - f.px(52)
        D.paragraph(surf, f.get("small"), "Up / Down: choose a setting; Left / Right: change it. Drag the "
                    "window's edges to any size; the layout follows.",
                    pygame.Rect(rect.x + m, y, rect.width - 3 * m - bw, max(f.line_height("small"), by + f.px(38) - y)),
                    c["text_muted"], max_lines=3)
        self.ui.button(surf, (rect.right - bw - m, by, bw, f.px(38)), "Done", self.app.pop,
                       name="settings:done", shortcut="Esc", style="primary")


@dataclass
class SaveEntry:
    """One line of the save/load list, read once when the dialog opens."""

    path: Path
    kind: str  # "save", "autosave" or "abandoned branch"
    mtime: float
    title: str  # the readable first line
    detail: str  # the small second line: date and file name
    problem: str = ""  # why the file cannot be read ("" when it reads cleanly)
    scenario: str | None = None  # scenario id (when known)
    game: str | None = None  # game_key (when known)
    finished: bool = False


def _rules_changed(info: dict, scenario) -> str:
    """'played on v1.0.0; the scenario is now v1.1.4' for a save whose scenario's rules have changed
    since (loading it asks whether to play its moves again); empty when it is the same, or changed in
    its words only."""
    from game.session.saves import scenario_change

    saved = info.get("version")
    if not isinstance(saved, str) or scenario_change(info, scenario) != "rules":
        return ""
    saved = "".join(c if c.isprintable() else "?" for c in saved[:30])
    if saved == scenario.version:
        return f"played on v{saved} before its scenario was changed"
    return f"played on v{saved}; the scenario is now v{scenario.version}"


def _short_title(title: str) -> str:
    """A scenario title's first part ("Prolong or Adapt?" of "Prolong or Adapt? The CIS ...")."""
    for mark in ("?", ":", " - ", " \u2014 "):
        cut = title.find(mark)
        if 0 < cut < len(title) - len(mark):
            return title[:cut + (1 if mark == "?" else 0)].strip()
    return title


def _unlistable(folder: Path) -> str | None:
    """Why ``folder`` exists but cannot be listed (e.g. "Permission denied (/x/saves)"), or None."""
    import os

    from game.session.store import os_error_text

    try:
        os.listdir(folder)
    except FileNotFoundError:  # none yet
        return None
    except OSError as exc:
        return os_error_text(exc)
    return None


def _problem_text(exc: Exception, path: Path) -> str:
    text = str(exc)
    for prefix in (f"{path}: ", f"{path.name}: "):
        text = text.removeprefix(prefix)
    return text.replace(f" {path.name} ", " ")  # the row shows the file name already


class SaveLoadScene(Overlay):
    """Save the match under a name, or load a save or an autosave.

    Every file's payload is read once, when the dialog opens (:meth:`refresh`): each row says
    which scenario, which round (or that the game finished) and which roles the player had,
    and a file that cannot be read says so.  Rows are in time order, newest first.
    """

    def __init__(self, app: App, mode: str):
        super().__init__(app)
        self.mode = mode
        self.name = mode
        self.message = ""
        self.error = ""
        self.hint = ""  # after a failed load: the latest good autosave of the same game
        self.selected: Path | None = None
        self.list_state: dict = {}
        self._scroll_to: Path | None = None
        self.refresh()
        self._focus_name = mode == "save"  # the name field has the keyboard (its text selected) at once
        if mode == "save":
            self._entry_text["savename"] = f"game-{dt.datetime.now():%Y%m%d-%H%M}"

    # ---------------------------------------------------------------- reading the files
    def refresh(self) -> None:
        from game.session import facilitator as F
        from game.session.store import AutosaveSlots, user_data_dir

        folder = user_data_dir() / "saves"
        files = sorted(folder.glob("*.json"), key=self._mtime, reverse=True) if folder.is_dir() else []
        slots = AutosaveSlots(user_data_dir() / "autosaves")
        # a folder there but not to be looked into (no permission) is said, not listed as empty
        unlisted = [why for why in map(_unlistable, (folder, slots.folder)) if why]
        if unlisted:
            self.error = (f"Games cannot be listed: {'; '.join(unlisted)}. Fix the folder's permissions, or set "
                          "TREATY_TABLE_HOME to a folder you can read and write.")
        games_by_path = {p: g for g, paths in slots.games().items() for p in paths}
        autos = slots.entries()  # newest first (by number: the order ties keep)
        branches = F.branches(user_data_dir() / "autosaves")  # games left behind by "go back to a round"
        scenarios: dict = {}  # scenario ref -> (short title, rounds, actor names), loaded once
        entries = ([self._read(p, "save", None, scenarios) for p in files]
                   + [self._read(p, "autosave", games_by_path.get(p), scenarios) for p in autos]
                   + [self._read(p, "abandoned branch", None, scenarios) for p in branches])
        # a broken file of a game whose other saves read: that game's scenario
        known = {e.game: e.scenario for e in entries if e.game and e.scenario}
        for e in entries:
            if e.scenario is None and e.game in known:
                e.scenario = known[e.game]
        entries.sort(key=lambda e: e.mtime, reverse=True)  # stable: equal times keep the listing order
        self.rows = entries

    @staticmethod
    def _mtime(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    @staticmethod
    def _scenario_info(payload: dict, cache: dict) -> tuple[str, int, dict, object] | None:
        """(short title, number of rounds, actor names, the scenario) of the save's scenario, loaded once
        per scenario."""
        info = payload.get("scenario") if isinstance(payload.get("scenario"), dict) else {}
        ref = str(info.get("ref") or info.get("id") or "")
        if not ref:
            return None
        if ref not in cache:
            try:
                from game.scenarios.loader import load_scenario

                sc = load_scenario(ref)
                cache[ref] = (_short_title(sc.title), len(sc.rounds), {a.id: a.name for a in sc.actors}, sc)
            except Exception:  # noqa: BLE001 - a scenario that no longer loads: show its id only
                cache[ref] = None
        return cache[ref]

    def _read(self, path: Path, kind: str, game: str | None, cache: dict) -> SaveEntry:
        from game.session.saves import read_game_payload
        from game.session.store import SaveFileError, game_key

        mtime = self._mtime(path)
        when = dt.datetime.fromtimestamp(mtime).strftime("%d %b %Y %H:%M") if mtime else "date unknown"
        label = {"save": f"Save \u201c{path.stem}\u201d", "autosave": "Autosave",
                 "abandoned branch": "Abandoned branch"}.get(kind, kind.capitalize())
        detail = f"{when}  \u00b7  {path.name}"
        try:
            payload = read_game_payload(path)
        except Exception as exc:  # noqa: BLE001 - a listing never fails on one odd file
            reason = _problem_text(exc, path) if isinstance(exc, SaveFileError) else f"{type(exc).__name__}: {exc}"
            return SaveEntry(path, kind, mtime, f"{label} \u2014 cannot be read: {reason}", detail, problem=reason,
                             game=game)
        info = payload.get("scenario") if isinstance(payload.get("scenario"), dict) else {}
        sid = str(info.get("id", "?"))
        scen = self._scenario_info(payload, cache)
        prog = payload.get("progress") if isinstance(payload.get("progress"), dict) else {}
        finished = prog.get("phase") == "ended"
        rnd = prog.get("round")
        if finished:
            where = "finished"
        elif isinstance(rnd, int):
            where = f"round {rnd + 1}" + (f" of {scen[1]}" if scen else "")
        else:
            where = "round ?"
        seats = payload.get("seats") if isinstance(payload.get("seats"), dict) else {}
        names = scen[2] if scen else {}
        humans = [names.get(a, str(a).capitalize()) for a, k in seats.items() if k == "human"]
        who = "you: " + ", ".join(humans) if humans else "AI only"
        if "facilitator" in payload:
            who += " (facilitator)"
        what = f"{scen[0]} ({sid})" if scen else sid
        level = payload.get("difficulty", "normal")
        parts = [when]
        if humans and len(humans) < len(seats) and level in DIFFICULTIES:  # (the level changes
            # nothing in an AI-only game, nor where people play every role)
            parts.append(f"AI difficulty {level}")
        if humans and payload.get("takebacks_off") is True:  # the teacher's choice, kept by the save
            parts.append("take-backs off")
        changed = _rules_changed(info, scen[3]) if scen else ""
        if changed:  # said before Load asks (a change to the words only loads as it is: nothing to say)
            parts.append(changed)
        detail = "  \u00b7  ".join(parts + [path.name])
        return SaveEntry(path, kind, mtime, f"{label} \u2014 {what}, {where}, {who}", detail,
                         scenario=sid, game=game or game_key(payload), finished=finished)

    def entry_for(self, path: Path | None) -> SaveEntry | None:
        return next((e for e in self.rows if e.path == path), None)

    # ---------------------------------------------------------------- actions
    MAX_NAME = 60  # letters in a save's name (a file name holds 255 bytes: 60 letters of 4 bytes and .json)

    def do_save(self) -> None:
        from game.session.store import os_error_text, user_data_dir

        name = "".join(ch for ch in self.entry_text("savename").strip() if ch.isalnum() or ch in "-_ .").strip()
        if not name:
            self.error = "Give the save a name (letters, digits, - and _)."
            return
        if len(name) > self.MAX_NAME:
            self.error = f"That name is too long ({len(name)} letters): give one of at most {self.MAX_NAME}."
            return
        path = user_data_dir() / "saves" / (name if name.endswith(".json") else name + ".json")
        try:
            exists = path.exists()
        except OSError as exc:  # (the folder cannot be looked into)
            self.error = f"The game could not be saved: {os_error_text(exc)}"
            return
        if exists:  # never overwrite a save without asking
            self.app.push(ConfirmScene(self.app, f"A save named \u201c{path.stem}\u201d exists",
                                       "Replace it with the game as it is now? The game in that save is lost.",
                                       "Replace", lambda: self.write_save(path), name="replace"))
            return
        self.write_save(path)

    def write_save(self, path: Path) -> None:
        """Save to ``path``; when it worked, back to the game (the dialog and the menu close, so the
        message that it was saved shows at once; a toast waits while a dialog is up)."""
        from game.session import facilitator as F

        try:
            F.save(self.app.match, path)
        except (OSError, ValueError, TypeError) as exc:
            from game.session.store import os_error_text

            self.error = f"The game could not be saved: {os_error_text(exc)}"
            return
        self.error = ""
        self.app.pop(self)
        if isinstance(self.app.top, MenuScene):
            self.app.pop()
        self.app.toast(f"Saved: {path}")

    def select(self, path: Path) -> None:
        self.selected = path
        self.error = self.hint = ""

    def open_row(self, path: Path) -> None:
        """A double click on a save (load mode): chosen and loaded, as Load would (the first click alone
        only chose it; a file manager's or a game's load list opens what is double-clicked)."""
        self.select(path)
        self.do_load(path)

    def do_load(self, path: Path | None = None, current_scenario: bool = False) -> None:
        from game.session import facilitator as F
        from game.session.saves import ScenarioChanged
        from game.session.store import SaveFileError

        path = path or self.selected
        if path is None:
            self.error = "Choose a save first."
            return
        try:
            match = F.load(path, current_scenario)
        except SaveFileError as exc:
            if isinstance(exc, ScenarioChanged) and not exc.tried:
                self.offer_current_scenario(path, exc)
                return
            self.error = f"This save ({path.name}) cannot be opened: {_problem_text(exc, path)}"
            if isinstance(exc, ScenarioChanged) and exc.reason:  # the way on first: the reason may be cut
                same = exc.found == exc.saved
                back = ("it opens with the release of Treaty Table it was played with" if exc.builtin else
                        f"restore {'the scenario as it was' if same else f'version {exc.saved}'} to open it")
                self.error = (f"This save ({path.name}) cannot be played on "
                              f"{'its scenario as it is now' if same else f'version {exc.found} of its scenario'} "
                              f"({back}): {exc.reason}")
            self.hint = self.good_autosave_hint(path, exc)
            return
        if match.over:
            from game.ui.scene_results import ResultsScene

            self.app.match = match
            self.app.reset(ResultsScene(self.app))
        else:
            self.app.start_match(match, show_briefs=False)
        from game.session.match import resume_note

        again = resume_note(match, current_scenario)
        self.app.toast(f"Loaded {path.name}{'; ' + again if again else ''}", public=True)  # after the new screen (which drops older toasts)

    def offer_current_scenario(self, path: Path, error) -> None:
        """Ask whether to play the save's moves again on its scenario as it is now (a newer version)."""
        now = f"version {error.found}" if error.found != error.saved else "the same version number, other content"
        self.error = (f"This save ({path.name}) was played on version {error.saved} of its scenario; the "
                      f"scenario is now {now}.")
        self.hint = ""
        text = (f"This game was played on version {error.saved} of its scenario, whose rules or numbers have "
                f"changed since ({now}). Its moves can be played again on the scenario as it is now: if every one is "
                "still allowed, the game opens where it stopped, but its events and scores follow the "
                "current version, so they may differ from what you saw. The save file itself is not "
                "changed until you save again.")
        self.app.push(ConfirmScene(self.app, "The scenario has changed", text, "Play on the current version",
                                   lambda: self.do_load(path, current_scenario=True), name="changed"))

    def good_autosave_hint(self, failed: Path, error: Exception) -> str:
        """A line on the newest autosave of the same game (else scenario) that loads, which is
        selected in the list; empty when the scenario itself changed (no autosave helps)."""
        from game.session.saves import ScenarioChanged, good_autosave_for

        if isinstance(error, ScenarioChanged):
            return ""
        try:  # the same search as the command line's hint (same game, else the same scenario)
            good, game = good_autosave_for(failed, error)
        except OSError:
            good, game = None, None
        if good is None:
            failed_row = self.entry_for(failed)
            if game is None and (failed_row is None or (failed_row.scenario is None and failed_row.game is None)):
                # nothing in the file says which game it was: no autosave was looked for
                if any(not e.problem and e.path != failed for e in self.rows):
                    return ("No autosave is suggested: the file does not say which game it was. Choose another "
                            "save or an autosave in the list (newest first).")
                return "No autosave is suggested: the file does not say which game it was."
            return "No autosave of this game can be opened either."
        found = self.entry_for(good)
        same = "this game" if game is not None and found is not None and found.game == game else "this scenario"
        about = found.title.split(" \u2014 ", 1)[-1] if found else good.name
        self.selected = good
        self._scroll_to = good
        return f"The latest good autosave of {same} is now selected in the list ({about}); press Load to open it."

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.do_save() if self.mode == "save" else self.do_load()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN) and self.rows:
            paths = [e.path for e in self.rows]
            n = paths.index(self.selected) if self.selected in paths else -1
            n = max(0, min(len(paths) - 1, n + (1 if event.key == pygame.K_DOWN else -1)))
            self.select(paths[n])
            self._scroll_to = paths[n]
            return True
        return super().handle_event(event)

    # ---------------------------------------------------------------- drawing
    def row_height(self) -> tuple[int, int, int]:
        """(row pitch, padding inside a row, gap between rows)."""
        f = self.f
        pad, gap = f.px(7), f.px(6)
        return f.line_height("body", True) + f.line_height("small") + 2 * pad + gap, pad, gap

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        rect = self.box(surf, 0.7, 0.84, min_w=f.px(600))
        m = f.px(16)
        title = "Save the game" if self.mode == "save" else "Load a game"
        D.text(surf, f.get("h2", True), title, (rect.x + m, rect.y + m), c["brass_text"])
        y = rect.y + m + f.line_height("h2", True) + m // 2
        w = rect.width - 2 * m
        bh = f.px(38)
        if self.mode == "save":
            D.text(surf, f.get("label", True), "Name", (rect.x + m, y), c["text"])
            y += f.line_height("label", True) + 4
            self.entry("savename", pygame.Rect(rect.x + m, y, w - f.px(150), bh))
            if self._focus_name:
                self._focus_name = False
                self.focus_entry("savename", select_all=True)
            self.ui.button(surf, (rect.right - m - f.px(140), y, f.px(140), bh), "Save", self.do_save,
                           name="save:do", shortcut="Enter", style="primary")
            y += bh + m
        D.text(surf, f.get("label", True),
               "Saved games and autosaves, newest first" if self.rows else
               "No saved games can be listed." if self.error.startswith("Games cannot be listed") else
               "No saved games yet.",
               (rect.x + m, y), c["text_muted"], max_width=w)
        y += f.line_height("label", True) + 4
        by = rect.bottom - bh - m
        # the message (an error, and where a good autosave is) sits between the list and the buttons
        body = f.get("body", True)
        err_lines = D.wrap(body, self.error, w) if self.error else []
        if len(err_lines) > 3:  # cut: said so, not stopped mid-sentence
            err_lines = err_lines[:2] + [D.ellipsize(body, err_lines[2] + " ...", w)]
        hint_lines = D.wrap(f.get("body"), self.hint, w)[:3] if self.hint else []
        msg_h = len(err_lines) * body.get_linesize() + len(hint_lines) * f.line_height("body")
        list_bottom = by - m - (msg_h + m // 2 if msg_h else 0)
        list_rect = pygame.Rect(rect.x + m, y, w, max(0, list_bottom - y))
        self.list_rect = list_rect
        row_h, pad, gap = self.row_height()
        bar_w = f.px(6)
        total = len(self.rows) * row_h - gap
        max_off = max(0, total - list_rect.height)
        if self._scroll_to is not None:
            idx = next((n for n, e in enumerate(self.rows) if e.path == self._scroll_to), None)
            if idx is not None:
                off = self.list_state.get("offset", 0)
                top, bottom = idx * row_h, idx * row_h + row_h - gap
                if top < off:
                    off = top
                elif bottom > off + list_rect.height:
                    off = bottom - list_rect.height
                self.list_state["offset"] = off
            self._scroll_to = None
        off = max(0, min(max_off, self.list_state.get("offset", 0)))
        self.list_state["offset"] = off
        row_w = w - (bar_w + f.px(6) if max_off else 0)
        first = max(0, off // row_h)
        old_clip = surf.get_clip()
        surf.set_clip(list_rect.clip(old_clip) if old_clip else list_rect)
        big, small = f.get("body", True), f.get("small")
        for n in range(first, len(self.rows)):
            e = self.rows[n]
            r = pygame.Rect(list_rect.x, list_rect.y + n * row_h - off, row_w, row_h - gap)
            if r.top > list_rect.bottom:
                break
            sel = e.path == self.selected
            D.rounded(surf, r, c["button_down"] if sel else c["panel_light"], 6)
            if e.problem:
                pygame.draw.rect(surf, c["refused"], pygame.Rect(r.x, r.y + 4, f.px(4), r.height - 8))
            if sel:
                D.rounded(surf, r, c["brass"], 6, 2)
            tx = r.x + f.px(12)
            D.text(surf, big, e.title, (tx, r.y + pad), c["refused"] if e.problem else c["text"],
                   max_width=r.right - tx - f.px(10))
            D.text(surf, small, e.detail, (tx, r.y + pad + big.get_linesize()), c["text_muted"],
                   max_width=r.right - tx - f.px(10))
            hit = r.clip(list_rect)
            if hit.height > 0:
                tip = f"{e.title}\n{e.path}" + (f"\nCannot be read: {e.problem}" if e.problem else "")
                if self.mode == "load":  # as a desktop's file list: a double click opens it
                    tip += "\nA double click loads it"
                self.ui.add(hit, f"saves:{e.path.name}", (lambda p=e.path: self.select(p)), tip,
                            on_double=(lambda p=e.path: self.open_row(p)) if self.mode == "load" else None)
        surf.set_clip(old_clip)
        if max_off:  # where the view is in the list
            D.scroll_bar(surf, pygame.Rect(list_rect.right - bar_w, list_rect.y, bar_w, list_rect.height),
                         total, off, c["panel_light"], c["brass"], f.px(24))

        def wheel(dy):
            old = self.list_state.get("offset", 0)
            self.list_state["offset"] = max(0, min(max_off, old - dy * row_h))
            return self.list_state["offset"] != old  # (False: at its end, where a flick's glide stops)
        self.ui.add(list_rect, "saves:list", None, "", True, wheel, drag_step=row_h)
        my = list_rect.bottom + m // 2
        for line in err_lines:
            D.text(surf, body, line, (rect.x + m, my), c["refused"])
            my += body.get_linesize()
        for line in hint_lines:
            D.text(surf, f.get("body"), line, (rect.x + m, my), c["brass_text"])
            my += f.line_height("body")
        self.ui.button(surf, (rect.right - m - f.px(140), by, f.px(140), bh), "Cancel", self.app.pop,
                       name="saves:cancel", shortcut="Esc")
        if self.mode == "load":
            self.ui.button(surf, (rect.right - 2 * m - f.px(280), by, f.px(140), bh), "Load", self.do_load,
                           name="load:do", shortcut="Enter", style="primary", enabled=self.selected is not None)


class ConfirmScene(Overlay):
    """A question with an OK and a Cancel button (Enter / Esc)."""

    name = "confirm"

    def __init__(self, app: App, title: str, text: str, ok_label: str, on_ok, name: str = "confirm",
                 ok_key: int | None = None):
        """``ok_key``: a question whose OK goes against the player's own interest (sign against the
        forecast) is answered OK with that key only, and Enter cancels: a reflexive Enter after
        the move's key must not do what the question warns against."""
        super().__init__(app)
        self.title, self.text, self.ok_label, self.on_ok = title, text, ok_label, on_ok
        self.name = name
        self.ok_key = ok_key

    def ok(self) -> None:
        self.app.pop(self)
        self.on_ok()

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.ok_key is None:
                self.ok()
            else:
                self.app.pop(self)
            return True
        if event.type == pygame.KEYDOWN and self.ok_key is not None and event.key == self.ok_key:
            self.ok()
            return True
        return super().handle_event(event)

    def draw(self, surf) -> None:
        f, c = self.f, self.c
        m = f.px(16)
        bh = f.px(40)
        w = min(surf.get_width() - 40, max(f.px(520), int(surf.get_width() * 0.45)))
        body = D.wrap(f.get("body"), self.text, w - 2 * m)
        title = D.wrap(f.get("h2", True), self.title, w - 2 * m)
        h = (3 * m + bh + len(title) * f.line_height("h2", True) + len(body) * f.line_height("body") + m)
        rect = self.box(surf, w / surf.get_width(), min(0.9, h / surf.get_height()), min_w=w)
        y = rect.y + m
        for line in title:
            D.text(surf, f.get("h2", True), line, (rect.x + m, y), c["brass_text"])
            y += f.line_height("h2", True)
        y += m // 2
        D.paragraph(surf, f.get("body"), self.text, pygame.Rect(rect.x + m, y, rect.width - 2 * m,
                                                                 rect.bottom - y - bh - 2 * m), c["text"])
        bw = (rect.width - 3 * m) // 2
        by = rect.bottom - bh - m
        ok_key = "Enter" if self.ok_key is None else pygame.key.name(self.ok_key).upper()
        self.ui.button(surf, (rect.x + m, by, bw, bh), self.ok_label, self.ok, name=f"{self.name}:ok",
                       shortcut=ok_key, style="normal" if self.ok_key else "primary")
        self.ui.button(surf, (rect.x + 2 * m + bw, by, bw, bh), "Cancel", lambda: self.app.pop(self),
                       name=f"{self.name}:cancel", shortcut="Esc" if self.ok_key is None else "Enter",
                       style="primary" if self.ok_key else "normal")


class ErrorScene(Scene):
    """Something failed (a screen, or an AI turn): what happened, where the log is, and what next.

    Opaque, so the screen that failed is not drawn (and cannot fail again) while it is up.
    """

    name = "error"
    opaque = True

    def __init__(self, app: App, exc: Exception, log_path: Path | None, where: str, autosaved: bool,
                 save_error: str | None = None, log_error: str | None = None):
        super().__init__(app)
        self.exc = exc
        self.log_path = log_path
        self.where = where
        self.autosaved = autosaved
        self.save_error = save_error  # why the game could not be autosaved (it is not saved), or None
        self.log_error = log_error  # why the log could not be written, or None
        self.ai_actor = getattr(exc, "actor", None)

    def carry_on(self) -> None:
        """Back to the game; after a failed AI turn that seat passes (or declines) instead."""
        self.app.pop(self)
        match = self.app.match
        if self.ai_actor is None or match is None:
            return
        from game.session.crash import fallback_action

        action = fallback_action(match, self.ai_actor)
        if action is not None and match.submit(action).rejected is None:
            self.app.toast(f"The AI's move for {self._name(self.ai_actor)} was replaced by: "
                           f"{action.kind.replace('_', ' ')}.")
            table = self.app.top
            if hasattr(table, "_after_change"):
                table._vm_key = None
                table._after_change()

    def to_title(self) -> None:
        if self.autosaved or self.app.match is None:  # nothing more to save
            self.app.match = None
            self.app.reset(TitleScene(self.app))
            return
        leave_to_title(self.app)  # the autosave is tried again; if it fails, a question first

    def _name(self, actor_id: str) -> str:
        match = self.app.match
        try:
            return match.scenario.actors[match.game.model.actor_index(actor_id)].name
        except Exception:
            return actor_id

    def handle_event(self, event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_c):
                self.carry_on()
                return True
            if event.key in (pygame.K_t, pygame.K_ESCAPE):
                self.to_title()
                return True
        return False

    def draw(self, surf) -> None:
        background(surf, self.app)
        f, c = self.f, self.c
        W, H = surf.get_size()
        m = f.px(16)
        width = min(W - 40, max(f.px(620), int(W * 0.62)))
        w = width - 2 * m
        if self.ai_actor:
            what = (f"The computer player of {self._name(self.ai_actor)} failed while choosing its move. "
                    "You can carry on: that delegation passes this turn instead.")
        else:
            what = f"An error happened in the {self.where}. You can try to carry on, or go back to the title."
        saved = ("Your game was autosaved: 'Resume interrupted game' on the title screen brings it back."
                 if self.autosaved else
                 f"Your game could NOT be autosaved: {self.save_error}. Try to carry on, and free some space "
                 "or fix that folder before you leave the game." if self.save_error else "")
        path = (str(self.log_path) if self.log_path else
                f"(the log could not be written: {self.log_error}; the details were printed in the terminal)"
                if self.log_error else "(the log could not be written; see the terminal)")
        err = f"{type(self.exc.__cause__ or self.exc).__name__}: {self.exc.__cause__ or self.exc}"
        body, small, small_b = f.get("body"), f.get("small"), f.get("small", True)
        bh = f.px(42)
        # as tall as what it says (not a mostly empty panel)
        need = (2 * m + f.line_height("h2", True) + m // 2
                + sum(len(D.wrap(body, p, w)) * body.get_linesize() + m // 2 for p in (what, saved) if p)
                + f.line_height("label", True) + min(3, len(D.wrap(small_b, path, w))) * small_b.get_linesize()
                + m // 2 + min(2, len(D.wrap(small, err, w))) * small.get_linesize() + m + bh + m)
        rect = pygame.Rect(0, 0, width, min(H - 40, max(need, f.px(260))))
        rect.center = (W // 2, H // 2)
        D.panel(surf, rect, c, border="refused")
        self.toast_area = pygame.Rect(20, rect.bottom + 6, W - 40, max(0, H - rect.bottom - 10))
        x, y = rect.x + m, rect.y + m
        D.text(surf, f.get("h2", True), "Something went wrong", (x, y), c["refused"], max_width=w)
        y += f.line_height("h2", True) + m // 2
        for para in (what, saved):
            if para:
                y += D.paragraph(surf, body, para, pygame.Rect(x, y, w, f.px(120)), c["text"]) + m // 2
        D.text(surf, f.get("label", True), "The details are in this file:" if self.log_path else "The details:",
               (x, y), c["brass_text"], max_width=w)
        y += f.line_height("label", True)
        y += D.paragraph(surf, small_b, path, pygame.Rect(x, y, w, f.px(80)), c["text"], max_lines=3) + m // 2
        D.paragraph(surf, small, err, pygame.Rect(x, y, w, rect.bottom - y - bh - 2 * m), c["text_muted"],
                    max_lines=2)
        bw = (w - m) // 2
        by = rect.bottom - bh - m
        label = "Carry on (it passes)" if self.ai_actor else "Try to carry on"
        self.ui.button(surf, (x, by, bw, bh), label, self.carry_on, name="error:continue", shortcut="Enter",
                       style="primary")
        self.ui.button(surf, (x + bw + m, by, bw, bh), "Back to the title", self.to_title, name="error:title",
                       shortcut="T")
