"""gunicorn reads this file from the working directory (`gunicorn newsroom.wsgi`)."""


def worker_exit(server, worker):
    """Write the worker's pending counts before it goes (core/counters.py)."""
    try:
        from core import counters

        counters.flush_all()
    except Exception:  # the worker is leaving anyway; flush_all already logged the cause
        pass
