"""Issue 9, the reader's side: page numbers, edition links, offered editions, direction of
titles, the lead story's style, and what an expired article or an empty tag may show."""

import re
from datetime import timedelta
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


# --- 7. the site offers the editions of NEWSROOM_EDITIONS (default Arabic and French) ----


def test_english_browser_goes_to_the_main_edition_or_to_french(client):
    ArticleFactory(title_fr="Titre")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")["Location"] == "/ar/"
    preferring_french = "en-US,en;q=0.9,fr;q=0.8"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=preferring_french)["Location"] == "/fr/"
    client.cookies["django_language"] = "en"
    assert client.get("/")["Location"] == "/ar/"


def test_root_never_sends_a_reader_to_an_edition_without_articles(client):
    ArticleFactory()  # Arabic only
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")["Location"] == "/ar/"


def test_english_urls_are_not_found(client):
    article = ArticleFactory(title_fr="Titre")
    section = article.section
    for path in ("/en/", f"/en/sections/{section.slug}/", "/en/feeds/rss/", "/en/search/?q=x"):
        assert client.get(path).status_code == 404, path


def test_switcher_hreflang_and_sitemaps_list_only_the_offered_editions(client):
    tag = TagFactory(slug="cop")
    article = ArticleFactory(title_fr="Titre")
    article.tags.add(tag)
    AuthorFactory(slug="sara")
    for path in ("/ar/", "/fr/", article.get_absolute_url_in("ar"), "/ar/authors/sara/"):
        page = html(client.get(path))
        assert set(edition_links(page)) == {"ar", "fr"}, path
        assert set(hreflang(page)) == {"ar", "fr", "x-default"}, path
        assert 'hreflang="en"' not in page
        assert "en_US" not in page
    index = html(client.get("/sitemap.xml"))
    sitemaps = re.findall(r"<loc>http://testserver(/[^<]+)</loc>", index)
    assert "/sitemap-news-en.xml" not in sitemaps
    assert sorted(s for s in sitemaps if "news" in s) == [
        "/sitemap-news-ar.xml",
        "/sitemap-news-fr.xml",
    ]
    for sitemap in sitemaps:
        body = html(client.get(sitemap))
        assert "/en/" not in body, sitemap
        assert 'hreflang="en"' not in body, sitemap
    assert client.get("/sitemap-news-en.xml").status_code == 404
    robots = html(client.get("/robots.txt"))
    assert "/en/" not in robots
    assert "news-en" not in robots


def test_the_admin_offers_no_english(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.com", None)
    client.force_login(admin)
    page = html(client.get("/admin/articles/article/add/"))
    assert "title_fr" in page
    assert "_en" not in re.sub(r"(?s)<script.*?</script>", "", page)
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert '<html lang="en"' not in html(client.get("/admin/"))


# --- 10. expired articles leave most read at once; tags without public articles are hidden --


@pytest.fixture
def read_and_expiring(db, isolated_counters):
    """Two read articles; the most read one expires in two minutes."""
    from articles import popularity

    now = timezone.now()
    expiring = ArticleFactory(title_ar="ينتهي قريبا", unpublish_at=now + timedelta(minutes=2))
    lasting = ArticleFactory(title_ar="يبقى منشورا")
    popularity.count_view(expiring.pk, 50, now=now)
    popularity.count_view(lasting.pk, 5, now=now)
    popularity.flush()
    for extra in range(8):  # the home page's aside (and its widget) needs a "just in" list
        ArticleFactory(publish_at=now - timedelta(days=20, hours=extra))
    return expiring, lasting


def most_read_titles(page: str) -> list[str]:
    widget = page[page.index('class="most-read"') :]
    widget = widget[: widget.index("</section>")]
    return re.findall(r"<bdi[^>]*>([^<]+)</bdi>", widget)


def test_an_expired_article_leaves_most_read_before_the_cache_does(client, read_and_expiring):
    import time_machine

    expiring, lasting = read_and_expiring
    page = html(client.get(lasting.get_absolute_url_in("ar")))
    assert expiring.title_ar in most_read_titles(page)  # and the lists are now cached
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        # One minute after expiry, within the widget's five cached minutes (the cache's own
        # clock moves too: travelling further would expire it and prove nothing).
        assert client.get(expiring.get_absolute_url_in("ar")).status_code == 404
        for path in ("/ar/", lasting.get_absolute_url_in("ar")):
            titles = most_read_titles(html(client.get(path)))
            assert expiring.title_ar not in titles, path
            assert lasting.title_ar in titles, path


def test_a_tag_without_public_article_in_the_edition_has_no_page(client):
    from articles.models import Article

    unreviewed = TagFactory(slug="draft-only", name_ar="نص غير مراجع")
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None).tags.add(unreviewed)
    assert client.get("/ar/tags/draft-only/").status_code == 404
    assert client.get("/ar/tags/draft-only/feed/rss/").status_code == 404
    empty = TagFactory(slug="nothing")
    assert client.get("/ar/tags/nothing/").status_code == 404
    arabic_only = TagFactory(slug="arabic-only")
    ArticleFactory().tags.add(arabic_only)
    assert client.get("/ar/tags/arabic-only/").status_code == 200
    assert client.get("/fr/tags/arabic-only/").status_code == 404
    sitemap = html(client.get("/sitemap-tags.xml"))
    assert "/ar/tags/arabic-only/" in sitemap
    assert "/fr/tags/arabic-only/" not in sitemap  # no French article: no French page
    assert "draft-only" not in sitemap
    assert empty.slug not in sitemap


def test_a_tag_whose_only_article_expired_has_no_page(client):
    import time_machine

    tag = TagFactory(slug="ephemeral")
    ArticleFactory(unpublish_at=timezone.now() + timedelta(hours=1)).tags.add(tag)
    assert client.get("/ar/tags/ephemeral/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert client.get("/ar/tags/ephemeral/").status_code == 404
        assert "ephemeral" not in html(client.get("/sitemap-tags.xml"))


# --- 8. text of a known language carries that language's direction -----------------------

COP = "COP22 في مراكش"  # Arabic, but its first strong letter is Latin: dir="auto" says ltr


def holders(page: str, text: str) -> list:
    """The innermost elements of <body> whose text contains `text` (the title's wrapper)."""
    import html5lib

    body = html5lib.parse(page, namespaceHTMLElements=False).find("body")
    found = []
    for element in body.iter():
        if text in "".join(element.itertext()) and not any(
            text in "".join(child.itertext()) for child in element
        ):
            found.append(element)
    return found


def assert_explicit(page: str, text: str, lang: str, dir_: str, where: str, at_least: int = 1):
    elements = holders(page, text)
    assert len(elements) >= at_least, (where, len(elements))
    for element in elements:
        attrs = (element.tag, element.get("lang"), element.get("dir"))
        assert attrs[1:] == (lang, dir_), (where, attrs)


@pytest.fixture
def cop(db, isolated_counters):
    from articles import popularity

    section = SectionFactory(slug="climat")
    tag = TagFactory(slug="cop22")
    author = AuthorFactory(slug="sara", name_ar="سارة البوفي", name_fr="Sara Elboufi")
    cop = ArticleFactory(
        title_ar=COP,
        title_fr="COP22 à Marrakech",
        lead_ar="ملخص",
        section=section,
        authors=[author],
        is_featured=True,
    )
    cop.tags.add(tag)
    neighbour = ArticleFactory(section=section, title_fr="Voisin")
    neighbour.tags.add(tag)
    for extra in range(8):  # the home page's "just in" and section blocks
        ArticleFactory(section=section, publish_at=timezone.now() - timedelta(days=2, hours=extra))
    popularity.count_view(cop.pk, 10)
    popularity.flush()
    return cop, neighbour


def test_an_arabic_title_starting_with_latin_is_right_to_left_in_every_listing(client, cop):
    article, neighbour = cop
    day = timezone.localdate(article.publish_at)
    pages = {
        "home": "/ar/",
        "section": "/ar/sections/climat/",
        "tag": "/ar/tags/cop22/",
        "author": "/ar/authors/sara/",
        "archive": f"/ar/archive/{day:%Y/%m/%d}/",
        "search": "/ar/search/?q=مراكش",
        "article (related, carousel, most read, sidebar)": neighbour.get_absolute_url_in("ar"),
    }
    for where, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, where
        # Each page shows it in the latest-news strip and in its listing(s), at least.
        assert_explicit(html(response), COP, "ar", "rtl", where, at_least=2)
    page = html(client.get(neighbour.get_absolute_url_in("ar")))
    for box in ("related", "carousel", "most-read", "sidebar"):
        assert box in page
    assert len(holders(page, COP)) >= 5  # strip, sidebar, carousel, related, most read


def test_french_titles_are_left_to_right_on_the_french_edition(client, cop):
    for path in ("/fr/", "/fr/sections/climat/", "/fr/tags/cop22/"):
        assert_explicit(html(client.get(path)), "COP22 à Marrakech", "fr", "ltr", path, 2)


def test_latin_names_on_arabic_pages_carry_their_own_language(client, cop):
    article, _neighbour = cop
    for path in (article.get_absolute_url_in("ar"), "/ar/authors/sara/"):
        page = html(client.get(path))
        assert_explicit(page, "Sara Elboufi", "fr", "ltr", path)
        assert_explicit(page, "سارة البوفي", "ar", "rtl", path)


def test_search_boxes_take_the_edition_direction_the_query_echo_is_auto(client, cop):
    page = html(client.get("/ar/search/", {"q": "COP22"}))
    assert re.search(r'<input type="search" id="header-q"[^>]*dir="rtl"', page)
    assert re.search(r'<input type="search" id="search-q"[^>]*dir="rtl"', page)
    assert re.search(r'<input type="search" id="header-q"[^>]*dir="ltr"', html(client.get("/fr/")))
    # The reader's query is of unknown language: it is isolated, its direction its own.
    import html5lib

    body = html5lib.parse(page, namespaceHTMLElements=False).find("body")
    (count,) = [p for p in body.iter("p") if "search-count" in p.get("class", "").split()]
    (echo,) = count.iter("bdi")
    assert echo.get("dir") == "auto"
    assert echo.text == "COP22"


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_removed_from_titles_leads_names_and_tags_on_save():
    from articles.models import Article, Section, Tag
    from authors.models import Author

    spoof = "\u202eمراكش\u202c COP22 \u2067x\u2069"
    article = ArticleFactory(title_ar=spoof, title_fr=f"Titre {spoof}", lead_ar=spoof)
    tag = TagFactory(name_ar=spoof)
    author = AuthorFactory(name_ar=spoof, name_fr="Sara\u202d Elboufi")
    section = SectionFactory(name_ar=spoof)
    article = Article.objects.get(pk=article.pk)
    for value in (
        article.title_ar,
        article.title_fr,
        article.lead_ar,
        Tag.objects.get(pk=tag.pk).name_ar,
        Author.objects.get(pk=author.pk).name_ar,
        Author.objects.get(pk=author.pk).name_fr,
        Section.objects.get(pk=section.pk).name_ar,
    ):
        assert not set(value) & set(BIDI_CONTROLS), ascii(value)
    assert article.title_ar == "مراكش COP22 x"
    # Marks (LRM, RLM, ALM) change no ordering beyond one neutral: they stay.
    marked = ArticleFactory(title_ar="COP22\u200f في مراكش")
    assert Article.objects.get(pk=marked.pk).title_ar == "COP22\u200f في مراكش"


def test_bidi_controls_are_removed_from_a_title_posted_in_the_admin(client):
    from articles.models import Article
    from tests.personas import change_url, draft_by, form_data, make_journalist

    sara = make_journalist()
    article = draft_by(sara)
    client.force_login(sara)
    data = form_data(client.get(change_url(article)))
    data["title_ar"] = "\u202eخبر معكوس"
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content[:300]
    assert Article.objects.get(pk=article.pk).title_ar == "خبر معكوس"
