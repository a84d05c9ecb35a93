"""Django's PostgreSQL backend, with a bound on how long a worker waits for the server.

`connect_timeout` bounds a new connection and `statement_timeout` a query the server runs,
but neither helps when the server stops answering on a connection already open (a frozen
host, a stopped process: the kernel still acknowledges what we send, so TCP never fails).
psycopg then waits for the answer for ever, and with persistent connections (CONN_MAX_AGE)
every worker ends up waiting. Here each wait on an open connection gives up after
`WAIT_TIMEOUT` seconds (settings.DATABASE_WAIT_TIMEOUT: a little more than the statement
timeout; None when that is off, for migrations and long commands), and the health check of a
reused connection after `HEALTH_CHECK_TIMEOUT` seconds. The connection is then closed and
the caller gets an OperationalError, which core.faults turns into a 503 (docs/faults.md).
"""

from __future__ import annotations

import types

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import errors

HEALTH_CHECK_TIMEOUT = 1.0


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after `wait_timeout` seconds."""

    wait_timeout: float | None = None

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is None:
            timeout = self.wait_timeout
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except errors._WaitTimeout:
            # The protocol is now out of step with the server: this connection is unusable.
            self.pgconn.finish()
            raise errors.OperationalError(
                f"the database did not answer within {timeout:g} s; connection closed"
            ) from None


class _Psycopg(types.ModuleType):
    """psycopg as Django's backend sees it (`DatabaseWrapper.Database`), connecting with
    BoundedConnection."""

    def __getattr__(self, name):
        return getattr(psycopg, name)


Database = _Psycopg("psycopg_bounded")
Database.connect = BoundedConnection.connect


class DatabaseWrapper(base.DatabaseWrapper):
    Database = Database

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if isinstance(connection, BoundedConnection):
            connection.wait_timeout = getattr(settings, "DATABASE_WAIT_TIMEOUT", None)
        return connection

    def is_usable(self):
        """Django's health check (SELECT 1), waiting at most HEALTH_CHECK_TIMEOUT seconds."""
        if self.connection is None:
            return False
        if not isinstance(self.connection, BoundedConnection):
            return super().is_usable()
        kept = self.connection.wait_timeout
        self.connection.wait_timeout = HEALTH_CHECK_TIMEOUT
        try:
            return super().is_usable()
        finally:
            self.connection.wait_timeout = kept
