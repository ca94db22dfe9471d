"""Problems found in a scenario file, reported as ``file:line:col: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in a scenario file.

    ``path`` is the location inside the document as a tuple of keys and list
    indexes (``("actors", 3, "capability")``); the loader turns it into a line
    and column. ``severity`` is ``"error"`` or ``"warning"`` (warnings do not fail).
    ``at_key`` says the mistake is the mapping key ending ``path`` (an unknown id
    used as a key), so the loader points at the key rather than at its value.
    """

    message: str
    path: tuple = ()
    hint: str = ""
    severity: str = "error"
    file: str = ""
    line: int = 0
    column: int = 0
    at_key: bool = False

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else (self.file or "<scenario>")
        tag = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {tag}{self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class ScenarioError(Exception):
    """A scenario could not be loaded; ``problems`` holds every error found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
