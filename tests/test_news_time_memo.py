"""`{% news_time %}` remembers the markup of a moment (core/templatetags/news_dates.py): the
same moment in another language, style or time zone, or after the month names change, is
written anew."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation

MOMENT = datetime(2026, 8, 5, 13, 52, tzinfo=UTC)  # 14:52 in Casablanca (UTC+1)


def render(style: str = "datetime") -> str:
    template = Template("{% load news_dates %}{% news_time moment style %}")
    return template.render(Context({"moment": MOMENT, "style": style}))


def test_language_style_and_time_zone_each_give_their_own_markup():
    with translation.override("ar"):
        arabic = render()
        assert render() == arabic
        assert "غشت" in arabic
        assert "14:52" in arabic
        assert render("time") != arabic
    with translation.override("fr"):
        french = render()
    assert "août" in french
    with translation.override("ar"), timezone.override("UTC"):
        assert "13:52" in render()
    with translation.override("ar"):
        assert render() == arabic


def test_changed_month_names_are_not_hidden_by_what_was_remembered():
    with translation.override("ar"):
        assert "غشت" in render()
        with override_settings(NEWSROOM_ARABIC_MONTHS="mashriq"):
            assert "أغسطس" in render()
        assert "غشت" in render()
