"""Editorial actions while Redis is unreachable (core/cache.py, docs/performance.md).

The action is committed, so it must answer as usual (302, the change in the database), and
the invalidation of the public pages' fragments must not be lost: once Redis answers again,
no fragment cached before the outage may be served.

A real Redis (127.0.0.1:6379, under a key prefix of this test's own) plays the working
cache; redis://127.0.0.1:1, where nothing listens, plays the outage. Transactional tests,
so on_commit callbacks run inside the request as in production.
"""

import uuid
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from django.test import override_settings

from ads.models import Banner, Slot
from articles.models import Article
from core import cache as fragments
from magazine.models import MagazineIssue
from tests.banner_factories import BannerFactory, MagazineIssueFactory
from tests.factories import ArticleFactory
from tests.personas import change_url, make_editor, open_form

pytestmark = pytest.mark.django_db(transaction=True)

LIVE = "redis://127.0.0.1:6379/13"
DEAD = "redis://127.0.0.1:1/0"


def redis_caches(location: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",  # what settings use with REDIS_URL
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }


@pytest.fixture
def live_redis():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(LIVE)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-outage-{uuid.uuid4().hex}"
    with override_settings(CACHES=redis_caches(LIVE, prefix)):
        yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@contextmanager
def redis_down(prefix: str):
    with override_settings(CACHES=redis_caches(DEAD, prefix)):
        with pytest.raises(Exception):  # noqa: B017, PT011  (really unreachable)
            cache.get("anything")
        yield


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor("youssef"))
    return client


def test_the_live_cache_really_is_redis(live_redis):
    cache.set("probe", 1)
    assert cache.get("probe") == 1
    assert isinstance(cache._cache, DjangoRedisCacheClient)


def test_banner_switched_off_during_an_outage_is_gone_once_redis_is_back(live_redis, editor_client):
    banner = BannerFactory(slot=Slot.HEADER, text="Soldes estivales")
    assert "Soldes estivales" in editor_client.get("/fr/").content.decode()  # now cached
    with redis_down(live_redis):
        response = editor_client.post(
            "/admin/ads/banner/", {"action": "switch_off", "_selected_action": [banner.pk]}
        )
        assert response.status_code == 302
        assert not Banner.objects.get(pk=banner.pk).is_active
        assert "Soldes estivales" not in editor_client.get("/fr/").content.decode()
    assert "Soldes estivales" not in editor_client.get("/fr/").content.decode()


def test_magazine_unpublished_during_an_outage_is_gone_once_redis_is_back(
    live_redis, editor_client
):
    issue = MagazineIssueFactory(title="Numéro d'été")
    assert "magazine-widget" in editor_client.get("/fr/").content.decode()
    with redis_down(live_redis):
        response = editor_client.post(
            "/admin/magazine/magazineissue/",
            {"action": "unpublish", "_selected_action": [issue.pk]},
        )
        assert response.status_code == 302
        assert not MagazineIssue.objects.get(pk=issue.pk).is_published
    assert "magazine-widget" not in editor_client.get("/fr/").content.decode()
    # And publishing again during another outage shows it again afterwards.
    with redis_down(live_redis):
        response = editor_client.post(
            "/admin/magazine/magazineissue/", {"action": "publish", "_selected_action": [issue.pk]}
        )
        assert response.status_code == 302
    assert "magazine-widget" in editor_client.get("/fr/").content.decode()


@pytest.mark.parametrize("how", ["action", "button"])
def test_unpublishing_during_an_outage_succeeds_and_stales_every_fragment(
    live_redis, editor_client, how
):
    article = ArticleFactory(title_fr="Article en ligne")
    fragments.remember("probe", lambda: "before the outage", 300)
    with redis_down(live_redis):
        if how == "action":
            response = editor_client.post(
                "/admin/articles/article/",
                {"action": "unpublish_selected", "_selected_action": [article.pk]},
            )
        else:
            data = open_form(editor_client, article)
            response = editor_client.post(change_url(article), {**data, "_transition": "unpublish"})
        assert response.status_code == 302
        assert Article.objects.get(pk=article.pk).status == Article.Status.UNPUBLISHED
    assert fragments.remember("probe", lambda: "after the outage", 300) == "after the outage"


def test_publishing_during_an_outage_succeeds_and_stales_every_fragment(live_redis, editor_client):
    article = ArticleFactory(title_fr="Brouillon", status=Article.Status.REVIEW, publish_at=None)
    fragments.remember("probe", lambda: "before the outage", 300)
    with redis_down(live_redis):
        data = open_form(editor_client, article)
        response = editor_client.post(change_url(article), {**data, "_transition": "publish"})
        assert response.status_code == 302
        assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    assert fragments.remember("probe", lambda: "after the outage", 300) == "after the outage"


def test_a_cache_evicting_the_generation_never_brings_old_fragments_back(live_redis):
    """Losing the generation key (eviction, restart) must not restart it at a value whose
    fragments may still be stored."""
    fragments.remember("probe", lambda: "old", 300)
    fragments.invalidate_public_pages()
    cache.delete(fragments.GENERATION_KEY)
    fragments.remember("probe", lambda: "newer", 300)
    cache.delete(fragments.GENERATION_KEY)
    assert fragments.remember("probe", lambda: "newest", 300) == "newest"
