"""Security headers on every response: a CSP that is a pure function of the page (inline styles by hash,
no nonce, so a shared page cache may serve one answer to everyone), framing, sniffing, referrer,
browser features per endpoint, HSTS and secure cookies in production."""
import base64
import hashlib
import re

import pytest

from app.security import allow_browser_features, content_security_policy, grant_browser_features, tile_host

PAGES = ["/", "/brugge/", "/brugge/trails/", "/brugge/trails/van-markt-tot-minnewater", "/brugge/shops/",
         "/login", "/brugge/stamps", "/brugge/privacy", "/brugge/offline"]


def csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split("; ")}


def permissions(response) -> dict[str, str]:
    return dict(item.split("=", 1) for item in response.headers["Permissions-Policy"].split(", "))


@pytest.mark.parametrize("path", ["/", "/brugge/", "/login", "/brugge/privacy", "/nope", "/api/v1/cities",
                                  "/api/v1/nope", "/healthz", "/static/css/app.css", "/static/img/icons.svg"])
def test_every_response_carries_the_headers(client, path):
    response = client.get(path)
    policy = csp(response)
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert permissions(response)["camera"] == "()"
    assert "Strict-Transport-Security" not in response.headers  # development: no HSTS on http


def style_blocks(html: str) -> list[str]:
    return re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.S)


def sha256_source(text: str) -> str:
    """What a browser compares an inline block against: sha256 of its text as UTF-8, base64."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("path", ["/", "/brugge/", "/brugge/trails/van-markt-tot-minnewater", "/brugge/shops/"])
def test_the_policy_is_the_same_for_every_visitor_of_a_page(app, path):
    """A cached answer, headers and all, is right for the next visitor: no per-response token in the policy."""
    first, second = app.test_client().get(path), app.test_client().get(path)
    assert first.status_code == second.status_code == 200
    assert first.headers["Content-Security-Policy"] == second.headers["Content-Security-Policy"]
    assert "nonce" not in first.headers["Content-Security-Policy"]
    assert "nonce=" not in first.get_data(as_text=True)


def test_no_inline_script_at_all(client):
    """Every <script> in our pages is a file or a data block the browser never runs; script-src is 'self'."""
    for path in PAGES + ["/register"]:
        response = client.get(path)
        assert csp(response)["script-src"] == "'self'", path
        for tag in re.findall(r"<script\b[^>]*>", response.get_data(as_text=True)):
            assert "src=" in tag or re.search(r'type="application/(ld\+)?json"', tag), (path, tag)


def test_city_tile_host_is_allowed_for_images_and_the_service_worker(app, client):
    from app.cities.services import city_by_slug
    from app.extensions import db
    with app.app_context():
        city_by_slug("ieper").tile_url = "https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png"
        db.session.commit()
    policy = csp(client.get("/ieper/"))
    assert "https://*.tiles.example.org" in policy["img-src"] and "https://*.tiles.example.org" in policy["connect-src"]
    assert "data:" in policy["img-src"] and "blob:" in policy["img-src"]
    assert "https://tile.openstreetmap.org" in csp(client.get("/brugge/"))["img-src"]
    assert "https://tile.openstreetmap.org" in csp(client.get("/"))["img-src"]  # picker: the default tiles


@pytest.mark.parametrize("url,host", [
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
    ("https://{s}.tile.openstreetmap.fr/hot/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.fr"),
    ("https://tiles.example.org:8443/{z}/{x}/{y}.png", "https://tiles.example.org:8443"),
    (None, "https://tile.openstreetmap.org"),
    ("javascript:alert(1)", None),
    ("/relative/{z}.png", None),
])
def test_tile_host(url, host):
    assert tile_host(url) == host


def test_a_tile_url_cannot_inject_directives():
    policy = content_security_policy([], "https://evil.example; script-src *;/{z}.png")
    assert "script-src *" not in policy


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_style_attribute_and_style_src_lists_the_hash_of_each_style_block(client, path):
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and not re.search(r"<[^>]+\sstyle=", html), path
    blocks = style_blocks(html)
    assert blocks, path  # every page has at least the theme block
    assert csp(response)["style-src"].split() == ["'self'"] + list(dict.fromkeys(map(sha256_source, blocks)))


def test_the_city_home_allows_its_theme_and_hero_blocks_and_follows_a_colour_change(app, client):
    from app.cities.services import city_by_slug
    from app.extensions import db
    before = client.get("/brugge/")
    blocks = style_blocks(before.get_data(as_text=True))
    assert any("--primary:" in b for b in blocks) and any(".hero-art" in b for b in blocks)
    with app.app_context():
        city_by_slug("brugge").primary_color = "#123456"
        db.session.commit()
    after = client.get("/brugge/")
    theme = next(b for b in style_blocks(after.get_data(as_text=True)) if "--primary:" in b)
    assert "#123456" in theme and sha256_source(theme) in csp(after)["style-src"]
    assert csp(after)["style-src"] != csp(before)["style-src"]  # the old colours' hash is gone


def test_a_page_without_inline_style_allows_style_files_only(app):
    from flask import render_template_string

    @app.route("/t/plain-page")
    def plain_page():
        return render_template_string("<!doctype html><title>t</title><p>plain</p>")

    @app.route("/t/styled-page")
    def styled_page():
        return render_template_string("{% call inline_style() %}p{color:{{ c }}}{% endcall %}", c="<b>&")

    client = app.test_client()
    assert csp(client.get("/t/plain-page"))["style-src"] == "'self'"
    assert csp(client.get("/api/v1/cities"))["style-src"] == "'self'"
    styled = client.get("/t/styled-page")
    # Escaped values are hashed as written, which is the text the browser hashes.
    assert styled.get_data(as_text=True) == "<style>p{color:&lt;b&gt;&amp;}</style>"
    assert csp(styled)["style-src"] == "'self' " + sha256_source("p{color:&lt;b&gt;&amp;}")


def test_an_inline_style_block_cannot_end_itself_early(app):
    from flask import render_template_string
    with app.test_request_context("/"), pytest.raises(ValueError):
        render_template_string("{% call inline_style() %}p{}</style><script>x</script>{% endcall %}")


def test_every_answer_is_for_this_origin_only(client):
    for path in ("/brugge/", "/brugge/manifest.webmanifest", "/brugge/sw.js", "/brugge/icons/192.png",
                 "/static/css/app.css", "/api/v1/cities", "/nope", "/healthz"):
        assert client.get(path).headers["Cross-Origin-Resource-Policy"] == "same-origin", path


def test_geolocation_only_where_used(client):
    assert permissions(client.get("/"))["geolocation"] == "(self)"  # city picker: nearest city
    assert permissions(client.get("/brugge/trails/"))["geolocation"] == "(self)"  # trail map: where am I
    assert permissions(client.get("/brugge/"))["geolocation"] == "()"
    assert permissions(client.get("/login"))["geolocation"] == "()"


def test_endpoints_opt_in_by_decorator_or_map(app):
    @app.route("/t/scanner")
    @allow_browser_features("camera")
    def scanner():
        return "scan"

    @app.route("/t/plain")
    def plain():
        return "plain"

    grant_browser_features(app, "plain", "geolocation")
    client = app.test_client()
    assert permissions(client.get("/t/scanner"))["camera"] == "(self)"
    assert permissions(client.get("/t/scanner"))["geolocation"] == "()"
    assert permissions(client.get("/t/plain")) ["geolocation"] == "(self)"
    assert permissions(client.get("/t/plain"))["camera"] == "()"
    with pytest.raises(ValueError):
        allow_browser_features("telepathy")


def test_a_view_may_set_a_stricter_policy(app):
    @app.route("/t/svg")
    def svg():
        return "<svg/>", 200, {"Content-Security-Policy": "default-src 'none'"}
    assert app.test_client().get("/t/svg").headers["Content-Security-Policy"] == "default-src 'none'"


def test_production_adds_hsts_and_secure_cookies(app_config, monkeypatch):
    from app import create_app
    monkeypatch.setenv("KICK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("KICK_PUBLIC_URL", "https://kick.example")
    app = create_app({**{k: v for k, v in app_config.items() if k != "TESTING"}})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    client = app.test_client()
    response = client.get("/brugge/", base_url="https://kick.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    lang = client.get("/lang/fr?next=/brugge/", base_url="https://kick.example")
    cookie = lang.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_is_httponly_and_lax(client):
    response = client.post("/login", data={"email": "shopper@kick.test", "password": "kick-demo"})
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session
    assert "Secure" not in session  # development over http


@pytest.mark.parametrize("url", ["https://a.example:99999/{z}.png", "https://evil example/{z}.png",
                                 "https://a.example'/{z}.png", "https://localhost/{z}.png"])
def test_odd_tile_urls_add_no_host(url):
    assert tile_host(url) is None
