"""Caching of public-page fragments, and their invalidation.

Cached fragments (banners, the latest magazine, most read) are keyed by
`public_pages_generation()`; bumping it makes all of them stale at once, with no need to know
which keys exist (works on locmem and Redis). A cache outage never takes a page down: the
value is then computed for this request only.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "public-pages-generation"
T = TypeVar("T")


def public_pages_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add() so that two processes starting together agree on the first value.
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate_public_pages() -> int:
    """Make every cached public fragment stale; returns the new generation."""
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:  # the key is missing (first run, or evicted)
        cache.add(GENERATION_KEY, 1, timeout=None)
        return cache.incr(GENERATION_KEY)


def remember(
    name: str,
    compute: Callable[[], T],
    timeout: int,
    *,
    is_fresh: Callable[[T], bool] | None = None,
) -> T:
    """`compute()`, cached for `timeout` seconds under `name` and the current generation.

    None is cached too (an empty site must not query on every page). `is_fresh` may refuse a
    cached value early (banners whose start or end falls inside the cache window).
    """
    try:
        key = f"{name}:{public_pages_generation()}"
        hit = cache.get(key)
    except Exception:  # the cache server is down: serve the page without it
        logger.warning("cache unavailable while reading %s", name, exc_info=True)
        return compute()
    if hit is not None and (is_fresh is None or is_fresh(hit[0])):
        return hit[0]
    value = compute()
    try:
        cache.set(key, (value,), timeout)
    except Exception:
        logger.warning("cache unavailable while writing %s", name, exc_info=True)
    return value


def per_request(request, name: str, compute: Callable[[], T]) -> T:
    """`compute()` once per request, however many template tags ask for it."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_newsroom_memo", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]
