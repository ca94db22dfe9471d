"""A delegation that has passed is called back to answer an offer (every offer is answered before
the round closes: docs/rules.md), and the window says why it has the turn again."""

from __future__ import annotations

import pygame

from ui_helpers import frames, press, to_human_turn
from game.engine import actions as A


def test_a_player_who_has_passed_is_called_back_to_answer_an_offer(build_app, tmp_path):
    app = build_app(role=["georgia", "armenia"], record_text=True)
    to_human_turn(app, "armenia")
    press(app, pygame.K_p)  # Armenia is done for the round
    t = to_human_turn(app, "georgia")
    m = app.match
    assert t.vm.delegate("armenia").done
    t.submit(A.MakeOffer("georgia", target="armenia", offer="transit_armenia", condition="sign"))
    offer = m.state.offers[-1].id
    t = to_human_turn(app, "armenia", others="endorse")
    vm = t.vm
    assert [o.id for o in vm.pending] == [offer]
    assert "You are done for this round, but an offer waits for your answer" in str(t.hint(vm))
    assert t.status_texts(vm)[0].startswith("Your answer: you are done for this round, but an offer waits")
    pygame.image.save(app.screen, str(tmp_path / "called-back.png"))
    press(app, pygame.K_e)  # an endorsement: refused, with the reason
    assert t.message[0].startswith(f"Refused: you are done for this round and back only to answer offer {offer}")
    assert m.to_move == "armenia"
    press(app, pygame.K_y)
    frames(app, 2)
    assert m.state.offer(offer).status == "accepted"
    assert m.to_move != "armenia"
