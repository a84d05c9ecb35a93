"""Most read ("الأكثر قراءة"): views counted without a write per request, per UTC hour."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import popularity
from articles.models import Article, ArticleViewHourly
from articles.preview import preview_url
from core import counters
from core.cache import invalidate_public_pages
from tests.concurrency import require_postgresql, run_together
from tests.factories import ArticleFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _counters(isolated_counters):
    """Every test here starts with empty counters in this process's buffer."""


def views_of(article) -> int:
    return sum(ArticleViewHourly.objects.filter(article=article).values_list("views", flat=True))


def read(client, article, n=1, agent=BROWSER, lang="ar"):
    """Load the article page as a browser does: the page, then its most-read beacon
    (articles/reading.js), which counts the reading even when the page came from a cache."""
    for _ in range(n):
        response = client.get(article.get_absolute_url_in(lang), HTTP_USER_AGENT=agent)
        assert response.status_code == 200
        beacon = re.search(r'data-count-reading="([^"]+)"', response.content.decode())[1]
        assert client.post(beacon, HTTP_USER_AGENT=agent).status_code == 204


@pytest.mark.django_db
class TestCounting:
    def test_a_reading_is_counted_in_memory_then_flushed(self, client):
        article = ArticleFactory()
        read(client, article, 3)
        assert ArticleViewHourly.objects.count() == 0  # nothing written by the requests
        assert popularity.flush() == 3
        assert views_of(article) == 3
        assert popularity.flush() == 0  # each view lands in exactly one flush

    def test_readings_in_both_editions_add_up(self, client):
        article = ArticleFactory(title_fr="Aussi en français")
        read(client, article, 2, lang="ar")
        read(client, article, 1, lang="fr")
        popularity.flush()
        assert views_of(article) == 3

    @pytest.mark.parametrize(
        "agent",
        [
            "",
            "Googlebot/2.1 (+http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "facebookexternalhit/1.1",
            "curl/8.5.0",
            "python-requests/2.32",
            "Mozilla/5.0 HeadlessChrome/126.0",
        ],
    )
    def test_bots_and_scripts_are_not_counted(self, client, agent):
        article = ArticleFactory()
        read(client, article, agent=agent)
        assert popularity.flush() == 0

    def test_head_requests_previews_and_missing_pages_are_not_counted(self, client):
        article = ArticleFactory(title_fr="Bilingue")
        assert (
            client.head(article.get_absolute_url_in("ar"), HTTP_USER_AGENT=BROWSER).status_code
            == 200
        )
        preview = client.get(preview_url(article, "ar"), HTTP_USER_AGENT=BROWSER)
        assert preview.status_code == 200
        assert b"data-count-reading" not in preview.content  # no beacon on previews
        client.get("/en" + article.get_absolute_url_in("ar")[3:], HTTP_USER_AGENT=BROWSER)
        assert popularity.flush() == 0

    def test_views_go_to_utc_hour_buckets(self):
        article = ArticleFactory()
        at = datetime(2025, 4, 16, 23, 59, tzinfo=UTC)
        popularity.count_view(article.pk, now=at)
        popularity.count_view(article.pk, 2, now=at + timedelta(minutes=2))  # next hour, next day
        popularity.count_view(article.pk, now=at - timedelta(minutes=30))
        popularity.flush()
        buckets = dict(
            ArticleViewHourly.objects.filter(article=article).values_list("hour", "views")
        )
        assert buckets == {
            datetime(2025, 4, 16, 23, tzinfo=UTC): 2,
            datetime(2025, 4, 17, 0, tzinfo=UTC): 2,
        }

    def test_flushes_add_to_existing_rows(self):
        article = ArticleFactory()
        popularity.count_view(article.pk, 5)
        popularity.flush()
        popularity.count_view(article.pk, 4)
        popularity.flush()
        assert ArticleViewHourly.objects.get(article=article).views == 9

    def test_views_of_a_deleted_article_are_dropped(self):
        article = ArticleFactory()
        popularity.count_view(article.pk)
        Article.objects.filter(pk=article.pk).delete()
        popularity.flush()
        assert ArticleViewHourly.objects.count() == 0

    def test_flush_counters_command_includes_article_views(self):
        from django.core.management import call_command

        article = ArticleFactory()
        popularity.count_view(article.pk, 2)
        call_command("flush_counters", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert views_of(article) == 2


@pytest.mark.django_db
class TestWidget:
    @pytest.fixture
    def ranked(self):
        now = timezone.now()
        today = ArticleFactory(title_ar="الأكثر اليوم", title_fr="Le plus lu du jour")
        week = ArticleFactory(title_ar="الأكثر هذا الأسبوع")
        month = ArticleFactory(title_ar="قرئ الشهر الماضي")
        popularity.count_view(today.pk, 10, now=now)
        popularity.count_view(week.pk, 4, now=now - timedelta(hours=2))
        popularity.count_view(week.pk, 50, now=now - timedelta(days=3))
        popularity.count_view(month.pk, 500, now=now - timedelta(days=8))
        popularity.flush()
        return today, week, month

    def test_last_24_hours_and_last_7_days(self, ranked):
        today, week, _month = ranked
        lists = popularity.most_read_lists("ar")
        assert lists["day"] == [today, week]
        assert lists["week"] == [week, today]
        assert [a.recent_views for a in lists["week"]] == [54, 10]

    def test_the_24_hour_window_is_24_hours(self, ranked):
        today, week, _month = ranked
        now = timezone.now()  # views: `today` now, `week` two hours ago (and 3 days ago)
        assert popularity.most_read("ar", 24, now=now + timedelta(hours=21)) == [today, week]
        assert popularity.most_read("ar", 24, now=now + timedelta(hours=23)) == [today]
        assert popularity.most_read("ar", 24, now=now + timedelta(hours=24, minutes=1)) == []

    def test_only_public_articles_of_the_edition(self, ranked):
        today, _week, _month = ranked
        assert popularity.most_read_lists("fr")["week"] == [today]
        Article.objects.filter(pk=today.pk).update(status=Article.Status.UNPUBLISHED)
        invalidate_public_pages()
        assert today not in popularity.most_read_lists("ar")["week"]

    def test_cached_until_the_public_pages_change(self, ranked, django_assert_num_queries):
        today, _week, _month = ranked
        popularity.most_read_lists("ar")
        # The ranking is cached; the articles are re-read as public, both lists at once.
        with django_assert_num_queries(1):
            popularity.most_read_lists("ar")
        invalidate_public_pages()
        with django_assert_num_queries(2):  # one query per list
            popularity.most_read_lists("ar")

    def test_shown_on_the_home_page_and_beside_articles(self, client, ranked):
        today, week, _month = ranked
        for extra in range(20):  # the home page's aside needs some newest articles
            ArticleFactory(publish_at=timezone.now() - timedelta(days=20, hours=extra))
        for url in ("/ar/", week.get_absolute_url_in("ar")):
            page = client.get(url).content.decode()
            assert '<section class="most-read" aria-labelledby="most-read-title">' in page, url
            day = page.split('id="most-read-day"')[1].split("</ol>")[0]
            assert day.index("الأكثر اليوم") < day.index("الأكثر هذا الأسبوع")
            weekly = page.split('id="most-read-week"')[1].split("</ol>")[0]
            assert weekly.index("الأكثر هذا الأسبوع") < weekly.index("الأكثر اليوم")
            assert "قرئ الشهر الماضي" not in weekly

    def test_no_widget_without_views(self, client):
        article = ArticleFactory()
        assert (
            'class="most-read"'
            not in client.get(article.get_absolute_url_in("ar")).content.decode()
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_readers_are_all_counted(settings):
    """Readers in parallel threads, flushing by themselves as they go: exact totals."""
    require_postgresql()
    settings.COUNTERS_FLUSH_HITS = 7  # request threads flush concurrently with each other
    settings.NEWSROOM_RATE_LIMITS = {}  # 200 beacons from one address (docs/abuse.md)
    first, second = ArticleFactory(), ArticleFactory()
    per_thread, threads_count = 25, 8
    statuses = []

    def reader(n):
        client = Client(HTTP_USER_AGENT=BROWSER)
        for i in range(per_thread):
            article = first if (i + n) % 2 else second
            statuses.append(client.get(article.get_absolute_url_in("ar")).status_code)
            # The page's beacon counts the reading (articles/reading.js).
            statuses.append(client.post(f"/ar/articles/{article.pk}/read/").status_code)

    def cron():
        for _ in range(15):
            counters.flush_all()

    readers = [lambda n=n: reader(n) for n in range(threads_count)]
    errors = run_together(*readers, cron)
    assert set(statuses) == {200, 204}
    popularity.flush()
    assert errors == []
    assert views_of(first) + views_of(second) == per_thread * threads_count
    assert views_of(first) == views_of(second) == per_thread * threads_count // 2
    assert ArticleViewHourly.objects.count() <= 4  # one row per article and hour
