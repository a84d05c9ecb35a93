"""What follows a change to an author beyond its own row: the photo's renditions.

`Author.save()` writes the row only. Every writer (the admin, seed_demo, the test
factories) calls `author_saved()` once the author is saved and `authors_deleted()` once
authors are deleted, by name, as articles do (articles/services.py).
"""

from collections.abc import Iterable

from django.db import transaction

from core import renditions
from core.cache import invalidate_public_pages

from . import pictures


def author_saved(author) -> bool:
    """Make (or reuse) the photo's renditions and write their manifest to the row when it
    changed; the files the old manifest named and the new one does not are deleted after
    commit, unless another author shows that picture. A save that did not touch the photo
    reads it once and writes nothing. True when the row changed (cached pages that show
    the author are refreshed after commit)."""
    changed = pictures.regenerate(author)
    if changed:
        transaction.on_commit(invalidate_public_pages)
    return changed


def authors_deleted(authors: Iterable) -> None:
    """After authors are deleted: their photos' renditions go after commit, unless another
    author shows the same picture."""
    for author in authors:
        renditions.delete_after_commit(author, "photo_renditions", "photo_digest")
