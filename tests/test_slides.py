"""The debrief as slides for a projector (game/report/slides.py, ``debrief --slides``)."""

from __future__ import annotations

import html as H
import re
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_briefs import check_html

from game.cli import main
from game.report import debrief as D
from game.report import slides as S
from game.session.saves import save_match
from game.session.simulate import play_one


@pytest.fixture(scope="module")
def deck(scripted):
    d = D.analyse(scripted, 2, seed=1)
    return d, S.render(d)


def _sections(page: str) -> list[str]:
    return re.findall(r'<section class="slide[^"]*"[^>]*>(.*?)</section>', page, re.S)


def _text(markup: str) -> str:
    return H.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_one_file_that_works_offline(deck):
    d, page = deck
    check_html(page)
    assert "<link" not in page and "src=" not in page and "@import" not in page and "url(http" not in page
    assert len(_sections(page)) == len(S.slides(d))
    # each slide says where it is in the deck
    for n, s in enumerate(_sections(page), 1):
        assert f"{n} / {len(S.slides(d))}" in s


def test_the_order_a_discussion_takes(deck):
    d, page = deck
    heads = [re.search(r"<h2>(.*?)</h2>", s).group(1) if "<h2>" in s else "" for s in _sections(page)]
    assert "<h1>" in _sections(page)[0] and H.escape(d.scenario.title) in _sections(page)[0]
    assert heads[1] == "The result" and heads[2].startswith("The final text")
    assert heads.index("Who signed") < heads.index("Depth and breadth") < heads.index("Each role&#x27;s score")
    assert heads[-1].startswith("What history did")  # the answer comes last


def test_every_discussion_prompt_gets_a_slide_of_its_own_in_order(deck):
    d, page = deck
    assert len(d.prompts) >= 3
    slides = [_text(s) for s in _sections(page)]
    at = [next(i for i, s in enumerate(slides) if " ".join(p.split()) in " ".join(s.split())) for p in d.prompts]
    assert at == sorted(at) and len(set(at)) == len(at)
    for i, n in enumerate(at, 1):
        assert f"question {i} of {len(d.prompts)}" in slides[n]


def test_the_result_slide_puts_the_game_beside_history(deck):
    d, page = deck
    s = _text(_sections(page)[1])
    t, h = d.result.treaty, d.history.treaty
    assert f"{t.tightness:.0f}" in s and f"{h.tightness:.0f}" in s
    assert t.label in s and "History" in s and f"{len(t.signatories)} of {len(t.signatures)} signatures" in s
    st = d.scenario.settings  # the labels' thresholds are the scenario's
    assert f"Loose below {st.moderate_at:g}, tight from {st.tight_at:g}" in s


def test_who_signed_names_each_delegation_at_the_table_once(deck):
    d, page = deck
    s = next(x for x in _sections(page) if "<h2>Who signed</h2>" in x)
    names = re.findall(r'<span class="name">.*?</span> ([^<]+)</span>', s)
    at_table = [a.actor for a in d.result.treaty.signatures]
    assert sorted(names) == sorted(d.scenario.actor(a).name for a in at_table)
    groups = dict(re.findall(r"<h3>(.*?) \((\d+)\)</h3>", s))
    here, then = set(d.result.treaty.signatories), set(d.scenario.history.signatories)
    assert int(groups.get("Signed, as in history", 0)) == len(here & then & set(at_table))
    assert sum(int(v) for v in groups.values()) == len(at_table)


def test_the_final_text_has_every_issue_and_history(deck):
    d, page = deck
    s = _text("".join(x for x in _sections(page) if "<h2>The final text" in x))
    for k, issue in enumerate(d.scenario.issues):
        assert issue.name in s
        assert d.model.level_name(k, d.result.levels[k]) in s


@given(st.integers(0, 60), st.integers(1, 12))
def test_long_tables_are_cut_into_even_slides(n, most):
    rows = list(range(n))
    parts = S.chunks(rows, most)
    assert [r for p in parts for r in p] == rows
    assert all(len(p) <= most for p in parts)
    assert len(parts) == max(1, -(-n // most))  # as few slides as will do
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_a_scenario_with_many_issues_spreads_its_text_over_slides(sc):
    from bench.scenario_gen import generate_scenario

    big = generate_scenario(45, 13, seed=3)
    d = D.analyse(play_one(big, 2), 0)
    parts = [x for x in S.slides(d) if "<h2>The final text" in x.html]
    assert len(parts) == 2 and "(1 of 2)" in parts[0].html and "(2 of 2)" in parts[1].html
    who = next(x for x in S.slides(d) if "<h2>Who signed</h2>" in x.html)
    assert who.small and "Actor 1</span>" not in who.html  # 45 at the table: their badges, not names
    assert 'title="Actor 1"' in who.html  # (the name is the badge's tooltip)
    assert not any("How the stances moved" in x.html for x in S.slides(d))  # 45 lines: a tangle
    check_html(S.render(d))


def test_no_history_no_text(sc):
    issues = [i.model_copy(update={"sequencing": False}) for i in sc.issues]
    plain = sc.model_copy(update={"history": None, "hidden_draws": [], "issues": issues})
    d = D.analyse(play_one(plain, 4), 0)
    page = S.render(d)
    check_html(page)
    assert "What history did" not in page and "History" not in _text(_sections(page)[1])


def test_cli_writes_slides_alone_or_beside_the_report_and_links_them(scripted, tmp_path, capsys):
    save = tmp_path / "class.json"
    save_match(scripted, save)
    alone = tmp_path / "alone" / "deck.html"
    assert main(["debrief", str(save), "--slides", str(alone), "--ai-runs", "0"]) == 0
    check_html(alone.read_text(encoding="utf-8"))
    assert "wrote" in capsys.readouterr().out
    out = tmp_path / "kit"
    out.mkdir()
    assert main(["debrief", str(save), "--out", str(out), "--slides", str(out), "--ai-runs", "0"]) == 0
    report = (out / "class-debrief.html").read_text(encoding="utf-8")
    assert (out / "class-slides.html").exists()
    assert 'href="class-slides.html"' in report
    # the slides in another folder: the link finds them from the report's folder
    assert main(["debrief", str(save), "--out", str(out / "r.html"), "--slides", str(alone), "--ai-runs", "0"]) == 0
    assert 'href="../alone/deck.html"' in (out / "r.html").read_text(encoding="utf-8")
    # the report alone has no link to slides that were not written
    assert main(["debrief", str(save), "--out", str(out / "plain.html"), "--ai-runs", "0"]) == 0
    assert "slides" not in (out / "plain.html").read_text(encoding="utf-8").split("<body>")[1].split("How to read")[0]


def test_cli_needs_somewhere_to_write_and_never_overwrites_the_save(scripted, tmp_path, capsys):
    save = tmp_path / "class.json"
    save_match(scripted, save)
    before = save.read_bytes()
    assert main(["debrief", str(save)]) == 2
    assert "--out FILE.html" in capsys.readouterr().err
    assert main(["debrief", str(save), "--slides", str(save), "--ai-runs", "0"]) == 1
    assert "save file itself" in capsys.readouterr().err
    assert main(["debrief", str(save), "--out", str(tmp_path / "x.html"), "--slides", str(tmp_path / "x.html"),
                 "--ai-runs", "0"]) == 1
    assert "name the same file" in capsys.readouterr().err
    assert save.read_bytes() == before and not (tmp_path / "x.html").exists()


def test_the_window_writes_the_slides_beside_the_report(scripted, tmp_path):
    from game.ui import report_export

    path = report_export.write(scripted, [], folder=tmp_path)
    slides = report_export.slides_path(path)
    assert slides.parent == path.parent and slides.name.endswith("-slides.html")
    check_html(slides.read_text(encoding="utf-8"))
    assert f'href="{slides.name}"' in path.read_text(encoding="utf-8")


def test_the_deck_is_driven_by_a_remote_and_prints_one_slide_a_page(deck):
    _, page = deck
    for key in ("PageDown", "PageUp", "ArrowRight", "ArrowLeft", "Home", "End"):
        assert f"'{key}'" in page  # a presenter's remote sends Page Down / Page Up
    assert "@page { size: 1280px 720px" in page and "break-after: page" in page
    assert "body.classList.add('deck')" in page  # without JavaScript the slides stay one under the other


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

PROBE = """<script>document.body.classList.remove('deck');
var out = [];
document.querySelectorAll('.slide').forEach(function (s, i) {
  var r = s.getBoundingClientRect();
  s.querySelectorAll('*').forEach(function (e) {
    var q = e.getBoundingClientRect();
    if (q.width && q.height && !e.classList.contains('count') && (q.bottom > r.bottom - 8 || q.right > r.right + 1))
      out.push((i + 1) + ':' + e.tagName);
  });
});
document.body.setAttribute('data-overflow', out.length ? out.join(',') : 'none');</script></body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="needs a headless Chromium to lay the slides out")
def test_nothing_runs_off_a_slide_in_a_browser(deck, tmp_path):
    """Laid out by a real browser at 1280 x 720 (and 1024 x 768, a 4:3 projector), no element of any
    slide reaches past its bottom or right edge."""
    _, page = deck
    f = tmp_path / "deck.html"
    f.write_text(page.replace("</body>", PROBE), encoding="utf-8")
    for size in ("1280,720", "1024,768"):
        dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={size}",
                              "--dump-dom", f.as_uri()], capture_output=True, text=True, timeout=120).stdout
        found = re.search(r'data-overflow="([^"]*)"', dom)
        assert found is not None, dom[:300]
        assert found.group(1) == "none", (size, found.group(1))


KEYS_PROBE = """<script>
var log = [];
function key(k, shift) { document.dispatchEvent(new KeyboardEvent('keydown', {key: k, shiftKey: !!shift})); log.push(location.hash); }
function wheel(dy) { document.dispatchEvent(new WheelEvent('wheel', {deltaY: dy, cancelable: true})); log.push(location.hash); }
key('PageDown'); key('PageDown'); key(' ', true); key(' '); key('PageUp');
wheel(120); wheel(120); wheel(120);
document.body.setAttribute('data-keys', log.join(','));</script></body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="needs a headless Chromium to run the deck's script")
def test_keys_and_the_wheel_in_a_browser(deck, tmp_path):
    """A remote's Page Down / Up, Space and Shift+Space (back, as a browser scrolls), and the mouse
    wheel: one slide a turn, however many steps the turn sends at once."""
    _, page = deck
    f = tmp_path / "deck.html"
    f.write_text(page.replace("</body>", KEYS_PROBE), encoding="utf-8")
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,720",
                          "--dump-dom", f.as_uri()], capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'data-keys="([^"]*)"', dom)
    assert found is not None, dom[:300]
    assert found.group(1).split(",") == ["#2", "#3", "#2", "#3", "#2", "#3", "#3", "#3"]


def test_a_label_near_the_right_edge_ends_over_its_own_marker():
    """It ended left of the marker, where on a crowded chart it read as the next grey disc's label."""
    from game.report.html import Point, scatter

    out = scatter([Point(0.93, 0.4, "circle", "#ccc", "#666", 4, "", ""),
                   Point(0.95, 0.4, "star", "#1f3a5f", "#000", 8, "This game (51)", "")], "x", "y", "t")
    marks = re.findall(r'<(?:circle|polygon)[^>]*?(?:cx="([\d.]+)"|points="([\d.]+))', out)
    label = re.search(r'<text x="([\d.]+)"[^>]*text-anchor="end"[^>]*>This game \(51\)', out)
    assert label is not None
    star_x = 58 + (640 - 58 - 16) * 0.95  # (scatter's margins)
    assert float(label.group(1)) >= star_x, (label.group(1), star_x, marks[:2])
