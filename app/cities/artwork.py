"""A town's artwork: a one-colour SVG silhouette of its landmark (static/img/towns/<slug>.svg), drawn for the
towns we know and a street of stepped gables for any other. The picker and the city home use it as a CSS mask,
so it always wears the town's own colours."""
from pathlib import Path

from flask import current_app

ARTWORK_DIR = "img/towns"
GENERIC = "town"
_known: dict[str, bool] = {}


def town_artwork(city) -> str:
    """The static path (for static_url) of the town's artwork."""
    slug = city.slug
    if slug not in _known:  # the static files do not change while the app runs: look once per town
        _known[slug] = (Path(current_app.static_folder) / ARTWORK_DIR / f"{slug}.svg").is_file()
    return f"{ARTWORK_DIR}/{slug if _known[slug] else GENERIC}.svg"
