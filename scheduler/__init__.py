"""Background jobs: re-planning after absences, nightly re-plans, publication, clean-up, outbox.

Jobs are module-level functions in ``scheduler.jobs``; the logic they call lives in the
service modules beside it, which take the clock as an argument so tests can drive them.
``homeshore worker`` runs the one APScheduler instance, guarded by a database lock.
"""
