"""Two-factor authentication of staff (django-otp; docs/accounts.md), through the admin's
login form and the code form as a browser posts them, never through force_login.

Editors, administrators and superusers give a one-time code after the password; until then
no admin page (nor a crafted POST) lets them in. Who has no authenticator sets one up on the
code page (secret as text and QR code) and gets backup codes; journalists may, and once they
have one they are asked for it too. An administrator resets a lost device by command.
"""

import re
from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from tests.factories import UserFactory
from tests.personas import make_administrator, make_editor, make_journalist

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
TWO_FACTOR = "/admin/two-factor/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, user, next_url="/admin/"):
    """The login form, then every redirect a browser follows; returns the last answer."""
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"], follow=True)


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def give(client, code, next_url="/admin/"):
    return client.post(TWO_FACTOR, {"code": code, "next": next_url})


def in_the_admin(client) -> bool:
    response = client.get("/admin/articles/article/")
    return response.status_code == 200


def test_an_editor_without_an_authenticator_sets_one_up_before_any_admin_page(client, time_machine):
    time_machine.move_to("2026-12-01 09:00:00+00:00", tick=False)
    editor = with_password(make_editor())
    page = log_in(client, editor)
    assert page.redirect_chain[-1][0].startswith(TWO_FACTOR)
    html = page.content.decode()
    assert "<svg" in html  # the QR code, made on the server
    secret = re.search(r'id="two-factor-secret"[^>]*>([A-Z2-7 ]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = secret.replace(" ", "")
    assert b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    assert not in_the_admin(client)

    # A wrong code sets nothing up.
    assert give(client, "000000" if code_for(device) != "000000" else "111111").status_code == 200
    assert not in_the_admin(client)
    time_machine.shift(2)  # a wrong code makes the device wait a second before the next
    done = give(client, code_for(device))
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert in_the_admin(client)


def test_an_editor_with_an_authenticator_gives_its_code(client, time_machine):
    time_machine.move_to("2026-12-01 09:00:00+00:00", tick=False)
    editor = with_password(make_editor())
    device = TOTPDevice.objects.create(user=editor, name="phone")
    page = log_in(client, editor, next_url="/admin/articles/article/")
    assert page.redirect_chain[-1][0].startswith(TWO_FACTOR)
    assert "two-factor-secret" not in page.content.decode()  # no new secret to strangers
    assert not in_the_admin(client)

    wrong = give(client, "12345", next_url="/admin/articles/article/")
    assert wrong.status_code == 200
    assert "errorlist" in wrong.content.decode()
    assert not in_the_admin(client)
    # Straight after a wrong code even the right one waits (django-otp's throttling)…
    early = give(client, code_for(device), next_url="/admin/articles/article/")
    assert early.status_code == 200
    time_machine.shift(5)  # …two failures: two seconds
    right = give(client, code_for(device), next_url="/admin/articles/article/")
    assert right.status_code == 302
    assert right["Location"] == "/admin/articles/article/"
    assert in_the_admin(client)


def test_a_crafted_post_without_the_code_changes_nothing(client):
    editor = with_password(make_editor())
    TOTPDevice.objects.create(user=editor, name="phone")
    log_in(client, editor)
    response = client.post("/admin/articles/section/add/", {"name_ar": "ركن", "slug": "x"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    response = client.post("/admin/articles/article/add/", {"title_ar": "خبر"})
    assert response.status_code == 302
    assert not Article.objects.exists()


def test_administrators_and_superusers_must_give_a_code_too(client):
    for user in (
        make_administrator(),
        UserFactory(username="root", is_staff=True, is_superuser=True),
    ):
        with_password(user)
        page = log_in(client, user)
        assert page.redirect_chain[-1][0].startswith(TWO_FACTOR), user
        assert not in_the_admin(client)
        client.logout()


def test_a_journalist_needs_no_code_until_they_set_up_an_authenticator(client, time_machine):
    time_machine.move_to("2026-12-01 09:00:00+00:00", tick=False)
    journalist = with_password(make_journalist())
    page = log_in(client, journalist)
    assert page.status_code == 200
    assert page.request["PATH_INFO"] == "/admin/"
    assert in_the_admin(client)
    # The journalist chooses to set one up, at the code page's address…
    page = client.get(TWO_FACTOR)
    assert "two-factor-secret" in page.content.decode()
    device = TOTPDevice.objects.get(user=journalist)
    assert give(client, code_for(device)).status_code == 200  # the backup codes
    client.post("/admin/logout/")
    # …and from then on is asked for it.
    page = log_in(client, journalist)
    assert page.redirect_chain[-1][0].startswith(TWO_FACTOR)
    assert not in_the_admin(client)
    time_machine.shift(30)  # the next code of the app (each code is accepted once)
    give(client, code_for(device))
    assert in_the_admin(client)


def test_a_backup_code_lets_in_once(client):
    editor = with_password(make_editor())
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=False)
    log_in(client, editor)
    done = give(client, code_for(device))
    code = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())[0]
    client.post("/admin/logout/")

    log_in(client, editor)
    assert give(client, code.upper()).status_code == 302  # as typed from paper
    assert in_the_admin(client)
    client.post("/admin/logout/")

    log_in(client, editor)
    assert give(client, code).status_code == 200  # used up
    assert not in_the_admin(client)
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_who_owes_a_code_can_log_out(client):
    editor = with_password(make_editor())
    log_in(client, editor)
    response = client.post("/admin/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_code_page_sends_only_to_this_site(client):
    editor = with_password(make_editor())
    device = TOTPDevice.objects.create(user=editor, name="phone")
    log_in(client, editor)
    response = give(client, code_for(device), next_url="https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_an_administrator_resets_a_lost_authenticator(client):
    editor = with_password(make_editor())
    TOTPDevice.objects.create(user=editor, name="phone")
    out = StringIO()
    call_command("reset_two_factor", editor.username, stdout=out)
    assert "1 two-factor device(s) removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    page = log_in(client, editor)
    assert "two-factor-secret" in page.content.decode()  # sets up anew


def test_without_the_requirement_an_editor_logs_in_with_the_password(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    editor = with_password(make_editor())
    log_in(client, editor)
    assert in_the_admin(client)


def test_the_requirement_is_on_unless_in_development(settings):
    from newsroom import settings as project_settings

    assert project_settings.TWO_FACTOR_REQUIRED is (not project_settings.DEBUG)
