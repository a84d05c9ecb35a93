"""Uploaded files through the admin as staff use it: records with files save again, each
image keeps its own renditions, published images carry no location or camera data, and
unpublished files cannot be downloaded (docs/media.md)."""

import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path, PurePosixPath

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ads.models import Banner
from articles.models import Article
from authors.models import Author
from core.renditions import manifest_names
from magazine.models import MagazineIssue
from tests.banner_factories import MINIMAL_PDF, BannerFactory, MagazineIssueFactory, pdf_upload
from tests.factories import AuthorFactory
from tests.personas import (
    change_url,
    draft_by,
    form_data,
    make_administrator,
    make_editor,
    make_journalist,
    split_datetime,
)
from tests.pictures import centre_colour, download, jpeg, post_ok, same_colour

pytestmark = pytest.mark.django_db

S = Article.Status
RED, BLUE, GREEN = (220, 20, 20), (20, 40, 220), (20, 200, 40)

# EXIF tags (Pillow's ExifTags.Base): orientation, camera, serial number, GPS block.
ORIENTATION, MAKE, MODEL, BODY_SERIAL, GPS_IFD = 0x0112, 0x010F, 0x0110, 0xA431, 0x8825


def png(colour, size, name="ad.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def phone_photo(name="IMG_0001.jpg") -> SimpleUploadedFile:
    """A phone photo held upright: 600×400 pixels stored, Orientation 6 (rotate 90° clockwise),
    with the place it was taken and the camera's make, model and serial number."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "PhoneMaker"
    exif[MODEL] = "Phone 15"
    exif[BODY_SERIAL] = "SN-123456789"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (33.0, 35.0, 17.0)  # Casablanca
    gps[3] = "W"
    gps[4] = (7.0, 36.0, 40.0)
    buffer = BytesIO()
    image = Image.new("RGB", (600, 400), RED)
    image.paste(BLUE, (0, 0, 300, 400))  # left half blue: after rotation, the top half
    image.save(buffer, "JPEG", quality=95, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def assert_no_private_metadata(data: bytes) -> None:
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        assert MAKE not in exif
        assert MODEL not in exif
        assert BODY_SERIAL not in exif
        assert not exif.get_ifd(GPS_IFD)
        assert GPS_IFD not in exif
        assert not image.info.get("exif")
        assert "xmp" not in image.info
        assert "XML:com.adobe.xmp" not in image.info
    assert b"PhoneMaker" not in data
    assert b"SN-123456789" not in data


def resave_twice(client, url, text_field, text):
    """Post the change form as rendered, unchanged; then again with only a text changed."""
    post_ok(client, url, form_data(client.get(url)))
    data = form_data(client.get(url))
    data[text_field] = text
    post_ok(client, url, data)


# --- 1. records with files save again -----------------------------------------------------------


def upload_cover(client, article, colour=RED, name="photo.jpg"):
    data = form_data(client.get(change_url(article)))
    data.update(cover=jpeg(colour, name=name), cover_alt_ar="صورة", cover_credit="Newsroom")
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    return article


def set_status(article, status, publish_at=None):
    Article.objects.filter(pk=article.pk).update(status=status, publish_at=publish_at)


@pytest.mark.parametrize(
    ("button", "status", "extra"),
    [
        ("", S.DRAFT, {}),  # Save
        ("submit", S.DRAFT, {}),
        ("publish", S.REVIEW, {}),
        ("schedule", S.REVIEW, "future"),
        ("return", S.REVIEW, {"review_note": "أضيفي مصدرا"}),
        ("unpublish", S.PUBLISHED, {}),
    ],
    ids=["save", "submit", "publish", "schedule", "return", "unpublish"],
)
def test_an_article_with_a_cover_saves_again_with_every_button(client, button, status, extra):
    sara = make_journalist("sara")
    editor = make_editor()
    article = draft_by(sara)
    client.force_login(sara)
    upload_cover(client, article)
    cover_name = article.cover.name
    assert default_storage.exists(cover_name)
    set_status(
        article, status, timezone.now() - timedelta(hours=1) if status == S.PUBLISHED else None
    )
    client.force_login(sara if button in ("", "submit") else editor)
    data = form_data(client.get(change_url(article)))
    if button:
        data["_transition"] = button
    if extra == "future":
        extra = split_datetime("publish_at", timezone.now() + timedelta(days=1))
    data.update(extra)
    post_ok(client, change_url(article), data)
    client.force_login(editor)
    resave_twice(client, change_url(article), "title_ar", "عنوان جديد")
    article.refresh_from_db()
    assert article.title_ar == "عنوان جديد"
    assert article.cover.name == cover_name
    assert manifest_names(article.cover_renditions)
    assert all(default_storage.exists(name) for name in manifest_names(article.cover_renditions))


def test_an_author_with_a_photo_saves_again(client):
    client.force_login(make_administrator())
    author = AuthorFactory()
    url = f"/admin/authors/author/{author.pk}/change/"
    data = form_data(client.get(url))
    data["photo"] = jpeg(RED, size=(300, 300))
    post_ok(client, url, data)
    photo = Author.objects.get(pk=author.pk).photo.name
    assert default_storage.exists(photo)
    resave_twice(client, url, "bio_fr", "Nouvelle biographie.")
    author.refresh_from_db()
    assert author.bio_fr == "Nouvelle biographie."
    assert author.photo.name == photo
    assert (author.photo_width, author.photo_height) == (300, 300)


def test_a_magazine_issue_saves_again(client):
    client.force_login(make_editor())
    issue = MagazineIssueFactory(is_published=False)
    url = f"/admin/magazine/magazineissue/{issue.pk}/change/"
    resave_twice(client, url, "title", "Numéro spécial")
    issue.refresh_from_db()
    assert issue.title == "Numéro spécial"
    assert issue.pdf_size == len(MINIMAL_PDF)
    names = manifest_names(issue.cover_renditions)
    assert names
    assert all(default_storage.exists(name) for name in names)


def test_an_image_banner_saves_again(client):
    client.force_login(make_editor())
    banner = BannerFactory(
        slot="header",
        kind=Banner.Kind.IMAGE,
        image=png(RED, (1456, 180)),
        image_mobile=png(BLUE, (320, 100), name="phone.png"),
    )
    url = f"/admin/ads/banner/{banner.pk}/change/"
    renditions = (banner.image_renditions, banner.image_mobile_renditions)
    assert all(manifest_names(manifest) for manifest in renditions)
    resave_twice(client, url, "text", "Nouvelle campagne")
    banner.refresh_from_db()
    assert banner.text == "Nouvelle campagne"
    assert (banner.image_renditions, banner.image_mobile_renditions) == renditions


def test_a_cover_missing_from_storage_does_not_stop_a_save(client):
    """Renditions come from the stored file; when it cannot be read the text still saves."""
    sara = make_journalist("sara")
    article = draft_by(sara)
    client.force_login(sara)
    upload_cover(client, article)
    renditions = article.cover_renditions
    assert renditions
    default_storage.delete(article.cover.name)
    resave_twice(client, change_url(article), "title_ar", "ما زال يحفظ")
    article.refresh_from_db()
    assert article.title_ar == "ما زال يحفظ"
    # Renditions already made stay (a storage outage must not take every picture away).
    assert article.cover_renditions == renditions
    assert all(default_storage.exists(name) for name in manifest_names(renditions))


# --- 2. renditions belong to their image ---------------------------------------------------------


def rendition_url(article, spec="card", fmt="jpeg") -> str:
    """The URL of the narrowest `spec` rendition of the article's cover in `fmt`."""
    return default_storage.url(article.cover_renditions["specs"][spec][0][fmt])


def thumbnail_on_page(client, article) -> bytes:
    """The card picture the section page shows for the article, fetched by its URL."""
    page = client.get(article.section.get_absolute_url()).content.decode()
    url = rendition_url(article)
    assert url in page
    return download(client, url)


def test_two_covers_uploaded_as_photo_jpg_keep_their_own_thumbnails(client):
    sara = make_journalist("sara")
    client.force_login(sara)
    red = upload_cover(client, draft_by(sara), RED)
    blue = upload_cover(client, draft_by(sara, section=red.section), BLUE)
    for article in (red, blue):
        set_status(article, S.PUBLISHED, timezone.now() - timedelta(hours=1))
    client.logout()
    assert same_colour(centre_colour(thumbnail_on_page(client, red)), RED)
    assert same_colour(centre_colour(thumbnail_on_page(client, blue)), BLUE)
    for article, colour in ((red, RED), (blue, BLUE)):
        page = client.get(article.get_absolute_url()).content.decode()
        assert article.cover.url not in page  # never the original upload
        for fmt in ("avif", "webp", "jpeg"):
            url = rendition_url(article, "wide", fmt)
            assert url in page
            assert same_colour(centre_colour(download(client, url)), colour)


def test_replacing_a_cover_with_a_same_named_file_changes_the_thumbnail(
    client, django_capture_on_commit_callbacks
):
    sara = make_journalist("sara")
    client.force_login(sara)
    article = upload_cover(client, draft_by(sara), RED)
    first = manifest_names(article.cover_renditions)
    with django_capture_on_commit_callbacks(execute=True):
        upload_cover(client, article, GREEN)
    assert not first & manifest_names(article.cover_renditions)
    assert not any(default_storage.exists(name) for name in first)  # the old ones are gone
    assert same_colour(centre_colour(download(client, rendition_url(article))), GREEN)
    assert same_colour(centre_colour(download(client, article.cover.url)), GREEN)


def banner_form(name, colour, lang):
    now = timezone.localtime()
    return {
        "name": name,
        "slot": "sidebar",
        "kind": "image",
        "text": name,
        "link_url": f"https://{name.lower()}.example.com/",
        "languages": [lang],
        "starts_at_0": (now - timedelta(days=1)).strftime("%Y-%m-%d"),
        "starts_at_1": "00:00:00",
        "ends_at_0": (now + timedelta(days=10)).strftime("%Y-%m-%d"),
        "ends_at_1": "00:00:00",
        "weight": "1",
        "is_active": "on",
        "image": jpeg(colour, size=(600, 500), name="ad.jpg"),
    }


ADVERTISERS = (("Acme", RED, "ar"), ("Globex", BLUE, "fr"))


def test_two_banners_uploaded_as_ad_jpg_show_their_own_creative(client):
    """Each advertiser's link shows with its own picture (one per edition's sidebar)."""
    client.force_login(make_editor())
    for name, colour, lang in ADVERTISERS:
        post_ok(client, "/admin/ads/banner/add/", banner_form(name, colour, lang))
    client.logout()
    for name, colour, lang in ADVERTISERS:
        banner = Banner.objects.get(name=name)
        slots = client.get("/ads/fill/", {"lang": lang, "slots": "sidebar"}).json()["slots"]
        html = slots["sidebar"]
        assert banner.click_url() in html
        urls = set(re.findall(r"/media/[\w/.-]+", html))
        assert len(urls) == 6  # the slot's size and the sharp 2x, AVIF, WebP and JPEG
        for url in urls:
            assert same_colour(centre_colour(download(client, url)), colour)


def test_two_magazine_covers_uploaded_with_the_same_name_keep_their_own_thumbnails(client):
    client.force_login(make_editor())
    for number, colour in ((7, RED), (8, BLUE)):
        data = {
            "title": f"Numéro {number}",
            "number": str(number),
            "issue_date": f"2025-04-{10 + number}",
            "cover": png(colour, (480, 680), name="cover.png"),
            "pdf": pdf_upload(),
            "languages": ["ar", "fr"],
            "is_published": "on",
        }
        post_ok(client, "/admin/magazine/magazineissue/add/", data)
    client.logout()
    page = client.get("/fr/magazine/").content.decode()
    for number, colour in ((7, RED), (8, BLUE)):
        issue = MagazineIssue.objects.get(number=number)
        urls = [default_storage.url(name) for name in manifest_names(issue.cover_renditions)]
        assert len(urls) == 6  # 240 and 480 wide, AVIF, WebP and JPEG
        for url in urls:
            assert url in page
            assert same_colour(centre_colour(download(client, url)), colour)


# --- 3. published images carry no location or camera data ----------------------------------------


def test_a_cover_is_published_without_gps_or_camera_data_and_upright(client):
    sara = make_journalist("sara")
    client.force_login(sara)
    article = draft_by(sara)
    data = form_data(client.get(change_url(article)))
    data.update(cover=phone_photo(), cover_alt_ar="صورة", cover_credit="Newsroom")
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    set_status(article, S.PUBLISHED, timezone.now() - timedelta(hours=1))
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert article.cover.url not in page
    social = rendition_url(article, "social")
    assert f'content="http://testserver{social}"' in page  # og:image
    stored = download(client, article.cover.url)
    assert_no_private_metadata(stored)
    with Image.open(BytesIO(stored)) as image:
        assert image.size == (400, 600)  # turned upright
        assert (article.cover_width, article.cover_height) == (400, 600)
        top, bottom = image.convert("RGB").getpixel((200, 100)), image.getpixel((200, 500))
    assert same_colour(top, BLUE)
    assert same_colour(bottom, RED)
    for name in manifest_names(article.cover_renditions):
        data = download(client, default_storage.url(name))
        assert_no_private_metadata(data)
        with Image.open(BytesIO(data)) as image:
            assert "icc_profile" not in image.info
            rgb = image.convert("RGB")
            # Upright: the crop of the portrait keeps blue above red.
            assert same_colour(rgb.getpixel((rgb.width // 2, 2)), BLUE), name
            assert same_colour(rgb.getpixel((rgb.width // 2, rgb.height - 3)), RED), name


def test_a_body_image_is_published_without_gps_or_camera_data_and_upright(client):
    client.force_login(make_journalist("sara"))
    response = client.post(
        "/admin/articles/article/upload-image/?format=json",
        {"image": phone_photo(), "alt": "صورة"},
    )
    assert response.status_code == 201, response.content
    url = response.json()["url"]
    assert "IMG_0001" not in url
    client.logout()
    stored = download(client, url)
    assert_no_private_metadata(stored)
    with Image.open(BytesIO(stored)) as image:
        assert image.size == (400, 600)


def test_an_author_photo_is_published_without_gps_or_camera_data(client):
    client.force_login(make_administrator())
    author = AuthorFactory()
    url = f"/admin/authors/author/{author.pk}/change/"
    data = form_data(client.get(url))
    data["photo"] = phone_photo("me.jpg")
    post_ok(client, url, data)
    author.refresh_from_db()
    client.logout()
    page = client.get(author.get_absolute_url()).content.decode()
    assert author.photo.url not in page  # the renditions, never the upload
    for name in manifest_names(author.photo_renditions):
        assert default_storage.url(name) in page
        assert_no_private_metadata(download(client, default_storage.url(name)))
    stored = download(client, author.photo.url)
    assert_no_private_metadata(stored)
    with Image.open(BytesIO(stored)) as image:
        assert image.size == (400, 600)
    assert (author.photo_width, author.photo_height) == (400, 600)


# --- 4. unpublished files stay private ----------------------------------------------------------


def add_issue(client, number, published):
    data = {
        "title": f"Numéro {number}",
        "number": str(number),
        "issue_date": "2025-04-18",
        "cover": png(RED, (480, 680), name=f"couverture-{number}.png"),
        "pdf": pdf_upload(name=f"magazine-{number}.pdf"),
        "languages": ["ar", "fr"],
    }
    if published:
        data["is_published"] = "on"
    post_ok(client, "/admin/magazine/magazineissue/add/", data)
    return MagazineIssue.objects.get(number=number)


def test_an_unpublished_issue_pdf_cannot_be_downloaded_by_any_url(client):
    editor = make_editor()
    client.force_login(editor)
    hidden = add_issue(client, 50, published=False)
    shown = add_issue(client, 51, published=True)
    for issue in (hidden, shown):
        assert f"magazine-{issue.number}" not in issue.pdf.name
        assert f"couverture-{issue.number}" not in issue.cover.name
        # Outside MEDIA_ROOT: a web server serving that folder cannot reach it either.
        stored = Path(issue.pdf.path).resolve()
        assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
        assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        assert not default_storage.exists(issue.pdf.name)
    client.logout()
    for url, status in (
        (f"/media/{hidden.pdf.name}", 404),
        (f"/media/magazine/pdf/2025/magazine-{hidden.number}.pdf", 404),
        # A path out of MEDIA_ROOT is refused before any file is looked for.
        (f"/media/../{PurePosixPath(settings.PRIVATE_MEDIA_ROOT).name}/{hidden.pdf.name}", 400),
        (f"/fr/magazine/{hidden.number}/download/", 404),
        (f"/ar/magazine/{hidden.number}/download/", 404),
    ):
        assert client.get(url).status_code == status, url
    assert download(client, f"/fr/magazine/{shown.number}/download/") == MINIMAL_PDF
    assert client.get(f"/media/{shown.pdf.name}").status_code == 404  # counted view only
    # Staff check an issue before publishing it.
    client.force_login(editor)
    assert download(client, f"/fr/magazine/{hidden.number}/download/") == MINIMAL_PDF
    admin_page = client.get(f"/admin/magazine/magazineissue/{hidden.pk}/change/").content
    assert hidden.download_url().encode() in admin_page


def test_a_draft_cover_is_stored_under_a_name_nobody_can_guess(client):
    sara = make_journalist("sara")
    client.force_login(sara)
    article = upload_cover(client, draft_by(sara), RED, name="scoop-ministre.jpg")
    renditions = manifest_names(article.cover_renditions)
    assert renditions
    for name in (article.cover.name, *renditions):
        assert "scoop" not in name
        assert "ministre" not in name
    assert len(PurePosixPath(article.cover.name).stem) >= 32
    for name in renditions:  # covers/r/<SHA-256 of the cover>/<size>…
        assert PurePosixPath(name).parent.name == article.cover_digest
        assert len(article.cover_digest) == 64
    assert article.cover.name.endswith(".jpg")
    client.logout()
    month = timezone.now().strftime("%Y/%m")
    assert client.get(f"/media/covers/{month}/scoop-ministre.jpg").status_code == 404
