"""What follows a change to an article beyond its own row, in one place.

`Article.save()` keeps only the row consistent (sanitized HTML, no bidi controls, a slug).
Everything else an article's text, cover or status feeds is brought up to date here, by name,
by whoever changed the article: the admin's save (articles/admin.py), the workflow's steps
and `publish_due` (articles/workflow.py), restoring a revision (articles/history.py) and the
seed command. A writer that goes around `save()` (`queryset.update()`, `bulk_create()`)
calls `articles_updated()` with the ids it wrote.

When each effect runs:

* The cover's thumbnail, right after the row is saved: its name is stored in the row
  (`cover_thumb`). The file is named after the cover's content (core/images.py), so a save
  that rolls back leaves at most a file that nothing names, as the cover upload itself does.
* The search documents (articles/search.py), in the same transaction: they are rows of the
  same database, so they commit or roll back with the text they index.
* The cached public fragments (core/cache.py), after commit: another process must not cache
  the old rows again between the bump and the commit.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q, Subquery

from core.cache import invalidate_public_pages
from core.images import store_rendition

from .models import SEARCHED_FIELDS, STORED_LANGUAGES, Article
from .search import refresh_search_text

THUMBNAIL_FOLDER = "covers/thumbs"


def article_saved(article: Article, *, fields: Iterable[str] | None = None) -> None:
    """Bring what depends on `article` up to date after a save of `fields` (None: all of
    them, as a plain `save()` writes). Call it once the article's bylines and tags are saved
    too, inside the transaction that saved it."""
    changed = _changed(fields)
    if changed is None or "cover" in changed:
        refresh_thumbnail(article)
    if changed is None or changed & SEARCHED_FIELDS:
        refresh_search_text(Article.objects.filter(pk=article.pk))
    # Only a live article (or one whose status just moved) is on a public page.
    if article.status in Article.LIVE_STATUSES or (changed is not None and "status" in changed):
        transaction.on_commit(invalidate_public_pages)


def articles_updated(ids: Iterable[int], *, fields: Iterable[str]) -> None:
    """The same for rows written without `save()`: `queryset.update(**fields)` or a
    `bulk_create()`, which name the fields they wrote."""
    ids = list(ids)
    if not ids:
        return
    changed = _changed(fields)
    if "cover" in changed:
        for article in Article.objects.filter(pk__in=ids).only("cover", "cover_thumb"):
            refresh_thumbnail(article)
    if changed & SEARCHED_FIELDS:
        refresh_search_text(Article.objects.filter(pk__in=ids))
    transaction.on_commit(invalidate_public_pages)


def articles_deleted(articles: Iterable[Article]) -> None:
    """After articles are deleted (their search documents go with them, by cascade): the
    cached pages that listed a live one are refreshed after commit."""
    if any(article.status in Article.LIVE_STATUSES for article in articles):
        transaction.on_commit(invalidate_public_pages)


def next_scheduled_change(now: datetime) -> datetime | None:
    """The next moment after `now` when an article appears (its scheduled time) or leaves
    (its expiry) with no write at all: no cached page may outlive it (core/pagecache.py).
    One query: the two rows found by index order, whichever comes first."""
    live = Article.objects.filter(status__in=Article.LIVE_STATUSES).order_by()
    due = live.filter(publish_at__gt=now).order_by("publish_at").values("pk")[:1]
    expiring = live.filter(unpublish_at__gt=now).order_by("unpublish_at").values("pk")[:1]
    rows = (
        Article.objects.filter(Q(pk=Subquery(due)) | Q(pk=Subquery(expiring)))
        .order_by()
        .values_list("publish_at", "unpublish_at")
    )
    moments = [m for row in rows for m in row if m is not None and m > now]
    return min(moments, default=None)


def refresh_thumbnail(article: Article) -> None:
    """The listing thumbnail of the stored cover, named after the cover's content; written
    to the row only when it changed."""
    thumbnail = ""
    if article.cover:
        width, height = Article.THUMB_SIZE
        thumbnail = store_rendition(
            article.cover.storage, article.cover.name, THUMBNAIL_FOLDER, width, height
        )
    if thumbnail != (article.cover_thumb.name or ""):
        article.cover_thumb = thumbnail
        Article.objects.filter(pk=article.pk).update(cover_thumb=thumbnail)


def _changed(fields: Iterable[str] | None) -> set[str] | None:
    """The model fields behind `fields`, a translation naming its field (title_ar → title)."""
    if fields is None:
        return None
    suffixes = tuple(f"_{code}" for code in STORED_LANGUAGES)
    return {name.rsplit("_", 1)[0] if name.endswith(suffixes) else name for name in fields}
