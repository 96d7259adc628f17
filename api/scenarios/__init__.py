"""What-if scenarios: a period copied with changes, solved, compared, never published."""
