"""Django's Redis cache backend, without the cost it pays on every call.

`django.core.cache.backends.redis.RedisCacheClient.get_client()` builds a new `redis.Redis`
object for each cache operation (its constructor fills a table of about 170 response
callbacks): on a page served from the page cache that was a fifth of the time spent in
Django (docs/performance.md, "A cache hit"). The connection pools were already shared;
here the client objects built on them are too, one per pool. `redis.Redis` is safe to
share between threads (each command takes a connection from the pool).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
