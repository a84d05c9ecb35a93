"""Preview links: signed, expiring, revocable, bound to one article; marked, noindex, uncached."""

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from articles import preview
from articles.models import Article
from tests.factories import ArticleFactory
from tests.personas import draft_by, make_editor, make_journalist

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(
        status=Article.Status.DRAFT,
        publish_at=None,
        title_ar="مسودة للمعاينة",
        title_fr="Brouillon à prévisualiser",
    )


def test_valid_link_shows_the_draft_marked_as_a_preview(client, draft):
    response = client.get(preview.preview_url(draft))
    assert response.status_code == 200
    assert "مسودة للمعاينة" in response.content.decode()
    assert response.context["preview"] is True
    assert "noindex" in response["X-Robots-Tag"]
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control
    assert "no-store" in cache_control
    assert "private" in cache_control  # never kept by a shared cache
    assert "max-age=0" in cache_control


def test_link_switches_editions_and_refuses_a_missing_one(client, draft):
    url = preview.preview_url(draft)
    french = client.get(url, {"lang": "fr"})
    assert french.status_code == 200
    assert "Brouillon à prévisualiser" in french.content.decode()
    assert client.get(url, {"lang": "en"}).status_code == 404


def test_readers_without_the_link_see_404(client, draft):
    assert client.get(draft.get_absolute_url_in("ar")).status_code == 404
    assert client.get("/preview/not-a-token/").status_code == 404


def test_expired_link_is_404(client, draft, settings, time_machine):
    settings.ARTICLE_PREVIEW_MAX_AGE = 3600
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    url = preview.preview_url(draft)
    time_machine.move_to(now + timedelta(seconds=3500), tick=False)
    assert client.get(url).status_code == 200
    time_machine.move_to(now + timedelta(seconds=3601), tick=False)
    assert client.get(url).status_code == 404
    settings.ARTICLE_PREVIEW_MAX_AGE = 7200  # a longer lifetime is a setting away
    assert client.get(url).status_code == 200


def test_tampered_link_is_404(client, draft):
    token = preview.make_token(draft)
    value, timestamp, signature = token.rsplit(":", 2)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    assert client.get(f"/preview/{value}:{timestamp}:{flipped}/").status_code == 404


def test_link_cannot_be_edited_into_another_articles_preview(client, draft):
    other = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, title_ar="سر آخر")
    token = preview.make_token(draft)
    value, rest = token.split(":", 1)
    forged_value = signing.b64_encode(
        signing.JSONSerializer().dumps({"a": other.pk, "n": draft.preview_nonce})
    ).decode()
    assert client.get(f"/preview/{forged_value}:{rest}/").status_code == 404
    # A genuine token with the other article's id but the first one's nonce: also refused.
    signer = signing.TimestampSigner(salt=preview.SALT)
    mixed = signer.sign_object({"a": other.pk, "n": draft.preview_nonce})
    assert client.get(f"/preview/{mixed}/").status_code == 404
    assert preview.article_for_token(token) == draft


def test_a_token_signed_for_something_else_is_refused(client, draft):
    other_salt = signing.TimestampSigner(salt="password-reset").sign_object(
        {"a": draft.pk, "n": draft.preview_nonce}
    )
    assert client.get(f"/preview/{other_salt}/").status_code == 404


def test_revoke_invalidates_every_link(client, draft):
    first, second = preview.preview_url(draft, "ar"), preview.preview_url(draft, "fr")
    preview.revoke(draft)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 404
    assert client.get(preview.preview_url(draft)).status_code == 200


def test_nonces_differ_between_articles():
    assert ArticleFactory().preview_nonce != ArticleFactory().preview_nonce


def test_preview_link_only_accepts_reads(client, draft):
    assert client.post(preview.preview_url(draft)).status_code == 405


# --- the admin side ---------------------------------------------------------------------


def test_admin_preview_page_shows_both_editions_at_both_widths(client, draft):
    client.force_login(make_editor())
    response = client.get(f"/admin/articles/article/{draft.pk}/preview/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<iframe") == 4  # ar and fr, 390 and 1280 pixels
    assert 'width="390"' in body
    assert 'width="1280"' in body
    assert "?lang=ar" in body
    assert "?lang=fr" in body
    assert "no-store" in response["Cache-Control"]
    assert [code for code, _url in response.context["links"]] == ["ar", "fr"]


def test_change_form_links_to_the_preview(client, draft):
    client.force_login(make_editor())
    body = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert f"/admin/articles/article/{draft.pk}/preview/" in body


def test_revoke_button_needs_post_and_access(client):
    sara, karim = make_journalist("sara"), make_journalist("karim")
    article = draft_by(sara)
    nonce = article.preview_nonce
    url = f"/admin/articles/article/{article.pk}/preview/revoke/"
    client.force_login(karim)
    assert client.post(url).status_code == 404
    assert Article.objects.get(pk=article.pk).preview_nonce == nonce
    client.force_login(sara)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert Article.objects.get(pk=article.pk).preview_nonce != nonce


def test_preview_of_a_scheduled_article(client):
    from django.utils import timezone

    scheduled = ArticleFactory(
        status=Article.Status.SCHEDULED, publish_at=timezone.now() + timedelta(days=1)
    )
    assert client.get(scheduled.get_absolute_url_in("ar")).status_code == 404
    assert client.get(preview.preview_url(scheduled)).status_code == 200
