"""Pictures of articles that are not public are not served to readers (docs/media.md):
through Django (SERVE_MEDIA) or handed to nginx (MEDIA_ACCEL_REDIRECT)."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from articles.models import Article
from articles.services import article_saved
from core.renditions import manifest_names
from tests.factories import ArticleFactory
from tests.personas import make_journalist
from tests.pictures import jpeg

pytestmark = pytest.mark.django_db

S = Article.Status


def with_cover(**fields) -> Article:
    article = ArticleFactory(**fields)
    article.cover = jpeg((200, 30, 30), size=(640, 360))
    article.cover_alt_ar = "صورة"
    article.save()
    article_saved(article)
    assert article.cover.name.startswith("covers/")
    assert article.cover_digest
    assert all(name.startswith(f"covers/r/{article.cover_digest}/") for name in renditions(article))
    return article


def renditions(article) -> list[str]:
    names = sorted(manifest_names(article.cover_renditions))
    assert {name.rsplit(".", 1)[1] for name in names} == {"avif", "webp", "jpg"}
    return names


def urls(article) -> list[str]:
    """The cover and every one of its renditions (each size, each format)."""
    return [article.cover.url, *(default_storage.url(name) for name in renditions(article))]


def test_a_published_articles_pictures_are_served(client):
    article = with_cover()
    for url in urls(article):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("status", "offset"),
    [
        (S.DRAFT, None),
        (S.REVIEW, None),
        (S.RETURNED, None),
        (S.SCHEDULED, timedelta(hours=2)),
        (S.UNPUBLISHED, -timedelta(hours=2)),
    ],
)
def test_pictures_of_an_article_readers_cannot_see_answer_404(client, status, offset):
    article = with_cover()
    publish_at = timezone.now() + offset if offset else None
    Article.objects.filter(pk=article.pk).update(status=status, publish_at=publish_at)
    for url in urls(article):
        assert client.get(url).status_code == 404, (status, url)


def test_an_expired_articles_pictures_answer_404(client):
    article = with_cover()
    Article.objects.filter(pk=article.pk).update(unpublish_at=timezone.now() - timedelta(minutes=1))
    for url in urls(article):
        assert client.get(url).status_code == 404, url


def test_staff_see_a_drafts_pictures(client):
    article = with_cover(status=S.DRAFT, publish_at=None)
    client.force_login(make_journalist("sara"))
    for url in urls(article):
        assert client.get(url).status_code == 200, url


def test_a_replaced_cover_is_no_longer_served(client):
    article = with_cover()
    old = article.cover.url
    article.cover = jpeg((20, 40, 220))
    article.save()
    article_saved(article)
    assert article.cover.url != old
    assert client.get(old).status_code == 404
    assert client.get(article.cover.url).status_code == 200


def test_a_replaced_covers_renditions_are_no_longer_served(
    client, django_capture_on_commit_callbacks
):
    article = with_cover()
    old = urls(article)[1:]
    with django_capture_on_commit_callbacks(execute=True):
        article.cover = jpeg((20, 40, 220))
        article.save()
        article_saved(article)
    for url in old:
        assert client.get(url).status_code == 404, url
    for url in urls(article):
        assert client.get(url).status_code == 200, url


def test_renditions_two_articles_share_are_served_while_one_of_them_is_published(client):
    live = with_cover()
    draft = with_cover(status=S.DRAFT, publish_at=None)
    assert draft.cover_digest == live.cover_digest  # the same picture: one set of files
    assert draft.cover_renditions["specs"] == live.cover_renditions["specs"]
    for url in urls(draft)[1:]:
        assert client.get(url).status_code == 200, url
    Article.objects.filter(pk=live.pk).update(status=S.UNPUBLISHED)
    for url in urls(draft)[1:]:
        assert client.get(url).status_code == 404, url


def test_a_made_up_rendition_name_answers_404(client):
    article = with_cover()
    name = renditions(article)[0]
    for forged in (
        name.replace(article.cover_digest, "0" * 64),
        "covers/r/",
        "covers/r//640x360.jpg",
    ):
        assert client.get(default_storage.url(forged)).status_code == 404, forged


def test_behind_nginx_django_checks_and_hands_the_file_over(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/_protected_media/"
    live = with_cover()
    draft = with_cover(status=S.DRAFT, publish_at=None)
    response = client.get(live.cover.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{live.cover.name}"
    assert response.content == b""
    assert client.get(draft.cover.url).status_code == 404
    rendition = renditions(live)[0]
    response = client.get(default_storage.url(rendition))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{rendition}"
    draft.cover = jpeg((30, 200, 30))
    draft.save()
    article_saved(draft)
    assert client.get(default_storage.url(renditions(draft)[0])).status_code == 404
