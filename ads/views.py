"""Banner endpoints: the slot filler that ads.js calls, and the click redirect.

Both are never cached: they are what keeps rotation and counts right on cached pages.
"""

import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import counters, ratelimit

from . import banners
from .models import Banner, Slot

logger = logging.getLogger(__name__)

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
    if not (verdict := ratelimit.hit("ads_fill", request)).allowed:
        return ratelimit.too_many(verdict)
    if request.method == "HEAD" or _is_bot(request):
        now = timezone.now()
        slots = {
            slot: (c.html if (c := banners.choose(banners.eligible(lang, slot, now))) else "")
            for slot in wanted[:MAX_SLOTS]
        }
    else:
        slots = banners.fill(lang, wanted[:MAX_SLOTS], address=ratelimit.reader_key(request))
    response = JsonResponse({"slots": slots})
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def click(request, token: str):
    """Send the reader to the banner's own stored link, nowhere else; count the click if it
    is one (`_counts`).

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
    if _counts(request, banner.pk):
        counters.hit(banners.CLICK, banner.pk)
    response = HttpResponseRedirect(banner.link_url)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# A click is a top-level navigation from one of our pages: not an <img>, <script> or fetch
# of the URL, nor a link followed from another site or typed in.
NAVIGATION = {"Sec-Fetch-Dest": {"document"}, "Sec-Fetch-Mode": {"navigate"}}
CLICK_SITES = {"same-origin", "same-site"}


def _counts(request, banner_id: int) -> bool:
    """Whether this request is a reader's click to count (ads/README.md, "Counting clicks"):
    a GET by a browser, navigating from our page (when the browser says so), carrying an
    unexpired impression token of this banner issued to this address, never used before,
    this address's first counted click on the banner in ADS_CLICK_WINDOW, and within the
    address's rate limit. A cache outage skips the once-only checks (fails open); the
    signed, address-bound, expiring token is still required."""
    if request.method != "GET" or _is_bot(request):
        return False
    for header, allowed in NAVIGATION.items():
        value = request.headers.get(header)
        if value is not None and value not in allowed:
            return False
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in CLICK_SITES:
        return False
    address = ratelimit.reader_key(request)
    nonce = banners.read_impression_token(request.GET.get("i", ""), banner_id, address)
    if nonce is None:
        return False
    if not ratelimit.hit("ads_click", request).allowed:
        return False
    window = settings.ADS_CLICK_WINDOW
    reader = ratelimit.pseudonym("click", banner_id, address)
    try:
        if not cache.add(f"ads:impression-used:{nonce}", 1, settings.ADS_IMPRESSION_TOKEN_SECONDS):
            return False
        if window > 0 and not cache.add(f"ads:clicked:{reader}", 1, window):
            return False
    except Exception:
        logger.warning("ads: cache unavailable, click counted without once-only checks")
    return True
