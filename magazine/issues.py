"""The weekend magazine: the latest issue for the widget, and download counting."""

from __future__ import annotations

import logging

from django.conf import settings

from core import counters
from core.cache import per_request, remember

from .models import MagazineDownloadStat, MagazineIssue

logger = logging.getLogger(__name__)

DOWNLOAD = "magazine_download"


def latest_issue(lang: str) -> MagazineIssue | None:
    """The newest published issue of the `lang` edition: one query, then cached.

    Cached under the public-pages generation, which saving or deleting an issue bumps.
    """
    return remember(
        f"magazine-latest:{lang}",
        lambda: MagazineIssue.objects.public(lang).newest().first(),
        settings.BANNER_CACHE_SECONDS,
    )


def request_latest_issue(request, lang: str) -> MagazineIssue | None:
    return per_request(request, f"magazine:{lang}", lambda: latest_issue(lang))


def register_counters() -> None:
    counters.register(DOWNLOAD, counters.adder(MagazineDownloadStat, "issue", "downloads"))
