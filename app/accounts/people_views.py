"""People with roles: the platform admin's people page and audit log (/admin/people, /admin/audit), the city
studio's desk page (/<city>/studio/people), and the page an invitation link opens (/invitations/<token>).
The merchant's staff page is the shops feature's (it knows shops)."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts import invitations, services, sessions
from app.accounts.forms import (AcceptInvitationForm, InviteeLoginForm, InviteeRegisterForm, InviteForm,
                                RoleActionForm)
from app.accounts.invitations import role_label
from app.accounts.landing import landing_url
from app.cities.services import all_cities, can_see, city_by_slug
from app.core.auth import CITY_ROLES, Can, Role, admin_required, city_role_required
from app.core.problem import ProblemError
from app.core.ratelimit import client_ip, config_limit
from app.core.tenancy import enter_city
from app.core.unit_of_work import unit_of_work
from app.extensions import limiter

bp = Blueprint("people", __name__)


def _refused(work, render):
    """A refused role change: 404 stays a 404 page; any other refusal shows the page with its reason."""
    if work.status == 404:
        abort(404)
    flash(work.problem.detail, "error")
    return render(), work.status


def _button() -> None:
    if not RoleActionForm().validate_on_submit():
        abort(400)


# ------------------------------------------------------------------ platform admin


def _admin_form() -> InviteForm:
    form = InviteForm()
    form.role.choices = [(role.value, role_label(role)) for role in CITY_ROLES]
    form.city.choices = [(city.slug, city.name) for city in all_cities()]
    return form


def _admin_page(form=None):
    return render_template("accounts/admin_people.html", people=invitations.people(), form=form or _admin_form(),
                           action_form=RoleActionForm(formdata=None), role_label=role_label)


@bp.route("/admin/people")
@admin_required
def admin_people():
    form = _admin_form()
    # From a town's settings page ("invite its marketer"): that town, the marketer role.
    wanted = request.args.get("city")
    if wanted in {slug for slug, _label in form.city.choices}:
        form.city.data, form.role.data = wanted, Role.MARKETER.value
    return _admin_page(form)


@bp.route("/admin/people/invite", methods=["POST"])
@admin_required
def admin_invite():
    form = _admin_form()
    if not form.validate_on_submit():
        return _admin_page(form), 422
    with unit_of_work(form) as work:
        invitations.invite(sessions.current_actor(), email=form.email.data, role=form.role.data,
                           city=city_by_slug(form.city.data))
    if work.refused:
        return _admin_page(form), work.status
    flash(_("Invitation sent to %(email)s.", email=form.email.data.strip().lower()), "success")
    return redirect(url_for("people.admin_people"), 303)


@bp.route("/admin/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@admin_required
def admin_withdraw(invitation_id: int):
    _button()
    with unit_of_work() as work:
        invitations.withdraw(sessions.current_actor(), invitations.pending_invitation_or_404(invitation_id))
    if work.refused:
        return _refused(work, _admin_page)
    flash(_("The invitation is withdrawn: its link no longer works."), "success")
    return redirect(url_for("people.admin_people"), 303)


@bp.route("/admin/people/<int:membership_id>/revoke", methods=["POST"])
@admin_required
def admin_revoke(membership_id: int):
    _button()
    with unit_of_work() as work:
        invitations.revoke(sessions.current_actor(), invitations.membership_or_404(membership_id))
    if work.refused:
        return _refused(work, _admin_page)
    flash(_("The role is revoked."), "success")
    return redirect(url_for("people.admin_people"), 303)


@bp.route("/admin/audit")
@admin_required
def audit():
    page = invitations.audit_page(request.args.get("page", 1, type=int) or 1)
    return render_template("accounts/audit.html", page=page, role_label=role_label)


# ------------------------------------------------------------------ city studio: the desk


def _studio_form() -> InviteForm:
    form = InviteForm()
    del form.city  # this city
    form.role.choices = [(Role.DESK.value, role_label(Role.DESK))]
    if current_user.is_admin:
        form.role.choices.insert(0, (Role.MARKETER.value, role_label(Role.MARKETER)))
    return form


def _studio_page(form=None):
    roles = CITY_ROLES if current_user.is_admin else (Role.DESK,)
    return render_template("accounts/studio_people.html", people=invitations.people(g.city, roles=roles),
                           form=form or _studio_form(), action_form=RoleActionForm(formdata=None),
                           role_label=role_label)


@bp.route("/<city>/studio/people")
@city_role_required(Can.MANAGE_DESK)
def studio_people():
    return _studio_page()


@bp.route("/<city>/studio/people/invite", methods=["POST"])
@city_role_required(Can.MANAGE_DESK)
def studio_invite():
    form = _studio_form()
    if not form.validate_on_submit():
        return _studio_page(form), 422
    with unit_of_work(form) as work:
        invitations.invite(sessions.current_actor(), email=form.email.data, role=form.role.data, city=g.city)
    if work.refused:
        return _studio_page(form), work.status
    flash(_("Invitation sent to %(email)s.", email=form.email.data.strip().lower()), "success")
    return redirect(url_for("people.studio_people"), 303)


@bp.route("/<city>/studio/people/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@city_role_required(Can.MANAGE_DESK)
def studio_withdraw(invitation_id: int):
    _button()
    with unit_of_work() as work:
        invitation = invitations.pending_invitation_or_404(invitation_id, city=g.city)
        invitations.withdraw(sessions.current_actor(), invitation)
    if work.refused:
        return _refused(work, _studio_page)
    flash(_("The invitation is withdrawn: its link no longer works."), "success")
    return redirect(url_for("people.studio_people"), 303)


@bp.route("/<city>/studio/people/<int:membership_id>/revoke", methods=["POST"])
@city_role_required(Can.MANAGE_DESK)
def studio_revoke(membership_id: int):
    _button()
    with unit_of_work() as work:
        invitations.revoke(sessions.current_actor(), invitations.membership_or_404(membership_id, city=g.city))
    if work.refused:
        return _refused(work, _studio_page)
    flash(_("The role is revoked."), "success")
    return redirect(url_for("people.studio_people"), 303)


# ------------------------------------------------------------------ the invitation link


def _invitation_page(token, invitation, forms, status=200):
    inviter = invitation.invited_by
    actor = current_user
    signed_in = actor.is_authenticated and not actor.is_anonymous_shopper
    wrong = signed_in and (actor.email or "").lower() != invitation.email
    return render_template("accounts/invitation.html", token=token, invitation=invitation,
                           offer=invitations.offer_text(invitation), role=role_label(invitation.role),
                           shop_name=invitations.shop_name(invitation),
                           inviter=(inviter.display_name or inviter.email) if inviter else None,
                           signed_in=signed_in, wrong_account=wrong,
                           has_account=services.find_user_by_email(invitation.email) is not None,
                           **forms), status


def _forms():
    return {"accept_form": AcceptInvitationForm(), "login_form": InviteeLoginForm(),
            "register_form": InviteeRegisterForm()}


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, methods=["POST"], scope="invitation-ip")
def invitation(token: str):
    """What the link offers, and accepting it: as the logged-in account, by logging in, or with a new account
    for the invited address (the link proves it is theirs)."""
    try:
        offered = invitations.invitation_for(token)
    except ProblemError as problem:
        return render_template("accounts/confirm.html", problem=problem, invitation=True), problem.status
    # In the town's colours and menu, unless the town is a draft the reader may not see yet: its links would 404.
    if can_see(current_user, offered.city):
        enter_city(offered.city)
    forms = _forms()
    if request.method == "GET":
        return _invitation_page(token, offered, forms)
    if current_user.is_authenticated and not current_user.is_anonymous_shopper:
        return _accept_signed_in(token, offered, forms)
    if request.form.get("step") == "login":
        return _accept_by_login(token, offered, forms)
    return _accept_by_register(token, offered, forms)


def _accepted(invitation):
    flash(_("Welcome! You are now: %(role)s.", role=role_label(invitation.role)), "success")
    return redirect(landing_url(sessions.current_actor()) or url_for("cities.picker"), 303)


def _accept_signed_in(token, offered, forms):
    if not forms["accept_form"].validate_on_submit():
        abort(400)
    with unit_of_work() as work:
        invitations.accept(token, sessions.current_actor())
    if work.refused:
        flash(work.problem.detail, "error")
        return _invitation_page(token, offered, forms, work.status)
    sessions.start_session(sessions.current_actor(), remember=True)  # a staff login: the 30-day lifetime
    return _accepted(offered)


def _accept_by_login(token, offered, forms):
    form = forms["login_form"]
    if not form.validate_on_submit():
        return _invitation_page(token, offered, forms, 422)
    user = services.authenticate(offered.email, form.password.data)
    if user is None:
        form.password.errors.append(_("Email or password is not correct."))
        return _invitation_page(token, offered, forms, 401)
    with unit_of_work(form) as work:
        invitations.accept(token, user)
    if work.refused:
        flash(work.problem.detail, "error")
        return _invitation_page(token, offered, forms, work.status)
    sessions.log_in(user)
    return _accepted(offered)


def _accept_by_register(token, offered, forms):
    form = forms["register_form"]
    if not form.validate_on_submit():
        return _invitation_page(token, offered, forms, 422)
    with unit_of_work(form) as work:
        user = invitations.register_invitee(sessions.current_actor(), token, form.password.data,
                                            form.display_name.data or None)
    if work.refused:
        flash(work.problem.detail, "error")
        return _invitation_page(token, offered, forms, work.status)
    sessions.start_session(user, remember=True)
    return _accepted(offered)
