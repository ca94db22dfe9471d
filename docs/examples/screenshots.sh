#!/bin/sh
# Remake the screenshots in this folder from its HTML files (needs chromium and pdftoppm).
# Run from anywhere after make_examples.py.
set -eu
E=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$TMP/profile" \
    --hide-scrollbars "$@" 2>/dev/null
}
shot() { chrome --window-size="$3" --screenshot="$E/$2" "file://$E/$1"; }
pdf() { chrome --no-pdf-header-footer --print-to-pdf="$TMP/$2" "file://$E/$1"; }
page() { pdftoppm -png -r 80 -f "$2" -l "$2" -singlefile "$TMP/$1" "$E/$3"; }

shot kit-index.html screenshot-kit-index.png 1240,1000
shot debrief-class-game.html screenshot-debrief-screen.png 1240,1600
pdf kit-brief-georgia.html brief.pdf
pdf kit-facilitator-guide.html guide.pdf
pdf debrief-class-game.html debrief.pdf
page brief.pdf 1 print-brief-georgia-p1
page brief.pdf 5 print-brief-georgia-map
page guide.pdf 1 print-guide-p1
page guide.pdf 2 print-guide-lesson-plans-45
page guide.pdf 3 print-guide-lesson-plans-90
page guide.pdf 6 print-guide-answer-key
page debrief.pdf 1 print-debrief-p1
page debrief.pdf 3 print-debrief-depth-breadth
page debrief.pdf 4 print-debrief-scores
page debrief.pdf 5 print-debrief-why-stances
page debrief.pdf 7 print-debrief-grades-timeline
rm -rf "$TMP"
# Shrink the images to 128 colours if Pillow is at hand (it is optional).
PY=python3; [ -x "$E/../../.venv/bin/python" ] && PY="$E/../../.venv/bin/python"
"$PY" - "$E" <<'PYCODE' || true
import sys
from pathlib import Path
try:
    from PIL import Image
except ImportError:
    sys.exit(0)
for p in Path(sys.argv[1]).glob("*.png"):
    Image.open(p).convert("RGB").quantize(128, dither=Image.Dither.NONE).save(p, optimize=True)
PYCODE
echo "screenshots written to $E"
