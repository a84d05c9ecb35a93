"""gunicorn reads this file from the working directory (`gunicorn newsroom.wsgi`).

Slow clients (docs/faults.md, docs/deployment.md): a sync worker serves one connection at a
time, from its first byte to its last, so a few clients sending their request slowly (or
never finishing it) stop the site. Threaded workers (gthread) give each connection a thread,
and gunicorn hands a connection that sends nothing back to the worker's poller instead of
holding a thread; with WEB_CONCURRENCY workers of GUNICORN_THREADS threads, a handful of slow
connections leave the others free. The documented deployment also puts a buffering reverse
proxy (nginx) in front, which reads whole requests before gunicorn sees them.

Command-line options win over this file: an explicit `--worker-class sync` (the benchmarks,
bench/harness.py) keeps one thread per worker, as gunicorn would otherwise switch to gthread.
"""

import os
import sys


def _explicit_worker_class() -> str | None:
    args = sys.argv[1:]
    for index, arg in enumerate(args):
        if arg in ("-k", "--worker-class") and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--worker-class="):
            return arg.split("=", 1)[1]
    return None


worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = 1 if _explicit_worker_class() == "sync" else int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # a worker silent this long is replaced
graceful_timeout = 30
keepalive = 5  # seconds an idle kept-alive connection stays open
# gunicorn's control socket lives at one path per user (~/.gunicorn/gunicorn.ctl), which
# several servers on one machine (tests, benchmarks, two application servers) would share;
# nothing here uses it.
control_socket_disable = True


def worker_exit(server, worker):
    """Write the worker's pending counts before it goes (core/counters.py)."""
    try:
        from core import counters

        counters.flush_all()
    except Exception:  # the worker is leaving anyway; flush_all already logged the cause
        pass
