"""The JSON API fuzzed with schemathesis: every operation of /api/v1/openapi.json, called as each role.

Checks, for every generated request and every role: no 5xx, the status code is documented, the
content type is documented, and the body matches the documented schema (success and problem+json).
Two passes per operation: free values everywhere, and the same with real Brugge path values
(city, shop, card) so the success paths are exercised too. Bounded: EXAMPLES per pass.
Each operation gets its own fresh database (the `app` fixture); examples within it share it.
"""
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)
from sqlalchemy import select

from app.extensions import db

EXAMPLES = 6
ROLES = {"anonymous": None, "shopper": "shopper@kick.test", "merchant": "merchant1@brugge.kick.test",
         "marketer": "marketer@brugge.kick.test", "admin": "admin@kick.test"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                         phases=[Phase.explicit, Phase.generate],
                         suppress_health_check=list(HealthCheck))


def _schema_app():
    """An app only to read the OpenAPI document at collection time; requests go to the per-test `app`."""
    from app import create_app
    from tests.conftest import base_config
    return create_app(base_config("sqlite://", Path(tempfile.mkdtemp(prefix="kick-fuzz-"))))


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _schema_app())


@pytest.fixture
def sessions(app):
    """Per role: the session cookie and CSRF token a client gets from POST /api/v1/auth/login."""
    # Generous limits: the fuzz is about answers, not about being throttled after ten calls.
    app.config.update(LOGIN_LIMIT_PER_IP="100000 per minute", LOGIN_LIMIT_PER_ACCOUNT="100000 per minute",
                      SCAN_LIMIT_PER_IP="100000 per minute", SCAN_LIMIT_PER_ACCOUNT="100000 per minute",
                      SCAN_NUMERIC_LIMIT_PER_SHOP="100000 per minute")
    found = {}
    for role, email in ROLES.items():
        client = app.test_client()
        if email is None:
            token = client.get("/api/v1/me").get_json()["csrf_token"]
        else:
            response = client.post("/api/v1/auth/login", json={"email": email, "password": "kick-demo"})
            assert response.status_code == 200, (role, response.get_json())
            token = response.get_json()["csrf_token"]
        cookie = client.get_cookie("session")
        # identity: the WSGI test transport does not un-gzip (app.pwa.compression would gzip JSON)
        found[role] = ({"X-CSRFToken": token, "Accept-Encoding": "identity"},
                       {"session": cookie.value} if cookie else {})
    return found


@pytest.fixture
def brugge_values(app):
    """Real path values, so generated requests reach the success paths as well as the 404s."""
    from app.accounts.services import find_user_by_email
    from app.loyalty.models import Card
    from app.shops.models import Shop
    with app.app_context():
        shop_id = db.session.execute(select(Shop.id).join(Shop.owner).where(
            Shop.owner.has(email=ROLES["merchant"]))).scalars().first()
        card_id = db.session.execute(select(Card.id).where(
            Card.user_id == find_user_by_email(ROLES["shopper"]).id)).scalars().first()
        db.session.remove()
    return {"city": "brugge", "city_slug": "brugge", "shop_id": shop_id, "card_id": card_id}


def _call_as_every_role(app, case, sessions):
    for role, (headers, cookies) in sessions.items():
        try:
            case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS, app=app)
        except Exception as error:  # name the role in the failure report
            raise AssertionError(f"as {role}: {error}") from error


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_answers_every_role_within_its_documented_contract(app, case, sessions):
    _call_as_every_role(app, case, sessions)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_with_real_brugge_rows(app, case, sessions, brugge_values):
    for name in list(case.path_parameters or {}):
        if name in brugge_values:
            case.path_parameters[name] = brugge_values[name]
    _call_as_every_role(app, case, sessions)
