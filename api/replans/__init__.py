"""Re-plans as planners see them: what triggered each, how it ended, what it changed."""
