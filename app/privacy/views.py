"""The privacy page, per city (the city runs its app) and for the platform picker."""
from flask import Blueprint, current_app, g, render_template

from app.privacy.retention import retention_for

bp = Blueprint("privacy", __name__)


@bp.route("/privacy")
@bp.route("/<city>/privacy")
def page():
    return render_template("privacy/page.html", retention=retention_for(current_app.config, g.get("city")),
                           contact=current_app.config["KICK_PRIVACY_CONTACT"])
