"""Abuse limits of the public endpoints that write (docs/abuse.md).

A fixed-window counter per (limit, client address) in the cache: the first hit of a window
adds the key with the window's lifetime, later hits increment it. Past the limit the caller
answers 429 with `Retry-After` (or, for a click, redirects without counting). When the cache
cannot be reached the limiter fails open: readers are never refused because Redis is down.

Addresses never reach the cache as they are: keys hold a keyed hash of the address (HMAC
with SECRET_KEY), and live only for their window.

The limits are `settings.NEWSROOM_RATE_LIMITS` (hits per `NEWSROOM_RATE_LIMIT_WINDOW`
seconds per address; 0 turns a limit off). The client address is `REMOTE_ADDR`, or, behind
`TRUSTED_PROXY_COUNT` proxies that each append to `X-Forwarded-For`, the address the
outermost of them saw (never a value the client could have written itself; the same rule
as the login throttling's, newsroom/login_throttling.py). An IPv6 address counts as its /64
network, which one subscriber holds whole.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The reader's address: REMOTE_ADDR, or the entry that the outermost of
    TRUSTED_PROXY_COUNT trusted proxies appended to X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def reader_key(request) -> str:
    """What limits count by: the client address, or for IPv6 its /64 network (one
    household or phone holds a whole /64 and may draw a new address from it at will)."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is that IPv4 reader
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def pseudonym(*parts: object) -> str:
    """A keyed hash of `parts` (an address, a banner id…): the same input gives the same
    key for the window, and the cache never holds an address."""
    message = "|".join(str(p) for p in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.blake2s).hexdigest()[:32]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until the window ends, when refused


def hit(name: str, request, *, now: float | None = None) -> Verdict:
    """Count one hit of limit `name` for the request's client address.

    Never raises: a cache error allows the hit (fails open)."""
    limit = settings.NEWSROOM_RATE_LIMITS.get(name, 0)
    if limit <= 0:
        return Verdict(True)
    window = max(1, settings.NEWSROOM_RATE_LIMIT_WINDOW)
    now = time.time() if now is None else now
    index = int(now // window)
    key = f"ratelimit:{name}:{index}:{pseudonym('ratelimit', reader_key(request))}"
    try:
        count = 1 if cache.add(key, 1, timeout=window + 1) else cache.incr(key)
    except ValueError:  # expired between add and incr: a new window has begun
        count = 1
    except Exception:
        logger.warning("rate limit %s: cache unavailable, not limiting", name, exc_info=True)
        return Verdict(True)
    if count <= limit:
        return Verdict(True)
    return Verdict(False, max(1, int((index + 1) * window - now + 0.999)))


def too_many(verdict: Verdict):
    """The 429 answer of a refused hit."""
    from django.http import HttpResponse

    response = HttpResponse("Too many requests\n", status=429, content_type="text/plain")
    response["Retry-After"] = str(verdict.retry_after)
    response["Cache-Control"] = "no-store"
    return response


def is_same_origin(request) -> bool:
    """False when the browser says the request comes from another site: `Sec-Fetch-Site`
    other than same-origin, or an `Origin` (including "null") for another host. Clients
    that send neither (old browsers, scripts) pass this check; other limits apply to them."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site != "same-origin":
        return False
    origin = request.headers.get("Origin")
    if origin is not None:
        try:
            host = request.get_host()
        except Exception:
            return False
        if urlsplit(origin).netloc.lower() != host.lower():
            return False
    return True
