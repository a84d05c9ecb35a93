"""Image uploads: checks, clean re-encoded copies, renditions named after their content.

Shared by article covers, body images, author photos, banners and magazine covers
(docs/media.md).
"""

import hashlib
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


def make_rendition(file, width: int, height: int, quality: int = 82) -> ContentFile:
    """A JPEG cropped to width×height around the centre (listing thumbnails)."""
    file.seek(0)
    with Image.open(file) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
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


# --- renditions -------------------------------------------------------------------------

RENDITION_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    UnidentifiedImageError,
    Image.DecompressionBombError,
)


def store_rendition(
    storage, source_name: str, folder: str, width: int, height: int, *, upscale: bool = True
) -> str:
    """The storage name of `source_name` cropped to width×height, made on first use.

    The name comes from a hash of the source's bytes and the size, never from the name the
    file was uploaded under: two different images uploaded as `photo.jpg` get different
    renditions, the same image gets the same one, and a replaced image a new one.
    "" when the source cannot be read (missing from storage, damaged) or, with
    `upscale=False`, is smaller than the rendition: the caller then shows no rendition
    rather than failing the save.
    """
    try:
        with storage.open(source_name, "rb") as source:
            data = source.read()
        with Image.open(BytesIO(data)) as image:
            source_width, source_height = image.size
    except RENDITION_ERRORS:
        logger.warning("Cannot read %s to make a %sx%s rendition", source_name, width, height)
        return ""
    if not upscale and (source_width < width or source_height < height):
        return ""
    digest = hashlib.sha256(data).hexdigest()[:32]
    name = f"{folder.rstrip('/')}/{digest}-{width}x{height}.jpg"
    if storage.exists(name):
        return name
    try:
        content = make_rendition(BytesIO(data), width, height)
    except RENDITION_ERRORS:
        logger.warning("Cannot make a %sx%s rendition of %s", width, height, source_name)
        return ""
    return storage.save(name, content)


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
