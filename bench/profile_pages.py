"""Time and profile public pages, uncached, on a database already seeded.

    createdb -h 127.0.0.1 -U postgres newsroom_queries
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_queries
    SECRET_KEY=x ALLOW_WEAK_SECRET_KEY=1 DEBUG=0 .venv/bin/python manage.py migrate
    SECRET_KEY=x ALLOW_WEAK_SECRET_KEY=1 DEBUG=0 .venv/bin/python manage.py seed_demo --articles 50000 --allow-production
    .venv/bin/python bench/profile_pages.py                      # median ms and queries per page
    .venv/bin/python bench/profile_pages.py --profile home article --top 25

Pages go through Django's test client (the whole middleware stack, no network) with the
full-page cache off (PAGE_CACHE_SECONDS=0); fragment caches (banners, magazine, most
read) stay on, as in production. `--profile` runs cProfile over `--repeat` requests of
each page named and prints the functions that cost most (own time and cumulative).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure() -> None:
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("Set DATABASE_URL to a database seeded with seed_demo --articles N.")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("ALLOW_WEAK_SECRET_KEY", "1")
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def pages() -> dict[str, str]:
    from django.core.paginator import Paginator
    from django.utils import timezone

    from articles.listing import PAGE_SIZE
    from articles.models import Article, Section, Tag
    from authors.models import Author

    reference = Article.objects.get(title_ar__startswith="الشراكة الأمنية بين المغرب وفرنسا")
    section = Section.objects.get(slug="politics")
    last = Paginator(range(Article.objects.public("ar").in_section(section).count()), PAGE_SIZE)
    tag = Tag.objects.with_public_articles("ar").order_by("pk").first()
    author = Author.objects.active().order_by("pk").first()
    today = timezone.localdate()
    return {
        "home": "/ar/",
        "home-fr": "/fr/",
        "article": reference.get_absolute_url_in("ar"),
        "section-1": "/ar/sections/politics/",
        "section-100": "/ar/sections/politics/?page=100",
        "section-last": f"/ar/sections/politics/?page={last.num_pages}",
        "author": f"/ar/authors/{author.slug}/",
        "author-100": f"/ar/authors/{author.slug}/?page=100",
        "tag": f"/ar/tags/{tag.slug}/",
        "archive-month": f"/ar/archive/{today:%Y/%m}/",
        "archive-year": f"/ar/archive/{today.year}/",
        # الحكومة: in 1,565 of the 50,000 bulk articles; المغرب: in every one of them.
        "search": "/ar/search/?q=%D8%A7%D9%84%D8%AD%D9%83%D9%88%D9%85%D8%A9",
        "search-all": "/ar/search/?q=%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8",
        "search-fr": "/fr/search/?q=maroc",
        "feed": "/ar/feeds/rss/",
        "sitemap": "/sitemap-news-ar.xml",
    }


def timed(client, url: str, repeat: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: templates, connection, fragment caches
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def profile(client, url: str, repeat: int, top: int) -> str:
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", nargs="*", help="page names (default: all)")
    parser.add_argument("--profile", nargs="*", help="page names to profile")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    configure()
    from django.db import connection
    from django.test import Client

    urls = pages()
    client = Client()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_article")
        total = cursor.fetchone()[0]
    if args.profile:
        for name in args.profile:
            print(f"== {name}: {urls[name]} ({args.repeat} requests)")
            print(profile(client, urls[name], args.repeat, args.top))
        return
    print(f"database: {connection.vendor}, articles: {total:,}, repeat={args.repeat}")
    print("| page | median ms | queries |")
    print("|---|---:|---:|")
    for name in args.only or urls:
        median, queries = timed(client, urls[name], args.repeat)
        print(f"| {name} | {median:.1f} | {queries} |", flush=True)


if __name__ == "__main__":
    main()
