"""Caching of public-page fragments, and their invalidation (whole pages too: core/pagecache.py).

Cached fragments (banners, the latest magazine, most read) are keyed by
`public_pages_generation()`; bumping it makes all of them stale at once, with no need to know
which keys exist (works on locmem and Redis). A cache outage never takes a page down: the
value is then computed for this request only.

An outage never fails an editorial action either, and loses no invalidation
(docs/performance.md, "Cache outages"):

* `invalidate_public_pages()` never raises. When the cache cannot be reached, this process
  remembers that it owes a bump, and pays it before it next reads the generation.
* Any cache error seen while reading or writing a fragment counts the same way: whatever
  changed while the cache was unreachable, the first thing a process that saw the outage
  does once the cache answers again is to bump the generation. Fragments cached before
  the outage are therefore never served after it.
* A missing generation key (evicted, flushed, a new Redis) restarts at a value never used
  before (the time in microseconds), never at 1, so fragments of an older generation that
  are still stored cannot come back.
"""

import logging
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.module_loading import import_string

from core import db_router

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages-generation"
T = TypeVar("T")


# What one request has read of the generation (`request_scope()`): a page asks for it once per
# fragment; one read per request is enough, and saves a cache round trip per fragment.
_scope: ContextVar[dict | None] = ContextVar("newsroom_cache_scope", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Within it, the generation is read from the cache once (core.pagecache wraps every
    request in it). A bump made inside it is seen at once."""
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def _remember_generation(generation: int) -> int:
    scope = _scope.get()
    if scope is not None:
        scope["generation"] = generation
    return generation


# A bump this process owes the cache: an invalidation that did not reach it, or an outage
# seen while reading fragments (something may have changed meanwhile, unannounced).
_owed = {"bump": False}


def _fresh_generation() -> int:
    """A generation never used before, for a cache that lost the key."""
    return time.time_ns() // 1000


def _bump() -> int:
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:  # the key is missing (first run, evicted, flushed)
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.incr(GENERATION_KEY)
    _owed["bump"] = False
    return _remember_generation(generation)


def _owe_a_bump() -> None:
    _owed["bump"] = True


def public_pages_generation() -> int:
    """The current generation; raises when the cache is unreachable (callers fall back)."""
    if _owed["bump"]:
        return _bump()
    scope = _scope.get()
    if scope is not None and "generation" in scope:
        return scope["generation"]
    return _remember_generation(_generation_from(cache.get(GENERATION_KEY)))


def _generation_from(generation: int | None) -> int:
    if generation is None:
        # add() so that two processes starting together agree on the first value.
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            raise ConnectionError("the cache keeps nothing")
    return generation


def generation_and(key: str) -> tuple[int, Any]:
    """The current generation and the value stored under `key`, in one round trip (the
    page cache's read). Raises when the cache is unreachable, like
    `public_pages_generation()`."""
    if _owed["bump"]:
        return _bump(), cache.get(key)
    scope = _scope.get()
    if scope is not None and "generation" in scope:
        return scope["generation"], cache.get(key)
    values = cache.get_many([GENERATION_KEY, key])
    generation = _remember_generation(_generation_from(values.get(GENERATION_KEY)))
    return generation, values.get(key)


def invalidate_public_pages(*, purge: bool = True) -> int | None:
    """Make every cached public fragment and page stale; returns the new generation.

    Then, with `purge`, asks the CDN in front to drop its copies (`NEWSROOM_CDN_PURGE`,
    docs/caching.md); callers run this after commit, so the CDN fetches the new content.

    Never raises: with the cache unreachable it logs, returns None, and the bump is paid
    by this process as soon as the cache answers again. A failed purge is logged.
    """
    try:
        generation = _bump()
    except Exception:
        _owe_a_bump()
        logger.warning("cache unavailable: public pages invalidation postponed", exc_info=True)
        generation = None
    # Readers read the primary while replicas replay the change (core/db_router.py).
    db_router.content_changed()
    if purge:
        purge_cdn()
    return generation


def purge_cdn() -> None:
    """Call the `NEWSROOM_CDN_PURGE` callable (a dotted path; empty: no CDN, nothing to do)."""
    path = getattr(settings, "NEWSROOM_CDN_PURGE", "")
    if not path:
        return
    try:
        import_string(path)()
    except Exception:
        logger.exception("CDN purge failed (%s): the CDN serves its copies until they expire", path)


def public_pages_changed(**kwargs) -> None:
    """post_save/post_delete receiver for rows every page shows (sections, tags, authors,
    banners, magazine issues).

    Now for this process, and again after commit (with the CDN purge) so no other process
    caches the old rows.
    """
    invalidate_public_pages(purge=False)
    transaction.on_commit(invalidate_public_pages)


class LocalCopies:
    """This process's copies of values stored in the shared cache under a generation.

    A value stored under generation N never changes while N is current (a change bumps the
    generation), so a process may keep its own copy and skip the round trip to the shared
    cache; it still reads the generation from the shared cache once per request
    (`request_scope`), so a bump made by any process is seen by all at once. Each copy
    expires when the shared entry does. Least recently used copies go first once
    `max_bytes` is reached. Values are kept pickled (or as bytes/str), so no request can
    change another's copy.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[object, float, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[1] <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def set(self, key: str, value: bytes | str, expires_at: float) -> None:
        size = len(value) + 200
        if size > self.max_bytes // 8:
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = (value, expires_at, size)
            self._bytes += size
            while self._bytes > self.max_bytes and self._entries:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[2]


# Fragments are small (a few kB each, a few per edition and generation).
LOCAL_COPIES_BYTES = 8 * 1024 * 1024
local_copies = LocalCopies(LOCAL_COPIES_BYTES)


def remember(
    name: str,
    compute: Callable[[], T],
    timeout: int,
    *,
    is_fresh: Callable[[T], bool] | None = None,
) -> T:
    """`compute()`, cached for `timeout` seconds under `name` and the current generation.

    None is cached too (an empty site must not query on every page). `is_fresh` may refuse a
    cached value early (banners whose start or end falls inside the cache window). This
    process keeps a copy (`local_copies`) until the shared entry expires.
    """
    try:
        key = f"{name}:{public_pages_generation()}"
        stored = local_copies.get(key)
        if stored is None:
            hit = cache.get(key)
            if hit is not None and len(hit) == 2 and hit[0] > time.time():
                stored = hit[1]
                local_copies.set(key, stored, hit[0])
    except Exception:  # the cache server is down: serve the page without it
        _owe_a_bump()
        logger.warning("cache unavailable while reading %s", name, exc_info=True)
        return compute()
    if stored is not None:
        value = pickle.loads(stored)
        if is_fresh is None or is_fresh(value):
            return value
    value = compute()
    stored = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    expires_at = time.time() + timeout
    try:
        cache.set(key, (expires_at, stored), timeout)
    except Exception:
        _owe_a_bump()
        logger.warning("cache unavailable while writing %s", name, exc_info=True)
    else:
        local_copies.set(key, stored, expires_at)
    return value


def per_request(request, name: str, compute: Callable[[], T]) -> T:
    """`compute()` once per request, however many template tags ask for it."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_newsroom_memo", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]
