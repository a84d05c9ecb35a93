"""The one HTML allow-list for article bodies, and the cleaning of plain text fields.

Everything that reaches the database through `Article.save()` goes through
`sanitize_html`, whatever produced it (the rich-text editor, an import, a shell); titles,
leads, names and tags go through `strip_bidi_controls` (via `strip_bidi_from`) in their
models' save().
"""

import html
import re

import nh3
from django.conf import settings
from django.utils.html import strip_tags

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
        "a", "strong", "em", "b", "i",
        "figure", "img", "figcaption", "picture", "source",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # srcset/sizes: the responsive markup of body pictures (articles/body_images.py);
    # srcset only ever names our own media (_filter_attribute).
    "img": {"src", "alt", "width", "height", "srcset", "sizes"},
    "source": {"srcset", "sizes"},
    # Authors write in two directions; `dir` lets a French quote sit in an Arabic body.
    "p": {"dir"},
    "blockquote": {"dir"},
    "li": {"dir"},
    "h2": {"dir"},
    "h3": {"dir"},
    "h4": {"dir"},
}
# Attributes allowed with these values only.
ALLOWED_VALUES = {
    "img": {"loading": {"lazy", "eager"}, "decoding": {"async", "sync", "auto"}},
    "source": {"type": {"image/avif", "image/webp", "image/jpeg", "image/png", "image/gif"}},
}
# Relative URLs (our own /media/…) pass; any other scheme, javascript: and data: included,
# is dropped together with the attribute.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_DESCRIPTOR = re.compile(r"[1-9][0-9]{0,4}w|[0-9]{1,2}(\.[0-9]{1,3})?x")
# `sizes`: media conditions and lengths, e.g. `(min-width: 48rem) 46rem, calc(100vw - 2rem)`:
# numbers with a unit, width/height conditions, CSS maths and punctuation; no other word, no
# quote, no url(). Token by token with a possessive loop: linear, whatever the input.
_SIZES = re.compile(
    r"(?:[0-9.]++(?:px|em|rem|vw|vh|vmin|vmax|%)?"
    r"|(?:min|max)-(?:width|height)|calc|clamp|min|max|and|[ ()+\-*/,:])*+"
)


def _own_media_url(url: str) -> bool:
    media = settings.MEDIA_URL
    if not url.startswith(media) or any(c in url for c in '"<>\\'):
        return False
    # "/media/" must not turn into "//host/…" (a URL of another site).
    return not url.startswith("//") or media.startswith("//")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """src and srcset of pictures name our own media only (a picture of another site could
    track readers, an http: one can be changed on the way); sizes is a media condition and
    lengths, nothing else. An <img> that loses its src shows its alt text, and loads nothing."""
    if tag == "img" and name == "src":
        return value if _own_media_url(value) else None
    if name == "srcset":
        candidates = [part.split() for part in value.split(",")]
        for candidate in candidates:
            if not 1 <= len(candidate) <= 2 or not _own_media_url(candidate[0]):
                return None
            if len(candidate) == 2 and not _DESCRIPTOR.fullmatch(candidate[1]):
                return None
        return value
    if name == "sizes":
        balanced = value.count("(") == value.count(")")
        return value if len(value) <= 300 and balanced and _SIZES.fullmatch(value) else None
    return value


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    tag_attribute_values={
        tag: {name: set(values) for name, values in attrs.items()}
        for tag, attrs in ALLOWED_VALUES.items()
    },
    attribute_filter=_filter_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer",
    # The content of these elements is dropped with them, not kept as text.
    clean_content_tags={"script", "style", "svg", "math", "template", "iframe", "object"},
    strip_comments=True,
)


_PICTURE_TAG = re.compile(r"""<(?:img|source)\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)
_PICTURE_URL = re.compile(r"""\s(src|srcset)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)


def foreign_pictures(markup: str | None) -> list[str]:
    """The picture URLs of `markup` (img src, img/source srcset) that are not our own media,
    in order, once each: the sanitizer would drop them; the article form names them."""
    found: list[str] = []
    matches = (
        m for tag in _PICTURE_TAG.finditer(markup or "") for m in _PICTURE_URL.finditer(tag[0])
    )
    for match in matches:
        value = html.unescape(match[2].strip("\"'"))
        urls = (
            [value]
            if match[1].lower() == "src"
            else [c.split()[0] for c in value.split(",") if c.split()]
        )
        for url in urls:
            if url and not _own_media_url(url) and url not in found:
                found.append(url)
    return found


def sanitize_html(html: str | None) -> str:
    if not html:
        return ""
    return _cleaner.clean(html).strip()


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(markup: str | None) -> str:
    """Readable text of (sanitized) article HTML: one line per block, tags gone, entities
    decoded. Used by the revision diff and by the search index."""
    text = _BLOCK_END.sub("\n", markup or "")
    text = html.unescape(strip_tags(text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# Bidirectional embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI,
# PDI). In a title they reorder what readers see ("Trojan Source" spoofing: ‮ makes a
# text read backwards) and, left unbalanced, leak their direction into the rest of the
# line; the templates already isolate every title and name. The marks LRM, RLM (U+200E,
# U+200F) and ALM (U+061C) are kept: they are zero-width letters that fix the place of a
# neutral (a full stop after "COP22" in an Arabic title), cannot reorder a run or leak
# out of the text, and Arabic keyboards type them.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI_CONTROLS = str.maketrans(dict.fromkeys(BIDI_CONTROLS))


def strip_bidi_controls(text: str | None) -> str | None:
    """`text` without bidi embedding/override/isolate controls (None stays None)."""
    return text.translate(_NO_BIDI_CONTROLS) if text else text


def strip_bidi_from(instance, fields, languages=()) -> None:
    """Strip bidi controls from the plain text `fields` of a model instance, in each of
    `languages` when the fields are translated (title -> title_ar, title_fr…)."""
    for name in fields:
        for column in [f"{name}_{code}" for code in languages] or [name]:
            value = getattr(instance, column, None)
            if isinstance(value, str):
                setattr(instance, column, strip_bidi_controls(value))
