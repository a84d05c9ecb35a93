"""Dates in the back office are in the house style too (Moroccan months, hamza weekdays,
24 h, Western digits), wherever Django's admin formats them itself: read-only fields, the
change list's date drill-down, Django's own date filters. Django's Arabic locale says
نوفمبر, الاثنين and "2:19 م": not here."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, translation

from tests.factories import ArticleFactory
from tests.personas import make_editor, make_journalist

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")
WHEN = datetime(2026, 11, 30, 14, 52, tzinfo=CASABLANCA)  # a Monday afternoon


@pytest.fixture
def arabic_admin(client):
    client.cookies["django_language"] = "ar"
    return client


def test_a_read_only_article_shows_its_dates_in_the_house_style(arabic_admin):
    sara = make_journalist("sara")
    article = ArticleFactory(publish_at=WHEN, created_by=sara)  # published: read-only for her
    arabic_admin.force_login(sara)
    page = arabic_admin.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "30 نونبر 2026" in page
    assert "14:52" in page
    assert "نوفمبر" not in page
    assert "2:52" not in page


def test_the_change_list_drill_down_names_moroccan_months(arabic_admin):
    ArticleFactory(publish_at=WHEN)
    arabic_admin.force_login(make_editor())
    page = arabic_admin.get("/admin/articles/article/", {"publish_at__year": 2026}).content.decode()
    assert "نونبر" in page
    assert "نوفمبر" not in page


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 8, 5, 9, 3, tzinfo=CASABLANCA), "5 غشت 2026، 09:03"),
        (datetime(2026, 7, 1, 23, 0, tzinfo=CASABLANCA), "1 يوليوز 2026، 23:00"),
    ],
)
def test_django_date_formats_are_the_house_style_in_arabic(value, expected):
    with translation.override("ar"):
        assert formats.date_format(value, "DATETIME_FORMAT") == expected


def test_django_weekday_names_carry_the_hamza():
    with translation.override("ar"):
        assert formats.date_format(datetime(2026, 11, 30), "l") == "الإثنين"
        assert formats.date_format(datetime(2026, 12, 2), "l") == "الأربعاء"


def test_french_dates_are_untouched():
    with translation.override("fr"):
        assert formats.date_format(WHEN, "DATETIME_FORMAT") == "30 novembre 2026 14:52"
