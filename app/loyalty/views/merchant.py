"""Merchant tools: programme settings, the counter display, posters, confirming rewards, figures.

Every page loads the shop through shops.services.profiles.merchant_shop_or_404: another merchant's shop is a 404.
The shop's city becomes g.city, so these pages wear the city's colours.
"""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext as _
from flask_login import current_user, login_required

from app.accounts.sessions import current_actor
from app.core import clock
from app.core.auth import Can, may
from app.core.forms import fill_translated, translated_data
from app.core.i18n import LANGUAGE_NAMES, translate
from app.core.tenancy import enter_city
from app.core.unit_of_work import unit_of_work
from app.loyalty import refusals
from app.loyalty.forms import ButtonForm, ProgrammeForm, RedeemCodeForm
from app.loyalty.qr import PosterText, poster_png, poster_svg, qr_png
from app.loyalty.services import programmes, redemptions, stats
from app.shops.models import Shop
from app.shops import my_shops_url
from app.shops.services.profiles import merchant_shop_or_404
from app.pwa.icon_cache import icon_png, spec_for
from app.shops.services.staff import reward_shop_ids, serving_shop_or_404

bp = Blueprint("loyalty_merchant", __name__, url_prefix="/merchant")
POSTER_SIZES = ("A4", "A5")
# A poster speaks Dutch, and below it the language of the visitors the merchant expects.
POSTER_LANGUAGES = ("en", "fr", "de")
POSTER_MARK_PX = 512


def _shop(shop_id: int) -> Shop:
    shop = merchant_shop_or_404(current_actor(), shop_id)
    enter_city(shop.city)
    return shop


def _counter_shop(shop_id: int) -> Shop:
    """The counter display: the owner's, or the shop staff's of this shop (nothing else of it)."""
    shop = serving_shop_or_404(current_actor(), shop_id)
    enter_city(shop.city)
    return shop


def _no_store(response: Response) -> Response:
    response.cache_control.no_store = True
    return response


@bp.route("/shops/<int:shop_id>/stamps", methods=["GET", "POST"])
@login_required
def programme(shop_id: int):
    shop = _shop(shop_id)
    prog = programmes.ensure_programme(shop)
    form = ProgrammeForm(obj=prog)
    if request.method == "GET":
        fill_translated(form, "reward", prog.reward)
    if form.validate_on_submit():
        programmes.update_programme(prog, stamps_required=form.stamps_required.data, reward=translated_data(form, "reward"),
                                    cooldown_hours=form.cooldown_hours.data, active=form.active.data)
        flash(_("Your stamp card is saved."), "success")
        return redirect(url_for("loyalty_merchant.programme", shop_id=shop.id), 303)
    page = render_template("loyalty/merchant/programme.html", shop=shop, programme=prog, form=form,
                           redeem_form=RedeemCodeForm(), action_form=ButtonForm(),
                           poster_days=programmes.poster_cooldown().days, my_shops_url=my_shops_url(),
                           poster_languages=[(code, LANGUAGE_NAMES[code]) for code in POSTER_LANGUAGES])
    return page, 422 if form.errors else 200


@bp.route("/shops/<int:shop_id>/counter")
@login_required
def counter(shop_id: int):
    shop = _counter_shop(shop_id)
    prog = programmes.ensure_programme(shop)
    code = programmes.counter_code(prog)
    close_url = (url_for("loyalty_merchant.programme", shop_id=shop.id)
                 if may(current_user, Can.MANAGE_SHOP, shop=shop) else my_shops_url())
    return _no_store(Response(render_template(
        "loyalty/merchant/counter.html", shop=shop, programme=prog, code=code, close_url=close_url, now=clock.now(),
        refresh_in=max(1, int((code.expires_at - clock.now()).total_seconds()) + 1))))


@bp.route("/shops/<int:shop_id>/counter.png")
@login_required
def counter_png(shop_id: int):
    shop = _counter_shop(shop_id)
    prog = programmes.ensure_programme(shop)
    step = programmes.displayable_step(request.args.get("step", type=int))
    code = programmes.counter_code(prog, step=step)
    return _no_store(Response(qr_png(code.url, box_size=12), mimetype="image/png"))


@bp.route("/shops/<int:shop_id>/poster-<size>.<fmt>")
@login_required
def poster(shop_id: int, size: str, fmt: str):
    if size not in POSTER_SIZES or fmt not in ("png", "svg"):
        abort(404)
    second_language = request.args.get("lang", POSTER_LANGUAGES[0])
    if second_language not in POSTER_LANGUAGES:
        abort(400)
    shop = _shop(shop_id)
    prog = programmes.ensure_programme(shop)
    dutch = _poster_text(prog, "nl")
    options = dict(shop_name=shop.display_name, instruction=dutch.instruction, reward=dutch.reward,
                   second=_poster_text(prog, second_language),
                   # The town's own name in every language pair (Kortrijk, never Courtrai).
                   city_name=translate(shop.city.names, locale=shop.city.default_locale),
                   primary_hex=shop.city.primary_color, on_primary_hex=shop.city.on_primary, size=size,
                   logo_png=icon_png(spec_for(shop.city, POSTER_MARK_PX, maskable=False)))
    url = programmes.poster_url(prog)
    if fmt == "png":
        response = Response(poster_png(url, **options), mimetype="image/png")
    else:
        response = Response(poster_svg(url, **options), mimetype="image/svg+xml")
    filename = f"kick-{shop.city.slug}-{shop.slug}-poster-{size}-nl-{second_language}.{fmt}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _no_store(response)


def _poster_text(prog, locale: str) -> PosterText:
    """The reward and the call to scan in one language (the reward falls back as on the shop page)."""
    with force_locale(locale):
        text = PosterText(
            reward=reward_line(prog.stamps_required, translate(prog.reward, locale=locale, fallback="nl")),
            instruction=_("Scan with your phone camera and collect a stamp"))
    return french_apostrophes(text) if locale == "fr" else text


def french_apostrophes(text: PosterText) -> PosterText:
    """Printed French takes the typographic apostrophe (l’appareil), also in the merchant's own reward words."""
    return PosterText(reward=text.reward.replace("'", "’"), instruction=text.instruction.replace("'", "’"))


def reward_line(stamps: int, reward: str) -> str:
    """'10 stempels = gratis koffie' in the active language."""
    return _("%(n)d stamps = %(reward)s", n=stamps, reward=reward)


@bp.route("/shops/<int:shop_id>/posters/revoke", methods=["POST"])
@login_required
def revoke_posters(shop_id: int):
    shop = _shop(shop_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    programmes.revoke_posters(programmes.ensure_programme(shop))
    flash(_("Old posters no longer work. Download and print the new poster."), "success")
    return redirect(url_for("loyalty_merchant.programme", shop_id=shop.id, _anchor="poster"), 303)


@bp.route("/shops/<int:shop_id>/stats")
@login_required
def shop_stats(shop_id: int):
    shop = _shop(shop_id)
    return render_template("loyalty/merchant/stats.html", shop=shop, stats=stats.shop_stats(shop.id),
                           refusal_label=refusals.label)


@bp.route("/rewards", methods=["GET", "POST"])
@login_required
def confirm():
    """Confirm a shopper's reward: typed code, or the merchant's camera scanning the reward screen."""
    shop_ids = reward_shop_ids(current_actor())  # their shops and those they serve at as shop staff
    if not shop_ids:
        abort(404)
    form = RedeemCodeForm(data={"redeem_code": request.args.get("code") or request.args.get("redeem_code", "")}
                          if request.method == "GET" else None)
    pending, status, confirmed = None, 200, None
    code_text = form.redeem_code.data or ""
    if code_text:
        with unit_of_work() as work:
            pending = redemptions.find_pending(code_text, shop_ids=shop_ids)
            if form.validate_on_submit():
                confirmed = redemptions.confirm(pending, current_user)
                pending = None
        if work.refused:  # the reason itself, also for a refusal that names no field
            form.redeem_code.errors = list(form.redeem_code.errors) + [work.problem.detail]
            status = work.status
    if pending is not None:
        enter_city(pending.card.programme.shop.city)
    elif confirmed is not None:
        enter_city(confirmed.card.programme.shop.city)
    return render_template("loyalty/merchant/confirm.html", form=form, pending=pending,
                           confirmed=confirmed, my_shops_url=my_shops_url()), status
