"""A connection PostgreSQL terminates after the answer is built (a restart mid-request) must not turn
that answer into a 500 when the session is closed; the next request gets a fresh connection.
Found by `bench/load --fault pg-restart` (4 bare 500s among 162 proper 503s)."""
import os

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.extensions import db

pytestmark = pytest.mark.skipif(os.environ.get("KICK_TEST_BACKEND", "sqlite") != "postgresql",
                                reason="terminating a backend needs PostgreSQL (KICK_TEST_BACKEND=postgresql)")


def _terminate(database_url: str, pid: int) -> None:
    url = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]


def test_connection_cut_after_the_answer_is_not_a_500(app, database_url):
    @app.get("/test-only/cut-after-answer")
    def cut_after_answer():
        # The request's transaction is open (autobegin); its backend dies before teardown.
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        _terminate(database_url, pid)
        return "answered"

    client = app.test_client()
    response = client.get("/test-only/cut-after-answer")
    assert response.status_code == 200 and response.data == b"answered"
    # The dead connection was thrown away: the next pages work on the same app, no restart.
    assert client.get("/brugge/").status_code == 200
    assert client.get("/brugge/shops/").status_code == 200
