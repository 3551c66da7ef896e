"""The counter's one line in a visitor page: `{{ figure_beacon("home") }}` (or "shop:12", "trail:3").

It renders the beacon script (static/js/figures.js, deferred) with what it sends: the events URL, the town
and the page key. Nothing for a draft town: only its makers see those pages, and they are not visitors.
"""
from flask import current_app, g, url_for
from markupsafe import Markup


def figure_beacon(page: str) -> Markup:
    city = g.get("city")
    if city is None or not city.is_live:
        return Markup("")
    script = current_app.jinja_env.globals["static_url"]("js/figures.js")
    return Markup('<script src="{}" defer data-figures="{}" data-city="{}" data-page="{}"></script>').format(
        script, url_for("figures_api.event"), city.slug, page)
