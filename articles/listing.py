"""Helpers shared by the public listings: pagination that 404s, grouping by day, periods."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.utils import timezone

PAGE_SIZE = 20


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> Page:
    """The requested page; a page number that is not a positive integer in range is a 404."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or len(raw) > 6:
        raise Http404("Bad page number")
    paginator = Paginator(queryset, per_page, allow_empty_first_page=True)
    try:
        return paginator.page(int(raw))
    except InvalidPage:
        raise Http404("No such page") from None


@dataclass(frozen=True)
class Day:
    date: date
    articles: list


def group_by_day(articles) -> list[Day]:
    """Consecutive articles grouped under the local (Casablanca) day they were published."""
    return [
        Day(day, list(items))
        for day, items in groupby(articles, key=lambda a: timezone.localdate(a.publish_at))
    ]


def local_range(start: date, end: date) -> tuple[datetime, datetime]:
    """Aware datetimes bounding [start, end) in the site's time zone (index-friendly filters)."""
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end, time.min), tz),
    )


def month_after(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
