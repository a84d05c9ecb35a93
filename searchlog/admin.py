"""Reader searches (admin): a weekly table, per edition, read-only (docs/searchlog.md).

Editors and administrators see it (permission `searchlog.view_weeklysearch`, articles/roles.py);
journalists do not. Nobody adds, changes or deletes a row here: `prune_searchlog` forgets old
weeks.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.dates import format_date

from .models import WeeklySearch
from .services import keep_weeks, week_of


def week_label(monday: date) -> str:
    """ "30 November – 6 December 2026" with the house month names (core/dates.py)."""
    sunday = monday + timedelta(days=6)
    return f"{format_date(monday, 'short')} – {format_date(sunday, 'short')}"


class OneChoiceFilter(admin.SimpleListFilter):
    """A filter that always has a choice (no "All"): `chosen_value()` is the one shown
    selected, the default when the query string names none or a wrong one."""

    def chosen_value(self) -> str:
        raise NotImplementedError

    def choices(self, changelist):
        chosen = self.chosen_value()
        for value, label in self.lookup_choices:
            yield {
                "selected": value == chosen,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class WeekFilter(OneChoiceFilter):
    """This week unless another is chosen; every week still kept can be chosen."""

    title = _("week")
    parameter_name = "week"

    def lookups(self, request, model_admin):
        this_week = week_of()
        kept = this_week - timedelta(weeks=keep_weeks() - 1)
        weeks = set(
            WeeklySearch.objects.filter(week__gte=kept).values_list("week", flat=True).distinct()
        )
        weeks.add(this_week)
        return [
            (monday.isoformat(), _("This week") if monday == this_week else week_label(monday))
            for monday in sorted(weeks, reverse=True)
        ]

    def chosen(self) -> date:
        try:
            return week_of(date.fromisoformat(self.value() or ""))
        except ValueError:
            return week_of()

    def chosen_value(self) -> str:
        return self.chosen().isoformat()

    def queryset(self, request, queryset):
        return queryset.filter(week=self.chosen())


class EditionFilter(OneChoiceFilter):
    """One edition at a time: the admin's language when it is an edition, else the main one."""

    title = _("edition")
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        return list(settings.LANGUAGES)

    def chosen(self) -> str:
        codes = [code for code, _name in settings.LANGUAGES]
        if self.value() in codes:
            return self.value()
        active = (get_language() or "")[:2]
        return active if active in codes else codes[0]

    def chosen_value(self) -> str:
        return self.chosen()

    def queryset(self, request, queryset):
        return queryset.filter(language=self.chosen())


class FoundNothingFilter(admin.SimpleListFilter):
    title = _("result")
    parameter_name = "nothing"

    def lookups(self, request, model_admin):
        return [("1", _("Found nothing only"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(zero_results__gt=0)
        return queryset


@admin.register(WeeklySearch)
class WeeklySearchAdmin(admin.ModelAdmin):
    list_display = ("query", "searches", "zero_results")
    list_display_links = None
    list_filter = (WeekFilter, EditionFilter, FoundNothingFilter)
    ordering = ("-searches", "normalized")
    list_per_page = 100
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a count per week listed: not worth its queries
    actions = None

    @admin.display(description=_("query"), ordering="normalized")
    def query(self, obj):
        # The reader's words in their own direction, inside an RTL or LTR table.
        return format_html('<bdi dir="auto">{}</bdi>', obj.text)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
