"""Probes of a seat's 'room' (see README.md here): can the AI reach it if it knew more? And
what the AI's strength would be if repeated lobbying had diminishing returns.

    python docs/balance/probes.py oracle    [--runs 200] [--seat georgia]
    python docs/balance/probes.py hindsight [--runs 30]  [--seat georgia]
    python docs/balance/probes.py lobbying  [--runs 200]
    python docs/balance/probes.py anticipate [--runs 200] [--scenario tutorial] [--diminishing]

oracle: the seat's AI is told the chair's confidential objectives (the chair's own
    values of every draft, as the chair's AI computes them from the seat's forecast);
    everything else is the normal AI. Compared with the passive player in the same
    seeded games, as `treaty-table strength` does.
hindsight: the game is first played with the AI in every seat; the probe then finds the
    text the seat would have liked best among those the chair values at least as much
    as the text it put to signature (the 'chair ok' text of the room), replays the same
    seed with the seat tabling that text at its first move and endorsing it, the AI
    playing on from there, and reports how often the chair put it to signature.

lobbying: the rules as they would be if the k-th lobby of the same delegation by the same
    lobbyist on the same issue moved it 1/k as far (the AI values a campaign of lobbies the
    same way); prints the strength table of the four seats "with something to fight for" and
    the simulate distribution under that rule. A question for the team (see the closing note
    of issue 2): today repeated lobbying has no diminishing returns, which a player can
    exploit, but it is also where much of the AI's edge over the passive player comes from.

anticipate: the AI values a lobby of the chair also in the world where the chair, its ideal
    moved, tables the draft it would propose next (its compromise pulled toward its ideal, as
    a pragmatic delegation's first draft is), not only by the forecast "if the talks ended
    now" (where moving the chair's ideal changes nothing until it drafts). Prints, for
    --scenario, the strength table of every seat (or --seat) and the simulate distribution;
    with --diminishing, under the lobbying probe's rule too. A finding for the team (issue 2):
    a trivial "lobby the chair every turn" bot beats today's AI in the tutorial.

None changes the game: each wraps functions of the engine or the AI in this process only.
Run from the repository root.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game.ai import batch as B  # noqa: E402
from game.ai import outlook as O  # noqa: E402
from game.ai.objectives import objective_shares, objective_weight  # noqa: E402
from game.ai.player import Negotiator  # noqa: E402
from game.engine import Options  # noqa: E402
from game.engine import actions as A  # noqa: E402
from game.engine.table import build_table  # noqa: E402
from game.engine.utility import forecast  # noqa: E402
from game.engine.views import _PUBLIC_CACHE, public_model  # noqa: E402
from game.scenarios.loader import load_scenario  # noqa: E402
from game.scoring.roles import Outcome, role_scores  # noqa: E402
from game.scoring.treaty import score_treaty  # noqa: E402
from game.session import headroom as H  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.simulate import play_one, run_seed  # noqa: E402


def _se(d: np.ndarray) -> str:
    return f"{d.std(ddof=1) / len(d) ** 0.5:.2f}" if len(d) > 1 else "n/a"


def _install_oracle(seat: str):
    """The seat's AI scores the chair's choice with the chair's objectives included;
    returns the function that undoes it."""
    last = {}
    real_values, real_scores = O.my_values, O.chair_scores

    def my_values(view, sit, fc, levels):
        last["fc"], last["levels"], last["view"] = fc, levels, view
        return real_values(view, sit, fc, levels)

    def chair_scores(model, fc, chair, support, present, values=None):
        view = last.get("view")
        if values is None and view is not None and last.get("fc") is fc and view.me == seat:
            true = next(m for m, pub in _PUBLIC_CACHE.values() if pub is view.model)
            cv = replace(view, viewer=chair, model=public_model(true, chair))
            values = fc.value[:, chair] + objective_weight(cv) * objective_shares(cv, fc, last["levels"])
        return real_scores(model, fc, chair, support, present, values)

    saved = [(module, module.my_values, module.chair_scores) for module in (O, B)]
    for module in (O, B):
        module.my_values, module.chair_scores = my_values, chair_scores

    def undo() -> None:
        for module, values, scores in saved:
            module.my_values, module.chair_scores = values, scores

    return undo


def oracle(sc, runs: int, seat: str) -> None:
    passive = [play_one(sc, run_seed(1, n), seats={seat: "passive"}).result().roles[seat].score
               for n in range(runs)]
    undo = _install_oracle(seat)
    try:
        told = [play_one(sc, run_seed(1, n)).result().roles[seat].score for n in range(runs)]
    finally:
        undo()
    d = np.array(told) - np.array(passive)
    print(f"oracle {seat}: AI told the chair's objectives {np.mean(told):.2f}, passive {np.mean(passive):.2f}, "
          f"difference {d.mean():+.2f} (se {_se(d)}), games differ {int((d != 0).sum())}/{runs}")


def _room_text(match: Match, seat: str) -> tuple[int, ...]:
    model, state = match.game.model, match.state
    table = build_table(model, state, None)
    texts = np.vstack([H.candidate_texts(model), np.array(state.draft(state.on_table).levels, dtype=np.int64)])
    fc = forecast(model, table, texts, state.chair)
    chair = H._chair_values(model, state, texts)
    reputation = tuple(a.reputation for a in state.actors)
    best, text = -1.0, None
    for row in np.flatnonzero(chair >= chair[-1] - 1e-9):
        levels = tuple(int(x) for x in texts[row])
        signers = frozenset(int(i) for i in np.flatnonzero(fc.signers[row]))
        out = Outcome(levels=levels, author=state.chair, signers=signers, reputation=reputation,
                      treaty=score_treaty(model, table, levels, state.chair, signers))
        score = role_scores(model, table, out)[seat].score
        if score > best:
            best, text = score, levels
    return text


class _Tabler(Negotiator):
    """Tables ``text`` at its first move and endorses it at its second; the AI otherwise."""

    def __init__(self, text):
        super().__init__("normal")
        self.text, self.step = tuple(text), 0

    def choose(self, view, legal, rng):
        if view.phase == "diplomacy" and self.step < 2:
            if self.step == 0:
                action = A.Table(view.me, levels=self.text)
            else:
                draft = next((d for d in view.drafts if tuple(d.levels) == self.text), None)
                action = A.Endorse(view.me, draft=draft.id) if draft else A.Pass(view.me)
            self.step += 1
            if legal(action) is None and action.kind != "pass":
                return action
        return super().choose(view, legal, rng)


def hindsight(sc, runs: int, seat: str) -> None:
    before, after, picked = [], [], 0
    for n in range(runs):
        seed = run_seed(1, n)
        first = play_one(sc, seed)
        text = _room_text(first, seat)
        again = Match(sc, seed=seed, options=Options())
        again._players[seat] = _Tabler(text)
        again.run_ai()
        before.append(first.result().roles[seat].score)
        after.append(again.result().roles[seat].score)
        picked += tuple(again.state.draft(again.state.on_table).levels) == tuple(text)
    d = np.array(after) - np.array(before)
    print(f"hindsight {seat}: the room text was put to signature in {picked}/{runs} games; score "
          f"{np.mean(after):.2f} against the AI's {np.mean(before):.2f}, difference {d.mean():+.2f} "
          f"(se {_se(d)})")


def _install_diminishing_lobbying():
    """Repeated lobbying of one delegation on one issue by one lobbyist moves it 1, 1/2, 1/3 ...
    as far (engine), and the AI values its lobbies so (the campaign's shift is the sum of the
    steps); returns the function that undoes it."""
    from game.ai import candidates as C
    from game.engine import transition as T

    def prior(log, me: int, target: int, issue: int) -> int:
        return sum(1 for e in log if e.kind == "lobby" and e.actors == (me, target)
                   and dict(e.data).get("issue") == issue)

    real_effect, real_estimate, real_worlds = T.lobby_effect, C._lobby_estimate, C._lobby_worlds

    def lobby_effect(model, state, me, target, issue):
        step, backfire = real_effect(model, state, me, target, issue)
        return step / (1 + prior(state.log, me, target, issue)), backfire

    def lobby_worlds(batch, target, k, gap, campaign):
        view = batch.view
        m, me, t = view.model, view.viewer, view.table
        step, backfire = real_estimate(view, me, target, k)
        done = prior(view.log, me, target, k)
        expected = (1 - backfire) * step - backfire * 0.5 * step
        action = A.Lobby(view.me, target=m.actor_ids[target], issue=k)
        span = float(m.span[k])
        for n in sorted({1, campaign}):
            factor = sum(1 / (1 + done + j) for j in range(n))
            shift = float(np.sign(expected) * min(abs(expected) * factor, abs(gap[k])))
            moved = min(span, max(0.0, float(t.ideal[target, k] + shift)))
            batch.ideal_cell_change(action, target, k, moved, actions_needed=n)

    T.lobby_effect, C._lobby_worlds = lobby_effect, lobby_worlds

    def undo() -> None:
        T.lobby_effect, C._lobby_worlds = real_effect, real_worlds
    return undo


def lobbying(sc, runs: int) -> None:
    from game.session.simulate import simulate
    from game.session.strength import format_table, strength_table

    undo = _install_diminishing_lobbying()
    try:
        table = strength_table(sc.id, runs, seats=[s for s in ("russia", "georgia", "azerbaijan", "kazakhstan")
                                                    if s in [a.id for a in sc.actors]], workers=1)
        print("With diminishing returns on repeated lobbying:")
        print(format_table(table))
        out = simulate(sc.id, runs=runs, seed=1, workers=1)["outcomes"]
        print(f"simulate --runs {runs} --seed 1: tightness {out['tightness']}, sequencing "
              f"{out['sequencing']}, signed {out['signed']}")
    finally:
        undo()


def _install_anticipation():
    """The AI's lobby worlds of the chair are also valued with the chair's next draft (see the
    docstring); returns the function that undoes it."""
    from game.ai.candidates import MAX_DRAFTS
    from game.engine.utility import compromise_point

    real_cell, real_values = B.Batch.ideal_cell_change, B.Batch.values

    def cell(self, action, actor, issue, value, actions_needed=1):
        real_cell(self, action, actor, issue, value, actions_needed=actions_needed)
        self.__dict__.setdefault("_lobby_worlds", {})[len(self.worlds) - 1] = (int(actor), int(issue), float(value))

    def values(self):
        base, vals = real_values(self)
        view, sit = self.view, self.sit
        lobbies = self.__dict__.get("_lobby_worlds", {})
        ch = view.chair
        if not lobbies or view.viewer == ch or len(sit.ids) >= MAX_DRAFTS:
            return base, vals
        m, t = view.model, view.table
        top = m.n_levels - 1
        out = list(vals)
        for n, (actor, k, moved) in lobbies.items():
            if actor != ch:
                continue
            ideal = np.array(t.ideal)
            ideal[ch, k] = moved
            moved_table = replace(t, ideal=ideal)
            comp = compromise_point(moved_table)
            centre = np.clip(np.rint(comp + 0.35 * (ideal[ch] - comp)), 0, top).astype(np.int64)
            own = np.zeros((1, m.n_actors))
            own[0, ch] = 1
            levels = np.vstack([sit.levels.reshape(-1, m.n_issues), centre[None]])
            support = np.vstack([sit.support.reshape(-1, m.n_actors), own])
            _, v, _ = O.evaluate(view, sit, table=moved_table, levels=levels, support=support)
            action, value = out[n]
            out[n] = (action, max(value, base + (v - base) / self.worlds[n].actions_needed))
        return base, out

    B.Batch.ideal_cell_change, B.Batch.values = cell, values

    def undo() -> None:
        B.Batch.ideal_cell_change, B.Batch.values = real_cell, real_values
    return undo


def anticipate(sc, runs: int, seats: list[str] | None, diminishing: bool) -> None:
    from game.session.simulate import simulate
    from game.session.strength import format_table, strength_table

    undo = [_install_anticipation()] + ([_install_diminishing_lobbying()] if diminishing else [])
    try:
        table = strength_table(sc.id, runs, seats=seats or [a.id for a in sc.actors], workers=1)
        print("With the AI anticipating the chair's next draft"
              + (" and diminishing returns on repeated lobbying:" if diminishing else ":"))
        print(format_table(table))
        out = simulate(sc.id, runs=runs, seed=1, workers=1)["outcomes"]
        print(f"simulate --runs {runs} --seed 1: tightness {out['tightness']}, sequencing "
              f"{out['sequencing']}, signed {out['signed']}")
    finally:
        for u in reversed(undo):
            u()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("probe", choices=("oracle", "hindsight", "lobbying", "anticipate"))
    p.add_argument("--diminishing", action="store_true", help="anticipate: under the lobbying probe's rule too")
    p.add_argument("--runs", type=int, default=None)
    p.add_argument("--seat", default="georgia")
    p.add_argument("--scenario", default="cst-1999")
    args = p.parse_args()
    sc = load_scenario(args.scenario)
    if args.probe == "oracle":
        oracle(sc, args.runs or 200, args.seat)
    elif args.probe == "lobbying":
        lobbying(sc, args.runs or 200)
    elif args.probe == "anticipate":
        seats = [args.seat] if "--seat" in sys.argv else None
        anticipate(sc, args.runs or 200, seats, args.diminishing)
    else:
        hindsight(sc, args.runs or 30, args.seat)


if __name__ == "__main__":
    main()
