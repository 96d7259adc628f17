"""Loading a problem file (the solver's input format) into the database."""
