"""Sitemaps for search engines, and robots.txt that points to them.

/sitemap.xml is an index of: articles (pages of ARTICLES_PER_PAGE), sections, authors, tags,
and one Google News sitemap per edition (articles of the last NEWS_WINDOW). Every entry
lists its hreflang alternates: the editions the page exists in (an article only where it
has a title), plus x-default for the main edition (settings.LANGUAGE_CODE). Everything is read at request
time from Article.objects.published(), so a scheduled article appears when it goes live.
"""

from __future__ import annotations

from datetime import timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, Max, OuterRef, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from authors.models import Author
from core.editions import LANGUAGE_CODES

from .models import Article, Section, Tag

ARTICLES_PER_PAGE = 5000
NEWS_WINDOW = timedelta(hours=48)
NEWS_MAX_ITEMS = 1000  # Google News reads at most 1,000 URLs per news sitemap
TITLE_FIELDS = tuple(f"title_{code}" for code in LANGUAGE_CODES)


class EditionsSitemap(Sitemap):
    """One <url> per page and edition, each listing its alternates and an x-default."""

    i18n = True
    alternates = True
    protocol = None  # the request's (http in development, https behind the proxy)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            locations = {alt["lang_code"]: alt["location"] for alt in url["alternates"]}
            if settings.LANGUAGE_CODE in locations:
                url["alternates"].append(
                    {"lang_code": "x-default", "location": locations[settings.LANGUAGE_CODE]}
                )
        return urls


class ArticleSitemap(EditionsSitemap):
    limit = ARTICLES_PER_PAGE

    def items(self):
        return (
            Article.objects.published()
            .order_by("-publish_at", "-id")
            .only("slug", "publish_at", "content_updated_at", *TITLE_FIELDS)
        )

    def get_languages_for_item(self, item: Article) -> list[str]:
        return item.available_languages()

    def lastmod(self, item: Article):
        return item.content_updated_at if item.was_updated() else item.publish_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default loop over every article.
        latest = Article.objects.published().aggregate(
            published=Max("publish_at"), updated=Max("content_updated_at")
        )
        return max(filter(None, latest.values()), default=None)


class SectionSitemap(EditionsSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.active()


class AuthorSitemap(EditionsSitemap):
    changefreq = "daily"

    def items(self):
        return Author.objects.active().order_by("slug")


class TagSitemap(EditionsSitemap):
    changefreq = "daily"

    def items(self):
        # Only the editions where the tag has a page: at least one public article there.
        public_in = {
            f"public_{code}": Exists(Article.objects.public(code).filter(tags=OuterRef("pk")))
            for code in LANGUAGE_CODES
        }
        tags = Tag.objects.annotate(**public_in)
        return tags.filter(reduce(or_, (Q(**{name: True}) for name in public_in))).order_by("slug")

    def get_languages_for_item(self, item: Tag) -> list[str]:
        return [code for code in LANGUAGE_CODES if getattr(item, f"public_{code}")]


class NewsSitemap(Sitemap):
    """Google News: the edition's articles of the last 48 hours, with publication data."""

    limit = NEWS_MAX_ITEMS
    protocol = None

    def __init__(self, language: str):
        self.language = language

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.public(self.language)
            .filter(publish_at__gte=since)
            .newest()
            .only("slug", "publish_at", "content_updated_at", *TITLE_FIELDS)[: self.limit]
        )

    def location(self, item: Article) -> str:
        return item.get_absolute_url_in(self.language)

    def lastmod(self, item: Article):
        return item.content_updated_at if item.was_updated() else item.publish_at

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            item = url["item"]
            url["news"] = {
                "name": settings.SITE_NAME,
                "language": self.language,
                "publication_date": item.publish_at,
                "title": getattr(item, f"title_{self.language}"),
            }
            languages = item.available_languages()
            url["alternates"] = [
                {
                    "lang_code": code,
                    "location": f"{protocol}://{domain}{item.get_absolute_url_in(code)}",
                }
                for code in languages
            ]
            if settings.LANGUAGE_CODE in languages:
                url["alternates"].append(
                    {
                        "lang_code": "x-default",
                        "location": f"{protocol}://{domain}"
                        f"{item.get_absolute_url_in(settings.LANGUAGE_CODE)}",
                    }
                )
        return urls


def news_section(code: str) -> str:
    return f"news-{code}"


SITEMAPS: dict[str, Sitemap] = {
    "articles": ArticleSitemap(),
    "sections": SectionSitemap(),
    "authors": AuthorSitemap(),
    "tags": TagSitemap(),
    **{news_section(code): NewsSitemap(code) for code in LANGUAGE_CODES},
}


# --- views (outside the language prefixes: newsroom/urls.py) --------------------------------


@require_safe
def sitemap_index(request):
    return sitemap_views.index(
        request,
        SITEMAPS,
        sitemap_url_name="sitemap_section",
    )


@require_safe
def sitemap_section(request, section: str):
    template = "sitemaps/news.xml" if section.startswith("news-") else "sitemaps/sitemap.xml"
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=template)


@require_safe
def robots_txt(request):
    base = f"{request.scheme}://{request.get_host()}"
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        # Search results are endless near-duplicate pages: readers' tool, not for indexes.
        *(f"Disallow: /{code}/search/" for code in LANGUAGE_CODES),
        "",
        f"Sitemap: {base}{reverse('sitemap_index')}",
        *(
            f"Sitemap: {base}{reverse('sitemap_section', args=[news_section(code)])}"
            for code in LANGUAGE_CODES
        ),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
