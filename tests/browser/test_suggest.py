"""The header box's suggestions (static/js/suggest.js), as readers of both editions use them:
typing shows grouped suggestions, arrow keys and Enter open one, Escape and leaving the box
close the list, and without JavaScript the box is the plain search form."""

import os
import re
from pathlib import Path

import pytest

from articles.models import Article

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("SUGGEST_SHOTS_DIR", "/tmp/shots"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# (edition, words typed, a word of the reference article's title there)
EDITIONS = {
    "ar": ("الشراكة الأمنية", "title_ar"),
    "fr": ("partenariat sécuritaire", "title_fr"),
}


@pytest.fixture
def reader(browser):
    """A page in a new context: make(lang, viewport, **context options)."""
    contexts = []

    def make(lang, viewport, **options):
        context = browser.new_context(viewport=viewport, locale=f"{lang}-MA", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def reference() -> Article:
    return Article.objects.get(
        slug__isnull=False, title_ar__startswith="الشراكة الأمنية بين المغرب"
    )


def type_and_wait(page, text):
    box = page.locator("#header-q")
    box.click()
    box.press_sequentially(text, delay=20)
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    page.wait_for_function(
        "q => document.querySelectorAll('#header-q-suggestions [role=option]').length > 0",
        arg=text,
    )
    return box, listbox


def rect(page, selector):
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().toJSON()")


def no_overflow(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px of horizontal scroll"
    box = rect(page, "#header-q-suggestions")
    width = page.evaluate("innerWidth")
    assert box["left"] >= 0
    assert box["right"] <= width


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_arrow_keys_and_enter_open_the_article(reader, demo_server, lang, viewport):
    typed, title_field = EDITIONS[lang]
    title = getattr(reference(), title_field)
    page = reader(lang, viewport)
    page.goto(f"{demo_server.url}/{lang}/")
    box, listbox = type_and_wait(page, typed)

    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "header-q-suggestions"
    options = listbox.get_by_role("option")
    assert title in options.all_inner_texts()
    # The polite live region says how many there are.
    status = page.locator(".header-search [role=status]")
    assert re.search(r"\d|واحد|اقتراحان", status.inner_text())
    # Grouped, each group named; the options in the edition's language and direction.
    groups = listbox.get_by_role("group")
    assert groups.count() >= 1
    assert groups.first.get_attribute("aria-labelledby")
    direction = "rtl" if lang == "ar" else "ltr"
    assert options.first.evaluate("e => getComputedStyle(e).direction") == direction
    assert options.first.get_attribute("lang") == lang
    no_overflow(page)
    # The list hangs from the box: on a phone the box's width, on a desktop from its end edge.
    form, listed = rect(page, ".header-search"), rect(page, "#header-q-suggestions")
    end = "left" if lang == "ar" else "right"
    assert abs(form[end] - listed[end]) <= 1
    if viewport is PHONE:
        assert abs(form["left"] - listed["left"]) <= 1

    # Down through the options to the reference article, then Enter.
    for _ in range(options.count()):
        box.press("ArrowDown")
        active = box.get_attribute("aria-activedescendant")
        assert active
        option = page.locator(f"#{active}")
        assert option.get_attribute("aria-selected") == "true"
        assert page.locator("[role=option][aria-selected=true]").count() == 1
        if option.inner_text() == title:
            break
    else:
        pytest.fail(f"{title} never selected")
    box.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/articles/"))
    assert page.locator("h1").inner_text().strip() == title


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_escape_blur_arrow_up_and_click(reader, demo_server, lang):
    page = reader(lang, DESKTOP)
    page.goto(f"{demo_server.url}/{lang}/")
    box, listbox = type_and_wait(page, "المغرب" if lang == "ar" else "Maroc")
    options = listbox.get_by_role("option")
    total = options.count()
    assert total <= 8
    kinds = {g.get_attribute("data-kind") for g in options.all()}
    assert {"articles", "tags"} <= kinds

    # Up from the box: the last option; down again wraps to the first.
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == options.nth(total - 1).get_attribute("id")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")

    box.press("Escape")
    expect_closed(page, box)
    assert box.input_value()  # the words stay
    box.press("ArrowDown")  # opens it again, on the first option
    assert listbox.is_visible()
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")

    # Leaving the box closes the list.
    page.locator("h1, h2").first.click()
    expect_closed(page, box)

    # A click opens the suggestion: the tag page.
    box.click()
    assert listbox.is_visible()
    tag = listbox.locator("[data-kind=tags]").first
    name = tag.inner_text()
    tag.click()
    page.wait_for_url(re.compile(rf"/{lang}/tags/"))
    assert name in page.locator("h1").inner_text()


def expect_closed(page, box):
    page.wait_for_function("() => document.getElementById('header-q-suggestions').hidden")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None


def test_enter_without_a_choice_searches(reader, demo_server):
    page = reader("fr", DESKTOP)
    page.goto(f"{demo_server.url}/fr/")
    box, _listbox = type_and_wait(page, "Maroc")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/fr/search/\?q=Maroc"))
    assert page.locator(".search-results > li").count() >= 1


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_without_javascript_the_box_is_the_search_form(reader, demo_server, lang):
    page = reader(lang, PHONE, java_script_enabled=False)
    page.goto(f"{demo_server.url}/{lang}/")
    box = page.get_by_role("search").get_by_role("searchbox")
    assert box.get_attribute("role") is None
    assert page.get_by_role("listbox").count() == 0
    box.fill("المغرب" if lang == "ar" else "Maroc")
    box.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/search/\?q="))
    assert page.locator(".search-results > li").count() >= 1


@pytest.mark.parametrize(
    ("lang", "viewport", "scheme"),
    [
        ("ar", PHONE, "light"),
        ("ar", PHONE, "dark"),
        ("fr", DESKTOP, "light"),
        ("fr", DESKTOP, "dark"),
        ("ar", DESKTOP, "light"),
        ("fr", PHONE, "light"),
    ],
)
def test_screenshots(reader, demo_server, lang, viewport, scheme):
    page = reader(lang, viewport, color_scheme=scheme)
    page.goto(f"{demo_server.url}/{lang}/")
    box, _listbox = type_and_wait(page, "المغرب" if lang == "ar" else "Maroc")
    box.press("ArrowDown")
    box.press("ArrowDown")
    no_overflow(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = "phone" if viewport is PHONE else "desktop"
    page.screenshot(path=str(SHOTS / f"suggest_{lang}_{size}_{scheme}.png"))
