"""Search: readers find articles by the words they type, on SQLite and on PostgreSQL.

Every test here runs on whichever database the suite uses (CI runs both); the few that
check PostgreSQL's own pieces skip elsewhere.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleSearchText
from articles.search import MAX_QUERY_LENGTH, MAX_TERMS, parse_query, refresh_search_text
from tests.factories import ArticleFactory, SectionFactory
from tests.personas import change_url, make_editor, open_form
from tests.world import reference_world

pytestmark = pytest.mark.django_db
CASABLANCA = ZoneInfo("Africa/Casablanca")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
)


def search(client, q, lang="ar", **params):
    response = client.get(f"/{lang}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def found(response) -> list[int]:
    return [article.pk for article, _title, _snippet in response.context["results"]]


@pytest.fixture
def reference(db):
    """The reference article, its leads and bodies full of words to search for."""
    return reference_world(
        lead_ar="مقدمة عن التعاون في مجال الأمن.",
        lead_fr="Un chapô sur la coopération policière.",
        body_ar="<p>افتتاح المدرسة الوطنية للشرطة سنة 2030 بحضور المسؤولين.</p>",
        body_fr="<p>Les écoles de police ouvrent leurs portes en 2030.</p>",
    ).article


@pytest.fixture
def other(db):
    return ArticleFactory(
        title_ar="حصيلة الموسم الفلاحي",
        lead_ar="أمطار وفيرة هذا العام.",
        body_ar="<p>ارتفاع الإنتاج في جهة سوس.</p>",
    )


class TestArabicVariants:
    """Each normalization rule, through the search page."""

    @pytest.mark.parametrize(
        "typed",
        [
            "الأمنية",  # as printed
            "الامنية",  # without hamza
            "الأَمْنِيَّة",  # with tashkeel
            "الأمنيه",  # ه for ة
            "الامـــنية",  # with tatweel
            "الشراكه الامنيه",  # two words, both typed loosely
        ],
    )
    def test_finds_the_article_however_the_title_is_typed(self, client, reference, other, typed):
        assert found(search(client, typed)) == [reference.pk]

    def test_arabic_indic_digits_find_western_digits(self, client, reference, other):
        assert found(search(client, "٢٠٣٠")) == [reference.pk]

    def test_prefixed_form_finds_the_bare_word(self, client, reference, other):
        # The body says المدرسة; readers type it with و, ب, ف… or without the article.
        for typed in ("والمدرسة", "بالمدرسة", "فالمدرسه", "مدرسة", "المدرسه"):
            assert found(search(client, typed)) == [reference.pk], typed

    def test_bare_word_finds_the_prefixed_form(self, client, other):
        article = ArticleFactory(title_ar="زيارة رسمية", body_ar="<p>وصل الوفد والمدرسة مغلقة.</p>")
        assert found(search(client, "مدرسة")) == [article.pk]

    def test_conjunction_glued_to_a_word(self, client, other):
        article = ArticleFactory(title_ar="زيارة إلى فرنسا")
        assert found(search(client, "وفرنسا")) == [article.pk]

    def test_a_word_inside_another_word_is_not_a_match(self, client, reference):
        ArticleFactory(title_ar="قافلة تضامنية", lead_ar="إشراك الجمعيات")  # تضامن, إشراك
        assert found(search(client, "الشراكة الأمنية")) == [reference.pk]

    def test_every_word_must_match_first(self, client, reference, other):
        response = search(client, "الموسم الفلاحي")
        assert found(response) == [other.pk]
        assert response.context["outcome"].mode == "all"

    def test_with_no_article_having_every_word_those_with_most_of_them_come(
        self, client, reference, other
    ):
        both = ArticleFactory(title_ar="الشراكة في الموسم الجديد")
        response = search(client, "الشراكة الموسم الفلاحي")
        # Nobody has all three: the one with two of them first, then those with one, and
        # the page says that not every word was found.
        assert response.context["outcome"].mode == "some"
        assert found(response)[0] in (both.pk, other.pk)
        assert set(found(response)) == {both.pk, other.pk, reference.pk}
        assert 'class="search-mode"' in response.content.decode()


class TestFrench:
    def test_accents_and_case_are_ignored(self, client, reference):
        for typed in ("sécuritaire", "securitaire", "SECURITAIRE", "Sécuritaire"):
            assert found(search(client, typed, "fr")) == [reference.pk], typed

    def test_a_plural_finds_the_singular_and_back(self, client, reference):
        assert found(search(client, "partenariats", "fr")) == [reference.pk]
        assert found(search(client, "école", "fr")) == [reference.pk]

    def test_results_come_from_the_current_edition_only(self, client, reference, other):
        assert found(search(client, "2030", "fr")) == [reference.pk]
        assert found(search(client, "الموسم", "fr")) == []  # the Arabic-only article
        assert found(search(client, "Maroc", "ar")) == []  # French words of an Arabic page


class TestRanking:
    def test_a_title_match_comes_before_a_body_match(self, client):
        in_body = ArticleFactory(
            title_ar="أخبار متفرقة",
            body_ar="<p>الميناء الميناء الميناء الميناء الميناء في طنجة.</p>",
            publish_at=timezone.now() - timedelta(hours=1),
        )
        in_title = ArticleFactory(
            title_ar="توسعة الميناء",
            body_ar="<p>أشغال جديدة.</p>",
            publish_at=timezone.now() - timedelta(days=30),  # older: rank, not date, wins
        )
        assert found(search(client, "الميناء")) == [in_title.pk, in_body.pk]

    def test_a_lead_match_comes_before_a_body_match(self, client):
        in_body = ArticleFactory(title_ar="خبر أول", body_ar="<p>مطار الناظور</p>")
        in_lead = ArticleFactory(
            title_ar="خبر ثان",
            lead_ar="مطار جديد",
            publish_at=timezone.now() - timedelta(days=3),
        )
        assert found(search(client, "مطار")) == [in_lead.pk, in_body.pk]

    def test_equal_matches_newest_first(self, client):
        old = ArticleFactory(title_ar="قمة المناخ", publish_at=timezone.now() - timedelta(days=9))
        new = ArticleFactory(title_ar="قمة المناخ", publish_at=timezone.now() - timedelta(days=1))
        assert found(search(client, "المناخ")) == [new.pk, old.pk]


class TestWhatIsSearched:
    def test_drafts_and_scheduled_articles_are_not_found_until_due(self, client):
        ArticleFactory(title_ar="مسودة الميزانية", status=Article.Status.DRAFT, publish_at=None)
        scheduled = ArticleFactory(
            title_ar="برنامج الميزانية",
            status=Article.Status.SCHEDULED,
            publish_at=timezone.now() + timedelta(hours=1),
        )
        assert found(search(client, "الميزانية")) == []
        Article.objects.filter(pk=scheduled.pk).update(
            publish_at=timezone.now() - timedelta(minutes=1)
        )
        assert found(search(client, "الميزانية")) == [scheduled.pk]

    @staticmethod
    def edit_in_the_back_office(client, article, **changes):
        client.force_login(make_editor())
        data = open_form(client, article) | changes
        assert client.post(change_url(article), data).status_code == 302
        client.logout()

    def test_the_index_follows_edits(self, client, reference):
        self.edit_in_the_back_office(client, reference, title_ar="عنوان جديد تماما")
        assert found(search(client, "تماما")) == [reference.pk]
        assert found(search(client, "الشراكة")) == []

    def test_an_edition_removed_from_an_article_leaves_the_index(self, client, reference):
        self.edit_in_the_back_office(client, reference, title_fr="")
        assert not ArticleSearchText.objects.filter(article=reference, language="fr").exists()
        assert found(search(client, "partenariat", "fr")) == []

    def test_status_only_saves_do_not_reindex(self, reference, django_assert_num_queries):
        reference.is_featured = True
        with django_assert_num_queries(1):  # the UPDATE of the row, no search document
            reference.save(update_fields=["is_featured"])
            services.article_saved(reference, fields=["is_featured"])

    def test_bulk_inserted_articles_are_indexed_by_refresh(self, client):
        section = SectionFactory()
        Article.objects.bulk_create(
            [
                Article(
                    title_ar=f"مقال مجمع {i}",
                    title=f"مقال مجمع {i}",
                    slug=f"bulk-{i}",
                    section=section,
                    status=Article.Status.PUBLISHED,
                    publish_at=timezone.now() - timedelta(hours=i + 1),
                )
                for i in range(3)
            ]
        )
        assert found(search(client, "مجمع")) == []
        assert refresh_search_text(Article.objects.filter(slug__startswith="bulk-")) == 3
        assert len(found(search(client, "مجمع"))) == 3

    def test_html_of_the_body_is_not_searched(self, client):
        ArticleFactory(
            title_ar="خبر", body_ar='<p><a href="https://example.com/strong">رابط</a></p>'
        )
        assert found(search(client, "strong")) == []
        assert found(search(client, "example")) == []


class TestPage:
    def test_empty_query_asks_for_words(self, client, reference):
        for q in ("", "   "):
            response = search(client, q)
            assert response.context["results"] == []
            assert response.context["page"] is None  # no query was run
            assert '<p class="empty">' in response.content.decode()
            assert 'class="search-empty"' not in response.content.decode()

    def test_results_are_listed_with_highlighted_title_and_snippet(self, client, reference):
        page = search(client, "المدرسة").content.decode()
        assert "الشراكة الأمنية بين المغرب وفرنسا" in page
        assert "افتتاح <mark>المدرسة</mark> الوطنية" in page  # the article's own spelling

    def test_highlights_in_the_title(self, client, reference):
        page = search(client, "الامنية").content.decode()
        assert "الشراكة <mark>الأمنية</mark> بين" in page

    def test_counts_the_results(self, client, reference):
        response = search(client, "الأمنية")
        assert response.context["page"].paginator.count == 1

    def test_search_pages_are_not_for_indexes(self, client, reference):
        response = search(client, "الأمنية")
        assert response["X-Robots-Tag"] == "noindex"
        assert '<meta name="robots" content="noindex, follow">' in response.content.decode()
        assert 'rel="canonical"' not in response.content.decode()

    def test_the_header_has_a_search_box_that_works_without_javascript(self, client, reference):
        page = client.get("/ar/").content.decode()
        assert (
            '<form class="header-search" role="search" method="get" action="/ar/search/">' in page
        )
        assert '<label class="visually-hidden" for="header-q">' in page
        assert 'name="q"' in page
        assert 'action="/fr/search/"' in client.get("/fr/").content.decode()

    def test_paginated(self, client):
        for i in range(25):
            ArticleFactory(
                title_ar=f"مباراة رقم {i}", publish_at=timezone.now() - timedelta(hours=i + 1)
            )
        first = search(client, "مباراة")
        assert len(first.context["results"]) == 20
        assert 'href="?q=%D9%85%D8%A8%D8%A7%D8%B1%D8%A7%D8%A9&amp;page=2"' in first.content.decode()
        second = search(client, "مباراة", page=2)
        assert len(second.context["results"]) == 5
        assert second.context["page"].paginator.count == 25  # read with page 2's rows
        assert first.context["page"].paginator.count == 25
        assert client.get("/ar/search/", {"q": "مباراة", "page": 3}).status_code == 404
        assert client.get("/ar/search/", {"q": "مباراة", "page": "x"}).status_code == 404


class TestFilters:
    @pytest.fixture
    def two_sections(self, db):
        sport = SectionFactory(slug="sport", name_ar="رياضة")
        economy = SectionFactory(slug="economy", name_ar="اقتصاد")
        a = ArticleFactory(
            title_ar="ملعب طنجة الكبير",
            section=sport,
            publish_at=datetime(2025, 3, 10, 12, tzinfo=CASABLANCA),
        )
        b = ArticleFactory(
            title_ar="تمويل ملعب مراكش",
            section=economy,
            publish_at=datetime(2025, 5, 2, 12, tzinfo=CASABLANCA),
        )
        return a, b

    def test_by_section(self, client, two_sections):
        a, b = two_sections
        assert found(search(client, "ملعب", section="sport")) == [a.pk]
        assert found(search(client, "ملعب", section="economy")) == [b.pk]

    def test_by_date_range_inclusive(self, client, two_sections):
        a, b = two_sections
        assert found(search(client, "ملعب", **{"from": "2025-05-02"})) == [b.pk]
        assert found(search(client, "ملعب", to="2025-03-10")) == [a.pk]
        both = search(client, "ملعب", **{"from": "2025-03-10", "to": "2025-05-02"})
        assert set(found(both)) == {a.pk, b.pk}

    def test_reversed_dates_are_swapped_with_a_note(self, client, two_sections):
        response = search(client, "ملعب", **{"from": "2025-05-31", "to": "2025-05-01"})
        assert found(response) == [two_sections[1].pk]
        assert response.context["notes"]

    @pytest.mark.parametrize(
        "params",
        [
            {"section": "no-such-section"},
            {"from": "yesterday"},
            {"to": "2025-13-45"},
            {"from": "99999-01-01"},
            {"to": "0001-01-01"},
            {"from": "2025-1-1"},
        ],
    )
    def test_bad_filters_are_ignored_with_a_note(self, client, two_sections, params):
        response = search(client, "ملعب", **params)
        assert len(found(response)) == 2
        assert response.context["notes"]
        assert 'class="search-notes"' in response.content.decode()

    def test_a_bad_date_is_named_in_the_message_and_the_search_runs_without_it(
        self, client, two_sections
    ):
        response = search(client, "ملعب", **{"from": "2025-1-1", "to": "2025-03-10"})
        assert found(response) == [two_sections[0].pk]  # the good date still applies
        assert response.context["form"].errors["from"] == [
            "لم نفهم التاريخ «2025-1-1»، فتم تجاهله."
        ]
        assert "<li>لم نفهم التاريخ «2025-1-1»، فتم تجاهله.</li>" in response.content.decode()
        assert response.context["start"] is None
        french = search(client, "stade", "fr", to="2025-02-30")
        assert "La date « 2025-02-30 » n’a pas été comprise : elle est ignorée." in (
            french.content.decode()
        )


class TestAnyQueryGetsAPage:
    @pytest.mark.parametrize(
        "q",
        [
            "%",
            "_",
            "%_%",
            "'",
            '"',
            "\\",
            "' OR 1=1 --",
            "'; DROP TABLE articles_article; --",
            "!!!???...",
            "a & b | !c",  # tsquery operators
            "foo:* <-> bar",
            "\u200f\u200e",  # bidi marks only
            "🙂🙂",
            "a\x00b",
            "\x00",
            "<script>alert(1)</script>",
        ],
    )
    def test_never_an_error(self, client, reference, q):
        response = search(client, q)
        assert response.context["results"] == []

    def test_the_query_is_escaped_on_the_page(self, client, reference):
        page = search(client, "<script>alert(1)</script>").content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_invalid_utf8_and_lone_surrogates(self, client, reference):
        assert client.get("/ar/search/?q=%ED%A0%80").status_code == 200
        assert client.get("/ar/search/?q=%FF%FE%00").status_code == 200
        assert parse_query("\ud800مدرسة", "ar").terms == parse_query("مدرسة", "ar").terms

    def test_a_very_long_query_is_capped_with_a_note(self, client, reference):
        response = search(client, "الأمنية " + "ب" * 5000)
        assert len(response.context["query"].text) <= MAX_QUERY_LENGTH
        assert response.context["notes"]
        assert 'maxlength="200"' in response.content.decode()
        # Arabic counts 200 with the singular noun (200 حرف, not 200 حرفا); French plural.
        assert response.context["notes"][0] == "تم اختصار بحثك إلى 200 حرف وعشر كلمات."
        french = search(client, "sécurité " + "b" * 5000, "fr").context["notes"]
        assert french[0] == "Votre recherche a été raccourcie à 200 caractères et dix mots."

    def test_at_most_ten_words(self, client, reference):
        words = " ".join(f"كلمة{n}" for n in range(15))
        query = parse_query(words, "ar")
        assert len(query.terms) == MAX_TERMS
        assert query.truncated
        assert search(client, words).context["notes"]

    def test_garbage_gets_a_no_results_page(self, client, reference):
        response = search(client, "!!!???")
        assert not response.context["query"]  # no word in it
        assert 'class="search-empty"' in response.content.decode()

    def test_post_is_refused(self, client):
        assert client.post("/ar/search/", {"q": "x"}).status_code == 405


@on_postgresql
class TestPostgreSQL:
    def test_full_text_pieces_exist(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent'")
            assert cursor.fetchone()
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'searchtext_vector_gin'"
            )
            assert "USING gin (vector)" in cursor.fetchone()[0]

    def test_vector_is_weighted_title_lead_body(self, reference):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT vector::text FROM articles_articlesearchtext "
                "WHERE article_id = %s AND language = 'ar'",
                [reference.pk],
            )
            vector = cursor.fetchone()[0]
        # Written from the house rules' terms (articles/normalize.py), each at its
        # position: the title's weighted A, the lead's B, the body's unweighted (D).
        document = ArticleSearchText.objects.get(article=reference, language="ar")
        title, lead, body = (
            part.split() for part in (document.title, document.lead, document.body)
        )
        assert f"'{title[0]}':1A" in vector
        assert f"'{lead[0]}':{len(title) + 9}B" in vector
        first_body = len(title) + len(lead) + 17
        assert re.search(rf"'{body[0]}':([0-9]+,)*{first_body}[ ,]", vector + " ")


class TestStemming:
    def test_other_forms_of_a_word_are_found(self, client):
        article = ArticleFactory(title_ar="المدارس العمومية", body_ar="<p>مدرستنا الجديدة</p>")
        assert found(search(client, "مدرسة")) == [article.pk]

    def test_french_plurals_and_accents(self, client, reference):
        assert found(search(client, "coopérations policières", "fr")) == [reference.pk]


def count_line(response) -> str:
    return re.search(r'<p class="search-count"[^>]*>(.*?)</p>', response.content.decode())[1]


class TestCommonWords:
    """A word in thousands of articles: only the newest WINDOW matches are
    ranked and counted, so its cost does not grow with the archive; the page says so."""

    def test_only_the_newest_matches_are_ranked_and_the_count_is_capped(self, client, monkeypatch):
        from articles import search as search_module

        monkeypatch.setattr(search_module, "WINDOW", 5)
        now = timezone.now()
        # The best match (the word in its title) is the oldest, outside the window.
        oldest = ArticleFactory(title_ar="الحكومة تجتمع", publish_at=now - timedelta(days=30))
        newest = [
            ArticleFactory(
                title_ar=f"خبر رقم {n}",
                lead_ar="اجتماع الحكومة اليوم",
                publish_at=now - timedelta(hours=n + 1),
            )
            for n in range(7)
        ]
        response = search(client, "الحكومة")
        assert found(response) == [a.pk for a in newest[:5]]
        assert oldest.pk not in found(response)
        assert count_line(response).startswith("5+ ")

    def test_fewer_matches_than_the_window_are_counted_exactly(self, client, monkeypatch):
        from articles import search as search_module

        monkeypatch.setattr(search_module, "WINDOW", 5)
        articles = [ArticleFactory(title_ar=f"الحكومة {n}") for n in range(3)]
        response = search(client, "الحكومة")
        assert sorted(found(response)) == sorted(a.pk for a in articles)
        assert response.context["page"].paginator.count == 3
        assert count_line(response).startswith("3 ")


class TestPhrasesAndExclusion:
    def test_a_quoted_phrase_needs_its_words_together_and_in_order(self, client):
        together = ArticleFactory(title_ar="وزير الداخلية يزور طنجة")
        apart = ArticleFactory(title_ar="الداخلية تستقبل الوزير الجديد")
        assert set(found(search(client, "وزير الداخلية"))) == {together.pk, apart.pk}
        assert found(search(client, '"وزير الداخلية"')) == [together.pk]
        assert found(search(client, "«وزير الداخلية»")) == [together.pk]
        # Reversed, the phrase is in neither article: nothing, and no "most words" fallback
        # drops the quotes.
        assert found(search(client, '"الداخلية وزير"')) == []

    def test_a_french_phrase_across_a_stop_word(self, client):
        phrase = ArticleFactory(title_ar="خبر", title_fr="Le ministre de l'Intérieur à Tanger")
        ArticleFactory(title_ar="خبر آخر", title_fr="L'intérieur du ministre")
        assert found(search(client, '"ministre de l\'intérieur"', "fr")) == [phrase.pk]

    def test_minus_leaves_out_the_articles_with_that_word(self, client):
        marrakech = ArticleFactory(title_ar="مهرجان الفيلم في مراكش")
        tangier = ArticleFactory(title_ar="مهرجان المسرح في طنجة")
        assert set(found(search(client, "مهرجان"))) == {marrakech.pk, tangier.pk}
        assert found(search(client, "مهرجان -مراكش")) == [tangier.pk]
        assert found(search(client, 'مهرجان -"الفيلم في مراكش"')) == [tangier.pk]

    def test_only_excluded_words_is_no_search(self, client):
        ArticleFactory(title_ar="مهرجان الفيلم في مراكش")
        response = search(client, "-مراكش")
        assert found(response) == []
        assert not response.context["query"]


class TestIndexFollowsEdits:
    """The FTS5 table (SQLite) and the vector (PostgreSQL) follow every change of the text,
    as an editor makes them: edit a live article twice, then delete it."""

    def test_edit_twice_then_delete(self, client):
        article = ArticleFactory(title_ar="افتتاح ميناء الداخلة")
        assert found(search(client, "ميناء")) == [article.pk]
        for title, gone, present in (
            ("افتتاح مطار الداخلة", "ميناء", "مطار"),
            ("افتتاح محطة الداخلة", "مطار", "محطة"),
        ):
            article.title_ar = title
            article.save()
            services.article_saved(article, fields=["title_ar"])
            assert found(search(client, gone)) == []
            assert found(search(client, present)) == [article.pk]
        services.articles_deleted([article])
        article.delete()
        assert found(search(client, "محطة")) == []
        assert not ArticleSearchText.objects.filter(article_id=article.pk).exists()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM articles_search_fts WHERE articles_search_fts MATCH 'محطه'"
                )
                assert cursor.fetchone()[0] == 0


class TestCorrections:
    def test_exact_link_searches_the_words_as_typed(self, client, monkeypatch):
        from articles import search as search_module
        from articles.spelling import Correction

        article = ArticleFactory(title_ar="أمطار غزيرة في مراكش")
        calls = []

        def closest(language, term, *, word=None, limit=3, using="default"):
            calls.append(term)
            return [Correction("مراكش", "مراكش", 1, 1)]

        monkeypatch.setattr(search_module.spelling, "closest", closest)
        response = search(client, "مراكس")
        assert found(response) == [article.pk]
        outcome = response.context["outcome"]
        assert (outcome.mode, outcome.corrected) == ("corrected", "مراكش")
        assert calls == ["مراكس"]
        exact = response.context["exact_url"]
        assert "exact=1" in exact
        response = client.get(exact)
        assert found(response) == []
        assert response.context["outcome"].mode == "none"
        assert calls == ["مراكس"]  # no correction asked for

    def test_a_known_word_is_never_corrected(self, client, monkeypatch):
        from articles import search as search_module

        ArticleFactory(title_ar="أمطار غزيرة في مراكش")
        monkeypatch.setattr(search_module.spelling, "closest", lambda *a, **k: pytest.fail("asked"))
        # Both words are known (one in an article of another section): no correction.
        other = ArticleFactory(title_ar="جفاف في طنجة")
        response = search(client, "مراكش طنجة")
        assert response.context["outcome"].mode == "some"
        assert other.pk in found(response)


class TestRulesUpgrade:
    def test_migrate_rewrites_documents_made_with_older_rules(self, client):
        from django.core.management import call_command

        from articles import search as search_module

        article = ArticleFactory(title_ar="المدارس العمومية")
        # As if indexed by older rules: no stems (the plural as written), version 0.
        ArticleSearchText.objects.filter(article=article).update(
            title="المدارس العمومية", lead="", body="", rules=0, vector=None
        )
        refresh = ArticleSearchText.objects.get(article=article)
        assert found(search(client, "مدرسة")) == []
        call_command("migrate", verbosity=0)
        refresh.refresh_from_db()
        assert refresh.rules == search_module.RULES
        assert found(search(client, "مدرسة")) == [article.pk]
        # Current documents are left alone on the next run.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                search_module, "refresh_search_text", lambda *a, **k: pytest.fail("reindexed")
            )
            call_command("migrate", verbosity=0)


class TestBothWaysOfLooking:
    """A query matching few documents is looked up through the index, one matching many by
    walking the newest articles (articles/search.py, `_newest_rows`): the same articles
    either way, for words, phrases, exclusions and suggestions."""

    QUERIES = [
        "مهرجان",
        "مهرجان مراكش",
        '"مهرجان الفيلم"',
        "مهرجان -مراكش",
        '"الفيلم مهرجان"',
        "festival",
    ]

    def test_the_index_and_the_walk_find_the_same(self, monkeypatch):
        from articles import search as search_module

        now = timezone.now()
        for n in range(6):
            ArticleFactory(
                title_ar=f"مهرجان الفيلم في مراكش {n}" if n % 2 else f"مهرجان المسرح {n}",
                title_fr=f"Festival {n}" if n % 3 == 0 else None,
                lead_ar="الدورة الجديدة من المهرجانات",
                publish_at=now - timedelta(hours=n + 1),
            )
        public = {lang: Article.objects.public(lang) for lang in ("ar", "fr")}

        def results():
            out = {}
            for q in self.QUERIES:
                lang = "fr" if q.isascii() else "ar"
                out[q] = search_module.find(public[lang], q, lang).ids
            out["suggest"] = [
                a.pk for a in search_module.suggest_articles(public["ar"], "مهرجان الفي", "ar")
            ]
            return out

        through_the_index = results()
        assert through_the_index.pop('"الفيلم مهرجان"') == []  # the phrase reversed
        assert all(through_the_index.values()), through_the_index
        monkeypatch.setattr(search_module.Fts5, "probe", 0)
        monkeypatch.setattr(search_module.TsQuery, "probe", -1)
        walked = results()
        assert walked.pop('"الفيلم مهرجان"') == []
        assert walked == through_the_index


class TestTypos:
    """Through the page, with the vocabulary the index writes (articles/spelling.py)."""

    def test_one_wrong_letter_finds_the_word_and_says_so(self, client):
        rain = ArticleFactory(title_ar="أمطار غزيرة في مراكش")
        tourists = ArticleFactory(title_ar="مراكش تستقبل السياح")
        response = search(client, "مراكس")
        assert set(found(response)) == {rain.pk, tourists.pk}
        said = re.search(r'<p class="search-mode"[^>]*>(.*?)</p>', response.content.decode(), re.S)
        assert '<bdi dir="auto">مراكش</bdi>' in said[1]
        assert "exact=1" in response.context["exact_url"]

    def test_each_article_counts_once_in_the_vocabulary(self, client):
        from articles.models import SearchWord

        ArticleFactory(title_ar="مراكش", lead_ar="مراكش مراكش", body_ar="<p>مراكش</p>")
        ArticleFactory(title_ar="عن مراكش")
        assert SearchWord.objects.get(language="ar", term="مراكش").documents == 2

    def test_french_typo_near_the_end_of_a_word(self, client):
        article = ArticleFactory(title_ar="خبر", title_fr="Le parlement vote le budget")
        response = search(client, "parlemant", "fr")
        assert found(response) == [article.pk]
        assert response.context["outcome"].corrected == "parlement"

    def test_the_correction_is_shown_as_the_articles_print_it(self, client):
        article = ArticleFactory(title_ar="خبر", title_fr="Les élections à Marrakech")
        response = search(client, "Marakech", "fr")
        assert found(response) == [article.pk]
        assert response.context["outcome"].corrected == "Marrakech"
        count = re.search(r'<p class="search-count"[^>]*>(.*?)</p>', response.content.decode())
        assert "Marrakech" in count[1]
        assert "Marakech" not in count[1]
