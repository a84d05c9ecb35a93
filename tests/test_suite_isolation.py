"""The suite runs in random order (pytest-randomly): a test finds what it needs through its
fixtures and factories, whatever ran before it."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles import roles
from tests.personas import make_administrator, make_editor, make_journalist

pytestmark = pytest.mark.django_db


def test_personas_get_their_roles_after_a_flush():
    """A transactional test (live_server, browser, transaction=True) ends by flushing every
    table, the role groups the data migration made included."""
    Group.objects.filter(name__in=roles.ROLE_PERMISSIONS).delete()

    journalist, editor, administrator = make_journalist(), make_editor(), make_administrator()

    assert journalist.has_perm("articles.add_article")
    assert not journalist.has_perm("articles.publish_article")
    assert editor.has_perm("articles.publish_article")
    assert editor.has_perm("ads.change_banner")
    assert not editor.has_perm("auth.change_user")
    assert administrator.has_perm("auth.change_user")
    assert Group.objects.filter(name=roles.EDITOR).count() == 1


def test_seed_demo_in_tests_leaves_the_developers_credentials_alone():
    """`make run` prints var/demo-credentials.txt: the accounts of the developer's database,
    never those of a test database (browser tests and test_seed_demo seed the demo)."""
    from newsroom.management.commands import seed_demo

    call_command("seed_demo", allow_production=True, stdout=StringIO())

    written = seed_demo.CREDENTIALS_FILE.resolve()
    assert "password:" in written.read_text(encoding="utf-8")
    assert not written.is_relative_to(Path(settings.BASE_DIR).resolve()), written


def test_a_test_may_leave_counts_pending():
    """Page views, banner impressions and clicks wait in this process's buffer until a flush."""
    from core import counters

    counters.hit(counters.registered()[0], 1)
    assert counters.pending(counters.registered()[0])


def test_every_test_starts_with_no_pending_counts():
    """Else a flush in this test writes an earlier test's counts onto this test's objects
    (SQLite gives the same ids again once a test's transaction is rolled back)."""
    from core import counters

    assert counters.registered()
    assert {kind: counters.pending(kind) for kind in counters.registered()} == {
        kind: {} for kind in counters.registered()
    }


def test_passwords_hash_cheaply_in_tests():
    """tests/conftest.py: MD5 in tests, so logging in and seeding cost no PBKDF2 rounds."""
    from django.contrib.auth.hashers import get_hasher, make_password

    assert get_hasher().algorithm == "md5"
    assert make_password("correct horse battery staple").startswith("md5$")
