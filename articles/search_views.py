"""The reader's search page: /<lang>/search/?q=…&section=…&from=YYYY-MM-DD&to=YYYY-MM-DD."""

import re
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from core import ratelimit
from core.editions import current_language

from . import search as search_module
from .chrome import site_chrome
from .listing import PAGE_SIZE, local_range, page_or_404
from .models import LISTING_DEFERRED, Article, Section
from .search import MAX_QUERY_LENGTH, find, highlight, parse_query, snippet

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_RANGE = (date(1990, 1, 1), date(2100, 12, 31))


class IsoDateField(forms.DateField):
    """A day as <input type="date"> sends it (YYYY-MM-DD, nothing looser), within DATE_RANGE."""

    default_error_messages = {
        "invalid": gettext_lazy("The date “%(value)s” was not understood and is ignored."),
    }

    def to_python(self, value):
        raw = (value or "").strip()
        if not raw:
            return None
        try:
            day = date.fromisoformat(raw) if _ISO_DATE.match(raw) else None
        except ValueError:
            day = None
        if day is None or not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": raw[:20]}
            )
        return day


class QueryField(forms.Field):
    """The words typed, read by articles.search.parse_query for the edition: any text is a
    query (invisible characters, NUL included, are dropped there, not refused here)."""

    def __init__(self, *, lang: str, **kwargs):
        self.lang = lang
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return parse_query(value or "", self.lang)


class SearchForm(forms.Form):
    """The search parameters. A filter that cannot be used is set aside, with its message
    shown on the page, and the search runs without it: a mistyped date still finds."""

    section = forms.CharField(required=False)
    to = IsoDateField(required=False)

    def __init__(self, data, *, lang: str, sections: list[Section]):
        super().__init__(data)
        self.sections = sections
        self.fields["q"] = QueryField(lang=lang)
        self.fields["from"] = IsoDateField(required=False)  # "from" is a Python keyword
        self.order_fields(["q", "section", "from", "to"])
        self.swapped = False

    def clean_section(self) -> Section | None:
        slug = self.cleaned_data["section"].strip()
        if not slug:
            return None
        section = next((s for s in self.sections if s.slug == slug), None)
        if section is None:
            raise ValidationError(
                _("That section does not exist: searching every section."), code="unknown"
            )
        return section

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            cleaned["from"], cleaned["to"] = end, start
            self.swapped = True
        return cleaned

    def notes(self) -> list[str]:
        """What the reader is told about their parameters, in the order of the form."""
        notes = []
        query = self.cleaned_data.get("q")
        if query is not None and query.truncated:
            notes.append(
                ngettext(
                    "Your search was shortened to %(count)s character and ten words.",
                    "Your search was shortened to %(count)s characters and ten words.",
                    MAX_QUERY_LENGTH,
                )
                % {"count": MAX_QUERY_LENGTH}
            )
        for name in ("section", "from", "to"):
            notes.extend(self.errors.get(name, []))
        if self.swapped:
            notes.append(_("The dates were the wrong way round: they have been swapped."))
        return notes


@require_safe
def search(request):
    lang = current_language()
    sections = site_chrome(request)["sections"]  # the header menu's, cached
    form = SearchForm(request.GET, lang=lang, sections=sections)
    form.is_valid()  # what is invalid is left out of cleaned_data, and told in notes()
    query = form.cleaned_data["q"]
    section = form.cleaned_data.get("section")
    start, end = form.cleaned_data.get("from"), form.cleaned_data.get("to")

    context = {
        "form": form,
        "query": query,
        "section": section,
        "start": start,
        "end": end,
        "notes": form.notes(),
        "page": None,
        "results": [],
    }
    if query and not (verdict := ratelimit.hit("search", request)).allowed:
        # Searches built per address are limited (docs/abuse.md); the page cache answers
        # repeated searches before this view runs, and those are never limited.
        return _too_many(verdict)
    if query:
        # The filters narrow the articles first, so that the newest WINDOW matches are those
        # of the section and dates asked for; full rows are read for the page's articles only.
        matching = Article.objects.public(lang)
        if section is not None:
            matching = matching.filter(section=section)
        if start or end:
            lower, upper = local_range(
                start or DATE_RANGE[0], (end or DATE_RANGE[1]) + timedelta(1)
            )
            matching = matching.published_between(lower, upper)
        outcome = find(matching, query, lang, correct=request.GET.get("exact") != "1")
        page = page_or_404(
            Paginator(outcome.ids, PAGE_SIZE, allow_empty_first_page=True),
            request.GET.get("page"),
        )
        # Listing columns, plus this edition's body for the snippets (modeltranslation
        # reads a bare "body" as this edition's, so that one stays too).
        kept = {"body", f"body_{lang}"}
        listed = Article.objects.select_related("section")
        listed = listed.defer(*(f for f in LISTING_DEFERRED if f not in kept))
        ids = list(page.object_list)
        rows = listed.in_bulk(ids)
        page.object_list = [rows[pk] for pk in ids if pk in rows]
        ran = outcome.ran or query
        context.update(
            page=page,
            outcome=outcome,
            capped_at=search_module.WINDOW,
            capped=outcome.capped,
            exact_url=_exact_url(request) if outcome.mode == "corrected" else "",
            # What the results match: the corrected words when a word was corrected.
            shown_query=outcome.corrected if outcome.mode == "corrected" else query.text,
            results=[
                (article, highlight(article.title, ran, lang), snippet(article, ran, lang))
                for article in page.object_list
            ],
        )
    response = render(request, "search/results.html", context)
    # Results pages are for readers, not for search engines' indexes (see robots.txt too).
    response["X-Robots-Tag"] = "noindex"
    return response


def _too_many(verdict) -> HttpResponse:
    response = ratelimit.too_many(verdict)
    response.content = _("Too many searches from your connection: please try again in a minute.")
    response["Content-Type"] = "text/plain; charset=utf-8"
    response["X-Robots-Tag"] = "noindex"
    return response


def _exact_url(request) -> str:
    """This search again, without spelling corrections: the words exactly as typed."""
    params = {key: value for key, value in request.GET.items() if key != "page"}
    params["exact"] = "1"
    return f"{request.path}?{urlencode(params)}"
