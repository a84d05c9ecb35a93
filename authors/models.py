from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.fields import CleanImageField
from core.images import validate_image
from core.sanitizer import strip_bidi_from
from core.slugs import unique_slug
from core.storage import UniqueName
from core.urls import slug_url


class AuthorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Author(models.Model):
    # Translated through modeltranslation (authors/translation.py): name, role, bio.
    name = models.CharField(_("display name"), max_length=120)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("e.g. كاتبة وصحفية"))
    bio = models.TextField(_("biography"), blank=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True, blank=True)
    photo = CleanImageField(
        _("photo"),
        upload_to=UniqueName("authors"),
        blank=True,
        validators=[validate_image],
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The photo's renditions and the SHA-256 of the stored photo, written at save time by
    # authors/services.py (core/renditions.py): templates read the manifest only.
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    photo_digest = models.CharField(
        max_length=64, blank=True, default="", editable=False, db_index=True
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("The journalist's staff account, if they write in the back office."),
    )
    email = models.EmailField(_("public e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        strip_bidi_from(self, ("name", "role"), settings.MODELTRANSLATION_LANGUAGES)
        if not self.slug:
            source = self.name_fr or self.name_ar or self.name
            self.slug = unique_slug(self, source, fallback="author")
        # The row only: the photo's renditions are made by authors/services.py
        # `author_saved()`, which every writer calls once the author is saved.
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("authors:detail", self.slug)

    def name_language(self) -> str:
        """The language of `name` as this edition shows it: its own, else the fallback's."""
        here = (get_language() or settings.LANGUAGE_CODE)[:2]
        for code in (here, *settings.MODELTRANSLATION_LANGUAGES):
            if getattr(self, f"name_{code}", ""):
                return code
        return here

    def other_script_names(self) -> list[tuple[str, str]]:
        """(language, name) of the author's names in the other editions, when they differ
        (سارة البوفي / Sara Elboufi): templates mark each with its own lang and dir."""
        current = self.name
        seen = {current}
        names = []
        for code, _label in settings.LANGUAGES:
            value = getattr(self, f"name_{code}", "") or ""
            if value and value not in seen and code != (get_language() or "")[:2]:
                seen.add(value)
                names.append((code, value))
        return names

    def in_current_language(self, field: str) -> str:
        """A text field in the reader's edition only: a bio is not shown in another language."""
        return getattr(self, f"{field}_{(get_language() or settings.LANGUAGE_CODE)[:2]}", "") or ""

    def bio_here(self) -> str:
        return self.in_current_language("bio")

    def role_here(self) -> str:
        return self.in_current_language("role")

    def short_bio(self, words: int = 30) -> str:
        return Truncator(self.bio_here()).words(words, truncate="…")

    def links(self) -> list[tuple[str, str]]:
        pairs = [
            (_("Website"), self.website),
            ("X", self.x_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(label, url) for label, url in pairs if url]
