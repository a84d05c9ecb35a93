"""The weekend magazine: issues (a cover and a PDF) and their daily download counts.

The latest issue for the widget and download counting are in magazine/issues.py; the
daily counts are written by core/counters.py.
"""

import contextlib

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import CleanImageField, LanguageSetField, PrivateFileField, all_languages
from core.images import validate_image
from core.pdf import validate_pdf
from core.storage import UniqueName


class MagazineIssueQuerySet(models.QuerySet):
    def for_language(self, code: str):
        return self.filter(languages__contains=LanguageSetField.lookup(code))

    def public(self, lang: str):
        """Issues readers of the `lang` edition may see and download."""
        return self.filter(is_published=True).for_language(lang)

    def newest(self):
        return self.order_by("-issue_date", "-number")


class MagazineIssue(models.Model):
    """An issue of the weekend magazine: a cover and a PDF readers download."""

    title = models.CharField(_("title"), max_length=200)
    number = models.PositiveIntegerField(_("issue number"), unique=True)
    issue_date = models.DateField(_("date of the issue"))
    cover = CleanImageField(
        _("cover"),
        upload_to=UniqueName("magazine/covers"),
        validators=[validate_image],
        width_field="cover_width",
        height_field="cover_height",
        help_text=_("The front page, portrait (about 1:1.4)."),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The cover's renditions and the SHA-256 of the stored cover (core/renditions.py),
    # written at save time by magazine/services.py.
    cover_renditions = models.JSONField(default=dict, blank=True, editable=False)
    cover_digest = models.CharField(
        max_length=64, blank=True, default="", editable=False, db_index=True
    )
    # Outside MEDIA_ROOT: only the download view serves it, and only once published.
    pdf = PrivateFileField(
        _("PDF file"),
        upload_to=UniqueName("magazine/pdf/%Y"),
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
    pdf_size = models.PositiveBigIntegerField(_("PDF size"), default=0, editable=False)
    languages = LanguageSetField(
        _("editions"), default=all_languages, help_text=_("The editions that offer it.")
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Readers see and download published issues.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MagazineIssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("magazine issue")
        verbose_name_plural = _("magazine issues")
        ordering = ["-issue_date", "-number"]
        indexes = [
            # The widget (latest issue) and the archive page: published issues, newest first.
            models.Index(fields=["is_published", "-issue_date"], name="magazine_pub_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"

    def save(self, *args, **kwargs):
        if self.pdf:
            with contextlib.suppress(OSError, ValueError):  # the file vanished from storage
                self.pdf_size = self.pdf.size
        # The row only: the cover's renditions are made by magazine/services.py
        # `issue_saved()`, which every writer calls once the issue is saved.
        super().save(*args, **kwargs)

    def download_url(self) -> str:
        return reverse("magazine:download", kwargs={"number": self.number})

    def get_private_file_url(self, field_name: str) -> str:
        """The PDF's only address: the download view, which checks the issue is published."""
        return self.download_url()

    def download_filename(self) -> str:
        from django.utils.text import slugify

        site = slugify(settings.SITE_NAME) or "newsroom"
        return f"{site}-magazine-{self.number}-{self.issue_date:%Y-%m-%d}.pdf"


class MagazineDownloadStat(models.Model):
    """Downloads of an issue on one day (site time zone), added by counters."""

    issue = models.ForeignKey(
        MagazineIssue, on_delete=models.CASCADE, related_name="download_stats"
    )
    date = models.DateField(_("date"))
    downloads = models.PositiveBigIntegerField(_("downloads"), default=0, db_default=0)

    class Meta:
        verbose_name = _("magazine download statistic")
        verbose_name_plural = _("magazine download statistics")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "date"], name="magazinestat_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.issue_id} {self.date}"
