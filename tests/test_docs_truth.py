"""The docs tell the truth about what exists: links point at real files (and headings),
and every command line they show names a real subcommand and real options.

Fast: it only reads Markdown and builds the argparse parser of ``game.cli``; nothing is
played.
"""

from __future__ import annotations

import argparse
import re
import shlex
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

from game.cli import _parser, main

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", ROOT / "bench" / "README.md", *(ROOT / "docs").rglob("*.md")])
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
INLINE_CODE = re.compile(r"`([^`]+)`")
PROGRAM = re.compile(r"(?:^|(?<=[\s(]))(?:treaty-table|python3? -m game)(?=\s|$)(.*)")


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _prose(text: str) -> str:
    """The Markdown without its fenced code blocks (links in them are not links)."""
    return FENCE.sub("", text)


# --- links -------------------------------------------------------------------------------

def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", heading).strip().lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


@lru_cache(maxsize=None)
def _anchors(path: Path) -> frozenset[str]:
    found: set[str] = set()
    for line in _prose(path.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            slug, n = _slug(heading.group(1)), 1
            while slug in found:  # GitHub numbers repeated headings: x, x-1, x-2
                slug, n = f"{_slug(heading.group(1))}-{n}", n + 1
            found.add(slug)
        found.update(re.findall(r'<a (?:id|name)="([^"]+)"></a>', line))  # an anchor set by hand (a list item)
    return frozenset(found)


def _links() -> list[tuple[Path, str]]:
    return [(doc, m.group(1)) for doc in DOCS
            for m in LINK.finditer(_prose(doc.read_text(encoding="utf-8")))]


def test_the_docs_have_links_to_check() -> None:
    assert len(_links()) > 20 and ROOT / "docs" / "cli.md" in DOCS


@pytest.mark.parametrize("doc, target", _links(), ids=lambda v: v if isinstance(v, str) else _rel(v))
def test_every_relative_link_points_at_an_existing_file(doc: Path, target: str) -> None:
    if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...: not ours to check offline
        return
    path, _, fragment = target.partition("#")
    dest = (doc.parent / path).resolve() if path else doc
    assert dest.exists(), f"{_rel(doc)} links to {target}, but {path} does not exist"
    assert ROOT in dest.parents or dest == ROOT, f"{_rel(doc)} links outside the repository: {target}"
    if fragment and dest.is_file() and dest.suffix == ".md":
        assert fragment in _anchors(dest), (f"{_rel(doc)} links to {target}, but {_rel(dest)} has no "
                                            f"heading with that anchor")


# --- command lines -----------------------------------------------------------------------

@lru_cache(maxsize=None)
def _actions() -> dict[str | None, dict[str, argparse.Action]]:
    """Each subcommand's options (None: the program's own, e.g. --version)."""
    parser = _parser()
    table: dict[str | None, dict[str, argparse.Action]] = {None: dict(parser._option_string_actions)}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                table[name] = dict(sub._option_string_actions)
    return table


def _commands() -> dict[str | None, frozenset[str]]:
    return {sub: frozenset(options) for sub, options in _actions().items()}


def _words(command: str) -> list[str]:
    """The words of a command line as a doc shows it: shell comments, placeholder
    brackets ('[--private]') and '|' alternatives removed."""
    command = re.split(r"\s#\s|\s#$|\s*\|\s|[<>](?=\s)", command)[0]
    command = command.replace("[", " ").replace("]", " ")
    try:
        return shlex.split(command)
    except ValueError:  # an unmatched quote in prose: split on blanks
        return command.split()


def _spans(doc: Path) -> list[str]:
    """Every piece of code in a doc: the lines of its code blocks, and its inline code."""
    text = doc.read_text(encoding="utf-8")
    spans = []
    for block in FENCE.finditer(text):
        spans.extend(line.removeprefix("$ ") for line in block.group(0).splitlines()[1:-1])
    spans.extend(" ".join(m.group(1).split()) for m in INLINE_CODE.finditer(_prose(text)))
    return spans


def _documented_command_lines() -> list[tuple[Path, str, str | None, list[str]]]:
    """(doc, what it shows, subcommand, words after it) for each command line in the docs:
    `treaty-table SUB ...`, `python -m game SUB ...`, and inline `SUB --option ...`."""
    subcommands = {name for name in _commands() if name}
    found = []
    for doc in DOCS:
        for span in _spans(doc):
            program = PROGRAM.search(span)
            if program:
                words = _words(program.group(1))
            else:
                words = _words(span)
                if not words or words[0] not in subcommands or not any(w.startswith("--") for w in words):
                    continue  # prose, text-mode commands, other programs
            sub = words[0] if words and words[0] in subcommands else None
            found.append((doc, span, sub, words[1:] if sub else words))
    return found


def test_the_docs_show_every_subcommand() -> None:
    shown = {sub for _, _, sub, _ in _documented_command_lines()}
    missing = sorted(name for name in _commands() if name and name not in shown)
    assert not missing, f"no doc shows these subcommands: {missing}"


@pytest.mark.parametrize("doc, span, sub, words", _documented_command_lines(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_documented_command_line_names_real_options(doc, span, sub, words) -> None:
    if sub is None and words and words[0].startswith("-") and words[0] not in ("-h", "--help", "--version"):
        sub = "play"  # `treaty-table --text` is `treaty-table play --text`
    if sub is None:  # the program alone, or its own options (--version): never another word
        assert all(w in _commands()[None] or w in ("...",) for w in words if w.startswith("-")), \
            f"{_rel(doc)}: `{span}`: no such option of treaty-table"
        assert not [w for w in words if not w.startswith("-") and w != "..."], \
            f"{_rel(doc)}: `{span}`: {words[0]!r} is not a subcommand of treaty-table"
        return
    options = _commands()[sub]
    unknown = [w.split("=")[0] for w in words if w.startswith("--") and w.split("=")[0] not in options]
    assert not unknown, f"{_rel(doc)}: `{span}`: treaty-table {sub} has no option {', '.join(unknown)}"
    for option, value in zip(words, words[1:]):  # `--events none`: a value the option accepts
        choices = _actions()[sub][option].choices if option in options else None
        if choices and not value.startswith("-") and not re.fullmatch(r"[A-Z_.]+", value):
            assert value in choices, f"{_rel(doc)}: `{span}`: {option} takes {sorted(choices)}, not {value!r}"


def _cli_md() -> str:
    return (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _options_table() -> dict[str, set[str]]:
    """docs/cli.md's table 'Every command and its options': subcommand -> the options it names."""
    section = _cli_md().split("## Every command and its options", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        first = re.fullmatch(r"`([a-z-]+)[^`]*`", cells[0]) if len(cells) == 2 else None
        if first:
            rows[first.group(1)] = set(re.findall(r"`(--[a-z-]+)", cells[1]))
    return rows


def test_cli_md_lists_every_subcommand_with_exactly_its_options() -> None:
    """The reference table in docs/cli.md and `--help` agree both ways: no option the
    parser lacks, none the parser has that the table leaves out."""
    table = _options_table()
    subcommands = {name for name in _commands() if name}
    assert set(table) == subcommands, (f"docs/cli.md's options table: missing {sorted(subcommands - set(table))}, "
                                       f"no such subcommand {sorted(set(table) - subcommands)}")
    for sub in sorted(subcommands):
        real = {o for o in _commands()[sub] if o.startswith("--") and o != "--help"}
        assert table[sub] == real, (f"docs/cli.md, `{sub}`: documented but missing {sorted(table[sub] - real)}, "
                                    f"in --help but undocumented {sorted(real - table[sub])}")


def test_play_options_without_the_word_play_mean_play_as_cli_md_says(monkeypatch) -> None:
    """cli.md: `treaty-table` alone is `play`, and so are play's options without the word (the
    first parse refused `--text` before the code that puts `play` in front could run)."""
    import game.cli as cli

    assert "`treaty-table --text` is `treaty-table play --text`" in " ".join(_cli_md().split())
    seen = []
    monkeypatch.setattr(cli, "cmd_play", lambda args: seen.append(args) or 0)
    assert main(["--text", "--role", "georgia", "--seed", "3"]) == 0
    assert seen[-1].command == "play" and seen[-1].text and seen[-1].role == ["georgia"] and seen[-1].seed == 3
    assert main([]) == 0 and seen[-1].command == "play" and not seen[-1].text
    with pytest.raises(SystemExit) as refused:  # still refused: an option play does not have
        main(["--runs", "5"])
    assert refused.value.code == 2


# --- the authoring guide's tutorial, step by step ----------------------------------------

GUIDE = ROOT / "docs" / "scenario-authoring.md"


def _tutorial_steps() -> list[str]:
    """The YAML of steps 1-4 of the guide's tutorial, as a reader types it."""
    text = GUIDE.read_text(encoding="utf-8")
    part = text.split("### Step 1", 1)[1].split("### Step 5", 1)[0]
    return re.findall(r"^```yaml\n(.*?)^```", part, re.S | re.M)


def _validate(capsys, name: str) -> tuple[int, list[str]]:
    code = main(["validate", name])
    return code, capsys.readouterr().out.splitlines()


def test_the_tutorial_steps_validate_as_the_guide_says(tmp_path, monkeypatch, capsys) -> None:
    steps = _tutorial_steps()
    assert len(steps) == 4
    guide = GUIDE.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = Path("border-road.yaml")
    still_missing = ["issues", "actors", "rounds"]  # the guide: until step 4 only these
    for done in range(1, 4):
        path.write_text("".join(steps[:done]), encoding="utf-8")
        code, lines = _validate(capsys, str(path))
        errors = [line for line in lines if re.match(r"border-road\.yaml:\d+:\d+: ", line)]
        assert code == 1
        assert [re.search(r"missing required key '(\w+)'", e).group(1) for e in errors] \
            == still_missing[done - 1:], errors
    path.write_text("".join(steps), encoding="utf-8")
    code, lines = _validate(capsys, str(path))
    assert code == 0 and lines == ["border-road.yaml: valid (border-road v1.0)"]
    assert "$ treaty-table validate border-road.yaml\n" + lines[0] in guide
    # the mistyped key the guide shows, at the line and column it shows
    assert steps[2].count("outside_option: 0.4 ") == 1  # Alder's
    path.write_text("".join(steps).replace("outside_option: 0.4 ", "outside_opton: 0.4 "), encoding="utf-8")
    code, lines = _validate(capsys, str(path))
    assert code == 1 and lines[0] in guide, lines[0]


# --- the facilitator guide's grade sheet ---------------------------------------------------

def test_the_grading_table_names_every_grade_sheet_column() -> None:
    from game.report.grades import COLUMNS

    text = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    section = text.split("## 5. Grading", 1)[1].split("\n## ", 1)[0]
    named: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            named.update(re.findall(r"`([a-z_]+)`", line.split("|")[1]))
    assert set(COLUMNS) - named == set(), f"columns the guide leaves out: {sorted(set(COLUMNS) - named)}"
    assert named - set(COLUMNS) == set(), f"the guide names columns the sheet lacks: {sorted(named - set(COLUMNS))}"


# --- where the data folder is ------------------------------------------------------------

@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="the Linux paths of cli.md")
def test_the_data_folder_is_where_cli_md_says(monkeypatch, tmp_path) -> None:
    from game.session.store import user_data_dir

    text = " ".join(_cli_md().split())
    assert "`~/.local/share/treaty-table` on Linux (`$XDG_DATA_HOME/treaty-table` when that is set)" in text
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "mine"))
    assert user_data_dir() == tmp_path / "mine"
    monkeypatch.delenv("TREATY_TABLE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data_dir() == tmp_path / "xdg" / "treaty-table"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_data_dir() == tmp_path / ".local" / "share" / "treaty-table"


# --- text-mode.md: the note on a console that cannot show the scenario's letters ----------

def test_the_encoding_note_comes_before_the_role_list(tmp_path) -> None:
    """text-mode.md: the game says so *before it starts*; the role prompt already shows the
    names, so the note must come before it, not after a list of '?'."""
    import io

    from game.textmode.play import run_text

    args = argparse.Namespace(load=None, scenario=str(ROOT / "docs" / "examples" / "authoring" / "cst-1999-ru.yaml"),
                              role=[], seed=1, events="historical", difficulty="normal")
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", errors="replace", write_through=True)
    assert run_text(args, io.StringIO("quit\n"), out) == 0
    text = raw.getvalue().decode("ascii")
    note, prompt = text.find("cannot show some letters of this scenario (Cyrillic)"), text.find("Choose your role")
    assert 0 <= note < prompt, text[:600]
    assert text.count("cannot show some letters") == 1


def test_every_option_of_every_command_has_help() -> None:
    """--help explains every option (strength, balance and grades had options with no help)."""
    from game.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [f"{name} {action.option_strings[0]}" for name, command in sub.choices.items()
               for action in command._actions
               if action.option_strings and action.option_strings[0] != "-h" and not action.help]
    assert not missing, f"options without help: {missing}"
    assert "With no command it plays" in parser.format_help()
