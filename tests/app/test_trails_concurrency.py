"""Optimistic concurrency holds in the database too: a writer whose read went stale between the
version check and the UPDATE gets a 409, and the other writer's save stays."""
import pytest
from sqlalchemy import text

from app.core.problem import ProblemError
from app.extensions import db
from tests.support.trails import make_trail, trail_state


def test_a_save_that_lost_the_race_is_a_conflict(app):
    from app.cities.services import city_by_slug
    from app.trails.services import editing, reading
    trail_ref = make_trail(app)
    with app.test_request_context("/brugge/"):
        trail = reading.any_trail_or_404(city_by_slug("brugge"), trail_id=trail_ref["id"])
        assert trail.version == 1
        # Another worker saves in between, on its own connection.
        with db.engine.begin() as other:
            other.execute(text("UPDATE trail SET version = 2, title = :t WHERE id = :id"),
                          {"t": '{"nl": "Van de andere"}', "id": trail.id})
        with pytest.raises(ProblemError) as refused:
            editing.update_trail(trail, {"summary": {"nl": "Van mij"}}, None, expected_version=1)
        assert refused.value.status == 409 and refused.value.code == "edit_conflict"
        db.session.remove()
    state = trail_state(app, trail_ref["id"])
    assert state["version"] == 2 and state["title"] == {"nl": "Van de andere"} and state["revisions"] == 1
