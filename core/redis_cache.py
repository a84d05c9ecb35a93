"""Django's Redis cache backend, without the cost it pays on every call.

`django.core.cache.backends.redis.RedisCacheClient.get_client()` builds a new `redis.Redis`
object for each cache operation (its constructor fills a table of about 170 response
callbacks): on a page served from the page cache that was a fifth of the time spent in
Django (docs/performance.md, "A cache hit"). The connection pools were already shared;
here the client objects built on them are too, one per pool. `redis.Redis` is safe to
share between threads (each command takes a connection from the pool).

A Redis that stops answering (docs/faults.md): each call waits at most the socket timeout
(settings: REDIS_SOCKET_TIMEOUT), and after a call fails on a connection error or a timeout,
this process stops asking that server for `PAUSE_SECONDS`: calls fail at once, and every
caller already treats a cache error as a miss (core/cache.py, core/pagecache.py). Without
the pause, a page making ten cache calls would wait ten timeouts while Redis hangs.
"""

import threading
import time

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient

PAUSE_SECONDS = 5.0

# Per server list (every thread's backend of this process shares it): until when calls fail
# without being sent.
_paused_until: dict[str, float] = {}
_lock = threading.Lock()


class CachePaused(redis.ConnectionError):
    """The server failed a moment ago; this call was not sent."""


def _check(servers: str) -> None:
    until = _paused_until.get(servers)
    if until is not None and time.monotonic() < until:
        raise CachePaused(f"cache {servers} failed less than {PAUSE_SECONDS:g} s ago")


def _pause(servers: str) -> None:
    with _lock:
        _paused_until[servers] = time.monotonic() + PAUSE_SECONDS


def _make_client_class(servers: str):
    class PausingRedis(redis.Redis):
        def execute_command(self, *args, **options):
            _check(servers)
            try:
                return super().execute_command(*args, **options)
            except (redis.ConnectionError, redis.TimeoutError):
                _pause(servers)
                raise

    return PausingRedis


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._servers_key = ",".join(self._servers)
        self._client = _make_client_class(self._servers_key)

    def get_client(self, key=None, *, write=False):
        _check(self._servers_key)  # pipelines (set_many) too
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
