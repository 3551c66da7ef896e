"""Jinja globals and filters shared by every template."""
from flask import current_app, g, request
from flask_babel import format_decimal, gettext
from markupsafe import Markup, escape

from app.core import clock, dates
from app.core.i18n import LANGUAGE_NAMES, current_locale, install_template_gettext, offered_locales, translate
from app.core.registry import get_registry


def format_distance(metres) -> str:
    if metres is None:
        return ""
    if metres < 1000:
        return f"{int(round(metres))} m"
    return f"{format_decimal(metres / 1000, format='#,##0.0')} km"


def format_duration(minutes) -> str:
    if minutes is None:
        return ""
    minutes = int(minutes)
    if minutes < 60:
        return f"{minutes} min"
    # "1 u 05", "1 h 05", "1 Std. 05": the hour mark follows the page's language; a whole hour is "1 uur",
    # "1 h", "1 Std." (never "1 u 00", which reads like a clock)
    if minutes % 60 == 0:
        return gettext("%(hours)d h", hours=minutes // 60)
    return gettext("%(hours)d h %(minutes)02d", hours=minutes // 60, minutes=minutes % 60)


def label_colon(text) -> Markup:
    """A label with its colon, `{{ _('Surface')|label }} {{ value }}`: French puts a no-break space before
    the colon ("Revêtement\u00a0: Pavés"), the other languages none. The one rule for label colons in
    templates (tests/unit/test_template_labels.py refuses a bare colon after a template expression)."""
    return escape(text) + Markup("\u00a0:" if current_locale() == "fr" else ":")


def init_templating(app):
    app.jinja_env.filters["t"] = translate
    app.jinja_env.filters["distance"] = format_distance
    app.jinja_env.filters["duration"] = format_duration
    app.jinja_env.filters["label"] = label_colon
    app.jinja_env.filters["iso"] = clock.iso  # every time handed to the browser carries its offset
    app.jinja_env.filters["day"] = dates.day_label  # "morgen", else "30 mei" / "30. Mai" (app.core.dates)
    app.jinja_env.filters["local_date"] = dates.local_date_text  # the date, never "morgen" (printed, mailed)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    install_template_gettext(app)
    init_static(app)
    from app.core.urls import current_page_url, current_path_in, external_url
    app.jinja_env.globals.update(public_url=external_url, current_page_url=current_page_url,
                                 current_path_in=current_path_in)
    from app.core.i18n import vary_html_by_language
    app.after_request(vary_html_by_language)
    from app.core.registry import map_layers_for
    app.jinja_env.globals["map_layers"] = lambda city: map_layers_for(current_app, city)

    @app.context_processor
    def inject_globals():
        return {
            "city": g.get("city"),
            "locale": current_locale(),
            "locales": [(code, LANGUAGE_NAMES[code]) for code in offered_locales(g.get("city"))],
            "nav_items": get_registry(current_app).nav,
            "current_path": request.full_path.rstrip("?") if request else "/",
        }


def init_static(app):
    """Fingerprinted static URLs (?v=<content hash>); app.ops.static_files serves them with a one-year
    immutable cache when the fingerprint is the file's."""
    from flask import url_for
    from pathlib import Path
    from app.core.fingerprint import file_fingerprint
    hashes: dict[str, str] = {}

    urls: dict[tuple[str, str], str] = {}

    def static_url(filename: str) -> str:
        from flask import request
        # A page asks for ~20 static URLs; build each once per mount point, not on every render.
        key = (request.script_root, filename)
        if key not in urls or app.debug:
            hashes[filename] = file_fingerprint(Path(app.static_folder) / filename)
            urls[key] = url_for("static", filename=filename, v=hashes[filename])
        return urls[key]

    app.jinja_env.globals.update(static_url=static_url)
