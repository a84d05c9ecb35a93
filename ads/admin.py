"""Back office for banners, with their daily statistics (ads/README.md)."""

import csv
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core import counters
from core.admin_inputs import ValidSelectionMixin, save_flag
from core.admin_services import FollowedByServices

from . import services
from .models import Banner, BannerStat

STATS_PERIODS = (7, 30, 90, 365)


def _flush_counts() -> None:
    """Staff see counts up to this moment: write what is pending (never fails the page)."""
    counters.flush_all()


def _ctr(impressions: int, clicks: int) -> str:
    return f"{clicks / impressions:.2%}" if impressions else "–"


def _csv_cell(value):
    # Spreadsheet formula injection: a name like "=HYPERLINK(…)" must stay text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def stats_csv(rows, filename: str) -> HttpResponse:
    """rows: BannerStat with banner selected. One line per banner and day."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel reads UTF-8 (Arabic names) only with a BOM
    writer = csv.writer(response)
    writer.writerow(["banner_id", "banner", "slot", "date", "impressions", "clicks", "ctr"])
    for stat in rows:
        writer.writerow(
            [
                stat.banner_id,
                _csv_cell(stat.banner.name),
                stat.banner.slot,
                stat.date.isoformat(),
                stat.impressions,
                stat.clicks,
                f"{stat.clicks / stat.impressions:.4f}" if stat.impressions else "",
            ]
        )
    return response


class RunningFilter(admin.SimpleListFilter):
    title = _("dates")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("running", _("Running now")),
            ("scheduled", _("Starts later")),
            ("ended", _("Ended")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "running":
            return queryset.running(now)
        if self.value() == "scheduled":
            return queryset.filter(starts_at__gt=now)
        if self.value() == "ended":
            return queryset.filter(ends_at__lte=now)
        return queryset


def _today_sum(field: str):
    return Coalesce(
        Subquery(
            BannerStat.objects.filter(banner=OuterRef("pk"), date=timezone.localdate()).values(
                field
            )[:1],
            output_field=IntegerField(),
        ),
        0,
    )


@admin.register(Banner)
class BannerAdmin(FollowedByServices, ValidSelectionMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "slot",
        "kind",
        "editions",
        "window",
        "weight",
        "is_active",
        "is_running",
        "impressions_today",
        "clicks_today",
        "stats_link",
    ]
    list_display_links = ["name"]
    list_editable = ["weight", "is_active"]
    list_filter = ["slot", "kind", "is_active", RunningFilter]
    search_fields = ["name", "text", "link_url"]
    date_hierarchy = "starts_at"
    readonly_fields = ["image_preview"]
    actions = ["export_stats", "switch_on", "switch_off"]
    fieldsets = [
        (None, {"fields": ["name", "slot", "kind", "text", "link_url"]}),
        (
            _("Image"),
            {
                "fields": ["image", "image_mobile", "image_preview"],
                "description": _(
                    "Sizes: header, listing and footer 728×90 (phones 320×100); sidebar and "
                    "in-article 300×250. Twice the size looks sharper on phones."
                ),
            },
        ),
        (
            _("When and where"),
            {"fields": ["languages", "starts_at", "ends_at", "weight", "is_active"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                today_impressions=_today_sum("impressions"), today_clicks=_today_sum("clicks")
            )
        )

    def changelist_view(self, request, extra_context=None):
        _flush_counts()
        return super().changelist_view(request, extra_context)

    # Its images' renditions follow every save and delete (ads/services.py).
    saved = staticmethod(services.banner_saved)
    deleted = staticmethod(services.banners_deleted)

    @admin.display(description=_("editions"))
    def editions(self, obj):
        return ", ".join(code.upper() for code in obj.languages)

    @admin.display(description=_("dates"), ordering="starts_at")
    def window(self, obj):
        start = timezone.localtime(obj.starts_at).strftime("%Y-%m-%d %H:%M")
        if obj.ends_at is None:
            return format_html("{} → …", start)
        return format_html(
            "{} → {}", start, timezone.localtime(obj.ends_at).strftime("%Y-%m-%d %H:%M")
        )

    @admin.display(description=_("impressions today"), ordering="today_impressions")
    def impressions_today(self, obj):
        return obj.today_impressions

    @admin.display(description=_("clicks today"), ordering="today_clicks")
    def clicks_today(self, obj):
        return obj.today_clicks

    @admin.display(description=_("statistics"))
    def stats_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:ads_banner_stats", args=[obj.pk]),
            gettext("Statistics"),
        )

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        if not obj.pk:
            return "–"
        from .banners import render_banner

        html = render_banner(obj)
        if not html:
            return "–"
        return format_html('<div class="banner-preview">{}</div>', html)

    # --- actions ---------------------------------------------------------------------

    @admin.action(description=_("Download the statistics of the selected banners (CSV)"))
    def export_stats(self, request, queryset):
        _flush_counts()
        rows = (
            BannerStat.objects.filter(banner__in=queryset)
            .select_related("banner")
            .order_by("banner_id", "date")
        )
        return stats_csv(rows, f"banner-stats-{timezone.localdate():%Y-%m-%d}.csv")

    @admin.action(description=_("Switch the selected banners on"), permissions=["change"])
    def switch_on(self, request, queryset):
        self._switch(request, queryset, True)

    @admin.action(description=_("Switch the selected banners off"), permissions=["change"])
    def switch_off(self, request, queryset):
        self._switch(request, queryset, False)

    def _switch(self, request, queryset, on: bool):
        count = save_flag(queryset, "is_active", on, also=["updated_at"])
        self.message_user(
            request,
            ngettext("%(count)d banner changed.", "%(count)d banners changed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    # --- statistics page ------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                # Not <int:>: "abc/stats/" would fall through to Django's "…/change/" redirect.
                "<path:object_id>/stats/",
                self.admin_site.admin_view(self.stats_view),
                name="ads_banner_stats",
            ),
            *super().get_urls(),
        ]

    def stats_view(self, request, object_id: str):
        banner = self.get_object(request, unquote(object_id))
        if banner is None:
            raise Http404("No such banner")
        if not self.has_view_permission(request, banner):
            raise PermissionDenied
        _flush_counts()
        try:
            days = int(request.GET.get("days", 30))
        except ValueError:
            days = 30
        if days not in STATS_PERIODS:
            days = 30
        today = timezone.localdate()
        since = today - timedelta(days=days - 1)
        stats = BannerStat.objects.filter(banner=banner, date__gte=since).select_related("banner")
        if request.GET.get("format") == "csv":
            return stats_csv(
                stats.order_by("date"), f"banner-{banner.pk}-stats-{since}-{today}.csv"
            )
        by_day = {stat.date: stat for stat in stats}
        first_day = max(since, timezone.localdate(banner.starts_at))
        rows = []
        day = today
        while day >= first_day:
            stat = by_day.get(day)
            impressions, clicks = (stat.impressions, stat.clicks) if stat else (0, 0)
            rows.append(
                {
                    "date": day,
                    "impressions": impressions,
                    "clicks": clicks,
                    "ctr": _ctr(impressions, clicks),
                }
            )
            day -= timedelta(days=1)
        totals = stats.aggregate(
            impressions=Coalesce(Sum("impressions"), 0), clicks=Coalesce(Sum("clicks"), 0)
        )
        all_time = BannerStat.objects.filter(banner=banner).aggregate(
            impressions=Coalesce(Sum("impressions"), 0), clicks=Coalesce(Sum("clicks"), 0)
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": banner,
            "banner": banner,
            "title": gettext("Statistics: %(name)s") % {"name": banner.name},
            "rows": rows,
            "days": days,
            "periods": STATS_PERIODS,
            "totals": {**totals, "ctr": _ctr(totals["impressions"], totals["clicks"])},
            "all_time": {**all_time, "ctr": _ctr(all_time["impressions"], all_time["clicks"])},
            "has_change_permission": self.has_change_permission(request, banner),
        }
        return render(request, "admin/ads/banner/stats.html", context)
