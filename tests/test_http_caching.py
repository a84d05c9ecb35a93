"""HTTP caching for a CDN in front, compression, static and media lifetimes, the purge hook
(core/pagecache.py, core/compression.py, docs/caching.md, docs/media.md)."""

import gzip
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import brotli
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.factories import ArticleFactory, image_upload
from tests.personas import make_administrator, make_editor

pytestmark = pytest.mark.django_db

PURGES = []


def record_purge():
    PURGES.append(timezone.now())


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_CDN_PURGE = ""


def s_maxage(response) -> int:
    return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"])[1])


class TestCacheControl:
    def test_fronts_are_short_and_allow_stale_while_revalidating(self, client):
        article = ArticleFactory()
        for url in ["/ar/", article.section.get_absolute_url(), "/ar/search/?q=x"]:
            control = client.get(url)["Cache-Control"]
            assert control == "public, max-age=0, s-maxage=60, stale-while-revalidate=30", url

    def test_old_articles_are_kept_longer_than_new_ones(self, client, time_machine):
        # Midday: in the hour before Casablanca's midnight every page is kept only until
        # midnight (the date in the masthead changes), less than the hour asked here.
        time_machine.move_to(datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Africa/Casablanca")))
        new = ArticleFactory(publish_at=timezone.now() - timedelta(hours=1))
        old = ArticleFactory(publish_at=timezone.now() - timedelta(days=30))
        assert s_maxage(client.get(new.get_absolute_url())) == 120
        assert s_maxage(client.get(old.get_absolute_url())) == 3600

    def test_feeds_and_sitemaps_are_moderate(self, client):
        ArticleFactory()
        assert s_maxage(client.get("/ar/feeds/rss/")) == 300
        assert s_maxage(client.get("/sitemap.xml")) == 300

    def test_a_hit_tells_the_cdn_only_what_is_left_before_the_next_change(self, client):
        import time_machine

        now = timezone.now()
        ArticleFactory(status=Article.Status.SCHEDULED, publish_at=now + timedelta(seconds=50))
        with time_machine.travel(now, tick=False):
            assert s_maxage(client.get("/ar/")) == 50
        with time_machine.travel(now + timedelta(seconds=30), tick=False):
            hit = client.get("/ar/")
            assert hit["X-Page-Cache"] == "hit"
            assert s_maxage(hit) == 20

    def test_nothing_cacheable_for_admin_preview_or_staff(self, client):
        from articles.preview import preview_url

        article = ArticleFactory()
        draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
        assert "public" not in Client().get(preview_url(draft))["Cache-Control"]
        client.force_login(make_administrator())
        for url in ["/admin/", "/admin/articles/article/", article.get_absolute_url()]:
            control = client.get(url)["Cache-Control"]
            assert "public" not in control, url
            assert "private" in control, url


class TestConditionalAndVary:
    def test_etag_answers_304_from_the_page_cache(self, client):
        ArticleFactory()
        first = client.get("/ar/")
        etag = first["ETag"]
        again = client.get("/ar/", HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304
        assert again.content == b""
        assert client.get("/ar/")["X-Page-Cache"] == "hit"

    def test_anonymous_pages_vary_on_the_encoding_only(self, client):
        ArticleFactory()
        for url in ["/ar/", "/ar/feeds/rss/"]:
            vary = client.get(url, HTTP_ACCEPT_ENCODING="gzip")["Vary"]
            assert vary == "Accept-Encoding", url


class TestCompression:
    def test_public_html_feeds_and_sitemaps_are_compressed(self, client):
        ArticleFactory(title_ar="خبر مضغوط")
        response = client.get("/ar/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response["Content-Encoding"] == "br"
        assert "خبر مضغوط" in brotli.decompress(response.content).decode()
        response = client.get("/ar/", HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip"
        assert "خبر مضغوط" in gzip.decompress(response.content).decode()
        for url in ["/ar/feeds/rss/", "/sitemap-articles-ar.xml"]:
            assert client.get(url, HTTP_ACCEPT_ENCODING="br")["Content-Encoding"] == "br", url

    def test_nothing_with_a_secret_is_compressed(self, client):
        login = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip, br")
        assert login.status_code == 200
        assert login.cookies
        assert not login.has_header("Content-Encoding")
        client.force_login(make_administrator())
        article = ArticleFactory()
        for url in ["/admin/", "/admin/articles/article/", article.get_absolute_url()]:
            response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
            assert response.status_code == 200
            assert not response.has_header("Content-Encoding"), url


class TestPurgeHook:
    def test_the_cdn_is_purged_after_commit_of_a_change(
        self, settings, django_capture_on_commit_callbacks
    ):
        settings.NEWSROOM_CDN_PURGE = "tests.test_http_caching.record_purge"
        PURGES.clear()
        article = ArticleFactory(status=Article.Status.REVIEW, publish_at=None)
        PURGES.clear()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            workflow.publish_now(article, by=make_editor())
        assert PURGES == []  # not before the commit
        for callback in callbacks:
            callback()
        assert len(PURGES) == 1

    def test_a_failing_purge_never_fails_the_change(self, settings):
        from core.cache import invalidate_public_pages

        settings.NEWSROOM_CDN_PURGE = "tests.test_http_caching.no_such_function"
        assert invalidate_public_pages() is not None


class TestMedia:
    def test_public_uploads_are_immutable_covers_short_and_gone_with_their_article(
        self, client, django_capture_on_commit_callbacks
    ):
        article = ArticleFactory(cover=image_upload())
        article.refresh_from_db()
        cover = client.get(article.cover.url)
        assert cover.status_code == 200
        assert cover["Cache-Control"].startswith("public, max-age=0, s-maxage=300")
        card = default_storage.url(article.cover_renditions["specs"]["card"][0]["avif"])
        thumb = client.get(card)
        assert thumb.status_code == 200
        assert "immutable" not in thumb["Cache-Control"]
        with django_capture_on_commit_callbacks(execute=True):
            workflow.unpublish(article, by=make_editor())
        assert client.get(card).status_code == 404
        assert client.get(article.cover.url).status_code == 404

    def test_other_uploads_are_cached_for_a_year(self, client, settings, tmp_path):
        from tests.factories import AuthorFactory

        author = AuthorFactory(photo=image_upload())
        response = client.get(author.photo.url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_static_files_are_hashed_compressed_and_immutable(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages, DEBUG=False):
        call_command("collectstatic", "--noinput", verbosity=0)
        from django.templatetags.static import static

        url = static("css/site.css")
        assert re.search(r"/static/css/site\.[0-9a-f]{12}\.css$", url)
        response = Client().get(url, HTTP_ACCEPT_ENCODING="br, gzip")
        assert response.status_code == 200
        control = response["Cache-Control"]
        assert "immutable" in control
        assert int(re.search(r"max-age=(\d+)", control)[1]) >= 31536000
        assert response["Content-Encoding"] in ("br", "gzip")
