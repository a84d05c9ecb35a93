"""Template library ``news_dates``: the site's only way to show dates.

Usage::

    {% load news_dates %}
    {{ article.publish_at|news_date }}
    {{ article.publish_at|news_date:"datetime" }}
    {% news_time article.publish_at "datetime" %}
"""

from __future__ import annotations

import logging
from datetime import date

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from core.dates import format_date, iso_format
from core.memo import Memo

logger = logging.getLogger(__name__)

register = template.Library()


def _safe_format(value: object, style: str) -> str | None:
    # A typo in a style name or a wrong value type must not take a page down;
    # it is logged instead. ImproperlyConfigured is left to propagate because
    # a bad NEWSROOM_ARABIC_MONTHS should fail loudly at deploy time.
    try:
        return format_date(value, style)  # type: ignore[arg-type]
    except (ValueError, TypeError) as exc:
        logger.warning("news_dates: cannot format %r with style %r: %s", value, style, exc)
        return None


@register.filter
def news_date(value: date | None, style: str = "date") -> str:
    """``{{ value|news_date:"datetime" }}``; renders "" on any bad input."""
    return _safe_format(value, style) or ""


@register.simple_tag
def news_time(value: date | None, style: str = "date") -> SafeString | str:
    """``{% news_time value "datetime" %}`` -> ``<time datetime="...">…</time>``."""
    if value is None or value == "":
        return ""
    # Dates are absolute (no "5 minutes ago"): the same moment, style, language and time
    # zone always give the same markup, and a page shows the same few dozen moments as the
    # pages before it (the latest headlines, the cards).
    key = (value, style, get_language(), timezone.get_current_timezone_name())
    markup = _made.get(key)
    if markup is None:
        text = _safe_format(value, style)
        if not text:
            return ""
        markup = format_html('<time datetime="{}">{}</time>', iso_format(value), text)
        _made.put(key, markup)
    return markup


TIMES_REMEMBERED = 8192
_made = Memo(TIMES_REMEMBERED)


@receiver(setting_changed)
def _forget_made_times(**kwargs) -> None:
    """A setting that shapes dates (the Arabic month names, the time zone) changed: tests."""
    _made.clear()
