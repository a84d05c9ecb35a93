"""Upload check for the weekend magazine's PDF files."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF_HEADER = b"%PDF-"
PDF_END = b"%%EOF"
# Writers may append a newline or a little padding after the last %%EOF.
TAIL_BYTES = 2048


def validate_pdf(file) -> None:
    """Refuse files over MAX_MAGAZINE_PDF_BYTES, files that are not PDF, and cut-off PDFs.

    A PDF starts with `%PDF-` and its last line is `%%EOF`; a file missing the end was
    usually interrupted during the upload or the export, and readers could not open it.
    A file already in storage (an issue saved again) was checked when it was uploaded.
    """
    if getattr(file, "_committed", False):
        return
    size = getattr(file, "size", None)
    limit = settings.MAX_MAGAZINE_PDF_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            _("The PDF is %(size)s; the limit is %(limit)s."),
            code="pdf_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(len(PDF_HEADER))
        if size is None:
            file.seek(0, 2)
            size = file.tell()
        file.seek(max(0, size - TAIL_BYTES))
        tail = file.read(TAIL_BYTES)
    finally:
        file.seek(position)
    if head != PDF_HEADER:
        raise ValidationError(
            _("This file is not a PDF. Export the magazine as PDF and upload that file."),
            code="not_a_pdf",
        )
    if PDF_END not in tail:
        raise ValidationError(
            _("This PDF is incomplete (it has no end marker): export or upload it again."),
            code="pdf_truncated",
        )
