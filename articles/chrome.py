"""The page frame's data, the same on every page of an edition: the section menu and the
latest headlines (the header's strip, the article page's sidebar).

Read once per generation and edition (core.cache.remember: any change readers can see makes
it stale), never kept beyond the next moment a scheduled article goes live or one expires
(core.pagecache.next_change), and once per request however many places ask
(core.cache.per_request). Views that list the sections themselves (home blocks, the search
form) take them from here rather than querying again.
"""

from django.utils import timezone

from core.cache import per_request, remember
from core.editions import current_language
from core.pagecache import next_change

from .models import PUBLIC_TITLE_COLUMNS, Article, Section

LATEST_HEADLINES = 8
# Writes bump the generation and scheduled changes end it sooner (next_change): this bound
# only limits how long an unchanged frame stays in the cache.
CHROME_SECONDS = 300


def site_chrome(request) -> dict:
    """{"sections": [...], "headlines": [...]} for the current edition."""
    return per_request(request, "chrome", lambda: _cached_chrome(current_language()))


def _cached_chrome(language: str) -> dict:
    def compute() -> dict:
        return {
            "until": next_change(timezone.now()),
            "sections": list(Section.objects.active()),
            "headlines": list(
                Article.objects.public()
                .newest()
                .only("slug", "publish_at", "is_breaking", *PUBLIC_TITLE_COLUMNS)[:LATEST_HEADLINES]
            ),
        }

    return remember(
        f"chrome:{language}",
        compute,
        CHROME_SECONDS,
        is_fresh=lambda value: timezone.now() < value["until"],
    )
