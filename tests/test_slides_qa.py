"""QA of the debrief slides (game/report/slides.py) as a teacher uses them: odd games, a custom
scenario with long names, a touch screen, a laptop that blocks JavaScript, a printed handout."""

from __future__ import annotations

import html as H
import re
import shutil
import subprocess

import pytest
from test_grades import Match, Options
from test_grades import A as Act
from test_slides import CHROMIUM, PROBE

from game.report import debrief as D
from game.report import slides as S
from game.scenarios.loader import load_scenario
from game.scenarios.schema import Scenario
from game.session.simulate import play_one


def _sections(page: str) -> list[str]:
    return re.findall(r'<section class="slide[^"]*"[^>]*>(.*?)</section>', page, re.S)


def _text(markup: str) -> str:
    return " ".join(H.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _dom(page: str, tmp_path, size: str = "1280,720", *extra: str) -> str:
    f = tmp_path / "deck.html"
    f.write_text(page, encoding="utf-8")
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={size}",
                           *extra, "--dump-dom", f.as_uri()], capture_output=True, text=True, timeout=120).stdout


@pytest.fixture(scope="module")
def nobody_tabled():
    """The tutorial played by people in every seat who all pass: no draft is ever put to signature."""
    sc = load_scenario("tutorial")
    m = Match(sc, seed=3, options=Options(events="historical"), seats={a.id: "human" for a in sc.actors},
              scenario_ref=sc.id)
    for _ in range(500):
        if m.over:
            break
        if not m.human_to_move():
            m.run_ai()
            continue
        assert m.submit(Act.Pass(m.to_move)).rejected is None
    assert m.over and m.state.on_table is None
    return D.analyse(m, 0)


def test_no_draft_put_is_not_called_a_lapsed_agreement(nobody_tabled):
    """Nobody tabled a text: the prompt said "The agreement lapsed with only 0 signatures (2 needed).
    At what moment could it still have been saved?" (the report too), and the result slide "0 of 3
    signatures; lapses", beside a final-text slide saying no draft was put."""
    d = nobody_tabled
    assert not any("lapsed with only" in p for p in d.prompts)
    assert any(p.startswith("No draft was put to signature") for p in d.prompts)
    result = _text(S.slides(d)[1].html)
    assert "No draft was put to signature" in result and "signatures" not in result
    report = D.render(d)  # the report's summary too (it said "lapses with 0 signatures")
    assert "No draft was put to signature, so there is no agreement" in report and "lapses with 0" not in report


def test_an_ai_only_game_is_not_told_your_text(scripted):
    """The sequencing prompt says whose text it was, as its other branch does."""
    d = D.analyse(play_one(scripted.scenario, 3), 0)
    said = [p for p in d.prompts if p.startswith(d.scenario.issues[d.model.seq].name + ":")]
    assert said and not any("your text chose" in p for p in said)


def test_without_history_the_scores_have_no_empty_history_column(sc):
    """A custom scenario with no history section: the score slides had a History column with nothing
    in it, and a note telling the class to compare with history."""
    plain = sc.model_copy(update={"history": None})
    d = D.analyse(play_one(plain, 4), 0)
    for s in (x.html for x in S.slides(d) if "Each role&#x27;s score" in x.html):
        assert "<th class=num>History</th>" not in s and "in history" not in s
        head = re.search(r"<thead><tr>(.*?)</tr></thead>", s).group(1)
        rows = re.findall(r"<tr>(.*?)</tr>", s.split("<tbody>")[1])
        assert all(r.count("<td") == head.count("<th") for r in rows)
        assert all("<td class=num></td>" not in r for r in rows)  # no empty cells


def _long_names(n_actors: int, n_issues: int) -> D.Debrief:
    """A custom scenario in Russian with long names: delegations, issues and levels."""
    from bench.scenario_gen import scenario_dict

    d = scenario_dict(n_actors, n_issues, seed=2)
    for k, a in enumerate(d["actors"]):
        a["name"] = f"Межправительственная комиссия по устойчивому развитию и водным ресурсам № {k}"
    for k, i in enumerate(d["issues"]):
        i["name"] = f"Статья {k}: распределение водных квот и компенсаций между государствами"
        for j, lv in enumerate(i["levels"]):
            lv["name"] = ["Добровольные ориентиры без каких-либо обязательств",
                          "Квоты с ежегодным пересмотром по соглашению сторон",
                          "Обязательные квоты с независимым мониторингом и санкциями"][j]
    return D.analyse(play_one(Scenario.model_validate(d), 2), 0)


def test_rows_whose_text_wraps_take_more_room():
    """Ten issues with long names filled one slide: each row wrapped to two lines and the last rows ran
    off its bottom. A row's height now counts its lines."""
    d = _long_names(12, 10)
    text = [x.html for x in S.slides(d) if "<h2>The final text" in x.html]
    assert len(text) == 2 and all(x.count("<tr>") - 1 <= 6 for x in text)
    assert S.chunks(list(range(10)), 10) == [list(range(10))]  # short rows: as before
    assert len(S.chunks(list(range(10)), 10, [2.0] * 10, 11.5)) == 2


@pytest.mark.skipif(CHROMIUM is None, reason="needs a headless Chromium to lay the slides out")
@pytest.mark.parametrize("actors", [12, 22])
def test_long_names_stay_on_the_slide_in_a_browser(actors, tmp_path):
    """Long delegation names ran off the right edge of "who signed" (a name was never cut) and twelve
    of them off its bottom; long issue names pushed the final text off the slide."""
    d = _long_names(actors, 10)
    page = S.render(d)
    for size in ("1280,720", "1024,768"):
        found = re.search(r'data-overflow="([^"]*)"', _dom(page.replace("</body>", PROBE), tmp_path, size))
        assert found is not None and found.group(1) == "none", (actors, size, found and found.group(1))
    who = next(x.html for x in S.slides(d) if "<h2>Who signed</h2>" in x.html)
    if actors == 12:  # twelve still get their names (cut, two a line; the tooltip has them whole)
        assert len(re.findall(r"</span> Межправительственная", who)) == actors and 'class="chips half"' in who


TOUCH = """<script>
function touch(type, x) {
  var t = new Touch({identifier: 1, target: document.body, clientX: x, clientY: 300});
  document.body.dispatchEvent(new TouchEvent(type, {touches: type === 'touchend' ? [] : [t], changedTouches: [t],
                                                     bubbles: true}));
}
function tap(x) {
  touch('touchstart', x); touch('touchend', x);
  document.body.dispatchEvent(new MouseEvent('click', {clientX: x, clientY: 300, bubbles: true}));
}
var seen = [];
touch('touchstart', 900); touch('touchend', 500);  // a swipe to the left: on (no click follows it)
seen.push(location.hash);
setTimeout(function () {
  tap(1100);  // a tap on the right, a second later: on again
  seen.push(location.hash);
  tap(100);  // a tap on the left: back
  seen.push(location.hash);
  document.body.classList.add('blanked');  // the screen blanked (B): a swipe brings it back, on the same slide
  touch('touchstart', 900); touch('touchend', 500);
  seen.push(location.hash + (document.body.classList.contains('blanked') ? '-blank' : ''));
  document.body.setAttribute('data-seen', seen.join(' '));
}, 1000);
</script></body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="needs a headless Chromium")
def test_a_tap_after_a_swipe_is_not_swallowed(deck_page, tmp_path):
    """On a touch screen a swipe is not followed by a click, so the flag the swipe set stayed up and
    swallowed the next tap: the teacher tapped and nothing happened. And a swipe on the blanked
    screen moved the deck on behind the black (a key only brings the screen back)."""
    dom = _dom(deck_page.replace("</body>", TOUCH), tmp_path, "1280,720", "--virtual-time-budget=5000")
    seen = re.search(r'data-seen="([^"]*)"', dom)
    assert seen is not None, dom[-400:]
    assert seen.group(1) == "#2 #3 #2 #2"


@pytest.fixture(scope="module")
def deck_page(scripted):
    return S.render(D.analyse(scripted, 2, seed=1))


NOJS = """<script>
var h = innerHeight, out = [];
document.querySelectorAll('.slide').forEach(function (s, i) {
  var r = s.getBoundingClientRect(), top = r.top + scrollY;
  if (Math.abs(top - (i * h + (h - r.height) / 2)) > 1.5) out.push('slide ' + (i + 1) + ' at ' + top);
});
if (getComputedStyle(document.documentElement).scrollSnapType.indexOf('mandatory') < 0) out.push('no snap');
if (document.documentElement.scrollWidth > innerWidth) out.push('scrolls sideways');
if (getComputedStyle(document.querySelector('.keys')).display !== 'none') out.push('keys shown');
document.body.setAttribute('data-nojs', out.join(', ') || 'ok');
</script></body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="needs a headless Chromium")
@pytest.mark.parametrize("size", ["1280,720", "1024,768", "1920,1200"])
def test_without_javascript_page_down_goes_slide_by_slide(deck_page, tmp_path, size):
    """A school laptop that blocks JavaScript showed the slides one under the other with gaps: the
    remote's Page Down scrolled by most of a window, so the class saw half of one slide and half of
    the next, and the title slide listed keys (F, B) that did nothing. Now each slide fills a window's
    height and scrolling snaps to it (Page Down, Space, the arrows), and the keys are not listed."""
    page = re.sub(r"<script>.*?</script>", "", deck_page, flags=re.S)  # what such a laptop runs
    dom = _dom(page.replace("</body>", NOJS), tmp_path, size)
    found = re.search(r'data-nojs="([^"]*)"', dom)
    assert found is not None and found.group(1) == "ok", found and found.group(1)


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None, reason="needs Chromium and pdftotext")
def test_the_printed_handout_lists_no_keys(deck_page, tmp_path):
    """Printed, the title slide told the class to press F and B."""
    f, pdf = tmp_path / "deck.html", tmp_path / "deck.pdf"
    f.write_text(deck_page, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", f.as_uri()], capture_output=True, timeout=120)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Debrief" in text or "DEBRIEF" in text
    assert "blank screen" not in text and "full screen" not in text


@pytest.mark.skipif(CHROMIUM is None, reason="needs a headless Chromium to lay the slides out")
def test_long_prose_and_questions_stay_on_their_slides(sc, tmp_path):
    """A custom scenario's long history (five paragraphs) ran off the bottom of "what history did",
    as did a long hidden draw and a question of some 1,500 characters (a "value left on the table"
    question in a scenario with many long-named issues). History now goes on over slides a paragraph
    at a time; a draw or a question that cannot be split is set smaller."""
    summary = "\n\n".join([sc.history.summary] * 5)
    draws = [x.model_copy(update={"description": "\n\n".join([x.description] * 3)}) for x in sc.hidden_draws]
    long = sc.model_copy(update={"history": sc.history.model_copy(update={"summary": summary}),
                                 "hidden_draws": draws})
    d = D.analyse(play_one(long, 3), 0)
    d.prompts = d.prompts[:1] + ["Your text was on the Pareto frontier. " + "Статья 4: распределение водных квот "
                                 "и компенсаций: Добровольные ориентиры → Обязательные квоты; " * 20]
    parts = [x.html for x in S.slides(d) if "<h2>What history did" in x.html]
    assert len(parts) > 1 and "(1 of" in parts[0] and "Sources:" in parts[-1] and "Sources:" not in parts[0]
    assert " ".join(_text(p) for p in parts).count(" ".join(sc.history.summary.split()[:12])) == 5
    page = S.render(d)
    for size in ("1280,720", "1024,768"):
        found = re.search(r'data-overflow="([^"]*)"', _dom(page.replace("</body>", PROBE), tmp_path, size))
        assert found is not None and found.group(1) == "none", (size, found and found.group(1))
