"""Mails travel through the job queue: sent only after the commit, never holding up or breaking the
request, tried again when the mail server fails, logged without the address; on Redis, a worker
(`flask jobs work`) sends them."""
import logging
import smtplib

import pytest

from app import create_app
from app.core.mail import DELIVER_JOB
from app.jobs import EXTENSION
from app.shops.services import profiles as shop_services
from app.core.problem import ProblemError
from tests.conftest import KickClient, confirmation_links, mails, reset_links
from tests.support.jobs import drop_queue, unique_queue
from tests.support.services import redis_or_skip

SHOPPER = "shopper@kick.test"
EMAIL = "nieuw@winkel.test"
SIGN_UP = {"city": "kortrijk", "shop_name": "Hoedje Van Papier", "display_name": "Nele", "email": EMAIL,
           "password": "een-lang-wachtwoord", "confirm": "een-lang-wachtwoord"}


def _app(app_config, **config):
    app = create_app({**app_config, **config})
    app.test_client_class = KickClient
    return app


def test_with_the_embedded_worker_a_rolled_back_request_mails_nothing_and_a_committed_one_once(
        app_config, monkeypatch):
    app = _app(app_config, KICK_JOBS="thread")
    client, backend = app.test_client(), app.extensions[EXTENSION]

    def slug_taken(city, name):
        raise ProblemError(409, "Refused.", code="slug_taken", errors={"name": ["Pick another shop name."]})
    monkeypatch.setattr(shop_services, "_unique_slug", slug_taken)  # after the account and its mail
    assert client.post("/merchant/join", data=SIGN_UP).status_code == 409
    assert backend.wait_idle(5) and mails(app, EMAIL) == []

    monkeypatch.undo()
    assert client.post("/merchant/join", data=SIGN_UP).status_code == 302
    assert backend.wait_idle(5)
    [message] = mails(app, EMAIL)
    assert len(confirmation_links(app, EMAIL)) == 1 and "KICK" in message["Subject"]


class RefusingSMTP:
    """A mail server that refuses the recipient (its error names the address, as real ones do)."""
    tries = 0

    def __init__(self, host, port, timeout):
        type(self).tries += 1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def send_message(self, msg):
        raise smtplib.SMTPRecipientsRefused({msg["To"]: (550, b"5.1.1 no such user")})


def test_a_failing_mail_server_does_not_break_the_request_is_retried_and_logged_without_the_address(
        app, client, monkeypatch, caplog):
    RefusingSMTP.tries = 0
    monkeypatch.setattr("app.core.mail.smtplib.SMTP", RefusingSMTP)
    app.config.update(MAIL_SERVER="smtp.example.test")
    with caplog.at_level(logging.DEBUG):
        response = client.post("/account/password/forgot", data={"email": SHOPPER})
    assert response.status_code == 200 and SHOPPER in response.get_data(as_text=True)  # the page as always
    assert RefusingSMTP.tries == 4  # one try and three retries (inline in tests: without the waits)
    assert f"job {DELIVER_JOB} failed for good on attempt 4: SMTPRecipientsRefused" in caplog.text
    assert SHOPPER not in caplog.text


@pytest.fixture
def redis_app(app_config):
    url = redis_or_skip()
    queue = unique_queue()
    app = _app(app_config, KICK_JOBS="rq", REDIS_URL=url, KICK_JOBS_QUEUE=queue, KICK_JOB_RETRY_DELAYS=(0, 0, 0))
    yield app
    drop_queue(url, queue)


def _jobs_waiting(app) -> int:
    with app.app_context():
        return app.extensions[EXTENSION].health()["queued"]


def test_on_redis_a_mail_waits_for_the_worker_which_sends_it(redis_app):
    client = redis_app.test_client()
    client.register(EMAIL, confirm=False)
    assert mails(redis_app, EMAIL) == [] and _jobs_waiting(redis_app) == 1  # queued, not sent by the request

    result = redis_app.test_cli_runner().invoke(args=["jobs", "work", "--burst"])

    assert result.exit_code == 0, result.output
    assert _jobs_waiting(redis_app) == 0 and len(mails(redis_app, EMAIL)) == 1
    client.open_confirmation_link(EMAIL)  # the link made it through the queue whole
    assert client.get("/readyz").get_json()["checks"]["jobs"]["backend"] == "rq"


def test_on_redis_a_failing_mail_is_retried_then_kept_as_failed_without_the_address(
        redis_app, monkeypatch, caplog):
    from rq import Queue
    from rq.registry import FailedJobRegistry
    RefusingSMTP.tries = 0
    monkeypatch.setattr("app.core.mail.smtplib.SMTP", RefusingSMTP)
    redis_app.config.update(MAIL_SERVER="smtp.example.test")
    client = redis_app.test_client()
    assert client.post("/account/password/forgot", data={"email": SHOPPER}).status_code == 200

    with caplog.at_level(logging.DEBUG):
        result = redis_app.test_cli_runner().invoke(args=["jobs", "work", "--burst"])

    assert result.exit_code == 0 and RefusingSMTP.tries == 4
    with redis_app.app_context():
        backend = redis_app.extensions[EXTENSION]
        registry = FailedJobRegistry(queue=backend.queue())
        [job_id] = registry.get_job_ids()
        job = Queue(backend.queue_name, connection=backend.connection(),
                    serializer=backend.queue().serializer).fetch_job(job_id)
        failure = job.latest_result().exc_string
    assert "SMTPRecipientsRefused" in failure and SHOPPER not in failure
    assert SHOPPER not in caplog.text + result.output
    assert reset_links(redis_app, SHOPPER) == []  # nothing reached the mail log either
