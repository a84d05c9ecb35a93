"""Choosing, rendering and counting banners (ads/README.md).

Pages never carry a chosen banner for readers with JavaScript: a slot is rendered as an
empty box of the slot's size, and ads/static/ads/ads.js asks `/ads/fill/` which banner goes in
it. That request is never cached, so rotation and impression counts stay right when the
page itself comes from a cache. Readers without JavaScript get a banner chosen when the
page was rendered, in <noscript>.

The banners of a language are read in one query and cached for BANNER_CACHE_SECONDS under
the public-pages generation (core/cache.py), which any banner save or delete bumps;
`Banner.is_running()` is applied at each request, so start and end times are exact.
"""

from __future__ import annotations

import logging
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from core import counters, ratelimit
from core.cache import per_request, remember

from . import pictures
from .models import Banner, Slot

logger = logging.getLogger(__name__)

CLICK_SALT = "banner-click"
IMPRESSION_SALT = "banner-impression"
IMPRESSION = "banner_impression"
CLICK = "banner_click"


@dataclass(frozen=True)
class Candidate:
    """What a page needs of a banner, cacheable: no model instance, the HTML made once."""

    id: int
    slot: str
    weight: int
    starts_at: datetime
    ends_at: datetime | None
    html: str

    def is_running(self, now) -> bool:
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)


# --- click tokens -------------------------------------------------------------------------


def click_token(banner_id: int) -> str:
    """A signed id: stable (pages may be cached), unforgeable, without a database column."""
    return signing.Signer(salt=CLICK_SALT).sign(str(banner_id))


def banner_id_from_token(token: str) -> int | None:
    try:
        value = signing.Signer(salt=CLICK_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def impression_token(banner_id: int, address: str) -> str:
    """A token for one impression (ads/README.md, "Counting clicks"): the banner, a random
    nonce (one click per impression), a keyed hash of the reader's address (a token copied
    elsewhere counts nothing) and the time it was issued (it expires), signed."""
    nonce = secrets.token_urlsafe(9)
    bound = ratelimit.pseudonym("impression", address)[:12]
    return signing.TimestampSigner(salt=IMPRESSION_SALT).sign(f"{int(banner_id)}.{nonce}.{bound}")


def read_impression_token(token: str, banner_id: int, address: str) -> str | None:
    """The impression's nonce if `token` is ours, unexpired, for this banner and this
    address; None otherwise."""
    try:
        value = signing.TimestampSigner(salt=IMPRESSION_SALT).unsign(
            token, max_age=settings.ADS_IMPRESSION_TOKEN_SECONDS
        )
    except (signing.BadSignature, ValueError):
        return None
    parts = value.split(".")
    if len(parts) != 3 or parts[0] != str(banner_id):
        return None
    if parts[2] != ratelimit.pseudonym("impression", address)[:12]:
        return None
    return parts[1]


def with_impression(html: str, banner_id: int, address: str) -> str:
    """The banner's HTML (cached, shared) with this impression's token on its click link."""
    url = reverse("ads:click", kwargs={"token": click_token(banner_id)})
    token = impression_token(banner_id, address)
    return html.replace(f'href="{url}"', f'href="{url}?{urlencode({"i": token})}"')


# --- choosing -------------------------------------------------------------------------------


def choose(candidates: list, rng: random.Random | None = None):
    """One of `candidates`, each with probability weight / total weight; None if empty."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    rng = rng or random
    return rng.choices(candidates, weights=[c.weight for c in candidates], k=1)[0]


def candidates_for(lang: str, now: datetime | None = None) -> dict[str, list[Candidate]]:
    """Banners of the `lang` edition by slot, from the cache (one query when it is cold)."""
    now = now or timezone.now()
    loaded = remember(
        f"banners:{lang}",
        lambda: _load(lang, now),
        settings.BANNER_CACHE_SECONDS,
        is_fresh=lambda value: value["until"] > now,
    )
    return loaded["slots"]


def _load(lang: str, now: datetime) -> dict:
    until = now + timedelta(seconds=settings.BANNER_CACHE_SECONDS)
    slots: dict[str, list[Candidate]] = {slot: [] for slot in Slot.values}
    for banner in Banner.objects.candidates(lang, now, until).order_by("id"):
        slots[banner.slot].append(
            Candidate(
                id=banner.pk,
                slot=banner.slot,
                weight=banner.weight,
                starts_at=banner.starts_at,
                ends_at=banner.ends_at,
                html=render_banner(banner),
            )
        )
    return {"until": until, "slots": slots}


def next_change(now: datetime) -> datetime | None:
    """The next start or end of an active banner after `now`: pages carry a slot's box only
    while a banner may run in it, so no cached page outlives that moment (core/pagecache.py)."""
    found = Banner.objects.filter(is_active=True).aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    return min((m for m in found.values() if m is not None), default=None)


def eligible(lang: str, slot: str, now: datetime | None = None) -> list[Candidate]:
    now = now or timezone.now()
    return eligible_from(candidates_for(lang, now), slot, now)


def eligible_from(candidates: dict[str, list[Candidate]], slot: str, now=None) -> list[Candidate]:
    now = now or timezone.now()
    return [c for c in candidates.get(slot, []) if c.is_running(now)]


def request_candidates(request, lang: str) -> dict[str, list[Candidate]]:
    """`candidates_for`, looked up once per request whatever the number of slots."""
    return per_request(request, f"banners:{lang}", lambda: candidates_for(lang))


# --- rendering --------------------------------------------------------------------------------


def render_banner(banner: Banner) -> str:
    """The banner's link (through the click counter) with its picture or its words.

    A picture: AVIF and WebP `<source>`s and a fallback `<img>` (JPEG, or the PNG or GIF
    the banner keeps), 1x and 2x, from its manifests (ads/pictures.py); a leaderboard's
    wide size from 48em, its phone size below."""
    picture = None
    if banner.kind == Banner.Kind.IMAGE:
        picture = _picture(banner)
        if picture is None:  # renditions missing (image deleted from storage): no banner
            return ""
    return render_to_string(
        "ads/banner.html",
        {"banner": banner, "picture": picture, "click_url": banner.click_url()},
    ).strip()


def _picture(banner: Banner) -> dict | None:
    from django.core.files.storage import default_storage

    from core.renditions import FALLBACK_FORMATS, MIME_TYPES, MODERN_FORMATS, density_srcset

    found = pictures.sources(banner)
    if found is None:
        return None
    url = default_storage.url

    def formats(entries):
        return [fmt for fmt in (*MODERN_FORMATS, *FALLBACK_FORMATS) if fmt in entries[0]]

    def source(entries, fmt, media=""):
        return {
            "media": media,
            "type": MIME_TYPES[fmt],
            "srcset": density_srcset(entries, fmt, url),
            "width": entries[0]["w"],
            "height": entries[0]["h"],
        }

    wide, narrow = found["wide"], found["narrow"]
    sources = []
    if narrow:
        sources += [source(wide, fmt, "(min-width: 48em)") for fmt in formats(wide)]
        shown = narrow
    else:
        shown = wide
    *modern, fallback = formats(shown)
    sources += [source(shown, fmt) for fmt in modern if fmt in MODERN_FORMATS]
    img = source(shown, fallback)
    img["src"] = url(shown[0][fallback])
    return {"sources": sources, "img": img}


def fill(
    lang: str, slots: list[str], *, now=None, rng=None, address: str | None = None
) -> dict[str, str]:
    """The fragment for each requested slot (empty when none is eligible); counts impressions.

    With the reader's `address`, each banner's click link carries the impression's token,
    without which a click counts nothing (ads/README.md)."""
    now = now or timezone.now()
    available = candidates_for(lang, now)
    filled = {}
    for slot in slots:
        chosen = choose([c for c in available.get(slot, []) if c.is_running(now)], rng)
        filled[slot] = chosen.html if chosen else ""
        if chosen:
            if address is not None:
                filled[slot] = with_impression(chosen.html, chosen.id, address)
            counters.hit(IMPRESSION, chosen.id, when=now)
    return filled


def register_counters() -> None:
    from .models import BannerStat

    counters.register(IMPRESSION, counters.adder(BannerStat, "banner", "impressions"))
    counters.register(CLICK, counters.adder(BannerStat, "banner", "clicks"))
