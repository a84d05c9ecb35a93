"""Who may manage whom in the back office's users and groups (docs/workflow.md, "Accounts").

Only a superuser makes a superuser or touches one (change, password, delete). Nobody else
can grant a permission, or a group's permissions, that they do not hold themselves. Every
check is made on the server, whatever the form shows: these tests post the forms as the
browser sends them, then tamper with them.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from articles import roles
from tests.factories import UserFactory
from tests.personas import form_data, make_administrator, make_editor, make_journalist

pytestmark = pytest.mark.django_db

USERS = "/admin/auth/user/"
GROUPS = "/admin/auth/group/"
NEW_PASSWORD = "Vu9-kestrel-Lantern"
# A permission outside the Administrator group's apps (articles.roles.ADMINISTRATOR_APPS).
FOREIGN = ("sessions", "delete_session")


def perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def amina():
    return make_administrator("amina")


@pytest.fixture
def omar():
    return make_administrator("omar")


@pytest.fixture
def root():
    return UserFactory(username="root", is_staff=True, is_superuser=True, password=None)


def change(user):
    return f"{USERS}{user.pk}/change/"


def password_url(user):
    return f"{USERS}{user.pk}/password/"


def open_user_form(client, user):
    response = client.get(change(user))
    assert response.status_code == 200, response.status_code
    return response, form_data(response)


def post_password(client, user):
    return client.post(
        password_url(user),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )


# --- an administrator and superuser status ----------------------------------------------


def test_administrator_cannot_make_herself_superuser(client, amina):
    client.force_login(amina)
    response, data = open_user_form(client, amina)
    assert 'name="is_superuser"' not in response.content.decode()
    data["is_superuser"] = "on"
    data["first_name"] = "Amina B."
    response = client.post(change(amina), data)
    assert response.status_code == 302
    amina.refresh_from_db()
    assert amina.first_name == "Amina B."  # the rest of the form is saved
    assert not amina.is_superuser


def test_administrator_cannot_make_another_user_superuser(client, amina, omar):
    client.force_login(amina)
    _response, data = open_user_form(client, omar)
    data["is_superuser"] = "on"
    assert client.post(change(omar), data).status_code == 302
    omar.refresh_from_db()
    assert not omar.is_superuser


def test_administrator_cannot_create_a_superuser(client, amina):
    client.force_login(amina)
    response = client.post(
        f"{USERS}add/",
        {
            "username": "mallory",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "usable_password": "true",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.get(username="mallory").is_superuser


# --- an administrator and superusers' accounts ------------------------------------------


def test_administrator_does_not_see_superusers(client, amina, root, omar):
    client.force_login(amina)
    response = client.get(USERS)
    listed = {user.pk for user in response.context["cl"].result_list}
    assert omar.pk in listed
    assert root.pk not in listed


def test_administrator_cannot_open_or_change_a_superuser(client, amina, root):
    client.force_login(amina)
    assert client.get(change(root)).status_code == 302  # "does not exist": back to the index
    response = client.post(
        change(root),
        {"username": "root", "first_name": "Hacked", "is_active": "", "is_staff": ""},
    )
    assert response.status_code == 302
    root.refresh_from_db()
    assert root.first_name == ""
    assert root.is_active


def test_administrator_cannot_change_a_superusers_password(client, amina, root):
    client.force_login(amina)
    assert client.get(password_url(root)).status_code == 404
    assert post_password(client, root).status_code == 404
    root.refresh_from_db()
    assert not root.check_password(NEW_PASSWORD)


def test_administrator_cannot_delete_a_superuser(client, amina, root):
    client.force_login(amina)
    assert client.post(f"{USERS}{root.pk}/delete/", {"post": "yes"}).status_code == 302
    response = client.post(
        USERS, {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"}
    )
    assert response.status_code == 302
    root.refresh_from_db()  # still there


def test_administrator_may_still_manage_other_staff(client, amina, omar):
    journalist = make_journalist("sara")
    client.force_login(amina)
    assert post_password(client, omar).status_code == 302
    omar.refresh_from_db()
    assert omar.check_password(NEW_PASSWORD)
    _response, data = open_user_form(client, journalist)
    data["groups"] = [str(Group.objects.get(name=roles.EDITOR).pk)]
    assert client.post(change(journalist), data).status_code == 302
    assert list(journalist.groups.values_list("name", flat=True)) == [roles.EDITOR]


# --- nobody grants what they do not hold -----------------------------------------------


def test_administrator_cannot_grant_herself_a_permission_she_lacks(client, amina):
    foreign = perm(*FOREIGN)
    client.force_login(amina)
    _response, data = open_user_form(client, amina)
    data["user_permissions"] = [str(foreign.pk)]
    data["first_name"] = "Typed"
    response = client.post(change(amina), data)
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors["user_permissions"]
    assert 'value="Typed"' in response.content.decode()
    amina.refresh_from_db()
    assert not amina.user_permissions.exists()
    assert amina.first_name == "Amina"


def test_administrator_cannot_join_a_group_granting_more_than_she_has(client, amina):
    powerful = Group.objects.create(name="Powerful")
    powerful.permissions.add(perm(*FOREIGN))
    client.force_login(amina)
    _response, data = open_user_form(client, amina)
    data["groups"] = [*data.get("groups", []), str(powerful.pk)]
    response = client.post(change(amina), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["groups"]
    assert not amina.groups.filter(pk=powerful.pk).exists()


def test_administrator_cannot_widen_a_group_beyond_her_own_permissions(client, amina):
    group = Group.objects.get(name=roles.ADMINISTRATOR)
    foreign = perm(*FOREIGN)
    client.force_login(amina)
    response = client.get(f"{GROUPS}{group.pk}/change/")
    assert response.status_code == 200
    data = form_data(response)
    data["permissions"] = [*data["permissions"], str(foreign.pk)]
    response = client.post(f"{GROUPS}{group.pk}/change/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["permissions"]
    assert not group.permissions.filter(pk=foreign.pk).exists()
    # Nor by creating a new group.
    response = client.post(f"{GROUPS}add/", {"name": "Sneaky", "permissions": [foreign.pk]})
    assert response.status_code == 200
    assert not Group.objects.filter(name="Sneaky").exists()


def test_administrator_keeps_permissions_she_did_not_touch(client, amina):
    """Permissions she cannot grant that the user already had are kept, not dropped."""
    journalist = make_journalist("sara")
    foreign = perm(*FOREIGN)
    journalist.user_permissions.add(foreign)
    client.force_login(amina)
    _response, data = open_user_form(client, journalist)
    data["first_name"] = "Sara B."
    assert client.post(change(journalist), data).status_code == 302
    journalist.refresh_from_db()
    assert journalist.first_name == "Sara B."
    assert journalist.user_permissions.filter(pk=foreign.pk).exists()


def test_administrator_may_grant_what_she_holds(client, amina):
    editor = make_editor("youssef")
    client.force_login(amina)
    _response, data = open_user_form(client, editor)
    granted = perm("articles", "delete_article")
    data["user_permissions"] = [str(granted.pk)]
    assert client.post(change(editor), data).status_code == 302
    assert editor.user_permissions.filter(pk=granted.pk).exists()


# --- a superuser may do all of it --------------------------------------------------------


def test_superuser_may_make_superusers_and_manage_them(client, root, amina):
    other_root = UserFactory(username="root2", is_staff=True, is_superuser=True, password=None)
    client.force_login(root)
    response, data = open_user_form(client, amina)
    assert 'name="is_superuser"' in response.content.decode()
    data["is_superuser"] = "on"
    data["user_permissions"] = [str(perm(*FOREIGN).pk)]
    assert client.post(change(amina), data).status_code == 302
    amina.refresh_from_db()
    assert amina.is_superuser
    assert post_password(client, other_root).status_code == 302
    other_root.refresh_from_db()
    assert other_root.check_password(NEW_PASSWORD)
    assert client.post(f"{USERS}{other_root.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not type(root).objects.filter(pk=other_root.pk).exists()


def test_editor_cannot_open_user_admin(client):
    client.force_login(make_editor("youssef"))
    assert client.get(USERS).status_code == 403


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ar", "لا يمكنك منح صلاحيات لا تملكها"), ("fr", "Vous ne pouvez pas accorder")],
)
def test_the_refusal_is_said_in_the_back_offices_language(client, amina, lang, words):
    client.cookies["django_language"] = lang
    client.force_login(amina)
    _response, data = open_user_form(client, amina)
    data["user_permissions"] = [str(perm(*FOREIGN).pk)]
    response = client.post(change(amina), data)
    assert response.status_code == 200
    assert words in " ".join(response.context["adminform"].form.errors["user_permissions"])
