"""Brotli or gzip for the responses that carry no secret (docs/caching.md, "Compression").

HTML, feeds, sitemaps, JSON and other text are compressed with Brotli when the client
accepts it (and the `brotli` package is installed), else with gzip. Never when the response
may hold a secret an attacker could guess byte by byte through the compressed length
(BREACH): a request with a session cookie (staff: the admin, and public pages they view), a
response that sets a cookie or used a CSRF token (forms, the login page). Static files are
compressed ahead of time by whitenoise; uploaded images are compressed already.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

try:
    import brotli
except ImportError:  # optional: gzip only
    brotli = None

MIN_LENGTH = 200
BROTLI_QUALITY = 5  # fast enough per response, within a few % of the best ratio for HTML
GZIP_RANDOM_BYTES = 100  # Django's GZipMiddleware default: varies the length (BREACH)
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)|image/svg\+xml)"
)
_TOKEN = re.compile(r"\s*([a-z0-9*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$", re.IGNORECASE)


def accepted(request) -> set[str]:
    codings = set()
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").lower().split(","):
        match = _TOKEN.match(part)
        if not match:
            continue
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if quality > 0:
            codings.add(match.group(1))
    return codings


def negotiated_encoding(request) -> str:
    """ "br", "gzip" or "identity": what a compressible response to `request` is sent in."""
    codings = accepted(request)
    if brotli is not None and "br" in codings:
        return "br"
    if "gzip" in codings:
        return "gzip"
    return "identity"


def carries_no_secret(request, response) -> bool:
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.headers.get("Authorization")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class CompressionMiddleware:
    """Brotli or gzip, as the client accepts, for responses that carry no secret."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or len(response.content) < MIN_LENGTH
            or response.has_header("Content-Encoding")
            or not COMPRESSIBLE.match(response.get("Content-Type", ""))
            or not carries_no_secret(request, response)
        ):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = negotiated_encoding(request)
        if encoding == "br":
            compressed = brotli.compress(
                response.content, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY
            )
        elif encoding == "gzip":
            compressed = compress_string(response.content, max_random_bytes=GZIP_RANDOM_BYTES)
        else:
            return response
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response["ETag"] = "W/" + etag
        response["Content-Encoding"] = encoding
        return response
