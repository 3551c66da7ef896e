"""Public city pages: the picker at / and each city's home; the studio dashboard."""
from flask import Blueprint, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from app.cities.forms import TownStatusForm
from app.cities.models import CityStatus
from app.cities.services import live_cities, set_city_status
from app.core.auth import current_actor, marketer_required
from app.core.registry import HOME, get_registry, panels_for, picker_facts_for
from app.core.unit_of_work import unit_of_work

bp = Blueprint("cities", __name__)


@bp.route("/")
def picker():
    cities = live_cities()
    return render_template("cities/picker.html", cities=cities, facts=picker_facts_for(current_app, cities))


@bp.route("/<city>/")
def home():
    from flask import g
    return render_template("cities/home.html", sections=panels_for(current_app, HOME, g.city))


@bp.route("/<city>/studio/")
@marketer_required
def studio():
    return _studio_page(TownStatusForm(formdata=None, status=CityStatus.LIVE.value), 200)


@bp.route("/<city>/studio/go-live", methods=["POST"])
@marketer_required
def go_live():
    """A draft town's marketers open it to the public when it is ready (taking a live town back to draft is
    the platform admins' decision: the console). Recorded in the audit log through city_status_changed."""
    form = TownStatusForm(status=CityStatus.LIVE.value)
    # The studio only opens a town; a marketer posting "draft" gets the form back (that is the admins' call).
    if not form.validate_on_submit() or form.status.data != CityStatus.LIVE.value:
        return _studio_page(form, 422)
    if g.city.is_live:  # sent twice, or from a second tab
        return redirect(url_for("cities.studio"))
    with unit_of_work(form) as work:
        set_city_status(g.city, CityStatus.LIVE.value, actor=current_actor())
    if work.refused:  # pragma: no cover - the only status sent is "live"
        return _studio_page(form, work.status)
    flash(_("%(town)s is live: everyone can open its app now.", town=g.city.name), "success")
    return redirect(url_for("cities.studio"))


def _studio_page(status_form, status: int):
    return render_template("cities/studio.html", sections=get_registry(current_app).studio,
                           status_form=status_form), status
