"""The header box's suggestions: /<lang>/search/suggest/?q=… answers JSON (docs/search.md,
"Suggestions"; static/js/suggest.js reads it).

A public page like the search page: the page cache keeps it under the generation
(core/pagecache.py, policy SUGGEST) and browsers may keep it a minute, so typing the same
letters again costs nothing.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from core.editions import current_language

from .suggestions import suggestions


@require_safe
def suggest(request):
    """{"query": …, "groups": [{"kind", "label", "items": [{"label", "url", "lang", "dir"}]}],
    "status": the sentence the live region announces}."""
    data = suggestions(request.GET.get("q", ""), current_language())
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
