"""Back-office inputs that are not what the admin rendered, answered without a 500.

Django's admin looks posted ids up as they come: a changelist action with a selected id
"abc", or an autocomplete field re-shown with "abc" after a refused save, fails in the
database lookup (ValueError). Here such values are simply not ids of anything.
"""

from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.backends.base.operations import BaseDatabaseOperations


def is_pk_of(model, value) -> bool:
    """Could `value` be a primary key of `model` (an integer within its column's range)?"""
    field = model._meta.pk
    try:
        python = field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    low_high = BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type())
    if isinstance(python, int) and low_high:
        return low_high[0] <= python <= low_high[1]  # SQLite overflows on "IN (…)" beyond
    return True


class ValidSelectionMixin:
    """ModelAdmin mixin: ids in an action's selection that cannot be ids are dropped."""

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        valid = [value for value in selected if is_pk_of(self.model, value)]
        if valid != selected:
            post = request.POST.copy()
            post.setlist(helpers.ACTION_CHECKBOX_NAME, valid)
            request.POST = post
        return super().response_action(request, queryset)


class _KnownValuesOnly:
    def optgroups(self, name, value, attr=None):
        model = self.field.remote_field.model
        value = [v for v in value if v in ("", None) or is_pk_of(model, v)]
        return super().optgroups(name, value, attr)


class SafeAutocompleteSelect(_KnownValuesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_KnownValuesOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """ModelAdmin/InlineModelAdmin mixin: autocomplete fields with the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def save_flag(queryset, field: str, value: bool, *, also=()) -> int:
    """Set a boolean on the selected objects that differ; returns how many changed.

    One save() each rather than update(): the model's save() and the post_save receivers
    that refresh cached pages (ads/apps.py, magazine/apps.py) run for every object.
    """
    changed = 0
    for obj in queryset.exclude(**{field: value}):
        setattr(obj, field, value)
        obj.save(update_fields=[field, *also])
        changed += 1
    return changed
