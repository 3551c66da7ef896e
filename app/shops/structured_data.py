"""A shop page described for search engines and chat previews: schema.org `Store` (JSON-LD)."""
from app.core import clock
from app.core.i18n import translate
from app.core.structured_data import SCHEMA_DAYS, geo, postal_address, schema_time, without_empty
from app.shops.hours import DAYS

# Our categories as schema.org types (all LocalBusiness); the rest stay a plain Store.
SCHEMA_TYPES = {"food_drink": "FoodEstablishment", "books_music": "BookStore", "beauty_health": "HealthAndBeautyBusiness",
                "kids": "ToyStore", "sports": "SportingGoodsStore", "home_living": "HomeGoodsStore",
                "fashion": "ClothingStore", "services": "LocalBusiness"}


def opening_hours_specification(hours: dict | None, today=None) -> list[dict]:
    """The weekly hours, then the coming exceptions (a closed day is opens = closes = 00:00, valid that date)."""
    hours = hours or {}
    today = (today or clock.today()).isoformat()
    specs = []
    weekly = hours.get("weekly") or {}
    for day in DAYS:
        for start, end in weekly.get(day) or []:
            specs.append({"@type": "OpeningHoursSpecification", "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[day]}",
                          "opens": schema_time(start), "closes": schema_time(end)})
    for exc in hours.get("exceptions") or []:
        if exc["date"] < today:
            continue
        valid = {"validFrom": exc["date"], "validThrough": exc["date"]}
        intervals = [] if exc.get("closed") else exc.get("intervals") or []
        if not intervals:
            specs.append({"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "00:00", **valid})
        for start, end in intervals:
            specs.append({"@type": "OpeningHoursSpecification", "opens": schema_time(start),
                          "closes": schema_time(end), **valid})
    return specs


def shop_json_ld(shop, *, url: str, images: list[str], city_name: str) -> dict:
    """The shop as schema.org data; `url` (its page) and `images` are absolute (app.core.urls.external_url)."""
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(shop.category, "Store"),
        "@id": f"{url}#shop",
        "name": shop.display_name,
        "url": url,
        "description": translate(shop.tagline) or translate(shop.story)[:300],
        "image": images,
        "telephone": shop.phone,
        "sameAs": [shop.website] if shop.website else [],
        "address": postal_address(shop.address, city_name),
        "geo": geo(shop.lat, shop.lon) if shop.lat is not None and shop.lon is not None else None,
        "knowsLanguage": list(shop.languages or []),
        "openingHoursSpecification": opening_hours_specification(shop.opening_hours),
    }
    return without_empty(data)
