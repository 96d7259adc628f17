"""Solves: the problem snapshot, the process pool that runs them, their status and progress."""
