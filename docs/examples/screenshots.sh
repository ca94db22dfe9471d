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
# the first page of a PDF on which a line starts with the text (pages move as reports change)
find() {
  n=$(pdfinfo "$TMP/$1" | awk '/^Pages:/ {print $2}'); p=1
  while [ "$p" -le "$n" ]; do
    if pdftotext -f "$p" -l "$p" "$TMP/$1" - | grep -q "^$2"; then echo "$p"; return; fi
    p=$((p + 1))
  done
  echo "screenshots.sh: no page of $1 starts a line with '$2'" >&2; exit 1
}

shot kit-index.html screenshot-kit-index.png 1240,1000
shot debrief-class-game.html screenshot-debrief-screen.png 1240,1600
shot "slides-class-game.html#2" screenshot-slides-result.png 1280,720
# the first discussion prompt's slide (one slide a line in the file)
q=$(awk '/<section/ {n++} /question 1 of/ {print n; exit}' "$E/slides-class-game.html")
shot "slides-class-game.html#$q" screenshot-slides-prompt.png 1280,720
a=$(awk '/<section/ {n++} /<h2>Awards<\/h2>/ {print n; exit}' "$E/slides-class-game.html")
shot "slides-class-game.html#$a" screenshot-slides-awards.png 1280,720
pdf kit-brief-georgia.html brief.pdf
pdf kit-facilitator-guide.html guide.pdf
pdf debrief-class-game.html debrief.pdf
page brief.pdf 1 print-brief-georgia-p1
page brief.pdf "$(find brief.pdf 'Who wants what')" print-brief-georgia-map
page brief.pdf "$(find brief.pdf 'Check your brief')" print-brief-georgia-quiz
page guide.pdf 1 print-guide-p1
page guide.pdf "$(find guide.pdf '45 minutes')" print-guide-lesson-plans-45
page guide.pdf "$(find guide.pdf '90 minutes$')" print-guide-lesson-plans-90
page guide.pdf "$(find guide.pdf 'Answer key')" print-guide-answer-key
page debrief.pdf 1 print-debrief-p1
page debrief.pdf "$(find debrief.pdf 'Depth and breadth')" print-debrief-depth-breadth
page debrief.pdf "$(find debrief.pdf "Each role's score")" print-debrief-scores
page debrief.pdf "$(find debrief.pdf 'The bargain between')" print-debrief-left-on-table
page debrief.pdf "$(find debrief.pdf 'Who signed and why')" print-debrief-why-stances
page debrief.pdf "$(find debrief.pdf 'Grade sheet')" print-debrief-grades-timeline
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
