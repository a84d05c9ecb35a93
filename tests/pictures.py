"""Pictures for upload tests, and what a reader's browser gets back (shared by the media,
media-access and day-in-the-newsroom tests)."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg(colour, size=(800, 450), name="photo.jpg", exif=None) -> SimpleUploadedFile:
    """A JPEG of one colour, uploaded under `name` (phones call every picture photo.jpg)."""
    buffer = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=95, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def download(client, url) -> bytes:
    """The bytes at `url`, which must answer 200 (file responses stream)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def centre_colour(data: bytes) -> tuple:
    with Image.open(BytesIO(data)) as image:
        rgb = image.convert("RGB")
        return rgb.getpixel((rgb.width // 2, rgb.height // 2))


def same_colour(seen, expected, tolerance=16) -> bool:
    """Equal within JPEG's rounding."""
    return all(abs(a - b) <= tolerance for a, b in zip(seen, expected, strict=True))


def post_ok(client, url, data):
    """Post an admin form that must be accepted (302); show the form's errors otherwise."""
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response.status_code
    )
    return response
