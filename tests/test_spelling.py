"""Spelling corrections (articles/spelling.py): the indexed terms closest to a query term.

Every test runs on whichever database the suite uses; CI runs both, and the expected
corrections of the fixed world below are written here once, so the two backends give the
same corrections or one of the runs fails. The concurrency test needs PostgreSQL.
"""

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import search, spelling
from articles.models import SearchForm, SearchWord, SearchWordKey
from articles.spelling import Correction, closest, distance, remember
from tests.concurrency import require_postgresql, run_together
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# (term, surface, documents): terms as the index stores them (normalized, no article).
WORLD = {
    "ar": [
        ("مراكش", "مراكش", 5),
        ("مراكز", "المراكز", 2),
        ("طنجه", "طنجه", 3),
        ("فلسطين", "فلسطين", 7),
        ("تونس", "تونس", 4),
        ("حكومه", "الحكومه", 8),
        ("برلمان", "البرلمان", 6),
        ("استراتيجيه", "الاستراتيجيه", 2),
        ("فاس", "فاس", 9),
        ("2030", "2030", 12),
    ],
    "fr": [
        ("gouvernement", "gouvernement", 9),
        ("parlement", "parlement", 6),
        ("marrakech", "marrakech", 5),
        ("casablanca", "casablanca", 7),
        ("election", "elections", 4),
        ("ministre", "ministres", 5),
        ("maroc", "maroc", 10),
        ("mer", "mer", 3),
    ],
}

# (language, what the reader's word became, the expected corrections as (term, distance)).
CASES = [
    # Arabic: one wrong letter (ش/س), the most common neighbour first.
    ("ar", "مراكس", [("مراكش", 1), ("مراكز", 1)]),
    ("ar", "مراكيش", [("مراكش", 1)]),  # a letter too many
    ("ar", "مركش", [("مراكش", 1)]),  # a letter missing
    ("ar", "مراشك", [("مراكش", 1)]),  # two letters swapped
    ("ar", "طنحه", [("طنجه", 1)]),  # ج/ح, the dots
    ("ar", "فلسطبن", [("فلسطين", 1)]),
    ("ar", "حكومات", []),  # two edits on a 6-letter word: too far
    ("ar", "استراتيقيا", [("استراتيجيه", 2)]),  # 10 letters: two edits tolerated
    ("ar", "فاص", []),  # 3 letters: never corrected
    ("ar", "2031", []),  # digits: never corrected
    ("ar", "تونس", []),  # known
    # French.
    ("fr", "parlemant", [("parlement", 1)]),
    ("fr", "marrakkech", [("marrakech", 1)]),
    ("fr", "casablnca", [("casablanca", 1)]),
    ("fr", "minsitre", [("ministre", 1)]),
    ("fr", "electoin", [("election", 1)]),
    ("fr", "guvernemant", [("gouvernement", 2)]),  # 11 letters: two edits
    ("fr", "elektiom", []),  # 8 letters: one edit only, this is two
    ("fr", "mar", []),  # short
    ("fr", "maroc", []),  # known
    ("fr", "مراكس", []),  # the Arabic vocabulary is not the French one
]


def remember_world(world=WORLD):
    for language, words in world.items():
        remember(language, [(t, s) for t, s, documents in words for _ in range(documents)])


@pytest.mark.parametrize(("language", "query", "expected"), CASES)
def test_the_fixed_world_gives_the_written_corrections(language, query, expected):
    remember_world()
    found = closest(language, query, limit=10)
    assert [(c.term, c.distance) for c in found] == expected


# The reader's word, and its term as the stemmer makes it: a typo near the end of a French
# word changes what the stemmer strips, so the written forms are compared with the word.
FORMS = {
    "fr": [("parl", "parlement", 6), ("parl", "parler", 2), ("elect", "elections", 4)],
    "ar": [("مراكش", "بمراكش", 2), ("مراكش", "مراكش", 5), ("مدرس", "المدارس", 3)],
}
WORD_CASES = [
    ("fr", "parlemant", "parlem", [("parl", "parlement", 1)]),  # parlem: 2 edits from parl
    ("fr", "electoins", "electoin", [("elect", "elections", 1)]),
    ("fr", "parler", "parl", []),  # known
    ("ar", "بمراكس", "بمراكس", [("مراكش", "بمراكش", 1)]),  # بمراكس: 2 edits from مراكش
    ("ar", "المدارص", "مدارص", [("مدرس", "المدارس", 1)]),
    ("ar", "فاص", "فاص", []),  # short
]


@pytest.mark.parametrize(("language", "word", "term", "expected"), WORD_CASES)
def test_the_readers_word_is_compared_with_the_written_forms(language, word, term, expected):
    remember_world(FORMS)
    found = closest(language, term, word=word, limit=10)
    assert [(c.term, c.surface, c.distance) for c in found] == expected


def test_without_the_readers_word_a_suffix_typo_is_not_corrected():
    remember_world(FORMS)
    assert closest("fr", "parlem") == []
    assert [c.term for c in closest("fr", "parlem", word="parlemant")] == ["parl"]


def test_a_correction_carries_the_surface_and_the_count():
    remember_world()
    assert closest("ar", "مراكس") == [
        Correction(term="مراكش", surface="مراكش", distance=1, documents=5),
        Correction(term="مراكز", surface="المراكز", distance=1, documents=2),
    ]
    assert closest("fr", "electoin")[0].surface == "elections"


def test_short_terms_and_numbers_are_never_corrected_nor_offered():
    remember_world()
    # فاس is stored (a 4-letter typo may lead to it) but a 3-letter query is never corrected.
    assert closest("ar", "فاص") == []
    assert [c.term for c in closest("ar", "فاسي")] == ["فاس"]
    # Numbers are neither stored nor corrected.
    assert not SearchWord.objects.filter(term="2030").exists()
    assert closest("ar", "2031") == []
    assert closest("ar", "20300") == []


def test_ranking_is_distance_then_documents_then_alphabetical():
    remember(
        "fr",
        [("information", "information")] * 50
        + [("deformation", "deformation")] * 3
        + [("reformatio", "reformatio")] * 3
        + [("reformations", "reformations")],
    )
    found = closest("fr", "reformation", limit=10)
    assert [(c.term, c.distance, c.documents) for c in found] == [
        ("deformation", 1, 3),  # tie on documents: alphabetical
        ("reformatio", 1, 3),
        ("reformations", 1, 1),
        ("information", 2, 50),  # fifty times more frequent, but two edits away
    ]
    assert [c.term for c in closest("fr", "reformation")] == [
        "deformation",
        "reformatio",
        "reformations",
    ]
    assert closest("fr", "reformation", limit=1)[0].term == "deformation"


def test_distance_is_damerau_levenshtein():
    assert distance("مراكش", "مراكش") == 0
    assert distance("مراكس", "مراكش") == 1
    assert distance("مراشك", "مراكش") == 1  # a swap is one edit
    assert distance("مركش", "مراكش") == 1
    assert distance("parlement", "parlemant") == 1
    assert distance("guvernemant", "gouvernement") == 2
    assert distance("", "abc") == 3
    assert distance("ca", "abc") == 3  # optimal string alignment


def test_remembering_twice_adds_no_word_nor_key_but_counts():
    pairs = [("مراكش", "مراكش"), ("مراكش", "مراكش"), ("مراكش", "بمراكش"), ("رباط", "الرباط")]
    remember("ar", pairs)
    words, keys = SearchWord.objects.count(), SearchWordKey.objects.count()
    assert words == 2
    assert keys == len(spelling.term_keys("ar", "مراكش")) + len(spelling.term_keys("ar", "رباط"))
    remember("ar", [("مراكش", "في مراكش"), *pairs])
    assert (SearchWord.objects.count(), SearchWordKey.objects.count()) == (words, keys)
    assert set(SearchForm.objects.values_list("form", "word__term")) == {
        ("مراكش", "مراكش"),
        ("بمراكش", "مراكش"),
        ("في مراكش", "مراكش"),
        ("الرباط", "رباط"),
    }
    stored = {w.term: (w.surface, w.documents) for w in SearchWord.objects.all()}
    # The surface most often written on first sight, kept afterwards.
    assert stored == {"مراكش": ("مراكش", 7), "رباط": ("الرباط", 2)}


def test_the_same_term_in_two_editions_is_two_words():
    remember("ar", [("casablanca", "casablanca")])
    remember("fr", [("casablanca", "casablanca")] * 3)
    assert SearchWord.objects.filter(term="casablanca").count() == 2
    assert closest("ar", "casablanka")[0].documents == 1
    assert closest("fr", "casablanka")[0].documents == 3


def test_remember_writes_a_batch_in_a_few_statements():
    rng = random.Random(13)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    terms = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(5000)}
    pairs = [(t, t) for t in terms for _ in range(rng.randint(1, 3))]
    with CaptureQueriesContext(connection) as captured:
        remember("ar", pairs)
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert SearchWord.objects.count() == len(terms)
    # One upsert of the terms, here at most three inserts of their ~35,000 keys, one of forms.
    assert len(writes) <= 5, len(writes)
    assert len(captured) <= len(writes) + 2  # a savepoint and its release
    with CaptureQueriesContext(connection) as again:
        remember("ar", pairs)
    assert len([q for q in again.captured_queries if q["sql"].startswith("INSERT")]) == 2


def test_closest_is_one_query(django_assert_num_queries):
    remember_world()
    with django_assert_num_queries(1):
        assert closest("ar", "مراكس")
    with django_assert_num_queries(1):
        assert closest("fr", "guvernemant")
    with django_assert_num_queries(1):
        assert closest("fr", "maroc") == []
    with django_assert_num_queries(0):
        assert closest("ar", "فاص") == []
    with django_assert_num_queries(2):
        assert closest("fr", "parlemant", word="parlemant") == [
            Correction("parlement", "parlement", 1, 6)
        ]


@pytest.mark.django_db(transaction=True)
def test_indexers_remembering_the_same_new_words_at_once_on_postgresql():
    require_postgresql()
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    terms = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(4, 12))) for _ in range(2000)}
    )
    shuffled = [rng.sample(terms, len(terms)) for _ in range(4)]

    def indexer(order):
        def run():
            # Each call its own transaction, as an indexer's batches are.
            for start in range(0, len(order), 500):
                remember("fr", [(t, t) for t in order[start : start + 500]])

        return run

    errors = run_together(*(indexer(order) for order in shuffled))
    assert errors == []
    counts = dict(SearchWord.objects.filter(language="fr").values_list("term", "documents"))
    assert counts == dict.fromkeys(terms, 4)
    assert SearchWordKey.objects.count() == sum(len(spelling.term_keys("fr", t)) for t in terms)
    assert SearchForm.objects.count() == len(terms)


@pytest.fixture
def articles_about_marrakech(db):
    ArticleFactory(
        title_ar="مراكش تستضيف المؤتمر",
        lead_ar="",
        body_ar="",
        title_fr="Marrakech accueille le congrès",
        lead_fr="",
        body_fr="<p>Casablanca et Marrakech.</p>",
    )
    ArticleFactory(title_ar="امطار في مراكش", lead_ar="", body_ar="")
    ArticleFactory(title_ar="حصيلة الموسم الفلاحي", lead_ar="", body_ar="")


def title_words(doc):
    """A stand-in for the engine's terms of a document: the words of the article's title."""
    title = getattr(doc.article, f"title_{doc.language}")
    return [(w.lower(), w.lower()) for w in title.split()]


def test_rebuild_command_recounts_from_the_search_documents(articles_about_marrakech, monkeypatch):
    # The seam: the engine says what a stored document's terms are (here, its title's words).
    monkeypatch.setattr(search, "document_terms", title_words, raising=False)
    remember("ar", [("كلمةقديمة", "كلمةقديمة")] * 40)  # gone from every document
    out = StringIO()
    call_command("rebuild_search_words", stdout=out)
    assert "4 documents read" in out.getvalue()  # 3 Arabic, 1 French
    assert "ar: 7 words" in out.getvalue()  # مراكش twice, في too short
    ar = dict(SearchWord.objects.filter(language="ar").values_list("term", "documents"))
    assert ar["مراكش"] == 2  # once per document
    assert "كلمةقديمة" not in ar
    assert SearchWordKey.objects.filter(word__term="كلمةقديمة").count() == 0
    assert not SearchForm.objects.filter(form="كلمةقديمة").exists()
    assert [c.term for c in closest("ar", "مراكس")] == ["مراكش"]
    assert "fr: 3 words" in out.getvalue()
    assert closest("fr", "marrakesh")[0].term == "marrakech"


def test_rebuild_of_one_edition_leaves_the_other(articles_about_marrakech, monkeypatch):
    monkeypatch.setattr(search, "document_terms", title_words, raising=False)
    remember("fr", [("ancienmot", "ancienmot")])
    french = set(SearchWord.objects.filter(language="fr").values_list("term", "documents"))
    assert ("ancienmot", 1) in french
    call_command("rebuild_search_words", "--language", "ar", stdout=StringIO())
    assert set(SearchWord.objects.filter(language="fr").values_list("term", "documents")) == french
    assert SearchWord.objects.filter(language="ar", term="مراكش").exists()


def test_rebuild_reads_what_the_engine_indexes(articles_about_marrakech):
    """Without a stand-in: the engine's terms (or the language rules'), each offered with the
    word as the article wrote it (normalized)."""
    spelling.rebuild("fr")
    (term,) = spelling._analyze_word("casablanka", "fr") or ("casablanka",)
    found = closest("fr", term)
    assert found, term
    assert found[0].surface == "casablanca"
