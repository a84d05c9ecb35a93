"""Writing in the back office: directions, the body editor and its sanitizing, images, cover,
the scheduling widget's time zone, the admin language, and the changelist's query budget."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory, image_upload
from tests.personas import (
    change_url,
    draft_by,
    form_data,
    make_editor,
    make_journalist,
    open_form,
)

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"
UPLOAD = "/admin/articles/article/upload-image/"


def attrs_of(html: str, name: str) -> str:
    """The opening tag of the form control called `name`."""
    match = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


# --- directions -------------------------------------------------------------------------


def test_arabic_admin_is_right_to_left(client):
    client.force_login(make_editor())
    body = client.get(ADD).content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert 'dir="ltr"' in attrs_of(body, "title_fr")


def test_arabic_fields_stay_right_to_left_in_a_french_admin(client):
    client.force_login(make_editor())
    response = client.post("/i18n/setlang/", {"language": "fr", "next": ADD})
    assert response.status_code == 302
    body = client.get(ADD).content.decode()
    assert '<html lang="fr" dir="ltr">' in body
    for name in ("title_ar", "lead_ar", "body_ar", "cover_alt_ar"):
        assert 'dir="rtl"' in attrs_of(body, name), name
        assert 'lang="ar"' in attrs_of(body, name)
    for name in ("title_fr", "body_fr"):
        assert 'dir="ltr"' in attrs_of(body, name), name


def test_the_language_menu_is_in_every_admin_page(client):
    client.force_login(make_journalist())
    body = client.get("/admin/").content.decode()
    assert 'action="/i18n/setlang/"' in body
    assert 'name="language"' in body
    client.post("/i18n/setlang/", {"language": "fr", "next": "/admin/"})
    assert '<html lang="fr" dir="ltr">' in client.get("/admin/").content.decode()
    # Only the site's editions (settings.LANGUAGES): English is not offered.
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert '<html lang="en"' not in client.get("/admin/").content.decode()


# --- the body editor ------------------------------------------------------------------


def test_body_uses_the_bundled_rich_text_editor_with_the_newsroom_tools(client):
    client.force_login(make_journalist())
    body = client.get(ADD).content.decode()
    textarea = attrs_of(body, "body_ar")
    config = json.loads(
        re.search(r"data-django-prose-editor-configurable=\"([^\"]+)\"", textarea)
        .group(1)
        .replace("&quot;", '"')
    )
    extensions = config["extensions"]
    for name in ("Paragraph", "Bold", "Italic", "Link", "BulletList", "OrderedList"):
        assert name in extensions
    assert extensions["Heading"] == {"levels": [2, 3]}
    assert "Blockquote" in extensions
    assert extensions["Figure"]["pickerUrl"] == UPLOAD
    # Everything is served from our static files: no CDN.
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', body)
    assert any("django_prose_editor/" in src for src in scripts)
    assert not [src for src in scripts if src.startswith(("http:", "https:", "//"))]
    assert "importmap" in body


EDITOR_OUTPUT = (
    '<h2 dir="rtl">عنوان فرعي</h2><p dir="rtl">فقرة <strong>مهمة</strong> و<em>مائلة</em> '
    'مع <a href="https://example.ma/x" target="_blank" rel="noopener">رابط</a>.</p>'
    '<h3>Sous-titre</h3><ul><li><p>واحد</p></li></ul><ol start="2" data-type="x"><li><p>اثنان</p></li></ol>'
    "<blockquote><p>اقتباس</p></blockquote>"
    '<figure class="figure"><img src="/media/inline/2025/04/a.jpg" alt="صورة" data-file="7">'
    "<figcaption>تعليق</figcaption></figure>"
    '<p onclick="alert(1)">x<script>alert(1)</script></p><img src="javascript:alert(1)">'
)


def test_editor_output_survives_the_sanitizer_and_attacks_do_not(client):
    sara = make_journalist()
    article = draft_by(sara)
    client.force_login(sara)
    data = open_form(client, article)
    data["body_ar"] = EDITOR_OUTPUT
    assert client.post(change_url(article), data).status_code == 302
    saved = Article.objects.get(pk=article.pk).body_ar
    for kept in (
        '<h2 dir="rtl">عنوان فرعي</h2>',
        '<p dir="rtl">',
        "<strong>مهمة</strong>",
        "<em>مائلة</em>",
        '<a href="https://example.ma/x" rel="noopener noreferrer">رابط</a>',
        "<h3>Sous-titre</h3>",
        "<ul><li><p>واحد</p></li></ul>",
        "<li><p>اثنان</p></li></ol>",
        "<blockquote><p>اقتباس</p></blockquote>",
        # No such file in storage: the <img> stays as it is, lazily loaded
        # (articles/body_images.py; a readable one becomes <picture>, tests/test_body_images.py).
        '<figure><img src="/media/inline/2025/04/a.jpg" alt="صورة" loading="lazy" '
        'decoding="async"><figcaption>تعليق</figcaption></figure>',
    ):
        assert kept in saved, kept
    for gone in ("onclick", "<script", "alert(1)</", "javascript:", "target=", "data-file"):
        assert gone not in saved, gone


# --- images in the body -----------------------------------------------------------------


def test_image_upload_stores_a_checked_image_under_inline(client):
    client.force_login(make_journalist())
    response = client.post(
        f"{UPLOAD}?format=json",
        {"image": image_upload("photo.png", fmt="PNG"), "alt": "مدخل المدينة", "caption": ""},
    )
    assert response.status_code == 201
    data = response.json()
    assert re.fullmatch(r"/media/inline/\d{4}/\d{2}/[0-9a-f]{32}\.png", data["url"])
    assert data["alternative_text"] == "مدخل المدينة"


def test_image_upload_refuses_what_is_not_an_image_with_a_clear_error(client):
    client.force_login(make_journalist())
    fake = SimpleUploadedFile("x.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    response = client.post(f"{UPLOAD}?format=json", {"image": fake, "alt": "x"})
    assert response.status_code == 400
    assert "image" in response.json()["errors"]
    response = client.post(UPLOAD, {"image": image_upload(), "alt": ""})
    assert response.status_code == 400
    assert "alt" in response.context["form"].errors


def test_image_picker_window_hands_the_image_back_to_the_editor(client):
    client.force_login(make_editor())
    url = f"{UPLOAD}?CKEditorFuncNum=-1"
    assert client.get(url).status_code == 200
    response = client.post(url, {"image": image_upload(), "alt": "صورة", "caption": "تعليق"})
    body = response.content.decode()
    assert 'data-func-num="-1"' in body
    handed_back = json.loads(
        re.search(
            r'<script id="uploaded-image" type="application/json">(.*?)</script>', body
        ).group(1)
    )
    assert handed_back["url"].startswith("/media/inline/")
    assert handed_back["alternative_text"] == "صورة"
    assert handed_back["caption"] == "تعليق"
    assert "upload_done.js" in body
    evil = client.get(f'{UPLOAD}?CKEditorFuncNum="><script>alert(1)</script>')
    assert "<script>alert(1)" not in evil.content.decode()


def test_image_upload_is_for_staff_who_write(client):
    assert client.post(UPLOAD, {"alt": "x"}).status_code == 302  # to the login page
    staff_without_role = UserFactory(username="intern", is_staff=True, password=None)
    client.force_login(staff_without_role)
    assert client.post(UPLOAD, {"image": image_upload(), "alt": "x"}).status_code == 403


# --- cover ------------------------------------------------------------------------------


def test_cover_needs_alt_text_per_edition_and_a_credit(client):
    sara = make_journalist()
    article = draft_by(sara, title_fr="Titre")
    client.force_login(sara)
    data = open_form(client, article)
    data["cover"] = image_upload()
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"cover_alt_ar", "cover_alt_fr", "cover_credit"} <= set(errors)
    assert "cover_alt_en" not in errors  # no English edition


def test_cover_with_alt_and_credit_is_saved_and_previewed(client):
    sara = make_journalist()
    article = draft_by(sara)
    client.force_login(sara)
    data = open_form(client, article)
    data.update(
        cover=image_upload(size=(800, 450)), cover_alt_ar="صورة الميناء", cover_credit="AFP"
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.cover_width == 800
    assert article.cover_renditions["specs"]["card"]
    body = client.get(change_url(article)).content.decode()
    assert f'src="{article.cover.url}"' in body  # staff see the stored cover itself
    assert 'class="cover-preview"' in body


def test_a_bad_cover_file_is_refused_with_a_clear_error_and_text_kept(client):
    sara = make_journalist()
    article = draft_by(sara)
    client.force_login(sara)
    data = open_form(client, article)
    data.update(
        cover=SimpleUploadedFile("c.jpg", b"%PDF-1.4", content_type="image/jpeg"),
        cover_alt_ar="صورة",
        cover_credit="AFP",
        title_ar="عنوان محفوظ في النموذج",
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "cover" in response.context["adminform"].form.errors
    assert "عنوان محفوظ في النموذج" in response.content.decode()


# --- scheduling widget -----------------------------------------------------------------


def test_schedule_fields_show_their_time_zone(client):
    client.force_login(make_editor())
    response = client.get(ADD)
    form = response.context["adminform"].form
    for name in ("publish_at", "unpublish_at"):
        assert re.search(
            r"Africa/Casablanca \(UTC[+-]\d\d:\d\d\)", str(form.fields[name].help_text)
        )
    assert "Africa/Casablanca (UTC" in response.content.decode()


# --- changelist query budget ----------------------------------------------------------


def changelist_queries(client, count: int) -> int:
    for _ in range(count - Article.objects.count()):
        ArticleFactory()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/articles/article/")
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == count
    return len(queries)


@pytest.mark.parametrize("role", ["editor", "journalist"])
def test_changelist_queries_do_not_grow_with_the_number_of_rows(
    client, role, django_assert_max_num_queries
):
    user = make_editor() if role == "editor" else make_journalist()
    client.force_login(user)
    # The first page after login notes the staff member's activity in the session (at most
    # once a minute, core/staff_sessions.py); counted pages come after it.
    assert client.get("/admin/").status_code == 200
    few = changelist_queries(client, 5)
    many = changelist_queries(client, 30)
    assert few == many
    # session + user + permissions (2) + count (2: filtered, total) + page + bylines
    # + filters' choices (sections, authors) + date hierarchy + actions' checks: about 12.
    with django_assert_max_num_queries(15):
        client.get("/admin/articles/article/")


def test_add_form_prefills_the_writers_byline(client):
    sara = make_journalist()
    client.force_login(sara)
    data = form_data(client.get(ADD))
    assert data["bylines-0-author"] == str(sara.author_profile.pk)
