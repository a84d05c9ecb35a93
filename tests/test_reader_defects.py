"""Issue 9, the reader's side: page numbers, edition links, offered editions, direction of
titles, the lead story's style, and what an expired article or an empty tag may show."""

import re
from html import unescape

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


# --- 5. page numbers written with other digits are bad page numbers ---------------------

# Superscript, circled, Ethiopic, Arabic-Indic, Eastern Arabic-Indic, fullwidth, Devanagari
# digits: str.isdigit() says yes to all of them, and int() to most. The site's own links
# always write page numbers with ASCII digits; anything else is a bad page number (404),
# so that one page never has several URLs.
FOREIGN_DIGITS = ["²", "①", "፱", "٢", "۲", "２", "२", "1²", "⁰"]


@pytest.fixture
def listings(db):
    section = SectionFactory(slug="sport")
    tag = TagFactory(slug="cop")
    author = AuthorFactory(slug="sara")
    article = ArticleFactory(section=section, authors=[author], title_fr="Titre")
    article.tags.add(tag)
    day = timezone.localdate(article.publish_at)
    return [
        "/sections/sport/",
        "/tags/cop/",
        "/authors/sara/",
        f"/archive/{day:%Y}/",
        f"/archive/{day:%Y/%m}/",
        f"/archive/{day:%Y/%m/%d}/",
        "/search/?q=titre&",
    ]


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_foreign_digits_in_page_number_are_a_404_on_every_listing(client, listings, lang):
    for path in listings:
        base = f"/{lang}{path}"
        joiner = "" if base.endswith("&") else "?"
        assert client.get(f"{base}{joiner}page=1").status_code == 200, base
        for value in FOREIGN_DIGITS:
            response = client.get(f"{base}{joiner}page={value}")
            assert response.status_code == 404, (base, value)


@pytest.mark.parametrize("value", FOREIGN_DIGITS)
def test_foreign_digits_in_page_number_do_not_break_the_home_page(client, value):
    ArticleFactory()
    response = client.get("/ar/", {"page": value})
    assert response.status_code == 200  # the home page has no pages: the parameter is ignored
    assert '<link rel="canonical" href="http://testserver/ar/">' in html(response)


def test_home_canonical_ignores_a_page_parameter(client):
    ArticleFactory()
    page = html(client.get("/ar/", {"page": "2"}))
    assert '<link rel="canonical" href="http://testserver/ar/">' in page


# --- 6. the other editions of page N of a listing are their first page -------------------


def edition_links(page: str) -> dict[str, str]:
    nav = page[
        page.index('class="editions"') : page.index("</nav>", page.index('class="editions"'))
    ]
    found = re.findall(r'<a href="([^"]+)" lang="(\w\w)"', nav)
    return {code: unescape(href) for href, code in found}


def hreflang(page: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', page))


def test_page_two_of_a_section_links_to_the_first_page_of_the_other_edition(client):
    section = SectionFactory(slug="eco")
    for _ in range(21):  # two pages in Arabic, one in French
        ArticleFactory(section=section)
    ArticleFactory(section=section, title_fr="Titre")
    page = html(client.get("/ar/sections/eco/?page=2"))
    links = edition_links(page)
    alternates = hreflang(page)
    assert links["fr"] == "/fr/sections/eco/"
    assert alternates["fr"] == "http://testserver/fr/sections/eco/"
    assert client.get(links["fr"]).status_code == 200
    # The page itself keeps its number: it is its own canonical and its own alternate.
    assert links["ar"] == "/ar/sections/eco/?page=2"
    assert alternates["ar"] == "http://testserver/ar/sections/eco/?page=2"
    assert '<link rel="canonical" href="http://testserver/ar/sections/eco/?page=2">' in page


def test_search_page_two_keeps_the_query_in_the_other_edition(client):
    for _ in range(21):
        ArticleFactory(title_ar="مراكش خبر", title_fr="Marrakech")
    links = edition_links(html(client.get("/ar/search/", {"q": "مراكش", "page": "2"})))
    assert links["fr"] == "/fr/search/?q=%D9%85%D8%B1%D8%A7%D9%83%D8%B4"
