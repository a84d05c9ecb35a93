"""Where uploads are stored and under which names (docs/media.md).

Stored names never contain the name a file was uploaded under: they are random, so a
draft's cover or an unpublished issue cannot be found by guessing `photo.jpg`, and two
uploads of `photo.jpg` never share a file or a rendition.

Files readers may not always see (magazine PDFs) live in PRIVATE_MEDIA_ROOT, outside
MEDIA_ROOT: neither Django's /media/ view (SERVE_MEDIA) nor a front web server serving
MEDIA_ROOT can reach them; a view that checks the record serves them.
"""

import os
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class UniqueName:
    """`upload_to` callable: `<folder>/<random hex>.<extension of the upload>`.

    `folder` may hold strftime codes (`covers/%Y/%m`). Only the extension of the uploaded
    name is kept, lower-cased and only when it is a plain one (letters and digits).
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        folder = timezone.now().strftime(self.folder).strip("/")
        suffix = PurePosixPath(filename or "").suffix.lower()
        if not (1 < len(suffix) <= 6 and suffix[1:].isalnum() and suffix[1:].isascii()):
            suffix = ""
        return f"{folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, UniqueName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which has no public URL.

    The location follows the setting at each use (tests move it); `url()` refuses, so a
    template cannot link to a private file by mistake: models give such files the URL of
    their checked view (core.fields.PrivateFileField).
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; use the record's download view.")


_private = PrivateStorage()


def private_storage():
    """The `storage` of private file fields (a callable, so migrations do not hold a path):
    `STORAGES["private"]` when settings name one (object storage, core/object_storage.py),
    else the local folder under PRIVATE_MEDIA_ROOT."""
    if "private" in settings.STORAGES:
        from django.core.files.storage import storages

        return storages["private"]
    return _private
