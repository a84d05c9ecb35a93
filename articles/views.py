"""Public pages of the articles app. Views stay thin: the querysets say what is public."""

from datetime import date, timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from core.dates import format_date
from core.editions import current_language

from .listing import group_by_day, local_range, month_after, paginate
from .models import Article, Section, Tag
from .popularity import record_view

ARCHIVE_YEARS = (1990, 2100)


def article_detail(request, slug):
    lang = current_language()
    article = Article.objects.published().select_related("section").filter(slug=slug).first()
    if article is None:
        raise Http404("No such article")
    if not article.is_available_in(lang):
        # The article exists, but not in this edition: say where to read it, as a 404.
        editions = [
            (code, article.get_absolute_url_in(code)) for code in article.available_languages()
        ]
        return render(request, "404.html", {"other_editions": editions}, status=404)
    record_view(request, article)  # most read: counted in memory, flushed in batches
    return render_article(request, article)


def render_article(request, article, *, preview: bool = False):
    """The public article page for `article` (also the staff preview, with preview=True).

    A preview is marked as such, carries noindex and is never cached.
    """
    public = Article.objects.public()
    tags = list(article.tags.all())
    related = public.related_to(article, [tag.pk for tag in tags]).for_listing() if tags else []
    context = {
        "article": article,
        "authors": article.ordered_authors(),
        "tags": tags,
        "same_section": list(public.same_section_as(article).for_listing()),
        "related": list(related),
        "available_languages": article.available_languages(),
        "preview": preview,
        "current_section_slug": article.section.slug,
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def section_detail(request, slug):
    section = get_object_or_404(Section.objects.active(), slug=slug)
    page = paginate(request, Article.objects.public().in_section(section).for_listing().newest())
    return render(
        request,
        "articles/section_detail.html",
        {
            "section": section,
            "page": page,
            "days": group_by_day(page.object_list),
            "current_section_slug": section.slug,
        },
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag.objects.with_public_articles(), slug=slug)
    page = paginate(request, Article.objects.public().filter(tags=tag).for_listing().newest())
    return render(
        request,
        "articles/tag_detail.html",
        {"tag": tag, "page": page, "days": group_by_day(page.object_list)},
    )


def _archive_date(year: int, month: int = 1, day: int = 1) -> date:
    if not ARCHIVE_YEARS[0] <= year <= ARCHIVE_YEARS[1]:
        raise Http404("Year out of range")
    try:
        return date(year, month, day)
    except ValueError:
        raise Http404("No such date") from None


def _archive(request, *, start: date, end: date, level: str, title: str, previous, following):
    public = Article.objects.public()
    articles = public.published_between(*local_range(start, end)).for_listing().newest()
    page = paginate(request, articles)
    months = []
    if level == "year":
        counts = public.count_by_month(start.year)
        months = [(date(start.year, month, 1), count) for month, count in counts.items()]
    return render(
        request,
        "articles/archive.html",
        {
            "level": level,
            "title": title,
            "start": start,
            "page": page,
            "days": group_by_day(page.object_list),
            "months": months,
            "previous": previous,
            "following": following,
        },
    )


def _neighbours(start: date, end: date, unit: str):
    """The closest earlier and later periods that have articles (one query each)."""
    public = Article.objects.public().order_by()
    lower, upper = local_range(start, end)
    before = (
        public.filter(publish_at__lt=lower)
        .order_by("-publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    after = (
        public.filter(publish_at__gte=upper)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )

    def period(moment):
        if moment is None:
            return None
        local = timezone.localdate(moment)
        return {"year": local.replace(month=1, day=1), "month": local.replace(day=1), "day": local}[
            unit
        ]

    return period(before), period(after)


def archive_year(request, year: int):
    start = _archive_date(year)
    end = date(year + 1, 1, 1)
    previous, following = _neighbours(start, end, "year")
    return _archive(
        request,
        start=start,
        end=end,
        level="year",
        title=str(year),
        previous=previous,
        following=following,
    )


def archive_month(request, year: int, month: int):
    start = _archive_date(year, month)
    end = month_after(start)
    previous, following = _neighbours(start, end, "month")
    title = format_date(start, "month", get_language())
    return _archive(
        request,
        start=start,
        end=end,
        level="month",
        title=title,
        previous=previous,
        following=following,
    )


def archive_day(request, year: int, month: int, day: int):
    start = _archive_date(year, month, day)
    end = start + timedelta(days=1)
    previous, following = _neighbours(start, end, "day")
    title = format_date(start, "date", get_language())
    return _archive(
        request,
        start=start,
        end=end,
        level="day",
        title=title,
        previous=previous,
        following=following,
    )
