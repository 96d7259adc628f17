"""Discrete-event simulation of a roster against a forecast (multi-skill routing)."""
