"""How strong is the AI? Each seat played by the AI, a random player and a passive one.

For every role, the same seeded games are played three times with only that seat's
player changed (every other seat is the default AI); the mean role score of the
seat under each player is reported, with the mean of the best score the choice of
text alone could have given the seat in the passive player's games (see
:mod:`game.session.headroom`), so a reader can see how much there was to win.
Your own players (``players``: specs as ``simulate --player`` takes them) are played
the same way, on the same seeds, as further players beside those three, and compared
game by game with the AI and the passive player.
Used by ``treaty-table strength``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.scenarios.loader import load_scenario
from game.scenarios.roles import listed_roles
from game.session.headroom import best_text_score
from game.session.parallel import ordered_map
from game.session.simulate import load_factory, new_player, play_custom, play_one, run_seed

PLAYERS = ("ai", "random", "passive")
_SC = None


def _init(ref: str, specs: tuple[str, ...] = ()) -> None:
    global _SC
    _SC = load_scenario(ref)
    for spec in specs:  # imported in each worker from the spec string
        load_factory(spec)


def _job(args) -> tuple[float, tuple[float, float] | None]:
    ref, seed, seat, kind, events, difficulty = args[:6]
    if kind not in PLAYERS:  # a spec: your own player in the seat
        match = play_custom(_SC, seed, events, difficulty, None, ref, {seat: kind},
                            f"game {args[6]} (seed {seed})")
        return match.result().roles[seat].score, None
    match = play_one(_SC, seed, events, difficulty, {seat: kind}, ref)
    score = match.result().roles[seat].score
    if kind != "passive":
        return score, None
    model = match.game.model
    return score, best_text_score(model, match.state, model.actor_index(seat), seed)


def strength_table(ref: str, runs: int, seed: int = 1, seats: list[str] | None = None,
                   events: str = "historical", difficulty: str = "normal", workers: int = 1,
                   progress: Callable[[int, int], None] | None = None,
                   players: list[str] | None = None) -> dict:
    """{seat: {player: mean score, "best_text": ..., "best_chair_accepts": ..., "players": {...}}}
    over ``runs`` seeded games per cell (``best_*``: means of
    :func:`game.session.headroom.best_text_score` over the passive player's games). ``players``
    (specs, as ``simulate --player`` takes them) adds your own players: ``row["players"][spec]``
    is :func:`custom_row` (its mean score, and its game-by-game difference from the AI and from
    the passive player on the same seeds); ``{}`` without them."""
    scenario = load_scenario(ref)
    seats = seats or [a.id for a in listed_roles(scenario)]  # a non-party is no seat: nobody can play it
    specs = tuple(dict.fromkeys(players or ()))
    for spec in specs:
        new_player(spec)  # a bad spec stops here, before any game
    kinds = PLAYERS + specs
    jobs = [(ref, run_seed(seed, n), seat, kind, events, difficulty, n + 1)
            for seat in seats for kind in kinds for n in range(runs)]
    scores = []
    with ordered_map(_job, jobs, workers, _init, (ref, specs), min(25, runs // 4)) as iterator:
        for score in iterator:
            scores.append(score)
            if progress:
                progress(len(scores), len(jobs))
    out, n = {}, 0
    for seat in seats:
        out[seat] = {}
        cells = {}
        for kind in kinds:
            cell = cells[kind] = scores[n:n + runs]
            n += runs
            if kind not in PLAYERS:
                continue
            out[seat][kind] = round(float(np.mean([c[0] for c in cell])), 2)
            if kind == "passive":
                out[seat]["best_text"] = round(float(np.mean([c[1][0] for c in cell])), 2)
                out[seat]["best_chair_accepts"] = round(float(np.mean([c[1][1] for c in cell])), 2)
        out[seat].update(paired_difference([c[0] for c in cells["ai"]], [c[0] for c in cells["passive"]]))
        out[seat]["players"] = {spec: custom_row([c[0] for c in cells[spec]], [c[0] for c in cells["ai"]],
                                                 [c[0] for c in cells["passive"]]) for spec in specs}
    return out


def custom_row(mine: list[float], ai: list[float], passive: list[float]) -> dict:
    """Your player's scores in a seat beside the AI's and the passive player's on the same seeds:
    ``score`` (mean), ``minus_ai`` / ``minus_passive`` (mean game-by-game difference) with
    their standard errors (``_se``, as in :func:`paired_difference`) and ``games_differ_from_ai``."""
    vs_ai = paired_difference(mine, ai)
    vs_passive = paired_difference(mine, passive)
    return {"score": round(float(np.mean(mine)), 2),
            "minus_ai": vs_ai["ai_minus_passive"], "minus_ai_se": vs_ai["ai_minus_passive_se"],
            "games_differ_from_ai": vs_ai["games_differ"],
            "minus_passive": vs_passive["ai_minus_passive"], "minus_passive_se": vs_passive["ai_minus_passive_se"]}


def paired_difference(ai: list[float], passive: list[float]) -> dict:
    """The AI's and the passive player's scores over the same seeded games, compared game by
    game: the mean difference, its standard error (sample standard deviation of the
    differences over the square root of their number; 0 with fewer than two games) and the
    number of games in which the two scored differently."""
    diff = np.asarray(ai, dtype=float) - np.asarray(passive, dtype=float)
    se = float(np.std(diff, ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else 0.0
    return {"ai_minus_passive": round(float(diff.mean()), 2), "ai_minus_passive_se": round(se, 2),
            "games_differ": int((np.abs(diff) > 1e-9).sum())}


def format_table(table: dict) -> str:
    sw = max([14] + [len(seat) + 2 for seat in table])  # a long role id keeps the columns
    lines = [f"{'seat':<{sw}}" + "".join(f"{k:>10}" for k in PLAYERS) + f"{'ai-passive':>12}{'(se)':>8}"
             + f"{'differ':>8}{'best text':>11}{'chair ok':>10}{'room':>8}"]
    for seat, row in table.items():
        lines.append(f"{seat:<{sw}}" + "".join(f"{row[k]:>10.1f}" for k in PLAYERS)
                     + f"{row['ai_minus_passive']:>+12.2f}{'(' + format(row['ai_minus_passive_se'], '.2f') + ')':>8}"
                     + f"{row['games_differ']:>8}"
                     + f"{row['best_text']:>11.1f}{row['best_chair_accepts']:>10.1f}"
                     + f"{row['best_chair_accepts'] - row['passive']:>+8.1f}")
    lines.append("")
    lines.append("ai-passive: the mean difference over the same seeded games, with its standard error;")
    lines.append("a difference of more than about two standard errors is unlikely to be chance.")
    lines.append("differ: the games in which the AI and the passive player scored differently.")
    lines.append("best text: the best score the choice of text alone could have given the seat in")
    lines.append("the passive games (signatories as forecast, no side payments; the chair may never")
    lines.append("put that text to signature). chair ok: the same over the texts the chair values at")
    lines.append("least as much as the one it chose. room: chair ok - passive, what moving the text")
    lines.append("could have won without costing the chair anything.")
    specs = list(next(iter(table.values()), {}).get("players", {}))
    for spec in specs:
        lines += ["", f"your player {spec}, in each seat on the same seeds (the other seats AI):",
                  f"{'seat':<{sw}}{'score':>10}{'-ai':>10}{'(se)':>8}{'differ':>8}{'-passive':>10}{'(se)':>8}"]
        for seat, row in table.items():
            c = row["players"][spec]
            lines.append(f"{seat:<{sw}}{c['score']:>10.1f}{c['minus_ai']:>+10.2f}"
                         f"{'(' + format(c['minus_ai_se'], '.2f') + ')':>8}{c['games_differ_from_ai']:>8}"
                         f"{c['minus_passive']:>+10.2f}{'(' + format(c['minus_passive_se'], '.2f') + ')':>8}")
    if specs:
        lines.append("")
        lines.append("-ai, -passive: your player's score minus the AI's (the passive player's), game by game on")
        lines.append("the same seeds, with the standard error; differ: the games it scored differently from the AI.")
    return "\n".join(lines)
