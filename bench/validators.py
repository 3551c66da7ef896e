"""Outside validators on every public page type of the demo: the W3C Nu HTML checker (errors), axe-core
(WCAG 2.1 A/AA violations at phone and laptop size, Brussels time), and on the city home, a trail page and a shop page
Lighthouse's mobile SEO score and what extruct reads (JSON-LD items by @type, og: properties).
Exit 1 when a page has a Nu error or an axe violation."""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path

from bench._server import BenchServer, first_link

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "tests" / "browser" / ".vendor" / "axe.min.js"
CHROMIUM = os.environ.get("KICK_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run"]
LH_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RICH = ("city home", "trail page", "shop page")  # pages that also get Lighthouse SEO and extruct


LANG = {"code": "nl"}  # the language the pages are asked in (--lang)
VIEWPORTS = ({"width": 390, "height": 844}, {"width": 1280, "height": 800})  # phone and laptop


def get(url: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Language": LANG["code"]})
    return urllib.request.urlopen(request, timeout=20).read().decode()


def first_match(base: str, list_path: str, pattern: str) -> str | None:
    match = re.search(pattern, get(base + list_path))
    return match.group(1) if match else None


def pages(base: str, city: str) -> dict[str, str]:
    """One URL per public page type; a type the demo city has no example of is left out (and said so)."""
    found = {"picker": "/", "city home": f"/{city}/", "shop list": f"/{city}/shops/",
             "shop page": first_link(base, f"/{city}/shops/", f"/{city}/shops/"),
             "trail list": f"/{city}/trails/",
             "trail page": first_link(base, f"/{city}/trails/", f"/{city}/trails/"),
             "green route": first_link(base, f"/{city}/green/", f"/{city}/trails/") or f"/{city}/green/",
             "agenda": f"/{city}/agenda",
             "event page": first_match(base, f"/{city}/agenda", rf'href="(/{city}/agenda/\d+)"'),
             "premises list": f"/{city}/premises/",
             "premise page": first_match(base, f"/{city}/premises/", rf'href="(/{city}/premises/\d+)"'),
             "getting there": f"/{city}/bereikbaarheid", "privacy": f"/{city}/privacy",
             "offline": f"/{city}/offline", "login": "/login", "register": "/register"}
    for name, path in found.items():
        if not path:
            print(f"({name}: no example in the demo of {city})", file=sys.stderr)
    return {name: path for name, path in found.items() if path}


def nu_errors(base: str, paths: dict[str, str]) -> dict[str, list[str]]:
    """One Nu checker run over all pages (its JVM start is most of the time)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for name, path in paths.items():
            file = Path(tmp) / (re.sub(r"\W+", "-", name) + ".html")
            file.write_text(get(base + path), encoding="utf-8")
            files[file.name] = name
        out = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
                              *(str(Path(tmp) / file) for file in files)], capture_output=True, text=True, timeout=300)
    errors = {name: [] for name in paths}
    warnings = {name: [] for name in paths}
    for message in json.loads(out.stderr or out.stdout)["messages"]:
        # "file:/tmp/.../name.html": the checker's own URL form; a message without one is about the run
        name = files.get(message.get("url", "").rsplit("/", 1)[-1])
        if name is None:
            raise SystemExit(f"Nu checker: {message.get('message')}")
        text = f"line {message.get('lastLine', '?')}: {message['message']}"
        if message.get("type") == "error":
            errors[name].append(text)
        elif message.get("subType") == "warning":
            warnings[name].append(text)
    return errors, warnings


def axe_violations(base: str, paths: dict[str, str]) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright
    source = AXE_JS.read_text(encoding="utf-8")
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        for viewport in VIEWPORTS:
            phone = viewport["width"] < 600
            context = browser.new_context(viewport=viewport, device_scale_factor=2 if phone else 1, is_mobile=phone,
                                          has_touch=phone, locale=f"{LANG['code']}-BE", timezone_id="Europe/Brussels",
                                          extra_http_headers={"Accept-Language": LANG["code"]})
            context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())  # map tiles
            page = context.new_page()
            for name, path in paths.items():
                page.goto(base + path, wait_until="networkidle")
                page.evaluate(source)
                result = page.evaluate("""async (tags) => {
                    const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                    return r.violations.map(v => v.id + ' (' + v.nodes.length + '): ' +
                                            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
                }""", AXE_TAGS)
                found.setdefault(name, []).extend(f"{viewport['width']} px: {line}" for line in result)
            context.close()
        browser.close()
    return found


def lighthouse_seo(url: str) -> tuple[int | None, list[str]]:
    binary = os.environ.get("LIGHTHOUSE_BIN")
    if not binary:
        return None, ["LIGHTHOUSE_BIN not set: run bench/validators, not the module"]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        subprocess.run([binary, url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={LH_FLAGS}",
                        "--only-categories=seo"], check=True, timeout=240)
        report = json.loads(Path(out).read_text(encoding="utf-8"))
    category = report["categories"]["seo"]
    failing = [ref["id"] for ref in category["auditRefs"]
               if report["audits"][ref["id"]].get("score") is not None and report["audits"][ref["id"]]["score"] < 1]
    return round((category["score"] or 0) * 100), failing


def structured_data(base: str, path: str) -> tuple[dict[str, int], list[str]]:
    import extruct
    data = extruct.extract(get(base + path), base_url=base + path, syntaxes=["json-ld", "opengraph"], uniform=True)
    types = Counter()
    for item in data["json-ld"]:
        for node in item.get("@graph", [item]):
            kind = node.get("@type", "?")
            types.update(kind if isinstance(kind, list) else [kind])
    og = sorted({key for item in data["opengraph"] for key in item if key.startswith("og:")})
    return dict(types), og


def main() -> int:
    import logging
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request would hide the table
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running server (default: start one with the demo data)")
    parser.add_argument("--city", default="brugge")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each error and violation")
    parser.add_argument("--lang", default="nl", choices=("nl", "fr", "en", "de"), help="the pages' language")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    LANG["code"] = args.lang
    server = None if args.url else BenchServer()
    base = (args.url or server.url).rstrip("/")
    try:
        paths = pages(base, args.city)
        nu, nu_warnings = nu_errors(base, paths)
        axe = axe_violations(base, paths)
        print(f"{'page':<14} {'path':<44} {'Nu':>4} {'warn':>4} {'axe':>4} {'SEO':>4}  JSON-LD / og:")
        for name, path in paths.items():
            seo, extra = "", ""
            if name in RICH:
                score, failing = (None, []) if args.no_lighthouse else lighthouse_seo(base + path)
                seo = "" if score is None else str(score)
                types, og = structured_data(base, path)
                extra = (", ".join(f"{k} {v}" for k, v in types.items()) or "none") + f" / {len(og)} og:"
                if failing:
                    extra += f"  (SEO lost: {', '.join(failing)})"
            print(f"{name:<14} {path:<44} {len(nu[name]):>4} {len(nu_warnings[name]):>4} {len(axe[name]):>4} {seo:>4}  {extra}")
            if args.verbose:
                for line in nu[name]:
                    print(f"{'':<14} nu: {line}")
                for line in nu_warnings[name]:
                    print(f"{'':<14} nu warning: {line}")
                for line in axe[name]:
                    print(f"{'':<14} axe: {line}")
        total_nu = sum(len(v) for v in nu.values())
        total_axe = sum(len(v) for v in axe.values())
        total_warn = sum(len(v) for v in nu_warnings.values())
        print(f"{'total':<14} {len(paths)} pages{'':<35} {total_nu:>4} {total_warn:>4} {total_axe:>4}")
    finally:
        if server:
            server.close()
    return 0 if total_nu == 0 and total_axe == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
