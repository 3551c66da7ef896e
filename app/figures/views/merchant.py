"""A merchant's own shop figures beside the average shop of its category in the town (never another shop's
own figures), so a small shop can tell whether a slow month is its own or the town's: a panel on the
merchant's shop page, and a page of its own with the period picker."""
from flask import Blueprint, current_app, render_template
from flask_login import login_required

from app.accounts.sessions import current_actor
from app.core import clock
from app.core.problem import ProblemError
from app.core.tenancy import enter_city
from app.figures.services import reading
from app.figures.views import labels
from app.figures.views.dashboard_csv import category_label
from app.figures.views.studio import asked_period
from app.shops.services.profiles import merchant_shop_or_404

bp = Blueprint("figures_merchant", __name__, url_prefix="/merchant")


def shop_panel(shop) -> dict | None:
    """The merchant's shop page: last month's stamps against last year, beside shops of its kind."""
    if not shop.has_live_version:
        return None  # no public page yet, so nothing to count
    period = reading.last_full_month(clock.today())
    figures = reading.read_shop(shop, period, minimum=current_app.config["KICK_FIGURES_MIN_PEOPLE"])
    return {"figures": figures, "labels": labels, "category": category_label(shop.category)}


@bp.route("/shops/<int:shop_id>/figures")
@login_required
def shop_figures(shop_id: int):
    shop = merchant_shop_or_404(current_actor(), shop_id)
    enter_city(shop.city)
    today = clock.today()
    presets = {"week": reading.last_full_week(today), "month": reading.last_full_month(today)}
    try:
        period = asked_period()
    except ProblemError as problem:
        return render_template("figures/merchant/figures.html", shop=shop, figures=None, problem=problem,
                               presets=presets, labels=labels, today=today), problem.status
    figures = reading.read_shop(shop, period, minimum=current_app.config["KICK_FIGURES_MIN_PEOPLE"])
    return render_template("figures/merchant/figures.html", shop=shop, figures=figures, problem=None,
                           presets=presets, labels=labels, today=today, category=category_label(shop.category))
