"""Fuzzing harness for the two loaders that read untrusted files.

Targets (each takes the raw bytes of one file):

* ``scenario``: :func:`game.scenarios.loader.validate` on mutated bytes of the
  built-in scenarios, on structurally mutated scenarios (a value replaced, a key
  dropped, ids swapped, aliases added ... then dumped back to YAML) and on
  generated YAML.  ``validate`` must never raise; its problems must format; a
  scenario it accepts must start a game and survive a few random legal moves and AI moves;
  and no file outside the scenario's folder, the built-in data folders and the
  Python installation may be opened while loading it (an audit hook watches).
* ``save``: :func:`game.session.saves.load_match` on mutated save files: raw
  byte damage (mostly caught by the JSON parser and the checksum) and payload
  edits with the checksum recomputed (a hand-edited save), so the replay code
  sees seeds, seats, options and action records of every wrong type.  Only
  :class:`~game.session.store.SaveFileError` subclasses may come out, each with
  a one-line message; a save that loads must give views, a result or an AI move.

Anything else (another exception, a refused invariant, an input slower than
``slow_seconds``) is a *finding*: it is counted, de-duplicated by exception
type and place, and its smallest input is written to the output folder.

Engines (see ``run.py``): ``atheris`` (coverage-guided libFuzzer, with the
structure-aware mutators below as a custom mutator), ``hypothesis`` (random
mutations plus a Hypothesis strategy for scenario-shaped YAML) and ``random``
(the mutators alone; fastest, deterministic per seed).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGETS = ("scenario", "save")
MAX_SCENARIO_BYTES = 200_000
MAX_SAVE_BYTES = 200_000

# --------------------------------------------------------------------------- mutation data

YAML_TOKENS: list[bytes] = [
    b"&a ", b"*a", b"&b [*a, *a, *a, *a]", b"<<: *a\n", b"<<: [*a, *b]\n", b"? ", b": ", b"- ", b"\n", b"\n  ",
    b"\n- ", b"\n    - ", b"{", b"}", b"[", b"]", b",", b"'", b'"', b"\t", b"~", b"null", b"true", b"no", b"off",
    b".inf", b"-.inf", b".nan", b"1e999", b"-0", b"0x1F", b"0o17", b"1_000", b"+12", b"2000-13-45",
    b"1999-02-30", b"2001-01-01T25:61:00", b"1999-01-01 10:00:00+25:00", b"9" * 40, b"-" + b"9" * 30,
    b"---\n", b"...\n", b"%YAML 1.1\n", b"%YAML 9.9\n", b"%TAG ! tag:yaml.org,2002:python/\n",
    b"!!python/object/apply:os.system ['echo pwned']", b"!!python/name:os.system", b"!!python/tuple [1]",
    b"!!binary aGk=", b"!!set {a: null}", b"!!omap [a: 1]", b"!!str", b"!!int", b"!!float", b"!!bool",
    b"!!map", b"!!seq", b"!!null", b"!!timestamp", b"!include x.yaml", b"!<tag:yaml.org,2002:str>",
    b"!custom", b"!", b"|\n  ", b"|-\n  ", b">+\n  ", b"|2\n", b"#", b"%", b"@", b"`", b"\\", b"\\0",
    b'"\\0"', b'"\\x00"', b'"\\u2028"', b'"\\uD800"', b'"\\U0010FFFF"', b'"\\e"',
    b"\xef\xbb\xbf", b"\x00", b"\x07", b"\x1b", b"\x7f", b"\xc2\x85", b"\xe9", b"\xc3", b"\xff\xfe",
    b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbf\xbe", b"\xed\xa0\x80", b"\xf0\x9f\x98\x80", b"\r", b"\r\n",
    b"extends: cst-1999\n", b"extends: base.yaml\n", b"extends: fuzz.yaml\n", b"extends: sub/../base.yaml\n",
    b"extends: ../../../../etc/passwd\n", b"extends: /etc/passwd\n", b"extends: link.yaml\n",
    b"extends: ../outside/base.yaml\n", b"extends: 'C:\\\\Windows\\\\win.ini'\n",
    b"extends: '\\\\\\\\server\\\\share\\\\x.yaml'\n", b"extends: seeds/../../../etc/passwd\n",
    b"source_document: ../../../../etc/passwd\n", b"source_document: doc.txt\n",
    b"source_document: seeds/000_2e7d1d862c004df0.txt\n", b"source_document: ../outside/doc.txt\n",
    b"source_document: /etc/hostname\n", b"<script>alert(1)</script>", b"\"'><img src=x onerror=alert(1)>",
    b"schema_version: 2\n", b"$schema: x\n",
]

INTERESTING_VALUES: list[object] = [
    None, True, False, 0, 1, -1, 2, 3, 7, 20, 21, 100, 10**6, 2**31, 2**63, -(2**63), 10**30, 0.0, -0.0, 0.5,
    0.999999, 1.0000001, -0.5, 1e-300, 1e308, -1e308, math.inf, -math.inf, math.nan, "", " ", "x", "0", "1.0",
    "no", "yes", "null", "~", "*", "x" * 3000, "é" * 50, "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>", "../../../../etc/passwd", "/etc/passwd", "seeds/../../x",
    "C:\\Windows\\win.ini", "\\\\server\\share\\x", "a\x00b", "\u2028", "\ud800", "\ufffe",
    dt.date(1999, 1, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.datetime(1999, 4, 2, 10, 0),
    [], {}, [None], [[]], {"": None}, {"id": "x"}, [{"id": "x"}, {"id": "x"}], ["a", "a"], [1, 2, 3],
]

SAVE_VALUES: list[object] = INTERESTING_VALUES + [
    {"kind": "pass", "actor": "x"}, {"kind": "table", "actor": "x", "levels": [0, 0]},
    {"kind": "sign", "actor": "x", "sign": True}, {"kind": "nope"}, [{"kind": "pass"}], "ai", "human",
    "random", "passive", "historical", "probabilistic", "none", "easy", "hard",
]


def _pick_len(rng: random.Random, size: int) -> int:
    """A short length, usually (most useful mutations are small)."""
    return min(size, 1 + int(rng.expovariate(1 / 8)))


def mutate_bytes(data: bytes, rng: random.Random, others: list[bytes], tokens: list[bytes] = YAML_TOKENS,
                 max_len: int = MAX_SCENARIO_BYTES) -> bytes:
    """Random byte- and line-level damage: flips, inserts, deletes, splices, truncation."""
    buf = bytearray(data)
    for _ in range(1 + int(rng.expovariate(1 / 1.5))):
        op = rng.randrange(14)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # flip a bit
            i = min(pos, len(buf) - 1)
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and buf:  # random byte
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op in (2, 3):  # insert a token
            buf[pos:pos] = rng.choice(tokens)
        elif op == 4:  # insert random bytes
            buf[pos:pos] = rng.randbytes(_pick_len(rng, 64))
        elif op == 5 and buf:  # delete a range
            del buf[pos:pos + _pick_len(rng, len(buf))]
        elif op == 6 and buf:  # duplicate a range
            n = _pick_len(rng, len(buf))
            buf[pos:pos] = buf[pos:pos + n]
        elif op == 7:  # truncate
            del buf[pos:]
        elif op == 8 and others:  # splice with another input
            other = rng.choice(others)
            at = rng.randrange(len(other) + 1)
            buf = buf[:pos] + bytearray(other[at:at + rng.randrange(1, 4000)])
        elif op in (9, 10, 11, 12):
            buf = bytearray(_mutate_lines(bytes(buf), rng, op, others))
        else:  # repeat a token many times (size and count limits)
            buf[pos:pos] = rng.choice(tokens) * rng.choice((10, 100, 1000))
        if len(buf) > max_len:
            del buf[max_len:]
    return bytes(buf)


def _mutate_lines(data: bytes, rng: random.Random, op: int, others: list[bytes]) -> bytes:
    lines = data.split(b"\n")
    if not lines:
        return data
    i = rng.randrange(len(lines))
    if op == 9:  # duplicate or delete a line
        if rng.random() < 0.5:
            lines.insert(i, lines[i])
        else:
            del lines[i]
    elif op == 10:  # move a line
        line = lines.pop(i)
        lines.insert(rng.randrange(len(lines) + 1), line)
    elif op == 11:  # change its indentation
        delta = rng.choice((-4, -2, -1, 1, 2, 4))
        lines[i] = b" " * delta + lines[i] if delta > 0 else lines[i][-delta:]
    else:  # a line from another input
        if others:
            src = rng.choice(others).split(b"\n")
            lines.insert(i, rng.choice(src))
    return b"\n".join(lines)


class _Tree:
    """Slots (container, key) of a plain-data tree, each container once (shared ones are not revisited)."""

    def __init__(self, root: object):
        self.slots: list[tuple[object, object]] = []
        self.scalars: list[object] = []
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
            for key, value in list(items):
                self.slots.append((node, key))
                if isinstance(value, (dict, list)):
                    stack.append(value)
                else:
                    self.scalars.append(value)


def mutate_tree(root: object, rng: random.Random, values: list[object], keys: list[str]) -> object:
    """Apply a few structural edits to plain data (in place; returns the new root)."""
    for _ in range(1 + int(rng.expovariate(1 / 1.2))):
        tree = _Tree(root)
        if not tree.slots:
            return rng.choice(values) if rng.random() < 0.5 else root
        parent, key = rng.choice(tree.slots)
        current = parent[key]  # type: ignore[index]
        op = rng.randrange(11)
        if op <= 2:  # an interesting value
            parent[key] = copy.deepcopy(rng.choice(values))  # type: ignore[index]
        elif op == 3 and tree.scalars:  # a value from elsewhere in the document (ids, names)
            parent[key] = rng.choice(tree.scalars)  # type: ignore[index]
        elif op == 4:  # delete
            del parent[key]  # type: ignore[arg-type]
        elif op == 5 and isinstance(parent, list):  # duplicate an item
            parent.insert(key, copy.deepcopy(current))  # type: ignore[arg-type]
        elif op == 6 and isinstance(parent, list) and len(parent) > 1:  # swap items
            j = rng.randrange(len(parent))
            parent[key], parent[j] = parent[j], parent[key]  # type: ignore[index]
        elif op == 7 and isinstance(parent, dict):  # add a key (often a real field name)
            name = rng.choice(keys) if keys and rng.random() < 0.8 else rng.choice(("x", "", "1", "Id"))
            parent[name] = copy.deepcopy(rng.choice(values))
        elif op == 8 and isinstance(current, (int, float)) and not isinstance(current, bool):  # nudge
            parent[key] = rng.choice((current + 1, current - 1, -current, current * 10,  # type: ignore[index]
                                      current / 3, current + 0.5))
        elif op == 9:  # share one node in two places (YAML aliases on output)
            other_parent, other_key = rng.choice(tree.slots)
            if other_parent is not parent or other_key != key:
                parent[key] = other_parent[other_key]  # type: ignore[index]
        else:  # empty or wrap a container
            if isinstance(current, list):
                parent[key] = [] if rng.random() < 0.5 else [current]  # type: ignore[index]
            elif isinstance(current, dict):
                parent[key] = {} if rng.random() < 0.5 else [current]  # type: ignore[index]
            else:
                parent[key] = [current]  # type: ignore[index]
    return root


def dump_yaml(data: object, rng: random.Random) -> bytes:
    """Plain data as YAML text in a random style (C emitter: fast)."""
    try:
        text = yaml.dump(data, Dumper=yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper,
                         sort_keys=rng.random() < 0.2, allow_unicode=rng.random() < 0.7,
                         default_flow_style=rng.choice((False, False, None, True)),
                         width=rng.choice((80, 4096)), indent=rng.choice((2, 2, 4)))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return b""
    return text.encode("utf-8", "surrogatepass")



def generate_yaml(rng: random.Random, keys: list[str], depth: int = 0) -> str:
    """A random YAML document from a small grammar: anchors, aliases, tags, merges, flow and block."""
    anchors: list[str] = []

    def scalar() -> str:
        roll = rng.random()
        if roll < 0.3:
            return rng.choice(keys) if keys else "x"
        if roll < 0.5:
            return repr(rng.choice([0, 1, -1, 0.5, 1e308, 10**20]))
        if roll < 0.6 and anchors:
            return "*" + rng.choice(anchors)
        if roll < 0.7:
            return rng.choice(["!!str 1", "!!int '7'", "!!float x", "!!python/none ''", "!!binary aGk=",
                               "!!timestamp 1999-01-01", "!!bool maybe", "'quoted'", '"\\x41\\0"', "~",
                               "1999-04-02", "yes", ".nan", "-.inf", "|\n  text", "<script>"])
        return rng.choice(["a", "b", "id", "name", "x y", "é", "1999-13-01", "0o8", "0x", "-", ":", "?"])

    def node(level: int, indent: int) -> str:
        pad = " " * indent
        roll = rng.random()
        anchor = ""
        if rng.random() < 0.1:
            name = f"a{len(anchors)}"
            anchor = f"&{name} "
            anchors.append(name)
        if level > rng.choice((2, 4, 8, 60)) or roll < 0.35:
            return anchor + scalar()
        if roll < 0.5:
            items = ", ".join(node(level + 1, 0).replace("\n", " ") for _ in range(rng.randrange(4)))
            return anchor + rng.choice(("[", "{")) + items + rng.choice(("]", "}"))
        if roll < 0.75:
            lines = [f"\n{pad}- {node(level + 1, indent + 2)}" for _ in range(rng.randrange(1, 4))]
            return anchor.strip() + "".join(lines)
        lines = []
        for _ in range(rng.randrange(1, 5)):
            key = "<<" if anchors and rng.random() < 0.1 else scalar()
            lines.append(f"\n{pad}{key}: {node(level + 1, indent + 2)}")
        return anchor.strip() + "".join(lines)

    body = node(depth, 0).lstrip("\n")
    return ("---\n" if rng.random() < 0.1 else "") + body + "\n"


# --------------------------------------------------------------------------- the oracle

class Violation(Exception):
    """A property of the loaders that an input broke (a finding, like an unexpected exception)."""


@dataclass
class Finding:
    signature: str
    kind: str
    message: str
    trace: str
    data: bytes
    count: int = 1


def _signature(exc: BaseException) -> str:
    """Exception type plus the innermost project frame (groups findings by their cause)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/game/" in f.filename.replace("\\", "/")] or frames[-1:]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    if isinstance(exc, Violation):
        return f"Violation {str(exc).split(':')[0][:60]} @ {where}"
    return f"{type(exc).__name__} @ {where}"


@dataclass
class Stats:
    inputs: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)


class Runner:
    """Runs one target on inputs, keeps statistics and de-duplicated findings."""

    def __init__(self, target: Target, out_dir: Path | None = None, slow_seconds: float = 10.0,
                 echo: Callable[[str], None] | None = None):
        self.target = target
        self.out_dir = out_dir
        self.slow_seconds = slow_seconds
        self.findings: dict[str, Finding] = {}
        self.stats = Stats()
        self.echo = echo
        self.started = time.perf_counter()

    def one(self, data: bytes) -> None:
        self.stats.inputs += 1
        start = time.perf_counter()
        try:
            outcome = self.target.check(data)
        except (KeyboardInterrupt, MemoryError):
            raise
        except BaseException as exc:  # noqa: BLE001 - every other escape is a finding
            outcome = "finding"
            self._record(_signature(exc), type(exc).__name__, f"{type(exc).__name__}: {exc}"[:500],
                         "".join(traceback.format_exception(exc))[-6000:], data)
        took = time.perf_counter() - start
        self.stats.seconds += took
        self.stats.slowest = max(self.stats.slowest, took)
        self.stats.outcomes[outcome] = self.stats.outcomes.get(outcome, 0) + 1
        if took > self.slow_seconds:
            self._record(f"slow input ({self.target.name})", "slow", f"one input took {took:.1f} s", "", data)

    def _record(self, signature: str, kind: str, message: str, trace: str, data: bytes) -> None:
        found = self.findings.get(signature)
        if found is None:
            self.findings[signature] = found = Finding(signature, kind, message, trace, data, 0)
            if self.echo:
                self.echo(f"NEW FINDING {signature}: {message[:200]}")
        found.count += 1
        if len(data) < len(found.data) or found.count == 1:
            found.data, found.message, found.trace = data, message, trace or found.trace
        if self.out_dir is not None:
            self.write(found)

    def write(self, found: Finding) -> Path:
        assert self.out_dir is not None
        self.out_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha1(found.signature.encode()).hexdigest()[:10]
        path = self.out_dir / f"{self.target.name}-{digest}.bin"
        path.write_bytes(found.data)
        path.with_suffix(".txt").write_text(f"{found.signature}\n{found.message}\n\n{found.trace}\n",
                                            encoding="utf-8")
        return path

    def summary(self) -> dict:
        wall = time.perf_counter() - self.started
        return {"target": self.target.name, "inputs": self.stats.inputs, "wall_seconds": round(wall, 1),
                "inputs_per_second": round(self.stats.inputs / wall, 1) if wall else 0.0,
                "slowest_input_seconds": round(self.stats.slowest, 3), "outcomes": dict(self.stats.outcomes),
                "findings": [{"signature": f.signature, "count": f.count, "message": f.message}
                             for f in self.findings.values()]}


# --------------------------------------------------------------------------- file-access watch

class _OpenWatch:
    """An audit hook recording files opened while a target runs (it cannot be removed, only paused)."""

    _installed: _OpenWatch | None = None

    def __init__(self) -> None:
        self.active = False
        self.opened: list[str] = []

    @classmethod
    def get(cls) -> _OpenWatch:
        if cls._installed is None:
            cls._installed = cls()
            sys.addaudithook(cls._installed._hook)
        return cls._installed

    def _hook(self, event: str, args: tuple) -> None:
        if self.active and event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            self.opened.append(os.fsdecode(args[0]))


# --------------------------------------------------------------------------- targets

class Target:
    name = ""

    def __init__(self, workdir: Path, seed: int = 0):
        self.workdir = workdir
        self.seed = seed

    def seeds(self) -> list[bytes]:
        raise NotImplementedError

    def mutate(self, rng: random.Random) -> bytes:
        raise NotImplementedError

    def mutate_from(self, data: bytes, rng: random.Random) -> bytes:
        raise NotImplementedError

    def check(self, data: bytes) -> str:
        raise NotImplementedError


def _field_names() -> list[str]:
    from pydantic import BaseModel

    from game.scenarios import schema

    names: set[str] = set()
    for obj in vars(schema).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            for name, info in obj.model_fields.items():
                names.add(info.alias or name)
    return sorted(names)


class ScenarioTarget(Target):
    """validate() on a file in a scratch folder that also holds a base scenario, a document,
    a subfolder and a symbolic link leading outside (for extends/source_document tricks)."""

    name = "scenario"

    def __init__(self, workdir: Path, seed: int = 0, play_moves: int = 30, ai_moves: int = 3):
        super().__init__(workdir, seed)
        from game.scenarios.registry import builtin_paths, data_dir

        self.play_moves = play_moves
        self.ai_moves = ai_moves
        self.folder = workdir / "scenario"
        outside = workdir / "outside"
        for folder in (self.folder / "sub", outside):
            folder.mkdir(parents=True, exist_ok=True)
        tutorial = builtin_paths()["tutorial"].read_bytes()
        for folder in (self.folder, outside):
            (folder / "base.yaml").write_bytes(tutorial)
            (folder / "doc.txt").write_text("A source document.\n", encoding="utf-8")
        try:
            link = self.folder / "link.yaml"
            if not link.exists():
                link.symlink_to(outside / "base.yaml")
        except OSError:
            pass
        self.path = self.folder / "fuzz.yaml"
        self.corpus = [p.read_bytes() for p in builtin_paths().values()] + [s.encode() for s in HOSTILE_SEEDS]
        self._parsed: dict[int, object] = {}
        self.keys = _field_names()
        scalars = sorted({str(v) for doc in self._docs() for v in _Tree(doc).scalars if isinstance(v, str)
                          and len(v) < 40})
        self.values = INTERESTING_VALUES + scalars[:400]
        self.watch = _OpenWatch.get()
        self.allowed = [os.path.realpath(p) for p in (
            self.folder, data_dir("scenarios"), data_dir("seeds"), data_dir("assets"), sys.prefix,
            sys.base_prefix, sys.exec_prefix, ROOT / "game")]

    def _docs(self) -> list[object]:
        return [self._doc(i) for i in range(len(self.corpus))]

    def _doc(self, index: int) -> object:
        if index not in self._parsed:
            try:
                self._parsed[index] = yaml.load(self.corpus[index], Loader=yaml.CSafeLoader)
            except Exception:  # noqa: BLE001 - hostile seeds (deep nesting) may not load
                self._parsed[index] = None
        return self._parsed[index]

    def seeds(self) -> list[bytes]:
        return list(self.corpus)

    def mutate(self, rng: random.Random) -> bytes:
        roll = rng.random()
        if roll < 0.1:
            return generate_yaml(rng, self.keys).encode("utf-8", "surrogatepass")
        index = rng.randrange(len(self.corpus))
        if roll < 0.55:
            doc = self._doc(index)
            if isinstance(doc, (dict, list)):
                try:
                    data = dump_yaml(mutate_tree(copy.deepcopy(doc), rng, self.values, self.keys), rng)
                except RecursionError:  # nesting thousands deep ("[" * 5000): PyYAML before 6.0.4
                    data = None  # loads it (libyaml 0.2.5 has no depth limit), deeper than deepcopy goes
                if data is not None:
                    return mutate_bytes(data, rng, self.corpus) if rng.random() < 0.15 else data
        return mutate_bytes(self.corpus[index], rng, self.corpus)

    def mutate_from(self, data: bytes, rng: random.Random) -> bytes:
        """Structure-aware mutation of any input (for atheris' custom mutator)."""
        if rng.random() < 0.5:
            try:
                doc = yaml.load(data, Loader=yaml.CSafeLoader)
            except Exception:  # noqa: BLE001 - PyYAML itself has bugs (IndexError on "!!float ''")
                doc = None
            if isinstance(doc, (dict, list)):
                try:
                    return dump_yaml(mutate_tree(doc, rng, self.values, self.keys), rng)
                except RecursionError:  # too deep to copy a node of (PyYAML before 6.0.4 loads any depth)
                    pass
        if rng.random() < 0.05:
            return generate_yaml(rng, self.keys).encode("utf-8", "surrogatepass")
        return mutate_bytes(data, rng, self.corpus)

    def check(self, data: bytes) -> str:
        from game.scenarios.loader import validate
        from game.scenarios.problems import Problem

        self.path.write_bytes(data)
        self.watch.opened.clear()
        self.watch.active = True
        try:
            scenario, problems = validate(self.path)
        finally:
            self.watch.active = False
        for opened in self.watch.opened:
            real = os.path.realpath(opened)
            if not any(real == root or real.startswith(root + os.sep) for root in self.allowed):
                raise Violation(f"read outside the allowed folders: {opened}")
        if not isinstance(problems, list) or not all(isinstance(p, Problem) for p in problems):
            raise Violation("validate() returned something other than a list of Problems")
        for p in problems:
            text = p.format()
            if not isinstance(text, str) or not text:
                raise Violation("a problem formats to nothing")
        errors = [p for p in problems if p.severity != "warning"]
        if scenario is None:
            if not errors:
                raise Violation("validate() refused the scenario without an error")
            return "refused"
        if errors:
            raise Violation("validate() accepted a scenario with errors")
        self._play(scenario, data)
        return "valid"

    def _play(self, scenario, data: bytes) -> None:
        """A scenario that validates must start and survive random legal play."""
        if self.play_moves <= 0:
            return
        from game.ai.player import RandomPlayer
        from game.session.match import Match

        rng = random.Random(hashlib.sha1(data).digest())
        match = Match(scenario, seed=rng.randrange(10**6), seats={a.id: "human" for a in scenario.actors})
        player = RandomPlayer()
        for _ in range(self.play_moves):
            if match.over:
                break
            actor = match.to_move
            view = match.game.view(match.state, actor)
            outcome = match.submit(player.choose(view, lambda a: match.game.check(match.state, a), rng))
            if outcome.rejected is not None:
                raise Violation(f"a legal random move was refused: {outcome.rejected}")
        for actor in match.game.model.actor_ids:
            match.game.view(match.state, actor)
        for _ in range(self.ai_moves):  # the AI must cope with any valid scenario too
            if match.over:
                break
            match.step_ai()
        if match.over:
            match.result()
        json.dumps(match.to_payload(), allow_nan=False)


HOSTILE_SEEDS = [
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
    "x: !!python/object/apply:os.system ['echo pwned']\n",
    "[" * 5000 + "]" * 5000,
    "extends: ../../../../../../etc/passwd\nid: x\n",
    "extends: link.yaml\nid: x\n",
    "extends: base.yaml\nid: v\ntitle: V\nsource_document: ../outside/doc.txt\n",
    "extends: base.yaml\nid: v\ntitle: V\nsource_document: doc.txt\n",
    "extends: cst-1999\nid: v\nversion: '1'\nsource_document: /etc/passwd\n",
    "a: &x [1, *x]\n",
    "base: &b {x: 1}\nd:\n  <<: [*b, *b]\n  y: 2\n",
]


class SaveTarget(Target):
    """load_match() on damaged or hand-edited save files (checksum recomputed or not)."""

    name = "save"

    def __init__(self, workdir: Path, seed: int = 0, ai_steps: int = 1, cache_scenarios: bool = True,
                 loader: str = "match"):
        super().__init__(workdir, seed)
        self.ai_steps = ai_steps
        if loader not in ("match", "facilitator"):
            raise ValueError("loader must be 'match' (saves.load_match) or 'facilitator' (facilitator.load)")
        self.loader = loader
        self.folder = workdir / "saves"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "fuzz.json"
        if cache_scenarios:
            _cache_scenario_loads()
        self.corpus = self._make_corpus()
        self.envelopes = [json.loads(b) for b in self.corpus]
        self.values = list(SAVE_VALUES)
        for env in self.envelopes:
            payload = env["payload"]
            self.values += list(payload["seats"]) + [a for a in payload["actions"][:20]]
        self.keys = ["facilitator", "injects", "at", "headline", "effects", "field", "delta", "minutes", "forks",
                     "kind", "scenario", "id", "version", "hash", "ref", "seed", "options", "events", "seats",
                     "difficulty", "actions", "progress", "actor", "levels", "draft", "issue", "level", "target",
                     "offer", "condition", "accept", "direction", "sign", "title", "format", "format_version",
                     "sha256", "payload"]

    def _make_corpus(self) -> list[bytes]:
        from game.scenarios.loader import load_scenario
        from game.scenarios.registry import builtin_paths
        from game.session.match import Match
        from game.session.store import write_save

        rng = random.Random(self.seed)
        out: list[bytes] = []
        for n, sid in enumerate(sorted(builtin_paths())):
            scenario = load_scenario(sid)
            seats = {a.id: rng.choice(("ai", "random", "passive")) for a in scenario.actors}
            match = Match(scenario, seed=1000 + n, seats=seats, scenario_ref=sid)
            match.run_ai()
            payload = match.to_payload()
            total = len(payload["actions"])
            for cut in sorted({0, 1, total // 4, total // 2, total}):
                part = Match.from_payload(payload, scenario, upto=cut)
                data = part.to_payload() if self.loader == "match" else self._facilitated(part, rng)
                path = self.folder / f"seed-{sid}-{cut}.json"
                write_save(path, data)
                out.append(path.read_bytes())
        return out

    @staticmethod
    def _facilitated(match, rng: random.Random) -> dict:
        """The payload of a facilitated match with a few injects (news with effects, a scenario event)."""
        from game.session import facilitator as F

        F.facilitate(match)
        if match.over:
            return F.payload(match)
        actor = rng.choice(match.scenario.actors).id
        F.apply_inject(match, F.news_inject("Breaking news", "text", [
            {"actor": actor, "field": "outside_option", "delta": 0.1}]))
        if match.scenario.events:
            F.apply_inject(match, F.event_inject(rng.choice(match.scenario.events).id))
        return F.payload(match)

    def seeds(self) -> list[bytes]:
        return list(self.corpus)

    def _edit(self, env: dict, rng: random.Random) -> bytes:
        from game.session.store import payload_checksum

        roll = rng.random()
        if roll < 0.75 and isinstance(env.get("payload"), dict):
            payload = env["payload"]
            actions = payload.get("actions")
            if isinstance(actions, list) and actions and rng.random() < 0.35:
                op = rng.randrange(4)
                i = rng.randrange(len(actions))
                if op == 0:
                    del actions[i:]
                elif op == 1:
                    actions.insert(i, copy.deepcopy(rng.choice(actions)))
                elif op == 2:
                    j = rng.randrange(len(actions))
                    actions[i], actions[j] = actions[j], actions[i]
                else:
                    env["payload"] = payload = mutate_tree(payload, rng, self.values, self.keys)
            else:
                env["payload"] = payload = mutate_tree(payload, rng, self.values, self.keys)
            if rng.random() < 0.9:
                try:
                    env["sha256"] = payload_checksum(payload)
                except (ValueError, TypeError, RecursionError):
                    pass
        elif roll < 0.9:
            env = mutate_tree(env, rng, self.values, self.keys)  # the envelope itself
        try:
            text = json.dumps(env, indent=rng.choice((None, 1)), ensure_ascii=rng.random() < 0.3)
        except (ValueError, TypeError, RecursionError):
            text = json.dumps({"format": "treaty-table-save"})
        data = text.encode("utf-8", "surrogatepass")
        if rng.random() < 0.25:
            data = mutate_bytes(data, rng, self.corpus, _JSON_TOKENS, MAX_SAVE_BYTES)
        return data

    def mutate(self, rng: random.Random) -> bytes:
        index = rng.randrange(len(self.corpus))
        if rng.random() < 0.2:
            return mutate_bytes(self.corpus[index], rng, self.corpus, _JSON_TOKENS, MAX_SAVE_BYTES)
        return self._edit(copy.deepcopy(self.envelopes[index]), rng)

    def mutate_from(self, data: bytes, rng: random.Random) -> bytes:
        try:
            env = json.loads(data)
        except (ValueError, RecursionError):
            env = None
        if isinstance(env, dict) and rng.random() < 0.7:
            return self._edit(env, rng)
        return mutate_bytes(data, rng, self.corpus, _JSON_TOKENS, MAX_SAVE_BYTES)

    def check(self, data: bytes) -> str:
        from game.session.saves import load_match
        from game.session.store import SaveFileError

        self.path.write_bytes(data)
        try:
            if self.loader == "facilitator":
                from game.session import facilitator

                match = facilitator.load(self.path)
            else:
                match = load_match(self.path)
        except SaveFileError as exc:
            message = str(exc)
            if not message or "\n" in message or "Traceback" in message or len(message) > 600:
                raise Violation(f"unclear SaveFileError message: {message[:200]!r}") from exc
            return type(exc).__name__
        json.dumps(match.to_payload(), allow_nan=False)
        for actor in match.game.model.actor_ids:
            match.game.view(match.state, actor)
        if match.over:
            match.result()
            return "loaded-over"
        for _ in range(self.ai_steps):
            if match.over:
                break
            match.step_ai()
        return "loaded"


_JSON_TOKENS = [b"{", b"}", b"[", b"]", b",", b":", b'"', b"\\", b"\\u0000", b"\\ud800", b"null", b"true",
                b"false", b"NaN", b"Infinity", b"-Infinity", b"1e999", b"-0", b"1" * 40, b'"kind"',
                b'"actions"', b'"payload"', b'"sha256"', b'"format_version"', b"\x00", b"\xff", b"\xc3",
                b"\xef\xbb\xbf", b"\n"]


def _cache_scenario_loads() -> None:
    """Memoise the scenario lookup inside load_match (the save code is the target, not YAML parsing).

    The scenario files do not change during a run, so this changes speed only.
    """
    from game.scenarios.problems import ScenarioError
    from game.session import saves

    if getattr(saves.load_scenario, "_fuzz_cached", False):
        return
    real = saves.load_scenario
    cache: dict[str, object] = {}

    def cached(ref):  # type: ignore[no-untyped-def]
        key = ref if isinstance(ref, str) else None
        if key is None:
            return real(ref)
        if key not in cache:
            try:
                cache[key] = real(ref)
            except ScenarioError as exc:
                cache[key] = exc
        found = cache[key]
        if isinstance(found, ScenarioError):
            raise found
        return found

    cached._fuzz_cached = True  # type: ignore[attr-defined]
    saves.load_scenario = cached


def make_target(name: str, workdir: Path, seed: int = 0, **options: object) -> Target:
    if name == "scenario":
        return ScenarioTarget(workdir, seed, **options)  # type: ignore[arg-type]
    if name == "save":
        return SaveTarget(workdir, seed, **options)  # type: ignore[arg-type]
    raise ValueError(f"unknown target {name!r}; choose from {', '.join(TARGETS)}")


# --------------------------------------------------------------------------- engines

def run_random(runner: Runner, inputs: int, seed: int, progress: Callable[[], None] | None = None) -> None:
    """The structure-aware mutators alone, deterministic for a given seed."""
    for i in range(inputs):
        rng = random.Random(f"{seed}:{i}")
        runner.one(runner.target.mutate(rng))
        if progress:
            progress()


def scenario_documents(keys: list[str]):  # -> SearchStrategy[bytes]
    """A Hypothesis strategy for scenario-shaped YAML (real keys, any values, random style)."""
    from hypothesis import strategies as st

    text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
    scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | text
               | st.sampled_from(keys) | st.dates())
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.sampled_from(keys) | text, inner, max_size=5), max_leaves=40)
    documents = st.dictionaries(st.sampled_from(keys), values, max_size=12)

    def dump(doc: dict, flow: bool | None, unicode: bool) -> bytes:
        try:
            return yaml.dump(doc, Dumper=yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper,
                             default_flow_style=flow, allow_unicode=unicode).encode("utf-8", "surrogatepass")
        except (yaml.YAMLError, ValueError):
            return b""

    return st.builds(dump, documents, st.sampled_from([False, None, True]), st.booleans())


def run_hypothesis(runner: Runner, inputs: int, seed: int, progress: Callable[[], None] | None = None) -> None:
    """Hypothesis drives the inputs: its own scenario-shaped YAML, and seeds for the mutators."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as hyp_seed
    from hypothesis import strategies as st

    target = runner.target
    generated = scenario_documents(target.keys) if isinstance(target, ScenarioTarget) else st.nothing()
    mutated = st.randoms(use_true_random=True).map(target.mutate)
    strategy = st.one_of(mutated, mutated, mutated, generated) if isinstance(target, ScenarioTarget) \
        else mutated

    @hyp_seed(seed)
    @settings(max_examples=inputs, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=False, verbosity=Verbosity.quiet)
    @given(strategy)
    def fuzz(data: bytes) -> None:
        runner.one(data)
        if progress:
            progress()

    fuzz()


def run_atheris(runner: Runner, inputs: int, seed: int, corpus_dir: Path,
                extra_args: list[str] | None = None) -> None:
    """Coverage-guided: libFuzzer mutations mixed with the structure-aware ones. Does not return."""
    import atheris

    target = runner.target
    corpus_dir.mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(target.seeds()):
        (corpus_dir / f"seed-{n:03d}").write_bytes(data)
    dictionary = corpus_dir.parent / f"{target.name}.dict"
    tokens = YAML_TOKENS if target.name == "scenario" else _JSON_TOKENS
    dictionary.write_text("".join('"' + "".join(f"\\x{b:02x}" for b in t) + '"\n' for t in tokens),
                          encoding="ascii")

    share = 0.35 if target.name == "scenario" else 0.5  # valid scenarios need the YAML-aware mutator

    def custom_mutator(data: bytes, max_size: int, mut_seed: int) -> bytes:
        rng = random.Random(mut_seed)
        if rng.random() < share:
            return atheris.Mutate(data, max_size)
        try:
            return target.mutate_from(data, rng)[:max_size]
        except Exception:  # noqa: BLE001 - a mutator bug must not stop the run
            return atheris.Mutate(data, max_size)

    max_len = MAX_SCENARIO_BYTES if target.name == "scenario" else MAX_SAVE_BYTES
    argv = [sys.argv[0], f"-runs={inputs}", f"-seed={seed or 1}", f"-max_len={max_len}", "-timeout=120",
            "-rss_limit_mb=6000", "-print_final_stats=1", f"-dict={dictionary}", "-reload=0",
            *(extra_args or []), str(corpus_dir)]
    atheris.Setup(argv, runner.one, custom_mutator=custom_mutator)
    atheris.Fuzz()


def scratch_dir(prefix: str = "treaty-fuzz-") -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def remove_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
