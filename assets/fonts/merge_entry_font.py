"""Build ``TreatyTableSans-Entry.ttf``: Noto Sans with the Georgian and Armenian letters of
Noto Sans Georgian and Noto Sans Armenian merged in, for the window's text fields.

The window draws its own text letter by letter with a fallback font per script
(``game/ui/theme.py``), but pygame_gui's text fields take one font file: with plain Noto Sans
a teacher typing news in Georgian or Armenian saw empty boxes. This is a build step for the
maintainers (it needs fontTools, which the game does not): run it from the repository root
after updating any of the three fonts and commit the result.

    pip install fonttools && python assets/fonts/merge_entry_font.py

Hinting tables are dropped (the three fonts' instructions cannot be merged); FreeType's
autohinter draws the result. The merged font is renamed, as the SIL Open Font License asks of
a modified version; it is licensed under the same licence (OFL.txt, OFL-Georgian-Armenian.txt).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = ("NotoSans-Regular.ttf", "NotoSansGeorgian-Regular.ttf", "NotoSansArmenian-Regular.ttf")
OUT = HERE / "TreatyTableSans-Entry.ttf"
FAMILY = "Treaty Table Sans Entry"
DROP = ("fpgm", "prep", "cvt ", "DSIG", "STAT", "gasp")


def build(out: Path = OUT) -> Path:
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for name in SOURCES:
            font = TTFont(HERE / name)
            for tag in DROP:
                if tag in font:
                    del font[tag]
            part = Path(tmp) / name
            font.save(part)
            parts.append(str(part))
        merged = Merger().merge(parts)
    names = merged["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16):
            names.setName(FAMILY, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            names.setName(FAMILY.replace(" ", "") + "-Regular", rec.nameID, rec.platformID,
                          rec.platEncID, rec.langID)
        elif rec.nameID == 3:
            names.setName(f"{FAMILY}; merged from Noto Sans, Noto Sans Georgian and Noto Sans Armenian",
                          rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    merged.save(out)
    return out


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
