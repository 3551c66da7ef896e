"""The merchant's events at their shop: propose one (the city reviews it, like a shop change), see what became
of earlier proposals. Under /merchant/shops/<id>/events; another merchant's shop is a 404."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from app.accounts.sessions import current_actor
from app.agenda.forms import FORM_FIELDS, ShopEventForm, event_values
from app.agenda.presenters import KIND_LABELS, STATUS_LABELS
from app.agenda.services import editing, reading
from app.core.tenancy import enter_city
from app.core.unit_of_work import unit_of_work
from app.shops.services.profiles import merchant_shop_or_404

bp = Blueprint("agenda_merchant", __name__, url_prefix="/merchant")


@bp.context_processor
def labels() -> dict:
    return {"kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS}


def _shop(shop_id: int):
    shop = merchant_shop_or_404(current_actor(), shop_id)
    enter_city(shop.city)
    return shop


def _page(shop, form, status: int = 200):
    response = render_template("agenda/merchant/events.html", shop=shop, form=form,
                               events=reading.shop_events(shop), kind_labels=KIND_LABELS)
    return response, status, {"Cache-Control": "private, no-store"}


@bp.route("/shops/<int:shop_id>/events", methods=["GET", "POST"])
@login_required
def events(shop_id: int):
    shop = _shop(shop_id)
    form = ShopEventForm()
    if request.method == "GET":
        form.kind.data = "workshop"
        form.place_name.data, form.address.data = shop.display_name, shop.address
        return _page(shop, form)
    if not form.validate_on_submit():
        return _page(shop, form, 422)
    with unit_of_work(form, fields=FORM_FIELDS) as work:
        event = editing.propose_event(shop, event_values(form), current_actor())
        upload = request.files.get(form.photo.name)
        editing.set_photo(event, upload.read() if upload and upload.filename else None)
    if work.refused:
        return _page(shop, form, work.status)
    flash(_("Thank you! The city team will look at your event; you will get a mail."), "success")
    return redirect(url_for("agenda_merchant.events", shop_id=shop.id))
