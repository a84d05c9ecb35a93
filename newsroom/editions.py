"""The current page in the other editions: used by the language switcher and by hreflang."""

from django.urls import translate_url
from django.utils.encoding import escape_uri_path

from articles.models import LANGUAGE_CODES, current_language


def edition_paths(request, available=None) -> dict[str, str]:
    """{language: path} of the current page in every edition where it exists.

    `available` narrows the editions (an article exists only where it has a title). A path
    that does not resolve (a 404 page) exists in no other edition. Paths are URL-encoded and
    carry no query string.
    """
    here = escape_uri_path(request.path)
    current = current_language()
    paths = {}
    for code in LANGUAGE_CODES:
        if available is not None and code not in available:
            continue
        if code == current:
            paths[code] = here
            continue
        translated = translate_url(here, code)
        if translated != here:  # translate_url hands back its input when nothing resolves
            paths[code] = translated
    return paths
