"""Sites (a contact centre: time zone, opening hours, rules) and their queues."""
