"""A deliberately simple bot: lobby the most capable other delegation (in the built-in
scenarios, the chair) on my most salient issue at every turn; accept every offer; sign
whatever is put to signature. It beats the default AI in two seats of the tutorial (see
README.md here), which is why it is kept:

    treaty-table strength --scenario tutorial --player docs/balance/lobby_chair.py:LobbyChair
"""

from game.engine import actions as A


class LobbyChair:
    def choose(self, view, legal, rng):
        me, i = view.me, view.viewer
        if view.phase == "signing":
            if view.on_table is None:
                return A.PutToSignature(me, draft=view.drafts[-1].id)
            return A.Sign(me, sign=True)
        for offer in view.pending_offers():
            return A.Respond(me, offer=offer.id, accept=True)
        issue = int(view.table.salience[i].argmax())
        ids = view.model.actor_ids
        for j in sorted(range(len(ids)), key=lambda j: -view.table.capability[j]):
            if j != i:
                action = A.Lobby(me, target=ids[j], issue=issue)
                if legal(action) is None:
                    return action
        return A.Pass(me)
