"""The city's studio (/<city>/studio/access, marketers): places (forms, imports), feeds and their last polls."""
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.access.forms import ADAPTER_LABELS, FeedForm, PlaceForm, PlaceImportForm
from app.access.models import AccessFeed, AccessPlace
from app.access.presenters import KIND_LABELS, live_line
from app.access.services import feeds as feed_service
from app.access.services.imports import COLUMNS, import_places
from app.access.services.live import occupancy
from app.access.services.places import city_feeds, city_places, delete_place, save_place, stale_after
from app.core import clock
from app.core.auth import marketer_required
from app.core.forms import KickForm, fill_translated, translated_data
from app.core.tenancy import get_in_city_or_404
from app.core.unit_of_work import unit_of_work

bp = Blueprint("access_studio", __name__)


def _index(status: int = 200, *, import_form=None, report=None):
    now, limit = clock.now(), stale_after()
    places = city_places(g.city)
    import_form = import_form or PlaceImportForm(formdata=None)
    import_form.file.render_kw = {"accept": ".csv,.txt,.geojson,.json,text/csv,application/geo+json"}
    return render_template(
        "access/studio/index.html", places=places, feeds=city_feeds(g.city), kind_labels=KIND_LABELS,
        adapter_labels=ADAPTER_LABELS, lines={p.id: live_line(occupancy(p, now, limit)) for p in places},
        import_form=import_form, report=report, poll_form=KickForm(formdata=None), columns=", ".join(COLUMNS),
        max_rows=current_app.config["KICK_ACCESS_IMPORT_MAX_ROWS"]), status


@bp.route("/<city>/studio/access")
@marketer_required
def index():
    return _index()


@bp.route("/<city>/studio/access/import", methods=["POST"])
@marketer_required
def import_file():
    """CSV, GeoJSON or GTFS stops.txt; a dry run or all rows (any refused row: nothing written)."""
    form = PlaceImportForm()
    if not form.validate_on_submit():
        return _index(422, import_form=form)
    config = current_app.config
    with unit_of_work(form, rest="file") as work:
        report = import_places(g.city, form.file.data, form.format.data, dry_run=form.dry_run.data,
                               max_bytes=config["KICK_ACCESS_IMPORT_MAX_BYTES"],
                               max_rows=config["KICK_ACCESS_IMPORT_MAX_ROWS"])
    if work.refused:
        return _index(work.status, import_form=form, report=getattr(work.problem, "report", None))
    return _index(import_form=form, report=report)


def _feed_choices():
    return [("", _("None"))] + [(str(feed.id), feed.name) for feed in city_feeds(g.city)]


def _place_page(form, place, status=200):
    return render_template("access/studio/place.html", form=form, place=place,
                           delete_form=KickForm(formdata=None)), status


@bp.route("/<city>/studio/access/places/new", methods=["GET", "POST"])
@marketer_required
def new_place():
    return _save_place(None)


@bp.route("/<city>/studio/access/places/<int:place_id>", methods=["GET", "POST"])
@marketer_required
def place(place_id: int):
    return _save_place(get_in_city_or_404(AccessPlace, place_id, g.city))


def _save_place(place):
    if request.method == "GET":
        form = PlaceForm(formdata=None, obj=place)
        if place is not None:
            fill_translated(form, "name", place.name)
            fill_translated(form, "notes", place.notes)
            form.feed_id.data = str(place.feed_id or "")
            form.capacity.data = "" if place.capacity is None else str(place.capacity)
    else:
        form = PlaceForm()
    form.feed_id.choices = _feed_choices()
    if request.method == "GET":
        return _place_page(form, place)
    if not form.validate_on_submit():
        return _place_page(form, place, 422)
    values = {name: form[name].data for name in ("kind", "code", "lat", "lon", "capacity", "hours", "price",
                                                  "shuttle", "accessible", "baby_changing", "feed_id", "feed_ref")}
    values["name"], values["notes"] = translated_data(form, "name"), translated_data(form, "notes")
    with unit_of_work(form, fields={"name": "name_nl", "notes": "notes_nl"}) as work:
        saved = save_place(g.city, values, place)
    if work.refused:
        return _place_page(form, place, work.status)
    flash(_("%(name)s is saved.", name=saved.name.get("nl")), "success")
    return redirect(url_for("access_studio.index"))


@bp.route("/<city>/studio/access/places/<int:place_id>/delete", methods=["POST"])
@marketer_required
def delete(place_id: int):
    place = get_in_city_or_404(AccessPlace, place_id, g.city)
    form = KickForm()
    if not form.validate_on_submit():
        return _index(400)
    with unit_of_work(form):
        delete_place(place)
    flash(_("The place is removed."), "success")
    return redirect(url_for("access_studio.index"))


def _feed_page(form, feed, status=200):
    return render_template("access/studio/feed.html", form=form, feed=feed), status


@bp.route("/<city>/studio/access/feeds/new", methods=["GET", "POST"])
@marketer_required
def new_feed():
    return _save_feed(None)


@bp.route("/<city>/studio/access/feeds/<int:feed_id>", methods=["GET", "POST"])
@marketer_required
def feed(feed_id: int):
    return _save_feed(get_in_city_or_404(AccessFeed, feed_id, g.city))


def _save_feed(feed):
    form = FeedForm(formdata=None, obj=feed) if request.method == "GET" else FeedForm()
    if request.method == "GET":
        return _feed_page(form, feed)
    if not form.validate_on_submit():
        return _feed_page(form, feed, 422)
    values = {name: form[name].data for name in ("name", "adapter", "url", "interval_minutes", "active")}
    with unit_of_work(form) as work:
        saved = feed_service.save_feed(g.city, values, feed)
    if work.refused:
        return _feed_page(form, feed, work.status)
    flash(_("Feed %(name)s is saved.", name=saved.name), "success")
    return redirect(url_for("access_studio.index"))


@bp.route("/<city>/studio/access/feeds/<int:feed_id>/poll", methods=["POST"])
@marketer_required
def poll(feed_id: int):
    """Poll now: through the job queue (the answer never waits for a slow feed, except with inline jobs)."""
    feed = get_in_city_or_404(AccessFeed, feed_id, g.city)
    form = KickForm()
    if not form.validate_on_submit():
        return _index(400)
    feed_service.request_poll(feed)
    flash(_("The feed is being polled: its outcome shows here in a moment."), "success")
    return redirect(url_for("access_studio.index"))
