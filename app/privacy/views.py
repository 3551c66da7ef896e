"""The privacy page, per city (the city runs its app) and for the platform picker."""
from flask import Blueprint, current_app, g, render_template

from app.core.registry import PRIVACY_PAGE, panels_for
from app.privacy.retention import retention_for

bp = Blueprint("privacy", __name__)


@bp.route("/privacy")
@bp.route("/<city>/privacy")
def page():
    city = g.get("city")
    # A town may name its own privacy contact (an email or a web address); else the platform's.
    contact = getattr(city, "privacy_contact", None) or current_app.config["KICK_PRIVACY_CONTACT"]
    return render_template("privacy/page.html", retention=retention_for(current_app.config, city),
                           contact=contact, contact_is_url=contact.startswith("https://"),
                           panels=panels_for(current_app, PRIVACY_PAGE, city))
