"""Run every Treaty Table benchmark and write JSON + Markdown into bench/results/.

    python bench/run_all.py            # full: simulate --runs 10000 for real (~20 min on 2 cores)
    python bench/run_all.py --quick    # fewer runs/repetitions, extrapolated (~2 min)
    python bench/run_all.py --label before
    python bench/run_all.py --baseline bench/results/latest.json   # adds a before/after table

See bench/README.md for what each figure means and the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    ensure_repo_on_path,
    fmt_time,
    format_machine,
    load_average,
    machine_info,
)

SECTIONS = ("games", "negmas", "scaling", "simulate", "ui")

TARGETS = {
    "negmas_ratio": 10.0,  # one cst-1999 game at least 10x faster than one negmas negotiation
    "negmas_ratio_aim": 50.0,
    "simulate_2w_s": 60.0,  # simulate --runs 10000 with 2 workers
    "big_game_s": 5.0,  # 193 actors x 10 issues
    "growth_exponent": 1.5,  # time per game ~ N^1.5 at most
    "ui_p95_ms": 8.0,
    "ui_first_frame_s": 1.5,
}


def _say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _load_check(results: dict, section: str) -> None:
    """Record the load before a section; warn when other work competes for the cores."""
    load = load_average()
    results.setdefault("load_before", {})[section] = load
    cores = results["machine"].get("usable_cores") or 1
    if load and load[0] > cores - 0.5:
        _say(
            f"   warning: load average {load[0]} on {cores} cores before '{section}': "
            "other work will skew the timings"
        )


def run(args, checkpoint=lambda results: None) -> dict:
    """Every section in turn; ``checkpoint(results)`` after each (a killed run keeps what it measured)."""
    from bench import games, scaling, ui, vs_negmas

    quick = args.quick
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    sim_runs = args.sim_runs or (400 if quick else games.SIM_TARGET_RUNS)
    results: dict = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "label": args.label,
        "machine": machine_info(),
    }
    t_all = time.perf_counter()
    if "games" in only:
        _load_check(results, "games")
        _say("1. AI-only games of cst-1999 in one process ...")
        results["games"] = games.games_per_second(2.0 if quick else 10.0)
        g = results["games"]
        _say(f"   {g['games_per_s']:.1f} games/s, median game {fmt_time(g['game_s']['median'])}")
        checkpoint(results)
    if "negmas" in only:
        _load_check(results, "negmas")
        _say("2. negmas SAOMechanism vs one AI game, interleaved ...")
        results["negmas"] = vs_negmas.compare(reps=8 if quick else 30)
        n = results["negmas"]
        if "skipped" in n:
            _say(f"   skipped: {n['skipped']}")
        else:
            _say(
                f"   negmas {fmt_time(n['negmas_s']['median'])}, ours {fmt_time(n['ours_s']['median'])}, "
                f"ratio {n['ratio_median']:.2f}x (median)"
            )
        checkpoint(results)
    if "scaling" in only:
        _load_check(results, "scaling")
        _say("3. scaling with the number of actors (each size in a fresh process) ...")
        results["scaling"] = scaling.scaling(quick=quick, progress=lambda s: _say("   " + s))
        checkpoint(results)
    if "simulate" in only:
        results["simulate"] = []
        for workers in (1, 2):
            _load_check(results, f"simulate-{workers}")
            _say(f"1b. simulate --runs {sim_runs} --workers {workers} ...")
            s = games.simulate_wall(sim_runs, workers)
            results["simulate"].append(s)
            _say(
                f"   {s['wall_s']:.1f} s"
                + (
                    f" (-> {s['wall_s_at_target']:.0f} s at {s['target_runs']} runs, extrapolated)"
                    if s["extrapolated"]
                    else ""
                )
            )
            checkpoint(results)
    if "ui" in only:
        _load_check(results, "ui")
        _say("4. UI frame time (bench/ui_frame.py) ...")
        results["ui"] = ui.run_ui(quick=quick)
        _say("   " + (results["ui"].get("skipped") or results["ui"].get("status", "")))
        checkpoint(results)
    results["total_s"] = time.perf_counter() - t_all
    results["load_after"] = load_average()
    results["targets"] = evaluate(results)
    return results


# --- targets -----------------------------------------------------------------------


def _status(value, limit, higher_is_better=False) -> str:
    if value is None:
        return "not measured"
    ok = value >= limit if higher_is_better else value <= limit
    return "met" if ok else "MISSED"


def _big_row(results: dict) -> dict | None:
    rows = results.get("scaling", {}).get("rows", [])
    return next((r for r in rows if r["actors"] == 193 and r["issues"] == 10), None)


def evaluate(results: dict) -> list[dict]:
    out = []
    n = results.get("negmas")
    ratio = n.get("ratio_median") if n and "skipped" not in n else None
    out.append(
        {
            "target": "cst-1999 game vs one negmas negotiation (median ratio)",
            "goal": f">= {TARGETS['negmas_ratio']:.0f}x (aim {TARGETS['negmas_ratio_aim']:.0f}x)",
            "measured": None if ratio is None else f"{ratio:.2f}x",
            "status": _status(ratio, TARGETS["negmas_ratio"], True)
            + (" (aim met)" if ratio is not None and ratio >= TARGETS["negmas_ratio_aim"] else ""),
        }
    )
    sim2 = next((s for s in results.get("simulate", []) if s["workers"] == 2), None)
    v = sim2["wall_s_at_target"] if sim2 else None
    out.append(
        {
            "target": "simulate --runs 10000, 2 workers",
            "goal": f"< {TARGETS['simulate_2w_s']:.0f} s",
            "measured": None
            if v is None
            else f"{v:.1f} s" + (" (extrapolated)" if sim2["extrapolated"] else ""),
            "status": _status(v, TARGETS["simulate_2w_s"]),
        }
    )
    big = _big_row(results)
    if big is None:
        bv, bm = None, None
    elif big["status"] != "ok":
        bv, bm = None, big["status"]
    else:
        bv, bm = big["game_s"], f"{big['game_s']:.2f} s"
    out.append(
        {
            "target": "193 actors x 10 issues, one AI game",
            "goal": f"< {TARGETS['big_game_s']:.0f} s",
            "measured": bm,
            "status": "MISSED" if bm == "over budget" else _status(bv, TARGETS["big_game_s"]),
        }
    )
    fits = results.get("scaling", {}).get("fits", {})
    for k, fit in sorted(fits.items(), key=lambda kv: int(kv[0])):
        e = fit.get("game_exponent")
        out.append(
            {
                "target": f"growth of game time in actors ({k} issues, sizes {fit['sizes_fitted']})",
                "goal": f"<= N^{TARGETS['growth_exponent']}",
                "measured": None if e is None else f"N^{e:.2f}",
                "status": _status(e, TARGETS["growth_exponent"] + 0.05),
            }
        )
    u = results.get("ui", {})
    ok = u.get("status") == "ok"
    scene = f" ({u['scene']})" if ok and u.get("scene") else ""
    out.append(
        {
            "target": f"UI p95 frame time at 1280x720{scene}",
            "goal": f"< {TARGETS['ui_p95_ms']:.0f} ms",
            "measured": f"{u['p95_ms']:.2f} ms" if ok and u.get("p95_ms") is not None else u.get("status"),
            "status": _status(u.get("p95_ms") if ok else None, TARGETS["ui_p95_ms"]),
        }
    )
    for sc_ in (u.get("scenes") or [])[1:] if ok else []:
        if sc_["scene"].startswith("of which"):
            continue
        out.append(
            {
                "target": f"UI p95 frame time ({sc_['scene']})",
                "goal": f"< {TARGETS['ui_p95_ms']:.0f} ms",
                "measured": f"{sc_['p95_ms']:.2f} ms",
                "status": _status(sc_["p95_ms"], TARGETS["ui_p95_ms"]),
            }
        )
    out.append(
        {
            "target": "UI time to first frame",
            "goal": f"< {TARGETS['ui_first_frame_s']} s",
            "measured": f"{u['first_frame_s']:.2f} s"
            if ok and u.get("first_frame_s") is not None
            else u.get("status"),
            "status": _status(u.get("first_frame_s") if ok else None, TARGETS["ui_first_frame_s"]),
        }
    )
    return out


# --- before/after ------------------------------------------------------------------


def headline(results: dict) -> dict[str, float]:
    """Key figures (seconds unless named otherwise; lower is better except *_per_s and ratios)."""
    h: dict[str, float] = {}
    g = results.get("games")
    if g:
        h["cst-1999 game (median)"] = g["game_s"]["median"]
        h["cst-1999 AI decision (mean)"] = g["decision_mean_s"]
    n = results.get("negmas")
    if n and "skipped" not in n:
        h["negmas negotiation (median)"] = n["negmas_s"]["median"]
        h["ratio negmas/ours (median, higher is better)"] = n["ratio_median"]
    for s in results.get("simulate", []):
        h[f"simulate 10000 runs, {s['workers']} worker(s)"] = s["wall_s_at_target"]
    for r in results.get("scaling", {}).get("rows", []):
        if r["status"] == "ok":
            h[f"game {r['actors']}x{r['issues']}"] = r["game_s"]
            h[f"decision {r['actors']}x{r['issues']}"] = r["decision_s"]
    for k, fit in results.get("scaling", {}).get("fits", {}).items():
        if fit.get("game_exponent") is not None:
            h[f"growth exponent ({k} issues)"] = fit["game_exponent"]
    u = results.get("ui", {})
    if u.get("status") == "ok":
        if u.get("p95_ms") is not None:
            h["UI p95 frame (ms)"] = u["p95_ms"]
        if u.get("first_frame_s") is not None:
            h["UI first frame"] = u["first_frame_s"]
    return h


def _fmt_value(name: str, v: float) -> str:
    if "ratio" in name:
        return f"{v:.2f}x"
    if "exponent" in name:
        return f"{v:.2f}"
    if "(ms)" in name:
        return f"{v:.2f} ms"
    return fmt_time(v)


# --- markdown ----------------------------------------------------------------------


def _mb(b) -> str:
    return "-" if b is None else f"{b / 2**20:.1f} MiB"


def markdown(results: dict, baseline: dict | None = None) -> str:
    m = results["machine"]
    L = [
        f"# Treaty Table benchmarks ({results['mode']}"
        f"{', ' + results['label'] if results.get('label') else ''})",
        "",
        f"Run {results['when']}, {results.get('total_s', 0):.0f} s in all.",
        "",
        "```",
        format_machine(m),
        "```",
        "",
    ]
    busy = {
        k: v
        for k, v in results.get("load_before", {}).items()
        if v and v[0] > (m.get("usable_cores") or 1) - 0.5
    }
    if busy:
        L += [
            "**Warning:** the machine was busy with other work before: "
            + ", ".join(f"{k} (load {v[0]})" for k, v in busy.items())
            + ". Wall times there are inflated; "
            "CPU-time figures and ratios measured within the run are more robust.",
            "",
        ]
    L += ["## Targets", "", "| target | goal | measured | status |", "|---|---|---|---|"]
    for t in results.get("targets", []):
        L.append(f"| {t['target']} | {t['goal']} | {t['measured'] or '-'} | {t['status']} |")
    g = results.get("games")
    if g or results.get("simulate"):
        L += ["", "## 1. AI-only games of cst-1999", ""]
    if g:
        L += [
            "| games | games/s | game median | game min | CPU per game (median) | decisions/game | "
            "mean decision | slowest decision | share in decisions |",
            "|---|---|---|---|---|---|---|---|---|",
            f"| {g['games']} | {g['games_per_s']:.1f} | {fmt_time(g['game_s']['median'])} | "
            f"{fmt_time(g['game_s']['min'])} | {fmt_time(g['game_cpu_s']['median'])} | "
            f"{g['decisions_per_game']:.1f} | "
            f"{fmt_time(g['decision_mean_s'])} | {fmt_time(g['decision_max_s'])} | "
            f"{g['decision_share']:.0%} |",
            "",
        ]
    if results.get("simulate"):
        L += [
            "`simulate` (game.session.simulate.simulate, seed 1, historical events, normal):",
            "",
            "| workers | runs played | wall | runs/s | at 10000 runs |",
            "|---|---|---|---|---|",
        ]
        for s in results["simulate"]:
            L.append(
                f"| {s['workers']} | {s['runs']} | {s['wall_s']:.1f} s | {s['runs_per_s']:.1f} | "
                f"{s['wall_s_at_target']:.1f} s{' (extrapolated)' if s['extrapolated'] else ''} |"
            )
        if any(s["extrapolated"] for s in results["simulate"]):
            L += [
                "",
                "_Quick mode: fewer runs were played and the wall time scaled linearly to 10000 "
                "runs (pool start-up included, so slightly pessimistic)._",
            ]
    n = results.get("negmas")
    if n:
        L += ["", "## 2. negmas vs one AI game (interleaved)", ""]
        if "skipped" in n:
            L.append(f"Skipped: {n['skipped']}.")
        else:
            sh = n["shape"]
            L += [
                f"negmas {n['negmas_version']}: SAOMechanism, {sh['agents']} AspirationNegotiator agents, "
                f"{sh['issues']} issues x {sh['levels']} {sh['levels_kind']} levels, random linear additive "
                f"utilities, {sh['steps']} steps (mean {n['negmas_steps_mean']:.1f} steps used, "
                f"agreement in {n['negmas_agreement_rate']:.0%}). Ours: Match + run_ai on cst-1999 "
                f"({n['ours_decisions_per_game']:.0f} AI decisions per game). {n['reps']} repetitions each.",
                "",
                "| | median | min |",
                "|---|---|---|",
                f"| negmas negotiation (setup + run) | {fmt_time(n['negmas_s']['median'])} | "
                f"{fmt_time(n['negmas_s']['min'])} |",
                f"| negmas run() only | {fmt_time(n['negmas_run_only_s']['median'])} | "
                f"{fmt_time(n['negmas_run_only_s']['min'])} |",
                f"| one AI game of ours | {fmt_time(n['ours_s']['median'])} | "
                f"{fmt_time(n['ours_s']['min'])} |",
                f"| ratio negmas / ours | {n['ratio_median']:.2f}x | {n['ratio_min']:.2f}x |",
                "",
            ]
            if "passive_s" in n:
                L += [
                    "The floors under one game of ours (same seeds, timed whole the same way): what a "
                    f"{TARGETS['negmas_ratio']:.0f}x ratio leaves for the AI.",
                    "",
                    "| | median | negmas / it |",
                    "|---|---|---|",
                    f"| {TARGETS['negmas_ratio']:.0f}x target: ours at most | "
                    f"{fmt_time(n['negmas_s']['median'] / TARGETS['negmas_ratio'])} | "
                    f"{TARGETS['negmas_ratio']:.0f}x |",
                    f"| the engine alone: the AI game's {n['ours_decisions_per_game']:.0f} moves replayed, "
                    f"no AI | {fmt_time(n['replay_s']['median'])} | {n['ratio_replay_median']:.2f}x |",
                    f"| a game of passive players ({n['passive_actions_per_game']:.0f} moves; they only "
                    f"pass, put and sign) | {fmt_time(n['passive_s']['median'])} | "
                    f"{n['ratio_passive_median']:.2f}x |",
                    "",
                ]
            L += [
                f"Run-only ratio (median): {n['ratio_run_only_median']:.2f}x; median of paired ratios: "
                f"{n['ratio_paired_median']:.2f}x; ratio of median CPU times: {n['ratio_cpu_median']:.2f}x.",
            ]
    sc = results.get("scaling")
    if sc:
        L += [
            "",
            f"## 3. Scaling with the number of actors ({sc['rounds']} rounds, generated scenarios)",
            "",
            "| actors | issues | status | game (warm median) | CPU per game | cold game | decisions/game | "
            "per decision | slowest decision | peak memory (tracemalloc) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in sc["rows"]:
            if r["status"] != "ok":
                L.append(
                    f"| {r['actors']} | {r['issues']} | {r['status']} (limit {r['time_limit_s']:.0f} s) "
                    "| - | - | - | - | - | - | - |"
                )
                continue
            L.append(
                f"| {r['actors']} | {r['issues']} | ok ({r['games']} games) | {fmt_time(r['game_s'])} | "
                f"{fmt_time(r.get('game_cpu_s'))} | "
                f"{fmt_time(r['cold_game_s'])} | {r['decisions_per_game']:.0f} | "
                f"{fmt_time(r['decision_s'])} | "
                f"{fmt_time(r['decision_max_s'])} | {_mb(r.get('peak_mem_bytes'))} |"
            )
        L += [
            "",
            "Fitted growth exponents (log-log least squares over the sizes that finished):",
            "",
            "| issues | game time | time per decision | decisions per game | peak memory |",
            "|---|---|---|---|---|",
        ]
        for k, f in sorted(sc["fits"].items(), key=lambda kv: int(kv[0])):
            fx = [
                f.get(x)
                for x in ("game_exponent", "decision_exponent", "decisions_exponent", "memory_exponent")
            ]
            L.append(f"| {k} | " + " | ".join("-" if x is None else f"N^{x:.2f}" for x in fx) + " |")
    u = results.get("ui")
    if u:
        L += ["", "## 4. UI", ""]
        if u.get("skipped"):
            L.append(f"Skipped: {u['skipped']}.")
        elif u.get("status") != "ok":
            L.append(f"{u.get('status')}: {u.get('stderr', '')[-500:]}")
        else:
            p50, p95, ff = u.get("p50_ms"), u.get("p95_ms"), u.get("first_frame_s")
            L += [
                "| p50 frame | p95 frame | first frame | video driver |",
                "|---|---|---|---|",
                f"| {'-' if p50 is None else f'{p50:.2f} ms'} | {'-' if p95 is None else f'{p95:.2f} ms'} | "
                f"{'-' if ff is None else f'{ff:.2f} s'} | {u.get('driver')} |",
            ]
            if u.get("scenes"):
                L += [
                    "",
                    "Every scene bench/ui_frame.py measured (the first is the headline figure):",
                    "",
                    "| scene | frames | p50 | p95 | max |",
                    "|---|---|---|---|---|",
                ]
                for sc_ in u["scenes"]:
                    mx = sc_.get("max_ms")
                    L.append(
                        f"| {sc_['scene']} | {sc_['frames']} | {sc_['p50_ms']:.2f} ms | "
                        f"{sc_['p95_ms']:.2f} ms | "
                        f"{'-' if mx is None else f'{mx:.2f} ms'} |"
                    )
    if baseline:
        before, after = headline(baseline), headline(results)
        L += [
            "",
            f"## Before/after (baseline: {baseline.get('label') or baseline.get('when')}, "
            f"{baseline.get('mode')})",
            "",
            "| figure | before | after | speed-up |",
            "|---|---|---|---|",
        ]
        for name, b in before.items():
            if name not in after:
                continue
            a = after[name]
            if "exponent" in name:
                change = f"{a - b:+.2f}"
            elif "ratio" in name:
                change = f"{a / b:.2f}x" if b else "-"
            else:
                change = f"{b / a:.2f}x" if a else "-"
            L.append(f"| {name} | {_fmt_value(name, b)} | {_fmt_value(name, a)} | {change} |")
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> dict:
    ensure_repo_on_path()
    ap = argparse.ArgumentParser(description="Run every Treaty Table benchmark (see bench/README.md).")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="fewer runs and repetitions; simulate is extrapolated to 10000 runs",
    )
    ap.add_argument("--only", help=f"comma-separated subset of: {','.join(SECTIONS)}")
    ap.add_argument("--sim-runs", type=int, help="runs for the simulate benchmark (default 10000, quick 400)")
    ap.add_argument("--label", default="", help="a name for this run, e.g. before / after")
    ap.add_argument("--baseline", type=Path, help="an earlier results JSON to compare with")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument(
        "--blas-threads",
        type=int,
        help="run everything with OPENBLAS/OMP/MKL_NUM_THREADS set to this (re-executes itself)",
    )
    args = ap.parse_args(argv)
    if args.blas_threads and os.environ.get("BENCH_BLAS_SET") != "1":
        env = dict(os.environ, BENCH_BLAS_SET="1")
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(args.blas_threads)
        argv = sys.argv[1:] if argv is None else argv
        os.execve(sys.executable, [sys.executable, str(Path(__file__).resolve()), *argv], env)
    if args.only and not set(args.only.split(",")) <= set(SECTIONS):
        ap.error(f"--only takes names from {','.join(SECTIONS)}")
    baseline = json.loads(args.baseline.read_text()) if args.baseline else None

    info = machine_info()
    print("Machine:\n  " + format_machine(info).replace("\n", "\n  "), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = f"bench-{stamp}-{'quick' if args.quick else 'full'}" + (f"-{args.label}" if args.label else "")
    json_path, md_path = args.out / f"{stem}.json", args.out / f"{stem}.md"
    partial = args.out / f"{stem}.partial.json"

    def checkpoint(results: dict) -> None:
        partial.write_text(json.dumps(results, indent=2, default=str) + "\n")

    results = run(args, checkpoint)
    json_path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    md = markdown(results, baseline)
    md_path.write_text(md)
    shutil.copyfile(json_path, args.out / "latest.json")
    shutil.copyfile(md_path, args.out / "latest.md")
    partial.unlink(missing_ok=True)
    print()
    print(md)
    print(
        f"Written: {json_path.relative_to(ROOT) if json_path.is_relative_to(ROOT) else json_path}, "
        f"{md_path.name} (and latest.json / latest.md)"
    )
    return results


if __name__ == "__main__":
    main()
