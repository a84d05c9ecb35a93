import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.images import validate_image
from tests.factories import image_upload


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_valid_images_pass(fmt):
    validate_image(image_upload(f"x.{fmt.lower()}", fmt=fmt))


def test_text_file_renamed_jpg_is_refused():
    upload = SimpleUploadedFile("cover.jpg", b"not an image at all", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        validate_image(upload)
    assert error.value.code == "invalid_image"


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml"))


def test_truncated_image_is_refused():
    data = image_upload(size=(200, 200)).read()[:100]
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("cut.jpg", data, content_type="image/jpeg"))


def test_oversized_file_is_refused_with_the_limit_in_the_message(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    upload = image_upload(size=(400, 400), fmt="PNG")
    assert upload.size > 1000
    with pytest.raises(ValidationError) as error:
        validate_image(upload)
    assert error.value.code == "image_too_large"
    assert "1000" in str(error.value.messages)  # the limit, in bytes


def test_too_many_pixels_is_refused(settings):
    settings.MAX_IMAGE_PIXELS = 100
    with pytest.raises(ValidationError) as error:
        validate_image(image_upload(size=(20, 20)))
    assert error.value.code == "image_too_many_pixels"


def test_file_position_is_restored():
    upload = image_upload()
    upload.seek(0)
    validate_image(upload)
    assert upload.tell() == 0
