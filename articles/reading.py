"""The most-read beacon: `POST /<lang>/articles/<id>/read/`, sent by articles/reading.js.

Article pages are served from the page cache and from a CDN, where no view runs, so the
page view itself cannot count readings (docs/caching.md). The page's script posts here
once per page load; this endpoint is never cached. Crawlers (articles/popularity.py) and
anything but a published article are not counted.
"""

from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import ratelimit

from .models import Article
from .popularity import count_view, is_reader


@csrf_exempt  # anonymous and cookieless (sendBeacon from cached pages): nothing to forge
@never_cache
@require_POST
def article_read(request, pk: int):
    # Only our own pages send it; a page elsewhere cannot count views (docs/abuse.md).
    if not ratelimit.is_same_origin(request):
        return HttpResponseForbidden("Not from this site")
    if not (verdict := ratelimit.hit("read_beacon", request)).allowed:
        return ratelimit.too_many(verdict)
    if not Article.objects.published().filter(pk=pk).exists():
        raise Http404("No such article")
    if is_reader(request):
        count_view(pk)
    response = HttpResponse(status=204)
    response["X-Robots-Tag"] = "noindex"
    return response
