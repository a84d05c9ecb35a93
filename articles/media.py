"""Who may download an article's pictures (docs/media.md, "Pictures of articles that are not public").

Covers and their renditions live under `covers/`: a cover under a random name
(`covers/YYYY/MM/…`), its renditions under the SHA-256 of its content
(`covers/r/<digest>/…`, core/renditions.py). A name can still leak: a journalist shares a preview, an article that
was public is unpublished after its picture went round. So the media view asks here before
serving a file under `covers/`: readers get it only while a published article shows it;
staff always do (they preview drafts). A file no article holds any more (a replaced cover)
is not served to readers either.
"""

from .models import Article

PROTECTED_PREFIX = "covers/"
RENDITIONS_PREFIX = "covers/r/"


def may_download(path: str, user) -> bool:
    """True when `user` may download the media file at `path` (relative to MEDIA_ROOT)."""
    if not path.startswith(PROTECTED_PREFIX):
        return True  # author photos, banners, magazine covers, body images: random names
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    published = Article.objects.published()
    if path.startswith(RENDITIONS_PREFIX):
        # covers/r/<digest>/<size>…: one indexed lookup (article_cover_digest_idx).
        digest = path[len(RENDITIONS_PREFIX) :].split("/", 1)[0]
        return bool(digest) and published.filter(cover_digest=digest).exists()
    # One indexed lookup (article_cover_idx).
    return published.filter(cover=path).exists()
