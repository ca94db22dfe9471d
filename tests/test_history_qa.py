"""A historian's second pass over what players read about 1999 (cst-1999 1.1.4): words put in the
seed's mouth are the seed's own words, and the seed's doubts ("apparently", "suggests an attempt")
stay in the game's texts. docs/history.md paraphrases the seed in places ("adapt first", "Prolong
first, adapt later") and once misquoted it ("Four supported and three opposed"), so a quotation
credited to the seed alone is checked against the seed itself, not against the history."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.scenarios.loader import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2e7d1d862c004df0.txt"
CIS_FILES = ["cst-1999", "cst-1999-uzbekistan", "summit-1999"]


def _plain(text: str) -> str:
    """Lower case, one space between words, straight quotes and three dots for an ellipsis."""
    text = (text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
            .replace("\u2026", "..."))
    return " ".join(text.lower().split())


def _texts(sid: str) -> list[str]:
    """Every text of a scenario file as written (not merged), except the machine values of a status."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and node not in ("boycotting", "party", "non_party"):
            found.append(" ".join(node.split()))

    walk(yaml.safe_load((ROOT / "scenarios" / f"{sid}.yaml").read_text(encoding="utf-8")))
    return found


_QUOTE = re.compile(r'"([^"]+)"|(?:^|\s)\'([^\']+)\'(?![a-z])')
_SEED_WORDS = re.compile(r"\b(the seed|the Monitor|Monitor reports?)\b")


def _credited_to_seed(text: str, start: int) -> bool:
    """A quotation at ``start`` is the seed's when its citation bracket (the one it sits in, else the
    next one) names J5:13 and no other key, or when its sentence names the seed or the Monitor."""
    opened, closed = text.rfind("[", 0, start), text.rfind("]", 0, start)
    if opened > closed:
        bracket = text[opened:text.find("]", start) + 1]
    else:
        nxt = text.find("[", start)
        bracket = text[nxt:text.find("]", nxt) + 1] if nxt >= 0 else ""
    keys = set(re.findall(r"J5:\d+[ab]?|Jamestown \d+:\d+|[A-Z][A-Z0-9/-]{2,}(?: RL\d+)?", bracket))
    sentence_start = max(text.rfind(". ", 0, start), 0)
    return keys == {"J5:13"} or bool(_SEED_WORDS.search(text[sentence_start:start]))


@pytest.mark.parametrize("sid", CIS_FILES)
def test_a_quotation_credited_to_the_seed_is_in_the_seed_word_for_word(sid: str) -> None:
    """Georgia's red line (shown in its brief) read 'Georgia led "adapt first" [V: J5:13]': the
    seed's words are 'a demand that the treaty be "adapted to current conditions" first'; "adapt
    first" is docs/history.md's shorthand. The general quote test accepts anything in
    docs/history.md, so it let this through."""
    seed = _plain(SEED.read_text(encoding="utf-8"))
    wrong = []
    for text in _texts(sid):
        for match in _QUOTE.finditer(text):
            phrase = match.group(1) or match.group(2)
            if _credited_to_seed(text, match.start()) and _plain(phrase) not in seed:
                wrong.append((phrase, text[:90]))
    assert not wrong, wrong


def test_georgias_red_line_quotes_the_seed() -> None:
    georgia = load_scenario("cst-1999").actor("georgia")
    note = " ".join(next(r.note for r in georgia.red_lines if r.issue == "sequencing").split())
    assert '"adapt first"' not in note
    assert '"adapted to current conditions" first [V: J5:13]' in note
    assert "adapted to current conditions" in SEED.read_text(encoding="utf-8")


def test_history_mds_misquote_of_the_count_is_not_repeated() -> None:
    """design/HISTORY.md quotes the seed as "Four supported and three opposed"; the seed says
    "four countries supported and three opposed". docs/history.md (shipped) has the seed's words,
    and no scenario repeats the shortened form."""
    seed = _plain(SEED.read_text(encoding="utf-8"))
    assert "four countries supported and three opposed" in seed
    assert "four supported and three opposed" not in seed
    assert "four countries supported and three opposed" in _plain(
        (ROOT / "docs" / "history.md").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert "four supported and three opposed" not in _plain(path.read_text(encoding="utf-8")), path.name
    draw = load_scenario("cst-1999").hidden_draws[0]
    assert '"four countries supported and three opposed"' in _plain(draw.description)


@pytest.mark.parametrize("sid", CIS_FILES)
def test_uzbekistans_boycott_keeps_the_seeds_apparently(sid: str) -> None:
    """The seed: Uzbekistan "apparently boycotted the meeting". Russia's brief said "Uzbekistan
    is boycotting", Uzbekistan's own brief "You are boycotting the talks" and its delegate note
    "absent (boycott)". Every sentence of a text that speaks of a boycott says "apparently"."""
    assert "apparently boycotted" in _plain(SEED.read_text(encoding="utf-8"))
    bare = []
    for text in _texts(sid):
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if re.search(r"boycott", sentence, re.I) and "apparent" not in sentence.lower():
                bare.append(sentence)
    assert not bare, bare


def test_the_seeds_hedge_on_russias_predominance_is_kept() -> None:
    """The seed: Moscow's effort "suggests an attempt to ... seek international acceptance of its
    predominance". Russia's notes (in the actor table) said the seed "says" Russia seeks it."""
    notes = " ".join(load_scenario("cst-1999").actor("russia").notes.split())
    assert "the seed says seeks" not in notes
    assert '"an attempt"' in notes and "suggests an attempt" in SEED.read_text(encoding="utf-8")


def test_the_corrected_texts_reach_the_briefs() -> None:
    """What a class is handed: Russia's and Uzbekistan's confidential briefs keep the doubt."""
    sc = load_scenario("cst-1999")
    assert "Uzbekistan is boycotting" not in " ".join(sc.actor("russia").confidential.split())
    assert "apparently a boycott" in " ".join(sc.actor("russia").confidential.split())
    assert not " ".join(sc.actor("uzbekistan").confidential.split()).startswith("You are boycotting")
    variant = load_scenario("cst-1999-uzbekistan")
    assert "boycott" not in variant.actor("russia").confidential  # it attends in the variant
