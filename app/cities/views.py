"""Public city pages: the picker at / and each city's home; the studio dashboard."""
from flask import Blueprint, current_app, render_template

from app.cities.services import all_cities
from app.core.auth import marketer_required
from app.core.registry import get_registry

bp = Blueprint("cities", __name__)


@bp.route("/")
def picker():
    return render_template("cities/picker.html", cities=all_cities())


@bp.route("/<city>/")
def home():
    from flask import g
    sections = []
    for section in get_registry(current_app).home:
        context = section.loader(g.city)
        if context is not None:
            sections.append((section.template, context))
    return render_template("cities/home.html", sections=sections)


@bp.route("/<city>/studio/")
@marketer_required
def studio():
    return render_template("cities/studio.html", sections=get_registry(current_app).studio)
