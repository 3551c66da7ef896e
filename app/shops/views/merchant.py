"""Merchant pages under /merchant/: sign up, the dashboard, editing one's own shops, and a shop's staff.

The merchant area is not under a city; a shop's own pages set g.city to the shop's city so the
base template wears that city's colours. The staff page (who runs the counter of one shop, invitations by
email, withdraw and revoke) is its own blueprint, `shop_staff`: only the shop's owner (or a platform admin)
opens it; staff and everyone else get a 404.
"""
from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import invitations
from app.accounts import services as accounts
from app.accounts.forms import RoleActionForm
from app.accounts.invitations import role_label
from app.accounts.sessions import current_actor, start_session
from app.accounts.verification import link_sent_message
from app.cities.services import city_by_slug
from app.core.auth import Role
from app.core.forms import fill_translated, translated_data
from app.core.ratelimit import client_ip, config_limit
from app.core.registry import panels_for
from app.core.tenancy import enter_city
from app.core.unit_of_work import unit_of_work
from app.extensions import limiter
from app.shops import MERCHANT_HOME_PANELS, MERCHANT_PANELS, STAFF_SHOP_PANELS
from app.shops.forms import (ACCESS_FORM_FIELDS, CATEGORY_LABELS, DAY_LABELS, AccessibilityForm, EmailInviteForm,
                             HoursForm, JoinForm, MovePhotoForm, NewShopForm, PhotoAltForm, PhotoUploadForm,
                             ProfileForm, accessibility_from_form, fill_accessibility_form, fill_hours_form,
                             hours_from_form)
from app.shops.hours import DAYS
from app.shops.models import MAX_PHOTOS, ProposalStatus
from app.shops.rules import STORY_MIN
from app.shops.services import notifications, profiles
from app.shops.services.staff import staff_shops

bp = Blueprint("merchant", __name__, url_prefix="/merchant")
staff_bp = Blueprint("shop_staff", __name__, url_prefix="/merchant")


def _shop(shop_id: int):
    shop = profiles.merchant_shop_or_404(current_actor(), shop_id)
    enter_city(shop.city)  # theme the page with the shop's city
    return shop


@bp.route("/")
@login_required
def dashboard():
    shops = profiles.merchant_shops(current_user)
    notes = notifications.notifications_for(current_user)
    unread = sum(1 for note in notes if note.read_at is None)
    # Shops where this person is staff: only what loyalty lets them do there (the counter, rewards).
    serving = [(shop, panels_for(current_app, STAFF_SHOP_PANELS, shop)) for shop in staff_shops(current_user)]
    # Other features' blocks for this person (city news, questionnaires), above their shops.
    home_panels = panels_for(current_app, MERCHANT_HOME_PANELS, current_user)
    return render_template("shops/merchant/dashboard.html", shops=shops, notes=notes, unread=unread,
                           categories=CATEGORY_LABELS, serving=serving, home_panels=home_panels)


@bp.route("/notifications/read", methods=["POST"])
@login_required
def notifications_read():
    notifications.mark_notifications_read(current_user)
    return redirect(url_for("merchant.dashboard"))


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, methods=["POST"], scope="merchant-join")
def join():
    """Sign up and start a shop in one go; a logged-in user only names the shop."""
    signed_in = current_user.is_authenticated and not current_user.is_anonymous_shopper
    form = NewShopForm() if signed_in else JoinForm()
    if request.method == "GET" and request.args.get("city"):
        form.city.data = request.args["city"]
    if form.validate_on_submit():
        city = city_by_slug(form.city.data)
        # One transaction: the account is only flushed, so a refused or failed shop leaves no account.
        with unit_of_work(form, fields={"name": "shop_name"}) as work:
            owner = (current_actor() if signed_in else accounts.new_account(
                current_actor(), form.email.data, form.password.data, form.display_name.data))
            shop = profiles.create_shop(owner, city, {"name": {"nl": form.shop_name.data}})
        if work.refused:
            return render_template("shops/merchant/join.html", form=form, signed_in=signed_in), work.status
        flash(_("Your shop has been created as a draft. Tell its story!"), "success")
        if not signed_in:
            start_session(owner, remember=True)
            flash(link_sent_message(owner.pending_email, merchant=True), "info")
        return redirect(url_for("merchant.edit", shop_id=shop.id))
    return render_template("shops/merchant/join.html", form=form, signed_in=signed_in), 422 if form.errors else 200


@bp.route("/shops/<int:shop_id>")
@login_required
def shop(shop_id):
    shop = _shop(shop_id)
    values = profiles.working_values(shop)
    problems = profiles.submission_checklist(shop)
    return render_template("shops/merchant/shop.html", shop=shop, values=values,
                           photos=profiles.working_photos(shop), problems=problems,
                           advice=profiles.submission_advice(shop) if not shop.has_live_version else {},
                           may_submit=profiles.may_submit(shop, problems), categories=CATEGORY_LABELS,
                           notes=[n for n in notifications.notifications_for(current_user) if n.shop_id == shop.id][:5],
                           panels=panels_for(current_app, MERCHANT_PANELS, shop))


@bp.route("/shops/<int:shop_id>/edit", methods=["GET", "POST"])
@login_required
def edit(shop_id):
    shop = _shop(shop_id)
    form = ProfileForm()
    if request.method == "GET":
        values = profiles.working_values(shop)
        for name in ProfileForm.TRANSLATED:
            fill_translated(form, name, values[name])
        form.category.data = values["category"]
        form.address.data = values["address"]
        form.lat.data = "" if values["lat"] is None else f"{values['lat']:.6f}"
        form.lon.data = "" if values["lon"] is None else f"{values['lon']:.6f}"
        form.website.data = values["website"] or ""
        form.phone.data = shop.phone or ""
        form.languages.data = list(shop.languages or [])
    elif form.validate_on_submit():
        changes = {name: translated_data(form, name) for name in ProfileForm.TRANSLATED}
        changes.update(category=form.category.data, address=form.address.data, lat=form.lat.data,
                       lon=form.lon.data, website=form.website.data, phone=form.phone.data,
                       languages=form.languages.data or [])
        with unit_of_work(form) as work:  # name, tagline, story: on their Dutch fields
            profiles.update_shop(shop, changes)
        if work.refused:
            return _render_edit(shop, form), work.status
        flash(_saved_message(shop), "success")
        return redirect(url_for("merchant.shop", shop_id=shop.id))
    return _render_edit(shop, form), 422 if form.errors else 200


def _saved_message(shop) -> str:
    if shop.proposal_status == ProposalStatus.PENDING:
        return _("Saved. Your changes are waiting for review; the approved version stays visible until then.")
    return _("Saved.")


def _render_edit(shop, form):
    return render_template("shops/merchant/edit.html", shop=shop, form=form, story_min=STORY_MIN)


@bp.route("/shops/<int:shop_id>/hours", methods=["GET", "POST"])
@login_required
def hours(shop_id):
    shop = _shop(shop_id)
    form = HoursForm()
    if request.method == "GET":
        fill_hours_form(form, shop.opening_hours)
    elif form.validate_on_submit():
        with unit_of_work(form) as work:
            profiles.update_shop(shop, {"opening_hours": hours_from_form(form)})
        if work.refused:
            return _render_hours(shop, form), work.status
        flash(_("Opening hours saved. They are visible right away.") if shop.is_public
              else _("Opening hours saved. Visitors will see them once the city team has approved your shop."),
              "success")
        return redirect(url_for("merchant.shop", shop_id=shop.id))
    return _render_hours(shop, form), 422 if form.errors else 200


def _render_hours(shop, form):
    return render_template("shops/merchant/hours.html", shop=shop, form=form, days=DAYS, day_labels=DAY_LABELS)


@bp.route("/shops/<int:shop_id>/accessibility", methods=["GET", "POST"])
@login_required
def accessibility(shop_id):
    """Step-free entrance, door width, toilet, seating, quiet hours, assistance dogs: public at once."""
    shop = _shop(shop_id)
    form = AccessibilityForm()
    if request.method == "GET":
        fill_accessibility_form(form, shop.accessibility)
    elif form.validate_on_submit():
        with unit_of_work(form, fields=ACCESS_FORM_FIELDS) as work:
            profiles.update_shop(shop, {"accessibility": accessibility_from_form(form)})
        if work.refused:
            return _render_accessibility(shop, form), work.status
        flash(_("Accessibility saved. Visitors see it right away.") if shop.is_public
              else _("Accessibility saved. Visitors will see it once your shop is online."), "success")
        return redirect(url_for("merchant.shop", shop_id=shop.id))
    return _render_accessibility(shop, form), 422 if form.errors else 200


def _render_accessibility(shop, form):
    return render_template("shops/merchant/accessibility.html", shop=shop, form=form)


@bp.route("/shops/<int:shop_id>/photos", methods=["GET", "POST"])
@login_required
def photos(shop_id):
    shop = _shop(shop_id)
    form = PhotoUploadForm()
    if form.validate_on_submit():
        with unit_of_work(form, fields={"alt": "photo"}, rest="photo") as work:
            profiles.add_photo(shop, form.photo.data.read(), {"nl": form.alt_nl.data or ""})
        if work.refused:
            return _render_photos(shop, form), work.status
        flash(_("Photo added."), "success")
        return redirect(url_for("merchant.photos", shop_id=shop.id))
    return _render_photos(shop, form), 422 if form.errors else 200


def _render_photos(shop, form):
    return render_template("shops/merchant/photos.html", shop=shop, form=form, photos=profiles.working_photos(shop),
                           max_photos=MAX_PHOTOS)


@bp.route("/shops/<int:shop_id>/photos/<int:photo_id>", methods=["GET", "POST"])
@login_required
def photo(shop_id, photo_id):
    shop = _shop(shop_id)
    match = next(((p, alt) for p, alt in profiles.working_photos(shop) if p.id == photo_id), None)
    if match is None:
        abort(404)
    form = PhotoAltForm()
    if request.method == "GET":
        fill_translated(form, "alt", match[1])
    elif form.validate_on_submit():
        profiles.set_photo_alt(shop, photo_id, translated_data(form, "alt"))
        flash(_("Description saved."), "success")
        return redirect(url_for("merchant.photos", shop_id=shop.id))
    return render_template("shops/merchant/photo.html", shop=shop, photo=match[0], form=form), 422 if form.errors else 200


@bp.route("/shops/<int:shop_id>/photos/<int:photo_id>/move", methods=["POST"])
@login_required
def move_photo(shop_id, photo_id):
    shop = _shop(shop_id)
    if all(photo.id != photo_id for photo, _alt in profiles.working_photos(shop)):
        abort(404)  # another shop's photo: the row check comes before the body's
    form = MovePhotoForm()
    if not form.validate_on_submit():
        abort(422)  # only a broken or hostile client sends anything but the buttons' up/down
    profiles.move_photo(shop, photo_id, -1 if form.direction.data == "up" else 1)
    return redirect(url_for("merchant.photos", shop_id=shop.id) + f"#photo-{photo_id}")


@bp.route("/shops/<int:shop_id>/photos/<int:photo_id>/delete", methods=["POST"])
@login_required
def delete_photo(shop_id, photo_id):
    shop = _shop(shop_id)
    profiles.remove_photo(shop, photo_id)
    flash(_("Photo removed."), "info")
    return redirect(url_for("merchant.photos", shop_id=shop.id))


@bp.route("/shops/<int:shop_id>/submit", methods=["POST"])
@login_required
def submit(shop_id):
    shop = _shop(shop_id)
    with unit_of_work() as work:
        profiles.submit_shop(shop)
    if work.refused:
        flash(work.problem.detail, "error")  # the shop's page lists what is missing (next_step)
        return redirect(url_for("merchant.shop", shop_id=shop.id))
    flash(_("Sent for review. You will hear from the city team soon."), "success")
    for messages in profiles.submission_advice(shop).values():
        for message in messages:
            flash(message, "info")
    return redirect(url_for("merchant.shop", shop_id=shop.id))


# --- a shop's staff (blueprint shop_staff) ------------------------------------------------------


def _staff_page(shop, form=None):
    return render_template("shops/merchant/staff.html", shop=shop, people=invitations.shop_people(shop.id),
                           form=form or EmailInviteForm(), action_form=RoleActionForm(formdata=None),
                           role_label=role_label)


def _staff_refused(shop, work):
    if work.status == 404:
        abort(404)
    flash(work.problem.detail, "error")
    return _staff_page(shop), work.status


@staff_bp.route("/shops/<int:shop_id>/staff")
@login_required
def staff(shop_id: int):
    return _staff_page(_shop(shop_id))


@staff_bp.route("/shops/<int:shop_id>/staff/invite", methods=["POST"])
@login_required
def invite(shop_id: int):
    shop = _shop(shop_id)
    form = EmailInviteForm()
    if not form.validate_on_submit():
        return _staff_page(shop, form), 422
    with unit_of_work(form) as work:
        invitations.invite(current_actor(), email=form.email.data, role=Role.STAFF, city=shop.city, shop_id=shop.id)
    if work.refused:
        return _staff_page(shop, form), work.status
    flash(_("Invitation sent to %(email)s.", email=form.email.data.strip().lower()), "success")
    return redirect(url_for("shop_staff.staff", shop_id=shop.id), 303)


@staff_bp.route("/shops/<int:shop_id>/staff/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@login_required
def withdraw(shop_id: int, invitation_id: int):
    shop = _shop(shop_id)
    if not RoleActionForm().validate_on_submit():
        abort(400)
    with unit_of_work() as work:
        invitations.withdraw(current_actor(), invitations.pending_invitation_or_404(invitation_id, shop_id=shop.id))
    if work.refused:
        return _staff_refused(shop, work)
    flash(_("The invitation is withdrawn: its link no longer works."), "success")
    return redirect(url_for("shop_staff.staff", shop_id=shop.id), 303)


@staff_bp.route("/shops/<int:shop_id>/staff/<int:membership_id>/revoke", methods=["POST"])
@login_required
def revoke(shop_id: int, membership_id: int):
    shop = _shop(shop_id)
    if not RoleActionForm().validate_on_submit():
        abort(400)
    with unit_of_work() as work:
        invitations.revoke(current_actor(), invitations.membership_or_404(membership_id, shop_id=shop.id))
    if work.refused:
        return _staff_refused(shop, work)
    flash(_("The role is revoked."), "success")
    return redirect(url_for("shop_staff.staff", shop_id=shop.id), 303)
