"""Back office for the weekend magazine's issues (magazine/README.md)."""

from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import counters, renditions
from core.admin_inputs import ValidSelectionMixin, save_flag
from core.admin_services import FollowedByServices

from . import services
from .models import MagazineIssue


@admin.register(MagazineIssue)
class MagazineIssueAdmin(FollowedByServices, ValidSelectionMixin, admin.ModelAdmin):
    list_display = [
        "cover_thumbnail",
        "number",
        "title",
        "issue_date",
        "editions",
        "is_published",
        "file_size",
        "downloads",
    ]
    list_display_links = ["cover_thumbnail", "number", "title"]
    list_filter = ["is_published", "issue_date"]
    search_fields = ["title", "number"]
    date_hierarchy = "issue_date"
    readonly_fields = ["cover_preview", "file_size", "downloads"]
    fields = [
        "title",
        "number",
        "issue_date",
        "cover",
        "cover_preview",
        "pdf",
        "file_size",
        "languages",
        "is_published",
        "downloads",
    ]
    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(total_downloads=Coalesce(Sum("download_stats__downloads"), 0))
        )

    def changelist_view(self, request, extra_context=None):
        counters.flush_all()  # staff see the counts up to this moment
        return super().changelist_view(request, extra_context)

    # Its cover's renditions follow every save and delete (magazine/services.py).
    saved = staticmethod(services.issue_saved)
    deleted = staticmethod(services.issues_deleted)

    @admin.display(description=_("editions"))
    def editions(self, obj):
        return ", ".join(code.upper() for code in obj.languages)

    @admin.display(description=_("cover"))
    def cover_thumbnail(self, obj):
        url = _cover_url(obj)
        if not url:
            return "–"
        return format_html(
            '<img src="{}" width="48" height="68" alt="" style="object-fit: cover">', url
        )

    @admin.display(description=_("cover preview"))
    def cover_preview(self, obj):
        url = _cover_url(obj)
        if not url:
            return "–"
        return format_html(
            '<img src="{}" width="240" height="340" alt="" style="object-fit: cover">', url
        )

    @admin.display(description=_("PDF size"), ordering="pdf_size")
    def file_size(self, obj):
        return filesizeformat(obj.pdf_size) if obj.pdf_size else "–"

    @admin.display(description=_("downloads"), ordering="total_downloads")
    def downloads(self, obj):
        return getattr(obj, "total_downloads", None) or (
            obj.download_stats.aggregate(n=Coalesce(Sum("downloads"), 0))["n"] if obj.pk else 0
        )

    @admin.action(description=_("Publish the selected issues"), permissions=["change"])
    def publish(self, request, queryset):
        self._publish(request, queryset, True)

    @admin.action(description=_("Unpublish the selected issues"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._publish(request, queryset, False)

    def _publish(self, request, queryset, published: bool):
        count = save_flag(queryset, "is_published", published)
        self.message_user(
            request,
            ngettext("%(count)d issue changed.", "%(count)d issues changed.", count)
            % {"count": count},
            messages.SUCCESS,
        )


def _cover_url(issue) -> str:
    """The 240-wide JPEG rendition of the cover (magazine/pictures.py), "" without one."""
    entries = renditions.entries_for(issue.cover_renditions, "cover")
    return default_storage.url(entries[0]["jpeg"]) if entries and "jpeg" in entries[0] else ""
