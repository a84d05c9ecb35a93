"""The suite runs in random order (pytest-randomly): a test finds what it needs through its
fixtures and factories, whatever ran before it."""

import pytest
from django.contrib.auth.models import Group

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
    assert editor.has_perm("newsroom.change_banner")
    assert not editor.has_perm("auth.change_user")
    assert administrator.has_perm("auth.change_user")
    assert Group.objects.filter(name=roles.EDITOR).count() == 1
