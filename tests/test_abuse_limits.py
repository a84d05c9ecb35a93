"""Abuse limits of the public endpoints that write (docs/abuse.md, ads/README.md).

Banner clicks count once per impression token, once per banner per reader address per
window, only as a top-level navigation from our pages; the beacons take same-origin POSTs
only; every writing endpoint and the search are rate-limited per client address, and the
limiter fails open when the cache is down. All through the real URLs.
"""

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone

from ads import banners
from core import counters
from tests.banner_factories import BannerFactory
from tests.factories import ArticleFactory
from tests.world import reference_world

pytestmark = pytest.mark.django_db

READER = "198.51.100.7"
OTHER_READER = "198.51.100.8"
NAVIGATION = {
    "HTTP_SEC_FETCH_DEST": "document",
    "HTTP_SEC_FETCH_MODE": "navigate",
    "HTTP_SEC_FETCH_SITE": "same-origin",
}
DEAD_CACHE = {
    "default": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture(autouse=True)
def _counters(isolated_counters):
    """Counts in this process's buffer, empty at the start."""


@pytest.fixture(autouse=True)
def _limits(settings):
    """The limits of this module's tests: small, so that passing them costs few requests."""
    settings.NEWSROOM_RATE_LIMIT_WINDOW = 60
    settings.NEWSROOM_RATE_LIMITS = {
        "search": 3,
        "search_beacon": 3,
        "read_beacon": 3,
        "ads_fill": 3,
        "ads_click": 5,
    }
    settings.ADS_IMPRESSION_TOKEN_SECONDS = 3600
    settings.ADS_CLICK_WINDOW = 3600
    settings.TRUSTED_PROXY_COUNT = 0


def clicks(banner) -> int:
    return counters.pending(banners.CLICK).get((banner.pk, timezone.localdate()), 0)


def impressions(banner) -> int:
    return counters.pending(banners.IMPRESSION).get((banner.pk, timezone.localdate()), 0)


def shown_link(client, slot="sidebar", lang="ar", address=READER) -> str:
    """The click link of the banner /ads/fill/ sends to a reader at `address`."""
    response = client.get("/ads/fill/", {"lang": lang, "slots": slot}, REMOTE_ADDR=address)
    assert response.status_code == 200
    return html.unescape(re.search(r'href="([^"]+)"', response.json()["slots"][slot])[1])


def click(client, url, address=READER, **headers):
    return client.get(url, REMOTE_ADDR=address, **(NAVIGATION | headers))


# --- banner clicks ---------------------------------------------------------------------------


def test_a_click_after_an_impression_counts_once(client):
    banner = BannerFactory(link_url="https://advertiser.example.com/offer")
    link = shown_link(client)
    assert link.startswith(banner.click_url() + "?i=")
    assert impressions(banner) == 1
    for _ in range(3):  # the same impression clicked again (or reloaded): one click
        response = click(client, link)
        assert response.status_code == 302
        assert response["Location"] == "https://advertiser.example.com/offer"
    assert clicks(banner) == 1


def test_a_click_without_an_impression_token_redirects_and_counts_nothing(client):
    banner = BannerFactory(link_url="https://advertiser.example.com/")
    other = BannerFactory(slot="footer")
    other_link = shown_link(client, slot="footer")
    other_token = other_link.partition("?i=")[2]
    for url in (
        banner.click_url(),  # the <noscript> banner, or a link copied from a cached page
        f"{banner.click_url()}?i=",
        f"{banner.click_url()}?i=forged:token:here",
        f"{banner.click_url()}?i={other_token}",  # another banner's impression
        f"{banner.click_url()}?i={other_token[:-2]}xx",  # tampered
    ):
        response = click(client, url)
        assert response.status_code == 302
        assert response["Location"] == "https://advertiser.example.com/"
    assert clicks(banner) == 0
    assert clicks(other) == 0


def test_an_impression_token_expires(client, time_machine, settings):
    time_machine.move_to(timezone.now())
    banner = BannerFactory()
    link = shown_link(client)
    time_machine.shift(timedelta(seconds=settings.ADS_IMPRESSION_TOKEN_SECONDS + 1))
    assert click(client, link).status_code == 302
    assert clicks(banner) == 0


def test_a_token_counts_only_from_the_address_it_was_shown_to(client):
    banner = BannerFactory()
    link = shown_link(client, address=READER)
    click(client, link, address=OTHER_READER)  # harvested and handed to someone else
    assert clicks(banner) == 0
    click(client, link, address=READER)
    assert clicks(banner) == 1


def test_one_click_per_banner_per_reader_per_window(client, time_machine, settings):
    # Midday: the banner's statistics are counted per Casablanca day, and a window shifted
    # past midnight would count the third click on another day.
    time_machine.move_to(datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Africa/Casablanca")))
    banner = BannerFactory()
    click(client, shown_link(client))
    click(client, shown_link(client))  # a new impression, the same reader, same window
    assert clicks(banner) == 1
    click(client, shown_link(client, address=OTHER_READER), address=OTHER_READER)
    assert clicks(banner) == 2
    time_machine.shift(timedelta(seconds=settings.ADS_CLICK_WINDOW + 1))
    click(client, shown_link(client))
    assert clicks(banner) == 3


@pytest.mark.parametrize(
    "headers",
    [
        # <img src="…/click/?i=…"> on another page: an image fetch, not a navigation.
        {"HTTP_SEC_FETCH_DEST": "image", "HTTP_SEC_FETCH_MODE": "no-cors"},
        {"HTTP_SEC_FETCH_DEST": "script", "HTTP_SEC_FETCH_MODE": "no-cors"},
        {"HTTP_SEC_FETCH_DEST": "empty", "HTTP_SEC_FETCH_MODE": "cors"},  # fetch()
        {"HTTP_SEC_FETCH_DEST": "iframe", "HTTP_SEC_FETCH_MODE": "navigate"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},  # a link followed from another site
        {"HTTP_SEC_FETCH_SITE": "none"},  # typed or bookmarked
    ],
)
def test_embedded_or_foreign_requests_of_the_click_url_count_nothing(client, headers):
    banner = BannerFactory(link_url="https://advertiser.example.com/")
    link = shown_link(client)
    response = click(client, link, **headers)
    assert response.status_code == 302  # the URL still goes where it says
    assert clicks(banner) == 0
    click(client, link)  # the impression was not used up by the embed
    assert clicks(banner) == 1


def test_crawlers_head_and_scripts_without_a_token_count_no_click(client):
    banner = BannerFactory()
    link = shown_link(client)
    click(client, link, HTTP_USER_AGENT="Googlebot/2.1")
    client.head(link, REMOTE_ADDR=READER, **NAVIGATION)
    assert clicks(banner) == 0


def test_counted_clicks_are_rate_limited_per_address(client, settings):
    settings.NEWSROOM_RATE_LIMITS["ads_click"] = 2
    settings.NEWSROOM_RATE_LIMITS["ads_fill"] = 10
    made = [BannerFactory(slot=slot) for slot in ("sidebar", "header", "footer")]
    for banner in made:
        response = click(client, shown_link(client, slot=banner.slot))
        assert response.status_code == 302  # never refused: the reader still gets there
    assert [clicks(b) for b in made] == [1, 1, 0]


# --- impressions ------------------------------------------------------------------------------


def test_fill_is_rate_limited_per_address_with_retry_after(client, time_machine):
    time_machine.move_to(timezone.now().replace(second=10), tick=False)
    banner = BannerFactory()
    for _ in range(3):
        shown_link(client)
    response = client.get("/ads/fill/", {"lang": "ar", "slots": "sidebar"}, REMOTE_ADDR=READER)
    assert response.status_code == 429
    assert response["Retry-After"] == "50"  # the rest of the minute
    assert "no-store" in response["Cache-Control"]
    assert impressions(banner) == 3
    shown_link(client, address=OTHER_READER)  # another reader is not held back
    time_machine.shift(timedelta(seconds=50))
    shown_link(client)  # a new window
    assert impressions(banner) == 5


# --- view and search beacons --------------------------------------------------------------


def beacon_urls():
    from searchlog.beacon import make_token

    article = ArticleFactory()
    return [
        f"/ar/articles/{article.pk}/read/",
        f"/searchlog/seen/?t={make_token('ar', 'مهرجان', 1)}",
    ]


def counted():
    from articles.popularity import KIND
    from searchlog.models import WeeklySearch

    searches = WeeklySearch.objects.aggregate(n=Sum("searches"))["n"] or 0
    return sum(counters.pending(KIND).values()), searches


AGENT = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}


@pytest.mark.parametrize("method", ["get", "head", "put", "delete", "options"])
def test_beacons_take_post_only(client, method):
    for url in beacon_urls():
        assert getattr(client, method)(url, **AGENT).status_code == 405
    assert counted() == (0, 0)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_beacons_from_other_sites_are_refused(client, headers):
    for url in beacon_urls():
        assert client.post(url, REMOTE_ADDR=READER, **AGENT, **headers).status_code == 403
    assert counted() == (0, 0)


def test_beacons_from_our_pages_count(client):
    urls = beacon_urls()
    same = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
    for url in urls:
        assert client.post(url, REMOTE_ADDR=READER, **AGENT, **same).status_code == 204
    assert client.post(urls[0], REMOTE_ADDR=READER, **AGENT).status_code == 204  # old browsers
    assert counted() == (2, 1)


def test_beacons_are_rate_limited_per_address(client):
    for url in beacon_urls():
        statuses = [client.post(url, REMOTE_ADDR=READER, **AGENT).status_code for _ in range(5)]
        assert statuses == [204, 204, 204, 429, 429]
        refused = client.post(url, REMOTE_ADDR=READER, **AGENT)
        assert 1 <= int(refused["Retry-After"]) <= 60
        assert client.post(url, REMOTE_ADDR=OTHER_READER, **AGENT).status_code == 204
    assert counted() == (4, 4)


def test_the_address_comes_from_the_trusted_proxy_only_when_configured(client, settings):
    url = beacon_urls()[0]
    spoofed = [f"203.0.113.{n}" for n in range(5)]
    # No trusted proxy: X-Forwarded-For is the client's own writing, ignored.
    statuses = [
        client.post(url, REMOTE_ADDR=READER, HTTP_X_FORWARDED_FOR=a, **AGENT).status_code
        for a in spoofed
    ]
    assert statuses.count(429) == 2
    # Behind one proxy: the address it appended is the reader's.
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    statuses = [
        client.post(url, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {a}", **AGENT)
        for a in spoofed
    ]
    assert {r.status_code for r in statuses} == {204}


def test_an_ipv6_reader_is_its_slash_64_network(client):
    """One subscriber holds a whole /64: drawing new addresses from it gets past nothing."""
    url = beacon_urls()[0]
    same_network = [f"2001:db8:1:2::{n:x}" for n in range(1, 6)]
    statuses = [
        client.post(url, REMOTE_ADDR=address, **AGENT).status_code for address in same_network
    ]
    assert statuses == [204, 204, 204, 429, 429]
    assert client.post(url, REMOTE_ADDR="2001:db8:1:3::1", **AGENT).status_code == 204
    banner = BannerFactory()
    link = shown_link(client, address="2001:db8:9:9::1")
    click(client, link, address="2001:db8:9:9:ffff::2")  # the same reader, a new address
    assert clicks(banner) == 1
    click(client, shown_link(client, address="2001:db8:9:9::3"), address="2001:db8:9:9::3")
    assert clicks(banner) == 1  # one click per banner per reader per window


# --- searches ---------------------------------------------------------------------------------


def test_searches_are_rate_limited_per_address_in_the_readers_language(client):
    reference_world()
    for n in range(3):
        assert client.get("/fr/search/", {"q": f"texte {n}"}, REMOTE_ADDR=READER).status_code == 200
    refused = client.get("/fr/search/", {"q": "partenariat"}, REMOTE_ADDR=READER)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Trop de recherches" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]
    arabic = client.get("/ar/search/", {"q": "شراكة"}, REMOTE_ADDR=READER)
    assert arabic.status_code == 429
    assert "عمليات البحث" in arabic.content.decode()
    # The empty search form is no search; another reader searches freely.
    assert client.get("/fr/search/", REMOTE_ADDR=READER).status_code == 200
    assert client.get("/fr/search/", {"q": "texte"}, REMOTE_ADDR=OTHER_READER).status_code == 200


def test_searches_answered_by_the_page_cache_are_not_limited(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    reference_world()
    for _ in range(10):
        response = client.get("/fr/search/", {"q": "partenariat"}, REMOTE_ADDR=READER)
        assert response.status_code == 200


# --- the cache down: everything fails open ----------------------------------------------------


def test_with_the_cache_down_nothing_is_refused_and_clicks_still_need_a_token(client):
    banner = BannerFactory(link_url="https://advertiser.example.com/")
    reference_world()
    urls = beacon_urls()
    with override_settings(CACHES=DEAD_CACHE):
        from django.core.cache import cache

        with pytest.raises(Exception):  # noqa: B017, PT011  (really unreachable)
            cache.get("anything")
        links = [shown_link(client) for _ in range(5)]  # past the fill limit: allowed
        for url in urls:
            for _ in range(5):
                assert client.post(url, REMOTE_ADDR=READER, **AGENT).status_code == 204
        for _ in range(5):
            assert client.get("/fr/search/", {"q": "texte"}, REMOTE_ADDR=READER).status_code == 200
        assert click(client, banner.click_url()).status_code == 302  # no token: nothing
        assert clicks(banner) == 0
        assert click(client, links[0]).status_code == 302
        assert clicks(banner) == 1  # counted without the once-only checks
    assert impressions(banner) == 5
