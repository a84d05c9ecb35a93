"""Every back-office URL that carries an id answers 404 for an id that is not one.

"abc", "1x" and a number too large for the database's integer column (PostgreSQL raises
"integer out of range" where SQLite just finds nothing) must all be a plain 404, as a
logged-in editor types them into the address bar or a stale link sends them.
"""

import pytest

from tests.banner_factories import BannerFactory
from tests.personas import draft_by, make_administrator, make_editor, make_journalist

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "1x", "99999999999999999999", "-99999999999999999999"]


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor("youssef"))
    return client


@pytest.fixture
def article():
    return draft_by(make_journalist("sara"))


ARTICLE_GETS = ["{id}/history/", "{id}/preview/"]
ARTICLE_POSTS = ["{id}/heartbeat/", "{id}/preview/revoke/", "{id}/history/{version}/restore/"]


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("pattern", ARTICLE_GETS)
def test_article_pages_answer_404_for_a_bad_id(editor_client, article, pattern, bad):
    response = editor_client.get("/admin/articles/article/" + pattern.format(id=bad))
    assert response.status_code == 404


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("pattern", ARTICLE_POSTS)
def test_article_actions_answer_404_for_a_bad_id(editor_client, article, pattern, bad):
    url = "/admin/articles/article/" + pattern.format(id=bad, version=1)
    response = editor_client.post(url, {"leave": ""})
    assert response.status_code == 404


@pytest.mark.parametrize("bad", ["99999999999999999999", "0"])
def test_restore_answers_404_for_a_bad_revision_id(editor_client, article, bad):
    url = f"/admin/articles/article/{article.pk}/history/{bad}/restore/"
    response = editor_client.post(url)
    assert response.status_code == 404


@pytest.mark.parametrize("bad", BAD_IDS)
def test_history_page_ignores_bad_revision_numbers(editor_client, article, bad):
    """?from=…&to=… are typed into the address bar too: bad ones mean "the latest two"."""
    url = f"/admin/articles/article/{article.pk}/history/"
    response = editor_client.get(url, {"from": bad, "to": bad})
    assert response.status_code == 200


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("suffix", ["change/", "delete/"])
def test_standard_article_pages_do_not_fail_on_a_bad_id(client, article, suffix, bad):
    """Django's own change and delete pages send a missing object back to the index (as an
    administrator, who may delete: an editor is refused before any lookup)."""
    client.force_login(make_administrator("amina"))
    response = client.get(f"/admin/articles/article/{bad}/{suffix}")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("bad", BAD_IDS)
def test_banner_statistics_answer_404_for_a_bad_id(editor_client, bad):
    BannerFactory()
    response = editor_client.get(f"/admin/ads/banner/{bad}/stats/")
    assert response.status_code == 404


@pytest.mark.parametrize("bad", ["abc", "1x", "99999999999999999999"])
def test_banner_statistics_ignore_a_bad_period(editor_client, bad):
    banner = BannerFactory()
    response = editor_client.get(f"/admin/ads/banner/{banner.pk}/stats/", {"days": bad})
    assert response.status_code == 200
