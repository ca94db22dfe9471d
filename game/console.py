"""Printing scenario texts on a console that cannot show every letter.

A scenario may be written in any script; the console the game prints on may not be
UTF-8: a Windows code page (cp1251, cp866), a KOI8-R terminal, ``PYTHONIOENCODING=ascii``,
or output redirected to a file on a machine whose default encoding is not UTF-8. Instead
of stopping with a UnicodeEncodeError, such a console gets a look-alike for typographic
punctuation (“ ” « » → ", — → -, … → ...) and '?' for a letter it cannot show; a line it
cannot decode from the keyboard gets U+FFFD for the bad bytes.

A terminal also gives letters different widths: a combining accent ("а́", a decomposed "Ğ")
takes no column of its own and a Chinese or Japanese character takes two. The plain-text
tables (the text mode, ``simulate``, ``balance``, ``replay``) therefore measure, pad, cut and
wrap text in terminal cells with :func:`cells`, :func:`ljust`, :func:`rjust`, :func:`cut`,
:func:`fill` and :func:`shorten`, never with ``len``; a cut never parts a letter from its marks.
"""

from __future__ import annotations

import codecs
import sys
import textwrap
import unicodedata
from functools import lru_cache

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
    # typed bytes the console's encoding cannot read (a stray byte in a paste, a Latin-1 file piped in,
    # even on a UTF-8 console: PYTHONIOENCODING=utf-8, which the text mode advises, reads strictly)
    # come as '\ufffd' and the command is refused, never a UnicodeDecodeError
    if getattr(sys.stdin, "errors", None) == "strict" and hasattr(sys.stdin, "reconfigure"):
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


# --------------------------------------------------------------------------- width in terminal cells

ZERO_WIDTH_CATEGORIES = ("Mn", "Me", "Cf", "Cc")  # marks, format characters (joiners, direction marks), controls


@lru_cache(maxsize=4096)
def char_cells(ch: str) -> int:
    """Terminal cells one character takes: 0 for a combining mark, a variation selector, a
    joiner or another format character; 2 for an East Asian wide or full-width one; else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ZERO_WIDTH_CATEGORIES \
            or "\u1160" <= ch <= "\u11ff":  # a Hangul vowel or final consonant joins the syllable before it
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# Emoji sequences a terminal draws as one picture two cells wide: a flag (two regional
# indicator letters), a picture with a skin tone, one with the emoji selector U+FE0F, a keycap,
# and pictures joined by zero-width joiners (a family).
_EMOJI_MARKS = ("\u200d", "\ufe0f", "\u20e3")
_FIRST_EMOJI_PART = "\U0001F1E6"  # the lowest regional indicator; skin tones lie above it too


def _regional(ch: str) -> bool:
    return "\U0001F1E6" <= ch <= "\U0001F1FF"


def _skin_tone(ch: str) -> bool:
    return "\U0001F3FB" <= ch <= "\U0001F3FF"


def _cluster_cells(piece: str) -> int:
    if len(piece) > 1:
        first = piece[0]
        if _regional(first) or (unicodedata.category(first) == "So" and (
                any(mark in piece for mark in _EMOJI_MARKS) or any(_skin_tone(ch) for ch in piece))) \
                or (piece.endswith("\u20e3")):
            return 2
    return sum(char_cells(ch) for ch in piece)


def cells(text: str) -> int:
    """Terminal cells ``text`` takes on one line (its display width); an emoji sequence (a flag,
    a skin tone, a family joined by zero-width joiners) counts as the one wide picture it is."""
    if text.isascii() and text.isprintable():
        return len(text)
    if max(text) < _FIRST_EMOJI_PART and not any(mark in text for mark in _EMOJI_MARKS):
        return sum(char_cells(ch) for ch in text)
    return sum(_cluster_cells(piece) for piece in clusters(text))


def clusters(text: str) -> list[str]:
    """``text`` as the pieces a cut may not split: a character with the marks, selectors and
    joiners after it (and the character a zero-width joiner joins to it), a flag's two
    regional indicators, a picture with its skin tone."""
    out: list[str] = []
    flag_open = False  # the last piece is a lone regional indicator
    for ch in text:
        if out and (char_cells(ch) == 0 or out[-1].endswith("\u200d") or _skin_tone(ch)
                    or (flag_open and _regional(ch))):
            out[-1] += ch
            flag_open = False
        else:
            out.append(ch)
            flag_open = _regional(ch)
    return out


def head(text: str, n: int) -> str:
    """The longest start of ``text`` that fits in ``n`` cells, whole letters with their marks."""
    if cells(text) <= n:
        return text
    out, used = [], 0
    for piece in clusters(text):
        used += cells(piece)
        if used > n:
            break
        out.append(piece)
    return "".join(out)


def cut(text: str, n: int, mark: str = "…") -> str:
    """``text`` if it fits in ``n`` cells, else its start and ``mark`` within ``n`` cells."""
    if cells(text) <= n:
        return text
    return head(text, max(n - cells(mark), 0)) + mark


def ljust(text: str, n: int) -> str:
    """``text`` padded with spaces on the right to ``n`` cells (``str.ljust`` for a terminal)."""
    return text + " " * max(n - cells(text), 0)


def rjust(text: str, n: int) -> str:
    """``text`` padded with spaces on the left to ``n`` cells."""
    return " " * max(n - cells(text), 0) + text


class TextWrapper(textwrap.TextWrapper):
    """``textwrap.TextWrapper`` measuring lines in terminal cells: the same lines for text of
    narrow letters; a wide letter counts two, a mark none, and a long word is broken only
    between whole letters. Unless told otherwise it never breaks a line at a hyphen ("cst-" |
    "1999", "Non-" | "alliance"): a hyphenated word or id moves to the next line whole, and
    only a word longer than the line is cut."""

    def __init__(self, width: int = 70, **kwargs) -> None:
        kwargs.setdefault("break_on_hyphens", False)
        super().__init__(width, **kwargs)

    def _wrap_chunks(self, chunks):  # the standard library's, with cells() for len()
        lines = []
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % self.width)
        if self.max_lines is not None:
            indent = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if cells(indent) + cells(self.placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")
        chunks.reverse()
        while chunks:
            cur_line: list[str] = []
            cur_len = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - cells(indent)
            if self.drop_whitespace and chunks[-1].strip() == "" and lines:
                del chunks[-1]
            while chunks:
                n = cells(chunks[-1])
                if cur_len + n <= width:
                    cur_line.append(chunks.pop())
                    cur_len += n
                else:
                    break
            if chunks and cells(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
                cur_len = sum(map(cells, cur_line))
            if self.drop_whitespace and cur_line and cur_line[-1].strip() == "":
                cur_len -= cells(cur_line[-1])
                del cur_line[-1]
            if cur_line:
                if (self.max_lines is None or len(lines) + 1 < self.max_lines
                        or (not chunks or self.drop_whitespace and len(chunks) == 1 and not chunks[0].strip())
                        and cur_len <= width):
                    lines.append(indent + "".join(cur_line))
                else:
                    while cur_line:
                        if cur_line[-1].strip() and cur_len + cells(self.placeholder) <= width:
                            cur_line.append(self.placeholder)
                            lines.append(indent + "".join(cur_line))
                            break
                        cur_len -= cells(cur_line[-1])
                        del cur_line[-1]
                    else:
                        if lines:
                            prev_line = lines[-1].rstrip()
                            if cells(prev_line) + cells(self.placeholder) <= self.width:
                                lines[-1] = prev_line + self.placeholder
                                break
                        lines.append(indent + self.placeholder.lstrip())
                    break
        return lines

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words:
            chunk = reversed_chunks[-1]
            end = len(head(chunk, space_left))
            if end == 0 and not cur_line:  # a wide letter on a line one cell wide: it goes whole
                end = len(clusters(chunk)[0])
            if self.break_on_hyphens and cells(chunk) > space_left:
                hyphen = chunk.rfind("-", 0, end)
                if hyphen > 0 and any(c != "-" for c in chunk[:hyphen]):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())


def wrap(text: str, width: int = 70, **kwargs) -> list[str]:
    """``textwrap.wrap`` in terminal cells."""
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text: str, width: int = 70, **kwargs) -> str:
    """``textwrap.fill`` in terminal cells."""
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text: str, width: int, **kwargs) -> str:
    """``textwrap.shorten`` in terminal cells: whole words that fit and the placeholder."""
    return TextWrapper(width=width, max_lines=1, **kwargs).fill(" ".join(text.strip().split()))
