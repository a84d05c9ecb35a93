"""A reader browses the demo site in a real Chromium, in Arabic and in French."""

import re
import time

import pytest
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.browser


def reference_article() -> Article:
    return Article.objects.get(title_ar__startswith="الشراكة الأمنية بين المغرب وفرنسا")


def direction(page) -> str:
    return page.evaluate("getComputedStyle(document.documentElement).direction")


@pytest.mark.parametrize(("lang", "dir_"), [("ar", "rtl"), ("fr", "ltr")])
def test_reader_goes_home_article_author_section(page, demo_server, lang, dir_):
    page.goto(f"{demo_server.url}/{lang}/")
    assert direction(page) == dir_
    assert page.locator("html").get_attribute("lang") == lang

    # Home > the lead story.
    lead = page.locator(".home-lead .card-title a")
    title = lead.inner_text().strip()
    lead.click()
    page.wait_for_url(re.compile(rf"/{lang}/articles/"))
    assert page.locator("h1").inner_text().strip() == title
    assert direction(page) == dir_

    # Article > its author, through the author box link.
    page.locator(".author-box .more-link").first.click()
    page.wait_for_url(re.compile(rf"/{lang}/authors/"))
    author_name = page.locator("h1").inner_text().strip()
    assert author_name
    assert page.locator(".stack .card").count() >= 1

    # Author > the section of one of their articles.
    kicker = page.locator(".card .kicker").first
    section_name = kicker.inner_text().strip()
    kicker.click()
    page.wait_for_url(re.compile(rf"/{lang}/sections/"))
    assert page.locator("h1").inner_text().strip() == section_name
    assert page.locator(".day-heading").count() >= 1
    assert direction(page) == dir_


def test_language_switcher_leads_to_the_same_article(page, demo_server):
    article = reference_article()
    page.goto(demo_server.url + article.get_absolute_url_in("ar"))
    page.locator('.editions a[lang="fr"]').click()
    page.wait_for_url(re.compile("/fr/articles/"))
    assert page.locator("h1").inner_text().strip() == article.title_fr
    assert direction(page) == "ltr"


def scroll_offset(page) -> float:
    return page.evaluate("Math.abs(document.querySelector('.carousel-track').scrollLeft)")


def wait_for_offset(page, predicate, timeout: float = 10.0):
    """Until the carousel's scroll offset satisfies `predicate`, read from Python: the
    page's CSP (no 'unsafe-eval') refuses the string predicates of wait_for_function."""
    deadline = time.monotonic() + timeout
    while not predicate(offset := scroll_offset(page)):
        assert time.monotonic() < deadline, f"the carousel stayed at {offset}"
        page.wait_for_timeout(50)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_carousel_controls_by_click_and_keyboard(page, demo_server, lang):
    article = reference_article()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(demo_server.url + article.get_absolute_url_in(lang))
    carousel = page.locator("[data-carousel]")
    carousel.scroll_into_view_if_needed()
    previous = carousel.locator("[data-carousel-prev]")
    following = carousel.locator("[data-carousel-next]")
    expect(following).to_be_visible()
    expect(previous).to_have_attribute("aria-disabled", "true")
    assert scroll_offset(page) == 0

    following.click()
    wait_for_offset(page, lambda x: x > 100)
    expect(previous).to_have_attribute("aria-disabled", "false")
    if lang == "ar":
        # Right-to-left: moving on scrolls towards the left edge.
        assert page.evaluate("document.querySelector('.carousel-track').scrollLeft") < 0

    previous.click()
    wait_for_offset(page, lambda x: x < 2)
    expect(previous).to_have_attribute("aria-disabled", "true")

    following.focus()
    page.keyboard.press("Enter")
    wait_for_offset(page, lambda x: x > 100)
    expect(previous).to_have_attribute("aria-disabled", "false")
    previous.focus()
    page.keyboard.press("Space")
    wait_for_offset(page, lambda x: x < 2)

    # Arrow keys on the focused track move in the reading direction.
    page.locator(".carousel-track").focus()
    page.keyboard.press("ArrowLeft" if lang == "ar" else "ArrowRight")
    wait_for_offset(page, lambda x: x > 100)
    expect(carousel.locator("[data-carousel-status]")).to_have_text(re.compile(r"[2-9]"))


def test_carousel_without_javascript_is_a_scrolling_list(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(demo_server.url + reference_article().get_absolute_url_in("ar"))
    assert page.locator(".carousel-controls").is_hidden()
    assert page.locator(".carousel-item").count() >= 2
    overflow = page.evaluate(
        "getComputedStyle(document.querySelector('.carousel-track')).overflowX"
    )
    assert overflow == "auto"
    context.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots(browser, demo_server, output_dir, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in [
        ("home", f"/{lang}/"),
        ("article", reference_article().get_absolute_url_in(lang)),
    ]:
        page.goto(demo_server.url + path)
        # Scroll through the page so lazy images load before the full-page screenshot.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        # Nothing overflows the viewport sideways (a classic RTL bug).
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Every image has its dimensions, so nothing jumps while loading.
        assert page.locator("img:not([width])").count() == 0
        target = output_dir / f"{name}-{lang}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    context.close()


CLAMPED = """(el) => {
    // The headline and every box it sits in, up to the home page's lead block.
    const found = [];
    for (let node = el; node && !node.classList.contains("home-lead"); node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.webkitLineClamp !== "none" || style.overflow === "hidden"
            || style.overflowY === "hidden" || style.overflowX === "hidden") {
            found.push(node.tagName + "." + node.className);
        }
    }
    return found;
}"""


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_lead_headline_is_a_headline_not_a_grey_clamped_summary(page, demo_server, lang):
    page.goto(f"{demo_server.url}/{lang}/")
    headline = page.locator(".home-lead .card-title a")
    other = page.locator(".home-stories .card-title a").first
    ink = page.evaluate("getComputedStyle(document.body).getPropertyValue('--ink').trim()")
    expected = page.evaluate(
        "(c) => { const s = document.createElement('span'); s.style.color = c;"
        " document.body.append(s); const v = getComputedStyle(s).color; s.remove(); return v; }",
        ink,
    )
    colour = headline.evaluate("(el) => getComputedStyle(el).color")
    assert colour == expected == other.evaluate("(el) => getComputedStyle(el).color")
    assert headline.evaluate(CLAMPED) == []
    size = "(el) => parseFloat(getComputedStyle(el).fontSize)"
    assert page.locator(".home-lead .card-title").evaluate(size) > other.evaluate(size)
    # The lead paragraph under it keeps its own style: grey and at most three lines.
    summary = page.locator(".home-lead .card-summary")
    expect(summary).to_have_count(1)
    assert summary.evaluate("(el) => getComputedStyle(el).webkitLineClamp") == "3"
    assert summary.evaluate("(el) => getComputedStyle(el).color") != expected
