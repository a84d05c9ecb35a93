"""Arabic stemmers against the house rules (articles/normalize.py) on news words.

    .venv/bin/pip install tashaphyne qalsadi   # evaluation only: not project dependencies
    .venv/bin/python bench/arabic_stemmers.py

Each family below is a set of spellings a reader expects to find one another (article, clitics,
pronoun suffixes, sound and broken plurals, feminine). For each stemmer:
- misses: words whose index term differs from their family's first word's term (a search for the
  first word would not find them: the recall loss);
- conflations: pairs of families that share a term (a search for one finds the other);
- speed: microseconds per word, uncached.
The libraries get the raw word (hamza and all, their best input) and their output is normalized
with normalize_arabic() so that the comparison is fair. docs/search.md reports the results.
"""

from __future__ import annotations

import os
import sys
import time
from itertools import combinations

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from articles.normalize import normalize_arabic, query_forms, stem

FAMILIES = [
    ["مدرسة", "المدرسة", "والمدرسة", "مدرستها", "مدارس", "المدارس", "ومدارسهم", "بالمدارس"],
    ["حزب", "الحزب", "أحزاب", "الأحزاب", "وأحزابها", "للأحزاب"],
    ["وزير", "الوزير", "وزراء", "الوزراء", "للوزراء", "وزيرها"],
    ["دولة", "الدولة", "دول", "الدول", "دولتين", "والدول"],
    ["مهرجان", "المهرجان", "مهرجانات", "المهرجانات", "بالمهرجان"],
    ["حكومة", "الحكومة", "حكومات", "حكومته", "والحكومة"],
    ["انتخاب", "انتخابات", "الانتخابات", "للانتخابات"],
    ["قرار", "القرار", "قرارات", "قراراتها", "بقرار"],
    ["مشروع", "المشروع", "مشاريع", "المشاريع", "مشروعات"],
    ["سعر", "الأسعار", "أسعار", "بأسعار", "سعرها"],
    ["سوق", "السوق", "أسواق", "الأسواق"],
    ["مدينة", "المدينة", "مدن", "المدن", "بالمدن"],
    ["قرية", "القرية", "قرى", "القرى"],
    ["شارع", "الشارع", "شوارع", "الشوارع"],
    ["طفل", "الطفل", "أطفال", "الأطفال", "أطفالهم"],
    ["امرأة", "المرأة", "نساء", "النساء"],
    ["رجل", "الرجل", "رجال", "الرجال"],
    ["طالب", "الطالب", "طلاب", "الطلاب", "طلبة", "الطلبة"],
    ["أستاذ", "الأستاذ", "أساتذة", "الأساتذة"],
    ["طبيب", "الطبيب", "أطباء", "الأطباء", "أطباؤهم"],
    ["مستشفى", "المستشفى", "مستشفيات", "المستشفيات"],
    ["عامل", "العامل", "عمال", "العمال"],
    ["خبر", "الخبر", "أخبار", "الأخبار"],
    ["يوم", "اليوم", "أيام", "الأيام"],
    ["قانون", "القانون", "قوانين", "القوانين"],
    ["مجلس", "المجلس", "مجالس", "المجالس"],
    ["مركز", "المركز", "مراكز", "المراكز"],
    ["ملعب", "الملعب", "ملاعب", "الملاعب"],
    ["لاعب", "اللاعب", "لاعبين", "اللاعبون"],
    ["صحيفة", "الصحيفة", "صحف", "الصحف"],
    ["صحفي", "الصحفي", "صحفيين", "الصحفيون", "صحفية"],
    ["كتاب", "الكتاب", "كتب", "الكتب"],
    ["ميناء", "الميناء", "موانئ", "الموانئ"],
    ["جبل", "الجبل", "جبال", "الجبال"],
    ["حق", "الحق", "حقوق", "الحقوق"],
    ["حادثة", "الحادثة", "حوادث", "الحوادث"],
    ["مصدر", "المصدر", "مصادر", "المصادر"],
    ["منطقة", "المنطقة", "مناطق", "المناطق"],
    ["مسجد", "المسجد", "مساجد", "المساجد"],
    ["أسرة", "الأسرة", "أسر", "الأسر"],
    ["مشكلة", "المشكلة", "مشاكل", "المشاكل"],
    ["نتيجة", "النتيجة", "نتائج", "النتائج"],
    ["جهاز", "الجهاز", "أجهزة", "الأجهزة"],
    ["مرض", "المرض", "أمراض", "الأمراض"],
    ["دواء", "الدواء", "أدوية", "الأدوية"],
    ["مليون", "ملايين", "الملايين"],
    ["درهم", "الدرهم", "دراهم"],
    ["مسؤول", "المسؤول", "مسؤولين", "المسؤولون", "مسئول"],
    ["رئيس", "الرئيس", "رؤساء", "رئيسها"],
    ["اتفاقية", "الاتفاقية", "اتفاقيات", "الاتفاقيات"],
    ["مباراة", "المباراة", "مباريات", "المباريات"],
    ["فرنسا", "وفرنسا", "بفرنسا", "لفرنسا"],
    ["المغرب", "والمغرب", "بالمغرب", "للمغرب"],
    ["شركة", "الشركة", "شركات", "الشركات", "شركتها"],
    ["نادي", "النادي", "أندية", "الأندية"],
    ["جريدة", "الجريدة", "جرائد", "الجرائد"],
    ["سنة", "السنة", "سنوات", "السنوات"],
    ["لجنة", "اللجنة", "لجان", "اللجان"],
    ["عمل", "العمل", "أعمال", "الأعمال"],
    ["برلمان", "البرلمان", "للبرلمان"],
    ["مواطن", "المواطن", "مواطنين", "المواطنون"],
    ["بطولة", "البطولة", "بطولات"],
    ["كاتب", "الكاتب", "كاتبة"],  # not كتاب: the same letters as book (كتاب → كتب)
]

# Broken plurals NOT in articles/lexicon/ar_broken_plurals.txt (the families above were written
# with the lexicon, so they flatter it): what a missing lexicon line costs.
HELD_OUT = [
    ["معبر", "المعبر", "معابر", "المعابر"],
    ["منبر", "المنبر", "منابر"],
    ["مقبرة", "المقبرة", "مقابر"],
    ["قسم", "القسم", "أقسام", "الأقسام"],
    ["موسم", "الموسم", "مواسم", "المواسم"],
    ["فن", "الفن", "فنون", "الفنون"],
    ["عنوان", "العنوان", "عناوين"],
    ["نجم", "النجم", "نجوم", "النجوم"],
    ["ملجأ", "الملجأ", "ملاجئ"],
    ["حصة", "الحصة", "حصص", "الحصص"],
    ["رصيف", "الرصيف", "أرصفة"],
    ["لون", "اللون", "ألوان", "الألوان"],
    ["قبيلة", "القبيلة", "قبائل", "القبائل"],
    ["مخيم", "المخيم", "مخيمات", "المخيمات"],
    ["مراسل", "المراسل", "مراسلين", "المراسلون"],
]


def house(word: str) -> str:
    return stem(normalize_arabic(word))


def matches(name, word_term, base_word, base_term):
    """The house rules match a query through query_forms() (one-letter proclitics, docs/search.md);
    the libraries strip proclitics themselves, so their terms must be equal."""
    if name == "house rules":
        return word_term in query_forms(normalize_arabic(base_word))
    return word_term == base_term


def stemmers():
    found = {"house rules": house}
    try:
        from tashaphyne.stemming import ArabicLightStemmer

        light = ArabicLightStemmer()

        def tashaphyne_stem(word):
            light.light_stem(word)
            return normalize_arabic(light.get_stem())

        def tashaphyne_root(word):
            light.light_stem(word)
            return normalize_arabic(light.get_root())

        found["tashaphyne stem"] = tashaphyne_stem
        found["tashaphyne root"] = tashaphyne_root
    except ImportError:
        print("tashaphyne not installed: skipped")
    try:
        from qalsadi.lemmatizer import Lemmatizer

        lemmatizer = Lemmatizer()
        found["qalsadi lemma"] = lambda word: normalize_arabic(lemmatizer.lemmatize(word))
    except ImportError:
        print("qalsadi not installed: skipped")
    return found


def evaluate(name, function, families=FAMILIES):
    started = time.perf_counter()
    terms = [[function(word) for word in family] for family in families]
    elapsed = time.perf_counter() - started
    count = sum(len(family) for family in families)
    misses = [
        (family[i], family[0], got[i], got[0])
        for family, got in zip(families, terms, strict=True)
        for i in range(1, len(family))
        if not matches(name, got[i], family[0], got[0])
    ]
    conflations = [
        (families[a][0], families[b][0], sorted(set(terms[a]) & set(terms[b])))
        for a, b in combinations(range(len(families)), 2)
        if set(terms[a]) & set(terms[b])
    ]
    print(
        f"\n== {name}: {count} words, {len(misses)} misses, {len(conflations)} conflations, "
        f"{elapsed / count * 1e6:.0f} µs/word"
    )
    for word, base, got, want in misses:
        print(f"  miss  {word} → {got}   ({base} → {want})")
    for one, other, shared in conflations:
        print(f"  conflates {one} / {other}: {' '.join(shared)}")


if __name__ == "__main__":
    stem.cache_clear()
    found = stemmers()
    for stemmer_name, stemmer in found.items():
        evaluate(stemmer_name, stemmer)
    print("\n# held-out broken plurals (not in the lexicon)")
    for stemmer_name, stemmer in found.items():
        evaluate(stemmer_name, stemmer, HELD_OUT)
