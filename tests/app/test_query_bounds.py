"""Every public page renders with a small, fixed number of SQL queries, and that number does not
grow with the data (N+1 detection): the pages are measured on the demo data, then the city gets many
more trails, stops, shops, photos and stamp cards, and every page is measured again."""
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from app.accounts.services import find_user_by_email
from app.cities.models import City
from app.extensions import db
from app.loyalty.models import StampProgramme
from app.shops.models import Shop
from app.trails.models import Trail
from tests.factories import (CardFactory, ShopFactory, ShopPhotoFactory, StampProgrammeFactory, TrailFactory,
                             TrailStopFactory)

CITY = "brugge"
SHOPPER = "shopper@kick.test"
ALL_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Ceiling per page on the demo data; the growth test then demands the *same* count with more rows.
# A page over its ceiling fails with the statements it ran, so the culprit is visible.
PAGES = {
    "picker": ("/", 3),  # the live towns, and what is on in all of them: shops open now, events this week
    # The home: town, spotlights, the shops open now, trails, this week's events, running works, and "how busy"
    # (up to 3 where the town counts footfall: its latest hour, the usual hour, the last weeks).
    "city home": ("/{city}/", 10),
    "trail list": ("/{city}/trails/", 3),
    "green list": ("/{city}/green/", 3),
    "trail page": ("/{city}/trails/{trail}", 4),
    "green route page": ("/{city}/trails/{green}", 4),
    "gpx": ("/{city}/trails/{trail}.gpx", 4),
    "geojson": ("/{city}/trails/{trail}.geojson", 4),
    "shop list": ("/{city}/shops/", 3),
    "shop map": ("/{city}/shops/?view=map&open=1", 3),
    "shop page": ("/{city}/shops/{shop}", 4),
    "scan page": ("{scan}", 2),
    "stamps page (anonymous)": ("/{city}/stamps", 3),
    "privacy page": ("/{city}/privacy", 1),
    "platform privacy page": ("/privacy", 1),
    "manifest": ("/{city}/manifest.webmanifest", 1),
    "service worker": ("/{city}/sw.js", 1),
    "offline page": ("/{city}/offline", 1),
    "saved page": ("/{city}/saved", 1),
    "icon 192": ("/{city}/icons/192.png", 1),
    "icon 512": ("/{city}/icons/512.png", 1),
    "maskable icon": ("/{city}/icons/maskable-512.png", 1),
    "apple touch icon": ("/{city}/apple-touch-icon.png", 1),
    "api cities": ("/api/v1/cities", 1),
    "api city": ("/api/v1/cities/{city}", 1),
    "api shops": ("/api/v1/cities/{city}/shops", 3),
    "api shop": ("/api/v1/cities/{city}/shops/{shop}", 3),
    "api trails": ("/api/v1/cities/{city}/trails", 3),
    "api trail": ("/api/v1/cities/{city}/trails/{trail}", 4),
    "sitemap": ("/sitemap.xml", 6),  # live towns, approved shops, published trails, premises, events, places: one each
    "robots": ("/robots.txt", 0),
}
# Pages of a logged-in shopper who holds cards (the demo shopper has half-full cards in every city).
SHOPPER_PAGES = {
    "stamps page (shopper with cards)": ("/{city}/stamps", 5),
    "api my cards": ("/api/v1/me/cards", 4),
}


def _slugs(app, city: str = CITY) -> dict:
    """Real slugs of the demo data, and a fresh counter code for the scan page."""
    from app.loyalty.services.programmes import counter_code
    with app.test_request_context(f"/{city}/"):
        city_id = db.session.execute(select(City.id).where(City.slug == city)).scalar_one()
        trails = dict(db.session.execute(select(Trail.kind, Trail.slug).where(
            Trail.city_id == city_id, Trail.status == "published").order_by(Trail.id)).all())
        shop_id, shop = db.session.execute(
            select(Shop.id, Shop.slug).join(StampProgramme, StampProgramme.shop_id == Shop.id)
            .where(Shop.city_id == city_id, Shop.status == "approved").order_by(Shop.id).limit(1)).one()
        programme = db.session.execute(select(StampProgramme).where(StampProgramme.shop_id == shop_id)).scalar_one()
        scan = urlsplit(counter_code(programme).url).path
        db.session.remove()
    return {"city": city, "trail": trails["heritage"], "green": trails["green"], "shop": shop, "scan": scan}


def _measure(client, count_queries, pages: dict, slugs: dict) -> dict[str, tuple[int, list[str], str]]:
    """name -> (queries, statements, body) of the second request (the first warms static hashes)."""
    measured = {}
    for name, (template, _) in pages.items():
        path = template.format(**slugs)
        assert client.get(path).status_code == 200, (name, path)
        with count_queries() as queries:
            response = client.get(path)
        assert response.status_code == 200, (name, path, response.status_code)
        measured[name] = (queries.count, queries.statements, response.get_data(as_text=True)
                          if response.mimetype != "image/png" else "")
    return measured


def _shopper(app):
    client = app.test_client()
    client.login(SHOPPER)
    return client


def _grow(app, prefix: str, *, trails: int, stops: int, shops: int, photos: int, city: str = CITY) -> dict:
    """More rows of every kind a public page lists: trails with stops (every third at a shop, every
    second with a photo), approved shops with photos and stamp programmes, and a stamp card per new
    shop for the demo shopper. Returns the slugs of the first new trail, green route and shop."""
    with app.app_context():
        c = db.session.execute(select(City).where(City.slug == city)).scalar_one()
        owner = find_user_by_email(SHOPPER)
        shopper = owner
        new_shops = []
        for n in range(shops):
            shop = ShopFactory(city=c, owner=owner, slug=f"{prefix}-winkel-{n}",
                               name={"nl": f"{prefix.title()}winkel {n}"}, tagline={"nl": "Nog een winkel"},
                               category="other", address=f"Steenstraat {n + 1}", lat=c.center_lat + n * 0.0003,
                               lon=c.center_lon, languages=["nl"],
                               opening_hours={"weekly": {d: [["00:00", "24:00"]] for d in ALL_DAYS}, "exceptions": []})
            for p in range(photos):
                ShopPhotoFactory(shop=shop, position=p, phone_key=f"shops/{prefix}/{n}-{p}-phone.jpg",
                                 thumb_key=f"shops/{prefix}/{n}-{p}-thumb.jpg")
            programme = StampProgrammeFactory(shop=shop, stamps_required=8, reward={"nl": "Een cadeautje"})
            CardFactory(user=shopper, programme=programme, stamps=3)
            new_shops.append(shop)
        for t in range(trails):
            trail = TrailFactory(city=c, slug=f"{prefix}-route-{t}", kind="green" if t % 2 else "heritage",
                                 title={"nl": f"{prefix.title()}route {t}"}, summary={"nl": "Een extra wandeling"},
                                 published_at=c.created_at,
                                 path=[[c.center_lat + i * 0.0005, c.center_lon] for i in range(stops)])
            for s in range(stops):
                photo = bool(s % 2)
                TrailStopFactory(
                    trail=trail, position=s, lat=c.center_lat + s * 0.0005, lon=c.center_lon,
                    shop_id=new_shops[s % len(new_shops)].id if s % 3 == 0 else None,
                    image_phone_key=f"trails/{prefix}/{t}-{s}-phone.jpg" if photo else None,
                    image_thumb_key=f"trails/{prefix}/{t}-{s}-thumb.jpg" if photo else None,
                    image_width=10 if photo else None, image_height=10 if photo else None)
        db.session.commit()
        db.session.remove()
    return {"trail": f"{prefix}-route-0", "green": f"{prefix}-route-1", "shop": f"{prefix}-winkel-0"}


def _ceiling_report(measured: dict, pages: dict) -> list[str]:
    return [f"{name}: {count} queries > {pages[name][1]}\n  " + "\n  ".join(statements)
            for name, (count, statements, _) in measured.items() if count > pages[name][1]]


@pytest.mark.parametrize("city", ["oostende", "brugge", "kortrijk", "roeselare", "ieper"])
def test_every_city_home_uses_a_few_queries(client, count_queries, city):
    client.get(f"/{city}/")
    with count_queries() as queries:
        assert client.get(f"/{city}/").status_code == 200
    assert queries.count <= PAGES["city home"][1], queries.statements


def test_every_public_page_stays_under_its_query_ceiling(app, client, count_queries):
    slugs = _slugs(app)
    over = _ceiling_report(_measure(client, count_queries, PAGES, slugs), PAGES)
    over += _ceiling_report(_measure(_shopper(app), count_queries, SHOPPER_PAGES, slugs), SHOPPER_PAGES)
    assert not over, "\n".join(over)


def test_query_counts_do_not_grow_with_more_trails_stops_shops_photos_and_cards(app, client, count_queries):
    # "Few" already has one of everything (a stop at a shop, a stop photo, a shop photo, a card):
    # a relation that is loaded at all is loaded once, so only a per-row query can make "many" differ.
    slugs = _slugs(app)
    few = dict(slugs, **_grow(app, "klein", trails=2, stops=4, shops=1, photos=1))
    shopper = _shopper(app)
    before = _measure(client, count_queries, PAGES, few)
    before.update(_measure(shopper, count_queries, SHOPPER_PAGES, few))

    grown = dict(slugs, **_grow(app, "groei", trails=6, stops=15, shops=12, photos=4))
    after = _measure(client, count_queries, PAGES, grown)
    after.update(_measure(shopper, count_queries, SHOPPER_PAGES, grown))

    # The new rows are really on the pages (otherwise an unchanged count would prove nothing).
    assert "Groeiroute 4" in after["trail list"][2] and "Groeiroute 5" in after["green list"][2]
    assert after["trail page"][2].count("Halte ") >= 15 and "Groeiwinkel" in after["trail page"][2]
    assert after["gpx"][2].count("<rtept") + after["gpx"][2].count("<wpt") >= 15
    assert "Groeiwinkel 11" in after["shop list"][2] and "Groeiwinkel 11" in after["api shops"][2]
    assert after["shop page"][2].count("groei/0-") >= 4
    assert after["stamps page (shopper with cards)"][2].count("Groeiwinkel") >= 12
    assert after["api my cards"][2].count("Groeiwinkel") >= 12

    grew = {name: (before[name][0], after[name][0], after[name][1])
            for name in before if after[name][0] != before[name][0]}
    assert not grew, "\n".join(f"{name}: {b} -> {a} queries\n  " + "\n  ".join(statements)
                               for name, (b, a, statements) in grew.items())
