"""Service tests push an app context only, never a request context: a service that read current_user,
the session or the request would fail here (issue 12)."""
import pytest
from flask import has_request_context

from app.extensions import db


@pytest.fixture
def no_request(app):
    app.config["KICK_PUBLIC_URL"] = "https://kick.example"  # links in mails and codes, without a request's host
    with app.app_context():
        assert not has_request_context()
        yield app
        db.session.remove()
