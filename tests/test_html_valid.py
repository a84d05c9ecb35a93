"""Every public page is well-formed HTML5: html5lib's strict parser raises on any parse error."""

import html5lib
import pytest

from authors.services import author_saved
from tests.factories import image_upload
from tests.world import reference_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    """The reference article with everything a page can show, and three neighbours."""
    world = reference_world(
        body_fr="<h2>Sous-titre</h2><p>Texte & <em>suite</em></p>",
        cover=True,
        is_featured=True,
        is_breaking=True,
        neighbours=3,
    )
    world.sara.photo = image_upload()
    world.sara.x_url = "https://x.com/s"
    world.sara.save()
    author_saved(world.sara)  # as every writer does: the photo's renditions
    return world.article


def pages(article):
    paths = [
        "/{l}/",
        article.get_absolute_url_in("ar").replace("/ar/", "/{l}/"),
        "/{l}/sections/opinion/",
        "/{l}/authors/sara/",
        "/{l}/tags/security/",
        "/{l}/archive/2025/",
        "/{l}/archive/2025/04/",
        "/{l}/archive/2025/04/16/",
        "/{l}/nothing/",
    ]
    return [p.format(l=lang) for lang in ("ar", "fr") for p in paths]


def test_every_page_parses_strictly(client, site):
    parser = html5lib.HTMLParser(strict=True)
    for url in pages(site):
        response = client.get(url)
        assert response.status_code == (404 if url.endswith("/nothing/") else 200), url
        try:
            parser.parse(response.content.decode())
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{url}: {error}")


def test_ids_are_unique(client, site):
    import re
    from collections import Counter

    for url in pages(site):
        ids = Counter(re.findall(r'\sid="([^"]+)"', client.get(url).content.decode()))
        duplicated = [i for i, n in ids.items() if n > 1]
        assert not duplicated, f"{url}: duplicate ids {duplicated}"


def test_every_image_has_dimensions_and_alt(client, site):
    import re

    for url in pages(site):
        for tag in re.findall(r"<img\b[^>]*>", client.get(url).content.decode()):
            assert "width=" in tag, f"{url}: {tag}"
            assert "height=" in tag, f"{url}: {tag}"
            assert "alt=" in tag, f"{url}: {tag}"
