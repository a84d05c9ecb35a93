"""Sitemaps for search engines, and robots.txt that points to them.

/sitemap.xml is an index of: each edition's articles (pages of ARTICLES_PER_PAGE), sections,
authors, tags, and one Google News sitemap per edition (articles of the last NEWS_WINDOW).
Every entry lists its hreflang alternates: the editions the page exists in (an article only
where it has a title), plus x-default for the main edition (settings.LANGUAGE_CODE).
Everything is read at request time from Article.objects.published(), so a scheduled article
appears when it goes live.

The article sitemaps read no more of the article table than the page they show, whatever its
size: one sitemap per edition, its articles in the order they were created (the primary key),
so a page is found from the listing indexes alone (its count and its first and last id, index-
only scans on PostgreSQL) and then read as a range of ids (IdRangePaginator). Django's i18n
sitemaps instead build every (article, edition) pair in Python, for the index's page count and
for every page (docs/performance.md).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import reduce
from html import escape
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from authors.models import Author
from core.editions import LANGUAGE_CODES
from core.urls import slug_url

from .models import Article, Section, Tag

ARTICLES_PER_PAGE = 5000  # the sitemap protocol allows 50,000 URLs (and 50 MB) per file
NEWS_WINDOW = timedelta(hours=48)
NEWS_MAX_ITEMS = 1000  # Google News reads at most 1,000 URLs per news sitemap
TITLE_FIELDS = tuple(f"title_{code}" for code in LANGUAGE_CODES)


def alternates(item: Article, protocol: str, domain: str) -> list[dict[str, str]]:
    """hreflang links of an article: every edition it exists in, and x-default for the main
    edition's page when there is one."""
    languages = item.available_languages()
    links = [
        {"lang_code": code, "location": f"{protocol}://{domain}{item.get_absolute_url_in(code)}"}
        for code in languages
    ]
    if settings.LANGUAGE_CODE in languages:
        main = next(link for link in links if link["lang_code"] == settings.LANGUAGE_CODE)
        links.append({"lang_code": "x-default", "location": main["location"]})
    return links


def article_lastmod(item: Article) -> datetime:
    return item.content_updated_at if item.was_updated() else item.publish_at


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


class IdRangePaginator(Paginator):
    """Pages of a queryset ordered by primary key, each read as a range of ids.

    The count and the page's first and last id come from the queryset's ids alone (on
    PostgreSQL an index-only scan of `article_public_idx`, which carries what public() tests);
    the page's rows are then `… WHERE id BETWEEN first AND last ORDER BY id`, a range of the
    primary key. Neither `OFFSET` over full rows nor `id IN (subquery)` (which the planner
    answers with a scan of the whole table once a page holds a few thousand ids).
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = self.object_list.filter(pk__gte=ids[0], pk__lte=ids[-1]) if ids else []
        return self._get_page(list(rows), number, self)

    @cached_property
    def count(self):
        return self.object_list.order_by().count()


class ArticleSitemap(Sitemap):
    """An edition's public articles, oldest first (a publication changes the last page only),
    each with its alternates in the other editions it exists in.

    Its pages are read as rows, not model instances, and written without the template
    engine (`urlset_xml`): at 5,000 entries a page, building Article instances and rendering
    sitemaps/sitemap.xml took four fifths of the time.
    """

    limit = ARTICLES_PER_PAGE
    protocol = None

    def __init__(self, language: str):
        self.language = language

    def items(self):
        return (
            Article.objects.public(self.language)
            .order_by("pk")
            .values_list(
                "pk", "slug", "publish_at", "content_updated_at", *TITLE_FIELDS, named=True
            )
        )

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def get_latest_lastmod(self):
        """The edition's newest publication (from the publication-time index). An edit of an
        older article shows in its entry's lastmod at once, and in the index's with the next
        publication: the latest text update has no index to be read from."""
        return (
            Article.objects.public(self.language)
            .order_by("-publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )

    def _urls(self, page, protocol, domain):
        """What Django's Sitemap._urls gives, each language's links made under one
        translation.override() for the whole page."""
        rows = self.paginator.page(page).object_list
        base = f"{protocol}://{domain}"
        links: dict[str, dict[int, str]] = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                # Article.get_absolute_url(), from the row's slug.
                links[code] = {
                    row.pk: base + slug_url("articles:detail", row.slug)
                    for row in rows
                    if getattr(row, f"title_{code}")
                }
        urls = []
        for row in rows:
            languages = [code for code in LANGUAGE_CODES if row.pk in links[code]]
            item_alternates = [
                {"lang_code": code, "location": links[code][row.pk]} for code in languages
            ]
            if settings.LANGUAGE_CODE in languages:
                item_alternates.append(
                    {"lang_code": "x-default", "location": links[settings.LANGUAGE_CODE][row.pk]}
                )
            updated = row.content_updated_at
            urls.append(
                {
                    "item": row,
                    "location": links[self.language][row.pk],
                    # Article.was_updated(): the text changed after publication.
                    "lastmod": updated if updated and updated > row.publish_at else row.publish_at,
                    "changefreq": None,
                    "priority": "",
                    "alternates": item_alternates,
                }
            )
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


def urlset_xml(urls) -> str:
    """sitemaps/sitemap.xml's output for `urls` (locations, lastmod, alternates), written
    directly: a few microseconds an entry instead of a quarter of a millisecond."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    zone = timezone.get_current_timezone()  # as the template's |date:"c"
    for url in urls:
        lastmod = url["lastmod"].astimezone(zone).isoformat()
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{escape(link["lang_code"])}" '
            f'href="{escape(link["location"])}"/>'
            for link in url["alternates"]
        )
        parts.append(
            f"<url><loc>{escape(url['location'])}</loc><lastmod>{lastmod}</lastmod>{links}</url>\n"
        )
    parts.append("</urlset>\n")
    return "".join(parts)


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
        return article_lastmod(item)

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
            url["alternates"] = alternates(item, protocol, domain)
        return urls


def news_section(code: str) -> str:
    return f"news-{code}"


def articles_section(code: str) -> str:
    return f"articles-{code}"


SITEMAPS: dict[str, Sitemap] = {
    **{articles_section(code): ArticleSitemap(code) for code in LANGUAGE_CODES},
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
    if section == "articles":
        # The articles of every edition were one sitemap until they became one per edition:
        # its pages no longer exist; the index lists the new ones.
        return HttpResponsePermanentRedirect(reverse("sitemap_index"))
    site = SITEMAPS.get(section)
    if isinstance(site, ArticleSitemap):
        return article_sitemap(request, site)
    template = "sitemaps/news.xml" if section.startswith("news-") else "sitemaps/sitemap.xml"
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=template)


def article_sitemap(request, site: ArticleSitemap) -> HttpResponse:
    """As django.contrib.sitemaps.views.sitemap answers, written by urlset_xml()."""
    try:
        urls = site.get_urls(
            page=request.GET.get("p", 1), site=get_current_site(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such sitemap page") from None
    response = HttpResponse(urlset_xml(urls), content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if urls:
        response.headers["Last-Modified"] = http_date(site.latest_lastmod.timestamp())
    return response


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
