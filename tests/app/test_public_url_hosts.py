"""Absolute links come from KICK_PUBLIC_URL, never from the request's Host header; unknown hosts are
refused with a 400 page while the health checks answer any host; production refuses to start
without a public URL."""
import io
import re
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from PIL import Image
from pyzbar.pyzbar import decode

from app import create_app
from app.config import build_config
from app.extensions import db
from tests.conftest import KickClient

PUBLIC = "https://kick.city"
EVIL = {"Host": "evil.example"}
MERCHANT = "merchant1@brugge.kick.test"


def _app(app_config, **config):
    app = create_app({**app_config, **config})
    app.test_client_class = KickClient
    return app


class ForgedHostClient(KickClient):
    """A browser that reached the app under a forged Host header (development trusts any host)."""
    base = "http://evil.example"

    def csrf_token(self) -> str:
        return FlaskClient.open(self, "/api/v1/me", base_url=self.base).get_json()["csrf_token"]

    def open(self, *args, **kwargs):
        kwargs.setdefault("base_url", self.base)
        return super().open(*args, **kwargs)


def _client(app):
    app.test_client_class = ForgedHostClient
    return app.test_client()


def _merchant_shop(app):
    from sqlalchemy import select

    from app.accounts.services import find_user_by_email
    from app.shops.models import Shop
    with app.app_context():
        owner = find_user_by_email(MERCHANT)
        return db.session.execute(select(Shop.id).where(Shop.owner_id == owner.id, Shop.status == "approved")
                                  .order_by(Shop.id)).scalars().first()


def _qr_urls(png: bytes) -> list[str]:
    image = Image.open(io.BytesIO(png)).convert("L")
    image.thumbnail((1200, 1200), Image.Resampling.LANCZOS)
    return [d.data.decode() for d in decode(image) if d.type == "QRCODE"]


# ------------------------------------------------------------------ configuration

@pytest.mark.parametrize("value", ["kick.city", "http://kick.city", "https://kick.city/app", "https://kick.city/?a=1",
                                   "https://user@kick.city", "https://kick.city:99999", "javascript:alert(1)"])
def test_production_public_url_must_be_an_https_origin(tmp_path, monkeypatch, value):
    monkeypatch.setenv("KICK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("KICK_PUBLIC_URL", value)
    with pytest.raises(RuntimeError, match="KICK_PUBLIC_URL must be an https:// origin"):
        build_config(tmp_path)


def test_production_trusts_the_public_host_and_the_listed_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("KICK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("KICK_PUBLIC_URL", "https://Kick.City/")
    monkeypatch.delenv("KICK_TRUSTED_HOSTS", raising=False)
    config = build_config(tmp_path)
    assert config["KICK_PUBLIC_URL"] == PUBLIC and config["TRUSTED_HOSTS"] == ["kick.city"]
    monkeypatch.setenv("KICK_TRUSTED_HOSTS", " .kick.city, stad.example ")
    assert build_config(tmp_path)["TRUSTED_HOSTS"] == [".kick.city", "stad.example", "kick.city"]


def test_development_needs_no_public_url_and_trusts_any_host(tmp_path, monkeypatch, client):
    monkeypatch.delenv("KICK_ENV", raising=False)
    monkeypatch.delenv("KICK_PUBLIC_URL", raising=False)
    monkeypatch.delenv("KICK_TRUSTED_HOSTS", raising=False)
    config = build_config(tmp_path)
    assert config["KICK_PUBLIC_URL"] is None and config["TRUSTED_HOSTS"] is None
    # ...and absolute links follow the request's host.
    links = client.get("/api/v1/cities/brugge/trails", headers={"Host": "laptop.local:5000"}).get_json()
    assert links[0]["links"]["self"].startswith("http://laptop.local:5000/api/v1/")


# ------------------------------------------------------------------ absolute URLs

def test_api_links_and_gpx_use_the_public_url_whatever_the_host(app_config):
    client = _app(app_config, KICK_PUBLIC_URL=PUBLIC).test_client()
    trails = client.get("/api/v1/cities/brugge/trails", headers=EVIL).get_json()
    trail = client.get(urlsplit(trails[0]["links"]["self"]).path, headers=EVIL).get_json()
    links = trail["links"]
    assert links["self"] == f"{PUBLIC}/api/v1/cities/brugge/trails/{trail['slug']}"
    for name in ("page", "gpx", "geojson"):
        assert links[name].startswith(f"{PUBLIC}/brugge/trails/{trail['slug']}"), links[name]
    gpx = client.get(urlsplit(links["gpx"]).path, headers=EVIL).get_data(as_text=True)
    assert f"{PUBLIC}/brugge/trails/{trail['slug']}" in gpx and "evil.example" not in gpx
    shops = client.get("/api/v1/cities/brugge/shops", headers=EVIL).get_data(as_text=True)
    assert f'"{PUBLIC}/brugge/shops/' in shops and "evil.example" not in shops


def test_counter_and_poster_qr_codes_use_the_public_url(app_config):
    app = _app(app_config, KICK_PUBLIC_URL=PUBLIC)
    shop_id = _merchant_shop(app)
    client = _client(app)
    client.login(MERCHANT)
    body = client.get(f"/api/v1/merchant/shops/{shop_id}/counter-code", headers=EVIL).get_json()
    assert body["url"] == f"{PUBLIC}/brugge/s/{body['code']}"
    assert _qr_urls(client.get(body["image_url"], headers=EVIL).data) == [body["url"]]
    poster = _qr_urls(client.get(f"/merchant/shops/{shop_id}/poster-A5.png", headers=EVIL).data)
    assert len(poster) == 1 and re.fullmatch(rf"{PUBLIC}/brugge/s/[A-Za-z0-9_-]{{30}}", poster[0])


def test_reward_qr_code_points_the_merchant_at_the_public_url(app_config, monkeypatch):
    from sqlalchemy import select

    from app.accounts.services import find_user_by_email
    from app.loyalty.models import Card
    from app.loyalty.services.programmes import ensure_programme
    from app.shops.models import Shop
    from tests.factories import CardFactory
    app = _app(app_config, KICK_PUBLIC_URL=PUBLIC)
    shop_id = _merchant_shop(app)
    with app.test_request_context():
        shop = db.session.get(Shop, shop_id)
        programme = ensure_programme(shop)
        shopper = find_user_by_email("shopper@kick.test")
        card = db.session.execute(select(Card).where(Card.user_id == shopper.id, Card.programme_id == programme.id)
                                  ).scalar_one_or_none()
        if card is None:
            card = CardFactory(user=shopper, programme=programme)
        card.stamps = programme.stamps_required
        db.session.commit()
        card_id = card.id
    client = _client(app)
    client.login("shopper@kick.test")
    reward = client.post(f"/brugge/stamps/cards/{card_id}/redeem", headers=EVIL)
    assert reward.status_code in (302, 303)
    page = client.get(urlsplit(reward.headers["Location"]).path, headers=EVIL).get_data(as_text=True)
    qr = re.search(r'src="([^"]+/qr\.svg[^"]*)"', page).group(1).replace("&amp;", "&")
    import app.loyalty.views.public as views
    encoded = []
    real = views.qr_svg
    monkeypatch.setattr(views, "qr_svg", lambda url: encoded.append(url) or real(url))
    assert client.get(qr, headers=EVIL).status_code == 200
    assert len(encoded) == 1 and encoded[0].startswith(f"{PUBLIC}/merchant/rewards?code="), encoded


def test_merchant_mails_link_to_the_public_url(app_config, tmp_path):
    from sqlalchemy import select

    from app.shops.models import Shop
    app = _app(app_config, KICK_PUBLIC_URL=PUBLIC)
    with app.app_context():
        pending = db.session.execute(select(Shop.id).join(Shop.city).where(Shop.status == "pending")
                                     .order_by(Shop.id)).scalars().first()
    client = _client(app)
    client.login("admin@kick.test")
    with app.app_context():
        city = db.session.get(Shop, pending).city.slug
    assert client.post(f"/{city}/studio/shops/{pending}/approve", headers=EVIL).status_code in (302, 303)
    mail = open(app_config["MAIL_LOG"], encoding="utf-8").read()
    assert f"{PUBLIC}/merchant/shops/{pending}" in mail and "evil.example" not in mail


def test_external_url_without_a_request_uses_the_public_url(app_config):
    from app.core.urls import external_url
    app = _app(app_config, KICK_PUBLIC_URL=PUBLIC)
    with app.app_context():
        assert external_url("merchant.shop", shop_id=7) == f"{PUBLIC}/merchant/shops/7"
        assert external_url("trails.detail", city="brugge", slug="x", _anchor="stop-2") == \
            f"{PUBLIC}/brugge/trails/x#stop-2"


# ------------------------------------------------------------------ trusted hosts

@pytest.fixture
def guarded(app_config):
    return _app(app_config, KICK_PUBLIC_URL=PUBLIC, TRUSTED_HOSTS=["kick.city"]).test_client()


@pytest.mark.parametrize("path", ["/", "/brugge/", "/brugge/trails/", "/nope/", "/login", "/static/css/app.css"])
def test_an_unknown_host_gets_a_400_page(guarded, path):
    response = guarded.get(path, headers=EVIL)
    assert response.status_code == 400 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "Dat verzoek lukte niet" in html and "evil.example" not in html  # the themed 400 page, in Dutch
    assert guarded.get(path, headers={"Host": "kick.city"}).status_code in (200, 404)


def test_an_unknown_host_gets_a_problem_under_the_api(guarded):
    response = guarded.get("/api/v1/cities", headers=EVIL)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "unknown_host"
    assert guarded.get("/api/v1/cities", headers={"Host": "kick.city"}).status_code == 200


def test_an_unknown_host_cannot_post_either(guarded):
    response = guarded.post("/login", data={"email": "shopper@kick.test", "password": "kick-demo"}, headers=EVIL,
                            csrf=False)
    assert response.status_code == 400 and "Set-Cookie" not in response.headers


def test_the_known_host_passes_with_or_without_a_port(guarded):
    assert guarded.get("/brugge/", headers={"Host": "kick.city:443"}).status_code == 200
    assert guarded.get("/brugge/", headers={"Host": "kick.city"}).status_code == 200


@pytest.mark.parametrize("host", ["10.0.3.17:5000", "evil.example", "[fd00::7]:5000"])
def test_health_checks_answer_the_load_balancer_on_any_host(guarded, host):
    assert guarded.get("/healthz", headers={"Host": host}).status_code == 200
    ready = guarded.get("/readyz", headers={"Host": host})
    assert ready.status_code == 200 and ready.get_json()["checks"]["database"]["status"] == "ok"
    assert guarded.get("/healthz/", headers={"Host": host}).status_code == 400  # only the exact paths


def test_behind_the_proxy_the_forwarded_host_counts(app_config):
    app = _app(app_config, KICK_PUBLIC_URL=PUBLIC, TRUSTED_HOSTS=["kick.city"], KICK_PROXY_HOPS=1)
    client = app.test_client()
    inside = {"Host": "10.0.3.17:5000"}
    assert client.get("/brugge/", headers={**inside, "X-Forwarded-Host": "kick.city"}).status_code == 200
    assert client.get("/brugge/", headers={**inside, "X-Forwarded-Host": "evil.example"}).status_code == 400
    assert client.get("/brugge/", headers=inside).status_code == 400


def test_production_app_refuses_unknown_hosts(app_config, monkeypatch):
    monkeypatch.setenv("KICK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("KICK_PUBLIC_URL", PUBLIC)
    monkeypatch.delenv("KICK_TRUSTED_HOSTS", raising=False)
    config = {k: v for k, v in app_config.items() if k != "TESTING"}
    client = create_app(config).test_client()
    assert client.get("/brugge/", base_url="https://evil.example").status_code == 400
    assert client.get("/brugge/", base_url=PUBLIC).status_code == 200
