"""The weekend magazine: PDF checks, admin, archive, widget on every page, downloads."""

import re
from datetime import date

import html5lib
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import counters
from core.pdf import validate_pdf
from magazine.issues import DOWNLOAD, latest_issue
from magazine.models import MagazineDownloadStat, MagazineIssue
from tests.banner_factories import MINIMAL_PDF, MagazineIssueFactory, pdf_upload, png_upload
from tests.factories import ArticleFactory, SectionFactory
from tests.personas import make_editor, make_journalist

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _counters(isolated_counters):
    """Every test here starts with empty counters in this process's buffer."""


# --- PDF validation -----------------------------------------------------------------------------


def test_a_real_pdf_is_accepted():
    validate_pdf(pdf_upload())


def test_a_pillow_made_pdf_is_accepted():
    from magazine.demo import _cover, _pdf

    validate_pdf(pdf_upload(content=_pdf(_cover((200, 0, 0), 1, "Titre"))))


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "not_a_pdf"),
        (b"<html><body>%PDF-1.4</body></html>%%EOF", "not_a_pdf"),  # header must come first
        (b"", "not_a_pdf"),
        (MINIMAL_PDF[:60], "pdf_truncated"),  # cut off: no %%EOF
    ],
    ids=["png", "html", "empty", "truncated"],
)
def test_non_pdf_files_are_refused(content, code):
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(content=content))
    assert error.value.code == code


def test_oversized_pdf_is_refused_before_reading_it(settings):
    settings.MAX_MAGAZINE_PDF_BYTES = 1000
    big = MINIMAL_PDF[:-6] + b"0" * 2000 + b"%%EOF\n"
    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf_upload(content=big))
    assert error.value.code == "pdf_too_large"
    assert error.value.params["size"] != error.value.params["limit"]


def test_pdf_with_trailing_padding_after_eof_is_accepted():
    validate_pdf(pdf_upload(content=MINIMAL_PDF + b"\r\n" + b" " * 500))


def issue_form(**overrides):
    data = {
        "title": "Spécial Maroc–France",
        "number": "42",
        "issue_date": "2025-04-18",
        "cover": png_upload((480, 680), name="cover.png"),
        "pdf": pdf_upload(),
        "languages": ["ar", "fr"],
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_editor_uploads_an_issue_in_the_admin(client):
    client.force_login(make_editor())
    response = client.post("/admin/magazine/magazineissue/add/", issue_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    issue = MagazineIssue.objects.get(number=42)
    assert issue.pdf_size == len(MINIMAL_PDF)
    entries = issue.cover_renditions["specs"]["cover"]
    assert [(e["w"], e["h"]) for e in entries] == [(240, 340), (480, 680)]
    assert entries[0]["jpeg"].startswith(f"magazine/covers/r/{issue.cover_digest}/240x340-")
    assert issue.languages == ["ar", "fr"]
    listing = client.get("/admin/magazine/magazineissue/").content.decode()
    assert default_storage.url(entries[0]["jpeg"]) in listing  # the cover preview column


@pytest.mark.parametrize(
    ("pdf", "code"),
    [
        (SimpleUploadedFile("issue.pdf", b"GIF89a not a pdf"), "not_a_pdf"),
        (SimpleUploadedFile("issue.exe", MINIMAL_PDF), "invalid_extension"),
    ],
)
def test_admin_refuses_bad_pdfs_with_a_clear_error_and_keeps_the_typing(client, pdf, code):
    client.force_login(make_editor())
    response = client.post("/admin/magazine/magazineissue/add/", issue_form(pdf=pdf))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [e.code for e in errors["pdf"]] == [code]
    assert 'class="errorlist' in response.content.decode()
    body = response.content.decode()
    assert 'value="Spécial Maroc–France"' in body
    assert 'value="42"' in body
    assert not MagazineIssue.objects.exists()


def test_admin_refuses_an_oversized_pdf(client, settings):
    settings.MAX_MAGAZINE_PDF_BYTES = 100
    client.force_login(make_editor())
    response = client.post("/admin/magazine/magazineissue/add/", issue_form())
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [e.code for e in errors["pdf"]] == ["pdf_too_large"]


def test_journalist_cannot_add_an_issue(client):
    client.force_login(make_journalist())
    assert client.post("/admin/magazine/magazineissue/add/", issue_form()).status_code == 403
    assert not MagazineIssue.objects.exists()


# --- downloads ----------------------------------------------------------------------------------


def test_download_is_an_attachment_with_a_sensible_name_and_is_counted(client):
    issue = MagazineIssueFactory(number=120, issue_date=date(2025, 4, 18))
    response = client.get("/fr/magazine/120/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="newsroom-magazine-120-2025-04-18.pdf"'
    )
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert "no-store" in response["Cache-Control"]
    assert counters.pending(DOWNLOAD) == {(issue.pk, timezone.localdate()): 1}
    client.head("/fr/magazine/120/download/")  # link checkers do not count
    counters.flush(DOWNLOAD)
    assert MagazineDownloadStat.objects.get(issue=issue).downloads == 1


def test_unpublished_unknown_or_other_edition_issues_are_404(client):
    MagazineIssueFactory(number=7, is_published=False)
    MagazineIssueFactory(number=8, languages=["fr"])
    assert client.get("/fr/magazine/7/download/").status_code == 404
    assert client.get("/fr/magazine/999/download/").status_code == 404
    assert client.get("/ar/magazine/8/download/").status_code == 404
    assert client.get("/fr/magazine/8/download/").status_code == 200


def test_a_missing_file_is_404_not_500(client):
    issue = MagazineIssueFactory(number=9)
    issue.pdf.storage.delete(issue.pdf.name)
    assert client.get("/fr/magazine/9/download/").status_code == 404


# --- archive and widget, both directions ------------------------------------------------------------


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_archive_lists_the_editions_issues_newest_first(client, lang, direction):
    old = MagazineIssueFactory(number=1, issue_date=date(2025, 1, 3), title="Ancien")
    new = MagazineIssueFactory(number=2, issue_date=date(2025, 1, 10), title="Récent")
    MagazineIssueFactory(number=3, is_published=False, title="Brouillon")
    MagazineIssueFactory(number=4, languages=["en"], title="English only")
    response = client.get(f"/{lang}/magazine/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'dir="{direction}"' in body
    titles = re.findall(r'class="magazine-issue-title"><bdi>([^<]+)</bdi>', body)
    assert titles == [new.title, old.title]
    assert f'href="/{lang}/magazine/2/download/"' in body
    assert 'width="240" height="340"' in body
    html5lib.HTMLParser(strict=True).parse(body)


def test_archive_is_paginated(client):
    for n in range(14):
        MagazineIssueFactory(number=200 + n)
    first = client.get("/fr/magazine/").content.decode()
    assert first.count('class="magazine-issue"') == 12
    second = client.get("/fr/magazine/?page=2").content.decode()
    assert second.count('class="magazine-issue"') == 2
    assert client.get("/fr/magazine/?page=3").status_code == 404


def test_archive_without_issues_says_so(client):
    body = client.get("/ar/magazine/").content.decode()
    assert 'class="empty"' in body
    assert "magazine-widget" not in body


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_widget_with_the_latest_cover_is_on_every_public_page(client, lang):
    section = SectionFactory(slug="opinion")
    article = ArticleFactory(title_fr="Titre", section=section)
    MagazineIssueFactory(number=1, issue_date=date(2025, 1, 3))
    latest = MagazineIssueFactory(number=2, issue_date=date(2025, 1, 10))
    pages = ["/{l}/", "/{l}/sections/opinion/", "/{l}/magazine/", "/{l}/nowhere/"]
    pages = [p.format(l=lang) for p in pages] + [article.get_absolute_url_in(lang)]
    for url in pages:
        response = client.get(url)
        body = response.content.decode()
        assert body.count('class="magazine-widget"') == 1, url
        widget = body[body.index('class="magazine-widget"') :]
        assert f'href="/{lang}/magazine/2/download/"' in widget, url
        small = latest.cover_renditions["specs"]["cover"][0]
        assert f'src="{default_storage.url(small["jpeg"])}"' in widget
        assert f"{default_storage.url(small['avif'])} 240w" in widget
        assert 'width="240" height="340"' in widget
        assert latest.cover.url not in widget
        assert f'href="/{lang}/magazine/"' in widget
    # On article pages it sits in the sidebar, elsewhere in the footer.
    article_page = client.get(article.get_absolute_url_in(lang)).content.decode()
    aside = article_page[article_page.index('<aside class="sidebar"') :]
    assert aside.index("magazine-widget") < aside.index("</aside>")
    home = client.get(f"/{lang}/").content.decode()
    assert home.index("magazine-widget") > home.index('<footer class="site-footer">')


def test_widget_costs_one_query_then_none_and_follows_changes(client):
    issue = MagazineIssueFactory(number=5)
    with CaptureQueriesContext(connection) as cold:
        assert latest_issue("fr") == issue
    with CaptureQueriesContext(connection) as warm:
        assert latest_issue("fr") == issue
    assert (len(cold), len(warm)) == (1, 0)
    newer = MagazineIssueFactory(number=6, issue_date=date(2030, 1, 4))
    assert latest_issue("fr") == newer  # saving an issue invalidates the cache
    newer.is_published = False
    newer.save()
    assert latest_issue("fr") == issue
    MagazineIssue.objects.all().delete()
    assert latest_issue("fr") is None
    with CaptureQueriesContext(connection) as empty_warm:
        assert latest_issue("fr") is None
    assert len(empty_warm) == 0  # "no issue" is cached too


def test_no_widget_without_a_published_issue(client):
    MagazineIssueFactory(is_published=False)
    assert "magazine-widget" not in client.get("/fr/").content.decode()


def test_editor_unpublishes_then_republishes_an_issue_from_the_list(client):
    issue = MagazineIssueFactory()
    assert latest_issue("ar") == issue
    client.force_login(make_editor())
    url = "/admin/magazine/magazineissue/"
    client.post(url, {"action": "unpublish", "_selected_action": [issue.pk]})
    issue.refresh_from_db()
    assert not issue.is_published
    assert latest_issue("ar") is None  # the widget's cache was refreshed by the save
    response = client.post(url, {"action": "publish", "_selected_action": [issue.pk]}, follow=True)
    issue.refresh_from_db()
    assert issue.is_published
    assert latest_issue("ar") == issue
    assert [str(m) for m in response.context["messages"]]
