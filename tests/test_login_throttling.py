"""The back-office login is throttled (django-axes): guessing passwords gets locked out."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def attempt(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
    )


def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(username="sara", is_staff=True)
    for _ in range(4):
        assert attempt(client, "sara", "wrong").status_code == 200  # the form again, with an error
    # The fifth failure reaches the limit: locked out from now on.
    assert attempt(client, "sara", "wrong").status_code == 429
    locked = attempt(client, "sara", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_logs_in_and_resets_the_count(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="omar", is_staff=True)
    attempt(client, "omar", "wrong")
    attempt(client, "omar", "wrong")
    response = attempt(client, "omar", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    client.logout()
    # The count started again after the success.
    attempt(client, "omar", "wrong")
    attempt(client, "omar", "wrong")
    assert attempt(client, "omar", PASSWORD).status_code == 302


def test_lockout_is_per_username_and_address(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    UserFactory(username="sara", is_staff=True)
    UserFactory(username="omar", is_staff=True)
    attempt(client, "sara", "wrong")
    attempt(client, "sara", "wrong")
    assert attempt(client, "sara", PASSWORD).status_code == 429
    assert attempt(client, "omar", PASSWORD).status_code == 302
