"""Spelling-insensitive forms of text, the same for what is indexed and what readers type.

Arabic readers rarely type the hamza, the tashkeel or the ta marbuta the copy desk uses, and
often type Arabic-Indic digits; French readers drop accents. Search compares the forms below,
never the spelling on the page (docs/search.md).
"""

from __future__ import annotations

import re
import unicodedata

# Tashkeel and Quranic annotation marks: harakat, tanwin, shadda, sukun, dagger alef...
_ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
)
_TATWEEL = "\u0640"
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        # Arabic-Indic (Mashriq) and Extended (Persian/Urdu) digits to Western digits.
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_LATIN_ACCENTS = re.compile("[\u0300-\u036f]")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})

# A word: letters and digits, with the marks that may sit on them (removed afterwards).
WORD = re.compile(
    r"[^\W_](?:[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]*)"
)

# Clitics glued to Arabic nouns that PostgreSQL's Snowball stemmer does not all remove
# (it keeps the waw of والمدرسة). Longest first; only stripped when a real stem remains.
ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
# One-letter proclitics (and, so, with, like, for): too ambiguous to strip from the index
# (فرنسا, بين, كتاب, لندن), so a query word that starts with one also matches without it.
SINGLE_PREFIXES = ("و", "ف", "ب", "ك", "ل")
# Light suffixes (Larkey's light10, abridged): feminine, plural, dual and pronoun endings.
ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_ARABIC_WORD = re.compile("^[\u0621-\u064a]+$")


def normalize_arabic(text: str) -> str:
    """Tashkeel and tatweel removed; أ إ آ ٱ → ا; ة → ه; ى → ي; Arabic-Indic digits → 0-9."""
    if not text:
        return ""
    # NFKC folds presentation forms (copy-pasted ﻻ, ﷲ…) into ordinary letters first.
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_ARABIC_LETTERS)


def normalize_french(text: str) -> str:
    """Case and accents ignored: "Élève" and "eleve" are the same word; œ → oe."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = _LATIN_ACCENTS.sub("", text)
    return unicodedata.normalize("NFC", text).casefold().translate(_LIGATURES)


def normalize(text: str, lang: str) -> str:
    """The searchable form of `text` in edition `lang`.

    Both rule sets apply in every edition: they touch different scripts, and an Arabic
    article quotes French names as often as a French one cites Arabic words. `lang`
    chooses which script's rules come first (and, for callers, the stemming).
    """
    if lang == "ar":
        return normalize_french(normalize_arabic(text))
    return normalize_arabic(normalize_french(text))


def strip_article(word: str) -> str:
    """والمدرسه → مدرسه: the definite article and the clitics before it, on Arabic words."""
    if not _ARABIC_WORD.match(word):
        return word
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def light_stem(word: str, lang: str) -> str:
    """A short key for substring matching: clitics and common endings removed.

    Arabic: article prefixes and one light suffix (مدرستها and المدرسة share مدرس);
    French and English: a plural s or x (écoles finds école).
    """
    if _ARABIC_WORD.match(word):
        word = strip_article(word)
        for suffix in ARABIC_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
        return word
    if lang != "ar" and len(word) > 3 and word[-1] in "sx" and word[-2] not in "sx":
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The words of raw `text` (marks kept; normalize each to compare)."""
    return WORD.findall(text or "")


def index_text(text: str, lang: str) -> str:
    """What is stored for search: normalized words, Arabic articles stripped, one space apart."""
    return " ".join(strip_article(w) for w in words(normalize(text, lang)))
