"""A trail page described for search engines: schema.org `TouristTrip` with its stops as the itinerary."""
from app.core.i18n import translate
from app.core.structured_data import place, without_empty


def trail_json_ld(trail, *, url: str, image: str | None, shop_url, city_name: str) -> dict:
    """`url` and `image` are absolute; `shop_url(shop)` is the absolute page of a stop's shop."""
    stops = []
    for position, stop in enumerate(trail.stops, start=1):
        shop = stop.public_shop
        item = place(translate(stop.title), stop.lat, stop.lon, description=translate(stop.body)[:300] or None)
        if shop is not None:
            item["url"] = shop_url(shop)
        stops.append({"@type": "ListItem", "position": position, "item": without_empty(item)})
    data = {
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "@id": f"{url}#trip",
        "name": translate(trail.title),
        "url": url,
        "description": translate(trail.summary),
        "image": image,
        "itinerary": {"@type": "ItemList", "numberOfItems": len(stops), "itemListElement": stops} if stops else None,
        "provider": {"@type": "Organization", "name": f"KICK {city_name}"},
    }
    if trail.duration_min:
        data["timeRequired"] = f"PT{trail.duration_min}M"
    if trail.distance_m:
        data["additionalProperty"] = [{"@type": "PropertyValue", "name": "distance", "value": trail.distance_m,
                                       "unitCode": "MTR"}]
    return without_empty(data)
