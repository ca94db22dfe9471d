"""The actor table as a spreadsheet a teacher can edit, each number beside its source.

``treaty-table actor-table SCENARIO --out actors.csv`` writes every number the AI and the
scoring read about the delegations (clout, reliability, outside options, how the AI plays,
each issue's ideal level and salience, affinities) as one row per number, with what the
number means, the scenario's note on where it comes from and the full citations of the
sources that note names. ``--apply actors.csv --out variant.yaml`` reads the edited table
back and writes a variant (``extends:``) that lists only the numbers that changed, each
with a note saying what it was and where the original came from, so the class's game can
be compared with the sourced one.

Reading is forgiving about what spreadsheets do to a CSV (a byte-order mark, ``;`` or tab
separators, a decimal comma, a Windows code page, UTF-16, reordered or extra columns,
empty rows) and strict about what it means: every problem names the file, line and
column and says how to fix it, and nothing is written unless the whole table is good.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import math
import os
import re
import shlex
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from game.scenarios.problems import Problem, ScenarioError
from game.scenarios.schema import Actor, Scenario
from game.scenarios.yamlsafe import MAX_PROBLEMS

# The header of the written table; on reading, only ACTOR, NUMBER, ABOUT and VALUE count.
ACTOR, NAME, NUMBER, ABOUT, VALUE, ALLOWED, MEANING, NOTE, CITATIONS = (
    "actor", "delegation", "number", "about", "value", "allowed", "meaning", "source note", "sources")
COLUMNS = (ACTOR, NAME, NUMBER, ABOUT, VALUE, ALLOWED, MEANING, NOTE, CITATIONS)
NEEDED = (ACTOR, NUMBER, ABOUT, VALUE)
# An edited table is read only up to this size: the table of a large scenario is well under 2 MB.
MAX_TABLE_BYTES = 16 * 1024 * 1024

PERSONALITIES = ("stubborn", "pragmatic", "opportunist")
STATUSES = ("party", "boycotting", "non_party")

# number -> (what it means, the words of its actor-level note it is found under)
_ACTOR_NUMBERS = {
    "status": ("party: at the table; boycotting: away, may return (at a reputation cost); "
               "non_party: never part of the treaty", ("Status",)),
    "capability": ("clout: weight in the compromise forecast, lobbying strength, value of its "
                   "membership to others", ("Capability",)),
    "reliability": ("how likely it honours what it signs (the treaty's cohesion, the credibility "
                    "of its promises)", ("Reliability",)),
    "outside_option": ("what staying out is worth to it (true value, confidential)", ("Outside option",)),
    "outside_option_public": ("what the others believe its outside option is (empty: the true value)",
                              ("Believed outside option", "Outside option", "Others think", "others believe")),
    "personality": ("how the AI plays the role: stubborn accepts fewer offers, opportunist more",
                    ("Personality",)),
}
# how a changed number is named in the variant's notes: the words above find it again
_LABELS = {"status": "Status", "capability": "Capability", "reliability": "Reliability",
           "outside_option": "Outside option", "outside_option_public": "Believed outside option",
           "personality": "Personality", "affinity": "Affinity", "ideal": "Ideal", "salience": "Salience"}
NUMBERS = tuple(_ACTOR_NUMBERS) + ("ideal", "salience", "affinity")
_NOTE_WORDS = ("Capability", "Reliability", "Outside option", "Affinit", "Others think", "Salience", "Status",
               "Personality", "Believed outside option")


def _fmt(x: float) -> str:
    return repr(float(x)) if float(x) != int(x) else f"{float(x):.1f}"


def _sentences(notes: str, words: tuple[str, ...], whole: bool = True) -> str:
    """The part of an actor's ``notes`` about one number: the sentences from one of ``words``
    up to the next number's word (the built-in scenarios write "Capability 1.0: ...
    Reliability 0.75: ..."); when no part names the number, the whole notes (``whole``) or
    nothing."""
    text = " ".join(notes.split())
    if not text:
        return text
    starts = sorted({m.start() for w in _NOTE_WORDS for m in re.finditer(re.escape(w), text)})
    parts = []
    for n, start in enumerate(starts):
        if any(text.startswith(w, start) for w in words):
            end = starts[n + 1] if n + 1 < len(starts) else len(text)
            parts.append(text[start:end].strip())
    return " ".join(parts) or (text if whole else "")


def key_spans(sc: Scenario, note: str) -> list[tuple[int, int, str]]:
    """Where a note names the scenario's source keys, as (start, end, key) in the order of the
    note: each key as a whole word, a longer key first where two overlap ("J5:25a", not "J5:25")."""
    spans: list[tuple[int, int, str]] = []
    for key in sorted(sc.sources, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w:.-])" + re.escape(key) + r"(?![\w:])", note):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), key))
    return sorted(spans)


def cited_keys(sc: Scenario, note: str) -> list[str]:
    """The scenario's source keys a note names, in the order the note names them first."""
    return list(dict.fromkeys(key for _, _, key in key_spans(sc, note)))


def _citations(sc: Scenario, note: str) -> str:
    return "; ".join(f"{k}: {sc.sources[k].rstrip().rstrip('.')}" for k in cited_keys(sc, note))


def _level_words(sc: Scenario, issue_id: str) -> str:
    issue = sc.issue(issue_id)
    levels = ", ".join(f"{n} = {lv.name}" for n, lv in enumerate(issue.levels))
    return f"{issue.name}: ideal level, {levels} (a fraction lies between two levels)"


def table_rows(sc: Scenario) -> list[dict[str, str]]:
    """The actor table, one row per number (see the module docstring)."""
    rows: list[dict[str, str]] = []
    names = {a.id: a.name for a in sc.actors}
    for a in sc.actors:
        def row(number: str, about: str, value: str, allowed: str, meaning: str, note: str) -> None:
            rows.append({ACTOR: a.id, NAME: a.name, NUMBER: number, ABOUT: about, VALUE: value,
                         ALLOWED: allowed, MEANING: meaning, NOTE: note, CITATIONS: _citations(sc, note)})

        for number, (meaning, words) in _ACTOR_NUMBERS.items():
            if number in ("status", "personality"):  # not estimates: only a variant's change is noted
                note = _sentences(a.notes, words, whole=False)
                options = STATUSES if number == "status" else PERSONALITIES
                row(number, "", getattr(a, number), " / ".join(options), meaning, note)
                continue
            note = _sentences(a.notes, words)
            if number == "outside_option_public":
                value = "" if a.outside_option_public is None else _fmt(a.outside_option_public)
                row(number, "", value, "between 0 and 1, or empty", meaning, note)
            else:
                row(number, "", _fmt(getattr(a, number)), "between 0 and 1", meaning, note)
        for issue in sc.issues:
            pos = a.positions.get(issue.id)
            if pos is None:
                continue
            top = len(issue.levels) - 1
            row("ideal", issue.id, _fmt(pos.ideal), f"between 0 and {top}", _level_words(sc, issue.id), pos.note)
            row("salience", issue.id, _fmt(pos.salience), "between 0 and 1",
                f"how much {issue.name} matters to it (0 not at all, 1 above all; high salience also "
                "makes it harder to lobby)", pos.note)
        affinity_note = _sentences(a.notes, ("Affinit",))
        for other in sc.actors:
            if other.id == a.id:
                continue
            row("affinity", other.id, _fmt(a.affinities.get(other.id, 0.0)), "between -1 and 1",
                f"how it regards {names[other.id]}: -1 hostile, 0 neutral, 1 close", affinity_note)
    return rows


def _cell(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (texts come from scenario files);
    numbers, even negative ones, stay numbers."""
    if value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def table_csv(sc: Scenario, rows: list[dict[str, str]] | None = None) -> str:
    """The table as CSV text (``rows``: :func:`table_rows`, made here if not given)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in table_rows(sc) if rows is None else rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buf.getvalue()


# --- reading an edited table --------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    actor: str
    number: str
    about: str  # issue id (ideal, salience), other actor id (affinity) or ""
    value: float | str | None  # None: outside_option_public left empty
    line: int
    column: int  # of the value cell, 1-based


_IMPORT = ("if the spreadsheet showed each row in a single column, open the table through its import "
           "instead (Excel: Data > From Text/CSV; LibreOffice: the dialog that opens with the file), with comma "
           "as the separator and point as the decimal separator, then edit it and save it as CSV")
_SAVE_AS_CSV = ("save it as CSV from the spreadsheet (Excel: File > Save As, 'CSV UTF-8 (Comma delimited)'; "
                "LibreOffice: File > Save As, 'Text CSV'; Google Sheets: File > Download > 'Comma-separated "
                "values') and give that file")


def _not_text(raw: bytes, file: str) -> Problem | None:
    """The problem with a file that is not a table saved as text (a workbook, any binary file)."""
    if raw.startswith(b"PK\x03\x04"):
        what = "a spreadsheet workbook (.xlsx, .ods or .numbers), not a CSV table"
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        what = "an Excel workbook (.xls), not a CSV table"
    elif b"\x00" in raw:
        what = "not a text file"
    else:
        return None
    return Problem(f"the file is {what}", hint=_SAVE_AS_CSV, file=file, line=1, column=1)


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")  # Excel's "Unicode text"
    head = raw[:200]
    if len(head) >= 4 and head[1::2].count(0) == len(head[1::2]) and 0 not in head[0::2]:
        return raw.decode("utf-16-le", errors="replace")  # the same without its byte-order mark
    if len(head) >= 4 and head[0::2].count(0) == len(head[0::2]) and 0 not in head[1::2]:
        return raw.decode("utf-16-be", errors="replace")
    bad = _not_text(raw, file)
    if bad is not None:
        raise ScenarioError([bad])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (comma delimited)" writes the Windows code page: the ids and numbers this
        # reads are plain ASCII, only names (which are not read back) may come out wrong
        return raw.decode("cp1252", errors="replace")


def _column_letter(n: int) -> str:
    letters = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _header_key(cell: str) -> str:
    return " ".join(cell.strip().strip("'").lower().split())


def _parse_number(text: str) -> float | None:
    t = text.strip().replace("\u2212", "-")
    if re.fullmatch(r"-?\d*,\d+", t):  # a decimal comma, as spreadsheets in many languages write
        t = t.replace(",", ".")
    try:
        x = float(t)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


class _Reader:
    def __init__(self, sc: Scenario, file: str):
        self.sc, self.file = sc, file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.actors = {a.id: a for a in sc.actors}
        self.issues = {i.id: i for i in sc.issues}
        self.written = {(r[ACTOR], r[NUMBER], r[ABOUT]): r for r in table_rows(sc)}
        self.text_edits: dict[str, list[int]] = {}  # a read-only column edited -> [line, column, count]

    def problem(self, line: int, column: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(message, hint=hint, file=self.file, line=line, column=column))
        if len(self.problems) == MAX_PROBLEMS:
            self.problems.append(Problem(f"too many problems; stopped reading after {MAX_PROBLEMS}",
                                         hint="fix these first, then apply the table again",
                                         file=self.file, line=line, column=column))
            raise _TooMany

    def _did_you_mean(self, word: str, options) -> str:
        close = difflib.get_close_matches(word, list(options), n=1)
        return f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(options)}"

    def read(self, text: str) -> list[Edit]:
        try:
            return self._read(text)
        except _TooMany:
            return []

    def _read(self, text: str) -> list[Edit]:
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header: list[str] | None = None
        where: dict[str, int] = {}
        edits: list[Edit] = []
        seen: dict[tuple[str, str, str], Edit] = {}
        unread: dict[int, int] = {}  # a column that is not read -> the first line with something in it
        names: list[str] = []
        line = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self.problem(reader.line_num, 1, f"this line cannot be read as CSV ({exc})",
                             "save the table again from the spreadsheet as CSV; " + _IMPORT)
                break
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                names = [c.strip().strip("'") for c in cells]
                header = [_header_key(c) for c in cells]
                where = {name: header.index(name) for name in NEEDED if name in header}
                missing = [name for name in NEEDED if name not in where]
                if missing:
                    self.problem(start, 1, f"the first row has no column {', '.join(repr(m) for m in missing)}",
                                 "the first row must name the columns, as the table written by "
                                 "'treaty-table actor-table SCENARIO --out FILE.csv' does (actor, number, "
                                 "about, value); keep that row when you edit")
                    return []
                continue
            filled = [c for c in cells if c.strip()]
            if len(filled) == 1 and max(filled[0].count(d) for d in (",", ";", "\t")) >= 3:
                self.problem(start, 1, "this row is all in one cell: the spreadsheet did not split the table "
                             "into columns when it opened it", _IMPORT)
                break
            for n, cell in enumerate(cells):
                if cell.strip() and (n >= len(header) or header[n] not in COLUMNS):
                    unread.setdefault(n, start)
            edit = self._row(cells, where, start)
            if edit is None:
                continue
            if not self._only_value_changed(edit, cells, header, where, start):
                continue
            key = (edit.actor, edit.number, edit.about)
            if key in seen:
                first = seen[key]
                if first.value != edit.value:  # the same row pasted twice is harmless; two values are not
                    self.problem(start, where[VALUE] + 1,
                                 f"{_what(edit)} is given twice: {_show(first.value)} on line {first.line}, "
                                 f"{_show(edit.value)} here", "keep one row per number: delete the one you do "
                                 "not mean")
                continue
            seen[key] = edit
            edits.append(edit)
        if header is None:
            self.problem(1, 1, "the table is empty",
                         "write it with 'treaty-table actor-table SCENARIO --out FILE.csv' and edit that")
        for n, at in sorted(unread.items()):
            name = f"'{names[n]}'" if n < len(names) and names[n] else "with no name in the first row"
            self.warnings.append(Problem(
                f"column {_column_letter(n + 1)} ({name}) is not read: only the columns actor, number, about "
                "and value are", hint="what it says is not in the variant; to keep it, write it into the "
                "variant's notes", severity="warning", file=self.file, line=at, column=n + 1))
        for name, (at, column, count) in self.text_edits.items():
            self.warnings.append(Problem(
                f"the '{name}' column was edited ({count} row{'s' if count != 1 else ''}, the first here), "
                "but only the 'value' column is read", hint="what you wrote there is not in the variant; to "
                "keep it, write it into the variant's notes", severity="warning", file=self.file, line=at,
                column=column))
        return edits

    def _only_value_changed(self, edit: Edit, cells: list[str], header: list[str], where: dict[str, int],
                            line: int) -> bool:
        """False (after a problem) when a number was typed into a column that is only there to read
        (the delegation's name, what the number means, ...): that edit would be lost."""
        written = self.written.get((edit.actor, edit.number, edit.about))
        if written is None:
            return True
        for n, name in enumerate(header[:len(cells)]):
            if name not in COLUMNS or name in NEEDED:
                continue
            cell = cells[n].strip().strip("'")
            if cell and " ".join(cell.split()) != " ".join(written[name].strip().strip("'").split()) \
                    and _parse_number(cell) is None:  # words changed: not read, say so (after the table)
                seen = self.text_edits.setdefault(name, [line, n + 1, 0])
                seen[2] += 1
            if cell and cell != written[name].strip().strip("'") and _parse_number(cell) is not None:
                was = written[name]
                self.problem(line, n + 1, f"{_what(edit)}: the '{name}' column holds {cell}, but only the "
                             f"'value' column (column {_column_letter(where[VALUE] + 1)}) is read",
                             f"write the number in the 'value' column; the '{name}' column is only there "
                             "to read" + (f" (it said '{was}')" if 0 < len(was) <= 40 else ""))
                return False
        return True

    def _row(self, cells: list[str], where: dict[str, int], line: int) -> Edit | None:
        def get(name: str) -> str:
            n = where[name]
            return cells[n].strip().strip("'") if n < len(cells) else ""

        actor_id, number, about, raw = get(ACTOR), get(NUMBER), get(ABOUT), get(VALUE)
        col = {name: where[name] + 1 for name in NEEDED}
        if actor_id not in self.actors:
            self.problem(line, col[ACTOR], f"unknown actor '{actor_id}'" if actor_id else "the actor is empty",
                         self._did_you_mean(actor_id, self.actors))
            return None
        if number not in NUMBERS:
            self.problem(line, col[NUMBER], f"unknown number '{number}'" if number else "the number is empty",
                         self._did_you_mean(number, NUMBERS))
            return None
        actor = self.actors[actor_id]
        if number in ("ideal", "salience"):
            if about not in self.issues:
                self.problem(line, col[ABOUT], f"unknown issue '{about}'" if about else
                             f"{number} needs the issue in the 'about' column", self._did_you_mean(about, self.issues))
                return None
            if about not in actor.positions:
                self.problem(line, col[ABOUT], f"'{actor_id}' has no position on '{about}' in this scenario",
                             "add the position to the scenario file itself; the table only changes numbers")
                return None
        elif number == "affinity":
            others = [a for a in self.actors if a != actor_id]
            if about not in others:
                self.problem(line, col[ABOUT], "an actor's affinity with itself is not a number of the table"
                             if about == actor_id else f"unknown actor '{about}'" if about else
                             "affinity needs the other actor in the 'about' column",
                             self._did_you_mean(about, others))
                return None
        elif about:
            self.problem(line, col[ABOUT], f"{number} is one number for the whole delegation, not one per "
                         f"'{about}'", "leave the 'about' column empty on this row")
            return None
        value = self._value(actor, number, about, raw, line, col[VALUE])
        if value is _BAD:
            return None
        return Edit(actor_id, number, about, value, line, col[VALUE])

    def _value(self, actor: Actor, number: str, about: str, raw: str, line: int, col: int):
        what = _what(Edit(actor.id, number, about, None, line, col))
        if number in ("status", "personality"):
            options = STATUSES if number == "status" else PERSONALITIES
            word = raw.lower().replace(" ", "_").replace("-", "_")
            if word not in options:
                self.problem(line, col, f"{what} must be one of {', '.join(options)}, got '{raw}'",
                             self._did_you_mean(word, options))
                return _BAD
            return word
        if not raw:
            if number == "outside_option_public":
                return None
            self.problem(line, col, f"{what} is empty", f"write a number ({_allowed(self.sc, number, about)})"
                         "; to keep the scenario's number, write it back or delete the whole row")
            return _BAD
        x = _parse_number(raw)
        if x is None:
            hint = ("write a share as a number: 70% is 0.7" if raw.rstrip().endswith("%")
                    else f"write a number in digits ({_allowed(self.sc, number, about)})")
            if _looks_like_a_date(raw):
                was = _show(current(actor, number, about))
                hint = (f"the spreadsheet seems to have turned the number into a date (the table said {was}): "
                        "write the number again, and open the table through the spreadsheet's import with "
                        "point as the decimal separator (Excel: Data > From Text/CSV)")
            self.problem(line, col, f"{what} must be a number, got '{raw}'", hint)
            return _BAD
        lo, hi = _range(self.sc, number, about)
        if not lo <= x <= hi:
            hint = f"change it to a number between {lo:g} and {hi:g}"
            if (lo, hi) == (0.0, 1.0) and x == int(x) and 1 < x <= 100:  # "7" out of 10, "70" out of 100
                scale = 10 if x <= 10 else 100
                hint += f" (for {x:g} out of {scale}, write {_fmt(x / scale)})"
            self.problem(line, col, f"{what} must be between {lo:g} and {hi:g}, got {raw}", hint)
            return _BAD
        return x


_BAD = object()


class _TooMany(Exception):
    """Reading stops: MAX_PROBLEMS problems were found."""


def _looks_like_a_date(text: str) -> bool:
    """What a spreadsheet set to a language that writes 1,5 makes of 1.5 or 1.2 when it opens the
    table: 01.05.2024, 1-May, 01. Mai."""
    return bool(re.fullmatch(r"\d{1,4}[./-] ?(\d{1,2}|[^\W\d_]{3,}\.?)([./-] ?\d{2,4})?\.?"
                             r"|[^\W\d_]{3,}\.?[ ./-]\d{1,4}", text.strip()))


def _range(sc: Scenario, number: str, about: str) -> tuple[float, float]:
    if number == "ideal":
        return 0.0, float(len(sc.issue(about).levels) - 1)
    if number == "affinity":
        return -1.0, 1.0
    return 0.0, 1.0


def _allowed(sc: Scenario, number: str, about: str) -> str:
    lo, hi = _range(sc, number, about)
    return f"from {lo:g} to {hi:g}"


def _what(edit: Edit) -> str:
    about = f" on {edit.about}" if edit.number in ("ideal", "salience") else \
        f" with {edit.about}" if edit.number == "affinity" else ""
    return f"{edit.actor}'s {edit.number}{about}"


def read_table(sc: Scenario, raw: bytes, file: str, warnings: list[Problem] | None = None) -> list[Edit]:
    """The edits in an edited table; raises :class:`ScenarioError` with every problem found
    (at most MAX_PROBLEMS). What is read but does not count (a column of your own) is added
    to ``warnings`` if given."""
    reader = _Reader(sc, file)
    edits = reader.read(_decode(raw, file))
    if reader.problems:
        raise ScenarioError(reader.problems)
    if warnings is not None:
        warnings.extend(reader.warnings)
    return edits


def current(actor: Actor, number: str, about: str):
    if number == "ideal":
        return actor.positions[about].ideal
    if number == "salience":
        return actor.positions[about].salience
    if number == "affinity":
        return actor.affinities.get(about, 0.0)
    return getattr(actor, number)


def changes(sc: Scenario, edits: list[Edit]) -> list[tuple[Edit, object]]:
    """The edits whose value differs from the scenario's, each with the scenario's value."""
    out = []
    for e in edits:
        old = current(sc.actor(e.actor), e.number, e.about)
        same = (old is None and e.value is None) or (
            isinstance(old, str) and old == e.value) or (
            isinstance(old, float) and isinstance(e.value, float) and abs(old - e.value) < 1e-9)
        if not same:
            out.append((e, old))
    return out


def _show(value) -> str:
    if value is None:
        return "empty (the true value)"
    return value if isinstance(value, str) else _fmt(value)


def change_line(edit: Edit, old) -> str:
    """One change, as --apply lists it: "russia's capability: 1.0 -> 0.8"."""
    return f"{_what(edit)}: {_show(old)} -> {_show(edit.value)}"


# --- writing the variant ------------------------------------------------------------------

def extends_ref(base_ref: str, out: Path) -> str:
    """What the variant's ``extends:`` says: the built-in id, or the base file's path from the
    variant's folder. Raises ValueError (with the fix) when the base file is not in the
    variant's folder or below it, which ``extends`` cannot reach."""
    from game.scenarios.registry import builtin_paths

    if base_ref in builtin_paths():
        return base_ref
    base = Path(base_ref).expanduser().resolve()
    folder = out.expanduser().resolve().parent
    try:
        rel = base.relative_to(folder)
    except ValueError:
        raise ValueError(f"the variant must be written in the folder of {base_ref} (or a folder above "
                         f"it), because a scenario can only extend a file in its own folder or below: "
                         f"e.g. --out {shlex.quote(variant_path(base_ref, out.name))}") from None
    return rel.as_posix()


def variant_path(base_ref: str, name: str) -> str:
    """Where a variant called ``name`` can be written: beside the base file (``extends`` reaches
    only down), or anywhere for a built-in scenario."""
    from game.scenarios.registry import builtin_paths

    if base_ref in builtin_paths():
        return name
    folder = Path(base_ref).expanduser().parent
    return name if folder == Path(".") else str(folder / name)


def variant_data(sc: Scenario, found: list[tuple[Edit, object]], extends: str, new_id: str,
                 title: str, table_name: str) -> dict:
    """The variant document: ``extends`` plus only what changed. Each change is a sentence put
    before the original's note ("Capability changed in this variant (actors.csv): 1.0 in
    cst-1999, now 0.8."), named so that the table of the variant finds it again."""
    by_actor: dict[str, list[tuple[Edit, object]]] = {}
    for e, old in found:
        by_actor.setdefault(e.actor, []).append((e, old))
    actors = []
    for a in sc.actors:
        if a.id not in by_actor:
            continue
        entry: dict = {"id": a.id}
        said: list[str] = []
        for e, old in by_actor[a.id]:
            with_whom = f" with {sc.actor(e.about).name}" if e.number == "affinity" else ""
            sentence = (f"{_LABELS[e.number]}{with_whom} changed in this variant ({table_name}): "
                        f"{_show(old)} in {sc.id}, now {_show(e.value)}.")
            if e.number in ("ideal", "salience"):
                pos = entry.setdefault("positions", {}).setdefault(e.about, {})
                pos[e.number] = e.value
                pos.setdefault("note", []).append(sentence)
            elif e.number == "affinity":
                entry.setdefault("affinities", {})[e.about] = e.value
                said.append(sentence)
            else:
                entry[e.number] = e.value
                said.append(sentence)
        for issue_id, pos in entry.get("positions", {}).items():
            pos["note"] = " ".join(pos["note"] + [a.positions[issue_id].note]).strip()
        if said:
            entry["notes"] = " ".join(said + [" ".join(a.notes.split())]).strip()
        actors.append(entry)
    return {"extends": extends, "id": new_id, "title": title, "actors": actors}


def variant_yaml(data: dict, base_id: str, command: str) -> str:
    head = (f"# A variant of '{base_id}' made from an edited actor table:\n"
            f"#   {command}\n"
            f"# It lists only the numbers that differ from '{base_id}'; everything else (issues, events,\n"
            f"# history, briefs, sources) comes from it. Each changed number's note says what it was.\n"
            f"# Edit it like any scenario file; check it with 'treaty-table validate'.\n")
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return head + body


def write_variant(text: str, out: Path, force: bool, found: list[tuple[Edit, object]] = (),
                  sc: Scenario | None = None, table_file: str = "") -> list[Problem]:
    """Check the variant and write it to ``out``; return its warnings. Raises ScenarioError
    (nothing written) when the variant is not a valid scenario, each problem pointed at the
    table's row that caused it where one did; FileExistsError when ``out`` exists and
    ``force`` is false."""
    from game.scenarios.loader import validate
    from game.session.store import write_text_atomic

    if out.exists() and not force:
        raise FileExistsError(str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".yaml", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        scenario, problems = validate(tmp)
    finally:
        os.unlink(tmp)
    problems = [_blame(p, tmp, out, found, sc, table_file) for p in problems]
    errors = [p for p in problems if p.severity == "error"]
    if scenario is None or errors:
        raise ScenarioError(errors)
    write_text_atomic(out, text)
    return [p for p in problems if p.severity == "warning"]


def variant_changes(sc: Scenario) -> list[str]:
    """The numbers a variant made with ``--apply`` changed, as its notes say them ("Georgia:
    Outside option changed in this variant (actors.csv): 0.72 in cst-1999, now 0.5."), those of
    the variant it extends too; empty for any other scenario."""
    labels = "|".join(re.escape(w) for w in sorted(_LABELS.values(), key=len, reverse=True))
    said = re.compile(rf"(?:{labels})(?: with .*?)? changed in this variant \(.*?\): .*?, now .*?\.(?=\s|$)")
    out = []
    for a in sc.actors:
        out += [f"{a.name}: {m.group(0)}" for m in said.finditer(" ".join(a.notes.split()))]
        for issue in sc.issues:
            if issue.id in a.positions:
                note = " ".join(a.positions[issue.id].note.split())
                out += [f"{a.name}, {issue.name}: {m.group(0)}" for m in said.finditer(note)]
    return out


def _blame(p: Problem, tmp: str, out: Path, found: list[tuple[Edit, object]], sc: Scenario | None,
           table_file: str) -> Problem:
    """A problem of the variant, pointed at the row of the table that caused it: a change of
    status of the actor it is about or names, else another change of that actor, else any
    change of status; else the variant itself."""
    edits = [e for e, _ in found]
    at = None
    if sc is not None and len(p.path) >= 2 and p.path[0] == "actors" and isinstance(p.path[1], int) \
            and p.path[1] < len(sc.actors):
        at = sc.actors[p.path[1]].id
    status = [e for e in edits if e.number == "status"]
    ranked = ([e for e in status if e.actor == at] + [e for e in status if f"'{e.actor}'" in p.message]
              + [e for e in edits if e.actor == at] + status)
    if not ranked:
        if p.file != tmp:
            return p
        return Problem(p.message + " (in the variant this table makes)", p.path, p.hint, p.severity,
                       str(out), 0, 0, p.at_key)
    culprit = ranked[0]
    return Problem(f"{_what(culprit)} set to {_show(culprit.value)}: {p.message}", p.path, p.hint,
                   p.severity, table_file, culprit.line, culprit.column, p.at_key)


__all__ = ["COLUMNS", "NUMBERS", "Edit", "table_rows", "table_csv", "read_table", "changes",
           "extends_ref", "variant_data", "variant_yaml", "write_variant", "cited_keys", "variant_changes",
           "variant_path", "MAX_TABLE_BYTES", "change_line", "key_spans"]
