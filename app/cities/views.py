"""Public city pages: the picker at / and each city's home; the studio dashboard."""
from flask import Blueprint, current_app, render_template

from app.cities.services import live_cities
from app.core.auth import marketer_required
from app.core.registry import HOME, get_registry, panels_for

bp = Blueprint("cities", __name__)


@bp.route("/")
def picker():
    return render_template("cities/picker.html", cities=live_cities())


@bp.route("/<city>/")
def home():
    from flask import g
    return render_template("cities/home.html", sections=panels_for(current_app, HOME, g.city))


@bp.route("/<city>/studio/")
@marketer_required
def studio():
    return render_template("cities/studio.html", sections=get_registry(current_app).studio)
