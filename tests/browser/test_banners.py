"""Banners and the weekend magazine in a real Chromium, Arabic and French."""

import re

import pytest
from playwright.sync_api import expect

from ads import banners
from ads.models import Banner, BannerStat
from articles.models import Article
from core import counters

pytestmark = pytest.mark.browser


def reference_article() -> Article:
    return Article.objects.get(title_ar__startswith="الشراكة الأمنية بين المغرب وفرنسا")


def point_banners_at(url: str) -> None:
    """Demo banners lead to example.com; send them to the live server (no network here)."""
    for banner in Banner.objects.all():
        banner.link_url = url
        banner.save()  # save(), not update(): the signal refreshes the banner cache


def layout(page) -> dict:
    return page.evaluate(
        """() => {
          const box = document.querySelector('.ad-slot--sidebar .ad-box').getBoundingClientRect();
          const next = document.querySelector('#sidebar-latest, .magazine-widget').getBoundingClientRect();
          return {width: box.width, height: box.height, top: box.top, nextTop: next.top};
        }"""
    )


def clicks(banner_id: int) -> int:
    stored = sum(BannerStat.objects.filter(banner_id=banner_id).values_list("clicks", flat=True))
    pending = sum(n for (pk, _day), n in counters.pending(banners.CLICK).items() if pk == banner_id)
    return stored + pending


@pytest.fixture
def reader_page(browser):
    """Headless Chromium says "HeadlessChrome", which the ad counters take for a robot."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="ar-MA",
        user_agent=(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0 Safari/537.36"
        ),
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_reader_clicks_a_banner_and_lands_on_its_target(reader_page, demo_server):
    page = reader_page
    target = f"{demo_server.url}/fr/"
    point_banners_at(target)
    url = demo_server.url + reference_article().get_absolute_url_in("ar")

    # Without the fill request the box is already there, at the slot's size.
    page.route("**/ads/fill/**", lambda route: route.abort())
    page.goto(url)
    empty = layout(page)
    assert empty["width"] == pytest.approx(empty["height"] * 300 / 250, rel=0.02)
    assert empty["width"] >= 280
    expect(page.locator(".ad-slot--sidebar .ad-box a")).to_have_count(0)
    page.unroute("**/ads/fill/**")

    # With it, the banner arrives in that box and nothing around it moves.
    page.goto(url)
    sidebar_link = page.locator(".ad-slot--sidebar .ad-box a")
    expect(sidebar_link).to_have_count(1)
    expect(page.locator(".ad-slot--sidebar")).to_have_attribute("data-ad-filled", "")
    filled = layout(page)
    assert filled == pytest.approx(empty, abs=1)
    assert sidebar_link.get_attribute("rel") == "sponsored noopener"
    href, _, impression = sidebar_link.get_attribute("href").partition("?i=")
    assert href.startswith("/ads/")
    assert href.endswith("/click/")
    assert impression  # the click counts with this impression's token (ads/README.md)
    banner_id = banners.banner_id_from_token(href.split("/")[2])
    before = clicks(banner_id)

    sidebar_link.click()
    page.wait_for_url(target)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert clicks(banner_id) == before + 1
    # The reader's browser fetched the banner: one impression (robots would not count).
    counters.flush_all()
    assert BannerStat.objects.get(banner_id=banner_id).impressions >= 1


def test_header_leaderboard_switches_size_with_the_screen(page, demo_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{demo_server.url}/fr/")
    box = page.locator(".ad-slot--header .ad-box")
    expect(page.locator(".ad-slot--header a img")).to_have_count(1)
    phone = box.bounding_box()
    assert phone["width"] == pytest.approx(320, abs=1)
    assert phone["height"] == pytest.approx(100, abs=1)
    page.set_viewport_size({"width": 1280, "height": 900})
    wide = box.bounding_box()
    assert wide["width"] == pytest.approx(728, abs=1)
    assert wide["height"] == pytest.approx(90, abs=1)
    # The <picture> picks the wide image: its natural size is the 728×90 rendition (or 2x).
    image = page.locator(".ad-slot--header a img")
    page.wait_for_function(
        "() => { const i = document.querySelector('.ad-slot--header a img');"
        " return i.complete && i.naturalWidth / i.naturalHeight > 7; }"
    )
    # Chromium reads AVIF: it takes the AVIF source (ads/pictures.py names).
    source = image.evaluate("i => i.currentSrc")
    assert re.search(r"/banners/r/[0-9a-f]{64}/(728x90|1456x180)-[^/]+\.avif$", source), source


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_magazine_download_from_the_widget(page, demo_server, lang, direction):
    page.goto(f"{demo_server.url}/{lang}/")
    widget = page.locator(".magazine-widget")
    expect(widget).to_be_visible()
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == direction
    cover = widget.locator("img")
    expect(cover).to_have_attribute("width", "240")
    with page.expect_download() as info:
        widget.locator("a.magazine-download").click()
    download = info.value
    assert download.suggested_filename.startswith("newsroom-magazine-120-")
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_banners_and_magazine(page, demo_server, output_dir, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_server.url + reference_article().get_absolute_url_in(lang))
    # Slots fill as they come near the viewport (and lazy images load): go through the page.
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + 900, 600):
        # Wait for the page, not a clock: two frames, so the observers have seen the scroll.
        page.evaluate(
            "y => { window.scrollTo(0, y);"
            " return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))); }",
            y,
        )
    for slot in ("header", "sidebar", "in_article", "footer"):
        expect(page.locator(f".ad-slot--{slot}[data-ad-filled]")).to_have_count(1)
    expect(page.locator(".magazine-widget img")).to_be_visible()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ad-slot img, .magazine-widget img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=output_dir / f"banners-article-{lang}-{width}.png", full_page=True)
