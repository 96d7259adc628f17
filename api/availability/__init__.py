"""Agents' availability for a planning period: submit, replace, withdraw."""
