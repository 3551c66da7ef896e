"""The shared page cache (app.cache): anonymous visitors get public pages rendered once, never someone else's
page, and every write that changes a public page retires it at once."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from app.cache.pages import CACHED_ENDPOINTS
from app.cities.models import City
from app.extensions import db
from app.security.caching import is_personal_rule
from app.shops.models import Shop
from tests.support.loyalty import counter_path
from tests.support.shops import create_via_api
from tests.support.trails import make_trail

NL = {"Accept-Language": "nl-BE,nl;q=0.9"}


def visit(client, path, **headers):
    response = client.get(path, headers={**NL, **headers})
    assert response.status_code in (200, 304), (path, response.status_code)
    return response


def cached(client, path, **headers) -> str:
    """The page as the cache now holds it: asked twice, the second answer must be a hit."""
    visit(client, path, **headers)
    again = visit(client, path, **headers)
    assert again.headers.get("X-Kick-Cache") == "hit", (path, again.headers.get("X-Kick-Cache"))
    return again.get_data(as_text=True)


def fresh_after_write(client, path) -> str:
    response = visit(client, path)
    assert response.headers.get("X-Kick-Cache") == "miss", path  # retired by the write
    return response.get_data(as_text=True)


# ------------------------------------------------------------------ serving
def test_an_anonymous_page_is_rendered_once_and_served_with_public_caching_headers(app, client, count_queries):
    first = visit(client, "/brugge/")
    assert first.headers["X-Kick-Cache"] == "miss"
    with count_queries(page_cache=True) as queries:
        second = visit(client, "/brugge/")
    assert second.headers["X-Kick-Cache"] == "hit" and queries.count == 0
    assert second.get_data() == first.get_data()
    assert second.headers["Cache-Control"] == first.headers["Cache-Control"] == \
        "public, max-age=10, stale-while-revalidate=20"
    assert second.headers["ETag"] == first.headers["ETag"] and not second.headers["ETag"].startswith("W/")
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in second.headers["Vary"].split(",")}
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in second.headers


def test_a_matching_etag_is_a_304_without_a_body(client):
    etag = visit(client, "/brugge/shops/").headers["ETag"]
    for _ in range(2):  # on the miss that stored it, and from the cache
        response = client.get("/brugge/shops/", headers={**NL, "If-None-Match": etag})
        assert response.status_code == 304 and response.data == b""
        assert response.headers["ETag"] == etag and "public" in response.headers["Cache-Control"]
    assert client.get("/brugge/shops/", headers={**NL, "If-None-Match": '"other"'}).status_code == 200


def test_head_from_the_cache_has_the_headers_and_no_body(client):
    cached(client, "/brugge/agenda")
    response = client.head("/brugge/agenda", headers=NL)
    assert response.status_code == 200 and response.data == b"" and response.headers["X-Kick-Cache"] == "hit"


def test_each_language_has_its_own_copy(client):
    dutch = cached(client, "/brugge/")
    french = cached(client, "/brugge/", **{"Accept-Language": "fr-BE,fr;q=0.9"})
    assert 'lang="nl' in dutch and 'lang="fr' in french
    chosen = app_client_with_language(client.application, "de")
    assert 'lang="de' in cached(chosen, "/brugge/")
    visit(client, "/brugge/?lang=en")  # the first answer remembers the choice in a cookie: not kept
    assert 'lang="en' in cached(client, "/brugge/?lang=en")  # then ?lang, part of the address, has its copy


def app_client_with_language(app, code):
    other = app.test_client()
    other.set_cookie("kick_lang", code)
    return other


def test_gzip_and_plain_answers_are_kept_apart(client):
    visit(client, "/brugge/shops/", **{"Accept-Encoding": "gzip"})
    zipped = visit(client, "/brugge/shops/", **{"Accept-Encoding": "gzip"})
    plain = visit(client, "/brugge/shops/")
    assert zipped.headers["X-Kick-Cache"] == "hit" and zipped.headers["Content-Encoding"] == "gzip"
    assert zipped.data[:2] == b"\x1f\x8b"
    assert "Content-Encoding" not in plain.headers and b"<html" in plain.data  # never gzip to a client without it


def test_a_page_older_than_its_lifetime_on_the_apps_clock_is_rendered_again(app, client, clock):
    cached(client, "/brugge/shops/")
    clock.advance(seconds=app.config["KICK_PAGE_CACHE_SECONDS"] - 1)
    late = visit(client, "/brugge/shops/")
    assert late.headers["X-Kick-Cache"] == "hit"
    assert late.headers["Age"] == str(int(app.config["KICK_PAGE_CACHE_SECONDS"] - 1))  # proxies count from then
    clock.advance(seconds=2)  # "open now" is at most KICK_PAGE_CACHE_SECONDS old on the server
    assert visit(client, "/brugge/shops/").headers["X-Kick-Cache"] == "miss"


# ------------------------------------------------------------------ never someone else's page
def test_a_signed_in_person_never_gets_the_cached_page(app, client):
    cached(client, "/brugge/")
    shopper = app.test_client()
    shopper.login("shopper@kick.test")
    response = shopper.get("/brugge/", headers=NL)
    assert "X-Kick-Cache" not in response.headers and "no-store" in response.headers["Cache-Control"]
    assert "public" not in response.headers["Cache-Control"]
    assert visit(client, "/brugge/").headers["X-Kick-Cache"] == "hit"  # and the visitors' copy is still theirs


def test_a_shopper_whose_first_scan_happens_while_the_home_is_cached_sees_their_card(app, client, shop, clock):
    home = cached(client, "/brugge/")
    assert "Bakkerij Test" not in home
    phone = app.test_client()  # a new visitor: the cached home first, then the counter's code
    assert visit(phone, "/brugge/").headers["X-Kick-Cache"] == "hit"
    assert phone.post(counter_path(app, shop)).status_code == 303
    after = phone.get("/brugge/", headers=NL)
    assert "X-Kick-Cache" not in after.headers and "no-store" in after.headers["Cache-Control"]
    assert "Bakkerij Test" in after.get_data(as_text=True)  # their card, not the visitors' page
    stamps = phone.get("/brugge/stamps", headers=NL)
    assert "X-Kick-Cache" not in stamps.headers and "Bakkerij Test" in stamps.get_data(as_text=True)
    # and the stamp, a private write, did not retire the visitors' pages
    assert visit(client, "/brugge/").headers["X-Kick-Cache"] == "hit"


def test_any_other_cookie_or_credentials_bypass_the_cache(app, client):
    cached(client, "/brugge/")
    other = app.test_client()
    other.set_cookie("session", "forged")
    assert "X-Kick-Cache" not in other.get("/brugge/", headers=NL).headers
    bearer = client.get("/brugge/", headers={**NL, "Authorization": "Bearer x"})
    assert "X-Kick-Cache" not in bearer.headers


def test_answers_that_set_a_cookie_are_not_kept(client):
    first = client.get("/brugge/?lang=fr", headers=NL)
    assert "kick_lang=fr" in first.headers["Set-Cookie"] and "public" not in first.headers.get("Cache-Control", "")


def test_a_draft_town_is_never_cached(app, client):
    with app.app_context():
        db.session.execute(select(City).where(City.slug == "ieper")).scalar_one().status = "draft"
        db.session.commit()
    marketer = app.test_client()
    marketer.login("marketer@ieper.kick.test")
    assert marketer.get("/ieper/").status_code == 200
    assert client.get("/ieper/", headers=NL).status_code == 404


def test_only_public_pages_are_listed_and_every_listed_page_exists(app):
    rules = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    assert CACHED_ENDPOINTS <= rules.keys()
    for endpoint in CACHED_ENDPOINTS:
        assert not is_personal_rule(rules[endpoint].rule), endpoint


# ------------------------------------------------------------------ what retires a page
def test_a_theme_change_retires_the_towns_pages(app, client):
    from tests.app.test_theme_studio import GOOD
    cached(client, "/ieper/")
    cached(client, "/ieper/shops/")
    marketer = app.test_client()
    marketer.login("marketer@ieper.kick.test")
    saved = marketer.post("/ieper/studio/theme", data={**GOOD, "primary_color": "#123D6B"},
                          content_type="multipart/form-data")
    assert saved.status_code in (302, 303)
    assert "#123D6B" in fresh_after_write(client, "/ieper/")
    assert "#123D6B" in fresh_after_write(client, "/ieper/shops/")


def test_publishing_a_trail_retires_the_trail_list(app, client):
    trail = make_trail(app, status="draft", title_nl="Verborgen reien")
    assert "Verborgen reien" not in cached(client, "/brugge/trails/")
    marketer = app.test_client()
    marketer.login("marketer@brugge.kick.test")
    assert marketer.post(f"/brugge/studio/trails/{trail['id']}/publish",
                         data={"version": trail["version"]}).status_code == 302
    assert "Verborgen reien" in fresh_after_write(client, "/brugge/trails/")
    assert visit(client, f"/brugge/trails/{trail['slug']}").status_code == 200


def test_approving_a_shop_retires_the_shop_list(app, client):
    merchant = app.test_client()
    merchant.login("merchant1@kortrijk.kick.test")
    shop = create_via_api(merchant, name="Hoedje Van Papier")
    assert merchant.post(f"/api/v1/merchant/shops/{shop['id']}/submit").status_code == 200
    assert "Hoedje Van Papier" not in cached(client, "/kortrijk/shops/")
    marketer = app.test_client()
    marketer.login("marketer@kortrijk.kick.test")
    assert marketer.post(f"/api/v1/cities/kortrijk/shops/{shop['id']}/approve").status_code == 200
    assert "Hoedje Van Papier" in fresh_after_write(client, "/kortrijk/shops/")


def test_a_merchants_edit_retires_the_shop_page(app, client):
    with app.app_context():
        shop = db.session.execute(select(Shop).where(Shop.slug == "de-leesleeuw")).scalar_one()
        shop_id, owner_id = shop.id, shop.owner_id
        from app.accounts.models import User
        owner = db.session.get(User, owner_id).email
    cached(client, "/kortrijk/shops/de-leesleeuw")
    merchant = app.test_client()
    merchant.login(owner)
    edited = merchant.patch(f"/api/v1/merchant/shops/{shop_id}", json={"phone": "+32 56 99 88 77"})
    assert edited.status_code == 200, edited.get_json()  # the phone is live at once (no review)
    assert "tel:+3256998877" in fresh_after_write(client, "/kortrijk/shops/de-leesleeuw")


def test_a_spotlight_retires_the_town_home(app, client, clock):
    with app.app_context():
        sid = db.session.execute(select(Shop.id).where(Shop.slug == "de-leesleeuw")).scalar_one()
    cached(client, "/kortrijk/")
    marketer = app.test_client()
    marketer.login("marketer@kortrijk.kick.test")
    today = clock().date()
    response = marketer.post(f"/kortrijk/studio/shops/{sid}/spotlight", data={
        "featured_from": today.isoformat(), "featured_until": (today + timedelta(days=7)).isoformat(),
        "featured_rank": "1"})
    assert response.status_code in (302, 303)
    assert "de-leesleeuw" in fresh_after_write(client, "/kortrijk/")


def test_a_new_access_place_retires_the_getting_there_page(app, client):
    cached(client, "/kortrijk/bereikbaarheid")
    marketer = app.test_client()
    marketer.login("marketer@kortrijk.kick.test")
    form = {"kind": "toilet", "code": "T-NIEUW", "name_nl": "Toilet Stadhuis", "lat": "50.8276", "lon": "3.2649",
            "accessible": "y"}
    assert marketer.post("/kortrijk/studio/access/places/new", data=form).status_code == 302
    assert "Toilet Stadhuis" in fresh_after_write(client, "/kortrijk/bereikbaarheid")


def test_a_premise_change_retires_the_premises_pages(app, client):
    from tests.app.test_premises import API, premise_at
    premise = premise_at(app, "Ooststraat 37")
    cached(client, "/roeselare/premises/")
    cached(client, f"/roeselare/premises/{premise['id']}")
    marketer = app.test_client()
    marketer.login("marketer@roeselare.kick.test")
    ok = marketer.patch(f"{API}/premises/{premise['id']}", json={"state": "let", "note": "Koffiebar",
                                                                 "changed_on": "2026-11-30"},
                        headers={"If-Match": f'"{premise["version"]}"'})
    assert ok.status_code == 200, ok.get_json()
    fresh_after_write(client, "/roeselare/premises/")
    response = client.get(f"/roeselare/premises/{premise['id']}", headers=NL)  # let: no longer on offer
    assert response.status_code == 404 or response.headers["X-Kick-Cache"] == "miss"


def test_approving_an_event_retires_the_agenda(app, client, clock):
    from app.agenda.models import Event
    from tests.factories import EventFactory
    with app.app_context():
        brugge = db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()
        event = EventFactory(city=brugge, title={"nl": "Kransen binden"}, status="proposed",
                             starts_at=clock() + timedelta(days=2), ends_at=clock() + timedelta(days=2, hours=2))
        db.session.commit()
        event_id = event.id
    assert "Kransen binden" not in cached(client, "/brugge/agenda")
    marketer = app.test_client()
    marketer.login("marketer@brugge.kick.test")
    assert marketer.post(f"/brugge/studio/agenda/{event_id}/approve", data={"note": "Mooi"}).status_code == 302
    with app.app_context():
        assert db.session.get(Event, event_id).status != "proposed"
    assert "Kransen binden" in fresh_after_write(client, "/brugge/agenda")


def test_a_write_retires_its_own_town_and_the_platform_pages_only(app, client):
    cached(client, "/brugge/")
    cached(client, "/kortrijk/")
    cached(client, "/")
    with app.app_context():
        db.session.execute(select(City).where(City.slug == "kortrijk")).scalar_one().tagline = {"nl": "Nieuw"}
        db.session.commit()
    fresh_after_write(client, "/kortrijk/")
    fresh_after_write(client, "/")  # the picker shows every town
    if app.extensions["kick_page_cache"].__class__.__name__ == "PageStore":
        assert visit(client, "/brugge/").headers["X-Kick-Cache"] == "hit"


def test_a_rolled_back_write_retires_nothing(app, client):
    cached(client, "/brugge/")
    with app.app_context():
        db.session.execute(select(City).where(City.slug == "brugge")).scalar_one().tagline = {"nl": "Nooit"}
        db.session.flush()
        db.session.rollback()
    assert visit(client, "/brugge/").headers["X-Kick-Cache"] == "hit"


def test_a_bulk_statement_on_a_public_table_retires_every_page_and_one_on_a_private_table_none(app, client):
    from sqlalchemy import update

    from app.loyalty.models import Card
    cached(client, "/brugge/")
    with app.app_context():
        db.session.execute(update(Card).where(Card.id == -1).values(stamps=0))
        db.session.commit()
    assert visit(client, "/brugge/").headers["X-Kick-Cache"] == "hit"
    with app.app_context():
        db.session.execute(update(Shop).where(Shop.slug == "nobody").values(phone="1"))
        db.session.commit()
    fresh_after_write(client, "/brugge/")


def test_a_write_the_app_does_not_see_ages_out(app, client, clock):
    cached(client, "/brugge/")
    with app.app_context(), db.engine.begin() as connection:  # raw SQL: a migration, another tool
        connection.execute(text("UPDATE city SET primary_color = '#0A0B0C' WHERE slug = 'brugge'"))
    assert "#0A0B0C" not in visit(client, "/brugge/").get_data(as_text=True)
    clock.advance(seconds=app.config["KICK_PAGE_CACHE_SECONDS"])
    app.extensions["kick_city_cache"].clear()  # its own lifetime (tests/app/test_city_cache.py)
    assert "#0A0B0C" in visit(client, "/brugge/").get_data(as_text=True)


def test_every_model_is_page_content_unless_it_says_so(app):
    """Private rows (cards, stamps, accounts, answers) say page_content = False; a new model counts as public
    content (a fresh page) until it says otherwise. This list is the review point for that choice."""
    from app.cache.invalidation import is_page_content
    private = sorted(m.class_.__name__ for m in db.Model.registry.mappers if not is_page_content(m.class_))
    assert {"Stamp", "Card", "User", "FigureEvent", "FootfallCount"} <= set(private)
    public = {m.class_.__name__ for m in db.Model.registry.mappers if is_page_content(m.class_)}
    assert {"City", "Shop", "Trail", "TrailStop", "Event", "Premise", "AccessPlace", "CityPass",
            "StampProgramme", "ShopPhoto"} <= public


# ------------------------------------------------------------------ several workers
@pytest.fixture
def two_workers(app, app_config):
    """A second app on the same database and generation file: what another gunicorn worker is."""
    from app import create_app
    return create_app(dict(app_config))


def test_a_write_in_one_worker_retires_the_page_in_another(app, two_workers):
    other = two_workers.test_client()
    cached(other, "/brugge/")
    with app.app_context():
        db.session.execute(select(City).where(City.slug == "brugge")).scalar_one().tagline = {"nl": "Elders"}
        db.session.commit()
    assert "Elders" in fresh_after_write(other, "/brugge/")


@pytest.fixture
def redis_workers(app_config):
    """Two apps sharing Redis (REDIS_URL): pages and generations in one place for every worker and host."""
    import uuid

    import redis
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    from app import create_app
    config = {**app_config, "REDIS_URL": url, "CACHE_KEY_PREFIX": f"kick-test-{uuid.uuid4().hex}:"}
    apps = create_app(dict(config)), create_app(dict(config))
    yield apps
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{config['CACHE_KEY_PREFIX']}*"):
        client.delete(key)


def test_on_redis_a_page_rendered_by_one_worker_is_served_by_another_and_retired_by_a_third(redis_workers):
    first, second = redis_workers
    assert first.extensions["kick_page_cache"].__class__.__name__ == "PageStore"
    a, b = first.test_client(), second.test_client()
    visit(a, "/brugge/")
    visit(a, "/brugge/")  # the first miss gives the generations a value
    assert visit(b, "/brugge/").headers["X-Kick-Cache"] == "hit"
    visit(b, "/kortrijk/")  # the town's generation gets its value
    cached(b, "/kortrijk/")
    with second.app_context():
        db.session.execute(select(City).where(City.slug == "brugge")).scalar_one().tagline = {"nl": "Overal"}
        db.session.commit()
    assert "Overal" in fresh_after_write(a, "/brugge/")
    assert visit(b, "/kortrijk/").headers["X-Kick-Cache"] == "hit"  # another town keeps its pages


def test_a_cache_that_is_down_is_a_slower_site_not_a_broken_one(app_config):
    from app import create_app
    broken = create_app({**app_config, "REDIS_URL": "redis://127.0.0.1:1/0"})
    client = broken.test_client()
    for _ in range(2):
        response = client.get("/brugge/", headers=NL)
        assert response.status_code == 200 and response.headers.get("X-Kick-Cache") in ("miss", None)
    assert re.search(r"<h1", response.get_data(as_text=True))
