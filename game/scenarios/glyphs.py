"""Which characters the window's shipped fonts can draw (pure Python: no pygame).

The window draws text with Noto Sans (Latin, Greek, Cyrillic) and falls back, letter by
letter, to Noto Sans Georgian and Noto Sans Armenian (``FALLBACK_FONTS``); all are in
``assets/fonts``. Other scripts (Arabic, Hebrew, Chinese, ...) would come out as empty
boxes there, so ``validate`` warns about them (:func:`window_cannot_draw`); the text mode
and the HTML reports use the terminal's and the browser's fonts and show them.
"""

from __future__ import annotations

import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

from game.scenarios.registry import data_dir

PRIMARY_FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")

# (file name of the regular and the bold face, the code point ranges drawn with it)
FALLBACK_FONTS: tuple[tuple[str, str, tuple[tuple[int, int], ...]], ...] = (
    ("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf",
     ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F))),
    ("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf",
     ((0x0530, 0x058F), (0xFB13, 0xFB17))),
)

# never drawn as a glyph, so never reported: joiners, direction marks, variation selectors
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff") | frozenset(map(chr, range(0xFE00, 0xFE10)))


def fallback_index(ch: str) -> int:
    """Index in FALLBACK_FONTS of the font that draws ``ch``, or -1 for the main font."""
    cp = ord(ch)
    for n, (_, _, ranges) in enumerate(FALLBACK_FONTS):
        for lo, hi in ranges:
            if lo <= cp <= hi:
                return n
    return -1


def font_path(name: str) -> Path:
    return data_dir("assets") / "fonts" / name


def cmap_codepoints(path: str | Path) -> frozenset[int]:
    """The code points a TrueType/OpenType font maps to glyphs (its 'cmap' table, format 4 or 12)."""
    data = Path(path).read_bytes()
    num_tables = struct.unpack_from(">H", data, 4)[0]
    cmap = None
    for n in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * n)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        return frozenset()
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    subtables = {}
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * n)
        subtables[(platform, encoding)] = cmap + offset
    out: set[int] = set()
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        start = subtables.get(key)
        if start is None:
            continue
        fmt = struct.unpack_from(">H", data, start)[0]
        if fmt == 12:
            groups = struct.unpack_from(">I", data, start + 12)[0]
            for g in range(groups):
                first, last, _ = struct.unpack_from(">III", data, start + 16 + 12 * g)
                out.update(range(first, last + 1))
            return frozenset(out)
        if fmt == 4:
            segs = struct.unpack_from(">H", data, start + 6)[0] // 2
            ends = struct.unpack_from(f">{segs}H", data, start + 14)
            starts = struct.unpack_from(f">{segs}H", data, start + 16 + 2 * segs)
            deltas = struct.unpack_from(f">{segs}h", data, start + 16 + 4 * segs)
            ro_at = start + 16 + 6 * segs
            offsets = struct.unpack_from(f">{segs}H", data, ro_at)
            for s in range(segs):
                for cp in range(starts[s], ends[s] + 1):
                    if cp == 0xFFFF:
                        continue
                    if offsets[s] == 0:
                        glyph = (cp + deltas[s]) & 0xFFFF
                    else:
                        at = ro_at + 2 * s + offsets[s] + 2 * (cp - starts[s])
                        glyph = struct.unpack_from(">H", data, at)[0]
                        glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
                    if glyph:
                        out.add(cp)
            return frozenset(out)
    return frozenset(out)


@lru_cache(maxsize=1)
def window_codepoints() -> frozenset[int]:
    """Every code point the window can draw: the main font's, and each fallback font's own ranges."""
    cps: set[int] = set()
    try:
        cps |= cmap_codepoints(font_path(PRIMARY_FONTS[0]))
        for regular, _, ranges in FALLBACK_FONTS:
            have = cmap_codepoints(font_path(regular))
            cps |= {cp for lo, hi in ranges for cp in range(lo, hi + 1) if cp in have}
    except (OSError, struct.error):
        return frozenset()  # fonts missing or unreadable: nothing to say about them
    return frozenset(cps)


def script_of(ch: str) -> str:
    """A reader's name for the writing system of ``ch`` ('Arabic', 'Hebrew', 'CJK', ...)."""
    name = unicodedata.name(ch, "")
    if not name or not unicodedata.category(ch).startswith(("L", "M", "N")):
        return "symbol"
    words = name.split()
    word = words[1] if words[0] in ("EXTENDED", "FULLWIDTH", "HALFWIDTH") and len(words) > 1 else words[0]
    if word == "COMBINING":
        return "accent"
    return word.split("-")[0].title().replace("Cjk", "CJK")


def window_cannot_draw(text: str) -> list[str]:
    """The characters of ``text`` the window's fonts lack (each once, in order)."""
    cps = window_codepoints()
    if not cps:
        return []
    out: list[str] = []
    for ch in text:
        if ch in _INVISIBLE or ord(ch) in cps or ch in out or unicodedata.category(ch) in ("Cc", "Zs", "Zl", "Zp"):
            continue
        out.append(ch)
    return out
