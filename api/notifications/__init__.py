"""Notifications: the outbox of shift changes per agent, and its delivery to a webhook."""
