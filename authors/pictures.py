"""An author's photo renditions (core/renditions.py): square, made when the author is saved.

authors/services.py `author_saved()` (called by every writer once the row is saved) and the
regenerate_renditions command call `regenerate()`, which writes the manifest to the row.
"""

from core import renditions

# Shown 4.5rem wide in the author box and 8rem on the author page (static/css/site.css);
# 2x screens take the next width up.
PHOTO = renditions.Spec("photo", (96, 192, 320), (1, 1))
PHOTO_SPECS = (PHOTO,)
PHOTO_FOLDER = "authors/r"
COLUMNS = ("photo", "photo_renditions", "photo_digest")


def refresh_photo(author, *, force: bool = False) -> bool:
    """Make or reuse the photo's renditions; the manifest is set on `author` (not saved)."""
    return renditions.refresh_field(
        author,
        "photo",
        PHOTO_SPECS,
        PHOTO_FOLDER,
        manifest_attr="photo_renditions",
        digest_attr="photo_digest",
        force=force,
    )


def regenerate(author, *, force: bool = False) -> bool:
    if not refresh_photo(author, force=force):
        return False
    type(author).objects.filter(pk=author.pk).update(
        photo_renditions=author.photo_renditions, photo_digest=author.photo_digest
    )
    return True


def files(author) -> set[str]:
    """The rendition files the row names (the regenerate command checks they exist)."""
    return renditions.manifest_names(author.photo_renditions)


def is_done(author) -> bool:
    if not author.photo:
        return not author.photo_renditions
    return renditions.is_current(author.photo_renditions, PHOTO_SPECS)
