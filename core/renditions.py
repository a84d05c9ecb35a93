"""Renditions of uploaded pictures: one pipeline for every picture a reader sees.

Pillow behind this one module (docs/media.md, "Renditions"). An app describes the sizes a
place needs (`Spec`), calls `refresh()` from its write path when the picture (or its focal
point) changes, and stores the manifest it returns in a JSON column. Templates read the
manifest through the `{% picture %}` tag (core/templatetags/pictures.py): no storage call
and no query per picture.

What a rendition is:

* cropped to the spec's shape around the focal point (0..1 of width and height, default the
  centre), never upscaled, orientation applied, colour profile converted to sRGB, no
  metadata at all (no EXIF, XMP, ICC: an untagged picture is sRGB);
* encoded as AVIF and WebP for browsers that read them, and a fallback every browser reads:
  JPEG, or PNG for a picture with transparency the spec keeps (banners), or GIF for an
  animated picture the spec keeps moving (banners, all frames and their timing);
* named from the SHA-256 of the source's bytes, its size, the crop and the encoder version
  (`<folder>/<digest>/<w>x<h>-<crop>-e<version>.<ext>`): the same picture uploaded twice
  makes one set of files, a replaced picture a new set, and nothing is made twice;
* stored through the storage API (the field's storage), so S3-compatible storage works.

Apps register their picture fields (`register()`) so that the `regenerate_renditions`
command can rebuild all of them; core imports no app.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Bump when the encoding changes (quality, codec options): every rendition gets a new name.
ENCODER_VERSION = 1

MODERN_FORMATS = ("avif", "webp")
FALLBACK_FORMATS = ("jpeg", "png", "gif")
MIME_TYPES = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png", "gif": "gif"}
# Encoder options: AVIF at speed 8 takes about 0.3 s for a 1600×900 picture (speed 7: twice
# that for 1% fewer bytes; 9: a quarter of the time, 10-25% more bytes).
ENCODE_OPTIONS = {
    "avif": {"quality": 55, "speed": 8},
    "webp": {"quality": 78, "method": 4},
    "jpeg": {"quality": 80, "optimize": True, "progressive": True},
    "png": {"optimize": True},
    "gif": {},
}

READ_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    UnidentifiedImageError,
    Image.DecompressionBombError,
)


@dataclass(frozen=True)
class Spec:
    """The renditions one place needs.

    `widths`: the widths made (a source narrower than one gets a rendition at its own
    width instead, never an upscaled one). `ratio`: (width, height) of the crop, None for
    the source's own shape. `modern`: the formats offered before the fallback (none for
    social images, which crawlers read as JPEG). `keep_alpha` / `keep_animation`: a
    transparent picture keeps its transparency (PNG fallback), an animated one its
    frames (GIF only); otherwise transparency is flattened on white and only the first
    frame is used.
    """

    name: str
    widths: tuple[int, ...]
    ratio: tuple[int, int] | None = None
    modern: tuple[str, ...] = MODERN_FORMATS
    keep_alpha: bool = False
    keep_animation: bool = False
    background: tuple[int, int, int] = (255, 255, 255)

    def height_for(self, width: int, source: tuple[int, int]) -> int:
        ratio_w, ratio_h = self.ratio or source
        return max(1, round(width * ratio_h / ratio_w))

    def key(self) -> tuple:
        return (
            self.name,
            self.widths,
            self.ratio,
            self.modern,
            self.keep_alpha,
            self.keep_animation,
            self.background,
        )


def specs_version(specs: Iterable[Spec]) -> str:
    """A short fingerprint of the specs and the encoder: a manifest made with another one
    is out of date (the regenerate command rebuilds it)."""
    text = json.dumps([ENCODER_VERSION, *[spec.key() for spec in specs]], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


# --- making renditions -------------------------------------------------------------------


@dataclass
class Source:
    """A stored picture opened for renditions: upright, sRGB, RGB or RGBA frames."""

    digest: str
    frames: list[Image.Image]
    durations: list[int]
    loop: int | None
    has_alpha: bool

    @property
    def size(self) -> tuple[int, int]:
        return self.frames[0].size

    @property
    def animated(self) -> bool:
        return len(self.frames) > 1


def digest_of(storage, name: str) -> str:
    """SHA-256 (hex) of a stored file's bytes; "" when it cannot be read."""
    try:
        with storage.open(name, "rb") as file:
            return _sha256(file)
    except (OSError, ValueError):
        return ""


def _sha256(file) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def open_source(data: bytes, *, keep_animation: bool = False, max_side: int = 0) -> Source:
    """Decode `data` once: orientation applied, colour profile converted to sRGB.

    `max_side`: JPEGs are decoded at a reduced scale no smaller than this (draft mode),
    which makes a 40-megapixel photo fast to resize.
    """
    image = Image.open(BytesIO(data))
    if image.format == "JPEG" and max_side:
        width, height = image.size
        scale = max_side / max(width, height)
        if scale < 0.5:
            image.draft(image.mode, (int(width * scale) + 1, int(height * scale) + 1))
    icc = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if keep_animation and getattr(image, "n_frames", 1) > 1:
        raw_frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    else:
        raw_frames = [image]
    frames, durations = [], []
    for raw in raw_frames:
        durations.append(int(raw.info.get("duration", image.info.get("duration", 100)) or 100))
        frames.append(_normalise(raw, icc, has_alpha))
    loop = image.info.get("loop")
    return Source(
        digest=hashlib.sha256(data).hexdigest(),
        frames=frames,
        durations=durations,
        loop=loop,
        has_alpha=has_alpha,
    )


def _normalise(image: Image.Image, icc: bytes | None, has_alpha: bool) -> Image.Image:
    """Upright, RGB(A), sRGB pixels, no metadata."""
    image = ImageOps.exif_transpose(image)
    mode = "RGBA" if has_alpha else "RGB"
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source_profile = ImageCms.ImageCmsProfile(BytesIO(icc))
            output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(
                image, source_profile, _srgb(), outputMode=output_mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            logger.warning("Cannot apply the picture's colour profile; used as sRGB")
    if image.mode != mode:
        image = image.convert(mode)
    image.info = {}
    return image


_SRGB = None


def _srgb():
    global _SRGB
    if _SRGB is None:
        _SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _SRGB


def crop_box(
    source: tuple[int, int], ratio: tuple[int, int] | None, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest box of shape `ratio` inside `source`, centred on the focal point as far
    as the edges allow (so the focal point is always inside it)."""
    width, height = source
    if ratio is None:
        return (0, 0, width, height)
    target = ratio[0] / ratio[1]
    if width / height > target:
        crop_w, crop_h = max(1, round(height * target)), height
    else:
        crop_w, crop_h = width, max(1, round(width / target))
    fx, fy = (min(max(value, 0.0), 1.0) for value in focal)
    left = min(max(round(fx * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(fy * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def planned_sizes(spec: Spec, source: tuple[int, int]) -> list[tuple[int, int]]:
    """The (width, height) renditions of `spec` for a source of this size: the spec's
    widths that fit in the crop, or the crop's own width when none does (no upscaling)."""
    box = crop_box(source, spec.ratio, (0.5, 0.5))
    crop_w, crop_h = box[2] - box[0], box[3] - box[1]
    ratio = spec.ratio or (crop_w, crop_h)
    sizes = []
    for width in sorted(set(spec.widths)):
        height = max(1, round(width * ratio[1] / ratio[0]))
        if width <= crop_w and height <= crop_h:
            sizes.append((width, height))
    if not sizes:
        sizes.append((crop_w, max(1, min(crop_h, round(crop_w * ratio[1] / ratio[0])))))
    return sizes


def formats_for(spec: Spec, source: Source) -> tuple[str, ...]:
    if spec.keep_animation and source.animated:
        return ("gif",)
    fallback = "png" if spec.keep_alpha and source.has_alpha else "jpeg"
    return (*spec.modern, fallback)


def rendition_name(
    folder: str,
    digest: str,
    size: tuple[int, int],
    crop: str,
    fmt: str,
) -> str:
    width, height = size
    return f"{folder.rstrip('/')}/{digest}/{width}x{height}-{crop}-e{ENCODER_VERSION}.{EXTENSIONS[fmt]}"


def _crop_key(spec: Spec, focal: tuple[float, float], animated_or_flat: str) -> str:
    if spec.ratio is None:
        return f"full{animated_or_flat}"
    fx, fy = (round(min(max(value, 0.0), 1.0) * 100) for value in focal)
    return f"f{fx:03d}{fy:03d}{animated_or_flat}"


def _variant(spec: Spec, source: Source) -> str:
    """What else changes the pixels: flattened transparency, kept animation."""
    if spec.keep_animation and source.animated:
        return "a"
    if source.has_alpha and not spec.keep_alpha:
        return "w" + "".join(f"{c:02x}" for c in spec.background)
    return ""


def render(source: Source, spec: Spec, size: tuple[int, int], focal, fmt: str) -> bytes:
    """Encode one rendition."""
    box = crop_box(source.size, spec.ratio, focal)
    frames = []
    for frame in source.frames if fmt == "gif" else source.frames[:1]:
        picture = frame.crop(box).resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        if picture.mode == "RGBA" and not (
            spec.keep_alpha and fmt in ("avif", "webp", "png", "gif")
        ):
            flat = Image.new("RGB", picture.size, spec.background)
            flat.paste(picture, mask=picture.getchannel("A"))
            picture = flat
        frames.append(picture)
    buffer = BytesIO()
    options = dict(ENCODE_OPTIONS[fmt])
    if fmt == "gif" and len(frames) > 1:
        options.update(
            save_all=True,
            append_images=frames[1:],
            duration=source.durations,
            loop=source.loop if source.loop is not None else 0,
            disposal=2,
        )
    frames[0].save(buffer, fmt.upper(), **options)
    return buffer.getvalue()


def make_manifest(
    storage,
    data: bytes,
    specs: Iterable[Spec],
    folder: str,
    *,
    focal: tuple[float, float] = (0.5, 0.5),
) -> dict:
    """Make (or reuse) every rendition of `specs` for the picture `data`; the manifest.

    Manifest: {"version", "digest", "source": [w, h], "specs": {name: [{"w", "h",
    "avif": storage name, "webp": …, "jpeg"|"png"|"gif": …}, …]}}, widths ascending.
    """
    specs = list(specs)
    max_side = max((max(spec.widths) for spec in specs), default=0) * 2
    animation = any(spec.keep_animation for spec in specs)
    source = open_source(data, keep_animation=animation, max_side=max_side)
    manifest: dict = {
        "version": specs_version(specs),
        "digest": source.digest,
        "source": list(source.size),
        "specs": {},
    }
    for spec in specs:
        crop = _crop_key(spec, focal, _variant(spec, source))
        entries = []
        for size in planned_sizes(spec, source.size):
            entry: dict = {"w": size[0], "h": size[1]}
            for fmt in formats_for(spec, source):
                name = rendition_name(folder, source.digest, size, crop, fmt)
                if not storage.exists(name):
                    content = ContentFile(render(source, spec, size, focal, fmt))
                    name = storage.save(name, content)
                entry[fmt] = name
            entries.append(entry)
        manifest["specs"][spec.name] = entries
    return manifest


def refresh(
    storage,
    source_name: str,
    specs: Iterable[Spec],
    folder: str,
    *,
    focal: tuple[float, float] = (0.5, 0.5),
    current: dict | None = None,
    force: bool = False,
) -> dict:
    """The manifest of the stored picture `source_name`, made or reused.

    `current`: the manifest the record holds; returned as it is when it was made from the
    same bytes, specs and focal point and `force` is not set (a save that did not touch the
    picture costs one read of it). {} when there is no picture; `current` (or {}) when it
    cannot be read: a storage hiccup does not take away renditions already made, and the
    record still saves.
    """
    specs = list(specs)
    if not source_name or not specs:
        return {}
    try:
        with storage.open(source_name, "rb") as file:
            data = file.read()
    except READ_ERRORS:
        logger.warning("Cannot read %s to make its renditions", source_name)
        return current or {}
    if (
        not force
        and current
        and current.get("digest") == hashlib.sha256(data).hexdigest()
        and current.get("version") == specs_version(specs)
        and current.get("focal") == _focal_key(focal)
    ):
        return current
    try:
        manifest = make_manifest(storage, data, specs, folder, focal=focal)
    except READ_ERRORS:
        logger.warning("Cannot make the renditions of %s", source_name)
        return {}
    manifest["focal"] = _focal_key(focal)
    return manifest


def _focal_key(focal: tuple[float, float]) -> list[float]:
    return [round(min(max(value, 0.0), 1.0), 3) for value in focal]


def manifest_names(manifest: dict | None) -> set[str]:
    """Every storage name a manifest refers to."""
    names = set()
    for entries in (manifest or {}).get("specs", {}).values():
        for entry in entries:
            names.update(value for key, value in entry.items() if key in MIME_TYPES)
    return names


def delete_unused(storage, old: dict | None, new: dict | None, *, still_used: bool) -> list[str]:
    """Delete the files of `old` that `new` does not use; nothing when another record
    still uses the old picture (`still_used`: the caller asked its table). A folder left
    empty goes too (`remove_empty_folder`). The deleted names."""
    if not old or still_used:
        return []
    gone = sorted(manifest_names(old) - manifest_names(new))
    for name in gone:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Cannot delete the rendition %s", name)
    for folder in sorted({name.rsplit("/", 1)[0] for name in gone if "/" in name}):
        remove_empty_folder(storage, folder)
    return gone


def remove_empty_folder(storage, folder: str) -> bool:
    """Remove `folder` (a storage name) when nothing is left in it: a picture's digest
    folder once its renditions are deleted. Only on a local `FileSystemStorage`, through its
    `path()`: object stores (S3) have no folders, a prefix without objects is nothing. A
    folder that is not empty (a rendition written meanwhile) stays. True when removed."""
    from django.core.files.storage import FileSystemStorage

    if not folder or not isinstance(storage, FileSystemStorage):
        return False
    try:
        os.rmdir(storage.path(folder))
    except FileNotFoundError:
        return False
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
            logger.warning("Cannot remove the empty folder %s: %s", folder, error)
        return False
    return True


def is_current(manifest: dict | None, specs: Iterable[Spec]) -> bool:
    return bool(manifest) and manifest.get("version") == specs_version(specs)


# --- markup ------------------------------------------------------------------------------


def entries_for(manifest: dict | None, spec_name: str) -> list[dict]:
    """The renditions to show for `spec_name`: its own, or when the manifest has none for
    it (a spec added since the picture was saved, not yet regenerated), the nearest ones
    it has (the first spec of the manifest). Never the original upload."""
    specs = (manifest or {}).get("specs") or {}
    entries = specs.get(spec_name)
    if entries:
        return entries
    return next((entries for entries in specs.values() if entries), [])


def picture_html(
    manifest: dict | None,
    spec_name: str,
    *,
    url: Callable[[str], str],
    alt: str = "",
    sizes: str = "100vw",
    loading: str = "lazy",
    priority: bool = False,
    css_class: str = "",
    width: int | None = None,
) -> SafeString:
    """`<picture>` with AVIF and WebP `<source>`s and an `<img>` fallback, from a manifest.

    `url`: storage name → URL (the storage's `url`, no I/O on the file system or S3
    storages). `width`: the rendition used as `src` and for the `width`/`height`
    attributes is the narrowest at least this wide (default: the spec's middle one).
    "" when the manifest has nothing to show.
    """
    entries = entries_for(manifest, spec_name)
    if not entries:
        return mark_safe("")
    fallback = next((fmt for fmt in FALLBACK_FORMATS if fmt in entries[0]), None)
    if fallback is None:
        return mark_safe("")
    if width is None:
        main = entries[(len(entries) - 1) // 2]
    else:
        main = next((entry for entry in entries if entry["w"] >= width), entries[-1])

    def srcset(fmt: str) -> str:
        return ", ".join(f"{url(entry[fmt])} {entry['w']}w" for entry in entries if fmt in entry)

    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (MIME_TYPES[fmt], srcset(fmt), sizes)
            for fmt in MODERN_FORMATS
            if all(fmt in entry for entry in entries)
        ),
    )
    attributes = {
        "src": url(main[fallback]),
        "srcset": srcset(fallback),
        "sizes": sizes,
        "width": main["w"],
        "height": main["h"],
        "alt": alt,
        "loading": "eager" if priority else loading,
        "decoding": "sync" if priority else "async",
    }
    if priority:
        attributes["fetchpriority"] = "high"
    if css_class:
        attributes["class"] = css_class
    img = format_html(
        "<img {}>",
        format_html_join(" ", '{}="{}"', ((key, value) for key, value in attributes.items())),
    )
    return format_html("<picture>{}{}</picture>", sources, img)


def best_url(
    manifest: dict | None, spec_name: str, url: Callable[[str], str]
) -> tuple[str, int, int]:
    """(URL, width, height) of the widest fallback rendition of `spec_name` (og:image);
    ("", 0, 0) when there is none."""
    entries = entries_for(manifest, spec_name)
    if not entries:
        return "", 0, 0
    widest = entries[-1]
    fallback = next((fmt for fmt in FALLBACK_FORMATS if fmt in widest), None)
    if fallback is None:
        return "", 0, 0
    return url(widest[fallback]), widest["w"], widest["h"]


# --- registry (the regenerate_renditions command) ----------------------------------------


@dataclass(frozen=True)
class Registered:
    """A model's picture field: `refresh(instance, force)` remakes its renditions and
    saves the manifest; `is_done(instance)` says whether they are current; `files(instance)`
    names the rendition files the record shows (in `storage`, default: the field's), which
    the command checks are still there."""

    label: str
    model: type
    field: str
    refresh: Callable
    is_done: Callable
    only: tuple[str, ...] = field(default=())
    files: Callable | None = None
    storage: object | None = None

    def file_storage(self):
        return self.storage or self.model._meta.get_field(self.field).storage


_REGISTRY: dict[str, Registered] = {}


def register(
    model,
    field_name: str,
    *,
    refresh: Callable,
    is_done: Callable,
    only: Iterable[str] = (),
    files: Callable | None = None,
    storage=None,
):
    """Make `model`'s picture field known to the regenerate_renditions command.

    Nothing else: the app's write path makes the renditions when a record is saved and
    deletes them when it is deleted (its services, called by every writer), never a
    signal."""
    label = f"{model._meta.label}.{field_name}"
    _REGISTRY[label] = Registered(
        label, model, field_name, refresh, is_done, tuple(only), files, storage
    )


def delete_after_commit(instance, manifest_attr: str, digest_attr: str) -> None:
    """After a row's deletion (the app's `*_deleted` service): its renditions are deleted
    once the transaction commits, unless another row of the model shows the same picture
    (same digest)."""
    from django.db import transaction

    old = getattr(instance, manifest_attr) or {}
    if not old:
        return
    model, pk = type(instance), instance.pk
    storage = instance._meta.get_field(_field_of(instance, manifest_attr)).storage

    def delete():
        digest = old.get("digest", "")
        others = model._default_manager.filter(**{digest_attr: digest})
        if pk is not None:
            others = others.exclude(pk=pk)
        delete_unused(storage, old, {}, still_used=bool(digest) and others.exists())

    transaction.on_commit(delete)


def _field_of(instance, manifest_attr: str) -> str:
    """The file field a manifest belongs to: `photo_renditions` → `photo`."""
    return manifest_attr.removesuffix("_renditions")


def registered() -> list[Registered]:
    return [_REGISTRY[label] for label in sorted(_REGISTRY)]


# --- images in article bodies (the body editor's uploads) --------------------------------

# Their own shape, up to the article column's width (about 52rem) at 2x; made and written
# into the body by articles/body_images.py.
BODY = Spec("body", (480, 720, 960, 1280, 1600))


# --- a model's picture field ---------------------------------------------------------------


def refresh_field(
    instance,
    field_name: str,
    specs: Iterable[Spec],
    folder: str,
    *,
    manifest_attr: str,
    digest_attr: str,
    focal: tuple[float, float] = (0.5, 0.5),
    force: bool = False,
) -> bool:
    """Bring `instance`'s manifest of `field_name` up to date on the instance (the caller
    saves the row). New uploads are written to storage first (the renditions come from the
    stored, cleaned file). The files the old manifest named and the new one does not are
    deleted after commit, unless another row of the model still shows that picture. True
    when the manifest changed."""
    from django.db import transaction

    from .images import store_pending_uploads

    store_pending_uploads(instance)
    file = getattr(instance, field_name)
    old = getattr(instance, manifest_attr) or {}
    manifest = refresh(
        file.storage,
        file.name if file else "",
        specs,
        folder,
        focal=focal,
        current=old,
        force=force,
    )
    if manifest == old and manifest.get("digest", "") == getattr(instance, digest_attr):
        return False
    setattr(instance, manifest_attr, manifest)
    setattr(instance, digest_attr, manifest.get("digest", ""))
    if manifest_names(old) - manifest_names(manifest):
        model, pk, storage = type(instance), instance.pk, file.storage

        def delete():
            digest = old.get("digest", "")
            others = model._default_manager.filter(**{digest_attr: digest})
            if pk is not None:
                others = others.exclude(pk=pk)
            delete_unused(storage, old, manifest, still_used=bool(digest) and others.exists())

        transaction.on_commit(delete)
    return True


def density_srcset(entries: list[dict], fmt: str, url: Callable[[str], str]) -> str:
    """`srcset` with density descriptors (1x, 2x) for pictures shown at a fixed size
    (banners): the narrowest entry is 1x."""
    base = entries[0]["w"]
    return ", ".join(
        f"{url(entry[fmt])} {entry['w'] / base:g}x" for entry in entries if fmt in entry
    )
