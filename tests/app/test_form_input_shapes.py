"""Every HTML form route survives a body of the wrong shape: a JSON body, text/plain, repeated keys,
huge strings and ``a[b]`` keys are a 4xx page (or the normal answer to a form), never a 500, and a
refused request writes no row. Where the route has fields, a field sent twice or 200,000 characters
long is always refused (4xx): never silently cut or half taken.

Routes come from ``app.url_map`` (every POST rule outside /api/), filled from the demo data and
called as a role that may reach them, both taken from the authorisation matrix.
"""
import pytest

from tests.support.hostile import failures_report, judge
from tests.support.authz import ALIASES, MATRIX, fill, row_counts, write_rules

ROLE_ORDER = ("marketer", "owner", "shopper", "admin", "anonymous")
HUGE = "x" * 200_000
INPUT_REFUSALS = {400, 413, 415, 422}  # the body itself was refused: nothing may be written
WRONG_FIELD_VALUES = ("repeated keys", "huge strings")  # for a route with fields: always a 4xx


def html_form_routes(app) -> list[str]:
    return sorted(endpoint for endpoint, paths in write_rules(app).items()
                  if not any(path.startswith("/api/") for path in paths))


def reaching_role(endpoint: str) -> str:
    return next(role for role in ROLE_ORDER if role in MATRIX[endpoint].allowed)


def shaped_bodies(case_form: dict) -> list[tuple[str, dict]]:
    fields = list(case_form) or ["name"]
    field = fields[0]
    urlencoded = "application/x-www-form-urlencoded"
    return [
        ("JSON body", {"json": {name: [1, {"x": None}] for name in fields}}),
        ("JSON null", {"data": b"null", "content_type": "application/json"}),
        ("JSON array", {"data": b"[1, 2, 3]", "content_type": "application/json"}),
        ("text/plain", {"data": "&".join(f"{name}=x" for name in fields), "content_type": "text/plain"}),
        ("no content type", {"data": b"\x00\x01garbage", "content_type": ""}),
        ("repeated keys", {"data": "&".join(f"{name}=1&{name}=2&{name}=" for name in fields),
                           "content_type": urlencoded}),
        ("huge strings", {"data": {name: HUGE for name in fields}}),
        ("bracket keys", {"data": {f"{field}[b]": "1", f"{field}[]": "2", "a[b][c]": "3", field + "[": "4"}}),
    ]


@pytest.mark.parametrize("endpoint", [e for e in sorted(MATRIX) if not MATRIX[e].path.startswith("/api/")])
def test_form_route_answers_a_wrong_body_shape_with_a_4xx_page(app, refs, endpoint):
    case = MATRIX[endpoint]
    values = refs["home"]
    role = reaching_role(endpoint)
    client = app.test_client()
    if role != "anonymous":
        from tests.support.authz import EMAILS
        client.login(EMAILS[role])
    url = fill(case.path, values)
    failures = []
    for name, kwargs in shaped_bodies(fill(case.form or {}, values)):
        before = row_counts(app)
        response = client.open(url, method=case.method, **kwargs)
        failure = judge(response, f"{case.method} {url} as {role} with {name}")
        if failure:
            failures.append(failure)
        elif case.form and name in WRONG_FIELD_VALUES and response.status_code < 400:
            failures.append(f"{response.status_code} {url} as {role} with {name}: taken instead of refused")
        elif response.status_code in INPUT_REFUSALS and row_counts(app) != before:
            failures.append(f"{response.status_code} {url} with {name}: refused but wrote rows")
    assert not failures, failures_report(failures)


def test_every_html_form_route_is_probed(app):
    probed = {e for e in MATRIX if not MATRIX[e].path.startswith("/api/")}
    assert set(html_form_routes(app)) <= probed


def test_rate_limited_scan_with_a_json_body_is_a_429_page(app, refs):
    app.config.update(SCAN_LIMIT_PER_IP="2 per minute", SCAN_LIMIT_PER_ACCOUNT="2 per minute")
    client = app.test_client()
    url = fill(MATRIX["loyalty.scan_post"].path, refs["home"])
    statuses = [client.post(url, json={"code": ["x"]}).status_code for _ in range(4)]
    assert 500 not in statuses, statuses
    assert statuses[-1] == 429, statuses
    response = client.post(url, json={"code": ["x"]})
    assert response.status_code == 429 and response.mimetype == "text/html"
    assert "<main" in response.get_data(as_text=True)
