"""Measure what a phone downloads on a first visit to a city home, as Chromium reports it
(encoded bytes on the wire, i.e. after gzip), and on a repeat visit served by the service worker."""
import argparse
import json
import sys
import urllib.request

from bench._server import BenchServer

CITIES = ("oostende", "brugge", "kortrijk", "roeselare", "ieper")
CHROMIUM = "/usr/bin/chromium"


def excluded(url: str) -> bool:
    """Photos (our /media/) and map tiles are outside the budget."""
    return "/media/" in url or "tile" in url.split("/")[2]


def visit(context, url: str) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes, urls, from_sw = {}, {}, set()
    cdp.on("Network.responseReceived", lambda e: (urls.__setitem__(e["requestId"], e["response"]["url"]),
                                                  e["response"].get("fromServiceWorker") and from_sw.add(e["requestId"])))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => navigator.serviceWorker && navigator.serviceWorker.ready.then(() => true)")
    page.close()
    counted = {rid: size for rid, size in sizes.items() if rid in urls and not excluded(urls[rid])}
    network = {rid: size for rid, size in counted.items() if rid not in from_sw}
    return {"requests": len(counted), "bytes": sum(network.values()), "from_sw": len(counted) - len(network),
            "files": sorted((urls[rid], size) for rid, size in network.items())}


def precache_bytes(base: str, slug: str) -> int:
    """What the service worker downloads in the background to work offline (not the page's load)."""
    code = urllib.request.urlopen(f"{base}/{slug}/sw.js", timeout=10).read().decode()
    config = json.loads(code.split("self.KICK = ", 1)[1].split(";\n", 1)[0])
    total = 0
    for path in config["precache"]:
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
        total += len(urllib.request.urlopen(request, timeout=10).read())
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running server (default: start one with the demo data)")
    parser.add_argument("--budget-kb", type=float, default=150)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every file")
    args = parser.parse_args()
    server = None if args.url else BenchServer()
    base = args.url or server.url
    from playwright.sync_api import sync_playwright
    over = False
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            print(f"{'page':<22} {'first load':>12} {'requests':>9} {'repeat, not SW':>17} {'from SW':>8} {'SW precache':>12}")
            for slug in CITIES:
                context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                              device_scale_factor=3, locale="nl-BE")
                first = visit(context, f"{base}/{slug}/")
                repeat = visit(context, f"{base}/{slug}/")
                context.close()
                kb = first["bytes"] / 1024
                over |= kb > args.budget_kb
                print(f"/{slug + '/':<21} {kb:>9.1f} KB {first['requests']:>9} {repeat['bytes'] / 1024:>14.1f} KB"
                      f" {repeat['from_sw']:>8} {precache_bytes(base, slug) / 1024:>9.1f} KB")
                if args.verbose:
                    for url, size in first["files"]:
                        print(f"    {size / 1024:7.1f} KB  {url.replace(base, '')}")
            browser.close()
    finally:
        if server:
            server.close()
    print(f"budget: {args.budget_kb:g} KB per first load (photos and map tiles excluded): {'OVER' if over else 'ok'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
