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

from core.renditions import best_url, picture_html

register = template.Library()


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
    return picture_html(
        manifest,
        spec,
        url=default_storage.url,
        alt=alt,
        sizes=sizes,
        loading=loading,
        priority=bool(priority),
        css_class=attributes.get("class", ""),
        width=int(width) if width else None,
    )


@register.simple_tag
def rendition_url(manifest, spec):
    """The URL of the widest fallback rendition of `spec` ("" when there is none)."""
    return best_url(manifest, spec, default_storage.url)[0]
