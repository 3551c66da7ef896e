"""The W3C Nu HTML checker (vnu.jar from npm) finds no error on a few public page types.
It needs java: skipped without it, and never run in CI (a JVM start there costs more than it tells);
bench/validators checks every page type."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = ("/brugge/", "/brugge/shops/", "/brugge/trails/van-markt-tot-minnewater", "/login")

pytestmark = pytest.mark.skipif(
    os.environ.get("CI") == "true" or os.environ.get("KICK_REQUIRE_BROWSER") == "1"
    or shutil.which("java") is None or not VNU_JAR.exists(),
    reason="Nu HTML checker: needs java and npm ci (vnu-jar); not run in CI")


def test_public_pages_are_valid_html(client, tmp_path):
    files = {}
    for path in PAGES:
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
