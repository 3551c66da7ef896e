"""The installable city app: manifest, icons, service worker, offline pages, compression."""
import gzip
import io
import re

import pytest
from PIL import Image

CITIES = ("oostende", "brugge", "kortrijk", "roeselare", "ieper")


def png(response) -> Image.Image:
    assert response.mimetype == "image/png"
    return Image.open(io.BytesIO(response.data))


@pytest.mark.parametrize("slug", CITIES)
def test_manifest_per_city(client, slug):
    response = client.get(f"/{slug}/manifest.webmanifest?lang=nl")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == f"/{slug}/"
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9A-F]{6}", manifest["theme_color"])
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert purposes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        size = int(icon["sizes"].split("x")[0])
        image = png(client.get(icon["src"]))
        assert image.size == (size, size)


def test_manifest_names_follow_the_language(client):
    nl = client.get("/ieper/manifest.webmanifest?lang=nl").get_json(force=True)
    en = client.get("/ieper/manifest.webmanifest?lang=en").get_json(force=True)
    de = client.get("/ieper/manifest.webmanifest", headers={"Accept-Language": "de"}).get_json(force=True)
    assert (nl["short_name"], en["short_name"], de["short_name"]) == ("Ieper", "Ypres", "Ypern")
    assert nl["lang"] == "nl" and nl["theme_color"] == "#B22222"
    assert en["description"] == "Cloth Hall, ramparts and shops around the corner"


def test_manifest_is_revalidated_with_an_etag(client):
    first = client.get("/brugge/manifest.webmanifest?lang=nl")
    assert first.headers["ETag"] and "no-cache" in first.headers["Cache-Control"]
    again = client.get("/brugge/manifest.webmanifest?lang=nl", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_city_pages_link_manifest_icons_and_app_script(client):
    html = client.get("/ieper/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert '<link rel="manifest" href="/ieper/manifest.webmanifest?lang=nl">' in html
    assert 'rel="apple-touch-icon" href="/ieper/apple-touch-icon.png?v=' in html
    assert re.search(r'<script src="/static/js/app\.js\?v=\w+" defer data-sw="/ieper/sw\.js" data-scope="/ieper/">', html)
    assert '<meta name="theme-color" content="#B22222">' in html


def test_unknown_city_has_no_app(client):
    assert client.get("/atlantis/manifest.webmanifest").status_code == 404
    assert client.get("/atlantis/sw.js").status_code == 404
    assert client.get("/atlantis/icons/192.png").status_code == 404


@pytest.mark.parametrize("path,size", [("/brugge/icons/192.png", 192), ("/brugge/icons/512.png", 512),
                                       ("/brugge/icons/maskable-512.png", 512), ("/brugge/apple-touch-icon.png", 180)])
def test_icons_are_drawn_in_the_city_colour(client, path, size):
    image = png(client.get(path)).convert("RGBA")
    assert image.size == (size, size)
    # Brugge red fills the body of the icon (the monogram sits in the middle).
    assert image.getpixel((size // 2, size // 12))[:3] == (0xC8, 0x10, 0x2E)
    opaque_corner = image.getpixel((0, 0))[3] == 255
    assert opaque_corner == ("maskable" in path or "apple" in path)  # iOS paints transparency black


def test_icon_caching_and_sizes(client):
    current = client.get("/brugge/icons/192.png?v=1")
    assert "immutable" in current.headers["Cache-Control"]
    stale = client.get("/brugge/icons/192.png?v=0")
    assert "no-cache" in stale.headers["Cache-Control"]
    etag = current.headers["ETag"]
    assert client.get("/brugge/icons/192.png?v=1", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/brugge/icons/100.png").status_code == 404
    assert client.get("/brugge/icons/99999999999.png").status_code == 404


def test_service_worker_scope_version_and_precache(client):
    response = client.get("/ieper/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert "no-cache" in response.headers["Cache-Control"]
    assert response.headers["Service-Worker-Allowed"] == "/ieper/"
    code = response.get_data(as_text=True)
    config = re.search(r"self\.KICK = (\{.*?\});\n", code).group(1)
    import json
    config = json.loads(config)
    assert config["scope"] == "/ieper/" and config["offline"] == "/ieper/offline"
    assert config["pageTimeout"] == 3000
    # Every precached URL really exists; a missing one would make the install fail in the browser.
    for url in config["precache"]:
        assert client.get(url).status_code == 200, url
    assert any(u.startswith("/static/css/app.css?v=") for u in config["precache"])
    assert "addEventListener('fetch'" in code and "SKIP_WAITING" in code
    # Another city's worker is its own (other scope, other version).
    other = client.get("/brugge/sw.js").get_data(as_text=True)
    assert '"scope": "/brugge/"' in other and other != code


def test_offline_and_saved_pages_are_themed(client):
    offline = client.get("/ieper/offline", headers={"Accept-Language": "nl"})
    assert offline.status_code == 200
    html = offline.get_data(as_text=True)
    assert "Je bent offline" in html and "--primary: #B22222" in html
    assert 'href="/ieper/saved"' in html and 'name="robots" content="noindex"' in html
    saved = client.get("/ieper/saved", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Offline bewaard" in saved and "data-offline-list" in saved and "<noscript>" in saved


def test_html_is_gzipped(client):
    """Pages are compressed per answer; static files have their variants made once (tests/app/test_static_files.py)."""
    page = client.get("/ieper/", headers={"Accept-Encoding": "gzip, br"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page.headers["Vary"]
    assert b"<!doctype html>" in gzip.decompress(page.data)
    plain = client.get("/ieper/")
    assert "Content-Encoding" not in plain.headers and plain.data.startswith(b"<!doctype html>")
    icon = client.get("/ieper/icons/192.png", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in icon.headers  # PNG is compressed already


def test_public_app_routes_use_few_queries(client, count_queries):
    client.get("/ieper/manifest.webmanifest")  # warm up
    for path, limit in (("/ieper/manifest.webmanifest", 2), ("/ieper/sw.js", 2), ("/ieper/icons/512.png", 2),
                        ("/ieper/offline", 3), ("/ieper/saved", 3)):
        with count_queries() as queries:
            assert client.get(path).status_code == 200
        assert queries.count <= limit, (path, queries.statements)


@pytest.mark.parametrize("slug", CITIES)
def test_manifest_screenshots_are_real_pictures_of_their_size(client, slug):
    """The richer install dialog: one phone and one laptop screenshot, each exactly the size it claims."""
    manifest = client.get(f"/{slug}/manifest.webmanifest?lang=nl").get_json(force=True)
    shots = {shot["form_factor"]: shot for shot in manifest["screenshots"]}
    assert set(shots) == {"narrow", "wide"}
    for form, size in (("narrow", (390, 844)), ("wide", (1280, 800))):
        shot = shots[form]
        assert shot["sizes"] == f"{size[0]}x{size[1]}" and shot["type"] == "image/png"
        assert shot["label"].startswith(manifest["short_name"])
        response = client.get(shot["src"])
        assert response.status_code == 200 and len(response.data) < 150 * 1024
        assert png(response).size == size


def test_manifest_screenshot_labels_say_what_the_pictures_show(client):
    """The pictures are the home page on a phone and the walks list on a laptop (no map: its tiles cannot load
    where they are made), both in Dutch: every language's labels name those pages and promise no language."""
    labels = {lang: {shot["form_factor"]: shot["label"] for shot in
                     client.get(f"/brugge/manifest.webmanifest?lang={lang}").get_json(force=True)["screenshots"]}
              for lang in ("nl", "fr", "en")}
    assert labels["nl"] == {"narrow": "Brugge op je smartphone: de startpagina met de winkels",
                            "wide": "Brugge op een laptop: de lijst met wandelingen"}
    assert labels["fr"] == {"narrow": "Bruges sur un smartphone\u00a0: la page d’accueil et ses boutiques",
                            "wide": "Bruges sur un ordinateur portable\u00a0: la liste des balades"}
    assert all("carte" not in label and "kaart" not in label and "map" not in label
               for by_form in labels.values() for label in by_form.values())
    from app.pwa.manifest import SCREENSHOT_PAGES
    home, walks = (client.get(SCREENSHOT_PAGES[form].format(city="brugge"), headers={"Accept-Language": "nl"})
                   for form in ("narrow", "wide"))
    assert home.status_code == 200 and "In de kijker" in home.get_data(as_text=True)
    assert walks.status_code == 200 and "Wandelingen in Brugge" in walks.get_data(as_text=True)


def test_every_shortcut_has_an_icon_that_exists(client):
    manifest = client.get("/brugge/manifest.webmanifest?lang=nl").get_json(force=True)
    assert manifest["shortcuts"]
    for shortcut in manifest["shortcuts"]:
        (icon,) = shortcut["icons"]
        assert icon["sizes"] == "96x96" and icon["type"] == "image/png"
        assert png(client.get(icon["src"])).size == (96, 96), shortcut["name"]
