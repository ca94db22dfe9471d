"""Hostile files: markup in a scenario never reaches HTML unescaped; file references stay home;
broken saves give one clear message and the last good autosave is offered.

The scenario is cst-1999 (it has history, hidden draws, events, offers and sources) with
``<script>alert(1)</script>`` and ``"'><img src=x onerror=alert(1)>`` added to every piece of
text (names, titles, issue and level names, descriptions, notes, source keys and citations, the
version and the source document), played to the end with a draft whose title is markup too, then
put through ``treaty-table briefs``, ``debrief`` and ``balance``.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.engine import actions as A
from game.scenarios.loader import load_scenario, validate
from game.scenarios.paths import (
    MissingReference,
    UnsafeReference,
    read_source_document,
    resolve_reference,
    source_document_path,
)
from game.scenarios.registry import builtin_paths, data_dir
from game.session.match import Match
from game.session.saves import SaveMismatch, latest_good_autosave, load_match, save_match
from game.session.store import AutosaveSlots, SaveCorrupt, SaveTampered, SaveTooNew, user_data_dir, write_save

SCRIPT = "<script>alert(1)</script>"
IMG = "\"'><img src=x onerror=alert(1)>"
PAYLOAD = f"{SCRIPT} {IMG}"
TEXT_KEYS = {"name", "title", "subtitle", "description", "length", "public_profile", "confidential", "notes",
             "note", "text", "summary", "reveal", "label", "place", "version"}


def _poison(node: object) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                node[key] = f"{value} {PAYLOAD}"
            else:
                _poison(value)
    elif isinstance(node, list):
        for item in node:
            _poison(item)


def hostile_scenario(folder: Path) -> Path:
    data = yaml.safe_load(builtin_paths()["cst-1999"].read_text(encoding="utf-8"))
    _poison(data)
    for n, actor in enumerate(data["actors"]):
        actor["short"] = f"<i>{n}"[:4]
    renamed = {key: f"{key}{SCRIPT}" for key in data["sources"]}
    data["sources"] = {renamed[k]: f"{v} {IMG}" for k, v in data["sources"].items()}
    for record in [*data["actors"], data["history"]]:
        record["sources"] = [renamed.get(k, k) for k in record.get("sources", [])]
    for record in [*data["events"], *data["rounds"]]:
        if record.get("source"):
            record["source"] = renamed.get(record["source"], record["source"])
    data["source_document"] = f"{SCRIPT}.txt"
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _Markup(HTMLParser):
    """Every element and attribute the page really contains."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def assert_no_markup_leaks(page: str, where: str) -> None:
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered, f"raw markup in {where}"
    parser = _Markup()
    parser.feed(page)
    parser.close()
    assert not parser.tags & {"script", "img", "iframe", "object", "embed"}, where
    assert not {a for a in parser.attrs if a.startswith("on")}, f"an event handler attribute in {where}"
    assert "src" not in parser.attrs, where


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return hostile_scenario(tmp_path_factory.mktemp("hostile"))


def test_the_hostile_scenario_is_valid(hostile: Path) -> None:
    scenario, problems = validate(hostile)
    assert scenario is not None, [p.format() for p in problems]
    assert SCRIPT in scenario.title and SCRIPT in scenario.issues[0].levels[0].name
    # the source document is a safe name that does not exist: a warning, not an error
    assert any(p.path == ("source_document",) and p.severity == "warning" for p in problems)


def test_briefs_escape_everything(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "briefs"
    assert main(["briefs", "--scenario", str(hostile), "--out", str(out)]) == 0
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 3
    seen = ""
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert_no_markup_leaks(text, page.name)
        seen += text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in seen
    assert "&quot;&#x27;&gt;&lt;img src=x onerror=alert(1)&gt;" in seen


@pytest.fixture(scope="module")
def hostile_save(hostile: Path, tmp_path_factory) -> Path:
    scenario = load_scenario(hostile)
    chair = scenario.chair
    match = Match(scenario, seed=5, seats={chair: "human"}, scenario_ref=str(hostile))
    levels = tuple(len(issue.levels) - 1 for issue in scenario.issues)
    match.run_ai()
    assert match.submit(A.Table(chair, levels=levels, title=PAYLOAD)).rejected is None
    match.set_seat(chair, "ai")
    match.run_ai()
    assert match.over
    path = tmp_path_factory.mktemp("saves") / "hostile.json"
    save_match(match, path)
    return path


def test_debrief_escapes_everything(hostile_save: Path, tmp_path: Path) -> None:
    out = tmp_path / "debrief.html"
    assert main(["debrief", str(hostile_save), "--out", str(out), "--ai-runs", "1"]) == 0
    page = out.read_text(encoding="utf-8")
    assert_no_markup_leaks(page, "debrief")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "onerror=alert(1)&gt;" in page


def test_balance_report_escapes_everything(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "balance"
    assert main(["balance", str(hostile), "--runs", "2", "--sensitivity-runs", "1", "--out", str(out)]) == 0
    page = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert_no_markup_leaks(page, "balance report")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --------------------------------------------------------------------------- file references

def _variant(folder: Path, extends: str, name: str = "v.yaml") -> Path:
    path = folder / name
    path.write_text(f"extends: {json.dumps(extends)}\nid: v\nversion: '1'\ntitle: V\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("ref", ["../../../../../../etc/passwd", "/etc/passwd", "../outside/base.yaml",
                                 "sub/../../outside/base.yaml", "seeds/../../../etc/passwd",
                                 "C:\\Windows\\win.ini", "\\\\server\\share\\x.yaml", "a\x00b"])
def test_extends_cannot_leave_the_folder(tmp_path: Path, ref: str) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "base.yaml").write_bytes(builtin_paths()["tutorial"].read_bytes())
    (tmp_path / "mine").mkdir()
    scenario, problems = validate(_variant(tmp_path / "mine", ref))
    assert scenario is None and len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.column) == (1, 10)
    assert any(word in problem.message for word in ("outside", "absolute", "control character")), problem.message


def test_extends_through_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "base.yaml").write_bytes(builtin_paths()["tutorial"].read_bytes())
    (tmp_path / "mine").mkdir()
    try:
        (tmp_path / "mine" / "link.yaml").symlink_to(tmp_path / "outside" / "base.yaml")
    except OSError:
        pytest.skip("symbolic links are not available")
    scenario, problems = validate(_variant(tmp_path / "mine", "link.yaml"))
    assert scenario is None and "outside the scenario's folder" in problems[0].message


def test_extends_inside_the_folder_and_by_id_still_work(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "base.yaml").write_bytes(builtin_paths()["tutorial"].read_bytes())
    assert load_scenario(_variant(tmp_path, "sub/base.yaml")).title == "V"
    assert load_scenario(_variant(tmp_path, "sub/../sub/base.yaml", "w.yaml")).title == "V"
    assert load_scenario(_variant(tmp_path, "tutorial", "x.yaml")).title == "V"
    scenario, problems = validate(_variant(tmp_path, "nope.yaml", "y.yaml"))
    assert scenario is None and "'nope.yaml' was not found" in problems[0].message


def test_a_long_extends_name_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    scenario, problems = validate(_variant(tmp_path, "a" * 5000))
    assert scenario is None and "too long" in problems[0].message


@pytest.mark.parametrize("ref, severity", [("../../../../etc/passwd", "error"), ("/etc/hostname", "error"),
                                           ("missing.txt", "warning")])
def test_source_document_is_checked(tmp_path: Path, ref: str, severity: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"extends: tutorial\nsource_document: {json.dumps(ref)}\n", encoding="utf-8")
    scenario, problems = validate(path)
    [problem] = [p for p in problems if p.path == ("source_document",)]
    assert problem.severity == severity and problem.line == 2 and problem.column == 18
    assert (scenario is None) == (severity == "error")


def test_the_source_document_resolver(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Article 1.\n", encoding="utf-8")
    assert resolve_reference("doc.txt", [tmp_path]) == (tmp_path / "doc.txt").resolve()
    seeds = data_dir("seeds")
    builtin = next(seeds.glob("*.txt"))
    assert resolve_reference(f"seeds/{builtin.name}", [tmp_path]) == builtin.resolve()
    with pytest.raises(UnsafeReference, match="outside"):
        resolve_reference("../doc.txt", [tmp_path / "sub"])
    with pytest.raises(MissingReference):
        resolve_reference("nothing.txt", [tmp_path])
    cst = load_scenario("cst-1999")
    assert source_document_path(cst, "cst-1999") == builtin.resolve()
    assert "Security Council" in read_source_document(cst, "cst-1999")
    path = tmp_path / "mine.yaml"
    path.write_text("extends: tutorial\nsource_document: doc.txt\n", encoding="utf-8")
    assert read_source_document(load_scenario(path), str(path)) == "Article 1.\n"
    with pytest.raises(MissingReference, match="names no primary source"):
        read_source_document(load_scenario("tutorial"), "tutorial")


# --------------------------------------------------------------------------- broken saves

@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    match = Match(load_scenario("tutorial"), seed=3, seats={"corallia": "human"}, scenario_ref="tutorial")
    match.run_ai()
    path = tmp_path / "game.json"
    save_match(match, path)
    return path


def _autosave_a_good_game(seed: int = 4) -> Path:
    match = Match(load_scenario("tutorial"), seed=seed, scenario_ref="tutorial")
    match.run_ai()
    return AutosaveSlots(user_data_dir() / "autosaves").write(match.to_payload())


def _damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "corrupted":
        path.write_bytes(raw[:40] + b"\x00\xff garbage \xfe" + raw[60:])
    elif how == "tampered":
        path.write_bytes(raw.replace(b'"seed": 3', b'"seed": 4'))
    else:
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "corrupted", "tampered", "empty"])
def test_play_text_load_of_a_broken_save_offers_the_latest_good_autosave(saved: Path, how: str, capsys) -> None:
    good = _autosave_a_good_game()
    _damage(saved, how)
    assert main(["play", "--text", "--load", str(saved)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("error: ") and saved.name in err[0]
    if how == "empty":  # neither its content nor its name tells the scenario: nothing is offered
        assert len(err) == 1
        return
    assert f"The latest good autosave is {good}" in err[1]
    assert f"treaty-table play --text --load {good}" in err[1]


@pytest.mark.parametrize("how", ["truncated", "corrupted", "tampered", "empty"])
def test_replay_of_a_broken_save_is_one_clear_message(saved: Path, how: str, capsys) -> None:
    _damage(saved, how)
    assert main(["replay", str(saved)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) >= 1 and err[0].startswith("error: ") and "Traceback" not in "".join(err)


def test_replay_of_a_broken_save_offers_the_latest_good_autosave(saved: Path, capsys) -> None:
    good = _autosave_a_good_game()
    _damage(saved, "truncated")
    assert main(["replay", str(saved)]) == 1
    assert f"The latest good autosave is {good}" in capsys.readouterr().err


def test_the_autosave_offered_is_the_newest_that_reads(tmp_path: Path, capsys) -> None:
    first = _autosave_a_good_game()
    newest = _autosave_a_good_game(seed=5)
    newest.write_bytes(newest.read_bytes()[:100])  # e.g. a disk that lost the end of the file
    assert main(["play", "--text", "--load", str(newest)]) == 1
    err = capsys.readouterr().err
    assert "is cut off" in err and f"The latest good autosave is {first}" in err


def test_tampered_save_is_refused_with_one_sentence(saved: Path) -> None:
    _damage(saved, "tampered")
    with pytest.raises(SaveTampered) as caught:
        load_match(saved)
    assert "\n" not in str(caught.value) and "checksum" in str(caught.value)


def test_a_save_of_a_changed_scenario_names_the_scenario_and_version(tmp_path: Path) -> None:
    scenario_path = tmp_path / "mine.yaml"
    scenario_path.write_text('extends: tutorial\nid: mine\nversion: "1.0"\n', encoding="utf-8")
    match = Match(load_scenario(scenario_path), seed=2, scenario_ref=str(scenario_path))
    match.run_ai(max_steps=5)
    save = tmp_path / "game.json"
    save_match(match, save)
    assert load_match(save).actions == match.actions

    rule = "settings:\n  breach_penalty: 0.2\n"  # a change to the words alone would load without asking
    scenario_path.write_text('extends: tutorial\nid: mine\nversion: "1.1"\n' + rule, encoding="utf-8")
    with pytest.raises(SaveMismatch) as caught:
        load_match(save)
    message = str(caught.value)
    assert "scenario 'mine' version 1.0" in message and "version 1.1" in message and "\n" not in message

    scenario_path.write_text('extends: tutorial\nid: mine\nversion: "1.0"\ntitle: Changed\n' + rule, encoding="utf-8")
    with pytest.raises(SaveMismatch, match="scenario 'mine' version 1.0.*same version number but different"):
        load_match(save)

    scenario_path.unlink()
    with pytest.raises(SaveMismatch, match=r"needs scenario 'mine' version 1\.0 \(from .*mine\.yaml\), which "
                                           r"cannot be loaded: no such scenario file"):
        load_match(save)


def test_a_save_from_a_newer_version_says_so(tmp_path: Path) -> None:
    match = Match(load_scenario("tutorial"), seed=2, scenario_ref="tutorial")
    path = tmp_path / "new.json"
    write_save(path, match.to_payload(), format_version=99)
    with pytest.raises(SaveTooNew) as caught:
        load_match(path)
    assert "newer version of Treaty Table (format 99)" in str(caught.value)


@pytest.mark.parametrize("edit, words", [
    (lambda p: p.update(seed="1"), "seed is not a whole number"),
    (lambda p: p.update(scenario="tutorial"), "does not say which scenario"),
    (lambda p: p.update(seats=["x"]), "seats are not readable"),
    (lambda p: p["actions"].append({"kind": "table", "actor": "brisa", "levels": [0, 0], "title": [""]}),
     "'title' should be text"),
    (lambda p: p["actions"].append({"kind": "amend", "actor": "brisa", "draft": True}),
     "'draft' should be a whole number"),
    (lambda p: p["actions"].append(["pass"]), "is not a mapping"),
    (lambda p: p["actions"].append({"kind": "teleport"}), "unknown kind of move 'teleport'"),
    (lambda p: p["actions"].append({"kind": "pass", "actor": "nobody"}), "cannot be replayed"),
])
def test_hand_edited_saves_with_a_valid_checksum_are_refused_clearly(tmp_path: Path, edit, words) -> None:
    match = Match(load_scenario("tutorial"), seed=2, scenario_ref="tutorial")
    payload = match.to_payload()
    edit(payload)
    path = tmp_path / "edited.json"
    write_save(path, payload)  # a correct checksum: as if edited and re-signed by hand
    with pytest.raises(SaveCorrupt) as caught:
        load_match(path)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_a_save_cannot_make_the_game_read_files_outside_through_extends(tmp_path: Path) -> None:
    # the save names a scenario file that extends a file outside its folder: refused, not read
    (tmp_path / "evil").mkdir()
    evil = _variant(tmp_path / "evil", "../../../../../../etc/passwd")
    match = Match(load_scenario("tutorial"), seed=2, scenario_ref="tutorial")
    payload = match.to_payload()
    payload["scenario"]["ref"] = str(evil)
    path = tmp_path / "evil.json"
    write_save(path, payload)
    with pytest.raises(SaveMismatch, match="points outside the scenario's folder"):
        load_match(path)


def test_a_scenario_with_a_nul_byte_in_its_path_is_a_problem_not_a_crash() -> None:
    scenario, problems = validate("a\x00b.yaml")
    assert scenario is None and problems



@pytest.mark.parametrize("content", [
    b'{"format": "treaty-table-save", "format_version": 1, "n": ' + b"9" * 40000 + b"}",  # int digits limit
    b'{"format": "treaty-table-save", "payload": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",  # nesting
])
def test_absurd_json_is_corrupt_not_a_crash(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "absurd.json"
    path.write_bytes(content)
    with pytest.raises(SaveCorrupt):
        load_match(path)


def test_an_oversized_save_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.session import store

    monkeypatch.setattr(store, "MAX_SAVE_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1001)
    with pytest.raises(SaveCorrupt, match="too large"):
        load_match(path)


def _stale_autosave() -> Path:
    """An autosave that reads cleanly but was played on another version of its scenario."""
    match = Match(load_scenario("tutorial"), seed=2, scenario_ref="tutorial")
    match.run_ai(max_steps=3)
    payload = match.to_payload()
    payload["scenario"].update(version="0.9", rules_hash="r1:" + "0" * 64)  # other rules (words alone would load)
    return AutosaveSlots(user_data_dir() / "autosaves").write(payload)


def test_latest_good_autosave_resumes_and_never_offers_the_failed_file() -> None:
    assert latest_good_autosave() is None
    good = _autosave_a_good_game()
    stale = _stale_autosave()
    with pytest.raises(SaveMismatch):
        load_match(stale)
    assert latest_good_autosave() == good  # the newer one reads cleanly but does not resume
    assert latest_good_autosave(exclude=good) is None
    broken = _autosave_a_good_game(seed=5)
    broken.write_bytes(broken.read_bytes()[:50])
    assert latest_good_autosave(exclude=broken) == good


def test_play_text_does_not_offer_the_save_that_just_failed(capsys) -> None:
    stale = _stale_autosave()
    assert main(["play", "--text", "--load", str(stale)]) == 1
    assert "latest good autosave" not in capsys.readouterr().err


@pytest.mark.parametrize("escape, code", [("\\e[31m", "U+001B"), ("\\x00", "U+0000"), ("\\uD800", "U+D800"),
                                          ("\\u2028", "U+2028"), ("\\x9b", "U+009B")])
def test_control_characters_written_as_escapes_are_refused(tmp_path: Path, escape: str, code: str) -> None:
    # a raw ESC byte is refused before parsing; "\e" in double quotes must be too (terminal escape
    # sequences in the text mode, lone surrogates that cannot be written to an HTML page)
    path = tmp_path / "esc.yaml"
    path.write_text(f'extends: tutorial\ntitle: "Treaty {escape} text"\n', encoding="utf-8")
    scenario, problems = validate(path)
    assert scenario is None and len(problems) == 1
    assert code in problems[0].message and (problems[0].line, problems[0].column) == (2, 8)


@pytest.mark.parametrize("record", [{"injects": ["news"]},
                                    {"injects": [{"at": 0, "kind": "news", "headline": "x",
                                                  "effects": [{"field": "outside_option"}]}]}])
def test_the_window_loader_refuses_a_hand_edited_facilitator_record_clearly(tmp_path: Path, record) -> None:
    from game.session import facilitator
    from game.session.store import SaveFileError

    match = Match(load_scenario("tutorial"), seed=2, scenario_ref="tutorial")
    payload = match.to_payload()
    payload["facilitator"] = record
    path = tmp_path / "facilitated.json"
    write_save(path, payload)
    with pytest.raises(SaveFileError) as caught:
        facilitator.load(path)
    assert "\n" not in str(caught.value)


def test_every_action_field_type_is_checked_when_a_save_is_read() -> None:
    import dataclasses

    from game.engine.actions import ACTION_TYPES
    from game.session import saves

    for cls in ACTION_TYPES.values():
        for f in dataclasses.fields(cls):
            assert saves._annotation(f.type) in saves._FIELD_CHECKS, f"{cls.__name__}.{f.name}: {f.type}"
