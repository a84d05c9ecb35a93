"""Staff sessions end after 30 idle minutes and 12 hours after login at most; readers get
no session (core/staff_sessions.py, docs/security.md)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.personas import make_journalist

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 4, 16, 8, 0, tzinfo=ZoneInfo("Africa/Casablanca"))
ADMIN = "/admin/articles/article/"


def logged_in(client) -> bool:
    response = client.get(ADMIN)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")
        return False
    assert response.status_code == 200, response.status_code
    return True


@pytest.fixture
def journalist(client, time_machine):
    time_machine.move_to(T0, tick=False)
    user = make_journalist("sara")
    client.force_login(user)
    return user


def test_thirty_idle_minutes_end_the_session(client, journalist, time_machine):
    assert logged_in(client)
    time_machine.move_to(T0 + timedelta(minutes=29), tick=False)
    assert logged_in(client)  # 29 minutes idle: still in, and the clock starts again
    time_machine.move_to(T0 + timedelta(minutes=58), tick=False)
    assert logged_in(client)
    time_machine.move_to(T0 + timedelta(minutes=58 + 31), tick=False)
    assert not logged_in(client)
    assert not logged_in(client)  # logged out for good, not only for one request


def test_twelve_hours_after_login_the_session_ends_however_busy(client, journalist, time_machine):
    minutes = 0
    while minutes < 12 * 60:
        time_machine.move_to(T0 + timedelta(minutes=minutes), tick=False)
        assert logged_in(client), minutes
        minutes += 20
    time_machine.move_to(T0 + timedelta(hours=12, minutes=1), tick=False)
    assert not logged_in(client)


def test_a_new_login_starts_a_new_twelve_hours(client, journalist, time_machine):
    time_machine.move_to(T0 + timedelta(hours=13), tick=False)
    assert not logged_in(client)
    client.force_login(journalist)
    assert logged_in(client)
    time_machine.move_to(T0 + timedelta(hours=13, minutes=20), tick=False)
    assert logged_in(client)


def test_login_through_the_admin_form_then_idle(client, time_machine, settings):
    settings.AXES_ENABLED = False  # this test is about sessions, not throttling
    time_machine.move_to(T0, tick=False)
    user = make_journalist("hind")
    user.set_password("a long pass phrase 2026")
    user.save()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "hind", "password": "a long pass phrase 2026", "next": "/admin/"},
    )
    assert response.status_code == 302, response.content[:500]
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 12 * 60 * 60  # the cookie lives no longer either
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert logged_in(client)
    time_machine.move_to(T0 + timedelta(minutes=31), tick=False)
    assert not logged_in(client)


def test_readers_get_no_session(client):
    response = client.get("/ar/")
    assert response.status_code == 200
    assert not response.cookies
