"""Whole pages cached for anonymous readers, never stale (core/pagecache.py, docs/caching.md).

Each change is made the way people make it (the admin's forms as the browser posts them,
the workflow's steps, the clock moving for scheduled and expiring articles); a reader then
asks for the page again and must see the change, from a page cache that served the old page
just before.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.banner_factories import BannerFactory, MagazineIssueFactory
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.personas import change_url, form_data, make_administrator, make_editor, open_form

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_CDN_PURGE = ""


@pytest.fixture
def reader():
    return Client(HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def staff(client):
    client.force_login(make_administrator())
    return client


def page(reader, url, status=200):
    response = reader.get(url)
    assert response.status_code == status, url
    return response


def text(response) -> str:
    return response.content.decode()


def cached(reader, url) -> str:
    """The page, asked twice: the second answer comes from the page cache."""
    page(reader, url)
    response = page(reader, url)
    assert response["X-Page-Cache"] == "hit", url
    return text(response)


def admin_save(staff, url, captured, **changes):
    """Open an admin change form, change some fields, save it as the browser does."""
    data = form_data(page(staff, url))
    data.update(changes)
    with captured(execute=True):
        response = staff.post(url, data)
    assert response.status_code == 302, response.content[:2000]


# --- what is cached, and for whom ---------------------------------------------------------


class TestWhatIsCached:
    def test_an_anonymous_page_is_served_from_the_cache_the_second_time(self, reader):
        article = ArticleFactory(title_ar="خبر أول")
        first = page(reader, article.get_absolute_url())
        assert first["X-Page-Cache"] == "miss"
        second = page(reader, article.get_absolute_url())
        assert second["X-Page-Cache"] == "hit"
        assert second.content == first.content

    def test_a_hit_runs_no_query(self, reader, django_assert_num_queries):
        ArticleFactory()
        page(reader, "/ar/")
        with django_assert_num_queries(0):
            assert page(reader, "/ar/")["X-Page-Cache"] == "hit"

    def test_each_edition_path_and_query_string_is_its_own_page(self, reader):
        ArticleFactory(title_ar="بالعربية", title_fr="En français")
        assert "بالعربية" in cached(reader, "/ar/")
        assert "En français" in cached(reader, "/fr/")
        assert "بالعربية" not in text(page(reader, "/fr/"))
        page(reader, "/ar/search/?q=عربية")
        assert page(reader, "/ar/search/?q=فرنسية")["X-Page-Cache"] == "miss"

    def test_each_encoding_is_its_own_page(self, reader):
        ArticleFactory()
        cached(reader, "/ar/")
        plain = page(reader, "/ar/")
        zipped = reader.get("/ar/", HTTP_ACCEPT_ENCODING="gzip")
        assert zipped["X-Page-Cache"] == "miss"
        assert zipped["Content-Encoding"] == "gzip"
        assert not plain.has_header("Content-Encoding")

    def test_staff_with_a_session_bypass_it_and_are_never_stored(self, reader, staff):
        article = ArticleFactory()
        url = article.get_absolute_url()
        response = page(staff, url)
        assert not response.has_header("X-Page-Cache")
        assert response["Cache-Control"] == "private, no-cache"
        assert page(staff, url).get("X-Page-Cache") is None
        assert page(reader, url)["X-Page-Cache"] == "miss"  # staff's page was not stored

    def test_any_session_cookie_bypasses_it(self, reader):
        ArticleFactory()
        cached(reader, "/ar/")
        reader.cookies["sessionid"] = "whatever"
        assert page(reader, "/ar/").get("X-Page-Cache") is None

    def test_posts_errors_and_uncached_endpoints_are_not_stored(self, reader):
        article = ArticleFactory()
        page(reader, "/ar/articles/nothing-here/", status=404)
        response = page(reader, "/ar/articles/nothing-here/", status=404)
        assert response.get("X-Page-Cache") is None
        assert response["Cache-Control"] == "private, no-cache"
        assert reader.post(f"/ar/articles/{article.pk}/read/").status_code == 204
        fill = page(reader, "/ads/fill/?lang=ar&slots=sidebar")
        assert fill.get("X-Page-Cache") is None
        assert "no-cache" in fill["Cache-Control"]
        assert "public" not in fill["Cache-Control"]

    def test_a_page_that_sets_a_cookie_or_holds_a_csrf_token_is_not_stored(self, reader):
        response = page(reader, "/admin/login/")
        assert response.cookies  # the CSRF cookie
        assert "public" not in response["Cache-Control"]
        assert page(reader, "/admin/login/").get("X-Page-Cache") is None

    def test_off_when_page_cache_seconds_is_zero(self, reader, settings):
        settings.PAGE_CACHE_SECONDS = 0
        ArticleFactory()
        page(reader, "/ar/")
        assert page(reader, "/ar/").get("X-Page-Cache") is None
        assert "s-maxage=60" in page(reader, "/ar/")["Cache-Control"]  # CDN headers still

    def test_previews_are_never_cached(self, reader):
        from articles.preview import preview_url

        article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
        url = preview_url(article)
        for _ in range(2):
            response = page(reader, url)
            assert response.get("X-Page-Cache") is None
            assert "no-store" in response["Cache-Control"]


# --- never stale ----------------------------------------------------------------------------


class TestNeverStale:
    def test_publishing_through_the_workflow(self, reader, django_capture_on_commit_callbacks):
        article = ArticleFactory(
            title_ar="خبر ينشر الآن", status=Article.Status.REVIEW, publish_at=None
        )
        assert "خبر ينشر الآن" not in cached(reader, "/ar/")
        section_url = article.section.get_absolute_url()
        cached(reader, section_url)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish_now(article, by=make_editor())
        assert "خبر ينشر الآن" in text(page(reader, "/ar/"))
        assert "خبر ينشر الآن" in text(page(reader, section_url))
        assert page(reader, article.get_absolute_url()).status_code == 200

    def test_editing_an_article_in_the_admin(
        self, reader, staff, django_capture_on_commit_callbacks
    ):
        article = ArticleFactory(title_ar="العنوان القديم", title_fr="Ancien titre")
        urls = [
            "/ar/",
            "/fr/",
            article.get_absolute_url_in("ar"),
            article.get_absolute_url_in("fr"),
        ]
        urls += ["/ar/feeds/rss/", "/sitemap-articles-ar.xml"]
        for url in urls:
            cached(reader, url)
        data = open_form(staff, article)
        data.update(title_ar="العنوان الجديد", title_fr="Nouveau titre")
        with django_capture_on_commit_callbacks(execute=True):
            assert staff.post(change_url(article), data).status_code == 302
        assert "العنوان الجديد" in text(page(reader, "/ar/"))
        assert "Nouveau titre" in text(page(reader, "/fr/"))
        assert "العنوان الجديد" in text(page(reader, article.get_absolute_url_in("ar")))
        assert "Nouveau titre" in text(page(reader, article.get_absolute_url_in("fr")))
        assert "العنوان الجديد" in text(page(reader, "/ar/feeds/rss/"))

    def test_the_breaking_news_bar(self, reader, staff, django_capture_on_commit_callbacks):
        article = ArticleFactory(title_ar="زلزال قوي", is_breaking=False)
        before = cached(reader, "/ar/")
        data = open_form(staff, article)
        data["is_breaking"] = "on"
        with django_capture_on_commit_callbacks(execute=True):
            assert staff.post(change_url(article), data).status_code == 302
        assert "badge-breaking" not in before
        assert "badge-breaking" in text(page(reader, "/ar/"))

    def test_unpublishing(self, reader, django_capture_on_commit_callbacks):
        article = ArticleFactory(title_ar="خبر يسحب")
        assert "خبر يسحب" in cached(reader, "/ar/")
        cached(reader, article.get_absolute_url())
        with django_capture_on_commit_callbacks(execute=True):
            workflow.unpublish(article, by=make_editor())
        assert "خبر يسحب" not in text(page(reader, "/ar/"))
        page(reader, article.get_absolute_url(), status=404)

    def test_an_expiry_needs_no_event(self, reader):
        now = timezone.now()
        article = ArticleFactory(title_ar="خبر ينتهي", unpublish_at=now + timedelta(minutes=10))
        with time_machine.travel(now, tick=False):
            assert "خبر ينتهي" in cached(reader, "/ar/")
            cached(reader, article.get_absolute_url())
            control = page(reader, "/ar/")["Cache-Control"]
        with time_machine.travel(now + timedelta(minutes=10, seconds=1), tick=False):
            assert "خبر ينتهي" not in text(page(reader, "/ar/"))
            page(reader, article.get_absolute_url(), status=404)
        assert "s-maxage=60" in control  # the expiry is further than a front's lifetime

    def test_a_scheduled_time_arriving_needs_no_event(self, reader):
        now = timezone.now()
        ArticleFactory(
            title_ar="خبر مجدول",
            status=Article.Status.SCHEDULED,
            publish_at=now + timedelta(seconds=40),
        )
        with time_machine.travel(now, tick=False):
            assert "خبر مجدول" not in cached(reader, "/ar/")
            control = page(reader, "/ar/")["Cache-Control"]
        # No cache keeps the page past the publication: not here, not at a CDN.
        s_maxage = int(re.search(r"s-maxage=(\d+)", control)[1])
        assert 0 < s_maxage <= 40
        assert "stale-while-revalidate" not in control
        with time_machine.travel(now + timedelta(seconds=41), tick=False):
            assert "خبر مجدول" in text(page(reader, "/ar/"))

    def test_a_banner_starting_needs_no_event(self, reader):
        now = timezone.now()
        ArticleFactory()
        BannerFactory(text="إعلان قادم", slot="header", starts_at=now + timedelta(minutes=3))
        with time_machine.travel(now, tick=False):
            assert "data-ad-slot" not in cached(reader, "/ar/")
        with time_machine.travel(now + timedelta(minutes=3, seconds=1), tick=False):
            assert "data-ad-slot" in text(page(reader, "/ar/"))

    def test_the_date_in_the_header_turns_at_midnight(self, reader):
        from core.pagecache import next_change, next_midnight

        now = timezone.now()
        assert next_change(now) <= next_midnight(now)
        assert timezone.localtime(next_midnight(now)).time().isoformat() == "00:00:00"
        assert next_midnight(now) - now <= timedelta(days=1)

    @pytest.mark.parametrize(
        ("model", "field", "old", "new"),
        [
            ("section", "name_ar", "رياضة", "الرياضة اليوم"),
            ("tag", "name_ar", "انتخابات", "الانتخابات التشريعية"),
            ("author", "name_ar", "كاتب قديم", "كاتب جديد"),
        ],
    )
    def test_editing_a_section_tag_or_author_in_the_admin(
        self, reader, staff, django_capture_on_commit_callbacks, model, field, old, new
    ):
        section = SectionFactory(**({"name_ar": old} if model == "section" else {}))
        tag = TagFactory(**({"name_ar": old} if model == "tag" else {}))
        author = AuthorFactory(**({"name_ar": old} if model == "author" else {}))
        article = ArticleFactory(section=section, authors=[author])
        article.tags.set([tag])
        target = {"section": section, "tag": tag, "author": author}[model]
        app = "authors" if model == "author" else "articles"
        url = article.get_absolute_url()
        assert old in cached(reader, url)
        admin_save(
            staff,
            f"/admin/{app}/{model}/{target.pk}/change/",
            django_capture_on_commit_callbacks,
            **{field: new},
        )
        assert new in text(page(reader, url))

    def test_a_banner_edited_in_the_admin(self, reader, staff, django_capture_on_commit_callbacks):
        ArticleFactory()
        banner = BannerFactory(text="إعلان", slot="header")
        assert "data-ad-slot" in cached(reader, "/ar/")
        admin_save(
            staff,
            f"/admin/ads/banner/{banner.pk}/change/",
            django_capture_on_commit_callbacks,
            is_active="",
        )
        assert "data-ad-slot" not in text(page(reader, "/ar/"))

    def test_a_magazine_issue_published_in_the_admin(
        self, reader, staff, django_capture_on_commit_callbacks
    ):
        ArticleFactory()
        issue = MagazineIssueFactory(title="عدد نهاية الأسبوع", is_published=False)
        assert "عدد نهاية الأسبوع" not in cached(reader, "/ar/")
        admin_save(
            staff,
            f"/admin/magazine/magazineissue/{issue.pk}/change/",
            django_capture_on_commit_callbacks,
            is_published="on",
        )
        assert "عدد نهاية الأسبوع" in text(page(reader, "/ar/"))


# --- most read behind the cache -----------------------------------------------------------


class TestMostReadBehindTheCache:
    def test_a_page_from_the_cache_still_counts_a_reading(self, reader, isolated_counters):
        from articles import popularity

        article = ArticleFactory()
        url = article.get_absolute_url()
        for _ in range(3):
            html = text(page(reader, url))
            beacon = re.search(r'data-count-reading="([^"]+)"', html)[1]
            assert reader.post(beacon).status_code == 204
        assert page(reader, url)["X-Page-Cache"] == "hit"
        assert popularity.flush() == 3

    def test_the_beacon_counts_only_published_articles_and_readers(self, reader, isolated_counters):
        from articles import popularity

        draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
        assert reader.post(f"/ar/articles/{draft.pk}/read/").status_code == 404
        live = ArticleFactory()
        bot = Client(HTTP_USER_AGENT="Googlebot/2.1")
        assert bot.post(f"/ar/articles/{live.pk}/read/").status_code == 204
        assert reader.get(f"/ar/articles/{live.pk}/read/").status_code == 405
        assert popularity.flush() == 0
