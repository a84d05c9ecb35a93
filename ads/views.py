"""Banner endpoints: the slot filler that ads.js calls, and the click redirect.

Both are never cached: they are what keeps rotation and counts right on cached pages.
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import counters

from . import banners
from .models import Banner, Slot

# Crawlers and link previews are not readers: they neither see nor click an ad.
BOT_AGENTS = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|headless", re.I)
MAX_SLOTS = len(Slot.values)


def _is_bot(request) -> bool:
    return bool(BOT_AGENTS.search(request.headers.get("User-Agent", "")))


@never_cache
@require_safe
def fill(request):
    """`/ads/fill/?lang=ar&slots=header,sidebar` → {"slots": {"header": "<a…>", …}}.

    A slot with nothing eligible comes back empty (ads.js then removes its box). Each
    banner sent counts one impression, except for crawlers and HEAD requests.
    """
    lang = request.GET.get("lang", "")
    if lang not in dict(settings.LANGUAGES):
        return JsonResponse({"error": "unknown language"}, status=400)
    wanted = []
    for slot in request.GET.get("slots", "").split(","):
        if slot in Slot.values and slot not in wanted:
            wanted.append(slot)
    if not wanted:
        return JsonResponse({"slots": {}})
    if request.method == "HEAD" or _is_bot(request):
        now = timezone.now()
        slots = {
            slot: (c.html if (c := banners.choose(banners.eligible(lang, slot, now))) else "")
            for slot in wanted[:MAX_SLOTS]
        }
    else:
        slots = banners.fill(lang, wanted[:MAX_SLOTS])
    response = JsonResponse({"slots": slots})
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def click(request, token: str):
    """Count the click and send the reader to the banner's own stored link, nowhere else.

    A token that was not signed by us, or names a banner that is unknown, switched off or
    outside its dates, is a 404: the URL can never be made to redirect elsewhere.
    """
    banner_id = banners.banner_id_from_token(token)
    if banner_id is None:
        raise Http404("Unknown banner")
    banner = (
        Banner.objects.filter(pk=banner_id)
        .only("link_url", "is_active", "starts_at", "ends_at")
        .first()
    )
    if banner is None or not banner.is_running():
        raise Http404("Unknown banner")
    if request.method == "GET" and not _is_bot(request):
        counters.hit(banners.CLICK, banner.pk)
    response = HttpResponseRedirect(banner.link_url)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
