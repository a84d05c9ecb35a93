"""What readers see when the database cannot be reached, and whether errors reach someone
(docs/faults.md).

`DatabaseUnavailableMiddleware` turns a database that is down, refuses connections, does not
answer in time (core/postgresql) or cancels a statement over its time limit into a
503 "back in a moment" page with `Retry-After`, rendered without touching the database (no
request context, so no context processor runs). Pages in the page cache are still served
(core/pagecache.py answers before any database access), and static files too (whitenoise
answers before everything). Django's persistent connections are health-checked at the start
of each request (CONN_HEALTH_CHECKS), so the site comes back by itself once the database does.

The outage is logged once a minute per process at ERROR (so the operator hears of it through
ADMINS' mail or Sentry without a message per request), every occurrence at WARNING.
"""

from __future__ import annotations

import logging
import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
REPORT_EVERY_SECONDS = 60

_last_report = {"at": float("-inf")}


def is_database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, DATABASE_UNAVAILABLE)


def errors_are_reported() -> bool:
    """True when a server error reaches someone: Sentry (SENTRY_DSN), or mail to ADMINS
    through a real mail backend (not the console's, which only prints)."""
    if getattr(settings, "SENTRY_DSN", ""):
        return True
    return bool(settings.ADMINS) and settings.EMAIL_BACKEND not in {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    }


def _language(request) -> str:
    path = getattr(request, "path_info", "") or ""
    language = translation.get_language_from_path(path)
    return language or translation.get_language() or settings.LANGUAGE_CODE


def _stylesheet() -> str:
    """The site's stylesheet URL; its plain name when the static manifest cannot say (the
    page must render whatever else is wrong)."""
    from django.templatetags.static import static

    try:
        return static("css/site.css")
    except Exception:
        return settings.STATIC_URL + "css/site.css"


def unavailable_response(request) -> HttpResponse:
    """The 503 page, in the edition the reader asked for, with no database access."""
    language = _language(request)
    with translation.override(language):
        body = loader.render_to_string(
            "503.html",
            {
                "LANGUAGE_CODE": language,
                "LANGUAGE_BIDI": translation.get_language_bidi(),
                "SITE_NAME": settings.SITE_NAME,
                "RETRY_AFTER_SECONDS": RETRY_AFTER_SECONDS,
                "STYLESHEET": _stylesheet(),
            },
        )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged here, once a minute (report_outage): Django would log every 503 at ERROR.
    response._has_been_logged = True
    return response


def report_outage(request, exception: BaseException) -> None:
    logger.warning("database unavailable (%s): 503 for %s", exception, request.path)
    now = time.monotonic()
    if now - _last_report["at"] >= REPORT_EVERY_SECONDS:
        _last_report["at"] = now
        logger.error(
            "Database unavailable: readers get 503 pages (reported once a minute per process)",
            exc_info=(type(exception), exception, exception.__traceback__),
        )


class DatabaseUnavailableMiddleware:
    """A view (or its template) that cannot reach the database answers 503, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        report_outage(request, exception)
        return unavailable_response(request)


def response_for_current_exception(request) -> HttpResponse | None:
    """For the 500 handler: the 503 page when the error being handled is the database's
    (raised outside a view: a middleware reading the session, saving it…), else None."""
    exception = sys.exc_info()[1]
    if not is_database_unavailable(exception):
        return None
    report_outage(request, exception)
    return unavailable_response(request)
