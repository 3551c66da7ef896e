"""The merchant's staff page: who runs the counter of one shop, invitations by email, withdraw and revoke.
Only the shop's owner (or a platform admin) opens it; staff and everyone else get a 404."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.accounts import invitations
from app.accounts.forms import RoleActionForm
from app.accounts.invitations import role_label
from app.accounts.sessions import current_actor
from app.core.auth import Role
from app.core.tenancy import enter_city
from app.core.unit_of_work import unit_of_work
from app.shops.forms import EmailInviteForm
from app.shops.services import merchant_shop_or_404

bp = Blueprint("shop_staff", __name__, url_prefix="/merchant")


def _shop(shop_id: int):
    shop = merchant_shop_or_404(current_actor(), shop_id)
    enter_city(shop.city)
    return shop


def _page(shop, form=None):
    return render_template("merchant/staff.html", shop=shop, people=invitations.shop_people(shop.id),
                           form=form or EmailInviteForm(), action_form=RoleActionForm(formdata=None),
                           role_label=role_label)


def _refused(shop, work):
    if work.status == 404:
        abort(404)
    flash(work.problem.detail, "error")
    return _page(shop), work.status


@bp.route("/shops/<int:shop_id>/staff")
@login_required
def staff(shop_id: int):
    return _page(_shop(shop_id))


@bp.route("/shops/<int:shop_id>/staff/invite", methods=["POST"])
@login_required
def invite(shop_id: int):
    shop = _shop(shop_id)
    form = EmailInviteForm()
    if not form.validate_on_submit():
        return _page(shop, form), 422
    with unit_of_work(form) as work:
        invitations.invite(current_actor(), email=form.email.data, role=Role.STAFF, city=shop.city, shop_id=shop.id)
    if work.refused:
        return _page(shop, form), work.status
    flash(_("Invitation sent to %(email)s.", email=form.email.data.strip().lower()), "success")
    return redirect(url_for("shop_staff.staff", shop_id=shop.id), 303)


@bp.route("/shops/<int:shop_id>/staff/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@login_required
def withdraw(shop_id: int, invitation_id: int):
    shop = _shop(shop_id)
    if not RoleActionForm().validate_on_submit():
        abort(400)
    with unit_of_work() as work:
        invitations.withdraw(current_actor(), invitations.pending_invitation_or_404(invitation_id, shop_id=shop.id))
    if work.refused:
        return _refused(shop, work)
    flash(_("The invitation is withdrawn: its link no longer works."), "success")
    return redirect(url_for("shop_staff.staff", shop_id=shop.id), 303)


@bp.route("/shops/<int:shop_id>/staff/<int:membership_id>/revoke", methods=["POST"])
@login_required
def revoke(shop_id: int, membership_id: int):
    shop = _shop(shop_id)
    if not RoleActionForm().validate_on_submit():
        abort(400)
    with unit_of_work() as work:
        invitations.revoke(current_actor(), invitations.membership_or_404(membership_id, shop_id=shop.id))
    if work.refused:
        return _refused(shop, work)
    flash(_("The role is revoked."), "success")
    return redirect(url_for("shop_staff.staff", shop_id=shop.id), 303)
