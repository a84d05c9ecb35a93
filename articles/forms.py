"""The article change form of the back office: conflicts, cover rules, schedule, buttons."""

import urllib.parse

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from core.dates import format_date
from core.fields import UploadImageFormField
from core.sanitizer import foreign_pictures

from . import history, workflow
from .models import Article
from .widgets import FocalPointInput

LANGUAGES = [code for code, _name in settings.LANGUAGES]
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}
# The cover's focal point (0..1 across, 0..1 down), set by clicking the cover preview.
FOCAL_FIELDS = {"cover_focal_x": "x", "cover_focal_y": "y"}

# The body editor (django-prose-editor, bundled, no CDN). Whatever it produces still goes
# through core.sanitizer when the article is saved.
BODY_EDITOR_CONFIG = {
    "extensions": {
        "Paragraph": True,
        "Heading": {"levels": [2, 3]},
        "Bold": True,
        "Italic": True,
        "Link": {"enableTarget": False},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Figure": {"pickerUrl": reverse_lazy("admin:articles_article_upload_image")},
        "Caption": True,
        "Image": True,
    }
}


def body_editor_widget() -> AdminProseEditorWidget:
    return AdminProseEditorWidget(config=BODY_EDITOR_CONFIG, preset="configurable")


def language_attrs(field_name: str) -> dict[str, str]:
    """`dir` and `lang` for a translated field, from its language suffix (title_ar → rtl)."""
    code = field_name.rsplit("_", 1)[-1]
    if code not in LANGUAGES:
        return {}
    return {"dir": "rtl" if code in RTL_LANGUAGES else "ltr", "lang": code}


def time_zone_help() -> str:
    now = timezone.localtime()
    offset = now.strftime("%z")
    return gettext("Time zone: %(zone)s (UTC%(offset)s).") % {
        "zone": timezone.get_current_timezone_name(),
        "offset": f"{offset[:3]}:{offset[3:]}",
    }


class Conflict:
    """Someone saved the article after this form was opened: who, when, what."""

    def __init__(self, article: Article, base_version: int, current_version: int):
        self.current_version = current_version
        versions = history.versions_of(article)
        self.latest = versions.first()
        base = history.version_for_edit(article, base_version)
        self.by = self.latest.revision.user if self.latest else None
        self.at = self.latest.revision.date_created if self.latest else None
        self.comment = self.latest.revision.comment if self.latest else ""
        if self.latest and base and base.pk != self.latest.pk:
            self.diffs = history.text_diffs(
                base.field_dict, self.latest.field_dict, only_changed=True
            )
            self.fields = history.changed_fields(base.field_dict, self.latest.field_dict)
        else:
            self.diffs, self.fields = [], []

    def message(self) -> str:
        who = self.by.get_full_name() or self.by.get_username() if self.by else gettext("someone")
        when = format_date(self.at, "datetime") if self.at else "?"
        return gettext(
            "%(who)s saved this article at %(when)s, after you opened it (%(what)s). "
            "Your version was not saved; your text is still in the form below. Compare with "
            "their change, then tick “Save my version anyway” and save again, or reload the "
            "page to start from theirs."
        ) % {"who": who, "when": when, "what": self.comment or ", ".join(self.fields) or "-"}


class ArticleAdminForm(forms.ModelForm):
    # The version the form was built on; a different one at save time is a conflict.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    review_note = forms.CharField(
        label=_("Note to the journalist"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "dir": "auto"}),
        help_text=_("Required to return the article: what should change?"),
    )

    # Set by ArticleAdmin.get_form.
    request = None

    class Meta:
        model = Article
        # The admin's fieldsets choose the fields; the status is never among the editable.
        exclude = ["status"]  # noqa: DJ006 -- the admin passes its own field list

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: Conflict | None = None
        self.locked_version: int | None = None
        if not self.is_bound:
            self.fields["edit_version"].initial = self.instance.edit_version
        for name, axis in FOCAL_FIELDS.items():
            if name in self.fields:
                field = self.fields[name]
                # An older form (or a script) that does not post it keeps the stored point.
                field.required = False
                field.min_value, field.max_value = 0.0, 1.0
                field.validators += [MinValueValidator(0.0), MaxValueValidator(1.0)]
                field.widget = FocalPointInput(axis)
        help_text = time_zone_help()
        for name in ("publish_at", "unpublish_at"):
            if name in self.fields:
                previous = self.fields[name].help_text
                self.fields[name].help_text = f"{previous} {help_text}".strip()

    @property
    def user(self):
        return self.request.user

    @property
    def transition(self) -> str:
        return self.data.get("_transition", "") if self.is_bound else ""

    def clean_cover_focal_x(self):
        return self._focal("cover_focal_x")

    def clean_cover_focal_y(self):
        return self._focal("cover_focal_y")

    def _focal(self, name):
        value = self.cleaned_data.get(name)
        return getattr(self.instance, name) if value is None else value

    def clean(self):
        cleaned = super().clean()
        self._check_conflict()
        self._check_cover(cleaned)
        self._check_schedule(cleaned)
        self._check_body_pictures(cleaned)
        return cleaned

    def _check_body_pictures(self, cleaned) -> None:
        """Pictures of another site (or over http:) would make readers' browsers call that
        site; the sanitizer drops them, so the journalist is told which, not surprised."""
        for code in LANGUAGES:
            name = f"body_{code}"
            if name not in self.fields:
                continue
            # A script address (javascript:) is an attack, not a picture anyone meant to show:
            # the sanitizer drops it without a word, as it drops other attacks.
            urls = [
                url
                for url in foreign_pictures(cleaned.get(name))
                if not url.strip().lower().startswith(("javascript:", "vbscript:"))
            ]
            if urls:
                places = ", ".join(dict.fromkeys(_picture_place(url) for url in urls))
                self.add_error(
                    name,
                    ValidationError(
                        _(
                            "Pictures must be uploaded with the editor's image button; "
                            "pictures from other sites are not allowed: %(places)s."
                        ),
                        code="foreign_picture",
                        params={"places": places},
                    ),
                )

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the posted values
        if self.transition and not self.errors:
            self._check_transition()

    def _check_conflict(self) -> None:
        if self.instance.pk is None:
            return
        posted = self.cleaned_data.get("edit_version")
        # Locked until the save commits: two saves at once cannot both pass.
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_version", flat=True)
            .first()
        )
        self.locked_version = current
        if posted == current:
            return
        if posted is not None and self.data.get("_overwrite") == str(current):
            return  # seen the other change, and chose to overwrite it
        self.conflict = Conflict(self.instance, posted or 0, current or 0)
        raise ValidationError(self.conflict.message(), code="conflict")

    def _check_cover(self, cleaned) -> None:
        if "cover" not in self.fields or not cleaned.get("cover"):
            return
        for code in LANGUAGES:
            if (cleaned.get(f"title_{code}") or "").strip() and not (
                cleaned.get(f"cover_alt_{code}") or ""
            ).strip():
                self.add_error(
                    f"cover_alt_{code}",
                    _("Describe the cover image for readers who cannot see it (%(lang)s).")
                    % {"lang": code},
                )
        if "cover_credit" in self.fields and not (cleaned.get("cover_credit") or "").strip():
            self.add_error("cover_credit", _("Credit the photographer or the source."))

    def _check_schedule(self, cleaned) -> None:
        if "publish_at" not in self.fields or "publish_at" not in self.changed_data:
            return
        at = cleaned.get("publish_at")
        status = self.instance.status
        now = timezone.now()
        if status == Article.Status.SCHEDULED and self.transition not in ("publish", "unpublish"):
            if at is None:
                self.add_error("publish_at", _("A scheduled article needs a publication time."))
            elif at <= now:
                self.add_error(
                    "publish_at",
                    _("That time has passed: use “Publish now” to put the article online."),
                )
        if status == Article.Status.PUBLISHED and at and at > now:
            self.add_error(
                "publish_at",
                _("A published article cannot move to the future: unpublish it, then schedule it."),
            )

    def _check_transition(self) -> None:
        name = self.transition
        try:
            if name not in workflow.TRANSITIONS:
                raise ValidationError(_("Unknown action."))
            workflow.check_transition(
                name, self.instance, by=self.user, at=self.instance.publish_at
            )
            if name == "return" and not (self.cleaned_data.get("review_note") or "").strip():
                raise ValidationError(
                    {"review_note": _("Write a note telling the journalist what to change.")}
                )
        except PermissionDenied as error:
            self.add_error(None, str(error) or gettext("You are not allowed to do this."))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
            else:
                self.add_error(None, error)


def _picture_place(url: str) -> str:
    """What names a picture's origin for a person: its host, else the URL as written."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme + ':' if parts.scheme == 'http' else ''}{parts.netloc}" or url[:80]


class ImageUploadForm(forms.Form):
    image = UploadImageFormField(label=_("Image"))
    alt = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)

    def clean_image(self):
        from core.images import validate_image

        image = self.cleaned_data["image"]
        validate_image(image)
        return image
