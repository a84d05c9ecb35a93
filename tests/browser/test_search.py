"""A reader searches the Arabic edition from the header box, typing the way people type."""

import re

import pytest

from articles.models import Article

pytestmark = pytest.mark.browser

# Elements sticking out of the viewport (the menus' own scrollers excepted), for the message.
WIDER_SCRIPT = """[...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.sections-nav, .latest-list'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > innerWidth + 1 })
  .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


def wider(page) -> list[str]:
    return page.evaluate(WIDER_SCRIPT)


def test_reader_finds_the_reference_article_without_hamza(page, demo_server, output_dir):
    reference = Article.objects.get(title_ar__startswith="الشراكة الأمنية بين المغرب وفرنسا")
    page.goto(f"{demo_server.url}/ar/")

    # No hamza on أ, ه for ة: the way the words are often typed.
    # A combobox once static/js/suggest.js runs (its suggestions: tests/browser/test_suggest.py).
    box = page.get_by_role("search").get_by_role("combobox")
    box.fill("الشراكه الامنية")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/ar/search/\?q="))

    assert page.locator("h1").inner_text().strip()
    first = page.locator(".search-results .card-title a").first
    assert first.inner_text().strip() == reference.title_ar
    # The matched words are highlighted in the article's own spelling.
    marks = page.locator(".search-results .card-title").first.locator("mark").all_inner_texts()
    assert marks == ["الشراكة", "الأمنية"]
    assert page.locator("#search-q").input_value() == "الشراكه الامنية"
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"

    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        # Nothing wider than the screen on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px of horizontal scroll at {width}px: {wider(page)}"
        page.screenshot(path=str(output_dir / f"search-ar-{width}.png"), full_page=True)

    first.click()
    page.wait_for_url(re.compile(r"/ar/articles/"))
    assert page.locator("h1").inner_text().strip() == reference.title_ar


def test_the_filters_work_without_javascript(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, locale="fr-MA")
    page = context.new_page()
    try:
        page.goto(f"{demo_server.url}/fr/search/?q=Maroc")
        total = page.locator(".search-results > li").count()
        assert total >= 1
        page.select_option("#search-section", "opinion")
        page.locator(".search-main button[type=submit]").click()
        page.wait_for_url(re.compile(r"section=opinion"))
        kickers = page.locator(".search-results .kicker").all_inner_texts()
        assert kickers
        assert set(kickers) == {"Opinion"}
    finally:
        context.close()
