"""Invalidation of the public pages' cache.

Public views put `public_pages_generation()` into their cache keys; bumping it makes every
cached page stale at once, with no need to know which keys exist (works on locmem and Redis).
"""

from django.core.cache import cache

GENERATION_KEY = "public-pages-generation"


def public_pages_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add() so that two processes starting together agree on the first value.
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate_public_pages() -> int:
    """Make every cached public page stale; returns the new generation."""
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:  # the key is missing (first run, or evicted)
        cache.add(GENERATION_KEY, 1, timeout=None)
        return cache.incr(GENERATION_KEY)
