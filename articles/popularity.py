"""Most read ("الأكثر قراءة"): article page views, counted without a write per view.

Article pages post a beacon (articles/reading.py, articles/reading.js: the page itself may
come from the page cache or a CDN, where no view runs), which only adds to core.counters'
pending totals (Redis or this process). Flushes (`manage.py flush_counters`, or the
counters' own in-process autoflush) add them to ArticleViewHourly, one upsert per batch.

The kind counts per UTC hour (not per day), so "the last 24 hours" means 24 hours rather
than "today and yesterday", with no daylight-saving gap.
"""

from __future__ import annotations

import re
from copy import copy
from datetime import datetime, timedelta

from django.db.models import Sum

from core import counters
from core.cache import remember

from .models import LISTING_DEFERRED, Article, ArticleViewHourly

KIND = "article_view"
MOST_READ_COUNT = 5
# Ranked beyond the five shown, so that an article leaving the site is replaced at once.
MOST_READ_SPARE = 5
WINDOWS = {"day": 24, "week": 7 * 24}  # hours
CACHE_SECONDS = 5 * 60
# Crawlers, link previews and scripts: their visits are not readings. A request without
# a User-Agent at all is a script too.
BOT_AGENTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"curl|wget|python|java/|go-http|httpclient|okhttp|headless|lighthouse|pingdom|monitor",
    re.IGNORECASE,
)


def current_hour(now: datetime | None = None) -> datetime:
    """The UTC hour bucket of `now`, the same the counters file views under."""
    return counters.hour_bucket(now)


def is_reader(request) -> bool:
    """Not a crawler, a link preview or a script (the beacon is a POST: not HEAD either)."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    return request.method in ("GET", "POST") and bool(agent) and not BOT_AGENTS.search(agent)


def count_view(article_id: int, n: int = 1, *, now: datetime | None = None) -> None:
    counters.hit(KIND, article_id, n, when=now)


def register_counters() -> None:
    counters.register(
        KIND, counters.adder(ArticleViewHourly, "article", "views", bucket_field="hour"), per="hour"
    )


def flush() -> int:
    """Move the pending views to the database now; returns how many."""
    return counters.flush(KIND)


def most_read(lang: str, hours: int, limit: int = MOST_READ_COUNT, *, now=None) -> list[Article]:
    """The most read public articles of edition `lang` over the last `hours` hours (one query).

    "The last 24 hours" are the current hour's bucket and the 23 before it.
    """
    since = current_hour(now) - timedelta(hours=hours - 1)
    return list(
        Article.objects.public(lang)
        .filter(hourly_views__hour__gte=since)
        .annotate(recent_views=Sum("hourly_views__views"))
        .defer(*LISTING_DEFERRED)
        .order_by("-recent_views", "-publish_at", "-id")[:limit]
    )


def most_read_lists(lang: str) -> dict[str, list[Article]]:
    """{"day": […], "week": […]} for the widget.

    The ranking (ids and view counts, a few more than shown) is cached a few minutes per
    edition; the articles are re-read from the public queryset on every render, so one that
    expires or is unpublished leaves the widget at once, its place taken by the next one.
    """
    fresh: dict[str, list[Article]] = {}

    def rank() -> dict[str, list[tuple[int, int]]]:
        for name, hours in WINDOWS.items():
            fresh[name] = most_read(lang, hours, MOST_READ_COUNT + MOST_READ_SPARE)
        return {name: [(a.pk, a.recent_views) for a in found] for name, found in fresh.items()}

    ranking = remember(f"most-read:{lang}", rank, CACHE_SECONDS)
    if fresh:  # ranked just now, from the public queryset: nothing to check again
        return {name: found[:MOST_READ_COUNT] for name, found in fresh.items()}
    wanted = {pk for ranked in ranking.values() for pk, _views in ranked}
    live = (
        Article.objects.public(lang).filter(pk__in=wanted).defer(*LISTING_DEFERRED).in_bulk()
        if wanted
        else {}
    )
    lists = {}
    for name, ranked in ranking.items():
        shown = []
        for pk, views in ranked:
            if pk in live and len(shown) < MOST_READ_COUNT:
                article = copy(live[pk])  # an article may be in both lists
                article.recent_views = views
                shown.append(article)
        lists[name] = shown
    return lists
