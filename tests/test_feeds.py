"""RSS 2.0 and Atom feeds, read back with a real feed parser (feedparser)."""

import html
import re
from datetime import timedelta

import feedparser
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from articles.models import Article
from core.pagecache import next_change
from tests.factories import ArticleFactory, AuthorFactory, TagFactory
from tests.world import REFERENCE_TITLE_AR, REFERENCE_TITLE_FR, reference_world


def social_rendition(article) -> str:
    """The storage name of the cover's social rendition (JPEG): the enclosure."""
    (entry,) = article.cover_renditions["specs"]["social"]
    return entry["jpeg"]


pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    """The reference article with two bylines, a cover and leads to escape; one newer article."""
    world = reference_world(
        authors=("sara", "youssef"),
        cover=True,
        lead_ar="مقدمة عربية & تفاصيل.",
        lead_fr="Chapô <français>.",
    )
    other = ArticleFactory(title_ar="خبر آخر", publish_at=timezone.now() - timedelta(hours=1))
    return world.article, other


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, f"{url}: {feed.get('bozo_exception')}"
    return response, feed


FEEDS = [
    "/{l}/feeds/{f}/",
    "/{l}/sections/opinion/feed/{f}/",
    "/{l}/authors/sara/feed/{f}/",
    "/{l}/tags/security/feed/{f}/",
]


@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_feed_is_valid_rss_and_atom(client, site, url, lang):
    _response, rss = parse(client, url.format(l=lang, f="rss"))
    assert rss.version == "rss20"
    _response, atom = parse(client, url.format(l=lang, f="atom"))
    assert atom.version == "atom10"
    assert [e.link for e in rss.entries] == [e.link for e in atom.entries]
    assert rss.entries, url


def test_rss_item_carries_everything(client, site):
    article, _other = site
    response, feed = parse(client, "/ar/sections/opinion/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.feed.language == "ar"
    assert feed.feed.link == "http://testserver/ar/sections/opinion/"
    (entry,) = feed.entries
    assert entry.title == REFERENCE_TITLE_AR
    assert html.unescape(entry.summary) == "مقدمة عربية & تفاصيل."
    assert entry.link == "http://testserver" + article.get_absolute_url_in("ar")
    assert entry.id == entry.link
    assert entry.author == "سارة البوفي, يوسف بنعلي"
    assert entry.published_parsed[:5] == (2025, 4, 16, 13, 52)  # 14:52 in Casablanca, UTC+1
    assert [t.term for t in entry.tags] == ["رأي", "الأمن"]
    (enclosure,) = entry.enclosures
    social = social_rendition(article)
    assert enclosure.href == "http://testserver" + default_storage.url(social)
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == default_storage.size(social) > 0


def test_atom_entry_carries_everything(client, site):
    article, _other = site
    _response, feed = parse(client, "/fr/authors/sara/feed/atom/")
    (entry,) = feed.entries
    assert entry.title == REFERENCE_TITLE_FR
    assert html.unescape(entry.summary) == "Chapô <français>."  # plain text, escaped
    assert entry.link == "http://testserver" + article.get_absolute_url_in("fr")
    assert entry.author_detail.name == "Sara Elboufi, Youssef Benali"
    assert entry.author_detail.href == "http://testserver/fr/authors/sara/"
    assert entry.updated_parsed is not None
    assert [t.term for t in entry.tags] == ["Opinion", "Sécurité"]
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    social = social_rendition(article)
    assert enclosure.href.endswith(default_storage.url(social))
    assert int(enclosure.length) == default_storage.size(social)


def test_edition_feeds_list_only_that_edition(client, site):
    article, other = site
    _r, arabic = parse(client, "/ar/feeds/rss/")
    _r, french = parse(client, "/fr/feeds/rss/")
    assert len(arabic.entries) == 2
    assert [e.title for e in french.entries] == [REFERENCE_TITLE_FR]
    assert arabic.entries[0].title == other.title_ar  # newest first


def test_scheduled_articles_enter_the_feed_when_due(client, site):
    scheduled = ArticleFactory(
        title_ar="مقال مبرمج",
        status=Article.Status.SCHEDULED,
        publish_at=timezone.now() + timedelta(hours=2),
    )
    draft = ArticleFactory(title_ar="مسودة", status=Article.Status.DRAFT, publish_at=None)
    titles = [e.title for e in parse(client, "/ar/feeds/atom/")[1].entries]
    assert scheduled.title_ar not in titles
    assert draft.title_ar not in titles
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    titles = [e.title for e in parse(client, "/ar/feeds/atom/")[1].entries]
    assert titles[0] == "مقال مبرمج"


def test_unknown_or_inactive_scopes_are_404(client, site):
    assert client.get("/ar/sections/nope/feed/rss/").status_code == 404
    assert client.get("/ar/tags/nope/feed/atom/").status_code == 404
    AuthorFactory(slug="gone", is_active=False)
    assert client.get("/ar/authors/gone/feed/rss/").status_code == 404


def test_feed_query_count_does_not_grow_with_items(client, site, django_assert_max_num_queries):
    for _ in range(10):
        a = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()])
        a.tags.add(TagFactory())
    next_change()  # the site's next scheduled change: once per generation, not per feed
    # scope (none for the edition) + articles + bylines/authors + tags
    with django_assert_max_num_queries(3):
        parse(client, "/ar/feeds/rss/")


def test_missing_cover_file_drops_the_enclosure_not_the_feed(client, site):
    article, _other = site
    article.cover.storage.delete(social_rendition(article))
    _r, feed = parse(client, "/ar/tags/security/feed/rss/")
    assert feed.entries[0].enclosures == []


@pytest.mark.parametrize(
    ("url", "feeds"),
    [
        ("/ar/", ["/ar/feeds/rss/", "/ar/feeds/atom/"]),
        ("/fr/sections/opinion/", ["/fr/sections/opinion/feed/rss/", "/fr/feeds/rss/"]),
        ("/ar/authors/sara/", ["/ar/authors/sara/feed/atom/"]),
        ("/ar/tags/security/", ["/ar/tags/security/feed/rss/"]),
    ],
)
def test_pages_announce_their_feeds(client, site, url, feeds):
    page = client.get(url).content.decode()
    announced = {
        (kind, href)
        for kind, href in re.findall(
            r'<link rel="alternate" type="application/(rss|atom)\+xml" title="[^"]+" href="([^"]+)">',
            page,
        )
    }
    for feed in feeds:
        kind = "atom" if feed.endswith("atom/") else "rss"
        assert (kind, f"http://testserver{feed}") in announced
