"""What a low-vision player (a washed-out classroom projector) and a colour-blind player need to
see in the window, checked on the pixels: where the keyboard is (the clause grid's issue row, the
text field), and a changed level's frame (docs/accessibility.md; the colours: tests/test_contrast.py)."""

from __future__ import annotations

import pygame

from game.ui.theme import contrast
from ui_helpers import frames, to_human_turn


def _count(surf: pygame.Surface, rect: pygame.Rect, colour) -> int:
    rect = rect.clip(surf.get_rect())
    colour = pygame.Color(colour)
    return sum(1 for x in range(rect.left, rect.right) for y in range(rect.top, rect.bottom)
               if surf.get_at((x, y))[:3] == colour[:3])


def test_the_keyboards_issue_row_is_ringed_in_a_colour_that_shows_on_paper(build_app):
    """Up / Down choose the clause grid's issue row. It was shown by a shade 1.2:1 against the paper
    and a 4-pixel triangle; now a 2-pixel ring (and the triangle) in brass_ink, at least 3:1."""
    app = build_app(role=["georgia"])
    table = to_human_turn(app, "georgia")
    c = app.colours
    assert contrast(c["brass_ink"], c["paper"]) >= 3 and contrast(c["brass_ink"], c["paper_shade"]) >= 3
    for k in (1, 3):
        table.pick_issue(k)
        frames(app, 3)
        chosen = table.ui.find(f"issue:{k}").rect
        other = table.ui.find(f"issue:{(k + 2) % 7}").rect
        # the ring's left edge runs down the row left of the issue's name (its top quarter: clear of
        # the triangle at the middle)
        strip = pygame.Rect(chosen.x - 2, chosen.y + 3, 2, chosen.height // 4)
        assert _count(app.screen, strip, c["brass_ink"]) >= strip.width * strip.height - 2, k
        assert _count(app.screen, other.inflate(8, -6), c["brass_ink"]) == 0, k


def test_a_changed_level_has_a_dark_edge_as_well_as_its_light_brass_frame(build_app):
    """A level of your working text that is not in the chosen draft: a brass frame (1.7:1 on the
    paper, lost on a projector) with the word 'new'; it now has a brass_ink edge outside it."""
    app = build_app(role=["georgia"])
    table = to_human_turn(app, "georgia")
    vm = table.vm
    draft = next(d for d in vm.drafts if d.id == table.sel_draft) if table.sel_draft is not None else vm.drafts[0]
    k = 0
    level = next(lv.index for lv in vm.issues[k].levels if lv.index != draft.levels[k])
    table.pick_cell(k, level)
    table.pick_issue(3)  # the keyboard's ring elsewhere, so only the changed level's edge is brass_ink here
    frames(app, 3)
    cell = table.ui.find(f"cell:{k}:{level}").rect
    edge = _count(app.screen, cell.inflate(6, 6), app.colours["brass_ink"])
    assert edge >= cell.width + cell.height, edge  # a frame's worth of pixels, not a stray one


def test_the_text_field_with_the_keyboard_has_a_focus_ring(build_app):
    """pygame_gui draws a focused text field like an unfocused one (only the thin caret differs):
    the app rings it in the theme's focus colour, 3:1 at least on the dialog."""
    from game.ui.scenes import SaveLoadScene

    app = build_app(role=["georgia"])
    to_human_turn(app, "georgia")
    app.push(SaveLoadScene(app, "save"))
    frames(app, 4)
    rect = app.focused_entry_rect()
    assert rect is not None
    ring = rect.inflate(8, 8)
    focus = app.colours["focus"]
    top_edge = pygame.Rect(ring.x + 10, ring.y, ring.width - 20, 2)
    assert _count(app.screen, top_edge, focus) >= top_edge.width, "no ring above the field"
    assert contrast(focus, app.colours["panel"]) >= 3
    app.unfocus_entries()
    frames(app, 2)
    assert app.focused_entry_rect() is None
    assert _count(app.screen, top_edge, focus) < top_edge.width // 2, "the ring stays without the keyboard"
