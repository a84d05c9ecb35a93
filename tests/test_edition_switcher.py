"""The language switcher leads to the same page in the other edition when it exists there."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def links(client, url) -> dict[str, str]:
    import re

    page = client.get(url).content.decode()
    nav = page[
        page.index('class="editions"') : page.index("</nav>", page.index('class="editions"'))
    ]
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" lang="(\w\w)"', nav)}


def test_article_in_both_editions(client):
    article = ArticleFactory(title_ar="عنوان", title_fr="Titre")
    found = links(client, article.get_absolute_url_in("ar"))
    assert found["fr"] == article.get_absolute_url_in("fr")
    assert found["ar"] == article.get_absolute_url_in("ar")
    assert set(found) == {"ar", "fr"}  # the editions of settings.LANGUAGES only


def test_arabic_only_article_sends_french_readers_home(client):
    article = ArticleFactory(title_ar="عنوان")
    found = links(client, article.get_absolute_url_in("ar"))
    assert found["fr"] == "/fr/"


def test_section_author_and_archive_pages_exist_in_every_edition(client):
    SectionFactory(slug="sport")
    AuthorFactory(slug="sara")
    assert links(client, "/ar/sections/sport/")["fr"] == "/fr/sections/sport/"
    assert links(client, "/fr/authors/sara/")["ar"] == "/ar/authors/sara/"
    assert links(client, "/ar/archive/2025/04/")["fr"] == "/fr/archive/2025/04/"


def test_query_string_is_kept_but_not_the_page_number(client):
    section = SectionFactory(slug="eco")
    for _ in range(21):
        ArticleFactory(section=section, title_fr="x")
    found = links(client, "/ar/sections/eco/?page=2")
    # Page 2 in Arabic need not exist in French: the other edition's first page does.
    assert found["fr"] == "/fr/sections/eco/"
    assert found["ar"] == "/ar/sections/eco/?page=2"
    assert links(client, "/ar/search/?q=x&page=1")["fr"] == "/fr/search/?q=x"


def test_404_page_links_to_edition_homes(client):
    found = links(client, "/ar/nothing-here/")
    assert found["fr"] == "/fr/"
    assert set(found) == {"ar", "fr"}


def test_current_edition_is_marked(client):
    page = client.get("/fr/").content.decode()
    assert 'lang="fr" hreflang="fr" dir="ltr" aria-current="true"' in page
