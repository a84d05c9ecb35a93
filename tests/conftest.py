import shutil
import tempfile

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True, scope="session")
def _test_storage():
    """Uploads of the test run go to a throw-away folder, never to var/media; static files
    are found by the finders, so tests need no collectstatic manifest."""
    path = tempfile.mkdtemp(prefix="newsroom-test-media-")
    private = tempfile.mkdtemp(prefix="newsroom-test-private-")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(MEDIA_ROOT=path, PRIVATE_MEDIA_ROOT=private, STORAGES=storages):
        yield path
    shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(private, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing():
    """Passwords hash with MD5 in tests only: the production hasher (PBKDF2, a million rounds)
    costs a few hundred milliseconds per login, user made with a password, or seed_demo
    account. What the tests check (a password is hashed, checked, refused) is the same."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _demo_credentials_elsewhere(tmp_path_factory):
    """seed_demo (browser tests, test_seed_demo) writes the passwords of the test database's
    accounts to a throw-away file, never over the developer's var/demo-credentials.txt."""
    from newsroom.management.commands import seed_demo

    with pytest.MonkeyPatch.context() as patch:
        path = tmp_path_factory.mktemp("var") / "demo-credentials.txt"
        patch.setattr(seed_demo, "CREDENTIALS_FILE", path)
        yield path


@pytest.fixture(autouse=True, scope="session")
def _force_login_gives_the_second_factor():
    """client.force_login() stands for the whole back-office login: for staff who must give a
    one-time code (editors, administrators, superusers; newsroom/two_factor.py) it also
    verifies their authenticator in the session (tests/personas.py give_second_factor). Two-
    factor authentication stays on: a test that logs in otherwise must give the code itself
    (tests/test_two_factor.py proves the enforcement through the login and code forms)."""
    from django.test import Client

    from newsroom import two_factor
    from tests.personas import give_second_factor

    force_login = Client.force_login

    def force_login_with_code(self, user, backend=None):
        force_login(self, user, backend)
        if user.is_staff and two_factor.must_use_two_factor(user):
            give_second_factor(self, user)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", force_login_with_code)
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Whole pages are not cached unless a test turns the page cache on: most tests change
    rows directly (or in a transaction whose on_commit invalidation never runs) and read the
    page again. tests/test_page_cache.py and tests/test_http_caching.py turn it on and prove
    every change reaches readers through the real paths (docs/caching.md)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_pending_counts():
    """Counts (views, impressions, clicks, downloads) wait in a per-process buffer: each test
    starts with none, so a flush never writes an earlier test's counts onto its objects."""
    from core import counters

    counters.reset_for_tests()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the Arabic edition; requests may switch the thread's language."""
    from django.utils import translation

    translation.activate("ar")
    yield
    translation.activate("ar")


@pytest.fixture
def isolated_counters(settings):
    """Counters in this process's buffer only, empty, flushed only when a test asks."""
    from core import counters

    settings.REDIS_URL = ""
    settings.COUNTERS_FLUSH_HITS = 0
    settings.COUNTERS_FLUSH_SECONDS = 0
    counters.reset_for_tests()
    yield
    counters.reset_for_tests()
