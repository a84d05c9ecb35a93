"""Article search: the index (one normalized document per article and edition), reading the
reader's query, matching and ranking on PostgreSQL or SQLite, and highlighted snippets.

See docs/search.md for the rules and why each backend does what it does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.editions import LANGUAGE_CODES
from core.sanitizer import html_to_text

from .models import Article, ArticleSearchText
from .normalize import (
    SINGLE_PREFIXES,
    WORD,
    index_text,
    light_stem,
    normalize,
    strip_article,
    words,
)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# PostgreSQL text-search configurations per edition. french_unaccent is created by
# migration 0002_postgresql_search (the french stemmer behind unaccent).
TS_CONFIGS = {"ar": "arabic", "fr": "french_unaccent"}
SNIPPET_WORDS = 32
# A word in thousands of articles: only the newest this many matches are ranked and
# counted (the page then says "1000+"), so a common word costs what a rare one does.
SEARCH_RANK_WINDOW = 1000
BATCH_SIZE = 500
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Control, format (bidi marks, zero-width), surrogate, private-use and unassigned characters:
# never part of a word, and PostgreSQL refuses NUL outright.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


# --- the index -------------------------------------------------------------------------


def plain_text(markup: str) -> str:
    """The words of sanitized article HTML, on one line."""
    return " ".join(html_to_text(markup).split())


def refresh_search_text(queryset, *, document_model=None, vendor: str | None = None) -> int:
    """(Re)index the articles of `queryset` in every edition they are written in.

    Called by Article.save(); bulk inserts (seed_demo --articles) call it themselves.
    Returns the number of documents written.
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


def _index_batch(articles, document_model, vendor: str) -> int:
    documents, stale = [], Q()
    for article in articles:
        for code in LANGUAGE_CODES:
            title = getattr(article, f"title_{code}", "") or ""
            if not title:
                stale |= Q(article_id=article.pk, language=code)
                continue
            documents.append(
                document_model(
                    article_id=article.pk,
                    language=code,
                    title=index_text(title, code),
                    lead=index_text(getattr(article, f"lead_{code}", "") or "", code),
                    body=index_text(plain_text(getattr(article, f"body_{code}", "") or ""), code),
                )
            )
    manager = document_model._base_manager.db_manager(articles[0]._state.db)
    if stale:
        manager.filter(stale).delete()
    manager.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["article", "language"],
        update_fields=["title", "lead", "body"],
    )
    if vendor == "postgresql" and documents:
        ids = [a.pk for a in articles]
        for code in {d.language for d in documents}:
            manager.filter(article_id__in=ids, language=code).update(
                vector=search_vector(TS_CONFIGS[code])
            )
    return len(documents)


def search_vector(config: str) -> SearchVector:
    """Title above lead above body: weights A, B and C of PostgreSQL's ranking."""
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("lead", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


# --- the reader's query ------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word of the query: the forms PostgreSQL stems, the keys SQLite looks for."""

    forms: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(light_stem(form, "") for form in self.forms))


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what the reader typed, cleaned and capped: shown back in the search box
    terms: tuple[Term, ...] = field(default_factory=tuple)
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms)


def clean_query(raw: str) -> tuple[str, bool]:
    """Invisible characters out, spaces collapsed, at most MAX_QUERY_LENGTH characters."""
    visible = "".join(
        " " if unicodedata.category(ch) in _INVISIBLE_CATEGORIES else ch for ch in raw or ""
    )
    text = " ".join(visible.split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def parse_query(raw: str, lang: str) -> ParsedQuery:
    text, truncated = clean_query(raw)
    terms: list[Term] = []
    seen: set[str] = set()
    for word in words(normalize(text, lang)):
        word = strip_article(word)
        if (len(word) < 2 and not word.isdigit()) or word in seen:
            continue  # l', d', a lone و: no meaning on their own
        seen.add(word)
        forms = [word]
        # و/ف/ب/ك/ل glued to a word: also look for the word alone (وفرنسا → فرنسا).
        if word[0] in SINGLE_PREFIXES and len(word) >= 5:
            forms.append(strip_article(word[1:]))
        if len(terms) == MAX_TERMS:
            truncated = True
            break
        terms.append(Term(tuple(forms)))
    return ParsedQuery(text=text, terms=tuple(terms), truncated=truncated)


# --- matching and ranking ----------------------------------------------------------------


def search_articles(queryset, query: ParsedQuery, lang: str):
    """`queryset` narrowed to the articles matching every term in edition `lang`, best first.

    Each article gets `search_rank`. PostgreSQL: full-text search over the weighted vector
    (stems, ranked by ts_rank); elsewhere: words of the normalized text that start with the
    light stem of each term, ranked title > lead > body.
    """
    if not query:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, query, lang)
    return _search_simple(queryset, query, lang)


def _search_postgresql(queryset, query: ParsedQuery, lang: str):
    config = TS_CONFIGS[lang]
    tsquery = reduce(
        and_,
        (
            reduce(or_, (SearchQuery(form, config=config, search_type="plain") for form in t.forms))
            for t in query.terms
        ),
    )
    # One filter() call: the language and the match apply to the same joined document.
    matching = queryset.filter(search_texts__language=lang, search_texts__vector=tsquery)
    return (
        matching.filter(pk__in=_newest(matching))
        .annotate(search_rank=SearchRank(F("search_texts__vector"), tsquery))
        .order_by("-search_rank", "-publish_at", "-id")
    )


def _newest(matching):
    """The ids of the newest SEARCH_RANK_WINDOW matches: ranking (ts_rank reads every
    matched vector) and counting run over these alone."""
    return matching.order_by("-publish_at", "-id").values("pk")[:SEARCH_RANK_WINDOW]


def _word_start(key: str) -> str:
    """A word starting with `key`, maybe after one Arabic proclitic (وفرنسا for فرنسا)."""
    proclitic = f"[{''.join(SINGLE_PREFIXES)}]?" if ARABIC_LETTER.match(key) else ""
    return f"(^| ){proclitic}{re.escape(key)}"


def _search_simple(queryset, query: ParsedQuery, lang: str):
    def found(part: str, term: Term) -> Q:
        return reduce(
            or_, (Q(**{f"search_texts__{part}__regex": _word_start(k)}) for k in term.keys)
        )

    every_term = reduce(
        and_,
        (found("title", t) | found("lead", t) | found("body", t) for t in query.terms),
    )
    # A term counts 4 in the title, 2 in the lead, 1 in the body: title matches come first.
    rank = reduce(
        lambda a, b: a + b,
        (
            Case(
                When(found("title", t), then=Value(4)),
                When(found("lead", t), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
            for t in query.terms
        ),
    )
    matching = queryset.filter(Q(search_texts__language=lang) & every_term)
    return (
        matching.filter(pk__in=_newest(matching))
        .annotate(search_rank=Sum(rank))
        .order_by("-search_rank", "-publish_at", "-id")
    )


# --- snippets ------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _matcher(query: ParsedQuery, lang: str):
    """Whether a word of the article's text is one the query found. Shared by the results
    of a page (and by pages of the same query), each word normalized once: snippets walk
    the bodies of 20 articles word by word."""
    keys = [k for t in query.terms for k in t.keys]

    @lru_cache(maxsize=4096)
    def matches(word: str) -> bool:
        # A word that starts with a key, maybe after one proclitic (وفرنسا for فرنسا): the
        # SQLite rule (_word_start), so تضامنية is not highlighted for الأمنية.
        form = strip_article(normalize(word, lang))
        forms = [form]
        if len(form) > 3 and form[0] in SINGLE_PREFIXES:
            forms.append(strip_article(form[1:]))
        return any(f.startswith(key) for f in forms for key in keys)

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

    Done in Python rather than with ts_headline: readers see the article's own spelling
    (hamza, ة), which the normalized index no longer has.
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


def find(queryset, raw: str, lang: str) -> SearchOutcome:
    """Search `queryset` (already narrowed to what the reader may see, section, dates) for
    the reader's `raw` query in edition `lang`."""
    typed = parse_query(raw, lang)
    if not typed:
        return SearchOutcome(typed, [], "none")
    ids = list(search_articles(queryset, typed, lang).values_list("pk", flat=True))
    return SearchOutcome(typed, ids, "all" if ids else "none")


def suggest_articles(queryset, raw: str, lang: str, *, limit: int = 5) -> list[Article]:
    """Articles for the header box's suggestions while the reader types: the last word may
    be unfinished (a prefix). Best first, at most `limit`."""
    outcome = find(queryset, raw, lang)
    rows = queryset.model.objects.in_bulk(outcome.ids[:limit])
    return [rows[pk] for pk in outcome.ids[:limit] if pk in rows]
