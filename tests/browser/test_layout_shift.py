"""Nothing on a page moves while it loads on a phone (Lighthouse's Cumulative Layout Shift):
images have their sizes, banners their boxes, and the section blocks laid out late
(content-visibility) keep their place."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}

# Layout shifts of the whole load, as the browser reports them (buffered), after the
# banners have been filled and two frames have been drawn.
SHIFTS = """() => new Promise((resolve) => {
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) {
        shifts.push({value: entry.value, sources: (entry.sources || []).map(
          (s) => s.node ? (s.node.outerHTML || s.node.textContent || "").slice(0, 80) : "?")});
      }
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve(shifts))), 1500);
})"""


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_home_page_does_not_shift_while_loading_on_a_phone(browser, demo_server, lang):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1.75, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{demo_server.url}/{lang}/")
        shifts = page.evaluate(SHIFTS)
        assert sum(shift["value"] for shift in shifts) < 0.01, shifts
    finally:
        context.close()
