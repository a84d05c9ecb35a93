"""Running work in parallel threads in tests, against the real database server."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (DATABASE_URL=postgres://…)")


def run_together(*workers: Callable[[], None]) -> list[BaseException]:
    """Each worker in its own thread, all released at once; returns what they raised.

    Every thread closes its own database connection when it is done.
    """
    start = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(worker):
        try:
            start.wait()
            worker()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
