"""Spelling corrections for search: the indexed terms closest to a query term that found nothing.

One method, the same on SQLite and PostgreSQL, so both give the same corrections for the same
data (docs/search.md, "Spelling corrections"):

- The vocabulary (`SearchWord`) holds every index term of an edition, how it is written
  (`surface`, shown in "results for …") and in how many documents it was found.
- Deletion index (SymSpell): each term is stored under keys (`SearchWordKey`) made of itself
  and every form with one letter deleted (two letters for terms of `LONG_LENGTH` letters or
  more). A query term's own deletions, looked up in one indexed query, find every term within
  one edit (two for long terms): a substitution, an insertion, a deletion or a swap of two
  neighbouring letters (مراكس → مراكش, gouvernemant → gouvernement). Keys are 64-bit hashes
  of (language, string): smaller than the strings, and a collision only adds a candidate that
  the true distance rejects.
- Written forms (`SearchForm`): every normalized word the articles wrote, with its term. A
  typo near the end of a French word changes what the stemmer strips (parlemant → parlem,
  two letters from parl), so when the caller passes the reader's own word, its one-edit
  variants (Norvig: a few hundred strings) are looked up among the forms too.
- Candidates are ranked in Python: edit distance (Damerau–Levenshtein, optimal string
  alignment), then the number of documents, then alphabetically (code points).

Terms shorter than `MIN_LENGTH` letters (too many neighbours: one letter changes a 3-letter
Arabic word into another real word) and terms made of digits are never corrected.
"""

from __future__ import annotations

import hashlib
import importlib
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from django.db import connections, transaction
from django.db.models import Subquery

from . import normalize
from .models import ArticleSearchText, SearchForm, SearchWord, SearchWordKey

MIN_LENGTH = 4  # a query term shorter than this is never corrected
LONG_LENGTH = 10  # from this length, two edits are tolerated (and two-letter deletions stored)
MAX_LENGTH = 40  # longer terms (URLs, run-together junk) are neither stored nor corrected
MAX_SURFACE_LENGTH = 80  # SearchWord.surface; a longer surface is replaced by the term
# Keys shorter than this are never looked up: a query term of MIN_LENGTH letters reaches
# them with one deletion at most.
KEY_MIN_LENGTH = MIN_LENGTH - 1
# Rows per INSERT on PostgreSQL (columns are sent as arrays); SQLite: as many as its limit on
# parameters allows.
ROWS_PER_STATEMENT = 50_000


# The letters a normalized word is made of (articles/normalize.py folds أ إ آ ة ى away).
ARABIC_ALPHABET = "ءؤئابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Correction:
    """An indexed term close to the reader's: search `term`, show `surface`."""

    term: str
    surface: str
    distance: int
    documents: int


# --- distances and keys ------------------------------------------------------------------


def distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment): substitutions, insertions,
    deletions and swaps of two neighbouring letters each cost 1."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def max_distance(term: str) -> int:
    """How many edits a term of this length tolerates: 0 (never corrected), 1, or 2."""
    if not MIN_LENGTH <= len(term) <= MAX_LENGTH or term.isdigit():
        return 0
    return 2 if len(term) >= LONG_LENGTH else 1


def deletions(term: str, depth: int) -> set[str]:
    """`term` and every string made by deleting up to `depth` of its letters (none shorter
    than KEY_MIN_LENGTH)."""
    found = level = {term}
    for _ in range(depth):
        level = {
            w[:i] + w[i + 1 :] for w in level if len(w) > KEY_MIN_LENGTH for i in range(len(w))
        }
        found = found | level
    return found


def key(language: str, string: str) -> int:
    """The indexed key of a deletion: a signed 64-bit hash (a BigIntegerField)."""
    digest = hashlib.blake2b(f"{language}\x00{string}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def term_keys(language: str, term: str) -> set[int]:
    """The keys a vocabulary term is stored under."""
    return {key(language, s) for s in deletions(term, 2 if len(term) >= LONG_LENGTH else 1)}


def variants(word: str) -> set[str]:
    """Every string one edit from `word` (a letter deleted, replaced, inserted, or two
    neighbours swapped), with the letters of its script."""
    alphabet = ARABIC_ALPHABET if any(c in ARABIC_ALPHABET for c in word) else LATIN_ALPHABET
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in alphabet}
    found |= {a + c + b for a, b in splits for c in alphabet}
    found.discard(word)
    return found


def rememberable(term: str) -> bool:
    """Whether a term can be a correction: long enough to be reached from a correctable term
    (KEY_MIN_LENGTH), not absurdly long, not a number."""
    return KEY_MIN_LENGTH <= len(term) <= MAX_LENGTH and not term.isdigit() and " " not in term


# --- reading -------------------------------------------------------------------------------


def closest(
    language: str,
    term: str,
    *,
    word: str | None = None,
    limit: int = 3,
    using: str = "default",
) -> list[Correction]:
    """The indexed terms of `language` closest to `term`, best first, at most `limit`.

    `word`, when given, is the reader's word normalized (before stemming): the written forms
    one edit from it are candidates too, with that form as the surface (parlemant finds
    parlement, whose term parl is two edits from parlem).

    Empty when `term` (or `word`) is itself indexed, when neither can be corrected (shorter
    than MIN_LENGTH, digits, longer than MAX_LENGTH) or when nothing is within the tolerated
    distance (1 edit; 2 from LONG_LENGTH letters, for terms). One query, two with `word`.
    """
    tolerated = max_distance(term)
    by_word = bool(word) and max_distance(word) > 0
    if limit <= 0 or not (tolerated or by_word):
        return []
    best: dict[str, tuple[tuple, Correction]] = {}

    def offer(correction: Correction, written: int) -> None:
        rank = (correction.distance, -correction.documents, written, correction.term)
        if correction.term not in best or rank < best[correction.term][0]:
            best[correction.term] = (rank, correction)

    if tolerated:
        keys = sorted({key(language, s) for s in deletions(term, tolerated)})
        # No filter on the language in SQL (the keys already hash it): with one, SQLite and
        # PostgreSQL may scan the language's words instead of following the few keys found.
        candidates = (
            SearchWord.objects.using(using)
            .filter(
                pk__in=SearchWordKey.objects.using(using).filter(key__in=keys).values("word_id")
            )
            .values_list("language", "term", "surface", "documents")
        )
        for candidate_language, candidate, surface, documents in candidates:
            if candidate_language != language:
                continue  # a hash collision with another edition's key
            if candidate == term:
                return []
            edits = distance(term, candidate)
            if edits <= tolerated:
                offer(Correction(candidate, surface, edits, documents), 1)
    if by_word:
        forms = (
            SearchForm.objects.using(using)
            .filter(language=language, form__in=sorted(variants(word) | {word}))
            .values_list("form", "word__term", "word__documents")
        )
        for form, candidate, documents in forms:
            if form == word or candidate == term:
                return []
            offer(Correction(candidate, form, distance(word, form), documents), 0)
    found = sorted(best.values(), key=lambda item: item[0])
    return [correction for _rank, correction in found[:limit]]


# --- writing -------------------------------------------------------------------------------


def remember(language: str, pairs: Iterable[tuple[str, str]], *, using: str = "default") -> None:
    """Add the (term, surface) pairs of documents just indexed to the vocabulary of `language`.

    Send each term once per document (document = an article in one edition): every pair adds
    one to its term's `documents`. The counts are approximate: they are never decremented
    when an article changes or goes (rebuild() recounts). A new term keeps the surface most
    often paired with it in this call (then the smallest); a known term keeps its surface.

    A few statements per call whatever its size (terms upserted in chunks of thousands, then
    the keys of the new ones, then the written forms), in a transaction of its own (a savepoint inside the caller's).
    Safe with concurrent callers: rows are written in sorted order with ON CONFLICT, so two
    indexers never raise IntegrityError nor deadlock each other. On PostgreSQL each known
    term's row stays locked until the caller's transaction ends; two transactions that both
    call remember() several times may deadlock on common words (PostgreSQL then aborts one),
    so call it once per transaction, or from transaction.on_commit after the documents.
    """
    documents: Counter[str] = Counter()
    surfaces: Counter[tuple[str, str]] = Counter()
    for term, surface in pairs:
        if rememberable(term):
            documents[term] += 1
            surfaces[term, surface] += 1
    _store(language, documents, surfaces, using=using)


def _forms(surfaces: Counter[tuple[str, str]]) -> dict[str, str]:
    """Each written form worth looking up, and its term."""
    return {
        surface: term
        for term, surface in surfaces
        if KEY_MIN_LENGTH <= len(surface) <= MAX_SURFACE_LENGTH and not surface.isdigit()
    }


def _store(
    language: str,
    documents: Counter[str],
    surfaces: Counter[tuple[str, str]],
    *,
    using: str,
) -> None:
    if not documents:
        return
    best: dict[str, tuple[int, str]] = {}
    for (term, surface), count in surfaces.items():
        if not surface or len(surface) > MAX_SURFACE_LENGTH:
            surface = term
        ranked = (-count, surface)
        if term not in best or ranked < best[term]:
            best[term] = ranked
    connection = connections[using]
    quote = connection.ops.quote_name
    words, keys = quote(SearchWord._meta.db_table), quote(SearchWordKey._meta.db_table)
    upsert = (
        f"INSERT INTO {words} ({quote('language')}, {quote('term')}, {quote('surface')}, "
        f"{quote('documents')}) {{rows}} ON CONFLICT ({quote('language')}, {quote('term')}) "
        f"DO UPDATE SET {quote('documents')} = {words}.{quote('documents')} + "
        f"EXCLUDED.{quote('documents')} RETURNING {quote('id')}, {quote('term')}, "
        f"{quote('documents')}"
    )
    insert_keys = (
        f"INSERT INTO {keys} ({quote('key')}, {quote('word_id')}) {{rows}} ON CONFLICT DO NOTHING"
    )
    insert_forms = (
        f"INSERT INTO {quote(SearchForm._meta.db_table)} ({quote('language')}, {quote('form')}, "
        f"{quote('word_id')}) {{rows}} ON CONFLICT ({quote('language')}, {quote('form')}) "
        "DO NOTHING"
    )
    word_types, key_types = ("varchar", "varchar", "varchar", "integer"), ("bigint", "bigint")
    form_types = ("varchar", "varchar", "bigint")
    with transaction.atomic(using=using), connection.cursor() as cursor:
        new: list[tuple[int, str]] = []
        ids: dict[str, int] = {}
        # Sorted: concurrent callers lock common rows in the same order.
        terms = sorted(documents)
        for chunk in _chunks(connection, terms, len(word_types)):
            rows = [(language, term, best[term][1], documents[term]) for term in chunk]
            sql, params = _rows(connection, rows, word_types)
            cursor.execute(upsert.format(rows=sql), params)
            # A row inserted now holds exactly this call's count; a known one holds more
            # (every stored term was found in at least one document).
            for pk, term, count in cursor.fetchall():
                ids[term] = pk
                if count == documents[term]:
                    new.append((pk, term))
        # In key order: each statement fills the index from left to right.
        pairs = [(k, pk) for pk, term in new for k in term_keys(language, term)]
        pairs.sort(key=itemgetter(0))
        for chunk in _chunks(connection, pairs, len(key_types)):
            sql, params = _rows(connection, chunk, key_types)
            cursor.execute(insert_keys.format(rows=sql), params)
        # Every form of the call (most are known: ON CONFLICT skips them), in form order.
        forms = sorted((language, form, ids[term]) for form, term in _forms(surfaces).items())
        for chunk in _chunks(connection, forms, len(form_types)):
            sql, params = _rows(connection, chunk, form_types)
            cursor.execute(insert_forms.format(rows=sql), params)


def _rows(connection, rows: list[tuple], types: tuple[str, ...]) -> tuple[str, list]:
    """The source of a many-row INSERT: one array per column on PostgreSQL (a statement of
    a few parameters whatever the rows: psycopg need not parse thousands of placeholders),
    VALUES elsewhere. Both write the same rows."""
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{kind}[]" for kind in types)
        return f"SELECT * FROM unnest({arrays})", [
            list(column) for column in zip(*rows, strict=True)
        ]
    placeholders = "(" + ", ".join(["%s"] * len(types)) + ")"
    return "VALUES " + ", ".join([placeholders] * len(rows)), [v for row in rows for v in row]


def _chunks(connection, items: list, columns: int) -> Iterator[list]:
    """Rows per statement: ROWS_PER_STATEMENT on PostgreSQL, what SQLite's limit on
    parameters allows (32,766 here) elsewhere."""
    size = ROWS_PER_STATEMENT
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        size = max(1, limit // columns)
    elif connection.vendor != "postgresql":
        size = max(1, (connection.features.max_query_params or 999) // columns)
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- rebuilding ----------------------------------------------------------------------------


def document_terms_source() -> Callable[[ArticleSearchText], Iterable[tuple[str, str]]]:
    """How rebuild() reads a stored search document: the seam with articles/search.py.

    `articles.search.document_terms(doc) -> Iterable[(term, surface)]` when the engine
    defines it (it knows what its columns hold); otherwise every word of the document's
    title, lead and body (normalized text) analyzed alone by `articles.normalize.analyze`
    (or, before analyze exists, the word itself).
    """
    search = importlib.import_module("articles.search")
    return getattr(search, "document_terms", None) or _words_of_document


def _words_of_document(doc: ArticleSearchText) -> Iterator[tuple[str, str]]:
    for column in ("title", "lead", "body"):
        for word in normalize.words(getattr(doc, column, "") or ""):
            for term in _analyze_word(word, doc.language):
                yield term, word


@lru_cache(maxsize=100_000)
def _analyze_word(word: str, language: str) -> tuple[str, ...]:
    analyze = getattr(normalize, "analyze", None)
    return tuple(analyze(word, language)) if analyze else (word,)


def rebuild(
    language: str | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    using: str = "default",
) -> dict[str, int]:
    """Recount the vocabulary of `language` (every language when None) from the stored
    search documents; returns the number of terms per language.

    The terms are counted in memory (each term once per document), then the language's
    vocabulary is replaced in one transaction, written like one remember() call. `progress`
    is called with the number of documents read, every 1,000 and at the end.
    """
    documents_of = ArticleSearchText.objects.using(using)
    vocabulary = SearchWord.objects.using(using)
    if language:
        languages = [language]
    else:
        languages = sorted(
            set(documents_of.values_list("language", flat=True).distinct())
            | set(vocabulary.values_list("language", flat=True).distinct())
        )
    terms_of = document_terms_source()
    read, counted = 0, {}
    for code in languages:
        documents: Counter[str] = Counter()
        surfaces: Counter[tuple[str, str]] = Counter()
        for doc in documents_of.filter(language=code).order_by("pk").iterator(chunk_size=500):
            seen = set()
            for term, surface in terms_of(doc):
                if rememberable(term):
                    seen.add(term)
                    surfaces[term, surface] += 1
            documents.update(seen)
            read += 1
            if progress and read % 1000 == 0:
                progress(read)
        with transaction.atomic(using=using):
            of_language = vocabulary.filter(language=code)
            SearchWordKey.objects.using(using).filter(
                word_id__in=Subquery(of_language.values("pk"))
            ).delete()
            SearchForm.objects.using(using).filter(language=code).delete()
            of_language.delete()
            _store(code, documents, surfaces, using=using)
        counted[code] = len(documents)
    if progress:
        progress(read)
    return counted
