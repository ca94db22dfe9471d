"""Printable classroom kit: role briefs, facilitator guide, debrief report, grade sheet.

Plain HTML with inline CSS and SVG (no pygame, no network). Import the modules
directly: ``game.report.briefs``, ``game.report.debrief``, ``game.report.grades``;
``game.report.html`` holds the shared page and chart helpers.
"""
