"""The reader's search page: /<lang>/search/?q=…&section=…&from=YYYY-MM-DD&to=YYYY-MM-DD."""

import re
from datetime import date, timedelta

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.editions import current_language

from .listing import local_range, paginate
from .models import LISTING_DEFERRED, Article, Section
from .search import MAX_QUERY_LENGTH, highlight, parse_query, search_articles, snippet

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_RANGE = (date(1990, 1, 1), date(2100, 12, 31))


def _date_param(request, name: str, notes: list[str]) -> date | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = date.fromisoformat(raw) if _ISO_DATE.match(raw) else None
    except ValueError:
        value = None
    if value is None or not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
        notes.append(
            _("The date “%(value)s” was not understood and is ignored.") % {"value": raw[:20]}
        )
        return None
    return value


@require_safe
def search(request):
    lang = current_language()
    query = parse_query(request.GET.get("q", ""), lang)
    notes: list[str] = []
    if query.truncated:
        notes.append(
            _("Your search was shortened to %(count)s characters and ten words.")
            % {"count": MAX_QUERY_LENGTH}
        )
    # The header menu shows the same sections: handing them over saves its query.
    sections = list(Section.objects.active())
    section = None
    section_slug = request.GET.get("section", "").strip()
    if section_slug:
        section = next((s for s in sections if s.slug == section_slug), None)
        if section is None:
            notes.append(_("That section does not exist: searching every section."))
    start = _date_param(request, "from", notes)
    end = _date_param(request, "to", notes)
    if start and end and start > end:
        start, end = end, start
        notes.append(_("The dates were the wrong way round: they have been swapped."))

    context = {
        "query": query,
        "nav_sections": sections,
        "section": section,
        "start": start,
        "end": end,
        "notes": notes,
        "page": None,
        "results": [],
    }
    if query:
        # Listing columns, plus this edition's body for the snippets (modeltranslation
        # reads a bare "body" as this edition's, so that one stays too).
        kept = {"body", f"body_{lang}"}
        listed = Article.objects.public(lang).select_related("section")
        listed = listed.defer(*(f for f in LISTING_DEFERRED if f not in kept))
        articles = search_articles(listed, query, lang)
        if section is not None:
            articles = articles.filter(section=section)
        if start or end:
            lower, upper = local_range(
                start or DATE_RANGE[0], (end or DATE_RANGE[1]) + timedelta(1)
            )
            articles = articles.published_between(lower, upper)
        page = paginate(request, articles)
        context["page"] = page
        context["results"] = [
            (article, highlight(article.title, query, lang), snippet(article, query, lang))
            for article in page.object_list
        ]
    response = render(request, "search/results.html", context)
    # Results pages are for readers, not for search engines' indexes (see robots.txt too).
    response["X-Robots-Tag"] = "noindex"
    return response
