"""What follows a change to an article beyond its own row, in one place.

`Article.save()` keeps only the row consistent (sanitized HTML, no bidi controls, a slug).
Everything else an article's text, cover or status feeds is brought up to date here, by name,
by whoever changed the article: the admin's save (articles/admin.py), the workflow's steps
and `publish_due` (articles/workflow.py), restoring a revision (articles/history.py) and the
seed command. A writer that goes around `save()` (`queryset.update()`, `bulk_create()`)
calls `articles_updated()` with the ids it wrote.

When each effect runs:

* The cover's renditions (core/renditions.py), right after the row is saved: their manifest
  is stored in the row (`cover_renditions`, `cover_digest`). The files are named after the
  cover's content, so a save that rolls back leaves at most files that nothing names, as
  the cover upload itself does; the renditions a change leaves unused are deleted after
  commit, unless another article shows the same picture.
* The body's pictures (articles/body_images.py), right after the row is saved, the same way.
  A writer that may change an existing article's body reads which uploads the stored bodies
  show before it writes (`body_pictures()`, one query) and passes them on
  (`pictures_before`), so the renditions of those the write takes out of every edition are
  deleted after commit, unless another article's body still shows them. Deleting articles
  deletes the renditions of their bodies' pictures the same way.
* The search documents (articles/search.py), in the same transaction: they are rows of the
  same database, so they commit or roll back with the text they index.
* The cached public fragments (core/cache.py), after commit: another process must not cache
  the old rows again between the bump and the commit.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q, Subquery

from core import renditions
from core.cache import invalidate_public_pages

from .body_images import body_sources, forget_removed, refresh_body_images
from .models import SEARCHED_FIELDS, STORED_LANGUAGES, Article
from .search import refresh_search_text

# The cover's renditions, by place (docs/media.md). The widths follow static/css/site.css:
# cards are 7.5rem to 24rem wide, the home lead and the article cover up to about 52rem;
# 2x screens take the next width up.
CARD = renditions.Spec("card", (320, 480, 640), (16, 9))
WIDE = renditions.Spec("wide", (640, 960, 1280, 1600), (16, 9))
SOCIAL = renditions.Spec("social", (1200,), (1200, 630), modern=())
COVER_SPECS = (CARD, WIDE, SOCIAL)
# Under covers/, so articles/media.py decides who may download them.
COVER_FOLDER = "covers/r"
COVER_FIELDS = {"cover", "cover_focal_x", "cover_focal_y"}


def article_saved(
    article: Article,
    *,
    fields: Iterable[str] | None = None,
    pictures_before: set[str] | None = None,
) -> None:
    """Bring what depends on `article` up to date after a save of `fields` (None: all of
    them, as a plain `save()` writes). Call it once the article's bylines and tags are saved
    too, inside the transaction that saved it.

    `pictures_before`: the uploads the stored bodies showed before the save, read by the
    writer with `body_pictures()` when it may change an existing article's body; the
    renditions of those the save took out are deleted after commit."""
    changed = _changed(fields)
    if changed is None or changed & COVER_FIELDS:
        refresh_cover_renditions(article)
    if changed is None or "body" in changed:
        refresh_body_images(article, before=pictures_before)
    if changed is None or changed & SEARCHED_FIELDS:
        refresh_search_text(Article.objects.filter(pk=article.pk))
    # Only a live article (or one whose status just moved) is on a public page.
    if article.status in Article.LIVE_STATUSES or (changed is not None and "status" in changed):
        transaction.on_commit(invalidate_public_pages)


def body_pictures(ids: Iterable[int]) -> dict[int, set[str]]:
    """The uploads each stored article's bodies show (every edition), by id: one query.
    A writer that may change bodies reads them before its write and passes them to
    `article_saved()` / `articles_updated()` (`pictures_before`)."""
    rows = Article.objects.filter(pk__in=list(ids)).values_list("pk", *BODY_COLUMNS)
    return {pk: body_sources(*bodies) for pk, *bodies in rows}


def articles_updated(
    ids: Iterable[int],
    *,
    fields: Iterable[str],
    pictures_before: dict[int, set[str]] | None = None,
) -> None:
    """The same for rows written without `save()`: `queryset.update(**fields)` or a
    `bulk_create()`, which name the fields they wrote. `pictures_before`: for an update of
    bodies, `body_pictures(ids)` read before it (the renditions of the pictures it took
    out are deleted after commit)."""
    ids = list(ids)
    if not ids:
        return
    changed = _changed(fields)
    if changed & COVER_FIELDS:
        for article in Article.objects.filter(pk__in=ids).only(*COVER_COLUMNS):
            refresh_cover_renditions(article)
    if "body" in changed:
        before = pictures_before or {}
        for article in Article.objects.filter(pk__in=ids).only(*BODY_COLUMNS):
            refresh_body_images(article, before=before.get(article.pk))
    if changed & SEARCHED_FIELDS:
        refresh_search_text(Article.objects.filter(pk__in=ids))
    transaction.on_commit(invalidate_public_pages)


def articles_deleted(articles: Iterable[Article]) -> None:
    """After articles are deleted (their search documents go with them, by cascade): the
    cached pages that listed a live one are refreshed after commit, and the renditions of
    their covers and of their bodies' pictures deleted after commit when no other article
    shows the same picture. Pass the deleted instances as they were loaded (their bodies
    and manifests; the rows are gone)."""
    articles = list(articles)
    shown: set[str] = set()
    for article in articles:
        if article.cover_renditions:
            _delete_after_commit(article.cover.storage, article.cover_renditions, {}, article.pk)
        loaded = article.__dict__
        shown |= body_sources(*(loaded.get(column) or "" for column in BODY_COLUMNS))
    forget_removed(shown, [article.pk for article in articles])
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


BODY_COLUMNS = tuple(f"body_{code}" for code in STORED_LANGUAGES)
COVER_COLUMNS = ("cover", "cover_focal_x", "cover_focal_y", "cover_renditions", "cover_digest")


def refresh_cover_renditions(article: Article, *, force: bool = False) -> bool:
    """Make the renditions of the stored cover (or reuse them: named after its content and
    focal point) and write their manifest to the row when it changed. The files the old
    manifest named and the new one does not are deleted after commit, unless another
    article still shows that picture. True when the row changed.

    A body image (helper for the body editor): `core.renditions.refresh()` with
    `BODY_SPECS`, markup by `core.renditions.picture_html()`."""
    old = article.cover_renditions or {}
    storage = article.cover.storage
    manifest = renditions.refresh(
        storage,
        article.cover.name if article.cover else "",
        COVER_SPECS,
        COVER_FOLDER,
        focal=(article.cover_focal_x, article.cover_focal_y),
        current=old,
        force=force,
    )
    digest = manifest.get("digest", "")
    if manifest == old and digest == article.cover_digest:
        return False
    article.cover_renditions, article.cover_digest = manifest, digest
    Article.objects.filter(pk=article.pk).update(cover_renditions=manifest, cover_digest=digest)
    _delete_after_commit(storage, old, manifest, article.pk)
    return True


def cover_renditions_done(article: Article) -> bool:
    """Whether the article's renditions are current (the regenerate command skips it)."""
    if not article.cover:
        return not article.cover_renditions
    return renditions.is_current(article.cover_renditions, COVER_SPECS)


def _delete_after_commit(storage, old: dict, new: dict, pk) -> None:
    if not renditions.manifest_names(old) - renditions.manifest_names(new):
        return

    def delete():
        digest = old.get("digest", "")
        still_used = (
            bool(digest) and Article.objects.filter(cover_digest=digest).exclude(pk=pk).exists()
        )
        renditions.delete_unused(storage, old, new, still_used=still_used)

    transaction.on_commit(delete)


def _changed(fields: Iterable[str] | None) -> set[str] | None:
    """The model fields behind `fields`, a translation naming its field (title_ar → title)."""
    if fields is None:
        return None
    suffixes = tuple(f"_{code}" for code in STORED_LANGUAGES)
    return {name.rsplit("_", 1)[0] if name.endswith(suffixes) else name for name in fields}
