"""What a page costs in cache round trips, on a real Redis (core/redis_cache.py,
core/cache.py, core/pagecache.py; docs/performance.md, "Cache round trips").

A page served from the page cache is one round trip (the generation and the page in one
MGET); a page rendered reads the generation once, and its fragments from this process's
copies of the generation's values (never after another process bumped it); the Redis
client objects are built once, not per cache call. Every Redis command is counted at the
client, so a change that adds a round trip fails here.
"""

import uuid

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, override_settings

from ads.models import Banner, Slot
from core import cache as fragments
from tests.banner_factories import BannerFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LIVE = "redis://127.0.0.1:6379/13"


@pytest.fixture
def live_redis(settings):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(LIVE)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-trips-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": LIVE,
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_CDN_PURGE = ""
    with override_settings(CACHES=caches):
        yield
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def commands(monkeypatch):
    """Every command our cache sends to Redis, by name."""
    import redis

    sent: list[tuple[str, ...]] = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(tuple(str(a) for a in args))
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent


def test_the_client_is_built_once_per_pool(live_redis):
    backend = cache._cache
    first = backend.get_client("a")
    assert backend.get_client("b") is first
    assert backend.get_client("c", write=True) is first  # one server: one pool
    cache.set("k", 1)
    assert cache.get("k") == 1
    assert cache.incr("k") == 2


def test_a_page_cache_hit_is_one_round_trip(live_redis, commands):
    article = ArticleFactory(title_ar="مقال للتجربة", title_fr="Article d'essai")
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 200  # stored
    commands.clear()
    response = reader.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert [command[0].upper() for command in commands] == ["MGET"]


def test_a_rendered_page_reads_the_generation_once_and_fragments_from_its_copies(
    live_redis, commands, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # rendered every time: fragments only
    article = ArticleFactory(title_ar="مقال للتجربة", title_fr="Article d'essai")
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 200  # fragments stored
    commands.clear()
    assert reader.get(article.get_absolute_url()).status_code == 200
    # The generation, once; the fragments (frame, banners, most read, magazine) from this
    # process's copies of the generation's values.
    assert [c[0].upper() for c in commands] == ["GET"]
    assert commands[0][-1].endswith(fragments.GENERATION_KEY)
    # Another process (no copies yet) reads each fragment once from Redis.
    fragments.local_copies.clear()
    commands.clear()
    assert reader.get(article.get_absolute_url()).status_code == 200
    assert len([c for c in commands if not c[-1].endswith(fragments.GENERATION_KEY)]) >= 3
    assert all(c[0].upper() == "GET" for c in commands)


def test_a_bump_by_another_process_makes_this_process_drop_its_copies(live_redis, settings):
    settings.PAGE_CACHE_SECONDS = 0
    banner = BannerFactory(slot=Slot.HEADER, text="Soldes estivales")
    reader = Client()
    assert "Soldes estivales" in reader.get("/fr/").content.decode()  # copied here
    Banner.objects.filter(pk=banner.pk).update(text="Rentrée scolaire")  # no bump: still old
    assert "Soldes estivales" in reader.get("/fr/").content.decode()
    # Another process bumps the generation (straight in Redis, as its INCR would).
    cache._cache.get_client(write=True).incr(cache.make_and_validate_key(fragments.GENERATION_KEY))
    page = reader.get("/fr/").content.decode()
    assert "Rentrée scolaire" in page
    assert "Soldes estivales" not in page


def test_copies_expire_with_the_shared_entry(live_redis):
    calls = []

    def compute():
        calls.append(1)
        return ["valeur"]

    with time_machine.travel("2026-12-01 12:00 +0000", tick=False) as clock:
        assert fragments.remember("essai", compute, 60) == ["valeur"]
        assert fragments.remember("essai", compute, 60) == ["valeur"]
        assert len(calls) == 1
        clock.shift(61)
        assert fragments.remember("essai", compute, 60) == ["valeur"]
        assert len(calls) == 2


def test_a_copy_cannot_be_changed_by_the_request_that_read_it(live_redis):
    first = fragments.remember("liste", lambda: ["a"], 60)
    first.append("changed by a view")
    assert fragments.remember("liste", lambda: ["b"], 60) == ["a"]


def test_a_bump_during_a_request_is_seen_by_the_rest_of_it(live_redis):
    with fragments.request_scope():
        before = fragments.public_pages_generation()
        assert fragments.public_pages_generation() == before  # memo
        after = fragments.invalidate_public_pages(purge=False)
        assert after == before + 1
        assert fragments.public_pages_generation() == after
    with fragments.request_scope():
        assert fragments.public_pages_generation() == after


def test_a_page_stored_under_an_older_generation_is_not_served(live_redis):
    article = ArticleFactory(title_ar="مقال للتجربة", title_fr="Article d'essai")
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    fragments.invalidate_public_pages(purge=False)
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
