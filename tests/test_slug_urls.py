"""core.urls.slug_url gives exactly what reverse() gives, in every edition and under a
script prefix (the site mounted below /), for the slugs the site makes."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils.translation import override

from core.urls import slug_url

SLUGS = ["الشراكة-الأمنية-بين-المغرب-وفرنسا", "le-maroc-et-l-ue-2025", "a", "x-bulk-49999"]


@pytest.mark.parametrize("viewname", ["articles:detail", "articles:section"])
@pytest.mark.parametrize("language", ["ar", "fr"])
@pytest.mark.parametrize("prefix", ["/", "/news/"])
def test_same_url_as_reverse(viewname, language, prefix):
    set_script_prefix(prefix)
    try:
        with override(language):
            for slug in SLUGS:
                assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})
    finally:
        set_script_prefix("/")


def test_the_page_links_with_the_edition_of_the_request(client, db):
    from tests.factories import ArticleFactory

    article = ArticleFactory(title_ar="مقال", title_fr="Article")
    assert article.get_absolute_url_in("fr").startswith("/fr/articles/")
    assert article.get_absolute_url_in("ar").startswith("/ar/articles/")
    assert client.get(article.get_absolute_url_in("fr")).status_code == 200
