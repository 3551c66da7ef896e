"""Shopper pages: the scan target, my stamps (cards + city pass), typing a code, the reward screen."""
from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.sessions import ensure_shopper
from app.cities.cache import reads_city_snapshot
from app.core import clock
from app.core.problem import ProblemError
from app.core.registry import panels_for
from app.core.unit_of_work import unit_of_work
from app.core.urls import external_url
from app.extensions import db
from app.loyalty import STAMPED_PANELS, presenters
from app.loyalty.codes import CodeError, parse_code
from app.loyalty.forms import ButtonForm, EnterCodeForm
from app.loyalty.limits import numeric_limits, scan_limits
from app.loyalty.models import Redemption
from app.loyalty.qr import qr_svg
from app.loyalty.services import cards, passes, redemptions, scanning
from app.shops.models import Shop

bp = Blueprint("loyalty", __name__)


def _shop_hint(code: str):
    """The shop a code claims to be from (for the page title only; nothing is verified or written)."""
    try:
        shop_id = parse_code(code).shop_id
    except CodeError:
        return None
    shop = db.session.get(Shop, shop_id)
    return shop if shop is not None and shop.city_id == g.city.id and shop.is_public else None


def _city_shops() -> list[passes.CityShop]:
    """This city's approved shops as the stamps page shows them; read once per request."""
    if "loyalty_city_shops" not in g:
        user_id = current_user.id if current_user.is_authenticated else None
        g.loyalty_city_shops = passes.pass_shop_rows(g.city.id, user_id)
    return g.loyalty_city_shops


def _enter_form() -> EnterCodeForm:
    form = EnterCodeForm()
    # Typing the numeric code: only shops where stamps can be collected now.
    form.shop_id.choices = [(row.shop.id, row.shop.display_name) for row in _city_shops() if row.gives_stamps]
    return form


def _stamps_page(enter_form: EnterCodeForm, status: int = 200):
    page = presenters.stamps_page(cards.overview(current_user, g.city), current_user, _city_shops())
    new_card_id = request.args.get("new", type=int)
    stamped = panels_for(current_app, STAMPED_PANELS, (current_user, g.city)) if new_card_id and status == 200 else []
    return render_template("loyalty/stamps.html", page=page, states=presenters.CardState,
                           enter_form=enter_form, action_form=ButtonForm(),
                           new_card_id=new_card_id, stamped_panels=stamped), status


def _stamped(result: scanning.ScanResult):
    if result.pass_pending:
        flash(_("A poster stamp counts for your shop card. For the city pass, scan the code on the screen at the "
                "counter of this shop: a poster alone does not prove you were there."), "info")
    return redirect(url_for("loyalty.stamps", new=result.card.id, _anchor=f"card-{result.card.id}"), 303)


@bp.route("/<city>/s/<code>", methods=["GET"])
def scan(code: str):
    # A GET never stamps: link previews and prefetchers must not use up a shopper's stamp.
    if len(code) > 100:
        abort(404)
    return render_template("loyalty/scan.html", form=ButtonForm(), code=code, shop=_shop_hint(code))


@bp.route("/<city>/s/<code>", methods=["POST"])
@reads_city_snapshot
@scan_limits
def scan_post(code: str):
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    with unit_of_work() as work:
        result = scanning.scan(g.city, code, ensure_shopper)
    if work.refused:
        return render_template("loyalty/scan.html", form=form, code=code, shop=_shop_hint(code),
                               refusal=work.problem), work.status
    return _stamped(result)


@bp.route("/<city>/stamps")
def stamps():
    return _stamps_page(_enter_form())


@bp.route("/<city>/stamps/code", methods=["POST"])
@scan_limits
@numeric_limits
def enter_code():
    form = _enter_form()
    if not form.validate_on_submit():
        return _stamps_page(form, 422)
    with unit_of_work() as work:
        result = scanning.scan(g.city, form.digits.data, ensure_shopper, numeric_shop_id=form.shop_id.data)
    if work.refused:
        form.digits.errors = list(form.digits.errors) + [work.problem.detail]
        return _stamps_page(form, work.status)
    return _stamped(result)


@bp.route("/<city>/stamps/cards/<int:card_id>/redeem", methods=["POST"])
@login_required
def redeem(card_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400)
    card = cards.own_card_or_404(current_user, card_id, g.city.id)
    with unit_of_work() as work:
        redemption = redemptions.request_redemption(card)
    if work.refused:
        flash(work.problem.detail, "error")
        return redirect(url_for("loyalty.stamps"), 303)
    return redirect(url_for("loyalty.reward", redemption_id=redemption.id), 303)


def confirm_url(redemption: Redemption) -> str:
    """Where the merchant's (or city desk's) phone camera lands when it scans the reward screen."""
    if redemption.shop_id is None:
        return external_url("loyalty_studio.confirm_pass", code=redemption.code)
    return external_url("loyalty_merchant.confirm", code=redemption.code)


@bp.route("/<city>/stamps/rewards/<int:redemption_id>")
@login_required
def reward(redemption_id: int):
    redemption = redemptions.own_redemption_or_404(current_user, redemption_id, g.city.id)
    return render_template("loyalty/reward.html", redemption=redemption, card=redemption.card,
                           where=presenters.card_title(redemption.card), live=redemptions.is_live(redemption),
                           action_form=ButtonForm(), now=clock.now(), time_zone=clock.TZ.key)


@bp.route("/<city>/stamps/rewards/<int:redemption_id>/qr.svg")
@login_required
def reward_qr(redemption_id: int):
    redemption = redemptions.own_redemption_or_404(current_user, redemption_id, g.city.id)
    if not redemptions.is_live(redemption):
        abort(404)
    response = Response(qr_svg(confirm_url(redemption)), mimetype="image/svg+xml")
    response.cache_control.no_store = True
    return response


@bp.errorhandler(429)
def rate_limited(error):
    """A rate-limited scan gets the friendly scan page (with Retry-After), not a bare error page."""
    limited = getattr(error, "response", None)
    headers = {"Retry-After": limited.headers["Retry-After"]} if limited is not None and \
        limited.headers.get("Retry-After") else {}
    refusal = ProblemError(429, _("Too many scans in a short time. Wait a moment and try again."),
                           code="rate_limited")
    code = (request.view_args or {}).get("code", "")
    if request.endpoint == "loyalty.enter_code":
        form = _enter_form()
        form.digits.errors = [refusal.detail]
        body, _status = _stamps_page(form, 429)
        return body, 429, headers
    return render_template("loyalty/scan.html", form=ButtonForm(), code=code, shop=None, refusal=refusal), 429, headers
