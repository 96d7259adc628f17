"""The web interface: server-rendered pages for managers, planners and agents (docs/web.md).

Pages call the same services, under the same roles, as the JSON API under /api/v1; their
scripts call the JSON API itself with the session cookie and its CSRF token.
"""
