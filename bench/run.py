"""Benchmark the public pages on a large database.

    .venv/bin/python bench/run.py                       # SQLite file in /tmp, 50,000 articles
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --articles 5000 --repeat 20

Seeds the demo content plus N bulk articles into a dedicated database (never the
development one), then renders each page through Django's test client and reports the
median and 95th percentile time and the number of queries. Timings depend on the
machine: compare runs made on the same machine, not against fixed thresholds.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("ALLOW_WEAK_SECRET_KEY", "1")
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("MEDIA_ROOT", "/tmp/newsroom-bench-media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.conf import settings

    # The benchmark measures the application, not static-file manifests.
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def seed(articles: int) -> float:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", allow_production=True, articles=articles, stdout=quiet)
    elapsed = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh statistics after the bulk load, as autovacuum would gather in production.
        cursor.execute("ANALYZE")
    return elapsed


def pages() -> dict[str, str]:
    from django.utils import timezone

    from articles.models import Article

    reference = Article.objects.get(title_ar__startswith="الشراكة الأمنية بين المغرب وفرنسا")
    today = timezone.localdate()
    return {
        "home (ar)": "/ar/",
        "home (fr)": "/fr/",
        "article (ar)": reference.get_absolute_url_in("ar"),
        "section p1": "/ar/sections/politics/",
        "section p100": "/ar/sections/politics/?page=100",
        "author p1": "/ar/authors/sara-elboufi/",
        "archive month": f"/ar/archive/{today:%Y/%m}/",
        "archive year": f"/ar/archive/{today.year}/",
        "search (ar)": "/ar/search/?q=%D8%A7%D9%84%D8%A7%D9%85%D9%86%D9%8A%D9%87",  # الامنيه
        "search (fr)": "/fr/search/?q=maroc",
    }


def measure(url: str, repeat: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    response = client.get(url)  # warm-up (template loading, connection)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", "sqlite:////tmp/newsroom-bench.sqlite3")
    configure(database_url)
    from django.db import connection

    from articles.models import Article

    seconds = seed(args.articles)
    total = Article.objects.count()
    print(
        f"database: {connection.vendor}, articles: {total:,}, seed_demo --articles {args.articles:,}: {seconds:.1f} s"
    )
    print()
    print(f"| page | median ms | p95 ms | queries |  (repeat={args.repeat})")
    print("|---|---:|---:|---:|")
    for name, url in pages().items():
        median, p95, queries = measure(url, args.repeat)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} |")


if __name__ == "__main__":
    main()
