"""core.counters: hits are aggregated in memory or Redis, then flushed exactly once."""

import uuid
from datetime import UTC, date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from ads import banners
from ads.models import BannerStat
from core import counters
from magazine.models import MagazineDownloadStat
from tests.banner_factories import BannerFactory
from tests.concurrency import require_postgresql, run_together

DAY = date(2025, 4, 16)


@pytest.fixture(autouse=True)
def _counters(isolated_counters):
    """Every test here starts with empty counters in this process's buffer."""


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_timeout=0.3).ping())
    except Exception:
        return False


@pytest.fixture(params=["buffer", "redis"])
def backend(request, settings):
    """Run the test with the in-process buffer, then with Redis (skipped when not running)."""
    if request.param == "redis":
        if not redis_available():
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        settings.REDIS_URL = "redis://127.0.0.1:6379/15"
        settings.COUNTERS_KEY_PREFIX = f"test-counters-{uuid.uuid4().hex}"
        yield "redis"
        client = counters._redis()
        for key in client.scan_iter(f"{settings.COUNTERS_KEY_PREFIX}:*"):
            client.delete(key)
    else:
        settings.REDIS_URL = ""
        yield "buffer"


def test_hits_add_up_per_object_and_day(backend):
    counters.hit("views", 1)
    counters.hit("views", 1, 4)
    counters.hit("views", 2, when=DAY)
    counters.hit("views", 2, when=datetime(2025, 4, 16, 23, 30, tzinfo=ZoneInfo("UTC")))
    counters.hit("other", 1)
    pending = counters.pending("views")
    from django.utils import timezone

    # 23:30 UTC on the 16th is already the 17th in Casablanca (UTC+1): days are local.
    assert pending == {(1, timezone.localdate()): 5, (2, DAY): 1, (2, date(2025, 4, 17)): 1}
    assert counters.pending("other") == {(1, timezone.localdate()): 1}


def test_flush_hands_rows_to_apply_once(backend):
    counters.hit("views", 7, 3, when=DAY)
    counters.hit("views", 8, when=DAY)
    seen = []
    assert counters.flush("views", seen.extend) == 4
    assert sorted(seen) == [(7, DAY, 3), (8, DAY, 1)]
    assert counters.pending("views") == {}
    assert counters.flush("views", seen.extend) == 0  # nothing is flushed twice
    assert len(seen) == 2


def test_failed_apply_puts_counts_back(backend):
    counters.hit("views", 7, 3, when=DAY)

    def broken(rows):
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        counters.flush("views", broken)
    counters.hit("views", 7, when=DAY)
    assert counters.pending("views") == {(7, DAY): 4}


@pytest.mark.django_db
def test_adder_inserts_then_increments():
    banner = BannerFactory()
    impressions = counters.adder(BannerStat, "banner", "impressions")
    clicks = counters.adder(BannerStat, "banner", "clicks")
    impressions([(banner.pk, DAY, 10)])
    clicks([(banner.pk, DAY, 2)])
    impressions([(banner.pk, DAY, 5), (banner.pk, date(2025, 4, 17), 1)])
    rows = {s.date: (s.impressions, s.clicks) for s in BannerStat.objects.filter(banner=banner)}
    assert rows == {DAY: (15, 2), date(2025, 4, 17): (1, 0)}


@pytest.mark.django_db
def test_counts_of_a_deleted_object_are_dropped_not_fatal():
    kept, gone = BannerFactory(), BannerFactory()
    gone_id = gone.pk
    gone.delete()
    counters.hit(banners.CLICK, kept.pk, when=DAY)
    counters.hit(banners.CLICK, gone_id, when=DAY)
    assert counters.flush(banners.CLICK) == 2
    assert list(BannerStat.objects.values_list("banner_id", "clicks")) == [(kept.pk, 1)]


@pytest.mark.django_db
def test_flush_counters_command_flushes_every_registered_kind():
    banner = BannerFactory()
    counters.hit(banners.IMPRESSION, banner.pk, 3, when=DAY)
    counters.hit(banners.CLICK, banner.pk, when=DAY)
    out = StringIO()
    call_command("flush_counters", stdout=out)
    stat = BannerStat.objects.get(banner=banner, date=DAY)
    assert (stat.impressions, stat.clicks) == (3, 1)
    assert "banner_impression: 3" in out.getvalue()
    assert {"banner_impression", "banner_click", "magazine_download"} <= set(counters.registered())
    with pytest.raises(CommandError, match="Unknown counter kind"):
        call_command("flush_counters", kind=["nope"])


@pytest.mark.django_db
def test_autoflush_after_n_hits_runs_after_commit(settings, django_capture_on_commit_callbacks):
    settings.COUNTERS_FLUSH_HITS = 3
    banner = BannerFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        counters.hit(banners.CLICK, banner.pk, when=DAY)
        counters.hit(banners.CLICK, banner.pk, when=DAY)
        assert not BannerStat.objects.exists()
        counters.hit(banners.CLICK, banner.pk, when=DAY)
    assert len(callbacks) == 1
    assert BannerStat.objects.get(banner=banner).clicks == 3
    assert counters.pending(banners.CLICK) == {}


@pytest.mark.django_db
def test_autoflush_after_t_seconds(settings, django_capture_on_commit_callbacks, monkeypatch):
    settings.COUNTERS_FLUSH_SECONDS = 60
    banner = BannerFactory()
    clock = [1000.0]
    monkeypatch.setattr(counters.time, "monotonic", lambda: clock[0])
    counters.reset_for_tests()
    with django_capture_on_commit_callbacks(execute=True):
        counters.hit(banners.CLICK, banner.pk, when=DAY)
        clock[0] += 59
        counters.hit(banners.CLICK, banner.pk, when=DAY)
        assert not BannerStat.objects.exists()
        clock[0] += 2
        counters.hit(banners.CLICK, banner.pk, when=DAY)
    assert BannerStat.objects.get(banner=banner).clicks == 3


def test_hit_survives_redis_outage(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    counters.hit("views", 1, when=DAY)
    assert counters.pending("views") == {(1, DAY): 1}
    seen = []
    counters.flush("views", seen.extend)
    assert seen == [(1, DAY, 1)]


# --- concurrency: many requests and flushes at once, nothing lost, nothing doubled -------


THREADS = 8
HITS_PER_THREAD = 250


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_and_flushes_lose_nothing_on_postgresql(backend):
    require_postgresql()
    banner, other = BannerFactory(), BannerFactory()

    def reader():
        for i in range(HITS_PER_THREAD):
            counters.hit(banners.IMPRESSION, banner.pk if i % 3 else other.pk, when=DAY)
            if i % 50 == 0:
                counters.flush(banners.IMPRESSION)

    def cron():
        for _ in range(20):
            counters.flush_all()

    errors = run_together(*[reader] * THREADS, cron, cron)
    counters.flush(banners.IMPRESSION)
    assert errors == []
    total = THREADS * HITS_PER_THREAD
    per_banner = dict(BannerStat.objects.values_list("banner_id", "impressions"))
    assert sum(per_banner.values()) == total
    assert per_banner[other.pk] == THREADS * len(range(0, HITS_PER_THREAD, 3))
    assert BannerStat.objects.count() == 2  # one row per banner and day, never duplicated


@pytest.mark.django_db(transaction=True)
def test_concurrent_click_requests_are_all_counted_on_postgresql(backend, settings):
    require_postgresql()
    settings.COUNTERS_FLUSH_HITS = 7  # requests flush by themselves, concurrently
    # Each click of another reader, after an impression of its own (ads/README.md).
    settings.NEWSROOM_RATE_LIMITS = {}
    banner = BannerFactory(link_url="https://advertiser.example.com/")
    per_thread = 30
    statuses = []
    readers = iter(range(1_000_000))

    def reader():
        client = Client()
        for _ in range(per_thread):
            address = f"10.1.{(n := next(readers)) // 250}.{n % 250}"
            token = banners.impression_token(banner.pk, address)
            url = f"{banner.click_url()}?i={token}"
            statuses.append(client.get(url, REMOTE_ADDR=address).status_code)

    errors = run_together(*[reader] * 6)
    assert set(statuses) == {302}
    counters.flush_all()
    assert errors == []
    assert BannerStat.objects.get(banner=banner).clicks == 6 * per_thread


@pytest.mark.django_db
def test_magazine_downloads_are_a_registered_kind():
    from magazine.issues import DOWNLOAD
    from tests.banner_factories import MagazineIssueFactory

    issue = MagazineIssueFactory()
    counters.hit(DOWNLOAD, issue.pk, 2, when=DAY)
    counters.flush(DOWNLOAD)
    assert MagazineDownloadStat.objects.get(issue=issue, date=DAY).downloads == 2


def test_hourly_kinds_count_per_utc_hour(backend):
    counters.register("hourly-test", lambda rows: None, per="hour")
    casablanca = ZoneInfo("Africa/Casablanca")
    counters.hit("hourly-test", 3, when=datetime(2025, 4, 16, 14, 52, tzinfo=casablanca))
    counters.hit("hourly-test", 3, 2, when=datetime(2025, 4, 16, 14, 5, tzinfo=casablanca))
    counters.hit("hourly-test", 3, when=datetime(2025, 4, 16, 15, 0, tzinfo=casablanca))
    assert counters.pending("hourly-test") == {
        (3, datetime(2025, 4, 16, 13, tzinfo=UTC)): 3,
        (3, datetime(2025, 4, 16, 14, tzinfo=UTC)): 1,
    }


def test_unknown_granularity_is_refused():
    with pytest.raises(ValueError, match="per must be"):
        counters.register("bad", lambda rows: None, per="week")
