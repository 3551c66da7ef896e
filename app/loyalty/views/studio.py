"""Marketers: the city pass (title, reward, shops, dates) and confirming completed passes at the desk."""
from datetime import timedelta

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core import clock
from app.core.auth import Can, city_role_required, marketer_required, may
from app.core.forms import fill_translated, translated_data
from app.core.unit_of_work import unit_of_work
from app.loyalty.forms import PassForm, RedeemCodeForm
from app.loyalty.services import passes, redemptions

bp = Blueprint("loyalty_studio", __name__)


def _pass_form(city_pass) -> PassForm:
    form = PassForm(obj=city_pass)
    shops = passes.approved_shops(g.city.id)
    form.shop_ids.choices = [(shop.id, shop.display_name) for shop in shops]
    if request.method == "GET":
        if city_pass is None:
            today = clock.today()
            form.starts_on.data, form.ends_on.data = today, today + timedelta(days=90)
            form.distinct_shops_required.data, form.all_shops.data = 5, True
        else:
            fill_translated(form, "title", city_pass.title)
            fill_translated(form, "reward", city_pass.reward)
            form.shop_ids.data = [shop.id for shop in city_pass.shops]
    return form


@bp.route("/<city>/studio/pass", methods=["GET", "POST"])
@marketer_required
def city_pass():
    current = passes.pass_for_city(g.city.id)
    form = _pass_form(current)
    if form.validate_on_submit():
        passes.save_pass(g.city, title=translated_data(form, "title"), reward=translated_data(form, "reward"),
                         distinct_shops_required=form.distinct_shops_required.data, starts_on=form.starts_on.data,
                         ends_on=form.ends_on.data, all_shops=form.all_shops.data, shop_ids=form.shop_ids.data or [])
        flash(_("The city pass is saved."), "success")
        return redirect(url_for("loyalty_studio.city_pass"), 303)
    suspicious = passes.suspicious_completions(current) if current is not None else []
    return render_template("loyalty/studio/pass.html", form=form, city_pass=current, suspicious=suspicious,
                           fast_minutes=int(passes.FAST_COMPLETION.total_seconds() // 60),
                           burst=passes.BURST_STAMPS,
                           redeem_form=RedeemCodeForm(formdata=None)), 422 if form.errors else 200


@bp.route("/<city>/studio/pass/rewards", methods=["GET", "POST"])
@city_role_required(Can.CONFIRM_PASS_REWARDS)  # marketers and the city desk (nothing else of the studio)
def confirm_pass():
    form = RedeemCodeForm(data={"redeem_code": request.args.get("code") or request.args.get("redeem_code", "")}
                          if request.method == "GET" else None)
    pending, confirmed, status = None, None, 200
    if form.redeem_code.data:
        with unit_of_work() as work:
            pending = redemptions.find_pending(form.redeem_code.data, city_id=g.city.id)
            if form.validate_on_submit():
                confirmed, pending = redemptions.confirm(pending, current_user), None
        if work.refused:  # the reason itself, also for a refusal that names no field
            form.redeem_code.errors = list(form.redeem_code.errors) + [work.problem.detail]
            status = work.status
    return render_template("loyalty/studio/confirm.html", form=form, pending=pending, confirmed=confirmed,
                           studio=may(current_user, Can.USE_STUDIO, city=g.city)), status
