"""City studio: the review queue, one shop's review page (with the diff), decisions, spotlights."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.accounts.sessions import current_actor
from app.core import clock
from app.core.auth import marketer_required
from app.core.forms import ImportFileForm
from app.core.tenancy import get_in_city_or_404
from app.core.unit_of_work import unit_of_work
from app.shops.forms import CATEGORY_LABELS, DAY_LABELS, LANGUAGE_LABELS, EmailInviteForm, ReasonForm, SpotlightForm
from app.shops.hours import DAYS, has_weekly_hours
from app.shops.models import Shop, ShopStatus
from app.shops.services import claims, imports, review

bp = Blueprint("shops_studio", __name__)


@bp.route("/<city>/studio/shops")
@marketer_required
def queue():
    return render_template("shops/studio/queue.html", queue=review.review_queue(g.city),
                           shops=review.reviewable_shops(g.city), today=clock.today(), categories=CATEGORY_LABELS,
                           access_progress=review.accessibility_progress(g.city))


def _review_page(shop, status=200, reason_form=None, spotlight_form=None, owner_form=None):
    spotlight_form = spotlight_form or SpotlightForm(formdata=None, obj=shop)
    return render_template("shops/studio/shop.html", shop=shop, diff=review.diff(shop),
                           photo_diff=review.photo_diff(shop), reason_form=reason_form or ReasonForm(formdata=None),
                           spotlight_form=spotlight_form, owner_form=owner_form or EmailInviteForm(formdata=None),
                           pending_owner=claims.pending_owner_invitation(shop), categories=CATEGORY_LABELS,
                           language_labels=LANGUAGE_LABELS, today=clock.today(), days=DAYS, day_labels=DAY_LABELS,
                           hours_given=has_weekly_hours(shop.opening_hours)), status


@bp.route("/<city>/studio/shops/<int:shop_id>/invite-owner", methods=["POST"])
@marketer_required
def invite_owner(shop_id):
    """An imported shop nobody has claimed (a row without an address, or a wrong one): invite its owner."""
    shop = get_in_city_or_404(Shop, shop_id, g.city)
    form = EmailInviteForm()
    if not form.validate_on_submit():
        return _review_page(shop, 422, owner_form=form)
    with unit_of_work(form) as work:
        claims.invite_owner(current_actor(), shop, form.email.data)
    if work.refused:
        return _review_page(shop, work.status, owner_form=form)
    flash(_("Invitation sent to %(email)s.", email=form.email.data.strip().lower()), "success")
    return redirect(url_for("shops_studio.shop", shop_id=shop.id), 303)


@bp.route("/<city>/studio/shops/<int:shop_id>")
@marketer_required
def shop(shop_id):
    shop = get_in_city_or_404(Shop, shop_id, g.city)
    # A draft is the merchant's own business; an imported one that nobody has claimed yet is the city's.
    if shop.status == ShopStatus.DRAFT and shop.is_claimed:
        return redirect(url_for("shops_studio.queue"))
    return _review_page(shop)


def _decide(shop_id, action):
    shop = get_in_city_or_404(Shop, shop_id, g.city)
    with unit_of_work() as work:
        action(shop)
    if work.refused:
        flash(work.problem.detail, "error")
        return None, shop, work.problem
    return shop, shop, None


@bp.route("/<city>/studio/shops/<int:shop_id>/approve", methods=["POST"])
@marketer_required
def approve(shop_id):
    done, shop, _problem = _decide(shop_id, review.approve)
    if done:
        flash(_("%(shop)s is approved.", shop=shop.display_name), "success")
    return redirect(url_for("shops_studio.queue") if done else url_for("shops_studio.shop", shop_id=shop_id))


@bp.route("/<city>/studio/shops/<int:shop_id>/reject", methods=["POST"])
@bp.route("/<city>/studio/shops/<int:shop_id>/suspend", methods=["POST"], endpoint="suspend")
@marketer_required
def reject(shop_id):
    shop = get_in_city_or_404(Shop, shop_id, g.city)
    form = ReasonForm()
    suspending = request.endpoint == "shops_studio.suspend"
    if not form.validate_on_submit():
        return _review_page(shop, 422, reason_form=form)
    with unit_of_work(form, rest="reason") as work:
        (review.suspend if suspending else review.reject)(shop, form.reason.data)
    if work.refused:
        if not work.problem.errors:
            flash(work.problem.detail, "error")
        return _review_page(shop, work.status, reason_form=form)
    flash(_("%(shop)s is hidden.", shop=shop.display_name) if suspending
          else _("%(shop)s was sent back to the merchant.", shop=shop.display_name), "info")
    return redirect(url_for("shops_studio.queue"))


@bp.route("/<city>/studio/shops/<int:shop_id>/reinstate", methods=["POST"])
@marketer_required
def reinstate(shop_id):
    done, shop, _problem = _decide(shop_id, review.reinstate)
    if done:
        flash(_("%(shop)s is visible again.", shop=shop.display_name), "success")
    return redirect(url_for("shops_studio.shop", shop_id=shop_id))


@bp.route("/<city>/studio/shops/<int:shop_id>/spotlight", methods=["POST"])
@marketer_required
def spotlight(shop_id):
    shop = get_in_city_or_404(Shop, shop_id, g.city)
    if request.form.get("action") == "end":
        review.set_spotlight(shop, None, None)
        flash(_("The spotlight has ended."), "info")
        return redirect(url_for("shops_studio.shop", shop_id=shop_id))
    form = SpotlightForm()
    if not form.validate_on_submit():
        return _review_page(shop, 422, spotlight_form=form)
    with unit_of_work(form) as work:
        review.set_spotlight(shop, form.featured_from.data, form.featured_until.data, form.featured_rank.data or 0)
    if work.refused:
        return _review_page(shop, work.status, spotlight_form=form)
    flash(_("%(shop)s is in the spotlight.", shop=shop.display_name), "success")
    return redirect(url_for("shops_studio.shop", shop_id=shop_id))


@bp.route("/<city>/studio/shops/import", methods=["GET", "POST"])
@marketer_required
def import_shops():
    """Upload a CSV of shops; the answer is the report (created, rejected rows with reasons, skipped)."""
    form = ImportFileForm()
    form.file.render_kw = {"accept": ".csv,text/csv"}
    report, status = None, 200
    if request.method == "POST":
        if form.validate_on_submit():
            with unit_of_work(form) as work:
                report = imports.import_shops(current_actor(), g.city, form.file.data)
            status = work.status
        else:
            status = 422
    return render_template("shops/studio/import.html", form=form, report=report, header=",".join(imports.HEADER),
                           unclaimed=imports.unclaimed_shops(g.city), categories=CATEGORY_LABELS), status
