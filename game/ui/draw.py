"""Drawing helpers: cached text, wrapping, panels, badges and small shapes.

The shipped font has no check marks or arrows, so marks are drawn as shapes.
Every shape that carries meaning also has a text label next to it somewhere
(colour-blind safety: colour is never the only signal).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import OrderedDict

import pygame

from game.ui.theme import hex_colour, ink_on

_TEXT_CACHE: OrderedDict = OrderedDict()
_TEXT_CACHE_MAX = 3000
_TEXT_CACHE_BYTES = 32 * 2**20  # pixels kept: a long line of large text is 100 KB, a label a few KB
_text_cache_bytes = 0
_WRAP_CACHE: OrderedDict = OrderedDict()
RECORDER: set | None = None  # tests: every string drawn this frame (privacy checks)
RECTS: list | None = None  # tests: (string, rect) of every text() and stamp() drawn this frame (layout checks)


def _bytes(surf: pygame.Surface) -> int:
    return surf.get_pitch() * surf.get_height()


def render(font: pygame.font.Font, text: str, colour) -> pygame.Surface:
    if RECORDER is not None:
        RECORDER.add(text)
    key = (font, text, tuple(pygame.Color(colour)))  # the font itself: an id could be reused by a new font
    surf = _TEXT_CACHE.get(key)
    if surf is None:
        global _text_cache_bytes
        surf = font.render(text, True, colour)
        _TEXT_CACHE[key] = surf
        _text_cache_bytes += _bytes(surf)
        while len(_TEXT_CACHE) > 1 and (len(_TEXT_CACHE) > _TEXT_CACHE_MAX
                                        or _text_cache_bytes > _TEXT_CACHE_BYTES):
            _text_cache_bytes -= _bytes(_TEXT_CACHE.popitem(last=False)[1])  # the least recently drawn
    else:
        _TEXT_CACHE.move_to_end(key)
    return surf


def text(surface: pygame.Surface, font: pygame.font.Font, s: str, pos, colour, anchor: str = "topleft",
         max_width: int | None = None) -> pygame.Rect:
    if max_width is not None:
        s = ellipsize(font, s, max_width)
    surf = render(font, s, colour)
    rect = surf.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
    surface.blit(surf, rect)
    if RECTS is not None and s:
        RECTS.append((s, rect))
    return rect


_ELLIPSIZE_CACHE: dict = {}


def ellipsize(font: pygame.font.Font, s: str, width: int) -> str:
    """``s``, or its longest head that fits ``width`` with "..." after it (cached: the same
    labels are cut to the same widths every frame)."""
    if width <= 0:
        return ""
    key = (font, s, width)  # the font itself: an id could be reused by a new font
    cut = _ELLIPSIZE_CACHE.get(key)
    if cut is None:
        cut = _ellipsize(font, s, width)
        if len(_ELLIPSIZE_CACHE) > 4000:
            _ELLIPSIZE_CACHE.clear()
        _ELLIPSIZE_CACHE[key] = cut
    return cut


def _joins_previous(s: str, i: int) -> bool:
    """True when ``s[i]`` belongs to the character before it: a combining mark (the stress mark
    of "о́", the breve of a decomposed "й"), a variation selector, or either side of a zero-width
    joiner. A text is never cut there."""
    ch = s[i]
    return (unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch == "\u200d" or s[i - 1] == "\u200d"
            or "\ufe00" <= ch <= "\ufe0f")


def boundary(s: str, i: int) -> int:
    """``i`` moved back (or, at the start, forward) to where cutting ``s`` splits no letter
    from its combining marks."""
    j = i
    while 0 < j < len(s) and _joins_previous(s, j):
        j -= 1
    if j == 0 and i > 0:  # the whole head is one letter with its marks: keep all of it
        j = i
        while j < len(s) and _joins_previous(s, j):
            j += 1
    return j


def _ellipsize(font: pygame.font.Font, s: str, width: int) -> str:
    if font.size(s)[0] <= width:
        return s
    lo, hi = 0, len(s)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(s[:mid].rstrip() + "...")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    cut = boundary(s, lo)
    if cut > lo:  # one letter with its marks does not fit: show none of it
        cut = 0
    return s[:cut].rstrip() + "..."


def _longest_fit(font: pygame.font.Font, w: str, width: int, tail: str = "") -> int:
    """The length (at least 1) of the longest start of ``w`` that fits ``width`` with ``tail`` after it.
    Found by doubling, then halving, so that only starts of about a line are measured: tried letter by
    letter from the end of the word, or measuring what is left of it for every line, a long word (a
    pasted path, 76,000 letters in the seed field) took the window seconds to minutes."""
    def fits(k: int) -> bool:
        return font.size(w[:k] + tail)[0] <= width

    n = len(w)
    lo, hi = 1, 2  # lo: fits (or 1), hi: the next length to try
    while hi <= n and fits(hi):
        lo, hi = hi, hi * 2
    hi = min(hi, n + 1)  # a length that does not fit (n + 1: all of it does)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


def _break_after(w: str, fit: int) -> int:
    """Where to break a word too long for the line whose first ``fit`` letters fit: after its last
    "/" or "\\" among them (a path's folder), else after its last "-" or "_", if that keeps at least
    half the line; else 0 (hyphenate). A path broken at a "-" of its own with another "-" added read
    "crash-20261201--" / "142830.log", a file name that does not exist."""
    for marks in ("/\\", "-_"):
        for i in range(fit, max(fit // 2, 2), -1):
            if w[i - 1] in marks and boundary(w, i) == i:
                return i
    return 0


def wrap(font: pygame.font.Font, s: str, width: int) -> list[str]:
    """Greedy word wrap (paragraphs kept); a word longer than the line is hyphenated."""
    key = (font, s, width)
    cached = _WRAP_CACHE.get(key)
    if cached is not None:
        return cached
    lines: list[str] = []
    for para in s.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        line = ""
        for w in words:
            cand = w if not line else line + " " + w
            if font.size(cand)[0] <= width:
                line = cand
                continue
            if line:
                lines.append(line)
            while len(w) > 1 and (fit := _longest_fit(font, w, width)) < len(w):  # a word too long for the line:
                cut = _break_after(w, fit)  # after a "/" or "-" of a path or compound, nothing added
                if cut:
                    lines.append(w[:cut])
                    w = w[cut:]
                    continue
                cut = boundary(w, _longest_fit(font, w, width, "-"))  # else hyphenate
                if cut >= 3:
                    lines.append(w[:cut] + "-")
                else:
                    while cut > 1 and font.size(w[:cut])[0] > width:
                        cut -= 1
                    cut = boundary(w, cut)
                    lines.append(w[:cut])
                if cut >= len(w):  # one letter with its marks wider than the line: it stands alone
                    w = ""
                    break
                w = w[cut:]
            line = w
        lines.append(line)
    _WRAP_CACHE[key] = lines
    if len(_WRAP_CACHE) > 2000:
        _WRAP_CACHE.popitem(last=False)
    return lines


# vowels of the scripts the window draws (Latin by its base letter, Cyrillic, Greek, Georgian,
# Armenian): an abbreviation ends on a consonant before one of them ("contr.", "обяз.")
_VOWELS = set("aeiouаеёиоуыэюяіїєαεηιουωაეიოუաեէըիոօ")
_NOT_CONSONANTS = set("ьъ")


def _base(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0].lower()


def _vowel(ch: str) -> bool:
    return _base(ch) in _VOWELS


def _consonant(ch: str) -> bool:
    return ch.isalpha() and not _vowel(ch) and ch.lower() not in _NOT_CONSONANTS


def abbreviate(font: pygame.font.Font, word: str, width: int) -> str:
    """``word`` if it fits ``width`` (without its trailing comma if that is what does not fit);
    else its longest start that fits with a full stop and ends as an abbreviation does, on a
    consonant before a vowel or before another consonant ("controls" -> "contr.", "Assessment" ->
    "Assess.", "обязательств" -> "обяз."), at least four letters of a long word; where no such
    start fits, its longest start that does, with "…"."""
    if font.size(word)[0] <= width:
        return word
    bare = word.rstrip(",;:")
    if bare and font.size(bare)[0] <= width:
        return bare
    letters = [ch.lower() for ch in bare]
    shortest = 4 if len(bare) >= 8 else 3
    for i in range(len(bare) - 2, shortest - 1, -1):  # (never one letter left out: "majorit.")
        if _joins_previous(bare, i) or not bare[i].isalpha() or letters[i] == letters[i - 1]:
            continue
        last = boundary(bare, i - 1) if _joins_previous(bare, i - 1) else i - 1  # the letter before, past its marks
        if not _consonant(bare[last]):
            continue
        if _vowel(bare[i]) and last > 0 and letters[last] == letters[last - 1] and len(bare) - i < 3:
            continue  # not "controll.", but "supp." and "Assess."
        if font.size(bare[:i] + ".")[0] <= width:
            return bare[:i] + "."
    cut = len(bare)
    while cut > 1 and font.size(bare[:cut] + "…")[0] > width:
        cut -= 1
    cut = boundary(bare, cut)
    return bare[:cut] + "…" if font.size(bare[:cut] + "…")[0] <= width else ellipsize(font, word, width)


def _pieces(word: str) -> list[str]:
    """Where a line may end inside ``word``: after a hyphen between letters ("Phase-" | "down")
    and between the letters of a script written without spaces (Chinese, Japanese)."""
    if any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in word):
        out: list[str] = []
        for i, ch in enumerate(word):
            if out and _joins_previous(word, i):
                out[-1] += ch
            else:
                out.append(ch)
        return out
    return [p for p in re.split(r"(?<=\w-)(?=\w)", word) if p]


def wrap_words(font: pygame.font.Font, s: str, width: int) -> list[str]:
    """Word wrap for a narrow box (a clause cell): lines end between words, after a hyphen in a
    word, or between Chinese or Japanese letters, never inside a syllable; a word longer than the
    line even so is abbreviated (:func:`abbreviate`), never hyphenated letter by letter. Cached, as
    :func:`wrap` is (the list returned is shared: do not change it)."""
    key = ("words", font, s, width)  # the font itself: an id could be reused by a new font
    cached = _WRAP_CACHE.get(key)
    if cached is not None:
        _WRAP_CACHE.move_to_end(key)
        return cached
    lines = _wrap_words(font, s, width)
    _WRAP_CACHE[key] = lines
    if len(_WRAP_CACHE) > 2000:
        _WRAP_CACHE.popitem(last=False)
    return lines


def _wrap_words(font: pygame.font.Font, s: str, width: int) -> list[str]:
    """:func:`wrap_words`, uncached."""
    lines: list[str] = []
    line = ""
    for word in s.split():
        for n, piece in enumerate(_pieces(word)):
            cand = line + (" " if n == 0 and line else "") + piece
            if font.size(cand)[0] <= width:
                line = cand
                continue
            if line:
                lines.append(line)
            line = abbreviate(font, piece, width)
            if line != piece:  # cut short: what follows of the word starts a line of its own
                lines.append(line)
                line = ""
    if line or not lines:
        lines.append(line)
    return lines


_FIT_WORDS_CACHE: OrderedDict = OrderedDict()


def fit_words(font: pygame.font.Font, line: str, width: int, more: bool = False) -> str:
    """A line of :func:`wrap_words` in ``width``: itself if it fits and nothing follows it; else
    its words that fit with "…" after them (``more``: the text goes on beyond this line). Cached
    (the clause grid fits the same names to the same cells whenever it is drawn afresh)."""
    key = (font, line, width, more)  # the font itself: an id could be reused by a new font
    cut = _FIT_WORDS_CACHE.get(key)
    if cut is None:
        cut = _fit_words(font, line, width, more)
        _FIT_WORDS_CACHE[key] = cut
        if len(_FIT_WORDS_CACHE) > 2000:
            _FIT_WORDS_CACHE.popitem(last=False)
    else:
        _FIT_WORDS_CACHE.move_to_end(key)
    return cut


def _fit_words(font: pygame.font.Font, line: str, width: int, more: bool) -> str:
    """:func:`fit_words`, uncached."""
    if not more and font.size(line)[0] <= width:
        return line
    words = line.split(" ")
    while words:
        kept = " ".join(words)
        cand = (kept[:-1] if kept.endswith(".") else kept) + "…"  # "compl…", not "compl.…"
        if font.size(cand)[0] <= width:
            return cand
        words.pop()
    return "…" if font.size("…")[0] <= width else ""


def wrap_narrow(font: pygame.font.Font, s: str, narrow: int, n_narrow: int, width: int,
                wrap_rest=None) -> list[str] | None:
    """Word wrap whose first ``n_narrow`` lines are at most ``narrow`` wide (room for a mark beside
    them), the rest ``width`` (wrapped by ``wrap_rest``, :func:`wrap` unless given); None when a
    word does not fit on a narrow line."""
    words = s.split()
    lines: list[str] = []
    n = 0
    while n < len(words) and len(lines) < n_narrow:
        line = ""
        while n < len(words):
            cand = words[n] if not line else line + " " + words[n]
            if font.size(cand)[0] > narrow:
                break
            line, n = cand, n + 1
        if not line:
            return None
        lines.append(line)
    rest = " ".join(words[n:])
    return lines + ((wrap_rest or wrap)(font, rest, width) if rest else [])


def paragraph(surface, font, s: str, rect: pygame.Rect, colour, line_gap: int = 0,
              max_lines: int | None = None) -> int:
    """Draw wrapped text in ``rect``; returns the height used."""
    lines = wrap(font, s, rect.width)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = ellipsize(font, lines[-1] + " ...", rect.width)
    lh = font.get_linesize() + line_gap
    y = rect.y
    for line in lines:
        if y + lh > rect.bottom + 2 and max_lines is None:
            break
        surface.blit(render(font, line, colour), (rect.x, y))
        y += lh
    return y - rect.y


def rounded(surface, rect, colour, radius: int = 6, width: int = 0) -> None:
    pygame.draw.rect(surface, colour, rect, width=width, border_radius=radius)


def scroll_bar(surface, track: pygame.Rect, total: int, offset: int, track_colour, thumb_colour,
               min_thumb: int) -> None:
    """Where a scrolled view of ``track.height`` pixels is in ``total`` pixels of content,
    scrolled ``offset`` pixels down: a thumb on a track (draw only when the content is taller)."""
    max_off = max(1, total - track.height)
    radius = track.width // 2 + 1
    rounded(surface, track, track_colour, radius)
    thumb = max(min_thumb, track.height * track.height // max(1, total))
    y = track.y + (track.height - thumb) * min(offset, max_off) // max_off
    rounded(surface, pygame.Rect(track.x, y, track.width, thumb), thumb_colour, radius)


def panel(surface, rect: pygame.Rect, colours, fill: str = "panel", border: str = "panel_border",
          radius: int = 8) -> None:
    shadow = rect.move(0, 3)
    rounded(surface, shadow, colours["shadow"], radius)
    rounded(surface, rect, colours[fill], radius)
    rounded(surface, rect, colours[border], radius, 1)


def paper(surface, rect: pygame.Rect, colours, radius: int = 4) -> None:
    rounded(surface, rect.move(2, 3), colours["shadow"], radius)
    rounded(surface, rect, colours["paper"], radius)
    rounded(surface, rect, colours["paper_line"], radius, 1)


def badge(surface, center, radius: int, colour_hex: str, initials: str, font, ring=None) -> pygame.Rect:
    """A colour disc with the actor's initials (its 'flag')."""
    colour = hex_colour(colour_hex)
    cx, cy = int(center[0]), int(center[1])
    pygame.draw.circle(surface, (10, 16, 26), (cx + 1, cy + 2), radius)
    pygame.draw.circle(surface, colour, (cx, cy), radius)
    pygame.draw.circle(surface, ring or (20, 28, 40), (cx, cy), radius, max(1, radius // 9))
    text(surface, font, initials, (cx, cy), ink_on(colour), anchor="center")
    return pygame.Rect(cx - radius, cy - radius, 2 * radius, 2 * radius)


def person_icon(surface, rect, colour) -> pygame.Rect:
    """A person's outline (a head over shoulders) filling the middle of ``rect``: the mark of a
    delegation played by people, not the computer. A shape, not a colour, so it reads in grey and
    for colour-blind eyes."""
    rect = pygame.Rect(rect)
    h = max(7, min(rect.height, rect.width + 2))
    cx, top = rect.centerx, rect.centery - h // 2
    head = max(2, round(h * 0.2))
    pygame.draw.circle(surface, colour, (cx, top + head), head)
    a = max(3, round(h * 0.36))  # the shoulders: the top half of an ellipse
    shoulders = pygame.Rect(cx - a, top + 2 * head + max(1, h // 12), 2 * a + 1, 0)
    shoulders.height = max(3, rect.centery + h // 2 - shoulders.y)
    clip = surface.get_clip()
    surface.set_clip(shoulders.clip(clip) if clip else shoulders)
    pygame.draw.ellipse(surface, colour, shoulders.inflate(0, shoulders.height).move(0, shoulders.height // 2))
    surface.set_clip(clip)
    return pygame.Rect(cx - a, top, 2 * a + 1, h)


def initials_font(fonts, initials: str, radius: int, start: str = "tiny") -> pygame.font.Font:
    """The largest bold font, from ``start`` down (never under 9 px), whose ``initials`` fit a badge of
    ``radius`` (so small badges stay readable instead of spilling over their disc)."""
    from game.ui.theme import SIZES

    key = (fonts, fonts.scale, initials, radius, start)
    font = _INITIALS_CACHE.get(key)
    if font is not None:
        return font
    room = 2 * radius - max(4, radius // 2)
    size = SIZES.get(start, 12)
    font = fonts.get(size, True)
    while font.size(initials)[0] > room and fonts.px(size) > 9:
        size -= 1
        font = fonts.get(size, True)
    if len(_INITIALS_CACHE) > 500:
        _INITIALS_CACHE.clear()
    _INITIALS_CACHE[key] = font
    return font


_INITIALS_CACHE: dict = {}


def check_mark(surface, rect: pygame.Rect, colour, width: int = 3) -> None:
    x, y, w, h = rect
    pts = [(x + w * 0.12, y + h * 0.55), (x + w * 0.4, y + h * 0.82), (x + w * 0.9, y + h * 0.18)]
    pygame.draw.lines(surface, colour, False, pts, width)


def cross_mark(surface, rect: pygame.Rect, colour, width: int = 3) -> None:
    x, y, w, h = rect
    pygame.draw.line(surface, colour, (x + w * 0.2, y + h * 0.2), (x + w * 0.8, y + h * 0.8), width)
    pygame.draw.line(surface, colour, (x + w * 0.8, y + h * 0.2), (x + w * 0.2, y + h * 0.8), width)


def triangle_down(surface, center, size: int, colour) -> None:
    cx, cy = center
    pygame.draw.polygon(surface, colour, [(cx - size, cy - size), (cx + size, cy - size), (cx, cy + size * 0.6)])


def diamond(surface, center, size: int, colour, width: int = 0) -> None:
    cx, cy = center
    pygame.draw.polygon(surface, colour, [(cx, cy - size), (cx + size, cy), (cx, cy + size), (cx - size, cy)], width)


def star(surface, center, size: int, colour, width: int = 0) -> None:
    cx, cy = center
    pts = []
    for n in range(10):
        r = size if n % 2 == 0 else size * 0.45
        a = -math.pi / 2 + n * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    pygame.draw.polygon(surface, colour, pts, width)


def lock(surface, rect: pygame.Rect, colour) -> None:
    """A small padlock (marks private log entries)."""
    x, y, w, h = rect
    body = pygame.Rect(x, y + h * 0.45, w, h * 0.55)
    pygame.draw.rect(surface, colour, body, border_radius=2)
    pygame.draw.arc(surface, colour, pygame.Rect(x + w * 0.18, y, w * 0.64, h * 0.9), 0, math.pi, 2)


def dashed_rect(surface, rect: pygame.Rect, colour, dash: int = 6, width: int = 1) -> None:
    x0, y0, x1, y1 = rect.left, rect.top, rect.right - 1, rect.bottom - 1
    for x in range(x0, x1, dash * 2):
        pygame.draw.line(surface, colour, (x, y0), (min(x + dash, x1), y0), width)
        pygame.draw.line(surface, colour, (x, y1), (min(x + dash, x1), y1), width)
    for y in range(y0, y1, dash * 2):
        pygame.draw.line(surface, colour, (x0, y), (x0, min(y + dash, y1)), width)
        pygame.draw.line(surface, colour, (x1, y), (x1, min(y + dash, y1)), width)


def hatch(surface, rect: pygame.Rect, colour, step: int = 8) -> None:
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for x in range(rect.left - rect.height, rect.right, step):
        pygame.draw.line(surface, colour, (x, rect.bottom), (x + rect.height, rect.top), 1)
    surface.set_clip(clip)


_STAMP_CACHE: OrderedDict = OrderedDict()


def stamp(surface, center, font, label: str, colour, angle: float = -12,
          within: pygame.Rect | None = None) -> pygame.Rect:
    """A rubber stamp (SIGNED / DECLINED) with a box and a mark; kept inside ``within`` if given."""
    if RECORDER is not None:
        RECORDER.add(label)
    key = (font, label, tuple(pygame.Color(colour)), angle)
    rot = _STAMP_CACHE.get(key)
    if rot is None:
        surf = render(font, label, colour)
        pad = 6
        box = pygame.Surface((surf.get_width() + 2 * pad, surf.get_height() + pad), pygame.SRCALPHA)
        pygame.draw.rect(box, colour, box.get_rect(), 2, border_radius=4)
        box.blit(surf, (pad, pad // 2))
        rot = _STAMP_CACHE[key] = pygame.transform.rotate(box, angle)
        if len(_STAMP_CACHE) > 64:
            _STAMP_CACHE.popitem(last=False)
    rect = rot.get_rect(center=(int(center[0]), int(center[1])))
    if within is not None:
        rect.clamp_ip(within)
    surface.blit(rot, rect)
    if RECTS is not None:
        RECTS.append((label, rect))
    return rect


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def ease(t: float) -> float:
    t = max(0.0, min(1.0, t))
    return 1 - (1 - t) ** 3
