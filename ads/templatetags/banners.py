"""Banner slots in templates: `{% banner_slot "sidebar" %}` and where in-text slots go."""

from html.parser import HTMLParser

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.editions import current_language

from .. import banners
from ..models import Slot

register = template.Library()


@register.simple_tag(takes_context=True)
def banner_slot(context, slot: str) -> SafeString:
    """The slot's box, of the slot's size, for ads.js to fill; nothing if no banner may run.

    Readers without JavaScript get a banner chosen now, in <noscript>.
    """
    if slot not in Slot.values:
        raise template.TemplateSyntaxError(f"Unknown banner slot {slot!r}")
    request = context.get("request")
    lang = current_language()
    try:
        running = banners.eligible_from(banners.request_candidates(request, lang), slot)
    except Exception:  # a banner problem must never break the page around it
        banners.logger.exception("banner slot %s could not be rendered", slot)
        return mark_safe("")
    if not running:
        return mark_safe("")
    chosen = banners.choose(running)
    # No request: the slot needs none, and with one every slot would run every context
    # processor of the site again (four slots per article page).
    return mark_safe(render_to_string("ads/slot.html", {"slot": slot, "fallback": chosen.html}))


@register.filter(is_safe=True)
def with_slot_after_paragraph(html: str, slot_html: str) -> SafeString:
    """`html` (sanitized article text) with `slot_html` after its n-th top-level paragraph.

    n is NEWSROOM_IN_ARTICLE_AD_AFTER; paragraphs inside quotes or lists are not counted.
    With fewer paragraphs the slot comes after the text.
    """
    html = html or ""
    if not slot_html:
        return mark_safe(html)
    at = paragraph_end(html, settings.NEWSROOM_IN_ARTICLE_AD_AFTER)
    if at is None:
        return mark_safe(html + slot_html)
    return mark_safe(html[:at] + slot_html + html[at:])


class _ParagraphEnds(HTMLParser):
    VOID = {"br", "img", "hr", "wbr", "source", "input", "meta", "link", "col", "area", "embed"}

    def __init__(self, wanted: int):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.depth = 0
        self.count = 0
        self.position = None

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.depth = max(0, self.depth - 1)
        if tag == "p" and self.depth == 0 and self.position is None:
            self.count += 1
            if self.count == self.wanted:
                self.position = self.getpos()


def paragraph_end(html: str, n: int) -> int | None:
    """The offset just after the n-th top-level `</p>` of `html`, or None."""
    if n < 1:
        return 0
    parser = _ParagraphEnds(n)
    parser.feed(html)
    parser.close()
    if parser.position is None:
        return None
    line, column = parser.position
    # HTMLParser counts lines by "\n" only.
    offset = sum(len(text) + 1 for text in html.split("\n")[: line - 1]) + column
    return html.index(">", offset) + 1


@register.simple_tag
def listing_slot_position(days) -> tuple[int, int] | None:
    """(day index, item index) of the item after which the listing slot goes, or None.

    After the NEWSROOM_LISTING_AD_AFTER-th item of the page, and only when more follow.
    """
    after = settings.NEWSROOM_LISTING_AD_AFTER
    if after < 1:
        return None
    seen = 0
    total = sum(len(day.articles) for day in days)
    if total <= after:
        return None
    for day_index, day in enumerate(days):
        if seen + len(day.articles) >= after:
            return (day_index, after - seen - 1)
        seen += len(day.articles)
    return None
