"""Recording what readers search for, and forgetting it (docs/searchlog.md).

    record_search("ar", "الانتخابات الجماعية", 12)   # one upsert, never raises

Every search adds one to its week's row, in one SQL statement,
`INSERT … ON CONFLICT (week, language, normalized) DO UPDATE SET searches = searches + 1 …`,
on PostgreSQL and SQLite alike: two processes recording the same query at once both count,
and neither sees an IntegrityError. Rows are keyed on the normalized query
(articles.normalize: hamza, ة/ه, tashkeel, accents, case, spaces), so "Élections" and
"elections" are one line; the row shows the spelling typed last.

core/counters.py is not used: its keys are integer object ids with one number each, while a
search is keyed by text and carries two numbers and a spelling. Searches are recorded by a
beacon (searchlog/views.py), not by the page, so the write is never on a reader's page.
"""

from __future__ import annotations

import logging
import unicodedata
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from articles.normalize import normalize

from .models import MAX_QUERY_LENGTH, WeeklySearch

logger = logging.getLogger(__name__)

DEFAULT_KEEP_WEEKS = 52


def week_of(moment: datetime | date | None = None) -> date:
    """The Monday of the ISO week of `moment` (default now), in the site's time zone
    (TIME_ZONE, Africa/Casablanca)."""
    if moment is None:
        day = timezone.localdate()
    elif isinstance(moment, datetime):
        day = timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    else:
        day = moment
    return day - timedelta(days=day.weekday())


def display_text(text: str) -> str:
    """The query as typed, invisible characters (bidi marks, NUL…) and repeated spaces out,
    at most MAX_QUERY_LENGTH characters."""
    visible = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in text or "")
    return " ".join(visible.split())[:MAX_QUERY_LENGTH].rstrip()


_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def normalized_query(text: str, language: str) -> str:
    """The key a query is counted under: the search's normalization, spaces collapsed,
    casefolded, at most MAX_QUERY_LENGTH characters."""
    folded = " ".join(normalize(display_text(text), language).split()).casefold()
    return folded[:MAX_QUERY_LENGTH].rstrip()


def record_search(language: str, text: str, results: int) -> None:
    """Count one search of `text` in edition `language` that found `results` articles.

    An empty query is not recorded. Never raises: a problem is logged and the search is
    simply not counted.
    """
    try:
        _record(language, text, results)
    except Exception:
        logger.warning("searchlog: search not recorded", exc_info=True)


def _record(language: str, text: str, results: int) -> None:
    key = normalized_query(text, language)
    if not key:
        return
    now = timezone.now()
    db = router.db_for_write(WeeklySearch)
    connection = connections[db]
    if connection.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"searchlog: no upsert for {connection.vendor}")
    meta = WeeklySearch._meta
    qn = connection.ops.quote_name
    table = qn(meta.db_table)
    column = {name: qn(meta.get_field(name).column) for name in _COLUMNS}
    # The latest spelling wins, even when an older search's statement commits last.
    newer = f"excluded.{column['last_seen']} >= {table}.{column['last_seen']}"
    sql = (
        f"INSERT INTO {table} ({', '.join(column[name] for name in _COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(_COLUMNS))}) "
        f"ON CONFLICT ({column['week']}, {column['language']}, {column['normalized']}) "
        f"DO UPDATE SET {column['searches']} = {table}.{column['searches']} + 1, "
        f"{column['zero_results']} = {table}.{column['zero_results']} "
        f"+ excluded.{column['zero_results']}, "
        f"{column['text']} = CASE WHEN {newer} THEN excluded.{column['text']} "
        f"ELSE {table}.{column['text']} END, "
        f"{column['last_seen']} = CASE WHEN {newer} THEN excluded.{column['last_seen']} "
        f"ELSE {table}.{column['last_seen']} END"
    )
    params = [
        connection.ops.adapt_datefield_value(week_of(now)),
        language,
        key,
        display_text(text),
        1,
        1 if results <= 0 else 0,
        connection.ops.adapt_datetimefield_value(now),
    ]
    # Its own savepoint: inside a request's transaction, a failure here must not abort it.
    with transaction.atomic(using=db), connection.cursor() as cursor:
        cursor.execute(sql, params)


_COLUMNS = ("week", "language", "normalized", "text", "searches", "zero_results", "last_seen")


def keep_weeks() -> int:
    """SEARCHLOG_KEEP_WEEKS (newsroom/settings.py, from the environment; default 52)."""
    return int(getattr(settings, "SEARCHLOG_KEEP_WEEKS", DEFAULT_KEEP_WEEKS))


def prune(*, weeks: int | None = None, now: datetime | None = None) -> int:
    """Delete the weeks older than the last `weeks` (default SEARCHLOG_KEEP_WEEKS), the
    current week included in them; returns how many rows went."""
    weeks = keep_weeks() if weeks is None else weeks
    if weeks < 1:
        raise ValueError("searchlog: keep at least one week")
    oldest_kept = week_of(now) - timedelta(weeks=weeks - 1)
    deleted, _by_model = WeeklySearch.objects.filter(week__lt=oldest_kept).delete()
    return deleted
