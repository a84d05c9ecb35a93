"""The site's URLs and views that fail on purpose, for tests of error pages and reports
(tests/test_error_reporting.py, tests/test_faults_database.py)."""

from django.db import OperationalError
from django.urls import path

from newsroom.urls import handler404, handler500  # noqa: F401
from newsroom.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("boom: a bug in a view")


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


urlpatterns = [
    path("boom/", boom),
    path("ar/database-gone/", database_gone),
    path("fr/database-gone/", database_gone),
    *site_urlpatterns,
]
