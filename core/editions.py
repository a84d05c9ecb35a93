"""The editions the site offers, the reader's edition, and the current page in the others.

One definition of the offered editions: settings.LANGUAGES (from NEWSROOM_EDITIONS).
"""

from django.conf import settings
from django.urls import translate_url
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language

# The editions the site offers (settings.LANGUAGES, from NEWSROOM_EDITIONS), main one first.
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def current_language() -> str:
    """The reader's edition: the active language when the site offers it, else the main one."""
    code = (get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


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
