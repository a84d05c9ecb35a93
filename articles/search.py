"""Article search: the index, reading the reader's query, matching on PostgreSQL or SQLite,
ranking, and highlighted snippets. docs/search.md says what each rule is for.

One set of language rules (articles/normalize.py: `analyze`, `query_forms`) turns both the
article's text and the reader's words into TERMS; the databases only compare terms, exactly:

* the index (`ArticleSearchText`) holds, per article and edition, the terms of its title,
  lead and body, in order, one space apart. SQLite reads them with an FTS5 table
  (`articles_search_fts`, kept in step by triggers, migration 0009); PostgreSQL with a
  `tsvector` written from the same terms and positions (no stemmer of its own runs);
* a query is terms (each with the forms it may take in the index), quoted phrases and
  excluded words, written as an FTS5 expression or a `tsquery`: the same match on both;
* ranking runs in Python over the newest matches only (`WINDOW`), the same on both
  databases: title above lead above body, the reader's exact word above a stemmed one, then
  newest first. A common word costs what a rare one does.

When every word together finds nothing: a word the index does not know is replaced by its
closest known spelling (articles/spelling.py: "results for …"); failing that, the articles
with most of the words are shown (and the page says so).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, product

from django.db import connection, connections, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.cache import remember
from core.editions import LANGUAGE_CODES
from core.sanitizer import html_to_text

from . import spelling
from .models import Article, ArticleSearchText, SearchWord
from .normalize import (
    SINGLE_PREFIXES,
    WORD,
    analyze,
    is_arabic_word,
    is_stop_word,
    normalize,
    query_forms,
    same_term,
    stem,
    strip_article,
    words,
)

# The version of the language rules (articles/normalize.py and its lexicon): bump it when a
# change of them changes the terms of existing text; `migrate` then rewrites every document
# made with older rules (articles/apps.py, `reindex_stale`).
RULES = 1
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SNIPPET_WORDS = 32
# Only the newest WINDOW matches of a query are ranked (and counted: the page then says
# "400+"), so a word found in thousands of articles costs what a rare one does.
WINDOW = 400
# A query matching up to PROBE documents is looked up through the index first; beyond, the
# newest articles are walked (see _newest_rows).
PROBE = 10000
BATCH_SIZE = 500
FTS_TABLE = "articles_search_fts"
# Phrases whose words have several index forms each are matched as every combination of
# forms, up to this many (beyond, each word's own stem only).
MAX_PHRASE_VARIANTS = 36
# Where each part of the document starts in PostgreSQL's positions (1..16383): a phrase
# never runs from the end of the title into the lead, as FTS5's columns keep apart.
LEAD_GAP = BODY_GAP = 8
MAX_POSITION = 16383
# Points a query word earns where it is found; the reader's exact spelling earns EXACT
# more in the title, half that in the lead.
IN_TITLE, IN_LEAD, IN_BODY, EXACT = 8, 3, 1, 2
# Control, format (bidi marks, zero-width), surrogate, private-use and unassigned characters:
# never part of a word, and PostgreSQL refuses NUL outright.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‟": '"'})
# A query token: an optional "-" then a quoted phrase (closing quote optional) or a word.
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_SAFE_TERM = re.compile(r"^\w+$")


# --- the index -------------------------------------------------------------------------


def plain_text(markup: str) -> str:
    """The words of sanitized article HTML, on one line."""
    return " ".join(html_to_text(markup).split())


def refresh_search_text(queryset, *, document_model=None, vendor: str | None = None) -> int:
    """(Re)index the articles of `queryset` in every edition they are written in.

    Called through articles/services.py after a change of the text; bulk inserts
    (seed_demo --articles) call it themselves. Returns the number of documents written.
    """
    document_model = document_model or ArticleSearchText
    vendor = vendor or connection.vendor
    written = 0
    articles = queryset.order_by("pk").only(
        "pk",
        *(f"{part}_{code}" for part in ("title", "lead", "body") for code in LANGUAGE_CODES),
    )
    with transaction.atomic(using=queryset.db):
        batch = []
        for article in articles.iterator(chunk_size=BATCH_SIZE):
            batch.append(article)
            if len(batch) == BATCH_SIZE:
                written += _index_batch(batch, document_model, vendor)
                batch = []
        if batch:
            written += _index_batch(batch, document_model, vendor)
    return written


def reindex_stale(using: str = "default") -> int:
    """Rewrite the documents made with older language rules than RULES (after an upgrade):
    the articles they belong to are indexed again. Returns the number of documents written."""
    stale = ArticleSearchText.objects.using(using).exclude(rules=RULES).values("article_id")
    if not stale.exists():
        return 0
    written = refresh_search_text(Article.objects.using(using).filter(pk__in=stale))
    analyze_index(using)
    return written


def analyze_index(using: str = "default") -> None:
    """After rewriting many documents: PostgreSQL's statistics of the index (which terms are
    common) are read again at once, as the search chooses how to look by them."""
    connection_ = connections[using]
    if connection_.vendor == "postgresql":
        with connection_.cursor() as cursor:
            cursor.execute("ANALYZE articles_articlesearchtext")


def document_parts(article, code: str) -> dict[str, list[str]] | None:
    """The terms of the article's title, lead and body in edition `code`, None when the
    article is not written there (no title)."""
    title = getattr(article, f"title_{code}", "") or ""
    if not title:
        return None
    return {
        "title": _safe(analyze(title, code)),
        "lead": _safe(analyze(getattr(article, f"lead_{code}", "") or "", code)),
        "body": _safe(analyze(plain_text(getattr(article, f"body_{code}", "") or ""), code)),
    }


def document_terms(document: ArticleSearchText) -> set[tuple[str, str]]:
    """(term, word) for each word of a search document's article in its edition: what
    articles/spelling.py's `rebuild()` counts (the document itself holds only terms)."""
    article = document.article
    pairs = set()
    for part in ("title", "lead", "body"):
        text = getattr(article, f"{part}_{document.language}", "") or ""
        pairs.update(_words(plain_text(text) if part == "body" else text, document.language))
    return pairs


def _words(text: str, lang: str) -> list[tuple[str, str]]:
    """(term, word) for each word of `text` the index keeps: the vocabulary that spelling
    corrections choose from (articles/spelling.py), with the spelling shown to readers."""
    pairs = []
    for word in words(normalize(text, lang)):
        if (len(word) > 1 or word.isdigit()) and not is_stop_word(word):
            term = _safe([stem(word)])
            if term:
                pairs.append((term[0], strip_article(word)))
    return pairs


def _safe(terms: list[str]) -> list[str]:
    # Terms are words (letters and digits); anything else would be read as syntax by FTS5 or
    # by a tsquery, so it is dropped, the same on both databases.
    return [t.replace("_", "") for t in terms if t and _SAFE_TERM.match(t) and t.strip("_")]


def _index_batch(articles, document_model, vendor: str) -> int:
    documents, stale, vocabulary = [], [], {code: [] for code in LANGUAGE_CODES}
    for article in articles:
        for code in LANGUAGE_CODES:
            parts = document_parts(article, code)
            if parts is None:
                stale.append((article.pk, code))
                continue
            document = document_model(
                article_id=article.pk,
                language=code,
                title=" ".join(parts["title"]),
                lead=" ".join(parts["lead"]),
                body=" ".join(parts["body"]),
                rules=RULES,
            )
            if vendor == "postgresql":
                document.vector = tsvector_literal(parts)
            documents.append(document)
            # Each (term, word) once per document: the vocabulary counts documents.
            written = set()
            for part in ("title", "lead", "body"):
                text = getattr(article, f"{part}_{code}", "") or ""
                written.update(_words(plain_text(text) if part == "body" else text, code))
            vocabulary[code].extend(written)
    db = articles[0]._state.db
    manager = document_model._base_manager.db_manager(db)
    for article_id, code in stale:
        manager.filter(article_id=article_id, language=code).delete()
    update_fields = ["title", "lead", "body", "rules"]
    update_fields += ["vector"] if vendor == "postgresql" else []
    manager.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["article", "language"],
        update_fields=update_fields,
    )
    for code, pairs in vocabulary.items():
        if pairs:
            spelling.remember(code, pairs, using=db)
    return len(documents)


def tsvector_literal(parts: dict[str, list[str]]) -> str:
    """The document as a PostgreSQL `tsvector` literal: each term at its position (title
    weight A, lead B, body D), with gaps between the parts. Written from the terms, so
    PostgreSQL matches exactly what FTS5 matches."""
    positions: dict[str, list[str]] = {}
    at = 0
    for part, weight, gap in (("title", "A", 0), ("lead", "B", LEAD_GAP), ("body", "", BODY_GAP)):
        at += gap
        for term in parts[part]:
            at += 1
            entries = positions.setdefault(term, [])
            if len(entries) < 256:  # PostgreSQL keeps 256 positions per term
                entries.append(f"{min(at, MAX_POSITION)}{weight}")
    return " ".join(f"'{term}':{','.join(p)}" for term, p in positions.items())


# --- the reader's query ------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word of the query: as typed (normalized) and the index terms it may match."""

    word: str
    forms: tuple[str, ...]

    @property
    def spellings(self) -> frozenset[str]:
        """The word as typed, with and without a one-letter proclitic: what counts as the
        reader's exact word in a title (ومهرجانات is exactly المهرجانات's word)."""
        return frozenset(_exact_keys(self.word))


@dataclass(frozen=True)
class Phrase:
    """Words in quotes: found only next to each other, in this order."""

    terms: tuple[Term, ...]


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what the reader typed, cleaned and capped: shown back in the search box
    terms: tuple[Term, ...] = field(default_factory=tuple)  # every word outside quotes
    phrases: tuple[Phrase, ...] = field(default_factory=tuple)
    excluded: tuple[Term | Phrase, ...] = field(default_factory=tuple)
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def wanted(self) -> tuple[Term, ...]:
        """Every word the results must contain, phrases' words included."""
        return self.terms + tuple(t for p in self.phrases for t in p.terms)

    def replaced(self, corrections: dict[str, Term], text: str) -> ParsedQuery:
        terms = tuple(corrections.get(t.word, t) for t in self.terms)
        return ParsedQuery(text, terms, self.phrases, self.excluded, self.truncated)


def clean_query(raw: str) -> tuple[str, bool]:
    """Invisible characters out, spaces collapsed, at most MAX_QUERY_LENGTH characters."""
    visible = "".join(
        " " if unicodedata.category(ch) in _INVISIBLE_CATEGORIES else ch for ch in raw or ""
    )
    text = " ".join(visible.split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def _terms(text: str, lang: str) -> list[Term]:
    """The words of `text` the index keeps, each with its forms (stop words dropped)."""
    found = []
    for word in words(normalize(text, lang)):
        if (len(word) < 2 and not word.isdigit()) or is_stop_word(word):
            continue
        forms = tuple(f for f in dict.fromkeys(_safe(list(query_forms(word)))))
        if forms:
            found.append(Term(strip_article(word), forms))
    return found


def parse_query(raw: str, lang: str) -> ParsedQuery:
    """The reader's words: quoted phrases ("…", «…», “…”), `-word` or `-"…"` to exclude,
    every other word required. Stop words are dropped (they are not indexed)."""
    text, truncated = clean_query(raw)
    terms: list[Term] = []
    phrases: list[Phrase] = []
    excluded: list[Term | Phrase] = []
    seen: set[str] = set()
    count = 0
    for match in _TOKEN.finditer(text.translate(_QUOTES)):
        minus_phrase, quoted, minus_word, bare = match.groups()
        if quoted is not None:
            found = _terms(quoted, lang)
            if not found:
                continue
            item: Term | Phrase = Phrase(tuple(found)) if len(found) > 1 else found[0]
            negative = bool(minus_phrase)
        else:
            found = _terms(bare, lang)
            negative = bool(minus_word) and bool(found)
            if len(found) > 1:  # l'école, COP-22: one token, several words
                item = Phrase(tuple(found))
            elif found:
                item = found[0]
            else:
                continue
        count += len(item.terms) if isinstance(item, Phrase) else 1
        if count > MAX_TERMS:
            truncated = True
            break
        if negative:
            excluded.append(item)
        elif isinstance(item, Phrase):
            phrases.append(item)
        elif item.word not in seen:
            seen.add(item.word)
            terms.append(item)
    return ParsedQuery(text, tuple(terms), tuple(phrases), tuple(excluded), truncated)


# --- the match, written for each database ------------------------------------------------


class Fts5:
    """SQLite's FTS5 query syntax: "term", OR, AND, NOT, "phrase words", "prefix"*."""

    # A query matching up to this many documents is looked up through the index first;
    # beyond, the newest articles are walked (see _newest_rows).
    probe = 10_000

    def term(self, term: Term, column: str = "") -> str:
        inner = " OR ".join(f'"{f}"' for f in term.forms)
        return f"{column}({inner})" if column else f"({inner})"

    def phrase(self, phrase: Phrase) -> str:
        return "(" + " OR ".join(f'"{" ".join(v)}"' for v in _phrase_variants(phrase)) + ")"

    def prefixes(self, prefixes: list[str]) -> str:
        return "title : (" + " OR ".join(f'"{p}"*' for p in prefixes) + ")"

    def title_term(self, term: Term) -> str:
        return self.term(term, "title : ")

    def all_of(self, parts: list[str]) -> str:
        return " AND ".join(parts)

    def any_of(self, parts: list[str]) -> str:
        return "(" + " OR ".join(parts) + ")"

    def without(self, expression: str, excluded: list[str]) -> str:
        return f"({expression}) NOT {self.any_of(excluded)}" if excluded else expression

    def documents(self) -> str:
        return (
            "SELECT d.article_id FROM articles_articlesearchtext d "
            f"JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = d.id "
            f"WHERE {FTS_TABLE} MATCH %s AND d.language = %s"
        )

    def params(self, expression: str, lang: str) -> list[str]:
        return [expression, lang]


class TsQuery:
    """PostgreSQL's tsquery syntax: 'term', |, &, !, <->, 'prefix':*A."""

    probe = 2_000  # documents; estimated (see _newest_rows)

    def term(self, term: Term, weight: str = "") -> str:
        return "(" + " | ".join(f"'{f}'{weight}" for f in term.forms) + ")"

    def phrase(self, phrase: Phrase) -> str:
        variants = (" <-> ".join(f"'{w}'" for w in v) for v in _phrase_variants(phrase))
        return "(" + " | ".join(f"({v})" for v in variants) + ")"

    def prefixes(self, prefixes: list[str]) -> str:
        return "(" + " | ".join(f"'{p}':*A" for p in prefixes) + ")"

    def title_term(self, term: Term) -> str:
        return self.term(term, ":A")

    def all_of(self, parts: list[str]) -> str:
        return " & ".join(parts)

    def any_of(self, parts: list[str]) -> str:
        return "(" + " | ".join(parts) + ")"

    def without(self, expression: str, excluded: list[str]) -> str:
        return f"({expression}) & !{self.any_of(excluded)}" if excluded else expression

    def documents(self) -> str:
        return (
            "SELECT article_id FROM articles_articlesearchtext "
            "WHERE vector @@ %s::tsquery AND language = %s"
        )

    def params(self, expression: str, lang: str) -> list[str]:
        return [expression, lang]


class Walk:
    """The same match as SQL conditions on the terms of the joined document, for SQLite's
    walk through the newest articles when a query matches most of them (`_newest_rows`):
    each document's parts are read as ' term term … | term … | term … ', so a word is
    ' term ' and a phrase ' a b ' within one part, as FTS5 matches them. Terms are letters
    and digits only (`_safe`), so they can stand in the SQL text; `%%` is LIKE's `%`."""

    DOCUMENT = (
        "(' ' || \"articles_articlesearchtext\".\"title\" || ' | ' || "
        '"articles_articlesearchtext"."lead" || \' | \' || '
        '"articles_articlesearchtext"."body" || \' \')'
    )
    TITLE = "(' ' || \"articles_articlesearchtext\".\"title\" || ' ')"

    def term(self, term: Term, column: str = "") -> str:
        where = column or self.DOCUMENT
        return "(" + " OR ".join(f"{where} LIKE '%% {f} %%'" for f in term.forms) + ")"

    def phrase(self, phrase: Phrase) -> str:
        variants = (" ".join(v) for v in _phrase_variants(phrase))
        return "(" + " OR ".join(f"{self.DOCUMENT} LIKE '%% {v} %%'" for v in variants) + ")"

    def prefixes(self, prefixes: list[str]) -> str:
        return "(" + " OR ".join(f"{self.TITLE} LIKE '%% {p}%%'" for p in prefixes) + ")"

    def title_term(self, term: Term) -> str:
        return self.term(term, self.TITLE)

    def all_of(self, parts: list[str]) -> str:
        return "(" + " AND ".join(parts) + ")"

    def any_of(self, parts: list[str]) -> str:
        return "(" + " OR ".join(parts) + ")"

    def without(self, expression: str, excluded: list[str]) -> str:
        return f"({expression} AND NOT {self.any_of(excluded)})" if excluded else expression


def _syntax():
    return TsQuery() if connection.vendor == "postgresql" else Fts5()


def _phrase_variants(phrase: Phrase) -> list[tuple[str, ...]]:
    variants = list(islice(product(*(t.forms for t in phrase.terms)), MAX_PHRASE_VARIANTS + 1))
    if len(variants) > MAX_PHRASE_VARIANTS:
        return [tuple(t.forms[0] for t in phrase.terms)]
    return variants


def _matching(query: ParsedQuery, items=None):
    """The match of `query` (or of some of its words and phrases), its exclusions kept.
    `one_word`: a single word, nothing excluded (PostgreSQL estimates those well)."""

    def match(syntax, loose=False):
        return _expression(syntax, query, items, loose=loose)

    chosen = list(query.terms) + list(query.phrases) if items is None else items
    match.one_word = len(chosen) == 1 and isinstance(chosen[0], Term) and not query.excluded
    match.items = chosen
    return match


def _item(syntax, item: Term | Phrase, loose: bool = False) -> str:
    if not isinstance(item, Phrase):
        return syntax.term(item)
    if loose:
        return syntax.all_of([syntax.term(t) for t in item.terms])
    return syntax.phrase(item)


def _expression(syntax, query: ParsedQuery, items=None, *, loose: bool = False) -> str:
    items = list(query.terms) + list(query.phrases) if items is None else items
    positive = syntax.all_of([_item(syntax, i, loose) for i in items])
    return syntax.without(positive, [_item(syntax, i) for i in query.excluded])


def _newest_matching(queryset, match, lang: str, limit: int | None = None) -> list[int]:
    """Ids of the newest `limit` articles of `queryset` whose document in `lang` matches."""
    return [row[0] for row in _newest_rows(queryset, match, lang, limit, columns=())]


def _newest_rows(queryset, match, lang: str, limit: int | None = None, *, columns=None):
    """(id, *what ranking reads) of the newest `limit` articles of `queryset` whose document
    in `lang` matches; `match(syntax, loose=False)` writes the match in a database's syntax
    (`loose`: phrases as their words in any order, which PostgreSQL's GIN index answers
    without reading the documents).

    How depends on how many documents match: SQLite counts them first, up to a limit
    (`_probe`, one query through FTS5, a millisecond); PostgreSQL estimates it from its own
    statistics of the index (`_estimated_documents`, read once in ten minutes), as counting
    there reads every matching document (40 ms for a word in 6,000 of 50,000):
    - few: the matching documents first (SQLite: their ids; PostgreSQL: materialized),
      then the newest of their articles;
    - more: the newest articles first, each checked, until `limit` are found. PostgreSQL
      hashes the ids of every (loose) match, then walks the articles by date; SQLite walks
      them with the `Walk` conditions, as FTS5 would list every match before the first row
      (0.2–0.8 s for a word in all 50,000 articles, against milliseconds for the walk).
    Either way the work is bounded; a phrase is then checked on each joined document.
    """
    syntax = _syntax()
    postgresql = isinstance(syntax, TsQuery)
    exact, loose = match(syntax), match(syntax, loose=True) if postgresql else None
    rows = queryset.filter(search_texts__language=lang)  # joined once: the ranked columns
    columns = ranked_columns(lang) if columns is None else columns
    limit = limit or WINDOW
    if postgresql:
        matches, documents = _estimated_documents(getattr(match, "items", ()))
        few = matches <= syntax.probe
        # One word in fewer than HASHED_SHARE of the documents: their ids hashed, the
        # articles walked by date. More common, or several words: each joined document
        # checked (a word in every article is found in the first 400 articles walked).
        hashed = (
            not few and getattr(match, "one_word", False) and matches < documents * HASHED_SHARE
        )
        if few or hashed:
            found = syntax.documents()
            if few:
                # Materialized: the few matching documents first, then their articles
                # (planned as one query, PostgreSQL would walk every article by date).
                found = f"WITH found AS MATERIALIZED ({found}) SELECT article_id FROM found"
            rows = rows.filter(pk__in=RawSQL(found, syntax.params(loose, lang)))
        if not (few or hashed) or loose != exact:
            # Inside COALESCE, whose selectivity PostgreSQL does not guess from the tsquery:
            # it guesses that a phrase or several words match almost nothing and would read
            # every document their index entries name (0.3–0.5 s for a phrase in 50,000
            # articles) instead of walking the newest.
            joined = 'COALESCE("articles_articlesearchtext"."vector" @@ %s::tsquery, FALSE)'
            rows = rows.filter(RawSQL(joined, [exact], output_field=BooleanField()))
    elif len(found := _probe(syntax, exact, lang)) <= syntax.probe:
        rows = rows.filter(pk__in=found)
    else:
        rows = rows.filter(RawSQL(match(Walk()), [], output_field=BooleanField()))
    rows = rows.order_by("-publish_at", "-id").values_list("pk", *columns)
    return list(rows[:limit])


# PostgreSQL's statistics of the index (pg_stats: the most common terms and the share of
# documents holding each), cached (core.cache.remember) for STATISTICS_SECONDS.
STATISTICS_SECONDS = 600
HASHED_SHARE = 0.15


def _estimated_documents(items) -> tuple[float, float]:
    """(how many documents may match every one of `items` (words and phrases), how many
    documents there are), by PostgreSQL's statistics: a term it does not list as common
    counts as rare. Only chooses how to look (`_newest_rows`); an estimate that is off
    costs time, never results."""
    statistics = remember("search-statistics", _read_statistics, STATISTICS_SECONDS)
    shares, total = statistics["shares"], statistics["documents"]
    if not items:
        return 0.0, total

    def share(term: Term) -> float:
        return min(1.0, sum(shares.get(form, 0.0) for form in term.forms))

    smallest = min(
        min(map(share, item.terms)) if isinstance(item, Phrase) else share(item) for item in items
    )
    return total * smallest, total


def _read_statistics() -> dict:
    table = "articles_articlesearchtext"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT reltuples FROM pg_class WHERE relname = %s), "
            "s.most_common_elems::text::text[], s.most_common_elem_freqs "
            "FROM (SELECT 1) one LEFT JOIN pg_stats s "
            "ON s.tablename = %s AND s.attname = 'vector'",
            [table, table],
        )
        documents, terms, frequencies = cursor.fetchone()
    shares = dict(zip(terms or [], frequencies or [], strict=False))
    return {"shares": shares, "documents": max(0.0, float(documents or 0))}


def _probe(syntax, expression: str, lang: str) -> list[int]:
    """The article ids of at most `syntax.probe` + 1 matching documents (any article, any
    status)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT article_id FROM ({syntax.documents()}) found LIMIT %s",
            [*syntax.params(expression, lang), syntax.probe + 1],
        )
        return [row[0] for row in cursor.fetchall()]


def ranked_columns(lang: str) -> tuple[str, ...]:
    return ("search_texts__title", "search_texts__lead", f"title_{lang}", f"lead_{lang}")


def _known(term: Term, lang: str) -> bool:
    """Whether the index has the term, in any of its forms, in edition `lang`: the spelling
    vocabulary (articles/spelling.py) lists every term indexed (one indexed lookup; asking
    the documents themselves made PostgreSQL read all of them for a term found nowhere)."""
    return SearchWord.objects.filter(language=lang, term__in=term.forms).exists()


# --- ranking -------------------------------------------------------------------------------


def _rank(rows, query: ParsedQuery, lang: str, *, most_words: dict | None = None) -> list[int]:
    """The ids of `rows` (newest first: id, title terms, lead terms, title, lead) best first:
    points per word by where it is found (title, lead, else body) and for the reader's exact
    spelling; ties keep newest first. `most_words`: how many of the words each article has
    (the "some" mode ranks by it first)."""
    points = {}
    wanted = query.wanted
    for article_id, title, lead, raw_title, raw_lead in rows:
        title_terms, lead_terms = set(title.split()), set(lead.split())
        score = 0
        for term in wanted:
            if title_terms.intersection(term.forms):
                score += IN_TITLE + (EXACT if term.spellings & _spellings(raw_title, lang) else 0)
            elif lead_terms.intersection(term.forms):
                score += IN_LEAD + (
                    EXACT // 2 if term.spellings & _spellings(raw_lead, lang) else 0
                )
            else:
                score += IN_BODY
        points[article_id] = score
    recency = {row[0]: i for i, row in enumerate(rows)}
    count = most_words or {}
    return sorted(points, key=lambda pk: (-count.get(pk, 0), -points[pk], recency[pk]))


def _exact_keys(word: str) -> tuple[str, ...]:
    if len(word) >= 5 and word[0] in SINGLE_PREFIXES and is_arabic_word(word):
        return (word, strip_article(word[1:]))
    return (word,)


@lru_cache(maxsize=4096)
def _spellings(text: str, lang: str) -> frozenset[str]:
    """The words of a title or lead as printed, normalized, article and proclitic off."""
    return frozenset(
        key for word in words(normalize(text, lang)) for key in _exact_keys(strip_article(word))
    )


# --- the contract the search page, suggestions and tests use -----------------------------


@dataclass
class SearchOutcome:
    """What a search found. `ids` are article ids, best first (at most the ranking window);
    `mode` says how they were found: "all" (every word), "some" (no article has every
    word: those with most of them), "corrected" (a word found nothing: its closest indexed
    spelling was searched, `corrected` holds the query that ran) or "none"."""

    typed: ParsedQuery
    ids: list[int]
    mode: str = "all"
    corrected: str = ""
    ran: ParsedQuery | None = None  # the query whose words the snippets highlight

    @property
    def capped(self) -> bool:
        return len(self.ids) >= WINDOW


def find(queryset, raw: str | ParsedQuery, lang: str, *, correct: bool = True) -> SearchOutcome:
    """Search `queryset` (already narrowed to what the reader may see, section, dates) for
    the reader's query in edition `lang`: every word; else, with a misspelt word replaced
    by its closest known spelling (unless `correct` is False); else most of the words."""
    typed = raw if isinstance(raw, ParsedQuery) else parse_query(raw, lang)
    if not typed:
        return SearchOutcome(typed, [], "none", ran=typed)
    rows = _newest_rows(queryset, _matching(typed), lang)
    if rows:
        return SearchOutcome(typed, _rank(rows, typed, lang), "all", ran=typed)
    if correct:
        corrected = _corrected(typed, lang)
        if corrected is not None:
            rows = _newest_rows(queryset, _matching(corrected), lang)
            if rows:
                shown = _as_written(corrected, typed, rows, lang)
                return SearchOutcome(
                    typed, _rank(rows, corrected, lang), "corrected", shown, corrected
                )
    items = list(typed.terms) + list(typed.phrases)
    if len(items) > 1:
        count: dict[int, int] = {}
        for item in items:
            for pk in _newest_matching(queryset, _matching(typed, [item]), lang):
                count[pk] = count.get(pk, 0) + 1
        if count:
            rows = _newest_first(queryset, count, lang)
            return SearchOutcome(
                typed, _rank(rows, typed, lang, most_words=count), "some", ran=typed
            )
    return SearchOutcome(typed, [], "none", ran=typed)


def _newest_first(queryset, ids, lang: str):
    """What ranking reads of the articles `ids`, newest first (at most WINDOW)."""
    rows = queryset.filter(pk__in=list(ids), search_texts__language=lang)
    rows = rows.order_by("-publish_at", "-id").values_list("pk", *ranked_columns(lang))
    return list(rows[:WINDOW])


def _corrected(query: ParsedQuery, lang: str) -> ParsedQuery | None:
    """The query with each word the index does not know replaced by its closest known
    spelling; None when no word could be corrected."""
    corrections: dict[str, Term] = {}
    shown = query.text
    for term in query.terms:
        if _known(term, lang):
            continue
        choices = spelling.closest(lang, term.forms[0], word=term.word, limit=1)
        if not choices:
            continue
        best = choices[0]
        corrections[term.word] = Term(best.surface, tuple(dict.fromkeys(_safe([best.term]))))
        shown = _replace_word(shown, term.word, best.surface, lang)
    if not corrections:
        return None
    return query.replaced(corrections, shown)


def _as_written(corrected: ParsedQuery, typed: ParsedQuery, rows, lang: str) -> str:
    """The corrected query as the page shows it: each corrected word as an article found
    prints it (Marrakech, élections), not as the index keeps it (marrakech, elections)."""
    replaced = {t.word for t in corrected.terms} - {t.word for t in typed.terms}
    text = corrected.text
    for word in replaced:
        printed = next(
            (
                found
                for _pk, _title, _lead, raw_title, raw_lead in rows
                for found in words(f"{raw_title} {raw_lead}")
                if strip_article(normalize(found, lang)) == word
            ),
            None,
        )
        if printed:
            text = _replace_word(text, word, printed, lang)
    return text


def _replace_word(text: str, normalized: str, replacement: str, lang: str) -> str:
    """`text` with the word that normalizes to `normalized` replaced (what the page shows)."""
    for found in WORD.finditer(text):
        if strip_article(normalize(found.group(), lang)) == normalized:
            return text[: found.start()] + replacement + text[found.end() :]
    return text


def suggest_articles(queryset, raw: str, lang: str, *, limit: int = 5) -> list[Article]:
    """Articles for the header box's suggestions while the reader types: every word in the
    title, the last one maybe unfinished (a prefix). Newest first, at most `limit`."""
    text, _truncated = clean_query(raw)
    typed = words(normalize(text, lang))
    if not typed:
        return []
    terms = _terms(" ".join(typed[:-1]), lang)
    # The unfinished word as typed (article off) and as the index stems it (الشراكة is
    # indexed شراك): a term starting with either.
    last = strip_article(typed[-1])
    prefixes = [p for p in dict.fromkeys((last, stem(last))) if len(p) >= 2 and _SAFE_TERM.match(p)]
    if not terms and not prefixes:
        return []

    def match(syntax, loose=False):
        parts = [syntax.title_term(t) for t in terms]
        return syntax.all_of(parts + ([syntax.prefixes(prefixes)] if prefixes else []))

    ids = _newest_matching(queryset, match, lang, limit)
    rows = queryset.in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


# --- snippets ------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _matcher(query: ParsedQuery, lang: str):
    """Whether a word of the article's text is one the query found, by the same rules as
    the index (so a query for مدرسة marks المدارس). Shared by the results of a page, each
    word analyzed once: snippets walk the bodies of 20 articles word by word."""
    terms = frozenset(f for t in query.wanted for f in t.forms)

    @lru_cache(maxsize=4096)
    def matches(word: str) -> bool:
        return same_term(word, terms)

    return matches


def highlight(text: str, query: ParsedQuery, lang: str, *, matches=None) -> SafeString:
    """`text` escaped, with the words the query found wrapped in <mark>."""
    matches = matches or _matcher(query, lang)
    out, last = [], 0
    for found in WORD.finditer(text or ""):
        if matches(found.group()):
            out.append(escape(text[last : found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    out.append(escape((text or "")[last:]))
    return mark_safe("".join(out))  # every piece of text above went through escape()


def snippet(article: Article, query: ParsedQuery, lang: str) -> SafeString:
    """Words around the first match in the lead or the body, matches highlighted.

    Done in Python from the article's own text: readers see the newsroom's spelling
    (hamza, ة), which the index of terms no longer has.
    """
    matches = _matcher(query, lang)
    lead = getattr(article, f"lead_{lang}", "") or ""
    body = plain_text(getattr(article, f"body_{lang}", "") or "")
    for text in (lead, body):
        tokens = text.split()
        hit = next((i for i, token in enumerate(tokens) if any(map(matches, words(token)))), None)
        if hit is None:
            continue
        start = max(0, hit - SNIPPET_WORDS // 3)
        end = min(len(tokens), start + SNIPPET_WORDS)
        shown = highlight(" ".join(tokens[start:end]), query, lang, matches=matches)
        return mark_safe(f"{'… ' if start else ''}{shown}{' …' if end < len(tokens) else ''}")
    tokens = lead.split()
    shown = " ".join(tokens[:SNIPPET_WORDS]) + (" …" if len(tokens) > SNIPPET_WORDS else "")
    return mark_safe(escape(shown))
