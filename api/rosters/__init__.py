"""Rosters: browse by day, agent or queue; KPIs; publish versions; compare versions."""
