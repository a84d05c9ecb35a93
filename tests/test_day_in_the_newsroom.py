"""A day in the newsroom, through the admin forms as the browser posts them, with real
files on disk (the test MEDIA_ROOT) and the pages a reader's browser fetches.

Two journalists write, save again, each upload a different picture named `photo.jpg`, and
submit; an editor returns one, publishes the other, schedules the returned one once it is
fixed, edits the published article (which has a cover), and unpublishes it the next day.
At every step the reader's pages show the right picture next to each headline, and
nothing unpublished (article, cover, thumbnail) is reachable. Runs on both databases; CI
runs it on PostgreSQL.
"""

from datetime import timedelta

import html5lib
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article
from core.renditions import manifest_names
from tests.factories import SectionFactory
from tests.personas import change_url, form_data, make_editor, make_journalist, split_datetime
from tests.pictures import centre_colour, download, jpeg, post_ok, same_colour

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
RED, BLUE = (220, 20, 20), (20, 40, 220)
S = Article.Status


def cards(reader, url) -> dict[str, str | None]:
    """Headline text → the picture shown beside it, for every card on a reader's page."""
    tree = html5lib.parse(download(reader, url), namespaceHTMLElements=False)
    found = {}
    for card in tree.iter("article"):
        if "card" not in (card.get("class") or "").split():
            continue
        title = card.find(".//*[@class='card-title']")
        image = card.find(".//img")
        found["".join(title.itertext()).strip()] = image.get("src") if image is not None else None
    return found


def picture_beside(reader, url, headline) -> tuple:
    shown = cards(reader, url)
    assert headline in shown, (headline, list(shown))
    assert shown[headline], f"{headline!r} has no picture on {url}"
    return centre_colour(download(reader, shown[headline]))


def write(client, section, title, colour) -> Article:
    """The add form, then the change form saved again unchanged, then a typo fixed."""
    data = form_data(client.get(ADD_URL))
    data.update(
        title_ar=title + " (مسودة)",
        lead_ar="مقدمة الخبر",
        body_ar="<p>نص الخبر</p>",
        section=str(section.pk),
        cover=jpeg(colour, size=(1200, 675)),
        cover_alt_ar="صورة الخبر",
        cover_credit="Newsroom",
    )
    post_ok(client, ADD_URL, data)
    article = Article.objects.get(title_ar=title + " (مسودة)")
    post_ok(client, change_url(article), form_data(client.get(change_url(article))))
    data = form_data(client.get(change_url(article)))
    data["title_ar"] = title
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    assert article.title_ar == title
    return article


def act(client, article, transition, **extra):
    data = form_data(client.get(change_url(article)))
    data.update(_transition=transition, **extra)
    post_ok(client, change_url(article), data)
    article.refresh_from_db()
    return article


def unreachable(reader, article):
    """Nothing of an article that is not public answers a reader: page, cover, thumbnail."""
    assert reader.get(article.get_absolute_url()).status_code == 404
    for name in (article.cover.name, *manifest_names(article.cover_renditions)):
        if name:
            assert reader.get(article.cover.storage.url(name)).status_code == 404, name


def test_a_day_in_the_newsroom():
    section = SectionFactory(name_ar="وطني", name_fr="National")
    sara, karim, editor = make_journalist("sara"), make_journalist("karim"), make_editor()
    as_sara, as_karim, as_editor, reader = Client(), Client(), Client(), Client()
    as_sara.force_login(sara)
    as_karim.force_login(karim)
    as_editor.force_login(editor)

    # Morning: both write, both pictures are called photo.jpg, both submit.
    rains = write(as_sara, section, "أمطار غزيرة في الدار البيضاء", RED)
    port = write(as_karim, section, "ميناء طنجة يسجل رقما قياسيا", BLUE)
    assert rains.cover.name != port.cover.name
    assert "photo" not in rains.cover.name
    assert "photo" not in port.cover.name
    assert not manifest_names(rains.cover_renditions) & manifest_names(port.cover_renditions)
    assert manifest_names(rains.cover_renditions)
    act(as_sara, rains, "submit")
    act(as_karim, port, "submit")
    assert (rains.status, port.status) == (S.REVIEW, S.REVIEW)
    for article in (rains, port):
        unreachable(reader, article)

    # The editor returns Karim's piece; Karim fixes it and submits again.
    act(as_editor, port, "return", review_note="أضف مصدرا للرقم")
    assert port.status == S.RETURNED
    data = form_data(as_karim.get(change_url(port)))
    data["lead_ar"] = "حسب الوكالة الوطنية للموانئ"
    post_ok(as_karim, change_url(port), data)
    act(as_karim, port, "submit")

    # The editor publishes Sara's now and schedules Karim's for two hours later.
    act(as_editor, rains, "publish")
    assert rains.status == S.PUBLISHED
    later = timezone.now() + timedelta(hours=2)
    act(as_editor, port, "schedule", **split_datetime("publish_at", later))
    assert port.status == S.SCHEDULED

    # A reader sees Sara's headline with her red picture; Karim's is nowhere yet.
    home = cards(reader, "/ar/")
    assert rains.title_ar in home
    assert port.title_ar not in home
    assert same_colour(picture_beside(reader, "/ar/", rains.title_ar), RED)
    assert same_colour(picture_beside(reader, section.get_absolute_url(), rains.title_ar), RED)
    unreachable(reader, port)

    # The editor fixes a typo in the live article that has a cover: it saves, and the
    # reader sees the new headline beside the same picture.
    data = form_data(as_editor.get(change_url(rains)))
    data["title_ar"] = "أمطار غزيرة جدا في الدار البيضاء"
    post_ok(as_editor, change_url(rains), data)
    rains.refresh_from_db()
    assert rains.status == S.PUBLISHED
    assert same_colour(picture_beside(reader, "/ar/", rains.title_ar), RED)

    # The scheduled time arrives (no job needed): each headline beside its own picture.
    with time_machine.travel(later + timedelta(minutes=1)):
        section_url = section.get_absolute_url()
        assert same_colour(picture_beside(reader, section_url, port.title_ar), BLUE)
        assert same_colour(picture_beside(reader, section_url, rains.title_ar), RED)
        assert download(reader, port.get_absolute_url())

    # Next morning the editor unpublishes Sara's article: gone for readers, Karim's stays.
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        # A new day, a new login: staff sessions end 12 hours after login (core/staff_sessions.py).
        as_editor.force_login(editor)
        act(as_editor, rains, "unpublish")
        assert rains.status == S.UNPUBLISHED
        unreachable(reader, rains)
        home = cards(reader, "/ar/")
        assert rains.title_ar not in home
        assert same_colour(picture_beside(reader, "/ar/", port.title_ar), BLUE)
