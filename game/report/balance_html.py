"""The balance report as one self-contained HTML page (inline CSS and SVG).

Nothing is loaded from the network and there is no script; every piece of
scenario text goes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from game.report.balance_svg import LABEL_COLOURS, hbars, histogram, icon_svg, legend_icon, scatter

CSS = """
body{font-family:"DejaVu Sans",Verdana,system-ui,sans-serif;color:#1f2a44;background:#f4f1ea;margin:0;
line-height:1.45;font-size:15px}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px;background:#fffdf8;box-shadow:0 0 0 1px #e6e0d2}
header{border-bottom:3px solid #b8860b;margin-bottom:18px;padding-bottom:8px}
h1{font-size:26px;margin:0 0 4px;color:#14213d}h2{font-size:19px;margin:28px 0 8px;color:#14213d;
border-bottom:1px solid #e6e0d2;padding-bottom:4px}h3{font-size:15px;margin:14px 0 6px}
.sub{color:#4b5563;margin:0}.meta{color:#6b7280;font-size:13px;margin-top:6px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:14px 0}
.card{background:#f7f4ec;border:1px solid #e6e0d2;border-radius:8px;padding:10px 12px}
.card b{display:block;font-size:24px;color:#14213d}.card span{color:#4b5563;font-size:13px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:22px;align-items:start}
.grid3{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:22px;align-items:start}
.key{white-space:nowrap;margin-right:8px}
table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0}
th,td{padding:5px 8px;border-bottom:1px solid #ece7db;text-align:left;vertical-align:top}
th{background:#f2eee4;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.warn{background:#fff4e5;border:1px solid #f0b35a;border-left:6px solid #d97706;border-radius:6px;
padding:10px 14px;margin:12px 0}.warn ul{margin:4px 0 0 18px;padding:0}
.ok{background:#ecf7ee;border:1px solid #9ccca4;border-left:6px solid #1b7837;border-radius:6px;padding:10px 14px}
.swatch{display:inline-block;width:11px;height:11px;border-radius:3px;margin-right:6px;
border:1px solid #0003;vertical-align:-1px}.small{font-size:13px;color:#4b5563}
.icon{vertical-align:-1px}.pill{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px}
.bar{display:inline-block;height:10px;background:#3b6ea5;border-radius:2px;vertical-align:middle}
footer{margin-top:30px;font-size:12px;color:#6b7280}
tr.hist td{background:#fbf3df;border-top:2px solid #b8860b}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _pct(value: float) -> str:
    return "<1%" if 0 < value < 0.005 else f"{value:.0%}"


def _signed(value: float) -> str:
    return f"{value + 0.0:+.1f}".replace("-0.0", "+0.0")


def _cards(r: dict) -> str:
    t = r["outcomes"]["tightness"]
    cards = [(f"{t['mean']:.1f}", "mean tightness (0-100)"), (f"{t['p10']:.0f}-{t['p90']:.0f}", "tightness p10-p90"),
             (_pct(r["in_force"]), "games in force"), (f"{r['signatories_mean']:.1f}", "signatories on average")]
    if r["history"]:
        h = r["history"]
        cards.append((f"{h['tightness']:.1f}", f"history ({h['label']})"))
    return '<div class="cards">' + "".join(f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>'
                                           for v, k in cards) + "</div>"


def _warnings(r: dict) -> str:
    if not r["warnings"]:
        return '<div class="ok">No warnings: the outcome varies, and every role can score.</div>'
    items = "".join(f"<li>{_e(w)}</li>" for w in r["warnings"])
    return f'<div class="warn"><b>Warnings</b><ul>{items}</ul></div>'


def _outcome_charts(r: dict) -> str:
    labels = r["outcomes"]["labels"]
    runs = max(r["runs"], 1)
    order = [k for k in ("tight", "moderate", "loose", "lapsed") if k in labels] + \
        [k for k in labels if k not in LABEL_COLOURS]
    label_svg = hbars([(k, labels[k] / runs, f"{labels[k]} ({labels[k] / runs:.0%})") for k in order], 1.0,
                      "Outcome labels", colours=[LABEL_COLOURS.get(k, "#3b6ea5") for k in order],
                      label_width=100, width=400)
    parts = [f"<div><h3>Outcome labels</h3>{label_svg}"]
    seq = {k: v for k, v in r["outcomes"]["sequencing"].items() if k != "None"}
    if seq:
        names = {}
        for issue in r["scenario"]["issues"]:
            names.update(issue["levels"])
        parts.append("<h3>Sequencing</h3>" + hbars(
            [(names.get(k, k), v / runs, f"{v} ({v / runs:.0%})") for k, v in sorted(seq.items(), key=lambda kv: -kv[1])],
            1.0, "Sequencing chosen", label_width=130, width=400))
    parts.append("</div>")
    hist = r["history"]
    parts.append("<div><h3>Tightness of the treaty</h3>"
                 + histogram(r["histogram"], "Tightness histogram", hist["tightness"] if hist else None)
                 + '<p class="small">Lapsed treaties score 0.'
                 + (" The dashed line is the historical outcome, scored by the same rules." if hist else "")
                 + "</p></div>")
    points = [(p[0], p[1], p[2]) for p in r["points"]]
    weighted = r["scenario"].get("capability_weighted_breadth", False)
    parts.append("<div><h3>Depth and breadth</h3>" + scatter(points, "Depth-breadth plane",
                 (hist["depth"], hist["breadth"]) if hist else None,
                 x_label="breadth (signatories' share of capability)" if weighted
                 else "breadth (share of parties signing)")
                 + '<p class="small">One mark per distinct outcome (bigger: more games), its shape and colour '
                 'by label: '
                 + " ".join(f'<span class="key">{legend_icon(k)} {_e(k)}</span>' for k in LABEL_COLOURS)
                 + (f'<span class="key">{icon_svg("diamond", "#b8860b", r=5)} history (diamond)</span>'
                    if hist else "")
                 + "</p></div>")
    return '<div class="grid3">' + "".join(parts) + "</div>"


def _actors(r: dict) -> str:
    rows = r["actors"]
    sign_svg = hbars([(a["name"], a["signed"], _pct(a["signed"])) for a in rows], 1.0, "Signing rate",
                     colours=[a["colour"] for a in rows])
    score_svg = hbars([(a["name"], a["score_mean"], f"{a['score_mean']:.0f}") for a in rows], 100.0,
                      "Mean role score", colours=[a["colour"] for a in rows])
    head = ("<tr><th>actor</th><th class=num>signed</th><th class=num>mean score</th><th class=num>range</th>"
            + ("<th class=num>history</th>" if r["history"] else "") + "<th>objectives met (share of games)</th></tr>")
    body = []
    for a in rows:
        objs = "<br>".join(f'<span class="bar" style="width:{max(1, round(o["met"] * 60))}px"></span> '
                           f'{_e(_pct(o["met"]))} &nbsp;{_e(o["description"])} <span class="small">({o["points"]} pt)</span>'
                           for o in a["objectives"]) or '<span class="small">none</span>'
        hist = f"<td class=num>{a['history_score']:.0f}</td>" if r["history"] else ""
        words = {"boycotting": "boycotting at the start",
                 "non_party": "not a party at the start" if a["signed"] else "not a party"}
        status = "" if a["status"] == "party" else f' <span class="small">({_e(words.get(a["status"], a["status"]))})</span>'
        # a non-party cannot sign (unless an event makes it a party)
        signed = "—" if a["status"] == "non_party" and not a["signed"] else _pct(a["signed"])
        body.append(f'<tr><td><span class="swatch" style="background:{_e(a["colour"])}"></span>{_e(a["name"])}'
                    f"{status}</td><td class=num>{_e(signed)}</td><td class=num>{a['score_mean']:.2f}</td>"
                    f"<td class=num>{a['score_min']:.0f}-{a['score_max']:.0f}</td>{hist}<td>{objs}</td></tr>")
    return (f'<div class="grid"><div><h3>Signing rate</h3>{sign_svg}</div>'
            f"<div><h3>Mean role score (0-100)</h3>{score_svg}</div></div>"
            f"<table>{head}{''.join(body)}</table>")


def _texts(r: dict) -> str:
    issues = r["scenario"]["issues"]
    head = "<tr><th class=num>games</th>" + "".join(f"<th>{_e(i['name'])}</th>" for i in issues) + \
        "<th>signatories</th></tr>"
    names = {a["id"]: a["name"] for a in r["actors"]}
    body = []
    for t in r["texts"]:
        cells = "".join(f"<td>{_e(i['levels'].get(t['levels'][i['id']], t['levels'][i['id']]))}</td>" for i in issues)
        signed = ", ".join(names.get(a, a) for a in t["signed"]) or "none"
        tag = "" if t["in_force"] else ' <span class="pill" style="background:#b2182b">lapsed</span>'
        body.append(f"<tr><td class=num>{_e(_pct(t['share']))}</td>{cells}<td>{_e(signed)}{tag}</td></tr>")
    h = r["history"]
    if h and h.get("levels"):
        cells = "".join(f"<td>{_e(i['levels'].get(h['levels'].get(i['id'], ''), h['levels'].get(i['id'], '')))}</td>"
                        for i in issues)
        signed = ", ".join(names.get(a, a) for a in h["signed"]) or "none"
        body.append(f'<tr class="hist"><td class=num><b>history</b></td>{cells}<td>{_e(signed)}</td></tr>')
    return f"<table>{head}{''.join(body)}</table>"


def _sensitivity(r: dict) -> str:
    rows = r["sensitivity"]
    if not rows:
        return '<p class="small">No sensitivity runs.</p>'
    head = ("<tr><th>what was changed</th><th class=num>games changed</th><th></th>"
            "<th class=num>change in tightness</th><th class=num>change in signatories</th></tr>")
    body = []

    def cell(row: dict, key: str) -> str:
        if row["only"] is not None:
            return _signed(row["only"][key])
        return " / ".join("n/a" if row[s] is None else _signed(row[s][key]) for s in ("minus", "plus"))

    quiet = [row for row in rows if row["swing"] == 0 and row["d_tightness"] == 0 and row["d_signers"] == 0]
    rows = [row for row in rows if row not in quiet]
    for row in rows:
        bar = f'<span class="bar" style="width:{max(1, round(row["swing"] * 120))}px"></span>'
        body.append(f"<tr><td>{_e(row['label'])}{'' if row['only'] is not None else ' (&minus; / +)'}</td>"
                    f"<td class=num>{_e(_pct(row['swing']))}</td><td>{bar}</td>"
                    f"<td class=num>{cell(row, 'd_tightness')}</td><td class=num>{cell(row, 'd_signers')}</td></tr>")
    return (f'<p class="small">{r["sensitivity_runs"]} games were replayed on the same seeds with one thing '
            f"changed: each party played by a passive player (it only passes, and signs when the text beats "
            f"staying out), each outside option moved down and up by {r['outside_step']}, and a few settings moved "
            "by one step. &ldquo;Games changed&rdquo; is the share of games whose final text or signatories "
            "differ (the larger of the two directions); the other columns give the mean change in tightness and "
            f"in the number of signatories (lower / higher value).</p>"
            + (f"<table>{head}{''.join(body)}</table>" if body else "<p>Nothing tried changed any game.</p>")
            + (f'<p class="small"><b>No change at all:</b> {_e(", ".join(row["label"] for row in quiet))}.</p>'
               if quiet else ""))


def render_html(r: dict) -> str:
    """The whole page."""
    sc = r["scenario"]
    title = f"Balance report: {sc['title']}"
    meta = (f"{_e(sc['id'])} v{_e(sc['version'])} &middot; {r['runs']} AI-only games &middot; seed {r['seed']} "
            f"&middot; events {_e(r['events'])} &middot; difficulty {_e(r['difficulty'])}"
            + (f" &middot; {_e(sc['length'])}" if sc.get("length") else ""))
    history = ""
    if r["history"]:
        h = r["history"]
        names = {a["id"]: a["name"] for a in r["actors"]}
        history = (f'<p class="small">History, scored by the same rules: tightness {h["tightness"]:.1f} '
                   f'({_e(h["label"])}), signed by {_e(", ".join(names.get(a, a) for a in h["signed"]) or "none")}.</p>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{CSS}</style></head>
<body><main>
<header><h1>{_e(title)}</h1><p class="sub">{_e(sc.get('subtitle', ''))}</p><p class="meta">{meta}</p></header>
{_warnings(r)}
{_cards(r)}
{history}
<h2>Outcomes</h2>
{_outcome_charts(r)}
<h2>The actors</h2>
{_actors(r)}
<h2>Most common final texts</h2>
{_texts(r)}
<h2>What swings the outcome</h2>
{_sensitivity(r)}
<footer>Made by <code>treaty-table balance</code>. Every game is played by the AI in every seat with the
seeds derived from the master seed, exactly as <code>treaty-table simulate</code> does; the same command
with the same seed gives the same page.</footer>
</main></body></html>
"""
