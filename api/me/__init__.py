"""Who the caller is: role and, for agents, which agent."""
