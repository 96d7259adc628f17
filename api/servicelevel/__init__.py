"""Expected service level of rosters: Erlang per queue and slot from the period's forecast."""
