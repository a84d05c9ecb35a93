"""Public pages of the articles app. Views stay thin: the querysets say what is public."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.generic.dates import DayArchiveView, MonthArchiveView, YearArchiveView

from authors.models import Author
from core.dates import format_date
from core.editions import current_language

from .listing import PaginatedOr404, group_by_day, paginate
from .models import Article, Section, Tag

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
    # Older articles may be kept longer by a CDN (core/pagecache.py). Readings are counted
    # by the page's beacon (articles/reading.py): cached pages run no view.
    response.newsroom_published_at = article.publish_at
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


def author_detail(request, slug):
    """An author's page: their public articles in this edition, newest first."""
    author = get_object_or_404(Author.objects.active(), slug=slug)
    page = paginate(request, Article.objects.public().by_author(author).for_listing().newest())
    return render(request, "authors/author_detail.html", {"author": author, "page": page})


class DateArchive(PaginatedOr404):
    """What the year, month and day archives share, on Django's date-based views.

    Periods without articles are pages that say so (not 404s); the queryset already holds
    back what is not public yet. "Earlier" and "later" lead to the nearest period that has
    articles (one query each). Years outside ARCHIVE_YEARS, and dates that do not exist,
    are 404s.
    """

    date_field = "publish_at"
    year_format, month_format, day_format = "%Y", "%m", "%d"
    allow_empty = True
    allow_future = True
    template_name = "articles/archive.html"
    level = "year"  # the period one page covers: "year", "month" or "day"

    def get_queryset(self):
        return Article.objects.public().for_listing().newest()

    def get_year(self):
        year = super().get_year()
        if not ARCHIVE_YEARS[0] <= int(year) <= ARCHIVE_YEARS[1]:
            raise Http404("Year out of range")
        return year

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # Django would truncate every row's date (on SQLite, a Python time-zone call per
        # article); the year page counts its months itself (ArticleQuerySet.count_by_month).
        return None

    def nearest(self, day: date, *, earlier: bool) -> date | None:
        """The first day of the nearest earlier (later) period that has articles."""
        current = getattr(self, f"_get_current_{self.level}")
        if earlier:
            bound = {"publish_at__lt": self._make_date_lookup_arg(current(day))}
            order = "-publish_at"
        else:
            following = getattr(self, f"_get_next_{self.level}")(day)
            bound = {"publish_at__gte": self._make_date_lookup_arg(following)}
            order = "publish_at"
        public = Article.objects.public().order_by()
        moment = public.filter(**bound).order_by(order).values_list(self.date_field, flat=True)
        moment = moment.first()
        return None if moment is None else current(timezone.localdate(moment))

    def title(self, start: date) -> str:
        return str(start.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start = context[self.level]
        context.update(
            level=self.level,
            title=self.title(start),
            start=start,
            days=group_by_day(context["page"].object_list),
            previous=context[f"previous_{self.level}"],
            following=context[f"next_{self.level}"],
        )
        return context


class YearArchive(DateArchive, YearArchiveView):
    make_object_list = True

    def get_previous_year(self, date):
        return self.nearest(date, earlier=True)

    def get_next_year(self, date):
        return self.nearest(date, earlier=False)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["start"].year
        counts = Article.objects.public().count_by_month(year)
        context["months"] = [(date(year, month, 1), count) for month, count in counts.items()]
        return context


class MonthArchive(DateArchive, MonthArchiveView):
    level = "month"

    def get_previous_month(self, date):
        return self.nearest(date, earlier=True)

    def get_next_month(self, date):
        return self.nearest(date, earlier=False)

    def title(self, start: date) -> str:
        return format_date(start, "month", get_language())


class DayArchive(DateArchive, DayArchiveView):
    """(Django also gives a day page its neighbouring months, without a query: unused.)"""

    level = "day"

    def get_previous_day(self, date):
        return self.nearest(date, earlier=True)

    def get_next_day(self, date):
        return self.nearest(date, earlier=False)

    def title(self, start: date) -> str:
        return format_date(start, "date", get_language())
