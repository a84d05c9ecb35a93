"""Uploads on S3-compatible storage (core/object_storage.py, docs/deployment.md), against
moto's S3 server run as a process of the test (tests/s3_server.py): the storages, the
rendition pipeline through them, and Django's /media/ view streaming from the bucket.
"""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from PIL import Image

from core import renditions
from core.object_storage import IMMUTABLE, MediaStorage, PrivateStorage
from tests.s3_server import CREDENTIALS, REGION, moto_s3, s3_client

pytest.importorskip("storages", reason="django-storages is a dependency of MEDIA_STORAGE=s3")

BUCKET = "newsroom-storage-test"


@pytest.fixture(scope="module")
def endpoint():
    with moto_s3() as url:
        s3_client(url).create_bucket(Bucket=BUCKET)
        yield url


@pytest.fixture
def options(endpoint, monkeypatch):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    return {
        "bucket_name": BUCKET,
        "endpoint_url": endpoint,
        "region_name": REGION,
        "addressing_style": "path",
    }


@pytest.fixture
def media(options):
    return MediaStorage(**options, checked_prefixes=["covers/"])


def objects(endpoint, prefix="") -> dict[str, dict]:
    client = s3_client(endpoint)
    listed = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
    return {item["Key"]: client.head_object(Bucket=BUCKET, Key=item["Key"]) for item in listed}


def jpeg_bytes(size=(640, 360)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_uploads_go_under_media_and_link_through_the_site(media, endpoint):
    name = media.save("authors/2026/12/a.jpg", ContentFile(b"photo"))
    cover = media.save("covers/2026/12/b.jpg", ContentFile(b"cover"))
    assert media.url(name) == "/media/authors/2026/12/a.jpg"
    assert media.url(cover) == "/media/covers/2026/12/b.jpg"
    stored = objects(endpoint, "media/")
    assert stored["media/authors/2026/12/a.jpg"]["CacheControl"] == IMMUTABLE
    # A cover's lifetime is Django's answer's (it stops being served when unpublished).
    assert "CacheControl" not in stored["media/covers/2026/12/b.jpg"]
    assert media.open(name).read() == b"photo"
    assert media.exists(name)
    media.delete(name)
    assert not media.exists(name)


def test_private_files_have_no_url_and_live_outside_media(options, endpoint, media):
    private = PrivateStorage(**options)
    name = private.save("magazine/pdf/issue.pdf", ContentFile(b"%PDF-1.7"))
    assert f"private/{name}" in objects(endpoint, "private/")
    assert private.open(name).read() == b"%PDF-1.7"
    with pytest.raises(ValueError, match="no public URL"):
        private.url(name)
    # No name given to the media storage reaches private/.
    assert not media.exists(name)
    with pytest.raises(Exception, match="denied"):
        media.open(f"../private/{name}")


def test_renditions_are_made_listed_and_deleted_through_the_bucket(media, endpoint):
    spec = renditions.Spec("card", widths=(320, 480), ratio=(16, 9))
    manifest = renditions.make_manifest(media, jpeg_bytes(), [spec], "covers/r")
    names = renditions.manifest_names(manifest)
    assert names
    stored = objects(endpoint, "media/covers/r/")
    assert {f"media/{n}" for n in names} == set(stored)
    # Made again: the files are found in the bucket, nothing is written twice.
    again = renditions.make_manifest(media, jpeg_bytes(), [spec], "covers/r")
    assert again == manifest
    folder = next(iter(names)).rsplit("/", 1)[0]
    assert set(media.listdir(folder)[1]) == {n.rsplit("/", 1)[1] for n in names}
    renditions.delete_unused(media, manifest, {}, still_used=False)
    assert objects(endpoint, "media/covers/r/") == {}


@pytest.mark.django_db
def test_the_media_view_streams_from_the_bucket(media, options):
    name = media.save("authors/2026/12/c.jpg", ContentFile(jpeg_bytes((64, 64))))
    cover = media.save("covers/2026/12/d.jpg", ContentFile(jpeg_bytes((64, 64))))
    storages = {
        "default": {
            "BACKEND": "core.object_storage.MediaStorage",
            "OPTIONS": {**options, "checked_prefixes": ["covers/"]},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(MEDIA_STORAGE="s3", MEDIA_ACCEL_REDIRECT="", STORAGES=storages):
        reader = Client()
        answer = reader.get(f"/media/{name}")
        assert answer.status_code == 200
        assert b"".join(answer.streaming_content) == media.open(name).read()
        assert answer["Content-Type"] == "image/jpeg"
        assert answer["Cache-Control"] == IMMUTABLE
        again = reader.get(f"/media/{name}", HTTP_IF_MODIFIED_SINCE=answer["Last-Modified"])
        assert again.status_code == 304
        assert reader.get("/media/authors/2026/12/missing.jpg").status_code == 404
        # A cover no published article shows is not served, though it is in the bucket.
        assert reader.get(f"/media/{cover}").status_code == 404
