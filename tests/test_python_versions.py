"""The code must run on every Python that pyproject.toml's ``requires-python`` allows, though CI
runs only one (3.11). These checks catch on that one Python what would break on the others:
syntax and standard-library names newer than the oldest Python, modules removed in later ones.
The full check is `.ci/python-matrix.sh` (every installed Python, the whole suite): README.md,
"Python versions"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
OLDEST = tuple(int(n) for n in re.search(r'^requires-python = ">=(\d+)\.(\d+)"', PYPROJECT, re.M).groups())
SOURCES = sorted(p for folder in ("game", "tests", "bench", "docs", "assets", ".ci")
                 for p in (ROOT / folder).rglob("*.py"))

# Standard-library names added after the oldest Python (3.10): each one runs on 3.11 and fails
# on 3.10 with an ImportError or AttributeError. The ones that code like this is likely to use.
NEWER = {
    (3, 11): {"tomllib": None, "wsgiref.types": None,
              "datetime": {"UTC"}, "contextlib": {"chdir"}, "hashlib": {"file_digest"},
              "operator": {"call"}, "sys": {"exception"}, "math": {"cbrt", "exp2"}, "re": {"NOFLAG"},
              "locale": {"getencoding"}, "logging": {"getLevelNamesMapping"},
              "inspect": {"getmembers_static"},
              "typing": {"Self", "LiteralString", "Never", "assert_never", "assert_type", "reveal_type",
                         "Required", "NotRequired", "TypeVarTuple", "Unpack", "dataclass_transform",
                         "get_overloads", "clear_overloads"},
              "enum": {"StrEnum", "ReprEnum", "EnumCheck", "FlagBoundary", "verify", "member", "nonmember",
                       "global_enum", "show_flag_values"},
              "asyncio": {"TaskGroup", "timeout", "timeout_at", "Runner", "Barrier"},
              "builtins": {"ExceptionGroup", "BaseExceptionGroup"}},
    (3, 12): {"typing": {"override", "TypeAliasType"}, "itertools": {"batched"}, "math": {"sumprod"},
              "os.path": {"splitroot"}, "random": {"binomialvariate"}, "calendar": {"Month", "Day"},
              "inspect": {"markcoroutinefunction"}},
    (3, 13): {"warnings": {"deprecated"}, "typing": {"ReadOnly", "TypeIs", "NoDefault"},
              "copy": {"replace"}, "math": {"fma"}, "os": {"process_cpu_count"}},
}
NEWER_METHODS = {"add_note": (3, 11)}  # BaseException.add_note: the receiver is not known statically
# Removed from the standard library in 3.12 and 3.13 (PEP 594, PEP 632): fine on 3.11, gone later.
REMOVED = {"distutils", "imp", "asynchat", "asyncore", "smtpd", "aifc", "audioop", "cgi", "cgitb", "chunk",
           "crypt", "imghdr", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr",
           "spwd", "sunau", "telnetlib", "uu", "xdrlib", "lib2to3"}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _too_new(module: str, name: str | None) -> tuple[int, int] | None:
    for version, table in NEWER.items():
        if version > OLDEST and module in table and (table[module] is None or name in table[module]):
            return version
    return None


def _problems(tree: ast.AST) -> list[str]:
    """What in ``tree`` needs a Python newer than OLDEST, or one older than 3.12."""
    found = []
    aliases = {}  # local name -> module, from `import x` / `import x.y as z`
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                aliases[a.asname or a.name.partition(".")[0]] = a.name if a.asname else a.name.partition(".")[0]
                if _too_new(a.name, None) or a.name.partition(".")[0] in REMOVED:
                    found.append(f"line {node.lineno}: import {a.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.partition(".")[0] in REMOVED or _too_new(node.module, None):
                found.append(f"line {node.lineno}: from {node.module} import ...")
            found += [f"line {node.lineno}: from {node.module} import {a.name} (Python {'.'.join(map(str, v))})"
                      for a in node.names if (v := _too_new(node.module, a.name))]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = node.value
            chain = [node.attr]
            while isinstance(base, ast.Attribute):
                chain.append(base.attr)
                base = base.value
            if isinstance(base, ast.Name) and base.id in aliases:
                parts = [aliases[base.id], *reversed(chain)]
                for cut in range(1, len(parts)):  # os.path.splitroot: module "os.path", name "splitroot"
                    v = _too_new(".".join(parts[:cut]), parts[cut])
                    if v:
                        found.append(f"line {node.lineno}: {'.'.join(parts[:cut + 1])} "
                                     f"(Python {'.'.join(map(str, v))})")
            if node.attr in NEWER_METHODS and NEWER_METHODS[node.attr] > OLDEST:
                found.append(f"line {node.lineno}: .{node.attr}() (Python 3.11)")
        elif isinstance(node, ast.Name) and (v := _too_new("builtins", node.id)):
            found.append(f"line {node.lineno}: {node.id} (Python {'.'.join(map(str, v))})")
    return found


def test_the_oldest_python_is_the_one_the_tools_assume() -> None:
    """requires-python, ruff's target-version and the README's "Python 3.10 or newer" agree."""
    assert OLDEST >= (3, 10)
    assert re.search(rf'^target-version = "py{OLDEST[0]}{OLDEST[1]}"', PYPROJECT, re.M), "ruff target-version"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {OLDEST[0]}.{OLDEST[1]} or newer" in readme


def test_there_are_sources_to_check() -> None:
    assert len(SOURCES) > 150 and ROOT / "game" / "cli.py" in SOURCES


def test_no_syntax_newer_than_the_oldest_python() -> None:
    """``feature_version`` makes the parser refuse, e.g., ``except*`` (3.11) and, on 3.12 or
    newer, ``type X = ...`` and ``class C[T]``. It does not see every newer form (3.12's
    f-strings that reuse their quotes, ``a[*b]``): the matrix run on the oldest Python does."""
    refused = []
    for path in SOURCES:
        try:
            ast.parse(path.read_text(encoding="utf-8"), filename=str(path), feature_version=OLDEST)
        except SyntaxError as exc:
            refused.append(f"{_rel(path)}:{exc.lineno}: {exc.msg}")
    assert not refused, refused


def test_no_standard_library_name_newer_than_the_oldest_python_or_removed_since() -> None:
    found = {_rel(path): problems for path in SOURCES
             if (problems := _problems(ast.parse(path.read_text(encoding="utf-8"))))}
    assert not found, f"needs another Python than requires-python allows: {found}"


def test_the_checker_finds_what_it_looks_for() -> None:
    src = ("import tomllib\nimport datetime as dt\nfrom typing import Self, Any\nimport os\nimport imp\n"
           "x = dt.UTC\ny = os.path.splitroot('a')\ntry:\n    pass\nexcept ValueError as e:\n"
           "    e.add_note('n')\nraise ExceptionGroup('g', [])\n")
    found = " ".join(_problems(ast.parse(src)))
    for needle in ("import tomllib", "import Self", "import imp", "datetime.UTC", "os.path.splitroot",
                   ".add_note", "ExceptionGroup"):
        assert needle in found, needle
    assert "Any" not in found
    assert not _problems(ast.parse("import datetime\nx = datetime.timezone.utc\nfrom typing import Any\n"))


def test_a_list_of_models_is_not_taken_for_a_model() -> None:
    """On Python 3.10 ``isinstance(list[Round], type)`` is true, and with pydantic 2.5 (then the oldest
    that pyproject.toml allowed; 2.11 now) ``issubclass(list[Round], BaseModel)`` then raised TypeError:
    a scenario mistake inside a list (``rounds[1]``) gave a traceback instead of its message. Fails
    without the fix only there; the save checker had the same test."""
    from game.scenarios.errors import _is_model, _resolve
    from game.scenarios.schema import Round, Scenario
    from game.session.saves import _annotation

    assert _is_model(Round) and not _is_model(list[Round]) and not _is_model(dict[str, Round])
    assert _resolve(Scenario, ("rounds", 1, "day two")).owner is Round
    assert _annotation(tuple[int, ...]) == "tuple[int, ...]" and _annotation(int) == "int"
