"""Sitemaps and robots.txt: the XML structure search engines expect, and what is listed."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

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


def test_index_lists_every_sitemap(client, world):
    root = get_xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    locations = [s.find("sm:loc", NS).text for s in root.findall("sm:sitemap", NS)]
    assert locations == [
        f"{BASE}/sitemap-{name}.xml"
        for name in ("articles", "sections", "authors", "tags", "news-ar", "news-fr")
    ]
    articles = root.findall("sm:sitemap", NS)[0]
    assert articles.find("sm:lastmod", NS) is not None


def test_articles_listed_in_each_edition_with_alternates(client, world):
    bilingual, arabic = world
    urls = entries(get_xml(client, "/sitemap-articles.xml"))
    ar, fr = BASE + bilingual.get_absolute_url_in("ar"), BASE + bilingual.get_absolute_url_in("fr")
    only_ar = BASE + arabic.get_absolute_url_in("ar")
    assert set(urls) == {ar, fr, only_ar}
    # Each edition's entry points at every edition, itself included, and x-default at Arabic.
    assert urls[ar] == {"ar": ar, "fr": fr, "x-default": ar}
    assert urls[fr] == urls[ar]
    assert urls[only_ar] == {"ar": only_ar, "x-default": only_ar}


def test_article_entries_carry_lastmod(client, world):
    root = get_xml(client, "/sitemap-articles.xml")
    for url in root.findall("sm:url", NS):
        lastmod = datetime.fromisoformat(url.find("sm:lastmod", NS).text)
        assert lastmod.tzinfo is not None  # W3C datetime with its offset


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
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    index = get_xml(client, "/sitemap.xml")
    locations = [s.find("sm:loc", NS).text for s in index.findall("sm:sitemap", NS)]
    assert f"{BASE}/sitemap-articles.xml?p=2" in locations
    first = entries(get_xml(client, "/sitemap-articles.xml"))
    second = entries(get_xml(client, "/sitemap-articles.xml?p=2"))
    assert len(first) == 2
    assert len(second) == 1
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404


def test_drafts_and_future_articles_are_not_listed_until_due(client, world):
    scheduled = ArticleFactory(
        title_ar="مبرمج",
        status=Article.Status.SCHEDULED,
        publish_at=timezone.now() + timedelta(hours=3),
    )
    ArticleFactory(title_ar="مسودة", status=Article.Status.DRAFT, publish_at=None, slug="draft")
    locations = " ".join(entries(get_xml(client, "/sitemap-articles.xml")))
    assert scheduled.slug not in locations
    assert "draft" not in locations
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert BASE + scheduled.get_absolute_url_in("ar") in entries(
        get_xml(client, "/sitemap-articles.xml")
    )


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
