"""JSON API for trails: public reads; marketers of the city create, edit, publish and delete."""
from flask import g
from flask_smorest import Blueprint

from app.accounts.sessions import current_actor
from app.core.auth import is_marketer_of, marketer_required
from app.core.schemas import ProblemSchema
from app.trails.models import ACCESS_FLAGS, TrailStatus
from app.trails.schemas import (GpxFileSchema, TrailPatchSchema, TrailQuerySchema, TrailSchema, TrailSummarySchema,
                                TrailWriteSchema, VersionSchema)
from app.trails.services import editing, imports, publishing, reading

blp = Blueprint("trails_api", __name__, description="Walking trails and green routes of a city")
TRAIL_KEYS = ("kind", "title", "summary", "body", "access_note", "surface", "dwell_minutes", *ACCESS_FLAGS)


def _readable(slug: str):
    """The city's marketers also read drafts (to edit them); everybody else only published trails."""
    if is_marketer_of(current_actor(), g.city):
        return reading.any_trail_or_404(g.city, slug=slug)
    return reading.public_trail_or_404(g.city, slug)


def _split(body: dict) -> tuple[dict, dict]:
    values = {key: body[key] for key in TRAIL_KEYS if key in body}
    extra = {key: body[key] for key in ("slug", "stops", "path") if key in body}
    return values, extra


@blp.route("/cities/<city>/trails", methods=["GET"])
@blp.arguments(TrailQuerySchema, location="query")
@blp.response(200, TrailSummarySchema(many=True))
def trails(query):
    """Published trails of a city, heritage first; filter with `kind` and `max_minutes`."""
    return reading.public_trails(g.city, kind=query.get("kind"), max_minutes=query.get("max_minutes"))


@blp.route("/cities/<city>/trails", methods=["POST"])
@marketer_required
@blp.arguments(TrailWriteSchema)
@blp.response(201, TrailSchema)
@blp.alt_response(409, schema=ProblemSchema, description="Web address already taken")
@blp.alt_response(422, schema=ProblemSchema, description="Invalid fields")
def create(body):
    """Create a trail (a draft) with its stops and optional drawn path. Marketers of the city only."""
    values, extra = _split(body)
    values.setdefault("title", body["title"])
    return editing.create_trail(g.city, values, current_actor(), slug=extra.get("slug"),
                                 stops=extra.get("stops"), path=extra.get("path"))


@blp.route("/cities/<city>/trails/import", methods=["POST"])
@marketer_required
@blp.arguments(GpxFileSchema, location="files")
@blp.response(201, TrailSchema)
@blp.alt_response(200, schema=TrailSchema, description="This file was imported before: that trail")
@blp.alt_response(413, schema=ProblemSchema, description="The file is larger than the import limit")
@blp.alt_response(422, schema=ProblemSchema, description="Not a GPX file, no track or route, or points outside the city")
def import_gpx(files):
    """Import a trail from a GPX file as a draft (marketers of the city): the first track (or route) becomes
    the drawn path, every waypoint a stop; distance and walking time are computed as for a drawn trail.
    The same file again answers 200 with the trail it made the first time."""
    trail, created = imports.import_gpx_file(current_actor(), g.city, files["file"])
    return trail, 201 if created else 200


@blp.route("/cities/<city>/trails/<slug>", methods=["GET"])
@blp.response(200, TrailSchema)
def trail(slug):
    """One trail with its ordered `stops`, `distance_m` and `duration_min`."""
    return _readable(slug)


@blp.route("/cities/<city>/trails/<slug>", methods=["PATCH"])
@marketer_required
@blp.arguments(TrailPatchSchema)
@blp.response(200, TrailSchema)
@blp.alt_response(409, schema=ProblemSchema, description="Someone saved a newer version (edit_conflict)")
def patch(body, slug):
    """Change fields; `stops` replaces the list in the given order (items with an `id` keep their photo).
    Send the `version` you read: a newer one on the server means a 409 and nothing is changed."""
    trail = reading.any_trail_or_404(g.city, slug=slug)
    values, extra = _split(body)
    return editing.update_trail(trail, values, current_actor(), expected_version=body["version"],
                                 slug=extra.get("slug"), stops=extra.get("stops"), path=extra.get("path"))


@blp.route("/cities/<city>/trails/<slug>", methods=["DELETE"])
@marketer_required
@blp.arguments(VersionSchema)
@blp.response(204)
def remove(body, slug):
    """Delete a trail with its stops and history."""
    editing.delete_trail(reading.any_trail_or_404(g.city, slug=slug), expected_version=body.get("version"))


@blp.route("/cities/<city>/trails/<slug>/publish", methods=["POST"])
@marketer_required
@blp.arguments(VersionSchema)
@blp.response(200, TrailSchema)
def publish(body, slug):
    """Make the trail visible to everyone (it needs at least one stop)."""
    trail = reading.any_trail_or_404(g.city, slug=slug)
    return publishing.set_status(trail, TrailStatus.PUBLISHED, current_actor(), expected_version=body.get("version"))


@blp.route("/cities/<city>/trails/<slug>/unpublish", methods=["POST"])
@marketer_required
@blp.arguments(VersionSchema)
@blp.response(200, TrailSchema)
def unpublish(body, slug):
    """Back to draft: the public page, downloads and API answer 404 again."""
    trail = reading.any_trail_or_404(g.city, slug=slug)
    return publishing.set_status(trail, TrailStatus.DRAFT, current_actor(), expected_version=body.get("version"))
