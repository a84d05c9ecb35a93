"""Whole public pages cached for anonymous readers, and the HTTP caching headers of every
response (docs/caching.md).

`PageCacheMiddleware` answers an anonymous GET or HEAD of a public page from the cache when
it can, and otherwise stores the page the rest of the stack made. Never stale:

* Entries carry `core.cache.public_pages_generation()`: every change readers can see (articles
  through articles/services.py, sections, tags, authors, banners, magazine issues through
  `public_pages_changed`) bumps it after commit, so one bump makes every page stale at once.
* Some changes happen with no write at all: a scheduled article's time arrives, an article's
  expiry passes, a banner starts or ends, the date in the header turns at midnight. Apps
  register when their next such moment is (`register_next_change`); `next_change()` is the
  earliest, computed once per generation, and no page is kept (here or, through
  `Cache-Control`, by a CDN) beyond it.

Only what is the same for every reader is stored: GET/HEAD, no session cookie, a 200 of a
view named in `POLICIES`, without cookies set, without a CSRF token, without a
`Cache-Control` of its own. Everything else gets `Cache-Control: private, no-cache` unless it
says something itself (the admin, previews and the ad endpoints say `no-store`/`no-cache`).

The key also names the scheme, host, full path with query string and the encoding the
response was compressed in (core/compression.py runs inside this middleware, so the stored
body is already compressed: a hit costs a cache read and nothing else).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import set_response_etag

from .cache import generation_and, remember, request_scope
from .compression import negotiated_encoding

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Policy:
    """How long shared caches (a CDN) may keep a kind of page, and serve it stale while they
    fetch it again."""

    s_maxage: int
    stale_while_revalidate: int
    # How long a browser may keep it without asking again: 0 but for the search box's
    # suggestions (a reader retyping the same letters), which no purge needs to reach.
    max_age: int = 0


FRONT = Policy(60, 30)  # home, section, tag, author, search, archives, magazine archive
NEW_ARTICLE = Policy(120, 60)
OLD_ARTICLE = Policy(3600, 600)  # published more than OLD_ARTICLE_AFTER ago
FEED = Policy(300, 60)  # feeds, sitemaps, robots.txt
OLD_ARTICLE_AFTER = timedelta(days=2)
COVER = Policy(300, 0)  # /media/covers/…: gone once the article is (newsroom.views.media)
SUGGEST = Policy(60, 30, max_age=60)  # the header box's suggestions (articles:suggest)

# The views whose pages are the same for every reader, by URL name.
POLICIES: dict[str, Policy] = {
    "home": FRONT,
    "articles:detail": NEW_ARTICLE,
    "articles:section": FRONT,
    "articles:tag": FRONT,
    "articles:search": FRONT,
    "articles:suggest": SUGGEST,
    "articles:archive_year": FRONT,
    "articles:archive_month": FRONT,
    "articles:archive_day": FRONT,
    "authors:detail": FRONT,
    "magazine:archive": FRONT,
    "articles:feed_rss": FEED,
    "articles:feed_atom": FEED,
    "articles:section_feed_rss": FEED,
    "articles:section_feed_atom": FEED,
    "articles:tag_feed_rss": FEED,
    "articles:tag_feed_atom": FEED,
    "authors:feed_rss": FEED,
    "authors:feed_atom": FEED,
    "sitemap_index": FEED,
    "sitemap_section": FEED,
    "robots_txt": FEED,
}

NOT_SHARED = "private, no-cache"
HIT_HEADER = "X-Page-Cache"
# Vary values a stored page may carry: the encoding is in the key, and so is the language of
# pages outside the language prefixes (sitemaps, robots.txt: LocaleMiddleware varies them on
# Accept-Language); "Cookie" is dropped from public pages (they are the same with or without
# cookies, and session holders bypass the cache).
ALLOWED_VARY = {"accept-encoding", "accept-language", "cookie"}

# --- the next moment pages change without a write ------------------------------------------

_next_change_sources: list[Callable[[datetime], datetime | None]] = []


def register_next_change(source: Callable[[datetime], datetime | None]) -> None:
    """`source(now)` gives the next moment after `now` when public pages change with no write
    (a scheduled publication, an expiry, a banner's start or end), or None. Apps register
    theirs in `AppConfig.ready()`."""
    if source not in _next_change_sources:
        _next_change_sources.append(source)


def next_midnight(now: datetime) -> datetime:
    """Every page's header shows today's date (local time)."""
    local = timezone.localtime(now)
    tomorrow = (local + timedelta(days=1)).date()
    midnight = datetime(tomorrow.year, tomorrow.month, tomorrow.day)
    return timezone.make_aware(midnight, timezone.get_current_timezone())


def next_change(now: datetime | None = None) -> datetime:
    """The earliest moment after `now` when a page may change without a write.

    Cached under the generation (every write that could move it bumps the generation), and
    computed again once it has passed.
    """
    now = now or timezone.now()

    def compute() -> datetime:
        moments = [next_midnight(now)]
        for source in _next_change_sources:
            moment = source(now)
            if moment is not None and moment > now:
                moments.append(moment)
        return min(moments)

    return remember("next-change", compute, 24 * 3600, is_fresh=lambda moment: moment > now)


# --- HTTP caching headers ------------------------------------------------------------------


def cache_control(policy: Policy, now: datetime, until: datetime) -> str:
    """The public Cache-Control of a page of `policy`, never beyond `until`."""
    left = int((until - now).total_seconds())
    s_maxage = max(0, min(policy.s_maxage, left))
    # Serving stale is allowed only when no scheduled change falls in that window.
    stale = policy.stale_while_revalidate if s_maxage + policy.stale_while_revalidate < left else 0
    max_age = min(policy.max_age, s_maxage)
    value = f"public, max-age={max_age}, s-maxage={s_maxage}, must-revalidate"
    if stale:
        value = f"public, max-age={max_age}, s-maxage={s_maxage}, stale-while-revalidate={stale}"
    return value


def policy_for(request, response) -> Policy | None:
    """The page's policy when it may be shared, else None."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in POLICIES:
        return None
    policy = POLICIES[match.view_name]
    published_at = getattr(response, "newsroom_published_at", None)
    if policy is NEW_ARTICLE and published_at and timezone.now() - published_at > OLD_ARTICLE_AFTER:
        policy = OLD_ARTICLE
    return policy


def is_anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.headers.get(
        "Authorization"
    )


def may_share(request, response) -> bool:
    """True when `response` is the same for every reader and may be kept by any cache."""
    return (
        request.method in ("GET", "HEAD")
        and is_anonymous(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Cache-Control")
        and {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        <= ALLOWED_VARY
    )


def _without_cookie_vary(response) -> None:
    kept = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in kept if v.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif response.has_header("Vary"):
        del response["Vary"]


# --- the middleware ------------------------------------------------------------------------


class PageCacheMiddleware:
    """See the module's docstring. Place it after WhiteNoise and ConditionalGetMiddleware
    (so that hits answer 304 too), before GZip/Brotli compression and the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.respond(request)

    def respond(self, request):
        key = generation = None
        if (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and is_anonymous(request)
        ):
            key = self.key(request)
        if key is not None:
            generation, entry = self.read(key)
            if entry is not None and entry[0] == generation:
                return self.rebuild(entry)
        response = self.get_response(request)
        policy = policy_for(request, response) if may_share(request, response) else None
        if policy is None:
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = NOT_SHARED
            return response
        now = timezone.now()
        try:
            until = next_change(now)
        except Exception:
            logger.warning("next scheduled change unknown: page not cached", exc_info=True)
            response["Cache-Control"] = NOT_SHARED
            return response
        _without_cookie_vary(response)
        response["Cache-Control"] = cache_control(policy, now, until)
        if generation is not None and request.method == "GET":
            seconds = min(settings.PAGE_CACHE_SECONDS, int((until - now).total_seconds()))
            if seconds > 0:
                set_response_etag(response)
                response[HIT_HEADER] = "miss"
                self.write(key, generation, response, policy, until, seconds)
        return response

    @staticmethod
    def key(request) -> str:
        """The page's key: everything that changes the page but the generation, which the
        stored entry carries (one round trip reads both: `read`)."""
        language = translation.get_language_from_path(request.path_info) or (
            translation.get_language_from_request(request, check_path=False)
        )
        url = "|".join(
            (
                request.scheme,
                request.get_host(),
                request.get_full_path(),
                negotiated_encoding(request),
                language,
            )
        )
        digest = hashlib.sha256(url.encode()).hexdigest()
        return f"page:{digest}"

    @staticmethod
    def read(key: str) -> tuple[int | None, tuple | None]:
        """(the current generation, the entry stored under `key`); (None, None) when the
        cache is unreachable: the page is then neither read nor stored."""
        try:
            return generation_and(key)
        except Exception:
            logger.warning("cache unavailable: page cache bypassed", exc_info=True)
            return None, None

    @staticmethod
    def write(key, generation, response, policy: Policy, until: datetime, seconds: int) -> None:
        headers = [(k, v) for k, v in response.items() if k.lower() != "cache-control"]
        entry = (generation, response.status_code, headers, response.content, policy, until)
        try:
            cache.set(key, entry, seconds)
        except Exception:
            logger.warning("cache unavailable while writing a page", exc_info=True)

    @staticmethod
    def rebuild(entry) -> HttpResponse:
        _generation, status, headers, content, policy, until = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        now = timezone.now()
        response["Cache-Control"] = cache_control(policy, now, until)
        response[HIT_HEADER] = "hit"
        return response
