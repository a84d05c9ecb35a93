"""Sitemaps and robots.txt: the XML structure search engines expect, and what is listed."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from articles import sitemaps
from articles.models import Article
from tests.factories import ArticleFactory, TagFactory
from tests.world import REFERENCE_TITLE_FR, reference_world

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
BASE = "http://testserver"


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def entries(root) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} of a <urlset>."""
    assert root.tag == f"{{{NS['sm']}}}urlset"
    result = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        assert all(link.get("rel") == "alternate" for link in url.findall("xhtml:link", NS))
        result[loc] = alternates
    return result


@pytest.fixture
def world(db):
    """The reference article (bilingual) and an Arabic-only neighbour, both of the last hours
    (the news sitemaps list two days); a tag no public article carries."""
    world = reference_world(publish_at=timezone.now() - timedelta(hours=1), neighbours=1)
    TagFactory(slug="unused")
    return world.article, world.neighbours[0]


def locations_in(index) -> list[str]:
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [s.find("sm:loc", NS).text for s in index.findall("sm:sitemap", NS)]


def test_index_lists_every_sitemap(client, world):
    bilingual, arabic = world
    root = get_xml(client, "/sitemap.xml")
    assert locations_in(root) == [
        f"{BASE}/sitemap-{name}.xml"
        for name in (
            "articles-ar",
            "articles-fr",
            "sections",
            "authors",
            "tags",
            "news-ar",
            "news-fr",
        )
    ]
    # Each edition's article sitemap: modified when its newest article was published.
    lastmods = {
        s.find("sm:loc", NS).text: datetime.fromisoformat(s.find("sm:lastmod", NS).text)
        for s in root.findall("sm:sitemap", NS)
        if s.find("sm:lastmod", NS) is not None
    }
    newest_ar = max(bilingual.publish_at, arabic.publish_at)
    assert lastmods[f"{BASE}/sitemap-articles-ar.xml"] == newest_ar
    assert lastmods[f"{BASE}/sitemap-articles-fr.xml"] == bilingual.publish_at


def test_articles_listed_in_each_edition_with_alternates(client, world):
    bilingual, arabic = world
    urls_ar = entries(get_xml(client, "/sitemap-articles-ar.xml"))
    urls_fr = entries(get_xml(client, "/sitemap-articles-fr.xml"))
    ar, fr = BASE + bilingual.get_absolute_url_in("ar"), BASE + bilingual.get_absolute_url_in("fr")
    only_ar = BASE + arabic.get_absolute_url_in("ar")
    assert set(urls_ar) == {ar, only_ar}
    assert set(urls_fr) == {fr}
    # Each edition's entry points at every edition, itself included, and x-default at Arabic.
    assert urls_ar[ar] == {"ar": ar, "fr": fr, "x-default": ar}
    assert urls_fr[fr] == urls_ar[ar]
    assert urls_ar[only_ar] == {"ar": only_ar, "x-default": only_ar}


def test_alternates_only_to_the_editions_an_article_exists_in(client, world):
    french = ArticleFactory(title_ar=None, title_fr="Seulement en français")
    blank_ar = ArticleFactory(title_ar="", title_fr="Titre arabe vide")
    urls_ar = entries(get_xml(client, "/sitemap-articles-ar.xml"))
    urls_fr = entries(get_xml(client, "/sitemap-articles-fr.xml"))
    for article in (french, blank_ar):
        fr = BASE + article.get_absolute_url_in("fr")
        # No Arabic page: no Arabic alternate, and no x-default (the main edition's page).
        assert urls_fr[fr] == {"fr": fr}
        assert not any(article.slug in loc for loc in urls_ar)
        assert not any(article.slug in href for alts in urls_ar.values() for href in alts.values())


def test_article_entries_carry_lastmod(client, world):
    bilingual, arabic = world
    updated = bilingual.publish_at + timedelta(hours=3)
    Article.objects.filter(pk=bilingual.pk).update(content_updated_at=updated)
    for edition in ("ar", "fr"):
        root = get_xml(client, f"/sitemap-articles-{edition}.xml")
        lastmods = {}
        for url in root.findall("sm:url", NS):
            lastmod = datetime.fromisoformat(url.find("sm:lastmod", NS).text)
            assert lastmod.tzinfo is not None  # W3C datetime with its offset
            lastmods[url.find("sm:loc", NS).text] = lastmod
        # The text update time once the text changed, else the publication time.
        assert lastmods[BASE + bilingual.get_absolute_url_in(edition)] == updated
    assert lastmods_of(client, "ar")[BASE + arabic.get_absolute_url_in("ar")] == arabic.publish_at
    # The page's own Last-Modified: its latest entry (conditional GETs answer 304).
    response = client.get("/sitemap-articles-ar.xml")
    assert response["Last-Modified"] == http_date(updated.timestamp())
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"


def lastmods_of(client, edition):
    root = get_xml(client, f"/sitemap-articles-{edition}.xml")
    return {
        url.find("sm:loc", NS).text: datetime.fromisoformat(url.find("sm:lastmod", NS).text)
        for url in root.findall("sm:url", NS)
    }


def test_sections_authors_tags_in_every_edition(client, world):
    sections = entries(get_xml(client, "/sitemap-sections.xml"))
    assert f"{BASE}/ar/sections/opinion/" in sections
    assert sections[f"{BASE}/fr/sections/opinion/"]["ar"] == f"{BASE}/ar/sections/opinion/"
    assert "en" not in sections[f"{BASE}/fr/sections/opinion/"]  # not an edition of the site
    authors = entries(get_xml(client, "/sitemap-authors.xml"))
    assert set(authors) == {f"{BASE}/{code}/authors/sara/" for code in ("ar", "fr")}
    tags = entries(get_xml(client, "/sitemap-tags.xml"))
    assert f"{BASE}/ar/tags/security/" in tags
    assert not any("unused" in loc for loc in tags)  # no published article: not listed


def test_articles_are_split_into_pages(client, world, monkeypatch):
    """At 2 a page: 7 Arabic articles are 4 pages, 3 French ones 2; every article once."""
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    bilingual, arabic = world
    more = [ArticleFactory(title_fr=f"Article {n}" if n % 2 else None) for n in range(5)]
    expected = {
        "ar": {BASE + a.get_absolute_url_in("ar") for a in (bilingual, arabic, *more)},
        "fr": {
            BASE + a.get_absolute_url_in("fr")
            for a in (bilingual, *more)
            if a.is_available_in("fr")
        },
    }
    assert (len(expected["ar"]), len(expected["fr"])) == (7, 3)
    locations = locations_in(get_xml(client, "/sitemap.xml"))
    pages = {"ar": 4, "fr": 2}
    for edition, count in pages.items():
        url = f"{BASE}/sitemap-articles-{edition}.xml"
        listed = [loc for loc in locations if loc.startswith(url)]
        assert listed == [url] + [f"{url}?p={n}" for n in range(2, count + 1)]
        seen = []
        for page in range(1, count + 1):
            found = entries(get_xml(client, f"/sitemap-articles-{edition}.xml?p={page}"))
            assert len(found) == (2 if page < count else len(expected[edition]) - 2 * (count - 1))
            seen.extend(found)
        assert sorted(seen) == sorted(expected[edition])  # each article once, none missing
        for bad in (count + 1, 0, "x", "1.5"):
            response = client.get(f"/sitemap-articles-{edition}.xml?p={bad}")
            assert response.status_code == 404, (edition, bad)


def test_a_new_article_does_not_move_the_older_pages(client, world, monkeypatch):
    """Pages in the order articles were created: a publication changes the last page only."""
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    ArticleFactory(title_ar="ثالث")
    first = entries(get_xml(client, "/sitemap-articles-ar.xml"))
    newest = ArticleFactory(title_ar="رابع")
    assert entries(get_xml(client, "/sitemap-articles-ar.xml")) == first
    assert BASE + newest.get_absolute_url_in("ar") in entries(
        get_xml(client, "/sitemap-articles-ar.xml?p=2")
    )


def test_an_empty_edition_has_an_empty_first_page(client, db):
    ArticleFactory(title_ar="عربي فقط")
    assert f"{BASE}/sitemap-articles-fr.xml" in locations_in(get_xml(client, "/sitemap.xml"))
    assert entries(get_xml(client, "/sitemap-articles-fr.xml")) == {}
    assert client.get("/sitemap-articles-fr.xml?p=2").status_code == 404


def test_only_offered_editions_have_an_article_sitemap(client, world):
    for url in ("/sitemap-articles-en.xml", "/sitemap-articles-de.xml", "/sitemap-articles-.xml"):
        assert client.get(url).status_code == 404, url


def test_the_former_article_sitemap_redirects_to_the_index(client, world):
    for url in ("/sitemap-articles.xml", "/sitemap-articles.xml?p=2"):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == "/sitemap.xml"


def test_drafts_and_future_articles_are_not_listed_until_due(client, world):
    scheduled = ArticleFactory(
        title_ar="مبرمج",
        title_fr="Programmé",
        status=Article.Status.SCHEDULED,
        publish_at=timezone.now() + timedelta(hours=3),
    )
    ArticleFactory(title_ar="مسودة", status=Article.Status.DRAFT, publish_at=None, slug="draft")
    expired = ArticleFactory(title_ar="منتهي", unpublish_at=timezone.now() - timedelta(minutes=1))
    for edition in ("ar", "fr"):
        locations = " ".join(entries(get_xml(client, f"/sitemap-articles-{edition}.xml")))
        assert scheduled.slug not in locations
        assert "draft" not in locations
        assert expired.slug not in locations
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    for edition in ("ar", "fr"):
        assert BASE + scheduled.get_absolute_url_in(edition) in entries(
            get_xml(client, f"/sitemap-articles-{edition}.xml")
        )


class TestQueriesDoNotGrowWithArticles:
    """The index and every article sitemap page run the same queries at 4 and at 16 articles
    (pages of 3): nothing reads the articles beyond the page it shows."""

    URLS = (
        "/sitemap.xml",
        "/sitemap-articles-ar.xml",
        "/sitemap-articles-ar.xml?p=2",
        "/sitemap-articles-fr.xml",
    )

    def queries(self, client) -> dict[str, int]:
        counts = {}
        for url in self.URLS:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200, url
            counts[url] = len(captured)
        return counts

    def test_same_count(self, client, db, monkeypatch):
        monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 3)
        for n in range(4):
            ArticleFactory(title_fr=f"Article {n}")
        few = self.queries(client)
        for n in range(12):
            ArticleFactory(title_fr=f"Encore {n}" if n % 2 else None)
        many = self.queries(client)
        assert many == few
        # An article page: its page's bounds, the page, and the count that validates p.
        assert few["/sitemap-articles-ar.xml?p=2"] == 3


class TestGoogleNews:
    def news(self, client, lang):
        root = get_xml(client, f"/sitemap-news-{lang}.xml")
        return root, root.findall("sm:url", NS)

    def test_structure(self, client, world):
        bilingual, _arabic = world
        _root, urls = self.news(client, "fr")
        (url,) = urls
        assert url.find("sm:loc", NS).text == BASE + bilingual.get_absolute_url_in("fr")
        news = url.find("news:news", NS)
        assert news.find("news:publication/news:name", NS).text == "Newsroom"
        assert news.find("news:publication/news:language", NS).text == "fr"
        assert news.find("news:title", NS).text == REFERENCE_TITLE_FR
        published = news.find("news:publication_date", NS).text
        assert published.startswith(str(timezone.localtime(bilingual.publish_at).date()))
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        assert alternates["ar"] == BASE + bilingual.get_absolute_url_in("ar")

    def test_one_per_edition(self, client, world):
        assert len(self.news(client, "ar")[1]) == 2
        assert len(self.news(client, "fr")[1]) == 1
        assert client.get("/sitemap-news-en.xml").status_code == 404  # not an edition
        assert client.get("/sitemap-news-de.xml").status_code == 404

    def test_only_the_last_48_hours_as_the_clock_moves(self, client, db, time_machine):
        now = timezone.now()
        time_machine.move_to(now, tick=False)
        recent = ArticleFactory(title_ar="قبل 47 ساعة", publish_at=now - timedelta(hours=47))
        ArticleFactory(title_ar="قبل 49 ساعة", publish_at=now - timedelta(hours=49))
        titles = [u.find("news:news/news:title", NS).text for u in self.news(client, "ar")[1]]
        assert titles == [recent.title_ar]
        # Two hours later the 47-hour-old article has left the window.
        time_machine.move_to(now + timedelta(hours=2), tick=False)
        assert self.news(client, "ar")[1] == []

    def test_scheduled_enters_when_due(self, client, db, time_machine):
        now = timezone.now()
        time_machine.move_to(now, tick=False)
        ArticleFactory(
            title_ar="مبرمج",
            status=Article.Status.SCHEDULED,
            publish_at=now + timedelta(hours=1),
        )
        assert self.news(client, "ar")[1] == []
        time_machine.move_to(now + timedelta(hours=1, minutes=1), tick=False)
        assert len(self.news(client, "ar")[1]) == 1


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert "Disallow: /ar/search/" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    for code in ("ar", "fr"):
        assert f"Sitemap: {BASE}/sitemap-news-{code}.xml" in lines
    assert f"Sitemap: {BASE}/sitemap-news-en.xml" not in lines
