"""Tap targets on a phone (WCAG 2.5.8, Lighthouse's "target-size" audit): at least 24 by 24
CSS pixels and not covered by a neighbour, in both editions."""

import pytest

pytestmark = pytest.mark.browser

# Lighthouse's mobile screen (Moto G Power).
PHONE = {"width": 412, "height": 823}

# For each element: its size, and whether a tap at each corner (1 px inside) and at its
# centre lands on it rather than on a neighbour covering it.
MEASURE = """(els) => els.map((el) => {
  const r = el.getBoundingClientRect();
  const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 1, r.top + 1],
    [r.right - 1, r.top + 1], [r.left + 1, r.bottom - 1], [r.right - 1, r.bottom - 1]];
  const covers = points.map(([x, y]) => document.elementFromPoint(x, y))
    .filter((hit) => !(hit && (hit === el || el.contains(hit))));
  return {text: el.textContent.trim(), width: r.width, height: r.height,
    covered: covers.map((hit) => (hit ? hit.outerHTML.slice(0, 80) : "nothing"))};
})"""


def measure_on_screen(page, element, attempts: int = 3) -> dict:
    """MEASURE of `element` once it is on screen: pictures loading above it (lazy, on a
    loaded machine) can still move it after the scroll, and a point outside the viewport
    hits nothing, which says nothing about its size or its neighbours."""
    box = {}
    for _ in range(attempts):
        element.scroll_into_view_if_needed()
        page.evaluate(
            "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        box = element.evaluate(f"(el) => ({MEASURE})([el])[0]")
        if box["covered"] != ["nothing"] * 5:
            return box
    return box


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("page_kind", ["home", "search"])
def test_section_kickers_are_big_enough_to_tap(browser, demo_server, lang, page_kind):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1.75, is_mobile=True)
    page = context.new_page()
    try:
        word = "المغرب" if lang == "ar" else "maroc"
        path = f"/{lang}/" if page_kind == "home" else f"/{lang}/search/?q={word}"
        page.goto(demo_server.url + path)
        kickers = page.locator("main .kicker")
        assert kickers.count() > 0
        too_small = []
        for index in range(kickers.count()):
            kicker = kickers.nth(index)
            box = measure_on_screen(page, kicker)
            if box["width"] < 24 or box["height"] < 24 or box["covered"] != []:
                too_small.append(box)
        assert too_small == []
    finally:
        context.close()
