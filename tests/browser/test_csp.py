"""The Content-Security-Policy blocks nothing the site itself needs (docs/security.md).

Chromium reports every blocked script, style, image, connection or frame as a
`securitypolicyviolation` event and a "Refused to …" console message; both are collected
while a reader goes through the Arabic home page, an article (JSON-LD, carousel, the
most-read beacon, banners), the search page with suggestions, and an editor works in the
article editor (django-prose-editor, the modeltranslation tabs, the preview frames).
"""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article

pytestmark = [pytest.mark.browser]

PASSWORD = "Demo-pass-4-tests"
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar-MA")
    context.set_default_timeout(15_000)
    context.add_init_script(LISTEN)  # runs in every frame before the page's own scripts
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda m: (
            console.append(m.text)
            if "Content Security Policy" in m.text or m.text.startswith("Refused to")
            else None
        ),
    )
    yield page, console
    context.close()


def violations(page, console) -> list[str]:
    # Frames' console messages reach the page's console too.
    return list(console) + page.evaluate("window.__csp || []")


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form [type=submit]")
    try:  # two-factor authentication, where it is required (tests/personas.py)
        from tests.personas import give_code_in_browser
    except ImportError:
        return
    give_code_in_browser(page, username)


def test_no_page_breaks_the_content_security_policy(watched, demo_server):
    page, console = watched
    base = demo_server.url
    article = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("-publish_at")[0]

    page.goto(f"{base}/ar/")
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []

    page.goto(base + article.get_absolute_url_in("ar"))
    page.wait_for_load_state("networkidle")
    assert page.locator('script[type="application/ld+json"]').count() >= 1
    assert violations(page, console) == []

    response = page.goto(f"{base}/ar/search/?q=المغرب")
    assert response.status == 200, (response.status, page.content()[:2000])
    box = page.locator("#header-q")
    box.click()
    box.press_sequentially("المغ", delay=20)
    page.wait_for_function(
        "() => document.querySelectorAll('#header-q-suggestions [role=option]').length > 0"
    )
    assert violations(page, console) == []

    user = get_user_model().objects.get(username="editor")
    user.set_password(PASSWORD)
    user.save()
    log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".ProseMirror >> visible=true").first
    editor.wait_for(state="visible")
    editor.click()
    page.keyboard.type(" نص")
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []

    # The preview page frames the article in both editions at two widths.
    page.goto(f"{base}/admin/articles/article/{article.pk}/preview/")
    page.wait_for_load_state("networkidle")
    assert len(page.frames) > 1
    assert violations(page, console) == []
