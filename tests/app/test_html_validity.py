"""The W3C Nu HTML checker (vnu.jar from npm) finds no error on the public page types, in one JVM run (~4 s).
It needs java and `npm ci`: skipped on a machine without them, but never in CI (KICK_REQUIRE_BROWSER=1, as the
browser tests); bench/validators adds axe, Lighthouse and extruct at two screen sizes."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = ("/", "/brugge/", "/brugge/shops/", "/brugge/trails/", "/brugge/trails/van-markt-tot-minnewater",
         "/brugge/green/", "/brugge/agenda", "/brugge/premises/", "/brugge/bereikbaarheid", "/brugge/privacy",
         "/brugge/offline", "/login", "/register")
# Pages found through a list's first link: (list, link pattern)
FOUND = (("/brugge/shops/", r'href="(/brugge/shops/[a-z0-9-]+)"'), ("/brugge/agenda", r'href="(/brugge/agenda/\d+)"'),
         ("/brugge/premises/", r'href="(/brugge/premises/\d+)"'))


def test_public_pages_are_valid_html(client, tmp_path):
    if shutil.which("java") is None or not VNU_JAR.exists():
        if os.environ.get("KICK_REQUIRE_BROWSER") == "1":
            pytest.fail("the Nu HTML checker needs java and vnu-jar (npm ci) in CI")
        pytest.skip("Nu HTML checker: needs java and npm ci (vnu-jar)")
    import re
    found = [re.search(pattern, client.get(page).get_data(as_text=True)) for page, pattern in FOUND]
    assert all(found), "a page type has no example in the Brugge demo"
    files = {}
    for path in (*PAGES, *(match.group(1) for match in found)):
        response = client.get(path, headers={"Accept-Language": "nl"})
        assert response.status_code == 200, path
        file = tmp_path / (path.strip("/").replace("/", "-") or "home")
        file = file.with_suffix(".html")
        file.write_text(response.get_data(as_text=True), encoding="utf-8")
        files[file.name] = path
    run = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
                          *(str(tmp_path / name) for name in files)], capture_output=True, text=True, timeout=60)
    # Each message names its file as "file:/.../<name>.html"
    errors = [f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line {m.get('lastLine')}: {m['message']}"
              for m in json.loads(run.stderr)["messages"] if m.get("type") == "error"]
    assert errors == []
