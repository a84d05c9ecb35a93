"""What search engines and link previews read in the <head>: canonical, hreflang, Open
Graph, Twitter card and JSON-LD."""

import json
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.storage import default_storage

from articles.preview import preview_url
from tests.factories import ArticleFactory
from tests.world import CASABLANCA, REFERENCE_TITLE_AR, REFERENCE_TITLE_FR, reference_world

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def social_url(article) -> str:
    """The cover's social rendition (1200×630 at most, JPEG): og:image, never the upload."""
    (entry,) = article.cover_renditions["specs"]["social"]
    assert entry["jpeg"].endswith(".jpg")
    return default_storage.url(entry["jpeg"])


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.meta, self.json_ld, self._in_ld = [], {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data

    def hreflang(self) -> dict[str, str]:
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }

    def canonical(self) -> str | None:
        return next((link["href"] for link in self.links if link.get("rel") == "canonical"), None)

    def one(self, key):
        (value,) = self.meta[key]
        return value


def head(client, url, status=200) -> HeadParser:
    response = client.get(url)
    assert response.status_code == status, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def article(db):
    """The reference article, its Arabic title trying to close the JSON-LD script."""
    article = reference_world(
        title_ar=REFERENCE_TITLE_AR + " </script><script>alert(1)</script>",
        lead_fr="Chapô « français » & co.",
        cover=True,
        cover_alt_fr="Deux drapeaux",
    ).article
    article.content_updated_at = datetime(2025, 4, 17, 9, 0, tzinfo=CASABLANCA)
    article.save()
    return article


class TestHreflang:
    def test_editions_of_an_article_point_at_each_other(self, client, article):
        ar_url = BASE + article.get_absolute_url_in("ar")
        fr_url = BASE + article.get_absolute_url_in("fr")
        arabic = head(client, ar_url).hreflang()
        french = head(client, fr_url).hreflang()
        assert arabic == {"ar": ar_url, "fr": fr_url, "x-default": ar_url}
        assert french == arabic  # the pair is symmetric

    def test_an_arabic_only_article_has_no_other_alternate(self, client):
        only = ArticleFactory(title_ar="خبر بالعربية فقط")
        url = BASE + only.get_absolute_url_in("ar")
        assert head(client, url).hreflang() == {"ar": url, "x-default": url}

    def test_other_pages_exist_in_every_edition(self, client, article):
        alternates = head(client, "/fr/sections/opinion/").hreflang()
        assert alternates == {
            "ar": f"{BASE}/ar/sections/opinion/",
            "fr": f"{BASE}/fr/sections/opinion/",
            "x-default": f"{BASE}/ar/sections/opinion/",
        }
        home = head(client, "/ar/").hreflang()
        assert home["x-default"] == f"{BASE}/"  # the edition chooser
        assert home["fr"] == f"{BASE}/fr/"


class TestCanonical:
    def test_absolute_without_query_junk(self, client, article):
        url = article.get_absolute_url_in("fr")
        assert head(client, url + "?utm_source=x").canonical() == BASE + url

    def test_later_pages_keep_their_number(self, client, article):
        for i in range(25):
            ArticleFactory(
                section=article.section, publish_at=article.publish_at - timedelta(i + 1)
            )
        assert head(client, "/ar/sections/opinion/?page=1").canonical() == (
            f"{BASE}/ar/sections/opinion/"
        )
        page2 = head(client, "/ar/sections/opinion/?page=2")
        assert page2.canonical() == f"{BASE}/ar/sections/opinion/?page=2"
        assert page2.hreflang()["ar"] == f"{BASE}/ar/sections/opinion/?page=2"
        # Page 2 need not exist in French: the equivalent there is the first page.
        assert page2.hreflang()["fr"] == f"{BASE}/fr/sections/opinion/"

    def test_not_on_error_pages(self, client, article):
        assert head(client, "/ar/no-such-page/", 404).canonical() is None
        missing = head(client, "/en" + article.get_absolute_url_in("ar")[3:], 404)
        assert missing.canonical() is None
        assert missing.hreflang() == {}


class TestOpenGraphAndTwitter:
    def test_article(self, client, article):
        page = head(client, article.get_absolute_url_in("fr"))
        url = BASE + article.get_absolute_url_in("fr")
        assert page.one("og:type") == "article"
        assert page.one("og:title") == REFERENCE_TITLE_FR
        assert page.one("og:description") == "Chapô « français » & co."
        assert page.one("og:url") == url
        assert page.one("og:site_name") == "Newsroom"
        assert page.one("og:locale") == "fr_MA"
        assert page.one("og:locale:alternate") == "ar_MA"
        assert page.one("og:image") == BASE + social_url(article)
        assert page.one("og:image:width") == "640"
        assert page.one("og:image:alt") == "Deux drapeaux"
        assert page.one("article:published_time") == "2025-04-16T14:52:00+01:00"
        assert page.one("article:modified_time") == "2025-04-17T09:00:00+01:00"
        assert page.one("article:section") == "Opinion"
        assert page.one("article:author") == f"{BASE}/fr/authors/sara/"
        assert page.one("article:tag") == "Sécurité"
        assert page.one("twitter:card") == "summary_large_image"
        assert page.one("twitter:title") == REFERENCE_TITLE_FR
        assert page.one("twitter:image") == BASE + social_url(article)

    def test_other_pages(self, client, article):
        page = head(client, "/fr/sections/opinion/")
        assert page.one("og:type") == "website"
        assert page.one("og:title") == "Opinion"
        assert page.one("og:url") == f"{BASE}/fr/sections/opinion/"
        assert page.one("twitter:card") == "summary"
        assert "article:section" not in page.meta
        author = head(client, "/ar/authors/sara/")
        assert author.one("og:type") == "profile"
        assert author.one("og:title") == "سارة البوفي"


class TestJsonLd:
    def test_news_article_and_breadcrumbs(self, client, article):
        page = head(client, article.get_absolute_url_in("ar"))
        news, breadcrumbs = (json.loads(text) for text in page.json_ld)
        url = BASE + article.get_absolute_url_in("ar")
        assert news["@context"] == "https://schema.org"
        assert news["@type"] == "NewsArticle"
        assert news["headline"].startswith("الشراكة الأمنية بين المغرب وفرنسا")
        assert news["image"] == [BASE + social_url(article)]
        assert news["datePublished"] == "2025-04-16T14:52:00+01:00"
        assert news["dateModified"] == "2025-04-17T09:00:00+01:00"
        assert news["author"] == [
            {"@type": "Person", "name": "سارة البوفي", "url": f"{BASE}/ar/authors/sara/"}
        ]
        publisher = news["publisher"]
        assert publisher["@type"] == "Organization"
        assert publisher["name"] == "Newsroom"
        assert publisher["logo"]["@type"] == "ImageObject"
        assert publisher["logo"]["url"] == f"{BASE}/static/img/logo.png"
        assert news["mainEntityOfPage"]["@id"] == url
        assert news["inLanguage"] == "ar"
        assert breadcrumbs["@type"] == "BreadcrumbList"
        items = breadcrumbs["itemListElement"]
        assert [i["position"] for i in items] == [1, 2, 3]
        assert [i["item"] for i in items] == [f"{BASE}/ar/", f"{BASE}/ar/sections/opinion/", url]
        assert items[1]["name"] == "رأي"

    def test_headline_cannot_close_the_script(self, client, article):
        html = client.get(article.get_absolute_url_in("ar")).content.decode()
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(scripts) == 2
        assert "\\u003C/script\\u003E" in scripts[0]
        assert "<script>alert(1)" not in html

    def test_publisher_logo_exists(self, client):
        from django.contrib.staticfiles import finders
        from PIL import Image

        with Image.open(finders.find("img/logo.png")) as logo:
            assert logo.size == (600, 60)

    def test_only_on_article_pages(self, client, article):
        assert head(client, "/ar/").json_ld == []


def test_preview_has_no_canonical_nor_alternates(client, article):
    response = client.get(preview_url(article, "fr"))
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    assert parser.canonical() is None
    assert parser.hreflang() == {}
    assert "og:url" not in parser.meta
    assert parser.json_ld == []
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
