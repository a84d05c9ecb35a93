"""Image upload checks and renditions, shared by article covers and author photos."""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(file) -> None:
    """Refuse anything Pillow cannot open as a raster image, or that is too large.

    SVG is not accepted: it is XML that can carry scripts.
    """
    size = getattr(file, "size", None)
    if size is not None and size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s."),
            code="image_too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES),
            },
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF file."),
            code="invalid_image",
        ) from None
    finally:
        file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Images must be JPEG, PNG, WebP or GIF (this one is %(format)s)."),
            code="invalid_image_format",
            params={"format": image_format},
        )
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels, which is too large."),
            code="image_too_many_pixels",
            params={"width": width, "height": height},
        )


def make_rendition(file, width: int, height: int, quality: int = 82) -> ContentFile:
    """A JPEG cropped to width×height around the centre (listing thumbnails)."""
    file.seek(0)
    with Image.open(file) as image:
        image = image.convert("RGB")
        src_ratio = image.width / image.height
        dst_ratio = width / height
        if src_ratio > dst_ratio:
            new_width = round(image.height * dst_ratio)
            offset = (image.width - new_width) // 2
            image = image.crop((offset, 0, offset + new_width, image.height))
        else:
            new_height = round(image.width / dst_ratio)
            offset = (image.height - new_height) // 2
            image = image.crop((0, offset, image.width, offset + new_height))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue())
