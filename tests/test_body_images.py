"""Pictures in an article's body: uploaded through the editor's picker, saved through the
change form as the browser posts it, shown to readers as responsive `<picture>` markup
with width and height, never as the original upload (issue 12)."""

import html
import re
from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.body_images import BODY, body_images_done, responsive_body, source_name
from articles.models import Article
from core.sanitizer import sanitize_html
from tests.personas import change_url, draft_by, form_data, make_journalist
from tests.pictures import download, post_ok

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:articles_article_upload_image")


def photo(size=(2400, 1600), colour=(30, 120, 200), name="photo.jpg") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=90)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def upload(client, picture=None, alt="صورة الساحة") -> str:
    response = client.post(
        f"{UPLOAD_URL}?format=json", {"image": picture or photo(), "alt": alt, "caption": ""}
    )
    assert response.status_code == 201, response.content
    return response.json()["url"]


def figure(src, alt="صورة الساحة", caption="الساحة صباحا", extra="") -> str:
    return (
        f'<p>فقرة أولى.</p><figure><img src="{src}" alt="{alt}"{extra}>'
        f"<figcaption>{caption}</figcaption></figure><p>فقرة ثانية.</p>"
    )


def save_body(client, article, body) -> Article:
    data = form_data(client.get(change_url(article)))
    data["body_ar"] = body
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    return article


def srcset_urls(markup: str) -> list[str]:
    urls = []
    for value in re.findall(r'srcset="([^"]*)"', markup):
        urls += [candidate.split()[0] for candidate in value.split(",")]
    return urls


def img_attributes(markup: str) -> list[dict]:
    return [
        dict(re.findall(r'([a-z-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", markup)
    ]


@pytest.fixture
def sara(client):
    user = make_journalist("sara")
    client.force_login(user)
    return user


def test_a_body_picture_is_saved_as_responsive_markup(client, sara):
    original = upload(client)
    article = save_body(client, draft_by(sara), figure(original))
    body = article.body_ar

    assert original not in body  # the upload itself is never shown
    assert "<figcaption>الساحة صباحا</figcaption>" in body
    assert body.count("<picture>") == 1
    assert '<source type="image/avif"' in body
    assert '<source type="image/webp"' in body
    (img,) = img_attributes(body)
    assert img["alt"] == "صورة الساحة"
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert int(img["width"]) / int(img["height"]) == pytest.approx(1.5, abs=0.01)
    assert img["sizes"]
    assert img["srcset"]
    # Every width of the body spec, in every format, each file served with its type.
    urls = srcset_urls(body)
    widths = sorted({int(w) for w in re.findall(r" (\d+)w", body)})
    assert widths == list(BODY.widths)
    assert len(urls) == 3 * len(BODY.widths)
    for url in urls:
        data = download(client, url)
        with Image.open(BytesIO(data)) as picture:
            assert picture.format in ("AVIF", "WEBP", "JPEG")
            assert picture.width in BODY.widths
            assert picture.width < 2400
    assert sanitize_html(body) == body  # what is stored is what the allow-list keeps


def test_what_the_editor_gives_back_is_made_into_the_same_markup(client, sara):
    article = save_body(client, draft_by(sara), figure(upload(client)))
    first = article.body_ar
    files = srcset_urls(first)
    # The editor drops <picture> and <source> and keeps the <img>'s src, alt, width, height.
    (img,) = img_attributes(first)
    edited = figure(img["src"], extra=f' width="{img["width"]}" height="{img["height"]}"')
    article = save_body(client, article, edited)
    assert article.body_ar == first
    assert srcset_urls(article.body_ar) == files


def test_the_published_page_shows_the_responsive_picture(client, sara):
    original = upload(client)
    article = save_body(client, draft_by(sara), figure(original))
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, publish_at=timezone.now()
    )
    client.logout()
    page = client.get(article.get_absolute_url_in("ar")).content.decode()
    assert original not in page
    body = page.split('class="article-body"', 1)[1]
    (img, *_) = img_attributes(body)
    assert img["width"]
    assert img["height"]
    assert img["srcset"]
    assert img["loading"] == "lazy"


def test_the_same_picture_twice_in_a_body_makes_one_set_of_files(client, sara):
    original = upload(client)
    article = save_body(client, draft_by(sara), figure(original) + figure(original))
    assert article.body_ar.count("<picture>") == 2
    first, second = article.body_ar.split("</picture>")[:2]
    assert srcset_urls(first) == srcset_urls(second)


@pytest.mark.parametrize("broken", ["missing", "not-a-picture"])
def test_a_body_picture_that_cannot_be_read_keeps_working(client, sara, broken):
    if broken == "missing":
        src = "/media/inline/2020/01/gone.jpg"
    else:
        name = default_storage.save("inline/2020/01/text.jpg", ContentFile(b"not a picture"))
        src = default_storage.url(name)
    article = save_body(client, draft_by(sara), figure(src, extra=' width="800" height="600"'))
    (img,) = img_attributes(article.body_ar)
    assert img["src"] == src
    assert (img["width"], img["height"]) == ("800", "600")
    assert img["loading"] == "lazy"
    assert "<figcaption>الساحة صباحا</figcaption>" in article.body_ar
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, publish_at=timezone.now()
    )
    assert client.get(article.get_absolute_url_in("ar")).status_code == 200


@pytest.mark.parametrize(
    ("src", "named"),
    [
        ("https://tracker.example/pixel.gif", "tracker.example"),
        ("http://photos.example/a.jpg", "http:photos.example"),
        ("//cdn.example/b.jpg", "cdn.example"),
    ],
)
def test_a_picture_of_another_site_is_refused_naming_its_host(client, sara, src, named):
    """Readers' browsers must not call another site (trackers) nor load http: pictures: the
    form says which picture, keeps the text, and nothing is saved (docs/security.md)."""
    article = draft_by(sara, body_ar="<p>قبل</p>")
    data = form_data(client.get(change_url(article)))
    data["body_ar"] = figure(src)
    response = client.post(change_url(article), data)
    assert response.status_code == 200  # the form again, with the error
    form = response.context["adminform"].form
    (error,) = form.errors.as_data()["body_ar"]
    assert error.code == "foreign_picture"
    assert named in form.errors["body_ar"][0]  # in the back office's language, host named
    assert src in response.content.decode()  # what the journalist wrote is still there
    article.refresh_from_db()
    assert article.body_ar == "<p>قبل</p>"


def test_a_picture_of_another_site_never_reaches_a_page_whatever_saved_it(sara):
    """Saved outside the form (an import, a shell): the sanitizer drops the src, the alt
    text stays as what the reader sees, nothing is loaded."""
    article = draft_by(sara)
    article.body_ar = figure("https://tracker.example/pixel.gif", alt="الساحة")
    article.save()
    article.refresh_from_db()
    assert "tracker.example" not in article.body_ar
    (img,) = img_attributes(article.body_ar)
    assert "src" not in img
    assert img["alt"] == "الساحة"


def test_done_means_every_picture_of_ours_is_responsive(client, sara):
    original = upload(client)
    raw = Article(body_ar=figure(original))
    assert not body_images_done(raw)
    made = Article(body_ar=responsive_body(sanitize_html(figure(original))))
    assert body_images_done(made)
    assert body_images_done(Article(body_ar=figure("https://example.org/x.jpg")))


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("/media/inline/2026/12/a.jpg", "inline/2026/12/a.jpg"),
        (
            "/media/inline/r/2026/12/a.jpg/" + "0" * 64 + "/480x320-full-e1.avif",
            "inline/2026/12/a.jpg",
        ),
        ("/media/inline/r/2026/12/a.jpg/notadigest/480x320.jpg", ""),
        ("/media/inline/../covers/a.jpg", ""),
        ("/media/covers/a.jpg", ""),
        ("https://example.org/media/inline/a.jpg", ""),
        ("//example.org/media/inline/a.jpg", ""),
    ],
)
def test_which_pictures_are_ours(src, expected):
    assert source_name(src) == expected


# --- the allow-list keeps responsive markup of our own media only ---------------------------


@pytest.mark.parametrize(
    "srcset",
    [
        "https://tracker.example/a.jpg 480w",
        "//tracker.example/media/a.jpg 480w",
        "javascript:alert(1) 480w",
        "data:image/png;base64,AAAA 1x",
        "/media/a.jpg 480w, https://tracker.example/b.jpg 960w",
        "/media/a.jpg evil",
        "/static/a.jpg 480w",
    ],
)
def test_a_srcset_naming_anything_but_our_media_is_dropped(srcset):
    clean = sanitize_html(
        f'<picture><source type="image/webp" srcset="{srcset}"><img src="/media/a.jpg" srcset="{srcset}" alt=""></picture>'
    )
    assert "srcset" not in clean
    assert "tracker" not in clean


def test_responsive_attributes_keep_only_known_values():
    clean = sanitize_html(
        '<picture><source type="text/html" srcset="/media/a.webp 480w" sizes="100vw">'
        '<img src="/media/a.jpg" alt="" loading="whenever" decoding="async" '
        'sizes="expression(alert(1))" onerror="alert(1)" fetchpriority="high"></picture>'
    )
    assert "text/html" not in clean
    assert "whenever" not in clean
    assert "expression" not in clean
    assert "onerror" not in clean
    assert "fetchpriority" not in clean
    assert 'decoding="async"' in clean
    assert 'srcset="/media/a.webp 480w"' in clean
    kept = sanitize_html(
        '<picture><source type="image/avif" srcset="/media/a.avif 480w, /media/b.avif 960w" '
        'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"><img src="/media/a.jpg" alt="x" '
        'width="960" height="640" loading="lazy" decoding="async"></picture>'
    )
    assert 'type="image/avif"' in kept
    assert 'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"' in kept
    assert 'loading="lazy"' in kept


def test_the_regenerate_command_makes_old_bodies_responsive(client, sara):
    from io import StringIO

    from django.core.management import call_command

    original = upload(client)
    article = draft_by(sara)
    # Written before body pictures were made responsive: no save() went through the service.
    Article.objects.filter(pk=article.pk).update(body_ar=figure(original))
    call_command("regenerate_renditions", only=["articles.Article.body"], stdout=StringIO())
    article.refresh_from_db()
    assert original not in article.body_ar
    assert article.body_ar.count("<picture>") == 1
    assert body_images_done(article)
    # Done: a second run leaves it as it is.
    before = article.body_ar
    call_command("regenerate_renditions", only=["articles.Article.body"], stdout=StringIO())
    article.refresh_from_db()
    assert article.body_ar == before


def test_an_alt_text_with_angle_brackets_stays_whole(client, sara):
    alt = "السعر > 10 درهم و< 20"
    article = save_body(
        client, draft_by(sara), figure(upload(client), alt="السعر &gt; 10 درهم و&lt; 20")
    )
    (img,) = img_attributes(article.body_ar)
    assert html.unescape(img["alt"]) == alt
    assert article.body_ar.count("<picture>") == 1
    assert '20">' not in article.body_ar.replace(img["alt"], "")


def rendition_files(article) -> list[str]:
    """The storage names of the renditions the article's stored Arabic body shows."""
    names = [url.removeprefix(settings.MEDIA_URL) for url in srcset_urls(article.body_ar)]
    assert names
    return names


def test_a_picture_removed_from_the_body_loses_its_renditions(
    client, sara, django_capture_on_commit_callbacks
):
    original = upload(client)
    article = save_body(client, draft_by(sara), figure(original))
    files = rendition_files(article)
    assert all(default_storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        article = save_body(client, article, "<p>فقرة بلا صورة.</p>")

    assert "<img" not in article.body_ar
    assert not any(default_storage.exists(name) for name in files)
    assert default_storage.exists(source_name(original))  # the upload itself stays


def test_a_picture_another_article_still_shows_keeps_its_renditions(
    client, sara, django_capture_on_commit_callbacks
):
    original = upload(client)
    first = save_body(client, draft_by(sara), figure(original))
    second = save_body(client, draft_by(sara), figure(original))
    files = rendition_files(first)
    assert rendition_files(second) == files

    with django_capture_on_commit_callbacks(execute=True):
        save_body(client, first, "<p>فقرة بلا صورة.</p>")

    assert all(default_storage.exists(name) for name in files)
    assert srcset_urls(Article.objects.get(pk=second.pk).body_ar) == srcset_urls(second.body_ar)


def test_a_picture_inserted_again_gets_its_renditions_again(
    client, sara, django_capture_on_commit_callbacks
):
    original = upload(client)
    article = save_body(client, draft_by(sara), figure(original))
    files = rendition_files(article)
    with django_capture_on_commit_callbacks(execute=True):
        article = save_body(client, article, "<p>فقرة بلا صورة.</p>")
    assert not any(default_storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        article = save_body(client, article, figure(original))

    assert rendition_files(article) == files
    assert all(default_storage.exists(name) for name in files)
    for url in srcset_urls(article.body_ar):
        assert download(client, url)


def test_a_picture_still_in_the_other_edition_keeps_its_renditions(
    client, sara, django_capture_on_commit_callbacks
):
    original = upload(client)
    article = draft_by(sara)
    data = form_data(client.get(change_url(article)))
    data["body_ar"] = figure(original)
    data["body_fr"] = figure(original, alt="Photo de la place", caption="La place")
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    files = rendition_files(article)
    assert files
    assert [url.removeprefix(settings.MEDIA_URL) for url in srcset_urls(article.body_fr)] == files

    with django_capture_on_commit_callbacks(execute=True):
        article = save_body(client, article, "<p>فقرة بلا صورة.</p>")

    assert "<img" not in article.body_ar
    assert all(default_storage.exists(name) for name in files)
