"""How long analyze() takes on a 1,000-word article body (a sanity check, not a test).

    .venv/bin/python bench/analyze_speed.py

The index rebuild analyzes every body of the 50,000 articles: this must stay well under
10 ms per body. Prints the first (cold: files loaded, caches empty) and the median warm time.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from articles.normalize import analyze
from bench.arabic_stemmers import FAMILIES, HELD_OUT

FUNCTION_WORDS = [
    "في",
    "من",
    "على",
    "إلى",
    "أن",
    "إن",
    "قد",
    "كان",
    "التي",
    "الذي",
    "مع",
    "عن",
    "بين",
    "بعد",
]
FRENCH = [
    "le",
    "la",
    "les",
    "des",
    "élèves",
    "écoles",
    "marocaines",
    "ministre",
    "élections",
    "gouvernement",
    "Rabat",
    "COP22",
    "2030",
    "parti",
    "l'État",
    "d'une",
    "qu'il",
    "à",
    "été",
    "hôpitaux",
    "députés",
    "régions",
    "économie",
]


def body(vocabulary: list[str], seed: int) -> str:
    chooser = random.Random(seed)
    return " ".join(chooser.choice(vocabulary) for _ in range(1000))


def main() -> None:
    arabic = [word for family in FAMILIES + HELD_OUT for word in family] + FUNCTION_WORDS * 5
    for lang, vocabulary in (("ar", arabic), ("fr", FRENCH)):
        texts = [body(vocabulary, seed) for seed in range(200)]
        started = time.perf_counter()
        analyze(texts[0], lang)
        cold = time.perf_counter() - started
        times = []
        for text in texts[1:]:
            started = time.perf_counter()
            analyze(text, lang)
            times.append(time.perf_counter() - started)
        print(
            f"{lang}: 1,000 words, cold {cold * 1000:.1f} ms, "
            f"warm median {statistics.median(times) * 1000:.2f} ms, max {max(times) * 1000:.2f} ms"
        )


if __name__ == "__main__":
    main()
