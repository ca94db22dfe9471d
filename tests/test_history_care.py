"""A historian's review of what players and students read about 1999: the facts shown come from
docs/history.md (the project's verified history) or the seed document, quotes are never invented,
and no fact about the CIS lives in the game's code instead of the scenario data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from game.scenarios.loader import load_scenario

ROOT = Path(__file__).resolve().parents[1]
CIS_SCENARIOS = ["cst-1999", "summit-1999", "cst-1999-uzbekistan"]


def _plain(text: str) -> str:
    """Lower case, one space between words, straight quotes and three dots for an ellipsis."""
    text = (text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
            .replace("\u2026", "..."))
    return " ".join(text.lower().split())


def _strings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def test_kazakhstans_public_profile_says_what_the_history_says() -> None:
    """docs/history.md: Kazakhstan wanted "no troop-stationing obligations" [V: J5:28, J5:79]. The
    public profile said it did not want "obligations to host or send troops": sending troops is
    not in the sources (its brief and notes already said troop-stationing)."""
    kz = load_scenario("cst-1999").actor("kazakhstan")
    assert "troop-stationing obligations" in kz.public_profile
    assert "send" not in kz.public_profile and "host or" not in kz.public_profile
    assert "no troop-stationing obligations" in _plain((ROOT / "docs" / "history.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("sid", CIS_SCENARIOS)
def test_every_quote_shown_is_in_the_history_or_the_seed(sid: str) -> None:
    """No invented quotes: every "double-quoted" or 'single-quoted' phrase in a CIS scenario's texts
    (profiles, briefs, news, rounds, hidden draws, history, notes, source titles) is found, word
    for word, in docs/history.md or in the seed document."""
    known = (_plain((ROOT / "docs" / "history.md").read_text(encoding="utf-8")) + " "
             + _plain((ROOT / "seeds" / "000_2e7d1d862c004df0.txt").read_text(encoding="utf-8")))
    data = yaml.safe_load((ROOT / "scenarios" / f"{sid}.yaml").read_text(encoding="utf-8"))
    missing = []
    for text in _strings(data):
        quotes = re.findall(r'"([^"]+)"', text) + re.findall(r"(?:^|\s)'([^']+)'(?![a-z])", text)
        missing += [q for q in quotes if _plain(q) not in known]
    assert not missing, missing


# Names of the people, places and events of 1999 (proper nouns, as they are written in texts;
# the lower-case actor ids such as "georgia" are machine names, not facts).
_CIS_WORDS = re.compile(
    r"\b(Moscow|Tashkent|Tbilisi|Baku|Yerevan|Minsk|Kiev|Gyumri|Bordyuzha|Putin|Yeltsin|Lukashenka|"
    r"Shevardnadze|Tokaev|Sajaia|Sheiman|Azimov|Januzakov|Guluzade|Kosovo|Yugoslavia|Karabakh|"
    r"Abkhazia|Jamestown|Itar-Tass|CSTO|GUU?AM|Russia|Belarus|Armenia|Georgia|Azerbaijan|Kazakhstan|"
    r"Kyrgyzstan|Tajikistan|Uzbekistan|Ukraine|Moldova|Turkmenistan)\b")


_SERIF_FONT = re.compile(r"\bGeorgia,\s*\"DejaVu Serif\"")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def test_no_cis_fact_is_hard_coded_in_the_game_code() -> None:
    """Everything about the CIS lives in scenario data. The facilitator's news inject had the
    placeholder "e.g. Moscow summit postponed" (shown with every scenario, the tutorial and
    Montreal too), and the developer screenshots typed "The presidents meet a week later."
    (they met on 2 April, five weeks after the postponed 26 February summit)."""
    found = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        if path.relative_to(ROOT / "game").parts[0] in ("engine", "ai"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in docs:
                continue
            text = _SERIF_FONT.sub("", node.value)  # the reports' CSS names the Georgia typeface
            if _CIS_WORDS.search(text) or "a week later" in text:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:80]!r}")
    assert not found, found
