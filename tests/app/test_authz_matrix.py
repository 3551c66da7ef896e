"""Authorisation matrix: every write endpoint (HTML and API) x every role -> the expected answer.

The matrix itself (MATRIX, the roles and the outcome classes) is data in tests/support/authz.py."""
import pytest

from tests.support.authz import (ALIASES, BUSINESS_REFUSALS, EMAILS, MARKETER, MATRIX, ROLES, Case, fill, matrix_size,
                                 row_counts, write_rules)


def _call(app, role: str, case: Case, values: dict):
    client = app.test_client()
    if role != "anonymous":
        client.login(EMAILS[role])
    kwargs = {}
    if case.json is not None:
        kwargs["json"] = fill(case.json, values)
    elif case.form is not None:
        kwargs["data"] = fill(case.form, values)
    return client.open(fill(case.path, values), method=case.method, **kwargs)


def _outcome(response) -> str:
    status = response.status_code
    location = response.headers.get("Location", "")
    if status in (401, 403, 404) or (300 <= status < 400 and location.startswith("/login")):
        return "denied"
    if status < 400 or status in BUSINESS_REFUSALS:
        return "allowed"
    return f"unexpected {status}"


def _check(app, role, case, values, expected):
    response = _call(app, role, case, values)
    outcome = _outcome(response)
    detail = f"{case.method} {fill(case.path, values)} as {role}: {response.status_code} ({outcome})"
    assert outcome == expected, detail
    if role in case.expect:
        assert response.status_code == case.expect[role], detail
    return response


# ------------------------------------------------------------------ the tests

def test_every_write_endpoint_is_in_the_matrix(app):
    rules = write_rules(app)
    missing = sorted(set(rules) - set(MATRIX))
    stale = sorted(set(MATRIX) - set(rules))
    assert not missing, f"write endpoints without a row in MATRIX (decide who may call them): {missing}"
    assert not stale, f"MATRIX rows for endpoints that no longer exist: {stale}"
    for endpoint, paths in rules.items():
        extra = [p for p in paths if p not in ALIASES and len(paths) > 1]
        assert len(extra) <= 1, f"{endpoint} has several URLs; list the extra ones in ALIASES: {paths}"
    print(f"\nauthorisation matrix: {len(MATRIX)} write endpoints x {len(ROLES)} roles = {matrix_size()} cases")


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(app, refs, endpoint):
    """Denied roles first (they must change no row), then another city's rows, then the allowed roles."""
    case = MATRIX[endpoint]
    before = row_counts(app)
    for role in ROLES:
        if role not in case.allowed:
            _check(app, role, case, refs["home"], "denied")
    if case.cross:
        # /brugge/... naming an Oostende shop, trail, stop or revision: a 404 even for Brugge's marketer and the admin
        for role in sorted(case.allowed & MARKETER):
            response = _call(app, role, case, refs["cross"])
            assert response.status_code == 404, f"{endpoint} as {role} with Oostende rows: {response.status_code}"
    assert row_counts(app) == before, "a refused request wrote rows"
    if not case.destructive:
        for role in ROLES:
            if role in case.allowed:
                _check(app, role, case, refs["home"], "allowed")


@pytest.mark.parametrize("endpoint,role", sorted((e, r) for e, c in MATRIX.items() if c.destructive
                                                 for r in c.allowed))
def test_allowed_role_gets_through_a_destructive_endpoint(app, refs, endpoint, role):
    _check(app, role, MATRIX[endpoint], refs["home"], "allowed")
