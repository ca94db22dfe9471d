"""Tests for game.scenarios.yamlsafe: hostile YAML is refused with positions."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenarios import yamlsafe
from game.scenarios.problems import ScenarioError
from game.scenarios.yamlsafe import MAX_BYTES, MAX_DEPTH, load_yaml


def problems_of(source: bytes | str) -> list:
    with pytest.raises(ScenarioError) as caught:
        load_yaml(source, "test.yaml")
    problems = caught.value.problems
    assert problems and all(p.file == "test.yaml" for p in problems)
    return problems


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of needle in text."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


# --------------------------------------------------------------------------- plain loading

DOC = """\
# a comment
title: Test
actors:
  - id: ru
    capability: 0.9
    answer: no
    quoted: "no"
  - id: ge
    capability: 0.2
    positions:
      scope: {ideal: 1, salience: 0.8}
start: 1999-01-18
"""


def test_plain_data_and_types() -> None:
    data, _ = load_yaml(DOC, "d.yaml")
    assert data == {
        "title": "Test",
        "actors": [
            {"id": "ru", "capability": 0.9, "answer": False, "quoted": "no"},
            {"id": "ge", "capability": 0.2, "positions": {"scope": {"ideal": 1, "salience": 0.8}}},
        ],
        "start": dt.date(1999, 1, 18),
    }


def test_positions_of_values_and_keys() -> None:
    _, pos = load_yaml(DOC, "d.yaml")
    assert pos.locate(("actors", 1, "positions", "scope", "salience")) == where(DOC, "0.8")
    assert pos.locate(("actors", 1, "capability")) == where(DOC, "0.2")
    assert pos.key_position(("actors", 1, "capability")) == where(DOC, "capability", 1)
    assert pos.locate(("actors", 1)) == where(DOC, "id: ge")
    assert pos.locate(()) == where(DOC, "title")


def test_locate_falls_back_to_nearest_ancestor() -> None:
    _, pos = load_yaml(DOC, "d.yaml")
    assert pos.locate(("actors", 1, "positions", "nope", "x")) == where(DOC, "scope")
    assert pos.locate(("nothing", "here")) == pos.locate(())
    assert pos.key_position(("actors", 0)) == pos.locate(("actors", 0))  # list items have no key


def test_raw_scalar_tells_unquoted_booleans() -> None:
    _, pos = load_yaml(DOC, "d.yaml")
    assert pos.raw_scalar(("actors", 0, "answer")) == "no"
    assert pos.raw_scalar(("actors", 0, "quoted")) is None  # quoted: not a plain scalar
    assert pos.raw_key(("actors", 0, "answer")) == "answer"


def test_pydantic_style_loc_finds_boolean_and_date_keys() -> None:
    text = "m:\n  no: 1\n  1999-01-01: 2\n"
    data, pos = load_yaml(text, "k.yaml")
    assert data == {"m": {False: 1, dt.date(1999, 1, 1): 2}}
    assert pos.locate(("m", 0)) == (2, 7)  # pydantic reports the key False as 0
    assert pos.locate(("m", "1999-01-01")) == (3, 15)


def test_empty_document_starts_at_1_1() -> None:
    data, pos = load_yaml("# only a comment\n", "e.yaml")
    assert data is None
    assert pos.locate(("anything",)) == (1, 1)


def test_bytes_with_bom_and_crlf() -> None:
    data, pos = load_yaml(b"\xef\xbb\xbfa: 1\r\nb: [x, y]\r\n", "b.yaml")
    assert data == {"a": 1, "b": ["x", "y"]}
    assert pos.locate(("b", 1)) == (2, 8)


def test_aliases_are_copied_and_located_at_the_alias() -> None:
    text = "base: &b {x: 1}\nuse: *b\n"
    data, pos = load_yaml(text, "a.yaml")
    assert data == {"base": {"x": 1}, "use": {"x": 1}}
    assert data["base"] is not data["use"]
    assert pos.locate(("use",)) == where(text, "*b")


def test_merge_keys_explicit_wins() -> None:
    text = "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n"
    data, pos = load_yaml(text, "m.yaml")
    assert data["d"] == {"x": 1, "y": 3}
    assert pos.locate(("d", "y")) == where(text, "3")


# --------------------------------------------------------------------------- hostile input

def test_python_tags_are_refused_at_the_tag() -> None:
    text = "a: 1\nb: !!python/object/apply:os.system ['echo pwned']\nc: &x !!python/name:os.system ''\n"
    problems = problems_of(text)
    assert len(problems) == 2
    assert all("tags like !!python/... are not allowed: scenario files are data, never code" in p.message
               for p in problems)
    assert (problems[0].line, problems[0].column) == where(text, "!!python/object")
    assert (problems[1].line, problems[1].column) == where(text, "!!python/name")


def test_other_tags_are_refused() -> None:
    text = "a: !!binary aGk=\nb: !!set {x: null}\nc: !include other.yaml\nd: !!str {x: 1}\n"
    messages = [p.message for p in problems_of(text)]
    assert len(messages) == 4
    assert "!!binary" in messages[0] and "!!set" in messages[1] and "!include" in messages[2]


def test_standard_tags_are_fine() -> None:
    text = "a: !!str 12\nb: !!int '7'\nc: ! x\nd: !!float 1\ne: !!timestamp 1999-01-01\n"
    data, _ = load_yaml(text, "t.yaml")
    assert data == yaml.safe_load(text) == {"a": "12", "b": 7, "c": "x", "d": 1.0, "e": dt.date(1999, 1, 1)}


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    problems = problems_of(BILLION_LAUGHS)
    assert time.perf_counter() - start < 0.5
    assert "aliases" in problems[-1].message and "200,000" in problems[-1].message
    assert problems[-1].line > 1


def test_moderate_alias_use_is_fine() -> None:
    data, _ = load_yaml("a: &a [1, 2]\nb: [*a, *a, *a]\n", "ok.yaml")
    assert data["b"] == [[1, 2]] * 3


def test_recursive_alias_is_refused() -> None:
    problems = problems_of("a: &x [1, *x]\n")
    assert "its own anchor" in problems[0].message
    assert (problems[0].line, problems[0].column) == (1, 11)


def test_deep_flow_nesting_is_refused() -> None:
    start = time.perf_counter()
    problems = problems_of("[" * 100_000 + "]" * 100_000)
    assert time.perf_counter() - start < 2
    assert "nested too deeply" in problems[0].message
    assert problems[0].line == 1 and problems[0].column == MAX_DEPTH + 1


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + " " * (MAX_DEPTH + 5) + "v\n"
    assert "nested too deeply" in problems_of(text)[0].message


def test_nesting_just_inside_the_limit_is_fine() -> None:
    data, _ = load_yaml("[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1), "ok.yaml")
    assert data is not None


def test_alias_expansion_counts_towards_depth() -> None:
    deep = "[" * 30 + "1" + "]" * 30
    text = f"a: &d {deep}\nb: {'[' * 25}*d{']' * 25}\n"
    assert "nested too deeply once aliases are expanded" in problems_of(text)[0].message


def test_oversize_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed an oversize file")

    monkeypatch.setattr(yamlsafe.ScenarioLoader, "__init__", boom)
    for source in (b"a" * (MAX_BYTES + 1), "é" * (MAX_BYTES // 2 + 1)):
        problems = problems_of(source)
        assert "too large" in problems[0].message and problems[0].line == 0


def test_non_utf8_reports_the_first_bad_byte() -> None:
    problems = problems_of("title: ok\nname: Caf".encode() + b"\xe9 cr\xe8me\n")
    assert len(problems) == 1
    assert "UTF-8" in problems[0].message and "0xe9" in problems[0].message
    assert (problems[0].line, problems[0].column) == (2, 10)


def test_non_utf8_column_counts_characters_not_bytes() -> None:
    problems = problems_of("a: ééé\xff".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    assert (problems[0].line, problems[0].column) == (1, 7)


def test_utf16_gets_a_hint() -> None:
    problems = problems_of("a: 1\n".encode("utf-16"))
    assert "UTF-16" in problems[0].hint


def test_control_characters_are_reported_with_positions() -> None:
    problems = problems_of("a: ok\nb: bell\x07here\r\nc: nul\x00\n")
    assert [(p.line, p.column) for p in problems] == [(2, 8), (3, 7)]
    assert "U+0007" in problems[0].message and "U+0000" in problems[1].message


def test_tab_is_allowed_in_text_but_not_as_indentation() -> None:
    assert load_yaml("a: 'x\ty'\n", "t.yaml")[0] == {"a": "x\ty"}
    problems = problems_of("a:\n\t- 1\n")
    assert "tab" in problems[0].message and (problems[0].line, problems[0].column) == (2, 1)


def test_duplicate_keys_are_all_reported_at_the_second_key() -> None:
    text = "title: a\nactors:\n  - id: ru\n    id: ge\ntitle: b\n"
    problems = problems_of(text)
    assert [p.message for p in problems] == [
        "duplicate key 'id' (first at line 3)", "duplicate key 'title' (first at line 1)"]
    assert (problems[0].line, problems[0].column) == where(text, "id: ge")
    assert (problems[1].line, problems[1].column) == where(text, "title", 1)
    assert problems[0].path == ("actors", 0, "id")


def test_duplicate_inside_an_anchor_is_reported_once() -> None:
    problems = problems_of("a: &a {x: 1, x: 2}\nb: *a\nc: *a\n")
    assert len(problems) == 1


def test_syntax_error_position_and_readable_text() -> None:
    text = "title: ok\nactors:\n  - id: ru\n   name: Russia\n"
    problem = problems_of(text)[0]
    assert (problem.line, problem.column) == where(text, "name")
    assert "<" not in problem.message and "indentation" in (problem.message + problem.hint)


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    problem = problems_of("a: 1\nb: 'never closed\nc: 3\n")[0]
    assert (problem.line, problem.column) == (2, 4)
    assert "never closed" in problem.hint


def test_unclosed_bracket() -> None:
    problem = problems_of("a: [1, 2\nb: 3\n")[0]
    assert problem.line == 2 and "]" in problem.message and "line 1" in problem.hint


def test_tag_problems_come_with_a_later_syntax_error() -> None:
    problems = problems_of("a: !!python/none x\nb: [1\n")
    assert len(problems) == 2 and "!!python" in problems[0].message


def test_invalid_date_is_a_problem_not_a_crash() -> None:
    problem = problems_of("start: 1999-13-45\n")[0]
    assert "not a valid date" in problem.message and (problem.line, problem.column) == (1, 8)


def test_complex_keys_are_refused() -> None:
    assert "key must be" in problems_of("? [a, b]\n: 1\n")[0].message


def test_multiple_documents_are_refused() -> None:
    assert "more than one YAML document" in problems_of("a: 1\n---\nb: 2\n")[0].message


# --------------------------------------------------------------------------- properties

# Text without the characters load_yaml refuses on purpose (controls, separators).
texts = st.text(st.characters(blacklist_categories=("Cc", "Cs"),
                              blacklist_characters="\u2028\u2029\ufffe\uffff"), max_size=20)
plain = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | texts
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain)
def test_agrees_with_safe_load_and_locates_every_value(value: object) -> None:
    text = yaml.safe_dump({"root": value}, allow_unicode=True)
    data, pos = load_yaml(text, "p.yaml")
    assert data == yaml.safe_load(text)
    for path in pos.paths():
        line, col = pos.locate(path)
        assert 1 <= line <= text.count("\n") + 1 and col >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!,'\"#|>\n\t\x07é1"))) | st.binary(max_size=60))
def test_arbitrary_input_raises_only_scenario_error(source: str | bytes) -> None:
    try:
        load_yaml(source, "fuzz.yaml")
    except ScenarioError as err:
        assert err.problems


# --- the loader's cache of parsed files -----------------------------------------------

def test_a_file_read_again_is_not_parsed_again_but_gives_the_same_scenario(tmp_path, monkeypatch):
    from game.scenarios import loader
    from game.scenarios.registry import builtin_paths

    path = tmp_path / "copy.yaml"
    path.write_bytes(builtin_paths()["tutorial"].read_bytes())
    first = loader.load_scenario(path)
    calls = []
    real = loader.load_yaml
    monkeypatch.setattr(loader, "load_yaml", lambda raw, file: calls.append(file) or real(raw, file))
    second = loader.load_scenario(path)
    assert calls == []  # the same bytes: from the cache
    assert second is not first and second.model_dump() == first.model_dump()
    assert loader.content_hash(second) == loader.content_hash(first)


def test_an_edited_file_is_parsed_afresh_and_cached_data_cannot_be_changed_by_a_caller(tmp_path):
    from game.scenarios import loader
    from game.scenarios.registry import builtin_paths

    path = tmp_path / "copy.yaml"
    text = builtin_paths()["tutorial"].read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    data, _ = loader._parse(path.read_bytes(), str(path))
    data["title"] = "changed by a caller"
    data.clear()
    assert loader.load_scenario(path).title != "changed by a caller"
    path.write_text(text.replace('title: "Tutorial:', 'title: "Edited:', 1), encoding="utf-8")
    assert loader.load_scenario(path).title.startswith("Edited:")
    path.write_text("id: [unclosed\n", encoding="utf-8")
    broken, problems = loader.validate(path)
    assert broken is None and "not closed" in problems[0].message
