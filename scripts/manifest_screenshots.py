#!/usr/bin/env python3
"""Make the web app manifest's pictures from the demo: for every live demo city a phone screenshot
(390x844, its home page) and a laptop one (1280x800, its walks list), the pages of SCREENSHOT_PAGES whose
labels app/pwa/manifest.py gives, plus one 96 px icon per symbol of
static/img/icons.svg for the long-press shortcuts. Written under static/img/ (committed: the install dialog
shows them), as palette PNGs kept under 150 KB each.

    .venv/bin/python scripts/manifest_screenshots.py [--city brugge ...]

Needs Playwright and Chromium (/usr/bin/chromium, or KICK_CHROMIUM).
"""
import argparse
import io
import os
import re
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from app.pwa.manifest import (SCREENSHOT_PAGES, SCREENSHOTS, SHORTCUT_ICON_PX, screenshot_file,  # noqa: E402
                              shortcut_icon_file)

CHROMIUM = os.environ.get("KICK_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run"]
STATIC = ROOT / "static"
MAX_BYTES = 150 * 1024
ICON_GLYPH, ICON_PLATE = "#1f2937", "#ffffff"  # dark on white: readable on light and dark launcher menus


def live_cities(base: str) -> list[str]:
    html = urllib.request.urlopen(base + "/", timeout=10).read().decode()
    return list(dict.fromkeys(re.findall(r'href="/([a-z0-9-]+)/"', html)))


def small_png(png: bytes) -> bytes:
    """A palette PNG: screenshots are flat UI colours, so 256 (or fewer) colours look the same."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    for colours in (256, 128, 64):
        out = io.BytesIO()
        image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            out, format="PNG", optimize=True)
        if out.tell() < MAX_BYTES:
            return out.getvalue()
    raise SystemExit(f"screenshot still {out.tell() // 1024} KB at 64 colours")


def capture(browser, url: str, width: int, height: int, mobile: bool) -> bytes:
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                  is_mobile=mobile, has_touch=mobile, locale="nl-BE", timezone_id="Europe/Brussels")
    # Map tiles come from outside: refuse them at once instead of waiting for a timeout.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    png = page.screenshot(full_page=False, animations="disabled")
    context.close()
    return png


def write(relative: str, data: bytes) -> None:
    path = STATIC / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{relative}: {len(data) // 1024} KB")


def shortcut_icons(browser) -> None:
    symbols = re.findall(r'<symbol id="([a-z-]+)" viewBox="([0-9 .]+)">(.*?)</symbol>',
                         (STATIC / "img" / "icons.svg").read_text(encoding="utf-8"), re.S)
    page = browser.new_page(viewport={"width": SHORTCUT_ICON_PX, "height": SHORTCUT_ICON_PX})
    for name, viewbox, inner in symbols:
        glyph = round(SHORTCUT_ICON_PX * 0.62)
        page.set_content(
            f'<body style="margin:0;background:transparent"><div style="width:{SHORTCUT_ICON_PX}px;'
            f'height:{SHORTCUT_ICON_PX}px;border-radius:22%;background:{ICON_PLATE};display:grid;place-items:center">'
            f'<svg width="{glyph}" height="{glyph}" viewBox="{viewbox}" style="color:{ICON_GLYPH}" '
            f'xmlns="http://www.w3.org/2000/svg">{inner}</svg></div></body>')
        write(shortcut_icon_file(name), small_png_rgba(page.screenshot(omit_background=True)))
    page.close()


def small_png_rgba(png: bytes) -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGBA").save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--city", action="append", help="only these cities (default: every live demo city)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from bench._server import BenchServer
    server = BenchServer()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
            for city in args.city or live_cities(server.url):
                for form, width, height in SCREENSHOTS:
                    page = SCREENSHOT_PAGES[form].format(city=city)
                    png = capture(browser, server.url + page, width, height, mobile=form == "narrow")
                    write(screenshot_file(city, form), small_png(png))
            shortcut_icons(browser)
            browser.close()
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
