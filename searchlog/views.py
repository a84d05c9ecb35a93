"""`POST /searchlog/seen/?t=<token>`: the search beacon's endpoint (searchlog/beacon.py)."""

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.popularity import is_reader
from core import ratelimit

from .beacon import read_token
from .services import record_search


@csrf_exempt  # anonymous and cookieless (sendBeacon from cached pages): nothing to forge
@never_cache
@require_POST
def search_seen(request):
    # Only our own pages send it; a page elsewhere cannot count searches (docs/abuse.md).
    if not ratelimit.is_same_origin(request):
        return HttpResponseForbidden("Not from this site")
    if not (verdict := ratelimit.hit("search_beacon", request)).allowed:
        return ratelimit.too_many(verdict)
    try:
        language, text, results = read_token(request.GET.get("t", ""))
    except (signing.BadSignature, ValueError, TypeError):
        return HttpResponseBadRequest("Not a search of this site")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest("Not an edition of this site")
    # Crawlers and scripts are not readers; neither are staff trying the search out.
    if is_reader(request) and not _is_staff(request):
        record_search(language, text, results)
    response = HttpResponse(status=204)
    response["X-Robots-Tag"] = "noindex"
    return response


def _is_staff(request) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # a reader: no session to read
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)
