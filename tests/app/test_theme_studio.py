"""Theme studio: who may use it, contrast refusals with the measured ratio, uploads, and what a
saved theme changes (theme_version, manifest, icons, page CSS)."""
import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from app.cities.models import City
from app.extensions import db

URL = "/ieper/studio/theme"
GOOD = {
    "primary_color": "#0B4F8A", "accent_color": "#D62828", "background_color": "#FFFFFF",
    "text_color": "#14213D", "tagline_nl": "Vesten, winkels en de Lakenhalle", "tagline_en": "Ramparts and shops",
    "tagline_fr": "", "tagline_de": "", "tile_url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "tile_attribution": "© OpenStreetMap-bijdragers",
}


def image_bytes(fmt="PNG", size=(120, 120), colour=(0, 160, 80, 255)) -> bytes:
    buf = io.BytesIO()
    mode = "RGBA" if fmt in ("PNG", "WEBP") else "RGB"
    Image.new(mode, size, colour[: len(mode)]).save(buf, format=fmt)
    return buf.getvalue()


def city(app, slug="ieper") -> City:
    with app.app_context():
        found = db.session.execute(select(City).where(City.slug == slug)).scalar_one()
        db.session.expunge(found)
        return found


def post(client, **changes):
    data = {**GOOD, **changes}
    return client.post(URL, data=data, content_type="multipart/form-data", headers={"Accept-Language": "nl"})


@pytest.fixture
def marketer(client):
    client.login("marketer@ieper.kick.test")
    return client


def test_studio_tile_and_page(marketer):
    studio = marketer.get("/ieper/studio/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert 'href="/ieper/studio/theme"' in studio and "Uitzicht en app" in studio
    page = marketer.get(URL, headers={"Accept-Language": "nl"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'name="csrf_token"' in html and 'value="#B22222"' in html and 'enctype="multipart/form-data"' in html
    assert "Lakenhalle, vesten en winkels om de hoek" in html  # current tagline prefilled


@pytest.mark.parametrize("who", [None, "shopper@kick.test", "marketer@brugge.kick.test"])
def test_only_this_citys_marketers_get_in(client, who):
    before = city(client.application)
    if who:
        client.login(who)
    page = client.get(URL, headers={"Accept-Language": "nl"})
    saved = post(client)
    for response in (page, saved):
        if who is None:  # asked to log in, and brought back to the studio afterwards
            assert response.status_code == 302 and response.headers["Location"] == "/login?next=/ieper/studio/theme"
        else:  # the page's 404, as if there were no studio here: no form, no hint of the theme
            html = response.get_data(as_text=True)
            assert response.status_code == 404 and "Pagina niet gevonden" in html
            assert 'name="primary_color"' not in html and "Uitzicht en app" not in html
    after = city(client.application)
    assert (after.primary_color, after.tagline, after.theme_version) == ("#B22222", before.tagline,
                                                                          before.theme_version)


def test_admin_may_edit_any_city(client):
    client.login("admin@kick.test")
    assert client.get(URL).status_code == 200


def test_post_without_csrf_is_refused(marketer, app):
    response = marketer.post(URL, data=GOOD, csrf=False)
    assert response.status_code == 400
    assert city(app).primary_color == "#B22222"


def test_low_contrast_text_is_refused_with_the_measured_ratio(marketer, app):
    response = post(marketer, text_color="#999999")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    # #999999 on white is 2.85:1; the page says so, in Dutch, next to the field.
    assert "Tekst op achtergrond: contrast 2,84:1 is te laag, minstens 4,5:1 is nodig." in html
    assert 'aria-invalid="true"' in html
    saved = city(app)
    assert (saved.text_color, saved.primary_color, saved.theme_version) == ("#1A1A1A", "#B22222", 1)


@pytest.mark.parametrize("field,value,needle", [
    ("primary_color", "#7FA7D9", "Hoofdkleur (links) op achtergrond"),  # light blue links on white
    ("accent_color", "#EEEEEE", "Accent (focusrand) op achtergrond"),  # focus ring invisible (< 3:1)
])
def test_other_low_contrast_pairs_are_refused(marketer, app, field, value, needle):
    response = post(marketer, **{field: value})
    assert response.status_code == 422
    assert needle in response.get_data(as_text=True)
    assert city(app).theme_version == 1


def test_contrast_just_below_the_line_is_refused(marketer):
    # #767676 on white is 4.54:1 (passes); #777777 is 4.48:1 (fails), never rounded up.
    assert post(marketer, text_color="#767676").status_code == 302
    response = post(marketer, text_color="#777777")
    assert response.status_code == 422 and "4,47:1" in response.get_data(as_text=True)


@pytest.mark.parametrize("changes,field_text", [
    ({"primary_color": "red"}, "Gebruik een kleur zoals #1A2B3C."),
    ({"primary_color": "#12345G"}, "Gebruik een kleur zoals #1A2B3C."),
    ({"tile_url": "http://tiles.example.org/{z}/{x}/{y}.png"}, "Gebruik een https://-adres."),
    ({"tile_url": "https://tiles.example.org/tiles.png"}, "Het adres moet {z}, {x} en {y} bevatten."),
    ({"tile_url": "https://tiles.example.org/{z}/{x}/{y}.png\"><script>"}, "niet toegelaten"),
    ({"tagline_nl": ""}, "tagline_nl"),
    ({"tagline_en": "x" * 121}, "tagline_en"),
    ({"tile_attribution": ""}, "tile_attribution"),
])
def test_bad_fields_are_refused_without_saving(marketer, app, changes, field_text):
    response = post(marketer, **changes)
    assert response.status_code == 422
    assert field_text in response.get_data(as_text=True)
    assert city(app).theme_version == 1


def test_saving_a_theme_changes_manifest_icons_and_css(marketer, app):
    old_icon = marketer.get("/ieper/icons/192.png").headers["ETag"]
    old_worker = marketer.get("/ieper/sw.js").headers["ETag"]
    response = post(marketer)
    assert response.status_code == 302 and response.headers["Location"].endswith(URL)
    saved = city(app)
    assert (saved.primary_color, saved.accent_color, saved.text_color) == ("#0B4F8A", "#D62828", "#14213D")
    assert saved.tagline == {"nl": "Vesten, winkels en de Lakenhalle", "en": "Ramparts and shops"}
    assert saved.theme_version == 2
    manifest = marketer.get("/ieper/manifest.webmanifest?lang=nl").get_json(force=True)
    assert manifest["theme_color"] == "#0B4F8A"
    assert all("v=2" in icon["src"] for icon in manifest["icons"])
    icon = marketer.get("/ieper/icons/192.png")
    assert icon.headers["ETag"] != old_icon
    assert Image.open(io.BytesIO(icon.data)).convert("RGB").getpixel((96, 16)) == (0x0B, 0x4F, 0x8A)
    assert marketer.get("/ieper/sw.js").headers["ETag"] != old_worker  # installed apps get "reload"
    home = marketer.get("/ieper/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "--primary: #0B4F8A" in home and "Vesten, winkels en de Lakenhalle" in home


def test_logo_upload_becomes_the_app_icon(marketer, app):
    response = post(marketer, logo=(io.BytesIO(image_bytes()), "logo.png"))
    assert response.status_code == 302
    saved = city(app)
    assert saved.logo_key and saved.logo_key.startswith("cities/ieper/logo/")
    icon = Image.open(io.BytesIO(marketer.get("/ieper/icons/512.png").data)).convert("RGBA")
    centre = icon.getpixel((256, 256))
    assert all(abs(a - b) <= 4 for a, b in zip(centre[:3], (0, 160, 80)))  # the logo, not the monogram
    home = marketer.get("/ieper/").get_data(as_text=True)
    assert f'class="brand-logo" src="/media/{saved.logo_key}"' in home
    assert marketer.get(f"/media/{saved.logo_key}").status_code == 200

    # Removing it brings the monogram back and deletes the file.
    assert post(marketer, remove_logo="y").status_code == 302
    assert city(app).logo_key is None
    assert marketer.get(f"/media/{saved.logo_key}").status_code == 404


def test_svg_logo_is_refused_with_a_clear_message(marketer, app):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = post(marketer, logo=(io.BytesIO(svg), "logo.svg"))
    assert response.status_code == 422
    assert "SVG-logo&#39;s worden niet aanvaard" in response.get_data(as_text=True)
    assert city(app).logo_key is None and city(app).theme_version == 1


def test_broken_image_is_refused_and_nothing_is_stored(marketer, app, tmp_path):
    response = post(marketer, logo=(io.BytesIO(image_bytes()), "logo.png"),
                    hero=(io.BytesIO(b"not an image at all"), "hero.jpg"))
    assert response.status_code == 422
    assert "geen foto" in response.get_data(as_text=True)
    saved = city(app)
    assert saved.logo_key is None and saved.hero_key is None and saved.theme_version == 1
    media = tmp_path / "media"
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True  # logo rolled back


def test_hero_image_shows_on_the_home_page(marketer, app):
    response = post(marketer, hero=(io.BytesIO(image_bytes("JPEG", (1600, 900), (40, 90, 140))), "hero.jpg"))
    assert response.status_code == 302
    saved = city(app)
    home = marketer.get("/ieper/").get_data(as_text=True)
    assert re.search(rf'<img class="hero-image" src="/media/{re.escape(saved.hero_key)}" alt=""', home)


def test_refused_colour_never_reaches_the_preview_style(marketer):
    response = post(marketer, primary_color="#000;}body{x")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    style = re.search(r"<style>\.theme-preview\{(.*?)</style>", html, re.S).group(1)
    assert "body{x" not in style and "--primary:#B22222" in style


def test_studio_page_query_count(marketer, count_queries):
    marketer.get(URL)
    with count_queries() as queries:
        assert marketer.get(URL).status_code == 200
    assert queries.count <= 6, queries.statements


@pytest.mark.parametrize("tile_url", [
    "https://evil.example/{z}/{x}/{y}/{q}.png",  # an unknown placeholder
    "https://user:pw@tiles.example.org/{z}/{x}/{y}.png",  # user info
    "https://tiles.example.org/{z}/{x}/{y}/{z}.png",  # a placeholder twice
    "https://tiles.example.org/{z}/{x}/{y}.png#frag",
    "https://tiles_example/{z}/{x}/{y}.png",  # not a host name
    "javascript:alert(1)//{z}{x}{y}",
])
def test_tile_url_must_be_an_https_tile_template(marketer, app, tile_url):
    response = post(marketer, tile_url=tile_url)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert any(text in body for text in ("tegeladres", "https://-adres", "niet toegelaten", "{z}, {x} en {y} bevatten"))
    assert city(app).tile_url == GOOD["tile_url"]


@pytest.mark.parametrize("tile_url", ["https://{s}.tile.example.org/{z}/{x}/{y}{r}.png",
                                      "https://tiles.example.org:8443/v1/{z}/{x}/{y}.png?key=abc-123"])
def test_tile_url_with_subdomain_retina_or_key_is_accepted(marketer, app, tile_url):
    assert post(marketer, tile_url=tile_url).status_code == 302
    assert city(app).tile_url == tile_url


HOSTILE_ATTRIBUTION = ('<img src=x onerror="alert(1)">© <a href="javascript:alert(2)">x</a> '
                       '<a href="https://www.openstreetmap.org/copyright" onclick="alert(3)">OSM</a><script>alert(4)</script>')


def test_attribution_is_saved_as_text_and_https_links_only(marketer, app, client):
    assert post(marketer, tile_attribution=HOSTILE_ATTRIBUTION).status_code == 302
    saved = city(app).tile_attribution
    assert "<img" not in saved and "javascript:" not in saved and "onclick" not in saved and "<script" not in saved
    assert '<a href="https://www.openstreetmap.org/copyright"' in saved and "OSM</a>" in saved


def test_attribution_already_in_the_database_reaches_the_map_sanitised(app, client):
    """A row written before sanitising (or by hand) still cannot put HTML into Leaflet's attribution."""
    with app.app_context():
        found = db.session.execute(select(City).where(City.slug == "ieper")).scalar_one()
        found.tile_attribution = HOSTILE_ATTRIBUTION
        db.session.commit()
    body = client.get("/ieper/shops/?view=map").get_data(as_text=True)
    attribution = re.search(r'data-attribution="([^"]*)"', body).group(1)
    assert "onerror" not in attribution and "javascript:" not in attribution and "script" not in attribution
    assert "openstreetmap.org/copyright" in attribution
