"""On PostgreSQL with 50,000 articles, no public page reads the whole article table.

Every query each public page runs (home blocks, latest-news strip, most read, related and
same-section widgets, listings at page 1 and at their last page, archives, search for a
word thousands of articles contain, feeds, sitemaps) is captured through the test client
and EXPLAINed: a sequential scan of articles_article fails the test. Cheap plans are what
keeps a page's cost flat as the archive grows; timings themselves are measured by
bench/profile_pages.py, never here.
"""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.normalize import analyze
from articles.search import RULES
from articles.sitemaps import ARTICLES_PER_PAGE

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="EXPLAIN plans are checked on PostgreSQL"
    ),
    pytest.mark.django_db,
]

ARTICLES = 50_000
SECTIONS = 8
AUTHORS = 8
TAGS = 6
# A word that thousands of the articles contain (every fifth title, every lead).
COMMON_WORD = "الأمن"
TITLES_AR = [
    "الأمن في المدينة رقم {n}",
    "مباراة الفريق الوطني رقم {n}",
    "افتتاح معرض الكتاب رقم {n}",
    "ارتفاع أسعار الخضر رقم {n}",
    "حكومة جديدة رقم {n}",
]
LEAD_AR = "تقرير عن الأمن والاقتصاد في المغرب"
LEAD_FR = "Un reportage sur la sécurité au Maroc"


def _load(cursor, now):
    """50,000 published articles in plain SQL (a few seconds), with bylines, tags, search
    documents and views, then fresh statistics, as autovacuum keeps them in production."""
    cursor.execute(
        """
        INSERT INTO articles_section (name, name_ar, name_fr, description, slug, position,
                                      is_active)
        SELECT 'قسم ' || i, 'قسم ' || i, 'Rubrique ' || i, '', 'explain-s' || i, i, true
        FROM generate_series(1, %s) AS i
        """,
        [SECTIONS],
    )
    cursor.execute(
        """
        INSERT INTO authors_author (name, name_ar, name_fr, role, bio, slug, photo, email,
            website, x_url, facebook_url, instagram_url, linkedin_url, is_active, created_at,
            photo_renditions, photo_digest)
        SELECT 'كاتب ' || i, 'كاتب ' || i, 'Auteur ' || i, '', '', 'explain-a' || i, '',
               '', '', '', '', '', '', true, %s, '{}', ''
        FROM generate_series(1, %s) AS i
        """,
        [now, AUTHORS],
    )
    cursor.execute(
        """
        INSERT INTO articles_tag (name, name_ar, name_fr, slug)
        SELECT 'وسم ' || i, 'وسم ' || i, 'Mot-clé ' || i, 'explain-t' || i
        FROM generate_series(1, %s) AS i
        """,
        [TAGS],
    )
    cursor.execute(
        """
        INSERT INTO articles_article (
            title, title_ar, title_fr, lead, lead_ar, lead_fr, body, body_ar, body_fr,
            cover_caption, cover_alt, slug, cover, cover_renditions, cover_digest,
            cover_focal_x, cover_focal_y, cover_credit, status,
            publish_at, is_featured, is_breaking, created_at, updated_at, edit_version,
            preview_nonce, section_id)
        SELECT t.title, t.title, CASE WHEN i %% 3 = 0 THEN 'Article ' || i END,
               %(lead_ar)s, %(lead_ar)s, CASE WHEN i %% 3 = 0 THEN %(lead_fr)s END,
               '<p>' || %(lead_ar)s || '</p>', '<p>' || %(lead_ar)s || '</p>',
               CASE WHEN i %% 3 = 0 THEN '<p>' || %(lead_fr)s || '</p>' END,
               '', '', 'explain-' || i, '', '{}', '', 0.5, 0.5, '', 'published',
               %(now)s - make_interval(mins => 7 * i), i %% 100 = 0, false, %(now)s, %(now)s,
               0, 'x', s.id
        FROM generate_series(1, %(n)s) AS i
        CROSS JOIN LATERAL (
            SELECT replace((%(titles)s::text[])[1 + i %% 5], '{n}', i::text) AS title
        ) AS t
        JOIN articles_section s ON s.slug = 'explain-s' || (1 + i %% %(sections)s)
        """,
        {
            "lead_ar": LEAD_AR,
            "lead_fr": LEAD_FR,
            "now": now - timedelta(hours=1),
            "n": ARTICLES,
            "titles": TITLES_AR,
            "sections": SECTIONS,
        },
    )
    cursor.execute(
        """
        INSERT INTO articles_articleauthor (article_id, author_id, position)
        SELECT a.id, au.id, 0 FROM articles_article a
        JOIN authors_author au ON au.slug = 'explain-a' || (1 + a.id %% %s)
        WHERE a.slug LIKE 'explain-%%'
        """,
        [AUTHORS],
    )
    cursor.execute(
        """
        INSERT INTO articles_article_tags (article_id, tag_id)
        SELECT a.id, t.id FROM articles_article a
        JOIN articles_tag t ON t.slug IN ('explain-t' || (1 + a.id %% %s),
                                          'explain-t' || (1 + (a.id + 1) %% %s))
        WHERE a.slug LIKE 'explain-%%'
        """,
        [TAGS, TAGS],
    )
    # The search index as articles/search.py writes it: terms (the lead's through the
    # language rules; the title's words as they are, enough for the plans), a weighted
    # vector over them with no stemmer of PostgreSQL's own, the current rules' version.
    for code in ("ar", "fr"):
        lead = " ".join(analyze(LEAD_AR if code == "ar" else LEAD_FR, code))
        cursor.execute(
            f"""
            INSERT INTO articles_articlesearchtext (article_id, language, title, lead, body,
                                                    vector, rules)
            SELECT a.id, %(code)s, a.title_{code}, %(lead)s, %(lead)s,
                   setweight(to_tsvector('simple', a.title_{code}), 'A')
                   || setweight(to_tsvector('simple', %(lead)s), 'B')
                   || to_tsvector('simple', %(lead)s),
                   %(rules)s
            FROM articles_article a
            WHERE a.slug LIKE 'explain-%%' AND a.title_{code} IS NOT NULL
            """,
            {"code": code, "lead": lead, "rules": RULES},
        )
    cursor.execute(
        """
        INSERT INTO articles_articleviewhourly (article_id, hour, views)
        SELECT a.id, date_trunc('hour', %s::timestamptz) - make_interval(hours => h), 3
        FROM articles_article a CROSS JOIN generate_series(0, 30) AS h
        WHERE a.slug LIKE 'explain-%%' AND a.id %% 50 = 0
        """,
        [now],
    )
    cursor.execute("VACUUM ANALYZE")


@pytest.fixture(scope="module")
def big_archive(django_db_setup, django_db_blocker):
    now = timezone.now()
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            _load(cursor, now)
        yield now
        with connection.cursor() as cursor:
            cursor.execute(
                """
                TRUNCATE articles_articleviewhourly, articles_articlesearchtext,
                         articles_article_tags, articles_articleauthor, articles_article,
                         articles_tag, authors_author, articles_section CASCADE
                """
            )


def urls(now) -> dict[str, str]:
    from articles.models import Article

    article = Article.objects.filter(slug="explain-30").get()  # French too, and tags
    today = timezone.localdate(now - timedelta(hours=1))
    per_section = ARTICLES // SECTIONS
    per_author = ARTICLES // AUTHORS
    per_tag = ARTICLES * 2 // TAGS
    last = lambda count: count // 20  # noqa: E731 (the last full page: 20 a page)
    pages = lambda count: -(-count // ARTICLES_PER_PAGE)  # noqa: E731 (article sitemap pages)
    return {
        "home-ar": "/ar/",
        "home-fr": "/fr/",
        "article": article.get_absolute_url_in("ar"),
        "article-fr": article.get_absolute_url_in("fr"),
        "section": "/ar/sections/explain-s1/",
        "section-deep": "/ar/sections/explain-s1/?page=100",
        "section-last": f"/ar/sections/explain-s1/?page={last(per_section)}",
        "tag": "/ar/tags/explain-t1/",
        "tag-last": f"/ar/tags/explain-t1/?page={last(per_tag)}",
        "author": "/ar/authors/explain-a1/",
        "author-last": f"/ar/authors/explain-a1/?page={last(per_author)}",
        "archive-year": f"/ar/archive/{today.year}/",
        "archive-month": f"/ar/archive/{today:%Y/%m}/",
        "archive-day": f"/ar/archive/{today:%Y/%m/%d}/",
        "search": f"/ar/search/?q={COMMON_WORD}",
        "search-fr": "/fr/search/?q=sécurité",
        "search-every-article": "/ar/search/?q=المغرب",
        "search-page-10": f"/ar/search/?q={COMMON_WORD}&page=10",
        "feed": "/ar/feeds/rss/",
        "feed-section": "/ar/sections/explain-s1/feed/rss/",
        "feed-tag": "/ar/tags/explain-t1/feed/atom/",
        "feed-author": "/ar/authors/explain-a1/feed/rss/",
        "sitemap-index": "/sitemap.xml",
        "sitemap-articles": "/sitemap-articles-ar.xml",
        "sitemap-articles-last": f"/sitemap-articles-ar.xml?p={pages(ARTICLES)}",
        "sitemap-articles-fr": "/sitemap-articles-fr.xml",
        "sitemap-articles-fr-2": "/sitemap-articles-fr.xml?p=2",
        "sitemap-articles-fr-last": f"/sitemap-articles-fr.xml?p={pages(ARTICLES // 3)}",
        "sitemap-news": "/sitemap-news-ar.xml",
        "sitemap-tags": "/sitemap-tags.xml",
    }


def seq_scans_of_articles(plan) -> list[dict]:
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") == "articles_article":
        found.append(plan)
    for child in plan.get("Plans", []):
        found.extend(seq_scans_of_articles(child))
    return found


PAGES = [
    "home-ar",
    "home-fr",
    "article",
    "article-fr",
    "section",
    "section-deep",
    "section-last",
    "tag",
    "tag-last",
    "author",
    "author-last",
    "archive-year",
    "archive-month",
    "archive-day",
    "search",
    "search-fr",
    "search-page-10",
    "search-every-article",
    "feed",
    "feed-section",
    "feed-tag",
    "feed-author",
    "sitemap-index",
    "sitemap-articles",
    "sitemap-articles-last",
    "sitemap-articles-fr",
    "sitemap-articles-fr-2",
    "sitemap-articles-fr-last",
    "sitemap-news",
    "sitemap-tags",
]


@pytest.mark.parametrize("page", PAGES)
def test_no_public_query_scans_the_article_table(big_archive, client, page):
    url = urls(big_archive)[page]
    cache.clear()  # cached fragments (most read, banners) run their queries too
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    read = [q["sql"] for q in captured if q["sql"].lstrip("( ").upper().startswith("SELECT")]
    assert any('"articles_article"' in sql for sql in read), "no article query captured"
    scans = []
    with connection.cursor() as cursor:
        for sql in read:
            if '"articles_article"' not in sql:
                continue
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            if seq_scans_of_articles(plan[0]["Plan"]):
                scans.append(sql)
    assert not scans, f"{page}: sequential scan of articles_article in:\n" + "\n\n".join(scans)
