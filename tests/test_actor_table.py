"""The actor table a teacher edits in a spreadsheet (`treaty-table actor-table`)."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from game.cli import main
from game.scenarios import actor_table as T
from game.scenarios.loader import load_scenario
from game.scenarios.problems import ScenarioError


@pytest.fixture(scope="module")
def cst():
    return load_scenario("cst-1999")


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _set(rows, actor, number, about, value):
    head = rows[0]
    hit = [r for r in rows[1:] if r[head.index("actor")] == actor and r[head.index("number")] == number
           and r[head.index("about")] == about]
    assert len(hit) == 1, (actor, number, about)
    hit[0][head.index("value")] = value
    return rows


def _csv(rows, delimiter=",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _apply(tmp_path, changes, out_name: str, table: str = "e.csv") -> tuple[int, object]:
    """Export cst-1999's table, set ``changes`` ((actor, number, about, value), ...) in it, apply it
    to ``out_name``: (the command's exit code, the variant's path)."""
    rows = _export(tmp_path)
    for change in changes:
        _set(rows, *change)
    (tmp_path / table).write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / out_name
    return main(["actor-table", "cst-1999", "--apply", str(tmp_path / table), "--out", str(out)]), out


def _export(tmp_path, ref="cst-1999") -> list[list[str]]:
    out = tmp_path / "actors.csv"
    assert main(["actor-table", ref, "--out", str(out)]) == 0
    return _rows(out.read_text(encoding="utf-8-sig"))


# --- the table ---------------------------------------------------------------------------

def test_every_number_of_every_delegation_is_a_row_with_the_scenarios_value(cst):
    rows = T.table_rows(cst)
    per_actor = 6 + len(cst.issues) * 2 + (len(cst.actors) - 1)
    assert len(rows) == len(cst.actors) * per_actor
    for r in rows:
        a = cst.actor(r["actor"])
        want = T.current(a, r["number"], r["about"])
        if want is None:
            assert r["value"] == ""
        elif isinstance(want, str):
            assert r["value"] == want
        else:
            assert float(r["value"]) == pytest.approx(want)


def test_each_number_comes_with_its_note_and_the_citations_the_note_names(cst):
    rows = {(r["actor"], r["number"], r["about"]): r for r in T.table_rows(cst)}
    cap = rows[("russia", "capability", "")]
    assert cap["source note"].startswith("Capability 1.0:")
    assert "Reliability" not in cap["source note"]  # only the part about clout
    assert cap["sources"].startswith("J5:13: Jamestown Foundation, Monitor vol. 5 issue 13")
    ideal = rows[("georgia", "ideal", "sequencing")]
    assert ideal["source note"] == cst.actor("georgia").positions["sequencing"].note
    assert "0 = Adapt first" in ideal["meaning"] and ideal["allowed"] == "between 0 and 2"
    rel = rows[("russia", "reliability", "")]
    assert [c.split(":")[0] for c in rel["sources"].split("; ")] == ["PROT99", "J5"]  # in the note's order
    assert rows[("armenia", "affinity", "azerbaijan")]["value"] == "-0.8"  # a number stays a number
    assert rows[("russia", "affinity", "uzbekistan")]["allowed"] == "between -1 and 1"


def test_a_key_is_cited_only_as_a_whole_word(cst):
    assert T.cited_keys(cst, "see J5:25a and J5:13") == ["J5:25a", "J5:13"]
    assert T.cited_keys(cst, "see J5:250") == []


def test_the_written_table_has_a_byte_order_mark_and_is_not_overwritten(tmp_path, capsys):
    out = tmp_path / "actors.csv"
    assert main(["actor-table", "cst-1999", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(codecs.BOM_UTF8)
    said = capsys.readouterr().out
    assert "252 numbers of 9 delegations" in said and "--apply" in said
    out.write_text("my edits", encoding="utf-8")
    assert main(["actor-table", "cst-1999", "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "my edits"
    assert main(["actor-table", "cst-1999", "--out", str(out), "--force"]) == 0


def test_without_out_the_table_goes_to_standard_output(capsys):
    assert main(["actor-table", "tutorial"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert rows[0] == list(T.COLUMNS) and len(rows) == 37


# --- a variant from the edited table -----------------------------------------------------

def test_an_edited_table_makes_a_variant_with_only_the_changes(tmp_path, capsys, cst):
    rows = _export(tmp_path)
    _set(rows, "russia", "capability", "", "0.8")
    _set(rows, "georgia", "ideal", "sequencing", "0.5")
    _set(rows, "armenia", "affinity", "azerbaijan", "-0.2")
    _set(rows, "uzbekistan", "status", "", "party")
    _set(rows, "kazakhstan", "outside_option_public", "", "")
    (tmp_path / "edited.csv").write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / "our-class.yaml"
    assert main(["actor-table", "cst-1999", "--apply", str(tmp_path / "edited.csv"), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "5 numbers changed" in said and "russia's capability: 1.0 -> 0.8" in said
    text = out.read_text(encoding="utf-8")
    assert "extends: cst-1999" in text and "id: our-class" in text
    variant = load_scenario(str(out))
    assert variant.id == "our-class" and variant.title.endswith("(edited)")
    assert variant.actor("russia").capability == 0.8
    assert variant.actor("georgia").positions["sequencing"].ideal == 0.5
    assert variant.actor("georgia").positions["sequencing"].salience == cst.actor("georgia").positions[
        "sequencing"].salience
    assert variant.actor("armenia").affinities["azerbaijan"] == -0.2
    assert variant.actor("armenia").affinities["russia"] == cst.actor("armenia").affinities["russia"]
    assert variant.actor("uzbekistan").status == "party"
    assert variant.actor("kazakhstan").outside_option_public is None
    # everything else is the base's
    assert variant.issues == cst.issues and variant.history == cst.history and variant.events == cst.events
    for a, b in zip(variant.actors, cst.actors):
        if a.id not in ("russia", "georgia", "armenia", "uzbekistan", "kazakhstan"):
            assert a == b
    # the variant's own table says what changed, beside the number
    again = {(r["actor"], r["number"], r["about"]): r for r in T.table_rows(variant)}
    note = again[("russia", "capability", "")]["source note"]
    assert note.startswith("Capability changed in this variant (edited.csv): 1.0 in cst-1999, now 0.8.")
    assert "Capability 1.0: the dominant power" in note  # and where the original came from
    assert again[("georgia", "ideal", "sequencing")]["source note"].startswith(
        "Ideal changed in this variant (edited.csv): 0.0 in cst-1999, now 0.5.")
    assert "Affinity with Azerbaijan changed" in again[("armenia", "affinity", "azerbaijan")]["source note"]
    assert again[("uzbekistan", "status", "")]["source note"] == (
        "Status changed in this variant (edited.csv): boycotting in cst-1999, now party.")
    assert again[("russia", "status", "")]["source note"] == ""


def test_the_variant_plays(tmp_path, capsys):
    code, out = _apply(tmp_path, [("georgia", "outside_option", "", "0.4")], "v.yaml")
    assert code == 0
    capsys.readouterr()
    assert main(["simulate", "--scenario", str(out), "--runs", "2", "--json"]) == 0
    assert '"scenario": "v"' in capsys.readouterr().out


def test_what_spreadsheets_do_to_a_csv_is_read(tmp_path, cst):
    rows = _export(tmp_path)
    _set(rows, "russia", "reliability", "", "0,7")  # a decimal comma
    _set(rows, "armenia", "affinity", "azerbaijan", "'-0.5")  # a cell kept as text
    rows = [rows[0][::-1]] + [r[::-1] for r in rows[1:]]  # columns in another order
    rows.insert(5, [""] * len(rows[0]))  # an empty row
    for raw in (_csv(rows, ";").encode("cp1252", "replace"),  # Excel's CSV in a Windows code page
                codecs.BOM_UTF16_LE + _csv(rows, "\t").encode("utf-16-le"),  # Excel's "Unicode text"
                codecs.BOM_UTF8 + _csv(rows).encode("utf-8")):
        edits = T.read_table(cst, raw, "e.csv")
        found = {(e.actor, e.number, e.about): e.value for e, _ in T.changes(cst, edits)}
        assert found == {("russia", "reliability", ""): 0.7, ("armenia", "affinity", "azerbaijan"): -0.5}


def test_an_unchanged_table_writes_nothing(tmp_path, capsys):
    _export(tmp_path)
    out = tmp_path / "v.yaml"
    assert main(["actor-table", "cst-1999", "--apply", str(tmp_path / "actors.csv"), "--out", str(out)]) == 0
    assert "nothing to write" in capsys.readouterr().out and not out.exists()


def test_mistakes_in_the_table_name_line_column_and_fix_and_nothing_is_written(tmp_path, capsys):
    rows = _export(tmp_path)
    rows[3][4] = "1.4"          # line 4: russia's reliability
    rows[5][0] = "rusia"        # line 6
    rows[7][2] = "idea"         # line 8
    rows[9][4] = ""             # line 10: russia's ideal on defence
    rows[20][4] = "70%"         # line 21
    rows[30][3] = "defense"     # line 31: belarus's capability
    rows[40][3] = "x"           # line 41
    rows.append(list(rows[12]))  # line 254 repeats line 13 with another value
    rows[-1][4] = "0.2"
    rows.append(list(rows[14]))  # line 255 repeats line 15 as it is: harmless
    (tmp_path / "bad.csv").write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / "v.yaml"
    assert main(["actor-table", "cst-1999", "--apply", str(tmp_path / "bad.csv"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    bad = str(tmp_path / "bad.csv")
    for line in (
        f"{bad}:4:5: russia's reliability must be between 0 and 1, got 1.4 (hint: change it to a number "
        "between 0 and 1)",
        f"{bad}:6:1: unknown actor 'rusia' (hint: did you mean 'russia'?)",
        f"{bad}:8:3: unknown number 'idea' (hint: did you mean 'ideal'?)",
        f"{bad}:10:5: russia's ideal on defence is empty",
        f"{bad}:21:5: russia's salience on duration must be a number, got '70%' (hint: write a share as a "
        "number: 70% is 0.7)",
        f"{bad}:31:4: capability is one number for the whole delegation, not one per 'defense'",
        f"{bad}:41:4: unknown issue 'x'",
        f"{bad}:254:5: russia's salience on peacekeeping is given twice: 0.7 on line 13, 0.2 here",
    ):
        assert line in err, line
    assert ":255:" not in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize("text, message", [
    ("", "the table is empty"),
    ("actor,value\nrussia,1\n", "the first row has no column 'number', 'about'"),
    ('actor,number,about,value\nrussia,capability,,"0.5\n', "cannot be read as CSV"),
    ("actor,number,about,value\nrussia,ideal,defence,2.5\n", "must be between 0 and 2, got 2.5"),
    ("actor,number,about,value\nrussia,affinity,russia,0.5\n", "affinity with itself"),
    ("actor,number,about,value\nrussia,personality,,grumpy\n", "must be one of stubborn, pragmatic"),
    ("actor,number,about,value\nrussia,capability,,nan\n", "must be a number, got 'nan'"),
])
def test_each_kind_of_mistake_is_reported(cst, text, message):
    with pytest.raises(ScenarioError) as err:
        T.read_table(cst, text.encode(), "t.csv")
    assert message in str(err.value)
    assert all(p.file == "t.csv" and p.line >= 1 for p in err.value.problems)


def test_a_change_that_makes_the_scenario_unplayable_is_blamed_on_its_row(tmp_path, capsys):
    rows = _export(tmp_path)
    for actor in ("belarus", "armenia", "kyrgyzstan", "tajikistan", "kazakhstan"):
        _set(rows, actor, "status", "", "non_party")
    (tmp_path / "e.csv").write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / "v.yaml"
    assert main(["actor-table", "cst-1999", "--apply", str(tmp_path / "e.csv"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    table = str(tmp_path / "e.csv")
    assert f"{table}:30:5: belarus's status set to non_party: min_signatures is 5 but there are only 4 parties" \
        in err
    assert f"{table}:142:5: kazakhstan's status set to non_party: objective 'kazakhstan_signs' can never " \
        "be met" in err  # Russia's objective, blamed on the row that made Kazakhstan a non-party
    assert "cst-1999.yaml" not in err and not out.exists()
    assert list(tmp_path.glob(".check-*")) == []  # the trial file is gone


def test_a_variant_needs_its_own_id_and_a_yaml_name(tmp_path, capsys):
    _export(tmp_path)
    table = str(tmp_path / "actors.csv")
    assert main(["actor-table", "cst-1999", "--apply", table, "--out", str(tmp_path / "cst-1999.yaml")]) == 2
    assert "its own id" in capsys.readouterr().err
    assert main(["actor-table", "cst-1999", "--apply", table, "--out", str(tmp_path / "v.csv")]) == 2
    assert "ending in .yaml" in capsys.readouterr().err
    assert main(["actor-table", "cst-1999", "--apply", table, "--out", str(tmp_path / "v.yaml"),
                 "--id", "1 class"]) == 2
    assert "--id" in capsys.readouterr().err
    assert main(["actor-table", "cst-1999", "--apply", table]) == 2
    assert main(["actor-table", "cst-1999", "--id", "x"]) == 2


def test_a_variant_of_a_file_extends_it_by_its_path_from_the_variants_folder(tmp_path, capsys):
    base = tmp_path / "base" / "mine.yaml"
    base.parent.mkdir()
    assert main(["new-scenario", str(base)]) == 0
    capsys.readouterr()
    rows = _export(tmp_path, str(base))
    head = rows[0]
    first = next(r for r in rows[1:] if r[head.index("number")] == "capability")
    first[head.index("value")] = "0.11"
    (tmp_path / "e.csv").write_text(_csv(rows), encoding="utf-8")
    out = tmp_path / "ours.yaml"
    assert main(["actor-table", str(base), "--apply", str(tmp_path / "e.csv"), "--out", str(out)]) == 0
    assert "extends: base/mine.yaml" in out.read_text(encoding="utf-8")
    assert load_scenario(str(out)).actor(first[0]).capability == 0.11
    elsewhere = tmp_path / "base" / "deeper" / "ours.yaml"  # extends cannot reach up
    assert main(["actor-table", str(base), "--apply", str(tmp_path / "e.csv"), "--out", str(elsewhere)]) == 1
    assert "in the folder of" in capsys.readouterr().err and not elsewhere.exists()


# --- the kit's page ----------------------------------------------------------------------

@pytest.mark.parametrize("ref", ["cst-1999", "tutorial", "montreal-1987", "summit-1999", "cst-1999-uzbekistan"])
def test_the_kits_actor_table_shows_every_number_and_links_every_key_it_names(ref):
    import re

    from game.report.actor_sheet import actor_table_page

    sc = load_scenario(ref)
    page = actor_table_page(sc)
    targets = set(re.findall(r'<li id="([^"]+)"', page))
    links = set(re.findall(r'<a href="#([^"]+)"', page))
    assert links and links <= targets  # every link lands on its citation
    for a in sc.actors:
        assert f"{a.name}</h2>" in page
        for issue_id, pos in a.positions.items():
            assert sc.issue(issue_id).name in page
    cited = {k for r in T.table_rows(sc) for k in T.cited_keys(sc, r["source note"])}
    assert len(targets) == len(cited)  # each source a note names is listed once, with its citation


def test_the_kit_has_the_actor_table_and_its_index_links_it(tmp_path):
    from game.report.briefs import write_briefs

    sc = load_scenario("cst-1999")
    names = {p.name for p in write_briefs(sc, tmp_path)}
    assert "actor-table.html" in names
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="actor-table.html"' in index
    page = (tmp_path / "actor-table.html").read_text(encoding="utf-8")
    # the numbers, with what an ideal level means
    assert "ideal 1.6 <span class='muted'>(between Assistance at discretion and Automatic" in page
    assert '<a href="#src-J5-13">J5:13</a>' in page and '<li id="src-J5-13">' in page
    assert "Georgia -0.3" in page  # Russia's affinities, the zero ones left out
    # a brief for a delegation never links the page with every secret
    assert "actor-table.html" not in (tmp_path / "brief-georgia.html").read_text(encoding="utf-8")


def test_a_longer_key_is_linked_whole(cst):
    from game.report.actor_sheet import linked_note

    out = linked_note(cst, "as J5:25a and J5:25b say, and J5:13")
    assert '<a href="#src-J5-25a">J5:25a</a>' in out and '<a href="#src-J5-25b">J5:25b</a>' in out
    assert '<a href="#src-J5-13">J5:13</a>' in out
    assert linked_note(cst, "<b>") == "&lt;b&gt;"


def test_a_variant_of_a_variant_keeps_one_edited_mark_and_both_notes(tmp_path, capsys):
    rows = _export(tmp_path)
    _set(rows, "russia", "capability", "", "0.8")
    (tmp_path / "a.csv").write_text(_csv(rows), encoding="utf-8")
    assert main(["actor-table", "cst-1999", "--apply", str(tmp_path / "a.csv"), "--out",
                 str(tmp_path / "first.yaml")]) == 0
    _set(rows, "russia", "capability", "", "0.7")
    (tmp_path / "b.csv").write_text(_csv(rows), encoding="utf-8")
    assert main(["actor-table", str(tmp_path / "first.yaml"), "--apply", str(tmp_path / "b.csv"), "--out",
                 str(tmp_path / "second.yaml")]) == 0
    assert "1 number changed" in capsys.readouterr().out
    second = load_scenario(str(tmp_path / "second.yaml"))
    assert second.title.endswith("1999 (edited)") and second.actor("russia").capability == 0.7
    note = {(r["actor"], r["number"]): r["source note"] for r in T.table_rows(second)}[("russia", "capability")]
    assert note.startswith("Capability changed in this variant (b.csv): 0.8 in first, now 0.7. Capability "
                           "changed in this variant (a.csv): 1.0 in cst-1999, now 0.8.")


def test_the_variants_id_comes_from_its_file_name_as_new_scenario_makes_one(tmp_path, capsys):
    code, out = _apply(tmp_path, [("georgia", "outside_option", "", "0.5")], "Unsere Klasse.YAML")
    assert code == 0
    assert "(its id: unsere-klasse)" in capsys.readouterr().out
    assert load_scenario(str(out)).id == "unsere-klasse"
