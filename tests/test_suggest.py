"""The header box's suggestions, /<lang>/search/suggest/?q=… (articles/suggest_views.py,
articles/suggestions.py): what readers of each edition are offered while they type."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from articles import suggestions
from articles.models import Article
from articles.search import suggest_articles
from articles.suggestions import MAX_ITEMS, status_text
from core.pagecache import next_change
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.world import REFERENCE_TITLE_AR, REFERENCE_TITLE_FR, reference_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_indexes():
    """The cache is cleared between tests; so are this process's indexes of names."""
    suggestions.forget_indexes()
    yield
    suggestions.forget_indexes()


@pytest.fixture
def world(db):
    return reference_world()


def suggest(client, q, lang="ar"):
    response = client.get(f"/{lang}/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def labels(data, kind) -> list[str]:
    return [
        item["label"]
        for group in data["groups"]
        if group["kind"] == kind
        for item in group["items"]
    ]


def every_item(data) -> list[dict]:
    return [item for group in data["groups"] for item in group["items"]]


class TestShape:
    def test_arabic_article_title(self, client, world):
        data = suggest(client, "الشراكة")
        assert data["query"] == "الشراكة"
        articles = data["groups"][0]
        assert articles["kind"] == "articles"
        assert articles["label"] == "المقالات"
        assert articles["items"] == [
            {
                "label": REFERENCE_TITLE_AR,
                "url": world.article.get_absolute_url_in("ar"),
                "lang": "ar",
                "dir": "rtl",
            }
        ]
        assert data["status"] == "اقتراح واحد: استعمل سهمي الأعلى والأسفل للاختيار"

    def test_french_article_title(self, client, world):
        data = suggest(client, "partenariat", "fr")
        assert data["groups"][0]["label"] == "Articles"
        assert data["groups"][0]["items"] == [
            {
                "label": REFERENCE_TITLE_FR,
                "url": world.article.get_absolute_url_in("fr"),
                "lang": "fr",
                "dir": "ltr",
            }
        ]
        assert data["status"].startswith("1 suggestion")

    def test_every_kind_in_its_group_with_translated_labels(self, client, world):
        world.section.name_fr = "Partenariats et coopération"
        world.section.save()
        world.tag.name_fr = "Partenariat"
        world.tag.save()
        data = suggest(client, "partenariat", "fr")
        assert [(g["kind"], g["label"]) for g in data["groups"]] == [
            ("articles", "Articles"),
            ("sections", "Rubriques"),
            ("tags", "Mots-clés"),
        ]
        assert labels(data, "articles") == [REFERENCE_TITLE_FR]
        assert labels(data, "sections") == ["Partenariats et coopération"]
        assert labels(data, "tags") == ["Partenariat"]
        assert every_item(data)[1]["url"] == "/fr/sections/opinion/"
        assert every_item(data)[2]["url"] == "/fr/tags/security/"
        authors = suggest(client, "sara", "fr")
        assert authors["groups"] == [
            {
                "kind": "authors",
                "label": "Auteurs",
                "items": [
                    {
                        "label": "Sara Elboufi",
                        "url": "/fr/authors/sara/",
                        "lang": "fr",
                        "dir": "ltr",
                    }
                ],
            }
        ]

    def test_nothing_found_says_so(self, client, world):
        data = suggest(client, "zzzz", "fr")
        assert data["groups"] == []
        assert data["status"] == "Aucune suggestion"

    def test_at_most_eight_items_and_every_kind_gets_a_place(self, client, world):
        for n in range(8):
            tag = TagFactory(name_fr=f"Maroc tag {n}")
            ArticleFactory(title_fr=f"Maroc article {n}").tags.add(tag)
            SectionFactory(name_fr=f"Maroc rubrique {n}")
        data = suggest(client, "maroc", "fr")
        assert len(every_item(data)) == MAX_ITEMS
        kinds = {group["kind"]: len(group["items"]) for group in data["groups"]}
        assert kinds["articles"] == 5  # the reference and four of the new ones
        assert kinds["sections"] >= 1
        assert kinds["tags"] >= 1


class TestEditions:
    def test_an_article_without_a_french_title_is_not_suggested_on_the_french_page(
        self, client, world
    ):
        ArticleFactory(title_ar="مهرجان الرباط الدولي", title_fr="")
        assert labels(suggest(client, "مهرجان"), "articles") == ["مهرجان الرباط الدولي"]
        assert suggest(client, "مهرجان", "fr")["groups"] == []

    def test_no_arabic_name_on_a_french_page(self, client, world):
        tag = TagFactory(name_ar="الفلاحة", name_fr="")
        SectionFactory(name_ar="فلاحة وصيد", name_fr="")
        author = AuthorFactory(name_ar="فلاح بنعلي", name_fr="")
        ArticleFactory(title_ar="موسم", title_fr="Saison", authors=[author]).tags.add(tag)
        arabic = suggest(client, "فلا")
        assert labels(arabic, "tags") == ["الفلاحة"]
        assert labels(arabic, "sections") == ["فلاحة وصيد"]
        assert labels(arabic, "authors") == ["فلاح بنعلي"]
        french = suggest(client, "فلا", "fr")
        assert french["groups"] == []
        for data in (arabic, french):
            text = json.dumps(data, ensure_ascii=False)
            assert "/ar/" not in text or data is arabic

    def test_french_page_items_are_french_and_left_to_right(self, client, world):
        data = suggest(client, "se", "fr")
        assert every_item(data)
        for item in every_item(data):
            assert item["lang"] == "fr"
            assert item["dir"] == "ltr"
            assert item["url"].startswith("/fr/")
            assert not any("\u0600" <= ch <= "\u06ff" for ch in item["label"])

    def test_tags_and_authors_without_a_public_article_in_the_edition_are_not_offered(
        self, client, world
    ):
        draft_tag = TagFactory(name_fr="Brouillon secret")
        draft_author = AuthorFactory(name_fr="Brice Inédit")
        ArticleFactory(
            title_fr="Pas encore",
            status=Article.Status.DRAFT,
            authors=[draft_author],
        ).tags.add(draft_tag)
        assert suggest(client, "brouillon", "fr")["groups"] == []
        assert suggest(client, "brice", "fr")["groups"] == []

    def test_an_inactive_section_is_not_offered(self, client, world):
        SectionFactory(name_fr="Archives closes", is_active=False)
        assert suggest(client, "archives", "fr")["groups"] == []

    def test_a_scheduled_article_brings_its_tag_when_it_goes_live(
        self, client, world, time_machine
    ):
        time_machine.move_to(timezone.now(), tick=False)
        later = timezone.now() + timedelta(minutes=10)
        tag = TagFactory(name_fr="Élections communales")
        ArticleFactory(
            title_fr="Résultats", status=Article.Status.SCHEDULED, publish_at=later
        ).tags.add(tag)
        assert suggest(client, "elect", "fr")["groups"] == []  # read and cached
        time_machine.move_to(later + timedelta(seconds=1), tick=False)
        assert labels(suggest(client, "elect", "fr"), "tags") == ["Élections communales"]

    def test_a_new_tag_is_offered_at_once(self, client, world, django_capture_on_commit_callbacks):
        assert suggest(client, "culture", "fr")["groups"] == []  # the names are cached
        with django_capture_on_commit_callbacks(execute=True):
            article = ArticleFactory(title_fr="Un festival")
            article.tags.add(TagFactory(name_fr="Culture urbaine"))
        assert labels(suggest(client, "culture", "fr"), "tags") == ["Culture urbaine"]


class TestSpelling:
    @pytest.mark.parametrize("typed", ["الأمن", "الامن", "امن", "أمن", "والأمن", "الاَمن"])
    def test_hamza_article_and_tashkeel_are_folded(self, client, world, typed):
        assert labels(suggest(client, typed), "tags") == ["الأمن"]

    @pytest.mark.parametrize("typed", ["سارة", "ساره", "البوف", "سارة البو", "بوفي"])
    def test_any_word_of_an_author_name(self, client, world, typed):
        assert labels(suggest(client, typed), "authors") == ["سارة البوفي"]

    def test_ta_marbuta_and_alef_maqsura(self, client, world):
        SectionFactory(name_ar="رياضة وصحة", name_fr="Sport")
        TagFactory(name_ar="مستشفى", name_fr="Hôpital")  # no public article: never offered
        assert labels(suggest(client, "رياضه"), "sections") == ["رياضة وصحة"]
        assert labels(suggest(client, "صحه"), "sections") == ["رياضة وصحة"]

    @pytest.mark.parametrize("typed", ["sécu", "SECU", "Sécurité", "securite"])
    def test_french_accents_and_case(self, client, world, typed):
        assert labels(suggest(client, typed, "fr"), "tags") == ["Sécurité"]

    def test_every_word_typed_must_start_a_word_of_the_name(self, client, world):
        assert labels(suggest(client, "elboufi sa", "fr"), "authors") == ["Sara Elboufi"]
        assert labels(suggest(client, "sara benali", "fr"), "authors") == []

    def test_names_starting_with_the_query_come_first(self, client, world):
        for name, articles in (("Rabat en fête", 1), ("Fête du trône", 1), ("Féerie", 3)):
            tag = TagFactory(name_fr=name)
            for _ in range(articles):
                ArticleFactory(title_fr="Autre").tags.add(tag)
        assert labels(suggest(client, "fe", "fr"), "tags") == [
            "Féerie",  # starts with fe and used most
            "Fête du trône",
            "Rabat en fête",
        ]

    def test_thousands_of_tags_stay_bounded(self, client, world):
        article = ArticleFactory(title_fr="Beaucoup de mots-clés")
        tags = [TagFactory(name_fr=f"Sujet {n:04d}") for n in range(1200)]
        article.tags.add(*tags)
        for _ in range(2):  # the last one made is the most used
            ArticleFactory(title_fr="Encore").tags.add(tags[-1])
        data = suggest(client, "sujet 07", "fr")
        assert labels(data, "tags")
        assert all(label.startswith("Sujet 07") for label in labels(data, "tags"))
        assert len(every_item(data)) <= MAX_ITEMS
        # Two letters shared by all 1,200: the most used comes first all the same.
        assert labels(suggest(client, "su", "fr"), "tags")[0] == "Sujet 1199"


class TestBadInput:
    @pytest.mark.parametrize("typed", ["", " ", "a", "أ", "\u200f", "\x00a", " ا "])
    def test_shorter_than_two_characters_suggests_nothing(self, client, world, typed):
        data = suggest(client, typed)
        assert data["groups"] == []

    def test_no_query_at_all(self, client, world):
        response = client.get("/ar/search/suggest/")
        assert response.status_code == 200
        assert response.json()["groups"] == []

    def test_nul_and_bidi_controls_are_dropped(self, client, world):
        data = suggest(client, "\u202bال\x00أمن\u202c")
        assert data["query"] == "ال أمن"
        data = suggest(client, "\u2067امن\u2069")
        assert data["query"] == "امن"
        assert labels(data, "tags") == ["الأمن"]

    def test_a_ten_kilobyte_query(self, client, world):
        data = suggest(client, "الشراكة " + "ب" * 10_000)
        assert len(data["query"]) <= 100
        assert data["query"].startswith("الشراكة ")

    @pytest.mark.parametrize(
        "typed", ["'; DROP TABLE x;--", "%%%%", "\\\\", "((", "<script>", "٢٠٢٥", "🙂🙂", "*" * 300]
    )
    def test_odd_input_never_fails(self, client, world, typed):
        suggest(client, typed)
        suggest(client, typed, "fr")

    def test_only_get_and_head(self, client, world):
        assert client.head("/ar/search/suggest/?q=امن").status_code == 200
        assert client.post("/ar/search/suggest/", {"q": "امن"}).status_code == 405

    def test_no_english_edition(self, client, world):
        assert client.get("/en/search/suggest/?q=secu").status_code == 404


class TestArabicNumbers:
    @pytest.mark.parametrize(
        ("count", "expected"),
        [
            (1, "اقتراح واحد"),
            (2, "اقتراحان"),
            (3, "3 اقتراحات"),
            (8, "8 اقتراحات"),
            (11, "11 اقتراحًا"),
            (100, "100 اقتراح"),
        ],
    )
    def test_the_live_region_agrees_with_the_number(self, count, expected):
        with translation.override("ar"):
            assert status_text(count).split(":")[0] == expected

    def test_french(self):
        with translation.override("fr"):
            assert status_text(1).startswith("1 suggestion :")
            assert status_text(3).startswith("3 suggestions :")
            assert status_text(0) == "Aucune suggestion"


class TestCaching:
    def test_public_for_a_minute(self, client, world):
        response = client.get("/fr/search/suggest/", {"q": "secu"})
        assert response["Cache-Control"] == (
            "public, max-age=60, s-maxage=60, stale-while-revalidate=30"
        )

    def test_never_beyond_the_next_scheduled_change(self, client, world, time_machine):
        time_machine.move_to(timezone.now(), tick=False)
        ArticleFactory(
            title_fr="Bientôt",
            status=Article.Status.SCHEDULED,
            publish_at=timezone.now() + timedelta(seconds=20),
        )
        response = client.get("/fr/search/suggest/", {"q": "secu"})
        assert response["Cache-Control"] == "public, max-age=20, s-maxage=20, must-revalidate"

    def test_page_cache_serves_it_and_a_change_makes_it_stale(
        self, client, world, settings, django_capture_on_commit_callbacks
    ):
        settings.PAGE_CACHE_SECONDS = 300
        url = "/fr/search/suggest/?q=cinema"
        first = client.get(url)
        assert first["X-Page-Cache"] == "miss"
        assert json.loads(first.content)["groups"] == []
        assert client.get(url)["X-Page-Cache"] == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            ArticleFactory(title_fr="Cinéma marocain")
        fresh = client.get(url)
        assert fresh["X-Page-Cache"] == "miss"
        assert labels(json.loads(fresh.content), "articles") == ["Cinéma marocain"]

    def test_compressed_for_browsers_that_accept_it(self, client, world):
        response = client.get("/ar/search/suggest/?q=الأمن", HTTP_ACCEPT_ENCODING="br, gzip")
        assert response["Content-Encoding"] in {"br", "gzip"}


def engine_queries(q: str, lang: str) -> int:
    """What the search engine's suggest_articles() alone costs for `q`."""
    with translation.override(lang), CaptureQueriesContext(connection) as engine:
        suggest_articles(Article.objects.public(lang), q, lang, limit=5)
    return len(engine)


class TestQueries:
    def test_names_cost_nothing_once_read(self, client, world, django_assert_max_num_queries):
        next_change()  # once per generation for the whole site, not per request
        # Cold: the engine's queries, and the sections, authors and tags of the edition.
        with django_assert_max_num_queries(engine_queries("securite", "fr") + 3):
            data = suggest(client, "securite", "fr")
        assert labels(data, "tags") == ["Sécurité"]
        # Warm: the engine's queries only, whatever the number of names.
        for n in range(30):
            ArticleFactory(title_fr=f"Encore {n}").tags.add(TagFactory(name_fr=f"Sûreté {n}"))
        next_change()
        suggest(client, "sur", "fr")
        with django_assert_max_num_queries(engine_queries("sûr", "fr")):
            data = suggest(client, "sûr", "fr")
        assert len(labels(data, "tags")) == MAX_ITEMS

    def test_a_short_query_runs_no_query(self, client, world, django_assert_num_queries):
        next_change()
        with django_assert_num_queries(0):
            suggest(client, "a", "fr")


def test_the_header_box_loads_the_script_and_knows_where_to_ask(client, world):
    page = client.get("/fr/").content.decode()
    assert '<script src="/static/js/suggest.js" defer></script>' in page
    assert 'data-suggest="/fr/search/suggest/"' in page
    # Without JavaScript it is the plain search form.
    assert '<form class="header-search" role="search" method="get" action="/fr/search/">' in page
