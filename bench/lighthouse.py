"""Run Lighthouse (mobile preset: simulated slow 4G, 4x CPU slowdown) on the pages named in the
speed budget and print the four category scores per page. Exit 1 when a page is under budget."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from bench._server import BenchServer, first_link

BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


def pages(base: str, city: str) -> dict[str, str]:
    found = {"city home": f"/{city}/"}
    trail = first_link(base, f"/{city}/trails/", f"/{city}/trails/")
    shop = first_link(base, f"/{city}/shops/", f"/{city}/shops/")
    if trail:
        found["trail page"] = trail
    if shop:
        found["shop page"] = shop
    return found


def run(url: str, attempts: int = 3) -> dict:
    # Headless traces now and then miss their navigation start (NO_NAVSTART): try again.
    for attempt in range(attempts):
        try:
            return run_once(url)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def run_once(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        subprocess.run([os.environ["LIGHTHOUSE_BIN"], url, "--quiet", "--output=json", f"--output-path={out}",
                        f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility,best-practices,seo"],
                       check=True, timeout=240)
        with open(out, encoding="utf-8") as handle:
            report = json.load(handle)
    scores = {key: round((cat["score"] or 0) * 100) for key, cat in report["categories"].items()}
    failing = {key: [a["id"] for a in (report["audits"][ref["id"]] for ref in cat["auditRefs"])
                     if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "numeric")]
               for key, cat in report["categories"].items()}
    metrics = {k: report["audits"][k]["displayValue"] for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")}
    return {"scores": scores, "failing": failing, "metrics": metrics}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running server (default: start one with the demo data)")
    parser.add_argument("--city", default="ieper")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the audits that lost points")
    args = parser.parse_args()
    server = None if args.url else BenchServer()
    base = (args.url or server.url).rstrip("/")
    ok = True
    try:
        print(f"{'page':<12} {'path':<38} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5}   FCP / LCP / TBT / CLS")
        for name, path in pages(base, args.city).items():
            result = run(base + path)
            s = result["scores"]
            page_ok = all(s[key] >= floor for key, floor in BUDGET.items())
            ok &= page_ok
            m = result["metrics"]
            print(f"{name:<12} {path:<38} {s['performance']:>5} {s['accessibility']:>5} {s['best-practices']:>5}"
                  f" {s['seo']:>5}   {m['first-contentful-paint']} / {m['largest-contentful-paint']} /"
                  f" {m['total-blocking-time']} / {m['cumulative-layout-shift']}{'' if page_ok else '  << under budget'}")
            if args.verbose or not page_ok:
                for category, audits in result["failing"].items():
                    if audits:
                        print(f"{'':<12} {category}: {', '.join(audits)}")
    finally:
        if server:
            server.close()
    print("budget: performance >= 95, accessibility 100, best practices >= 95, SEO >= 95:", "ok" if ok else "NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
