"""RSS 2.0 and Atom feeds of an edition, a section, an author and a tag.

One base class, `ArticleFeed`: a subclass only says which articles and how the feed is
named (`scope`). Items are `Article.objects.public()` at request time, so a scheduled
article enters the feeds when its time comes, with nothing to rebuild.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from authors.models import Author
from core import renditions

from .models import Article, Section, Tag

FEED_ITEMS = 30


@dataclass(frozen=True)
class FeedScope:
    title: str
    description: str
    link: str  # the page the feed belongs to
    articles: object  # an Article queryset, before the public() filter
    base_url: str  # scheme://host, for absolute enclosure URLs


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        # Feeds are read: a POST, PUT or DELETE is 405 (Django's Feed answers any method).
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().__call__(request, *args, **kwargs)

    def scope(self, request, **kwargs) -> FeedScope:
        raise NotImplementedError

    def get_object(self, request, **kwargs) -> FeedScope:
        return self.scope(request, **kwargs)

    def title(self, scope: FeedScope) -> str:
        return scope.title

    def subtitle(self, scope: FeedScope) -> str:
        return scope.description

    def description(self, scope: FeedScope) -> str:
        return scope.description

    def link(self, scope: FeedScope) -> str:
        return scope.link

    def author_name(self) -> str:
        # Atom needs an author for the feed (entries may then omit theirs).
        return settings.SITE_NAME

    def items(self, scope: FeedScope):
        articles = list(
            scope.articles.public()
            .for_listing()
            .with_authors()
            .prefetch_related("tags")
            .newest()[:FEED_ITEMS]
        )
        for article in articles:
            article.feed_base_url = scope.base_url  # for item_enclosures, which gets no request
        return articles

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # RSS descriptions and Atom summaries are HTML; the lead is plain text.
        return escape(item.lead)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article):
        return item.publish_at

    def item_updateddate(self, item: Article):
        return item.content_updated_at if item.was_updated() else item.publish_at

    def item_author_name(self, item: Article) -> str | None:
        names = [author.name for author in item.ordered_authors()]
        return ", ".join(names) or None

    def item_author_link(self, item: Article) -> str | None:
        bylines = list(item.bylines.all())
        if not bylines:
            return None
        return item.feed_base_url + bylines[0].author.get_absolute_url()

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        """The cover's 1200-wide social rendition (JPEG), never the original upload."""
        entries = renditions.entries_for(item.cover_renditions, "social")
        name = entries[-1].get("jpeg") if entries else None
        if not name:
            return []
        storage = item.cover.storage
        try:
            length = storage.size(name)
        except OSError:  # the file is gone from storage: no enclosure rather than an error
            return []
        mime_type = mimetypes.guess_type(name)[0] or "image/jpeg"
        return [Enclosure(item.feed_base_url + storage.url(name), str(length), mime_type)]


class AtomMixin:
    feed_type = Atom1Feed


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


class EditionFeed(ArticleFeed):
    def scope(self, request) -> FeedScope:
        return FeedScope(
            title=settings.SITE_NAME,
            description=_("News from Morocco and the world, in Arabic and French."),
            link=reverse("home"),
            articles=Article.objects.all(),
            base_url=_base_url(request),
        )


class SectionFeed(ArticleFeed):
    def scope(self, request, slug: str) -> FeedScope:
        section = get_object_or_404(Section.objects.active(), slug=slug)
        return FeedScope(
            title=f"{section.name} – {settings.SITE_NAME}",
            description=section.description or section.name,
            link=section.get_absolute_url(),
            articles=Article.objects.in_section(section),
            base_url=_base_url(request),
        )


class AuthorFeed(ArticleFeed):
    def scope(self, request, slug: str) -> FeedScope:
        author = get_object_or_404(Author.objects.active(), slug=slug)
        return FeedScope(
            title=f"{author.name} – {settings.SITE_NAME}",
            description=author.short_bio() or author.name,
            link=author.get_absolute_url(),
            articles=Article.objects.by_author(author),
            base_url=_base_url(request),
        )


class TagFeed(ArticleFeed):
    def scope(self, request, slug: str) -> FeedScope:
        tag = get_object_or_404(Tag.objects.with_public_articles(), slug=slug)
        return FeedScope(
            title=f"{tag.name} – {settings.SITE_NAME}",
            description=_("Articles tagged “%(tag)s”") % {"tag": tag.name},
            link=tag.get_absolute_url(),
            articles=Article.objects.filter(tags=tag),
            base_url=_base_url(request),
        )


class EditionAtomFeed(AtomMixin, EditionFeed):
    pass


class SectionAtomFeed(AtomMixin, SectionFeed):
    pass


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass
