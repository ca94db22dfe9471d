"""The debrief as slides for the classroom's projector (``treaty-table debrief SAVE --slides FILE``).

The debrief report (:mod:`game.report.debrief`) is a document to read and print. A class discusses
its game in front of one screen, so the same findings also come as a deck: one finding per slide
in type a back row can read (the result beside history, the final text, who signed, the charts,
then each discussion prompt on a slide of its own, the awards (:mod:`game.report.awards`), and what
history did last).

The file stands alone and works offline in any browser. Slides are laid out on a 1280 x 720 canvas
that is scaled to the window (CSS only), so they look the same on a laptop and a projector.
Keys: Right, Down, Page Down, Space or Enter for the next slide (a presenter's remote sends Page
Down / Page Up); Left, Up, Page Up or Backspace for the one before; Home and End; F full screen;
B or . blanks the screen (as in presentation programs). A click on the right two thirds goes on, on
the left third back; a finger swipes. The address keeps the slide (``#7``), so a reload stays there.
Without JavaScript the slides are one under the other, each filling the window's height, and
scrolling snaps to them (Page Down, Space and the arrows go one slide on or back); printed, each is a
landscape page. A table is cut over slides by the lines its rows take, not only by their number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from game.report import awards as AW
from game.report import debrief as R
from game.report.html import badge, esc, fmt, paragraphs, tag, when, whole

@dataclass(frozen=True)
class Slide:
    html: str  # the slide's markup
    small: bool = False  # set in smaller type (long prose, many delegations)


TABLE_ROWS = 10  # clause rows a slide holds in type a room can read; more go on to a second slide
LONG_TEXT = 900  # characters of prose above which a slide's type is set smaller
SCORE_ROWS = 10  # roles a score slide holds
CHIPS_LARGE = 12  # delegations a "who signed" slide sets in large type
CHIPS_NAMED = 40  # above this many at the table, "who signed" shows their badges without their names
STANCE_LINES = 20  # above this many delegations, the stances chart is a tangle on a screen: left out

CSS = """
:root { --u: min(calc(100vw / 1280), calc(100vh / 720)); --blue:#1f3a5f; --brass:#8a6d3b;
        --ink:#1b1b1b; --muted:#4d4d4d; --rule:#c8c2b4; --soft:#eef1f5; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #2b2b2b; color: var(--ink);
       font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
.slide { width: calc(1280 * var(--u)); height: calc(720 * var(--u)); margin: calc(12 * var(--u)) auto;
         padding: calc(44 * var(--u)) calc(64 * var(--u)) calc(40 * var(--u)); background: #fff;
         font-size: calc(28 * var(--u)); line-height: 1.35; display: flex; flex-direction: column;
         overflow: hidden; position: relative; border-top: calc(10 * var(--u)) solid var(--blue); }
.slide.small { font-size: calc(23 * var(--u)); }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .6em; color: var(--brass);
          font-weight: 700; margin: 0 0 .3em; }
h1 { font-size: 2.1em; line-height: 1.15; color: var(--blue); margin: 0 0 .3em; }
h2 { font-size: 1.45em; line-height: 1.2; color: var(--blue); margin: 0 0 .4em; padding-bottom: .1em;
     border-bottom: calc(3 * var(--u)) solid var(--brass); }
p { margin: 0 0 .55em; }
.sub { font-size: 1.05em; color: var(--muted); font-family: Georgia, "DejaVu Serif", serif; }
.muted { color: var(--muted); }
.note { font-size: .68em; color: var(--muted); margin-top: auto; padding-top: .4em; }
.keys { font-size: .6em; color: var(--muted); margin-top: auto; }
.keys kbd { border: 1px solid #999; border-radius: .25em; padding: 0 .3em; font-family: inherit; }
.two { display: flex; gap: calc(36 * var(--u)); }
.two > * { flex: 1 1 0; min-width: 0; }
.card { border: calc(2 * var(--u)) solid var(--blue); border-radius: .3em; padding: .45em .7em; }
.card.hist { border-color: #777; border-style: dashed; }
.card h3 { font-size: .8em; margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.big { font-size: 3em; font-weight: 700; color: var(--blue); line-height: 1.05; }
.card.hist .big { color: #333; }
.label { font-size: 1.1em; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border-bottom: calc(1.5 * var(--u)) solid var(--rule); padding: .2em .4em; text-align: left;
         vertical-align: top; }
th { background: var(--soft); font-size: .85em; border-bottom: calc(2 * var(--u)) solid #777; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tag { display: inline-block; border: calc(1.5 * var(--u)) solid currentColor; border-radius: .2em;
       padding: 0 .25em; font-size: .62em; text-transform: uppercase; letter-spacing: .04em;
       vertical-align: .15em; white-space: nowrap; }
.badge { display: inline-block; min-width: 2.4em; padding: 0 .2em; border: 1px solid #333; border-radius: .2em;
         text-align: center; font-size: .75em; font-weight: 700; color: #111; }
.chips { display: flex; flex-wrap: wrap; gap: .25em .9em; margin: .1em 0 .6em; }
.chips span.name { white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
.chips.half span.name { max-width: calc(50% - .9em); }
.group h3 { font-size: .75em; margin: .2em 0 .15em; color: var(--muted); text-transform: uppercase;
            letter-spacing: .05em; }
.fig { flex: 1 1 0; min-height: 0; display: flex; justify-content: center; }
.fig svg { width: 100%; height: 100%; }
.prompt { font-size: 1.3em; line-height: 1.35; font-family: Georgia, "DejaVu Serif", serif; margin: auto 0; }
.prompt.long { font-size: 1.05em; }
.prose { font-family: Georgia, "DejaVu Serif", serif; }
.awards { display: flex; gap: calc(40 * var(--u)); flex: 1 1 0; min-height: 0; }
.awards > .col { flex: 1 1 0; min-width: 0; }
.award { margin: 0 0 .55em; }
.awards.roomy { font-size: 1.3em; }
.award .what { text-transform: uppercase; letter-spacing: .06em; font-size: .62em; color: var(--brass);
               font-weight: 700; margin: 0; }
.award .rule { text-transform: none; letter-spacing: 0; font-weight: 400; color: var(--muted); }
.award .gap { display: inline-block; width: 1em; }
.award .nowrap { white-space: nowrap; }
.award .winner { font-size: 1.25em; font-weight: 700; color: var(--blue); line-height: 1.15; margin: 0; }
.award .why { font-size: .72em; line-height: 1.3; margin: .1em 0 0; }
.count { position: absolute; right: calc(24 * var(--u)); bottom: calc(12 * var(--u)); font-size: .5em;
         color: var(--muted); }
#bar { position: fixed; left: 0; bottom: 0; height: 4px; background: var(--brass); width: 0; }
#blank { position: fixed; inset: 0; background: #000; display: none; z-index: 9; }
body.deck { overflow: hidden; background: #111; }
body.deck .slide { display: none; position: absolute; top: 50%; left: 50%; margin: 0;
                   transform: translate(-50%, -50%); }
body.deck .slide.on { display: flex; }
body.blanked #blank { display: block; }
body:not(.deck) #bar, body:not(.deck) .keys { display: none; }
@media screen {
  html { scroll-snap-type: y mandatory; scrollbar-width: none; }
  body:not(.deck) { overflow-x: hidden; }
  body:not(.deck) { display: flex; flex-direction: column; align-items: center; }
  body:not(.deck) .slide { flex: none; margin: calc((100vh - 720 * var(--u)) / 2) 0;
                           scroll-snap-align: center; scroll-snap-stop: always; }
}
@page { size: 1280px 720px; margin: 0; }
@media print {
  :root { --u: 1px; }
  body, body.deck { background: #fff; overflow: visible; }
  .slide, body.deck .slide { display: flex !important; position: relative; top: auto; left: auto;
                             transform: none; margin: 0;
                             break-after: page; page-break-after: always; }
  #bar, #blank, .keys { display: none !important; }
}
"""

SCRIPT = """
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
  if (!slides.length) return;
  var body = document.body, bar = document.getElementById('bar'), at = 0;
  body.classList.add('deck');
  function show(n) {
    at = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, i) { s.classList.toggle('on', i === at); });
    bar.style.width = (slides.length > 1 ? 100 * at / (slides.length - 1) : 100) + '%';
    if (location.hash !== '#' + (at + 1)) history.replaceState(null, '', '#' + (at + 1));
  }
  function fromHash() { var n = parseInt(location.hash.slice(1), 10); return isNaN(n) ? 0 : n - 1; }
  function full() {
    var d = document;
    if (d.fullscreenElement) { if (d.exitFullscreen) d.exitFullscreen(); }
    else if (d.documentElement.requestFullscreen) d.documentElement.requestFullscreen().catch(function () {});
  }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (body.classList.contains('blanked') && k !== 'F5') { body.classList.remove('blanked'); e.preventDefault(); return; }
    if (k === ' ' && e.shiftKey) show(at - 1);  // (as a browser scrolls back with it)
    else if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'PageDown' || k === ' ' || k === 'Enter' || k === 'n') show(at + 1);
    else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'PageUp' || k === 'Backspace' || k === 'p') show(at - 1);
    else if (k === 'Home') show(0);
    else if (k === 'End') show(slides.length - 1);
    else if (k === 'f' || k === 'F') full();
    else if (k === 'b' || k === 'B' || k === '.') body.classList.add('blanked');
    else return;
    e.preventDefault();
  });
  var x0 = null, y0 = null;
  document.addEventListener('touchstart', function (e) { x0 = e.touches[0].clientX; y0 = e.touches[0].clientY; }, {passive: true});
  document.addEventListener('touchend', function (e) {
    if (x0 === null) return;
    var dx = e.changedTouches[0].clientX - x0, dy = e.changedTouches[0].clientY - y0;
    x0 = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) {
      swiped = Date.now();
      if (body.classList.contains('blanked')) body.classList.remove('blanked');  // as any key: back, not on
      else show(at + (dx < 0 ? 1 : -1));
    }
  });
  var swiped = 0;  // when the last swipe was: a browser may follow a swipe with a click, or not
  document.addEventListener('click', function (e) {
    if (Date.now() - swiped < 600) return;
    if (body.classList.contains('blanked')) { body.classList.remove('blanked'); return; }
    if (e.target.closest && e.target.closest('a')) return;
    show(at + (e.clientX < window.innerWidth / 3 ? -1 : 1));
  });
  var wheeled = 0;  // a turn of the wheel (or a touchpad's two-finger swipe): one slide a gesture
  document.addEventListener('wheel', function (e) {
    var d = Math.abs(e.deltaY) >= Math.abs(e.deltaX) ? e.deltaY : e.deltaX;
    if (Math.abs(d) < 4 || e.ctrlKey) return;  // (Ctrl+wheel: the browser's zoom)
    e.preventDefault();
    var now = Date.now(), still = now - wheeled < 450;
    wheeled = now;
    if (!still && !body.classList.contains('blanked')) show(at + (d > 0 ? 1 : -1));
  }, {passive: false});
  window.addEventListener('hashchange', function () { show(fromHash()); });
  show(fromHash());
})();
"""

KEYS_HINT = ("<kbd>→</kbd> <kbd>Space</kbd> or <kbd>Page Down</kbd>: next · <kbd>←</kbd>: back · "
             "<kbd>F</kbd>: full screen · <kbd>B</kbd>: blank screen · printed, one slide a page")


def _who(sc, actor_id: str, named: bool = True) -> str:
    a = sc.actor(actor_id)
    return f'<span class="name">{badge(a.short, a.colour, a.name)}{" " + esc(a.name) if named else ""}</span>'


def _title(d: R.Debrief) -> str:
    sc, m = d.scenario, d.match
    people = [sc.actor(a).name for a in m.people]
    if not people:
        who = "All roles played by the computer."
    elif len(people) == len(sc.actors):
        who = "Every role played by people."
    else:
        who = f"Played by people: {', '.join(people)}; the other roles by the computer."
    return (f'<div class="kicker">Debrief</div><h1>{esc(sc.title)}</h1>'
            + (f'<p class="sub">{esc(sc.subtitle)}</p>' if sc.subtitle else "")
            + f'<p class="muted" style="font-size:.75em">{esc(who)} Seed {m.seed}, events '
              f"{esc(m.options.events)}, {len(m.actions)} moves.</p>"
            + f'<p class="keys">{KEYS_HINT}</p>')


def _card(head: str, t, extra: str, cls: str = "", put: bool = True) -> str:
    force = "enters into force" if t.in_force else f"lapses ({t.min_signatures} signatures needed)"
    said = (f"{len(t.signatories)} of {len(t.signatures)} signatures{extra}; {force}" if put
            else "No draft was put to signature: no agreement")
    return (f'<div class="card {cls}"><h3>{esc(head)}</h3><div class="big">{t.tightness:.0f}</div>'
            f'<div class="label">{esc(t.label)}</div><p>{esc(said)}</p></div>')


def _seq_name(d: R.Debrief, levels) -> str:
    model = d.model
    return f", {model.level_name(model.seq, levels[model.seq]).lower()}" if model.seq >= 0 else ""


def _result(d: R.Debrief) -> str:
    sc, t = d.scenario, d.result.treaty
    st = sc.settings
    ours = R._ours(d)
    put = d.match.state.on_table is not None
    cards = _card(ours.capitalize(), t, _seq_name(d, d.result.levels) if put else "", put=put)
    rows = [("Tightness (0-100)", f"{t.tightness:.0f}"), ("Depth: how binding", fmt(t.depth)),
            ("Breadth: who signed", fmt(t.breadth)), ("Cohesion: how reliable", fmt(t.cohesion))]
    heads = ["", ours.capitalize()]
    if d.history is not None and sc.history is not None:
        h = d.history.treaty
        cards += _card(f"History, {when(sc.history.date)}", h, _seq_name(d, d.history.levels), "hist")
        rows = [(a, b, c) for (a, b), c in zip(rows, (f"{h.tightness:.0f}", fmt(h.depth), fmt(h.breadth),
                                                       fmt(h.cohesion)))]
        heads.append("History")
    body = "".join("<tr>" + f"<td>{esc(r[0])}</td>" + "".join(f'<td class="num">{c}</td>' for c in r[1:])
                   + "</tr>" for r in rows)
    head = "".join(f'<th{" class=num" if n else ""}>{esc(h)}</th>' for n, h in enumerate(heads))
    return ("<h2>The result</h2>"
            f'<div class="two">{cards}</div>'
            f'<table style="margin-top:.6em"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            '<p class="note">Tightness: how strongly the agreement binds the parties that signed it (depth, '
            f"and the reliability of the signatories). Loose below {st.moderate_at:g}, tight from "
            f"{st.tight_at:g}.</p>")


def _text_slides(d: R.Debrief) -> list[str]:
    sc, model = d.scenario, d.model
    if d.match.state.on_table is None:
        return ["<h2>The final text</h2><p>No draft was put to signature, so no agreement was reached.</p>"]
    hist = d.history.levels if d.history is not None else None
    rows = []
    for k, issue in enumerate(sc.issues):
        mine = esc(model.level_name(k, d.result.levels[k]))
        cells = [f"<b>{esc(issue.name)}</b>", mine]
        if hist is not None:
            differs = hist[k] != d.result.levels[k]
            cells.append(esc(model.level_name(k, hist[k])) + (" " + tag("differs") if differs else ""))
        rows.append(cells)
    heads = ["Issue", R._ours(d).capitalize()] + (["History"] if hist is not None else [])
    head = "".join(f"<th>{esc(h)}</th>" for h in heads)
    return _table_slides("The final text", head, rows, TABLE_ROWS)


def _even(rows: list, n: int) -> list[list]:
    base, extra = divmod(len(rows), n)
    out, at = [], 0
    for k in range(n):
        size = base + (k < extra)
        out.append(rows[at:at + size])
        at += size
    return out


def chunks(rows: list, most: int, heights: list[float] | None = None, room: float = 0) -> list[list]:
    """``rows`` cut into as few runs of at most ``most`` as will do, their lengths differing by at
    most one (11 rows in 6 + 5, not 10 + 1). With ``heights`` (each row's height, in one-line rows),
    a run's rows are also at most ``room`` high: rows whose text wraps take more room."""
    n = max(1, -(-len(rows) // most))
    if heights is None:
        return _even(rows, n)
    while True:
        parts = _even(list(range(len(rows))), n)
        if n >= len(rows) or all(sum(heights[i] for i in p) <= room + 1e-9 for p in parts):
            return [[rows[i] for i in p] for p in parts]
        n += 1


TABLE_ROOM = 11.5  # one-line table rows a slide has room for under its title
NOTE_ROOM = 1.2  # the room a note under a table takes
LINE_CHARS = 72  # characters of a table's text that fill a slide's width in the table's type


def _height(cells: list[str], widths: tuple[int, ...]) -> float:
    """A table row's height in one-line rows, from how many lines its longest cell wraps to: ``widths``
    are the columns' shares of the line in characters (the rest share what is left)."""
    fixed = sum(widths)
    rest = max(1, len(cells) - len(widths))
    lines = 1
    for k, c in enumerate(cells):
        chars = widths[k] if k < len(widths) else max(8, (LINE_CHARS - fixed) // rest)
        text = unescape(re.sub(r"<[^>]+>", "", c)).strip()
        lines = max(lines, -(-len(text) // chars))
    return (0.4 + 1.35 * lines) / 1.75  # padding .2em above and below, lines 1.35em high


def _table_slides(title: str, head: str, rows: list[list[str]], most: int, num: tuple[int, ...] = (),
                  note: str = "", widths: tuple[int, ...] = ()) -> list[str]:
    """A table on one slide, or over several ("(1 of 2)") when it has more than ``most`` rows, or more
    lines than a slide has room for (``widths``: how many characters a line of the first columns holds)."""
    room = TABLE_ROOM - (NOTE_ROOM if note else 0)
    parts = chunks(rows, most, [_height(r, widths) for r in rows], room)
    out = []
    for n, part in enumerate(parts):
        more = f" ({n + 1} of {len(parts)})" if len(parts) > 1 else ""
        body = "".join("<tr>" + "".join(f'<td{" class=num" if k in num else ""}>{c}</td>' for k, c in enumerate(r))
                       + "</tr>" for r in part)
        out.append(f"<h2>{esc(title)}{more}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                   + (f'<p class="note">{esc(note)}</p>' if note else ""))
    return out


def _score_slides(d: R.Debrief) -> list[str]:
    """Each role's score beside history's and the computer's average, as numbers a room can read."""
    sc = d.scenario
    hist = sc.history is not None and any(r["history_score"] != "" for r in d.grades)
    ai = any(r["ai_mean_score"] != "" for r in d.grades)
    rows = []
    for r in d.grades:
        mark = " " + tag("people") if r["seat"] == "human" else " " + tag("your player") if r["seat"] == "bot" else ""
        rows.append([_who(sc, r["role"]) + mark, f"<b>{whole(r['score'])}</b>"]
                    + (["" if r["history_score"] == "" else whole(r["history_score"])] if hist else [])
                    + (["" if r["ai_mean_score"] == "" else whole(r["ai_mean_score"])] if ai else []))
    heads = (["Role", "Score"] + (["History"] if hist else [])
             + ([f"Computer (mean of {len(d.ai)})" if d.ai else "Computer"] if ai else []))
    head = "".join(f'<th{" class=num" if n else ""}>{esc(h)}</th>' for n, h in enumerate(heads))
    widths = (LINE_CHARS - sum(round(.8 * len(h)) + 2 for h in heads[1:]),)  # the numbers' columns are narrow
    against = " and ".join((["with the same role in history"] if hist else [])
                           + (["with the computer"] if ai else []))
    return _table_slides("Each role's score", head, rows, SCORE_ROWS, num=tuple(range(1, len(heads))),
                         widths=widths,
                         note="Scores 0-100: how well the result served each delegation's own instructions. "
                              + (f"Compare a role {against}, not with the other roles." if against
                                 else "Do not compare a role with the other roles."))


def _signed(d: R.Debrief) -> Slide | None:
    sc, t = d.scenario, d.result.treaty
    if d.match.state.on_table is None:
        return None
    here = set(t.signatories)
    at_table = [s.actor for s in t.signatures]
    if sc.history is not None:
        then = set(sc.history.signatories)
        groups = [("Signed, as in history", [a for a in at_table if a in here and a in then]),
                  ("Signed here, not in history", [a for a in at_table if a in here and a not in then]),
                  ("Signed in history, not here", [a for a in at_table if a not in here and a in then]),
                  ("Did not sign, as in history", [a for a in at_table if a not in here and a not in then])]
    else:
        groups = [("Signed", [a for a in at_table if a in here]),
                  ("Did not sign", [a for a in at_table if a not in here])]
    groups = [(name, ids) for name, ids in groups if ids]
    names = [[sc.actor(a).name for a in ids] for _, ids in groups]
    small = len(at_table) > CHIPS_LARGE or _chip_lines(names, CHIP_CHARS[0]) > CHIP_LINES[0]
    named = len(at_table) <= CHIPS_NAMED and _chip_lines(names, CHIP_CHARS[1], half=True) <= CHIP_LINES[1]
    half = named and _chip_lines(names, CHIP_CHARS[1]) > CHIP_LINES[1]  # long names: two to a line, cut
    html = "".join(f'<div class="group"><h3>{esc(name)} ({len(ids)})</h3><div class="chips{" half" if half else ""}">'
                   + "".join(_who(sc, a, named) for a in ids) + "</div></div>"
                   for name, ids in groups)
    return Slide(f"<h2>Who signed</h2>{html}"
                 f'<p class="note">{len(here)} of {len(at_table)} signed; {t.min_signatures} were needed for it '
                 "to enter into force.</p>", small=small)


CHIP_CHARS = (64, 78)  # characters of names a line of "who signed" holds, in large and in small type
CHIP_LINES = (10.5, 13.5)  # lines of names (a group's heading counts 1.2) a slide holds, large and small


def _chip_lines(groups: list[list[str]], width: int, half: bool = False) -> float:
    """How many lines the "who signed" groups take: each name with its badge, a name longer than the
    line (``half``: than half the line) cut with "…" (the badge's tooltip has it whole)."""
    lines = 0.0
    for names in groups:
        rows, x = 1, 0
        for name in names:
            w = min(width // 2 - 2 if half else width, len(name) + 5)
            if x and x + w > width:
                rows, x = rows + 1, 0
            x += w + 2
        lines += 1.2 + rows
    return lines


def _chart(title: str, svg: str, note: str) -> Slide:
    return Slide(f'<h2>{esc(title)}</h2><div class="fig">{svg}</div><p class="note">{esc(note)}</p>')


PROMPT_ROOM = 975  # characters a question slide holds at the prompt's own size (1em of .prompt)
PROSE_ROOM = 1300  # characters of prose a small slide holds at its size


def _fit(chars: int, room: int) -> str:
    """An inline font size that lets ``chars`` characters fill a slide that holds ``room`` of them at
    1em (the area text takes grows with the square of its size), or "" when they fit as they are."""
    if chars <= room:
        return ""
    return f' style="font-size:{max(0.6, (room / chars) ** 0.5):.2f}em"'


def _prompts(d: R.Debrief) -> list[str]:
    n = len(d.prompts)
    return [f'<div class="kicker">Discussion · question {i} of {n}</div>'
            f'<p class="prompt{" long" if len(p) > 260 else ""}"{_fit(len(p), PROMPT_ROOM)}>{esc(p)}</p>'
            for i, p in enumerate(d.prompts, 1)]


def _draws(d: R.Debrief) -> list[Slide]:
    sc = d.scenario
    out = []
    for draw_id, option_id in d.match.state.draws:
        draw = next((x for x in sc.hidden_draws if x.id == draw_id), None)
        if draw is None:
            continue
        opt = next((o for o in draw.options if o.id == option_id), None)
        label = opt.label if opt else option_id
        text = " ".join([draw.description or "", draw.reveal or ""])
        out.append(Slide(f"<h2>The hidden draw, revealed</h2>"
                         f'<p class="label">{esc(label)}</p><div class="prose"{_fit(len(text), PROSE_ROOM)}>'
                         f"{paragraphs(draw.description)}{paragraphs(draw.reveal)}</div>", small=len(text) > LONG_TEXT))
    return out


def _history(d: R.Debrief) -> list[Slide]:
    sc = d.scenario
    if sc.history is None:
        return []
    h = sc.history
    sources = (f'<p class="note">Sources: {esc(", ".join(h.sources))}</p>' if h.sources else "")
    # a long account goes on over slides, a paragraph at a time, rather than in type nobody can read
    parts: list[list[str]] = []
    for para in [p.strip() for p in (h.summary or "").split("\n\n") if p.strip()]:
        if parts and len("\n\n".join(parts[-1] + [para])) <= PROSE_ROOM:
            parts[-1].append(para)
        else:
            parts.append([para])
    parts = parts or [[""]]
    out = []
    for n, part in enumerate(parts, 1):
        text = "\n\n".join(part)
        more = f" ({n} of {len(parts)})" if len(parts) > 1 else ""
        out.append(Slide(f"<h2>What history did: {esc(when(h.date, long=True))}{more}</h2>"
                         f'<div class="prose"{_fit(len(text), PROSE_ROOM)}>{paragraphs(text)}</div>'
                         + (sources if n == len(parts) else ""), small=len(text) > LONG_TEXT))
    return out


AWARD_ROOM = 470  # px of a column of the awards slide (1280 x 720) under its title, above its note
ROOMY = 0.45  # a slide whose columns fill at most this share of their room sets the awards in larger type
AWARD_COL_CHARS = (24, 48, 50)  # characters a column's line holds: of winners' names, of a reason, of a heading


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` wraps to, a word at a time, at ``width`` characters a line."""
    lines, x = 1, 0
    for word in text.split():
        if x and x + 1 + len(word) > width:
            lines, x = lines + 1, 0
        x += (1 if x else 0) + len(word)
    return lines


def _award_height(head: str, names: str, reason: str) -> float:
    """The px an award's winners take in a column (``head``: its award's name and rule above them,
    "" when they go on under the same award)."""
    heads = _lines(head, AWARD_COL_CHARS[2]) if head else 0
    return (24 * heads + 40 * _lines(names, AWARD_COL_CHARS[0]) + 26 * _lines(reason, AWARD_COL_CHARS[1])
            + 4 + 15)  # heading, names, reason, their gap, the gap under the block


def _awards(d: R.Debrief) -> list[Slide]:
    """The awards as big names with their one-line reasons, in two columns; more than a slide holds
    go on to a second ("(1 of 2)"), an award's name repeated above its winners in a new column."""
    sc = d.scenario
    found = AW.awards(d)
    if not found:
        return []
    short = {a.name: AW.SHORT[a.key] for a in found}

    def names(ws: tuple[str, ...], compact: bool = False) -> str:  # as long as the names with their badges
        return "   ".join(f"{sc.actor(w).short}_" + ("" if compact else f" {sc.actor(w).name}") for w in ws)

    units = []  # (award, winners, reason, badges only)
    for a in found:
        head = f"{a.name} · {short[a.name]}"
        for ws, r in AW.grouped(a):
            # winners sharing a reason go together: by name when a column holds them under the award's
            # name, else by their badges alone (the report names them), as many as a column holds
            compact = _award_height(head, names(ws), r) > AWARD_ROOM
            while ws:
                k = len(ws)
                while k > 1 and _award_height(head, names(ws[:k], compact), r) > AWARD_ROOM:
                    k -= 1
                units.append((a.name, ws[:k], r, compact))
                ws = ws[k:]

    def column(part: list[tuple]) -> tuple[list[tuple], float]:
        col, used = [], 0.0
        for award, ws, reason, compact in part:
            first = not col or col[-1][0] != award
            col.append((award, ws, reason, compact, first))
            used += _award_height(f"{award} · {short[award]}" if first else "", names(ws, compact), reason)
        return col, used

    cols: list[list[tuple]] = [[]]  # greedy: as few columns as will do
    for unit in units:
        if cols[-1] and column(cols[-1] + [unit])[1] > AWARD_ROOM:
            cols.append([])
        cols[-1].append(unit)

    def halves(part: list[tuple]) -> tuple[list[tuple], list[tuple], float]:
        """The part in two columns, cut where the taller is lowest (and its height)."""
        cut = min(range(1, len(part) + 1), key=lambda j: (max(column(part[:j])[1], column(part[j:])[1]), -j))
        return column(part[:cut])[0], column(part[cut:])[0], max(column(part[:cut])[1], column(part[cut:])[1])

    # two columns a slide: the units spread evenly over as few slides as the greedy packing needs
    # (no slide with one straggler), else as that packing has them
    parts = [[u for c in cols[k:k + 2] for u in c] for k in range(0, len(cols), 2)]
    even = _even(units, len(parts))
    if all(p and halves(p)[2] <= AWARD_ROOM for p in even):
        parts = even
    pages = [list(halves(p)[:2]) + [halves(p)[2] <= ROOMY * AWARD_ROOM] for p in parts]
    who = ("The computer played every role." if not d.match.humans else
           f"For the delegations {AW.played_by(d.match)} played.")
    note = f'<p class="note">{esc(who)} How each award is earned: the report\'s “Awards”.</p>'
    out = []
    for n, page in enumerate(pages, 1):
        more = f" ({n} of {len(pages)})" if len(pages) > 1 else ""
        columns = []
        for col in page[:2]:
            cells = []
            for award, ws, reason, compact, first in col:
                winners = ("<span class='gap'></span>".join(
                    # a short name kept with its badge on one line; a long one free to wrap (not to overflow)
                    f"<span{' class=nowrap' if len(sc.actor(w).name) <= AWARD_COL_CHARS[0] else ''}>"
                    f"{badge(sc.actor(w).short, sc.actor(w).colour)} {esc(sc.actor(w).name)}</span>"
                    for w in ws) if not compact else
                    " ".join(badge(sc.actor(w).short, sc.actor(w).colour, sc.actor(w).name) for w in ws))
                what = (f'<p class="what">{esc(award)} <span class="rule">· {esc(short[award])}</span></p>'
                        if first else "")
                cells.append(f'<div class="award">{what}<p class="winner">{winners}</p>'
                             f'<p class="why">{esc(reason[:1].upper() + reason[1:])}.</p></div>')
            columns.append('<div class="col">' + "".join(cells) + "</div>")
        roomy = " roomy" if page[2] else ""  # a few awards: in larger type, not lost at the top of the slide
        out.append(Slide(f'<h2>Awards{more}</h2><div class="awards{roomy}">{"".join(columns)}</div>{note}'))
    return out


def slides(d: R.Debrief) -> list[Slide]:
    """The deck's slides, in order."""
    out = [Slide(_title(d)), Slide(_result(d))]
    out += [Slide(s) for s in _text_slides(d)]
    signed = _signed(d)
    if signed is not None:
        out.append(signed)
    out.append(_chart("Depth and breadth", R.plane_chart(d, width=600, height=300), R.PLANE_CAPTION))
    out += [Slide(s) for s in _score_slides(d)]
    lines = sum(st.status != "non_party" for st in d.match.state.actors)
    if len(d.snapshots) > 1 and lines <= STANCE_LINES:
        issue = d.scenario.issues[max(d.model.seq, 0)].name
        out.append(_chart("How the stances moved", R.stances_chart(d, width=640, height=max(300, 15 * lines + 60)),
                          f"Each delegation's true position on {issue} at the start of each round and at the "
                          "end. Levels from loosest (bottom) to tightest (top)."))
    out += [Slide(p) for p in _prompts(d)]
    out += _draws(d)
    out += _awards(d)
    out += _history(d)
    return out


def render(d: R.Debrief) -> str:
    """The whole deck: one self-contained HTML file."""
    sc = d.scenario
    parts = slides(d)
    body = []
    for n, s in enumerate(parts, 1):
        body.append(f'<section class="slide{" small" if s.small else ""}" id="s{n}" '
                    f'aria-label="slide {n} of {len(parts)}">{s.html}<div class="count">{n} / {len(parts)}</div>'
                    "</section>")
    title = f"{sc.title}: debrief slides"
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + '\n<div id="bar"></div><div id="blank"></div>\n'
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
