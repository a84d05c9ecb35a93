"""Browser tests: one live server and one Chromium for the whole session.

Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM_PATH); Playwright never downloads a
browser here. Outside CI a missing Chromium skips these tests with the reason; in CI it fails.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = Path(
    os.environ.get("TEST_OUTPUT_DIR", Path(__file__).resolve().parents[2] / "test-output")
)
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-dev-shm-usage",
]

# Browser tests drive the live server in another thread; Django forbids async-unsafe ORM
# calls from Playwright's event loop thread otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = (
            f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - dev extra missing
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar-MA")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    path = OUTPUT / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _asks_for_a_database(item) -> bool:
    names = getattr(item, "fixturenames", ())
    return bool(
        item.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"} & set(names)
    )


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """pytest-django makes the test database only when a collected test asks for one by
    name; browser tests reach it through demo_server, so a run of browser tests alone makes
    it here (the same way pytest-django does)."""
    if any(_asks_for_a_database(item) for item in request.session.items):
        yield
        return
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker):
    """The demo content, seeded once for a test module, and a live server showing it.

    seed_demo costs seconds; a module's tests share one seeding (the browser tests read the
    demo, count views and clicks, and the workflow module is one test) instead of seeding and
    flushing around every test. The module ends by flushing every table, as a transactional
    test does, so the next module starts from an empty database. Tests read the database
    through the ORM directly (autocommit): the server sees what they see.
    """
    from django.core.management import call_command
    from django.db import connections
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        with open(os.devnull, "w") as quiet:
            call_command("seed_demo", allow_production=True, stdout=quiet)
        server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
        server._live_server_modified_settings.enable()  # ALLOWED_HOSTS gets its host
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            # As a transactional test ends: this context's connections closed, so none is left
            # open on the test database when it is dropped (Playwright's greenlets give the
            # browser tests a connection of their own).
            connections.close_all()
