"""Random requests at every public URL pattern, in every edition: never a server error.

The URL patterns are read from the resolver (includes walked, the language prefix expanded
to every edition, plus /en/ which is none), so a new page is fuzzed the day it is added.
For each pattern hypothesis builds paths from the converters' own shapes, real slugs and
ids of a small world (tests/world.py), and hostile text (right-to-left words, bidi
controls, NUL, huge and negative numbers, bytes that are not UTF-8), adds query strings
(page, q, from, to, section and random keys; out-of-range dates) and one of six methods.
Every answer must be 200, 204 (the beacons), 30x, 304, 400, 404 or 405, and a page that only
shows something never answers a POST, PUT or DELETE as if it were a read (it found the
home pages and the feeds doing so).

Production-like: DEBUG off, the page cache on, the rate limits off (they answer 429 by
design: tests/test_abuse_limits.py). Reproducible: derandomize=True, so a run always tries
the same examples; a failure prints the request that failed. The staff back office
(/admin/) is left out: it is not a public page. Bounded: a few examples per pattern
(about 30 s on SQLite or PostgreSQL). A longer hunt, with every request and its answer
written to a file:

    FUZZ_EXAMPLES=100 FUZZ_LOG=/tmp/fuzz.log pytest tests/test_fuzz_urls.py

(1 December 2026: 100 examples per pattern on PostgreSQL and 80 on SQLite, about 3,000
requests each, found no server error.)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django.conf import settings as django_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.sitemaps import SITEMAPS
from tests.banner_factories import BannerFactory, MagazineIssueFactory
from tests.world import reference_world

pytestmark = pytest.mark.django_db

# A few per pattern in CI (about 30 s in all); FUZZ_EXAMPLES=200 for a longer hunt.
EXAMPLES_PER_PATTERN = int(os.environ.get("FUZZ_EXAMPLES", "12"))
ALLOWED = {200, 204, 301, 302, 303, 304, 307, 308, 400, 404, 405}
LEFT_OUT = ("admin/",)  # the back office: staff only, its own tests
# GET three times as often as the others: most pages take GET and HEAD only.
WRITING_METHODS = {"POST", "PUT", "DELETE"}
# The views that take a write: the beacons, and Django's language switch (a POST).
TAKE_WRITES = {"read", "seen", "set_language"}
METHODS = ["GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"]

# Text readers and attackers type: Arabic and French letters, right-to-left and bidi
# controls, zero-width characters, NUL, separators and the characters URLs treat apart.
HOSTILE = list(
    "شراكةمقالأمنيةéèçàÉ"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
    "\u200b\u200c\u200d\ufeff\u0640\u064b\u0651"  # zero-width, tatweel, harakat
    "\x00\t\n -_.~%/?#&=+;:@!$'()*,[]<>\"\\|^`{}"
) + ["..", "../", "%00", "%ff", "٠١٢", "𝔘", "👍🏽", "ﷺ"]
text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.characters(codec="utf-8")), max_size=30).map(
    "".join
)
numbers = st.one_of(
    st.integers(0, 10**40).map(str),
    st.integers(-(10**20), -1).map(str),
    st.sampled_from(["0", "00", "1", "2147483647", "2147483648", "9223372036854775808", "1e9"]),
)
dates = st.one_of(
    st.sampled_from(
        [
            "2025-04-16",
            "0001-01-01",
            "0000-00-00",
            "9999-12-31",
            "2025-02-30",
            "1989-12-31",
            "2101-01-01",
            "2025-4-16",
            "16/04/2025",
            "",
        ]
    ),
    st.from_regex(r"-?[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}", fullmatch=True),
)


@dataclass(frozen=True)
class Route:
    """One URL pattern, as the pieces of its path from the root."""

    pieces: tuple  # "locale", or a RoutePattern / RegexPattern
    name: str

    def __str__(self) -> str:
        return "".join("<lang>/" if p == "locale" else str(p) for p in self.pieces)

    __repr__ = __str__


def public_routes() -> list[Route]:
    found = []

    def walk(patterns, pieces):
        for entry in patterns:
            here = (
                *pieces,
                "locale" if isinstance(entry.pattern, LocalePrefixPattern) else entry.pattern,
            )
            if str(Route(here, "")).startswith(LEFT_OUT):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, here)
            elif isinstance(entry, URLPattern):
                found.append(Route(here, entry.name or ""))

    walk(get_resolver().url_patterns, ())
    return found


ROUTES = public_routes()


# --- values -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    slugs: tuple[str, ...]
    ids: tuple[str, ...]


def segment(draw, converter, world: World) -> str:
    """A value for a converter, percent-encoded for the path."""
    name = type(converter).__name__
    shaped = st.from_regex(converter.regex, fullmatch=True)
    # Real values twice: half the requests reach a real page, with hostile queries.
    if name == "IntConverter":
        real = st.sampled_from(world.ids)
        choices = [real, real, numbers, shaped]
    elif name == "YearConverter":
        real = st.sampled_from(["2025", "2025", "0000", "0001", "1970", "9999"])
        choices = [real, real, shaped]
    elif name == "TwoDigitConverter":
        real = st.sampled_from(["04", "16", "00", "13", "31", "32", "99", "02"])
        choices = [real, real, shaped]
    else:  # slugs, str, path, and any converter added later
        real = st.sampled_from(world.slugs)
        choices = [real, real, text, shaped]
    value = draw(st.one_of(*choices))
    if draw(st.integers(0, 19)) == 19:  # now and then bytes that are not UTF-8
        return quote_from_bytes(draw(st.binary(min_size=1, max_size=8)), safe="")
    return quote(value, safe="/" if name == "PathConverter" else "")


ROUTE_PART = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def build_path(draw, route: Route, world: World) -> str:
    path = "/"
    for piece in route.pieces:
        if piece == "locale":
            path += (
                draw(st.sampled_from([*(code for code, _ in django_settings.LANGUAGES), "en"]))
                + "/"
            )
        elif isinstance(piece, RoutePattern):
            route_text = str(piece)
            at = 0
            for match in ROUTE_PART.finditer(route_text):
                path += route_text[at : match.start()]
                path += segment(draw, piece.converters[match["name"]], world)
                at = match.end()
            path += route_text[at:]
        elif isinstance(piece, RegexPattern):
            raw = draw(st.from_regex(piece.regex, fullmatch=True).filter(lambda s: "\n" not in s))
            path += quote(raw.lstrip("^"), safe="/")
        else:  # pragma: no cover - a pattern class this test does not know
            raise AssertionError(f"unknown pattern {piece!r}")
    if draw(st.integers(0, 9)) == 9:  # extra or missing path pieces
        path = draw(st.sampled_from([path + quote(draw(text), safe="") + "/", path.rstrip("/")]))
    return path or "/"


QUERY_KEYS = ["page", "p", "q", "from", "to", "section", "exact", "lang", "slots", "t", "i"]


def build_query(draw) -> str:
    """Each known parameter present about half the time, plus a few random keys."""
    values = st.one_of(numbers, dates, text, st.sampled_from(["opinion", "1", "last", "ar"]))
    known = draw(st.fixed_dictionaries({}, optional=dict.fromkeys(QUERY_KEYS, values)))
    pairs = [*known.items(), *draw(st.lists(st.tuples(text, values), max_size=2))]
    query = urlencode(pairs)
    if draw(st.integers(0, 9)) == 9:
        query += "&" + quote_from_bytes(draw(st.binary(max_size=6)), safe="=&")
    return query


# --- the test ---------------------------------------------------------------------------------


@pytest.fixture
def world(settings) -> World:
    assert not settings.DEBUG
    settings.PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_RATE_LIMITS = {}
    made = reference_world(neighbours=2)
    BannerFactory(languages=["ar", "fr"])
    issue = MagazineIssueFactory()
    article = made.article
    slugs = (
        article.slug,
        made.section.slug,
        made.tag.slug,
        made.sara.slug,
        "articles",
        *SITEMAPS,  # sitemap-<section>.xml
    )
    return World(slugs=slugs, ids=(str(article.pk), str(issue.number), "1"))


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"/{route}")
@hypothesis_settings(
    max_examples=EXAMPLES_PER_PATTERN,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
@given(data=st.data())
def test_random_requests_never_make_a_server_error(client, world, route, data):
    path = build_path(data.draw, route, world)
    query = build_query(data.draw)
    method = data.draw(st.sampled_from(METHODS))
    response = client.generic(method, path + ("?" + query if query else ""))
    if os.environ.get("FUZZ_LOG"):
        with open(os.environ["FUZZ_LOG"], "a") as log:
            log.write(f"{response.status_code} {method} {path}?{query}\n")
    assert response.status_code in ALLOWED, (method, path, query, response.status_code)
    if method in WRITING_METHODS and route.name not in TAKE_WRITES:
        # A page that only shows something does not accept a write as if it were a read.
        assert response.status_code not in (200, 204), (method, path, query)


def test_the_public_patterns_are_all_found():
    """The walk reaches into the includes and both editions' pages (or it fuzzes nothing)."""
    shown = {str(r) for r in ROUTES}
    for expected in (
        "<lang>/articles/<uslug:slug>/",
        "<lang>/archive/<yyyy:year>/<mm:month>/<mm:day>/",
        "<lang>/search/",
        "<lang>/search/suggest/",
        "<lang>/authors/<uslug:slug>/feed/atom/",
        "<lang>/magazine/<int:number>/download/",
        "robots.txt",
        "sitemap-<str:section>.xml",
        "ads/<str:token>/click/",
        "searchlog/seen/",
        "preview/<str:token>/",
    ):
        assert expected in shown, expected
    assert not any(s.startswith("admin/") for s in shown)


BIG = "9" * 40
HOSTILE_REQUESTS = [  # what random generation reaches only by luck, tried every run
    ("GET", f"/ar/search/?q=%00&page={BIG}"),
    ("GET", "/ar/search/?q=%D8%B4%D8%B1%D8%A7%D9%83%D8%A9&from=0001-01-01&to=9999-12-31"),
    ("GET", "/fr/search/?q=partenariat&from=2100-12-31&to=1990-01-01&page=-1"),
    ("GET", "/ar/search/?q=%E2%80%AE%E2%81%A7&section=%00&exact=1"),
    ("GET", "/ar/search/?q=" + "%D8%B4" * 5000),
    ("GET", "/ar/search/?q=%FF%FE&%FF=%FE"),
    ("GET", "/ar/search/suggest/?q=%00"),
    ("GET", "/ar/archive/0000/"),
    ("GET", "/ar/archive/0001/01/"),
    ("GET", "/fr/archive/9999/12/31/"),
    ("GET", "/ar/archive/2025/02/30/"),
    ("GET", f"/ar/archive/2025/04/16/?page={BIG}"),
    ("GET", f"/ar/magazine/{BIG}/download/"),
    ("POST", f"/ar/articles/{BIG}/read/"),
    ("GET", f"/ar/sections/opinion/?page={BIG}"),
    ("GET", "/fr/tags/security/?page=0"),
    ("GET", f"/ar/authors/sara/?page={BIG}"),
    ("GET", f"/sitemap-sections.xml?p={BIG}"),
    ("GET", "/sitemap-sections.xml?p=-1"),
    ("GET", "/ads/fill/?lang=ar&slots=" + "sidebar," * 1000),
    ("GET", "/ads/%00/click/?i=%00"),
    ("GET", "/media/..%2F..%2Fetc%2Fpasswd"),
    ("GET", "/media/%00"),
    ("POST", "/i18n/setlang/?next=%00"),
    ("GET", "/preview/%00/"),
    ("GET", "/ar/articles/%D8%B4%00/"),
    ("POST", "/searchlog/seen/?t=%00"),
]


def test_known_hostile_requests_never_make_a_server_error(client, world):
    answers = {
        (method, url): client.generic(method, url).status_code for method, url in HOSTILE_REQUESTS
    }
    assert {request: status for request, status in answers.items() if status not in ALLOWED} == {}


def test_pages_refuse_methods_that_write(client, world):
    """Found by the random test: the home pages and the feeds answered PUT and DELETE."""
    for url in (
        "/",
        "/ar/",
        "/fr/",
        "/ar/feeds/rss/",
        "/fr/feeds/atom/",
        "/fr/tags/security/feed/rss/",
    ):
        for method in sorted(WRITING_METHODS):
            response = client.generic(method, url)
            assert (method, url, response.status_code) == (method, url, 405)
            assert response["Allow"] == "GET, HEAD"
