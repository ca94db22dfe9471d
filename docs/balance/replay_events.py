"""Measurements behind "Replayability and counterfactual events" in README.md here.

Run from the repository root:

    PYTHONPATH=. python docs/balance/replay_events.py events cst-1999 --runs 200
    PYTHONPATH=. python docs/balance/replay_events.py gap cst-1999 --runs 200 --seat georgia \\
        --seat azerbaijan --seat uzbekistan

``events``: 200 AI-only games with probabilistic events (the games of ``simulate --seed 1
--events probabilistic``); how many distinct final texts and signatory sets; for each
counterfactual event, in how many games it happened and, for each of those, the same game
(same seed, so the same draws) replayed with that event's chance set to 0: did the text or
the signatories change, and by how much did each role's score move.

``gap``: at the end of each game, the best any text of the scenario could do for a seat:
``sign value - stay-out value`` with the engine's utility (game/engine/utility.py), in the
seat's most favourable case (every delegation it likes signs, none it dislikes), over all
texts, over the texts with the sequencing the chair always picks, and over the texts the
chair values at least as much as the one it put to signature (game/session/headroom.py).
A negative gap means no such text can beat the seat's outside option.
"""

from __future__ import annotations

import argparse
import collections

import numpy as np

from game.engine import flow
from game.engine.table import build_table
from game.engine.utility import EXTERNAL_SHARE, _inputs, _table_consts
from game.scenarios.loader import load_scenario
from game.session.headroom import _chair_values, candidate_texts
from game.session.simulate import play_one, run_seed


def _games(sc, runs, seed, events="probabilistic"):
    return [play_one(sc, run_seed(seed, n), events=events) for n in range(1, runs + 1)]


def _outcome(m):
    r = m.result()
    levels = tuple(i.levels[lv].id for i, lv in zip(m.scenario.issues, r.levels))
    return levels, tuple(sorted(r.treaty.signatories)), {k: v.score for k, v in r.roles.items()}


def events_report(sc, runs, seed):
    games = [(m, flow.happened_events(m.state), _outcome(m)) for m in _games(sc, runs, seed)]
    texts = collections.Counter(g[2][0] for g in games)
    sigs = collections.Counter(g[2][1] for g in games)
    print(f"{sc.id} v{sc.version}: {runs} games, {len(texts)} distinct texts "
          f"(commonest {texts.most_common(1)[0][1]}), {len(sigs)} signatory sets "
          f"(commonest {sigs.most_common(1)[0][1]})")
    for ev in (e for e in sc.events if not e.historical):
        hit = [g for g in games if ev.id in g[1]]
        off = sc.model_copy(update={"events": [e.model_copy(update={"probability": 0.0}) if e.id == ev.id
                                               else e for e in sc.events]})
        text = sig = 0
        delta = collections.defaultdict(float)
        for m, _, (levels, signed, scores) in hit:
            levels0, signed0, scores0 = _outcome(play_one(off, m.seed, events="probabilistic"))
            text += levels != levels0
            sig += signed != signed0
            for k in scores:
                delta[k] += (scores[k] - scores0[k]) / len(hit)
        moved = ", ".join(f"{k} {v:+.2f}" for k, v in delta.items() if abs(v) >= 0.05) or "none"
        print(f"  {ev.id} (chance {ev.probability:g}): happened in {len(hit)}/{runs}; against the same "
              f"games without it: text changed in {text}, signatories in {sig}; mean score change: {moved}")


def gap_report(sc, runs, seed, seats):
    pays = collections.Counter()
    for a in sc.actors:
        for o in a.offers:
            for t in o.to or [x.id for x in sc.actors if x.id != a.id]:
                pays[t] += o.value
    rows = collections.defaultdict(list)
    picked = collections.Counter()
    for m in _games(sc, runs, seed):
        model, st = m.game.model, m.state
        table = build_table(model, st, None)
        texts = candidate_texts(model)
        _, _, base, outside, _, _ = _inputs(model, table, texts, st.chair, None, None)
        kmat = _table_consts(model, table).kmat
        final = np.array(st.draft(st.on_table).levels)
        chair = _chair_values(model, st, np.vstack([texts, final[None]]))
        ok = chair[:-1] >= chair[-1] - 1e-9
        same_seq = texts[:, model.seq] == final[model.seq] if model.seq >= 0 else np.ones(len(texts), bool)
        picked[sc.issues[model.seq].levels[final[model.seq]].id if model.seq >= 0 else "-"] += 1
        for s in seats:
            i = model.actor_index(s)
            gap = base[:, i] + (1 - EXTERNAL_SHARE) * np.clip(kmat[i], 0, None).sum() - outside[:, i]
            rows[s].append((gap.max(), gap[same_seq].max(), gap[ok].max(), table.outside[i],
                            st.actors[i].status == "present", st.signatures[i] == 1))
    print(f"{sc.id} v{sc.version}: {runs} games, {len(texts)} texts; the chair's pick's sequencing: "
          f"{dict(picked)}")
    print(f"{'seat':12}{'outside':>8}{'best text':>11}{'>=0':>5}{'same seq.':>11}{'>=0':>5}"
          f"{'chair ok':>10}{'>=0':>5}{'present':>9}{'signed':>8}{'payments':>10}")
    for s in seats:
        r = np.array(rows[s], dtype=float)
        print(f"{s:12}{r[:, 3].mean():8.3f}{r[:, 0].max():+11.3f}{int((r[:, 0] >= 0).sum()):5d}"
              f"{r[:, 1].max():+11.3f}{int((r[:, 1] >= 0).sum()):5d}{r[:, 2].max():+10.3f}"
              f"{int((r[:, 2] >= 0).sum()):5d}{int(r[:, 4].sum()):9d}{int(r[:, 5].sum()):8d}{pays[s]:10.2f}")
    print("(best gap over the games; >=0: games in which some text of that set beats staying out; "
          "payments: the most all side payments in the scenario could give the seat)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("what", choices=["events", "gap"])
    p.add_argument("scenario")
    p.add_argument("--runs", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--seat", action="append", default=[])
    a = p.parse_args()
    sc = load_scenario(a.scenario)
    if a.what == "events":
        events_report(sc, a.runs, a.seed)
    else:
        gap_report(sc, a.runs, a.seed, a.seat or [x.id for x in sc.actors])


if __name__ == "__main__":
    main()
