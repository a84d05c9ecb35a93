"""The weekend magazine: the latest issue for the widget, and download counting."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache

from . import counters
from .cache import public_pages_generation
from .models import MagazineDownloadStat, MagazineIssue

logger = logging.getLogger(__name__)

DOWNLOAD = "magazine_download"
_MISSING = "none"  # cached when there is no issue, so empty sites do not query every page


def latest_issue(lang: str) -> MagazineIssue | None:
    """The newest published issue of the `lang` edition: one query, then cached.

    Cached under the public-pages generation, which saving or deleting an issue bumps.
    """
    key = f"magazine-latest:{public_pages_generation()}:{lang}"
    try:
        cached = cache.get(key)
    except Exception:
        logger.warning("magazine: cache unavailable", exc_info=True)
        cached = None
    if cached is not None:
        return None if cached == _MISSING else cached
    issue = MagazineIssue.objects.public(lang).newest().first()
    try:
        cache.set(key, issue or _MISSING, settings.BANNER_CACHE_SECONDS)
    except Exception:
        logger.warning("magazine: cache unavailable", exc_info=True)
    return issue


def request_latest_issue(request, lang: str) -> MagazineIssue | None:
    memo = getattr(request, "_latest_magazine", None) if request is not None else None
    if memo is None or memo[0] != lang:
        memo = (lang, latest_issue(lang))
        if request is not None:
            request._latest_magazine = memo
    return memo[1]


def register_counters() -> None:
    counters.register(DOWNLOAD, counters.daily_adder(MagazineDownloadStat, "issue", "downloads"))
