"""Scheduled jobs run once per cluster (core/locks.py, docs/deployment.md).

Every application server's cron may start `publish_due`, `flush_counters` and
`prune_searchlog`; a run that finds another run (of any machine) holding the job's lock does
nothing. On PostgreSQL the other run is another database session holding the advisory lock;
elsewhere, another holder of the cache entry.
"""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from articles.models import Article
from core import locks
from tests.factories import ArticleFactory

S = Article.Status
COMMANDS = ["publish_due", "flush_counters", "prune_searchlog"]


class held_elsewhere:
    """The lock of `name` held by another run: another PostgreSQL session, or another
    holder of the cache entry."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        if connection.vendor == "postgresql":
            import psycopg

            s = connection.settings_dict
            self.other = psycopg.connect(
                dbname=s["NAME"],
                user=s["USER"] or None,
                password=s["PASSWORD"] or None,
                host=s["HOST"] or None,
                port=s["PORT"] or None,
                autocommit=True,
            )
            self.other.execute("SELECT pg_advisory_lock(%s)", [locks.advisory_key(self.name)])
        else:
            assert cache.add(f"cluster-lock:{self.name}", "another run", timeout=60)
        return self

    def __exit__(self, *exc):
        if connection.vendor == "postgresql":
            self.other.close()  # its session ends, and the lock with it
        else:
            cache.delete(f"cluster-lock:{self.name}")


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_publish_due_does_nothing_while_another_run_holds_its_lock():
    due = ArticleFactory(status=S.SCHEDULED, publish_at=timezone.now() - timedelta(minutes=1))
    with held_elsewhere("publish_due"):
        assert "another run holds the lock" in run("publish_due")
        due.refresh_from_db()
        assert due.status == S.SCHEDULED
        assert not due.events.exists()
    # The other run ended (its session closed): the next minute's run does the work.
    assert "Published 1" in run("publish_due")
    due.refresh_from_db()
    assert due.status == S.PUBLISHED
    assert due.events.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
def test_every_scheduled_command_takes_its_lock(command):
    with held_elsewhere(command):
        assert "another run holds the lock" in run(command)
    assert "another run holds the lock" not in run(command)


@pytest.mark.django_db
def test_a_job_lock_does_not_stop_another_job():
    with held_elsewhere("flush_counters"):
        assert "another run holds the lock" not in run("publish_due")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_one_works():
    """Two runs at the same moment, each with its own database session: exactly one
    holds the lock while the other tries."""
    tried = threading.Barrier(2, timeout=20)
    held: list[bool] = []

    def one_run():
        try:
            with locks.cluster_lock("publish_due") as mine:
                held.append(mine)
                tried.wait()  # both have tried while the winner still holds it
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(held) == [False, True]
    # Released: the next run takes it.
    with locks.cluster_lock("publish_due") as mine:
        assert mine
