"""Studio pages for a city's marketers: the agenda's events, the merchants' proposals to review."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from app.accounts.sessions import current_actor
from app.agenda.forms import FORM_FIELDS, EventActionForm, ReviewForm, StudioEventForm, event_values, fill_event_form
from app.agenda.presenters import KIND_LABELS, STATUS_LABELS
from app.agenda.services import editing, reading
from app.core.auth import marketer_required
from app.core.unit_of_work import unit_of_work

bp = Blueprint("agenda_studio", __name__, url_prefix="/<city>/studio/agenda")


@bp.context_processor
def labels() -> dict:
    return {"kind_labels": KIND_LABELS, "status_labels": STATUS_LABELS}


@bp.before_request
@marketer_required
def only_marketers():
    """Every studio page: a marketer of this city (or an admin); anyone else gets a 404."""


def _shop_choices(form) -> None:
    from app.shops.models import Shop, ShopStatus
    from app.core.tenancy import city_select
    from app.extensions import db
    shops = db.session.execute(city_select(Shop, g.city).where(Shop.status == ShopStatus.APPROVED.value)
                               .order_by(Shop.slug)).scalars()
    form.shop_id.choices = [SelectChoice(0, _("No shop"))] + [SelectChoice(s.id, s.display_name) for s in shops]


def _photo(form) -> bytes | None:
    upload = request.files.get(form.photo.name)
    return upload.read() if upload and upload.filename else None


@bp.route("/")
def index():
    return _studio_page(ReviewForm(formdata=None))


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = StudioEventForm()
    _shop_choices(form)
    if form.validate_on_submit():
        with unit_of_work(form, fields=FORM_FIELDS) as work:
            event = editing.create_event(g.city, event_values(form), current_actor())
            editing.set_photo(event, _photo(form))
        if not work.refused:
            flash(_("The event is in the agenda."), "success")
            return redirect(url_for("agenda_studio.index"))
        return render_template("agenda/studio/edit.html", form=form, event=None), work.status
    return render_template("agenda/studio/edit.html", form=form, event=None), 422 if form.errors else 200


@bp.route("/<int:event_id>", methods=["GET", "POST"])
def edit(event_id: int):
    event = reading.any_event_or_404(g.city, event_id)
    form = StudioEventForm()
    _shop_choices(form)
    if request.method == "GET":
        fill_event_form(form, event)
    elif form.validate_on_submit():
        with unit_of_work(form, fields=FORM_FIELDS) as work:
            editing.update_event(event, event_values(form))
            editing.set_photo(event, _photo(form))
        if not work.refused:
            flash(_("Saved. Calendars that subscribed get the change."), "success")
            return redirect(url_for("agenda_studio.index"))
        return render_template("agenda/studio/edit.html", form=form, event=event), work.status
    return render_template("agenda/studio/edit.html", form=form, event=event), 422 if form.errors else 200


def _studio_page(review, problem=None, status: int = 200):
    return render_template("agenda/studio/index.html", events=reading.studio_events(g.city),
                           proposals=reading.proposals(g.city), button=EventActionForm(), review=review,
                           refused=problem), status


def _act(event_id: int, action, message: str, form_cls=EventActionForm):
    event = reading.any_event_or_404(g.city, event_id)
    form = form_cls()
    if not form.validate_on_submit():  # an expired token or a note far too long: the page again, with why
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return _studio_page(ReviewForm(formdata=None), status=422 if form.errors else 400)
    with unit_of_work(form) as work:
        action(event, form)
    if work.refused:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return _studio_page(form if form_cls is ReviewForm else ReviewForm(formdata=None), work.problem, work.status)
    flash(message, "success")
    return redirect(url_for("agenda_studio.index"))


@bp.route("/<int:event_id>/approve", methods=["POST"])
def approve(event_id: int):
    return _act(event_id, lambda event, form: editing.approve_proposal(event, form.note.data), _("Approved: it is in the agenda."),
                ReviewForm)


@bp.route("/<int:event_id>/reject", methods=["POST"])
def reject(event_id: int):
    return _act(event_id, lambda event, form: editing.reject_proposal(event, form.note.data),
                _("Rejected; the merchant has been told why."), ReviewForm)


@bp.route("/<int:event_id>/cancel", methods=["POST"])
def cancel(event_id: int):
    return _act(event_id, lambda event, form: editing.cancel(event), _("Cancelled: it is shown as cancelled."))


@bp.route("/<int:event_id>/publish", methods=["POST"])
def publish(event_id: int):
    return _act(event_id, lambda event, form: editing.publish(event), _("Published."))


