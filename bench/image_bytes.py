"""Bytes of images a phone downloads on first load of a page (issue 12's figures).

    .venv/bin/python bench/image_bytes.py http://127.0.0.1:8201
    .venv/bin/python bench/image_bytes.py http://127.0.0.1:8201 --path /ar/ --json out.json
    .venv/bin/python bench/image_bytes.py http://127.0.0.1:8201 --width 1280 --dpr 1

Against a running site (any base URL: `make prod`, a worktree's gunicorn…), Debian's
chromium (Playwright, never a downloaded browser) opens each page in a fresh context (empty
cache) at a 390x844 phone viewport, device scale factor 3 (an iPhone), and sums the body
sizes of the image requests (Playwright's `request.sizes()["responseBodySize"]`: the bytes
on the wire, images are not gzipped):

- first viewport: after `load` and network idle, without scrolling (lazy images that
  the browser decides to fetch for the first screen count: that is what a reader pays);
- whole page: after scrolling to the bottom a screen at a time, then network idle again.

The default pages are the Arabic home and the demo's reference article (seed_demo's
2025-04-16 piece, the one Lighthouse audits); `--path` replaces them. Every image is
listed (URL, type, bytes, and the width it was shown at) so a reader of the figures can
see *which* file was heavy.
"""

import argparse
import json
import os
import sys
import time
import urllib.parse
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-dev-shm-usage",
]
# seed_demo's reference article (2025-04-16), as its Arabic URL.
REFERENCE_ARTICLE = (
    "/ar/articles/"
    + urllib.parse.quote("الشراكة-الأمنية-بين-المغرب-وفرنسا-نموذج-للتعاون-الدولي-الناجح")
    + "/"
)
DEFAULT_PATHS = ["/ar/", REFERENCE_ARTICLE]


def _is_image(request) -> bool:
    if request.resource_type == "image":
        return True
    response = request.response()
    return bool(response and response.headers.get("content-type", "").startswith("image/"))


def measure(browser, url: str, width: int, height: int, dpr: float, settle_ms: int) -> dict:
    """One page in a fresh context: the images of the first viewport, then of the whole page."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=dpr,
        is_mobile=width < 800,
        has_touch=width < 800,
        locale="ar-MA",
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    images: list[dict] = []
    phase = {"name": "first viewport"}

    def finished(request):
        if not _is_image(request):
            return
        response = request.response()
        sizes = request.sizes()
        images.append(
            {
                "url": request.url,
                "type": response.headers.get("content-type", "") if response else "",
                "status": response.status if response else None,
                "bytes": sizes["responseBodySize"],
                "phase": phase["name"],
            }
        )

    page.on("requestfinished", finished)
    response = page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        context.close()
        raise SystemExit(f"!! {url}: HTTP {response.status if response else 'no response'}")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(settle_ms)
    first = sum(image["bytes"] for image in images)
    first_count = len(images)

    phase["name"] = "scrolled"
    page_height = page.evaluate("document.documentElement.scrollHeight")
    y = 0
    while y < page_height:
        y += height // 2
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(150)
        page_height = page.evaluate("document.documentElement.scrollHeight")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(settle_ms)

    # The width each downloaded file was drawn at (CSS px), to judge over-large files.
    shown = page.evaluate(
        """() => Array.from(document.images).map(img => ({
            src: img.currentSrc, width: img.clientWidth, natural: img.naturalWidth,
            priority: img.getAttribute('fetchpriority') || ''}))"""
    )
    drawn = {}
    for item in shown:
        if item["src"]:
            drawn.setdefault(item["src"], item)
    for image in images:
        item = drawn.get(image["url"])
        image["shown_css_width"] = item["width"] if item else None
        image["natural_width"] = item["natural"] if item else None
        image["fetchpriority"] = item["priority"] if item else ""
    context.close()
    return {
        "url": url,
        "viewport": f"{width}x{height}@{dpr:g}",
        "first_viewport_bytes": first,
        "first_viewport_images": first_count,
        "whole_page_bytes": sum(image["bytes"] for image in images),
        "whole_page_images": len(images),
        "images": images,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="base URL of a running site, e.g. http://127.0.0.1:8201")
    parser.add_argument("--path", action="append", help="page path (repeatable)")
    parser.add_argument("--width", type=int, default=390)
    parser.add_argument("--height", type=int, default=844)
    parser.add_argument("--dpr", type=float, default=3)
    parser.add_argument("--settle-ms", type=int, default=500, help="wait after network idle")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("-q", "--quiet", action="store_true", help="totals only")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for path in args.path or DEFAULT_PATHS:
                url = args.base.rstrip("/") + path
                results.append(
                    measure(browser, url, args.width, args.height, args.dpr, args.settle_ms)
                )
        finally:
            browser.close()

    print(f"# image bytes, {time.strftime('%Y-%m-%d %H:%M %Z')}, {args.base}")
    for result in results:
        print(
            f"\n{urllib.parse.unquote(result['url'])} ({result['viewport']})\n"
            f"  first viewport: {result['first_viewport_bytes']:>10,} B"
            f" in {result['first_viewport_images']} images\n"
            f"  whole page:     {result['whole_page_bytes']:>10,} B"
            f" in {result['whole_page_images']} images"
        )
        if not args.quiet:
            for image in result["images"]:
                name = urllib.parse.unquote(urllib.parse.urlsplit(image["url"]).path)
                print(
                    f"    {image['bytes']:>9,} B  {image['type']:<11} "
                    f"natural {image['natural_width'] or '?':>5} shown "
                    f"{image['shown_css_width'] or '?':>4} css px  "
                    f"{'[' + image['phase'] + ']':<17}{name}"
                )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
