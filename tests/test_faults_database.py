"""The database stopped or frozen, as readers see it (docs/faults.md).

A PostgreSQL server of the test's own (tests/servers.py), migrated, and gunicorn started with
the repository's gunicorn.conf.py against it and a private Redis (the page cache), DEBUG off,
static files collected: the production stack on loopback ports. The test stops the database
(pg_ctl stop -m immediate), starts it again, and freezes it (SIGSTOP of every server process),
and reads pages meanwhile.
"""

import subprocess
import sys
import time
from pathlib import Path

import html5lib
import pytest
from django.test import Client
from django.utils import translation

from tests.servers import (
    ROOT,
    collected_static,
    fetch,
    gunicorn_server,
    manage,
    needs_postgres,
    needs_redis,
    private_postgres,
    private_redis,
    site_env,
)

STATIC = "/static/css/site.css"


def french(text: str) -> str:
    with translation.override("fr"):
        return translation.gettext(text)


def arabic(text: str) -> str:
    with translation.override("ar"):
        return translation.gettext(text)


# --- in-process: the middleware and the page -----------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_view_that_cannot_reach_the_database_answers_503_in_its_edition(language):
    response = Client(raise_request_exception=False).get(f"/{language}/database-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
    text = "The site cannot show this page right now. Please try again in a few moments."
    with translation.override(language):
        assert translation.gettext(text) in page
        assert translation.gettext(text) != text
    html5lib.HTMLParser(strict=True).parse(page)  # well-formed HTML5, raises otherwise
    other = "fr" if language == "ar" else "ar"
    with translation.override(other):
        assert translation.gettext(text) not in page


# --- the statement limit -------------------------------------------------------------------

STATEMENT_SCRIPT = """
import time, django
django.setup()
from django.db import connection, OperationalError
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print(cursor.fetchone()[0])
    start = time.monotonic()
    try:
        cursor.execute("SELECT pg_sleep(30)")
        print("finished")
    except OperationalError as error:
        print(type(error.__cause__).__name__, round(time.monotonic() - start))
"""


FROZEN_QUERY_SCRIPT = """
import sys, time, django
django.setup()
from django.db import connection, OperationalError
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
    print("connected", flush=True)
    time.sleep(0.5)  # the test freezes the server now
    start = time.monotonic()
    try:
        cursor.execute("SELECT 1")
        print("answered 0")
    except OperationalError as error:
        print(error, round(time.monotonic() - start, 1))
"""


@needs_postgres
def test_web_statements_stop_at_the_limit_and_long_commands_have_none():
    with private_postgres() as pg:
        env = site_env(DJANGO_SETTINGS_MODULE="newsroom.settings", DATABASE_URL=pg.url)
        env.pop("DATABASE_STATEMENT_TIMEOUT_MS", None)
        result = subprocess.run(
            [sys.executable, "-c", STATEMENT_SCRIPT],
            cwd=ROOT,
            env={**env, "DATABASE_STATEMENT_TIMEOUT_MS": "1500"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        shown_limit, outcome = result.stdout.split("\n")[:2]
        assert shown_limit == "1500ms"
        cause, seconds = outcome.split()
        assert cause == "QueryCanceled"
        assert int(seconds) < 5
        # The default for the web is 5 s; `manage.py migrate` (a long command) has no limit.
        code = "import newsroom.settings as s; print(s.DATABASES['default']['OPTIONS'])"
        web = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert "statement_timeout=5000" in web.stdout, web.stderr
        assert "'connect_timeout': 2" in web.stdout
        migrate = manage("migrate", "--plan", env=env)
        assert "Planned operations" in migrate
        shown = manage(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])",
            env=env,
        )
        assert "statement_timeout" not in shown

        # A query already running when the server freezes: no statement limit can fire (the
        # server is stopped); our backend stops waiting after the limit plus 2 s.
        frozen_query = subprocess.Popen(
            [sys.executable, "-c", FROZEN_QUERY_SCRIPT],
            cwd=ROOT,
            env={**env, "DATABASE_STATEMENT_TIMEOUT_MS": "1000"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert frozen_query.stdout.readline().strip() == "connected"
            pg.freeze()
            out, err = frozen_query.communicate(timeout=30)
        finally:
            pg.thaw()
            if frozen_query.poll() is None:
                frozen_query.kill()
        assert frozen_query.returncode == 0, err[-2000:]
        message, seconds = out.strip().rsplit(" ", 1)
        assert "did not answer within 3 s" in message
        assert 2.5 < float(seconds) < 6


# --- the whole stack -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def stack():
    """(gunicorn, postgres): the production stack on a private database, migrated."""
    if not Path("/usr/lib/postgresql/15/bin/initdb").exists():
        pytest.skip("no PostgreSQL programs")
    with private_postgres() as pg, private_redis() as redis:
        env = site_env(
            DATABASE_URL=pg.url,
            REDIS_URL=redis.url,
            STATIC_ROOT=collected_static(),
            PAGE_CACHE_SECONDS="300",
            DATABASE_STATEMENT_TIMEOUT_MS="3000",
        )
        manage("migrate", "--no-input", env=env)
        with gunicorn_server(env, "--workers", "2") as site:
            yield site, pg


def wait_until(url: str, status: int, seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if fetch(url, timeout=seconds).status == status:
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"{url} never answered {status} within {seconds} s")


def warm(site, path: str) -> None:
    for _ in range(4):  # both workers, stored and then read back
        fetch(site.url + path)
    assert fetch(site.url + path).headers.get("X-Page-Cache") == "hit"


@needs_postgres
@needs_redis
def test_database_stopped_readers_get_503_cached_pages_and_static_files_then_it_recovers(stack):
    site, pg = stack
    assert fetch(site.url + "/fr/").status == 200, site.output()[-3000:]
    warm(site, "/ar/")
    pg.stop()
    try:
        uncached = fetch(site.url + "/fr/search/?q=maroc")
        assert uncached.status == 503
        assert uncached.seconds < 1.0
        assert uncached.headers["Retry-After"] == "30"
        assert french("Back in a moment") in uncached.body
        assert '<html lang="fr" dir="ltr">' in uncached.body

        cached = fetch(site.url + "/ar/")
        assert cached.status == 200
        assert cached.headers["X-Page-Cache"] == "hit"
        assert cached.seconds < 1.0

        # A reader with a session cookie skips the page cache; the session cannot be read.
        signed_in = fetch(site.url + "/ar/", headers={"Cookie": "sessionid=x" * 4})
        assert signed_in.status == 503
        assert arabic("Back in a moment") in signed_in.body

        assert fetch(site.url + STATIC).status == 200
    finally:
        pg.start()
    assert wait_until(site.url + "/fr/search/?q=maroc", 200, 10) < 10
    assert "Internal Server Error" not in site.output()


@needs_postgres
@needs_redis
def test_database_frozen_no_reader_waits_more_than_a_few_seconds(stack):
    site, pg = stack
    warm(site, "/fr/")
    for _ in range(4):  # every worker holds an open connection (CONN_MAX_AGE)
        assert fetch(site.url + "/fr/search/?q=economie").status == 200, site.output()[-3000:]
    pg.freeze()
    try:
        for path in ("/fr/search/?q=parlement", "/fr/search/?q=gouvernement"):
            answer = fetch(site.url + path, timeout=30)
            assert answer.status == 503, answer.body[:500]
            assert answer.seconds < 5, answer.seconds
        cached = fetch(site.url + "/fr/")
        assert cached.status == 200
        assert cached.seconds < 1.0
        static = fetch(site.url + STATIC)
        assert static.status == 200
        assert static.seconds < 1.0
    finally:
        pg.thaw()
    assert wait_until(site.url + "/fr/search/?q=retour", 200, 10) < 10
