"""schema.org for a premise's public page: a RealEstateListing about a Place (the shop unit), with only public
facts (address, area, asking rent); never the owner's contact."""
from app.core.i18n import translate
from app.core.structured_data import place, postal_address, without_empty


def premise_json_ld(premise, *, url: str, image: str | None, city_name: str) -> dict:
    unit = place(premise.address, premise.lat, premise.lon,
                 address=postal_address(premise.address.split(",")[0], city_name))
    if premise.floor_area_m2:
        unit["floorSize"] = {"@type": "QuantitativeValue", "value": premise.floor_area_m2, "unitCode": "MTK"}
    listing = {"@context": "https://schema.org", "@type": "RealEstateListing", "name": premise.address, "url": url,
               "description": translate(premise.description) or None, "image": image, "about": unit,
               "datePosted": premise.vacant_since.isoformat() if premise.vacant_since else None}
    if premise.rent_min or premise.rent_max:
        listing["offers"] = without_empty({
            "@type": "Offer", "businessFunction": "http://purl.org/goodrelations/v1#LeaseOut", "priceCurrency": "EUR",
            "priceSpecification": without_empty({"@type": "UnitPriceSpecification", "priceCurrency": "EUR",
                                                 "minPrice": premise.rent_min, "maxPrice": premise.rent_max,
                                                 "unitText": "MONTH"})})
    return without_empty(listing)
