import pytest
from django.urls import reverse

from articles.models import Article, Section, Tag
from authors.models import Author
from tests.factories import ArticleFactory, SectionFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [Article, Section, Tag, Author]


@pytest.fixture
def superuser_client(client):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_renders(superuser_client, model):
    ArticleFactory()
    TagFactory()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert b'id="changelist"' in response.content
    assert b'id="result_list"' in response.content  # the objects made above are listed


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_add_form_renders_with_language_tabs(superuser_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = superuser_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    # One input per language for translated fields, and the tabs' script, served locally.
    assert "_ar" in body
    assert "_fr" in body
    assert 'name="title_en"' not in body  # not an edition
    assert 'name="name_en"' not in body
    assert "vendor/jquery-ui/jquery-ui.min.js" in body
    assert "googleapis" not in body


def test_change_form_renders(superuser_client):
    article = ArticleFactory()
    response = superuser_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200


def test_article_changelist_filters_and_search(superuser_client):
    article = ArticleFactory(title_ar="زلزال في الحوز")
    ArticleFactory(title_ar="مباراة الوداد")
    url = reverse("admin:articles_article_changelist")
    response = superuser_client.get(url, {"q": "الحوز"})
    assert list(response.context["cl"].result_list) == [article]
    response = superuser_client.get(url, {"status__exact": "draft"})
    assert list(response.context["cl"].result_list) == []
    response = superuser_client.get(url, {"section__id__exact": article.section_id})
    assert list(response.context["cl"].result_list) == [article]


def test_author_photo_that_is_not_an_image_is_refused_and_input_kept(superuser_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = superuser_client.post(
        reverse("admin:authors_author_add"),
        {
            "name_ar": "سارة البوفي",
            "name_fr": "Sara Elboufi",
            "role_ar": "كاتبة وصحفية",
            "is_active": "on",
            "photo": SimpleUploadedFile(
                "me.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"
            ),
        },
    )
    assert response.status_code == 200
    assert not Author.objects.exists()
    form = response.context["adminform"].form
    assert "photo" in form.errors
    assert form["name_fr"].value() == "Sara Elboufi"
    assert "Sara Elboufi" in response.content.decode()


def test_author_with_valid_photo_is_saved(superuser_client):
    from tests.factories import image_upload

    response = superuser_client.post(
        reverse("admin:authors_author_add"),
        {
            "name_ar": "سارة البوفي",
            "name_fr": "Sara Elboufi",
            "is_active": "on",
            "photo": image_upload(),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    author = Author.objects.get()
    assert author.photo_width == 64
    assert author.photo_height == 48


def test_section_in_use_shows_protection_on_delete(superuser_client):
    section = SectionFactory()
    ArticleFactory(section=section)
    response = superuser_client.post(
        reverse("admin:articles_section_delete", args=[section.pk]), {"post": "yes"}
    )
    assert Section.objects.filter(pk=section.pk).exists()
    assert response.status_code == 200


def test_changelist_shows_a_title_even_when_not_in_the_admin_language(superuser_client):
    ArticleFactory(title_ar="خبر بالعربية فقط")
    response = superuser_client.get(
        reverse("admin:articles_article_changelist"), HTTP_ACCEPT_LANGUAGE="fr"
    )
    body = response.content.decode()
    assert '<bdi dir="auto">خبر بالعربية فقط</bdi>' in body
    assert "AR" in body
