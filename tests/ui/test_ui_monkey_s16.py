"""What the window monkey found this session (bench/monkey.py, seed 1, solo 1280x720): a click
then a double click on the memo's empty field, showing its placeholder words, left pygame_gui's
caret and selection among those words; the next letter typed replaced a selection the empty text
did not have and pygame_gui raised IndexError ("No selected rows"). App._mend_empty_fields."""

from __future__ import annotations

import json
import sys
from pathlib import Path



def test_the_monkeys_recorded_steps_no_longer_crash(tmp_path):
    """The eight steps the monkey cut its finding down to (seed 1), replayed: no finding. (Two clicks
    posted straight into the field at 1280x720 did not bring the crash back: these steps do, in a
    window resized to 800x500.)"""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench import monkey

    steps = json.loads(r'''[["resize", 1024, 600, 2], ["key", 13, 1, "\r", 1, 5], ["touch", "tap", 945, 17, -3, 4, 1],
        ["resize", 800, 500, 5], ["click", 512, 277, 1, 1], ["click", 172, 434, 1, 1], ["click", 845, 353, 1, 1],
        ["type", 480, 314, "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66", "compose", 1]]''')
    start = next(c for c in monkey.CONFIGS if monkey.config_name(c) == "solo 1280x720")
    found = monkey.WindowMonkey(1, start, scratch=tmp_path).run(0, actions=[tuple(s) for s in steps])
    assert [f.message for f in found] == []
