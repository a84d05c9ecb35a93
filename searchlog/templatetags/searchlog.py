"""`{% search_beacon query.text results %}`: counts the search when the page is shown.

Put it on the search results page (templates/search/results.html) with the cleaned query
and the number of articles found; it renders nothing for an empty query or for page 2 and
beyond (turning pages is not searching again). searchlog/beacon.py says why a beacon.
"""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from core.editions import current_language

from ..beacon import make_token

register = template.Library()


@register.simple_tag(takes_context=True)
def search_beacon(context, text, results=0) -> str:
    if not (text or "").strip():
        return ""
    request = context.get("request")
    if request is not None and request.GET.get("page", "1") not in ("", "1"):
        return ""
    url = f"{reverse('searchlog:seen')}?t={make_token(current_language(), text, results or 0)}"
    return format_html(
        '<script src="{}" defer data-count-reading="{}"></script>',
        static("articles/reading.js"),
        url,
    )
