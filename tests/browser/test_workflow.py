"""From idea to the public site through the admin alone, with the two demo accounts.

The demo journalist writes an Arabic article with a subheading and an image (uploaded
through the body editor's picker) and submits it; the demo editor schedules it a few
seconds ahead; a reader does not find it before its time, and finds it after on the
home page, its section page and its own page. No cron job runs, and the test does not
wait for the schedule: it moves the clock (time-machine).
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Section
from tests.factories import image_upload
from tests.personas import give_code_in_browser

pytestmark = [pytest.mark.browser]

PASSWORD = "Demo-pass-4-tests"
TITLE = "اختبار المتصفح: افتتاح مكتبة الحي"
SUBHEADING = "تفاصيل الافتتاح"


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form [type=submit]")
    give_code_in_browser(page, username)


def log_out(page, base):
    page.goto(f"{base}/admin/")
    page.click("#logout-form button")


@pytest.fixture
def demo_accounts(demo_server):
    User = get_user_model()
    for username in ("journalist", "editor"):
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    return demo_server


def test_journalist_writes_editor_schedules_reader_sees_it_on_time(
    page, demo_accounts, tmp_path, output_dir, time_machine
):
    base = demo_accounts.url
    photo = tmp_path / "library.jpg"
    photo.write_bytes(image_upload("library.jpg", size=(640, 360)).read())

    # --- the journalist writes and submits --------------------------------------------
    log_in(page, base, "journalist")
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("input[name=title_ar]", TITLE)
    assert page.get_attribute("input[name=title_ar]", "dir") == "rtl"
    page.fill("textarea[name=lead_ar]", "افتتحت مكتبة جديدة في الحي بحضور السكان.")
    editor = page.locator(".prose-editor:has(textarea[name=body_ar]) [contenteditable=true]")
    editor.click()
    # Markdown-style shortcut of the editor: "## " makes a level-2 subheading.
    page.keyboard.type(f"## {SUBHEADING}")
    page.keyboard.press("Enter")
    page.keyboard.type("فتحت المكتبة أبوابها صباح اليوم.")
    page.keyboard.press("Enter")
    assert editor.get_attribute("dir") == "rtl"

    # An image, through the editor's figure button and its upload window.
    page.locator(".prose-editor:has(textarea[name=body_ar]) button[title=figure]").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    with page.expect_popup() as popup_info:
        dialog.locator(".prose-editor-field-with-picker button").click()
    popup = popup_info.value
    popup.set_input_files("input[name=image]", str(photo))
    popup.fill("input[name=alt]", "واجهة المكتبة")
    popup.fill("input[name=caption]", "المكتبة الجديدة")
    with popup.expect_event("close"):
        popup.click("input[type=submit]")
    assert "/media/inline/" in dialog.locator("input[name=imageUrl]").input_value()
    dialog.locator("button[type=submit]").click()
    page.wait_for_selector(".prose-editor:has(textarea[name=body_ar]) figure img")

    culture = Section.objects.get(slug="culture")
    page.select_option("select[name=section]", value=str(culture.pk))
    page.screenshot(path=output_dir / "workflow-journalist.png", full_page=True)
    page.click("button[name=_transition][value=submit]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get(title_ar=TITLE)
    assert article.status == Article.Status.REVIEW
    assert f"<h2>{SUBHEADING}</h2>" in article.body_ar
    # Saved as responsive markup of its renditions (articles/body_images.py), not the upload.
    assert '<figure><picture><source type="image/avif" srcset="/media/inline/r/' in article.body_ar
    assert 'loading="lazy" decoding="async"' in article.body_ar
    assert 'alt="واجهة المكتبة"' in article.body_ar
    assert article.bylines.filter(author__slug="sara-elboufi").exists()
    log_out(page, base)

    # --- the editor schedules it ------------------------------------------------------
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    at = timezone.localtime() + timedelta(seconds=25)
    at = at.replace(microsecond=0)
    page.fill("input[name=publish_at_0]", at.strftime("%Y-%m-%d"))
    page.fill("input[name=publish_at_1]", at.strftime("%H:%M:%S"))
    assert "Africa/Casablanca" in page.inner_text(".field-publish_at")
    page.click("button[name=_transition][value=schedule]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert article.publish_at == at
    log_out(page, base)

    # --- a reader, before and after its time --------------------------------------------
    section_url = f"{base}{article.section.get_absolute_url()}"
    article_url = f"{base}{article.get_absolute_url_in('ar')}"
    page.goto(f"{base}/ar/")
    assert TITLE not in page.content()
    page.goto(section_url)
    assert TITLE not in page.content()
    assert page.goto(article_url).status == 404

    assert timezone.now() < at, "the reader's checks took longer than the schedule allowed"
    # Its time comes: the clock (the live server's too, same process) moves past it.
    time_machine.move_to(at + timedelta(seconds=1))

    response = page.goto(article_url)
    assert response.status == 200
    assert TITLE in page.content()
    assert page.locator("h2", has_text=SUBHEADING).count() >= 1
    assert page.locator("img[alt='واجهة المكتبة']").count() == 1
    page.screenshot(path=output_dir / "workflow-reader.png", full_page=True)
    page.goto(f"{base}/ar/")
    assert TITLE in page.content()
    page.goto(section_url)
    assert TITLE in page.content()
