"""Links to objects by slug, reversed once per URL pattern instead of once per link.

A listing page links to dozens of articles and sections; `reverse()` walks the URL
resolver for each (about a tenth of a page's time in the profile, docs/performance.md).
`slug_url()` reverses the pattern once per language, script prefix and URLconf, then
puts each slug in its place, quoted exactly as `reverse()` quotes it.
"""

from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

# A slug no real object has, that every slug pattern accepts ([-\w]+).
_MARK = "zz0slug0zz"
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted in a path
_around: dict[tuple, tuple[str, str]] = {}


def slug_url(viewname: str, slug: str) -> str:
    """`reverse(viewname, kwargs={"slug": slug})` for a pattern with one `slug` argument."""
    key = (viewname, get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    around = _around.get(key)
    if around is None:
        head, mark, tail = reverse(viewname, kwargs={"slug": _MARK}).partition(_MARK)
        if not mark:  # a pattern that does not show its slug as is: no shortcut
            return reverse(viewname, kwargs={"slug": slug})
        around = _around[key] = (head, tail)
    return f"{around[0]}{quote(slug, safe=_SAFE)}{around[1]}"
