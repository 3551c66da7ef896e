#!/usr/bin/env python3
"""Copy front-end packages installed by npm into static/vendor/ (served by us, no CDN), then write the
brotli and gzip variants of every static file (static/**/*.br, *.gz: git-ignored, served by
app.ops.static_files), once here instead of on every request."""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# package -> files (relative to node_modules/<package>) to serve
ASSETS = {
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css", "dist/images/marker-icon.png",
                "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png", "dist/images/layers.png",
                "dist/images/layers-2x.png"],
    # Charts of the figures dashboard: small (50 kB), no dependencies, time series with a shared cursor.
    "uplot": ["dist/uPlot.iife.min.js", "dist/uPlot.min.css"],
    # Accessibility checks in the browser tests (not served to visitors).
    "axe-core": ["axe.min.js"],
}


def main() -> None:
    for package, files in ASSETS.items():
        source = ROOT / "node_modules" / package
        if not source.exists():
            continue
        for rel in files:
            target = ROOT / "static" / "vendor" / package / rel.removeprefix("dist/")
            if package == "axe-core":
                target = ROOT / "tests" / "browser" / ".vendor" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != (source / rel).read_bytes():
                shutil.copyfile(source / rel, target)
    from app.ops.static_files import compress_static
    compressed = compress_static(ROOT / "static")
    if compressed:
        print(f"==> compressed {compressed} static files (.br, .gz)")


if __name__ == "__main__":
    main()
