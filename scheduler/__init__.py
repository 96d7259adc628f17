"""Background jobs: when to re-plan, publish, announce and clean up, and who runs them.

Only what is the scheduler's own lives here: the APScheduler set-up (``setup``), the job
functions it triggers (``jobs``, each calling one use case of ``api``), the leader lock
that keeps exactly one scheduler running (``leadership``) and the worker loop (``worker``).
The use cases themselves (re-planning, publishing, the outbox) live in the ``api`` domains,
where the API and the web pages call the same functions.
"""
