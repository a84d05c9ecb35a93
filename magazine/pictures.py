"""A magazine issue's cover renditions (core/renditions.py): portrait, made on save.

magazine/services.py `issue_saved()` (called by every writer once the row is saved) and the
regenerate_renditions command call `regenerate()`, which writes the manifest to the row.
"""

from core import renditions

# The widget shows covers 6.5rem wide, the archive 10rem and more: 240 and 480 (2x).
COVER = renditions.Spec("cover", (240, 480), (12, 17))
COVER_SPECS = (COVER,)
COVER_FOLDER = "magazine/covers/r"
COLUMNS = ("cover", "cover_renditions", "cover_digest")


def refresh_cover(issue, *, force: bool = False) -> bool:
    """Make or reuse the cover's renditions; the manifest is set on `issue` (not saved)."""
    return renditions.refresh_field(
        issue,
        "cover",
        COVER_SPECS,
        COVER_FOLDER,
        manifest_attr="cover_renditions",
        digest_attr="cover_digest",
        force=force,
    )


def regenerate(issue, *, force: bool = False) -> bool:
    if not refresh_cover(issue, force=force):
        return False
    type(issue).objects.filter(pk=issue.pk).update(
        cover_renditions=issue.cover_renditions, cover_digest=issue.cover_digest
    )
    return True


def files(issue) -> set[str]:
    """The rendition files the row names (the regenerate command checks they exist)."""
    return renditions.manifest_names(issue.cover_renditions)


def is_done(issue) -> bool:
    if not issue.cover:
        return not issue.cover_renditions
    return renditions.is_current(issue.cover_renditions, COVER_SPECS)
