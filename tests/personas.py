"""The newsroom's people for workflow tests, and a helper that posts the admin's own forms.

Roles are the groups of articles.roles, made with their permissions when a flush removed
the migration's (tests/factories.py role_group()); nobody here is a superuser except where
a test says so, so every rule is checked with the permissions staff really have.
"""

from datetime import datetime

from django.utils import timezone

from articles import roles
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

# Hashing a real password costs a quarter of a second; tests log in with force_login.
NO_PASSWORD = None  # make_password(None): an unusable password, no hashing


def make_journalist(username="sara", author=True):
    user = UserFactory(
        username=username,
        first_name=username.capitalize(),
        password=NO_PASSWORD,
        role=roles.JOURNALIST,
    )
    if author:
        AuthorFactory(user=user, name_fr=f"{username.capitalize()} Author")
    return user


def make_editor(username="youssef"):
    return UserFactory(
        username=username, first_name=username.capitalize(), password=NO_PASSWORD, role=roles.EDITOR
    )


def make_administrator(username="amina"):
    return UserFactory(
        username=username,
        first_name=username.capitalize(),
        password=NO_PASSWORD,
        role=roles.ADMINISTRATOR,
    )


def give_second_factor(client, user):
    """The one-time code step of a test login (docs/accounts.md): the user's authenticator
    (made if they have none), verified in the client's session as django_otp.login() does
    after a right code. OTPMiddleware reads it back on every request, as in production.
    tests/test_two_factor.py goes through the real code form instead."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test authenticator")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def give_code_in_browser(page, username):
    """After the password in a browser (Playwright): when the back office asks for a one-time
    code, type the one the user's authenticator app would show, setting one up first (and
    going on past the backup codes) when the page offers the enrolment."""
    import time

    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.wait_for_selector("#user-tools, #two-factor-form")
    if not page.locator("#two-factor-form").count():
        return
    devices = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "pk")
    device = devices.first()
    step = int((time.time() - device.t0) // device.step)
    drift = max(0, device.last_t + 1 - step)  # a code not used yet (the app's next one)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    page.fill("#two-factor-form input[name=code]", f"{code:0{device.digits}d}")
    page.click("#two-factor-form [type=submit]")
    if not device.confirmed:
        page.click("#two-factor-continue")
    page.wait_for_selector("#user-tools")


def draft_by(user, **fields) -> Article:
    """A draft the user owns (created it, and signs it when they have an author profile)."""
    profile = getattr(user, "author_profile", None)
    defaults = {"status": Article.Status.DRAFT, "publish_at": None, "created_by": user}
    article = ArticleFactory(**(defaults | fields), authors=[profile] if profile else None)
    return article


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def form_data(response) -> dict:
    """The POST a browser would send for an admin change/add form as rendered, unchanged."""
    context = response.context
    data: dict = {}
    form = context["adminform"].form
    _add_form(data, form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for subform in formset.forms:
            _add_form(data, subform)
    return data


def _add_form(data: dict, form) -> None:
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        widget = field.widget
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            data[f"{key}_0"] = local.strftime("%Y-%m-%d")
            data[f"{key}_1"] = local.strftime("%H:%M:%S")
            continue
        if widget.__class__.__name__ in ("ClearableFileInput", "AdminFileWidget"):
            continue  # the browser sends no file when none is chosen
        if isinstance(value, (list, tuple)):
            data[key] = [str(v) for v in value]
            continue
        data[key] = "" if value is None else str(value)


def split_datetime(key: str, value: datetime) -> dict:
    local = timezone.localtime(value)
    return {f"{key}_0": local.strftime("%Y-%m-%d"), f"{key}_1": local.strftime("%H:%M:%S")}


def open_form(client, article):
    response = client.get(change_url(article))
    assert response.status_code == 200, response.status_code
    return form_data(response)
