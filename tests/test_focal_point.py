"""The cover's focal point, set in the admin's change form as a browser posts it: bounds
checked on the server, and the crops follow it (issue 12)."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from tests.personas import change_url, draft_by, form_data, make_journalist
from tests.pictures import post_ok, same_colour

pytestmark = pytest.mark.django_db

RED, GREEN, BLUE = (220, 20, 20), (20, 200, 20), (20, 20, 220)


def panorama() -> SimpleUploadedFile:
    """1800x450: red, green and blue thirds. A 16:9 crop of it (800x450) shows one third
    whole when centred on it."""
    image = Image.new("RGB", (1800, 450), GREEN)
    image.paste(RED, (0, 0, 600, 450))
    image.paste(BLUE, (1200, 0, 1800, 450))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile("panorama.jpg", buffer.getvalue(), content_type="image/jpeg")


def card_fallbacks(article) -> list[str]:
    entries = article.cover_renditions["specs"]["card"]
    return [entry["jpeg"] for entry in entries]


def centre_of(name: str) -> tuple:
    with default_storage.open(name, "rb") as file, Image.open(file) as image:
        rgb = image.convert("RGB")
        return rgb.getpixel((rgb.width // 2, rgb.height // 2))


@pytest.fixture
def sara(client):
    user = make_journalist("sara")
    client.force_login(user)
    return user


@pytest.fixture
def article_with_cover(client, sara):
    article = draft_by(sara)
    data = form_data(client.get(change_url(article)))
    data.update(cover=panorama(), cover_alt_ar="صورة", cover_credit="Newsroom")
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    assert (article.cover_focal_x, article.cover_focal_y) == (0.5, 0.5)
    return article


def test_the_change_form_offers_the_focal_point_with_its_script(client, article_with_cover):
    response = client.get(change_url(article_with_cover))
    html = response.content.decode()
    for name, axis in (("cover_focal_x", "x"), ("cover_focal_y", "y")):
        field = response.context["adminform"].form[name]
        attrs = field.field.widget.attrs
        assert (attrs["min"], attrs["max"], attrs["step"]) == ("0", "1", "any")
        assert attrs["data-focal-axis"] == axis
        assert f'name="{name}"' in html
    assert "articles/admin/focal_point.js" in html
    assert "articles/admin/focal_point.css" in html
    # The picture the editor clicks is the whole cover, not a crop of it.
    assert f'class="cover-preview" src="{article_with_cover.cover.url}"' in html


def test_moving_the_focal_point_remakes_the_crops_around_it(client, article_with_cover):
    article = article_with_cover
    centred = card_fallbacks(article)
    assert same_colour(centre_of(centred[0]), GREEN)

    data = form_data(client.get(change_url(article)))
    data.update(cover_focal_x="0.1", cover_focal_y="0.5")
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    assert (article.cover_focal_x, article.cover_focal_y) == (0.1, 0.5)
    left = card_fallbacks(article)
    assert set(left).isdisjoint(centred)  # new files, named after the new point
    assert same_colour(centre_of(left[0]), RED)

    data = form_data(client.get(change_url(article)))
    data.update(cover_focal_x="0.95")
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    assert same_colour(centre_of(card_fallbacks(article)[0]), BLUE)


@pytest.mark.parametrize("value", ["1.5", "-0.1", "nan", "inf", "1e400", "abc"])
def test_a_focal_point_outside_the_picture_is_refused(client, article_with_cover, value):
    article = article_with_cover
    before = list(card_fallbacks(article))
    data = form_data(client.get(change_url(article)))
    data["cover_focal_y"] = value
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "cover_focal_y" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.cover_focal_y == 0.5
    assert card_fallbacks(article) == before


def test_a_form_without_the_focal_point_keeps_the_stored_one(client, article_with_cover):
    article = article_with_cover
    Article.objects.filter(pk=article.pk).update(cover_focal_x=0.2, cover_focal_y=0.3)
    data = form_data(client.get(change_url(article)))
    del data["cover_focal_x"]
    data["cover_focal_y"] = ""
    data["title_ar"] = "عنوان آخر"
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    assert (article.cover_focal_x, article.cover_focal_y) == (0.2, 0.3)
    assert article.title_ar == "عنوان آخر"
