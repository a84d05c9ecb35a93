"""Helpers shared by the public listings: pagination that 404s, grouping by day, periods."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

PAGE_SIZE = 20


# ASCII digits only: str.isdigit() also accepts "²", "①", "፱" (which int() refuses) and
# "٢" or "２" (which int() reads as 2). The site's own links write Western digits, and one
# page has one URL, so any other spelling is a bad page number.
_PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


def page_number(raw: str | None) -> int | None:
    """The page number a `?page=` value asks for, or None when it is not one (page 1 when absent)."""
    if raw is None:
        return 1
    if not _PAGE_NUMBER.fullmatch(raw):
        return None
    return int(raw) or None


class IdsFirstPaginator(Paginator):
    """A Paginator whose pages are read in one query that skips over ids only.

    `OFFSET n` over full rows (joined to their section) makes page 1,000 read and join
    20,000 rows; here the skipping happens in a subquery that selects ids alone, walking
    the listing's index, and only the page's 20 rows are read in full and joined:
    `… WHERE id IN (SELECT id … ORDER BY … LIMIT 20 OFFSET n) ORDER BY …`.
    Same URLs (`?page=N`), same pages.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        ids = rows.values("pk")[bottom:top]
        return self._get_page(list(rows.filter(pk__in=ids)), number, self)


class CountedRowsPaginator(Paginator):
    """A Paginator over `(pk, total)` rows, `total` being `COUNT(*) OVER ()`: the page and
    the number of rows come from one query, not from a count and then the page (for a
    search, each would match and rank again). Its pages hold the ids."""

    def page(self, number):
        if "count" not in self.__dict__ and page_number(str(number)) is not None:
            bottom = (int(number) - 1) * self.per_page
            rows = list(self.object_list[bottom : bottom + self.per_page])
            if rows:
                self.count = rows[0][1]
                self.validate_number(number)
                return self._get_page([pk for pk, _total in rows], int(number), self)
        # Past the end (or a bad number): the count says which, as for any Paginator.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list[bottom : bottom + self.per_page]
        return self._get_page([pk for pk, _total in rows], number, self)

    @cached_property
    def count(self):
        return self.object_list.count()


def page_or_404(paginator: Paginator, raw: str | None) -> Page:
    """The page `?page=raw` asks for; a number that is not a positive integer in range is a
    404 (so is "last", which Django's ListView would also accept: one page, one URL)."""
    number = page_number(raw)
    if number is None:
        raise Http404("Bad page number")
    try:
        return paginator.page(number)
    except InvalidPage:
        raise Http404("No such page") from None


def paginate(request, queryset, per_page: int = PAGE_SIZE, *, ids_first: bool = True) -> Page:
    """The requested page of `queryset`, for function views (see PaginatedOr404).

    `ids_first=False` for a queryset whose ordering is itself the costly part (search
    ranking): IdsFirstPaginator would compute it twice."""
    paginator_class = IdsFirstPaginator if ids_first else Paginator
    return page_or_404(
        paginator_class(queryset, per_page, allow_empty_first_page=True),
        request.GET.get("page"),
    )


class PaginatedOr404:
    """For a ListView (or a date-based archive view): its pagination with the site's page
    numbers (page_or_404), an empty first page allowed, and the page as `page` in the
    context, as the pagination include, the edition switcher and the canonical URL read it.
    """

    paginate_by = PAGE_SIZE
    paginator_class = IdsFirstPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = page_or_404(paginator, self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = context["page_obj"]
        return context


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
