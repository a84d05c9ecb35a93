"""`{% picture %}`: a picture from its rendition manifest (core/renditions.py).

    {% load pictures %}
    {% picture article.cover_renditions "card" alt=article.cover_alt sizes="(min-width: 48em) 12rem, 7.5rem" %}
    {% picture article.cover_renditions "wide" alt=article.cover_alt sizes="…" priority=True %}

Writes `<picture>` with AVIF and WebP `<source>`s and an `<img>` fallback (JPEG, or the PNG
or GIF a banner keeps) with `srcset`, `sizes`, `width`, `height`, `alt`, `loading` and
`decoding`; `priority=True` (the page's largest picture) loads it eagerly with
`fetchpriority="high"`. It reads the manifest only: no storage call, no query, so it costs
nothing per card of a listing. Nothing is written when the manifest has no rendition
(never the original upload).
"""

from django import template
from django.core.files.storage import default_storage

from core.memo import Memo
from core.renditions import FALLBACK_FORMATS, best_url, entries_for, picture_html

register = template.Library()

# Made markup, by what determines it: rendition names carry the source's content, the size,
# the crop and the encoder, so a name seen again is the same picture. A listing shows the
# same few hundred pictures on every page and in every generation; building one costs
# about as much as the rest of its card (a dozen URLs and escaped attributes).
PICTURES_REMEMBERED = 4096


@register.simple_tag
def picture(
    manifest,
    spec,
    alt="",
    sizes="100vw",
    loading="lazy",
    priority=False,
    width=None,
    **attributes,
):
    entries = entries_for(manifest, spec)
    width = int(width) if width else None
    options = {
        "alt": str(alt),
        "sizes": str(sizes),
        "loading": str(loading),
        "priority": bool(priority),
        "css_class": str(attributes.get("class", "")),
        "width": width,
    }
    key = (
        _entries_key(manifest, entries),
        spec,
        tuple(options.values()),
        getattr(default_storage, "base_url", ""),
    )
    markup = _made.get(key)
    if markup is None:
        markup = picture_html(manifest, spec, url=default_storage.url, **options)
        _made.put(key, markup)
    return markup


def _entries_key(manifest, entries) -> tuple:
    """What the entries shown depend on, cheaply. A manifest the pipeline made carries its
    specs' fingerprint (`version`: every spec's widths, shape and formats, and the encoder);
    with the name of the first rendition shown (its folder, the source's SHA-256, which
    fixes its size and transparency, its size and its crop) that fingerprint determines
    every entry: no need to walk them (the last one's name and their number are kept too,
    for a manifest cut short by hand). A manifest without a fingerprint: the entries
    themselves, key by key."""
    if not entries:
        return ()
    version = manifest.get("version") if isinstance(manifest, dict) else None
    if version:
        first, last = entries[0], entries[-1]
        for fmt in FALLBACK_FORMATS:
            if fmt in first and fmt in last:
                return (version, first[fmt], last[fmt], len(entries))
    return tuple(tuple(entry.items()) for entry in entries)


_made = Memo(PICTURES_REMEMBERED)


@register.simple_tag
def rendition_url(manifest, spec):
    """The URL of the widest fallback rendition of `spec` ("" when there is none)."""
    return best_url(manifest, spec, default_storage.url)[0]
