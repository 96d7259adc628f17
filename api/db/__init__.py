"""Persistence: engine, sessions, tables and migrations glue."""
