"""Size and speed of the spelling-correction vocabulary (articles/spelling.py) at N terms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_spelling .venv/bin/python bench/spelling.py
    DATABASE_URL=sqlite:////tmp/spelling.sqlite3 .venv/bin/python bench/spelling.py --terms 200000

The database must exist and be migrated; its vocabulary (SearchWord, SearchWordKey) is
REPLACED. Synthetic terms, half Arabic and half French, random letters with the length
spread of stems (Arabic 3-9 letters, most 4-6; French 3-13, most 5-9), Zipf-like document
counts; written by remember() in calls of 200,000 pairs as the indexer sends them. Random
letters repeat fewer deletions than real words do, so the key count is an upper bound.
Each pair's written form is the term or the term with a common ending (up to 5 forms a term).
Then closest() on 1,000 misspellings (one random edit, two for terms of 10+ letters) and on
1,000 known terms, timed one by one (median, 95th percentile). `--one-edit` stores and
tolerates one edit at every length (no two-letter deletions), for comparison.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("ALLOW_WEAK_SECRET_KEY", "1")

import django

django.setup()

from django.db import connection  # noqa: E402

from articles import spelling  # noqa: E402
from articles.models import SearchForm, SearchWord, SearchWordKey  # noqa: E402

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءؤئ"
FRENCH = "abcdefghijklmnopqrstuvwxyz"
# Written forms: the term itself, or with one of these endings (up to 5 forms per term).
ENDINGS = {"ar": ["", "ات", "ه", "ين", "ها"], "fr": ["", "s", "e", "es", "ent"]}
BATCH = 200_000  # pairs per remember() call: what the indexer sends for 500 articles
TABLES = "articles_searchword, articles_searchwordkey, articles_searchform"
LENGTHS = {
    "ar": {3: 12, 4: 24, 5: 26, 6: 18, 7: 11, 8: 6, 9: 3},
    "fr": {3: 4, 4: 9, 5: 14, 6: 17, 7: 17, 8: 14, 9: 10, 10: 7, 11: 4, 12: 2, 13: 2},
}


def vocabulary(language: str, count: int, rng: random.Random) -> list[str]:
    letters = ARABIC if language == "ar" else FRENCH
    lengths, weights = zip(*LENGTHS[language].items(), strict=True)
    terms: set[str] = set()
    while len(terms) < count:
        size = rng.choices(lengths, weights)[0]
        terms.add("".join(rng.choice(letters) for _ in range(size)))
    return sorted(terms)


def misspell(term: str, letters: str, rng: random.Random) -> str:
    for _ in range(2 if len(term) >= spelling.LONG_LENGTH else 1):
        i = rng.randrange(len(term))
        edit = rng.choice("sidt")
        if edit == "s":
            term = term[:i] + rng.choice(letters) + term[i + 1 :]
        elif edit == "i":
            term = term[:i] + rng.choice(letters) + term[i:]
        elif edit == "d" and len(term) > spelling.MIN_LENGTH:
            term = term[:i] + term[i + 1 :]
        elif i + 1 < len(term):
            term = term[:i] + term[i + 1] + term[i] + term[i + 2 :]
    return term


def table_bytes() -> dict[str, int]:
    tables = [m._meta.db_table for m in (SearchWord, SearchWordKey, SearchForm)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return {
                t: cursor.execute("SELECT pg_total_relation_size(%s)", [t]).fetchone()[0]
                for t in tables
            }
        cursor.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE tbl_name IN (%s, %s, %s)", tables
        )
        objects = cursor.fetchall()
        sizes = dict.fromkeys(tables, 0)
        for name, table in objects:
            cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name = %s", [name])
            sizes[table] += cursor.fetchone()[0] or 0
        return sizes


def timed(calls) -> tuple[float, float]:
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=200_000)
    parser.add_argument("--one-edit", action="store_true")
    options = parser.parse_args()
    if options.one_edit:
        spelling.LONG_LENGTH = 10_000
    rng = random.Random(13)
    with connection.cursor() as cursor:
        for model in (SearchWordKey, SearchForm, SearchWord):
            table = model._meta.db_table
            cursor.execute(
                f"TRUNCATE {table}" if connection.vendor == "postgresql" else f"DELETE FROM {table}"
            )
        if connection.vendor == "sqlite":
            cursor.execute("VACUUM")
    words = {code: vocabulary(code, options.terms // 2, rng) for code in ("ar", "fr")}
    start, calls = time.perf_counter(), 0
    for code, terms in words.items():
        pairs = []
        for term in terms:
            for _ in range(min(5000, int(rng.paretovariate(1.0)))):
                pairs.append((term, term + rng.choice(ENDINGS[code])))
        rng.shuffle(pairs)
        for i in range(0, len(pairs), BATCH):
            spelling.remember(code, pairs[i : i + BATCH])
            calls += 1
    written = time.perf_counter() - start
    compact = {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {TABLES}")
            sizes = table_bytes()
            # Counting rewrites a word's row (a dead version until vacuumed): the compact size
            # is what a fresh rebuild writes, the other what vacuum leaves after the writes.
            cursor.execute(f"VACUUM FULL ANALYZE {TABLES}")
            compact = table_bytes()
    else:
        sizes = table_bytes()
    queries, known = [], []
    for code, terms in words.items():
        letters = ARABIC if code == "ar" else FRENCH
        for term in rng.sample([t for t in terms if len(t) >= spelling.MIN_LENGTH], 500):
            queries.append((code, misspell(term, letters, rng), term))
            known.append((code, term))
    found = sum(
        1
        for code, query, term in queries
        if term in {c.term for c in spelling.closest(code, query)}
    )
    miss_median, miss_p95 = timed(lambda c=c, q=q: spelling.closest(c, q) for c, q, _ in queries)
    known_median, known_p95 = timed(lambda c=c, t=t: spelling.closest(c, t) for c, t in known)
    word_median, word_p95 = timed(
        lambda c=c, q=q: spelling.closest(c, q, word=q) for c, q, _ in queries
    )
    print(f"{connection.vendor}, {options.terms:,} terms", "(one edit only)" * options.one_edit)
    print(
        f"  key rows: {SearchWordKey.objects.count():,}; remember(): {written:.1f} s for {calls} calls"
    )
    for table, size in sizes.items():
        after = f", {compact[table] / 2**20:.1f} MiB after VACUUM FULL" if compact else ""
        print(f"  {table}: {size / 2**20:.1f} MiB with its indexes{after}")
    print(f"  misspellings whose term is among the 3 corrections: {found} of {len(queries)}")
    print(f"  closest() on a misspelling: median {miss_median:.2f} ms, p95 {miss_p95:.2f} ms")
    print(f"  closest() on a known term: median {known_median:.2f} ms, p95 {known_p95:.2f} ms")
    print(f"  closest(word=) on a misspelling: median {word_median:.2f} ms, p95 {word_p95:.2f} ms")
    print(f"  forms: {SearchForm.objects.count():,}")


if __name__ == "__main__":
    main()
