"""The ad server's data: banners in named slots, and their daily statistics.

How banners are chosen, shown and counted is in ads/banners.py and ads/README.md;
the daily counts are written by core/counters.py.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import CleanImageField, LanguageSetField, all_languages
from core.images import validate_image
from core.storage import UniqueName


@dataclass(frozen=True)
class SlotSize:
    width: int
    height: int

    @property
    def key(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def ratio(self) -> float:
        return self.width / self.height

    def __str__(self) -> str:
        return f"{self.width}×{self.height}"


class Slot(models.TextChoices):
    HEADER = "header", _("Header leaderboard")
    SIDEBAR = "sidebar", _("Sidebar")
    IN_ARTICLE = "in_article", _("In the article text")
    LISTING = "listing", _("Between listing items")
    FOOTER = "footer", _("Footer")


# What each slot shows: the wide size, and for leaderboards the phone size (under 48em).
# static/css/site.css reserves the same boxes (tests/test_banners.py checks they agree).
SLOT_SIZES: dict[str, tuple[SlotSize, SlotSize | None]] = {
    Slot.HEADER: (SlotSize(728, 90), SlotSize(320, 100)),
    Slot.SIDEBAR: (SlotSize(300, 250), None),
    Slot.IN_ARTICLE: (SlotSize(300, 250), None),
    Slot.LISTING: (SlotSize(728, 90), SlotSize(320, 100)),
    Slot.FOOTER: (SlotSize(728, 90), SlotSize(320, 100)),
}
# An image may differ this much from the slot's shape; more would crop away its content.
SHAPE_TOLERANCE = 0.12

http_url = URLValidator(schemes=["http", "https"])


class BannerQuerySet(models.QuerySet):
    def for_language(self, code: str):
        return self.filter(languages__contains=LanguageSetField.lookup(code))

    def running(self, now=None):
        """Switched on, started, not ended."""
        now = now or timezone.now()
        return self.filter(is_active=True, starts_at__lte=now).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )

    def eligible(self, slot: str, lang: str, now=None):
        """What may appear in `slot` of the `lang` edition at `now`: the rule of record."""
        return self.filter(slot=slot).for_language(lang).running(now)

    def candidates(self, lang: str, now, until):
        """Everything that may become eligible in `lang` between now and `until`, all slots.

        The per-language cache of ads/banners.py holds this; `Banner.is_running()`
        then decides at each request, so a banner starts and ends on time while cached.
        """
        return (
            self.for_language(lang)
            .filter(is_active=True, starts_at__lt=until)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        )


class Banner(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", _("Image with a link")
        TEXT = "text", _("Text link")

    name = models.CharField(
        _("name"), max_length=200, help_text=_("For the newsroom only, e.g. the campaign.")
    )
    slot = models.CharField(_("slot"), max_length=20, choices=Slot.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.IMAGE)
    text = models.CharField(
        _("text"),
        max_length=200,
        help_text=_(
            "A text link shows these words. For an image, they describe it to readers who "
            "cannot see it."
        ),
    )
    image = CleanImageField(
        _("image"),
        upload_to=UniqueName("banners/%Y/%m"),
        blank=True,
        validators=[validate_image],
        help_text=_("JPEG, PNG, WebP or GIF in the slot's shape; twice its size looks sharper."),
    )
    image_mobile = CleanImageField(
        _("phone image"),
        upload_to=UniqueName("banners/%Y/%m"),
        blank=True,
        validators=[validate_image],
        help_text=_(
            "Leaderboards only: the 320×100 version for phones. Without it, phones see the "
            "main image cropped."
        ),
    )
    # Per image: its renditions and the SHA-256 of the stored file (core/renditions.py),
    # written at save time by ads/services.py.
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    image_digest = models.CharField(
        max_length=64, blank=True, default="", editable=False, db_index=True
    )
    image_mobile_renditions = models.JSONField(default=dict, blank=True, editable=False)
    image_mobile_digest = models.CharField(
        max_length=64, blank=True, default="", editable=False, db_index=True
    )
    link_url = models.URLField(
        _("link"), max_length=2000, validators=[http_url], help_text=_("Where a click leads.")
    )
    languages = LanguageSetField(
        _("editions"), default=all_languages, help_text=_("The editions it runs in.")
    )
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("ends"), null=True, blank=True, help_text=_("Leave empty to run until switched off.")
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Banners sharing a slot rotate in proportion to their weight: 3 shows three "
            "times as often as 1."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        verbose_name = _("banner")
        verbose_name_plural = _("banners")
        ordering = ["slot", "-starts_at", "id"]
        indexes = [
            # banners.candidates(): active banners of a language that have not ended.
            models.Index(fields=["is_active", "starts_at"], name="banner_active_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1), name="banner_weight_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="banner_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind="text") | ~Q(image=""), name="banner_image_kind_has_image"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        if self.kind == self.Kind.IMAGE:
            if not self.image:
                errors["image"] = _("An image banner needs an image.")
            elif self.slot in SLOT_SIZES:
                wide, narrow = SLOT_SIZES[self.slot]
                if message := _size_problem(self.image, wide):
                    errors["image"] = message
                if self.image_mobile:
                    if narrow is None:
                        errors["image_mobile"] = _(
                            "Only leaderboards (header, listing, footer) have a phone size."
                        )
                    elif message := _size_problem(self.image_mobile, narrow):
                        errors["image_mobile"] = message
        if errors:
            raise ValidationError(errors)

    def is_running(self, now=None) -> bool:
        """Python twin of `BannerQuerySet.running()` (tests keep them in agreement)."""
        now = now or timezone.now()
        return (
            self.is_active
            and self.starts_at <= now
            and (self.ends_at is None or self.ends_at > now)
        )

    is_running.boolean = True
    is_running.short_description = _("running now")

    def click_url(self) -> str:
        from .banners import click_token

        return reverse("ads:click", kwargs={"token": click_token(self.pk)})


def _dimensions(field_file) -> tuple[int, int]:
    """(width, height) of an image field's file, committed or a fresh upload; (0, 0) if unreadable."""
    try:
        if getattr(field_file, "_committed", False):
            with field_file.open("rb"):
                width, height = get_image_dimensions(field_file.file)
        else:
            width, height = get_image_dimensions(getattr(field_file, "file", field_file))
    except (OSError, ValueError, TypeError):
        return 0, 0
    return width or 0, height or 0


def _size_problem(file, size: SlotSize) -> ValidationError | None:
    width, height = _dimensions(file)
    if not width or not height:
        return None  # validate_image reports unreadable files
    params = {"slot": str(size), "width": width, "height": height}
    if width < size.width or height < size.height:
        return ValidationError(
            _(
                "This slot shows images at %(slot)s pixels; this one is %(width)s×%(height)s. "
                "Upload it at least at the slot's size."
            ),
            code="image_too_small",
            params=params,
        )
    if abs((width / height) / size.ratio - 1) > SHAPE_TOLERANCE:
        return ValidationError(
            _(
                "This slot shows images at %(slot)s pixels; this one is %(width)s×%(height)s, "
                "a different shape, and would be cropped. Crop it to the slot's shape."
            ),
            code="image_wrong_shape",
            params=params,
        )
    return None


class BannerStat(models.Model):
    """A banner's impressions and clicks on one day (site time zone), added by counters."""

    banner = models.ForeignKey(
        Banner, on_delete=models.CASCADE, related_name="stats", verbose_name=_("banner")
    )
    date = models.DateField(_("date"))
    impressions = models.PositiveBigIntegerField(_("impressions"), default=0, db_default=0)
    clicks = models.PositiveBigIntegerField(_("clicks"), default=0, db_default=0)

    class Meta:
        verbose_name = _("banner statistic")
        verbose_name_plural = _("banner statistics")
        ordering = ["-date"]
        constraints = [
            # One row per banner and day: the counters' upsert conflicts on it.
            models.UniqueConstraint(fields=["banner", "date"], name="bannerstat_unique_day"),
        ]

    def __str__(self) -> str:
        return f"{self.banner_id} {self.date}"

    @property
    def click_through_rate(self) -> float | None:
        return self.clicks / self.impressions if self.impressions else None
