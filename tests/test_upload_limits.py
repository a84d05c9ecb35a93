"""Uploads over the size limit are refused before they are stored whole, with a form error
the person understands; bodies over MAX_REQUEST_BODY_BYTES are answered 413 unread
(core/uploads.py, docs/security.md)."""

import io
import os
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.core.handlers.wsgi import WSGIHandler
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from PIL import Image

from articles.models import Article
from core.uploads import SizeLimitedUploadHandler, TooLargeUpload
from tests.personas import change_url, draft_by, form_data, make_journalist

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("admin:articles_article_upload_image")
LIMIT = 200 * 1024


def noisy_png(side=700) -> SimpleUploadedFile:
    """A real picture that compresses badly: about 1.4 MB, well over LIMIT."""
    buffer = BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def sara(client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = LIMIT
    user = make_journalist("sara")
    client.force_login(user)
    return user


def media_files(settings) -> set[str]:
    root = settings.MEDIA_ROOT
    return {os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files}


def test_body_picture_over_the_limit_is_refused_with_the_limit_named(client, sara, settings):
    before = media_files(settings)
    picture = noisy_png()
    assert picture.size > 5 * LIMIT
    response = client.post(
        f"{UPLOAD_URL}?format=json", {"image": picture, "alt": "صورة", "caption": ""}
    )
    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]["image"]
    assert error["code"] == "image_too_large"  # not "not an image"
    assert "200,0" in error["message"]  # the limit, as the Arabic back office writes it
    assert media_files(settings) == before  # nothing stored


def test_cover_over_the_limit_is_a_form_error_and_the_text_is_kept(client, sara, settings):
    article = draft_by(sara, title_ar="عنوان محفوظ")
    data = form_data(client.get(change_url(article)))
    data["title_ar"] = "عنوان جديد لم يحفظ بعد"
    data["cover"] = noisy_png()
    response = client.post(change_url(article), data)
    assert response.status_code == 200  # the form again
    form = response.context["adminform"].form
    (error,) = form.errors["cover"]
    assert "الحد الأقصى 200,0" in error.replace("\u00a0", " ")
    assert "عنوان جديد لم يحفظ بعد" in response.content.decode()
    article.refresh_from_db()
    assert article.title_ar == "عنوان محفوظ"
    assert not article.cover


def test_a_picture_under_the_limit_still_goes_through(client, sara, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 8 * 1024 * 1024
    response = client.post(
        f"{UPLOAD_URL}?format=json", {"image": noisy_png(300), "alt": "صورة", "caption": ""}
    )
    assert response.status_code == 201, response.content


def test_the_parser_keeps_no_byte_past_the_limit_and_reads_the_fields_after_it(settings):
    """Django's own multipart parser with the configured handlers: the file past its limit
    becomes an empty TooLargeUpload; the memory and disk handlers got at most the limit."""
    settings.MAX_IMAGE_UPLOAD_BYTES = LIMIT
    big = b"\xff" * (3 * LIMIT)
    body = encode_multipart(
        BOUNDARY,
        {"image": SimpleUploadedFile("a.jpg", big, "image/jpeg"), "alt": "بعد الملف"},
    )
    memory, disk = MemoryFileUploadHandler(), TemporaryFileUploadHandler()
    seen = []

    class Recording(TemporaryFileUploadHandler):
        def receive_data_chunk(self, raw_data, start):
            seen.append(len(raw_data))
            return super().receive_data_chunk(raw_data, start)

    disk = Recording()
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    parser = MultiPartParser(meta, io.BytesIO(body), [SizeLimitedUploadHandler(), memory, disk])
    post, files = parser.parse()
    upload = files["image"]
    assert isinstance(upload, TooLargeUpload)
    assert upload.size > LIMIT
    assert upload.read() == b""
    assert sum(seen) <= LIMIT  # what reached memory or disk
    assert post["alt"] == "بعد الملف"


def test_a_body_over_the_request_limit_is_answered_413_without_being_read(settings):
    settings.MAX_REQUEST_BODY_BYTES = 1024 * 1024

    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    environ = (
        RequestFactory().generic("POST", UPLOAD_URL, b"", content_type=MULTIPART_CONTENT).environ
    )
    environ["CONTENT_LENGTH"] = str(50 * 1024 * 1024)
    environ["wsgi.input"] = Unreadable()
    status = []
    body = b"".join(WSGIHandler()(environ, lambda s, h, *a: status.append((s, dict(h)))))
    assert status[0][0].startswith("413")
    assert "(الحد الأقصى 1,0".encode() in body  # the limit, in the main edition's language
    assert "Content-Security-Policy" in status[0][1]


def test_article_stays_unchanged_when_the_whole_request_is_too_large(client, sara, settings):
    settings.MAX_REQUEST_BODY_BYTES = 512 * 1024
    article = draft_by(sara, title_ar="عنوان")
    data = form_data(client.get(change_url(article)))
    data["cover"] = noisy_png()
    response = client.post(change_url(article), data)
    assert response.status_code == 413
    assert Article.objects.get(pk=article.pk).title_ar == "عنوان"
