"""Suggestions for the header's search box while the reader types (docs/search.md,
"Suggestions"): article titles, and the sections, authors and tags whose name has a word
starting with what was typed, all of this edition only.

Articles come from the search engine (`search.suggest_articles`). Names are matched here,
in memory: the names of an edition (sections, authors and tags with public articles there)
are read once per generation (`core.cache.remember`, like the page frame in chrome.py:
every change readers can see makes them stale, and they are never kept past the next
scheduled change), then each process builds a sorted index of their words once and keeps it
while that generation is current. A lookup is then a binary search, whatever the number of
tags.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from heapq import nsmallest
from operator import itemgetter

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import get_language_bidi, ngettext, pgettext

from authors.models import Author
from core.cache import public_pages_generation, remember
from core.pagecache import next_change
from core.urls import slug_url

from .models import Article, Section, Tag
from .normalize import normalize
from .search import suggest_articles

MIN_QUERY_LENGTH = 2  # characters typed (after invisible ones and spaces are dropped)
MAX_QUERY_LENGTH = 100  # a suggestion query is a few words: the rest is cut off
MAX_ITEMS = 8  # in all groups together
MAX_ARTICLES = 5
# Tags are free text: an edition may have thousands. The most used ones are kept (the
# index stays small enough for each process's copy and for a fast rebuild).
MAX_TAGS = 5000
# Candidates looked at for one query word: a two-letter prefix shared by thousands of tags
# costs no more than a rare one.
MAX_CANDIDATES = 400
NAMES_SECONDS = 300

# Control, format (bidi marks, zero-width), surrogate, private-use and unassigned characters.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_WORD = re.compile(r"[^\W_]+")
# The Arabic article and the clitics glued before it (والأمن, بالمغرب): a name is also found
# by its word without them, as readers type أمن for الأمن.
_ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_ARABIC_WORD = re.compile("^[\u0621-\u064a]+$")
_LAST = "\U0010ffff"  # sorts after every character: w + _LAST bounds the keys starting with w

KINDS = ("articles", "sections", "authors", "tags")
NAME_KINDS = KINDS[1:]


def group_label(kind: str) -> str:
    return {
        "articles": pgettext("search suggestions", "Articles"),
        "sections": pgettext("search suggestions", "Sections"),
        "authors": pgettext("search suggestions", "Authors"),
        "tags": pgettext("search suggestions", "Tags"),
    }[kind]


def status_text(count: int) -> str:
    """What the polite live region announces once the list has changed."""
    if not count:
        return pgettext("search suggestions", "No suggestions")
    return ngettext(
        "%(count)d suggestion: use the up and down arrows to choose",
        "%(count)d suggestions: use the up and down arrows to choose",
        count,
    ) % {"count": count}


def clean_query(raw: str) -> str:
    """Invisible characters dropped, spaces collapsed, at most MAX_QUERY_LENGTH characters."""
    raw = (raw or "")[: MAX_QUERY_LENGTH * 4]  # a 10 kB query is not read further
    visible = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in raw)
    return " ".join(visible.split())[:MAX_QUERY_LENGTH].strip()


@lru_cache(maxsize=65536)  # names share most of their words
def _without_article(word: str) -> str:
    if word[:1] in "اوفبكل" and _ARABIC_WORD.match(word):
        for prefix in _ARTICLE_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                return word[len(prefix) :]
    return word


def query_words(text: str, lang: str) -> list[str]:
    """The words a name must start with: normalized, without the Arabic article (names are
    found by their words without it too), one-letter words (l', d', و) left out."""
    found = [_without_article(w) for w in _WORD.findall(normalize(text, lang)) if len(w) >= 2]
    return list(dict.fromkeys(found))


def name_words(label: str, lang: str) -> tuple[str, ...]:
    """The normalized words of a name."""
    return tuple(_WORD.findall(normalize(label, lang)))


def name_keys(words: tuple[str, ...]) -> set[str]:
    """A name's normalized words, with and without the Arabic article, and without the و
    ("and") glued to a word (صحة finds رياضة وصحة)."""
    keys = set()
    for word in words:
        keys.add(word)
        keys.add(_without_article(word))
        if word.startswith("و") and len(word) >= 4 and _ARABIC_WORD.match(word):
            keys.add(_without_article(word[1:]))
    return keys


# --- the names of an edition, read once per generation ----------------------------------


def _read_names(lang: str) -> dict:
    """(label, url, weight, normalized words) of the sections, authors and tags of edition
    `lang`, as lists (normalized once, by the process that reads them)."""
    public = Article.objects.public(lang)
    name = f"name_{lang}"
    named = Q(**{f"{name}__isnull": False}) & ~Q(**{name: ""})
    with translation.override(lang):
        sections = [
            (label, slug_url("articles:section", slug), -position, name_words(label, lang))
            for slug, label, position in Section.objects.active()
            .filter(named)
            .values_list("slug", name, "position")
        ]
        authors = [
            (label, slug_url("authors:detail", slug), count, name_words(label, lang))
            for slug, label, count in Author.objects.active()
            .filter(named, articles__in=public)
            .annotate(count=Count("articles"))
            .values_list("slug", name, "count")
        ]
        tags = [
            (label, slug_url("articles:tag", slug), count, name_words(label, lang))
            for slug, label, count in Tag.objects.filter(named, articles__in=public)
            .annotate(count=Count("articles"))
            .order_by("-count", "pk")
            .values_list("slug", name, "count")[:MAX_TAGS]
        ]
    return {
        "until": next_change(timezone.now()),
        "sections": sections,
        "authors": authors,
        "tags": tags,
    }


class NameIndex:
    """The names of one kind, with every word's keys sorted for prefix lookups."""

    def __init__(self, entries: list[tuple[str, str, int, tuple[str, ...]]]):
        self.entries = entries
        self.keys = [name_keys(words) for *_, words in entries]
        self.folded = [" ".join(_without_article(w) for w in words) for *_, words in entries]
        # Best first when nothing else decides: the most used, then by name.
        order = sorted(range(len(entries)), key=lambda i: (-entries[i][2], entries[i][0]))
        self.rank = [0] * len(entries)
        for position, i in enumerate(order):
            self.rank[i] = position
        # Every key, sorted (a stable sort: the best names first among those sharing one).
        flat = [(key, i) for i in order for key in self.keys[i]]
        flat.sort(key=itemgetter(0))
        self.sorted_keys = [key for key, _i in flat]
        self.sorted_ids = [i for _key, i in flat]

    def _range(self, word: str) -> tuple[int, int]:
        """Where the keys starting with `word` are in `sorted_keys`."""
        return bisect_left(self.sorted_keys, word), bisect_left(self.sorted_keys, word + _LAST)

    def find(self, words: list[str], limit: int) -> list[tuple[str, str]]:
        """(label, url) of the names with a word starting with each of `words`, best first:
        those starting with the whole query, then the most used (menu order for sections)."""
        if not words or limit <= 0:
            return []
        # The word with the fewest keys starting with it narrows the candidates the most;
        # a two-letter prefix of thousands of names looks at MAX_CANDIDATES keys only.
        ranges = {word: self._range(word) for word in words}
        probe = min(words, key=lambda word: ranges[word][1] - ranges[word][0])
        start, end = ranges[probe]
        candidates = dict.fromkeys(self.sorted_ids[start : min(end, start + MAX_CANDIDATES)])
        others = [word for word in words if word != probe]
        if others:
            candidates = [
                i
                for i in candidates
                if all(any(key.startswith(w) for key in self.keys[i]) for w in others)
            ]
        whole = " ".join(words)
        first, rest = [], []
        for i in candidates:
            (first if self.folded[i].startswith(whole) else rest).append(i)
        best = nsmallest(limit, first, key=self.rank.__getitem__)
        if len(best) < limit:
            best += nsmallest(limit - len(best), rest, key=self.rank.__getitem__)
        return [self.entries[i][:2] for i in best]


@dataclass
class EditionNames:
    until: object
    indexes: dict[str, NameIndex]


# This process's indexes: {lang: (generation, EditionNames)}, the current generation only.
_built: dict[str, tuple[int, EditionNames]] = {}


def forget_indexes() -> None:
    """Drop this process's indexes (tests whose cache is cleared under a frozen clock)."""
    _built.clear()


def edition_names(lang: str) -> EditionNames:
    now = timezone.now()
    try:
        generation = public_pages_generation()
    except Exception:  # the cache is down: remember() computes without it
        generation = None
    memo = _built.get(lang)
    if memo is not None and memo[0] == generation and now < memo[1].until:
        return memo[1]
    data = remember(
        f"suggest-names:{lang}",
        lambda: _read_names(lang),
        NAMES_SECONDS,
        is_fresh=lambda value: timezone.now() < value["until"],
    )
    names = EditionNames(
        until=data["until"],
        indexes={kind: NameIndex(data[kind]) for kind in NAME_KINDS},
    )
    if generation is not None:
        _built[lang] = (generation, names)
    return names


# --- the suggestions --------------------------------------------------------------------


def suggestions(raw: str, lang: str) -> dict:
    """{"query", "groups", "status"}: what the header box shows for `raw` in edition `lang`
    (the language active while this runs), at most MAX_ITEMS items."""
    query = clean_query(raw)
    if len(query) < MIN_QUERY_LENGTH:
        return {"query": query, "groups": [], "status": ""}
    direction = "rtl" if get_language_bidi() else "ltr"

    def item(label: str, url: str) -> dict:
        return {"label": label, "url": url, "lang": lang, "dir": direction}

    words = query_words(query, lang)
    articles = []
    if words:
        found = suggest_articles(Article.objects.public(lang), query, lang, limit=MAX_ARTICLES)
        articles = [
            item(getattr(article, f"title_{lang}"), article.get_absolute_url())
            for article in found
            if getattr(article, f"title_{lang}", "")
        ]
    names = {kind: [] for kind in NAME_KINDS}
    room = MAX_ITEMS - len(articles)
    if words and room > 0:
        indexes = edition_names(lang).indexes
        found = {kind: indexes[kind].find(words, room) for kind in NAME_KINDS}
        # Turn by turn, so that one kind cannot take every place left by the articles.
        while room > 0 and any(found.values()):
            for kind in NAME_KINDS:
                if found[kind] and room > 0:
                    names[kind].append(item(*found[kind].pop(0)))
                    room -= 1
    groups = [
        {"kind": kind, "label": group_label(kind), "items": items}
        for kind, items in (("articles", articles), *names.items())
        if items
    ]
    count = sum(len(group["items"]) for group in groups)
    return {"query": query, "groups": groups, "status": status_text(count)}
