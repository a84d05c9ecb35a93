"""Scheduled jobs run once per cluster (docs/deployment.md, "Scheduled jobs").

Every application server may carry the same crontab (`publish_due`, `flush_counters`,
`prune_searchlog` every minute or every day): the first run to take the job's lock does the
work, the others find it taken, say so and end at once. The lock is

* on PostgreSQL, a session advisory lock (`pg_try_advisory_lock` on a 64-bit key made from
  the job's name), held by the run's database connection and released with it, even when
  the process is killed: a crashed run never leaves a stale lock behind;
* on another database, an entry added to the shared cache (Redis `SET NX` with an expiry of
  `LOCK_SECONDS`, so a killed run's lock goes by itself). Without REDIS_URL the cache is the
  process's own memory: no lock across processes (one machine with SQLite needs none).

A job's own work stays safe to run twice (each is written so); the lock saves the repeated
work and the noise, and keeps two long runs from overlapping.
"""

import contextlib
import hashlib
import logging
import uuid
from collections.abc import Iterator
from functools import wraps

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

LOCK_SECONDS = 15 * 60  # the cache lock's expiry: longer than any scheduled run


def advisory_key(name: str) -> int:
    """The signed 64-bit key of PostgreSQL's advisory lock for the job `name`."""
    digest = hashlib.sha256(f"newsroom:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextlib.contextmanager
def cluster_lock(name: str, using: str = DEFAULT_DB_ALIAS) -> Iterator[bool]:
    """Try to take the lock of job `name` for the whole cluster, without waiting; yields
    whether this run holds it, and releases it on the way out."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        key = advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            held = bool(cursor.fetchone()[0])
        try:
            yield held
        finally:
            if held:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
                except Exception:  # the session is gone, and its lock with it
                    logger.warning("could not release the lock of %s", name, exc_info=True)
        return
    key, token = f"cluster-lock:{name}", uuid.uuid4().hex
    try:
        held = bool(cache.add(key, token, timeout=LOCK_SECONDS))
    except Exception:  # no cache: run rather than never (the jobs are safe to repeat)
        logger.warning("cache unavailable: %s runs without its cluster lock", name)
        yield True
        return
    try:
        yield held
    finally:
        if held:
            with contextlib.suppress(Exception):
                if cache.get(key) == token:
                    cache.delete(key)


def once_per_cluster(name: str):
    """Decorator of a management command's `handle`: runs it only under `cluster_lock(name)`;
    a run that finds the lock taken writes one line and does nothing (exit status 0)."""

    def decorate(handle):
        @wraps(handle)
        def locked(self, *args, **options):
            with cluster_lock(name) as held:
                if not held:
                    if options.get("verbosity", 1) >= 1:
                        self.stdout.write(f"{name}: another run holds the lock; nothing done.")
                    return None
                return handle(self, *args, **options)

        return locked

    return decorate
