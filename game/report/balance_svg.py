"""Small inline-SVG charts for the balance report (no scripts, no network).

Every function returns an ``<svg>`` element as text. Labels are escaped here,
so callers may pass scenario text as it is. Sizes are in CSS pixels and the
charts scale with the page (``viewBox`` + ``width: 100%``).
"""

from __future__ import annotations

import unicodedata
from html import escape

INK = "#1f2a44"
MUTED = "#6b7280"
GRID = "#e5e7eb"
BAR = "#3b6ea5"
ACCENT = "#b8860b"
ACCENT_TEXT = "#876200"  # the accent for words: #b8860b is 3.2:1 on the page, too light for small text
LABEL_COLOURS = {"tight": "#1b7837", "moderate": "#5aae61", "loose": "#d9a33a", "lapsed": "#b2182b"}
# each label also has its own shape, so that the depth-breadth plane does not rest on red and
# green alone (colour-blind readers, a black-and-white printer)
LABEL_SHAPES = {"tight": "circle", "moderate": "square", "loose": "triangle", "lapsed": "cross"}


def shape_svg(shape: str, x: float, y: float, r: float, fill: str, extra: str = "", title: str = "") -> str:
    """A marker of ``shape`` (circle, square, triangle, cross, diamond) centred on (x, y), outlined
    in the ink so that its edge shows on the page whatever its fill; ``title``: its tooltip."""
    common = f'fill="{escape(fill)}" stroke="{INK}" stroke-width="1"{extra}'

    def element(tag: str, attrs: str) -> str:
        return f"<{tag} {attrs}" + (f"><title>{escape(title)}</title></{tag}>" if title else "/>")

    if shape == "square":
        s = r * 0.88
        return element("rect", f'x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {common}')
    if shape == "triangle":
        h = r * 1.15
        pts = [(x, y - h), (x + h, y + h * 0.75), (x - h, y + h * 0.75)]
    elif shape == "diamond":
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif shape == "cross":
        a, b = r, r * 0.38
        pts = [(x - a, y - a + b), (x - a + b, y - a), (x, y - b), (x + a - b, y - a), (x + a, y - a + b), (x + b, y),
               (x + a, y + a - b), (x + a - b, y + a), (x, y + b), (x - a + b, y + a), (x - a, y + a - b), (x - b, y)]
    else:
        return element("circle", f'cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}')
    d = " ".join(f"{'M' if n == 0 else 'L'} {px:.1f} {py:.1f}" for n, (px, py) in enumerate(pts)) + " Z"
    return element("path", f'd="{d}" {common}')


def icon_svg(shape: str, fill: str, size: int = 12, r: float | None = None) -> str:
    """A marker as a small inline SVG, for a legend (``r``: its radius, default just inside)."""
    half = size / 2
    body = shape_svg(shape, half, half, half - 1.5 if r is None else r, fill)
    return (f'<svg class="icon" width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true" '
            f'xmlns="http://www.w3.org/2000/svg">{body}</svg>')


def legend_icon(label: str, size: int = 12) -> str:
    """The shape and colour of an outcome label, as a small inline SVG for a legend."""
    return icon_svg(LABEL_SHAPES.get(label, "circle"), LABEL_COLOURS.get(label, BAR), size)


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            f'xmlns="http://www.w3.org/2000/svg" style="width:100%;max-width:{width}px;height:auto">'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, size: int = 12, anchor: str = "start", fill: str = INK,
          weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
            f'font-weight="{weight}">{escape(str(text))}</text>')


def _em(ch: str) -> float:
    """A rough width of ``ch`` in em of the page's sans-serif font: Cyrillic, Greek and capital
    letters are wider than Latin small letters (counting them all as 0.55 em let a Cyrillic name
    run past the chart's left edge), a wide East Asian letter is 1 em, an accent nothing."""
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in " .,:;'!|()[]-/ilIjft":
        return 0.34
    if ch.isupper() or ch in "mwMW—…":
        return 0.74
    return 0.64 if ord(ch) >= 0x370 else 0.56


def _fit(label: str, pixels: float, size: int = 12) -> str:
    """``label`` shortened in the middle with '…' to at most about ``pixels`` wide, so a long name
    is not cut off at the edge of the chart and names that differ only at the end stay apart."""
    def wide(text: str) -> float:
        return sum(_em(ch) for ch in text) * size

    if wide(label) <= pixels:
        return label
    for keep in range(len(label) - 1, 3, -1):
        head = keep // 2
        short = label[:head].rstrip() + "…" + label[len(label) - (keep - head):].lstrip()
        if wide(short) <= pixels:
            return short
    return label[:2] + "…" + label[-1:]


def hbars(rows: list[tuple[str, float, str]], maximum: float, title: str, fmt: str = "{:.0%}",
          label_width: int = 190, width: int = 560, row: int = 26, colours: list[str] | None = None) -> str:
    """Horizontal bars: (label, value, shown text) per row, scaled to ``maximum``."""
    height = row * len(rows) + 10
    span = width - label_width - 86
    body = []
    for n, (label, value, shown) in enumerate(rows):
        y = 5 + n * row
        w = 0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * span
        colour = colours[n] if colours else BAR
        shown_label = _fit(str(label), label_width - 12)
        text = _text(label_width - 8, y + row * 0.65, shown_label, anchor="end")
        if shown_label != label:  # the full name on hover
            text = text.replace("</text>", f"<title>{escape(str(label))}</title></text>")
        body.append(text)
        body.append(f'<rect x="{label_width}" y="{y + 4}" width="{span}" height="{row - 8}" fill="{GRID}" rx="3"/>')
        body.append(f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" '
                    f'fill="{escape(colour)}" rx="3"' + (f' stroke="{INK}" stroke-width="0.6"' if w > 0 else "") + "/>")
        body.append(_text(label_width + span + 6, y + row * 0.65, shown or fmt.format(value)))
    return _svg(width, height, body, title)


def histogram(bins: list[int], title: str, marker: float | None = None, marker_label: str = "history",
              width: int = 440, height: int = 240) -> str:
    """Counts per bin over 0..100, with an optional vertical marker (e.g. history)."""
    left, right, top, bottom = 40, 20, 30, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(bins) or 1
    bw = plot_w / len(bins)
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{MUTED}"/>']
    for frac in (0.5, 1.0):
        y = top + plot_h * (1 - frac)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, f"{peak * frac:.0f}", 11, "end", MUTED))
    for n, count in enumerate(bins):
        h = plot_h * count / peak
        x = left + n * bw
        if count:
            body.append(f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{bw - 2:.1f}" height="{h:.1f}" '
                        f'fill="{BAR}"><title>{escape(f"{n * 100 // len(bins)}-{(n + 1) * 100 // len(bins)}: {count} games")}</title></rect>')
    for tick in range(0, 101, 20):
        x = left + plot_w * tick / 100
        body.append(_text(x, top + plot_h + 16, str(tick), 11, "middle", MUTED))
    body.append(_text(left + plot_w / 2, height - 4, "tightness (0-100)", 12, "middle", MUTED))
    if marker is not None:
        x = left + plot_w * max(0.0, min(100.0, marker)) / 100
        body.append(f'<line x1="{x:.1f}" y1="{top - 10}" x2="{x:.1f}" y2="{top + plot_h}" stroke="{ACCENT}" '
                    f'stroke-width="2" stroke-dasharray="5 3"/>')
        anchor = "end" if x > left + plot_w * 0.7 else "start"
        body.append(_text(x - 4 if anchor == "end" else x + 4, top - 14, f"{marker_label} {marker:.0f}", 11, anchor,
                          ACCENT_TEXT, "bold"))
    return _svg(width, height, body, title)


def scatter(points: list[tuple[float, float, str]], title: str, history: tuple[float, float] | None = None,
            width: int = 420, height: int = 340, x_label: str = "breadth (share of parties signing)") -> str:
    """The depth-breadth plane: one mark per game (shape and colour by label), history as a diamond."""
    left, right, top, bottom = 46, 14, 14, 40
    pw, ph = width - left - right, height - top - bottom
    body = [f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fafaf7" stroke="{GRID}"/>']
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x, y = left + pw * tick, top + ph * (1 - tick)
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ph}" stroke="{GRID}"/>')
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(x, top + ph + 15, f"{tick:g}", 11, "middle", MUTED))
        body.append(_text(left - 6, y + 4, f"{tick:g}", 11, "end", MUTED))
    body.append(_text(left + pw / 2, height - 6, x_label, 12, "middle", MUTED))
    body.append(f'<text x="14" y="{top + ph / 2:.1f}" font-size="12" fill="{MUTED}" text-anchor="middle" '
                f'transform="rotate(-90 14 {top + ph / 2:.1f})">depth</text>')
    seen: dict[tuple[float, float, str], int] = {}
    for depth, breadth, label in points:
        key = (round(depth, 3), round(breadth, 3), label)
        seen[key] = seen.get(key, 0) + 1
    for (depth, breadth, label), count in sorted(seen.items()):
        x, y = left + pw * breadth, top + ph * (1 - depth)
        r = min(4 + 1.5 * (count ** 0.5), 14)
        body.append(shape_svg(LABEL_SHAPES.get(label, "circle"), x, y, r, LABEL_COLOURS.get(label, BAR),
                              ' fill-opacity="0.75"', title=f"{label}: {count} game(s), depth {depth:.2f}, "
                              f"breadth {breadth:.2f}"))
    if history is not None:
        x, y = left + pw * history[1], top + ph * (1 - history[0])
        body.append(f'<path d="M {x:.1f} {y - 8:.1f} L {x + 8:.1f} {y:.1f} L {x:.1f} {y + 8:.1f} '
                    f'L {x - 8:.1f} {y:.1f} Z" fill="{ACCENT}" stroke="{INK}"><title>history</title></path>')
    return _svg(width, height, body, title)
