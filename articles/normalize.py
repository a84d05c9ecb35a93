"""Spelling-insensitive forms of text, the same for what is indexed and what readers type.

Arabic readers rarely type the hamza, the tashkeel or the ta marbuta the copy desk uses, and
often type Arabic-Indic digits; French readers drop accents. Search compares the forms below,
never the spelling on the page (docs/search.md).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

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
        # Hamza on waw and on ya: readers type مسوول, رييس as often as مسؤول, رئيس.
        "ؤ": "و",
        "ئ": "ي",
        "ة": "ه",
        "ى": "ي",
        # Persian yeh and keheh, in text pasted from Persian or Urdu sources.
        "\u06cc": "ي",
        "\u06a9": "ك",
        # Arabic-Indic (Mashriq) and Extended (Persian/Urdu) digits to Western digits.
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_LATIN_ACCENTS = re.compile("[\u0300-\u036f]")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def _fold(text: str, table: dict[int, str]) -> str:
    """text.translate(table), done with one str.replace per letter present: translate() looks
    every character of a 1,000-word body up in a dict (1.5 ms), replace() runs in C."""
    for code, replacement in table.items():
        letter = chr(code)
        if letter in text:
            text = text.replace(letter, replacement)
    return text


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
_ARABIC_WORD = re.compile("^[\u0621-\u064a]+$")


def normalize_arabic(text: str) -> str:
    """Tashkeel and tatweel removed; أ إ آ ٱ → ا; ؤ → و; ئ → ي; ة → ه; ى → ي; Arabic-Indic
    digits → 0-9. The hamza on the line (ء) stays: it is a letter of وزراء, بناء, شيء."""
    if not text:
        return ""
    # NFKC folds presentation forms (copy-pasted ﻻ, ﷲ…) into ordinary letters first.
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).replace(_TATWEEL, "")
    return _fold(text, _ARABIC_LETTERS)


def normalize_french(text: str) -> str:
    """Case and accents ignored: "Élève" and "eleve" are the same word; œ → oe."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = _LATIN_ACCENTS.sub("", text)
    return _fold(unicodedata.normalize("NFC", text).casefold(), _LIGATURES)


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


def words(text: str) -> list[str]:
    """The words of raw `text` (marks kept; normalize each to compare)."""
    return WORD.findall(text or "")


# ---------------------------------------------------------------------------------------------
# Index terms (docs/search.md, "Language rules"): stop words, light stemming, broken plurals.
# The same functions produce the terms of documents and of queries, on every database.
# ---------------------------------------------------------------------------------------------

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"

# A normalized Arabic-script word: the Arabic letters, the hamza on the line, and the extra
# letters Moroccan copy uses for foreign sounds (ڤ v, ڭ گ g, پ p, چ tch).
_ARABIC_SCRIPT_WORD = re.compile("^[\u0621-\u063a\u0641-\u064a\u066e-\u06d3]+$")
_DIGIT = re.compile(r"\d")

# Pronoun suffixes stripped before the endings, longest first. ه (his, or ة) is stripped right
# after them and ي (my, or the nisba) last, in _arabic_endings(); ك alone is not stripped:
# second-person pronouns are rare in news copy, and بنوك, مشترك, سلوك, شريك end in ك.
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "ها", "نا")
# Sound plural (feminine ات, masculine ون/ين, genitive dual ين) endings.
# ات leaves three letters (قرارات → قرار); ون and ين four, because many singulars end in them
# (تعاون, قانون, مخزون; تدشين, تحسين, تكوين: تدشينه must meet تدشين) while the masculine plurals
# are of words of four letters or more (لاعبون, مسؤولين). Duals of three-letter nouns (شهرين,
# يومين) are in the lexicon.
PLURAL_SUFFIXES = {"ات": 3, "ون": 4, "ين": 4}
# Letters every stem keeps (three: the shortest Arabic root).
MIN_STEM = 3
# A query word this long that starts with a one-letter proclitic also matches without it.
QUERY_PROCLITIC_MIN = 4
# Words the article rule would wreck: ال + له.
_PROTECTED = {"الله": "الله", "والله": "الله", "بالله": "الله", "فالله": "الله", "لله": "الله"}


def _read_lines(name: str) -> list[str]:
    lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _stop_words() -> tuple[frozenset[str], frozenset[str]]:
    arabic = frozenset(normalize_arabic(w) for w in _read_lines("stopwords_ar.txt"))
    french = frozenset(normalize_french(w) for w in _read_lines("stopwords_fr.txt"))
    return arabic, french


@lru_cache(maxsize=1)
def broken_plurals() -> dict[str, str]:
    """Normalized plural → normalized singular (articles/lexicon/ar_broken_plurals.txt)."""
    table = {}
    for line in _read_lines("ar_broken_plurals.txt"):
        plural, singular = line.split("\t")
        table[normalize_arabic(plural.strip())] = normalize_arabic(singular.strip())
    return table


@lru_cache(maxsize=1)
def _french_exceptions() -> dict[str, str]:
    pairs = (line.split("\t") for line in _read_lines("fr_stems.txt"))
    return {normalize_french(word.strip()): term.strip() for word, term in pairs}


@lru_cache(maxsize=1)
def _french_stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("french")


def is_arabic_word(word: str) -> bool:
    return bool(_ARABIC_SCRIPT_WORD.match(word))


def is_stop_word(word: str) -> bool:
    """Whether a NORMALIZED word is a function word: the Arabic list for Arabic script, the
    French one for anything else (an Arabic article quotes French, and the other way round)."""
    arabic, french = _stop_words()
    return word in (arabic if is_arabic_word(word) else french)


def _pronoun_stem(word: str) -> str | None:
    """The word without its pronoun suffix, as written (مدرستها → مدرست), or None."""
    for suffix in PRONOUN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return None


def _strip_pronoun(word: str) -> tuple[str, bool]:
    rest = _pronoun_stem(word)
    if rest is None:
        return word, False
    return _restore_before_suffix(rest, 4), True


def _restore_before_suffix(stem: str, min_length: int, hamza: bool = True) -> str:
    """The letters a suffix changed back: ة written ت (مدرستها → مدرسه), and after a pronoun
    a hamza written on its seat (بناؤها, بنائها → بناء)."""
    if stem.endswith("ت") and not stem.endswith("ات") and len(stem) >= min_length:
        return stem[:-1] + "ه"
    if hamza and stem.endswith(("او", "اي")) and len(stem) >= MIN_STEM + 1:
        return stem[:-1] + "ء"
    return stem


def _lexicon_singular(word: str) -> str | None:
    """The singular of a broken plural, also with a pronoun (مدارسهم) or a hamza seat
    changed by the pronoun (اطباوهم)."""
    table = broken_plurals()
    if word in table:
        return table[word]
    rest = _pronoun_stem(word)
    if rest is not None:
        # بيوتها → بيوت; قضاتها → قضاه (ة written ت); اطباوهم → اطباء (hamza seat)
        for candidate in (rest, _restore_before_suffix(rest, 3), rest[:-1] + "ه"):
            if candidate in table:
                return table[candidate]
    if word.endswith(("اوه", "ايه")):  # رؤسائه, أطباؤه: ه after a hamza seat
        return table.get(word[:-2] + "ء")
    return None


def _strip_final_alef(word: str) -> str:
    """The accusative alef (عاما, طفلا; also فرنسا → فرنس, as فرنسي → فرنس), and, once a suffix
    is gone, ى written ا (مستواها → مستو, as مستوى → مستوي → مستو) or a final أ (مبدأها)."""
    if word.endswith("ا") and len(word) > MIN_STEM:
        return word[:-1]
    return word


def _arabic_endings(word: str) -> str:
    """Pronoun, ه (ة or "his"), final alef, sound plural, ه again, final alef again, nisba:
    each at most once, in this order, each only when MIN_STEM letters remain (four before ون
    and ين). The second ه and alef serve the words whose root ends in ه: اتجاه → اتج as
    اتجاهات → اتجاه → اتجا → اتج, مواجهة → مواجه → مواج as مواجهات → مواجه → مواج."""
    word, had_pronoun = _strip_pronoun(word)
    if word.endswith("ه") and len(word) > MIN_STEM:
        word = word[:-1]
        # دولته (ة + his) → دولت → دول; a root ت (ثابتة → ثاب) is found by query_forms.
        if not had_pronoun and word.endswith("ت") and not word.endswith("ات") and len(word) >= 4:
            word = word[:-1]
    word = _strip_final_alef(word)
    for suffix, min_stem in PLURAL_SUFFIXES.items():
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            word = word[: -len(suffix)]
            if suffix == "ين":  # dual of a ة word: الدولتين
                word = _restore_before_suffix(word, 4, hamza=False)
            break
    if word.endswith("ه") and len(word) > MIN_STEM:
        word = word[:-1]
        word = _strip_final_alef(word)
    if word.endswith("ي") and len(word) > MIN_STEM:
        word = word[:-1]
    return word


def _strip_article_prefix(word: str) -> str:
    """strip_article() for any Arabic-script word (also with ڤ ڭ پ: الڤيتنامي)."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


@lru_cache(maxsize=1)
def _alef_lam_words() -> frozenset[str]:
    return frozenset(normalize_arabic(w) for w in _read_lines("ar_alef_lam_words.txt"))


def _is_alef_lam_word(word: str) -> bool:
    """آلية, آليتها, آليات: a word of ar_alef_lam_words.txt, also under a pronoun."""
    words_ = _alef_lam_words()
    if word in words_:
        return True
    rest = _pronoun_stem(word)
    if rest is None and word.endswith("ه"):
        rest = word[:-1]  # آليته, ألعابه: "his"
    return rest is not None and (rest in words_ or _restore_before_suffix(rest, 4) in words_)


@lru_cache(maxsize=1)
def _kept_words() -> frozenset[str]:
    return frozenset(normalize_arabic(w) for w in _read_lines("ar_keep_words.txt"))


def _kept(word: str) -> str | None:
    """The term of a word indexed whole (ar_keep_words.txt): the listed word, also after one or
    two proclitics, which a listed name makes safe to strip (بوجده, وبالعيون, للعيون)."""
    kept = _kept_words()
    for cut in range(min(3, len(word))):
        if cut and word[cut - 1] not in SINGLE_PREFIXES:
            break
        rest = word[cut:]
        if rest in kept:
            return rest
        if rest.startswith("ل") and "ا" + rest in kept:
            return "ا" + rest  # للعيون: ل + العيون with one alef not written
    return None


def _stem_arabic(word: str) -> str:
    if word in _PROTECTED:
        return _PROTECTED[word]
    kept = _kept(word)
    if kept is not None:
        return kept
    if word.startswith("ال"):
        if _is_alef_lam_word(word):
            return _arabic_endings(word)
    elif word[0] in SINGLE_PREFIXES and _is_alef_lam_word(word[1:]):
        return word[0] + _arabic_endings(word[1:])  # وآليات, بألف
    bare = _strip_article_prefix(word)
    if bare != word and _is_alef_lam_word(bare):
        return _arabic_endings(bare)  # الآلية, والآليات
    if word.startswith(("لل", "ولل", "فلل")) and "ل" + bare in broken_plurals():
        # للجان is ل + اللجان with one lam written: the lexicon knows لجان.
        bare = "ل" + bare
    if bare != word and bare.startswith("ال") and len(bare) >= 4:
        # The article before a word that starts with أل إل آل (الألعاب, الآلاف): the bare
        # word (ألعاب → عاب) lost those two letters to the article rule, so this one does too.
        bare = bare[2:]
    singular = _lexicon_singular(bare)
    if singular is not None:
        return _kept(singular) or _arabic_endings(singular)
    if bare == word and word[0] in SINGLE_PREFIXES and len(word) > MIN_STEM:
        # ومدارسهم: the lexicon knows مدارس, not ومدارس; the proclitic is kept, as on any word.
        singular = _lexicon_singular(word[1:])
        if singular is not None:
            return word[0] + (_kept(singular) or _arabic_endings(singular))
    return _arabic_endings(bare)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term of one NORMALIZED word (output of words(normalize(text, lang))).

    Arabic: the article family stripped, then a broken plural replaced by its singular,
    then the light suffixes (see _arabic_endings); one-letter proclitics (و ف ب ك ل) are kept
    (query_forms() matches with and without them). Latin script: the Snowball French stemmer.
    Words with a digit (2030, cop22, 5g) and other scripts are kept as they are.
    """
    if not word or _DIGIT.search(word):
        return word
    if is_arabic_word(word):
        return _stem_arabic(word)
    if word.isascii() and word.isalpha():
        exception = _french_exceptions().get(word)
        return exception or _french_feminine(_french_stemmer().stemWord(word))
    return word


def _french_feminine(term: str) -> str:
    """Snowball leaves -if and -ive apart (sportif → sportif, sportive → sportiv): one term."""
    return term[:-1] + "f" if term.endswith("iv") and len(term) > 4 else term


def _keep_term(term: str) -> bool:
    return len(term) > 1 or term.isdigit()


def analyze(text: str, lang: str) -> list[str]:
    """The index terms of raw `text`, in order: normalized words, stop words dropped, each
    stemmed, one-letter terms dropped (digits kept)."""
    term_of = _index_term
    return [term for term in map(term_of, WORD.findall(normalize(text, lang))) if term]


@lru_cache(maxsize=200_000)
def _index_term(word: str) -> str:
    """stem(word), or "" for a stop word or a one-letter term: one cached look-up per word."""
    if is_stop_word(word):
        return ""
    term = stem(word)
    return term if _keep_term(term) else ""


@lru_cache(maxsize=20_000)
def query_forms(word: str) -> tuple[str, ...]:
    """Every index term a NORMALIZED query word may match, its own stem first.

    Arabic: also the word behind each one-letter proclitic (فرنسا finds وفرنسا, بفرنسا), and,
    when the word starts with one and has QUERY_PROCLITIC_MIN letters, the forms of the rest
    (وفرنسا finds فرنسا); each also with its ة/ت read the other way (_ta_marbuta_spellings).
    Empty for a one-letter word.
    """
    forms = [stem(word)]
    if not _keep_term(forms[0]):
        return ()  # a one-letter word is not indexed, nor is anything it would expand to
    if is_arabic_word(word) and word not in _PROTECTED:
        bases = [word]
        if word[0] in SINGLE_PREFIXES and len(word) >= QUERY_PROCLITIC_MIN:
            bases.append(word[1:])
        for base in bases:
            for spelling in _ta_marbuta_spellings(base):
                own = stem(spelling)
                forms.append(own)
                for proclitic in SINGLE_PREFIXES:
                    forms.append(proclitic + own)
                    forms.append(stem(proclitic + spelling))
    return tuple(dict.fromkeys(f for f in forms if _keep_term(f)))


def _ta_marbuta_spellings(word: str) -> tuple[str, ...]:
    """The word, and its ة read the other way: ة is written ت before a pronoun, and the index
    cannot always tell (سنتها: سنة + ها, بيتها: بيت + ها; حياتها: حياة + ها, or a plural in ات;
    ثابته: ثابت + ة, or ة + ه). سنه also matches سنت(ها), بيت also matches وبيت(ها), ثابت
    matches ثابته, and سنتها also matches سنه."""
    spellings = [word]
    if word.endswith("ته") and len(word) > 3:
        # ثابته: a root ت + ة (ثابت) or ة + his (حياته: حياه)
        spellings += [word[:-1], word[:-2] + "ه"]
    if word.endswith("ه") and len(word) > 2:
        spellings.append(word[:-1] + "ت")
    elif word.endswith("ت") and not word.endswith("ات"):
        spellings.append(word[:-1] + "ه")  # وبيتها is indexed as وبيه: و + بيت + ها
    rest = _pronoun_stem(word)
    if rest is not None and rest.endswith("ت"):
        spellings.append(rest[:-1] + "ه")
    return tuple(spellings)


def same_term(surface_word: str, terms: set[str] | frozenset[str]) -> bool:
    """Whether a word as printed (hamza, tashkeel, clitics, any case) has one of `terms` as
    its index term: the highlighter marks المدارس for a query مدرسة."""
    return any(stem(word) in terms for word in words(normalize(surface_word, "ar")))
