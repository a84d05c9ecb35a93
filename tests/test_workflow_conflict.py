"""Two people on one article: nothing silently overwritten, and each sees the other."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleEvent, EditSession
from tests.factories import ArticleFactory
from tests.personas import change_url, make_editor, open_form, split_datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def sara_client():
    client = Client()
    client.force_login(make_editor("sara"))
    return client


@pytest.fixture
def omar_client():
    client = Client()
    client.force_login(make_editor("omar"))
    return client


def test_second_save_is_refused_showing_the_first_change_and_keeping_the_typed_text(
    sara_client, omar_client
):
    article = ArticleFactory(body_ar="<p>الحصيلة الأولى: عشرة جرحى</p>")
    sara_form = open_form(sara_client, article)
    omar_form = open_form(omar_client, article)

    sara_form["body_ar"] = "<p>الحصيلة المحينة: اثنا عشر جريحا</p>"
    assert sara_client.post(change_url(article), sara_form).status_code == 302

    omar_form["title_ar"] = "عنوان عمر"
    response = omar_client.post(change_url(article), omar_form)
    assert response.status_code == 200
    body = response.content.decode()
    form = response.context["adminform"].form
    assert form.conflict is not None
    assert "Sara" in " ".join(form.non_field_errors())
    # Sara's change is shown as a diff…
    assert "<del>عشرة</del><ins>اثنا</ins>" in body
    assert [d.label for d in form.conflict.diffs] == ["النص (ar)"]
    # …Omar's text is still in the form, and nothing of his reached the database.
    assert "عنوان عمر" in body
    article.refresh_from_db()
    assert article.title_ar != "عنوان عمر"
    assert article.body_ar == "<p>الحصيلة المحينة: اثنا عشر جريحا</p>"


def test_the_second_person_may_overwrite_after_seeing_the_change(sara_client, omar_client):
    article = ArticleFactory()
    sara_form, omar_form = open_form(sara_client, article), open_form(omar_client, article)
    sara_form["title_ar"] = "نسخة سارة"
    sara_client.post(change_url(article), sara_form)
    omar_form["title_ar"] = "نسخة عمر"
    response = omar_client.post(change_url(article), omar_form)
    current = response.context["adminform"].form.conflict.current_version
    assert f'name="_overwrite" value="{current}"' in response.content.decode()
    omar_form["_overwrite"] = str(current)
    assert omar_client.post(change_url(article), omar_form).status_code == 302
    assert Article.objects.get(pk=article.pk).title_ar == "نسخة عمر"


def test_an_old_overwrite_tick_does_not_cover_a_newer_change(sara_client, omar_client):
    article = ArticleFactory()
    omar_form = open_form(omar_client, article)
    for title in ("أولى", "ثانية"):
        form = open_form(sara_client, article)
        form["title_ar"] = title
        sara_client.post(change_url(article), form)
    omar_form.update(title_ar="عمر", _overwrite="1")  # ticked after seeing version 1 only
    assert omar_client.post(change_url(article), omar_form).status_code == 200
    assert Article.objects.get(pk=article.pk).title_ar == "ثانية"


def test_schedule_only_changes_conflict_too(sara_client, omar_client):
    article = ArticleFactory(
        status=Article.Status.SCHEDULED, publish_at=timezone.now() + timedelta(hours=2)
    )
    sara_form, omar_form = open_form(sara_client, article), open_form(omar_client, article)
    sara_form.update(split_datetime("publish_at", timezone.now() + timedelta(hours=5)))
    assert sara_client.post(change_url(article), sara_form).status_code == 302
    omar_form.update(split_datetime("unpublish_at", timezone.now() + timedelta(days=3)))
    response = omar_client.post(change_url(article), omar_form)
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict is not None
    article.refresh_from_db()
    assert article.unpublish_at is None


def test_a_workflow_step_by_someone_else_is_a_conflict(sara_client, omar_client):
    article = ArticleFactory(status=Article.Status.REVIEW, publish_at=None)
    omar_form = open_form(omar_client, article)
    workflow.publish_now(article, by=_user("sara"))
    omar_form["title_ar"] = "تعديل متأخر"
    response = omar_client.post(change_url(article), omar_form)
    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert str(ArticleEvent.Action.PUBLISH.label) in message
    assert "Sara" in message


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_going_live_at_its_time_is_not_a_conflict(omar_client):
    article = ArticleFactory(
        status=Article.Status.SCHEDULED, publish_at=timezone.now() + timedelta(minutes=1)
    )
    omar_form = open_form(omar_client, article)
    # The time comes and the optional cron job records it while Omar is still typing.
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    omar_form.update(split_datetime("publish_at", timezone.now() - timedelta(seconds=1)))
    workflow.publish_due()
    omar_form["lead_ar"] = "ملخص عمر"
    response = omar_client.post(change_url(article), omar_form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.status, article.lead_ar) == (Article.Status.PUBLISHED, "ملخص عمر")


def test_going_live_without_the_cron_job_is_not_a_conflict_either(omar_client):
    at = timezone.now() + timedelta(minutes=1)
    article = ArticleFactory(status=Article.Status.SCHEDULED, publish_at=at)
    omar_form = open_form(omar_client, article)
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    omar_form.update(split_datetime("publish_at", timezone.now() - timedelta(seconds=1)))
    omar_form["lead_ar"] = "ملخص"
    # The publication time is unchanged, and now in the past: the article is live.
    response = omar_client.post(change_url(article), omar_form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.is_published()
    assert article.lead_ar == "ملخص"


def test_a_post_without_the_version_is_refused(omar_client):
    article = ArticleFactory()
    form = open_form(omar_client, article)
    del form["edit_version"]
    form["title_ar"] = "بلا نسخة"
    assert omar_client.post(change_url(article), form).status_code == 200
    assert Article.objects.get(pk=article.pk).title_ar != "بلا نسخة"


# --- who is editing -------------------------------------------------------------------


def test_opening_an_article_shows_who_else_is_editing_and_since_when(sara_client, omar_client):
    article = ArticleFactory()
    sara_client.get(change_url(article))
    session = EditSession.objects.get(article=article, user__username="sara")
    response = omar_client.get(change_url(article))
    since = timezone.localtime(session.started_at).strftime("%H:%M")
    assert [s.user.username for s in response.context["others_editing"]] == ["sara"]
    # The admin is in Arabic by default; the banner too.
    assert f"Sara يحرر هذا المقال منذ {since}" in response.content.decode()


def test_stale_sessions_are_not_shown(sara_client, omar_client, settings):
    article = ArticleFactory()
    sara_client.get(change_url(article))
    EditSession.objects.update(
        last_seen=timezone.now() - timedelta(seconds=settings.EDIT_PRESENCE_SECONDS + 1)
    )
    assert omar_client.get(change_url(article)).context["others_editing"] == []


def test_heartbeat_keeps_the_session_alive_and_reports_the_others(sara_client, omar_client):
    article = ArticleFactory()
    url = f"/admin/articles/article/{article.pk}/heartbeat/"
    omar_client.get(change_url(article))
    EditSession.objects.update(last_seen=timezone.now() - timedelta(seconds=100))
    response = sara_client.post(url)
    assert [other["name"] for other in response.json()["others"]] == ["Omar"]
    assert EditSession.objects.filter(user__username="sara").exists()
    omar_client.post(url, {"leave": "1"})
    assert sara_client.post(url).json() == {"others": []}
    assert sara_client.get(url).status_code == 405


def test_saving_ends_the_editing_session(sara_client):
    article = ArticleFactory()
    form = open_form(sara_client, article)
    assert EditSession.objects.filter(article=article).exists()
    sara_client.post(change_url(article), form)
    assert not EditSession.objects.filter(article=article).exists()
