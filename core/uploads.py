"""Uploads over the size limit are refused before they are stored whole (docs/security.md).

Two layers:

- `RequestSizeLimitMiddleware`: a request whose declared body (Content-Length) is larger
  than MAX_REQUEST_BODY_BYTES (the largest file limit plus room for the other fields) is
  answered 413 before anything reads it.
- `SizeLimitedUploadHandler`, first of FILE_UPLOAD_HANDLERS: while a multipart body streams
  in, each file's bytes are counted; past its field's limit (FILE_UPLOAD_FIELD_LIMITS, else
  MAX_IMAGE_UPLOAD_BYTES) the rest is not kept in memory nor written to disk, and the form
  gets a `TooLargeUpload` in place of the file: an empty file whose `size` is what was
  counted. Every file validator of ours (core.images.validate_image, core.pdf.validate_pdf)
  starts with the size, so the form says "The image is 8.1 MB; the limit is 8.0 MB." next to
  the field, with everything else the person typed kept.
"""

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _


def field_limit(field_name: str) -> int:
    return settings.FILE_UPLOAD_FIELD_LIMITS.get(field_name, settings.MAX_IMAGE_UPLOAD_BYTES)


class TooLargeUpload(InMemoryUploadedFile):
    """What the form gets for a file that went past its limit: no content, the size seen."""

    too_large = True

    def __init__(self, field_name, name, content_type, size, charset=None):
        from io import BytesIO

        super().__init__(BytesIO(), field_name, name, content_type, size, charset)


class SizeLimitedUploadHandler(FileUploadHandler):
    def new_file(self, field_name, file_name, content_type, content_length, charset=None, *a):
        super().new_file(field_name, file_name, content_type, content_length, charset, *a)
        self.limit = field_limit(field_name)
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
        # None: the next handlers (memory, temporary file) never see the chunk.
        return None if self.too_large else raw_data

    def file_complete(self, file_size):
        if not self.too_large:
            return None  # the next handler's file is the upload
        return TooLargeUpload(
            self.field_name, self.file_name, self.content_type, self.received, self.charset
        )


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.MAX_REQUEST_BODY_BYTES
        if declared > limit:
            # Before LocaleMiddleware: the language of the URL, cookie or browser.
            with translation.override(translation.get_language_from_request(request, True)):
                message = _("The request is too large (at most %(limit)s).") % {
                    "limit": filesizeformat(limit)
                }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
