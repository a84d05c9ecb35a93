"""The back-office login is throttled (django-axes, docs/accounts.md).

Failures are limited per address (one address trying many user names: password spraying)
and per user name (many addresses on one name), the lock lasts a fixed time after the last
failure that counted (trying again while locked out extends nothing), a success forgives
only the person's own failures, and the client's address comes from X-Forwarded-For only
behind the configured number of trusted proxies. Every login goes through the admin's login
form as a browser posts it.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from newsroom.login_throttling import client_address
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
ATTACKER = "203.0.113.7"
HOME = "198.51.100.20"


@pytest.fixture(autouse=True)
def policy(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.TRUSTED_PROXY_COUNT = 0


def attempt(client, username, password, address=ATTACKER, **headers):
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )
    client.logout()
    return response


def logs_in(client, username, address=HOME, **headers) -> bool:
    response = attempt(client, username, PASSWORD, address, **headers)
    assert response.status_code in (200, 302, 429), response.status_code
    return response.status_code == 302


def staff(*names):
    return [UserFactory(username=name, is_staff=True) for name in names]


def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(client):
    staff("sara")
    for _ in range(4):
        assert attempt(client, "sara", "wrong").status_code == 200  # the form again, with an error
    # The fifth failure reaches the limit: locked out from now on.
    assert attempt(client, "sara", "wrong").status_code == 429
    assert attempt(client, "sara", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_logs_in_and_forgives_those_failures(client):
    staff("omar")
    for _ in range(4):
        attempt(client, "omar", "wrong", HOME)
    assert logs_in(client, "omar")
    # The count started again after the success.
    for _ in range(4):
        attempt(client, "omar", "wrong", HOME)
    assert logs_in(client, "omar")


def test_one_address_spraying_many_user_names_is_locked_out(client):
    """One password tried on five user names, once each: the address is locked out."""
    staff("sara", "omar", "amina", "youssef", "karim", "nadia")
    for name in ("sara", "omar", "amina", "youssef", "karim"):
        attempt(client, name, "Summer2026!")
    # Even a right password for a sixth name is refused from that address…
    assert not logs_in(client, "nadia", ATTACKER)
    # …while the people themselves log in from their own addresses.
    assert logs_in(client, "nadia", HOME)
    assert logs_in(client, "sara", HOME)


def test_many_addresses_on_one_user_name_lock_that_name(client):
    """A botnet: five addresses, one guess each on the same name. The name is locked out."""
    staff("sara", "omar")
    for n in range(5):
        attempt(client, "sara", f"guess{n}", f"192.0.2.{n + 1}")
    assert not logs_in(client, "sara", HOME)
    # Other people from those addresses are not affected (one failure each).
    assert logs_in(client, "omar", "192.0.2.1")


def test_an_attacker_cannot_extend_someone_elses_lockout(client, time_machine):
    """Trying on and on while the name is locked out counts nothing: the lock ends on time."""
    time_machine.move_to("2026-12-01 09:00:00+00:00", tick=False)
    staff("sara")
    for n in range(5):
        attempt(client, "sara", f"guess{n}", f"192.0.2.{n + 1}")
    for minute in range(1, 15):
        time_machine.move_to(f"2026-12-01 09:{minute:02d}:00+00:00", tick=False)
        assert attempt(client, "sara", "again", f"192.0.2.{minute + 10}").status_code == 429
    time_machine.move_to("2026-12-01 09:14:59+00:00", tick=False)
    assert not logs_in(client, "sara")
    # Fifteen minutes after the fifth failure, Sara is in, though the attacker never stopped.
    time_machine.move_to("2026-12-01 09:15:01+00:00", tick=False)
    assert logs_in(client, "sara")


def test_a_locked_address_is_free_again_after_the_cool_off(client, time_machine):
    time_machine.move_to("2026-12-01 09:00:00+00:00", tick=False)
    staff("sara", "omar", "amina", "youssef", "karim")
    for name in ("sara", "omar", "amina", "youssef", "karim"):
        attempt(client, name, "wrong")
    time_machine.move_to("2026-12-01 09:10:00+00:00", tick=False)
    assert not logs_in(client, "sara", ATTACKER)
    time_machine.move_to("2026-12-01 09:15:01+00:00", tick=False)
    assert logs_in(client, "sara", ATTACKER)


def test_a_success_forgives_only_the_persons_own_failures(client):
    """Logging into one's own account neither clears an address's spraying nor an attack."""
    staff("sara", "omar", "amina", "youssef", "karim", "insider")
    # An insider sprays four names from their address, then logs into their own account…
    for name in ("sara", "omar", "amina", "youssef"):
        attempt(client, name, "wrong", ATTACKER)
    assert logs_in(client, "insider", ATTACKER)
    # …and the fifth failure still locks the address out.
    attempt(client, "karim", "wrong", ATTACKER)
    assert not logs_in(client, "insider", ATTACKER)
    # Sara logging in from home does not erase the four failures the attacker spent on her name.
    for n in range(3):
        attempt(client, "sara", "wrong", f"192.0.2.{n + 1}")
    assert logs_in(client, "sara", HOME)
    attempt(client, "sara", "wrong", "192.0.2.9")
    assert not logs_in(client, "sara", HOME)


def test_an_administrator_unlocks_a_user_name(client):
    staff("sara")
    for n in range(5):
        attempt(client, "sara", "wrong", f"192.0.2.{n + 1}")
    assert not logs_in(client, "sara")
    call_command("axes_reset_username", "sara")
    assert logs_in(client, "sara")


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(client):
    """A direct client writing a new X-Forwarded-For each time is still one address."""
    staff("sara", "omar", "amina", "youssef", "karim", "nadia")
    for n, name in enumerate(("sara", "omar", "amina", "youssef", "karim")):
        attempt(client, name, "wrong", ATTACKER, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    assert not logs_in(client, "nadia", ATTACKER, HTTP_X_FORWARDED_FOR="10.9.9.200")


def test_behind_a_trusted_proxy_each_client_is_its_own_address(client, settings):
    """Behind one proxy every request comes from the proxy; the header tells clients apart,
    and what a client forges at its start is not read."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    staff("sara", "omar", "amina", "youssef", "karim", "nadia")
    for n, name in enumerate(("sara", "omar", "amina", "youssef", "karim")):
        forged = f"10.9.9.{n}, {ATTACKER}"  # the proxy appended the real peer last
        attempt(client, name, "wrong", proxy, HTTP_X_FORWARDED_FOR=forged)
    assert not logs_in(client, "nadia", proxy, HTTP_X_FORWARDED_FOR=f"10.9.9.77, {ATTACKER}")
    # Another reader behind the same proxy is not locked out with the attacker.
    assert logs_in(client, "nadia", proxy, HTTP_X_FORWARDED_FOR=HOME)


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "1.2.3.4", "203.0.113.7"),
        (0, "203.0.113.7", None, "203.0.113.7"),
        (1, "10.0.0.2", "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.2", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        (2, "10.0.0.3", "1.2.3.4, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        # Fewer addresses than proxies: the request did not come through them all.
        (2, "203.0.113.7", "1.2.3.4", "203.0.113.7"),
        (1, "10.0.0.2", "", "10.0.0.2"),
    ],
)
def test_client_address(settings, count, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    assert client_address(request) == expected
