"""What a teacher who edits the actor table in a spreadsheet runs into (`treaty-table actor-table`):
edits in the wrong place, files that are not tables, and a variant's changes kept in view."""

from __future__ import annotations

import csv
import io
import os
import zipfile

import pytest

from game.cli import main
from game.scenarios import actor_table as T
from game.scenarios.loader import load_scenario
from game.scenarios.problems import ScenarioError


@pytest.fixture(scope="module")
def cst():
    return load_scenario("cst-1999")


def _export(tmp_path, ref="cst-1999") -> list[list[str]]:
    out = tmp_path / "actors.csv"
    assert main(["actor-table", ref, "--out", str(out)]) == 0
    return list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def _row(rows, actor, number, about=""):
    head = rows[0]
    return next(r for r in rows[1:] if r[head.index("actor")] == actor and r[head.index("number")] == number
                and r[head.index("about")] == about)


def _csv(rows, delimiter=",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def _apply(tmp_path, rows_or_bytes, out="v.yaml", ref="cst-1999", name="e.csv") -> int:
    table = tmp_path / name
    if isinstance(rows_or_bytes, bytes):
        table.write_bytes(rows_or_bytes)
    else:
        table.write_text(_csv(rows_or_bytes), encoding="utf-8")
    return main(["actor-table", ref, "--apply", str(table), "--out", str(tmp_path / out)])


# --- an edit in the wrong place is never dropped without a word ----------------------------

def test_a_number_typed_into_the_delegation_column_is_an_error_not_a_lost_edit(tmp_path, capsys):
    rows = _export(tmp_path)
    _row(rows, "georgia", "outside_option")[1] = "0.5"  # 'delegation' instead of 'value'
    _row(rows, "kazakhstan", "salience", "peacekeeping")[4] = "0.8"
    assert _apply(tmp_path, rows) == 1
    err = capsys.readouterr().err
    assert ":89:2: georgia's outside_option: the 'delegation' column holds 0.5, but only the 'value' column " \
        "(column E) is read" in err
    assert "it said 'Georgia'" in err and not (tmp_path / "v.yaml").exists()


def test_a_column_of_ones_own_is_named_as_not_read(tmp_path, capsys):
    rows = _export(tmp_path)
    rows[0].append("our notes")
    for r in rows[1:]:
        r.append("")
    _row(rows, "georgia", "outside_option")[4] = "0.5"
    _row(rows, "georgia", "outside_option")[-1] = "the class thinks NATO was far off"
    _row(rows, "russia", "capability").append("0.9")  # a number beside the table, in a column without a name
    assert _apply(tmp_path, rows) == 0
    said = capsys.readouterr().out
    assert ":89:10: warning: column J ('our notes') is not read" in said
    assert ":3:11: warning: column K (with no name in the first row) is not read" in said
    assert "1 number changed" in said


# --- files that are not the table ----------------------------------------------------------

def test_a_workbook_saved_by_mistake_is_named_with_how_to_save_a_csv(tmp_path, capsys):
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    assert _apply(tmp_path, book.getvalue(), name="actors.xlsx") == 1
    err = capsys.readouterr().err
    assert "the file is a spreadsheet workbook (.xlsx, .ods or .numbers), not a CSV table" in err
    assert "Save As" in err and "first row" not in err
    with pytest.raises(ScenarioError, match=r"an Excel workbook \(\.xls\)"):
        T.read_table(load_scenario("tutorial"), b"\xd0\xcf\x11\xe0" + b"\0" * 100, "a.xls")


def test_utf16_without_its_byte_order_mark_is_read(cst):
    text = "actor\tnumber\tabout\tvalue\r\nrussia\tcapability\t\t0.8\r\n"
    edits = T.read_table(cst, text.encode("utf-16-le"), "u.txt")
    assert [(e.actor, e.value) for e in edits] == [("russia", 0.8)]


def test_an_enormous_file_is_refused_unread(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(T, "MAX_TABLE_BYTES", 4096)
    rows = _export(tmp_path)
    assert _apply(tmp_path, rows) == 1
    err = capsys.readouterr().err
    assert "is larger than" in err and "is it the right file?" in err and err.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_like_the_table_is_refused_at_once(tmp_path, capsys):
    os.mkfifo(tmp_path / "e.csv")  # reading it would wait for a writer for ever
    assert main(["actor-table", "cst-1999", "--apply", str(tmp_path / "e.csv"), "--out",
                 str(tmp_path / "v.yaml")]) == 1
    assert "not a regular file" in capsys.readouterr().err


def test_a_table_full_of_mistakes_stops_after_fifty(cst):
    text = "actor,number,about,value\n" + "russia,capability,,2\n" * 500
    with pytest.raises(ScenarioError) as err:
        T.read_table(cst, text.encode(), "t.csv")
    assert len(err.value.problems) == 51
    assert err.value.problems[-1].message == "too many problems; stopped reading after 50"


# --- values --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, hint", [
    ("7", "for 7 out of 10, write 0.7"),
    ("70", "for 70 out of 100, write 0.7"),
    ("01. Mai", "turned the number into a date (the table said 0.4)"),
    ("01.05.2024", "turned the number into a date"),
])
def test_a_salience_out_of_ten_or_a_date_gets_a_hint_that_fixes_it(cst, value, hint):
    text = f"actor;number;about;value\r\nkazakhstan;salience;peacekeeping;{value}\r\n"
    with pytest.raises(ScenarioError) as err:
        T.read_table(cst, text.encode("cp1252"), "t.csv")
    assert hint in str(err.value)


def test_a_decimal_comma_without_a_leading_zero_is_read(cst):
    edits = T.read_table(cst, "actor;number;about;value\nrussia;capability;;,8\n".encode(), "t.csv")
    assert edits[0].value == 0.8


# --- where the variant goes ----------------------------------------------------------------

def test_the_next_command_puts_the_variant_where_it_can_extend_a_file_elsewhere(tmp_path, capsys, monkeypatch):
    base = tmp_path / "other folder" / "mine.yaml"
    base.parent.mkdir()
    assert main(["new-scenario", str(base)]) == 0
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    capsys.readouterr()
    assert main(["actor-table", "../other folder/mine.yaml", "--out", "actors.csv"]) == 0
    said = capsys.readouterr().out
    assert "--out '../other folder/my-variant.yaml'" in said
    rows = list(csv.reader(io.StringIO((work / "actors.csv").read_text(encoding="utf-8-sig"))))
    head = rows[0]
    next(r for r in rows[1:] if r[head.index("number")] == "capability")[head.index("value")] = "0.11"
    (work / "actors.csv").write_text(_csv(rows), encoding="utf-8")
    # the variant in the current folder cannot extend the file: the fix names a path that works, quoted
    assert main(["actor-table", "../other folder/mine.yaml", "--apply", "actors.csv", "--out", "ours.yaml"]) == 1
    assert "e.g. --out '../other folder/ours.yaml'" in capsys.readouterr().err
    assert main(["actor-table", "../other folder/mine.yaml", "--apply", "actors.csv", "--out",
                 "../other folder/my-variant.yaml"]) == 0
    assert load_scenario(str(base.parent / "my-variant.yaml")).id == "my-variant"


def test_out_naming_a_folder_says_it_is_a_folder(tmp_path, capsys):
    _export(tmp_path)
    (tmp_path / "kit.yaml").mkdir()
    assert main(["actor-table", "cst-1999", "--apply", str(tmp_path / "actors.csv"), "--out",
                 str(tmp_path / "kit.yaml")]) == 2
    err = capsys.readouterr().err
    assert "kit.yaml is a folder: give the name of the variant's .yaml file" in err
    assert "my-variant.yaml" in err


def test_a_changed_status_says_the_texts_still_tell_the_original_story(tmp_path, capsys):
    rows = _export(tmp_path)
    _row(rows, "uzbekistan", "status")[4] = "party"
    assert _apply(tmp_path, rows) == 0
    said = capsys.readouterr().out
    assert "note: only the numbers changed" in said and "about Uzbekistan" in said


# --- the variant's changes stay in view: the kit and the debrief ---------------------------

def _variant(tmp_path, capsys) -> str:
    rows = _export(tmp_path)
    _row(rows, "georgia", "outside_option")[4] = "0.5"
    _row(rows, "kazakhstan", "salience", "peacekeeping")[4] = "0.8"
    assert _apply(tmp_path, rows, out="our-class.yaml", name="edited.csv") == 0
    capsys.readouterr()
    return str(tmp_path / "our-class.yaml")


def test_the_kits_actor_table_lists_the_changes_and_names_the_file_not_the_id(tmp_path, capsys):
    from game.report.actor_sheet import actor_table_page

    variant = _variant(tmp_path, capsys)
    assert T.variant_changes(load_scenario("cst-1999")) == []
    assert T.variant_changes(load_scenario(variant)) == [
        "Georgia: Outside option changed in this variant (edited.csv): 0.72 in cst-1999, now 0.5.",
        "Kazakhstan, Peacekeeping force: Salience changed in this variant (edited.csv): 0.4 in cst-1999, "
        "now 0.8."]
    page = actor_table_page(load_scenario(variant), ref=variant)
    assert "Numbers changed in this variant" in page and "0.72 in cst-1999, now 0.5." in page
    assert f"treaty-table actor-table {variant} --out actors.csv" in page  # not 'our-class', which is no id
    assert "Numbers changed" not in actor_table_page(load_scenario("cst-1999"))


def test_the_debrief_of_a_variant_says_which_numbers_were_changed(tmp_path, capsys):
    from game.report.debrief import write_debrief

    variant = _variant(tmp_path, capsys)
    assert main(["simulate", "--scenario", variant, "--runs", "1", "--save-dir", str(tmp_path / "saves")]) == 0
    save = next((tmp_path / "saves").glob("*.json"))
    write_debrief(save, tmp_path / "d.html", ai_runs=0)
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "Numbers changed for this game." in page
    assert "Kazakhstan, Peacekeeping force: Salience changed in this variant (edited.csv): 0.4 in cst-1999, " \
        "now 0.8." in page
    assert "What really happened is scored with these numbers too." in page


def test_the_kit_of_a_variant_says_to_play_the_variant_not_the_default(tmp_path, capsys):
    from game.report.briefs import facilitator_guide

    variant = _variant(tmp_path, capsys)
    assert main(["briefs", "--scenario", variant, "--out", str(tmp_path / "kit")]) == 0
    guide = (tmp_path / "kit" / "facilitator-guide.html").read_text(encoding="utf-8")
    assert f"treaty-table play --scenario {variant} --role ID --role ID" in guide
    assert f"treaty-table play --scenario {variant} --facilitator" in guide
    assert "treaty-table play --scenario summit-1999 --role ID" in facilitator_guide(load_scenario("summit-1999"))
    assert "treaty-table play --role ID" in facilitator_guide(load_scenario("cst-1999"))  # the default


def test_a_change_of_the_believed_outside_option_is_not_noted_beside_the_true_one(tmp_path, capsys):
    rows = _export(tmp_path)
    _row(rows, "georgia", "outside_option_public")[4] = ""
    assert _apply(tmp_path, rows) == 0
    notes = {r["number"]: r["source note"] for r in T.table_rows(load_scenario(str(tmp_path / "v.yaml")))
             if r["actor"] == "georgia"}
    assert notes["outside_option_public"].startswith("Believed outside option changed in this variant (e.csv): "
                                                     "0.68 in cst-1999, now empty (the true value).")
    assert "changed in this variant" not in notes["outside_option"]
    assert notes["outside_option"].startswith("Outside option 0.72 (others believe 0.68)")


def test_a_table_a_spreadsheet_opened_in_one_column_says_to_use_the_import(tmp_path, cst):
    """A spreadsheet set up for ';' opens the comma table with each row in one cell, and saves it
    so: every row was 'unknown actor' with the whole line in the message."""
    rows = _export(tmp_path)
    one_cell = [[",".join(rows[0])]] + [[_csv([r]).strip()] for r in rows[1:] if ";" not in _csv([r])]
    with pytest.raises(ScenarioError) as err:
        T.read_table(cst, _csv(one_cell, ";").encode("cp1252", "replace"), "t.csv")
    assert len(err.value.problems) == 1
    assert "this row is all in one cell" in str(err.value) and "Data > From Text/CSV" in str(err.value)
    with pytest.raises(ScenarioError, match="open the table through its import"):
        T.read_table(cst, b'actor,number,about,value\n"russia,capability,,""0.5"";x\n', "t.csv")


def test_a_table_named_where_the_scenario_goes_says_so(tmp_path, capsys):
    _export(tmp_path)
    table = str(tmp_path / "actors.csv")
    assert main(["actor-table", table, "--apply", table, "--out", str(tmp_path / "v.yaml")]) == 2
    err = capsys.readouterr().err
    assert "is a table, not a scenario: name the scenario first" in err and "unexpected ':'" not in err


def test_words_edited_in_a_read_only_column_are_named_as_not_read(tmp_path, capsys):
    """A teacher rewrote the source note of a number (or its meaning) in the table: only 'value' is
    read, and that text was dropped without a word. Now a warning names the column, the first row
    and how many rows; a table re-saved by a spreadsheet (its line breaks and spaces changed) gives
    none."""
    rows = _export(tmp_path)
    head = rows[0]
    note = head.index("source note")
    _row(rows, "georgia", "outside_option")[note] = "Our class: Georgia had nowhere else to go."
    _row(rows, "armenia", "outside_option")[note] = "Our class: see the map."
    _row(rows, "russia", "capability")[note] = " ".join(_row(rows, "russia", "capability")[note].split()) + " "
    assert _apply(tmp_path, rows) == 0
    said = capsys.readouterr().out
    assert (f"warning: the '{head[note]}' column was edited (2 rows, the first here), but only the 'value' "
            "column is read") in said
    assert said.count("column was edited") == 1
    assert not (tmp_path / "v.yaml").exists() or "Our class" not in (tmp_path / "v.yaml").read_text()
