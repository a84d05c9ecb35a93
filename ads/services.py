"""What follows a change to a banner beyond its own row: its images' renditions.

`Banner.save()` writes the row only. Every writer (the admin, ads/demo.py, the test
factories) calls `banner_saved()` once the banner is saved and `banners_deleted()` once
banners are deleted, by name, as articles do (articles/services.py).
"""

from collections.abc import Iterable

from django.db import transaction

from core import renditions
from core.cache import invalidate_public_pages

from . import pictures


def banner_saved(banner) -> bool:
    """Make (or reuse) the renditions of both images (the slot's sizes, ads/pictures.py)
    and write their manifests to the row when they changed; the files the old manifests
    named and the new ones do not are deleted after commit, unless another banner shows
    that picture. True when the row changed (cached pages are refreshed after commit)."""
    changed = pictures.regenerate(banner)
    if changed:
        transaction.on_commit(invalidate_public_pages)
    return changed


def banners_deleted(banners: Iterable) -> None:
    """After banners are deleted: their images' renditions go after commit, unless another
    banner shows the same picture."""
    for banner in banners:
        for manifest_attr, digest_attr in pictures.DELETE_WITH:
            renditions.delete_after_commit(banner, manifest_attr, digest_attr)
