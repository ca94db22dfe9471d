"""A save whose scenario changed only in its words (a name, a brief, a note, a news text: what most
updates of a scenario are) loads without asking, the same game move for move; any change to a
rule or number still asks first (tests/test_scenario_changed.py).

Before, every wording fix of a built-in scenario (cst-1999 had four: 1.1.1 to 1.1.4) made every
saved game of it stop on "the scenario has changed" and offer to "play its moves again", with a
warning that events and scores might differ, which they could not."""

from __future__ import annotations

import inspect
import json
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from game.cli import main
from game.engine import actions as A
from game.scenarios import schema as S
from game.scenarios import wording as W
from game.scenarios.loader import content_hash, load_scenario
from game.scenarios.registry import builtin_paths, data_dir
from game.session.match import Match, resume_note, reworded_note
from game.session.saves import ScenarioChanged, latest_good_autosave, load_match, read_game_payload, save_match
from game.session.store import write_save

# every text field of the schema that is NOT words only: ids and references to ids, a level or
# actor a rule names, initials and colours (badges, a draft's default title), and the version
COUNTS = {
    (S.Scenario, "id"), (S.Scenario, "extends"), (S.Scenario, "chair"),
    (S.Level, "id"), (S.Issue, "id"), (S.Issue, "baseline"),
    (S.Actor, "id"), (S.Actor, "short"), (S.Actor, "colour"), (S.Actor, "positions"), (S.Actor, "affinities"),
    (S.Effect, "actor"), (S.Effect, "issue"), (S.Effect, "other"), (S.Effect, "value"),
    (S.Event, "id"), (S.Round, "id"), (S.DrawOption, "id"), (S.HiddenDraw, "id"),
    (S.InitialDraft, "id"), (S.InitialDraft, "author"), (S.InitialDraft, "levels"),
    (S.History, "levels"), (S.History, "signatories"),
    (S.Objective, "id"), (S.Objective, "issue"), (S.Objective, "level"), (S.Objective, "actor"),
    (S.OfferKind, "id"), (S.OfferKind, "to"), (S.RedLine, "issue"), (S.RedLine, "at_least"),
    (S.RedLine, "at_most"),
}
WORDY = {str, str | None, list[str], dict[str, str], typing.Optional[str]}
# fields left out of the rules hash whole though not text: read by neither a move nor a score, so all
# in them is words (the briefing check's own questions: game/report/quiz.py)
NOT_RULES = {(S.Scenario, "quiz")}
NOT_RULES_MODELS = {S.QuizQuestion}  # (reached only through NOT_RULES)


def _models() -> list[type[BaseModel]]:
    return [c for _, c in inspect.getmembers(S, inspect.isclass)
            if issubclass(c, BaseModel) and c.__module__ == S.__name__ and c.model_fields]


def test_every_text_field_of_the_schema_is_classed_as_words_or_as_part_of_the_rules() -> None:
    """A field added to the schema must be placed: left out of the rules hash (words) or kept in it."""
    unplaced = []
    for cls in _models():
        if cls in NOT_RULES_MODELS:
            continue
        for name, f in cls.model_fields.items():
            if "str" in str(f.annotation) and name not in W.WORDS.get(cls, ()) and (cls, name) not in COUNTS:
                unplaced.append(f"{cls.__name__}.{name}")
    assert not unplaced, f"add these to game.scenarios.wording.WORDS (words only) or to COUNTS here: {unplaced}"


def test_only_text_fields_are_left_out_of_the_rules_hash() -> None:
    for cls, names in W.WORDS.items():
        for name in names:
            assert cls.model_fields[name].annotation in WORDY or (cls, name) in NOT_RULES, \
                f"{cls.__name__}.{name} is not text"


def _with(sc: S.Scenario, **changes) -> S.Scenario:
    return S.Scenario.model_validate({**sc.model_dump(by_alias=True), **changes})


def _actor_with(sc: S.Scenario, n: int, **changes) -> S.Scenario:
    actors = [a.model_dump() for a in sc.actors]
    actors[n] = {**actors[n], **changes}
    return _with(sc, actors=actors)


def test_the_rules_hash_ignores_words_and_sees_every_rule() -> None:
    sc = load_scenario("cst-1999")
    base = W.rules_hash(sc)
    assert base.startswith(W.TAG + ":") and base == W.rules_hash(_with(sc))  # rebuilt: the same
    words = [_with(sc, title="Another title", version="9.9", description="x", sources={"a": "b"}),
             _actor_with(sc, 2, name="Somewhere", confidential="Other orders.", notes="", sources=[]),
             _with(sc, events=[dict(e.model_dump(), text="Other news.", title="T") for e in sc.events]),
             _with(sc, issues=[dict(i.model_dump(), name=i.name.upper(), levels=[dict(lv.model_dump(), name="L")
                                                                                for lv in i.levels])
                               for i in sc.issues])]
    assert all(W.rules_hash(s) == base for s in words)
    a = sc.actors[2]
    rules = [_actor_with(sc, 2, capability=round(a.capability / 2, 3)),
             _actor_with(sc, 2, short="ZZ"), _actor_with(sc, 2, colour="#123456"),
             _with(sc, deadline="1999-04-30"), _with(sc, actors=[x.model_dump() for x in reversed(sc.actors)]),
             _with(sc, settings=dict(sc.settings.model_dump(), breach_penalty=0.5)),
             _with(sc, events=[dict(e.model_dump(), probability=0.5) for e in sc.events])]
    assert len({W.rules_hash(s) for s in rules} | {base}) == len(rules) + 1


def test_the_table_of_past_versions_holds_every_built_in_scenario_as_it_is_now() -> None:
    """Edit a built-in scenario, then run 'python -m game.scenarios.wording' (it adds the new
    version, read from the working tree, to scenarios/past-versions.json, beside every earlier one
    from the git history): saves of this version must load on the next one when only words change."""
    table = json.loads((data_dir("scenarios") / W.PAST_FILE).read_text("utf-8"))
    assert table["algorithm"] == W.TAG
    W.past_versions.cache_clear()
    for sid in builtin_paths():
        sc = load_scenario(sid)
        entry = W.past_versions().get(sid, {}).get(content_hash(sc))
        assert entry == {"version": sc.version, "rules": W.rules_hash(sc)}, (
            f"{sid} {sc.version} is not in scenarios/{W.PAST_FILE}: run 'python -m game.scenarios.wording'")


def test_the_table_knows_that_cst_1999_has_changed_only_its_words_since_1_1_0() -> None:
    versions = {e["version"]: e["rules"] for e in W.past_versions()["cst-1999"].values()}
    assert {versions[v] for v in ("1.1.0", "1.1.1", "1.1.2", "1.1.3", "1.1.4")} == {versions["1.1.4"]}
    assert versions["1.0.0"] != versions["1.1.0"]  # 1.1.0 changed Kazakhstan's outside option


# --------------------------------------------------------------------------- saves

def _scenario(folder: Path, version: str, extra: str = "") -> Path:
    path = folder / "mine.yaml"
    path.write_text(f'extends: tutorial\nid: mine\nversion: "{version}"\n{extra}', encoding="utf-8")
    return path


def _saved_game(folder: Path, steps: int = 12, name: str = "game.json") -> tuple[Path, Match]:
    scenario = _scenario(folder, "1.0")
    match = Match(load_scenario(scenario), seed=2, scenario_ref=str(scenario), seats={"corallia": "human"})
    while len(match.actions) < steps:
        match.run_ai(max_steps=steps - len(match.actions))
        if match.to_move == "corallia" and len(match.actions) < steps:
            assert match.submit(A.Pass("corallia")).rejected is None
    save = folder / name
    save_match(match, save)
    return save, match


REWORDED = 'title: The Three Islands, revised\nsubtitle: A new line\ndescription: Said another way.\n'


def test_a_save_loads_without_asking_when_only_its_scenarios_words_changed(tmp_path: Path) -> None:
    save, before = _saved_game(tmp_path)
    assert read_game_payload(save)["scenario"]["rules_hash"] == W.rules_hash(before.scenario)
    sc_before = before.scenario
    _scenario(tmp_path, "1.1", REWORDED)
    now = load_scenario(tmp_path / "mine.yaml")
    assert (now.title, now.description) != (sc_before.title, sc_before.description)

    match = load_match(save)
    assert match.scenario.version == "1.1" and match.reworded_from == "1.0"
    assert match.actions == before.actions and match.earlier_scenarios == []
    assert match.state.round == before.state.round and match.state.steps == before.state.steps
    assert match.state.rng == before.state.rng and match.state.drafts == before.state.drafts
    assert resume_note(match, False) == reworded_note(match) == (
        "the scenario's wording has been updated since it was saved (v1.0, now v1.1); its rules and numbers "
        "are the same, so every move and score stays as it was")
    save_match(match, save)  # saved again, it is a save of 1.1, with nothing to tell
    again = load_match(save)
    assert again.reworded_from == "" and resume_note(again, True) == ""
    assert read_game_payload(save)["scenario"]["version"] == "1.1"


def test_a_changed_rule_still_asks_first(tmp_path: Path) -> None:
    save, _ = _saved_game(tmp_path)
    _scenario(tmp_path, "1.1", REWORDED + "settings:\n  breach_penalty: 0.2\n")
    with pytest.raises(ScenarioChanged):
        load_match(save)
    match = load_match(save, current_scenario=True)
    assert match.reworded_from == "" and [e["version"] for e in match.earlier_scenarios] == ["1.0"]


def test_a_save_from_before_saves_recorded_the_rules_is_matched_by_the_table(tmp_path: Path) -> None:
    """Saves made before this change record only the content hash: the built-in scenarios' table
    of past versions tells a wording-only change (cst-1999 1.1.3 -> now) from a real one (1.0.0)."""
    old = {e["version"]: h for h, e in W.past_versions()["cst-1999"].items()}
    match = Match(load_scenario("cst-1999"), seed=5, seats={"georgia": "human"}, scenario_ref="cst-1999")
    match.run_ai(max_steps=10)
    payload = match.to_payload()
    del payload["scenario"]["rules_hash"]
    payload["scenario"].update(version="1.1.3", hash=old["1.1.3"])
    write_save(tmp_path / "old.json", payload)
    loaded = load_match(tmp_path / "old.json")
    assert loaded.reworded_from == "1.1.3" and loaded.actions == match.actions

    payload["scenario"].update(version="1.0.0", hash=next(h for h, e in W.past_versions()["cst-1999"].items()
                                                          if e["version"] == "1.0.0"))
    write_save(tmp_path / "older.json", payload)
    with pytest.raises(ScenarioChanged):
        load_match(tmp_path / "older.json")
    payload["scenario"].update(version="1.1.3", hash="0" * 64)  # a version nobody shipped
    write_save(tmp_path / "unknown.json", payload)
    with pytest.raises(ScenarioChanged):
        load_match(tmp_path / "unknown.json")


def test_the_text_mode_and_replay_say_the_wording_changed(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    save, _ = _saved_game(tmp_path)
    _scenario(tmp_path, "1.1", REWORDED)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("quit\n"))
    assert main(["play", "--text", "--load", str(save)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Note: the scenario's wording has been updated since it was saved (v1.0, now v1.1)" in out
    assert main(["replay", str(save)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "(Note: the scenario's wording has been updated since it was saved (v1.0, now v1.1)" in out


def test_a_reworded_facilitated_save_and_an_autosave_load_too(tmp_path: Path) -> None:
    """The teacher's console save, and the autosave the window offers to resume after a crash."""
    from game.session import facilitator as F
    from game.session.store import AutosaveSlots

    _, before = _saved_game(tmp_path)
    F.facilitate(before)
    F.save(before, tmp_path / "class.json")
    slots = tmp_path / "autosaves"
    auto = AutosaveSlots(slots).write(before.to_payload())
    _scenario(tmp_path, "1.1", REWORDED)
    led = F.load(tmp_path / "class.json")
    assert led.reworded_from == "1.0" and led.actions == before.actions and led.earlier_scenarios == []
    assert F.record_of(led) is not None
    assert latest_good_autosave(folder=slots) == auto  # it resumes, so it is offered
    _scenario(tmp_path, "1.2", "settings:\n  breach_penalty: 0.2\n")
    assert latest_good_autosave(folder=slots) is None  # a changed rule: it does not resume as it is


def test_the_name_an_event_seats_at_the_table_is_words_too() -> None:
    """cst-1999's 'delegate' effect (the new Security Council secretary) only names who sits there, as
    the first delegate's name does: renaming him is a change of words (found by the session's review)."""
    sc = load_scenario("cst-1999")
    events = [e.model_dump() for e in sc.events]
    hits = [(n, k) for n, e in enumerate(events) for k, f in enumerate(e["effects"]) if f["field"] == "delegate"]
    assert hits
    n, k = hits[0]
    events[n]["effects"][k]["value"] = "Someone else"
    assert W.rules_hash(_with(sc, events=events)) == W.rules_hash(sc)
    events[n]["effects"][k]["actor"] = sc.actors[-1].id  # whom it seats is not
    assert W.rules_hash(_with(sc, events=events)) != W.rules_hash(sc)
