"""The job queue (app.jobs) in its in-process modes: inline (tests) and thread (the zero-setup default).
A job is a function name and JSON arguments, runs in an app context of its own, is tried again after a
failure, and a failure is logged without the job's data."""
import logging
import threading
import time

import pytest

from app import create_app, jobs
from app.config import build_config
from tests.support import jobs as fake

ADDRESS = "anna.peeters@example.be"


@pytest.fixture(autouse=True)
def fresh_calls():
    fake.calls.clear()
    fake.failures_left.clear()
    yield
    fake.calls.clear()


def _app(app_config, **config):
    return create_app({**app_config, **config})


def test_an_inline_job_runs_at_once_with_its_arguments(app_config):
    app = _app(app_config, KICK_JOBS="inline")
    with app.app_context():
        jobs.enqueue("tests.support.jobs:record", 7, "Brugge", {"day": "2026-12-01"})
    assert fake.calls == [("record", [7, "Brugge", {"day": "2026-12-01"}], threading.current_thread().name)]


def test_a_failing_job_is_tried_again_and_its_failure_logged_without_its_data(app_config, caplog):
    app = _app(app_config, KICK_JOBS="inline")
    fake.failures_left["twice"] = 2
    fake.failures_left["always"] = 99
    with app.app_context(), caplog.at_level(logging.WARNING, logger="app.jobs"):
        jobs.enqueue("tests.support.jobs:flaky", "twice")
        jobs.enqueue("tests.support.jobs:flaky", "always")
    assert [c[1] for c in fake.calls].count(["twice"]) == 3  # two failures, then it worked
    assert [c[1] for c in fake.calls].count(["always"]) == 4  # one try and three retries, then it gives up
    assert "failed for good on attempt 4: ConnectionError" in caplog.text
    assert ADDRESS not in caplog.text and "always" not in caplog.text


def test_a_thread_job_runs_off_the_callers_thread_and_retries_after_its_delay(app_config):
    app = _app(app_config, KICK_JOBS="thread", KICK_JOB_RETRY_DELAYS=(0.05, 0.05, 0.05))
    fake.failures_left["once"] = 1
    with app.app_context():
        jobs.enqueue("tests.support.jobs:record", "hallo")
        jobs.enqueue("tests.support.jobs:flaky", "once")
    backend = app.extensions[jobs.EXTENSION]
    assert backend.wait_idle(5)
    for _ in range(100):  # the retry comes back after its delay
        if [c[1] for c in fake.calls].count(["once"]) == 2:
            break
        time.sleep(0.02)
    assert [c[1] for c in fake.calls].count(["once"]) == 2
    assert {c[2] for c in fake.calls} == {"kick-jobs"}  # never on the caller's thread
    assert backend.pending() == 0


def test_a_slow_job_does_not_hold_up_the_caller(app_config):
    app = _app(app_config, KICK_JOBS="thread")
    gate = threading.Event()
    import tests.support.jobs as module
    module.wait_for_gate = lambda: gate.wait(5)  # a mail server that takes its time
    with app.app_context():
        jobs.enqueue("tests.support.jobs:wait_for_gate")
    assert app.extensions[jobs.EXTENSION].pending() == 1  # enqueue returned while the job still runs
    gate.set()
    assert app.extensions[jobs.EXTENSION].wait_idle(5)


def test_a_job_gets_a_database_session_of_its_own(app_config):
    from app.extensions import db
    app = _app(app_config, KICK_JOBS="inline")
    with app.app_context():
        db.session.info["callers_state"] = True
        jobs.enqueue("tests.support.jobs:session_info", "k")
    assert fake.calls[0][1] == ["k", []]


@pytest.mark.parametrize("name", ["tests.support.jobs", "tests.support.jobs:nothing_here", "no.such.module:job"])
def test_a_job_name_that_names_no_function_is_refused_when_enqueued(app_config, name):
    app = _app(app_config, KICK_JOBS="inline")
    with app.app_context(), pytest.raises((ValueError, ImportError)):
        jobs.enqueue(name)
    assert fake.calls == []


def test_job_arguments_must_be_json(app_config):
    app = _app(app_config, KICK_JOBS="inline")
    with app.app_context(), pytest.raises(TypeError, match="JSON"):
        jobs.enqueue("tests.support.jobs:record", object())
    assert fake.calls == []


def test_the_queue_follows_redis_unless_told(monkeypatch, tmp_path):
    for name in ("KICK_JOBS", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    assert build_config(tmp_path)["KICK_JOBS"] == "thread"  # zero setup: an embedded worker thread
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/0")
    assert build_config(tmp_path)["KICK_JOBS"] == "rq"
    monkeypatch.setenv("KICK_JOBS", "Inline")
    assert build_config(tmp_path)["KICK_JOBS"] == "inline"


@pytest.mark.parametrize("config, message", [({"KICK_JOBS": "celery"}, "KICK_JOBS must be one of"),
                                             ({"KICK_JOBS": "rq", "REDIS_URL": None}, "needs REDIS_URL")])
def test_a_queue_that_cannot_work_stops_the_app_from_starting(app_config, config, message):
    with pytest.raises(RuntimeError, match=message):
        _app(app_config, **config)


def test_the_worker_command_explains_itself_without_redis(app_config):
    result = _app(app_config, KICK_JOBS="thread").test_cli_runner().invoke(args=["jobs", "work", "--burst"])
    assert result.exit_code == 1 and "KICK_JOBS=thread" in result.output and "REDIS_URL" in result.output
