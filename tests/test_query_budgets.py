"""Each public page runs a fixed number of queries, whatever the number of articles on it.

Every page is rendered twice, with few and with many articles (and sections and authors),
and must run the same number of queries, at most its budget.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from core.pagecache import next_change
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory, image_upload

pytestmark = pytest.mark.django_db

# Per page: the budget and the queries it pays for.
BUDGETS = {
    # Every page (base.html) also pays 2, cached and counted cold: banner slots (1 for all
    # slots of the edition, ads/banners.py) + latest weekend magazine issue (1).
    # lead (featured) + recent list + sections (blocks, also the header's menu) + cut-off of
    # the newest candidates (index only) + latest per section (one LATERAL query)
    # + header: latest-news strip
    # + most read: last 24 hours + last 7 days (cached; counted cold)
    "home": 10,
    # article + bylines/authors + tags + related articles (one grouped query) + same-section
    # widget + header (2) + most read (2, cached; counted cold)
    "article": 11,
    # sections (filter menu, also the header's) + the probe (how many documents match,
    # articles/search.py) + the newest matches with what ranking reads + page's articles
    # (by id, with their section) + latest-news strip
    "search": 7,
    "search_many": 7,
    # section + count + page + header (2)
    "section": 7,
    # author + count + page + header (2)
    "author": 7,
    # tag + count + page + header (2)
    "tag": 7,
    # count + page + earlier + later period + months (year only) + header (2)
    "archive_year": 9,
    "archive_month": 8,
    "archive_day": 8,
}


def populate(n: int, *, sections: int, authors: int):
    """n Arabic+French articles with covers, spread over sections, authors and tags."""
    section_objs = [SectionFactory(slug=f"s{i}") for i in range(sections)]
    author_objs = [AuthorFactory(slug=f"a{i}") for i in range(authors)]
    tags = [TagFactory(slug=f"t{i}") for i in range(3)]
    cover = image_upload(size=(320, 180))
    base = ArticleFactory(
        title_fr="Base", section=section_objs[0], authors=author_objs, cover=cover, is_featured=True
    )
    base.tags.set(tags)
    now = timezone.now()
    for i in range(n):
        article = ArticleFactory(
            title_fr=f"Article {i}",
            section=section_objs[i % sections],
            authors=[author_objs[i % authors], author_objs[(i + 1) % authors]],
            publish_at=now - timedelta(hours=i + 2),
            cover=base.cover.name,
        )
        article.tags.set(tags[: 1 + i % 3])
    return base


def urls_for(base: Article) -> dict[str, str]:
    return {
        "home": "/fr/",
        "article": base.get_absolute_url_in("fr"),
        "section": "/fr/sections/s0/",
        "author": "/fr/authors/a0/",
        "tag": "/fr/tags/t0/",
        "archive_year": f"/fr/archive/{timezone.localdate().year}/",
        "archive_month": f"/fr/archive/{timezone.localdate():%Y/%m}/",
        "archive_day": f"/fr/archive/{timezone.localdate(base.publish_at):%Y/%m/%d}/",
        "search": "/fr/search/?q=base",
        "search_many": "/fr/search/?q=1&from=2000-01-01",  # "Article 1", then 14 more
    }


def count_queries(client, url: str) -> int:
    cache.clear()  # cached widgets (most read) are counted as on a cold cache, every time
    # The next scheduled change (core/pagecache.py: articles 1, banners 1) is computed once
    # per generation for the whole site, not per page: not part of a page's budget.
    next_change()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", list(BUDGETS))
def test_query_count_is_fixed_and_within_budget(client, page):
    small = populate(3, sections=2, authors=2)
    few = count_queries(client, urls_for(small)[page])
    # Grow the same world: more articles, sections and authors on every page.
    extra_sections = [SectionFactory() for _ in range(6)]
    extra_authors = [AuthorFactory() for _ in range(4)]
    now = timezone.now()
    for i in range(40):
        article = ArticleFactory(
            title_fr=f"Encore {i}",
            section=[small.section, *extra_sections][i % 7],
            authors=[extra_authors[i % 4], small.ordered_authors()[0]],
            publish_at=now - timedelta(minutes=30 + i),
            cover=small.cover.name,
        )
        article.tags.set(small.tags.all())
    many = count_queries(client, urls_for(small)[page])
    assert many == few, f"{page}: {few} queries with few articles, {many} with many"
    assert many <= BUDGETS[page]


# With the site-wide parts cached (the frame: menu and latest headlines, articles/chrome.py;
# banners, magazine, most read), a page runs only its own queries.
WARM_BUDGETS = {
    # lead + recent list + cut-off + latest per section (the sections come with the frame)
    "home": 4,
    # article + bylines + tags + related + same section
    "article": 5,
    # the probe + the newest matches + page's articles (the form's sections: the frame's)
    "search": 3,
    # section + count + page
    "section": 3,
}


@pytest.mark.parametrize("page", list(WARM_BUDGETS))
def test_with_the_frame_cached_a_page_runs_only_its_own_queries(client, page):
    small = populate(3, sections=2, authors=2)
    url = urls_for(small)[page]
    assert client.get(url).status_code == 200  # caches the frame and the widgets
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= WARM_BUDGETS[page], [q["sql"][:90] for q in queries]
