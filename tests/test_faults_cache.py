"""Redis down, as readers and editors see it (docs/faults.md).

Two outages: REDIS_URL pointing at a port where nothing listens, from the start; and a
private redis-server (tests/servers.py) killed in the middle of a run, after readers filled
the page cache and an editor signed in. Reader pages keep answering (and never show what the
editor changed meanwhile as stale), and the editor's save and publish through the admin
succeed with no error message. Transactional tests, so on_commit callbacks run inside the
request as in production; the page cache is on.
"""

import ast
import os
import signal
import subprocess
import sys
import time

import pytest
from django.contrib.messages import constants
from django.core.cache import cache
from django.utils import translation

from articles.models import Article
from core import redis_cache
from tests import personas
from tests.factories import ArticleFactory
from tests.personas import change_url, make_editor, open_form
from tests.servers import ROOT, free_port, needs_redis, private_redis, site_env

pytestmark = pytest.mark.django_db(transaction=True)

READER_PAGES = [
    "/ar/",
    "/fr/",
    "/fr/search/?q=budget",
    "/fr/feeds/rss/",
    "/sitemap.xml",
    "/robots.txt",
]


def production_caches() -> dict:
    """CACHES as newsroom/settings.py makes them from REDIS_URL (read in a fresh process)."""
    code = "import newsroom.settings as s; print(repr(s.CACHES))"
    env = site_env(REDIS_URL="redis://127.0.0.1:6379/0")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout)


PRODUCTION_CACHES = production_caches()


def redis_caches(location: str) -> dict:
    default = {**PRODUCTION_CACHES["default"], "LOCATION": location, "KEY_PREFIX": "faults"}
    return {"default": default}


def test_a_redis_that_stops_answering_costs_each_call_half_a_second():
    options = PRODUCTION_CACHES["default"]["OPTIONS"]
    assert options == {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    yield
    redis_cache._paused_until.clear()  # no pause outlives its test (core/redis_cache.py)


@pytest.fixture
def editor(client):
    user = make_editor("youssef")
    client.force_login(user)
    if hasattr(personas, "give_second_factor"):  # staff need their second factor (2FA)
        personas.give_second_factor(client, user)
    return client


def french_url(article) -> str:
    with translation.override("fr"):
        return Article.objects.get(pk=article.pk).get_absolute_url()


def readers_see(client, article, title: str) -> None:
    for path in [*READER_PAGES, french_url(article)]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    assert title in client.get(french_url(article)).content.decode()
    assert title in client.get("/fr/").content.decode()


def save_and_publish(editor, article, title: str) -> None:
    data = open_form(editor, article)
    saved = editor.post(change_url(article), {**data, "title_fr": title}, follow=True)
    assert saved.status_code == 200
    assert_no_error_messages(saved)
    data = open_form(editor, article)
    published = editor.post(change_url(article), {**data, "_transition": "publish"}, follow=True)
    assert published.status_code == 200
    assert_no_error_messages(published)
    row = Article.objects.get(pk=article.pk)
    assert row.title_fr == title
    assert row.status == Article.Status.PUBLISHED


def assert_no_error_messages(response) -> None:
    messages = list(response.context["messages"])
    assert messages, "the admin says nothing about the save"
    assert all(m.level == constants.SUCCESS for m in messages), [str(m) for m in messages]
    assert "errornote" not in response.content.decode()


def test_with_redis_unreachable_from_the_start_readers_and_editors_carry_on(
    client, editor, settings
):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    with pytest.raises(Exception):  # noqa: B017, PT011  (really unreachable)
        cache.get("anything")
    article = ArticleFactory(
        title_fr="Le budget voté", status=Article.Status.REVIEW, publish_at=None
    )
    save_and_publish(editor, article, "Le budget voté en séance")
    client.logout()
    readers_see(client, article, "Le budget voté en séance")


@needs_redis
def test_redis_killed_mid_run_readers_and_editors_carry_on_and_nothing_is_stale(
    client, editor, settings
):
    published = ArticleFactory(title_fr="Le budget en commission")
    draft = ArticleFactory(title_fr="La réforme", status=Article.Status.REVIEW, publish_at=None)
    with private_redis() as redis:
        settings.CACHES = redis_caches(redis.url)
        reader = client.__class__()
        for path in [*READER_PAGES, french_url(published)]:
            reader.get(path)
        assert reader.get("/fr/")["X-Page-Cache"] == "hit"

        redis.stop()

        # The page cache is gone with Redis: pages are made afresh, and say so.
        home = reader.get("/fr/")
        assert home.status_code == 200
        assert home.get("X-Page-Cache") != "hit"
        save_and_publish(editor, draft, "La réforme adoptée")
        data = open_form(editor, published)
        edited = editor.post(
            change_url(published), {**data, "title_fr": "Le budget adopté"}, follow=True
        )
        assert_no_error_messages(edited)
        readers_see(reader, draft, "La réforme adoptée")
        readers_see(reader, published, "Le budget adopté")

        # Redis comes back empty (a restart): nothing from before the outage is served.
        redis.start()
        readers_see(reader, published, "Le budget adopté")
        readers_see(reader, draft, "La réforme adoptée")


@needs_redis
def test_redis_frozen_then_back_pages_answer_and_nothing_stale_comes_back(client, editor, settings):
    """A Redis that stops answering (SIGSTOP) and comes back with everything it held: what
    the editor changed meanwhile must show at once, not the pages stored before."""
    article = ArticleFactory(title_fr="Le port de Tanger")
    with private_redis() as redis:
        settings.CACHES = redis_caches(redis.url)
        reader = client.__class__()
        url = french_url(article)
        for path in ("/fr/", url, "/fr/", url):
            reader.get(path)
        assert reader.get(url)["X-Page-Cache"] == "hit"
        os.kill(redis.process.pid, signal.SIGSTOP)
        try:
            # The first cache call waits its timeout (0.5 s); then this process stops asking
            # for a few seconds (core/redis_cache.py), so pages take no longer than usual.
            for _ in range(3):
                start = time.monotonic()
                assert reader.get("/fr/").status_code == 200
                assert time.monotonic() - start < 2
            start = time.monotonic()
            assert reader.get(url).status_code == 200
            assert time.monotonic() - start < 1
            data = open_form(editor, article)
            edited = editor.post(
                change_url(article), {**data, "title_fr": "Le port de Tanger agrandi"}, follow=True
            )
            assert_no_error_messages(edited)
        finally:
            os.kill(redis.process.pid, signal.SIGCONT)
        redis_cache._paused_until.clear()  # the pause over: Redis is asked again
        page = reader.get(url)
        assert page.get("X-Page-Cache") != "hit"
        assert "Le port de Tanger agrandi" in page.content.decode()
        assert "Le port de Tanger agrandi" in reader.get("/fr/").content.decode()
