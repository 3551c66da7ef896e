"""Publishing and unpublishing a trail: a published trail is seen by everyone (page, downloads, API),
a draft only in the studio. A trail needs a stop before it can be published."""
from __future__ import annotations

from flask_babel import gettext as _

from app.core import clock
from app.core.problem import ProblemError
from app.trails.models import RevisionAction, Trail, TrailStatus
from app.trails.services.saving import check_version, save_trail


def set_status(trail: Trail, status: TrailStatus, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    status = TrailStatus(status)
    if status == TrailStatus.PUBLISHED:
        if not trail.stops:
            raise ProblemError(422, _("Add at least one stop before publishing."), code="no_stops",
                               errors={"stops": [_("Add at least one stop before publishing.")]})
        if trail.status != TrailStatus.PUBLISHED:
            trail.published_at = clock.now()
    trail.status = status.value
    action = RevisionAction.PUBLISHED if status == TrailStatus.PUBLISHED else RevisionAction.UNPUBLISHED
    return save_trail(trail, action, author)
