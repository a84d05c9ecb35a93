"""What follows a change to an article (articles/services.py): its thumbnail, its search
documents and the cached public pages, made by the writers that change articles, never by
`Article.save()` on its own, and never skipped by a writer that runs `queryset.update()`."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from articles import history, services
from articles.models import Article, ArticleEvent, ArticleSearchText
from core.cache import public_pages_generation
from core.renditions import manifest_names
from tests.factories import ArticleFactory, SectionFactory, image_upload
from tests.personas import change_url, draft_by, make_editor, make_journalist, open_form

pytestmark = pytest.mark.django_db

S = Article.Status
CHANGELIST = "/admin/articles/article/"


def found(client, q: str) -> list[int]:
    response = client.get("/ar/search/", {"q": q})
    assert response.status_code == 200
    return [article.pk for article, _title, _snippet in response.context["results"]]


def test_saving_an_article_writes_its_row_only(django_capture_on_commit_callbacks):
    article = Article(
        title_ar="مقال محفوظ وحده",
        section=SectionFactory(),
        status=S.PUBLISHED,
        publish_at=timezone.now() - timedelta(hours=1),
        cover=image_upload(size=(640, 360)),
    )
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert default_storage.exists(article.cover.name)  # the upload is part of the row
    assert not article.cover_renditions
    assert not ArticleSearchText.objects.filter(article=article).exists()
    assert public_pages_generation() == generation

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.article_saved(article)
    names = manifest_names(article.cover_renditions)
    assert names
    assert all(default_storage.exists(name) for name in names)
    assert Article.objects.get(pk=article.pk).cover_renditions == article.cover_renditions
    assert set(
        ArticleSearchText.objects.filter(article=article).values_list("language", flat=True)
    ) == {"ar"}
    assert public_pages_generation() == generation  # the cache waits for the commit
    for callback in callbacks:
        callback()
    assert public_pages_generation() == generation + 1


def test_a_draft_saved_leaves_the_cached_pages_alone(django_capture_on_commit_callbacks):
    draft = draft_by(make_journalist("sara"))
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_saved(draft)
    assert public_pages_generation() == generation


def test_text_written_by_update_is_searchable_once_handed_to_the_service(
    client, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title_ar="عنوان قديم")
    Article.objects.filter(pk=article.pk).update(title_ar="عنوان مستجد")
    assert found(client, "مستجد") == []  # update() runs no save(), and save() indexes nothing
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=True):
        services.articles_updated([article.pk], fields=["title_ar"])
    assert found(client, "مستجد") == [article.pk]
    assert found(client, "قديم") == []
    assert public_pages_generation() == generation + 1


def test_publish_due_refreshes_the_cached_pages_once_per_article_after_commit(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    due = ArticleFactory(status=S.SCHEDULED, publish_at=now - timedelta(minutes=1))
    expired = ArticleFactory(publish_at=now - timedelta(days=1), unpublish_at=now)
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("publish_due", verbosity=0)
    assert public_pages_generation() == generation
    for callback in callbacks:
        callback()
    assert public_pages_generation() == generation + 2
    assert Article.objects.get(pk=due.pk).status == S.PUBLISHED
    assert Article.objects.get(pk=expired.pk).status == S.UNPUBLISHED
    with django_capture_on_commit_callbacks(execute=True) as again:
        call_command("publish_due", verbosity=0)
    assert again == []  # nothing moved, nothing to refresh


def test_bulk_publish_makes_the_articles_searchable_and_refreshes_the_pages(
    client, django_capture_on_commit_callbacks
):
    sara = make_journalist("sara")
    first = draft_by(sara, title_ar="حصيلة أولى للمباراة", status=S.REVIEW)
    second = draft_by(sara, title_ar="حصيلة ثانية للمباراة", status=S.REVIEW)
    assert found(client, "حصيلة") == []
    client.force_login(make_editor())
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST,
            {"action": "publish_selected", "_selected_action": [first.pk, second.pk]},
        )
    assert response.status_code == 302
    assert public_pages_generation() == generation + 2
    assert set(found(client, "حصيلة")) == {first.pk, second.pk}
    assert ArticleEvent.objects.filter(action=ArticleEvent.Action.PUBLISH).count() == 2


def test_restoring_a_revision_restores_what_search_finds(client):
    editor = make_editor()
    article = ArticleFactory(title_ar="الأمطار تعود إلى الأطلس")
    client.force_login(editor)
    data = open_form(client, article)  # the first revision: the text as it was
    original = history.versions_of(article).first()
    data["title_ar"] = "الثلوج تكسو الأطلس"
    assert client.post(change_url(article), data).status_code == 302
    assert found(client, "الثلوج") == [article.pk]

    restore = f"/admin/articles/article/{article.pk}/history/{original.pk}/restore/"
    assert client.post(restore).status_code == 302
    assert found(client, "الثلوج") == []
    assert found(client, "الأمطار") == [article.pk]


@pytest.mark.parametrize("how", ["delete view", "bulk action"])
def test_deleting_a_live_article_in_the_admin_refreshes_the_cached_pages(
    client, how, django_capture_on_commit_callbacks
):
    from tests.personas import make_administrator

    article = ArticleFactory()
    client.force_login(make_administrator())
    generation = public_pages_generation()
    with django_capture_on_commit_callbacks(execute=True):
        if how == "delete view":
            response = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
        else:
            response = client.post(
                CHANGELIST,
                {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
            )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert public_pages_generation() == generation + 1
