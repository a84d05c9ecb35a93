from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Article, Section

LATEST_HEADLINES = 8


def site(request):
    """Header data for public pages. Lazy: admin pages, which never show it, run no query."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.active())),
        "latest_headlines": SimpleLazyObject(
            lambda: list(
                Article.objects.public()
                .newest()
                .only("slug", "publish_at", "is_breaking", *_titles())[:LATEST_HEADLINES]
            )
        ),
    }


def _titles() -> list[str]:
    return [f"title_{code}" for code, _name in settings.LANGUAGES]
