"""`{% card %}`: an article in a listing (home, sections, tags, authors, archives).

    {% load cards %}
    {% card article "lead" show_lead=True show_section=True %}
    {% card article "row" show_lead=True show_time_only=True show_section=show_section %}

Sizes: "lead" (the home page's largest picture, loaded first), "row" (picture beside the
text), "medium" (the default, the home's section blocks), "compact" (no picture).

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


@register.simple_tag
def card(
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
