from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin_inputs import SafeAutocompleteMixin, ValidSelectionMixin

from . import services
from .models import Author


@admin.register(Author)
class AuthorAdmin(ValidSelectionMixin, SafeAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ["name", "role", "slug", "user", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name_ar", "name_fr", "slug", "user__username"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]
    fieldsets = [
        (None, {"fields": ["name", "role", "bio", "slug", "photo", "is_active"]}),
        (_("Account"), {"fields": ["user"]}),
        (
            _("Links"),
            {
                "fields": [
                    "email",
                    "website",
                    "x_url",
                    "facebook_url",
                    "instagram_url",
                    "linkedin_url",
                ]
            },
        ),
        (None, {"fields": ["created_at"]}),
    ]

    # The photo's renditions follow every save and delete (authors/services.py); the
    # changelist's bulk delete action goes through delete_queryset.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.author_saved(obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.authors_deleted([obj])

    def delete_queryset(self, request, queryset):
        deleted = list(queryset)
        super().delete_queryset(request, queryset)
        services.authors_deleted(deleted)
