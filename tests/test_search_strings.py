"""The search page's sentences are translated in both editions (the count and the
no-result line carry the query in a <bdi dir="auto">, which the catalogues must match)."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "found", "nothing"),
    [
        ("ar", "مقالان يطابقان", "لا يوجد مقال يطابق"),
        ("fr", "2 articles correspondent", "Aucun article"),
    ],
)
def test_the_count_and_the_empty_result_are_in_the_editions_language(client, lang, found, nothing):
    for n in range(2):
        ArticleFactory(title_ar=f"زلزال قوي {n}", title_fr=f"Fort séisme {n}")
    word = "زلزال" if lang == "ar" else "séisme"
    page = client.get(f"/{lang}/search/", {"q": word}).content.decode()
    assert found in page
    assert "match" not in page
    empty = client.get(f"/{lang}/search/", {"q": "كلمةغيرموجودة"}).content.decode()
    assert nothing in empty
    assert "No article matches" not in empty
