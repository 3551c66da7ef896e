"""schema.org JSON-LD helpers shared by the features that describe their pages to search engines.

A feature builds a plain dict (its own `structured_data` module); templates put it in a
`<script type="application/ld+json">` data block (never executed, so the CSP needs no source for it)
with `|tojson`, which escapes `<`, `>`, `&` and `'` as \\u escapes, so a `</script>` in a shop's text
can never end the block.
"""

SCHEMA_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
               "sat": "Saturday", "sun": "Sunday"}


def schema_time(value: str) -> str:
    """"9:30" -> "09:30"; schema.org has no 24:00, the last minute of the day stands for it."""
    hours, minutes = value.split(":")
    return "23:59" if (hours, minutes) == ("24", "00") else f"{int(hours):02d}:{minutes}"


def place(name: str, lat: float | None, lon: float | None, **extra) -> dict:
    data = {"@type": "Place", "name": name, **extra}
    if lat is not None and lon is not None:
        data["geo"] = geo(lat, lon)
    return data


def geo(lat: float, lon: float) -> dict:
    return {"@type": "GeoCoordinates", "latitude": round(lat, 6), "longitude": round(lon, 6)}


def postal_address(street_address: str | None, city_name: str) -> dict:
    """A schema.org PostalAddress in a Belgian town (shops, premises, events)."""
    return without_empty({"@type": "PostalAddress", "streetAddress": street_address or None,
                          "addressLocality": city_name, "addressCountry": "BE"})


def without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
