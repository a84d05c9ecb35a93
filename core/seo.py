"""What search engines, feed readers and link previews read in a page's <head>.

`page_meta(context)` builds a `PageMeta` from what the view already put in the template
context (the article, section, tag or author), so views need not assemble it. It feeds
templates/includes/meta.html: canonical URL, hreflang alternates, Open Graph, Twitter card,
feed autodiscovery and, on article pages, JSON-LD NewsArticle and BreadcrumbList.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.dates import iso_format
from core.editions import current_language, edition_paths
from core.renditions import best_url

OG_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_US"}
LOGO = ("img/logo.png", 600, 60)
DESCRIPTION_CHARS = 200
# </script> inside JSON-LD would end the element: < > & become \u escapes, valid JSON.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass
class Feed:
    title: str
    mime_type: str
    url: str


@dataclass
class PageMeta:
    title: str
    description: str
    language: str
    site_name: str = field(default_factory=lambda: settings.SITE_NAME)
    canonical: str | None = None
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, url)
    og_type: str = "website"
    image: str | None = None
    image_width: int | None = None
    image_height: int | None = None
    image_alt: str = ""
    published_time: str | None = None
    modified_time: str | None = None
    section: str | None = None
    author_urls: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    feeds: list[Feed] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)

    @property
    def locale(self) -> str:
        return OG_LOCALES.get(self.language, self.language)

    @property
    def locale_alternates(self) -> list[str]:
        return [
            OG_LOCALES[code]
            for code, _url in self.alternates
            if code in OG_LOCALES and code != self.language
        ]

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"

    def json_ld_scripts(self) -> SafeString:
        return mark_safe("".join(json_ld_script(data) for data in self.json_ld))


def json_ld_script(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # escaped for <script> just above
    )


def page_meta(context) -> PageMeta:
    request = context["request"]
    lang = current_language()
    absolute = request.build_absolute_uri
    match = request.resolver_match
    view = match.view_name if match else ""
    meta = PageMeta(
        title=settings.SITE_NAME,
        description=_("News from Morocco and the world, in Arabic and French."),
        language=lang,
    )
    meta.feeds = [
        Feed(settings.SITE_NAME, "application/rss+xml", absolute(reverse("articles:feed_rss"))),
        Feed(settings.SITE_NAME, "application/atom+xml", absolute(reverse("articles:feed_atom"))),
    ]
    article = context.get("article")
    if view == "articles:detail" or (article is not None and context.get("preview")):
        _article_meta(meta, context, article, request)
    elif view == "articles:section" and context.get("section"):
        section = context["section"]
        meta.title = section.name
        meta.description = section.description or section.name
        _add_feeds(meta, request, section.name, "articles:section_feed", section.slug)
    elif view == "articles:tag" and context.get("tag"):
        tag = context["tag"]
        meta.title = tag.name
        meta.description = _("Articles tagged “%(tag)s”") % {"tag": tag.name}
        _add_feeds(meta, request, tag.name, "articles:tag_feed", tag.slug)
    elif view == "authors:detail" and context.get("author"):
        author = context["author"]
        meta.title = author.name
        meta.description = author.short_bio() or author.name
        meta.og_type = "profile"
        _add_feeds(meta, request, author.name, "authors:feed", author.slug)
    elif view.startswith("articles:archive") and context.get("title"):
        meta.title = f"{_('Archive')}: {context['title']}"
    meta.description = Truncator(" ".join(meta.description.split())).chars(DESCRIPTION_CHARS)

    if context.get("preview"):
        return meta  # a signed staff link: never a canonical or alternate URL (noindex)
    meta.canonical = absolute(_with_page(context.get("page"), request.path))
    paths = edition_paths(request, context.get("available_languages"))
    # This page in its own edition is the canonical URL; in the others, the equivalent page
    # that surely exists: page N of a listing need not exist there, its first page does.
    meta.alternates = [
        (code, meta.canonical if code == lang else absolute(path)) for code, path in paths.items()
    ]
    if view == "home":
        meta.alternates.append(("x-default", absolute("/")))
    elif settings.LANGUAGE_CODE in paths:
        main = dict(meta.alternates)[settings.LANGUAGE_CODE]
        meta.alternates.append(("x-default", main))
    return meta


def _with_page(page, path: str) -> str:
    """Page 2 and later of a listing are pages of their own; ?page=1 and other parameters
    are not. The number is the one the view resolved (articles.listing.paginate), never the
    raw parameter: a page that has no pages (the home page) has no ?page either."""
    number = getattr(page, "number", 1)
    return f"{path}?page={number}" if number > 1 else path


def _add_feeds(meta: PageMeta, request, name: str, url_name: str, slug: str) -> None:
    for suffix, mime_type in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        url = request.build_absolute_uri(reverse(f"{url_name}_{suffix}", args=[slug]))
        meta.feeds.append(Feed(f"{name} – {settings.SITE_NAME}", mime_type, url))


def _article_meta(meta: PageMeta, context, article, request) -> None:
    absolute = request.build_absolute_uri
    authors = context.get("authors") or []
    tags = context.get("tags") or []
    meta.title = article.title
    meta.description = article.lead or article.title
    meta.og_type = "article"
    meta.section = article.section.name
    meta.author_urls = [absolute(author.get_absolute_url()) for author in authors]
    meta.tags = [tag.name for tag in tags]
    published = article.publish_at
    modified = article.content_updated_at if article.was_updated() else published
    meta.published_time = iso_format(published) if published else None
    meta.modified_time = iso_format(modified) if modified else None
    # The 1200×630 social rendition (core/renditions.py), never the original upload.
    image, width, height = best_url(article.cover_renditions, "social", default_storage.url)
    if image:
        meta.image = absolute(image)
        meta.image_width, meta.image_height = width, height
        meta.image_alt = article.cover_alt
    if context.get("preview"):
        return
    url = absolute(article.get_absolute_url())
    logo, logo_width, logo_height = LOGO
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": Truncator(article.title).chars(110),
        "description": meta.description,
        "inLanguage": meta.language,
        "datePublished": meta.published_time,
        "dateModified": meta.modified_time,
        "articleSection": meta.section,
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute(reverse("home")),
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static(logo)),
                "width": logo_width,
                "height": logo_height,
            },
        },
    }
    if meta.image:
        news_article["image"] = [meta.image]
    if meta.tags:
        news_article["keywords"] = meta.tags
    with override(meta.language):
        home = absolute(reverse("home"))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": _("Home"), "item": home},
            {
                "@type": "ListItem",
                "position": 2,
                "name": article.section.name,
                "item": absolute(article.section.get_absolute_url()),
            },
            {"@type": "ListItem", "position": 3, "name": article.title, "item": url},
        ],
    }
    meta.json_ld = [news_article, breadcrumbs]
