"""Date formatting for the public site, in Arabic, French and English.

We deliberately do not use Django's locale formats: its Arabic locale uses
Egyptian month names (إبريل, مايو), Arabic-Indic digits depend on the locale,
and the weekday/month layout differs between languages. Everything here is
spelled out explicitly so every page renders dates the same way.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation

__all__ = [
    "ARABIC_MONTH_VARIANTS",
    "STYLES",
    "format_date",
    "iso_format",
    "month_name",
    "weekday_name",
]

DEFAULT_LANGUAGE = "en"
DEFAULT_ARABIC_VARIANT = "maghreb"

# The Moroccan (Maghreb) names are the house style; the Mashriq names are what
# most other Arabic newsrooms and Django's own locale use.
ARABIC_MONTH_VARIANTS: dict[str, tuple[str, ...]] = {
    "maghreb": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ),
    "mashriq": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ),
}

_MONTHS: dict[str, tuple[str, ...]] = {
    # French typography keeps month and weekday names in lower case.
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# Indexed like datetime.weekday(): 0 is Monday.
_WEEKDAYS: dict[str, tuple[str, ...]] = {
    # Spelled with hamza (الإثنين, الأربعاء); the hamza-less forms are common
    # typos that the copy desk does not accept.
    "ar": ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": (
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ),
}

STYLES: frozenset[str] = frozenset({"date", "datetime", "time", "short", "month", "year"})
_TIME_STYLES: frozenset[str] = frozenset({"datetime", "time"})


def _resolve_language(lang: str | None) -> str:
    """Reduce a language code to one of "ar", "fr" or "en"."""
    if lang is None:
        # get_language() is None when translations are deactivated.
        lang = translation.get_language() or settings.LANGUAGE_CODE
    # Region and script parts ("fr-fr", "ar_MA") never change the spelling.
    base = lang.replace("_", "-").split("-")[0].lower()
    return base if base in _WEEKDAYS else DEFAULT_LANGUAGE


def _arabic_months() -> tuple[str, ...]:
    # Read on every call so override_settings and per-deploy settings apply.
    variant = getattr(settings, "NEWSROOM_ARABIC_MONTHS", DEFAULT_ARABIC_VARIANT)
    try:
        return ARABIC_MONTH_VARIANTS[variant]
    except (KeyError, TypeError):
        allowed = ", ".join(repr(name) for name in ARABIC_MONTH_VARIANTS)
        raise ImproperlyConfigured(
            f"NEWSROOM_ARABIC_MONTHS must be one of {allowed}; got {variant!r}."
        ) from None


def month_name(month: int, lang: str | None = None) -> str:
    """Return the name of ``month`` (1 = January) in ``lang``."""
    # Validate the setting even for French/English pages so a bad deploy
    # fails on the first render, not only on the first Arabic one.
    arabic = _arabic_months()
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, got {month!r}")
    language = _resolve_language(lang)
    names = arabic if language == "ar" else _MONTHS[language]
    return names[month - 1]


def weekday_name(weekday: int, lang: str | None = None) -> str:
    """Return the name of ``weekday`` (0 = Monday, as date.weekday()) in ``lang``."""
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be in 0..6 (0 = Monday), got {weekday!r}")
    return _WEEKDAYS[_resolve_language(lang)][weekday]


def _to_local(value: date) -> date:
    # Naive datetimes come from code that already works in local time, so
    # converting them again would shift them twice.
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _check_value(value: object, style: str) -> date:
    if not isinstance(value, date):
        raise TypeError(f"expected a date or datetime, got {type(value).__name__}")
    if style in _TIME_STYLES and not isinstance(value, datetime):
        raise TypeError(f"style {style!r} needs a datetime, got a date")
    return value


def _clock(value: datetime) -> str:
    # Always 24-hour, zero-padded, Western digits, whatever the locale.
    return f"{value.hour:02d}:{value.minute:02d}"


def _day_month_year(value: date, lang: str) -> str:
    # The day is not zero-padded ("1 avril"), matching print usage.
    return f"{value.day} {month_name(value.month, lang)} {value.year}"


def _long_date(value: date, lang: str) -> str:
    weekday = weekday_name(value.weekday(), lang)
    return f"{weekday} {_day_month_year(value, lang)}"


def format_date(value: date | None | str, style: str = "date", lang: str | None = None) -> str:
    """Format ``value`` for display.

    ``value`` may be an aware datetime (shown in the current time zone), a
    naive datetime (taken as already local), a date (date-only styles), or
    ``None``/"" which give "". ``lang`` defaults to the active language.
    """
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r}; use one of {sorted(STYLES)}")
    if value is None or value == "":
        return ""
    local = _to_local(_check_value(value, style))
    language = _resolve_language(lang)

    if style == "date":
        return _long_date(local, language)
    if style == "datetime":
        return f"{_long_date(local, language)} - {_clock(local)}"
    if style == "time":
        return _clock(local)
    if style == "short":
        return _day_month_year(local, language)
    if style == "month":
        return f"{month_name(local.month, language)} {local.year}"
    return str(local.year)


def iso_format(value: date) -> str:
    """Machine-readable form for ``<time datetime>``, in the same zone as the text.

    Seconds are kept but microseconds dropped: the attribute only needs to
    match what readers see, and shorter values are friendlier to crawlers.
    """
    local = _to_local(_check_value(value, "date"))
    if isinstance(local, datetime):
        return local.isoformat(timespec="seconds")
    return local.isoformat()
