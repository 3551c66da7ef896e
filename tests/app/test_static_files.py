"""Static files served by WhiteNoise in front of Flask (app.ops.static_files): precompressed brotli and gzip
variants, a year's immutable cache for fingerprinted URLs, a short one with revalidation otherwise, the
security headers, 404 for anything not a file under static/."""
import gzip
import os
import re
import shutil

import brotli
import pytest
from werkzeug.test import Client

from app.core.fingerprint import file_fingerprint
from app.ops.static_files import StaticFiles, compress_static

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "static")
IMMUTABLE = "public, max-age=31536000, immutable"


def page_assets(client) -> tuple[str, str]:
    html = client.get("/brugge/").get_data(as_text=True)
    css = re.search(r'href="(/static/css/app\.css\?v=\w+)"', html).group(1)
    js = re.search(r'src="(/static/js/app\.js\?v=\w+)"', html).group(1)
    return css, js


@pytest.fixture
def tmp_static(app, tmp_path):
    """A static folder of our own (app.css, app.js, an SVG) and the layer serving it in front of the app."""
    root = tmp_path / "static"
    for rel in ("css/app.css", "js/app.js", "img/icons.svg"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), root / rel)

    def serve():
        return Client(StaticFiles(app.wsgi_app, app, root))
    return root, serve


def test_the_pages_fingerprinted_css_and_js_are_cached_for_a_year(client):
    for url, media_type in zip(page_assets(client), ("text/css", "text/javascript")):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == IMMUTABLE, url
        assert response.headers["Content-Type"] == f"{media_type}; charset=utf-8"
        assert len(response.data) > 1000


def test_without_the_fingerprint_a_minute_then_revalidated(client):
    response = client.get("/static/css/app.css")
    assert response.headers["Cache-Control"] == "max-age=60, public"
    etag = response.headers["ETag"]
    assert response.headers["Last-Modified"]
    again = client.get("/static/css/app.css", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert client.get("/static/css/app.css", headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_fingerprinted_304_stays_immutable_and_a_wrong_fingerprint_is_not(client):
    css, _ = page_assets(client)
    etag = client.get(css).headers["ETag"]
    not_modified = client.get(css, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.headers["Cache-Control"] == IMMUTABLE
    # An old worker asked for the new file's URL during a deploy: its content must not stick for a year.
    stale = client.get("/static/css/app.css?v=0123456789")
    assert stale.status_code == 200 and "immutable" not in stale.headers["Cache-Control"]


def test_static_answers_carry_the_security_headers(client):
    client.login("shopper@kick.test")
    css, _ = page_assets(client)
    for url in (css, "/static/img/icons.svg"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert "Access-Control-Allow-Origin" not in response.headers  # nothing here is for other sites
        assert "Set-Cookie" not in response.headers  # the same answer for everybody
    assert client.get("/static/img/icons.svg").headers["Content-Type"] == "image/svg+xml"


def test_files_are_answered_before_flask_without_a_query(client, count_queries):
    css, js = page_assets(client)
    client.login("shopper@kick.test")
    with count_queries() as queries:
        assert client.get(css).status_code == 200 and client.get(js).status_code == 200
    assert queries.count == 0


@pytest.mark.parametrize("path", ["/static/css/nope.css", "/static/css/", "/static/../app/config.py",
                                  "/static/css/../../app/config.py", "/static/..%2fapp%2fconfig.py",
                                  "/static/%2e%2e/wsgi.py", "/static/css/app.css.br"])
def test_a_missing_file_or_a_way_out_is_a_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "text/html", path
    assert b"import" not in response.data and b"root:" not in response.data


def test_only_reading_is_allowed(client):
    assert client.post("/static/css/app.css", csrf=False).status_code == 405


def test_brotli_and_gzip_variants_go_to_who_accepts_them(tmp_static):
    root, serve = tmp_static
    assert compress_static(root) == 3
    plain = (root / "css/app.css").read_bytes()
    client = serve()
    url = f"/static/css/app.css?v={file_fingerprint(root / 'css/app.css')}"
    br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br" and br.headers["Vary"] == "Accept-Encoding"
    assert brotli.decompress(br.data) == plain and int(br.headers["Content-Length"]) == len(br.data) < len(plain) / 2
    assert br.headers["Cache-Control"] == IMMUTABLE
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gz.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(gz.data) == plain
    identity = client.get(url)
    assert "Content-Encoding" not in identity.headers and identity.data == plain
    assert identity.headers["Vary"] == "Accept-Encoding"
    assert gz.headers["ETag"] == br.headers["ETag"] == identity.headers["ETag"]  # one validator per file


def test_without_variants_the_plain_file_goes_out(tmp_static):
    root, serve = tmp_static
    response = serve().get("/static/js/app.js", headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert response.data == (root / "js/app.js").read_bytes()


def test_a_variant_of_an_older_version_of_the_file_is_not_served(tmp_static):
    root, serve = tmp_static
    compress_static(root)
    css = root / "css/app.css"
    css.write_bytes(css.read_bytes() + b"\n.changed { color: red }\n")  # a pull after the last setup
    response = serve().get("/static/css/app.css", headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in response.headers and response.data.endswith(b".changed { color: red }\n")
    assert compress_static(root) == 1  # setup again: only the changed file
    fresh = serve().get("/static/css/app.css", headers={"Accept-Encoding": "br"})
    assert brotli.decompress(fresh.data).endswith(b".changed { color: red }\n")


def test_compressing_is_idempotent_and_forgets_removed_files(tmp_static):
    root, _ = tmp_static
    assert compress_static(root) == 3 and compress_static(root) == 0
    (root / "js/app.js").unlink()
    compress_static(root)
    assert sorted(p.name for p in (root / "js").iterdir()) == []
    assert (root / "css/app.css.br").is_file() and (root / "css/app.css.gz").is_file()


def test_media_types_of_what_we_may_ship(tmp_static, app):
    root, serve = tmp_static
    for name in ("site.webmanifest", "font.woff2", "route.geojson"):
        (root / name).write_bytes(b"{}")
    client = serve()
    assert client.get("/static/site.webmanifest").headers["Content-Type"] == "application/manifest+json"
    assert client.get("/static/font.woff2").headers["Content-Type"] == "font/woff2"
    assert client.get("/static/route.geojson").headers["Content-Type"] == "application/geo+json"
    assert client.get("/static/img/icons.svg").headers["Content-Type"] == "image/svg+xml"


def test_in_debug_a_new_or_changed_file_is_served_at_once(app_config, tmp_path):
    from app import create_app
    app = create_app({**app_config, "DEBUG": True})
    root = tmp_path / "live"
    root.mkdir()
    client = Client(StaticFiles(app.wsgi_app, app, root))
    assert client.get("/static/new.css").status_code == 404
    (root / "new.css").write_text("a { color: red }")
    assert client.get("/static/new.css").data == b"a { color: red }"
