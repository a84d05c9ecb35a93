"""Image uploads: checks and clean re-encoded copies.

Shared by article covers, body images, author photos, banners and magazine covers
(docs/media.md). Their renditions are made by core/renditions.py.
"""

import logging
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(file) -> None:
    """Refuse anything Pillow cannot open as a raster image, or that is too large.

    SVG is not accepted: it is XML that can carry scripts. A file already in storage (the
    current image of a record saved again) was checked when it was uploaded: it is not
    read again, so a record whose image predates a stricter limit still saves.
    """
    if getattr(file, "_committed", False):
        return
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


# --- clean copies of uploads ------------------------------------------------------------

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Image.info entries a clean copy keeps: how it looks and moves, nothing about who or where.
KEPT_INFO = ("icc_profile", "transparency", "duration", "loop", "background")
JPEG_QUALITY = 90


def sanitize_upload(file) -> ContentFile:
    """A re-encoded copy of an uploaded image, safe to publish.

    The EXIF orientation is applied to the pixels first (a phone photo taken upright stays
    upright), then the image is written again in its own format with none of the original's
    metadata: no EXIF (GPS position, camera make, model and serial number, dates), no XMP,
    no IPTC, no comments. Only the colour profile, transparency and animation timing are
    kept. The copy is named `clean.<extension>` after its format; the caller picks the
    stored name (see core.storage.UniqueName). Every image readers can download goes
    through here: the image fields (core.fields.CleanImageField) and the body-image
    upload.
    """
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        if image_format not in EXTENSIONS:
            raise ValidationError(
                _("Images must be JPEG, PNG, WebP or GIF (this one is %(format)s)."),
                code="invalid_image_format",
                params={"format": image_format},
            )
        frames = [_clean_frame(frame) for frame in ImageSequence.Iterator(image)]
    file.seek(0)
    first = frames[0]
    options: dict = {key: first.info[key] for key in KEPT_INFO if key in first.info}
    if len(frames) > 1:
        options["save_all"] = True
        options["append_images"] = frames[1:]
        durations = [frame.info.get("duration") for frame in frames]
        if all(durations):
            options["duration"] = durations
    if image_format == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True, progressive=True)
        options.pop("transparency", None)
    elif image_format == "WEBP":
        options.setdefault("quality", JPEG_QUALITY)
    buffer = BytesIO()
    first.save(buffer, image_format, **options)
    return ContentFile(buffer.getvalue(), name=f"clean.{EXTENSIONS[image_format]}")


def _clean_frame(frame: Image.Image) -> Image.Image:
    """One frame with its orientation applied and no metadata left on it."""
    upright = ImageOps.exif_transpose(frame)  # always a copy, loaded
    kept = {key: frame.info[key] for key in KEPT_INFO if key in frame.info}
    upright.info = kept
    upright._exif = None  # getexif() would otherwise return the original's tags
    return upright


def store_pending_uploads(instance) -> None:
    """Write the instance's new uploads to storage now, as the fields would on save.

    Models that make renditions call this first, so the renditions come from the stored,
    cleaned file (core.fields.CleanImageField) under its final name.
    """
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.FileField):
            file = getattr(instance, field.attname)
            if file and not file._committed:
                file.save(file.name, file.file, save=False)
