"""Absences planners report, and the published shifts they hit."""
