"""Most read ("الأكثر قراءة"): article page views, counted without a write per view.

A view of an article page calls `record_view`, which only adds to newsroom.counters'
pending totals (Redis or this process). Flushes (`manage.py flush_counters`, or the
counters' own in-process autoflush) hand the totals to `add_views`, one upsert per batch
into ArticleViewHourly.

Hourly buckets make "the last 24 hours" mean 24 hours rather than "today and yesterday".
The counters API keeps one total per (object, day), so the hour travels in the object id:
`article_id * 24 + hour`, with the day of `when` taken in UTC (a naive UTC datetime), and
`add_views` splits them again. Buckets are UTC hours, so there is no daylight-saving gap.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

from django.db import connections, router, transaction
from django.db.models import Sum
from django.utils import timezone

from newsroom import counters
from newsroom.cache import remember

from .models import LISTING_DEFERRED, Article, ArticleViewHourly

KIND = "article_view"
MOST_READ_COUNT = 5
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
    """The UTC hour bucket of `now`, as an aware datetime."""
    now = (now or timezone.now()).astimezone(UTC)
    return now.replace(minute=0, second=0, microsecond=0)


def is_reader(request) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "")
    return request.method == "GET" and bool(agent) and not BOT_AGENTS.search(agent)


def record_view(request, article, *, now: datetime | None = None) -> None:
    """Count one reading of `article` (not HEAD, not bots); no database write."""
    if is_reader(request):
        count_view(article.pk, now=now)


def count_view(article_id: int, n: int = 1, *, now: datetime | None = None) -> None:
    hour = current_hour(now)
    counters.hit(KIND, article_id * 24 + hour.hour, n, when=hour.replace(tzinfo=None))


def add_views(rows: list[tuple[int, object, int]]) -> None:
    """counters' `apply` for KIND: add [(article_id*24+hour, utc_day, n), …] atomically.

    INSERT … ON CONFLICT (article, hour) DO UPDATE SET views = views + excluded.views, so
    concurrent flushes add up; views of deleted articles are dropped.
    """
    totals: dict[tuple[int, datetime], int] = {}
    for encoded, day, n in rows:
        article_id, hour = divmod(int(encoded), 24)
        key = (article_id, datetime.combine(day, time(hour), tzinfo=UTC))
        totals[key] = totals.get(key, 0) + n
    db = router.db_for_write(ArticleViewHourly)
    connection = connections[db]
    meta = ArticleViewHourly._meta
    qn = connection.ops.quote_name
    table = qn(meta.db_table)
    with transaction.atomic(using=db):
        existing = set(
            Article.objects.using(db)
            .filter(pk__in={article_id for article_id, _hour in totals})
            .values_list("pk", flat=True)
        )
        live = [(key, n) for key, n in totals.items() if key[0] in existing]
        with connection.cursor() as cursor:
            for start in range(0, len(live), 500):
                chunk = live[start : start + 500]
                values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                params = [
                    value
                    for (article_id, hour), n in chunk
                    for value in (article_id, connection.ops.adapt_datetimefield_value(hour), n)
                ]
                cursor.execute(
                    f"INSERT INTO {table} (article_id, hour, views) VALUES {values} "
                    f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {table}.views + excluded.views",
                    params,
                )


def flush() -> int:
    """Move the pending views to the database now; returns how many."""
    return counters.flush(KIND, add_views)


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
    """{"day": […], "week": […]} for the widget, cached a few minutes per edition."""
    return remember(
        f"most-read:{lang}",
        lambda: {name: most_read(lang, hours) for name, hours in WINDOWS.items()},
        CACHE_SECONDS,
    )
