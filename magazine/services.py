"""What follows a change to a magazine issue beyond its own row: its cover's renditions.

`MagazineIssue.save()` writes the row only. Every writer (the admin, magazine/demo.py, the
test factories) calls `issue_saved()` once the issue is saved and `issues_deleted()` once
issues are deleted, by name, as articles do (articles/services.py).
"""

from collections.abc import Iterable

from django.db import transaction

from core import renditions
from core.cache import invalidate_public_pages

from . import pictures


def issue_saved(issue) -> bool:
    """Make (or reuse) the cover's renditions and write their manifest to the row when it
    changed; the files the old manifest named and the new one does not are deleted after
    commit, unless another issue shows that picture. True when the row changed (cached
    pages, which show the latest issue, are refreshed after commit)."""
    changed = pictures.regenerate(issue)
    if changed:
        transaction.on_commit(invalidate_public_pages)
    return changed


def issues_deleted(issues: Iterable) -> None:
    """After issues are deleted: their covers' renditions go after commit, unless another
    issue shows the same picture."""
    for issue in issues:
        renditions.delete_after_commit(issue, "cover_renditions", "cover_digest")
