"""`{% card %}`: an article in a listing (home, sections, tags, authors, archives).

    {% load cards %}
    {% card article "lead" show_lead=True show_section=True %}
    {% card article "row" show_lead=True show_time_only=True show_section=show_section %}

Sizes: "lead" (the home page's largest picture, loaded first), "row" (picture beside the
text), "medium" (the default, the home's section blocks), "compact" (no picture).

One picture shown at two sizes on a page (two articles with the same cover: an agency's
file photo, the demo's shared covers) would be downloaded twice, once per size: a page
that knows its cards passes `picture_places` (`shared_places()`: cover digest → the largest
size it is shown at) and every card of that picture writes the `<picture>` of its largest
place (same srcset, same `sizes`), so the browser chooses one file for all of them.

Written in Python rather than as an included template: a home page shows about 40 cards,
and `{% include %}` of a template per card was three fifths of the home page's rendering
(docs/performance.md). The markup, the escaping and the helpers are the same: the title
and lead are escaped, the title carries its edition's `lang`/`dir` (`text_lang`), dates
come from `news_time`, pictures from `{% picture %}` (never the original upload).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from core.templatetags.news_dates import news_time
from core.templatetags.pictures import picture
from core.templatetags.site_tags import text_lang

register = template.Library()

# The picture of each size: its rendition spec and the width it takes in each layout
# (static/css/site.css: the lead is 3/5 of the page from 64em; .grid columns of 11rem to
# 24rem; rows show a 12rem picture, 7.5rem on phones).
PICTURES = {
    "lead": {
        "spec": "wide",
        "sizes": "(min-width: 76rem) 44rem, (min-width: 64em) 58vw, calc(100vw - 2rem)",
        "priority": True,
    },
    "row": {"spec": "card", "sizes": "(min-width: 48em) 12rem, 7.5rem", "width": 320},
    "medium": {
        "spec": "card",
        "sizes": "(min-width: 64em) 14rem, (min-width: 48em) 30vw, min(24rem, calc(100vw - 2rem))",
    },
}


# Largest first: the place whose picture the others of the same picture use.
LARGEST_FIRST = ("lead", "medium", "row")


def shared_places(placed) -> dict[str, str]:
    """Cover digest → the largest size (`LARGEST_FIRST`) it is shown at, for the pictures
    `placed` ((article, size) pairs of one page) shows at more than one size."""
    sizes: dict[str, set[str]] = {}
    for article, size in placed:
        digest = (article.cover_renditions or {}).get("digest")
        if digest and size in PICTURES:
            sizes.setdefault(digest, set()).add(size)
    return {
        digest: next(size for size in LARGEST_FIRST if size in seen)
        for digest, seen in sizes.items()
        if len(seen) > 1
    }


@register.simple_tag(takes_context=True)
def card(
    context,
    article,
    size: str = "medium",
    show_lead: bool = False,
    show_section: bool = False,
    show_time_only: bool = False,
) -> SafeString:
    size = size or "medium"
    url = conditional_escape(article.get_absolute_url())
    parts = [f'<article class="card card-{conditional_escape(size)}">\n']
    if article.cover_renditions and size != "compact":
        options = dict(PICTURES.get(size, PICTURES["medium"]))
        places = context.get("picture_places")
        shown_as = places.get(article.cover_renditions.get("digest")) if places else None
        if shown_as and shown_as != size:
            # Shown larger elsewhere on the page: the same choice of file as there.
            options = {**PICTURES[shown_as], "priority": False}
        spec = options.pop("spec")
        markup = picture(article.cover_renditions, spec, alt=article.cover_alt, **options)
        parts.append(
            f'  <a class="card-media" href="{url}" tabindex="-1" aria-hidden="true">{markup}</a>\n'
        )
    parts.append('  <div class="card-body">\n')
    if show_section:
        section = article.section
        parts.append(
            f'    <a class="kicker" href="{conditional_escape(section.get_absolute_url())}">'
            f"{conditional_escape(section.name)}</a>\n"
        )
    heading = "h2" if size == "lead" else "h3"
    parts.append(
        f'    <{heading} class="card-title"><a href="{url}"><bdi {text_lang()}>'
        f"{conditional_escape(article.title)}</bdi></a></{heading}>\n"
    )
    if show_lead and article.lead:
        parts.append(f'    <p class="card-summary">{conditional_escape(article.lead)}</p>\n')
    style = "time" if show_time_only else "datetime"
    parts.append(f'    <p class="meta">{news_time(article.publish_at, style)}</p>\n')
    parts.append("  </div>\n</article>")
    return mark_safe("".join(parts))
