"""The workflow through the admin, as each role uses it and as a crafted request tries it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleEvent
from tests.factories import ArticleFactory
from tests.personas import (
    change_url,
    draft_by,
    form_data,
    make_administrator,
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


@pytest.fixture
def administrator():
    return make_administrator("amina")


def set_status(article, status, publish_at=None):
    Article.objects.filter(pk=article.pk).update(status=status, publish_at=publish_at)
    article.refresh_from_db()
    return article


def post_transition(client, article, name, **extra):
    data = open_form(client, article)
    data["_transition"] = name
    data.update(extra)
    return client.post(change_url(article), data)


# --- seeing ---------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page_everywhere(client, sara):
    article = draft_by(sara)
    for url in [
        CHANGELIST,
        change_url(article),
        f"/admin/articles/article/{article.pk}/history/",
        f"/admin/articles/article/{article.pk}/preview/",
        "/admin/articles/article/upload-image/",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    response = client.post(change_url(article), {"title_ar": "x", "_transition": "publish"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert Article.objects.get(pk=article.pk).status == S.DRAFT


def test_journalist_lists_own_articles_and_published_ones(client, sara, karim):
    mine = draft_by(sara)
    theirs = draft_by(karim)
    published = ArticleFactory()
    client.force_login(sara)
    result = set(client.get(CHANGELIST).context["cl"].result_list)
    assert result == {mine, published}
    assert theirs not in result


def test_editor_lists_everything(client, sara, karim, editor):
    articles = {draft_by(sara), draft_by(karim), ArticleFactory()}
    client.force_login(editor)
    assert set(client.get(CHANGELIST).context["cl"].result_list) == articles


def test_journalist_cannot_open_someone_elses_draft(client, sara, karim):
    theirs = draft_by(karim)
    client.force_login(sara)
    response = client.get(change_url(theirs))
    assert response.status_code == 302  # "doesn't exist", back to the admin index
    for suffix in ("history/", "preview/"):
        assert client.get(f"/admin/articles/article/{theirs.pk}/{suffix}").status_code == 404


def test_journalist_reads_a_published_article_without_any_button(client, sara):
    published = ArticleFactory()
    client.force_login(sara)
    response = client.get(change_url(published))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert response.context["transitions"] == []
    assert 'name="_transition"' not in response.content.decode()


# --- editing --------------------------------------------------------------------------


def test_journalist_edits_own_draft(client, sara):
    article = draft_by(sara)
    client.force_login(sara)
    data = open_form(client, article)
    data["title_ar"] = "عنوان معدل"
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_ar == "عنوان معدل"
    assert article.edit_version == 1


def test_journalist_creates_an_article_signed_with_their_name(client, sara):
    client.force_login(sara)
    response = client.get("/admin/articles/article/add/")
    data = form_data(response)
    assert data["bylines-0-author"] == str(sara.author_profile.pk)
    data.update(title_ar="مقال جديد", section=str(ArticleFactory().section_id))
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title_ar="مقال جديد")
    assert article.created_by == sara
    assert article.status == S.DRAFT
    assert [a.pk for a in article.ordered_authors()] == [sara.author_profile.pk]


@pytest.mark.parametrize("status", [S.REVIEW, S.SCHEDULED, S.PUBLISHED, S.UNPUBLISHED])
def test_journalist_cannot_edit_own_article_once_it_left_their_hands(client, sara, status):
    article = draft_by(sara)
    client.force_login(sara)
    data = open_form(client, article)
    set_status(article, status, timezone.now() - timedelta(hours=1))
    data["title_ar"] = "تعديل ممنوع"
    response = client.post(change_url(article), data)
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title_ar != "تعديل ممنوع"


def test_journalist_cannot_post_to_someone_elses_draft(client, sara, karim):
    theirs = draft_by(karim)
    client.force_login(sara)
    response = client.post(change_url(theirs), {"title_ar": "سطو", "edit_version": "0"})
    assert response.status_code == 302  # not in her list: "does not exist", back to the index
    assert Article.objects.get(pk=theirs.pk).title_ar != "سطو"


def test_journalist_crafted_post_cannot_set_featured_breaking_status_or_schedule(client, sara):
    article = draft_by(sara)
    client.force_login(sara)
    data = open_form(client, article)
    assert "is_featured" not in data
    assert "publish_at_0" not in data
    soon = timezone.now() + timedelta(hours=1)
    data.update(
        is_featured="on",
        is_breaking="on",
        status="published",
        slug="my-own-slug",
        **split_datetime("publish_at", soon),
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.is_featured, article.is_breaking, article.status) == (False, False, S.DRAFT)
    assert article.publish_at is None
    assert article.slug != "my-own-slug"


def test_status_is_not_editable_even_for_editors(client, sara, editor):
    article = draft_by(sara)
    client.force_login(editor)
    data = open_form(client, article)
    assert "status" not in data
    data["status"] = "published"
    client.post(change_url(article), data)
    assert Article.objects.get(pk=article.pk).status == S.DRAFT


def test_editor_sets_featured_and_breaking(client, sara, editor):
    article = draft_by(sara)
    client.force_login(editor)
    data = open_form(client, article)
    data.update(is_featured="on", is_breaking="on")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.is_featured
    assert article.is_breaking


def test_editing_a_live_article_marks_it_updated(client, sara, editor):
    article = ArticleFactory(created_by=sara)
    client.force_login(editor)
    data = open_form(client, article)
    data["body_ar"] = "<p>تصحيح</p>"
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.was_updated()


# --- transitions through the buttons ----------------------------------------------------

# (button, starting status, roles whose click works)
BUTTONS = [
    ("submit", S.DRAFT, {"sara", "editor", "administrator"}),
    ("return", S.REVIEW, {"editor", "administrator"}),
    ("publish", S.REVIEW, {"editor", "administrator"}),
    ("schedule", S.REVIEW, {"editor", "administrator"}),
    ("unpublish", S.PUBLISHED, {"editor", "administrator"}),
]


@pytest.mark.parametrize(("name", "status", "allowed"), BUTTONS, ids=[b[0] for b in BUTTONS])
@pytest.mark.parametrize("role", ["sara", "karim", "editor", "administrator"])
def test_button_matrix(client, sara, karim, editor, administrator, role, name, status, allowed):
    users = {"sara": sara, "karim": karim, "editor": editor, "administrator": administrator}
    user = users[role]
    article = draft_by(sara)
    publish_at = timezone.now() - timedelta(hours=1) if status == S.PUBLISHED else None
    set_status(article, status, publish_at)
    soon = timezone.now() + timedelta(hours=3)
    client.force_login(user)
    # Build the POST by hand from what the role may see (or what an editor would send).
    page = client.get(change_url(article))
    if page.status_code == 200:
        data = form_data(page)
        shown = {t.name for t in page.context["transitions"]}
        assert (name in shown) == (role in allowed)
    else:
        data = {"title_ar": "x", "section": str(article.section_id), "edit_version": "0"}
    data.update(_transition=name, review_note="مصادر؟")
    if name == "schedule":
        data.update(split_datetime("publish_at", soon))
    response = client.post(change_url(article), data)
    article.refresh_from_db()
    if role in allowed:
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert (
            article.status
            == {
                "submit": S.REVIEW,
                "return": S.RETURNED,
                "publish": S.PUBLISHED,
                "schedule": S.SCHEDULED,
                "unpublish": S.UNPUBLISHED,
            }[name]
        )
        event = article.events.get()
        assert (event.actor, event.from_status) == (user, status)
    else:
        assert response.status_code in (200, 302, 403)
        if response.status_code == 200:
            assert response.context["adminform"].form.errors
        assert article.status == status
        assert not article.events.exists()


def test_refused_transition_keeps_the_typed_text_and_saves_nothing(client, sara):
    article = draft_by(sara)
    client.force_login(sara)
    data = open_form(client, article)
    data.update(title_ar="نص جديد لم يحفظ", _transition="publish")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "نص جديد لم يحفظ" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title_ar != "نص جديد لم يحفظ"


def test_return_without_note_is_refused_with_a_message(client, sara, editor):
    article = set_status(draft_by(sara), S.REVIEW)
    client.force_login(editor)
    response = post_transition(client, article, "return", review_note="")
    assert response.status_code == 200
    assert "review_note" in response.context["adminform"].form.errors
    assert Article.objects.get(pk=article.pk).status == S.REVIEW


def test_returned_article_shows_the_note_and_goes_back_to_draft_on_save(client, sara, editor):
    article = set_status(draft_by(sara), S.REVIEW)
    client.force_login(editor)
    post_transition(client, article, "return", review_note="أضيفي مصدرا ثانيا")
    client.force_login(sara)
    response = client.get(change_url(article))
    assert "أضيفي مصدرا ثانيا" in response.content.decode()
    data = form_data(response)
    data["body_ar"] = "<p>مع مصدر ثان</p>"
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert list(article.events.values_list("action", flat=True)) == [
        ArticleEvent.Action.REOPEN,
        ArticleEvent.Action.RETURN,
    ]
    # …and she can submit again.
    assert post_transition(client, article, "submit").status_code == 302
    assert Article.objects.get(pk=article.pk).status == S.REVIEW


def test_schedule_with_a_past_time_is_refused(client, sara, editor):
    article = set_status(draft_by(sara), S.REVIEW)
    client.force_login(editor)
    past = timezone.now() - timedelta(minutes=5)
    response = post_transition(client, article, "schedule", **split_datetime("publish_at", past))
    assert response.status_code == 200
    assert "publish_at" in response.context["adminform"].form.errors
    assert Article.objects.get(pk=article.pk).status == S.REVIEW


def test_scheduled_time_cannot_be_moved_into_the_past_by_a_plain_save(client, sara, editor):
    article = set_status(draft_by(sara), S.SCHEDULED, timezone.now() + timedelta(hours=1))
    client.force_login(editor)
    data = open_form(client, article)
    data.update(split_datetime("publish_at", timezone.now() - timedelta(hours=1)))
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "publish_at" in response.context["adminform"].form.errors


def test_journalist_can_submit_straight_from_the_add_form(client, sara):
    client.force_login(sara)
    data = form_data(client.get("/admin/articles/article/add/"))
    data.update(title_ar="خبر عاجل", section=str(ArticleFactory().section_id), _transition="submit")
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302
    article = Article.objects.get(title_ar="خبر عاجل")
    assert article.status == S.REVIEW


# --- bulk actions ---------------------------------------------------------------------


def test_journalist_cannot_use_the_publish_action(client, sara):
    article = set_status(draft_by(sara), S.DRAFT)
    client.force_login(sara)
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "publish_selected" not in {name for name, _label in actions}
    response = client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [article.pk]}
    )
    assert response.status_code in (200, 302)
    assert Article.objects.get(pk=article.pk).status == S.DRAFT


def test_editor_publishes_and_unpublishes_with_actions(client, sara, editor):
    ready = set_status(draft_by(sara), S.REVIEW)
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [ready.pk]})
    ready.refresh_from_db()
    assert ready.status == S.PUBLISHED
    client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": [ready.pk]})
    assert Article.objects.get(pk=ready.pk).status == S.UNPUBLISHED


def test_bulk_submit_skips_what_the_journalist_may_not_submit(client, sara):
    mine = draft_by(sara)
    published = ArticleFactory()
    client.force_login(sara)
    client.post(
        CHANGELIST, {"action": "submit_selected", "_selected_action": [mine.pk, published.pk]}
    )
    assert Article.objects.get(pk=mine.pk).status == S.REVIEW
    assert Article.objects.get(pk=published.pk).status == S.PUBLISHED


# --- roles beyond articles --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "codes"),
    [
        ("/admin/articles/section/add/", {"sara": 403, "editor": 403, "administrator": 200}),
        ("/admin/authors/author/add/", {"sara": 403, "editor": 403, "administrator": 200}),
        ("/admin/auth/user/", {"sara": 403, "editor": 403, "administrator": 200}),
        ("/admin/articles/article/add/", {"sara": 200, "editor": 200, "administrator": 200}),
    ],
)
def test_what_each_role_may_open(client, sara, editor, administrator, url, codes):
    for name, user in {"sara": sara, "editor": editor, "administrator": administrator}.items():
        client.force_login(user)
        assert client.get(url).status_code == codes[name], (name, url)
