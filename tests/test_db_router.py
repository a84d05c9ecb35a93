"""Reader pages read from a read replica; writes, the admin, staff and commands use the
primary (core/db_router.py, docs/deployment.md).

The replica here is a second connection alias to the test database itself (what a
`TEST: {"MIRROR": "default"}` alias is), added for the test: the queries each connection
runs say which one a page read from.
"""

import pytest
from django.core.cache import cache
from django.db import connections, router
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from articles.models import Article
from core import db_router
from tests.factories import ArticleFactory
from tests.personas import make_editor

REPLICA = "replica1"


@pytest.fixture
def replica(settings):
    """`replica1`: another connection to the test database, the router and its middleware
    switched on as settings do when DATABASE_REPLICA_URLS is set."""
    connections.settings[REPLICA] = {**connections.settings["default"]}
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "core.db_router.ReplicaMiddleware",
    )
    with override_settings(
        DATABASE_REPLICAS=[REPLICA],
        DATABASE_ROUTERS=["core.db_router.ReplicaRouter"],
        DATABASE_REPLICA_LAG_SECONDS=10,
        MIDDLEWARE=middleware,
        PAGE_CACHE_SECONDS=0,
    ):
        reset_router()
        copy = connections[REPLICA]
        copy.connect()  # made after the test began: Django's test isolation does not know it
        yield copy
    reset_router()
    connections[REPLICA].close()
    del connections[REPLICA]
    connections.settings.pop(REPLICA)


def reset_router() -> None:
    """django.db.router reads DATABASE_ROUTERS once: make it read them again."""
    router._routers = None
    router.__dict__.pop("routers", None)


def caught_up() -> None:
    """The replicas have replayed what the test wrote (saving an article fences them)."""
    cache.delete(db_router.FENCE_KEY)


def queries_of(client, url, method="get", **data):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = getattr(client, method)(url, data or None)
    return response, primary, replica


@pytest.mark.django_db(transaction=True)
def test_a_reader_page_reads_the_replica(replica):
    article = ArticleFactory(publish_at=timezone.now())
    assert db_router.fenced()  # the save invalidated the public pages
    caught_up()
    response, primary, copy = queries_of(Client(), article.get_absolute_url())
    assert response.status_code == 200
    assert len(copy) > 0
    assert [q["sql"] for q in primary] == []


@pytest.mark.django_db(transaction=True)
def test_staff_and_the_admin_read_the_primary(replica):
    article = ArticleFactory(publish_at=timezone.now())
    caught_up()
    staff = Client()
    staff.force_login(make_editor())
    for url in (article.get_absolute_url(), "/admin/articles/article/"):
        response, primary, copy = queries_of(staff, url)
        assert response.status_code in (200, 302), url
        assert len(primary) > 0, url
        assert [q["sql"] for q in copy] == [], url


@pytest.mark.django_db(transaction=True)
def test_a_preview_link_reads_the_primary(replica):
    """Anyone with the signed link may open a preview, of a draft saved a moment ago."""
    from articles.preview import preview_url

    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    caught_up()
    response, primary, copy = queries_of(Client(), preview_url(article))
    assert response.status_code == 200
    assert len(primary) > 0
    assert [q["sql"] for q in copy] == []


@pytest.mark.django_db(transaction=True)
def test_a_post_reads_the_primary(replica):
    response, primary, copy = queries_of(Client(), "/admin/login/", method="post", username="x")
    assert [q["sql"] for q in copy] == []


@pytest.mark.django_db(transaction=True)
def test_after_a_change_readers_use_the_primary_until_replicas_caught_up(replica, time_machine):
    article = ArticleFactory(publish_at=timezone.now())
    caught_up()
    time_machine.move_to(timezone.now(), tick=False)
    db_router.content_changed()  # called by core.cache.invalidate_public_pages()
    response, primary, copy = queries_of(Client(), article.get_absolute_url())
    assert response.status_code == 200
    assert len(primary) > 0
    assert [q["sql"] for q in copy] == []
    time_machine.shift(11)
    response, primary, copy = queries_of(Client(), article.get_absolute_url())
    assert len(copy) > 0


@pytest.mark.django_db(transaction=True)
def test_invalidating_public_pages_sets_the_fence(replica):
    from core.cache import invalidate_public_pages

    caught_up()
    assert not db_router.fenced()
    invalidate_public_pages(purge=False)
    assert db_router.fenced()


def test_a_request_that_wrote_reads_the_primary_for_the_rest_of_it():
    routing = db_router.ReplicaRouter()
    assert routing.db_for_read(Article) == "default"  # outside a reader's request
    with db_router.replica_scope(REPLICA):
        assert routing.db_for_read(Article) == REPLICA
        assert routing.db_for_write(Article) == "default"
        assert routing.db_for_read(Article) == "default"
    assert routing.db_for_read(Article) == "default"
    assert routing.allow_migrate("default", "articles")
    assert not routing.allow_migrate(REPLICA, "articles")


def test_without_replicas_there_is_no_router(settings):
    assert settings.DATABASE_REPLICAS == []
    assert not getattr(settings, "DATABASE_ROUTERS", [])
    assert "core.db_router.ReplicaMiddleware" not in settings.MIDDLEWARE
