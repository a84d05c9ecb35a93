from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin_inputs import SafeAutocompleteMixin, ValidSelectionMixin
from core.admin_services import FollowedByServices

from . import services
from .models import Author


@admin.register(Author)
class AuthorAdmin(
    FollowedByServices, ValidSelectionMixin, SafeAutocompleteMixin, TabbedTranslationAdmin
):
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

    # The photo's renditions follow every save and delete (authors/services.py).
    saved = staticmethod(services.author_saved)
    deleted = staticmethod(services.authors_deleted)
