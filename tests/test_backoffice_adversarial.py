"""The back office as a journalist and an editor try to break it (docs/workflow.md).

Hand-made POSTs, odd values, missing fields, unknown actions: never a 500, never a step the
rules refuse, and a refused form keeps what was typed.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import history
from articles.models import Article
from tests.factories import ArticleFactory
from tests.personas import (
    change_url,
    draft_by,
    make_editor,
    make_journalist,
    open_form,
    split_datetime,
)

pytestmark = pytest.mark.django_db

S = Article.Status
CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def sara():
    return make_journalist("sara")


@pytest.fixture
def karim():
    return make_journalist("karim")


@pytest.fixture
def editor():
    return make_editor("youssef")


# --- a journalist never publishes ------------------------------------------------------


def test_journalist_cannot_publish_through_the_change_form(client, sara):
    article = draft_by(sara, title_fr="Mon brouillon")
    client.force_login(sara)
    data = open_form(client, article)
    future = timezone.now() + timedelta(days=1)
    data.update(
        status="published",
        is_featured="on",
        is_breaking="on",
        **split_datetime("publish_at", future),
    )
    for transition in ("publish", "schedule", "unpublish", "return", "explode", ""):
        response = client.post(change_url(article), {**data, "_transition": transition})
        assert response.status_code in (200, 302), transition
        article.refresh_from_db()
        assert article.status == S.DRAFT, transition
        assert not article.is_featured
        assert not article.is_breaking
        assert article.publish_at is None
        assert article not in Article.objects.published()
        data = open_form(client, article)


def test_journalist_cannot_create_a_published_article(client, sara):
    client.force_login(sara)
    data = open_form_add(client)
    data.update(
        title_fr="Nouveau",
        status="published",
        is_featured="on",
        _transition="publish",
        **split_datetime("publish_at", timezone.now() - timedelta(hours=1)),
    )
    response = client.post(f"{CHANGELIST}add/", data)
    assert response.status_code == 200  # refused, the form again
    assert 'value="Nouveau"' in response.content.decode()
    assert not Article.objects.filter(title_fr="Nouveau").exists()


def open_form_add(client):
    from tests.personas import form_data

    response = client.get(f"{CHANGELIST}add/")
    assert response.status_code == 200
    return form_data(response)


def test_journalist_has_no_publish_action_and_cannot_force_it(client, sara):
    article = draft_by(sara)
    client.force_login(sara)
    for action in ("publish_selected", "unpublish_selected", "delete_selected", "nonsense", ""):
        response = client.post(
            CHANGELIST, {"action": action, "_selected_action": [article.pk], "post": "yes"}
        )
        assert response.status_code in (200, 302), action
        article.refresh_from_db()
        assert article.status == S.DRAFT
    assert Article.objects.filter(pk=article.pk).exists()


def test_journalist_cannot_restore_a_revision_of_a_published_article(client, sara, editor):
    article = draft_by(sara, title_fr="Version une")
    client.force_login(sara)
    data = open_form(client, article)
    client.post(change_url(article), {**data, "title_fr": "Version deux"})
    old = history.versions_of(article).last()
    Article.objects.filter(pk=article.pk).update(status=S.PUBLISHED, publish_at=timezone.now())
    response = client.post(f"{CHANGELIST}{article.pk}/history/{old.pk}/restore/")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title_fr == "Version deux"


def test_journalist_cannot_move_the_time_of_a_published_article(client, sara):
    article = draft_by(sara, title_fr="En ligne")
    published_at = timezone.now().replace(microsecond=0) - timedelta(hours=2)
    Article.objects.filter(pk=article.pk).update(status=S.PUBLISHED, publish_at=published_at)
    client.force_login(sara)
    data = {
        "title_fr": "Changé",
        "edit_version": "1",
        **split_datetime("publish_at", timezone.now() + timedelta(days=3)),
    }
    response = client.post(change_url(article), data)
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title_fr, article.publish_at) == ("En ligne", published_at)


# --- a journalist and other journalists' work -------------------------------------------


def test_journalist_cannot_touch_another_journalists_draft(client, sara, karim):
    article = draft_by(karim, title_fr="À Karim")
    client.force_login(sara)
    # Not in her list: the admin answers "does not exist" and sends her back to the index.
    assert client.get(change_url(article)).status_code == 302
    response = client.post(change_url(article), {"title_fr": "Volé", "edit_version": "0"})
    assert response.status_code == 302
    for url in (
        f"{CHANGELIST}{article.pk}/history/",
        f"{CHANGELIST}{article.pk}/preview/",
    ):
        assert client.get(url).status_code == 404
    for url in (
        f"{CHANGELIST}{article.pk}/preview/revoke/",
        f"{CHANGELIST}{article.pk}/heartbeat/",
    ):
        assert client.post(url).status_code == 404
    client.post(CHANGELIST, {"action": "submit_selected", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert (article.title_fr, article.status) == ("À Karim", S.DRAFT)


def test_journalist_cannot_revoke_the_preview_links_of_an_article_she_cannot_edit(
    client, sara, karim
):
    article = ArticleFactory(title_fr="Publié par Karim", created_by=karim)
    nonce = article.preview_nonce
    client.force_login(sara)
    page = client.get(f"{CHANGELIST}{article.pk}/preview/")
    assert page.status_code == 200  # a published article: she may look
    assert "preview/revoke/" not in page.content.decode()
    response = client.post(f"{CHANGELIST}{article.pk}/preview/revoke/")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.preview_nonce == nonce


# --- odd posts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"_transition": "publish"},
        {"edit_version": "abc", "title_fr": "x"},
        {"edit_version": "-1", "title_fr": "x"},
        {"edit_version": "99999999999999999999", "title_fr": "x"},
        {"title_fr": "x", "publish_at_0": "2025-13-45", "publish_at_1": "25:61"},
        {"title_fr": "x", "section": "abc", "tags": ["abc", "99999999999999999999"]},
        {"title_fr": "x", "bylines-TOTAL_FORMS": "abc"},
        {
            "title_fr": "x",
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-0-author": "abc",
        },
        {"title_fr": "x", "bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "0"},
    ],
    ids=lambda d: ",".join(d) or "empty",
)
def test_odd_change_form_posts_never_fail(client, editor, data):
    article = ArticleFactory(status=S.REVIEW, publish_at=None, title_fr="Avant")
    client.force_login(editor)
    response = client.post(change_url(article), data)
    assert response.status_code == 200  # the form again, with its errors
    article.refresh_from_db()
    assert article.status == S.REVIEW
    assert article.title_fr == "Avant"


def test_a_bad_time_keeps_what_the_editor_typed(client, editor):
    article = ArticleFactory(status=S.REVIEW, publish_at=None, title_fr="Avant")
    client.force_login(editor)
    data = open_form(client, article)
    data.update(
        title_fr="Titre tapé",
        publish_at_0="2025-13-45",
        publish_at_1="10:00",
        _transition="schedule",
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Titre tapé"' in body
    assert 'value="2025-13-45"' in body
    assert response.context["adminform"].form.errors["publish_at"]


@pytest.mark.parametrize("action", ["nonsense", "", "publish_selected"])
def test_odd_changelist_posts_never_fail(client, editor, action):
    article = ArticleFactory(status=S.REVIEW, publish_at=None)
    client.force_login(editor)
    for selected in ([], ["abc"], ["99999999999999999999"], [article.pk, "abc"]):
        response = client.post(CHANGELIST, {"action": action, "_selected_action": selected})
        assert response.status_code in (200, 302), (action, selected)


@pytest.mark.parametrize("url", ["heartbeat/", "preview/revoke/"])
def test_post_only_pages_refuse_get(client, editor, url):
    article = ArticleFactory()
    client.force_login(editor)
    assert client.get(f"{CHANGELIST}{article.pk}/{url}").status_code == 405


def test_restore_refuses_get(client, editor):
    article = ArticleFactory()
    history.ensure_baseline(article)
    version = history.versions_of(article).first()
    client.force_login(editor)
    response = client.get(f"{CHANGELIST}{article.pk}/history/{version.pk}/restore/")
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("/admin/ads/banner/", "switch_off"),
        ("/admin/magazine/magazineissue/", "unpublish"),
        ("/admin/auth/user/", "delete_selected"),
    ],
)
def test_odd_selections_in_other_lists_never_fail(client, url, action):
    from tests.personas import make_administrator

    client.force_login(make_administrator("amina"))
    for selected in (["abc"], ["99999999999999999999"], ["1", "x"]):
        response = client.post(url, {"action": action, "_selected_action": selected})
        assert response.status_code in (200, 302), (url, selected)
