"""Model fields of the site: a set of language codes in one column, filterable on every
database; image fields that store clean copies; files kept out of the public media."""

import contextlib
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.utils.translation import gettext_lazy as _


def _codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class LanguageSetField(models.CharField):
    """Editions something runs in, e.g. ["ar", "fr"], stored as ",ar,fr,".

    The commas at both ends make `filter(languages__contains=",ar,")` exact on SQLite and
    PostgreSQL alike, with no JSON or array support needed (see `for_language()` querysets).
    """

    description = _("Editions")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 60)
        super().__init__(*args, **kwargs)

    @staticmethod
    def encode(codes) -> str:
        wanted = set(codes or ())
        ordered = [code for code in _codes() if code in wanted]
        return f",{','.join(ordered)}," if ordered else ""

    @staticmethod
    def lookup(code: str) -> str:
        """The value to pass to `__contains` to find rows that include `code`."""
        return f",{code},"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            return [code for code in value.split(",") if code]
        return [code for code in _codes() if code in set(value)]

    def get_prep_value(self, value):
        if isinstance(value, str) or value is None:
            return value  # a lookup value (",ar,") or an already encoded set
        return self.encode(value)

    def value_to_string(self, obj):
        return self.encode(self.value_from_object(obj))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": settings.LANGUAGES,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        widget = kwargs.pop("widget", None)
        # The admin offers a text input for every CharField: keep the checkboxes.
        if isinstance(widget, forms.SelectMultiple) or (
            isinstance(widget, type) and issubclass(widget, forms.SelectMultiple)
        ):
            defaults["widget"] = widget
        defaults.update(kwargs)
        # CharField.formfield would add max_length and a TextInput; build the field directly.
        form_class = defaults.pop("form_class")
        for key in ("max_length", "empty_value", "choices_form_class"):
            defaults.pop(key, None)
        if self.has_default():
            defaults["initial"] = self.get_default()
        return form_class(**defaults)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = set(value or ()) - set(_codes())
        if unknown:
            raise forms.ValidationError(
                _("Unknown language: %(codes)s."), params={"codes": ", ".join(sorted(unknown))}
            )

    def run_validators(self, value):
        # max_length applies to the stored text, not to the list.
        return super().run_validators(self.encode(value) if isinstance(value, list) else value)


def all_languages() -> list[str]:
    """Default of a LanguageSetField: every edition of the site."""
    return _codes()


class CleanImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        """Store a clean copy (core.images.sanitize_upload), never the upload as sent."""
        from .images import sanitize_upload

        clean = sanitize_upload(content)
        name = str(PurePosixPath(name or "image").with_suffix(PurePosixPath(clean.name).suffix))
        super().save(name, clean, save)


class UploadImageFormField(forms.ImageField):
    """forms.ImageField that says an upload is too large (core/uploads.py kept none of its
    bytes past the limit) instead of "not a valid image"."""

    def to_python(self, data):
        if getattr(data, "too_large", False):
            from .images import validate_image

            validate_image(data)  # raises the size error first
        return super().to_python(data)


class CleanImageField(models.ImageField):
    """An image field whose files are re-encoded without metadata, orientation applied.

    Every way a file reaches storage through the field (a form, `field_file.save()`, the
    model's save) goes through CleanImageFieldFile.save. Give it `upload_to=UniqueName(…)`
    (core.storage) so stored names are random.
    """

    attr_class = CleanImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadImageFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """As ImageField does; a stored file that has gone missing or cannot be read keeps
        the recorded dimensions instead of making the whole record impossible to save."""
        with contextlib.suppress(OSError, ValueError):
            super().update_dimension_fields(instance, force, *args, **kwargs)


class PrivateFieldFile(FieldFile):
    @property
    def url(self):
        """The record's checked view (`get_private_file_url(field name)`), not a media URL."""
        self._require_file()
        return self.instance.get_private_file_url(self.field.name)


class PrivateFileField(models.FileField):
    """A file kept outside MEDIA_ROOT (core.storage.private_storage by default).

    Its `url` is whatever the model's `get_private_file_url(field_name)` returns: a view
    that checks who may download it.
    """

    attr_class = PrivateFieldFile

    def __init__(self, *args, **kwargs):
        from .storage import private_storage

        kwargs.setdefault("storage", private_storage)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)  # always the private storage
        return name, path, args, kwargs
