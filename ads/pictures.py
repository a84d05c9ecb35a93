"""A banner's renditions (core/renditions.py): the slot's size, 1x and 2x, made on save.

Each image gets its own manifest: `image_renditions` holds the slot's wide size ("wide")
and, for a leaderboard without a phone image, the phone size cropped from it ("narrow");
`image_mobile_renditions` holds the phone size of the phone image. An animated GIF stays an
animated GIF (every frame, its timing); a transparent PNG keeps its transparency (AVIF,
WebP and PNG). ads/services.py `banner_saved()` (called by every writer once the row is
saved) and the regenerate_renditions command call `regenerate()`, which writes the
manifests to the row; `banners_deleted()` deletes them with `DELETE_WITH`.
"""

from core import renditions

FOLDER = "banners/r"
COLUMNS = (
    "kind",
    "slot",
    "image",
    "image_mobile",
    "image_renditions",
    "image_digest",
    "image_mobile_renditions",
    "image_mobile_digest",
)
DELETE_WITH = (
    ("image_renditions", "image_digest"),
    ("image_mobile_renditions", "image_mobile_digest"),
)
FIELDS = (
    ("image", "image_renditions", "image_digest"),
    ("image_mobile", "image_mobile_renditions", "image_mobile_digest"),
)


def slot_spec(name: str, size) -> renditions.Spec:
    """The slot's size and twice it (never upscaled), in the slot's shape."""
    return renditions.Spec(
        name,
        (size.width, size.width * 2),
        (size.width, size.height),
        keep_alpha=True,
        keep_animation=True,
    )


def specs_for(banner, field_name: str) -> tuple[renditions.Spec, ...]:
    from .models import SLOT_SIZES, Banner

    if banner.kind != Banner.Kind.IMAGE or banner.slot not in SLOT_SIZES:
        return ()
    wide, narrow = SLOT_SIZES[banner.slot]
    if field_name == "image":
        specs = [slot_spec("wide", wide)]
        if narrow and not banner.image_mobile:
            specs.append(slot_spec("narrow", narrow))
        return tuple(specs)
    return (slot_spec("narrow", narrow),) if narrow else ()


def refresh(banner, *, force: bool = False) -> bool:
    """Make or reuse both images' renditions; the manifests are set on `banner` (not saved)."""
    changed = False
    for field_name, manifest_attr, digest_attr in FIELDS:
        changed |= renditions.refresh_field(
            banner,
            field_name,
            specs_for(banner, field_name),
            FOLDER,
            manifest_attr=manifest_attr,
            digest_attr=digest_attr,
            force=force,
        )
    return changed


def regenerate(banner, *, force: bool = False) -> bool:
    if not refresh(banner, force=force):
        return False
    type(banner).objects.filter(pk=banner.pk).update(
        **{attr: getattr(banner, attr) for _field, *attrs in FIELDS for attr in attrs}
    )
    return True


def files(banner) -> set[str]:
    """The rendition files the row names (the regenerate command checks they exist)."""
    names = set()
    for _field, manifest_attr, _digest in FIELDS:
        names |= renditions.manifest_names(getattr(banner, manifest_attr))
    return names


def is_done(banner) -> bool:
    for field_name, manifest_attr, _digest in FIELDS:
        manifest = getattr(banner, manifest_attr)
        specs = specs_for(banner, field_name)
        if not specs:
            if manifest:
                return False
        elif not renditions.is_current(manifest, specs):
            return False
    return True


def sources(banner) -> dict | None:
    """What ads/banner.html needs: per size, the entries of each format. None when the
    wide size has no rendition (the image is missing from storage): no banner then."""
    wide = renditions.entries_for(banner.image_renditions, "wide")
    if not wide or "w" not in wide[0]:
        return None
    narrow = renditions.entries_for(banner.image_mobile_renditions, "narrow") or (
        (banner.image_renditions or {}).get("specs", {}).get("narrow") or []
    )
    return {"wide": wide, "narrow": narrow}
