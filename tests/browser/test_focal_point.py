"""The cover's focal point in the admin: a click on the cover preview, or the arrow keys
on it, sets the point; the same physical place in a right-to-left (Arabic) and a
left-to-right (French) back office; saved with the form."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from tests.personas import give_code_in_browser

pytestmark = [pytest.mark.browser]

PASSWORD = "Demo-pass-4-tests"


@pytest.fixture
def editor_account(demo_server):
    user = get_user_model().objects.get(username="editor")
    user.set_password(PASSWORD)
    user.save()
    return demo_server


def values(page) -> tuple[float, float]:
    return (
        float(page.input_value("input[name=cover_focal_x]")),
        float(page.input_value("input[name=cover_focal_y]")),
    )


@pytest.mark.parametrize(("locale", "direction"), [("ar-MA", "rtl"), ("fr-FR", "ltr")])
def test_clicking_the_cover_sets_the_focal_point(browser, editor_account, locale, direction):
    base = editor_account.url
    article = Article.objects.exclude(cover="").order_by("pk").first()
    Article.objects.filter(pk=article.pk).update(cover_focal_x=0.5, cover_focal_y=0.5)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(f"{base}/admin/login/")
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", PASSWORD)
        page.click("#login-form [type=submit]")
        give_code_in_browser(page, "editor")
        page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
        assert page.get_attribute("html", "dir") == direction

        picker = page.locator(".focal-picker")
        picker.scroll_into_view_if_needed()
        assert picker.get_attribute("role") == "application"
        assert picker.get_attribute("tabindex") == "0"
        assert page.locator("#focal-help").inner_text().strip()
        img = picker.locator("img.cover-preview")
        box = img.bounding_box()
        assert box["width"] > 100
        # A quarter across from the picture's left edge, three quarters down: whatever the
        # page's direction, the point is on the left of the picture.
        img.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
        x, y = values(page)
        assert abs(x - 0.25) <= 0.02
        assert abs(y - 0.75) <= 0.02
        marker = page.locator(".focal-marker").bounding_box()
        centre_x = marker["x"] + marker["width"] / 2 - box["x"]
        assert abs(centre_x - box["width"] * 0.25) <= 3
        assert page.locator("#focal-status").inner_text().strip()

        # The keyboard: focus the picture, arrows move the point (Shift: finer).
        picker.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Shift+ArrowUp")
        x2, y2 = values(page)
        assert abs(x2 - (x + 0.05)) <= 0.001
        assert abs(y2 - (y - 0.01)) <= 0.001
        page.keyboard.press("End")  # not ours: nothing moves
        assert values(page) == (x2, y2)
        for _ in range(30):
            page.keyboard.press("ArrowLeft")
        assert values(page)[0] == 0.0  # stays on the picture

        page.keyboard.press("Home")
        assert values(page) == (0.5, 0.5)
        img.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.2})
        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist .success")
        article.refresh_from_db()
        assert abs(article.cover_focal_x - 0.8) <= 0.02
        assert abs(article.cover_focal_y - 0.2) <= 0.02
    finally:
        context.close()
