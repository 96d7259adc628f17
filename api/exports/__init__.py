"""Exports: roster CSV, iCalendar, and the problem JSON a plan was (or would be) made from."""
