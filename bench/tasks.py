"""Django-side steps of the benchmark harness (bench/harness.py runs them in a subprocess
with the benchmark's environment: its database, its Redis, DEBUG off).

    python bench/tasks.py seed N      # seed_demo --articles N (accounts' passwords in var/bench)
    python bench/tasks.py tag-bulk    # give every bulk article one of the demo tags
    python bench/tasks.py discover    # print the pages to measure, as JSON
"""

import json
import math
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def seed() -> None:
    """seed_demo --articles N, keeping the demo accounts' passwords of the benchmark database
    in var/bench/, never over the developer's var/demo-credentials.txt."""
    from django.core.management import call_command

    from newsroom.management.commands import seed_demo

    seed_demo.CREDENTIALS_FILE = ROOT / "var" / "bench" / "demo-credentials.txt"
    call_command("seed_demo", allow_production=True, articles=int(sys.argv[2]))


def tag_bulk() -> None:
    """seed_demo's bulk articles have no tags, so a tag page would list only the ~70 demo
    articles: spread the bulk set over the demo tags (one each), as a real archive has."""
    from django.db import transaction

    from articles.models import Article, Tag

    tags = list(Tag.objects.order_by("pk").values_list("pk", flat=True))
    through = Article.tags.through
    untagged = (
        Article.objects.filter(slug__contains="-bulk-", tags__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ids = list(untagged)
    with transaction.atomic():
        for start in range(0, len(ids), 5000):
            through.objects.bulk_create(
                [
                    through(article_id=pk, tag_id=tags[pk % len(tags)])
                    for pk in ids[start : start + 5000]
                ]
            )
    print(f"tagged {len(ids)} bulk articles over {len(tags)} tags")


def discover() -> None:
    """The URLs of the pages to measure, the article page's size (the floor's size) and a
    few facts about the data set, as JSON on stdout."""
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone, translation

    from articles.listing import PAGE_SIZE
    from articles.models import Article, Section, Tag
    from articles.search import find
    from authors.models import Author

    lang = "ar"
    translation.activate(lang)
    reference = (
        Article.objects.public(lang)
        .filter(title_ar__startswith="الشراكة الأمنية بين المغرب وفرنسا")
        .first()
    ) or Article.objects.public(lang).newest().first()
    section = Section.objects.filter(slug="politics").first() or Section.objects.first()
    in_section = Article.objects.public(lang).in_section(section).count()
    last_page = max(1, math.ceil(in_section / PAGE_SIZE))
    deep_page = min(1000, last_page)
    author = Author.objects.filter(slug="sara-elboufi").first() or Author.objects.first()
    tag = Tag.objects.annotate(n=Count("articles")).order_by("-n", "pk").first()
    # A full month: of the newest article's month and the one before, the one with more.
    newest = timezone.localtime(Article.objects.public(lang).newest().first().publish_at)
    previous = newest.replace(day=1) - timedelta(days=1)

    def in_month(day):
        return (
            Article.objects.public(lang)
            .filter(publish_at__year=day.year, publish_at__month=day.month)
            .count()
        )

    month, month_count = max(((d, in_month(d)) for d in (newest, previous)), key=lambda x: x[1])
    word = os.environ.get("BENCH_SEARCH_WORD", "مراكش")
    # The search ranks and counts only its newest matches (articles.search.WINDOW): the
    # titles tell how common the word really is.
    matches = len(find(Article.objects.public(lang), word, lang).ids)
    in_titles = Article.objects.public(lang).filter(title_ar__contains=word).count()

    section_url = reverse("articles:section", kwargs={"slug": section.slug})
    pages = {
        "home (ar)": "/ar/",
        "home (fr)": "/fr/",
        "article (ar)": reference.get_absolute_url_in(lang),
        "section p1": section_url,
        f"section p{deep_page}": f"{section_url}?page={deep_page}",
        "author p1": reverse("authors:detail", kwargs={"slug": author.slug}),
        "tag p1": reverse("articles:tag", kwargs={"slug": tag.slug}),
        "archive month": reverse(
            "articles:archive_month", kwargs={"year": month.year, "month": f"{month.month:02d}"}
        ),
        "search (ar)": f"{reverse('articles:search')}?q={word}",
        "feed (rss, ar)": reverse("articles:feed_rss"),
        "sitemap (news, ar)": "/sitemap-news-ar.xml",
    }
    article = Client().get(pages["article (ar)"], HTTP_HOST="127.0.0.1")
    if article.status_code != 200:
        raise SystemExit(f"{pages['article (ar)']} answered {article.status_code}")
    print(
        json.dumps(
            {
                "pages": pages,
                "article_bytes": len(article.content),
                "facts": {
                    "articles": Article.objects.count(),
                    "published (ar)": Article.objects.public(lang).count(),
                    "in section": in_section,
                    "section pages": last_page,
                    "tag articles": tag.n,
                    "month articles": month_count,
                    "search word": word,
                    "search matches": matches,
                    "search title matches": in_titles,
                },
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    setup()
    {"seed": seed, "tag-bulk": tag_bulk, "discover": discover}[sys.argv[1]]()
