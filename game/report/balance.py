"""The balance report: what a scenario does when the AI plays every role.

``balance_report`` plays ``runs`` AI-only games (the same seeds as ``simulate``),
then replays a smaller sample with one parameter changed at a time - each
actor's outside option and a few settings, down and up - on the *same* seeds, so
any difference comes from the change and not from chance. It returns a plain,
JSON-able dict; :mod:`game.report.balance_html` draws it as a self-contained
page and :func:`summary_text` / :func:`summary_markdown` as text.

Warnings name what makes a scenario a poor game: the same outcome every time,
a treaty that never enters into force, an actor whose choices never matter,
a role that cannot score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from game.console import cells, cut, ljust, wrap
from game.scenarios.schema import Scenario
from game.scoring import history_result
from game.session.parallel import ordered_map, worker_count
from game.session.simulate import aggregate, play_one, run_seed
from game.session.store import write_text_atomic

OUTSIDE_STEP = 0.1
SETTING_STEPS = {"club_weight": 0.1, "text_externality": 0.1, "min_signatures": 1, "action_points": 1}
_SETTING_LIMITS = {"club_weight": (0.0, 2.0), "text_externality": (0.0, 1.0), "min_signatures": (1, 99),
                   "action_points": (1, 20)}

Progress = Callable[[int, int], None]
_WORKER: list[tuple[Scenario, dict]] = []


# --------------------------------------------------------------------------- playing

def game_record(scenario: Scenario, seed: int, events: str, difficulty: str,
                seats: dict[str, str] | None = None) -> dict:
    """One AI-only game (``seats`` may make some roles passive), summarised for the report."""
    match = play_one(scenario, seed, events, difficulty, seats)
    r = match.result()
    return {
        "seed": seed, "tightness": r.treaty.tightness, "depth": r.treaty.depth,
        "breadth": r.treaty.breadth, "label": r.treaty.label, "in_force": r.treaty.in_force,
        "sequencing": r.treaty.sequencing, "signed": list(r.treaty.signatories),
        "levels": [scenario.issues[k].levels[lv].id for k, lv in enumerate(r.levels)],
        "scores": {k: v.score for k, v in r.roles.items()},
        "objectives": {k: [bool(o[2]) for o in v.objectives] for k, v in r.roles.items()},
    }


def _init(setups: list[tuple[Scenario, dict]]) -> None:
    global _WORKER
    _WORKER = setups


def _job(args: tuple) -> dict:
    variant, seed, events, difficulty = args
    scenario, seats = _WORKER[variant]
    return game_record(scenario, seed, events, difficulty, seats)


def play_many(setups: list[tuple[Scenario, dict]], jobs: list[tuple[int, int]], events: str, difficulty: str,
              workers: int = 1, progress: Progress | None = None) -> list[dict]:
    """Play ``(variant index, seed)`` jobs; results come back in job order whatever ``workers`` is."""
    args = [(v, s, events, difficulty) for v, s in jobs]
    out: list[dict] = []
    workers = 1 if len(args) < 4 else workers
    chunksize = min(20, len(args) // (worker_count(workers, len(args)) * 8) or 1)
    with ordered_map(_job, args, workers, _init, (setups,), chunksize) as iterator:
        for n, rec in enumerate(iterator):
            out.append(rec)
            if progress:
                progress(n + 1, len(args))
    return out


# --------------------------------------------------------------------------- variants

def variants(scenario: Scenario) -> list[tuple[str, str, str, Scenario, dict]]:
    """(parameter key, label, 'minus'|'plus'|'only', scenario, seats) for the sensitivity runs.

    Besides the outside options and settings, each party in turn is played by a
    passive player (it only passes, and signs when the text beats staying out):
    if that changes nothing, what the role does at the table does not matter.
    """
    out: list[tuple[str, str, str, Scenario, dict]] = []
    for actor in scenario.actors:
        if actor.status != "non_party":
            out.append((f"seat:{actor.id}", f"{actor.name}: only passes", "only", scenario,
                        {actor.id: "passive"}))
    for n, actor in enumerate(scenario.actors):
        for sign, side in ((-1, "minus"), (1, "plus")):
            value = min(1.0, max(0.0, actor.outside_option + sign * OUTSIDE_STEP))
            if abs(value - actor.outside_option) < 1e-9:
                continue
            update = {"outside_option": round(value, 4)}
            if actor.outside_option_public is not None:
                update["outside_option_public"] = round(
                    min(1.0, max(0.0, actor.outside_option_public + sign * OUTSIDE_STEP)), 4)
            actors = list(scenario.actors)
            actors[n] = actor.model_copy(update=update)
            out.append((f"outside:{actor.id}", f"{actor.name}: outside option", side,
                        scenario.model_copy(update={"actors": actors}), {}))
    parties = sum(1 for a in scenario.actors if a.status != "non_party")
    for key, step in SETTING_STEPS.items():
        current = getattr(scenario.settings, key)
        lo, hi = _SETTING_LIMITS[key]
        if key == "min_signatures":
            hi = parties
        for sign, side in ((-1, "minus"), (1, "plus")):
            value = current + sign * step
            if not lo <= value <= hi:
                continue
            value = round(value, 4) if isinstance(value, float) else value
            settings = scenario.settings.model_copy(update={key: value})
            out.append((f"setting:{key}", f"settings.{key}", side,
                        scenario.model_copy(update={"settings": settings}), {}))
    return out


def _outcome_key(rec: dict) -> tuple:
    return (tuple(rec["levels"]), tuple(rec["signed"]), rec["in_force"])


def _sensitivity(scenario: Scenario, base: list[dict], keyed: list[tuple[str, str, str]],
                 results: list[list[dict]]) -> list[dict]:
    by_seed = {r["seed"]: r for r in base}
    rows: dict[str, dict] = {}
    for (key, label, side), recs in zip(keyed, results):
        row = rows.setdefault(key, {"key": key, "label": label, "minus": None, "plus": None, "only": None})
        pairs = [(by_seed[r["seed"]], r) for r in recs]
        changed = sum(_outcome_key(b) != _outcome_key(v) for b, v in pairs) / max(len(pairs), 1)
        row[side] = {
            "changed": round(changed, 4),
            "tightness": round(float(np.mean([v["tightness"] for _, v in pairs])), 3),
            "d_tightness": round(float(np.mean([v["tightness"] - b["tightness"] for b, v in pairs])), 3),
            "d_signers": round(float(np.mean([len(v["signed"]) - len(b["signed"]) for b, v in pairs])), 3),
            "in_force": round(sum(v["in_force"] for _, v in pairs) / max(len(pairs), 1), 4),
        }
    out = []
    for row in rows.values():
        sides = [s for s in (row["minus"], row["plus"], row["only"]) if s]
        row["swing"] = round(max(s["changed"] for s in sides), 4)
        row["d_tightness"] = round(max(abs(s["d_tightness"]) for s in sides), 3)
        row["d_signers"] = round(max(abs(s["d_signers"]) for s in sides), 3)
        out.append(row)
    out.sort(key=lambda r: (-r["swing"], -r["d_tightness"], -r["d_signers"], r["key"]))
    return out


# --------------------------------------------------------------------------- analysis

def _actor_stats(scenario: Scenario, base: list[dict], history: dict | None) -> list[dict]:
    runs = max(len(base), 1)
    rows = []
    for a in scenario.actors:
        scores = [r["scores"][a.id] for r in base] or [0.0]
        met = [sum(r["objectives"][a.id][n] for r in base) / runs for n in range(len(a.objectives))]
        rows.append({
            "id": a.id, "name": a.name, "colour": a.colour, "status": a.status,
            "signed": round(sum(a.id in r["signed"] for r in base) / runs, 4),
            "score_mean": round(float(np.mean(scores)), 2), "score_min": round(float(np.min(scores)), 2),
            "score_max": round(float(np.max(scores)), 2),
            "history_score": history["scores"].get(a.id) if history else None,
            "objectives": [{"id": o.id, "description": o.description, "points": o.points,
                            "met": round(m, 4)} for o, m in zip(a.objectives, met)],
        })
    return rows


def _histogram(values: list[float], width: float = 5.0) -> list[int]:
    bins = [0] * int(100 / width)
    for v in values:
        bins[min(int(v // width), len(bins) - 1)] += 1
    return bins


def _warnings(scenario: Scenario, base: list[dict], actors: list[dict], sens: list[dict]) -> list[str]:
    runs = len(base)
    out = []
    outcomes = Counter(_outcome_key(r) for r in base)
    top_share = outcomes.most_common(1)[0][1] / runs if runs else 0
    if runs >= 5 and top_share == 1:
        out.append(f"Every one of the {runs} games ended the same way (same text, same signatories). "
                   "Players may find the outcome fixed: consider settings.uncertainty, hidden draws, "
                   "closer outside options or more salient disagreements.")
    elif runs >= 10 and top_share >= 0.9:
        out.append(f"{top_share:.0%} of the games ended the same way: the outcome varies little.")
    signer_sets = {tuple(sorted(r["signed"])) for r in base}
    if runs >= 10 and top_share < 1 and len(signer_sets) == 1:
        names = {a.id: a.name for a in scenario.actors}
        signed = ", ".join(names.get(i, i) for i in next(iter(signer_sets))) or "nobody"
        out.append(f"The same parties signed in every game ({signed}); only the text varied. Nobody's "
                   "signature was ever in doubt: consider closer outside options, red lines or offers "
                   "that make a swing state.")
    in_force = sum(r["in_force"] for r in base) / max(runs, 1)
    if runs and in_force == 0:
        out.append("The agreement never entered into force: min_signatures may be too high, or the outside "
                   "options too attractive.")
    swing = {r["key"]: r for r in sens}
    idle = []
    for a in actors:
        rows = [swing.get(f"outside:{a['id']}"), swing.get(f"seat:{a['id']}")]
        constant = a["signed"] in (0.0, 1.0)
        if all(r is not None and r["swing"] == 0 for r in rows) and constant and a["status"] != "non_party":
            idle.append(f"{a['name']} ({'always signed' if a['signed'] == 1 else 'never signed'})")
    if idle:
        out.append(f"{'These parties never matter' if len(idle) > 1 else 'This party never matters'}: "
                   f"{', '.join(idle)}. Each made the same choice in every game, and the outcome was the same "
                   f"when it only passed and when its outside option moved by ±{OUTSIDE_STEP}.")
    for a in actors:
        objs = a["objectives"]
        if objs and all(o["met"] == 0 for o in objs):
            out.append(f"The role of {a['name']} cannot score: none of its objectives was met in any game "
                       f"(best score {a['score_max']:.0f}/100).")
        elif a["score_max"] < 30:
            out.append(f"The role of {a['name']} scores at most {a['score_max']:.0f}/100 in every game.")
    return out


def balance_report(scenario: Scenario, runs: int, seed: int = 1, events: str = "historical",
                   difficulty: str = "normal", workers: int = 1, sensitivity_runs: int | None = None,
                   progress: Progress | None = None) -> dict:
    """Play the games and analyse them; returns a JSON-able dict (see the module docstring)."""
    seeds = [run_seed(seed, n) for n in range(runs)]
    n_sens = sensitivity_runs if sensitivity_runs is not None else max(4, min(runs, max(10, runs // 5)))
    n_sens = min(n_sens, runs)
    keyed = variants(scenario) if n_sens > 0 else []
    total = runs + len(keyed) * n_sens
    jobs = [(0, s) for s in seeds] + [(v + 1, s) for v in range(len(keyed)) for s in seeds[:n_sens]]
    records = play_many([(scenario, {})] + [(k[3], k[4]) for k in keyed], jobs, events, difficulty, workers,
                        (lambda d, _t: progress(d, total)) if progress else None)
    base = records[:runs]
    chunks = [records[runs + v * n_sens: runs + (v + 1) * n_sens] for v in range(len(keyed))]
    sens = _sensitivity(scenario, base, [k[:3] for k in keyed], chunks)
    hist = _history(scenario)
    actors = _actor_stats(scenario, base, hist)
    agg = aggregate(scenario, [dict(r) for r in base], seed, events, difficulty)
    outcomes = Counter(_outcome_key(r) for r in base)
    texts = [{"levels": dict(zip([i.id for i in scenario.issues], k[0])), "signed": list(k[1]),
              "in_force": k[2], "share": round(v / max(runs, 1), 4)}
             for k, v in sorted(outcomes.items(), key=lambda kv: (-kv[1], kv[0]))[:8]]
    return {
        "scenario": {"id": scenario.id, "version": scenario.version, "title": scenario.title,
                     "subtitle": scenario.subtitle, "length": scenario.length,
                     "capability_weighted_breadth": scenario.settings.capability_weighted_breadth,
                     "issues": [{"id": i.id, "name": i.name, "levels": {lv.id: lv.name for lv in i.levels}}
                                for i in scenario.issues]},
        "runs": runs, "seed": seed, "events": events, "difficulty": difficulty,
        "sensitivity_runs": n_sens, "outside_step": OUTSIDE_STEP,
        "outcomes": agg["outcomes"], "in_force": round(sum(r["in_force"] for r in base) / max(runs, 1), 4),
        "signatories_mean": round(float(np.mean([len(r["signed"]) for r in base])) if base else 0.0, 3),
        "histogram": _histogram([r["tightness"] for r in base]),
        "points": [[round(r["depth"], 4), round(r["breadth"], 4), r["label"]] for r in base],
        "texts": texts, "actors": actors, "history": hist, "sensitivity": sens,
        "warnings": _warnings(scenario, base, actors, sens),
    }


def _history(scenario: Scenario) -> dict | None:
    from game.engine.model import build_model

    h = history_result(build_model(scenario))
    if h is None:
        return None
    return {"tightness": round(h.treaty.tightness, 3), "depth": round(h.treaty.depth, 4),
            "breadth": round(h.treaty.breadth, 4), "label": h.treaty.label,
            "signed": list(h.treaty.signatories), "scores": {k: round(v.score, 2) for k, v in h.roles.items()},
            "levels": {i.id: i.levels[lv].id for i, lv in zip(scenario.issues, h.levels)}}


# --------------------------------------------------------------------------- text

def _top_swings(report: dict, n: int = 5) -> list[dict]:
    return [r for r in report["sensitivity"] if r["swing"] > 0 or r["d_tightness"] > 0][:n]


def _change(row: dict) -> str:
    """The mean change in tightness a sensitivity row found, signed and per direction
    (as the HTML page shows it): ``-6.6 / -2.7`` for a value moved down / up, ``+10.1``
    for a role that only passes."""
    def signed(side: dict | None) -> str:
        return "n/a" if side is None else f"{side['d_tightness']:+.1f}"

    if row["only"] is not None:
        return f"tightness {signed(row['only'])}"
    return f"tightness {signed(row['minus'])} / {signed(row['plus'])} (down / up)"


SWINGS_NOTE = ("changes: the share of these games whose final text or signatories differ from the unchanged "
               "game on the same seed; tightness: the mean change, in points of 0-100 (down / up: with the "
               "value lowered / raised; one figure: a delegation that only passes)")
SCORE_RANGE_NOTE = "score: mean role score (0-100) over the games; min-max: its lowest and highest"


def _fit_label(label: str, width: int) -> str:
    """A swing's label in ``width`` cells: a long delegation name is cut with "…", keeping what was
    changed ("Republic of …: only passes"), so that the columns after it line up."""
    if cells(label) <= width:
        return label
    name, sep, what = label.rpartition(": ")
    if sep and cells(what) + 2 + 4 <= width:
        return cut(name, width - cells(what) - 2) + sep + what
    return cut(label, width)


def summary_text(report: dict) -> str:
    """The terminal summary."""
    sc, o = report["scenario"], report["outcomes"]
    t = o["tightness"]
    lines = [f"{sc['id']} v{sc['version']}: {report['runs']} AI-only games (seed {report['seed']}, "
             f"events {report['events']}, {report['difficulty']})",
             f"tightness  mean {t['mean']:.1f}  p10 {t['p10']:.1f}  p50 {t['p50']:.1f}  p90 {t['p90']:.1f}",
             f"in force   {report['in_force']:.0%} of games; {report['signatories_mean']:.1f} signatories on average",
             "labels     " + "  ".join(f"{k} {v}" for k, v in o["labels"].items())]
    if report["history"]:
        h = report["history"]
        lines.append(f"history    tightness {h['tightness']:.1f} ({h['label']}), signed: {', '.join(h['signed'])}")
    iw = max([16] + [len(a["id"]) + 2 for a in report["actors"]])  # a long id keeps the columns
    lines += ["", f"{'actor':<{iw}}{'signed':>8}{'score':>8}{'min-max':>12}"]
    for a in report["actors"]:
        # a non-party cannot sign (unless an event makes it a party)
        signed = "—" if a.get("status") == "non_party" and not a["signed"] else f"{a['signed']:.0%}"
        lines.append(f"{a['id']:<{iw}}{signed:>8}{a['score_mean']:>8.2f}"
                     f"{a['score_min']:>6.0f}-{a['score_max']:<5.0f}")
    lines += ["", f"what swings the outcome (a role only passing, ±{report['outside_step']} outside option, "
              f"±1 step of a setting; {report['sensitivity_runs']} games each):"]
    for r in _top_swings(report) or []:
        lines.append(f"  {ljust(_fit_label(r['label'], 40), 40)} changes {r['swing']:>4.0%} of games, {_change(r)}")
    if not _top_swings(report):
        lines.append("  nothing tried changed any game")
    lines += [""] + wrap(f"{SCORE_RANGE_NOTE}; {SWINGS_NOTE}.", 100)  # never at a hyphen ("min-" | "max")
    if report["warnings"]:
        lines += ["", "warnings:"] + [f"  - {w}" for w in report["warnings"]]
    return "\n".join(lines)


def summary_markdown(report: dict, html_name: str) -> str:
    """A short Markdown summary to keep beside the HTML page."""
    sc, o = report["scenario"], report["outcomes"]
    t = o["tightness"]
    lines = [f"# Balance: {sc['title']}", "",
             f"`{sc['id']}` v{sc['version']}, {report['runs']} AI-only games (seed {report['seed']}, events "
             f"{report['events']}, difficulty {report['difficulty']}). Full report: [{html_name}]({html_name}).", "",
             f"- Tightness: mean {t['mean']:.1f} (p10 {t['p10']:.1f}, p50 {t['p50']:.1f}, p90 {t['p90']:.1f})",
             f"- In force in {report['in_force']:.0%} of games; {report['signatories_mean']:.1f} signatories on average",
             "- Labels: " + ", ".join(f"{k} {v}" for k, v in o["labels"].items())]
    if report["history"]:
        h = report["history"]
        lines.append(f"- History: tightness {h['tightness']:.1f} ({h['label']}), signed by {', '.join(h['signed'])}")
    lines += ["", "| actor | signed | mean score | min-max |", "|---|---:|---:|---:|"]
    for a in report["actors"]:
        signed = "— (not a party)" if a.get("status") == "non_party" and not a["signed"] else f"{a['signed']:.0%}"
        lines.append(f"| {a['name']} | {signed} | {a['score_mean']:.2f} | "
                     f"{a['score_min']:.0f}-{a['score_max']:.0f} |")
    swings = _top_swings(report)
    lines += ["", "What swings the outcome most:", ""]
    lines += [f"- {r['label']}: changes {r['swing']:.0%} of games, {_change(r)}"
              for r in swings] or ["- nothing tried changed any game"]
    lines += ["", f"Mean score: the mean role score (0-100) over the games; min-max: its lowest and highest. "
              f"Each change was replayed on {report['sensitivity_runs']} of the same seeds; {SWINGS_NOTE}."]
    lines += ["", "Warnings:", ""] + ([f"- {w}" for w in report["warnings"]] or ["- none"])
    return "\n".join(lines) + "\n"


def write_report(report: dict, out_dir: Path) -> list[Path]:
    """Write ``<id>.html`` and ``<id>.md`` into ``out_dir``; return the paths."""
    from game.report.balance_html import render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    sid = report["scenario"]["id"]
    html_path, md_path = out_dir / f"{sid}.html", out_dir / f"{sid}.md"
    write_text_atomic(html_path, render_html(report))
    write_text_atomic(md_path, summary_markdown(report, html_path.name))
    return [html_path, md_path]
