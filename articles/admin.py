from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Article, ArticleAuthor, Section, Tag


@admin.register(Section)
class SectionAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name_ar", "name_fr", "name_en", "slug"]


@admin.register(Tag)
class TagAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_ar", "name_fr", "name_en", "slug"]


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = _("author")
    verbose_name_plural = _("authors (in byline order)")


@admin.register(Article)
class ArticleAdmin(TabbedTranslationAdmin):
    list_display = [
        "title",
        "section",
        "status",
        "publish_at",
        "is_published",
        "is_featured",
        "is_breaking",
        "updated_at",
    ]
    list_filter = [
        "status",
        "section",
        "bylines__author",
        "is_featured",
        "is_breaking",
        "publish_at",
    ]
    list_select_related = ["section"]
    search_fields = ["title_ar", "title_fr", "title_en", "slug"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["tags"]
    inlines = [BylineInline]
    readonly_fields = ["created_at", "updated_at", "created_by"]
    fieldsets = [
        (None, {"fields": ["title", "lead", "body"]}),
        (_("Cover"), {"fields": ["cover", "cover_alt", "cover_caption", "cover_credit"]}),
        (_("Filing"), {"fields": ["section", "tags", "slug"]}),
        (
            _("Publication"),
            {"fields": ["status", "publish_at", "unpublish_at", "is_featured", "is_breaking"]},
        ),
        (_("History"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change and not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
