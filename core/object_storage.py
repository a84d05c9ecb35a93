"""Uploads on S3-compatible object storage (django-storages), docs/deployment.md.

Switched on by `MEDIA_STORAGE=s3` (newsroom/settings.py); boto3 is imported only then.

* `MediaStorage`: every upload and rendition, under the `media/` prefix of the bucket. Its
  URLs stay on the site (`MEDIA_URL` + name, like a local storage): readers' pages, the
  sanitizer's own-media rule and the picture markup do not change, and the pictures of
  articles that are not public keep their check, since `newsroom.views.media` answers for
  them (`serve()` below streams the object once the check passed). A front server or CDN
  may serve the rest of `/media/` straight from the bucket (docs/deployment.md).
* `PrivateStorage`: magazine PDFs, under the `private/` prefix (or a bucket of their own),
  never under `media/`, so no `/media/` URL reaches them; no URL at all, like the local
  private storage: the download view checks the issue, counts it and streams the file.

Objects are never public by an ACL of ours (`default_acl=None`): the bucket's policy says
what may be read directly (docs/deployment.md).
"""

import mimetypes

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.encoding import filepath_to_uri
from django.utils.http import http_date
from django.views.static import was_modified_since
from storages.backends.s3 import S3Storage

IMMUTABLE = "public, max-age=31536000, immutable"


class MediaStorage(S3Storage):
    """Uploads under `media/`, linked through the site's `MEDIA_URL`."""

    def __init__(self, *, checked_prefixes=(), **options):
        options.setdefault("location", "media")
        options.setdefault("querystring_auth", False)
        options.setdefault("default_acl", None)
        # Names are random or made from the content: a name never gets other content.
        options.setdefault("file_overwrite", True)
        super().__init__(**options)
        self.checked_prefixes = tuple(checked_prefixes)

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name.lstrip("/"))

    def get_object_parameters(self, name):
        """Objects a front server or CDN may fetch directly carry their cache lifetime;
        checked ones (covers) get theirs from Django's answer (newsroom.views.media)."""
        parameters = super().get_object_parameters(name)
        # Writes pass the key (`media/covers/…`), reads the storage name (`covers/…`).
        prefix = self.location.rstrip("/") + "/"
        if name.startswith(prefix):
            name = name[len(prefix) :]
        if not name.startswith(self.checked_prefixes):
            parameters.setdefault("CacheControl", IMMUTABLE)
        return parameters


class PrivateStorage(S3Storage):
    """Magazine PDFs under `private/`: no URL, only the checked download view reads them."""

    def __init__(self, **options):
        options.setdefault("location", "private")
        options.setdefault("querystring_auth", False)
        options.setdefault("default_acl", None)
        options.setdefault("file_overwrite", False)
        super().__init__(**options)

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL; use the record's download view.")


def serve(request, path: str, storage) -> FileResponse | HttpResponseNotModified:
    """The stored file at `path`, streamed, with Last-Modified and 304 answers (what
    django.views.static.serve does for a folder), or 404 when it is not there."""
    try:
        modified = storage.get_modified_time(path)
    except Exception:  # botocore's ClientError (404, 403) or a bad name: nothing to serve
        raise Http404(path) from None
    mtime = int(modified.timestamp())
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), mtime):
        return HttpResponseNotModified()
    try:
        handle = storage.open(path, "rb")
    except (FileNotFoundError, OSError):
        raise Http404(path) from None
    content_type, encoding = mimetypes.guess_type(path)
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    response["Last-Modified"] = http_date(mtime)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response
