"""The search beacon: how a search is counted even when its page comes from a cache.

Search pages are cached whole (core/pagecache.py) and by a CDN (`s-maxage`), where no view
runs, so — like article views (articles/reading.py) — the page does not count itself: it
carries `{% search_beacon %}`, a script tag for articles/reading.js with a signed token of
(edition, query, number of results), and the reader's browser posts that token to
`/searchlog/seen/` (searchlog/views.py), which is never cached and calls `record_search`.

The token is signed so that nobody can record a query with a result count it did not get;
it names no reader. It is valid for TOKEN_MAX_AGE, longer than any cached copy lives.
"""

from __future__ import annotations

from django.core import signing

SALT = "searchlog.seen"
TOKEN_MAX_AGE = 2 * 24 * 3600  # seconds; cached pages live until midnight at most


def make_token(language: str, text: str, results: int) -> str:
    return signing.dumps([language, text, int(results)], salt=SALT, compress=True)


def read_token(token: str) -> tuple[str, str, int]:
    """(language, text, results); raises signing.BadSignature (or ValueError) if it is not
    one of ours, or is too old."""
    language, text, results = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    if not isinstance(language, str) or not isinstance(text, str):
        raise ValueError("searchlog: malformed token")
    return language, text, int(results)
