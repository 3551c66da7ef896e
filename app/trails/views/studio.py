"""Studio pages for a city's marketers: list, create, edit, stops, path, cover, publish, history.

Every page works without JavaScript (plain forms, one action each); static/js/trail-editor.js adds
click-on-map, drag-to-reorder and path drawing on top of the same endpoints.
"""
import json

from flask import Blueprint, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from app.accounts.sessions import current_actor
from app.core.auth import marketer_required
from app.templating import format_distance
from app.core.forms import ImportFileForm, fill_translated, translated_data
from app.core.problem import ProblemError
from app.core.unit_of_work import unit_of_work
from app.core.uploads import human_size
from app.media.service import MAX_UPLOAD_BYTES
from app.trails.services import editing, imports, path_files, publishing, reading, revisions, stops, validation
from app.trails.forms import (ACCESS_LABELS, KIND_LABELS, SURFACE_LABELS, CoverForm, NewTrailForm, OrderForm,
                              PathFileForm, PathForm, StopForm, TrailForm, VersionedButtonForm)
from app.trails.models import ACCESS_FLAGS, RESTORED_PREFIX, RevisionAction, TrailStatus
from app.trails.presenters import map_data
from app.trails.views.public import render_trail

bp = Blueprint("trails_studio", __name__, url_prefix="/<city>/studio/trails")
TRANSLATED_TRAIL_FIELDS = ("title", "summary", "body", "access_note")
ACTION_LABELS = {
    RevisionAction.CREATED: _l("Created"), RevisionAction.EDITED: _l("Text or details edited"),
    RevisionAction.PUBLISHED: _l("Published"), RevisionAction.UNPUBLISHED: _l("Unpublished"),
    RevisionAction.COVER: _l("Cover photo changed"), RevisionAction.PATH: _l("Path changed"),
    RevisionAction.STOP_ADDED: _l("Stop added"), RevisionAction.STOP_EDITED: _l("Stop edited"),
    RevisionAction.STOPS_REORDERED: _l("Stops reordered"), RevisionAction.STOP_REMOVED: _l("Stop removed"),
}


def describe(revision) -> str:
    """A revision's action in the reader's language ("restored v3" -> "Restored version 3")."""
    if revision.action.startswith(RESTORED_PREFIX):
        return _("Restored version %(num)s", num=revision.action.removeprefix(RESTORED_PREFIX))
    return str(ACTION_LABELS.get(revision.action, revision.action))


@bp.before_request
@marketer_required
def only_marketers():
    """Every studio page: a marketer of this city (or an admin); anyone else gets a 404."""


# ---------------------------------------------------------------- helpers


def _trail(trail_id: int):
    return reading.any_trail_or_404(g.city, trail_id=trail_id)


def _version(form) -> int:
    return int(form.version.data)


def _stop_choices(form) -> None:
    hidden_note = _("not public yet")
    form.shop_id.choices = [SelectChoice(0, _("No shop"))] + [
        SelectChoice(shop.id, shop.display_name if shop.is_public else f"{shop.display_name} ({hidden_note})")
        for shop in reading.shops_for_stops(g.city)]


def _trail_values(form) -> dict:
    values = {name: translated_data(form, name) for name in TRANSLATED_TRAIL_FIELDS}
    values.update(kind=form.kind.data, surface=form.surface.data, dwell_minutes=form.dwell_minutes.data)
    values.update({flag: bool(form[flag].data) for flag in ACCESS_FLAGS})
    return values


def _fill_trail_form(form, trail) -> None:
    for name in TRANSLATED_TRAIL_FIELDS:
        fill_translated(form, name, getattr(trail, name))
    form.slug.data, form.kind.data, form.surface.data = trail.slug, trail.kind, trail.surface
    form.dwell_minutes.data = trail.dwell_minutes
    for flag in ACCESS_FLAGS:
        form[flag].data = getattr(trail, flag)
    form.version.data = str(trail.version)


def _upload(field) -> bytes | None:
    file = field.data
    if not file or not getattr(file, "filename", ""):
        return None
    return file.read(MAX_UPLOAD_BYTES + 1)  # one byte over the limit is enough to refuse it


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def render_editor(trail, *, status: int = 200, trail_form=None, stop_form=None, cover_form=None, problem=None):
    if trail_form is None:
        trail_form = TrailForm(formdata=None)
        _fill_trail_form(trail_form, trail)
    if stop_form is None:
        stop_form = StopForm(formdata=None, prefix="stop")
    _stop_choices(stop_form)
    stop_form.version.data = str(trail.version)
    if cover_form is None:
        cover_form = CoverForm(formdata=None, prefix="cover")
        fill_translated(cover_form, "cover_alt", trail.cover_alt)
    cover_form.version.data = str(trail.version)
    path_form = PathForm(formdata=None, prefix="path")
    path_form.version.data = str(trail.version)
    path_form.path.data = json.dumps(trail.path or [])
    path_file_form = PathFileForm(formdata=None, prefix="pathfile")
    path_file_form.file.render_kw = {"accept": ".gpx,.geojson,.json,application/gpx+xml,application/geo+json"}
    return render_template(
        "trails/studio/edit.html", trail=trail, form=trail_form, stop_form=stop_form, cover_form=cover_form,
        path_form=path_form, path_file_form=path_file_form, max_path_file=human_size(path_files.MAX_PATH_FILE_BYTES),
        max_end_gap=path_files.MAX_END_GAP_M, problem=problem, kind_labels=KIND_LABELS, access_labels=ACCESS_LABELS,
        surface_labels=SURFACE_LABELS, map_data=map_data(trail),
        max_stops=validation.MAX_STOPS, max_path_points=validation.MAX_PATH_POINTS), status


def _refused(trail_id: int, problem: ProblemError, **forms):
    """The editor again (the trail re-read after the unit of work rolled back), with the reason."""
    return render_editor(_trail(trail_id), status=problem.status, problem=problem, **forms)


def _done(trail, message: str, anchor: str = ""):
    flash(message, "success")
    return redirect(url_for("trails_studio.edit", trail_id=trail.id) + anchor)


# ---------------------------------------------------------------- list, create, delete


@bp.route("/")
def index():
    return render_template("trails/studio/list.html", trails=reading.studio_trails(g.city), kind_labels=KIND_LABELS)


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = NewTrailForm()
    if form.validate_on_submit():
        with unit_of_work(form) as work:
            trail = editing.create_trail(g.city, _trail_values(form), current_actor(), slug=form.slug.data or None)
        if work.refused:
            return render_template("trails/studio/new.html", form=form, problem=work.problem), work.status
        flash(_("Trail created as a draft. Now add its stops."), "success")
        return redirect(url_for("trails_studio.edit", trail_id=trail.id) + "#stops")
    return render_template("trails/studio/new.html", form=form), 422 if form.errors else 200


@bp.route("/import", methods=["GET", "POST"])
def import_gpx():
    """Upload a GPX file: a new draft trail opens in the editor (the same file again opens the trail it made)."""
    form = ImportFileForm()
    form.file.render_kw = {"accept": ".gpx,application/gpx+xml"}
    if request.method == "POST":
        if not form.validate_on_submit():
            return render_template("trails/studio/import.html", form=form), 422
        with unit_of_work(form) as work:
            trail, created = imports.import_gpx_file(current_actor(), g.city, form.file.data)
        if work.refused:
            return render_template("trails/studio/import.html", form=form, problem=work.problem), work.status
        flash(_("Imported as a draft: %(stops)d stops, %(distance)s. Check the texts, then publish.",
                stops=len(trail.stops), distance=format_distance(trail.distance_m)) if created
              else _("This file was imported before: here is the trail it made."), "success" if created else "info")
        return redirect(url_for("trails_studio.edit", trail_id=trail.id))
    return render_template("trails/studio/import.html", form=form)


@bp.route("/<int:trail_id>/delete", methods=["GET", "POST"])
def delete(trail_id: int):
    trail = _trail(trail_id)
    form = VersionedButtonForm()
    if request.method == "POST":
        if not form.validate():
            return render_template("trails/studio/delete.html", trail=trail), 400
        with unit_of_work() as work:
            editing.delete_trail(trail, expected_version=_version(form))
        if work.refused:
            return render_template("trails/studio/delete.html", trail=_trail(trail_id),
                                   problem=work.problem), work.status
        flash(_("The trail has been deleted."), "success")
        return redirect(url_for("trails_studio.index"))
    return render_template("trails/studio/delete.html", trail=trail)


# ---------------------------------------------------------------- the editor


@bp.route("/<int:trail_id>", methods=["GET", "POST"])
def edit(trail_id: int):
    trail = _trail(trail_id)
    if request.method == "GET":
        return render_editor(trail)
    form = TrailForm()
    if not form.validate():
        return render_editor(trail, status=422, trail_form=form)
    with unit_of_work(form) as work:
        editing.update_trail(trail, _trail_values(form), current_actor(), expected_version=_version(form),
                              slug=form.slug.data or trail.slug)
    if work.refused:
        return _refused(trail_id, work.problem, trail_form=form)
    return _done(trail, _("Saved."))


@bp.route("/<int:trail_id>/cover", methods=["POST"])
def cover(trail_id: int):
    trail = _trail(trail_id)
    form = CoverForm(prefix="cover")
    if not form.validate():
        return render_editor(trail, status=422, cover_form=form)
    with unit_of_work(form) as work:
        editing.set_cover(trail, _upload(form.cover), translated_data(form, "cover_alt"), current_actor(),
                           expected_version=_version(form))
    if work.refused:
        return _refused(trail_id, work.problem, cover_form=form)
    return _done(trail, _("Cover photo saved."), "#cover")


@bp.route("/<int:trail_id>/cover/remove", methods=["POST"])
def remove_cover(trail_id: int):
    return _action(trail_id, lambda trail, version: editing.remove_cover(
        trail, current_actor(), expected_version=version), _("Cover photo removed."), "#cover")


@bp.route("/<int:trail_id>/path", methods=["POST"])
def path(trail_id: int):
    trail = _trail(trail_id)
    form = PathForm(prefix="path")
    if not form.validate():
        messages = [str(message) for message in form.path.errors]
        return render_editor(trail, status=422, problem=ProblemError(
            422, messages[0] if messages else _("The path could not be read."),
            errors={"path": messages} if messages else None))
    try:
        points = json.loads(form.path.data or "[]")
    except ValueError:
        return render_editor(trail, status=422, problem=ProblemError(422, _("The path could not be read.")))
    with unit_of_work() as work:
        editing.set_path(trail, points, current_actor(), expected_version=_version(form))
    if work.refused:
        return _refused(trail_id, work.problem)
    return _done(trail, _("Path saved.") if points else _("Path removed: the trail now runs straight from stop to stop."),
                 "#path")


@bp.route("/<int:trail_id>/path/file", methods=["POST"])
def path_file(trail_id: int):
    """The path from a GPX track or a GeoJSON line; a refusal (size, kind, points, far ends) changes nothing."""
    trail = _trail(trail_id)
    form = PathFileForm(prefix="pathfile")
    if not form.validate():  # no version (or CSRF): refused like the drawn path's form, nothing changes
        return render_editor(trail, status=422, problem=ProblemError(
            422, _("The form has expired. Try again."), errors={"file": [_("The form has expired. Try again.")]}))
    with unit_of_work() as work:
        done = path_files.import_path_file(trail, form.file.data, current_actor(), expected_version=_version(form))
    if work.refused:
        return _refused(trail_id, work.problem)
    message = _("Path imported: %(num)d points, %(distance)s.", num=done.points,
                distance=format_distance(done.trail.distance_m))
    if done.simplified_from:
        message += " " + _("Simplified from %(num)d points.", num=done.simplified_from)
    if done.reversed:
        message += " " + _("The line ran from the last stop to the first; it was turned round.")
    return _done(done.trail, message, "#path")


def _action(trail_id: int, operation, message: str, anchor: str = ""):
    """A one-button action (CSRF + version only)."""
    trail = _trail(trail_id)
    form = VersionedButtonForm()
    if not form.validate():
        return render_editor(trail, status=400, problem=ProblemError(400, _("The form has expired. Try again.")))
    with unit_of_work() as work:
        operation(trail, _version(form))
    if work.refused:
        return _refused(trail_id, work.problem)
    return _done(trail, message, anchor)


@bp.route("/<int:trail_id>/publish", methods=["POST"])
def publish(trail_id: int):
    return _action(trail_id, lambda trail, version: publishing.set_status(
        trail, TrailStatus.PUBLISHED, current_actor(), expected_version=version),
        _("Published: visitors can now see this trail."))


@bp.route("/<int:trail_id>/unpublish", methods=["POST"])
def unpublish(trail_id: int):
    return _action(trail_id, lambda trail, version: publishing.set_status(
        trail, TrailStatus.DRAFT, current_actor(), expected_version=version),
        _("Unpublished: only the studio can see this trail."))


@bp.route("/<int:trail_id>/preview")
def preview(trail_id: int):
    return render_trail(_trail(trail_id), preview=True)


# ---------------------------------------------------------------- stops


def _stop_values(form) -> dict:
    return {"title": translated_data(form, "title"), "body": translated_data(form, "body"),
            "image_alt": translated_data(form, "image_alt"), "lat": form.lat.data, "lon": form.lon.data,
            "shop_id": form.shop_id.data or None}


@bp.route("/<int:trail_id>/stops", methods=["POST"])
def add_stop(trail_id: int):
    trail = _trail(trail_id)
    form = StopForm(prefix="stop")
    _stop_choices(form)
    if not form.validate():
        return render_editor(trail, status=422, stop_form=form)
    with unit_of_work(form) as work:
        stops.add_stop(trail, _stop_values(form), current_actor(), expected_version=_version(form),
                          image=_upload(form.image))
    if work.refused:
        return _refused(trail_id, work.problem, stop_form=form)
    return _done(trail, _("Stop added."), "#stops")


@bp.route("/<int:trail_id>/stops/<int:stop_id>", methods=["GET", "POST"])
def edit_stop(trail_id: int, stop_id: int):
    trail = _trail(trail_id)
    stop = stops.stop_or_404(trail, stop_id)
    form = StopForm()
    _stop_choices(form)
    if request.method == "POST" and form.validate():
        with unit_of_work(form) as work:
            stops.update_stop(trail, stop, _stop_values(form), current_actor(), expected_version=_version(form),
                                 image=_upload(form.image), remove_image=form.remove_image.data)
        if work.refused:
            trail = _trail(trail_id)
            return render_template("trails/studio/stop.html", trail=trail, stop=stops.stop_or_404(trail, stop_id),
                                   form=form, problem=work.problem), work.status
        return _done(trail, _("Stop saved."), f"#stop-{stop.id}")
    if request.method == "GET":
        for name in ("title", "body", "image_alt"):
            fill_translated(form, name, getattr(stop, name))
        form.lat.data, form.lon.data, form.shop_id.data = stop.lat, stop.lon, stop.shop_id or 0
        form.version.data = str(trail.version)
    status = 422 if form.errors else 200
    return render_template("trails/studio/stop.html", trail=trail, stop=stop, form=form), status


@bp.route("/<int:trail_id>/stops/<int:stop_id>/move", methods=["POST"])
def move_stop(trail_id: int, stop_id: int):
    delta = -1 if request.form.get("direction") == "up" else 1

    def move(trail, version):
        stops.move_stop(trail, stops.stop_or_404(trail, stop_id), delta, current_actor(), expected_version=version)
    return _action(trail_id, move, _("Order saved."), f"#stop-{stop_id}")


@bp.route("/<int:trail_id>/stops/<int:stop_id>/remove", methods=["POST"])
def remove_stop(trail_id: int, stop_id: int):
    def remove(trail, version):
        stops.remove_stop(trail, stops.stop_or_404(trail, stop_id), current_actor(), expected_version=version)
    return _action(trail_id, remove, _("Stop removed."), "#stops")


@bp.route("/<int:trail_id>/order", methods=["POST"])
def order(trail_id: int):
    """Drag-and-drop reorder from the editor script; answers JSON to it, a redirect to a form."""
    trail = _trail(trail_id)
    form = OrderForm()
    with unit_of_work() as work:
        if not form.validate():
            raise ProblemError(422, _("The new order could not be read."), code="validation_error")
        stops.reorder_stops(trail, [int(i) for i in form.order.data.split(",")], current_actor(),
                               expected_version=_version(form))
    if work.refused:
        problem = work.problem
        if _wants_json():
            return jsonify({"detail": problem.detail, "code": problem.code, **problem.extra}), problem.status
        return _refused(trail_id, problem)
    if _wants_json():
        return jsonify(version=trail.version, distance_m=trail.distance_m, duration_min=trail.duration_min)
    return _done(trail, _("Order saved."), "#stops")


# ---------------------------------------------------------------- history


@bp.route("/<int:trail_id>/history")
def history(trail_id: int):
    trail = _trail(trail_id)
    return render_template("trails/studio/history.html", trail=trail, revisions=revisions.revisions_of(trail),
                           describe=describe)


@bp.route("/<int:trail_id>/history/<int:revision_id>/restore", methods=["POST"])
def restore(trail_id: int, revision_id: int):
    def bring_back(trail, version):
        revisions.restore_revision(trail, revisions.revision_or_404(trail, revision_id), current_actor(),
                                  expected_version=version)
    return _action(trail_id, bring_back, _("The older version is back. Its content is now the latest version."))
