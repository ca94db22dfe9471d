"""Untrusted YAML -> plain Python data, with the position of every key and value.

Scenario files come from players and modders, so the loader assumes they may be
hostile or simply broken, and turns every failure into a located
:class:`~game.scenarios.problems.Problem`:

* the raw input is checked first: size (:data:`MAX_BYTES`), UTF-8 decoding and
  invisible control characters, each reported with its line and column;
* parsing uses :class:`ScenarioLoader`, a :class:`yaml.SafeLoader` subclass whose
  composer refuses non-standard tags (``!!python/object`` ...), bounds nesting
  (:data:`MAX_DEPTH`) and bounds the number of values *after* alias expansion
  (:data:`MAX_NODES`), so a "billion laughs" document is refused while it is
  being read, before anything is expanded;
* the plain data is then built from the node graph by a small builder that
  reports duplicate keys and records a :class:`Positions` table; it also refuses
  the characters of the first check when they are written as escapes in quoted
  text (``"\\e[31m"``, ``"\\x00"``, ``"\\uD800"``: terminal control sequences,
  or lone surrogates that no UTF-8 page or file can hold).

Only plain data comes out: ``dict``, ``list``, ``str``, ``int``, ``float``,
``bool``, ``None`` and ``datetime.date``/``datetime.datetime`` (unquoted dates).
Aliases are expanded into independent copies.  Merge keys (``<<: *base``) are
supported; explicit keys win over merged ones.
"""

from __future__ import annotations

import difflib

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, ScenarioError

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "MAX_PROBLEMS", "YAML11_BOOLEAN_WORDS",
    "Positions", "ScenarioLoader", "load_yaml",
]

MAX_BYTES = 2 * 1024 * 1024
"""Largest scenario file accepted, in bytes (checked before parsing)."""
MAX_DEPTH = 50
"""Deepest nesting of lists/mappings accepted, counting aliases as expanded."""
MAX_NODES = 200_000
"""Most values (keys, scalars, lists, mappings) accepted after alias expansion."""
MAX_PROBLEMS = 50
"""Reading stops after this many problems; the rest would be noise."""

YAML11_BOOLEAN_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "y", "n"})
"""Unquoted words a YAML 1.1 reader may turn into booleans (compare lower-cased)."""

Loc = tuple[int, int]

_YAML = "tag:yaml.org,2002:"
_MERGE_TAG = _YAML + "merge"
_VALUE_TAG = _YAML + "value"
_SCALAR_TAGS = frozenset(_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_ALLOWED_TAGS = {
    ScalarEvent: _SCALAR_TAGS,
    SequenceStartEvent: frozenset({_YAML + "seq"}),
    MappingStartEvent: frozenset({_YAML + "map"}),
}
_KIND_WORDS = {ScalarEvent: "a single value", SequenceStartEvent: "a list",
               MappingStartEvent: "a mapping"}
_CODE_TAG_MESSAGE = "tags like !!python/... are not allowed: scenario files are data, never code"

# Characters refused before parsing: C0/C1 controls except tab/LF/CR, DEL, the
# Unicode line/paragraph separators (they would shift line numbers), lone
# surrogates (only possible in ``str`` input) and the non-characters U+FFFE/FFFF.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


# --------------------------------------------------------------------------- positions

def _norm_key(part: object) -> object:
    """The form a path element takes in a pydantic ``loc`` (ints and strings)."""
    if isinstance(part, bool):
        return int(part)
    return part if isinstance(part, (int, str)) else str(part)


class Positions:
    """Where each key and value of a loaded document is written.

    Paths are tuples of mapping keys and list indexes, e.g.
    ``("actors", 3, "capability")``; lines and columns are 1-based.  The root
    value has the path ``()``.
    """

    def __init__(self) -> None:
        self._values: dict[tuple, Loc] = {}
        self._keys: dict[tuple, Loc] = {}
        self._raw_values: dict[tuple, str] = {}
        self._raw_keys: dict[tuple, str] = {}
        self._comments: dict[tuple, str] = {}
        self._splits: dict[tuple, str] = {}
        self._aliases: dict[tuple, tuple] | None = None

    # -- queries ---------------------------------------------------------------
    def locate(self, path: tuple) -> Loc:
        """Line and column of the value at ``path``, else of its nearest recorded ancestor.

        Falls back to the start of the document, ``(1, 1)``.
        """
        path = tuple(path)
        for end in range(len(path), -1, -1):
            found = self._lookup(self._values, path[:end])
            if found is not None:
                return found
        return (1, 1)

    def key_position(self, path: tuple) -> Loc:
        """Line and column where the key ending ``path`` is written (for 'unknown key').

        For list items and unknown paths this is :meth:`locate`.
        """
        found = self._lookup(self._keys, tuple(path))
        return found if found is not None else self.locate(path)

    def raw_scalar(self, path: tuple) -> str | None:
        """Source text of the value at ``path`` if it is a plain (unquoted) scalar."""
        return self._lookup(self._raw_values, tuple(path))

    def raw_key(self, path: tuple) -> str | None:
        """Source text of the key ending ``path`` if it is a plain (unquoted) scalar."""
        return self._lookup(self._raw_keys, tuple(path))

    def comment_instead(self, path: tuple) -> str | None:
        """The comment written where the empty value at ``path`` should be (``colour: #3366cc``)."""
        return self._lookup(self._comments, tuple(path))

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._lookup(self._values, path) is not None

    def paths(self) -> Iterator[tuple]:
        """Every recorded value path, in document order."""
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    # -- recording (used by the loader) ------------------------------------------
    def record_value(self, path: tuple, where: Loc, raw: str | None = None) -> None:
        self._values[path] = where
        if raw is not None:
            self._raw_values[path] = raw
        self._aliases = None

    def record_split(self, path: tuple, joined: str) -> None:
        """The key at ``path`` is the rest of a text cut at a ',' inside {...}; ``joined`` the fix."""
        self._splits[path] = joined

    def split_text(self, path: tuple) -> str | None:
        """The quoted 'key: "text, rest"' when the key at ``path`` was cut off a text by a ','."""
        return self._lookup(self._splits, tuple(path))

    def record_comment(self, path: tuple, comment: str) -> None:
        self._comments[path] = comment

    def record_key(self, path: tuple, where: Loc, raw: str | None = None) -> None:
        self._keys[path] = where
        if raw is not None:
            self._raw_keys[path] = raw

    def forget_under(self, path: tuple) -> None:
        """Drop everything recorded at or below ``path`` (a merged value overridden)."""
        n = len(path)
        for table in (self._values, self._keys, self._raw_values, self._raw_keys, self._comments, self._splits):
            for p in [p for p in table if p[:n] == path]:
                del table[p]
        self._aliases = None

    def _lookup(self, table: dict[tuple, Any], path: tuple) -> Any:
        if path in table:
            return table[path]
        # pydantic reports keys such as dates or None as strings: match loosely.
        if self._aliases is None:
            self._aliases = {tuple(map(_norm_key, p)): p for p in self._values}
        real = self._aliases.get(tuple(map(_norm_key, path)))
        return table.get(real) if real is not None else None


# --------------------------------------------------------------------------- text checks

def _line_col(text: str, index: int) -> Loc:
    """1-based line and column of ``text[index]`` (LF, CRLF and lone CR end lines)."""
    prefix = text[:index]
    line = prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1
    start = max(prefix.rfind("\n"), prefix.rfind("\r")) + 1
    return line, index - start + 1


def _printable(text: str, limit: int = 60) -> str:
    """A value quoted in a message: invisible characters spelled out, long ones shortened."""
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
    return shown if len(shown) <= limit else shown[:limit - 3] + "..."


def too_big(size: int, file: str, line: int = 0, column: int = 0) -> ScenarioError:
    """The error for a scenario file over MAX_BYTES (one wording wherever the size is found)."""
    return ScenarioError([Problem(
        f"the file is too large ({size:,} bytes; the limit is {MAX_BYTES:,} bytes)",
        hint="scenario files are normally far smaller; is this the right file?", file=file,
        line=line, column=column)])


def _decode(source: bytes | str, file: str) -> str:
    """Check the size and decode to text, without the byte-order mark."""
    if isinstance(source, str):
        size = len(source) if len(source) > MAX_BYTES else len(source.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            raise too_big(size, file)
        return source[1:] if source.startswith("\ufeff") else source
    data = bytes(source)
    if len(data) > MAX_BYTES:
        raise too_big(len(data), file)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not body.startswith((b"\xff\xfe", b"\xfe\xff")) and _looks_utf16(body):  # UTF-16 without a byte-order mark: every other byte is a NUL
        raise ScenarioError([Problem(
            "the file is UTF-16 text, not UTF-8 (every other byte is 0)", file=file, line=1, column=1,
            hint="save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8; in Word: Plain Text, "
                 "Unicode (UTF-8))")])
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ScenarioError([_decode_problem(body, err, file)]) from None


def _looks_utf16(body: bytes) -> bool:
    """True for text saved as UTF-16 without a byte-order mark: a NUL in most of the even or of the
    odd positions of the first bytes (UTF-8 text, even with a stray NUL, has almost none)."""
    head = body[:400]
    if len(head) < 4 or b"\x00" not in head:
        return False
    half = len(head) // 2
    return head[0::2].count(0) > 0.6 * half or head[1::2].count(0) > 0.6 * half


def _decode_problem(body: bytes, err: UnicodeDecodeError, file: str) -> Problem:
    prefix = body[:err.start].decode("utf-8")
    line, col = _line_col(prefix, len(prefix))
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        hint = "the file looks like UTF-16; save it as UTF-8"
    else:
        hint = "save the file as UTF-8 (it may be in Latin-1 or Windows-1252)"
    return Problem(f"the file is not valid UTF-8 text: byte 0x{body[err.start]:02x} cannot be read",
                   hint=hint, file=file, line=line, column=col)


def _check_characters(text: str, file: str) -> None:
    """Refuse invisible control characters, each reported with its position."""
    problems: list[Problem] = []
    matches = _BAD_CHARS.finditer(text)
    for match in matches:
        if len(problems) == MAX_PROBLEMS:
            more = 1 + sum(1 for _ in matches)
            line, col = _line_col(text, match.start())  # where the unlisted ones start
            problems.append(Problem(f"... and {more} more such characters from here on", file=file,
                                    line=line, column=col, hint="remove them all (see the first one above)"))
            break
        line, col = _line_col(text, match.start())
        problems.append(_character_problem(match.group(), file, line, col))
    if problems:
        raise ScenarioError(problems)


def _character_problem(char: str, file: str, line: int, col: int) -> Problem:
    code = f"U+{ord(char):04X}"
    if char in "\u2028\u2029":
        message = f"Unicode line separator {code} is not allowed"
        hint = "replace it with an ordinary line break"
    elif "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff":
        message, hint = f"invalid character {code}", "remove it"
    else:
        message = f"control character {code} is not allowed"
        hint = "only tab, newline and carriage return may appear; remove it (most editors do not show it)"
    return Problem(message, hint=hint, file=file, line=line, column=col)


# --------------------------------------------------------------------------- composing

class _Fatal(Exception):
    """Reading cannot go on (limit exceeded); carries the Problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class _Alias:
    """An alias in the node graph: the shared node plus where the alias is written."""

    __slots__ = ("target", "start_mark", "name")

    def __init__(self, target: Node, start_mark: yaml.Mark, name: str):
        self.target, self.start_mark, self.name = target, start_mark, name


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


class ScenarioLoader(yaml.SafeLoader):
    """A SafeLoader whose composer enforces the limits of scenario files.

    Use :func:`load_yaml`; this class only composes (``get_single_node``) and
    collects non-fatal problems in ``problems``; limits raise ``_Fatal``.
    """

    def __init__(self, text: str, file: str = ""):
        super().__init__(text)
        self.text, self.file = text, file
        self.problems: list[Problem] = []
        self._depth = 0
        self._count = 0
        self._stats: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded size, height)

    def problem(self, message: str, mark: yaml.Mark | Loc, hint: str = "", fatal: bool = False,
                path: tuple = ()) -> None:
        """Record a problem at ``mark``; raise ``_Fatal`` if fatal or too many."""
        line, col = mark if isinstance(mark, tuple) else (mark.line + 1, mark.column + 1)
        found = Problem(message, path=path, hint=hint, file=self.file, line=line, column=col)
        if fatal:
            raise _Fatal(found)
        self.problems.append(found)
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Fatal(Problem(f"too many problems; stopped reading after {MAX_PROBLEMS}",
                                 file=self.file, line=line, column=col))

    def compose_node(self, parent: Node | None, index: object) -> Node | _Alias:  # type: ignore[override]
        if self.check_event(AliasEvent):
            return self._compose_alias()
        event = self.peek_event()
        self._check_tag(event)
        if event.anchor is not None and event.anchor in self.anchors:
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {event.anchor!r}; first occurrence",
                self.anchors[event.anchor].start_mark, "second occurrence", event.start_mark)
        if self._depth >= MAX_DEPTH:
            self._too_deep(event.start_mark)
        self._depth += 1
        before = self._count
        self._add_nodes(1, event.start_mark)
        self.descend_resolver(parent, index)
        if isinstance(event, ScalarEvent):
            node = self.compose_scalar_node(event.anchor)
        elif isinstance(event, SequenceStartEvent):
            node = self.compose_sequence_node(event.anchor)
        else:
            node = self.compose_mapping_node(event.anchor)
        self.ascend_resolver()
        self._depth -= 1
        self._stats[id(node)] = (self._count - before, 1 + self._child_height(node))
        return node

    def _compose_alias(self) -> _Alias:
        event = self.get_event()
        if event.anchor not in self.anchors:
            name = event.anchor
            known = difflib.get_close_matches(name, list(self.anchors), n=1)
            hint = (f"did you mean *{known[0]}? (&{known[0]} is defined at line "
                    f"{self.anchors[known[0]].start_mark.line + 1})" if known else
                    f"write &{name} before the value to repeat (e.g. 'targets: &{name} {{ideal: 1, "
                    f"salience: 0.5}}'), above this line, or write the value out here instead of *{name}")
            self.problem(f"alias *{name} is used but no anchor &{name} is defined before it",
                         event.start_mark, hint, fatal=True)
        target = self.anchors[event.anchor]
        stats = self._stats.get(id(target))
        if stats is None:
            self.problem(f"alias *{event.anchor} is used inside its own anchor &{event.anchor}",
                         event.start_mark, hint="recursive structures are not allowed", fatal=True)
        size, height = stats  # type: ignore[misc]
        if self._depth + height > MAX_DEPTH:
            self._too_deep(event.start_mark, alias=True)
        self._add_nodes(size, event.start_mark, alias=True)
        return _Alias(target, event.start_mark, event.anchor)

    def _child_height(self, node: Node) -> int:
        if isinstance(node, ScalarNode):
            return 0
        children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
        heights = [self._stats[id(c.target if isinstance(c, _Alias) else c)][1] for c in children]
        return max(heights, default=0)

    def _add_nodes(self, count: int, mark: yaml.Mark, alias: bool = False) -> None:
        self._count += count
        if self._count > MAX_NODES:
            if alias:
                message = f"too many values once aliases (*name) are expanded (the limit is {MAX_NODES:,})"
                hint = "aliases that repeat other aliases multiply quickly (a 'billion laughs' document)"
            else:
                message = f"the document holds too many values (the limit is {MAX_NODES:,})"
                hint = "scenario files are normally far smaller"
            self.problem(message, mark, hint=hint, fatal=True)

    def _too_deep(self, mark: yaml.Mark, alias: bool = False) -> None:
        how = " once aliases are expanded" if alias else ""
        self.problem(f"the document is nested too deeply{how} (more than {MAX_DEPTH} levels)", mark,
                     fatal=True,
                     hint="scenario files need only a few levels of indentation")

    def _check_tag(self, event: Any) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            return
        if tag in _ALLOWED_TAGS[type(event)]:
            return
        shown = _show_tag(tag)
        if any(tag in tags for tags in _ALLOWED_TAGS.values()):
            message, hint = f"the tag {shown} cannot be used on {_KIND_WORDS[type(event)]}", "remove the tag"
        elif tag.startswith(_YAML) and not tag.startswith(_YAML + "python/"):
            message = f"the tag {shown} is not supported"
            hint = "scenario files use only text, numbers, true/false, dates, lists and mappings"
        else:
            message, hint = f"{_CODE_TAG_MESSAGE} (found {shown})", "remove the tag"
        self.problem(message, self._tag_position(event), hint=hint)

    def _tag_position(self, event: Any) -> Loc:
        """Where the tag itself is written (the event starts at its anchor, if any)."""
        mark = event.start_mark
        if event.anchor is None:
            return mark.line + 1, mark.column + 1
        at = self.text.find("!", mark.index, event.end_mark.index + 1)
        if at < 0:
            return mark.line + 1, mark.column + 1
        line, col = _line_col(self.text[mark.index:at], at - mark.index)
        return (mark.line + 1, mark.column + col) if line == 1 else (mark.line + line, col)


# --------------------------------------------------------------------------- building

def _where(mark: yaml.Mark) -> Loc:
    return mark.line + 1, mark.column + 1


def _deref(node: Node | _Alias) -> Node:
    return node.target if isinstance(node, _Alias) else node


def _plain_text(node: Node) -> str | None:
    return node.value if isinstance(node, ScalarNode) and node.style is None else None


class _Builder:
    """Turns the composed node graph into plain data, recording positions."""

    def __init__(self, loader: ScenarioLoader, positions: Positions):
        self.loader = loader
        self.positions = positions
        self._checked_maps: set[int] = set()

    def value(self, node: Node | _Alias, path: tuple) -> Any:
        target = _deref(node)
        self.positions.record_value(path, _where(node.start_mark), _plain_text(target))
        if isinstance(target, ScalarNode) and target.style is None and target.value == "":
            comment = self._comment_at(target.start_mark)
            if comment:
                self.positions.record_comment(path, comment)
        if isinstance(target, ScalarNode):
            return self.scalar(target)
        if isinstance(target, SequenceNode):
            return [self.value(child, path + (i,)) for i, child in enumerate(target.value)]
        return self.mapping(target, path)

    def _comment_at(self, mark: yaml.Mark) -> str:
        """The comment that follows an empty value on its line (``key: #text``), if any."""
        text = self.loader.text
        end = len(text)
        for stop in ("\n", "\r"):
            at = text.find(stop, mark.index)
            if at >= 0:
                end = min(end, at)
        rest = text[mark.index:end].strip()
        return rest.split()[0] if rest.startswith("#") and len(rest) > 1 else ""

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag in (_MERGE_TAG, _VALUE_TAG):
            return node.value
        try:
            value = SafeConstructor.yaml_constructors[node.tag](self.loader, node)
        except Exception as err:  # noqa: BLE001 - any scalar constructor failure is a bad value
            kind = "date" if node.tag.endswith("timestamp") else _show_tag(node.tag)
            detail = f" ({_printable(str(err))})" if isinstance(err, ValueError) and str(err) else ""
            hint = ("check the month (1-12) and the day: write the date as YYYY-MM-DD; put it in quotes "
                    "if it is meant as text" if kind == "date" else "put it in quotes if it is meant as text")
            self.loader.problem(f"'{_printable(node.value)}' is not a valid {kind}{detail}", node.start_mark,
                                hint=hint)
            return None
        bad = _BAD_CHARS.search(value) if isinstance(value, str) else None
        if bad is not None:  # written as an escape ("\e", "\x00", "\uD800"): refused like the raw character
            line, col = _where(node.start_mark)
            found = _character_problem(bad.group(), self.loader.file, line, col)
            self.loader.problem(f"{found.message} (written as an escape sequence in quotes)", node.start_mark,
                                hint="remove the escape sequence")
            return None
        return value

    def mapping(self, node: MappingNode, path: tuple) -> dict:
        result: dict = {}
        first: dict[Any, Loc] = {}
        explicit = [(k, v) for k, v in node.value if not self._is_merge(k)]
        for _, source in [(k, v) for k, v in node.value if self._is_merge(k)]:
            self.merge(result, source, path)
        report = id(node) not in self._checked_maps
        self._checked_maps.add(id(node))
        repeated: list[tuple[Any, Node | _Alias]] = []
        for n, (key_node, value_node) in enumerate(explicit):
            key = self.key(key_node)
            if key is _NO_KEY:
                continue
            if n and node.flow_style:
                self._comma_split(explicit[n - 1], key_node, value_node, path + (key,))
            if key in first:
                repeated.append((key, key_node))
                continue
            first[key] = _where(key_node.start_mark)
            self._put(result, key, key_node, value_node, path)
        if report and repeated:
            self._duplicates(repeated, first, path, explicit)
        return result

    def _comma_split(self, before: tuple, key_node: Node | _Alias, value_node: Node | _Alias, path: tuple) -> None:
        """Record an entry of a {...} mapping that has no ':' and no value, after a plain text, as in
        ``{name: Oslo, last week}``: the ',' ended that text, so 'last week' became a key."""
        key, value = _deref(key_node), _deref(value_node)
        prev_key, prev_value = (_deref(node) for node in before)
        if not (isinstance(key, ScalarNode) and key.style is None and isinstance(value, ScalarNode)
                and value.style is None and value.value == "" and isinstance(prev_value, ScalarNode)
                and prev_value.style is None and isinstance(prev_key, ScalarNode)):
            return
        after = self.loader.text[key.end_mark.index:key.end_mark.index + 200].lstrip(" ")
        if after.startswith(":"):
            return
        self.positions.record_split(path, f"{prev_key.value}: \"{prev_value.value}, {key.value}\"")

    def _duplicates(self, repeated: list, first: dict, path: tuple, explicit: list) -> None:
        """One problem per mapping for its repeated keys (a missing '- ' repeats them all)."""
        key, key_node = repeated[0]
        shown = _printable(str(_deref(key_node).value))
        message = f"duplicate key '{shown}' (first at line {first[key][0]})"
        others = list(dict.fromkeys(_printable(str(k)) for k, _ in repeated[1:] if k != key))
        if others:
            message += f"; {', '.join(repeated_key for repeated_key in others[:5])}" + (
                ", ..." if len(others) > 5 else "") + " also repeated"
        hint = "each key may appear only once in a mapping"
        first_key = self.key(explicit[0][0]) if explicit else None
        if path and isinstance(path[-1], int) and key == first_key:
            line = _where(key_node.start_mark)[0]
            hint = (f"if line {line} starts a new entry of the list, begin it with '- ' "
                    f"('- {shown}: ...'); otherwise {hint}")
        self.loader.problem(message, key_node.start_mark, hint=hint, path=path + (key,))

    def _put(self, result: dict, key: Any, key_node: Node | _Alias, value_node: Node | _Alias,
             path: tuple) -> None:
        child = path + (key,)
        if key in result:  # overrides a merged value
            self.positions.forget_under(child)
            del result[key]
        self.positions.record_key(child, _where(key_node.start_mark), _plain_text(_deref(key_node)))
        result[key] = self.value(value_node, child)

    def key(self, key_node: Node | _Alias) -> Any:
        target = _deref(key_node)
        if not isinstance(target, ScalarNode):
            self.loader.problem("a key must be a single word or number, not a list or mapping",
                                key_node.start_mark, hint="check the indentation and the ':' characters")
            return _NO_KEY
        return self.scalar(target)

    @staticmethod
    def _is_merge(key_node: Node | _Alias) -> bool:
        target = _deref(key_node)
        return isinstance(target, ScalarNode) and target.tag == _MERGE_TAG

    def merge(self, result: dict, source: Node | _Alias, path: tuple) -> None:
        """Apply a ``<<`` merge; earlier sources win over later ones, explicit keys over all."""
        target = _deref(source)
        sources = target.value if isinstance(target, SequenceNode) else [source]
        for item in reversed(sources):
            mapping = _deref(item)
            if not isinstance(mapping, MappingNode):
                self.loader.problem("'<<' (merge) needs a mapping or a list of mappings", item.start_mark)
                continue
            for key_node, value_node in mapping.value:
                if self._is_merge(key_node):
                    self.merge(result, value_node, path)
                    continue
                key = self.key(key_node)
                if key is not _NO_KEY:
                    self._put(result, key, key_node, value_node, path)


_NO_KEY = object()


# --------------------------------------------------------------------------- syntax errors

_READABLE: list[tuple[str, str, str]] = [
    ("mapping values are not allowed here", "unexpected ':' here",
     "a value containing ': ' must be in quotes, or the indentation is off"),
    ("found character '\\t' that cannot start any token", "tab character here",
     "YAML indentation must use spaces, not tabs"),
    ("could not find expected ':'", "expected 'key: value' here (a ':' seems to be missing)", ""),
    ("found unexpected end of stream", "the file ends in the middle of a value",
     "a quote or bracket is probably not closed"),
    ("expected <block end>", "this line's indentation does not match the lines above",
     "lines of the same mapping or list must start in the same column"),
    ("did not find expected key", "expected a 'key: value' line here", "check the indentation"),
    ("did not find expected '-' indicator", "expected a '- item' line here",
     "check the indentation of this list"),
    ("found unknown escape character", "unknown escape sequence in a double-quoted text",
     "write a backslash as \\\\ or use single quotes"),
    ("expected a single document in the stream",
     "the file holds more than one YAML document ('---' starts a second one)", "keep one scenario per file"),
    ("expected ',' or ']'", "a '[...]' list is not closed with ']', or a ',' is missing", ""),
    ("expected ',' or '}'", "a '{...}' mapping is not closed with '}', or a ',' is missing", ""),
    ("that cannot start any token", "a value cannot start with this character",
     "put the value in quotes"),
]

_JARGON = {
    "<block end>": "the end of an indented block", "<block mapping start>": "a new indented mapping",
    "<block sequence start>": "a new indented list", "<stream end>": "the end of the file",
    "<document start>": "'---'", "<document end>": "'...'", "<scalar>": "a value",
    "<flow mapping start>": "'{'", "<flow sequence start>": "'['", "<block entry>": "'-'",
    "<alias>": "an alias", "<anchor>": "an anchor", "<tag>": "a tag",
}


def _dejargon(text: str) -> str:
    for token, words in _JARGON.items():
        text = text.replace(token, words)
    return text


_CONTEXTS = {
    "while scanning a quoted scalar": "the quoted text",
    "while scanning a plain scalar": "the value",
    "while scanning a simple key": "the key",
    "while scanning a block scalar": "the block of text",
    "while parsing a flow sequence": "the [...] list",
    "while parsing a flow mapping": "the {...} mapping",
    "while parsing a block mapping": "the mapping",
    "while parsing a block collection": "the list",
    "while parsing a flow node": "the value",
    "while parsing a block node": "the value",
    "while scanning an anchor": "the anchor",
    "while scanning an alias": "the alias",
    "while scanning a tag": "the tag",
    "while scanning a double-quoted scalar": "the quoted text",
}


def _readable(err: yaml.MarkedYAMLError) -> tuple[str, str]:
    """A plain-words message and hint for a PyYAML error's problem text."""
    problem = err.problem or err.context or "the YAML could not be read"
    if "undefined alias" in problem:
        name = problem.split("'")[1] if "'" in problem else "?"
        return f"alias *{name} is used but no anchor &{name} is defined before it", ""
    if "duplicate anchor" in (err.context or ""):
        return "the same anchor (&name) is defined twice", "give each anchor its own name"
    for needle, friendly, advice in _READABLE:
        if needle in problem or needle in (err.context or ""):
            return friendly, advice
    return "YAML syntax error: " + _dejargon(problem), ""


_AFTER_QUOTE_ERRORS = ("expected <block end>", "did not find expected key", "could not find expected ':'",
                       "expected ',' or ']'", "expected ',' or '}'", "mapping values are not allowed here",
                       "did not find expected '-' indicator")


def _closed_quote_before(err: yaml.MarkedYAMLError) -> str:
    """The quote character (\" or ') that ends a quoted text just before the error on the same
    line, e.g. ``title: "The "CIS" treaty"``; empty if the error is not of that kind."""
    mark = err.problem_mark
    problem = " ".join(filter(None, (err.problem, err.context)))
    if mark is None or not isinstance(mark.buffer, str) or not any(e in problem for e in _AFTER_QUOTE_ERRORS):
        return ""
    line_start = mark.buffer.rfind("\n", 0, mark.pointer) + 1
    before = mark.buffer[line_start:mark.pointer].rstrip(" ")
    if not before or before[-1] not in "\"'":
        return ""
    quote = before[-1]
    # the line (up to the error) holds a quoted text that this quote closes: an opening
    # quote after ': ', '- ', '[' or ',' and no comment before it
    opened = re.search(r"(?:^|[:-]\s|[\[{,])\s*" + re.escape(quote), before[:-1])
    return quote if opened else ""


def _bracket_in_text(err: yaml.MarkedYAMLError, file: str) -> Problem | None:
    """A '[', '{' or '?' in the middle of an unquoted text inside {...} or [...], such as
    ``{note: Not confirmed [U].}`` or ``{question: Why now?}``: YAML ends the text there, and its
    own message speaks of a missing ',' or an unclosed bracket."""
    mark, problem = err.problem_mark, err.problem or ""
    if mark is None or not isinstance(mark.buffer, str) or not any(
            e in problem for e in ("expected ',' or '}'", "expected ',' or ']'")):
        return None
    buf = mark.buffer
    char = buf[mark.pointer] if mark.pointer < len(buf) else ""
    line_start = max(buf.rfind("\n", 0, mark.pointer), buf.rfind("\r", 0, mark.pointer)) + 1
    before = buf[line_start:mark.pointer]
    if char not in "[{?" or not before.strip() or before.rstrip()[-1] in ",:[{\"'":
        return None
    container = "{...} mapping" if "'}'" in problem else "[...] list"
    # (a '?' too: a question of a quiz, 'wrong: [Is it?, No]', in PyYAML's reading of the YAML spec)
    hint = "inside {...} and [...] a text without quotes ends at [ ] { } ? or ',': put the whole text in quotes"
    value = re.search(r"(?:([A-Za-z_][\w-]*):\s+|[\[{,]\s*)([^,:{}\[\]\"']*)$", before)
    if value is not None and value.group(2).strip():
        rest, depth, end = buf[mark.pointer:], 0, 0
        for end, c in enumerate(rest):  # the rest of the text: up to the ',' or bracket that ends it
            if c in "\r\n" or (depth == 0 and c == ","):
                break
            depth += (c in "[{") - (c in "]}")
            if depth < 0:
                break
        else:
            end = len(rest)
        text_ = (value.group(2) + rest[:end]).strip()
        key = f"{value.group(1)}: " if value.group(1) else ""
        if len(text_) <= 70:
            hint += f", e.g. {key}\"{text_}\""
    line, col = _where(mark)
    return Problem(f"a '{char}' in the middle of a text inside a {container} ends the text there",
                   hint=hint, file=file, line=line, column=col)


def _quote_problem(quote: str) -> tuple[str, str]:
    if quote == '"':
        return ("a quote inside a quoted text ends it early",
                "a \" inside \"...\" ends the text: put the whole text in single quotes ('... \"CIS\" ...') "
                "or write the inner quote as \\\"")
    return ("a quote inside a quoted text ends it early",
            "a ' inside '...' ends the text: write it twice ('It''s') or put the whole text in double quotes")


def _line_text(buffer: str, index: int) -> str:
    start = max(buffer.rfind("\n", 0, index), buffer.rfind("\r", 0, index)) + 1
    ends = [at for at in (buffer.find("\n", index), buffer.find("\r", index)) if at >= 0]
    return buffer[start:min(ends) if ends else len(buffer)]


def _column_advice(mark: yaml.Mark) -> str:
    """For a line whose indentation fits no block above: which column the line above starts in,
    the usual fix (a key or a '- ' entry moved one or two spaces by accident)."""
    buffer = mark.buffer
    if not isinstance(buffer, str):
        return ""
    here = _line_text(buffer, mark.pointer)
    lines = buffer[:mark.pointer].splitlines()[:-1]
    for n in range(len(lines) - 1, -1, -1):
        above = lines[n]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        col_here = len(here) - len(here.lstrip(" ")) + 1
        col_above = len(above) - len(above.lstrip(" ")) + 1
        if above.lstrip().startswith("- ") and not here.lstrip().startswith("- "):
            if col_here == col_above:
                return (f"line {n + 1} starts a list entry with '- ' in this line's column, so this line "
                        f"needs one too: write '- ' here, or if the '- ' on line {n + 1} is a mistake "
                        "(a mapping, not a list), remove it")
            col_above += 2  # the keys of a '- key: value' entry start after the dash
        if col_here == col_above:
            return ""
        return (f"this line starts in column {col_here}, line {n + 1} above it in column {col_above}: "
                f"lines of the same mapping or list must start in the same column, so if it belongs with "
                f"line {n + 1}, indent it by {col_above - 1} spaces")
    return ""


def _indented_under_value(buffer: str, index: int) -> tuple[int, int] | None:
    """(line, indentation) of the line above when the error line is indented further than a
    'key: value' line above it (so YAML read it as a continuation of that value)."""
    lines = buffer[:index].splitlines()
    if not lines:
        return None
    here = _line_text(buffer, index)
    indent = len(here) - len(here.lstrip(" "))
    for n in range(len(lines) - 2, -1, -1):
        above = lines[n]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        above_indent = len(above) - len(above.lstrip(" "))
        body = above.strip().removeprefix("- ")
        if indent > above_indent and re.match(r"^[^\s:#'\"{\[][^:]*:\s+[^\s#|>]", body):
            return n + 1, above_indent + (2 if above.strip().startswith("- ") else 0)
        return None
    return None


def _entry_without_dash(err: yaml.MarkedYAMLError, file: str) -> Problem | None:
    """A list entry whose '- ' was forgotten (``  id: denmark`` in the column of the ``- id: ...``
    entries above): YAML's own words speak of indentation, and the line above is usually one of
    the previous entry's keys, so the column advice would point the wrong way."""
    mark, start = err.problem_mark, err.context_mark
    if mark is None or start is None or not isinstance(mark.buffer, str) \
            or "<block end>" not in (err.problem or "") or err.context != "while parsing a block collection":
        return None
    here = _line_text(mark.buffer, mark.pointer)
    body = here.lstrip(" ")
    if len(here) - len(body) != start.column or body.startswith("-") or not body:
        return None
    above = [line for line in mark.buffer[:mark.pointer].splitlines()[:-1]
             if line.strip() and not line.lstrip().startswith("#")]
    if above and len(above[-1]) - len(above[-1].lstrip(" ")) == start.column:
        return None  # right under a one-line '- ' entry: _column_advice also offers to remove that '-'
    entry = _line_text(start.buffer, start.pointer)
    keys_at = start.column + 1 + (len(entry[start.column + 1:]) - len(entry[start.column + 1:].lstrip(" ")))
    hint = (f"if it starts a new entry, write '- {body.strip()}'; if it belongs to the entry above, indent "
            f"it by {keys_at} spaces, like that entry's keys")
    if re.match(r"^[A-Za-z_][\w-]*:\s*(#.*)?$", body):  # 'rounds:' opening a block: maybe a new section
        for line in reversed(start.buffer[:start.pointer].splitlines()[:-1]):
            indent = len(line) - len(line.lstrip(" "))
            if line.strip() and not line.lstrip().startswith("#") and indent < start.column:
                owner = line.strip().split(":")[0]
                hint = (f"if it starts a new section, like '{owner}:' above the list, start it in column "
                        f"{indent + 1}, like '{owner}:'; " + hint)
                break
    return Problem(f"this line starts in the column of the '- ' entries of the list that starts at line "
                   f"{start.line + 1}, but has no '- '", file=file, line=mark.line + 1, column=start.column + 1,
                   hint=hint)


def _open_quote(text: str, err: yaml.MarkedYAMLError) -> Any:
    """The quoted text that ran on from an earlier line up to the error (its closing quote
    forgotten, so YAML read on to the next quote), if the error is of that kind."""
    mark = err.problem_mark
    if mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and last.start_mark.line < last.end_mark.line == mark.line:
        return last
    return None


def _syntax_problem(err: yaml.MarkedYAMLError, file: str, text: str = "") -> Problem:
    """A readable Problem from a PyYAML syntax error, at its marker's position."""
    runaway = _open_quote(text, err) if text else None
    if runaway is not None:
        quote = runaway.style
        line, col = _where(runaway.start_mark)
        return Problem(f"the quoted text that starts here is not closed on its line (YAML read on to the "
                       f"next {quote}, at line {runaway.end_mark.line + 1})",
                       hint=f"add the closing {quote} at the end of the text on line {line}",
                       file=file, line=line, column=col)
    mark = err.problem_mark
    if mark is not None and isinstance(mark.buffer, str):
        here = _line_text(mark.buffer, mark.pointer)
        dash = re.match(r"^(\s*)-([^\s\-].*)$", here)
        if dash and "<block end>" in " ".join(filter(None, (err.problem, err.context))):
            return Problem("a '-' that starts a list entry must be followed by a space",
                           hint=f"write '- {dash.group(2).strip()}'", file=file,
                           line=mark.line + 1, column=len(dash.group(1)) + 1)
        deeper = _indented_under_value(mark.buffer, mark.pointer)
        if deeper and "mapping values are not allowed here" in (err.problem or ""):
            line_above, indent = deeper
            return Problem(f"this line is indented further than line {line_above}, so YAML reads it as "
                           f"more of the value on line {line_above}", file=file, line=mark.line + 1,
                           column=len(here) - len(here.lstrip(" ")) + 1,
                           hint=f"indent it by {indent} spaces, like line {line_above}")
    if "could not find expected ':'" in (err.problem or "") and err.context_mark is not None \
            and isinstance(err.context_mark.buffer, str):
        start = err.context_mark
        here = _line_text(start.buffer, start.pointer).strip()
        if ":" not in here:
            word, _, rest = here.partition(" ")
            example = f" ('{word}: {rest}')" if rest else ""
            return Problem("this line has no ':' after its key", file=file, line=start.line + 1,
                           column=start.column + 1,
                           hint=f"write the key, a ':' and a space, then the value{example}")
    bracket = _bracket_in_text(err, file)
    if bracket is not None:
        return bracket
    quote = _closed_quote_before(err)
    if quote:
        message, hint = _quote_problem(quote)
        line, col = _where(err.problem_mark)
        return Problem(message, hint=hint, file=file, line=line, column=col)
    undashed = _entry_without_dash(err, file)
    if undashed is not None:
        return undashed
    message, hint = _readable(err)
    if "expected <block end>" in (err.problem or "") and err.problem_mark is not None:
        hint = _column_advice(err.problem_mark) or hint
    mark, context = err.problem_mark or err.context_mark, err.context or ""
    opened = _CONTEXTS.get(context)
    if opened and err.context_mark is not None and err.problem_mark is not None:
        start = err.context_mark
        if "end of stream" in (err.problem or ""):
            mark, hint, note = start, "", f"{opened} that starts here is never closed"
        else:
            note = f"in {opened} that starts at line {start.line + 1}, column {start.column + 1}"
        hint = f"{hint}; {note}" if hint else note
    line, col = _where(mark) if mark is not None else (0, 0)
    return Problem(message, hint=hint, file=file, line=line, column=col)


# --------------------------------------------------------------------------- entry point

def _compose(text: str, file: str) -> tuple[ScenarioLoader, Node | None]:
    loader = ScenarioLoader(text, file)
    try:
        root = loader.get_single_node()
    except _Fatal as fatal:
        raise ScenarioError(loader.problems + [fatal.problem]) from None
    except yaml.MarkedYAMLError as err:
        raise ScenarioError(loader.problems + [_syntax_problem(err, file, text)]) from None
    except yaml.YAMLError as err:
        raise ScenarioError(loader.problems + [Problem(f"YAML error: {err}", file=file)]) from None
    finally:
        loader.dispose()
    if loader.problems:
        raise ScenarioError(loader.problems)
    return loader, root


def load_yaml(source: bytes | str, file: str) -> tuple[object, Positions]:
    """Read untrusted YAML into plain data and a :class:`Positions` table.

    ``file`` is only used to label problems.  Raises :class:`ScenarioError`
    holding every problem found (a syntax error or an exceeded limit stops
    reading, so only the problems found before it come with it).  An empty
    document gives ``None``.
    """
    text = _decode(source, file)
    _check_characters(text, file)
    loader, root = _compose(text, file)
    positions = Positions()
    if root is None:
        return None, positions
    builder = _Builder(loader, positions)
    try:
        data = builder.value(root, ())
    except _Fatal as fatal:
        raise ScenarioError(loader.problems + [fatal.problem]) from None
    if loader.problems:
        raise ScenarioError(loader.problems)
    return data, positions
