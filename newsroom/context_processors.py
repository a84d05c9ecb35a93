from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.chrome import site_chrome


def site(request):
    """Header data for public pages (articles/chrome.py). Lazy: admin pages, which never
    show it, read nothing."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: site_chrome(request)["sections"]),
        "latest_headlines": SimpleLazyObject(lambda: site_chrome(request)["headlines"]),
    }
