"""Printing scenario texts on a console that cannot show every letter.

A scenario may be written in any script; the console the game prints on may not be
UTF-8: a Windows code page (cp1251, cp866), a KOI8-R terminal, ``PYTHONIOENCODING=ascii``,
or output redirected to a file on a machine whose default encoding is not UTF-8. Instead
of stopping with a UnicodeEncodeError, such a console gets a look-alike for typographic
punctuation (“ ” « » → ", — → -, … → ...) and '?' for a letter it cannot show; a line it
cannot decode from the keyboard gets U+FFFD for the bad bytes.
"""

from __future__ import annotations

import codecs
import sys

ERRORS = "treaty-table-lookalike"

_LOOKALIKE = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2018": "'", "\u2019": "'",
    "\u201a": "'", "\u2039": "'", "\u203a": "'", "\u2014": "-", "\u2013": "-", "\u2212": "-", "\u2026": "...",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2264": "<=", "\u2265": ">=", "\u2192": "->",
    "\u2190": "<-", "\u00d7": "x", "\u2022": "*", "\u00b7": ".",
}


def _lookalike(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start:exc.end]:
        sub = _LOOKALIKE.get(ch, "?")
        try:
            sub.encode(exc.encoding)
        except (UnicodeError, LookupError):
            sub = "?"
        out.append(sub)
    return "".join(out), exc.end


codecs.register_error(ERRORS, _lookalike)


def is_utf(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "").name.startswith("utf")
    except LookupError:
        return False


def make_streams_safe() -> None:
    """Make the standard streams print what they can instead of failing on a letter they cannot encode."""
    for stream in (sys.stdout, sys.stderr):
        if not is_utf(getattr(stream, "encoding", None)) and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # a closed or detached stream
                pass
    if not is_utf(getattr(sys.stdin, "encoding", None)) and hasattr(sys.stdin, "reconfigure"):
        try:
            sys.stdin.reconfigure(errors="replace")
        except (ValueError, OSError):
            pass


def unshown(texts, encoding: str | None) -> list[str]:
    """The characters of ``texts`` (apart from punctuation with a look-alike) that a console
    with ``encoding`` cannot show, each once."""
    if is_utf(encoding):
        return []
    out: list[str] = []
    for text in texts:
        for ch in str(text):
            if ch.isascii() or ch in _LOOKALIKE or ch in out:
                continue
            try:
                ch.encode(encoding or "ascii")
            except (UnicodeError, LookupError):
                out.append(ch)
    return out
