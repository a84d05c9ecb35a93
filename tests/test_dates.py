"""Tests for core.dates and the news_dates template library."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation

from core.dates import STYLES, format_date, iso_format, month_name, weekday_name
from core.templatetags.news_dates import news_date, news_time

# 2025-04-16 13:52 UTC is 14:52 in Casablanca (UTC+1 outside Ramadan).
REFERENCE = datetime(2025, 4, 16, 13, 52, tzinfo=UTC)
ARABIC_INDIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")

MONTHS = [
    # (month, maghreb, mashriq, French, English)
    (1, "يناير", "يناير", "janvier", "January"),
    (2, "فبراير", "فبراير", "février", "February"),
    (3, "مارس", "مارس", "mars", "March"),
    (4, "أبريل", "أبريل", "avril", "April"),
    (5, "ماي", "مايو", "mai", "May"),
    (6, "يونيو", "يونيو", "juin", "June"),
    (7, "يوليوز", "يوليو", "juillet", "July"),
    (8, "غشت", "أغسطس", "août", "August"),
    (9, "شتنبر", "سبتمبر", "septembre", "September"),
    (10, "أكتوبر", "أكتوبر", "octobre", "October"),
    (11, "نونبر", "نوفمبر", "novembre", "November"),
    (12, "دجنبر", "ديسمبر", "décembre", "December"),
]
MONTH_IDS = [str(row[0]) for row in MONTHS]

WEEKDAYS = [
    # (weekday, Arabic, French, English); 2025-04-14 is a Monday.
    (0, "الإثنين", "lundi", "Monday"),
    (1, "الثلاثاء", "mardi", "Tuesday"),
    (2, "الأربعاء", "mercredi", "Wednesday"),
    (3, "الخميس", "jeudi", "Thursday"),
    (4, "الجمعة", "vendredi", "Friday"),
    (5, "السبت", "samedi", "Saturday"),
    (6, "الأحد", "dimanche", "Sunday"),
]
WEEKDAY_IDS = [row[3] for row in WEEKDAYS]


@pytest.fixture(autouse=True)
def casablanca_maghreb() -> Iterator[None]:
    """Pin the settings these tests depend on, whatever the project's defaults."""
    with override_settings(TIME_ZONE="Africa/Casablanca", USE_TZ=True):
        # Deleting the setting exercises the "maghreb when unset" default.
        del settings.NEWSROOM_ARABIC_MONTHS
        yield


def render(source: str, **context: object) -> str:
    return Template("{% load news_dates %}" + source).render(Context(context))


# --- month and weekday names -------------------------------------------------


@pytest.mark.parametrize(
    ("month", "maghreb", "mashriq", "french", "english"), MONTHS, ids=MONTH_IDS
)
def test_month_names_default_to_maghreb(
    month: int, maghreb: str, mashriq: str, french: str, english: str
) -> None:
    assert month_name(month, "ar") == maghreb
    assert format_date(date(2025, month, 1), "month", "ar") == f"{maghreb} 2025"


@pytest.mark.parametrize(
    ("month", "maghreb", "mashriq", "french", "english"), MONTHS, ids=MONTH_IDS
)
def test_month_names_maghreb_explicit(
    month: int, maghreb: str, mashriq: str, french: str, english: str
) -> None:
    with override_settings(NEWSROOM_ARABIC_MONTHS="maghreb"):
        assert month_name(month, "ar") == maghreb


@pytest.mark.parametrize(
    ("month", "maghreb", "mashriq", "french", "english"), MONTHS, ids=MONTH_IDS
)
def test_month_names_mashriq(
    month: int, maghreb: str, mashriq: str, french: str, english: str
) -> None:
    with override_settings(NEWSROOM_ARABIC_MONTHS="mashriq"):
        assert month_name(month, "ar") == mashriq
        assert format_date(date(2025, month, 1), "month", "ar") == f"{mashriq} 2025"


@pytest.mark.parametrize(
    ("month", "maghreb", "mashriq", "french", "english"), MONTHS, ids=MONTH_IDS
)
def test_month_names_french_and_english(
    month: int, maghreb: str, mashriq: str, french: str, english: str
) -> None:
    assert month_name(month, "fr") == french
    assert month_name(month, "en") == english
    assert format_date(date(2025, month, 1), "month", "fr") == f"{french} 2025"


def test_arabic_variant_does_not_affect_other_languages() -> None:
    with override_settings(NEWSROOM_ARABIC_MONTHS="mashriq"):
        assert month_name(8, "fr") == "août"
        assert month_name(8, "en") == "August"


def test_django_egyptian_spellings_are_never_used() -> None:
    for variant in ("maghreb", "mashriq"):
        with override_settings(NEWSROOM_ARABIC_MONTHS=variant):
            assert "إبريل" not in month_name(4, "ar")
    with override_settings(NEWSROOM_ARABIC_MONTHS="maghreb"):
        assert month_name(5, "ar") == "ماي"


@pytest.mark.parametrize(("weekday", "arabic", "french", "english"), WEEKDAYS, ids=WEEKDAY_IDS)
def test_weekday_names(weekday: int, arabic: str, french: str, english: str) -> None:
    assert weekday_name(weekday, "ar") == arabic
    assert weekday_name(weekday, "fr") == french
    assert weekday_name(weekday, "en") == english
    # And the index convention matches date.weekday() on a real calendar day.
    day = date(2025, 4, 14) + timedelta(days=weekday)
    assert format_date(day, "date", "ar").startswith(arabic + " ")


def test_wednesday_and_monday_have_hamza() -> None:
    # Compared code point by code point: "أ" (U+0623) and "إ" (U+0625), not bare alef.
    assert weekday_name(2, "ar") == "\u0627\u0644\u0623\u0631\u0628\u0639\u0627\u0621"
    assert weekday_name(2, "ar") == "الأربعاء"
    assert weekday_name(0, "ar") == "\u0627\u0644\u0625\u062b\u0646\u064a\u0646"
    assert weekday_name(0, "ar") == "الإثنين"


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_out_of_range(month: int) -> None:
    with pytest.raises(ValueError, match="month"):
        month_name(month, "ar")


@pytest.mark.parametrize("weekday", [-1, 7])
def test_weekday_out_of_range(weekday: int) -> None:
    with pytest.raises(ValueError, match="weekday"):
        weekday_name(weekday, "ar")


# --- styles and the reference date -------------------------------------------


@pytest.mark.parametrize(
    ("lang", "style", "expected"),
    [
        ("ar", "date", "الأربعاء 16 أبريل 2025"),
        ("ar", "datetime", "الأربعاء 16 أبريل 2025 - 14:52"),
        ("ar", "time", "14:52"),
        ("ar", "short", "16 أبريل 2025"),
        ("ar", "month", "أبريل 2025"),
        ("ar", "year", "2025"),
        ("fr", "date", "mercredi 16 avril 2025"),
        ("fr", "datetime", "mercredi 16 avril 2025 - 14:52"),
        ("fr", "time", "14:52"),
        ("fr", "short", "16 avril 2025"),
        ("fr", "month", "avril 2025"),
        ("fr", "year", "2025"),
        ("en", "date", "Wednesday 16 April 2025"),
        ("en", "datetime", "Wednesday 16 April 2025 - 14:52"),
        ("en", "short", "16 April 2025"),
        ("en", "month", "April 2025"),
    ],
)
def test_reference_date_every_style(lang: str, style: str, expected: str) -> None:
    assert format_date(REFERENCE, style, lang) == expected


def test_default_style_is_date() -> None:
    assert format_date(REFERENCE, lang="ar") == "الأربعاء 16 أبريل 2025"


def test_hours_and_minutes_are_zero_padded() -> None:
    value = datetime(2025, 4, 16, 8, 5, tzinfo=UTC)  # 09:05 in Casablanca
    assert format_date(value, "time") == "09:05"
    assert format_date(value, "datetime", "fr") == "mercredi 16 avril 2025 - 09:05"


def test_time_is_24_hour() -> None:
    value = datetime(2025, 4, 16, 22, 7, tzinfo=UTC)
    assert format_date(value, "time", "en") == "23:07"


def test_french_first_of_month_is_plain_1() -> None:
    assert format_date(date(2025, 4, 1), "date", "fr") == "mardi 1 avril 2025"
    assert format_date(date(2025, 4, 1), "short", "ar") == "1 أبريل 2025"


# --- time zones -------------------------------------------------------------


def test_after_midnight_in_casablanca_is_the_next_day() -> None:
    # 23:30 UTC on Wednesday is already 00:30 on Thursday in Casablanca.
    value = datetime(2025, 4, 16, 23, 30, tzinfo=UTC)
    assert format_date(value, "datetime", "ar") == "الخميس 17 أبريل 2025 - 00:30"
    with timezone.override(UTC):
        assert format_date(value, "datetime", "ar") == "الأربعاء 16 أبريل 2025 - 23:30"


def test_new_year_boundary_changes_year_and_month() -> None:
    value = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)
    assert format_date(value, "month", "fr") == "janvier 2025"
    assert format_date(value, "year") == "2025"


def test_aware_datetime_in_another_zone_is_converted() -> None:
    paris = datetime(2025, 4, 16, 15, 52, tzinfo=ZoneInfo("Europe/Paris"))  # 13:52 UTC
    assert format_date(paris, "time") == "14:52"


def test_ramadan_shifts_casablanca_to_utc() -> None:
    # Morocco suspends its UTC+1 offset during Ramadan (2025: ~23 Feb to 6 Apr),
    # which only a real tz database knows about.
    assert format_date(datetime(2025, 3, 10, 12, 0, tzinfo=UTC), "time") == "12:00"
    assert format_date(datetime(2025, 4, 16, 12, 0, tzinfo=UTC), "time") == "13:00"


def test_naive_datetime_is_taken_as_local() -> None:
    naive = datetime(2025, 4, 16, 14, 52)
    assert format_date(naive, "datetime", "ar") == "الأربعاء 16 أبريل 2025 - 14:52"


def test_plain_date_works_for_date_only_styles() -> None:
    day = date(2025, 4, 16)
    assert format_date(day, "date", "ar") == "الأربعاء 16 أبريل 2025"
    assert format_date(day, "short", "fr") == "16 avril 2025"
    assert format_date(day, "month", "en") == "April 2025"
    assert format_date(day, "year") == "2025"


@pytest.mark.parametrize("style", ["time", "datetime"])
def test_plain_date_with_time_style_is_an_error(style: str) -> None:
    with pytest.raises(TypeError, match="needs a datetime"):
        format_date(date(2025, 4, 16), style)


# --- empty and bad input ----------------------------------------------------


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("value", [None, ""])
def test_empty_values_give_empty_string(value: object, style: str) -> None:
    assert format_date(value, style) == ""  # type: ignore[arg-type]


def test_unknown_style_raises() -> None:
    with pytest.raises(ValueError, match="unknown date style 'long'"):
        format_date(REFERENCE, "long")


def test_non_date_value_raises() -> None:
    with pytest.raises(TypeError, match="expected a date"):
        format_date("2025-04-16")  # type: ignore[arg-type]


def test_invalid_arabic_months_setting() -> None:
    with (
        override_settings(NEWSROOM_ARABIC_MONTHS="egypt"),
        pytest.raises(ImproperlyConfigured, match="NEWSROOM_ARABIC_MONTHS.*'egypt'"),
    ):
        format_date(REFERENCE, "date", "ar")


def test_invalid_arabic_months_setting_fails_for_every_language() -> None:
    # A bad deploy must not go unnoticed just because the first visitor reads French.
    with override_settings(NEWSROOM_ARABIC_MONTHS="Maghreb"):
        with pytest.raises(ImproperlyConfigured):
            month_name(4, "fr")
        with pytest.raises(ImproperlyConfigured):
            news_date(REFERENCE)


# --- language selection -----------------------------------------------------


@pytest.mark.parametrize(
    ("active", "expected"),
    [
        ("ar", "الأربعاء 16 أبريل 2025"),
        ("fr", "mercredi 16 avril 2025"),
        ("fr-fr", "mercredi 16 avril 2025"),
        ("fr-ca", "mercredi 16 avril 2025"),
        ("ar-ma", "الأربعاء 16 أبريل 2025"),
        ("en", "Wednesday 16 April 2025"),
        ("en-gb", "Wednesday 16 April 2025"),
        ("de", "Wednesday 16 April 2025"),
        ("es", "Wednesday 16 April 2025"),
    ],
)
def test_language_defaults_to_the_active_one(active: str, expected: str) -> None:
    with translation.override(active):
        assert format_date(REFERENCE) == expected


def test_explicit_lang_wins_over_active_language() -> None:
    with translation.override("fr"):
        assert format_date(REFERENCE, "short", "ar") == "16 أبريل 2025"
        assert format_date(REFERENCE, "short", "fr_FR") == "16 avril 2025"


def test_unknown_language_falls_back_to_english() -> None:
    assert month_name(8, "de") == "August"
    assert weekday_name(6, "tr") == "Sunday"


def test_deactivated_translation_uses_language_code() -> None:
    with translation.override(None):
        assert format_date(REFERENCE, "short") == "16 أبريل 2025"


# --- digits -----------------------------------------------------------------


def _all_outputs() -> list[str]:
    values: list[date] = [
        REFERENCE,
        datetime(2025, 3, 10, 12, 0, tzinfo=UTC),
        datetime(2024, 12, 31, 23, 59, tzinfo=UTC),
        datetime(2025, 8, 9, 0, 7),
    ]
    outputs = []
    for variant in ("maghreb", "mashriq"):
        with override_settings(NEWSROOM_ARABIC_MONTHS=variant):
            for lang in ("ar", "ar-ma", "fr", "en"):
                for value in values:
                    for style in STYLES:
                        outputs.append(format_date(value, style, lang))
                    with translation.override(lang):
                        outputs.append(str(news_time(value, "datetime")))
                        outputs.append(render("{{ v|news_date:'datetime' }}", v=value))
    return outputs


def test_no_arabic_indic_digits_anywhere() -> None:
    outputs = _all_outputs()
    assert len(outputs) > 100
    for text in outputs:
        assert text
        assert not ARABIC_INDIC_DIGITS.search(text), text
    with translation.override("ar"):
        assert re.search("[0-9]{4}", render("{{ v|news_date }}", v=REFERENCE))


# --- template filter --------------------------------------------------------


@pytest.mark.parametrize("value", [None, ""])
def test_filter_with_empty_value(value: object) -> None:
    assert news_date(value) == ""  # type: ignore[arg-type]
    assert news_date(value, "datetime") == ""  # type: ignore[arg-type]
    assert render("[{{ v|news_date }}]", v=value) == "[]"


def test_filter_with_missing_variable() -> None:
    assert render("[{{ article.publish_at|news_date }}]") == "[]"


def test_filter_unknown_style_logs_and_renders_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="core.templatetags.news_dates"):
        assert news_date(REFERENCE, "long") == ""
        assert render("[{{ v|news_date:'long' }}]", v=REFERENCE) == "[]"
    assert "long" in caplog.text


def test_filter_bad_value_logs_and_renders_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="core.templatetags.news_dates"):
        assert news_date("yesterday") == ""  # type: ignore[arg-type]
        assert news_date(date(2025, 4, 16), "time") == ""
    assert len(caplog.records) == 2


# --- template tag -----------------------------------------------------------


def test_tag_datetime_attribute_has_offset() -> None:
    with translation.override("ar"):
        html = str(news_time(REFERENCE, "datetime"))
    assert html == (
        '<time datetime="2025-04-16T14:52:00+01:00">الأربعاء 16 أبريل 2025 - 14:52</time>'
    )


def test_tag_attribute_follows_ramadan_offset() -> None:
    value = datetime(2025, 3, 10, 12, 0, 30, 123456, tzinfo=UTC)
    assert iso_format(value) == "2025-03-10T12:00:30+00:00"


def test_tag_with_date() -> None:
    with translation.override("fr"):
        html = str(news_time(date(2025, 4, 16)))
    assert html == '<time datetime="2025-04-16">mercredi 16 avril 2025</time>'


def test_tag_with_naive_datetime_has_no_offset() -> None:
    assert iso_format(datetime(2025, 4, 16, 14, 52)) == "2025-04-16T14:52:00"


@pytest.mark.parametrize("value", [None, ""])
def test_tag_with_empty_value(value: object) -> None:
    assert news_time(value) == ""  # type: ignore[arg-type]
    assert render("[{% news_time v 'datetime' %}]", v=value) == "[]"


def test_tag_unknown_style_renders_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="core.templatetags.news_dates"):
        assert render("[{% news_time v 'long' %}]", v=REFERENCE) == "[]"
    assert caplog.records


def test_tag_output_is_not_double_escaped() -> None:
    with translation.override("en"):
        out = render("{% news_time v %}", v=REFERENCE)
    assert out == '<time datetime="2025-04-16T14:52:00+01:00">Wednesday 16 April 2025</time>'


# --- full template rendering --------------------------------------------------

TEMPLATE = (
    "{{ a.publish_at|news_date }}|"
    '{{ a.publish_at|news_date:"datetime" }}|'
    '{{ a.publish_at|news_date:"short" }}|'
    '{{ a.publish_at|news_date:"month" }}|'
    '{% news_time a.publish_at "time" %}'
)


def test_template_rendering_arabic() -> None:
    with translation.override("ar"):
        out = render(TEMPLATE, a={"publish_at": REFERENCE})
    assert out.split("|") == [
        "الأربعاء 16 أبريل 2025",
        "الأربعاء 16 أبريل 2025 - 14:52",
        "16 أبريل 2025",
        "أبريل 2025",
        '<time datetime="2025-04-16T14:52:00+01:00">14:52</time>',
    ]


def test_template_rendering_arabic_mashriq() -> None:
    august = datetime(2025, 8, 6, 9, 0, tzinfo=UTC)
    with override_settings(NEWSROOM_ARABIC_MONTHS="mashriq"), translation.override("ar"):
        assert render("{{ d|news_date }}", d=august) == "الأربعاء 6 أغسطس 2025"
    with translation.override("ar"):
        assert render("{{ d|news_date }}", d=august) == "الأربعاء 6 غشت 2025"


def test_template_rendering_french() -> None:
    with translation.override("fr"):
        out = render(TEMPLATE, a={"publish_at": REFERENCE})
    assert out.split("|") == [
        "mercredi 16 avril 2025",
        "mercredi 16 avril 2025 - 14:52",
        "16 avril 2025",
        "avril 2025",
        '<time datetime="2025-04-16T14:52:00+01:00">14:52</time>',
    ]
