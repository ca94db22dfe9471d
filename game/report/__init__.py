"""Printable and HTML reports (no pygame, no network).

- :mod:`game.report.briefs`: role briefs, the "who wants what" map, the facilitator
  guide and an index (``treaty-table briefs``);
- :mod:`game.report.debrief`: the debrief report of a finished game
  (``treaty-table debrief``);
- :mod:`game.report.grades`: the grade sheet (``treaty-table grades``, CSV);
- :mod:`game.report.html`: the shared page template, CSS and SVG chart helpers.

Other modules in this package (the scenario balance report) are documented in their
own docstrings. Import the module you need; nothing is re-exported here.
"""
