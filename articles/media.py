"""Who may download an article's pictures (docs/media.md, "Pictures of articles that are not public").

Covers and their thumbnails live under `covers/` with random (cover) or content-hash
(thumbnail) names. A name can still leak: a journalist shares a preview, an article that
was public is unpublished after its picture went round. So the media view asks here before
serving a file under `covers/`: readers get it only while a published article shows it;
staff always do (they preview drafts). A file no article holds any more (a replaced cover)
is not served to readers either.
"""

from django.db.models import Q

from .models import Article

PROTECTED_PREFIX = "covers/"


def may_download(path: str, user) -> bool:
    """True when `user` may download the media file at `path` (relative to MEDIA_ROOT)."""
    if not path.startswith(PROTECTED_PREFIX):
        return True  # author photos, banners, magazine covers, body images: random names
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    # One indexed lookup (article_cover_idx / article_cover_thumb_idx).
    return Article.objects.published().filter(Q(cover=path) | Q(cover_thumb=path)).exists()
