"""What readers search for (searchlog, docs/searchlog.md): weekly counts per edition and
query, recorded by the search page's beacon (cached pages included), shown to editors in a
read-only admin table, forgotten after SEARCHLOG_KEEP_WEEKS weeks."""

import html
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.template import Context, Template
from django.test import Client
from django.utils import timezone

from articles.models import Article
from searchlog import services
from searchlog.beacon import make_token
from searchlog.models import WeeklySearch
from searchlog.services import record_search, week_of
from tests.concurrency import require_postgresql, run_together
from tests.personas import make_administrator, make_editor, make_journalist
from tests.world import reference_world

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
ADMIN_TABLE = "/admin/searchlog/weeklysearch/"


def rows(**filters) -> list[tuple]:
    return list(
        WeeklySearch.objects.filter(**filters)
        .order_by("week", "language", "normalized")
        .values_list("week", "language", "normalized", "text", "searches", "zero_results")
    )


# --- recording and aggregating ------------------------------------------------------------


def test_spellings_of_one_query_add_up_in_one_row_showing_the_latest(time_machine):
    time_machine.move_to(datetime(2026, 12, 2, 10, 0, tzinfo=CASABLANCA), tick=False)
    record_search("ar", "الإنتخابات  الجماعية", 3)
    time_machine.move_to(datetime(2026, 12, 2, 11, 0, tzinfo=CASABLANCA), tick=False)
    record_search("ar", "الانتخابات الجماعيّة", 0)  # no hamza, a shadda, one space
    record_search("fr", "Élections Municipales", 2)
    record_search("fr", " elections   municipales ", 0)

    monday = date(2026, 11, 30)
    assert rows() == [
        (monday, "ar", "الانتخابات الجماعيه", "الانتخابات الجماعيّة", 2, 1),
        (monday, "fr", "elections municipales", "elections municipales", 2, 1),
    ]
    row = WeeklySearch.objects.get(language="ar")
    assert row.last_seen == datetime(2026, 12, 2, 11, 0, tzinfo=CASABLANCA)


def test_the_same_words_in_the_two_editions_are_two_rows():
    record_search("ar", "Maroc", 1)
    record_search("fr", "Maroc", 1)
    assert [(r[1], r[4]) for r in rows()] == [("ar", 1), ("fr", 1)]


def test_zero_result_searches_are_counted_apart():
    for results in (0, 4, 0, 1000, 0):
        record_search("fr", "budget", results)
    assert rows()[0][4:] == (5, 3)


@pytest.mark.parametrize("text", ["", "   ", "\u200f", "\u0640\u064e"])
def test_an_empty_query_is_not_recorded(text):
    record_search("ar", text, 0)
    assert rows() == []


def test_a_long_query_is_cut_at_200_characters():
    long = "مدرسة " * 60  # 360 characters
    record_search("ar", long, 0)
    record_search("ar", long + "إضافة", 0)  # differs only beyond the cap: the same query
    (row,) = WeeklySearch.objects.all()
    assert len(row.text) <= 200
    assert len(row.normalized) <= 200
    assert row.searches == 2
    assert row.text == long[:200]


# --- weeks -------------------------------------------------------------------------------


def test_weeks_start_on_monday_at_midnight_in_casablanca(time_machine):
    sunday_night = datetime(2026, 12, 6, 23, 59, 30, tzinfo=CASABLANCA)  # 22:59:30 UTC
    time_machine.move_to(sunday_night, tick=False)
    record_search("fr", "meteo", 1)
    time_machine.move_to(sunday_night + timedelta(minutes=1), tick=False)  # Monday 00:00:30
    record_search("fr", "meteo", 1)
    assert [(r[0], r[4]) for r in rows()] == [(date(2026, 11, 30), 1), (date(2026, 12, 7), 1)]
    # In UTC both searches were still on Sunday: the week is the site's, not UTC's.
    assert (sunday_night + timedelta(minutes=1)).astimezone(ZoneInfo("UTC")).weekday() == 6


def test_week_of_is_the_iso_monday():
    assert week_of(date(2027, 1, 3)) == date(2026, 12, 28)  # a Sunday: ISO week 53 of 2026
    assert week_of(date(2026, 12, 28)) == date(2026, 12, 28)


# --- concurrency (PostgreSQL) ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_processes_recording_the_same_new_query_at_once_lose_nothing():
    """Eight writers insert the same new row at once, then keep adding: the upsert neither
    raises IntegrityError nor loses a count."""
    require_postgresql()

    def worker(n):
        def run():
            for i in range(5):
                record_search("ar", "زلزال الحوز", 0 if (n + i) % 2 else 3)

        return run

    # record_search swallows errors: make them fail the test instead.
    errors = run_together(*(worker(n) for n in range(8)))
    assert errors == []
    (row,) = WeeklySearch.objects.all()
    assert (row.searches, row.zero_results) == (40, 20)


@pytest.mark.django_db(transaction=True)
def test_the_upsert_itself_raises_nothing_under_concurrency(monkeypatch):
    """The same race with the logging net taken away: a lost IntegrityError would show."""
    require_postgresql()
    monkeypatch.setattr(services, "record_search", services._record)
    errors = run_together(*(lambda: services.record_search("fr", "grève", 1) for _ in range(8)))
    assert errors == []
    assert WeeklySearch.objects.get().searches == 8


# --- failure isolation ---------------------------------------------------------------------


def test_a_failing_write_is_logged_and_leaves_the_callers_transaction_usable(monkeypatch, caplog):
    reference_world()
    monkeypatch.setattr(WeeklySearch._meta, "db_table", "searchlog_no_such_table")
    with transaction.atomic():  # as a view inside a request's transaction would be
        record_search("ar", "مدرسة", 1)
        # The failed statement was rolled back to its savepoint: queries still work.
        assert Article.objects.count() == 1
    assert "search not recorded" in caplog.text


def test_the_beacon_answers_even_when_the_write_fails(monkeypatch):
    monkeypatch.setattr(WeeklySearch._meta, "db_table", "searchlog_no_such_table")
    response = Client(HTTP_USER_AGENT=BROWSER).post(beacon_url("ar", "مدرسة", 0))
    assert response.status_code == 204


def test_the_search_page_and_its_beacon_work_without_the_cache(settings):
    """The cache (Redis) down: the page cache is bypassed, the page answers and counts."""
    reference_world()
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
        }
    }
    reader = Client(HTTP_USER_AGENT=BROWSER)
    response = reader.get("/fr/search/", {"q": "introuvable"})
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # the page cache could neither read nor store
    assert reader.post(beacon_in(response)).status_code == 204
    assert rows()[0][1:] == ("fr", "introuvable", "introuvable", 1, 1)


# --- the beacon, through the real search page and the page cache ----------------------------


def beacon_url(language, text, results) -> str:
    return f"/searchlog/seen/?t={make_token(language, text, results)}"


def beacon_in(response) -> str:
    found = re.findall(r'data-count-reading="(/searchlog/seen/[^"]+)"', response.content.decode())
    assert len(found) == 1, "one search beacon on the page"
    return html.unescape(found[0])


def test_a_search_served_from_the_page_cache_is_counted_too(settings):
    reference_world()
    settings.PAGE_CACHE_SECONDS = 300
    reader = Client(HTTP_USER_AGENT=BROWSER)
    first = reader.get("/ar/search/", {"q": "مدرسة"})
    second = reader.get("/ar/search/", {"q": "مدرسة"})
    assert second["X-Page-Cache"] == "hit"  # no view ran
    for response in (first, second):
        assert reader.post(beacon_in(response)).status_code == 204
    found = reader.get("/fr/search/", {"q": "partenariat"})
    assert reader.post(beacon_in(found)).status_code == 204
    assert rows() == [
        (week_of(), "ar", "مدرسه", "مدرسة", 2, 2),
        (week_of(), "fr", "partenariat", "partenariat", 1, 0),
    ]


def test_no_beacon_without_a_query_or_beyond_the_first_page():
    template = Template("{% load searchlog %}{% search_beacon text 3 %}")

    class Request:
        def __init__(self, page):
            self.GET = {"page": page} if page else {}

    def render(text, page=None):
        return template.render(Context({"text": text, "request": Request(page)}))

    assert render("") == ""
    assert render("  ") == ""
    assert render("مدرسة", page="2") == ""
    assert "data-count-reading" in render("مدرسة", page="1")
    assert "data-count-reading" in render("مدرسة")


def test_the_beacon_refuses_forged_or_foreign_tokens():
    reader = Client(HTTP_USER_AGENT=BROWSER)
    token = make_token("ar", "مدرسة", 5)
    forged = token.replace(token.split(":")[0], make_token("ar", "مدرسة", 0).split(":")[0])
    assert reader.post(f"/searchlog/seen/?t={forged}").status_code == 400
    assert reader.post("/searchlog/seen/?t=nonsense").status_code == 400
    assert reader.post("/searchlog/seen/").status_code == 400
    assert reader.post(beacon_url("en", "school", 0)).status_code == 400  # not an edition
    assert reader.get(beacon_url("ar", "مدرسة", 0)).status_code == 405
    assert rows() == []


def test_crawlers_and_staff_are_not_counted(client):
    url = beacon_url("ar", "مدرسة", 0)
    assert Client(HTTP_USER_AGENT="Googlebot/2.1").post(url).status_code == 204
    assert Client().post(url).status_code == 204  # no User-Agent: a script
    client.force_login(make_editor())
    assert client.post(url, HTTP_USER_AGENT=BROWSER).status_code == 204
    assert rows() == []
    Client(HTTP_USER_AGENT=BROWSER).post(url)
    assert len(rows()) == 1


def test_the_beacon_is_never_cached(settings):
    settings.PAGE_CACHE_SECONDS = 300
    response = Client(HTTP_USER_AGENT=BROWSER).post(beacon_url("ar", "مدرسة", 0))
    assert "no-cache" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


# --- the admin table -------------------------------------------------------------------------


@pytest.fixture
def weeks(time_machine):
    """This week (Wednesday 2 December 2026) and two earlier ones, in both editions."""
    time_machine.move_to(datetime(2026, 7, 15, 12, 0, tzinfo=CASABLANCA), tick=False)
    record_search("ar", "عيد العرش", 0)
    time_machine.move_to(datetime(2026, 11, 25, 12, 0, tzinfo=CASABLANCA), tick=False)
    record_search("ar", "الميزانية", 4)
    time_machine.move_to(datetime(2026, 12, 2, 12, 0, tzinfo=CASABLANCA), tick=False)
    for _ in range(3):
        record_search("ar", "كأس إفريقيا", 9)
    for _ in range(5):
        record_search("ar", "الطقس", 0)
    record_search("ar", "الطقس", 2)
    record_search("ar", "مهرجان", 1)
    record_search("fr", "météo", 0)


def table(response) -> list[tuple[str, str, str]]:
    """(query, searches, searches with no result) of each row, in the page's order."""
    body = response.content.decode()
    found = re.findall(
        r'<td class="field-query"><bdi dir="auto">(.*?)</bdi></td>'
        r'<td class="field-searches">(\d+)</td><td class="field-zero_results">(\d+)</td>',
        body,
    )
    return [(html.unescape(q), s, z) for q, s, z in found]


def as_user(client, user, language="ar"):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_editors_see_this_weeks_searches_of_their_edition_most_searched_first(client, weeks):
    editor = as_user(client, make_editor())
    response = editor.get(ADMIN_TABLE)
    assert response.status_code == 200
    assert table(response) == [
        ("الطقس", "6", "5"),
        ("كأس إفريقيا", "3", "0"),
        ("مهرجان", "1", "0"),
    ]
    body = response.content.decode()
    assert 'dir="rtl"' in body
    for words in ("أبحاث القراء", "هذا الأسبوع", "عمليات بحث بلا نتيجة", "ما لم يجد شيئا فقط"):
        assert words in body
    assert f"{ADMIN_TABLE}add/" not in body
    # Sorted by the column clicked (o=2: searches with no result), fewest first, then most.
    by_zero = editor.get(ADMIN_TABLE, {"o": "2"})
    assert [row[2] for row in table(by_zero)] == ["0", "0", "5"]
    by_query = editor.get(ADMIN_TABLE, {"o": "-0"})
    assert [row[0] for row in table(by_query)] == ["مهرجان", "كأس إفريقيا", "الطقس"]


def test_found_nothing_only_and_other_editions(client, weeks):
    editor = as_user(client, make_editor())
    assert table(editor.get(ADMIN_TABLE, {"nothing": "1"})) == [("الطقس", "6", "5")]
    assert table(editor.get(ADMIN_TABLE, {"edition": "fr"})) == [("météo", "1", "1")]
    french_admin = as_user(Client(), make_editor("claire"), "fr")
    french = french_admin.get(ADMIN_TABLE)
    assert table(french) == [("météo", "1", "1")]  # the admin's language is the edition shown
    body = french.content.decode()
    for words in ("Recherches des lecteurs", "Cette semaine", "Sans résultat uniquement"):
        assert words in body
    assert "13 juillet 2026 – 19 juillet 2026" in body
    sidebar = body.split('id="changelist-filter"')[1].split("</nav>")[0]
    assert "Cette semaine" in sidebar
    assert not re.search("[\u0600-\u06ff]", sidebar)  # no Arabic on the French admin's table


def test_earlier_weeks_are_listed_with_the_house_arabic_month_names(client, weeks):
    editor = as_user(client, make_editor())
    body = editor.get(ADMIN_TABLE).content.decode()
    assert "?week=2026-07-13" in html.unescape(body)
    assert "13 يوليوز 2026 – 19 يوليوز 2026" in body  # Maghreb names (core/dates.py)
    assert "يوليو " not in body
    last_week = editor.get(ADMIN_TABLE, {"week": "2026-11-23"})
    assert table(last_week) == [("الميزانية", "1", "0")]
    # Any day of a week shows that week; nonsense shows this one.
    assert table(editor.get(ADMIN_TABLE, {"week": "2026-11-26"})) == table(last_week)
    assert len(table(editor.get(ADMIN_TABLE, {"week": "soon"}))) == 3


@pytest.mark.parametrize(
    ("make", "sees"),
    [(make_editor, True), (make_administrator, True), (make_journalist, False)],
)
def test_who_sees_reader_searches(client, weeks, make, sees):
    user = as_user(client, make())
    index = user.get("/admin/").content.decode()
    assert (ADMIN_TABLE in index) is sees
    assert user.get(ADMIN_TABLE).status_code == (200 if sees else 403)
    # Nobody adds, changes or deletes: the table is read-only for everyone.
    row = WeeklySearch.objects.filter(week=week_of()).first()
    assert user.get(f"{ADMIN_TABLE}add/").status_code == 403
    assert user.post(f"{ADMIN_TABLE}{row.pk}/change/", {"searches": "1000"}).status_code == 403
    assert user.post(f"{ADMIN_TABLE}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert WeeklySearch.objects.filter(pk=row.pk, searches=row.searches).exists()


def test_readers_cannot_see_the_table():
    assert Client().get(ADMIN_TABLE).status_code == 302  # to the login page


# --- retention -------------------------------------------------------------------------------


def test_prune_keeps_the_last_52_weeks_by_default(time_machine, settings):
    time_machine.move_to(datetime(2026, 12, 2, 12, 0, tzinfo=CASABLANCA), tick=False)
    this_week = week_of()
    for age in (0, 1, 51, 52, 60):
        WeeklySearch.objects.create(
            week=this_week - timedelta(weeks=age),
            language="ar",
            normalized=f"q{age}",
            text=f"q{age}",
            searches=1,
            last_seen=timezone.now(),
        )
    call_command("prune_searchlog", verbosity=0)
    assert sorted(WeeklySearch.objects.values_list("text", flat=True)) == ["q0", "q1", "q51"]
    settings.SEARCHLOG_KEEP_WEEKS = 2
    call_command("prune_searchlog", verbosity=0)
    assert sorted(WeeklySearch.objects.values_list("text", flat=True)) == ["q0", "q1"]
    call_command("prune_searchlog", "--weeks", "1", verbosity=0)
    assert list(WeeklySearch.objects.values_list("text", flat=True)) == ["q0"]


def test_prune_refuses_to_keep_nothing():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("prune_searchlog", "--weeks", "0", verbosity=0)


def test_nothing_that_identifies_a_reader_is_stored():
    columns = {f.name for f in WeeklySearch._meta.get_fields()}
    assert columns == {
        "id",
        "week",
        "language",
        "normalized",
        "text",
        "searches",
        "zero_results",
        "last_seen",
    }
    assert connection.vendor in ("postgresql", "sqlite")
